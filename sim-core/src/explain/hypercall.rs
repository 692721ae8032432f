//! A paravirtual hypercall's phases: the trap into the hypervisor (or, for a device access,
//! the fault a PV kernel takes), the handler's steps, the return.

use super::{whole, Expander, Phase, PhaseKind, Section};
use crate::path::Step;
use crate::text::Text;
use crate::workload::Op;

impl Expander<'_> {
    /// A paravirtual hypercall: the trap, the handler's steps, the return.
    pub(super) fn hypercall(
        &self,
        out: &mut Vec<Phase>,
        section: Section,
        steps: &[Step],
        i: usize,
        end: usize,
    ) {
        let s = &steps[i];
        let trap = s.cycles / 2;
        let source = Text::new(
            "estimate: the hypercall's round trip (pv_hypercall) taken as half in, half back",
            "추정: 하이퍼콜 왕복(pv_hypercall)을 들어갈 때 절반, 돌아올 때 절반으로 봄",
        );
        // A PV kernel runs without I/O privilege: a device access is not a call it makes
        // but a fault the hypervisor emulates (charged as a hypercall's round trip).
        let device_access = matches!(self.op, Op::IoPort | Op::Mmio);
        let (en, ko) = if device_access {
            (
                "Trap: the paravirtualized guest kernel runs without I/O privilege, so its device access faults into the hypervisor (a general-protection fault for a port, a page fault for a device's page), which emulates it. A real Xen PV guest has no emulated devices: its I/O goes through PV drivers; this path is for comparison.",
                "트랩: 반가상화된 게스트 커널은 I/O 권한 없이 실행되므로, 장치 접근이 하이퍼바이저로 폴트됩니다(포트는 일반 보호 폴트, 장치 페이지는 페이지 폴트). 하이퍼바이저가 그 접근을 에뮬레이션합니다. 실제 Xen PV 게스트에는 에뮬레이션 장치가 없고 I/O는 PV 드라이버로 합니다: 이 경로는 비교를 위한 것입니다.",
            )
        } else {
            (
                "Hypercall: the paravirtualized guest kernel calls the hypervisor on purpose (a software trap) for what it may not do itself.",
                "하이퍼콜: 반가상화된 게스트 커널이 스스로 할 수 없는 일을 위해 일부러 하이퍼바이저를 호출합니다 (소프트웨어 트랩).",
            )
        };
        out.push(Phase {
            kind: PhaseKind::HypercallTrap,
            cycles: trap,
            en: en.to_string(),
            ko: ko.to_string(),
            source: Some(source.clone()),
            ..whole(section, s, i)
        });
        for (k, step) in steps.iter().enumerate().take(end).skip(i + 1) {
            let mut phase = whole(section, step, k);
            if k == i + 1 {
                phase.kind = PhaseKind::Handle;
                if device_access {
                    phase.en = format!("The hypervisor handles the fault: {}.", step.en);
                    phase.ko = format!("하이퍼바이저가 폴트를 처리: {}.", step.ko);
                } else {
                    phase.en = format!("The hypervisor handles the hypercall: {}.", step.en);
                    phase.ko = format!("하이퍼바이저가 하이퍼콜을 처리: {}.", step.ko);
                }
            }
            out.push(phase);
        }
        // An iret hypercall ends a system call or a fault: it returns to the interrupted
        // code (user space), not to the guest kernel.
        let handler = steps.get(i + 1).map(|h| h.en.as_str());
        let (en, ko) = if handler == Some(crate::path::cpu::IRET_HYPERCALL_EN) {
            (
                "The hypervisor returns to the guest's user space, where the program goes on after its system call.",
                "하이퍼바이저가 게스트의 사용자 공간으로 돌아가고, 프로그램은 시스템 콜 다음부터 계속합니다.",
            )
        } else if handler == Some(crate::path::memory::FAULT_IRET_HYPERCALL_EN) {
            (
                "The hypervisor returns to the code the fault interrupted, which runs the faulting instruction again.",
                "하이퍼바이저가 폴트로 중단된 코드로 돌아가고, 그 코드는 폴트를 일으킨 명령을 다시 실행합니다.",
            )
        } else if device_access {
            (
                "The hypervisor returns to the guest kernel, which goes on after the access.",
                "하이퍼바이저가 게스트 커널로 돌아가고, 게스트는 그 접근 다음부터 계속합니다.",
            )
        } else {
            (
                "The hypervisor returns to the guest kernel, which goes on after the call.",
                "하이퍼바이저가 게스트 커널로 돌아가고, 게스트는 호출 다음부터 계속합니다.",
            )
        };
        out.push(Phase {
            kind: PhaseKind::HypercallReturn,
            cycles: s.cycles - trap,
            en: en.to_string(),
            ko: ko.to_string(),
            source: Some(source.clone()),
            ..whole(section, s, i)
        });
    }
}
