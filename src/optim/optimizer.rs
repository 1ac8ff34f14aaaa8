//! Optimizers (slides "Optimizers"), each applied elementwise to every trainable tensor with the mean gradient
//! g = (1/m) Σₓ ∂Cₓ/∂θ (+ the penalty's ∂/∂w for weights):
//!
//! - SGD: θ → θ − η g; with L2 exactly the slide's w → (1 − ηλ/n) w − (η/m) Σₓ ∂Cₓ/∂w
//! - Momentum, the slide's two equivalent forms (equal while η is constant):
//!   `velocity`: v ← β v − η g, θ ← θ + v;   `accumulated`: v ← β v + g, θ ← θ − η v
//! - Nesterov (Sutskever et al. 2013, in the form that needs no look-ahead evaluation, as PyTorch and Keras do):
//!   v ← β v + g,  θ ← θ − η (g + β v)
//! - AdaGrad: G ← G + g²,  θ ← θ − η g / (√G + ε)
//! - RMSProp: s ← β₂ s + (1 − β₂) g²,  θ ← θ − η g / (√s + ε)
//! - Adam: m ← β₁ m + (1 − β₁) g,  v ← β₂ v + (1 − β₂) g²,  m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ),
//!   θ ← θ − η m̂ / (√v̂ + ε). The slide's simplified form (no bias correction, m̂ = m, v̂ = v) is
//!   `biasCorrection: false`: its first steps are scaled by (1 − β₁)/√(1 − β₂) ≈ 3.2 with the default β's
//!   (m and v both start biased towards 0), which shows why the correction exists.
//! - AdamW (Loshchilov & Hutter 2019): Adam plus decoupled weight decay on weights only,
//!   θ ← θ − η (m̂ / (√v̂ + ε) + weightDecay · θ).
//!
//! The per-parameter state (v, G, s, m) lives here, one buffer per tensor, sized once; a new optimizer starts
//! from zero state, so swapping optimizers mid-run resets cleanly.

use crate::math::buffer::{try_filled, OutOfMemory};
use crate::nn::{ParamKind, Regularization};
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MomentumForm {
    /// v ← β v − η g,  θ ← θ + v
    #[default]
    Velocity,
    /// v ← β v + g,  θ ← θ − η v
    Accumulated,
}

fn beta_default() -> f32 {
    0.9
}
fn beta2_default() -> f32 {
    0.999
}
fn eps_default() -> f32 {
    1e-8
}
fn yes() -> bool {
    true
}
fn weight_decay_default() -> f32 {
    0.01
}

/// One optimizer and its hyperparameters, as JSON `{"kind": "adam", "beta1": 0.9, …}`; missing fields take the
/// usual defaults (β = 0.9, β₁ = 0.9, β₂ = 0.999 (RMSProp 0.9), ε = 1e−8, weightDecay = 0.01).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum OptimizerConfig {
    #[default]
    Sgd,
    Momentum {
        #[serde(default = "beta_default")]
        beta: f32,
        #[serde(default)]
        form: MomentumForm,
    },
    Nesterov {
        #[serde(default = "beta_default")]
        beta: f32,
    },
    Adagrad {
        #[serde(default = "eps_default")]
        eps: f32,
    },
    Rmsprop {
        #[serde(default = "beta_default")]
        beta2: f32,
        #[serde(default = "eps_default")]
        eps: f32,
    },
    Adam {
        #[serde(default = "beta_default")]
        beta1: f32,
        #[serde(default = "beta2_default")]
        beta2: f32,
        #[serde(default = "eps_default")]
        eps: f32,
        #[serde(default = "yes", rename = "biasCorrection")]
        bias_correction: bool,
    },
    #[serde(rename = "adamw")]
    AdamW {
        #[serde(default = "beta_default")]
        beta1: f32,
        #[serde(default = "beta2_default")]
        beta2: f32,
        #[serde(default = "eps_default")]
        eps: f32,
        #[serde(default = "weight_decay_default", rename = "weightDecay")]
        weight_decay: f32,
    },
}

impl OptimizerConfig {
    /// Buffers of state per parameter: 0 (SGD), 1 (v, G or s), 2 (Adam's m and v).
    pub fn state_buffers(&self) -> usize {
        match self {
            OptimizerConfig::Sgd => 0,
            OptimizerConfig::Momentum { .. }
            | OptimizerConfig::Nesterov { .. }
            | OptimizerConfig::Adagrad { .. }
            | OptimizerConfig::Rmsprop { .. } => 1,
            OptimizerConfig::Adam { .. } | OptimizerConfig::AdamW { .. } => 2,
        }
    }

    /// Every out-of-range hyperparameter as (field, message), for the config's collected errors.
    pub fn problems(&self) -> Vec<(&'static str, alloc::string::String)> {
        use alloc::format;
        let mut out = Vec::new();
        let mut unit = |name: &'static str, v: f32| {
            if !(0.0..1.0).contains(&v) {
                out.push((name, format!("optimizer.{name} must be in [0, 1), got {v}")));
            }
        };
        match *self {
            OptimizerConfig::Sgd => {}
            OptimizerConfig::Momentum { beta, .. } | OptimizerConfig::Nesterov { beta } => unit("beta", beta),
            OptimizerConfig::Adagrad { .. } => {}
            OptimizerConfig::Rmsprop { beta2, .. } => unit("beta2", beta2),
            OptimizerConfig::Adam { beta1, beta2, .. } | OptimizerConfig::AdamW { beta1, beta2, .. } => {
                unit("beta1", beta1);
                unit("beta2", beta2);
            }
        }
        let eps = match *self {
            OptimizerConfig::Adagrad { eps } | OptimizerConfig::Rmsprop { eps, .. } => eps,
            OptimizerConfig::Adam { eps, .. } | OptimizerConfig::AdamW { eps, .. } => eps,
            _ => 1.0,
        };
        if !(eps > 0.0 && eps <= 1.0) {
            out.push(("eps", format!("optimizer.eps must be in (0, 1], got {eps}")));
        }
        if let OptimizerConfig::AdamW { weight_decay, .. } = *self {
            if !(0.0..=1.0).contains(&weight_decay) {
                out.push(("weightDecay", format!("optimizer.weightDecay must be in [0, 1], got {weight_decay}")));
            }
        }
        out
    }
}

/// An optimizer with its per-parameter state for a fixed list of tensor sizes.
#[derive(Clone, Debug)]
pub struct Optimizer {
    pub config: OptimizerConfig,
    /// Steps taken (t in Adam's bias correction).
    pub t: u32,
    first: Vec<Vec<f32>>,
    second: Vec<Vec<f32>>,
}

impl Optimizer {
    /// Zero state for tensors of the given sizes (only the buffers the kind needs are allocated).
    pub fn new(config: OptimizerConfig, sizes: &[usize]) -> Self {
        Self::try_new(config, sizes).expect("out of memory for the optimizer state")
    }

    /// [`Optimizer::new`] with the state reserved fallibly (the trainer's path).
    pub fn try_new(config: OptimizerConfig, sizes: &[usize]) -> Result<Self, OutOfMemory> {
        let states = config.state_buffers();
        let buffers =
            |on: bool| sizes.iter().map(|&n| try_filled(0.0, if on { n } else { 0 })).collect::<Result<Vec<_>, _>>();
        Ok(Optimizer { config, t: 0, first: buffers(states >= 1)?, second: buffers(states >= 2)? })
    }

    /// Call once per step, before the tensors' updates.
    pub fn begin_step(&mut self) {
        self.t += 1;
    }

    /// Updates tensor `tensor` (θ) from its gradient sum `nabla` over a mini-batch of m = `batch_size` samples:
    /// g = nabla / m (+ the penalty's gradient for weights).
    #[allow(clippy::too_many_arguments)]
    pub fn update(
        &mut self,
        tensor: usize,
        kind: ParamKind,
        eta: f32,
        theta: &mut [f32],
        nabla: &[f32],
        batch_size: usize,
        reg: &Regularization,
    ) {
        let inv_m = 1.0 / batch_size as f32;
        let reg = if kind == ParamKind::Weight { *reg } else { Regularization::NONE };
        let state = &mut self.first[tensor];
        match self.config {
            OptimizerConfig::Sgd => reg.sgd_step(theta, nabla, eta, batch_size),
            OptimizerConfig::Momentum { beta, form } => {
                for ((w, g), v) in theta.iter_mut().zip(nabla).zip(state.iter_mut()) {
                    let g = g * inv_m + reg.gradient(*w);
                    match form {
                        MomentumForm::Velocity => {
                            *v = beta * *v - eta * g;
                            *w += *v;
                        }
                        MomentumForm::Accumulated => {
                            *v = beta * *v + g;
                            *w -= eta * *v;
                        }
                    }
                }
            }
            OptimizerConfig::Nesterov { beta } => {
                for ((w, g), v) in theta.iter_mut().zip(nabla).zip(state.iter_mut()) {
                    let g = g * inv_m + reg.gradient(*w);
                    *v = beta * *v + g;
                    *w -= eta * (g + beta * *v);
                }
            }
            OptimizerConfig::Adagrad { eps } => {
                for ((w, g), sum) in theta.iter_mut().zip(nabla).zip(state.iter_mut()) {
                    let g = g * inv_m + reg.gradient(*w);
                    *sum += g * g;
                    *w -= eta * g / (libm::sqrtf(*sum) + eps);
                }
            }
            OptimizerConfig::Rmsprop { beta2, eps } => {
                for ((w, g), s) in theta.iter_mut().zip(nabla).zip(state.iter_mut()) {
                    let g = g * inv_m + reg.gradient(*w);
                    *s = beta2 * *s + (1.0 - beta2) * g * g;
                    *w -= eta * g / (libm::sqrtf(*s) + eps);
                }
            }
            OptimizerConfig::Adam { beta1, beta2, eps, bias_correction } => {
                let (c1, c2) = if bias_correction { corrections(beta1, beta2, self.t) } else { (1.0, 1.0) };
                let hyper = AdamStep { beta1, beta2, eps, c1, c2, eta, decay: 0.0 };
                hyper.apply(theta, nabla, inv_m, state, &mut self.second[tensor], &reg);
            }
            OptimizerConfig::AdamW { beta1, beta2, eps, weight_decay } => {
                let (c1, c2) = corrections(beta1, beta2, self.t);
                let decay = if kind == ParamKind::Weight { weight_decay } else { 0.0 };
                let hyper = AdamStep { beta1, beta2, eps, c1, c2, eta, decay };
                hyper.apply(theta, nabla, inv_m, state, &mut self.second[tensor], &reg);
            }
        }
    }
}

/// (1 − β₁ᵗ, 1 − β₂ᵗ)
fn corrections(beta1: f32, beta2: f32, t: u32) -> (f32, f32) {
    let t = t.max(1) as i32;
    (1.0 - libm::powf(beta1, t as f32), 1.0 - libm::powf(beta2, t as f32))
}

/// One Adam (or AdamW) step's numbers: β₁, β₂, ε, the bias-correction divisors c₁ = 1 − β₁ᵗ and c₂ = 1 − β₂ᵗ
/// (1 without the correction), η, and the decoupled weight decay (0 for Adam and for AdamW's non-weights).
#[derive(Clone, Copy)]
struct AdamStep {
    beta1: f32,
    beta2: f32,
    eps: f32,
    c1: f32,
    c2: f32,
    eta: f32,
    decay: f32,
}

impl AdamStep {
    /// m ← β₁ m + (1 − β₁) g,  v ← β₂ v + (1 − β₂) g²,  θ ← θ − η ((m / c₁) / (√(v / c₂) + ε) + decay · θ)
    /// for every element, with g = nabla / m_batch + the penalty's gradient (`inv_m` = 1 / m_batch).
    fn apply(&self, theta: &mut [f32], nabla: &[f32], inv_m: f32, m: &mut [f32], v: &mut [f32], reg: &Regularization) {
        let AdamStep { beta1, beta2, eps, c1, c2, eta, decay } = *self;
        for (((w, g), mi), vi) in theta.iter_mut().zip(nabla).zip(m.iter_mut()).zip(v.iter_mut()) {
            let g = g * inv_m + reg.gradient(*w);
            *mi = beta1 * *mi + (1.0 - beta1) * g;
            *vi = beta2 * *vi + (1.0 - beta2) * g * g;
            let step = (*mi / c1) / (libm::sqrtf(*vi / c2) + eps);
            *w -= eta * (step + decay * *w);
        }
    }
}
