//! The balloon as steps: the guest's balloon driver takes free pages from its own kernel
//! and reports them to the host in batches; the host unmaps and frees them. One batch is
//! one path: guest kernel work per page, the notification (a virtio queue kick, which
//! exits, or under para a hypercall), and the host's work per page. The machine runs the
//! batches on the guest's vCPU when the run starts (`machine/balloon.rs`).

use crate::costs::CostTable;
use crate::hardware::CpuGeneration;
use crate::path::{Category, ExitReason, Layer, Part, Step};
use crate::platform::{PlatformKind, Stack, Technique};

fn step(layer: Layer, category: Category, cycles: u64, en: String, ko: String) -> Step {
    Step {
        layer,
        category,
        cycles,
        en,
        ko,
        exit: None,
        part: Part::Guest,
        translation: None,
        translated: false,
    }
}

/// Pages per balloon batch.
pub fn balloon_batch_pages(c: &CostTable) -> u64 {
    c.balloon_batch_pages.max(1)
}

/// Pages per free page report.
pub fn report_pages(c: &CostTable) -> u64 {
    c.free_page_report_pages.max(1)
}

/// One free page report: the guest isolates free 2 MiB blocks, the device is kicked, the
/// host discards the pages.
pub fn free_page_report_steps(stack: &Stack, c: &CostTable, cpu: CpuGeneration) -> Vec<Step> {
    let pages = report_pages(c);
    let blocks = pages.div_ceil(512);
    let (layer, category) = match stack.kind {
        PlatformKind::Type2 => (Layer::HostOs, Category::HostOs),
        _ => (Layer::Hypervisor, Category::Hypervisor),
    };
    vec![
        step(
            Layer::GuestKernel,
            Category::GuestKernel,
            blocks.saturating_mul(c.free_page_block_cycles),
            format!("guest isolates {blocks} free 2 MiB blocks to report"),
            format!("게스트가 보고할 여유 2 MiB 블록 {blocks}개를 떼어 냄"),
        ),
        Step {
            exit: Some(ExitReason::IoInstruction),
            ..step(
                Layer::Hardware,
                Category::Hypervisor,
                c.exit_roundtrip(cpu) + c.exit_handler,
                "VM exit: reporting queue kick".to_string(),
                "VM exit: 보고 큐 알림".to_string(),
            )
        },
        step(
            layer,
            category,
            pages.saturating_mul(c.balloon_host_page_cycles),
            format!("host discards the {pages} reported pages"),
            format!("호스트가 보고된 페이지 {pages}개를 버림"),
        ),
    ]
}

/// One batch of the balloon inflating.
pub fn balloon_batch_steps(stack: &Stack, c: &CostTable, cpu: CpuGeneration) -> Vec<Step> {
    let pages = balloon_batch_pages(c);
    let mut steps = vec![step(
        Layer::GuestKernel,
        Category::GuestKernel,
        pages.saturating_mul(c.balloon_guest_page_cycles),
        format!("balloon driver takes {pages} free pages from the guest kernel"),
        format!("벌룬 드라이버가 게스트 커널에서 여유 페이지 {pages}개를 가져감"),
    )];
    if stack.technique == Some(Technique::Para) {
        steps.push(Step {
            exit: Some(ExitReason::Hypercall),
            ..step(
                Layer::Hypervisor,
                Category::Hypervisor,
                c.pv_hypercall + c.pv_hypercall_handler,
                "hypercall: decrease reservation".to_string(),
                "하이퍼콜: 예약 메모리 줄이기".to_string(),
            )
        });
    } else {
        steps.push(Step {
            exit: Some(ExitReason::IoInstruction),
            ..step(
                Layer::Hardware,
                Category::Hypervisor,
                c.exit_roundtrip(cpu) + c.exit_handler,
                "VM exit: balloon queue kick".to_string(),
                "VM exit: 벌룬 큐 알림".to_string(),
            )
        });
    }
    let (layer, category) = match stack.kind {
        PlatformKind::Type2 => (Layer::HostOs, Category::HostOs),
        _ => (Layer::Hypervisor, Category::Hypervisor),
    };
    steps.push(step(
        layer,
        category,
        pages.saturating_mul(c.balloon_host_page_cycles),
        format!("host unmaps and frees the {pages} pages"),
        format!("호스트가 페이지 {pages}개를 매핑 해제하고 해제"),
    ));
    steps
}

/// Reports a guest sends to report `mib` of free memory.
pub(crate) fn free_page_reports(mib: f64, costs: &CostTable) -> u32 {
    let pages = libm::ceil(mib.max(0.0) * 256.0) as u64;
    pages.div_ceil(report_pages(costs)).min(u64::from(u32::MAX)) as u32
}

/// Batches a balloon of `mib` takes to inflate.
pub(crate) fn balloon_batches(mib: f64, costs: &CostTable) -> u32 {
    let pages = libm::ceil(mib.max(0.0) * 256.0) as u64;
    pages
        .div_ceil(balloon_batch_pages(costs))
        .min(u64::from(u32::MAX)) as u32
}
