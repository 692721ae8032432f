//! The pCPU loop: items (what a pCPU runs next), what each costs, charging them when they
//! end, and cutting a running compute burst at any cycle (preemption).
//!
//! An item is a list of components (path costs from the group's table, user cycles,
//! timer ticks) executed in order. The *preemptible* prefix of an item is its compute:
//! refills, user cycles and the timer ticks that fall inside them. Kernel and hypervisor
//! paths after it run to their end (they are microseconds long); a preemption that
//! arrives then takes effect when they end.

use super::item::Item;
use super::{slot, Event, Machine, Owner};
use crate::engine::Cycles;
use crate::path::{Category, PathCost};

/// One part of an item, in execution order.
#[derive(Debug, Clone, Copy)]
pub(super) enum Comp {
    /// A path from the charged group's table (see `slot`).
    Path(u16),
    /// The same path, `n` times (timer ticks).
    Repeat(u16, u32),
    /// Cycles of one category (user compute, a cache refill, polling, host work).
    Cycles(Category, u64),
}

#[derive(Debug, Clone, Default)]
pub(super) struct Pcpu {
    pub current: Option<u32>,
    /// Whether `current`, when there is one, is a vCPU (or process slot) of an instance
    /// (set with it in [`Machine::switch_in`]).
    pub current_is_vcpu: bool,
    pub last_entity: Option<u32>,
    pub slice_end: Cycles,
    /// Next 10 ms credit tick not yet applied (a multiple of 10 ms; see
    /// [`Machine::credit_ticks`]).
    pub next_credit_tick: Cycles,
    /// A woken entity should take this pCPU when its current item ends.
    pub resched: bool,
    /// The item running, or being put together in place: [`Machine::plan`] sets it and
    /// clears the fields below, the `plan_*` helpers sum its cost, [`Machine::start`]
    /// times it.
    pub item: Option<Item>,
    pub start: Cycles,
    pub end: Cycles,
    /// The item can be cut before this cycle (end of its compute).
    pub preemptible_until: Cycles,
    /// Bumped when an item is cut, so that its `ItemDone` is ignored.
    pub generation: u32,
    /// Whose counters the item is charged to (instance), and whose table it uses (group).
    pub charge_to: Option<u32>,
    pub group: u32,
    /// The item's components, kept only when the run is traced.
    pub comps: Vec<Comp>,
    /// What the whole item costs.
    pub cost: PathCost,
    /// Cycles of user compute (and refill) at the start of a `Work` item, and the timer
    /// ticks inside it: tick k falls `first_tick + k * tick` cycles after the start.
    pub user: u64,
    pub ticks: u32,
    pub first_tick: Cycles,
    pub what: &'static str,
    /// The host kernel itself holds or waits for a spinlock (native, containers): the
    /// host scheduler may not cut the item; a preemption waits for its end.
    pub no_preempt: bool,
}

impl Pcpu {
    /// Begins planning the next item (see [`Machine::plan`]).
    #[inline(always)]
    pub(super) fn plan(
        &mut self,
        item: Item,
        charge_to: Option<u32>,
        group: u32,
        what: &'static str,
    ) {
        self.plan_fields(item, charge_to, group, what);
        self.cost = PathCost::default();
    }

    /// [`Self::plan`] with `cost` already in the item (a sum the group keeps ready),
    /// copied from where it is kept straight into the pCPU's, field by field
    /// ([`PathCost::set`]): passed by value it went through a temporary, and a whole
    /// `PathCost` copy is a call out of the wasm code (see there).
    #[inline(always)]
    pub(super) fn plan_from(
        &mut self,
        item: Item,
        charge_to: Option<u32>,
        group: u32,
        what: &'static str,
        cost: &PathCost,
    ) {
        self.plan_fields(item, charge_to, group, what);
        self.cost.set(cost);
    }

    /// Everything [`Self::plan`] sets but the cost.
    #[inline(always)]
    pub(super) fn plan_fields(
        &mut self,
        item: Item,
        charge_to: Option<u32>,
        group: u32,
        what: &'static str,
    ) {
        self.item = Some(item);
        self.charge_to = charge_to;
        self.group = group;
        self.what = what;
        self.user = 0;
        self.ticks = 0;
        self.first_tick = 0;
        self.comps.clear();
        self.no_preempt = false;
    }
}

/// How long entity `ent` on pCPU `pc` may compute from `now` before the scheduler looks
/// again: the slice end, the next credit tick, and the cap.
#[inline(always)]
pub(super) fn room(
    pc: &Pcpu,
    ent: &super::Entity,
    scheduler: crate::platform::SchedulerKind,
    now: Cycles,
) -> u64 {
    let mut until = pc.slice_end;
    if scheduler == crate::platform::SchedulerKind::Credit {
        until = until.min(pc.next_credit_tick);
    }
    let mut room = until.saturating_sub(now).max(1);
    if ent.cap_cycles > 0 {
        // A capped entity stops when its quota for the period is used up.
        room = room.min(ent.cap_cycles.saturating_sub(ent.used_in_period).max(1));
    }
    room
}

/// `n` runs of `one`.
pub(super) fn repeated(one: &PathCost, n: u32) -> PathCost {
    let mut all = PathCost::default();
    let n64 = u64::from(n);
    all.total = one.total * n64;
    for (a, b) in all.by_category.iter_mut().zip(one.by_category) {
        *a = b * n64;
    }
    for (a, b) in all.exits.iter_mut().zip(one.exits) {
        *a = b.saturating_mul(n.min(u32::from(u16::MAX)) as u16);
    }
    all.has_exits = one.has_exits;
    all
}

impl Machine {
    /// The cost of one component, from the table of `group`.
    pub(super) fn comp_cost(&self, group: u32, comp: Comp) -> PathCost {
        match comp {
            Comp::Path(i) => *self.groups[group as usize].cost(i as usize),
            Comp::Repeat(i, n) => repeated(self.groups[group as usize].cost(i as usize), n),
            Comp::Cycles(category, cycles) => PathCost::single(category, cycles),
        }
    }

    /// Begins planning the next item of `p`: the item is put together in place (its
    /// costs summed into the pCPU's `cost`) by the `plan_*` helpers and [`Self::add_compute`],
    /// then started with [`Self::start`]. Its components are kept only when the run is
    /// traced.
    #[inline]
    pub(super) fn plan(
        &mut self,
        p: u32,
        item: Item,
        charge_to: Option<u32>,
        group: u32,
        what: &'static str,
    ) {
        self.pcpus[p as usize].plan(item, charge_to, group, what);
    }

    /// Plans on `p` an item made of one path, `index` of the group's table: what
    /// [`Self::plan`] and [`Self::plan_path`] give, the path's cost copied in at once (a
    /// path that costs nothing leaves the zero cost `plan` starts from).
    #[inline]
    pub(super) fn plan_single(
        &mut self,
        p: u32,
        item: Item,
        charge_to: Option<u32>,
        group: u32,
        what: &'static str,
        index: usize,
    ) {
        let Machine {
            groups,
            pcpus,
            trace,
            ..
        } = self;
        let cost = groups[group as usize].cost(index);
        let pc = &mut pcpus[p as usize];
        pc.plan_from(item, charge_to, group, what, cost);
        if trace.is_some() && (cost.total != 0 || cost.has_exits) {
            pc.comps.push(Comp::Path(index as u16));
        }
    }

    /// Adds path `index` of the group's table to the item planned on `p`.
    #[inline]
    pub(super) fn plan_path(&mut self, p: u32, index: usize) {
        let pc = &mut self.pcpus[p as usize];
        let cost = self.groups[pc.group as usize].cost(index);
        if cost.total == 0 && !cost.has_exits {
            return;
        }
        pc.cost.add(cost);
        if self.trace.is_some() {
            pc.comps.push(Comp::Path(index as u16));
        }
    }

    /// Adds `n` runs of path `index` (timer ticks) to the item planned on `p`.
    pub(super) fn plan_repeat(&mut self, p: u32, index: usize, n: u32) {
        let pc = &mut self.pcpus[p as usize];
        pc.cost
            .add(&repeated(self.groups[pc.group as usize].cost(index), n));
        if self.trace.is_some() {
            pc.comps.push(Comp::Repeat(index as u16, n));
        }
    }

    /// Adds cycles of one category to the item planned on `p`.
    #[inline]
    pub(super) fn plan_cycles(&mut self, p: u32, category: Category, cycles: u64) {
        let pc = &mut self.pcpus[p as usize];
        pc.cost.total += cycles;
        pc.cost.by_category[category as usize] += cycles;
        if self.trace.is_some() {
            pc.comps.push(Comp::Cycles(category, cycles));
        }
    }

    /// Starts the item planned on `p` at `now` and schedules its end.
    #[inline(always)]
    pub(super) fn start(&mut self, p: u32, now: Cycles) {
        let pc = &mut self.pcpus[p as usize];
        let total = pc.cost.total.max(1);
        pc.start = now;
        pc.end = now + total;
        pc.preemptible_until = if !pc.item.is_some_and(Item::is_compute) {
            now
        } else if pc.ticks == 0 {
            // No tick inside (nearly every item): the timer's path is not needed.
            now + pc.user
        } else {
            let timer = self.groups[pc.group as usize].costs[slot::TIMER].total;
            now + pc.user + u64::from(pc.ticks) * timer
        };
        if self.run_ahead.chain == Some(p) {
            // The pCPU running ahead decides next whether to run this item's end at once
            // (`machine/run_ahead.rs`) or to schedule it.
            debug_assert!(!self.run_ahead.deferred, "two items started on one pCPU");
            self.run_ahead.deferred = true;
            return;
        }
        self.schedule_item_end(p);
    }

    /// Schedules the end of the item on `p`.
    #[inline(always)]
    pub(super) fn schedule_item_end(&mut self, p: u32) {
        let pc = &self.pcpus[p as usize];
        let generation = pc.generation;
        self.queue.schedule_item(
            pc.end,
            p,
            generation,
            Event::ItemDone {
                pcpu: p,
                generation,
            },
        );
    }

    /// Charges the item on `p` for what ran of it up to `until` (its end, a cut, or the
    /// end of the run), and traces it. The item stays on the pCPU.
    #[inline(always)]
    pub(super) fn settle(&mut self, p: u32, until: Cycles) {
        let pc = &self.pcpus[p as usize];
        if until >= pc.end && self.trace.is_none() {
            // The common case: the whole item ran.
            let on_vcpu = self.on_vcpu(p);
            let pc = &self.pcpus[p as usize];
            charge(
                &mut self.busy,
                &mut self.instances,
                pc.charge_to,
                &pc.cost,
                on_vcpu,
            );
            if matches!(pc.item, Some(Item::Poll)) {
                let polled = pc.cost.total;
                self.count_polled(p, polled);
            }
            return;
        }
        self.settle_part(p, until);
    }

    /// Whether the entity running on `p` is a vCPU (or process slot) of an instance.
    #[inline(always)]
    fn on_vcpu(&self, p: u32) -> bool {
        let pc = &self.pcpus[p as usize];
        pc.current.is_some() && pc.current_is_vcpu
    }

    /// [`Self::settle`] for an item cut or traced (or at the end of the run).
    fn settle_part(&mut self, p: u32, until: Cycles) {
        let full = until >= self.pcpus[p as usize].end;
        let pc = self.pcpus[p as usize].clone();
        let group = pc.group;
        let mut cost = PathCost::default();
        let mut ran_user = pc.user;
        let mut ran_ticks = pc.ticks;
        if full {
            cost = pc.cost;
        } else if until <= pc.preemptible_until {
            // Cut inside the compute: the user cycles and the ticks that ran.
            let elapsed = until - pc.start;
            let timer = self.groups[group as usize].costs[slot::TIMER];
            ran_ticks = self.ticks_reached(&pc, elapsed);
            ran_user = elapsed
                .saturating_sub(u64::from(ran_ticks) * timer.total)
                .min(pc.user);
            let category = pc.item.map_or(Category::GuestUser, Item::compute_category);
            cost.add(&PathCost::single(category, ran_user));
            if ran_ticks > 0 {
                cost.add(&self.comp_cost(group, Comp::Repeat(slot::TIMER as u16, ran_ticks)));
            }
            // A tick handler cut short is charged for the part that ran.
            clip(&mut cost, elapsed);
        } else {
            // Only at the end of the run: the share of the item inside it.
            cost = pc.cost;
            clip(&mut cost, until - pc.start);
        }
        let on_vcpu = self.on_vcpu(p);
        self.charge(pc.charge_to, &cost, on_vcpu);
        if matches!(pc.item, Some(Item::Poll)) {
            self.count_polled(p, cost.total);
        }
        if self.trace.is_some() {
            self.trace_item(p, &pc, until, full, ran_user, ran_ticks);
        }
    }

    /// Counts `cycles` of halt polling by the item on `p` for its instance.
    #[cold]
    fn count_polled(&mut self, p: u32, cycles: u64) {
        if let Some(instance) = self.pcpus[p as usize].charge_to {
            self.instances[instance as usize].counters.polled_cycles += cycles;
        }
    }

    /// Adds `cost` to the machine's busy time and to `charge_to`'s counters.
    fn charge(&mut self, charge_to: Option<u32>, cost: &PathCost, on_vcpu: bool) {
        charge(
            &mut self.busy,
            &mut self.instances,
            charge_to,
            cost,
            on_vcpu,
        );
    }

    /// How many of the item's ticks fall in its first `elapsed` cycles.
    pub(super) fn ticks_reached(&self, pc: &Pcpu, elapsed: Cycles) -> u32 {
        if pc.ticks == 0 || elapsed <= pc.first_tick {
            return 0;
        }
        let n = (elapsed - pc.first_tick - 1) / self.tick_cycles + 1;
        n.min(u64::from(pc.ticks)) as u32
    }

    /// Cuts the compute running on `p` at `now`, if it is still in its preemptible part:
    /// the rest of the burst goes back to the thread. Returns whether the item was cut;
    /// otherwise the pCPU reschedules when the item ends.
    pub(super) fn cut(&mut self, p: u32, now: Cycles) -> bool {
        let pi = p as usize;
        let pc = &self.pcpus[pi];
        let Some(item) = pc.item else { return false };
        if !item.is_compute() || pc.no_preempt || now >= pc.preemptible_until || now <= pc.start {
            self.pcpus[pi].resched = true;
            return false;
        }
        self.cut_item(p, now);
        true
    }

    /// Cuts the item on `p` at `now`, which must lie in its preemptible compute (or at
    /// its start).
    pub(super) fn cut_item(&mut self, p: u32, now: Cycles) {
        let pi = p as usize;
        let pc = self.pcpus[pi].clone();
        let Some(item) = pc.item else { return };
        self.settle(p, now);
        let elapsed = now - pc.start;
        let ran_ticks = self.ticks_reached(&pc, elapsed);
        let timer = self.groups[pc.group as usize].costs[slot::TIMER].total;
        let ran_user = elapsed
            .saturating_sub(u64::from(ran_ticks) * timer)
            .min(pc.user);
        let e = pc.current.expect("entity on a busy pCPU");
        // Ticks not reached come back to the entity.
        let unreached = u64::from(pc.ticks - ran_ticks);
        let ent = &mut self.entities[e as usize];
        ent.next_tick = ent.next_tick.saturating_sub(unreached * self.tick_cycles);
        if let Item::Work {
            thread,
            refill,
            burst,
            ..
        } = item
        {
            // The refill comes first; what ran of the burst is no longer owed. The
            // operation (if it was in this item) is still to come.
            let ran_burst = ran_user.saturating_sub(refill).min(burst);
            if self.desktop.is_some() {
                self.desktop_ran(thread, ran_burst);
            }
            let th = &mut self.threads[thread as usize];
            th.burst_left = th.burst_left.saturating_sub(ran_burst);
            // The part of the refill that did not run is still cold.
            let instance = th.instance as usize;
            let per_kib = self.spec.costs.cache_refill_per_kib.max(1);
            let undone = refill.saturating_sub(ran_user) / per_kib;
            let c = &mut self.instances[instance].cache;
            let undone = undone.min(c.own).min(c.hot - c.cold);
            c.cold += undone;
            c.own -= undone;
            self.cache_fill -= undone;
        }
        self.lock_item_cut(item, ran_user);
        self.flush_item_cut(item, ran_user);
        let pc = &mut self.pcpus[pi];
        pc.item = None;
        pc.generation = pc.generation.wrapping_add(1);
        self.account_run(e, elapsed);
    }

    /// The item on `p` ended at `now`.
    pub(super) fn item_done(&mut self, p: u32, now: Cycles) {
        let pi = p as usize;
        let Some(item) = self.pcpus[pi].item else {
            return;
        };
        self.settle(p, now);
        let pc = &mut self.pcpus[pi];
        pc.item = None;
        let (ticks, e, ran) = (
            pc.ticks,
            pc.current.expect("entity on a busy pCPU"),
            now - pc.start,
        );
        self.account_run(e, ran);
        if self.is_dead(e) {
            // The instance stopped while this item ran: its work is lost.
            self.leave_pcpu(p, now);
            let ent = &mut self.entities[e as usize];
            ent.state = super::EntityState::Idle;
            ent.thread = None;
            ent.polling = false;
            self.schedule_next(p, now);
            return;
        }
        match item {
            Item::Switch
            | Item::GuestSwitch
            | Item::FlushHandler
            | Item::TxEvent
            | Item::EventIpi => {}
            Item::BalloonBatch { thread } => self.balloon_batch_done(thread, now),
            Item::KsmScan => {
                self.ksm_scan_done(p, e, now);
                return;
            }
            Item::MigrationCopy { pages } => {
                self.migration_copy_done(p, e, pages, now);
                return;
            }
            Item::Background => {
                let percent = u64::from(self.spec.background_percent.clamp(1, 99));
                let sleep_mean = ran * (100 - percent) / percent;
                let sleep = self.background_rng.exponential(sleep_mean).max(1);
                self.leave_pcpu(p, now);
                self.entities[e as usize].state = super::EntityState::Idle;
                self.queue
                    .schedule(now + sleep, Event::BackgroundWake { entity: e });
                self.schedule_next(p, now);
                return;
            }
            Item::Halt => {
                if self.halt_done(p, e, now) {
                    return;
                }
            }
            Item::Poll => {
                // Nothing arrived during the poll window: block.
                self.entities[e as usize].polling = false;
                self.block_vcpu(p, e, now);
                return;
            }
            Item::Work {
                thread, burst, op, ..
            } => {
                let op_start = self.pcpus[pi].preemptible_until;
                if self.desktop.is_some() {
                    self.desktop_ran(thread, burst);
                }
                let th = &mut self.threads[thread as usize];
                th.burst_left = th.burst_left.saturating_sub(burst);
                if let Some(op) = op {
                    th.burst_left = 0;
                    th.next_op = None;
                    if th.swap_pending > 0 {
                        let instance = th.instance as usize;
                        self.instances[instance].counters.swap_ops += 1;
                        if self.swap_in(p, e, thread, op, op_start, now) {
                            return;
                        }
                    } else {
                        self.issue(e, thread, op, op_start, now);
                    }
                }
            }
            Item::Completion {
                thread,
                op,
                started,
            } => {
                let instance = self.threads[thread as usize].instance as usize;
                let swap_in = self.threads[thread as usize]
                    .pending
                    .is_some_and(|p| p.swap_in);
                self.threads[thread as usize].pending = None;
                if swap_in && self.swap_left(thread) {
                    // The page is back, and the operation touches another on swap: its
                    // fault was this item's end.
                    if self.swap_in(p, e, thread, op, started, now) {
                        return;
                    }
                } else if swap_in {
                    // The page is back: the operation that touched it goes on.
                    self.issue(e, thread, op, started, now);
                } else {
                    self.record(instance, op, now - started);
                }
            }
            Item::BackendJob { job } => self.backend_job_done(job, now),
            Item::Spin { thread, end, len } => {
                if self.spin_done(p, e, thread, end, len, now) {
                    return;
                }
            }
            Item::Critical { thread, hold } => {
                if self.critical_done(p, e, thread, hold, now) {
                    return;
                }
            }
            Item::Kick { target, .. } => self.make_runnable(target, now),
            Item::FlushSend { thread } => self.flush_sent(thread, now),
            Item::FlushSpin { thread, end, len } => {
                if self.flush_spin_done(p, e, thread, end, len, now) {
                    return;
                }
            }
            Item::LockedOp {
                thread,
                op,
                started,
            } => {
                let th = &mut self.threads[thread as usize];
                th.burst_left = 0;
                th.next_op = None;
                self.issue(e, thread, op, started, now);
            }
        }
        // A shootdown's IPIs follow its system call without a preemption point (a kernel
        // path runs to its end; a preemption that arrived meanwhile waits for its end).
        if self.rare_guest
            && self.entities[e as usize]
                .thread
                .is_some_and(|t| self.shootdown_sending(t))
        {
            self.start_entity_item(p, now);
            return;
        }
        // Guest preemption at a tick: another thread of the instance is waiting (never
        // a thread that holds or waits for the spinlock: preemption is off then).
        if let Owner::Vcpu(instance) = self.entities[e as usize].owner {
            let instance = instance as usize;
            if ticks > 0 && !self.instances[instance].ready.is_empty() && self.guest_may_preempt(e)
            {
                if let Some(t) = self.entities[e as usize].thread.take() {
                    self.instances[instance].ready.push_back(t);
                }
            }
        }
        if self.continue_vcpu(p, e, now) {
            return;
        }
        self.schedule_next(p, now);
    }

    /// Starts the next item of the entity running on `p`.
    #[inline(always)]
    pub(super) fn start_entity_item(&mut self, p: u32, now: Cycles) {
        let e = self.pcpus[p as usize].current.expect("running entity");
        match self.entities[e as usize].owner {
            Owner::Background => {
                let burst = super::BACKGROUND_BURST_US * self.spec.host.cycles_per_us();
                let room = self.pcpus[p as usize].slice_end.saturating_sub(now).max(1);
                self.plan(p, Item::Background, None, 0, "host process");
                let cycles = burst.min(room);
                let refill = self.cache_refill(super::cache::CacheOwner::Background, cycles);
                self.plan_cycles(p, Category::HostOs, cycles + refill);
                self.start(p, now);
            }
            Owner::Backend(b) => self.start_backend_item(p, e, b, now),
            Owner::Ksmd => self.start_ksm_scan(p, now),
            Owner::Migration => self.start_migration_copy(p, e, now),
            Owner::Vcpu(instance) => self.start_vcpu_item(p, e, instance, now),
        }
    }

    /// How long the entity on `p` may compute from `now` before the scheduler looks
    /// again: the slice end, the next credit tick, and the cap.
    pub(super) fn room(&self, p: u32, e: u32, now: Cycles) -> u64 {
        room(
            &self.pcpus[p as usize],
            &self.entities[e as usize],
            self.spec.scheduler,
            now,
        )
    }
}

/// Adds `cost` to the machine's busy time `busy` and to `charge_to`'s counters (a free
/// function, so that the cost can stay borrowed from the pCPU).
#[inline(always)]
fn charge(
    busy: &mut [u64; Category::COUNT],
    instances: &mut [super::InstanceRt],
    charge_to: Option<u32>,
    cost: &PathCost,
    on_vcpu: bool,
) {
    for (slot, c) in busy.iter_mut().zip(cost.by_category) {
        *slot += c;
    }
    if let Some(instance) = charge_to {
        charge_instance(&mut instances[instance as usize].counters, cost, on_vcpu);
    }
}

/// [`charge`]'s part for the instance charged: `cost` added to its `counters`.
#[inline(always)]
pub(super) fn charge_instance(
    counters: &mut super::InstanceCounters,
    cost: &PathCost,
    on_vcpu: bool,
) {
    for (slot, c) in counters.cycles.iter_mut().zip(cost.by_category) {
        *slot += c;
    }
    if on_vcpu {
        // `total` is the categories' sum (`clip` keeps it so).
        counters.vcpu_cycles += cost.total;
    }
    if cost.has_exits {
        for (slot, c) in counters.exits.iter_mut().zip(cost.exits) {
            *slot += u64::from(c);
        }
    }
}

/// Scales `cost` down to `inside` cycles (the part of an item that ran).
fn clip(cost: &mut PathCost, inside: u64) {
    if cost.total <= inside {
        return;
    }
    let total = cost.total.max(1);
    let mut sum = 0;
    for c in &mut cost.by_category {
        *c = (u128::from(*c) * u128::from(inside) / u128::from(total)) as u64;
        sum += *c;
    }
    cost.total = sum;
}
