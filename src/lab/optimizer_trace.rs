//! An optimizer's path on a 2-D surface together with what the optimizer keeps at every step (slides
//! "Optimizers"), so the page can show the lecture's claims as they happen: momentum's Δ cancels in steep
//! dimensions and builds up in shallow ones, AdaGrad's Σ∇² only grows (its steps shrink), RMSProp's average
//! forgets, Adam keeps both moments.
//!
//! The point is moved by the same [`Optimizer`] the network uses, as a weight (so AdamW's decoupled weight decay
//! pulls it towards 0; with no regularization every other optimizer treats weights and biases alike, and the path
//! is exactly [`Surface::path`]'s); the state is accumulated alongside from the same gradients, by the slide's
//! formulas:
//!
//! - momentum (velocity form): v ← β v − η g, and the step is Δθ = v;  (accumulated form) v ← β v + g, Δθ = −η v
//! - Nesterov: v ← β v + g, Δθ = −η (g + β v)
//! - AdaGrad: G ← G + g²;  RMSProp: s ← β₂ s + (1 − β₂) g²
//! - Adam, AdamW: m ← β₁ m + (1 − β₁) g,  v ← β₂ v + (1 − β₂) g²  (raw moments; m̂ = m / (1 − β₁ᵗ), v̂ likewise)
//!
//! tests/core/optimizer_trace.rs checks that these states explain every step the optimizer actually took.

use super::surface::Surface;
use crate::nn::{ParamKind, Regularization};
use crate::optim::{MomentumForm, Optimizer, OptimizerConfig, Schedule};
use alloc::vec::Vec;

/// Numbers per record: x, y, f(x, y), g_x, g_y, η, s₁ₓ, s₁ᵧ, s₂ₓ, s₂ᵧ.
pub const TRACE_STRIDE: usize = 10;

/// One record of a trace, after `t` updates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TraceRecord {
    /// θ_t = (x, y)
    pub point: [f32; 2],
    /// f(θ_t)
    pub value: f32,
    /// The gradient the t-th update used, ∇f(θ_{t−1}) (zero at t = 0).
    pub gradient: [f32; 2],
    /// η of the t-th update (schedule applied; 0 at t = 0).
    pub eta: f32,
    /// The first state: momentum's v, AdaGrad's G = Σg², RMSProp's s, Adam's m (zero for SGD).
    pub first: [f32; 2],
    /// The second state: Adam's v (zero for the others).
    pub second: [f32; 2],
}

impl TraceRecord {
    fn write(&self, out: &mut Vec<f32>) {
        out.extend_from_slice(&self.point);
        out.push(self.value);
        out.extend_from_slice(&self.gradient);
        out.push(self.eta);
        out.extend_from_slice(&self.first);
        out.extend_from_slice(&self.second);
    }

    /// The record at index `t` of a flat trace.
    pub fn read(trace: &[f32], t: usize) -> TraceRecord {
        let r = &trace[t * TRACE_STRIDE..(t + 1) * TRACE_STRIDE];
        TraceRecord {
            point: [r[0], r[1]],
            value: r[2],
            gradient: [r[3], r[4]],
            eta: r[5],
            first: [r[6], r[7]],
            second: [r[8], r[9]],
        }
    }
}

/// The state update of the slide's formulas for one dimension.
fn accumulate(config: OptimizerConfig, eta: f32, g: f32, first: &mut f32, second: &mut f32) {
    match config {
        OptimizerConfig::Sgd => {}
        OptimizerConfig::Momentum { beta, form: MomentumForm::Velocity } => *first = beta * *first - eta * g,
        OptimizerConfig::Momentum { beta, form: MomentumForm::Accumulated } | OptimizerConfig::Nesterov { beta } => {
            *first = beta * *first + g
        }
        OptimizerConfig::Adagrad { .. } => *first += g * g,
        OptimizerConfig::Rmsprop { beta2, .. } => *first = beta2 * *first + (1.0 - beta2) * g * g,
        OptimizerConfig::Adam { beta1, beta2, .. } | OptimizerConfig::AdamW { beta1, beta2, .. } => {
            *first = beta1 * *first + (1.0 - beta1) * g;
            *second = beta2 * *second + (1.0 - beta2) * g * g;
        }
    }
}

/// `steps` optimizer steps from `start` on `surface`, one record per point (θ₀ first): at most `steps + 1`
/// records of [`TRACE_STRIDE`] numbers, fewer if the point leaves the finite numbers. η at step t is
/// `schedule.eta(eta, t, 1)`, as in [`Surface::path`].
pub fn optimizer_trace(
    surface: Surface,
    config: OptimizerConfig,
    schedule: Schedule,
    eta: f32,
    start: [f32; 2],
    steps: usize,
) -> Vec<f32> {
    let mut optimizer = Optimizer::new(config, &[2]);
    let mut point = start;
    let mut first = [0.0f32; 2];
    let mut second = [0.0f32; 2];
    let mut out = Vec::with_capacity(TRACE_STRIDE * (steps + 1));
    let value = surface.value(point[0], point[1]);
    TraceRecord { point, value, gradient: [0.0; 2], eta: 0.0, first, second }.write(&mut out);
    for t in 0..steps {
        let gradient = surface.gradient(point[0], point[1]);
        let eta_t = schedule.eta(eta, t as f32, 1.0);
        optimizer.begin_step();
        optimizer.update(0, ParamKind::Weight, eta_t, &mut point, &gradient, 1, &Regularization::NONE);
        if !(point[0].is_finite() && point[1].is_finite()) {
            break;
        }
        for d in 0..2 {
            accumulate(config, eta_t, gradient[d], &mut first[d], &mut second[d]);
        }
        let value = surface.value(point[0], point[1]);
        TraceRecord { point, value, gradient, eta: eta_t, first, second }.write(&mut out);
    }
    out
}
