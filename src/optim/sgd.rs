//! Plain stochastic gradient descent on a mini-batch of m samples (the XOR lab's and Nielsen's update):
//! w → w − (η/m) Σₓ ∂Cₓ/∂w,   b → b − (η/m) Σₓ ∂Cₓ/∂b. [`super::Optimizer`] adds penalties, momentum and the rest.

use crate::nn::network::sgd_step;
use crate::nn::{Gradients, Network};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sgd {
    pub eta: f32,
}

impl Sgd {
    /// Applies one update with gradients summed over a mini-batch of `batch_size` samples.
    pub fn update(&self, network: &mut Network, grads: &Gradients, batch_size: usize) {
        let step = self.eta / batch_size as f32;
        network.visit_params(grads, |_, _, theta, nabla| sgd_step(theta, nabla, step));
    }
}
