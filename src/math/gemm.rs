//! The three matrix products of a dense layer, all row-major f32, one mini-batch at a time.
//!
//! With a mini-batch of m samples stored one per row (A^{l−1}: m × n_in) and w^l: n_out × n_in:
//! - forward   Z^l = A^{l−1} · (w^l)ᵀ          → [`gemm_abt`]   (z = w a + b, per row)
//! - backward  Δ^{l−1}_pre = Δ^l · w^l          → [`gemm_ab`]    ((w^{l})ᵀ δ^l, per row; BP2)
//! - gradient  ∂C/∂w^l = (Δ^l)ᵀ · A^{l−1}       → [`gemm_atb`]   (Σₓ δ^l (a^{l−1})ᵀ; BP4)
//!
//! Each product has a scalar reference (`reference::*`, the textbook triple loop) and a fast path. The fast path
//! sums in a fixed order that does not depend on the target: on wasm32 with simd128 it uses 4-lane vectors, elsewhere
//! the same 4-lane order in portable code (which the compiler vectorizes). So native and browser runs give
//! bit-identical results, and both are tested against the reference.

/// C (m×n) = A (m×k) · Bᵀ, with B stored n×k:  c_ij = Σ_p a_ip · b_jp.
pub fn gemm_abt(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    assert!(a.len() >= m * k && b.len() >= n * k && c.len() >= m * n, "gemm_abt: buffers too small");
    for i in 0..m {
        let a_row = &a[i * k..(i + 1) * k];
        let c_row = &mut c[i * n..(i + 1) * n];
        let mut j = 0;
        while j + 4 <= n {
            let sums = lanes::dot4(a_row, [
                &b[j * k..(j + 1) * k],
                &b[(j + 1) * k..(j + 2) * k],
                &b[(j + 2) * k..(j + 3) * k],
                &b[(j + 3) * k..(j + 4) * k],
            ]);
            c_row[j..j + 4].copy_from_slice(&sums);
            j += 4;
        }
        while j < n {
            c_row[j] = lanes::dot(a_row, &b[j * k..(j + 1) * k]);
            j += 1;
        }
    }
}

/// C (m×n) = A (m×k) · B (k×n):  row cᵢ = Σ_p a_ip · b_p (a sum of rows of B).
pub fn gemm_ab(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    assert!(a.len() >= m * k && b.len() >= k * n && c.len() >= m * n, "gemm_ab: buffers too small");
    for i in 0..m {
        let c_row = &mut c[i * n..(i + 1) * n];
        c_row.fill(0.0);
        for p in 0..k {
            lanes::axpy(a[i * k + p], &b[p * n..(p + 1) * n], c_row);
        }
    }
}

/// C (m×n) = Aᵀ · B, with A stored k×m and B k×n:  row cᵢ = Σ_p a_pi · b_p.
pub fn gemm_atb(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    assert!(a.len() >= k * m && b.len() >= k * n && c.len() >= m * n, "gemm_atb: buffers too small");
    for i in 0..m {
        let c_row = &mut c[i * n..(i + 1) * n];
        c_row.fill(0.0);
        for p in 0..k {
            lanes::axpy(a[p * m + i], &b[p * n..(p + 1) * n], c_row);
        }
    }
}

/// The textbook triple loops, in f32, summing p = 0, 1, 2, … — what the fast paths are tested against.
pub mod reference {
    pub fn gemm_abt(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
        for i in 0..m {
            for j in 0..n {
                c[i * n + j] = (0..k).map(|p| a[i * k + p] * b[j * k + p]).sum();
            }
        }
    }

    pub fn gemm_ab(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
        for i in 0..m {
            for j in 0..n {
                c[i * n + j] = (0..k).map(|p| a[i * k + p] * b[p * n + j]).sum();
            }
        }
    }

    pub fn gemm_atb(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
        for i in 0..m {
            for j in 0..n {
                c[i * n + j] = (0..k).map(|p| a[p * m + i] * b[p * n + j]).sum();
            }
        }
    }
}

/// Dot products and axpy with a fixed 4-lane summation order: lane l accumulates the products at p ≡ l (mod 4) of
/// the first ⌊k/4⌋·4 elements; the lanes are combined as (l₀ + l₁) + (l₂ + l₃); the tail is then added in order.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod lanes {
    use core::arch::wasm32::*;

    #[inline(always)]
    fn load(s: &[f32], p: usize) -> v128 {
        debug_assert!(p + 4 <= s.len());
        // SAFETY: callers only load at p with p + 4 <= s.len(); v128_load has no alignment requirement.
        unsafe { v128_load(s.as_ptr().add(p) as *const v128) }
    }

    #[inline(always)]
    fn hsum(v: v128) -> f32 {
        (f32x4_extract_lane::<0>(v) + f32x4_extract_lane::<1>(v))
            + (f32x4_extract_lane::<2>(v) + f32x4_extract_lane::<3>(v))
    }

    pub fn dot(a: &[f32], b: &[f32]) -> f32 {
        let k = a.len().min(b.len());
        let body = k & !3;
        let mut acc = f32x4_splat(0.0);
        let mut p = 0;
        while p < body {
            acc = f32x4_add(acc, f32x4_mul(load(a, p), load(b, p)));
            p += 4;
        }
        let mut sum = hsum(acc);
        for q in body..k {
            sum += a[q] * b[q];
        }
        sum
    }

    pub fn dot4(a: &[f32], b: [&[f32]; 4]) -> [f32; 4] {
        let k = a.len();
        let body = k & !3;
        let mut acc = [f32x4_splat(0.0); 4];
        let mut p = 0;
        while p < body {
            let x = load(a, p);
            acc[0] = f32x4_add(acc[0], f32x4_mul(x, load(b[0], p)));
            acc[1] = f32x4_add(acc[1], f32x4_mul(x, load(b[1], p)));
            acc[2] = f32x4_add(acc[2], f32x4_mul(x, load(b[2], p)));
            acc[3] = f32x4_add(acc[3], f32x4_mul(x, load(b[3], p)));
            p += 4;
        }
        core::array::from_fn(|r| {
            let mut sum = hsum(acc[r]);
            for q in body..k {
                sum += a[q] * b[r][q];
            }
            sum
        })
    }

    /// y ← y + s·x, skipping s = 0 (common: ReLU deltas, blank pixels).
    pub fn axpy(s: f32, x: &[f32], y: &mut [f32]) {
        if s == 0.0 {
            return;
        }
        let n = y.len();
        let body = n & !3;
        let sv = f32x4_splat(s);
        let mut p = 0;
        while p < body {
            let out = f32x4_add(load(y, p), f32x4_mul(sv, load(x, p)));
            // SAFETY: p + 4 <= y.len() as above.
            unsafe { v128_store(y.as_mut_ptr().add(p) as *mut v128, out) };
            p += 4;
        }
        for q in body..n {
            y[q] += s * x[q];
        }
    }
}

/// The same 4-lane order as the simd128 path, in portable code.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod lanes {
    #[inline(always)]
    fn hsum(v: [f32; 4]) -> f32 {
        (v[0] + v[1]) + (v[2] + v[3])
    }

    pub fn dot(a: &[f32], b: &[f32]) -> f32 {
        let k = a.len().min(b.len());
        let body = k & !3;
        let mut acc = [0.0f32; 4];
        for (x, y) in a[..body].chunks_exact(4).zip(b[..body].chunks_exact(4)) {
            for l in 0..4 {
                acc[l] += x[l] * y[l];
            }
        }
        let mut sum = hsum(acc);
        for q in body..k {
            sum += a[q] * b[q];
        }
        sum
    }

    pub fn dot4(a: &[f32], b: [&[f32]; 4]) -> [f32; 4] {
        let k = a.len();
        let body = k & !3;
        let mut acc = [[0.0f32; 4]; 4];
        for p in (0..body).step_by(4) {
            for (r, row) in b.iter().enumerate() {
                for l in 0..4 {
                    acc[r][l] += a[p + l] * row[p + l];
                }
            }
        }
        core::array::from_fn(|r| {
            let mut sum = hsum(acc[r]);
            for q in body..k {
                sum += a[q] * b[r][q];
            }
            sum
        })
    }

    /// y ← y + s·x, skipping s = 0 (common: ReLU deltas, blank pixels).
    pub fn axpy(s: f32, x: &[f32], y: &mut [f32]) {
        if s == 0.0 {
            return;
        }
        for (yi, xi) in y.iter_mut().zip(x) {
            *yi += s * xi;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::rng::Rng;
    use alloc::vec::Vec;

    fn random(len: usize, rng: &mut Rng) -> Vec<f32> {
        (0..len).map(|_| rng.gaussian()).collect()
    }

    type Kernel = fn(usize, usize, usize, &[f32], &[f32], &mut [f32]);

    /// Fast path vs reference over a sweep of shapes, including zero, odd and lane-remainder sizes.
    fn sweep(name: &str, fast: Kernel, slow: Kernel) {
        let mut rng = Rng::new(11, 0);
        let sizes = [0usize, 1, 2, 3, 4, 5, 7, 8, 9, 10, 16, 17, 30, 33];
        let mut worst = 0.0f32;
        for &m in &sizes {
            for &n in &sizes {
                for &k in &[0usize, 1, 3, 4, 5, 13, 64, 101] {
                    let a = random(m * k, &mut rng);
                    let b = random(n * k, &mut rng);
                    let mut fast_c = alloc::vec![f32::NAN; m * n];
                    let mut slow_c = alloc::vec![0.0; m * n];
                    fast(m, n, k, &a, &b, &mut fast_c);
                    slow(m, n, k, &a, &b, &mut slow_c);
                    for (x, y) in fast_c.iter().zip(&slow_c) {
                        let err = (x - y).abs() / (1.0 + y.abs());
                        worst = worst.max(err);
                        assert!(err < 1e-5, "{name} m={m} n={n} k={k}: {x} vs {y}");
                    }
                }
            }
        }
        std::println!("{name}: largest relative difference from the reference {worst:e}");
    }

    #[test]
    fn abt_matches_reference() {
        sweep("gemm_abt", gemm_abt, reference::gemm_abt);
    }

    #[test]
    fn ab_matches_reference() {
        sweep("gemm_ab", gemm_ab, reference::gemm_ab);
    }

    #[test]
    fn atb_matches_reference() {
        sweep("gemm_atb", gemm_atb, reference::gemm_atb);
    }
}
