//! Activation functions a = σ(z) and their derivatives σ′(z), as on the slides "Activation functions".
//!
//! Elementwise activations take one parameter p where they have one (leaky ReLU α, PReLU α, ELU α, Swish β);
//! the others ignore it. Two kinds are not elementwise and are handled by the layer: softmax (output layer only,
//! aⱼ = e^{zⱼ} / Σₖ e^{zₖ}) and maxout (aⱼ = maxᵢ z_{j,i} over k linear pieces, hidden layers only).
//! Adding one is one variant here: its `f`, its `prime`, and ∂σ/∂p if p can be learned.

use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Activation {
    /// Perceptron: σ(z) = 1 if z > 0 else 0,  σ′(z) = 0 (almost everywhere: nothing to learn from).
    Step,
    /// σ(z) = z,  σ′(z) = 1
    Identity,
    /// σ(z) = 1 / (1 + e^{−z}),  σ′(z) = σ(z)(1 − σ(z))
    Sigmoid,
    /// σ(z) = tanh z,  σ′(z) = 1 − tanh² z
    Tanh,
    /// σ(z) = max(0, z),  σ′(z) = 1 if z > 0 else 0
    Relu,
    /// σ(z) = z if z > 0 else α z (α fixed, default 0.01),  σ′(z) = 1 or α
    LeakyRelu,
    /// PReLU: as leaky ReLU but α is learned per neuron (initial 0.25);  ∂σ/∂α = z if z ≤ 0 else 0
    Prelu,
    /// σ(z) = z if z > 0 else α(e^z − 1) (default α = 1),  σ′(z) = 1 or α e^z
    Elu,
    /// GELU, exact: σ(z) = z Φ(z), Φ(z) = ½(1 + erf(z/√2)),  σ′(z) = Φ(z) + z φ(z)
    Gelu,
    /// GELU approximation: σ(z) = z · sigmoid(1.702 z)
    GeluSigmoid,
    /// Swish: σ(z) = z · sigmoid(β z) (β = 1 is SiLU; fixed or learned),
    /// σ′(z) = s + β z s(1 − s) with s = sigmoid(βz),  ∂σ/∂β = z² s(1 − s)
    #[serde(alias = "silu")]
    Swish,
    /// σ(z) = ln(1 + e^z),  σ′(z) = sigmoid(z)
    Softplus,
    /// Mish: σ(z) = z tanh(softplus z),  σ′(z) = tanh(sp) + z (1 − tanh²(sp)) sigmoid(z)
    Mish,
    /// SELU: σ(z) = λ z if z > 0 else λ α (e^z − 1), λ ≈ 1.0507, α ≈ 1.6733 (Klambauer et al. 2017)
    Selu,
    /// σ(z) = min(max(0, z), 6)
    Relu6,
    /// Hard swish: σ(z) = z · ReLU6(z + 3) / 6,  σ′(z) = 0 (z < −3), 1 (z > 3), (2z + 3)/6 between
    HardSwish,
    /// Softmax output layer: aⱼ = e^{zⱼ} / Σₖ e^{zₖ},  ∂aᵢ/∂zⱼ = aᵢ(δᵢⱼ − aⱼ). Not elementwise.
    Softmax,
    /// Maxout hidden layer: aⱼ = maxᵢ z_{j,i} over k pieces; ∂aⱼ/∂z_{j,i} = 1 for the largest piece, else 0.
    Maxout,
}

const SELU_LAMBDA: f32 = 1.050_701;
const SELU_ALPHA: f32 = 1.673_263_2;
const FRAC_1_SQRT_2: f32 = core::f32::consts::FRAC_1_SQRT_2;
/// 1/√(2π), for the normal density φ(z) = e^{−z²/2}/√(2π).
const FRAC_1_SQRT_2PI: f32 = 0.398_942_3;

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + libm::expf(-z))
}

/// ln(1 + e^z) without overflow: max(z, 0) + ln(1 + e^{−|z|}).
fn softplus(z: f32) -> f32 {
    z.max(0.0) + libm::log1pf(libm::expf(-z.abs()))
}

impl Activation {
    /// The elementwise activations (what the gallery plots), then softmax and maxout.
    pub const ELEMENTWISE: [Activation; 16] = [
        Activation::Step,
        Activation::Identity,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::LeakyRelu,
        Activation::Prelu,
        Activation::Elu,
        Activation::Gelu,
        Activation::GeluSigmoid,
        Activation::Swish,
        Activation::Softplus,
        Activation::Mish,
        Activation::Selu,
        Activation::Relu6,
        Activation::HardSwish,
    ];

    /// The parameter p an activation uses when the config gives none (NaN: it has none).
    pub fn default_param(self) -> f32 {
        match self {
            Activation::LeakyRelu => 0.01,
            Activation::Prelu => 0.25,
            Activation::Elu | Activation::Swish => 1.0,
            _ => f32::NAN,
        }
    }

    pub fn has_param(self) -> bool {
        !self.default_param().is_nan()
    }

    /// Everything but softmax and maxout, which the layer handles row by row.
    pub fn is_elementwise(self) -> bool {
        !matches!(self, Activation::Softmax | Activation::Maxout)
    }

    /// σ(z) with parameter p.
    #[inline]
    pub fn f(self, z: f32, p: f32) -> f32 {
        match self {
            Activation::Step => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Identity | Activation::Softmax | Activation::Maxout => z,
            Activation::Sigmoid => sigmoid(z),
            Activation::Tanh => libm::tanhf(z),
            Activation::Relu => z.max(0.0),
            Activation::LeakyRelu | Activation::Prelu => {
                if z > 0.0 {
                    z
                } else {
                    p * z
                }
            }
            Activation::Elu => {
                if z > 0.0 {
                    z
                } else {
                    p * libm::expm1f(z)
                }
            }
            Activation::Gelu => z * 0.5 * (1.0 + libm::erff(z * FRAC_1_SQRT_2)),
            Activation::GeluSigmoid => z * sigmoid(1.702 * z),
            Activation::Swish => z * sigmoid(p * z),
            Activation::Softplus => softplus(z),
            Activation::Mish => z * libm::tanhf(softplus(z)),
            Activation::Selu => {
                if z > 0.0 {
                    SELU_LAMBDA * z
                } else {
                    SELU_LAMBDA * SELU_ALPHA * libm::expm1f(z)
                }
            }
            Activation::Relu6 => z.clamp(0.0, 6.0),
            Activation::HardSwish => z * (z + 3.0).clamp(0.0, 6.0) / 6.0,
        }
    }

    /// σ′(z) with parameter p.
    #[inline]
    pub fn prime(self, z: f32, p: f32) -> f32 {
        self.prime_given(z, self.f(z, p), p)
    }

    /// σ′(z) when a = σ(z) is already known (the forward pass stored it), avoiding a second exp where possible.
    #[inline]
    pub fn prime_given(self, z: f32, a: f32, p: f32) -> f32 {
        let positive = z > 0.0;
        match self {
            Activation::Step => 0.0,
            Activation::Identity | Activation::Softmax | Activation::Maxout => 1.0,
            Activation::Sigmoid => a * (1.0 - a),
            Activation::Tanh => 1.0 - a * a,
            Activation::Relu => f32::from(u8::from(positive)),
            Activation::LeakyRelu | Activation::Prelu => {
                if positive {
                    1.0
                } else {
                    p
                }
            }
            Activation::Elu => {
                if positive {
                    1.0
                } else {
                    a + p
                }
            }
            Activation::Gelu => {
                0.5 * (1.0 + libm::erff(z * FRAC_1_SQRT_2)) + z * FRAC_1_SQRT_2PI * libm::expf(-0.5 * z * z)
            }
            Activation::GeluSigmoid => {
                let s = sigmoid(1.702 * z);
                s + 1.702 * z * s * (1.0 - s)
            }
            Activation::Swish => {
                let s = sigmoid(p * z);
                s + p * z * s * (1.0 - s)
            }
            Activation::Softplus => sigmoid(z),
            Activation::Mish => {
                let t = libm::tanhf(softplus(z));
                t + z * (1.0 - t * t) * sigmoid(z)
            }
            Activation::Selu => {
                if positive {
                    SELU_LAMBDA
                } else {
                    a + SELU_LAMBDA * SELU_ALPHA
                }
            }
            Activation::Relu6 => f32::from(u8::from(positive && z < 6.0)),
            Activation::HardSwish => {
                if z < -3.0 {
                    0.0
                } else if z > 3.0 {
                    1.0
                } else {
                    (2.0 * z + 3.0) / 6.0
                }
            }
        }
    }

    /// ∂σ/∂p for the activations with a learnable parameter (PReLU α, Swish β); 0 for the others.
    #[inline]
    pub fn param_grad(self, z: f32, p: f32) -> f32 {
        match self {
            Activation::Prelu | Activation::LeakyRelu => {
                if z > 0.0 {
                    0.0
                } else {
                    z
                }
            }
            Activation::Elu => {
                if z > 0.0 {
                    0.0
                } else {
                    libm::expm1f(z)
                }
            }
            Activation::Swish => {
                let s = sigmoid(p * z);
                z * z * s * (1.0 - s)
            }
            _ => 0.0,
        }
    }

    /// Softmax of one row: a = e^{z − max z} / Σ e^{z − max z} (shifting by max z changes nothing but avoids overflow).
    pub fn softmax_row(z: &[f32], a: &mut [f32]) {
        let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let mut sum = 0.0;
        for (ai, &zi) in a.iter_mut().zip(z) {
            *ai = libm::expf(zi - max);
            sum += *ai;
        }
        for ai in a.iter_mut() {
            *ai /= sum;
        }
    }

    /// For the gallery: n points x from `from` to `to` (inclusive), returned as [x…, σ(x)…, σ′(x)…] (3n numbers).
    /// Softmax and maxout are not elementwise and are sampled as the identity.
    pub fn samples(self, p: f32, from: f32, to: f32, n: usize) -> Vec<f32> {
        let mut out = alloc::vec![0.0; 3 * n];
        let step = if n > 1 { (to - from) / (n - 1) as f32 } else { 0.0 };
        for i in 0..n {
            let x = from + i as f32 * step;
            out[i] = x;
            out[n + i] = self.f(x, p);
            out[2 * n + i] = self.prime(x, p);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivatives_match_central_differences() {
        let h = 1e-3f64;
        let mut overall = 0.0f64;
        // Parameterized activations at their default and at a parameter away from it (so that a σ′ ignoring p fails).
        let params = |act: Activation| if act.has_param() { [act.default_param(), 1.7] } else { [0.0, 0.0] };
        for (act, p) in Activation::ELEMENTWISE.into_iter().flat_map(|act| params(act).map(|p| (act, p))) {
            let mut worst = 0.0f64;
            for i in -80..=80 {
                let z = i as f32 * 0.1 + 0.05; // stays off the kinks at 0, ±3 and 6
                let numeric = (f64::from(act.f(z + h as f32, p)) - f64::from(act.f(z - h as f32, p))) / (2.0 * h);
                let analytic = f64::from(act.prime(z, p));
                worst = worst.max((numeric - analytic).abs() / (1.0 + analytic.abs()));
                if act.has_param() {
                    let hp = 1e-3f32;
                    let numeric = (f64::from(act.f(z, p + hp)) - f64::from(act.f(z, p - hp))) / (2.0 * f64::from(hp));
                    let analytic = f64::from(act.param_grad(z, p));
                    worst = worst.max((numeric - analytic).abs() / (1.0 + analytic.abs()));
                }
            }
            std::println!(
                "{act:?} (p = {p}): largest relative error of σ′ (and ∂σ/∂p) vs central differences {worst:.2e}"
            );
            assert!(worst < 5e-3, "{act:?}: {worst}");
            overall = overall.max(worst);
        }
        std::println!("largest relative error over all activations: {overall:.2e}");
    }

    #[test]
    fn activations_have_their_textbook_values() {
        let nan = f32::NAN;
        assert_eq!(Activation::Sigmoid.f(0.0, nan), 0.5);
        assert!((Activation::Sigmoid.f(2.0, nan) - 0.880_797).abs() < 1e-6);
        assert_eq!(Activation::Relu.f(-3.0, nan), 0.0);
        assert_eq!(Activation::Relu.prime(-3.0, nan), 0.0);
        assert_eq!(Activation::Step.f(0.3, nan), 1.0);
        // The perceptron's rule: output 1 only if w·x + b > 0, so 0 at exactly 0 (Nielsen ch. 1).
        assert_eq!(Activation::Step.f(0.0, nan), 0.0);
        assert_eq!(Activation::Relu6.f(9.0, nan), 6.0);
        assert_eq!(Activation::LeakyRelu.f(-2.0, 0.01), -0.02);
        // GELU(1) = Φ(1) = 0.841345 (normal table); its sigmoid approximation gives 1·σ(1.702) = 0.845795.
        assert!((Activation::Gelu.f(1.0, nan) - 0.841_345).abs() < 1e-5);
        assert!((Activation::GeluSigmoid.f(1.0, nan) - 0.845_795).abs() < 1e-5);
        // SELU(−∞) → −λα ≈ −1.7581; softplus(0) = ln 2; mish(1) = tanh(ln(1 + e)) = 0.865098.
        assert!((Activation::Selu.f(-30.0, nan) + 1.758_099).abs() < 1e-5);
        assert!((Activation::Softplus.f(0.0, nan) - core::f32::consts::LN_2).abs() < 1e-7);
        assert!((Activation::Mish.f(1.0, nan) - 0.865_098).abs() < 1e-5);
        assert_eq!(Activation::HardSwish.f(1.0, nan), 4.0 / 6.0);
        // ELU with α = 2 at z = −1: σ = 2(e^{−1} − 1) = −1.264241, σ′ = 2e^{−1} = 0.735759.
        assert!((Activation::Elu.f(-1.0, 2.0) + 1.264_241).abs() < 1e-6);
        assert!((Activation::Elu.prime(-1.0, 2.0) - 0.735_759).abs() < 1e-6);
        // The published defaults: leaky ReLU's slope 0.01 (Maas et al. 2013), PReLU's initial slope 0.25 (He et
        // al. 2015), ELU's α = 1 (Clevert et al. 2016), Swish's β = 1 (SiLU); the rest have no parameter.
        let defaults = [
            (Activation::LeakyRelu, 0.01),
            (Activation::Prelu, 0.25),
            (Activation::Elu, 1.0),
            (Activation::Swish, 1.0),
        ];
        for act in Activation::ELEMENTWISE {
            match defaults.iter().find(|(a, _)| *a == act) {
                Some(&(_, p)) => assert_eq!(act.default_param(), p, "{act:?}"),
                None => assert!(!act.has_param(), "{act:?} has no parameter"),
            }
        }
    }

    /// At a kink σ′ is one of the one-sided derivatives; these are PyTorch's choices (relu, leaky_relu, elu, selu,
    /// relu6 = hardtanh(0, 6) and hardswish backward), so gradients at exactly 0, 6 or ±3 agree with it.
    #[test]
    fn derivatives_at_the_kinks_are_pytorchs() {
        let nan = f32::NAN;
        assert_eq!(Activation::Relu.prime(0.0, nan), 0.0);
        assert_eq!(Activation::LeakyRelu.prime(0.0, 0.01), 0.01);
        assert_eq!(Activation::Prelu.prime(0.0, 0.25), 0.25);
        assert_eq!(Activation::Elu.prime(0.0, 2.0), 2.0);
        assert!((Activation::Selu.prime(0.0, nan) - 1.050_701 * 1.673_263_2).abs() < 1e-6, "λα at 0");
        assert_eq!(Activation::Relu6.prime(0.0, nan), 0.0);
        assert_eq!(Activation::Relu6.prime(6.0, nan), 0.0);
        assert_eq!(Activation::Relu6.prime(5.5, nan), 1.0);
        assert_eq!(Activation::HardSwish.prime(-3.0, nan), -0.5);
        assert_eq!(Activation::HardSwish.prime(3.0, nan), 1.5);
        // Softmax and maxout act on a whole row; every other activation is in the element-wise list.
        for act in Activation::ELEMENTWISE {
            assert!(act.is_elementwise(), "{act:?}");
        }
        assert!(!Activation::Softmax.is_elementwise() && !Activation::Maxout.is_elementwise());
    }

    #[test]
    fn softmax_rows_sum_to_one_and_survive_large_inputs() {
        let mut a = [0.0; 3];
        Activation::softmax_row(&[1000.0, 1000.0, 998.0], &mut a);
        assert!((a.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        assert!((a[0] - a[1]).abs() < 1e-7 && a[2] < a[0]);
    }

    #[test]
    fn gallery_samples_hold_x_value_and_slope() {
        let s = Activation::Tanh.samples(f32::NAN, -2.0, 2.0, 5);
        assert_eq!(&s[..5], &[-2.0, -1.0, 0.0, 1.0, 2.0]);
        assert_eq!(s[7], 0.0);
        assert_eq!(s[12], 1.0);
        // A step of 0.25 (not 1, where i·step = i/step), and a single point at `from`.
        assert_eq!(&Activation::Relu.samples(f32::NAN, 0.0, 1.0, 5)[..5], &[0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(
            Activation::Sigmoid.samples(f32::NAN, 3.0, 4.0, 1)[..2],
            [3.0, Activation::Sigmoid.f(3.0, f32::NAN)]
        );
    }
}
