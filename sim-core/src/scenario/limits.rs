//! Limits that keep every accepted scenario bounded (the event estimate they bound is in
//! `estimate.rs`).

use super::Scenario;
use crate::platform::SchedulerKind;

/// Most errors of one file that `virtsim validate` prints (then "and N more"):
/// [`crate::Scenario::from_toml_all`] gives them all.
pub const MAX_ERRORS_SHOWN: usize = 20;
/// Most warnings of one file that `virtsim validate` prints and the page lists (then "and
/// N more warnings"): an assignment of 40 steps with 274 undersized groups each had 10 961,
/// 4.6 MB of text in a terminal, and a page notice that took seconds to draw.
pub const MAX_WARNINGS_SHOWN: usize = 20;
/// Largest scenario file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 256 * 1024;
/// Most `[[fault]]` sections in one scenario.
pub const MAX_FAULTS: usize = 64;
/// Most `[[question]]` sections in one scenario (the library's largest has 5; thousands
/// made the page's Questions tab take seconds to draw).
pub const MAX_QUESTIONS: usize = 200;
/// Most platforms in one scenario.
pub const MAX_PLATFORMS: usize = 16;
/// Most instances (after `count`) on one platform.
pub const MAX_INSTANCES: u64 = 1024;
/// Most vCPUs (or container CPU slots) on one platform.
pub const MAX_VCPUS: u64 = 4096;
/// Most threads in one instance.
pub const MAX_THREADS_PER_INSTANCE: u32 = 256;
/// Most host cores.
pub const MAX_CORES: u32 = 1024;
/// A VDI platform's `rtt_ms`, least and most, ms (0: no network delay; 2000 is beyond a
/// geostationary satellite's 600 ms).
pub const VDI_RTT_MS: (f64, f64) = (0.0, 2000.0);
/// A VDI platform's `loss_percent`, least and most, %.
pub const VDI_LOSS_PERCENT: (f64, f64) = (0.0, 50.0);
/// A VDI platform's `client_bandwidth_mbit_s`, least and most, Mbit/s (64 kbit/s: an
/// ISDN channel).
pub const VDI_CLIENT_BANDWIDTH_MBIT_S: (f64, f64) = (0.064, 100_000.0);
/// Longest simulated duration, milliseconds.
pub const MAX_DURATION_MS: u64 = 60_000;
/// Longest disk or NIC latency, microseconds (10 s).
pub const MAX_LATENCY_US: u64 = 10_000_000;
/// Most disk requests per second.
pub const MAX_DISK_IOPS: u64 = 100_000_000;
/// Largest disk bandwidth, MB/s (1 TB/s).
pub const MAX_DISK_BANDWIDTH_MB_S: u64 = 1_000_000;
/// Largest NIC bandwidth, Gbit/s (10 Tbit/s): bits per second stay below 2^64 / 10^6.
pub const MAX_NIC_BANDWIDTH_GBIT_S: u64 = 10_000;
/// Largest mean compute burst of a workload, cycles.
pub const MAX_COMPUTE_CYCLES: u64 = 1_000_000_000;
/// Largest work inside one system call, cycles.
pub const MAX_SYSCALL_WORK_CYCLES: u64 = 100_000_000;
/// Most indirect control transfers per 1000 kernel cycles (one every two cycles).
pub const MAX_KERNEL_CONTROL_FLOW_PER_KCYCLE: u64 = 500;
/// Largest guest kernel code working set, KiB (1 GiB).
pub const MAX_KERNEL_CODE_KIB: u64 = 1 << 20;
/// Largest disk request or network message, bytes (64 MiB).
pub const MAX_TRANSFER_BYTES: u64 = 64 << 20;
/// Longest mean think time of a `sleep`, microseconds (10 s).
pub const MAX_THINK_TIME_US: u64 = 10_000_000;
/// Most parts of a dotted key or table name, and deepest nesting of arrays and inline
/// tables: the TOML parser's own limits, reported as `key_too_deep` and `nesting_too_deep`.
pub use crate::toml_reader::{MAX_KEY_PARTS, MAX_NESTING};
/// Most events a whole run may be estimated to need.
pub const MAX_ESTIMATED_EVENTS: u64 = 2_000_000_000;
/// Most events the web page runs a scenario for without asking (its budget: past it the
/// page offers a shorter duration, [`fitting_duration_ms`](super::fitting_duration_ms),
/// or to run anyway); `validate` names it for a valid scenario over it.
pub const PAGE_MAX_EVENTS: u64 = 200_000_000;

/// The largest value each unit of the cost table accepts, and the smallest.
pub(super) fn cost_range(unit: &str) -> (u64, u64) {
    match unit {
        "percent" => (1, 100),
        "MHz" => (100, 10_000),
        "Hz" => (1, 1_000),
        "µs/s" => (0, 1_000_000),
        "requests" | "updates" => (1, 1024),
        "accesses" => (0, 64),
        // A request carries at least 1 KiB (0 would make a start-up's reads take forever
        // on a disk of few IOPS).
        "KiB/request" => (1, 1 << 20),
        "MiB" => (0, 1 << 20),
        // At least the one touch an operation's memory access is; at most 64, which keeps
        // a thread's page-ins of one operation (each its own fault, wait and resumption)
        // within the event estimate's bound and its dirty victims in one 64-bit mask.
        "touches/op" => (1, 64),
        _ => (0, 1_000_000_000),
    }
}

/// Most instance groups summed over the jobs of a run (each platform, each distinct native
/// baseline and each sweep point runs its groups): every group run keeps one latency
/// histogram per operation until the run finishes, so this bounds a run's memory.
pub const MAX_GROUP_RUNS: u64 = 1024;

impl Scenario {
    /// Instance groups summed over the jobs of a run (see [`MAX_GROUP_RUNS`]).
    pub fn group_runs(&self) -> u64 {
        let mut total = 0u64;
        let mut baselines: Vec<(Vec<usize>, SchedulerKind, u64)> = Vec::new();
        for (p_index, p) in self.platforms.iter().enumerate() {
            let groups: Vec<usize> = (0..self.instances.len())
                .filter(|&i| self.instances[i].platforms.contains(&p_index))
                .collect();
            let n = groups.len() as u64;
            total += n;
            let key = (groups, p.scheduler, p.time_slice_ms);
            if !baselines.contains(&key) {
                total += n;
                baselines.push(key);
            }
            if let Some(sweep) = &self.sweep {
                if self.instances[sweep.group].platforms.contains(&p_index) {
                    total += n * sweep.counts.len() as u64;
                }
            }
        }
        total
    }
}
