//! Batch normalization (Ioffe & Szegedy 2015; slides "Batch normalization"), per feature j of a layer's z:
//!
//! - training: μ_B = (1/m) Σₓ zₓ,  σ²_B = (1/m) Σₓ (zₓ − μ_B)²,  x̂ = (z − μ_B) / √(σ²_B + ε),  u = γ x̂ + β
//! - inference: the same with running averages, running ← momentum · running + (1 − momentum) · batch statistic
//!
//! Gradients (δ_u = ∂C/∂u): ∂C/∂γ = Σₓ δ_u x̂,  ∂C/∂β = Σₓ δ_u,
//! δ_z = (1/m) / √(σ²_B + ε) · (m δ_x̂ − Σₓ δ_x̂ − x̂ Σₓ δ_x̂ x̂)  with δ_x̂ = γ δ_u.
//! Buffers are m × n row-major (one sample per row).

use alloc::vec;
use alloc::vec::Vec;

#[derive(Clone, Debug, PartialEq)]
pub struct BatchNorm {
    pub gamma: Vec<f32>,
    pub beta: Vec<f32>,
    pub running_mean: Vec<f32>,
    pub running_var: Vec<f32>,
    pub eps: f32,
    pub momentum: f32,
}

impl BatchNorm {
    /// γ = 1, β = 0 (the identity at the start), running mean 0 and variance 1.
    pub fn new(n: usize, eps: f32, momentum: f32) -> Self {
        BatchNorm {
            gamma: vec![1.0; n],
            beta: vec![0.0; n],
            running_mean: vec![0.0; n],
            running_var: vec![1.0; n],
            eps,
            momentum,
        }
    }

    /// Training pass: `z_to_x_hat` (m × n) holds z and becomes x̂; `u` gets γ x̂ + β; `mean`/`var` get μ_B, σ²_B.
    pub fn forward_train(&self, z_to_x_hat: &mut [f32], u: &mut [f32], m: usize, mean: &mut [f32], var: &mut [f32]) {
        let n = self.gamma.len();
        mean.fill(0.0);
        var.fill(0.0);
        for row in z_to_x_hat.chunks_exact(n).take(m) {
            for (mu, &z) in mean.iter_mut().zip(row) {
                *mu += z;
            }
        }
        mean.iter_mut().for_each(|mu| *mu /= m as f32);
        for row in z_to_x_hat.chunks_exact(n).take(m) {
            for ((v, &mu), &z) in var.iter_mut().zip(&*mean).zip(row) {
                *v += (z - mu) * (z - mu);
            }
        }
        var.iter_mut().for_each(|v| *v /= m as f32);
        self.normalize(z_to_x_hat, u, m, mean, var);
    }

    /// Inference pass with the running averages.
    pub fn forward_infer(&self, z_to_x_hat: &mut [f32], u: &mut [f32], m: usize) {
        self.normalize(z_to_x_hat, u, m, &self.running_mean, &self.running_var);
    }

    fn normalize(&self, z_to_x_hat: &mut [f32], u: &mut [f32], m: usize, mean: &[f32], var: &[f32]) {
        let n = self.gamma.len();
        for (x_row, u_row) in z_to_x_hat.chunks_exact_mut(n).zip(u.chunks_exact_mut(n)).take(m) {
            for j in 0..n {
                x_row[j] = (x_row[j] - mean[j]) / libm::sqrtf(var[j] + self.eps);
                u_row[j] = self.gamma[j] * x_row[j] + self.beta[j];
            }
        }
    }

    /// running ← momentum · running + (1 − momentum) · batch, after a training pass.
    pub fn update_running(&mut self, mean: &[f32], var: &[f32]) {
        let k = self.momentum;
        for (r, &b) in self.running_mean.iter_mut().zip(mean) {
            *r = k * *r + (1.0 - k) * b;
        }
        for (r, &b) in self.running_var.iter_mut().zip(var) {
            *r = k * *r + (1.0 - k) * b;
        }
    }

    /// Turns δ_u into δ_z in place (m = delta.len() / n rows) and writes ∂C/∂γ, ∂C/∂β (summed over the m samples)
    /// into `nabla` = (∂C/∂γ, ∂C/∂β). `sums` is scratch of length 2n.
    pub fn backward(
        &self,
        delta: &mut [f32],
        x_hat: &[f32],
        var: &[f32],
        nabla: (&mut [f32], &mut [f32]),
        sums: &mut [f32],
    ) {
        let n = self.gamma.len();
        let m = delta.len() / n;
        let (nabla_gamma, nabla_beta) = nabla;
        nabla_gamma.fill(0.0);
        nabla_beta.fill(0.0);
        let (sum_d, sum_dx) = sums.split_at_mut(n);
        sum_d.fill(0.0);
        sum_dx.fill(0.0);
        for (d_row, x_row) in delta.chunks_exact(n).zip(x_hat.chunks_exact(n)).take(m) {
            for j in 0..n {
                nabla_gamma[j] += d_row[j] * x_row[j];
                nabla_beta[j] += d_row[j];
                let d_x_hat = self.gamma[j] * d_row[j];
                sum_d[j] += d_x_hat;
                sum_dx[j] += d_x_hat * x_row[j];
            }
        }
        let mf = m as f32;
        for (d_row, x_row) in delta.chunks_exact_mut(n).zip(x_hat.chunks_exact(n)).take(m) {
            for j in 0..n {
                let inv_std = 1.0 / libm::sqrtf(var[j] + self.eps);
                let d_x_hat = self.gamma[j] * d_row[j];
                d_row[j] = inv_std / mf * (mf * d_x_hat - sum_d[j] - x_row[j] * sum_dx[j]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::rng::Rng;

    #[test]
    fn running_averages_keep_momentum_of_the_old_value_by_hand() {
        // Batch z = [[1, 10], [3, 14]]: μ_B = (2, 12), σ²_B = (1, 4). Momentum 0.9 from (0, 1):
        // running_mean = 0.9·0 + 0.1·(2, 12) = (0.2, 1.2),  running_var = 0.9·1 + 0.1·(1, 4) = (1, 1.3);
        // a second identical batch: 0.9·(0.2, 1.2) + 0.1·(2, 12) = (0.38, 2.28). The complement would give 1.8 first.
        let mut bn = BatchNorm::new(2, 1e-5, 0.9);
        let (mut mean, mut var) = (vec![0.0; 2], vec![0.0; 2]);
        let mut u = vec![0.0; 4];
        let close = |got: &[f32], expected: [f32; 2]| got.iter().zip(expected).all(|(g, e)| (g - e).abs() < 1e-6);
        let mut z = vec![1.0, 10.0, 3.0, 14.0];
        bn.forward_train(&mut z, &mut u, 2, &mut mean, &mut var);
        assert_eq!((mean.as_slice(), var.as_slice()), (&[2.0, 12.0][..], &[1.0, 4.0][..]));
        bn.update_running(&mean, &var);
        assert!(close(&bn.running_mean, [0.2, 1.2]), "{:?}", bn.running_mean);
        assert!(close(&bn.running_var, [1.0, 1.3]), "{:?}", bn.running_var);
        bn.update_running(&mean, &var);
        assert!(close(&bn.running_mean, [0.38, 2.28]), "{:?}", bn.running_mean);
    }

    #[test]
    fn running_averages_make_inference_match_training_on_a_steady_batch() {
        let (m, n) = (32, 3);
        let mut rng = Rng::new(5, 5);
        let z: Vec<f32> = (0..m * n).map(|i| 2.0 * rng.gaussian() + (i % n) as f32 * 3.0).collect();
        let mut bn = BatchNorm::new(n, 1e-5, 0.9);
        bn.gamma = vec![1.5, 0.5, 2.0];
        bn.beta = vec![0.1, -0.2, 0.3];
        let (mut mean, mut var) = (vec![0.0; n], vec![0.0; n]);
        let (mut x_hat, mut train_out, mut infer_out) = (z.clone(), vec![0.0; m * n], vec![0.0; m * n]);
        for _ in 0..200 {
            x_hat.copy_from_slice(&z);
            bn.forward_train(&mut x_hat, &mut train_out, m, &mut mean, &mut var);
            bn.update_running(&mean, &var);
        }
        x_hat.copy_from_slice(&z);
        bn.forward_infer(&mut x_hat, &mut infer_out, m);
        let worst = train_out.iter().zip(&infer_out).map(|(a, b)| (a - b).abs()).fold(0.0f32, f32::max);
        std::println!("after 200 steps on one batch, inference vs training output: largest difference {worst:.1e}");
        assert!(worst < 1e-4, "{worst}");
    }
}
