//! Interrupt delivery: by the target vCPU's state and the CPU's interrupt-virtualization features.
//!
//! `VcpuState` and the dispatching `delivery_path` are in `mod.rs`; under type 2 the
//! delivery goes through the host OS that schedules the vCPUs (`hosted_scheduler`).

use super::{ExitReason, IrqSource, Part, PathBuilder, Steps, VcpuState};
use crate::hardware::CpuVendor;
use crate::platform::{IoModel, PlatformKind, Technique};

/// The step of a sleep's arming of its wake-up timer that an exit's handler runs
/// (`arm_wakeup_timer`): `explain` names the exit's WRMSR by it (the wake-up, not the next
/// tick that a timer interrupt's re-arming WRMSR sets).
pub(crate) const WAKEUP_TIMER_EN: &str =
    "the guest programs its timer for the wake-up (a TSC-deadline write)";

impl PathBuilder<'_> {
    /// Delivers one interrupt from `source` to a vCPU in `state` and runs the guest's
    /// handler and end-of-interrupt (virtualization-costs.md section 8): a running vCPU
    /// is forced out by an IPI (an external-interrupt exit) unless interrupts are posted;
    /// a halted one is woken by the scheduler that runs vCPUs (the host's, or a type-1
    /// hypervisor's own) and gets the interrupt injected at
    /// entry; the guest's EOI is an APIC-access exit unless the APIC is virtualized (under
    /// BT a write to the VMM's emulated APIC). An edge-triggered interrupt (the timer's, a
    /// PV or assigned device's MSI) is acknowledged before its handler; an emulated
    /// device's level-triggered one after the handler has read the device's status.
    pub(super) fn deliver(&self, s: &mut Steps, source: IrqSource, state: VcpuState) {
        let c = self.costs;
        let handler = match source {
            IrqSource::Timer => c.timer_interrupt,
            _ => c.device_interrupt,
        };
        let (handler_en, handler_ko) = match source {
            IrqSource::Timer => ("guest timer handler", "게스트 타이머 핸들러"),
            IrqSource::NicTx => (
                "guest interrupt handler for the NIC's transmit completion (its poll frees the sent buffers)",
                "NIC의 전송 완료에 대한 게스트 인터럽트 핸들러 (폴링이 보낸 버퍼를 해제)",
            ),
            _ => ("guest interrupt handler", "게스트 인터럽트 핸들러"),
        };
        let mark = s.mark();
        let tech = self.technique();
        // Edge-triggered: the local APIC timer's interrupt, and a paravirtual or assigned
        // device's MSI (Linux `handle_edge_irq`: the APIC is acknowledged, then the handler
        // runs). An emulated legacy device's interrupt is level-triggered (IO-APIC,
        // `handle_fasteoi_irq`: the handler, then the EOI).
        let edge = source == IrqSource::Timer
            || matches!(self.stack.io, IoModel::Paravirtual | IoModel::Passthrough);
        // An emulated device's driver reads the device's status in its handler, before the
        // EOI (a level-triggered interrupt is acknowledged once the device has dropped its
        // line: Linux `handle_fasteoi_irq` runs the handler, then the EOI); each read traps
        // to the device model (`emulated_status_reads`).
        let status_reads = |s: &mut Steps| {
            if source != IrqSource::Timer {
                self.emulated_status_reads(s, source);
            }
        };
        // A halted vCPU left the guest by a HLT exit (hardware assist), which flushed the TLB
        // without VPID: the guest's work since is this path's alone.
        if state == VcpuState::Halted
            && matches!(tech, Some(Technique::HardwareAssist | Technique::Hybrid))
        {
            s.1 = Some(mark);
        }
        // A halted vCPU is woken once the interrupt is taken, before its handler runs. On
        // a classic type 2 its thread, blocked in the host kernel, is woken by the host's
        // scheduler and goes back into the VMM's world (Sugerman et al., USENIX 2001: the
        // world switch its halt left by), whatever woke it. With the ring-0 part a host
        // kernel module the woken thread is already where it enters the guest from (it
        // blocked inside its run ioctl): the host's wake-up only, as on a KVM host.
        let wake = |s: &mut Steps| {
            if tech.is_none() || state != VcpuState::Halted {
                return;
            }
            if self.stack.kind == PlatformKind::Type2 {
                s.host(
                    c.vcpu_wakeup,
                    "host scheduler wakes the VMM's halted vCPU thread",
                    "호스트 스케줄러가 VMM의 정지(halt)된 vCPU 스레드를 깨움",
                );
                if self.stack.world_switches() {
                    s.host(
                        c.hosted_world_switch,
                        "world switch back into the VMM",
                        "VMM 쪽으로 월드 스위치해 복귀",
                    );
                }
            } else if self.stack.nested {
                s.hyp(
                    c.vcpu_wakeup,
                    "L0's scheduler wakes L1's halted vCPU (the one that ran L2: L1 halted when L2 did)",
                    "L0의 스케줄러가 정지(halt)된 L1의 vCPU를 깨움 (L2를 실행하던 vCPU: L2가 정지하자 L1도 정지함)",
                );
            } else if self.hosted_scheduler() {
                s.hyp(
                    c.vcpu_wakeup,
                    "host scheduler wakes the halted vCPU",
                    "호스트 스케줄러가 정지(halt)된 vCPU를 깨움",
                );
            } else {
                s.hyp(
                    c.vcpu_wakeup,
                    "the hypervisor's scheduler wakes the halted vCPU",
                    "하이퍼바이저의 스케줄러가 정지(halt)된 vCPU를 깨움",
                );
            }
        };
        // On type 2 the host's own timer tick, which arrives while the guest runs, is the
        // host kernel's: once the guest has left (by the exit, or into the VMM that owns
        // the IDT), a classic VMM switches to the host's world, which takes its tick, and
        // back. With the ring-0 part a host kernel module the exit already lands in the
        // host kernel's context, whose own handler takes the tick there (KVM's
        // `handle_external_interrupt_irqoff`): no world switch.
        let host_tick = |s: &mut Steps| {
            if self.stack.kind == PlatformKind::Type2
                && source == IrqSource::Timer
                && state == VcpuState::Running
            {
                let world_switch = self.stack.world_switches();
                if world_switch {
                    s.host(
                        c.hosted_world_switch,
                        "world switch to the host OS",
                        "호스트 OS로 월드 스위치(world switch)",
                    );
                    s.host(
                        c.timer_interrupt,
                        "the host kernel takes its timer tick (in its own world)",
                        "호스트 커널이 자기 타이머 틱을 처리 (자기 world에서)",
                    );
                } else {
                    s.host(
                        c.timer_interrupt,
                        "the host kernel takes its timer tick (the exit left the guest in the host kernel's context)",
                        "호스트 커널이 자기 타이머 틱을 처리 (exit로 게스트를 떠난 곳이 호스트 커널의 문맥)",
                    );
                }
                self.rearm_native_tick(s, true);
                if world_switch {
                    s.host(
                        c.hosted_world_switch,
                        "world switch back to the VMM",
                        "VMM 쪽으로 월드 스위치해 복귀",
                    );
                }
            }
        };
        match tech {
            None => {
                s.kernel(
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
                );
                if source == IrqSource::Timer {
                    self.rearm_native_tick(s, false);
                }
            }
            Some(Technique::BinaryTranslation) => {
                if source != IrqSource::Timer && state == VcpuState::Halted {
                    // A halted vCPU's device completion: the back end already took the
                    // physical interrupt (`backend_interrupt`) and the device model or back
                    // end made the virtual one pending; what is left, once the vCPU is
                    // woken, is its delivery: the VMM vectors the guest through its IDT, no
                    // second physical interrupt.
                    wake(s);
                    s.hyp(
                        c.bt_privileged,
                        "VMM delivers the device's pending virtual interrupt: it vectors the guest through its IDT into the handler's translated code (estimate: an emulated privileged operation, Adams & Agesen's %cr8 row)",
                        "VMM이 보류 중인 장치의 가상 인터럽트를 전달: 게스트 IDT를 따라 핸들러의 변환된 코드로 보냄 (추정: 에뮬레이션된 특권 연산, Adams & Agesen의 %cr8 행)",
                    );
                } else {
                    // The VMM owns the IDT: an interrupt that arrives while the guest runs
                    // (its timer's, or the back end's IPI for a completion) enters the VMM,
                    // a crossing as a VT-x guest's external-interrupt exit is, counted as
                    // one (not a VT-x exit: the handler's cost is the whole of it). A
                    // halted or waiting vCPU is not in the guest when it comes.
                    let crossing =
                        (state == VcpuState::Running).then_some(ExitReason::ExternalInterrupt);
                    s.push_exit(
                        super::Layer::Hypervisor,
                        super::Category::Hypervisor,
                        handler,
                        "VMM takes the interrupt and injects a virtual one",
                        "VMM이 인터럽트를 받아 가상 인터럽트 주입",
                        crossing,
                    );
                    host_tick(s);
                    wake(s);
                }
                // The APIC is the VMM's emulated one: the EOI (and the timer's re-arming,
                // a WRMSR to the TSC-deadline timer) is caught in translated code and
                // emulated by the VMM, in the same order as on hardware.
                let bt_eoi = |s: &mut Steps| {
                    s.hyp(
                        c.bt_privileged,
                        if edge {
                            "EOI, written first (an edge-triggered interrupt is acknowledged before its handler), to the VMM's emulated APIC: caught in translated code and emulated by the VMM (estimate: an emulated privileged write, Adams & Agesen's %cr8 row; no EOI figure in the reference)"
                        } else {
                            "EOI to the VMM's emulated APIC: caught in translated code and emulated by the VMM (estimate: an emulated privileged write, Adams & Agesen's %cr8 row; no EOI figure in the reference)"
                        },
                        if edge {
                            "EOI를 먼저 VMM이 에뮬레이션하는 APIC에 씀 (에지 트리거 인터럽트는 핸들러 전에 확인 응답): 변환된 코드에서 포착해 VMM이 에뮬레이션 (추정: 에뮬레이션된 특권 쓰기, Adams & Agesen의 %cr8 행; 참고 자료에 EOI 수치 없음)"
                        } else {
                            "VMM이 에뮬레이션하는 APIC에 EOI: 변환된 코드에서 포착해 VMM이 에뮬레이션 (추정: 에뮬레이션된 특권 쓰기, Adams & Agesen의 %cr8 행; 참고 자료에 EOI 수치 없음)"
                        },
                    );
                };
                if edge {
                    bt_eoi(s);
                }
                s.kernel(handler, handler_en, handler_ko);
                status_reads(s);
                if !edge {
                    bt_eoi(s);
                }
                if source == IrqSource::Timer {
                    s.hyp(
                        c.bt_privileged,
                        "the tick re-arms the next one: the WRMSR to the TSC-deadline timer, caught in translated code and emulated by the VMM (estimate: Adams & Agesen's %cr8 row, as a sleep's arming of its wake-up)",
                        "틱이 다음 틱을 설정: TSC-deadline 타이머로의 WRMSR을 변환된 코드에서 포착해 VMM이 에뮬레이션 (추정: Adams & Agesen의 %cr8 행, sleep이 깨어날 시각을 설정할 때와 같음)",
                    );
                }
            }
            Some(Technique::Para) => {
                // A device's event is already pending (the back end took the physical
                // interrupt and made it pending: `backend_interrupt`, the ring's response).
                // The guest's timer is one of Xen's own timers: Xen takes its timer
                // interrupt, whose softirq runs the vCPU's timer and makes its timer
                // event (VIRQ_TIMER) pending, as a hardware-assisted guest's timer is the
                // host's timer interrupt. The vCPU is woken, then the upcall (Xen's
                // bounce frame into the guest's event callback) delivers the event, the
                // same work whatever the event.
                // An interrupt that arrives while the guest runs enters Xen: a crossing
                // into the hypervisor, counted as a VT-x guest's external-interrupt exit
                // is (the interrupt's own cost is the whole of it, no VM exit).
                let crossing =
                    (state == VcpuState::Running).then_some(ExitReason::ExternalInterrupt);
                if source == IrqSource::Timer {
                    s.push_exit(
                        super::Layer::Hypervisor,
                        super::Category::Hypervisor,
                        c.timer_interrupt,
                        "Xen takes its own timer interrupt; the vCPU's timer makes its timer event pending",
                        "Xen이 자신의 타이머 인터럽트를 처리; vCPU의 타이머가 타이머 이벤트를 보류(pending) 상태로 만듦",
                        crossing,
                    );
                } else if crossing.is_some() {
                    // The back end's event for a vCPU running on another pCPU: Xen's
                    // `vcpu_kick` sends that pCPU an event-check IPI
                    // (`smp_send_event_check_cpu`), whose delivery into Xen and return
                    // (`event_check_interrupt` only acknowledges the APIC) come before the
                    // upcall, as a driver domain's (machine/io.rs): an exception's delivery
                    // and IRET, estimates.
                    s.push_exit(
                        super::Layer::Hypervisor,
                        super::Category::Hypervisor,
                        c.fault_delivery() + c.fault_iret(),
                        "the back end's event-check IPI enters Xen (its delivery and IRET; estimate: an exception's), which then bounces the upcall",
                        "백엔드의 event-check IPI가 Xen으로 들어감 (전달과 IRET; 추정: 예외와 같음), 이어서 Xen이 업콜을 보냄",
                        crossing,
                    );
                }
                host_tick(s);
                wake(s);
                s.hyp(
                    c.pv_hypercall_handler,
                    "event-channel upcall into the guest (Xen's bounce frame into its event callback; estimate: as a hypercall's handler)",
                    "이벤트 채널 업콜로 게스트에 전달 (게스트의 이벤트 콜백으로 가는 Xen의 bounce frame; 추정: 하이퍼콜 핸들러와 같음)",
                );
                s.kernel(handler, handler_en, handler_ko);
                status_reads(s);
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
                    (IrqSource::Timer, VcpuState::Running) => {
                        self.exit(
                            s,
                            ExitReason::ExternalInterrupt,
                            c.timer_interrupt,
                            "host timer interrupt exits; hypervisor emulates the guest's timer",
                            "호스트 타이머 인터럽트로 exit; 하이퍼바이저가 게스트 타이머 에뮬레이션",
                        );
                        host_tick(s);
                    }
                    (IrqSource::Timer, _) if self.stack.nested => s.hyp(
                        c.timer_interrupt,
                        "L0's timer fires for L1's timer, which L1 armed for L2's",
                        "L1이 L2의 타이머를 위해 설정한 L1의 타이머에 대해 L0의 타이머 발생",
                    ),
                    (IrqSource::Timer, _) => s.hyp(
                        c.timer_interrupt,
                        "host timer fires for the guest's timer",
                        "게스트 타이머를 위한 호스트 타이머 발생",
                    ),
                    (_, VcpuState::Running) if assigned && self.features.posted_interrupts => {}
                    (_, VcpuState::Running) if !assigned && self.features.apicv => {}
                    (_, VcpuState::Running) => {
                        self.exit(
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
                        );
                        if self.stack.world_switches() {
                            // The host handles the interrupt in its own world, as with
                            // its timer tick above (a host-module VMM's exit is already
                            // in the host kernel's context, as on a KVM host).
                            s.host(
                                2 * c.hosted_world_switch,
                                "world switch to the host OS and back",
                                "호스트 OS로의 월드 스위치(world switch)와 복귀",
                            );
                        }
                    }
                    (_, _) if assigned => s.hyp(
                        c.device_interrupt,
                        "hypervisor takes the assigned device's interrupt",
                        "하이퍼바이저가 할당된 장치의 인터럽트 처리",
                    ),
                    (_, _) => {}
                }
                wake(s);
                // An L2 guest's interrupt controller is L1's: an interrupt for an L2 vCPU
                // that is not running goes through L1, which injects it and resumes L2 (a
                // running one's external-interrupt exit is reflected to L1 above).
                if self.stack.nested && state != VcpuState::Running {
                    self.nested_interrupt(s, source, state);
                }
                let pv = self.stack.enlightenments;
                // The EOI: virtualized with APICv, a flag in shared memory with PV EOI, else
                // a write to the emulated APIC page, an APIC-access exit of its own.
                let eoi = |s: &mut Steps| -> bool {
                    if self.features.apicv {
                        false
                    } else if pv.pv_eoi {
                        s.kernel(
                            self.costs.pte_write_native,
                            "PV EOI: the guest clears a flag in shared memory, no exit",
                            "PV EOI: 게스트가 공유 메모리의 플래그를 지우고 exit 없음",
                        );
                        false
                    } else {
                        let (en, ko) = match source {
                            IrqSource::Timer => (
                                "the timer interrupt's EOI, written first, to the virtual APIC",
                                "타이머 인터럽트의 EOI를 먼저 가상 APIC에 씀",
                            ),
                            _ if edge => (
                                "the MSI's EOI, written first (an edge-triggered interrupt is acknowledged before its handler), to the virtual APIC",
                                "MSI의 EOI를 먼저 가상 APIC에 씀 (에지 트리거 인터럽트는 핸들러 전에 확인 응답)",
                            ),
                            _ => ("EOI write to the virtual APIC", "가상 APIC에 EOI 쓰기"),
                        };
                        self.exit(s, ExitReason::ApicAccess, 0, en, ko);
                        true
                    }
                };
                // An edge-triggered interrupt (the timer's, an MSI's) is acknowledged first,
                // then handled; a level-triggered one after its handler (`status_reads`).
                if edge && eoi(s) {
                    s.kernel(
                        handler,
                        &format!("{handler_en}, after its EOI (entered through the virtual interrupt injected at the first VM entry)"),
                        &format!("{handler_ko}, EOI 다음 부분 (첫 VM entry 때 주입된 가상 인터럽트로 진입)"),
                    );
                } else {
                    s.kernel(
                        handler,
                        &format!("{handler_en} (virtual interrupt injected at entry)"),
                        &format!("{handler_ko} (entry 시 가상 인터럽트 주입)"),
                    );
                }
                status_reads(s);
                if !edge {
                    eoi(s);
                }
                if source == IrqSource::Timer && pv.pv_timer {
                    self.pv_timer_hypercall(s, "the next tick", "다음 틱");
                } else if source == IrqSource::Timer {
                    // Re-arming the next tick is a WRMSR to the TSC-deadline timer, which
                    // APIC virtualization does not cover: an exit with or without APICv (as
                    // a sleep's arming of its wake-up, `arm_wakeup_timer`).
                    self.exit(
                        s,
                        ExitReason::MsrWrite,
                        0,
                        "timer reprogram: the WRMSR to the TSC-deadline timer exits",
                        "타이머 재설정: TSC-deadline 타이머에 WRMSR하여 exit",
                    );
                }
            }
        }
        s.tag_from(mark, Part::Interrupt);
    }

    /// A native kernel's tick re-arms the next one, as a guest's does (after its handler):
    /// with the TSC-deadline timer the local APIC timer is a one-shot clock event device,
    /// so Linux programs each next tick, `tick_handle_periodic` (or the tickless kernel's
    /// hrtimer) calling `clockevents_program_event`, whose `lapic_next_deadline` is a WRMSR
    /// to `IA32_TSC_DEADLINE`; and a kernel leaving idle restarts its tick the same way. The
    /// write costs `privileged_native` (an estimate, as a sleep's arming of its wake-up:
    /// Adams & Agesen's native privileged write). `host`: the host kernel's own tick on
    /// type 2, charged to the host OS.
    fn rearm_native_tick(&self, s: &mut Steps, host: bool) {
        let (write_en, write_ko) = self.native_timer_write();
        let (en, ko) = if host {
            (
                format!("the host kernel re-arms its next tick: {write_en} (estimate: Adams & Agesen's native privileged write)"),
                format!("호스트 커널이 다음 틱을 설정: {write_ko} (추정: Adams & Agesen의 네이티브 특권 쓰기)"),
            )
        } else {
            (
                format!("the tick re-arms the next one: {write_en} (estimate: Adams & Agesen's native privileged write)"),
                format!("틱이 다음 틱을 설정: {write_ko} (추정: Adams & Agesen의 네이티브 특권 쓰기)"),
            )
        };
        let (en, ko) = (en.as_str(), ko.as_str());
        if host {
            s.host(self.costs.privileged_native, en, ko);
        } else {
            s.kernel(self.costs.privileged_native, en, ko);
        }
    }

    /// The guest's accesses to an emulated device's registers for one of its interrupts,
    /// each trapping to the device model. The IDE-like disk: one read of its status port,
    /// which clears the interrupt (an `io_instruction` exit, or BT's translated call, or a
    /// PV fault). The e1000-like NIC: `emulated_nic_interrupt_accesses` accesses to its
    /// memory-mapped registers, as Linux's e1000 driver makes them for a received frame
    /// (`e1000_main.c`): `e1000_intr` reads ICR, which clears the causes, masks the
    /// interrupts with an IMC write and flushes it with a STATUS read
    /// (`E1000_WRITE_FLUSH`); its NAPI poll, `e1000_clean`, refills the receive ring
    /// (`e1000_clean_rx_irq` -> `e1000_alloc_rx_buffers`: one RDT write) and, done,
    /// unmasks the interrupts (`e1000_irq_enable`: an IMS write and its flushing STATUS
    /// read). Each access is an MMIO trap (`emulated_mmio_access`). Linux runs the poll
    /// after the handler's EOI, in its softirq; the model charges it with the handler.
    /// Nothing for other I/O models or outside a VM.
    fn emulated_status_reads(&self, s: &mut Steps, source: IrqSource) {
        if !self.stack.is_vm() || self.stack.io != IoModel::Emulated {
            return;
        }
        let c = self.costs;
        match source {
            IrqSource::Disk => {
                let (en, ko) = (
                    "guest reads the emulated device's status (before its EOI)",
                    "게스트가 에뮬레이션 장치 상태 읽기 (EOI 전에)",
                );
                self.intercept(s, ExitReason::IoInstruction, c.bt_io_port, en, ko);
                self.emulate_status_read(s, true);
            }
            IrqSource::Nic | IrqSource::NicTx => {
                for access in 0..c.emulated_nic_interrupt_accesses {
                    // A transmit-done interrupt's poll cleans the transmit ring, which
                    // needs no register access (`e1000_clean_tx_irq` reads the descriptors'
                    // done bits in guest memory), and gives the receive ring back no buffer:
                    // with no frame received, `e1000_alloc_rx_buffers` has none to return and
                    // writes no RDT. The other accesses are the same.
                    if source == IrqSource::NicTx && access == NIC_RECEIVE_REFILL {
                        continue;
                    }
                    let (en, ko) = NIC_INTERRUPT_ACCESSES
                        .get(access as usize)
                        .copied()
                        .unwrap_or(NIC_INTERRUPT_ACCESS_MORE);
                    self.emulated_mmio_access(s, en, ko, access == 0);
                }
            }
            IrqSource::Timer => {}
        }
    }

    /// How a kernel on the bare host programs its next timer event: a WRMSR to
    /// `IA32_TSC_DEADLINE` on Intel; AMD's Zen 2 has no TSC-deadline mode (no
    /// `tsc_deadline_timer` flag), so Linux writes the local APIC timer's initial count in
    /// one-shot mode (`lapic_next_event`, TMICT). The cost is the same estimate either way.
    /// A guest on AMD still sees a TSC-deadline timer: KVM emulates one.
    fn native_timer_write(&self) -> (&'static str, &'static str) {
        match self.vendor {
            CpuVendor::Intel => (
                "a WRMSR to the TSC-deadline timer",
                "TSC-deadline 타이머에 WRMSR",
            ),
            CpuVendor::Amd => (
                "a write to the local APIC timer's initial count, one-shot (Zen 2 has no TSC-deadline mode)",
                "로컬 APIC 타이머의 초기 카운트에 쓰기, 원샷 (Zen 2에는 TSC-deadline 모드가 없음)",
            ),
        }
    }

    /// A hybrid guest's PV timer arms its next event with a hypercall instead of the
    /// TSC-deadline WRMSR (Xen's `VCPUOP_set_singleshot_timer`, or `set_timer_op`): from a
    /// hardware-assisted guest the VMCALL (VMMCALL on AMD) is a VM exit too, so the PV timer
    /// replaces the `msr_write` exit by a `hypercall` exit, whose handler is a hypercall's
    /// (`pv_hypercall_handler`, as PV send-IPI's) rather than the emulated timer's MSR
    /// write. No PV timer arms a timer without an exit: the shared `vcpu_time_info` page is
    /// for reading the time, and Hyper-V's synthetic timers are armed by MSR writes.
    fn pv_timer_hypercall(&self, s: &mut Steps, what_en: &str, what_ko: &str) {
        let call = self.vendor.hypercall_instruction();
        self.exit(
            s,
            ExitReason::Hypercall,
            self.costs.pv_hypercall_handler,
            &format!("PV timer: {what_en}'s deadline set by a {call} hypercall (an exit, instead of the TSC-deadline WRMSR's)"),
            &format!("PV 타이머: {call} 하이퍼콜로 {what_ko} 설정 (TSC-deadline WRMSR 대신 이 exit)"),
        );
    }

    /// A sleep arms a high-resolution timer for its wake-up, and the CPU, about to go idle,
    /// stops its periodic tick: the tickless kernel programs the clock event device with
    /// the wake-up's deadline (Linux `tick_nohz_idle_stop_tick`, then
    /// `clockevents_program_event`: a WRMSR to `IA32_TSC_DEADLINE` with the TSC-deadline
    /// timer). A hardware-assisted guest's write exits (APIC virtualization does not cover
    /// the MSR; KVM emulates the deadline with a host timer), a PV guest makes Xen's
    /// `set_timer_op` hypercall, translated code emulates the write, and a hybrid guest with
    /// a PV timer makes a hypercall, which exits as the write does (`pv_timer_hypercall`).
    pub(super) fn arm_wakeup_timer(&self, s: &mut Steps) {
        let c = self.costs;
        match self.technique() {
            None => {
                let (write_en, write_ko) = self.native_timer_write();
                s.kernel(
                    c.privileged_native,
                    &format!("the clock event device is programmed for the wake-up: {write_en} (estimate: Adams & Agesen's native privileged write)"),
                    &format!("클럭 이벤트 장치를 깨어날 시각으로 설정: {write_ko} (추정: Adams & Agesen의 네이티브 특권 쓰기)"),
                )
            }
            Some(Technique::Hybrid) if self.stack.enlightenments.pv_timer => {
                self.pv_timer_hypercall(s, "the wake-up", "깨어날 시각")
            }
            Some(Technique::Para) => self.hypercall(
                s,
                "set_timer_op hypercall arms the wake-up",
                "set_timer_op 하이퍼콜로 깨어날 시각 설정",
            ),
            _ => self.intercept(
                s,
                ExitReason::MsrWrite,
                c.bt_privileged,
                WAKEUP_TIMER_EN,
                "게스트가 깨어날 시각으로 타이머 설정 (TSC-deadline 쓰기)",
            ),
        }
    }

    /// A guest timer tick while the vCPU runs.
    pub(super) fn timer_steps(&self) -> Steps {
        let mut s = Steps::default();
        self.deliver(&mut s, IrqSource::Timer, VcpuState::Running);
        s.tag_from(0, Part::Guest);
        s
    }
}

/// The index in [`NIC_INTERRUPT_ACCESSES`] of the receive poll's RDT write, which a
/// transmit-done interrupt does not make.
const NIC_RECEIVE_REFILL: u64 = 3;

/// The e1000-like NIC's register accesses for one interrupt, in Linux's e1000 driver's
/// order (`e1000_intr`, then its NAPI poll `e1000_clean`), in both languages.
const NIC_INTERRUPT_ACCESSES: [(&str, &str); 6] = [
    (
        "the guest's handler reads the emulated e1000-like NIC's interrupt cause (ICR), which clears it (e1000_intr, before its EOI)",
        "게스트의 핸들러가 e1000 유사 에뮬레이션 NIC의 인터럽트 원인(ICR)을 읽어 지움 (e1000_intr, EOI 전에)",
    ),
    (
        "the handler masks the NIC's interrupts for its poll (an IMC write)",
        "핸들러가 폴링하는 동안 NIC의 인터럽트를 막음 (IMC 쓰기)",
    ),
    (
        "the handler flushes that write by reading the NIC's STATUS register (E1000_WRITE_FLUSH)",
        "핸들러가 NIC의 STATUS 레지스터를 읽어 그 쓰기를 내보냄 (E1000_WRITE_FLUSH)",
    ),
    (
        "the poll gives the NIC back the receive buffer it took (an RDT write, e1000_alloc_rx_buffers; Linux's NAPI poll runs after the EOI, the model charges it with the handler)",
        "폴링이 NIC가 사용한 수신 버퍼를 돌려줌 (RDT 쓰기, e1000_alloc_rx_buffers; Linux의 NAPI 폴링은 EOI 뒤에 실행되지만 모델은 핸들러와 함께 계산)",
    ),
    (
        "the poll, done, unmasks the NIC's interrupts (an IMS write, e1000_irq_enable)",
        "폴링을 마치고 NIC의 인터럽트를 다시 엶 (IMS 쓰기, e1000_irq_enable)",
    ),
    (
        "and flushes that write with a STATUS read (E1000_WRITE_FLUSH)",
        "그리고 STATUS 읽기로 그 쓰기를 내보냄 (E1000_WRITE_FLUSH)",
    ),
];

/// A NIC register access per interrupt beyond the driver's six (a `[costs]` setting above
/// the default).
const NIC_INTERRUPT_ACCESS_MORE: (&str, &str) = (
    "another access to an emulated NIC register per interrupt",
    "인터럽트마다 에뮬레이션 NIC 레지스터에 한 번 더 접근",
);
