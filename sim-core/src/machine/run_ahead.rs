//! Run-ahead: a pCPU runs its next items at once, ahead of other pCPUs' pending item
//! ends, while nothing it does can be seen by another pCPU or change for it. The events
//! and their order stay those of the reference mode (every item end through the queue),
//! so results are bit-identical either way (`tests/determinism.rs` compares both).
//!
//! Why this is exact. Events fire in key order (see `engine.rs`: an event only schedules
//! later events). A step (one item end on pCPU `p`, with the start of its next item) is
//! one of three kinds ([`StepKind`]):
//! - `Own`: it reads and writes only `p`'s pCPU, entity and thread, and adds to sums
//!   (counters, histograms, busy time, the cache fill) that only `Shared` steps and other
//!   events read. Such steps of different pCPUs commute.
//! - `Instance`: an `Own` step that also refills its instance's displaced cache, which
//!   every running vCPU of the instance refills too (their order matters).
//! - `Shared`: anything else (a slice end or credit tick, a switch, a wake-up, a device,
//!   a lock, a shootdown, a fault...). Only these steps and other events change what
//!   decides a step's kind (run queues, ready queues, resched flags, caps, a cache made
//!   cold again by a switch), apart from the time.
//!
//! So `p` may run its step at time `t` before other pending events when the step is not
//! `Shared`, `t` is before every pending event that is not an item end, before the first
//! time any other pCPU may take a `Shared` step (its `own_until`: its pending step's end if
//! that step is `Shared`, else its slice end or next credit tick), and, for an `Instance`
//! step, before the pending item end of every other pCPU running a vCPU of the instance.
//! Nothing that fires later can then have fired before `t` in key order and changed
//! what the step read.
//!
//! Run-ahead pays where many busy pCPUs compute and issue operations that complete in
//! place (the benchmark: system calls on 64 pCPUs): a pCPU's items then run in a tight
//! loop with its state in the CPU's caches instead of one pass through the event heap each.

use super::guest::ticks_in;
use super::item::Item;
use super::pcpu::{charge_instance, repeated, room};
use super::shootdown::FlushPhase;
use super::{slot, Machine, Owner};
use crate::engine::Cycles;
use crate::path::{Category, PathCost};
use crate::platform::SchedulerKind;

/// What a step may touch (see the module comment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum StepKind {
    Own,
    Instance,
    Shared,
}

/// Run-ahead state of a machine.
#[derive(Debug, Default)]
pub(super) struct RunAhead {
    /// Whether pCPUs may run ahead at all: not in the reference mode, not when traced, not
    /// with desktop sessions or a migration, and only if some group's steps can be `Own`.
    pub enabled: bool,
    /// The pCPU whose item end is being processed with run-ahead: the item it starts is
    /// not scheduled (`deferred`) until [`Machine::run_ahead`] decides.
    pub chain: Option<u32>,
    pub deferred: bool,
    /// Whether `own_until` must be computed again (a `Shared` step or another event ran).
    stale: bool,
    /// Per pCPU: every step of it before this time is `Own` or `Instance`.
    own_until: Vec<Cycles>,
    /// The smallest `own_until` and its pCPU, and the second smallest.
    first: (Cycles, u32),
    second: Cycles,
    /// Steps run ahead so far (tests).
    steps_ahead: u64,
}

impl RunAhead {
    pub fn new(enabled: bool, pcpus: usize) -> RunAhead {
        RunAhead {
            enabled,
            stale: true,
            own_until: vec![0; pcpus],
            ..RunAhead::default()
        }
    }

    /// Something ran that may change which steps are `Shared`.
    #[inline(always)]
    pub fn touched(&mut self) {
        self.stale = true;
    }
}

impl Machine {
    /// What the step of pCPU `p` at `t` (the end of its item and the start of the next)
    /// may touch, judged before it runs.
    #[inline]
    pub(super) fn step_kind(&self, p: u32, t: Cycles) -> StepKind {
        use StepKind::Shared;
        let pc = &self.pcpus[p as usize];
        let Some(Item::Work { thread, .. }) = pc.item else {
            return Shared;
        };
        // schedule_next looks at the run queue at a slice end or a resched, and applies a
        // credit tick (BOOST and the active list, which every accounting reads).
        if pc.resched
            || t >= pc.slice_end
            || (self.spec.scheduler == SchedulerKind::Credit && t >= pc.next_credit_tick)
        {
            return Shared;
        }
        let Some(e) = pc.current else { return Shared };
        let ent = &self.entities[e as usize];
        let Owner::Vcpu(i) = ent.owner else {
            return Shared;
        };
        if ent.cap_cycles > 0
            || ent.throttled
            || ent.paused
            || ent.thread != Some(thread)
            || self.flush_pending[e as usize] != (0, false)
            || self.tx_event[e as usize].is_some()
        {
            return Shared;
        }
        let inst = &self.instances[i as usize];
        if inst.dead
            || !inst.ready.is_empty()
            || inst.swapped_ppm > 0
            || inst.merged_ppm > 0
            || !self.groups[inst.group as usize].ops_complete_in_place
        {
            return Shared;
        }
        let th = &self.threads[thread as usize];
        if th.pending.is_some()
            || th.swap_pending > 0
            || th.shadow_cold > 0
            || th.balloon_batches > 0
            || th.free_page_reports > 0
            || th.role.is_some()
            || self.flush_phase[thread as usize] != FlushPhase::None
        {
            return Shared;
        }
        if inst.cache.cold > 0 {
            StepKind::Instance
        } else {
            StepKind::Own
        }
    }

    /// Computes every pCPU's `own_until` again.
    fn refresh_own_until(&mut self) {
        let credit = self.spec.scheduler == SchedulerKind::Credit;
        let mut first = (Cycles::MAX, u32::MAX);
        let mut second = Cycles::MAX;
        for p in 0..self.pcpus.len() as u32 {
            let pc = &self.pcpus[p as usize];
            let until = if pc.item.is_none() {
                // Idle: only a `Shared` step or another event gives it work.
                Cycles::MAX
            } else if self.step_kind(p, pc.end) == StepKind::Shared {
                pc.end
            } else if credit {
                pc.slice_end.min(pc.next_credit_tick)
            } else {
                pc.slice_end
            };
            self.run_ahead.own_until[p as usize] = until;
            if until < first.0 {
                second = first.0;
                first = (until, p);
            } else if until < second {
                second = until;
            }
        }
        self.run_ahead.first = first;
        self.run_ahead.second = second;
        self.run_ahead.stale = false;
    }

    /// How far `p` may run ahead: before the next event that is not an item end and
    /// before any other pCPU's first possible `Shared` step.
    fn horizon(&mut self, p: u32) -> Cycles {
        if self.run_ahead.stale {
            self.refresh_own_until();
        }
        let ra = &self.run_ahead;
        let others = if ra.first.1 == p {
            ra.second
        } else {
            ra.first.0
        };
        others.min(self.queue.next_other_time())
    }

    /// The earliest pending item end of another pCPU running a vCPU of the same instance
    /// as `p` (whose steps refill the same cache while it is cold).
    fn sibling_bound(&self, p: u32) -> Cycles {
        let e = self.pcpus[p as usize].current.expect("running entity");
        let Owner::Vcpu(i) = self.entities[e as usize].owner else {
            return 0;
        };
        let inst = &self.instances[i as usize];
        let mut bound = Cycles::MAX;
        for s in inst.first_entity..inst.first_entity + inst.vcpus {
            let sib = &self.entities[s as usize];
            if s != e && sib.state == super::EntityState::Running && sib.pcpu != p {
                let pc = &self.pcpus[sib.pcpu as usize];
                if pc.current == Some(s) && pc.item.is_some() {
                    bound = bound.min(pc.end);
                }
            }
        }
        bound
    }

    /// Processes the item end of `p` at `now`, taken from the queue, then lets `p` run
    /// its next items at once while that is exact (see the module comment), and
    /// schedules the end of the item it stops at. `end` is the end of the run; at most
    /// `steps_left` steps run ahead (the caller's event budget). Kept out
    /// of `advance` so that the steps ahead get a small function of their own (wasm
    /// engines allocate registers per function).
    #[inline(never)]
    pub(super) fn item_done_running_ahead(
        &mut self,
        p: u32,
        now: Cycles,
        end: Cycles,
        mut steps_left: u64,
    ) {
        if self.step_kind(p, now) == StepKind::Shared {
            self.run_ahead.touched();
        }
        self.run_ahead.chain = Some(p);
        self.item_done(p, now);
        if !self.run_ahead.deferred {
            self.run_ahead.chain = None;
            return;
        }
        // The first step ahead is judged in full; after it, `Own` and `Instance` steps
        // leave everything `step_kind` reads unchanged but the item, the time and the
        // cache (which only gets warmer), so the next ones need only those.
        let t = self.pcpus[p as usize].end;
        let kind = if t <= end {
            self.step_kind(p, t)
        } else {
            StepKind::Shared
        };
        let horizon = if kind == StepKind::Shared {
            0
        } else {
            self.horizon(p)
        };
        let pc = &self.pcpus[p as usize];
        let mut bound = horizon.min(end.saturating_add(1)).min(pc.slice_end);
        if self.spec.scheduler == SchedulerKind::Credit {
            bound = bound.min(pc.next_credit_tick);
        }
        let e = pc.current.unwrap_or(0);
        let instance = self.entities[e as usize].instance().unwrap_or(0) as usize;
        let group = self.instances[instance].group as usize;
        let mut siblings = None;
        // Whether the item planned on `p` has its cost only in the chain's hands (see
        // `own_step`): written into the pCPU when the chain stops.
        let mut cost_pending = false;
        while self.run_ahead.deferred {
            self.run_ahead.deferred = false;
            let pc = &self.pcpus[p as usize];
            let t = pc.end;
            let ahead = steps_left > 0
                && t < bound
                && matches!(pc.item, Some(Item::Work { .. }))
                && (self.instances[instance].cache.cold == 0
                    || t < *siblings.get_or_insert_with(|| self.sibling_bound(p)));
            if !ahead {
                if cost_pending {
                    self.write_pending_cost(p, group);
                }
                self.schedule_item_end(p);
                break;
            }
            steps_left -= 1;
            self.queue.run_directly(t);
            self.run_ahead.steps_ahead += 1;
            cost_pending = self.own_step(p, t, e, instance, group, cost_pending);
        }
        self.run_ahead.chain = None;
    }

    /// One step ahead of `p` at `now` (vCPU entity `e` of instance `ii`, group `gi`)
    /// whose kind the chain established (`Own` or `Instance`): exactly what `item_done`,
    /// `schedule_next` and `start_vcpu_item` do then, without the branches whose outcome
    /// `step_kind` fixed (no trace, desktop, spinlock, shootdown, swap, shared pages,
    /// migration, balloon, thread waiting in the guest, resched, slice end, credit tick
    /// or cap; the operation completes in place and has no batched part).
    /// `tests/determinism.rs` compares it with the general path (the reference mode) on
    /// every library scenario and the benchmark's machine.
    ///
    /// The item it plans costs its operation's submit steps (the group's sum,
    /// `submit_kick_inline`) and its compute (`user` cycles of guest user time), plus
    /// the timer ticks inside that compute, if any. Without ticks its cost is not written
    /// into the pCPU's `cost`: the next step charges those two parts straight from where
    /// they are (`cost_pending` true, the return value), and
    /// [`Self::write_pending_cost`] writes the sum when the chain stops. Writing it every
    /// step and reading it back at the next made the read wait for the writes (a
    /// store-forwarding stall: 10 % of the benchmark's time by `perf annotate`).
    #[inline(always)]
    fn own_step(
        &mut self,
        p: u32,
        now: Cycles,
        e: u32,
        ii: usize,
        gi: usize,
        cost_pending: bool,
    ) -> bool {
        let pi = p as usize;
        let Some(Item::Work {
            thread, burst, op, ..
        }) = self.pcpus[pi].item
        else {
            unreachable!("a step ahead ends a work item")
        };
        debug_assert!(self.trace.is_none(), "no run-ahead when traced");
        // The item's end (`item_done`): its cost charged (below when it is pending), the
        // entity's run accounted.
        if !cost_pending {
            self.settle(p, now);
        }
        let ran = now - self.pcpus[pi].start;
        self.account_run(e, ran);
        // Each table borrowed once: indexing `self.x[i]` again after a store reloads the
        // vector and checks the bound again.
        let Machine {
            pcpus,
            entities,
            threads,
            instances,
            groups,
            busy,
            spec,
            cache_fill,
            tick_cycles,
            run_ahead,
            ..
        } = self;
        let pc = &mut pcpus[pi];
        let ent = &mut entities[e as usize];
        let th = &mut threads[thread as usize];
        let inst = &mut instances[ii];
        let group = &mut groups[gi];
        if cost_pending {
            // `settle`'s common case (the whole item ran, untraced, not a poll), its cost
            // taken in its two parts.
            let on_vcpu = pc.current.is_some() && pc.current_is_vcpu;
            let submit = op.map_or(&PathCost::ZERO, |o| &group.submit_kick_inline[o.index()]);
            for (slot, c) in busy.iter_mut().zip(submit.by_category) {
                *slot += c;
            }
            charge_instance(&mut inst.counters, submit, on_vcpu);
            let user = pc.user;
            busy[Category::GuestUser as usize] += user;
            inst.counters.cycles[Category::GuestUser as usize] += user;
            if on_vcpu {
                inst.counters.vcpu_cycles += user;
            }
        }
        pc.item = None;
        let op_start = pc.preemptible_until;
        th.burst_left = th.burst_left.saturating_sub(burst);
        if let Some(op) = op {
            th.burst_left = 0;
            th.next_op = None;
            // `issue`: the operation completes where it was issued (`record`).
            inst.counters.ops += 1;
            inst.counters.ops_by_kind[op.index()] += 1;
            group.latency[op.index()].record(now - op_start);
        }
        // `schedule_next` keeps the entity; `start_vcpu_item` plans its next work.
        if th.next_op.is_none() && th.burst_left == 0 {
            let (burst, op) = group.sampler.draw(&mut th.rng);
            th.burst_left = burst;
            th.next_op = op;
        }
        let (left, next_op) = (th.burst_left, th.next_op);
        let room = room(pc, ent, spec.scheduler, now);
        let burst = left.min(room).max(1);
        // `cache_refill` of the instance's cache.
        let refill = inst.cache.refill(&spec.costs, cache_fill, burst);
        let op = if left <= room { next_op } else { None };
        let item = Item::Work {
            thread,
            refill,
            burst,
            op,
        };
        let what = op.map_or("compute", |o| o.name());
        let submit = op.map_or(&PathCost::ZERO, |o| &group.submit_kick_inline[o.index()]);
        // `add_compute`: the compute and the timer ticks inside it.
        let user = refill + burst;
        let (ticks, first_tick) = ticks_in(&mut ent.next_tick, now, user, *tick_cycles);
        pc.plan_fields(item, Some(ii as u32), gi as u32, what);
        pc.user = user;
        pc.start = now;
        let pending = if ticks > 0 {
            // The item planned in full, its cost in the pCPU (as `plan`, `push_op`,
            // `add_compute` and `start` put it together).
            pc.cost.set(submit);
            pc.cost.total += user;
            pc.cost.by_category[Category::GuestUser as usize] += user;
            let timer = &group.costs[slot::TIMER];
            pc.cost.add(&repeated(timer, ticks));
            pc.ticks = ticks;
            pc.first_tick = first_tick;
            pc.end = now + pc.cost.total.max(1);
            pc.preemptible_until = now + user + u64::from(ticks) * timer.total;
            false
        } else {
            // `start` without the cost: what it computes from it.
            pc.end = now + (submit.total + user).max(1);
            pc.preemptible_until = now + user;
            true
        };
        // `start`: the pCPU running ahead decides next whether to run this item's end at
        // once or to schedule it.
        debug_assert_eq!(run_ahead.chain, Some(p));
        debug_assert!(!run_ahead.deferred, "two items started on one pCPU");
        run_ahead.deferred = true;
        pending
    }

    /// Writes into the pCPU's `cost` the cost of the item a step ahead planned without it
    /// (see [`Self::own_step`]): what `plan`, `push_op` and `add_compute` would have put
    /// there.
    #[inline(never)]
    fn write_pending_cost(&mut self, p: u32, gi: usize) {
        let pc = &mut self.pcpus[p as usize];
        let Some(Item::Work { op, .. }) = pc.item else {
            unreachable!("a step ahead plans a work item")
        };
        match op {
            Some(op) => pc.cost.set(&self.groups[gi].submit_kick_inline[op.index()]),
            None => pc.cost = PathCost::ZERO,
        }
        pc.cost.total += pc.user;
        pc.cost.by_category[Category::GuestUser as usize] += pc.user;
    }
}

#[cfg(test)]
mod tests {
    use crate::Scenario;

    /// Runs the first job of `text` (its first platform) and returns (events, steps run
    /// ahead), with run-ahead on or in the reference mode.
    fn steps(text: &str, event_per_item: bool) -> (u64, u64) {
        let s = Scenario::from_toml("test.toml", text).expect("valid scenario");
        let runner = s.runner(crate::RunOptions::default()).expect("runner");
        let mut m = super::Machine::new(runner.job_spec(0).clone());
        m.set_event_per_item(event_per_item);
        while !m.advance(1 << 20) {}
        (m.events(), m.run_ahead.steps_ahead)
    }

    const BUSY: &str = r#"
[scenario]
name = "busy"
duration_ms = 40
[host]
cores = 16
[[platform]]
name = "p"
kind = "type1"
technique = "hardware_assist"
[[instance]]
name = "vm"
count = 32
vcpus = 4
memory_gib = 1
workload = "WORKLOAD"
"#;

    #[test]
    fn most_steps_of_busy_pcpus_issuing_system_calls_run_ahead() {
        // 128 vCPUs computing and issuing system calls on 16 pCPUs: a pCPU stops only
        // at another's slice end or credit tick (every 30 and 10 ms), the accounting
        // period, or a sibling vCPU refilling the same cache after a switch.
        let (events, ahead) = steps(&BUSY.replace("WORKLOAD", "syscall-heavy"), false);
        assert!(
            ahead * 10 > events * 9,
            "{ahead} of {events} steps ran ahead"
        );
        // The reference mode runs none ahead, and the same events.
        assert_eq!(
            steps(&BUSY.replace("WORKLOAD", "syscall-heavy"), true),
            (events, 0)
        );
    }

    #[test]
    fn a_workload_that_blocks_on_a_device_never_runs_ahead() {
        let (events, ahead) = steps(&BUSY.replace("WORKLOAD", "disk-random-4k"), false);
        assert!(events > 0);
        assert_eq!(ahead, 0);
    }
}
