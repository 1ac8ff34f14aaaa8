//! A config's validation at each bound it states, from both sides: the value on the bound passes, the one past it
//! is named with its message. (All the messages of one bad config at once: `trainer.rs`; memory: `tests/memory.rs`.)

use nnlab::nn::{Activation, Cost};
use nnlab::train::config::DataShape;
use nnlab::train::TrainConfig;

const MNIST: DataShape = DataShape { input_len: 784, classes: 10, train_available: 60_000 };

/// The messages validation gives for `config` on full MNIST (none if it passes).
fn problems(config: TrainConfig) -> Vec<String> {
    config.validate(MNIST).err().map_or_else(Vec::new, |e| e.0.into_iter().map(|e| e.message).collect())
}

#[test]
fn the_output_layer_has_one_neuron_per_class() {
    let sizes = |sizes: Vec<usize>| problems(TrainConfig { sizes, ..TrainConfig::default() });
    assert_eq!(sizes(vec![784, 30, 5]), ["the output layer must have 10 neurons (one per class), got 5"]);
    assert_eq!(sizes(vec![784, 10]), Vec::<String>::new());
    assert_eq!(sizes(vec![784]), ["sizes must list at least an input and an output layer, got 1 layer(s)"]);
}

#[test]
fn eta_must_be_positive_and_n_train_between_1_and_the_images_there_are() {
    let eta = |eta: f32| problems(TrainConfig { eta, ..TrainConfig::default() });
    assert_eq!(eta(0.0), ["eta must be > 0 and finite, got 0"]);
    assert_eq!(eta(1e-6), Vec::<String>::new());
    let n_train =
        |n_train: usize| problems(TrainConfig { n_train, n_validation: 0, batch_size: 1, ..TrainConfig::default() });
    assert_eq!(n_train(60_000), Vec::<String>::new(), "every training image");
    assert_eq!(n_train(60_001), ["nTrain must be between 1 and 60000, got 60001"]);
    assert_eq!(n_train(0)[0], "nTrain must be between 1 and 60000, got 0");
}

#[test]
fn the_activation_parameter_lies_within_100_of_0() {
    let param = |activation_param: f32| problems(TrainConfig { activation_param, ..TrainConfig::default() });
    assert_eq!(param(100.0), Vec::<String>::new());
    assert_eq!(param(-100.0), Vec::<String>::new());
    assert_eq!(param(150.0), ["activationParam must be between -100 and 100, got 150"]);
    assert_eq!(param(f32::INFINITY), ["activationParam must be between -100 and 100, got inf"]);
}

#[test]
fn both_cross_entropies_need_outputs_in_0_1() {
    let run = |cost: Cost, output_activation: Activation| {
        problems(TrainConfig { cost, output_activation, ..TrainConfig::default() })
    };
    assert_eq!(
        run(Cost::CategoricalCrossEntropy, Activation::Identity),
        ["cost categoricalCrossEntropy needs outputs in (0, 1): outputActivation softmax or sigmoid"]
    );
    assert_eq!(
        run(Cost::CrossEntropy, Activation::Relu),
        ["cost crossEntropy needs outputs in (0, 1): outputActivation sigmoid or softmax"]
    );
    for output in [Activation::Softmax, Activation::Sigmoid] {
        assert_eq!(run(Cost::CategoricalCrossEntropy, output), Vec::<String>::new(), "{output:?}");
        assert_eq!(run(Cost::CrossEntropy, output), Vec::<String>::new(), "{output:?}");
    }
}
