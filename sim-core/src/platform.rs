//! Platforms and techniques: what stack an instance runs on, resolved from a scenario.
//!
//! [`PlatformKind`] (native, type 1, type 2, container, VDI), [`Technique`], [`IoModel`],
//! [`SchedulerKind`], [`HostedDesign`] and [`DisplayProtocol`] are what a `[[platform]]` writes; a [`Stack`]
//! is a platform resolved, including how memory is virtualized and whether a type-1 VM is
//! a microVM. A VDI stack takes the type-1 paths; [`VdiNetwork`] is its desktops' network.

use serde::{Deserialize, Serialize};

/// The software stack that runs the instances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PlatformKind {
    /// Bare-metal OS: the baseline.
    Native,
    /// Hypervisor on the hardware (ESXi, Xen, Hyper-V).
    Type1,
    /// Hypervisor as a process of a host OS (VirtualBox, Workstation, Parallels).
    Type2,
    /// Container engine on a host OS: one shared kernel (Docker, LXC, Podman).
    Container,
    /// Desktop virtualization: a type-1 server hosts desktop VMs that thin clients reach
    /// over a network through a remote display protocol (Horizon, Citrix, RDS).
    Vdi,
}

impl PlatformKind {
    pub fn is_hypervisor(self) -> bool {
        matches!(
            self,
            PlatformKind::Type1 | PlatformKind::Type2 | PlatformKind::Vdi
        )
    }

    /// The snake_case name used in scenario files.
    pub fn name(self) -> &'static str {
        match self {
            PlatformKind::Native => "native",
            PlatformKind::Type1 => "type1",
            PlatformKind::Type2 => "type2",
            PlatformKind::Container => "container",
            PlatformKind::Vdi => "vdi",
        }
    }
}

/// How a hypervisor virtualizes the CPU (and, for hybrid, which drivers the guest uses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Technique {
    /// Full virtualization by binary translation of guest kernel code.
    BinaryTranslation,
    /// Full virtualization with VT-x/AMD-V: trap and emulate through VM exits.
    HardwareAssist,
    /// Paravirtualization: a modified guest kernel makes hypercalls.
    Para,
    /// Hardware-assisted CPU with paravirtual I/O drivers.
    Hybrid,
}

impl Technique {
    /// The snake_case name used in scenario files.
    pub fn name(self) -> &'static str {
        match self {
            Technique::BinaryTranslation => "binary_translation",
            Technique::HardwareAssist => "hardware_assist",
            Technique::Para => "para",
            Technique::Hybrid => "hybrid",
        }
    }
}

/// How a type-2 hypervisor's VMM reaches the host OS: where its ring-0 part runs the
/// guest, which decides what each crossing between the guest and the host costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum HostedDesign {
    /// The classic hosted design (VMware Workstation, Sugerman et al., USENIX 2001): the
    /// VMM runs the guest in a world of its own, apart from the host OS's, and its driver
    /// switches the whole machine state to the host's world and back for every I/O, every
    /// host interrupt and every halt (`hosted_world_switch` each way).
    #[default]
    WorldSwitch,
    /// The VMM's ring-0 part is a host kernel module that runs the guest from the host
    /// kernel's own context with VT-x/AMD-V (VirtualBox with hardware assist, KVM-like
    /// designs): an exit lands in the host kernel, the host takes its own interrupts there,
    /// a halted vCPU is a thread blocked in the host kernel, and an exit that needs the
    /// device model returns from the VMM process's run ioctl, which calls it again.
    HostModule,
}

impl HostedDesign {
    /// The default, which a serialized stack leaves out.
    pub fn is_world_switch(&self) -> bool {
        *self == HostedDesign::WorldSwitch
    }

    /// The snake_case name used in scenario files.
    pub fn name(self) -> &'static str {
        match self {
            HostedDesign::WorldSwitch => "world_switch",
            HostedDesign::HostModule => "host_module",
        }
    }
}

/// How guest I/O reaches the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum IoModel {
    /// The guest's stock driver talks to an emulated device, one trap per register access.
    Emulated,
    /// Split drivers: a front end in the guest, shared rings, a back end in the host side.
    Paravirtual,
    /// The device is assigned to the guest through the IOMMU.
    Passthrough,
}

/// The host-level scheduler of vCPUs or container processes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SchedulerKind {
    /// Xen-credit-like: weights, caps, 30 ms slices.
    Credit,
    /// CFS-like fair share by virtual runtime.
    Fair,
    /// Plain round robin.
    RoundRobin,
}

impl SchedulerKind {
    /// Linux CFS scales its latency, minimum granularity and wake-up granularity by
    /// 1 + log2 of the CPU count, capped at 8 CPUs (`sched_tunable_scaling`, logarithmic:
    /// 1 on one CPU, 2 on two, 3 on four, 4 on eight or more; virtualization-costs.md
    /// section 7).
    pub fn fair_scale(cores: u32) -> u64 {
        1 + u64::from(cores.clamp(1, 8).ilog2())
    }
}

/// Container network mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NetworkMode {
    /// veth pair, bridge and NAT.
    Bridge,
    /// The host's network namespace.
    Host,
}

/// Container storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StorageMode {
    /// Layered overlay filesystem.
    Overlay,
    /// A bind-mounted volume.
    Volume,
}

/// Guest operating system of a VM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum GuestOs {
    #[default]
    Linux,
    Freebsd,
    Windows,
}

impl GuestOs {
    /// Whether its kernel can be modified to run paravirtualized.
    pub fn can_be_paravirtualized(self) -> bool {
        !matches!(self, GuestOs::Windows)
    }
}

/// How guest memory is virtualized, which follows from technique and hardware.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MemoryVirtualization {
    /// No second translation (native, containers).
    None,
    /// The hypervisor maintains shadow page tables; guest page-table writes trap.
    Shadow,
    /// EPT/NPT: hardware walks guest and host tables (two-dimensional walk).
    Nested,
    /// PV direct paging: guest tables are real, updates validated by hypercalls.
    DirectPv,
}

impl MemoryVirtualization {
    /// How a technique virtualizes memory on a host with or without EPT/NPT: binary
    /// translation keeps shadow tables, a PV kernel its own tables (direct paging), hardware
    /// assist and hybrid use the two-dimensional walk where the CPU has one.
    pub fn of(technique: Option<Technique>, ept: bool) -> MemoryVirtualization {
        match technique {
            None => MemoryVirtualization::None,
            Some(Technique::BinaryTranslation) => MemoryVirtualization::Shadow,
            Some(Technique::Para) => MemoryVirtualization::DirectPv,
            Some(_) if ept => MemoryVirtualization::Nested,
            Some(_) => MemoryVirtualization::Shadow,
        }
    }
}

/// A fully resolved platform: everything the path builder and scheduler need.
///
/// Set by hand in a [`crate::Scenario`], its kind, technique and I/O are checked before a
/// run as the file's `kind`, `technique` and `io` are ([`crate::Scenario::check`]), and
/// its numbers within their keys' ranges; its other settings only in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Stack {
    pub kind: PlatformKind,
    pub technique: Option<Technique>,
    pub io: IoModel,
    pub memory: MemoryVirtualization,
    pub driver_domain: bool,
    pub network: NetworkMode,
    pub storage: StorageMode,
    /// Type 1: a minimal VMM without firmware and with virtio devices only (Firecracker-like).
    #[serde(default)]
    pub microvm: bool,
    /// Where the I/O back ends (device models, PV back ends) run.
    #[serde(default)]
    pub backend: BackendPlacement,
    /// KVM-style halt polling: a vCPU with nothing to run spins this long before it
    /// blocks (0 = off).
    #[serde(default)]
    pub halt_poll_us: u64,
    /// Pause-loop exiting in force: the hypervisor turns a long spin in a PAUSE loop into
    /// an exit and a yield (hardware assist and hybrid on a CPU that has it).
    #[serde(default)]
    pub ple: bool,
    /// Interrupt coalescing (a NIC's interrupt throttling, virtio or `ethtool -C`
    /// moderation): a device completion waits up to this long for others, and one
    /// interrupt delivers them all (0 = off: an interrupt per completion).
    #[serde(default)]
    pub irq_coalesce_us: u64,
    /// With coalescing on: deliver at once when this many completions are waiting
    /// (0 = no limit, only the delay).
    #[serde(default)]
    pub irq_coalesce_frames: u32,
    /// Hybrid: the paravirtual enlightenments the guest uses on its hardware-assisted CPU.
    #[serde(default)]
    pub enlightenments: Enlightenments,
    /// Nested virtualization: the instances are L2 guests of an L1 hypervisor that runs
    /// in a VM of this (L0) hypervisor; every exit of an L2 guest is reflected to L1.
    #[serde(default)]
    pub nested: bool,
    /// Type 2: how the VMM reaches the host OS (a world switch, or a host kernel module);
    /// `WorldSwitch` on every other kind, where it means nothing.
    #[serde(default, skip_serializing_if = "HostedDesign::is_world_switch")]
    pub hosted_design: HostedDesign,
}

/// One paravirtual enlightenment of a hybrid guest: a specific path that the modified
/// part of the guest takes instead of the one that traps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Enlightenment {
    /// PV EOI (KVM `kvm-pv-eoi`, Hyper-V's EOI assist in the VP assist page): the guest
    /// acknowledges an interrupt by clearing a flag in memory shared with the hypervisor,
    /// no EOI exit.
    PvEoi,
    /// PV timer (Xen's `VCPUOP_set_singleshot_timer` / `set_timer_op`): the guest arms its
    /// next timer event with a hypercall instead of the TSC-deadline WRMSR. From a
    /// hardware-assisted guest the hypercall is an exit too (VMCALL): a `hypercall` exit
    /// with a hypercall's handler instead of the `msr_write` exit. KVM has none; Hyper-V's
    /// synthetic timers are armed by MSR writes, which exit.
    PvTimer,
    /// PV spinlocks (Linux `pv_wait`/`pv_kick`): a waiter halts after spinning a while and
    /// the releaser kicks it.
    PvSpinlocks,
    /// Steal-time reporting (KVM_FEATURE_STEAL_TIME, Linux 3.1, Glauber Costa 2011): the
    /// hypervisor writes each vCPU's stolen time into a shared area, so the guest's CPU
    /// accounting sees its steal instead of counting it as its own run time.
    StealTime,
    /// PV TLB flush (KVM_FEATURE_PV_TLB_FLUSH, Linux 4.16, Wanpeng Li 2017): a remote TLB
    /// shootdown reads each target's `preempted` flag in its steal-time area; a preempted
    /// target gets flush-on-next-entry instead of an IPI, and the sender does not wait for
    /// it. Needs `steal_time` (the flag lives there).
    PvTlbFlush,
    /// PV send-IPI (KVM_FEATURE_PV_SEND_IPI, Linux 4.19, Wanpeng Li 2018): the guest sends
    /// an IPI to many vCPUs with one hypercall (KVM_HC_SEND_IPI, a bitmap of up to 128
    /// APIC IDs) instead of one ICR write, and one exit, per target.
    PvSendIpi,
    /// Asynchronous page faults (KVM_FEATURE_ASYNC_PF, Linux 2.6.38, Gleb Natapov 2010;
    /// "page ready" delivered as an interrupt since Linux 5.8, KVM_FEATURE_ASYNC_PF_INT;
    /// "page not present" still arrives as a #PF): when the host must read a guest page back from its swap,
    /// it tells the guest, which runs another thread until the page is ready. Without it
    /// the vCPU waits in the host until the read completes.
    AsyncPf,
}

impl Enlightenment {
    pub const ALL: [Enlightenment; 7] = [
        Enlightenment::PvEoi,
        Enlightenment::PvTimer,
        Enlightenment::PvSpinlocks,
        Enlightenment::StealTime,
        Enlightenment::PvTlbFlush,
        Enlightenment::PvSendIpi,
        Enlightenment::AsyncPf,
    ];

    /// The name in scenario files.
    pub fn name(self) -> &'static str {
        match self {
            Enlightenment::PvEoi => "pv_eoi",
            Enlightenment::PvTimer => "pv_timer",
            Enlightenment::PvSpinlocks => "pv_spinlocks",
            Enlightenment::StealTime => "steal_time",
            Enlightenment::PvTlbFlush => "pv_tlb_flush",
            Enlightenment::PvSendIpi => "pv_send_ipi",
            Enlightenment::AsyncPf => "async_pf",
        }
    }
}

/// The enlightenments a hybrid guest uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Enlightenments {
    pub pv_eoi: bool,
    pub pv_timer: bool,
    pub pv_spinlocks: bool,
    pub steal_time: bool,
    pub pv_tlb_flush: bool,
    pub pv_send_ipi: bool,
    pub async_pf: bool,
}

impl Enlightenments {
    /// What a current KVM Linux guest uses: PV EOI, PV spinlocks, steal time and PV TLB
    /// flush (Linux arch/x86/kernel/kvm.c: `kvm_guest_init` sets up PV EOI when the host
    /// offers KVM_FEATURE_PV_EOI and steal time with KVM_FEATURE_STEAL_TIME,
    /// `kvm_spinlock_init` PV spinlocks with KVM_FEATURE_PV_UNHALT, and `pv_tlb_flush_supported`
    /// installs `kvm_flush_tlb_multi` with KVM_FEATURE_PV_TLB_FLUSH and steal time,
    /// `kvm_apic_init` installs `kvm_send_ipi_mask` with KVM_FEATURE_PV_SEND_IPI, and
    /// `kvm_guest_init` enables asynchronous page faults with KVM_FEATURE_ASYNC_PF_INT); KVM
    /// offers no PV timer (the guest arms its TSC-deadline timer, a write that exits).
    pub fn kvm_linux() -> Enlightenments {
        Enlightenments {
            pv_eoi: true,
            pv_timer: false,
            pv_spinlocks: true,
            steal_time: true,
            pv_tlb_flush: true,
            pv_send_ipi: true,
            async_pf: true,
        }
    }

    pub fn of(list: &[Enlightenment]) -> Enlightenments {
        let has = |e| list.contains(&e);
        Enlightenments {
            pv_eoi: has(Enlightenment::PvEoi),
            pv_timer: has(Enlightenment::PvTimer),
            pv_spinlocks: has(Enlightenment::PvSpinlocks),
            steal_time: has(Enlightenment::StealTime),
            pv_tlb_flush: has(Enlightenment::PvTlbFlush),
            pv_send_ipi: has(Enlightenment::PvSendIpi),
            async_pf: has(Enlightenment::AsyncPf),
        }
    }
}

impl Stack {
    /// The bare-metal stack used for baselines.
    pub fn native() -> Stack {
        Stack {
            kind: PlatformKind::Native,
            technique: None,
            io: IoModel::Passthrough,
            memory: MemoryVirtualization::None,
            driver_domain: false,
            network: NetworkMode::Host,
            storage: StorageMode::Volume,
            microvm: false,
            backend: BackendPlacement::Hypervisor,
            halt_poll_us: 0,
            ple: false,
            irq_coalesce_us: 0,
            irq_coalesce_frames: 0,
            enlightenments: Enlightenments::default(),
            nested: false,
            hosted_design: HostedDesign::WorldSwitch,
        }
    }

    /// Whether I/O back-end work runs on scheduled entities of its own (a driver domain's
    /// vCPU, a VMM or vhost thread) rather than inline in the hypervisor or host kernel.
    pub fn backend_is_scheduled(&self) -> bool {
        self.is_vm()
            && self.io != IoModel::Passthrough
            && self.backend != BackendPlacement::Hypervisor
    }

    /// Whether an emulated (e1000-like) NIC sends a frame inside the exit of the guest's
    /// transmit-tail write, on the vCPU's own thread: its device model transmits
    /// synchronously as it emulates the write, wherever that model runs but in a driver
    /// domain. In the hypervisor (`backend = "hypervisor"`) the exit's handler does it; in a
    /// type-2 VMM's or QEMU's user process (`vm_thread`, `device_thread`) the vCPU's thread
    /// does it after the call that ran the guest returned to that process: QEMU's
    /// hw/net/e1000.c `e1000_mmio_write` -> `set_tdt` -> `start_xmit` ->
    /// `e1000_send_packet` -> `qemu_send_packet` (the tap back end's `writev`, a host
    /// system call) and `set_ics(E1000_ICR_TXDW)` all run on the vCPU thread that took the
    /// MMIO exit, as Sugerman et al.'s (USENIX 2001) hosted VMM sends a frame from its
    /// VMApp during the access's world switch and raises the virtual interrupt at once.
    /// A VMM's I/O thread or a vhost worker serves paravirtual (virtio) devices only. In a
    /// driver domain the model keeps the frame's send on dom0's vCPU
    /// (`machine/io.rs`).
    pub fn emulated_nic_sends_in_exit(&self) -> bool {
        self.is_vm()
            && self.io == IoModel::Emulated
            && self.backend != BackendPlacement::DriverDomain
    }

    /// Whether `op`'s back-end work runs on a scheduled entity of its own
    /// ([`Self::backend_is_scheduled`]), except an emulated NIC's send, which runs in the
    /// exit of the guest's write ([`Self::emulated_nic_sends_in_exit`]).
    pub fn op_backend_is_scheduled(&self, op: crate::workload::Op) -> bool {
        self.backend_is_scheduled()
            && !(op == crate::workload::Op::NetSend && self.emulated_nic_sends_in_exit())
    }

    pub fn is_vm(&self) -> bool {
        self.kind.is_hypervisor()
    }

    /// Whether the guest's crossings to the host OS are hosted world switches: type 2 in
    /// the classic design (`hosted_design = "world_switch"`, the default). A type 2 whose
    /// VMM is a host kernel module (`"host_module"`) crosses as a KVM host does.
    pub fn world_switches(&self) -> bool {
        self.kind == PlatformKind::Type2 && self.hosted_design == HostedDesign::WorldSwitch
    }

    /// Whether a thread that touches a page on the host's swap leaves its CPU to other
    /// threads while the host reads it back: a process (natively, in a container) blocks
    /// alone and its CPU runs another; a VM's guest does so only with asynchronous page
    /// faults (a hybrid guest's `async_pf`). Otherwise the vCPU itself waits in the host
    /// for the read (KVM without the feature, as for an unmodified guest; VMware's
    /// hypervisor swapping stalls the vCPU likewise), and the guest can run nothing on it.
    pub fn async_page_faults(&self) -> bool {
        !self.is_vm() || (self.technique == Some(Technique::Hybrid) && self.enlightenments.async_pf)
    }

    /// Whether the kernel of an instance sees the time its vCPUs (or threads) waited for
    /// a pCPU: natively and in containers the kernel that made them wait knows; a Xen PV
    /// guest reads its runstate area (para); a hybrid guest with `steal_time` reads the
    /// steal-time area (KVM_FEATURE_STEAL_TIME). An unmodified guest (binary translation,
    /// hardware assist) cannot tell a preempted vCPU from a running one.
    pub fn guest_sees_steal(&self) -> bool {
        !self.is_vm()
            || match self.technique {
                Some(Technique::Para) => true,
                Some(Technique::Hybrid) => self.enlightenments.steal_time,
                _ => false,
            }
    }
}

/// Remote display protocol presets of a `vdi` platform, in the spirit of the products the
/// seed names. Their encoders live in [`crate::desktop::ProtocolParams`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DisplayProtocol {
    /// VMware Horizon Blast Extreme-like: H.264 for everything.
    #[default]
    Blast,
    /// Citrix HDX-like: a text/graphics codec plus H.264 for video regions.
    Hdx,
    /// Microsoft RDP-like (RemoteFX/AVC).
    Rdp,
}

/// Where a platform's I/O back ends run. Each choice other than `hypervisor` makes the
/// back end an entity that the host-level scheduler must give a pCPU (Ongaro et al.,
/// VEE 2008; virtualization-costs.md section 8).
/// The driver domain (Xen's dom0) as the host scheduler sees it: its vCPUs and the credit
/// weight of each. The defaults, one vCPU at weight 256, are the model's; Xen gives dom0
/// one vCPU per pCPU unless `dom0_max_vcpus` caps it, and its best-practices page advises
/// few, dedicated and pinned dom0 vCPUs with a higher weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dom0 {
    pub vcpus: u32,
    pub weight: u32,
    /// dom0's vCPU k is pinned to pCPU k (Xen's `dom0_vcpus_pin`).
    pub pinned: bool,
}

impl Default for Dom0 {
    fn default() -> Self {
        Dom0 {
            vcpus: 1,
            weight: 256,
            pinned: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BackendPlacement {
    /// Inline in the hypervisor (or the host kernel), on the pCPU that needs it.
    #[default]
    Hypervisor,
    /// In a driver domain (Xen's dom0): its vCPUs are scheduled like any domain's.
    DriverDomain,
    /// One host thread per VM (a type-2 VMM's I/O thread, a microVM's VMM process,
    /// QEMU's I/O thread on KVM).
    VmThread,
    /// One host thread per device of each VM (a vhost worker per virtio device, as on KVM
    /// with vhost).
    DeviceThread,
}

impl BackendPlacement {
    /// Whether a platform's I/O back ends live in a driver domain unless the scenario says
    /// otherwise (`driver_domain`, or a `backend` that names another place): a
    /// paravirtualized guest on a type-1 hypervisor is Xen's, and Xen's split drivers run
    /// their back ends (blkback, netback) in the driver domain, dom0, a domain that Xen's
    /// credit scheduler schedules like any other (virtualization-costs.md section 8; Ongaro,
    /// Cox, Rixner, VEE 2008; Cherkasova & Gardner, USENIX 2005, measure dom0's CPU time
    /// for a guest's I/O). A front end's EVTCHNOP_send only marks an event pending for
    /// dom0's vCPU and wakes it if it is blocked; the back end's work waits until dom0's
    /// vCPU runs. Xen has done so since 2.0 (Fraser et al., "Safe Hardware Access with the
    /// Xen Virtual Machine Monitor", OASIS 2004); Xen 1.0, as Barham et al. describe it
    /// (SOSP 2003), kept its drivers in the hypervisor, which `backend = "hypervisor"`
    /// still models. Binary translation, hardware assist and hybrid on a type 1 keep their
    /// back ends inline in the hypervisor, as VMware ESX and ESXi do: the vmkernel holds the
    /// drivers and the virtual switch that the guests' emulated devices, or VMware Tools'
    /// paravirtual ones, reach (docs/scenario-format.md's table of which settings stand for
    /// which product). A KVM host's vhost workers are `backend = "device_thread"` (one per
    /// device), QEMU's I/O thread `backend = "vm_thread"`, a Xen HVM guest's dom0
    /// `driver_domain = true`.
    ///
    /// The model's dom0 has one vCPU at the credit scheduler's default weight (256), not
    /// pinned (Xen pins dom0's vCPUs only with `dom0_vcpus_pin`, off by default), which
    /// every guest's back ends share (`machine/io.rs`); a dom0 whose several vCPUs serve
    /// guests in parallel is not modelled.
    ///
    /// A `vdi` server is a type-1 hypervisor whose operations take a type-1 platform's
    /// paths: its paravirtualized desktops' back ends are in dom0 too.
    pub fn driver_domain_by_default(kind: PlatformKind, technique: Option<Technique>) -> bool {
        matches!(kind, PlatformKind::Type1 | PlatformKind::Vdi)
            && technique == Some(Technique::Para)
    }

    /// Where a platform's back ends run unless the scenario says otherwise: Xen-like
    /// driver domains in dom0, a type-2 VMM's I/O thread, a microVM's VMM process, and
    /// otherwise inline in the hypervisor.
    pub fn default_for(kind: PlatformKind, driver_domain: bool, microvm: bool) -> Self {
        match kind {
            PlatformKind::Type1 | PlatformKind::Vdi if driver_domain => {
                BackendPlacement::DriverDomain
            }
            PlatformKind::Type1 if microvm => BackendPlacement::VmThread,
            PlatformKind::Type2 => BackendPlacement::VmThread,
            _ => BackendPlacement::Hypervisor,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            BackendPlacement::Hypervisor => "hypervisor",
            BackendPlacement::DriverDomain => "driver_domain",
            BackendPlacement::VmThread => "vm_thread",
            BackendPlacement::DeviceThread => "device_thread",
        }
    }
}

/// A VDI platform's desktops: the network between the server and its thin clients, the
/// display protocol, and whether users get a desktop VM each or share a server OS.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VdiNetwork {
    pub protocol: DisplayProtocol,
    pub rtt_us: u64,
    pub client_bandwidth_kbit_s: u64,
    /// Packet loss, parts per million.
    pub loss_ppm: u64,
    /// Most screen captures per second.
    pub frame_rate: u64,
    /// Each instance group's users are sessions of one shared server OS (a session host).
    pub session_host: bool,
}
