//! Live migration by pre-copy: a running VM's memory is copied to a second host over a
//! link while the guest keeps running and dirtying pages; each round sends the pages
//! dirtied during the previous one, until what is left can be sent within the downtime
//! target (stop and copy) or the round limit is hit. When the guest dirties pages faster
//! than the link sends them, the dirty set never shrinks: migration does not converge and
//! the final stop-and-copy takes as long as the whole working set.
//!
//! The guest's write rate comes from the run: one page touch per operation (as for
//! swapping), `page_write_percent` of them writes, uniform over its working set, so the
//! distinct pages dirtied in `t` seconds are W·(1 − e^(−w·t/W)). Dirty logging write-protects
//! every page at the start of each round: the first write to a page in a round faults
//! (an EPT violation or a shadow page-table write), which slows the guest.

use serde::{Deserialize, Serialize};

use crate::costs::{CostTable, CpuGeneration};
use crate::platform::{MemoryVirtualization, Stack};

/// Bytes per page.
const PAGE: f64 = 4096.0;

/// A validated migration of one VM of a platform.
#[derive(Debug, Clone, PartialEq)]
pub struct MigrationSpec {
    /// Scenario instance group and machine instance index of the migrated VM (its copy 1).
    pub group: usize,
    pub instance: u32,
    pub link_gbit_s: f64,
    pub max_rounds: u32,
    pub max_downtime_ms: f64,
}

/// One pre-copy round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MigrationRound {
    pub sent_mib: f64,
    pub duration_ms: f64,
    /// Pages the guest dirtied meanwhile, MiB (what the next round sends).
    pub dirtied_mib: f64,
}

/// What a migration did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MigrationResult {
    pub instance: String,
    pub link_gbit_s: f64,
    /// What the guests sent on the host's NIC during the run, Gbit/s (the migration shares
    /// the NIC with it).
    #[serde(default)]
    pub guest_traffic_gbit_s: f64,
    /// The bandwidth the migration got: the link's, at most what the guests leave of the
    /// NIC (at least half of it, under fair queuing).
    #[serde(default)]
    pub effective_gbit_s: f64,
    /// The guest's page writes per second, from the run.
    pub writes_per_second: f64,
    pub rounds: Vec<MigrationRound>,
    /// Whether the dirty set fell within the downtime target before the round limit.
    pub converged: bool,
    /// The stop-and-copy: the guest is paused while the last dirty pages are sent.
    pub downtime_ms: f64,
    /// The downtime target: pre-copy stops once what is left can be sent within it.
    #[serde(default)]
    pub max_downtime_ms: f64,
    pub total_ms: f64,
    pub sent_mib: f64,
    /// CPU the dirty-logging faults take from the guest during the pre-copy, percent of
    /// its vCPUs.
    pub slowdown_percent: f64,
}

/// A container's checkpoint and restore (CRIU-like), for comparison: the container is
/// frozen, its memory (working set and runtime, not a whole guest's) is dumped and sent
/// over the link, and restored on the other host. No pre-copy: the whole transfer is
/// downtime, but there is much less to send than a VM's configured memory.
pub fn checkpoint_restore(
    name: &str,
    spec: &MigrationSpec,
    resident_mib: f64,
    writes_per_second: f64,
) -> MigrationResult {
    let bandwidth = (spec.link_gbit_s * 1e9 / 8.0).max(1.0);
    let seconds = resident_mib.max(0.0) * 1_048_576.0 / bandwidth;
    MigrationResult {
        instance: name.to_string(),
        link_gbit_s: spec.link_gbit_s,
        guest_traffic_gbit_s: 0.0,
        effective_gbit_s: spec.link_gbit_s,
        writes_per_second,
        rounds: vec![MigrationRound {
            sent_mib: resident_mib,
            duration_ms: seconds * 1000.0,
            dirtied_mib: 0.0,
        }],
        converged: true,
        downtime_ms: seconds * 1000.0,
        max_downtime_ms: spec.max_downtime_ms,
        total_ms: seconds * 1000.0,
        sent_mib: resident_mib,
        slowdown_percent: 0.0,
    }
}

/// Cycles of one dirty-logging write fault on `stack`.
pub fn dirty_fault_cycles(stack: &Stack, c: &CostTable, cpu: CpuGeneration) -> u64 {
    match stack.memory {
        MemoryVirtualization::Nested => {
            c.exit_roundtrip(cpu) + c.exit_handler + c.page_fault_native
        }
        MemoryVirtualization::Shadow => {
            c.exit_roundtrip(cpu) + c.exit_handler + c.shadow_pte_write_handler
        }
        // Direct paging: the hypervisor's log-dirty mode write-protects the guest's own
        // page tables' mappings; a write traps like a validated update.
        _ => c.pv_hypercall + c.pv_hypercall_handler + c.page_fault_native,
    }
}

/// Pre-copy of a VM with `memory_mib` of memory and `working_set_mib` written at
/// `writes_per_second`, on `stack` with `vcpus` at `clock_mhz`.
#[allow(clippy::too_many_arguments)]
pub fn precopy(
    name: &str,
    spec: &MigrationSpec,
    memory_mib: u64,
    working_set_mib: u64,
    writes_per_second: f64,
    vcpus: u32,
    clock_mhz: u64,
    fault_cycles: u64,
) -> MigrationResult {
    let bandwidth = (spec.link_gbit_s * 1e9 / 8.0).max(1.0); // bytes/s
    let ws_pages = (working_set_mib as f64 * 256.0).max(1.0);
    let w = writes_per_second.max(0.0);
    let dirtied = |seconds: f64| ws_pages * (1.0 - libm::exp(-w * seconds / ws_pages));
    let mut rounds = Vec::new();
    let mut to_send = memory_mib as f64 * 256.0; // pages
    let mut faults = 0.0;
    let mut precopy_s = 0.0;
    let mut converged = false;
    for _ in 0..spec.max_rounds.max(1) {
        let seconds = to_send * PAGE / bandwidth;
        let dirty = dirtied(seconds);
        rounds.push(MigrationRound {
            sent_mib: to_send / 256.0,
            duration_ms: seconds * 1000.0,
            dirtied_mib: dirty / 256.0,
        });
        precopy_s += seconds;
        faults += dirty;
        to_send = dirty;
        if to_send * PAGE / bandwidth * 1000.0 <= spec.max_downtime_ms {
            converged = true;
            break;
        }
    }
    let downtime_s = to_send * PAGE / bandwidth;
    let sent_mib = rounds.iter().map(|r| r.sent_mib).sum::<f64>() + to_send / 256.0;
    let capacity = precopy_s * f64::from(vcpus.max(1)) * clock_mhz as f64 * 1e6;
    MigrationResult {
        instance: name.to_string(),
        link_gbit_s: spec.link_gbit_s,
        guest_traffic_gbit_s: 0.0,
        effective_gbit_s: spec.link_gbit_s,
        writes_per_second: w,
        rounds,
        converged,
        downtime_ms: downtime_s * 1000.0,
        max_downtime_ms: spec.max_downtime_ms,
        total_ms: (precopy_s + downtime_s) * 1000.0,
        sent_mib,
        slowdown_percent: if capacity > 0.0 {
            (faults * fault_cycles as f64 * 100.0 / capacity).min(100.0)
        } else {
            0.0
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(link: f64) -> MigrationSpec {
        MigrationSpec {
            group: 0,
            instance: 0,
            link_gbit_s: link,
            max_rounds: 30,
            max_downtime_ms: 300.0,
        }
    }

    #[test]
    fn a_slow_writer_converges_and_a_fast_one_does_not() {
        // 2 GiB over 10 Gbit/s: round 0 takes 2^31 × 8 / 1e10 = 1.718 s. A guest writing
        // 10 000 pages/s over a 1 GiB working set dirties about 17 000 pages (66 MiB) in it,
        // sent in 55 ms, below the 300 ms target: stop and copy after round 1.
        let slow = precopy("vm", &spec(10.0), 2048, 1024, 10_000.0, 1, 3000, 3000);
        assert!(slow.converged);
        assert!(
            (slow.rounds[0].duration_ms - 1717.99).abs() < 0.1,
            "{slow:?}"
        );
        assert!(slow.downtime_ms < 300.0);
        // 1 million pages/s (4 GB/s) on a 1.25 GB/s link: each round dirties the whole
        // working set again: a round of d seconds dirties 1 - e^(-1e6 d / 262 144) of it,
        // which settles near 96% (0.82 s a round); after 30 rounds about 985 MiB are left
        // for the stop-and-copy, 821 ms.
        let fast = precopy("vm", &spec(10.0), 2048, 1024, 1_000_000.0, 1, 3000, 3000);
        assert!(!fast.converged);
        assert_eq!(fast.rounds.len(), 30);
        assert!(
            (fast.downtime_ms - 821.6).abs() < 1.0,
            "{}",
            fast.downtime_ms
        );
        assert!(fast.downtime_ms > slow.downtime_ms && fast.total_ms > slow.total_ms);
    }
}
