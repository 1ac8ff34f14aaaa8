//! The JavaScript boundary: the only module that knows wasm-bindgen. It validates what JS passes (numbers arrive
//! as f64 and may be anything), converts, and delegates to the core. Every failure is a thrown JS `Error` with a
//! message that names the argument — never a panic.

mod activations;
mod backprop;
mod feedforward;
mod init_lab;
mod js_input;
mod lab;
mod learning;
mod mnist_inspect;
mod network_file;
mod neuron;
mod optimizers;
mod perceptron;
mod playground;
mod regularization_lab;
mod testing;
mod trainer;
mod xor;

pub use activations::{glu_gradients, glu_samples, maxout_samples};
pub use backprop::{backprop_lab, expression_graph, slide_graph_js, GradientRace};
pub use feedforward::FeedforwardLab;
pub use lab::{activation_names, activation_samples, augment_image, optimizer_path, schedule_curve, surface_grid};
pub use learning::{gd_path, loss_pair, slow_neuron, softmax_lab, LineFitLab, SgdStepper};
pub use network_file::network_file_limit;
pub use neuron::{neuron, neuron_change};
pub use optimizers::{optimizer_trace, surface_minimum, trace_stride};
pub use perceptron::{
    gate_perceptron, gate_truth_table, half_adder, perceptron_output, perceptron_threshold_output, ripple_add,
    PerceptronLearner,
};
pub use playground::{wasm_memory, Playground};
pub use testing::trap_for_testing;
pub use trainer::{default_config, validate_config, Mnist, Trainer};
pub use xor::XorLab;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// A JS number that must be a whole number in [min, max].
fn whole(name: &str, value: f64, min: usize, max: usize) -> Result<usize, JsError> {
    if value.is_finite() && value.fract() == 0.0 && value >= min as f64 && value <= max as f64 {
        Ok(value as usize)
    } else {
        Err(JsError::new(&format!("{name} must be a whole number between {min} and {max}, got {value}")))
    }
}

/// A JS number that must be finite.
fn finite64(name: &str, value: f64) -> Result<f64, JsError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(JsError::new(&format!("{name} must be a finite number, got {value}")))
    }
}

/// A JS number that must be finite and within f32's range.
fn finite(name: &str, value: f64) -> Result<f32, JsError> {
    if value.is_finite() && value.abs() <= f64::from(f32::MAX) {
        Ok(value as f32)
    } else {
        Err(JsError::new(&format!("{name} must be a finite number, got {value}")))
    }
}

/// Every value of the array `name` must be finite.
fn finite_array(name: &str, values: impl IntoIterator<Item = f64>) -> Result<(), JsError> {
    match values.into_iter().enumerate().find(|(_, v)| !v.is_finite()) {
        Some((i, v)) => Err(JsError::new(&format!("{name}[{i}] must be a finite number, got {v}"))),
        None => Ok(()),
    }
}

/// Seeds are whole numbers up to 2⁵³, the largest range a JS number holds exactly.
fn seed(value: f64) -> Result<u64, JsError> {
    if value.is_finite() && value.fract() == 0.0 && (0.0..=9_007_199_254_740_992.0).contains(&value) {
        Ok(value as u64)
    } else {
        Err(JsError::new(&format!("seed must be a whole number between 0 and 2^53, got {value}")))
    }
}

/// Parses a JS value as `T` after [`js_input::inspect`] has bounded it; a value of the wrong type is reported in
/// plain words with its path, e.g. "config.batchSize must be a whole number between 1 and 60000, got -5" (`what`
/// names the root).
fn from_js<T: serde::de::DeserializeOwned>(what: &str, value: JsValue) -> Result<T, String> {
    js_input::inspect(what, &value)?;
    serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(value.clone())).map_err(|error| {
        let path = error.path().clone();
        js_input::plain_error(what, &value, &path, &serde_message(error.into_inner()))
    })
}

/// The plain message of a serde-wasm-bindgen error (its `Display` adds a JS "Error: " prefix).
fn serde_message(error: serde_wasm_bindgen::Error) -> String {
    let value = JsValue::from(error);
    match value.dyn_ref::<js_sys::Error>() {
        Some(error) => error.message().into(),
        None => format!("{value:?}"),
    }
}
