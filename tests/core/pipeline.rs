//! Preprocessing with training statistics, augmentation, early stopping, metrics, and the whole config's
//! validation and determinism.

use crate::common;

use nnlab::data::{Augmentation, Augmenter, Preprocess, Split};
use nnlab::math::rng::Rng;
use nnlab::nn::{Activation, Cost, Penalty};
use nnlab::optim::{Decay, OptimizerConfig, Schedule};
use nnlab::train::{SplitName, TrainConfig, Trainer};
use std::rc::Rc;

fn small(epochs: usize) -> TrainConfig {
    TrainConfig { n_train: 800, n_validation: 200, epochs, ..TrainConfig::default() }
}

#[test]
fn preprocessing_uses_training_statistics_on_test_data() {
    let data = Rc::new(common::sample_mnist());
    for kind in
        [Preprocess::CenterGlobal, Preprocess::CenterPixel, Preprocess::StandardizeGlobal, Preprocess::StandardizePixel]
    {
        let mut trainer = Trainer::new(
            TrainConfig { n_train: 500, n_validation: 100, preprocess: kind, ..small(1) },
            Rc::clone(&data),
        )
        .unwrap();
        // Independently: the mean of pixel 400 (and of all pixels) over the 500 training images only.
        let train = Split { set: &data.train, start: 0, len: 500 };
        let pixel_mean = (0..500).map(|i| f64::from(train.image(i)[400]) / 255.0).sum::<f64>() / 500.0;
        let global_mean =
            (0..500).flat_map(|i| train.image(i).iter()).map(|&p| f64::from(p) / 255.0).sum::<f64>() / (500.0 * 784.0);
        let expected = if matches!(kind, Preprocess::CenterPixel | Preprocess::StandardizePixel) {
            pixel_mean
        } else {
            global_mean
        };
        let fitted = trainer.standardizer().mean[400];
        assert!(
            (f64::from(fitted) - expected).abs() < 1e-5,
            "{kind:?}: fitted mean {fitted} vs training mean {expected}"
        );
        // A test image goes through the same (training) statistics: feed it by hand and compare outputs.
        let standardizer = trainer.standardizer().clone();
        let mut x: Vec<f32> = trainer
            .split(SplitName::Test)
            .images()
            .expect("MNIST images")
            .image(900)
            .iter()
            .map(|&p| f32::from(p) * (1.0 / 255.0))
            .collect();
        standardizer.apply(&mut x);
        let network = trainer.network().clone();
        let mut ws = network.workspace(1);
        ws.input_mut(1).copy_from_slice(&x);
        let by_hand = network.feedforward(&mut ws, 1).to_vec();
        assert_eq!(trainer.outputs(SplitName::Test, 900).unwrap().unwrap(), &by_hand[..], "{kind:?}");
        // The test split (all 1,000 sample images here) has statistics of its own, which are not used.
        let test_mean = (0..1000).flat_map(|i| data.test.image(i).iter()).map(|&p| f64::from(p) / 255.0).sum::<f64>()
            / (1000.0 * 784.0);
        assert!((test_mean - global_mean).abs() > 1e-4);
    }
    println!("standardized inputs use μ, σ of the 500 training images for every split");
}

#[test]
fn augmentation_is_seeded_and_moves_the_digit() {
    let data = common::sample_mnist();
    let image: Vec<f32> = data.test.image(0).iter().map(|&p| f32::from(p) / 255.0).collect();
    let centroid = |x: &[f32]| {
        let total: f32 = x.iter().sum();
        (
            x.iter().enumerate().map(|(i, v)| (i % 28) as f32 * v).sum::<f32>() / total,
            x.iter().enumerate().map(|(i, v)| (i / 28) as f32 * v).sum::<f32>() / total,
        )
    };
    let all = Augmentation {
        translate: 3.0,
        rotate: 15.0,
        elastic: 2.0,
        elastic_sigma: 4.0,
        intensity: 0.2,
        blur: 1.0,
        noise: 0.05,
    };
    let augmented = |config: Augmentation, seed: u64| {
        let mut x = image.clone();
        Augmenter::new(config, 28, 28).apply(&mut x, &mut Rng::new(seed, 4));
        x
    };
    assert_eq!(augmented(all, 1), augmented(all, 1), "seeded: the same seed gives the same image");
    assert_ne!(augmented(all, 1), augmented(all, 2));
    assert_eq!(augmented(Augmentation::default(), 1), image, "strength 0 changes nothing");
    assert!(augmented(all, 3).iter().all(|&v| (0.0..=1.0).contains(&v)));
    let shifted = augmented(Augmentation { translate: 4.0, ..Augmentation::default() }, 5);
    let (before, after) = (centroid(&image), centroid(&shifted));
    println!("translation moved the centroid from {before:?} to {after:?}");
    assert!((before.0 - after.0).abs() + (before.1 - after.1).abs() > 0.2);
    for one in [
        Augmentation { rotate: 20.0, ..Augmentation::default() },
        Augmentation { elastic: 3.0, ..Augmentation::default() },
        Augmentation { intensity: 0.5, ..Augmentation::default() },
        Augmentation { blur: 2.0, ..Augmentation::default() },
        Augmentation { noise: 0.2, ..Augmentation::default() },
    ] {
        assert_ne!(augmented(one, 7), image, "{one:?} changes the image");
    }
}

#[test]
fn augmentation_never_touches_evaluation() {
    let data = Rc::new(common::sample_mnist());
    let augmented = TrainConfig {
        augmentation: Augmentation { translate: 2.0, noise: 0.1, ..Augmentation::default() },
        ..small(1)
    };
    let mut trainer = Trainer::new(augmented, Rc::clone(&data)).unwrap();
    let mut plain = Trainer::new(small(1), data).unwrap();
    assert_eq!(trainer.network(), plain.network());
    for split in [SplitName::Train, SplitName::Validation, SplitName::Test] {
        assert_eq!(trainer.outputs(split, 3).unwrap(), plain.outputs(split, 3).unwrap());
    }
    trainer.step(5);
    plain.step(5);
    assert_ne!(trainer.network(), plain.network(), "training batches are augmented");
}

/// Trains to the end; the validation accuracy after each epoch, and the last progress.
fn validation_curve(trainer: &mut Trainer) -> (Vec<f32>, nnlab::train::trainer::Progress) {
    let mut history = Vec::new();
    loop {
        let progress = trainer.step(10_000);
        if progress.epoch_done {
            history.push(progress.validation_accuracy);
        }
        if progress.finished {
            return (history, progress);
        }
    }
}

#[test]
fn early_stopping_stops_and_restores_the_best_weights() {
    let data = Rc::new(common::sample_mnist());
    // 100 training images and η = 3 overfit fast (the overfitting chapter's setting, smaller).
    let config =
        TrainConfig { n_train: 100, n_validation: 300, epochs: 200, early_stopping: 3, ..TrainConfig::default() };
    let mut trainer = Trainer::new(config, data).unwrap();
    let (history, last) = validation_curve(&mut trainer);
    let best = history.iter().copied().fold(0.0f32, f32::max);
    println!(
        "validation accuracy per epoch: {history:?}; stopped after {} epochs, best epoch {}",
        history.len(),
        last.best_epoch
    );
    assert!(last.stopped_early && history.len() < 200);
    assert_eq!(history[last.best_epoch], best);
    assert!(history[history.len() - 3..].iter().all(|&a| a <= best), "three epochs without improvement");
    let restored = trainer.evaluate(SplitName::Validation, 0, 300) as f32 / 300.0;
    assert_eq!(restored, best, "the best weights are restored");
    assert_eq!(trainer.step(5).batches_run, 0);
}

/// Early stopping with a patience longer than the run: nothing stops it, but at the last epoch the weights of the
/// best epoch come back (the chapter marks the first maximum of the validation curve, so a later tie is not
/// "better"), and only then.
#[test]
fn the_last_epoch_restores_the_first_best_weights() {
    let data = Rc::new(common::sample_mnist());
    let config =
        TrainConfig { n_train: 100, n_validation: 300, epochs: 40, early_stopping: 100, ..TrainConfig::default() };
    let mut trainer = Trainer::new(config, data).unwrap();
    let (history, last) = validation_curve(&mut trainer);
    let best = history.iter().copied().fold(0.0f32, f32::max);
    let first_best = history.iter().position(|&a| a == best).unwrap();
    println!("validation accuracy per epoch: {history:?}; best epoch {}", last.best_epoch);
    assert!(!last.stopped_early && history.len() == 40);
    assert_eq!(last.best_epoch, first_best, "the first epoch with the best validation accuracy");
    // This run: 50% first after epoch 37, again after epoch 39, 49.3% after the last.
    assert!(history[39] < best, "this run's last epoch is not its best (else the test shows nothing)");
    assert!(history.iter().filter(|&&a| a == best).count() > 1, "and its best is tied (else the tie rule is untested)");
    let restored = trainer.evaluate(SplitName::Validation, 0, 300) as f32 / 300.0;
    assert_eq!(restored, best, "the best weights are back after the last epoch");
}

#[test]
fn metrics_add_up() {
    let data = Rc::new(common::sample_mnist());
    let mut trainer = Trainer::new(TrainConfig { regularization: Penalty::L1, lambda: 0.1, ..small(2) }, data).unwrap();
    while !trainer.is_finished() {
        trainer.step(1000);
    }
    let metrics = trainer.metrics(SplitName::Test, 0, 1000).unwrap();
    assert_eq!(metrics.count, 1000);
    assert_eq!(metrics.confusion.iter().sum::<u32>(), 1000);
    assert_eq!((0..10).map(|c| metrics.confusion[c * 11]).sum::<u32>() as usize, metrics.correct);
    assert_eq!(metrics.correct, trainer.evaluate(SplitName::Test, 0, 1000));
    assert!(metrics.loss > metrics.data_loss, "the L1 term is part of the loss");
    for class in 0..10 {
        let row: u32 = metrics.confusion[class * 10..class * 10 + 10].iter().sum();
        assert!((metrics.per_class_accuracy[class] - metrics.confusion[class * 11] as f32 / row as f32).abs() < 1e-6);
    }
    println!("test accuracy {:.3}, per class {:?}", metrics.accuracy, metrics.per_class_accuracy);
}

#[test]
fn the_whole_config_is_deterministic_and_swappable_mid_run() {
    let data = Rc::new(common::sample_mnist());
    let config = TrainConfig {
        sizes: vec![784, 24, 16, 10],
        hidden_activation: Activation::Swish,
        learn_swish_beta: true,
        output_activation: Activation::Softmax,
        cost: Cost::CategoricalCrossEntropy,
        init: nnlab::nn::Init::GlorotUniform,
        eta: 0.05,
        dropout: vec![0.1, 0.3, 0.2],
        batch_norm: true,
        optimizer: OptimizerConfig::Nesterov { beta: 0.9 },
        schedule: Schedule { decay: Decay::Exponential { k: 0.5 }, warmup: 0.5 },
        preprocess: Preprocess::StandardizeGlobal,
        augmentation: Augmentation { rotate: 10.0, elastic: 1.0, ..Augmentation::default() },
        ..small(2)
    };
    let run = |config: TrainConfig| {
        let mut trainer = Trainer::new(config, Rc::clone(&data)).unwrap();
        while !trainer.is_finished() {
            trainer.step(17);
        }
        trainer
    };
    let (mut a, b) = (run(config.clone()), run(config.clone()));
    assert_eq!(a.network(), b.network(), "dropout masks, augmentation and shuffles are all seeded");
    let correct = a.evaluate(SplitName::Validation, 0, 200);
    println!("everything on: {correct}/200 after 2 epochs on 800");
    assert!(correct > 120);
    let mut swapped = Trainer::new(config, Rc::clone(&data)).unwrap();
    swapped.step(30);
    swapped
        .set_optimizer(OptimizerConfig::Adam { beta1: 0.9, beta2: 0.999, eps: 1e-8, bias_correction: true })
        .unwrap();
    let progress = swapped.step(30);
    assert!(progress.loss.is_finite());
    let bad = swapped.set_optimizer(OptimizerConfig::Momentum { beta: 2.0, form: Default::default() }).unwrap_err();
    assert_eq!(bad.0[0].message, "optimizer.beta must be in [0, 1), got 2");
}

#[test]
fn every_new_field_is_validated_with_its_name_and_range() {
    let data = Rc::new(common::sample_mnist());
    let config = TrainConfig {
        hidden_activation: Activation::Softmax,
        output_activation: Activation::Maxout,
        cost: Cost::CrossEntropy,
        activation_param: f32::INFINITY,
        lambda: -1.0,
        dropout: vec![0.5, 1.0, 0.1],
        bn_eps: 0.0,
        bn_momentum: 1.0,
        optimizer: OptimizerConfig::Adam { beta1: 1.0, beta2: 0.5, eps: 0.0, bias_correction: true },
        schedule: Schedule { decay: Decay::Step { drop: 2.0, every: 0.0 }, warmup: -1.0 },
        augmentation: Augmentation { rotate: 400.0, elastic_sigma: 0.0, ..Augmentation::default() },
        early_stopping: 2,
        n_validation: 0,
        ..small(1)
    };
    let errors = Trainer::new(config, data).err().expect("invalid").0;
    for error in &errors {
        println!("{}: {}", error.field, error.message);
    }
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "hiddenActivation",
            "outputActivation",
            "cost",
            "activationParam",
            "lambda",
            "dropout",
            "dropout",
            "bnEps",
            "bnMomentum",
            "optimizer.beta1",
            "optimizer.eps",
            "schedule.decay.every",
            "schedule.decay.drop",
            "schedule.warmup",
            "augmentation.rotate",
            "augmentation.elasticSigma",
            "earlyStopping"
        ]
    );
    assert!(errors.iter().any(|e| e.message == "lambda must be between 0 and 10000, got -1"));
    assert!(errors.iter().any(|e| e.message == "dropout[1] must be in [0, 1), got 1"));
}

#[test]
fn each_layer_can_have_its_own_activation() {
    let data = Rc::new(common::sample_mnist());
    let config = TrainConfig {
        sizes: vec![784, 32, 16, 10],
        activations: vec![Activation::Maxout, Activation::Elu, Activation::Softmax],
        cost: Cost::CategoricalCrossEntropy,
        init: nnlab::nn::Init::ScaledGaussian,
        eta: 0.1,
        ..small(2)
    };
    let mut trainer = Trainer::new(config.clone(), Rc::clone(&data)).unwrap();
    let kinds: Vec<Activation> = trainer.network().layers.iter().map(|l| l.activation).collect();
    assert_eq!(kinds, config.activations);
    assert_eq!(trainer.network().layers[0].w.len(), 2 * 32 * 784, "maxout with k = 2 pieces");
    while !trainer.is_finished() {
        trainer.step(1000);
    }
    let correct = trainer.evaluate(SplitName::Validation, 0, 200);
    println!("maxout → ELU → softmax: {correct}/200 after 2 epochs on 800");
    assert!(correct > 120);
    let bad =
        TrainConfig { activations: vec![Activation::Softmax, Activation::Relu, Activation::Maxout], ..config.clone() };
    let messages: Vec<String> =
        Trainer::new(bad, Rc::clone(&data)).err().unwrap().0.into_iter().map(|e| e.message).collect();
    assert_eq!(
        messages[..2],
        [
            "activations[0] is a hidden layer: softmax belongs to the output layer".to_string(),
            "activations[2] (the output layer) must not be maxout or prelu, got Maxout".to_string(),
        ]
    );
    let short = TrainConfig { activations: vec![Activation::Relu], ..config };
    assert_eq!(
        Trainer::new(short, data).err().unwrap().0[0].message,
        "activations must list one activation per layer after the input (3), got 1"
    );
}
