//! Device I/O paths: a request's way from the guest to the device (`device_submit`) and the
//! completion's way back (`device_complete`); the emulated device model (`emulated.rs`), a
//! paravirtual back end (`backend.rs`), Xen's grant operations (`xen_grants.rs`) and the
//! payload's copy (`payload.rs`) are the steps they are built from.
//!
//! Under a classic type 2 (`hosted_design = "world_switch"`) a device access leaves the
//! guest through the hosted world switch (`hosted_world_switch`); with the VMM's ring-0
//! part a host kernel module (`"host_module"`) through the exit into the host kernel
//! only; a container's I/O pays the shared kernel's own costs (cgroup I/O accounting, the
//! bridge's NAT). The devices and rings in time are `machine/io.rs`'s.

mod backend;
mod emulated;
mod payload;
mod xen_grants;

use super::{Category, ExitReason, IrqSource, Part, PathBuilder, Steps, VcpuState};
use crate::platform::{IoModel, NetworkMode, PlatformKind, Technique};

impl PathBuilder<'_> {
    /// Guest-side device access for one request, through the stack's I/O model, and the
    /// back end's work for it.
    pub(in crate::path) fn device_submit(&self, s: &mut Steps, device: Device) {
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
                match device {
                    // The IDE-like disk is programmed through I/O ports (its task file and
                    // the bus master's registers): each access an `io_instruction` exit.
                    Device::Disk => {
                        for _ in 0..c.emulated_disk_accesses {
                            self.intercept(
                                s,
                                ExitReason::IoInstruction,
                                c.bt_io_port,
                                "I/O port access to an emulated device register",
                                "에뮬레이션 장치 레지스터에 I/O 포트 접근",
                            );
                            self.emulate_access(s);
                        }
                    }
                    // The e1000-like NIC's registers are memory-mapped, and Linux's e1000
                    // driver hands it a send (a packet, or a TCP segmentation context with
                    // its data descriptors) with one register write, the transmit tail. The
                    // device model sends the frame as it emulates that write, in the same
                    // exit (`emulated_transmit`): in a VMM process, before the call that
                    // ran the guest is made again.
                    Device::Nic => {
                        self.mmio_trap(
                            s,
                            "write of the emulated e1000-like NIC's transmit tail (TDT), a memory-mapped register, which hands it the send's descriptors (Linux's e1000_xmit_frame: one write per send)",
                            "e1000 유사 에뮬레이션 NIC의 메모리 매핑 레지스터인 transmit tail(TDT)에 쓰기로 전송의 디스크립터를 넘김 (Linux의 e1000_xmit_frame: 전송마다 한 번 쓰기)",
                        );
                        self.emulate_access_then(s, |s| self.emulated_transmit(s));
                    }
                }
                if device == Device::Disk {
                    let mark = s.mark();
                    self.backend_driver(s, device);
                    s.tag_from(mark, Part::Backend);
                }
                if device == Device::Nic && self.tx_done_in_send() {
                    // The transmit-done interrupt was raised inside the TDT write's exit:
                    // the vCPU takes it at the entry that ends that exit, inside the send's
                    // system call (the handler runs on the vCPU, part of the send).
                    let mark = s.mark();
                    self.deliver(s, IrqSource::NicTx, VcpuState::Waiting);
                    s.tag_from(mark, Part::Guest);
                }
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
                        "드라이버 도메인의 백엔드에 이벤트 채널 알림: EVTCHNOP_send가 dom0의 이벤트를 보류(pending) 상태로 표시하고, dom0의 vCPU가 블록되어 있으면 깨움 (백엔드가 요청했을 때만)",
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
                // A host-module type 2 takes the kick's exit in the host kernel, as KVM
                // does: no world switch (`Stack::world_switches`).
                if self.stack.world_switches() {
                    s.host(
                        2 * self.costs.hosted_world_switch,
                        "world switch to the host OS and back",
                        "호스트 OS로의 월드 스위치(world switch)와 복귀",
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

    /// The emulated e1000-like NIC's transmit, in its device model as it emulates the
    /// guest's TDT write (QEMU's `start_xmit`): the frame's way out (`backend_driver`: its
    /// emulated DMA, a user-space device model's tap write, the software switch), then
    /// the transmit completion ([`Self::emulated_tx_done`]); the back end's part of the
    /// send (`Part::Backend`), which runs on a driver domain's vCPU when QEMU is there.
    fn emulated_transmit(&self, s: &mut Steps) {
        let mark = s.mark();
        self.backend_driver(s, Device::Nic);
        self.emulated_tx_done(s);
        s.tag_from(mark, Part::Backend);
    }

    /// The emulated e1000-like NIC's transmit completion, in its device model: once it has
    /// sent the frame it writes the descriptors' done status back into the guest's ring
    /// (the report-status bit Linux's e1000 driver sets on every send's last descriptor,
    /// `E1000_TXD_CMD_RS`) and raises the transmit-done interrupt (ICR's TXDW; QEMU's
    /// hw/net/e1000.c `start_xmit` -> `set_ics`), as it completes a received frame
    /// (`device_emulation_access`, the same estimate); QEMU in a driver domain raises the
    /// line by a dm_op. Where the interrupt is taken: [`Self::tx_done_in_send`].
    fn emulated_tx_done(&self, s: &mut Steps) {
        s.push(
            self.device_model_layer(),
            Category::DeviceEmulation,
            self.costs.device_emulation_access,
            "device model writes the sent descriptors' done status back into the guest's ring and raises the transmit-done interrupt (e1000's TXDW: Linux's driver asks for it with each send)",
            "장치 모델이 보낸 디스크립터의 완료 상태를 게스트의 링에 다시 쓰고 전송 완료 인터럽트를 올림 (e1000의 TXDW: Linux 드라이버가 전송마다 요청)",
        );
        if self.qemu_in_driver_domain() {
            self.qemu_raises_guest_interrupt(s, false);
        } else {
            self.notify_guest_from_driver_domain(s);
        }
    }

    /// Whether an emulated NIC's transmit-done interrupt is part of the send: with the
    /// device model sending the frame inside the TDT write's exit (in the hypervisor, or in
    /// the VMM process's vCPU thread, which that exit returned to:
    /// `Stack::emulated_nic_sends_in_exit`) the interrupt is pending when that exit ends
    /// and is injected at its entry, so the guest's handler runs inside the send's system
    /// call; the vCPU was neither running guest code nor halted (no exit, no wake-up for
    /// the delivery). QEMU in a driver domain sends the frame later, on dom0's vCPU, and
    /// interrupt coalescing (`irq_coalesce_us`) holds the interrupt: then the machine
    /// delivers it by the vCPU's state at that time (`machine/io.rs`,
    /// `tx_completion_event`).
    pub(crate) fn tx_done_in_send(&self) -> bool {
        self.stack.emulated_nic_sends_in_exit() && self.stack.irq_coalesce_us == 0
    }

    /// Completion of one request: from the physical interrupt to the guest's handler.
    pub(in crate::path) fn device_complete(&self, s: &mut Steps, device: Device) {
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
                    self.qemu_raises_guest_interrupt(s, true);
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
pub(in crate::path) enum Device {
    Disk,
    Nic,
}
