//! Seeded 2-D datasets on the square [−6, 6]², as in TensorFlow Playground, plus multiclass ones, and the feature
//! map x = (x₁, x₂) ↦ (x₁, x₂, x₁², x₂², x₁x₂, sin x₁, sin x₂) that turns them into network inputs.
//!
//! Classification sets give every class the same number of points (point i belongs to class i mod K), so a
//! class's share is 1/K up to one point; the noise ν ∈ [0, ½] jitters each point by ν·A·U(−1, 1) per coordinate
//! (A per set), or widens the Gaussians' σ. Every point is clamped to the square. Regression targets lie in
//! [−1, 1] and are taken at the jittered position (the noise is in the labels), as in TF Playground.

use super::features::{FeatureData, FeatureSet};
use crate::math::rng::Rng;
use alloc::vec;
use alloc::vec::Vec;
use core::f32::consts::{PI, TAU};
use serde::{Deserialize, Serialize};

/// Half the side of the square the points lie in.
pub const EXTENT: f32 = 6.0;
pub const MAX_POINTS: usize = 5000;
pub const MAX_CLASSES: usize = 8;
pub const MAX_NOISE: f32 = 0.5;

const POINT_STREAM: u64 = 11;
const SPLIT_STREAM: u64 = 12;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PlaneSet {
    /// Class 1 inside radius 2.5, class 0 on the ring 3.5 … 5.
    Circle,
    /// Class 1 where x₁x₂ > 0 (the quadrants of XOR), 0.3 away from the axes.
    Xor,
    /// Two Gaussians at ±(2, 2).
    Gaussians,
    /// Two interleaved spiral arms.
    Spiral,
    /// Two interleaved half circles.
    Moons,
    /// A 4 × 4 board of 3 × 3 cells.
    Checkerboard,
    /// K Gaussians on a circle of radius 4.
    KGaussians,
    /// K interleaved spiral arms.
    KSpiral,
    /// Regression: y = (x₁ + x₂) / 12.
    Plane,
    /// Regression: y = Σₖ sₖ exp(−|x − cₖ|² / 2·1.5²) over six centres of alternating sign.
    GaussianSum,
}

impl PlaneSet {
    pub const ALL: [PlaneSet; 10] = [
        PlaneSet::Circle,
        PlaneSet::Xor,
        PlaneSet::Gaussians,
        PlaneSet::Spiral,
        PlaneSet::Moons,
        PlaneSet::Checkerboard,
        PlaneSet::KGaussians,
        PlaneSet::KSpiral,
        PlaneSet::Plane,
        PlaneSet::GaussianSum,
    ];

    pub fn is_regression(self) -> bool {
        matches!(self, PlaneSet::Plane | PlaneSet::GaussianSum)
    }

    /// Whether the number of classes K is the caller's choice (else 2, or 0 for regression).
    pub fn has_k(self) -> bool {
        matches!(self, PlaneSet::KGaussians | PlaneSet::KSpiral)
    }
}

/// n points with a class (as f32) or a regression target each.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanePoints {
    /// (x₁, x₂) per point, n × 2 row-major.
    pub x: Vec<f32>,
    /// The class 0 … K−1, or the regression target in [−1, 1].
    pub value: Vec<f32>,
    /// K, or 0 for a regression.
    pub classes: usize,
}

impl PlanePoints {
    pub fn len(&self) -> usize {
        self.value.len()
    }

    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }
}

/// U(lo, hi).
fn uniform(rng: &mut Rng, lo: f32, hi: f32) -> f32 {
    lo + (hi - lo) * rng.uniform()
}

/// `n` points of `set` with K = `k` classes where the set lets it choose (2 ≤ k ≤ [`MAX_CLASSES`]), noise ν, seed.
pub fn generate(set: PlaneSet, n: usize, k: usize, noise: f32, seed: u64) -> PlanePoints {
    let rng = &mut Rng::new(seed, POINT_STREAM);
    let classes = match set {
        _ if set.is_regression() => 0,
        _ if set.has_k() => k,
        _ => 2,
    };
    let mut x = Vec::with_capacity(2 * n);
    let mut value = Vec::with_capacity(n);
    for i in 0..n {
        let class = if classes > 0 { i % classes } else { 0 };
        // The j-th point of its class, of `per_class`, for the sets laid out along a curve.
        let (j, per_class) = (i / classes.max(1), n.div_ceil(classes.max(1)));
        let u = j as f32 / per_class.max(1) as f32;
        let (p, jitter, y) = match set {
            PlaneSet::Circle => {
                let r = if class == 1 { uniform(rng, 0.0, 2.5) } else { uniform(rng, 3.5, 5.0) };
                let angle = uniform(rng, 0.0, TAU);
                ([r * libm::sinf(angle), r * libm::cosf(angle)], 5.0, class as f32)
            }
            PlaneSet::Xor => {
                let (s1, s2) = if class == 1 { (1.0, 1.0) } else { (1.0, -1.0) };
                let flip = if rng.below(2) == 0 { 1.0 } else { -1.0 };
                let p = [flip * s1 * uniform(rng, 0.3, 5.0), flip * s2 * uniform(rng, 0.3, 5.0)];
                (p, 5.0, class as f32)
            }
            PlaneSet::Gaussians => {
                let c = if class == 1 { 2.0 } else { -2.0 };
                let sigma = 0.7 + 2.0 * noise;
                ([c + sigma * rng.gaussian(), c + sigma * rng.gaussian()], 0.0, class as f32)
            }
            PlaneSet::Spiral | PlaneSet::KSpiral => {
                let r = 0.3 + 5.0 * u;
                let t = 1.75 * TAU * u * 2.0 / classes as f32 + TAU * class as f32 / classes as f32;
                ([r * libm::sinf(t), r * libm::cosf(t)], 2.0, class as f32)
            }
            PlaneSet::Moons => {
                let t = PI * rng.uniform();
                let (a, b) = if class == 0 {
                    (libm::cosf(t), libm::sinf(t))
                } else {
                    (1.0 - libm::cosf(t), 0.5 - libm::sinf(t))
                };
                ([3.0 * (a - 0.5), 3.0 * (b - 0.25)], 3.0, class as f32)
            }
            PlaneSet::Checkerboard => {
                let cx = rng.below(4) as usize;
                let cy = 2 * rng.below(2) as usize + (class + cx) % 2;
                let p = [-EXTENT + 3.0 * (cx as f32 + rng.uniform()), -EXTENT + 3.0 * (cy as f32 + rng.uniform())];
                (p, 1.5, class as f32)
            }
            PlaneSet::KGaussians => {
                let angle = TAU * class as f32 / classes as f32;
                let sigma = 0.6 + 2.0 * noise;
                let c = [4.0 * libm::cosf(angle), 4.0 * libm::sinf(angle)];
                ([c[0] + sigma * rng.gaussian(), c[1] + sigma * rng.gaussian()], 0.0, class as f32)
            }
            PlaneSet::Plane | PlaneSet::GaussianSum => {
                let p = [uniform(rng, -EXTENT, EXTENT), uniform(rng, -EXTENT, EXTENT)];
                let shifted =
                    [p[0] + noise * EXTENT * uniform(rng, -1.0, 1.0), p[1] + noise * EXTENT * uniform(rng, -1.0, 1.0)];
                (p, 0.0, regression_target(set, shifted))
            }
        };
        let jittered =
            [p[0] + noise * jitter * uniform(rng, -1.0, 1.0), p[1] + noise * jitter * uniform(rng, -1.0, 1.0)];
        x.extend(jittered.iter().map(|v| v.clamp(-EXTENT, EXTENT)));
        value.push(y);
    }
    PlanePoints { x, value, classes }
}

/// The regression sets' function of (x₁, x₂), clamped to [−1, 1].
fn regression_target(set: PlaneSet, p: [f32; 2]) -> f32 {
    const CENTRES: [(f32, f32, f32); 6] =
        [(-4.0, 2.5, 1.0), (0.0, 2.5, -1.0), (4.0, 2.5, 1.0), (-4.0, -2.5, -1.0), (0.0, -2.5, 1.0), (4.0, -2.5, -1.0)];
    let y = match set {
        PlaneSet::Plane => (p[0] + p[1]) / (2.0 * EXTENT),
        _ => CENTRES
            .iter()
            .map(|&(c1, c2, sign)| {
                let d2 = (p[0] - c1) * (p[0] - c1) + (p[1] - c2) * (p[1] - c2);
                sign * libm::expf(-d2 / (2.0 * 1.5 * 1.5))
            })
            .sum(),
    };
    y.clamp(-1.0, 1.0)
}

/// An input feature computed from a point (x₁, x₂).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Feature {
    X1,
    X2,
    X1Squared,
    X2Squared,
    X1X2,
    SinX1,
    SinX2,
}

impl Feature {
    pub const ALL: [Feature; 7] = [
        Feature::X1,
        Feature::X2,
        Feature::X1Squared,
        Feature::X2Squared,
        Feature::X1X2,
        Feature::SinX1,
        Feature::SinX2,
    ];

    pub fn value(self, x1: f32, x2: f32) -> f32 {
        match self {
            Feature::X1 => x1,
            Feature::X2 => x2,
            Feature::X1Squared => x1 * x1,
            Feature::X2Squared => x2 * x2,
            Feature::X1X2 => x1 * x2,
            Feature::SinX1 => libm::sinf(x1),
            Feature::SinX2 => libm::sinf(x2),
        }
    }

    /// Writes the features of point (x₁, x₂) into `row` (one value per feature).
    pub fn fill(features: &[Feature], x1: f32, x2: f32, row: &mut [f32]) {
        for (v, feature) in row.iter_mut().zip(features) {
            *v = feature.value(x1, x2);
        }
    }
}

/// Which points are for training: a seeded shuffle of 0 … n−1, the first round(ratio · n) training, the rest test
/// (at least one of each when n ≥ 2).
pub fn train_test_order(n: usize, ratio: f32, seed: u64) -> (Vec<usize>, usize) {
    let mut order: Vec<usize> = (0..n).collect();
    Rng::new(seed, SPLIT_STREAM).shuffle(&mut order);
    let n_train = libm::roundf(ratio * n as f32) as usize;
    let n_train = if n >= 2 { n_train.clamp(1, n - 1) } else { n };
    (order, n_train)
}

/// The network's examples: per point its features, and its target — one-hot over the K classes, or the value.
pub fn feature_set(points: &PlanePoints, indices: &[usize], features: &[Feature]) -> FeatureSet {
    let d = features.len();
    let target_len = points.classes.max(1);
    let mut x = vec![0.0; indices.len() * d];
    let mut y = vec![0.0; indices.len() * target_len];
    for ((&i, row), target) in indices.iter().zip(x.chunks_exact_mut(d.max(1))).zip(y.chunks_exact_mut(target_len)) {
        Feature::fill(features, points.x[2 * i], points.x[2 * i + 1], row);
        if points.classes > 0 {
            target[points.value[i] as usize] = 1.0;
        } else {
            target[0] = points.value[i];
        }
    }
    FeatureSet { count: indices.len(), input_len: d, target_len, x, y }
}

/// Training and test examples from `points`, split by [`train_test_order`].
pub fn feature_data(points: &PlanePoints, features: &[Feature], ratio: f32, seed: u64) -> FeatureData {
    let (order, n_train) = train_test_order(points.len(), ratio, seed);
    FeatureData {
        train: feature_set(points, &order[..n_train], features),
        test: feature_set(points, &order[n_train..], features),
    }
}
