//! A split's metrics by hand: five images of three classes, their guesses, a cost sum and a penalty.

use nnlab::train::Metrics;

#[test]
fn accuracy_costs_confusion_and_per_class_accuracy_of_five_images() {
    let mut m = Metrics::new(3);
    // (label, guess): class 0 right twice, class 1 once right and once taken for 2, class 2 taken for 0.
    for (label, guess) in [(0, 0), (1, 1), (0, 0), (1, 2), (2, 0)] {
        m.record(label, guess);
    }
    m.finish(4.0, 0.25);
    assert_eq!((m.count, m.correct), (5, 3));
    assert_eq!(m.accuracy, 0.6, "3 of 5");
    assert_eq!(m.data_loss, 0.8, "C₀ = 4/5");
    assert!((m.loss - 1.05).abs() < 1e-6, "C = C₀ + 0.25: {}", m.loss);
    assert_eq!(m.confusion, [2, 0, 0, 0, 1, 1, 1, 0, 0], "rows are labels, columns guesses");
    assert_eq!(m.per_class_accuracy, [1.0, 0.5, 0.0]);
}

#[test]
fn a_class_without_images_has_no_accuracy_and_an_empty_split_no_accuracy_at_all() {
    let mut m = Metrics::new(2);
    m.record(1, 1);
    m.finish(0.5, 0.0);
    assert!(m.per_class_accuracy[0].is_nan(), "no image of class 0");
    assert_eq!((m.accuracy, m.per_class_accuracy[1], m.loss), (1.0, 1.0, 0.5));
    let mut empty = Metrics::new(2);
    empty.finish(0.0, 0.0);
    assert!(empty.accuracy.is_nan());
    assert_eq!(empty.data_loss, 0.0);
}
