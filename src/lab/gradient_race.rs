//! The slide's "numerically: simple, approximate, extremely slow", measured: Nielsen's [784, 30, 10] sigmoid
//! network on one image, its full gradient once by central differences — 2 forward passes per parameter, 2 · 23,860
//! in all — and once by backpropagation (one forward and one backward pass). The work is cut into slices
//! ([`GradientRace::numeric_slice`]) so a page can run it between frames and time it.

use crate::math::rng::Rng;
use crate::nn::{Activation, Cost, Gradients, Init, Mode, Network, Workspace};
use alloc::vec;
use alloc::vec::Vec;

pub const SIZES: [usize; 3] = [784, 30, 10];
/// The step of the central differences (f32: a larger h than in f64, against rounding).
pub const H: f32 = 1e-2;

pub struct GradientRace {
    network: Network,
    ws: Workspace,
    x: Vec<f32>,
    y: Vec<f32>,
    /// ∂C/∂θ, weights then biases, layer by layer: by differences (filled slice by slice) and by backprop.
    numeric: Vec<f32>,
    backprop: Vec<f32>,
    grads: Gradients,
    done: usize,
}

impl GradientRace {
    /// Weights ~ N(0, 1) from `seed`; the "image": 784 pixels uniform in [0, 1] and the label 3 (PCG stream 3).
    pub fn new(seed: u64) -> Self {
        let network = Network::new(
            &SIZES,
            Activation::Sigmoid,
            Activation::Sigmoid,
            Cost::Quadratic,
            Init::Gaussian,
            &mut Rng::new(seed, 1),
        );
        let mut rng = Rng::new(seed, 3);
        let x = (0..SIZES[0]).map(|_| rng.uniform()).collect();
        let mut y = vec![0.0; SIZES[2]];
        y[3] = 1.0;
        let n = network.layers.iter().map(|l| l.w.len() + l.b.len()).sum();
        let ws = network.workspace(1);
        let grads = network.zero_gradients();
        let mut race =
            GradientRace { network, ws, x, y, numeric: vec![0.0; n], backprop: vec![0.0; n], grads, done: 0 };
        race.backprop_pass();
        race
    }

    /// Every weight and bias: 784 · 30 + 30 + 30 · 10 + 10 = 23,860.
    pub fn parameters(&self) -> usize {
        self.numeric.len()
    }

    /// How many parameters have their numerical derivative so far.
    pub fn done(&self) -> usize {
        self.done
    }

    /// Starts the numerical gradient over.
    pub fn restart(&mut self) {
        self.done = 0;
    }

    fn cost(&mut self) -> f32 {
        self.ws.input_mut(1).copy_from_slice(&self.x);
        let out = self.network.feedforward(&mut self.ws, 1);
        self.network.cost.value(out, &self.y)
    }

    /// The parameter with flat index `p` (weights, then biases, layer by layer).
    fn param(&mut self, mut p: usize) -> &mut f32 {
        for layer in &mut self.network.layers {
            if p < layer.w.len() {
                return &mut layer.w[p];
            }
            p -= layer.w.len();
            if p < layer.b.len() {
                return &mut layer.b[p];
            }
            p -= layer.b.len();
        }
        unreachable!("parameter index checked by the caller")
    }

    /// The next `count` numerical derivatives (C(θ + h) − C(θ − h)) / 2h, two forward passes each; returns how many
    /// are done in all.
    pub fn numeric_slice(&mut self, count: usize) -> usize {
        let end = (self.done + count).min(self.numeric.len());
        for p in self.done..end {
            let theta = *self.param(p);
            *self.param(p) = theta + H;
            let up = self.cost();
            *self.param(p) = theta - H;
            let down = self.cost();
            *self.param(p) = theta;
            self.numeric[p] = (up - down) / (2.0 * H);
        }
        self.done = end;
        end
    }

    /// One backpropagation pass: forward, BP1–BP4; the gradient kept. Returns C.
    pub fn backprop_pass(&mut self) -> f32 {
        self.ws.input_mut(1).copy_from_slice(&self.x);
        self.network.forward(&mut self.ws, 1, Mode::Train);
        let cost = self.network.backprop(&mut self.ws, 1, &self.y, &mut self.grads);
        let mut i = 0;
        for (w, b) in self.grads.nabla_w.iter().zip(&self.grads.nabla_b) {
            for v in w.iter().chain(b) {
                self.backprop[i] = *v;
                i += 1;
            }
        }
        cost
    }

    /// max |numeric − backprop| over the parameters done so far, and the largest |backprop| among them.
    pub fn agreement(&self) -> (f32, f32) {
        let pairs = self.numeric[..self.done].iter().zip(&self.backprop[..self.done]);
        pairs.fold((0.0f32, 0.0f32), |(d, m), (n, b)| (d.max((n - b).abs()), m.max(b.abs())))
    }
}
