//! Chapter 9: BP1–BP4 on the tiny network equal central differences; the mini-batch form equals the sum over
//! samples; the numerical gradient of [784, 30, 10] agrees with backprop.

use nnlab::lab::backprop_steps::{batch, relative_error, walkthrough, Setup};
use nnlab::lab::gradient_race::GradientRace;
use nnlab::nn::{Activation, Cost};

fn setup(sizes: &[usize], hidden: Activation, output: Activation, cost: Cost, seed: u64) -> Setup {
    let n1 = sizes[0];
    let nl = sizes[sizes.len() - 1];
    Setup {
        sizes: sizes.to_vec(),
        hidden,
        output,
        cost,
        seed,
        x: (0..n1).map(|k| 0.3 + 0.4 * k as f32).collect(),
        y: (0..nl).map(|j| if j == 0 { 1.0 } else { 0.0 }).collect(),
        eta: 3.0,
        batch: 3,
    }
}

#[test]
fn bp1_to_bp4_equal_finite_differences() {
    let mut worst: f64 = 0.0;
    let cases = [
        (vec![2, 3, 2], Activation::Sigmoid, Activation::Sigmoid, Cost::Quadratic),
        (vec![2, 3, 2], Activation::Sigmoid, Activation::Sigmoid, Cost::CrossEntropy),
        (vec![3, 4, 4, 2], Activation::Tanh, Activation::Sigmoid, Cost::Quadratic),
        (vec![2, 4, 1], Activation::Relu, Activation::Identity, Cost::Quadratic),
        (vec![4, 2], Activation::Sigmoid, Activation::Tanh, Cost::Quadratic),
    ];
    for (sizes, hidden, output, cost) in cases {
        for seed in 0..5 {
            let w = walkthrough(&setup(&sizes, hidden, output, cost, seed)).unwrap();
            for i in 0..w.w.len() {
                for (g, n) in w.nabla_w[i].iter().zip(&w.numeric_w[i]).chain(w.nabla_b[i].iter().zip(&w.numeric_b[i])) {
                    let err = relative_error(*g as f64, *n);
                    assert!(err < 1e-3, "{sizes:?} {hidden:?} seed {seed}: backprop {g}, numeric {n}");
                    worst = worst.max(err);
                }
                // BP3 and BP4 from δ: ∂C/∂b = δ, ∂C/∂w_jk = a_k δ_j.
                assert_eq!(w.nabla_b[i], w.delta[i]);
                let n_in = w.sizes[i];
                for (jk, g) in w.nabla_w[i].iter().enumerate() {
                    assert!((g - w.a[i][jk % n_in] * w.delta[i][jk / n_in]).abs() < 1e-6);
                }
            }
            // BP1 for the general form: δᴸ = ∇ₐC ⊙ σ′(zᴸ).
            let last = w.delta.len() - 1;
            for j in 0..w.delta[last].len() {
                let want = w.grad_a[j] * w.sigma_prime[last][j];
                assert!((w.delta[last][j] - want).abs() < 1e-5 * want.abs().max(1.0));
            }
            assert!(w.max_relative_error < 1e-3);
        }
    }
    println!("BP1–BP4 against central differences: largest relative error {worst:.2e}");
}

#[test]
fn the_update_lowers_the_cost_and_steps_follow_nielsen() {
    let w = walkthrough(&setup(&[2, 3, 2], Activation::Sigmoid, Activation::Sigmoid, Cost::Quadratic, 1)).unwrap();
    assert!(w.cost_after < w.cost, "{} → {}", w.cost, w.cost_after);
    let kinds: Vec<String> = w.steps.iter().map(|s| format!("{}{}", s.kind, s.l)).collect();
    assert_eq!(kinds, ["forward2", "forward3", "bp13", "bp33", "bp43", "bp22", "bp32", "bp42", "update0"]);
}

#[test]
fn the_batch_as_one_matrix_equals_the_sum_over_samples() {
    for m in [1, 3, 8] {
        let mut s = setup(&[3, 4, 2], Activation::Sigmoid, Activation::Sigmoid, Cost::Quadratic, 4);
        s.batch = m;
        let b = batch(&s).unwrap();
        assert!(b.max_difference < 1e-5, "m = {m}: {}", b.max_difference);
        assert_eq!(b.delta[1].len(), m * 2);
    }
}

#[test]
fn bad_setups_are_named() {
    let mut s = setup(&[2, 3, 2], Activation::Sigmoid, Activation::Relu, Cost::CrossEntropy, 1);
    assert!(walkthrough(&s).unwrap_err().contains("sigmoid"));
    s.output = Activation::Sigmoid;
    s.sizes = vec![2, 9, 2];
    assert!(walkthrough(&s).unwrap_err().contains("sizes[1]"));
    s.sizes = vec![2, 3, 2];
    s.x = vec![1.0];
    assert!(walkthrough(&s).unwrap_err().contains("input x must have 2"));
}

#[test]
fn the_numerical_gradient_of_784_30_10_agrees_with_backprop() {
    let mut race = GradientRace::new(1);
    assert_eq!(race.parameters(), 23_860);
    let started = std::time::Instant::now();
    while race.done() < race.parameters() {
        race.numeric_slice(1000);
    }
    let numeric = started.elapsed();
    let started = std::time::Instant::now();
    for _ in 0..100 {
        race.backprop_pass();
    }
    let backprop = started.elapsed() / 100;
    let (diff, largest) = race.agreement();
    println!("[784, 30, 10]: numerical gradient {numeric:?} (2 · 23,860 forward passes), one backprop pass {backprop:?}; largest difference {diff:.2e} (largest gradient {largest:.2e})");
    assert!(diff < 1e-2 * largest.max(1e-3), "{diff} vs {largest}");
}
