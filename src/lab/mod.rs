//! Small models the chapters need.
pub mod xor;
