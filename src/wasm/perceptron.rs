//! Chapter 1 for JS: perceptron outputs, the gates' truth tables and perceptrons, the NAND adder, and the
//! perceptron learning rule step by step. Gate names are "and", "or", "nand", "nor", "xor".

use super::{finite, finite_array, whole};
use crate::lab::perceptron::{self, Gate, Learner, Perceptron, ROWS};
use wasm_bindgen::prelude::*;

/// Most inputs of a perceptron.
const MAX_INPUTS: usize = 1024;

fn gate(name: &str) -> Result<Gate, JsError> {
    Gate::from_name(name).map_err(|message| JsError::new(&message))
}

/// w and x: equally long (1 … 1024), finite.
fn weights_and_inputs(w: &[f32], x: &[f32]) -> Result<(), JsError> {
    whole("w.length", w.len() as f64, 1, MAX_INPUTS)?;
    if x.len() != w.len() {
        return Err(JsError::new(&format!("x must have one value per weight ({}), got {}", w.len(), x.len())));
    }
    finite_array("w", w.iter().map(|&v| f64::from(v)))?;
    finite_array("x", x.iter().map(|&v| f64::from(v)))
}

/// 1 if w·x + b > 0, else 0.
#[wasm_bindgen(js_name = perceptronOutput)]
pub fn perceptron_output(w: &[f32], x: &[f32], b: f64) -> Result<u8, JsError> {
    weights_and_inputs(w, x)?;
    Ok(Perceptron { w: w.to_vec(), b: finite("b", b)? }.output(x))
}

/// 1 if Σⱼ wⱼxⱼ > threshold, else 0.
#[wasm_bindgen(js_name = perceptronThresholdOutput)]
pub fn perceptron_threshold_output(w: &[f32], x: &[f32], threshold: f64) -> Result<u8, JsError> {
    weights_and_inputs(w, x)?;
    Ok(perceptron::output_threshold(w, x, finite("threshold", threshold)?))
}

/// The gate's outputs for (0,0), (0,1), (1,0), (1,1).
#[wasm_bindgen(js_name = gateTruthTable)]
pub fn gate_truth_table(name: &str) -> Result<Vec<u8>, JsError> {
    let gate = gate(name)?;
    Ok(ROWS.iter().map(|r| gate.truth(r[0], r[1])).collect())
}

/// [w₁, w₂, b] of a perceptron computing the gate (NAND: the lecture's −2, −2, 3). Throws for "xor".
#[wasm_bindgen(js_name = gatePerceptron)]
pub fn gate_perceptron(name: &str) -> Result<Vec<f32>, JsError> {
    match gate(name)?.perceptron() {
        Some(p) => Ok(vec![p.w[0], p.w[1], p.b]),
        None => Err(JsError::new(
            "xor has no perceptron: no line separates its 1s, (0,1) and (1,0), from its 0s, (0,0) and (1,1)",
        )),
    }
}

/// The half adder of five NAND perceptrons: [g₁, g₂, g₃, g₄, g₅] with g₁ = NAND(x₁, x₂), g₂ = NAND(x₁, g₁),
/// g₃ = NAND(x₂, g₁), g₄ = NAND(g₂, g₃) = sum, g₅ = NAND(g₁, g₁) = carry.
#[wasm_bindgen(js_name = halfAdder)]
pub fn half_adder(x1: f64, x2: f64) -> Result<Vec<u8>, JsError> {
    let (x1, x2) = (whole("x1", x1, 0, 1)? as u8, whole("x2", x2, 0, 1)? as u8);
    Ok(perceptron::half_adder(x1, x2).gates.to_vec())
}

/// a + b for `bits`-bit numbers (bits 1 … 8, a and b in 0 … 2^bits − 1) by full adders of nine NAND perceptrons.
/// Layout (10 · bits + 1 values): for each bit i = 0 … bits − 1 (least significant first) its adder's nine gates
/// [g₁ … g₉] at 9i … 9i + 8, with g₁ = NAND(aᵢ, bᵢ), g₂ = NAND(aᵢ, g₁), g₃ = NAND(bᵢ, g₁), g₄ = NAND(g₂, g₃),
/// g₅ = NAND(g₄, cᵢ), g₆ = NAND(g₄, g₅), g₇ = NAND(cᵢ, g₅), g₈ = NAND(g₆, g₇) = sum bit i,
/// g₉ = NAND(g₅, g₁) = carry into bit i + 1 (c₀ = 0); then the bits + 1 sum bits, least significant first.
#[wasm_bindgen(js_name = rippleAdd)]
pub fn ripple_add(a: f64, b: f64, bits: f64) -> Result<Vec<u8>, JsError> {
    let bits = whole("bits", bits, 1, perceptron::MAX_BITS)?;
    let max = (1 << bits) - 1;
    let (a, b) = (whole("a", a, 0, max)? as u32, whole("b", b, 0, max)? as u32);
    let adder = perceptron::ripple_add(a, b, bits).map_err(|message| JsError::new(&message))?;
    let mut out = adder.gates;
    out.extend((0..=bits).map(|i| ((adder.sum >> i) & 1) as u8));
    Ok(out)
}

/// The perceptron learning rule on a gate's truth table: w ← w + η (y − ŷ) x, b ← b + η (y − ŷ).
#[wasm_bindgen]
pub struct PerceptronLearner(Learner);

#[wasm_bindgen]
impl PerceptronLearner {
    #[wasm_bindgen(constructor)]
    pub fn new(gate_name: &str, eta: f64, w1: f64, w2: f64, b: f64) -> Result<PerceptronLearner, JsError> {
        let gate = gate(gate_name)?;
        let eta = finite("eta", eta)?;
        let (w1, w2, b) = (finite("w1", w1)?, finite("w2", w2)?, finite("b", b)?);
        Learner::new(gate, eta, [w1, w2], b).map(PerceptronLearner).map_err(|message| JsError::new(&message))
    }

    /// Presents the next row: [row, x₁, x₂, y, ŷ, updated (0/1), w₁, w₂, b] (ŷ before the update, w and b after).
    pub fn step(&mut self) -> Vec<f32> {
        let s = self.0.step();
        vec![
            s.row as f32,
            f32::from(s.x[0]),
            f32::from(s.x[1]),
            f32::from(s.y),
            f32::from(s.y_hat),
            f32::from(u8::from(s.updated)),
            s.w[0],
            s.w[1],
            s.b,
        ]
    }

    /// Whole epochs completed.
    #[wasm_bindgen(getter)]
    pub fn epoch(&self) -> usize {
        self.0.epoch()
    }

    /// Rows presented.
    #[wasm_bindgen(getter)]
    pub fn steps(&self) -> usize {
        self.0.steps()
    }

    /// Wrong rows in the epoch of the last step.
    #[wasm_bindgen(getter = errorsThisEpoch)]
    pub fn errors_this_epoch(&self) -> usize {
        self.0.errors_this_epoch()
    }

    /// A whole epoch without an error.
    pub fn converged(&self) -> bool {
        self.0.converged()
    }

    /// The weights came back to a state they had, with an error in between: they will loop forever (XOR).
    pub fn cycled(&self) -> bool {
        self.0.cycled()
    }

    /// [w₁, w₂, b]
    pub fn weights(&self) -> Vec<f32> {
        let w = self.0.w();
        vec![w[0], w[1], self.0.b()]
    }
}
