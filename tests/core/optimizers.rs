//! Golden values for every optimizer and schedule, the momentum forms' equivalence, state reset on swapping, and
//! optimizer paths on the 2-D surfaces.

use nnlab::lab::surface::Surface;
use nnlab::nn::{ParamKind, Penalty, Regularization};
use nnlab::optim::{Decay, MomentumForm, Optimizer, OptimizerConfig, Schedule};

/// Three steps on f(θ) = ½ Σ cᵢ θᵢ², c = (1, 4, ¼), θ₀ = (1, −2, ½), η = 0.1, ∇f = c ⊙ θ, m = 1.
fn three_steps(config: OptimizerConfig) -> [f32; 3] {
    three_steps_with(&mut Optimizer::new(config, &[3]))
}

fn assert_close(name: &str, got: [f32; 3], expected: [f64; 3]) {
    let worst =
        got.iter().zip(&expected).map(|(&g, &e)| (f64::from(g) - e).abs() / e.abs().max(1.0)).fold(0.0, f64::max);
    println!("{name}: {got:?}, reference {expected:?}, largest relative error {worst:.1e}");
    // f32 against f64: Adam without bias correction takes steps ≈ 3η from v ≈ 10⁻³ g², the least well-conditioned
    // case (7.8e-6); all others agree to < 1e-7.
    assert!(worst < 1e-5, "{name}: {got:?} vs {expected:?}");
}

#[test]
fn every_optimizer_matches_an_independent_reference() {
    // Expected values: numpy float64, an independent re-implementation of each paper's formula in
    // tests/golden/optimizers.py (θ ← update(θ, c ⊙ θ, t) three times with the same hyperparameters as here).
    let cases = [
        ("sgd", OptimizerConfig::Sgd, [0.729, -0.432, 0.463_429_687_5]),
        (
            "momentum (velocity form)",
            OptimizerConfig::Momentum { beta: 0.9, form: MomentumForm::Velocity },
            [0.486, 1.08, 0.431_367_187_5],
        ),
        (
            "momentum (accumulated form)",
            OptimizerConfig::Momentum { beta: 0.9, form: MomentumForm::Accumulated },
            [0.486, 1.08, 0.431_367_187_5],
        ),
        ("nesterov", OptimizerConfig::Nesterov { beta: 0.9 }, [0.327_321, 0.866_592, 0.403_680_164_062_5]),
        (
            "adagrad",
            OptimizerConfig::Adagrad { eps: 1e-8 },
            [0.780_456_183_089_382_6, -1.775_821_515_232_692_8, 0.290_899_189_578_161_85],
        ),
        (
            "rmsprop",
            OptimizerConfig::Rmsprop { beta2: 0.9, eps: 1e-8 },
            [0.369_180_567_427_794_1, -1.308_717_869_120_781_3, 0.024_435_332_660_701_525],
        ),
        (
            "adam",
            OptimizerConfig::Adam { beta1: 0.9, beta2: 0.999, eps: 1e-8, bias_correction: true },
            [0.701_586_274_504_414_7, -1.700_623_391_663_640_6, 0.204_871_274_814_358],
        ),
        (
            "adam without bias correction (the slide's form)",
            OptimizerConfig::Adam { beta1: 0.9, beta2: 0.999, eps: 1e-8, bias_correction: false },
            [-0.162_141_207_400_309_18, -0.782_942_277_150_935_6, -0.403_689_276_953_680_23],
        ),
    ];
    for (name, config, expected) in cases {
        assert_close(name, three_steps(config), expected);
    }
}

#[test]
fn adamw_decays_weights_but_not_biases() {
    // tests/golden/optimizers.py, "adamw wd=0.01": θ ← θ − η (m̂/(√v̂ + ε) + 0.01 θ); biases: its plain "adam".
    let config = OptimizerConfig::AdamW { beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.01 };
    let c = [1.0f32, 4.0, 0.25];
    let (mut w, mut b) = ([1.0f32, -2.0, 0.5], [1.0f32, -2.0, 0.5]);
    let mut optimizer = Optimizer::new(config, &[3, 3]);
    for _ in 0..3 {
        let (gw, gb) = ([c[0] * w[0], c[1] * w[1], c[2] * w[2]], [c[0] * b[0], c[1] * b[1], c[2] * b[2]]);
        optimizer.begin_step();
        optimizer.update(0, ParamKind::Weight, 0.1, &mut w, &gw, 1, &Regularization::NONE);
        optimizer.update(1, ParamKind::Other, 0.1, &mut b, &gb, 1, &Regularization::NONE);
    }
    assert_close("adamw, weights", w, [0.698_911_184_715_693, -1.694_944_514_002_363_8, 0.203_712_405_211_070_2]);
    assert_close(
        "adamw, biases (no decay: plain Adam)",
        b,
        [0.701_586_274_504_414_7, -1.700_623_391_663_640_6, 0.204_871_274_814_358],
    );
}

#[test]
fn sgd_with_l2_and_l1_is_the_slides_update() {
    // By hand: η = 0.5, λ = 2, n = 10, m = 4, w = (1, −2, ½), Σₓ ∂Cₓ/∂w = (0.4, −0.8, 1.2).
    // L2: w → (1 − ηλ/n) w − (η/m) Σ = 0.9 w − 0.125 Σ = (0.85, −1.7, 0.3).
    // L1: w → w − (ηλ/n) sgn(w) − (η/m) Σ = w − 0.1 sgn(w) − 0.125 Σ = (0.85, −1.8, 0.25).
    for (penalty, expected) in [(Penalty::L2, [0.85, -1.7, 0.3]), (Penalty::L1, [0.85, -1.8, 0.25])] {
        let reg = Regularization { penalty, lambda: 2.0, n_train: 10 };
        let mut w = [1.0f32, -2.0, 0.5];
        let mut optimizer = Optimizer::new(OptimizerConfig::Sgd, &[3]);
        optimizer.begin_step();
        optimizer.update(0, ParamKind::Weight, 0.5, &mut w, &[0.4, -0.8, 1.2], 4, &reg);
        assert_close(&format!("sgd with {penalty:?}"), w, expected);
        let mut b = [1.0f32, -2.0, 0.5];
        optimizer.update(0, ParamKind::Other, 0.5, &mut b, &[0.4, -0.8, 1.2], 4, &reg);
        assert_close("biases are never penalized", b, [0.95, -1.9, 0.35]);
    }
}

#[test]
fn the_two_momentum_forms_are_the_same_for_constant_eta() {
    for steps in [1, 10, 100] {
        let mut paths = [MomentumForm::Velocity, MomentumForm::Accumulated].map(|form| {
            Surface::Bowl.path(
                OptimizerConfig::Momentum { beta: 0.8, form },
                Schedule::default(),
                0.05,
                [3.0, 1.0],
                steps,
            )
        });
        let b = paths[1].split_off(0);
        let worst = paths[0].iter().zip(&b).map(|(x, y)| (x - y).abs()).fold(0.0f32, f32::max);
        assert!(worst < 1e-5, "after {steps} steps the forms differ by {worst}");
    }
}

/// Three steps on the same f from θ₀, continuing whatever state `optimizer` already has.
fn three_steps_with(optimizer: &mut Optimizer) -> [f32; 3] {
    let c = [1.0f32, 4.0, 0.25];
    let mut theta = [1.0f32, -2.0, 0.5];
    for _ in 0..3 {
        let g = [c[0] * theta[0], c[1] * theta[1], c[2] * theta[2]];
        optimizer.begin_step();
        optimizer.update(0, ParamKind::Other, 0.1, &mut theta, &g, 1, &Regularization::NONE);
    }
    theta
}

#[test]
fn swapping_the_optimizer_resets_its_state() {
    let adam = OptimizerConfig::Adam { beta1: 0.9, beta2: 0.999, eps: 1e-8, bias_correction: true };
    let momentum = OptimizerConfig::Momentum { beta: 0.9, form: MomentumForm::Velocity };
    for config in [adam, momentum] {
        let fresh = three_steps(config);
        let mut used = Optimizer::new(config, &[3]);
        let mut elsewhere = [5.0f32, 5.0, 5.0];
        used.begin_step();
        used.update(0, ParamKind::Other, 0.1, &mut elsewhere, &[9.0, 9.0, 9.0], 1, &Regularization::NONE);
        // The state matters: an optimizer that kept it would take other steps from θ₀ …
        assert_ne!(three_steps_with(&mut used.clone()), fresh, "{config:?}");
        // … and swapping in a new one (what Trainer::set_optimizer does, tested in tests/trainer.rs) starts from zero.
        let mut swapped = Optimizer::new(used.config, &[3]);
        assert_eq!(swapped.t, 0);
        assert_eq!(three_steps_with(&mut swapped), fresh, "{config:?}");
    }
}

#[test]
fn every_schedule_has_its_golden_values() {
    // By hand, η₀ = 1 at t = 0, 1, 2, 3, 4 (step clock): step (drop ½ every 2): 1, 1, ½, ½, ¼;
    // linear (end 0.2 over 4): 1 − 0.8 t/4 = 1, 0.8, 0.6, 0.4, 0.2; exponential (k = ln 2): 2^{−t};
    // inverse (k = 1): 1/(1 + t); inverseSqrt (k = 3): 1/√(1 + 3t) = 1, ½, 1/√7, 1/√10, 1/√13;
    // warm-up 2 then constant: (t + 1)/2 while t + 1 < 2, i.e. ½, then 1.
    let cases: [(Schedule, [f32; 5]); 7] = [
        (Schedule::default(), [1.0; 5]),
        (Schedule { decay: Decay::Step { drop: 0.5, every: 2.0 }, warmup: 0.0 }, [1.0, 1.0, 0.5, 0.5, 0.25]),
        (Schedule { decay: Decay::Linear { end: 0.2, over: 4.0 }, warmup: 0.0 }, [1.0, 0.8, 0.6, 0.4, 0.2]),
        (
            Schedule { decay: Decay::Exponential { k: core::f32::consts::LN_2 }, warmup: 0.0 },
            [1.0, 0.5, 0.25, 0.125, 0.0625],
        ),
        (Schedule { decay: Decay::Inverse { k: 1.0 }, warmup: 0.0 }, [1.0, 0.5, 1.0 / 3.0, 0.25, 0.2]),
        (
            Schedule { decay: Decay::InverseSqrt { k: 3.0 }, warmup: 0.0 },
            [1.0, 0.5, 0.377_964_47, 0.316_227_77, 0.277_350_1],
        ),
        (Schedule { decay: Decay::Constant, warmup: 2.0 }, [0.5, 1.0, 1.0, 1.0, 1.0]),
    ];
    for (schedule, expected) in cases {
        let curve = schedule.curve(1.0, 5);
        println!("{schedule:?}: {curve:?}");
        for (got, want) in curve.iter().zip(expected) {
            assert!((got - want).abs() < 1e-6, "{schedule:?}: {curve:?} vs {expected:?}");
        }
    }
    // Warm-up then decay: the decay's clock starts when the warm-up ends (t = 2): η₀ = 2, warm-up 2, step decay
    // ½ every 1 gives 2·(0 + 1)/2 = 1, then 2 (clock 0, reached at t = 1 + Δt), 2 (clock 0), 1 (clock 1), ½ (clock 2).
    let warm_step = Schedule { decay: Decay::Step { drop: 0.5, every: 1.0 }, warmup: 2.0 };
    assert_eq!(warm_step.curve(2.0, 5), vec![1.0, 2.0, 2.0, 1.0, 0.5]);
}

#[test]
fn optimizers_find_the_minima_of_the_2d_surfaces() {
    let adam = OptimizerConfig::Adam { beta1: 0.9, beta2: 0.999, eps: 1e-8, bias_correction: true };
    let cases = [
        (Surface::Bowl, OptimizerConfig::Sgd, 0.15, [4.0, 1.0], 200),
        (Surface::Bowl, OptimizerConfig::Momentum { beta: 0.9, form: MomentumForm::Velocity }, 0.05, [4.0, 1.0], 300),
        (Surface::Rosenbrock, adam, 0.02, [-1.5, 2.0], 6000),
        (Surface::Beale, adam, 0.01, [1.0, 1.5], 5000),
        (Surface::LocalMinima, OptimizerConfig::Rmsprop { beta2: 0.9, eps: 1e-8 }, 0.01, [0.8, -0.6], 2000),
    ];
    for (surface, optimizer, eta, start, steps) in cases {
        let path = surface.path(optimizer, Schedule::default(), eta, start, steps);
        let end = [path[path.len() - 2], path[path.len() - 1]];
        let min = surface.minimum().unwrap();
        println!("{surface:?} with {optimizer:?}: {start:?} → {end:?} (minimum {min:?})");
        assert_eq!(path.len(), 2 * (steps + 1));
        assert!((end[0] - min[0]).abs() < 0.05 && (end[1] - min[1]).abs() < 0.05, "{surface:?}: ended at {end:?}");
    }
    // The saddle: plain gradient descent from just off the ridge slides away along −y²; f keeps falling.
    let path = Surface::Saddle.path(OptimizerConfig::Sgd, Schedule::default(), 0.1, [1.0, 1e-3], 30);
    assert!(path[path.len() - 1].abs() > 0.1 && path[path.len() - 2].abs() < 1e-2);
    // Gradients of every surface against central differences.
    for surface in Surface::ALL {
        let h = 1e-3f64;
        let mut worst = 0.0f64;
        for &(x, y) in &[(0.3f32, -0.7f32), (1.2, 0.4), (-0.5, 1.1)] {
            let g = surface.gradient(x, y);
            let fx =
                (f64::from(surface.value(x + h as f32, y)) - f64::from(surface.value(x - h as f32, y))) / (2.0 * h);
            let fy =
                (f64::from(surface.value(x, y + h as f32)) - f64::from(surface.value(x, y - h as f32))) / (2.0 * h);
            worst = worst
                .max((fx - f64::from(g[0])).abs() / (1.0 + fx.abs()))
                .max((fy - f64::from(g[1])).abs() / (1.0 + fy.abs()));
        }
        println!("{surface:?}: largest relative error of ∇f vs central differences {worst:.1e}");
        assert!(worst < 5e-3, "{surface:?}: {worst}");
    }
}
