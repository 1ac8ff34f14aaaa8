//! Preprocessing's σ as well as its μ, from independent sources: a two-image set computed by hand, and numpy's
//! mean and (population) standard deviation of the committed sample's first 500 images (tests/golden/preprocess.py).

use crate::common;

use nnlab::data::{ImageSet, Preprocess, Split, Standardizer};

#[test]
fn statistics_of_a_tiny_set_match_a_hand_computation() {
    // Two 1×2 images, pixels (0, 255) and (255, 255): x = (0, 1) and (1, 1).
    let set = ImageSet { count: 2, rows: 1, cols: 2, pixels: vec![0, 255, 255, 255], labels: vec![0, 1] };
    let split = Split { set: &set, start: 0, len: 2 };
    // Global: μ = 3/4, σ² = E[x²] − μ² = 3/4 − 9/16 = 3/16, σ = √3/4 ≈ 0.4330 (1/σ ≈ 2.3094, 1/σ² = 5.33).
    let global = Standardizer::fit(Preprocess::StandardizeGlobal, split);
    assert_eq!(global.mean, vec![0.75, 0.75]);
    let inv_sigma = 4.0 / 3.0f32.sqrt();
    assert!(global.inv_scale.iter().all(|&s| (s - inv_sigma).abs() < 1e-6), "{:?}", global.inv_scale);
    let mut x = [0.0, 1.0];
    global.apply(&mut x);
    assert!((x[0] + 0.75 * inv_sigma).abs() < 1e-6 && (x[1] - 0.25 * inv_sigma).abs() < 1e-6, "{x:?}");
    // Per pixel: pixel 0 has μ = ½, σ = ½; pixel 1 is always 1: σ = 0, floored at 0.1.
    let per_pixel = Standardizer::fit(Preprocess::StandardizePixel, split);
    assert_eq!(per_pixel.mean, vec![0.5, 1.0]);
    assert_eq!(per_pixel.inv_scale, vec![2.0, 10.0]);
    // Centering only: μ but no scaling.
    let centered = Standardizer::fit(Preprocess::CenterGlobal, split);
    assert_eq!((centered.mean[0], centered.inv_scale[0]), (0.75, 1.0));
}

#[test]
fn statistics_of_the_sample_match_numpy() {
    let data = common::sample_mnist();
    let train = Split { set: &data.train, start: 0, len: 500 };
    // python3 tests/golden/preprocess.py
    let (global_mean, global_std) = (0.120_595_448f64, 0.296_601_013f64);
    let (pixel_400_mean, pixel_400_std) = (0.280_729_412f64, 0.400_392_937f64);
    let global = Standardizer::fit(Preprocess::StandardizeGlobal, train);
    let per_pixel = Standardizer::fit(Preprocess::StandardizePixel, train);
    let found =
        [global.mean[0], 1.0 / global.inv_scale[0], per_pixel.mean[400], 1.0 / per_pixel.inv_scale[400]].map(f64::from);
    let expected = [global_mean, global_std, pixel_400_mean, pixel_400_std];
    for (name, (got, want)) in
        ["global μ", "global σ", "pixel 400 μ", "pixel 400 σ"].iter().zip(found.iter().zip(expected))
    {
        println!("{name}: {got} (numpy {want})");
        assert!((got - want).abs() < 1e-6, "{name}: {got} vs numpy {want}");
    }
}
