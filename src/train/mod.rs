//! Experiments: one validated [`TrainConfig`] and the step-wise [`Trainer`] that runs it on MNIST.
pub mod config;
pub mod trainer;

pub use config::{ConfigError, ConfigErrors, TrainConfig};
pub use trainer::{Progress, SplitName, Trainer};
