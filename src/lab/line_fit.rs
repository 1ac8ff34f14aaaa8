//! Gradient descent in a model small enough to see whole (slides "Gradient descent in neural networks", "Stochastic
//! gradient descent"): the least-squares line ŷ = w x + b through n seeded points, with its two parameters v = (w, b),
//!   C(w, b) = 1/2n Σₓ (w x + b − y)²,
//!   ∂C/∂w = 1/n Σₓ (w x + b − y) x,   ∂C/∂b = 1/n Σₓ (w x + b − y),
//! the update rules w → w − η ∂C/∂w, b → b − η ∂C/∂b on the full batch (gradient descent) or on mini-batches of m
//! shuffled samples (stochastic gradient descent, ∇C ≈ 1/m Σⱼ ∇C_{Xⱼ}), and Nielsen's `SGD` /
//! `update_mini_batch` loop stepped line by line ([`EpochStepper`]).
//!
//! The data: x ~ U(0, 2), y = 1.5 x − 0.5 + noise · N(0, 1). With x all positive, w and b are correlated and the
//! cost is a long tilted valley (Hessian eigenvalues about 2.2 and 0.15), which is what makes η matter.

use crate::math::rng::Rng;
use alloc::vec::Vec;
use serde::Serialize;

pub const W_TRUE: f64 = 1.5;
pub const B_TRUE: f64 = -0.5;
/// Most data points.
pub const MAX_POINTS: usize = 10_000;

#[derive(Clone, Debug, PartialEq)]
pub struct LineFit {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
}

/// cos ∠(a, b) = a·b / (‖a‖ ‖b‖) (0 if either is 0).
pub fn cosine(a: [f64; 2], b: [f64; 2]) -> f64 {
    let norms = libm::sqrt(a[0] * a[0] + a[1] * a[1]) * libm::sqrt(b[0] * b[0] + b[1] * b[1]);
    if norms == 0.0 {
        0.0
    } else {
        (a[0] * b[0] + a[1] * b[1]) / norms
    }
}

impl LineFit {
    /// n points (1 … [`MAX_POINTS`]) from `seed` (PCG stream 21) with Gaussian noise of standard deviation `noise`.
    pub fn new(n: usize, seed: u64, noise: f64) -> Self {
        let mut rng = Rng::new(seed, 21);
        let x: Vec<f64> = (0..n).map(|_| 2.0 * f64::from(rng.uniform())).collect();
        let y = x.iter().map(|&xi| W_TRUE * xi + B_TRUE + noise * f64::from(rng.gaussian())).collect();
        LineFit { x, y }
    }

    pub fn n(&self) -> usize {
        self.x.len()
    }

    /// The residual w x + b − y of sample i.
    fn residual(&self, v: [f64; 2], i: usize) -> f64 {
        v[0] * self.x[i] + v[1] - self.y[i]
    }

    /// Cₓ = ½ (w x + b − y)² of sample i.
    pub fn sample_cost(&self, v: [f64; 2], i: usize) -> f64 {
        let r = self.residual(v, i);
        0.5 * r * r
    }

    /// ∇Cₓ = ((w x + b − y) x, w x + b − y) of sample i.
    pub fn sample_gradient(&self, v: [f64; 2], i: usize) -> [f64; 2] {
        let r = self.residual(v, i);
        [r * self.x[i], r]
    }

    /// C(w, b) = 1/2n Σₓ (w x + b − y)², v = (w, b).
    pub fn cost(&self, v: [f64; 2]) -> f64 {
        (0..self.n()).map(|i| self.sample_cost(v, i)).sum::<f64>() / self.n() as f64
    }

    /// 1/m Σ ∇Cₓ over the samples `indices` (the full gradient when they are all n).
    pub fn gradient_of(&self, v: [f64; 2], indices: &[usize]) -> [f64; 2] {
        let mut sum = [0.0; 2];
        for &i in indices {
            let g = self.sample_gradient(v, i);
            sum[0] += g[0];
            sum[1] += g[1];
        }
        let m = indices.len().max(1) as f64;
        [sum[0] / m, sum[1] / m]
    }

    /// ∇C over all n samples.
    pub fn gradient(&self, v: [f64; 2]) -> [f64; 2] {
        let all: Vec<usize> = (0..self.n()).collect();
        self.gradient_of(v, &all)
    }

    /// The least-squares (w, b): the normal equations w = cov(x, y) / var(x), b = ȳ − w x̄.
    pub fn minimum(&self) -> [f64; 2] {
        let n = self.n() as f64;
        let (mx, my) = (self.x.iter().sum::<f64>() / n, self.y.iter().sum::<f64>() / n);
        let (mut sxy, mut sxx) = (0.0, 0.0);
        for (x, y) in self.x.iter().zip(&self.y) {
            sxy += (x - mx) * (y - my);
            sxx += (x - mx) * (x - mx);
        }
        let w = if sxx > 0.0 { sxy / sxx } else { 0.0 };
        [w, my - w * mx]
    }

    /// C over a res × res grid: row r ↔ b = b_max − (r + ½)(b_max − b_min)/res (top row first), column c ↔
    /// w = w_min + (c + ½)(w_max − w_min)/res. Computed from the sums Σx², Σx, Σxy, Σy, Σy² (C is quadratic in w, b).
    pub fn grid(&self, res: usize, w_range: (f64, f64), b_range: (f64, f64)) -> Vec<f64> {
        let n = self.n() as f64;
        let mean = |f: &dyn Fn(f64, f64) -> f64| self.x.iter().zip(&self.y).map(|(&x, &y)| f(x, y)).sum::<f64>() / n;
        let (xx, x1, xy, y1, yy) =
            (mean(&|x, _| x * x), mean(&|x, _| x), mean(&|x, y| x * y), mean(&|_, y| y), mean(&|_, y| y * y));
        let (dw, db) = ((w_range.1 - w_range.0) / res as f64, (b_range.1 - b_range.0) / res as f64);
        (0..res * res)
            .map(|cell| {
                let (r, c) = (cell / res, cell % res);
                let (w, b) = (w_range.0 + (c as f64 + 0.5) * dw, b_range.1 - (r as f64 + 0.5) * db);
                0.5 * (w * w * xx + 2.0 * w * b * x1 + b * b - 2.0 * w * xy - 2.0 * b * y1 + yy)
            })
            .collect()
    }

    /// Full-batch gradient descent: [w₀, b₀, w₁, b₁, …] for `steps` steps (stops early if v stops being finite).
    pub fn gd_path(&self, start: [f64; 2], eta: f64, steps: usize) -> Vec<f64> {
        let mut v = start;
        let mut path = Vec::with_capacity(2 * (steps + 1));
        path.extend_from_slice(&v);
        for _ in 0..steps {
            let g = self.gradient(v);
            v = [v[0] - eta * g[0], v[1] - eta * g[1]];
            if !(v[0].is_finite() && v[1].is_finite()) {
                break;
            }
            path.extend_from_slice(&v);
        }
        path
    }

    /// Stochastic gradient descent with mini-batches of m (the last one of an epoch may be smaller), reshuffled
    /// every epoch from `seed`: [w₀, b₀, …] after each of `updates` mini-batch updates.
    pub fn sgd_path(&self, start: [f64; 2], eta: f64, m: usize, updates: usize, seed: u64) -> Vec<f64> {
        let mut stepper = EpochStepper::new(self.clone(), m, eta, start, seed);
        let mut path = Vec::with_capacity(2 * (updates + 1));
        path.extend_from_slice(&start);
        let mut done = 0;
        while done < updates {
            if stepper.step() == Phase::Update {
                done += 1;
                if !(stepper.v[0].is_finite() && stepper.v[1].is_finite()) {
                    break;
                }
                path.extend_from_slice(&stepper.v);
            }
        }
        path
    }

    /// `count` mini-batch estimates of ∇C at v, each the mean over m samples drawn without replacement (seeded).
    pub fn minibatch_gradients(&self, v: [f64; 2], m: usize, count: usize, seed: u64) -> Vec<[f64; 2]> {
        let mut rng = Rng::new(seed, 22);
        let mut order: Vec<usize> = (0..self.n()).collect();
        let m = m.clamp(1, self.n().max(1));
        (0..count)
            .map(|_| {
                // A partial Fisher–Yates: the first m of a fresh shuffle.
                for i in 0..m {
                    let j = i + rng.below((self.n() - i) as u32) as usize;
                    order.swap(i, j);
                }
                self.gradient_of(v, &order[..m])
            })
            .collect()
    }
}

/// The line of Nielsen's `SGD` / `update_mini_batch` a step of [`EpochStepper`] ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Phase {
    /// `random.shuffle(training_data)`
    Shuffle,
    /// `mini_batches = [training_data[k:k+mini_batch_size] …]`
    Slice,
    /// `nabla_b, nabla_w = zeros` at the start of `update_mini_batch`
    Zero,
    /// one `for x, y in mini_batch:` iteration: backprop of one sample, added to nabla
    Sample,
    /// `w → w − (η/m) nabla_w`, `b → b − (η/m) nabla_b`
    Update,
}

/// Nielsen's loop, one line at a time, on the line-fit model.
#[derive(Clone, Debug)]
pub struct EpochStepper {
    pub fit: LineFit,
    pub m: usize,
    pub eta: f64,
    /// The training data's order (indices), as shuffled.
    pub order: Vec<usize>,
    /// (w, b)
    pub v: [f64; 2],
    /// Epochs started (1 after the first shuffle).
    pub epoch: usize,
    /// The current mini-batch: order[batch · m .. min(n, (batch + 1) · m)].
    pub batch: usize,
    /// Samples of the current mini-batch added to `nabla` so far.
    pub sample: usize,
    /// Σ ∇Cₓ over those samples.
    pub nabla: [f64; 2],
    pub last: Option<Phase>,
    /// Mini-batch updates so far.
    pub updates: usize,
    rng: Rng,
}

impl EpochStepper {
    /// m is clamped to 1 … n.
    pub fn new(fit: LineFit, m: usize, eta: f64, start: [f64; 2], seed: u64) -> Self {
        let n = fit.n();
        EpochStepper {
            m: m.clamp(1, n.max(1)),
            order: (0..n).collect(),
            fit,
            eta,
            v: start,
            epoch: 0,
            batch: 0,
            sample: 0,
            nabla: [0.0; 2],
            last: None,
            updates: 0,
            rng: Rng::new(seed, 23),
        }
    }

    pub fn batches(&self) -> usize {
        self.fit.n().div_ceil(self.m)
    }

    /// The indices of the current mini-batch.
    pub fn batch_indices(&self) -> &[usize] {
        let start = (self.batch * self.m).min(self.order.len());
        &self.order[start..(start + self.m).min(self.order.len())]
    }

    /// Runs the next line; returns which.
    pub fn step(&mut self) -> Phase {
        let phase = match self.last {
            None => Phase::Shuffle,
            Some(Phase::Shuffle) => Phase::Slice,
            Some(Phase::Slice) => Phase::Zero,
            Some(Phase::Zero) => Phase::Sample,
            Some(Phase::Sample) if self.sample < self.batch_indices().len() => Phase::Sample,
            Some(Phase::Sample) => Phase::Update,
            Some(Phase::Update) if self.batch + 1 < self.batches() => Phase::Zero,
            Some(Phase::Update) => Phase::Shuffle,
        };
        match phase {
            Phase::Shuffle => {
                self.rng.shuffle(&mut self.order);
                self.epoch += 1;
                self.batch = 0;
            }
            Phase::Slice => self.batch = 0,
            Phase::Zero => {
                if self.last == Some(Phase::Update) {
                    self.batch += 1;
                }
                self.nabla = [0.0; 2];
                self.sample = 0;
            }
            Phase::Sample => {
                let i = self.batch_indices()[self.sample];
                let g = self.fit.sample_gradient(self.v, i);
                self.nabla = [self.nabla[0] + g[0], self.nabla[1] + g[1]];
                self.sample += 1;
            }
            Phase::Update => {
                let step = self.eta / self.batch_indices().len() as f64;
                self.v = [self.v[0] - step * self.nabla[0], self.v[1] - step * self.nabla[1]];
                self.updates += 1;
            }
        }
        self.last = Some(phase);
        phase
    }
}
