//! Any bytes as a TrainConfig JSON: it parses or not, validates or not (never panics), and a valid config builds a
//! Trainer that trains two mini-batches and answers. Configs estimated above 64 MB are only validated, so the
//! fuzzer stays fast (the memory bound itself is tested in tests/memory.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;
use nnlab::data::Mnist;
use nnlab::train::{memory, SplitName, TrainConfig, Trainer};
use std::rc::Rc;
use std::sync::OnceLock;

/// 40 images of 28 × 28 with labels 0–9, as both IDX file pairs.
fn data() -> Rc<Mnist> {
    static BYTES: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    let (images, labels) = BYTES.get_or_init(|| {
        let n = 40u32;
        let mut images = vec![0, 0, 8, 3];
        for dim in [n, 28, 28] {
            images.extend_from_slice(&dim.to_be_bytes());
        }
        images.extend((0..n * 784).map(|i| (i * 37 % 256) as u8));
        let mut labels = vec![0, 0, 8, 1];
        labels.extend_from_slice(&n.to_be_bytes());
        labels.extend((0..n).map(|i| (i % 10) as u8));
        (images, labels)
    });
    Rc::new(Mnist::from_idx(images, labels, images, labels).expect("the synthetic data parses"))
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(config) = serde_json::from_slice::<TrainConfig>(bytes) else { return };
    let data = data();
    let shape = Trainer::data_shape(&data);
    if config.validate(shape).is_err() || memory::estimate(&config, shape).total() > 64 << 20 {
        return;
    }
    let mut trainer = Trainer::new(config, data).expect("a validated config within the budget builds");
    let progress = trainer.step(2);
    assert!(progress.batches_run <= 2);
    assert!(trainer.network().params_finite(), "diverged or not, the weights are finite");
    let _ = trainer.predict(SplitName::Test, 0);
    let _ = trainer.checked_evaluate(SplitName::Validation, 0, 40);
});
