//! Device I/O paths: emulated register accesses, PV rings and back ends, and completions.
//!
//! Under type 2 a device access leaves the guest through the hosted world switch
//! (`hosted_world_switch`); a container's I/O pays the shared kernel's own costs (cgroup
//! I/O accounting, the bridge's NAT). The devices and rings in time are `machine/io.rs`'s.

use super::{Category, ExitReason, IrqSource, Layer, Part, PathBuilder, Steps, VcpuState};
use crate::platform::{BackendPlacement, IoModel, NetworkMode, PlatformKind, Technique};

impl PathBuilder<'_> {
    /// Work in the VMM's user process (`model`), between the way out and the way back:
    /// on type 2 the world switch to the host and, after the work, back (the VMM's work
    /// happens in a host process); then, as for a microVM's VMM, the thread that ran the
    /// guest goes on in its own process: the call that ran the guest returns to user space
    /// and is made again once the work is done (Sugerman et al.'s VMApp and VMDriver;
    /// KVM_RUN returning to QEMU's vCPU thread), a system call's crossing, not a switch to
    /// another process.
    fn in_vmm_process(&self, s: &mut Steps, world_switch: bool, model: impl FnOnce(&mut Steps)) {
        let c = self.costs;
        if world_switch {
            s.host(
                c.hosted_world_switch,
                "world switch to the host OS",
                "호스트 OS로 world switch",
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
                "VMM의 world로 world switch 복귀",
            );
        }
    }

    /// The call that ran the guest returns to the VMM process's user space and is made
    /// again once the device model is done: a system call's round trip.
    pub(super) fn return_to_vmm_process(&self, s: &mut Steps) {
        s.host(
            self.costs.syscall_native,
            "the call that ran the guest returns to the VMM process, which calls it again",
            "게스트를 실행하던 호출이 VMM 프로세스로 돌아오고, VMM이 다시 호출",
        );
    }

    /// One register access served by the emulated device model, wherever it lives.
    pub(super) fn emulate_access(&self, s: &mut Steps) {
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
                )
            }),
            PlatformKind::Type2 => self.in_vmm_process(s, true, |s| {
                s.push(
                    Layer::VmmProcess,
                    Category::DeviceEmulation,
                    c.device_emulation_access,
                    "device model in the VMM user process",
                    "VMM 사용자 프로세스의 장치 모델",
                )
            }),
            // A Xen HVM guest's device models are QEMU's, in the driver domain. A PV guest
            // has none there: Xen emulates the port and MMIO accesses it traps itself
            // (xen/arch/x86/pv/emul-priv-op.c), as without a driver domain.
            _ if self.stack.driver_domain && self.technique() != Some(Technique::Para) => {
                self.ioreq_to_qemu_in_driver_domain(s, false)
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
    fn ioreq_to_qemu_in_driver_domain(&self, s: &mut Steps, lowers_line: bool) {
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
            "Xen이 게스트 vCPU의 ioreq 이벤트를 대기 상태로 표시하고 깨움",
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
    pub(super) fn emulate_status_read(&self, s: &mut Steps, clears_cause: bool) {
        if clears_cause && self.qemu_in_driver_domain() {
            self.ioreq_to_qemu_in_driver_domain(s, true);
        } else {
            self.emulate_access(s);
        }
    }

    /// A Xen HVM guest's emulated devices are QEMU's, in the driver domain.
    fn qemu_in_driver_domain(&self) -> bool {
        self.stack.is_vm()
            && self.stack.driver_domain
            && self.stack.io == IoModel::Emulated
            && self.technique() != Some(Technique::Para)
    }

    /// QEMU in dom0 learns that the host side finished (a disk request's asynchronous I/O
    /// completing, its eventfd signalled; a received frame on its tap device): dom0's
    /// kernel wakes it from its `ppoll` and switches to it, and the call returns. Estimates,
    /// as for an ioreq ([`Self::ioreq_to_qemu_in_driver_domain`]).
    fn qemu_woken_for_completion(&self, s: &mut Steps, device: Device) {
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
    /// waits again. (The line goes down again when the guest reads the device's status:
    /// [`PathBuilder::qemu_lowers_guest_interrupt`].)
    fn qemu_raises_guest_interrupt(&self, s: &mut Steps) {
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
    fn qemu_lowers_guest_interrupt(&self, s: &mut Steps) {
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

    /// The real driver work of the host side for one request (after emulation or a PV back
    /// end): a NIC's payload first leaves the guest's memory (`nic_payload`).
    pub(super) fn backend_driver(&self, s: &mut Steps, device: Device) {
        let c = self.costs;
        let (cycles, en, ko) = match device {
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
        match device {
            Device::Nic => self.nic_payload(s, true),
            Device::Disk if self.stack.kind == PlatformKind::Type2 => s.host(
                self.costs.syscall_native,
                "VMM process makes a host system call",
                "VMM 프로세스가 호스트 시스템 콜 호출",
            ),
            Device::Disk => {}
        }
        self.host_side_driver_work(s, cycles, en, ko);
    }

    /// A received packet's way through the software switch (a Linux bridge or Open
    /// vSwitch in the host, the hypervisor's virtual switch, or the driver domain's
    /// bridge) to the VM's port, after the host NIC's interrupt: the same per-packet work
    /// as on send, in the other direction.
    fn switch_received_packet(&self, s: &mut Steps) {
        self.host_side_driver_work(
            s,
            self.costs.vswitch_packet,
            "software switch forwards the received packet to the VM's port",
            "소프트웨어 스위치가 받은 패킷을 VM의 포트로 전달",
        );
    }

    /// The real driver's side of a completed disk request: the host's (or the hypervisor's,
    /// or the driver domain's) block layer completes it (`disk_complete`, as a native
    /// kernel's does), before the back end or device model hands it to the guest.
    fn host_side_completion(&self, s: &mut Steps, device: Device) {
        if device == Device::Disk {
            self.host_side_driver_work(
                s,
                self.costs.disk_complete,
                "the real driver and block layer complete the request",
                "실제 드라이버와 블록 계층이 요청을 완료",
            );
        }
    }

    /// A driver domain tells the guest that its request completed through the guest's
    /// event channel: a hypercall (`EVTCHNOP_send`, blkback's and netback's
    /// `notify_remote_via_irq`), as the guest's kick on submit is one.
    fn notify_guest_from_driver_domain(&self, s: &mut Steps) {
        if self.stack.driver_domain {
            let c = self.costs;
            s.dom0(
                c.pv_hypercall,
                "the driver domain notifies the guest through its event channel (a hypercall)",
                "드라이버 도메인이 이벤트 채널로 게스트에 알림 (하이퍼콜)",
            );
            s.hyp(
                c.pv_hypercall_handler,
                "the hypervisor marks the guest's event pending",
                "하이퍼바이저가 게스트의 이벤트를 대기 상태로 표시",
            );
        }
    }

    /// Charges host-side driver work (the real driver, the software switch) where the
    /// stack runs it: the host OS of a type-2 VMM or of a back-end thread, the driver
    /// domain, or the hypervisor.
    fn host_side_driver_work(&self, s: &mut Steps, cycles: u64, en: &str, ko: &str) {
        match self.stack.kind {
            PlatformKind::Type2 => s.host(cycles, en, ko),
            _ if self.stack.driver_domain => s.dom0(cycles, en, ko),
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
    pub(super) fn backend_interrupt(&self, s: &mut Steps) {
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
                // The vCPU's way back into the VMM's world is its wake-up's
                // (`deliver`), whoever woke it.
            }
            // Xen does not handle a driver domain's device: the interrupt of a physical
            // IRQ bound to dom0 is acknowledged and made an event pending for dom0
            // (`__do_IRQ_guest` -> `send_guest_pirq`); dom0's driver handles it below.
            _ if self.stack.driver_domain => {
                s.hyp(
                    c.pirq_forward,
                    "Xen takes the device interrupt, acknowledges it and makes the driver domain's event pending (__do_IRQ_guest, send_guest_pirq; estimate)",
                    "Xen이 장치 인터럽트를 받아 확인 응답하고 드라이버 도메인의 이벤트를 대기 상태로 표시 (__do_IRQ_guest, send_guest_pirq; 추정)",
                );
                if !self.scheduled_backend() {
                    s.hyp(
                        c.vm_switch,
                        "switch to the driver domain",
                        "드라이버 도메인으로 전환",
                    );
                }
                // Xen forwards the physical interrupt to the driver domain as an event:
                // an upcall into dom0's kernel, as into a PV guest for its events, then
                // its own driver's handler runs there.
                s.hyp(
                    c.pv_hypercall_handler,
                    "event-channel upcall into the driver domain (Xen's bounce frame into its event callback; estimate: as a hypercall's handler)",
                    "이벤트 채널 업콜로 드라이버 도메인에 전달 (드라이버 도메인의 이벤트 콜백으로 가는 Xen의 bounce frame; 추정: 하이퍼콜 핸들러와 같음)",
                );
                s.dom0(
                    c.device_interrupt,
                    "the driver domain's driver handles the interrupt (forwarded as an event)",
                    "드라이버 도메인의 드라이버가 인터럽트 처리 (이벤트로 전달됨)",
                );
            }
            _ => {
                s.hyp(
                    c.device_interrupt,
                    "hypervisor takes the device interrupt",
                    "하이퍼바이저가 장치 인터럽트 처리",
                );
            }
        }
    }

    /// Guest-side device access for one request, through the stack's I/O model, and the
    /// back end's work for it.
    pub(super) fn device_submit(&self, s: &mut Steps, device: Device) {
        let c = self.costs;
        if !self.stack.is_vm() {
            // A container's request is accounted (disk) or crosses veth, the bridge and
            // NAT (network) before the host's driver rings the device's doorbell.
            if self.stack.kind == PlatformKind::Container {
                match device {
                    Device::Disk => {
                        s.engine(
                            c.cgroup_io_accounting,
                            "cgroup I/O accounting",
                            "cgroup I/O 계정 처리",
                        );
                        // No overlay step: overlayfs searches its layers when a file is
                        // opened and copies a file of the image up whole on its first
                        // write; a read or write of an open file goes straight to the file
                        // in its layer, as on a volume (the mount's cost is at start-up:
                        // `lifecycle/startup.rs`).
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
            s.kernel(
                c.mmio_native,
                "doorbell write to the device",
                "장치 도어벨 쓰기",
            );
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
                        "I/O port access to an emulated device register",
                        "에뮬레이션 장치 레지스터에 I/O 포트 접근",
                    );
                    self.emulate_access(s);
                }
                let mark = s.mark();
                self.backend_driver(s, device);
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
                    // EVTCHNOP_send marks the event pending for the driver domain's vCPU;
                    // the back end runs when that vCPU does (`machine/io.rs`).
                    Some(Technique::Para) if self.stack.driver_domain => self.hypercall(
                        s,
                        "event-channel notify to the back end in the driver domain: EVTCHNOP_send marks dom0's event pending and wakes its vCPU if it is blocked (only if the back end asked for one)",
                        "드라이버 도메인의 백엔드에 이벤트 채널 알림: EVTCHNOP_send가 dom0의 이벤트를 대기 상태로 표시하고, dom0의 vCPU가 블록되어 있으면 깨움 (백엔드가 요청했을 때만)",
                    ),
                    Some(Technique::Para) => self.hypercall(
                        s,
                        "event-channel notify to the back end (only if it asked for one)",
                        "백엔드에 이벤트 채널 알림 (백엔드가 요청했을 때만)",
                    ),
                    // The front end's port write runs as translated kernel code, which
                    // calls into the VMM instead of trapping: no VM exit under BT.
                    Some(Technique::BinaryTranslation) => s.hyp(
                        c.bt_io_port,
                        "virtqueue kick: the translated port write calls into the VMM (only if the back end asked for one)",
                        "virtqueue kick: 변환된 포트 쓰기가 VMM을 호출 (백엔드가 요청했을 때만)",
                    ),
                    // A microVM has virtio-mmio devices only: the kick is a write to the
                    // QueueNotify register, an MMIO exit (EPT misconfiguration) that KVM
                    // turns into a signal of the VMM's ioeventfd.
                    _ if self.stack.microvm => self.exit(
                        s,
                        ExitReason::Mmio,
                        0,
                        "virtqueue kick: the write to the virtio-mmio QueueNotify register exits (only if the back end asked for one)",
                        "virtqueue kick: virtio-mmio QueueNotify 레지스터 쓰기로 exit (백엔드가 요청했을 때만)",
                    ),
                    // Xen's front ends in an HVM guest notify a back end in the driver
                    // domain through its event channel: `notify_remote_via_irq`, the
                    // EVTCHNOP_send hypercall, which is a VMCALL under hardware assist.
                    _ if self.stack.driver_domain => self.exit(
                        s,
                        ExitReason::Hypercall,
                        0,
                        &format!(
                            "event-channel notify to the driver domain: the EVTCHNOP_send hypercall, a {} that exits (only if the back end asked for one)",
                            self.vendor.hypercall_instruction()
                        ),
                        &format!(
                            "드라이버 도메인에 이벤트 채널 알림: EVTCHNOP_send 하이퍼콜, exit하는 {} (백엔드가 요청했을 때만)",
                            self.vendor.hypercall_instruction()
                        ),
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
                        self.return_to_vmm_process(s);
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
                if device == Device::Disk {
                    self.driver_domain_thread(
                        s,
                        "dom0 switches to blkback's thread (xen_blkif_schedule), woken by the event's handler (xen_blkif_be_int)",
                        "dom0이 blkback 스레드(xen_blkif_schedule)로 전환, 이벤트 핸들러(xen_blkif_be_int)가 깨움",
                    );
                }
                s.push(
                    self.backend_layer(),
                    Category::DeviceEmulation,
                    c.pv_backend_request,
                    "back end takes the request off the ring",
                    "백엔드가 링에서 요청을 꺼냄",
                );
                self.backend_driver(s, device);
                if device == Device::Nic {
                    // A sent frame's buffer goes back to the guest as a used entry
                    // (vhost-net's vhost_add_used, netback's tx response); a disk request's
                    // response is posted at its completion.
                    s.push(
                        self.backend_layer(),
                        Category::DeviceEmulation,
                        c.pv_ring_request,
                        "back end posts the used entry on the ring (the guest reclaims the buffer)",
                        "백엔드가 링에 사용 완료 항목 기록 (게스트가 버퍼를 회수)",
                    );
                    // Netback notifies the guest of its TX response (`make_tx_response` ->
                    // `notify_remote_via_irq`); the guest takes that event later, off the
                    // send's latency (`machine/io.rs`, `tx_completion_event`).
                    if self.xen_split_drivers() {
                        self.notify_guest_from_driver_domain(s);
                    }
                }
                s.tag_from(mark, Part::Backend);
            }
        }
    }

    /// The layer a PV back end runs in.
    pub(super) fn backend_layer(&self) -> Layer {
        match self.stack.kind {
            PlatformKind::Type2 => Layer::VmmProcess,
            // Firecracker's devices run in its VMM process, in user space.
            _ if self.stack.microvm && self.stack.backend == BackendPlacement::VmThread => {
                Layer::VmmProcess
            }
            _ if self.stack.driver_domain => Layer::DriverDomain,
            _ => match self.stack.backend {
                BackendPlacement::VmThread | BackendPlacement::DeviceThread => Layer::HostOs,
                _ => Layer::Hypervisor,
            },
        }
    }

    /// Xen's split drivers: a paravirtual front end (blkfront, netfront) whose back end
    /// (blkback, netback) runs in the driver domain. The guest shares its buffers through
    /// grant tables: dom0 reaches them only through grant operations, hypercalls in which
    /// Xen checks each grant.
    pub(super) fn xen_split_drivers(&self) -> bool {
        self.stack.is_vm() && self.stack.driver_domain && self.stack.io == IoModel::Paravirtual
    }

    /// Netback's copy of a received packet into the guest's granted receive buffer:
    /// `xenvif_rx_action` batches GNTTABOP_copy operations and `gnttab_batch_copy` issues
    /// them in one hypercall, in which Xen checks each grant (`grant_op`, per page of the
    /// payload) and copies the bytes itself (`backend_copy_per_kib`): dom0 cannot write
    /// the guest's memory.
    fn grant_copy_into_guest(&self, s: &mut Steps, bytes: u64) {
        let c = self.costs;
        s.hyp(
            c.pv_hypercall + c.pv_hypercall_handler,
            "netback's GNTTABOP_copy hypercall from the driver domain into Xen (gnttab_batch_copy)",
            "netback이 드라이버 도메인에서 Xen으로 GNTTABOP_copy 하이퍼콜 (gnttab_batch_copy)",
        );
        s.hyp(
            c.grant_op * bytes.div_ceil(4096).max(1),
            "Xen checks the guest's grant of its receive buffer for the copy (acquire_grant_for_copy; estimate)",
            "Xen이 복사를 위해 게스트가 수신 버퍼에 준 grant를 확인 (acquire_grant_for_copy; 추정)",
        );
        s.hyp(
            c.backend_copy_per_kib * bytes / 1024,
            "Xen copies the payload into the guest's granted receive buffer (one copy: no second protocol stack)",
            "Xen이 페이로드를 게스트가 grant한 수신 버퍼로 복사 (복사 한 번: 두 번째 프로토콜 스택은 없음)",
        );
    }

    /// Netback's transmit (Linux 3.18+, `xenvif_tx_build_gops`): the first
    /// XEN_NETBACK_TX_COPY_LEN (128) bytes of the guest's packet are grant-copied into the
    /// socket buffer's linear part (GNTTABOP_copy, `gnttab_batch_copy`), and the rest is
    /// grant-mapped into dom0 (GNTTABOP_map_grant_ref, `gnttab_map_refs`) for the NIC to read
    /// by DMA; once the frame is sent, netback's dealloc thread (`xenvif_dealloc_kthread`)
    /// unmaps it (GNTTABOP_unmap_grant_ref, `xenvif_tx_dealloc_action`, with a TLB flush).
    /// Each is a hypercall from dom0; the unmap, which follows the NIC's transmit, is
    /// charged with the send's back-end job (a simplification: no event of its own).
    fn grant_copy_and_map_from_guest(&self, s: &mut Steps, bytes: u64) {
        let c = self.costs;
        let hypercall = c.pv_hypercall + c.pv_hypercall_handler;
        let header = bytes.min(128);
        s.hyp(
            hypercall,
            "netback's GNTTABOP_copy hypercall from the driver domain into Xen for the packet's first 128 bytes (gnttab_batch_copy)",
            "netback이 패킷의 처음 128바이트를 위해 드라이버 도메인에서 Xen으로 GNTTABOP_copy 하이퍼콜 (gnttab_batch_copy)",
        );
        s.hyp(
            c.grant_op,
            "Xen checks the guest's grant of its packet buffer for the copy (acquire_grant_for_copy; estimate)",
            "Xen이 복사를 위해 게스트가 패킷 버퍼에 준 grant를 확인 (acquire_grant_for_copy; 추정)",
        );
        s.hyp(
            c.backend_copy_per_kib * header / 1024,
            "Xen copies the packet's first bytes (up to 128) into dom0's socket buffer",
            "Xen이 패킷의 앞부분(최대 128바이트)을 dom0의 소켓 버퍼로 복사",
        );
        let rest = bytes - header;
        if rest == 0 {
            return;
        }
        let pages = rest.div_ceil(4096);
        s.hyp(
            hypercall,
            "netback's GNTTABOP_map_grant_ref hypercall maps the rest of the packet into dom0 for the NIC's DMA (gnttab_map_refs)",
            "netback의 GNTTABOP_map_grant_ref 하이퍼콜이 패킷의 나머지를 NIC의 DMA를 위해 dom0에 매핑 (gnttab_map_refs)",
        );
        s.hyp(
            c.grant_map * pages,
            "Xen checks each grant and writes its mapping into dom0's page table (__gnttab_map_grant_ref; estimate)",
            "Xen이 grant마다 확인하고 dom0의 페이지 테이블에 매핑을 기록 (__gnttab_map_grant_ref; 추정)",
        );
        self.driver_domain_thread(
            s,
            "once the frame is sent, dom0 switches to netback's dealloc thread (xenvif_dealloc_kthread)",
            "프레임이 전송되면 dom0이 netback의 해제 스레드(xenvif_dealloc_kthread)로 전환",
        );
        s.hyp(
            hypercall,
            "netback's GNTTABOP_unmap_grant_ref hypercall unmaps the sent packet's pages (xenvif_tx_dealloc_action)",
            "netback의 GNTTABOP_unmap_grant_ref 하이퍼콜이 보낸 패킷의 페이지 매핑을 해제 (xenvif_tx_dealloc_action)",
        );
        s.hyp(
            c.grant_unmap * pages,
            "Xen clears each mapping, releases the grant and flushes it from the TLB (__gnttab_unmap_grant_ref; estimate)",
            "Xen이 매핑마다 지우고 grant를 놓으며 TLB에서 비움 (__gnttab_unmap_grant_ref; 추정)",
        );
    }

    /// Blkfront's copy with persistent grants (Linux 3.8+, negotiated by default): the
    /// back end keeps the guest's granted pages mapped, and the guest copies each
    /// request's data between its bio pages and those pages, a write's before it goes on
    /// the ring (`blkif_queue_rw_req`), a read's when its response is taken
    /// (`blkif_completion`), at the model's copy cost.
    pub(super) fn persistent_grant_copy(&self, s: &mut Steps, read: bool) {
        if !self.xen_split_drivers() {
            return;
        }
        let cycles = self.costs.backend_copy_per_kib * self.workload.io_bytes / 1024;
        if read {
            s.kernel(
                cycles,
                "blkfront copies the data from the persistently granted page into the request's page (blkif_completion)",
                "blkfront가 영구 grant된 페이지에서 요청의 페이지로 데이터를 복사 (blkif_completion)",
            );
        } else {
            s.kernel(
                cycles,
                "blkfront copies the data into a persistently granted page the back end keeps mapped (blkif_queue_rw_req)",
                "blkfront가 백엔드가 매핑해 둔 영구 grant 페이지로 데이터를 복사 (blkif_queue_rw_req)",
            );
        }
    }

    /// The driver domain's back-end thread is switched in to do the work: blkback's
    /// `xen_blkif_schedule`, woken by the event's handler `xen_blkif_be_int`, for each
    /// disk request; netback's `xenvif_kthread_guest_rx`, woken as the bridge hands it a
    /// packet for the guest, for each received packet (`context_switch`, an estimate).
    fn driver_domain_thread(&self, s: &mut Steps, en: &str, ko: &str) {
        if self.xen_split_drivers() {
            s.dom0(self.costs.context_switch, en, ko);
        }
    }

    /// The layer an emulated device model runs in (as `emulate_access` charges it).
    fn device_model_layer(&self) -> Layer {
        match self.stack.kind {
            _ if self.stack.microvm => Layer::VmmProcess,
            PlatformKind::Type2 => Layer::VmmProcess,
            _ if self.stack.driver_domain && self.technique() != Some(Technique::Para) => {
                Layer::DriverDomain
            }
            _ => Layer::Hypervisor,
        }
    }

    /// A VM's payload between the guest's memory and the host's NIC, on the way out
    /// (`transmit`) or in. The back end runs no second protocol stack: the guest's stack
    /// did the protocol work (`net_tx_per_kib`, `net_rx_per_kib`: a whole native stack's
    /// per-byte figure), and the back end copies the payload once where software moves it
    /// from one memory to another, at `backend_copy_per_kib`:
    /// - a PV back end: vhost-net copies between the virtqueue's buffers and a host socket
    ///   buffer (its zero-copy transmit is off by default, `experimental_zcopytx`), Xen's
    ///   netback has Xen copy into the guest on receive (a GNTTABOP_copy hypercall:
    ///   `grant_copy_into_guest`) and on transmit copies 128 bytes and grant-maps the rest
    ///   (`grant_copy_and_map_from_guest`), a user-space VMM (a type-2 VMM's or
    ///   a microVM's thread) writes and reads a tap device, the host kernel copying between
    ///   the guest's memory, mapped in the process, and its socket buffer;
    /// - an emulated NIC: the device model emulates the device's DMA, copying the frame
    ///   between the guest's descriptors and its own buffer; a device model in a user process
    ///   (a type-2 VMM, or QEMU in a driver domain) then writes or reads a tap device, a
    ///   second copy, while one in the hypervisor hands its buffer on.
    ///
    /// The host's NIC reaches the host buffer by DMA (no CPU work per byte); the per-packet
    /// work (the software switch, the driver, the interrupt) is charged by its own steps.
    pub(super) fn nic_payload(&self, s: &mut Steps, transmit: bool) {
        let c = self.costs;
        let cycles = c.backend_copy_per_kib * self.workload.message_bytes / 1024;
        let emulated = self.stack.io == IoModel::Emulated;
        let dma = |s: &mut Steps| {
            let (en, ko) = if transmit {
                (
                    "device model copies the frame out of the guest's memory (its emulated DMA)",
                    "장치 모델이 프레임을 게스트 메모리에서 복사해 옴 (에뮬레이션된 DMA)",
                )
            } else {
                (
                    "device model copies the frame into the guest's receive buffer (its emulated DMA)",
                    "장치 모델이 프레임을 게스트의 수신 버퍼로 복사 (에뮬레이션된 DMA)",
                )
            };
            s.push(
                self.device_model_layer(),
                Category::DeviceEmulation,
                cycles,
                en,
                ko,
            );
        };
        if emulated && transmit {
            dma(s);
        }
        if self.stack.kind == PlatformKind::Type2 {
            // The VMM process's user space to the host kernel: a system call that copies.
            if transmit {
                s.host(
                    c.syscall_native,
                    "VMM process writes the frame to the host's tap device (a host system call)",
                    "VMM 프로세스가 호스트의 tap 장치에 프레임을 씀 (호스트 시스템 콜)",
                );
                s.host(
                    cycles,
                    "host kernel copies the payload from the VMM process into a socket buffer",
                    "호스트 커널이 페이로드를 VMM 프로세스에서 소켓 버퍼로 복사",
                );
            } else {
                s.host(
                    c.syscall_native,
                    "VMM process reads the frame from the host's tap device (a host system call)",
                    "VMM 프로세스가 호스트의 tap 장치에서 프레임을 읽음 (호스트 시스템 콜)",
                );
                s.host(
                    cycles,
                    "host kernel copies the payload from its socket buffer into the VMM process",
                    "호스트 커널이 페이로드를 소켓 버퍼에서 VMM 프로세스로 복사",
                );
            }
        } else if emulated && self.stack.driver_domain {
            // QEMU in dom0 moves the frame with a write or read on its tap device: a
            // system call of dom0's kernel, whose copy is the step after it.
            let (call_en, call_ko) = if transmit {
                (
                    "QEMU writes the frame to the driver domain's tap device (a system call)",
                    "QEMU가 드라이버 도메인의 tap 장치에 프레임을 씀 (시스템 콜)",
                )
            } else {
                (
                    "QEMU reads the frame from the driver domain's tap device (a system call)",
                    "QEMU가 드라이버 도메인의 tap 장치에서 프레임을 읽음 (시스템 콜)",
                )
            };
            s.dom0(c.syscall_native, call_en, call_ko);
            let (en, ko) = if transmit {
                (
                    "the device model's write to the driver domain's tap device copies the frame into a socket buffer",
                    "장치 모델이 드라이버 도메인의 tap 장치에 쓰면서 프레임을 소켓 버퍼로 복사",
                )
            } else {
                (
                    "the device model's read from the driver domain's tap device copies the frame out of a socket buffer",
                    "장치 모델이 드라이버 도메인의 tap 장치에서 읽으면서 프레임을 소켓 버퍼에서 복사",
                )
            };
            s.dom0(cycles, en, ko);
        } else if !emulated {
            // A microVM's VMM (Firecracker-like) is a user process of the host: it moves
            // each frame with a read or write on its tap device, a host system call whose
            // copy is the one below.
            if self.stack.microvm && self.stack.backend == BackendPlacement::VmThread {
                let (en, ko) = if transmit {
                    (
                        "microVM's VMM writes the frame to its tap device (a host system call)",
                        "microVM의 VMM이 tap 장치에 프레임을 씀 (호스트 시스템 콜)",
                    )
                } else {
                    (
                        "microVM's VMM reads the frame from its tap device (a host system call)",
                        "microVM의 VMM이 tap 장치에서 프레임을 읽음 (호스트 시스템 콜)",
                    )
                };
                s.host(c.syscall_native, en, ko);
            }
            let (en, ko) = if transmit {
                (
                    "back end copies the payload from the guest's buffers into a host packet buffer (one copy: no second protocol stack)",
                    "백엔드가 페이로드를 게스트 버퍼에서 호스트 패킷 버퍼로 복사 (복사 한 번: 두 번째 프로토콜 스택은 없음)",
                )
            } else {
                (
                    "back end copies the payload into the guest's receive buffers (one copy: no second protocol stack)",
                    "백엔드가 페이로드를 게스트의 수신 버퍼로 복사 (복사 한 번: 두 번째 프로토콜 스택은 없음)",
                )
            };
            if self.xen_split_drivers() {
                if transmit {
                    self.grant_copy_and_map_from_guest(s, self.workload.message_bytes);
                } else {
                    self.grant_copy_into_guest(s, self.workload.message_bytes);
                }
                return;
            }
            // A microVM's VMM hands the guest's buffers to its tap system call: the host
            // kernel copies.
            let layer = if self.stack.microvm && self.stack.backend == BackendPlacement::VmThread {
                Layer::HostOs
            } else {
                self.backend_layer()
            };
            s.push(layer, Category::DeviceEmulation, cycles, en, ko);
        }
        if emulated && !transmit {
            dma(s);
        }
    }

    /// Completion of one request: from the physical interrupt to the guest's handler.
    pub(super) fn device_complete(&self, s: &mut Steps, device: Device) {
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
                self.host_side_completion(s, device);
                if device == Device::Nic {
                    self.switch_received_packet(s);
                }
                let qemu = self.qemu_in_driver_domain();
                if qemu {
                    self.qemu_woken_for_completion(s, device);
                }
                if device == Device::Nic {
                    self.nic_payload(s, false);
                }
                // The device model finishes the request and raises the guest's virtual
                // interrupt from its own thread: no exit of the guest's to return from.
                s.push(
                    self.device_model_layer(),
                    Category::DeviceEmulation,
                    c.device_emulation_access,
                    "device model completes the request and raises the guest's virtual interrupt",
                    "장치 모델이 요청을 완료하고 게스트의 가상 인터럽트를 올림",
                );
                if qemu {
                    self.qemu_raises_guest_interrupt(s);
                } else {
                    self.notify_guest_from_driver_domain(s);
                }
                s.tag_from(mark, Part::Backend);
                // The delivery includes the handler's reads of the device's status, before
                // its EOI (`deliver`).
                self.deliver(s, source, state);
            }
            IoModel::Paravirtual => {
                let mark = s.mark();
                self.backend_interrupt(s);
                self.host_side_completion(s, device);
                if device == Device::Nic {
                    self.switch_received_packet(s);
                    self.driver_domain_thread(
                        s,
                        "dom0 switches to netback's receive thread (xenvif_kthread_guest_rx), woken as the bridge queues the packet for the guest",
                        "dom0이 netback의 수신 스레드(xenvif_kthread_guest_rx)로 전환, 브리지가 게스트에 갈 패킷을 넣으며 깨움",
                    );
                    // The guest posted receive buffers beforehand: the back end takes one
                    // (vhost-net's handle_rx, netback's rx request), as it takes a request
                    // off the ring on send.
                    s.push(
                        self.backend_layer(),
                        Category::DeviceEmulation,
                        c.pv_backend_request,
                        "back end takes a posted receive buffer off the ring",
                        "백엔드가 미리 올려 둔 수신 버퍼를 링에서 가져옴",
                    );
                    self.nic_payload(s, false);
                }
                s.push(
                    self.backend_layer(),
                    Category::DeviceEmulation,
                    c.pv_ring_request,
                    "back end posts the response on the ring",
                    "백엔드가 링에 응답 기록",
                );
                self.notify_guest_from_driver_domain(s);
                s.tag_from(mark, Part::Backend);
                self.deliver(s, source, state);
            }
        }
    }
}

/// The device a request goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Device {
    Disk,
    Nic,
}
