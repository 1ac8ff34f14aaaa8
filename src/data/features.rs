//! Small f32 feature datasets (the playground's 2-D sets after the feature map): every example an input row
//! x ∈ ℝ^d and a target row y (one-hot for classification, the value for regression), both kept as f32 since
//! they are few (a few thousand rows of at most seven numbers).

use alloc::vec::Vec;

/// `count` examples: inputs (count × input_len, row-major) and targets (count × target_len, row-major).
#[derive(Clone, Debug, PartialEq)]
pub struct FeatureSet {
    pub count: usize,
    pub input_len: usize,
    pub target_len: usize,
    pub x: Vec<f32>,
    pub y: Vec<f32>,
}

/// A training set and a test set with the same row lengths.
#[derive(Clone, Debug, PartialEq)]
pub struct FeatureData {
    pub train: FeatureSet,
    pub test: FeatureSet,
}

impl FeatureSet {
    pub fn input(&self, index: usize) -> &[f32] {
        &self.x[index * self.input_len..(index + 1) * self.input_len]
    }

    pub fn target(&self, index: usize) -> &[f32] {
        &self.y[index * self.target_len..(index + 1) * self.target_len]
    }

    /// The class of example `index`: the position of the largest target (0 for a single regression output).
    pub fn label(&self, index: usize) -> usize {
        let y = self.target(index);
        (0..y.len()).fold(0, |best, k| if y[k] > y[best] { k } else { best })
    }
}
