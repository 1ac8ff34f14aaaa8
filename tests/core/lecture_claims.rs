//! The lecture's claims, each as a test a student could read.

use crate::common;

use nnlab::math::rng::Rng;
use nnlab::nn::{Activation, Cost, Init, Mode, Network, NetworkSpec, Penalty};
use nnlab::optim::Sgd;
use nnlab::train::{TrainConfig, Trainer};
use std::rc::Rc;

/// The slides' single neuron: input x = 1, target y = 0, starting from w = 2, b = 2 (a = σ(4) ≈ 0.98, saturated),
/// η = 0.15. Returns the output after each of `steps` gradient-descent steps.
fn single_neuron(cost: Cost, steps: usize) -> Vec<f32> {
    let mut network =
        Network::new(&[1, 1], Activation::Sigmoid, Activation::Sigmoid, cost, Init::Gaussian, &mut Rng::new(0, 0));
    network.layers[0].w[0] = 2.0;
    network.layers[0].b[0] = 2.0;
    let (mut ws, mut grads) = (network.workspace(1), network.zero_gradients());
    let sgd = Sgd { eta: 0.15 };
    (0..steps)
        .map(|_| {
            ws.input_mut(1)[0] = 1.0;
            network.feedforward(&mut ws, 1);
            network.backprop(&mut ws, 1, &[0.0], &mut grads);
            sgd.update(&mut network, &grads, 1);
            ws.input_mut(1)[0] = 1.0;
            network.feedforward(&mut ws, 1)[0]
        })
        .collect()
}

#[test]
fn cross_entropy_learns_faster_than_quadratic_from_a_saturated_start() {
    let quadratic = single_neuron(Cost::Quadratic, 300);
    let cross_entropy = single_neuron(Cost::CrossEntropy, 300);
    println!(
        "output after 10 / 50 / 300 steps: quadratic {} / {} / {}, cross-entropy {} / {} / {}",
        quadratic[9], quadratic[49], quadratic[299], cross_entropy[9], cross_entropy[49], cross_entropy[299]
    );
    // Quadratic: δ = (a − y) σ′(z) is tiny while σ′(4) ≈ 0.018, so the output barely moves at first.
    assert!(quadratic[49] > 0.9, "quadratic is still stuck near 1 after 50 steps: {}", quadratic[49]);
    // Cross-entropy: δ = a − y, no σ′, so it learns fastest when it is most wrong.
    assert!(cross_entropy[49] < 0.2, "cross-entropy has learned after 50 steps: {}", cross_entropy[49]);
    assert!(cross_entropy[299] < quadratic[299]);
}

fn small(epochs: usize) -> TrainConfig {
    TrainConfig { n_train: 800, n_validation: 200, epochs, ..TrainConfig::default() }
}

fn trained(config: TrainConfig, data: &Rc<nnlab::data::Mnist>) -> Trainer {
    let mut trainer = Trainer::new(config, Rc::clone(data)).unwrap();
    while !trainer.is_finished() {
        trainer.step(1000);
    }
    trainer
}

fn sum_of_squares(network: &Network) -> f64 {
    network.layers.iter().flat_map(|l| &l.w).map(|&w| f64::from(w) * f64::from(w)).sum()
}

#[test]
fn l2_regularization_shrinks_weights_and_its_term_is_in_the_loss() {
    let data = Rc::new(common::sample_mnist());
    let plain = trained(small(3), &data);
    let regularized = small(3);
    let regularized = TrainConfig { regularization: Penalty::L2, lambda: 5.0, ..regularized };
    let mut l2 = trained(regularized, &data);
    let (before, after) = (sum_of_squares(plain.network()), sum_of_squares(l2.network()));
    println!("Σw² after 3 epochs on 800 digits: λ = 0 → {before:.0}, λ = 5 → {after:.0}");
    assert!(after < 0.5 * before, "weight decay (1 − ηλ/n) w must shrink the weights");
    let metrics = l2.metrics(nnlab::train::SplitName::Train, 0, 800).unwrap();
    let penalty = 5.0 / (2.0 * 800.0) * after;
    println!("training loss {:.4} = data loss {:.4} + λ/2n Σw² {penalty:.4}", metrics.loss, metrics.data_loss);
    assert!(((metrics.loss - metrics.data_loss) as f64 - penalty).abs() < 1e-3 * penalty);
}

#[test]
fn dropout_at_inference_changes_nothing() {
    let base = NetworkSpec::plain(
        &[784, 30, 10],
        Activation::Relu,
        Activation::Softmax,
        Cost::CategoricalCrossEntropy,
        Init::He,
    );
    let with_dropout = NetworkSpec { dropout: vec![0.2, 0.5], ..base.clone() }.build(&mut Rng::new(4, 1));
    let mut without = base.build(&mut Rng::new(4, 1));
    without.layers.clone_from(&with_dropout.layers);
    let data = common::sample_mnist();
    let x: Vec<f32> = data.test.pixels[..784 * 20].iter().map(|&p| f32::from(p) / 255.0).collect();
    let run = |network: &Network, mode: Mode| {
        let mut ws = network.workspace(20);
        network.sample_dropout(&mut ws, 20, &mut Rng::new(1, 3));
        ws.input_mut(20).copy_from_slice(&x);
        network.forward(&mut ws, 20, mode).to_vec()
    };
    assert_eq!(
        run(&with_dropout, Mode::Inference),
        run(&without, Mode::Inference),
        "inverted dropout: inference is the plain network"
    );
    assert_ne!(run(&with_dropout, Mode::Train), run(&without, Mode::Train), "training drops neurons");
}

#[test]
fn batch_norm_output_has_zero_mean_and_unit_variance_per_feature_in_training() {
    let spec = NetworkSpec {
        batch_norm: Some((1e-5, 0.9)),
        ..NetworkSpec::plain(&[784, 30, 10], Activation::Sigmoid, Activation::Sigmoid, Cost::Quadratic, Init::Gaussian)
    };
    let network = spec.build(&mut Rng::new(2, 1));
    let data = common::sample_mnist();
    let m = 64;
    let mut ws = network.workspace(m);
    for (x, &p) in ws.input_mut(m).iter_mut().zip(&data.test.pixels) {
        *x = f32::from(p) / 255.0;
    }
    network.forward(&mut ws, m, Mode::Train);
    let mut worst = (0.0f32, 0.0f32);
    for j in 0..30 {
        let column: Vec<f32> = (0..m).map(|x| ws.z[0][x * 30 + j]).collect();
        let mean = column.iter().sum::<f32>() / m as f32;
        let var = column.iter().map(|u| (u - mean) * (u - mean)).sum::<f32>() / m as f32;
        worst = (worst.0.max(mean.abs()), worst.1.max((var - 1.0).abs()));
    }
    println!(
        "batch-normalized z of 30 features over a batch of {m}: largest |mean| {:.1e}, largest |var − 1| {:.1e}",
        worst.0, worst.1
    );
    assert!(worst.0 < 1e-5 && worst.1 < 1e-3);
}

#[test]
fn gaussian_init_saturates_more_hidden_sigmoids_than_scaled_init() {
    let data = common::sample_mnist();
    let m = 100;
    let saturated = |init: Init| {
        let network = Network::new(
            &[784, 100, 10],
            Activation::Sigmoid,
            Activation::Sigmoid,
            Cost::Quadratic,
            init,
            &mut Rng::new(1, 1),
        );
        let mut ws = network.workspace(m);
        for (x, &p) in ws.input_mut(m).iter_mut().zip(&data.test.pixels) {
            *x = f32::from(p) / 255.0;
        }
        network.feedforward(&mut ws, m);
        // Saturated: σ′(z) < 1% of its peak ¼, i.e. |z| > 6.
        ws.z[0][..m * 100].iter().filter(|&&z| Activation::Sigmoid.prime(z, f32::NAN) < 0.0025).count() as f32
            / (m * 100) as f32
    };
    let (wide, scaled) = (saturated(Init::Gaussian), saturated(Init::ScaledGaussian));
    println!(
        "saturated hidden sigmoids on 100 digits: N(0, 1) {:.1}%, N(0, 1/n_in) {:.1}%",
        100.0 * wide,
        100.0 * scaled
    );
    assert!(wide > 0.3 && scaled < 0.01, "{wide} vs {scaled}");
}

#[test]
fn every_optimizer_trains_the_network() {
    let data = Rc::new(common::sample_mnist());
    let adam = nnlab::optim::OptimizerConfig::Adam { beta1: 0.9, beta2: 0.999, eps: 1e-8, bias_correction: true };
    for (optimizer, eta) in [
        (nnlab::optim::OptimizerConfig::Momentum { beta: 0.9, form: Default::default() }, 0.3),
        (nnlab::optim::OptimizerConfig::Nesterov { beta: 0.9 }, 0.3),
        (nnlab::optim::OptimizerConfig::Adagrad { eps: 1e-8 }, 0.1),
        (nnlab::optim::OptimizerConfig::Rmsprop { beta2: 0.9, eps: 1e-8 }, 0.003),
        (adam, 0.003),
        (nnlab::optim::OptimizerConfig::AdamW { beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.01 }, 0.003),
    ] {
        let config = TrainConfig { optimizer, eta, init: Init::ScaledGaussian, cost: Cost::CrossEntropy, ..small(3) };
        let mut trainer = trained(config, &data);
        let correct = trainer.evaluate(nnlab::train::SplitName::Validation, 0, 200);
        println!("{optimizer:?}, η = {eta}: {correct}/200 validation digits after 3 epochs on 800");
        assert!(correct >= 120, "{optimizer:?}: {correct}/200");
    }
}
