//! Small models the chapters need: the perceptron, logic gates and a NAND adder; one sigmoid neuron; a small
//! feedforward network to inspect; the lecture's XOR network; and 2-D surfaces for optimizer paths.
pub mod feedforward;
pub mod neuron;
pub mod perceptron;
pub mod surface;
pub mod xor;
