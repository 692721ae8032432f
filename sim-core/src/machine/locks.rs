//! Guest SMP synchronisation: one guest kernel spinlock per instance, shared by its
//! vCPUs; waiters spin, lock-holder preemption, pause-loop exiting and PV spinlocks.
//!
//! A workload's `lock_percent` of operations take the lock after their compute burst:
//! the thread holds it for `lock_hold_cycles` of guest kernel work (a *preemptible*
//! item: the host scheduler can take the vCPU away in the middle, which is lock-holder
//! preemption), releases it, then issues the operation (whose latency counts from when
//! the thread went for the lock). A thread that finds the lock held joins a FIFO queue
//! (ticket and queued spinlocks hand the lock over in arrival order) and spins, charged
//! as guest kernel time, until the release hands it the lock: the release cuts the
//! waiter's spin at that cycle (no polling events). A waiter whose vCPU was preempted
//! gets the lock all the same and holds it while it waits for a pCPU (lock-waiter
//! preemption). The guest kernel never switches a thread off its vCPU while it holds
//! or waits for the lock (preemption is disabled there).
//!
//! - **Native and containers**: the kernel that holds the lock is the host's own, so it
//!   defers a preemption until the lock is released (Linux `preempt_count`): lock items
//!   are never cut by the scheduler, and spinning goes on until the lock comes.
//! - **Pause-loop exiting** (hardware assist, hybrid; `Stack::ple`): a spin longer than
//!   the vCPU's PLE window exits (`pause_loop`); the hypervisor yields the pCPU to a
//!   preempted vCPU of the same VM that was in kernel mode, scanning round robin from
//!   the last one it boosted (KVM `kvm_vcpu_on_spin`), or re-enters the guest if there
//!   is none. Each PAUSE-loop exit doubles the window; scheduling the vCPU in resets it.
//! - **PV spinlocks** (`para`, `hybrid`): after `pv_spin_threshold` cycles of spinning the
//!   waiter halts (`pv_wait`) and gives its pCPU away; the releaser that hands it the
//!   lock kicks it (`pv_kick`), and the host scheduler wakes its vCPU.

use std::collections::VecDeque;

use super::item::{Item, SpinEnd};
use super::{slot, EntityState, Machine};
use crate::engine::Cycles;
use crate::path::Category;
use crate::platform::Technique;
use crate::workload::Op;

/// Where a thread is with the guest kernel's spinlock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum LockPhase {
    #[default]
    None,
    /// The drawn operation takes the lock once the burst before it is done.
    Want(Op),
    /// In the lock's queue since `since`: spinning (or preempted while spinning),
    /// `spun` cycles since it last halted; `halted` while it waits in `pv_wait`.
    Waiting {
        op: Op,
        since: Cycles,
        spun: u64,
        halted: bool,
    },
    /// Holding the lock, `left` cycles of the critical section to go.
    Holding { op: Op, since: Cycles, left: u64 },
    /// Released the lock; the operation comes next.
    Released { op: Op, since: Cycles },
}

impl LockPhase {
    /// Holding or waiting for the lock: guest kernel code with preemption disabled.
    fn in_lock(self) -> bool {
        matches!(self, LockPhase::Waiting { .. } | LockPhase::Holding { .. })
    }
}

/// The spinlock of one instance's guest kernel.
#[derive(Debug, Clone, Default)]
pub(super) struct GuestLock {
    pub holder: Option<u32>,
    /// Waiting threads in arrival order, with the vCPU each spins on.
    pub waiters: VecDeque<(u32, u32)>,
    /// Index (among the instance's vCPUs) of the last directed-yield target.
    pub last_boosted: u32,
}

impl Machine {
    /// The next item of thread `t` on vCPU `e` if the spinlock decides it. Returns true
    /// if an item was started. Called only for workloads that take the lock.
    pub(super) fn lock_step(&mut self, p: u32, e: u32, instance: u32, t: u32, now: Cycles) -> bool {
        let ti = t as usize;
        match self.lock_phase[ti] {
            LockPhase::None => {
                let gi = self.instances[instance as usize].group as usize;
                let th = &mut self.threads[ti];
                if th.next_op.is_none() && th.burst_left == 0 {
                    let group = &self.groups[gi];
                    let (burst, op) = group.sampler.draw(&mut th.rng);
                    th.burst_left = burst;
                    th.next_op = op;
                    if let Some(op) = op {
                        if th.rng.below(100) < u64::from(group.lock_percent) {
                            // The burst runs as usual; the lock comes at its end.
                            th.next_op = None;
                            self.lock_phase[ti] = LockPhase::Want(op);
                        }
                    }
                }
                false
            }
            LockPhase::Want(_) if self.threads[ti].burst_left > 0 => false,
            LockPhase::Want(op) => {
                self.acquire(p, e, instance, t, op, now);
                true
            }
            LockPhase::Waiting { .. } => {
                self.start_spin(p, e, instance, t, now);
                true
            }
            LockPhase::Holding { .. } => {
                self.start_critical(p, e, instance, t, now);
                true
            }
            LockPhase::Released { op, since } => {
                self.lock_phase[ti] = LockPhase::None;
                let gi = self.instances[instance as usize].group;
                self.plan(
                    p,
                    Item::LockedOp {
                        thread: t,
                        op,
                        started: since,
                    },
                    Some(instance),
                    gi,
                    op.name(),
                );
                self.push_op(p, instance as usize, op);
                self.start(p, now);
                true
            }
        }
    }

    /// Thread `t` on vCPU `e` goes for the lock: takes it if free, else queues and spins.
    fn acquire(&mut self, p: u32, e: u32, instance: u32, t: u32, op: Op, now: Cycles) {
        let ii = instance as usize;
        let hold = self.groups[self.instances[ii].group as usize].lock_hold;
        self.instances[ii].counters.lock_acquired += 1;
        let lock = &mut self.guest_locks[ii];
        if lock.holder.is_none() {
            lock.holder = Some(t);
            self.lock_phase[t as usize] = LockPhase::Holding {
                op,
                since: now,
                left: hold,
            };
            self.start_critical(p, e, instance, t, now);
        } else {
            lock.waiters.push_back((t, e));
            self.instances[ii].counters.lock_contended += 1;
            self.lock_phase[t as usize] = LockPhase::Waiting {
                op,
                since: now,
                spun: 0,
                halted: false,
            };
            self.start_spin(p, e, instance, t, now);
        }
    }

    /// Whether lock items are the host kernel's own (native, containers): never cut.
    fn host_kernel_lock(&self) -> bool {
        !self.spec.stack.is_vm()
    }

    /// Whether the guest uses PV spinlocks (`para`, and `hybrid` with that enlightenment).
    fn pv_spinlocks(&self) -> bool {
        self.spec.stack.is_vm()
            && match self.spec.stack.technique {
                Some(Technique::Para) => true,
                Some(Technique::Hybrid) => self.spec.stack.enlightenments.pv_spinlocks,
                _ => false,
            }
    }

    /// The critical section (or the part of it that fits before the scheduler looks).
    fn start_critical(&mut self, p: u32, e: u32, instance: u32, t: u32, now: Cycles) {
        let LockPhase::Holding { left, .. } = self.lock_phase[t as usize] else {
            return;
        };
        let host = self.host_kernel_lock();
        let hold = if host {
            left
        } else {
            left.min(self.room(p, e, now))
        }
        .max(1);
        let gi = self.instances[instance as usize].group;
        self.plan(
            p,
            Item::Critical { thread: t, hold },
            Some(instance),
            gi,
            "lock held",
        );
        self.add_compute(p, e, now, Category::GuestKernel, hold);
        self.pcpus[p as usize].no_preempt = host;
        self.start(p, now);
    }

    /// A stretch of spinning: until the scheduler looks again, the PLE window is used
    /// up, or the PV threshold is reached, whichever comes first (the release may cut
    /// it earlier).
    fn start_spin(&mut self, p: u32, e: u32, instance: u32, t: u32, now: Cycles) {
        let LockPhase::Waiting { spun, .. } = self.lock_phase[t as usize] else {
            return;
        };
        let host = self.host_kernel_lock();
        let (mut len, mut end) = if host {
            // Not preemptible: spin in tick-long stretches until the lock comes.
            (self.tick_cycles, SpinEnd::Room)
        } else {
            (self.room(p, e, now), SpinEnd::Room)
        };
        let costs = &self.spec.costs;
        if self.spec.stack.ple {
            let window = self.ple_window(e);
            if window <= len {
                len = window;
                end = SpinEnd::PauseLoop;
            }
        }
        if self.pv_spinlocks() {
            let threshold = costs.pv_spin_threshold(self.spec.host.cpu);
            let left = threshold.saturating_sub(spun).max(1);
            if left <= len {
                len = left;
                end = SpinEnd::PvWait;
            }
        }
        let gi = self.instances[instance as usize].group;
        self.plan(
            p,
            Item::Spin {
                thread: t,
                end,
                len,
            },
            Some(instance),
            gi,
            "lock spin",
        );
        self.add_compute(p, e, now, Category::GuestKernel, len);
        match end {
            SpinEnd::Room => {}
            SpinEnd::PauseLoop => self.plan_path(p, slot::LOCK_PLE),
            SpinEnd::PvWait => self.plan_path(p, slot::LOCK_WAIT),
        }
        self.pcpus[p as usize].no_preempt = host;
        self.start(p, now);
    }

    /// What ran of a cut lock item goes to its thread's bookkeeping.
    pub(super) fn lock_item_cut(&mut self, item: Item, ran: u64) {
        match item {
            Item::Critical { thread, .. } => {
                if let LockPhase::Holding { left, .. } = &mut self.lock_phase[thread as usize] {
                    *left = left.saturating_sub(ran).max(1);
                }
            }
            Item::Spin { thread, .. } => {
                if let LockPhase::Waiting { spun, .. } = &mut self.lock_phase[thread as usize] {
                    *spun += ran;
                }
                let instance = self.threads[thread as usize].instance as usize;
                self.instances[instance].counters.lock_spin_cycles += ran;
            }
            _ => {}
        }
    }

    /// Whether the guest may switch the thread on vCPU `e` off it (not while it holds or
    /// waits for the spinlock, nor during a TLB shootdown).
    pub(super) fn guest_may_preempt(&self, e: u32) -> bool {
        self.entities[e as usize]
            .thread
            .is_none_or(|t| !self.lock_phase[t as usize].in_lock() && !self.in_shootdown(t))
    }

    /// A critical-section item of thread `t` ended on `p`. Returns true if the pCPU has
    /// been given its next item.
    pub(super) fn critical_done(&mut self, p: u32, e: u32, t: u32, hold: u64, now: Cycles) -> bool {
        let LockPhase::Holding { op, since, left } = self.lock_phase[t as usize] else {
            return false;
        };
        let left = left.saturating_sub(hold);
        if left > 0 {
            // The scheduler looks now (and may preempt the holder).
            self.lock_phase[t as usize] = LockPhase::Holding { op, since, left };
            return false;
        }
        self.lock_phase[t as usize] = LockPhase::Released { op, since };
        let _ = e;
        let instance = self.threads[t as usize].instance;
        if let Some(target) = self.release(instance, now) {
            // pv_kick: the releaser wakes the halted waiter it handed the lock to.
            let gi = self.instances[instance as usize].group;
            self.plan(p, Item::Kick { target }, Some(instance), gi, "lock kick");
            self.plan_path(p, slot::LOCK_KICK);
            self.start(p, now);
            return true;
        }
        false
    }

    /// The holder releases the lock of `instance` at `now`: the first waiter gets it. A
    /// spinning waiter stops spinning now; a preempted one holds it as soon as it runs;
    /// a halted (PV) one is returned, to be kicked.
    fn release(&mut self, instance: u32, now: Cycles) -> Option<u32> {
        let ii = instance as usize;
        let hold = self.groups[self.instances[ii].group as usize].lock_hold;
        let lock = &mut self.guest_locks[ii];
        lock.holder = None;
        let (w, we) = lock.waiters.pop_front()?;
        let LockPhase::Waiting {
            op, since, halted, ..
        } = self.lock_phase[w as usize]
        else {
            return None;
        };
        self.guest_locks[ii].holder = Some(w);
        self.lock_phase[w as usize] = LockPhase::Holding {
            op,
            since,
            left: hold,
        };
        if halted {
            return Some(we);
        }
        let ent = &self.entities[we as usize];
        if ent.state == EntityState::Running {
            let q = ent.pcpu;
            let pc = &self.pcpus[q as usize];
            let spinning = matches!(pc.item, Some(Item::Spin { thread, .. }) if thread == w);
            if spinning && now < pc.preemptible_until {
                self.cut_item(q, now);
                if self.host_kernel_lock() {
                    // Preemption stays off into the critical section.
                    self.start_entity_item(q, now);
                } else {
                    self.schedule_next(q, now);
                }
            }
        }
        None
    }

    /// A spin item of thread `t` ended on `p` without the lock coming during its spin.
    /// Returns true if the pCPU has been given its next item.
    pub(super) fn spin_done(
        &mut self,
        p: u32,
        e: u32,
        t: u32,
        end: SpinEnd,
        len: u64,
        now: Cycles,
    ) -> bool {
        let instance = self.threads[t as usize].instance;
        self.instances[instance as usize].counters.lock_spin_cycles += len;
        let LockPhase::Waiting {
            op, since, spun, ..
        } = self.lock_phase[t as usize]
        else {
            // The lock came during the exit or halt path, or at the spin's last cycle: go
            // on to the critical section (in a host kernel, without a preemption point).
            if self.host_kernel_lock() {
                self.start_entity_item(p, now);
                return true;
            }
            return false;
        };
        let spun = spun + len;
        match end {
            SpinEnd::Room => {
                self.lock_phase[t as usize] = LockPhase::Waiting {
                    op,
                    since,
                    spun,
                    halted: false,
                };
                if self.host_kernel_lock() {
                    self.start_spin(p, e, instance, t, now);
                    return true;
                }
                false
            }
            SpinEnd::PauseLoop => {
                self.lock_phase[t as usize] = LockPhase::Waiting {
                    op,
                    since,
                    spun,
                    halted: false,
                };
                self.grow_ple_window(e);
                self.pause_loop_yield(p, e, instance, now)
            }
            SpinEnd::PvWait => {
                // pv_wait: the vCPU blocks with its thread until the releaser kicks it.
                self.lock_phase[t as usize] = LockPhase::Waiting {
                    op,
                    since,
                    spun: 0,
                    halted: true,
                };
                self.leave_pcpu(p, now);
                let ent = &mut self.entities[e as usize];
                ent.state = EntityState::Idle;
                ent.polling = false;
                self.schedule_next(p, now);
                true
            }
        }
    }

    /// vCPU `e`'s current PLE window.
    pub(super) fn ple_window(&self, e: u32) -> u64 {
        match self.ple_windows[e as usize] {
            0 => self.spec.costs.ple_window,
            w => w,
        }
        .max(1)
    }

    /// A PAUSE-loop exit of vCPU `e`: its window grows under KVM (`fair`: `grow_ple_window`
    /// in `handle_pause`); Xen (`credit`, `round_robin`) keeps the `ple_window` it set
    /// in the VMCS at boot.
    pub(super) fn grow_ple_window(&mut self, e: u32) {
        if self.spec.scheduler != crate::platform::SchedulerKind::Fair {
            return;
        }
        self.ple_windows[e as usize] = self
            .ple_window(e)
            .saturating_mul(self.spec.costs.ple_window_grow.max(1))
            .min(u64::from(u32::MAX));
    }

    /// A preempted vCPU of `instance` (other than `e`) that was in guest kernel mode
    /// (holding or waiting for the lock) or has a shootdown IPI pending (KVM's
    /// `kvm_arch_dy_has_pending_interrupt`) and may run on `p`, scanning round robin from
    /// the last one boosted.
    pub(super) fn yield_candidate(&mut self, instance: u32, e: u32, p: u32) -> Option<u32> {
        let rt = &self.instances[instance as usize];
        let n = rt.vcpus.max(1);
        let first = rt.first_entity;
        let start = self.guest_locks[instance as usize].last_boosted;
        for k in 1..=n {
            let index = (start + k) % n;
            let c = first + index;
            if c == e {
                continue;
            }
            let ent = &self.entities[c as usize];
            if ent.state != EntityState::Runnable || !self.eligible(c, p) {
                continue;
            }
            let in_kernel = ent
                .thread
                .is_some_and(|t| self.lock_phase[t as usize].in_lock())
                || self.has_flush_pending(c);
            if in_kernel {
                self.guest_locks[instance as usize].last_boosted = index;
                return Some(c);
            }
        }
        None
    }
}
