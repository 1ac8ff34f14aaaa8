//! A feedforward network trained by backpropagation over whole mini-batches.
//!
//! Layers are numbered as in the lecture: l = 1 is the input layer, so `layers[i]` holds w^l, b^l for l = i + 2.
//! A mini-batch of m samples travels as matrices with one sample per row: A^l is m × n_l, and row x of A^l is the
//! lecture's column vector a^{x,l}. All buffers live in a [`Workspace`] sized once per mini-batch size, so a
//! training step allocates nothing.

use super::{Activation, Cost, Dense, Init};
use crate::math::gemm::{gemm_ab, gemm_abt, gemm_atb, gemm_atb_sub};
use crate::math::rng::Rng;
use alloc::vec;
use alloc::vec::Vec;

#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    pub layers: Vec<Dense>,
    pub cost: Cost,
}

/// ∂C/∂w^l and ∂C/∂b^l summed over the mini-batch (not yet divided by m), one entry per layer.
#[derive(Clone, Debug)]
pub struct Gradients {
    pub nabla_w: Vec<Vec<f32>>,
    pub nabla_b: Vec<Vec<f32>>,
}

/// Per-layer mini-batch buffers: `a[0]` is the input batch X (m × n_1); `z[i]`, `a[i + 1]`, `delta[i]` belong to
/// `layers[i]` (m × n_out each).
#[derive(Clone, Debug)]
pub struct Workspace {
    capacity: usize,
    pub z: Vec<Vec<f32>>,
    pub a: Vec<Vec<f32>>,
    pub delta: Vec<Vec<f32>>,
}

impl Network {
    /// Layer sizes `sizes` = [n_1, …, n_L]; every hidden layer uses `hidden`, the output layer `output`.
    /// Weights are drawn layer by layer from `rng`.
    pub fn new(sizes: &[usize], hidden: Activation, output: Activation, cost: Cost, init: Init, rng: &mut Rng) -> Self {
        assert!(sizes.len() >= 2 && sizes.iter().all(|&n| n > 0), "Network::new: sizes must be validated first");
        let last = sizes.len() - 2;
        let layers = sizes
            .windows(2)
            .enumerate()
            .map(|(i, pair)| {
                let activation = if i == last { output } else { hidden };
                Dense::initialized(pair[0], pair[1], activation, init, rng)
            })
            .collect();
        Network { layers, cost }
    }

    pub fn sizes(&self) -> Vec<usize> {
        let mut sizes = vec![self.layers[0].n_in];
        sizes.extend(self.layers.iter().map(|layer| layer.n_out));
        sizes
    }

    pub fn n_inputs(&self) -> usize {
        self.layers[0].n_in
    }

    pub fn n_outputs(&self) -> usize {
        self.layers[self.layers.len() - 1].n_out
    }

    pub fn zero_gradients(&self) -> Gradients {
        Gradients {
            nabla_w: self.layers.iter().map(|layer| vec![0.0; layer.w.len()]).collect(),
            nabla_b: self.layers.iter().map(|layer| vec![0.0; layer.b.len()]).collect(),
        }
    }

    pub fn workspace(&self, capacity: usize) -> Workspace {
        Workspace {
            capacity,
            z: self.layers.iter().map(|layer| vec![0.0; capacity * layer.n_out]).collect(),
            a: core::iter::once(self.n_inputs())
                .chain(self.layers.iter().map(|layer| layer.n_out))
                .map(|n| vec![0.0; capacity * n])
                .collect(),
            delta: self.layers.iter().map(|layer| vec![0.0; capacity * layer.n_out]).collect(),
        }
    }

    /// Forward pass for the first m rows of `ws.a[0]`:  z^l = w^l a^{l−1} + b^l,  a^l = σ(z^l),  l = 2 … L.
    /// Returns the output activations aᴸ (m × n_L).
    pub fn feedforward<'w>(&self, ws: &'w mut Workspace, m: usize) -> &'w [f32] {
        assert!(m <= ws.capacity, "feedforward: batch of {m} exceeds the workspace capacity {}", ws.capacity);
        for (i, layer) in self.layers.iter().enumerate() {
            let (before, after) = ws.a.split_at_mut(i + 1);
            let a_prev = &before[i][..m * layer.n_in];
            let z = &mut ws.z[i][..m * layer.n_out];
            gemm_abt(m, layer.n_out, layer.n_in, a_prev, &layer.w, z);
            for z_row in z.chunks_exact_mut(layer.n_out) {
                for (zj, bj) in z_row.iter_mut().zip(&layer.b) {
                    *zj += bj;
                }
            }
            layer.activation.apply(z, &mut after[0][..m * layer.n_out]);
        }
        let last = self.layers.len();
        &ws.a[last][..m * self.n_outputs()]
    }

    /// Backpropagation after [`Network::feedforward`] on the same m rows, with targets `y` (m × n_L):
    ///
    /// - δᴸ = ∇ₐC ⊙ σ′(zᴸ)                        (BP1)
    /// - δ^l = ((w^{l+1})ᵀ δ^{l+1}) ⊙ σ′(z^l)     (BP2)
    /// - ∂C/∂b^l_j = δ^l_j                         (BP3)
    /// - ∂C/∂w^l_jk = a^{l−1}_k δ^l_j              (BP4)
    ///
    /// Each gradient is summed over the m samples into `grads`. Returns Σₓ Cₓ over the mini-batch.
    pub fn backprop(&self, ws: &mut Workspace, m: usize, y: &[f32], grads: &mut Gradients) -> f32 {
        let last = self.layers.len() - 1;
        let n_out = self.n_outputs();
        let output = &self.layers[last];
        let a_out = &ws.a[last + 1][..m * n_out];
        let z_out = &ws.z[last][..m * n_out];
        let y = &y[..m * n_out];
        let mut cost_sum = 0.0;
        for x in 0..m {
            let row = x * n_out..(x + 1) * n_out;
            cost_sum += self.cost.value(&a_out[row.clone()], &y[row]);
        }
        for (((d, &z), &a), &t) in ws.delta[last][..m * n_out].iter_mut().zip(z_out).zip(a_out).zip(y) {
            *d = self.cost.delta(output.activation, z, a, t);
        }
        for i in (0..=last).rev() {
            let layer = &self.layers[i];
            let delta = &ws.delta[i][..m * layer.n_out];
            let a_prev = &ws.a[i][..m * layer.n_in];
            gemm_atb(layer.n_out, layer.n_in, m, delta, a_prev, &mut grads.nabla_w[i]);
            let nabla_b = &mut grads.nabla_b[i];
            nabla_b.fill(0.0);
            for delta_row in delta.chunks_exact(layer.n_out) {
                for (g, d) in nabla_b.iter_mut().zip(delta_row) {
                    *g += d;
                }
            }
            if i > 0 {
                let (before, after) = ws.delta.split_at_mut(i);
                let prev = &self.layers[i - 1];
                let delta_prev = &mut before[i - 1][..m * prev.n_out];
                gemm_ab(m, layer.n_in, layer.n_out, &after[0][..m * layer.n_out], &layer.w, delta_prev);
                let z_prev = &ws.z[i - 1][..m * prev.n_out];
                let a_here = &ws.a[i][..m * prev.n_out];
                for ((d, &z), &a) in delta_prev.iter_mut().zip(z_prev).zip(a_here) {
                    *d *= prev.activation.prime_given(z, a);
                }
            }
        }
        cost_sum
    }

    /// [`Network::backprop`] followed by plain SGD (`Sgd::update` with η), fused: BP4 and the step
    /// w^l ← w^l − (η/m) Σₓ δ^{x,l} (a^{x,l−1})ᵀ happen tile by tile in [`gemm_atb_sub`], so ∂C/∂w is never stored
    /// and weights whose inputs are all zero in this mini-batch (blank pixels) are not even read. Same sums, same
    /// rounding: the result is bit-identical to the two steps (tests/fused_sgd.rs). Layer l's update waits until
    /// δ^{l−1} has been computed with the old w^l (BP2). `grads.nabla_b` receives ∂C/∂b; `grads.nabla_w` is unused.
    /// Only for plain SGD: any other optimizer or regularizer needs the stored gradient, i.e. `backprop`.
    pub fn backprop_sgd(&mut self, ws: &mut Workspace, m: usize, y: &[f32], eta: f32, grads: &mut Gradients) -> f32 {
        let step = eta / m as f32;
        let last = self.layers.len() - 1;
        let n_out = self.n_outputs();
        let output = &self.layers[last];
        let a_out = &ws.a[last + 1][..m * n_out];
        let z_out = &ws.z[last][..m * n_out];
        let y = &y[..m * n_out];
        let mut cost_sum = 0.0;
        for x in 0..m {
            let row = x * n_out..(x + 1) * n_out;
            cost_sum += self.cost.value(&a_out[row.clone()], &y[row]);
        }
        for (((d, &z), &a), &t) in ws.delta[last][..m * n_out].iter_mut().zip(z_out).zip(a_out).zip(y) {
            *d = self.cost.delta(output.activation, z, a, t);
        }
        for i in (0..=last).rev() {
            let layer = &self.layers[i];
            let nabla_b = &mut grads.nabla_b[i];
            nabla_b.fill(0.0);
            for delta_row in ws.delta[i][..m * layer.n_out].chunks_exact(layer.n_out) {
                for (g, d) in nabla_b.iter_mut().zip(delta_row) {
                    *g += d;
                }
            }
            if i > 0 {
                let (before, after) = ws.delta.split_at_mut(i);
                let prev = &self.layers[i - 1];
                let delta_prev = &mut before[i - 1][..m * prev.n_out];
                gemm_ab(m, layer.n_in, layer.n_out, &after[0][..m * layer.n_out], &layer.w, delta_prev);
                let z_prev = &ws.z[i - 1][..m * prev.n_out];
                let a_here = &ws.a[i][..m * prev.n_out];
                for ((d, &z), &a) in delta_prev.iter_mut().zip(z_prev).zip(a_here) {
                    *d *= prev.activation.prime_given(z, a);
                }
            }
            let layer = &mut self.layers[i];
            let (delta, a_prev) = (&ws.delta[i][..m * layer.n_out], &ws.a[i][..m * layer.n_in]);
            gemm_atb_sub(layer.n_out, layer.n_in, m, delta, a_prev, step, &mut layer.w);
            for (b, g) in layer.b.iter_mut().zip(&grads.nabla_b[i]) {
                *b -= step * g;
            }
        }
        cost_sum
    }

    /// Index of the largest output for each of the m rows of the last forward pass.
    pub fn argmax_rows(outputs: &[f32], n_out: usize) -> impl Iterator<Item = usize> + '_ {
        outputs.chunks_exact(n_out).map(|row| {
            let mut best = 0;
            for (j, &v) in row.iter().enumerate() {
                if v > row[best] {
                    best = j;
                }
            }
            best
        })
    }
}

impl Workspace {
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// The input batch X, m × n_1, for the caller to fill before [`Network::feedforward`].
    pub fn input_mut(&mut self, m: usize) -> &mut [f32] {
        let n_in = self.a[0].len() / self.capacity.max(1);
        &mut self.a[0][..m * n_in]
    }
}
