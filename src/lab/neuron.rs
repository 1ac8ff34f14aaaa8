//! The lecture's chapter 2 (Nielsen, ch. 1, "Sigmoid neurons"): one neuron with weighted input z = w·x + b, its
//! sigmoid and step outputs, and why the sigmoid learns: a small change in w and b makes a small, nearly linear
//! change in the output,
//!   Δoutput ≈ Σⱼ ∂output/∂wⱼ Δwⱼ + ∂output/∂b Δb.
//!
//! Everything is f64: the page compares that estimate with the true change for Δw as small as 10⁻³, where f32
//! cancellation in σ(z + Δz) − σ(z) would swamp the comparison.

use alloc::vec::Vec;

/// σ(z) = 1 / (1 + e^{−z})
pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + libm::exp(-z))
}

/// σ′(z) = σ(z) (1 − σ(z))
pub fn sigmoid_prime(z: f64) -> f64 {
    let s = sigmoid(z);
    s * (1.0 - s)
}

/// The perceptron's step: 1 if z > 0, else 0.
pub fn step(z: f64) -> f64 {
    if z > 0.0 {
        1.0
    } else {
        0.0
    }
}

/// One neuron with weights w (one per input) and bias b.
#[derive(Clone, Debug, PartialEq)]
pub struct Neuron {
    pub w: Vec<f64>,
    pub b: f64,
}

/// The effect of changing w by Δw and b by Δb.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Change {
    /// σ(z + Δz) − σ(z), with Δz = Δw·x + Δb.
    pub true_sigmoid: f64,
    /// Σⱼ ∂output/∂wⱼ Δwⱼ + ∂output/∂b Δb = σ′(z) Δz.
    pub linear_estimate: f64,
    /// step(z + Δz) − step(z): 0, or a jump of ±1.
    pub true_step: f64,
}

impl Neuron {
    /// z = w·x + b = Σⱼ wⱼxⱼ + b. `x` has one value per weight.
    pub fn z(&self, x: &[f64]) -> f64 {
        debug_assert_eq!(self.w.len(), x.len(), "neuron: x must have one value per weight");
        self.w.iter().zip(x).map(|(wj, xj)| wj * xj).sum::<f64>() + self.b
    }

    /// ∂output/∂wⱼ = σ′(z) xⱼ for each j, then ∂output/∂b = σ′(z): n + 1 values.
    pub fn gradient(&self, x: &[f64]) -> Vec<f64> {
        let s = sigmoid_prime(self.z(x));
        x.iter().map(|xj| s * xj).chain(core::iter::once(s)).collect()
    }

    /// The true changes of both outputs and the linear estimate of the sigmoid's, for w → w + Δw, b → b + Δb.
    /// `dw` has one value per weight.
    pub fn change(&self, x: &[f64], dw: &[f64], db: f64) -> Change {
        debug_assert_eq!(self.w.len(), dw.len(), "neuron: dw must have one value per weight");
        let z = self.z(x);
        let moved = Neuron { w: self.w.iter().zip(dw).map(|(wj, dwj)| wj + dwj).collect(), b: self.b + db };
        let z_moved = moved.z(x);
        let gradient = self.gradient(x);
        let (dw_part, db_part) = gradient.split_at(dw.len());
        Change {
            true_sigmoid: sigmoid(z_moved) - sigmoid(z),
            linear_estimate: dw_part.iter().zip(dw).map(|(g, d)| g * d).sum::<f64>() + db_part[0] * db,
            true_step: step(z_moved) - step(z),
        }
    }
}
