//! Activation functions a = σ(z) and their derivatives σ′(z).
//!
//! Adding one is one variant here: its `f`, its `prime`, and (optionally) a cheaper `prime_given` that reuses a.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Activation {
    /// σ(z) = 1 / (1 + e^{−z}),  σ′(z) = σ(z)(1 − σ(z))
    Sigmoid,
    /// σ(z) = tanh z,  σ′(z) = 1 − tanh² z
    Tanh,
    /// σ(z) = max(0, z),  σ′(z) = 1 if z > 0 else 0
    Relu,
    /// σ(z) = z,  σ′(z) = 1
    Identity,
}

impl Activation {
    pub const ALL: [Activation; 4] = [Activation::Sigmoid, Activation::Tanh, Activation::Relu, Activation::Identity];

    /// σ(z)
    #[inline]
    pub fn f(self, z: f32) -> f32 {
        match self {
            Activation::Sigmoid => 1.0 / (1.0 + libm::expf(-z)),
            Activation::Tanh => libm::tanhf(z),
            Activation::Relu => z.max(0.0),
            Activation::Identity => z,
        }
    }

    /// σ′(z)
    #[inline]
    pub fn prime(self, z: f32) -> f32 {
        self.prime_given(z, self.f(z))
    }

    /// σ′(z) when a = σ(z) is already known (the forward pass stored it), avoiding a second exp.
    #[inline]
    pub fn prime_given(self, z: f32, a: f32) -> f32 {
        match self {
            Activation::Sigmoid => a * (1.0 - a),
            Activation::Tanh => 1.0 - a * a,
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Identity => 1.0,
        }
    }

    /// a ← σ(z), elementwise.
    pub fn apply(self, z: &[f32], a: &mut [f32]) {
        for (ai, &zi) in a.iter_mut().zip(z) {
            *ai = self.f(zi);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivatives_match_central_differences() {
        let h = 1e-2f64;
        for act in Activation::ALL {
            let mut worst = 0.0f64;
            for i in -40..=40 {
                let z = i as f32 * 0.1 + 0.05; // stays off the ReLU kink at 0
                let numeric = (f64::from(act.f(z + h as f32)) - f64::from(act.f(z - h as f32))) / (2.0 * h);
                let analytic = f64::from(act.prime(z));
                let err = (numeric - analytic).abs() / (1.0 + analytic.abs());
                worst = worst.max(err);
            }
            std::println!("{act:?}: largest relative error of σ′ vs central differences {worst:e}");
            assert!(worst < 1e-3, "{act:?}: {worst}");
        }
    }

    #[test]
    fn sigmoid_has_its_textbook_values() {
        assert_eq!(Activation::Sigmoid.f(0.0), 0.5);
        assert!((Activation::Sigmoid.f(2.0) - 0.880_797).abs() < 1e-6);
        assert_eq!(Activation::Relu.f(-3.0), 0.0);
        assert_eq!(Activation::Relu.prime(-3.0), 0.0);
    }
}
