//! What a [`TrainConfig`] will allocate, estimated before anything is: a config past [`MEMORY_BUDGET`] is
//! rejected by validation instead of freezing the tab and ending in a wasm trap.
//!
//! Counted in f32 (4 bytes) per value, for the network of layers l = 2 … L with n_z = n_l · pieces rows of w:
//! - the network: w (n_z × n_{l−1}), b (n_z), p (n_l, activations with a parameter), batch norm γ, β, running μ, σ²
//!   (4 n_z, hidden layers); once more for early stopping's best weights and once for the divergence snapshot;
//! - gradients ∂C/∂θ and the optimizer's state (0, 1 or 2 buffers) per trainable value;
//! - two workspaces, for the mini-batch (m rows) and for evaluation (250 rows), each holding per layer
//!   z, δ (m · n_z), a (m · n_l, plus the input m · n_1), ∂C/∂a (m · n_l, below the output), x̂ (m · n_z, batch norm)
//!   and a dropout mask (m · n_{l−1}, where p > 0);
//! - one-hot targets, the epoch's shuffled order (one usize per training image), the preprocessing statistics and
//!   the augmenter's buffers.
//!
//! Vec headers and the allocator's bookkeeping are left out: a few hundred bytes per buffer (tests/memory.rs
//! measures the estimate against what the trainer really allocates).

use super::config::{DataShape, TrainConfig};
use crate::nn::Activation;
use core::mem::size_of;

/// The most a single training run may allocate: 1 GB (2³⁰ bytes). A wasm32 module can address 4 GB at most and
/// browsers often grant less, with the dataset and the page's other runs sharing it.
pub const MEMORY_BUDGET: u64 = 1 << 30;

/// Rows per forward pass when evaluating: large enough to keep the kernels busy, small enough to stay in cache.
pub const EVAL_BATCH: usize = 250;

/// Bytes a config will allocate, by purpose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemoryEstimate {
    /// Parameters, their copies, gradients and optimizer state: what `sizes` (and the optimizer) decide.
    pub parameters: u64,
    /// The mini-batch workspace: what `batchSize` decides.
    pub batch: u64,
    /// The evaluation workspace, targets, shuffled order, preprocessing and augmentation buffers.
    pub other: u64,
}

impl MemoryEstimate {
    pub fn total(&self) -> u64 {
        self.parameters + self.batch + self.other
    }
}

const F32: u64 = size_of::<f32>() as u64;

/// The estimate for `config` (whose sizes are valid) on data of shape `data`.
pub fn estimate(config: &TrainConfig, data: DataShape) -> MemoryEstimate {
    let activations = config.layer_activations();
    let layers = config.sizes.len() - 1;
    let (mut values, mut trainable) = (0u64, 0u64);
    let dropout = |i: usize| config.dropout.get(i).is_some_and(|&p| p > 0.0);
    let mut per_row = config.sizes[0] as u64; // a^1, the input
    let (mut max_bn, mut sum_bn) = (0u64, 0u64);
    for (i, pair) in config.sizes.windows(2).enumerate() {
        let (n_in, n_out) = (pair[0] as u64, pair[1] as u64);
        let activation = activations[i];
        let pieces = if activation == Activation::Maxout { config.maxout_pieces as u64 } else { 1 };
        let n_z = n_out * pieces;
        let hidden = i + 1 < layers;
        let bn = if hidden && config.batch_norm { n_z } else { 0 };
        let param = if activation.has_param() { n_out } else { 0 };
        let learned =
            hidden && (activation == Activation::Prelu || (config.learn_swish_beta && activation == Activation::Swish));
        values += n_z * n_in + n_z + param + 4 * bn;
        trainable += n_z * n_in + n_z + if learned { param } else { 0 } + 2 * bn;
        // z, δ, a, ∂C/∂a below the output, x̂ under batch norm, the dropout mask of a^{l−1}
        per_row += 2 * n_z + n_out + if hidden { n_out } else { 0 } + bn + if dropout(i) { n_in } else { 0 };
        max_bn = max_bn.max(bn);
        sum_bn += bn;
    }
    let copies = 2 + u64::from(config.early_stopping > 0); // the network, the divergence snapshot, early stopping's best
    let optimizer = config.optimizer.state_buffers() as u64;
    let parameters = F32 * (copies * values + (1 + optimizer) * trainable);
    // per workspace: the rows, μ_B and σ²_B of each batch-normalized layer, batch norm's scratch sums
    let fixed = |rows: u64| F32 * (rows * per_row + 2 * sum_bn + 2 * max_bn);
    let batch = fixed(config.batch_size as u64);
    let classes = data.classes as u64;
    let pixels = data.input_len as u64;
    let augmenter = if config.augmentation.is_on() { 3 * pixels } else { 0 };
    let other = fixed(EVAL_BATCH as u64)
        + F32 * (config.batch_size.max(EVAL_BATCH) as u64 * classes + 2 * pixels + augmenter)
        + (size_of::<usize>() * config.n_train) as u64;
    MemoryEstimate { parameters, batch, other }
}
