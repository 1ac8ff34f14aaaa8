//! Chapter 6: softmax, its Jacobian and δ = a − y for the categorical cross-entropy, against hand values and
//! central differences.

use nnlab::lab::softmax::{cross_entropy, delta, delta_numeric, jacobian, softmax};

#[test]
fn hand_values() {
    // e^0 : e^{ln 2} : e^{ln 3} = 1 : 2 : 3.
    let q = softmax(&[0.0, 2f64.ln(), 3f64.ln()]);
    for (got, want) in q.iter().zip([1.0 / 6.0, 2.0 / 6.0, 3.0 / 6.0]) {
        assert!((got - want).abs() < 1e-15);
    }
    // C = −ln Q_t, δ = Q − y.
    assert!((cross_entropy(&[0.0, 2f64.ln(), 3f64.ln()], 2) - 2f64.ln()).abs() < 1e-15);
    let d = delta(&[0.0, 2f64.ln(), 3f64.ln()], 0);
    assert!((d[0] - (1.0 / 6.0 - 1.0)).abs() < 1e-15 && (d[1] - 1.0 / 3.0).abs() < 1e-15);
    // Shifting every logit changes nothing; huge logits do not overflow.
    let shifted = softmax(&[700.0, 700.0 + 2f64.ln(), 700.0 + 3f64.ln()]);
    assert!(q.iter().zip(&shifted).all(|(a, b)| (a - b).abs() < 1e-12));
}

#[test]
fn jacobian_and_delta_match_central_differences() {
    let h = 1e-6;
    let mut worst_j: f64 = 0.0;
    let mut worst_d: f64 = 0.0;
    for z in [vec![1.0, -0.5, 2.0, 0.3], vec![0.0, 0.0], vec![5.0, -3.0, 0.5, 1.5, -1.0]] {
        let q = softmax(&z);
        assert!((q.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        let n = z.len();
        let j = jacobian(&q);
        for col in 0..n {
            let (mut plus, mut minus) = (z.clone(), z.clone());
            plus[col] += h;
            minus[col] -= h;
            let (qp, qm) = (softmax(&plus), softmax(&minus));
            for row in 0..n {
                let numeric = (qp[row] - qm[row]) / (2.0 * h);
                worst_j = worst_j.max((numeric - j[row * n + col]).abs());
                // Raising z_col raises Q_col and lowers every other Q.
                assert_eq!(j[row * n + col] > 0.0, row == col);
            }
        }
        for t in 0..n {
            let (d, numeric) = (delta(&z, t), delta_numeric(&z, t, 1e-5));
            worst_d = worst_d.max(d.iter().zip(&numeric).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max));
        }
    }
    std::println!("Jacobian vs central differences: largest error {worst_j:.2e}; δ = a − y: {worst_d:.2e}");
    assert!(worst_j < 1e-8 && worst_d < 1e-8);
}
