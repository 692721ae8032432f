//! Instance lifecycle: start-up time from the steps of each platform, memory footprint per
//! instance, and density (how many instances of a workload fit the host).
//!
//! Start-up is a list of steps, each some CPU time on one core and some bytes read from
//! the host disk, all from [`CostTable`]. A full VM runs firmware, boots a guest kernel and
//! its init; a microVM skips the firmware and boots a minimal kernel; a type-2 VM first
//! starts a VMM process; a container only sets up namespaces, a cgroup and a root file
//! system before its process starts; a VDI desktop boots and then a user logs on.
//! Starting many instances at once (a boot or logon storm) shares the cores and the disk:
//! [`storm`] simulates that as a fluid model, so the storm time emerges from contention.
//!
//! The folder, by mechanism: the result type here; `startup.rs` has the steps of
//! starting an instance on each platform ([`start_steps`]) and of booting the host;
//! `footprint.rs` the memory one instance occupies on the host ([`footprint`]);
//! `storm.rs` the fluid model of instances starting together ([`storm`]); `density.rs`
//! how many instances fit the host ([`density`]).
//!
//! [`CostTable`]: crate::costs::CostTable
//! [`storm`]: fn@storm
//! [`footprint`]: fn@footprint
//! [`density`]: fn@density

use serde::{Deserialize, Serialize};

mod density;
mod footprint;
mod startup;
mod storm;
#[cfg(test)]
mod tests;

pub use density::{cpu_ceiling_cores, density, CpuBeyondVcpus};
pub use footprint::{footprint, FootprintPart};
pub use startup::{
    container_restore_steps, hardware_domain_crash_wait, host_boot_steps, start_steps,
    start_steps_together, start_steps_with, ImageCache, StartStep,
};
pub use storm::{storm, time_steps_alone, MAX_PIECES_PER_STEP, READ_PIECE_MIB};

/// Lifecycle figures of one platform (for its first instance group; the storm counts all).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LifecycleResult {
    pub steps: Vec<StartStep>,
    /// One instance started alone on the host, milliseconds.
    pub startup_ms: f64,
    /// Every instance of the platform started at the same moment: when the last is up.
    pub startup_all_ms: f64,
    pub footprint: Vec<FootprintPart>,
    /// Memory one instance occupies on the host, MiB.
    pub footprint_mib: f64,
    /// Memory kept for the hypervisor, management domain or host OS, MiB.
    pub host_reserved_mib: u64,
    /// CPU one instance used in the run, in percent of one core (virtualization work included).
    pub cpu_per_instance_percent: f64,
    /// Why one instance (of the first group) is OOM-killed even alone on the host: its
    /// guest's base OS and working set do not fit its configured memory, or a container's
    /// working set outgrows its limit with nowhere to swap. Then it cannot do its work on
    /// any host, and `density_memory` and `density` are 0.
    #[serde(default)]
    pub oom_alone: Option<crate::memory::OomReason>,
    /// Instances that fit the host's memory (0 when `oom_alone`).
    pub density_memory: u64,
    /// Instances that fit the host's CPUs at `density_max_cpu_percent` utilization; `None`
    /// when an instance used no CPU in the run (the CPU sets no bound: JSON `null`).
    pub density_cpu: Option<u64>,
    /// The CPU that `density_cpu` divides, in cores: the host's cores at
    /// `density_max_cpu_percent`, less a type-2 host's own programs ([`cpu_ceiling_cores`]).
    #[serde(default)]
    pub cpu_ceiling_cores: f64,
    /// The smaller of the two.
    pub density: u64,
    /// When keeping up with native would take more than one instance's vCPUs can run (its
    /// guest and hypervisor work alone exceeds them): the CPU it would take, percent of one
    /// core, and its vCPUs. `cpu_per_instance_percent` is then what it uses with its vCPUs
    /// busy, the most it can.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_beyond_vcpus: Option<CpuBeyondVcpus>,
}
