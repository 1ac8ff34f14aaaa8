//! Gradient descent on a 2-D cost C(v₁, v₂) (slide "Gradient descent"), one step at a time, with the slide's
//! first-order prediction beside the true change:
//!   Δv = −η∇C,   ΔC ≈ ∇C · Δv = −η‖∇C‖²   against   C(v + Δv) − C(v).
//! The prediction is exact to first order: the difference is ½ Δvᵀ H Δv + …, so it shrinks like η² while both
//! changes shrink like η. A run of steps gets a verdict in plain words: converging, crawling (η too small),
//! oscillating (η large: the step keeps reversing across a valley) or diverging (η too large).
//!
//! The surfaces are the core's ([`Surface`], f32); the arithmetic of the step is f64.

use super::surface::Surface;
use alloc::vec::Vec;
use serde::Serialize;

/// One gradient-descent step from v.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GdStep {
    pub v: [f64; 2],
    pub cost: f64,
    /// ∇C at v
    pub gradient: [f64; 2],
    /// Δv = −η∇C
    pub dv: [f64; 2],
    /// ∇C · Δv = −η‖∇C‖²
    pub predicted: f64,
    /// C(v + Δv) − C(v)
    pub actual: f64,
}

/// Numbers per step in [`GdStep::to_array`].
pub const FIELDS: usize = 9;

impl GdStep {
    /// [v₁, v₂, C, ∂C/∂v₁, ∂C/∂v₂, Δv₁, Δv₂, predicted ΔC, true ΔC]
    pub fn to_array(&self) -> [f64; FIELDS] {
        let [v1, v2] = self.v;
        let [g1, g2] = self.gradient;
        let [d1, d2] = self.dv;
        [v1, v2, self.cost, g1, g2, d1, d2, self.predicted, self.actual]
    }

    pub fn next(&self) -> [f64; 2] {
        [self.v[0] + self.dv[0], self.v[1] + self.dv[1]]
    }
}

fn cost(surface: Surface, v: [f64; 2]) -> f64 {
    f64::from(surface.value(v[0] as f32, v[1] as f32))
}

/// One step of gradient descent with learning rate η from v.
pub fn gd_step(surface: Surface, v: [f64; 2], eta: f64) -> GdStep {
    let c = cost(surface, v);
    let g = surface.gradient(v[0] as f32, v[1] as f32);
    let gradient = [f64::from(g[0]), f64::from(g[1])];
    let dv = [-eta * gradient[0], -eta * gradient[1]];
    let predicted = gradient[0] * dv[0] + gradient[1] * dv[1];
    let actual = cost(surface, [v[0] + dv[0], v[1] + dv[1]]) - c;
    GdStep { v, cost: c, gradient, dv, predicted, actual }
}

/// Points beyond this distance count as gone: f32 surfaces overflow not far past it.
pub const ESCAPE: f64 = 1e6;

/// Up to `steps` steps from `start`; stops early once v or C stops being finite or v leaves |v| < [`ESCAPE`].
pub fn gd_path(surface: Surface, start: [f64; 2], eta: f64, steps: usize) -> Vec<GdStep> {
    let mut path = Vec::with_capacity(steps);
    let mut v = start;
    for _ in 0..steps {
        let step = gd_step(surface, v, eta);
        let next = step.next();
        let done =
            !(step.cost.is_finite() && step.actual.is_finite() && next[0].abs() < ESCAPE && next[1].abs() < ESCAPE);
        path.push(step);
        if done {
            break;
        }
        v = next;
    }
    path
}

/// What a run of steps is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    /// Fewer than three steps: too early to say.
    Starting,
    /// ‖∇C‖ has all but vanished: at a minimum (or a saddle point).
    Converged,
    /// The cost falls steadily.
    Converging,
    /// The cost falls by less than 1% per step: η is too small (shrinking C a thousandfold would take 700 steps or more).
    Crawling,
    /// A component of the step keeps reversing its sign: the point jumps across a valley (η is large).
    Oscillating,
    /// The cost grows, or has left the finite numbers: η is too large.
    Diverging,
}

/// Steps a verdict looks back over.
const RECENT: usize = 3;

/// The verdict on a path from [`gd_path`] (or the steps taken so far) on `surface` (whose minimum, if it has one,
/// sets what "1% of the cost" is measured from).
pub fn verdict(surface: Surface, path: &[GdStep]) -> Verdict {
    let Some(last) = path.last() else { return Verdict::Starting };
    let next = last.next();
    let next_cost = last.cost + last.actual;
    if !(next_cost.is_finite() && next[0].abs() < ESCAPE && next[1].abs() < ESCAPE) {
        return Verdict::Diverging;
    }
    if path.len() < RECENT {
        return Verdict::Starting;
    }
    let recent = &path[path.len() - RECENT..];
    if next_cost > path[0].cost && recent.iter().all(|s| s.actual > 0.0) {
        return Verdict::Diverging;
    }
    let norm = |g: [f64; 2]| libm::sqrt(g[0] * g[0] + g[1] * g[1]);
    if norm(last.gradient) < 1e-4 {
        return Verdict::Converged;
    }
    // A coordinate that reverses direction on every recent step and carries a good share of the step.
    let reverses = (0..2).any(|k| {
        recent.windows(2).all(|pair| pair[0].dv[k] * pair[1].dv[k] < 0.0)
            && recent.iter().all(|s| s.dv[k].abs() >= 0.1 * norm(s.dv))
    });
    if reverses {
        return Verdict::Oscillating;
    }
    if recent.iter().any(|s| s.actual > 0.0) {
        return Verdict::Oscillating;
    }
    let floor = surface.minimum().map_or(0.0, |m| cost(surface, [f64::from(m[0]), f64::from(m[1])]));
    if recent.iter().all(|s| -s.actual < 0.01 * (s.cost - floor).abs()) {
        return Verdict::Crawling;
    }
    Verdict::Converging
}
