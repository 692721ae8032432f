//! Interrupt delivery by the target vCPU's state (virtualization-costs.md section 8): a
//! completion for a halted vCPU wakes it through the host scheduler and is injected at
//! entry; one for a running vCPU forces an external-interrupt exit (unless interrupts
//! are posted); one for a vCPU waiting for a pCPU or polling is injected at its next
//! entry. A completion whose ring the guest is already going to read raises no interrupt
//! (a PV ring's notification suppression; natively NAPI's and NVMe's polling). Interrupt coalescing (`irq_coalesce_us`, `irq_coalesce_frames`) holds a device's
//! completions until enough have gathered or the first has waited long enough, and one
//! interrupt delivers them all: fewer interrupts and exits, longer waits.

use super::{EntityState, Machine};
use crate::engine::Cycles;
use crate::path::VcpuState;
use crate::platform::IoModel;

/// Completions of one device held by interrupt coalescing.
#[derive(Debug, Clone, Default)]
pub(super) struct Coalesced {
    /// Threads whose completions wait, oldest first.
    pub threads: Vec<u32>,
    /// The NIC's transmit completions waiting with them (`hold_tx_done`).
    pub tx: u32,
    /// Bumped at each flush, so that a stale delay timer is ignored.
    pub generation: u32,
}

impl Machine {
    /// The completion of `thread`'s pending operation reaches its instance at `now`,
    /// unless interrupt coalescing holds it for others of the same device.
    pub(super) fn deliver(&mut self, thread: u32, now: Cycles) {
        let delay = self.spec.stack.irq_coalesce_us;
        let ring = self.threads[thread as usize]
            .pending
            .and_then(|p| super::io::ring_of(p.op));
        let (Some(r), true) = (ring, delay > 0) else {
            self.deliver_now(thread, false, now);
            return;
        };
        let instance = self.threads[thread as usize].instance as usize;
        self.instances[instance].coalesced[r].threads.push(thread);
        self.held_one_more(instance, r, now);
    }

    /// A send's transmit completion (`io.rs`, `tx_done`) waits with the NIC's other
    /// completions under the same rule: the NIC moderates its interrupts, whatever their
    /// cause (an e1000's ITR, `ethtool -C`), and one interrupt's handler takes every cause
    /// pending (ICR read once). With a receive's completion in the same batch the transmit
    /// completion costs nothing more; alone it raises the transmit-done interrupt.
    pub(super) fn hold_tx_done(&mut self, instance: usize, now: Cycles) {
        let nic = 1;
        self.instances[instance].coalesced[nic].tx += 1;
        self.held_one_more(instance, nic, now);
    }

    /// Device `r` of `instance` holds one completion more: the batch goes out once it
    /// holds `irq_coalesce_frames`, or `irq_coalesce_us` after its first.
    fn held_one_more(&mut self, instance: usize, r: usize, now: Cycles) {
        let delay = self.spec.stack.irq_coalesce_us;
        let held = &self.instances[instance].coalesced[r];
        let count = held.threads.len() + held.tx as usize;
        let generation = held.generation;
        let frames = self.spec.stack.irq_coalesce_frames as usize;
        if frames > 0 && count >= frames {
            self.coalesce_flush(instance, r, generation, now);
        } else if count == 1 {
            self.queue.schedule(
                now + delay * self.spec.host.cycles_per_us(),
                super::Event::CoalesceFlush {
                    instance: instance as u32,
                    ring: r as u8,
                    generation,
                },
            );
        }
    }

    /// The held completions of `instance`'s device `ring` go out, under one interrupt.
    pub(super) fn coalesce_flush(
        &mut self,
        instance: usize,
        ring: usize,
        generation: u32,
        now: Cycles,
    ) {
        let held = &mut self.instances[instance].coalesced[ring];
        if held.generation != generation {
            return;
        }
        held.generation = held.generation.wrapping_add(1);
        let threads = std::mem::take(&mut held.threads);
        let tx = std::mem::take(&mut held.tx);
        if self.instances[instance].dead {
            return;
        }
        for (k, &thread) in threads.iter().enumerate() {
            self.deliver_now(thread, k > 0, now);
        }
        // Transmit completions alone raise their own interrupt; with a completion of a
        // blocked operation in the batch, its handler takes them too.
        if tx > 0 && threads.is_empty() {
            self.tx_completion_event(instance, now);
        }
        // Keep the buffer's allocation for the next batch.
        let held = &mut self.instances[instance].coalesced[ring];
        if held.threads.is_empty() {
            held.threads = threads;
            held.threads.clear();
        }
    }

    /// The completion of `thread`'s pending operation reaches its instance at `now`;
    /// `batched`: an earlier completion of the same batch already raised the interrupt.
    fn deliver_now(&mut self, thread: u32, batched: bool, now: Cycles) {
        let instance = self.threads[thread as usize].instance as usize;
        let Some(mut pending) = self.threads[thread as usize].pending else {
            return;
        };
        // A page-in is the host's read, not a request on the guest's ring.
        let ring = super::io::ring_of(pending.op).filter(|_| !pending.swap_in);
        // A completion queue that its driver drains: while an earlier completion waits to
        // be processed, the driver is about to read the queue and this one needs no
        // interrupt of its own: a PV ring's notification suppression (VIRTIO 1.1), and
        // natively an NVMe/AHCI handler that reaps every finished entry, a NIC under NAPI.
        // A device passed through to a guest still raises a physical interrupt that the
        // hypervisor forwards for each completion (unless it moderates them:
        // `irq_coalesce_us`), and an emulated legacy device (IDE-like, one command at a
        // time) interrupts for each.
        let queued = ring.is_some()
            && (!self.spec.stack.is_vm() || self.spec.stack.io == IoModel::Paravirtual);
        let mut irq = !batched;
        if let (true, Some(r)) = (queued, ring) {
            let ring = &mut self.instances[instance].rings[r];
            irq = irq && ring.irq_pending == 0;
            ring.irq_pending += 1;
        }
        // Where the interrupt goes: a polling vCPU picks it up at once; otherwise a
        // halted one is woken; otherwise a running one is interrupted.
        // Each look at the vCPUs only when the one before found none (only halt polling
        // sets `polling`, so without it none polls).
        let rt = &self.instances[instance];
        let range = rt.first_entity..rt.first_entity + rt.vcpus;
        let polling = if self.spec.stack.halt_poll_us > 0 {
            range.clone().find(|&e| self.entities[e as usize].polling)
        } else {
            None
        };
        let halted = polling
            .is_none()
            .then(|| rt.halted.last().copied())
            .flatten();
        let running = if polling.is_none() && halted.is_none() {
            range
                .clone()
                .find(|&e| self.entities[e as usize].state == EntityState::Running)
        } else {
            None
        };
        let state = if polling.is_some() {
            VcpuState::Waiting
        } else if halted.is_some() {
            // A suppressed completion still needs a vCPU to run it: the wake-up is the
            // interrupt then.
            irq = true;
            VcpuState::Halted
        } else if running.is_some() {
            VcpuState::Running
        } else {
            VcpuState::Waiting
        };
        pending.delivery = irq.then_some(state);
        self.threads[thread as usize].pending = Some(pending);
        self.instances[instance].ready.push_back(thread);
        if let Some(e) = polling {
            self.entities[e as usize].polling = false;
            let p = self.entities[e as usize].pcpu;
            if self.cut(p, now) {
                self.schedule_next(p, now);
            }
        } else if halted.is_some() {
            let e = self.instances[instance].halted.pop().expect("halted vCPU");
            self.make_runnable(e, now);
        } else if let (Some(e), true) = (running, irq) {
            // The interrupt preempts the running thread in the guest (its handler runs
            // now and the woken thread is scheduled by the guest).
            self.guest_preempt(e, now);
        }
    }

    /// Guest-level wake-up preemption: vCPU `e`'s running compute is cut so that its
    /// guest kernel handles the interrupt and runs the woken thread.
    pub(super) fn guest_preempt(&mut self, e: u32, now: Cycles) {
        let p = self.entities[e as usize].pcpu;
        if self.pcpus[p as usize].current != Some(e) {
            return;
        }
        if !matches!(
            self.pcpus[p as usize].item,
            Some(super::item::Item::Work { .. })
        ) {
            return;
        }
        let resched = self.pcpus[p as usize].resched;
        if self.cut(p, now) {
            let instance = self.entities[e as usize].instance().expect("vCPU") as usize;
            if let Some(t) = self.entities[e as usize].thread.take() {
                self.instances[instance].ready.push_back(t);
            }
            self.pcpus[p as usize].resched = resched;
            self.schedule_next(p, now);
        } else {
            self.pcpus[p as usize].resched = resched;
        }
    }
}
