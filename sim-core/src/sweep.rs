//! Consolidation sweeps: the same platform run with more and more copies of one instance
//! group, giving a curve of throughput and latency against instances per host, and the
//! density that still meets a latency target.

use serde::{Deserialize, Serialize};

use crate::workload::Op;

/// Most points on one sweep curve.
pub const MAX_SWEEP_POINTS: usize = 12;

/// A validated sweep.
#[derive(Debug, Clone, PartialEq)]
pub struct Sweep {
    /// Index of the instance group whose `count` varies.
    pub group: usize,
    /// Counts to run, strictly increasing.
    pub counts: Vec<u32>,
    /// The operation whose latency is measured.
    pub op: Op,
    /// The p99 latency that a density must meet, microseconds.
    pub p99_target_us: Option<f64>,
}

/// One point of a curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SweepPoint {
    /// Copies of the swept group.
    pub count: u32,
    /// Operations per simulated second of the swept group, all copies together.
    pub throughput: f64,
    /// Operations per simulated second of one copy.
    pub throughput_per_instance: f64,
    pub mean_us: f64,
    pub p50_us: f64,
    pub p99_us: f64,
    /// Steal of the whole platform, percent.
    pub steal_percent: f64,
    /// Idle pCPU capacity, percent.
    pub idle_percent: f64,
    /// OOM kills at this count (the memory plan: instances that do not fit and cannot be
    /// reclaimed), during the run or after it.
    #[serde(default)]
    pub oom_kills: u32,
    /// When the first of those kills happens, ms from the window's start. Past the run's
    /// end when the memory runs out only later, as the copies keep touching new memory: the
    /// run then shows no kill, yet the copies do not fit for long. `None` without a kill.
    #[serde(default)]
    pub first_oom_at_ms: Option<f64>,
    /// Memory the host swapped out at this count, MiB.
    #[serde(default)]
    pub swapped_mib: f64,
    /// Whether the point meets the target: p99 at or below it (any p99 when there is no
    /// target) and no instance killed for memory, in the run or after it. A density found
    /// this way never exceeds what the memory holds under the platform's overcommit policy.
    pub meets_target: bool,
}

/// The curve of one platform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SweepCurve {
    pub platform: String,
    pub points: Vec<SweepPoint>,
    /// The largest count whose p99 meets the target, with every smaller count meeting it too.
    pub density_at_target: Option<u32>,
}

/// All curves of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SweepResult {
    /// The swept instance group.
    pub instance: String,
    pub op: Op,
    pub p99_target_us: Option<f64>,
    pub curves: Vec<SweepCurve>,
}

impl SweepCurve {
    /// The density: the last point of the leading run of points that meet the target.
    pub fn density(points: &[SweepPoint]) -> Option<u32> {
        points
            .iter()
            .take_while(|p| p.meets_target)
            .last()
            .map(|p| p.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(count: u32, meets_target: bool) -> SweepPoint {
        SweepPoint {
            count,
            throughput: 0.0,
            throughput_per_instance: 0.0,
            mean_us: 0.0,
            p50_us: 0.0,
            p99_us: 0.0,
            steal_percent: 0.0,
            idle_percent: 0.0,
            oom_kills: 0,
            first_oom_at_ms: None,
            swapped_mib: 0.0,
            meets_target,
        }
    }

    #[test]
    fn density_stops_at_the_first_miss() {
        let points = [
            point(1, true),
            point(2, true),
            point(4, false),
            point(8, true),
        ];
        assert_eq!(SweepCurve::density(&points), Some(2));
        assert_eq!(SweepCurve::density(&[point(1, false)]), None);
    }
}
