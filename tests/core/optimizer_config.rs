//! An optimizer or schedule written with its kind only takes the papers' defaults; out-of-range hyperparameters are
//! named for every optimizer that has them; and every optimizer steps on the mean gradient (1/m) Σₓ ∇Cₓ of its
//! mini-batch, whatever m is (the golden values in `optimizers.rs` all use m = 1).

use nnlab::nn::{ParamKind, Regularization};
use nnlab::optim::{Decay, MomentumForm, Optimizer, OptimizerConfig, Schedule};

fn optimizer(json: &str) -> OptimizerConfig {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
}

#[test]
fn a_kind_alone_takes_the_published_defaults() {
    // Momentum β = 0.9 (Sutskever et al. 2013); RMSProp's decay 0.9 (Hinton's lecture 6e); Adam β₁ = 0.9,
    // β₂ = 0.999, ε = 1e−8 with bias correction (Kingma & Ba 2015, Algorithm 1); AdamW's decay 0.01 (PyTorch).
    let cases = [
        (r#"{"kind": "momentum"}"#, OptimizerConfig::Momentum { beta: 0.9, form: MomentumForm::Velocity }),
        (r#"{"kind": "nesterov"}"#, OptimizerConfig::Nesterov { beta: 0.9 }),
        (r#"{"kind": "adagrad"}"#, OptimizerConfig::Adagrad { eps: 1e-8 }),
        (r#"{"kind": "rmsprop"}"#, OptimizerConfig::Rmsprop { beta2: 0.9, eps: 1e-8 }),
        (r#"{"kind": "adam"}"#, OptimizerConfig::Adam { beta1: 0.9, beta2: 0.999, eps: 1e-8, bias_correction: true }),
        (r#"{"kind": "adamw"}"#, OptimizerConfig::AdamW { beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.01 }),
    ];
    for (json, expected) in cases {
        assert_eq!(optimizer(json), expected, "{json}");
        assert!(expected.problems().is_empty(), "the defaults are valid: {json}");
    }
    // Schedules: step halves η every 10 epochs; linear falls to 1% over 30; exponential and 1/t use k = 0.1,
    // 1/√t k = 1 — the values the page starts from.
    let schedules = [
        (r#"{"kind": "step"}"#, Decay::Step { drop: 0.5, every: 10.0 }),
        (r#"{"kind": "linear"}"#, Decay::Linear { end: 0.01, over: 30.0 }),
        (r#"{"kind": "exponential"}"#, Decay::Exponential { k: 0.1 }),
        (r#"{"kind": "inverse"}"#, Decay::Inverse { k: 0.1 }),
        (r#"{"kind": "inverseSqrt"}"#, Decay::InverseSqrt { k: 1.0 }),
    ];
    for (json, expected) in schedules {
        let schedule: Schedule = serde_json::from_str(&format!(r#"{{"decay": {json}}}"#)).unwrap();
        assert_eq!(schedule, Schedule { decay: expected, warmup: 0.0 }, "{json}");
    }
}

#[test]
fn every_optimizer_with_an_epsilon_or_a_decay_checks_it() {
    for kind in ["adagrad", "rmsprop", "adam", "adamw"] {
        for eps in ["0", "-1e-8", "2"] {
            let problems = optimizer(&format!(r#"{{"kind": "{kind}", "eps": {eps}}}"#)).problems();
            assert!(problems.iter().any(|(field, _)| *field == "eps"), "{kind}, ε = {eps}: {problems:?}");
        }
        assert!(optimizer(&format!(r#"{{"kind": "{kind}", "eps": 1}}"#)).problems().is_empty(), "{kind}, ε = 1");
    }
    for (decay, ok) in [("0", true), ("1", true), ("0.3", true), ("-0.1", false), ("1.5", false)] {
        let problems = optimizer(&format!(r#"{{"kind": "adamw", "weightDecay": {decay}}}"#)).problems();
        assert_eq!(problems.is_empty(), ok, "weight decay {decay}: {problems:?}");
    }
}

#[test]
fn every_optimizer_steps_on_the_mean_gradient_of_its_mini_batch() {
    // A gradient summed over m = 4 examples must move θ exactly as its mean does with m = 1 (÷4 is exact in
    // binary), for three steps, weights and biases alike.
    let configs = [
        OptimizerConfig::Sgd,
        OptimizerConfig::Momentum { beta: 0.9, form: MomentumForm::Velocity },
        OptimizerConfig::Momentum { beta: 0.9, form: MomentumForm::Accumulated },
        OptimizerConfig::Nesterov { beta: 0.9 },
        OptimizerConfig::Adagrad { eps: 1e-8 },
        OptimizerConfig::Rmsprop { beta2: 0.9, eps: 1e-8 },
        OptimizerConfig::Adam { beta1: 0.9, beta2: 0.999, eps: 1e-8, bias_correction: true },
        OptimizerConfig::AdamW { beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.01 },
    ];
    for config in configs {
        let mut summed = ([1.0f32, -2.0, 0.5], Optimizer::new(config, &[3]));
        let mut mean = ([1.0f32, -2.0, 0.5], Optimizer::new(config, &[3]));
        for step in 0..3 {
            for kind in [ParamKind::Weight, ParamKind::Other] {
                let sum = [4.0 * summed.0[0], -8.0 * summed.0[1], summed.0[2]];
                summed.1.begin_step();
                summed.1.update(0, kind, 0.1, &mut summed.0, &sum, 4, &Regularization::NONE);
                let avg = sum.map(|g| g / 4.0);
                mean.1.begin_step();
                mean.1.update(0, kind, 0.1, &mut mean.0, &avg, 1, &Regularization::NONE);
                assert_eq!(summed.0, mean.0, "{config:?}, step {step}, {kind:?}");
            }
        }
        assert_ne!(summed.0, [1.0, -2.0, 0.5], "{config:?} moved");
    }
}
