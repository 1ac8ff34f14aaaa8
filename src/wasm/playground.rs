//! The 2-D playground for JS: a run built from a setup object (the camelCase fields of [`PlaygroundSetup`]) and a
//! config object (those of `TrainConfig`), trained with the same step API as MNIST, and the grid of every neuron's
//! activations read as a Float32Array view of wasm memory.

use super::trainer::{parse_config, to_js, unknown_fields_of};
use super::{finite, from_js, whole};
use crate::nn::Penalty;
use crate::train::playground::{Playground as Core, PlaygroundSetup, MAX_RESOLUTION};
use crate::train::SplitName;
use wasm_bindgen::prelude::*;

/// Most mini-batches per `step` call.
const MAX_BUDGET: usize = 100_000;

fn split_name(split: &str) -> Result<SplitName, JsError> {
    match split {
        "train" => Ok(SplitName::Train),
        "test" => Ok(SplitName::Test),
        other => Err(JsError::new(&format!("split must be \"train\" or \"test\", got \"{other}\""))),
    }
}

#[wasm_bindgen]
pub struct Playground(Core);

#[wasm_bindgen]
impl Playground {
    /// Builds a run; throws an Error naming every invalid field of the setup or the config.
    #[wasm_bindgen(constructor)]
    pub fn new(setup: JsValue, config: JsValue) -> Result<Playground, JsError> {
        let parsed: PlaygroundSetup = from_js("setup", setup.clone()).map_err(|message| JsError::new(&message))?;
        unknown_fields_of("setup", &setup, &to_js(&parsed)?)?;
        let config = parse_config(config).map_err(|message| JsError::new(&message))?;
        Core::new(parsed, config).map(Playground).map_err(|errors| JsError::new(&errors.to_string()))
    }

    /// Trains up to `budget` mini-batches (never past an epoch's end); returns the progress record.
    pub fn step(&mut self, budget: f64) -> Result<JsValue, JsError> {
        let budget = whole("budget", budget, 1, MAX_BUDGET)?;
        to_js(&self.0.trainer.step(budget))
    }

    /// Loss C (with the penalty), C₀ (without), accuracy and confusion matrix on the training or test points.
    pub fn metrics(&mut self, split: &str) -> Result<JsValue, JsError> {
        let name = split_name(split)?;
        let len = self.0.trainer.split(name).len();
        to_js(&self.0.trainer.metrics(name, 0, len).map_err(|error| JsError::new(&error.to_string()))?)
    }

    /// The training or test points as (x₁, x₂, value) triples: value = the class, or the regression target.
    pub fn points(&self, split: &str) -> Result<Vec<f32>, JsError> {
        let (order, n_train) = (&self.0.order, self.0.n_train);
        let indices = if split_name(split)? == SplitName::Train { &order[..n_train] } else { &order[n_train..] };
        let points = &self.0.points;
        Ok(indices.iter().flat_map(|&i| [points.x[2 * i], points.x[2 * i + 1], points.value[i]]).collect())
    }

    /// Layer sizes [n_1, …, n_L].
    pub fn sizes(&self) -> Vec<u32> {
        self.0.trainer.network().sizes().into_iter().map(|n| n as u32).collect()
    }

    /// w^l (rows × n_{l−1}, row-major) for the lecture's layer l = 2 … L.
    pub fn weights(&self, l: f64) -> Result<Vec<f32>, JsError> {
        let layers = &self.0.trainer.network().layers;
        let l = whole("layer", l, 2, layers.len() + 1)?;
        Ok(layers[l - 2].w.clone())
    }

    /// b^l for layer l = 2 … L.
    pub fn biases(&self, l: f64) -> Result<Vec<f32>, JsError> {
        let layers = &self.0.trainer.network().layers;
        let l = whole("layer", l, 2, layers.len() + 1)?;
        Ok(layers[l - 2].b.clone())
    }

    /// Sets w^l_jk to `value` (a student editing one connection).
    #[wasm_bindgen(js_name = setWeight)]
    pub fn set_weight(&mut self, l: f64, j: f64, k: f64, value: f64) -> Result<(), JsError> {
        let layers = &self.0.trainer.network().layers;
        let l = whole("layer", l, 2, layers.len() + 1)?;
        let layer = &layers[l - 2];
        let j = whole("j", j, 0, layer.n_z() - 1)?;
        let k = whole("k", k, 0, layer.n_in - 1)?;
        let value = finite("weight", value)?;
        self.0.trainer.set_weight(l, j, k, value).ok_or_else(|| JsError::new("weight out of range"))
    }

    /// Sets b^l_j to `value`.
    #[wasm_bindgen(js_name = setBias)]
    pub fn set_bias(&mut self, l: f64, j: f64, value: f64) -> Result<(), JsError> {
        let layers = &self.0.trainer.network().layers;
        let l = whole("layer", l, 2, layers.len() + 1)?;
        let j = whole("j", j, 0, layers[l - 2].n_z() - 1)?;
        let value = finite("bias", value)?;
        self.0.trainer.set_bias(l, j, value).ok_or_else(|| JsError::new("bias out of range"))
    }

    /// Changes η and the penalty ("none", "l1" or "l2") with its λ mid-run; the weights are kept.
    #[wasm_bindgen(js_name = setRates)]
    pub fn set_rates(&mut self, eta: f64, penalty: JsValue, lambda: f64) -> Result<(), JsError> {
        let penalty: Penalty = from_js("regularization", penalty).map_err(|message| JsError::new(&message))?;
        let (eta, lambda) = (finite("eta", eta)?, finite("lambda", lambda)?);
        self.0.trainer.set_rates(eta, penalty, lambda).map_err(|errors| JsError::new(&errors.to_string()))
    }

    /// a^l for every training or test point (n × n_l, row-major), l = 1 … L, at inference.
    #[wasm_bindgen(js_name = layerActivations)]
    pub fn layer_activations(&mut self, split: &str, l: f64) -> Result<Vec<f32>, JsError> {
        let name = split_name(split)?;
        let layers = self.0.trainer.network().layers.len();
        let l = whole("layer", l, 1, layers + 1)?;
        self.0.layer_activations(name, l).ok_or_else(|| JsError::new("the page's memory is full — reload the page"))
    }

    /// Computes every neuron's activation over a G × G grid of [−6, 6]² (G = `resolution`) and returns the byte
    /// address of the f32 results in wasm memory: `new Float32Array(wasmMemory().buffer, address, gridLength)`,
    /// laid out as `[offset(l) + j·G² + gy·G + gx]` with offset(l) = G² Σ_{l′<l} n_{l′}, l = 1 (inputs) … L, row 0 at
    /// x₂ = 6. The view is valid until the next call into this run (any call may grow memory and move it): read
    /// it at once, never keep it.
    #[wasm_bindgen(js_name = gridActivations)]
    pub fn grid_activations(&mut self, resolution: f64) -> Result<usize, JsError> {
        let resolution = whole("resolution", resolution, 1, MAX_RESOLUTION)?;
        self.0
            .grid_activations(resolution)
            .map(|grid| grid.as_ptr() as usize)
            .ok_or_else(|| JsError::new("the page's memory is full — reload the page"))
    }

    /// Number of f32 values of the last grid.
    #[wasm_bindgen(getter, js_name = gridLength)]
    pub fn grid_length(&self) -> usize {
        self.0.grid_len()
    }
}

/// The module's memory, for typed-array views of results that stay in it.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}
