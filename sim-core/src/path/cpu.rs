//! CPU paths: system calls, halting, pause loops, PV spinlocks and the switches between scheduled entities.

use super::{ExitReason, Path, PathBuilder, Steps};
use crate::platform::{BackendPlacement, PlatformKind, Technique};

impl PathBuilder<'_> {
    /// Entry and exit of a system call in the workload's kernel.
    pub(super) fn syscall_entry(&self, s: &mut Steps) {
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
