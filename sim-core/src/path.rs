//! The cost model: the path every operation takes through a stack, step by step.
//!
//! Each (operation × platform × technique) resolves here to a list of [`Step`]s with a
//! layer, a CPU-time category and a cycle cost from [`CostTable`]. Slowdowns are the sum
//! of these steps; there is no other place where a platform gets slower.

use serde::{Deserialize, Serialize};

use crate::costs::{CostTable, CpuFeatures, CpuGeneration};
use crate::platform::{
    BackendPlacement, IoModel, MemoryVirtualization, NetworkMode, PlatformKind, Stack, StorageMode,
    Technique,
};
use crate::workload::{Op, Workload};

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
    /// Nested paging: the guest touched a guest-physical page with no host page behind it
    /// (for instance one the host swapped out).
    EptViolation,
}

impl ExitReason {
    pub const COUNT: usize = 11;
    pub const ALL: [ExitReason; 11] = [
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
        ExitReason::EptViolation,
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
            ExitReason::EptViolation => "ept_violation",
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

/// A sequence of steps; `batched` steps run once every `batch_every` operations
/// (PV notifications, mmu_update hypercalls, interrupt coalescing).
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
pub struct PathBuilder<'a> {
    stack: &'a Stack,
    costs: &'a CostTable,
    workload: &'a Workload,
    exit_roundtrip: u64,
    features: CpuFeatures,
}

/// Accumulates steps.
#[derive(Default)]
struct Steps(Vec<Step>);

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
        }
    }

    /// The same builder with the host's interrupt-virtualization features.
    pub fn with_features(mut self, features: CpuFeatures) -> PathBuilder<'a> {
        self.features = features;
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

    fn technique(&self) -> Option<Technique> {
        if self.stack.is_vm() {
            self.stack.technique
        } else {
            None
        }
    }

    /// A hardware VM exit with its round trip, generic handler and specific work.
    fn exit(&self, s: &mut Steps, reason: ExitReason, handler: u64, en: &str, ko: &str) {
        s.push_exit(
            Layer::Hardware,
            Category::Hypervisor,
            self.exit_roundtrip,
            &format!("VM exit ({}) and VM entry", reason.name()),
            &format!("VM exit({})와 VM entry", reason.name()),
            Some(reason),
        );
        s.hyp(self.costs.exit_handler + handler, en, ko);
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

    /// Hypervisor to host world and back for type 2 (the VMM's work happens in a host process).
    fn to_host_process(&self, s: &mut Steps) {
        s.host(
            2 * self.costs.hosted_world_switch,
            "world switch to the host OS and back",
            "호스트 OS로의 world switch와 복귀",
        );
        s.host(
            self.costs.context_switch,
            "host kernel schedules the VMM process",
            "호스트 커널이 VMM 프로세스를 스케줄",
        );
    }

    /// One register access served by the emulated device model, wherever it lives.
    fn emulate_access(&self, s: &mut Steps) {
        let c = self.costs;
        match self.stack.kind {
            PlatformKind::Type2 => {
                self.to_host_process(s);
                s.push(
                    Layer::VmmProcess,
                    Category::DeviceEmulation,
                    c.device_emulation_access,
                    "device model in the VMM user process",
                    "VMM 사용자 프로세스의 장치 모델",
                );
            }
            _ if self.stack.driver_domain => {
                s.hyp(
                    2 * c.vm_switch,
                    "switch to the driver domain and back",
                    "드라이버 도메인으로 전환과 복귀",
                );
                s.push(
                    Layer::DriverDomain,
                    Category::DeviceEmulation,
                    c.device_emulation_access,
                    "device model in the driver domain",
                    "드라이버 도메인의 장치 모델",
                );
            }
            _ => s.push(
                Layer::Hypervisor,
                Category::DeviceEmulation,
                c.device_emulation_access,
                "device model in the hypervisor",
                "하이퍼바이저의 장치 모델",
            ),
        }
    }

    /// The real driver work of the host side for one request (after emulation or a PV back end).
    fn backend_driver(&self, s: &mut Steps, cycles: u64, en: &str, ko: &str) {
        match self.stack.kind {
            PlatformKind::Type2 => {
                s.host(
                    self.costs.syscall_native,
                    "VMM process makes a host system call",
                    "VMM 프로세스가 호스트 시스템 콜 호출",
                );
                s.host(cycles, en, ko);
            }
            _ if self.stack.driver_domain => s.push(
                Layer::DriverDomain,
                Category::DeviceEmulation,
                cycles,
                en,
                ko,
            ),
            _ if matches!(
                self.stack.backend,
                BackendPlacement::VmThread | BackendPlacement::DeviceThread
            ) =>
            {
                s.host(cycles, en, ko)
            }
            _ => s.hyp(cycles, en, ko),
        }
    }

    /// A physical interrupt arrives on the host side and wakes whoever completes the I/O.
    fn backend_interrupt(&self, s: &mut Steps) {
        let c = self.costs;
        match self.stack.kind {
            PlatformKind::Type2 => {
                s.host(
                    c.device_interrupt,
                    "host kernel takes the device interrupt",
                    "호스트 커널이 장치 인터럽트 처리",
                );
                if !self.scheduled_backend() {
                    s.host(
                        c.context_switch,
                        "host wakes the VMM's I/O thread",
                        "호스트가 VMM I/O 스레드를 깨움",
                    );
                }
                s.host(
                    c.hosted_world_switch,
                    "world switch back into the VMM",
                    "VMM으로 world switch 복귀",
                );
            }
            _ => {
                s.hyp(
                    c.device_interrupt,
                    "hypervisor takes the device interrupt",
                    "하이퍼바이저가 장치 인터럽트 처리",
                );
                if self.stack.driver_domain && !self.scheduled_backend() {
                    s.hyp(
                        c.vm_switch,
                        "switch to the driver domain",
                        "드라이버 도메인으로 전환",
                    );
                }
            }
        }
    }

    /// Delivers one interrupt from `source` to a vCPU in `state` and runs the guest's
    /// handler and end-of-interrupt (virtualization-costs.md section 8): a running vCPU
    /// is forced out by an IPI (an external-interrupt exit) unless interrupts are posted;
    /// a halted one is woken by the host scheduler and gets the interrupt injected at
    /// entry; the guest's EOI is an APIC-access exit unless the APIC is virtualized.
    fn deliver(&self, s: &mut Steps, source: IrqSource, state: VcpuState) {
        let c = self.costs;
        let handler = match source {
            IrqSource::Timer => c.timer_interrupt,
            _ => c.device_interrupt,
        };
        let (handler_en, handler_ko) = match source {
            IrqSource::Timer => ("guest timer handler", "게스트 타이머 핸들러"),
            _ => ("guest interrupt handler", "게스트 인터럽트 핸들러"),
        };
        let mark = s.mark();
        let tech = self.technique();
        if tech.is_some() && state == VcpuState::Halted {
            s.hyp(
                c.vcpu_wakeup,
                "host scheduler wakes the halted vCPU",
                "호스트 스케줄러가 halt된 vCPU를 깨움",
            );
        }
        if self.stack.kind == PlatformKind::Type2
            && tech.is_some()
            && source == IrqSource::Timer
            && state == VcpuState::Running
        {
            s.host(
                c.timer_interrupt,
                "host kernel's timer tick interrupts the VMM",
                "호스트 커널의 타이머 틱이 VMM을 중단",
            );
            s.host(
                2 * c.hosted_world_switch,
                "world switch to the host OS and back",
                "호스트 OS로의 world switch와 복귀",
            );
        }
        match tech {
            None => s.kernel(
                handler,
                if source == IrqSource::Timer {
                    "timer interrupt handler"
                } else {
                    "kernel interrupt handler"
                },
                if source == IrqSource::Timer {
                    "타이머 인터럽트 핸들러"
                } else {
                    "커널 인터럽트 핸들러"
                },
            ),
            Some(Technique::BinaryTranslation) => {
                s.hyp(
                    handler,
                    "VMM takes the interrupt and injects a virtual one",
                    "VMM이 인터럽트를 받아 가상 인터럽트 주입",
                );
                s.kernel(handler, handler_en, handler_ko);
                s.hyp(
                    c.bt_privileged,
                    "EOI emulated in translated code",
                    "변환된 코드에서 EOI 에뮬레이션",
                );
            }
            Some(Technique::Para) => {
                s.hyp(
                    if source == IrqSource::Timer {
                        c.timer_interrupt
                    } else {
                        c.pv_hypercall_handler
                    },
                    "event-channel upcall into the guest",
                    "이벤트 채널 업콜로 게스트에 전달",
                );
                s.kernel(handler, handler_en, handler_ko);
                if source == IrqSource::Timer {
                    self.hypercall(
                        s,
                        "set_timer_op hypercall for the next tick",
                        "다음 틱을 위한 set_timer_op 하이퍼콜",
                    );
                }
            }
            Some(_) => {
                let assigned = self.stack.io == IoModel::Passthrough && source != IrqSource::Timer;
                match (source, state) {
                    (IrqSource::Timer, VcpuState::Running) => self.exit(
                        s,
                        ExitReason::ExternalInterrupt,
                        c.timer_interrupt,
                        "host timer interrupt exits; hypervisor emulates the guest's timer",
                        "호스트 타이머 인터럽트로 exit; 하이퍼바이저가 게스트 타이머 에뮬레이션",
                    ),
                    (IrqSource::Timer, _) => s.hyp(
                        c.timer_interrupt,
                        "host timer fires for the guest's timer",
                        "게스트 타이머를 위한 호스트 타이머 발생",
                    ),
                    (_, VcpuState::Running) if assigned && self.features.posted_interrupts => {}
                    (_, VcpuState::Running) if !assigned && self.features.apicv => {}
                    (_, VcpuState::Running) => self.exit(
                        s,
                        ExitReason::ExternalInterrupt,
                        0,
                        if assigned {
                            "assigned device's interrupt exits to the hypervisor"
                        } else {
                            "IPI from the back end forces the running vCPU out"
                        },
                        if assigned {
                            "할당된 장치의 인터럽트가 하이퍼바이저로 exit"
                        } else {
                            "백엔드의 IPI가 실행 중인 vCPU를 exit시킴"
                        },
                    ),
                    (_, _) if assigned => s.hyp(
                        c.device_interrupt,
                        "hypervisor takes the assigned device's interrupt",
                        "하이퍼바이저가 할당된 장치의 인터럽트 처리",
                    ),
                    (_, _) => {}
                }
                s.kernel(
                    handler,
                    &format!("{handler_en} (virtual interrupt injected at entry)"),
                    &format!("{handler_ko} (entry 시 가상 인터럽트 주입)"),
                );
                if source == IrqSource::Timer {
                    self.exit(
                        s,
                        ExitReason::ApicAccess,
                        0,
                        if self.features.apicv {
                            "timer reprogram (deadline write) exits; the EOI is virtualized"
                        } else {
                            "EOI and timer reprogram on the virtual APIC"
                        },
                        if self.features.apicv {
                            "타이머 재설정(deadline 쓰기)으로 exit; EOI는 가상화됨"
                        } else {
                            "가상 APIC에 EOI와 타이머 재설정"
                        },
                    );
                } else if !self.features.apicv {
                    self.exit(
                        s,
                        ExitReason::ApicAccess,
                        0,
                        "EOI write to the virtual APIC",
                        "가상 APIC에 EOI 쓰기",
                    );
                }
            }
        }
        s.tag_from(mark, Part::Interrupt);
    }

    /// Entry and exit of a system call in the workload's kernel.
    fn syscall_entry(&self, s: &mut Steps) {
        let c = self.costs;
        match self.technique() {
            Some(Technique::BinaryTranslation) => {
                s.kernel(c.syscall_native, "syscall/sysret", "syscall/sysret");
                s.hyp(
                    c.bt_syscall.saturating_sub(c.syscall_native),
                    "translated syscall and sysret (binary translation)",
                    "바이너리 변환된 syscall/sysret",
                );
            }
            Some(Technique::Para) => {
                s.kernel(c.syscall_native, "syscall/sysret", "syscall/sysret");
                s.hyp(
                    c.pv_syscall_bounce,
                    "64-bit PV: the syscall enters the hypervisor, which forwards it",
                    "64비트 PV: syscall이 하이퍼바이저를 거쳐 게스트 커널로 전달",
                );
            }
            _ => s.kernel(c.syscall_native, "syscall/sysret", "syscall/sysret"),
        }
        if self.stack.kind == PlatformKind::Container {
            s.engine(
                c.cgroup_syscall_accounting,
                "cgroup/namespace accounting",
                "cgroup/네임스페이스 계정 처리",
            );
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
        let memory = self.stack.memory;
        match op {
            Op::Syscall => {
                self.syscall_entry(&mut submit);
                submit.kernel(
                    w.syscall_work_cycles,
                    "kernel work of the system call",
                    "시스템 콜의 커널 작업",
                );
            }
            Op::PrivilegedInstruction => match tech {
                None => submit.kernel(c.privileged_native, "privileged instruction", "특권 명령"),
                _ => self.intercept(
                    &mut submit,
                    ExitReason::CrAccess,
                    c.bt_privileged,
                    "emulate the privileged instruction",
                    "특권 명령 에뮬레이션",
                ),
            },
            Op::IoPort | Op::Mmio => {
                let (native, reason, bt) = if op == Op::IoPort {
                    (c.io_port_native, ExitReason::IoInstruction, c.bt_io_port)
                } else {
                    (c.mmio_native, ExitReason::Mmio, c.bt_page_fault)
                };
                match tech {
                    None => submit.kernel(native, "device register access", "장치 레지스터 접근"),
                    _ => {
                        self.intercept(
                            &mut submit,
                            reason,
                            bt,
                            "decode the device access",
                            "장치 접근 해석",
                        );
                        self.emulate_access(&mut submit);
                    }
                }
            }
            Op::PageFault => match memory {
                MemoryVirtualization::Shadow if tech == Some(Technique::BinaryTranslation) => {
                    submit.push_exit(
                        Layer::Hypervisor,
                        Category::Hypervisor,
                        c.bt_page_fault.saturating_sub(c.page_fault_native),
                        "hidden fault: VMM fills the shadow page table",
                        "숨은 폴트: VMM이 섀도 페이지 테이블 채움",
                        Some(ExitReason::ShadowPageFault),
                    );
                    submit.kernel(
                        c.page_fault_native,
                        "guest page-fault handler",
                        "게스트 페이지 폴트 핸들러",
                    );
                }
                MemoryVirtualization::Shadow => {
                    self.exit(
                        &mut submit,
                        ExitReason::ShadowPageFault,
                        c.shadow_page_fault_handler,
                        "shadow paging: hypervisor handles the fault and reflects it",
                        "섀도 페이징: 하이퍼바이저가 폴트 처리 후 게스트에 전달",
                    );
                    submit.kernel(
                        c.page_fault_native,
                        "guest page-fault handler",
                        "게스트 페이지 폴트 핸들러",
                    );
                }
                MemoryVirtualization::Nested => {
                    submit.push(
                        Layer::Hardware,
                        Category::GuestUser,
                        c.tlb_walk_nested.saturating_sub(c.tlb_walk_native),
                        "extra cost of the 2-D walk on the faulting access",
                        "폴트 접근의 2차원 페이지 워크 추가 비용",
                    );
                    submit.kernel(
                        c.page_fault_native,
                        "guest page-fault handler (no exit with EPT/NPT)",
                        "게스트 페이지 폴트 핸들러 (EPT/NPT에서는 exit 없음)",
                    );
                }
                MemoryVirtualization::DirectPv => {
                    submit.hyp(
                        c.pv_hypercall,
                        "fault enters the hypervisor, bounced to the guest",
                        "폴트가 하이퍼바이저로 들어간 뒤 게스트로 전달",
                    );
                    submit.kernel(
                        c.page_fault_native,
                        "guest page-fault handler",
                        "게스트 페이지 폴트 핸들러",
                    );
                }
                MemoryVirtualization::None => submit.kernel(
                    c.page_fault_native,
                    "page-fault handler",
                    "페이지 폴트 핸들러",
                ),
            },
            Op::PageTableUpdate => {
                submit.kernel(
                    c.pte_write_native,
                    "write the page-table entry",
                    "페이지 테이블 엔트리 쓰기",
                );
                match memory {
                    MemoryVirtualization::Shadow if tech == Some(Technique::BinaryTranslation) => {
                        submit.hyp(
                            c.bt_pte_write.saturating_sub(c.pte_write_native),
                            "translated write keeps the shadow table in sync",
                            "변환된 쓰기로 섀도 테이블 동기화",
                        )
                    }
                    MemoryVirtualization::Shadow => self.exit(
                        &mut submit,
                        ExitReason::ShadowPteWrite,
                        c.shadow_pte_write_handler,
                        "write-protected page table traps; hypervisor updates the shadow",
                        "쓰기 보호된 페이지 테이블 트랩; 하이퍼바이저가 섀도 갱신",
                    ),
                    MemoryVirtualization::DirectPv => {
                        submit.hyp(
                            c.pv_pte_validate,
                            "hypervisor validates the queued update",
                            "하이퍼바이저가 대기 중인 갱신 검증",
                        );
                        self.hypercall(
                            &mut batched,
                            "mmu_update hypercall applies the batch",
                            "mmu_update 하이퍼콜로 일괄 적용",
                        );
                        batch_every = c.pv_mmu_batch;
                    }
                    MemoryVirtualization::Nested | MemoryVirtualization::None => {}
                }
            }
            Op::TlbMiss => {
                if memory == MemoryVirtualization::Nested {
                    submit.push(
                        Layer::Hardware,
                        Category::GuestUser,
                        c.tlb_walk_nested,
                        "two-dimensional page walk (EPT/NPT)",
                        "2차원 페이지 워크 (EPT/NPT)",
                    );
                } else {
                    submit.push(
                        Layer::Hardware,
                        Category::GuestUser,
                        c.tlb_walk_native,
                        "page walk",
                        "페이지 워크",
                    );
                }
            }
            Op::DiskRead | Op::DiskWrite => {
                self.syscall_entry(&mut submit);
                submit.kernel(
                    c.disk_submit,
                    "block layer and driver submit the request",
                    "블록 계층과 드라이버가 요청 제출",
                );
                self.device_submit(&mut submit, Device::Disk);
                self.device_complete(&mut complete, Device::Disk);
                complete.kernel(
                    c.disk_complete,
                    "block layer completes the request",
                    "블록 계층이 요청 완료",
                );
            }
            Op::NetSend => {
                self.syscall_entry(&mut submit);
                submit.kernel(
                    c.net_packet,
                    "protocol stack builds the packet",
                    "프로토콜 스택이 패킷 생성",
                );
                submit.kernel(
                    c.net_tx_per_kib * w.message_bytes / 1024,
                    "copy the payload",
                    "페이로드 복사",
                );
                self.device_submit(&mut submit, Device::Nic);
            }
            Op::NetReceive => {
                self.syscall_entry(&mut submit);
                self.device_complete(&mut complete, Device::Nic);
                complete.kernel(
                    c.net_packet,
                    "protocol stack receives the packet",
                    "프로토콜 스택이 패킷 수신",
                );
                complete.kernel(
                    c.net_rx_per_kib * w.message_bytes / 1024,
                    "copy the payload to the application",
                    "페이로드를 애플리케이션에 복사",
                );
            }
            Op::Sleep => {
                self.syscall_entry(&mut submit);
                self.deliver(&mut complete, IrqSource::Timer, VcpuState::Halted);
            }
            Op::TimerInterrupt => submit = self.timer_steps(),
            Op::GuestContextSwitch => {
                submit.kernel(
                    c.context_switch,
                    "kernel switches threads (loads CR3)",
                    "커널이 스레드 전환 (CR3 적재)",
                );
                match memory {
                    MemoryVirtualization::Shadow if tech == Some(Technique::BinaryTranslation) => {
                        submit.hyp(
                            c.bt_privileged + c.shadow_cr3_switch,
                            "translated CR3 write switches shadow page tables",
                            "변환된 CR3 쓰기로 섀도 페이지 테이블 전환",
                        )
                    }
                    MemoryVirtualization::Shadow => self.exit(
                        &mut submit,
                        ExitReason::CrAccess,
                        c.shadow_cr3_switch,
                        "CR3 write exits; hypervisor switches shadow page tables",
                        "CR3 쓰기 exit; 하이퍼바이저가 섀도 페이지 테이블 전환",
                    ),
                    MemoryVirtualization::DirectPv => self.hypercall(
                        &mut submit,
                        "new page-table base by hypercall",
                        "하이퍼콜로 새 페이지 테이블 베이스 설정",
                    ),
                    MemoryVirtualization::Nested | MemoryVirtualization::None => {}
                }
            }
        }
        OpPath {
            op: Some(op),
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

    /// A guest timer tick while the vCPU runs.
    fn timer_steps(&self) -> Steps {
        let mut s = Steps::default();
        self.deliver(&mut s, IrqSource::Timer, VcpuState::Running);
        s.tag_from(0, Part::Guest);
        s
    }

    /// Guest-side device access for one request, through the stack's I/O model, and the
    /// back end's work for it.
    fn device_submit(&self, s: &mut Steps, device: Device) {
        let c = self.costs;
        let (backend_cycles, backend_en, backend_ko) = match device {
            Device::Disk => (
                c.disk_submit,
                "real driver submits to the disk",
                "실제 드라이버가 디스크에 제출",
            ),
            Device::Nic => (
                c.vswitch_packet,
                "software switch forwards the packet",
                "소프트웨어 스위치가 패킷 전달",
            ),
        };
        if !self.stack.is_vm() {
            s.kernel(
                c.mmio_native,
                "doorbell write to the device",
                "장치 도어벨 쓰기",
            );
            if self.stack.kind == PlatformKind::Container {
                match device {
                    Device::Disk => {
                        s.engine(
                            c.cgroup_io_accounting,
                            "cgroup I/O accounting",
                            "cgroup I/O 계정 처리",
                        );
                        if self.stack.storage == StorageMode::Overlay {
                            s.engine(
                                c.overlay_request,
                                "overlay filesystem lookup",
                                "오버레이 파일시스템 조회",
                            );
                        }
                    }
                    Device::Nic if self.stack.network == NetworkMode::Bridge => {
                        s.engine(
                            c.bridge_nat_packet,
                            "veth, bridge and NAT",
                            "veth, 브리지, NAT 처리",
                        );
                    }
                    Device::Nic => {}
                }
            }
            return;
        }
        match self.stack.io {
            IoModel::Passthrough => {
                s.kernel(
                    c.mmio_native,
                    "doorbell write straight to the assigned device",
                    "할당된 장치에 직접 도어벨 쓰기",
                );
            }
            IoModel::Emulated => {
                let accesses = match device {
                    Device::Disk => c.emulated_disk_accesses,
                    Device::Nic => c.emulated_nic_accesses,
                };
                for _ in 0..accesses {
                    self.intercept(
                        s,
                        ExitReason::IoInstruction,
                        c.bt_io_port,
                        "trap on an emulated device register",
                        "에뮬레이션 장치 레지스터 접근 트랩",
                    );
                    self.emulate_access(s);
                }
                let mark = s.mark();
                if device == Device::Nic {
                    self.nic_backend_bytes(s, c.net_tx_per_kib);
                }
                self.backend_driver(s, backend_cycles, backend_en, backend_ko);
                s.tag_from(mark, Part::Backend);
            }
            IoModel::Paravirtual => {
                s.kernel(
                    c.pv_ring_request,
                    "front end puts the request on the shared ring",
                    "프론트엔드가 공유 링에 요청 기록",
                );
                let mark = s.mark();
                match self.technique() {
                    Some(Technique::Para) => self.hypercall(
                        s,
                        "event-channel notify to the back end (only if it asked for one)",
                        "백엔드에 이벤트 채널 알림 (백엔드가 요청했을 때만)",
                    ),
                    _ => self.exit(
                        s,
                        ExitReason::IoInstruction,
                        0,
                        "virtqueue kick exits (only if the back end asked for one)",
                        "virtqueue kick으로 exit (백엔드가 요청했을 때만)",
                    ),
                }
                if self.stack.kind == PlatformKind::Type2 {
                    s.host(
                        2 * self.costs.hosted_world_switch,
                        "world switch to the host OS and back",
                        "호스트 OS로의 world switch와 복귀",
                    );
                }
                if !self.scheduled_backend() {
                    if self.stack.kind == PlatformKind::Type2 {
                        s.host(
                            self.costs.context_switch,
                            "host kernel schedules the VMM process",
                            "호스트 커널이 VMM 프로세스를 스케줄",
                        );
                    } else if self.stack.driver_domain {
                        s.hyp(
                            2 * c.vm_switch,
                            "switch to the driver domain and back",
                            "드라이버 도메인으로 전환과 복귀",
                        );
                    }
                }
                s.tag_from(mark, Part::Kick);
                let mark = s.mark();
                s.push(
                    self.backend_layer(),
                    Category::DeviceEmulation,
                    c.pv_backend_request,
                    "back end takes the request off the ring",
                    "백엔드가 링에서 요청을 꺼냄",
                );
                if device == Device::Nic {
                    self.nic_backend_bytes(s, c.net_tx_per_kib);
                }
                self.backend_driver(s, backend_cycles, backend_en, backend_ko);
                s.tag_from(mark, Part::Backend);
            }
        }
    }

    /// The layer a PV back end runs in.
    fn backend_layer(&self) -> Layer {
        match self.stack.kind {
            PlatformKind::Type2 => Layer::VmmProcess,
            _ if self.stack.driver_domain => Layer::DriverDomain,
            _ => match self.stack.backend {
                BackendPlacement::VmThread | BackendPlacement::DeviceThread => Layer::HostOs,
                _ => Layer::Hypervisor,
            },
        }
    }

    /// The host side copies the payload once more (tap device or grant copy).
    fn nic_backend_bytes(&self, s: &mut Steps, per_kib: u64) {
        let cycles = per_kib * self.workload.message_bytes / 1024;
        match self.stack.kind {
            PlatformKind::Type2 => s.host(
                cycles,
                "host network stack copies the payload",
                "호스트 네트워크 스택이 페이로드 복사",
            ),
            _ => s.push(
                self.backend_layer(),
                Category::DeviceEmulation,
                cycles,
                "back end copies the payload",
                "백엔드가 페이로드 복사",
            ),
        }
    }

    /// Completion of one request: from the physical interrupt to the guest's handler.
    fn device_complete(&self, s: &mut Steps, device: Device) {
        let c = self.costs;
        let source = match device {
            Device::Disk => IrqSource::Disk,
            Device::Nic => IrqSource::Nic,
        };
        // The view shows the usual case of a blocked thread: its vCPU had halted.
        let state = VcpuState::Halted;
        if !self.stack.is_vm() {
            self.deliver(s, source, state);
            if self.stack.kind == PlatformKind::Container
                && device == Device::Nic
                && self.stack.network == NetworkMode::Bridge
            {
                s.engine(
                    c.bridge_nat_packet,
                    "NAT, bridge and veth on receive",
                    "수신 시 NAT, 브리지, veth 처리",
                );
            }
            return;
        }
        match self.stack.io {
            IoModel::Passthrough => self.deliver(s, source, state),
            IoModel::Emulated => {
                let mark = s.mark();
                self.backend_interrupt(s);
                if device == Device::Nic {
                    self.nic_backend_bytes(s, c.net_rx_per_kib);
                }
                self.emulate_access(s);
                s.tag_from(mark, Part::Backend);
                self.deliver(s, source, state);
                let reads = match device {
                    Device::Disk => 1,
                    Device::Nic => c.emulated_nic_accesses,
                };
                for _ in 0..reads {
                    self.intercept(
                        s,
                        ExitReason::IoInstruction,
                        c.bt_io_port,
                        "guest reads the emulated device's status",
                        "게스트가 에뮬레이션 장치 상태 읽기",
                    );
                    self.emulate_access(s);
                }
            }
            IoModel::Paravirtual => {
                let mark = s.mark();
                self.backend_interrupt(s);
                if device == Device::Nic {
                    self.nic_backend_bytes(s, c.net_rx_per_kib);
                }
                s.push(
                    self.backend_layer(),
                    Category::DeviceEmulation,
                    c.pv_ring_request,
                    "back end posts the response on the ring",
                    "백엔드가 링에 응답 기록",
                );
                s.tag_from(mark, Part::Backend);
                self.deliver(s, source, state);
            }
        }
    }

    /// A vCPU with nothing to run gives its pCPU back.
    pub fn halt_path(&self) -> Path {
        let mut s = Steps::default();
        match self.technique() {
            None => {}
            Some(Technique::BinaryTranslation) => s.hyp(
                self.costs.bt_privileged,
                "HLT caught in translated code",
                "변환된 코드에서 HLT 포착",
            ),
            Some(Technique::Para) => self.hypercall(
                &mut s,
                "sched_op(block) hypercall",
                "sched_op(block) 하이퍼콜",
            ),
            Some(_) => self.exit(
                &mut s,
                ExitReason::Hlt,
                0,
                "HLT exits; the vCPU blocks",
                "HLT exit; vCPU 블록",
            ),
        }
        if self.stack.kind == PlatformKind::Type2 && self.technique().is_some() {
            s.host(
                self.costs.hosted_world_switch + self.costs.syscall_native,
                "VMM thread blocks in the host kernel",
                "VMM 스레드가 호스트 커널에서 블록",
            );
        }
        Path {
            steps: s.0,
            ..Path::default()
        }
    }

    /// A PAUSE-loop exit (hardware assist, hybrid): the spinning vCPU exits and the
    /// hypervisor looks for a preempted vCPU of the same VM to yield to (KVM's
    /// `handle_pause` and `kvm_vcpu_on_spin`).
    pub fn pause_loop_exit_path(&self) -> Path {
        let mut s = Steps::default();
        self.exit(
            &mut s,
            ExitReason::PauseLoop,
            self.costs.ple_exit_handler,
            "PAUSE-loop exit: look for a preempted vCPU of this VM to yield to",
            "PAUSE 루프 exit: 양보할, 선점된 같은 VM의 vCPU 찾기",
        );
        Path {
            steps: s.0,
            ..Path::default()
        }
    }

    /// A PV spinlock waiter gives up spinning and halts until the releaser kicks it
    /// (Linux `pv_wait`: HLT under KVM, SCHEDOP_poll on an event channel under Xen).
    pub fn pv_wait_path(&self) -> Path {
        let mut s = Steps::default();
        match self.technique() {
            Some(Technique::Para) => self.hypercall(
                &mut s,
                "pv_wait: SCHEDOP_poll hypercall, the vCPU blocks until kicked",
                "pv_wait: SCHEDOP_poll 하이퍼콜, 깨울 때까지 vCPU 블록",
            ),
            _ => self.exit(
                &mut s,
                ExitReason::Hlt,
                0,
                "pv_wait: HLT exits, the vCPU blocks until kicked",
                "pv_wait: HLT exit, 깨울 때까지 vCPU 블록",
            ),
        }
        if self.stack.kind == PlatformKind::Type2 {
            s.host(
                self.costs.hosted_world_switch + self.costs.syscall_native,
                "VMM thread blocks in the host kernel",
                "VMM 스레드가 호스트 커널에서 블록",
            );
        }
        Path {
            steps: s.0,
            ..Path::default()
        }
    }

    /// The releaser of a PV spinlock kicks the halted waiter that gets it (Linux
    /// `pv_kick`: the KVM_HC_KICK_CPU hypercall, or an event-channel send under Xen),
    /// and the host scheduler wakes the waiter's vCPU.
    pub fn pv_kick_path(&self) -> Path {
        let mut s = Steps::default();
        match self.technique() {
            Some(Technique::Para) => self.hypercall(
                &mut s,
                "pv_kick: event-channel send to the waiting vCPU",
                "pv_kick: 기다리는 vCPU에 이벤트 채널 전송",
            ),
            _ => self.exit(
                &mut s,
                ExitReason::Hypercall,
                0,
                "pv_kick: VMCALL KVM_HC_KICK_CPU",
                "pv_kick: VMCALL KVM_HC_KICK_CPU",
            ),
        }
        s.hyp(
            self.costs.vcpu_wakeup,
            "host scheduler wakes the waiter's vCPU",
            "호스트 스케줄러가 대기 vCPU를 깨움",
        );
        Path {
            steps: s.0,
            ..Path::default()
        }
    }

    /// The cost a pCPU pays to switch to an I/O back end or a host process: a domain
    /// switch to the driver domain, or a host context switch to a thread.
    pub fn backend_switch_path(&self) -> Path {
        let c = self.costs;
        let mut s = Steps::default();
        match self.stack.backend {
            BackendPlacement::DriverDomain => s.hyp(
                c.vm_switch,
                "hypervisor switches to the driver domain's vCPU",
                "하이퍼바이저가 드라이버 도메인의 vCPU로 전환",
            ),
            _ => s.host(
                c.context_switch,
                "host kernel switches to the thread",
                "호스트 커널이 스레드로 전환",
            ),
        }
        Path {
            steps: s.0,
            ..Path::default()
        }
    }

    /// The cost a pCPU pays to switch to another scheduled entity (vCPU or process).
    pub fn entity_switch_path(&self) -> Path {
        let c = self.costs;
        let mut s = Steps::default();
        match self.stack.kind {
            PlatformKind::Native | PlatformKind::Container => {
                s.kernel(c.context_switch, "kernel context switch", "커널 문맥 전환")
            }
            PlatformKind::Type1 | PlatformKind::Vdi => s.hyp(
                c.vm_switch,
                "hypervisor switches vCPU state (VMCS/VMCB)",
                "하이퍼바이저가 vCPU 상태 전환 (VMCS/VMCB)",
            ),
            PlatformKind::Type2 => {
                s.host(
                    c.context_switch,
                    "host kernel switches to the VMM thread",
                    "호스트 커널이 VMM 스레드로 전환",
                );
                s.host(
                    c.hosted_world_switch,
                    "world switch into the VMM",
                    "VMM으로 world switch",
                );
            }
        }
        Path {
            steps: s.0,
            ..Path::default()
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Device {
    Disk,
    Nic,
}
