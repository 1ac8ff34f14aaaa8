//! Chapter 7: a gradient-descent step's predicted ΔC = −η‖∇C‖² against the true change, and the verdicts on η.

use nnlab::lab::descent::{gd_path, gd_step, verdict, Verdict};
use nnlab::lab::surface::Surface;

#[test]
fn the_prediction_matches_the_true_change_to_first_order() {
    // Bowl C = ½v₁² + 5v₂² at (−4, 1.5): ∇C = (−4, 15), ‖∇C‖² = 241.
    let s = gd_step(Surface::Bowl, [-4.0, 1.5], 0.001);
    assert_eq!(s.gradient, [-4.0, 15.0]);
    assert!((s.predicted - -0.241).abs() < 1e-12);
    // Exactly: ΔC = −η‖∇C‖² + ½η²(v₁-part + 10 · v₂-part) = −0.241 + ½·10⁻⁶·(16 + 10·225).
    let exact = -0.241 + 0.5 * 1e-6 * (16.0 + 10.0 * 225.0);
    assert!((s.actual - exact).abs() < 1e-5, "{} vs {exact}", s.actual);
    let relative = |eta: f64| {
        let s = gd_step(Surface::Bowl, [-4.0, 1.5], eta);
        (s.actual - s.predicted).abs() / s.actual.abs()
    };
    assert!(relative(0.001) < 0.01);
    // The difference is second order: halving η halves the relative error.
    let ratio = relative(0.01) / relative(0.005);
    std::println!(
        "relative error of the prediction: η = 0.001 → {:.2e}; halving η divides it by {ratio:.2}",
        relative(0.001)
    );
    assert!((ratio - 2.0).abs() < 0.1);
}

#[test]
fn the_verdict_names_what_eta_does_on_the_bowl() {
    let run = |eta: f64, steps: usize| verdict(Surface::Bowl, &gd_path(Surface::Bowl, [-4.0, 1.5], eta, steps));
    assert_eq!(run(0.05, 2), Verdict::Starting);
    assert_eq!(run(0.0005, 20), Verdict::Crawling);
    assert_eq!(run(0.05, 10), Verdict::Converging);
    assert_eq!(run(0.17, 5), Verdict::Oscillating, "1 − 10η = −0.7: v₂ flips sign every step");
    assert_eq!(run(0.25, 10), Verdict::Diverging, "|1 − 10η| > 1");
    assert_eq!(run(0.1, 400), Verdict::Converged);
    // A diverging run stops once it leaves the finite numbers (or 10⁶).
    let gone = gd_path(Surface::Bowl, [-4.0, 1.5], 5.0, 1000);
    assert!(gone.len() < 1000);
    assert_eq!(verdict(Surface::Bowl, &gone), Verdict::Diverging);
}
