//! Weight initialization.

use crate::math::rng::Rng;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Init {
    /// w, b ~ N(0, 1): Nielsen's `network.py` default.
    Gaussian,
    /// w ~ N(0, 1/n_in), b ~ N(0, 1): keeps z = Σ w a + b of order 1 so sigmoid neurons start unsaturated.
    ScaledGaussian,
}

impl Init {
    /// Fills w (n_out × n_in) and b (n_out) from `rng`: first all of w row by row, then b.
    pub fn fill(self, n_in: usize, w: &mut [f32], b: &mut [f32], rng: &mut Rng) {
        let scale = match self {
            Init::Gaussian => 1.0,
            Init::ScaledGaussian => 1.0 / libm::sqrtf(n_in as f32),
        };
        for wi in w.iter_mut() {
            *wi = scale * rng.gaussian();
        }
        for bi in b.iter_mut() {
            *bi = rng.gaussian();
        }
    }
}
