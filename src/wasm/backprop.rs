//! Chapter 9 for JS: backpropagation step by step on a tiny network (with finite differences and the mini-batch
//! form), the numerical gradient of [784, 30, 10] in slices against one backprop pass, the slide's computational
//! graph and typed expressions parsed into graphs. Layers are numbered as in the lecture (l = 1 is the input).

use super::trainer::to_js;
use super::{finite, finite64, finite_array, seed, whole};
use crate::lab::backprop_steps::{self, Setup, MAX_BATCH, MAX_LAYERS, MAX_NEURONS};
use crate::lab::expr::{self, MAX_VARIABLES};
use crate::lab::gradient_race::GradientRace as Race;
use crate::lab::graph::{slide_graph, Backward, Graph};
use crate::nn::{Activation, Cost};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Largest |x|, |y|, |variable| and upstream gradient accepted.
const MAX_VALUE: f64 = 1e6;

fn activation(what: &str, name: &str) -> Result<Activation, JsError> {
    match name {
        "sigmoid" => Ok(Activation::Sigmoid),
        "tanh" => Ok(Activation::Tanh),
        "relu" => Ok(Activation::Relu),
        "identity" => Ok(Activation::Identity),
        _ => Err(JsError::new(&format!("{what} must be sigmoid, tanh, relu or identity, got {name:?}"))),
    }
}

fn cost(name: &str) -> Result<Cost, JsError> {
    match name {
        "quadratic" => Ok(Cost::Quadratic),
        "crossEntropy" => Ok(Cost::CrossEntropy),
        _ => Err(JsError::new(&format!("cost must be quadratic or crossEntropy, got {name:?}"))),
    }
}

fn values(name: &str, v: &[f64], max_len: usize) -> Result<Vec<f32>, JsError> {
    whole(&format!("{name}.length"), v.len() as f64, 1, max_len)?;
    finite_array(name, v.iter().copied())?;
    v.iter().enumerate().map(|(i, &x)| finite(&format!("{name}[{i}]"), x.clamp(-MAX_VALUE, MAX_VALUE))).collect()
}

#[derive(Serialize)]
struct BackpropOut {
    walk: backprop_steps::Walkthrough,
    batch: backprop_steps::Batch,
}

/// The tiny network's walk-through on one example and the mini-batch form: {walk, batch} (see
/// `lab::backprop_steps`). sizes: 2 … 4 layers of 1 … 4 neurons; hidden/output: "sigmoid", "tanh", "relu",
/// "identity"; cost: "quadratic" or "crossEntropy" (sigmoid outputs); weights ~ N(0, 1) from `seed`.
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen(js_name = backpropLab)]
pub fn backprop_lab(
    sizes: Vec<f64>,
    hidden: &str,
    output: &str,
    cost_name: &str,
    seed_value: f64,
    x: Vec<f64>,
    y: Vec<f64>,
    eta: f64,
    batch: f64,
) -> Result<JsValue, JsError> {
    whole("sizes.length", sizes.len() as f64, 2, MAX_LAYERS)?;
    let sizes = sizes
        .iter()
        .enumerate()
        .map(|(l, &n)| whole(&format!("sizes[{l}]"), n, 1, MAX_NEURONS))
        .collect::<Result<Vec<_>, _>>()?;
    let setup = Setup {
        sizes,
        hidden: activation("hidden", hidden)?,
        output: activation("output", output)?,
        cost: cost(cost_name)?,
        seed: seed(seed_value)?,
        x: values("x", &x, MAX_NEURONS)?,
        y: values("y", &y, MAX_NEURONS)?,
        eta: finite("eta", eta)?,
        batch: whole("batch", batch, 1, MAX_BATCH)?,
    };
    let js = |message: String| JsError::new(&message);
    let walk = backprop_steps::walkthrough(&setup).map_err(js)?;
    let batch = backprop_steps::batch(&setup).map_err(js)?;
    to_js(&BackpropOut { walk, batch })
}

/// Nielsen's [784, 30, 10] on one seeded image: the numerical gradient in slices, and backprop passes.
#[wasm_bindgen]
pub struct GradientRace(Race);

#[wasm_bindgen]
impl GradientRace {
    #[wasm_bindgen(constructor)]
    pub fn new(seed_value: f64) -> Result<GradientRace, JsError> {
        Ok(GradientRace(Race::new(seed(seed_value)?)))
    }

    /// 23,860: every weight and bias.
    #[wasm_bindgen(getter)]
    pub fn parameters(&self) -> usize {
        self.0.parameters()
    }

    #[wasm_bindgen(getter)]
    pub fn done(&self) -> usize {
        self.0.done()
    }

    pub fn restart(&mut self) {
        self.0.restart();
    }

    /// The next `count` (1 … 23,860) numerical derivatives, 2 forward passes each; returns how many are done.
    #[wasm_bindgen(js_name = numericSlice)]
    pub fn numeric_slice(&mut self, count: f64) -> Result<usize, JsError> {
        let count = whole("count", count, 1, self.0.parameters())?;
        Ok(self.0.numeric_slice(count))
    }

    /// `passes` (1 … 10,000) backpropagation passes; returns C.
    #[wasm_bindgen(js_name = backpropPasses)]
    pub fn backprop_passes(&mut self, passes: f64) -> Result<f32, JsError> {
        let passes = whole("passes", passes, 1, 10_000)?;
        let mut cost = 0.0;
        for _ in 0..passes {
            cost = self.0.backprop_pass();
        }
        Ok(cost)
    }

    /// [max |numeric − backprop|, max |backprop|] over the parameters done so far.
    pub fn agreement(&self) -> Vec<f32> {
        let (d, m) = self.0.agreement();
        vec![d, m]
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Variable {
    name: String,
    value: f64,
    /// ∂f/∂variable by backprop through the graph, and by central differences (h = 10⁻⁵).
    grad: f64,
    numeric: f64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GraphOut {
    ok: bool,
    graph: Graph,
    output: usize,
    backward: Backward,
    variables: Vec<Variable>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GraphError {
    ok: bool,
    position: usize,
    message: String,
}

fn graph_out(graph: Graph, output: usize, upstream: f64) -> Result<JsValue, JsError> {
    let backward = graph.backward(output, upstream);
    let variables = graph
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.op == crate::lab::graph::Op::Var)
        .map(|(i, n)| Variable {
            name: n.name.clone(),
            value: n.value,
            grad: backward.grads[i],
            numeric: upstream * graph.numeric_gradient(output, &n.name, 1e-5),
        })
        .collect();
    to_js(&GraphOut { ok: true, graph, output, backward, variables })
}

/// The slide's f(x, y, z) = (x + y)(y − z) as W = x + y, N = y − z, f = W · N, forward and backward.
#[wasm_bindgen(js_name = slideGraph)]
pub fn slide_graph_js(x: f64, y: f64, z: f64) -> Result<JsValue, JsError> {
    let [x, y, z] = [("x", x), ("y", y), ("z", z)].map(|(n, v)| finite64(n, v).map(|v| v.clamp(-MAX_VALUE, MAX_VALUE)));
    let (graph, f) = slide_graph(x?, y?, z?);
    graph_out(graph, f, 1.0)
}

/// A typed expression as a graph: {ok: true, graph, output, backward, variables} or {ok: false, position,
/// message} (position: 0-based character). Variables named in `names` take `values`; others start at 1.
/// `upstream`: the gradient arriving at f from above (1 for ∂f/∂·).
#[wasm_bindgen(js_name = expressionGraph)]
pub fn expression_graph(text: &str, names: Vec<String>, values: Vec<f64>, upstream: f64) -> Result<JsValue, JsError> {
    whole("names.length", names.len() as f64, 0, 4 * MAX_VARIABLES)?;
    whole("values.length", values.len() as f64, names.len(), names.len())?;
    finite_array("values", values.iter().copied())?;
    let upstream = finite64("upstream", upstream)?.clamp(-MAX_VALUE, MAX_VALUE);
    let value_of =
        |name: &str| names.iter().position(|n| n == name).map_or(1.0, |i| values[i].clamp(-MAX_VALUE, MAX_VALUE));
    match expr::parse(text, value_of) {
        Ok(e) => graph_out(e.graph, e.output, upstream),
        Err(e) => to_js(&GraphError { ok: false, position: e.position, message: e.message }),
    }
}
