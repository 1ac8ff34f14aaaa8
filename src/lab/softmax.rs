//! The softmax output layer and its cost (slides "Softmax", "Loss functions"), in f64 so the page can check the
//! formulas against central differences:
//!
//! - Qⱼ = e^{zⱼ} / Σₖ e^{zₖ}: positive, summing to 1; raising zⱼ raises Qⱼ and lowers every other Qᵢ;
//! - the Jacobian ∂Qᵢ/∂zⱼ = Qᵢ(1 − Qⱼ) if i = j, −QᵢQⱼ otherwise;
//! - the categorical cross-entropy C = −Σⱼ yⱼ ln Qⱼ = −ln Q_t for a one-hot y with yₜ = 1, whose output error is
//!   δ = ∂C/∂z = Q − y.

use alloc::vec::Vec;

/// Qⱼ = e^{zⱼ − max z} / Σₖ e^{zₖ − max z} (the shift by max z changes nothing but keeps e^z finite).
pub fn softmax(z: &[f64]) -> Vec<f64> {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exp: Vec<f64> = z.iter().map(|&zj| libm::exp(zj - max)).collect();
    let sum: f64 = exp.iter().sum();
    exp.iter().map(|e| e / sum).collect()
}

/// ∂Qᵢ/∂zⱼ, n × n row-major (row i, column j): Qᵢ(δᵢⱼ − Qⱼ).
pub fn jacobian(q: &[f64]) -> Vec<f64> {
    let n = q.len();
    (0..n * n)
        .map(|k| {
            let (i, j) = (k / n, k % n);
            if i == j {
                q[i] * (1.0 - q[j])
            } else {
                -q[i] * q[j]
            }
        })
        .collect()
}

/// C = −ln Q_t for target class t.
pub fn cross_entropy(z: &[f64], target: usize) -> f64 {
    -libm::log(softmax(z)[target])
}

/// δ = Q − y, y one-hot at `target`.
pub fn delta(z: &[f64], target: usize) -> Vec<f64> {
    softmax(z).iter().enumerate().map(|(j, &q)| q - if j == target { 1.0 } else { 0.0 }).collect()
}

/// ∂C/∂zⱼ by central differences (C(z + h eⱼ) − C(z − h eⱼ)) / 2h.
pub fn delta_numeric(z: &[f64], target: usize, h: f64) -> Vec<f64> {
    (0..z.len())
        .map(|j| {
            let mut plus = z.to_vec();
            let mut minus = z.to_vec();
            plus[j] += h;
            minus[j] -= h;
            (cross_entropy(&plus, target) - cross_entropy(&minus, target)) / (2.0 * h)
        })
        .collect()
}
