//! The slide's table of output layers and costs that go together — linear + quadratic, sigmoid + cross-entropy,
//! softmax + categorical cross-entropy — each of which gives the output error
//!   δᴸ = ∂C/∂zᴸ = aᴸ − y.
//! A small seeded network (2 inputs, 3 sigmoid hidden neurons, 3 outputs; the same weights for all three pairs)
//! computes zᴸ and aᴸ; δᴸ is computed the long way, with the core's general formula (∇ₐC ⊙ σ′(zᴸ), or Jᵀ∇ₐC for
//! softmax: [`Cost::delta_general`]), next to aᴸ − y.

use crate::math::rng::Rng;
use crate::nn::{Activation, Cost, Init, Network};
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

/// Neurons per layer of the small network.
pub const SIZES: [usize; 3] = [2, 3, 3];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LossPair {
    LinearQuadratic,
    SigmoidCrossEntropy,
    SoftmaxCategorical,
}

impl LossPair {
    pub const ALL: [LossPair; 3] =
        [LossPair::LinearQuadratic, LossPair::SigmoidCrossEntropy, LossPair::SoftmaxCategorical];

    pub fn parts(self) -> (Activation, Cost) {
        match self {
            LossPair::LinearQuadratic => (Activation::Identity, Cost::Quadratic),
            LossPair::SigmoidCrossEntropy => (Activation::Sigmoid, Cost::CrossEntropy),
            LossPair::SoftmaxCategorical => (Activation::Softmax, Cost::CategoricalCrossEntropy),
        }
    }
}

/// One pair's numbers for one input and target.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PairOutput {
    pub z: Vec<f32>,
    pub a: Vec<f32>,
    pub y: Vec<f32>,
    /// Cₓ
    pub cost: f32,
    /// ∂C/∂aⱼ
    pub grad_a: Vec<f32>,
    /// δᴸ from the general formula.
    pub delta: Vec<f32>,
    /// aᴸ − y
    pub a_minus_y: Vec<f32>,
}

/// The pair's network from `seed` (hidden weights and biases N(0, 1), identical for every pair) on input `x` with
/// one-hot target class `target` (< 3).
pub fn evaluate(pair: LossPair, seed: u64, x: [f32; 2], target: usize) -> PairOutput {
    let (output, cost) = pair.parts();
    let network = Network::new(&SIZES, Activation::Sigmoid, output, cost, Init::Gaussian, &mut Rng::new(seed, 11));
    let mut ws = network.workspace(1);
    ws.input_mut(1).copy_from_slice(&x);
    let a = network.feedforward(&mut ws, 1).to_vec();
    let last = network.layers.len() - 1;
    let n = SIZES[2];
    let z = ws.z[last][..n].to_vec();
    let y: Vec<f32> = (0..n).map(|j| if j == target { 1.0 } else { 0.0 }).collect();
    let mut delta = alloc::vec![0.0; n];
    cost.delta_general(output, &network.layers[last].param, &z, &a, &y, &mut delta);
    PairOutput {
        cost: cost.value(&a, &y),
        grad_a: a.iter().zip(&y).map(|(&aj, &yj)| cost.gradient(aj, yj)).collect(),
        a_minus_y: a.iter().zip(&y).map(|(aj, yj)| aj - yj).collect(),
        z,
        a,
        y,
        delta,
    }
}
