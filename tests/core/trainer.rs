//! The step-wise trainer: reproducible from a seed, learns on real digits, validates its config as a whole.

use crate::common::{self, sigmoid};

use nnlab::train::{SplitName, TrainConfig, Trainer};
use std::rc::Rc;

fn sample_config() -> TrainConfig {
    TrainConfig { n_train: 800, n_validation: 200, epochs: 3, ..TrainConfig::default() }
}

fn run(config: TrainConfig, data: &Rc<nnlab::data::Mnist>) -> Trainer {
    let mut trainer = Trainer::new(config, Rc::clone(data)).unwrap();
    while !trainer.is_finished() {
        trainer.step(7);
    }
    trainer
}

#[test]
fn same_seed_gives_identical_weights_and_another_seed_does_not() {
    let data = Rc::new(common::sample_mnist());
    let a = run(sample_config(), &data);
    let b = run(sample_config(), &data);
    assert_eq!(a.network(), b.network(), "same config + seed must give bit-identical weights");
    let c = run(TrainConfig { seed: 2, ..sample_config() }, &data);
    assert_ne!(a.network(), c.network());
}

#[test]
fn steps_follow_epochs_and_mini_batches() {
    let data = Rc::new(common::sample_mnist());
    // 800 images in mini-batches of 30: 26 full ones and a last one of 20.
    let mut trainer = Trainer::new(TrainConfig { batch_size: 30, ..sample_config() }, data).unwrap();
    assert_eq!(trainer.batches_per_epoch(), 27);
    let first = trainer.step(20);
    assert_eq!((first.epoch, first.batch, first.batches_run, first.epoch_done), (0, 20, 20, false));
    assert_eq!(first.samples_seen, 600);
    assert!(first.loss.is_finite() && first.loss > 0.0);
    let end = trainer.step(100);
    assert_eq!((end.epoch, end.batch, end.batches_run, end.epoch_done), (0, 27, 7, true), "stops at the epoch's end");
    assert_eq!(end.samples_seen, 800);
    let next = trainer.step(1);
    assert_eq!((next.epoch, next.batch), (1, 1));
    while !trainer.step(100).finished {}
    let after = trainer.step(5);
    assert_eq!((after.batches_run, after.finished, after.samples_seen), (0, true, 2400));
}

#[test]
fn smoke_run_on_the_sample_beats_chance_clearly() {
    let data = Rc::new(common::sample_mnist());
    let mut untrained = Trainer::new(sample_config(), Rc::clone(&data)).unwrap();
    let before = untrained.evaluate(SplitName::Validation, 0, 200);
    let mut trainer = run(TrainConfig { epochs: 10, ..sample_config() }, &data);
    let after = trainer.evaluate(SplitName::Validation, 0, 200);
    println!("validation accuracy on 200 held-out sample digits: {before}/200 untrained → {after}/200 after 10 epochs on 800");
    assert!(after >= 120, "expected well above the 20/200 of chance, got {after}/200");
    assert!(after > before);
    let guess = trainer.predict(SplitName::Validation, 0).unwrap().unwrap();
    assert!(guess < 10);
    assert_eq!(trainer.outputs(SplitName::Validation, 0).unwrap().unwrap().len(), 10);
    assert_eq!(trainer.predict(SplitName::Validation, 200), Ok(None));
}

#[test]
fn evaluation_in_slices_adds_up_to_the_whole() {
    let data = Rc::new(common::sample_mnist());
    let mut trainer = run(sample_config(), &data);
    let whole = trainer.evaluate(SplitName::Test, 0, 1000);
    let sliced: usize = (0..1000).step_by(333).map(|start| trainer.evaluate(SplitName::Test, start, 333)).sum();
    assert_eq!(whole, sliced);
    let one_by_one = (0..1000)
        .filter(|&i| trainer.predict(SplitName::Test, i) == Ok(Some(trainer.split(SplitName::Test).label(i))))
        .count();
    assert_eq!(whole, one_by_one);
}

#[test]
fn every_invalid_field_is_reported_at_once() {
    let data = Rc::new(common::sample_mnist());
    let config = TrainConfig { sizes: vec![784, 0, 10], eta: -1.0, batch_size: 0, epochs: 0, ..sample_config() };
    let all = Trainer::new(config, Rc::clone(&data)).err().expect("invalid config");
    let errors = &all.0;
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["sizes", "eta", "batchSize", "epochs"]);
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(messages[0], "sizes[1] must be between 1 and 4096, got 0");
    assert_eq!(messages[1], "eta must be > 0 and finite, got -1");
    assert_eq!(messages[2], "batchSize must be between 1 and nTrain (800), got 0");
    assert_eq!(all.to_string(), messages.join("; "), "one line: every message, in order, between semicolons");

    let wrong_shape = TrainConfig { sizes: vec![100, 10], ..sample_config() };
    let errors = Trainer::new(wrong_shape, Rc::clone(&data)).err().unwrap().0;
    assert_eq!(errors[0].message, "sizes[0] must equal the image size 784, got 100");
    let too_big = TrainConfig { batch_size: 801, n_train: 800, n_validation: 300, eta: f32::NAN, ..sample_config() };
    let messages: Vec<String> = Trainer::new(too_big, data).err().unwrap().0.into_iter().map(|e| e.message).collect();
    assert!(messages.iter().any(|m| m == "eta must be > 0 and finite, got NaN"), "{messages:?}");
    assert!(messages.iter().any(|m| m.starts_with("nValidation must be between 0 and 200")), "{messages:?}");
    assert!(messages.iter().any(|m| m == "batchSize must be between 1 and nTrain (800), got 801"), "{messages:?}");
}

#[test]
fn a_diverging_run_stops_and_says_so() {
    let data = Rc::new(common::sample_mnist());
    let config = TrainConfig {
        eta: 1e30,
        hidden_activation: nnlab::nn::Activation::Relu,
        output_activation: nnlab::nn::Activation::Identity,
        ..sample_config()
    };
    let mut trainer = Trainer::new(config, data).unwrap();
    let mut progress = trainer.step(50);
    for _ in 0..10 {
        if progress.diverged {
            break;
        }
        progress = trainer.step(50);
    }
    assert!(progress.diverged, "{progress:?}");
    assert_eq!(trainer.step(10).batches_run, 0, "a diverged run does not continue");
}

#[test]
fn the_default_config_gives_the_same_weights_as_before_the_new_options_existed() {
    // Golden fingerprints (a multiplicative hash of every weight's and bias's f32 bits) of Nielsen's default config
    // on the committed sample (n = 800, 2 epochs, seed 1), measured by this same code on commit 7bdfd10, before
    // optimizers, schedules, dropout, batch norm, preprocessing and augmentation existed.
    let fingerprint = |network: &nnlab::nn::Network| {
        network
            .layers
            .iter()
            .flat_map(|l| l.w.iter().chain(l.b.iter()))
            .fold(0u64, |h, x| h.wrapping_mul(1_000_003).wrapping_add(u64::from(x.to_bits())))
    };
    let data = Rc::new(common::sample_mnist());
    let mut trainer = Trainer::new(TrainConfig { epochs: 2, ..sample_config() }, data).unwrap();
    assert_eq!(fingerprint(trainer.network()), 0x9790_23f4_0176_6c8c, "initial weights");
    while !trainer.is_finished() {
        trainer.step(13);
    }
    assert_eq!(fingerprint(trainer.network()), 0xdb7b_3a53_b00f_ed54, "weights after 2 epochs");
}

/// `set_optimizer` starts the new optimizer from zero state: after three momentum steps, swapping in momentum again
/// takes the step momentum takes from v = 0 (v = −ηg, θ + v: plain SGD's θ − (η/m) Σₓ ∂Cₓ/∂θ up to rounding), not
/// the step of a run that kept its velocity.
#[test]
fn set_optimizer_resets_the_optimizer_state() {
    use nnlab::optim::{MomentumForm, OptimizerConfig};
    let data = Rc::new(common::sample_mnist());
    let momentum = OptimizerConfig::Momentum { beta: 0.9, form: MomentumForm::Velocity };
    let config = TrainConfig {
        sizes: vec![784, 16, 10],
        n_train: 100,
        n_validation: 0,
        batch_size: 10,
        eta: 1.0,
        optimizer: momentum,
        ..TrainConfig::default()
    };
    let after_three_then = |swap: Option<OptimizerConfig>| {
        let mut trainer = Trainer::new(config.clone(), Rc::clone(&data)).unwrap();
        trainer.step(3);
        if let Some(optimizer) = swap {
            trainer.set_optimizer(optimizer).unwrap();
            assert_eq!(trainer.config().optimizer, optimizer);
        }
        trainer.step(1);
        trainer.network().clone()
    };
    let (reset, kept, sgd) =
        (after_three_then(Some(momentum)), after_three_then(None), after_three_then(Some(OptimizerConfig::Sgd)));
    let largest = |a: &nnlab::nn::Network, b: &nnlab::nn::Network| {
        a.layers
            .iter()
            .zip(&b.layers)
            .flat_map(|(x, y)| x.w.iter().zip(&y.w).chain(x.b.iter().zip(&y.b)))
            .map(|(p, q)| (p - q).abs())
            .fold(0.0f32, f32::max)
    };
    let (from_zero, from_kept) = (largest(&reset, &sgd), largest(&reset, &kept));
    println!("after the swap: vs a first step from v = 0 {from_zero:.1e}, vs the kept velocity {from_kept:.1e}");
    assert!(from_zero < 1e-5, "{from_zero}");
    assert!(from_kept > 1e-3, "{from_kept}");
    let mut trainer = Trainer::new(config.clone(), Rc::clone(&data)).unwrap();
    let bad = OptimizerConfig::Momentum { beta: 1.5, form: MomentumForm::Velocity };
    let error = trainer.set_optimizer(bad).unwrap_err();
    assert_eq!(error.0[0].field, "optimizer.beta");
    assert_eq!(trainer.config().optimizer, momentum, "a rejected optimizer leaves the old one in place");
}

/// The config's optional network fields reach the network the trainer builds: zero biases, the hidden
/// activation's parameter, and a learned Swish β.
#[test]
fn the_network_options_of_the_config_reach_the_network() {
    use nnlab::nn::{Activation, BiasInit};
    let data = Rc::new(common::sample_mnist());
    let config = TrainConfig {
        sizes: vec![784, 6, 10],
        hidden_activation: Activation::Swish,
        activation_param: 1.6,
        learn_swish_beta: true,
        bias_init: BiasInit::Zero,
        ..sample_config()
    };
    let trainer = Trainer::new(config, data).unwrap();
    let hidden = &trainer.network().layers[0];
    assert_eq!(hidden.param, vec![1.6; 6]);
    assert!(hidden.learn_param);
    assert!(trainer.network().layers.iter().all(|layer| layer.b.iter().all(|&b| b == 0.0)));
}

/// An epoch's relative loss change is measured against the previous epoch's mean loss.
#[test]
fn the_epoch_loss_change_compares_with_the_previous_epoch() {
    let data = Rc::new(common::sample_mnist());
    let mut trainer = Trainer::new(TrainConfig { n_train: 100, epochs: 2, ..sample_config() }, data).unwrap();
    let first = trainer.step(usize::MAX);
    let second = trainer.step(usize::MAX);
    assert!(first.epoch_done && second.epoch_done);
    let expected = (second.epoch_loss - first.epoch_loss) / first.epoch_loss;
    assert!((second.epoch_loss_change - expected).abs() < 1e-6, "{} vs {expected}", second.epoch_loss_change);
}

/// A step reports C₀ = (1/n) Σₓ Cₓ of the mini-batches it trained on, taken before their updates: with one batch of
/// all n_train images that is the training set's mean cost before the step, as `metrics` measures it on its own.
#[test]
fn a_step_reports_the_mean_cost_of_its_mini_batch_before_the_update() {
    use nnlab::nn::Penalty;
    let data = Rc::new(common::sample_mnist());
    let config = TrainConfig {
        n_train: 200,
        n_validation: 100,
        batch_size: 200,
        regularization: Penalty::L2,
        lambda: 5.0,
        ..TrainConfig::default()
    };
    let mut trainer = Trainer::new(config, Rc::clone(&data)).unwrap();
    let before = trainer.metrics(SplitName::Train, 0, 200).unwrap();
    let progress = trainer.step(1);
    assert_eq!(progress.batches_run, 1);
    println!("C₀ before the step {}, reported {}", before.data_loss, progress.data_loss);
    assert!(
        (progress.data_loss / before.data_loss - 1.0).abs() < 1e-5,
        "{} vs {}",
        progress.data_loss,
        before.data_loss
    );
    let after = trainer.metrics(SplitName::Train, 0, 200).unwrap();
    assert!(after.data_loss < before.data_loss, "and the step lowered it");
    assert!(
        (progress.loss - progress.data_loss - (after.loss - after.data_loss)).abs() < 1e-6,
        "C = C₀ + the penalty of the weights after the step"
    );
}

/// η follows the schedule on the epoch clock t = epoch + batch / B (B mini-batches per epoch): with
/// η(t) = η₀ e^{−kt}, k = 0.5, η₀ = 1 and B = 4, mini-batch b of epoch e trains with e^{−(e + b/4)/2}.
#[test]
fn each_mini_batch_trains_with_eta_at_its_own_time() {
    use nnlab::optim::{Decay, Schedule};
    let data = Rc::new(common::sample_mnist());
    let config = TrainConfig {
        n_train: 400,
        n_validation: 100,
        batch_size: 100,
        eta: 1.0,
        epochs: 2,
        schedule: Schedule { decay: Decay::Exponential { k: 0.5 }, warmup: 0.0 },
        ..TrainConfig::default()
    };
    let mut trainer = Trainer::new(config, Rc::clone(&data)).unwrap();
    for t in 0..8 {
        let progress = trainer.step(1);
        let expected = (-0.5 * t as f64 / 4.0).exp();
        assert!((f64::from(progress.eta) - expected).abs() < 1e-6, "batch {t}: η {} vs {expected}", progress.eta);
    }
}

/// The initialization chapter's histograms read z^l and a^l of a layer: z^l = w^l a^{l−1} + b^l and a^l = σ(z^l),
/// checked here against a hand loop over the weights for l = 2 and 3 and three ranges of images; out-of-range l and
/// non-finite weights give nothing.
#[test]
fn layer_values_are_w_a_plus_b_and_sigma_of_it() {
    let data = Rc::new(common::sample_mnist());
    let config = TrainConfig { sizes: vec![784, 5, 10], n_train: 100, n_validation: 100, ..TrainConfig::default() };
    let mut trainer = Trainer::new(config, Rc::clone(&data)).unwrap();
    for (start, count) in [(7, 3), (0, 2), (1, 3)] {
        let mut previous: Vec<Vec<f64>> = (start..start + count)
            .map(|i| data.test.image(i).iter().map(|&p| f64::from(p) / 255.0).collect())
            .collect();
        for l in [2, 3] {
            let (z, a) = trainer.layer_values(SplitName::Test, start, count, l);
            let layer = &trainer.network().layers[l - 2];
            let (n_in, n_out) = (layer.n_in, layer.n_out);
            assert_eq!((z.len(), a.len()), (count * n_out, count * n_out), "layer {l}");
            let mut next = Vec::new();
            for (r, x) in previous.iter().enumerate() {
                let row: Vec<f64> = (0..n_out)
                    .map(|j| {
                        let zj = (0..n_in).map(|k| f64::from(layer.w[j * n_in + k]) * x[k]).sum::<f64>()
                            + f64::from(layer.b[j]);
                        assert!((f64::from(z[r * n_out + j]) - zj).abs() < 1e-4, "z^{l} of image {r}, neuron {j}");
                        assert!(
                            (f64::from(a[r * n_out + j]) - sigmoid(zj)).abs() < 1e-5,
                            "a^{l} of image {r}, neuron {j}"
                        );
                        sigmoid(zj)
                    })
                    .collect();
                next.push(row);
            }
            previous = next;
        }
    }
    assert_eq!(trainer.layer_values(SplitName::Test, 0, 2, 1), (vec![], vec![]), "l = 1 is the input");
    assert_eq!(trainer.layer_values(SplitName::Test, 0, 2, 4), (vec![], vec![]), "there is no layer 4");
    assert_eq!(trainer.layer_values(SplitName::Test, 998, 5, 3).0.len(), 2 * 10, "clamped to the split's 1,000");
    trainer.poison_params(f32::NAN);
    assert_eq!(trainer.layer_values(SplitName::Test, 0, 2, 2), (vec![], vec![]), "non-finite weights");
}

/// [784, 6, 10] with batch norm, mini-batches of 10 from n_train images, learning rate η.
fn batch_norm_run(n_train: usize, eta: f32) -> TrainConfig {
    TrainConfig {
        sizes: vec![784, 6, 10],
        batch_norm: true,
        batch_size: 10,
        n_train,
        n_validation: 20,
        eta,
        ..TrainConfig::default()
    }
}

/// The batch-norm chapter's neuron: x_i = (w a_i + b)_j over the mini-batch, then μ_B, σ²_B, x̂ and y = γ x̂ + β —
/// each recomputed here by hand from the weights and the images (before training: the first m training images),
/// and again after a step, from its own x. Layers without batch norm and j ≥ n_z give None.
#[test]
fn the_batch_norm_neuron_is_the_slides_algorithm_on_the_batch() {
    let data = Rc::new(common::sample_mnist());
    let mut trainer = Trainer::new(batch_norm_run(40, 3.0), Rc::clone(&data)).unwrap();
    let check = |neuron: &nnlab::train::trainer::BatchNormNeuron| {
        let m = neuron.x.len() as f64;
        let mean = neuron.x.iter().map(|&x| f64::from(x)).sum::<f64>() / m;
        let var = neuron.x.iter().map(|&x| (f64::from(x) - mean).powi(2)).sum::<f64>() / m;
        assert!((f64::from(neuron.mean) - mean).abs() < 1e-5 && (f64::from(neuron.var) / var - 1.0).abs() < 1e-4);
        for (i, &x) in neuron.x.iter().enumerate() {
            let x_hat = (f64::from(x) - mean) / (var + f64::from(neuron.eps)).sqrt();
            assert!((f64::from(neuron.x_hat[i]) - x_hat).abs() < 1e-4, "x̂ {i}");
            let y = f64::from(neuron.gamma) * x_hat + f64::from(neuron.beta);
            assert!((f64::from(neuron.y[i]) - y).abs() < 1e-4, "y {i}");
        }
    };
    let neuron = trainer.batch_norm_neuron(2, 3).expect("layer 2 is batch-normalized");
    assert_eq!((neuron.layer, neuron.neuron, neuron.x.len()), (2, 3, 10));
    let layer = &trainer.network().layers[0];
    for (i, &x) in neuron.x.iter().enumerate() {
        let pixels = data.train.image(i);
        let by_hand = (0..784).map(|k| f64::from(layer.w[3 * 784 + k]) * f64::from(pixels[k]) / 255.0).sum::<f64>()
            + f64::from(layer.b[3]);
        assert!((f64::from(x) - by_hand).abs() < 1e-4, "x_{i}: {x} vs {by_hand}");
    }
    check(&neuron);
    assert_eq!((neuron.gamma, neuron.beta, neuron.running_mean, neuron.running_var), (1.0, 0.0, 0.0, 1.0));
    trainer.step(1);
    let after = trainer.batch_norm_neuron(2, 3).unwrap();
    check(&after);
    assert_ne!(after.x, neuron.x, "the batch just trained, through the updated weights");
    let bn = trainer.network().layers[0].batch_norm.as_ref().unwrap();
    assert_eq!((after.running_mean, after.running_var), (bn.running_mean[3], bn.running_var[3]));
    assert!(after.running_mean != 0.0 && after.running_var != 1.0, "the running averages moved");
    assert!(trainer.batch_norm_neuron(3, 0).is_none(), "the output layer has no batch norm");
    assert!(trainer.batch_norm_neuron(2, 6).is_none() && trainer.batch_norm_neuron(1, 0).is_none());
}

/// After a step the chapter's neuron shows the mini-batch that step trained on, the last (short) one included:
/// with η = 10⁻⁶ the weights barely move, so its μ_B and σ²_B are the ones the step folded into the running averages
/// (running ← momentum · running + (1 − momentum) · batch).
#[test]
fn the_batch_norm_neuron_shows_the_mini_batch_just_trained() {
    let mut trainer = Trainer::new(batch_norm_run(35, 1e-6), Rc::new(common::sample_mnist())).unwrap();
    let (mut mean, mut var) = (0.0f64, 1.0f64);
    for (step, len) in [10, 10, 10, 5].into_iter().enumerate() {
        trainer.step(1);
        let neuron = trainer.batch_norm_neuron(2, 3).unwrap();
        assert_eq!(neuron.x.len(), len, "mini-batch {step}: 35 = 10 + 10 + 10 + 5");
        let momentum = f64::from(neuron.momentum);
        mean = momentum * mean + (1.0 - momentum) * f64::from(neuron.mean);
        var = momentum * var + (1.0 - momentum) * f64::from(neuron.var);
        assert!((f64::from(neuron.running_mean) - mean).abs() < 1e-4 * (1.0 + mean.abs()), "step {step}: running μ");
        assert!((f64::from(neuron.running_var) - var).abs() < 1e-4 * (1.0 + var), "step {step}: running σ²");
    }
}
