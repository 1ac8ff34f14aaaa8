//! An optimizer or schedule written with its kind only takes the papers' defaults; out-of-range hyperparameters are
//! named for every optimizer that has them; and every optimizer steps on the mean gradient (1/m) Σₓ ∇Cₓ of its
//! mini-batch, whatever m is, and adds the penalty's gradient to the weights' (the golden values in `optimizers.rs`
//! all use m = 1 and no penalty).

use nnlab::nn::{ParamKind, Penalty, Regularization};
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

const ALL: [OptimizerConfig; 8] = [
    OptimizerConfig::Sgd,
    OptimizerConfig::Momentum { beta: 0.9, form: MomentumForm::Velocity },
    OptimizerConfig::Momentum { beta: 0.9, form: MomentumForm::Accumulated },
    OptimizerConfig::Nesterov { beta: 0.9 },
    OptimizerConfig::Adagrad { eps: 1e-8 },
    OptimizerConfig::Rmsprop { beta2: 0.9, eps: 1e-8 },
    OptimizerConfig::Adam { beta1: 0.9, beta2: 0.999, eps: 1e-8, bias_correction: true },
    OptimizerConfig::AdamW { beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.01 },
];

#[test]
fn every_optimizer_adds_the_penalty_gradient_to_weights_only() {
    // ∂C/∂w = ∂C₀/∂w + (λ/n) w (L2) or + (λ/n) sgn w (L1), with λ/n = 2/8 here: stepping with the penalty must
    // equal stepping on that sum without it (SGD's weight-decay form (1 − ηλ/n) w − η g agrees to rounding).
    // Biases are not penalized.
    for config in ALL {
        for penalty in [Penalty::L2, Penalty::L1] {
            let reg = Regularization { penalty, lambda: 2.0, n_train: 8 };
            let theta = [1.0f32, -2.0, 0.5];
            let grad = [0.5f32, 1.0, -0.25];
            let (mut with, mut by_hand, mut bias) = (theta, theta, theta);
            let (mut a, mut b, mut c) =
                (Optimizer::new(config, &[3]), Optimizer::new(config, &[3]), Optimizer::new(config, &[3]));
            for _ in 0..3 {
                let total: Vec<f32> = by_hand
                    .iter()
                    .zip(&grad)
                    .map(|(w, g)| g + 0.25 * if penalty == Penalty::L2 { *w } else { w.signum() })
                    .collect();
                let plain = bias;
                for o in [&mut a, &mut b, &mut c] {
                    o.begin_step();
                }
                a.update(0, ParamKind::Weight, 0.1, &mut with, &grad, 1, &reg);
                b.update(0, ParamKind::Weight, 0.1, &mut by_hand, &total, 1, &Regularization::NONE);
                c.update(0, ParamKind::Other, 0.1, &mut bias, &grad, 1, &reg);
                assert!(bias.iter().zip(&plain).any(|(x, y)| x != y), "{config:?}: biases still move");
                for (x, y) in with.iter().zip(&by_hand) {
                    assert!((x - y).abs() < 1e-6, "{config:?} {penalty:?}: {with:?} vs {by_hand:?}");
                }
            }
            // Three steps of a bias with the penalty on equal three steps without it.
            let (mut free, mut o) = (theta, Optimizer::new(config, &[3]));
            for _ in 0..3 {
                o.begin_step();
                o.update(0, ParamKind::Other, 0.1, &mut free, &grad, 1, &Regularization::NONE);
            }
            assert_eq!(bias, free, "{config:?} {penalty:?}: biases are not penalized");
        }
    }
}

#[test]
fn every_optimizer_steps_on_the_mean_gradient_of_its_mini_batch() {
    // A gradient summed over m = 4 examples must move θ exactly as its mean does with m = 1 (÷4 is exact in
    // binary), for three steps, weights and biases alike.
    for config in ALL {
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

#[test]
fn schedule_parameters_out_of_range_are_named_and_the_defaults_pass() {
    let problems = |json: &str| {
        let schedule: Schedule = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
        schedule.problems().into_iter().map(|(field, _)| field).collect::<Vec<_>>()
    };
    for (json, expected) in [
        (r#"{"decay": {"kind": "step", "drop": 0.5, "every": 10}}"#, vec![]),
        (r#"{"decay": {"kind": "step", "drop": 1, "every": 0.5}}"#, vec![]),
        (r#"{"decay": {"kind": "step", "drop": 0, "every": 10}}"#, vec!["drop"]),
        (r#"{"decay": {"kind": "step", "drop": 1.5, "every": 10}}"#, vec!["drop"]),
        (r#"{"decay": {"kind": "step", "drop": 0.5, "every": 0}}"#, vec!["every"]),
        (r#"{"decay": {"kind": "step", "drop": 0.5, "every": -2}}"#, vec!["every"]),
        (r#"{"decay": {"kind": "linear", "end": 0.01, "over": 30}}"#, vec![]),
        (r#"{"decay": {"kind": "linear", "end": 0, "over": 30}}"#, vec![]),
        (r#"{"decay": {"kind": "linear", "end": 1.5, "over": 30}}"#, vec!["end"]),
        (r#"{"decay": {"kind": "linear", "end": -0.1, "over": 30}}"#, vec!["end"]),
        (r#"{"decay": {"kind": "exponential", "k": 0}}"#, vec![]),
        (r#"{"decay": {"kind": "inverse", "k": -1}}"#, vec!["k"]),
        (r#"{"decay": {"kind": "inverseSqrt", "k": 2}}"#, vec![]),
        (r#"{"warmup": 3}"#, vec![]),
        (r#"{"warmup": -1}"#, vec!["warmup"]),
    ] {
        assert_eq!(problems(json), expected, "{json}");
    }
    let infinite = Schedule { decay: Decay::Exponential { k: f32::INFINITY }, warmup: 0.0 };
    assert_eq!(infinite.problems().len(), 1, "k = ∞ is refused");
    let infinite = Schedule { decay: Decay::Step { drop: 0.5, every: f32::INFINITY }, warmup: 0.0 };
    assert_eq!(infinite.problems().len(), 1, "every = ∞ is refused");
}

#[test]
fn epsilon_is_added_to_the_root_in_the_denominator() {
    // One step from θ = 1 with a gradient as small as ε's scale (g = 1e−6, ε = 1e−8, η = 0.1), by hand:
    // AdaGrad and Adam (bias-corrected: m̂ = g, v̂ = g²): θ − η g/(|g| + ε) = 1 − 0.1/1.01 = 0.9009901;
    // RMSProp (decay 0.9: s = 0.1 g²): 1 − 0.1 g/(√0.1 |g| + ε) = 1 − 0.1/(0.3162278 + 0.01) = 0.6934657.
    let cases = [
        (OptimizerConfig::Adagrad { eps: 1e-8 }, 0.900_990_1),
        (OptimizerConfig::Rmsprop { beta2: 0.9, eps: 1e-8 }, 0.693_465_7),
        (OptimizerConfig::Adam { beta1: 0.9, beta2: 0.999, eps: 1e-8, bias_correction: true }, 0.900_990_1),
    ];
    // The same mean gradient as a sum over m = 4 (these steps are scale-free but for ε, so only ε shows a sum
    // that was not divided by m).
    for (config, expected) in cases {
        for (sum, m) in [(1e-6, 1), (4e-6, 4)] {
            let mut theta = [1.0f32];
            let mut optimizer = Optimizer::new(config, &[1]);
            optimizer.begin_step();
            optimizer.update(0, ParamKind::Weight, 0.1, &mut theta, &[sum], m, &Regularization::NONE);
            assert!((f64::from(theta[0]) - expected).abs() < 2e-6, "{config:?}, m = {m}: {} vs {expected}", theta[0]);
        }
    }
}
