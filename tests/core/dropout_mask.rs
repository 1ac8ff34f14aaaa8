//! `Trainer::dropout_mask`: after each mini-batch it holds exactly the inverted-dropout mask the core drew for it
//! (redrawn here from the same seeded stream, mask_j = 0 with probability p, else 1/(1 − p)), m rows of n_l values,
//! and the last mini-batch of an epoch gives only its own rows; activations without dropout give none.

use crate::common;

use nnlab::math::rng::Rng;
use nnlab::nn::dropout::sample_mask;
use nnlab::train::{TrainConfig, Trainer};
use std::rc::Rc;

/// The trainer's dropout stream (src/train/trainer.rs: DROPOUT_STREAM).
const DROPOUT_STREAM: u64 = 3;
const HIDDEN: usize = 30;

#[test]
fn the_mask_is_the_one_each_mini_batch_drew() {
    let (p, m, n_train, seed) = (0.3f32, 10, 95, 7);
    let config = TrainConfig {
        sizes: vec![784, HIDDEN, 10],
        dropout: vec![0.0, p],
        batch_size: m,
        n_train,
        n_validation: 100,
        epochs: 2,
        seed,
        ..TrainConfig::default()
    };
    let mut trainer = Trainer::new(config, Rc::new(common::sample_mnist())).unwrap();
    assert_eq!(trainer.last_batch_len(), 0);
    assert!(trainer.dropout_mask(2).is_empty(), "nothing trained yet");
    let mut rng = Rng::new(seed, DROPOUT_STREAM);
    let mut dropped = 0;
    let mut drawn = 0;
    // 95 images in mini-batches of 10: nine of 10, then one of 5, per epoch.
    for batch in 0..20 {
        trainer.step(1);
        let rows = if batch % 10 == 9 { 5 } else { m };
        let mut expected = vec![0.0; rows * HIDDEN];
        sample_mask(p, &mut expected, &mut rng);
        assert_eq!(trainer.last_batch_len(), rows, "mini-batch {batch}");
        assert_eq!(trainer.dropout_mask(2), &expected[..], "mini-batch {batch}");
        assert!(trainer.dropout_mask(1).is_empty(), "the input has no dropout");
        assert!(trainer.dropout_mask(3).is_empty(), "the output layer feeds nothing");
        dropped += expected.iter().filter(|&&k| k == 0.0).count();
        drawn += expected.len();
    }
    let share = dropped as f32 / drawn as f32;
    println!("dropped {dropped} of {drawn} ({share:.3}, p = {p})");
    assert!((share - p).abs() < 0.05, "{share}");
}
