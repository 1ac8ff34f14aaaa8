//! What a trained network does on a split: cost with and without the penalty, accuracy, the confusion matrix and
//! per-class accuracy.

use alloc::vec;
use alloc::vec::Vec;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    /// Images evaluated.
    pub count: usize,
    pub correct: usize,
    /// correct / count
    pub accuracy: f32,
    /// C₀ = (1/n) Σₓ Cₓ, without the penalty.
    pub data_loss: f32,
    /// C = C₀ + penalty (λ/2n Σw² or λ/n Σ|w|; equal to `data_loss` when none is on).
    pub loss: f32,
    /// classes × classes counts, row = true label, column = guess: `confusion[label * classes + guess]`.
    pub confusion: Vec<u32>,
    /// Per class: correct / images of that class (NaN for a class with no images).
    pub per_class_accuracy: Vec<f32>,
}

impl Metrics {
    pub fn new(classes: usize) -> Self {
        Metrics {
            count: 0,
            correct: 0,
            accuracy: f32::NAN,
            data_loss: 0.0,
            loss: 0.0,
            confusion: vec![0; classes * classes],
            per_class_accuracy: vec![f32::NAN; classes],
        }
    }

    pub fn record(&mut self, label: usize, guess: usize) {
        let classes = self.per_class_accuracy.len();
        self.confusion[label * classes + guess] += 1;
        self.count += 1;
        self.correct += usize::from(label == guess);
    }

    /// Turns the sums into means once all images are recorded (`cost_sum` = Σₓ Cₓ).
    pub fn finish(&mut self, cost_sum: f64, penalty: f32) {
        let classes = self.per_class_accuracy.len();
        let n = self.count.max(1) as f64;
        self.accuracy = if self.count > 0 { self.correct as f32 / self.count as f32 } else { f32::NAN };
        self.data_loss = (cost_sum / n) as f32;
        self.loss = self.data_loss + penalty;
        for (class, accuracy) in self.per_class_accuracy.iter_mut().enumerate() {
            let row = &self.confusion[class * classes..(class + 1) * classes];
            let total: u32 = row.iter().sum();
            *accuracy = if total > 0 { row[class] as f32 / total as f32 } else { f32::NAN };
        }
    }
}
