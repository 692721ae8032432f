//! Running a scenario: one machine per platform plus its native baseline, advanced in
//! slices of events so that callers (a CLI, a browser tab) stay responsive.
//!
//! A [`Runner`] holds a scenario's jobs (each platform, each distinct native baseline, each
//! point of a `[sweep]`). They are advanced in event budgets, or taken out (`take_jobs`,
//! `take_job`) to run elsewhere: a [`JobRun`] builds its machine when it first advances, on
//! the thread that runs it, and comes back as itself or as its serializable [`JobOutcome`]
//! (the page's workers send it in `binary_form.rs`'s form). Each `[[fault]]` becomes the
//! instances it stops (`isolation.rs`) before the machines run; `finish()` assembles the
//! [`RunResult`].

use crate::isolation::{attack_surface, blast_radius, failed_component, FaultKind, FaultResult};
use crate::job_key::JobKey;
use crate::lifecycle::{self, LifecycleResult};
use crate::machine::{GroupSpec, Machine, MachineFault, MachineOutcome, MachineSpec};
use crate::memory::{self, MemoryResult};
use crate::metrics::{Histogram, LatencySummary};
use crate::path::{Category, ExitReason, Layer, PathBuilder, TranslationCount};
use crate::platform::{PlatformKind, SchedulerKind, Stack, Technique};
use crate::question::{QuestionAnswer, QuestionKind, Select};
use crate::results::{
    CpuShares, ExitCount, GroupResult, InstanceResult, NetworkResult, OpLatency, PlatformResult,
    RunResult,
};
use crate::scenario::{InstanceSpec, Scenario, MAX_ESTIMATED_EVENTS};
use crate::workload::Op;

mod comparison_table;
mod desktop_result;
mod faults;
mod memory_wiring;
mod platform_result;
mod question_answers;
mod sweep_result;

use faults::*;
use memory_wiring::*;
use platform_result::*;
pub(crate) use question_answers::answer;
use sweep_result::sweep_result;

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
    /// The scenario's values break a rule of the format ([`Scenario::check`]): a field
    /// written by hand, checked before the run starts; or an assignment step's variant
    /// that does not validate ([`crate::Assignment::grade_file`]).
    /// (`From` it, so `?` turns a scenario's error into a run's.)
    #[error(transparent)]
    Invalid(#[from] crate::scenario::ScenarioError),
    /// The run went past [`RunOptions::max_events`] (`limit`); `estimate` is the
    /// scenario's own estimate ([`Scenario::estimated_events`]).
    #[error("{}", event_limit_text(*limit, *estimate, crate::text::Lang::En))]
    EventLimit { limit: u64, estimate: u64 },
    /// [`Runner::finish`] called before [`Runner::is_finished`]: advance it first.
    #[error("the run is not finished yet")]
    NotFinished,
    /// A job given back ([`Runner::complete`], [`Runner::complete_outcome`]) before it
    /// finished: its figures would stand for part of the run as if for all of it.
    #[error("job {index} was given back before it finished: advance it until `advance` returns true, then give it back")]
    JobNotFinished { index: usize },
    /// A job or outcome given back that is not of this runner's job `index` (another
    /// scenario's, other options', or no such job): its inputs differ, or its figures
    /// do not have the shape this job's would (an outcome changed on its way back).
    #[error("the job given back as job {index} is not this run's job {index} (its inputs differ): give back only jobs taken from this runner, or outcomes of a runner built from the same scenario and options")]
    JobMismatch { index: usize },
}

impl SimError {
    /// The message in `lang` (English is the `Display` text).
    pub fn message_in(&self, lang: crate::text::Lang) -> String {
        match (self, lang) {
            (SimError::Invalid(e), lang) => e.to_string_in(lang),
            (_, crate::text::Lang::En) => self.to_string(),
            (SimError::EventLimit { limit, estimate }, lang) => {
                event_limit_text(*limit, *estimate, lang)
            }
            (SimError::NotFinished, crate::text::Lang::Ko) => {
                "실행이 아직 끝나지 않았습니다".to_string()
            }
            (SimError::JobNotFinished { index }, crate::text::Lang::Ko) => format!(
                "작업 {index}이(가) 끝나기 전에 돌려받았습니다: `advance`가 true를 돌려줄 때까지 진행한 뒤 돌려주세요"
            ),
            (SimError::JobMismatch { index }, crate::text::Lang::Ko) => format!(
                "작업 {index}(으)로 돌려받은 것이 이 실행의 작업 {index}이(가) 아닙니다(입력이 다릅니다): 이 러너에서 꺼낸 작업이나, 같은 시나리오와 옵션으로 만든 러너의 결과만 돌려주세요"
            ),
        }
    }
}

/// [`SimError::EventLimit`]'s message: what to shorten, and, when the cap was set below
/// the scenario's estimate (by the caller: the validator's own cap is above it), to raise it.
/// Its counts grouped as the tables print them ("200,000,000"), in Korean alike (the CLI's
/// `--max-events` message groups them so too).
fn event_limit_text(limit: u64, estimate: u64, lang: crate::text::Lang) -> String {
    let below = limit < estimate;
    let group = |n: u64| crate::text::grouped(&n.to_string());
    let (limit, estimate) = (group(limit), group(estimate));
    match lang {
        crate::text::Lang::En => format!(
            "the run needed more than {limit} events (the scenario's estimate is at most {estimate} events); shorten duration_ms or use fewer instances{}",
            if below { ", or raise the cap (RunOptions::max_events), which is below the estimate" } else { "" }
        ),
        crate::text::Lang::Ko => format!(
            "실행에 이벤트가 {limit}개보다 많이 필요했습니다 (시나리오 추정치는 최대 {estimate}개). duration_ms를 줄이거나 인스턴스를 줄이세요{}",
            if below { ". 또는 추정치보다 낮은 상한(RunOptions::max_events)을 늘리세요" } else { "" }
        ),
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
    /// The local PCs of a VDI platform's desktop group: each desktop alone on cores of its
    /// own (one machine, each desktop pinned to its PC's cores).
    Local,
    /// A sweep point: platform index and count of the swept group.
    Sweep(usize, u32),
}

struct Job {
    kind: JobKind,
    spec: MachineSpec,
}

/// A scenario being run, one slice of events at a time.
///
/// Step by step on one thread (a page's event loop, a progress bar):
///
/// ```
/// use sim_core::{RunOptions, Scenario};
///
/// let text = include_str!("../../../scenarios/smoke.toml");
/// let scenario = Scenario::from_toml("smoke.toml", text)?;
/// let mut runner = scenario.runner(RunOptions::default())?;
/// while !runner.is_finished() {
///     let progress = runner.advance(50_000)?; // at most 50 000 events, then back to you
///     assert!(progress.fraction() <= 1.0);
/// }
/// let stepped = runner.finish()?;
/// assert_eq!(stepped.platforms.len(), scenario.run()?.platforms.len());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Or with its jobs taken out and run elsewhere (threads, workers, in any order), then
/// given back: the result is the same, bit for bit.
///
/// ```
/// use sim_core::{RunOptions, Scenario};
///
/// let text = include_str!("../../../scenarios/smoke.toml");
/// let scenario = Scenario::from_toml("smoke.toml", text)?;
/// let mut runner = scenario.runner(RunOptions::default())?;
/// let mut jobs = runner.take_jobs();
/// jobs.reverse(); // order does not matter
/// for mut job in jobs {
///     while !job.advance(1_000_000) {} // e.g. on another thread
///     runner.complete(job)?; // or `complete_outcome(job.into_outcome())` after serde
/// }
/// sim_core::assert_same_results!(runner.finish()?, scenario.run()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Runner {
    scenario: Scenario,
    options: RunOptions,
    jobs: Vec<Job>,
    /// For each platform, the index of its baseline job.
    baseline_of: Vec<usize>,
    /// For each platform, its local PCs (a VDI platform's): (the desktop's group, its
    /// position among the platform's groups; the job's index).
    locals_of: Vec<Vec<(usize, usize)>>,
    current: Option<(usize, Machine)>,
    /// Jobs handed out by [`Runner::take_jobs`] to be run elsewhere.
    taken: Vec<bool>,
    outcomes: Vec<Option<MachineOutcome>>,
    events: u64,
    /// Per platform: its memory plan.
    memory: Vec<MemoryResult>,
    /// Per job, a platform job's result computed ahead by [`Runner::prepare`] once its
    /// own outcome and its baseline's were in.
    prepared: Vec<Option<PlatformResult>>,
    /// The machines run in the reference mode (see [`Runner::set_event_per_item`]).
    event_per_item: bool,
}

/// One job of a run (a platform, a native baseline or a sweep point) taken out of its
/// [`Runner`] to be advanced elsewhere, e.g. on another thread of the CLI. Jobs do not
/// depend on each other, so the results are the same whatever runs them and in whatever
/// order; give each back with [`Runner::complete`].
pub struct JobRun {
    index: usize,
    /// [`inputs_fingerprint`] of its spec, carried into its outcome.
    inputs: u64,
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
            inputs: inputs_fingerprint(&spec, event_per_item),
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

    /// Processes up to `budget` events; true once the job has finished. A budget of 0 is
    /// taken as 1, as [`Runner::advance`] takes it: every call makes progress.
    pub fn advance(&mut self, budget: u64) -> bool {
        self.machine().advance(budget.max(1))
    }

    /// Whether the job has run to its end ([`JobRun::advance`] returned true).
    pub fn is_finished(&self) -> bool {
        match &self.machine {
            JobMachine::Built(machine) => machine.is_finished(),
            JobMachine::Waiting { .. } => false,
        }
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
            inputs: self.inputs,
            finished: machine.is_finished(),
            outcome: machine.finish(),
        }
    }
}

/// A fingerprint of what a job reads ([`JobKey`]'s bytes, FNV-1a): an outcome given back
/// carries its job's, so that one of another job (another scenario's, other options') is
/// refused instead of read as this one's. 0 if the key could not be made (checked alike).
fn inputs_fingerprint(spec: &MachineSpec, event_per_item: bool) -> u64 {
    JobKey::of(spec, event_per_item).map_or(0, |key| {
        key.as_bytes()
            .iter()
            .fold(0xcbf2_9ce4_8422_2325, |h: u64, &b| {
                (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
            })
    })
}

/// A finished job's figures, taken out of the [`JobRun`] that produced them. It
/// serializes (the page runs a scenario's jobs in several web workers, each of which
/// builds the same [`Runner`] from the scenario text, runs one job and sends this back
/// as JSON), and a [`Runner`] built from the same scenario and options completes with it
/// exactly as with the job itself.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub struct JobOutcome {
    index: usize,
    /// [`inputs_fingerprint`] of the job that produced it.
    inputs: u64,
    /// Whether that job had run to its end.
    finished: bool,
    outcome: MachineOutcome,
}

impl JobOutcome {
    /// Events the job processed.
    pub fn events(&self) -> u64 {
        self.outcome.events
    }
}

impl Scenario {
    /// Runs the whole scenario, once its values pass [`Scenario::check`] (else
    /// [`SimError::Invalid`]).
    pub fn run(&self) -> Result<RunResult, SimError> {
        self.run_with(RunOptions {
            trace: self.trace,
            ..RunOptions::default()
        })
    }

    /// [`Scenario::run`] with other [`RunOptions`]: a per-pCPU timeline (`trace`), another
    /// event limit (`max_events`, past which the run stops with [`SimError::EventLimit`]).
    pub fn run_with(&self, options: RunOptions) -> Result<RunResult, SimError> {
        let mut runner = self.runner(options)?;
        while !runner.is_finished() {
            runner.advance(1 << 20)?;
        }
        runner.finish()
    }

    /// A runner to advance in slices (every run starts here: [`Scenario::run`],
    /// [`Scenario::run_with`], the CLI's and the page's jobs), once the scenario's values
    /// pass [`Scenario::check`] (else [`SimError::Invalid`]).
    pub fn runner(&self, options: RunOptions) -> Result<Runner, SimError> {
        self.check().map_err(SimError::Invalid)?;
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
        // instances, natively, scheduled the same way (weights and caps act as under that
        // scheduler: per slot under credit, per instance's cgroup under fair), so that the difference is the cost of virtualization alone.
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
                    dom0: p.dom0,
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
                    dom0: crate::platform::Dom0::default(),
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
        // A VDI platform's local baseline: each desktop on a PC of its own, not on the
        // server the desktops share (the native baseline above runs them all on one host):
        // cores as many as the desktop VM's vCPUs (a session host's user: the vCPUs the
        // scenario gives each user), the host's CPU model, clock and caches, nothing else
        // on them. The same user as on the server (the same copy numbers: the same random streams),
        // the same scheduler; no faults. A group's PCs are one job (a page hands out and
        // keeps each job at a cost: 600 one-desktop jobs made a re-run 5x slower): one
        // native machine with a PC's cores per desktop, each desktop pinned to its own, so
        // that no desktop's work waits for another's core.
        let mut locals_of: Vec<Vec<(usize, usize)>> = vec![Vec::new(); scenario.platforms.len()];
        for (p_index, p) in scenario.platforms.iter().enumerate() {
            if p.vdi.is_none() {
                continue;
            }
            for (position, g) in groups_of(p_index).into_iter().enumerate() {
                if g.desktop.is_none() || g.count == 0 {
                    continue;
                }
                let cores = g.vcpus.max(1);
                let host = crate::hardware::Host {
                    cores: cores * g.count,
                    ..scenario.host.clone()
                };
                // One group: its copies are the server's (the same random streams), and
                // its pin list gives each copy a PC's cores of its own.
                let pcs = vec![GroupSpec {
                    pin: Some(
                        (0..g.count)
                            .flat_map(|copy| copy * cores..copy * cores + g.vcpus)
                            .collect(),
                    ),
                    cap_percent: 0,
                    ..g.clone()
                }];
                locals_of[p_index].push((position, jobs.len()));
                jobs.push(Job {
                    kind: JobKind::Local,
                    spec: MachineSpec {
                        host,
                        stack: Stack::native(),
                        scheduler: p.scheduler,
                        time_slice_ms: p.time_slice_ms,
                        credit_boost: true,
                        dom0: crate::platform::Dom0::default(),
                        background_percent: 0,
                        groups: pcs,
                        costs: scenario.costs.clone(),
                        duration_cycles,
                        seed: scenario.seed,
                        trace: false,
                        faults: Vec::new(),
                        memory: crate::machine::MachineMemory::default(),
                    },
                });
            }
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
        let prepared = jobs.iter().map(|_| None).collect();
        Runner {
            scenario,
            options,
            prepared,
            taken: vec![false; jobs.len()],
            jobs,
            baseline_of,
            locals_of,
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

    /// Whether every job has run to its end (or been given back): [`Runner::finish`] may
    /// be called.
    pub fn is_finished(&self) -> bool {
        self.outcomes.iter().all(Option::is_some)
    }

    /// Events processed so far by [`Runner::advance`] (not those of jobs taken out and
    /// run elsewhere until they are given back).
    pub fn events(&self) -> u64 {
        self.events
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

    /// Processes up to `budget` events, and at least one: a budget of 0 is taken as 1,
    /// so that a loop of `advance` until [`Runner::is_finished`] ends whatever budget it
    /// passes (a budget worked out from the time left, say). The [`Progress`] it returns is
    /// in simulated cycles, which the first events may not move: `fraction()` can stay 0
    /// while [`Runner::events`] grows.
    ///
    /// ```
    /// let text = include_str!("../../../scenarios/smoke.toml");
    /// let scenario = sim_core::Scenario::from_toml("smoke.toml", text)?;
    /// let mut runner = scenario.runner(sim_core::RunOptions::default())?;
    /// runner.advance(0)?;
    /// assert_eq!(runner.events(), 1);
    /// runner.advance(10)?;
    /// assert_eq!(runner.events(), 11);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
    /// given back with [`Runner::complete`]. [`Runner::advance`] then runs none of them:
    /// the runner is finished only once each is given back (a loop of `advance` until
    /// [`Runner::is_finished`] would not end).
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
    /// from the same scenario and options; its events count against the run's cap. One of
    /// a job that had not finished is refused ([`SimError::JobNotFinished`]), and so is one
    /// whose job read other inputs than this runner's job of that index, or of an index it
    /// does not have, or whose figures have another shape than that job's would
    /// ([`SimError::JobMismatch`]: the outcome carries a fingerprint of its job's inputs,
    /// and `MachineOutcome::fits` checks its shape). Given again for the same job, the later replaces the earlier, whose
    /// events no longer count.
    pub fn complete_outcome(&mut self, job: JobOutcome) -> Result<(), SimError> {
        let index = job.index;
        let Some(spec) = self.jobs.get(index).map(|j| &j.spec) else {
            return Err(SimError::JobMismatch { index });
        };
        if job.inputs != inputs_fingerprint(spec, self.event_per_item) {
            return Err(SimError::JobMismatch { index });
        }
        if !job.finished {
            return Err(SimError::JobNotFinished { index });
        }
        if !job.outcome.fits(spec) {
            return Err(SimError::JobMismatch { index });
        }
        let before = self.outcomes[index].as_ref().map_or(0, |o| o.events);
        self.events = (self.events - before).saturating_add(job.outcome.events);
        if self.events > self.options.max_events {
            return Err(self.event_limit());
        }
        if self.outcomes[index].is_some() {
            // A job's outcome given again: what was prepared from the first may differ.
            self.prepared.iter_mut().for_each(|r| *r = None);
        }
        self.outcomes[index] = Some(job.outcome);
        Ok(())
    }

    /// Computes ahead what [`Runner::finish`] would for each platform whose own job,
    /// baseline and local PCs are complete: a runner that waits for the last jobs (the page's finishing
    /// worker, between other workers' outcomes) leaves less to do once they come. The
    /// result is the same as without it.
    pub fn prepare(&mut self) {
        let s = &self.scenario;
        let seconds = s.duration_ms as f64 / 1000.0;
        for (index, job) in self.jobs.iter().enumerate() {
            let JobKind::Platform(p_index) = job.kind else {
                continue;
            };
            if self.prepared[index].is_some() {
                continue;
            }
            let (Some(outcome), Some(baseline)) = (
                &self.outcomes[index],
                &self.outcomes[self.baseline_of[p_index]],
            ) else {
                continue;
            };
            let Some(locals) = self.locals_of[p_index]
                .iter()
                .map(|&(group, j)| self.outcomes[j].as_ref().map(|o| (group, o)))
                .collect::<Option<Vec<_>>>()
            else {
                continue;
            };
            self.prepared[index] = Some(platform_result(
                s,
                p_index,
                &self.memory[p_index],
                &job.spec,
                outcome,
                baseline,
                &locals,
                seconds,
                s.host.clock_mhz,
            ));
        }
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
        for ((job, outcome), prepared) in self.jobs.iter().zip(&outcomes).zip(self.prepared) {
            let JobKind::Platform(p_index) = job.kind else {
                continue;
            };
            if let Some(result) = prepared {
                platforms.push(result);
                continue;
            }
            let baseline = &outcomes[self.baseline_of[p_index]];
            let locals: Vec<(usize, &MachineOutcome)> = self.locals_of[p_index]
                .iter()
                .map(|&(group, j)| (group, &outcomes[j]))
                .collect();
            platforms.push(platform_result(
                s,
                p_index,
                &self.memory[p_index],
                &job.spec,
                outcome,
                baseline,
                &locals,
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
            cpu: s.host.cpu,
            table: comparison_table::build(&platforms, sweep.as_ref()),
            platforms,
            questions,
            sweep,
            events: outcomes.iter().map(|o| o.events).sum(),
        })
    }
}
