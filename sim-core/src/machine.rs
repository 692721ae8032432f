//! One platform on one host, simulated cycle by cycle: pCPUs, the host-level scheduler,
//! vCPUs (or container/native process slots), guest threads and devices.
//!
//! Two scheduling levels: the hypervisor or host OS runs *entities* (vCPUs, container
//! slots, host background processes) on pCPUs in time slices; inside an instance the guest
//! kernel runs its *threads* on its entities. Work is executed in *items* (a compute burst
//! and the operation that ends it, a completion, a switch), each one event.

use std::collections::VecDeque;

use crate::costs::CostTable;
use crate::engine::{Cycles, EventQueue};
use crate::metrics::Histogram;
use crate::path::{Category, ExitReason, FoldedPath, PathBuilder, PathCost};
use crate::platform::{PlatformKind, SchedulerKind, Stack};
use crate::rng::SimRng;
use crate::scenario::Host;
use crate::workload::{Op, OpSampler, Workload};

/// Guest timer frequency (CONFIG_HZ=250, a common Linux default).
const TICK_HZ: u64 = 250;
/// Minimum fair-share slice, milliseconds ×1000 (3 ms, CFS's min granularity).
const FAIR_MIN_GRANULARITY_US: u64 = 3_000;
/// CFS wake-up granularity: a woken task preempts only if this much behind (1 ms).
const WAKEUP_GRANULARITY_US: u64 = 1_000;
/// Credit scheduler tick: debit and priority check (Xen credit1 ticks every 10 ms).
const CREDIT_TICK_US: u64 = 10_000;
/// Length of one busy burst of a host background process, microseconds.
const BACKGROUND_BURST_US: u64 = 2_000;
/// Segments a trace keeps at most.
pub const MAX_TRACE_SEGMENTS: usize = 20_000;

/// One instance group as the machine sees it.
#[derive(Debug, Clone)]
pub struct GroupSpec {
    /// Index of the group in the scenario (keeps random streams equal across platforms).
    pub scenario_index: usize,
    pub name: String,
    pub count: u32,
    pub vcpus: u32,
    pub threads: u32,
    pub workload: Workload,
    pub pin: Option<Vec<u32>>,
    pub weight: u32,
    pub cap_percent: u32,
}

/// Everything needed to simulate one platform.
#[derive(Debug, Clone)]
pub struct MachineSpec {
    pub host: Host,
    pub stack: Stack,
    pub scheduler: SchedulerKind,
    pub time_slice_ms: u64,
    pub background_percent: u32,
    pub groups: Vec<GroupSpec>,
    pub costs: CostTable,
    pub duration_cycles: Cycles,
    pub seed: u64,
    pub trace: bool,
    /// Instances stopped at a given time (injected faults).
    pub faults: Vec<MachineFault>,
}

/// A set of instances (machine indices, group by group, copy by copy) that stop at `at`.
#[derive(Debug, Clone, PartialEq)]
pub struct MachineFault {
    pub at: Cycles,
    pub instances: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
enum Event {
    ItemDone { pcpu: u32 },
    Wake { thread: u32 },
    BackgroundWake { entity: u32 },
    Accounting,
    Fault { index: u32 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntityState {
    Running,
    Runnable,
    Idle,
}

const BACKGROUND: u32 = u32::MAX;

impl Entity {
    /// A runnable entity that has not run yet.
    fn new(instance: u32, affinity: Option<u32>, weight: u64, cap_cycles: u64) -> Entity {
        Entity {
            instance,
            state: EntityState::Runnable,
            thread: None,
            last_thread: None,
            affinity,
            weight,
            cap_cycles,
            credit: 0,
            vruntime: 0,
            used_in_period: 0,
            throttled: false,
            boosted: false,
            active_in_period: true,
            runnable_since: 0,
            enqueue_seq: 0,
            next_tick: 0,
            steal: 0,
        }
    }
}

#[derive(Debug, Clone)]
struct Entity {
    /// Instance index, or BACKGROUND.
    instance: u32,
    state: EntityState,
    thread: Option<u32>,
    last_thread: Option<u32>,
    affinity: Option<u32>,
    weight: u64,
    cap_cycles: u64,
    credit: i64,
    vruntime: u64,
    used_in_period: u64,
    throttled: bool,
    /// Credit scheduler: woke up with credit left and may preempt (Xen's BOOST).
    boosted: bool,
    active_in_period: bool,
    runnable_since: Cycles,
    enqueue_seq: u64,
    next_tick: Cycles,
    steal: Cycles,
}

#[derive(Debug, Clone)]
struct Thread {
    instance: u32,
    rng: SimRng,
    burst_left: u64,
    next_op: Option<Op>,
    /// A blocking operation whose completion path is still to run, and when it started.
    pending: Option<(Op, Cycles)>,
}

#[derive(Debug, Clone, Copy)]
enum Item {
    EntitySwitch,
    GuestSwitch,
    Halt,
    Compute {
        thread: u32,
        cycles: u64,
    },
    ComputeThenOp {
        thread: u32,
        op: Op,
        op_start: Cycles,
    },
    Completion {
        thread: u32,
        op: Op,
        started: Cycles,
    },
    Background {
        cycles: u64,
    },
}

#[derive(Debug, Clone)]
struct Pcpu {
    current: Option<u32>,
    last_entity: Option<u32>,
    slice_end: Cycles,
    /// Next 10 ms credit tick, when an OVER entity yields to a waiting UNDER one.
    next_credit_tick: Cycles,
    /// A woken entity should take this pCPU when its current item ends.
    resched: bool,
    item: Option<Item>,
    item_start: Cycles,
    item_ticks: u64,
}

/// Counters of one instance.
#[derive(Debug, Clone, Default)]
pub struct InstanceCounters {
    pub group: usize,
    pub name: String,
    pub ops: u64,
    pub ops_by_kind: [u64; Op::COUNT],
    pub cycles: [u64; Category::COUNT],
    pub exits: [u64; ExitReason::COUNT],
    pub steal: Cycles,
    pub vcpu_time: Cycles,
    /// When a fault stopped the instance.
    pub stopped_at: Option<Cycles>,
}

struct InstanceRt {
    group: u32,
    ready: VecDeque<u32>,
    halted: Vec<u32>,
    batch: [u64; Op::COUNT * 2],
    counters: InstanceCounters,
    dead: bool,
}

struct GroupRt {
    submit: [FoldedPath; Op::COUNT],
    complete: [FoldedPath; Op::COUNT],
    timer: PathCost,
    guest_switch: PathCost,
    halt: PathCost,
    sampler: OpSampler,
    workload: Workload,
    latency: Vec<Histogram>,
}

/// One coloured stretch of a pCPU's time.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TraceSegment {
    pub pcpu: u32,
    pub start: Cycles,
    pub end: Cycles,
    pub category: Category,
    /// Instance name, or `host` for the host's own processes.
    pub instance: String,
    /// What ran: an operation name, `compute`, `switch`, `halt`.
    pub what: String,
}

/// An exit or trap at a point in time.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TraceMark {
    pub pcpu: u32,
    pub time: Cycles,
    pub reason: ExitReason,
    pub count: u32,
}

/// The bounded timeline of a run.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Trace {
    pub segments: Vec<TraceSegment>,
    pub marks: Vec<TraceMark>,
    /// Whether the bound cut the trace short.
    pub truncated: bool,
}

/// What a finished machine hands back.
pub struct MachineOutcome {
    pub instances: Vec<InstanceCounters>,
    /// Per scenario group: latency histograms per operation.
    pub group_latency: Vec<(usize, Vec<Histogram>)>,
    pub busy: [u64; Category::COUNT],
    pub capacity: Cycles,
    pub events: u64,
    pub trace: Option<Trace>,
}

/// The simulation of one platform.
pub struct Machine {
    spec: MachineSpec,
    queue: EventQueue<Event>,
    pcpus: Vec<Pcpu>,
    idle_pcpus: Vec<u32>,
    entities: Vec<Entity>,
    threads: Vec<Thread>,
    instances: Vec<InstanceRt>,
    groups: Vec<GroupRt>,
    runqueue: Vec<u32>,
    entity_switch: PathCost,
    enqueue_counter: u64,
    slice_cycles: Cycles,
    tick_cycles: Cycles,
    period_cycles: Cycles,
    disk_free_at: Cycles,
    nic_free_at: Cycles,
    background_rng: SimRng,
    busy: [u64; Category::COUNT],
    trace: Option<Trace>,
    finished: bool,
}

impl Machine {
    pub fn new(spec: MachineSpec) -> Machine {
        let per_us = spec.host.cycles_per_us();
        let per_ms = per_us * 1000;
        let mut groups = Vec::new();
        let mut entities = Vec::new();
        let mut threads = Vec::new();
        let mut instances = Vec::new();
        let slice_cycles = spec.time_slice_ms * per_ms;
        let period_cycles = match spec.scheduler {
            SchedulerKind::Credit => 30 * per_ms,
            _ => 100 * per_ms,
        };
        let entity_switch;
        {
            let any_workload = spec
                .groups
                .first()
                .map(|g| g.workload.clone())
                .unwrap_or_else(|| Workload::preset("cpu-bound").expect("preset"));
            let builder = PathBuilder::new(&spec.stack, &spec.costs, spec.host.cpu, &any_workload);
            entity_switch = PathCost::of_steps(&builder.entity_switch_path().steps);
        }
        for (g_index, g) in spec.groups.iter().enumerate() {
            let builder = PathBuilder::new(&spec.stack, &spec.costs, spec.host.cpu, &g.workload);
            let mut submit = [FoldedPath::default(); Op::COUNT];
            let mut complete = [FoldedPath::default(); Op::COUNT];
            for op in Op::ALL {
                let path = builder.op_path(op);
                submit[op.index()] = FoldedPath::from(&path.submit);
                complete[op.index()] = FoldedPath::from(&path.complete);
            }
            groups.push(GroupRt {
                timer: submit[Op::TimerInterrupt.index()].every_time,
                guest_switch: submit[Op::GuestContextSwitch.index()].every_time,
                halt: PathCost::of_steps(&builder.halt_path().steps),
                submit,
                complete,
                sampler: OpSampler::new(&g.workload),
                workload: g.workload.clone(),
                latency: vec![Histogram::default(); Op::COUNT],
            });
            for copy in 0..g.count {
                let instance = instances.len() as u32;
                let name = if g.count == 1 {
                    g.name.clone()
                } else {
                    format!("{}-{}", g.name, copy + 1)
                };
                let mut ready = VecDeque::new();
                for t in 0..g.threads {
                    let rng = SimRng::derived(
                        spec.seed,
                        &[g.scenario_index as u64, u64::from(copy), u64::from(t)],
                    );
                    ready.push_back(threads.len() as u32);
                    threads.push(Thread {
                        instance,
                        rng,
                        burst_left: 0,
                        next_op: None,
                        pending: None,
                    });
                }
                for v in 0..g.vcpus {
                    entities.push(Entity::new(
                        instance,
                        g.pin.as_ref().map(|p| p[v as usize]),
                        u64::from(g.weight),
                        u64::from(g.cap_percent) * period_cycles / 100,
                    ));
                }
                instances.push(InstanceRt {
                    group: g_index as u32,
                    ready,
                    halted: Vec::new(),
                    batch: [0; Op::COUNT * 2],
                    dead: false,
                    counters: InstanceCounters {
                        group: g.scenario_index,
                        name,
                        ..InstanceCounters::default()
                    },
                });
            }
        }
        if spec.stack.kind == PlatformKind::Type2 && spec.background_percent > 0 {
            for _ in 0..spec.host.cores {
                entities.push(Entity::new(BACKGROUND, None, 256, 0));
            }
        }
        let cores = spec.host.cores;
        let mut machine = Machine {
            queue: EventQueue::default(),
            pcpus: vec![
                Pcpu {
                    current: None,
                    last_entity: None,
                    slice_end: 0,
                    next_credit_tick: 0,
                    resched: false,
                    item: None,
                    item_start: 0,
                    item_ticks: 0,
                };
                cores as usize
            ],
            idle_pcpus: (0..cores).rev().collect(),
            runqueue: Vec::new(),
            entity_switch,
            enqueue_counter: 0,
            slice_cycles,
            tick_cycles: per_us * 1_000_000 / TICK_HZ,
            period_cycles,
            disk_free_at: 0,
            nic_free_at: 0,
            background_rng: SimRng::derived(spec.seed, &[u64::MAX]),
            busy: [0; Category::COUNT],
            trace: spec.trace.then(Trace::default),
            finished: false,
            entities,
            threads,
            instances,
            groups,
            spec,
        };
        for e in 0..machine.entities.len() as u32 {
            machine.enqueue(e, 0);
        }
        machine
            .queue
            .schedule(machine.period_cycles, Event::Accounting);
        for (index, fault) in machine.spec.faults.iter().enumerate() {
            machine.queue.schedule(
                fault.at,
                Event::Fault {
                    index: index as u32,
                },
            );
        }
        machine.dispatch_idle(0);
        machine
    }

    /// Runs at most `budget` events. Returns true once the simulated duration is over.
    pub fn advance(&mut self, budget: u64) -> bool {
        if self.finished {
            return true;
        }
        let end = self.spec.duration_cycles;
        let start = self.queue.processed();
        while self.queue.processed() - start < budget {
            let Some((now, event)) = self.queue.pop_until(end) else {
                self.finished = true;
                return true;
            };
            match event {
                Event::ItemDone { pcpu } => self.item_done(pcpu, now),
                Event::Wake { thread } => self.wake_thread(thread, now),
                Event::BackgroundWake { entity } => self.make_runnable(entity, now),
                Event::Accounting => self.accounting(now),
                Event::Fault { index } => self.fault(index as usize, now),
            }
        }
        false
    }

    /// Simulated time reached so far.
    pub fn now(&self) -> Cycles {
        self.queue.now()
    }

    pub fn events(&self) -> u64 {
        self.queue.processed()
    }

    /// Closes the books at the end of the duration.
    pub fn finish(mut self) -> MachineOutcome {
        let end = self.spec.duration_cycles;
        for e in &mut self.entities {
            if e.state == EntityState::Runnable {
                e.steal += end.saturating_sub(e.runnable_since);
            }
        }
        for e in &self.entities {
            if e.instance != BACKGROUND {
                let c = &mut self.instances[e.instance as usize].counters;
                c.steal += e.steal;
                c.vcpu_time += end;
            }
        }
        let group_latency = self
            .groups
            .iter()
            .zip(&self.spec.groups)
            .map(|(g, s)| (s.scenario_index, g.latency.clone()))
            .collect();
        MachineOutcome {
            instances: self.instances.into_iter().map(|i| i.counters).collect(),
            group_latency,
            busy: self.busy,
            capacity: end * u64::from(self.spec.host.cores),
            events: self.queue.processed(),
            trace: self.trace,
        }
    }

    // ---------------------------------------------------------------- scheduling

    fn enqueue(&mut self, e: u32, now: Cycles) {
        self.enqueue_counter += 1;
        let ent = &mut self.entities[e as usize];
        ent.state = EntityState::Runnable;
        ent.runnable_since = now;
        ent.enqueue_seq = self.enqueue_counter;
        ent.active_in_period = true;
        self.runqueue.push(e);
    }

    fn eligible(&self, e: u32, pcpu: u32) -> bool {
        let ent = &self.entities[e as usize];
        !ent.throttled && ent.affinity.is_none_or(|a| a == pcpu)
    }

    /// Scheduler key: lower runs first.
    fn key(&self, e: u32) -> (u64, u64) {
        let ent = &self.entities[e as usize];
        match self.spec.scheduler {
            SchedulerKind::RoundRobin => (0, ent.enqueue_seq),
            // BOOST (just woken with credit left), then UNDER in FIFO order, then OVER,
            // least in debt first.
            SchedulerKind::Credit if ent.boosted => (0, ent.enqueue_seq),
            SchedulerKind::Credit if ent.credit > 0 => (1, ent.enqueue_seq),
            SchedulerKind::Credit => (2 + ent.credit.unsigned_abs(), ent.enqueue_seq),
            SchedulerKind::Fair => (ent.vruntime, ent.enqueue_seq),
        }
    }

    fn pick(&mut self, pcpu: u32) -> Option<u32> {
        let mut best: Option<(usize, (u64, u64))> = None;
        for (pos, &e) in self.runqueue.iter().enumerate() {
            if !self.eligible(e, pcpu) {
                continue;
            }
            let key = self.key(e);
            if best.is_none_or(|(_, k)| key < k) {
                best = Some((pos, key));
            }
        }
        best.map(|(pos, _)| self.runqueue.swap_remove(pos))
    }

    fn has_waiting_for(&self, pcpu: u32) -> bool {
        self.runqueue.iter().any(|&e| self.eligible(e, pcpu))
    }

    fn slice(&self) -> Cycles {
        match self.spec.scheduler {
            SchedulerKind::Fair => {
                let cores = u64::from(self.spec.host.cores);
                let running = cores - self.idle_pcpus.len() as u64;
                let per_cpu = (self.runqueue.len() as u64 + running)
                    .div_ceil(cores)
                    .max(1);
                let min = FAIR_MIN_GRANULARITY_US * self.spec.host.cycles_per_us();
                (self.slice_cycles / per_cpu).max(min)
            }
            _ => self.slice_cycles,
        }
    }

    /// Charges run time to the entity's scheduler bookkeeping.
    fn account_run(&mut self, e: u32, ran: Cycles) {
        let ent = &mut self.entities[e as usize];
        ent.credit -= ran as i64;
        ent.vruntime += ran * 256 / ent.weight.max(1);
        ent.used_in_period += ran;
        if ent.cap_cycles > 0 && ent.used_in_period >= ent.cap_cycles {
            ent.throttled = true;
        }
    }

    fn accounting(&mut self, now: Cycles) {
        let period = self.period_cycles;
        if self.spec.scheduler == SchedulerKind::Credit {
            let active: Vec<usize> = (0..self.entities.len())
                .filter(|&i| {
                    self.entities[i].active_in_period || self.entities[i].state != EntityState::Idle
                })
                .collect();
            let total_weight: u64 = active.iter().map(|&i| self.entities[i].weight).sum();
            let pool = period * u64::from(self.spec.host.cores);
            for &i in &active {
                let ent = &mut self.entities[i];
                let share = (pool * ent.weight / total_weight.max(1)) as i64;
                ent.credit = (ent.credit + share).min(share);
            }
        }
        for ent in &mut self.entities {
            ent.used_in_period = 0;
            ent.throttled = false;
            ent.active_in_period = ent.state != EntityState::Idle;
        }
        self.queue.schedule(now + period, Event::Accounting);
        self.dispatch_idle(now);
    }

    /// Gives waiting entities to idle pCPUs.
    fn dispatch_idle(&mut self, now: Cycles) {
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

    fn make_runnable(&mut self, e: u32, now: Cycles) {
        if self.entities[e as usize].state != EntityState::Idle || self.is_dead(e) {
            return;
        }
        self.enqueue(e, now);
        match self.spec.scheduler {
            // Fair share: a waking entity does not bank the time it slept.
            SchedulerKind::Fair => {
                let floor = self
                    .runqueue
                    .iter()
                    .chain(self.pcpus.iter().filter_map(|pc| pc.current.as_ref()))
                    .filter(|&&x| x != e)
                    .map(|&x| self.entities[x as usize].vruntime)
                    .min()
                    .unwrap_or(0)
                    .saturating_sub(self.slice_cycles / 2);
                let ent = &mut self.entities[e as usize];
                ent.vruntime = ent.vruntime.max(floor);
            }
            SchedulerKind::Credit => {
                let ent = &mut self.entities[e as usize];
                ent.boosted = ent.credit > 0;
            }
            SchedulerKind::RoundRobin => {}
        }
        self.dispatch_idle(now);
        if self.entities[e as usize].state == EntityState::Runnable {
            self.wakeup_preempt(e);
        }
    }

    /// Wake-up preemption: a woken entity that the policy ranks above a running one asks
    /// that pCPU to reschedule at the end of its current item (CFS wake-up preemption,
    /// Xen credit's BOOST). Round robin never preempts.
    fn wakeup_preempt(&mut self, e: u32) {
        let granularity = WAKEUP_GRANULARITY_US * self.spec.host.cycles_per_us();
        let waker = &self.entities[e as usize];
        let mut target: Option<(u32, u64)> = None;
        for (p, pc) in self.pcpus.iter().enumerate() {
            let p = p as u32;
            let Some(current) = pc.current else { continue };
            if pc.resched || waker.affinity.is_some_and(|a| a != p) {
                continue;
            }
            let running = &self.entities[current as usize];
            let margin = match self.spec.scheduler {
                SchedulerKind::Fair if waker.vruntime + granularity < running.vruntime => {
                    running.vruntime - waker.vruntime
                }
                SchedulerKind::Credit if waker.boosted && !running.boosted => {
                    // Prefer preempting the entity deepest in debt.
                    1 + running.credit.min(0).unsigned_abs()
                }
                _ => continue,
            };
            if target.is_none_or(|(_, best)| margin > best) {
                target = Some((p, margin));
            }
        }
        if let Some((p, _)) = target {
            self.pcpus[p as usize].resched = true;
        }
    }

    /// pCPU `p` is free at `now`: keep, preempt or replace its entity and start the next item.
    fn schedule_next(&mut self, p: u32, now: Cycles) {
        let pi = p as usize;
        if let Some(e) = self.pcpus[pi].current {
            let throttled = self.entities[e as usize].throttled;
            let credit_tick = self.spec.scheduler == SchedulerKind::Credit
                && now >= self.pcpus[pi].next_credit_tick;
            if credit_tick {
                self.pcpus[pi].next_credit_tick =
                    now + CREDIT_TICK_US * self.spec.host.cycles_per_us();
            }
            let yields_to_under = credit_tick
                && self.entities[e as usize].credit <= 0
                && self
                    .runqueue
                    .iter()
                    .any(|&w| self.entities[w as usize].credit > 0 && self.eligible(w, p));
            let resched = std::mem::take(&mut self.pcpus[pi].resched);
            if throttled
                || (resched && self.has_waiting_for(p))
                || yields_to_under
                || (now >= self.pcpus[pi].slice_end && self.has_waiting_for(p))
            {
                self.pcpus[pi].current = None;
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
            let slice = self.slice();
            let ent = &mut self.entities[e as usize];
            ent.steal += now - ent.runnable_since;
            ent.state = EntityState::Running;
            ent.boosted = false;
            ent.next_tick = ent.next_tick.max(now + 1);
            let pc = &mut self.pcpus[pi];
            pc.current = Some(e);
            pc.slice_end = now + slice;
            if pc.last_entity != Some(e) {
                pc.last_entity = Some(e);
                if self.entity_switch.total > 0 {
                    let cost = self.entity_switch;
                    let instance = self.entities[e as usize].instance;
                    self.start_item(p, now, Item::EntitySwitch, &cost, instance, "switch");
                    return;
                }
            }
        }
        self.start_entity_item(p, now);
    }

    /// Starts the next item of the entity running on `p`.
    fn start_entity_item(&mut self, p: u32, now: Cycles) {
        let e = self.pcpus[p as usize].current.expect("running entity");
        let instance = self.entities[e as usize].instance;
        if instance == BACKGROUND {
            let burst = BACKGROUND_BURST_US * self.spec.host.cycles_per_us();
            let room = self.pcpus[p as usize].slice_end.saturating_sub(now).max(1);
            let cycles = burst.min(room);
            let cost = PathCost::single(Category::HostOs, cycles);
            self.start_item(
                p,
                now,
                Item::Background { cycles },
                &cost,
                BACKGROUND,
                "host process",
            );
            return;
        }
        let ii = instance as usize;
        let gi = self.instances[ii].group as usize;
        // Guest scheduling: give the vCPU a thread, or halt it.
        if self.entities[e as usize].thread.is_none() {
            match self.instances[ii].ready.pop_front() {
                Some(t) => {
                    let ent = &mut self.entities[e as usize];
                    ent.thread = Some(t);
                    let switched = ent.last_thread.is_some_and(|last| last != t);
                    ent.last_thread = Some(t);
                    if switched {
                        let cost = self.groups[gi].guest_switch;
                        self.start_item(
                            p,
                            now,
                            Item::GuestSwitch,
                            &cost,
                            instance,
                            Op::GuestContextSwitch.name(),
                        );
                        return;
                    }
                }
                None => {
                    let cost = self.groups[gi].halt;
                    self.start_item(p, now, Item::Halt, &cost, instance, "halt");
                    return;
                }
            }
        }
        let t = self.entities[e as usize].thread.expect("thread");
        let ti = t as usize;
        if let Some((op, started)) = self.threads[ti].pending {
            let folded = self.groups[gi].complete[op.index()];
            let cost = self.with_batch(ii, op.index() * 2 + 1, &folded);
            self.start_item(
                p,
                now,
                Item::Completion {
                    thread: t,
                    op,
                    started,
                },
                &cost,
                instance,
                op.name(),
            );
            return;
        }
        if self.threads[ti].next_op.is_none() && self.threads[ti].burst_left == 0 {
            let (burst, op) = self.groups[gi].sampler.draw(&mut self.threads[ti].rng);
            self.threads[ti].burst_left = burst;
            self.threads[ti].next_op = op;
        }
        let burst = self.threads[ti].burst_left;
        let mut room = if self.has_waiting_for(p) {
            self.pcpus[p as usize].slice_end.saturating_sub(now).max(1)
        } else {
            u64::MAX
        };
        let ent = &self.entities[e as usize];
        if ent.cap_cycles > 0 {
            // A capped entity stops when its quota for the period is used up.
            room = room.min(ent.cap_cycles.saturating_sub(ent.used_in_period).max(1));
        }
        match self.threads[ti].next_op {
            Some(op) if burst <= room => {
                let folded = self.groups[gi].submit[op.index()];
                let mut cost = self.with_batch(ii, op.index() * 2, &folded);
                cost.total += burst;
                cost.by_category[Category::GuestUser as usize] += burst;
                self.threads[ti].burst_left = 0;
                self.threads[ti].next_op = None;
                self.start_item(
                    p,
                    now,
                    Item::ComputeThenOp {
                        thread: t,
                        op,
                        op_start: now + burst,
                    },
                    &cost,
                    instance,
                    op.name(),
                );
            }
            _ => {
                let cycles = burst.min(room).max(1);
                let cost = PathCost::single(Category::GuestUser, cycles);
                self.start_item(
                    p,
                    now,
                    Item::Compute { thread: t, cycles },
                    &cost,
                    instance,
                    "compute",
                );
            }
        }
    }

    /// The folded cost of a path, with its batched part when this is the batch's turn.
    fn with_batch(&mut self, instance: usize, slot: usize, folded: &FoldedPath) -> PathCost {
        let mut cost = folded.every_time;
        if folded.batched.total > 0 || folded.batched.has_exits {
            let counter = &mut self.instances[instance].batch[slot];
            *counter += 1;
            if *counter % folded.batch_every == 0 {
                cost.add(&folded.batched);
            }
        }
        cost
    }

    /// Charges an item, adds the timer ticks it spans, and schedules its end.
    fn start_item(
        &mut self,
        p: u32,
        now: Cycles,
        item: Item,
        cost: &PathCost,
        instance: u32,
        what: &'static str,
    ) {
        let mut cost = *cost;
        let mut ticks = 0;
        if instance != BACKGROUND {
            let e = self.pcpus[p as usize].current.expect("entity");
            let gi = self.instances[instance as usize].group as usize;
            let timer = self.groups[gi].timer;
            let ent = &mut self.entities[e as usize];
            let item_end = now + cost.total;
            if item_end >= ent.next_tick {
                // Ticks that fall inside the item; their own handlers are not re-checked.
                ticks = (item_end - ent.next_tick) / self.tick_cycles + 1;
                ent.next_tick += ticks * self.tick_cycles;
                for _ in 0..ticks.min(16) {
                    cost.add(&timer);
                }
                if ticks > 16 {
                    let extra = ticks - 16;
                    cost.total += extra * timer.total;
                    for (slot, c) in cost.by_category.iter_mut().zip(timer.by_category) {
                        *slot += extra * c;
                    }
                }
            }
        }
        let end = now + cost.total.max(1);
        // An item that runs past the end of the run is charged only for the part inside it.
        let inside = self.spec.duration_cycles.saturating_sub(now);
        if cost.total > inside {
            for c in &mut cost.by_category {
                *c = (u128::from(*c) * u128::from(inside) / u128::from(cost.total)) as u64;
            }
        }
        for (slot, c) in self.busy.iter_mut().zip(cost.by_category) {
            *slot += c;
        }
        if instance != BACKGROUND {
            let counters = &mut self.instances[instance as usize].counters;
            for (slot, c) in counters.cycles.iter_mut().zip(cost.by_category) {
                *slot += c;
            }
            if cost.has_exits {
                for (slot, c) in counters.exits.iter_mut().zip(cost.exits) {
                    *slot += u64::from(c);
                }
            }
        }
        if self.trace.is_some() {
            self.trace_item(p, now, &cost, instance, what);
        }
        let pc = &mut self.pcpus[p as usize];
        pc.item = Some(item);
        pc.item_start = now;
        pc.item_ticks = ticks;
        self.queue.schedule(end, Event::ItemDone { pcpu: p });
    }

    fn trace_item(
        &mut self,
        p: u32,
        now: Cycles,
        cost: &PathCost,
        instance: u32,
        what: &'static str,
    ) {
        let name = if instance == BACKGROUND {
            "host".to_string()
        } else {
            self.instances[instance as usize].counters.name.clone()
        };
        let trace = self.trace.as_mut().expect("trace on");
        if trace.segments.len() >= MAX_TRACE_SEGMENTS {
            trace.truncated = true;
            return;
        }
        let mut at = now;
        for category in Category::ALL {
            let cycles = cost.by_category[category as usize];
            if cycles == 0 {
                continue;
            }
            trace.segments.push(TraceSegment {
                pcpu: p,
                start: at,
                end: at + cycles,
                category,
                instance: name.clone(),
                what: what.to_string(),
            });
            at += cycles;
        }
        for reason in ExitReason::ALL {
            let count = cost.exits[reason as usize];
            if count > 0 {
                trace.marks.push(TraceMark {
                    pcpu: p,
                    time: now,
                    reason,
                    count: u32::from(count),
                });
            }
        }
    }

    // ---------------------------------------------------------------- items ending

    fn item_done(&mut self, p: u32, now: Cycles) {
        let pi = p as usize;
        let Some(item) = self.pcpus[pi].item.take() else {
            return;
        };
        let ticks = self.pcpus[pi].item_ticks;
        let e = self.pcpus[pi].current.expect("entity on a busy pCPU");
        self.account_run(e, now - self.pcpus[pi].item_start);
        if self.is_dead(e) {
            // The instance stopped while this item ran: its work is lost.
            self.pcpus[pi].current = None;
            let ent = &mut self.entities[e as usize];
            ent.state = EntityState::Idle;
            ent.thread = None;
            self.schedule_next(p, now);
            return;
        }
        match item {
            Item::EntitySwitch | Item::GuestSwitch => {}
            Item::Background { cycles } => {
                let percent = u64::from(self.spec.background_percent.max(1));
                let sleep_mean = cycles * (100 - percent) / percent;
                let sleep = self.background_rng.exponential(sleep_mean).max(1);
                self.pcpus[pi].current = None;
                self.entities[e as usize].state = EntityState::Idle;
                self.queue
                    .schedule(now + sleep, Event::BackgroundWake { entity: e });
                self.schedule_next(p, now);
                return;
            }
            Item::Halt => {
                let instance = self.entities[e as usize].instance as usize;
                self.pcpus[pi].current = None;
                self.entities[e as usize].state = EntityState::Idle;
                // A thread may have become ready while the halt was under way.
                if self.instances[instance].ready.is_empty() {
                    self.instances[instance].halted.push(e);
                } else {
                    self.enqueue(e, now);
                }
                self.schedule_next(p, now);
                return;
            }
            Item::Compute { thread, cycles } => {
                let th = &mut self.threads[thread as usize];
                th.burst_left = th.burst_left.saturating_sub(cycles);
            }
            Item::ComputeThenOp {
                thread,
                op,
                op_start,
            } => {
                let instance = self.threads[thread as usize].instance as usize;
                if op.blocks() {
                    let done = self.device_done(thread, op, now);
                    self.threads[thread as usize].pending = Some((op, op_start));
                    self.queue.schedule(done, Event::Wake { thread });
                    self.entities[e as usize].thread = None;
                } else {
                    self.record(instance, op, now - op_start);
                }
            }
            Item::Completion {
                thread,
                op,
                started,
            } => {
                let instance = self.threads[thread as usize].instance as usize;
                self.threads[thread as usize].pending = None;
                self.record(instance, op, now - started);
            }
        }
        // Guest preemption at a tick: another thread of the instance is waiting.
        let instance = self.entities[e as usize].instance as usize;
        if ticks > 0 && !self.instances[instance].ready.is_empty() {
            if let Some(t) = self.entities[e as usize].thread.take() {
                self.instances[instance].ready.push_back(t);
            }
        }
        self.schedule_next(p, now);
    }

    /// A fault stops instances: their queued vCPUs leave the run queue, their threads are
    /// dropped, and an item already on a pCPU is discarded when it ends.
    fn fault(&mut self, index: usize, now: Cycles) {
        let victims = self.spec.faults[index].instances.clone();
        for i in victims {
            let Some(rt) = self.instances.get_mut(i as usize) else {
                continue;
            };
            if rt.dead {
                continue;
            }
            rt.dead = true;
            rt.counters.stopped_at = Some(now);
            rt.ready.clear();
            rt.halted.clear();
            let instance = i;
            self.runqueue.retain(|&e| {
                // Keep entities of other instances.
                self.entities[e as usize].instance != instance
            });
            for ent in &mut self.entities {
                if ent.instance == instance && ent.state == EntityState::Runnable {
                    ent.state = EntityState::Idle;
                }
            }
        }
        self.dispatch_idle(now);
    }

    fn is_dead(&self, e: u32) -> bool {
        let instance = self.entities[e as usize].instance;
        instance != BACKGROUND && self.instances[instance as usize].dead
    }

    fn record(&mut self, instance: usize, op: Op, latency: Cycles) {
        let rt = &mut self.instances[instance];
        rt.counters.ops += 1;
        rt.counters.ops_by_kind[op.index()] += 1;
        let group = rt.group as usize;
        self.groups[group].latency[op.index()].record(latency);
    }

    /// When the device (or timer) finishes a blocking operation issued at `now`.
    fn device_done(&mut self, thread: u32, op: Op, now: Cycles) -> Cycles {
        let host = &self.spec.host;
        let per_us = host.cycles_per_us();
        let instance = self.threads[thread as usize].instance as usize;
        let workload = &self.groups[self.instances[instance].group as usize].workload;
        match op {
            Op::DiskRead | Op::DiskWrite => {
                let per_op = per_us * 1_000_000 / host.disk_iops;
                let transfer = workload.io_bytes * per_us / host.disk_bandwidth_mb_s.max(1);
                let service = per_op.max(transfer);
                let start = now.max(self.disk_free_at);
                self.disk_free_at = start + service;
                start + service.max(host.disk_latency_us * per_us)
            }
            Op::NetReceive => {
                // The next request arrives over the wire: latency plus serialization.
                let wire = workload.message_bytes * 8 * per_us / (host.nic_bandwidth_gbit_s * 1000);
                let start = now.max(self.nic_free_at);
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

    fn wake_thread(&mut self, thread: u32, now: Cycles) {
        let instance = self.threads[thread as usize].instance as usize;
        if self.instances[instance].dead {
            return;
        }
        self.instances[instance].ready.push_back(thread);
        if let Some(e) = self.instances[instance].halted.pop() {
            self.make_runnable(e, now);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Scenario;

    fn run(text: &str) -> crate::RunResult {
        Scenario::from_toml("test.toml", text)
            .expect("valid scenario")
            .run()
            .expect("run")
    }

    const TWO_VMS_ONE_CORE: &str = r#"
[scenario]
name = "weights"
duration_ms = 2000
[host]
cores = 1
[[platform]]
name = "p"
kind = "type1"
technique = "hardware_assist"
scheduler = "SCHED"
[[instance]]
name = "heavy"
weight = 512
memory_gib = 1
workload = "cpu-bound"
[[instance]]
name = "light"
weight = 256
memory_gib = 1
workload = "cpu-bound"
"#;

    fn ratio(scheduler: &str) -> f64 {
        let r = run(&TWO_VMS_ONE_CORE.replace("SCHED", scheduler));
        let groups = &r.platforms[0].groups;
        groups[0].ops as f64 / groups[1].ops as f64
    }

    #[test]
    fn weights_share_one_core_two_to_one() {
        // Weight 512 against 256 on one core: 2/3 and 1/3 of the CPU, so the heavy VM
        // completes about twice the operations of the light one. Slices of 24-30 ms over
        // 2 s leave a granularity error of a few percent.
        for scheduler in ["fair", "credit"] {
            let ratio = ratio(scheduler);
            assert!((1.7..=2.3).contains(&ratio), "{scheduler}: ratio {ratio}");
        }
        // Round robin ignores weights.
        let rr = ratio("round_robin");
        assert!((0.9..=1.1).contains(&rr), "round robin: ratio {rr}");
    }

    #[test]
    fn a_cap_limits_cpu_time() {
        // One cpu-bound vCPU capped at 25% of a core on an otherwise empty 1-core host:
        // user time is about 25% of the capacity, the rest idle.
        let r = run(r#"
[scenario]
name = "cap"
duration_ms = 1000
[host]
cores = 1
[[platform]]
name = "p"
kind = "type1"
technique = "hardware_assist"
[[instance]]
name = "vm"
cap_percent = 25
memory_gib = 1
workload = "cpu-bound"
"#);
        let cpu = &r.platforms[0].cpu;
        assert!(
            (23.0..=27.0).contains(&cpu.guest_user),
            "user {}",
            cpu.guest_user
        );
        assert!(cpu.idle > 70.0, "idle {}", cpu.idle);
    }

    #[test]
    fn pinning_keeps_vcpus_on_their_pcpu() {
        // Two cpu-bound vCPUs both pinned to pCPU 0 of a 2-core host: pCPU 1 stays idle
        // (50% of capacity) and each vCPU waits for the other half of the time (steal 50%).
        let r = run(r#"
[scenario]
name = "pin"
duration_ms = 500
[host]
cores = 2
[[platform]]
name = "p"
kind = "type1"
technique = "hardware_assist"
[[instance]]
name = "vm"
vcpus = 2
pin = [0, 0]
memory_gib = 1
workload = "cpu-bound"
"#);
        let p = &r.platforms[0];
        assert!((49.0..=51.0).contains(&p.cpu.idle), "idle {}", p.cpu.idle);
        assert!(
            (45.0..=55.0).contains(&p.steal_percent),
            "steal {}",
            p.steal_percent
        );
    }
}
