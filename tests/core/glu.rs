//! The gated linear unit's backward pass against central finite differences: every ∂C/∂W, ∂C/∂b, ∂C/∂V, ∂C/∂c and
//! ∂C/∂x equals (C(θ + h) − C(θ − h)) / 2h for C = Σ_rows Σ_j r_j h_j (a fixed random weighting r of the outputs,
//! so ∂C/∂h = r), over a batch. Prints the largest relative error it saw.

use nnlab::math::rng::Rng;
use nnlab::nn::glu::Glu;

const M: usize = 5;
const N_IN: usize = 4;
const N_OUT: usize = 3;
const TOLERANCE: f64 = 1e-2;

fn cost(glu: &Glu, x: &[f32], r: &[f32]) -> f64 {
    let mut ws = glu.workspace(M);
    glu.forward(x, M, &mut ws).iter().zip(r).map(|(&h, &r)| f64::from(h) * f64::from(r)).sum()
}

fn relative(numeric: f64, analytic: f64) -> f64 {
    (numeric - analytic).abs() / (numeric.abs() + analytic.abs()).max(1e-2)
}

fn unit(seed: u64) -> (Glu, Vec<f32>, Vec<f32>) {
    let mut rng = Rng::new(seed, 0);
    let mut glu = Glu::zeros(N_IN, N_OUT);
    for t in [&mut glu.w, &mut glu.b, &mut glu.v, &mut glu.c] {
        t.iter_mut().for_each(|p| *p = rng.gaussian());
    }
    let x = (0..M * N_IN).map(|_| rng.gaussian()).collect();
    let r = (0..M * N_OUT).map(|_| rng.gaussian()).collect();
    (glu, x, r)
}

fn param(glu: &mut Glu, t: usize) -> &mut Vec<f32> {
    [&mut glu.w, &mut glu.b, &mut glu.v, &mut glu.c].into_iter().nth(t).unwrap()
}

#[test]
fn glu_gradients_match_central_differences() {
    let h = 1e-2f32;
    let mut overall = 0.0f64;
    for seed in 1..=3 {
        let (mut glu, mut x, r) = unit(seed);
        let mut ws = glu.workspace(M);
        let mut grads = glu.zero_gradients();
        glu.forward(&x, M, &mut ws);
        glu.backward(&x, &r, M, &mut ws, &mut grads);
        let analytic = [grads.nabla_w.clone(), grads.nabla_b.clone(), grads.nabla_v.clone(), grads.nabla_c.clone()];
        let names = ["W", "b", "V", "c"];
        for t in 0..4 {
            let mut worst = 0.0f64;
            for (i, &analytic) in analytic[t].iter().enumerate() {
                let original = param(&mut glu, t)[i];
                param(&mut glu, t)[i] = original + h;
                let plus = cost(&glu, &x, &r);
                param(&mut glu, t)[i] = original - h;
                let minus = cost(&glu, &x, &r);
                param(&mut glu, t)[i] = original;
                worst = worst.max(relative((plus - minus) / (2.0 * f64::from(h)), f64::from(analytic)));
            }
            println!("seed {seed}: ∂C/∂{}: largest relative error {worst:.2e}", names[t]);
            overall = overall.max(worst);
        }
        let mut worst = 0.0f64;
        for i in 0..x.len() {
            let original = x[i];
            x[i] = original + h;
            let plus = cost(&glu, &x, &r);
            x[i] = original - h;
            let minus = cost(&glu, &x, &r);
            x[i] = original;
            worst = worst.max(relative((plus - minus) / (2.0 * f64::from(h)), f64::from(ws.dx[i])));
        }
        println!("seed {seed}: ∂C/∂x: largest relative error {worst:.2e}");
        overall = overall.max(worst);
    }
    println!("GLU: largest relative error over W, b, V, c and x: {overall:.2e}");
    assert!(overall < TOLERANCE, "GLU gradient check: {overall}");
}

#[test]
fn glu_is_the_linear_part_times_the_gate() {
    // One input, one output: h(x) = (w x + b) σ(v x + c). With w = 1, v = 1, b = c = 0 it is SiLU x σ(x).
    let glu = Glu { n_in: 1, n_out: 1, w: vec![1.0], b: vec![0.0], v: vec![1.0], c: vec![0.0] };
    let mut ws = glu.workspace(3);
    let h = glu.forward(&[-2.0, 0.0, 2.0], 3, &mut ws).to_vec();
    let silu = |x: f32| x / (1.0 + (-x).exp());
    for (hi, x) in h.iter().zip([-2.0f32, 0.0, 2.0]) {
        assert!((hi - silu(x)).abs() < 1e-6, "{hi} vs {}", silu(x));
    }
    // (2·0.5 − 1) σ(−3·0.5 + 1): the gate closes as v x + c falls.
    let glu = Glu { n_in: 1, n_out: 1, w: vec![2.0], b: vec![-1.0], v: vec![-3.0], c: vec![1.0] };
    let mut ws = glu.workspace(1);
    let expected = (2.0f32 * 1.5 - 1.0) / (1.0 + (-(-3.0f32 * 1.5 + 1.0)).exp());
    assert!((glu.forward(&[1.5], 1, &mut ws)[0] - expected).abs() < 1e-6);
}
