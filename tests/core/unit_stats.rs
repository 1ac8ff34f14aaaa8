//! `Trainer::unit_stats`: the share of dead units (a = 0 on every image) and of saturated sigmoid/tanh z per layer
//! equal a count made by hand from the network's own forward pass, image by image; the call changes nothing.

use crate::common;

use nnlab::nn::Activation;
use nnlab::train::trainer::UnitStats;
use nnlab::train::{SplitName, TrainConfig, Trainer};
use std::rc::Rc;

const IMAGES: usize = 300;

fn config(hidden: Activation, eta: f32) -> TrainConfig {
    TrainConfig {
        sizes: vec![784, 40, 20, 10],
        hidden_activation: hidden,
        eta,
        n_train: 800,
        n_validation: 200,
        epochs: 2,
        ..TrainConfig::default()
    }
}

fn trained(config: TrainConfig) -> Trainer {
    let mut trainer = Trainer::new(config, Rc::new(common::sample_mnist())).unwrap();
    trainer.step(80);
    trainer
}

/// The same numbers counted image by image with a copy of the network and a workspace of one row.
fn by_hand(trainer: &mut Trainer, bound: f32) -> Vec<(f32, f32)> {
    let network = trainer.network().clone();
    let mut ws = network.workspace(1);
    let mut active: Vec<Vec<bool>> = network.layers.iter().map(|l| vec![false; l.n_out]).collect();
    let mut saturated = vec![0usize; network.layers.len()];
    for index in 0..IMAGES {
        let x = trainer.input(SplitName::Train, index).unwrap().to_vec();
        ws.input_mut(1).copy_from_slice(&x);
        network.feedforward(&mut ws, 1);
        for (i, layer) in network.layers.iter().enumerate() {
            for (seen, &a) in active[i].iter_mut().zip(&ws.a[i + 1][..layer.n_out]) {
                *seen |= a != 0.0;
            }
            saturated[i] += ws.z[i][..layer.n_z()].iter().filter(|z| z.abs() > bound).count();
        }
    }
    network
        .layers
        .iter()
        .enumerate()
        .map(|(i, layer)| {
            let dead = active[i].iter().filter(|&&s| !s).count() as f32 / layer.n_out as f32;
            (dead, saturated[i] as f32 / (IMAGES * layer.n_z()) as f32)
        })
        .collect()
}

fn show(name: &str, stats: &[UnitStats]) {
    for s in stats {
        println!(
            "{name}: layer {} ({:?}, {} units, {} images): dead {:.3}, saturated {:.3}",
            s.layer, s.activation, s.units, s.samples, s.dead, s.saturated
        );
    }
}

#[test]
fn relu_dead_share_equals_a_count_by_hand() {
    // η = 10 with the quadratic cost kills a share of the ReLUs of a [784, 40, 20, 10] net within 80 mini-batches.
    let mut trainer = trained(config(Activation::Relu, 10.0));
    let before = trainer.network().clone();
    let stats = trainer.unit_stats(SplitName::Train, 0, IMAGES);
    show("ReLU", &stats);
    assert_eq!(trainer.network(), &before, "unit_stats trains nothing");
    let hand = by_hand(&mut trainer, f32::INFINITY);
    assert_eq!(stats.len(), 3);
    for (s, (dead, _)) in stats.iter().zip(&hand) {
        assert!((0.0..=1.0).contains(&s.dead));
        assert!((s.dead - dead).abs() < 1e-6, "layer {}: {} vs by hand {dead}", s.layer, s.dead);
        assert_eq!(s.samples, IMAGES);
    }
    assert_eq!((stats[0].layer, stats[0].activation, stats[0].units), (2, Activation::Relu, 40));
    assert!(stats[1].dead > 0.0, "some ReLUs of the second hidden layer died");
    assert!(stats[0].saturated.is_nan() && stats[1].saturated.is_nan(), "ReLU has no saturation bound");
    assert_eq!(stats[2].activation, Activation::Sigmoid);
}

#[test]
fn sigmoid_and_tanh_saturated_shares_equal_a_count_by_hand() {
    for (hidden, bound, eta) in [(Activation::Sigmoid, 6.0, 3.0), (Activation::Tanh, 3.0, 1.0)] {
        let mut trainer = trained(config(hidden, eta));
        let stats = trainer.unit_stats(SplitName::Train, 0, IMAGES);
        show(&format!("{hidden:?}"), &stats);
        let hand = by_hand(&mut trainer, bound);
        for (s, (_, saturated)) in stats.iter().zip(&hand).take(2) {
            assert!((0.0..=1.0).contains(&s.saturated));
            assert!(
                (s.saturated - saturated).abs() < 1e-6,
                "{hidden:?} layer {}: {} vs {saturated}",
                s.layer,
                s.saturated
            );
            assert_eq!(s.dead, 0.0, "a sigmoid or tanh unit is never exactly 0 on every image");
        }
    }
}

#[test]
fn stats_are_clamped_to_the_split_and_leave_training_unchanged() {
    let mut a = trained(config(Activation::Relu, 0.5));
    let mut b = trained(config(Activation::Relu, 0.5));
    let stats = a.unit_stats(SplitName::Validation, 150, 1_000);
    assert!(stats.iter().all(|s| s.samples == 50), "the validation split has 200 images");
    assert!(a.unit_stats(SplitName::Test, 5_000, 10).iter().all(|s| s.samples == 0), "past the end: no images");
    // Training after the call goes on exactly as without it.
    a.step(30);
    b.step(30);
    assert_eq!(a.network(), b.network());
}
