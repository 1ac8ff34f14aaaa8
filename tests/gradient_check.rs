//! BP1–BP4 against central finite differences: for every activation × cost, every weight and bias gradient that
//! backpropagation computes over a mini-batch equals (C(θ + h) − C(θ − h)) / 2h of the summed cost.

use nnlab::math::rng::Rng;
use nnlab::nn::{Activation, Cost, Init, Network};

const SIZES: [usize; 4] = [4, 5, 3, 2];
const M: usize = 3;

fn batch(rng: &mut Rng) -> (Vec<f32>, Vec<f32>) {
    let x = (0..M * SIZES[0]).map(|_| rng.gaussian()).collect();
    let y = (0..M * SIZES[3]).map(|_| 0.1 + 0.8 * rng.uniform()).collect();
    (x, y)
}

/// Σₓ Cₓ over the mini-batch from a fresh forward pass, and which z are > 0 (to spot ReLU kinks crossed by ±h).
fn total_cost(network: &Network, x: &[f32], y: &[f32]) -> (f64, Vec<bool>) {
    let mut ws = network.workspace(M);
    ws.input_mut(M).copy_from_slice(x);
    let out = network.feedforward(&mut ws, M).to_vec();
    let cost = out.chunks(SIZES[3]).zip(y.chunks(SIZES[3])).map(|(a, t)| f64::from(network.cost.value(a, t))).sum();
    (cost, ws.z.iter().flatten().map(|&z| z > 0.0).collect())
}

fn param(network: &mut Network, l: usize, is_bias: bool, i: usize) -> &mut f32 {
    if is_bias {
        &mut network.layers[l].b[i]
    } else {
        &mut network.layers[l].w[i]
    }
}

fn check(hidden: Activation, output: Activation, cost: Cost) -> f64 {
    let mut rng = Rng::new(5, 0);
    let mut network = Network::new(&SIZES, hidden, output, cost, Init::ScaledGaussian, &mut rng);
    let (x, y) = batch(&mut rng);
    let mut ws = network.workspace(M);
    let mut grads = network.zero_gradients();
    ws.input_mut(M).copy_from_slice(&x);
    network.feedforward(&mut ws, M);
    network.backprop(&mut ws, M, &y, &mut grads);

    let h = 1e-2f32;
    let mut worst = 0.0f64;
    let mut skipped = 0;
    for l in 0..network.layers.len() {
        for is_bias in [false, true] {
            let count = if is_bias { network.layers[l].b.len() } else { network.layers[l].w.len() };
            for i in 0..count {
                let original = *param(&mut network, l, is_bias, i);
                *param(&mut network, l, is_bias, i) = original + h;
                let (plus, kinks_plus) = total_cost(&network, &x, &y);
                *param(&mut network, l, is_bias, i) = original - h;
                let (minus, kinks_minus) = total_cost(&network, &x, &y);
                *param(&mut network, l, is_bias, i) = original;
                if kinks_plus != kinks_minus && (hidden == Activation::Relu || output == Activation::Relu) {
                    skipped += 1; // σ′ jumps between θ − h and θ + h: the difference quotient means nothing there
                    continue;
                }
                let numeric = (plus - minus) / (2.0 * f64::from(h));
                let analytic = f64::from(if is_bias { grads.nabla_b[l][i] } else { grads.nabla_w[l][i] });
                let err = (numeric - analytic).abs() / (numeric.abs() + analytic.abs()).max(1e-2);
                worst = worst.max(err);
            }
        }
    }
    assert!(skipped < 5, "{skipped} parameters sit on a ReLU kink; pick another seed");
    worst
}

#[test]
fn backprop_matches_finite_differences_for_every_activation_and_cost() {
    let mut overall = 0.0f64;
    for cost in Cost::ALL {
        for hidden in Activation::ALL {
            for output in Activation::ALL {
                // Cross-entropy needs outputs in (0, 1).
                if cost == Cost::CrossEntropy && output != Activation::Sigmoid {
                    continue;
                }
                let worst = check(hidden, output, cost);
                println!("{cost:?}, hidden {hidden:?}, output {output:?}: largest relative error {worst:.2e}");
                assert!(worst < 2e-2, "{cost:?}/{hidden:?}/{output:?}: relative error {worst}");
                overall = overall.max(worst);
            }
        }
    }
    println!("largest relative error over all combinations: {overall:.2e}");
}
