//! Chapter 9 (Nielsen, ch. 2): backpropagation on a tiny network, one example, every number kept. The numbers
//! come from the core's own [`Network::forward`] and [`Network::backprop`]; this module only lays them out in the
//! order Nielsen's `backprop` computes them and checks each ∂C/∂w, ∂C/∂b against central differences of the cost
//! (computed in f64 from the same weights, so the check is far more precise than the f32 numbers it checks):
//!
//! - forward, l = 2 … L:  z^l = w^l a^{l−1} + b^l,  a^l = σ(z^l)
//! - BP1:  δᴸ = ∇ₐC ⊙ σ′(zᴸ)
//! - BP2:  δ^l = ((w^{l+1})ᵀ δ^{l+1}) ⊙ σ′(z^l),  l = L−1 … 2
//! - BP3:  ∂C/∂b^l_j = δ^l_j
//! - BP4:  ∂C/∂w^l_jk = a^{l−1}_k δ^l_j
//! - the update w ← w − η ∂C/∂w, b ← b − η ∂C/∂b
//!
//! and the mini-batch form: the m samples as one matrix (one row each) through the same code give Σₓ ∂Cₓ/∂w, equal
//! to the sum of m one-sample passes.

use crate::math::rng::Rng;
use crate::nn::{Activation, Cost, Init, Network};
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use serde::Serialize;

pub const MAX_LAYERS: usize = 4;
pub const MAX_NEURONS: usize = 4;
pub const MAX_BATCH: usize = 8;
/// The step of the central differences: (C(θ + h) − C(θ − h)) / 2h in f64.
pub const H: f64 = 1e-6;
/// The activations this chapter offers (their f64 forms for the finite differences are below).
pub const ACTIVATIONS: [Activation; 4] =
    [Activation::Sigmoid, Activation::Tanh, Activation::Relu, Activation::Identity];

#[derive(Clone, Debug)]
pub struct Setup {
    pub sizes: Vec<usize>,
    pub hidden: Activation,
    pub output: Activation,
    pub cost: Cost,
    pub seed: u64,
    pub x: Vec<f32>,
    pub y: Vec<f32>,
    pub eta: f32,
    /// Samples in the mini-batch demonstration.
    pub batch: usize,
}

/// One record of the walk-through, in the order Nielsen's `backprop` computes it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    /// "forward", "bp1", "bp2", "bp3", "bp4" or "update"
    pub kind: &'static str,
    /// The layer (lecture numbering, 2 … L; 0 for the update, which touches every layer).
    pub l: usize,
    /// What the step computes: (z^l then a^l) forward; δ^l for BP1/BP2; ∂C/∂b^l; ∂C/∂w^l row-major.
    pub values: Vec<f32>,
    /// The central-difference values of the same derivatives (BP3, BP4), f64.
    pub numeric: Vec<f64>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Walkthrough {
    pub sizes: Vec<usize>,
    pub x: Vec<f32>,
    pub y: Vec<f32>,
    /// Indexed by layer i = l − 2: w^l (n_l × n_{l−1}, row-major), b^l, z^l, σ′(z^l), δ^l, ∂C/∂b^l, ∂C/∂w^l.
    pub w: Vec<Vec<f32>>,
    pub b: Vec<Vec<f32>>,
    pub z: Vec<Vec<f32>>,
    /// Indexed by l − 1: a¹ = x, a², …, aᴸ.
    pub a: Vec<Vec<f32>>,
    pub sigma_prime: Vec<Vec<f32>>,
    /// (w^{l+1})ᵀ δ^{l+1} for l < L (what BP2 multiplies by σ′); empty for the output layer.
    pub back: Vec<Vec<f32>>,
    /// ∇ₐC = ∂C/∂aᴸ
    pub grad_a: Vec<f32>,
    pub delta: Vec<Vec<f32>>,
    pub nabla_b: Vec<Vec<f32>>,
    pub nabla_w: Vec<Vec<f32>>,
    pub numeric_b: Vec<Vec<f64>>,
    pub numeric_w: Vec<Vec<f64>>,
    /// The largest relative error |backprop − numeric| / max(|backprop|, |numeric|, 10⁻⁸) over every parameter.
    pub max_relative_error: f64,
    pub cost: f32,
    pub eta: f32,
    /// w, b after one step of gradient descent on this example, and the cost they give.
    pub w_after: Vec<Vec<f32>>,
    pub b_after: Vec<Vec<f32>>,
    pub cost_after: f32,
    pub steps: Vec<Step>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Batch {
    pub m: usize,
    /// X (m × n_1), Y (m × n_L), one sample per row.
    pub x: Vec<f32>,
    pub y: Vec<f32>,
    /// Per layer: Δ^l (m × n_l, row x = δ^{x,l}), A^{l−1} (m × n_{l−1}).
    pub delta: Vec<Vec<f32>>,
    pub a_prev: Vec<Vec<f32>>,
    /// Per layer: Σₓ ∂Cₓ/∂w^l from the whole batch at once, (Δ^l)ᵀ A^{l−1}; and from m one-sample passes, summed.
    pub nabla_w_matrix: Vec<Vec<f32>>,
    pub nabla_w_sum: Vec<Vec<f32>>,
    pub nabla_b_matrix: Vec<Vec<f32>>,
    pub nabla_b_sum: Vec<Vec<f32>>,
    /// The largest |matrix − sum| over every entry.
    pub max_difference: f32,
}

impl Setup {
    fn check(&self) -> Result<(), String> {
        let s = &self.sizes;
        if !(2..=MAX_LAYERS).contains(&s.len()) {
            return Err(format!("sizes must list between 2 and {MAX_LAYERS} layers, got {}", s.len()));
        }
        if let Some((l, n)) = s.iter().enumerate().find(|(_, &n)| !(1..=MAX_NEURONS).contains(&n)) {
            return Err(format!("sizes[{l}] must be between 1 and {MAX_NEURONS}, got {n}"));
        }
        for (name, act) in [("hidden", self.hidden), ("output", self.output)] {
            if !ACTIVATIONS.contains(&act) {
                return Err(format!("{name} activation must be sigmoid, tanh, relu or identity"));
            }
        }
        if self.cost == Cost::CategoricalCrossEntropy {
            return Err("cost must be quadratic or crossEntropy".into());
        }
        if self.cost == Cost::CrossEntropy && self.output != Activation::Sigmoid {
            return Err(
                "the cross-entropy cost needs sigmoid outputs (a in (0, 1)): set the output activation to sigmoid"
                    .into(),
            );
        }
        let (n1, nl) = (s[0], s[s.len() - 1]);
        if self.x.len() != n1 {
            return Err(format!("input x must have {n1} values (one per input neuron), got {}", self.x.len()));
        }
        if self.y.len() != nl {
            return Err(format!("target y must have {nl} values (one per output neuron), got {}", self.y.len()));
        }
        if self.x.iter().chain(&self.y).any(|v| !v.is_finite()) {
            return Err("x and y must be finite numbers".into());
        }
        if !(self.eta.is_finite() && self.eta > 0.0 && self.eta <= 100.0) {
            return Err(format!("learning rate eta must be greater than 0 and at most 100, got {}", self.eta));
        }
        if !(1..=MAX_BATCH).contains(&self.batch) {
            return Err(format!("batch size m must be between 1 and {MAX_BATCH}, got {}", self.batch));
        }
        Ok(())
    }

    /// The network: weights and biases ~ N(0, 1) from the seed (PCG stream 1), as in Nielsen's `network.py`.
    pub fn network(&self) -> Result<Network, String> {
        self.check()?;
        Ok(Network::new(&self.sizes, self.hidden, self.output, self.cost, Init::Gaussian, &mut Rng::new(self.seed, 1)))
    }
}

/// The whole walk-through for one example.
pub fn walkthrough(setup: &Setup) -> Result<Walkthrough, String> {
    let network = setup.network()?;
    let n_layers = network.layers.len();
    let mut ws = network.workspace(1);
    let mut grads = network.zero_gradients();
    ws.input_mut(1).copy_from_slice(&setup.x);
    network.forward(&mut ws, 1, crate::nn::Mode::Train);
    let cost = network.backprop(&mut ws, 1, &setup.y, &mut grads);
    let layer_n = |i: usize| network.layers[i].n_out;

    let z: Vec<Vec<f32>> = (0..n_layers).map(|i| ws.z[i][..layer_n(i)].to_vec()).collect();
    let a: Vec<Vec<f32>> = (0..=n_layers).map(|i| ws.a[i][..network.sizes()[i]].to_vec()).collect();
    let sigma_prime: Vec<Vec<f32>> = (0..n_layers)
        .map(|i| {
            let act = network.layers[i].activation;
            z[i].iter().zip(&a[i + 1]).map(|(&zj, &aj)| act.prime_given(zj, aj, f32::NAN)).collect()
        })
        .collect();
    let delta: Vec<Vec<f32>> = (0..n_layers).map(|i| ws.delta[i][..layer_n(i)].to_vec()).collect();
    // (w^{l+1})ᵀ δ^{l+1}: what backprop left in ws.da for every layer below the output.
    let back: Vec<Vec<f32>> =
        (0..n_layers).map(|i| if i + 1 < n_layers { ws.da[i][..layer_n(i)].to_vec() } else { Vec::new() }).collect();
    let last = n_layers - 1;
    let grad_a: Vec<f32> = a[n_layers].iter().zip(&setup.y).map(|(&aj, &yj)| network.cost.gradient(aj, yj)).collect();

    let params = Params64::of(&network);
    let numeric_w: Vec<Vec<f64>> = (0..n_layers)
        .map(|i| (0..network.layers[i].w.len()).map(|k| params.numeric(setup, i, true, k)).collect())
        .collect();
    let numeric_b: Vec<Vec<f64>> = (0..n_layers)
        .map(|i| (0..network.layers[i].b.len()).map(|k| params.numeric(setup, i, false, k)).collect())
        .collect();
    let mut max_relative_error: f64 = 0.0;
    for i in 0..n_layers {
        let pairs = grads.nabla_w[i].iter().zip(&numeric_w[i]).chain(grads.nabla_b[i].iter().zip(&numeric_b[i]));
        for (&g, &n) in pairs {
            max_relative_error = max_relative_error.max(relative_error(g as f64, n));
        }
    }

    let mut after = network.clone();
    for (i, layer) in after.layers.iter_mut().enumerate() {
        crate::nn::network::sgd_step(&mut layer.w, &grads.nabla_w[i], setup.eta);
        crate::nn::network::sgd_step(&mut layer.b, &grads.nabla_b[i], setup.eta);
    }
    let mut ws_after = after.workspace(1);
    ws_after.input_mut(1).copy_from_slice(&setup.x);
    let out = after.feedforward(&mut ws_after, 1);
    let cost_after = after.cost.value(out, &setup.y);

    let mut steps = Vec::new();
    for i in 0..n_layers {
        let values = z[i].iter().chain(&a[i + 1]).copied().collect();
        steps.push(Step { kind: "forward", l: i + 2, values, numeric: Vec::new() });
    }
    for i in (0..n_layers).rev() {
        let kind = if i == last { "bp1" } else { "bp2" };
        steps.push(Step { kind, l: i + 2, values: delta[i].clone(), numeric: Vec::new() });
        steps.push(Step { kind: "bp3", l: i + 2, values: grads.nabla_b[i].clone(), numeric: numeric_b[i].clone() });
        steps.push(Step { kind: "bp4", l: i + 2, values: grads.nabla_w[i].clone(), numeric: numeric_w[i].clone() });
    }
    steps.push(Step { kind: "update", l: 0, values: Vec::new(), numeric: Vec::new() });

    Ok(Walkthrough {
        sizes: network.sizes(),
        x: setup.x.clone(),
        y: setup.y.clone(),
        w: network.layers.iter().map(|layer| layer.w.clone()).collect(),
        b: network.layers.iter().map(|layer| layer.b.clone()).collect(),
        z,
        a,
        sigma_prime,
        back,
        grad_a,
        delta,
        nabla_b: grads.nabla_b.clone(),
        nabla_w: grads.nabla_w.clone(),
        numeric_b,
        numeric_w,
        max_relative_error,
        cost,
        eta: setup.eta,
        w_after: after.layers.iter().map(|layer| layer.w.clone()).collect(),
        b_after: after.layers.iter().map(|layer| layer.b.clone()).collect(),
        cost_after,
        steps,
    })
}

/// |a − b| / max(|a|, |b|, 10⁻⁸): 0 when both are (nearly) zero.
pub fn relative_error(a: f64, b: f64) -> f64 {
    (a - b).abs() / a.abs().max(b.abs()).max(1e-8)
}

/// The mini-batch form: m seeded samples (x uniform in [0, 1], y one-hot; PCG stream 2) as one matrix, against m
/// one-sample passes summed.
pub fn batch(setup: &Setup) -> Result<Batch, String> {
    let network = setup.network()?;
    let m = setup.batch;
    let sizes = network.sizes();
    let (n1, nl) = (sizes[0], sizes[sizes.len() - 1]);
    let mut rng = Rng::new(setup.seed, 2);
    let x: Vec<f32> = (0..m * n1).map(|_| rng.uniform()).collect();
    let mut y = vec![0.0f32; m * nl];
    for row in y.chunks_exact_mut(nl) {
        row[rng.below(nl as u32) as usize] = 1.0;
    }
    let n_layers = network.layers.len();

    let mut ws = network.workspace(m);
    let mut matrix = network.zero_gradients();
    ws.input_mut(m).copy_from_slice(&x);
    network.forward(&mut ws, m, crate::nn::Mode::Train);
    network.backprop(&mut ws, m, &y, &mut matrix);
    let delta: Vec<Vec<f32>> = (0..n_layers).map(|i| ws.delta[i][..m * sizes[i + 1]].to_vec()).collect();
    let a_prev: Vec<Vec<f32>> = (0..n_layers).map(|i| ws.a[i][..m * sizes[i]].to_vec()).collect();

    let mut sum_w: Vec<Vec<f32>> = network.layers.iter().map(|layer| vec![0.0; layer.w.len()]).collect();
    let mut sum_b: Vec<Vec<f32>> = network.layers.iter().map(|layer| vec![0.0; layer.b.len()]).collect();
    let mut one = network.workspace(1);
    let mut g = network.zero_gradients();
    for s in 0..m {
        one.input_mut(1).copy_from_slice(&x[s * n1..(s + 1) * n1]);
        network.forward(&mut one, 1, crate::nn::Mode::Train);
        network.backprop(&mut one, 1, &y[s * nl..(s + 1) * nl], &mut g);
        for i in 0..n_layers {
            add(&mut sum_w[i], &g.nabla_w[i]);
            add(&mut sum_b[i], &g.nabla_b[i]);
        }
    }
    let mut max_difference: f32 = 0.0;
    for i in 0..n_layers {
        for (p, q) in matrix.nabla_w[i].iter().zip(&sum_w[i]).chain(matrix.nabla_b[i].iter().zip(&sum_b[i])) {
            max_difference = max_difference.max((p - q).abs());
        }
    }
    Ok(Batch {
        m,
        x,
        y,
        delta,
        a_prev,
        nabla_w_matrix: matrix.nabla_w,
        nabla_w_sum: sum_w,
        nabla_b_matrix: matrix.nabla_b,
        nabla_b_sum: sum_b,
        max_difference,
    })
}

fn add(into: &mut [f32], from: &[f32]) {
    for (a, b) in into.iter_mut().zip(from) {
        *a += b;
    }
}

/// The network's parameters in f64, for the finite differences.
#[derive(Clone)]
struct Params64 {
    w: Vec<Vec<f64>>,
    b: Vec<Vec<f64>>,
    sizes: Vec<usize>,
    acts: Vec<Activation>,
    cost: Cost,
}

impl Params64 {
    fn of(network: &Network) -> Self {
        Params64 {
            w: network.layers.iter().map(|l| l.w.iter().map(|&v| v as f64).collect()).collect(),
            b: network.layers.iter().map(|l| l.b.iter().map(|&v| v as f64).collect()).collect(),
            sizes: network.sizes(),
            acts: network.layers.iter().map(|l| l.activation).collect(),
            cost: network.cost,
        }
    }

    /// ∂C/∂θ by central differences for entry k of w^l (weight) or b^l, layer index i.
    fn numeric(&self, setup: &Setup, i: usize, weight: bool, k: usize) -> f64 {
        let mut p = self.clone();
        let theta = if weight { self.w[i][k] } else { self.b[i][k] };
        let set = |p: &mut Params64, v: f64| {
            if weight {
                p.w[i][k] = v;
            } else {
                p.b[i][k] = v;
            }
        };
        set(&mut p, theta + H);
        let up = p.cost64(setup);
        set(&mut p, theta - H);
        let down = p.cost64(setup);
        (up - down) / (2.0 * H)
    }

    /// C for the setup's example, the forward pass in f64.
    fn cost64(&self, setup: &Setup) -> f64 {
        let mut a: Vec<f64> = setup.x.iter().map(|&v| v as f64).collect();
        for (i, act) in self.acts.iter().enumerate() {
            let (n_in, n_out) = (self.sizes[i], self.sizes[i + 1]);
            a = (0..n_out)
                .map(|j| {
                    let z = self.b[i][j] + (0..n_in).map(|k| self.w[i][j * n_in + k] * a[k]).sum::<f64>();
                    activation64(*act, z)
                })
                .collect();
        }
        let pairs = a.iter().zip(&setup.y).map(|(&aj, &yj)| (aj, yj as f64));
        match self.cost {
            Cost::Quadratic => 0.5 * pairs.map(|(aj, yj)| (yj - aj) * (yj - aj)).sum::<f64>(),
            _ => -pairs.map(|(aj, yj)| yj * libm::log(aj) + (1.0 - yj) * libm::log(1.0 - aj)).sum::<f64>(),
        }
    }
}

fn activation64(act: Activation, z: f64) -> f64 {
    match act {
        Activation::Sigmoid => super::graph::sigmoid(z),
        Activation::Tanh => libm::tanh(z),
        Activation::Relu => z.max(0.0),
        _ => z,
    }
}
