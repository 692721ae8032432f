//! Devices, PV rings and back ends: the disk and NIC with their service times, the ring
//! state that decides when a guest must notify its back end and when the back end must
//! interrupt the guest (virtio notification suppression, OASIS VIRTIO 1.1), and back
//! ends that run as scheduled entities (a driver domain's vCPU, a VMM or vhost thread);
//! the host NIC's transmit queue, which every send of every platform shares, and the
//! sender's wait for room in its own socket's send buffer (`send_on_wire`, `send_issued`,
//! `SendBuffer`).

use super::item::{Item, Job};
use super::{slot, Entity, EntityState, Event, InstanceRt, Machine, Owner};
use crate::engine::Cycles;
use crate::platform::{BackendPlacement, IoModel, Stack};
use crate::workload::Op;

/// One sending socket's bytes still to leave the host's NIC (the model's socket: a
/// workload thread's, one connection to its client, as Linux gives each socket its own
/// send buffer, `sk_sndbuf`), kept as the stretches of the wire's time its sends take
/// there: `(start, end)` in cycles, in send order, disjoint (a socket's bytes leave in the
/// order it sent them; other sockets' sends fall between them). Its bytes still queued at
/// a time are the wire's time its stretches still take after it (the bytes are freed as
/// they leave the wire, as for UDP; TCP keeps them until they are acknowledged, which the
/// model does not simulate). A sender that never outruns the wire keeps at most its last
/// send here.
#[derive(Debug, Clone, Default)]
pub(super) struct SendBuffer {
    sends: std::collections::VecDeque<(Cycles, Cycles)>,
    /// The sum of the stretches' lengths.
    total: Cycles,
}

impl SendBuffer {
    /// Adds a send that takes the wire from `start` to `end` (not before the last one's
    /// end), and forgets the sends gone by `now`; returns the wire's time the socket's
    /// bytes still take after `now`.
    fn push(&mut self, start: Cycles, end: Cycles, now: Cycles) -> Cycles {
        // The stretches are in send order and disjoint: when the last is gone by `now`, so
        // are all (the common case, a sender that never outruns the wire): the same state
        // as the loop below leaves, without it.
        if self.sends.back().is_none_or(|&(_, e)| e <= now) {
            self.sends.clear();
            self.sends.push_back((start, end));
            self.total = end - start;
            // An inline device model's frame may have left the wire before the send returns
            // (`send_after_frame`): nothing of it is left then.
            return end.saturating_sub(now.max(start));
        }
        while let Some(&(s, e)) = self.sends.front() {
            if e > now {
                break;
            }
            self.total -= e - s;
            self.sends.pop_front();
        }
        self.sends.push_back((start, end));
        self.total += end - start;
        let (first, _) = self.sends[0];
        self.total - now.saturating_sub(first)
    }

    /// When the socket's bytes still queued take no more than `left` cycles of the wire.
    fn drained_to(&self, left: Cycles) -> Cycles {
        let mut after = 0;
        for &(start, end) in self.sends.iter().rev() {
            if after + (end - start) >= left {
                return end - (left - after);
            }
            after += end - start;
        }
        self.sends.front().map_or(0, |&(start, _)| start)
    }

    /// When its last send's last byte leaves (0: none queued).
    fn last_end(&self) -> Cycles {
        self.sends.back().map_or(0, |&(_, end)| end)
    }
}

/// State of one PV ring (per instance and device).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Ring {
    /// Requests the back end has been handed and not yet taken off the ring: while it is
    /// busy it has turned notifications off, so the guest does not kick.
    pub backend_busy: u32,
    /// Completions delivered to the guest whose processing has not started: while there
    /// are any, the guest is about to read the ring and the back end does not interrupt.
    pub irq_pending: u32,
}

/// The ring an operation's request goes through (0 disk, 1 NIC).
pub(super) fn ring_of(op: Op) -> Option<usize> {
    match op {
        Op::DiskRead | Op::DiskWrite => Some(0),
        Op::NetSend | Op::NetReceive => Some(1),
        _ => None,
    }
}

/// Why a guest's event-channel send makes Xen send an IPI to the pCPU of dom0's vCPU.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dom0Ipi {
    /// dom0's vCPU runs there: `vcpu_kick`'s event check (`smp_send_event_check_cpu`).
    EventCheck,
    /// dom0's vCPU was blocked and the wake-up put it there: the scheduler's tickle
    /// (`__runq_tickle` raising SCHEDULE_SOFTIRQ on that pCPU).
    Wake,
}

/// A back end that runs as a scheduled entity.
pub(super) struct BackendRt {
    pub entity: u32,
    pub jobs: std::collections::VecDeque<Job>,
    pub cache: super::cache::CacheState,
    /// Work arrived while the back end's thread (or driver domain's vCPU) slept: its next
    /// job first pays the host scheduler's wake-up.
    pub woken: bool,
    /// A driver domain: a guest's kick (EVTCHNOP_send) made an event pending for dom0's
    /// vCPU since its last job began, and Xen delivers it by an upcall into dom0's kernel
    /// before the job (one upcall takes every event pending by then).
    pub event_pending: bool,
    /// A driver domain: that kick found dom0's vCPU running on another pCPU, which took
    /// Xen's event-check IPI (its entry is charged with the upcall, before the next job).
    pub ipi_taken: bool,
    /// The kick that woke dom0's vCPU sent the wake-up's IPI itself: that share of the
    /// wake-up (`ipi_send_native`) was charged to the kicking vCPU, not to this job.
    pub wake_ipi_sent: bool,
}

/// Creates the back-end entities of a stack whose back ends are scheduled, and points
/// each instance's rings at them.
pub(super) fn create_backends(
    hot_kib: u64,
    stack: &Stack,
    dom0: crate::platform::Dom0,
    instances: &mut [InstanceRt],
    entities: &mut Vec<Entity>,
) -> Vec<BackendRt> {
    let mut backends = Vec::new();
    if !stack.backend_is_scheduled() {
        return backends;
    }
    let mut new_backend = |entities: &mut Vec<Entity>, weight: u32, affinity: Option<u32>| -> u32 {
        let index = backends.len() as u32;
        let entity = entities.len() as u32;
        entities.push(Entity::new(
            Owner::Backend(index),
            affinity,
            u64::from(weight),
            0,
        ));
        backends.push(BackendRt {
            entity,
            jobs: Default::default(),
            cache: super::cache::CacheState::cold(hot_kib),
            woken: false,
            event_pending: false,
            ipi_taken: false,
            wake_ipi_sent: false,
        });
        index
    };
    match stack.backend {
        BackendPlacement::Hypervisor => {}
        BackendPlacement::DriverDomain => {
            // One driver domain serves every guest. Each of its vCPUs (at dom0's weight) is
            // an entity; a guest's event channels are bound to one of them, the guests in
            // turn (as irqbalance in dom0 spreads them; without it Linux binds every event
            // channel to vCPU 0, which `dom0_vcpus = 1` models), and that vCPU runs the
            // guest's back-end work (blkback's and netback's threads, woken by its events).
            // `dom0_vcpus_pin`: vCPU k on pCPU k (the validator keeps k below the cores).
            let n = dom0.vcpus.max(1);
            let pin = |k: u32| dom0.pinned.then_some(k);
            let first = new_backend(entities, dom0.weight, pin(0));
            for k in 1..n {
                new_backend(entities, dom0.weight, pin(k));
            }
            for (k, i) in instances.iter_mut().enumerate() {
                let b = first + (k as u32) % n;
                i.backend = [Some(b), Some(b)];
            }
        }
        BackendPlacement::VmThread => {
            for i in instances.iter_mut() {
                let b = new_backend(entities, 256, None);
                i.backend = [Some(b), Some(b)];
            }
        }
        BackendPlacement::DeviceThread => {
            for i in instances.iter_mut() {
                let disk = new_backend(entities, 256, None);
                let nic = new_backend(entities, 256, None);
                i.backend = [Some(disk), Some(nic)];
            }
        }
    }
    backends
}

/// How long the host's disk is busy with one request of `io_bytes` (its per-request
/// time or its transfer, whichever is longer), and how long a message of
/// `message_bytes` takes to cross the NIC, in cycles (per group: see `device_time`).
pub(super) fn service_times(
    host: &crate::hardware::Host,
    io_bytes: u64,
    message_bytes: u64,
) -> (u64, u64) {
    let per_us = host.cycles_per_us();
    let per_op = per_us * 1_000_000 / host.disk_iops.max(1);
    let transfer = io_bytes * per_us / host.disk_bandwidth_mb_s.max(1);
    let wire = message_bytes * 8 * per_us / (host.nic_bandwidth_gbit_s.saturating_mul(1000)).max(1);
    (per_op.max(transfer), wire)
}

/// Cycles `bytes` take to cross the host's NIC at its bandwidth.
pub(super) fn wire_cycles(host: &crate::hardware::Host, bytes: u64) -> Cycles {
    bytes.saturating_mul(8).saturating_mul(host.cycles_per_us())
        / host.nic_bandwidth_gbit_s.saturating_mul(1000).max(1)
}

impl Machine {
    /// The bytes of a send of `packets` packets of thread `thread`'s workload message, and
    /// the cycles they take on the wire ([`wire_cycles`]; one packet's kept by the group).
    fn send_bytes(&self, thread: u32, packets: u64) -> (u64, Cycles) {
        let instance = self.threads[thread as usize].instance as usize;
        let group = &self.groups[self.instances[instance].group as usize];
        if packets == 1 {
            return (group.workload.message_bytes, group.send_wire);
        }
        let bytes = group.workload.message_bytes.saturating_mul(packets);
        (bytes, wire_cycles(&self.spec.host, bytes))
    }

    /// Thread `thread`'s send of `packets` packets reaches the host's NIC at `now`. Every
    /// platform's sends share the host's one physical port (a passthrough or SR-IOV
    /// function too: its virtual functions share the port's wire), in one transmit queue
    /// served in arrival order at the NIC's bandwidth: the send goes on the wire when
    /// the bytes ahead of it have left (and, while a live migration shares the NIC, behind
    /// a segment of its stream: `migration.rs`). Returns when its last byte has left,
    /// which is also when a request-response client can answer it: the thread's next
    /// request cannot arrive before (`device_time`).
    pub(super) fn send_on_wire(&mut self, thread: u32, packets: u64, now: Cycles) -> Cycles {
        let (bytes, wire) = self.send_bytes(thread, packets);
        let mut start = now.max(self.tx_free_at);
        if self.migration.is_some() {
            start = self.migration_shares_wire(start, bytes, now);
        }
        self.tx_free_at = start + wire;
        let th = &self.threads[thread as usize];
        // A workload's send counts once its last byte has left within the run (the queue
        // is served in order, so that time is known now); a desktop agent's display stream
        // has its own figures (`desktop.rs`).
        if th.role.is_none() && self.tx_free_at <= self.spec.duration_cycles {
            let c = &mut self.instances[th.instance as usize].counters;
            c.net_sent_bytes = c.net_sent_bytes.saturating_add(bytes);
        }
        self.threads[thread as usize].reply_on_wire_at = self.tx_free_at;
        self.tx_free_at
    }

    /// Thread `thread` issues a send at `now`; `backend`: a scheduled back end hands its
    /// bytes to the NIC later (`backend_job_done`), else they join the NIC's transmit
    /// queue now ([`Self::send_on_wire`]). Returns when the send returns to its sender if
    /// that is later than now: a sender that outruns the wire waits. Linux blocks a sender
    /// whose socket send buffer is full (`sk_stream_wait_memory`, `sock_alloc_send_pskb`)
    /// until transmit completions free room; the model lets a send return at once while no
    /// more than `socket_send_buffer_bytes` of its own socket's bytes ([`SendBuffer`]: the
    /// thread's) are still to leave the wire, this send's included, and else when half
    /// that is left. Other senders' bytes in the queue delay its bytes but take none of its
    /// buffer. With a scheduled back end the bytes are counted from now, behind the queue
    /// as it is and behind the socket's own earlier sends. A send with room returns at once
    /// (no event). A desktop agent's sends are paced by its session
    /// (`desktop/session.rs`): their bytes are queued, the agent does not wait here.
    ///
    /// An inline emulated NIC's send ends with the transmit-done interrupt its device model
    /// raised once it had sent the frame (`tx_done_in_send`): the frame reached the NIC that
    /// many cycles before `now` (`send_after_frame`), not after the guest's handler.
    fn send_issued(
        &mut self,
        thread: u32,
        backend: bool,
        op_start: Cycles,
        now: Cycles,
    ) -> Option<Cycles> {
        let packets = self.send_packets(thread);
        let (_, wire) = self.send_bytes(thread, packets);
        let last_byte = if backend {
            now.max(self.tx_free_at)
                .max(self.send_buffers[thread as usize].last_end())
                + wire
        } else {
            let instance = self.threads[thread as usize].instance as usize;
            let gi = self.instances[instance].group as usize;
            let sent = now
                .saturating_sub(self.groups[gi].send_after_frame)
                .max(op_start);
            self.send_on_wire(thread, packets, sent)
        };
        if self.threads[thread as usize].role.is_some() {
            return None;
        }
        let (buffer, half) = self.send_buffer_wire;
        let socket = &mut self.send_buffers[thread as usize];
        let queued = socket.push(last_byte - wire, last_byte, now);
        if queued <= buffer {
            return None;
        }
        // The buffer is full: the sender sleeps until half of it is free again, when the
        // socket's write-space callback wakes it (`sock_def_write_space`: once twice the
        // bytes still queued fit the send buffer), so a sender that outruns the wire
        // wakes once per half a buffer, not once per send.
        Some(socket.drained_to(half))
    }

    fn pv_rings(&self) -> bool {
        self.spec.stack.is_vm() && self.spec.stack.io == IoModel::Paravirtual
    }

    /// Whether a new request for `op` must notify the back end: only when the back end
    /// is not already working on this ring (it turned notifications off meanwhile). An
    /// inline back end drains the ring at once, so it is kicked every time.
    pub(super) fn needs_kick(&self, instance: usize, op: Op) -> bool {
        match ring_of(op) {
            Some(r) if self.pv_rings() && self.instances[instance].backend[r].is_some() => {
                self.instances[instance].rings[r].backend_busy == 0
            }
            _ => true,
        }
    }

    /// Where a sleeping back end's wake-up is spent: Xen's scheduler waking the driver
    /// domain's vCPU, or the host kernel's scheduler waking a VMM or vhost thread.
    fn backend_wakeup_category(&self) -> crate::path::Category {
        if self.spec.stack.backend == crate::platform::BackendPlacement::DriverDomain {
            crate::path::Category::Hypervisor
        } else {
            crate::path::Category::HostOs
        }
    }

    /// The scheduled back end that does `op`'s back-end work for `instance`, if any: its
    /// ring's, but for an emulated NIC's send, which its device model makes inside the
    /// exit of the guest's transmit-tail write (`Stack::emulated_nic_sends_in_exit`: a
    /// VMM's I/O thread receives the NIC's frames, but the vCPU's thread sends them).
    pub(super) fn op_backend(&self, instance: usize, op: Op) -> Option<u32> {
        if op == Op::NetSend && self.spec.stack.emulated_nic_sends_in_exit() {
            return None;
        }
        ring_of(op).and_then(|r| self.instances[instance].backend[r])
    }

    /// Whether the back-end work of `op` runs inline (no scheduled back end).
    pub(super) fn backend_inline(&self, instance: usize, op: Op) -> bool {
        self.op_backend(instance, op).is_none()
    }

    /// The thread on entity `e` issued `op` (which began at `op_start`) at `now`.
    #[inline(always)]
    pub(super) fn issue(&mut self, e: u32, thread: u32, op: Op, op_start: Cycles, now: Cycles) {
        if self.desktop.is_some() {
            self.desktop_issued(thread, op, now);
        }
        if op == Op::TlbShootdown {
            self.shootdown_start(e, thread, op_start);
            return;
        }
        if !op.blocks() && ring_of(op).is_none() {
            // The common case: an operation that completes where it was issued.
            let instance = self.threads[thread as usize].instance as usize;
            self.record(instance, op, now - op_start);
            return;
        }
        self.issue_to_device(e, thread, op, op_start, now);
    }

    /// [`Self::issue`] for an operation that blocks or goes through a ring.
    #[inline(never)]
    fn issue_to_device(&mut self, e: u32, thread: u32, op: Op, op_start: Cycles, now: Cycles) {
        let instance = self.threads[thread as usize].instance as usize;
        let backend = self.op_backend(instance, op);
        let has_backend_submit = matches!(op, Op::DiskRead | Op::DiskWrite | Op::NetSend);
        let send_waits_until = if op == Op::NetSend {
            self.send_issued(thread, backend.is_some(), op_start, now)
        } else {
            None
        };
        if op.blocks() || send_waits_until.is_some() {
            self.threads[thread as usize].pending = Some(super::Pending {
                op,
                started: op_start,
                delivery: None,
                inline_backend: op.blocks() && backend.is_none() && ring_of(op).is_some(),
                swap_in: false,
            });
            self.entities[e as usize].thread = None;
        } else {
            self.record(instance, op, now - op_start);
        }
        if let Some(at) = send_waits_until {
            self.queue.schedule(at, Event::DeviceDone { thread });
        }
        // The device model sent the frame inside the TDT write's exit (in the hypervisor
        // or on the vCPU's thread in a VMM process); with its transmit-done interrupt held
        // by coalescing it is not part of the send's path.
        if op == Op::NetSend
            && backend.is_none()
            && self.emulated_nic()
            && self.spec.stack.irq_coalesce_us > 0
        {
            self.tx_done(instance, now);
        }
        match backend {
            Some(b) if has_backend_submit => {
                let r = ring_of(op).expect("ring");
                // The guest kicked (`needs_kick`): with the back end in a driver domain the
                // kick is an event for dom0's vCPU, taken by an upcall.
                if self.instances[instance].rings[r].backend_busy == 0
                    && self.spec.stack.backend == BackendPlacement::DriverDomain
                {
                    self.kick_driver_domain(e, b);
                }
                self.instances[instance].rings[r].backend_busy += 1;
                let dom0 = self.backends[b as usize].entity as usize;
                let asleep = self.entities[dom0].state == EntityState::Idle;
                let packets = if op == Op::NetSend {
                    self.send_packets(thread)
                } else {
                    1
                };
                self.push_job(
                    b,
                    Job {
                        thread,
                        op,
                        complete: false,
                        packets: packets.min(u64::from(u8::MAX)) as u8,
                    },
                    now,
                );
                // The kick woke dom0's vCPU and the scheduler put it at once on another
                // pCPU (an idle one): Xen's wake-up, done inside the kick's hypercall
                // (`vcpu_wake` -> `__runq_tickle`), sent that pCPU its IPI from here.
                if asleep
                    && self.spec.stack.backend == BackendPlacement::DriverDomain
                    && self.entities[dom0].state == EntityState::Running
                    && self.entities[dom0].pcpu != self.entities[e as usize].pcpu
                {
                    self.backends[b as usize].wake_ipi_sent = true;
                    self.event_ipi[e as usize] = Some(Dom0Ipi::Wake);
                }
            }
            _ if op.blocks() => {
                // A desktop thread's wait ends when its session says (an input arrives, a
                // frame is due, the agent has damage to capture).
                if self.threads[thread as usize].role.is_some() {
                    if let Some(done) = self.desktop_wake(thread, now) {
                        self.queue.schedule(done, Event::DeviceDone { thread });
                    }
                } else {
                    self.issue_blocking(thread, op, now);
                }
            }
            _ => {}
        }
    }

    /// vCPU `e`'s EVTCHNOP_send marks an event pending for the driver domain's vCPU (back
    /// end `b`). Xen's `evtchn_port_set_pending` -> `vcpu_mark_events_pending` kicks that
    /// vCPU only if no upcall was pending yet (`evtchn_upcall_pending` was clear), and
    /// `vcpu_kick` of a vCPU running on another pCPU raises a softirq there, an IPI
    /// (`cpu_raise_softirq` -> `smp_send_event_check_cpu`): this pCPU sends it, within the
    /// hypercall ([`Self::start_event_ipi`]), and dom0's pCPU takes it before the upcall
    /// (`ipi_taken`). A dom0 vCPU that is blocked is woken instead (`push_job`: the wake-up,
    /// `vcpu_wakeup`, includes its IPI); one that waits for a pCPU gets no IPI.
    fn kick_driver_domain(&mut self, e: u32, b: u32) {
        let backend = &mut self.backends[b as usize];
        let already = std::mem::replace(&mut backend.event_pending, true);
        if !already && self.entities[backend.entity as usize].state == EntityState::Running {
            backend.ipi_taken = true;
            self.event_ipi[e as usize] = Some(Dom0Ipi::EventCheck);
        }
    }

    /// vCPU `e` on `p` sends the IPI of its event-channel send ([`Self::kick_driver_domain`],
    /// or the wake-up in `issue_to_device`): Xen writes the ICR on the guest's behalf
    /// (`ipi_send_native`, as a para shootdown's IPI). It follows the operation's item at
    /// once, while dom0's pCPU has already started (by at most those cycles: a
    /// simplification).
    pub(super) fn start_event_ipi(&mut self, p: u32, e: u32, instance: u32, now: Cycles) {
        let kind = self.event_ipi[e as usize].take();
        let gi = self.instances[instance as usize].group;
        let what = match kind {
            Some(Dom0Ipi::Wake) => "wake-up IPI to dom0",
            _ => "event-check IPI to dom0",
        };
        self.plan(p, Item::EventIpi, Some(instance), gi, what);
        self.plan_cycles(
            p,
            crate::path::Category::Hypervisor,
            self.spec.costs.ipi_send_native,
        );
        self.start(p, now);
    }

    /// Hands a job to back end `b`, waking its entity if it was idle.
    fn push_job(&mut self, b: u32, job: Job, now: Cycles) {
        let backend = &mut self.backends[b as usize];
        backend.jobs.push_back(job);
        let entity = backend.entity;
        if self.entities[entity as usize].state == EntityState::Idle {
            // A sleeping back end (a vhost worker or VMM I/O thread blocked on its eventfd,
            // a driver domain's halted vCPU) is woken through the host scheduler, as a
            // halted vCPU is: the wake-up's cost comes first in its next job.
            self.backends[b as usize].woken = true;
            self.make_runnable(entity, now);
        }
    }

    /// Starts back end `b`'s next job on `p`, or lets the entity go idle.
    pub(super) fn start_backend_item(&mut self, p: u32, e: u32, b: u32, now: Cycles) {
        loop {
            let Some(job) = self.backends[b as usize].jobs.pop_front() else {
                self.leave_pcpu(p, now);
                self.entities[e as usize].state = EntityState::Idle;
                self.schedule_next(p, now);
                return;
            };
            let instance = self.threads[job.thread as usize].instance;
            if self.instances[instance as usize].dead {
                continue;
            }
            let gi = self.instances[instance as usize].group;
            let part = if job.complete {
                slot::BACKEND_COMPLETE
            } else {
                slot::BACKEND_SUBMIT
            };
            self.plan(
                p,
                Item::BackendJob { job },
                Some(instance),
                gi,
                if job.complete {
                    "back end: completion"
                } else {
                    "back end: request"
                },
            );
            if std::mem::take(&mut self.backends[b as usize].woken) {
                // The kick that woke a driver domain's vCPU onto this pCPU paid the
                // wake-up's IPI (`issue_to_device`); this pCPU pays the rest of it.
                let sent = std::mem::take(&mut self.backends[b as usize].wake_ipi_sent);
                let costs = &self.spec.costs;
                let wakeup = if sent {
                    costs.vcpu_wakeup.saturating_sub(costs.ipi_send_native)
                } else {
                    costs.vcpu_wakeup
                };
                self.plan_cycles(p, self.backend_wakeup_category(), wakeup);
            }
            if std::mem::take(&mut self.backends[b as usize].ipi_taken) {
                // The event-check IPI's delivery into Xen and its return (Xen's
                // `event_check_interrupt` only acknowledges the APIC): an exception's
                // delivery and IRET, estimates.
                let costs = &self.spec.costs;
                let entry = costs.fault_delivery() + costs.fault_iret();
                self.plan_cycles(p, crate::path::Category::Hypervisor, entry);
            }
            if std::mem::take(&mut self.backends[b as usize].event_pending) {
                // Xen's bounce frame into dom0's event callback, as into a PV guest's
                // (`path/interrupts.rs`: estimate, as a hypercall's handler).
                self.plan_cycles(
                    p,
                    crate::path::Category::Hypervisor,
                    self.spec.costs.pv_hypercall_handler,
                );
            }
            self.plan_path(p, slot::op(job.op, part));
            let mut work = self.groups[gi as usize].costs[slot::op(job.op, part)].total;
            if job.op == Op::NetSend && !job.complete && job.packets > 1 {
                // A desktop agent's large-send segment: the back end copies all its bytes.
                let extra = self.send_extra(gi as usize, u64::from(job.packets))[2];
                self.plan_extra(p, &extra);
                work += extra.total;
            }
            let refill = self.cache_refill(super::cache::CacheOwner::Backend(b as usize), work);
            if refill > 0 {
                self.plan_cycles(p, crate::path::Category::DeviceEmulation, refill);
            }
            self.start(p, now);
            return;
        }
    }

    /// A back end finished a job.
    pub(super) fn backend_job_done(&mut self, job: Job, now: Cycles) {
        let instance = self.threads[job.thread as usize].instance as usize;
        if self.instances[instance].dead {
            return;
        }
        if job.complete {
            self.deliver(job.thread, now);
            return;
        }
        if let Some(r) = ring_of(job.op) {
            let ring = &mut self.instances[instance].rings[r];
            ring.backend_busy = ring.backend_busy.saturating_sub(1);
        }
        if job.op == Op::NetSend {
            let packets = u64::from(job.packets.max(1));
            if self.desktop.is_some() {
                self.desktop_on_wire(job.thread, packets, now);
            }
            self.send_on_wire(job.thread, packets, now);
            if self.xen_split_drivers() || self.emulated_nic() {
                self.tx_done(instance, now);
            }
        }
        if job.op.blocks() {
            self.issue_blocking(job.thread, job.op, now);
        }
    }

    /// Xen's split drivers: PV rings whose back ends run in the driver domain.
    fn xen_split_drivers(&self) -> bool {
        self.pv_rings() && self.spec.stack.backend == BackendPlacement::DriverDomain
    }

    /// A VM's emulated (e1000-like) NIC, whose device model raises a transmit-done
    /// interrupt for every send (`path/io/mod.rs`, `emulated_tx_done`).
    pub(super) fn emulated_nic(&self) -> bool {
        self.spec.stack.is_vm() && self.spec.stack.io == IoModel::Emulated
    }

    /// A send of `instance` is done at the NIC's device model or back end at `now`: its
    /// transmit completion goes to the guest (netback's TX response, an emulated NIC's
    /// transmit-done interrupt). Interrupt coalescing holds it with the NIC's other
    /// completions, under the same rule (`interrupts.rs`, `hold_tx_done`); else it is
    /// delivered now.
    fn tx_done(&mut self, instance: usize, now: Cycles) {
        if self.spec.stack.irq_coalesce_us > 0 {
            self.hold_tx_done(instance, now);
        } else {
            self.tx_completion_event(instance, now);
        }
    }

    /// Netback posted a sent packet's TX response and notified the guest
    /// (`make_tx_response` -> `notify_remote_via_irq`: the EVTCHNOP_send is the send's
    /// back-end path's last step): the guest's netfront takes the event, its interrupt
    /// handler reclaiming the buffers (`xennet_tx_buf_gc`). Or an emulated NIC's device
    /// model raised its transmit-done interrupt, whose handler's register accesses trap
    /// (`IrqSource::NicTx`). The event goes where a
    /// completion's interrupt would (`deliver_now`): a halted vCPU is woken for it, a running
    /// one takes it at once, a vCPU waiting for a pCPU when it runs. While one is pending on
    /// a vCPU of the instance, another merges into it (the event channel's pending bit; the
    /// e1000's interrupt cause register, read once by the handler). The
    /// send itself returned long before: nothing waits for this but the guest's CPU.
    pub(super) fn tx_completion_event(&mut self, instance: usize, now: Cycles) {
        use crate::path::VcpuState;
        let rt = &self.instances[instance];
        if rt.dead {
            return;
        }
        let range = rt.first_entity..rt.first_entity + rt.vcpus;
        if range.clone().any(|e| self.tx_event[e as usize].is_some()) {
            return;
        }
        let polling = range.clone().find(|&e| self.entities[e as usize].polling);
        let running = range
            .clone()
            .find(|&e| self.entities[e as usize].state == EntityState::Running);
        if let Some(e) = polling {
            self.tx_event[e as usize] = Some(VcpuState::Waiting);
            self.entities[e as usize].polling = false;
            let p = self.entities[e as usize].pcpu;
            if self.cut(p, now) {
                self.schedule_next(p, now);
            }
        } else if let Some(e) = self.instances[instance].halted.pop() {
            self.tx_event[e as usize] = Some(VcpuState::Halted);
            self.make_runnable(e, now);
        } else if let Some(e) = running {
            self.tx_event[e as usize] = Some(VcpuState::Running);
            self.guest_preempt(e, now);
        } else {
            let e = self.instances[instance].first_entity;
            self.tx_event[e as usize] = Some(VcpuState::Waiting);
        }
    }

    /// vCPU `e` takes its pending transmit-completion event: the delivery of a NIC's
    /// transmit completion by the vCPU's state when it came (a wake-up, the upcall or the
    /// interrupt's exit, the guest's handler with an emulated NIC's register accesses).
    pub(super) fn start_tx_event(&mut self, p: u32, e: u32, instance: u32, now: Cycles) {
        let state = self.tx_event[e as usize].take().expect("a pending event");
        let gi = self.instances[instance as usize].group;
        self.plan(p, Item::TxEvent, Some(instance), gi, "tx completion event");
        self.plan_path(
            p,
            super::slot::delivery(crate::path::IrqSource::NicTx, state),
        );
        self.start(p, now);
    }

    /// Whether the guest's disk takes one command at a time: an emulated disk is IDE-like,
    /// and legacy ATA runs one command per device at a time (command queueing, NCQ, came
    /// with SATA's AHCI). Paravirtual rings and passthrough devices keep many in flight, up
    /// to the device's own rate.
    fn disk_one_at_a_time(&self, op: Op) -> bool {
        matches!(op, Op::DiskRead | Op::DiskWrite)
            && self.spec.stack.is_vm()
            && self.spec.stack.io == IoModel::Emulated
    }

    /// Hands `thread`'s blocking operation to the device (or timer) at `now` and schedules
    /// its end; on a one-command disk already busy, the request waits in the guest
    /// driver's queue until the guest takes the completion in flight
    /// ([`Machine::disk_completion_taken`]).
    fn issue_blocking(&mut self, thread: u32, op: Op, now: Cycles) {
        if self.disk_one_at_a_time(op) {
            let inst = &mut self.instances[self.threads[thread as usize].instance as usize];
            if inst.disk_busy {
                inst.disk_waiting.push_back((thread, op));
                return;
            }
            inst.disk_busy = true;
        }
        let done = self.device_time(thread, op, now);
        self.queue.schedule(done, Event::DeviceDone { thread });
    }

    /// The guest of instance `ii` takes a disk completion (its interrupt handler runs): on
    /// a one-command disk its driver programs the next waiting request there, so the disk
    /// idles while the completion travels to the guest (the back end, the interrupt, the
    /// vCPU's scheduling) and while the driver writes the next command's registers, each
    /// access a trap into the device model, as on real emulated IDE. Those accesses' cycles
    /// (the request's submit path) were charged to the guest when it queued the request;
    /// here they delay the command's start.
    pub(super) fn disk_completion_taken(&mut self, ii: usize, op: Op, now: Cycles) {
        if !self.disk_one_at_a_time(op) {
            return;
        }
        let inst = &mut self.instances[ii];
        match inst.disk_waiting.pop_front() {
            Some((thread, op)) => {
                let costs = &self.groups[inst.group as usize].costs;
                let program = costs[slot::op(op, slot::SUBMIT)].total
                    + costs[slot::op(op, slot::KICK)].total
                    + costs[slot::op(op, slot::BACKEND_SUBMIT)].total;
                let done = self.device_time(thread, op, now + program);
                self.queue.schedule(done, Event::DeviceDone { thread });
            }
            None => inst.disk_busy = false,
        }
    }

    /// A device or timer finished `thread`'s operation: the back end takes the
    /// completion, or (inline) the guest gets it straight away.
    pub(super) fn device_done(&mut self, thread: u32, now: Cycles) {
        let Some(pending) = self.threads[thread as usize].pending else {
            return;
        };
        let instance = self.threads[thread as usize].instance as usize;
        if self.instances[instance].dead {
            return;
        }
        if pending.swap_in {
            // The host read its own page: no back end of the guest is involved.
            if !self.swap_in_done(thread, now) {
                self.deliver(thread, now);
            }
            return;
        }
        if pending.op == Op::NetReceive && self.threads[thread as usize].role.is_none() {
            // The workload's message has arrived (`device_time`).
            let gi = self.instances[instance].group as usize;
            let bytes = self.groups[gi].workload.message_bytes;
            let c = &mut self.instances[instance].counters;
            c.net_received_bytes = c.net_received_bytes.saturating_add(bytes);
        }
        if pending.op == Op::NetSend {
            // A sender that waited for room in its socket's send buffer: the NIC's transmit
            // completions freed it (`send_issued`); no back end takes part.
            self.deliver(thread, now);
            return;
        }
        match ring_of(pending.op).and_then(|r| self.instances[instance].backend[r]) {
            Some(b) => self.push_job(
                b,
                Job {
                    thread,
                    op: pending.op,
                    complete: true,
                    packets: 1,
                },
                now,
            ),
            None => self.deliver(thread, now),
        }
    }

    /// When the device (or timer) finishes a blocking operation issued at `now`.
    pub(super) fn device_time(&mut self, thread: u32, op: Op, now: Cycles) -> Cycles {
        let host = &self.spec.host;
        let per_us = host.cycles_per_us();
        let instance = self.threads[thread as usize].instance as usize;
        let group = &self.groups[self.instances[instance].group as usize];
        let workload = &group.workload;
        match op {
            Op::DiskRead | Op::DiskWrite => {
                let service = group.disk_service;
                let start = now.max(self.disk_free_at);
                self.disk_free_at = start + service;
                start + service.max(host.disk_latency_us * per_us)
            }
            Op::NetReceive => {
                // The next request arrives over the wire: latency plus serialization.
                let wire = group.net_wire;
                // While a migration shares the NIC, the client sends its next request
                // only once the thread's last answer has left (see `migration.rs`).
                let answered = self.threads[thread as usize].reply_on_wire_at;
                let start = now.max(self.nic_free_at).max(answered);
                self.nic_free_at = start + wire;
                start + wire + 2 * host.nic_latency_us * per_us
            }
            Op::Sleep => {
                let think = workload.think_time_us * per_us;
                let rng = &mut self.threads[thread as usize].rng;
                now + rng.exponential(think).max(1)
            }
            _ => now,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SendBuffer;

    /// A socket's bytes still queued are its own sends' stretches of the wire, not the
    /// other sockets' between them: its send on [0, 100) and another on [200, 300), with
    /// another socket's on [100, 200), leave 50 + 100 = 150 cycles of the wire at 50 (the
    /// one queue would say 250); they drain to 60 at 240 (within its last send) and to 120
    /// at 80 (within its first); a send gone is forgotten at the next push.
    #[test]
    fn a_socket_counts_only_its_own_bytes_still_to_leave() {
        let mut socket = SendBuffer::default();
        assert_eq!(socket.push(0, 100, 0), 100);
        assert_eq!(socket.push(200, 300, 50), 150);
        assert_eq!(socket.drained_to(60), 240);
        assert_eq!(socket.drained_to(120), 80);
        assert_eq!(socket.last_end(), 300);
        assert_eq!(socket.push(300, 400, 150), 200);
        assert_eq!(socket.sends.len(), 2);
        assert_eq!(socket.total, 200);
    }

    /// An inline emulated NIC's send returns after its transmit-done interrupt, when the
    /// frame (on the wire at [1 000, 1 100)) has already left at 5 000: nothing of it is
    /// queued, so the sender does not wait (the subtraction once wrapped below zero, and a
    /// sender slept on a full buffer that was empty). Pushed at 1 050, 50 cycles are left.
    #[test]
    fn a_frame_gone_before_its_send_returns_leaves_nothing_queued() {
        let mut socket = SendBuffer::default();
        assert_eq!(socket.push(1_000, 1_100, 5_000), 0);
        assert_eq!(socket.push(6_000, 6_100, 6_050), 50);
    }
}
