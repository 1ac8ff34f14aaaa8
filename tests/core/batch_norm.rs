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

/// The slide's algorithm on one neuron by hand: z = (1, 2, 3, 6) gives μ_B = 3, σ²_B = (4 + 1 + 0 + 9)/4 = 3.5,
/// x̂ = (z − 3)/√3.50001 and u = γ x̂ + β; a batch of equal values has σ²_B = 0, and ε keeps x̂ = 0 finite (u = β) in
/// the forward pass and δ_z finite in the backward one: δ_z = (1/m)/√ε · (m δ_x̂ − Σ δ_x̂ − 0).
#[test]
fn one_neuron_by_hand_and_a_constant_batch_stays_finite() {
    use nnlab::nn::BatchNorm;
    let mut bn = BatchNorm::new(1, 1e-5, 0.9);
    bn.gamma[0] = 2.0;
    bn.beta[0] = 0.5;
    let (mut z, mut u, mut mean, mut var) = ([1.0f32, 2.0, 3.0, 6.0], [0.0; 4], [0.0], [0.0]);
    bn.forward_train(&mut z, &mut u, 4, &mut mean, &mut var);
    assert_eq!((mean, var), ([3.0], [3.5]));
    let sd = (3.5f64 + 1e-5).sqrt();
    for (i, zi) in [1.0f64, 2.0, 3.0, 6.0].iter().enumerate() {
        let x_hat = (zi - 3.0) / sd;
        assert!((f64::from(z[i]) - x_hat).abs() < 1e-6, "x̂ {i}: {} vs {x_hat}", z[i]);
        assert!((f64::from(u[i]) - (2.0 * x_hat + 0.5)).abs() < 1e-6, "u {i}");
    }
    let (mut z, mut u) = ([0.7f32; 4], [0.0; 4]);
    bn.forward_train(&mut z, &mut u, 4, &mut mean, &mut var);
    assert_eq!((z, u, var), ([0.0; 4], [0.5; 4], [0.0]), "x̂ = 0/√ε, u = β");
    let mut delta = [1.0f32, -1.0, 0.5, 0.25];
    let (mut d_gamma, mut d_beta, mut sums) = ([0.0], [0.0], [0.0; 2]);
    bn.backward(&mut delta, &z, &var, (&mut d_gamma, &mut d_beta), &mut sums);
    // δ_x̂ = 2 δ_u = (2, −2, 1, 0.5), Σ = 1.5: δ_z = (1/4)/√1e−5 · (4 δ_x̂ − 1.5).
    for (i, d) in [1.0f64, -1.0, 0.5, 0.25].iter().enumerate() {
        let expected = 0.25 / 1e-5f64.sqrt() * (4.0 * 2.0 * d - 1.5);
        assert!((f64::from(delta[i]) / expected - 1.0).abs() < 1e-5, "δ_z {i}: {} vs {expected}", delta[i]);
    }
    assert_eq!((d_gamma, d_beta), ([0.0], [0.75]), "∂C/∂γ = Σ δ_u x̂ = 0, ∂C/∂β = Σ δ_u");
}

/// σ²_B is the mean of (z − μ_B)², summed as such (two passes): shifting a batch by a large offset leaves it as
/// it was. The one-pass form Σ (z − μ)(z + μ) / m = E[z²] − μ² is the same number on paper but cancels
/// catastrophically in f32 (here: an error of the size of σ² itself).
#[test]
fn the_batch_variance_survives_a_large_offset() {
    use nnlab::nn::BatchNorm;
    let bn = BatchNorm::new(1, 1e-5, 0.9);
    let z: Vec<f32> = (0..16).map(|i| 0.1 * ((i * 7) % 16) as f32 / 3.0).collect();
    let exact = {
        let mean = z.iter().map(|&x| f64::from(x)).sum::<f64>() / 16.0;
        z.iter().map(|&x| (f64::from(x) - mean).powi(2)).sum::<f64>() / 16.0
    };
    for offset in [0.0f32, 1000.0, 3000.0] {
        let mut shifted: Vec<f32> = z.iter().map(|x| x + offset).collect();
        let (mut u, mut mean, mut var) = (vec![0.0; 16], [0.0], [0.0]);
        bn.forward_train(&mut shifted, &mut u, 16, &mut mean, &mut var);
        assert!((f64::from(var[0]) / exact - 1.0).abs() < 0.01, "offset {offset}: σ² {} vs {exact}", var[0]);
    }
}
