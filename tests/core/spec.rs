//! A network spec builds what it says: the hidden layers (2 … L−1 in the lecture's numbering) get batch norm, the
//! activation's parameter and whether it is learned; the output layer gets none of them; dropout is kept only when
//! some p > 0.

use nnlab::math::rng::Rng;
use nnlab::nn::{Activation, Cost, Init, NetworkSpec};

/// Every hidden layer of a deeper network gets batch norm and the activation's parameter; the output layer gets
/// neither (layers 2 … L−1 of the lecture's numbering; [2, 3, 3, 3, 2] has three hidden layers).
#[test]
fn every_hidden_layer_and_only_those_are_batch_normalized() {
    let spec = NetworkSpec {
        batch_norm: Some((1e-5, 0.9)),
        param: Some(0.2),
        activations: vec![Activation::Prelu, Activation::Prelu, Activation::Prelu, Activation::Prelu],
        ..NetworkSpec::plain(&[2, 3, 3, 3, 2], Activation::Prelu, Activation::Prelu, Cost::Quadratic, Init::He)
    };
    let network = spec.build(&mut Rng::new(1, 0));
    let hidden: Vec<(bool, Vec<f32>)> =
        network.layers.iter().map(|l| (l.batch_norm.is_some(), l.param.clone())).collect();
    assert_eq!(hidden[..3].iter().filter(|(bn, p)| *bn && p == &[0.2; 3]).count(), 3, "{hidden:?}");
    assert!(!hidden[3].0 && hidden[3].1 != [0.2; 2], "the output layer: {:?}", hidden[3]);
}

#[test]
fn swish_learns_its_beta_only_when_asked_and_prelu_always() {
    let build = |hidden: Activation, learn: bool| {
        let spec = NetworkSpec {
            learn_param: learn,
            ..NetworkSpec::plain(&[2, 3, 3, 1], hidden, Activation::Sigmoid, Cost::Quadratic, Init::He)
        };
        spec.build(&mut Rng::new(2, 0)).layers.iter().map(|l| l.learn_param).collect::<Vec<_>>()
    };
    assert_eq!(build(Activation::Swish, true), [true, true, false]);
    assert_eq!(build(Activation::Swish, false), [false, false, false]);
    assert_eq!(build(Activation::Prelu, false), [true, true, false]);
    assert_eq!(build(Activation::Relu, true), [false, false, false], "ReLU has nothing to learn");
}

#[test]
fn dropout_is_kept_only_when_some_probability_is_positive() {
    let with = |dropout: Vec<f32>| {
        let spec = NetworkSpec {
            dropout,
            ..NetworkSpec::plain(&[2, 3, 1], Activation::Relu, Activation::Sigmoid, Cost::Quadratic, Init::He)
        };
        spec.build(&mut Rng::new(3, 0)).dropout
    };
    assert!(with(vec![0.0, 0.0]).is_empty(), "all p = 0: no masks to draw");
    assert_eq!(with(vec![0.0, 0.5]), [0.0, 0.5]);
}
