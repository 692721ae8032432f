//! The file format as written: the serde `*Section` structs, their defaults and spans.

use serde::Deserialize;
use toml::Spanned;

use crate::costs::CostTable;
use crate::hardware::CpuGeneration;
use crate::isolation::InjectedFault;
use crate::platform::{
    DisplayProtocol, GuestOs, IoModel, NetworkMode, PlatformKind, SchedulerKind, StorageMode,
    Technique,
};
use crate::question::{Metric, QuestionKind, Select};
use crate::text::Text;
use crate::workload::{Op, OpMix};

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
/// A virtsim scenario file.
pub struct ScenarioFile {
    /// Name, seed, duration and explanation.
    pub scenario: ScenarioSection,
    /// The simulated hardware.
    #[serde(default)]
    pub host: HostSection,
    /// Platforms to compare; each runs the instances on its own copy of the host.
    #[serde(default, rename = "platform")]
    pub platforms: Vec<PlatformSection>,
    /// Custom workloads (named mixes); presets need no entry.
    #[serde(default, rename = "workload")]
    pub workloads: Vec<WorkloadSection>,
    /// Instances (VMs, containers or native process groups) and what they run.
    #[serde(default, rename = "instance")]
    pub instances: Vec<InstanceSection>,
    /// Overrides of per-operation costs.
    #[serde(default)]
    pub costs: CostTable,
    /// Questions whose answers the simulator computes.
    #[serde(default, rename = "question")]
    pub questions: Vec<QuestionSection>,
    /// Faults injected at a simulated time (kernel panic, hypervisor or server failure).
    #[serde(default, rename = "fault")]
    pub faults: Vec<FaultSection>,
    /// Run every platform again with more and more copies of one instance group.
    #[serde(default)]
    pub sweep: Option<SweepSection>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
/// A fault injected at a simulated time.
pub struct FaultSection {
    /// When the fault happens, milliseconds after the start (below duration_ms).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "u64", range(min = 1, max = 60000))
    )]
    pub at_ms: Spanned<u64>,
    /// `kernel_panic` (the kernel the instance runs on), `hypervisor_failure`, `host_os_crash`
    /// (the general-purpose OS under the instances, if the platform has one) or `server_failure`
    /// (the machine itself).
    #[cfg_attr(feature = "schema", schemars(with = "InjectedFault"))]
    pub kind: Spanned<InjectedFault>,
    /// kernel_panic: the instance group whose code triggers the fault.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub instance: Option<Spanned<String>>,
    /// kernel_panic: which copy of the group (1-based, default 1).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<u32>"))]
    pub copy: Option<Spanned<u32>>,
    /// Platforms where the fault happens (default: every platform that runs the instance,
    /// or every platform).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<String>>"))]
    pub platforms: Option<Spanned<Vec<Spanned<String>>>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScenarioSection {
    /// Short name shown in lists.
    pub name: String,
    /// Title in English and Korean.
    #[serde(default)]
    pub title: Option<Text>,
    /// What the scenario shows, in English and Korean.
    #[serde(default)]
    pub description: Option<Text>,
    /// Seed of the random streams.
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// Simulated time per platform, milliseconds.
    #[serde(default = "default_duration")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "u64", range(min = 1, max = 60000))
    )]
    pub duration_ms: Spanned<u64>,
    /// Record a per-pCPU timeline (bounded).
    #[serde(default)]
    pub trace: bool,
}

fn default_seed() -> u64 {
    1
}
fn default_duration() -> Spanned<u64> {
    Spanned::new(0..0, 100)
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct HostSection {
    /// Physical CPU cores (pCPUs).
    #[cfg_attr(feature = "schema", schemars(with = "u32", range(min = 1, max = 1024)))]
    pub cores: Spanned<u32>,
    /// Clock frequency in GHz.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "f64", range(min = 0.1, max = 10.0))
    )]
    pub clock_ghz: Spanned<f64>,
    /// Memory in GiB.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "f64", range(min = 0.125, max = 65536.0))
    )]
    pub memory_gib: Spanned<f64>,
    /// CPU generation: fixes the VM exit round trip, the TLB size and the virtualization
    /// features below (each defaults to whether `cpu` has it, and can be turned off, not on).
    pub cpu: CpuGeneration,
    /// VT-x/AMD-V present; default: whether `cpu` has it (every generation here does).
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub vtx: Option<Spanned<bool>>,
    /// EPT/NPT (nested paging); default: whether `cpu` has it (nehalem and later).
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub ept: Option<Spanned<bool>>,
    /// VPID/ASID: no TLB flush on VM exit and entry; default: whether `cpu` has it (nehalem and later).
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub vpid: Option<Spanned<bool>>,
    /// Unrestricted guest (real mode without emulation); default: whether `cpu` has it (westmere and later).
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub unrestricted_guest: Option<Spanned<bool>>,
    /// TPR shadow: a write to %cr8 takes no exit; default: whether `cpu` has it (all generations).
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub tpr_shadow: Option<Spanned<bool>>,
    /// TSC offsetting: RDTSC takes no exit; default: whether `cpu` has it (all generations).
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub tsc_offsetting: Option<Spanned<bool>>,
    /// APIC virtualization (APICv/AVIC); default: whether `cpu` has it (haswell and later).
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub apicv: Option<Spanned<bool>>,
    /// VT-d posted interrupts for assigned devices; default: whether `cpu` has them (skylake, zen).
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub posted_interrupts: Option<Spanned<bool>>,
    /// Pause-loop exiting (Intel PLE, AMD pause filter); default: whether `cpu` has it (nehalem and later).
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub ple: Option<Spanned<bool>>,
    /// VMCS shadowing: a nested hypervisor's VMREAD/VMWRITE take no exit; default: whether `cpu` has it (haswell and later).
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub vmcs_shadowing: Option<Spanned<bool>>,
    /// Page-modification logging (a live migration's dirty logging without a fault per
    /// page); default: whether `cpu` has it (skylake).
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub pml: Option<Spanned<bool>>,
    /// 2 MiB pages for guest memory and native processes (default false): a 2-D walk of
    /// 15 instead of 24 references, a native walk of 3 instead of 4.
    pub large_pages: bool,
    /// Shared last-level cache in MiB (1 to 1024, default 8), for cache refills after
    /// switches.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<u64>", range(min = 1, max = 1024))
    )]
    pub shared_cache_mib: Option<Spanned<u64>>,
    pub disk: DiskSection,
    pub nic: NicSection,
}

impl Default for HostSection {
    fn default() -> Self {
        HostSection {
            cores: Spanned::new(0..0, 8),
            clock_ghz: Spanned::new(0..0, 3.0),
            memory_gib: Spanned::new(0..0, 64.0),
            cpu: CpuGeneration::default(),
            vtx: None,
            ept: None,
            vpid: None,
            unrestricted_guest: None,
            tpr_shadow: None,
            tsc_offsetting: None,
            apicv: None,
            posted_interrupts: None,
            ple: None,
            vmcs_shadowing: None,
            pml: None,
            large_pages: false,
            shared_cache_mib: None,
            disk: DiskSection::default(),
            nic: NicSection::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct DiskSection {
    /// Access latency, microseconds (0 to 10 000 000).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "u64", range(min = 0, max = 10000000))
    )]
    pub latency_us: Spanned<u64>,
    /// Requests per second the device sustains (1 to 100 000 000).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "u64", range(min = 1, max = 100000000))
    )]
    pub iops: Spanned<u64>,
    /// Bandwidth, MB/s (1 to 1 000 000).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "u64", range(min = 1, max = 1000000))
    )]
    pub bandwidth_mb_s: Spanned<u64>,
}

impl Default for DiskSection {
    fn default() -> Self {
        DiskSection {
            latency_us: Spanned::new(0..0, 80),
            iops: Spanned::new(0..0, 200_000),
            bandwidth_mb_s: Spanned::new(0..0, 2_000),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct NicSection {
    /// One-way wire latency to the clients, microseconds (0 to 10 000 000).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "u64", range(min = 0, max = 10000000))
    )]
    pub latency_us: Spanned<u64>,
    /// Bandwidth, Gbit/s (1 to 10 000).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "u64", range(min = 1, max = 10000))
    )]
    pub bandwidth_gbit_s: Spanned<u64>,
}

impl Default for NicSection {
    fn default() -> Self {
        NicSection {
            latency_us: Spanned::new(0..0, 20),
            bandwidth_gbit_s: Spanned::new(0..0, 10),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlatformSection {
    /// Unique name, used by instances and questions.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub name: Spanned<String>,
    /// Optional display label.
    #[serde(default)]
    pub label: Option<Text>,
    #[cfg_attr(feature = "schema", schemars(with = "PlatformKind"))]
    pub kind: Spanned<PlatformKind>,
    /// Virtualization technique (type 1 and type 2 only).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Technique>"))]
    pub technique: Option<Spanned<Technique>>,
    /// I/O path; defaults follow the technique.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<IoModel>"))]
    pub io: Option<Spanned<IoModel>>,
    /// Host-level scheduler; default credit for type 1 (fair for a microVM: Firecracker runs on KVM) and vdi, fair otherwise.
    #[serde(default)]
    pub scheduler: Option<SchedulerKind>,
    /// Scheduler time slice, milliseconds (credit default 30; fair: CFS's target latency, 6 ×
    /// the CPU scaling of the host's cores, 24 at 8 or more; round robin 10, an estimate).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<u64>", range(min = 1, max = 1000))
    )]
    pub time_slice_ms: Option<Spanned<u64>>,
    /// Credit scheduler: whether a vCPU woken with credit left is BOOSTed and preempts
    /// (default true, as in Xen's credit scheduler).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub credit_boost: Option<Spanned<bool>>,
    /// Type 1 and vdi: I/O back ends live in a driver domain (Xen dom0-like); default true
    /// with `technique = "para"` unless `backend` names another place, false otherwise.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub driver_domain: Option<Spanned<bool>>,
    /// With the back ends in a driver domain: dom0's vCPUs, each a scheduled entity that
    /// serves the event channels of some guests (default 1; Xen's own default is one per
    /// pCPU, capped by `dom0_max_vcpus`).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<u32>", range(min = 1, max = 4096))
    )]
    pub dom0_vcpus: Option<Spanned<u32>>,
    /// With the back ends in a driver domain: the credit weight of each of dom0's vCPUs
    /// (default 256, Xen's default for every domain).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<u32>", range(min = 1, max = 65535))
    )]
    pub dom0_weight: Option<Spanned<u32>>,
    /// With the back ends in a driver domain: dom0's vCPU k runs on pCPU k only (Xen's
    /// `dom0_vcpus_pin`; default false).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub dom0_pin: Option<Spanned<bool>>,
    /// Type 2: percent of each core the host's own processes want.
    #[serde(default = "spanned_default::<u32>")]
    #[cfg_attr(feature = "schema", schemars(with = "u32", range(min = 0, max = 95)))]
    pub host_background_percent: Spanned<u32>,
    /// Type 2: how the VMM reaches the host OS: `world_switch` (the default: the classic
    /// hosted design, a world of its own and a world switch each way to the host) or
    /// `host_module` (its ring-0 part a host kernel module that runs the guest from the
    /// host kernel's context; needs `hardware_assist` or `hybrid`).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::platform::HostedDesign>")
    )]
    pub hosted_design: Option<Spanned<crate::platform::HostedDesign>>,
    /// Container network mode.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<NetworkMode>"))]
    pub network: Option<Spanned<NetworkMode>>,
    /// Container storage.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<StorageMode>"))]
    pub storage: Option<Spanned<StorageMode>>,
    /// Type 1: a minimal VMM without firmware, virtio devices only (Firecracker-like microVM).
    #[serde(default = "spanned_default::<bool>")]
    #[cfg_attr(feature = "schema", schemars(with = "bool"))]
    pub microvm: Spanned<bool>,
    /// Type 1 with hardware assist or hybrid: the instances run as L2 guests of an L1
    /// hypervisor inside a VM of this platform (nested virtualization; default false).
    #[serde(default = "spanned_default::<bool>")]
    #[cfg_attr(feature = "schema", schemars(with = "bool"))]
    pub nested: Spanned<bool>,
    /// Where I/O back ends run (`hypervisor`, `driver_domain`, `vm_thread`,
    /// `device_thread`); default: the driver domain with `driver_domain = true` (by
    /// default on a type-1 `para` platform), the VMM's I/O thread for type 2 and
    /// microVMs, otherwise inline in the hypervisor.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::platform::BackendPlacement>")
    )]
    pub backend: Option<Spanned<crate::platform::BackendPlacement>>,
    /// KVM-style halt polling: microseconds a vCPU with nothing to run spins before it
    /// blocks (default 0, off; KVM's default is 200).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<u64>"))]
    pub halt_poll_us: Option<Spanned<u64>>,
    /// Hardware assist and hybrid: whether the hypervisor uses pause-loop exiting
    /// (default: whether the host has it; `false` is KVM's `ple_gap=0`).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub ple: Option<Spanned<bool>>,
    /// Interrupt coalescing: microseconds a device completion may wait for others before
    /// one interrupt delivers them all (default 0, off).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<u64>"))]
    pub irq_coalesce_us: Option<Spanned<u64>>,
    /// Interrupt coalescing: deliver at once when this many completions wait (default 0:
    /// only the delay counts). Needs `irq_coalesce_us`.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<u64>"))]
    pub irq_coalesce_frames: Option<Spanned<u64>>,
    /// Hybrid: the paravirtual enlightenments of the guest (`pv_eoi`, `pv_timer`,
    /// `pv_spinlocks`, `steal_time`, `pv_tlb_flush`, `pv_send_ipi`, `async_pf`;
    /// `pv_tlb_flush` needs `steal_time`); default: a current KVM Linux guest's, `["pv_eoi",
    /// "pv_spinlocks", "steal_time", "pv_tlb_flush", "pv_send_ipi", "async_pf"]`.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<Vec<crate::platform::Enlightenment>>")
    )]
    pub enlightenments: Option<Spanned<Vec<crate::platform::Enlightenment>>>,
    /// Overcommit policies that may reclaim memory when the instances' configured memory
    /// is more than the host has: `balloon` (VMs whose guest has the paravirtual balloon
    /// driver, io = "paravirtual"), `ksm` (VMs), `swap` (any platform),
    /// `free_page_reporting` (VMs with io = "paravirtual"). Default: none.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<Vec<crate::memory::OvercommitPolicy>>")
    )]
    pub overcommit: Option<Spanned<Vec<Spanned<crate::memory::OvercommitPolicy>>>>,
    /// With `ksm`, `balloon` or `free_page_reporting`: how long the instances have been
    /// running together on this host before the measured window, seconds (0 to 2 592 000;
    /// default 3600, an hour). KSM has scanned, balloons have inflated and free pages have
    /// been reported for that long; 0 starts them with the window.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<u64>", range(min = 0, max = 2592000))
    )]
    pub running_for_s: Option<Spanned<u64>>,
    /// Type 1 and type 2: live-migrate the first copy of an instance group to a second
    /// host by pre-copy, over a link (see `[platform.migration]`).
    #[serde(default)]
    pub migration: Option<MigrationSection>,
    /// VDI: remote display protocol preset (`blast`, `hdx`, `rdp`).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DisplayProtocol>"))]
    pub protocol: Option<Spanned<DisplayProtocol>>,
    /// VDI: network round-trip time between thin client and server, milliseconds (default 20).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<f64>", range(min = 0.0, max = 2000.0))
    )]
    pub rtt_ms: Option<Spanned<f64>>,
    /// VDI: bandwidth of each client's access link, Mbit/s (default 20).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<f64>", range(min = 0.064, max = 100000.0))
    )]
    pub client_bandwidth_mbit_s: Option<Spanned<f64>>,
    /// VDI: packet loss on the client path, percent (default 0).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<f64>", range(min = 0.0, max = 50.0))
    )]
    pub loss_percent: Option<Spanned<f64>>,
    /// VDI: most screen captures per second (default: the protocol's, 30).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<f64>", range(min = 1.0, max = 120.0))
    )]
    pub frame_rate: Option<Spanned<f64>>,
    /// VDI: the users' desktops are sessions of one shared server OS per instance group
    /// (RDS / Citrix Virtual Apps-like) instead of a desktop VM each (default false).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub session_host: Option<Spanned<bool>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
/// A live migration by pre-copy.
pub struct MigrationSection {
    /// The instance group whose first copy moves.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub instance: Spanned<String>,
    /// Bandwidth of the link to the other host, Gbit/s (0.01 to 1000, default 10).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<f64>", range(min = 0.01, max = 1000.0))
    )]
    pub link_gbit_s: Option<Spanned<f64>>,
    /// Most pre-copy rounds before the stop-and-copy (1 to 1000, default 30).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<u32>", range(min = 1, max = 1000))
    )]
    pub max_rounds: Option<Spanned<u32>>,
    /// Downtime target: stop and copy once the rest can be sent within it, ms (1 to 60000,
    /// default 300, QEMU's default).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<f64>", range(min = 1.0, max = 60000.0))
    )]
    pub max_downtime_ms: Option<Spanned<f64>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WorkloadSection {
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub name: Spanned<String>,
    /// Preset to start from (default: an empty mix).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub base: Option<Spanned<String>>,
    /// Mean compute burst between operations, cycles (0 to 1 000 000 000).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<u64>", range(min = 0, max = 1000000000))
    )]
    pub compute_cycles: Option<Spanned<u64>>,
    /// Work done inside each system call, cycles (0 to 100 000 000).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<u64>", range(min = 0, max = 100000000))
    )]
    pub syscall_work_cycles: Option<Spanned<u64>>,
    /// Bytes per disk request (1 to 67 108 864).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<u64>", range(min = 1, max = 67108864))
    )]
    pub io_bytes: Option<Spanned<u64>>,
    /// Bytes per network message (1 to 67 108 864).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<u64>", range(min = 1, max = 67108864))
    )]
    pub message_bytes: Option<Spanned<u64>>,
    /// Mean sleep of a `sleep` operation, microseconds (0 to 10 000 000).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<u64>", range(min = 0, max = 10000000))
    )]
    pub think_time_us: Option<Spanned<u64>>,
    /// Percent of operations that take the guest kernel's spinlock first (0 to 100; one
    /// lock per instance, shared by its vCPUs).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<u32>"))]
    pub lock_percent: Option<Spanned<u32>>,
    /// Cycles a thread holds the spinlock (1 to 100 000 000; default 2000).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<u64>"))]
    pub lock_hold_cycles: Option<Spanned<u64>>,
    /// Indirect control transfers (call/ret, indirect jumps) per 1000 cycles of guest
    /// kernel work (0 to 500; default 10): translated under binary translation.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<u64>", range(min = 0, max = 500))
    )]
    pub kernel_control_flow_per_kcycle: Option<Spanned<u64>>,
    /// Guest kernel code the workload runs, KiB (1 to 1 048 576; default 1024): the
    /// working set of binary translation's translation cache.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<u64>", range(min = 1, max = 1048576))
    )]
    pub kernel_code_kib: Option<Spanned<u64>>,
    /// Whether the threads are threads of one process (a guest switch loads no CR3, a TLB
    /// shootdown asks the other CPUs running it) or processes of their own; default: the
    /// base's (`database` true, other presets false), true when the mix has `tlb_shootdown`.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub shared_address_space: Option<Spanned<bool>>,
    /// Relative operation weights (replaces the base's mix when given).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<OpMix>"))]
    pub mix: Option<Spanned<OpMix>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InstanceSection {
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub name: Spanned<String>,
    /// Platforms that run this instance (default: all).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<String>>"))]
    pub platforms: Option<Spanned<Vec<Spanned<String>>>>,
    /// Number of identical instances.
    #[serde(default = "one")]
    #[cfg_attr(feature = "schema", schemars(with = "u32", range(min = 1, max = 1024)))]
    pub count: Spanned<u32>,
    /// vCPUs of a VM, or CPUs a container or process group may use at once.
    #[serde(default = "one")]
    #[cfg_attr(feature = "schema", schemars(with = "u32", range(min = 1, max = 256)))]
    pub vcpus: Spanned<u32>,
    /// Workload threads (default: one per vCPU).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<u32>", range(min = 1, max = 256))
    )]
    pub threads: Option<Spanned<u32>>,
    /// Memory of a VM or memory limit of a container, GiB.
    #[serde(default = "default_instance_memory")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "f64", range(min = 0.0, max = 65536.0))
    )]
    pub memory_gib: Spanned<f64>,
    /// Guest OS of a VM.
    #[serde(default = "spanned_default::<GuestOs>")]
    #[cfg_attr(feature = "schema", schemars(with = "GuestOs"))]
    pub guest_os: Spanned<GuestOs>,
    /// Workload preset or custom workload name.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub workload: Spanned<String>,
    /// pCPU for each vCPU (pinning).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<u32>>"))]
    pub pin: Option<Spanned<Vec<Spanned<u32>>>>,
    /// Scheduler weight: under credit each active vCPU's (as Xen's credit1 counts it), under
    /// fair the instance's cgroup's, split among its vCPUs or processes that are awake.
    #[serde(default = "default_weight")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "u32", range(min = 1, max = 65535))
    )]
    pub weight: Spanned<u32>,
    /// CPU cap per vCPU slot in percent of one core (credit cap, cgroup quota); 0 = none.
    #[serde(default = "spanned_default::<u32>")]
    #[cfg_attr(feature = "schema", schemars(with = "u32", range(min = 0, max = 100)))]
    pub cap_percent: Spanned<u32>,
    /// Memory the application itself touches, MiB (default 128); the footprint adds the
    /// guest OS of a VM or the runtime of a container.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<u64>", range(min = 1, max = 16777216))
    )]
    pub working_set_mib: Option<Spanned<u64>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SweepSection {
    /// The instance group whose `count` varies.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub instance: Spanned<String>,
    /// Counts to run, strictly increasing (at most 12).
    #[cfg_attr(feature = "schema", schemars(with = "Vec<u32>"))]
    pub counts: Spanned<Vec<u32>>,
    /// The operation whose latency the curve shows.
    #[cfg_attr(feature = "schema", schemars(with = "Op"))]
    pub op: Spanned<Op>,
    /// Density: the largest count whose p99 latency of `op` stays at or below this, µs.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<f64>"))]
    pub p99_target_us: Option<Spanned<f64>>,
}

fn spanned_default<T: Default>() -> Spanned<T> {
    Spanned::new(0..0, T::default())
}

fn one() -> Spanned<u32> {
    Spanned::new(0..0, 1)
}
fn default_weight() -> Spanned<u32> {
    Spanned::new(0..0, 256)
}
fn default_instance_memory() -> Spanned<f64> {
    Spanned::new(0..0, 2.0)
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QuestionSection {
    /// Identifier, unique in the file.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub id: Spanned<String>,
    pub text: Text,
    #[cfg_attr(feature = "schema", schemars(with = "QuestionKind"))]
    pub kind: Spanned<QuestionKind>,
    #[cfg_attr(feature = "schema", schemars(with = "Metric"))]
    pub metric: Spanned<Metric>,
    /// The operation a latency metric refers to.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Op>"))]
    pub op: Option<Spanned<Op>>,
    /// Choice questions: pick the platform with the lowest or highest value.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Select>"))]
    pub select: Option<Spanned<Select>>,
    /// Choice questions: the platforms to choose from (default: all).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<String>>"))]
    pub platforms: Option<Spanned<Vec<Spanned<String>>>>,
    /// Numeric questions: the platform whose value is asked.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub platform: Option<Spanned<String>>,
    /// Numeric questions: accepted relative error, percent (0 to 100, default 5).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<f64>", range(min = 0.0, max = 100.0))
    )]
    pub tolerance_percent: Option<Spanned<f64>>,
    /// Why the answer is what it is (shown after answering).
    #[serde(default)]
    pub explanation: Option<Text>,
}
