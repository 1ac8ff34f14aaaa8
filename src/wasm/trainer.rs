//! `Mnist` and `Trainer` for JS: the dataset parsed from the four IDX files, and a training run built from a
//! config object (the camelCase fields of [`TrainConfig`]).

use super::js_input::describe;
use super::{from_js, serde_message, whole};
use crate::data::Mnist as Dataset;
use crate::optim::OptimizerConfig;
use crate::train::{ConfigError, SplitName, TrainConfig, Trainer as Core};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Most mini-batches per `step` call.
const MAX_BUDGET: usize = 1_000_000;

#[wasm_bindgen]
pub struct Mnist(pub(super) Rc<Dataset>);

#[wasm_bindgen]
impl Mnist {
    /// Parses and checks the four decompressed IDX files; throws an Error naming the file and the problem.
    #[wasm_bindgen(js_name = fromIdx)]
    pub fn from_idx(
        train_images: &[u8],
        train_labels: &[u8],
        test_images: &[u8],
        test_labels: &[u8],
    ) -> Result<Mnist, JsError> {
        Dataset::from_idx(train_images, train_labels, test_images, test_labels)
            .map(|data| Mnist(Rc::new(data)))
            .map_err(|error| JsError::new(&error.to_string()))
    }

    #[wasm_bindgen(getter, js_name = trainCount)]
    pub fn train_count(&self) -> usize {
        self.0.train.count
    }

    #[wasm_bindgen(getter, js_name = testCount)]
    pub fn test_count(&self) -> usize {
        self.0.test.count
    }
}

/// Nielsen's defaults as a config object.
#[wasm_bindgen(js_name = defaultConfig)]
pub fn default_config() -> Result<JsValue, JsError> {
    to_js(&TrainConfig::default())
}

pub(super) fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    serde_wasm_bindgen::to_value(value).map_err(|error| JsError::new(&serde_message(error)))
}

/// serde-wasm-bindgen reads only the fields it knows, so a misspelt one would be ignored silently: name it instead.
/// `parsed` is what was understood, serialized back: every key of `given` must appear in it, at every depth.
fn reject_unknown_fields(given: &JsValue, parsed: &JsValue) -> Result<(), String> {
    let mut problems = Vec::new();
    unknown_fields(given, parsed, "", &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("config: {}", problems.join("; ")))
    }
}

fn unknown_fields(given: &JsValue, parsed: &JsValue, path: &str, problems: &mut Vec<String>) {
    let (Some(given), Some(parsed)) = (given.dyn_ref::<js_sys::Object>(), parsed.dyn_ref::<js_sys::Object>()) else {
        return;
    };
    if js_sys::Array::is_array(given) {
        return;
    }
    let known = js_sys::Object::keys(parsed);
    let mut unknown = Vec::new();
    for key in js_sys::Object::keys(given).iter() {
        let Some(name) = key.as_string() else { continue };
        if known.includes(&key, 0) {
            let inner = format!("{path}{name}.");
            let (Ok(g), Ok(p)) = (js_sys::Reflect::get(given, &key), js_sys::Reflect::get(parsed, &key)) else {
                continue;
            };
            unknown_fields(&g, &p, &inner, problems);
        } else {
            unknown.push(format!("{path}{name}"));
        }
    }
    if !unknown.is_empty() {
        let known: Vec<String> = known.iter().filter_map(|key| key.as_string()).collect();
        let of = if path.is_empty() { String::new() } else { format!(" of {}", path.trim_end_matches('.')) };
        problems.push(format!("unknown field(s) {}; the fields{of} are {}", unknown.join(", "), known.join(", ")));
    }
}

/// Rejects unknown fields of a nested object passed on its own (named `what` in the message).
pub(super) fn unknown_fields_of(what: &str, given: &JsValue, parsed: &JsValue) -> Result<(), JsError> {
    let mut problems = Vec::new();
    unknown_fields(given, parsed, "", &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(JsError::new(&format!("{what}: {}", problems.join("; "))))
    }
}

/// Parses a JS config object: it must be a plain object (with or without a prototype), bounded in depth and size,
/// every field known, every value of the right type.
pub(super) fn parse_config(config: JsValue) -> Result<TrainConfig, String> {
    let kind = describe(&config);
    if kind != "an object" {
        return Err(format!("config must be a plain object, got {kind}"));
    }
    let parsed: TrainConfig = from_js("config", config.clone())?;
    let round_trip = serde_wasm_bindgen::to_value(&parsed).map_err(serde_message)?;
    reject_unknown_fields(&config, &round_trip)?;
    Ok(parsed)
}

/// Every problem of a config as `[{field, message}]` (empty when it is valid), for a form to show all at once;
/// a config that does not even parse gives one entry with field "config".
#[wasm_bindgen(js_name = validateConfig)]
pub fn validate_config(config: JsValue, data: &Mnist) -> Result<JsValue, JsError> {
    let errors = match parse_config(config) {
        Err(message) => vec![ConfigError { field: "config".into(), message }],
        Ok(config) => match config.validate(Core::data_shape(&data.0)) {
            Ok(()) => Vec::new(),
            Err(errors) => errors.0,
        },
    };
    to_js(&errors)
}

pub(super) fn split_name(split: &str) -> Result<SplitName, JsError> {
    match split {
        "train" => Ok(SplitName::Train),
        "validation" => Ok(SplitName::Validation),
        "test" => Ok(SplitName::Test),
        other => Err(JsError::new(&format!("split must be \"train\", \"validation\" or \"test\", got \"{other}\""))),
    }
}

#[wasm_bindgen]
pub struct Trainer(pub(super) Core);

#[wasm_bindgen]
impl Trainer {
    /// Builds a run from a config object; throws an Error listing every invalid field.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue, data: &Mnist) -> Result<Trainer, JsError> {
        let config = parse_config(config).map_err(|message| JsError::new(&message))?;
        Core::new(config, Rc::clone(&data.0)).map(Trainer).map_err(|errors| JsError::new(&errors.to_string()))
    }

    /// Bytes this run's buffers take (the estimate validation checks against the 1 GB limit).
    #[wasm_bindgen(getter, js_name = memoryEstimate)]
    pub fn memory_estimate(&self) -> f64 {
        self.0.memory_estimate().total() as f64
    }

    /// The validated config this run uses.
    #[wasm_bindgen(getter)]
    pub fn config(&self) -> Result<JsValue, JsError> {
        to_js(self.0.config())
    }

    /// Trains up to `budget` mini-batches (never past an epoch's end); returns the progress record.
    pub fn step(&mut self, budget: f64) -> Result<JsValue, JsError> {
        let budget = whole("budget", budget, 1, MAX_BUDGET)?;
        to_js(&self.0.step(budget))
    }

    #[wasm_bindgen(js_name = splitSize)]
    pub fn split_size(&self, split: &str) -> Result<usize, JsError> {
        Ok(self.0.split(split_name(split)?).len())
    }

    /// How many of images [start, start + count) of the split are classified right.
    pub fn evaluate(&mut self, split: &str, start: f64, count: f64) -> Result<usize, JsError> {
        let name = split_name(split)?;
        let len = self.0.split(name).len();
        let start = whole("start", start, 0, len)?;
        let count = whole("count", count, 0, len - start)?;
        self.0.checked_evaluate(name, start, count).map_err(|error| JsError::new(&error.to_string()))
    }

    fn index(&self, split: &str, index: f64) -> Result<(SplitName, usize), JsError> {
        let name = split_name(split)?;
        let len = self.0.split(name).len();
        if len == 0 {
            return Err(JsError::new(&format!("the {split} split is empty")));
        }
        Ok((name, whole("index", index, 0, len - 1)?))
    }

    pub fn predict(&mut self, split: &str, index: f64) -> Result<usize, JsError> {
        let (name, index) = self.index(split, index)?;
        self.0
            .predict(name, index)
            .map_err(|error| JsError::new(&error.to_string()))?
            .ok_or_else(|| JsError::new("index out of range"))
    }

    /// The output activations aᴸ for one image.
    pub fn outputs(&mut self, split: &str, index: f64) -> Result<Vec<f32>, JsError> {
        let (name, index) = self.index(split, index)?;
        self.0
            .outputs(name, index)
            .map_err(|error| JsError::new(&error.to_string()))?
            .map(<[f32]>::to_vec)
            .ok_or_else(|| JsError::new("index out of range"))
    }

    pub fn label(&self, split: &str, index: f64) -> Result<usize, JsError> {
        let (name, index) = self.index(split, index)?;
        Ok(self.0.split(name).label(index))
    }

    /// The image's pixels, 0–255, row-major.
    pub fn image(&self, split: &str, index: f64) -> Result<Vec<u8>, JsError> {
        let (name, index) = self.index(split, index)?;
        let images = self.0.split(name).images().ok_or_else(|| JsError::new("this run's examples are not images"))?;
        Ok(images.image(index).to_vec())
    }

    /// Loss with and without the penalty, accuracy, confusion matrix (row = label, column = guess, 10 × 10
    /// row-major) and per-class accuracy on images [start, start + count) of a split.
    pub fn metrics(&mut self, split: &str, start: f64, count: f64) -> Result<JsValue, JsError> {
        let name = split_name(split)?;
        let len = self.0.split(name).len();
        let start = whole("start", start, 0, len)?;
        let count = whole("count", count, 0, len - start)?;
        to_js(&self.0.metrics(name, start, count).map_err(|error| JsError::new(&error.to_string()))?)
    }

    /// The network's input for one image: scaled, preprocessed with the training statistics (never augmented).
    pub fn input(&mut self, split: &str, index: f64) -> Result<Vec<f32>, JsError> {
        let (name, index) = self.index(split, index)?;
        self.0.input(name, index).map(<[f32]>::to_vec).ok_or_else(|| JsError::new("index out of range"))
    }

    /// The preprocessing statistics fitted on the training split: {mean, invScale} per pixel (x ← (x − mean) · invScale).
    #[wasm_bindgen(js_name = preprocessStats)]
    pub fn preprocess_stats(&self) -> Result<JsValue, JsError> {
        let standardizer = self.0.standardizer();
        let stats = js_sys::Object::new();
        js_sys::Reflect::set(&stats, &"mean".into(), &js_sys::Float32Array::from(&standardizer.mean[..]).into())
            .map_err(|_| JsError::new("preprocessStats"))?;
        js_sys::Reflect::set(
            &stats,
            &"invScale".into(),
            &js_sys::Float32Array::from(&standardizer.inv_scale[..]).into(),
        )
        .map_err(|_| JsError::new("preprocessStats"))?;
        Ok(stats.into())
    }

    /// Swaps the optimizer mid-run (e.g. `{kind: "adam"}`); the new one starts from zero state.
    #[wasm_bindgen(js_name = setOptimizer)]
    pub fn set_optimizer(&mut self, optimizer: JsValue) -> Result<(), JsError> {
        let parsed: OptimizerConfig =
            from_js("optimizer", optimizer.clone()).map_err(|message| JsError::new(&message))?;
        unknown_fields_of("optimizer", &optimizer, &to_js(&parsed)?)?;
        self.0.set_optimizer(parsed).map_err(|errors| JsError::new(&errors.to_string()))
    }

    /// w^l (n_l × n_{l−1}, row-major) for the lecture's layer l = 2 … L.
    pub fn weights(&self, l: f64) -> Result<Vec<f32>, JsError> {
        let layers = &self.0.network().layers;
        let l = whole("layer", l, 2, layers.len() + 1)?;
        Ok(layers[l - 2].w.clone())
    }

    /// Per layer l = 2 … L on images [start, start + count) of a split, at inference (nothing trains):
    /// `[{layer, activation, units, samples, dead, saturated}]` — the share of units with a = 0 on every image
    /// (dead ReLUs) and of z past saturation (sigmoid |z| > 6, tanh |z| > 3; NaN for other activations).
    #[wasm_bindgen(js_name = unitStats)]
    pub fn unit_stats(&mut self, split: &str, start: f64, count: f64) -> Result<JsValue, JsError> {
        let name = split_name(split)?;
        let len = self.0.split(name).len();
        let start = whole("start", start, 0, len)?;
        let count = whole("count", count, 0, len - start)?;
        to_js(&self.0.unit_stats(name, start, count))
    }
}
