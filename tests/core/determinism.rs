//! "Same kernels, same order": a short fixed-seed run whose final weights hash to one golden value, natively here
//! and in the browser (tests/web.rs, `the_fixed_seed_run_has_the_same_weights_as_natively`). If training itself is
//! changed on purpose (init, order of updates, formulas), the value changes: update it in both files — the test
//! prints the new one.

use crate::common;

use nnlab::train::{TrainConfig, Trainer};
use std::rc::Rc;

/// FNV-1a over the bits of w² then w³ (the hash tests/web.rs computes from `Trainer::weights`).
pub fn weights_hash(layers: &[&[f32]]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for x in layers.iter().flat_map(|w| w.iter()) {
        for byte in x.to_bits().to_le_bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The golden hash of the run below (also in tests/web.rs).
pub const GOLDEN: u64 = 0xc50f_620d_09e9_4b8e;

#[test]
fn the_fixed_seed_run_has_the_golden_weights() {
    let data = Rc::new(common::sample_mnist());
    // 800 sample digits, mini-batches of 10, 2 epochs, seed 7: every kernel shape of a real run, in a second.
    let config = TrainConfig { n_train: 800, n_validation: 200, epochs: 2, seed: 7, ..TrainConfig::default() };
    let mut trainer = Trainer::new(config, data).unwrap();
    while !trainer.is_finished() {
        trainer.step(1000);
    }
    let layers = &trainer.network().layers;
    let hash = weights_hash(&[&layers[0].w, &layers[1].w]);
    println!("weights hash after the fixed-seed run: {hash:#018x}; w³[0..3] = {:?}", &layers[1].w[..3]);
    assert_eq!(hash, GOLDEN, "the fixed-seed run's weights changed: {hash:#018x}");
}
