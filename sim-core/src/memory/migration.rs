//! Live migration by pre-copy: a running VM's memory is copied to a second host over a
//! link while the guest keeps running and dirtying pages; each round sends the pages
//! dirtied during the previous one, until what is left can be sent within the downtime
//! target (stop and copy) or the round limit is hit. When the guest dirties pages faster
//! than the link sends them, the dirty set never shrinks: migration does not converge and
//! the final stop-and-copy takes as long as the whole working set.
//!
//! The migration happens inside the run (`machine/migration.rs`): the migration thread is
//! a host entity that copies segments at `migration_copy_cycles_per_page` and puts them on
//! the link; dirty logging makes the guest's first write to a page in each round fault
//! ([`dirty_fault_steps`]; with PML one exit per 512 logged pages, [`pml_full_steps`]);
//! the stop-and-copy pauses the guest's vCPUs. This module has the steps of those faults,
//! the record the machine keeps, and the result built from it ([`from_record`]), with the
//! guest's throughput during the pre-copy measured against the native baseline's in the
//! same window. A container's checkpoint and restore is still computed from the plan.
use serde::{Deserialize, Serialize};

use crate::costs::CostTable;
use crate::hardware::CpuGeneration;
use crate::path::{Category, ExitReason, Layer, Part, Step};
use crate::platform::{MemoryVirtualization, Stack, Technique};

/// Bytes per page.
const PAGE: f64 = 4096.0;

/// A validated migration of one VM of a platform.
#[derive(Debug, Clone, PartialEq)]
pub struct MigrationSpec {
    /// Scenario instance group and machine instance index of the migrated VM (its copy 1).
    pub group: usize,
    pub instance: u32,
    pub link_gbit_s: f64,
    pub max_rounds: u32,
    pub max_downtime_ms: f64,
}

/// One pre-copy round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MigrationRound {
    pub sent_mib: f64,
    pub duration_ms: f64,
    /// Pages the guest dirtied meanwhile, MiB (what the next round sends).
    pub dirtied_mib: f64,
    /// When the round began, ms into the run (0 for a container's checkpoint).
    #[serde(default)]
    pub start_ms: f64,
}

/// What a migration did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MigrationResult {
    pub instance: String,
    pub link_gbit_s: f64,
    /// What the guests sent on the host's NIC during the run, Gbit/s (the migration shares
    /// the NIC with it).
    #[serde(default)]
    pub guest_traffic_gbit_s: f64,
    /// The bandwidth the migration got: the link's, at most what the guests leave of the
    /// NIC (at least half of it, under fair queuing).
    #[serde(default)]
    pub effective_gbit_s: f64,
    /// The guest's page writes per second, from the run.
    pub writes_per_second: f64,
    pub rounds: Vec<MigrationRound>,
    /// Whether the dirty set fell within the downtime target before the round limit.
    pub converged: bool,
    /// The stop-and-copy: the guest is paused while the last dirty pages are sent.
    pub downtime_ms: f64,
    /// The downtime target: pre-copy stops once what is left can be sent within it.
    #[serde(default)]
    pub max_downtime_ms: f64,
    pub total_ms: f64,
    pub sent_mib: f64,
    /// How much less the guest did during the pre-copy than natively in the same window,
    /// percent (measured in the run; virtualization's own overhead included).
    pub slowdown_percent: f64,
    /// Whether the migration ended within the run (else the rounds are those run so far).
    #[serde(default = "yes")]
    pub finished: bool,
    /// Guest writes that took a dirty-logging fault, or that PML logged.
    #[serde(default)]
    pub dirty_writes: u64,
    /// VM exits for a full page-modification log.
    #[serde(default)]
    pub pml_exits: u64,
    /// Host CPU the migration thread used, ms of one core.
    #[serde(default)]
    pub copy_cpu_ms: f64,
    /// The migrated guest's operations per second over the run, window by window, on its
    /// platform and natively: the pre-copy's slowdown and the stop-and-copy's gap.
    #[serde(default)]
    pub throughput: Vec<ThroughputPoint>,
}

/// The migrated guest's throughput in one window of the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ThroughputPoint {
    /// The window's end, ms into the run.
    pub at_ms: f64,
    pub ops_per_s: f64,
    pub native_ops_per_s: f64,
}

fn yes() -> bool {
    true
}

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

/// The first write to a page in a pre-copy round without PML: dirty logging
/// write-protected it, so the write faults into the hypervisor, which marks the page
/// dirty and gives the write permission back.
pub fn dirty_fault_steps(stack: &Stack, c: &CostTable, cpu: CpuGeneration) -> Vec<Step> {
    // Binary translation: the write's fault is a trap into the VMM, not a VT-x exit, and
    // the VMM's fault path fixes the shadow entry: the VMM's part of a BT guest page fault
    // (`bt_page_fault` − `page_fault_native`), as its hidden faults are charged.
    let vendor = cpu.vendor();
    if stack.technique == Some(Technique::BinaryTranslation)
        && stack.memory == MemoryVirtualization::Shadow
    {
        let mut trap = step(
            Layer::Hypervisor,
            Category::Hypervisor,
            c.bt_page_fault.saturating_sub(c.page_fault_native),
            &format!("binary translation: the VMM takes the fault of a write to a page dirty logging write-protected in the shadow tables (a trap, not {} exit), marks the page dirty and makes it writable again", vendor.pick("a VT-x", "an AMD-V")),
            &format!("바이너리 변환: 더티 로깅이 섀도 테이블에서 쓰기 금지한 페이지에 쓰기 폴트를 VMM이 받아({} exit가 아닌 트랩) 페이지를 더티로 표시하고 다시 쓰기 가능하게 함", vendor.extension()),
        );
        trap.exit = Some(ExitReason::ShadowPageFault);
        return vec![trap];
    }
    let (reason, en, ko, handler) = match stack.memory {
        MemoryVirtualization::Nested => (
            Some(ExitReason::EptViolation),
            vendor.pick(
                "VM exit: EPT violation (dirty logging write-protected the page)",
                "#VMEXIT: nested page fault, #NPF (dirty logging write-protected the page)",
            ),
            vendor.pick(
                "VM exit: EPT 위반 (더티 로깅이 페이지를 쓰기 금지함)",
                "#VMEXIT: 중첩 페이지 폴트 #NPF (더티 로깅이 페이지를 쓰기 금지함)",
            ),
            c.exit_handler,
        ),
        // Shadow paging: dirty logging write-protected the page's shadow entry, so the
        // write is a shadow page fault, which the hypervisor's fault path fixes (KVM's
        // `fast_page_fault` restores write permission): no instruction is emulated, as
        // it is for a write to a guest page table (`shadow_pte_write_handler`).
        MemoryVirtualization::Shadow => (
            Some(ExitReason::ShadowPageFault),
            vendor.pick(
                "VM exit: page fault on a page dirty logging write-protected in the shadow tables",
                "#VMEXIT: page fault on a page dirty logging write-protected in the shadow tables",
            ),
            vendor.pick(
                "VM exit: 더티 로깅이 섀도 테이블에서 쓰기 금지한 페이지에 대한 페이지 폴트",
                "#VMEXIT: 더티 로깅이 섀도 테이블에서 쓰기 금지한 페이지에 대한 페이지 폴트",
            ),
            c.exit_handler + c.shadow_page_fault_handler,
        ),
        // Direct paging: the hypervisor's log-dirty mode write-protects the guest's own
        // page tables' mappings; a write traps like a validated update.
        _ => (
            None,
            "trap to the hypervisor: write to a page log-dirty mode write-protected",
            "하이퍼바이저로 트랩: log-dirty 모드가 쓰기 금지한 페이지에 쓰기",
            c.pv_hypercall_handler,
        ),
    };
    let mut trap = step(
        Layer::Hardware,
        Category::Hypervisor,
        if reason.is_some() {
            c.exit_roundtrip(cpu)
        } else {
            c.pv_hypercall
        },
        en,
        ko,
    );
    trap.exit = reason;
    let mut steps = vec![
        trap,
        step(
            Layer::Hypervisor,
            Category::Hypervisor,
            handler,
            "hypervisor decodes the fault",
            "하이퍼바이저가 폴트를 해석",
        ),
    ];
    // The shadow fault handler's measured cost already fixes the entry (it is the whole
    // hidden fault's, less the exit and the guest's own handler). Otherwise the hypervisor's
    // fault handling runs from the exit (or the trap), which took the place of an
    // exception's delivery, and returns by the entry: the native fault less its delivery and
    // IRET (`CostTable::host_fault_handler`).
    if stack.memory != MemoryVirtualization::Shadow {
        steps.push(step(
            Layer::Hypervisor,
            Category::Hypervisor,
            c.host_fault_handler(),
            "hypervisor marks the page dirty and makes it writable again (a fault's handling without an exception's delivery and IRET: estimate)",
            "하이퍼바이저가 페이지를 더티로 표시하고 다시 쓰기 가능하게 함 (예외 전달과 IRET을 뺀 폴트 처리: 추정)",
        ));
    }
    steps
}

/// With page-modification logging the CPU logs written pages itself; when its log of
/// `pml_log_entries` is full the vCPU exits and the hypervisor drains it into the dirty
/// bitmap.
pub fn pml_full_steps(c: &CostTable, cpu: CpuGeneration) -> Vec<Step> {
    let mut exit = step(
        Layer::Hardware,
        Category::Hypervisor,
        c.exit_roundtrip(cpu),
        "VM exit: the page-modification log is full",
        "VM exit: 페이지 수정 로그가 가득 참",
    );
    exit.exit = Some(ExitReason::PmlFull);
    vec![
        exit,
        step(
            Layer::Hypervisor,
            Category::Hypervisor,
            c.exit_handler
                + c.pml_log_entries
                    .saturating_mul(c.pml_drain_cycles_per_entry),
            "hypervisor drains the log into the dirty bitmap",
            "하이퍼바이저가 로그를 더티 비트맵으로 옮김",
        ),
    ]
}

/// One pre-copy round as the machine ran it (cycles of the run, pages).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RoundRecord {
    pub start: u64,
    pub end: u64,
    pub sent_pages: u64,
    /// Distinct pages of the working set the guest wrote during the round.
    pub dirtied_pages: u64,
}

/// What the machine did of a migration.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MigrationRecord {
    /// Pre-copy rounds, in order.
    pub rounds: Vec<RoundRecord>,
    /// When the guest was paused for the stop-and-copy, and when it ran again.
    pub paused_at: Option<u64>,
    pub resumed_at: Option<u64>,
    /// Pages sent while the guest was paused.
    pub stop_copy_pages: u64,
    /// Whether the dirty set fell within the downtime target before the round limit.
    pub converged: bool,
    /// Writes that took a dirty-logging fault (without PML) or were logged (with PML).
    pub dirty_writes: u64,
    /// Exits for a full page-modification log.
    pub pml_exits: u64,
    /// Host CPU the migration thread used, cycles.
    pub copy_cycles: u64,
    /// A container's restore on the destination after its dump, cycles (frozen meanwhile;
    /// within `resumed_at - paused_at`).
    #[serde(default)]
    pub restore_cycles: u64,
}

/// What the runner measured around a migration: the migrated instance's operations in
/// the pre-copy window on its platform and natively.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PrecopyOps {
    pub platform: f64,
    pub native: f64,
}

/// The result of a migration the machine ran.
pub fn from_record(
    name: &str,
    spec: &MigrationSpec,
    record: &MigrationRecord,
    per_ms: f64,
    precopy_ops: PrecopyOps,
) -> MigrationResult {
    let mib = |pages: u64| pages as f64 / 256.0;
    let ms = |cycles: u64| cycles as f64 / per_ms;
    let rounds: Vec<MigrationRound> = record
        .rounds
        .iter()
        .map(|r| MigrationRound {
            sent_mib: mib(r.sent_pages),
            duration_ms: ms(r.end.saturating_sub(r.start)),
            dirtied_mib: mib(r.dirtied_pages),
            start_ms: ms(r.start),
        })
        .collect();
    let start = record.rounds.first().map_or(0, |r| r.start);
    let finished = record.resumed_at.is_some();
    let end = record
        .resumed_at
        .or(record.rounds.last().map(|r| r.end))
        .unwrap_or(start);
    let sent_pages =
        record.rounds.iter().map(|r| r.sent_pages).sum::<u64>() + record.stop_copy_pages;
    // The bandwidth is the transfer's: a restore after it sends nothing.
    let seconds = ms(end
        .saturating_sub(start)
        .saturating_sub(record.restore_cycles))
        / 1000.0;
    let slowdown = if precopy_ops.native > 0.0 {
        (100.0 - precopy_ops.platform * 100.0 / precopy_ops.native).max(0.0)
    } else {
        0.0
    };
    MigrationResult {
        instance: name.to_string(),
        link_gbit_s: spec.link_gbit_s,
        guest_traffic_gbit_s: 0.0,
        effective_gbit_s: if seconds > 0.0 {
            sent_pages as f64 * PAGE * 8.0 / seconds / 1e9
        } else {
            0.0
        },
        writes_per_second: 0.0,
        rounds,
        converged: record.converged,
        downtime_ms: match (record.paused_at, record.resumed_at) {
            (Some(p), Some(r)) => ms(r.saturating_sub(p)),
            _ => 0.0,
        },
        max_downtime_ms: spec.max_downtime_ms,
        total_ms: ms(end.saturating_sub(start)),
        sent_mib: mib(sent_pages),
        slowdown_percent: slowdown,
        finished,
        dirty_writes: record.dirty_writes,
        pml_exits: record.pml_exits,
        copy_cpu_ms: ms(record.copy_cycles),
        throughput: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::PlatformKind;

    /// Dirty logging's fault on a write-protected page: under shadow paging a shadow page
    /// fault fixed by the fault handler (Sandy Bridge: exit round trip + 2216 + 3850), not
    /// an emulated page-table write (+ 6433 + 1093); under nested paging an EPT violation
    /// whose handler then marks the page dirty (+ 851: the native fault's 1093 less its
    /// delivery and IRET, which the exit and the entry replace).
    #[test]
    fn a_dirty_logging_fault_under_shadow_paging_is_a_shadow_page_fault() {
        let c = CostTable::default();
        let cpu = CpuGeneration::SandyBridge;
        let vm = |memory| Stack {
            kind: PlatformKind::Type1,
            technique: Some(Technique::HardwareAssist),
            memory,
            ..Stack::native()
        };
        let fault = |memory| {
            let steps = dirty_fault_steps(&vm(memory), &c, cpu);
            let exits: Vec<_> = steps.iter().filter_map(|s| s.exit).collect();
            (exits, steps.iter().map(|s| s.cycles).sum::<u64>())
        };
        let round_trip = c.exit_roundtrip(cpu);
        assert_eq!(
            fault(MemoryVirtualization::Shadow),
            (
                vec![ExitReason::ShadowPageFault],
                round_trip + c.exit_handler + c.shadow_page_fault_handler
            )
        );
        assert_eq!(
            fault(MemoryVirtualization::Nested),
            (
                vec![ExitReason::EptViolation],
                round_trip + c.exit_handler + c.host_fault_handler()
            )
        );
        // Binary translation: a trap into the VMM, no VT-x exit (3927 − 1093 = 2834).
        let bt = Stack {
            technique: Some(Technique::BinaryTranslation),
            ..vm(MemoryVirtualization::Shadow)
        };
        let steps = dirty_fault_steps(&bt, &c, cpu);
        assert!(steps.iter().all(|s| s.layer != Layer::Hardware));
        let exits: Vec<_> = steps.iter().filter_map(|s| s.exit).collect();
        let total: u64 = steps.iter().map(|s| s.cycles).sum();
        assert_eq!((exits, total), (vec![ExitReason::ShadowPageFault], 2834));
    }
}
