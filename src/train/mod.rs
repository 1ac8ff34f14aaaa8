//! Experiments: one validated [`TrainConfig`], the step-wise [`Trainer`] that runs it on MNIST or on small feature
//! sets, [`Metrics`], and the 2-D playground's run.
pub mod config;
pub mod divergence;
pub mod memory;
pub mod metrics;
pub mod network_file;
pub mod playground;
pub mod signals;
pub mod trainer;
pub mod whole;

pub use config::{ConfigError, ConfigErrors, TrainConfig};
pub use divergence::{Divergence, NotFinite};
pub use memory::{MemoryEstimate, MEMORY_BUDGET};
pub use metrics::Metrics;
pub use trainer::{Progress, SplitName, Trainer};
