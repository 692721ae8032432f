//! The cost model: the path every operation takes through a stack, step by step.
//!
//! Each (operation × platform × technique) resolves here to a list of [`Step`]s with a
//! layer, a CPU-time category and a cycle cost from [`CostTable`]. Slowdowns are the sum
//! of these steps; there is no other place where a platform gets slower.

use serde::{Deserialize, Serialize};

use crate::costs::CostTable;
use crate::hardware::Host;
use crate::hardware::{CpuFeatures, CpuGeneration, CpuVendor};
use crate::platform::{BackendPlacement, IoModel, PlatformKind, Stack, Technique};
use crate::workload::{Op, Workload};

pub(crate) mod cpu;
mod exit;
mod interrupts;
pub(crate) use interrupts::WAKEUP_TIMER_EN;
mod io;
pub(crate) mod memory;
pub(crate) mod nested;
pub(crate) mod refill;
mod shootdown;
#[cfg(test)]
mod tests;

pub use exit::ExitReason;
use io::Device;

/// Guest timer frequency (CONFIG_HZ=250, a common Linux default): the machine's ticks, and
/// the exits they bound a guest's run with (see `PathBuilder::mean_run_between_exits`).
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
    /// Under binary translation: the translated sequence that stands in for one of the
    /// guest kernel's trapping instructions (a device register access, a TSC-deadline
    /// write; `PathBuilder::intercept`), a call into the VMM without a trap. `explain`
    /// labels it by this, wherever it comes in the path.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub translated: bool,
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
    /// The NIC's receive completions (and a blocked sender's room in its send buffer).
    Nic,
    /// The NIC's transmit completions: an emulated e1000-like NIC's transmit-done
    /// interrupt (`path/io/mod.rs`, `emulated_tx_done`), a Xen netfront's TX-response
    /// event (`machine/io.rs`, `tx_completion_event`).
    NicTx,
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
    /// rather than inline on the guest's pCPU (`backend = "hypervisor"`, and an emulated
    /// NIC's send but from a driver domain: `Stack::op_backend_is_scheduled`).
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
    /// Nothing: no cycles, no exits (what `default` gives, as a constant).
    pub const ZERO: PathCost = PathCost {
        total: 0,
        by_category: [0; Category::COUNT],
        exits: [0; ExitReason::COUNT],
        has_exits: false,
    };

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

    /// `*self = *other`, field by field: a copy of the whole 96 bytes is one `memcpy`,
    /// which wasm compiles to `memory.copy` (beyond 64 bytes LLVM does not expand it into
    /// loads and stores), and V8 runs that as a call out of the wasm code (to `memmove`):
    /// about 3 % of the VM jobs' time in node. The fields' copies (40 bytes at most) are
    /// plain loads and stores.
    #[inline(always)]
    pub fn set(&mut self, other: &PathCost) {
        self.total = other.total;
        self.by_category = other.by_category;
        self.exits = other.exits;
        self.has_exits = other.has_exits;
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
#[doc(hidden)]
pub struct PathBuilder<'a> {
    stack: &'a Stack,
    costs: &'a CostTable,
    workload: &'a Workload,
    exit_roundtrip: u64,
    /// The exit's part of the round trip (the entry's is the rest), for transitions
    /// charged one at a time (a nested exit's: `nested.rs`).
    exit_part: u64,
    features: CpuFeatures,
    /// Whose names the steps' texts give the hardware's mechanisms (VMCS or VMCB, ...).
    vendor: CpuVendor,
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
            translated: false,
        });
    }
    fn kernel(&mut self, cycles: u64, en: &str, ko: &str) {
        self.push(Layer::GuestKernel, Category::GuestKernel, cycles, en, ko);
    }
    fn hyp(&mut self, cycles: u64, en: &str, ko: &str) {
        self.push(Layer::Hypervisor, Category::Hypervisor, cycles, en, ko);
    }
    /// A step of a back end in the driver domain (dom0), counted as the device back ends'
    /// work.
    fn dom0(&mut self, cycles: u64, en: &str, ko: &str) {
        self.push(
            Layer::DriverDomain,
            Category::DeviceEmulation,
            cycles,
            en,
            ko,
        );
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
            exit_part: cpu.exit_part(costs.exit_roundtrip(cpu)),
            features: cpu.features(),
            vendor: cpu.vendor(),
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

    /// Whether a host OS's scheduler runs the vCPUs: a type-2 VMM's threads, or a KVM-style
    /// type 1 whose back ends are host threads (`vm_thread`, `device_thread`: QEMU or a
    /// microVM's VMM process and vhost workers on the host kernel). Otherwise (ESXi's
    /// vmkernel, Xen with its back ends in dom0 or inline) the hypervisor schedules them
    /// itself: a type 1 has no host OS. Only the steps' texts depend on it.
    fn hosted_scheduler(&self) -> bool {
        self.stack.kind == PlatformKind::Type2
            || matches!(
                self.stack.backend,
                BackendPlacement::VmThread | BackendPlacement::DeviceThread
            )
    }

    fn technique(&self) -> Option<Technique> {
        if self.stack.is_vm() {
            self.stack.technique
        } else {
            None
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
                self.syscall_return(&mut submit);
            }
            Op::Cpuid | Op::CrWrite | Op::Cr3Write | Op::Invlpg | Op::Cr8Write | Op::Rdtsc => {
                self.sensitive_instruction(&mut submit, op)
            }
            Op::IoPort | Op::Mmio => {
                let (native, reason, bt) = if op == Op::IoPort {
                    (c.io_port_native, ExitReason::IoInstruction, c.bt_io_port)
                } else {
                    // The VMM's part of a BT guest page fault: its trap and handling,
                    // without the guest's own handler, which an MMIO access never reaches
                    // (the model's split of the fault, as for BT's hidden faults).
                    (
                        c.mmio_native,
                        ExitReason::Mmio,
                        c.bt_page_fault.saturating_sub(c.page_fault_native),
                    )
                };
                match tech {
                    None => submit.kernel(native, "device register access", "장치 레지스터 접근"),
                    // Adams & Agesen's 216 cycles for `in` from port 0x80 under BT are the
                    // translated access reaching the VMM; the VMM emulates no device at
                    // port 0x80 (the POST-code port). A real device's register also needs its device model, where the
                    // platform keeps it (a type-2 host's VMM process: a world switch), as
                    // under hardware assist and para.
                    // An MMIO load or store is no sensitive instruction the translator can
                    // spot: it faults on the shadow page table, where the device's page is
                    // not mapped, and the VMM decodes and emulates it (charged as the VMM's
                    // part of Adams & Agesen's BT guest page fault: its trap and handling).
                    Some(Technique::BinaryTranslation) if op == Op::Mmio => {
                        submit.push_exit(
                            Layer::Hypervisor,
                            Category::Hypervisor,
                            bt,
                            "the access faults into the VMM (the device's page is not mapped in the shadow page table), which decodes it",
                            "접근이 VMM으로 폴트됨 (장치 페이지가 섀도 페이지 테이블에 매핑되어 있지 않음), VMM이 디코드",
                            Some(ExitReason::Mmio),
                        );
                        self.emulate_access(&mut submit);
                    }
                    Some(Technique::BinaryTranslation) if op == Op::IoPort => {
                        submit.hyp(
                            bt,
                            "translated `in`: the translated code calls the VMM instead of trapping",
                            "변환된 `in`: 변환된 코드가 트랩 없이 VMM을 호출",
                        );
                        self.emulate_access(&mut submit);
                    }
                    _ => {
                        // With an assigned device, the guest's own device registers are
                        // mapped (its BARs in EPT) and do not exit: what traps is an
                        // access to one of the platform's emulated devices.
                        let (en, ko) = if self.stack.io == IoModel::Passthrough {
                            (
                                "decode the access to an emulated platform device (the assigned device's registers are mapped into the guest and do not exit)",
                                "에뮬레이션되는 플랫폼 장치에 대한 접근 디코드 (할당된 장치의 레지스터는 게스트에 매핑되어 exit하지 않음)",
                            )
                        } else {
                            ("decode the device access", "장치 접근 디코드")
                        };
                        self.intercept(&mut submit, reason, bt, en, ko);
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
                if op == Op::DiskWrite {
                    self.persistent_grant_copy(&mut submit, false);
                }
                self.device_submit(&mut submit, Device::Disk);
                self.device_complete(&mut complete, Device::Disk);
                if op == Op::DiskRead {
                    self.persistent_grant_copy(&mut complete, true);
                }
                self.translated_kernel(
                    &mut complete,
                    c.disk_complete,
                    "block layer completes the request",
                    "블록 계층이 요청 완료",
                );
                self.syscall_return(&mut complete);
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
                self.syscall_return(&mut submit);
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
                self.syscall_return(&mut complete);
            }
            Op::Sleep => {
                self.syscall_entry(&mut submit);
                self.arm_wakeup_timer(&mut submit);
                self.deliver(&mut complete, IrqSource::Timer, VcpuState::Halted);
                self.syscall_return(&mut complete);
            }
            Op::TlbShootdown => self.tlb_shootdown(&mut submit),
            Op::TimerInterrupt => submit = self.timer_steps(),
            Op::GuestContextSwitch => self.guest_context_switch(&mut submit),
        }
        OpPath {
            op: Some(op),
            backend_scheduled: self.stack.op_backend_is_scheduled(op),
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
