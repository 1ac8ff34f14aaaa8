//! The L1/L2 penalties, checked against hand computations: the cost term's value (λ/2n Σ w², λ/n Σ |w|, biases
//! excluded), and the weight update through the trainer, in every layer (the last one included):
//! with the same mini-batch, the penalized step differs from the unpenalized one by exactly −ηλ/n · w (L2) or
//! −ηλ/n · sgn(w) (L1) for SGD and for momentum's first step (v = 0); biases do not move differently at all.

use crate::common;

use nnlab::math::rng::Rng;
use nnlab::nn::{Activation, Cost, Init, Network, Penalty, Regularization};
use nnlab::optim::{MomentumForm, OptimizerConfig};
use nnlab::train::{TrainConfig, Trainer};
use std::rc::Rc;

#[test]
fn penalty_values_match_a_hand_computation() {
    let mut network = Network::new(
        &[2, 2, 1],
        Activation::Sigmoid,
        Activation::Sigmoid,
        Cost::Quadratic,
        Init::ScaledGaussian,
        &mut Rng::new(1, 1),
    );
    network.layers[0].w = vec![0.5, -1.0, 2.0, 0.0];
    network.layers[1].w = vec![-3.0, 0.25];
    for layer in &mut network.layers {
        layer.b.fill(100.0); // biases are never penalized
    }
    // Σ|w| = 0.5 + 1 + 2 + 0 + 3 + 0.25 = 6.75,  Σw² = 0.25 + 1 + 4 + 0 + 9 + 0.0625 = 14.3125,  λ/n = 5/20 = ¼
    let l1 = Regularization { penalty: Penalty::L1, lambda: 5.0, n_train: 20 };
    let l2 = Regularization { penalty: Penalty::L2, ..l1 };
    assert_eq!(l1.cost(&network), 0.25 * 6.75);
    assert_eq!(l2.cost(&network), 0.25 / 2.0 * 14.3125);
    assert_eq!(Regularization { lambda: 0.0, ..l2 }.cost(&network), 0.0);
    assert_eq!(Regularization::NONE.cost(&network), 0.0);
    println!("L1 = {}, L2 = {} (by hand 1.6875, 1.7890625)", l1.cost(&network), l2.cost(&network));
}

fn one_step(config: &TrainConfig, data: &Rc<nnlab::data::Mnist>) -> Network {
    let mut trainer = Trainer::new(config.clone(), Rc::clone(data)).unwrap();
    trainer.step(1);
    trainer.network().clone()
}

#[test]
fn the_penalty_shrinks_the_weights_of_every_layer_by_eta_lambda_over_n() {
    let data = Rc::new(common::sample_mnist());
    let (eta, lambda, n_train) = (0.5, 5.0, 20);
    let shrink = eta * lambda / n_train as f32; // ηλ/n = 0.125
    let base = TrainConfig {
        sizes: vec![784, 12, 7, 10],
        eta,
        lambda,
        n_train,
        n_validation: 0,
        batch_size: 10,
        ..TrainConfig::default()
    };
    let initial = Trainer::new(base.clone(), Rc::clone(&data)).unwrap().network().clone();
    let optimizers = [OptimizerConfig::Sgd, OptimizerConfig::Momentum { beta: 0.9, form: MomentumForm::Velocity }];
    let mut worst = 0.0f32;
    for optimizer in optimizers {
        let plain = one_step(&TrainConfig { optimizer, regularization: Penalty::None, ..base.clone() }, &data);
        for penalty in [Penalty::L2, Penalty::L1] {
            let penalized = one_step(&TrainConfig { optimizer, regularization: penalty, ..base.clone() }, &data);
            for (l, ((before, unpenalized), after)) in
                initial.layers.iter().zip(&plain.layers).zip(&penalized.layers).enumerate()
            {
                for ((&w0, &w_plain), &w) in before.w.iter().zip(&unpenalized.w).zip(&after.w) {
                    let expected = match penalty {
                        Penalty::L2 => -shrink * w0,
                        _ => -shrink * w0.signum(),
                    };
                    let error = ((w - w_plain) - expected).abs();
                    worst = worst.max(error);
                    assert!(
                        error < 1e-5,
                        "{optimizer:?} {penalty:?}, layer {}: Δw {} vs {expected}",
                        l + 2,
                        w - w_plain
                    );
                }
                assert_eq!(after.b, unpenalized.b, "{optimizer:?} {penalty:?}: biases of layer {}", l + 2);
            }
        }
    }
    println!("penalized − unpenalized step vs −ηλ/n·w (or sgn w) in every layer: largest difference {worst:.1e}");
}

#[test]
fn the_penalized_sgd_step_matches_the_slides_forms_by_hand() {
    // η = 0.5, λ = 5, n = 20: ηλ/n = 0.125; m = 4, Σₓ ∂Cₓ/∂w = (0, 0.8, −0.8, 0.4): (η/m) Σ = (0, 0.1, −0.1, 0.05).
    let nabla = [0.0, 0.8, -0.8, 0.4];
    let l2 = Regularization { penalty: Penalty::L2, lambda: 5.0, n_train: 20 };
    let l1 = Regularization { penalty: Penalty::L1, ..l2 };
    let mut w = [0.0, 2.0, -2.0, 1.0];
    l2.sgd_step(&mut w, &nabla, 0.5, 4);
    // (1 − 0.125) w − (η/m) Σ: (0, 1.75 − 0.1, −1.75 + 0.1, 0.875 − 0.05)
    assert_eq!(w, [0.0, 1.65, -1.65, 0.825]);
    let mut w = [0.0, 2.0, -2.0, 1.0];
    l1.sgd_step(&mut w, &nabla, 0.5, 4);
    // w − 0.125 sgn(w) − (η/m) Σ, sgn(0) = 0: (0, 1.775, −1.775, 0.825)
    assert_eq!(w, [0.0, 1.775, -1.775, 0.825]);
    assert_eq!((l1.gradient(0.0), l1.gradient(-3.0), l2.gradient(-3.0)), (0.0, -0.25, -0.75));
    let mut b = [1.0, -1.0, 0.5, 0.0];
    Regularization::NONE.sgd_step(&mut b, &nabla, 0.5, 4);
    assert_eq!(b, [1.0, -1.1, 0.6, -0.05]);
}
