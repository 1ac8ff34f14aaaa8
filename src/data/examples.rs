//! One abstraction over "a split of examples with inputs and targets", so the trainer runs on MNIST (u8 pixels in
//! memory, scaled to x = pixel / 255 when a mini-batch is filled) and on small f32 feature sets alike.

use super::features::{FeatureData, FeatureSet};
use super::mnist::{Mnist, Split};
use alloc::rc::Rc;

/// The data a trainer learns from: a training set (validation is taken from its end) and a test set.
#[derive(Clone, Debug)]
pub enum Examples {
    Images(Rc<Mnist>),
    Features(Rc<FeatureData>),
}

impl From<Rc<Mnist>> for Examples {
    fn from(data: Rc<Mnist>) -> Self {
        Examples::Images(data)
    }
}

impl From<Rc<FeatureData>> for Examples {
    fn from(data: Rc<FeatureData>) -> Self {
        Examples::Features(data)
    }
}

/// A contiguous range [start, start + len) of a feature set.
#[derive(Clone, Copy, Debug)]
pub struct FeatureSplit<'a> {
    pub set: &'a FeatureSet,
    pub start: usize,
    pub len: usize,
}

/// A contiguous range of examples of either kind.
#[derive(Clone, Copy, Debug)]
pub enum ExampleSplit<'a> {
    Images(Split<'a>),
    Features(FeatureSplit<'a>),
}

impl<'a> From<Split<'a>> for ExampleSplit<'a> {
    fn from(split: Split<'a>) -> Self {
        ExampleSplit::Images(split)
    }
}

/// Which range of which set a split is: training = the first n_train of the training set, validation = the last
/// n_validation of it, test = the whole test set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Range {
    Train(usize),
    Validation(usize),
    Test,
}

impl Examples {
    /// Length of one input row (784 for MNIST, the number of features otherwise).
    pub fn input_len(&self) -> usize {
        match self {
            Examples::Images(data) => data.train.image_len(),
            Examples::Features(data) => data.train.input_len,
        }
    }

    /// Length of one target row: 10 classes for MNIST.
    pub fn target_len(&self) -> usize {
        match self {
            Examples::Images(_) => 10,
            Examples::Features(data) => data.train.target_len,
        }
    }

    pub fn train_count(&self) -> usize {
        match self {
            Examples::Images(data) => data.train.count,
            Examples::Features(data) => data.train.count,
        }
    }

    /// Image rows and columns, if the examples are images (augmentation needs them).
    pub fn image_shape(&self) -> Option<(usize, usize)> {
        match self {
            Examples::Images(data) => Some((data.train.rows, data.train.cols)),
            Examples::Features(_) => None,
        }
    }

    pub fn split(&self, range: Range) -> ExampleSplit<'_> {
        match self {
            Examples::Images(data) => {
                let train = &data.train;
                ExampleSplit::Images(match range {
                    Range::Train(n) => Split { set: train, start: 0, len: n },
                    Range::Validation(n) => Split { set: train, start: train.count - n, len: n },
                    Range::Test => Split { set: &data.test, start: 0, len: data.test.count },
                })
            }
            Examples::Features(data) => {
                let train = &data.train;
                ExampleSplit::Features(match range {
                    Range::Train(n) => FeatureSplit { set: train, start: 0, len: n },
                    Range::Validation(n) => FeatureSplit { set: train, start: train.count - n, len: n },
                    Range::Test => FeatureSplit { set: &data.test, start: 0, len: data.test.count },
                })
            }
        }
    }
}

impl<'a> ExampleSplit<'a> {
    pub fn len(&self) -> usize {
        match self {
            ExampleSplit::Images(split) => split.len,
            ExampleSplit::Features(split) => split.len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn input_len(&self) -> usize {
        match self {
            ExampleSplit::Images(split) => split.set.image_len(),
            ExampleSplit::Features(split) => split.set.input_len,
        }
    }

    /// The class of example `index` (its label; the largest target for feature sets).
    pub fn label(&self, index: usize) -> usize {
        match self {
            ExampleSplit::Images(split) => usize::from(split.label(index)),
            ExampleSplit::Features(split) => split.set.label(split.start + index),
        }
    }

    /// The images, if this is an image split.
    pub fn images(&self) -> Option<Split<'a>> {
        match self {
            ExampleSplit::Images(split) => Some(*split),
            ExampleSplit::Features(_) => None,
        }
    }

    /// Calls `visit(i, xᵢ)` for each input value of example `index`, in f64 (pixels scaled by 1/255).
    pub fn visit_input(&self, index: usize, mut visit: impl FnMut(usize, f64)) {
        match self {
            ExampleSplit::Images(split) => {
                split.image(index).iter().enumerate().for_each(|(i, &pixel)| visit(i, f64::from(pixel) / 255.0))
            }
            ExampleSplit::Features(split) => {
                split.set.input(split.start + index).iter().enumerate().for_each(|(i, &x)| visit(i, f64::from(x)))
            }
        }
    }

    /// Fills a mini-batch: row r of `x` gets the input of example `indices[r]`, row r of `y` its target
    /// (y is m × n_out; MNIST's labels become one-hot rows).
    pub fn fill_batch(&self, indices: impl Iterator<Item = usize>, x: &mut [f32], y: &mut [f32], n_out: usize) {
        match self {
            ExampleSplit::Images(split) => split.fill_batch(indices, x, y, n_out),
            ExampleSplit::Features(split) => {
                let set = split.set;
                for ((index, x_row), y_row) in
                    indices.zip(x.chunks_exact_mut(set.input_len)).zip(y.chunks_exact_mut(n_out))
                {
                    x_row.copy_from_slice(set.input(split.start + index));
                    y_row.copy_from_slice(set.target(split.start + index));
                }
            }
        }
    }
}
