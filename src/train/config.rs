//! One serde `TrainConfig` describes a whole experiment; it is validated as a whole, and every problem is reported
//! with the field's name and its allowed range, so a form can show them all at once.

use crate::nn::{Activation, Cost, Init};
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
    pub sizes: Vec<usize>,
    pub hidden_activation: Activation,
    pub output_activation: Activation,
    pub cost: Cost,
    pub init: Init,
    /// Learning rate η.
    pub eta: f32,
    /// Mini-batch size m.
    pub batch_size: usize,
    pub epochs: usize,
    pub seed: u64,
    /// Training images n, taken from the start of the 60,000.
    pub n_train: usize,
    /// Validation images, taken from the end of the 60,000.
    pub n_validation: usize,
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
        }
    }
}

/// One invalid field: its name (as in the JS config) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
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

impl TrainConfig {
    pub fn validate(&self, data: DataShape) -> Result<(), ConfigErrors> {
        let mut errors = Vec::new();
        let mut fail = |field: &str, message: String| errors.push(ConfigError { field: field.into(), message });
        if self.sizes.len() < 2 {
            fail("sizes", format!("sizes must list at least an input and an output layer, got {} layer(s)", self.sizes.len()));
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
                fail("sizes", format!("the output layer must have {} neurons (one per class), got {last}", data.classes));
            }
        }
        if !(self.eta > 0.0 && self.eta.is_finite()) {
            fail("eta", format!("eta must be > 0 and finite, got {}", self.eta));
        }
        if self.n_train == 0 || self.n_train > data.train_available {
            fail("nTrain", format!("nTrain must be between 1 and {}, got {}", data.train_available, self.n_train));
        }
        let room = data.train_available.saturating_sub(self.n_train);
        if self.n_validation > room {
            fail("nValidation", format!(
                "nValidation must be between 0 and {room} (the training images left after nTrain = {}), got {}",
                self.n_train, self.n_validation
            ));
        }
        let batch_max = self.n_train.clamp(1, data.train_available);
        if self.batch_size == 0 || self.batch_size > batch_max {
            fail("batchSize", format!("batchSize must be between 1 and nTrain ({batch_max}), got {}", self.batch_size));
        }
        if self.epochs == 0 || self.epochs > MAX_EPOCHS {
            fail("epochs", format!("epochs must be between 1 and {MAX_EPOCHS}, got {}", self.epochs));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ConfigErrors(errors))
        }
    }
}
