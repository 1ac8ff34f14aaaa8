//! Weight penalties (slides "Regularization"); biases (and batch-norm γ, β, PReLU α) are never penalized.
//!
//! - L2: C = C₀ + λ/2n Σ w²,  ∂C/∂w = ∂C₀/∂w + (λ/n) w,  SGD: w → (1 − ηλ/n) w − (η/m) Σₓ ∂Cₓ/∂w
//! - L1: C = C₀ + λ/n Σ |w|,  ∂C/∂w = ∂C₀/∂w + (λ/n) sgn(w),  SGD: w → w − (ηλ/n) sgn(w) − (η/m) Σₓ ∂Cₓ/∂w

use super::network::sgd_step;
use super::Network;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Penalty {
    #[default]
    None,
    L2,
    L1,
}

/// A penalty with its λ, and n (the training-set size it is divided by).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Regularization {
    pub penalty: Penalty,
    pub lambda: f32,
    pub n_train: usize,
}

/// sgn(w), with sgn(0) = 0.
pub fn sgn(w: f32) -> f32 {
    if w > 0.0 {
        1.0
    } else if w < 0.0 {
        -1.0
    } else {
        0.0
    }
}

impl Regularization {
    pub const NONE: Regularization = Regularization { penalty: Penalty::None, lambda: 0.0, n_train: 1 };

    pub fn is_on(&self) -> bool {
        self.penalty != Penalty::None && self.lambda != 0.0
    }

    /// λ/n
    pub fn strength(&self) -> f32 {
        if self.is_on() {
            self.lambda / self.n_train as f32
        } else {
            0.0
        }
    }

    /// The term added to the cost: λ/2n Σ w² (L2) or λ/n Σ |w| (L1) over every weight of the network; 0 when off.
    pub fn cost(&self, network: &Network) -> f32 {
        if !self.is_on() {
            return 0.0;
        }
        let weights = network.layers.iter().flat_map(|layer| layer.w.iter());
        let sum: f64 = match self.penalty {
            Penalty::None => 0.0,
            Penalty::L2 => 0.5 * weights.map(|&w| f64::from(w) * f64::from(w)).sum::<f64>(),
            Penalty::L1 => weights.map(|&w| f64::from(w.abs())).sum::<f64>(),
        };
        (sum * f64::from(self.strength())) as f32
    }

    /// The SGD step with this penalty, term by term as on the slide: w → (1 − ηλ/n) w − (η/m) Σₓ ∂Cₓ/∂w (L2),
    /// w → w − (ηλ/n) sgn(w) − (η/m) Σₓ ∂Cₓ/∂w (L1), and without one [`super::network::sgd_step`] with step η/m;
    /// `nabla` = Σₓ ∂Cₓ/∂θ over m = `batch_size` samples.
    pub fn sgd_step(&self, theta: &mut [f32], nabla: &[f32], eta: f32, batch_size: usize) {
        // One loop per penalty keeps the common unpenalized loop as simple (and vectorizable) as possible.
        let shrink = eta * self.strength();
        let step = eta / batch_size as f32;
        let pairs = theta.iter_mut().zip(nabla);
        match self.penalty {
            Penalty::None => sgd_step(theta, nabla, step),
            Penalty::L2 => pairs.for_each(|(w, g)| *w = (1.0 - shrink) * *w - step * g),
            Penalty::L1 => pairs.for_each(|(w, g)| *w = *w - shrink * sgn(*w) - step * g),
        }
    }

    /// ∂(penalty)/∂w for one weight: (λ/n) w or (λ/n) sgn(w).
    #[inline]
    pub fn gradient(&self, w: f32) -> f32 {
        match self.penalty {
            Penalty::None => 0.0,
            Penalty::L2 => self.strength() * w,
            Penalty::L1 => self.strength() * sgn(w),
        }
    }
}
