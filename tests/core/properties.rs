//! Property tests (proptest, a few seconds in all): the GEMM kernels equal their scalar reference on random shapes
//! including 0 and odd sizes, softmax sums to 1, every cost is ≥ 0, and backpropagation matches central
//! differences on random small networks.

use nnlab::math::gemm::{self, reference};
use nnlab::math::rng::Rng;
use nnlab::nn::{Activation, Cost, Init, Mode, NetworkSpec};
use proptest::prelude::*;

fn config(cases: u32) -> ProptestConfig {
    // a fixed seed: the same cases on every run, so the suite never flakes
    ProptestConfig {
        cases,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(14),
        ..ProptestConfig::default()
    }
}

fn values(len: usize, seed: u64) -> Vec<f32> {
    let mut rng = Rng::new(seed, 7);
    (0..len).map(|i| if i % 5 == 0 { 0.0 } else { rng.gaussian() }).collect()
}

/// |fast − reference| within the rounding of k products in a different order.
fn close(fast: &[f32], slow: &[f32], k: usize) -> bool {
    fast.iter().zip(slow).all(|(f, s)| (f - s).abs() <= 1e-5 * (k as f32 + 1.0) * (1.0 + s.abs()))
}

proptest! {
    #![proptest_config(config(500))]

    #[test]
    fn kernels_equal_the_scalar_reference(m in 0usize..13, n in 0usize..13, k in 0usize..37, seed in any::<u64>()) {
        let (a, b) = (values(m * k, seed), values(n * k, seed ^ 1));
        let (mut fast, mut slow) = (vec![f32::NAN; m * n], vec![f32::NAN; m * n]);
        gemm::gemm_abt(m, n, k, &a, &b, &mut fast);
        reference::gemm_abt(m, n, k, &a, &b, &mut slow);
        prop_assert!(close(&fast, &slow, k), "abt {m}×{n}×{k}");
        let b_kn = values(k * n, seed ^ 2);
        gemm::gemm_ab(m, n, k, &a, &b_kn, &mut fast);
        reference::gemm_ab(m, n, k, &a, &b_kn, &mut slow);
        prop_assert_eq!(&fast, &slow, "ab {}×{}×{}", m, n, k);
        let (at, bt) = (values(k * m, seed ^ 3), values(k * n, seed ^ 4));
        gemm::gemm_atb(m, n, k, &at, &bt, &mut fast);
        reference::gemm_atb(m, n, k, &at, &bt, &mut slow);
        prop_assert_eq!(&fast, &slow, "atb {}×{}×{}", m, n, k);
        let (mut fused, mut by_hand) = (values(m * n, seed ^ 5), values(m * n, seed ^ 5));
        gemm::gemm_atb_sub(m, n, k, &at, &bt, 0.25, &mut fused);
        for (w, g) in by_hand.iter_mut().zip(&slow) {
            *w -= 0.25 * g;
        }
        prop_assert!(close(&fused, &by_hand, k), "atb_sub {m}×{n}×{k}");
    }

    #[test]
    fn softmax_sums_to_1(z in prop::collection::vec(-80.0f32..80.0, 1..40)) {
        let mut a = vec![0.0; z.len()];
        Activation::softmax_row(&z, &mut a);
        let sum: f32 = a.iter().sum();
        prop_assert!((sum - 1.0).abs() < 1e-5, "Σ = {sum}");
        prop_assert!(a.iter().all(|&v| (0.0..=1.0).contains(&v)));
    }

    #[test]
    fn costs_are_never_negative(pairs in prop::collection::vec((0.0f32..=1.0, 0.0f32..=1.0), 1..20)) {
        let (a, y): (Vec<f32>, Vec<f32>) = pairs.into_iter().unzip();
        for cost in Cost::ALL {
            let value = cost.value(&a, &y);
            // −y ln y − (1 − y) ln(1 − y) ≥ 0 bounds cross-entropy from below; with soft targets the minimum is > 0
            prop_assert!(value >= -1e-6, "{cost:?}: {value}");
        }
    }
}

/// Hidden activations without a kink where σ′ jumps (ELU at its default α = 1 is C¹); kinked ones are checked at
/// fixed points off their kinks in tests/gradient_check.rs.
const SMOOTH_HIDDEN: [Activation; 9] = [
    Activation::Sigmoid,
    Activation::Tanh,
    Activation::Identity,
    Activation::Softplus,
    Activation::Elu,
    Activation::Gelu,
    Activation::Swish,
    Activation::Mish,
    Activation::GeluSigmoid,
];

proptest! {
    #![proptest_config(config(256))]

    /// Backpropagation against central differences on random small networks (f64 sums of an f32 network).
    #[test]
    fn backprop_matches_central_differences_on_random_networks(
        sizes in prop::collection::vec(1usize..6, 2..5),
        hidden in prop::sample::select(SMOOTH_HIDDEN.to_vec()),
        seed in any::<u64>(),
    ) {
        let spec = NetworkSpec::plain(&sizes, hidden, Activation::Sigmoid, Cost::CrossEntropy, Init::ScaledGaussian);
        let mut rng = Rng::new(seed, 0);
        let mut network = spec.build(&mut rng);
        let m = 3;
        let (n_in, n_out) = (sizes[0], *sizes.last().unwrap());
        let x: Vec<f32> = (0..m * n_in).map(|_| rng.gaussian()).collect();
        let y: Vec<f32> = (0..m * n_out).map(|_| rng.uniform()).collect();
        let mut ws = network.workspace(m);
        let mut grads = network.zero_gradients();
        ws.input_mut(m).copy_from_slice(&x);
        network.forward(&mut ws, m, Mode::Train);
        network.backprop(&mut ws, m, &y, &mut grads);
        let cost = |network: &nnlab::nn::Network, ws: &mut nnlab::nn::Workspace| -> f64 {
            ws.input_mut(m).copy_from_slice(&x);
            let out = network.forward(ws, m, Mode::Train).to_vec();
            out.chunks(n_out).zip(y.chunks(n_out)).map(|(a, t)| f64::from(network.cost.value(a, t))).sum()
        };
        // What an f32 network can resolve: each output aⱼ is rounded by up to ε|aⱼ|, which moves C by
        // ε |∂C/∂aⱼ| |aⱼ| — large for cross-entropy near a saturated output (1 − a ≈ 0.003 after an unbounded
        // softplus or ELU layer makes ∂C/∂a ≈ 300), so (C(w + h) − C(w − h)) / 2h is uncertain by about that over h.
        // Below it the difference quotient is noise, not a gradient.
        let outputs = network.forward(&mut ws, m, Mode::Train).to_vec();
        let resolution: f64 = outputs
            .iter()
            .zip(&y)
            .map(|(&a, &t)| f64::from(f32::EPSILON) * f64::from((network.cost.gradient(a, t) * a).abs()))
            .sum::<f64>()
            + f64::from(f32::EPSILON) * cost(&network, &mut ws);
        let h = 5e-3f32;
        let noise = 2.0 * resolution / f64::from(h);
        for l in 0..network.layers.len() {
            for i in 0..network.layers[l].w.len() {
                let original = network.layers[l].w[i];
                network.layers[l].w[i] = original + h;
                let plus = cost(&network, &mut ws);
                network.layers[l].w[i] = original - h;
                let minus = cost(&network, &mut ws);
                network.layers[l].w[i] = original;
                let numeric = (plus - minus) / (2.0 * f64::from(h));
                let analytic = f64::from(grads.nabla_w[l][i]);
                let allowed = 2e-2 * (numeric.abs() + analytic.abs()).max(1e-2) + noise;
                prop_assert!(
                    (numeric - analytic).abs() < allowed,
                    "{hidden:?}, layer {l} weight {i}: numeric {numeric}, backprop {analytic}, f32 noise {noise:.1e}"
                );
            }
        }
    }
}
