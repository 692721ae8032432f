//! The one seeded, portable random number generator of the simulator.
//!
//! Architecture Invariant: every random draw in sim-core goes through [`SimRng`],
//! which wraps PCG-64 seeded from a `u64`. Floating-point transforms use the `libm`
//! crate, so native and wasm builds produce bit-identical streams.

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;

/// Deterministic random stream (PCG-64).
#[derive(Debug, Clone)]
pub struct SimRng {
    inner: Pcg64,
}

impl SimRng {
    pub fn seed_from_u64(seed: u64) -> SimRng {
        SimRng {
            inner: Pcg64::seed_from_u64(seed),
        }
    }

    /// A stream derived from a seed and a list of identifiers (instance, thread, ...),
    /// so that each workload thread draws the same operations on every platform.
    pub fn derived(seed: u64, ids: &[u64]) -> SimRng {
        let mut mixed = seed ^ 0x9E37_79B9_7F4A_7C15;
        for &id in ids {
            mixed = splitmix64(mixed ^ id.wrapping_mul(0xBF58_476D_1CE4_E5B9));
        }
        SimRng::seed_from_u64(mixed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.inner.next_u64()
    }

    /// Uniform integer in `0..bound` (`bound > 0`), by Lemire's multiply-shift.
    pub fn below(&mut self, bound: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(bound)) >> 64) as u64
    }

    /// Uniform float in the open interval (0, 1), from 53 random bits.
    pub fn unit_open(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// Exponentially distributed integer with the given mean (0 stays 0).
    #[inline]
    pub fn exponential(&mut self, mean: u64) -> u64 {
        if mean == 0 {
            return 0;
        }
        let draw = self.standard_exponential() * mean as f64 + 0.5;
        // Non-negative, so adding one half and truncating rounds to nearest. Below 2^63
        // the conversion through `i64` gives the same integer in one instruction (x86 has
        // no unsigned conversion).
        if draw < 9.2e18 {
            draw as i64 as u64
        } else {
            draw as u64
        }
    }

    /// A draw of the exponential distribution of mean 1, by Marsaglia and Tsang's
    /// ziggurat ("The Ziggurat Method for Generating Random Variables", J. Stat. Softw.
    /// 5(8), 2000): 256 layers of equal area; one 64-bit draw picks a layer (low 8 bits)
    /// and a point in it (high 52 bits), accepted at once in about 98.9% of draws. Only
    /// IEEE multiplications and comparisons on the fast path, and `libm` elsewhere, so
    /// the draws are the same natively and in wasm.
    #[inline]
    pub fn standard_exponential(&mut self) -> f64 {
        let zig = zig_tables();
        loop {
            let bits = self.next_u64();
            let i = (bits & 0xff) as usize;
            // Uniform in [0, 1) from the high 52 bits.
            let u = (bits >> 12) as f64 * (1.0 / (1u64 << 52) as f64);
            let x = u * zig.x[i];
            if x < zig.x[i + 1] {
                return x;
            }
            if i == 0 {
                // The base layer's tail beyond R: R plus an exponential (memorylessness).
                return ZIG_EXP_R - ln_unit(self.unit_open());
            }
            // A wedge: accept under the density.
            let y = zig.f[i + 1] + (zig.f[i] - zig.f[i + 1]) * self.unit_open();
            if y < libm::exp(-x) {
                return x;
            }
        }
    }
}

/// The exponential ziggurat's rightmost layer edge R and layer area V for 256 layers
/// (Marsaglia & Tsang 2000, section 4).
const ZIG_EXP_R: f64 = 7.697_117_470_131_05;
const ZIG_EXP_V: f64 = 0.003_949_659_822_581_557;

/// The ziggurat's layer edges `x` (decreasing, `x[0]` the base layer's pseudo-width V/f(R),
/// `x[1]` = R, `x[256]` = 0) and the density at them, `f[i]` = exp(-x[i]).
struct ZigTables {
    x: [f64; 257],
    f: [f64; 257],
}

/// The ziggurat tables, computed once with `libm` (the same bits on every platform).
fn zig_tables() -> &'static ZigTables {
    static TABLES: std::sync::OnceLock<ZigTables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let mut x = [0.0; 257];
        x[0] = ZIG_EXP_V * libm::exp(ZIG_EXP_R);
        x[1] = ZIG_EXP_R;
        for i in 2..256 {
            x[i] = -libm::log(ZIG_EXP_V / x[i - 1] + libm::exp(-x[i - 1]));
        }
        x[256] = 0.0;
        let f = x.map(|v| libm::exp(-v));
        ZigTables { x, f }
    })
}

const LN_TABLE_BITS: u32 = 8;
const LN_TABLE_SIZE: usize = 1 << LN_TABLE_BITS;

/// ln(1 + i/256) and 256/(256 + i) for the table-driven logarithm, computed once with `libm`.
fn ln_tables() -> &'static ([f64; LN_TABLE_SIZE], [f64; LN_TABLE_SIZE]) {
    static TABLES: std::sync::OnceLock<([f64; LN_TABLE_SIZE], [f64; LN_TABLE_SIZE])> =
        std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let mut ln = [0.0; LN_TABLE_SIZE];
        let mut inverse = [0.0; LN_TABLE_SIZE];
        for i in 0..LN_TABLE_SIZE {
            let c = 1.0 + i as f64 / LN_TABLE_SIZE as f64;
            ln[i] = libm::log(c);
            inverse[i] = 1.0 / c;
        }
        (ln, inverse)
    })
}

/// Natural logarithm of a positive, finite, normal `x`, from plain IEEE additions and
/// multiplications (bit-identical on every platform, faster than a general `log`):
/// x = 2^e * m, m in [1, 2), m = c * (1 + r) with c from a 256-entry table and
/// r < 1/256, ln(1 + r) by its series to r^5 (error below 1e-13 relative).
fn ln_unit(x: f64) -> f64 {
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let mantissa = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    let index = ((bits >> (52 - LN_TABLE_BITS)) & (LN_TABLE_SIZE as u64 - 1)) as usize;
    let (ln, inverse) = ln_tables();
    let c = 1.0 + index as f64 / LN_TABLE_SIZE as f64;
    let r = (mantissa - c) * inverse[index];
    let series = r * (1.0 - r * (0.5 - r * (1.0 / 3.0 - r * (0.25 - r * 0.2))));
    exponent as f64 * core::f64::consts::LN_2 + ln[index] + series
}

/// The 128-bit product of `x` and `small` (below 2^32), as (high, low) 64-bit halves.
/// Natively one `u128` multiplication; wasm has no 64×64→128 multiply (a `u128` product
/// calls the `__multi3` routine), so there it is two 64-bit products of 32-bit halves,
/// which give the same bits (`widening_mul_small_matches_u128` checks it).
#[inline(always)]
pub fn widening_mul_small(x: u64, small: u64) -> (u64, u64) {
    debug_assert!(small < 1 << 32);
    #[cfg(target_arch = "wasm32")]
    {
        widening_mul_small_by_halves(x, small)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let product = u128::from(x) * u128::from(small);
        ((product >> 64) as u64, product as u64)
    }
}

/// [`widening_mul_small`] in 64-bit arithmetic: x·small = (x_hi·small)·2^32 + x_lo·small,
/// each part below 2^64 (and their carry sum too, as `small < 2^32`).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
#[inline(always)]
fn widening_mul_small_by_halves(x: u64, small: u64) -> (u64, u64) {
    let low_part = (x & 0xffff_ffff) * small;
    let high_part = (x >> 32) * small;
    ((high_part + (low_part >> 32)) >> 32, x.wrapping_mul(small))
}

fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widening_mul_small_matches_u128() {
        // The wasm form against the 128-bit product, at the edges and on random draws.
        let mut rng = SimRng::seed_from_u64(3);
        let edges = [0, 1, u64::MAX, u64::MAX - 1, 1 << 63, 0xffff_ffff, 1 << 32];
        for small in [0, 1, 2, 3, 37, 0xffff_fffe, 0xffff_ffff] {
            for x in edges.into_iter().chain((0..10_000).map(|_| rng.next_u64())) {
                let product = u128::from(x) * u128::from(small);
                let expected = ((product >> 64) as u64, product as u64);
                assert_eq!(
                    widening_mul_small_by_halves(x, small),
                    expected,
                    "{x} * {small}"
                );
                assert_eq!(widening_mul_small(x, small), expected);
            }
        }
    }

    #[test]
    fn same_seed_same_stream_other_seed_other_stream() {
        let mut a = SimRng::seed_from_u64(7);
        let mut b = SimRng::seed_from_u64(7);
        let mut c = SimRng::seed_from_u64(8);
        let xs: Vec<u64> = (0..8).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..8).map(|_| b.next_u64()).collect();
        let zs: Vec<u64> = (0..8).map(|_| c.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs, zs);
    }

    #[test]
    fn exponential_mean_is_close_to_requested() {
        // 100 000 draws of mean 1000: the standard error of the mean is about 3.2,
        // so the sample mean lies well inside 1000 ± 30.
        let mut rng = SimRng::seed_from_u64(1);
        let n = 100_000u64;
        let sum: u64 = (0..n).map(|_| rng.exponential(1000)).sum();
        let mean = sum / n;
        assert!((970..=1030).contains(&mean), "mean {mean}");
    }

    #[test]
    fn ziggurat_exponential_has_the_moments_and_tail_of_exp1() {
        // 400 000 draws of Exp(1): mean 1 and variance 1, so the sample mean's standard
        // error is 1/sqrt(400 000) = 0.0016 and the second moment's (E x^2 = 2, Var x^2 =
        // 20) 0.0071; P(x > 3) = e^-3 = 0.0498 (standard error 0.00034) and P(x > 8) =
        // e^-8 = 0.000335 (beyond R = 7.7: the tail case; about 134 ± 12 draws).
        let mut rng = SimRng::seed_from_u64(9);
        let n = 400_000;
        let (mut sum, mut sum_sq, mut over_3, mut over_8) = (0.0, 0.0, 0u32, 0u32);
        for _ in 0..n {
            let x = rng.standard_exponential();
            assert!(x >= 0.0 && x.is_finite());
            sum += x;
            sum_sq += x * x;
            over_3 += u32::from(x > 3.0);
            over_8 += u32::from(x > 8.0);
        }
        let n = f64::from(n);
        assert!((sum / n - 1.0).abs() < 0.008, "mean {}", sum / n);
        assert!((sum_sq / n - 2.0).abs() < 0.04, "E x^2 {}", sum_sq / n);
        assert!((f64::from(over_3) / n - 0.0498).abs() < 0.002, "{over_3}");
        assert!((80..=190).contains(&over_8), "{over_8}");
    }

    #[test]
    fn ziggurat_tables_close_at_zero() {
        // The layers computed from R and V must close at the mode: the top layer (from
        // x[255], about 0.064, up to x = 0) has area V too, so V / x[255] + exp(-x[255]),
        // the density where it would end, is 1 (to rounding).
        let z = zig_tables();
        assert!(z.x[255] > 0.06 && z.x[255] < 0.07, "{}", z.x[255]);
        let top = ZIG_EXP_V / z.x[255] + libm::exp(-z.x[255]);
        assert!((top - 1.0).abs() < 1e-12, "{top}");
        assert!(z.x.windows(2).all(|w| w[0] > w[1]));
        assert_eq!(z.f[256], 1.0);
    }

    #[test]
    fn table_logarithm_matches_libm() {
        let mut rng = SimRng::seed_from_u64(5);
        for _ in 0..100_000 {
            let x = rng.unit_open();
            let (fast, exact) = (ln_unit(x), libm::log(x));
            assert!(
                (fast - exact).abs() <= 1e-12 * exact.abs().max(1.0),
                "{x}: {fast} vs {exact}"
            );
        }
        assert_eq!(ln_unit(1.0), 0.0);
    }

    #[test]
    fn below_stays_in_range() {
        let mut rng = SimRng::seed_from_u64(3);
        assert!((0..1000).all(|_| rng.below(5) < 5));
    }
}
