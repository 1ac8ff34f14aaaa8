//! Shared helpers for the native integration tests.
#![allow(dead_code)]

use flate2::read::GzDecoder;
use nnlab::data::Mnist;
use std::io::Read;
use std::path::Path;

/// The decompressed bytes of a committed or generated gzip file under `data/`.
pub fn gunzip(relative: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(relative);
    let mut bytes = Vec::new();
    GzDecoder::new(std::fs::File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .read_to_end(&mut bytes)
        .unwrap();
    bytes
}

/// The committed 1,000-image sample, used as both the "training" and the "test" file pair.
pub fn sample_mnist() -> Mnist {
    let images = gunzip("sample/t10k-images-1k.gz");
    let labels = gunzip("sample/t10k-labels-1k.gz");
    Mnist::from_idx(&images, &labels, &images, &labels).expect("the committed sample parses")
}

/// σ(z) = 1/(1 + e^{−z}) in f64: the reference the hand computations use.
pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}
