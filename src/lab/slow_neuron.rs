//! The lecture's learning slowdown (slides "Loss functions", "The cross-entropy cost function"; Nielsen, ch. 3): one
//! sigmoid neuron, input x = 1, target y = 0, trained by gradient descent from a start that is saturated (w = 2,
//! b = 2: a ≈ 0.98, σ′(z) ≈ 0.018) or not (w = 0.6, b = 0.9), with a = σ(z), z = wx + b and
//!
//! - the quadratic cost C = (y − a)²/2:  ∂C/∂w = (a − y) σ′(z) x,  ∂C/∂b = (a − y) σ′(z)
//! - the cross-entropy C = −[y ln a + (1 − y) ln(1 − a)]:  ∂C/∂w = x (a − y),  ∂C/∂b = a − y
//!
//! The quadratic's gradient carries σ′(z), which is tiny when the neuron is saturated, so it learns slowly exactly
//! when it is badly wrong; the cross-entropy's does not. Everything is f64.

use super::neuron::{sigmoid, sigmoid_prime};
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum NeuronCost {
    Quadratic,
    CrossEntropy,
}

/// The neuron at one epoch, before that epoch's update.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NeuronState {
    pub w: f64,
    pub b: f64,
    pub z: f64,
    pub a: f64,
    pub sigma_prime: f64,
    pub cost: f64,
    pub dc_dw: f64,
    pub dc_db: f64,
}

/// Numbers per [`NeuronState`] in [`NeuronState::to_array`].
pub const FIELDS: usize = 8;

impl NeuronState {
    /// [w, b, z, a, σ′(z), C, ∂C/∂w, ∂C/∂b]
    pub fn to_array(&self) -> [f64; FIELDS] {
        [self.w, self.b, self.z, self.a, self.sigma_prime, self.cost, self.dc_dw, self.dc_db]
    }
}

/// ln that stays finite when a rounds to exactly 0 or 1.
fn ln(v: f64) -> f64 {
    libm::log(v.max(1e-300))
}

impl NeuronCost {
    /// The neuron with weight w and bias b on input x with target y: its output, cost and gradient.
    pub fn state(self, w: f64, b: f64, x: f64, y: f64) -> NeuronState {
        let z = w * x + b;
        let a = sigmoid(z);
        let sigma_prime = sigmoid_prime(z);
        let (cost, dc_dz) = match self {
            NeuronCost::Quadratic => (0.5 * (y - a) * (y - a), (a - y) * sigma_prime),
            // σ′(z) = a(1 − a) cancels against ∂C/∂a = (a − y)/(a(1 − a)).
            NeuronCost::CrossEntropy => (-(y * ln(a) + (1.0 - y) * ln(1.0 - a)), a - y),
        };
        NeuronState { w, b, z, a, sigma_prime, cost, dc_dw: dc_dz * x, dc_db: dc_dz }
    }

    /// `epochs` steps of gradient descent w → w − η ∂C/∂w, b → b − η ∂C/∂b from (w₀, b₀): epochs + 1 states, the
    /// first at the start and state k after k updates.
    pub fn train(self, w0: f64, b0: f64, x: f64, y: f64, eta: f64, epochs: usize) -> Vec<NeuronState> {
        let mut states = Vec::with_capacity(epochs + 1);
        let mut state = self.state(w0, b0, x, y);
        states.push(state);
        for _ in 0..epochs {
            state = self.state(state.w - eta * state.dc_dw, state.b - eta * state.dc_db, x, y);
            states.push(state);
        }
        states
    }
}
