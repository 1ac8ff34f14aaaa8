//! Experiments: one validated [`TrainConfig`], the step-wise [`Trainer`] that runs it on MNIST, and [`Metrics`].
pub mod config;
pub mod metrics;
pub mod trainer;

pub use config::{ConfigError, ConfigErrors, TrainConfig};
pub use metrics::Metrics;
pub use trainer::{Progress, SplitName, Trainer};
