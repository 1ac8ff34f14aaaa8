//! A fully connected layer l: z^l = w^l a^{l−1} + b^l, a^l = σ(z^l).

use super::{Activation, Init};
use crate::math::rng::Rng;
use alloc::vec;
use alloc::vec::Vec;

/// Weights and biases into layer l. `w` is n_out × n_in, row-major: `w[j * n_in + k]` = w^l_jk, the weight from
/// neuron k in layer l−1 to neuron j in layer l.
#[derive(Clone, Debug, PartialEq)]
pub struct Dense {
    pub n_in: usize,
    pub n_out: usize,
    pub w: Vec<f32>,
    pub b: Vec<f32>,
    pub activation: Activation,
}

impl Dense {
    pub fn zeros(n_in: usize, n_out: usize, activation: Activation) -> Self {
        Dense { n_in, n_out, w: vec![0.0; n_in * n_out], b: vec![0.0; n_out], activation }
    }

    pub fn initialized(n_in: usize, n_out: usize, activation: Activation, init: Init, rng: &mut Rng) -> Self {
        let mut layer = Self::zeros(n_in, n_out, activation);
        init.fill(n_in, &mut layer.w, &mut layer.b, rng);
        layer
    }
}
