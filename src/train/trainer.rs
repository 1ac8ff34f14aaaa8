//! The step-wise trainer: Nielsen's `SGD` loop cut into resumable pieces, so a page can run it a few mini-batches
//! per animation frame, extended with everything a [`TrainConfig`] can ask for.
//!
//! Each epoch shuffles the n training images and cuts them into mini-batches of m (the last one smaller when m
//! does not divide n). Per mini-batch: fill (scale, augment, preprocess), fresh dropout masks, forward with batch
//! statistics, backpropagation, batch-norm running averages, then one optimizer step with η from the schedule.
//! With early stopping, the validation accuracy is measured after each epoch and the best weights are kept.

use super::config::{ConfigError, ConfigErrors, DataShape, TrainConfig};
use super::divergence::{self, Divergence, NotFinite, Snapshot};
use super::memory::{self, EVAL_BATCH};
use super::metrics::Metrics;
use super::network_file::{self, FileError, Tensor, TensorName};
use super::signals::{saturated_fraction, EpochStats};
use crate::data::{Augmenter, ExampleSplit, Examples, Mnist, Range, Standardizer};
use crate::math::buffer::{bytes_in_words, try_filled, OutOfMemory};
use crate::math::rng::Rng;
use crate::nn::{Gradients, Mode, Network, Penalty, Regularization, Workspace};
use crate::optim::{Optimizer, OptimizerConfig};
use alloc::vec;
use alloc::vec::Vec;
use serde::Serialize;

/// RNG streams: one per random process, so switching one on never shifts the others (the default config draws
/// from the first two only, exactly as before they existed).
const INIT_STREAM: u64 = 1;
const SHUFFLE_STREAM: u64 = 2;
const DROPOUT_STREAM: u64 = 3;
const AUGMENT_STREAM: u64 = 4;

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
    /// Mean cost per sample over the mini-batches of this call, plus the penalty at the current weights when
    /// L1/L2 is on (NaN if none ran).
    pub loss: f32,
    /// The same without the penalty.
    pub data_loss: f32,
    /// η used by the last mini-batch (from the schedule).
    pub eta: f32,
    pub batches_run: usize,
    /// This call finished epoch `epoch`.
    pub epoch_done: bool,
    /// All configured epochs are done, or early stopping ended the run; further steps do nothing.
    pub finished: bool,
    /// The cost, the outputs or the weights stopped being finite; training has stopped and the weights are those of
    /// the last snapshot (see [`super::divergence`]).
    pub diverged: bool,
    /// What stopped being finite ("loss", "outputs" or "weights"; None while the run is sound).
    pub divergence: Option<Divergence>,
    /// Fraction of the sigmoid/tanh neurons saturated (σ′ < 1% of its peak) in the last mini-batch; NaN if none
    /// ran or the network has no such neurons (see [`super::signals`]).
    pub saturated: f32,
    /// Mean training cost (1/n) Σₓ Cₓ over the epoch this call finished (NaN unless `epoch_done`).
    pub epoch_loss: f32,
    /// Its relative change against the previous epoch (the first mini-batch for the first epoch); about 0: the cost
    /// has not moved (NaN unless `epoch_done`).
    pub epoch_loss_change: f32,
    /// Training accuracy over the epoch's mini-batches as trained; near 1/classes: chance level (NaN unless
    /// `epoch_done`).
    pub epoch_accuracy: f32,
    /// Validation accuracy measured at the end of this epoch (early stopping on), else NaN.
    pub validation_accuracy: f32,
    /// Epoch with the best validation accuracy so far (early stopping on).
    pub best_epoch: usize,
    /// Early stopping ended the run and restored the weights of `best_epoch`.
    pub stopped_early: bool,
}

/// Σₓ Cₓ over the mini-batches of one [`Trainer::step`] call, summed in f64, and the size of the last one.
#[derive(Default)]
struct CostSum {
    sum: f64,
    samples: usize,
    last_batch: usize,
}

impl CostSum {
    fn add(&mut self, cost: f32, batch_len: usize) {
        self.sum += f64::from(cost);
        self.samples += batch_len;
        self.last_batch = batch_len;
    }

    /// (1/n) Σₓ Cₓ over the samples seen (NaN if none).
    fn mean(&self) -> f32 {
        if self.samples > 0 {
            (self.sum / self.samples as f64) as f32
        } else {
            f32::NAN
        }
    }
}

/// Early stopping's memory: the best weights so far and how long ago they were.
struct EarlyStopping {
    patience: usize,
    best: Network,
    best_correct: Option<usize>,
    best_epoch: usize,
    since_best: usize,
    stopped: bool,
}

pub struct Trainer {
    config: TrainConfig,
    data: Examples,
    network: Network,
    optimizer: Optimizer,
    regularization: Regularization,
    grads: Gradients,
    train_ws: Workspace,
    eval_ws: Workspace,
    targets: Vec<f32>,
    standardizer: Standardizer,
    augmenter: Option<Augmenter>,
    shuffle_rng: Rng,
    dropout_rng: Rng,
    augment_rng: Rng,
    order: Vec<usize>,
    epoch: usize,
    batch: usize,
    samples_seen: u64,
    divergence: Option<Divergence>,
    snapshot: Snapshot,
    epoch_stats: EpochStats,
    early: Option<EarlyStopping>,
    /// Plain SGD without a penalty takes the fused BP4 + update path (off only to test it against the plain one).
    fuse_sgd: bool,
}

impl Trainer {
    /// What a config is validated against: MNIST's image size, 10 classes, the training images available.
    pub fn data_shape(data: &Mnist) -> DataShape {
        DataShape { input_len: data.train.image_len(), classes: 10, train_available: data.train.count }
    }

    /// What a config is validated against for any examples: the input row's length, the target row's length
    /// (the classes, or 1 for a regression), the training examples available.
    pub fn shape_of(data: &Examples) -> DataShape {
        DataShape { input_len: data.input_len(), classes: data.target_len(), train_available: data.train_count() }
    }

    /// Validates `config` against `data` (its memory estimate included) and builds the network from `config.seed`;
    /// every large buffer is reserved fallibly, so memory the page cannot give is an error, not a trap.
    pub fn new(config: TrainConfig, data: impl Into<Examples>) -> Result<Self, ConfigErrors> {
        let data = data.into();
        let shape = Self::shape_of(&data);
        config.validate(shape)?;
        if config.augmentation.is_on() && data.image_shape().is_none() {
            return Err(ConfigErrors(vec![ConfigError {
                field: "augmentation".into(),
                message: "augmentation transforms images; these examples are feature rows, so leave it off".into(),
            }]));
        }
        let needed = memory::estimate(&config, shape).total();
        Self::build(config, data).map_err(|error| {
            ConfigErrors(vec![ConfigError {
                field: "sizes".into(),
                message: alloc::format!(
                    "{error} (this network needs {} in all): the page's memory is full — reload the page, or reduce sizes or batchSize",
                    bytes_in_words(needed)
                ),
            }])
        })
    }

    fn build(config: TrainConfig, data: Examples) -> Result<Self, OutOfMemory> {
        let network = config.network_spec().try_build(&mut Rng::new(config.seed, INIT_STREAM))?;
        let classes = network.n_outputs();
        let train = split_of(&config, &data, SplitName::Train);
        let early = match config.early_stopping {
            0 => None,
            patience => Some(EarlyStopping {
                patience,
                best: network.try_clone()?,
                best_correct: None,
                best_epoch: 0,
                since_best: 0,
                stopped: false,
            }),
        };
        Ok(Trainer {
            optimizer: Optimizer::try_new(config.optimizer, &network.param_sizes())?,
            regularization: Regularization {
                penalty: config.regularization,
                lambda: config.lambda,
                n_train: config.n_train,
            },
            grads: network.try_zero_gradients()?,
            train_ws: network.try_workspace(config.batch_size)?,
            eval_ws: network.try_workspace(EVAL_BATCH)?,
            targets: try_filled(0.0, config.batch_size.max(EVAL_BATCH) * classes)?,
            standardizer: Standardizer::fit(config.preprocess, train),
            augmenter: data
                .image_shape()
                .filter(|_| config.augmentation.is_on())
                .map(|(rows, cols)| Augmenter::new(config.augmentation, rows, cols)),
            shuffle_rng: Rng::new(config.seed, SHUFFLE_STREAM),
            dropout_rng: Rng::new(config.seed, DROPOUT_STREAM),
            augment_rng: Rng::new(config.seed, AUGMENT_STREAM),
            order: (0..config.n_train).collect(),
            epoch: 0,
            batch: 0,
            samples_seen: 0,
            divergence: None,
            snapshot: Snapshot::try_new(&network)?,
            epoch_stats: EpochStats::default(),
            early,
            fuse_sgd: true,
            network,
            data,
            config,
        })
    }

    /// What this run's buffers take, as validation estimated it.
    pub fn memory_estimate(&self) -> memory::MemoryEstimate {
        memory::estimate(&self.config, Self::shape_of(&self.data))
    }

    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    pub fn network(&self) -> &Network {
        &self.network
    }

    pub fn standardizer(&self) -> &Standardizer {
        &self.standardizer
    }

    /// Every tensor inference reads, for the saved-network file (see [`network_file`]).
    pub fn saved_tensors(&self) -> Vec<(TensorName, &[f32])> {
        network_file::tensors_of(&self.network, &self.standardizer)
    }

    /// Puts a saved network's tensors in place of this run's (checked first; on error nothing changes). The
    /// divergence snapshot and early stopping's best weights start from them, so training on from a loaded network
    /// never falls back to the random weights it was built with.
    pub fn load_tensors(&mut self, tensors: &[Tensor]) -> Result<(), FileError> {
        network_file::load_tensors(&mut self.network, &mut self.standardizer, tensors)?;
        self.snapshot.take(&self.network);
        if let Some(early) = &mut self.early {
            early.best.copy_params_from(&self.network);
        }
        Ok(())
    }

    pub fn batches_per_epoch(&self) -> usize {
        self.config.n_train.div_ceil(self.config.batch_size)
    }

    pub fn is_finished(&self) -> bool {
        self.epoch >= self.config.epochs || self.early.as_ref().is_some_and(|early| early.stopped)
    }

    pub fn split(&self, name: SplitName) -> ExampleSplit<'_> {
        split_of(&self.config, &self.data, name)
    }

    /// Replaces the optimizer mid-run; the new one starts from zero state (no momentum, no moment estimates).
    pub fn set_optimizer(&mut self, optimizer: OptimizerConfig) -> Result<(), ConfigErrors> {
        let problems: Vec<ConfigError> = optimizer
            .problems()
            .into_iter()
            .map(|(field, message)| ConfigError { field: alloc::format!("optimizer.{field}"), message })
            .collect();
        if !problems.is_empty() {
            return Err(ConfigErrors(problems));
        }
        self.optimizer = Optimizer::try_new(optimizer, &self.network.param_sizes()).map_err(|error| {
            ConfigErrors(vec![ConfigError {
                field: "optimizer".into(),
                message: alloc::format!("{error}: the page's memory is full — reload the page"),
            }])
        })?;
        self.config.optimizer = optimizer;
        Ok(())
    }

    /// Trains up to `budget` mini-batches, stopping early at the end of an epoch, when all epochs are done, or when
    /// the run diverges (the cost, the outputs or the weights stop being finite: the weights of the last snapshot
    /// are restored). Each mini-batch is one pass of the lecture's SGD loop, one method per line of it.
    pub fn step(&mut self, budget: usize) -> Progress {
        let mut progress = self.progress();
        let mut costs = CostSum::default();
        while progress.batches_run < budget && !self.is_finished() && self.divergence.is_none() {
            let batch_len = self.next_mini_batch();
            self.network.sample_dropout(&mut self.train_ws, batch_len, &mut self.dropout_rng);
            self.network.forward(&mut self.train_ws, batch_len, Mode::Train);
            let eta = self.scheduled_eta();
            let cost = self.backpropagate_and_update(batch_len, eta);
            self.network.update_running_stats(&self.train_ws);
            progress.epoch = self.epoch;
            progress.eta = eta;
            progress.batches_run += 1;
            self.batch += 1;
            self.samples_seen += batch_len as u64;
            costs.add(cost, batch_len);
            if !self.keep_if_finite(cost, batch_len) {
                break;
            }
            if self.batch == self.batches_per_epoch() {
                self.finish_epoch(&mut progress);
                break;
            }
        }
        self.report(&mut progress, &costs);
        progress
    }

    /// The next mini-batch of m images (fewer for the last of an epoch) in the workspace's input, with its one-hot
    /// targets: shuffled at the start of each epoch, scaled to [0, 1], augmented, preprocessed. Returns its size.
    fn next_mini_batch(&mut self) -> usize {
        if self.batch == 0 {
            self.shuffle_rng.shuffle(&mut self.order);
        }
        let m = self.config.batch_size;
        let start = self.batch * m;
        let batch_len = m.min(self.config.n_train - start);
        let split = split_of(&self.config, &self.data, SplitName::Train);
        let indices = self.order[start..start + batch_len].iter().copied();
        let x = self.train_ws.input_mut(batch_len);
        split.fill_batch(indices, x, &mut self.targets, self.network.n_outputs());
        for row in x.chunks_exact_mut(split.input_len()) {
            if let Some(augmenter) = &mut self.augmenter {
                augmenter.apply(row, &mut self.augment_rng);
            }
            self.standardizer.apply(row);
        }
        batch_len
    }

    /// η for the current mini-batch, from the schedule at t = epoch + batch / batches per epoch.
    fn scheduled_eta(&self) -> f32 {
        let dt = 1.0 / self.batches_per_epoch() as f32;
        self.config.schedule.eta(self.config.eta, self.epoch as f32 + self.batch as f32 * dt, dt)
    }

    /// Backpropagation (BP1–BP4) after the forward pass, then one optimizer step with η; returns Σₓ Cₓ.
    fn backpropagate_and_update(&mut self, batch_len: usize, eta: f32) -> f32 {
        self.optimizer.begin_step();
        if self.fuses_sgd() {
            // Plain SGD: the update fused into BP4 (bit-identical to backprop + the optimizer's SGD, faster).
            return self.network.backprop_sgd(&mut self.train_ws, batch_len, &self.targets, eta, &mut self.grads);
        }
        let cost = self.network.backprop(&mut self.train_ws, batch_len, &self.targets, &mut self.grads);
        let (optimizer, reg) = (&mut self.optimizer, &self.regularization);
        self.network.visit_params(&self.grads, |tensor, kind, theta, nabla| {
            optimizer.update(tensor, kind, eta, theta, nabla, batch_len, reg);
        });
        cost
    }

    /// After an update: if the cost, the outputs or the weights stopped being finite, restores the last snapshot
    /// and returns false; else takes the snapshot's turn and records the mini-batch for the epoch's summary.
    fn keep_if_finite(&mut self, cost: f32, batch_len: usize) -> bool {
        let classes = self.network.n_outputs();
        let outputs = &self.train_ws.a[self.network.layers.len()][..batch_len * classes];
        self.divergence = divergence::check(cost, outputs, &self.network);
        if self.divergence.is_some() {
            self.snapshot.restore(&mut self.network);
            return false;
        }
        self.snapshot.after_good_batch(&self.network);
        self.epoch_stats.record(cost, outputs, &self.targets[..batch_len * classes], classes);
        true
    }

    /// The epoch is done: its summary, and early stopping's validation.
    fn finish_epoch(&mut self, progress: &mut Progress) {
        self.batch = 0;
        self.epoch += 1;
        progress.epoch_done = true;
        let summary = self.epoch_stats.finish();
        progress.epoch_loss = summary.loss;
        progress.epoch_loss_change = summary.loss_change;
        progress.epoch_accuracy = summary.accuracy;
        progress.validation_accuracy = self.end_of_epoch();
    }

    /// Fills in what the call as a whole did: mean cost (with and without the penalty), saturation after the last
    /// mini-batch, position, and whether the run is finished, diverged or stopped early.
    fn report(&self, progress: &mut Progress, costs: &CostSum) {
        if costs.last_batch > 0 {
            progress.saturated = saturated_fraction(&self.network, &self.train_ws, costs.last_batch);
        }
        progress.batch = if progress.epoch_done { self.batches_per_epoch() } else { self.batch };
        progress.samples_seen = self.samples_seen;
        progress.data_loss = costs.mean();
        progress.loss = progress.data_loss + self.regularization.cost(&self.network);
        progress.finished = self.is_finished();
        progress.diverged = self.divergence.is_some();
        progress.divergence = self.divergence;
        if let Some(early) = &self.early {
            progress.best_epoch = early.best_epoch;
            progress.stopped_early = early.stopped;
        }
    }

    /// Early stopping's bookkeeping after an epoch; returns the validation accuracy it measured (NaN if off).
    /// Stops after `patience` epochs without improvement, and at the last epoch, with the best weights restored.
    fn end_of_epoch(&mut self) -> f32 {
        if self.early.is_none() {
            return f32::NAN;
        }
        let total = self.config.n_validation;
        // The step's divergence checks passed, so only outputs overflowing on validation images can fail here.
        let correct = self.evaluate(SplitName::Validation, 0, total);
        let last_epoch = self.epoch >= self.config.epochs;
        let early = self.early.as_mut().expect("checked above");
        if early.best_correct.is_none_or(|best| correct > best) {
            early.best_correct = Some(correct);
            early.best_epoch = self.epoch - 1;
            early.since_best = 0;
            early.best.copy_params_from(&self.network);
        } else {
            early.since_best += 1;
            if early.since_best >= early.patience || last_epoch {
                early.stopped = early.since_best >= early.patience;
                self.network.copy_params_from(&early.best);
            }
        }
        correct as f32 / total as f32
    }

    fn progress(&self) -> Progress {
        Progress {
            epoch: self.epoch.min(self.config.epochs.saturating_sub(1)),
            batch: self.batch,
            batches_per_epoch: self.batches_per_epoch(),
            samples_seen: self.samples_seen,
            loss: f32::NAN,
            data_loss: f32::NAN,
            eta: f32::NAN,
            batches_run: 0,
            epoch_done: false,
            finished: self.is_finished(),
            diverged: self.divergence.is_some(),
            divergence: self.divergence,
            saturated: f32::NAN,
            epoch_loss: f32::NAN,
            epoch_loss_change: f32::NAN,
            epoch_accuracy: f32::NAN,
            validation_accuracy: f32::NAN,
            best_epoch: 0,
            stopped_early: false,
        }
    }

    /// Calls `visit(outputs, one-hot targets)` for the inference outputs of images [start, start + count) of a
    /// split (clamped to it), in slices of [`EVAL_BATCH`]; stops at non-finite weights or outputs.
    fn for_each_batch(
        &mut self,
        name: SplitName,
        start: usize,
        count: usize,
        mut visit: impl FnMut(&[f32], &[f32]),
    ) -> Result<(), NotFinite> {
        if !self.network.params_finite() {
            return Err(NotFinite::Weights);
        }
        let split = split_of(&self.config, &self.data, name);
        let end = start.saturating_add(count).min(split.len());
        let classes = self.network.n_outputs();
        let mut from = start.min(end);
        while from < end {
            let len = EVAL_BATCH.min(end - from);
            let x = self.eval_ws.input_mut(len);
            split.fill_batch(from..from + len, x, &mut self.targets, classes);
            x.chunks_exact_mut(split.input_len()).for_each(|row| self.standardizer.apply(row));
            let outputs = self.network.feedforward(&mut self.eval_ws, len);
            if !outputs.iter().all(|a| a.is_finite()) {
                return Err(NotFinite::Outputs);
            }
            visit(outputs, &self.targets[..len * classes]);
            from += len;
        }
        Ok(())
    }

    /// How many of the images [start, start + count) of a split the network classifies right (clamped to the split);
    /// 0 if its weights or outputs are not finite (see [`Trainer::checked_evaluate`]).
    pub fn evaluate(&mut self, name: SplitName, start: usize, count: usize) -> usize {
        self.checked_evaluate(name, start, count).unwrap_or(0)
    }

    /// [`Trainer::evaluate`], with non-finite weights or outputs an error (argmax of NaNs would answer class 0).
    pub fn checked_evaluate(&mut self, name: SplitName, start: usize, count: usize) -> Result<usize, NotFinite> {
        let classes = self.network.n_outputs();
        let mut correct = 0;
        self.for_each_batch(name, start, count, |outputs, targets| {
            correct += Network::argmax_rows(outputs, classes)
                .zip(targets.chunks_exact(classes))
                .filter(|(guess, y)| y[*guess] == 1.0)
                .count();
        })?;
        Ok(correct)
    }

    /// Loss (with and without the penalty), accuracy, confusion matrix and per-class accuracy on images
    /// [start, start + count) of a split.
    pub fn metrics(&mut self, name: SplitName, start: usize, count: usize) -> Result<Metrics, NotFinite> {
        let classes = self.network.n_outputs();
        let cost = self.network.cost;
        let mut metrics = Metrics::new(classes);
        let mut cost_sum = 0.0f64;
        self.for_each_batch(name, start, count, |outputs, targets| {
            for (a, y) in outputs.chunks_exact(classes).zip(targets.chunks_exact(classes)) {
                cost_sum += f64::from(cost.value(a, y));
                let label = y.iter().position(|&t| t == 1.0).unwrap_or(0);
                let guess = Network::argmax_rows(a, classes).next().unwrap_or(0);
                metrics.record(label, guess);
            }
        })?;
        metrics.finish(cost_sum, self.regularization.cost(&self.network));
        Ok(metrics)
    }

    /// The output activations aᴸ for image `index` of a split (None if out of range); an error if the weights or
    /// the outputs are not finite.
    pub fn outputs(&mut self, name: SplitName, index: usize) -> Result<Option<&[f32]>, NotFinite> {
        if !self.network.params_finite() {
            return Err(NotFinite::Weights);
        }
        if self.input(name, index).is_none() {
            return Ok(None);
        }
        let outputs = self.network.feedforward(&mut self.eval_ws, 1);
        if outputs.iter().all(|a| a.is_finite()) {
            Ok(Some(outputs))
        } else {
            Err(NotFinite::Outputs)
        }
    }

    /// The network's input for image `index` of a split: scaled to [0, 1] and preprocessed with the training
    /// statistics, never augmented (None if out of range).
    pub fn input(&mut self, name: SplitName, index: usize) -> Option<&[f32]> {
        let split = split_of(&self.config, &self.data, name);
        if index >= split.len() {
            return None;
        }
        let classes = self.network.n_outputs();
        let x = self.eval_ws.input_mut(1);
        split.fill_batch(core::iter::once(index), x, &mut self.targets, classes);
        self.standardizer.apply(x);
        Some(x)
    }

    /// The network's guess (the most active output neuron) for image `index` of a split (None if out of range).
    pub fn predict(&mut self, name: SplitName, index: usize) -> Result<Option<usize>, NotFinite> {
        let classes = self.network.n_outputs();
        Ok(self.outputs(name, index)?.and_then(|outputs| Network::argmax_rows(outputs, classes).next()))
    }

    /// Makes plain SGD take the unfused path (backpropagation, then the optimizer's SGD step), which the fused
    /// one must equal bit for bit: for tests/core/fused_sgd.rs.
    #[doc(hidden)]
    pub fn unfuse_sgd(&mut self) {
        self.fuse_sgd = false;
    }

    /// Whether mini-batches take the fused path: plain SGD without a penalty, unless [`Trainer::unfuse_sgd`] was
    /// called.
    pub fn fuses_sgd(&self) -> bool {
        self.fuse_sgd && self.optimizer.config == OptimizerConfig::Sgd && !self.regularization.is_on()
    }

    /// Replaces every parameter by `value` (e.g. NaN), as a diverged run with the checks off would leave them: for
    /// tests of the inference paths' own checks.
    #[doc(hidden)]
    pub fn poison_params(&mut self, value: f32) {
        self.network.visit_params(&self.grads, |_, _, theta, _| theta.fill(value));
    }

    /// Per layer l = 2 … L, how the units behave on images [start, start + count) of a split (clamped to it), run
    /// through the network as at inference on the evaluation workspace (nothing is trained or changed): the
    /// share of dead units (a = 0 on every one of those images: a ReLU that never fires passes no gradient) and
    /// the share of saturated z (|z| > 6 for sigmoid, > 3 for tanh, where σ′ is under 1% of its peak; NaN for
    /// other activations). Empty if the weights are not finite.
    pub fn unit_stats(&mut self, name: SplitName, start: usize, count: usize) -> Vec<UnitStats> {
        if !self.network.params_finite() {
            return Vec::new();
        }
        let split = split_of(&self.config, &self.data, name);
        let end = start.saturating_add(count).min(split.len());
        let classes = self.network.n_outputs();
        let layers = &self.network.layers;
        let mut ever_active: Vec<Vec<bool>> = layers.iter().map(|layer| vec![false; layer.n_out]).collect();
        let mut saturated = vec![0usize; layers.len()];
        let mut from = start.min(end);
        while from < end {
            let len = EVAL_BATCH.min(end - from);
            let x = self.eval_ws.input_mut(len);
            split.fill_batch(from..from + len, x, &mut self.targets, classes);
            x.chunks_exact_mut(split.input_len()).for_each(|row| self.standardizer.apply(row));
            self.network.feedforward(&mut self.eval_ws, len);
            for (i, layer) in layers.iter().enumerate() {
                for row in self.eval_ws.a[i + 1][..len * layer.n_out].chunks_exact(layer.n_out) {
                    for (seen, &a) in ever_active[i].iter_mut().zip(row) {
                        *seen |= a != 0.0;
                    }
                }
                if let Some(bound) = unit_stats_saturation_bound(layer.activation) {
                    saturated[i] += self.eval_ws.z[i][..len * layer.n_z()].iter().filter(|z| z.abs() > bound).count();
                }
            }
            from += len;
        }
        let samples = end - start.min(end);
        layers
            .iter()
            .enumerate()
            .map(|(i, layer)| UnitStats {
                layer: i + 2,
                activation: layer.activation,
                units: layer.n_out,
                samples,
                dead: ever_active[i].iter().filter(|&&seen| !seen).count() as f32 / layer.n_out as f32,
                saturated: match unit_stats_saturation_bound(layer.activation) {
                    Some(_) => saturated[i] as f32 / (samples * layer.n_z()).max(1) as f32,
                    None => f32::NAN,
                },
            })
            .collect()
    }

    /// The output activations aᴸ for an image the caller gives as pixels p (0–255, row-major, as many as the
    /// network has inputs, e.g. a digit drawn on the page): x = preprocess(p / 255) with the training statistics,
    /// aᴸ = feedforward(x), as at inference (no dropout, batch norm's running averages). None if the pixel count is
    /// not the network's input size; an error if the weights or the outputs are not finite.
    pub fn outputs_for(&mut self, pixels: &[u8]) -> Result<Option<&[f32]>, NotFinite> {
        if pixels.len() != self.network.n_inputs() {
            return Ok(None);
        }
        if !self.network.params_finite() {
            return Err(NotFinite::Weights);
        }
        let x = self.eval_ws.input_mut(1);
        for (xi, &pixel) in x.iter_mut().zip(pixels) {
            *xi = f32::from(pixel) * (1.0 / 255.0);
        }
        self.standardizer.apply(x);
        let outputs = self.network.feedforward(&mut self.eval_ws, 1);
        if outputs.iter().all(|a| a.is_finite()) {
            Ok(Some(outputs))
        } else {
            Err(NotFinite::Outputs)
        }
    }

    /// The network's guess argmaxⱼ aᴸⱼ for each of images [start, start + count) of a split (clamped to it), in
    /// order; an error if the weights or the outputs are not finite.
    pub fn guesses(&mut self, name: SplitName, start: usize, count: usize) -> Result<Vec<u32>, NotFinite> {
        let classes = self.network.n_outputs();
        let mut guesses = Vec::with_capacity(count.min(self.split(name).len()));
        self.for_each_batch(name, start, count, |outputs, _| {
            guesses.extend(Network::argmax_rows(outputs, classes).map(|guess| guess as u32));
        })?;
        Ok(guesses)
    }

    /// The dropout mask of activation a^l (l = 1 … L − 1, the lecture's numbering) in the last trained mini-batch:
    /// m rows of n_l entries, mask_j = 0 (dropped) or 1/(1 − p) (kept), so that ã^l = a^l ⊙ mask. Empty when a^l
    /// has no dropout, l is out of range, or nothing has trained yet.
    pub fn dropout_mask(&self, l: usize) -> &[f32] {
        let Some(mask) = l.checked_sub(1).and_then(|i| self.train_ws.mask.get(i)) else {
            return &[];
        };
        let width = mask.len() / self.train_ws.capacity().max(1);
        &mask[..self.last_batch_len() * width]
    }

    /// Images in the last trained mini-batch: m, or fewer for the last one of an epoch; 0 before any.
    pub fn last_batch_len(&self) -> usize {
        if self.samples_seen == 0 {
            return 0;
        }
        let m = self.config.batch_size;
        let done = if self.batch == 0 { self.batches_per_epoch() } else { self.batch };
        m.min(self.config.n_train - (done - 1) * m)
    }

    /// z^l and a^l of layer l (the lecture's numbering, 2 … L) for images [start, start + count) of a split
    /// (clamped to it), as at inference: z^l = w^l a^{l−1} + b^l (γ x̂ + β under batch norm) and a^l = σ(z^l), each
    /// one row per image (z: count × n_z, a: count × n_l). Empty if l is out of range or the weights are not finite.
    pub fn layer_values(&mut self, name: SplitName, start: usize, count: usize, l: usize) -> (Vec<f32>, Vec<f32>) {
        if !(2..=self.network.layers.len() + 1).contains(&l) || !self.network.params_finite() {
            return (Vec::new(), Vec::new());
        }
        let i = l - 2;
        let split = split_of(&self.config, &self.data, name);
        let end = start.saturating_add(count).min(split.len());
        let classes = self.network.n_outputs();
        let (n_z, n_out) = (self.network.layers[i].n_z(), self.network.layers[i].n_out);
        let samples = end - start.min(end);
        let (mut z, mut a) = (Vec::with_capacity(samples * n_z), Vec::with_capacity(samples * n_out));
        let mut from = start.min(end);
        while from < end {
            let len = EVAL_BATCH.min(end - from);
            let x = self.eval_ws.input_mut(len);
            split.fill_batch(from..from + len, x, &mut self.targets, classes);
            x.chunks_exact_mut(split.input_len()).for_each(|row| self.standardizer.apply(row));
            self.network.feedforward(&mut self.eval_ws, len);
            z.extend_from_slice(&self.eval_ws.z[i][..len * n_z]);
            a.extend_from_slice(&self.eval_ws.a[i + 1][..len * n_out]);
            from += len;
        }
        (z, a)
    }

    /// Batch normalization of feature j of layer l, one number per sample i of the last mini-batch trained (before
    /// any training: the first m training images), in a training-mode pass through the current parameters:
    /// x_i = (w^l a^{l−1}_i + b^l)_j, then as the core computes them μ_B = (1/m) Σᵢ x_i,
    /// σ²_B = (1/m) Σᵢ (x_i − μ_B)², x̂_i = (x_i − μ_B) / √(σ²_B + ε), y_i = γ_j x̂_i + β_j; and the running averages
    /// inference uses instead of μ_B, σ²_B. The images are preprocessed, not augmented; dropout draws fresh masks
    /// from a copy of the run's stream. None if layer l has no batch norm or j ≥ n_z.
    pub fn batch_norm_neuron(&self, l: usize, j: usize) -> Option<BatchNormNeuron> {
        let i = l.checked_sub(2)?;
        let layer = self.network.layers.get(i)?;
        let bn = layer.batch_norm.as_ref()?;
        if j >= layer.n_z() {
            return None;
        }
        let m = self.config.batch_size;
        let batches = self.batches_per_epoch();
        let last = if self.samples_seen == 0 { 0 } else { (self.batch + batches - 1) % batches };
        let from = last * m;
        let len = m.min(self.config.n_train - from);
        let mut ws = self.network.try_workspace(len).ok()?;
        let classes = self.network.n_outputs();
        let mut targets = try_filled(0.0, len * classes).ok()?;
        let split = split_of(&self.config, &self.data, SplitName::Train);
        let x = ws.input_mut(len);
        split.fill_batch(self.order[from..from + len].iter().copied(), x, &mut targets, classes);
        x.chunks_exact_mut(split.input_len()).for_each(|row| self.standardizer.apply(row));
        self.network.sample_dropout(&mut ws, len, &mut self.dropout_rng.clone());
        self.network.forward(&mut ws, len, Mode::Train);
        let n_z = layer.n_z();
        let w_j = &layer.w[j * layer.n_in..(j + 1) * layer.n_in];
        let x = ws.a[i][..len * layer.n_in]
            .chunks_exact(layer.n_in)
            .map(|a_prev| a_prev.iter().zip(w_j).map(|(a, w)| a * w).sum::<f32>() + layer.b[j])
            .collect();
        let column = |buffer: &[f32]| buffer[..len * n_z].iter().skip(j).step_by(n_z).copied().collect();
        Some(BatchNormNeuron {
            layer: l,
            neuron: j,
            x,
            mean: ws.mean[i][j],
            var: ws.var[i][j],
            eps: bn.eps,
            x_hat: column(&ws.x_hat[i]),
            gamma: bn.gamma[j],
            beta: bn.beta[j],
            y: column(&ws.z[i]),
            running_mean: bn.running_mean[j],
            running_var: bn.running_var[j],
            momentum: bn.momentum,
        })
    }

    /// Sets the weight w^l_jk (from neuron k of layer l−1 to row j of w^l, the lecture's l = 2 … L) to `value`, as a
    /// student editing one connection would; the optimizer's state is kept. None if an index is out of range or
    /// the value is not finite.
    pub fn set_weight(&mut self, l: usize, j: usize, k: usize, value: f32) -> Option<()> {
        let layer = self.network.layers.get_mut(l.checked_sub(2)?)?;
        if j >= layer.n_z() || k >= layer.n_in || !value.is_finite() {
            return None;
        }
        layer.w[j * layer.n_in + k] = value;
        Some(())
    }

    /// Sets the bias b^l_j (row j of layer l = 2 … L) to `value`; None if out of range or not finite.
    pub fn set_bias(&mut self, l: usize, j: usize, value: f32) -> Option<()> {
        let layer = self.network.layers.get_mut(l.checked_sub(2)?)?;
        if j >= layer.n_z() || !value.is_finite() {
            return None;
        }
        layer.b[j] = value;
        Some(())
    }

    /// Changes η₀ and the penalty (C = C₀ + λ/2n Σw² for L2, C₀ + λ/n Σ|w| for L1) mid-run, as TF Playground's
    /// controls do; the weights and the optimizer's state are kept. Validated as the whole config would be.
    pub fn set_rates(&mut self, eta: f32, penalty: Penalty, lambda: f32) -> Result<(), ConfigErrors> {
        let config = TrainConfig { eta, regularization: penalty, lambda, ..self.config.clone() };
        config.validate(Self::shape_of(&self.data))?;
        self.regularization.penalty = penalty;
        self.regularization.lambda = lambda;
        self.config = config;
        Ok(())
    }
}

/// The training split is the first nTrain examples of the training set, the validation split the last nValidation
/// of them (Nielsen's 50,000 / 10,000 of MNIST's 60,000), the test split the whole test set (MNIST's t10k images).
fn split_of<'a>(config: &TrainConfig, data: &'a Examples, name: SplitName) -> ExampleSplit<'a> {
    data.split(match name {
        SplitName::Train => Range::Train(config.n_train),
        SplitName::Validation => Range::Validation(config.n_validation),
        SplitName::Test => Range::Test,
    })
}

/// One feature's batch normalization over a mini-batch ([`Trainer::batch_norm_neuron`]): the m values x_i that
/// enter it, μ_B, σ²_B, x̂_i, y_i = γ x̂_i + β, and the running averages used at inference.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchNormNeuron {
    /// The lecture's layer number l.
    pub layer: usize,
    /// The feature j (0-based).
    pub neuron: usize,
    pub x: Vec<f32>,
    pub mean: f32,
    pub var: f32,
    pub eps: f32,
    pub x_hat: Vec<f32>,
    pub gamma: f32,
    pub beta: f32,
    pub y: Vec<f32>,
    pub running_mean: f32,
    pub running_var: f32,
    pub momentum: f32,
}

/// How the units of layer l behave on a batch of images ([`Trainer::unit_stats`]).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitStats {
    /// The lecture's layer number l (2 = the first hidden layer, L = the output layer).
    pub layer: usize,
    pub activation: crate::nn::Activation,
    pub units: usize,
    /// Images the numbers are over.
    pub samples: usize,
    /// Share of units with a = 0 on every one of the images (dead ReLUs); 0 when there are no images.
    pub dead: f32,
    /// Share of (unit, image) pairs with |z| past the saturation bound (sigmoid 6, tanh 3); NaN for other activations.
    pub saturated: f32,
}

/// |z| beyond which σ′ is under 1% of its peak (the bounds of [`super::signals`]).
fn unit_stats_saturation_bound(activation: crate::nn::Activation) -> Option<f32> {
    match activation {
        crate::nn::Activation::Sigmoid => Some(6.0),
        crate::nn::Activation::Tanh => Some(3.0),
        _ => None,
    }
}
