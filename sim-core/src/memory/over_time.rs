//! Memory over time per instance: the memory plan's figures as the run reaches them. The
//! balloon and free page reporting give memory back batch by batch as the machine runs
//! them (`machine/balloon.rs`), so what an instance holds shrinks as they go (until then,
//! if the host would hold more than it has and may swap, it swaps that free memory out:
//! the same cold memory swap takes first, so the working sets' share on disk does not
//! change); memory KSM has merged and the host has swapped out are the plan's at that
//! moment (`plan_at`: KSM's progress after the instances have run for `running_for_s`
//! and then into the window, a container that outgrows its limit filling it page by page;
//! the machine runs with the same shares from that snapshot on); an instance that a fault
//! or the OOM killer stopped holds nothing from then on.

use serde::{Deserialize, Serialize};

use super::{MemoryAtEnd, MemoryResult, OvercommitPolicy};

/// Snapshots the machine takes over a run (the last at its end): enough points for a chart,
/// few enough that the result stays small.
pub const MEMORY_SAMPLES: u64 = 40;

/// When the machine takes its snapshots in a run of `duration` cycles: at
/// `k · duration / MEMORY_SAMPLES` for `k = 0 .. MEMORY_SAMPLES`, and at the end.
pub fn sample_times(duration: u64) -> Vec<u64> {
    (0..=MEMORY_SAMPLES)
        .map(|k| (u128::from(duration) * u128::from(k) / u128::from(MEMORY_SAMPLES)) as u64)
        .collect()
}

/// Instances whose memory is followed over time (the first ones, group by group).
pub const MAX_SERIES_INSTANCES: usize = 16;

/// One instance's memory at one moment, MiB.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MemoryPoint {
    pub at_ms: f64,
    /// What it holds in the host's memory.
    pub resident_mib: f64,
    /// Container: the part of `resident_mib` that is page cache (memcg reclaim evicts it
    /// first when the group nears its limit).
    #[serde(default)]
    pub page_cache_mib: f64,
    /// Given back by its balloon so far.
    pub balloon_mib: f64,
    /// Reported free by the guest so far.
    pub reported_mib: f64,
    /// Merged by KSM into other instances' pages.
    pub shared_mib: f64,
    /// On the host's swap.
    pub swapped_mib: f64,
}

/// One instance's memory over the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MemorySeries {
    pub instance: String,
    /// The instance group it is a copy of (filled in by the runner).
    #[serde(default)]
    pub group: String,
    pub points: Vec<MemoryPoint>,
}

/// One moment of the run as the machine saw it, per machine instance.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct InstanceProgress {
    /// Balloon batches and free page reports still to run.
    pub balloon_left: u32,
    pub reports_left: u32,
    pub stopped: bool,
}

/// The series of `memory`'s first [`MAX_SERIES_INSTANCES`] instances from the machine's
/// snapshots `(at_ms, per instance progress)`, and what all instances hold at the last
/// snapshot; `moments` is the plan at each snapshot (`plan_at`; empty: `memory`'s figures
/// throughout); `batches(mib)` and `reports(mib)` give how many batches or reports give
/// back `mib` (the machine's own counts).
pub fn series(
    memory: &MemoryResult,
    snapshots: &[(f64, Vec<InstanceProgress>)],
    moments: &[MemoryResult],
    batches: impl Fn(f64) -> u32,
    reports: impl Fn(f64) -> u32,
) -> (Vec<MemorySeries>, Option<MemoryAtEnd>) {
    // Done share of `total` steps with `left` still to go.
    let done = |total: u32, left: u32| -> f64 {
        if total == 0 {
            1.0
        } else {
            f64::from(total.saturating_sub(left)) / f64::from(total)
        }
    };
    let totals: Vec<(u32, u32)> = memory
        .instances
        .iter()
        .map(|m| (batches(m.balloon_mib), reports(m.reported_mib)))
        .collect();
    let available = memory.host_mib.saturating_sub(memory.reserved_mib) as f64;
    let may_swap = memory.policies.contains(&OvercommitPolicy::Swap);
    let mut out: Vec<MemorySeries> = memory
        .instances
        .iter()
        .take(MAX_SERIES_INSTANCES)
        .map(|m| MemorySeries {
            instance: m.name.clone(),
            group: String::new(),
            points: Vec::with_capacity(snapshots.len()),
        })
        .collect();
    let mut at_end = None;
    for (s, (at_ms, progress)) in snapshots.iter().enumerate() {
        // The plan at this moment: what KSM has merged and swap holds.
        let plan = moments.get(s).unwrap_or(memory);
        // Per instance: (balloon so far, reported so far, not given back yet).
        let now: Vec<Option<(f64, f64, f64)>> = memory
            .instances
            .iter()
            .zip(&totals)
            .enumerate()
            .map(|(k, (m, &(b_total, r_total)))| {
                let p = progress.get(k).copied().unwrap_or(InstanceProgress {
                    balloon_left: 0,
                    reports_left: 0,
                    stopped: false,
                });
                (!p.stopped).then(|| {
                    let balloon = m.balloon_mib * done(b_total, p.balloon_left);
                    let reported = m.reported_mib * done(r_total, p.reports_left);
                    (
                        balloon,
                        reported,
                        (m.balloon_mib - balloon) + (m.reported_mib - reported),
                    )
                })
            })
            .collect();
        // Memory not given back yet is still the guests': if the host then holds more
        // than it has, it swaps that memory (free and cold, what the balloon would have
        // taken) out until the reclaim catches up.
        let held: f64 = plan
            .instances
            .iter()
            .zip(&now)
            .filter_map(|(m, n)| n.map(|(_, _, pending)| m.resident_mib + pending))
            .sum();
        let pending: f64 = now.iter().flatten().map(|n| n.2).sum();
        let over = if may_swap && pending > 0.0 {
            (held - available).clamp(0.0, pending)
        } else {
            0.0
        };
        let mut total = MemoryAtEnd::default();
        for (k, n) in now.iter().enumerate() {
            let m = &plan.instances[k];
            let point = match *n {
                None => MemoryPoint {
                    at_ms: *at_ms,
                    resident_mib: 0.0,
                    page_cache_mib: 0.0,
                    balloon_mib: 0.0,
                    reported_mib: 0.0,
                    shared_mib: 0.0,
                    swapped_mib: 0.0,
                },
                Some((balloon, reported, mine)) => {
                    let extra_swap = if pending > 0.0 {
                        over * mine / pending
                    } else {
                        0.0
                    };
                    MemoryPoint {
                        at_ms: *at_ms,
                        resident_mib: (m.resident_mib + mine - extra_swap).max(0.0),
                        page_cache_mib: m.page_cache_mib,
                        balloon_mib: balloon,
                        reported_mib: reported,
                        shared_mib: m.shared_mib,
                        swapped_mib: m.swapped_mib + extra_swap,
                    }
                }
            };
            total.resident_mib += point.resident_mib;
            total.balloon_mib += point.balloon_mib;
            total.reported_mib += point.reported_mib;
            total.shared_mib += point.shared_mib;
            total.swapped_mib += point.swapped_mib;
            if let Some(series) = out.get_mut(k) {
                series.points.push(point);
            }
        }
        at_end = Some(total);
    }
    (out, at_end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::InstanceMemory;

    fn vm(balloon: f64) -> InstanceMemory {
        InstanceMemory {
            name: "vm".into(),
            demand_mib: 1536.0,
            resident_mib: 1536.0 - balloon - 100.0,
            limit_mib: None,
            runtime_mib: 0.0,
            page_cache_evicted_mib: 0.0,
            page_cache_mib: 0.0,
            balloon_mib: balloon,
            reported_mib: 0.0,
            shared_mib: 0.0,
            swapped_mib: 100.0,
            working_set_swapped_percent: 0.0,
            working_set_merged_percent: 0.0,
            oom_at_ms: None,
        }
    }

    #[test]
    fn the_balloon_gives_memory_back_as_its_batches_run_and_a_stopped_instance_holds_nothing() {
        // 300 MiB in 300 batches (one per MiB, say): after 0, 150 and 300 batches the
        // balloon holds 0, 150 and 300 MiB and the instance 1436, 1286 and 1136 MiB
        // (1536 configured − 100 swapped − what the balloon holds).
        let memory = MemoryResult {
            instances: vec![vm(300.0)],
            ..MemoryResult::default()
        };
        let at = |ms: f64, left: u32, stopped: bool| {
            (
                ms,
                vec![InstanceProgress {
                    balloon_left: left,
                    reports_left: 0,
                    stopped,
                }],
            )
        };
        let snaps = [
            at(0.0, 300, false),
            at(1.0, 150, false),
            at(2.0, 0, false),
            at(3.0, 0, true),
        ];
        let (s, end) = series(&memory, &snaps, &[], |mib| mib as u32, |_| 0);
        // At the end the instance is stopped: it holds nothing.
        assert_eq!(end.map(|e| e.resident_mib), Some(0.0));
        let p = &s[0].points;
        assert_eq!(p.len(), 4);
        let held: Vec<(f64, f64)> = p.iter().map(|p| (p.balloon_mib, p.resident_mib)).collect();
        assert_eq!(held[..3], [(0.0, 1436.0), (150.0, 1286.0), (300.0, 1136.0)]);
        assert_eq!(p[3].resident_mib, 0.0);
        assert!(p.iter().take(3).all(|p| p.swapped_mib == 100.0));
    }

    #[test]
    fn a_host_that_may_swap_swaps_what_the_balloon_has_not_given_back_yet() {
        // Two VMs that hold 1136 MiB each once their 300 MiB balloons are inflated, on a
        // host with exactly 2272 MiB: before any batch they still hold 1436 MiB each,
        // 600 MiB too many, which the host swaps (100 + 300 MiB each on swap, 1136 MiB
        // resident); halfway, 300 MiB too many (100 + 150 MiB each on swap).
        let memory = MemoryResult {
            policies: vec![OvercommitPolicy::Balloon, OvercommitPolicy::Swap],
            host_mib: 2272,
            reserved_mib: 0,
            instances: vec![vm(300.0), vm(300.0)],
            ..MemoryResult::default()
        };
        let at = |ms: f64, left: u32| {
            let p = InstanceProgress {
                balloon_left: left,
                reports_left: 0,
                stopped: false,
            };
            (ms, vec![p, p])
        };
        let (s, _) = series(
            &memory,
            &[at(0.0, 300), at(1.0, 150), at(2.0, 0)],
            &[],
            |mib| mib as u32,
            |_| 0,
        );
        let of = |k: usize| -> Vec<(f64, f64)> {
            s[k].points
                .iter()
                .map(|p| (p.resident_mib, p.swapped_mib))
                .collect()
        };
        assert_eq!(of(0), [(1136.0, 400.0), (1136.0, 250.0), (1136.0, 100.0)]);
        assert_eq!(of(1), of(0));
    }
}
