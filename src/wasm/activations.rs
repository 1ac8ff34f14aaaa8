//! Chapter 10 for JS (activation functions): the two gallery entries `activationSamples` cannot sample — the gated
//! linear unit (the core's [`Glu`] with one input and one output) and maxout (the core's maxout layer with one
//! input, one neuron and k pieces).

use super::{finite, finite_array, whole};
use crate::nn::glu::Glu;
use crate::nn::{Activation, Dense};
use wasm_bindgen::prelude::*;

const MAX_POINTS: usize = 100_000;
const MAX_PIECES: usize = 16;
/// Parameters and inputs beyond this say nothing a plot could show.
const MAX_VALUE: f32 = 1e4;

fn bounded(name: &str, value: f64) -> Result<f32, JsError> {
    let v = finite(name, value)?;
    if v.abs() <= MAX_VALUE {
        Ok(v)
    } else {
        Err(JsError::new(&format!("{name} must be between -{MAX_VALUE} and {MAX_VALUE}, got {value}")))
    }
}

/// n points from `from` to `to` (inclusive).
fn grid(from: f64, to: f64, n: f64) -> Result<Vec<f32>, JsError> {
    let (from, to) = (bounded("from", from)?, bounded("to", to)?);
    if from >= to {
        return Err(JsError::new(&format!("from must be less than to, got {from} and {to}")));
    }
    let n = whole("n", n, 2, MAX_POINTS)?;
    Ok((0..n).map(|i| from + i as f32 * (to - from) / (n - 1) as f32).collect())
}

fn glu_of(w: f64, b: f64, v: f64, c: f64) -> Result<Glu, JsError> {
    Ok(Glu {
        n_in: 1,
        n_out: 1,
        w: vec![bounded("w", w)?],
        b: vec![bounded("b", b)?],
        v: vec![bounded("v", v)?],
        c: vec![bounded("c", c)?],
    })
}

/// h(x) = (w x + b) · sigmoid(v x + c) and ∂h/∂x at n points from `from` to `to`: [x…, h…, ∂h/∂x…] (3n numbers),
/// from the core's forward and backward pass over the n points as one batch (∂C/∂h = 1 per row).
#[wasm_bindgen(js_name = gluSamples)]
pub fn glu_samples(w: f64, b: f64, v: f64, c: f64, from: f64, to: f64, n: f64) -> Result<Vec<f32>, JsError> {
    let glu = glu_of(w, b, v, c)?;
    let xs = grid(from, to, n)?;
    let m = xs.len();
    let mut ws = glu.workspace(m);
    let mut grads = glu.zero_gradients();
    let h = glu.forward(&xs, m, &mut ws).to_vec();
    glu.backward(&xs, &vec![1.0; m], m, &mut ws, &mut grads);
    Ok(xs.iter().chain(&h).chain(&ws.dx[..m]).copied().collect())
}

/// The unit at one input x: [h, u = w x + b, g = sigmoid(v x + c), ∂h/∂x, ∂h/∂w, ∂h/∂b, ∂h/∂v, ∂h/∂c], from the
/// core's backward pass with ∂C/∂h = 1.
#[wasm_bindgen(js_name = gluGradients)]
pub fn glu_gradients(w: f64, b: f64, v: f64, c: f64, x: f64) -> Result<Vec<f32>, JsError> {
    let glu = glu_of(w, b, v, c)?;
    let x = [bounded("x", x)?];
    let mut ws = glu.workspace(1);
    let mut grads = glu.zero_gradients();
    let h = glu.forward(&x, 1, &mut ws)[0];
    glu.backward(&x, &[1.0], 1, &mut ws, &mut grads);
    Ok(vec![h, ws.u[0], ws.g[0], ws.dx[0], grads.nabla_w[0], grads.nabla_b[0], grads.nabla_v[0], grads.nabla_c[0]])
}

/// Maxout of one input with k = pieces.length / 2 lines `[w₁, b₁, w₂, b₂, …]` (2 ≤ k ≤ 16): f(x) = maxᵢ (wᵢ x + bᵢ)
/// and f′(x) = w of the winning line, at n points: [x…, f…, f′…, winner…] (4n numbers; winner is 0-based), from the
/// core's maxout layer (its forward pass and its routing of the gradient to the largest piece).
#[wasm_bindgen(js_name = maxoutSamples)]
pub fn maxout_samples(pieces: &[f64], from: f64, to: f64, n: f64) -> Result<Vec<f32>, JsError> {
    if !pieces.len().is_multiple_of(2) {
        return Err(JsError::new(&format!("pieces must hold pairs [w, b, w, b, …], got {} numbers", pieces.len())));
    }
    let k = whole("pieces.length / 2", (pieces.len() / 2) as f64, 2, MAX_PIECES)?;
    finite_array("pieces", pieces.iter().copied())?;
    let mut layer = Dense::try_zeros(1, 1, k, Activation::Maxout).map_err(|e| JsError::new(&e.to_string()))?;
    for (i, pair) in pieces.chunks_exact(2).enumerate() {
        layer.w[i] = bounded(&format!("pieces[{}]", 2 * i), pair[0])?;
        layer.b[i] = bounded(&format!("pieces[{}]", 2 * i + 1), pair[1])?;
    }
    let xs = grid(from, to, n)?;
    let m = xs.len();
    let z: Vec<f32> = xs.iter().flat_map(|&x| layer.w.iter().zip(&layer.b).map(move |(w, b)| w * x + b)).collect();
    let mut a = vec![0.0; m];
    layer.activate(&z, &mut a, m);
    let mut delta = vec![0.0; m * k];
    layer.backprop_activation(&vec![1.0; m], &z, &a, &mut delta, true, &mut []);
    let mut slope = Vec::with_capacity(m);
    let mut winner = Vec::with_capacity(m);
    for d in delta.chunks_exact(k) {
        let i = d.iter().position(|&g| g == 1.0).unwrap_or(0);
        slope.push(layer.w[i]);
        winner.push(i as f32);
    }
    Ok(xs.iter().chain(&a).chain(&slope).chain(&winner).copied().collect())
}
