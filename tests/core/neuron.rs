//! Chapter 2: one sigmoid neuron, against hand values and the first-order Taylor estimate.

use nnlab::lab::neuron::{sigmoid, sigmoid_prime, step, Neuron};

#[test]
fn hand_values() {
    // σ(0) = 1/(1 + 1) = ½, σ′(0) = ½ · ½ = ¼.
    assert_eq!(sigmoid(0.0), 0.5);
    assert_eq!(sigmoid_prime(0.0), 0.25);
    // z = 2·1 + (−1)·3 + 0.5 = −0.5; σ(−0.5) = 1/(1 + e^{0.5}) = 0.3775406687981454.
    let neuron = Neuron { w: vec![2.0, -1.0], b: 0.5 };
    let x = [1.0, 3.0];
    assert_eq!(neuron.z(&x), -0.5);
    assert!((sigmoid(-0.5) - 0.377_540_668_798_145_4).abs() < 1e-15);
    let s = sigmoid_prime(-0.5);
    assert_eq!(neuron.gradient(&x), vec![s * 1.0, s * 3.0, s], "∂/∂w = σ′(z) x, ∂/∂b = σ′(z)");
    assert_eq!((step(-0.5), step(0.0), step(1e-9)), (0.0, 0.0, 1.0));
}

/// |true − estimate| / |true| for Δw = (d, −d/2, d), Δb = d.
fn relative_error(neuron: &Neuron, x: &[f64], d: f64) -> f64 {
    let change = neuron.change(x, &[d, -d / 2.0, d], d);
    (change.true_sigmoid - change.linear_estimate).abs() / change.true_sigmoid.abs()
}

#[test]
fn the_linear_estimate_is_within_one_percent_and_its_error_is_second_order() {
    let points = [
        (Neuron { w: vec![0.5, -1.0, 2.0], b: 0.3 }, [1.0, 0.5, 0.2]),
        (Neuron { w: vec![-2.0, 1.0, 0.7], b: -1.0 }, [0.3, 2.0, -1.0]),
        (Neuron { w: vec![3.0, 1.5, -0.5], b: 1.0 }, [1.0, 1.0, 1.0]),
    ];
    for (neuron, x) in &points {
        let (e1, e2) = (relative_error(neuron, x, 1e-3), relative_error(neuron, x, 5e-4));
        println!("z = {:+.3}: relative error {e1:.3e} at Δ = 1e-3, {e2:.3e} at Δ/2, ratio {:.3}", neuron.z(x), e2 / e1);
        assert!(e1 < 0.01, "z = {}: {e1}", neuron.z(x));
        // The absolute error is ½σ″(z)Δz² + O(Δz³) and the change ∝ Δz, so the relative error halves with Δ
        // and the absolute error quarters.
        let abs = |d: f64| {
            let c = neuron.change(x, &[d, -d / 2.0, d], d);
            (c.true_sigmoid - c.linear_estimate).abs()
        };
        let ratio = abs(5e-4) / abs(1e-3);
        assert!((ratio - 0.25).abs() < 0.01, "z = {}: halving Δ multiplied the error by {ratio}", neuron.z(x));
    }
}

#[test]
fn the_step_jumps_where_the_sigmoid_moves_a_little() {
    let neuron = Neuron { w: vec![1.0], b: -1.0 }; // z = 0 at x = 1
    let change = neuron.change(&[1.0], &[1e-3], 0.0);
    assert_eq!(change.true_step, 1.0);
    assert!((change.true_sigmoid - 0.25e-3).abs() < 1e-9);
}

#[test]
fn scaling_w_and_b_makes_the_sigmoid_a_step() {
    let (w, b) = ([0.7, -1.2], 0.3);
    for x in [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.0, 0.0], [-0.5, 2.0]] {
        let mut last_gap = f64::INFINITY;
        for c in [1.0, 10.0, 100.0, 1000.0] {
            let neuron = Neuron { w: w.iter().map(|wj| c * wj).collect(), b: c * b };
            let z = neuron.z(&x);
            assert!(z != 0.0);
            let gap = (sigmoid(z) - step(z)).abs();
            assert!(gap <= last_gap, "x = {x:?}: c = {c} moved away from the step");
            last_gap = gap;
        }
        assert!(last_gap < 1e-6, "x = {x:?}: σ(1000 z) is {last_gap} from the step");
    }
}
