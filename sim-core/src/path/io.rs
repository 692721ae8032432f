//! Device I/O paths: emulated register accesses, PV rings and back ends, and completions.

use super::{Category, ExitReason, IrqSource, Layer, Part, PathBuilder, Steps, VcpuState};
use crate::platform::{BackendPlacement, IoModel, NetworkMode, PlatformKind, Technique};

impl PathBuilder<'_> {
    /// Hypervisor to host world and back for type 2 (the VMM's work happens in a host
    /// process). The thread that ran the guest goes on in its own process: the call that
    /// ran the guest returns to user space and is made again (Sugerman et al.'s VMApp and
    /// VMDriver; KVM_RUN returning to QEMU's vCPU thread), a system call's crossing, not
    /// a switch to another process.
    pub(super) fn to_host_process(&self, s: &mut Steps) {
        s.host(
            2 * self.costs.hosted_world_switch,
            "world switch to the host OS and back",
            "호스트 OS로의 world switch와 복귀",
        );
        self.return_to_vmm_process(s);
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
    pub(super) fn backend_driver(&self, s: &mut Steps, cycles: u64, en: &str, ko: &str) {
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

    /// Guest-side device access for one request, through the stack's I/O model, and the
    /// back end's work for it.
    pub(super) fn device_submit(&self, s: &mut Steps, device: Device) {
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
                        // No overlay step: overlayfs searches its layers when a file is
                        // opened and copies a file of the image up whole on its first
                        // write; a read or write of an open file goes straight to the file
                        // in its layer, as on a volume (the mount's cost is at start-up:
                        // `lifecycle.rs`).
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
                        "I/O port access to an emulated device register",
                        "에뮬레이션 장치 레지스터에 I/O 포트 접근",
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
                    // The front end's port write runs as translated kernel code, which
                    // calls into the VMM instead of trapping: no VM exit under BT.
                    Some(Technique::BinaryTranslation) => s.hyp(
                        c.bt_io_port,
                        "virtqueue kick: the translated port write calls into the VMM (only if the back end asked for one)",
                        "virtqueue kick: 변환된 포트 쓰기가 VMM을 호출 (백엔드가 요청했을 때만)",
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
    pub(super) fn backend_layer(&self) -> Layer {
        match self.stack.kind {
            PlatformKind::Type2 => Layer::VmmProcess,
            _ if self.stack.driver_domain => Layer::DriverDomain,
            _ => match self.stack.backend {
                BackendPlacement::VmThread | BackendPlacement::DeviceThread => Layer::HostOs,
                _ => Layer::Hypervisor,
            },
        }
    }

    /// The host side handles the payload once more (tap device or grant copy, the host's
    /// bridge and driver), charged at the stack's per-byte figure: an upper estimate, since
    /// a copy alone costs under a cycle per byte.
    pub(super) fn nic_backend_bytes(&self, s: &mut Steps, per_kib: u64) {
        let cycles = per_kib * self.workload.message_bytes / 1024;
        match self.stack.kind {
            PlatformKind::Type2 => s.host(
                cycles,
                "host network stack handles the payload again (per-byte work at the stack's figure)",
                "호스트 네트워크 스택이 페이로드를 다시 처리 (스택의 바이트당 수치로)",
            ),
            _ => s.push(
                self.backend_layer(),
                Category::DeviceEmulation,
                cycles,
                "back end passes the payload on (per-byte work at the stack's figure, an upper estimate)",
                "백엔드가 페이로드를 넘김 (스택의 바이트당 수치로, 상한 추정)",
            ),
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
}

/// The device a request goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Device {
    Disk,
    Nic,
}
