//! What a question may ask about: its kind (choice or numeric), which end of a ranking a
//! choice asks for, and the metrics, with their names and units.

use serde::{Deserialize, Serialize};

/// Choice (which platform?) or numeric (what value?).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    Choice,
    Numeric,
}

/// Which end of the ranking a choice question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Select {
    Lowest,
    Highest,
}

/// A platform-level figure of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Throughput relative to the native baseline, percent.
    RelativePerformancePercent,
    /// Operations completed per simulated second.
    Throughput,
    /// Mean latency of `op`, microseconds.
    MeanLatencyUs,
    /// Median latency of `op`, microseconds.
    P50LatencyUs,
    /// 99th-percentile latency of `op`, microseconds.
    P99LatencyUs,
    /// Share of vCPU time spent runnable but not running, percent.
    StealPercent,
    /// The steal the guests' own accounting sees (steal-time reporting), percent.
    GuestStealPercent,
    /// Entries into the hypervisor per simulated second: VM exits, hypercalls, and BT's and
    /// PV's traps (`PlatformResult::exits_per_second`).
    ExitsPerSecond,
    GuestUserPercent,
    GuestKernelPercent,
    HypervisorPercent,
    DeviceEmulationPercent,
    HostOsPercent,
    IdlePercent,
    /// Start-up of one instance alone, milliseconds.
    StartupMs,
    /// Start-up of every instance at once (boot or logon storm), milliseconds.
    StartupAllMs,
    /// Memory footprint of one instance, MiB.
    FootprintMib,
    /// Instances of the workload that fit the host (memory and CPU).
    Density,
    /// From the `[sweep]`: the most copies of the swept group whose p99 latency meets the target.
    SweepDensity,
    /// Instances stopped by the faults: injected ones and OOM kills.
    InstancesStopped,
    /// Operations lost to the faults: injected ones and OOM kills.
    OpsLost,
    /// VDI: median input-to-display latency, milliseconds.
    DesktopP50LatencyMs,
    /// VDI: 99th-percentile input-to-display latency, milliseconds.
    DesktopP99LatencyMs,
    /// VDI: mean bandwidth per session, kbit/s.
    DesktopBandwidthKbitS,
    /// VDI: frames delivered over frames wanted, percent.
    DesktopFramesDeliveredPercent,
    /// VDI: user sessions a fault dropped.
    DesktopSessionsDropped,
    /// Network throughput, Gbit/s: the payload bytes its instances' workloads sent and
    /// received over the host's NIC per simulated second, both directions together
    /// ([`crate::NetworkResult`]).
    NetworkGbitS,
    /// Live migration: the stop-and-copy pause, milliseconds.
    MigrationDowntimeMs,
    /// Live migration: from the first round to the end of the stop-and-copy, milliseconds.
    MigrationTotalMs,
}

impl Metric {
    /// Every metric, in the order the format lists them.
    pub const ALL: [Metric; 29] = {
        use Metric::*;
        [
            RelativePerformancePercent,
            Throughput,
            MeanLatencyUs,
            P50LatencyUs,
            P99LatencyUs,
            StealPercent,
            GuestStealPercent,
            ExitsPerSecond,
            GuestUserPercent,
            GuestKernelPercent,
            HypervisorPercent,
            DeviceEmulationPercent,
            HostOsPercent,
            IdlePercent,
            StartupMs,
            StartupAllMs,
            FootprintMib,
            Density,
            SweepDensity,
            InstancesStopped,
            OpsLost,
            DesktopP50LatencyMs,
            DesktopP99LatencyMs,
            DesktopBandwidthKbitS,
            DesktopFramesDeliveredPercent,
            DesktopSessionsDropped,
            NetworkGbitS,
            MigrationDowntimeMs,
            MigrationTotalMs,
        ]
    };

    /// The metric a scenario file names `name` (`"hypervisor_percent"`), as
    /// [`crate::Op::from_name`] for operations; `None` for any other text.
    pub fn from_name(name: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.name() == name)
    }

    /// The unit an answer is given in ("%": 57.7, not 0.577); empty for a count.
    pub fn unit(self) -> &'static str {
        use Metric::*;
        match self {
            RelativePerformancePercent
            | StealPercent
            | GuestStealPercent
            | GuestUserPercent
            | GuestKernelPercent
            | HypervisorPercent
            | DeviceEmulationPercent
            | HostOsPercent
            | IdlePercent
            | DesktopFramesDeliveredPercent => "%",
            Throughput => "ops/s",
            MeanLatencyUs | P50LatencyUs | P99LatencyUs => "µs",
            ExitsPerSecond => "/s",
            StartupMs | StartupAllMs | DesktopP50LatencyMs | DesktopP99LatencyMs
            | MigrationDowntimeMs | MigrationTotalMs => "ms",
            FootprintMib => "MiB",
            DesktopBandwidthKbitS => "kbit/s",
            NetworkGbitS => "Gbit/s",
            Density | SweepDensity | InstancesStopped | OpsLost | DesktopSessionsDropped => "",
        }
    }

    pub fn needs_op(self) -> bool {
        matches!(
            self,
            Metric::MeanLatencyUs | Metric::P50LatencyUs | Metric::P99LatencyUs
        )
    }

    pub fn name(self) -> &'static str {
        match self {
            Metric::RelativePerformancePercent => "relative_performance_percent",
            Metric::Throughput => "throughput",
            Metric::MeanLatencyUs => "mean_latency_us",
            Metric::P50LatencyUs => "p50_latency_us",
            Metric::P99LatencyUs => "p99_latency_us",
            Metric::StealPercent => "steal_percent",
            Metric::GuestStealPercent => "guest_steal_percent",
            Metric::ExitsPerSecond => "exits_per_second",
            Metric::GuestUserPercent => "guest_user_percent",
            Metric::GuestKernelPercent => "guest_kernel_percent",
            Metric::HypervisorPercent => "hypervisor_percent",
            Metric::DeviceEmulationPercent => "device_emulation_percent",
            Metric::HostOsPercent => "host_os_percent",
            Metric::IdlePercent => "idle_percent",
            Metric::StartupMs => "startup_ms",
            Metric::StartupAllMs => "startup_all_ms",
            Metric::FootprintMib => "footprint_mib",
            Metric::Density => "density",
            Metric::SweepDensity => "sweep_density",
            Metric::InstancesStopped => "instances_stopped",
            Metric::OpsLost => "ops_lost",
            Metric::DesktopP50LatencyMs => "desktop_p50_latency_ms",
            Metric::DesktopP99LatencyMs => "desktop_p99_latency_ms",
            Metric::DesktopBandwidthKbitS => "desktop_bandwidth_kbit_s",
            Metric::DesktopFramesDeliveredPercent => "desktop_frames_delivered_percent",
            Metric::DesktopSessionsDropped => "desktop_sessions_dropped",
            Metric::NetworkGbitS => "network_gbit_s",
            Metric::MigrationDowntimeMs => "migration_downtime_ms",
            Metric::MigrationTotalMs => "migration_total_ms",
        }
    }
}
