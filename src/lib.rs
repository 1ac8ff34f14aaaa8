//! NN Lab core: the lecture "Training neural networks", computed.
//!
//! Module map (dependencies point one way: `math ← nn ← optim ← train`, `data → math`, `lab → nn/math`,
//! `wasm → everything`):
//! - [`math`]: row-major f32 buffers, the GEMM kernels (scalar reference + fast path), a portable seeded RNG.
//! - [`nn`]: activations σ/σ′ (step … hard swish, softmax, maxout), costs (quadratic, cross-entropy, categorical
//!   cross-entropy), initialization, dense layers with batch norm and inverted dropout, L1/L2 penalties, and the
//!   network (forward pass and BP1–BP4).
//! - [`optim`]: SGD, momentum (both forms), Nesterov, AdaGrad, RMSProp, Adam, AdamW with their state; schedules.
//! - [`data`]: IDX parsing over bytes, the MNIST dataset kept as u8, mini-batch filling, preprocessing with
//!   training statistics, seeded augmentation.
//! - [`train`]: one serde [`train::TrainConfig`] per experiment, validated as a whole; the step-wise
//!   [`train::Trainer`] (early stopping included); metrics (loss, accuracy, confusion matrix).
//! - [`lab`]: small models the chapters need (perceptrons, gates and a NAND adder with the perceptron learning rule;
//!   one sigmoid neuron; a small feedforward net to inspect; the lecture's XOR network; 2-D surfaces for optimizer
//!   paths).
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
