//! A fully connected layer l: z^l = w^l a^{l−1} + b^l, optionally batch-normalized (u = γ x̂ + β), then a^l = σ(·).
//!
//! A maxout layer with k pieces is a dense layer with k·n_out rows of w: aⱼ = maxᵢ z_{j·k+i}.

use super::{Activation, BatchNorm};
use crate::math::buffer::{try_filled, OutOfMemory};
use alloc::vec;
use alloc::vec::Vec;

/// Weights and biases into layer l. `w` is (n_out · pieces) × n_in, row-major: `w[j * n_in + k]` = w^l_jk, the
/// weight from neuron k in layer l−1 to neuron j in layer l.
#[derive(Clone, Debug, PartialEq)]
pub struct Dense {
    pub n_in: usize,
    pub n_out: usize,
    /// Linear pieces per neuron: k for maxout, 1 otherwise.
    pub pieces: usize,
    pub w: Vec<f32>,
    pub b: Vec<f32>,
    pub activation: Activation,
    /// The activation's parameter p per neuron (leaky/PReLU α, ELU α, Swish β); empty if it has none.
    pub param: Vec<f32>,
    /// Whether `param` is trained (PReLU, learned Swish β).
    pub learn_param: bool,
    pub batch_norm: Option<BatchNorm>,
}

impl Dense {
    /// A layer of n_out neurons with `pieces` linear pieces each (k for maxout, else 1), all parameters zero
    /// (the activation's p at its default), its large buffers reserved fallibly.
    pub fn try_zeros(n_in: usize, n_out: usize, pieces: usize, activation: Activation) -> Result<Self, OutOfMemory> {
        Ok(Dense {
            n_in,
            n_out,
            pieces,
            w: try_filled(0.0, n_in * n_out * pieces)?,
            b: try_filled(0.0, n_out * pieces)?,
            activation,
            param: if activation.has_param() { vec![activation.default_param(); n_out] } else { Vec::new() },
            learn_param: false,
            batch_norm: None,
        })
    }

    /// A copy without w and b (left empty), for a caller that copies those fallibly.
    pub fn clone_small(&self) -> Self {
        Dense { w: Vec::new(), b: Vec::new(), param: self.param.clone(), batch_norm: self.batch_norm.clone(), ..*self }
    }

    /// Rows of w: the number of z values per sample (n_out · pieces).
    pub fn n_z(&self) -> usize {
        self.n_out * self.pieces
    }

    /// The parameter p of neuron j (NaN if the activation has none).
    #[inline]
    pub fn p(&self, j: usize) -> f32 {
        self.param.get(j).copied().unwrap_or(f32::NAN)
    }

    /// a ← σ(z) for m rows (z is m × n_z, a is m × n_out).
    pub fn activate(&self, z: &[f32], a: &mut [f32], m: usize) {
        let (n_z, n_out) = (self.n_z(), self.n_out);
        match self.activation {
            Activation::Softmax => {
                for (z_row, a_row) in z.chunks_exact(n_z).zip(a.chunks_exact_mut(n_out)).take(m) {
                    Activation::softmax_row(z_row, a_row);
                }
            }
            Activation::Maxout => {
                for (z_row, a_row) in z.chunks_exact(n_z).zip(a.chunks_exact_mut(n_out)).take(m) {
                    for (aj, pieces) in a_row.iter_mut().zip(z_row.chunks_exact(self.pieces)) {
                        *aj = pieces.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                    }
                }
            }
            act => {
                for (z_row, a_row) in z.chunks_exact(n_z).zip(a.chunks_exact_mut(n_out)).take(m) {
                    for (j, (aj, &zj)) in a_row.iter_mut().zip(z_row).enumerate() {
                        *aj = act.f(zj, self.p(j));
                    }
                }
            }
        }
    }

    /// δ = ∂C/∂z from da = ∂C/∂a for a hidden layer (the ⊙ σ′(z) of BP2), for the m = da.len() / n_out rows. Adds ∂C/∂p into `nabla_param`
    /// when p is learned: ∂C/∂pⱼ = Σₓ ∂C/∂aⱼ · ∂σ/∂p. `a_is_sigma` says a = σ(z) still holds (no dropout mask
    /// applied in place), so σ′ may reuse it.
    pub fn backprop_activation(
        &self,
        da: &[f32],
        z: &[f32],
        a: &[f32],
        delta: &mut [f32],
        a_is_sigma: bool,
        nabla_param: &mut [f32],
    ) {
        let (n_z, n_out) = (self.n_z(), self.n_out);
        let m = da.len() / n_out;
        if self.activation == Activation::Maxout {
            for ((d_row, z_row), da_row) in
                delta.chunks_exact_mut(n_z).zip(z.chunks_exact(n_z)).zip(da.chunks_exact(n_out)).take(m)
            {
                for ((d_pieces, z_pieces), &g) in
                    d_row.chunks_exact_mut(self.pieces).zip(z_row.chunks_exact(self.pieces)).zip(da_row)
                {
                    let mut best = 0;
                    for (i, &zi) in z_pieces.iter().enumerate() {
                        if zi > z_pieces[best] {
                            best = i;
                        }
                    }
                    d_pieces.fill(0.0);
                    d_pieces[best] = g;
                }
            }
            return;
        }
        let act = self.activation;
        nabla_param.fill(0.0);
        let rows =
            delta.chunks_exact_mut(n_z).zip(z.chunks_exact(n_z)).zip(a.chunks_exact(n_out)).zip(da.chunks_exact(n_out));
        for (((d_row, z_row), a_row), da_row) in rows.take(m) {
            for j in 0..n_out {
                let p = self.p(j);
                let prime = if a_is_sigma { act.prime_given(z_row[j], a_row[j], p) } else { act.prime(z_row[j], p) };
                d_row[j] = da_row[j] * prime;
                if self.learn_param {
                    nabla_param[j] += da_row[j] * act.param_grad(z_row[j], p);
                }
            }
        }
    }
}
