//! Density: how many instances of a workload fit the host, by memory and by CPU. None fits
//! by memory when one instance is OOM-killed even alone (`memory::oom_of_its_own`).

use serde::{Deserialize, Serialize};

use crate::costs::CostTable;
use crate::hardware::Host;

/// One instance's CPU need to keep up with native, beyond what its vCPUs can run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CpuBeyondVcpus {
    /// The CPU keeping up with native would take at the run's cost per operation, percent
    /// of one core.
    pub needed_percent: f64,
    pub vcpus: u32,
    /// How fast it runs with its vCPUs busy, percent of native.
    pub pace_percent: f64,
}

/// The CPU the instances of a density figure may use, in cores: every core up to the
/// utilization ceiling (`density_max_cpu_percent`), less what the host's own programs take
/// (a type-2 host's background load).
pub fn cpu_ceiling_cores(host: &Host, c: &CostTable, background_percent: u32) -> f64 {
    f64::from(host.cores)
        * (c.density_max_cpu_percent as f64 - f64::from(background_percent)).max(0.0)
        / 100.0
}

/// Instances that fit: memory after the reserved part over the footprint, and CPU at the
/// utilization ceiling over the measured CPU per instance. An instance that is OOM-killed
/// even alone (`oom_alone`: its memory cannot hold its guest OS and working set) fits
/// nowhere, whatever its footprint: 0 by memory.
pub fn density(
    host: &Host,
    c: &CostTable,
    footprint_mib: f64,
    oom_alone: Option<crate::memory::OomReason>,
    cpu_per_instance_percent: f64,
    background_percent: u32,
) -> (u64, Option<u64>) {
    let free = host.memory_mib.saturating_sub(c.host_reserved_mib) as f64;
    let memory = if oom_alone.is_some() {
        0
    } else if footprint_mib > 0.0 {
        libm::floor(free / footprint_mib) as u64
    } else {
        0
    };
    let budget = cpu_ceiling_cores(host, c, background_percent) * 100.0;
    let cpu = (cpu_per_instance_percent > 0.0)
        .then(|| libm::floor(budget / cpu_per_instance_percent) as u64);
    (memory, cpu)
}
