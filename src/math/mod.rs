//! Numeric building blocks: GEMM kernels, a portable seeded RNG, fallible buffer allocation.
pub mod buffer;
pub mod gemm;
pub mod rng;
