//! Chapter 6: for the slide's three output/cost pairs δᴸ = aᴸ − y — the core's general formula against the
//! simplification, and both against central differences of C in zᴸ computed here from the formulas.

use nnlab::lab::loss_pairs::{evaluate, LossPair};

/// C as a function of zᴸ, from the slide's formulas (f64).
fn cost_of_z(pair: LossPair, z: &[f64], y: &[f64]) -> f64 {
    match pair {
        LossPair::LinearQuadratic => 0.5 * z.iter().zip(y).map(|(a, y)| (a - y) * (a - y)).sum::<f64>(),
        LossPair::SigmoidCrossEntropy => -z
            .iter()
            .zip(y)
            .map(|(&z, &y)| {
                let a = 1.0 / (1.0 + (-z).exp());
                y * a.ln() + (1.0 - y) * (1.0 - a).ln()
            })
            .sum::<f64>(),
        LossPair::SoftmaxCategorical => {
            let sum: f64 = z.iter().map(|z| z.exp()).sum();
            -z.iter().zip(y).map(|(z, y)| y * (z.exp() / sum).ln()).sum::<f64>()
        }
    }
}

#[test]
fn delta_is_a_minus_y_for_all_three_pairs() {
    let mut worst: f64 = 0.0;
    for seed in [1, 2, 7] {
        for (x, target) in [([0.3f32, -1.2f32], 0), ([1.0, 1.0], 2), ([-2.0, 0.5], 1)] {
            let outputs: Vec<_> = LossPair::ALL.iter().map(|&p| evaluate(p, seed, x, target)).collect();
            // The same weights for all three: the same zᴸ.
            assert_eq!(outputs[0].z, outputs[1].z);
            assert_eq!(outputs[0].z, outputs[2].z);
            for (pair, out) in LossPair::ALL.iter().zip(&outputs) {
                assert_eq!(out.y.iter().position(|&v| v == 1.0), Some(target));
                let z: Vec<f64> = out.z.iter().map(|&v| f64::from(v)).collect();
                let y: Vec<f64> = out.y.iter().map(|&v| f64::from(v)).collect();
                let h = 1e-5;
                for j in 0..z.len() {
                    let (mut plus, mut minus) = (z.clone(), z.clone());
                    plus[j] += h;
                    minus[j] -= h;
                    let numeric = (cost_of_z(*pair, &plus, &y) - cost_of_z(*pair, &minus, &y)) / (2.0 * h);
                    worst = worst.max((numeric - f64::from(out.a_minus_y[j])).abs());
                    worst = worst.max((f64::from(out.delta[j]) - f64::from(out.a_minus_y[j])).abs());
                }
                assert!((f64::from(out.cost) - cost_of_z(*pair, &z, &y)).abs() < 1e-4, "{pair:?}");
            }
        }
    }
    std::println!("δᴸ: general formula, aᴸ − y and central differences agree within {worst:.2e}");
    assert!(worst < 1e-4);
}
