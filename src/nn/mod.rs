//! Neurons and networks: activations σ and σ′, costs C and ∇ₐC, initialization, dense / maxout layers with
//! optional batch norm and dropout, weight penalties, and the network's forward pass with backpropagation
//! (BP1–BP4) over whole mini-batches.
pub mod activation;
pub mod batch_norm;
pub mod cost;
pub mod dropout;
pub mod glu;
pub mod init;
pub mod layer;
pub mod network;
pub mod regularization;
pub mod spec;

pub use activation::Activation;
pub use batch_norm::BatchNorm;
pub use cost::Cost;
pub use init::{BiasInit, Init};
pub use layer::Dense;
pub use network::{Gradients, LayerTensor, Mode, Network, ParamKind, Workspace};
pub use regularization::{Penalty, Regularization};
pub use spec::NetworkSpec;
