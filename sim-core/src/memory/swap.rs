//! Host swapping as steps: the path of a touch of a page the host has paged out (the
//! fault, the host's page-in request) and of its resumption when the disk has read it.
//!
//! Under nested paging the guest's access finds no host page behind the guest-physical
//! address: an EPT violation exits to the hypervisor, whose host kernel finds the swap
//! entry and submits a 4 KiB read to the host's disk. Under shadow paging (and binary
//! translation or para) the access faults into the hypervisor, which handles it as a
//! shadow page fault before the host pages the frame in. A container or a native process
//! takes a major fault in the host kernel it runs on. The disk read itself goes through
//! the machine's disk, behind the guests' own requests (`machine/swap.rs`). A write to a
//! page KSM merged takes a copy-on-write fault (`machine/ksm.rs`).
//!
//! The host stays as short of memory as it was: every page read in needs a frame, which
//! the fault reclaims from the coldest guest memory, one page per page-in. That is direct
//! reclaim, what a fault does when kswapd cannot keep up (and always under a cgroup's
//! memory limit); a host whose kswapd keeps ahead does the same work in the background, in
//! batches (an approximation). Unmapping a victim of another VM also flushes that VM's
//! TLBs (its running vCPUs are kicked out); the model leaves that out. The victim's write
//! to swap is started when it is dirty ([`writeback_ppm`]) and shares the disk with the
//! read; the fault does not wait for it.

use crate::costs::CostTable;
use crate::hardware::CpuGeneration;
use crate::path::{Category, ExitReason, Layer, Part, Step};
use crate::platform::{MemoryVirtualization, PlatformKind, Stack, Technique};

/// Bytes read from the host's disk per swap-in.
pub const SWAP_PAGE_BYTES: u64 = 4096;

fn step(layer: Layer, category: Category, cycles: u64, en: &str, ko: &str) -> Step {
    Step {
        layer,
        category,
        cycles,
        en: en.to_string(),
        ko: ko.to_string(),
        exit: None,
        part: Part::Guest,
        translation: None,
        translated: false,
    }
}

/// Who manages the host's memory on this stack, as the steps name it: a type-1
/// hypervisor's own memory manager (KVM's host kernel is the hypervisor), else the host's
/// kernel (a type-2 host, or the kernel a container or native process runs on).
fn manager(stack: &Stack) -> (&'static str, &'static str) {
    match stack.kind {
        PlatformKind::Type1 | PlatformKind::Vdi => ("hypervisor", "하이퍼바이저"),
        _ => ("host kernel", "호스트 커널"),
    }
}

/// `who: text` in both languages.
fn said(who: (&str, &str), en: &str, ko: &str) -> (String, String) {
    (format!("{}: {en}", who.0), format!("{}: {ko}", who.1))
}

/// Where the host's memory management runs for this stack.
fn host_layer(stack: &Stack) -> (Layer, Category) {
    match stack.kind {
        PlatformKind::Native | PlatformKind::Container => {
            (Layer::GuestKernel, Category::GuestKernel)
        }
        PlatformKind::Type2 => (Layer::HostOs, Category::HostOs),
        PlatformKind::Type1 | PlatformKind::Vdi => (Layer::Hypervisor, Category::Hypervisor),
    }
}

/// Under binary translation a VM's fault on host memory is a trap into the VMM, not a VT-x
/// exit: the VMM's part of a guest page fault under BT (`bt_page_fault` −
/// `page_fault_native`), as its hidden faults are charged (`path/memory.rs`); `what` says
/// which fault. `None` on other stacks.
fn bt_fault_trap(
    stack: &Stack,
    c: &CostTable,
    cpu: CpuGeneration,
    what: (&str, &str),
) -> Option<Step> {
    if stack.technique != Some(Technique::BinaryTranslation) || !stack.is_vm() {
        return None;
    }
    let mut trap = step(
        Layer::Hypervisor,
        Category::Hypervisor,
        c.bt_page_fault.saturating_sub(c.page_fault_native),
        &format!(
            "binary translation: the VMM takes the fault (a trap, not {} exit): {}",
            cpu.vendor().pick("a VT-x", "an AMD-V"),
            what.0
        ),
        &format!(
            "바이너리 변환: VMM이 폴트를 받음 ({} exit가 아닌 트랩): {}",
            cpu.vendor().extension(),
            what.1
        ),
    );
    trap.exit = Some(ExitReason::ShadowPageFault);
    Some(trap)
}

/// A touch of a swapped-out page, up to the host's read request.
pub fn swap_fault_steps(stack: &Stack, c: &CostTable, cpu: CpuGeneration) -> Vec<Step> {
    let (layer, category) = host_layer(stack);
    let mut steps = Vec::new();
    if let Some(trap) = bt_fault_trap(
        stack,
        c,
        cpu,
        ("a page the host swapped out", "호스트가 스왑아웃한 페이지"),
    ) {
        steps.push(trap);
    } else if stack.is_vm() {
        let amd = cpu.is_amd();
        let (reason, en, ko, handler) = if stack.memory == MemoryVirtualization::Nested {
            (
                ExitReason::EptViolation,
                if amd {
                    "#VMEXIT and VMRUN (round trip): nested page fault, #NPF (no host page behind the guest page)"
                } else {
                    "VM exit and re-entry (round trip): EPT violation (no host page behind the guest page)"
                },
                if amd {
                    "#VMEXIT와 VMRUN (왕복): 중첩 페이지 폴트 #NPF (게스트 페이지 뒤에 호스트 페이지 없음)"
                } else {
                    "VM exit와 재진입 (왕복): EPT 위반 (게스트 페이지 뒤에 호스트 페이지 없음)"
                },
                c.exit_handler,
            )
        } else {
            (
                ExitReason::ShadowPageFault,
                if amd {
                    "#VMEXIT and VMRUN (round trip): page fault on a page the host swapped out (shadow paging)"
                } else {
                    "VM exit and re-entry (round trip): page fault on a page the host swapped out (shadow paging)"
                },
                if amd {
                    "#VMEXIT와 VMRUN (왕복): 호스트가 스왑아웃한 페이지의 페이지 폴트 (섀도 페이징)"
                } else {
                    "VM exit와 재진입 (왕복): 호스트가 스왑아웃한 페이지의 페이지 폴트 (섀도 페이징)"
                },
                c.exit_handler + c.shadow_page_fault_handler,
            )
        };
        let mut exit = step(
            Layer::Hardware,
            Category::Hypervisor,
            c.exit_roundtrip(cpu),
            en,
            ko,
        );
        exit.exit = Some(reason);
        steps.push(exit);
        steps.push(step(
            Layer::Hypervisor,
            Category::Hypervisor,
            handler,
            "hypervisor decodes the fault",
            "하이퍼바이저가 폴트를 해석",
        ));
    }
    let who = manager(stack);
    // A process's major fault is a page-fault exception of its host kernel: its delivery,
    // the handler, and the IRET after the read (the measured `page_fault_native`). A VM's
    // reaches the host's fault handling through the exit just charged, which takes the
    // delivery's place, and goes back by the VM entry: no exception, no IRET in the host.
    let (cycles, (en, ko)) = if stack.is_vm() {
        (
            c.host_fault_handler(),
            said(
                who,
                "the host's fault handling, called from the exit handler, finds the swap entry (no exception of its own: the exit replaced its delivery and the entry replaces its IRET; estimate: the native fault less both, each taken as half a system call)",
                "exit 핸들러에서 부른 호스트의 폴트 처리가 스왑 항목을 찾음 (자체 예외 없음: exit가 예외 전달을, entry가 IRET을 대신함; 추정: 네이티브 폴트에서 둘을 뺌, 각각 시스템 콜의 절반으로 봄)",
            ),
        )
    } else {
        (
            c.page_fault_native,
            said(
                who,
                "major fault (the exception, its handler, and its IRET once the page is in) finds the swap entry",
                "메이저 폴트(예외, 그 핸들러, 페이지가 들어온 뒤의 IRET)가 스왑 항목을 찾음",
            ),
        )
    };
    steps.push(step(layer, category, cycles, &en, &ko));
    let (en, ko) = if stack.is_vm() {
        said(
            who,
            "reclaims a frame for it: the coldest guest page is taken off the LRU and unmapped",
            "들일 프레임을 회수: 가장 오래 안 쓴 게스트 페이지를 LRU에서 꺼내 매핑 해제",
        )
    } else {
        said(
            who,
            "reclaims a frame for it: the coldest page (its cgroup's, at a memory limit) is taken off the LRU and unmapped",
            "들일 프레임을 회수: 가장 오래 안 쓴 페이지(메모리 한도에서는 그 cgroup의 것)를 LRU에서 꺼내 매핑 해제",
        )
    };
    steps.push(step(layer, category, c.swap_reclaim_page_cycles, &en, &ko));
    let (en, ko) = said(
        who,
        "4 KiB read from the swap device submitted",
        "스왑 장치에서 4 KiB 읽기 제출",
    );
    steps.push(step(layer, category, c.disk_submit, &en, &ko));
    steps
}

/// The reclaimed page was written since it was last read in: its 4 KiB write to the swap
/// device is started (the fault does not wait for it; the frame it frees comes back when
/// it completes, and that completion's interrupt is not charged: an approximation).
pub fn swap_writeback_steps(stack: &Stack, c: &CostTable) -> Vec<Step> {
    let (layer, category) = host_layer(stack);
    let (en, ko) = said(
        manager(stack),
        "the reclaimed page is dirty: its 4 KiB write to the swap device is started",
        "회수한 페이지가 더러움: 스왑 장치에 4 KiB 쓰기 시작",
    );
    vec![step(layer, category, c.disk_submit, &en, &ko)]
}

/// The chance, in parts per million, that a page the host reclaims must be written to
/// swap: it was written while resident (else its copy from the last page-in is still on
/// the swap device and it is dropped). It follows from the model's own touches: each
/// operation touches `page_touches_per_op` pages, each uniform over the working set,
/// `write_percent` of touches writing (`page_write_percent`; both estimates). Page-ins and
/// touches keep the same ratio however many touches an operation makes, so the chance
/// does not depend on that number. With a share `s` of the working set
/// swapped out and `r = 1 - s` resident, pages in and out balance, so the next thing to
/// happen to a resident page is one of its own touches with the chance `r` and its
/// eviction with the chance `s`: it takes a geometric number of touches (`r / s` on
/// average) besides the one that brought it in, and stays clean with the chance
/// `(1 - w) s / (s + w r)`; dirty: `w / (w + s (1 - w))`. This assumes the host learns of
/// a write only when the guest writes (a page read back in is mapped read-only: a KVM
/// that marks a page dirty whenever it maps it writable writes back more) and that the
/// swap device is less than half full (past that, Linux frees a page's swap slot when it
/// is read in, and every eviction writes).
pub fn writeback_ppm(swapped_ppm: u32, write_percent: u64) -> u32 {
    if swapped_ppm == 0 {
        return 0;
    }
    let w = write_percent.min(100) as f64 / 100.0;
    let s = f64::from(swapped_ppm.min(1_000_000)) / 1e6;
    libm::round(w / (w + s * (1.0 - w)) * 1e6) as u32
}

/// The read is done: the host completes it, maps the page and lets the thread go on.
pub fn swap_resume_steps(stack: &Stack, c: &CostTable) -> Vec<Step> {
    let (layer, category) = host_layer(stack);
    let who = manager(stack);
    let (done_en, done_ko) = said(who, "the swap read completes", "스왑 읽기 완료");
    // The thread that slept in the fault handler goes on in it: no second exception (the
    // fault's delivery and IRET are in the fault's step, or a VM's exit and entry).
    let (map_en, map_ko) = said(
        who,
        "the fault handler goes on: the page is mapped again and the faulting thread resumes (the handler's work without an exception's delivery and IRET: estimate)",
        "폴트 핸들러가 이어서 실행: 페이지를 다시 매핑하고 폴트난 스레드가 재개 (예외 전달과 IRET을 뺀 핸들러의 일: 추정)",
    );
    let mut steps = vec![
        step(
            layer,
            category,
            c.device_interrupt + c.disk_complete,
            &done_en,
            &done_ko,
        ),
        step(layer, category, c.host_fault_handler(), &map_en, &map_ko),
    ];
    if !stack.async_page_faults() {
        // The vCPU's thread slept in the host's fault handler: the host scheduler wakes
        // it (with asynchronous page faults the guest is told instead, by the interrupt
        // its delivery path charges).
        steps.push(step(
            layer,
            category,
            c.vcpu_wakeup,
            "host scheduler wakes the vCPU that waited in the fault",
            "호스트 스케줄러가 폴트에서 기다린 vCPU를 깨움",
        ));
    }
    steps
}

/// A write to a page KSM merged: the host's page is read-only, the write faults (an EPT
/// violation under nested paging, a shadow fault otherwise, a plain fault for a process),
/// and the host copies the page for the writer.
pub fn cow_fault_steps(stack: &Stack, c: &CostTable, cpu: CpuGeneration) -> Vec<Step> {
    let (layer, category) = host_layer(stack);
    let mut steps = Vec::new();
    if let Some(trap) = bt_fault_trap(
        stack,
        c,
        cpu,
        (
            "a write to a page KSM merged (read-only in the host)",
            "KSM이 병합한 페이지에 쓰기 (호스트에서 읽기 전용)",
        ),
    ) {
        steps.push(trap);
    } else if stack.is_vm() {
        let reason = if stack.memory == MemoryVirtualization::Nested {
            ExitReason::EptViolation
        } else {
            ExitReason::ShadowPageFault
        };
        let mut exit = step(
            Layer::Hardware,
            Category::Hypervisor,
            c.exit_roundtrip(cpu),
            &format!(
                "{}: write to a page KSM merged (read-only in the host)",
                cpu.vendor().exit_name()
            ),
            &format!(
                "{}: KSM이 병합한 페이지에 쓰기 (호스트에서 읽기 전용)",
                cpu.vendor().exit_name()
            ),
        );
        exit.exit = Some(reason);
        steps.push(exit);
        steps.push(step(
            Layer::Hypervisor,
            Category::Hypervisor,
            c.exit_handler,
            "hypervisor decodes the fault",
            "하이퍼바이저가 폴트를 해석",
        ));
    }
    // A process's write takes a page-fault exception of its kernel (the measured fault); a
    // VM's reaches the host's fault handling through the exit, without an exception or an
    // IRET of its own (`CostTable::host_fault_handler`).
    let (fault, en, ko) = if stack.is_vm() {
        (
            c.host_fault_handler(),
            "host kernel: copy on write, called from the exit handler (a new page, 4 KiB copied: read and write; no exception of its own: the native fault less its delivery and IRET, estimate)",
            "호스트 커널: exit 핸들러에서 부른 쓰기 시 복사 (새 페이지, 4 KiB 복사는 읽기와 쓰기. 자체 예외는 없으므로 네이티브 폴트에서 예외 전달과 IRET을 뺌, 추정)",
        )
    } else {
        (
            c.page_fault_native,
            "host kernel: copy on write (a new page, 4 KiB copied: read and write)",
            "호스트 커널: 쓰기 시 복사 (새 페이지, 4 KiB 복사: 읽기와 쓰기)",
        )
    };
    steps.push(step(
        layer,
        category,
        fault + 2 * c.page_zero_cycles,
        en,
        ko,
    ));
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vm(memory: MemoryVirtualization) -> Stack {
        Stack {
            kind: PlatformKind::Type1,
            technique: Some(Technique::HardwareAssist),
            memory,
            ..Stack::native()
        }
    }

    fn container() -> Stack {
        Stack {
            kind: PlatformKind::Container,
            ..Stack::native()
        }
    }

    fn total(steps: &[Step]) -> u64 {
        steps.iter().map(|s| s.cycles).sum()
    }

    /// The host's fault handling reached by a VM exit is the native fault (Adams &
    /// Agesen's 1093 cycles) less the exception's delivery and its IRET (121 each, the
    /// halves of the native system call: an estimate): the exit took the delivery's place
    /// and the entry takes the IRET's.
    #[test]
    fn a_host_fault_reached_by_an_exit_has_no_exception_of_its_own() {
        let c = CostTable::default();
        assert_eq!(c.fault_delivery() + c.fault_iret(), c.syscall_native);
        assert_eq!(c.host_fault_handler(), 1093 - 242);
    }

    /// A VM's swap-in: the EPT violation's round trip and handler, then the host's fault
    /// handling without an exception (851, not the native fault's 1093), the reclaim and
    /// the read's submission. A container's process takes the whole native fault. The
    /// resumption after the read goes on in the same handler on every stack: no second
    /// delivery or IRET.
    #[test]
    fn a_swap_in_charges_one_exception_at_most() {
        let c = CostTable::default();
        let cpu = CpuGeneration::SandyBridge;
        let rest = c.swap_reclaim_page_cycles + c.disk_submit;
        let nested = swap_fault_steps(&vm(MemoryVirtualization::Nested), &c, cpu);
        assert_eq!(
            total(&nested),
            c.exit_roundtrip(cpu) + c.exit_handler + 851 + rest
        );
        let shadow = swap_fault_steps(&vm(MemoryVirtualization::Shadow), &c, cpu);
        assert_eq!(
            total(&shadow),
            c.exit_roundtrip(cpu) + c.exit_handler + c.shadow_page_fault_handler + 851 + rest
        );
        assert_eq!(total(&swap_fault_steps(&container(), &c, cpu)), 1093 + rest);
        for stack in [vm(MemoryVirtualization::Nested), container()] {
            let resume = swap_resume_steps(&stack, &c);
            let wakeup = if stack.async_page_faults() {
                0
            } else {
                c.vcpu_wakeup
            };
            assert_eq!(
                total(&resume),
                c.device_interrupt + c.disk_complete + 851 + wakeup,
                "{stack:?}"
            );
        }
    }

    /// A write to a page KSM merged: a VM's copy-on-write runs from the exit handler
    /// (851 + the 4 KiB copy's read and write), a process's from its own fault (1093 + the
    /// copy).
    #[test]
    fn a_vms_copy_on_write_runs_from_its_exit() {
        let c = CostTable::default();
        let cpu = CpuGeneration::SandyBridge;
        let copy = 2 * c.page_zero_cycles;
        assert_eq!(
            total(&cow_fault_steps(&vm(MemoryVirtualization::Nested), &c, cpu)),
            c.exit_roundtrip(cpu) + c.exit_handler + 851 + copy
        );
        assert_eq!(total(&cow_fault_steps(&container(), &c, cpu)), 1093 + copy);
    }

    /// Under binary translation a fault on host memory traps into the VMM: no VT-x exit
    /// (no hardware step, no exit round trip), the VMM's part of a BT guest page fault
    /// (3927 − 1093 = 2834) counted as a crossing, as BT's hidden faults are (an expert's
    /// audit: it was charged a VM exit and the shadow handler).
    #[test]
    fn under_binary_translation_a_host_fault_traps_into_the_vmm() {
        let c = CostTable::default();
        let cpu = CpuGeneration::SandyBridge;
        let bt = Stack {
            technique: Some(Technique::BinaryTranslation),
            ..vm(MemoryVirtualization::Shadow)
        };
        for steps in [
            swap_fault_steps(&bt, &c, cpu),
            cow_fault_steps(&bt, &c, cpu),
        ] {
            assert!(steps.iter().all(|s| s.layer != Layer::Hardware));
            let crossings: Vec<_> = steps.iter().filter(|s| s.exit.is_some()).collect();
            assert_eq!(crossings.len(), 1);
            assert_eq!(crossings[0].cycles, 2834);
            assert_eq!(crossings[0].exit, Some(ExitReason::ShadowPageFault));
        }
        let copy = 2 * c.page_zero_cycles;
        assert_eq!(total(&cow_fault_steps(&bt, &c, cpu)), 2834 + 851 + copy);
    }

    #[test]
    fn a_reclaimed_page_is_dirty_as_often_as_the_touches_say() {
        // All of it swapped out: a page is evicted right after the touch that brought it
        // in (r / s = 0): dirty when that touch wrote, 30% of the time.
        assert_eq!(writeback_ppm(1_000_000, 30), 300_000);
        // 35% swapped: dirty = 0.3 / (0.3 + 0.35 * 0.7) = 0.3 / 0.545 = 0.55046.
        // (An exact LRU over uniform touches simulated at 0.551.)
        assert_eq!(writeback_ppm(350_000, 30), 550_459);
        let p = writeback_ppm(350_000, 30);
        // No writes: never dirty; nothing swapped: nothing reclaimed.
        assert_eq!(writeback_ppm(350_000, 0), 0);
        assert_eq!(writeback_ppm(0, 30), 0);
        // Less swapped out, longer residence, more often dirty.
        assert!(writeback_ppm(50_000, 30) > p);
    }
}
