//! A trap, step by step: an operation's path from [`crate::path`] expanded into the
//! phases a student steps through (the guest's instruction, the VM exit and what the CPU
//! saves, the hypervisor's decode and emulation, the injection, the VM entry), and the
//! same operation under the other techniques side by side.
//!
//! Nothing here costs anything on its own: every phase's cycles are a share of one of the
//! path's [`Step`]s, and the phases of a path add up exactly to its steps. Where a step is
//! split (an exit round trip into exit and entry, a handler into decode, emulation and
//! injection, a hypercall into trap and return), the share comes from the reference's
//! figures and `source` says which, or says "estimate".
//!
//! The folder, by what each file holds: the public types and entry points here;
//! `expand.rs` walks a path's steps and hands each trap to `vm_exit.rs` (a hardware exit
//! and its entry, nested ones included), `hypercall.rs` (a paravirtual hypercall) or
//! `binary_translation.rs` (translated code); `order.rs` puts steps that run elsewhere or
//! later where they run; `hardware_texts.rs` has what the CPU executes and records on each
//! vendor's CPU, `transitions.rs` how a round trip splits into exit and entry and where its
//! figures come from; `notes.rs` the notes below a path; `alternatives.rs` the same
//! operation under the other techniques.

use serde::Serialize;

use crate::costs::CostTable;
use crate::hardware::CpuGeneration;
use crate::path::{Category, ExitReason, Layer, OpPath, Part, PathBuilder, Step};
use crate::platform::{
    BackendPlacement, HostedDesign, IoModel, MemoryVirtualization, PlatformKind, Stack, Technique,
};
use crate::scenario::Scenario;
use crate::text::Text;
use crate::workload::Op;

mod alternatives;
mod binary_translation;
mod expand;
mod hardware_texts;
mod hypercall;
mod notes;
mod order;
#[cfg(test)]
mod tests;
mod transitions;
mod vm_exit;

pub use alternatives::{alternative_stack, other_kind_note, side_by_side, SIDE_BY_SIDE};
use notes::{
    beyond_the_path, desktop_send_note, device_wait_note, held_tx_interrupt_note, joined,
    measured_note, scheduled_backend_note,
};

/// What a phase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PhaseKind {
    /// The guest instruction that traps (it does not run as written).
    GuestInstruction,
    /// The CPU leaves the guest: guest state saved into the VMCS, exit reason and
    /// qualification recorded, host state loaded.
    VmExit,
    /// The hypervisor reads the exit reason and qualification and dispatches.
    Decode,
    /// The hypervisor's handler does what the guest asked for.
    Emulate,
    /// The hypervisor handles a hypercall: a request made on purpose, not an instruction
    /// to emulate.
    Handle,
    /// The hypervisor writes an event to inject at the next entry.
    Inject,
    /// The CPU enters the guest again, which resumes.
    VmEntry,
    /// A paravirtual guest traps into the hypervisor on purpose.
    HypercallTrap,
    /// The hypervisor returns to the paravirtual guest.
    HypercallReturn,
    /// Binary translation: the translated block is found in the translation cache.
    TranslationCacheLookup,
    /// Binary translation: the translated sequence that replaces the instruction.
    TranslatedCode,
    /// One step of the path as it is.
    Step,
}

impl PhaseKind {
    pub fn name(self) -> &'static str {
        match self {
            PhaseKind::GuestInstruction => "guest_instruction",
            PhaseKind::VmExit => "vm_exit",
            PhaseKind::Decode => "decode",
            PhaseKind::Emulate => "emulate",
            PhaseKind::Handle => "handle",
            PhaseKind::Inject => "inject",
            PhaseKind::VmEntry => "vm_entry",
            PhaseKind::HypercallTrap => "hypercall_trap",
            PhaseKind::HypercallReturn => "hypercall_return",
            PhaseKind::TranslationCacheLookup => "translation_cache_lookup",
            PhaseKind::TranslatedCode => "translated_code",
            PhaseKind::Step => "step",
        }
    }

    /// A short label in `lang`.
    pub fn label(self, lang: crate::text::Lang) -> &'static str {
        let (en, ko) = match self {
            PhaseKind::GuestInstruction => ("guest instruction", "게스트 명령"),
            PhaseKind::VmExit => ("VM exit", "VM exit"),
            PhaseKind::Decode => ("decode", "디코드"),
            PhaseKind::Emulate => ("emulate", "에뮬레이션"),
            PhaseKind::Handle => ("handle", "처리"),
            PhaseKind::Inject => ("inject", "주입"),
            PhaseKind::VmEntry => ("VM entry", "VM entry"),
            PhaseKind::HypercallTrap => ("hypercall", "하이퍼콜"),
            PhaseKind::HypercallReturn => ("return", "복귀"),
            PhaseKind::TranslationCacheLookup => ("TC lookup", "변환 캐시 조회"),
            PhaseKind::TranslatedCode => ("translated code", "변환된 코드"),
            PhaseKind::Step => ("path step", "경로 단계"),
        };
        match lang {
            crate::text::Lang::En => en,
            crate::text::Lang::Ko => ko,
        }
    }
}

/// Which list of the path a phase's step is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// Issued by the thread, every time.
    Submit,
    /// Once every `batch_every` operations (e.g. an mmu_update hypercall).
    Batched,
    /// When the device or timer completes the operation.
    Complete,
}

/// One phase of a step-through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phase {
    pub kind: PhaseKind,
    pub section: Section,
    pub part: Part,
    pub layer: Layer,
    pub category: Category,
    pub cycles: u64,
    /// The exit or trap the phase belongs to, if any.
    pub exit: Option<ExitReason>,
    /// Index, within its section, of the path step whose cycles this phase carries.
    pub step: usize,
    /// One sentence, in English.
    pub en: String,
    /// One sentence, in Korean.
    pub ko: String,
    /// Where the phase's share of the step comes from; `None` when the phase is the
    /// whole step (its cost is the step's, from the cost table).
    pub source: Option<Text>,
}

/// An operation's path on one stack, as phases.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The platform's name, or the technique's name for a side-by-side variant.
    pub name: String,
    pub kind: PlatformKind,
    pub technique: Option<Technique>,
    pub io: IoModel,
    /// Where the I/O back ends run (inline in the hypervisor, a driver domain, host
    /// threads): the same technique and I/O model cost more through a scheduled back end.
    pub backend: BackendPlacement,
    /// Type 2: how the VMM reaches the host OS (left out of the JSON when it is the
    /// default, the classic world switch).
    #[serde(skip_serializing_if = "HostedDesign::is_world_switch")]
    pub hosted_design: HostedDesign,
    pub memory: MemoryVirtualization,
    pub op: Op,
    /// Batched phases run once every this many operations (0: none).
    pub batch_every: u64,
    pub phases: Vec<Phase>,
    /// Sum of the path's steps (batched steps counted once) = sum of the phases.
    pub total: u64,
    /// What the run does beyond the path shown (`None` when the path is all of it).
    pub note: Option<Text>,
    /// For a side-by-side variant on another kind of platform than the one explained, or in
    /// another hosted design (binary translation beside a host-module type 2), why
    /// ([`other_kind_note`]); `None` otherwise.
    pub kind_note: Option<Text>,
}

impl Explanation {
    /// Whether the path takes a hardware VM exit.
    pub fn has_vm_exit(&self) -> bool {
        self.phases.iter().any(|p| p.kind == PhaseKind::VmExit)
    }
}

/// Expands paths into phases for one CPU and cost table.
pub struct Expander<'a> {
    pub costs: &'a CostTable,
    pub cpu: CpuGeneration,
    pub technique: Option<Technique>,
    /// The operation (an interrupt starts in the VMM, not in translated code).
    pub op: Op,
    /// EPT/NPT (an MMIO exit is then an EPT misconfiguration, not a #PF exit).
    pub nested_paging: bool,
    /// APIC virtualization (APICv, AMD's AVIC) is on (on AMD, an APIC access then exits
    /// through AVIC rather than as a fault on the APIC page).
    pub apicv: bool,
    /// The I/O back end is a scheduled entity (a driver domain, a host thread), not inline
    /// in the hypervisor's exit handling.
    pub backend_scheduled: bool,
}

/// `op` on the scenario's platform `platform`, phase by phase (`None` if there is no
/// such platform or no instance runs on it).
pub fn explain(s: &Scenario, platform: usize, op: Op) -> Option<Explanation> {
    let p = s.platforms.get(platform)?;
    explain_stack(s, platform, &p.stack, op, &p.name)
}

/// The sum of a path's steps, batched steps counted once.
pub fn path_total(path: &OpPath) -> u64 {
    every_step(path).map(|s| s.cycles).sum()
}

/// Every step of a path, submission then completion, batched steps once each.
pub(super) fn every_step(path: &OpPath) -> impl Iterator<Item = &Step> {
    path.submit
        .steps
        .iter()
        .chain(&path.submit.batched)
        .chain(&path.complete.steps)
        .chain(&path.complete.batched)
}

/// The phases of `op` on `stack` with the scenario's costs, host and the workload of the
/// first instance group on platform `platform` that runs `op` (as the machine builds it).
fn explain_stack(
    s: &Scenario,
    platform: usize,
    stack: &Stack,
    op: Op,
    name: &str,
) -> Option<Explanation> {
    // The first group on the platform whose mix has the operation (its message and I/O
    // sizes set the copies), else the first group on the platform.
    let on_platform = || {
        s.instances
            .iter()
            .filter(|i| i.platforms.contains(&platform))
    };
    let has_op = |i: &&crate::scenario::InstanceSpec| {
        op.index() < Op::MIX_COUNT && i.workload.mix.weights()[op.index()] > 0
    };
    let instance = on_platform()
        .find(has_op)
        .or_else(|| on_platform().next())?;
    // As the run builds the paths it reports (runner/platform_result.rs, `shown_paths`):
    // the host's features and large pages, the group's working set (the page-walk cache's
    // reach depends on it).
    let builder = PathBuilder::for_host(stack, &s.costs, &s.host, &instance.workload)
        .with_working_set_mib(instance.working_set_mib);
    let path = builder.shown_path(op);
    let expander = Expander {
        costs: &s.costs,
        cpu: s.host.cpu,
        technique: stack.is_vm().then_some(stack.technique).flatten(),
        op,
        nested_paging: stack.memory == MemoryVirtualization::Nested,
        apicv: s.host.features.apicv,
        backend_scheduled: stack.op_backend_is_scheduled(op),
    };
    Some(Explanation {
        name: name.to_string(),
        kind: stack.kind,
        technique: stack.technique,
        io: stack.io,
        backend: stack.backend,
        hosted_design: stack.hosted_design,
        memory: stack.memory,
        op,
        batch_every: path.submit.batch_every.max(path.complete.batch_every),
        phases: expander.phases(&path),
        total: path_total(&path),
        note: joined(
            joined(
                beyond_the_path(stack, op)
                    .or_else(|| scheduled_backend_note(stack, op, &path, &s.costs)),
                joined(
                    device_wait_note(&s.host, &instance.workload, op),
                    held_tx_interrupt_note(&builder, stack, op, &s.costs),
                ),
            ),
            joined(
                measured_note(s.host.cpu, stack, op, &path, &s.costs),
                desktop_send_note(s.platforms[platform].vdi.as_ref(), &instance.workload, op),
            ),
        ),
        kind_note: None,
    })
}

/// A step as one phase.
fn whole(section: Section, s: &Step, index: usize) -> Phase {
    Phase {
        kind: PhaseKind::Step,
        section,
        part: s.part,
        layer: s.layer,
        category: s.category,
        cycles: s.cycles,
        exit: s.exit,
        step: index,
        en: s.en.clone(),
        ko: s.ko.clone(),
        source: None,
    }
}

/// Whether a step runs inside the guest (its own code), not in the hypervisor or host.
fn in_guest(layer: Layer) -> bool {
    matches!(layer, Layer::Application | Layer::GuestKernel)
}
