//! Measurement helpers: a fixed-size log-linear latency histogram and CPU-time counters.

use serde::{Deserialize, Serialize};

const SUB_BITS: u32 = 6;
const SUB: u64 = 1 << SUB_BITS;
const BUCKETS: usize = ((64 - SUB_BITS as usize) + 1) * SUB as usize;

/// Latency histogram in cycles: exact below 64, then 64 buckets per power of two
/// (a bucket is at most 1.6% wide; quantiles report the bucket's middle, kept between the
/// smallest and the largest sample, so that a latency every sample shares reads as itself
/// and not as its bucket's middle, up to 0.8% off and below its own mean). Integer-only, so
/// results are portable. Its buckets are allocated up to the largest one recorded: an
/// operation never recorded costs no bucket memory, and one whose latencies stay below
/// 2^k cycles at most `(k - 5) x 64` buckets of 8 bytes (at most 30 KB).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Histogram {
    counts: Vec<u64>,
    total: u64,
    sum: u128,
    /// The smallest sample (`u64::MAX` while empty).
    min: u64,
    max: u64,
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram {
            counts: Vec::new(),
            total: 0,
            sum: 0,
            min: u64::MAX,
            max: 0,
        }
    }
}

#[inline]
fn bucket_of(value: u64) -> usize {
    if value < SUB {
        return value as usize;
    }
    let exponent = 63 - value.leading_zeros();
    let sub = (value >> (exponent - SUB_BITS)) & (SUB - 1);
    ((exponent - SUB_BITS + 1) as usize) * SUB as usize + sub as usize
}

/// Smallest value that falls in `bucket`, and the width of the bucket.
fn bucket_range(bucket: usize) -> (u64, u64) {
    let sub_count = SUB as usize;
    if bucket < sub_count {
        return (bucket as u64, 1);
    }
    let exponent = (bucket / sub_count) as u32 + SUB_BITS - 1;
    let sub = (bucket % sub_count) as u64;
    let width = 1u64 << (exponent - SUB_BITS);
    ((SUB + sub) * width, width)
}

impl Histogram {
    #[inline(always)]
    pub fn record(&mut self, value: u64) {
        let bucket = bucket_of(value);
        match self.counts.get_mut(bucket) {
            Some(count) => *count += 1,
            None => self.grow_and_count(bucket),
        }
        self.total += 1;
        self.sum += u128::from(value);
        self.min = self.min.min(value);
        self.max = self.max.max(value);
    }

    /// The first sample beyond the buckets allocated so far (rare: kept out of `record`).
    #[cold]
    #[inline(never)]
    fn grow_and_count(&mut self, bucket: usize) {
        self.counts.resize((bucket + 1).min(BUCKETS), 0);
        self.counts[bucket] += 1;
    }

    pub fn count(&self) -> u64 {
        self.total
    }

    pub fn mean(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.sum as f64 / self.total as f64
        }
    }

    pub fn max(&self) -> u64 {
        self.max
    }

    /// The value below which `per_mille`/1000 of the samples fall (bucket midpoint, within
    /// the smallest and the largest sample).
    pub fn quantile(&self, per_mille: u64) -> u64 {
        if self.total == 0 {
            return 0;
        }
        let rank = (self.total * per_mille).div_ceil(1000).max(1);
        let mut seen = 0;
        for (bucket, &count) in self.counts.iter().enumerate() {
            seen += count;
            if seen >= rank {
                let (low, width) = bucket_range(bucket);
                // `max(min).min(max)`, not `clamp`, which would panic on a histogram read back
                // with min > max.
                return (low + width / 2).max(self.min).min(self.max);
            }
        }
        self.max
    }

    /// Non-empty buckets as (lowest value, count), for distribution charts.
    pub fn buckets(&self) -> Vec<(u64, u64)> {
        self.counts
            .iter()
            .enumerate()
            .filter(|(_, &c)| c > 0)
            .map(|(b, &c)| (bucket_range(b).0, c))
            .collect()
    }
}

impl Histogram {
    /// Whether its parts agree (a histogram read back from elsewhere): no more buckets
    /// than a `u64` sample can reach, a total that is the buckets' sum, and the smallest
    /// sample at most the largest when there are samples. One that does not could make
    /// its figures read past their buckets.
    pub fn is_consistent(&self) -> bool {
        let sum = self
            .counts
            .iter()
            .try_fold(0u64, |sum, &c| sum.checked_add(c));
        self.counts.len() <= bucket_of(u64::MAX) + 1
            && sum == Some(self.total)
            && (self.total == 0 || self.min <= self.max)
    }

    /// The non-empty buckets as (the largest value the bucket holds, lowered to the
    /// largest sample; count).
    pub fn bucket_tops(&self) -> Vec<(u64, u64)> {
        self.counts
            .iter()
            .enumerate()
            .filter(|(_, &c)| c > 0)
            .map(|(b, &c)| {
                let (low, width) = bucket_range(b);
                ((low + width - 1).min(self.max), c)
            })
            .collect()
    }

    /// Adds every sample of `other`.
    pub fn merge(&mut self, other: &Histogram) {
        if other.counts.len() > self.counts.len() {
            self.counts.resize(other.counts.len(), 0);
        }
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        self.total += other.total;
        self.sum += other.sum;
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
    }
}

/// A latency summary in microseconds, as reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LatencySummary {
    /// Operations completed.
    pub count: u64,
    /// Exact mean of the samples.
    pub mean_us: f64,
    /// Median, read from the [`Histogram`]: the middle of the sample's bucket (buckets are
    /// at most 1.6% wide), so two operations whose latencies fall in one bucket report the
    /// same p50 even when their means differ; compare means, or allow for ties, between
    /// close operations.
    pub p50_us: f64,
    /// 99th percentile, read from the [`Histogram`] as `p50_us` is (same bucket resolution).
    pub p99_us: f64,
    /// Largest sample, exact.
    pub max_us: f64,
    /// Distribution: (the largest value its bucket holds in µs, at most the largest sample;
    /// count) for non-empty buckets, in ascending order: the points of a cumulative
    /// distribution ("this share took at most this long").
    pub histogram_us: Vec<(f64, u64)>,
}

impl LatencySummary {
    pub fn from_histogram(h: &Histogram, cycles_per_us: u64) -> LatencySummary {
        let us = |c: u64| c as f64 / cycles_per_us as f64;
        LatencySummary {
            count: h.count(),
            mean_us: h.mean() / cycles_per_us as f64,
            p50_us: us(h.quantile(500)),
            p99_us: us(h.quantile(990)),
            max_us: us(h.max()),
            histogram_us: h
                .bucket_tops()
                .into_iter()
                .map(|(v, c)| (us(v), c))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_allocated_only_up_to_the_largest_value() {
        let empty = Histogram::default();
        assert_eq!(
            empty.counts.capacity(),
            0,
            "an unused histogram holds no buckets"
        );
        let mut h = Histogram::default();
        for v in [5, 700, 1000] {
            h.record(v);
        }
        // 1000 = 2^9 x 1.95: exponent 9, sub-bucket (1000 >> 3) & 63 = 61, so bucket
        // (9 - 6 + 1) x 64 + 61 = 317: 318 buckets instead of 3776.
        assert_eq!(h.counts.len(), 318);
        // The median is 700: its bucket is 8 wide from (64 + 87 % 64) x 8 = 696, so it
        // reports the middle, 696 + 4 = 700.
        assert_eq!(h.quantile(500), 700);
        // Merging a wider histogram grows the narrower one.
        let mut wide = Histogram::default();
        wide.record(u64::MAX);
        h.merge(&wide);
        assert_eq!(h.counts.len(), BUCKETS);
        assert_eq!(h.count(), 4);
    }

    #[test]
    fn buckets_round_trip_and_are_monotonic() {
        let mut last = 0;
        for v in [0u64, 1, 15, 16, 17, 31, 32, 1000, 123_456, u64::MAX / 3] {
            let b = bucket_of(v);
            assert!(b >= last);
            last = b;
            let (low, width) = bucket_range(b);
            assert!(
                low <= v && v < low.saturating_add(width).max(low + 1),
                "{v}"
            );
        }
    }

    #[test]
    fn quantiles_of_a_uniform_spread() {
        // 1..=1000: the median is 500 and p99 is 990; with 64 buckets per power of two,
        // buckets in 256..512 are 4 wide and in 512..1024 are 8 wide, so each answer is
        // within half a bucket plus the rank rounding: 4.
        let mut h = Histogram::default();
        for v in 1..=1000 {
            h.record(v);
        }
        assert_eq!(h.count(), 1000);
        assert!((h.mean() - 500.5).abs() < 1e-9);
        assert!(h.quantile(500).abs_diff(500) <= 4, "{}", h.quantile(500));
        assert!(h.quantile(990).abs_diff(990) <= 4, "{}", h.quantile(990));
    }

    #[test]
    fn a_latency_every_sample_shares_reads_as_itself() {
        // 1005 cycles falls in the bucket 1000..1008 (exponent 9, sub-bucket
        // (1005 >> 3) & 63 = 61, 8 wide from (64 + 61) x 8 = 1000), whose middle is 1004:
        // without the smallest sample as a floor, p50 and p99 would read 1004, below the
        // exact mean of 1005.
        let mut h = Histogram::default();
        for _ in 0..100 {
            h.record(1005);
        }
        assert_eq!(bucket_range(bucket_of(1005)), (1000, 8));
        assert_eq!(h.quantile(500), 1005);
        assert_eq!(h.quantile(990), 1005);
        assert_eq!(h.mean(), 1005.0);
        // Merged with an empty histogram, nothing changes; an empty one reads 0.
        h.merge(&Histogram::default());
        assert_eq!(h.quantile(990), 1005);
        assert_eq!(Histogram::default().quantile(990), 0);
    }
}
