//! The signs of a run that is not learning, by hand: the share of saturated sigmoid and tanh neurons, and an
//! epoch's mean cost, its change against C_before, and its accuracy.

use nnlab::math::rng::Rng;
use nnlab::nn::{Activation, Cost, Init, Network};
use nnlab::train::signals::{saturated_fraction, EpochStats, EpochSummary};

/// A 1-2-1 network, tanh then sigmoid, with z¹ = (x, x) and z² = 7, run on x = 2.5, 3.5, 10 in a workspace with
/// room for 5 rows. tanh saturates past |z| = 3: 2 neurons × (3.5 and 10) = 4 of 6; the sigmoid past 6: z = 7,
/// 3 of 3. Together 7 of 9 — only the 3 rows run count, not the workspace's stale rows.
#[test]
fn saturation_counts_tanh_past_3_and_sigmoid_past_6_over_the_rows_run() {
    let mut network = Network::new(
        &[1, 2, 1],
        Activation::Tanh,
        Activation::Sigmoid,
        Cost::Quadratic,
        Init::Gaussian,
        &mut Rng::new(1, 0),
    );
    (network.layers[0].w, network.layers[0].b) = (vec![1.0, 1.0], vec![0.0, 0.0]);
    (network.layers[1].w, network.layers[1].b) = (vec![0.0, 0.0], vec![7.0]);
    let mut ws = network.workspace(5);
    ws.input_mut(3).copy_from_slice(&[2.5, 3.5, 10.0]);
    network.feedforward(&mut ws, 3);
    assert_eq!(saturated_fraction(&network, &ws, 3), 7.0 / 9.0);
    let relu = Network::new(
        &[1, 2, 1],
        Activation::Relu,
        Activation::Identity,
        Cost::Quadratic,
        Init::He,
        &mut Rng::new(1, 0),
    );
    assert!(saturated_fraction(&relu, &relu.workspace(1), 1).is_nan(), "no saturating neurons: no share");
}

/// Two mini-batches of an epoch, then one of the next. Epoch 1: costs 6 (3 images, 2 right) and 3 (1 image,
/// right): C = 9/4 = 2.25 against C_before = the first mini-batch's 6/3 = 2, a change of +0.125; accuracy 3/4.
/// Epoch 2: cost 1 for 1 image, wrong: C = 1 against 2.25, a change of −5/9; accuracy 0.
#[test]
fn an_epoch_reports_its_mean_cost_its_change_and_its_accuracy() {
    let mut stats = EpochStats::default();
    stats.record(6.0, &[0.9, 0.1, 0.2, 0.8, 0.6, 0.4], &[1.0, 0.0, 1.0, 0.0, 1.0, 0.0], 2);
    stats.record(3.0, &[0.3, 0.7], &[0.0, 1.0], 2);
    assert_eq!(stats.finish(), EpochSummary { loss: 2.25, loss_change: 0.125, accuracy: 0.75 });
    stats.record(1.0, &[0.3, 0.7], &[1.0, 0.0], 2);
    let second = stats.finish();
    assert_eq!((second.loss, second.accuracy), (1.0, 0.0));
    assert!((second.loss_change + 5.0 / 9.0).abs() < 1e-6, "{}", second.loss_change);
}
