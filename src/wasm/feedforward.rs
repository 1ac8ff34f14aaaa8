//! Chapter 3 for JS: a small seeded sigmoid network to inspect and edit layer by layer. Layers are numbered as in
//! the lecture, l = 1 (the input) … L; neurons j, k count from 0, as indices into the typed arrays.

use super::{finite, seed, whole};
use crate::lab::feedforward::{FeedforwardLab as Lab, MAX_LAYERS, MAX_NEURONS};
use wasm_bindgen::prelude::*;

/// A JS number that must be a whole number ≥ 0 (the core checks its range and names it).
fn index(name: &str, value: f64) -> Result<usize, JsError> {
    whole(name, value, 0, u32::MAX as usize)
}

fn js(result: Result<(), String>) -> Result<(), JsError> {
    result.map_err(|message| JsError::new(&message))
}

fn array(result: Result<&[f32], String>) -> Result<Vec<f32>, JsError> {
    result.map(<[f32]>::to_vec).map_err(|message| JsError::new(&message))
}

#[wasm_bindgen]
pub struct FeedforwardLab(Lab);

#[wasm_bindgen]
impl FeedforwardLab {
    /// sizes = [n_1, …, n_L]: 2 … 6 layers of 1 … 8 neurons (a Uint32Array or an array of numbers); weights and
    /// biases ~ N(0, 1) from `seed`; sigmoid neurons; the input starts at 0.
    #[wasm_bindgen(constructor)]
    pub fn new(sizes: Vec<f64>, seed_value: f64) -> Result<FeedforwardLab, JsError> {
        whole("sizes.length", sizes.len() as f64, 2, MAX_LAYERS)?;
        let sizes = sizes
            .iter()
            .enumerate()
            .map(|(l, &n)| whole(&format!("sizes[{l}]"), n, 1, MAX_NEURONS))
            .collect::<Result<Vec<_>, _>>()?;
        Lab::new(&sizes, seed(seed_value)?).map(FeedforwardLab).map_err(|message| JsError::new(&message))
    }

    /// L, the number of layers, input included.
    #[wasm_bindgen(getter)]
    pub fn layers(&self) -> usize {
        self.0.layers()
    }

    /// [n_1, …, n_L]
    pub fn sizes(&self) -> Vec<u32> {
        self.0.sizes().into_iter().map(|n| n as u32).collect()
    }

    /// a¹ ← x (n_1 finite values), then a forward pass.
    #[wasm_bindgen(js_name = setInput)]
    pub fn set_input(&mut self, x: &[f32]) -> Result<(), JsError> {
        js(self.0.set_input(x))
    }

    /// w^l (l = 2 … L): n_l × n_{l−1}, row-major, entry j · n_{l−1} + k = w^l_jk (from neuron k of layer l−1 to
    /// neuron j of layer l).
    pub fn weights(&self, l: f64) -> Result<Vec<f32>, JsError> {
        array(self.0.weights(index("l", l)?))
    }

    /// b^l (l = 2 … L), n_l values.
    pub fn biases(&self, l: f64) -> Result<Vec<f32>, JsError> {
        array(self.0.biases(index("l", l)?))
    }

    /// z^l = w^l a^{l−1} + b^l (l = 2 … L).
    pub fn z(&self, l: f64) -> Result<Vec<f32>, JsError> {
        array(self.0.z(index("l", l)?))
    }

    /// a^l = σ(z^l) (l = 2 … L); a(1) is the input.
    pub fn a(&self, l: f64) -> Result<Vec<f32>, JsError> {
        array(self.0.a(index("l", l)?))
    }

    /// w^l_jk ← value (l = 2 … L, j < n_l, k < n_{l−1}), then a forward pass.
    #[wasm_bindgen(js_name = setWeight)]
    pub fn set_weight(&mut self, l: f64, j: f64, k: f64, value: f64) -> Result<(), JsError> {
        let (l, j, k) = (index("l", l)?, index("j", j)?, index("k", k)?);
        js(self.0.set_weight(l, j, k, finite("value", value)?))
    }

    /// b^l_j ← value (l = 2 … L, j < n_l), then a forward pass.
    #[wasm_bindgen(js_name = setBias)]
    pub fn set_bias(&mut self, l: f64, j: f64, value: f64) -> Result<(), JsError> {
        let (l, j) = (index("l", l)?, index("j", j)?);
        js(self.0.set_bias(l, j, finite("value", value)?))
    }
}
