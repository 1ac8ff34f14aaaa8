//! What the preprocessing, initialization and batch-norm chapters ask a run beyond training: the values z^l and
//! a^l of one layer over a set of images (histograms at the start), and one neuron's batch normalization over the
//! current mini-batch.

use super::trainer::{split_name, to_js, Trainer};
use super::whole;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Trainer {
    /// `{z, a}` of layer l = 2 … L for images [start, start + count) of a split, at inference, one row per image:
    /// z^l = w^l a^{l−1} + b^l (γ x̂ + β under batch norm), a^l = σ(z^l).
    #[wasm_bindgen(js_name = layerValues)]
    pub fn layer_values(&mut self, split: &str, start: f64, count: f64, l: f64) -> Result<JsValue, JsError> {
        let name = split_name(split)?;
        let len = self.0.split(name).len();
        let start = whole("start", start, 0, len)?;
        let count = whole("count", count, 0, len - start)?;
        let l = whole("layer", l, 2, self.0.network().layers.len() + 1)?;
        if !self.0.network().params_finite() {
            return Err(JsError::new("the weights are not finite (the run diverged)"));
        }
        let (z, a) = self.0.layer_values(name, start, count, l);
        let values = js_sys::Object::new();
        for (key, array) in [("z", z), ("a", a)] {
            js_sys::Reflect::set(&values, &key.into(), &js_sys::Float32Array::from(&array[..]).into())
                .map_err(|_| JsError::new("layerValues"))?;
        }
        Ok(values.into())
    }

    /// Feature j of layer l over the last mini-batch trained: `{layer, neuron, x, mean, var, eps, xHat, gamma,
    /// beta, y, runningMean, runningVar, momentum}` with μ_B = (1/m) Σ x_i, σ²_B = (1/m) Σ (x_i − μ_B)²,
    /// x̂_i = (x_i − μ_B) / √(σ²_B + ε), y_i = γ x̂_i + β.
    #[wasm_bindgen(js_name = batchNormNeuron)]
    pub fn batch_norm_neuron(&self, l: f64, j: f64) -> Result<JsValue, JsError> {
        let layers = &self.0.network().layers;
        let l = whole("layer", l, 2, layers.len() + 1)?;
        let layer = &layers[l - 2];
        if layer.batch_norm.is_none() {
            return Err(JsError::new(&format!("layer {l} has no batch normalization (batchNorm is off or l = L)")));
        }
        let j = whole("neuron", j, 0, layer.n_z() - 1)?;
        let neuron = self.0.batch_norm_neuron(l, j).ok_or_else(|| JsError::new("the page's memory is full"))?;
        to_js(&neuron)
    }
}
