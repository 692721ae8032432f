//! Remote TLB shootdowns: the sender's own work, PV send-IPI's one hypercall, one IPI to a
//! target, a target's handler,
//! the wait for a running target's acknowledgement, and PV TLB flush's flush on entry. Which targets get an IPI and whether the sender
//! waits for a preempted one is the machine's business (`machine/shootdown.rs`).

use super::{ExitReason, Path, PathBuilder, Steps};
use crate::platform::Technique;
use crate::workload::Op;

impl PathBuilder<'_> {
    /// The sender's own part of a shootdown (Linux `flush_tlb_mm_range`): the system call
    /// (munmap, mprotect) that changes the page tables, the local INVLPG, and, per
    /// technique, how the remote flush starts. A paravirtual (Xen PV) kernel asks the
    /// hypervisor once (`mmuext_op` MMUEXT_TLB_FLUSH_MULTI); a hybrid guest with PV TLB
    /// flush reads each target's `preempted` flag in its steal-time area.
    pub(super) fn tlb_shootdown(&self, s: &mut Steps) {
        self.syscall_entry(s);
        self.translated_kernel(
            s,
            self.workload.syscall_work_cycles,
            "munmap/mprotect changes the page tables",
            "munmap/mprotect가 페이지 테이블을 바꿈",
        );
        self.sensitive_instruction(s, Op::Invlpg);
        match self.technique() {
            Some(Technique::Para) => self.hypercall(
                s,
                "mmuext_op TLB_FLUSH_MULTI: the hypervisor flushes the pCPUs that run the other vCPUs",
                "mmuext_op TLB_FLUSH_MULTI: 하이퍼바이저가 다른 vCPU를 실행 중인 pCPU를 비움",
            ),
            Some(Technique::Hybrid) if self.stack.enlightenments.pv_tlb_flush => s.kernel(
                self.costs.pte_write_native,
                "PV TLB flush: read each target's preempted flag (steal-time area)",
                "PV TLB flush: 대상마다 preempted 플래그 읽기 (스틸 타임 영역)",
            ),
            _ => {}
        }
        // The system call returns once the remote flush is done: the IPIs and the wait
        // for acknowledgements the machine adds come before it in time, but the return's
        // cycles are charged here, with the sender's own part.
        self.syscall_return(s);
    }

    /// The path shown to a user (the page's Stack & paths view, `virtsim explain`):
    /// [`PathBuilder::op_path`], and for a TLB shootdown the IPI to one running target and
    /// the wait for its acknowledgement after it (the machine adds one IPI per target
    /// and waits as the targets' states say).
    pub fn shown_path(&self, op: Op) -> super::OpPath {
        let mut path = self.op_path(op);
        if op == Op::TlbShootdown {
            // The system call's return (the op path's last steps) comes after the IPIs and
            // the wait for their acknowledgement.
            let mut ret = Steps::default();
            self.syscall_return(&mut ret);
            let at = path.submit.steps.len() - ret.0.len();
            let ret = path.submit.steps.split_off(at);
            path.submit
                .steps
                .extend(self.shootdown_pv_send_ipi_path().steps);
            path.submit.steps.extend(self.shootdown_ipi_path().steps);
            path.submit.steps.extend(self.shootdown_ack_path().steps);
            path.submit.steps.extend(ret);
        }
        path
    }

    /// Whether the guest sends a shootdown's IPIs with one PV send-IPI hypercall.
    pub fn pv_send_ipi(&self) -> bool {
        self.technique() == Some(Technique::Hybrid) && self.stack.enlightenments.pv_send_ipi
    }

    /// The hypercall that sends all of a shootdown's IPIs at once under PV send-IPI
    /// (Linux `kvm_send_ipi_mask`: KVM_HC_SEND_IPI with a bitmap of the targets' APIC IDs,
    /// one exit for up to 128 targets); empty otherwise.
    pub fn shootdown_pv_send_ipi_path(&self) -> Path {
        let mut s = Steps::default();
        if self.pv_send_ipi() {
            self.exit(
                &mut s,
                ExitReason::Hypercall,
                self.costs.pv_hypercall_handler,
                &format!(
                    "pv_send_ipi: one {} KVM_HC_SEND_IPI with a bitmap of every target",
                    self.vendor.hypercall_instruction()
                ),
                &format!(
                    "pv_send_ipi: 모든 대상의 비트맵을 담은 {} KVM_HC_SEND_IPI 한 번",
                    self.vendor.hypercall_instruction()
                ),
            );
        }
        Path {
            steps: s.0,
            ..Path::default()
        }
    }

    /// One IPI of a shootdown to one target CPU. Natively an ICR write. Under hardware
    /// assist the ICR write exits (APICv virtualizes EOIs and interrupts posted to a
    /// running vCPU, not the sending of an IPI; Intel's IPI virtualization and AMD's AVIC
    /// IPI path are not modelled) and the hypervisor delivers the IPI, unless the hybrid
    /// guest sent them all with PV send-IPI's one hypercall: then the hypervisor only
    /// delivers this one; under binary translation the translator emulates the APIC write;
    /// under para the hypervisor sends the physical IPI to the pCPU that runs the target.
    pub fn shootdown_ipi_path(&self) -> Path {
        let mut s = Steps::default();
        let c = self.costs;
        if self.pv_send_ipi() {
            s.hyp(
                c.ipi_send_native,
                "the hypervisor delivers the IPI to one target vCPU",
                "하이퍼바이저가 대상 vCPU 하나에 IPI 전달",
            );
            return Path {
                steps: s.0,
                ..Path::default()
            };
        }
        match self.technique() {
            None => s.kernel(
                c.ipi_send_native,
                "flush IPI to another CPU of the address space (ICR write)",
                "주소 공간의 다른 CPU에 flush IPI (ICR 쓰기)",
            ),
            Some(Technique::BinaryTranslation) => s.hyp(
                c.bt_privileged + c.ipi_emulate,
                "translated ICR write: the VMM sends the virtual IPI",
                "변환된 ICR 쓰기: VMM이 가상 IPI를 보냄",
            ),
            Some(Technique::Para) => s.hyp(
                c.ipi_send_native,
                "the hypervisor sends a flush IPI to the target's pCPU",
                "하이퍼바이저가 대상의 pCPU에 flush IPI를 보냄",
            ),
            Some(_) => self.exit(
                &mut s,
                ExitReason::ApicAccess,
                c.ipi_emulate,
                "ICR write exits; the hypervisor delivers the IPI to the target vCPU",
                "ICR 쓰기로 exit; 하이퍼바이저가 대상 vCPU에 IPI 전달",
            ),
        }
        Path {
            steps: s.0,
            ..Path::default()
        }
    }

    /// What a target does with a shootdown's IPI, charged to the target vCPU: the IPI
    /// reaching it (an external-interrupt exit and injection without APICv), its EOI, then
    /// its flush handler; under para the hypervisor flushes the pCPU itself and the guest
    /// runs no handler. Linux acknowledges a call-function IPI before it runs the function
    /// (`sysvec_call_function`: `apic_eoi()`, then `generic_smp_call_function_interrupt`,
    /// which runs `flush_tlb_func` and releases the sender), as for any edge-triggered
    /// interrupt; the EOI is an APIC-access exit unless APICv virtualizes it or PV EOI
    /// makes it a write to shared memory, and under BT a write to the VMM's emulated APIC.
    pub fn shootdown_handler_path(&self) -> Path {
        let c = self.costs;
        let mut s = Steps::default();
        let handler = |s: &mut Steps, after_eoi: bool| {
            if after_eoi {
                s.kernel(
                    c.tlb_shootdown_handler,
                    "flush IPI handler, after its EOI: INVLPG of the range, then the sender is told the flush is done",
                    "flush IPI 핸들러, EOI 다음: 범위 INVLPG 후 보낸 쪽에 flush 완료를 알림",
                )
            } else {
                s.kernel(
                    c.tlb_shootdown_handler,
                    "flush IPI handler: the EOI first, INVLPG of the range, then the sender is told the flush is done",
                    "flush IPI 핸들러: EOI를 먼저 쓰고, 범위 INVLPG 후 보낸 쪽에 flush 완료를 알림",
                )
            }
        };
        match self.technique() {
            None => handler(&mut s, false),
            Some(Technique::BinaryTranslation) => {
                s.hyp(
                    c.device_interrupt,
                    "the VMM takes the IPI and injects a virtual one",
                    "VMM이 IPI를 받아 가상 IPI 주입",
                );
                s.hyp(
                    c.bt_privileged,
                    "EOI, written first (Linux acknowledges a call-function IPI before its handler), to the VMM's emulated APIC: caught in translated code and emulated by the VMM (estimate: an emulated privileged write, Adams & Agesen's %cr8 row; no EOI figure in the reference)",
                    "EOI를 먼저 VMM이 에뮬레이션하는 APIC에 씀 (리눅스는 call-function IPI를 핸들러 전에 확인 응답): 변환된 코드에서 포착해 VMM이 에뮬레이션 (추정: 에뮬레이션된 특권 쓰기, Adams & Agesen의 %cr8 행; 참고 자료에 EOI 수치 없음)",
                );
                handler(&mut s, true);
            }
            Some(Technique::Para) => s.hyp(
                c.tlb_shootdown_handler,
                "the hypervisor flushes the TLB of the pCPU that runs the vCPU",
                "하이퍼바이저가 vCPU를 실행하는 pCPU의 TLB를 비움",
            ),
            Some(_) => {
                if !self.features.apicv {
                    self.exit(
                        &mut s,
                        ExitReason::ExternalInterrupt,
                        0,
                        "the IPI forces the running vCPU out; injected at entry",
                        "IPI가 실행 중인 vCPU를 exit시킴; entry 시 주입",
                    );
                }
                // The EOI, first: virtualized with APICv, a flag in shared memory with PV
                // EOI, else a write to the emulated APIC page, an APIC-access exit.
                if self.features.apicv {
                    // Virtualized: the guest's write completes without an exit.
                } else if self.stack.enlightenments.pv_eoi {
                    s.kernel(
                        c.pte_write_native,
                        "PV EOI, first (Linux acknowledges a call-function IPI before its handler): the guest clears a flag in shared memory, no exit",
                        "PV EOI를 먼저 (리눅스는 call-function IPI를 핸들러 전에 확인 응답): 게스트가 공유 메모리의 플래그를 지우고 exit 없음",
                    );
                } else {
                    self.exit(
                        &mut s,
                        ExitReason::ApicAccess,
                        0,
                        "the IPI's EOI, written first (Linux acknowledges a call-function IPI before its handler), to the virtual APIC",
                        "IPI의 EOI를 먼저 가상 APIC에 씀 (리눅스는 call-function IPI를 핸들러 전에 확인 응답)",
                    );
                }
                handler(&mut s, !self.features.apicv);
            }
        }
        Path {
            steps: s.0,
            ..Path::default()
        }
    }

    /// PV TLB flush: a target that was preempted during a shootdown has its whole TLB
    /// flushed on its next entry (KVM_VCPU_FLUSH_TLB in its steal-time area): back in the
    /// guest, the entries of its working set that the TLB held are walked again.
    pub fn flush_on_entry_path(&self) -> Path {
        let pages = if self.large_pages {
            self.working_set_pages.div_ceil(512)
        } else {
            self.working_set_pages
        };
        let refills = self.tlb_entries.min(pages);
        let mut s = Steps::default();
        s.push(
            super::Layer::Hardware,
            super::Category::GuestUser,
            refills.saturating_mul(self.walk_cycles()),
            &format!("PV TLB flush on entry: {refills} page walks refill the flushed TLB"),
            &format!("진입 시 PV TLB flush: 페이지 워크 {refills}번으로 비워진 TLB를 다시 채움"),
        );
        Path {
            steps: s.0,
            ..Path::default()
        }
    }

    /// What the sender spins for after IPIs to running targets: one target's
    /// [`PathBuilder::shootdown_handler_path`] (the targets work in parallel), as one step of
    /// guest kernel spinning.
    pub fn shootdown_ack_path(&self) -> Path {
        let wait: u64 = self
            .shootdown_handler_path()
            .steps
            .iter()
            .map(|st| st.cycles)
            .sum();
        let mut s = Steps::default();
        if self.technique() == Some(Technique::Para) {
            // Xen sends the IPIs and waits for the flushes inside the guest's
            // MMUEXT_TLB_FLUSH_MULTI hypercall (flush_mask): the guest takes no IPI and
            // sends no EOI, and the wait is the hypervisor's.
            s.hyp(
                wait,
                "inside the hypercall, the hypervisor waits until the running targets' pCPUs have flushed",
                "하이퍼콜 안에서 하이퍼바이저가 실행 중인 대상들의 pCPU가 flush를 마칠 때까지 기다림",
            );
        } else {
            s.kernel(
                wait,
                "spin until the running targets acknowledge (their IPI entry, EOI and flush)",
                "실행 중인 대상들의 확인을 기다리며 스핀 (IPI 진입, EOI, flush)",
            );
        }
        Path {
            steps: s.0,
            ..Path::default()
        }
    }
}
