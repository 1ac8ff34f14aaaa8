//! NN Lab core: the lecture "Training neural networks", computed.
//!
//! Module map (dependencies point one way: `math ← nn ← optim ← train`, `data → math`, `lab → nn/math`,
//! `wasm → everything`):
//! - [`math`]: row-major f32 buffers, the GEMM kernels (scalar reference + fast path), a portable seeded RNG.
//! - [`nn`]: activations σ/σ′, costs, initialization, dense layers, the network (forward pass and BP1–BP4).
//! - [`optim`]: parameter updates (SGD: w → w − (η/m) Σ ∂Cₓ/∂w).
//! - [`data`]: IDX parsing over bytes, the MNIST dataset kept as u8, mini-batch filling.
//! - [`train`]: one serde [`train::TrainConfig`] per experiment, validated as a whole; the step-wise [`train::Trainer`].
//! - [`lab`]: small models the chapters need (the lecture's XOR network).
//! - `wasm` (feature `wasm`): the only module that knows wasm-bindgen; validates, converts, delegates.
//!
//! The core is `no_std` + `alloc` when built without the default `std` feature.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;
#[cfg(test)]
extern crate std;

pub mod data;
pub mod lab;
pub mod math;
pub mod nn;
pub mod optim;
pub mod train;

#[cfg(feature = "wasm")]
pub mod wasm;
