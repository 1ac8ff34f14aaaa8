//! Stochastic gradient descent on a mini-batch of m samples:
//! w → w − (η/m) Σₓ ∂Cₓ/∂w,   b → b − (η/m) Σₓ ∂Cₓ/∂b.

use crate::nn::{Gradients, Network};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sgd {
    pub eta: f32,
}

impl Sgd {
    /// Applies one update with gradients summed over a mini-batch of `batch_size` samples.
    pub fn update(&self, network: &mut Network, grads: &Gradients, batch_size: usize) {
        let step = self.eta / batch_size as f32;
        for ((layer, nabla_w), nabla_b) in network.layers.iter_mut().zip(&grads.nabla_w).zip(&grads.nabla_b) {
            for (w, g) in layer.w.iter_mut().zip(nabla_w) {
                *w -= step * g;
            }
            for (b, g) in layer.b.iter_mut().zip(nabla_b) {
                *b -= step * g;
            }
        }
    }
}
