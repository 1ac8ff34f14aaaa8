//! Data: IDX files parsed from bytes, the MNIST dataset kept as u8 pixels, preprocessing with training-set
//! statistics, and on-the-fly augmentation.
pub mod augment;
pub mod examples;
pub mod features;
pub mod idx;
pub mod mnist;
pub mod plane;
pub mod preprocess;

pub use augment::{Augmentation, Augmenter};
pub use examples::{ExampleSplit, Examples, FeatureSplit, Range};
pub use features::{FeatureData, FeatureSet};
pub use mnist::{ImageSet, Mnist, MnistError, Split};
pub use preprocess::{Preprocess, Standardizer};
