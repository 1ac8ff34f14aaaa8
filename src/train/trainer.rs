//! The step-wise trainer: Nielsen's `SGD` loop cut into resumable pieces, so a page can run it a few mini-batches
//! per animation frame.
//!
//! Each epoch shuffles the n training images, cuts them into mini-batches of m (the last one smaller when m does
//! not divide n) and, per mini-batch, runs forward, backpropagation and w → w − (η/m) Σₓ ∂Cₓ/∂w.

use super::config::{ConfigErrors, DataShape, TrainConfig};
use crate::data::{Mnist, Split};
use crate::math::rng::Rng;
use crate::nn::{Gradients, Network, Workspace};
use crate::optim::Sgd;
use alloc::rc::Rc;
use alloc::vec;
use alloc::vec::Vec;
use serde::Serialize;

/// Rows per forward pass when evaluating: large enough to keep the kernels busy, small enough to stay in cache.
const EVAL_BATCH: usize = 250;
/// RNG streams: one for initialization, one for the epoch shuffles, so changing one never shifts the other.
const INIT_STREAM: u64 = 1;
const SHUFFLE_STREAM: u64 = 2;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SplitName {
    Train,
    Validation,
    Test,
}

/// What one call of [`Trainer::step`] did.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// 0-based index of the epoch the last trained mini-batch belonged to.
    pub epoch: usize,
    /// Mini-batches done in that epoch.
    pub batch: usize,
    pub batches_per_epoch: usize,
    pub samples_seen: u64,
    /// Mean cost per sample over the mini-batches of this call (NaN if none ran).
    pub loss: f32,
    pub batches_run: usize,
    /// This call finished epoch `epoch`.
    pub epoch_done: bool,
    /// All configured epochs are done; further steps do nothing.
    pub finished: bool,
    /// The cost stopped being finite; training has stopped.
    pub diverged: bool,
}

pub struct Trainer {
    config: TrainConfig,
    data: Rc<Mnist>,
    network: Network,
    sgd: Sgd,
    grads: Gradients,
    train_ws: Workspace,
    eval_ws: Workspace,
    targets: Vec<f32>,
    shuffle_rng: Rng,
    order: Vec<usize>,
    epoch: usize,
    batch: usize,
    samples_seen: u64,
    diverged: bool,
}

impl Trainer {
    /// Validates `config` against `data` and builds the network from `config.seed`.
    pub fn new(config: TrainConfig, data: Rc<Mnist>) -> Result<Self, ConfigErrors> {
        config.validate(DataShape { input_len: data.train.image_len(), classes: 10, train_available: data.train.count })?;
        let mut init_rng = Rng::new(config.seed, INIT_STREAM);
        let network = Network::new(
            &config.sizes,
            config.hidden_activation,
            config.output_activation,
            config.cost,
            config.init,
            &mut init_rng,
        );
        let classes = network.n_outputs();
        Ok(Trainer {
            sgd: Sgd { eta: config.eta },
            grads: network.zero_gradients(),
            train_ws: network.workspace(config.batch_size),
            eval_ws: network.workspace(EVAL_BATCH),
            targets: vec![0.0; config.batch_size.max(EVAL_BATCH) * classes],
            shuffle_rng: Rng::new(config.seed, SHUFFLE_STREAM),
            order: (0..config.n_train).collect(),
            epoch: 0,
            batch: 0,
            samples_seen: 0,
            diverged: false,
            network,
            data,
            config,
        })
    }

    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    pub fn network(&self) -> &Network {
        &self.network
    }

    pub fn batches_per_epoch(&self) -> usize {
        self.config.n_train.div_ceil(self.config.batch_size)
    }

    pub fn is_finished(&self) -> bool {
        self.epoch >= self.config.epochs
    }

    pub fn split(&self, name: SplitName) -> Split<'_> {
        split_of(&self.config, &self.data, name)
    }

    /// Trains up to `budget` mini-batches, stopping early at the end of an epoch, when all epochs are done, or when
    /// the cost stops being finite.
    pub fn step(&mut self, budget: usize) -> Progress {
        let m = self.config.batch_size;
        let n = self.config.n_train;
        let classes = self.network.n_outputs();
        let mut progress = self.progress();
        let mut cost_sum = 0.0f64;
        let mut samples = 0usize;
        while progress.batches_run < budget && !self.is_finished() && !self.diverged {
            if self.batch == 0 {
                self.shuffle_rng.shuffle(&mut self.order);
            }
            let start = self.batch * m;
            let batch_len = m.min(n - start);
            let split = Split { set: &self.data.train, start: 0, len: n };
            let indices = self.order[start..start + batch_len].iter().copied();
            split.fill_batch(indices, self.train_ws.input_mut(batch_len), &mut self.targets, classes);
            self.network.feedforward(&mut self.train_ws, batch_len);
            // Plain SGD: backprop with the update fused into BP4 (bit-identical to backprop + Sgd::update, faster).
            let cost = self.network.backprop_sgd(&mut self.train_ws, batch_len, &self.targets, self.sgd.eta, &mut self.grads);
            progress.epoch = self.epoch;
            progress.batches_run += 1;
            self.batch += 1;
            self.samples_seen += batch_len as u64;
            cost_sum += f64::from(cost);
            samples += batch_len;
            if !cost.is_finite() {
                self.diverged = true;
            } else if self.batch == self.batches_per_epoch() {
                self.batch = 0;
                self.epoch += 1;
                progress.epoch_done = true;
                break;
            }
        }
        progress.batch = if progress.epoch_done { self.batches_per_epoch() } else { self.batch };
        progress.samples_seen = self.samples_seen;
        progress.loss = if samples > 0 { (cost_sum / samples as f64) as f32 } else { f32::NAN };
        progress.finished = self.is_finished();
        progress.diverged = self.diverged;
        progress
    }

    fn progress(&self) -> Progress {
        Progress {
            epoch: self.epoch.min(self.config.epochs.saturating_sub(1)),
            batch: self.batch,
            batches_per_epoch: self.batches_per_epoch(),
            samples_seen: self.samples_seen,
            loss: f32::NAN,
            batches_run: 0,
            epoch_done: false,
            finished: self.is_finished(),
            diverged: self.diverged,
        }
    }

    /// How many of the images [start, start + count) of a split the network classifies right (clamped to the split).
    pub fn evaluate(&mut self, name: SplitName, start: usize, count: usize) -> usize {
        let split = split_of(&self.config, &self.data, name);
        let end = start.saturating_add(count).min(split.len);
        let classes = self.network.n_outputs();
        let mut correct = 0;
        let mut from = start.min(end);
        while from < end {
            let len = EVAL_BATCH.min(end - from);
            split.fill_batch(from..from + len, self.eval_ws.input_mut(len), &mut self.targets, classes);
            let outputs = self.network.feedforward(&mut self.eval_ws, len);
            correct += Network::argmax_rows(outputs, classes)
                .zip(from..from + len)
                .filter(|&(guess, index)| guess == usize::from(split.label(index)))
                .count();
            from += len;
        }
        correct
    }

    /// The output activations aᴸ for image `index` of a split (None if out of range).
    pub fn outputs(&mut self, name: SplitName, index: usize) -> Option<&[f32]> {
        let split = split_of(&self.config, &self.data, name);
        if index >= split.len {
            return None;
        }
        let classes = self.network.n_outputs();
        split.fill_batch(core::iter::once(index), self.eval_ws.input_mut(1), &mut self.targets, classes);
        Some(self.network.feedforward(&mut self.eval_ws, 1))
    }

    /// The network's guess (the most active output neuron) for image `index` of a split.
    pub fn predict(&mut self, name: SplitName, index: usize) -> Option<usize> {
        let classes = self.network.n_outputs();
        self.outputs(name, index).and_then(|outputs| Network::argmax_rows(outputs, classes).next())
    }
}

/// The training split is the first nTrain of the 60,000 training images, the validation split the last
/// nValidation of them (Nielsen's 50,000 / 10,000), the test split the 10,000 t10k images.
fn split_of<'a>(config: &TrainConfig, data: &'a Mnist, name: SplitName) -> Split<'a> {
    let train = &data.train;
    match name {
        SplitName::Train => Split { set: train, start: 0, len: config.n_train },
        SplitName::Validation => Split { set: train, start: train.count - config.n_validation, len: config.n_validation },
        SplitName::Test => Split { set: &data.test, start: 0, len: data.test.count },
    }
}
