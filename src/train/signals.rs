//! The signs of a run that is not learning, cheap enough to compute on every step, for the page to say "at chance
//! level", "the cost has not moved" or "saturated units" and suggest why:
//!
//! - saturation: the fraction of sigmoid and tanh neurons (all layers) of the last mini-batch whose z lies where
//!   σ′ is below 1% of its peak — |z| > 6 for the sigmoid (σ′(6) ≈ 0.0025 = 1% of σ′(0) = ¼), |z| > 3 for tanh
//!   (tanh′(3) ≈ 0.0099). Nearly all saturated after a large η: the gradients through them vanish (slides "Sigmoid
//!   neurons", "The vanishing gradient problem").
//! - the epoch's mean training cost (1/n) Σₓ Cₓ and its relative change (C_epoch − C_before) / C_before, where
//!   C_before is the previous epoch's mean, or the first mini-batch's for the first epoch: about 0 means nothing
//!   moves (η too small, or every unit saturated).
//! - the epoch's training accuracy, counted on the mini-batches as they were trained (dropout on): near 1/classes
//!   is chance level.

use crate::nn::{Activation, Network, Workspace};

/// |z| beyond which σ′ is under 1% of its peak, for the activations that saturate on both sides.
fn saturation_bound(activation: Activation) -> Option<f32> {
    match activation {
        Activation::Sigmoid => Some(6.0),
        Activation::Tanh => Some(3.0),
        _ => None,
    }
}

/// The fraction of saturating neurons (sigmoid, tanh) in the last forward pass of m rows that are saturated; NaN
/// if the network has none.
pub fn saturated_fraction(network: &Network, ws: &Workspace, m: usize) -> f32 {
    let (mut saturated, mut total) = (0usize, 0usize);
    for (layer, z) in network.layers.iter().zip(&ws.z) {
        if let Some(bound) = saturation_bound(layer.activation) {
            let z = &z[..m * layer.n_z()];
            saturated += z.iter().filter(|v| v.abs() > bound).count();
            total += z.len();
        }
    }
    if total == 0 {
        f32::NAN
    } else {
        saturated as f32 / total as f32
    }
}

/// Sums over the mini-batches of the current epoch.
#[derive(Clone, Copy, Debug, Default)]
pub struct EpochStats {
    cost_sum: f64,
    correct: usize,
    samples: usize,
    /// C_before: the previous epoch's mean cost, or the first mini-batch's (NaN until known).
    before: Option<f32>,
}

/// What [`EpochStats::finish`] reports for an epoch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EpochSummary {
    pub loss: f32,
    pub loss_change: f32,
    pub accuracy: f32,
}

impl EpochStats {
    /// Adds one mini-batch: its cost Σₓ Cₓ, its outputs aᴸ and one-hot targets (m × classes).
    pub fn record(&mut self, cost: f32, outputs: &[f32], targets: &[f32], classes: usize) {
        let m = outputs.len() / classes;
        if self.before.is_none() {
            self.before = Some(cost / m.max(1) as f32);
        }
        self.cost_sum += f64::from(cost);
        self.samples += m;
        self.correct += Network::argmax_rows(outputs, classes)
            .zip(targets.chunks_exact(classes))
            .filter(|(guess, y)| y[*guess] == 1.0)
            .count();
    }

    /// The epoch's numbers; starts the next epoch with this one's mean cost as C_before.
    pub fn finish(&mut self) -> EpochSummary {
        let n = self.samples.max(1) as f64;
        let loss = (self.cost_sum / n) as f32;
        let before = self.before.unwrap_or(f32::NAN);
        let summary =
            EpochSummary { loss, loss_change: (loss - before) / before, accuracy: (self.correct as f64 / n) as f32 };
        *self = EpochStats { before: Some(loss), ..EpochStats::default() };
        summary
    }
}
