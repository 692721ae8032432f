//! A VM's network payload between the guest's memory and the host's NIC: the one copy the
//! back end or the device model makes.

use crate::path::{Category, Layer, PathBuilder, Steps};
use crate::platform::{BackendPlacement, IoModel, PlatformKind};

impl PathBuilder<'_> {
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
    ///   (a type-2 VMM, QEMU in KVM's host user space or in a driver domain) then writes or
    ///   reads a tap device, a second copy, while one in the hypervisor hands its buffer on.
    ///
    /// The host's NIC reaches the host buffer by DMA (no CPU work per byte); the per-packet
    /// work (the software switch, the driver, the interrupt) is charged by its own steps.
    pub(in crate::path) fn nic_payload(&self, s: &mut Steps, transmit: bool) {
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
        if self.stack.kind == PlatformKind::Type2 || (emulated && self.qemu_in_user_space()) {
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
}
