//! Data: IDX files parsed from bytes, and the MNIST dataset kept as u8 pixels.
pub mod idx;
pub mod mnist;

pub use mnist::{ImageSet, Mnist, MnistError, Split};
