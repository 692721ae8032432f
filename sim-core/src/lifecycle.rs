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

use serde::{Deserialize, Serialize};

use crate::boot::container::{self, ContainerStage};
use crate::boot::{self, BootStage};
use crate::costs::CostTable;
use crate::hardware::Host;
use crate::instance::InstanceSpec;
use crate::memory::OvercommitPolicy;
use crate::platform::{GuestOs, PlatformKind, Stack};
use crate::rng::SimRng;
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
    /// Duration when the instance starts alone on the host, milliseconds.
    pub alone_ms: f64,
}

/// One part of an instance's memory footprint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FootprintPart {
    pub what: Text,
    pub mib: f64,
}

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
    /// Instances that fit the host's CPUs at `density_max_cpu_percent` utilization.
    pub density_cpu: u64,
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

fn step(en: &str, ko: &str, cpu_us: u64, read_mib: u64) -> StartStep {
    StartStep {
        what: Text::new(en, ko),
        cpu_us,
        read_mib,
        read_requests: 0,
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
/// ([`crate::boot`]); a container's steps are its operations on the host kernel
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
                "guest kernel boots (page faults, page-table writes, device probes through the stack)",
                "게스트 커널 부팅 (스택을 거치는 페이지 폴트, 페이지 테이블 쓰기, 장치 탐색)",
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
            let mut on_host = |en: &str, ko: &str, stage: ContainerStage, compute_us: u64| {
                steps.push(container_step(
                    en, ko, stage, compute_us, stack, host, c, image,
                ))
            };
            on_host(
                "container runtime and shim start",
                "컨테이너 런타임과 shim 시작",
                ContainerStage::Runtime,
                c.container_runtime_start_us,
            );
            on_host(
                "namespaces created (mnt, pid, net, uts, ipc, cgroup)",
                "네임스페이스 생성 (mnt, pid, net, uts, ipc, cgroup)",
                ContainerStage::Namespaces,
                0,
            );
            on_host(
                "cgroup created and limits set",
                "cgroup 생성과 제한 설정",
                ContainerStage::Cgroup,
                0,
            );
            on_host(
                "root file system mounted (overlay or volume)",
                "루트 파일시스템 마운트 (overlay 또는 볼륨)",
                ContainerStage::RootFs,
                0,
            );
            on_host(
                "container process exec'd in the new root (entrypoint's pages faulted in from the image)",
                "새 루트에서 컨테이너 프로세스 exec (엔트리포인트 페이지를 이미지에서 폴트로 읽음)",
                ContainerStage::Exec,
                0,
            );
            steps.push(app);
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
    steps
}

/// Booting the host itself (after a host-kernel, hypervisor or server failure): the
/// physical server's firmware (its POST, minutes: not a VM's virtual firmware), then the
/// kernel and init of the host OS or hypervisor.
pub fn host_boot_steps(c: &CostTable) -> Vec<StartStep> {
    vec![
        step(
            "server firmware self test (POST)",
            "서버 펌웨어 자체 검사(POST)",
            c.server_firmware_boot_us,
            0,
        ),
        step(
            "host kernel boots",
            "호스트 커널 부팅",
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
}

/// Memory parts of one instance on the host. A VM occupies its configured memory (its
/// guest fills what the application and base OS leave with page cache) plus the per-VM
/// overhead, except what a balloon gives back; a container occupies its working set (at
/// most its memory limit) plus its runtime: its page cache counts against its cgroup's limit
/// but lives in the host's own kernel, which sees it and takes it back when memory runs
/// short (a guest's page cache is hidden from the host). A guest whose base OS and working set do not fit
/// its configured memory holds no more than that memory (and is OOM-killed:
/// [`crate::memory::oom_of_its_own`]).
pub fn footprint(
    stack: &Stack,
    instance: &InstanceSpec,
    policies: &[OvercommitPolicy],
    c: &CostTable,
) -> Vec<FootprintPart> {
    let mib = |v: u64| v as f64;
    let working_set_mib = instance.working_set_mib;
    let limit = instance.memory_mib;
    let uses_files = instance.workload.mix.disk_read > 0 || instance.workload.mix.disk_write > 0;
    let over_limit = stack.kind == PlatformKind::Container && working_set_mib > limit;
    let guest_base = match instance.guest_os {
        GuestOs::Windows => c.windows_guest_base_mib,
        _ => c.linux_guest_base_mib,
    };
    let base_of_stack = crate::memory::guest_base_mib(stack, instance.guest_os, c);
    // The guest's base OS and the application share its configured memory: when they do
    // not fit, the base OS takes its part first and the application gets what is left.
    let guest_short = stack.is_vm()
        && crate::memory::oom_of_its_own(stack, policies, c, instance)
            == Some(crate::memory::OomReason::GuestMemory);
    let mut parts = vec![if guest_short {
        FootprintPart {
            what: Text::new(
                "application working set, cut short at the configured memory (the guest's base OS and working set do not fit it: the guest's OOM killer stops the application)",
                "설정 메모리에서 잘린 애플리케이션 작업 집합 (게스트 기본 OS와 작업 집합이 들어가지 않아 게스트의 OOM killer가 애플리케이션을 멈춤)",
            ),
            mib: mib(limit.saturating_sub(base_of_stack).min(working_set_mib)),
        }
    } else if over_limit {
        FootprintPart {
            what: Text::new(
                "application working set, held at the memory limit (the rest is swapped or the container is OOM-killed)",
                "메모리 한도에 묶인 애플리케이션 작업 집합 (나머지는 스왑되거나 컨테이너가 OOM kill됨)",
            ),
            mib: mib(limit),
        }
    } else {
        FootprintPart {
            what: Text::new("application working set", "애플리케이션 작업 집합"),
            mib: mib(working_set_mib),
        }
    }];
    let mut push = |en: &str, ko: &str, v: f64| {
        parts.push(FootprintPart {
            what: Text::new(en, ko),
            mib: v,
        })
    };
    let ballooned =
        policies.contains(&OvercommitPolicy::Balloon) && OvercommitPolicy::Balloon.usable_on(stack);
    let guest_rest = |push: &mut dyn FnMut(&str, &str, f64), base: u64| {
        if base > limit {
            push(
                "guest kernel and base OS, cut short at the configured memory",
                "설정 메모리에서 잘린 게스트 커널과 기본 OS",
                mib(limit),
            );
        } else {
            push(
                "guest kernel and base OS",
                "게스트 커널과 기본 OS",
                mib(base),
            );
        }
        let rest = limit.saturating_sub(base + working_set_mib);
        if ballooned {
            push(
                "page cache and free guest memory: given back by the balloon",
                "페이지 캐시와 게스트 여유 메모리: 벌룬이 돌려줌",
                0.0,
            );
        } else {
            push(
                "page cache and free guest memory (the rest of the configured memory)",
                "페이지 캐시와 게스트 여유 메모리 (설정 메모리의 나머지)",
                mib(rest),
            );
        }
    };
    match stack.kind {
        PlatformKind::Native => {}
        PlatformKind::Container => {
            if !over_limit && uses_files {
                // The page cache is charged to the cgroup, but the host kernel is the
                // container's own kernel: it drops clean cache when memory runs short, so
                // the cache takes no room from other instances (unlike a guest's).
                push(
                    "page cache up to the memory limit: the shared kernel drops it when the host needs the memory",
                    "메모리 한도까지의 페이지 캐시: 호스트에 메모리가 필요하면 공유 커널이 버림",
                    0.0,
                );
            }
            push(
                "container runtime shim",
                "컨테이너 런타임 shim",
                mib(c.container_runtime_mib),
            );
        }
        PlatformKind::Type1 if stack.microvm => {
            guest_rest(&mut push, c.microvm_guest_base_mib);
            push(
                "microVM monitor process",
                "microVM 모니터 프로세스",
                mib(c.microvm_vmm_mib),
            );
        }
        PlatformKind::Type1 | PlatformKind::Vdi => {
            guest_rest(&mut push, guest_base);
            push(
                "hypervisor state per VM",
                "VM당 하이퍼바이저 상태",
                c.hypervisor_per_vm_kib as f64 / 1024.0,
            );
            // A paravirtualized guest has no emulated devices or firmware: its back ends
            // are shared (in the hypervisor or dom0), so Barham's 20 kB is all it costs.
            if stack.technique != Some(crate::platform::Technique::Para) {
                push(
                    "device model of the VM (emulated devices, virtual firmware)",
                    "VM의 장치 모델 (에뮬레이션 장치, 가상 펌웨어)",
                    mib(c.vm_device_model_mib),
                );
            }
        }
        PlatformKind::Type2 => {
            guest_rest(&mut push, guest_base);
            push(
                "VMM process on the host",
                "호스트의 VMM 프로세스",
                mib(c.type2_vmm_process_mib),
            );
        }
    }
    parts
}

/// What a phase of a start-up step waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// CPU time on one core, shared when more phases compute than there are cores.
    Cpu,
    /// Bytes at the disk's bandwidth, shared equally among the phases reading.
    Disk,
    /// Dependent small reads, one disk latency each: not shared (a few hundred lookups
    /// per instance are far from the disk's IOPS).
    Latency,
}

/// A start-up step's bulk read and its CPU work do not come one after the other: a boot
/// reads a file (a driver, a library, a profile), works on it, reads the next. The step is
/// taken as pieces of about this many MiB read, each followed by its share of the step's
/// CPU work (estimate: boot files run from a few KiB to tens of MiB).
pub const READ_PIECE_MIB: u64 = 16;

/// A start-up's bulk reads reach the disk as requests of this many KiB: files read
/// through the page cache's readahead (estimate: Linux reads ahead up to `read_ahead_kb`,
/// 128 KiB by default; boot files are often smaller, and Windows' prefetcher reads in
/// pieces of its own; no figure in the reference). The disk serves them at the lower of
/// its bandwidth and its `iops` × this size: on the library's hosts (200 000 IOPS by
/// default) the bandwidth binds; a disk of a few thousand IOPS (spinning disks behind a
/// VDI pool) makes a storm wait for requests instead.
pub const READ_REQUEST_KIB: u64 = 64;

/// At most this many pieces per step (a huge read from a changed cost table must not
/// make a storm slow): larger reads get larger pieces.
pub const MAX_PIECES_PER_STEP: u64 = 64;

/// Random-stream id of the pieces' sizes (apart from the workloads' streams).
const PIECES_STREAM: u64 = 0x424f_4f54; // "BOOT"

/// The phases of one instance's start-up, in order, as (what it waits for, seconds alone).
/// A step's small reads come first, then its bulk read and CPU work as pieces
/// ([`READ_PIECE_MIB`]) whose shares of the step vary at random, drawn from `rng` when
/// `pieces`: exponential weights, an estimate standing in for the timing jitter of real
/// starts (the disk queue's order, the scheduler's slices, services started in parallel),
/// without which identical instances would stay in step.
fn phases_of(
    steps: &[StartStep],
    host: &Host,
    pieces: bool,
    rng: &mut SimRng,
) -> Vec<(Phase, f64)> {
    // The disk's bandwidth, or what its IOPS allow at the requests' size if that is less.
    let bandwidth = host.disk_bandwidth_mb_s as f64 * 1_000_000.0;
    let by_requests = host.disk_iops as f64 * (READ_REQUEST_KIB * 1024) as f64;
    let disk_bytes_per_s = if by_requests < bandwidth {
        by_requests
    } else {
        bandwidth
    };
    let mut out = Vec::new();
    for s in steps {
        if s.read_requests > 0 {
            out.push((
                Phase::Latency,
                s.read_requests as f64 * host.disk_latency_us as f64 / 1_000_000.0,
            ));
        }
        let read = s.read_mib as f64 * 1_048_576.0 / disk_bytes_per_s;
        let cpu = s.cpu_us as f64 / 1_000_000.0;
        let k = s.read_mib.div_ceil(READ_PIECE_MIB).min(MAX_PIECES_PER_STEP) as usize;
        if pieces && k > 1 && s.cpu_us > 0 {
            let reads: Vec<f64> = (0..k).map(|_| rng.standard_exponential()).collect();
            let works: Vec<f64> = (0..k).map(|_| rng.standard_exponential()).collect();
            let (r_sum, w_sum) = (reads.iter().sum::<f64>(), works.iter().sum::<f64>());
            for (r, w) in reads.iter().zip(&works) {
                out.push((Phase::Disk, read * r / r_sum));
                out.push((Phase::Cpu, cpu * w / w_sum));
            }
            continue;
        }
        if s.read_mib > 0 {
            out.push((Phase::Disk, read));
        }
        if s.cpu_us > 0 {
            out.push((Phase::Cpu, cpu));
        }
    }
    out.retain(|&(_, seconds)| seconds > 0.0);
    out
}

/// An instance's place in a station's queue: the station's virtual time at which its phase
/// ends, then the instance (a fixed order for equal times).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Due(f64, usize);

impl Eq for Due {}

impl Ord for Due {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // The smallest first, from a max-heap.
        other.0.total_cmp(&self.0).then(other.1.cmp(&self.1))
    }
}

impl PartialOrd for Due {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// A processor-sharing station: every instance in it progresses at `rate` seconds of its
/// own work per second, so each one's phase ends when the station's virtual time (the
/// work one instance has received since the start) reaches its due value.
#[derive(Default)]
struct Station {
    virtual_time: f64,
    queue: std::collections::BinaryHeap<Due>,
}

impl Station {
    fn enter(&mut self, instance: usize, seconds: f64) {
        self.queue.push(Due(self.virtual_time + seconds, instance));
    }

    /// Real seconds until the next phase here ends, at `rate`.
    fn next_end(&self, rate: f64) -> f64 {
        self.queue.peek().map_or(f64::INFINITY, |d| {
            ((d.0 - self.virtual_time) / rate).max(0.0)
        })
    }
}

/// Start-up of a set of instances that all begin at time 0, sharing `host.cores` cores
/// (one core at most per instance) and the disk bandwidth. Fluid model: at every moment
/// each running CPU phase gets min(1, cores / CPU phases) of a core and each read an equal
/// share of the disk; small dependent reads wait one disk latency each, unshared. Each
/// step's reading and computing alternate in pieces (`phases_of`) whose sizes differ
/// from instance to instance (drawn from `seed`), so instances that start together drift
/// apart and one's reading overlaps another's computing, as in a real storm: the last is
/// up a little after the largest of one instance's time alone, the CPU work over the cores
/// and the reads over the disk. Alone, an instance takes the same time whatever the pieces.
/// A type-2 host's own programs take `background_percent` of each core, which the host's
/// fair scheduler leaves them (they want less than an even share), so a CPU phase gets at
/// most the rest of a core. Returns when each instance is up, in milliseconds.
pub fn storm(
    instances: &[Vec<StartStep>],
    host: &Host,
    background_percent: u32,
    seed: u64,
) -> Vec<f64> {
    let pieces = instances.len() > 1;
    // Each instance's phases, last first (popped from the end).
    let mut phases: Vec<Vec<(Phase, f64)>> = instances
        .iter()
        .enumerate()
        .map(|(i, steps)| {
            let mut rng = SimRng::derived(seed, &[PIECES_STREAM, i as u64]);
            let mut p = phases_of(steps, host, pieces, &mut rng);
            p.reverse();
            p
        })
        .collect();
    let mut done = vec![0.0f64; instances.len()];
    let (mut cpu, mut disk, mut latency) =
        (Station::default(), Station::default(), Station::default());
    let enter = |i: usize,
                 phases: &mut Vec<Vec<(Phase, f64)>>,
                 cpu: &mut Station,
                 disk: &mut Station,
                 latency: &mut Station| {
        if let Some(&(kind, seconds)) = phases[i].last() {
            match kind {
                Phase::Cpu => cpu.enter(i, seconds),
                Phase::Disk => disk.enter(i, seconds),
                Phase::Latency => latency.enter(i, seconds),
            }
        }
    };
    for i in 0..instances.len() {
        enter(i, &mut phases, &mut cpu, &mut disk, &mut latency);
    }
    let cores = f64::from(host.cores.max(1));
    let left_per_core = 1.0 - f64::from(background_percent.min(95)) / 100.0;
    let mut now = 0.0f64;
    loop {
        let cpu_rate = (cores / cpu.queue.len().max(1) as f64).min(1.0) * left_per_core;
        let disk_rate = 1.0 / disk.queue.len().max(1) as f64;
        let ends = [
            cpu.next_end(cpu_rate),
            disk.next_end(disk_rate),
            latency.next_end(1.0),
        ];
        // The first phase to end (CPU, then disk, then latency on equal times).
        let (which, dt) =
            ends.iter()
                .copied()
                .enumerate()
                .fold((usize::MAX, f64::INFINITY), |best, (k, t)| {
                    if t < best.1 {
                        (k, t)
                    } else {
                        best
                    }
                });
        if which == usize::MAX {
            break;
        }
        now += dt;
        cpu.virtual_time += dt * cpu_rate;
        disk.virtual_time += dt * disk_rate;
        latency.virtual_time += dt;
        let station = match which {
            0 => &mut cpu,
            1 => &mut disk,
            _ => &mut latency,
        };
        let Some(Due(due, i)) = station.queue.pop() else {
            break;
        };
        // Exactly at the phase's end (no drift from the sum of the steps).
        station.virtual_time = station.virtual_time.max(due);
        phases[i].pop();
        if phases[i].is_empty() {
            done[i] = now * 1000.0;
        } else {
            enter(i, &mut phases, &mut cpu, &mut disk, &mut latency);
        }
    }
    done
}

/// Fills the `alone_ms` of each step (on a host whose own programs take
/// `background_percent` of each core: [`storm`]).
pub fn time_steps_alone(steps: &mut [StartStep], host: &Host, background_percent: u32) {
    for s in steps.iter_mut() {
        let one = std::slice::from_ref(&*s).to_vec();
        s.alone_ms = storm(&[one], host, background_percent, 0)[0];
    }
}

/// Instances that fit: memory after the reserved part over the footprint, and CPU at the
/// utilization ceiling over the measured CPU per instance. An instance that is OOM-killed
/// even alone (`oom_alone`: its memory cannot hold its guest OS and working set) fits
/// nowhere, whatever its footprint: 0 by memory.
/// The CPU the instances of a density figure may use, in cores: every core up to the
/// utilization ceiling (`density_max_cpu_percent`), less what the host's own programs take
/// (a type-2 host's background load).
pub fn cpu_ceiling_cores(host: &Host, c: &CostTable, background_percent: u32) -> f64 {
    f64::from(host.cores)
        * (c.density_max_cpu_percent as f64 - f64::from(background_percent)).max(0.0)
        / 100.0
}

pub fn density(
    host: &Host,
    c: &CostTable,
    footprint_mib: f64,
    oom_alone: Option<crate::memory::OomReason>,
    cpu_per_instance_percent: f64,
    background_percent: u32,
) -> (u64, u64) {
    let free = host.memory_mib.saturating_sub(c.host_reserved_mib) as f64;
    let memory = if oom_alone.is_some() {
        0
    } else if footprint_mib > 0.0 {
        libm::floor(free / footprint_mib) as u64
    } else {
        0
    };
    let budget = cpu_ceiling_cores(host, c, background_percent) * 100.0;
    let cpu = if cpu_per_instance_percent > 0.0 {
        libm::floor(budget / cpu_per_instance_percent) as u64
    } else {
        u64::MAX
    };
    (memory, cpu)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::{IoModel, MemoryVirtualization, NetworkMode, StorageMode, Technique};

    fn host() -> Host {
        Host {
            cores: 4,
            clock_mhz: 3000,
            memory_mib: 16 * 1024,
            cpu: Default::default(),
            features: crate::hardware::CpuFeatures {
                vtx: true,
                ept: true,
                ..Default::default()
            },
            large_pages: false,
            shared_cache_mib: 8,
            disk_latency_us: 80,
            disk_iops: 200_000,
            disk_bandwidth_mb_s: 1000,
            nic_latency_us: 20,
            nic_bandwidth_gbit_s: 10,
        }
    }

    fn stack(kind: PlatformKind) -> Stack {
        Stack {
            kind,
            technique: (kind != PlatformKind::Container).then_some(Technique::Hybrid),
            io: IoModel::Paravirtual,
            memory: MemoryVirtualization::Nested,
            driver_domain: false,
            network: NetworkMode::Bridge,
            storage: StorageMode::Overlay,
            microvm: false,
            ..Stack::native()
        }
    }

    #[test]
    fn storm_shares_cores_and_disk() {
        // One step: 1 s of CPU, 100 MiB read at 1000 MB/s (0.104858 s).
        let s = vec![step("x", "x", 1_000_000, 100)];
        let alone = storm(std::slice::from_ref(&s), &host(), 0, 1)[0];
        assert!((alone - 1104.858).abs() < 0.01, "{alone}");
        // 8 at once on 4 cores. Had they all read and then all computed in step, the
        // reads would share the disk (8 × 0.104858 s) and the CPU work then run at half a
        // core each (2 s): 838.9 + 2000 ms. In 7 pieces of about 16 MiB of different sizes
        // they drift apart, and one's reading overlaps another's computing: the last is up
        // after more than the CPU work alone needs (2000 ms: no instance computes while it
        // reads) and well before the sum.
        let all = storm(&vec![s; 8], &host(), 0, 1);
        let last = all.iter().copied().fold(0.0, f64::max);
        assert!((2000.0..2600.0).contains(&last), "{all:?}");
        assert!(all.iter().all(|&t| t > alone), "{all:?}");
        // The pieces' sizes come from the seed: another seed, other times, still bounded.
        let other = storm(
            &vec![vec![step("x", "x", 1_000_000, 100)]; 8],
            &host(),
            0,
            2,
        );
        assert_ne!(all, other);
        assert!(other.iter().all(|&t| t < 2838.861), "{other:?}");
    }

    #[test]
    fn a_disk_of_few_iops_serves_a_start_up_at_its_requests_rate() {
        // 100 MiB alone. At 200 000 IOPS of 64 KiB requests (13.1 GB/s) the 1000 MB/s
        // bandwidth binds: 0.104858 s. At 2000 IOPS, 2000 × 65 536 B = 131.1 MB/s binds:
        // 104 857 600 B / 131 072 000 B/s = 0.8 s, so 1 s of CPU + 0.8 s = 1800 ms.
        let s = vec![step("x", "x", 1_000_000, 100)];
        let fast = storm(std::slice::from_ref(&s), &host(), 0, 1)[0];
        assert!((fast - 1104.858).abs() < 0.01, "{fast}");
        let spinning = Host {
            disk_iops: 2000,
            ..host()
        };
        let slow = storm(std::slice::from_ref(&s), &spinning, 0, 1)[0];
        assert!((slow - 1800.0).abs() < 0.01, "{slow}");
    }

    #[test]
    fn a_huge_read_is_cut_into_a_bounded_number_of_pieces() {
        // A cost table may ask for any read: the pieces grow instead of their number.
        let s = vec![step("x", "x", 1_000_000, u64::MAX / 4)];
        let mut rng = SimRng::seed_from_u64(1);
        let phases = phases_of(&s, &host(), true, &mut rng);
        assert_eq!(phases.len() as u64, 2 * MAX_PIECES_PER_STEP);
        assert!(phases.iter().all(|(_, seconds)| seconds.is_finite()));
    }

    #[test]
    fn a_step_without_a_bulk_read_is_not_cut_into_pieces() {
        // CPU only, or a read of one piece: the step stays one phase of each kind.
        let mut rng = SimRng::seed_from_u64(1);
        let cpu_only = phases_of(&[step("x", "x", 1_000_000, 0)], &host(), true, &mut rng);
        assert_eq!(cpu_only.len(), 1);
        let small = phases_of(&[step("x", "x", 1_000_000, 16)], &host(), true, &mut rng);
        assert_eq!(small.len(), 2);
        // 100 MiB: 7 pieces, each a read then its work, adding up to the step.
        let cut = phases_of(&[step("x", "x", 1_000_000, 100)], &host(), true, &mut rng);
        assert_eq!(cut.len(), 14);
        let cpu: f64 = cut.iter().filter(|p| p.0 == Phase::Cpu).map(|p| p.1).sum();
        assert!((cpu - 1.0).abs() < 1e-12, "{cpu}");
    }

    #[test]
    fn a_warm_image_starts_faster_and_one_image_is_read_once() {
        let c = CostTable::default();
        let h = host();
        let ct = stack(PlatformKind::Container);
        let one = |image| {
            storm(
                &[start_steps_with(&ct, GuestOs::Linux, &h, &c, image)],
                &h,
                0,
                1,
            )[0]
        };
        let (cold, warm) = (one(ImageCache::Cold), one(ImageCache::Warm));
        // Cold reads 8 MiB of the entrypoint's pages at 1000 MB/s (8.388608 ms) and waits
        // 20 + 63 disk latencies of 80 µs (6.64 ms): 15.028608 ms more than warm.
        assert!(
            (cold - warm - 15.028608).abs() < 1e-6,
            "cold {cold} warm {warm}"
        );
        // Eight containers of one image at once: only the first reads it. Eight of eight
        // different images would each read their own, sharing the disk.
        let shared = start_steps_together(&ct, &[(0, GuestOs::Linux); 8], false, &h, &c);
        assert_eq!(
            shared
                .iter()
                .filter(|s| s.iter().any(|x| x.read_requests > 0))
                .count(),
            1
        );
        let distinct: Vec<(usize, GuestOs)> = (0..8).map(|g| (g, GuestOs::Linux)).collect();
        let apart = start_steps_together(&ct, &distinct, false, &h, &c);
        let last = |all: &[Vec<StartStep>]| storm(all, &h, 0, 1).into_iter().fold(0.0, f64::max);
        assert!(
            last(&shared) < last(&apart),
            "{} {}",
            last(&shared),
            last(&apart)
        );
        // After the host kept its page cache, none reads.
        let kept = start_steps_together(&ct, &[(0, GuestOs::Linux); 2], true, &h, &c);
        assert!(kept.iter().flatten().all(|x| x.read_requests == 0));
    }

    #[test]
    fn a_busy_type2_host_slows_start_up_computing_not_reading() {
        // 1 s of CPU alone takes 1 / 0.7 s when the host's programs keep 30% of each
        // core; 100 MiB of reads take the same time with or without them.
        let h = host();
        let cpu = vec![step("cpu", "cpu", 1_000_000, 0)];
        let disk = vec![step("disk", "disk", 0, 100)];
        let took = |s: &Vec<StartStep>, bg| storm(std::slice::from_ref(s), &h, bg, 1)[0];
        assert!((took(&cpu, 0) - 1000.0).abs() < 1e-6, "{}", took(&cpu, 0));
        assert!(
            (took(&cpu, 30) - 1000.0 / 0.7).abs() < 1e-6,
            "{}",
            took(&cpu, 30)
        );
        assert!(took(&disk, 0) > 0.0);
        assert_eq!(took(&disk, 30), took(&disk, 0));
    }

    #[test]
    fn a_container_starts_faster_and_is_smaller_than_a_vm() {
        let c = CostTable::default();
        let h = host();
        let vm = storm(
            &[start_steps(
                &stack(PlatformKind::Type1),
                GuestOs::Linux,
                &h,
                &c,
            )],
            &h,
            0,
            1,
        )[0];
        let ct = storm(
            &[start_steps(
                &stack(PlatformKind::Container),
                GuestOs::Linux,
                &h,
                &c,
            )],
            &h,
            0,
            1,
        )[0];
        // VM: 0.1 + 1 + 1.5 + 2.5 + 0.1 s of CPU and 230 MiB of reads: above 5 s.
        // Container: 0.05 + 0.005 + 0.005 + 0.01 + 0.1 s and 20 MiB: below 0.2 s.
        assert!(vm > 5000.0 && ct < 200.0, "vm {vm} container {ct}");
        let sum = |p: Vec<FootprintPart>| p.iter().map(|x| x.mib).sum::<f64>();
        // A 2 GiB VM and a container with a 2 GiB limit, both with a 128 MiB working set
        // and a CPU-bound workload (no page cache).
        let i = InstanceSpec {
            name: "i".into(),
            platforms: vec![0],
            count: 1,
            vcpus: 1,
            threads: 1,
            memory_mib: 2048,
            guest_os: GuestOs::Linux,
            workload: crate::workload::Workload::preset("cpu-bound").expect("preset"),
            pin: None,
            weight: 256,
            cap_percent: 0,
            working_set_mib: 128,
        };
        let vm = sum(footprint(&stack(PlatformKind::Type1), &i, &[], &c));
        let ct = sum(footprint(&stack(PlatformKind::Container), &i, &[], &c));
        // The VM holds its configured memory plus 20 KiB of hypervisor state and its 30 MiB
        // device model; the container 128 + 8 MiB.
        assert!((vm - (2048.0 + 20.0 / 1024.0 + 30.0)).abs() < 1e-9, "{vm}");
        assert_eq!(ct, 136.0);
        // With a balloon the VM gives back what its guest does not use: 128 + 200 MiB (and
        // keeps its device model).
        let ballooned = sum(footprint(
            &stack(PlatformKind::Type1),
            &i,
            &[OvercommitPolicy::Balloon],
            &c,
        ));
        assert!(
            (ballooned - (328.0 + 20.0 / 1024.0 + 30.0)).abs() < 1e-9,
            "{ballooned}"
        );
        assert!(vm > ct + 150.0, "vm {vm} container {ct}");
    }

    #[test]
    fn a_footprint_is_what_the_memory_plan_puts_on_the_host_and_an_oom_killed_one_fits_nowhere() {
        // Linux guests (200 MiB base; a microVM's 32) with a 128 MiB working set, from a
        // memory that cannot even hold the base OS to one with room to spare. Whatever the
        // memory, the footprint is the plan's demand of one instance (a guest holds no more
        // than its configured memory), and density fits none exactly when the plan OOM-kills
        // the instance on its own, on a host with room for thousands.
        let c = CostTable::default();
        let h = Host {
            memory_mib: 1024 * 1024,
            ..host()
        };
        let microvm = Stack {
            microvm: true,
            ..stack(PlatformKind::Type1)
        };
        let stacks = [
            stack(PlatformKind::Type1),
            stack(PlatformKind::Type2),
            microvm,
            stack(PlatformKind::Container),
        ];
        let mut killed = 0;
        for st in &stacks {
            for memory_mib in [16, 64, 150, 200, 327, 328, 1024] {
                let i = InstanceSpec {
                    name: "i".into(),
                    platforms: vec![0],
                    count: 1,
                    vcpus: 1,
                    threads: 1,
                    memory_mib,
                    guest_os: GuestOs::Linux,
                    workload: crate::workload::Workload::preset("cpu-bound").expect("preset"),
                    pin: None,
                    weight: 256,
                    cap_percent: 0,
                    working_set_mib: 128,
                };
                let what = format!("{:?} microvm={} {memory_mib} MiB", st.kind, st.microvm);
                let parts = footprint(st, &i, &[], &c);
                let mib: f64 = parts.iter().map(|x| x.mib).sum();
                let plan = crate::memory::plan(st, &[], &h, &c, &[&i]);
                assert!(
                    (mib - plan.result.instances[0].demand_mib).abs() < 1e-9,
                    "{what}: footprint {mib}, plan {:?}",
                    plan.result.instances[0]
                );
                let alone = crate::memory::oom_of_its_own(st, &[], &c, &i);
                assert_eq!(
                    alone,
                    plan.result.oom_kills.first().map(|k| k.reason),
                    "{what}"
                );
                let (memory, _) = density(&h, &c, mib, alone, 10.0, 0);
                assert_eq!(memory == 0, alone.is_some(), "{what}: {memory}");
                killed += usize::from(alone.is_some());
            }
        }
        // A full or type-2 VM below 328 MiB (200 + 128): 5 memories each; a microVM below
        // 160: 3; a container below its 128 MiB working set: 2.
        assert_eq!(killed, 5 + 5 + 3 + 2);
    }
}
