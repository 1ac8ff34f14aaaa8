//! `Network::backprop_sgd` (BP4 with the SGD step fused in, used by the trainer) gives the very bits of
//! `Network::backprop` followed by `Sgd::update`, for every activation and cost, with odd sizes and a last short
//! mini-batch (directly, and through the trainer over epochs that end on a short one) — so the fused fast path can
//! never teach a different lesson than the formulas.

use crate::common;

use nnlab::math::rng::Rng;
use nnlab::nn::{Activation, Cost, Init, Network};
use nnlab::optim::Sgd;
use nnlab::train::{TrainConfig, Trainer};

#[test]
fn fused_sgd_step_is_bit_identical_to_backprop_then_update() {
    let data = common::sample_mnist();
    let mut checked = 0;
    for (hidden, output, cost) in [
        (Activation::Sigmoid, Activation::Sigmoid, Cost::Quadratic),
        (Activation::Relu, Activation::Sigmoid, Cost::CrossEntropy),
        (Activation::Tanh, Activation::Identity, Cost::Quadratic),
    ] {
        for (sizes, m) in [(vec![784, 30, 10], 10), (vec![784, 17, 13, 10], 7), (vec![784, 5, 10], 1)] {
            let mut rng = Rng::new(3, 0);
            let mut plain = Network::new(&sizes, hidden, output, cost, Init::ScaledGaussian, &mut rng);
            let mut fused = plain.clone();
            let (mut ws_plain, mut ws_fused) = (plain.workspace(m), fused.workspace(m));
            let (mut grads_plain, mut grads_fused) = (plain.zero_gradients(), fused.zero_gradients());
            let sgd = Sgd { eta: 0.5 };
            let mut y = vec![0.0; m * 10];
            for batch in 0..5 {
                let split = nnlab::data::Split { set: &data.train, start: 0, len: data.train.count };
                for ws in [&mut ws_plain, &mut ws_fused] {
                    split.fill_batch(batch * m..(batch + 1) * m, ws.input_mut(m), &mut y, 10);
                }
                plain.feedforward(&mut ws_plain, m);
                fused.feedforward(&mut ws_fused, m);
                let cost_plain = plain.backprop(&mut ws_plain, m, &y, &mut grads_plain);
                sgd.update(&mut plain, &grads_plain, m);
                let cost_fused = fused.backprop_sgd(&mut ws_fused, m, &y, sgd.eta, &mut grads_fused);
                assert_eq!(cost_plain.to_bits(), cost_fused.to_bits());
                assert_eq!(plain, fused, "{hidden:?}/{output:?}/{cost:?} {sizes:?} m = {m}, batch {batch}");
                checked += 1;
            }
        }
    }
    println!("{checked} fused SGD steps bit-identical to backprop + update");
}

/// Through the trainer, over whole epochs of n = 25 with m = 10, so every epoch ends on a real short mini-batch of
/// 5: the fused path and the plain one (backpropagation, then the optimizer's SGD step) give the same bits, with
/// dropout, batch norm and a learned activation parameter as well.
#[test]
fn the_trainers_fused_path_equals_the_plain_one_over_short_last_batches() {
    let data = std::rc::Rc::new(common::sample_mnist());
    let base = TrainConfig {
        sizes: vec![784, 17, 10],
        n_train: 25,
        n_validation: 0,
        batch_size: 10,
        epochs: 3,
        eta: 0.5,
        ..TrainConfig::default()
    };
    let configs = [
        base.clone(),
        TrainConfig {
            hidden_activation: Activation::Relu,
            cost: Cost::CrossEntropy,
            dropout: vec![0.1, 0.3],
            ..base.clone()
        },
        TrainConfig { hidden_activation: Activation::Prelu, batch_norm: true, ..base.clone() },
    ];
    for config in configs {
        let mut fused = Trainer::new(config.clone(), std::rc::Rc::clone(&data)).unwrap();
        let mut plain = Trainer::new(config.clone(), std::rc::Rc::clone(&data)).unwrap();
        plain.unfuse_sgd();
        assert!(fused.fuses_sgd() && !plain.fuses_sgd(), "the two runs take the two paths");
        assert_eq!(fused.batches_per_epoch(), 3);
        let mut batches = 0;
        while !fused.is_finished() {
            let (a, b) = (fused.step(1), plain.step(1));
            // Debug prints each f32 to the shortest string that round-trips, so equal strings are equal bits (and
            // the NaNs of fields not measured this call compare equal).
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "{config:?}");
            assert_eq!(fused.network(), plain.network(), "batch {batches}: {config:?}");
            batches += 1;
        }
        assert_eq!(batches, 9, "three epochs of 10 + 10 + 5");
    }
    println!("fused and plain SGD through the trainer: the same bits over 9 mini-batches (3 short) per config");
}
