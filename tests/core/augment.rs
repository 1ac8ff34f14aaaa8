//! Data augmentation (slides "Data augmentation") against geometry, not against its own output. A warp of a linear
//! ramp is again linear under bilinear sampling, so the shift, the angle, the centre of rotation and the elastic
//! field can be read back from the transformed ramp exactly; blur of a point must be the normalized Gaussian;
//! intensity and noise are the module's formulas applied to the generator's next draws (read from a clone of it).

use nnlab::data::{Augmentation, Augmenter};
use nnlab::math::rng::Rng;

/// An n×n image whose pixel (row, col) is f(col − c, row − c), c = (n − 1)/2 the image centre.
fn ramp(n: usize, f: impl Fn(f32, f32) -> f32) -> Vec<f32> {
    let c = (n as f32 - 1.0) / 2.0;
    (0..n * n).map(|i| f((i % n) as f32 - c, (i / n) as f32 - c)).collect()
}

fn augmented(config: Augmentation, n: usize, mut image: Vec<f32>, rng: &mut Rng) -> Vec<f32> {
    Augmenter::new(config, n, n).apply(&mut image, rng);
    image
}

/// The i-th uniform the generator will give next (from a clone, so the generator itself is untouched).
fn upcoming_uniforms(rng: &Rng, count: usize) -> Vec<f32> {
    let mut probe = rng.clone();
    (0..count).map(|_| probe.uniform()).collect()
}

#[test]
fn translation_shifts_by_t_times_2u_minus_1_in_the_drawn_direction() {
    // Output (row, col) samples the input at (col − t_x, row − t_y): content moves by +t_x to the right, +t_y down.
    let (n, t) = (28, 3.0);
    let config = Augmentation { translate: t, ..Augmentation::default() };
    let (mut smallest, mut largest) = (f32::MAX, f32::MIN);
    for seed in 0..40 {
        let rng = Rng::new(seed, 4);
        let u = upcoming_uniforms(&rng, 2);
        let (tx, ty) = (t * (2.0 * u[0] - 1.0), t * (2.0 * u[1] - 1.0));
        let x = augmented(config, n, ramp(n, |x, _| x), &mut rng.clone());
        let y = augmented(config, n, ramp(n, |_, y| y), &mut rng.clone());
        for row in 4..24 {
            for col in 4..24 {
                let i = row * n + col;
                let (x0, y0) = (col as f32 - 13.5, row as f32 - 13.5);
                assert!((x[i] - (x0 - tx)).abs() < 1e-4, "seed {seed} ({row}, {col}): x shifted by {tx}");
                assert!((y[i] - (y0 - ty)).abs() < 1e-4, "seed {seed} ({row}, {col}): y shifted by {ty}");
            }
        }
        smallest = smallest.min(tx.min(ty));
        largest = largest.max(tx.max(ty));
    }
    assert!(smallest >= -t && largest <= t && smallest < -2.0 && largest > 2.0, "shifts span (−t, t)");
}

/// Bilinear sampling is 0 outside the image: a constant image of ones, shifted, keeps 1 wherever its source point
/// (col − t_x, row − t_y) has all four taps inside, and fades over the one pixel where it leaves — the weight of
/// the taps inside, (1 − |overhang|) per axis — to 0 beyond. A sampler that read row or column 0 for negative
/// coordinates, or dropped row or column 0, would show at the left and top border.
#[test]
fn a_shifted_image_fades_to_0_over_the_one_pixel_where_its_source_leaves_the_image() {
    let (n, t) = (12, 3.0);
    let config = Augmentation { translate: t, ..Augmentation::default() };
    // The share of the taps of a source coordinate s inside [0, n − 1].
    let inside = |s: f32| {
        let last = (n - 1) as f32;
        if s <= -1.0 || s >= last + 1.0 {
            0.0
        } else if s < 0.0 {
            1.0 + s
        } else if s > last {
            last + 1.0 - s
        } else {
            1.0
        }
    };
    let mut faded = 0;
    for seed in 0..20 {
        let rng = Rng::new(seed, 4);
        let u = upcoming_uniforms(&rng, 2);
        let (tx, ty) = (t * (2.0 * u[0] - 1.0), t * (2.0 * u[1] - 1.0));
        let out = augmented(config, n, vec![1.0; n * n], &mut rng.clone());
        for row in 0..n {
            for col in 0..n {
                let expected = inside(col as f32 - tx) * inside(row as f32 - ty);
                faded += usize::from(expected > 0.0 && expected < 1.0);
                let got = out[row * n + col];
                assert!(
                    (got - expected).abs() < 1e-5,
                    "seed {seed}, shift ({tx}, {ty}), ({row}, {col}): {got} vs {expected}"
                );
            }
        }
    }
    assert!(faded > 100, "{faded} border pixels partly inside");
}

#[test]
fn rotation_turns_about_the_image_centre_by_the_drawn_angle() {
    // Output point p (relative to the centre) samples the input at R(−θ)·p: for the ramp f = x that is
    // x cos θ + y sin θ, for f = y it is −x sin θ + y cos θ.
    let (n, r) = (28, 30.0);
    let config = Augmentation { rotate: r, ..Augmentation::default() };
    let mut angles = Vec::new();
    for seed in 0..40 {
        let rng = Rng::new(seed, 9);
        let u = upcoming_uniforms(&rng, 3);
        let theta = (r * (2.0 * u[2] - 1.0)).to_radians();
        let (sin, cos) = theta.sin_cos();
        let x = augmented(config, n, ramp(n, |x, _| x), &mut rng.clone());
        let y = augmented(config, n, ramp(n, |_, y| y), &mut rng.clone());
        for row in 0..n {
            for col in 0..n {
                let (px, py) = (col as f32 - 13.5, row as f32 - 13.5);
                if px * px + py * py > 10.0 * 10.0 {
                    continue; // its source may lie outside the image, where the input counts as 0
                }
                let i = row * n + col;
                assert!((x[i] - (px * cos + py * sin)).abs() < 1e-4, "seed {seed} ({row}, {col}) x at θ = {theta}");
                assert!((y[i] - (-px * sin + py * cos)).abs() < 1e-4, "seed {seed} ({row}, {col}) y at θ = {theta}");
            }
        }
        angles.push(theta.to_degrees());
    }
    let (lo, hi) = angles.iter().fold((f32::MAX, f32::MIN), |(lo, hi), &a| (lo.min(a), hi.max(a)));
    assert!(lo >= -r && hi <= r && lo < -20.0 && hi > 20.0, "angles span (−r, r): {lo}…{hi}");
}

/// The standard deviation of a sample.
fn spread(d: &[f64]) -> f64 {
    let mean = d.iter().sum::<f64>() / d.len() as f64;
    (d.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / d.len() as f64).sqrt()
}

#[test]
fn elastic_fields_have_the_spread_and_smoothness_of_blurred_uniform_noise() {
    // Simard et al.: per-pixel U(−1, 1) displacements, smoothed by a Gaussian of σ_e, scaled by α. Away from the
    // border the smoothed field's variance is (1/3)(Σ wᵢ²)² with w the normalized 1-D kernel (radius ⌈3σ_e⌉), and
    // neighbours correlate as exp(−1/(4σ_e²)).
    let (n, sigma) = (100, 4.0_f64);
    let radius = (3.0 * sigma).ceil() as i32;
    let g: Vec<f64> = (-radius..=radius).map(|d| (-f64::from(d * d) / (2.0 * sigma * sigma)).exp()).collect();
    let sum: f64 = g.iter().sum();
    let expected_sd = g.iter().map(|w| (w / sum).powi(2)).sum::<f64>() / 3f64.sqrt();
    // The x-ramp gives α·dx at every pixel whose source is inside, the y-ramp α·dy.
    let field = |alpha: f32, seed: u64, axis: usize| {
        let config = Augmentation { elastic: alpha, elastic_sigma: sigma as f32, ..Augmentation::default() };
        let input = ramp(n, |x, y| [x, y][axis]);
        let out = augmented(config, n, input.clone(), &mut Rng::new(seed, 2));
        let interior = 14..n - 14;
        let mut d = Vec::new();
        for row in interior.clone() {
            for col in interior.clone() {
                d.push(f64::from(out[row * n + col] - input[row * n + col]) / f64::from(alpha));
            }
        }
        d
    };
    let strong = [field(40.0, 3, 0), field(40.0, 3, 1)];
    for (axis, strong) in strong.iter().enumerate() {
        for (a, b) in strong.iter().zip(&field(20.0, 3, axis)) {
            assert!((a - b).abs() < 1e-4, "axis {axis}: the same field scaled by α: {a} vs {b}");
        }
        let sd = spread(strong);
        println!("elastic field, axis {axis}: sd {sd:.5} (expected {expected_sd:.5})");
        assert!((sd / expected_sd - 1.0).abs() < 0.25, "axis {axis}: sd {sd} against {expected_sd}");
    }
    let strong = &strong[0];
    let side = n - 28;
    let mean = strong.iter().sum::<f64>() / strong.len() as f64;
    let sd = spread(strong);
    let neighbours: f64 = (0..side * side)
        .filter(|i| i % side + 1 < side)
        .map(|i| (strong[i] - mean) * (strong[i + 1] - mean))
        .sum::<f64>()
        / ((side - 1) * side) as f64;
    let correlation = neighbours / (sd * sd);
    let expected = (-1.0 / (4.0 * sigma * sigma)).exp();
    println!("neighbour correlation {correlation:.3} (expected {expected:.3})");
    assert!((correlation - expected).abs() < 0.03);
}

/// Simard et al.'s field, recomputed from the generator's draws: after the translation's two draws and the
/// rotation's one, each pixel draws its x and its y displacement from U(−1, 1) in turn; each field is blurred by
/// a Gaussian of σ_e (radius ⌈3σ_e⌉, taps outside the image left out and the weights renormalized) and scaled by
/// α. The ramps read back α·dx and α·dy at every pixel whose source stays inside — each at its own pixel.
#[test]
fn the_elastic_displacement_at_each_pixel_is_the_blurred_draw_at_that_pixel() {
    let (n, sigma, alpha) = (24, 2.0_f64, 3.0_f32);
    let rng = Rng::new(7, 2);
    let u = upcoming_uniforms(&rng, 3 + 2 * n * n);
    let radius = (3.0 * sigma).ceil() as i64;
    let g = |d: i64| (-(d * d) as f64 / (2.0 * sigma * sigma)).exp();
    // One 1-D pass along rows (step 1) or columns (step n), renormalized at the border.
    let pass = |field: &[f64], horizontal: bool| -> Vec<f64> {
        (0..n * n)
            .map(|i| {
                let (r, c) = ((i / n) as i64, (i % n) as i64);
                let (mut sum, mut weight) = (0.0, 0.0);
                for d in -radius..=radius {
                    let (rr, cc) = if horizontal { (r, c + d) } else { (r + d, c) };
                    if (0..n as i64).contains(&rr) && (0..n as i64).contains(&cc) {
                        sum += g(d) * field[rr as usize * n + cc as usize];
                        weight += g(d);
                    }
                }
                sum / weight
            })
            .collect()
    };
    let field = |k: usize| {
        let raw: Vec<f64> = (0..n * n).map(|i| 2.0 * f64::from(u[3 + 2 * i + k]) - 1.0).collect();
        pass(&pass(&raw, true), false)
    };
    let config = Augmentation { elastic: alpha, elastic_sigma: sigma as f32, ..Augmentation::default() };
    for (axis, expected) in [field(0), field(1)].into_iter().enumerate() {
        let input = ramp(n, |x, y| [x, y][axis]);
        let out = augmented(config, n, input.clone(), &mut rng.clone());
        let mut checked = 0;
        for row in 3..n - 3 {
            for col in 3..n - 3 {
                let i = row * n + col;
                let got = f64::from(out[i] - input[i]);
                let want = f64::from(alpha) * expected[i];
                assert!((got - want).abs() < 1e-4, "axis {axis}, ({row}, {col}): moved {got}, drawn {want}");
                checked += 1;
            }
        }
        assert_eq!(checked, 18 * 18);
    }
}

#[test]
fn blur_of_a_point_is_the_gaussian_renormalized_at_the_border() {
    // σ = b·u; each pass of the separable blur divides by the weights of the taps inside the image, so a point at
    // (r₀, c₀) becomes g(r − r₀)/W(r) · g(c − c₀)/W(c), W(i) = Σ g(d) over |d| ≤ ⌈3σ⌉ with i + d inside.
    let (n, b) = (21, 2.0);
    for (seed, point) in [(1, (10, 10)), (2, (0, 0)), (3, (2, 19))] {
        let rng = Rng::new(seed, 5);
        let sigma = f64::from(b * upcoming_uniforms(&rng, 1)[0]);
        let mut image = vec![0.0; n * n];
        image[point.0 * n + point.1] = 1.0;
        let out = augmented(Augmentation { blur: b, ..Augmentation::default() }, n, image, &mut rng.clone());
        let radius = (3.0 * sigma).ceil() as i64;
        let g = |d: i64| if d.abs() <= radius { (-(d * d) as f64 / (2.0 * sigma * sigma)).exp() } else { 0.0 };
        let w = |i: i64| (-radius..=radius).filter(|d| (0..n as i64).contains(&(i + d))).map(g).sum::<f64>();
        for r in 0..n as i64 {
            for c in 0..n as i64 {
                let expected = g(r - point.0 as i64) / w(r) * g(c - point.1 as i64) / w(c);
                let got = f64::from(out[r as usize * n + c as usize]);
                assert!((got - expected).abs() < 1e-6, "σ = {sigma}, point {point:?}, ({r}, {c}): {got} vs {expected}");
            }
        }
    }
}

#[test]
fn intensity_scales_by_a_drawn_factor_and_clamps_to_0_1() {
    let s = 0.5;
    let (mut brighter, mut darker) = (false, false);
    for seed in 0..20 {
        let rng = Rng::new(seed, 6);
        let factor = 1.0 + s * (2.0 * upcoming_uniforms(&rng, 1)[0] - 1.0);
        let image: Vec<f32> = (0..64).map(|i| i as f32 / 63.0).collect();
        let out =
            augmented(Augmentation { intensity: s, ..Augmentation::default() }, 8, image.clone(), &mut rng.clone());
        for (x, y) in image.iter().zip(&out) {
            assert_eq!(*y, (x * factor).min(1.0), "seed {seed}: factor {factor}");
        }
        brighter |= factor > 1.2;
        darker |= factor < 0.8;
    }
    assert!(brighter && darker, "factors on both sides of 1 within 1 ± s");
}

#[test]
fn noise_adds_n_times_the_next_gaussians_and_clamps() {
    // Only noise is on, so its Gaussians are the generator's very next draws: a transformation that is off must
    // not draw (or every later draw shifts).
    let noise = 0.3;
    let image: Vec<f32> = (0..49).map(|i| i as f32 / 48.0).collect();
    let rng = Rng::new(11, 7);
    let mut probe = rng.clone();
    let out = augmented(Augmentation { noise, ..Augmentation::default() }, 7, image.clone(), &mut rng.clone());
    let mut clamped = 0;
    for (x, y) in image.iter().zip(&out) {
        let z = x + noise * probe.gaussian();
        clamped += usize::from(!(0.0..=1.0).contains(&z));
        assert_eq!(*y, z.clamp(0.0, 1.0));
    }
    assert!(clamped > 0, "some pixels are pushed past 0 or 1 and clamped");
}
