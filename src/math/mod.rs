//! Numeric building blocks: GEMM kernels, a portable seeded RNG, scalar functions.
pub mod gemm;
pub mod rng;
