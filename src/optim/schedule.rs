//! Learning-rate schedules (slides "Learning-rate decay"): η as a function of t, the training time in epochs
//! (fractional within an epoch: t = epoch + batch / batches per epoch); on the 2-D surfaces t is the step.
//!
//! - constant: η(t) = η₀
//! - step: η(t) = η₀ · drop^⌊t / every⌋
//! - linear: η(t) = η₀ (1 − (1 − end) · min(t / over, 1))   (reaches end · η₀ at t = over, then stays)
//! - exponential: η(t) = η₀ e^{−k t}
//! - inverse: η(t) = η₀ / (1 + k t)
//! - inverseSqrt: η(t) = η₀ / √(1 + k t)
//!
//! Optional linear warm-up over the first `warmup` time units: η = η₀ · (t + Δt) / warmup while t + Δt < warmup
//! (Δt is one update: 1/batches-per-epoch in training, 1 on a step clock, so the first update is not wasted with
//! η = 0); afterwards the decay runs on the clock t − warmup.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

fn half() -> f32 {
    0.5
}
fn ten() -> f32 {
    10.0
}
fn thirty() -> f32 {
    30.0
}
fn point_one() -> f32 {
    0.1
}
fn one() -> f32 {
    1.0
}
fn one_percent() -> f32 {
    0.01
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Decay {
    #[default]
    Constant,
    Step {
        #[serde(default = "half")]
        drop: f32,
        #[serde(default = "ten")]
        every: f32,
    },
    Linear {
        #[serde(default = "one_percent")]
        end: f32,
        #[serde(default = "thirty")]
        over: f32,
    },
    Exponential {
        #[serde(default = "point_one")]
        k: f32,
    },
    Inverse {
        #[serde(default = "point_one")]
        k: f32,
    },
    InverseSqrt {
        #[serde(default = "one")]
        k: f32,
    },
}

/// A decay plus an optional warm-up, as JSON `{"decay": {"kind": "step", "drop": 0.5, "every": 10}, "warmup": 0}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Schedule {
    pub decay: Decay,
    /// Warm-up length in time units (epochs in training); 0: none.
    pub warmup: f32,
}

impl Schedule {
    /// η(t) for base rate η₀ = `eta`, for the update that starts at time t and lasts `dt`.
    pub fn eta(&self, eta: f32, t: f32, dt: f32) -> f32 {
        if t + dt < self.warmup {
            return eta * (t + dt) / self.warmup;
        }
        let t = (t - self.warmup).max(0.0);
        match self.decay {
            Decay::Constant => eta,
            Decay::Step { drop, every } => eta * libm::powf(drop, libm::floorf(t / every)),
            Decay::Linear { end, over } => eta * (1.0 - (1.0 - end) * (t / over).min(1.0)),
            Decay::Exponential { k } => eta * libm::expf(-k * t),
            Decay::Inverse { k } => eta / (1.0 + k * t),
            Decay::InverseSqrt { k } => eta / libm::sqrtf(1.0 + k * t),
        }
    }

    /// η at t = 0, 1, …, steps − 1 on a step clock (Δt = 1), for plotting.
    pub fn curve(&self, eta: f32, steps: usize) -> Vec<f32> {
        (0..steps).map(|t| self.eta(eta, t as f32, 1.0)).collect()
    }

    /// Every out-of-range parameter as (field, message).
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let mut positive = |name: &'static str, v: f32| {
            if !(v > 0.0 && v.is_finite()) {
                out.push((name, format!("schedule.decay.{name} must be > 0 and finite, got {v}")));
            }
        };
        match self.decay {
            Decay::Constant => {}
            Decay::Step { drop, every } => {
                positive("every", every);
                if !(drop > 0.0 && drop <= 1.0) {
                    out.push(("drop", format!("schedule.decay.drop must be in (0, 1], got {drop}")));
                }
            }
            Decay::Linear { end, over } => {
                positive("over", over);
                if !(0.0..=1.0).contains(&end) {
                    out.push(("end", format!("schedule.decay.end must be in [0, 1], got {end}")));
                }
            }
            Decay::Exponential { k } | Decay::Inverse { k } | Decay::InverseSqrt { k } => {
                if !(k >= 0.0 && k.is_finite()) {
                    out.push(("k", format!("schedule.decay.k must be ≥ 0 and finite, got {k}")));
                }
            }
        }
        if !(self.warmup >= 0.0 && self.warmup.is_finite()) {
            out.push(("warmup", format!("schedule.warmup must be ≥ 0 and finite, got {}", self.warmup)));
        }
        out
    }
}
