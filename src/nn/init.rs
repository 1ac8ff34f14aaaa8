//! Weight initialization (slides "Weight initialization").

use crate::math::rng::Rng;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Init {
    /// w ~ N(0, 1): Nielsen's `network.py` default; z = Σ w a + b has variance ≈ n_in, so sigmoids saturate.
    Gaussian,
    /// w ~ N(0, 1/n_in): keeps z of order 1 so sigmoid neurons start unsaturated.
    ScaledGaussian,
    /// He: w ~ N(0, 2/n_in), for ReLU layers (half the neurons are off, so twice the variance).
    He,
    /// Glorot (Xavier) uniform: w ~ U(−r, r) with r = √(6 / (n_in + n_out)), so Var w = 2/(n_in + n_out).
    GlorotUniform,
}

/// How biases start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum BiasInit {
    /// b ~ N(0, 1) (Nielsen's default).
    #[default]
    Gaussian,
    /// b = 0.
    Zero,
}

impl Init {
    pub const ALL: [Init; 4] = [Init::Gaussian, Init::ScaledGaussian, Init::He, Init::GlorotUniform];

    /// Fills w (n_out × n_in) and b (n_out) from `rng`: first all of w row by row, then b.
    pub fn fill(self, bias: BiasInit, n_in: usize, w: &mut [f32], b: &mut [f32], rng: &mut Rng) {
        let n_out = w.len() / n_in.max(1);
        match self {
            Init::GlorotUniform => {
                let r = libm::sqrtf(6.0 / (n_in + n_out) as f32);
                for wi in w.iter_mut() {
                    *wi = r * (2.0 * rng.uniform() - 1.0);
                }
            }
            _ => {
                let scale = match self {
                    Init::ScaledGaussian => 1.0 / libm::sqrtf(n_in as f32),
                    Init::He => libm::sqrtf(2.0 / n_in as f32),
                    _ => 1.0,
                };
                for wi in w.iter_mut() {
                    *wi = scale * rng.gaussian();
                }
            }
        }
        for bi in b.iter_mut() {
            *bi = match bias {
                BiasInit::Gaussian => rng.gaussian(),
                BiasInit::Zero => 0.0,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn each_scheme_has_its_variance() {
        let (n_in, n_out) = (200, 300);
        for (init, expected) in [
            (Init::Gaussian, 1.0),
            (Init::ScaledGaussian, 1.0 / 200.0),
            (Init::He, 2.0 / 200.0),
            (Init::GlorotUniform, 2.0 / 500.0),
        ] {
            let (mut w, mut b) = (vec![0.0; n_in * n_out], vec![0.0; n_out]);
            init.fill(BiasInit::Zero, n_in, &mut w, &mut b, &mut Rng::new(1, 1));
            let var = w.iter().map(|x| x * x).sum::<f32>() / w.len() as f32;
            std::println!("{init:?}: Var w = {var:.5}, expected {expected:.5}");
            assert!((var / expected - 1.0).abs() < 0.03, "{init:?}: {var} vs {expected}");
            assert!(b.iter().all(|&x| x == 0.0));
        }
    }
}
