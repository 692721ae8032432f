//! A container's start-up as work on the host kernel: the system calls, page faults and
//! disk reads of creating its namespaces, its cgroup and its root file system, and of
//! exec'ing its process, each costed by its path (`PathBuilder::op_path`).
//!
//! Nothing traps: a container runs on the host's own kernel, so every operation takes the
//! native path, plus the container engine's accounting for what runs inside the new cgroup
//! (the mounts and the exec happen in the runtime's init, already in the container). The
//! namespaces and the cgroup are created by the runtime's parent on the host (native
//! stack). A system call's kernel work is the mechanism's own (creating a namespace, a
//! mount, writing a cgroup control file), from [`CostTable`].

use crate::costs::CostTable;
use crate::hardware::CpuGeneration;
use crate::path::{FoldedPath, PathBuilder, PathCost};
use crate::platform::Stack;
use crate::workload::{Op, Workload};

/// A step of a container's start on the host kernel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerStage {
    /// The runtime and shim processes are exec'd (their own compute is a constant).
    Runtime,
    /// clone/unshare creates the mnt, pid, net, uts, ipc and cgroup namespaces (runc with Docker's defaults on cgroup v2: no user namespace unless `userns-remap` is set).
    Namespaces,
    /// mkdir in cgroupfs, then each control file opened, written and closed.
    Cgroup,
    /// The mounts of the new root (overlay from the image's layers) and pivot_root.
    RootFs,
    /// The runtime's init sets the process up and execs the entrypoint from the image.
    Exec,
}

/// One kind of operation of a stage: `count` times `op`, whose system call (if it is one)
/// does `kernel_cycles` of kernel work; `in_container` says whether it runs in the new
/// cgroup (the container's stack) or in the runtime's parent on the host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageOp {
    pub op: Op,
    pub count: u64,
    pub kernel_cycles: u64,
    pub in_container: bool,
}

/// Namespaces a container gets besides its network namespace (mnt, pid, uts, ipc, cgroup).
const OTHER_NAMESPACES: u64 = 5;
/// The generic kernel work of a small system call (open, close, prctl...): the
/// `syscall_work_cycles` of the workload presets.
fn small_syscall_cycles() -> u64 {
    Workload::preset("cpu-bound")
        .map(|w| w.syscall_work_cycles)
        .unwrap_or(0)
}

/// The operations of `stage` (counts and kernel work from `c`).
pub fn stage_ops(stage: ContainerStage, c: &CostTable) -> Vec<StageOp> {
    let op = |op: Op, count: u64, kernel_cycles: u64, in_container: bool| StageOp {
        op,
        count,
        kernel_cycles,
        in_container,
    };
    let small = small_syscall_cycles();
    match stage {
        ContainerStage::Runtime => vec![op(
            Op::PageFault,
            c.container_runtime_exec_page_faults,
            0,
            false,
        )],
        // runc's nsexec creates every namespace in one unshare: one system call whose
        // kernel work is each namespace's creation.
        ContainerStage::Namespaces => vec![op(
            Op::Syscall,
            1,
            OTHER_NAMESPACES
                .saturating_mul(c.namespace_create_cycles)
                .saturating_add(c.netns_create_cycles),
            false,
        )],
        ContainerStage::Cgroup => vec![
            op(Op::Syscall, 1, c.cgroup_create_cycles, false),
            op(
                Op::Syscall,
                c.container_cgroup_files,
                c.cgroupfs_write_cycles,
                false,
            ),
            op(
                Op::Syscall,
                c.container_cgroup_files.saturating_mul(2),
                small,
                false,
            ),
        ],
        // Every mount and the pivot_root into the new root.
        ContainerStage::RootFs => vec![
            op(
                Op::Syscall,
                c.container_mounts.saturating_add(1),
                c.mount_cycles,
                true,
            ),
            op(Op::DiskRead, metadata_reads(c), 0, true),
        ],
        ContainerStage::Exec => {
            let mut ops = vec![op(Op::Syscall, c.container_init_syscalls, small, true)];
            ops.extend(entrypoint_exec_ops(c));
            ops
        }
    }
}

/// The exec of the entrypoint itself: the execve and the page faults that map its binary
/// and libraries. An application's start on any platform ([`CostTable::app_start_us`]:
/// exec, libraries, initialisation) includes them; a container's [`ContainerStage::Exec`]
/// costs them through its stack, so its application step leaves them out
/// ([`entrypoint_exec_native`]).
fn entrypoint_exec_ops(c: &CostTable) -> [StageOp; 2] {
    [
        StageOp {
            op: Op::Syscall,
            count: 1,
            kernel_cycles: c.execve_cycles,
            in_container: true,
        },
        StageOp {
            op: Op::PageFault,
            count: c.container_exec_page_faults,
            kernel_cycles: 0,
            in_container: true,
        },
    ]
}

/// What the exec of an application's entrypoint costs on bare metal, the part of
/// [`CostTable::app_start_us`] and [`CostTable::app_start_read_mib`] that a container's
/// [`ContainerStage::Exec`] already pays (through its own stack, its reads from the image):
/// (CPU time natively, microseconds; MiB its faults read from a cold page cache). A
/// container's application step is the rest, so that its entrypoint is exec'd once, as
/// natively and in a VM.
pub fn entrypoint_exec_native(c: &CostTable, cpu: CpuGeneration, clock_mhz: u64) -> (u64, u64) {
    let us = ops_cpu_us(&Stack::native(), entrypoint_exec_ops(c), c, cpu, clock_mhz);
    (us, exec_read_mib(c))
}

/// MiB the entrypoint's page faults read from a cold image.
fn exec_read_mib(c: &CostTable) -> u64 {
    c.container_exec_page_faults
        .saturating_mul(4096)
        .div_ceil(1 << 20)
}

/// Metadata blocks the overlay mount reads (cold): every layer's path.
pub fn metadata_reads(c: &CostTable) -> u64 {
    c.container_image_layers
        .saturating_mul(c.overlay_layer_metadata_reads)
}

/// What `stage` asks of the host's disk: (MiB read at the disk's bandwidth, dependent small
/// reads that each wait one disk latency). The overlay's metadata lookups are small reads;
/// the entrypoint's faulted pages come from the image's files (cold: not in the page
/// cache), one read-ahead window per read.
/// With `image_cached` the image's files and the layers' metadata are already in the
/// host's page cache (another container of the image started, or one ran before on a host
/// that has not rebooted): nothing is read.
pub fn stage_reads(stage: ContainerStage, c: &CostTable, image_cached: bool) -> (u64, u64) {
    if image_cached {
        return (0, 0);
    }
    match stage {
        ContainerStage::RootFs => (0, metadata_reads(c)),
        ContainerStage::Exec => {
            let pages = c.container_exec_page_faults;
            (exec_read_mib(c), pages.div_ceil(c.readahead_pages.max(1)))
        }
        _ => (0, 0),
    }
}

/// CPU time of `stage`'s operations, microseconds: Σ count × the operation's path cycles,
/// on the container's stack for what runs in the new cgroup, natively for the rest.
pub fn stage_cpu_us(
    stack: &Stack,
    stage: ContainerStage,
    c: &CostTable,
    cpu: CpuGeneration,
    clock_mhz: u64,
) -> u64 {
    ops_cpu_us(stack, stage_ops(stage, c), c, cpu, clock_mhz)
}

/// CPU time of `ops`, microseconds (see [`stage_cpu_us`]).
fn ops_cpu_us(
    stack: &Stack,
    ops: impl IntoIterator<Item = StageOp>,
    c: &CostTable,
    cpu: CpuGeneration,
    clock_mhz: u64,
) -> u64 {
    let native = Stack::native();
    let cycles: u64 = ops
        .into_iter()
        .map(|s| {
            let mut workload = Workload::preset("cpu-bound").expect("preset");
            workload.syscall_work_cycles = s.kernel_cycles;
            let on = if s.in_container { stack } else { &native };
            let path = PathBuilder::new(on, c, cpu, &workload).op_path(s.op);
            let folded = FoldedPath::from(&path.submit);
            let per_op = folded.every_time.total
                + folded.batched.total / folded.batch_every.max(1)
                + PathCost::of_steps(&path.complete.steps).total;
            s.count.saturating_mul(per_op)
        })
        .fold(0u64, u64::saturating_add);
    cycles / clock_mhz.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::PlatformKind;

    fn container() -> Stack {
        Stack {
            kind: PlatformKind::Container,
            ..Stack::native()
        }
    }

    #[test]
    fn namespaces_cost_their_kernel_work_through_a_native_system_call() {
        let c = CostTable::default();
        // One unshare: 242 cycles of syscall/sysret + 5 × 30 000 + 3 000 000 of kernel
        // work = 3 150 242 cycles, 1050 µs at 3 GHz (the runtime's parent is on the host:
        // no cgroup accounting).
        let us = stage_cpu_us(
            &container(),
            ContainerStage::Namespaces,
            &c,
            CpuGeneration::SandyBridge,
            3000,
        );
        assert_eq!(us, 1050);
    }

    #[test]
    fn the_exec_runs_in_the_new_cgroup_and_reads_the_image() {
        let c = CostTable::default();
        // 150 × (242 + 800 + 20 accounting) + (242 + 300 000 + 20) + 2000 × 1093
        // = 159 300 + 300 262 + 2 186 000 = 2 645 562 cycles: 881 µs at 3 GHz.
        let us = stage_cpu_us(
            &container(),
            ContainerStage::Exec,
            &c,
            CpuGeneration::SandyBridge,
            3000,
        );
        assert_eq!(us, 881);
        // 2000 pages of 4 KiB = 7.8 MiB, read 32 pages at a time: 8 MiB in 63 reads.
        assert_eq!(stage_reads(ContainerStage::Exec, &c, false), (8, 63));
        // 5 layers × 4 metadata blocks.
        assert_eq!(stage_reads(ContainerStage::RootFs, &c, false), (0, 20));
        // A warm image is in the host's page cache: no reads.
        assert_eq!(stage_reads(ContainerStage::Exec, &c, true), (0, 0));
    }

    /// The entrypoint's exec natively, the part of the application's start a container's
    /// exec step already pays: (242 + 300 000) + 2000 × 1093 (the execve without the
    /// cgroup's 20 cycles of accounting; no init calls) = 2 486 242 cycles, 828 µs at
    /// 3 GHz; its faults read 8 MiB.
    #[test]
    fn the_entrypoint_exec_natively_is_the_exec_step_without_the_init_and_accounting() {
        let c = CostTable::default();
        assert_eq!(
            entrypoint_exec_native(&c, CpuGeneration::SandyBridge, 3000),
            (828, 8)
        );
    }
}
