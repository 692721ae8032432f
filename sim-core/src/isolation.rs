//! Isolation: which software component a fault takes down and which instances depend on
//! it (the blast radius), and the interface an instance can reach (the attack surface).
//!
//! Nothing here says "containers are less isolated". A fault names *where* it happens
//! (the kernel an instance's code runs on, the hypervisor, the host OS, the whole server);
//! the stack of the platform decides which component that is, and every instance that runs
//! on that component stops. The machine then simply stops those instances at the fault's
//! time.
//!
//! A crash of the host OS ([`FaultKind::HostOsCrash`]) is where the kinds differ most, and
//! [`failed_component`] says what it reaches on each ([`Component::HostOs`],
//! [`Component::DriverDomain`], [`Component::NoHostOs`]): the course overview's "type 2
//! depends on its host OS" as a run shows it.

use serde::{Deserialize, Serialize};

use crate::platform::{BackendPlacement, IoModel, PlatformKind, Stack, Technique};
use crate::text::Text;

/// What goes wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// Code of one instance crashes the kernel it runs on (a bad system call, a driver bug
    /// reached from it): its own guest kernel in a VM, the shared host kernel in a container.
    KernelPanic,
    /// The hypervisor (or, under type 2, its kernel module in the host) fails.
    HypervisorFailure,
    /// The general-purpose operating system under the instances crashes (a panic or bug
    /// check of its kernel, set off by its own drivers or software rather than by an
    /// instance's code): the host OS of a type-2 hypervisor, a container engine or a native
    /// host; a type-1 hypervisor's driver domain (Xen's dom0); nothing on a type-1
    /// hypervisor without one (ESXi-like). [`failed_component`] says which, and why.
    HostOsCrash,
    /// The physical server itself fails (power, hardware): every instance on it, whatever
    /// runs there. A crash of its host OS alone is [`FaultKind::HostOsCrash`].
    ServerFailure,
    /// The OOM killer stops an instance that ran out of memory (its memory cgroup, its
    /// guest, or the host). Not injected (a scenario names an [`InjectedFault`]): it
    /// follows from the memory plan ([`crate::memory::plan`]).
    OomKill,
}

/// The faults a scenario may inject (`[[fault]] kind`): every [`FaultKind`] but the OOM
/// kill, which follows from memory instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum InjectedFault {
    /// Code of one instance crashes the kernel it runs on.
    KernelPanic,
    /// The hypervisor (or, under type 2, its kernel module in the host) fails.
    HypervisorFailure,
    /// The general-purpose host OS crashes (on a type-1 hypervisor: its driver domain's).
    HostOsCrash,
    /// The physical server itself fails (power, hardware): every instance on it.
    ServerFailure,
}

impl From<InjectedFault> for FaultKind {
    fn from(f: InjectedFault) -> FaultKind {
        match f {
            InjectedFault::KernelPanic => FaultKind::KernelPanic,
            InjectedFault::HypervisorFailure => FaultKind::HypervisorFailure,
            InjectedFault::HostOsCrash => FaultKind::HostOsCrash,
            InjectedFault::ServerFailure => FaultKind::ServerFailure,
        }
    }
}

impl FaultKind {
    pub fn name(self) -> &'static str {
        match self {
            FaultKind::KernelPanic => "kernel_panic",
            FaultKind::HypervisorFailure => "hypervisor_failure",
            FaultKind::HostOsCrash => "host_os_crash",
            FaultKind::ServerFailure => "server_failure",
            FaultKind::OomKill => "oom_kill",
        }
    }

    /// The fault in Korean words, for sentences (the scenario format's name is [`Self::name`]).
    pub fn name_ko(self) -> &'static str {
        match self {
            FaultKind::KernelPanic => "커널 패닉",
            FaultKind::HypervisorFailure => "하이퍼바이저 장애",
            FaultKind::HostOsCrash => "호스트 OS 장애",
            FaultKind::ServerFailure => "서버 장애",
            FaultKind::OomKill => "OOM kill",
        }
    }
}

/// The software component a fault takes down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Component {
    /// The guest kernel of one VM (index of the machine instance).
    GuestKernel,
    /// The one kernel every container or process on the host shares.
    SharedHostKernel,
    Hypervisor,
    /// The general-purpose host OS (its kernel, and the processes and modules on it): a
    /// type-2 hypervisor's VMM, a container engine's containers, a native host's processes,
    /// and a type-1 hypervisor whose back ends are host threads (KVM's vhost workers or
    /// QEMU's I/O thread, a microVM's VMM process), which is a module of that kernel.
    HostOs,
    /// A type-1 hypervisor's driver domain (Xen's dom0, Hyper-V's root partition): a
    /// general-purpose OS in a privileged VM, which holds the real drivers and the guests'
    /// I/O back ends; when it crashes the hypervisor restarts the whole host.
    DriverDomain,
    /// Nothing: a type-1 hypervisor with its drivers inline (ESXi-like) runs no
    /// general-purpose OS under its VMs, so a host OS crash has nothing to hit.
    NoHostOs,
    Server,
    /// The processes of one instance (a container's cgroup, a guest's application, a VM's
    /// VMM process), killed by an OOM killer.
    InstanceProcesses,
}

impl Component {
    pub fn text(self, origin: &str) -> Text {
        match self {
            Component::GuestKernel => Text::new(
                format!("the guest kernel of `{origin}`"),
                format!("`{origin}`의 게스트 커널"),
            ),
            Component::SharedHostKernel => {
                Text::new("the shared host kernel", "공유된 호스트 커널")
            }
            Component::Hypervisor => Text::new("the hypervisor", "하이퍼바이저"),
            Component::HostOs => Text::new("the host OS", "호스트 OS"),
            Component::DriverDomain => Text::new(
                "the driver domain (dom0; the hypervisor then restarts the whole host)",
                "드라이버 도메인 dom0 (이어서 하이퍼바이저가 호스트 전체를 재시작)",
            ),
            Component::NoHostOs => Text::new(
                "no host OS (the hypervisor runs on the hardware itself)",
                "호스트 OS 없음 (하이퍼바이저가 하드웨어 위에서 직접 실행)",
            ),
            Component::Server => Text::new("the whole server", "서버 전체"),
            Component::InstanceProcesses => Text::new(
                format!("the processes of `{origin}` (OOM killer)"),
                format!("`{origin}`의 프로세스 (OOM killer)"),
            ),
        }
    }
}

/// The component a fault takes down on a stack: follows from which kernel runs the code.
///
/// A host OS crash ([`FaultKind::HostOsCrash`]) takes down whatever general-purpose OS the
/// platform has under its instances:
/// - type 2: the host OS, whose process (and, in the `host_module` design, kernel module)
///   the VMM is: every VM stops (VirtualBox, VMware Workstation and Parallels run as
///   applications of Windows, macOS or Linux, the seed's "depends on the host OS");
/// - a container engine: the host OS, whose kernel every container shares: every container;
/// - native: the host OS the processes run on: every process group;
/// - type 1 (and a VDI server, which is one) with a driver domain (Xen's dom0, Hyper-V's
///   root partition): the driver domain's OS. The guests' I/O back ends live there, and
///   Xen does not let the guests run on without it: a crashed Linux dom0 reports
///   `SHUTDOWN_crash` to Xen (Linux `arch/x86/xen/enlighten.c`, `xen_panic_event`, "to
///   preserve original dom0 behavior we have to drop into hypervisor") and Xen's
///   `hwdom_shutdown` answers a crashed hardware domain with "rebooting machine in 5
///   seconds" (`xen/common/shutdown.c`; the `noreboot` option halts it instead): every
///   guest stops. That Hyper-V's root partition takes its guests down alike is an
///   estimate (not checked against a source here);
/// - type 1 with back ends in host threads (`backend = "vm_thread"` or `"device_thread"`:
///   KVM with QEMU or vhost, a Firecracker-like microVM): the host OS, Linux, of which the
///   hypervisor is a module: every VM;
/// - type 1 with its back ends inline (ESXi-like, `backend = "hypervisor"`): no
///   general-purpose OS runs under the VMs, so nothing stops ([`Component::NoHostOs`]).
///   (ESX before 5.0 also ran a Linux service console for management; it is not modelled.)
///   A failure of the hypervisor's own kernel (ESXi's vmkernel) is
///   [`FaultKind::HypervisorFailure`].
pub fn failed_component(stack: &Stack, kind: FaultKind) -> Component {
    match kind {
        FaultKind::KernelPanic if stack.is_vm() => Component::GuestKernel,
        FaultKind::KernelPanic => Component::SharedHostKernel,
        FaultKind::HypervisorFailure => Component::Hypervisor,
        FaultKind::HostOsCrash => host_os(stack),
        FaultKind::ServerFailure => Component::Server,
        FaultKind::OomKill => Component::InstanceProcesses,
    }
}

/// The general-purpose OS under a platform's instances, if it has one (see
/// [`failed_component`]).
fn host_os(stack: &Stack) -> Component {
    match stack.kind {
        PlatformKind::Native | PlatformKind::Type2 | PlatformKind::Container => Component::HostOs,
        PlatformKind::Type1 | PlatformKind::Vdi => match stack.backend {
            _ if stack.driver_domain => Component::DriverDomain,
            BackendPlacement::DriverDomain => Component::DriverDomain,
            BackendPlacement::VmThread | BackendPlacement::DeviceThread => Component::HostOs,
            BackendPlacement::Hypervisor => Component::NoHostOs,
        },
    }
}

/// Machine-instance indices that depend on `component`. `origin` is the instance whose
/// guest kernel failed (for [`Component::GuestKernel`]); `all` is every instance.
pub fn blast_radius(component: Component, origin: Option<u32>, all: u32) -> Vec<u32> {
    match component {
        Component::GuestKernel | Component::InstanceProcesses => origin.into_iter().collect(),
        Component::SharedHostKernel
        | Component::Hypervisor
        | Component::HostOs
        | Component::DriverDomain
        | Component::Server => (0..all).collect(),
        Component::NoHostOs => Vec::new(),
    }
}

/// What one injected fault did on one platform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FaultResult {
    pub kind: FaultKind,
    pub at_ms: u64,
    /// The instance whose code triggered it (kernel_panic).
    pub origin: Option<String>,
    pub component: Component,
    pub failed: Text,
    /// Instances that stopped.
    pub stopped: Vec<String>,
    /// Instances running just before the fault that it did not stop (those an earlier
    /// fault stopped are neither).
    pub survivors: u64,
    /// On a platform of desktops, the users' sessions: those the stopped instances
    /// carried, and those still running after the fault (a session host carries all of
    /// its users' sessions, a desktop VM one); `None` elsewhere.
    #[serde(default)]
    pub sessions: Option<FaultSessions>,
    /// Operations the stopped instances would have completed after the fault at the rate
    /// they ran before it.
    pub ops_lost: u64,
    /// Time to start the stopped instances again, all at once (their start-up path), after
    /// the failed shared component's own boot (`host_boot_ms`).
    pub recovery_ms: f64,
    /// The part of `recovery_ms` that the server and its host OS (on a type-1 hypervisor or
    /// a VDI server: its hypervisor) take to boot again before any instance can start (its
    /// firmware's self test, the host kernel, its services): 0 when only a guest kernel or
    /// an instance's processes failed.
    #[serde(default)]
    pub host_boot_ms: f64,
}

/// The desktop sessions a fault ended and those it left running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FaultSessions {
    pub stopped: u64,
    pub surviving: u64,
}

/// The interface an instance can reach beyond its own code: the attack surface.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AttackSurface {
    /// What the instance talks to.
    pub interface: Text,
    /// Distinct entry points of that interface (approximate counts, see `source`).
    pub entry_points: u32,
    /// How many instances share the component behind the interface (one compromise
    /// reaches them all).
    pub shared_by: u64,
    pub source: String,
}

/// Approximate entry-point counts. None of them is in the reference file; each names
/// where it was counted.
const LINUX_SYSCALLS: u32 = 360;
const LINUX_SYSCALLS_SOURCE: &str = "Linux arch/x86/entry/syscalls/syscall_64.tbl: about 360 system calls on x86-64 (count outside the reference file; a seccomp profile can narrow it)";
/// A Windows server OS's system calls: its NT calls and its win32k (graphics and window
/// manager) calls, which a remote desktop session reaches too.
const WINDOWS_SYSCALLS: u32 = 1_460;
const WINDOWS_SYSCALLS_SOURCE: &str = "Windows x64 system call tables (ntoskrnl and win32k, as listed by j00ru's tables): about 460 NT and about 1000 win32k system calls (counts outside the reference file)";
/// System calls Docker's default seccomp profile refuses to a container, which the model's
/// containers run under (their `seccomp_syscall_filter` step is that filter).
const DOCKER_SECCOMP_BLOCKED: u32 = 44;
const CONTAINER_SYSCALLS_SOURCE: &str = "Linux arch/x86/entry/syscalls/syscall_64.tbl: about 360 system calls on x86-64, of which Docker's default seccomp profile disables around 44 (Docker documentation, \"Seccomp security profiles for Docker\"; counts outside the reference file)";
const XEN_HYPERCALLS: u32 = 40;
/// The hybrid guest here is a KVM Linux guest (PV EOI, PV spinlocks, virtio).
const KVM_HYPERCALLS: u32 = 12;
const PV_DEVICES: u32 = 2;
const EMULATED_DEVICES: u32 = 12;
const VMX_EXIT_REASONS: u32 = 60;
const MICROVM_DEVICES: u32 = 5;

/// The attack surface of an instance on `stack`, shared by `instances` instances.
pub fn attack_surface(stack: &Stack, instances: u64) -> AttackSurface {
    match stack.kind {
        PlatformKind::Native => AttackSurface {
            interface: Text::new(
                "system calls of the shared host kernel",
                "공유 호스트 커널의 시스템 콜",
            ),
            entry_points: LINUX_SYSCALLS,
            shared_by: instances,
            source: LINUX_SYSCALLS_SOURCE.to_string(),
        },
        PlatformKind::Container => AttackSurface {
            interface: Text::new(
                "system calls of the shared host kernel that its seccomp profile lets through",
                "seccomp 프로파일이 통과시키는 공유 호스트 커널의 시스템 콜",
            ),
            entry_points: LINUX_SYSCALLS - DOCKER_SECCOMP_BLOCKED,
            shared_by: instances,
            source: CONTAINER_SYSCALLS_SOURCE.to_string(),
        },
        _ if stack.microvm => AttackSurface {
            interface: Text::new(
                "VM exits into KVM and 5 virtio/legacy devices of a minimal VMM",
                "KVM으로의 VM exit와 최소 VMM의 장치 5개",
            ),
            entry_points: VMX_EXIT_REASONS + MICROVM_DEVICES,
            shared_by: instances,
            source: "Intel SDM vol. 3, appendix C: about 60 basic VM-exit reasons; Firecracker design document: 5 emulated devices (virtio-net, virtio-block, virtio-vsock, serial console, i8042) (counts outside the reference file)".to_string(),
        },
        _ if stack.technique == Some(Technique::Para) => AttackSurface {
            interface: Text::new(
                "hypercalls and split-driver back ends",
                "하이퍼콜과 분할 드라이버 백엔드",
            ),
            entry_points: XEN_HYPERCALLS + PV_DEVICES,
            shared_by: instances,
            source: "Xen xen/include/public/xen.h: about 40 hypercall numbers; 2 PV back ends (block, network) (counts outside the reference file)".to_string(),
        },
        _ => {
            let devices = match stack.io {
                IoModel::Emulated => EMULATED_DEVICES,
                IoModel::Paravirtual => PV_DEVICES,
                // The assigned device is the guest's own: no virtual device to reach.
                IoModel::Passthrough => 0,
            };
            let hypercalls = if stack.technique == Some(Technique::Hybrid) {
                KVM_HYPERCALLS
            } else {
                0
            };
            // Binary translation takes no VM exit: its guest reaches the VMM through traps
            // and the translated code's callouts, one for each of the same sensitive events.
            // (`and`: the Korean particle after it.)
            let (x_en, x_ko, and) = if stack.technique == Some(Technique::BinaryTranslation) {
                (
                    "traps and callouts into the VMM (binary translation: no VM exits)",
                    "트랩과 콜아웃(바이너리 변환: VM exit 없음)",
                    "과",
                )
            } else {
                ("VM exits", "VM exit", "와")
            };
            let (en, ko) = match stack.kind {
                PlatformKind::Type2 => (
                    format!("{x_en}, virtual devices of a VMM process on the host OS"),
                    format!("{x_ko}, 호스트 OS 위 VMM 프로세스의 가상 장치"),
                ),
                PlatformKind::Vdi => (
                    format!("{x_en} and virtual devices of the server; the display protocol from the network"),
                    format!("서버의 {x_ko}{and} 가상 장치; 네트워크에서 오는 디스플레이 프로토콜"),
                ),
                _ if stack.io == IoModel::Passthrough => (
                    format!("{x_en} of the hypervisor; the assigned device is the VM's own (its DMA confined by the IOMMU)"),
                    format!("하이퍼바이저의 {x_ko}; 할당된 장치는 VM 자신의 것 (DMA는 IOMMU가 제한)"),
                ),
                _ if stack.driver_domain => (
                    format!("{x_en} of the hypervisor and the virtual devices of the driver domain (dom0)"),
                    format!("하이퍼바이저의 {x_ko}{and} 드라이버 도메인(dom0)의 가상 장치"),
                ),
                _ => (
                    format!("{x_en} and virtual devices of the hypervisor"),
                    format!("하이퍼바이저의 {x_ko}{and} 가상 장치"),
                ),
            };
            AttackSurface {
                interface: Text::new(en, ko),
                entry_points: VMX_EXIT_REASONS + devices + hypercalls,
                shared_by: instances,
                source: "Intel SDM vol. 3, appendix C: about 60 basic VM-exit reasons (a binary translator handles the same sensitive events by traps and callouts, counted alike); a PC-like emulated machine has about 12 devices, a PV/virtio one 2 (block, network); a hybrid (KVM) guest adds about 12 hypercalls, Linux include/uapi/linux/kvm_para.h (counts outside the reference file). A count of entry points, not of risk: an emulated device model is far larger than an exit handler, and most published VM escapes went through one (VENOM, CVE-2015-3456, QEMU's floppy controller)".to_string(),
            }
        }
    }
}

/// The attack surface of a user's session on a session host (RDS-like): what a desktop VM
/// reaches (its VM exits, virtual devices and the display protocol) plus the system calls of
/// the server OS that all the host's sessions share, as a container reaches its host's.
pub fn session_host_attack_surface(
    stack: &Stack,
    server_os: crate::platform::GuestOs,
    sessions: u64,
) -> AttackSurface {
    let vm = attack_surface(stack, sessions);
    let (syscalls, syscalls_source) = if server_os == crate::platform::GuestOs::Windows {
        (WINDOWS_SYSCALLS, WINDOWS_SYSCALLS_SOURCE)
    } else {
        (LINUX_SYSCALLS, LINUX_SYSCALLS_SOURCE)
    };
    AttackSurface {
        interface: Text::new(
            format!(
                "the system calls of the server OS the sessions share; {}",
                vm.interface.en
            ),
            format!("세션들이 공유하는 서버 OS의 시스템 콜; {}", vm.interface.ko),
        ),
        entry_points: vm.entry_points + syscalls,
        shared_by: sessions,
        source: format!("{syscalls_source}; {}", vm.source),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::{MemoryVirtualization, NetworkMode, StorageMode};

    fn stack(kind: PlatformKind, technique: Option<Technique>) -> Stack {
        Stack {
            kind,
            technique,
            io: IoModel::Paravirtual,
            memory: MemoryVirtualization::None,
            driver_domain: false,
            network: NetworkMode::Bridge,
            storage: StorageMode::Overlay,
            microvm: false,
            ..Stack::native()
        }
    }

    #[test]
    fn a_session_host_user_also_reaches_the_shared_server_os() {
        let vdi = stack(PlatformKind::Vdi, Some(Technique::Hybrid));
        let desktop = attack_surface(&vdi, 24);
        let session = session_host_attack_surface(&vdi, crate::platform::GuestOs::Linux, 24);
        assert_eq!(session.entry_points, desktop.entry_points + LINUX_SYSCALLS);
        let windows = session_host_attack_surface(&vdi, crate::platform::GuestOs::Windows, 24);
        assert_eq!(
            windows.entry_points,
            desktop.entry_points + WINDOWS_SYSCALLS
        );
        assert!(session
            .interface
            .en
            .starts_with("the system calls of the server OS"));
        assert_eq!(session.shared_by, 24);
    }

    #[test]
    fn the_attack_surface_follows_where_the_devices_are() {
        // Emulated: the basic exit reasons and a PC-like machine's devices (60 + 12);
        // passthrough: the device is the VM's own, only the exits remain (60); with a
        // driver domain the virtual devices live in dom0, not in the hypervisor.
        let mut vm = stack(PlatformKind::Type1, Some(Technique::HardwareAssist));
        vm.io = IoModel::Emulated;
        assert_eq!(
            attack_surface(&vm, 1).entry_points,
            VMX_EXIT_REASONS + EMULATED_DEVICES
        );
        vm.io = IoModel::Passthrough;
        let a = attack_surface(&vm, 1);
        assert_eq!(a.entry_points, VMX_EXIT_REASONS);
        assert!(
            a.interface.en.contains("assigned device"),
            "{}",
            a.interface.en
        );
        vm.io = IoModel::Emulated;
        vm.driver_domain = true;
        assert!(attack_surface(&vm, 1)
            .interface
            .en
            .contains("driver domain"));
    }

    #[test]
    fn a_kernel_panic_reaches_only_the_instances_on_that_kernel() {
        let vm = stack(PlatformKind::Type1, Some(Technique::HardwareAssist));
        let ct = stack(PlatformKind::Container, None);
        let c = failed_component(&vm, FaultKind::KernelPanic);
        assert_eq!(blast_radius(c, Some(2), 5), vec![2]);
        let c = failed_component(&ct, FaultKind::KernelPanic);
        assert_eq!(blast_radius(c, Some(2), 5), vec![0, 1, 2, 3, 4]);
        let c = failed_component(&vm, FaultKind::HypervisorFailure);
        assert_eq!(blast_radius(c, None, 3).len(), 3);
    }

    #[test]
    fn a_host_os_crash_reaches_the_instances_on_a_general_purpose_os_only() {
        let crash = |s: &Stack| failed_component(s, FaultKind::HostOsCrash);
        let mut type2 = stack(PlatformKind::Type2, Some(Technique::HardwareAssist));
        type2.backend = BackendPlacement::VmThread;
        assert_eq!(crash(&type2), Component::HostOs);
        assert_eq!(
            crash(&stack(PlatformKind::Container, None)),
            Component::HostOs
        );
        assert_eq!(crash(&stack(PlatformKind::Native, None)), Component::HostOs);
        // Type 1: its driver domain if it has one, the host OS if its back ends are host
        // threads (KVM-like), nothing if they are inline (ESXi-like); a VDI server alike.
        let mut type1 = stack(PlatformKind::Type1, Some(Technique::Hybrid));
        assert_eq!(crash(&type1), Component::NoHostOs);
        type1.backend = BackendPlacement::DeviceThread;
        assert_eq!(crash(&type1), Component::HostOs);
        type1.backend = BackendPlacement::DriverDomain;
        type1.driver_domain = true;
        assert_eq!(crash(&type1), Component::DriverDomain);
        let vdi = stack(PlatformKind::Vdi, Some(Technique::Hybrid));
        assert_eq!(crash(&vdi), Component::NoHostOs);
        assert_eq!(
            blast_radius(Component::NoHostOs, None, 4),
            Vec::<u32>::new()
        );
        assert_eq!(blast_radius(Component::HostOs, None, 4), vec![0, 1, 2, 3]);
        assert_eq!(blast_radius(Component::DriverDomain, None, 2), vec![0, 1]);
        // The server failure is the machine, whatever runs on it.
        assert_eq!(
            failed_component(&vdi, FaultKind::ServerFailure),
            Component::Server
        );
    }

    #[test]
    fn a_shared_kernel_offers_more_entry_points_than_a_microvm() {
        let ct = attack_surface(&stack(PlatformKind::Container, None), 4);
        let mut micro = stack(PlatformKind::Type1, Some(Technique::Hybrid));
        micro.microvm = true;
        let micro = attack_surface(&micro, 4);
        assert!(
            ct.entry_points > 4 * micro.entry_points / 2,
            "{ct:?} {micro:?}"
        );
    }
}
