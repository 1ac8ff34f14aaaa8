//! The three matrix products of a dense layer, all row-major f32, one mini-batch at a time.
//!
//! With a mini-batch of m samples stored one per row (A^{l−1}: m × n_in) and w^l: n_out × n_in:
//! - forward   Z^l = A^{l−1} · (w^l)ᵀ          → [`gemm_abt`]   (z = w a + b, per row)
//! - backward  Δ^{l−1}_pre = Δ^l · w^l          → [`gemm_ab`]    ((w^{l})ᵀ δ^l, per row; BP2)
//! - gradient  ∂C/∂w^l = (Δ^l)ᵀ · A^{l−1}       → [`gemm_atb`]   (Σₓ δ^l (a^{l−1})ᵀ; BP4)
//!
//! - the same with plain SGD fused in, w^l ← w^l − (η/m)(Δ^l)ᵀ · A^{l−1} → [`gemm_atb_sub`] (∂C/∂w never stored)
//!
//! Each product has a scalar reference (`reference::*`, the textbook triple loop) and a fast path. The fast path
//! sums in a fixed order that does not depend on the target, written once over the 4-lane vector of the [`Lanes`]
//! trait: wasm simd128 in the browser, SSE2 on x86_64 (the compiler vectorizes `[f32; 4]` code poorly there), and
//! portable `[f32; 4]` code elsewhere ([`portable`] runs it on every target). Multiply and add stay separate
//! operations (no fused multiply-add), so native and browser runs give bit-identical results: the tests compare the
//! fast path with the reference over a sweep of shapes, and bit for bit with the documented order and the portable
//! lanes (natively here, in headless Chromium in tests/web.rs).
//!
//! Summation orders:
//! - [`gemm_abt`] (dot products over k): lane l accumulates the products at p ≡ l (mod 4) of the first ⌊k/4⌋·4
//!   elements, the lanes are combined as (l₀ + l₁) + (l₂ + l₃), then the tail p = ⌊k/4⌋·4 … k−1 is added in order.
//! - [`gemm_ab`], [`gemm_atb`] (sums of rows): every c_ij sums p = 0, 1, …, k−1 in order, from 0 — the reference's
//!   order.
//!
//! Register tiling: `gemm_abt` computes 2 rows of A × 4 rows of B per pass (8 vector accumulators), the row-sum
//! kernels 4 rows of C × 8 columns (8 accumulators), so each loaded vector feeds several products; remainders use
//! 2-wide tiles before single rows or columns.
//!
//! Zero skipping: a group of four products whose A-side (`gemm_abt`) or B-side (`gemm_atb`) vector is exactly zero
//! is skipped. For finite operands this cannot change a result — each skipped product is ±0, and an accumulator that
//! starts at +0 is never −0, so x + (±0) = x — it only saves time: MNIST pixels are about 80% zeros, and ReLU
//! activations often are. (With an infinite or NaN weight the dense sum would be NaN where the skipped one is not;
//! training has diverged by then anyway.)

/// The 4-lane vector the kernels are written over: simd128 on wasm32, SSE2 on x86_64 (part of its baseline),
/// `[f32; 4]` in portable code elsewhere. Each lane op is one IEEE-754 f32 operation, so all three give the same bits.
pub trait Lanes {
    type V: Copy;
    fn zero() -> Self::V;
    fn splat(s: f32) -> Self::V;
    /// The four floats s[p … p+3].
    ///
    /// # Safety
    /// p + 4 <= s.len().
    unsafe fn load(s: &[f32], p: usize) -> Self::V;
    /// Writes s[0 … 3]; panics if s is shorter.
    fn store(s: &mut [f32], v: Self::V);
    fn add(a: Self::V, b: Self::V) -> Self::V;
    fn sub(a: Self::V, b: Self::V) -> Self::V;
    fn mul(a: Self::V, b: Self::V) -> Self::V;
    /// (l₀ + l₁) + (l₂ + l₃)
    fn hsum(v: Self::V) -> f32;
    /// Some lane of some vector has a bit set (−0.0 and NaN count as nonzero: skipping stays exact).
    fn any_nonzero<const N: usize>(vs: &[Self::V; N]) -> bool;
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
type Fast = lanes::Simd128;
#[cfg(target_arch = "x86_64")]
type Fast = lanes::Sse2;
#[cfg(not(any(all(target_arch = "wasm32", target_feature = "simd128"), target_arch = "x86_64")))]
type Fast = lanes::Portable;

/// Most 4-float chunks (`gemm_abt`) or rows (`gemm_atb`) whose nonzero ones are listed on the stack; beyond that the
/// kernels run dense, which gives the same results.
const MAX_LISTED: usize = 1024;

/// C (m×n) = A (m×k) · Bᵀ, with B stored n×k:  c_ij = Σ_p a_ip · b_jp.
pub fn gemm_abt(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    abt::<Fast>(m, n, k, a, b, c)
}

#[inline(always)]
fn abt<L: Lanes>(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    assert!(a.len() >= m * k && b.len() >= n * k && c.len() >= m * n, "gemm_abt: buffers too small");
    let mut i = 0;
    while i + ABT_ROWS <= m {
        abt_rows::<L, ABT_ROWS>(i, n, k, a, b, c);
        i += ABT_ROWS;
    }
    while i < m {
        abt_rows::<L, 1>(i, n, k, a, b, c);
        i += 1;
    }
}

/// Rows of A per `gemm_abt` tile (times 4 rows of B).
const ABT_ROWS: usize = 2;
/// Rows of B per `gemm_abt` tile.
const ABT_COLS: usize = 4;

/// Rows i … i+R−1 of C for `gemm_abt`: lists the chunks p … p+3 where some of the R rows of A is nonzero once, then
/// sums only over those for every group of rows of B.
#[inline(always)]
fn abt_rows<L: Lanes, const R: usize>(i: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    let a_rows: [&[f32]; R] = core::array::from_fn(|r| &a[(i + r) * k..(i + r + 1) * k]);
    let body = k & !3;
    let mut listed = [0u16; MAX_LISTED];
    let mut count = 0;
    let sparse = body / 4 <= MAX_LISTED;
    if sparse {
        for chunk in 0..body / 4 {
            // SAFETY: every row has length k and 4·chunk + 4 <= body <= k.
            let x: [L::V; R] = core::array::from_fn(|r| unsafe { L::load(a_rows[r], 4 * chunk) });
            if L::any_nonzero(&x) {
                listed[count] = chunk as u16;
                count += 1;
            }
        }
    }
    let listed = &listed[..count];
    let mut j = 0;
    while j + ABT_COLS <= n {
        let b_rows = core::array::from_fn(|q| &b[(j + q) * k..(j + q + 1) * k]);
        let sums = if sparse {
            dot_tile::<L, R, ABT_COLS>(a_rows, b_rows, listed.iter().map(|&chunk| 4 * usize::from(chunk)))
        } else {
            dot_tile::<L, R, ABT_COLS>(a_rows, b_rows, (0..body).step_by(4))
        };
        for (r, row) in sums.iter().enumerate() {
            c[(i + r) * n + j..(i + r) * n + j + ABT_COLS].copy_from_slice(row);
        }
        j += ABT_COLS;
    }
    if j + 2 <= n {
        let b_rows = [&b[j * k..(j + 1) * k], &b[(j + 1) * k..(j + 2) * k]];
        let sums = if sparse {
            dot_tile::<L, R, 2>(a_rows, b_rows, listed.iter().map(|&chunk| 4 * usize::from(chunk)))
        } else {
            dot_tile::<L, R, 2>(a_rows, b_rows, (0..body).step_by(4))
        };
        for (r, row) in sums.iter().enumerate() {
            c[(i + r) * n + j..(i + r) * n + j + 2].copy_from_slice(row);
        }
        j += 2;
    }
    while j < n {
        let b_row = [&b[j * k..(j + 1) * k]];
        let sums = if sparse {
            dot_tile::<L, R, 1>(a_rows, b_row, listed.iter().map(|&chunk| 4 * usize::from(chunk)))
        } else {
            dot_tile::<L, R, 1>(a_rows, b_row, (0..body).step_by(4))
        };
        for (r, row) in sums.iter().enumerate() {
            c[(i + r) * n + j] = row[0];
        }
        j += 1;
    }
}

/// The R × C dot products of R rows of A with C rows of B (all of length k) in the 4-lane order, over the chunks
/// starting at `chunks` (ascending multiples of 4 below ⌊k/4⌋·4; leaving out only chunks where A is zero).
#[inline(always)]
fn dot_tile<L: Lanes, const R: usize, const C: usize>(
    a: [&[f32]; R],
    b: [&[f32]; C],
    chunks: impl Iterator<Item = usize>,
) -> [[f32; C]; R] {
    let k = a.first().map_or(0, |row| row.len());
    let body = k & !3;
    let mut acc = [[L::zero(); C]; R];
    for p in chunks {
        assert!(p + 4 <= body);
        // SAFETY: every row of A and B has length k >= body >= p + 4, checked above.
        let x: [L::V; R] = core::array::from_fn(|r| unsafe { L::load(a[r], p) });
        for q in 0..C {
            let y = unsafe { L::load(b[q], p) };
            for r in 0..R {
                acc[r][q] = L::add(acc[r][q], L::mul(x[r], y));
            }
        }
    }
    core::array::from_fn(|r| {
        core::array::from_fn(|q| {
            let mut sum = L::hsum(acc[r][q]);
            for t in body..k {
                sum += a[r][t] * b[q][t];
            }
            sum
        })
    })
}

/// C (m×n) = A (m×k) · B (k×n):  row cᵢ = Σ_p a_ip · b_p (a sum of rows of B).
pub fn gemm_ab(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    ab::<Fast>(m, n, k, a, b, c)
}

#[inline(always)]
fn ab<L: Lanes>(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    assert!(a.len() >= m * k && b.len() >= k * n && c.len() >= m * n, "gemm_ab: buffers too small");
    // B is a weight matrix here (BP2): it has no zeros worth looking for.
    row_sums::<L, false>(m, n, k, a, (k, 1), b, None, c);
}

/// C (m×n) = Aᵀ · B, with A stored k×m and B k×n:  row cᵢ = Σ_p a_pi · b_p.
pub fn gemm_atb(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    atb::<Fast>(m, n, k, a, b, c)
}

#[inline(always)]
fn atb<L: Lanes>(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    assert!(a.len() >= k * m && b.len() >= k * n && c.len() >= m * n, "gemm_atb: buffers too small");
    // B is the previous layer's activations (BP4): blank pixels and inactive ReLUs are skipped.
    row_sums::<L, true>(m, n, k, a, (1, m), b, None, c);
}

/// C (m×n) ← C − s · (Aᵀ · B), with A stored k×m and B k×n: BP4 with the plain SGD step fused in
/// (w ← w − (η/m) Σₓ δ (a^{l−1})ᵀ), so ∂C/∂w is never stored and blocks where B is zero are not even read. Each
/// element is c − s · g with g summed exactly as [`gemm_atb`] sums it: the same bits as `gemm_atb` followed by
/// `c -= s * g`, i.e. by SGD's update (`nn::network::sgd_step` with s = η/m).
pub fn gemm_atb_sub(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], s: f32, c: &mut [f32]) {
    atb_sub::<Fast>(m, n, k, a, b, s, c)
}

#[inline(always)]
fn atb_sub<L: Lanes>(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], s: f32, c: &mut [f32]) {
    assert!(a.len() >= k * m && b.len() >= k * n && c.len() >= m * n, "gemm_atb_sub: buffers too small");
    row_sums::<L, true>(m, n, k, a, (1, m), b, Some(s), c);
}

/// g_ij = Σ_p α(i, p) · b_pj summed over p in order, where α(i, p) = a[i·stride.0 + p·stride.1], stored as c_ij = g_ij
/// (`minus` None) or applied as c_ij ← c_ij − s · g_ij (`minus` Some(s)). Works through C in column blocks of 8
/// (then 4, then single columns); with SKIP, each block first lists the rows p of B that are nonzero in it, and
/// every tile of rows of C sums over those only (and with `minus`, a block with none is left as it is).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn row_sums<L: Lanes, const SKIP: bool>(
    m: usize,
    n: usize,
    k: usize,
    a: &[f32],
    stride: (usize, usize),
    b: &[f32],
    minus: Option<f32>,
    c: &mut [f32],
) {
    let alpha = |i: usize, p: usize| a[i * stride.0 + p * stride.1];
    let sparse = SKIP && k <= MAX_LISTED;
    let mut listed = [0u16; MAX_LISTED];
    let mut j = 0;
    while j + 4 <= n {
        let wide = j + 8 <= n;
        let mut count = 0;
        if sparse {
            for p in 0..k {
                // SAFETY: p·n + j + 8 <= (k−1)·n + n <= b.len() when wide, likewise j + 4 otherwise.
                let nonzero = unsafe {
                    if wide {
                        L::any_nonzero(&[L::load(b, p * n + j), L::load(b, p * n + j + 4)])
                    } else {
                        L::any_nonzero(&[L::load(b, p * n + j)])
                    }
                };
                if nonzero {
                    listed[count] = p as u16;
                    count += 1;
                }
            }
        }
        let rows = &listed[..count];
        let mut i = if sparse && count == 0 && minus.is_some() { m } else { 0 };
        macro_rules! tile {
            ($r:expr, $c:expr) => {{
                let acc = if sparse {
                    row_sum_tile::<L, $r, $c>(|r, p| alpha(i + r, p), n, j, b, rows.iter().map(|&p| usize::from(p)))
                } else {
                    row_sum_tile::<L, $r, $c>(|r, p| alpha(i + r, p), n, j, b, 0..k)
                };
                store_tile::<L, $r, $c>(&acc, c, n, i, j, minus);
            }};
        }
        if wide {
            while i + 4 <= m {
                tile!(4, 2);
                i += 4;
            }
            if i + 2 <= m {
                tile!(2, 2);
                i += 2;
            }
            if i < m {
                tile!(1, 2); // at most one row is left
            }
            j += 8;
        } else {
            while i + 4 <= m {
                tile!(4, 1);
                i += 4;
            }
            if i + 2 <= m {
                tile!(2, 1);
                i += 2;
            }
            if i < m {
                tile!(1, 1); // at most one row is left
            }
            j += 4;
        }
    }
    for jj in j..n {
        for i in 0..m {
            let mut sum = 0.0;
            for p in 0..k {
                sum += alpha(i, p) * b[p * n + jj];
            }
            match minus {
                None => c[i * n + jj] = sum,
                Some(s) => c[i * n + jj] -= s * sum,
            }
        }
    }
}

/// The R × 4C block of C at columns j …: Σ_p α(r, p) · b[p][j … j+4C−1] over the rows `ps` (ascending; leaving out
/// only rows where this block of B is zero).
#[inline(always)]
fn row_sum_tile<L: Lanes, const R: usize, const C: usize>(
    alpha: impl Fn(usize, usize) -> f32,
    n: usize,
    j: usize,
    b: &[f32],
    ps: impl Iterator<Item = usize>,
) -> [[L::V; C]; R] {
    let mut acc = [[L::zero(); C]; R];
    for p in ps {
        assert!(p * n + j + 4 * C <= b.len());
        // SAFETY: p·n + j + 4q + 4 <= p·n + j + 4C <= b.len(), checked above.
        let y: [L::V; C] = core::array::from_fn(|q| unsafe { L::load(b, p * n + j + 4 * q) });
        for (r, acc_row) in acc.iter_mut().enumerate() {
            let s = L::splat(alpha(r, p));
            for (acc_rq, &y_q) in acc_row.iter_mut().zip(&y) {
                *acc_rq = L::add(*acc_rq, L::mul(s, y_q));
            }
        }
    }
    acc
}

/// c ← acc, or c ← c − s · acc.
#[inline(always)]
fn store_tile<L: Lanes, const R: usize, const C: usize>(
    acc: &[[L::V; C]; R],
    c: &mut [f32],
    n: usize,
    i: usize,
    j: usize,
    minus: Option<f32>,
) {
    for (r, row) in acc.iter().enumerate() {
        for (q, &vector) in row.iter().enumerate() {
            let out = &mut c[(i + r) * n + j + 4 * q..][..4];
            match minus {
                None => L::store(out, vector),
                // SAFETY: `out` holds 4 floats.
                Some(s) => L::store(out, L::sub(unsafe { L::load(out, 0) }, L::mul(L::splat(s), vector))),
            }
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

/// The same kernels over the portable lanes, on every target: tests compare them bit for bit with the fast path.
pub mod portable {
    use super::lanes::Portable;

    pub fn gemm_abt(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
        super::abt::<Portable>(m, n, k, a, b, c)
    }

    pub fn gemm_ab(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
        super::ab::<Portable>(m, n, k, a, b, c)
    }

    pub fn gemm_atb(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
        super::atb::<Portable>(m, n, k, a, b, c)
    }

    pub fn gemm_atb_sub(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], s: f32, c: &mut [f32]) {
        super::atb_sub::<Portable>(m, n, k, a, b, s, c)
    }
}

pub mod lanes {
    use super::Lanes;

    /// `[f32; 4]`, one scalar operation per lane.
    pub struct Portable;

    impl Lanes for Portable {
        type V = [f32; 4];

        #[inline(always)]
        fn zero() -> Self::V {
            [0.0; 4]
        }

        #[inline(always)]
        fn splat(s: f32) -> Self::V {
            [s; 4]
        }

        #[inline(always)]
        unsafe fn load(s: &[f32], p: usize) -> Self::V {
            debug_assert!(p + 4 <= s.len());
            core::ptr::read_unaligned(s.as_ptr().add(p) as *const [f32; 4])
        }

        #[inline(always)]
        fn store(s: &mut [f32], v: Self::V) {
            s[..4].copy_from_slice(&v);
        }

        #[inline(always)]
        fn add(a: Self::V, b: Self::V) -> Self::V {
            [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]]
        }

        #[inline(always)]
        fn sub(a: Self::V, b: Self::V) -> Self::V {
            [a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3]]
        }

        #[inline(always)]
        fn mul(a: Self::V, b: Self::V) -> Self::V {
            [a[0] * b[0], a[1] * b[1], a[2] * b[2], a[3] * b[3]]
        }

        #[inline(always)]
        fn hsum(v: Self::V) -> f32 {
            (v[0] + v[1]) + (v[2] + v[3])
        }

        #[inline(always)]
        fn any_nonzero<const N: usize>(vs: &[Self::V; N]) -> bool {
            vs.iter().flatten().fold(0u32, |bits, x| bits | x.to_bits()) != 0
        }
    }

    /// wasm simd128.
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    pub struct Simd128;

    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    impl Lanes for Simd128 {
        type V = core::arch::wasm32::v128;

        #[inline(always)]
        fn zero() -> Self::V {
            core::arch::wasm32::f32x4_splat(0.0)
        }

        #[inline(always)]
        fn splat(s: f32) -> Self::V {
            core::arch::wasm32::f32x4_splat(s)
        }

        #[inline(always)]
        unsafe fn load(s: &[f32], p: usize) -> Self::V {
            debug_assert!(p + 4 <= s.len());
            // v128_load has no alignment requirement.
            core::arch::wasm32::v128_load(s.as_ptr().add(p) as *const Self::V)
        }

        #[inline(always)]
        fn store(s: &mut [f32], v: Self::V) {
            assert!(s.len() >= 4);
            // SAFETY: four floats fit, checked above; no alignment requirement.
            unsafe { core::arch::wasm32::v128_store(s.as_mut_ptr() as *mut Self::V, v) }
        }

        #[inline(always)]
        fn add(a: Self::V, b: Self::V) -> Self::V {
            core::arch::wasm32::f32x4_add(a, b)
        }

        #[inline(always)]
        fn sub(a: Self::V, b: Self::V) -> Self::V {
            core::arch::wasm32::f32x4_sub(a, b)
        }

        #[inline(always)]
        fn mul(a: Self::V, b: Self::V) -> Self::V {
            core::arch::wasm32::f32x4_mul(a, b)
        }

        #[inline(always)]
        fn hsum(v: Self::V) -> f32 {
            use core::arch::wasm32::f32x4_extract_lane as lane;
            (lane::<0>(v) + lane::<1>(v)) + (lane::<2>(v) + lane::<3>(v))
        }

        #[inline(always)]
        fn any_nonzero<const N: usize>(vs: &[Self::V; N]) -> bool {
            let bits = vs[1..].iter().fold(vs[0], |bits, &v| core::arch::wasm32::v128_or(bits, v));
            core::arch::wasm32::v128_any_true(bits)
        }
    }

    /// x86_64 SSE2 (every x86_64 CPU has it): 4-lane mulps/addps, like simd128. The compiler vectorizes `Portable`
    /// poorly here (it shuffles lanes around), so native builds use these intrinsics.
    #[cfg(target_arch = "x86_64")]
    pub struct Sse2;

    #[cfg(target_arch = "x86_64")]
    impl Lanes for Sse2 {
        type V = core::arch::x86_64::__m128;

        #[inline(always)]
        fn zero() -> Self::V {
            // SAFETY (all of this impl): SSE2 is part of the x86_64 baseline.
            unsafe { core::arch::x86_64::_mm_setzero_ps() }
        }

        #[inline(always)]
        fn splat(s: f32) -> Self::V {
            unsafe { core::arch::x86_64::_mm_set1_ps(s) }
        }

        #[inline(always)]
        unsafe fn load(s: &[f32], p: usize) -> Self::V {
            debug_assert!(p + 4 <= s.len());
            core::arch::x86_64::_mm_loadu_ps(s.as_ptr().add(p))
        }

        #[inline(always)]
        fn store(s: &mut [f32], v: Self::V) {
            assert!(s.len() >= 4);
            unsafe { core::arch::x86_64::_mm_storeu_ps(s.as_mut_ptr(), v) }
        }

        #[inline(always)]
        fn add(a: Self::V, b: Self::V) -> Self::V {
            unsafe { core::arch::x86_64::_mm_add_ps(a, b) }
        }

        #[inline(always)]
        fn sub(a: Self::V, b: Self::V) -> Self::V {
            unsafe { core::arch::x86_64::_mm_sub_ps(a, b) }
        }

        #[inline(always)]
        fn mul(a: Self::V, b: Self::V) -> Self::V {
            unsafe { core::arch::x86_64::_mm_mul_ps(a, b) }
        }

        #[inline(always)]
        fn hsum(v: Self::V) -> f32 {
            let mut lanes = [0.0f32; 4];
            Self::store(&mut lanes, v);
            (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])
        }

        #[inline(always)]
        fn any_nonzero<const N: usize>(vs: &[Self::V; N]) -> bool {
            use core::arch::x86_64::*;
            unsafe {
                let bits =
                    vs[1..].iter().fold(_mm_castps_si128(vs[0]), |bits, &v| _mm_or_si128(bits, _mm_castps_si128(v)));
                _mm_movemask_epi8(_mm_cmpeq_epi8(bits, _mm_setzero_si128())) != 0xFFFF
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::rng::Rng;
    use alloc::vec;
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

    /// Like MNIST pixels: whole runs of zeros, scattered zeros, a few −0.0, the rest positive.
    fn sparse(len: usize, rng: &mut Rng) -> Vec<f32> {
        let mut x: Vec<f32> = (0..len).map(|_| if rng.uniform() < 0.6 { 0.0 } else { rng.uniform() }).collect();
        for (i, v) in x.iter_mut().enumerate() {
            if (i / 16) % 3 == 0 {
                *v = 0.0;
            } else if i % 97 == 0 {
                *v = -0.0;
            }
        }
        x
    }

    /// Past MAX_LISTED nonzero chunks (`gemm_abt`, k > 4·1024) or rows (`gemm_atb`, k > 1024) nothing is listed
    /// and the kernels run dense: still the reference's result.
    #[test]
    fn past_the_listing_limit_the_kernels_run_dense_and_agree() {
        let mut rng = Rng::new(13, 0);
        let (m, n) = (8, 5);
        let agree = |what: &str, fast: &[f32], slow: &[f32]| {
            for (x, y) in fast.iter().zip(slow) {
                assert!((x - y).abs() <= 1e-4 * (1.0 + y.abs()), "{what}: {x} vs {y}");
            }
        };
        for k in [4 * MAX_LISTED + 8, MAX_LISTED + 9] {
            // Dense, so that more chunks / rows are nonzero than a list could hold.
            let a = random(m * k, &mut rng);
            let b = random(n * k, &mut rng);
            let (mut fast, mut slow) = (vec![f32::NAN; m * n], vec![0.0; m * n]);
            gemm_abt(m, n, k, &a, &b, &mut fast);
            reference::gemm_abt(m, n, k, &a, &b, &mut slow);
            agree(&std::format!("gemm_abt k={k}"), &fast, &slow);
            // ∂C/∂w = Δᵀ A over k rows of A (sparse) and Δ (k × n).
            let delta = random(k * n, &mut rng);
            let (mut fast, mut slow) = (vec![f32::NAN; n * m], vec![0.0; n * m]);
            gemm_atb(n, m, k, &delta, &a, &mut fast);
            reference::gemm_atb(n, m, k, &delta, &a, &mut slow);
            agree(&std::format!("gemm_atb k={k}"), &fast, &slow);
        }
    }

    /// `gemm_abt`'s documented order with no zero skipping: lanes over p ≡ l (mod 4), (l₀ + l₁) + (l₂ + l₃), tail.
    fn dense_lane_order_abt(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
        let body = k & !3;
        for i in 0..m {
            for j in 0..n {
                let mut lanes = [0.0f32; 4];
                for p in 0..body {
                    lanes[p % 4] += a[i * k + p] * b[j * k + p];
                }
                let mut sum = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
                for p in body..k {
                    sum += a[i * k + p] * b[j * k + p];
                }
                c[i * n + j] = sum;
            }
        }
    }

    /// Equal nonzero inputs never pass for zero: MNIST's saturated pixels are all exactly 1.0, so a chunk
    /// [1, 1, 0, 0] is common, and a zero test that combined the lanes' bits by exclusive or would cancel it.
    #[test]
    fn chunks_of_equal_pixels_are_not_taken_for_zero() {
        let mut rng = Rng::new(5, 0);
        let (m, n, k) = (2, 3, 16);
        let a: Vec<f32> = (0..m * k).map(|i| if (i / 2) % 3 == 0 { 1.0 } else { 0.0 }).collect();
        let w = random(n * k, &mut rng);
        let delta = random(m * n, &mut rng);
        // The reference's result, then the fast and the portable kernels' on the same product.
        let check = |what: &str,
                     [reference, fast, portable]: [Kernel; 3],
                     (rows, cols, inner): (usize, usize, usize),
                     x: &[f32],
                     y: &[f32]| {
            let mut expected = vec![0.0; rows * cols];
            reference(rows, cols, inner, x, y, &mut expected);
            for (name, kernel) in [("fast", fast), ("portable", portable)] {
                let mut c = vec![f32::NAN; rows * cols];
                kernel(rows, cols, inner, x, y, &mut c);
                let close = c.iter().zip(&expected).all(|(c, e)| (c - e).abs() < 1e-5);
                assert!(close, "{name} {what}: {c:?} vs {expected:?}");
            }
        };
        check("gemm_abt", [reference::gemm_abt, gemm_abt, portable::gemm_abt], (m, n, k), &a, &w);
        check("gemm_atb", [reference::gemm_atb, gemm_atb, portable::gemm_atb], (n, k, m), &delta, &a);
    }

    /// Skipping zero chunks is exact, and the fast lanes (SSE2 / simd128) give the very bits of the portable lanes:
    /// so native and browser runs agree bit for bit.
    #[test]
    fn fast_path_is_bit_identical_to_the_documented_order_and_to_portable_lanes() {
        let mut rng = Rng::new(12, 0);
        let bits = |c: &[f32]| c.iter().map(|x| if *x == 0.0 { 0 } else { x.to_bits() }).collect::<Vec<u32>>();
        for &(m, n, k) in
            &[(10, 30, 784), (7, 13, 101), (128, 30, 784), (3, 100, 67), (1, 9, 8), (5, 4, 4), (0, 3, 8), (4, 0, 8)]
        {
            let a = sparse(m * k, &mut rng);
            let w = random(n * k, &mut rng);
            let (mut fast, mut portable_c, mut dense) =
                (vec![f32::NAN; m * n], vec![f32::NAN; m * n], vec![0.0; m * n]);
            gemm_abt(m, n, k, &a, &w, &mut fast);
            portable::gemm_abt(m, n, k, &a, &w, &mut portable_c);
            dense_lane_order_abt(m, n, k, &a, &w, &mut dense);
            assert_eq!(bits(&fast), bits(&dense), "gemm_abt {m}×{n}×{k}");
            assert_eq!(bits(&fast), bits(&portable_c), "gemm_abt {m}×{n}×{k}");
            // ∂C/∂w = Δᵀ A: n × k from Δ (m × n) and the sparse A (m × k).
            let delta = random(m * n, &mut rng);
            let (mut fast, mut portable_c, mut dense) =
                (vec![f32::NAN; n * k], vec![f32::NAN; n * k], vec![0.0; n * k]);
            gemm_atb(n, k, m, &delta, &a, &mut fast);
            portable::gemm_atb(n, k, m, &delta, &a, &mut portable_c);
            reference::gemm_atb(n, k, m, &delta, &a, &mut dense);
            assert_eq!(bits(&fast), bits(&dense), "gemm_atb {n}×{k}×{m}");
            assert_eq!(bits(&fast), bits(&portable_c), "gemm_atb {n}×{k}×{m}");
            // The same gradient fused into the SGD step w ← w − s·g.
            let w_before = random(n * k, &mut rng);
            let expected: Vec<f32> = w_before.iter().zip(&fast).map(|(&w, &g)| w - 0.3 * g).collect();
            let (mut fused, mut portable_fused) = (w_before.clone(), w_before.clone());
            gemm_atb_sub(n, k, m, &delta, &a, 0.3, &mut fused);
            portable::gemm_atb_sub(n, k, m, &delta, &a, 0.3, &mut portable_fused);
            assert_eq!(bits(&fused), bits(&expected), "gemm_atb_sub {n}×{k}×{m}");
            assert_eq!(bits(&fused), bits(&portable_fused), "gemm_atb_sub {n}×{k}×{m}");
            // BP2: Δ W, m × k from Δ (m × n) and W (n × k).
            let (mut fast, mut portable_c, mut dense) =
                (vec![f32::NAN; m * k], vec![f32::NAN; m * k], vec![0.0; m * k]);
            gemm_ab(m, k, n, &delta, &w, &mut fast);
            portable::gemm_ab(m, k, n, &delta, &w, &mut portable_c);
            reference::gemm_ab(m, k, n, &delta, &w, &mut dense);
            assert_eq!(bits(&fast), bits(&dense), "gemm_ab {m}×{k}×{n}");
            assert_eq!(bits(&fast), bits(&portable_c), "gemm_ab {m}×{k}×{n}");
        }
    }
}
