//! Chapter 6: the learning slowdown of one sigmoid neuron (input 1, target 0), against hand values, central
//! differences, and the lecture's claim.

use nnlab::lab::slow_neuron::NeuronCost;

fn sigma(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

#[test]
fn hand_values_at_the_saturated_start() {
    // w = b = 2, x = 1: z = 4, a = σ(4) = 0.98201379…, σ′(4) = a(1 − a) = 0.01766270…
    let a = sigma(4.0);
    let q = NeuronCost::Quadratic.state(2.0, 2.0, 1.0, 0.0);
    assert_eq!(q.z, 4.0);
    assert!((q.a - 0.982_013_790_037_908_4).abs() < 1e-15);
    assert!((q.sigma_prime - a * (1.0 - a)).abs() < 1e-15);
    assert!((q.cost - 0.5 * a * a).abs() < 1e-15);
    assert!((q.dc_dw - a * a * (1.0 - a)).abs() < 1e-15, "(a − y) σ′(z) x");
    assert_eq!(q.dc_dw, q.dc_db, "x = 1");
    let c = NeuronCost::CrossEntropy.state(2.0, 2.0, 1.0, 0.0);
    // C = −ln(1 − a) = ln(1 + e⁴) = 4.01814992…
    assert!((c.cost - (1.0 + 4f64.exp()).ln()).abs() < 1e-12);
    assert!((c.dc_dw - a).abs() < 1e-15, "x (a − y), no σ′");
    std::println!("saturated start: ∂C/∂w quadratic {:.5}, cross-entropy {:.5}", q.dc_dw, c.dc_dw);
}

#[test]
fn gradients_match_central_differences() {
    let h = 1e-6;
    let mut worst: f64 = 0.0;
    for cost in [NeuronCost::Quadratic, NeuronCost::CrossEntropy] {
        for (w, b) in [(2.0, 2.0), (0.6, 0.9), (-1.0, 0.3), (0.0, 0.0)] {
            let s = cost.state(w, b, 1.0, 0.0);
            let dw = (cost.state(w + h, b, 1.0, 0.0).cost - cost.state(w - h, b, 1.0, 0.0).cost) / (2.0 * h);
            let db = (cost.state(w, b + h, 1.0, 0.0).cost - cost.state(w, b - h, 1.0, 0.0).cost) / (2.0 * h);
            worst = worst.max((dw - s.dc_dw).abs() / (1e-8 + s.dc_dw.abs()));
            worst = worst.max((db - s.dc_db).abs() / (1e-8 + s.dc_db.abs()));
        }
    }
    std::println!("largest relative error of ∂C/∂w, ∂C/∂b vs central differences: {worst:.2e}");
    assert!(worst < 1e-6);
}

#[test]
fn the_quadratic_learns_slowly_from_the_saturated_start_and_the_cross_entropy_does_not() {
    let eta = 0.15;
    let q = NeuronCost::Quadratic.train(2.0, 2.0, 1.0, 0.0, eta, 300);
    let c = NeuronCost::CrossEntropy.train(2.0, 2.0, 1.0, 0.0, eta, 300);
    assert_eq!(q.len(), 301);
    // Over the first 20 epochs the quadratic's output barely moves, the cross-entropy's falls a lot.
    let (dq, dc) = (q[0].a - q[20].a, c[0].a - c[20].a);
    std::println!("a after 20 epochs: quadratic {:.4}, cross-entropy {:.4}", q[20].a, c[20].a);
    assert!(dq < 0.01 && dc > 0.2, "{dq} {dc}");
    // Each update is the rule w → w − η ∂C/∂w.
    assert!((q[1].w - (q[0].w - eta * q[0].dc_dw)).abs() < 1e-15);
    // From the unsaturated start (a ≈ 0.82) both learn quickly.
    let q2 = NeuronCost::Quadratic.train(0.6, 0.9, 1.0, 0.0, eta, 300);
    assert!(q2[300].a < 0.1, "{}", q2[300].a);
    assert!(c[300].a < 0.02);
}
