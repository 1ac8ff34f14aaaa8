//! Small models the chapters need: the perceptron, logic gates and a NAND adder; one sigmoid neuron; a small
//! feedforward network to inspect; the lecture's XOR network; and 2-D surfaces for optimizer paths.
//! Learning (chapters 6–8): the slow-learning neuron (quadratic vs cross-entropy), softmax and its Jacobian, the
//! output-layer/cost pairs with δᴸ = aᴸ − y, gradient-descent steps with the predicted ΔC, and the least-squares line
//! fit with full-batch and mini-batch gradients.
//! Backpropagation (chapter 9): BP1–BP4 step by step on a tiny network with finite differences beside them, the
//! mini-batch form, the numerical gradient of [784, 30, 10] timed against backprop; the scalar computational
//! graph and a parser of typed expressions into it.
pub mod backprop_steps;
pub mod descent;
pub mod expr;
pub mod feedforward;
pub mod gradient_race;
pub mod graph;
pub mod line_fit;
pub mod loss_pairs;
pub mod neuron;
pub mod optimizer_trace;
pub mod perceptron;
pub mod slow_neuron;
pub mod softmax;
pub mod surface;
pub mod xor;
