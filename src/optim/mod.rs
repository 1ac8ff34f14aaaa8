//! Parameter updates from summed mini-batch gradients: plain SGD, the optimizers with their state, and
//! learning-rate schedules.
pub mod optimizer;
pub mod schedule;
pub mod sgd;

pub use optimizer::{MomentumForm, Optimizer, OptimizerConfig};
pub use schedule::{Decay, Schedule};
pub use sgd::Sgd;
