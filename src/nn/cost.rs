//! Cost functions C(a, y) for one sample, and the output error δᴸ they produce.
//!
//! Adding one is one variant: its `value` and its `gradient` ∇ₐC (and a simplified δᴸ where the lecture derives one).

use super::Activation;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Cost {
    /// Cₓ = ½‖y − a‖²,  ∇ₐC = a − y
    Quadratic,
    /// Cₓ = −Σⱼ [yⱼ ln aⱼ + (1 − yⱼ) ln(1 − aⱼ)],  ∇ₐC = (a − y) / (a(1 − a))
    CrossEntropy,
}

/// Keeps ln finite when an output saturates at exactly 0 or 1 in f32.
const LN_FLOOR: f32 = 1e-30;

impl Cost {
    pub const ALL: [Cost; 2] = [Cost::Quadratic, Cost::CrossEntropy];

    /// Cₓ for one sample's output a and target y.
    pub fn value(self, a: &[f32], y: &[f32]) -> f32 {
        match self {
            Cost::Quadratic => 0.5 * a.iter().zip(y).map(|(ai, yi)| (yi - ai) * (yi - ai)).sum::<f32>(),
            Cost::CrossEntropy => -a
                .iter()
                .zip(y)
                .map(|(&ai, &yi)| {
                    yi * libm::logf(ai.max(LN_FLOOR)) + (1.0 - yi) * libm::logf((1.0 - ai).max(LN_FLOOR))
                })
                .sum::<f32>(),
        }
    }

    /// ∂Cₓ/∂aⱼ
    pub fn gradient(self, a: f32, y: f32) -> f32 {
        match self {
            Cost::Quadratic => a - y,
            Cost::CrossEntropy => (a - y) / (a * (1.0 - a)),
        }
    }

    /// δᴸⱼ = ∂C/∂aⱼ · σ′(zⱼ)  (BP1), with the simplified form the lecture derives where it applies:
    /// cross-entropy with sigmoid outputs gives δᴸ = a − y (σ′ cancels, so no learning slowdown).
    pub fn delta(self, output: Activation, z: f32, a: f32, y: f32) -> f32 {
        match (self, output) {
            (Cost::CrossEntropy, Activation::Sigmoid) => a - y,
            _ => self.gradient(a, y) * output.prime_given(z, a),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gradients_match_central_differences() {
        let h = 1e-3f64;
        for cost in Cost::ALL {
            let mut worst = 0.0f64;
            for &(a, y) in &[(0.3f32, 1.0f32), (0.7, 0.0), (0.5, 0.2), (0.05, 1.0), (0.9, 0.9)] {
                let plus = f64::from(cost.value(&[a + h as f32], &[y]));
                let minus = f64::from(cost.value(&[a - h as f32], &[y]));
                let numeric = (plus - minus) / (2.0 * h);
                let analytic = f64::from(cost.gradient(a, y));
                worst = worst.max((numeric - analytic).abs() / (1.0 + analytic.abs()));
            }
            std::println!("{cost:?}: largest relative error of ∇ₐC vs central differences {worst:e}");
            assert!(worst < 2e-3, "{cost:?}: {worst}");
        }
    }

    #[test]
    fn simplified_cross_entropy_delta_equals_the_general_form() {
        for i in -30..=30 {
            let z = i as f32 * 0.2;
            let a = Activation::Sigmoid.f(z);
            for y in [0.0, 1.0, 0.3] {
                let general = Cost::CrossEntropy.gradient(a, y) * Activation::Sigmoid.prime_given(z, a);
                let simplified = Cost::CrossEntropy.delta(Activation::Sigmoid, z, a, y);
                assert!((general - simplified).abs() < 1e-4, "z={z} y={y}: {general} vs {simplified}");
            }
        }
    }
}
