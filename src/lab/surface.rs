//! 2-D test surfaces for the optimizer chapter: a point (x, y) moved by the same [`Optimizer`] the network uses,
//! step by step, so the page can draw each optimizer's path.
//!
//! - bowl: f = ½x² + 5y² (an elongated quadratic bowl; plain SGD zig-zags across the steep direction)
//! - rosenbrock: f = (1 − x)² + 100 (y − x²)², minimum (1, 1) at the end of a curved valley
//! - beale: f = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², minimum (3, 0.5)
//! - saddle: f = x² − y², a saddle point at (0, 0)
//! - localMinima: f = (x² + y²)/10 − cos 2x · cos 2y, global minimum (0, 0), local minima around it
//! - ravine: f = x²/20 + 10 y², a long narrow valley (curvatures 0.1 and 20, a 200 : 1 ratio): a step small enough
//!   for the steep walls crawls along the floor, which is what momentum and per-dimension rates are for

use crate::nn::{ParamKind, Regularization};
use crate::optim::{Optimizer, OptimizerConfig, Schedule};
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Surface {
    Bowl,
    Rosenbrock,
    Beale,
    Saddle,
    LocalMinima,
    Ravine,
}

impl Surface {
    pub const ALL: [Surface; 6] =
        [Surface::Bowl, Surface::Rosenbrock, Surface::Beale, Surface::Saddle, Surface::LocalMinima, Surface::Ravine];

    pub fn value(self, x: f32, y: f32) -> f32 {
        match self {
            Surface::Bowl => 0.5 * x * x + 5.0 * y * y,
            Surface::Rosenbrock => (1.0 - x) * (1.0 - x) + 100.0 * (y - x * x) * (y - x * x),
            Surface::Beale => {
                let (a, b, c) = (1.5 - x + x * y, 2.25 - x + x * y * y, 2.625 - x + x * y * y * y);
                a * a + b * b + c * c
            }
            Surface::Saddle => x * x - y * y,
            Surface::LocalMinima => (x * x + y * y) / 10.0 - libm::cosf(2.0 * x) * libm::cosf(2.0 * y),
            Surface::Ravine => x * x / 20.0 + 10.0 * y * y,
        }
    }

    /// ∇f = (∂f/∂x, ∂f/∂y)
    pub fn gradient(self, x: f32, y: f32) -> [f32; 2] {
        match self {
            Surface::Bowl => [x, 10.0 * y],
            Surface::Rosenbrock => [-2.0 * (1.0 - x) - 400.0 * x * (y - x * x), 200.0 * (y - x * x)],
            Surface::Beale => {
                let (a, b, c) = (1.5 - x + x * y, 2.25 - x + x * y * y, 2.625 - x + x * y * y * y);
                [
                    2.0 * a * (y - 1.0) + 2.0 * b * (y * y - 1.0) + 2.0 * c * (y * y * y - 1.0),
                    2.0 * a * x + 2.0 * b * 2.0 * x * y + 2.0 * c * 3.0 * x * y * y,
                ]
            }
            Surface::Saddle => [2.0 * x, -2.0 * y],
            Surface::LocalMinima => [
                x / 5.0 + 2.0 * libm::sinf(2.0 * x) * libm::cosf(2.0 * y),
                y / 5.0 + 2.0 * libm::cosf(2.0 * x) * libm::sinf(2.0 * y),
            ],
            Surface::Ravine => [x / 10.0, 20.0 * y],
        }
    }

    /// The global minimum, if the surface has one.
    pub fn minimum(self) -> Option<[f32; 2]> {
        match self {
            Surface::Bowl | Surface::LocalMinima | Surface::Ravine => Some([0.0, 0.0]),
            Surface::Rosenbrock => Some([1.0, 1.0]),
            Surface::Beale => Some([3.0, 0.5]),
            Surface::Saddle => None,
        }
    }

    /// f over a res × res grid (for contour plots): row r ↔ y = y_max − (r + ½)(y_max − y_min)/res (top row first),
    /// column c ↔ x = x_min + (c + ½)(x_max − x_min)/res.
    pub fn grid(self, res: usize, x_range: (f32, f32), y_range: (f32, f32)) -> Vec<f32> {
        let (dx, dy) = ((x_range.1 - x_range.0) / res as f32, (y_range.1 - y_range.0) / res as f32);
        (0..res * res)
            .map(|cell| {
                let (r, c) = (cell / res, cell % res);
                self.value(x_range.0 + (c as f32 + 0.5) * dx, y_range.1 - (r as f32 + 0.5) * dy)
            })
            .collect()
    }

    /// The path of `steps` optimizer steps from `start`: [x₀, y₀, x₁, y₁, …] (2 · (steps + 1) numbers, fewer if
    /// the point leaves the finite numbers). η at step t is `schedule.eta(eta, t, 1)`.
    pub fn path(
        self,
        optimizer: OptimizerConfig,
        schedule: Schedule,
        eta: f32,
        start: [f32; 2],
        steps: usize,
    ) -> Vec<f32> {
        let mut optimizer = Optimizer::new(optimizer, &[2]);
        let mut point = start;
        let mut path = Vec::with_capacity(2 * (steps + 1));
        path.extend_from_slice(&point);
        for t in 0..steps {
            let gradient = self.gradient(point[0], point[1]);
            optimizer.begin_step();
            let eta_t = schedule.eta(eta, t as f32, 1.0);
            optimizer.update(0, ParamKind::Other, eta_t, &mut point, &gradient, 1, &Regularization::NONE);
            if !(point[0].is_finite() && point[1].is_finite()) {
                break;
            }
            path.extend_from_slice(&point);
        }
        path
    }
}
