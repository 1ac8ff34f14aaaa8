//! Experiments: one validated [`TrainConfig`], the step-wise [`Trainer`] that runs it on MNIST, and [`Metrics`].
pub mod config;
pub mod divergence;
pub mod memory;
pub mod metrics;
pub mod network_file;
pub mod signals;
pub mod trainer;
pub mod whole;

pub use config::{ConfigError, ConfigErrors, TrainConfig};
pub use divergence::{Divergence, NotFinite};
pub use memory::{MemoryEstimate, MEMORY_BUDGET};
pub use metrics::Metrics;
pub use trainer::{Progress, SplitName, Trainer};
