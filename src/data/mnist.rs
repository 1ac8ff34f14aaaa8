//! The MNIST digits as they live in memory: u8 pixels and labels, never an f32 copy of the whole set.
//! A mini-batch is scaled to f32 (x = pixel / 255) only when it is filled.

use super::idx::{self, IdxError};
use alloc::vec::Vec;
use core::fmt;

/// Images (count × rows × cols, row-major u8) with their labels 0–9.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageSet {
    pub count: usize,
    pub rows: usize,
    pub cols: usize,
    pub pixels: Vec<u8>,
    pub labels: Vec<u8>,
}

/// MNIST's two files pairs: 60,000 training and 10,000 test images in the full set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mnist {
    pub train: ImageSet,
    pub test: ImageSet,
}

/// What is wrong, and in which of the four files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MnistError {
    pub file: &'static str,
    pub kind: MnistErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MnistErrorKind {
    Idx(IdxError),
    CountMismatch { images: usize, labels: usize },
    ShapeMismatch { train: (usize, usize), test: (usize, usize) },
}

impl fmt::Display for MnistError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.file)?;
        match &self.kind {
            MnistErrorKind::Idx(error) => write!(f, "{error}"),
            MnistErrorKind::CountMismatch { images, labels } => {
                write!(f, "{labels} labels for {images} images; the counts must be equal")
            }
            MnistErrorKind::ShapeMismatch { train, test } => {
                write!(f, "images are {}×{} but the training images are {}×{}", test.0, test.1, train.0, train.1)
            }
        }
    }
}

impl ImageSet {
    /// Parses one images file and its labels file; `names` are used in error messages.
    pub fn from_idx(images: &[u8], labels: &[u8], names: (&'static str, &'static str)) -> Result<Self, MnistError> {
        let image_idx =
            idx::parse::<3>(images).map_err(|e| MnistError { file: names.0, kind: MnistErrorKind::Idx(e) })?;
        let label_data =
            idx::parse_labels(labels).map_err(|e| MnistError { file: names.1, kind: MnistErrorKind::Idx(e) })?;
        let [count, rows, cols] = image_idx.dims;
        if label_data.len() != count {
            return Err(MnistError {
                file: names.1,
                kind: MnistErrorKind::CountMismatch { images: count, labels: label_data.len() },
            });
        }
        Ok(ImageSet { count, rows, cols, pixels: image_idx.data.to_vec(), labels: label_data.to_vec() })
    }

    pub fn image_len(&self) -> usize {
        self.rows * self.cols
    }

    pub fn image(&self, index: usize) -> &[u8] {
        let len = self.image_len();
        &self.pixels[index * len..(index + 1) * len]
    }
}

impl Mnist {
    pub const TRAIN_IMAGES: &'static str = "train-images-idx3-ubyte";
    pub const TRAIN_LABELS: &'static str = "train-labels-idx1-ubyte";
    pub const TEST_IMAGES: &'static str = "t10k-images-idx3-ubyte";
    pub const TEST_LABELS: &'static str = "t10k-labels-idx1-ubyte";

    /// Parses and cross-checks the four MNIST files.
    pub fn from_idx(
        train_images: &[u8],
        train_labels: &[u8],
        test_images: &[u8],
        test_labels: &[u8],
    ) -> Result<Self, MnistError> {
        let train = ImageSet::from_idx(train_images, train_labels, (Self::TRAIN_IMAGES, Self::TRAIN_LABELS))?;
        let test = ImageSet::from_idx(test_images, test_labels, (Self::TEST_IMAGES, Self::TEST_LABELS))?;
        if (test.rows, test.cols) != (train.rows, train.cols) {
            return Err(MnistError {
                file: Self::TEST_IMAGES,
                kind: MnistErrorKind::ShapeMismatch { train: (train.rows, train.cols), test: (test.rows, test.cols) },
            });
        }
        Ok(Mnist { train, test })
    }
}

/// A contiguous range [start, start + len) of an image set: the training, validation or test split.
#[derive(Clone, Copy, Debug)]
pub struct Split<'a> {
    pub set: &'a ImageSet,
    pub start: usize,
    pub len: usize,
}

impl<'a> Split<'a> {
    pub fn image(&self, index: usize) -> &'a [u8] {
        self.set.image(self.start + index)
    }

    pub fn label(&self, index: usize) -> u8 {
        self.set.labels[self.start + index]
    }

    /// Fills a mini-batch: row r of `x` gets image `indices[r]` scaled to [0, 1], row r of `y` its one-hot label
    /// (y is m × n_classes).
    pub fn fill_batch(&self, indices: impl Iterator<Item = usize>, x: &mut [f32], y: &mut [f32], n_classes: usize) {
        let len = self.set.image_len();
        for ((index, x_row), y_row) in indices.zip(x.chunks_exact_mut(len)).zip(y.chunks_exact_mut(n_classes)) {
            for (xi, &pixel) in x_row.iter_mut().zip(self.image(index)) {
                *xi = f32::from(pixel) * (1.0 / 255.0);
            }
            y_row.fill(0.0);
            y_row[usize::from(self.label(index))] = 1.0;
        }
    }
}
