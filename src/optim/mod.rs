//! Parameter updates from summed mini-batch gradients.
pub mod sgd;

pub use sgd::Sgd;
