//! The lecture's "Example: XOR": a 2-2-1 network, ReLU hidden layer h = max(0, W¹x + b¹), linear output
//! y = w²·h + b², quadratic cost. With W¹ = [[1,1],[1,1]], b¹ = [0,−1], w² = [1,−2], b² = 0 it computes XOR exactly:
//! the hidden layer maps the four inputs to (0,0), (1,0), (1,0), (2,1), where one line separates them.

use crate::math::rng::Rng;
use crate::nn::{Activation, Cost, Gradients, Init, Network, Workspace};
use crate::optim::Sgd;
use alloc::vec::Vec;

/// The four inputs (x₁, x₂), row by row, and their targets y = x₁ XOR x₂.
pub const INPUTS: [f32; 8] = [0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0];
pub const TARGETS: [f32; 4] = [0.0, 1.0, 1.0, 0.0];
const N: usize = 4;

pub struct XorLab {
    network: Network,
    grads: Gradients,
    ws: Workspace,
    grid_ws: Option<Workspace>,
    steps: usize,
}

impl XorLab {
    /// The lecture's weights.
    pub fn lecture() -> Self {
        let mut network = Self::architecture(&mut Rng::new(0, 0));
        network.layers[0].w.copy_from_slice(&[1.0, 1.0, 1.0, 1.0]);
        network.layers[0].b.copy_from_slice(&[0.0, -1.0]);
        network.layers[1].w.copy_from_slice(&[1.0, -2.0]);
        network.layers[1].b.copy_from_slice(&[0.0]);
        Self::with(network)
    }

    /// The same architecture from seeded N(0, 1) weights and biases.
    pub fn random(seed: u64) -> Self {
        Self::with(Self::architecture(&mut Rng::new(seed, 1)))
    }

    fn architecture(rng: &mut Rng) -> Network {
        Network::new(&[2, 2, 1], Activation::Relu, Activation::Identity, Cost::Quadratic, Init::Gaussian, rng)
    }

    fn with(network: Network) -> Self {
        let mut lab =
            XorLab { grads: network.zero_gradients(), ws: network.workspace(N), grid_ws: None, steps: 0, network };
        lab.forward();
        lab
    }

    fn forward(&mut self) {
        self.ws.input_mut(N).copy_from_slice(&INPUTS);
        self.network.feedforward(&mut self.ws, N);
    }

    pub fn network(&self) -> &Network {
        &self.network
    }

    /// [W¹₁₁, W¹₁₂, W¹₂₁, W¹₂₂, b¹₁, b¹₂, w²₁, w²₂, b²]
    pub fn params(&self) -> [f32; 9] {
        let (hidden, output) = (&self.network.layers[0], &self.network.layers[1]);
        [
            hidden.w[0],
            hidden.w[1],
            hidden.w[2],
            hidden.w[3],
            hidden.b[0],
            hidden.b[1],
            output.w[0],
            output.w[1],
            output.b[0],
        ]
    }

    /// (h₁, h₂) for each of the four inputs.
    pub fn hidden(&self) -> &[f32] {
        &self.ws.a[1][..2 * N]
    }

    /// The network's output for each of the four inputs.
    pub fn outputs(&self) -> &[f32] {
        &self.ws.a[2][..N]
    }

    /// C = 1/2n Σₓ ‖y(x) − a(x)‖²
    pub fn loss(&self) -> f32 {
        let outputs = self.outputs();
        (0..N).map(|x| self.network.cost.value(&outputs[x..x + 1], &TARGETS[x..x + 1])).sum::<f32>() / N as f32
    }

    /// Inputs whose output lies on the target's side of ½.
    pub fn correct(&self) -> usize {
        self.outputs().iter().zip(&TARGETS).filter(|&(&a, &y)| (a > 0.5) == (y > 0.5)).count()
    }

    pub fn steps(&self) -> usize {
        self.steps
    }

    /// `steps` steps of full-batch gradient descent with learning rate η; returns the loss afterwards.
    /// η must have been validated (> 0, finite) by the caller.
    pub fn train(&mut self, steps: usize, eta: f32) -> f32 {
        let sgd = Sgd { eta };
        for _ in 0..steps {
            self.forward();
            self.network.backprop(&mut self.ws, N, &TARGETS, &mut self.grads);
            sgd.update(&mut self.network, &self.grads, N);
            self.steps += 1;
        }
        self.forward();
        self.loss()
    }

    /// The output over a res × res grid of the input plane: row r ↔ x₂ = y_max − (r + ½)(y_max − y_min)/res
    /// (top row first), column c ↔ x₁ = x_min + (c + ½)(x_max − x_min)/res.
    pub fn output_grid(&mut self, res: usize, x_range: (f32, f32), y_range: (f32, f32)) -> Vec<f32> {
        let cells = res * res;
        let ws = match &mut self.grid_ws {
            Some(ws) if ws.capacity() >= cells => ws,
            slot => slot.insert(self.network.workspace(cells)),
        };
        let (dx, dy) = ((x_range.1 - x_range.0) / res as f32, (y_range.1 - y_range.0) / res as f32);
        for (cell, point) in ws.input_mut(cells).chunks_exact_mut(2).enumerate() {
            let (r, c) = (cell / res, cell % res);
            point[0] = x_range.0 + (c as f32 + 0.5) * dx;
            point[1] = y_range.1 - (r as f32 + 0.5) * dy;
        }
        self.network.feedforward(ws, cells).to_vec()
    }
}
