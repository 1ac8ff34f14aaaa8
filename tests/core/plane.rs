//! The Playground's 2-D sets have the shapes their doc comments promise, point by point: spiral arms, moons on their
//! circles, Gaussians with their centres and spread, the regression functions, and noise of the promised size.
//! (Balance, range, seeding and the circle/XOR/checkerboard shapes are in `playground.rs`.)

use nnlab::data::plane::{self, PlaneSet, EXTENT};

fn points(set: PlaneSet, n: usize, k: usize, noise: f32, seed: u64) -> Vec<([f64; 2], f32)> {
    let p = plane::generate(set, n, k, noise, seed);
    (0..n).map(|i| ([f64::from(p.x[2 * i]), f64::from(p.x[2 * i + 1])], p.value[i])).collect()
}

#[test]
fn spiral_arms_grow_linearly_and_turn_by_one_k_th_of_a_circle_each() {
    // Point j of arm k (of K, n/K per arm): radius 0.3 + 5u and angle 1.75·2π·2u/K + 2πk/K, u = j/(n/K), with the
    // angle measured from the x₂ axis towards x₁ (p = r (sin t, cos t)).
    use std::f64::consts::TAU;
    for (set, k) in [(PlaneSet::Spiral, 2), (PlaneSet::KSpiral, 3), (PlaneSet::KSpiral, 5)] {
        let n = 300;
        let per_arm = n / k;
        for (i, (p, class)) in points(set, n, k, 0.0, 4).into_iter().enumerate() {
            assert_eq!(class as usize, i % k, "{set:?}: points take turns between the arms");
            let u = (i / k) as f64 / per_arm as f64;
            let r = 0.3 + 5.0 * u;
            let t = 1.75 * TAU * u * 2.0 / k as f64 + TAU * (i % k) as f64 / k as f64;
            let expected = [(r * t.sin()).clamp(-6.0, 6.0), (r * t.cos()).clamp(-6.0, 6.0)];
            assert!(
                (p[0] - expected[0]).abs() < 1e-4 && (p[1] - expected[1]).abs() < 1e-4,
                "{set:?} K={k} point {i}: {p:?} vs {expected:?}"
            );
        }
    }
}

#[test]
fn moons_lie_on_two_interleaved_half_circles_of_radius_3() {
    // Class 0: the upper half of the circle of radius 3 about (−1.5, −0.75); class 1: the lower half of the one
    // about (1.5, 0.75) — each moon's ends reach into the other's hollow.
    for (p, class) in points(PlaneSet::Moons, 400, 2, 0.0, 5) {
        let (centre, upper) = if class == 0.0 { ([-1.5, -0.75], true) } else { ([1.5, 0.75], false) };
        let (dx, dy) = (p[0] - centre[0], p[1] - centre[1]);
        assert!(((dx * dx + dy * dy).sqrt() - 3.0).abs() < 1e-4, "class {class} at {p:?}");
        assert!(if upper { dy >= -1e-5 } else { dy <= 1e-5 }, "class {class} at {p:?} on its half");
    }
}

#[test]
fn gaussians_have_their_centres_and_a_spread_widened_by_the_noise() {
    // Two sets: centres ±(2, 2) with σ = 0.7 + 2ν; K Gaussians at 4 (cos 2πk/K, sin 2πk/K) with σ = 0.6 + 2ν.
    let stats = |pts: &[([f64; 2], f32)], class: f32, axis: usize| {
        let v: Vec<f64> = pts.iter().filter(|(_, c)| *c == class).map(|(p, _)| p[axis]).collect();
        let mean = v.iter().sum::<f64>() / v.len() as f64;
        (mean, (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / v.len() as f64).sqrt())
    };
    for noise in [0.0, 0.25] {
        let two = points(PlaneSet::Gaussians, 4000, 2, noise, 6);
        let sigma = 0.7 + 2.0 * f64::from(noise);
        for (class, centre) in [(0.0, -2.0), (1.0, 2.0)] {
            for axis in 0..2 {
                let (mean, sd) = stats(&two, class, axis);
                assert!((mean - centre).abs() < 0.1, "ν {noise}, class {class}: mean {mean}");
                assert!((sd / sigma - 1.0).abs() < 0.08, "ν {noise}, class {class}: sd {sd} against {sigma}");
            }
        }
        let k = 5;
        let blobs = points(PlaneSet::KGaussians, 5000, k, noise, 6);
        let sigma = 0.6 + 2.0 * f64::from(noise);
        for class in 0..k {
            let angle = std::f64::consts::TAU * class as f64 / k as f64;
            let (m0, s0) = stats(&blobs, class as f32, 0);
            let (m1, s1) = stats(&blobs, class as f32, 1);
            assert!((m0 - 4.0 * angle.cos()).abs() < 0.1 && (m1 - 4.0 * angle.sin()).abs() < 0.1, "class {class}");
            assert!((s0 / sigma - 1.0).abs() < 0.08 && (s1 / sigma - 1.0).abs() < 0.08, "class {class}: {s0}, {s1}");
        }
    }
}

#[test]
fn noise_jitters_each_coordinate_by_at_most_nu_times_the_sets_amplitude() {
    // The same seed draws the same base points, so noisy − clean is the jitter ν·A·U(−1, 1): within ±νA, uniform
    // (standard deviation νA/√3), for every point the clamp to the square left alone.
    let nu = 0.4;
    for (set, amplitude) in [
        (PlaneSet::Circle, 5.0),
        (PlaneSet::Xor, 5.0),
        (PlaneSet::Spiral, 2.0),
        (PlaneSet::Moons, 3.0),
        (PlaneSet::Checkerboard, 1.5),
    ] {
        let (clean, noisy) = (points(set, 3000, 2, 0.0, 8), points(set, 3000, 2, nu, 8));
        let limit = f64::from(nu) * amplitude;
        let mut jitter = Vec::new();
        for ((c, _), (p, _)) in clean.iter().zip(&noisy) {
            for axis in 0..2 {
                if p[axis].abs() < f64::from(EXTENT) {
                    jitter.push(p[axis] - c[axis]);
                }
            }
        }
        assert!(jitter.iter().all(|d| d.abs() <= limit + 1e-4), "{set:?}: jitter within ±{limit}");
        let sd = (jitter.iter().map(|d| d * d).sum::<f64>() / jitter.len() as f64).sqrt();
        assert!((sd / (limit / 3f64.sqrt()) - 1.0).abs() < 0.06, "{set:?}: sd {sd} against {}", limit / 3f64.sqrt());
    }
}

/// Σₖ sₖ exp(−|x − cₖ|²/(2·1.5²)) over (∓4, 0, ±4) × (2.5, −2.5), signs alternating along each row, in [−1, 1].
fn gaussian_sum(p: [f64; 2]) -> f64 {
    let centres =
        [(-4.0, 2.5, 1.0), (0.0, 2.5, -1.0), (4.0, 2.5, 1.0), (-4.0, -2.5, -1.0), (0.0, -2.5, 1.0), (4.0, -2.5, -1.0)];
    let y: f64 = centres
        .iter()
        .map(|(c1, c2, s)| s * (-((p[0] - c1).powi(2) + (p[1] - c2).powi(2)) / (2.0 * 1.5 * 1.5)).exp())
        .sum();
    y.clamp(-1.0, 1.0)
}

#[test]
fn regression_targets_are_their_functions_of_the_point() {
    // By hand at the first centre: 1 − e^(−16/4.5) − e^(−25/4.5) + e^(−41/4.5) + … = 0.96770.
    assert!((gaussian_sum([-4.0, 2.5]) - 0.96770).abs() < 1e-4);
    for (p, y) in points(PlaneSet::GaussianSum, 500, 2, 0.0, 9) {
        assert!((f64::from(y) - gaussian_sum(p)).abs() < 1e-5, "{p:?}: {y} vs {}", gaussian_sum(p));
    }
    // With noise the target is taken at a point moved by up to ν·6 per coordinate (noise in the labels): for the
    // plane y = (x₁ + x₂)/12 that moves y by at most 2·ν·6/12 = ν, and the points themselves stay where they are.
    let nu = 0.3;
    let (clean, noisy) = (points(PlaneSet::Plane, 2000, 2, 0.0, 9), points(PlaneSet::Plane, 2000, 2, nu, 9));
    let (mut lowest, mut highest) = (0.0_f64, 0.0_f64);
    for ((c, _), (p, y)) in clean.iter().zip(&noisy) {
        assert_eq!(c, p, "regression noise leaves the inputs alone");
        let shift = f64::from(*y) - (p[0] + p[1]) / 12.0;
        assert!(shift.abs() <= f64::from(nu) + 1e-5 || y.abs() == 1.0, "{p:?}: target moved by {shift}");
        (lowest, highest) = (lowest.min(shift), highest.max(shift));
    }
    // Each coordinate moves by ν·6·U(−1, 1): the label shifts both ways, nearly ±ν at the extremes.
    let near = 0.8 * f64::from(nu);
    assert!(lowest < -near && highest > near, "label shifts {lowest}…{highest} come near ±ν");
}

/// The regression sets' points are uniform over the whole square [−6, 6]²: each coordinate reaches near both ends.
#[test]
fn regression_points_fill_the_square() {
    for set in [PlaneSet::Plane, PlaneSet::GaussianSum] {
        let pts = points(set, 500, 2, 0.0, 4);
        for axis in [0, 1] {
            let (lo, hi) = pts.iter().fold((f64::MAX, f64::MIN), |(lo, hi), (p, _)| (lo.min(p[axis]), hi.max(p[axis])));
            let e = f64::from(EXTENT);
            assert!(lo < -0.9 * e && hi > 0.9 * e && lo >= -e && hi <= e, "{set:?}, axis {axis}: {lo}…{hi}");
        }
    }
}

#[test]
fn targets_are_one_hot_classes_or_the_regression_value() {
    use nnlab::data::plane::Feature;
    let spiral = plane::generate(PlaneSet::KSpiral, 30, 3, 0.0, 2);
    let set = plane::feature_set(&spiral, &[4, 0, 29], &[Feature::X1, Feature::X2]);
    assert_eq!((set.count, set.input_len, set.target_len), (3, 2, 3));
    assert_eq!(set.y, [0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0], "classes 1, 0, 2 as one-hot rows");
    assert_eq!(set.x[..2], spiral.x[8..10], "point 4's (x₁, x₂)");
    let flat = plane::generate(PlaneSet::Plane, 10, 2, 0.0, 2);
    let set = plane::feature_set(&flat, &[3, 7], &[Feature::X1]);
    assert_eq!((set.target_len, set.y.clone()), (1, vec![flat.value[3], flat.value[7]]), "the value itself");
}

/// XOR's classes each fill two opposite quadrants, a coin choosing which of the pair: class 1 (x₁x₂ > 0) both
/// (+, +) and (−, −), class 0 both (+, −) and (−, +). A coin stuck on one face puts each class in one quadrant —
/// a set a single line separates, not XOR. 200 points per class: each quadrant of the pair gets 100 ± 7 (binomial).
#[test]
fn xor_classes_fill_both_of_their_opposite_quadrants() {
    let mut count = [[0; 4]; 2];
    for (p, class) in points(PlaneSet::Xor, 400, 2, 0.0, 3) {
        let quadrant = 2 * usize::from(p[0] < 0.0) + usize::from(p[1] < 0.0);
        count[class as usize][quadrant] += 1;
    }
    let [zero, one] = count;
    assert_eq!((one[1], one[2], zero[0], zero[3]), (0, 0, 0, 0), "{count:?}: the classes keep to their quadrants");
    for (name, n) in [("(+, +)", one[0]), ("(−, −)", one[3]), ("(+, −)", zero[1]), ("(−, +)", zero[2])] {
        assert!((65..=135).contains(&n), "{n} of 200 points of its class in {name}");
    }
}

#[test]
fn a_set_knows_its_size() {
    assert!(plane::generate(PlaneSet::Circle, 0, 2, 0.0, 1).is_empty());
    let set = plane::generate(PlaneSet::Circle, 7, 2, 0.0, 1);
    assert_eq!((set.len(), set.is_empty()), (7, false));
}
