//! The optimizer chapter's traces: the ravine surface, first steps computed by hand, the path equal to
//! `Surface::path` (AdamW's too, but for its weight decay), and every recorded state explaining the step the optimizer actually took.

use nnlab::lab::optimizer_trace::{optimizer_trace, TraceRecord, TRACE_STRIDE};
use nnlab::lab::surface::Surface;
use nnlab::optim::{Decay, MomentumForm, OptimizerConfig, Schedule};

const ADAM: OptimizerConfig = OptimizerConfig::Adam { beta1: 0.9, beta2: 0.999, eps: 1e-8, bias_correction: true };

fn all_optimizers() -> [(&'static str, OptimizerConfig); 8] {
    [
        ("sgd", OptimizerConfig::Sgd),
        ("momentum", OptimizerConfig::Momentum { beta: 0.9, form: MomentumForm::Velocity }),
        ("momentum, accumulated", OptimizerConfig::Momentum { beta: 0.9, form: MomentumForm::Accumulated }),
        ("nesterov", OptimizerConfig::Nesterov { beta: 0.9 }),
        ("adagrad", OptimizerConfig::Adagrad { eps: 1e-8 }),
        ("rmsprop", OptimizerConfig::Rmsprop { beta2: 0.9, eps: 1e-8 }),
        ("adam", ADAM),
        ("adamw", OptimizerConfig::AdamW { beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.01 }),
    ]
}

fn close(what: &str, got: [f32; 2], want: [f64; 2]) {
    let err = (f64::from(got[0]) - want[0]).abs().max((f64::from(got[1]) - want[1]).abs());
    println!("{what}: {got:?}, by hand {want:?}, error {err:.1e}");
    assert!(err < 1e-5, "{what}: {got:?} vs {want:?}");
}

#[test]
fn the_ravine_is_a_long_narrow_valley() {
    let s = Surface::Ravine;
    // f = x²/20 + 10y², ∇f = (x/10, 20y): at (−9, 1) f = 81/20 + 10 = 14.05, ∇f = (−0.9, 20).
    assert!((s.value(-9.0, 1.0) - 14.05).abs() < 1e-5);
    assert_eq!(s.gradient(-9.0, 1.0), [-0.9, 20.0]);
    assert_eq!(s.minimum(), Some([0.0, 0.0]));
    // Curvatures 1/10 and 20: plain SGD at η = 0.09 (< 2/20, stable) crawls along x; momentum gets much further.
    let end = |optimizer, eta| {
        let path = s.path(optimizer, Schedule::default(), eta, [-9.0, 1.0], 100);
        path[path.len() - 2].abs()
    };
    let sgd = end(OptimizerConfig::Sgd, 0.09);
    let momentum = end(OptimizerConfig::Momentum { beta: 0.9, form: MomentumForm::Velocity }, 0.02);
    println!("|x| after 100 steps from (−9, 1): SGD η=0.09 {sgd}, momentum η=0.02 β=0.9 {momentum}");
    assert!(sgd > 3.0 && momentum < 1.0);
    // Gradient against central differences.
    let h = 1e-3f32;
    for &(x, y) in &[(0.3f32, -0.7f32), (-6.0, 0.4)] {
        let g = s.gradient(x, y);
        let fx = (s.value(x + h, y) - s.value(x - h, y)) / (2.0 * h);
        let fy = (s.value(x, y + h) - s.value(x, y - h)) / (2.0 * h);
        assert!((fx - g[0]).abs() < 1e-2 && (fy - g[1]).abs() < 1e-2, "{g:?} vs ({fx}, {fy})");
    }
}

#[test]
fn first_steps_match_the_hand_computed_ones() {
    // The bowl f = ½x² + 5y² from (4, 1), η = 0.1: ∇f(4, 1) = (4, 10).
    let trace = |optimizer| optimizer_trace(Surface::Bowl, optimizer, Schedule::default(), 0.1, [4.0, 1.0], 2);
    let at = |t: &[f32], i| TraceRecord::read(t, i);

    let sgd = trace(OptimizerConfig::Sgd);
    let r0 = at(&sgd, 0);
    assert_eq!((r0.point, r0.value, r0.gradient, r0.eta), ([4.0, 1.0], 13.0, [0.0, 0.0], 0.0));
    // θ₁ = θ₀ − η∇f = (4 − 0.4, 1 − 1) = (3.6, 0)
    close("sgd θ₁", at(&sgd, 1).point, [3.6, 0.0]);
    assert_eq!(at(&sgd, 1).gradient, [4.0, 10.0]);
    assert_eq!(at(&sgd, 1).eta, 0.1);

    // Momentum: v₁ = −η g = (−0.4, −1), θ₁ = (3.6, 0); g₁ = (3.6, 0): v₂ = 0.9 v₁ − 0.1 g₁ = (−0.72, −0.9),
    // θ₂ = (2.88, −0.9).
    let momentum = trace(OptimizerConfig::Momentum { beta: 0.9, form: MomentumForm::Velocity });
    close("momentum v₁", at(&momentum, 1).first, [-0.4, -1.0]);
    close("momentum v₂", at(&momentum, 2).first, [-0.72, -0.9]);
    close("momentum θ₂", at(&momentum, 2).point, [2.88, -0.9]);

    // AdaGrad: G₁ = g² = (16, 100), θ₁ = θ₀ − η g / √G = (4 − 0.1, 1 − 0.1) = (3.9, 0.9).
    let adagrad = trace(OptimizerConfig::Adagrad { eps: 1e-8 });
    close("adagrad G₁", at(&adagrad, 1).first, [16.0, 100.0]);
    close("adagrad θ₁", at(&adagrad, 1).point, [3.9, 0.9]);
    // g₁ = (3.9, 9): G₂ = (16 + 15.21, 100 + 81) = (31.21, 181)
    close("adagrad G₂", at(&adagrad, 2).first, [31.21, 181.0]);

    // RMSProp β₂ = 0.9: s₁ = 0.1 g² = (1.6, 10), θ₁ = θ₀ − 0.1 g / √s₁ = (4 − 0.4/√1.6, 1 − 1/√10).
    let rmsprop = trace(OptimizerConfig::Rmsprop { beta2: 0.9, eps: 1e-8 });
    close("rmsprop s₁", at(&rmsprop, 1).first, [1.6, 10.0]);
    close("rmsprop θ₁", at(&rmsprop, 1).point, [4.0 - 0.4 / 1.6f64.sqrt(), 1.0 - 1.0 / 10f64.sqrt()]);

    // Adam: m₁ = 0.1 g = (0.4, 1), v₁ = 0.001 g² = (0.016, 0.1); m̂ = g, v̂ = g², so θ₁ = θ₀ − η sign(g) = (3.9, 0.9).
    let adam = trace(ADAM);
    close("adam m₁", at(&adam, 1).first, [0.4, 1.0]);
    close("adam v₁", at(&adam, 1).second, [0.016, 0.1]);
    close("adam θ₁", at(&adam, 1).point, [3.9, 0.9]);
}

#[test]
fn the_trace_is_the_path_and_its_state_explains_every_step() {
    let schedule = Schedule { decay: Decay::Exponential { k: 0.01 }, warmup: 3.0 };
    for surface in [Surface::Bowl, Surface::Rosenbrock, Surface::Ravine] {
        let start = [-1.5f32, 1.5f32];
        for (name, config) in all_optimizers() {
            let eta = if surface == Surface::Rosenbrock { 0.001 } else { 0.02 };
            let steps = 60;
            let trace = optimizer_trace(surface, config, schedule, eta, start, steps);
            let path = surface.path(config, schedule, eta, start, steps);
            // AdamW's decay acts on the trace's point (a weight), not on Surface::path's.
            let same_path = !matches!(config, OptimizerConfig::AdamW { .. });
            if same_path {
                assert_eq!(trace.len() / TRACE_STRIDE, path.len() / 2, "{surface:?} {name}");
            }
            let mut worst = 0.0f32;
            for t in 1..trace.len() / TRACE_STRIDE {
                let (prev, r) = (TraceRecord::read(&trace, t - 1), TraceRecord::read(&trace, t));
                if same_path {
                    assert_eq!(r.point, [path[2 * t], path[2 * t + 1]]);
                }
                assert_eq!(r.gradient, surface.gradient(prev.point[0], prev.point[1]));
                assert_eq!(r.value, surface.value(r.point[0], r.point[1]));
                for d in 0..2 {
                    let step = r.point[d] - prev.point[d];
                    let (g, eta, s1, s2, theta) = (r.gradient[d], r.eta, r.first[d], r.second[d], prev.point[d]);
                    let tt = t as i32;
                    let predicted = match config {
                        OptimizerConfig::Sgd => -eta * g,
                        OptimizerConfig::Momentum { form: MomentumForm::Velocity, .. } => s1,
                        OptimizerConfig::Momentum { form: MomentumForm::Accumulated, .. } => -eta * s1,
                        OptimizerConfig::Nesterov { beta } => -eta * (g + beta * s1),
                        OptimizerConfig::Adagrad { eps } | OptimizerConfig::Rmsprop { eps, .. } => {
                            -eta * g / (s1.sqrt() + eps)
                        }
                        OptimizerConfig::Adam { beta1, beta2, eps, .. } => {
                            -eta * (s1 / (1.0 - beta1.powi(tt))) / ((s2 / (1.0 - beta2.powi(tt))).sqrt() + eps)
                        }
                        OptimizerConfig::AdamW { beta1, beta2, eps, weight_decay } => {
                            -eta * ((s1 / (1.0 - beta1.powi(tt))) / ((s2 / (1.0 - beta2.powi(tt))).sqrt() + eps)
                                + weight_decay * theta)
                        }
                    };
                    worst = worst.max((step - predicted).abs() / (1e-3 + step.abs()));
                }
            }
            println!(
                "{surface:?} {name}: largest relative gap between the step and the state's prediction {worst:.1e}"
            );
            assert!(worst < 1e-3, "{surface:?} {name}: {worst}");
        }
    }
}
