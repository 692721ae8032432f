//! Boot as work through the stack: what a firmware, a guest kernel and its init do besides
//! computing (page faults, page-table writes, port I/O and MMIO probes), each operation
//! costed by the stack's own path (`PathBuilder::op_path`).
//!
//! The start-up figures of [`CostTable`] (`firmware_boot_us`, `linux_kernel_boot_us`, ...)
//! are CPU time on bare metal. On a stack, every operation of the boot costs what its path
//! costs there instead of what it costs natively: a page-table write traced by a shadow
//! page table exits, a page fault under binary translation takes the translator's path, a
//! port probe under full virtualization is emulated. So binary translation and shadow
//! paging boot slower than hardware assist with nested paging, because of their paths;
//! a paravirtual guest and a microVM (direct kernel boot) have no firmware and probe no
//! legacy ports. A container boots nothing: its start-up runs on the host kernel
//! ([`container`]).

pub mod container;

use crate::costs::CostTable;
use crate::hardware::Host;
use crate::path::{PathBuilder, PathCost};
use crate::platform::{PlatformKind, Stack, Technique};
use crate::workload::{Op, Workload};

/// A stage of a boot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BootStage {
    Firmware,
    Kernel,
    Init,
}

/// Whether a VM on `stack` boots through a firmware: not a paravirtual guest (its kernel
/// is loaded by the domain builder) and not a microVM (direct kernel boot).
pub fn has_firmware(stack: &Stack) -> bool {
    stack.is_vm() && !stack.microvm && stack.technique != Some(Technique::Para)
}

/// The operations of one stage on `stack`: (operation, count).
pub fn stage_ops(stack: &Stack, stage: BootStage, c: &CostTable) -> Vec<(Op, u64)> {
    // A PV guest and a microVM find their devices without probing legacy ports (xenstore,
    // a fixed virtio-mmio list); a microVM has a handful of devices to set up.
    let legacy_probes = !(stack.microvm || stack.technique == Some(Technique::Para));
    match stage {
        BootStage::Firmware => vec![(Op::IoPort, c.boot_firmware_port_io)],
        BootStage::Kernel => {
            let mut ops = vec![
                (Op::PageFault, c.boot_kernel_page_faults),
                (Op::PageTableUpdate, c.boot_kernel_pte_writes),
            ];
            if legacy_probes {
                ops.push((Op::IoPort, c.boot_kernel_port_io));
                ops.push((Op::Mmio, c.boot_kernel_mmio));
            } else {
                // A tenth of a full kernel's MMIO probes (estimate: a handful of virtio-mmio
                // or xenstore devices against a PC's buses; no figure in the reference).
                ops.push((Op::Mmio, c.boot_kernel_mmio / 10));
            }
            ops
        }
        BootStage::Init => vec![
            (Op::PageFault, c.boot_init_page_faults),
            (Op::PageTableUpdate, c.boot_init_pte_writes),
        ],
    }
}

/// Extra CPU time, microseconds, that `stage` takes on `stack` beyond bare metal: each of
/// its operations costs the stack's path on this host (its CPU, the features `[host]`
/// leaves on, large pages, its clock) instead of the native one (never less).
pub fn extra_us(stack: &Stack, stage: BootStage, c: &CostTable, host: &Host) -> u64 {
    if stack.kind == PlatformKind::Native || stack.kind == PlatformKind::Container {
        return 0;
    }
    let workload = Workload::preset("cpu-bound").expect("preset");
    let native = Stack::native();
    let on_stack = PathBuilder::for_host(stack, c, host, &workload);
    let bare = PathBuilder::for_host(&native, c, host, &workload);
    let extra: u64 = stage_ops(stack, stage, c)
        .into_iter()
        .map(|(op, n)| {
            n.saturating_mul(op_cycles(&on_stack, op).saturating_sub(op_cycles(&bare, op)))
        })
        .fold(0u64, u64::saturating_add);
    extra / host.clock_mhz.max(1)
}

/// The size of the requests in which an OS's start-up reads reach its disk, KiB:
/// `boot_read_request_kib` for Linux (its readahead window) and FreeBSD (booted as Linux is
/// here), `boot_read_request_kib_windows` for Windows.
pub fn read_request_kib(c: &CostTable, guest_os: crate::platform::GuestOs) -> u64 {
    match guest_os {
        crate::platform::GuestOs::Linux | crate::platform::GuestOs::Freebsd => {
            c.boot_read_request_kib
        }
        crate::platform::GuestOs::Windows => c.boot_read_request_kib_windows,
    }
    .max(1)
}

/// Extra CPU time, microseconds, that reading `read_mib` from a guest's virtual disk
/// during its start takes on `stack` beyond bare metal: the reads reach the disk in
/// requests of `request_kib` ([`read_request_kib`]), and each takes the stack's disk-read path (an
/// emulated controller's register accesses, each an exit to the device model; a
/// paravirtual ring's request and its kick; a back end's copy of the request's bytes)
/// instead of the native one. So an emulated disk starts a guest a little slower than a
/// paravirtual one; the reads' own time on the host's disk is the same on every stack.
pub fn read_extra_us(
    stack: &Stack,
    read_mib: u64,
    request_kib: u64,
    c: &CostTable,
    host: &Host,
) -> u64 {
    if !stack.is_vm() || read_mib == 0 {
        return 0;
    }
    let request_kib = request_kib.max(1);
    let workload = Workload {
        io_bytes: request_kib.saturating_mul(1024),
        ..Workload::preset("cpu-bound").expect("preset")
    };
    let native = Stack::native();
    let on_stack = PathBuilder::for_host(stack, c, host, &workload);
    let bare = PathBuilder::for_host(&native, c, host, &workload);
    let requests = read_mib.saturating_mul(1024).div_ceil(request_kib);
    let each = op_cycles(&on_stack, Op::DiskRead).saturating_sub(op_cycles(&bare, Op::DiskRead));
    requests.saturating_mul(each) / host.clock_mhz.max(1)
}

/// The cycles one `op` takes on the stack `b` builds paths for: its submission (the
/// batched part of a path, a PV guest's mmu_update, spread over its batch) and its
/// completion.
fn op_cycles(b: &PathBuilder<'_>, op: Op) -> u64 {
    let path = b.op_path(op);
    let folded = crate::path::FoldedPath::from(&path.submit);
    let per_op = folded.every_time.total + folded.batched.total / folded.batch_every.max(1);
    per_op + PathCost::of_steps(&path.complete.steps).total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::{IoModel, MemoryVirtualization};

    fn vm(technique: Technique, memory: MemoryVirtualization, io: IoModel) -> Stack {
        Stack {
            kind: PlatformKind::Type1,
            technique: Some(technique),
            io,
            memory,
            ..Stack::native()
        }
    }

    #[test]
    fn a_guests_reads_cost_its_disks_path_per_request() {
        let c = CostTable::default();
        let host = Host::sandy_bridge(16, 4);
        let hw = |io| vm(Technique::HardwareAssist, MemoryVirtualization::Nested, io);
        let (emulated, virtio) = (hw(IoModel::Emulated), hw(IoModel::Paravirtual));
        let extra = |s: &Stack, mib| read_extra_us(s, mib, c.boot_read_request_kib, &c, &host);
        // An emulated controller's register accesses each exit; a ring takes one kick.
        assert!(extra(&emulated, 150) > extra(&virtio, 150) && extra(&virtio, 150) > 0);
        // Per request of 128 KiB: 150 MiB is 1200 requests, 60 MiB 480 (to a microsecond
        // of rounding each).
        assert!(extra(&emulated, 150).abs_diff(extra(&emulated, 60) * 5 / 2) <= 3);
        // Nothing to read, or no virtual disk: nothing added.
        assert_eq!(extra(&emulated, 0), 0);
        assert_eq!(extra(&Stack::native(), 150), 0);
    }

    #[test]
    fn shadow_paging_and_translation_boot_slower_than_nested_paging() {
        let c = CostTable::default();
        let host = Host::sandy_bridge(16, 4);
        let total = |s: &Stack| {
            [BootStage::Kernel, BootStage::Init]
                .into_iter()
                .map(|st| extra_us(s, st, &c, &host))
                .sum::<u64>()
        };
        let ept = total(&vm(
            Technique::HardwareAssist,
            MemoryVirtualization::Nested,
            IoModel::Paravirtual,
        ));
        let shadow = total(&vm(
            Technique::HardwareAssist,
            MemoryVirtualization::Shadow,
            IoModel::Paravirtual,
        ));
        let bt = total(&vm(
            Technique::BinaryTranslation,
            MemoryVirtualization::Shadow,
            IoModel::Emulated,
        ));
        // Shadow page tables under VT: every one of the 800 000 page-table writes exits
        // (a trap-and-emulate round trip of about 9 430 cycles on Sandy Bridge, 784 + 2216
        // + 6433, against 1 natively): about 2.5 s at 3 GHz. BT keeps them in the translation cache (391
        // cycles), BT page faults cost 3927 instead of 1093: a few hundred ms. Nested
        // paging adds little.
        assert!(shadow > 2_500_000, "{shadow}");
        assert!(
            bt > ept + 100_000 && bt < shadow,
            "ept {ept} bt {bt} shadow {shadow}"
        );
    }

    #[test]
    fn para_and_microvm_have_no_firmware() {
        let para = vm(
            Technique::Para,
            MemoryVirtualization::DirectPv,
            IoModel::Paravirtual,
        );
        assert!(!has_firmware(&para));
        let mut micro = vm(
            Technique::Hybrid,
            MemoryVirtualization::Nested,
            IoModel::Paravirtual,
        );
        micro.microvm = true;
        assert!(!has_firmware(&micro));
        micro.microvm = false;
        assert!(has_firmware(&micro));
    }
}
