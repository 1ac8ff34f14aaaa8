//! The lecture's "Example: XOR": a 2-2-1 network, ReLU hidden layer h = max(0, W¹x + b¹), linear output
//! y = w²·h + b², quadratic cost. With W¹ = [[1,1],[1,1]], b¹ = [0,−1], w² = [1,−2], b² = 0 it computes XOR exactly:
//! the hidden layer maps the four inputs to (0,0), (1,0), (1,0), (2,1), where one line separates them.
//!
//! From random weights, full-batch gradient descent often gets stuck: a hidden ReLU that is off on all four inputs
//! gets no gradient again (it is dead), and a net whose hidden units are on everywhere is linear on the data, where
//! the best fit is 0.5 everywhere. [`XorInit::Mirrored`] starts the two hidden neurons facing opposite ways with a
//! small positive bias, so neither starts dead and together they bend the output; it solves about twice as many seeds
//! as N(0, 1) (tests/core/xor.rs has the counts).

use crate::math::rng::Rng;
use crate::nn::{Activation, Cost, Gradients, Init, Network, Workspace};
use crate::optim::Sgd;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// The four inputs (x₁, x₂), row by row, and their targets y = x₁ XOR x₂.
pub const INPUTS: [f32; 8] = [0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0];
pub const TARGETS: [f32; 4] = [0.0, 1.0, 1.0, 0.0];
const N: usize = 4;

/// How [`XorLab::random_with`] draws the weights (seeded, PCG stream 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XorInit {
    /// Every weight and bias ~ N(0, 1) (Nielsen's default).
    Gaussian,
    /// w¹₁ ~ N(0, 1)² (He for n_in = 2: variance 2/n_in), w¹₂ = −w¹₁, b¹ = (½, ½); w² ~ N(0, 1)², b² = 0.
    Mirrored,
}

impl XorInit {
    pub const ALL: [XorInit; 2] = [XorInit::Gaussian, XorInit::Mirrored];

    pub fn name(self) -> &'static str {
        match self {
            XorInit::Gaussian => "gaussian",
            XorInit::Mirrored => "mirrored",
        }
    }

    pub fn from_name(name: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|init| init.name() == name)
            .ok_or_else(|| format!("init must be \"gaussian\" or \"mirrored\", got \"{name}\""))
    }
}

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
        Self::from_params([1.0, 1.0, 1.0, 1.0, 0.0, -1.0, 1.0, -2.0, 0.0])
    }

    /// The same architecture from seeded weights drawn by the default [`XorInit::Mirrored`].
    pub fn random(seed: u64) -> Self {
        Self::random_with(seed, XorInit::Mirrored)
    }

    pub fn random_with(seed: u64, init: XorInit) -> Self {
        let mut rng = Rng::new(seed, 1);
        match init {
            XorInit::Gaussian => Self::with(Self::architecture(&mut rng)),
            XorInit::Mirrored => {
                let (w1, w2) = (rng.gaussian(), rng.gaussian());
                let (v1, v2) = (rng.gaussian(), rng.gaussian());
                Self::from_params([w1, w2, -w1, -w2, 0.5, 0.5, v1, v2, 0.0])
            }
        }
    }

    /// From [W¹₁₁, W¹₁₂, W¹₂₁, W¹₂₂, b¹₁, b¹₂, w²₁, w²₂, b²], the order of [`XorLab::params`].
    fn from_params(params: [f32; 9]) -> Self {
        let mut network = Self::architecture(&mut Rng::new(0, 0));
        network.layers[0].w.copy_from_slice(&params[..4]);
        network.layers[0].b.copy_from_slice(&params[4..6]);
        network.layers[1].w.copy_from_slice(&params[6..8]);
        network.layers[1].b.copy_from_slice(&params[8..]);
        Self::with(network)
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

    /// Hidden ReLU j is dead when z¹ⱼ ≤ 0 on all four inputs: then ∂C/∂z¹ⱼ = 0 on each, so its weights never
    /// change again.
    pub fn dead_hidden(&self) -> [bool; 2] {
        let z = &self.ws.z[0][..2 * N];
        core::array::from_fn(|j| z.chunks_exact(2).all(|row| row[j] <= 0.0))
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
