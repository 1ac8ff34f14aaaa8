//! Bindings for the optimizer chapter: an optimizer's path on a 2-D surface with its state at every step, and a
//! surface's global minimum. Names arrive as strings and configs as objects, exactly as in a TrainConfig.

use super::lab::{parse, SurfaceRun};
use super::whole;
use crate::lab::optimizer_trace::{optimizer_trace as trace, TRACE_STRIDE};
use crate::lab::surface::Surface;
use wasm_bindgen::prelude::*;

const MAX_STEPS: usize = 20_000;

/// Numbers per record of `optimizerTrace`: x, y, f, g_x, g_y, η, s₁ₓ, s₁ᵧ, s₂ₓ, s₂ᵧ.
#[wasm_bindgen(js_name = traceStride)]
pub fn trace_stride() -> usize {
    TRACE_STRIDE
}

/// An optimizer's path on a surface ("bowl", "rosenbrock", "beale", "saddle", "localMinima", "ravine") with what it
/// keeps: one record of `traceStride()` numbers per point (see `lab::optimizer_trace`), at most steps + 1 records
/// (fewer if it diverges). The point is a weight: AdamW's weight decay acts on it.
#[wasm_bindgen(js_name = optimizerTrace)]
#[allow(clippy::too_many_arguments)]
pub fn optimizer_trace(
    surface: &str,
    optimizer: JsValue,
    schedule: JsValue,
    eta: f64,
    x0: f64,
    y0: f64,
    steps: f64,
) -> Result<Vec<f32>, JsError> {
    let run = SurfaceRun::from_js(surface, optimizer, schedule, eta, x0, y0)?;
    Ok(trace(run.surface, run.optimizer, run.schedule, run.eta, run.start, whole("steps", steps, 0, MAX_STEPS)?))
}

/// A surface's global minimum [x, y], or null (the saddle has none).
#[wasm_bindgen(js_name = surfaceMinimum)]
pub fn surface_minimum(surface: &str) -> Result<Option<Vec<f32>>, JsError> {
    let surface: Surface = parse("surface", JsValue::from_str(surface))?;
    Ok(surface.minimum().map(|m| m.to_vec()))
}
