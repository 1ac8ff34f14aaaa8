//! Chapter 2 for JS: one sigmoid neuron, its gradient, and the linear estimate of a small change (all f64).

use super::{finite64, finite_array, whole};
use crate::lab::neuron::{sigmoid, sigmoid_prime, step, Neuron};
use wasm_bindgen::prelude::*;

/// Most inputs of the neuron.
const MAX_INPUTS: usize = 1024;

/// A neuron from JS arrays: w and x equally long (1 … 1024), everything finite.
fn neuron_at(w: &[f64], x: &[f64], b: f64) -> Result<Neuron, JsError> {
    whole("w.length", w.len() as f64, 1, MAX_INPUTS)?;
    if x.len() != w.len() {
        return Err(JsError::new(&format!("x must have one value per weight ({}), got {}", w.len(), x.len())));
    }
    finite_array("w", w.iter().copied())?;
    finite_array("x", x.iter().copied())?;
    Ok(Neuron { w: w.to_vec(), b: finite64("b", b)? })
}

/// [z, σ(z), step(z), σ′(z), ∂output/∂w₁ … ∂output/∂wₙ, ∂output/∂b] with z = w·x + b, ∂/∂wⱼ = σ′(z) xⱼ,
/// ∂/∂b = σ′(z): n + 5 values.
#[wasm_bindgen]
pub fn neuron(w: &[f64], x: &[f64], b: f64) -> Result<Vec<f64>, JsError> {
    let neuron = neuron_at(w, x, b)?;
    let z = neuron.z(x);
    let mut out = vec![z, sigmoid(z), step(z), sigmoid_prime(z)];
    out.extend(neuron.gradient(x));
    Ok(out)
}

/// For w → w + Δw, b → b + Δb: [σ(z + Δz) − σ(z), Σⱼ ∂output/∂wⱼ Δwⱼ + ∂output/∂b Δb, step(z + Δz) − step(z)].
#[wasm_bindgen(js_name = neuronChange)]
pub fn neuron_change(w: &[f64], x: &[f64], b: f64, dw: &[f64], db: f64) -> Result<Vec<f64>, JsError> {
    let neuron = neuron_at(w, x, b)?;
    if dw.len() != w.len() {
        return Err(JsError::new(&format!("dw must have one value per weight ({}), got {}", w.len(), dw.len())));
    }
    finite_array("dw", dw.iter().copied())?;
    let change = neuron.change(x, dw, finite64("db", db)?);
    Ok(vec![change.true_sigmoid, change.linear_estimate, change.true_step])
}
