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
    pub fn exponential(&mut self, mean: u64) -> u64 {
        if mean == 0 {
            return 0;
        }
        let draw = -libm::log(self.unit_open()) * mean as f64;
        // Non-negative, so adding one half and truncating rounds to nearest.
        (draw + 0.5) as u64
    }
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
    fn below_stays_in_range() {
        let mut rng = SimRng::seed_from_u64(3);
        assert!((0..1000).all(|_| rng.below(5) < 5));
    }
}
