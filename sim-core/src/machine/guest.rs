//! The guest level: the guest kernel's threads on its vCPUs (or a process group's
//! threads on its slots), compute bursts with the timer ticks inside them, halting when
//! no thread is ready, KVM-style halt polling, and shadow paging's hidden page faults
//! while a switched-to address space's shadow table is refilled (`hidden_faults`).

use super::item::Item;
use super::pcpu::{room, Comp};
use super::{slot, EntityState, Machine};
use crate::engine::Cycles;
use crate::path::Category;

impl Machine {
    /// Starts the next item of vCPU `e` of `instance` on `p`.
    pub(super) fn start_vcpu_item(&mut self, p: u32, e: u32, instance: u32, now: Cycles) {
        let ii = instance as usize;
        let gi = self.instances[ii].group;
        // The IPI Xen sends inside this vCPU's event-channel send (no preemption point in
        // between: it is part of the hypercall).
        if self.event_ipi[e as usize].is_some() {
            self.start_event_ipi(p, e, instance, now);
            return;
        }
        // Shootdown IPIs taken since the vCPU last ran an item (or a PV flush on entry),
        // charged at the next point where the guest could be preempted (not inside a
        // spinlock or a shootdown of its own, which must not gain a preemption point).
        let rare = self.rare_guest;
        if rare && self.flush_pending[e as usize] != (0, false) && self.guest_may_preempt(e) {
            self.start_flush_handler(p, e, instance, now);
            return;
        }
        // A transmit-completion event from the driver domain, taken at the same points.
        if rare && self.tx_event[e as usize].is_some() && self.guest_may_preempt(e) {
            self.start_tx_event(p, e, instance, now);
            return;
        }
        // Guest scheduling: give the vCPU a thread, or halt it.
        if self.entities[e as usize].thread.is_none() {
            match self.instances[ii].ready.pop_front() {
                Some(t) => {
                    let ent = &mut self.entities[e as usize];
                    ent.thread = Some(t);
                    let switched = ent.last_thread.is_some_and(|last| last != t);
                    ent.last_thread = Some(t);
                    if switched {
                        if !self.groups[gi as usize].workload.shared_address_space {
                            self.shadow_switch(ii, t);
                        }
                        self.plan_single(
                            p,
                            Item::GuestSwitch,
                            Some(instance),
                            gi,
                            crate::workload::Op::GuestContextSwitch.name(),
                            slot::GUEST_SWITCH,
                        );
                        self.start(p, now);
                        return;
                    }
                }
                None => {
                    self.plan_single(p, Item::Halt, Some(instance), gi, "halt", slot::HALT);
                    self.start(p, now);
                    return;
                }
            }
        }
        let t = self.entities[e as usize].thread.expect("thread");
        let ti = t as usize;
        if let Some(pending) = self.threads[ti].pending {
            self.start_completion(p, instance, t, pending, now);
            return;
        }
        if rare && self.rare_step(p, e, instance, t, now) {
            return;
        }
        if !rare && self.threads[ti].role.is_none() {
            self.start_work(p, e, instance, t, now);
            return;
        }
        let th = &mut self.threads[ti];
        if th.next_op.is_none() && th.burst_left == 0 {
            let (burst, op) = if th.role.is_none() {
                self.groups[gi as usize].sampler.draw(&mut th.rng)
            } else {
                self.desktop_draw(t)
            };
            let th = &mut self.threads[ti];
            th.burst_left = burst;
            th.next_op = op;
        }
        let th = &self.threads[ti];
        let (left, next_op, shadow_cold) = (th.burst_left, th.next_op, th.shadow_cold);
        let room = self.room(p, e, now);
        let burst = left.min(room).max(1);
        if rare && shadow_cold > 0 && self.hidden_faults(p, instance, t, burst, now) {
            return;
        }
        let refill = self.cache_refill(super::cache::CacheOwner::Instance(ii), burst);
        let user = refill + burst;
        let th = &mut self.threads[ti];
        if rare && (th.balloon_batches > 0 || th.free_page_reports > 0) {
            th.balloon_credit = th.balloon_credit.saturating_add(user);
        }
        let op = if left <= room { next_op } else { None };
        let what = match op {
            Some(o) => o.name(),
            None => "compute",
        };
        self.plan(
            p,
            Item::Work {
                thread: t,
                refill,
                burst,
                op,
            },
            Some(instance),
            gi,
            what,
        );
        self.add_compute(p, e, now, Category::GuestUser, user);
        if let Some(op) = op {
            self.push_op(p, ii, op);
            if op == crate::workload::Op::NetSend && self.threads[ti].role.is_some() {
                self.desktop_send_work(p, ii, t);
            }
            if rare {
                self.touch_pages(p, ii, t);
            }
        }
        self.start(p, now);
    }

    /// After an item of vCPU `e` ended on `p` at `now`: if the scheduler keeps `e` there
    /// (no reschedule asked, inside its slice, not throttled, no credit tick due: what
    /// [`Machine::schedule_next`] checks before it starts the entity's next item), starts
    /// that item at once and returns true. When the item is its thread's work (what
    /// [`Self::start_vcpu_item`] would find: no IPI to send, a thread without a pending
    /// completion or a desktop role, none of the rarer mechanisms) it goes straight to
    /// [`Self::start_work`]. The same item either way, without the calls' checks.
    #[inline(always)]
    pub(super) fn continue_vcpu(&mut self, p: u32, e: u32, now: Cycles) -> bool {
        let pc = &self.pcpus[p as usize];
        let ent = &self.entities[e as usize];
        let super::Owner::Vcpu(instance) = ent.owner else {
            return false;
        };
        if pc.current != Some(e)
            || pc.resched
            || now >= pc.slice_end
            || ent.throttled
            || (self.spec.scheduler == crate::platform::SchedulerKind::Credit
                && now >= pc.next_credit_tick)
        {
            return false;
        }
        if let Some(t) = ent.thread {
            let th = &self.threads[t as usize];
            if !self.rare_guest
                && th.pending.is_none()
                && th.role.is_none()
                && self.event_ipi[e as usize].is_none()
            {
                self.start_work(p, e, instance, t, now);
                return true;
            }
        }
        self.start_vcpu_item(p, e, instance, now);
        true
    }

    /// Starts thread `t`'s next work on `p` (vCPU `e` of `instance`) when none of the
    /// rarer mechanisms apply (`Machine::rare_guest`) and the thread draws from its
    /// workload: what the general path above does then, with each table borrowed once.
    #[inline(always)]
    fn start_work(&mut self, p: u32, e: u32, instance: u32, t: u32, now: Cycles) {
        let ii = instance as usize;
        let Machine {
            pcpus,
            entities,
            threads,
            instances,
            groups,
            spec,
            cache_fill,
            tick_cycles,
            trace,
            ..
        } = self;
        let pc = &mut pcpus[p as usize];
        let ent = &mut entities[e as usize];
        let th = &mut threads[t as usize];
        let rt = &mut instances[ii];
        let gi = rt.group;
        let group = &groups[gi as usize];
        if th.next_op.is_none() && th.burst_left == 0 {
            let (burst, op) = group.sampler.draw(&mut th.rng);
            th.burst_left = burst;
            th.next_op = op;
        }
        let (left, next_op) = (th.burst_left, th.next_op);
        let room = room(pc, ent, spec.scheduler, now);
        let burst = left.min(room).max(1);
        let refill = rt.cache.refill(&spec.costs, cache_fill, burst);
        let user = refill + burst;
        let op = if left <= room { next_op } else { None };
        // Without scheduled back ends and untraced, the operation's guest steps, kick and
        // inline back-end work are one sum the group keeps (`push_op`'s common case): the
        // item starts from it (the additions below commute, so the total is the same).
        let summed_op = op.filter(|_| rt.backend == [None, None] && trace.is_none());
        let item = Item::Work {
            thread: t,
            refill,
            burst,
            op,
        };
        let what = match op {
            Some(o) => o.name(),
            None => "compute",
        };
        match summed_op {
            Some(o) => pc.plan_from(
                item,
                Some(instance),
                gi,
                what,
                &group.submit_kick_inline[o.index()],
            ),
            None => pc.plan(item, Some(instance), gi, what),
        }
        let (ticks, first_tick) = ticks_in(&mut ent.next_tick, now, user, *tick_cycles);
        pc.cost.total += user;
        pc.cost.by_category[Category::GuestUser as usize] += user;
        if ticks > 0 {
            pc.cost
                .add(&super::pcpu::repeated(&group.costs[slot::TIMER], ticks));
        }
        if trace.is_some() {
            pc.comps.push(Comp::Cycles(Category::GuestUser, user));
            if ticks > 0 {
                pc.comps.push(Comp::Repeat(slot::TIMER as u16, ticks));
            }
        }
        pc.user = user;
        pc.ticks = ticks;
        pc.first_tick = first_tick;
        if let Some(op) = summed_op {
            // The batched part when due, as `push_op` adds it.
            let batched = &group.costs[slot::op(op, slot::SUBMIT_BATCHED)];
            if batched.total > 0 || batched.has_exits {
                let counter = &mut rt.batch[op.index()];
                *counter += 1;
                if *counter % group.batch_every[op.index()] == 0 {
                    pc.cost.add(batched);
                }
            }
        } else if let Some(op) = op {
            self.push_op(p, ii, op);
        }
        self.start(p, now);
    }

    /// The steps of the rarer mechanisms that may come before a thread's next work (see
    /// `Machine::rare_guest`): a TLB shootdown under way, the guest kernel's spinlock, a
    /// balloon batch. Returns true if an item was started.
    #[inline(never)]
    fn rare_step(&mut self, p: u32, e: u32, instance: u32, t: u32, now: Cycles) -> bool {
        let ti = t as usize;
        let gi = self.instances[instance as usize].group;
        // A TLB shootdown under way: its IPIs, or the wait for its acknowledgements.
        if self.flush_phase[ti] != super::shootdown::FlushPhase::None
            && self.flush_step(p, e, instance, t, now)
        {
            return true;
        }
        // The guest kernel's spinlock.
        if self.groups[gi as usize].lock_percent > 0 && self.lock_step(p, e, instance, t, now) {
            return true;
        }
        if (self.threads[ti].balloon_batches > 0 || self.threads[ti].free_page_reports > 0)
            && self.balloon_turn(gi, t)
        {
            self.start_balloon_batch(p, instance, t, now);
            return true;
        }
        false
    }

    /// The operation planned on `p` by thread `t` of instance `ii` touches memory: each of
    /// its `page_touches_per_op` touches may find a swapped-out page, write a page merged
    /// by KSM, or dirty a page a migration logs, drawn touch by touch in that order (one
    /// touch: the draws of one operation).
    #[inline(never)]
    fn touch_pages(&mut self, p: u32, ii: usize, t: u32) {
        let swap = if self.instances[ii].swapped_ppm > 0 {
            self.swap_touches(p, t)
        } else {
            None
        };
        let merged = self.instances[ii].merged_ppm > 0;
        let migrating = self.migration.is_some();
        for _ in 0..self.spec.costs.page_touches_per_op.clamp(1, 64) {
            if let Some(chances) = swap {
                self.swap_touch(p, t, chances);
            }
            if merged {
                self.cow_touch(p, t);
            }
            if migrating {
                self.dirty_touch(p, t);
            }
        }
    }

    /// Adds `cycles` of preemptible compute of `category` to the item being planned on
    /// `p`, with the timer ticks that fall inside it (they run there, charged to the
    /// running thread).
    #[inline(always)]
    pub(super) fn add_compute(
        &mut self,
        p: u32,
        e: u32,
        now: Cycles,
        category: Category,
        cycles: u64,
    ) {
        let tick = self.tick_cycles;
        let (ticks, first_tick) =
            ticks_in(&mut self.entities[e as usize].next_tick, now, cycles, tick);
        self.plan_cycles(p, category, cycles);
        if ticks > 0 {
            self.plan_repeat(p, slot::TIMER, ticks);
        }
        let pc = &mut self.pcpus[p as usize];
        pc.user = cycles;
        pc.ticks = ticks;
        pc.first_tick = first_tick;
    }

    /// Adds the submit side of `op` issued by a thread of instance `ii` to the item
    /// planned on `p`: the guest's steps, the batched part when due, the kick when the
    /// back end wants one, and the back end's work when it runs inline.
    #[inline(always)]
    pub(super) fn push_op(&mut self, p: u32, ii: usize, op: crate::workload::Op) {
        let rt = &self.instances[ii];
        let gi = rt.group as usize;
        // Without scheduled back ends (their work runs inline in the hypervisor, or
        // natively) every request kicks and runs its back-end work inline.
        let (kick, inline) = if rt.backend == [None, None] {
            (true, true)
        } else {
            (self.needs_kick(ii, op), self.backend_inline(ii, op))
        };
        let group = &self.groups[gi];
        let batched = &group.costs[slot::op(op, slot::SUBMIT_BATCHED)];
        let batched_due = if batched.total > 0 || batched.has_exits {
            let counter = &mut self.instances[ii].batch[op.index()];
            *counter += 1;
            *counter % group.batch_every[op.index()] == 0
        } else {
            false
        };
        if kick && inline && self.trace.is_none() {
            // The common case, untraced: the guest's steps, the kick and the back end's
            // work summed once per group (the same sum, in one addition).
            let pc = &mut self.pcpus[p as usize];
            pc.cost.add(&group.submit_kick_inline[op.index()]);
            if batched_due {
                pc.cost.add(batched);
            }
            return;
        }
        self.plan_path(p, slot::op(op, slot::SUBMIT));
        if batched_due {
            self.plan_path(p, slot::op(op, slot::SUBMIT_BATCHED));
        }
        if kick {
            self.plan_path(p, slot::op(op, slot::KICK));
        }
        if inline {
            self.plan_path(p, slot::op(op, slot::BACKEND_SUBMIT));
        }
    }

    /// The HLT path ended on `p`. Returns true if the pCPU has been given its next item.
    pub(super) fn halt_done(&mut self, p: u32, e: u32, now: Cycles) -> bool {
        let Some(instance) = self.entities[e as usize].instance() else {
            return false;
        };
        let ii = instance as usize;
        if !self.instances[ii].ready.is_empty() {
            // A thread became ready while the halt was under way: keep running.
            return false;
        }
        let poll = self.spec.stack.halt_poll_us * self.spec.host.cycles_per_us();
        if poll > 0 && !self.has_waiting_for(p) {
            // Halt polling (Linux halt-polling.rst): spin in the host for a while before
            // blocking, so that a wake-up soon after costs no trip through the scheduler.
            self.entities[e as usize].polling = true;
            let gi = self.instances[ii].group;
            self.plan(p, Item::Poll, Some(instance), gi, "halt polling");
            self.plan_cycles(p, Category::Hypervisor, poll);
            self.pcpus[p as usize].user = poll;
            self.start(p, now);
            return true;
        }
        self.block_vcpu(p, e, now);
        true
    }

    /// vCPU `e` blocks: it leaves `p` until an interrupt wakes it.
    pub(super) fn block_vcpu(&mut self, p: u32, e: u32, now: Cycles) {
        let instance = self.entities[e as usize]
            .instance()
            .expect("only vCPUs block") as usize;
        self.leave_pcpu(p, now);
        self.entities[e as usize].state = EntityState::Idle;
        self.entities[e as usize].polling = false;
        if self.instances[instance].ready.is_empty() {
            self.instances[instance].halted.push(e);
        } else {
            self.enqueue(e, now);
        }
        self.schedule_next(p, now);
    }

    /// A completion item: the back end's inline work, the interrupt's delivery and the
    /// guest's completion work.
    fn start_completion(
        &mut self,
        p: u32,
        instance: u32,
        t: u32,
        pending: super::Pending,
        now: Cycles,
    ) {
        let ii = instance as usize;
        let gi = self.instances[ii].group;
        let op = pending.op;
        if pending.swap_in {
            self.start_swap_resume(p, instance, t, pending, now);
            return;
        }
        if let Some(ring) = super::io::ring_of(op) {
            let r = &mut self.instances[ii].rings[ring];
            r.irq_pending = r.irq_pending.saturating_sub(1);
        }
        self.disk_completion_taken(ii, op, now);
        let item = Item::Completion {
            thread: t,
            op,
            started: pending.started,
        };
        if self.trace.is_none() {
            // Untraced: the item's paths summed once per group (the same sum).
            let delivery = match (pending.delivery, self.groups[gi as usize].irq[op.index()]) {
                (Some(state), Some(_)) => 1 + state as usize,
                _ => 0,
            };
            let cost = &self.groups[gi as usize].completion[op.index()]
                [usize::from(pending.inline_backend)][delivery];
            self.pcpus[p as usize].plan_from(item, Some(instance), gi, op.name(), cost);
            self.start(p, now);
            return;
        }
        self.plan(p, item, Some(instance), gi, op.name());
        if pending.inline_backend {
            self.plan_path(p, slot::op(op, slot::BACKEND_COMPLETE));
        }
        if let (Some(state), Some(source)) =
            (pending.delivery, self.groups[gi as usize].irq[op.index()])
        {
            self.plan_path(p, super::slot::delivery(source, state));
        }
        self.plan_path(p, slot::op(op, slot::COMPLETE));
        self.start(p, now);
    }

    /// Shadow paging: the vCPU switches to thread `t`'s address space. If its shadow root
    /// is not among the `shadow_root_cache` most recent, the hypervisor rebuilds the
    /// shadow tables lazily: every page of the working set is cold again. (The first
    /// switch to a thread finds its root only because the run starts warm.)
    fn shadow_switch(&mut self, instance: usize, t: u32) {
        let pages = self.groups[self.instances[instance].group as usize].shadow_pages;
        if pages == 0 {
            return;
        }
        let keep = self.spec.costs.shadow_root_cache.max(1) as usize;
        let roots = &mut self.instances[instance].shadow_roots;
        match roots.iter().position(|&r| r == t) {
            Some(i) => {
                roots.remove(i);
            }
            // The run starts in a steady state where every address space's shadow
            // tables exist: only a root that was cached and then evicted is rebuilt.
            None => {
                let th = &mut self.threads[t as usize];
                if th.shadow_evictable {
                    th.shadow_cold = pages;
                    th.shadow_paid = false;
                }
                th.shadow_evictable = true;
            }
        }
        roots.insert(0, t);
        roots.truncate(keep);
    }

    /// Shadow paging: before a burst of `burst` cycles, the hidden page faults of the cold
    /// pages it touches (a 4 KiB page every 4 × `cache_touch_cycles_per_kib` cycles of
    /// compute), as one item on `p`. Returns whether an item was started.
    fn hidden_faults(&mut self, p: u32, instance: u32, t: u32, burst: u64, now: Cycles) -> bool {
        let per_page = self.spec.costs.cache_touch_cycles_per_kib.max(1) * 4;
        let gi = self.instances[instance as usize].group;
        let th = &mut self.threads[t as usize];
        if th.shadow_paid {
            th.shadow_paid = false;
            return false;
        }
        let touched = (th.shadow_carry + burst) / per_page;
        th.shadow_carry = (th.shadow_carry + burst) % per_page;
        // At most 4096 faults per item (exit counts of an item are 16-bit); the rest
        // come with the next bursts.
        let n = th.shadow_cold.min(touched).min(4096);
        if n == 0 {
            return false;
        }
        th.shadow_cold -= n;
        th.shadow_paid = true;
        self.plan(
            p,
            Item::GuestSwitch,
            Some(instance),
            gi,
            crate::path::ExitReason::HiddenPageFault.name(),
        );
        self.plan_repeat(p, slot::HIDDEN_FAULT, n as u32);
        self.start(p, now);
        true
    }
}

/// The timer ticks that fall in `cycles` of compute from `now`, the next due at
/// `next_tick` (moved past them): how many, and when the first comes after `now`.
#[inline(always)]
pub(super) fn ticks_in(
    next_tick: &mut Cycles,
    now: Cycles,
    cycles: u64,
    tick: Cycles,
) -> (u32, Cycles) {
    if *next_tick < now + cycles {
        let first = (*next_tick).max(now);
        let n = (now + cycles - 1 - first) / tick + 1;
        *next_tick = first + n * tick;
        (n as u32, first - now)
    } else {
        (0, 0)
    }
}
