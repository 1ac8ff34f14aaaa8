//! Data augmentation for 28×28 digits (slides "Data augmentation"), applied on the fly to each training image of
//! each mini-batch, from a seeded RNG; never to validation or test images. Each transformation has a strength
//! (0 = off), and a random amount up to that strength is drawn per image:
//!
//! - translate t: shift by (u, v) ~ U(−t, t)² pixels
//! - rotate r: rotate by θ ~ U(−r, r) degrees about the image centre
//! - elastic α (with smoothness σ_e = `elasticSigma`): Simard et al. 2003 — a random displacement field
//!   U(−1, 1) per pixel, smoothed by a Gaussian of σ_e and scaled by α pixels
//! - intensity s: x ← clamp(c · x) with c ~ U(1 − s, 1 + s)
//! - blur b: Gaussian blur with σ ~ U(0, b) pixels
//! - noise n: x ← clamp(x + N(0, n²))
//!
//! The geometric ones are combined into one backward map sampled bilinearly (zero outside the image).
//! All buffers are allocated once, so augmenting allocates nothing.

use crate::math::rng::Rng;
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

/// Largest σ accepted for blur and elastic smoothing (keeps the kernel small).
pub const MAX_SIGMA: f32 = 8.0;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Augmentation {
    pub translate: f32,
    pub rotate: f32,
    pub elastic: f32,
    pub elastic_sigma: f32,
    pub intensity: f32,
    pub blur: f32,
    pub noise: f32,
}

impl Default for Augmentation {
    fn default() -> Self {
        Augmentation {
            translate: 0.0,
            rotate: 0.0,
            elastic: 0.0,
            elastic_sigma: 4.0,
            intensity: 0.0,
            blur: 0.0,
            noise: 0.0,
        }
    }
}

impl Augmentation {
    pub fn is_on(&self) -> bool {
        [self.translate, self.rotate, self.elastic, self.intensity, self.blur, self.noise].iter().any(|&s| s > 0.0)
    }

    /// Every out-of-range strength as (field, message), fields named as in a TrainConfig (`augmentation.rotate`).
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (name, value, max) in [
            ("translate", self.translate, 14.0),
            ("rotate", self.rotate, 180.0),
            ("elastic", self.elastic, 50.0),
            ("intensity", self.intensity, 1.0),
            ("blur", self.blur, MAX_SIGMA),
            ("noise", self.noise, 1.0),
        ] {
            if !(0.0..=max).contains(&value) {
                out.push((
                    format!("augmentation.{name}"),
                    format!("augmentation.{name} must be between 0 and {max}, got {value}"),
                ));
            }
        }
        if !(self.elastic_sigma >= 0.5 && self.elastic_sigma <= MAX_SIGMA) {
            out.push((
                "augmentation.elasticSigma".into(),
                format!("augmentation.elasticSigma must be between 0.5 and {MAX_SIGMA}, got {}", self.elastic_sigma),
            ));
        }
        out
    }

    fn geometric(&self) -> bool {
        self.translate > 0.0 || self.rotate > 0.0 || self.elastic > 0.0
    }
}

/// Applies an [`Augmentation`] to images of a fixed size.
#[derive(Clone, Debug)]
pub struct Augmenter {
    pub config: Augmentation,
    rows: usize,
    cols: usize,
    source: Vec<f32>,
    dx: Vec<f32>,
    dy: Vec<f32>,
    kernel: Vec<f32>,
}

impl Augmenter {
    pub fn new(config: Augmentation, rows: usize, cols: usize) -> Self {
        let n = rows * cols;
        let radius = kernel_radius(config.elastic_sigma.max(config.blur).min(MAX_SIGMA));
        Augmenter {
            config,
            rows,
            cols,
            source: vec![0.0; n],
            dx: vec![0.0; n],
            dy: vec![0.0; n],
            kernel: vec![0.0; 2 * radius + 1],
        }
    }

    /// Transforms one image (rows × cols, values in [0, 1]) in place.
    pub fn apply(&mut self, image: &mut [f32], rng: &mut Rng) {
        let c = self.config;
        if c.geometric() {
            self.warp(image, rng);
        }
        if c.blur > 0.0 {
            let sigma = c.blur * rng.uniform();
            if sigma > 0.05 {
                self.source.copy_from_slice(image);
                let (rows, cols) = (self.rows, self.cols);
                blur(image, &mut self.source, &mut self.kernel, rows, cols, sigma);
            }
        }
        if c.intensity > 0.0 {
            let factor = 1.0 + c.intensity * (2.0 * rng.uniform() - 1.0);
            image.iter_mut().for_each(|x| *x = (*x * factor).clamp(0.0, 1.0));
        }
        if c.noise > 0.0 {
            image.iter_mut().for_each(|x| *x = (*x + c.noise * rng.gaussian()).clamp(0.0, 1.0));
        }
    }

    fn warp(&mut self, image: &mut [f32], rng: &mut Rng) {
        let c = self.config;
        let (rows, cols) = (self.rows, self.cols);
        let (tx, ty) = (c.translate * (2.0 * rng.uniform() - 1.0), c.translate * (2.0 * rng.uniform() - 1.0));
        let angle = c.rotate * (2.0 * rng.uniform() - 1.0) * core::f32::consts::PI / 180.0;
        let (sin, cos) = (libm::sinf(angle), libm::cosf(angle));
        if c.elastic > 0.0 {
            for (dx, dy) in self.dx.iter_mut().zip(self.dy.iter_mut()) {
                *dx = 2.0 * rng.uniform() - 1.0;
                *dy = 2.0 * rng.uniform() - 1.0;
            }
            let sigma = c.elastic_sigma.min(MAX_SIGMA);
            blur(&mut self.dx, &mut self.source, &mut self.kernel, rows, cols, sigma);
            blur(&mut self.dy, &mut self.source, &mut self.kernel, rows, cols, sigma);
        }
        self.source.copy_from_slice(image);
        let (cy, cx) = ((rows as f32 - 1.0) / 2.0, (cols as f32 - 1.0) / 2.0);
        for r in 0..rows {
            for col in 0..cols {
                let (u, v) = (col as f32 - cx - tx, r as f32 - cy - ty);
                let mut sx = cos * u + sin * v + cx;
                let mut sy = -sin * u + cos * v + cy;
                if c.elastic > 0.0 {
                    sx += c.elastic * self.dx[r * cols + col];
                    sy += c.elastic * self.dy[r * cols + col];
                }
                image[r * cols + col] = bilinear(&self.source, rows, cols, sx, sy);
            }
        }
    }
}

fn kernel_radius(sigma: f32) -> usize {
    libm::ceilf(3.0 * sigma) as usize
}

/// The image at (x, y) by bilinear interpolation, 0 outside.
fn bilinear(image: &[f32], rows: usize, cols: usize, x: f32, y: f32) -> f32 {
    let (x0, y0) = (libm::floorf(x), libm::floorf(y));
    let (fx, fy) = (x - x0, y - y0);
    let at = |r: f32, c: f32| {
        if r < 0.0 || c < 0.0 || r >= rows as f32 || c >= cols as f32 {
            0.0
        } else {
            image[r as usize * cols + c as usize]
        }
    };
    (1.0 - fy) * ((1.0 - fx) * at(y0, x0) + fx * at(y0, x0 + 1.0))
        + fy * ((1.0 - fx) * at(y0 + 1.0, x0) + fx * at(y0 + 1.0, x0 + 1.0))
}

/// Separable Gaussian blur of σ in place (`scratch` has the image size; taps outside the image are left out and
/// the remaining weights renormalized).
fn blur(image: &mut [f32], scratch: &mut [f32], kernel: &mut [f32], rows: usize, cols: usize, sigma: f32) {
    let radius = kernel_radius(sigma).min((kernel.len() - 1) / 2);
    let kernel = &mut kernel[..2 * radius + 1];
    for (i, k) in kernel.iter_mut().enumerate() {
        let d = i as f32 - radius as f32;
        *k = libm::expf(-d * d / (2.0 * sigma * sigma));
    }
    let pass = |from: &[f32], to: &mut [f32], horizontal: bool| {
        for r in 0..rows {
            for c in 0..cols {
                let (mut sum, mut weight) = (0.0, 0.0);
                for (i, &k) in kernel.iter().enumerate() {
                    let offset = i as isize - radius as isize;
                    let (rr, cc) =
                        if horizontal { (r as isize, c as isize + offset) } else { (r as isize + offset, c as isize) };
                    if rr >= 0 && cc >= 0 && (rr as usize) < rows && (cc as usize) < cols {
                        sum += k * from[rr as usize * cols + cc as usize];
                        weight += k;
                    }
                }
                to[r * cols + c] = sum / weight;
            }
        }
    };
    pass(image, scratch, true);
    pass(scratch, image, false);
}
