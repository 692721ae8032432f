//! Path totals against published measurements (the Adams & Agesen (ASPLOS 2006) table
//! first), and the paths' other properties: exits per operation and their reasons, nested
//! virtualization's reflected exits, the refill after an exit, batching.

use super::*;
use crate::platform::{
    BackendPlacement, Enlightenments, HostedDesign, IoModel, MemoryVirtualization, PlatformKind,
};
use crate::workload::OpMix;

fn stack(technique: Option<Technique>) -> Stack {
    match technique {
        None => Stack::native(),
        Some(t) => Stack {
            kind: PlatformKind::Type1,
            technique: Some(t),
            io: IoModel::Emulated,
            memory: MemoryVirtualization::Shadow,
            backend: BackendPlacement::Hypervisor,
            ..Stack::native()
        },
    }
}

/// The total of one operation's submit path on a Prescott host (the paper's Pentium 4),
/// for a microbenchmark loop that touches 4 pages (code, stack, data, page table): a VM
/// exit without VPID then refills 4 TLB entries, each a walk whose leaf table is in the
/// page-walk cache (one reference, 120 / 4 = 30 cycles): 120 cycles.
fn total(technique: Option<Technique>, op: Op) -> u64 {
    let costs = CostTable::default();
    let workload = Workload {
        syscall_work_cycles: 0,
        ..Workload::preset("cpu-bound").unwrap()
    };
    let stack = stack(technique);
    let builder = PathBuilder::new(&stack, &costs, CpuGeneration::Prescott, &workload)
        .with_working_set_kib(16);
    let path = builder.op_path(op);
    let folded = FoldedPath::from(&path.submit);
    folded.every_time.total
}

fn within(model: u64, reference: u64, percent: u64) -> bool {
    model.abs_diff(reference) * 100 <= reference * percent
}

const BT: Option<Technique> = Some(Technique::BinaryTranslation);
const VT: Option<Technique> = Some(Technique::HardwareAssist);

#[test]
fn adams_agesen_rows_on_prescott() {
    // Native and BT columns: the model's defaults are these figures, so the paths must
    // rebuild them exactly.
    for (op, native, bt) in [
        (Op::Syscall, 242, 2308),
        (Op::Cr8Write, 150, 35),
        (Op::PageFault, 1093, 3927),
        (Op::PageTableUpdate, 1, 391),
    ] {
        assert_eq!(total(None, op), native, "{op:?} native");
        assert_eq!(total(BT, op), bt, "{op:?} BT");
    }
    // `in` from port 0x80: 3209 natively. Under BT the paper's 216 cycles reach the VMM;
    // port 0x80 has no device, so the model adds the device model's work (1500,
    // estimate) for a real device register, as under VT below: 216 + 1500 = 1716.
    assert_eq!(total(None, Op::IoPort), 3209);
    assert_eq!(total(BT, Op::IoPort), 216 + 1500);
    // An MMIO access under BT faults on the shadow page table into the VMM: the VMM's part
    // of a BT guest page fault (3927 - 1093 = 2834; the guest's own handler never runs:
    // an expert's audit found the whole 3927 charged) + the device model (1500).
    assert_eq!(total(BT, Op::Mmio), 3927 - 1093 + 1500);
    // INVLPG under BT (shadow page tables): the emulation (35, the %cr8 figure) plus the
    // shadow entry's drop and TLB flush (500, estimate, as after an INVLPG exit) = 535.
    assert_eq!(total(BT, Op::Invlpg), 35 + 500);
    // VT column (hardware assist, shadow paging).
    // syscall/sysret: 246 measured, 242 in the model (no VT-specific cost: no exit). 2%.
    assert_eq!(total(VT, Op::Syscall), 242);
    assert!(within(total(VT, Op::Syscall), 246, 2));
    // %cr8 write: no exit with the TPR shadow, 177 cycles exactly.
    assert_eq!(total(VT, Op::Cr8Write), 177);
    // Guest page fault: 3963 (exit round trip) + 2216 (generic handler) + 3850 (shadow
    // handler) + 1093 (guest handler) + 120 (the loop's 4-page TLB refill, which the
    // measurement on a CPU without VPID includes) = 11242: the measured total exactly,
    // as the shadow handler is derived from it (costs.rs).
    assert_eq!(total(VT, Op::PageFault), 11_242);
    // ptemod: 1 + 3963 + 2216 + 6433 + 120 = 12733, the measured total.
    assert_eq!(total(VT, Op::PageTableUpdate), 12_733);
    // `in` from port 0x80: 3963 + 2216 + 1500 (device model, estimate) + 120 = 7799
    // against 15826 measured: a known gap of about half. The reference gives no
    // breakdown of VMware Player's early VT exit handling for port I/O; the model keeps
    // its generic handler and device-model estimate rather than a constant fitted to
    // this row. The assertion pins the gap so that a change to it is seen.
    assert_eq!(total(VT, Op::IoPort), 7799);
    assert!(!within(total(VT, Op::IoPort), 15_826, 45));
    // call/ret (11 / 51 / 11) and the divide-by-zero fault have no operation of their own.
}

#[test]
fn cr8_writes_exit_only_without_a_tpr_shadow() {
    let costs = CostTable::default();
    let workload = Workload::preset("cpu-bound").unwrap();
    let stack = stack(VT);
    let exits = |tpr_shadow: bool| {
        let features = CpuFeatures {
            tpr_shadow,
            ..CpuGeneration::SandyBridge.features()
        };
        let builder = PathBuilder::new(&stack, &costs, CpuGeneration::SandyBridge, &workload)
            .with_features(features);
        FoldedPath::from(&builder.op_path(Op::Cr8Write).submit)
            .every_time
            .exits[ExitReason::CrAccess as usize]
    };
    assert_eq!(exits(true), 0);
    assert_eq!(exits(false), 1);
}

#[test]
fn instruction_classes_exit_as_the_hardware_decides() {
    // Sandy Bridge (EPT, VPID, TPR shadow, TSC offsetting): only CPUID and CR0/CR4 writes
    // exit under nested paging; under shadow paging CR3 writes and INVLPG exit too.
    let costs = CostTable::default();
    let workload = Workload::preset("cpu-bound").unwrap();
    for (memory, exiting) in [
        (MemoryVirtualization::Nested, 2),
        (MemoryVirtualization::Shadow, 4),
    ] {
        let stack = Stack {
            memory,
            ..stack(VT)
        };
        let builder = PathBuilder::new(&stack, &costs, CpuGeneration::SandyBridge, &workload);
        let count = Op::INSTRUCTION_CLASSES
            .iter()
            .filter(|&&op| {
                FoldedPath::from(&builder.op_path(op).submit)
                    .every_time
                    .has_exits
            })
            .count();
        assert_eq!(count, exiting, "{memory:?}");
    }
}

#[test]
fn page_walks_follow_levels_and_the_page_walk_cache() {
    // Cost per reference: 120 / 4 = 30 (1-D), 516 / 24 = 21.5 (2-D). The page-walk cache
    // (32 leaf tables) reaches 32 x 2 MiB = 64 MiB with 4 KiB pages, 32 GiB with 2 MiB.
    let costs = CostTable::default();
    let workload = Workload::preset("memory-tlb").unwrap();
    let miss = |memory, large, ws_mib| {
        let stack = Stack {
            memory,
            ..stack(Some(Technique::HardwareAssist))
        };
        let builder = PathBuilder::new(&stack, &costs, CpuGeneration::SandyBridge, &workload)
            .with_working_set_mib(ws_mib)
            .with_large_pages(large);
        FoldedPath::from(&builder.op_path(Op::TlbMiss).submit)
            .every_time
            .total
    };
    let (shadow, nested) = (MemoryVirtualization::Shadow, MemoryVirtualization::Nested);
    // 64 MiB: every leaf table cached: 1 reference (30) or 3 (64.5).
    assert_eq!(miss(shadow, false, 64), 30);
    assert_eq!(miss(nested, false, 64), 64);
    // 128 MiB: half the misses hit: 2.5 references (75) or (3 + 24) / 2 = 13.5 (290.25).
    assert_eq!(miss(shadow, false, 128), 75);
    assert_eq!(miss(nested, false, 128), 290);
    // A working set far beyond the cache: the uncached 4 and 24 references.
    assert_eq!(miss(shadow, false, 1 << 24), 119);
    assert_eq!(miss(nested, false, 1 << 24), 515);
    // 64 GiB with 2 MiB pages: half hit; (1 + 3) / 2 = 2 references (60), (3 + 15) / 2 = 9
    // (193.5): large pages shorten both walks.
    assert_eq!(miss(shadow, true, 65_536), 60);
    assert_eq!(miss(nested, true, 65_536), 193);
}

#[test]
fn a_nested_exit_is_reflected_through_l1() {
    // A CPUID of an L2 guest on Sandy Bridge (784-cycle round trip, no VMCS shadowing):
    // L2's exit 392 + L0 reflects 2216 + entry into L1 392 + L1's handler 2216 + 10 VMCS
    // accesses x (784 + 200) + L1's VMRESUME exit 392 + L0 merges 2216 + entry into L2
    // 392 = 18 056 cycles and 12 exits. With VMCS shadowing (Haswell) the 10 accesses do
    // not exit: 8216 cycles, 2 exits. The reference's nested exit, 9794 cycles
    // (Workstation 8 on Sandy Bridge, Agesen et al. 2012, without VMCS shadowing), is
    // about half of 18 056: the number of VMCS accesses of an L1 handler is an estimate
    // (10); 1.6 would match that figure, which the model does not fit.
    let costs = CostTable::default();
    let workload = Workload::preset("cpu-bound").unwrap();
    let stack = Stack {
        nested: true,
        memory: MemoryVirtualization::Nested,
        ..stack(VT)
    };
    let cpuid = |cpu: CpuGeneration| {
        let builder = PathBuilder::new(&stack, &costs, cpu, &workload);
        FoldedPath::from(&builder.op_path(Op::Cpuid).submit).every_time
    };
    let sandy = cpuid(CpuGeneration::SandyBridge);
    assert_eq!(sandy.total, 18_056);
    assert_eq!(sandy.exits.iter().map(|&e| u64::from(e)).sum::<u64>(), 12);
    let haswell = cpuid(CpuGeneration::Haswell);
    assert_eq!(haswell.total, 8216);
    assert_eq!(haswell.exits[ExitReason::NestedVmx as usize], 1);
    // On Zen without virtual VMLOAD/VMSAVE, L1 reads and writes its VMCB for L2 with plain
    // memory accesses: only a VMLOAD and a VMSAVE trap (2, not 10), then L1's VMRUN.
    let zen = {
        let features = CpuFeatures {
            vmcs_shadowing: false,
            ..CpuGeneration::Zen.features()
        };
        let builder =
            PathBuilder::new(&stack, &costs, CpuGeneration::Zen, &workload).with_features(features);
        FoldedPath::from(&builder.op_path(Op::Cpuid).submit).every_time
    };
    assert_eq!(
        zen.exits[ExitReason::NestedVmx as usize],
        u16::try_from(nested::AMD_L1_VMCB_TRAPS).unwrap() + 1
    );
}

/// An interrupt for an L2 vCPU that is not running goes through L1 (its interrupt
/// controller is L1's): L0 enters L1, L1 wakes its vCPU thread for L2 (or handles the
/// reflected exit of a preempted one), injects through its VMCS for L2 (its VMCS accesses
/// exit without VMCS shadowing) and VMRESUMEs, which exits to L0, and L0 enters L2; only
/// then does L2's handler run. An L2 HLT ends with L1's own HLT exit, not with an entry into
/// L2: over a halt and its wake-up the transitions make three round trips (L2's exit and
/// entry, L1's entry and HLT exit, L1's entry and VMRESUME exit).
#[test]
fn an_interrupt_for_a_nested_guest_goes_through_l1() {
    let costs = CostTable::default();
    let workload = Workload::preset("cpu-bound").unwrap();
    let stack = Stack {
        nested: true,
        memory: MemoryVirtualization::Nested,
        io: IoModel::Paravirtual,
        ..stack(VT)
    };
    let cpu = CpuGeneration::SandyBridge;
    let rt = costs.exit_roundtrip(cpu);
    let builder = PathBuilder::new(&stack, &costs, cpu, &workload);
    // The step's Intel text: the host is a Sandy Bridge.
    let at = |steps: &[Step], en: nested::VendorText| steps.iter().position(|s| s.en == en.0);
    // The transitions up to the first entry into L2 (without APICv the EOI that follows is
    // a nested exit of its own).
    let transitions = |steps: &[Step]| -> u64 {
        let end = at(steps, nested::L2_ENTRY_EN).map_or(steps.len(), |i| i + 1);
        steps[..end]
            .iter()
            .filter(|s| nested::is_transition(&s.en))
            .map(|s| s.cycles)
            .sum()
    };
    for source in [IrqSource::Disk, IrqSource::Timer] {
        for state in [VcpuState::Halted, VcpuState::Waiting] {
            let steps = builder.delivery_path(source, state).steps;
            let entry = at(&steps, nested::L1_IRQ_ENTRY_EN).expect("L0 enters L1");
            let vmresume = at(&steps, nested::L1_VMRESUME_EXIT_EN).expect("L1's VMRESUME");
            let l2 = at(&steps, nested::L2_ENTRY_EN).expect("L0 enters L2");
            let handler = steps
                .iter()
                .position(|s| s.en.starts_with("guest ") && s.layer == Layer::GuestKernel)
                .expect("L2's handler");
            assert!(
                entry < vmresume && vmresume < l2 && l2 < handler,
                "{steps:#?}"
            );
            let vmcs = steps[entry..vmresume]
                .iter()
                .filter(|s| s.exit == Some(ExitReason::NestedVmx))
                .count() as u64;
            assert_eq!(vmcs, costs.nested_vmcs_accesses, "{source:?} {state:?}");
            let l1 = &steps[entry + 1];
            assert!(l1.en.starts_with(nested::L1_HANDLER_EN), "{l1:?}");
            let timer = if source == IrqSource::Timer {
                costs.timer_interrupt
            } else {
                0
            };
            let l1_work = if state == VcpuState::Halted {
                costs.vcpu_wakeup
            } else {
                costs.exit_handler
            };
            assert_eq!(l1.cycles, l1_work + timer, "{source:?} {state:?}");
        }
    }
    // A running L2 vCPU without APICv: the external-interrupt exit is reflected as any exit.
    let features = CpuFeatures {
        apicv: false,
        ..cpu.features()
    };
    let running = builder
        .clone()
        .with_features(features)
        .delivery_path(IrqSource::Disk, VcpuState::Running)
        .steps;
    assert!(at(&running, nested::L1_ENTRY_EN).is_some());
    assert!(at(&running, nested::L1_IRQ_ENTRY_EN).is_none());
    // The halt: reflected to L1, which halts in turn; no entry into L2.
    let halt = builder.halt_path().steps;
    assert!(at(&halt, nested::L2_ENTRY_EN).is_none(), "{halt:#?}");
    assert!(at(&halt, nested::L1_VMRESUME_EXIT_EN).is_none());
    let l1_hlt =
        at(&halt, (nested::L1_HLT_EXIT_EN, nested::L1_HLT_EXIT_EN)).expect("L1's HLT exit");
    assert_eq!(halt[l1_hlt].exit, Some(ExitReason::Hlt));
    let wake = builder
        .delivery_path(IrqSource::Disk, VcpuState::Halted)
        .steps;
    assert_eq!(transitions(&halt) + transitions(&wake), 3 * rt);
    // Odd round trips too.
    let odd = PathBuilder::new(&stack, &costs, CpuGeneration::Westmere, &workload);
    let rt = costs.exit_roundtrip(CpuGeneration::Westmere);
    assert_eq!(rt % 2, 1);
    let wake = odd.delivery_path(IrqSource::Disk, VcpuState::Halted).steps;
    assert_eq!(
        transitions(&odd.halt_path().steps) + transitions(&wake),
        3 * rt
    );
}

/// A type-2 platform's PV back end is the VMM process's I/O thread (scheduled by the host)
/// unless `backend = "hypervisor"` puts it inline: the page's "back end elsewhere" note
/// reads `backend_scheduled`, not the steps' layer (which is the VMM process either way).
#[test]
fn a_type2_back_end_is_scheduled_unless_placed_in_the_hypervisor() {
    let costs = CostTable::default();
    let workload = Workload::preset("web-server").unwrap();
    for (backend, scheduled) in [
        (BackendPlacement::VmThread, true),
        (BackendPlacement::Hypervisor, false),
    ] {
        let stack = Stack {
            kind: PlatformKind::Type2,
            technique: Some(Technique::HardwareAssist),
            io: IoModel::Paravirtual,
            memory: MemoryVirtualization::Nested,
            backend,
            ..Stack::native()
        };
        let path = PathBuilder::new(&stack, &costs, CpuGeneration::Skylake, &workload)
            .op_path(Op::NetSend);
        assert!(
            path.submit
                .steps
                .iter()
                .any(|s| s.part == Part::Backend && s.layer == Layer::VmmProcess),
            "{backend:?}: the back end's steps are in the VMM process"
        );
        assert_eq!(path.backend_scheduled, scheduled, "{backend:?}");
    }
}

/// A microVM's VMM is a host process: each frame crosses into the host kernel by a
/// system call on its tap device (`syscall_native`), in the back end's part of the path;
/// with the back end placed in the hypervisor there is no such call.
#[test]
fn a_microvm_back_end_writes_to_its_tap_device_with_a_system_call() {
    let costs = CostTable::default();
    let workload = Workload::preset("network-rr").unwrap();
    let tap_calls = |backend| {
        let stack = Stack {
            kind: PlatformKind::Type1,
            technique: Some(Technique::HardwareAssist),
            io: IoModel::Paravirtual,
            memory: MemoryVirtualization::Nested,
            microvm: true,
            backend,
            ..Stack::native()
        };
        let path = PathBuilder::new(&stack, &costs, CpuGeneration::Skylake, &workload)
            .op_path(Op::NetSend);
        path.submit
            .steps
            .iter()
            .filter(|s| s.layer == Layer::HostOs && s.en.contains("tap device"))
            .map(|s| s.cycles)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        tap_calls(BackendPlacement::VmThread),
        vec![costs.syscall_native]
    );
    assert!(tap_calls(BackendPlacement::Hypervisor).is_empty());
}

/// A microVM (Firecracker-like) has virtio-mmio devices only and emulates its devices in
/// its VMM's user process: a kick is an `mmio` exit, not an `io_instruction` one, and a
/// port access (its serial console) returns from KVM_RUN to the VMM process, whose device
/// model handles it there.
#[test]
fn a_microvm_kicks_through_mmio_and_emulates_in_its_vmm_process() {
    let costs = CostTable::default();
    let workload = Workload::preset("network-rr").unwrap();
    let stack = |microvm| Stack {
        kind: PlatformKind::Type1,
        technique: Some(Technique::HardwareAssist),
        io: IoModel::Paravirtual,
        memory: MemoryVirtualization::Nested,
        microvm,
        backend: BackendPlacement::VmThread,
        ..Stack::native()
    };
    let exits = |microvm: bool, op: Op| -> Vec<ExitReason> {
        PathBuilder::new(&stack(microvm), &costs, CpuGeneration::Skylake, &workload)
            .op_path(op)
            .submit
            .steps
            .iter()
            .filter_map(|s| s.exit)
            .collect()
    };
    assert_eq!(exits(true, Op::NetSend), vec![ExitReason::Mmio]);
    assert_eq!(exits(false, Op::NetSend), vec![ExitReason::IoInstruction]);
    let port = PathBuilder::new(&stack(true), &costs, CpuGeneration::Skylake, &workload)
        .op_path(Op::IoPort);
    let layers: Vec<Layer> = port.submit.steps.iter().map(|s| s.layer).collect();
    assert!(layers.contains(&Layer::VmmProcess), "{layers:?}");
    // No device model in the hypervisor.
    let in_hypervisor =
        |s: &&Step| s.layer == Layer::Hypervisor && s.category == Category::DeviceEmulation;
    assert!(
        !port.submit.steps.iter().any(|s| in_hypervisor(&s)),
        "{layers:?}"
    );
    let model = |microvm: bool, backend: BackendPlacement| -> u64 {
        let stack = Stack {
            backend,
            ..stack(microvm)
        };
        PathBuilder::new(&stack, &costs, CpuGeneration::Skylake, &workload)
            .op_path(Op::IoPort)
            .submit
            .steps
            .iter()
            .map(|s| s.cycles)
            .sum()
    };
    // The return to the VMM process and back: a system call's round trip more than a
    // device model in the hypervisor (ESXi-like: back ends inline).
    assert_eq!(
        model(true, BackendPlacement::VmThread) - model(false, BackendPlacement::Hypervisor),
        costs.syscall_native
    );
    // KVM with QEMU (back ends on host threads) pays the same crossings: its device
    // models are QEMU's, in user space.
    for backend in [BackendPlacement::VmThread, BackendPlacement::DeviceThread] {
        assert_eq!(
            model(false, backend),
            model(true, BackendPlacement::VmThread),
            "{backend:?}"
        );
    }
}

/// Paravirtual drivers under binary translation (VMware Tools' drivers on a BT monitor):
/// the front end's kick is a port write in translated kernel code, which calls into the
/// VMM (`bt_io_port`, 216 cycles) instead of trapping; nothing on the path is a VM exit.
/// Under hardware assist the same kick is an `io_instruction` exit.
#[test]
fn a_kick_under_binary_translation_is_a_call_into_the_vmm_not_an_exit() {
    let costs = CostTable::default();
    let workload = Workload::preset("web-server").unwrap();
    let kick_exits = |technique| {
        let stack = Stack {
            io: IoModel::Paravirtual,
            ..stack(technique)
        };
        let path = PathBuilder::new(&stack, &costs, CpuGeneration::SandyBridge, &workload)
            .op_path(Op::NetSend);
        let kick: Vec<&Step> = path
            .submit
            .steps
            .iter()
            .filter(|s| s.part == Part::Kick)
            .collect();
        assert!(!kick.is_empty(), "{technique:?}: a kick");
        (
            kick.iter().filter(|s| s.exit.is_some()).count(),
            kick.iter().map(|s| s.cycles).sum::<u64>(),
        )
    };
    assert_eq!(kick_exits(BT), (0, costs.bt_io_port));
    assert_eq!(kick_exits(VT).0, 1);
}

/// Without VPID an exit refills what the guest touched since the previous flush (a new
/// page every 4 x 1000 cycles, at most the TLB's 64 entries on Prescott): with 4 M-cycle
/// bursts and a mix of system calls only (no exit), the guest runs between two timer
/// ticks' exits, about 12 M cycles, and a CPUID then refills the whole TLB; a hidden
/// fault, which comes at each new page touched, one page; a PAUSE-loop exit, after the
/// 4096-cycle PLE window's spin, two.
#[test]
fn the_refill_after_an_exit_is_what_the_guest_touched_since_the_last() {
    let costs = CostTable::default();
    let workload = Workload {
        compute_cycles: 4_000_000,
        ..Workload::preset("cpu-bound").unwrap()
    };
    let stack = stack(VT);
    let builder = PathBuilder::new(&stack, &costs, CpuGeneration::Prescott, &workload)
        .with_working_set_mib(128);
    let refill = |steps: &[Step]| -> String {
        steps
            .iter()
            .find(|s| s.en.starts_with("no VPID"))
            .map(|s| s.en.clone())
            .unwrap_or_default()
    };
    assert!(refill(&builder.op_path(Op::Cpuid).submit.steps).contains("; 64 page walks refill"));
    assert!(refill(&builder.hidden_fault_path().steps).contains("; 1 page walk refills"));
    assert!(refill(&builder.pause_loop_exit_path(true).steps).contains("; 2 page walks refill"));
}

/// Without VPID the refill after an operation's first exit counts the guest's mean run
/// between exits, which the mix's non-exiting operations lengthen. Prescott, hardware
/// assist, shadow paging, a 3 GHz clock (a tick every 12 000 000 cycles, each one exiting
/// path: its timer and EOI exits, no guest run between them), 2000-cycle bursts, 128 MiB working set (walks of 75
/// cycles, at most 64 entries), a new page every 4000 cycles.
///
/// Every operation an `io_port` (it exits, nothing of the guest's after its exit): per
/// operation 2000 cycles of burst and 2000 / 12 000 000 ticks, so a run of
/// 2000 × 12e6 / (12e6 + 2000) = 1999 cycles between exits: 1 page, 1 walk, 75 cycles.
///
/// Nine system calls (242 + 800 cycles of guest kernel work, no exit) for one `io_port`:
/// per 10 operations 10 × 2000 + 9 × 1042 = 29 378 cycles, 1 + 20 000 / 12e6 exits:
/// 29 378 × 12e6 / (12e6 + 20 000) = 29 329 cycles, ceil(29 329 / 4000) = 8 pages, 8 walks,
/// 600 cycles. (Counting only the burst, as before, both refilled 1 page.)
#[test]
fn the_refill_after_an_exit_counts_the_mixs_operations_that_do_not_exit() {
    let costs = CostTable::default();
    let stack = stack(VT);
    let refill = |mix: OpMix| -> (u64, u64, String) {
        let workload = Workload {
            compute_cycles: 2_000,
            syscall_work_cycles: 800,
            mix,
            ..Workload::preset("cpu-bound").unwrap()
        };
        let builder = PathBuilder::new(&stack, &costs, CpuGeneration::Prescott, &workload)
            .with_working_set_mib(128);
        let path = builder.op_path(Op::IoPort);
        let step = path
            .submit
            .steps
            .iter()
            .find(|s| s.en.starts_with("no VPID"))
            .expect("a refill step")
            .clone();
        (builder.mean_run_between_exits(), step.cycles, step.en)
    };
    let (run, cycles, text) = refill(OpMix {
        io_port: 1,
        ..OpMix::default()
    });
    assert_eq!((run, cycles), (1_999, 75), "{text}");
    assert!(text.contains("; 1 page walk refills"), "{text}");
    let (run, cycles, text) = refill(OpMix {
        syscall: 9,
        io_port: 1,
        ..OpMix::default()
    });
    assert_eq!((run, cycles), (29_329, 600), "{text}");
    assert!(text.contains("; 8 page walks refill"), "{text}");
    assert!(text.contains("29329 cycles"), "{text}");
}

/// A guest whose mix never exits is bounded by its timer ticks alone: under hardware
/// assist on Prescott a tick exits every 12 000 000 cycles of compute, so the mean run is
/// about that (the system calls' 1042 cycles per 2 M-cycle burst add 0.05%):
/// 12e6 × (2e6 + 1042) / 2e6 = 12 006 252 cycles, far more than the TLB's 64 entries. With
/// binary translation nothing exits at all: unbounded.
#[test]
fn timer_ticks_bound_the_run_between_exits() {
    let costs = CostTable::default();
    let workload = Workload::preset("cpu-bound").unwrap();
    let vt = stack(VT);
    let builder = PathBuilder::new(&vt, &costs, CpuGeneration::Prescott, &workload);
    assert_eq!(builder.mean_run_between_exits(), 12_006_252);
    let bt = stack(BT);
    let builder = PathBuilder::new(&bt, &costs, CpuGeneration::Prescott, &workload);
    assert_eq!(builder.mean_run_between_exits(), u64::MAX);
}

#[test]
fn a_pv_kernels_cpuid_traps_and_its_privileged_writes_are_hypercalls() {
    // Xen's forced-emulation prefix turns a PV kernel's CPUID into a #UD trap that the
    // hypervisor emulates: one crossing, counted as a `cpuid` exit, not a hypercall. A CR3
    // write is a hypercall (mmuext_op), as is INVLPG.
    let costs = CostTable::default();
    let workload = Workload::preset("cpu-bound").unwrap();
    let stack = Stack {
        memory: MemoryVirtualization::DirectPv,
        io: IoModel::Paravirtual,
        ..stack(Some(Technique::Para))
    };
    let builder = PathBuilder::new(&stack, &costs, CpuGeneration::SandyBridge, &workload);
    let exits = |op: Op| -> Vec<ExitReason> {
        builder
            .op_path(op)
            .submit
            .steps
            .iter()
            .filter_map(|s| s.exit)
            .collect()
    };
    assert_eq!(exits(Op::Cpuid), [ExitReason::Cpuid]);
    assert_eq!(exits(Op::Cr3Write), [ExitReason::Hypercall]);
    assert_eq!(exits(Op::Invlpg), [ExitReason::Hypercall]);
    // As costly as a hypercall (estimate): the same two steps' cycles.
    let cycles = |op: Op| {
        FoldedPath::from(&builder.op_path(op).submit)
            .every_time
            .total
    };
    assert_eq!(cycles(Op::Cpuid), cycles(Op::CrWrite));
}

/// A 64-bit PV guest's page fault takes a system call's way in and out: the bounce through
/// the hypervisor (500), the native handler without its own IRET (1093 - 121: the PV kernel
/// returns by the hypercall, not by IRET) and the iret hypercall back (242 + 300). Its new
/// page-table entry goes in by an mmu_update hypercall of one update, as Linux's
/// `__xen_set_pte` does outside lazy-MMU mode (242 + 300 + the validation's 150): 500 + 972
/// + 692 + 542 = 2706 cycles; three crossings (the bounce and two hypercalls).
#[test]
fn a_pv_page_fault_enters_and_leaves_as_a_pv_system_call_does() {
    let costs = CostTable::default();
    let workload = Workload::preset("cpu-bound").unwrap();
    let para = Stack {
        memory: MemoryVirtualization::DirectPv,
        io: IoModel::Paravirtual,
        ..stack(Some(Technique::Para))
    };
    let builder = PathBuilder::new(&para, &costs, CpuGeneration::SandyBridge, &workload);
    let path = builder.op_path(Op::PageFault).submit;
    let total = FoldedPath::from(&path).every_time.total;
    let iret = costs.syscall_native - costs.syscall_native / 2;
    let mmu_update = costs.pv_hypercall + costs.pv_hypercall_handler + costs.pv_pte_validate;
    assert_eq!(
        total,
        costs.pv_syscall_bounce + costs.page_fault_native - iret
            + mmu_update
            + costs.pv_hypercall
            + costs.pv_hypercall_handler
    );
    assert_eq!(total, 2706);
    // One return only: the guest kernel's step is the handler without its IRET, and the
    // path's last step is the iret hypercall's handler.
    let kernel: u64 = path
        .steps
        .iter()
        .filter(|s| s.layer == Layer::GuestKernel && s.category == Category::GuestKernel)
        .map(|s| s.cycles)
        .sum();
    assert_eq!(kernel, costs.page_fault_native - iret);
    assert_eq!(
        path.steps.last().map(|s| s.en.as_str()),
        Some(super::memory::FAULT_IRET_HYPERCALL_EN)
    );
    // A system call's two crossings, the bounce in and the iret hypercall out, and the
    // mmu_update between them.
    let exits: Vec<_> = path.steps.iter().filter_map(|s| s.exit).collect();
    assert_eq!(
        exits,
        [
            ExitReason::PvBounce,
            ExitReason::Hypercall,
            ExitReason::Hypercall
        ]
    );
    let syscall_path = builder.op_path(Op::Syscall).submit;
    let syscall_exits: Vec<_> = syscall_path.steps.iter().filter_map(|s| s.exit).collect();
    assert_eq!(syscall_exits, [ExitReason::PvBounce, ExitReason::Hypercall]);
    let syscall = FoldedPath::from(&builder.op_path(Op::Syscall).submit)
        .every_time
        .total;
    let syscall_work = workload.syscall_work_cycles;
    // The same crossings as a system call's, whose SYSRET half (121 of the native 242)
    // the PV kernel does not execute, as it does not execute the fault handler's IRET: both
    // return by the iret hypercall.
    assert_eq!(
        total - (costs.page_fault_native - iret) - mmu_update,
        syscall - costs.syscall_native / 2 - syscall_work,
        "the same entry and exit as a system call"
    );
    // Natively the handler runs with its IRET: the whole measured figure.
    let native_stack = Stack::native();
    let native = PathBuilder::new(&native_stack, &costs, CpuGeneration::SandyBridge, &workload);
    assert_eq!(
        FoldedPath::from(&native.op_path(Op::PageFault).submit)
            .every_time
            .total,
        costs.page_fault_native
    );
}

/// A halted vCPU left the guest by a HLT exit, which flushed the TLB without VPID: when an
/// interrupt from its emulated disk wakes it, the first exit in its delivery (the handler's
/// read of the device's status) refills only what the handler touched since (1500 cycles:
/// one page, one 75-cycle walk), and the next (the EOI's APIC access, Prescott having no
/// APICv) what the guest ran since that read (nothing: at least one page). Delivered to a
/// running vCPU, the first exit (the external interrupt's) comes after the guest's mean run
/// (the whole 64-entry TLB of the 4 M-cycle bursts above).
#[test]
fn a_halted_vcpus_wake_up_refills_only_what_it_ran_since_its_hlt_exit() {
    let costs = CostTable::default();
    let workload = Workload {
        compute_cycles: 4_000_000,
        ..Workload::preset("cpu-bound").unwrap()
    };
    let stack = stack(VT);
    let builder = PathBuilder::new(&stack, &costs, CpuGeneration::Prescott, &workload)
        .with_working_set_mib(128);
    let refills = |state: VcpuState| -> Vec<String> {
        (builder.delivery_path(IrqSource::Disk, state).steps.iter())
            .filter(|s| s.en.starts_with("no VPID"))
            .map(|s| s.en.clone())
            .collect()
    };
    let halted = refills(VcpuState::Halted);
    assert_eq!(halted.len(), 2, "{halted:?}");
    assert!(halted[0].contains("; 1 page walk refills"), "{halted:?}");
    assert!(halted[1].contains("; 1 page walk refills"), "{halted:?}");
    let running = refills(VcpuState::Running);
    assert!(running[0].contains("; 64 page walks refill"), "{running:?}");
}

/// The stacks whose network back ends the tests below look at: type 1 and type 2, an
/// emulated and a PV NIC, a back end inline, in a driver domain and on a host thread.
fn network_stacks() -> Vec<Stack> {
    let vm = |kind, technique, io, driver_domain, backend| Stack {
        kind,
        technique: Some(technique),
        io,
        memory: MemoryVirtualization::Nested,
        driver_domain,
        backend,
        ..Stack::native()
    };
    use BackendPlacement::*;
    use IoModel::*;
    use PlatformKind::*;
    use Technique::*;
    vec![
        vm(Type1, Hybrid, Paravirtual, false, Hypervisor),
        vm(Type1, HardwareAssist, Emulated, false, Hypervisor),
        vm(Type1, Para, Paravirtual, true, DriverDomain),
        vm(Type1, HardwareAssist, Emulated, true, DriverDomain),
        vm(Type1, Hybrid, Paravirtual, false, VmThread),
        vm(Type2, HardwareAssist, Paravirtual, false, VmThread),
        vm(Type2, HardwareAssist, Emulated, false, VmThread),
    ]
}

/// Every cycle of a path, guest and back end (a scheduled back end's too).
fn all_cycles(steps: &[Step]) -> u64 {
    steps.iter().map(|s| s.cycles).sum()
}

/// The protocol stack's per-byte work (Felter's whole-stack figure) is charged once, in
/// the guest: raising `net_tx_per_kib` or `net_rx_per_kib` adds to a VM's send or
/// receive exactly what it adds natively, and nothing to its back end's steps (a back
/// end charged the stack's figure again would add it twice).
#[test]
fn a_network_back_end_is_not_charged_the_stacks_per_byte_work() {
    let workload = Workload {
        message_bytes: 65_536,
        ..Workload::preset("network-rr").unwrap()
    };
    let base = CostTable::default();
    let raised = CostTable {
        net_tx_per_kib: base.net_tx_per_kib + 1000,
        net_rx_per_kib: base.net_rx_per_kib + 1000,
        ..CostTable::default()
    };
    // 1000 more cycles per KiB of a 64 KiB message.
    let stack_delta = 1000 * 64;
    for stack in std::iter::once(Stack::native()).chain(network_stacks()) {
        let path = |costs: &CostTable, op| {
            PathBuilder::new(&stack, costs, CpuGeneration::Skylake, &workload).op_path(op)
        };
        let backend = |steps: &[Step]| -> u64 {
            steps
                .iter()
                .filter(|s| s.part == Part::Backend)
                .map(|s| s.cycles)
                .sum()
        };
        let (send, send_raised) = (path(&base, Op::NetSend), path(&raised, Op::NetSend));
        assert_eq!(
            all_cycles(&send_raised.submit.steps) - all_cycles(&send.submit.steps),
            stack_delta,
            "{stack:?}: send"
        );
        assert_eq!(
            backend(&send_raised.submit.steps),
            backend(&send.submit.steps),
            "{stack:?}: send's back end"
        );
        let (recv, recv_raised) = (path(&base, Op::NetReceive), path(&raised, Op::NetReceive));
        assert_eq!(
            all_cycles(&recv_raised.complete.steps) - all_cycles(&recv.complete.steps),
            stack_delta,
            "{stack:?}: receive"
        );
        assert_eq!(
            backend(&recv_raised.complete.steps),
            backend(&recv.complete.steps),
            "{stack:?}: receive's back end"
        );
    }
}

/// A VM's packets cross the host's software switch both ways (a Linux bridge or Open
/// vSwitch, the hypervisor's switch, the driver domain's bridge): raising `vswitch_packet`
/// by 1000 cycles adds 1000 to the back end's part of a send and of a receive on every
/// VM network stack, and nothing natively or through an assigned device (SR-IOV). Before
/// the receive's switch was modelled, a receive gained nothing.
#[test]
fn a_vms_packets_cross_the_software_switch_both_ways() {
    let workload = Workload::preset("network-rr").unwrap();
    let base = CostTable::default();
    let raised = CostTable {
        vswitch_packet: base.vswitch_packet + 1000,
        ..CostTable::default()
    };
    let backend = |stack: &Stack, costs: &CostTable, op: Op| -> u64 {
        let path = PathBuilder::new(stack, costs, CpuGeneration::Skylake, &workload).op_path(op);
        let steps = if op == Op::NetSend {
            path.submit.steps
        } else {
            path.complete.steps
        };
        steps
            .iter()
            .filter(|s| s.part == Part::Backend)
            .map(|s| s.cycles)
            .sum()
    };
    for stack in network_stacks() {
        for op in [Op::NetSend, Op::NetReceive] {
            assert_eq!(
                backend(&stack, &raised, op) - backend(&stack, &base, op),
                1000,
                "{stack:?}: {op:?}"
            );
        }
    }
    let passthrough = Stack {
        io: IoModel::Passthrough,
        ..network_stacks()[0].clone()
    };
    for stack in [Stack::native(), passthrough] {
        for op in [Op::NetSend, Op::NetReceive] {
            let all = |costs: &CostTable| {
                let path =
                    PathBuilder::new(&stack, costs, CpuGeneration::Skylake, &workload).op_path(op);
                all_cycles(&path.submit.steps) + all_cycles(&path.complete.steps)
            };
            assert_eq!(all(&raised), all(&base), "{stack:?}: {op:?}");
        }
    }
}

/// What a completion pays, counted by raising one cost by 1000 cycles:
/// - the completion of a disk request (`disk_complete`) runs twice for a VM behind a
///   back end or device model, in the guest and on the real driver's side (the host's,
///   the hypervisor's or the driver domain's block layer), and once natively or through
///   an assigned device;
/// - a type-2 vCPU woken from halt goes back into the VMM's world once
///   (`hosted_world_switch`), whatever woke it (a disk completion, a timer), and the back
///   end pays none of it: its device model raises the interrupt from its own thread.
#[test]
fn completions_pay_the_real_drivers_side_and_a_type2_wake_its_world_switch() {
    let workload = Workload::preset("cpu-bound").unwrap();
    let base = CostTable::default();
    let complete = |stack: &Stack, costs: &CostTable, op: Op, backend_only: bool| -> u64 {
        PathBuilder::new(stack, costs, CpuGeneration::Skylake, &workload)
            .op_path(op)
            .complete
            .steps
            .iter()
            .filter(|s| !backend_only || s.part == Part::Backend)
            .map(|s| s.cycles)
            .sum()
    };
    let disk = CostTable {
        disk_complete: base.disk_complete + 1000,
        ..CostTable::default()
    };
    let passthrough = Stack {
        io: IoModel::Passthrough,
        ..network_stacks()[0].clone()
    };
    for stack in network_stacks() {
        let raised = complete(&stack, &disk, Op::DiskRead, false);
        assert_eq!(
            raised - complete(&stack, &base, Op::DiskRead, false),
            2000,
            "{stack:?}"
        );
    }
    for stack in [Stack::native(), passthrough] {
        let raised = complete(&stack, &disk, Op::DiskRead, false);
        assert_eq!(
            raised - complete(&stack, &base, Op::DiskRead, false),
            1000,
            "{stack:?}"
        );
    }
    let world = CostTable {
        hosted_world_switch: base.hosted_world_switch + 1000,
        ..CostTable::default()
    };
    for stack in network_stacks() {
        let type2 = u64::from(stack.kind == PlatformKind::Type2);
        for op in [Op::DiskRead, Op::NetReceive, Op::Sleep] {
            // After an emulated device's interrupt the guest reads its status registers,
            // each read an exit to the VMM process and back (two world switches).
            let reads = match (stack.io, op) {
                (IoModel::Emulated, Op::DiskRead) => 1,
                (IoModel::Emulated, Op::NetReceive) => base.emulated_nic_interrupt_accesses,
                _ => 0,
            };
            let gained = complete(&stack, &world, op, false) - complete(&stack, &base, op, false);
            assert_eq!(gained, (1000 + 2000 * reads) * type2, "{stack:?}: {op:?}");
            let backend = complete(&stack, &world, op, true) - complete(&stack, &base, op, true);
            assert_eq!(backend, 0, "{stack:?}: {op:?}'s back end");
        }
    }
}

/// What a back end does with a 64 KiB payload, at `backend_copy_per_kib` = 256: one copy
/// (16 384 cycles) per direction where software moves it between the guest's memory and
/// a host buffer, two for an emulated NIC whose device model is a user process (its
/// emulated DMA, then the tap device's write or read).
#[test]
fn a_network_back_end_copies_the_payload_once_per_software_hop() {
    let workload = Workload {
        message_bytes: 65_536,
        ..Workload::preset("network-rr").unwrap()
    };
    let costs = CostTable::default();
    let copy = costs.backend_copy_per_kib * 64;
    assert_eq!(copy, 16_384);
    let copies = |stack: &Stack, op: Op| -> u64 {
        let path = PathBuilder::new(stack, &costs, CpuGeneration::Skylake, &workload).op_path(op);
        let steps = if op == Op::NetSend {
            &path.submit.steps
        } else {
            &path.complete.steps
        };
        steps.iter().filter(|s| s.cycles == copy).count() as u64
    };
    // Xen's netback (the third stack) copies only a sent packet's first 128 bytes and maps
    // the rest for the NIC's DMA (`a_xen_send_copies_its_header_and_maps_the_rest`).
    for (stack, expected) in network_stacks().iter().zip([1, 1, 1, 2, 1, 1, 2]) {
        let expected_send = if stack.driver_domain && stack.io == IoModel::Paravirtual {
            0
        } else {
            expected
        };
        assert_eq!(copies(stack, Op::NetSend), expected_send, "{stack:?}: send");
        assert_eq!(
            copies(stack, Op::NetReceive),
            expected,
            "{stack:?}: receive"
        );
    }
    // Type 1 hybrid, inline back end: takes the request off the ring (2000), copies the
    // payload (16 384), the software switch forwards the packet (1500), posts the used
    // entry for the guest to reclaim its buffer (400): 20 284 cycles.
    // Type 2, emulated NIC: the device model's emulated DMA (16 384), the write to the
    // tap device (a host system call, 242), the host kernel's copy (16 384) and the
    // switch (1500), then the device model's write-back of the descriptors and its
    // transmit-done interrupt (1500): 36 010.
    let backend = |stack: &Stack| -> u64 {
        PathBuilder::new(stack, &costs, CpuGeneration::Skylake, &workload)
            .op_path(Op::NetSend)
            .submit
            .steps
            .iter()
            .filter(|s| s.part == Part::Backend)
            .map(|s| s.cycles)
            .sum()
    };
    let stacks = network_stacks();
    assert_eq!(backend(&stacks[0]), 20_284);
    assert_eq!(backend(&stacks[6]), 36_010);
}

/// A sleep arms its wake-up before the CPU goes idle: a TSC-deadline write natively (no
/// exit), an `msr_write` exit under hardware assist (APICv does not cover the MSR), Xen's
/// `set_timer_op` hypercall under para, a `hypercall` exit with a hybrid guest's PV timer
/// (its VMCALL exits as the WRMSR does), and an
/// emulated write in translated code (Adams & Agesen's 35 cycles, no exit; only the sleep's
/// system call traps).
#[test]
fn a_sleep_arms_its_wake_up_timer_as_the_technique_decides() {
    let costs = CostTable::default();
    let workload = Workload::preset("cpu-bound").unwrap();
    let submit = |stack: &Stack| -> (Vec<ExitReason>, u64) {
        let builder = PathBuilder::new(stack, &costs, CpuGeneration::Skylake, &workload);
        let path = builder.op_path(Op::Sleep).submit;
        let exits = path.steps.iter().filter_map(|s| s.exit).collect();
        (exits, path.steps.iter().map(|s| s.cycles).sum())
    };
    let (native_exits, native) = submit(&Stack::native());
    assert!(native_exits.is_empty());
    // The sleep's SYSCALL half, then the deadline write (its SYSRET comes after the wake-up).
    assert_eq!(native, costs.syscall_native / 2 + costs.privileged_native);
    let hybrid = |pv_timer| Stack {
        technique: Some(Technique::Hybrid),
        enlightenments: Enlightenments {
            pv_timer,
            ..Enlightenments::kvm_linux()
        },
        ..stack(VT)
    };
    assert_eq!(submit(&stack(VT)).0, [ExitReason::MsrWrite]);
    assert_eq!(submit(&hybrid(false)).0, [ExitReason::MsrWrite]);
    let (pv_timer_exits, pv_timer_cycles) = submit(&hybrid(true));
    assert_eq!(pv_timer_exits, [ExitReason::Hypercall]);
    // The same exit round trip and generic handler, the hypercall's handler instead of the
    // MSR write's (none beyond the generic one).
    assert_eq!(
        pv_timer_cycles - submit(&hybrid(false)).1,
        costs.pv_hypercall_handler
    );
    let para = Stack {
        memory: MemoryVirtualization::DirectPv,
        io: IoModel::Paravirtual,
        ..stack(Some(Technique::Para))
    };
    let para_exits = submit(&para).0;
    assert_eq!(
        para_exits.last(),
        Some(&ExitReason::Hypercall),
        "{para_exits:?}"
    );
    // Under BT the sleep's system call traps into the VMM (`syscall_trap`); arming the
    // timer is an emulated write in translated code, no trap. The return through the VMM
    // (the other half of BT's extra cost) and the SYSRET come after the wake-up.
    let (bt_exits, bt) = submit(&stack(BT));
    assert_eq!(bt_exits, [ExitReason::SyscallTrap]);
    assert_eq!(
        bt,
        costs.syscall_native / 2
            + (costs.bt_syscall - costs.syscall_native) / 2
            + costs.bt_privileged
    );
}

/// A PAUSE-loop exit costs KVM's candidate scan (`ple_exit_handler`) only when the
/// hypervisor yields to a chosen vCPU (`fair`); Xen's handler only calls
/// `SCHEDOP_yield`, so its exit costs the exit alone: exactly the scan less.
#[test]
fn only_a_directed_yield_pays_for_the_candidate_scan() {
    let costs = CostTable::default();
    let workload = Workload::preset("cpu-bound").unwrap();
    let stack = stack(VT);
    let builder = PathBuilder::new(&stack, &costs, CpuGeneration::Skylake, &workload);
    let cycles = |directed: bool| -> u64 {
        builder
            .pause_loop_exit_path(directed)
            .steps
            .iter()
            .map(|s| s.cycles)
            .sum()
    };
    assert!(costs.ple_exit_handler > 0);
    assert_eq!(cycles(true) - cycles(false), costs.ple_exit_handler);
}

/// A Xen HVM guest's PV front end notifies a back end in the driver domain through its
/// event channel (EVTCHNOP_send, a VMCALL under hardware assist): the kick is counted as a
/// hypercall exit, not the port write of a virtio kick; it costs the same exit.
#[test]
fn a_pv_front_end_kicks_a_driver_domain_with_a_hypercall() {
    let costs = CostTable::default();
    let workload = Workload::preset("disk-random-4k").unwrap();
    let pv = |driver_domain| Stack {
        technique: Some(Technique::HardwareAssist),
        io: IoModel::Paravirtual,
        memory: MemoryVirtualization::Nested,
        driver_domain,
        backend: if driver_domain {
            BackendPlacement::DriverDomain
        } else {
            BackendPlacement::Hypervisor
        },
        ..stack(Some(Technique::HardwareAssist))
    };
    let kick = |driver_domain| {
        let s = pv(driver_domain);
        let builder = PathBuilder::new(&s, &costs, CpuGeneration::SandyBridge, &workload);
        let submit = builder.op_path(Op::DiskRead).submit;
        let exits: Vec<_> = submit.steps.iter().filter_map(|s| s.exit).collect();
        let cycles: u64 = submit
            .steps
            .iter()
            .filter(|s| s.exit.is_some())
            .map(|s| s.cycles)
            .sum();
        (exits, cycles)
    };
    let (dom0, dom0_cycles) = kick(true);
    let (inline, inline_cycles) = kick(false);
    assert_eq!(dom0, [ExitReason::Hypercall]);
    assert_eq!(inline, [ExitReason::IoInstruction]);
    assert_eq!(dom0_cycles, inline_cycles);
}

/// A 64-bit PV system call goes in by the bounce, does the kernel's work, and only then
/// returns to user space by the iret hypercall; a blocking one returns after its
/// completion (the step-through showed the return first once).
#[test]
fn a_pv_system_call_returns_after_its_kernel_work() {
    let costs = CostTable::default();
    let workload = Workload::preset("disk-random-4k").unwrap();
    let para = Stack {
        memory: MemoryVirtualization::DirectPv,
        io: IoModel::Paravirtual,
        ..stack(Some(Technique::Para))
    };
    let builder = PathBuilder::new(&para, &costs, CpuGeneration::SandyBridge, &workload);
    let position = |steps: &[Step], what: &str| steps.iter().position(|s| s.en.contains(what));
    let syscall = builder.op_path(Op::Syscall).submit.steps;
    let bounce = position(&syscall, "the syscall enters the hypervisor").expect("bounce");
    let work = position(&syscall, "kernel work of the system call").expect("work");
    let iret = position(&syscall, "iret hypercall").expect("iret");
    assert!(bounce < work && work < iret, "{syscall:#?}");
    assert_eq!(
        syscall.last().map(|s| s.en.as_str()),
        Some(super::cpu::IRET_HYPERCALL_EN)
    );
    // A disk read: the return is the completion's last step, not the submission's.
    let read = builder.op_path(Op::DiskRead);
    assert_eq!(position(&read.submit.steps, "iret hypercall"), None);
    assert_eq!(
        read.complete.steps.last().map(|s| s.en.as_str()),
        Some(super::cpu::IRET_HYPERCALL_EN)
    );
}

/// A PV shootdown as the step-through shows it: the flush hypercall, Xen's IPI and its wait
/// for the flush inside it (the hypervisor's, not a guest spin), and the system call's
/// iret last.
#[test]
fn a_pv_shootdown_returns_to_user_space_after_the_flush() {
    let costs = CostTable::default();
    let workload = Workload::preset("cpu-bound").unwrap();
    let para = Stack {
        memory: MemoryVirtualization::DirectPv,
        io: IoModel::Paravirtual,
        ..stack(Some(Technique::Para))
    };
    let builder = PathBuilder::new(&para, &costs, CpuGeneration::SandyBridge, &workload);
    let steps = builder.shown_path(Op::TlbShootdown).submit.steps;
    let at = |what: &str| steps.iter().position(|s| s.en.contains(what));
    let flush = at("TLB_FLUSH_MULTI").expect("flush hypercall");
    let ipi = at("sends a flush IPI").expect("IPI");
    let wait = at("the hypervisor waits").expect("wait");
    assert!(flush < ipi && ipi < wait, "{steps:#?}");
    assert_eq!(steps[wait].layer, Layer::Hypervisor);
    assert_eq!(
        steps.last().map(|s| s.en.as_str()),
        Some(super::cpu::IRET_HYPERCALL_EN)
    );
}

/// The stacks whose system call ends in a SYSRET: native, a container, hardware assist,
/// hybrid and binary translation (a PV kernel returns by the iret hypercall instead).
fn sysret_stacks() -> Vec<Stack> {
    let container = Stack {
        kind: PlatformKind::Container,
        ..Stack::native()
    };
    vec![
        Stack::native(),
        container,
        stack(VT),
        Stack {
            memory: MemoryVirtualization::Nested,
            ..stack(Some(Technique::Hybrid))
        },
        stack(BT),
    ]
}

/// A system call enters by its SYSCALL first and returns by its SYSRET last, after the
/// kernel's work: half of the native round trip each (242 = 121 + 121). Under binary
/// translation the trap into the VMM follows the SYSCALL and the return through the VMM
/// comes before the SYSRET, half of BT's extra cost each (2066 = 1033 + 1033): the total
/// and its split by category are what they were as one step at the start.
#[test]
fn a_system_call_returns_by_its_sysret_after_the_kernels_work() {
    let costs = CostTable::default();
    let workload = Workload::preset("syscall-heavy").unwrap();
    let work = workload.syscall_work_cycles;
    assert!(work > 0);
    let sysret = costs.syscall_native - costs.syscall_native / 2;
    for stack in sysret_stacks() {
        let builder = PathBuilder::new(&stack, &costs, CpuGeneration::Skylake, &workload);
        let steps = builder.op_path(Op::Syscall).submit.steps;
        let first = steps.first().expect("steps");
        let last = steps.last().expect("steps");
        assert_eq!(first.en, super::cpu::SYSCALL_STEP, "{stack:?}");
        assert_eq!(first.cycles, costs.syscall_native / 2, "{stack:?}");
        assert!(last.en.starts_with("SYSRET"), "{stack:?}: {steps:#?}");
        assert_eq!(last.cycles, sysret, "{stack:?}");
        assert_eq!(last.layer, Layer::GuestKernel, "{stack:?}");
        let at = |what: &str| steps.iter().position(|s| s.en.contains(what));
        let work_at = at("kernel work of the system call").expect("work");
        assert!(0 < work_at && work_at < steps.len() - 1, "{steps:#?}");
        let cost = PathCost::of_steps(&steps);
        // The translated kernel's extra cost (its lookups, under BT only).
        let translated: u64 = steps
            .iter()
            .filter(|s| s.translation.is_some())
            .map(|s| s.cycles)
            .sum();
        let seccomp = if stack.kind == PlatformKind::Container {
            costs.seccomp_syscall_filter
        } else {
            0
        };
        if stack.technique == BT {
            assert!(translated > 0);
            let vmm = costs.bt_syscall - costs.syscall_native;
            assert_eq!(cost.total, costs.bt_syscall + work + translated);
            assert_eq!(
                cost.by_category[Category::Hypervisor as usize],
                vmm + translated
            );
            assert_eq!(
                cost.by_category[Category::GuestKernel as usize],
                costs.syscall_native + work
            );
            assert_eq!(cost.exits[ExitReason::SyscallTrap as usize], 1);
            assert_eq!(steps[1].exit, Some(ExitReason::SyscallTrap));
            assert_eq!(steps[1].cycles, vmm / 2);
            let back = &steps[steps.len() - 2];
            assert_eq!(back.en, super::cpu::BT_SYSRET_EN);
            assert_eq!((back.cycles, back.exit), (vmm - vmm / 2, None));
        } else {
            assert_eq!(translated, 0);
            assert_eq!(
                cost.total,
                costs.syscall_native + work + seccomp,
                "{stack:?}"
            );
            assert!(!cost.has_exits, "{stack:?}");
        }
    }
}

/// A blocking call returns after its completion: the submission ends without the SYSRET,
/// the completion's last step is it (and, under binary translation, the return through
/// the VMM just before it), and the two halves together cost what the call did with the
/// round trip charged at the start.
#[test]
fn a_blocking_call_returns_after_its_completion() {
    let costs = CostTable::default();
    let workload = Workload::preset("disk-random-4k").unwrap();
    for stack in sysret_stacks() {
        let builder = PathBuilder::new(&stack, &costs, CpuGeneration::Skylake, &workload);
        for op in [Op::DiskRead, Op::NetReceive, Op::Sleep] {
            let path = builder.op_path(op);
            let sysret = |s: &Step| s.en.starts_with("SYSRET");
            assert!(!path.submit.steps.iter().any(sysret), "{stack:?} {op:?}");
            let last = path.complete.steps.last().expect("a completion");
            assert!(sysret(last), "{stack:?} {op:?}: {:#?}", path.complete.steps);
            assert_eq!(last.part, Part::Guest, "{stack:?} {op:?}");
            let vmm_back = path
                .complete
                .steps
                .iter()
                .filter(|s| s.en == super::cpu::BT_SYSRET_EN)
                .count();
            assert_eq!(vmm_back, usize::from(stack.technique == BT), "{stack:?}");
            // On the vCPU: the entry half on submit, the return on completion.
            let charged = |steps: &[Step]| -> u64 {
                steps
                    .iter()
                    .filter(|s| {
                        s.en == super::cpu::SYSCALL_STEP
                            || s.en == super::cpu::BT_SYSRET_EN
                            || sysret(s)
                            || s.exit == Some(ExitReason::SyscallTrap)
                    })
                    .map(|s| s.cycles)
                    .sum()
            };
            let whole = charged(&path.submit.steps) + charged(&path.complete.steps);
            let expected = if stack.technique == BT {
                costs.bt_syscall
            } else {
                costs.syscall_native
            };
            assert_eq!(whole, expected, "{stack:?} {op:?}");
        }
    }
    // A send does not block: its SYSRET is its submission's last step.
    for stack in sysret_stacks() {
        let builder = PathBuilder::new(&stack, &costs, CpuGeneration::Skylake, &workload);
        let send = builder.op_path(Op::NetSend);
        let last = send.submit.steps.last().expect("steps");
        assert!(last.en.starts_with("SYSRET"), "{stack:?}");
        assert!(send.complete.steps.is_empty(), "{stack:?}");
    }
}

/// A guest timer tick on a running vCPU under hardware assist: the host timer's
/// external-interrupt exit, then the guest acknowledges the interrupt first (Linux
/// `sysvec_apic_timer_interrupt`), runs its tick and re-arms the next one. Without APICv the
/// EOI is an `apic_access` exit and the re-arm, a WRMSR to the TSC-deadline timer, an
/// `msr_write` exit: two exits, as the same platform's sleep arms its wake-up with an
/// `msr_write` exit. With APICv only the re-arm exits; a hybrid guest's PV timer re-arms
/// with a hypercall, which exits too, and its PV EOI removes the EOI's exit.
#[test]
fn a_timer_tick_without_apicv_exits_for_its_eoi_and_for_its_re_arm() {
    let costs = CostTable::default();
    let workload = Workload::preset("cpu-bound").unwrap();
    let tick = |stack: &Stack, apicv: bool| -> (Vec<ExitReason>, u64, Vec<Step>) {
        let features = CpuFeatures {
            apicv,
            ..CpuGeneration::SandyBridge.features()
        };
        assert!(features.vpid, "no refill after the exits");
        let builder = PathBuilder::new(stack, &costs, CpuGeneration::SandyBridge, &workload)
            .with_features(features);
        let steps = builder.op_path(Op::TimerInterrupt).submit.steps;
        let exits = steps.iter().filter_map(|s| s.exit).collect();
        (exits, steps.iter().map(|s| s.cycles).sum(), steps)
    };
    let hw = Stack {
        memory: MemoryVirtualization::Nested,
        ..stack(VT)
    };
    let (without, without_cycles, steps) = tick(&hw, false);
    assert_eq!(
        without,
        [
            ExitReason::ExternalInterrupt,
            ExitReason::ApicAccess,
            ExitReason::MsrWrite
        ]
    );
    // The EOI before the guest's handler, the re-arm after it.
    let at = |what: ExitReason| steps.iter().position(|s| s.exit == Some(what)).unwrap();
    let handler = steps
        .iter()
        .position(|s| s.en.starts_with("guest timer handler"))
        .expect("handler");
    assert!(at(ExitReason::ApicAccess) < handler && handler < at(ExitReason::MsrWrite));
    let (with, with_cycles, _) = tick(&hw, true);
    assert_eq!(with, [ExitReason::ExternalInterrupt, ExitReason::MsrWrite]);
    // The EOI's exit is all that APICv saves: one exit round trip and the generic handler.
    let one_exit = costs.exit_roundtrip(CpuGeneration::SandyBridge) + costs.exit_handler;
    assert_eq!(without_cycles - with_cycles, one_exit);
    let hybrid = |pv_eoi, pv_timer| Stack {
        technique: Some(Technique::Hybrid),
        enlightenments: Enlightenments {
            pv_eoi,
            pv_timer,
            ..Enlightenments::kvm_linux()
        },
        ..hw.clone()
    };
    assert_eq!(
        tick(&hybrid(false, false), false).0,
        [
            ExitReason::ExternalInterrupt,
            ExitReason::ApicAccess,
            ExitReason::MsrWrite
        ]
    );
    assert_eq!(
        tick(&hybrid(true, false), false).0,
        [ExitReason::ExternalInterrupt, ExitReason::MsrWrite]
    );
    assert_eq!(
        tick(&hybrid(false, true), false).0,
        [
            ExitReason::ExternalInterrupt,
            ExitReason::ApicAccess,
            ExitReason::Hypercall
        ]
    );
    assert_eq!(
        tick(&hybrid(true, true), false).0,
        [ExitReason::ExternalInterrupt, ExitReason::Hypercall]
    );
}

/// A native kernel's tick re-arms the next one as a guest's does: the local APIC timer in
/// TSC-deadline mode is one-shot, so each tick ends with a WRMSR to `IA32_TSC_DEADLINE`
/// (`privileged_native`, as a native sleep's arming), after the handler. A container's
/// tick is its host kernel's, the same; a sleep's wake-up restarts the tick the same way;
/// and a type-2 host's own tick, taken while its guest runs, re-arms the host's timer.
#[test]
fn a_native_tick_re_arms_its_tsc_deadline_timer() {
    let costs = CostTable::default();
    let workload = Workload::preset("cpu-bound").unwrap();
    let rearm = |stack: &Stack, op: Op| -> (Vec<Step>, usize, usize) {
        let builder = PathBuilder::new(stack, &costs, CpuGeneration::SandyBridge, &workload);
        let path = builder.op_path(op);
        let steps: Vec<Step> = path
            .submit
            .steps
            .into_iter()
            .chain(path.complete.steps)
            .collect();
        let handler = steps
            .iter()
            .position(|s| s.en.starts_with("timer interrupt handler"))
            .unwrap_or(usize::MAX);
        let rearms = steps
            .iter()
            .filter(|s| s.en.contains("re-arms") && s.en.contains("TSC-deadline"))
            .count();
        (steps, handler, rearms)
    };
    let native = Stack::native();
    let (steps, handler, rearms) = rearm(&native, Op::TimerInterrupt);
    assert_eq!(rearms, 1);
    assert_eq!(steps.len(), 2, "{steps:#?}");
    assert_eq!(handler, 0);
    assert_eq!(steps[1].cycles, costs.privileged_native);
    assert_eq!(steps[1].category, Category::GuestKernel);
    assert_eq!(
        steps.iter().map(|s| s.cycles).sum::<u64>(),
        costs.timer_interrupt + costs.privileged_native
    );
    let container = Stack {
        kind: PlatformKind::Container,
        ..Stack::native()
    };
    assert_eq!(rearm(&container, Op::TimerInterrupt).2, 1);
    // A sleep arms its wake-up, and the wake-up's tick restarts the periodic one.
    let (sleep, _, sleep_rearms) = rearm(&native, Op::Sleep);
    assert_eq!(sleep_rearms, 1, "{sleep:#?}");
    // Type 2: the host kernel's own tick, in its own world, re-arms the host's timer.
    let t2 = Stack {
        kind: PlatformKind::Type2,
        memory: MemoryVirtualization::Nested,
        backend: BackendPlacement::VmThread,
        ..stack(VT)
    };
    let (t2_steps, _, _) = rearm(&t2, Op::TimerInterrupt);
    let host_rearm = t2_steps
        .iter()
        .filter(|s| s.en.starts_with("the host kernel re-arms its next tick"))
        .collect::<Vec<_>>();
    assert_eq!(host_rearm.len(), 1, "{t2_steps:#?}");
    assert_eq!(host_rearm[0].category, Category::HostOs);
    assert_eq!(host_rearm[0].cycles, costs.privileged_native);
}

/// Under binary translation the timer tick does what it does on hardware, in the same
/// order: the VMM takes the host's timer interrupt and injects a virtual one, the guest
/// acknowledges it first (an EOI to the VMM's emulated APIC, caught in translated code),
/// runs its tick and re-arms the next one (the WRMSR to the TSC-deadline timer, caught in
/// translated code, as a BT sleep's arming of its wake-up). A sleep's wake-up under BT is
/// the same timer interrupt, delivered to the halted vCPU.
#[test]
fn a_binary_translated_tick_acknowledges_first_and_re_arms_its_timer() {
    let costs = CostTable::default();
    let workload = Workload::preset("cpu-bound").unwrap();
    let bt = stack(BT);
    let builder = PathBuilder::new(&bt, &costs, CpuGeneration::SandyBridge, &workload);
    let tick = builder.op_path(Op::TimerInterrupt).submit.steps;
    let handler = tick
        .iter()
        .position(|s| s.en == "guest timer handler")
        .expect("handler");
    let eoi = tick
        .iter()
        .position(|s| s.en.starts_with("EOI"))
        .expect("EOI");
    let re_arm = tick
        .iter()
        .position(|s| s.en.contains("TSC-deadline"))
        .expect("re-arm");
    assert!(eoi < handler && handler < re_arm, "{tick:#?}");
    assert_eq!(tick[eoi].cycles, costs.bt_privileged);
    assert_eq!(tick[re_arm].cycles, costs.bt_privileged);
    assert_eq!(
        all_cycles(&tick),
        2 * costs.timer_interrupt + 2 * costs.bt_privileged
    );
    // The sleep's arming is the same translated WRMSR.
    let sleep = builder.op_path(Op::Sleep);
    let arm = sleep
        .submit
        .steps
        .iter()
        .find(|s| s.en.contains("TSC-deadline"))
        .expect("arming");
    assert_eq!(arm.cycles, tick[re_arm].cycles);
    assert!(sleep
        .complete
        .steps
        .iter()
        .any(|s| s.en.contains("TSC-deadline") && s.part == Part::Interrupt));
}

/// Under binary translation a device's completion raises its virtual interrupt once: the
/// device model (or the PV back end's response) makes it pending, and the VMM's step in
/// the delivery to a halted vCPU is its delivery into the guest's handler, not a second
/// raise. Both are charged, each for its own work.
#[test]
fn a_binary_translated_completion_raises_its_virtual_interrupt_once() {
    let costs = CostTable::default();
    let workload = Workload::preset("network-rr").unwrap();
    for io in [IoModel::Emulated, IoModel::Paravirtual] {
        let bt = Stack { io, ..stack(BT) };
        let builder = PathBuilder::new(&bt, &costs, CpuGeneration::SandyBridge, &workload);
        let complete = builder.op_path(Op::NetReceive).complete.steps;
        let raises = complete.iter().filter(|s| s.en.contains("raises")).count();
        assert_eq!(raises, usize::from(io == IoModel::Emulated), "{io:?}");
        let wake = complete
            .iter()
            .position(|s| s.en.contains("wakes the halted vCPU"))
            .expect("wake-up");
        let delivery = complete
            .iter()
            .position(|s| {
                s.en.starts_with("VMM delivers the device's pending virtual interrupt")
            })
            .expect("delivery");
        assert!(wake < delivery, "{io:?}: {complete:#?}");
        assert_eq!(complete[delivery].cycles, costs.bt_privileged);
    }
}

/// A paravirtual or assigned device's interrupt is an MSI, edge-triggered: Linux
/// acknowledges it first (`handle_edge_irq`), then runs the handler, as for the timer; an
/// emulated legacy device's is level-triggered and acknowledged after the handler. Under
/// hardware assist without APICv the EOI is an APIC-access exit either way; under BT a
/// write to the VMM's emulated APIC.
#[test]
fn an_msi_is_acknowledged_before_its_handler() {
    let costs = CostTable::default();
    let workload = Workload::preset("cpu-bound").unwrap();
    let features = CpuFeatures {
        apicv: false,
        posted_interrupts: false,
        ..CpuGeneration::SandyBridge.features()
    };
    for technique in [VT, BT] {
        for (io, edge) in [
            (IoModel::Paravirtual, true),
            (IoModel::Passthrough, true),
            (IoModel::Emulated, false),
        ] {
            if technique == BT && io == IoModel::Passthrough {
                continue;
            }
            let s = Stack {
                io,
                memory: MemoryVirtualization::Nested,
                ..stack(technique)
            };
            let builder = PathBuilder::new(&s, &costs, CpuGeneration::SandyBridge, &workload)
                .with_features(features);
            for state in [VcpuState::Running, VcpuState::Halted, VcpuState::Waiting] {
                let steps = builder.delivery_path(IrqSource::Disk, state).steps;
                let handler = steps
                    .iter()
                    .position(|s| s.en.starts_with("guest interrupt handler"))
                    .expect("handler");
                let eoi = steps
                    .iter()
                    .position(|s| {
                        s.exit == Some(ExitReason::ApicAccess)
                            || (s.layer == Layer::Hypervisor && s.en.starts_with("EOI"))
                    })
                    .expect("EOI");
                assert_eq!(
                    eoi < handler,
                    edge,
                    "{technique:?} {io:?} {state:?}: {steps:#?}"
                );
            }
        }
    }
}

/// A PV guest's events all reach it by the same upcall (Xen's bounce frame into its event
/// callback), whatever made them pending: a device's back end, or the vCPU's timer, which
/// Xen runs from its own timer interrupt (`timer_interrupt`, as a hardware-assisted guest's
/// timer is the host's timer interrupt). So a PV tick is Xen's timer interrupt, the upcall,
/// the guest's handler and the `set_timer_op` hypercall for the next tick.
#[test]
fn a_pv_guests_upcall_costs_the_same_for_a_timer_and_a_device() {
    let costs = CostTable::default();
    let workload = Workload::preset("cpu-bound").unwrap();
    let pv = Stack {
        io: IoModel::Paravirtual,
        ..stack(Some(Technique::Para))
    };
    let builder = PathBuilder::new(&pv, &costs, CpuGeneration::SandyBridge, &workload);
    let upcall = |steps: &[Step]| -> u64 {
        let upcalls: Vec<&Step> = steps
            .iter()
            .filter(|s| s.en.starts_with("event-channel upcall"))
            .collect();
        assert_eq!(upcalls.len(), 1, "{steps:#?}");
        upcalls[0].cycles
    };
    let tick = builder.op_path(Op::TimerInterrupt).submit.steps;
    let disk = builder
        .delivery_path(IrqSource::Disk, VcpuState::Halted)
        .steps;
    let sleep = builder
        .delivery_path(IrqSource::Timer, VcpuState::Halted)
        .steps;
    assert_eq!(upcall(&tick), costs.pv_hypercall_handler);
    assert_eq!(upcall(&disk), upcall(&tick));
    assert_eq!(upcall(&sleep), upcall(&tick));
    assert_eq!(
        all_cycles(&tick),
        costs.timer_interrupt
            + costs.pv_hypercall_handler
            + costs.timer_interrupt
            + costs.pv_hypercall
            + costs.pv_hypercall_handler
    );
    assert!(tick[0].en.starts_with("Xen takes its own timer interrupt"));
}

/// An interrupt that arrives while a BT or PV guest runs enters the VMM or Xen (it owns the
/// IDT): a crossing into the hypervisor, counted as a hardware-assisted guest's
/// external-interrupt exit is, though no VM exit's cost comes with it. A halted or waiting
/// vCPU is not in the guest when it comes: no crossing. A PV back end's event for a running
/// vCPU comes by Xen's event-check IPI, whose entry (an exception's delivery and IRET, the
/// estimate a driver domain's IPI pays) comes before the upcall; a halted one is woken
/// instead (the wake-up pays its IPI).
#[test]
fn an_interrupt_into_a_running_bt_or_pv_guest_is_a_crossing() {
    let costs = CostTable::default();
    let workload = Workload::preset("cpu-bound").unwrap();
    let crossings = |steps: &[Step]| -> Vec<(ExitReason, u64)> {
        steps
            .iter()
            .filter_map(|s| Some((s.exit?, s.cycles)))
            .collect()
    };
    let bt = stack(BT);
    let builder = PathBuilder::new(&bt, &costs, CpuGeneration::SandyBridge, &workload);
    // The tick's first step: the VMM takes the timer interrupt (its cost as before).
    let tick = builder.op_path(Op::TimerInterrupt).submit.steps;
    assert_eq!(
        crossings(&tick),
        [(ExitReason::ExternalInterrupt, costs.timer_interrupt)]
    );
    for state in [VcpuState::Halted, VcpuState::Waiting] {
        let steps = builder.delivery_path(IrqSource::Timer, state).steps;
        assert!(crossings(&steps).is_empty(), "{state:?}: {steps:#?}");
    }
    let running = builder
        .delivery_path(IrqSource::Disk, VcpuState::Running)
        .steps;
    assert_eq!(
        crossings(&running),
        [(ExitReason::ExternalInterrupt, costs.device_interrupt)]
    );

    let pv = Stack {
        io: IoModel::Paravirtual,
        ..stack(Some(Technique::Para))
    };
    let builder = PathBuilder::new(&pv, &costs, CpuGeneration::SandyBridge, &workload);
    let tick = builder.op_path(Op::TimerInterrupt).submit.steps;
    // Xen's timer interrupt, then the set_timer_op hypercall for the next tick.
    assert_eq!(
        crossings(&tick)[0],
        (ExitReason::ExternalInterrupt, costs.timer_interrupt)
    );
    let ipi = costs.fault_delivery() + costs.fault_iret();
    let running = builder
        .delivery_path(IrqSource::Disk, VcpuState::Running)
        .steps;
    assert_eq!(crossings(&running), [(ExitReason::ExternalInterrupt, ipi)]);
    let halted = builder
        .delivery_path(IrqSource::Disk, VcpuState::Halted)
        .steps;
    assert!(crossings(&halted).is_empty(), "{halted:#?}");
    // The IPI's entry is what the running vCPU's event costs over the halted one's, less
    // the halted one's wake-up.
    assert_eq!(
        all_cycles(&running) + costs.vcpu_wakeup,
        all_cycles(&halted) + ipi
    );
}

/// An emulated device's interrupt handler reads the device's status before its EOI (the
/// interrupt is acknowledged once the device has dropped its line): the reads are part of
/// the delivery, after the guest's handler and before the EOI's exit, whatever the vCPU's
/// state; the completion's guest part has none left. Each read keeps its charges: the exit
/// and its handler to the hypervisor, the access to the device model.
#[test]
fn an_emulated_devices_status_reads_come_before_its_eoi() {
    let costs = CostTable::default();
    let workload = Workload::preset("disk-random-4k").unwrap();
    let hw = Stack {
        memory: MemoryVirtualization::Nested,
        ..stack(VT)
    };
    let features = CpuFeatures {
        apicv: false,
        ..CpuGeneration::SandyBridge.features()
    };
    let builder = PathBuilder::new(&hw, &costs, CpuGeneration::SandyBridge, &workload)
        .with_features(features);
    // The IDE-like disk's status is a port; the e1000-like NIC's registers are
    // memory-mapped.
    for (source, op, reads, reason) in [
        (IrqSource::Disk, Op::DiskRead, 1, ExitReason::IoInstruction),
        (
            IrqSource::Nic,
            Op::NetReceive,
            costs.emulated_nic_interrupt_accesses,
            ExitReason::Mmio,
        ),
    ] {
        for state in [VcpuState::Running, VcpuState::Halted, VcpuState::Waiting] {
            let steps = builder.delivery_path(source, state).steps;
            let handler = steps
                .iter()
                .position(|s| s.en.starts_with("guest interrupt handler"))
                .expect("handler");
            let eoi = steps
                .iter()
                .rposition(|s| s.exit == Some(ExitReason::ApicAccess))
                .expect("EOI exit");
            let read_exits: Vec<usize> = steps
                .iter()
                .enumerate()
                .filter(|(_, s)| s.exit == Some(reason))
                .map(|(i, _)| i)
                .collect();
            assert_eq!(read_exits.len() as u64, reads, "{source:?} {state:?}");
            assert!(
                read_exits.iter().all(|&i| handler < i && i < eoi),
                "{source:?} {state:?}: {steps:#?}"
            );
            let models = steps
                .iter()
                .filter(|s| s.category == Category::DeviceEmulation)
                .count() as u64;
            assert_eq!(models, reads, "{source:?} {state:?}");
        }
        // None left in the completion's guest part (after the delivery): the block layer's
        // or stack's work and the system call's return.
        let complete = builder.op_path(op).complete.steps;
        assert!(
            !complete
                .iter()
                .any(|s| s.part == Part::Guest && s.exit.is_some()),
            "{op:?}: {complete:#?}"
        );
        // The reads are in the completion's interrupt part, their accesses charged to the
        // device model there.
        assert_eq!(
            PathCost::of_part(&complete, Part::Interrupt).by_category
                [Category::DeviceEmulation as usize],
            reads * costs.device_emulation_access
        );
    }
    // A PV device has no status register to read.
    let pv = Stack {
        io: IoModel::Paravirtual,
        ..hw.clone()
    };
    let pv_builder = PathBuilder::new(&pv, &costs, CpuGeneration::SandyBridge, &workload)
        .with_features(features);
    let steps = pv_builder
        .delivery_path(IrqSource::Disk, VcpuState::Halted)
        .steps;
    assert!(!steps
        .iter()
        .any(|s| s.exit == Some(ExitReason::IoInstruction)));
}

/// The e1000-like NIC's registers are memory-mapped, and Linux's e1000 driver hands it a
/// send with one write, of the transmit tail (`e1000_xmit_frame`): one MMIO trap per send,
/// under hardware assist an `mmio` exit, under binary translation a hidden fault, the VMM's
/// part of a BT guest page fault (3927 - 1093 = 2834 cycles, where a translated port access
/// is 216), each with one access of the device model. Its interrupt takes six accesses
/// (`emulated_nic_interrupt_accesses`: ICR, IMC, STATUS, RDT, IMS, STATUS), all MMIO; its
/// transmit-done interrupt the same but the RDT write, five. The device model sends the
/// frame as it emulates the TDT write, in the hypervisor or on the vCPU's thread in a VMM
/// process (QEMU's `start_xmit` from `e1000_mmio_write`), and that interrupt is taken inside
/// the send, after the device model's work (the back end's steps): the send's path holds
/// the TDT write's trap before them and the handler's five after. Only QEMU in a driver
/// domain sends it later, from dom0's vCPU: there the interrupt is delivered apart
/// (`machine/io.rs`), and the send holds its one trap only.
#[test]
fn an_emulated_nic_send_is_one_mmio_write_of_its_transmit_tail() {
    let costs = CostTable::default();
    let workload = Workload::preset("network-rr").unwrap();
    for technique in [VT, BT] {
        let hw = stack(technique);
        let builder = PathBuilder::new(&hw, &costs, CpuGeneration::SandyBridge, &workload);
        let submit = builder.op_path(Op::NetSend).submit.steps;
        let traps: Vec<(usize, &Step)> = submit
            .iter()
            .enumerate()
            .filter(|(_, s)| matches!(s.exit, Some(ExitReason::Mmio | ExitReason::IoInstruction)))
            .collect();
        assert_eq!(traps.len(), 1 + 5, "{technique:?}: {submit:#?}");
        assert!(traps.iter().all(|(_, s)| s.exit == Some(ExitReason::Mmio)));
        if technique == BT {
            assert_eq!(traps[0].1.cycles, 3927 - 1093);
        }
        let first_backend = submit.iter().position(|s| s.part == Part::Backend).unwrap();
        let last_backend = submit
            .iter()
            .rposition(|s| s.part == Part::Backend)
            .unwrap();
        assert!(
            traps[0].0 < first_backend,
            "{technique:?}: the TDT write first"
        );
        assert!(
            traps[1..].iter().all(|&(i, _)| i > last_backend),
            "{technique:?}: the handler's accesses after the device model sent the frame"
        );
        let models = submit
            .iter()
            .filter(|s| s.category == Category::DeviceEmulation && s.part != Part::Backend)
            .count();
        assert_eq!(models, 1 + 5, "{technique:?}: {submit:#?}");
        let mmio = |source| {
            let delivery = builder.delivery_path(source, VcpuState::Halted).steps;
            assert!(!delivery
                .iter()
                .any(|s| s.exit == Some(ExitReason::IoInstruction)));
            delivery
                .iter()
                .filter(|s| s.exit == Some(ExitReason::Mmio))
                .count()
        };
        assert_eq!(mmio(IrqSource::Nic), 6, "{technique:?}");
        assert_eq!(mmio(IrqSource::NicTx), 5, "{technique:?}");
        let mmio_traps = |stack: &Stack| {
            let path = PathBuilder::new(stack, &costs, CpuGeneration::SandyBridge, &workload)
                .op_path(Op::NetSend);
            let traps = path
                .submit
                .steps
                .iter()
                .filter(|s| s.exit == Some(ExitReason::Mmio))
                .count();
            (traps, path.backend_scheduled)
        };
        for backend in [BackendPlacement::VmThread, BackendPlacement::DeviceThread] {
            let qemu = Stack { backend, ..hw };
            assert_eq!(
                mmio_traps(&qemu),
                (1 + 5, false),
                "{technique:?}, {backend:?}: the vCPU's thread sends the frame"
            );
        }
        let dom0 = Stack {
            backend: BackendPlacement::DriverDomain,
            driver_domain: true,
            ..hw
        };
        assert_eq!(
            mmio_traps(&dom0),
            (1, true),
            "{technique:?}: QEMU in the driver domain"
        );
    }
}

/// A VMM process's device model sends the e1000's frame on the vCPU's own thread, inside
/// the TDT write's exit (QEMU's `e1000_mmio_write` -> `start_xmit` -> the tap's `writev`,
/// then `set_ics`): on type 2 and on KVM with QEMU (`vm_thread`) the send's path returns to
/// the VMM process, runs the device model's access, the frame's emulated DMA, the VMM's
/// tap write (a host system call) and the host's switch, raises the transmit-done
/// interrupt, and only then makes the call that runs the guest again; nothing of it is a
/// scheduled back end's. The receive still comes through the VMM's I/O thread.
#[test]
fn a_vmm_process_sends_the_emulated_nics_frame_on_the_vcpus_thread() {
    let costs = CostTable::default();
    let workload = Workload::preset("network-rr").unwrap();
    let type2 = |hosted_design| Stack {
        kind: PlatformKind::Type2,
        technique: VT,
        io: IoModel::Emulated,
        memory: MemoryVirtualization::Nested,
        backend: BackendPlacement::VmThread,
        hosted_design,
        ..Stack::native()
    };
    let kvm = Stack {
        kind: PlatformKind::Type1,
        ..type2(HostedDesign::WorldSwitch)
    };
    for (name, stack) in [
        ("type2", type2(HostedDesign::WorldSwitch)),
        ("type2-host-module", type2(HostedDesign::HostModule)),
        ("kvm-qemu", kvm),
    ] {
        let builder = PathBuilder::new(&stack, &costs, CpuGeneration::Skylake, &workload);
        let path = builder.op_path(Op::NetSend);
        assert!(!path.backend_scheduled, "{name}");
        assert!(builder.op_path(Op::NetReceive).backend_scheduled, "{name}");
        let steps = &path.submit.steps;
        let at = |text: &str| {
            steps
                .iter()
                .position(|s| s.en.starts_with(text))
                .unwrap_or_else(|| panic!("{name}: no step {text:?}: {steps:#?}"))
        };
        let returned = at("the call that ran the guest returns to the VMM process");
        let tap = at("VMM process writes the frame to the host's tap device");
        let raised = at("device model writes the sent descriptors' done status back");
        let again = at("the VMM process makes the call again to resume the guest");
        assert!(returned < tap && tap < raised && raised < again, "{name}");
        assert_eq!(steps[tap].layer, Layer::HostOs, "{name}");
        assert_eq!(steps[tap].cycles, costs.syscall_native, "{name}");
        assert_eq!(steps[raised].layer, Layer::VmmProcess, "{name}");
        assert!(
            steps[tap].part == Part::Backend && steps[raised].part == Part::Backend,
            "{name}"
        );
        // The re-entry is the TDT write's, not the back end's; the handler comes after it.
        assert_eq!(steps[again].part, Part::Guest, "{name}");
        let handler = at("guest interrupt handler for the NIC's transmit completion");
        assert!(handler > again, "{name}");
    }
}

/// A TLB shootdown's IPI is a call-function IPI, which Linux acknowledges before it runs
/// the flush (`sysvec_call_function`: `apic_eoi()`, then the function), as an edge-triggered
/// interrupt: on every technique whose guest takes the IPI, the EOI comes before the flush
/// handler. Without APICv it is an APIC-access exit after the IPI's own external-interrupt
/// exit; with PV EOI a write to shared memory (charged, as a device's PV EOI is); under BT
/// a write to the VMM's emulated APIC; with APICv it needs no step of its own. The sender
/// waits for the whole path (the handler releases it after the flush).
#[test]
fn a_shootdown_ipi_is_acknowledged_before_its_flush() {
    let costs = CostTable::default();
    let workload = Workload::preset("cpu-bound").unwrap();
    let no_apicv = CpuFeatures {
        apicv: false,
        posted_interrupts: false,
        ..CpuGeneration::SandyBridge.features()
    };
    let hybrid = Stack {
        memory: MemoryVirtualization::Nested,
        io: IoModel::Paravirtual,
        enlightenments: Enlightenments::kvm_linux(),
        ..stack(Some(Technique::Hybrid))
    };
    let vt = Stack {
        memory: MemoryVirtualization::Nested,
        ..stack(VT)
    };
    let is_eoi = |s: &Step| {
        s.exit == Some(ExitReason::ApicAccess)
            || s.en.starts_with("EOI")
            || s.en.starts_with("PV EOI")
    };
    for (name, s, eoi_cycles) in [
        ("vt", &vt, None),
        ("bt", &stack(BT), Some(costs.bt_privileged)),
        ("hybrid", &hybrid, Some(costs.pte_write_native)),
    ] {
        let builder = PathBuilder::new(s, &costs, CpuGeneration::SandyBridge, &workload)
            .with_features(no_apicv);
        let steps = builder.shootdown_handler_path().steps;
        let handler = steps
            .iter()
            .position(|s| s.en.starts_with("flush IPI handler"))
            .expect("handler");
        let eoi = steps.iter().position(is_eoi).expect("EOI");
        assert!(eoi < handler, "{name}: {steps:#?}");
        assert_eq!(handler, steps.len() - 1, "{name}: the flush ends the path");
        if let Some(cycles) = eoi_cycles {
            assert_eq!(steps[eoi].cycles, cycles, "{name}");
        }
        // The sender spins for the whole path, the EOI included.
        let wait: u64 = builder
            .shootdown_ack_path()
            .steps
            .iter()
            .map(|s| s.cycles)
            .sum();
        assert_eq!(wait, all_cycles(&steps), "{name}");
    }
    // The hybrid guest's PV EOI is a charged write, as a device interrupt's is.
    let builder = PathBuilder::new(&hybrid, &costs, CpuGeneration::SandyBridge, &workload)
        .with_features(no_apicv);
    assert!(builder
        .shootdown_handler_path()
        .steps
        .iter()
        .any(|s| s.en.starts_with("PV EOI") && s.cycles == costs.pte_write_native));
    // With APICv (Skylake) the EOI is virtualized: no step of its own, no exit.
    let builder = PathBuilder::new(&vt, &costs, CpuGeneration::Skylake, &workload);
    let steps = builder.shootdown_handler_path().steps;
    assert!(steps.iter().all(|s| s.exit.is_none()), "{steps:#?}");
    assert_eq!(all_cycles(&steps), costs.tlb_shootdown_handler);
}

/// Xen's split drivers in dom0 (a para guest's default on a type 1): netback cannot write
/// the guest's memory, so a received packet reaches the guest's granted receive buffer by a
/// GNTTABOP_copy hypercall in which Xen checks the grant and copies (`gnttab_batch_copy`),
/// not by a copy in dom0; netback's receive thread is switched in for each packet. An
/// inline back end (Xen 1.0's, `backend = "hypervisor"`) has no grants.
#[test]
fn a_xen_receive_is_a_grant_copy_hypercall_by_netbacks_thread() {
    let workload = Workload::preset("network-rr").unwrap();
    let base = CostTable::default();
    let dom0 = network_stacks()[2].clone();
    assert!(dom0.driver_domain && dom0.technique == Some(Technique::Para));
    let receive = |stack: &Stack, costs: &CostTable| -> Vec<Step> {
        PathBuilder::new(stack, costs, CpuGeneration::Skylake, &workload)
            .op_path(Op::NetReceive)
            .complete
            .steps
    };
    let steps = receive(&dom0, &base);
    let grant: Vec<&Step> = steps
        .iter()
        .filter(|s| s.en.contains("GNTTABOP_copy"))
        .collect();
    assert_eq!(grant.len(), 1, "{steps:#?}");
    assert_eq!(grant[0].layer, Layer::Hypervisor);
    assert_eq!(grant[0].part, Part::Backend);
    assert_eq!(
        grant[0].cycles,
        base.pv_hypercall + base.pv_hypercall_handler
    );
    // The copy is Xen's, at the model's copy cost (512 bytes: 128 cycles), and dom0
    // copies nothing itself.
    let copy = base.backend_copy_per_kib * workload.message_bytes / 1024;
    assert!(steps
        .iter()
        .any(|s| s.layer == Layer::Hypervisor && s.cycles == copy && s.en.contains("Xen copies")));
    assert!(!steps
        .iter()
        .any(|s| s.layer == Layer::DriverDomain && s.en.contains("copies")));
    assert!(steps.iter().any(|s| s.layer == Layer::DriverDomain
        && s.cycles == base.context_switch
        && s.en.contains("xenvif_kthread_guest_rx")));
    // One grant per page of the payload: 1000 more per grant.
    let raised = CostTable {
        grant_op: base.grant_op + 1000,
        ..CostTable::default()
    };
    assert_eq!(
        all_cycles(&receive(&dom0, &raised)) - all_cycles(&steps),
        1000
    );
    let big = Workload {
        message_bytes: 65_536,
        ..workload.clone()
    };
    let receive_big = |costs: &CostTable| {
        all_cycles(
            &PathBuilder::new(&dom0, costs, CpuGeneration::Skylake, &big)
                .op_path(Op::NetReceive)
                .complete
                .steps,
        )
    };
    assert_eq!(receive_big(&raised) - receive_big(&base), 16 * 1000);
    let inline = Stack {
        driver_domain: false,
        backend: BackendPlacement::Hypervisor,
        ..dom0.clone()
    };
    let inline_steps = receive(&inline, &base);
    assert!(!inline_steps
        .iter()
        .any(|s| s.en.contains("GNTTABOP") || s.en.contains("xenvif")));
    assert_eq!(
        all_cycles(&receive(&inline, &raised)),
        all_cycles(&inline_steps)
    );
}

/// Blkfront with persistent grants (Linux 3.8+): the guest copies each 4 KiB request
/// between its page and the granted page blkback keeps mapped (1024 cycles at
/// `backend_copy_per_kib` = 256), a write's on submit, a read's in its completion; and
/// blkback's thread (`xen_blkif_schedule`) is switched in for each request, in dom0.
#[test]
fn a_xen_disk_request_copies_through_a_persistent_grant() {
    let workload = Workload::preset("disk-random-4k").unwrap();
    let costs = CostTable::default();
    let dom0 = network_stacks()[2].clone();
    let inline = Stack {
        driver_domain: false,
        backend: BackendPlacement::Hypervisor,
        ..dom0.clone()
    };
    let copy = costs.backend_copy_per_kib * workload.io_bytes / 1024;
    assert_eq!(copy, 1024);
    let copies = |stack: &Stack, op: Op, complete: bool| -> Vec<Step> {
        let path = PathBuilder::new(stack, &costs, CpuGeneration::Skylake, &workload).op_path(op);
        let steps = if complete { path.complete } else { path.submit };
        steps
            .steps
            .into_iter()
            .filter(|s| s.en.contains("blkfront copies"))
            .collect()
    };
    let read = copies(&dom0, Op::DiskRead, true);
    assert_eq!(read.len(), 1);
    assert_eq!((read[0].layer, read[0].cycles), (Layer::GuestKernel, copy));
    assert_eq!(read[0].part, Part::Guest);
    assert!(copies(&dom0, Op::DiskRead, false).is_empty());
    let write = copies(&dom0, Op::DiskWrite, false);
    assert_eq!(write.len(), 1);
    assert_eq!(write[0].cycles, copy);
    assert!(copies(&dom0, Op::DiskWrite, true).is_empty());
    for op in [Op::DiskRead, Op::DiskWrite] {
        assert!(copies(&inline, op, true).is_empty() && copies(&inline, op, false).is_empty());
    }
    let switch = |stack: &Stack| -> Vec<Step> {
        PathBuilder::new(stack, &costs, CpuGeneration::Skylake, &workload)
            .op_path(Op::DiskRead)
            .submit
            .steps
            .into_iter()
            .filter(|s| s.en.contains("xen_blkif_schedule"))
            .collect()
    };
    let thread = switch(&dom0);
    assert_eq!(thread.len(), 1);
    assert_eq!(
        (thread[0].layer, thread[0].part, thread[0].cycles),
        (Layer::DriverDomain, Part::Backend, costs.context_switch)
    );
    assert!(switch(&inline).is_empty());
}

/// A device interrupt for dom0's driver: Xen only acknowledges it and makes dom0's event
/// pending (`pirq_forward`, `__do_IRQ_guest`); the driver's handler (`device_interrupt`)
/// runs once, in dom0, after the upcall. Inline, the hypervisor's driver handles it.
#[test]
fn xen_forwards_a_driver_domains_interrupt_without_a_handler_of_its_own() {
    let workload = Workload::preset("disk-random-4k").unwrap();
    let base = CostTable::default();
    let backend = |stack: &Stack, costs: &CostTable| -> u64 {
        PathBuilder::new(stack, costs, CpuGeneration::Skylake, &workload)
            .op_path(Op::DiskRead)
            .complete
            .steps
            .iter()
            .filter(|s| s.part == Part::Backend)
            .map(|s| s.cycles)
            .sum()
    };
    let handler = CostTable {
        device_interrupt: base.device_interrupt + 1000,
        ..CostTable::default()
    };
    let forward = CostTable {
        pirq_forward: base.pirq_forward + 1000,
        ..CostTable::default()
    };
    let stacks = network_stacks();
    for dom0 in [&stacks[2], &stacks[3]] {
        assert_eq!(
            backend(dom0, &handler) - backend(dom0, &base),
            1000,
            "{dom0:?}"
        );
        assert_eq!(
            backend(dom0, &forward) - backend(dom0, &base),
            1000,
            "{dom0:?}"
        );
        let steps = PathBuilder::new(dom0, &base, CpuGeneration::Skylake, &workload)
            .op_path(Op::DiskRead)
            .complete
            .steps;
        let xen = steps
            .iter()
            .position(|s| s.en.contains("__do_IRQ_guest"))
            .expect("Xen's part");
        let dom0_handler = steps
            .iter()
            .position(|s| s.layer == Layer::DriverDomain && s.cycles == base.device_interrupt)
            .expect("dom0's handler");
        assert!(xen < dom0_handler);
        assert_eq!(steps[xen].layer, Layer::Hypervisor);
    }
    let inline = &stacks[0];
    assert_eq!(backend(inline, &handler) - backend(inline, &base), 1000);
    assert_eq!(backend(inline, &forward), backend(inline, &base));
}

/// Netback's TX response to a sent packet ends with dom0's EVTCHNOP_send to the guest
/// (`make_tx_response` -> `notify_remote_via_irq`): the send's back-end steps end with the
/// hypercall (dom0's trap and Xen's handler); an inline back end's do not. The guest's
/// side, the event's delivery, is the machine's (`machine/io.rs`, `tx_completion_event`).
#[test]
fn netback_notifies_the_guest_of_a_sent_packet() {
    let workload = Workload::preset("network-rr").unwrap();
    let costs = CostTable::default();
    let backend = |stack: &Stack| -> Vec<Step> {
        PathBuilder::new(stack, &costs, CpuGeneration::Skylake, &workload)
            .op_path(Op::NetSend)
            .submit
            .steps
            .into_iter()
            .filter(|s| s.part == Part::Backend)
            .collect()
    };
    let dom0 = network_stacks()[2].clone();
    let steps = backend(&dom0);
    let n = steps.len();
    assert!(steps[n - 2]
        .en
        .contains("notifies the guest through its event channel"));
    assert_eq!(
        (steps[n - 2].layer, steps[n - 2].cycles),
        (Layer::DriverDomain, costs.pv_hypercall)
    );
    assert_eq!(
        (steps[n - 1].layer, steps[n - 1].cycles),
        (Layer::Hypervisor, costs.pv_hypercall_handler)
    );
    let inline = Stack {
        driver_domain: false,
        backend: BackendPlacement::Hypervisor,
        ..dom0
    };
    assert!(!backend(&inline)
        .iter()
        .any(|s| s.en.contains("event channel")));
}

/// Netback's transmit (Linux 3.18+, `xenvif_tx_build_gops`): a GNTTABOP_copy of the
/// packet's first 128 bytes, a GNTTABOP_map_grant_ref of the rest for the NIC's DMA, and,
/// once sent, the dealloc thread's GNTTABOP_unmap_grant_ref (with its TLB flush): three
/// hypercalls from dom0 and no copy of the payload in dom0. A 128-byte packet is copied
/// whole: one hypercall. A 64 KiB packet maps and unmaps 16 pages.
#[test]
fn a_xen_send_copies_its_header_and_maps_the_rest() {
    let costs = CostTable::default();
    let dom0 = network_stacks()[2].clone();
    let send = |bytes: u64| -> Vec<Step> {
        let workload = Workload {
            message_bytes: bytes,
            ..Workload::preset("network-rr").unwrap()
        };
        PathBuilder::new(&dom0, &costs, CpuGeneration::Skylake, &workload)
            .op_path(Op::NetSend)
            .submit
            .steps
            .into_iter()
            .filter(|s| s.part == Part::Backend)
            .collect()
    };
    let names = |steps: &[Step]| -> Vec<&'static str> {
        [
            "GNTTABOP_copy",
            "GNTTABOP_map_grant_ref",
            "GNTTABOP_unmap_grant_ref",
        ]
        .into_iter()
        .filter(|n| steps.iter().any(|s| s.en.contains(n)))
        .collect()
    };
    let small = send(128);
    assert_eq!(names(&small), ["GNTTABOP_copy"]);
    let rr = send(512);
    assert_eq!(
        names(&rr),
        [
            "GNTTABOP_copy",
            "GNTTABOP_map_grant_ref",
            "GNTTABOP_unmap_grant_ref"
        ]
    );
    for s in rr.iter().filter(|s| s.en.contains("GNTTABOP")) {
        assert_eq!(
            (s.layer, s.cycles),
            (
                Layer::Hypervisor,
                costs.pv_hypercall + costs.pv_hypercall_handler
            )
        );
    }
    // Xen copies 128 bytes (32 cycles at 256/KiB); dom0 copies nothing.
    assert!(rr
        .iter()
        .any(|s| s.layer == Layer::Hypervisor && s.cycles == 32 && s.en.contains("Xen copies")));
    assert!(!rr
        .iter()
        .any(|s| s.layer == Layer::DriverDomain && s.en.contains("copies")));
    assert!(rr.iter().any(|s| s.en.contains("xenvif_dealloc_kthread")));
    // 64 KiB: 128 bytes copied, 16 pages mapped and unmapped.
    let big = send(65_536);
    let grants = |cycles: u64| big.iter().filter(|s| s.cycles == cycles).count();
    assert_eq!(grants(16 * costs.grant_map), 1);
    assert_eq!(grants(16 * costs.grant_unmap), 1);
}

/// A Xen HVM guest's access to an emulated device register is an ioreq to QEMU in dom0:
/// the switch to dom0, the event's upcall into dom0's kernel, QEMU woken (a switch to it
/// and its ppoll's return), QEMU's read of the fired port and its unmask (two system
/// calls), the emulation, QEMU's notify (an ioctl, a system call, making dom0's
/// EVTCHNOP_send hypercall, whose handler wakes the guest's vCPU), QEMU's next ppoll and
/// the switch back. With the defaults one access is 4000 + 300 + 2000 + 121 + 484 + 1500 +
/// 242 + 242 + 300 + 121 + 4000 = 13 310 cycles after its exit: 3810 more than the two
/// switches and the emulation alone (9500).
#[test]
fn an_hvm_ioreq_goes_to_qemu_in_dom0_through_its_kernel_and_back() {
    let costs = CostTable::default();
    let workload = Workload::preset("disk-random-4k").unwrap();
    let hvm_dom0 = Stack {
        memory: MemoryVirtualization::Nested,
        driver_domain: true,
        backend: BackendPlacement::DriverDomain,
        ..stack(Some(Technique::HardwareAssist))
    };
    let builder = PathBuilder::new(&hvm_dom0, &costs, CpuGeneration::Skylake, &workload);
    let mut s = Steps::default();
    builder.emulate_access(&mut s);
    let c = &costs;
    let expected = [
        (Layer::Hypervisor, c.vm_switch),
        (Layer::Hypervisor, c.pv_hypercall_handler),
        (Layer::DriverDomain, c.context_switch),
        (Layer::DriverDomain, c.syscall_native / 2),
        (Layer::DriverDomain, 2 * c.syscall_native),
        (Layer::DriverDomain, c.device_emulation_access),
        (Layer::DriverDomain, c.syscall_native),
        (Layer::DriverDomain, c.pv_hypercall),
        (Layer::Hypervisor, c.pv_hypercall_handler),
        (Layer::DriverDomain, c.syscall_native - c.syscall_native / 2),
        (Layer::Hypervisor, c.vm_switch),
    ];
    let got: Vec<_> = s.0.iter().map(|s| (s.layer, s.cycles)).collect();
    assert_eq!(got, expected);
    assert_eq!(all_cycles(&s.0), 13_310);
    assert!(s.0.iter().all(|s| s.exit.is_none()));
    // A PV guest's trapped port access stays in Xen (emul-priv-op.c): no QEMU, no dom0.
    let pv_dom0 = Stack {
        technique: Some(Technique::Para),
        memory: MemoryVirtualization::DirectPv,
        ..hvm_dom0
    };
    let builder = PathBuilder::new(&pv_dom0, &costs, CpuGeneration::Skylake, &workload);
    let mut s = Steps::default();
    builder.emulate_access(&mut s);
    assert!(
        s.0.iter().all(|s| s.layer == Layer::Hypervisor),
        "{:?}",
        s.0
    );
}

/// A Xen HVM guest's emulated device completes through QEMU in dom0: dom0's kernel wakes
/// QEMU (a switch and its ppoll's return), QEMU completes the request and raises the
/// guest's interrupt line by a dm_op (an ioctl on privcmd, a system call, whose hypercall
/// Xen handles), then waits again, in place of an event-channel notify; a received frame is
/// read from dom0's tap device by a system call (and a sent one written to it by another).
/// A disk's completion: QEMU's own steps are the wake-up 2000, the ppoll's return 121, the
/// ioctl 242 and the next ppoll 121 = 2484 cycles; the dm_op's hypercall (242 + 300) takes
/// the place of the event-channel notify, which cost the same.
#[test]
fn an_hvm_completion_wakes_qemu_in_dom0_which_raises_the_line_by_a_dm_op() {
    let costs = CostTable::default();
    let workload = Workload::preset("network-rr").unwrap();
    let hvm_dom0 = Stack {
        memory: MemoryVirtualization::Nested,
        driver_domain: true,
        backend: BackendPlacement::DriverDomain,
        ..stack(Some(Technique::HardwareAssist))
    };
    let builder = PathBuilder::new(&hvm_dom0, &costs, CpuGeneration::Skylake, &workload);
    let backend = |steps: &[Step]| -> Vec<(Layer, u64, String)> {
        steps
            .iter()
            .filter(|s| s.part == Part::Backend)
            .map(|s| (s.layer, s.cycles, s.en.to_string()))
            .collect()
    };
    let disk = backend(&builder.op_path(Op::DiskRead).complete.steps);
    let at = |steps: &[(Layer, u64, String)], word: &str| {
        steps
            .iter()
            .position(|s| s.2.contains(word))
            .unwrap_or_else(|| panic!("no `{word}` in {steps:?}"))
    };
    let (complete, wake, model, dm_op) = (
        at(&disk, "block layer complete"),
        at(&disk, "wakes QEMU"),
        at(&disk, "device model completes"),
        at(&disk, "dm_op hypercall"),
    );
    assert!(complete < wake && wake < model && model < dm_op, "{disk:?}");
    assert_eq!(disk[wake].1, costs.context_switch);
    assert_eq!(disk[dm_op].1, costs.pv_hypercall);
    assert!(
        !disk.iter().any(|s| s.2.contains("event channel")),
        "{disk:?}"
    );
    let qemu: u64 = disk
        .iter()
        .filter(|s| s.2.contains("QEMU"))
        .map(|s| s.1)
        .sum();
    assert_eq!(qemu, 2484, "{disk:?}");
    // The same completion with the device model in the hypervisor has none of it.
    let inline = Stack {
        driver_domain: false,
        backend: BackendPlacement::Hypervisor,
        ..hvm_dom0
    };
    let builder_inline = PathBuilder::new(&inline, &costs, CpuGeneration::Skylake, &workload);
    let sum = |v: &[(Layer, u64, String)]| v.iter().map(|s| s.1).sum::<u64>();
    let inline_disk = backend(&builder_inline.op_path(Op::DiskRead).complete.steps);
    assert!(!inline_disk.iter().any(|s| s.2.contains("QEMU")));
    // dom0's receive reads the frame from its tap device after QEMU's wake-up.
    let rx = backend(&builder.op_path(Op::NetReceive).complete.steps);
    assert!(at(&rx, "wakes QEMU") < at(&rx, "reads the frame from the driver domain's tap"));
    assert!(sum(&rx) > sum(&inline_disk));
    let tx = backend(&builder.op_path(Op::NetSend).submit.steps);
    assert_eq!(tx[at(&tx, "QEMU writes the frame")].1, costs.syscall_native);
}

/// A type-2 stack with hardware assist, emulated I/O and the VMM's I/O thread, in the
/// given hosted design.
fn type2(design: HostedDesign, io: IoModel, technique: Technique) -> Stack {
    Stack {
        kind: PlatformKind::Type2,
        technique: Some(technique),
        io,
        memory: MemoryVirtualization::Nested,
        backend: BackendPlacement::VmThread,
        hosted_design: design,
        ..Stack::native()
    }
}

/// Every path a platform's machine takes its costs from: each operation's submit and
/// completion, a halt, a PV spinlock's wait and kick, the switches to a vCPU and to a back
/// end, and every interrupt delivery; with the cycles of each.
fn every_path_total(stack: &Stack, costs: &CostTable) -> Vec<(String, u64)> {
    let workload = Workload::preset("disk-random-4k").unwrap();
    let b = PathBuilder::new(stack, costs, CpuGeneration::SandyBridge, &workload);
    let mut out = Vec::new();
    for op in Op::ALL {
        let p = b.op_path(op);
        out.push((format!("{op:?} submit"), all_cycles(&p.submit.steps)));
        out.push((format!("{op:?} complete"), all_cycles(&p.complete.steps)));
    }
    for (name, p) in [
        ("halt", b.halt_path()),
        ("pv_wait", b.pv_wait_path()),
        ("pv_kick", b.pv_kick_path()),
        ("vcpu switch", b.entity_switch_path()),
        ("back-end switch", b.backend_switch_path()),
    ] {
        out.push((name.to_string(), all_cycles(&p.steps)));
    }
    for source in [IrqSource::Disk, IrqSource::Nic, IrqSource::Timer] {
        for state in [VcpuState::Running, VcpuState::Halted, VcpuState::Waiting] {
            let p = b.delivery_path(source, state);
            out.push((format!("{source:?} to {state:?}"), all_cycles(&p.steps)));
        }
    }
    out
}

/// With the VMM's ring-0 part a host kernel module (`hosted_design = "host_module"`) no
/// path of a type-2 platform pays `hosted_world_switch`: raising it by 1000 cycles moves
/// nothing, for emulated and paravirtual I/O, hardware assist and hybrid. The classic
/// design's paths do move (the same check, inverted, guards against a test that passes
/// because the raise never reached them).
#[test]
fn a_host_module_type2_pays_no_world_switch_anywhere() {
    let base = CostTable::default();
    let dearer = CostTable {
        hosted_world_switch: base.hosted_world_switch + 1000,
        ..CostTable::default()
    };
    for (io, technique) in [
        (IoModel::Emulated, Technique::HardwareAssist),
        (IoModel::Paravirtual, Technique::HardwareAssist),
        (IoModel::Paravirtual, Technique::Hybrid),
    ] {
        let module = type2(HostedDesign::HostModule, io, technique);
        assert_eq!(
            every_path_total(&module, &base),
            every_path_total(&module, &dearer),
            "{io:?}, {technique:?}"
        );
        let classic = type2(HostedDesign::WorldSwitch, io, technique);
        assert_ne!(
            every_path_total(&classic, &base),
            every_path_total(&classic, &dearer),
            "{io:?}, {technique:?}"
        );
    }
}

/// What each crossing costs in the two hosted designs, at the default costs on a Sandy
/// Bridge host (`hosted_world_switch` 5000, `syscall_native` 242, `context_switch` 2000,
/// `vm_switch` 4000):
/// - a disk read through the emulated disk: 5 register accesses on the way in (each a
///   world switch out and back: 10), 1 status read in the guest's handler (2) and the
///   halted vCPU's wake-up back into the VMM's world (1): 13 world switches, 65 000 cycles
///   that the host-module design does not pay; everything else is the same (the run
///   ioctl's return to the VMM process and its call again, 242 a register access, are
///   paid by both);
/// - a halt: the classic VMM leaves its world and blocks by a system call (5000 + 242);
///   the module's HLT exit blocks the thread where it is: the exit only, as on a KVM host
///   (a type-1 stack whose back ends are host threads);
/// - switching a pCPU to a vCPU: the host's context switch and the world switch into the
///   VMM (2000 + 5000 = 7000) against a switch between vCPUs, `vm_switch` (4000);
/// - the host's own timer tick while the guest runs: two world switches (10 000) more
///   in the classic design;
/// - a halted vCPU's wake-up: the host's wake-up (6000) and, in the classic design, the
///   world switch back (5000).
#[test]
fn a_host_module_type2_crosses_to_the_host_as_kvm_does() {
    let c = CostTable::default();
    let workload = Workload::preset("disk-random-4k").unwrap();
    let classic = type2(
        HostedDesign::WorldSwitch,
        IoModel::Emulated,
        Technique::HardwareAssist,
    );
    let module = type2(
        HostedDesign::HostModule,
        IoModel::Emulated,
        Technique::HardwareAssist,
    );
    let builder = |s| PathBuilder::new(s, &c, CpuGeneration::SandyBridge, &workload);
    let (classic_b, module_b) = (builder(&classic), builder(&module));
    let read = |b: &PathBuilder<'_>| {
        let p = b.op_path(Op::DiskRead);
        all_cycles(&p.submit.steps) + all_cycles(&p.complete.steps)
    };
    assert_eq!(c.hosted_world_switch, 5000);
    assert_eq!(read(&classic_b), 125_436);
    assert_eq!(read(&classic_b) - read(&module_b), 13 * 5000);
    assert_eq!(read(&module_b), 60_436);
    // Both return from the run ioctl to the VMM process for each of the 6 register
    // accesses (5 + the status read): 6 × 242.
    let returns = |b: &PathBuilder<'_>| {
        let p = b.op_path(Op::DiskRead);
        p.submit
            .steps
            .iter()
            .chain(&p.complete.steps)
            .filter(|s| s.en.starts_with("the call that ran the guest returns"))
            .count()
    };
    assert_eq!(returns(&classic_b), 6);
    assert_eq!(returns(&module_b), 6);

    let halt = |b: &PathBuilder<'_>| all_cycles(&b.halt_path().steps);
    assert_eq!(halt(&classic_b) - halt(&module_b), 5000 + 242);
    let kvm = Stack {
        kind: PlatformKind::Type1,
        ..module.clone()
    };
    assert_eq!(halt(&module_b), halt(&builder(&kvm)));

    let switch = |b: &PathBuilder<'_>| all_cycles(&b.entity_switch_path().steps);
    assert_eq!(switch(&classic_b), 7000);
    assert_eq!(switch(&module_b), 4000);
    assert!(module_b
        .entity_switch_path()
        .steps
        .iter()
        .all(|s| s.layer == Layer::HostOs));

    let deliver =
        |b: &PathBuilder<'_>, source, state| all_cycles(&b.delivery_path(source, state).steps);
    assert_eq!(
        deliver(&classic_b, IrqSource::Timer, VcpuState::Running)
            - deliver(&module_b, IrqSource::Timer, VcpuState::Running),
        10_000
    );
    assert_eq!(
        deliver(&classic_b, IrqSource::Timer, VcpuState::Halted)
            - deliver(&module_b, IrqSource::Timer, VcpuState::Halted),
        5000
    );
    // The module's wake-up is the host's, on the host OS's time as the classic one's.
    let wake = module_b.delivery_path(IrqSource::Timer, VcpuState::Halted);
    assert!(wake
        .steps
        .iter()
        .any(|s| s.layer == Layer::HostOs && s.cycles == c.vcpu_wakeup));
}
