//! Batch norm's running averages through the network: after a training pass, every batch-normalized layer's
//! running mean and variance move from (0, 1) by (1 − momentum) toward the mini-batch's μ_B, σ²_B (by hand:
//! 0.8 · 0 + 0.2 μ_B and 0.8 · 1 + 0.2 σ²_B with momentum 0.8), and inference normalizes with them.

use nnlab::math::rng::Rng;
use nnlab::nn::{Activation, Cost, Init, Mode, NetworkSpec};

#[test]
fn a_training_pass_moves_every_layers_running_averages_by_one_minus_momentum() {
    let spec = NetworkSpec {
        batch_norm: Some((1e-5, 0.8)),
        ..NetworkSpec::plain(
            &[3, 4, 5, 2],
            Activation::Tanh,
            Activation::Sigmoid,
            Cost::Quadratic,
            Init::ScaledGaussian,
        )
    };
    let mut rng = Rng::new(4, 0);
    let mut network = spec.build(&mut rng);
    let m = 6;
    let mut ws = network.workspace(m);
    for x in ws.input_mut(m) {
        *x = rng.gaussian();
    }
    network.forward(&mut ws, m, Mode::Train);
    network.update_running_stats(&ws);
    let mut layers = 0;
    for (i, layer) in network.layers.iter().enumerate() {
        let Some(bn) = &layer.batch_norm else { continue };
        for j in 0..layer.n_z() {
            let (mean, var) = (ws.mean[i][j], ws.var[i][j]);
            assert!((bn.running_mean[j] - 0.2 * mean).abs() < 1e-6, "layer {}, neuron {j}", i + 2);
            assert!((bn.running_var[j] - (0.8 + 0.2 * var)).abs() < 1e-6, "layer {}, neuron {j}", i + 2);
            assert!(mean != 0.0 && var != 1.0);
        }
        layers += 1;
    }
    assert_eq!(layers, 2, "both hidden layers are batch-normalized");
}
