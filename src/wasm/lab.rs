//! Plain functions for the chapters that plot curves: the activation gallery, learning-rate schedules, and
//! optimizer paths on 2-D surfaces. Names arrive as strings and configs as objects, exactly as in a TrainConfig.

use super::trainer::{to_js, unknown_fields_of};
use super::{finite, from_js, seed, whole};
use crate::data::{Augmentation, Augmenter};
use crate::lab::surface::Surface;
use crate::math::rng::Rng;
use crate::nn::Activation;
use crate::optim::{OptimizerConfig, Schedule};
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

const MAX_POINTS: usize = 100_000;
const MAX_GRID: usize = 1024;

/// A JS value that must parse as `T` (`what` names it in the error), with no unknown fields.
pub(super) fn parse<T: DeserializeOwned + serde::Serialize>(what: &str, value: JsValue) -> Result<T, JsError> {
    let parsed: T = from_js(what, value.clone()).map_err(|message| JsError::new(&message))?;
    unknown_fields_of(what, &value, &to_js(&parsed)?)?;
    Ok(parsed)
}

/// The activation names a config accepts, in gallery order (elementwise ones first).
#[wasm_bindgen(js_name = activationNames)]
pub fn activation_names() -> Result<JsValue, JsError> {
    let mut all = Activation::ELEMENTWISE.to_vec();
    all.extend([Activation::Softmax, Activation::Maxout]);
    to_js(&all)
}

/// σ and σ′ of an elementwise activation at n points from `from` to `to`: [x…, σ(x)…, σ′(x)…] (3n numbers).
/// `param` is α or β for the activations that have one (NaN: the default).
#[wasm_bindgen(js_name = activationSamples)]
pub fn activation_samples(name: &str, param: f64, from: f64, to: f64, n: f64) -> Result<Vec<f32>, JsError> {
    let activation: Activation = parse("activation", JsValue::from_str(name))?;
    if !activation.is_elementwise() {
        return Err(JsError::new(&format!(
            "activation {name} is not elementwise; only elementwise ones can be sampled"
        )));
    }
    let param = if param.is_nan() { activation.default_param() } else { finite("param", param)? };
    let (from, to) = (finite("from", from)?, finite("to", to)?);
    if from >= to {
        return Err(JsError::new("activationSamples: from must be < to"));
    }
    Ok(activation.samples(param, from, to, whole("n", n, 2, MAX_POINTS)?))
}

/// η at t = 0 … steps − 1 for a schedule object (`{decay: {kind: "step", drop: 0.5, every: 10}, warmup: 0}`).
#[wasm_bindgen(js_name = scheduleCurve)]
pub fn schedule_curve(schedule: JsValue, eta: f64, steps: f64) -> Result<Vec<f32>, JsError> {
    let schedule: Schedule = parse("schedule", schedule)?;
    if let Some((_, message)) = schedule.problems().into_iter().next() {
        return Err(JsError::new(&message));
    }
    let eta = finite("eta", eta)?;
    Ok(schedule.curve(eta, whole("steps", steps, 1, MAX_POINTS)?))
}

/// An optimizer's path on a surface ("bowl", "rosenbrock", "beale", "saddle", "localMinima"):
/// [x₀, y₀, x₁, y₁, …], at most steps + 1 points (fewer if it diverges).
#[wasm_bindgen(js_name = optimizerPath)]
#[allow(clippy::too_many_arguments)]
pub fn optimizer_path(
    surface: &str,
    optimizer: JsValue,
    schedule: JsValue,
    eta: f64,
    x0: f64,
    y0: f64,
    steps: f64,
) -> Result<Vec<f32>, JsError> {
    let run = SurfaceRun::from_js(surface, optimizer, schedule, eta, x0, y0)?;
    Ok(run.surface.path(run.optimizer, run.schedule, run.eta, run.start, whole("steps", steps, 0, MAX_POINTS)?))
}

/// What every optimizer-on-a-surface call takes, checked: the surface, the optimizer, the schedule (the default
/// when absent), η > 0 and the start (x₀, y₀).
pub(super) struct SurfaceRun {
    pub surface: Surface,
    pub optimizer: OptimizerConfig,
    pub schedule: Schedule,
    pub eta: f32,
    pub start: [f32; 2],
}

impl SurfaceRun {
    pub fn from_js(
        surface: &str,
        optimizer: JsValue,
        schedule: JsValue,
        eta: f64,
        x0: f64,
        y0: f64,
    ) -> Result<Self, JsError> {
        let surface: Surface = parse("surface", JsValue::from_str(surface))?;
        let optimizer: OptimizerConfig = parse("optimizer", optimizer)?;
        if let Some((_, message)) = optimizer.problems().into_iter().next() {
            return Err(JsError::new(&message));
        }
        let schedule: Schedule = if schedule.is_undefined() || schedule.is_null() {
            Schedule::default()
        } else {
            parse("schedule", schedule)?
        };
        if let Some((_, message)) = schedule.problems().into_iter().next() {
            return Err(JsError::new(&message));
        }
        let eta = finite("eta", eta)?;
        if eta <= 0.0 {
            return Err(JsError::new(&format!("eta must be > 0 and finite, got {eta}")));
        }
        Ok(SurfaceRun { surface, optimizer, schedule, eta, start: [finite("x0", x0)?, finite("y0", y0)?] })
    }
}

/// f over a res × res grid of a surface, top row (y = yMax) first, for contour plots.
#[wasm_bindgen(js_name = surfaceGrid)]
pub fn surface_grid(
    surface: &str,
    res: f64,
    x_min: f64,
    x_max: f64,
    y_min: f64,
    y_max: f64,
) -> Result<Vec<f32>, JsError> {
    let surface: Surface = parse("surface", JsValue::from_str(surface))?;
    let res = whole("res", res, 1, MAX_GRID)?;
    let (x_min, x_max, y_min, y_max) =
        (finite("xMin", x_min)?, finite("xMax", x_max)?, finite("yMin", y_min)?, finite("yMax", y_max)?);
    if !(x_min < x_max && y_min < y_max) {
        return Err(JsError::new("surfaceGrid: the ranges must have min < max"));
    }
    Ok(surface.grid(res, (x_min, x_max), (y_min, y_max)))
}

/// One 28×28 digit (u8 pixels) through an augmentation object (`{translate: 2, rotate: 10, …}`) with a seed:
/// the 784 augmented values in [0, 1], for the augmentation chapter's examples.
#[wasm_bindgen(js_name = augmentImage)]
pub fn augment_image(pixels: &[u8], augmentation: JsValue, seed_value: f64) -> Result<Vec<f32>, JsError> {
    if pixels.len() != 28 * 28 {
        return Err(JsError::new(&format!("pixels must hold 784 values (28×28), got {}", pixels.len())));
    }
    let config: Augmentation = parse("augmentation", augmentation)?;
    if let Some((_, message)) = config.problems().into_iter().next() {
        return Err(JsError::new(&message));
    }
    let mut image: Vec<f32> = pixels.iter().map(|&p| f32::from(p) * (1.0 / 255.0)).collect();
    Augmenter::new(config, 28, 28).apply(&mut image, &mut Rng::new(seed(seed_value)?, 4));
    Ok(image)
}
