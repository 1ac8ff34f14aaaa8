//! The playground's 2-D datasets and its run: seeded points with the class balance and range each set claims, the
//! train/test split, the grid of activations against the trainer's own outputs, and a spiral that trains.

use nnlab::data::plane::{self, Feature, PlaneSet, EXTENT};
use nnlab::nn::{Activation, BiasInit, Cost, Init, Penalty};
use nnlab::optim::OptimizerConfig;
use nnlab::train::playground::{Playground, PlaygroundSetup};
use nnlab::train::{SplitName, TrainConfig};

#[test]
fn the_same_seed_gives_the_same_points_and_another_seed_does_not() {
    for set in PlaneSet::ALL {
        let a = plane::generate(set, 200, 3, 0.2, 7);
        assert_eq!(a, plane::generate(set, 200, 3, 0.2, 7), "{set:?}");
        assert_ne!(a.x, plane::generate(set, 200, 3, 0.2, 8).x, "{set:?}");
    }
}

#[test]
fn every_set_has_the_balance_and_range_it_claims() {
    for set in PlaneSet::ALL {
        for k in [3, 5] {
            for noise in [0.0, 0.5] {
                let points = plane::generate(set, 301, k, noise, 1);
                assert_eq!(points.len(), 301);
                assert!(points.x.iter().all(|v| (-EXTENT..=EXTENT).contains(v)), "{set:?} points in [−6, 6]²");
                if set.is_regression() {
                    assert_eq!(points.classes, 0);
                    assert!(points.value.iter().all(|y| (-1.0..=1.0).contains(y)), "{set:?} targets in [−1, 1]");
                    continue;
                }
                let classes = if set.has_k() { k } else { 2 };
                assert_eq!(points.classes, classes, "{set:?}");
                for class in 0..classes {
                    let count = points.value.iter().filter(|&&y| y == class as f32).count();
                    assert!(count.abs_diff(301 / classes) <= 1, "{set:?} K={classes}: class {class} has {count}");
                }
            }
        }
    }
}

/// The shapes the doc comment describes, on noise-free points.
#[test]
fn noise_free_sets_have_their_shapes() {
    let radius = |x: &[f32]| (x[0] * x[0] + x[1] * x[1]).sqrt();
    let circle = plane::generate(PlaneSet::Circle, 400, 2, 0.0, 3);
    for (x, &y) in circle.x.chunks(2).zip(&circle.value) {
        let r = radius(x);
        assert!(if y == 1.0 { r <= 2.5 } else { (3.5..=5.0).contains(&r) }, "circle: class {y} at radius {r}");
    }
    let xor = plane::generate(PlaneSet::Xor, 400, 2, 0.0, 3);
    for (x, &y) in xor.x.chunks(2).zip(&xor.value) {
        assert_eq!(x[0] * x[1] > 0.0, y == 1.0, "xor: class {y} at {x:?}");
        assert!(x[0].abs() >= 0.3 && x[1].abs() >= 0.3);
    }
    let board = plane::generate(PlaneSet::Checkerboard, 400, 2, 0.0, 3);
    for (x, &y) in board.x.chunks(2).zip(&board.value) {
        let cell = ((x[0] + EXTENT) / 3.0).floor() as i32 + ((x[1] + EXTENT) / 3.0).floor() as i32;
        assert_eq!(cell.rem_euclid(2) as f32, y, "checkerboard at {x:?}");
    }
    let flat = plane::generate(PlaneSet::Plane, 100, 2, 0.0, 3);
    for (x, &y) in flat.x.chunks(2).zip(&flat.value) {
        assert!((y - (x[0] + x[1]) / 12.0).abs() < 1e-6, "plane: y = (x₁ + x₂)/12");
    }
    // K Gaussians: each class's mean lies near its centre 4·(cos 2πk/K, sin 2πk/K).
    let blobs = plane::generate(PlaneSet::KGaussians, 900, 3, 0.0, 3);
    for k in 0..3 {
        let members: Vec<&[f32]> =
            blobs.x.chunks(2).zip(&blobs.value).filter(|(_, &y)| y == k as f32).map(|(x, _)| x).collect();
        let mean = |c: usize| members.iter().map(|x| x[c]).sum::<f32>() / members.len() as f32;
        let angle = std::f32::consts::TAU * k as f32 / 3.0;
        assert!((mean(0) - 4.0 * angle.cos()).abs() < 0.2 && (mean(1) - 4.0 * angle.sin()).abs() < 0.2, "class {k}");
    }
}

#[test]
fn the_split_is_seeded_disjoint_and_of_the_asked_share() {
    let (order, n_train) = plane::train_test_order(500, 0.7, 9);
    assert_eq!(n_train, 350);
    let mut sorted = order.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, (0..500).collect::<Vec<_>>(), "a permutation: every point in exactly one split");
    assert_eq!(plane::train_test_order(500, 0.7, 9).0, order);
    // At least one point on each side, whatever the share: all-training would leave nothing to test on.
    assert_eq!(plane::train_test_order(10, 1.0, 9).1, 9);
    assert_eq!(plane::train_test_order(10, 0.0, 9).1, 1);
    assert_eq!(plane::train_test_order(1, 0.5, 9).1, 1, "one point: it trains");
}

#[test]
fn features_are_the_seven_functions_of_the_point() {
    let mut row = [0.0; 7];
    // At x₁ = 3 (not 2, where x₁·x₁ = x₁ + x₁).
    Feature::fill(&Feature::ALL, 3.0, -0.5, &mut row);
    assert_eq!(row, [3.0, -0.5, 9.0, 0.25, -1.5, 3.0f32.sin(), (-0.5f32).sin()]);
}

fn spiral_run() -> (PlaygroundSetup, TrainConfig) {
    let setup = PlaygroundSetup { dataset: PlaneSet::Spiral, features: Feature::ALL.to_vec(), ..Default::default() };
    let config = TrainConfig {
        sizes: vec![7, 8, 8, 2],
        activations: vec![Activation::Tanh, Activation::Tanh, Activation::Softmax],
        cost: Cost::CategoricalCrossEntropy,
        init: Init::GlorotUniform,
        bias_init: BiasInit::Zero,
        optimizer: OptimizerConfig::Adam { beta1: 0.9, beta2: 0.999, eps: 1e-8, bias_correction: true },
        eta: 0.01,
        batch_size: 10,
        epochs: 10_000,
        seed: 1,
        ..TrainConfig::default()
    };
    (setup, config)
}

#[test]
fn a_spiral_trains_to_ninety_percent_on_its_test_points() {
    let (setup, config) = spiral_run();
    let mut run = Playground::new(setup, config).expect("valid run");
    let mut epochs = 0;
    let mut accuracy = 0.0;
    while epochs < 300 {
        run.trainer.step(1000);
        epochs += 1;
        let test = run.trainer.split(SplitName::Test).len();
        accuracy = run.trainer.metrics(SplitName::Test, 0, test).expect("finite").accuracy;
        if accuracy >= 0.95 {
            break;
        }
    }
    println!("spiral: test accuracy {accuracy} after {epochs} epochs");
    assert!(accuracy >= 0.9);
}

#[test]
fn the_grid_holds_the_features_and_the_outputs_the_trainer_computes() {
    let (setup, config) = spiral_run();
    let mut run = Playground::new(setup, config).expect("valid run");
    run.trainer.step(30);
    let g = 8;
    let grid = run.grid_activations(g).expect("grid").to_vec();
    let sizes = run.trainer.network().sizes();
    assert_eq!(grid.len(), g * g * sizes.iter().sum::<usize>());
    let network = run.trainer.network();
    let mut ws = network.workspace(1);
    for (gx, gy) in [(0, 0), (3, 5), (7, 7)] {
        let (x1, x2) = Playground::grid_point(g, gx, gy);
        let cell = gy * g + gx;
        Feature::fill(&Feature::ALL, x1, x2, ws.input_mut(1));
        for (i, feature) in Feature::ALL.iter().enumerate() {
            assert_eq!(grid[i * g * g + cell], feature.value(x1, x2), "input feature {feature:?}");
        }
        let outputs = network.feedforward(&mut ws, 1).to_vec();
        let offset = g * g * (sizes.iter().sum::<usize>() - 2);
        for (j, a) in outputs.iter().enumerate() {
            assert!((grid[offset + j * g * g + cell] - a).abs() < 1e-6, "output {j} at cell ({gx}, {gy})");
        }
    }
    assert_eq!(Playground::grid_point(g, 0, 0), (-5.25, 5.25), "row 0 is the top, cells centred");
    assert_eq!(run.grid_len(), grid.len());
    // A finer grid, then the first again (the student moves the resolution slider): each the size and the values
    // of its resolution, the same as the first time.
    let per_cell = sizes.iter().sum::<usize>();
    let fine = run.grid_activations(16).expect("grid").to_vec();
    assert_eq!((fine.len(), run.grid_len()), (256 * per_cell, 256 * per_cell));
    let (x1, x2) = Playground::grid_point(16, 15, 15);
    assert_eq!(fine[255], Feature::X1.value(x1, x2), "feature x₁ at the last cell of the finer grid");
    assert_eq!(run.grid_activations(g).expect("grid"), grid, "back to {g} × {g}");
    assert_eq!(run.grid_len(), grid.len());
}

/// The output layer the network needs: one value for a regression, K for the K-class sets, 2 for the others.
#[test]
fn a_set_needs_one_output_per_class_or_one_value() {
    let outputs = |dataset: PlaneSet| PlaygroundSetup { dataset, classes: 4, ..Default::default() }.outputs();
    assert_eq!(outputs(PlaneSet::Plane), 1);
    assert_eq!(outputs(PlaneSet::GaussianSum), 1);
    assert_eq!(outputs(PlaneSet::KSpiral), 4);
    assert_eq!(outputs(PlaneSet::KGaussians), 4);
    assert_eq!(outputs(PlaneSet::Circle), 2);
    assert_eq!(outputs(PlaneSet::Xor), 2);
}

#[test]
fn a_bad_setup_names_its_fields() {
    let (_, config) = spiral_run();
    let setup = PlaygroundSetup { points: 3, noise: 0.9, features: vec![], ..Default::default() };
    let message = Playground::new(setup, config).err().expect("rejected").to_string();
    for field in ["points must be", "noise must be", "features must"] {
        assert!(message.contains(field), "{message}");
    }
}

#[test]
fn editing_a_weight_changes_it_and_bad_indices_are_refused() {
    let (setup, config) = spiral_run();
    let mut run = Playground::new(setup, config).expect("valid run");
    assert_eq!(run.trainer.set_weight(3, 1, 2, 1.5), Some(()));
    assert_eq!(run.trainer.network().layers[1].w[8 + 2], 1.5);
    assert_eq!(run.trainer.set_weight(1, 0, 0, 1.0), None);
    assert_eq!(run.trainer.set_weight(2, 8, 0, 1.0), None);
    assert_eq!(run.trainer.set_weight(2, 0, 0, f32::NAN), None);
}

#[test]
fn layer_activations_start_from_the_features_and_end_in_the_outputs() {
    let (setup, config) = spiral_run();
    let mut run = Playground::new(setup, config).expect("valid run");
    run.trainer.step(50);
    let inputs = run.layer_activations(SplitName::Test, 1).expect("layer 1");
    let outputs = run.layer_activations(SplitName::Test, 4).expect("layer L");
    assert!(run.layer_activations(SplitName::Test, 5).is_none());
    let test = run.trainer.split(SplitName::Test);
    let first = test.images().is_none().then(|| {
        let mut x = vec![0.0; 7];
        let mut y = vec![0.0; 2];
        test.fill_batch(0..1, &mut x, &mut y, 2);
        x
    });
    assert_eq!(Some(inputs[..7].to_vec()), first);
    let correct = outputs.chunks(2).enumerate().filter(|(i, a)| usize::from(a[1] > a[0]) == test.label(*i)).count();
    let n = test.len();
    assert_eq!(correct, run.trainer.metrics(SplitName::Test, 0, n).expect("finite").correct);
}

#[test]
fn rates_and_biases_change_mid_run_and_bad_ones_are_named() {
    let (setup, config) = spiral_run();
    let mut run = Playground::new(setup, config).expect("valid run");
    run.trainer.step(5);
    let before = run.trainer.network().layers[0].w.clone();
    run.trainer.set_rates(0.5, Penalty::L2, 0.01).expect("valid rates");
    assert_eq!(run.trainer.network().layers[0].w, before, "the weights are kept");
    let config = run.trainer.config();
    assert_eq!((config.eta, config.regularization, config.lambda), (0.5, Penalty::L2, 0.01), "the saved config too");
    let n = run.trainer.split(SplitName::Train).len();
    let metrics = run.trainer.metrics(SplitName::Train, 0, n).expect("finite");
    let sum_sq: f32 = run.trainer.network().layers.iter().flat_map(|layer| &layer.w).map(|w| w * w).sum();
    let penalty = 0.01 / (2.0 * n as f32) * sum_sq;
    assert!((metrics.loss - metrics.data_loss - penalty).abs() < 1e-4 * penalty.max(1e-3), "C = C₀ + λ/2n Σw²");
    let message = run.trainer.set_rates(-1.0, Penalty::L1, 1e9).expect_err("invalid").to_string();
    assert!(message.contains("eta must be") && message.contains("lambda must be"), "{message}");
    assert_eq!(run.trainer.set_bias(4, 1, 2.5), Some(()));
    assert_eq!(run.trainer.network().layers[2].b[1], 2.5);
    assert_eq!(run.trainer.set_bias(4, 2, 1.0), None);
}
