//! A feedforward network trained by backpropagation over whole mini-batches.
//!
//! Layers are numbered as in the lecture: l = 1 is the input layer, so `layers[i]` holds w^l, b^l for l = i + 2.
//! A mini-batch of m samples travels as matrices with one sample per row: A^l is m × n_l, and row x of A^l is the
//! lecture's column vector a^{x,l}. All buffers live in a [`Workspace`] sized once per mini-batch size, so a
//! training step allocates nothing.

use super::{dropout, Activation, Cost, Dense, Init, NetworkSpec};
use crate::math::buffer::{try_copy, try_filled, OutOfMemory};
use crate::math::gemm::{gemm_ab, gemm_abt, gemm_atb, gemm_atb_sub};
use crate::math::rng::Rng;
use alloc::vec;
use alloc::vec::Vec;

#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    pub layers: Vec<Dense>,
    pub cost: Cost,
    /// Drop probability of each activation a^l that feeds a layer (`dropout[i]` for `ws.a[i]`); empty: none.
    pub dropout: Vec<f32>,
}

/// Training uses dropout masks and batch statistics; inference uses neither (running averages for batch norm).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Train,
    Inference,
}

/// What kind of parameter a tensor holds: only weights are penalized by L1/L2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    Weight,
    Other,
}

/// The trainable tensors of a layer, in the fixed order [`Network::visit_params`] visits them (w, b, p, γ, β).
/// Tensor ids run layer by layer, [`LayerTensor::PER_LAYER`] ids per layer whether the layer has the tensor or not,
/// so an id (the optimizer's state slot) never depends on which optional parts the other layers have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayerTensor {
    W,
    B,
    Param,
    Gamma,
    Beta,
}

impl LayerTensor {
    pub const ALL: [LayerTensor; 5] =
        [LayerTensor::W, LayerTensor::B, LayerTensor::Param, LayerTensor::Gamma, LayerTensor::Beta];
    pub const PER_LAYER: usize = Self::ALL.len();

    /// The id of this tensor of `layers[i]`: PER_LAYER · i + its place in the order.
    pub fn id(self, i: usize) -> usize {
        Self::PER_LAYER * i + self as usize
    }

    /// The layer index i and the tensor an id names (the inverse of [`LayerTensor::id`]).
    pub fn of(id: usize) -> (usize, LayerTensor) {
        (id / Self::PER_LAYER, Self::ALL[id % Self::PER_LAYER])
    }
}

/// ∂C/∂θ summed over the mini-batch (not yet divided by m), one entry per layer; empty where a layer has no such
/// parameter.
#[derive(Clone, Debug)]
pub struct Gradients {
    pub nabla_w: Vec<Vec<f32>>,
    pub nabla_b: Vec<Vec<f32>>,
    /// ∂C/∂p for learned activation parameters (PReLU α, Swish β).
    pub nabla_param: Vec<Vec<f32>>,
    pub nabla_gamma: Vec<Vec<f32>>,
    pub nabla_beta: Vec<Vec<f32>>,
}

/// Per-layer mini-batch buffers: `a[0]` is the input batch X (m × n_1); `z[i]`, `a[i + 1]`, `delta[i]` belong to
/// `layers[i]`. `z[i]` is what enters σ (γ x̂ + β under batch norm), m × n_z; `da[i]` = ∂C/∂a^{l} (m × n_out);
/// `x_hat`, `mean`, `var` exist for batch-normalized layers; `mask[i]` for dropped activations `a[i]`.
#[derive(Clone, Debug)]
pub struct Workspace {
    capacity: usize,
    pub z: Vec<Vec<f32>>,
    pub a: Vec<Vec<f32>>,
    pub delta: Vec<Vec<f32>>,
    pub da: Vec<Vec<f32>>,
    pub x_hat: Vec<Vec<f32>>,
    pub mean: Vec<Vec<f32>>,
    pub var: Vec<Vec<f32>>,
    pub mask: Vec<Vec<f32>>,
    bn_sums: Vec<f32>,
}

impl Network {
    /// Layer sizes `sizes` = [n_1, …, n_L]; every hidden layer uses `hidden`, the output layer `output`.
    /// Weights are drawn layer by layer from `rng`.
    pub fn new(sizes: &[usize], hidden: Activation, output: Activation, cost: Cost, init: Init, rng: &mut Rng) -> Self {
        NetworkSpec::plain(sizes, hidden, output, cost, init).build(rng)
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

    fn drop_probability(&self, i: usize) -> f32 {
        self.dropout.get(i).copied().unwrap_or(0.0)
    }

    /// Zero gradients, one buffer per trainable tensor (small networks: the labs and tests).
    pub fn zero_gradients(&self) -> Gradients {
        self.try_zero_gradients().expect("out of memory for the gradients")
    }

    /// [`Network::zero_gradients`], reserved fallibly (the trainer's path).
    pub fn try_zero_gradients(&self) -> Result<Gradients, OutOfMemory> {
        let bn = |layer: &Dense| layer.batch_norm.as_ref().map_or(0, |bn| bn.gamma.len());
        Ok(Gradients {
            nabla_w: self.per_layer(|layer| layer.w.len())?,
            nabla_b: self.per_layer(|layer| layer.b.len())?,
            nabla_param: self.per_layer(|layer| if layer.learn_param { layer.param.len() } else { 0 })?,
            nabla_gamma: self.per_layer(bn)?,
            nabla_beta: self.per_layer(bn)?,
        })
    }

    /// One zeroed buffer of `len(layer)` floats per layer.
    fn per_layer(&self, len: impl Fn(&Dense) -> usize) -> Result<Vec<Vec<f32>>, OutOfMemory> {
        self.layers.iter().map(|layer| try_filled(0.0, len(layer))).collect()
    }

    /// Buffers for mini-batches of up to `capacity` rows (small networks: the labs and tests).
    pub fn workspace(&self, capacity: usize) -> Workspace {
        self.try_workspace(capacity).expect("out of memory for the workspace")
    }

    /// [`Network::workspace`], reserved fallibly (the trainer's path).
    pub fn try_workspace(&self, capacity: usize) -> Result<Workspace, OutOfMemory> {
        let bn = |layer: &Dense| if layer.batch_norm.is_some() { layer.n_z() } else { 0 };
        let widths: Vec<usize> =
            core::iter::once(self.n_inputs()).chain(self.layers.iter().map(|layer| layer.n_out)).collect();
        let last = self.layers.len() - 1;
        Ok(Workspace {
            capacity,
            z: self.per_layer(|layer| capacity * layer.n_z())?,
            a: widths.iter().map(|&n| try_filled(0.0, capacity * n)).collect::<Result<_, _>>()?,
            delta: self.per_layer(|layer| capacity * layer.n_z())?,
            da: (0..self.layers.len())
                .map(|i| try_filled(0.0, if i < last { capacity * self.layers[i].n_out } else { 0 }))
                .collect::<Result<_, _>>()?,
            x_hat: self.per_layer(|layer| capacity * bn(layer))?,
            mean: self.per_layer(bn)?,
            var: self.per_layer(bn)?,
            mask: (0..self.layers.len())
                .map(|i| try_filled(0.0, if self.drop_probability(i) > 0.0 { capacity * widths[i] } else { 0 }))
                .collect::<Result<_, _>>()?,
            bn_sums: try_filled(0.0, 2 * self.layers.iter().map(bn).max().unwrap_or(0))?,
        })
    }

    /// A copy of the network with its weight and bias buffers reserved fallibly (early stopping's best weights,
    /// the divergence snapshot).
    pub fn try_clone(&self) -> Result<Network, OutOfMemory> {
        let layers = self
            .layers
            .iter()
            .map(|layer| Ok(Dense { w: try_copy(&layer.w)?, b: try_copy(&layer.b)?, ..layer.clone_small() }))
            .collect::<Result<_, _>>()?;
        Ok(Network { layers, cost: self.cost, dropout: self.dropout.clone() })
    }

    /// Whether every parameter is finite, checked through one sum per tensor: a NaN or ±∞ anywhere makes the sum
    /// non-finite (finite weights large enough to overflow the sum to ∞ have diverged as well). A vectorizable
    /// reduction: a small fraction of a training step, which already reads and writes every parameter.
    pub fn params_finite(&self) -> bool {
        self.layers.iter().all(|layer| {
            let bn = layer.batch_norm.as_ref();
            let tensors = [&layer.w[..], &layer.b, &layer.param];
            tensors.into_iter().chain(bn.map(|bn| &bn.gamma[..])).chain(bn.map(|bn| &bn.beta[..])).all(sum_is_finite)
        })
    }

    /// Fresh seeded dropout masks for the next [`Mode::Train`] forward pass on m rows.
    pub fn sample_dropout(&self, ws: &mut Workspace, m: usize, rng: &mut Rng) {
        for (i, mask) in ws.mask.iter_mut().enumerate() {
            let len = mask.len() / ws.capacity.max(1) * m;
            if len > 0 {
                dropout::sample_mask(self.drop_probability(i), &mut mask[..len], rng);
            }
        }
    }

    /// Inference forward pass for the first m rows of `ws.a[0]`; returns the output activations aᴸ (m × n_L).
    pub fn feedforward<'w>(&self, ws: &'w mut Workspace, m: usize) -> &'w [f32] {
        self.forward(ws, m, Mode::Inference)
    }

    /// Forward pass:  z^l = w^l ã^{l−1} + b^l  (ã: a with its dropout mask in training),
    /// [batch norm: u = γ x̂ + β],  a^l = σ(·),  l = 2 … L.
    pub fn forward<'w>(&self, ws: &'w mut Workspace, m: usize, mode: Mode) -> &'w [f32] {
        assert!(m <= ws.capacity, "feedforward: batch of {m} exceeds the workspace capacity {}", ws.capacity);
        for (i, layer) in self.layers.iter().enumerate() {
            let n_z = layer.n_z();
            let (before, after) = ws.a.split_at_mut(i + 1);
            if mode == Mode::Train && self.drop_probability(i) > 0.0 {
                dropout::apply(&ws.mask[i][..m * layer.n_in], &mut before[i][..m * layer.n_in]);
            }
            let a_prev = &before[i][..m * layer.n_in];
            let z = &mut ws.z[i][..m * n_z];
            let target = if layer.batch_norm.is_some() { &mut ws.x_hat[i][..m * n_z] } else { &mut *z };
            gemm_abt(m, n_z, layer.n_in, a_prev, &layer.w, target);
            for z_row in target.chunks_exact_mut(n_z) {
                for (zj, bj) in z_row.iter_mut().zip(&layer.b) {
                    *zj += bj;
                }
            }
            if let Some(bn) = &layer.batch_norm {
                let x_hat = &mut ws.x_hat[i][..m * n_z];
                match mode {
                    Mode::Train => bn.forward_train(x_hat, z, m, &mut ws.mean[i], &mut ws.var[i]),
                    Mode::Inference => bn.forward_infer(x_hat, z, m),
                }
            }
            layer.activate(z, &mut after[0][..m * layer.n_out], m);
        }
        let last = self.layers.len();
        &ws.a[last][..m * self.n_outputs()]
    }

    /// After a [`Mode::Train`] pass: running ← momentum · running + (1 − momentum) · batch statistics.
    pub fn update_running_stats(&mut self, ws: &Workspace) {
        for (i, layer) in self.layers.iter_mut().enumerate() {
            if let Some(bn) = &mut layer.batch_norm {
                bn.update_running(&ws.mean[i], &ws.var[i]);
            }
        }
    }

    /// Backpropagation after [`Network::forward`] on the same m rows, with targets `y` (m × n_L):
    ///
    /// - δᴸ = ∇ₐC ⊙ σ′(zᴸ), or aᴸ − y where the lecture derives it     (BP1)
    /// - δ^l = ((w^{l+1})ᵀ δ^{l+1}) ⊙ σ′(z^l)  [⊙ dropout mask] [through batch norm]   (BP2)
    /// - ∂C/∂b^l_j = δ^l_j                                              (BP3)
    /// - ∂C/∂w^l_jk = a^{l−1}_k δ^l_j                                   (BP4)
    ///
    /// Each gradient is summed over the m samples into `grads`. Returns Σₓ Cₓ (without any penalty).
    pub fn backprop(&self, ws: &mut Workspace, m: usize, y: &[f32], grads: &mut Gradients) -> f32 {
        let cost_sum = self.output_delta(ws, m, y);
        for i in (0..self.layers.len()).rev() {
            self.layer_gradients(i, ws, m, grads);
            let layer = &self.layers[i];
            let (delta, a_prev) = (&ws.delta[i][..m * layer.n_z()], &ws.a[i][..m * layer.n_in]);
            gemm_atb(layer.n_z(), layer.n_in, m, delta, a_prev, &mut grads.nabla_w[i]);
        }
        cost_sum
    }

    /// [`Network::backprop`] followed by plain SGD ([`sgd_step`] with step η/m: θ ← θ − (η/m) Σₓ ∂Cₓ/∂θ for every
    /// tensor), fused: BP4 and the
    /// step w^l ← w^l − (η/m) Σₓ δ^{x,l} (a^{x,l−1})ᵀ happen tile by tile in [`gemm_atb_sub`], so ∂C/∂w is never
    /// stored and weights whose inputs are all zero in this mini-batch (blank pixels) are not even read. Same sums,
    /// same rounding: bit-identical to the two steps (tests/core/fused_sgd.rs). Layer l is updated only after everything
    /// that reads its old parameters (BP2 into layer l − 1). `grads.nabla_w` is unused. Only for plain SGD without
    /// a penalty: other optimizers and L1/L2 need the stored gradient, i.e. `backprop`.
    pub fn backprop_sgd(&mut self, ws: &mut Workspace, m: usize, y: &[f32], eta: f32, grads: &mut Gradients) -> f32 {
        let step = eta / m as f32;
        let cost_sum = self.output_delta(ws, m, y);
        for i in (0..self.layers.len()).rev() {
            self.layer_gradients(i, ws, m, grads);
            let layer = &mut self.layers[i];
            let (delta, a_prev) = (&ws.delta[i][..m * layer.n_z()], &ws.a[i][..m * layer.n_in]);
            gemm_atb_sub(layer.n_z(), layer.n_in, m, delta, a_prev, step, &mut layer.w);
            sgd_step(&mut layer.b, &grads.nabla_b[i], step);
            if layer.learn_param {
                sgd_step(&mut layer.param, &grads.nabla_param[i], step);
            }
            if let Some(bn) = &mut layer.batch_norm {
                sgd_step(&mut bn.gamma, &grads.nabla_gamma[i], step);
                sgd_step(&mut bn.beta, &grads.nabla_beta[i], step);
            }
        }
        cost_sum
    }

    /// BP1 into `ws.delta[L]`; returns Σₓ Cₓ.
    fn output_delta(&self, ws: &mut Workspace, m: usize, y: &[f32]) -> f32 {
        let last = self.layers.len() - 1;
        let output = &self.layers[last];
        let n_out = output.n_out;
        let a_out = &ws.a[last + 1][..m * n_out];
        let z_out = &ws.z[last][..m * n_out];
        let rows = a_out.chunks_exact(n_out).zip(z_out.chunks_exact(n_out)).zip(y.chunks_exact(n_out));
        let mut cost_sum = 0.0;
        for (d_row, ((a_row, z_row), y_row)) in ws.delta[last][..m * n_out].chunks_exact_mut(n_out).zip(rows) {
            cost_sum += self.cost.value(a_row, y_row);
            self.cost.delta(output.activation, &output.param, z_row, a_row, y_row, d_row);
        }
        cost_sum
    }

    /// For layer `i` (its ∂C/∂a in `ws.da[i]` unless it is the output layer): δ (BP2 through σ′, dropout and batch
    /// norm), ∂C/∂b (BP3), ∂C/∂p, ∂C/∂γ, ∂C/∂β, and ∂C/∂a of the layer below (`ws.da[i − 1]` = δ w, with the
    /// current w). Everything but BP4.
    fn layer_gradients(&self, i: usize, ws: &mut Workspace, m: usize, grads: &mut Gradients) {
        let layer = &self.layers[i];
        let n_z = layer.n_z();
        if i + 1 < self.layers.len() {
            let masked = self.drop_probability(i + 1) > 0.0;
            let da = &mut ws.da[i][..m * layer.n_out];
            if masked {
                dropout::apply(&ws.mask[i + 1][..m * layer.n_out], da);
            }
            let delta = &mut ws.delta[i][..m * n_z];
            layer.backprop_activation(da, &ws.z[i], &ws.a[i + 1], delta, !masked, &mut grads.nabla_param[i]);
            if let Some(bn) = &layer.batch_norm {
                let (x_hat, var) = (&ws.x_hat[i][..m * n_z], &ws.var[i]);
                bn.backward(delta, x_hat, var, (&mut grads.nabla_gamma[i], &mut grads.nabla_beta[i]), &mut ws.bn_sums);
            }
        }
        let delta = &ws.delta[i][..m * n_z];
        let nabla_b = &mut grads.nabla_b[i];
        nabla_b.fill(0.0);
        for delta_row in delta.chunks_exact(n_z) {
            for (g, d) in nabla_b.iter_mut().zip(delta_row) {
                *g += d;
            }
        }
        if i > 0 {
            gemm_ab(m, layer.n_in, n_z, delta, &layer.w, &mut ws.da[i - 1][..m * layer.n_in]);
        }
    }

    /// Calls `f(tensor id, kind, θ, Σₓ ∂Cₓ/∂θ)` for every trainable tensor, in [`LayerTensor`]'s order and with
    /// its ids (tensors a layer does not train are skipped), so the ids are stable for the optimizer's state.
    pub fn visit_params(&mut self, grads: &Gradients, mut f: impl FnMut(usize, ParamKind, &mut [f32], &[f32])) {
        for (i, layer) in self.layers.iter_mut().enumerate() {
            f(LayerTensor::W.id(i), ParamKind::Weight, &mut layer.w, &grads.nabla_w[i]);
            f(LayerTensor::B.id(i), ParamKind::Other, &mut layer.b, &grads.nabla_b[i]);
            if layer.learn_param {
                f(LayerTensor::Param.id(i), ParamKind::Other, &mut layer.param, &grads.nabla_param[i]);
            }
            if let Some(bn) = &mut layer.batch_norm {
                f(LayerTensor::Gamma.id(i), ParamKind::Other, &mut bn.gamma, &grads.nabla_gamma[i]);
                f(LayerTensor::Beta.id(i), ParamKind::Other, &mut bn.beta, &grads.nabla_beta[i]);
            }
        }
    }

    /// The length of every tensor id [`Network::visit_params`] may visit (0 where it visits none), for sizing state.
    pub fn param_sizes(&self) -> Vec<usize> {
        self.layers
            .iter()
            .flat_map(|layer| {
                let bn = layer.batch_norm.as_ref().map_or(0, |bn| bn.gamma.len());
                [layer.w.len(), layer.b.len(), if layer.learn_param { layer.param.len() } else { 0 }, bn, bn]
            })
            .collect()
    }

    /// Copies every parameter (and batch-norm running average) of `other`, a network of the same shape, without
    /// allocating (early stopping keeps its best weights this way).
    pub fn copy_params_from(&mut self, other: &Network) {
        for (layer, source) in self.layers.iter_mut().zip(&other.layers) {
            layer.w.copy_from_slice(&source.w);
            layer.b.copy_from_slice(&source.b);
            layer.param.copy_from_slice(&source.param);
            if let (Some(bn), Some(from)) = (&mut layer.batch_norm, &source.batch_norm) {
                bn.gamma.copy_from_slice(&from.gamma);
                bn.beta.copy_from_slice(&from.beta);
                bn.running_mean.copy_from_slice(&from.running_mean);
                bn.running_var.copy_from_slice(&from.running_var);
            }
        }
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

/// Σ x is finite, summed in 8 lanes so that the compiler vectorizes it.
fn sum_is_finite(x: &[f32]) -> bool {
    let mut lanes = [0.0f32; 8];
    let chunks = x.chunks_exact(8);
    let tail: f32 = chunks.remainder().iter().sum();
    for chunk in chunks {
        for (lane, &v) in lanes.iter_mut().zip(chunk) {
            *lane += v;
        }
    }
    (lanes.iter().sum::<f32>() + tail).is_finite()
}

/// θ ← θ − step · g, SGD's update (step = η/m for a gradient summed over m samples) and its one implementation:
/// [`Network::backprop_sgd`], `optim::Sgd`, the optimizer's SGD (through [`super::Regularization::sgd_step`]) and the
/// labs call it; the fused BP4 kernel [`gemm_atb_sub`] is its exact equivalent for w (the same bits, tested).
pub fn sgd_step(theta: &mut [f32], nabla: &[f32], step: f32) {
    for (t, g) in theta.iter_mut().zip(nabla) {
        *t -= step * g;
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
