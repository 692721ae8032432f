//! Running a scenario: one machine per platform plus its native baseline, advanced in
//! slices of events so that callers (a CLI, a browser tab) stay responsive.

use crate::isolation::{attack_surface, blast_radius, failed_component, FaultKind, FaultResult};
use crate::job_key::JobKey;
use crate::lifecycle::{self, LifecycleResult};
use crate::machine::{GroupSpec, Machine, MachineFault, MachineOutcome, MachineSpec};
use crate::memory::{self, MemoryResult};
use crate::metrics::{Histogram, LatencySummary};
use crate::path::{Category, ExitReason, Layer, PathBuilder, TranslationCount};
use crate::platform::{PlatformKind, SchedulerKind, Stack, Technique};
use crate::question::{Metric, QuestionAnswer, QuestionKind, Select};
use crate::results::{
    CpuShares, ExitCount, GroupResult, InstanceResult, OpLatency, PlatformResult, RunResult,
};
use crate::scenario::{InstanceSpec, Scenario, MAX_ESTIMATED_EVENTS};
use crate::table::ComparisonTable;
use crate::workload::Op;

/// Options of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunOptions {
    /// Record a per-pCPU timeline for every platform.
    pub trace: bool,
    /// Stop with [`SimError::EventLimit`] past this many events (the machines' events,
    /// desktop sessions included). The default is [`MAX_ESTIMATED_EVENTS`], the limit every accepted scenario's estimate
    /// stays below.
    pub max_events: u64,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            trace: false,
            max_events: MAX_ESTIMATED_EVENTS,
        }
    }
}

/// A run that could not complete.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SimError {
    #[error("the run needed more than {limit} events (the scenario's estimate is at most {estimate} events); shorten duration_ms or use fewer instances")]
    EventLimit { limit: u64, estimate: u64 },
    #[error("the run is not finished yet")]
    NotFinished,
}

impl SimError {
    /// The message in `lang` (English is the `Display` text).
    pub fn message_in(&self, lang: crate::text::Lang) -> String {
        match (self, lang) {
            (_, crate::text::Lang::En) => self.to_string(),
            (SimError::EventLimit { limit, estimate }, crate::text::Lang::Ko) => format!(
                "실행에 이벤트가 {limit}개보다 많이 필요했습니다 (시나리오 추정치는 최대 {estimate}개). duration_ms를 줄이거나 인스턴스를 줄이세요"
            ),
            (SimError::NotFinished, crate::text::Lang::Ko) => {
                "실행이 아직 끝나지 않았습니다".to_string()
            }
        }
    }
}

/// How far a run has come, in simulated cycles over all its machines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

impl Progress {
    pub fn fraction(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.done as f64 / self.total as f64
        }
    }
}

enum JobKind {
    Platform(usize),
    Baseline,
    /// A sweep point: platform index and count of the swept group.
    Sweep(usize, u32),
}

struct Job {
    kind: JobKind,
    spec: MachineSpec,
}

/// A scenario being run, one slice of events at a time.
pub struct Runner {
    scenario: Scenario,
    options: RunOptions,
    jobs: Vec<Job>,
    /// For each platform, the index of its baseline job.
    baseline_of: Vec<usize>,
    current: Option<(usize, Machine)>,
    /// Jobs handed out by [`Runner::take_jobs`] to be run elsewhere.
    taken: Vec<bool>,
    outcomes: Vec<Option<MachineOutcome>>,
    events: u64,
    /// Per platform: its memory plan.
    memory: Vec<MemoryResult>,
    /// The machines run in the reference mode (see [`Runner::set_event_per_item`]).
    event_per_item: bool,
}

/// One job of a run (a platform, a native baseline or a sweep point) taken out of its
/// [`Runner`] to be advanced elsewhere, e.g. on another thread of the CLI. Jobs do not
/// depend on each other, so the results are the same whatever runs them and in whatever
/// order; give each back with [`Runner::complete`].
pub struct JobRun {
    index: usize,
    machine: JobMachine,
}

/// A taken job's machine, built when the job first advances: on the thread that runs it,
/// and alive only while it runs (a batch takes out every job of every file at once).
enum JobMachine {
    Waiting {
        spec: Box<MachineSpec>,
        event_per_item: bool,
    },
    Built(Box<Machine>),
}

impl JobRun {
    fn new(index: usize, spec: MachineSpec, event_per_item: bool) -> JobRun {
        JobRun {
            index,
            machine: JobMachine::Waiting {
                spec: Box::new(spec),
                event_per_item,
            },
        }
    }

    /// The job's machine, built now if it was not yet.
    fn machine(&mut self) -> &mut Machine {
        if let JobMachine::Waiting {
            spec,
            event_per_item,
        } = &self.machine
        {
            let mut machine = Machine::new((**spec).clone());
            machine.set_event_per_item(*event_per_item);
            self.machine = JobMachine::Built(Box::new(machine));
        }
        match &mut self.machine {
            JobMachine::Built(machine) => machine,
            JobMachine::Waiting { .. } => unreachable!("built above"),
        }
    }

    /// Processes up to `budget` events; true once the job has finished.
    pub fn advance(&mut self, budget: u64) -> bool {
        self.machine().advance(budget.max(1))
    }

    /// Events processed so far.
    pub fn events(&self) -> u64 {
        match &self.machine {
            JobMachine::Built(machine) => machine.events(),
            JobMachine::Waiting { .. } => 0,
        }
    }

    /// Simulated cycles done and in all.
    pub fn progress(&self) -> Progress {
        match &self.machine {
            JobMachine::Built(machine) => Progress {
                done: machine.now(),
                total: machine.duration(),
            },
            JobMachine::Waiting { spec, .. } => Progress {
                done: 0,
                total: spec.duration_cycles,
            },
        }
    }

    /// The job's figures once [`JobRun::advance`] returned true, in a form that can cross
    /// to another process or web worker (serde) before [`Runner::complete_outcome`].
    pub fn into_outcome(mut self) -> JobOutcome {
        self.machine();
        let JobMachine::Built(machine) = self.machine else {
            unreachable!("built above")
        };
        JobOutcome {
            index: self.index,
            outcome: machine.finish(),
        }
    }
}

/// A finished job's figures, taken out of the [`JobRun`] that produced them. It
/// serializes (the page runs a scenario's jobs in several web workers, each of which
/// builds the same [`Runner`] from the scenario text, runs one job and sends this back
/// as JSON), and a [`Runner`] built from the same scenario and options completes with it
/// exactly as with the job itself.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct JobOutcome {
    index: usize,
    outcome: MachineOutcome,
}

impl JobOutcome {
    /// Events the job processed.
    pub fn events(&self) -> u64 {
        self.outcome.events
    }
}

impl Scenario {
    /// Runs the whole scenario.
    pub fn run(&self) -> Result<RunResult, SimError> {
        self.run_with(RunOptions {
            trace: self.trace,
            ..RunOptions::default()
        })
    }

    pub fn run_with(&self, options: RunOptions) -> Result<RunResult, SimError> {
        let mut runner = self.runner(options)?;
        while !runner.is_finished() {
            runner.advance(1 << 20)?;
        }
        runner.finish()
    }

    /// A runner to advance in slices.
    pub fn runner(&self, options: RunOptions) -> Result<Runner, SimError> {
        Ok(Runner::new(self.clone(), options))
    }
}

impl Runner {
    fn new(scenario: Scenario, options: RunOptions) -> Runner {
        let duration_cycles = scenario.duration_ms * scenario.host.clock_mhz * 1000;
        let group_spec = |index: usize| GroupSpec::of_instance(index, &scenario.instances[index]);
        let groups_of = |p: usize| -> Vec<GroupSpec> {
            (0..scenario.instances.len())
                .filter(|&index| scenario.instances[index].platforms.contains(&p))
                .map(group_spec)
                .collect()
        };
        let mut jobs = Vec::new();
        // A baseline is keyed by the instance groups and the scheduling policy: the same
        // instances, natively, scheduled the same way (weights and caps act as cgroup
        // shares and quota), so that the difference is the cost of virtualization alone.
        // Except BOOST: turning it off is a setting of the hypervisor's vCPU scheduler,
        // and a bare-metal kernel wakes a thread that slept on I/O ahead of CPU-bound
        // ones (CFS's wake-up preemption, as BOOST does), so the baseline keeps it on and
        // the wait of a woken vCPU without BOOST shows as a cost of the platform.
        type BaselineKey = (Vec<usize>, SchedulerKind, u64, bool);
        let mut baseline_keys: Vec<(BaselineKey, usize)> = Vec::new();
        let mut baseline_of = Vec::new();
        let mut memory_results = Vec::new();
        for (p_index, p) in scenario.platforms.iter().enumerate() {
            let mut groups = groups_of(p_index);
            // A VDI platform's desktops are shown on thin clients through its protocol.
            if let Some(net) = &p.vdi {
                for g in &mut groups {
                    if let Some(d) = &mut g.desktop {
                        d.remote = Some(crate::desktop::Remote {
                            protocol: crate::desktop::ProtocolParams::of_network(net),
                            network: net.clone(),
                        });
                        // A session host: the group's users are sessions of one server OS,
                        // a VM with their vCPUs (at most the host's cores).
                        if net.session_host {
                            d.sessions = g.count;
                            g.vcpus = g.count.saturating_mul(g.vcpus).min(scenario.host.cores);
                            g.count = 1;
                            g.pin = None;
                        }
                    }
                }
            }
            let mut faults = machine_faults(&scenario, p_index, &groups);
            // Memory: OOM kills come after the injected faults (their results follow the
            // same order).
            let plan = memory_plan(&scenario, p_index, None);
            faults.extend(oom_faults(&plan, duration_cycles));
            let machine_memory = machine_memory(
                &scenario,
                p_index,
                None,
                &plan,
                &memory::sample_times(duration_cycles),
                machine_migration(&scenario, p, &groups),
            );
            memory_results.push(plan);
            let key: BaselineKey = (
                groups.iter().map(|g| g.scenario_index).collect(),
                p.scheduler,
                p.time_slice_ms,
                // BOOST on natively (see above).
                true,
            );
            jobs.push(Job {
                kind: JobKind::Platform(p_index),
                spec: MachineSpec {
                    host: scenario.host.clone(),
                    stack: p.stack.clone(),
                    scheduler: p.scheduler,
                    time_slice_ms: p.time_slice_ms,
                    credit_boost: p.credit_boost,
                    background_percent: p.host_background_percent,
                    groups,
                    costs: scenario.costs.clone(),
                    duration_cycles,
                    seed: scenario.seed,
                    trace: options.trace,
                    faults,
                    memory: machine_memory,
                },
            });
            if !baseline_keys.iter().any(|(k, _)| *k == key) {
                baseline_keys.push((key.clone(), usize::MAX));
            }
            baseline_of.push(key);
        }
        // A baseline samples its instances' operations when a platform it serves runs a
        // migration (measured in the same window natively).
        let samples: Vec<bool> = baseline_keys
            .iter()
            .map(|(key, _)| {
                scenario
                    .platforms
                    .iter()
                    .zip(&baseline_of)
                    .any(|(p, k)| k == key && p.migration.is_some())
            })
            .collect();
        for (((groups, scheduler, time_slice_ms, credit_boost), job_index), &ops_samples) in
            baseline_keys.iter_mut().zip(&samples)
        {
            *job_index = jobs.len();
            jobs.push(Job {
                kind: JobKind::Baseline,
                spec: MachineSpec {
                    host: scenario.host.clone(),
                    stack: Stack::native(),
                    scheduler: *scheduler,
                    time_slice_ms: *time_slice_ms,
                    credit_boost: *credit_boost,
                    background_percent: 0,
                    groups: groups.iter().map(|&index| group_spec(index)).collect(),
                    costs: scenario.costs.clone(),
                    duration_cycles,
                    seed: scenario.seed,
                    trace: false,
                    faults: Vec::new(),
                    memory: crate::machine::MachineMemory {
                        ops_samples,
                        ..Default::default()
                    },
                },
            });
        }
        // Sweep points: each platform that runs the swept group, once per count, without
        // faults and without a trace.
        if let Some(sweep) = &scenario.sweep {
            let platform_jobs: Vec<(usize, MachineSpec)> = jobs
                .iter()
                .filter_map(|j| match j.kind {
                    JobKind::Platform(p) => Some((p, j.spec.clone())),
                    _ => None,
                })
                .collect();
            for (p_index, spec) in platform_jobs {
                if !scenario.instances[sweep.group].platforms.contains(&p_index) {
                    continue;
                }
                for &count in &sweep.counts {
                    let mut spec = spec.clone();
                    for g in &mut spec.groups {
                        if g.scenario_index == sweep.group {
                            match &mut g.desktop {
                                // A session host's users are its sessions.
                                Some(d) if d.sessions > 1 => d.sessions = count.max(2),
                                _ => g.count = count,
                            }
                        }
                    }
                    // No injected faults; the memory plan of this count decides the
                    // OOM kills.
                    let plan = memory_plan(&scenario, p_index, Some((sweep.group, count)));
                    spec.faults = oom_faults(&plan, duration_cycles);
                    spec.memory = machine_memory(
                        &scenario,
                        p_index,
                        Some((sweep.group, count)),
                        &plan,
                        &memory::sample_times(duration_cycles),
                        machine_migration(&scenario, &scenario.platforms[p_index], &spec.groups),
                    );
                    spec.trace = false;
                    jobs.push(Job {
                        kind: JobKind::Sweep(p_index, count),
                        spec,
                    });
                }
            }
        }
        let baseline_of = baseline_of
            .iter()
            .map(|key| {
                baseline_keys
                    .iter()
                    .find(|(k, _)| k == key)
                    .expect("baseline")
                    .1
            })
            .collect();
        let outcomes = jobs.iter().map(|_| None).collect();
        Runner {
            scenario,
            options,
            taken: vec![false; jobs.len()],
            jobs,
            baseline_of,
            current: None,
            outcomes,
            events: 0,
            memory: memory_results,
            event_per_item: false,
        }
    }

    /// Runs every machine (from now on) in the reference mode, one pass through the
    /// event queue per item, instead of letting pCPUs run ahead (the default, see
    /// `machine/run_ahead.rs`). The results are the same bit for bit; tests compare the two.
    pub fn set_event_per_item(&mut self, on: bool) {
        self.event_per_item = on;
    }

    /// The machine of job `index`, in this runner's mode.
    fn machine(&self, index: usize) -> Machine {
        let mut machine = Machine::new(self.jobs[index].spec.clone());
        machine.set_event_per_item(self.event_per_item);
        machine
    }

    pub fn is_finished(&self) -> bool {
        self.outcomes.iter().all(Option::is_some)
    }

    pub fn progress(&self) -> Progress {
        let per_job = self.jobs.first().map_or(0, |j| j.spec.duration_cycles);
        let finished = self.outcomes.iter().filter(|o| o.is_some()).count() as u64;
        let partial = self.current.as_ref().map_or(0, |(_, m)| m.now());
        Progress {
            done: finished * per_job + partial,
            total: self.jobs.len() as u64 * per_job,
        }
    }

    /// Processes up to `budget` events.
    pub fn advance(&mut self, budget: u64) -> Result<Progress, SimError> {
        let mut left = budget.max(1);
        while left > 0 && !self.is_finished() {
            if self.current.is_none() {
                let Some(next) =
                    (0..self.jobs.len()).find(|&i| self.outcomes[i].is_none() && !self.taken[i])
                else {
                    // The rest runs elsewhere (`take_jobs`).
                    break;
                };
                self.current = Some((next, self.machine(next)));
            }
            let (index, machine) = self.current.as_mut().expect("current machine");
            let before = machine.events();
            let done = machine.advance(
                left.min(
                    self.options
                        .max_events
                        .saturating_sub(self.events)
                        .saturating_add(1),
                ),
            );
            let used = machine.events() - before;
            self.events += used;
            left = left.saturating_sub(used.max(1));
            if self.events > self.options.max_events {
                return Err(self.event_limit());
            }
            if done {
                let index = *index;
                let (_, machine) = self.current.take().expect("current machine");
                self.outcomes[index] = Some(machine.finish());
            }
        }
        Ok(self.progress())
    }

    /// Takes out every job that has not started, to be run elsewhere (in parallel) and
    /// given back with [`Runner::complete`]. [`Runner::advance`] then runs none of them.
    pub fn take_jobs(&mut self) -> Vec<JobRun> {
        let mut runs = Vec::new();
        for index in 0..self.jobs.len() {
            let started = self.current.as_ref().is_some_and(|(i, _)| *i == index);
            if self.outcomes[index].is_some() || self.taken[index] || started {
                continue;
            }
            self.taken[index] = true;
            runs.push(JobRun::new(
                index,
                self.jobs[index].spec.clone(),
                self.event_per_item,
            ));
        }
        runs
    }

    /// Number of jobs (platforms, distinct baselines and sweep points).
    pub fn job_count(&self) -> usize {
        self.jobs.len()
    }

    /// Takes out job `index` alone (as [`Runner::take_jobs`] does for every job), e.g. in
    /// a web worker that runs only that job; `None` if there is no such job or it has
    /// already started, finished or been taken.
    pub fn take_job(&mut self, index: usize) -> Option<JobRun> {
        let started = self.current.as_ref().is_some_and(|(i, _)| *i == index);
        if index >= self.jobs.len()
            || self.outcomes[index].is_some()
            || self.taken[index]
            || started
        {
            return None;
        }
        self.taken[index] = true;
        Some(JobRun::new(
            index,
            self.jobs[index].spec.clone(),
            self.event_per_item,
        ))
    }

    /// What job `index` reads, as a [`JobKey`]: a finished job of any run (any scenario)
    /// whose key was equal produced the outcome this job would, bit for bit, and may be
    /// given back for it with [`Runner::complete_reused`] instead of running it. `None`
    /// if there is no such job (or its key could not be made: never reuse it then).
    pub fn job_key(&self, index: usize) -> Option<JobKey> {
        JobKey::of(&self.jobs.get(index)?.spec, self.event_per_item)
    }

    /// The spec job `index` builds its machine from (tests).
    #[cfg(test)]
    pub(crate) fn job_spec(&self, index: usize) -> &MachineSpec {
        &self.jobs[index].spec
    }

    /// Completes job `index` with `outcome`, the figures of a finished job (of this or an
    /// earlier runner) whose [`Runner::job_key`] equalled this job's: the caller checked
    /// the keys. Its events count against the run's cap, as a run job's would.
    pub fn complete_reused(&mut self, index: usize, outcome: JobOutcome) -> Result<(), SimError> {
        self.complete_outcome(JobOutcome { index, ..outcome })
    }

    /// Gives back a finished job taken with [`Runner::take_jobs`]; its events count
    /// against the run's cap.
    pub fn complete(&mut self, job: JobRun) -> Result<(), SimError> {
        self.complete_outcome(job.into_outcome())
    }

    /// Gives back a finished job's figures, possibly computed by another [`Runner`] built
    /// from the same scenario and options; its events count against the run's cap. An
    /// outcome for a job this runner does not have is ignored ([`Runner::finish`] then
    /// reports [`SimError::NotFinished`]).
    pub fn complete_outcome(&mut self, job: JobOutcome) -> Result<(), SimError> {
        self.events = self.events.saturating_add(job.outcome.events);
        if self.events > self.options.max_events {
            return Err(self.event_limit());
        }
        if let Some(slot) = self.outcomes.get_mut(job.index) {
            *slot = Some(job.outcome);
        }
        Ok(())
    }

    /// The run's cap on events (the error it stops with past it: [`Runner::limit_error`]).
    pub fn max_events(&self) -> u64 {
        self.options.max_events
    }

    /// The error of a run that needed more than [`Runner::max_events`].
    pub fn limit_error(&self) -> SimError {
        self.event_limit()
    }

    fn event_limit(&self) -> SimError {
        SimError::EventLimit {
            limit: self.options.max_events,
            estimate: self.scenario.estimated_events(),
        }
    }

    /// The results, once [`Runner::is_finished`].
    pub fn finish(self) -> Result<RunResult, SimError> {
        if !self.is_finished() {
            return Err(SimError::NotFinished);
        }
        let s = &self.scenario;
        let outcomes: Vec<MachineOutcome> = self
            .outcomes
            .into_iter()
            .map(|o| o.expect("finished"))
            .collect();
        let seconds = s.duration_ms as f64 / 1000.0;
        let per_us = s.host.clock_mhz;
        let mut platforms = Vec::new();
        for (job, outcome) in self.jobs.iter().zip(&outcomes) {
            let JobKind::Platform(p_index) = job.kind else {
                continue;
            };
            let baseline = &outcomes[self.baseline_of[p_index]];
            platforms.push(platform_result(
                s,
                p_index,
                &self.memory[p_index],
                &job.spec,
                outcome,
                baseline,
                seconds,
                per_us,
            ));
        }
        let sweep = s
            .sweep
            .as_ref()
            .map(|sweep| sweep_result(s, sweep, &self.jobs, &outcomes, seconds, per_us));
        if let Some(sweep) = &sweep {
            for p in &mut platforms {
                p.sweep_density = sweep
                    .curves
                    .iter()
                    .find(|c| c.platform == p.name)
                    .and_then(|c| c.density_at_target);
            }
        }
        let questions = s
            .questions
            .iter()
            .map(|q| answer(q, s, &platforms))
            .collect();
        Ok(RunResult {
            scenario: s.name.clone(),
            title: s.title.clone(),
            description: s.description.clone(),
            seed: s.seed,
            duration_ms: s.duration_ms,
            clock_mhz: s.host.clock_mhz,
            cores: s.host.cores,
            table: ComparisonTable::build(&platforms),
            platforms,
            questions,
            sweep,
            events: outcomes.iter().map(|o| o.events).sum(),
        })
    }
}

/// The curves of a sweep, from its jobs' outcomes.
fn sweep_result(
    s: &Scenario,
    sweep: &crate::sweep::Sweep,
    jobs: &[Job],
    outcomes: &[MachineOutcome],
    seconds: f64,
    per_us: u64,
) -> crate::sweep::SweepResult {
    use crate::sweep::{SweepCurve, SweepPoint, SweepResult};
    let mut curves: Vec<SweepCurve> = Vec::new();
    for (job, outcome) in jobs.iter().zip(outcomes) {
        let JobKind::Sweep(p_index, count) = job.kind else {
            continue;
        };
        let name = &s.platforms[p_index].name;
        if curves.last().is_none_or(|c| &c.platform != name) {
            curves.push(SweepCurve {
                platform: name.clone(),
                points: Vec::new(),
                density_at_target: None,
            });
        }
        let ops: u64 = outcome
            .instances
            .iter()
            .filter(|i| i.group == sweep.group)
            .map(|i| i.ops)
            .sum();
        let latency = outcome
            .group_latency
            .iter()
            .find(|(g, _)| *g == sweep.group)
            .map(|(_, h)| LatencySummary::from_histogram(&h[sweep.op.index()], per_us));
        let (mean_us, p50_us, p99_us) =
            latency.map_or((0.0, 0.0, 0.0), |l| (l.mean_us, l.p50_us, l.p99_us));
        let (steal, vcpu_time) = outcome
            .instances
            .iter()
            .fold((0, 0), |(a, b), i| (a + i.steal, b + i.vcpu_time));
        let busy: u64 = outcome.busy.iter().sum();
        let throughput = ops as f64 / seconds;
        let memory = memory_plan(s, p_index, Some((sweep.group, count)));
        let oom_kills = memory.oom_kills.len() as u32;
        let curve = curves.last_mut().expect("curve");
        curve.points.push(SweepPoint {
            count,
            throughput,
            throughput_per_instance: throughput / f64::from(count),
            mean_us,
            p50_us,
            p99_us,
            steal_percent: percent(steal, vcpu_time),
            idle_percent: percent(outcome.capacity.saturating_sub(busy), outcome.capacity),
            oom_kills,
            swapped_mib: memory.swapped_mib,
            meets_target: sweep.p99_target_us.is_none_or(|t| p99_us <= t) && oom_kills == 0,
        });
    }
    for curve in &mut curves {
        curve.density_at_target = SweepCurve::density(&curve.points);
    }
    SweepResult {
        instance: s.instances[sweep.group].name.clone(),
        op: sweep.op,
        p99_target_us: sweep.p99_target_us,
        curves,
    }
}

/// The memory plan of platform `p_index`, with the swept group's count replaced when
/// given (a sweep point).
fn memory_plan(s: &Scenario, p_index: usize, swept: Option<(usize, u32)>) -> MemoryResult {
    let p = &s.platforms[p_index];
    let owned = platform_instances(s, p_index, swept);
    let mine: Vec<&InstanceSpec> = owned.iter().collect();
    memory::plan(&p.stack, &p.overcommit, &s.host, &s.costs, &mine).result
}

/// Whether a platform's memory is followed over the run: it has an overcommit policy or
/// an OOM kill.
fn memory_followed(memory: &MemoryResult) -> bool {
    !memory.policies.is_empty() || !memory.oom_kills.is_empty()
}

/// The memory plan of platform `p_index` at each of `times` (cycles into the run): KSM's
/// progress after the instances have run for `running_for_s` and then `t`, containers
/// that outgrow their limit filling it (empty when the memory is not followed).
fn memory_moments(
    s: &Scenario,
    p_index: usize,
    swept: Option<(usize, u32)>,
    memory: &MemoryResult,
    times: &[u64],
) -> Vec<MemoryResult> {
    if !memory_followed(memory) {
        return Vec::new();
    }
    let p = &s.platforms[p_index];
    let owned = platform_instances(s, p_index, swept);
    let mine: Vec<&InstanceSpec> = owned.iter().collect();
    let per_us = s.host.cycles_per_us();
    // KSM scans all guest memory (the VMM marks it mergeable).
    let mergeable_pages: u64 = if p.overcommit.contains(&memory::OvercommitPolicy::Ksm) {
        mine.iter()
            .map(|i| u64::from(i.count) * i.memory_mib * 256)
            .sum()
    } else {
        0
    };
    times
        .iter()
        .map(|&at| {
            let seconds = p.running_for_s as f64 + at as f64 / (per_us as f64 * 1e6);
            let moment = memory::Moment {
                at_cycles: at,
                ksm_fraction: memory::ksm_merged_fraction(
                    &s.costs,
                    per_us,
                    mergeable_pages,
                    seconds,
                ),
            };
            memory::plan_at(
                &p.stack,
                &p.overcommit,
                &s.host,
                &s.costs,
                &mine,
                Some(moment),
            )
            .result
        })
        .collect()
}

/// The instance groups platform `p_index` runs, the swept group's count replaced when
/// given.
fn platform_instances(
    s: &Scenario,
    p_index: usize,
    swept: Option<(usize, u32)>,
) -> Vec<InstanceSpec> {
    s.instances
        .iter()
        .enumerate()
        .filter(|(_, i)| i.platforms.contains(&p_index))
        .map(|(index, i)| match swept {
            Some((group, count)) if group == index => InstanceSpec { count, ..i.clone() },
            _ => i.clone(),
        })
        .collect()
}

/// The memory plan as the machine runs it: per machine instance, parts per million of its
/// working set on the host's swap and merged by KSM (at each snapshot `times`, the plan of
/// that moment), the balloon batches and free page reports left after the instances have
/// run for `running_for_s`, and whether ksmd runs.
fn machine_memory(
    s: &Scenario,
    p_index: usize,
    swept: Option<(usize, u32)>,
    memory: &MemoryResult,
    times: &[u64],
    migration: Option<crate::machine::MachineMigration>,
) -> crate::machine::MachineMemory {
    let p = &s.platforms[p_index];
    let costs = &s.costs;
    let ppm = |percent: f64| libm::round(percent.clamp(0.0, 100.0) * 10_000.0) as u32;
    let moments = memory_moments(s, p_index, swept, memory, times);
    let shares = |m: &MemoryResult| -> Vec<(u32, u32)> {
        m.instances
            .iter()
            .map(|i| {
                (
                    ppm(i.working_set_swapped_percent),
                    ppm(i.working_set_merged_percent),
                )
            })
            .collect()
    };
    let shares_at_samples: Vec<Vec<(u32, u32)>> = moments.iter().map(shares).collect();
    let first = shares_at_samples
        .first()
        .cloned()
        .unwrap_or_else(|| shares(memory));
    // Before the window the drivers ran for `running_for_s`: balloon batches first, then
    // free page reports, each at half the vCPU (`memory::batches_in`).
    let per_us = s.host.cycles_per_us();
    let batch =
        crate::path::PathCost::of_steps(&memory::balloon_batch_steps(&p.stack, costs, s.host.cpu))
            .total
            .max(1);
    let report = crate::path::PathCost::of_steps(&memory::free_page_report_steps(
        &p.stack, costs, s.host.cpu,
    ))
    .total
    .max(1);
    let before = p.running_for_s as f64;
    let left: Vec<(u32, u32)> = memory
        .instances
        .iter()
        .map(|m| {
            let batches = u64::from(balloon_batches(m.balloon_mib, costs));
            let reports = u64::from(free_page_reports(m.reported_mib, costs));
            let b_done = batches.min(memory::batches_in(batch, per_us, before));
            let spent_s = (b_done * 2 * batch) as f64 / (per_us as f64 * 1e6);
            let r_done = reports.min(memory::batches_in(
                report,
                per_us,
                (before - spent_s).max(0.0),
            ));
            ((batches - b_done) as u32, (reports - r_done) as u32)
        })
        .collect();
    crate::machine::MachineMemory {
        swapped_ppm: first.iter().map(|x| x.0).collect(),
        merged_ppm: first.iter().map(|x| x.1).collect(),
        ksmd: memory.policies.contains(&memory::OvercommitPolicy::Ksm),
        balloon_batches: left.iter().map(|x| x.0).collect(),
        free_page_reports: left.iter().map(|x| x.1).collect(),
        sample: memory_followed(memory),
        shares_at_samples,
        ops_samples: migration.is_some(),
        migration,
    }
}

/// A platform's migration, which the machine runs from the start of the run: a VM's live
/// migration by pre-copy, or a container's checkpoint and restore (CRIU-like: frozen from
/// the start while its dump is sent). CRIU dumps the container's processes' memory, its
/// working set; the page cache stays with the files and the runtime shim is started anew
/// on the destination, so neither is sent.
fn machine_migration(
    s: &Scenario,
    p: &crate::scenario::PlatformSpec,
    groups: &[GroupSpec],
) -> Option<crate::machine::MachineMigration> {
    let m = p.migration.as_ref()?;
    let i = s.instances.get(m.group)?;
    // The machine index of the group's first copy: the copies of the groups before it (a
    // sweep point changes the swept group's count).
    let instance = groups
        .iter()
        .take_while(|g| g.scenario_index != m.group)
        .map(|g| g.count)
        .sum();
    let working_set_pages = i.working_set_mib.min(i.memory_mib).saturating_mul(256);
    let checkpoint = !p.stack.is_vm();
    Some(crate::machine::MachineMigration {
        instance,
        link_gbit_s: m.link_gbit_s,
        max_rounds: m.max_rounds,
        max_downtime_ms: m.max_downtime_ms,
        memory_pages: if checkpoint {
            working_set_pages
        } else {
            i.memory_mib.saturating_mul(256)
        },
        working_set_pages,
        pml: s.host.features().pml
            && p.stack.memory == crate::platform::MemoryVirtualization::Nested,
        checkpoint,
    })
}

/// The swap path of platform `p_index` when its operations touched swapped-out pages in
/// the run, with the shares the run measured (a plan still under way, KSM merging or a
/// balloon inflating, swaps more than its complete state says).
fn swap_path(s: &Scenario, p_index: usize, outcome: &MachineOutcome) -> Option<crate::SwapPath> {
    let ops: u64 = outcome.instances.iter().map(|i| i.ops).sum();
    let ins: u64 = outcome.instances.iter().map(|i| i.swap_ins).sum();
    let outs: u64 = outcome.instances.iter().map(|i| i.swap_outs).sum();
    if ins == 0 {
        return None;
    }
    let stack = &s.platforms[p_index].stack;
    Some(crate::SwapPath {
        touch_percent: 100.0 * ins as f64 / ops.max(ins) as f64,
        fault: crate::memory::swap_fault_steps(stack, &s.costs, s.host.cpu),
        writeback_percent: 100.0 * outs as f64 / ins as f64,
        writeback: crate::memory::swap_writeback_steps(stack, &s.costs),
        read_latency_us: s.host.disk_latency_us,
        resume: crate::memory::swap_resume_steps(stack, &s.costs),
    })
}

/// The memory plan with each instance's memory over the run, from the machine's snapshots.
fn memory_over_time(
    s: &Scenario,
    p_index: usize,
    memory: &MemoryResult,
    outcome: &MachineOutcome,
    per_us: u64,
) -> MemoryResult {
    let (groups, costs) = (&s.instances, &s.costs);
    let per_ms = per_us as f64 * 1000.0;
    let snapshots: Vec<(f64, Vec<memory::InstanceProgress>)> = outcome
        .memory_samples
        .iter()
        .map(|s| (s.at as f64 / per_ms, s.instances.clone()))
        .collect();
    let mut out = memory.clone();
    // The plan's kill of an instance an earlier fault had stopped did not happen (nor is it
    // among the faults: `oom_results`); nor did a kill after the run's end.
    out.oom_kills.retain(|k| {
        k.at_cycles < s.duration_ms * s.host.clock_mhz * 1000
            && outcome
                .instances
                .get(k.instance as usize)
                .and_then(|c| c.stopped_at)
                .is_none_or(|t| t >= k.at_cycles)
    });
    if !snapshots.is_empty() {
        let times: Vec<u64> = outcome.memory_samples.iter().map(|s| s.at).collect();
        let moments = memory_moments(s, p_index, None, memory, &times);
        let (series, at_end) = memory::memory_series(
            memory,
            &snapshots,
            &moments,
            |mib| balloon_batches(mib, costs),
            |mib| free_page_reports(mib, costs),
        );
        out.over_time = series;
        out.at_end = at_end;
        for (series, counters) in out.over_time.iter_mut().zip(&outcome.instances) {
            series.group = groups[counters.group].name.clone();
        }
    }
    out
}

/// Reports a guest sends to report `mib` of free memory.
pub(crate) fn free_page_reports(mib: f64, costs: &crate::costs::CostTable) -> u32 {
    let pages = libm::ceil(mib.max(0.0) * 256.0) as u64;
    pages
        .div_ceil(memory::report_pages(costs))
        .min(u64::from(u32::MAX)) as u32
}

/// Batches a balloon of `mib` takes to inflate.
pub(crate) fn balloon_batches(mib: f64, costs: &crate::costs::CostTable) -> u32 {
    let pages = libm::ceil(mib.max(0.0) * 256.0) as u64;
    pages
        .div_ceil(memory::balloon_batch_pages(costs))
        .min(u64::from(u32::MAX)) as u32
}

/// The OOM kills of a memory plan that happen inside the run, as machine faults.
fn oom_faults(memory: &MemoryResult, duration_cycles: u64) -> Vec<MachineFault> {
    memory
        .oom_kills
        .iter()
        .filter(|k| k.at_cycles < duration_cycles)
        .map(|k| MachineFault {
            at: k.at_cycles,
            instances: vec![k.instance],
        })
        .collect()
}

/// The instances each fault of the scenario stops on platform `p_index`: the component
/// that fails follows from the stack, and every instance that depends on it stops.
fn machine_faults(s: &Scenario, p_index: usize, groups: &[GroupSpec]) -> Vec<MachineFault> {
    let stack = &s.platforms[p_index].stack;
    let total: u32 = groups.iter().map(|g| g.count).sum();
    s.faults
        .iter()
        .filter(|f| f.platforms.contains(&p_index))
        .map(|f| {
            let origin = f.instance.and_then(|(group, copy)| {
                let mut offset = 0;
                for g in groups {
                    if g.scenario_index == group {
                        // On a session host a user's copy is a session of the one instance.
                        let per_instance = g.desktop.as_ref().map_or(1, |d| d.sessions.max(1));
                        return Some(offset + copy / per_instance);
                    }
                    offset += g.count;
                }
                None
            });
            let component = failed_component(stack, f.kind);
            MachineFault {
                at: f.at_ms * s.host.clock_mhz * 1000,
                instances: blast_radius(component, origin, total),
            }
        })
        .collect()
}

fn latencies(histograms: &[Histogram], per_us: u64) -> Vec<OpLatency> {
    Op::ALL
        .iter()
        .filter(|op| histograms[op.index()].count() > 0)
        .map(|&op| OpLatency {
            op,
            latency: LatencySummary::from_histogram(&histograms[op.index()], per_us),
        })
        .collect()
}

fn exit_counts(exits: &[u64; ExitReason::COUNT], seconds: f64) -> Vec<ExitCount> {
    ExitReason::ALL
        .iter()
        .filter(|r| exits[**r as usize] > 0)
        .map(|&reason| ExitCount {
            reason,
            count: exits[reason as usize],
            per_second: exits[reason as usize] as f64 / seconds,
        })
        .collect()
}

fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

fn layers(stack: &Stack) -> Vec<Layer> {
    match stack.kind {
        PlatformKind::Native => vec![Layer::Application, Layer::GuestKernel, Layer::Hardware],
        PlatformKind::Container => vec![
            Layer::Application,
            Layer::ContainerEngine,
            Layer::GuestKernel,
            Layer::Hardware,
        ],
        PlatformKind::Vdi => vec![
            Layer::Application,
            Layer::GuestKernel,
            Layer::Hypervisor,
            Layer::Hardware,
        ],
        PlatformKind::Type1 if stack.driver_domain => vec![
            Layer::Application,
            Layer::GuestKernel,
            Layer::DriverDomain,
            Layer::Hypervisor,
            Layer::Hardware,
        ],
        PlatformKind::Type1 => vec![
            Layer::Application,
            Layer::GuestKernel,
            Layer::Hypervisor,
            Layer::Hardware,
        ],
        PlatformKind::Type2 => vec![
            Layer::Application,
            Layer::GuestKernel,
            Layer::VmmProcess,
            Layer::Hypervisor,
            Layer::HostOs,
            Layer::Hardware,
        ],
    }
}

/// Binary translation's translation-cache hit rate and translation time (percent of
/// pCPU capacity): each completed operation of each instance counted with the
/// translation-cache traffic its path carries (see `PathBuilder::translated_kernel`).
fn translation_cache_figures(
    s: &Scenario,
    p_index: usize,
    spec: &MachineSpec,
    outcome: &MachineOutcome,
) -> (Option<f64>, Option<f64>) {
    let p = &s.platforms[p_index];
    if !p.stack.is_vm() || p.stack.technique != Some(Technique::BinaryTranslation) {
        return (None, None);
    }
    let mut sum = TranslationCount::default();
    for g in &spec.groups {
        let builder = PathBuilder::for_host(&p.stack, &s.costs, &s.host, &g.workload)
            .with_working_set_mib(g.working_set_mib);
        let per_op: Vec<TranslationCount> = Op::ALL
            .iter()
            .map(|&op| {
                let path = builder.op_path(op);
                let a = TranslationCount::of_steps(&path.submit.steps);
                let b = TranslationCount::of_steps(&path.complete.steps);
                TranslationCount {
                    lookups: a.lookups + b.lookups,
                    misses: a.misses + b.misses,
                    translate_cycles: a.translate_cycles + b.translate_cycles,
                }
            })
            .collect();
        for i in outcome
            .instances
            .iter()
            .filter(|i| i.group == g.scenario_index)
        {
            for (t, &n) in per_op.iter().zip(&i.ops_by_kind) {
                sum.lookups += t.lookups * n;
                sum.misses += t.misses * n;
                sum.translate_cycles += t.translate_cycles * n;
            }
        }
    }
    if sum.lookups == 0 {
        return (None, None);
    }
    (
        Some(percent(sum.lookups - sum.misses, sum.lookups)),
        Some(percent(sum.translate_cycles, outcome.capacity)),
    )
}

#[allow(clippy::too_many_arguments)]
fn platform_result(
    s: &Scenario,
    p_index: usize,
    memory: &MemoryResult,
    spec: &MachineSpec,
    outcome: &MachineOutcome,
    baseline: &MachineOutcome,
    seconds: f64,
    per_us: u64,
) -> PlatformResult {
    let p = &s.platforms[p_index];
    let ops: u64 = outcome.instances.iter().map(|i| i.ops).sum();
    let mut exits = [0u64; ExitReason::COUNT];
    let mut steal = 0;
    let mut vcpu_time = 0;
    for i in &outcome.instances {
        for (a, b) in exits.iter_mut().zip(i.exits) {
            *a += b;
        }
        steal += i.steal;
        vcpu_time += i.vcpu_time;
    }
    let total_exits: u64 = exits.iter().sum();
    let busy: u64 = outcome.busy.iter().sum();
    let cap = outcome.capacity;
    let cpu = CpuShares {
        guest_user: percent(outcome.busy[Category::GuestUser as usize], cap),
        guest_kernel: percent(outcome.busy[Category::GuestKernel as usize], cap),
        hypervisor: percent(outcome.busy[Category::Hypervisor as usize], cap),
        device_emulation: percent(outcome.busy[Category::DeviceEmulation as usize], cap),
        host_os: percent(outcome.busy[Category::HostOs as usize], cap),
        idle: percent(cap.saturating_sub(busy), cap),
    };
    let mut all = vec![Histogram::default(); Op::COUNT];
    let mut groups = Vec::new();
    for (g_index, (scenario_index, hist)) in outcome.group_latency.iter().enumerate() {
        for (a, b) in all.iter_mut().zip(hist) {
            a.merge(b);
        }
        let g = &spec.groups[g_index];
        let group_ops: u64 = outcome
            .instances
            .iter()
            .filter(|i| i.group == *scenario_index)
            .map(|i| i.ops)
            .sum();
        let base_ops: u64 = baseline
            .instances
            .iter()
            .filter(|i| i.group == *scenario_index)
            .map(|i| i.ops)
            .sum();
        let base_hist = baseline
            .group_latency
            .iter()
            .find(|(i, _)| i == scenario_index)
            .map(|(_, h)| latencies(h, per_us))
            .unwrap_or_default();
        groups.push(GroupResult {
            name: g.name.clone(),
            workload: g.workload.name.clone(),
            count: g.count,
            vcpus: g.vcpus,
            threads: g.threads,
            ops: group_ops,
            throughput: group_ops as f64 / seconds,
            baseline_throughput: base_ops as f64 / seconds,
            relative_performance_percent: percent(group_ops, base_ops),
            latency: latencies(hist, per_us),
            baseline_latency: base_hist,
        });
    }
    let baseline_ops: u64 = baseline
        .instances
        .iter()
        .filter(|i| spec.groups.iter().any(|g| g.scenario_index == i.group))
        .map(|i| i.ops)
        .sum();
    // Platform-level relative performance: each group's ops over its baseline ops,
    // weighted by the CPU time the group used natively. A plain sum of ops would reward a
    // platform for shifting CPU from a group with long operations to one with short ones.
    let (mut weighted, mut weight) = (0.0, 0u64);
    for g in &spec.groups {
        let of_group = |o: &MachineOutcome| -> (u64, u64) {
            o.instances
                .iter()
                .filter(|i| i.group == g.scenario_index)
                .fold((0, 0), |(ops, cpu), i| {
                    (ops + i.ops, cpu + i.cycles.iter().sum::<u64>())
                })
        };
        let (ops, _) = of_group(outcome);
        let (base_ops, base_cpu) = of_group(baseline);
        if base_ops > 0 {
            weighted += ops as f64 / base_ops as f64 * base_cpu as f64;
            weight += base_cpu;
        }
    }
    let mut relative_performance_percent = if weight == 0 {
        percent(ops, baseline_ops)
    } else {
        weighted * 100.0 / weight as f64
    };
    let duration_cycles = spec.duration_cycles;
    let lost = |i: &crate::machine::InstanceCounters| -> u64 {
        match i.stopped_at {
            Some(at) if at > 0 => {
                (u128::from(i.ops) * u128::from(duration_cycles.saturating_sub(at))
                    / u128::from(at)) as u64
            }
            _ => 0,
        }
    };
    let sees_steal = p.stack.guest_sees_steal();
    let instances: Vec<InstanceResult> = outcome
        .instances
        .iter()
        .map(|i| InstanceResult {
            name: i.name.clone(),
            group: s.instances[i.group].name.clone(),
            ops: i.ops,
            throughput: i.ops as f64 / seconds,
            steal_percent: percent(i.steal, i.vcpu_time),
            guest_steal_percent: if sees_steal {
                percent(i.steal, i.vcpu_time)
            } else {
                0.0
            },
            guest_cpu_percent: percent(
                i.cycles.iter().sum::<u64>() + if sees_steal { 0 } else { i.steal },
                i.vcpu_time,
            ),
            cycles_guest_user: i.cycles[Category::GuestUser as usize],
            cycles_guest_kernel: i.cycles[Category::GuestKernel as usize],
            cycles_hypervisor: i.cycles[Category::Hypervisor as usize],
            cycles_device_emulation: i.cycles[Category::DeviceEmulation as usize],
            cycles_host_os: i.cycles[Category::HostOs as usize],
            exits: exit_counts(&i.exits, seconds),
            stopped_at_ms: i.stopped_at.map(|c| c as f64 / (per_us as f64 * 1000.0)),
            ops_lost: lost(i),
            swap_ins: i.swap_ins,
            swap_outs: i.swap_outs,
            cow_breaks: i.cow_breaks,
            balloon_done_ms: i
                .balloon_done_at
                .map(|c| c as f64 / (per_us as f64 * 1000.0)),
        })
        .collect();
    let mut lifecycle = lifecycle_result(s, p_index, spec, outcome, baseline);
    let instance_count: u64 = spec.groups.iter().map(|g| u64::from(g.count)).sum();
    let mut faults = fault_results(s, p_index, spec, outcome, &instances);
    faults.extend(oom_results(s, p_index, spec, memory, outcome, &instances));
    let vdi = p.vdi.as_ref().map(|net| {
        crate::desktop::report::vdi_result(net, &spec.groups, outcome, baseline, per_us, seconds)
    });
    // Desktops: what counts for the user is what reaches the screen. Relative performance
    // is the share of the wanted updates shown, over the share the same activities show
    // on a local PC (the native baseline), not operations (the agent's packets have no
    // local counterpart). Shares, not counts: updates still on their way at the end of the
    // run count neither way (see `desktop/session.rs`, `finish`).
    let relative = |delivered: u64, wanted: u64, local_delivered: u64, local_wanted: u64| {
        (wanted > 0 && local_delivered > 0 && local_wanted > 0).then(|| {
            delivered as f64 * local_wanted as f64 * 100.0
                / (wanted as f64 * local_delivered as f64)
        })
    };
    if let Some(v) = &vdi {
        if let Some(local) = &v.local {
            if let Some(r) = relative(
                v.frames_delivered,
                v.frames_wanted,
                local.frames_delivered,
                local.frames_wanted,
            ) {
                relative_performance_percent = r;
            }
        }
        for g in &mut groups {
            if let Some(d) = v.groups.iter().find(|d| d.group == g.name) {
                if let Some(r) = relative(
                    d.frames_delivered,
                    d.frames_wanted,
                    d.local_frames_delivered,
                    d.local_frames_wanted,
                ) {
                    g.relative_performance_percent = r;
                }
            }
        }
    }
    let (bt_tc_hit_percent, bt_translate_percent) =
        translation_cache_figures(s, p_index, spec, outcome);
    let workload = &spec.groups[0].workload;
    let builder = PathBuilder::for_host(&p.stack, &s.costs, &s.host, workload)
        .with_working_set_mib(spec.groups[0].working_set_mib);
    let mut paths: Vec<_> = Op::ALL.iter().map(|&op| builder.shown_path(op)).collect();
    for extra in [builder.halt_path(), builder.entity_switch_path()] {
        paths.push(crate::path::OpPath {
            op: None,
            submit: extra,
            ..Default::default()
        });
    }
    if p.vdi.as_ref().is_some_and(|n| n.session_host) {
        crate::desktop::report::session_host_lifecycle(&mut lifecycle, s, p_index);
    }
    // Desktops: the CPU per session is the machine's busy time over the sessions (every
    // desktop's work and everything it caused: encoder, kernels, hypervisor).
    if let Some(v) = &vdi {
        if v.sessions > 0 {
            lifecycle.cpu_per_instance_percent =
                (100.0 - v.cpu.idle) * f64::from(s.host.cores) / v.sessions as f64;
            let (memory, cpu) = lifecycle::density(
                &s.host,
                &s.costs,
                lifecycle.footprint_mib,
                lifecycle.cpu_per_instance_percent,
                p.host_background_percent,
            );
            lifecycle.density_memory = memory;
            lifecycle.density_cpu = cpu;
            lifecycle.density = memory.min(cpu);
        }
    }
    PlatformResult {
        name: p.name.clone(),
        label: p.label.clone(),
        kind: p.stack.kind,
        technique: p.stack.technique,
        io: p.stack.is_vm().then_some(p.stack.io),
        memory: p.stack.memory,
        scheduler: p.scheduler,
        vcpus: spec
            .groups
            .iter()
            .map(|g| u64::from(g.count) * u64::from(g.vcpus))
            .sum(),
        instance_count: spec.groups.iter().map(|g| u64::from(g.count)).sum(),
        memory_mib: s
            .instances
            .iter()
            .filter(|i| i.platforms.contains(&p_index))
            .map(|i| u64::from(i.count) * i.memory_mib)
            .sum(),
        ops,
        throughput: ops as f64 / seconds,
        baseline_throughput: baseline_ops as f64 / seconds,
        sweep_density: None,
        relative_performance_percent,
        cpu,
        steal_percent: percent(steal, vcpu_time),
        guest_steal_percent: if sees_steal {
            percent(steal, vcpu_time)
        } else {
            0.0
        },
        exits: exit_counts(&exits, seconds),
        exits_per_second: total_exits as f64 / seconds,
        latency: latencies(&all, per_us),
        groups,
        instances,
        layers: layers(&p.stack),
        paths,
        trace: outcome.trace.clone(),
        events: outcome.events,
        lifecycle,
        faults,
        // A session host's users all reach its one server OS: its system calls too.
        attack_surface: Some(match vdi.as_ref().filter(|v| v.session_host) {
            Some(v) => crate::isolation::session_host_attack_surface(
                &p.stack,
                // The server OS is the sessions' guest OS (Windows for a desktop).
                s.instances
                    .iter()
                    .find(|i| i.platforms.contains(&p_index))
                    .map_or(crate::platform::GuestOs::Linux, |i| i.guest_os),
                v.sessions,
            ),
            None => attack_surface(&p.stack, instance_count),
        }),
        vdi,
        bt_tc_hit_percent,
        bt_translate_percent,
        host_memory: Some(memory_over_time(s, p_index, memory, outcome, per_us)),
        swap_path: swap_path(s, p_index, outcome),
        migration: p.migration.as_ref().map(|m| {
            let counters = &outcome.instances[m.instance as usize];
            // The machine ran the migration; the guest's operations during the pre-copy
            // are compared with the native baseline's in the same window.
            let record = outcome.migration.clone().unwrap_or_default();
            let checkpoint = p.stack.kind == PlatformKind::Container;
            // A container has no pre-copy: its window is the freeze (its slowdown there
            // is what the checkpoint cost it).
            let (from, to) = if checkpoint {
                (
                    record.paused_at.unwrap_or(0),
                    record.resumed_at.unwrap_or(spec.duration_cycles),
                )
            } else {
                (
                    record.rounds.first().map_or(0, |r| r.start),
                    record.paused_at.unwrap_or(spec.duration_cycles),
                )
            };
            let window = |o: &MachineOutcome| {
                ops_at(&o.ops_samples, m.instance, to) - ops_at(&o.ops_samples, m.instance, from)
            };
            let precopy = memory::PrecopyOps {
                platform: window(outcome),
                native: window(baseline),
            };
            let per_ms = per_us as f64 * 1000.0;
            let mut result =
                memory::migration_from_record(&counters.name, m, &record, per_ms, precopy);
            let window_s = to.saturating_sub(from) as f64 / per_ms / 1000.0;
            if window_s > 0.0 {
                result.writes_per_second = precopy.platform / window_s
                    * s.costs.page_write_percent.min(100) as f64
                    / 100.0;
            }
            result.guest_traffic_gbit_s = outcome.guest_tx_bytes as f64 * 8.0 / seconds / 1e9;
            result.throughput = throughput_series(outcome, baseline, m.instance, per_ms);
            if checkpoint {
                // The dump is its one transfer: a round from the freeze to the restore.
                result.rounds = vec![memory::MigrationRound {
                    sent_mib: result.sent_mib,
                    duration_ms: result.total_ms,
                    dirtied_mib: 0.0,
                    start_ms: from as f64 / per_ms,
                }];
                // A frozen container writes nothing while it is dumped; its writes are
                // those of the run.
                result.writes_per_second = counters.ops as f64 / seconds
                    * s.costs.page_write_percent.min(100) as f64
                    / 100.0;
            }
            result
        }),
    }
}

/// The operations per second of instance `instance` in each window between the machine's
/// samples, on its platform and natively (the two sample at the same cycles).
fn throughput_series(
    outcome: &MachineOutcome,
    baseline: &MachineOutcome,
    instance: u32,
    per_ms: f64,
) -> Vec<memory::ThroughputPoint> {
    let mut previous = 0u64;
    outcome
        .ops_samples
        .iter()
        .map(|x| {
            let window_s = x.at.saturating_sub(previous).max(1) as f64 / per_ms / 1000.0;
            let ops = |o: &MachineOutcome| {
                ops_at(&o.ops_samples, instance, x.at) - ops_at(&o.ops_samples, instance, previous)
            };
            let point = memory::ThroughputPoint {
                at_ms: x.at as f64 / per_ms,
                ops_per_s: ops(outcome) / window_s,
                native_ops_per_s: ops(baseline) / window_s,
            };
            previous = x.at;
            point
        })
        .collect()
}

/// Operations instance `instance` had completed at cycle `at`, interpolated between the
/// machine's samples (none before the start of the run).
fn ops_at(samples: &[crate::machine::OpsSample], instance: u32, at: u64) -> f64 {
    let value =
        |x: &crate::machine::OpsSample| x.ops.get(instance as usize).copied().unwrap_or(0) as f64;
    let mut before = (0u64, 0.0);
    for x in samples {
        if x.at >= at {
            let span = x.at.saturating_sub(before.0);
            if span == 0 {
                return value(x);
            }
            let share = at.saturating_sub(before.0) as f64 / span as f64;
            return before.1 + (value(x) - before.1) * share;
        }
        before = (x.at, value(x));
    }
    before.1
}

fn lifecycle_result(
    s: &Scenario,
    p_index: usize,
    spec: &MachineSpec,
    outcome: &MachineOutcome,
    baseline: &MachineOutcome,
) -> LifecycleResult {
    let p = &s.platforms[p_index];
    let mine: Vec<&crate::scenario::InstanceSpec> = s
        .instances
        .iter()
        .filter(|i| i.platforms.contains(&p_index))
        .collect();
    let Some(first) = mine.first() else {
        return LifecycleResult::default();
    };
    let mut steps = lifecycle::start_steps(&p.stack, first.guest_os, &s.host, &s.costs);
    lifecycle::time_steps_alone(&mut steps, &s.host);
    let startup_ms = lifecycle::storm(&[steps.clone()], &s.host, s.seed)[0];
    // Every instance of the platform at once: a group's containers share its image in the
    // host's page cache, so only the first reads it.
    let together: Vec<(usize, crate::platform::GuestOs)> = mine
        .iter()
        .enumerate()
        .flat_map(|(g, i)| std::iter::repeat_n((g, i.guest_os), i.count as usize))
        .collect();
    let everyone = lifecycle::start_steps_together(&p.stack, &together, false, &s.host, &s.costs);
    let startup_all_ms = lifecycle::storm(&everyone, &s.host, s.seed)
        .into_iter()
        .fold(0.0, f64::max);
    let footprint = lifecycle::footprint(&p.stack, first, &p.overcommit, &s.costs);
    let footprint_mib: f64 = footprint.iter().map(|f| f.mib).sum();
    // CPU demand of one instance of the first group: the cycles this platform spends per
    // operation (everything the instance caused included) times the operations the same
    // instance completes natively, per unit of time alive. What an instance *got* under
    // contention (caps, overcommit, a busy host) would understate it.
    let first_index = spec.groups.first().map_or(0, |g| g.scenario_index);
    // Time alive: a fault may have stopped an instance early.
    let (cycles, ops, alive) = outcome
        .instances
        .iter()
        .filter(|i| i.group == first_index)
        .fold((0u64, 0u64, 0u64), |(c, o, a), i| {
            (
                c + i.cycles.iter().sum::<u64>(),
                o + i.ops,
                a + i.stopped_at.unwrap_or(spec.duration_cycles),
            )
        });
    let native_ops: u64 = baseline
        .instances
        .iter()
        .filter(|i| i.group == first_index)
        .map(|i| i.ops)
        .sum();
    let native_alive = u64::from(first.count) * spec.duration_cycles;
    let cpu_per_instance_percent = if alive == 0 {
        0.0
    } else if ops == 0 || native_ops == 0 {
        cycles as f64 * 100.0 / alive as f64
    } else {
        cycles as f64 / ops as f64 * native_ops as f64 * 100.0 / native_alive as f64
    };
    let (density_memory, density_cpu) = lifecycle::density(
        &s.host,
        &s.costs,
        footprint_mib,
        cpu_per_instance_percent,
        p.host_background_percent,
    );
    LifecycleResult {
        steps,
        startup_ms,
        startup_all_ms,
        footprint,
        footprint_mib,
        host_reserved_mib: s.costs.host_reserved_mib,
        cpu_per_instance_percent,
        density_memory,
        density_cpu,
        density: density_memory.min(density_cpu),
    }
}

fn fault_results(
    s: &Scenario,
    p_index: usize,
    spec: &MachineSpec,
    outcome: &MachineOutcome,
    instances: &[InstanceResult],
) -> Vec<FaultResult> {
    let p = &s.platforms[p_index];
    let mut out = Vec::new();
    for (f, mf) in s
        .faults
        .iter()
        .filter(|f| f.platforms.contains(&p_index))
        .zip(&spec.faults)
    {
        let component = failed_component(&p.stack, f.kind);
        let origin = f.instance.map(|(g, copy)| {
            let inst = &s.instances[g];
            if inst.count == 1 {
                inst.name.clone()
            } else {
                format!("{}-{}", inst.name, copy + 1)
            }
        });
        let stopped: Vec<usize> = mf
            .instances
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| outcome.instances.get(i).and_then(|c| c.stopped_at) == Some(mf.at))
            .collect();
        // The host's page cache (a container's image) survives unless the host's kernel,
        // the hypervisor or the server failed.
        let cache_kept = matches!(
            component,
            crate::isolation::Component::GuestKernel
                | crate::isolation::Component::InstanceProcesses
        );
        let stopped_groups: Vec<(usize, crate::platform::GuestOs)> = stopped
            .iter()
            .map(|&i| {
                let group = outcome.instances[i].group;
                (group, s.instances[group].guest_os)
            })
            .collect();
        let restart = lifecycle::start_steps_together(
            &p.stack,
            &stopped_groups,
            cache_kept,
            &s.host,
            &s.costs,
        );
        // A failed shared component (host kernel, hypervisor, server) boots first.
        let host_boot = if component == crate::isolation::Component::GuestKernel {
            0.0
        } else {
            let boot = lifecycle::host_boot_steps(&s.costs);
            lifecycle::storm(&[boot], &s.host, s.seed)[0]
        };
        let mut recovery_ms = host_boot
            + lifecycle::storm(&restart, &s.host, s.seed)
                .into_iter()
                .fold(0.0, f64::max);
        // A session host boots its server OS once, then every user of it logs on again.
        let sessions_of = |i: usize| {
            spec.groups
                .iter()
                .find(|g| g.scenario_index == outcome.instances[i].group)
                .and_then(|g| g.desktop.as_ref())
                .map_or(1, |d| d.sessions)
        };
        if stopped.iter().any(|&i| sessions_of(i) > 1) {
            let mut boots = Vec::new();
            let mut logons = Vec::new();
            for (&i, steps) in stopped.iter().zip(&restart) {
                let mut boot = steps.clone();
                let logon = boot.pop();
                boots.push(boot);
                let users = if sessions_of(i) > 1 {
                    sessions_of(i)
                } else {
                    1
                };
                logons.extend(std::iter::repeat_n(
                    logon.into_iter().collect(),
                    users as usize,
                ));
            }
            let slowest = |all: &[Vec<lifecycle::StartStep>]| {
                lifecycle::storm(all, &s.host, s.seed)
                    .into_iter()
                    .fold(0.0, f64::max)
            };
            recovery_ms = host_boot + slowest(&boots) + slowest(&logons);
        }
        // On a session host the panicking kernel is the server OS that the user's session
        // shares with the other users of that host.
        let failed = match (stopped.first(), origin.as_deref()) {
            (Some(&i), Some(user))
                if component == crate::isolation::Component::GuestKernel && sessions_of(i) > 1 =>
            {
                let host = &instances[i].name;
                crate::text::Text::new(
                    format!("the server OS kernel of session host `{host}` (a panic in `{user}`'s session)"),
                    format!("세션 호스트 `{host}`의 서버 OS 커널 (`{user}` 세션에서 발생한 패닉)"),
                )
            }
            _ => component.text(origin.as_deref().unwrap_or("-")),
        };
        out.push(FaultResult {
            kind: f.kind,
            at_ms: f.at_ms,
            failed,
            origin,
            component,
            stopped: stopped.iter().map(|&i| instances[i].name.clone()).collect(),
            survivors: survivors(outcome, mf.at, stopped.len()),
            ops_lost: stopped.iter().map(|&i| instances[i].ops_lost).sum(),
            recovery_ms,
        });
    }
    out
}

/// The instances a fault at cycle `at` that stopped `stopped` left running: those an
/// earlier fault had stopped are not counted (other faults at the same cycle, such as OOM
/// kills of several instances, are each their own).
fn survivors(outcome: &MachineOutcome, at: crate::engine::Cycles, stopped: usize) -> u64 {
    let running_before = outcome
        .instances
        .iter()
        .filter(|c| c.stopped_at.is_none_or(|t| t >= at))
        .count();
    running_before.saturating_sub(stopped) as u64
}

/// The OOM kills of the memory plan that happened inside the run, as fault results: each
/// stops the processes of one instance and nothing else.
fn oom_results(
    s: &Scenario,
    p_index: usize,
    spec: &MachineSpec,
    memory: &MemoryResult,
    outcome: &MachineOutcome,
    instances: &[InstanceResult],
) -> Vec<FaultResult> {
    let p = &s.platforms[p_index];
    let faults = oom_faults(memory, spec.duration_cycles);
    let kills = memory
        .oom_kills
        .iter()
        .filter(|k| k.at_cycles < spec.duration_cycles);
    kills
        .zip(&faults)
        // An instance an earlier fault stopped has nothing left for the OOM killer.
        .filter(|(kill, mf)| {
            outcome
                .instances
                .get(kill.instance as usize)
                .and_then(|c| c.stopped_at)
                .is_none_or(|t| t >= mf.at)
        })
        .map(|(kill, mf)| {
            let component = failed_component(&p.stack, FaultKind::OomKill);
            let i = kill.instance as usize;
            let stopped: Vec<usize> = blast_radius(component, Some(kill.instance), 0)
                .into_iter()
                .map(|k| k as usize)
                .filter(|&k| outcome.instances.get(k).and_then(|c| c.stopped_at) == Some(mf.at))
                .collect();
            let group = outcome.instances.get(i).map_or(0, |c| c.group);
            // The host kernel killed the processes and kept its page cache: the image is warm.
            let restart = lifecycle::start_steps_with(
                &p.stack,
                s.instances[group].guest_os,
                &s.host,
                &s.costs,
                lifecycle::ImageCache::Warm,
            );
            FaultResult {
                kind: FaultKind::OomKill,
                // A guest whose memory cannot hold its OS stops at once (0 ms); a kill inside
                // the first millisecond reads "at 1 ms".
                at_ms: if kill.at_cycles == 0 {
                    0
                } else {
                    (kill.at_ms as u64).max(1)
                },
                origin: Some(kill.name.clone()),
                component,
                failed: component.text(&kill.name),
                stopped: stopped.iter().map(|&k| instances[k].name.clone()).collect(),
                survivors: survivors(outcome, mf.at, stopped.len()),
                ops_lost: stopped.iter().map(|&k| instances[k].ops_lost).sum(),
                recovery_ms: lifecycle::storm(&[restart], &s.host, s.seed)[0],
            }
        })
        .collect()
}

/// The value of a metric on a platform, if it has one.
pub fn metric_value(p: &PlatformResult, metric: Metric, op: Option<Op>) -> Option<f64> {
    let latency = || op.and_then(|op| p.latency_of(op));
    Some(match metric {
        Metric::RelativePerformancePercent => p.relative_performance_percent,
        Metric::Throughput => p.throughput,
        Metric::MeanLatencyUs => latency()?.mean_us,
        Metric::P50LatencyUs => latency()?.p50_us,
        Metric::P99LatencyUs => latency()?.p99_us,
        Metric::StealPercent => p.steal_percent,
        Metric::GuestStealPercent => p.guest_steal_percent,
        Metric::ExitsPerSecond => p.exits_per_second,
        Metric::GuestUserPercent => p.cpu.guest_user,
        Metric::GuestKernelPercent => p.cpu.guest_kernel,
        Metric::HypervisorPercent => p.cpu.hypervisor,
        Metric::DeviceEmulationPercent => p.cpu.device_emulation,
        Metric::HostOsPercent => p.cpu.host_os,
        Metric::IdlePercent => p.cpu.idle,
        Metric::StartupMs => p.lifecycle.startup_ms,
        Metric::StartupAllMs => p.lifecycle.startup_all_ms,
        Metric::FootprintMib => p.lifecycle.footprint_mib,
        Metric::SweepDensity => f64::from(p.sweep_density?),
        Metric::Density => p.lifecycle.density as f64,
        Metric::InstancesStopped => p.faults.iter().map(|f| f.stopped.len()).sum::<usize>() as f64,
        Metric::OpsLost => p.faults.iter().map(|f| f.ops_lost).sum::<u64>() as f64,
        // A migration still running at the end of the run has no downtime or total yet.
        Metric::MigrationDowntimeMs => p.migration.as_ref().filter(|m| m.finished)?.downtime_ms,
        Metric::MigrationTotalMs => p.migration.as_ref().filter(|m| m.finished)?.total_ms,
        Metric::DesktopP50LatencyMs => p.vdi.as_ref()?.latency_p50_ms,
        Metric::DesktopP99LatencyMs => p.vdi.as_ref()?.latency_p99_ms,
        Metric::DesktopBandwidthKbitS => p.vdi.as_ref()?.bandwidth_kbit_s,
        Metric::DesktopSessionsDropped => p.vdi.as_ref()?.sessions_dropped as f64,
        Metric::DesktopFramesDeliveredPercent => {
            let v = p.vdi.as_ref()?;
            if v.frames_wanted == 0 {
                return None;
            }
            v.frames_delivered as f64 * 100.0 / v.frames_wanted as f64
        }
    })
}

pub(crate) fn answer(
    q: &crate::scenario::Question,
    s: &Scenario,
    platforms: &[PlatformResult],
) -> QuestionAnswer {
    let asked: Vec<&PlatformResult> = match q.kind {
        QuestionKind::Choice => q.candidates.iter().map(|&i| &platforms[i]).collect(),
        QuestionKind::Numeric => platforms.iter().collect(),
    };
    let evidence: Vec<(String, f64)> = asked
        .iter()
        .filter_map(|p| metric_value(p, q.metric, q.op).map(|v| (p.name.clone(), v)))
        .collect();
    let (answer, value) = match q.kind {
        QuestionKind::Choice => {
            let best = evidence
                .iter()
                .fold(None::<&(String, f64)>, |best, item| match best {
                    None => Some(item),
                    Some(b) => {
                        let better = match q.select {
                            Select::Lowest => item.1 < b.1,
                            Select::Highest => item.1 > b.1,
                        };
                        Some(if better { item } else { b })
                    }
                });
            (best.map_or_else(|| "-".to_string(), |b| b.0.clone()), None)
        }
        QuestionKind::Numeric => {
            let name = &s.platforms[q.platform.expect("validated numeric question")].name;
            let value = evidence.iter().find(|(n, _)| n == name).map(|(_, v)| *v);
            (
                value.map_or_else(|| "-".to_string(), crate::question::numeric_text),
                value,
            )
        }
    };
    QuestionAnswer {
        id: q.id.clone(),
        text: q.text.clone(),
        kind: q.kind,
        metric: q.metric,
        options: asked.iter().map(|p| p.name.clone()).collect(),
        answer,
        value,
        tolerance_percent: q.tolerance_percent,
        evidence,
        explanation: q.explanation.clone(),
        op: q.op,
    }
}
