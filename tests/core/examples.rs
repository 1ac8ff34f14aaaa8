//! A split is the range of its set the lecture's notation names: training = the first n_train examples of the
//! training set, validation = its last n_validation, test = the whole test set — for MNIST and feature sets alike.

use crate::common;
use nnlab::data::{Examples, FeatureData, FeatureSet, Range};
use std::rc::Rc;

/// A set whose example i has inputs (10i, 10i + 1) and one-hot target i mod 3.
fn numbered(count: usize, offset: usize) -> FeatureSet {
    let x = (0..count).flat_map(|i| [(10 * (i + offset)) as f32, (10 * (i + offset) + 1) as f32]).collect();
    let y = (0..count).flat_map(|i| (0..3).map(move |k| if (i + offset) % 3 == k { 1.0 } else { 0.0 })).collect();
    FeatureSet { count, input_len: 2, target_len: 3, x, y }
}

fn inputs(examples: &Examples, range: Range) -> Vec<Vec<f64>> {
    let split = examples.split(range);
    (0..split.len())
        .map(|i| {
            let mut row = vec![f64::NAN; split.input_len()];
            split.visit_input(i, |j, x| row[j] = x);
            row
        })
        .collect()
}

#[test]
fn feature_splits_take_their_range_of_the_set() {
    let examples = Examples::from(Rc::new(FeatureData { train: numbered(10, 0), test: numbered(4, 100) }));
    let first = |rows: Vec<Vec<f64>>| rows.iter().map(|r| r[0]).collect::<Vec<_>>();
    assert_eq!(first(inputs(&examples, Range::Train(6))), [0.0, 10.0, 20.0, 30.0, 40.0, 50.0]);
    assert_eq!(first(inputs(&examples, Range::Validation(3))), [70.0, 80.0, 90.0], "the last 3 of 10");
    assert_eq!(first(inputs(&examples, Range::Test)), [1000.0, 1010.0, 1020.0, 1030.0]);
    assert_eq!(inputs(&examples, Range::Validation(3))[2], [90.0, 91.0], "every input of the example");
    let validation = examples.split(Range::Validation(3));
    assert!(!validation.is_empty() && examples.split(Range::Validation(0)).is_empty());
    assert_eq!((0..3).map(|i| validation.label(i)).collect::<Vec<_>>(), [1, 2, 0], "labels of examples 7, 8, 9");
    let (mut x, mut y) = (vec![0.0; 4], vec![0.0; 6]);
    validation.fill_batch([2, 0].into_iter(), &mut x, &mut y, 3);
    assert_eq!((x, y), (vec![90.0, 91.0, 70.0, 71.0], vec![1.0, 0.0, 0.0, 0.0, 1.0, 0.0]));
}

#[test]
fn image_splits_take_their_range_and_scale_pixels_by_1_over_255() {
    let data = Rc::new(common::sample_mnist());
    let examples = Examples::from(Rc::clone(&data));
    let validation = inputs(&examples, Range::Validation(5));
    for (i, row) in validation.iter().enumerate() {
        let image = data.train.image(data.train.count - 5 + i);
        assert!(row.iter().zip(image).all(|(x, &p)| *x == f64::from(p) / 255.0), "validation image {i}");
    }
    let split = examples.split(Range::Validation(5));
    assert_eq!(split.label(4), usize::from(data.train.labels[data.train.count - 1]));
    assert!(!split.is_empty() && examples.split(Range::Validation(0)).is_empty());
}
