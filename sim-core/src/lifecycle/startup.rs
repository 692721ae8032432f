//! Start-up steps per platform: what starting an instance (or booting the host) does,
//! each step some CPU time and some reads from the host's disk.

use serde::{Deserialize, Serialize};

use crate::boot::container::{self, ContainerStage};
use crate::boot::{self, BootStage};
use crate::costs::CostTable;
use crate::hardware::Host;
use crate::platform::{GuestOs, PlatformKind, Stack};
use crate::text::Text;

/// One step of starting an instance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StartStep {
    pub what: Text,
    /// CPU time on one core, microseconds.
    pub cpu_us: u64,
    /// Bytes read from the host disk, MiB.
    pub read_mib: u64,
    /// Small reads from the host disk that each wait for the one before (metadata lookups,
    /// page faults on files): each takes one disk latency.
    #[serde(default)]
    pub read_requests: u64,
    /// Size of the requests in which `read_mib` reaches the disk, KiB (the guest OS's:
    /// [`crate::boot::read_request_kib`]): a disk of few IOPS serves at most its IOPS times
    /// this. 0: not known, the disk's bandwidth alone binds.
    #[serde(default)]
    pub read_request_kib: u64,
    /// Duration when the instance starts alone on the host, milliseconds.
    pub alone_ms: f64,
}

pub(super) fn step(en: &str, ko: &str, cpu_us: u64, read_mib: u64) -> StartStep {
    StartStep {
        what: Text::new(en, ko),
        cpu_us,
        read_mib,
        read_requests: 0,
        read_request_kib: 0,
        alone_ms: 0.0,
    }
}

/// A container's start-up step that runs on the host kernel: its CPU time is its
/// operations through their paths ([`boot::container`]), plus `compute_us` of user-space
/// work; its reads are what the operations ask of the host's disk.
#[allow(clippy::too_many_arguments)]
fn container_step(
    en: &str,
    ko: &str,
    stage: ContainerStage,
    compute_us: u64,
    stack: &Stack,
    host: &Host,
    c: &CostTable,
    image: ImageCache,
) -> StartStep {
    let (read_mib, read_requests) = container::stage_reads(stage, c, image == ImageCache::Warm);
    StartStep {
        read_requests,
        ..step(
            en,
            ko,
            compute_us.saturating_add(container::stage_cpu_us(
                stack,
                stage,
                c,
                host.cpu,
                host.clock_mhz,
            )),
            read_mib,
        )
    }
}

/// Whether a container's image is already in the host's page cache when it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageCache {
    /// Its layers' metadata and files are read from the host's disk.
    Cold,
    /// Another container of the image read them, and the host kernel kept them.
    Warm,
}

/// The start-up steps of an instance with `guest_os` on `stack`, on `host`, its image not
/// yet cached ([`start_steps_with`]).
pub fn start_steps(stack: &Stack, guest_os: GuestOs, host: &Host, c: &CostTable) -> Vec<StartStep> {
    start_steps_with(stack, guest_os, host, c, ImageCache::Cold)
}

/// The start-up steps of instances that start together: for each (instance group, guest
/// OS), its steps. One group is one image; the host's page cache is shared, so only the
/// first container of a group reads its image (the others' faults find the pages, or wait
/// for the same reads), and none does when `cache_kept` (the host kernel did not reboot
/// since the image was read). Only a container's steps depend on the cache.
pub fn start_steps_together(
    stack: &Stack,
    instances: &[(usize, GuestOs)],
    cache_kept: bool,
    host: &Host,
    c: &CostTable,
) -> Vec<Vec<StartStep>> {
    let mut read: Vec<usize> = Vec::new();
    // The steps depend only on the guest OS and the cache: worked out once for each pair
    // (each builds the stack's paths for its boot stages), then copied.
    let mut known: Vec<((GuestOs, ImageCache), Vec<StartStep>)> = Vec::new();
    instances
        .iter()
        .map(|&(group, guest_os)| {
            let image = if cache_kept || read.contains(&group) {
                ImageCache::Warm
            } else {
                read.push(group);
                ImageCache::Cold
            };
            if let Some((_, steps)) = known.iter().find(|(k, _)| *k == (guest_os, image)) {
                return steps.clone();
            }
            let steps = start_steps_with(stack, guest_os, host, c, image);
            known.push(((guest_os, image), steps.clone()));
            steps
        })
        .collect()
}

/// The start-up steps of an instance with `guest_os` on `stack`, on `host`. A guest's
/// firmware, kernel and init take their bare-metal CPU time plus what their page faults,
/// page-table writes and device probes cost beyond bare metal on this stack
/// ([`crate::boot`]), and each of its steps what its reads cost through its virtual disk
/// ([`boot::read_extra_us`]); a container's steps are its operations on the host kernel
/// ([`crate::boot::container`]), reading its image from the host's disk unless `image` is
/// warm.
pub fn start_steps_with(
    stack: &Stack,
    guest_os: GuestOs,
    host: &Host,
    c: &CostTable,
    image: ImageCache,
) -> Vec<StartStep> {
    let mut steps = Vec::new();
    let extra = |stage: BootStage| boot::extra_us(stack, stage, c, host);
    let os_boot = |steps: &mut Vec<StartStep>| match guest_os {
        GuestOs::Windows => steps.push(step(
            "Windows guest boots (kernel, drivers, services)",
            "Windows 게스트 부팅 (커널, 드라이버, 서비스)",
            c.windows_boot_us + extra(BootStage::Kernel) + extra(BootStage::Init),
            c.windows_boot_read_mib,
        )),
        GuestOs::Linux | GuestOs::Freebsd => {
            steps.push(step(
                "guest kernel boots (page faults, page-table writes, device probes and disk reads through the stack)",
                "게스트 커널 부팅 (스택을 거치는 페이지 폴트, 페이지 테이블 쓰기, 장치 탐색, 디스크 읽기)",
                c.linux_kernel_boot_us + extra(BootStage::Kernel),
                c.linux_kernel_read_mib,
            ));
            steps.push(step(
                "guest init and base services",
                "게스트 init과 기본 서비스",
                c.linux_init_us + extra(BootStage::Init),
                c.linux_init_read_mib,
            ));
        }
    };
    let app = step(
        "application starts",
        "애플리케이션 시작",
        c.app_start_us,
        c.app_start_read_mib,
    );
    match stack.kind {
        PlatformKind::Native => steps.push(app),
        PlatformKind::Container => {
            steps.extend(container_setup_steps(stack, host, c, image));
            steps.push(container_step(
                "container process exec'd in the new root (entrypoint's pages faulted in from the image)",
                "새 루트에서 컨테이너 프로세스 exec (엔트리포인트 페이지를 이미지에서 폴트로 읽음)",
                ContainerStage::Exec,
                0,
                stack,
                host,
                c,
                image,
            ));
            // The application's start includes its exec, which the step above paid
            // (through the container's stack, reading the image): the rest of it.
            let (exec_us, exec_mib) =
                container::entrypoint_exec_native(c, host.cpu, host.clock_mhz);
            steps.push(step(
                "application starts (libraries, initialisation; its exec was the step before)",
                "애플리케이션 시작 (라이브러리, 초기화; exec는 앞 단계)",
                c.app_start_us.saturating_sub(exec_us),
                c.app_start_read_mib.saturating_sub(exec_mib),
            ));
        }
        PlatformKind::Type1 if stack.microvm => {
            steps.push(step(
                "microVM monitor process starts",
                "microVM 모니터 프로세스 시작",
                c.microvm_vmm_start_us,
                0,
            ));
            steps.push(step(
                "minimal guest kernel boots to init (no firmware)",
                "최소 게스트 커널이 init까지 부팅 (펌웨어 없음)",
                c.microvm_boot_us + extra(BootStage::Kernel),
                c.microvm_boot_read_mib,
            ));
            steps.push(app);
        }
        PlatformKind::Type1 | PlatformKind::Type2 | PlatformKind::Vdi => {
            if stack.kind == PlatformKind::Type2 {
                steps.push(step(
                    "VMM process starts on the host OS",
                    "호스트 OS에서 VMM 프로세스 시작",
                    c.type2_vmm_start_us,
                    0,
                ));
            }
            steps.push(step(
                "hypervisor creates the VM (memory, vCPUs, devices)",
                "하이퍼바이저가 VM 생성 (메모리, vCPU, 장치)",
                c.vm_create_us,
                0,
            ));
            if boot::has_firmware(stack) {
                steps.push(step(
                    "virtual firmware self test (its port I/O through the stack)",
                    "가상 펌웨어 자체 검사 (스택을 거치는 포트 I/O)",
                    c.firmware_boot_us + extra(BootStage::Firmware),
                    0,
                ));
            }
            os_boot(&mut steps);
            if stack.kind == PlatformKind::Vdi {
                steps.push(step(
                    "user logs on (profile, shell, start-up applications)",
                    "사용자 로그온 (프로필, 셸, 시작 프로그램)",
                    c.desktop_logon_us,
                    c.desktop_logon_read_mib,
                ));
            } else {
                steps.push(app);
            }
        }
    }
    // A guest's reads go through its virtual disk, in requests of its OS's size: each
    // request costs the stack's path.
    let request_kib = boot::read_request_kib(c, guest_os);
    for s in &mut steps {
        s.read_request_kib = request_kib;
        s.cpu_us =
            s.cpu_us
                .saturating_add(boot::read_extra_us(stack, s.read_mib, request_kib, c, host));
    }
    steps
}

/// A container's set-up before its process runs: the runtime and shim, its namespaces, its
/// cgroup and its root file system, each through its operations on the host kernel
/// ([`container_step`]).
fn container_setup_steps(
    stack: &Stack,
    host: &Host,
    c: &CostTable,
    image: ImageCache,
) -> Vec<StartStep> {
    let on_host = |en: &str, ko: &str, stage: ContainerStage, compute_us: u64| {
        container_step(en, ko, stage, compute_us, stack, host, c, image)
    };
    vec![
        on_host(
            "container runtime and shim start",
            "컨테이너 런타임과 shim 시작",
            ContainerStage::Runtime,
            c.container_runtime_start_us,
        ),
        on_host(
            "namespaces created (mnt, pid, net, uts, ipc, cgroup)",
            "네임스페이스 생성 (mnt, pid, net, uts, ipc, cgroup)",
            ContainerStage::Namespaces,
            0,
        ),
        on_host(
            "cgroup created and limits set",
            "cgroup 생성과 제한 설정",
            ContainerStage::Cgroup,
            0,
        ),
        on_host(
            "root file system mounted (overlay or volume)",
            "루트 파일 시스템 마운트 (overlay 또는 볼륨)",
            ContainerStage::RootFs,
            0,
        ),
    ]
}

/// What a container's restore on the destination host does before its processes run
/// again (a checkpoint's restore, CRIU-like): the start-up steps a new container takes
/// there up to its exec (the runtime and shim started anew, the namespaces, the cgroup, the
/// root file system, its image not yet in the destination's page cache), not the exec nor
/// the application's start, since the restored processes resume where they were frozen.
/// CRIU's own work of recreating the processes, their memory mappings and descriptors is
/// not modelled (no per-process or per-descriptor figure in the reference).
pub fn container_restore_steps(stack: &Stack, host: &Host, c: &CostTable) -> Vec<StartStep> {
    container_setup_steps(stack, host, c, ImageCache::Cold)
}

/// What a hypervisor does between its driver domain's crash and the host's restart: Xen
/// logs "Hardware Dom0 crashed: rebooting machine in 5 seconds" and waits that long
/// (`hwdom_shutdown`, `maybe_reboot` in `xen/common/shutdown.c`; `xen_crash_reboot_wait_us`).
/// It is a step of the host's boot, which runs alone: its "CPU time" is its duration
/// there (a wait uses no CPU to speak of; with `host_background_percent` it is stretched as
/// the boot's other steps are).
pub fn hardware_domain_crash_wait(c: &CostTable) -> StartStep {
    step(
        "the hypervisor waits, then restarts the machine",
        "하이퍼바이저가 기다린 뒤 머신을 재시작",
        c.xen_crash_reboot_wait_us,
        0,
    )
}

/// Booting the host itself (after a host-kernel, host OS, hypervisor or server failure): the
/// physical server's firmware (its POST, minutes: not a VM's virtual firmware), then the
/// kernel and init of the host OS or hypervisor: a platform of `kind` on the hardware (type
/// 1, and a VDI platform's type-1 server) boots its hypervisor, any other its host OS's
/// kernel (the same costs: the model has no hypervisor-specific boot figure).
pub fn host_boot_steps(kind: PlatformKind, c: &CostTable) -> Vec<StartStep> {
    let linux = |s: StartStep| StartStep {
        read_request_kib: boot::read_request_kib(c, GuestOs::Linux),
        ..s
    };
    let (kernel_en, kernel_ko) = match kind {
        PlatformKind::Type1 | PlatformKind::Vdi => ("hypervisor boots", "하이퍼바이저 부팅"),
        PlatformKind::Native | PlatformKind::Type2 | PlatformKind::Container => {
            ("host kernel boots", "호스트 커널 부팅")
        }
    };
    [
        step(
            "server firmware self test (POST)",
            "서버 펌웨어 자체 검사(POST)",
            c.server_firmware_boot_us,
            0,
        ),
        step(
            kernel_en,
            kernel_ko,
            c.linux_kernel_boot_us,
            c.linux_kernel_read_mib,
        ),
        step(
            "host init and services",
            "호스트 init과 서비스",
            c.linux_init_us,
            c.linux_init_read_mib,
        ),
    ]
    .into_iter()
    .map(linux)
    .collect()
}
