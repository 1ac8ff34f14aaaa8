//! Dropout, inverted form (slides "Dropout"): during training each neuron of a layer is dropped with probability
//! p and the kept ones are scaled by 1/(1 − p) ("double the weights during learning" for p = ½, moved into
//! training), so E[ã] = a and inference needs no change at all.
//!
//! ã = a ⊙ mask, mask_j = 0 with probability p, else 1/(1 − p); backpropagation multiplies ∂C/∂a by the same mask.

use crate::math::rng::Rng;

/// Fills `mask` with a fresh seeded inverted-dropout mask for drop probability `p` (0 ≤ p < 1).
pub fn sample_mask(p: f32, mask: &mut [f32], rng: &mut Rng) {
    let keep_scale = 1.0 / (1.0 - p);
    for value in mask.iter_mut() {
        *value = if rng.uniform() < p { 0.0 } else { keep_scale };
    }
}

/// x ← x ⊙ mask
pub fn apply(mask: &[f32], x: &mut [f32]) {
    for (xi, &k) in x.iter_mut().zip(mask) {
        *xi *= k;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn masks_drop_the_asked_fraction_and_keep_the_mean() {
        let mut mask = vec![0.0; 100_000];
        sample_mask(0.5, &mut mask, &mut Rng::new(9, 3));
        let dropped = mask.iter().filter(|&&k| k == 0.0).count() as f32 / mask.len() as f32;
        let mean = mask.iter().sum::<f32>() / mask.len() as f32;
        assert!((dropped - 0.5).abs() < 0.01, "{dropped}");
        assert!((mean - 1.0).abs() < 0.02, "E[mask] must be 1 so inference needs no rescaling, got {mean}");
        assert!(mask.iter().all(|&k| k == 0.0 || k == 2.0), "kept neurons count double");
    }
}
