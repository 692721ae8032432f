//! A paravirtual back end's side of a request: its driver work in the host, the driver domain
//! or the VMM process, the device's interrupt on the host side, and the notification back to
//! the guest.

use super::Device;
use crate::path::{Layer, PathBuilder, Steps};
use crate::platform::{BackendPlacement, PlatformKind};

impl PathBuilder<'_> {
    /// The real driver work of the host side for one request (after emulation or a PV back
    /// end): a NIC's payload first leaves the guest's memory (`nic_payload`).
    pub(in crate::path) fn backend_driver(&self, s: &mut Steps, device: Device) {
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
    pub(in crate::path) fn switch_received_packet(&self, s: &mut Steps) {
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
    pub(in crate::path) fn host_side_completion(&self, s: &mut Steps, device: Device) {
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
    pub(in crate::path) fn notify_guest_from_driver_domain(&self, s: &mut Steps) {
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
                "하이퍼바이저가 게스트의 이벤트를 보류(pending) 상태로 표시",
            );
        }
    }

    /// Charges host-side driver work (the real driver, the software switch) where the
    /// stack runs it: the host OS of a type-2 VMM or of a back-end thread, the driver
    /// domain, or the hypervisor.
    pub(in crate::path) fn host_side_driver_work(
        &self,
        s: &mut Steps,
        cycles: u64,
        en: &str,
        ko: &str,
    ) {
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
    pub(in crate::path) fn backend_interrupt(&self, s: &mut Steps) {
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
                    "Xen이 장치 인터럽트를 받아 확인 응답하고 드라이버 도메인의 이벤트를 보류(pending) 상태로 표시 (__do_IRQ_guest, send_guest_pirq; 추정)",
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

    /// The layer a PV back end runs in.
    pub(in crate::path) fn backend_layer(&self) -> Layer {
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

    /// The driver domain's back-end thread is switched in to do the work: blkback's
    /// `xen_blkif_schedule`, woken by the event's handler `xen_blkif_be_int`, for each
    /// disk request; netback's `xenvif_kthread_guest_rx`, woken as the bridge hands it a
    /// packet for the guest, for each received packet (`context_switch`, an estimate).
    pub(in crate::path) fn driver_domain_thread(&self, s: &mut Steps, en: &str, ko: &str) {
        if self.xen_split_drivers() {
            s.dom0(self.costs.context_switch, en, ko);
        }
    }
}
