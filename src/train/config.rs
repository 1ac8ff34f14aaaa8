//! One serde `TrainConfig` describes a whole experiment; it is validated as a whole, and every problem is reported
//! with the field's name and its allowed range, so a form can show them all at once.
//!
//! Every field has a default, and the defaults are Nielsen's `network.py` run, so `{}` means his experiment and
//! fields added later never change what an older config does.

use super::memory::{self, MEMORY_BUDGET};
use super::whole;
use crate::data::{Augmentation, Preprocess};
use crate::math::buffer::bytes_in_words;
use crate::nn::{Activation, BiasInit, Cost, Init, NetworkSpec, Penalty};
use crate::optim::{OptimizerConfig, Schedule};
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct TrainConfig {
    /// Layer sizes [n_1, …, n_L], input first.
    #[serde(deserialize_with = "whole::usizes_in::<1, { MAX_WIDTH as u64 }, _>")]
    pub sizes: Vec<usize>,
    pub hidden_activation: Activation,
    pub output_activation: Activation,
    pub cost: Cost,
    pub init: Init,
    /// Learning rate η (η₀ when a schedule decays it).
    pub eta: f32,
    /// Mini-batch size m.
    #[serde(deserialize_with = "whole::usize_in::<1, { MAX_IMAGES as u64 }, _>")]
    pub batch_size: usize,
    #[serde(deserialize_with = "whole::usize_in::<1, { MAX_EPOCHS as u64 }, _>")]
    pub epochs: usize,
    #[serde(deserialize_with = "whole::seed")]
    pub seed: u64,
    /// Training images n, taken from the start of the 60,000.
    #[serde(deserialize_with = "whole::usize_in::<1, { MAX_IMAGES as u64 }, _>")]
    pub n_train: usize,
    /// Validation images, taken from the end of the 60,000.
    #[serde(deserialize_with = "whole::usize_in::<0, { MAX_IMAGES as u64 }, _>")]
    pub n_validation: usize,
    /// σ per layer l = 2 … L (hidden layers, then the output layer), overriding hiddenActivation and
    /// outputActivation; [] (the default): use those two.
    pub activations: Vec<Activation>,
    pub bias_init: BiasInit,
    /// The hidden activation's parameter (leaky ReLU / PReLU / ELU α, Swish β); 0: its default.
    pub activation_param: f32,
    /// Learn Swish's β per neuron (PReLU's α is always learned).
    pub learn_swish_beta: bool,
    /// Pieces k per maxout neuron.
    #[serde(deserialize_with = "whole::usize_in::<2, { MAX_PIECES as u64 }, _>")]
    pub maxout_pieces: usize,
    pub regularization: Penalty,
    /// λ of the L1/L2 penalty.
    pub lambda: f32,
    /// Drop probability p for each activation a^1 … a^{L−1} (input first); [] for none.
    pub dropout: Vec<f32>,
    /// Batch normalization on every hidden layer.
    pub batch_norm: bool,
    pub bn_eps: f32,
    /// Momentum of the running averages used at inference.
    pub bn_momentum: f32,
    pub optimizer: OptimizerConfig,
    pub schedule: Schedule,
    pub preprocess: Preprocess,
    pub augmentation: Augmentation,
    /// Stop after this many epochs without a better validation accuracy, restoring the best weights; 0: off.
    #[serde(deserialize_with = "whole::usize_in::<0, { MAX_EPOCHS as u64 }, _>")]
    pub early_stopping: usize,
}

impl Default for TrainConfig {
    /// Nielsen's `network.py` run: `Network([784, 30, 10])`, sigmoid, quadratic cost, `SGD(training_data, 30, 10, 3.0)`.
    fn default() -> Self {
        TrainConfig {
            sizes: vec![784, 30, 10],
            hidden_activation: Activation::Sigmoid,
            output_activation: Activation::Sigmoid,
            cost: Cost::Quadratic,
            init: Init::Gaussian,
            eta: 3.0,
            batch_size: 10,
            epochs: 30,
            seed: 1,
            n_train: 50_000,
            n_validation: 10_000,
            activations: Vec::new(),
            bias_init: BiasInit::Gaussian,
            activation_param: 0.0,
            learn_swish_beta: false,
            maxout_pieces: 2,
            regularization: Penalty::None,
            lambda: 0.0,
            dropout: Vec::new(),
            batch_norm: false,
            bn_eps: 1e-5,
            bn_momentum: 0.9,
            optimizer: OptimizerConfig::Sgd,
            schedule: Schedule::default(),
            preprocess: Preprocess::Scale,
            augmentation: Augmentation::default(),
            early_stopping: 0,
        }
    }
}

/// One invalid field: its name (as in the JS config, dotted for nested fields) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ConfigError {
    pub field: String,
    pub message: String,
}

/// All the problems of one config.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigErrors(pub Vec<ConfigError>);

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            f.write_str(&error.message)?;
        }
        Ok(())
    }
}

/// The facts of the data a config is checked against.
#[derive(Clone, Copy, Debug)]
pub struct DataShape {
    pub input_len: usize,
    pub classes: usize,
    pub train_available: usize,
}

/// Largest layer width accepted, so a typo cannot ask for gigabytes.
pub const MAX_WIDTH: usize = 4096;
pub const MAX_EPOCHS: usize = 10_000;
/// MNIST's training images: the most nTrain, nValidation or batchSize can be (validation checks the data's own).
pub const MAX_IMAGES: usize = 60_000;
pub const MAX_PIECES: usize = 16;
/// Largest λ accepted (the lecture uses up to 5; a larger one only zeroes the weights).
pub const MAX_LAMBDA: f32 = 1e4;

/// Output activations: elementwise ones without a learned parameter, and softmax.
fn valid_output(activation: Activation) -> bool {
    !matches!(activation, Activation::Maxout | Activation::Prelu)
}

impl TrainConfig {
    /// σ of each layer l = 2 … L: `activations` if given, else hiddenActivation … outputActivation.
    pub fn layer_activations(&self) -> Vec<Activation> {
        if !self.activations.is_empty() {
            return self.activations.clone();
        }
        let mut all = vec![self.hidden_activation; self.sizes.len().saturating_sub(1)];
        if let Some(last) = all.last_mut() {
            *last = self.output_activation;
        }
        all
    }

    /// The network this config describes (after [`TrainConfig::validate`]).
    pub fn network_spec(&self) -> NetworkSpec {
        NetworkSpec {
            activations: self.layer_activations(),
            bias_init: self.bias_init,
            param: (self.activation_param != 0.0).then_some(self.activation_param),
            learn_param: self.learn_swish_beta,
            maxout_pieces: self.maxout_pieces,
            batch_norm: self.batch_norm.then_some((self.bn_eps, self.bn_momentum)),
            dropout: self.dropout.clone(),
            ..NetworkSpec::plain(&self.sizes, self.hidden_activation, self.output_activation, self.cost, self.init)
        }
    }

    /// The memory this config needs, if past [`MEMORY_BUDGET`] (checked once every field is valid, since the
    /// estimate needs valid sizes): named after `sizes` or `batchSize`, whichever needs more.
    fn memory_problem(&self, data: DataShape) -> Option<ConfigError> {
        let estimate = memory::estimate(self, data);
        if estimate.total() <= MEMORY_BUDGET {
            return None;
        }
        let field = if estimate.batch > estimate.parameters { "batchSize" } else { "sizes" };
        let mut levers = String::from("reduce sizes or batchSize");
        if self.early_stopping > 0 {
            levers.push_str(", or turn earlyStopping off");
        }
        Some(ConfigError {
            field: field.into(),
            message: format!(
                "this network needs {} of memory ({} for the weights, gradients and optimizer state, {} for mini-batches of {}); the limit is {} — {levers}",
                bytes_in_words(estimate.total()),
                bytes_in_words(estimate.parameters),
                bytes_in_words(estimate.batch),
                self.batch_size,
                bytes_in_words(MEMORY_BUDGET),
            ),
        })
    }

    pub fn validate(&self, data: DataShape) -> Result<(), ConfigErrors> {
        let mut errors = Vec::new();
        let mut fail = |field: &str, message: String| errors.push(ConfigError { field: field.into(), message });
        if self.sizes.len() < 2 {
            fail(
                "sizes",
                format!("sizes must list at least an input and an output layer, got {} layer(s)", self.sizes.len()),
            );
        }
        for (i, &n) in self.sizes.iter().enumerate() {
            if n == 0 || n > MAX_WIDTH {
                fail("sizes", format!("sizes[{i}] must be between 1 and {MAX_WIDTH}, got {n}"));
            }
        }
        if let Some(&first) = self.sizes.first() {
            if first != data.input_len && first != 0 {
                fail("sizes", format!("sizes[0] must equal the image size {}, got {first}", data.input_len));
            }
        }
        if self.sizes.len() >= 2 {
            let last = self.sizes[self.sizes.len() - 1];
            if last != data.classes && last != 0 {
                fail(
                    "sizes",
                    format!("the output layer must have {} neurons (one per class), got {last}", data.classes),
                );
            }
        }
        let layers = self.sizes.len().saturating_sub(1);
        let activations = self.layer_activations();
        let output = activations.last().copied().unwrap_or(self.output_activation);
        if self.activations.is_empty() {
            if matches!(self.hidden_activation, Activation::Softmax) {
                fail(
                    "hiddenActivation",
                    "hiddenActivation must be elementwise or maxout; softmax belongs to the output layer".into(),
                );
            }
            if !valid_output(self.output_activation) {
                fail(
                    "outputActivation",
                    format!(
                        "outputActivation must not be maxout or prelu (no learned output parameters), got {:?}",
                        self.output_activation
                    ),
                );
            }
        } else if self.activations.len() != layers {
            fail(
                "activations",
                format!(
                    "activations must list one activation per layer after the input ({layers}), got {}",
                    self.activations.len()
                ),
            );
        } else {
            for (i, &activation) in self.activations[..layers - 1].iter().enumerate() {
                if activation == Activation::Softmax {
                    fail(
                        "activations",
                        format!("activations[{i}] is a hidden layer: softmax belongs to the output layer"),
                    );
                }
            }
            if !valid_output(output) {
                fail(
                    "activations",
                    format!(
                        "activations[{}] (the output layer) must not be maxout or prelu, got {output:?}",
                        layers - 1
                    ),
                );
            }
        }
        match self.cost {
            Cost::CrossEntropy if !matches!(output, Activation::Sigmoid | Activation::Softmax) => {
                fail("cost", "cost crossEntropy needs outputs in (0, 1): outputActivation sigmoid or softmax".into())
            }
            Cost::CategoricalCrossEntropy if !matches!(output, Activation::Softmax | Activation::Sigmoid) => fail(
                "cost",
                "cost categoricalCrossEntropy needs outputs in (0, 1): outputActivation softmax or sigmoid".into(),
            ),
            _ => {}
        }
        if !(self.eta > 0.0 && self.eta.is_finite()) {
            fail("eta", format!("eta must be > 0 and finite, got {}", self.eta));
        }
        if self.n_train == 0 || self.n_train > data.train_available {
            fail("nTrain", format!("nTrain must be between 1 and {}, got {}", data.train_available, self.n_train));
        }
        let room = data.train_available.saturating_sub(self.n_train);
        if self.n_validation > room {
            fail(
                "nValidation",
                format!(
                    "nValidation must be between 0 and {room} (the training images left after nTrain = {}), got {}",
                    self.n_train, self.n_validation
                ),
            );
        }
        let batch_max = self.n_train.clamp(1, data.train_available);
        if self.batch_size == 0 || self.batch_size > batch_max {
            fail("batchSize", format!("batchSize must be between 1 and nTrain ({batch_max}), got {}", self.batch_size));
        }
        if self.epochs == 0 || self.epochs > MAX_EPOCHS {
            fail("epochs", format!("epochs must be between 1 and {MAX_EPOCHS}, got {}", self.epochs));
        }
        if !(self.activation_param.is_finite() && self.activation_param.abs() <= 100.0) {
            fail(
                "activationParam",
                format!("activationParam must be between -100 and 100, got {}", self.activation_param),
            );
        }
        if activations.contains(&Activation::Maxout) && !(2..=MAX_PIECES).contains(&self.maxout_pieces) {
            fail(
                "maxoutPieces",
                format!("maxoutPieces must be between 2 and {MAX_PIECES}, got {}", self.maxout_pieces),
            );
        }
        if !(self.lambda >= 0.0 && self.lambda <= MAX_LAMBDA) {
            fail("lambda", format!("lambda must be between 0 and {MAX_LAMBDA}, got {}", self.lambda));
        }
        let hidden_layers = layers;
        if !self.dropout.is_empty() && self.dropout.len() != hidden_layers {
            fail("dropout", format!(
                "dropout must list one drop probability per layer feeding another (input and hidden: {hidden_layers}), got {}",
                self.dropout.len()
            ));
        }
        for (i, &p) in self.dropout.iter().enumerate() {
            if !(0.0..1.0).contains(&p) {
                fail("dropout", format!("dropout[{i}] must be in [0, 1), got {p}"));
            }
        }
        if !(self.bn_eps > 0.0 && self.bn_eps <= 1.0) {
            fail("bnEps", format!("bnEps must be in (0, 1], got {}", self.bn_eps));
        }
        if !(0.0..1.0).contains(&self.bn_momentum) {
            fail("bnMomentum", format!("bnMomentum must be in [0, 1), got {}", self.bn_momentum));
        }
        for (field, message) in self.optimizer.problems() {
            fail(&format!("optimizer.{field}"), message);
        }
        for (field, message) in self.schedule.problems() {
            let path =
                if field == "warmup" { String::from("schedule.warmup") } else { format!("schedule.decay.{field}") };
            fail(&path, message);
        }
        for (field, message) in self.augmentation.problems() {
            fail(&field, message);
        }
        if self.early_stopping > 0 && self.n_validation == 0 {
            fail("earlyStopping", "earlyStopping needs a validation split: set nValidation > 0".into());
        }
        if errors.is_empty() {
            if let Some(error) = self.memory_problem(data) {
                errors.push(error);
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ConfigErrors(errors))
        }
    }
}
