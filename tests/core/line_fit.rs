//! Chapters 7–8: the least-squares line fit — cost, gradients, surface, GD and SGD paths, mini-batch estimates and
//! Nielsen's loop — against direct sums, central differences and the normal equations.

use nnlab::lab::line_fit::{cosine, EpochStepper, LineFit, Phase};

#[test]
fn cost_gradient_and_minimum() {
    let fit = LineFit::new(50, 3, 0.5);
    let v = [0.3, 0.8];
    // Direct: C = 1/2n Σ (w x + b − y)².
    let direct = fit.x.iter().zip(&fit.y).map(|(x, y)| (v[0] * x + v[1] - y).powi(2)).sum::<f64>() / 100.0;
    assert!((fit.cost(v) - direct).abs() < 1e-12);
    let h = 1e-6;
    let g = fit.gradient(v);
    let dw = (fit.cost([v[0] + h, v[1]]) - fit.cost([v[0] - h, v[1]])) / (2.0 * h);
    let db = (fit.cost([v[0], v[1] + h]) - fit.cost([v[0], v[1] - h])) / (2.0 * h);
    assert!((dw - g[0]).abs() < 1e-6 && (db - g[1]).abs() < 1e-6);
    let min = fit.minimum();
    let g = fit.gradient(min);
    assert!(g[0].abs() < 1e-10 && g[1].abs() < 1e-10, "∇C = 0 at the least-squares line");
    // The grid (from sums) equals cost() cell by cell.
    let grid = fit.grid(4, (-1.0, 3.0), (-2.0, 2.0));
    assert!((grid[0] - fit.cost([-0.5, 1.5])).abs() < 1e-9, "top-left cell: w = −0.5, b = 1.5");
    assert!((grid[15] - fit.cost([2.5, -1.5])).abs() < 1e-9);
}

#[test]
fn gradient_descent_reaches_the_least_squares_line() {
    let fit = LineFit::new(100, 1, 0.4);
    let path = fit.gd_path([-1.0, 2.0], 0.5, 3000);
    let (w, b) = (path[path.len() - 2], path[path.len() - 1]);
    let min = fit.minimum();
    assert!((w - min[0]).abs() < 1e-6 && (b - min[1]).abs() < 1e-6);
    // Full-batch SGD (m = n) is gradient descent.
    let sgd = fit.sgd_path([-1.0, 2.0], 0.5, 100, 50, 9);
    let gd = fit.gd_path([-1.0, 2.0], 0.5, 50);
    assert!(sgd.iter().zip(&gd).all(|(a, b)| (a - b).abs() < 1e-9));
}

#[test]
fn minibatch_estimates_are_unbiased_and_better_for_larger_m() {
    let fit = LineFit::new(200, 5, 0.8);
    let v = [0.0, 0.0];
    let full = fit.gradient(v);
    let mean_cos = |m: usize| {
        let est = fit.minibatch_gradients(v, m, 400, 11);
        est.iter().map(|g| cosine(*g, full)).sum::<f64>() / est.len() as f64
    };
    let (c1, c10, c100) = (mean_cos(1), mean_cos(10), mean_cos(100));
    std::println!("mean cosine with ∇C: m = 1 → {c1:.3}, m = 10 → {c10:.3}, m = 100 → {c100:.3}");
    assert!(c1 < c10 && c10 < c100 && c100 > 0.99);
    let est = fit.minibatch_gradients(v, 1, 4000, 12);
    let mean = [est.iter().map(|g| g[0]).sum::<f64>() / 4000.0, est.iter().map(|g| g[1]).sum::<f64>() / 4000.0];
    assert!((mean[0] - full[0]).abs() < 0.05 * full[0].abs() && (mean[1] - full[1]).abs() < 0.05 * full[1].abs());
    let all = fit.minibatch_gradients(v, 200, 1, 3)[0];
    assert!((all[0] - full[0]).abs() < 1e-12 && (all[1] - full[1]).abs() < 1e-12, "m = n: the full gradient");
}

#[test]
fn nielsens_loop_line_by_line() {
    let fit = LineFit::new(5, 2, 0.3);
    let mut s = EpochStepper::new(fit.clone(), 2, 0.1, [0.5, 0.5], 4);
    let phases: Vec<Phase> = (0..14).map(|_| s.step()).collect();
    use Phase::*;
    assert_eq!(
        phases,
        [Shuffle, Slice, Zero, Sample, Sample, Update, Zero, Sample, Sample, Update, Zero, Sample, Update, Shuffle]
    );
    // Redo the first epoch by hand from the order it used.
    let mut t = EpochStepper::new(fit.clone(), 2, 0.1, [0.5, 0.5], 4);
    t.step();
    let order = t.order.clone();
    let mut v = [0.5, 0.5];
    for batch in order.chunks(2) {
        let g = fit.gradient_of(v, batch);
        v = [v[0] - 0.1 * g[0], v[1] - 0.1 * g[1]];
    }
    for _ in 0..12 {
        t.step();
    }
    assert_eq!(t.updates, 3);
    assert!((t.v[0] - v[0]).abs() < 1e-12 && (t.v[1] - v[1]).abs() < 1e-12);
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(sorted, [0, 1, 2, 3, 4], "a permutation");
}
