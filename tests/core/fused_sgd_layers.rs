//! The fused SGD step (`Network::backprop_sgd`) stays bit-identical to `backprop` + `Sgd::update` for every layer
//! kind: dropout masks, batch norm (γ, β), maxout pieces, learned PReLU α and Swish β.

use crate::common;

use nnlab::math::rng::Rng;
use nnlab::nn::{Activation, Cost, Init, Mode, NetworkSpec};
use nnlab::optim::Sgd;

#[test]
fn fused_sgd_is_bit_identical_for_every_layer_kind() {
    let data = common::sample_mnist();
    let plain =
        |hidden, output, cost| NetworkSpec::plain(&[784, 12, 9, 10], hidden, output, cost, Init::ScaledGaussian);
    let specs = [
        NetworkSpec {
            dropout: vec![0.2, 0.5, 0.3],
            ..plain(Activation::Relu, Activation::Softmax, Cost::CategoricalCrossEntropy)
        },
        NetworkSpec {
            batch_norm: Some((1e-5, 0.9)),
            ..plain(Activation::Sigmoid, Activation::Sigmoid, Cost::CrossEntropy)
        },
        NetworkSpec { maxout_pieces: 3, ..plain(Activation::Maxout, Activation::Sigmoid, Cost::Quadratic) },
        NetworkSpec {
            batch_norm: Some((1e-5, 0.9)),
            ..plain(Activation::Prelu, Activation::Softmax, Cost::CategoricalCrossEntropy)
        },
        NetworkSpec {
            learn_param: true,
            dropout: vec![0.0, 0.4, 0.0],
            ..plain(Activation::Swish, Activation::Identity, Cost::Quadratic)
        },
    ];
    let m = 7;
    let count = specs.len();
    for spec in specs {
        let mut reference = spec.build(&mut Rng::new(3, 1));
        let mut fused = reference.clone();
        let (mut ws_ref, mut ws_fused) = (reference.workspace(m), fused.workspace(m));
        let (mut grads_ref, mut grads_fused) = (reference.zero_gradients(), fused.zero_gradients());
        let (mut rng_ref, mut rng_fused) = (Rng::new(9, 3), Rng::new(9, 3));
        let mut y = vec![0.0; m * 10];
        let split = nnlab::data::Split { set: &data.train, start: 0, len: data.train.count };
        for batch in 0..5 {
            for ws in [&mut ws_ref, &mut ws_fused] {
                split.fill_batch(batch * m..(batch + 1) * m, ws.input_mut(m), &mut y, 10);
            }
            reference.sample_dropout(&mut ws_ref, m, &mut rng_ref);
            fused.sample_dropout(&mut ws_fused, m, &mut rng_fused);
            reference.forward(&mut ws_ref, m, Mode::Train);
            fused.forward(&mut ws_fused, m, Mode::Train);
            let cost_ref = reference.backprop(&mut ws_ref, m, &y, &mut grads_ref);
            Sgd { eta: 0.05 }.update(&mut reference, &grads_ref, m);
            let cost_fused = fused.backprop_sgd(&mut ws_fused, m, &y, 0.05, &mut grads_fused);
            assert_eq!(cost_ref.to_bits(), cost_fused.to_bits());
            assert!(cost_ref.is_finite(), "{:?}: pick a smaller η", spec.activations);
            assert!(reference == fused, "{:?} batch {batch}: the fused step differs", spec.activations);
        }
    }
    println!("{count} layer kinds × 5 fused SGD steps bit-identical to backprop + update");
}
