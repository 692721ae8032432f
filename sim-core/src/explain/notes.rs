//! The notes below a path: what the run adds to it (a shootdown's other targets), where a
//! scheduled back end's steps run, what a blocking operation waits for off the CPU, and
//! where the path stands against a published measurement.

use super::{every_step, path_total};
use crate::costs::CostTable;
use crate::hardware::CpuGeneration;
use crate::path::{OpPath, Part};
use crate::platform::{BackendPlacement, IoModel, Stack, Technique};
use crate::text::Text;
use crate::workload::Op;

/// Where the path stands against Adams & Agesen's measurement of the same operation under
/// VT on the same CPU, a Pentium 4 (ASPLOS 2006, Fig. 4; virtualization-costs.md section 1;
/// docs/cost-model.md, "The Adams & Agesen rows"): a shadow page fault (11 242 cycles) and a
/// page-table write (12 733), from which the shadow handlers are derived with their
/// microbenchmark loop's TLB refill, so that this path differs by its own refill; an `in`
/// from port 0x80 (15 826), about twice the model's path.
pub(super) fn measured_note(
    cpu: CpuGeneration,
    stack: &Stack,
    op: Op,
    path: &OpPath,
    costs: &CostTable,
) -> Option<Text> {
    if cpu == CpuGeneration::Zen {
        return zen_exit_note(stack, op, path, costs);
    }
    if cpu != CpuGeneration::Prescott
        || !stack.is_vm()
        || stack.technique != Some(Technique::HardwareAssist)
    {
        return None;
    }
    let total = path_total(path);
    let measured = match op {
        Op::PageFault => Some(("a guest page fault", "게스트 페이지 폴트", "11 242")),
        Op::PageTableUpdate => Some(("a page-table write", "페이지 테이블 쓰기", "12 733")),
        _ => None,
    };
    if let Some((en, ko, figure)) = measured {
        let refill: u64 = path
            .submit
            .steps
            .iter()
            .filter(|s| crate::path::refill::is_refill_after_exit(s))
            .map(|s| s.cycles)
            .sum();
        return Some(Text::new(
            format!("Measured on this CPU: Adams & Agesen (ASPLOS 2006, Fig. 4) timed {en} under VT on a Pentium 4 without VPID at {figure} cycles, in a microbenchmark loop that touches about 4 pages. The shadow handler is derived from that figure less the model's other steps of the loop, its TLB refill after the exit included (4 walks, 120 cycles), so the model's loop costs exactly {figure}. This path is {total}: its refill is {refill} cycles, for the pages this workload touches between exits."),
            format!("이 CPU에서의 측정값: Adams & Agesen(ASPLOS 2006, 그림 4)은 VPID가 없는 Pentium 4의 VT에서 {ko}를 {figure} 사이클로 측정했습니다. 페이지 네 개쯤을 건드리는 마이크로벤치마크 루프입니다. 섀도 핸들러는 그 값에서 루프의 다른 모델 단계(exit 뒤의 TLB 재충전, 워크 4번 120 사이클 포함)를 뺀 값이므로, 모델의 같은 루프는 정확히 {figure}입니다. 이 경로는 {total}입니다: 재충전이 {refill} 사이클로, 이 워크로드가 exit 사이에 건드리는 페이지만큼입니다."),
        ));
    }
    if op != Op::IoPort {
        return None;
    }
    let device = costs.device_emulation_access;
    Some(Text::new(
        format!("Measured on this CPU: Adams & Agesen (ASPLOS 2006, Fig. 4) timed an `in` from port 0x80 under VT on a Pentium 4 at 15 826 cycles; this path is {total}, below it. Port 0x80 has no device behind it, so the measurement holds no device model's work (`device_emulation_access`, {device} here), and the gap is wider still: VMware Player's handling of a port I/O exit on that CPU cost far more than the model's generic exit handler (`exit_handler`), and the reference does not break it down. The model keeps its generic handler and device-model estimate rather than a figure fitted to that one row (docs/cost-model.md, \"The Adams & Agesen rows\")."),
        format!("이 CPU에서의 측정값: Adams & Agesen(ASPLOS 2006, 그림 4)은 Pentium 4의 VT에서 포트 0x80의 `in`을 15 826 사이클로 측정했습니다. 이 경로는 {total}로 그보다 낮습니다. 포트 0x80 뒤에는 장치가 없으므로 측정값에는 장치 모델의 작업(`device_emulation_access`, 여기서 {device})이 없고, 차이는 더 큽니다: 그 CPU에서 VMware Player가 포트 I/O exit를 처리하는 데 모델의 일반 exit 핸들러(`exit_handler`)보다 훨씬 많이 들었으며, 참고 자료는 그 내역을 나누지 않습니다. 모델은 그 한 행에 맞춘 값 대신 일반 핸들러와 장치 모델 추정값을 유지합니다(docs/cost-model.md, \"The Adams & Agesen rows\")."),
    ))
}

/// A null exit (CPUID) of a hardware-assisted guest on Zen 2 against the reference's AMD-V
/// totals (virtualization-costs.md section 2: a whole KVM_RUN round trip about 2500 cycles,
/// user space included; a Xen null hypercall about 3300): the model's generic exit handler
/// is a Sandy Bridge-era assumption taken on every CPU (costs.rs, `exit_handler`), so its
/// exit on Zen 2 costs more than those totals leave for software (a reviewer: a student
/// reads 3566 cycles as AMD's).
fn zen_exit_note(stack: &Stack, op: Op, path: &OpPath, costs: &CostTable) -> Option<Text> {
    let assisted = matches!(
        stack.technique,
        Some(Technique::HardwareAssist | Technique::Hybrid)
    );
    if !stack.is_vm() || !assisted || op != Op::Cpuid {
        return None;
    }
    let total = path_total(path);
    let handler = costs.exit_handler;
    Some(Text::new(
        format!("Against measurements on AMD-V: the reference gives a whole KVM_RUN round trip on AMD-V of about 2500 cycles (back to user space included) and a Xen null hypercall of about 3300; this path is {total}. The model's generic exit handler (`exit_handler`, {handler} cycles) is an assumption of the Sandy Bridge era (Agesen et al. 2012's 3000 cycles for a whole exit, less that CPU's round trip), taken on every CPU; on Zen 2 those totals leave about 1150 to 1950 cycles for the software, so read this exit as an upper estimate (docs/cost-model.md)."),
        format!("AMD-V에서의 측정값과 비교: 참고 자료는 AMD-V에서 KVM_RUN 왕복 전체(사용자 공간으로 돌아가는 것까지)를 약 2500 사이클, Xen의 null 하이퍼콜을 약 3300 사이클로 줍니다. 이 경로는 {total}입니다. 모델의 일반 exit 핸들러(`exit_handler`, {handler} 사이클)는 Sandy Bridge 시대의 가정(Agesen 외 2012가 exit 전체를 3000 사이클로 잡은 것에서 그 CPU의 왕복을 뺀 값)이며 모든 CPU에 같이 씁니다. Zen 2에서는 그 측정값들이 소프트웨어 몫으로 약 1150~1950 사이클만 남기므로, 이 exit는 위쪽 추정으로 읽으세요(docs/cost-model.md)."),
    ))
}

/// Two notes as one, in the order given.
pub(super) fn joined(first: Option<Text>, second: Option<Text>) -> Option<Text> {
    match (first, second) {
        (Some(a), Some(b)) => Some(Text::new(
            format!("{} {}", a.en, b.en),
            format!("{} {}", a.ko, b.ko),
        )),
        (a, b) => a.or(b),
    }
}

/// What a blocking operation waits for between its submit and its completion, outside any
/// CPU (`machine/io.rs`, `device_time`): the disk, the network, the sleep. The measured
/// latency adds that wait to the path's cycles.
pub(super) fn device_wait_note(
    host: &crate::hardware::Host,
    w: &crate::workload::Workload,
    op: Op,
) -> Option<Text> {
    let per_us = host.cycles_per_us().max(1) as f64;
    let us = |cycles: f64| {
        let v = cycles / per_us;
        if v < 10.0 {
            format!("{v:.2}")
        } else {
            format!("{v:.0}")
        }
    };
    match op {
        Op::DiskRead | Op::DiskWrite => {
            let per_op = 1e6 / host.disk_iops.max(1) as f64;
            let transfer = w.io_bytes as f64 / host.disk_bandwidth_mb_s.max(1) as f64;
            let service = us(per_op.max(transfer) * per_us);
            let latency = host.disk_latency_us;
            Some(Text::new(
                format!("Between the submit and the completion the request waits for the disk, on no CPU: its access latency, {latency} µs (`host.disk.latency_us`), or its service time if longer ({service} µs for {} bytes at {} IOPS and {} MB/s), after the requests ahead of it. The measured latency adds that wait to the cycles above.", w.io_bytes, host.disk_iops, host.disk_bandwidth_mb_s),
                format!("제출과 완료 사이에 요청은 CPU 밖에서 디스크를 기다립니다: 접근 지연 {latency} µs(`host.disk.latency_us`), 또는 그보다 길면 서비스 시간({} 바이트를 {} IOPS, {} MB/s로 {service} µs), 그리고 앞선 요청들이 끝날 때까지. 측정되는 지연은 위 사이클에 이 기다림을 더한 것입니다.", w.io_bytes, host.disk_iops, host.disk_bandwidth_mb_s),
            ))
        }
        Op::NetReceive => {
            let wire = us(w.message_bytes as f64 * 8.0 * per_us
                / (host.nic_bandwidth_gbit_s.max(1) as f64 * 1000.0));
            let latency = host.nic_latency_us;
            let both = 2 * latency;
            Some(Text::new(
                format!("Between the submit and the completion the thread waits, on no CPU, for the client's next request: the previous reply's and the request's crossings of the wire, 2 × {latency} µs = {both} µs (`host.nic.latency_us`, one way), and the request's {} bytes at {} Gbit/s ({wire} µs), after any transfer ahead of it. The measured latency adds that wait to the cycles above.", w.message_bytes, host.nic_bandwidth_gbit_s),
                format!("제출과 완료 사이에 스레드는 CPU 밖에서 클라이언트의 다음 요청을 기다립니다: 앞 응답과 요청이 네트워크를 건너는 시간 2 × {latency} µs = {both} µs(`host.nic.latency_us`, 한 방향), 그리고 요청 {} 바이트를 {} Gbit/s로 보내는 시간({wire} µs), 앞선 전송이 끝날 때까지. 측정되는 지연은 위 사이클에 이 기다림을 더한 것입니다.", w.message_bytes, host.nic_bandwidth_gbit_s),
            ))
        }
        Op::Sleep if w.think_time_us == 0 => Some(Text::new(
            "The workload's `think_time_us` is 0: the sleep's timer is due at once, and the thread goes on without waiting.",
            "워크로드의 `think_time_us`가 0이므로 잠의 타이머가 바로 만료되어, 스레드는 기다리지 않고 계속합니다.",
        )),
        Op::Sleep => {
            let think = w.think_time_us;
            Some(Text::new(
                format!("Between the submit and the completion the thread sleeps, on no CPU, for a time drawn from an exponential distribution with a mean of {think} µs (the workload's `think_time_us`). The measured latency adds that sleep to the cycles above."),
                format!("제출과 완료 사이에 스레드는 CPU 밖에서 잠듭니다: 평균 {think} µs(워크로드의 `think_time_us`)인 지수 분포에서 뽑은 시간입니다. 측정되는 지연은 위 사이클에 이 잠을 더한 것입니다."),
            ))
        }
        _ => None,
    }
}

/// A desktop's `net_send` on a VDI platform (`vdi`: its network, `w`: the group's workload):
/// the path is one packet's, and the display agent's sends over TCP carry up to
/// [`crate::desktop::protocol::LSO_PACKETS`] packets (large send offload,
/// `desktop/protocol.rs`), so an update takes it once with the per-byte steps for all its
/// bytes; over UDP once per packet.
pub(super) fn desktop_send_note(
    vdi: Option<&crate::platform::VdiNetwork>,
    w: &crate::workload::Workload,
    op: Op,
) -> Option<Text> {
    use crate::desktop::protocol::{Transport, LSO_PACKETS};
    use crate::desktop::{Activity, ProtocolParams, PACKET_PAYLOAD};
    let vdi = vdi?;
    if op != Op::NetSend || Activity::of(&w.name).is_none() {
        return None;
    }
    let protocol = ProtocolParams::of(vdi.protocol).transport;
    let most = LSO_PACKETS * PACKET_PAYLOAD;
    Some(match protocol {
        Transport::Tcp => Text::new(
            format!("This is one packet's send ({PACKET_PAYLOAD} bytes). The display agent's protocol runs over TCP here, and the guest's stack hands the NIC a whole segment of up to {LSO_PACKETS} packets ({most} bytes) in one send, which the device or the host's NIC cuts into packets (large send offload): an update of up to {LSO_PACKETS} packets takes these steps once, one kick and one set of exits, with the per-byte steps (the stack's work per byte, the back end's copy) for all its bytes. The packets still cross the wire one by one."),
            format!("이것은 패킷 하나({PACKET_PAYLOAD} 바이트)의 전송입니다. 여기서 디스플레이 에이전트의 프로토콜은 TCP 위에서 동작하고, 게스트의 스택은 패킷 {LSO_PACKETS}개({most} 바이트)까지의 세그먼트 하나를 한 번의 전송으로 NIC에 넘기며, 장치나 호스트의 NIC가 그것을 패킷으로 자릅니다(large send offload): 패킷 {LSO_PACKETS}개까지의 갱신은 이 단계를 한 번, kick 한 번과 exit 한 벌로 지나고, 바이트당 단계(스택의 바이트당 작업, 백엔드의 복사)는 그 모든 바이트만큼 듭니다. 패킷은 여전히 하나씩 회선을 건넙니다."),
        ),
        Transport::Udp => Text::new(
            format!("This is one packet's send ({PACKET_PAYLOAD} bytes). The display agent's protocol runs over UDP here, and each datagram is a send of its own (no UDP segmentation offload): an update of n packets takes these steps n times."),
            format!("이것은 패킷 하나({PACKET_PAYLOAD} 바이트)의 전송입니다. 여기서 디스플레이 에이전트의 프로토콜은 UDP 위에서 동작하고, 데이터그램마다 따로 전송합니다(UDP 세그먼테이션 오프로드 없음): 패킷 n개의 갱신은 이 단계를 n번 지납니다."),
        ),
    })
}

/// What the machine adds to `op`'s path when it runs it, so that a student does not take
/// the path's total for the measured latency.
pub(super) fn beyond_the_path(stack: &Stack, op: Op) -> Option<Text> {
    if op != Op::TlbShootdown {
        return None;
    }
    let pv_send_ipi =
        stack.technique == Some(Technique::Hybrid) && stack.enlightenments.pv_send_ipi;
    Some(if !stack.is_vm() {
        Text::new(
            "This path shows one target. The run sends the IPI (an ICR write) to every other CPU \
             that runs a thread of the address space, so with N such CPUs the IPI repeats N-1 \
             times and the sender waits once for their acknowledgements; a CPU whose thread was \
             scheduled out has left the address space and is not asked.",
            "이 경로는 대상 하나만 보여 줍니다. 실행에서는 주소 공간의 스레드를 실행 중인 다른 CPU마다 \
             IPI(ICR 쓰기)를 보내므로, 그런 CPU가 N개이면 IPI를 N-1번 보내고 확인은 한 번 기다립니다. \
             스레드가 스케줄에서 빠진 CPU는 주소 공간을 떠났으므로 묻지 않습니다.",
        )
    } else if pv_send_ipi {
        Text::new(
            "This path shows one target. One PV send-IPI hypercall carries every target; the \
             hypervisor's delivery repeats for each other vCPU of the instance that runs a thread \
             (N-1 times with N such vCPUs), and the sender waits once for the running targets' \
             acknowledgements; a preempted target is waited for (or, with PV TLB flush, skipped) \
             as the machine's scheduling decides.",
            "이 경로는 대상 하나만 보여 줍니다. PV send-IPI 하이퍼콜 한 번이 모든 대상을 담고, \
             하이퍼바이저의 전달은 스레드를 실행 중인 인스턴스의 다른 vCPU마다 반복되며(그런 vCPU가 N개이면 \
             N-1번), 보내는 쪽은 실행 중인 대상들의 확인을 한 번 기다립니다. 선점된 대상은 머신의 스케줄링에 \
             따라 기다리거나(PV TLB flush가 있으면) 건너뜁니다.",
        )
    } else {
        Text::new(
            "This path shows one target. The run sends the IPI (from the ICR write to its \
             acknowledgement) to every other vCPU of the instance that is running a thread, so \
             a guest with N such vCPUs repeats those steps N-1 times; a preempted target is \
             waited for (or, with PV TLB flush, skipped) as the machine's scheduling decides.",
            "이 경로는 대상 하나만 보여 줍니다. 실행에서는 스레드를 실행 중인 인스턴스의 다른 vCPU마다 \
             IPI(ICR 쓰기부터 확인까지)를 보내므로, 그런 vCPU가 N개인 게스트는 이 단계를 N-1번 반복합니다. \
             선점된 대상은 머신의 스케줄링에 따라 기다리거나(PV TLB flush가 있으면) 건너뜁니다.",
        )
    })
}

/// An emulated NIC's send under interrupt coalescing (`irq_coalesce_us`): the device model
/// still sends the frame inside the TDT write's exit and raises its transmit-done interrupt
/// (`Stack::emulated_nic_sends_in_exit`), but the machine holds that interrupt with the
/// NIC's other completions (`machine/interrupts.rs`, `hold_tx_done`), so the send's path
/// holds no handler for it (`tx_done_in_send`): the guest takes it when the batch goes out,
/// with a received frame's interrupt if one is in the batch, else alone, by its vCPU's
/// state then. The note gives that delivery's cycles for each state (its handler's trapped
/// accesses, its EOI, a halted vCPU's wake-up), outside the send's latency.
pub(super) fn held_tx_interrupt_note(
    builder: &crate::path::PathBuilder<'_>,
    stack: &Stack,
    op: Op,
    costs: &CostTable,
) -> Option<Text> {
    if op != Op::NetSend || !stack.emulated_nic_sends_in_exit() || stack.irq_coalesce_us == 0 {
        return None;
    }
    use crate::path::{IrqSource, VcpuState};
    let cost = |state| builder.delivery_cost(IrqSource::NicTx, state).total;
    let (running, halted, waiting) = (
        cost(VcpuState::Running),
        cost(VcpuState::Halted),
        cost(VcpuState::Waiting),
    );
    // The receive's accesses but its poll's RDT write (`path/interrupts.rs`).
    let accesses = costs.emulated_nic_interrupt_accesses.saturating_sub(1);
    let us = stack.irq_coalesce_us;
    let n = stack.irq_coalesce_frames;
    let (frames_en, frames_ko) = if n > 0 {
        (
            format!(", or as soon as {n} completions wait"),
            format!(", 또는 완료가 {n}개 모이면 바로"),
        )
    } else {
        (String::new(), String::new())
    };
    Some(Text::new(
        format!("Interrupt coalescing is on (`irq_coalesce_us` = {us}): the device model still sends the frame inside the TDT write's exit and raises the transmit-done interrupt, but the interrupt is held with the NIC's other completions, so the path above has no handler for it. The batch goes out {us} µs after its first completion{frames_en}; the guest then takes the held interrupt together with a received frame's when one is in the same batch (nothing more for the send: one handler reads every cause), else alone: its delivery, its handler's {accesses} trapped register accesses and its EOI cost {running} cycles on a running vCPU, {halted} on a halted one (its wake-up included), {waiting} on one waiting for a pCPU, outside the send's latency."),
        format!("인터럽트 병합이 켜져 있습니다(`irq_coalesce_us` = {us}). 장치 모델은 여전히 TDT 쓰기의 exit 안에서 프레임을 보내고 전송 완료 인터럽트를 올리지만, 그 인터럽트는 NIC의 다른 완료와 함께 보류되므로 위 경로에는 그 핸들러가 없습니다. 묶음은 첫 완료로부터 {us} µs 뒤에{frames_ko} 나갑니다. 그때 게스트는 보류된 인터럽트를, 같은 묶음에 받은 프레임의 인터럽트가 있으면 그것과 함께 받고(전송에는 더 드는 것이 없습니다: 핸들러 하나가 모든 원인을 읽습니다), 없으면 따로 받습니다. 그 전달과 핸들러의 트랩되는 레지스터 접근 {accesses}번, EOI에 실행 중인 vCPU는 {running} 사이클, 정지한 vCPU는 {halted} 사이클(깨우기 포함), pCPU를 기다리는 vCPU는 {waiting} 사이클이 들며, 전송의 지연 밖의 일입니다."),
    ))
}

/// Where a scheduled back end's steps run (a driver domain's vCPU, a VMM or vhost
/// thread): not on the guest's vCPU. The machine runs them as jobs of the back end's own
/// entity, on whichever pCPU the scheduler gives it, after a switch to it; so a send
/// returns once the request is on the ring, and a blocking operation also waits for that
/// entity to be scheduled (twice: the request and the completion).
pub(super) fn scheduled_backend_note(
    stack: &Stack,
    op: Op,
    path: &OpPath,
    costs: &CostTable,
) -> Option<Text> {
    let ring_op = matches!(
        op,
        Op::DiskRead | Op::DiskWrite | Op::NetSend | Op::NetReceive
    );
    if !stack.op_backend_is_scheduled(op) || !ring_op {
        return None;
    }
    let backend: u64 = every_step(path)
        .filter(|s| s.part == Part::Backend)
        .map(|s| s.cycles)
        .sum();
    if backend == 0 {
        return None;
    }
    let guest = path_total(path) - backend;
    let dom0 = stack.backend == BackendPlacement::DriverDomain;
    let (who_en, who_ko, switch) = if dom0 {
        (
            "the driver domain's own vCPU",
            "드라이버 도메인 자신의 vCPU",
            costs.vm_switch,
        )
    } else {
        (
            "the back end's own host thread",
            "백엔드 자신의 호스트 스레드",
            costs.context_switch,
        )
    };
    let wake = costs.vcpu_wakeup;
    // A driver domain's vCPUs are scheduled by Xen itself (a type 1 has no host OS);
    // other back ends are threads of a host kernel (a type-2 host's, KVM's Linux).
    let (sched_en, sched_ko) = if dom0 {
        ("Xen's scheduler", "Xen의 스케줄러")
    } else {
        ("the host scheduler", "호스트 스케줄러")
    };
    // A driver domain is a Xen domain: the guest's kick is an event for its vCPU, which
    // Xen delivers by an upcall (`machine/io.rs`, `event_pending`).
    // A receive has no request job: the guest posted its receive buffers beforehand and
    // does not kick (`machine/io.rs`: only a disk request and a send are submitted).
    let receive = op == Op::NetReceive;
    let (upcall_en, upcall_ko) = if dom0 && !receive {
        let upcall = costs.pv_hypercall_handler;
        // `machine/io.rs`, `kick_driver_domain`: the IPI of a kick that finds dom0 running.
        let (send, entry) = (
            costs.ipi_send_native,
            costs.fault_delivery() + costs.fault_iret(),
        );
        (
            format!(", Xen's upcall into dom0's kernel with the event of the guest's kick ({upcall} cycles) when the guest kicked (and, when the kick found dom0's vCPU running on another pCPU, Xen's event-check IPI first: {send} cycles on the guest's pCPU to send it, {entry} on dom0's to take it; when the kick woke dom0's vCPU onto another pCPU, the guest's pCPU sends the wake-up's IPI, {send} of the wake-up's cycles),"),
            format!(", 게스트가 kick한 요청이면 Xen이 그 이벤트를 업콜로 dom0 커널에 전달하고({upcall} 사이클; kick이 다른 pCPU에서 실행 중인 dom0의 vCPU를 만났다면 그 전에 Xen의 event-check IPI: 게스트의 pCPU에서 보내는 데 {send} 사이클, dom0의 pCPU에서 받는 데 {entry} 사이클; kick이 dom0의 vCPU를 깨워 다른 pCPU에 올렸다면 깨우기의 IPI를 게스트의 pCPU가 보내며, 깨우기 사이클 중 {send} 사이클이 그 몫입니다)"),
        )
    } else {
        (String::new(), String::new())
    };
    let (sent_en, sent_ko) = if stack.io == IoModel::Paravirtual {
        (
            "once the request is on the ring and the kick is back (no kick, and so no exit, \
             when the back end has not yet taken the previous request off the ring: such sends \
             are shorter, and the mean can fall below the median)",
            "요청이 링에 올라가고 kick이 돌아오면(백엔드가 앞 요청을 아직 링에서 꺼내지 않았으면 kick도, \
             따라서 exit도 없습니다: 그런 전송은 더 짧아서 평균이 중앙값보다 낮을 수 있습니다)",
        )
    } else {
        (
            "once its trapped register accesses are served",
            "트랩된 레지스터 접근이 처리되면",
        )
    };
    let (en, ko) = if receive {
        (
            format!(
                "The {backend} cycles of the back end's steps do not run on the guest's vCPU: {who_en} runs them as one job, the received packet's (a receive puts no request on the ring and sends no kick: the guest posted its receive buffers beforehand), when {sched_en} gives it a pCPU (another one if one is idle), after a wake-up through {sched_en} ({wake} cycles) when it was asleep and a switch to it ({switch} cycles) when that pCPU last ran something else. The guest's vCPU runs the other {guest} cycles, and its thread waits for that job: its latency adds the back end's work, the wake-up, the switch and any wait for a pCPU (none on an idle host, long behind CPU-bound domains without BOOST)."
            ),
            format!(
                "백엔드 단계의 {backend} 사이클은 게스트의 vCPU에서 실행되지 않습니다. {who_ko}가 받은 패킷에 대한 작업 하나로 실행하며(게스트가 수신 버퍼를 미리 올려 두었기 때문에 수신은 링에 요청을 올리지도 kick을 보내지도 않습니다), {sched_ko}가 pCPU를 내줄 때(놀고 있는 pCPU가 있으면 다른 pCPU) 실행되고, 잠들어 있었다면 먼저 {sched_ko}가 깨우고({wake} 사이클), 그 pCPU가 직전에 다른 것을 실행했다면 전환({switch} 사이클)이 일어납니다. 게스트의 vCPU는 나머지 {guest} 사이클을 실행하고, 스레드는 그 작업을 기다리므로 지연에는 백엔드의 작업, 깨우기, 전환, pCPU를 기다린 시간(한가한 호스트에서는 없고, BOOST 없이 CPU 위주 도메인 뒤에서는 깁니다)이 더해집니다."
            ),
        )
    } else if op.blocks() {
        (
            format!(
                "The {backend} cycles of the back end's steps do not run on the guest's vCPU: {who_en} runs them, as a job for the request and another for the completion, each when {sched_en} gives it a pCPU (another one if one is idle), after a wake-up through {sched_en} ({wake} cycles) when it was asleep{upcall_en} and a switch to it ({switch} cycles) when that pCPU last ran something else. The guest's vCPU runs the other {guest} cycles, and its thread waits for both jobs: its latency adds the back end's work, the wake-ups, the switches and any wait for a pCPU (none on an idle host, long behind CPU-bound domains without BOOST)."
            ),
            format!(
                "백엔드 단계의 {backend} 사이클은 게스트의 vCPU에서 실행되지 않습니다. {who_ko}가 요청에 한 번, 완료에 한 번 작업으로 실행하며, 각각 {sched_ko}가 pCPU를 내줄 때(놀고 있는 pCPU가 있으면 다른 pCPU) 실행되고, 잠들어 있었다면 먼저 {sched_ko}가 깨우고({wake} 사이클){upcall_ko}, 그 pCPU가 직전에 다른 것을 실행했다면 전환({switch} 사이클)이 일어납니다. 게스트의 vCPU는 나머지 {guest} 사이클을 실행하고, 스레드는 두 작업을 모두 기다리므로 지연에는 백엔드의 작업, 깨우기, 전환, pCPU를 기다린 시간(한가한 호스트에서는 없고, BOOST 없이 CPU 위주 도메인 뒤에서는 깁니다)이 더해집니다."
            ),
        )
    } else {
        // Netback's TX response goes back to the guest as an event (`machine/io.rs`,
        // `tx_completion_event`).
        let (tx_en, tx_ko) = if dom0 && stack.io == IoModel::Paravirtual {
            (
                " Not quite the same steps: dom0 reaches the guest's packet only through grant operations (hypercalls that copy its first 128 bytes, map the rest and unmap it once sent), dearer than an inline back end's copy. The back end's last steps notify the guest of the packet's TX response (dom0's EVTCHNOP_send): the guest's netfront takes that event later to reclaim the buffer, with a wake-up of its vCPU if it has halted, outside the send's latency.".to_string(),
                " 단계가 똑같지는 않습니다: dom0는 grant 연산(패킷의 처음 128바이트를 복사하고, 나머지를 매핑했다가 보낸 뒤 해제하는 하이퍼콜)을 거쳐서만 게스트의 패킷에 닿으므로, 인라인 백엔드의 복사보다 비쌉니다. 백엔드의 마지막 단계는 패킷의 TX 응답을 게스트에 알립니다(dom0의 EVTCHNOP_send): 게스트의 netfront는 버퍼를 회수하려고 나중에 그 이벤트를 받으며, vCPU가 정지해 있었다면 깨우기까지 치르지만 전송의 지연 밖의 일입니다.".to_string(),
            )
        } else if stack.io == IoModel::Emulated {
            // QEMU in a driver domain: the e1000's transmit-done interrupt, raised when
            // dom0's vCPU has sent the frame (`machine/io.rs`, `tx_done`; the only
            // emulated NIC whose send has a scheduled back end:
            // `Stack::emulated_nic_sends_in_exit`).
            {
                // The receive's accesses but its poll's RDT write (`path/interrupts.rs`).
                let accesses = costs.emulated_nic_interrupt_accesses.saturating_sub(1);
                (
                    format!(" The back end's last step raises the emulated NIC's transmit-done interrupt once the frame is sent: the guest takes it later, its handler's {accesses} register accesses each a trap into the device model (the receive's but the RDT write), with a wake-up of its vCPU if it has halted, outside the send's latency. A device model in the hypervisor or in a VMM process (a type-2 VMM's, QEMU's on KVM) sends the frame inside the TDT write's exit, on the vCPU's own thread, and the same interrupt is taken inside the send, at the entry that ends that exit."),
                    format!(" 백엔드의 마지막 단계는 프레임을 보낸 뒤 에뮬레이션 NIC의 전송 완료 인터럽트를 올립니다. 게스트는 나중에 그 인터럽트를 받으며, 핸들러의 레지스터 접근 {accesses}번(수신 때와 같되 RDT 쓰기 없음)이 각각 장치 모델로 트랩되고, vCPU가 정지해 있었다면 깨우기까지 치르지만 전송의 지연 밖의 일입니다. 장치 모델이 하이퍼바이저나 VMM 프로세스(type-2 VMM의 것, KVM 위 QEMU의 것)에 있으면 TDT 쓰기의 exit 안에서 vCPU 자신의 스레드가 프레임을 보내고, 같은 인터럽트를 전송 안에서, 그 exit를 끝내는 entry 때 받습니다."),
                )
            }
        } else {
            (String::new(), String::new())
        };
        (
            format!(
                "The {backend} cycles of the back end's steps do not run on the guest's vCPU: {who_en} runs them when {sched_en} gives it a pCPU (another one if one is idle), after a wake-up through {sched_en} ({wake} cycles) when it was asleep{upcall_en} and a switch to it ({switch} cycles) when that pCPU last ran something else. The guest's send returns {sent_en}: {guest} cycles on its vCPU, the latency measured. With the back end in the hypervisor the same steps run inside the guest's exit, on the vCPU, and count in the latency. Here they still cost the host as much, plus the wake-up and the switch, on another pCPU: the work moved, it did not shrink.{tx_en}"
            ),
            format!(
                "백엔드 단계의 {backend} 사이클은 게스트의 vCPU에서 실행되지 않습니다. {sched_ko}가 pCPU를 내줄 때(놀고 있는 pCPU가 있으면 다른 pCPU) {who_ko}가 실행하며, 잠들어 있었다면 먼저 {sched_ko}가 깨우고({wake} 사이클){upcall_ko}, 그 pCPU가 직전에 다른 것을 실행했다면 전환({switch} 사이클)이 일어납니다. 게스트의 전송은 {sent_ko} 끝나며, vCPU에서 쓰는 {guest} 사이클이 측정되는 지연입니다. 백엔드가 하이퍼바이저에 있으면 같은 단계가 게스트의 exit 안에서 vCPU로 실행되어 지연에 들어갑니다. 여기서도 호스트는 같은 일에 깨우기와 전환까지 더해 다른 pCPU에서 치릅니다. 일이 옮겨 갔을 뿐 줄지 않았습니다.{tx_ko}"
            ),
        )
    };
    Some(Text::new(&en, &ko))
}
