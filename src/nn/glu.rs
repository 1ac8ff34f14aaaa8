//! The gated linear unit (Dauphin et al. 2017), for a mini-batch of m rows, row-major like [`super::Dense`]:
//!
//! ```text
//! u = x Wᵀ + b        (m × n_out)    the linear part: W is n_out × n_in, b is n_out
//! s = x Vᵀ + c        (m × n_out)    the gate's input: V is n_out × n_in, c is n_out
//! g = sigmoid(s)                     the gate, in (0, 1)
//! h = u ⊙ g           (m × n_out)    GLU(x) = (W x + b) ⊙ σ(V x + c), per row x (n_in)
//! ```
//!
//! Backward, from ∂C/∂h (m × n_out), by the product rule and σ′ = σ(1 − σ):
//!
//! ```text
//! ∂C/∂u = ∂C/∂h ⊙ g                ∂C/∂s = ∂C/∂h ⊙ u ⊙ g ⊙ (1 − g)
//! ∂C/∂W = (∂C/∂u)ᵀ x  (n_out × n_in)    ∂C/∂b = Σ_rows ∂C/∂u
//! ∂C/∂V = (∂C/∂s)ᵀ x  (n_out × n_in)    ∂C/∂c = Σ_rows ∂C/∂s
//! ∂C/∂x = (∂C/∂u) W + (∂C/∂s) V   (m × n_in)
//! ```
//!
//! With n_in = n_out = 1 it contains Swish: x · sigmoid(β x) is the GLU with w = 1, v = β, b = c = 0.
//! The unit stands alone (the page plots it and its gradients); it is not one of the network's layer kinds.

use crate::math::gemm::{gemm_ab, gemm_abt, gemm_atb};
use alloc::vec;
use alloc::vec::Vec;

fn sigmoid(s: f32) -> f32 {
    1.0 / (1.0 + libm::expf(-s))
}

/// W, b (the linear part) and V, c (the gate), n_out × n_in and n_out, row-major.
#[derive(Clone, Debug, PartialEq)]
pub struct Glu {
    pub n_in: usize,
    pub n_out: usize,
    pub w: Vec<f32>,
    pub b: Vec<f32>,
    pub v: Vec<f32>,
    pub c: Vec<f32>,
}

/// ∂C/∂W, ∂C/∂b, ∂C/∂V, ∂C/∂c summed over the rows of a batch (shapes as W, b, V, c).
#[derive(Clone, Debug, PartialEq)]
pub struct GluGradients {
    pub nabla_w: Vec<f32>,
    pub nabla_b: Vec<f32>,
    pub nabla_v: Vec<f32>,
    pub nabla_c: Vec<f32>,
}

/// What the forward pass keeps for the backward pass, and the backward pass's buffers, for up to `capacity` rows.
#[derive(Clone, Debug)]
pub struct GluWorkspace {
    capacity: usize,
    /// u = x Wᵀ + b (m × n_out)
    pub u: Vec<f32>,
    /// g = sigmoid(x Vᵀ + c) (m × n_out)
    pub g: Vec<f32>,
    /// h = u ⊙ g (m × n_out)
    pub h: Vec<f32>,
    /// ∂C/∂u and ∂C/∂s (m × n_out)
    pub du: Vec<f32>,
    pub ds: Vec<f32>,
    /// ∂C/∂x (m × n_in)
    pub dx: Vec<f32>,
    scratch: Vec<f32>,
}

impl Glu {
    /// A unit with every parameter zero.
    pub fn zeros(n_in: usize, n_out: usize) -> Self {
        Glu {
            n_in,
            n_out,
            w: vec![0.0; n_out * n_in],
            b: vec![0.0; n_out],
            v: vec![0.0; n_out * n_in],
            c: vec![0.0; n_out],
        }
    }

    pub fn workspace(&self, capacity: usize) -> GluWorkspace {
        let (o, i) = (capacity * self.n_out, capacity * self.n_in);
        GluWorkspace {
            capacity,
            u: vec![0.0; o],
            g: vec![0.0; o],
            h: vec![0.0; o],
            du: vec![0.0; o],
            ds: vec![0.0; o],
            dx: vec![0.0; i],
            scratch: vec![0.0; i],
        }
    }

    pub fn zero_gradients(&self) -> GluGradients {
        GluGradients {
            nabla_w: vec![0.0; self.w.len()],
            nabla_b: vec![0.0; self.b.len()],
            nabla_v: vec![0.0; self.v.len()],
            nabla_c: vec![0.0; self.c.len()],
        }
    }

    /// h = (x Wᵀ + b) ⊙ sigmoid(x Vᵀ + c) for the m rows of x (m × n_in); returns h (m × n_out), also kept in `ws`.
    pub fn forward<'w>(&self, x: &[f32], m: usize, ws: &'w mut GluWorkspace) -> &'w [f32] {
        assert!(m <= ws.capacity, "glu: batch of {m} exceeds the workspace capacity {}", ws.capacity);
        let (n_in, n_out) = (self.n_in, self.n_out);
        let x = &x[..m * n_in];
        let (u, g, h) = (&mut ws.u[..m * n_out], &mut ws.g[..m * n_out], &mut ws.h[..m * n_out]);
        gemm_abt(m, n_out, n_in, x, &self.w, u);
        gemm_abt(m, n_out, n_in, x, &self.v, g);
        for ((u_row, g_row), h_row) in
            u.chunks_exact_mut(n_out).zip(g.chunks_exact_mut(n_out)).zip(h.chunks_exact_mut(n_out))
        {
            for j in 0..n_out {
                u_row[j] += self.b[j];
                g_row[j] = sigmoid(g_row[j] + self.c[j]);
                h_row[j] = u_row[j] * g_row[j];
            }
        }
        h
    }

    /// From ∂C/∂h (m × n_out) after [`Glu::forward`] on the same x: ∂C/∂W, ∂C/∂b, ∂C/∂V, ∂C/∂c summed over the rows
    /// into `grads` (overwritten), and ∂C/∂x into `ws.dx` (m × n_in).
    pub fn backward(&self, x: &[f32], dh: &[f32], m: usize, ws: &mut GluWorkspace, grads: &mut GluGradients) {
        let (n_in, n_out) = (self.n_in, self.n_out);
        let x = &x[..m * n_in];
        let (du, ds) = (&mut ws.du[..m * n_out], &mut ws.ds[..m * n_out]);
        for (k, &d) in dh[..m * n_out].iter().enumerate() {
            let (u, g) = (ws.u[k], ws.g[k]);
            du[k] = d * g;
            ds[k] = d * u * g * (1.0 - g);
        }
        gemm_atb(n_out, n_in, m, du, x, &mut grads.nabla_w);
        gemm_atb(n_out, n_in, m, ds, x, &mut grads.nabla_v);
        column_sums(du, n_out, &mut grads.nabla_b);
        column_sums(ds, n_out, &mut grads.nabla_c);
        let dx = &mut ws.dx[..m * n_in];
        let scratch = &mut ws.scratch[..m * n_in];
        gemm_ab(m, n_in, n_out, du, &self.w, dx);
        gemm_ab(m, n_in, n_out, ds, &self.v, scratch);
        for (d, s) in dx.iter_mut().zip(scratch.iter()) {
            *d += s;
        }
    }
}

/// out_j = Σ_rows a_rj for a row-major matrix with `cols` columns.
fn column_sums(a: &[f32], cols: usize, out: &mut [f32]) {
    out.fill(0.0);
    for row in a.chunks_exact(cols) {
        for (o, &v) in out.iter_mut().zip(row) {
            *o += v;
        }
    }
}
