//! The host-level schedulers: which entity (vCPU, process slot, back end, host process)
//! runs on which pCPU. Credit (Xen's credit1: weights, caps, 30 ms slices and accounting,
//! 10 ms ticks that fill its active list, BOOST for woken vCPUs, wake-up preemption by
//! priority), fair share (CFS-like: virtual runtime, a slice that shrinks with the number of
//! runnable entities, wake-up preemption) and round robin.
//! A preemption cuts the running compute at the cycle it happens ([`Machine::cut`]).

use std::cmp::Reverse;

use super::cache::CacheOwner;
use super::item::Item;
use super::{slot, EntityState, Machine, Owner};
use crate::engine::Cycles;
use crate::platform::SchedulerKind;

/// Minimum fair-share slice: CFS's min granularity, 0.75 ms scaled by
/// [`SchedulerKind::fair_scale`] (3 ms at 8 or more CPUs).
const FAIR_MIN_GRANULARITY_US: u64 = 750;
/// CFS wake-up granularity: a woken task preempts only if this much behind (1 ms, scaled
/// the same way: 4 ms at 8 or more CPUs).
const WAKEUP_GRANULARITY_US: u64 = 1_000;
/// Up to this many pCPUs, fair share finds the lowest running virtual runtime by looking
/// at each pCPU rather than in a heap (`min_running_vruntime`): the same entities either way.
const SCAN_RUNNING_PCPUS: usize = 16;
/// Credit scheduler tick: Xen's credit1 ticks every 10 ms on each busy pCPU (its
/// `tick_period_us`, a third of the 30 ms slice), at multiples of the period
/// (`csched_tick_resume` aligns the first tick after an idle spell to one). A tick ends the
/// BOOST of the vCPU it finds running and puts that vCPU on the active list
/// (`csched_tick` → `csched_unit_acct`); it preempts nothing.
const CREDIT_TICK_US: u64 = 10_000;

impl Machine {
    /// Puts `e` on the run queue with the key the policy gives it now.
    pub(super) fn enqueue(&mut self, e: u32, now: Cycles) {
        self.mark_runnable(e, now);
        self.insert_queued(e);
    }

    /// What [`Self::enqueue`] does to `e` itself, without the run queue.
    #[inline(always)]
    fn mark_runnable(&mut self, e: u32, now: Cycles) {
        self.enqueue_counter += 1;
        let ent = &mut self.entities[e as usize];
        ent.state = EntityState::Runnable;
        ent.runnable_since = now;
        // Even: the odd number after an entity's is the place right behind it (a Xen
        // yield's, `pause_loop_yield`).
        ent.enqueue_seq = self.enqueue_counter * 2;
    }

    pub(super) fn insert_queued(&mut self, e: u32) {
        let key = self.key(e);
        let ent = &self.entities[e as usize];
        self.runqueue.insert(e, key, ent.affinity, ent.throttled);
    }

    pub(super) fn eligible(&self, e: u32, pcpu: u32) -> bool {
        let ent = &self.entities[e as usize];
        !ent.throttled && ent.affinity.is_none_or(|a| a == pcpu)
    }

    /// Scheduler key: lower runs first.
    fn key(&self, e: u32) -> (u64, u64) {
        let ent = &self.entities[e as usize];
        match self.spec.scheduler {
            SchedulerKind::RoundRobin => (0, ent.enqueue_seq),
            // BOOST (just woken with credit left), then UNDER, then OVER, each in FIFO
            // order: credit1's `__runq_insert` puts a vCPU behind every queued vCPU of its
            // priority, and `csched_runq_sort` keeps that order within a priority.
            SchedulerKind::Credit if ent.boosted => (0, ent.enqueue_seq),
            SchedulerKind::Credit if !ent.over => (1, ent.enqueue_seq),
            SchedulerKind::Credit => (2, ent.enqueue_seq),
            SchedulerKind::Fair => (ent.vruntime, ent.enqueue_seq),
        }
    }

    /// Credit: the 10 ms ticks on `p` up to `now` (credit1's `csched_tick`), each applied to
    /// the entity running on `p` at the tick's instant. Called before `p`'s entity changes
    /// (every switch in, every [`Self::leave_pcpu`]) and before its state is read (a
    /// decision on `p`, a wake-up preemption check, an accounting), so the entity on `p` now
    /// is the one that ran through every tick since the last call: the ticks are applied
    /// late but to the entity each found running, whatever made the pCPU look again. A
    /// tick on an idle pCPU finds no one (credit1 stops an idle pCPU's ticker).
    pub(super) fn credit_ticks(&mut self, p: u32, now: Cycles) {
        if self.spec.scheduler != SchedulerKind::Credit {
            return;
        }
        let pc = &mut self.pcpus[p as usize];
        if now < pc.next_credit_tick {
            return;
        }
        let tick = CREDIT_TICK_US * self.spec.host.cycles_per_us();
        pc.next_credit_tick = (now / tick + 1) * tick;
        if let Some(e) = pc.current {
            let ent = &mut self.entities[e as usize];
            // `csched_unit_acct`: a vCPU a tick finds running is "consuming a
            // non-negligeable amount of CPU resources and should no longer be boosted"
            // (BOOST becomes UNDER), and joins the active list if it is not on it
            // (`__csched_vcpu_acct_start`), its weight counted in the next accounting.
            ent.boosted = false;
            ent.active = true;
        }
    }

    /// The entity running on `p` leaves it at `now` (it blocks, sleeps, ends its work or
    /// goes back to the run queue): the credit ticks it ran through are applied first.
    #[inline(always)]
    pub(super) fn leave_pcpu(&mut self, p: u32, now: Cycles) {
        self.credit_ticks(p, now);
        self.pcpus[p as usize].current = None;
    }

    fn pick(&mut self, pcpu: u32) -> Option<u32> {
        self.runqueue.pick(pcpu)
    }

    pub(super) fn has_waiting_for(&self, pcpu: u32) -> bool {
        self.runqueue.has_waiting_for(pcpu)
    }

    fn slice(&self) -> Cycles {
        match self.spec.scheduler {
            SchedulerKind::Fair => {
                let cores = u64::from(self.spec.host.cores);
                let running = cores - self.idle_pcpus.len() as u64;
                let waiting = self.runqueue.len() as u64 + running;
                // Worked out once per count (two divisions each).
                match self.fair_slices.get(waiting as usize) {
                    Some(&slice) => slice,
                    None => fair_slice(self.slice_cycles, &self.spec.host, waiting),
                }
            }
            _ => self.slice_cycles,
        }
    }

    /// Charges run time to the entity's scheduler bookkeeping.
    #[inline]
    pub(super) fn account_run(&mut self, e: u32, ran: Cycles) {
        let ent = &mut self.entities[e as usize];
        ent.credit -= ran as i64;
        ent.used_in_period += ran;
        if ent.cap_cycles > 0 && ent.used_in_period >= ent.cap_cycles {
            ent.throttled = true;
        }
        if self.spec.scheduler == SchedulerKind::Fair {
            // Virtual runtime matters (and is read) only under fair share.
            let sharing = self.cgroup_members_awake(e);
            let ent = &mut self.entities[e as usize];
            let scaled = ran * 256 * sharing;
            // Without the division when it gives `ran` back (a weight of 256 per awake
            // member, the default for an entity alone in its cgroup): the same quotient.
            ent.vruntime += if ent.weight == 256 * sharing && ran < 1 << 40 {
                ran
            } else {
                scaled / ent.weight.max(1)
            };
        }
    }

    /// Fair share: the lowest virtual runtime among the entities that may run (queued and
    /// not throttled, or running): CFS's `min_vruntime`.
    fn min_vruntime(&mut self) -> Option<u64> {
        let queued = self
            .runqueue
            .min_eligible_key()
            .map(|(vruntime, _)| vruntime);
        queued.into_iter().chain(self.min_running_vruntime()).min()
    }

    /// Fair share: where a waking entity's virtual runtime starts at least (it does not
    /// bank the time it slept beyond half a slice).
    pub(super) fn wake_floor(&mut self) -> u64 {
        self.min_vruntime()
            .unwrap_or(0)
            .saturating_sub(self.slice_cycles / 2)
    }

    /// Fair share: whether `e`'s virtual runtime is already at least [`Self::wake_floor`],
    /// shown without looking at every pCPU: the floor is the lowest virtual runtime among
    /// the queued and running entities less half a slice, so any one of them (the first
    /// queued, else the entity running on the pCPU `e` last ran on) bounds it from above.
    /// `false` when no such entity settles it (the floor is then computed).
    #[inline(always)]
    fn above_wake_floor(&self, e: u32) -> bool {
        let ent = &self.entities[e as usize];
        let some = match self.runqueue.min_eligible_key() {
            Some((vruntime, _)) => vruntime,
            None => match self.pcpus[ent.pcpu as usize].current {
                Some(c) => self.entities[c as usize].vruntime,
                None => return false,
            },
        };
        ent.vruntime >= some.saturating_sub(self.slice_cycles / 2)
    }

    /// Fair share gives `weight` to an instance's cgroup, not to each of its vCPUs (or
    /// container processes): libvirt puts each VM's vCPU threads in one cgroup, Docker
    /// each container's processes, and CFS's group scheduling splits the group's share
    /// among its tasks that are runnable or running (`calc_group_shares`). An entity's
    /// virtual runtime therefore grows as if its weight were the group's divided by the
    /// number of the group's entities awake now. Back ends and host threads are groups
    /// of one. (Xen's credit1 adds a domain's weight once per active vCPU, so under
    /// `credit` the weight stays each vCPU's: see [`Machine::accounting`].)
    fn cgroup_members_awake(&self, e: u32) -> u64 {
        let ent = &self.entities[e as usize];
        if ent.cgroup_len <= 1 {
            return 1;
        }
        let first = ent.cgroup_first as usize;
        let members = &self.entities[first..first + ent.cgroup_len as usize];
        (members
            .iter()
            .filter(|m| m.state != EntityState::Idle)
            .count() as u64)
            .max(1)
    }

    /// The period's accounting (credit1's `csched_acct`, every 30 ms). Under credit, the
    /// pool (a period of every pCPU) is shared among the entities on the *active list* only
    /// (those a 10 ms tick found running, [`Self::credit_ticks`]), each in proportion to its
    /// own weight: credit1 adds a domain's weight to the total once per active vCPU
    /// (`__csched_vcpu_acct_start`: "Make weight per-vcpu") and gives the domain
    /// `weight × active vCPUs` of it, so a 4-vCPU domain with every vCPU busy earns four
    /// times a 1-vCPU domain of the same weight. Then, for each active entity: OVER if its
    /// credit is below zero (its debt bounded at one slice's credit, `credits_per_tslice`),
    /// else UNDER, and with more than one slice's credit it leaves the active list
    /// (`__csched_vcpu_acct_stop_locked`) with half of it. BOOST ends either way. An entity
    /// off the list keeps its credit and priority: it spends credit when it runs
    /// (`burn_credits`) and earns none until a tick finds it running again. So a vCPU that
    /// mostly sleeps, rarely running at a tick, earns little, and a CPU hog that is the
    /// only active vCPU on its pCPU earns the whole of it and stays UNDER.
    pub(super) fn accounting(&mut self, now: Cycles) {
        let period = self.period_cycles;
        if self.spec.scheduler == SchedulerKind::Credit {
            for p in 0..self.pcpus.len() as u32 {
                self.credit_ticks(p, now);
            }
            let total_weight: u64 = self
                .entities
                .iter()
                .filter(|ent| ent.active)
                .map(|ent| ent.weight)
                .sum();
            let pool = period * u64::from(self.spec.host.cores);
            let per_slice = self.slice_cycles as i64;
            for ent in self.entities.iter_mut().filter(|ent| ent.active) {
                let share = (pool * ent.weight / total_weight.max(1)) as i64;
                ent.credit += share;
                ent.boosted = false;
                ent.over = ent.credit < 0;
                if ent.over {
                    ent.credit = ent.credit.max(-per_slice);
                } else if ent.credit > per_slice {
                    ent.active = false;
                    ent.credit /= 2;
                }
            }
        }
        // Fair share: an entity whose quota returns now comes back as a waking one (CFS
        // dequeues a throttled group as a sleeper and enqueues it at unthrottling as a
        // wake-up, `place_entity`): at most half a target latency behind the run queue's
        // minimum virtual runtime, not with all the time it waited banked.
        let floor = if self.spec.scheduler == SchedulerKind::Fair {
            Some(self.wake_floor())
        } else {
            None
        };
        for ent in &mut self.entities {
            ent.used_in_period = 0;
            if let Some(floor) = floor.filter(|_| ent.throttled && !ent.paused) {
                ent.vruntime = ent.vruntime.max(floor);
            }
            // A vCPU paused for a migration's stop-and-copy stays off the pCPUs.
            ent.throttled = ent.paused;
        }
        // Credits changed and throttling ended: every queued entity gets its new key.
        for e in self.runqueue.drain() {
            self.insert_queued(e);
        }
        self.queue.schedule(now + period, super::Event::Accounting);
        self.dispatch_idle(now);
    }

    /// Gives waiting entities to idle pCPUs.
    pub(super) fn dispatch_idle(&mut self, now: Cycles) {
        if self.runqueue.is_empty() {
            return;
        }
        let mut i = 0;
        while i < self.idle_pcpus.len() {
            let p = self.idle_pcpus[i];
            if self.has_waiting_for(p) {
                self.idle_pcpus.swap_remove(i);
                self.schedule_next(p, now);
                if self.runqueue.is_empty() {
                    return;
                }
            } else {
                i += 1;
            }
        }
    }

    pub(super) fn make_runnable(&mut self, e: u32, now: Cycles) {
        if self.entities[e as usize].state != EntityState::Idle || self.is_dead(e) {
            return;
        }
        match self.spec.scheduler {
            // Fair share: a waking entity does not bank the time it slept.
            SchedulerKind::Fair => {
                if !self.above_wake_floor(e) {
                    let floor = self.wake_floor();
                    let ent = &mut self.entities[e as usize];
                    ent.vruntime = ent.vruntime.max(floor);
                }
            }
            SchedulerKind::Credit => {
                let ent = &mut self.entities[e as usize];
                ent.boosted = self.spec.credit_boost && !ent.over;
            }
            SchedulerKind::RoundRobin => {}
        }
        let ent = &self.entities[e as usize];
        if self.runqueue.is_empty()
            && !self.idle_pcpus.is_empty()
            && ent.affinity.is_none()
            && !ent.throttled
        {
            // The run queue holds no one else and `e` may run anywhere: `dispatch_idle`
            // would give it to the first idle pCPU, which picks it from the queue at once.
            // The same steps without the queue's insertion and removal.
            self.mark_runnable(e, now);
            let p = self.idle_pcpus.swap_remove(0);
            if !self.switch_in(p, e, now) {
                self.start_entity_item(p, now);
            }
            return;
        }
        self.enqueue(e, now);
        self.dispatch_idle(now);
        if self.entities[e as usize].state == EntityState::Runnable
            && self.spec.stack.halt_poll_us > 0
        {
            self.stop_polling_for(e, now);
        }
        if self.entities[e as usize].state == EntityState::Runnable {
            self.wakeup_preempt(e, now);
        }
    }

    /// Halt polling spins only while nothing else may run (KVM's `kvm_vcpu_can_poll`:
    /// `single_task_running()`): a vCPU polling on a pCPU that runnable `e` may use stops,
    /// blocks, and leaves the pCPU to the scheduler's pick (the pCPU `e` last ran on first).
    fn stop_polling_for(&mut self, e: u32, now: Cycles) {
        let ent = &self.entities[e as usize];
        let first = ent.affinity.unwrap_or(ent.pcpu);
        let n = self.pcpus.len() as u32;
        let polling_on = |m: &Self, p: u32| {
            m.pcpus[p as usize]
                .current
                .is_some_and(|c| m.entities[c as usize].polling)
                && m.has_waiting_for(p)
        };
        let Some(p) = std::iter::once(first)
            .chain((0..n).filter(|&q| q != first))
            .find(|&q| polling_on(self, q))
        else {
            return;
        };
        let poller = self.pcpus[p as usize].current.expect("a polling vCPU");
        self.cut_item(p, now);
        self.entities[poller as usize].polling = false;
        self.block_vcpu(p, poller, now);
    }

    /// Wake-up preemption: a woken entity that the policy ranks above the entity running
    /// on its pCPU (the one it is pinned to, else the one it last ran on) takes that pCPU
    /// now, and the running compute is cut at this cycle. This is where both real
    /// schedulers look: CFS's `check_preempt_wakeup` compares with the current task of
    /// the run queue the task is placed on, Xen credit's `__runq_tickle` with the vCPU
    /// running on the woken vCPU's processor (idle pCPUs were already given work by
    /// [`Machine::dispatch_idle`]). Credit preempts when the woken vCPU's priority is
    /// higher (`new->pri > cur->pri`, BOOST over UNDER over OVER): a BOOSTed one preempts an
    /// UNDER or OVER one, and an UNDER one (`credit_boost = false`) an OVER one. Round robin
    /// never preempts.
    fn wakeup_preempt(&mut self, e: u32, now: Cycles) {
        let granularity = WAKEUP_GRANULARITY_US
            * SchedulerKind::fair_scale(self.spec.host.cores)
            * self.spec.host.cycles_per_us();
        let waker = &self.entities[e as usize];
        let p = waker.affinity.unwrap_or(waker.pcpu);
        // The running entity's BOOST as of now: a tick since it last changed may have ended it.
        self.credit_ticks(p, now);
        let waker = &self.entities[e as usize];
        let pc = &self.pcpus[p as usize];
        let Some(current) = pc.current else { return };
        if pc.resched {
            return;
        }
        let running = &self.entities[current as usize];
        let preempts = match self.spec.scheduler {
            SchedulerKind::Fair => waker.vruntime + granularity < running.vruntime,
            // Keys 0, 1, 2: BOOST, UNDER, OVER.
            SchedulerKind::Credit => self.key(e).0 < self.key(current).0,
            SchedulerKind::RoundRobin => false,
        };
        if preempts && self.cut(p, now) {
            self.pcpus[p as usize].resched = true;
            self.schedule_next(p, now);
        }
    }

    /// The lowest virtual runtime among running entities (fair share), from a heap whose
    /// entries are lower bounds: an entity's virtual runtime only grows while it runs, so
    /// an entry that no longer matches is refreshed or dropped when it reaches the top.
    fn min_running_vruntime(&mut self) -> Option<u64> {
        if self.pcpus.len() <= SCAN_RUNNING_PCPUS {
            // A small host: a look at each pCPU costs less than the heap's upkeep.
            return self
                .pcpus
                .iter()
                .filter_map(|pc| pc.current)
                .map(|e| self.entities[e as usize].vruntime)
                .min();
        }
        while let Some(&Reverse((vruntime, p, e))) = self.running_vruntimes.peek() {
            if self.pcpus[p as usize].current != Some(e) {
                self.running_vruntimes.pop();
                continue;
            }
            let now = self.entities[e as usize].vruntime;
            if now == vruntime {
                return Some(vruntime);
            }
            self.running_vruntimes.pop();
            self.running_vruntimes.push(Reverse((now, p, e)));
        }
        None
    }

    /// Records that `e` runs on `p` from now on (fair share's running-vruntime heap).
    fn note_running(&mut self, p: u32, e: u32) {
        if self.spec.scheduler != SchedulerKind::Fair || self.pcpus.len() <= SCAN_RUNNING_PCPUS {
            return;
        }
        // Entries of entities that left their pCPU are dropped only when they surface;
        // rebuild from the pCPUs when they pile up (amortized O(1) per switch).
        if self.running_vruntimes.len() > 4 * self.pcpus.len() + 16 {
            let live: Vec<_> = self
                .pcpus
                .iter()
                .enumerate()
                .filter_map(|(q, pc)| pc.current.map(|x| (q as u32, x)))
                .map(|(q, x)| Reverse((self.entities[x as usize].vruntime, q, x)))
                .collect();
            self.running_vruntimes = live.into();
        }
        let vruntime = self.entities[e as usize].vruntime;
        self.running_vruntimes.push(Reverse((vruntime, p, e)));
    }

    /// pCPU `p` is free at `now`: keep, preempt or replace its entity and start the next item.
    pub(super) fn schedule_next(&mut self, p: u32, now: Cycles) {
        let pi = p as usize;
        self.credit_ticks(p, now);
        if let Some(e) = self.pcpus[pi].current {
            let throttled = self.entities[e as usize].throttled;
            let resched = std::mem::take(&mut self.pcpus[pi].resched);
            if throttled
                || (resched && self.has_waiting_for(p))
                || (now >= self.pcpus[pi].slice_end && self.has_waiting_for(p))
            {
                self.pcpus[pi].current = None;
                self.entities[e as usize].polling = false;
                self.enqueue(e, now);
            } else if now >= self.pcpus[pi].slice_end {
                self.pcpus[pi].slice_end = now + self.slice();
            }
        }
        if self.pcpus[pi].current.is_none() {
            let Some(e) = self.pick(p) else {
                self.pcpus[pi].item = None;
                self.idle_pcpus.push(p);
                return;
            };
            if self.switch_in(p, e, now) {
                return;
            }
        }
        self.start_entity_item(p, now);
    }

    /// Entity `e`, just taken off the run queue, gets pCPU `p`. Returns true if a switch
    /// item was started (the entity's own item follows it).
    fn switch_in(&mut self, p: u32, e: u32, now: Cycles) -> bool {
        let pi = p as usize;
        // The ticks while `p` was idle found no one.
        self.credit_ticks(p, now);
        let slice = self.slice();
        let ent = &mut self.entities[e as usize];
        ent.steal += now - ent.runnable_since;
        ent.state = EntityState::Running;
        // A BOOSTed vCPU keeps BOOST while it runs, until a credit tick finds it running
        // (Xen's `csched_unit_acct`): another BOOSTed waker does not preempt it.
        ent.pcpu = p;
        ent.next_tick = ent.next_tick.max(now + 1);
        let owner = ent.owner;
        if self.spec.stack.ple {
            // Scheduled in: the PLE window shrinks back to its base (ple_window_shrink 0).
            self.ple_windows[e as usize] = 0;
        }
        self.flush_switch_in(e, now);
        let pc = &mut self.pcpus[pi];
        pc.current = Some(e);
        pc.current_is_vcpu = matches!(owner, Owner::Vcpu(_));
        pc.slice_end = now + slice;
        self.note_running(p, e);
        let pc = &mut self.pcpus[pi];
        if pc.last_entity != Some(e) {
            pc.last_entity = Some(e);
            self.start_switch(p, owner, now);
            return true;
        }
        false
    }

    /// vCPU `from` of `instance`, running on `p`, took a PAUSE-loop exit: the hypervisor
    /// gives the pCPU up as its scheduler does. Returns false when `from` goes on (it found
    /// no one to yield to), true when `p` has been given its next entity.
    ///
    /// Fair share (KVM): `kvm_vcpu_on_spin` looks for a preempted vCPU of the same VM that
    /// was in the kernel (`yield_candidate`) and `yield_to` it; without one the vCPU spins
    /// again. CFS's `yield_to_task_fair` makes the target the next buddy and the yielder the
    /// skip buddy: the target runs next, with a slice of its own (a yield donates nothing),
    /// unless picking it would be unfair (`wakeup_preempt_entity`: its virtual runtime more
    /// than the wake-up granularity beyond the leftmost's), when the ordinary pick follows.
    /// The yielder goes back to the run queue with its virtual runtime.
    ///
    /// Credit and round robin (Xen): a PAUSE-loop exit is an undirected `SCHEDOP_yield`.
    /// The vCPU goes back behind the others of its priority and, with its yield flag set,
    /// credit1's `__runq_insert` puts it behind one lower-priority vCPU as well (the first
    /// such that may run here); the next accounting re-sorts it by priority again, as
    /// `csched_runq_sort` does.
    pub(super) fn pause_loop_yield(
        &mut self,
        p: u32,
        from: u32,
        instance: u32,
        now: Cycles,
    ) -> bool {
        if self.spec.scheduler == SchedulerKind::Fair {
            let Some(to) = self.yield_candidate(instance, from, p) else {
                return false;
            };
            let granularity = WAKEUP_GRANULARITY_US
                * SchedulerKind::fair_scale(self.spec.host.cores)
                * self.spec.host.cycles_per_us();
            let leftmost = self
                .runqueue
                .min_eligible_key()
                .map(|(vruntime, _)| vruntime);
            let fair =
                leftmost.is_none_or(|l| self.entities[to as usize].vruntime <= l + granularity);
            self.leave_pcpu(p, now);
            self.entities[from as usize].polling = false;
            if fair && self.runqueue.remove(to) {
                self.enqueue(from, now);
                if !self.switch_in(p, to, now) {
                    self.start_entity_item(p, now);
                }
                self.dispatch_idle(now);
            } else {
                self.enqueue(from, now);
                self.schedule_next(p, now);
            }
            return true;
        }
        self.leave_pcpu(p, now);
        self.entities[from as usize].polling = false;
        self.enqueue_yielded(p, from, now);
        match self.pick(p) {
            Some(next) => {
                if !self.switch_in(p, next, now) {
                    self.start_entity_item(p, now);
                }
                self.dispatch_idle(now);
            }
            // The yielder may not run here any more (its cap ran out): `p` idles, and
            // the queued yielder goes to a pCPU it may run on, if one is idle.
            None => {
                self.schedule_next(p, now);
                self.dispatch_idle(now);
            }
        }
        true
    }

    /// Queues `from`, which yielded `p` (Xen's `SCHEDOP_yield`), as credit1's
    /// `__runq_insert` does with the yield flag set: behind the queued vCPUs of its priority
    /// and behind the first lower-priority vCPU that may run on `p` as well.
    pub(super) fn enqueue_yielded(&mut self, p: u32, from: u32, now: Cycles) {
        self.enqueue(from, now);
        let (priority, _) = self.key(from);
        if let Some((lower, seq)) = self.runqueue.first_above(p, priority) {
            let ent = &self.entities[from as usize];
            let (affinity, throttled) = (ent.affinity, ent.throttled);
            self.runqueue.remove(from);
            self.runqueue
                .insert(from, (lower, seq + 1), affinity, throttled);
        }
    }

    /// The switch to a new entity on `p`: saving and loading state (the platform's entity
    /// switch path), and the cache state it finds.
    fn start_switch(&mut self, p: u32, owner: Owner, now: Cycles) {
        let (charge_to, group, index) = match owner {
            Owner::Vcpu(i) => {
                self.cache_switch_in(CacheOwner::Instance(i as usize));
                (Some(i), self.instances[i as usize].group, slot::VCPU_SWITCH)
            }
            Owner::Backend(b) => {
                self.cache_switch_in(CacheOwner::Backend(b as usize));
                (None, 0, slot::BACKEND_SWITCH)
            }
            Owner::Background | Owner::Ksmd | Owner::Migration => {
                self.cache_switch_in(CacheOwner::Background);
                (None, 0, slot::BACKEND_SWITCH)
            }
        };
        if self.groups.is_empty() {
            self.start_entity_item(p, now);
            return;
        }
        let cost = &self.groups[group as usize].costs[index];
        if cost.total == 0 {
            self.start_entity_item(p, now);
            return;
        }
        self.plan_single(p, Item::Switch, charge_to, group, "switch", index);
        self.start(p, now);
    }
}

/// Fair share's slice when `waiting` entities are running or queued on `host`'s pCPUs: the
/// scheduling period (`slice_cycles`) shared by the entities per pCPU, at least the
/// minimum granularity.
pub(super) fn fair_slice(
    slice_cycles: Cycles,
    host: &crate::hardware::Host,
    waiting: u64,
) -> Cycles {
    let cores = u64::from(host.cores);
    let min =
        FAIR_MIN_GRANULARITY_US * SchedulerKind::fair_scale(host.cores) * host.cycles_per_us();
    if waiting <= cores {
        // One entity per pCPU at most: the whole slice (no division).
        return slice_cycles.max(min);
    }
    let per_cpu = waiting.div_ceil(cores).max(1);
    (slice_cycles / per_cpu).max(min)
}
