//! Small models the chapters need: the lecture's XOR network, and 2-D surfaces for optimizer paths.
pub mod surface;
pub mod xor;
