//! An emulated device's register accesses: the trap to the device model (in the hypervisor,
//! a type-2 VMM's or microVM's user process, QEMU in KVM's host user space or in Xen's
//! driver domain), its work, and the interrupt it raises or lowers in the guest.

use super::Device;
use crate::path::{Category, ExitReason, Layer, PathBuilder, Steps};
use crate::platform::{BackendPlacement, IoModel, PlatformKind, Technique};

impl PathBuilder<'_> {
    /// Work in the VMM's user process (`model`), between the way out and the way back:
    /// on a classic type 2 (`world_switch`) the world switch to the host and, after the
    /// work, back (the VMM's work happens in a host process; a type 2 whose ring-0 part is
    /// a host kernel module already runs the guest in the host's context and has none);
    /// then, as for a microVM's VMM, the thread that ran the
    /// guest goes on in its own process: the call that ran the guest returns to user space
    /// and is made again once the work is done (Sugerman et al.'s VMApp and VMDriver;
    /// KVM_RUN returning to QEMU's vCPU thread), a system call's crossing, not a switch to
    /// another process.
    pub(in crate::path) fn in_vmm_process(
        &self,
        s: &mut Steps,
        world_switch: bool,
        model: impl FnOnce(&mut Steps),
    ) {
        let c = self.costs;
        if world_switch {
            s.host(
                c.hosted_world_switch,
                "world switch to the host OS",
                "호스트 OS로 월드 스위치(world switch)",
            );
        }
        s.host(
            c.syscall_native / 2,
            "the call that ran the guest returns to the VMM process (half a system call's round trip)",
            "게스트를 실행하던 호출이 VMM 프로세스로 돌아옴 (시스템 콜 왕복의 절반)",
        );
        model(s);
        s.host(
            c.syscall_native - c.syscall_native / 2,
            "the VMM process makes the call again to resume the guest",
            "VMM 프로세스가 게스트를 재개하려고 다시 호출",
        );
        if world_switch {
            s.host(
                c.hosted_world_switch,
                "world switch back into the VMM's world",
                "VMM 쪽으로 월드 스위치해 복귀",
            );
        }
    }

    /// The call that ran the guest returns to the VMM process's user space and is made
    /// again once the device model is done: a system call's round trip.
    pub(in crate::path) fn return_to_vmm_process(&self, s: &mut Steps) {
        s.host(
            self.costs.syscall_native,
            "the call that ran the guest returns to the VMM process, which calls it again",
            "게스트를 실행하던 호출이 VMM 프로세스로 돌아오고, VMM이 다시 호출",
        );
    }

    /// One register access served by the emulated device model, wherever it lives.
    pub(in crate::path) fn emulate_access(&self, s: &mut Steps) {
        self.emulate_access_then(s, |_| {});
    }

    /// One register access served by the emulated device model, wherever it lives, and
    /// `then`, the model's further work for it before the guest resumes (an e1000's send on
    /// its TDT write): in a VMM process before the call that ran the guest is made again;
    /// for QEMU in a driver domain after the ioreq, on dom0's vCPU
    /// (`Stack::emulated_nic_sends_in_exit`).
    pub(in crate::path) fn emulate_access_then(
        &self,
        s: &mut Steps,
        then: impl FnOnce(&mut Steps),
    ) {
        let c = self.costs;
        match self.stack.kind {
            // A microVM's VMM (Firecracker-like) emulates its few devices (serial, i8042)
            // in its own user process: the exit returns from KVM_RUN to it.
            _ if self.stack.microvm => self.in_vmm_process(s, false, |s| {
                s.push(
                    Layer::VmmProcess,
                    Category::DeviceEmulation,
                    c.device_emulation_access,
                    "device model in the microVM's VMM process",
                    "microVM의 VMM 프로세스 안의 장치 모델",
                );
                then(s);
            }),
            // With the VMM's ring-0 part a host kernel module (`host_module`) the exit
            // lands in the host kernel, as under KVM: no world to leave, only the run
            // ioctl's return to the VMM process and its call again.
            PlatformKind::Type2 => self.in_vmm_process(s, self.stack.world_switches(), |s| {
                s.push(
                    Layer::VmmProcess,
                    Category::DeviceEmulation,
                    c.device_emulation_access,
                    "device model in the VMM user process",
                    "VMM 사용자 프로세스의 장치 모델",
                );
                then(s);
            }),
            // A Xen HVM guest's device models are QEMU's, in the driver domain. A PV guest
            // has none there: Xen emulates the port and MMIO accesses it traps itself
            // (xen/arch/x86/pv/emul-priv-op.c), as without a driver domain.
            _ if self.stack.driver_domain && self.technique() != Some(Technique::Para) => {
                self.ioreq_to_qemu_in_driver_domain(s, false);
                then(s);
            }
            // On KVM the emulated devices are QEMU's, in user space: KVM's exit handler
            // finds no in-kernel device for the access and returns from the vCPU thread's
            // KVM_RUN ioctl to QEMU, which emulates the register and calls KVM_RUN again.
            _ if self.qemu_in_user_space() => self.in_vmm_process(s, false, |s| {
                s.push(
                    Layer::VmmProcess,
                    Category::DeviceEmulation,
                    c.device_emulation_access,
                    "device model in QEMU, in user space (KVM_RUN returned to its vCPU thread)",
                    "사용자 공간 QEMU의 장치 모델 (KVM_RUN이 QEMU의 vCPU 스레드로 돌아옴)",
                );
                then(s);
            }),
            _ => {
                s.push(
                    Layer::Hypervisor,
                    Category::DeviceEmulation,
                    c.device_emulation_access,
                    "device model in the hypervisor",
                    "하이퍼바이저의 장치 모델",
                );
                then(s);
            }
        }
    }

    /// One access of the guest to a memory-mapped register of an emulated device (the
    /// e1000-like NIC's), trapped and emulated as the `mmio` operation is (`path/mod.rs`):
    /// under hardware assist an `mmio` exit (the device's page is left unmapped in EPT, or
    /// NPT, so the access exits as an EPT misconfiguration or a nested page fault, and the
    /// handler decodes the instruction to learn the access: the generic `exit_handler`,
    /// which decodes and dispatches any exit); under binary translation a hidden fault (the
    /// register's page is not mapped in the shadow page table, and no translated code can
    /// spot a plain load or store: the VMM's part of a BT guest page fault, `bt_page_fault`
    /// less `page_fault_native`, far dearer than a translated IN or OUT's `bt_io_port`);
    /// from a PV guest a trap into Xen, counted as a hypercall; then the device model's
    /// access. `clears_cause`: the read of the interrupt's cause, which lowers the line
    /// ([`Self::emulate_status_read`]).
    pub(in crate::path) fn emulated_mmio_access(
        &self,
        s: &mut Steps,
        en: &str,
        ko: &str,
        clears_cause: bool,
    ) {
        self.mmio_trap(s, en, ko);
        self.emulate_status_read(s, clears_cause);
    }

    /// The trap of an access to a memory-mapped register of an emulated device, before its
    /// device model's work ([`Self::emulated_mmio_access`]).
    pub(in crate::path) fn mmio_trap(&self, s: &mut Steps, en: &str, ko: &str) {
        let c = self.costs;
        match self.technique() {
            Some(Technique::BinaryTranslation) => s.push_exit(
                Layer::Hypervisor,
                Category::Hypervisor,
                c.bt_page_fault.saturating_sub(c.page_fault_native),
                &format!("{en}: the access faults into the VMM (the register's page is not mapped in the shadow page table), which decodes it"),
                &format!("{ko}: 접근이 VMM으로 폴트됨 (레지스터의 페이지가 섀도 페이지 테이블에 매핑되어 있지 않음), VMM이 디코드"),
                Some(ExitReason::Mmio),
            ),
            _ => self.intercept(s, ExitReason::Mmio, 0, en, ko),
        }
    }

    /// One ioreq of a Xen HVM guest to QEMU in the driver domain (xen/common/ioreq.c,
    /// QEMU's hw/xen/xen-hvm-common.c): Xen writes the ioreq into the page it shares with
    /// QEMU and notifies QEMU's event channel, and the guest's vCPU waits; dom0 takes the
    /// event by an upcall, its evtchn driver (`evtchn_interrupt`) wakes QEMU, blocked in
    /// `ppoll` on /dev/xen/evtchn, whose `cpu_get_ioreq` reads the port that fired and
    /// unmasks it (`xenevtchn_pending`, `xenevtchn_unmask`: a read and a write of the
    /// device); QEMU emulates the access, then notifies Xen back (`xenevtchn_notify`: an
    /// ioctl whose handler makes the EVTCHNOP_send hypercall) and waits again. Every cost an
    /// estimate: the upcall as a hypercall's handler, the wake as a context switch, each
    /// crossing of dom0's kernel as (half) a native system call's round trip.
    /// `lowers_line`: the access is the guest's read of the device's status that clears the
    /// interrupt's cause, and QEMU lowers the line while it emulates it.
    pub(in crate::path) fn ioreq_to_qemu_in_driver_domain(&self, s: &mut Steps, lowers_line: bool) {
        let c = self.costs;
        s.hyp(
            c.vm_switch,
            "Xen posts the ioreq in the page it shares with QEMU, notifies QEMU's event channel and switches from the waiting guest to the driver domain",
            "Xen이 QEMU와 공유하는 페이지에 ioreq를 올리고 QEMU의 이벤트 채널에 알린 뒤, 기다리는 게스트에서 드라이버 도메인으로 전환",
        );
        s.hyp(
            c.pv_hypercall_handler,
            "event-channel upcall into dom0's kernel (Xen's bounce frame into its event callback; estimate: as a hypercall's handler)",
            "이벤트 채널 업콜로 dom0 커널에 전달 (dom0의 이벤트 콜백으로 가는 Xen의 bounce frame; 추정: 하이퍼콜 핸들러와 같음)",
        );
        s.dom0(
            c.context_switch,
            "dom0's evtchn driver (evtchn_interrupt) wakes QEMU, blocked on /dev/xen/evtchn, and dom0's kernel switches to it",
            "dom0의 evtchn 드라이버(evtchn_interrupt)가 /dev/xen/evtchn에서 블록된 QEMU를 깨우고, dom0 커널이 QEMU로 전환",
        );
        s.dom0(
            c.syscall_native / 2,
            "QEMU's ppoll returns to user space (half a system call's round trip)",
            "QEMU의 ppoll이 사용자 공간으로 돌아옴 (시스템 콜 왕복의 절반)",
        );
        s.dom0(
            2 * c.syscall_native,
            "QEMU reads which port fired and unmasks it (xenevtchn_pending, xenevtchn_unmask: a read and a write of /dev/xen/evtchn, two system calls), then takes the ioreq from the shared page",
            "QEMU가 어느 포트가 울렸는지 읽고 마스크를 풂 (xenevtchn_pending, xenevtchn_unmask: /dev/xen/evtchn 읽기와 쓰기, 시스템 콜 두 번), 그리고 공유 페이지에서 ioreq를 가져옴",
        );
        s.dom0(
            c.device_emulation_access,
            "QEMU's device model in the driver domain emulates the access",
            "드라이버 도메인에 있는 QEMU의 장치 모델이 접근을 에뮬레이션",
        );
        if lowers_line {
            self.qemu_lowers_guest_interrupt(s);
        }
        s.dom0(
            c.syscall_native,
            "QEMU marks the ioreq done and notifies Xen (xenevtchn_notify: an ioctl on /dev/xen/evtchn, a system call)",
            "QEMU가 ioreq를 완료로 표시하고 Xen에 알림 (xenevtchn_notify: /dev/xen/evtchn에 ioctl, 시스템 콜)",
        );
        s.dom0(
            c.pv_hypercall,
            "dom0's kernel makes the EVTCHNOP_send hypercall (notify_remote_via_evtchn)",
            "dom0 커널이 EVTCHNOP_send 하이퍼콜 호출 (notify_remote_via_evtchn)",
        );
        s.hyp(
            c.pv_hypercall_handler,
            "Xen marks the guest vCPU's ioreq event pending and wakes it",
            "Xen이 게스트 vCPU의 ioreq 이벤트를 보류(pending) 상태로 표시하고 깨움",
        );
        s.dom0(
            c.syscall_native - c.syscall_native / 2,
            "QEMU waits for the next ioreq (its ppoll enters dom0's kernel: half a system call's round trip), and dom0's vCPU blocks",
            "QEMU가 다음 ioreq를 기다림 (ppoll로 dom0 커널에 들어감: 시스템 콜 왕복의 절반), dom0의 vCPU는 블록",
        );
        s.hyp(
            c.vm_switch,
            "switch back to the guest",
            "게스트로 복귀 전환",
        );
    }

    /// The guest's read of an emulated device's status in its interrupt handler, emulated as
    /// any access; the first read (`clears_cause`) clears the interrupt's cause, and the
    /// device lowers its line: in the same call for a device model in the hypervisor or a
    /// VMM process, by another hypercall for QEMU in a driver domain.
    pub(in crate::path) fn emulate_status_read(&self, s: &mut Steps, clears_cause: bool) {
        if clears_cause && self.qemu_in_driver_domain() {
            self.ioreq_to_qemu_in_driver_domain(s, true);
        } else {
            self.emulate_access(s);
        }
    }

    /// A KVM guest's emulated devices are QEMU's, in the host's user space: a type 1 with
    /// hardware assist whose back ends are host threads (`vm_thread`: QEMU's I/O thread,
    /// `device_thread`: vhost's workers), neither a microVM (its own VMM process) nor
    /// Xen's (a driver domain, or a PV guest).
    pub(in crate::path) fn qemu_in_user_space(&self) -> bool {
        self.stack.is_vm()
            && matches!(self.stack.kind, PlatformKind::Type1 | PlatformKind::Vdi)
            && !self.stack.microvm
            && !self.stack.driver_domain
            && matches!(
                self.stack.backend,
                BackendPlacement::VmThread | BackendPlacement::DeviceThread
            )
            && matches!(
                self.technique(),
                Some(Technique::HardwareAssist | Technique::Hybrid)
            )
    }

    /// A Xen HVM guest's emulated devices are QEMU's, in the driver domain.
    pub(in crate::path) fn qemu_in_driver_domain(&self) -> bool {
        self.stack.is_vm()
            && self.stack.driver_domain
            && self.stack.io == IoModel::Emulated
            && self.technique() != Some(Technique::Para)
    }

    /// QEMU in dom0 learns that the host side finished (a disk request's asynchronous I/O
    /// completing, its eventfd signalled; a received frame on its tap device): dom0's
    /// kernel wakes it from its `ppoll` and switches to it, and the call returns. Estimates,
    /// as for an ioreq ([`Self::ioreq_to_qemu_in_driver_domain`]).
    pub(in crate::path) fn qemu_woken_for_completion(&self, s: &mut Steps, device: Device) {
        let c = self.costs;
        let (en, ko) = match device {
            Device::Disk => (
                "dom0's kernel completes QEMU's asynchronous I/O (its eventfd) and wakes QEMU, blocked in ppoll, switching to it",
                "dom0 커널이 QEMU의 비동기 I/O를 완료하고(eventfd) ppoll에서 블록된 QEMU를 깨워 전환",
            ),
            Device::Nic => (
                "the frame reaches QEMU's tap device, and dom0's kernel wakes QEMU, blocked in ppoll, switching to it",
                "프레임이 QEMU의 tap 장치에 도착하고, dom0 커널이 ppoll에서 블록된 QEMU를 깨워 전환",
            ),
        };
        s.dom0(c.context_switch, en, ko);
        s.dom0(
            c.syscall_native / 2,
            "QEMU's ppoll returns to user space (half a system call's round trip)",
            "QEMU의 ppoll이 사용자 공간으로 돌아옴 (시스템 콜 왕복의 절반)",
        );
    }

    /// QEMU in dom0 raises the HVM guest's interrupt line: libxendevicemodel's
    /// `xendevicemodel_set_pci_intx_level` (or `set_isa_irq_level`), an ioctl on
    /// /dev/xen/privcmd (IOCTL_PRIVCMD_DM_OP) whose handler makes the dm_op hypercall, in
    /// which Xen asserts the line on the guest's virtual interrupt controller; then QEMU
    /// waits again (`then_waits`; a transmit's interrupt QEMU raises while it handles the
    /// guest's TDT write, whose ioreq already counts its return to `ppoll`). (The line goes down again when the
    /// guest reads the device's status: [`PathBuilder::qemu_lowers_guest_interrupt`].)
    pub(in crate::path) fn qemu_raises_guest_interrupt(&self, s: &mut Steps, then_waits: bool) {
        let c = self.costs;
        s.dom0(
            c.syscall_native,
            "QEMU raises the guest's interrupt line (xendevicemodel_set_pci_intx_level: an ioctl on /dev/xen/privcmd, a system call)",
            "QEMU가 게스트의 인터럽트 선을 올림 (xendevicemodel_set_pci_intx_level: /dev/xen/privcmd에 ioctl, 시스템 콜)",
        );
        s.dom0(
            c.pv_hypercall,
            "dom0's kernel makes the dm_op hypercall (IOCTL_PRIVCMD_DM_OP)",
            "dom0 커널이 dm_op 하이퍼콜 호출 (IOCTL_PRIVCMD_DM_OP)",
        );
        s.hyp(
            c.pv_hypercall_handler,
            "Xen asserts the line on the guest's virtual interrupt controller",
            "Xen이 게스트의 가상 인터럽트 컨트롤러에 인터럽트 선을 올림",
        );
        if !then_waits {
            return;
        }
        s.dom0(
            c.syscall_native - c.syscall_native / 2,
            "QEMU goes back to its ppoll (half a system call's round trip)",
            "QEMU가 다시 ppoll로 들어감 (시스템 콜 왕복의 절반)",
        );
    }

    /// QEMU in dom0 lowers the HVM guest's interrupt line while it emulates the guest's
    /// read of the device's status, which clears the interrupt's cause (an IDE status read
    /// clears INTRQ, an e1000 ICR read its causes): the same level change through
    /// libxendevicemodel, an ioctl on /dev/xen/privcmd whose handler makes the dm_op
    /// hypercall, in which Xen deasserts the line; QEMU then finishes the read's ioreq.
    pub(in crate::path) fn qemu_lowers_guest_interrupt(&self, s: &mut Steps) {
        let c = self.costs;
        s.dom0(
            c.syscall_native,
            "QEMU lowers the guest's interrupt line, the read having cleared its cause (xendevicemodel_set_pci_intx_level: an ioctl on /dev/xen/privcmd, a system call)",
            "읽기로 원인이 지워져 QEMU가 게스트의 인터럽트 선을 내림 (xendevicemodel_set_pci_intx_level: /dev/xen/privcmd에 ioctl, 시스템 콜)",
        );
        s.dom0(
            c.pv_hypercall,
            "dom0's kernel makes the dm_op hypercall (IOCTL_PRIVCMD_DM_OP)",
            "dom0 커널이 dm_op 하이퍼콜 호출 (IOCTL_PRIVCMD_DM_OP)",
        );
        s.hyp(
            c.pv_hypercall_handler,
            "Xen deasserts the line on the guest's virtual interrupt controller",
            "Xen이 게스트의 가상 인터럽트 컨트롤러에서 인터럽트 선을 내림",
        );
    }

    /// The layer an emulated device model runs in (as `emulate_access` charges it).
    pub(in crate::path) fn device_model_layer(&self) -> Layer {
        match self.stack.kind {
            _ if self.stack.microvm => Layer::VmmProcess,
            PlatformKind::Type2 => Layer::VmmProcess,
            _ if self.stack.driver_domain && self.technique() != Some(Technique::Para) => {
                Layer::DriverDomain
            }
            _ if self.qemu_in_user_space() => Layer::VmmProcess,
            _ => Layer::Hypervisor,
        }
    }
}
