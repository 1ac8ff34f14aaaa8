//! `XorLab` for JS: the lecture's XOR network and its training from random weights.

use super::{seed, whole};
use crate::lab::xor::{self, XorInit, XorLab as Lab};
use wasm_bindgen::prelude::*;

/// Largest grid side for `outputGrid`, and most steps per `train` call.
const MAX_GRID: usize = 1024;
const MAX_STEPS: usize = 1_000_000;

#[wasm_bindgen]
pub struct XorLab(Lab);

#[wasm_bindgen]
impl XorLab {
    /// The lecture's weights W¹ = [[1,1],[1,1]], b¹ = [0,−1], w² = [1,−2], b² = 0.
    pub fn lecture() -> XorLab {
        XorLab(Lab::lecture())
    }

    /// Seeded weights from the default init, "mirrored": w¹₁ ~ N(0, 1)², w¹₂ = −w¹₁, b¹ = (½, ½), w² ~ N(0, 1)²,
    /// b² = 0.
    pub fn random(value: f64) -> Result<XorLab, JsError> {
        Ok(XorLab(Lab::random(seed(value)?)))
    }

    /// Seeded weights from `init`: "mirrored" (the default, see `random`) or "gaussian" (every weight and bias
    /// ~ N(0, 1)), to show how often each gets stuck.
    #[wasm_bindgen(js_name = randomWith)]
    pub fn random_with(value: f64, init: &str) -> Result<XorLab, JsError> {
        let init = XorInit::from_name(init).map_err(|message| JsError::new(&message))?;
        Ok(XorLab(Lab::random_with(seed(value)?, init)))
    }

    /// [W¹₁₁, W¹₁₂, W¹₂₁, W¹₂₂, b¹₁, b¹₂, w²₁, w²₂, b²]
    pub fn params(&self) -> Vec<f32> {
        self.0.params().to_vec()
    }

    /// (h₁, h₂) for the inputs (0,0), (0,1), (1,0), (1,1).
    pub fn hidden(&self) -> Vec<f32> {
        self.0.hidden().to_vec()
    }

    pub fn outputs(&self) -> Vec<f32> {
        self.0.outputs().to_vec()
    }

    pub fn targets(&self) -> Vec<f32> {
        xor::TARGETS.to_vec()
    }

    pub fn loss(&self) -> f32 {
        self.0.loss()
    }

    pub fn correct(&self) -> usize {
        self.0.correct()
    }

    /// [dead₁, dead₂] (0/1): hidden ReLU j is dead when z¹ⱼ ≤ 0 on all four inputs; it never learns again.
    #[wasm_bindgen(js_name = deadHidden)]
    pub fn dead_hidden(&self) -> Vec<u8> {
        self.0.dead_hidden().iter().map(|&dead| u8::from(dead)).collect()
    }

    pub fn steps(&self) -> usize {
        self.0.steps()
    }

    /// Full-batch gradient descent; returns the loss afterwards.
    pub fn train(&mut self, steps: f64, eta: f64) -> Result<f32, JsError> {
        let steps = whole("steps", steps, 0, MAX_STEPS)?;
        if !(eta > 0.0 && eta.is_finite()) {
            return Err(JsError::new(&format!("eta must be > 0 and finite, got {eta}")));
        }
        Ok(self.0.train(steps, eta as f32))
    }

    /// Outputs over a res × res grid of the input plane, top row (x₂ = yMax) first.
    #[wasm_bindgen(js_name = outputGrid)]
    pub fn output_grid(
        &mut self,
        res: f64,
        x_min: f32,
        x_max: f32,
        y_min: f32,
        y_max: f32,
    ) -> Result<Vec<f32>, JsError> {
        let res = whole("res", res, 1, MAX_GRID)?;
        if !(x_min < x_max
            && y_min < y_max
            && x_max.is_finite()
            && y_max.is_finite()
            && x_min.is_finite()
            && y_min.is_finite())
        {
            return Err(JsError::new("outputGrid: the ranges must be finite with min < max"));
        }
        Ok(self.0.output_grid(res, (x_min, x_max), (y_min, y_max)))
    }
}
