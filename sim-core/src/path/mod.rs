//! The cost model: the path every operation takes through a stack, step by step.
//!
//! Each (operation × platform × technique) resolves here to a list of [`Step`]s with a
//! layer, a CPU-time category and a cycle cost from [`CostTable`]. Slowdowns are the sum
//! of these steps; there is no other place where a platform gets slower.

use serde::{Deserialize, Serialize};

use crate::costs::CostTable;
use crate::hardware::Host;
use crate::hardware::{CpuFeatures, CpuGeneration};
use crate::platform::{MemoryVirtualization, Stack, Technique};
use crate::workload::{Op, Workload};

pub(crate) mod cpu;
mod interrupts;
mod io;
mod memory;
mod shootdown;
#[cfg(test)]
mod tests;

use io::Device;

/// Guest timer frequency (CONFIG_HZ=250, a common Linux default): the machine's ticks, and
/// the exits they bound a guest's run with (see [`PathBuilder::mean_run_between_exits`]).
pub const GUEST_TICK_HZ: u64 = 250;

/// The host clock a builder assumes until [`PathBuilder::with_clock_mhz`] (or
/// [`PathBuilder::for_host`]) gives the host's: the scenario format's default, 3 GHz.
const DEFAULT_CLOCK_MHZ: u64 = 3_000;

/// Where CPU time goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    GuestUser,
    GuestKernel,
    Hypervisor,
    DeviceEmulation,
    HostOs,
}

impl Category {
    pub const COUNT: usize = 5;
    pub const ALL: [Category; 5] = [
        Category::GuestUser,
        Category::GuestKernel,
        Category::Hypervisor,
        Category::DeviceEmulation,
        Category::HostOs,
    ];
}

/// The software layer a step runs in (for the stack view).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    Application,
    GuestKernel,
    Hypervisor,
    DriverDomain,
    VmmProcess,
    HostOs,
    ContainerEngine,
    Hardware,
}

/// Why control left the guest for the hypervisor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExitReason {
    IoInstruction,
    Mmio,
    CrAccess,
    ShadowPageFault,
    ShadowPteWrite,
    Hlt,
    ExternalInterrupt,
    ApicAccess,
    Hypercall,
    /// Pause-loop exiting: a guest spun in a PAUSE loop longer than the PLE window.
    PauseLoop,
    /// CPUID, which always exits under VT-x.
    Cpuid,
    /// INVLPG under shadow paging.
    Invlpg,
    /// RDTSC without TSC offsetting.
    Rdtsc,
    /// Shadow paging: a fault the guest never sees, taken to fill a shadow entry lazily
    /// after an address-space switch dropped the shadow tables.
    HiddenPageFault,
    /// Nested virtualization: an L1 hypervisor's VMREAD, VMWRITE or VMRESUME traps to L0.
    NestedVmx,
    /// Nested paging: the guest touched a guest-physical page with no host page behind it
    /// (for instance one the host swapped out).
    EptViolation,
    /// Page-modification logging: the CPU's 512-entry log of written pages is full.
    PmlFull,
    /// WRMSR of a model-specific register the hypervisor intercepts: the TSC-deadline
    /// timer's `IA32_TSC_DEADLINE`, which a tickless guest writes to arm its next tick
    /// (APIC virtualization does not cover it).
    MsrWrite,
    /// Binary translation: a system call of the guest's user code, which runs untranslated,
    /// traps into the VMM (it owns the CPU's system-call entry point). A trap, not a VT-x
    /// exit, but a crossing into the VMM all the same, as a BT page fault is.
    SyscallTrap,
    /// 64-bit paravirtualization (Xen PV): a system call or exception of the guest enters
    /// the hypervisor, which owns the entry points, switches to the guest kernel's page
    /// tables and bounces it there. A trap, not a VT-x exit, but a crossing into the
    /// hypervisor, as BT's system-call trap is.
    PvBounce,
}

impl ExitReason {
    pub const COUNT: usize = 20;
    pub const ALL: [ExitReason; 20] = [
        ExitReason::IoInstruction,
        ExitReason::Mmio,
        ExitReason::CrAccess,
        ExitReason::ShadowPageFault,
        ExitReason::ShadowPteWrite,
        ExitReason::Hlt,
        ExitReason::ExternalInterrupt,
        ExitReason::ApicAccess,
        ExitReason::Hypercall,
        ExitReason::PauseLoop,
        ExitReason::Cpuid,
        ExitReason::Invlpg,
        ExitReason::Rdtsc,
        ExitReason::HiddenPageFault,
        ExitReason::NestedVmx,
        ExitReason::EptViolation,
        ExitReason::PmlFull,
        ExitReason::MsrWrite,
        ExitReason::SyscallTrap,
        ExitReason::PvBounce,
    ];
    pub fn name(self) -> &'static str {
        match self {
            ExitReason::IoInstruction => "io_instruction",
            ExitReason::Mmio => "mmio",
            ExitReason::CrAccess => "cr_access",
            ExitReason::ShadowPageFault => "shadow_page_fault",
            ExitReason::ShadowPteWrite => "shadow_pte_write",
            ExitReason::Hlt => "hlt",
            ExitReason::ExternalInterrupt => "external_interrupt",
            ExitReason::ApicAccess => "apic_access",
            ExitReason::Hypercall => "hypercall",
            ExitReason::PauseLoop => "pause_loop",
            ExitReason::Cpuid => "cpuid",
            ExitReason::Invlpg => "invlpg",
            ExitReason::Rdtsc => "rdtsc",
            ExitReason::HiddenPageFault => "hidden_page_fault",
            ExitReason::NestedVmx => "nested_vmx",
            ExitReason::EptViolation => "ept_violation",
            ExitReason::PmlFull => "pml_full",
            ExitReason::MsrWrite => "msr_write",
            ExitReason::SyscallTrap => "syscall_trap",
            ExitReason::PvBounce => "pv_bounce",
        }
    }
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Step {
    pub layer: Layer,
    pub category: Category,
    pub cycles: u64,
    /// What happens, in English.
    pub en: String,
    /// What happens, in Korean.
    pub ko: String,
    /// The exit or trap this step stands for, if any.
    pub exit: Option<ExitReason>,
    /// Who runs the step and when (always on the vCPU, only when a notification is
    /// needed, on the back end, or as the interrupt's delivery).
    #[serde(default)]
    pub part: Part,
    /// Under binary translation: the translation-cache lookups (block entries) and misses
    /// this step stands for (see `PathBuilder::translated_kernel`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<TranslationCount>,
}

/// Translation-cache traffic of one step: blocks entered and blocks translated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TranslationCount {
    /// Translated blocks entered (each a translation-cache lookup).
    pub lookups: u64,
    /// Lookups that missed: the block was translated, `translate_cycles` in all.
    pub misses: u64,
    /// Cycles spent translating the missed blocks.
    pub translate_cycles: u64,
}

impl TranslationCount {
    /// The translation-cache traffic of a list of steps.
    pub fn of_steps(steps: &[Step]) -> TranslationCount {
        let mut sum = TranslationCount::default();
        for t in steps.iter().filter_map(|s| s.translation) {
            sum.lookups += t.lookups;
            sum.misses += t.misses;
            sum.translate_cycles += t.translate_cycles;
        }
        sum
    }
}

/// Which part of an operation a step belongs to. The machine runs each part where and
/// when it happens: `guest` steps on the issuing vCPU every time; `kick` steps on the
/// vCPU only when the back end has asked to be notified (virtio notification
/// suppression); `backend` steps on the back end (inline in the hypervisor, or on a
/// driver domain's vCPU or a VMM/vhost thread that must be scheduled); `interrupt`
/// steps deliver the completion to the guest, and depend on the vCPU's state (the view
/// shows the delivery to a halted vCPU).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Part {
    #[default]
    Guest,
    Kick,
    Backend,
    Interrupt,
}

/// What the target vCPU is doing when an interrupt for it arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VcpuState {
    /// Running guest code: an IPI forces an external-interrupt exit (unless posted).
    Running,
    /// Halted: the host scheduler wakes it and the interrupt is injected at entry.
    Halted,
    /// Runnable, waiting for a pCPU (or polling in the host): injected at entry.
    Waiting,
}

/// What raised an interrupt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IrqSource {
    Disk,
    Nic,
    Timer,
}

/// A sequence of steps; `batched` steps run once every `batch_every` operations (only a
/// paravirtual guest's page-table updates use it: their queued `mmu_update` hypercall).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Path {
    pub steps: Vec<Step>,
    pub batched: Vec<Step>,
    pub batch_every: u64,
}

/// The two halves of an operation: issued by the thread, and (for blocking operations)
/// finished when the device or timer completes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OpPath {
    pub op: Option<Op>,
    pub submit: Path,
    pub complete: Path,
    /// Whether the steps of [`Part::Backend`] run in a back end of their own (a driver
    /// domain, the VMM's I/O thread, a vhost thread) that the host schedules on a pCPU,
    /// rather than inline on the guest's pCPU (`backend = "hypervisor"`).
    pub backend_scheduled: bool,
}

/// A path folded into numbers for the simulator's hot loop.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PathCost {
    pub total: u64,
    pub by_category: [u64; Category::COUNT],
    pub exits: [u16; ExitReason::COUNT],
    pub has_exits: bool,
}

impl PathCost {
    /// Cycles of one category, no exits.
    pub fn single(category: Category, cycles: u64) -> PathCost {
        let mut by_category = [0; Category::COUNT];
        by_category[category as usize] = cycles;
        PathCost {
            total: cycles,
            by_category,
            ..PathCost::default()
        }
    }

    pub fn of_steps(steps: &[Step]) -> PathCost {
        let mut cost = PathCost::default();
        for step in steps {
            cost.total += step.cycles;
            cost.by_category[step.category as usize] += step.cycles;
            if let Some(reason) = step.exit {
                cost.exits[reason as usize] += 1;
                cost.has_exits = true;
            }
        }
        cost
    }

    /// The steps of `steps` that belong to `part`.
    pub fn of_part(steps: &[Step], part: Part) -> PathCost {
        let picked: Vec<Step> = steps.iter().filter(|s| s.part == part).cloned().collect();
        PathCost::of_steps(&picked)
    }

    #[inline]
    pub fn add(&mut self, other: &PathCost) {
        self.total += other.total;
        for (a, b) in self.by_category.iter_mut().zip(other.by_category) {
            *a += b;
        }
        for (a, b) in self.exits.iter_mut().zip(other.exits) {
            *a += b;
        }
        self.has_exits |= other.has_exits;
    }
}

/// Folded form of a [`Path`]: the steps every time, plus the batched steps.
#[derive(Debug, Clone, Copy, Default)]
pub struct FoldedPath {
    pub every_time: PathCost,
    pub batched: PathCost,
    pub batch_every: u64,
}

impl From<&Path> for FoldedPath {
    fn from(path: &Path) -> FoldedPath {
        FoldedPath {
            every_time: PathCost::of_steps(&path.steps),
            batched: PathCost::of_steps(&path.batched),
            batch_every: path.batch_every.max(1),
        }
    }
}

/// The costs the machine needs of one operation, split by [`Part`].
#[derive(Debug, Clone, Copy, Default)]
pub struct OpCosts {
    /// On the issuing vCPU, every time (with the mmu_update batch as `batched`).
    pub submit: FoldedPath,
    /// On the vCPU, only when the back end wants a notification.
    pub kick: PathCost,
    /// The back end's work for the request.
    pub backend_submit: PathCost,
    /// The back end's work when the device completes (host interrupt, copy, response).
    pub backend_complete: PathCost,
    /// The guest's completion work after the interrupt (or the timer) is delivered.
    pub complete: PathCost,
    /// What raises the completion's interrupt, for blocking operations and sends.
    pub irq: Option<IrqSource>,
}

/// Builds paths for one stack with one cost table.
#[derive(Clone)]
pub struct PathBuilder<'a> {
    stack: &'a Stack,
    costs: &'a CostTable,
    workload: &'a Workload,
    exit_roundtrip: u64,
    features: CpuFeatures,
    /// Entries of the data TLB that a VM exit without VPID flushes.
    tlb_entries: u64,
    /// 4 KiB pages of the instance's working set (how much of a flushed TLB it refills).
    working_set_pages: u64,
    /// 2 MiB pages for guest memory, in the guest's tables and in EPT/NPT.
    large_pages: bool,
    /// Cycles between two guest timer ticks ([`GUEST_TICK_HZ`] at the host's clock).
    tick_cycles: u64,
    /// Builds paths without the TLB refill after exits: the first pass of
    /// [`PathBuilder::mean_run_between_exits`], which only reads which steps exit and the
    /// guest's work around them.
    first_pass: bool,
    /// [`PathBuilder::mean_run_between_exits`], computed once (only without VPID).
    run_between_exits: std::cell::OnceCell<u64>,
}

/// Accumulates steps; `.1` is where a VM exit before them, outside this path, last flushed
/// the TLB (a halted vCPU's HLT exit before its wake-up), as a step index.
#[derive(Default)]
struct Steps(Vec<Step>, Option<usize>);

impl Steps {
    /// Where the next step will go (for [`Steps::tag_from`]).
    fn mark(&self) -> usize {
        self.0.len()
    }
    /// Marks every step pushed since `mark` as belonging to `part`.
    fn tag_from(&mut self, mark: usize, part: Part) {
        for step in &mut self.0[mark..] {
            step.part = part;
        }
    }
    fn push(&mut self, layer: Layer, category: Category, cycles: u64, en: &str, ko: &str) {
        self.push_exit(layer, category, cycles, en, ko, None);
    }
    fn push_exit(
        &mut self,
        layer: Layer,
        category: Category,
        cycles: u64,
        en: &str,
        ko: &str,
        exit: Option<ExitReason>,
    ) {
        self.0.push(Step {
            layer,
            category,
            cycles,
            en: en.to_string(),
            ko: ko.to_string(),
            exit,
            part: Part::Guest,
            translation: None,
        });
    }
    fn kernel(&mut self, cycles: u64, en: &str, ko: &str) {
        self.push(Layer::GuestKernel, Category::GuestKernel, cycles, en, ko);
    }
    fn hyp(&mut self, cycles: u64, en: &str, ko: &str) {
        self.push(Layer::Hypervisor, Category::Hypervisor, cycles, en, ko);
    }
    fn host(&mut self, cycles: u64, en: &str, ko: &str) {
        self.push(Layer::HostOs, Category::HostOs, cycles, en, ko);
    }
    fn engine(&mut self, cycles: u64, en: &str, ko: &str) {
        self.push(Layer::ContainerEngine, Category::HostOs, cycles, en, ko);
    }
}

impl<'a> PathBuilder<'a> {
    pub fn new(
        stack: &'a Stack,
        costs: &'a CostTable,
        cpu: CpuGeneration,
        workload: &'a Workload,
    ) -> PathBuilder<'a> {
        PathBuilder {
            stack,
            costs,
            workload,
            exit_roundtrip: costs.exit_roundtrip(cpu),
            features: cpu.features(),
            tlb_entries: cpu.tlb_entries(),
            working_set_pages: u64::MAX,
            large_pages: false,
            tick_cycles: DEFAULT_CLOCK_MHZ * 1_000_000 / GUEST_TICK_HZ,
            first_pass: false,
            run_between_exits: std::cell::OnceCell::new(),
        }
    }

    /// A builder for `host`: its CPU generation and the features in force.
    pub fn for_host(
        stack: &'a Stack,
        costs: &'a CostTable,
        host: &Host,
        workload: &'a Workload,
    ) -> PathBuilder<'a> {
        PathBuilder::new(stack, costs, host.cpu, workload)
            .with_features(host.features)
            .with_large_pages(host.large_pages)
            .with_clock_mhz(host.clock_mhz)
    }

    /// The same builder on a host clocked at `mhz` (the guest's timer ticks in cycles).
    pub fn with_clock_mhz(mut self, mhz: u64) -> PathBuilder<'a> {
        self.run_between_exits = std::cell::OnceCell::new();
        self.tick_cycles = (mhz.max(1) * 1_000_000 / GUEST_TICK_HZ).max(1);
        self
    }

    /// The same builder with the host's virtualization features.
    pub fn with_features(mut self, features: CpuFeatures) -> PathBuilder<'a> {
        self.run_between_exits = std::cell::OnceCell::new();
        self.features = features;
        self
    }

    /// The same builder for an instance that touches `mib` of memory (by default its
    /// working set is taken as larger than any TLB's reach).
    pub fn with_working_set_mib(mut self, mib: u64) -> PathBuilder<'a> {
        self.run_between_exits = std::cell::OnceCell::new();
        self.working_set_pages = mib.saturating_mul(256);
        self
    }

    /// The same builder for an instance that touches `kib` of memory.
    pub fn with_working_set_kib(mut self, kib: u64) -> PathBuilder<'a> {
        self.run_between_exits = std::cell::OnceCell::new();
        self.working_set_pages = kib.div_ceil(4);
        self
    }

    /// The same builder on a host that backs memory with 2 MiB pages (guest and EPT).
    pub fn with_large_pages(mut self, large: bool) -> PathBuilder<'a> {
        self.run_between_exits = std::cell::OnceCell::new();
        self.large_pages = large;
        self
    }

    /// Page-table levels per dimension: 4 with 4 KiB pages, 3 with 2 MiB pages.
    fn levels(&self) -> u64 {
        if self.large_pages {
            3
        } else {
            4
        }
    }

    /// The cycles of one TLB miss: the page walk the hardware does, one-dimensional on
    /// the shadow (or only) page tables, two-dimensional under EPT/NPT.
    fn walk_cycles(&self) -> u64 {
        self.walk_cycles_of(self.stack.memory == MemoryVirtualization::Nested)
    }

    /// A one-dimensional walk (natively, or on shadow page tables).
    fn native_walk_cycles(&self) -> u64 {
        self.walk_cycles_of(false)
    }

    /// A page walk with the page-walk cache. A 1-D walk reads g entries (g = 4 levels
    /// with 4 KiB pages, 3 with 2 MiB pages); `tlb_walk_native` is the uncached 4. A 2-D
    /// walk of g guest and g host levels reads (g+1)(g+1)-1 entries (Bhargava et al.,
    /// ASPLOS 2008): 24 or 15; `tlb_walk_nested` is the uncached 24. The page-walk cache
    /// keeps `pwc_entries` leaf-table addresses; a miss whose leaf table is cached reads
    /// only the leaf entries (1 in 1-D; in 2-D the guest's and the host's for the two
    /// guest-physical addresses it needs, 3). With misses spread over the working set,
    /// the share that hits is the cache's reach (entries x 2 MiB, or x 1 GiB with large
    /// pages) over the working set.
    fn walk_cycles_of(&self, two_dimensional: bool) -> u64 {
        let g = self.levels();
        let (uncached, cached, cost_of_24) = if two_dimensional {
            (
                (g + 1) * (g + 1) - 1,
                3u64,
                u128::from(self.costs.tlb_walk_nested),
            )
        } else {
            (g, 1u64, u128::from(self.costs.tlb_walk_native) * 6)
        };
        let page_kib: u64 = if self.large_pages { 2048 } else { 4 };
        let reach_kib = self.costs.pwc_entries.saturating_mul(512 * page_kib);
        let ws_kib = self.working_set_pages.saturating_mul(4).max(1);
        let hits = u128::from(reach_kib.min(ws_kib));
        let ws = u128::from(ws_kib);
        let refs_x_ws = hits * u128::from(cached) + (ws - hits) * u128::from(uncached);
        // cost_of_24 / 24 is the cost of one reference (a 1-D walk's figure stands for 4
        // references, a 2-D walk's for 24).
        (cost_of_24 * refs_x_ws / (24 * ws)) as u64
    }

    /// Whether back-end work runs on a scheduled entity: the steps that would only
    /// schedule it inline (a switch to the driver domain, the host scheduling the VMM
    /// process) are then the scheduler's own entity switches.
    fn scheduled_backend(&self) -> bool {
        self.stack.backend_is_scheduled()
    }

    /// The operation's costs split by part, for the machine.
    pub fn op_costs(&self, op: Op) -> OpCosts {
        let path = self.op_path(op);
        let backend_submit = PathCost::of_part(&path.submit.steps, Part::Backend);
        let kick = PathCost::of_part(&path.submit.steps, Part::Kick);
        let guest_submit: Vec<Step> = path
            .submit
            .steps
            .iter()
            .filter(|s| s.part == Part::Guest)
            .cloned()
            .collect();
        let irq = match op {
            Op::DiskRead | Op::DiskWrite => Some(IrqSource::Disk),
            Op::NetReceive => Some(IrqSource::Nic),
            Op::Sleep => Some(IrqSource::Timer),
            _ => None,
        };
        OpCosts {
            submit: FoldedPath::from(&Path {
                steps: guest_submit,
                batched: path.submit.batched.clone(),
                batch_every: path.submit.batch_every,
            }),
            kick,
            backend_submit,
            backend_complete: PathCost::of_part(&path.complete.steps, Part::Backend),
            complete: PathCost::of_part(&path.complete.steps, Part::Guest),
            irq,
        }
    }

    /// The cost of delivering one interrupt to a vCPU in `state`.
    pub fn delivery_cost(&self, source: IrqSource, state: VcpuState) -> PathCost {
        let mut s = Steps::default();
        self.deliver(&mut s, source, state);
        PathCost::of_steps(&s.0)
    }

    /// The steps of delivering one interrupt from `source` to a vCPU in `state`, up to
    /// the end of the guest's handler and its end-of-interrupt.
    pub fn delivery_path(&self, source: IrqSource, state: VcpuState) -> Path {
        let mut s = Steps::default();
        self.deliver(&mut s, source, state);
        Path {
            steps: s.0,
            ..Path::default()
        }
    }

    fn technique(&self) -> Option<Technique> {
        if self.stack.is_vm() {
            self.stack.technique
        } else {
            None
        }
    }

    /// A hardware VM exit with its round trip, generic handler and specific work. Under
    /// nested virtualization the exit of the L2 guest goes to L0, which reflects it to the
    /// L1 hypervisor (see [`PathBuilder::reflect_to_l1`]).
    fn exit(&self, s: &mut Steps, reason: ExitReason, handler: u64, en: &str, ko: &str) {
        let exit_at = s.mark();
        s.push_exit(
            Layer::Hardware,
            Category::Hypervisor,
            self.exit_roundtrip,
            &format!("VM exit ({}) and VM entry", reason.name()),
            &format!("VM exit({})와 VM entry", reason.name()),
            Some(reason),
        );
        if self.stack.nested {
            self.reflect_to_l1(s, handler, en, ko);
        } else {
            s.hyp(self.costs.exit_handler + handler, en, ko);
        }
        self.tlb_refill_after_exit(s, exit_at, reason);
    }

    /// Nested virtualization (Ben-Yehuda et al., "The Turtles Project", OSDI 2010): L0
    /// takes the L2 guest's exit and reflects it to L1 by entering L1 with the exit
    /// information in L1's VMCS; L1's handler reads and writes that VMCS
    /// (`nested_vmcs_accesses`), each access trapping to L0 unless the CPU shadows the
    /// VMCS; L1's VMRESUME traps to L0 too, which merges L1's VMCS for L2 into its own and
    /// enters L2. The multiplication of exits comes from these steps alone.
    fn reflect_to_l1(&self, s: &mut Steps, handler: u64, en: &str, ko: &str) {
        let c = self.costs;
        s.hyp(
            c.exit_handler,
            "L0 decodes the L2 exit and reflects it to the L1 hypervisor",
            "L0가 L2의 exit를 해석해 L1 하이퍼바이저에 넘김",
        );
        s.push(
            Layer::Hardware,
            Category::Hypervisor,
            self.exit_roundtrip / 2,
            "VM entry into L1 with the reflected exit",
            "넘겨받은 exit와 함께 L1으로 VM entry",
        );
        s.hyp(
            c.exit_handler + handler,
            &format!("L1 hypervisor: {en}"),
            &format!("L1 하이퍼바이저: {ko}"),
        );
        if !self.features.vmcs_shadowing {
            for _ in 0..c.nested_vmcs_accesses {
                s.push_exit(
                    Layer::Hardware,
                    Category::Hypervisor,
                    self.exit_roundtrip,
                    "L1's VMREAD/VMWRITE traps to L0 (no VMCS shadowing)",
                    "L1의 VMREAD/VMWRITE가 L0로 트랩 (VMCS 섀도잉 없음)",
                    Some(ExitReason::NestedVmx),
                );
                s.hyp(
                    c.nested_vmcs_access_handler,
                    "L0 emulates the VMCS access",
                    "L0가 VMCS 접근을 에뮬레이션",
                );
            }
        }
        s.push_exit(
            Layer::Hardware,
            Category::Hypervisor,
            self.exit_roundtrip / 2,
            "L1's VMRESUME exits to L0",
            "L1의 VMRESUME이 L0로 exit",
            Some(ExitReason::NestedVmx),
        );
        s.hyp(
            c.exit_handler,
            "L0 merges L1's VMCS for L2 into its own and enters L2",
            "L0가 L2용 L1의 VMCS를 자신의 것과 합쳐 L2로 진입",
        );
    }

    /// Without VPID (ASIDs) a VM exit and the entry after it flush the TLB
    /// (virtualization-costs.md section 7): back in the guest, the entries the TLB held are
    /// missed and walked again as the guest touches those pages again. The TLB held what
    /// the guest touched since the previous flush: its run before this exit (the guest
    /// work since the path's previous exit, or, for the path's first exit, the guest's mean
    /// run between exits on this stack, [`PathBuilder::mean_run_between_exits`], an
    /// estimate of the mean), at a new 4 KiB page every 4 × `cache_touch_cycles_per_kib`
    /// cycles (the touch rate of hidden page faults, an estimate), and at most the TLB's
    /// entries and the working set's pages.
    fn tlb_refill_after_exit(&self, s: &mut Steps, exit_at: usize, reason: ExitReason) {
        if self.features.vpid || self.first_pass {
            return;
        }
        let pages = if self.large_pages {
            self.working_set_pages.div_ceil(512)
        } else {
            self.working_set_pages
        };
        // Guest work since the previous flush: back to the path's previous VM exit (or the
        // HLT exit a halted vCPU was woken from), else the guest's run before the path too.
        let in_path = s.0[..exit_at]
            .iter()
            .rposition(is_flushing_exit)
            .map(|i| i + 1);
        let since_flush = in_path.max(s.1.filter(|&at| at <= exit_at));
        let guest_steps: u64 = s.0[since_flush.unwrap_or(0)..exit_at]
            .iter()
            .map(guest_work)
            .sum();
        let per_page = self
            .costs
            .cache_touch_cycles_per_kib
            .max(1)
            .saturating_mul(4);
        // Before a path's first exit the guest ran since the previous exit elsewhere: its
        // mean run between exits, except for exits that come at their own pace within a
        // burst: a hidden fault at each new page touched (one page since the last), a
        // PAUSE-loop exit after the PLE window's spin.
        let (before, since) = match reason {
            ExitReason::HiddenPageFault => (per_page, None),
            ExitReason::PauseLoop => (self.costs.ple_window, None),
            _ => {
                let run = self.mean_run_between_exits();
                (run, Some(run))
            }
        };
        let first = since_flush.is_none();
        let ran = guest_steps.saturating_add(if first { before } else { 0 });
        let touched = ran.div_ceil(per_page).max(1);
        let refills = self.tlb_entries.min(pages).min(touched);
        let walks_en = if refills == 1 { " refills" } else { "s refill" };
        let (en, ko) = match since {
            Some(run) if first => (
                format!(
                    "no VPID: the exit flushed the TLB; {refills} page walk{walks_en} the entries the guest used since the previous exit (its mean run between exits here, an estimate: {}{})",
                    run_text(run),
                    if guest_steps > 0 {
                        format!(", and {guest_steps} cycles of this path before the exit")
                    } else {
                        String::new()
                    }
                ),
                format!(
                    "VPID 없음: exit가 TLB를 비움; 게스트가 직전 exit 이후 쓴 엔트리를 페이지 워크 {refills}번으로 다시 채움 (여기서 exit 사이 평균 실행, 추정: {}{})",
                    run_text_ko(run),
                    if guest_steps > 0 {
                        format!(", 그리고 exit 전 이 경로의 {guest_steps} 사이클")
                    } else {
                        String::new()
                    }
                ),
            ),
            _ => (
                format!(
                    "no VPID: the exit flushed the TLB; {refills} page walk{walks_en} the entries the guest used since the previous exit"
                ),
                format!(
                    "VPID 없음: exit가 TLB를 비움; 게스트가 직전 exit 이후 쓴 엔트리를 페이지 워크 {refills}번으로 다시 채움"
                ),
            ),
        };
        s.push(
            Layer::Hardware,
            Category::GuestUser,
            refills.saturating_mul(self.walk_cycles()),
            &en,
            &ko,
        );
    }

    /// The guest's mean run between two VM exits on this stack, in cycles of guest work:
    /// what a flushed TLB held before an operation's first exit without VPID. An estimate
    /// of the mean, by expectation over the workload's mix.
    ///
    /// A first pass builds every operation's path and reads, for each operation of the mix
    /// (with its probability, its weight over the mix's total), whether its steps on the
    /// guest's side exit (the submit path with its notification, the completion's
    /// delivery and guest work; the notification counted every time, as when the back end
    /// is idle), its guest work if they do not, and if they do the guest work after its
    /// last exit. The timer tick is one more such path, [`GUEST_TICK_HZ`] times a second of
    /// the guest's compute (the machine charges ticks inside compute bursts and spinlock
    /// holds, `add_compute`); it exits under hardware assist unless PV EOI and PV timer
    /// (or APICv) keep it in the guest. Per operation drawn, the guest runs its compute
    /// (the mean burst, and the spinlock's hold for `lock_percent` of operations), the
    /// work of the operation when it does not exit or the tail after its last exit when it
    /// does, and the ticks' share; exits come with the exiting operations and the exiting
    /// ticks. The mean run between exits is the first over the second (infinite when
    /// nothing exits: the refill is then capped by the TLB). Simplified: the means are
    /// taken before the cap (a mean of capped refills would be lower), and exits that
    /// depend on the run (halting, hidden faults, lock spins, guest thread switches) are
    /// not counted.
    pub fn mean_run_between_exits(&self) -> u64 {
        *self
            .run_between_exits
            .get_or_init(|| self.compute_mean_run_between_exits())
    }

    fn compute_mean_run_between_exits(&self) -> u64 {
        let probe = PathBuilder {
            first_pass: true,
            run_between_exits: std::cell::OnceCell::new(),
            ..self.clone()
        };
        // (exits, guest work when it does not exit, else after its last exit).
        let run_of = |steps: &[&Step]| -> (bool, u64) {
            match steps.iter().rposition(|s| is_flushing_exit(s)) {
                Some(last) => (true, steps[last + 1..].iter().map(|s| guest_work(s)).sum()),
                None => (false, steps.iter().map(|s| guest_work(s)).sum()),
            }
        };
        let w = self.workload;
        let weights = w.mix.weights();
        // Per `draws` operations drawn (a pure-compute mix draws none: one burst each).
        let draws = u128::from(weights.iter().sum::<u64>().max(1));
        let mut op_work: u128 = 0;
        let mut op_exits: u128 = 0;
        for (op, weight) in Op::ALL[..Op::MIX_COUNT].iter().zip(weights) {
            if weight == 0 {
                continue;
            }
            let path = probe.op_path(*op);
            let guest_side: Vec<&Step> = path
                .submit
                .steps
                .iter()
                .filter(|s| matches!(s.part, Part::Guest | Part::Kick))
                .chain(
                    path.complete
                        .steps
                        .iter()
                        .filter(|s| matches!(s.part, Part::Guest | Part::Interrupt)),
                )
                .collect();
            let (exits, work) = run_of(&guest_side);
            op_work += u128::from(weight) * u128::from(work);
            op_exits += u128::from(exits) * u128::from(weight);
        }
        let timer = probe.timer_steps();
        let (tick_exits, tick_work) = run_of(&timer.0.iter().collect::<Vec<_>>());
        // Compute per operation, in hundredths of a cycle: the burst, and the spinlock's
        // hold for lock_percent of operations.
        let compute_100 = 100 * u128::from(w.compute_cycles)
            + u128::from(w.lock_percent.min(100)) * u128::from(w.lock_hold_cycles);
        let tick = u128::from(self.tick_cycles.max(1));
        // Per 100 × draws operations, times the tick period: run (compute, the operations'
        // work, the ticks' work: compute / tick ticks of tick_work each) over exits.
        let run = tick * (draws * compute_100 + 100 * op_work)
            + draws * compute_100 * u128::from(tick_work);
        let exits = tick * 100 * op_exits + draws * compute_100 * u128::from(tick_exits);
        if exits == 0 {
            return u64::MAX;
        }
        u64::try_from(run / exits).unwrap_or(u64::MAX)
    }

    /// A paravirtual hypercall.
    fn hypercall(&self, s: &mut Steps, en: &str, ko: &str) {
        s.push_exit(
            Layer::GuestKernel,
            Category::Hypervisor,
            self.costs.pv_hypercall,
            "hypercall trap into the hypervisor",
            "하이퍼콜로 하이퍼바이저 진입",
            Some(ExitReason::Hypercall),
        );
        s.hyp(self.costs.pv_hypercall_handler, en, ko);
    }

    /// The guest reaches a privileged point that a hypervisor must intercept.
    fn intercept(&self, s: &mut Steps, reason: ExitReason, bt_cost: u64, en: &str, ko: &str) {
        match self.technique() {
            Some(Technique::BinaryTranslation) => s.hyp(bt_cost, en, ko),
            Some(Technique::Para) => self.hypercall(s, en, ko),
            Some(_) => self.exit(s, reason, 0, en, ko),
            None => {}
        }
    }

    /// The path of one operation.
    pub fn op_path(&self, op: Op) -> OpPath {
        let c = self.costs;
        let w = self.workload;
        let mut submit = Steps::default();
        let mut complete = Steps::default();
        let mut batched = Steps::default();
        let mut batch_every = 0;
        let tech = self.technique();
        match op {
            Op::Syscall => {
                self.syscall_entry(&mut submit);
                self.translated_kernel(
                    &mut submit,
                    w.syscall_work_cycles,
                    "kernel work of the system call",
                    "시스템 콜의 커널 작업",
                );
            }
            Op::Cpuid | Op::CrWrite | Op::Cr3Write | Op::Invlpg | Op::Cr8Write | Op::Rdtsc => {
                self.sensitive_instruction(&mut submit, op)
            }
            Op::IoPort | Op::Mmio => {
                let (native, reason, bt) = if op == Op::IoPort {
                    (c.io_port_native, ExitReason::IoInstruction, c.bt_io_port)
                } else {
                    (c.mmio_native, ExitReason::Mmio, c.bt_page_fault)
                };
                match tech {
                    None => submit.kernel(native, "device register access", "장치 레지스터 접근"),
                    // Adams & Agesen's 216 cycles for `in` from port 0x80 under BT are the
                    // translated access reaching the VMM; port 0x80 has no device behind
                    // it. A real device's register also needs its device model, where the
                    // platform keeps it (a type-2 host's VMM process: a world switch), as
                    // under hardware assist and para.
                    Some(Technique::BinaryTranslation) if op == Op::IoPort => {
                        submit.hyp(
                            bt,
                            "translated `in`: the translated code calls the VMM instead of trapping",
                            "변환된 `in`: 변환된 코드가 트랩 없이 VMM을 호출",
                        );
                        self.emulate_access(&mut submit);
                    }
                    _ => {
                        self.intercept(
                            &mut submit,
                            reason,
                            bt,
                            "decode the device access",
                            "장치 접근 디코드",
                        );
                        self.emulate_access(&mut submit);
                    }
                }
            }
            Op::PageFault => self.page_fault(&mut submit),
            Op::PageTableUpdate => batch_every = self.page_table_update(&mut submit, &mut batched),
            Op::TlbMiss => self.tlb_miss(&mut submit),
            Op::DiskRead | Op::DiskWrite => {
                self.syscall_entry(&mut submit);
                self.translated_kernel(
                    &mut submit,
                    c.disk_submit,
                    "block layer and driver submit the request",
                    "블록 계층과 드라이버가 요청 제출",
                );
                self.device_submit(&mut submit, Device::Disk);
                self.device_complete(&mut complete, Device::Disk);
                self.translated_kernel(
                    &mut complete,
                    c.disk_complete,
                    "block layer completes the request",
                    "블록 계층이 요청 완료",
                );
            }
            Op::NetSend => {
                self.syscall_entry(&mut submit);
                self.translated_kernel(
                    &mut submit,
                    c.net_packet,
                    "protocol stack builds the packet",
                    "프로토콜 스택이 패킷 생성",
                );
                submit.kernel(
                    c.net_tx_per_kib * w.message_bytes / 1024,
                    "per-byte work of the stack (copy, checksum: Felter's bulk cycles per byte)",
                    "스택의 바이트당 작업 (복사, 체크섬: Felter의 대량 전송 바이트당 사이클)",
                );
                self.device_submit(&mut submit, Device::Nic);
            }
            Op::NetReceive => {
                self.syscall_entry(&mut submit);
                self.device_complete(&mut complete, Device::Nic);
                self.translated_kernel(
                    &mut complete,
                    c.net_packet,
                    "protocol stack receives the packet",
                    "프로토콜 스택이 패킷 수신",
                );
                complete.kernel(
                    c.net_rx_per_kib * w.message_bytes / 1024,
                    "per-byte work of the stack up to the application (copy, checksum: Felter's bulk cycles per byte)",
                    "애플리케이션까지 스택의 바이트당 작업 (복사, 체크섬: Felter의 대량 전송 바이트당 사이클)",
                );
            }
            Op::Sleep => {
                self.syscall_entry(&mut submit);
                self.arm_wakeup_timer(&mut submit);
                self.deliver(&mut complete, IrqSource::Timer, VcpuState::Halted);
            }
            Op::TlbShootdown => self.tlb_shootdown(&mut submit),
            Op::TimerInterrupt => submit = self.timer_steps(),
            Op::GuestContextSwitch => self.guest_context_switch(&mut submit),
        }
        OpPath {
            op: Some(op),
            backend_scheduled: self.scheduled_backend(),
            submit: Path {
                steps: submit.0,
                batched: batched.0,
                batch_every,
            },
            complete: Path {
                steps: complete.0,
                batched: Vec::new(),
                batch_every: 0,
            },
        }
    }
}

/// A VM exit that flushes the TLB without VPID: a hardware exit (not a hypercall, which a
/// PV guest makes without leaving its address space).
fn is_flushing_exit(step: &Step) -> bool {
    step.layer == Layer::Hardware && step.exit.is_some()
}

/// The cycles of a step that the guest itself runs (user code or its kernel).
fn guest_work(step: &Step) -> u64 {
    if matches!(step.layer, Layer::Application | Layer::GuestKernel) {
        step.cycles
    } else {
        0
    }
}

/// A run in cycles, for a step's text (unbounded when nothing of the mix exits).
fn run_text(run: u64) -> String {
    if run == u64::MAX {
        "unbounded: neither an operation of its mix nor its timer tick exits".to_string()
    } else {
        format!("{run} cycles")
    }
}

fn run_text_ko(run: u64) -> String {
    if run == u64::MAX {
        "무한: 작업 혼합의 어떤 연산도, 타이머 틱도 exit하지 않음".to_string()
    } else {
        format!("{run} 사이클")
    }
}
