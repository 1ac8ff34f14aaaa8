//! What a network is made of, before its weights are drawn: sizes, activations, cost, initialization, and the
//! optional parts (activation parameter, maxout pieces, batch norm, dropout). [`crate::train::TrainConfig`]
//! validates and fills one of these.

use super::{Activation, BatchNorm, BiasInit, Cost, Dense, Init, Network};
use crate::math::buffer::OutOfMemory;
use crate::math::rng::Rng;
use alloc::vec;
use alloc::vec::Vec;

#[derive(Clone, Debug, PartialEq)]
pub struct NetworkSpec {
    /// [n_1, …, n_L], input first.
    pub sizes: Vec<usize>,
    /// σ of each layer l = 2 … L (hidden layers, then the output layer).
    pub activations: Vec<Activation>,
    pub cost: Cost,
    pub init: Init,
    pub bias_init: BiasInit,
    /// Initial p of the hidden activation (None: its default).
    pub param: Option<f32>,
    /// Train p (PReLU always trains it; Swish β when this is set).
    pub learn_param: bool,
    /// k for maxout hidden layers.
    pub maxout_pieces: usize,
    /// Batch norm on every hidden layer: (ε, running-average momentum).
    pub batch_norm: Option<(f32, f32)>,
    /// Drop probability for each activation a^l, l = 1 … L−1 (input included); empty: no dropout.
    pub dropout: Vec<f32>,
}

impl NetworkSpec {
    /// A plain dense network with the same activation `hidden` in every hidden layer, `output` in the output
    /// layer, and nothing optional.
    pub fn plain(sizes: &[usize], hidden: Activation, output: Activation, cost: Cost, init: Init) -> Self {
        let mut activations = vec![hidden; sizes.len().saturating_sub(1)];
        if let Some(last) = activations.last_mut() {
            *last = output;
        }
        NetworkSpec {
            sizes: sizes.to_vec(),
            activations,
            cost,
            init,
            bias_init: BiasInit::Gaussian,
            param: None,
            learn_param: false,
            maxout_pieces: 2,
            batch_norm: None,
            dropout: Vec::new(),
        }
    }

    /// Draws the weights from `rng`, layer by layer (all of w, then b), exactly as Nielsen's `network.py` order.
    pub fn build(&self, rng: &mut Rng) -> Network {
        self.try_build(rng).expect("out of memory for the network")
    }

    /// [`NetworkSpec::build`] with the weight buffers reserved fallibly (the trainer's path).
    pub fn try_build(&self, rng: &mut Rng) -> Result<Network, OutOfMemory> {
        assert!(self.sizes.len() >= 2 && self.sizes.iter().all(|&n| n > 0), "NetworkSpec::build: validate sizes first");
        assert_eq!(self.activations.len(), self.sizes.len() - 1, "NetworkSpec::build: one activation per layer");
        let last = self.sizes.len() - 2;
        let layers = self
            .sizes
            .windows(2)
            .enumerate()
            .map(|(i, pair)| {
                let (n_in, n_out) = (pair[0], pair[1]);
                let activation = self.activations[i];
                let pieces = if activation == Activation::Maxout { self.maxout_pieces } else { 1 };
                let mut layer = Dense::try_zeros(n_in, n_out, pieces, activation)?;
                if i < last {
                    if let Some(p) = self.param.filter(|_| activation.has_param()) {
                        layer.param.fill(p);
                    }
                    layer.learn_param =
                        activation == Activation::Prelu || (self.learn_param && activation == Activation::Swish);
                    layer.batch_norm =
                        self.batch_norm.map(|(eps, momentum)| BatchNorm::new(layer.n_z(), eps, momentum));
                }
                self.init.fill(self.bias_init, n_in, &mut layer.w, &mut layer.b, rng);
                Ok(layer)
            })
            .collect::<Result<_, _>>()?;
        let dropout = if self.dropout.iter().any(|&p| p > 0.0) { self.dropout.clone() } else { Vec::new() };
        Ok(Network { layers, cost: self.cost, dropout })
    }
}
