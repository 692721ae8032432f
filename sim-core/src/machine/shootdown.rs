//! Remote TLB shootdowns: a thread that changes its address space's mappings
//! (`tlb_shootdown`) flushes its own TLB, sends an IPI to every other CPU of the
//! instance that may cache them, and spins until each has flushed and acknowledged
//! (Linux `flush_tlb_mm_range` → `smp_call_function_many`, with preemption off).
//!
//! Targets are the other vCPUs (process slots) of the instance that run a thread, and only
//! for a workload whose threads share one address space (`shared_address_space`; threads
//! of processes of their own have no other CPU to flush); an idle one is in lazy TLB mode
//! and is skipped. A *running* target acknowledges after
//! the IPI's round trip (`shootdown_ack_path`). A *preempted* one is where the stacks
//! differ:
//! - natively and in containers the kernel that sends is the one that scheduled the
//!   target out, so a preempted thread's CPU is no longer in the address space's CPU
//!   mask: no IPI, no wait;
//! - a guest kernel does not know that its vCPU is preempted: it sends the IPI (which
//!   exits under hardware assist) and spins until the target's vCPU runs again and
//!   takes the interrupt, the same waiting as lock-holder preemption (and, like a
//!   spinlock waiter, it spins in a PAUSE loop that pause-loop exiting cuts, yielding to
//!   a preempted vCPU with a pending interrupt, KVM `kvm_vcpu_on_spin`);
//! - with PV TLB flush (hybrid) the sender reads the target's `preempted` flag in its
//!   steal-time area, sets flush-on-next-entry and neither sends the IPI nor waits; a
//!   Xen PV kernel asks the hypervisor, which knows which vCPUs run (para).

use super::item::Item;
use super::item::SpinEnd;
use super::{slot, EntityState, Event, Machine};
use crate::engine::Cycles;
use crate::path::Category;
use crate::platform::Technique;
use crate::workload::Op;

/// Where a thread is with its shootdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum FlushPhase {
    #[default]
    None,
    /// The IPIs are still to send: `ipis` of them, `running` if a running target must
    /// acknowledge, `acks` preempted targets to wait for.
    Send {
        since: Cycles,
        ipis: u32,
        running: bool,
        acks: u32,
    },
    /// Waiting for `acks` preempted targets to run and acknowledge.
    Wait { since: Cycles, acks: u32 },
}

impl Machine {
    /// Whether a preempted target costs the sender neither an IPI nor a wait.
    fn flush_skips_preempted(&self) -> bool {
        let stack = &self.spec.stack;
        !stack.is_vm()
            || match stack.technique {
                Some(Technique::Para) => true,
                Some(Technique::Hybrid) => stack.enlightenments.pv_tlb_flush,
                _ => false,
            }
    }

    /// Thread `t` on entity `e` issued a shootdown (its latency counts from `since`): pick
    /// the targets, note the handler each will run (or PV TLB flush's flush on entry); the
    /// IPIs go out as the thread's next item.
    pub(super) fn shootdown_start(&mut self, e: u32, t: u32, since: Cycles) {
        let instance = self.threads[t as usize].instance as usize;
        let (first, n) = (
            self.instances[instance].first_entity,
            self.instances[instance].vcpus,
        );
        let skip = self.flush_skips_preempted();
        let (mut ipis, mut running, mut acks) = (0u32, false, 0u32);
        // Processes of their own: no other CPU runs this address space.
        let gi = self.instances[instance].group as usize;
        let n = if self.groups[gi].workload.shared_address_space {
            n
        } else {
            0
        };
        for c in first..first + n {
            let ent = &self.entities[c as usize];
            if c == e || ent.thread.is_none() {
                continue;
            }
            match ent.state {
                EntityState::Running => {
                    ipis += 1;
                    running = true;
                    self.flush_pending[c as usize].0 += 1;
                }
                EntityState::Runnable if !skip => {
                    ipis += 1;
                    acks += 1;
                    self.flush_waiters[c as usize].push(t);
                    self.flush_pending[c as usize].0 += 1;
                }
                // PV TLB flush: the preempted vCPU flushes its TLB on its next entry.
                EntityState::Runnable if self.spec.stack.is_vm() => {
                    self.flush_pending[c as usize].1 |=
                        self.spec.stack.technique == Some(Technique::Hybrid);
                }
                _ => {}
            }
        }
        self.flush_phase[t as usize] = FlushPhase::Send {
            since,
            ipis,
            running,
            acks,
        };
    }

    /// The next item of thread `t` on vCPU `e` if its shootdown decides it. Returns true
    /// if an item was started.
    pub(super) fn flush_step(
        &mut self,
        p: u32,
        e: u32,
        instance: u32,
        t: u32,
        now: Cycles,
    ) -> bool {
        let gi = self.instances[instance as usize].group;
        match self.flush_phase[t as usize] {
            FlushPhase::None => false,
            FlushPhase::Send {
                since,
                ipis,
                running,
                acks,
            } => {
                self.plan(
                    p,
                    Item::FlushSend { thread: t },
                    Some(instance),
                    gi,
                    "tlb shootdown IPIs",
                );
                if ipis > 0 {
                    // PV send-IPI: one hypercall for every target (an empty path without).
                    self.plan_path(p, slot::SHOOTDOWN_PV_SEND_IPI);
                    self.plan_repeat(p, slot::SHOOTDOWN_IPI, ipis);
                }
                if running {
                    self.plan_path(p, slot::SHOOTDOWN_ACK);
                }
                self.flush_phase[t as usize] = FlushPhase::Wait { since, acks };
                self.start(p, now);
                true
            }
            FlushPhase::Wait { since, acks: 0 } => {
                self.flush_phase[t as usize] = FlushPhase::None;
                self.record(instance as usize, Op::TlbShootdown, now - since);
                false
            }
            FlushPhase::Wait { .. } => {
                self.start_flush_spin(p, e, instance, t, now);
                true
            }
        }
    }

    /// The IPIs of thread `t` went out: done if no preempted target is awaited.
    pub(super) fn flush_sent(&mut self, t: u32, now: Cycles) {
        if let FlushPhase::Wait { since, acks: 0 } = self.flush_phase[t as usize] {
            self.flush_phase[t as usize] = FlushPhase::None;
            let instance = self.threads[t as usize].instance as usize;
            self.record(instance, Op::TlbShootdown, now - since);
        }
    }

    /// A stretch of spinning for the acknowledgements: until the scheduler looks again or
    /// the PLE window is used up (the last acknowledgement may cut it earlier).
    fn start_flush_spin(&mut self, p: u32, e: u32, instance: u32, t: u32, now: Cycles) {
        let (mut len, mut end) = (self.room(p, e, now), SpinEnd::Room);
        if self.spec.stack.ple {
            let window = self.ple_window(e);
            if window <= len {
                len = window;
                end = SpinEnd::PauseLoop;
            }
        }
        let gi = self.instances[instance as usize].group;
        self.plan(
            p,
            Item::FlushSpin {
                thread: t,
                end,
                len,
            },
            Some(instance),
            gi,
            "tlb shootdown wait",
        );
        self.add_compute(p, e, now, Category::GuestKernel, len);
        if end == SpinEnd::PauseLoop {
            self.plan_path(p, slot::LOCK_PLE);
        }
        self.start(p, now);
    }

    /// A spin of thread `t` on vCPU `e` ended on `p`. After a PAUSE-loop exit with
    /// acknowledgements still missing, returns the preempted vCPU to yield to, if any.
    pub(super) fn flush_spin_done(
        &mut self,
        p: u32,
        e: u32,
        t: u32,
        end: SpinEnd,
        len: u64,
        now: Cycles,
    ) -> bool {
        let instance = self.threads[t as usize].instance;
        self.instances[instance as usize]
            .counters
            .shootdown_wait_cycles += len;
        let waiting =
            matches!(self.flush_phase[t as usize], FlushPhase::Wait { acks, .. } if acks > 0);
        if end != SpinEnd::PauseLoop || !waiting {
            return false;
        }
        self.grow_ple_window(e);
        self.pause_loop_yield(p, e, instance, now)
    }

    /// Cycles of a cut spin count as waiting.
    pub(super) fn flush_item_cut(&mut self, item: Item, ran: u64) {
        if let Item::FlushSpin { thread, .. } = item {
            let instance = self.threads[thread as usize].instance as usize;
            self.instances[instance].counters.shootdown_wait_cycles += ran;
        }
    }

    /// Entity `e` is scheduled in at `now`: the IPIs pending for it are taken at entry and
    /// acknowledged once its handler has run.
    pub(super) fn flush_switch_in(&mut self, e: u32, now: Cycles) {
        if self.flush_waiters[e as usize].is_empty() {
            return;
        }
        let Some(instance) = self.entities[e as usize].instance() else {
            return;
        };
        let gi = self.instances[instance as usize].group as usize;
        let ack = self.groups[gi].costs[slot::SHOOTDOWN_ACK].total.max(1);
        self.queue
            .schedule(now + ack, Event::FlushAck { entity: e });
    }

    /// Entity `e` acknowledged the shootdowns waiting for it; a sender whose last
    /// acknowledgement this is stops spinning now.
    pub(super) fn flush_ack(&mut self, e: u32, now: Cycles) {
        let waiters = std::mem::take(&mut self.flush_waiters[e as usize]);
        for t in waiters {
            let FlushPhase::Wait { acks, .. } = &mut self.flush_phase[t as usize] else {
                continue;
            };
            *acks = acks.saturating_sub(1);
            if *acks > 0 {
                continue;
            }
            let instance = self.threads[t as usize].instance as usize;
            let rt = &self.instances[instance];
            let sender = (rt.first_entity..rt.first_entity + rt.vcpus)
                .find(|&c| self.entities[c as usize].thread == Some(t));
            let Some(sender) = sender else { continue };
            let ent = &self.entities[sender as usize];
            if ent.state != EntityState::Running {
                continue;
            }
            let q = ent.pcpu;
            let pc = &self.pcpus[q as usize];
            let spinning = matches!(pc.item, Some(Item::FlushSpin { thread, .. }) if thread == t);
            if spinning && now < pc.preemptible_until {
                self.cut_item(q, now);
                self.schedule_next(q, now);
            }
        }
    }

    /// Whether vCPU `c` has a shootdown IPI pending (a directed-yield candidate).
    pub(super) fn has_flush_pending(&self, c: u32) -> bool {
        !self.flush_waiters[c as usize].is_empty()
    }

    /// vCPU `e` handles the shootdown IPIs it took (charged to it), and flushes its TLB if
    /// PV TLB flush asked it to, as one item before its next one.
    pub(super) fn start_flush_handler(&mut self, p: u32, e: u32, instance: u32, now: Cycles) {
        let (n, on_entry) = std::mem::take(&mut self.flush_pending[e as usize]);
        let gi = self.instances[instance as usize].group;
        self.plan(p, Item::FlushHandler, Some(instance), gi, "tlb flush IPI");
        if n > 0 {
            self.plan_repeat(p, slot::SHOOTDOWN_HANDLER, n);
        }
        if on_entry {
            self.plan_path(p, slot::FLUSH_ON_ENTRY);
        }
        self.start(p, now);
    }

    /// Whether thread `t` has issued a shootdown whose IPIs are still to go out.
    pub(super) fn shootdown_sending(&self, t: u32) -> bool {
        matches!(self.flush_phase[t as usize], FlushPhase::Send { .. })
    }

    /// Whether thread `t` is inside a shootdown (preemption off).
    pub(super) fn in_shootdown(&self, t: u32) -> bool {
        self.flush_phase[t as usize] != FlushPhase::None
    }
}
