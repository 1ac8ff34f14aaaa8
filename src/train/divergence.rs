//! Divergence: a run whose cost, outputs or weights stop being finite is stopped within the mini-batch where it
//! happens, and the weights go back to the last good state instead of staying NaN.
//!
//! After every mini-batch the trainer checks, in order of cost:
//! - the mini-batch's cost Σₓ Cₓ (the costs propagate NaN, see [`crate::nn::Cost`]);
//! - the output activations aᴸ of the mini-batch (m · n_L values);
//! - every parameter, through one vectorized sum per tensor ([`crate::nn::Network::params_finite`]). The output
//!   check alone would not do: ReLU maps NaN to 0 (`NaN.max(0) = 0`), and the kernels skip zero inputs, so a NaN
//!   weight can sit behind a finite output for many mini-batches. The sums cost one read of the parameters, which
//!   the optimizer step has just written anyway.
//!
//! The last good state is a snapshot of the parameters taken every [`SNAPSHOT_EVERY`] good mini-batches (and when
//! the run starts), restored on divergence. Copying before every step would add a full pass over the parameters
//! to each mini-batch (as much memory traffic as the update itself); every 64 mini-batches it is under 2% of the
//! update's, and what is lost is at most 64 mini-batches of a run that was blowing up anyway.

use crate::math::buffer::OutOfMemory;
use crate::nn::Network;
use core::fmt;
use serde::Serialize;

/// Good mini-batches between two snapshots of the parameters.
pub const SNAPSHOT_EVERY: usize = 64;

/// What stopped being finite first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Divergence {
    /// The mini-batch's cost is NaN or ±∞.
    Loss,
    /// An output activation is NaN or ±∞.
    Outputs,
    /// A weight, bias or other parameter is NaN or ±∞ after the update.
    Weights,
}

/// Why a network cannot answer: its parameters or its outputs are not finite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotFinite {
    Weights,
    Outputs,
}

impl fmt::Display for NotFinite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self {
            NotFinite::Weights => "weights",
            NotFinite::Outputs => "outputs",
        };
        write!(f, "the network's {what} are not finite (NaN or ∞), so it has no answer: training diverged — lower eta and start again")
    }
}

/// The divergence checks of one mini-batch: its cost Σₓ Cₓ, its outputs, then the updated network.
pub fn check(cost: f32, outputs: &[f32], network: &Network) -> Option<Divergence> {
    if !cost.is_finite() {
        Some(Divergence::Loss)
    } else if !outputs.iter().all(|a| a.is_finite()) {
        Some(Divergence::Outputs)
    } else if !network.params_finite() {
        Some(Divergence::Weights)
    } else {
        None
    }
}

/// The last good parameters and how many good mini-batches have passed since.
pub struct Snapshot {
    network: Network,
    since: usize,
}

impl Snapshot {
    pub fn try_new(network: &Network) -> Result<Self, OutOfMemory> {
        Ok(Snapshot { network: network.try_clone()?, since: 0 })
    }

    /// After a good mini-batch: copies the parameters every [`SNAPSHOT_EVERY`] of them.
    pub fn after_good_batch(&mut self, network: &Network) {
        self.since += 1;
        if self.since >= SNAPSHOT_EVERY {
            self.network.copy_params_from(network);
            self.since = 0;
        }
    }

    /// Makes `network`'s parameters the last good ones now (a loaded network).
    pub fn take(&mut self, network: &Network) {
        self.network.copy_params_from(network);
        self.since = 0;
    }

    /// Puts the last good parameters back.
    pub fn restore(&self, network: &mut Network) {
        network.copy_params_from(&self.network);
    }
}
