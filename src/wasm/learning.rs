//! Chapters 6–8 for JS (loss functions, gradient descent, SGD): the slow-learning neuron, softmax with its
//! Jacobian, the output/cost pairs, gradient-descent steps on the core's surfaces with the predicted ΔC, and the
//! least-squares line fit with its gradients, paths and Nielsen's SGD loop stepped line by line.

use super::trainer::to_js;
use super::{finite64, finite_array, from_js, seed, whole};
use crate::lab::descent::{self, Verdict};
use crate::lab::line_fit::{cosine, EpochStepper, LineFit, Phase, MAX_POINTS};
use crate::lab::loss_pairs::{self, LossPair};
use crate::lab::slow_neuron::NeuronCost;
use crate::lab::softmax;
use crate::lab::surface::Surface;
use serde::Serialize;
use wasm_bindgen::prelude::*;

const MAX_STEPS: usize = 100_000;
const MAX_GRID: usize = 1024;
const MAX_LOGITS: usize = 10;
/// Weights, biases and logits beyond this saturate every sigmoid and softmax in f64 anyway.
const MAX_PARAM: f64 = 50.0;

fn named<T: serde::de::DeserializeOwned>(what: &str, name: &str) -> Result<T, JsError> {
    from_js(what, JsValue::from_str(name)).map_err(|message| JsError::new(&message))
}

/// A finite number in [lo, hi] (lo excluded when `open`).
fn within(name: &str, value: f64, lo: f64, hi: f64, open: bool) -> Result<f64, JsError> {
    let value = finite64(name, value)?;
    let low_ok = if open { value > lo } else { value >= lo };
    if low_ok && value <= hi {
        Ok(value)
    } else {
        let low = if open { format!("greater than {lo}") } else { format!("at least {lo}") };
        Err(JsError::new(&format!("{name} must be {low} and at most {hi}, got {value}")))
    }
}

fn eta(value: f64) -> Result<f64, JsError> {
    within("eta", value, 0.0, 100.0, true)
}

/// The slow-learning demo: one sigmoid neuron, input 1, target 0, cost "quadratic" or "crossEntropy", trained
/// `epochs` epochs from (w, b): (epochs + 1) × 8 numbers [w, b, z, a, σ′(z), C, ∂C/∂w, ∂C/∂b], the first row at
/// the start.
#[wasm_bindgen(js_name = slowNeuron)]
pub fn slow_neuron(cost: &str, w: f64, b: f64, eta_value: f64, epochs: f64) -> Result<Vec<f64>, JsError> {
    let cost: NeuronCost = named("cost", cost)?;
    let (w, b) = (within("w", w, -MAX_PARAM, MAX_PARAM, false)?, within("b", b, -MAX_PARAM, MAX_PARAM, false)?);
    let states = cost.train(w, b, 1.0, 0.0, eta(eta_value)?, whole("epochs", epochs, 0, MAX_STEPS)?);
    Ok(states.iter().flat_map(|s| s.to_array()).collect())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SoftmaxOut {
    q: Vec<f64>,
    sum: f64,
    /// ∂Qᵢ/∂zⱼ, n × n row-major
    jacobian: Vec<f64>,
    cost: f64,
    /// Q − y
    delta: Vec<f64>,
    /// ∂C/∂z by central differences (h = 10⁻⁵)
    delta_numeric: Vec<f64>,
}

/// Softmax of the logits z (2 … 10) with target class `target`: Q, ΣQ, the Jacobian ∂Qᵢ/∂zⱼ, C = −ln Q_target,
/// δ = Q − y and δ by central differences.
#[wasm_bindgen(js_name = softmaxLab)]
pub fn softmax_lab(z: &[f64], target: f64) -> Result<JsValue, JsError> {
    whole("z.length", z.len() as f64, 2, MAX_LOGITS)?;
    finite_array("z", z.iter().copied())?;
    if let Some((j, v)) = z.iter().enumerate().find(|(_, v)| v.abs() > MAX_PARAM) {
        return Err(JsError::new(&format!("z[{j}] must be between -{MAX_PARAM} and {MAX_PARAM}, got {v}")));
    }
    let target = whole("target", target, 0, z.len() - 1)?;
    let q = softmax::softmax(z);
    to_js(&SoftmaxOut {
        sum: q.iter().sum(),
        jacobian: softmax::jacobian(&q),
        cost: softmax::cross_entropy(z, target),
        delta: softmax::delta(z, target),
        delta_numeric: softmax::delta_numeric(z, target, 1e-5),
        q,
    })
}

/// One of the slide's output/cost pairs ("linearQuadratic", "sigmoidCrossEntropy", "softmaxCategorical") on the
/// small seeded 2-3-3 network: {z, a, y, cost, gradA, delta (general formula), aMinusY}.
#[wasm_bindgen(js_name = lossPair)]
pub fn loss_pair(pair: &str, seed_value: f64, x1: f64, x2: f64, target: f64) -> Result<JsValue, JsError> {
    let pair: LossPair = named("pair", pair)?;
    let x = [within("x1", x1, -10.0, 10.0, false)? as f32, within("x2", x2, -10.0, 10.0, false)? as f32];
    let target = whole("target", target, 0, loss_pairs::SIZES[2] - 1)?;
    to_js(&loss_pairs::evaluate(pair, seed(seed_value)?, x, target))
}

#[derive(Serialize)]
struct GdOut {
    /// 9 numbers per step: [v₁, v₂, C, ∂C/∂v₁, ∂C/∂v₂, Δv₁, Δv₂, predicted ΔC, true ΔC]
    steps: Vec<f64>,
    verdict: Verdict,
}

/// Gradient descent on a surface ("bowl", "rosenbrock", "beale", "saddle", "localMinima") from (x0, y0) with η:
/// {steps, verdict}; fewer than `steps` steps if the point leaves the finite numbers.
#[wasm_bindgen(js_name = gdPath)]
pub fn gd_path(surface: &str, x0: f64, y0: f64, eta_value: f64, steps: f64) -> Result<JsValue, JsError> {
    let surface: Surface = named("surface", surface)?;
    let start = [within("x0", x0, -1e4, 1e4, false)?, within("y0", y0, -1e4, 1e4, false)?];
    let path = descent::gd_path(surface, start, eta(eta_value)?, whole("steps", steps, 0, MAX_STEPS)?);
    to_js(&GdOut { steps: path.iter().flat_map(|s| s.to_array()).collect(), verdict: descent::verdict(surface, &path) })
}

fn points(n: f64) -> Result<usize, JsError> {
    whole("n", n, 2, MAX_POINTS)
}

fn noise(value: f64) -> Result<f64, JsError> {
    within("noise", value, 0.0, 10.0, false)
}

fn param(name: &str, value: f64) -> Result<f64, JsError> {
    within(name, value, -1e4, 1e4, false)
}

/// The least-squares line ŷ = w x + b through n seeded points: cost, gradients, surface and paths.
#[wasm_bindgen]
pub struct LineFitLab(LineFit);

#[wasm_bindgen]
impl LineFitLab {
    /// n points (2 … 10,000), x ~ U(0, 2), y = 1.5 x − 0.5 + noise · N(0, 1), from `seed`.
    #[wasm_bindgen(constructor)]
    pub fn new(n: f64, seed_value: f64, noise_value: f64) -> Result<LineFitLab, JsError> {
        Ok(LineFitLab(LineFit::new(points(n)?, seed(seed_value)?, noise(noise_value)?)))
    }

    #[wasm_bindgen(getter)]
    pub fn n(&self) -> usize {
        self.0.n()
    }

    pub fn xs(&self) -> Vec<f64> {
        self.0.x.clone()
    }

    pub fn ys(&self) -> Vec<f64> {
        self.0.y.clone()
    }

    /// C(w, b) = 1/2n Σ (w x + b − y)²
    pub fn cost(&self, w: f64, b: f64) -> Result<f64, JsError> {
        Ok(self.0.cost([param("w", w)?, param("b", b)?]))
    }

    /// [∂C/∂w, ∂C/∂b] over all n samples.
    pub fn gradient(&self, w: f64, b: f64) -> Result<Vec<f64>, JsError> {
        Ok(self.0.gradient([param("w", w)?, param("b", b)?]).to_vec())
    }

    /// The least-squares [w, b].
    pub fn minimum(&self) -> Vec<f64> {
        self.0.minimum().to_vec()
    }

    /// C over a res × res grid of (w, b), top row (b = bMax) first.
    pub fn grid(&self, res: f64, w_min: f64, w_max: f64, b_min: f64, b_max: f64) -> Result<Vec<f32>, JsError> {
        let res = whole("res", res, 1, MAX_GRID)?;
        let (w_min, w_max, b_min, b_max) =
            (param("wMin", w_min)?, param("wMax", w_max)?, param("bMin", b_min)?, param("bMax", b_max)?);
        if !(w_min < w_max && b_min < b_max) {
            return Err(JsError::new("grid: the ranges must have min < max"));
        }
        Ok(self.0.grid(res, (w_min, w_max), (b_min, b_max)).iter().map(|&c| c as f32).collect())
    }

    /// Full-batch gradient descent: [w₀, b₀, w₁, b₁, …].
    #[wasm_bindgen(js_name = gdPath)]
    pub fn gd_path(&self, w0: f64, b0: f64, eta_value: f64, steps: f64) -> Result<Vec<f64>, JsError> {
        Ok(self.0.gd_path([param("w0", w0)?, param("b0", b0)?], eta(eta_value)?, whole("steps", steps, 0, MAX_STEPS)?))
    }

    /// Mini-batch SGD (m per batch, reshuffled each epoch from `seed`): [w₀, b₀, …] after each of `updates` updates.
    #[wasm_bindgen(js_name = sgdPath)]
    pub fn sgd_path(
        &self,
        w0: f64,
        b0: f64,
        eta_value: f64,
        m: f64,
        updates: f64,
        seed_value: f64,
    ) -> Result<Vec<f64>, JsError> {
        let m = whole("m", m, 1, self.0.n())?;
        let start = [param("w0", w0)?, param("b0", b0)?];
        Ok(self.0.sgd_path(start, eta(eta_value)?, m, whole("updates", updates, 0, MAX_STEPS)?, seed(seed_value)?))
    }

    /// `count` mini-batch estimates of ∇C at (w, b), m samples each without replacement: 3 numbers per estimate,
    /// [∂C/∂w, ∂C/∂b, cos ∠(estimate, ∇C)].
    #[wasm_bindgen(js_name = minibatchGradients)]
    pub fn minibatch_gradients(
        &self,
        w: f64,
        b: f64,
        m: f64,
        count: f64,
        seed_value: f64,
    ) -> Result<Vec<f64>, JsError> {
        let v = [param("w", w)?, param("b", b)?];
        let m = whole("m", m, 1, self.0.n())?;
        let full = self.0.gradient(v);
        let estimates = self.0.minibatch_gradients(v, m, whole("count", count, 1, 1000)?, seed(seed_value)?);
        Ok(estimates.iter().flat_map(|g| [g[0], g[1], cosine(*g, full)]).collect())
    }
}

/// Nielsen's `SGD` / `update_mini_batch` on the line fit, one line per `step()`.
#[wasm_bindgen]
pub struct SgdStepper(EpochStepper);

#[wasm_bindgen]
impl SgdStepper {
    #[wasm_bindgen(constructor)]
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        n: f64,
        data_seed: f64,
        noise_value: f64,
        m: f64,
        eta_value: f64,
        w0: f64,
        b0: f64,
        seed_value: f64,
    ) -> Result<SgdStepper, JsError> {
        let fit = LineFit::new(points(n)?, seed(data_seed)?, noise(noise_value)?);
        let m = whole("m", m, 1, fit.n())?;
        let start = [param("w0", w0)?, param("b0", b0)?];
        Ok(SgdStepper(EpochStepper::new(fit, m, eta(eta_value)?, start, seed(seed_value)?)))
    }

    /// Runs the next line: "shuffle", "slice", "zero", "sample" or "update".
    pub fn step(&mut self) -> String {
        phase_name(self.0.step()).into()
    }

    /// The last line run ("" before the first).
    #[wasm_bindgen(getter)]
    pub fn phase(&self) -> String {
        self.0.last.map_or("", phase_name).into()
    }

    pub fn xs(&self) -> Vec<f64> {
        self.0.fit.x.clone()
    }

    pub fn ys(&self) -> Vec<f64> {
        self.0.fit.y.clone()
    }

    /// The training data's order as shuffled.
    pub fn order(&self) -> Vec<u32> {
        self.0.order.iter().map(|&i| i as u32).collect()
    }

    /// The current mini-batch's sample indices.
    #[wasm_bindgen(js_name = batchIndices)]
    pub fn batch_indices(&self) -> Vec<u32> {
        self.0.batch_indices().iter().map(|&i| i as u32).collect()
    }

    /// [w, b]
    pub fn params(&self) -> Vec<f64> {
        self.0.v.to_vec()
    }

    /// Σ ∇Cₓ over the samples of the current mini-batch so far: [Σ ∂Cₓ/∂w, Σ ∂Cₓ/∂b].
    pub fn nabla(&self) -> Vec<f64> {
        self.0.nabla.to_vec()
    }

    /// C over all n samples at the current (w, b).
    pub fn cost(&self) -> f64 {
        self.0.fit.cost(self.0.v)
    }

    #[wasm_bindgen(getter)]
    pub fn epoch(&self) -> usize {
        self.0.epoch
    }

    #[wasm_bindgen(getter)]
    pub fn batch(&self) -> usize {
        self.0.batch
    }

    #[wasm_bindgen(getter)]
    pub fn batches(&self) -> usize {
        self.0.batches()
    }

    #[wasm_bindgen(getter)]
    pub fn sample(&self) -> usize {
        self.0.sample
    }

    #[wasm_bindgen(getter)]
    pub fn updates(&self) -> usize {
        self.0.updates
    }
}

fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::Shuffle => "shuffle",
        Phase::Slice => "slice",
        Phase::Zero => "zero",
        Phase::Sample => "sample",
        Phase::Update => "update",
    }
}
