//! Cost functions C(a, y) for one sample, and the output error δᴸ they produce (slides "Loss functions" and
//! "The cross-entropy cost function").
//!
//! The cost over n samples is C = (1/n) Σₓ Cₓ; the regularization term (λ/2n Σw² or λ/n Σ|w|) is added by
//! [`crate::nn::Regularization`]. Adding a cost is one variant: its `value` and its `gradient` ∇ₐC.

use super::Activation;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Cost {
    /// Cₓ = ½‖y − a‖²,  ∇ₐC = a − y
    Quadratic,
    /// Cross-entropy for sigmoid outputs (the slide's form, one or many neurons):
    /// Cₓ = −Σⱼ [yⱼ ln aⱼ + (1 − yⱼ) ln(1 − aⱼ)],  ∂C/∂aⱼ = (aⱼ − yⱼ) / (aⱼ(1 − aⱼ))
    CrossEntropy,
    /// Categorical cross-entropy for a softmax output (log-likelihood): Cₓ = −Σⱼ yⱼ ln aⱼ,  ∂C/∂aⱼ = −yⱼ/aⱼ
    CategoricalCrossEntropy,
}

/// Keeps ln finite when an output saturates at exactly 0 or 1 in f32.
const LN_FLOOR: f32 = 1e-30;

/// max(x, 1e-30), except that NaN stays NaN (`f32::max` returns the other operand for NaN, which once made a
/// network of NaN weights report a finite cross-entropy of 690.78 and hid the divergence).
fn floored(x: f32) -> f32 {
    if x.is_nan() {
        x
    } else {
        x.max(LN_FLOOR)
    }
}

fn ln(x: f32) -> f32 {
    libm::logf(floored(x))
}

impl Cost {
    pub const ALL: [Cost; 3] = [Cost::Quadratic, Cost::CrossEntropy, Cost::CategoricalCrossEntropy];

    /// Cₓ for one sample's output a and target y.
    pub fn value(self, a: &[f32], y: &[f32]) -> f32 {
        let pairs = a.iter().zip(y);
        match self {
            Cost::Quadratic => 0.5 * pairs.map(|(ai, yi)| (yi - ai) * (yi - ai)).sum::<f32>(),
            Cost::CrossEntropy => -pairs.map(|(&ai, &yi)| yi * ln(ai) + (1.0 - yi) * ln(1.0 - ai)).sum::<f32>(),
            Cost::CategoricalCrossEntropy => {
                // terms with yⱼ = 0 vanish, but a NaN aⱼ still makes the cost NaN
                -pairs
                    .map(|(&ai, &yi)| {
                        if yi != 0.0 {
                            yi * ln(ai)
                        } else if ai.is_nan() {
                            ai
                        } else {
                            0.0
                        }
                    })
                    .sum::<f32>()
            }
        }
    }

    /// ∂Cₓ/∂aⱼ
    pub fn gradient(self, a: f32, y: f32) -> f32 {
        match self {
            Cost::Quadratic => a - y,
            Cost::CrossEntropy => (a - y) / (a * (1.0 - a)),
            Cost::CategoricalCrossEntropy => -y / floored(a),
        }
    }

    /// Whether the lecture derives δᴸ = aᴸ − y for this output: sigmoid + cross-entropy (σ′ cancels, no learning
    /// slowdown), softmax + categorical cross-entropy, identity + quadratic.
    pub fn has_simple_delta(self, output: Activation) -> bool {
        matches!(
            (self, output),
            (Cost::CrossEntropy, Activation::Sigmoid)
                | (Cost::CategoricalCrossEntropy, Activation::Softmax)
                | (Cost::Quadratic, Activation::Identity)
        )
    }

    /// δᴸ for one sample (one row): aᴸ − y where the lecture derives it, else the general form
    /// [`Cost::delta_general`].  (BP1)
    pub fn delta(self, output: Activation, param: &[f32], z: &[f32], a: &[f32], y: &[f32], delta: &mut [f32]) {
        if self.has_simple_delta(output) {
            for ((d, &ai), &yi) in delta.iter_mut().zip(a).zip(y) {
                *d = ai - yi;
            }
        } else {
            self.delta_general(output, param, z, a, y, delta);
        }
    }

    /// δᴸ = ∇ₐC ⊙ σ′(zᴸ)  (BP1) for an elementwise σ; for softmax, δᴸ = Jᵀ ∇ₐC with J = ∂a/∂z, i.e.
    /// δⱼ = aⱼ (∂C/∂aⱼ − Σₖ aₖ ∂C/∂aₖ). `param` holds p per neuron (empty if the activation has none).
    pub fn delta_general(self, output: Activation, param: &[f32], z: &[f32], a: &[f32], y: &[f32], delta: &mut [f32]) {
        if output == Activation::Softmax {
            let mut weighted = 0.0;
            for ((d, &ai), &yi) in delta.iter_mut().zip(a).zip(y) {
                *d = self.gradient(ai, yi);
                weighted += ai * *d;
            }
            for (d, &ai) in delta.iter_mut().zip(a) {
                *d = ai * (*d - weighted);
            }
            return;
        }
        for (j, d) in delta.iter_mut().enumerate() {
            let p = param.get(j).copied().unwrap_or(f32::NAN);
            *d = self.gradient(a[j], y[j]) * output.prime_given(z[j], a[j], p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Defect 3 of issue 14: `NaN.max(1e-30)` is 1e-30, so the cross-entropy costs turned NaN outputs into a
    /// finite cost and divergence went unnoticed. NaN in must be NaN out, for every cost and its gradient.
    #[test]
    fn nan_outputs_give_a_nan_cost() {
        for cost in Cost::ALL {
            assert!(cost.value(&[f32::NAN, 0.5], &[1.0, 0.0]).is_nan(), "{cost:?}");
            assert!(cost.value(&[0.5, f32::NAN], &[1.0, 0.0]).is_nan(), "{cost:?}");
            assert!(cost.gradient(f32::NAN, 1.0).is_nan(), "{cost:?}");
        }
        assert!(Cost::CrossEntropy.value(&[1.0, 0.0], &[1.0, 0.0]).is_finite(), "saturated outputs stay finite");
    }

    #[test]
    fn gradients_match_central_differences() {
        let h = 1e-3f64;
        let mut overall = 0.0f64;
        for cost in Cost::ALL {
            let mut worst = 0.0f64;
            for &(a, y) in &[(0.3f32, 1.0f32), (0.7, 0.0), (0.5, 0.2), (0.05, 1.0), (0.9, 0.9)] {
                let plus = f64::from(cost.value(&[a + h as f32], &[y]));
                let minus = f64::from(cost.value(&[a - h as f32], &[y]));
                let numeric = (plus - minus) / (2.0 * h);
                let analytic = f64::from(cost.gradient(a, y));
                worst = worst.max((numeric - analytic).abs() / (1.0 + analytic.abs()));
            }
            std::println!("{cost:?}: largest relative error of ∇ₐC vs central differences {worst:.2e}");
            assert!(worst < 2e-3, "{cost:?}: {worst}");
            overall = overall.max(worst);
        }
        std::println!("largest relative error over all costs: {overall:.2e}");
    }

    #[test]
    fn simplified_delta_equals_the_general_form_where_the_lecture_derives_it() {
        let mut worst = 0.0f32;
        for (cost, output) in [
            (Cost::CrossEntropy, Activation::Sigmoid),
            (Cost::CategoricalCrossEntropy, Activation::Softmax),
            (Cost::Quadratic, Activation::Identity),
        ] {
            for i in -12..=12 {
                let z = [i as f32 * 0.4, 0.3 - i as f32 * 0.1, 0.7];
                let mut a = [0.0; 3];
                match output {
                    Activation::Softmax => Activation::softmax_row(&z, &mut a),
                    _ => z.iter().zip(a.iter_mut()).for_each(|(&zi, ai)| *ai = output.f(zi, f32::NAN)),
                }
                for y in [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.2, 0.5, 0.3]] {
                    let (mut general, mut simple) = ([0.0; 3], [0.0; 3]);
                    cost.delta_general(output, &[], &z, &a, &y, &mut general);
                    cost.delta(output, &[], &z, &a, &y, &mut simple);
                    for (g, s) in general.iter().zip(&simple) {
                        worst = worst.max((g - s).abs() / (1.0 + s.abs()));
                    }
                }
            }
        }
        std::println!("δᴸ = aᴸ − y vs ∇ₐC ⊙ σ′(zᴸ): largest relative difference {worst:.2e}");
        assert!(worst < 1e-4, "{worst}");
    }
}
