//! The lecture's chapter 3 (Nielsen, ch. 1, "The architecture of neural networks"): a small seeded sigmoid network
//! to inspect layer by layer. For l = 2 … L:
//!   z^l = w^l a^{l−1} + b^l,   a^l = σ(z^l),
//! with w^l of shape n_l × n_{l−1}, row-major: w^l_jk is the weight from neuron k in layer l−1 to neuron j in
//! layer l. Layer l = 1 is the input, a¹ = x.

use crate::math::rng::Rng;
use crate::nn::{Activation, Cost, Init, Network, Workspace};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// Most layers (input and output included), and most neurons per layer.
pub const MAX_LAYERS: usize = 6;
pub const MAX_NEURONS: usize = 8;

pub struct FeedforwardLab {
    network: Network,
    ws: Workspace,
}

impl FeedforwardLab {
    /// A sigmoid network with layer sizes `sizes` = [n_1, …, n_L] (2 ≤ L ≤ 6, 1 ≤ n_l ≤ 8), weights and biases
    /// ~ N(0, 1) from `seed` (PCG stream 1), quadratic cost; the input starts at 0.
    pub fn new(sizes: &[usize], seed: u64) -> Result<Self, String> {
        if !(2..=MAX_LAYERS).contains(&sizes.len()) {
            return Err(format!("sizes must list between 2 and {MAX_LAYERS} layers, got {}", sizes.len()));
        }
        if let Some((l, n)) = sizes.iter().enumerate().find(|(_, &n)| !(1..=MAX_NEURONS).contains(&n)) {
            return Err(format!("sizes[{l}] must be between 1 and {MAX_NEURONS}, got {n}"));
        }
        let network = Network::new(
            sizes,
            Activation::Sigmoid,
            Activation::Sigmoid,
            Cost::Quadratic,
            Init::Gaussian,
            &mut Rng::new(seed, 1),
        );
        let mut lab = FeedforwardLab { ws: network.workspace(1), network };
        lab.forward();
        Ok(lab)
    }

    fn forward(&mut self) {
        self.network.feedforward(&mut self.ws, 1);
    }

    /// L, the number of layers, input included.
    pub fn layers(&self) -> usize {
        self.network.layers.len() + 1
    }

    /// [n_1, …, n_L]
    pub fn sizes(&self) -> Vec<usize> {
        self.network.sizes()
    }

    /// a¹ ← x (n_1 finite values), then a forward pass.
    pub fn set_input(&mut self, x: &[f32]) -> Result<(), String> {
        let n = self.network.n_inputs();
        if x.len() != n {
            return Err(format!("input must have {n} values (one per input neuron), got {}", x.len()));
        }
        if let Some((k, v)) = x.iter().enumerate().find(|(_, v)| !v.is_finite()) {
            return Err(format!("input[{k}] must be a finite number, got {v}"));
        }
        self.ws.input_mut(1).copy_from_slice(x);
        self.forward();
        Ok(())
    }

    /// The index into `network.layers` of layer l, which must be 2 … L.
    fn layer_index(&self, l: usize) -> Result<usize, String> {
        let last = self.layers();
        if (2..=last).contains(&l) {
            Ok(l - 2)
        } else {
            Err(format!("layer l must be between 2 and {last} (l = 1 is the input and has no weights), got {l}"))
        }
    }

    /// w^l, n_l × n_{l−1}, row-major.
    pub fn weights(&self, l: usize) -> Result<&[f32], String> {
        Ok(&self.network.layers[self.layer_index(l)?].w)
    }

    /// b^l (n_l values).
    pub fn biases(&self, l: usize) -> Result<&[f32], String> {
        Ok(&self.network.layers[self.layer_index(l)?].b)
    }

    /// z^l = w^l a^{l−1} + b^l (n_l values).
    pub fn z(&self, l: usize) -> Result<&[f32], String> {
        let i = self.layer_index(l)?;
        Ok(&self.ws.z[i][..self.network.layers[i].n_out])
    }

    /// a^l = σ(z^l) for l ≥ 2; a¹ is the input. l = 1 … L.
    pub fn a(&self, l: usize) -> Result<&[f32], String> {
        let i = if l == 1 { 0 } else { self.layer_index(l)? + 1 };
        let n = self.sizes()[i];
        Ok(&self.ws.a[i][..n])
    }

    /// w^l_jk ← value (finite), then a forward pass. j < n_l and k < n_{l−1} count from 0, as indices into
    /// [`FeedforwardLab::weights`] (entry j · n_{l−1} + k).
    pub fn set_weight(&mut self, l: usize, j: usize, k: usize, value: f32) -> Result<(), String> {
        let i = self.layer_index(l)?;
        let layer = &self.network.layers[i];
        let (j, k) = (neuron("j", j, layer.n_out, l)?, neuron("k", k, layer.n_in, l - 1)?);
        let n_in = layer.n_in;
        self.network.layers[i].w[j * n_in + k] = finite("weight", value)?;
        self.forward();
        Ok(())
    }

    /// b^l_j ← value (finite), then a forward pass. j < n_l counts from 0.
    pub fn set_bias(&mut self, l: usize, j: usize, value: f32) -> Result<(), String> {
        let i = self.layer_index(l)?;
        let j = neuron("j", j, self.network.layers[i].n_out, l)?;
        self.network.layers[i].b[j] = finite("bias", value)?;
        self.forward();
        Ok(())
    }
}

/// A neuron index 0 … n − 1 of layer l.
fn neuron(name: &str, value: usize, n: usize, l: usize) -> Result<usize, String> {
    if value < n {
        Ok(value)
    } else {
        Err(format!("{name} must be between 0 and {} (the neurons of layer {l}, from 0), got {value}", n - 1))
    }
}

fn finite(name: &str, value: f32) -> Result<f32, String> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(format!("{name} must be a finite number, got {value}"))
    }
}
