//! The IDX parser accepts the committed sample and rejects each kind of corrupt file with its own error.

use crate::common;

use nnlab::data::idx::{self, IdxError};
use nnlab::data::mnist::MnistErrorKind;
use nnlab::data::Mnist;

fn sample() -> (Vec<u8>, Vec<u8>) {
    (common::gunzip("sample/t10k-images-1k.gz"), common::gunzip("sample/t10k-labels-1k.gz"))
}

#[test]
fn accepts_the_sample() {
    let (images, labels) = sample();
    let parsed = idx::parse::<3>(&images).unwrap();
    assert_eq!(parsed.dims, [1000, 28, 28]);
    let labels = idx::parse_labels(&labels).unwrap();
    assert_eq!(labels.len(), 1000);
    // The first MNIST test digits are 7, 2, 1, 0, 4.
    assert_eq!(&labels[..5], &[7, 2, 1, 0, 4]);
    let data = common::sample_mnist();
    assert_eq!((data.test.count, data.test.rows, data.test.cols), (1000, 28, 28));
}

#[test]
fn rejects_a_truncated_header() {
    let (images, _) = sample();
    assert_eq!(idx::parse::<3>(&images[..10]), Err(IdxError::TooShort { len: 10, needed: 16 }));
}

#[test]
fn rejects_a_wrong_magic_number() {
    let (images, labels) = sample();
    // A label file where images are expected: its magic says 1 dimension.
    assert_eq!(idx::parse::<3>(&labels), Err(IdxError::BadMagic { found: [0, 0, 8, 1], expected_dims: 3 }));
    let mut floats = images.clone();
    floats[2] = 0x0d; // the IDX type code for f32
    assert!(matches!(idx::parse::<3>(&floats), Err(IdxError::BadMagic { .. })));
    let gzipped = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample/t10k-images-1k.gz")).unwrap();
    assert!(matches!(idx::parse::<3>(&gzipped), Err(IdxError::BadMagic { found: [0x1f, 0x8b, _, _], .. })));
}

/// A dimension is four big-endian bytes. MNIST's own counts (60,000 = 0x0000EA60, 10,000 = 0x00002710) and sizes
/// leave the first two bytes 0, so a parser that read one of them twice would pass on every real file:
/// 0x00010203 = 66,051 labels tells every byte apart.
#[test]
fn a_dimension_is_read_from_all_four_big_endian_bytes() {
    let count = 0x0001_0203;
    let mut file = vec![0, 0, 0x08, 1, 0x00, 0x01, 0x02, 0x03];
    file.extend((0..count).map(|i| (i % 10) as u8));
    assert_eq!(idx::parse::<1>(&file).unwrap().dims, [66_051]);
    let labels = idx::parse_labels(&file).unwrap();
    assert_eq!((labels.len(), labels[66_050]), (66_051, 0));
}

#[test]
fn rejects_a_zero_dimension() {
    let (mut images, _) = sample();
    images[8..12].copy_from_slice(&0u32.to_be_bytes());
    assert_eq!(idx::parse::<3>(&images), Err(IdxError::ZeroDimension { axis: 1 }));
}

#[test]
fn rejects_truncated_or_padded_data() {
    let (images, _) = sample();
    let short = &images[..images.len() - 1];
    assert_eq!(idx::parse::<3>(short), Err(IdxError::LengthMismatch { expected: 784_000, found: 783_999 }));
    let mut long = images.clone();
    long.push(0);
    assert_eq!(idx::parse::<3>(&long), Err(IdxError::LengthMismatch { expected: 784_000, found: 784_001 }));
    // A whole header (4 + 4·3 bytes) with no data: the data is what is missing, not the header.
    assert_eq!(idx::parse::<3>(&images[..16]), Err(IdxError::LengthMismatch { expected: 784_000, found: 0 }));
}

#[test]
fn rejects_a_label_that_is_not_a_digit() {
    let (_, mut labels) = sample();
    labels[8 + 17] = 10;
    assert_eq!(idx::parse_labels(&labels), Err(IdxError::BadLabel { index: 17, value: 10 }));
}

#[test]
fn rejects_images_and_labels_of_different_counts() {
    let (images, labels) = sample();
    let mut fewer = labels[..labels.len() - 1].to_vec();
    fewer[4..8].copy_from_slice(&999u32.to_be_bytes());
    let error = Mnist::from_idx(&images, &fewer, &images, &labels).unwrap_err();
    assert_eq!(error.file, Mnist::TRAIN_LABELS);
    assert_eq!(error.kind, MnistErrorKind::CountMismatch { images: 1000, labels: 999 });
    assert_eq!(error.to_string(), "train-labels-idx1-ubyte: 999 labels for 1000 images; the counts must be equal");
}

#[test]
fn error_messages_name_the_file_and_the_problem() {
    let (images, labels) = sample();
    let error = Mnist::from_idx(&images, &labels, &labels, &labels).unwrap_err();
    assert_eq!(
        error.to_string(),
        "t10k-images-idx3-ubyte: not an IDX file of unsigned bytes with 3 dimension(s): magic number 00 00 08 01, expected 00 00 08 03"
    );
}

/// The first 100 labels of the MNIST test set (t10k), as published (LeCun's file; listed in many tutorials):
/// an independent source, not the parser's own output. Every digit occurs, so swapping any two is caught.
const FIRST_TEST_LABELS: [u8; 100] = [
    7, 2, 1, 0, 4, 1, 4, 9, 5, 9, 0, 6, 9, 0, 1, 5, 9, 7, 3, 4, 9, 6, 6, 5, 4, 0, 7, 4, 0, 1, 3, 1, 3, 4, 7, 2, 7, 1,
    2, 1, 1, 7, 4, 2, 3, 5, 1, 2, 4, 4, 6, 3, 5, 5, 6, 0, 4, 1, 9, 5, 7, 8, 9, 3, 7, 4, 6, 4, 3, 0, 7, 0, 2, 9, 1, 7,
    3, 2, 9, 7, 7, 6, 2, 7, 8, 4, 7, 3, 6, 1, 3, 6, 9, 3, 1, 4, 1, 7, 6, 9,
];

#[test]
fn labels_are_the_published_first_test_labels_all_the_way_to_the_one_hot_targets() {
    let data = common::sample_mnist();
    assert_eq!(&data.test.labels[..100], &FIRST_TEST_LABELS[..]);
    let split = nnlab::data::Split { set: &data.test, start: 0, len: data.test.count };
    let (mut x, mut y) = (vec![0.0; 100 * 784], vec![0.0; 100 * 10]);
    split.fill_batch(0..100, &mut x, &mut y, 10);
    for (index, (target, &label)) in y.chunks_exact(10).zip(&FIRST_TEST_LABELS).enumerate() {
        let mut expected = [0.0; 10];
        expected[usize::from(label)] = 1.0;
        assert_eq!(target, &expected, "test image {index} is a {label}");
    }
}
