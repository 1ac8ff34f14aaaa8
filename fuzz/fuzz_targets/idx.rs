//! Any bytes as the four MNIST files: parsing returns a dataset or an error naming the file, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nnlab::data::Mnist;

fuzz_target!(|data: &[u8]| {
    // the input cut into four files at positions its first bytes choose
    let cut = |i: usize| data.get(i).map_or(0, |&b| b as usize * data.len() / 256);
    let mut cuts = [cut(0), cut(1), cut(2)];
    cuts.sort_unstable();
    let [a, b, c] = cuts;
    let (images, rest) = data.split_at(a);
    let (labels, rest) = rest.split_at(b - a);
    let (test_images, test_labels) = rest.split_at(c - b);
    if let Err(error) = Mnist::from_idx(images, labels, test_images, test_labels) {
        assert!(!error.to_string().is_empty());
    }
    // one file given whole to each parser
    let _ = nnlab::data::idx::parse::<3>(data);
    let _ = nnlab::data::idx::parse_labels(data);
});
