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

use crate::costs::{CostTable, CpuGeneration};
use crate::path::{Category, ExitReason, Layer, Part, Step};
use crate::platform::{MemoryVirtualization, PlatformKind, Stack};

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
    }
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

/// A touch of a swapped-out page, up to the host's read request.
pub fn swap_fault_steps(stack: &Stack, c: &CostTable, cpu: CpuGeneration) -> Vec<Step> {
    let (layer, category) = host_layer(stack);
    let mut steps = Vec::new();
    if stack.is_vm() {
        let (reason, en, ko, handler) = if stack.memory == MemoryVirtualization::Nested {
            (
                ExitReason::EptViolation,
                "VM exit: EPT violation (no host page behind the guest page)",
                "VM exit: EPT 위반 (게스트 페이지 뒤에 호스트 페이지 없음)",
                c.exit_handler,
            )
        } else {
            (
                ExitReason::ShadowPageFault,
                "VM exit: page fault on a page the host swapped out (shadow paging)",
                "VM exit: 호스트가 스왑아웃한 페이지의 페이지 폴트 (섀도 페이징)",
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
    steps.push(step(
        layer,
        category,
        c.page_fault_native,
        "host kernel: major fault finds the swap entry",
        "호스트 커널: 메이저 폴트가 스왑 엔트리를 찾음",
    ));
    steps.push(step(
        layer,
        category,
        c.disk_submit,
        "host kernel: 4 KiB read from the swap device submitted",
        "호스트 커널: 스왑 장치에서 4 KiB 읽기 제출",
    ));
    steps
}

/// The read is done: the host completes it, maps the page and lets the thread go on.
pub fn swap_resume_steps(stack: &Stack, c: &CostTable) -> Vec<Step> {
    let (layer, category) = host_layer(stack);
    vec![
        step(
            layer,
            category,
            c.device_interrupt + c.disk_complete,
            "host kernel: the swap read completes",
            "호스트 커널: 스왑 읽기 완료",
        ),
        step(
            layer,
            category,
            c.page_fault_native,
            "host kernel: the page is mapped again and the faulting thread resumes",
            "호스트 커널: 페이지를 다시 매핑하고 폴트난 스레드가 재개",
        ),
    ]
}

/// A write to a page KSM merged: the host's page is read-only, the write faults (an EPT
/// violation under nested paging, a shadow fault otherwise, a plain fault for a process),
/// and the host copies the page for the writer.
pub fn cow_fault_steps(stack: &Stack, c: &CostTable, cpu: CpuGeneration) -> Vec<Step> {
    let (layer, category) = host_layer(stack);
    let mut steps = Vec::new();
    if stack.is_vm() {
        let reason = if stack.memory == MemoryVirtualization::Nested {
            ExitReason::EptViolation
        } else {
            ExitReason::ShadowPageFault
        };
        let mut exit = step(
            Layer::Hardware,
            Category::Hypervisor,
            c.exit_roundtrip(cpu),
            "VM exit: write to a page KSM merged (read-only in the host)",
            "VM exit: KSM이 병합한 페이지에 쓰기 (호스트에서 읽기 전용)",
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
    steps.push(step(
        layer,
        category,
        c.page_fault_native + 2 * c.page_zero_cycles,
        "host kernel: copy on write (a new page, 4 KiB copied: read and write)",
        "호스트 커널: 쓰기 시 복사 (새 페이지, 4 KiB 복사: 읽기와 쓰기)",
    ));
    steps
}
