//! Neurons and networks: activations σ and σ′, costs C and ∇ₐC, initialization, dense layers, and the network's
//! forward pass with backpropagation (BP1–BP4) over whole mini-batches.
pub mod activation;
pub mod cost;
pub mod init;
pub mod layer;
pub mod network;

pub use activation::Activation;
pub use cost::Cost;
pub use init::Init;
pub use layer::Dense;
pub use network::{Gradients, Network, Workspace};
