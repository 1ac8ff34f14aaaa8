//! The native tests of the core, one module per concept, linked into one test binary: one link instead of 35
//! keeps `cargo test` and every mutant of `make mutants` fast. `tests/memory.rs` stays a binary of its own (its counting
//! global allocator is for it alone) and `tests/web.rs` runs in Chromium.

mod common;

mod augment;
mod backprop_steps;
mod batch_norm;
mod config_numbers;
mod descent;
mod determinism;
mod divergence;
mod dropout_mask;
mod examples;
mod expr;
mod feedforward;
mod fused_sgd;
mod fused_sgd_layers;
mod glu;
mod gradient_check;
mod graph;
mod idx;
mod lecture_claims;
mod line_fit;
mod loss_pairs;
mod metrics;
mod mnist_inspect;
mod network_file;
mod neuron;
mod nielsen_backprop;
mod optimizer_config;
mod optimizer_trace;
mod optimizers;
mod perceptron;
mod pipeline;
mod plane;
mod playground;
mod preprocess;
#[cfg(not(target_arch = "wasm32"))]
mod properties;
mod regularization;
mod signals;
mod slow_neuron;
mod softmax;
mod spec;
mod trainer;
mod unit_stats;
mod validation;
mod xor;
