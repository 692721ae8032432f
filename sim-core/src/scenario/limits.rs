//! Limits that keep every accepted scenario bounded, and the event estimate.

use super::Scenario;

/// Largest scenario file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 256 * 1024;
/// Most `[[fault]]` sections in one scenario.
pub const MAX_FAULTS: usize = 64;
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
/// Longest simulated duration, milliseconds.
pub const MAX_DURATION_MS: u64 = 60_000;
/// Most events a whole run may be estimated to need.
pub const MAX_ESTIMATED_EVENTS: u64 = 2_000_000_000;

/// The largest value each unit of the cost table accepts, and the smallest.
pub(super) fn cost_range(unit: &str) -> (u64, u64) {
    match unit {
        "percent" => (1, 100),
        "MHz" => (100, 10_000),
        "µs/s" => (0, 1_000_000),
        "requests" | "updates" => (1, 1024),
        "accesses" => (0, 64),
        "MiB" => (0, 1 << 20),
        _ => (0, 1_000_000_000),
    }
}

impl Scenario {
    /// A rough upper estimate of the events a full run needs (platforms and baselines).
    pub fn estimated_events(&self) -> u64 {
        let cycles_per_ms = self.host.clock_mhz * 1000;
        let duration = self.duration_ms * cycles_per_ms;
        let mut total = 0u64;
        for (p_index, _) in self.platforms.iter().enumerate() {
            let mut busy_items = 0u64;
            for inst in self
                .instances
                .iter()
                .filter(|i| i.platforms.contains(&p_index))
            {
                let running = u64::from(inst.count) * u64::from(inst.vcpus.min(inst.threads));
                let per_item = inst.workload.compute_cycles + 1000;
                busy_items += running * (duration / per_item + 1);
            }
            // pCPUs cannot run more items than their time allows: one item is at least a
            // compute burst of the shortest workload plus its operation.
            let shortest = self
                .instances
                .iter()
                .filter(|i| i.platforms.contains(&p_index))
                .map(|i| i.workload.compute_cycles + 300)
                .min()
                .unwrap_or(1000)
                .max(1000);
            let cap = u64::from(self.host.cores) * (duration / shortest + 1);
            // Twice: the platform and its native baseline.
            total = total.saturating_add(2 * busy_items.min(cap));
            // A sweep runs the platform once more per count.
            if let Some(sweep) = &self.sweep {
                if self.instances[sweep.group].platforms.contains(&p_index) {
                    total = total.saturating_add(sweep.counts.len() as u64 * cap);
                }
            }
        }
        total
    }
}
