//! Defects 3 and 4 of issue 14: divergence is caught within one mini-batch with the last good weights kept, a
//! network with non-finite weights answers with an error, and a run that is not learning says so in its record.

use crate::common;

use nnlab::nn::{Activation, Cost};
use nnlab::train::divergence::SNAPSHOT_EVERY;
use nnlab::train::{Divergence, NotFinite, SplitName, TrainConfig, Trainer};
use std::rc::Rc;

fn sample() -> TrainConfig {
    TrainConfig { n_train: 800, n_validation: 200, epochs: 2, ..TrainConfig::default() }
}

/// Defect 3 of issue 14: a run whose weights were all NaN reported a finite cross-entropy (690.78, from
/// `NaN.max(1e-30)`) and "finished" at chance; now it stops within the mini-batch, says why, and keeps finite weights.
#[test]
fn a_diverging_run_stops_within_one_mini_batch_and_keeps_finite_weights() {
    let data = Rc::new(common::sample_mnist());
    for (name, config) in [
        (
            "ReLU, identity output, quadratic, η = 1e4",
            TrainConfig {
                hidden_activation: Activation::Relu,
                output_activation: Activation::Identity,
                eta: 1e4,
                ..sample()
            },
        ),
        (
            "sigmoid, softmax, categorical cross-entropy, η = 1e38",
            TrainConfig {
                output_activation: Activation::Softmax,
                cost: Cost::CategoricalCrossEntropy,
                eta: 1e38,
                ..sample()
            },
        ),
    ] {
        let mut trainer = Trainer::new(config, Rc::clone(&data)).unwrap();
        let mut batches = 0;
        let last = loop {
            let progress = trainer.step(1);
            batches += progress.batches_run;
            if progress.diverged || progress.finished {
                break progress;
            }
        };
        println!("{name}: diverged after {batches} mini-batch(es), reason {:?}", last.divergence);
        assert!(last.diverged, "{name}");
        assert!(last.divergence.is_some());
        assert!(!last.loss.is_finite() || last.divergence != Some(Divergence::Loss));
        assert!(trainer.network().params_finite(), "{name}: the last good weights are restored");
        assert_eq!(trainer.step(10).batches_run, 0, "a diverged run trains no more");
        assert!(trainer.predict(SplitName::Test, 0).unwrap().is_some(), "the restored network still answers");
    }
}

/// Defect 3 of issue 14: `predict` and `evaluate` on non-finite weights answered class 0.
#[test]
fn non_finite_weights_give_an_error_not_class_0() {
    let data = Rc::new(common::sample_mnist());
    let mut trainer = Trainer::new(sample(), data).unwrap();
    trainer.poison_params(f32::NAN);
    assert_eq!(trainer.predict(SplitName::Test, 0), Err(NotFinite::Weights));
    assert_eq!(trainer.outputs(SplitName::Test, 0).err(), Some(NotFinite::Weights));
    assert_eq!(trainer.checked_evaluate(SplitName::Test, 0, 100), Err(NotFinite::Weights));
    assert_eq!(trainer.evaluate(SplitName::Test, 0, 100), 0, "never counted right");
    assert_eq!(trainer.metrics(SplitName::Test, 0, 100).err(), Some(NotFinite::Weights));
    assert!(NotFinite::Weights.to_string().starts_with("the network's weights are not finite (NaN or ∞)"));
    let progress = trainer.step(1);
    assert_eq!((progress.diverged, progress.divergence), (true, Some(Divergence::Loss)));
}

/// Divergence goes back to the last snapshot: the one taken after mini-batch 64 (`SNAPSHOT_EVERY`) once 64 good
/// mini-batches have run, the starting weights before that. A snapshot that never moved on from the start would
/// throw away a whole run's training on its first NaN.
#[test]
fn divergence_restores_the_snapshot_of_the_last_64th_good_mini_batch() {
    assert_eq!(SNAPSHOT_EVERY, 64);
    let data = Rc::new(common::sample_mnist());
    let diverge = |trainer: &mut Trainer| {
        trainer.poison_params(f32::NAN);
        assert!(trainer.step(1).diverged);
    };

    let mut early = Trainer::new(sample(), Rc::clone(&data)).unwrap();
    let start = early.network().clone();
    assert_eq!(early.step(10).batches_run, 10);
    assert_ne!(early.network(), &start);
    diverge(&mut early);
    assert_eq!(early.network(), &start, "before 64 good mini-batches: the starting weights");

    let mut late = Trainer::new(sample(), data).unwrap();
    let start = late.network().clone();
    assert_eq!(late.step(64).batches_run, 64);
    let after_64 = late.network().clone();
    assert_eq!(late.step(6).batches_run, 6);
    assert!(after_64 != start && late.network() != &after_64);
    diverge(&mut late);
    assert_eq!(late.network(), &after_64, "after 70 good mini-batches: the weights after the 64th");
}

/// Defect 4 of issue 14: η = 100 with sigmoid outputs saturated the network; the loss stayed finite and flat and
/// the run "finished" at 10% without a word. The record now shows the saturation, the flat cost and the chance
/// level; a sound run shows none of them.
#[test]
fn a_run_that_is_not_learning_shows_it_in_its_record() {
    let data = Rc::new(common::sample_mnist());
    // the record of the third epoch's end
    let third = |config: TrainConfig| {
        let mut trainer = Trainer::new(TrainConfig { epochs: 3, ..config }, Rc::clone(&data)).unwrap();
        loop {
            let progress = trainer.step(usize::MAX);
            if progress.finished {
                break progress;
            }
        }
    };
    let stuck = third(TrainConfig { eta: 100.0, ..sample() });
    let sound = third(sample());
    for (name, p) in [("η = 100", stuck), ("η = 3", sound)] {
        println!(
            "{name}: saturated {:.3}, epoch loss {:.4}, change {:+.4}, training accuracy {:.3}",
            p.saturated, p.epoch_loss, p.epoch_loss_change, p.epoch_accuracy
        );
    }
    assert!(stuck.saturated > 0.85, "{}", stuck.saturated);
    assert!(stuck.epoch_loss_change.abs() < 0.05, "{}", stuck.epoch_loss_change);
    assert!(stuck.epoch_accuracy < 0.2, "{}", stuck.epoch_accuracy);
    assert!(sound.saturated < 0.6, "{}", sound.saturated);
    assert!(sound.epoch_accuracy > 0.5, "{}", sound.epoch_accuracy);
    assert!(sound.epoch_loss_change < -0.05, "{}", sound.epoch_loss_change);
    assert!(!stuck.diverged, "saturated is not diverged: the loss stays finite");
}

/// `params_finite` sums each tensor (8 lanes, then the tail): a sum past f32::MAX (3.4028e38) counts as diverged,
/// a large but finite one does not. By hand: 2e38 + 2e38 = 4e38 overflows — in the tail or across two chunks —
/// while 3e38 + 2 is finite.
#[test]
fn sums_past_the_largest_float_count_as_diverged_and_large_finite_ones_do_not() {
    use nnlab::math::rng::Rng;
    use nnlab::nn::{Init, Network};
    let mut network = Network::new(
        &[9, 1],
        Activation::Sigmoid,
        Activation::Sigmoid,
        Cost::Quadratic,
        Init::Gaussian,
        &mut Rng::new(1, 0),
    );
    let mut with = |w: [f32; 9]| {
        network.layers[0].w.copy_from_slice(&w);
        network.params_finite()
    };
    assert!(with([3e38, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0]), "3e38 + 2 is finite");
    assert!(!with([2e38, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2e38]), "a chunk's 2e38 + the tail's 2e38 overflow");
    assert!(!with([f32::NAN, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]) && !with([1.0; 9].map(|x| x * f32::INFINITY)));
    let mut wide = Network::new(
        &[16, 1],
        Activation::Sigmoid,
        Activation::Sigmoid,
        Cost::Quadratic,
        Init::Gaussian,
        &mut Rng::new(1, 0),
    );
    wide.layers[0].w.fill(0.0);
    wide.layers[0].w[0] = 2e38;
    wide.layers[0].w[8] = 2e38;
    assert!(!wide.params_finite(), "one lane's 2e38 + 2e38 over two chunks overflows");
    wide.layers[0].w[8] = -2e38;
    assert!(wide.params_finite());
}
