//! Input preprocessing (slides "Data preprocessing"). Pixels are first scaled to [0, 1] (x = pixel / 255); the
//! optional centering and scaling use statistics of the TRAINING split only, and are applied identically to
//! training, validation and test images:
//!
//! - mean-centering: x ← x − μ,  unit variance: x ← (x − μ) / σ
//! - per pixel (μᵢ, σᵢ over the training images, for each of the 784 positions) or global (one μ, σ over all pixels)
//!
//! σ is floored at [`STD_FLOOR`] so that pixels which are always 0 in training (the border) do not blow up a test
//! image that happens to touch them.

use super::ExampleSplit;
use alloc::vec;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

pub const STD_FLOOR: f32 = 0.1;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Preprocess {
    /// x = pixel / 255 ∈ [0, 1] (Nielsen's input).
    #[default]
    Scale,
    /// x − μ with one global μ.
    CenterGlobal,
    /// x − μᵢ per pixel.
    CenterPixel,
    /// (x − μ) / σ, global.
    StandardizeGlobal,
    /// (x − μᵢ) / σᵢ per pixel.
    StandardizePixel,
}

/// The fitted statistics: x ← (x − mean) · inv_scale, per position (global statistics are repeated).
#[derive(Clone, Debug, PartialEq)]
pub struct Standardizer {
    pub kind: Preprocess,
    pub mean: Vec<f32>,
    pub inv_scale: Vec<f32>,
}

impl Standardizer {
    /// Fits the statistics of `kind` on the inputs of `train` (the training split only; pixels scaled to [0, 1]).
    pub fn fit<'a>(kind: Preprocess, train: impl Into<ExampleSplit<'a>>) -> Self {
        let train = train.into();
        let len = train.input_len();
        let (mut sum, mut sum_sq) = (vec![0.0f64; len], vec![0.0f64; len]);
        if kind != Preprocess::Scale {
            for index in 0..train.len() {
                train.visit_input(index, |i, x| {
                    sum[i] += x;
                    sum_sq[i] += x * x;
                });
            }
        }
        let per_pixel = matches!(kind, Preprocess::CenterPixel | Preprocess::StandardizePixel);
        let n = train.len().max(1) as f64;
        let (mean, std): (Vec<f64>, Vec<f64>) = if per_pixel {
            sum.iter().zip(&sum_sq).map(|(&s, &q)| (s / n, libm::sqrt((q / n - (s / n) * (s / n)).max(0.0)))).unzip()
        } else {
            let total = n * len as f64;
            let (s, q) = (sum.iter().sum::<f64>() / total, sum_sq.iter().sum::<f64>() / total);
            (vec![s; len], vec![libm::sqrt((q - s * s).max(0.0)); len])
        };
        let standardize = matches!(kind, Preprocess::StandardizeGlobal | Preprocess::StandardizePixel);
        Standardizer {
            kind,
            mean: mean.iter().map(|&m| if kind == Preprocess::Scale { 0.0 } else { m as f32 }).collect(),
            inv_scale: std.iter().map(|&s| if standardize { 1.0 / (s as f32).max(STD_FLOOR) } else { 1.0 }).collect(),
        }
    }

    /// x ← (x − μ) / σ for one image already scaled to [0, 1] (nothing for `Scale`).
    pub fn apply(&self, x: &mut [f32]) {
        if self.kind == Preprocess::Scale {
            return;
        }
        for ((xi, &m), &s) in x.iter_mut().zip(&self.mean).zip(&self.inv_scale) {
            *xi = (*xi - m) * s;
        }
    }
}
