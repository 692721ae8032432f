//! Simulations off the page's main thread: a pool of dedicated Web Workers
//! (`static/worker.js`, up to `navigator.hardwareConcurrency` of them, at most
//! [`MAX_WORKERS`]) that load the same wasm module and run a scenario's jobs (each
//! platform, native baseline and sweep point) side by side. The main thread only hands
//! out jobs and relays bytes; it never simulates:
//!
//! 1. the main thread reads the scenario and lays out its jobs (sim-core's `Runner`,
//!    not advanced) to learn each job's `JobKey`, everything the job reads. A job whose
//!    key a recent successful run had keeps that run's outcome (a slider that changes
//!    only what some jobs read, like the VM exit cost for containers and the native
//!    baselines, re-runs only the others: a job is a pure function of its key, so the
//!    result stays bit-identical); of jobs with equal keys only the first runs;
//! 2. the jobs left go to one worker, or, when the time they took in the workers in the
//!    last run of the same text reaches [`POOL_MIN_MICROS`] (before such a run: when
//!    their estimated events reach [`POOL_MIN_EVENTS`]), to the pool: split over the
//!    workers so that the most loaded has the least expected work, in that time or those
//!    events (`plan::split`), each worker's share handed out
//!    longest first as it finishes: each worker holds up to `JOBS_AHEAD` (the next
//!    already in its inbox when it finishes one, so it does not wait for the main
//!    thread), one when no more than one job per worker waits. A worker left without a
//!    job takes one meant for another: a worker slowed by other work on its core (the
//!    page's own rendering, other programs) takes fewer jobs instead of holding back the
//!    run. A worker runs its jobs in the runner it built for the run;
//! 3. every job's outcome comes back as sim-core's `JobOutcome` in sim-core's
//!    [`binary_form`](crate::sim::binary_form) (fields in order without names, exact
//!    integers and float bits; read with each type's sequence visitor only, a smaller
//!    wasm than serde_json's), which the main thread keeps as a JS `Uint8Array` and
//!    passes on without reading it (a job that fails answers with its error, as JSON
//!    text, instead, and the run stops);
//! 4. once no job waits to be handed out, the first worker done with its jobs (at once
//!    the only one left) becomes the finisher: its runner holds its own jobs' outcomes,
//!    and it takes every other outcome (other workers', kept ones) as it comes in
//!    (`entry::worker_complete`, while the others still simulate), then returns the
//!    `RunResult` in the binary form (`entry::worker_finish`), bit-identical to the CLI's.
//!
//! A worker gets the scenario text and settings once per run, with its first message;
//! later messages carry the run's number instead (`Request::post`). A successful run's
//! outcomes are kept by key for the next runs, the latest first, at most
//! `KEPT_OUTCOMES` of them and `KEPT_BYTES`: a slider moved back to a value it had
//! re-runs nothing.
//!
//! Progress adds up the jobs' simulated cycles; cancelling terminates the busy workers.
//! A worker's message wakes the run at once (no polling between messages). A worker
//! that errors (its `error` or `messageerror` event: `worker.js` rethrows what its
//! handler threw) or that has work and stays silent for [`SILENT_MS`] is lost:
//! terminated, its jobs (or the finishing work) go to the others; with none left the run
//! fails, or, when no worker ever answered, the page runs on its main thread from then on.
//! Workers are kept warm between runs (starting one compiles the module again). A page
//! without module workers falls back to slicing the run on the main thread
//! (`run::run_sliced`).

mod entry;
mod plan;

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::Msg;
use crate::knobs::Knobs;
use crate::run_end::RunEnd;
use crate::sim::{JobKey, RunOptions, RunResult};

/// Most workers in the pool, whatever the machine's core count: a scenario seldom has
/// more jobs, and each worker holds its own copy of the module.
pub const MAX_WORKERS: usize = 8;
/// How often a run looks for a cancel while no worker message comes (a message wakes
/// the run at once).
const CANCEL_POLL_MS: u32 = 10;
/// A worker with work posted that has sent nothing for this long is lost, as if it had
/// crashed: its jobs go to the others. A working worker reports each million events
/// (about 0.1 s); one started for a run that never loads its module (a fetch or a
/// compile that stalls without failing) would otherwise keep the page running forever.
/// The browser tests shorten it ([`set_silent_ms`]).
pub const SILENT_MS: f64 = 60_000.0;
/// From this many events expected of the jobs that run, a run's jobs are shared out
/// over the pool; below, one worker runs them all: sharing costs each further worker
/// reading and laying out the scenario, and the finishing worker waiting for and reading
/// the others' outcomes, a few milliseconds, about what half of 100 000 events take in
/// wasm. Measured on the library (2 cores, both ways interleaved on each scenario,
/// 2026-12-02): sharing paid from about 70 000 to 150 000 events to run on, lost below
/// (README, "The web page"). A job is expected to take the events it took in the last
/// run of the same text (any settings), else sim-core's estimate shared out evenly over
/// the jobs, over `ESTIMATE_OVER_REAL`.
pub const POOL_MIN_EVENTS: u64 = 100_000;
/// The same threshold in the time the jobs took in a worker in the last run of the same
/// text (any settings), once every job to run has such a time: what a job costs differs
/// by what it simulates, not by its events alone. A desktop's event takes about four
/// times a server's (vdi-consolidation when it ran 1.5 s, 2026-12-02: 96 000 events, 21 ms natively, against about
/// 100 000 events in 5 ms for a server's), so the events rule left its 28 ms of jobs to
/// one worker. 100 000 server events take about 10 ms in a worker.
pub const POOL_MIN_MICROS: u64 = 10_000;
/// Jobs a worker of the pool holds at once (posted, not answered) while more wait.
/// Handing out all of a run's jobs at the start, balanced on their expected events, made
/// a worker whose core was busier finish last: on 2 cores, with the page's rendering and
/// the browser on them, one of the two workers took up to 1.7 times as long for the same
/// expected work (consolidation-density, 2026-12-02).
const JOBS_AHEAD: usize = 2;
/// Job outcomes kept from earlier runs, at most (about eight runs of the library's larger
/// scenarios: a student moving a slider back and forth between values finds each kept).
const KEPT_OUTCOMES: usize = 128;
/// Bytes of kept outcomes, at most (an outcome is 15-80 KB; one with a recorded timeline
/// megabytes).
const KEPT_BYTES: u32 = 16 << 20;
/// sim-core's estimate is an upper bound: 4 to 13 times the real count on most of the
/// library (up to 200 times where operations mostly block), for a text never run yet.
const ESTIMATE_OVER_REAL: u64 = 8;

/// A run's file name and text, with the time each of its jobs took in its worker (µs;
/// `None`: not run, nor kept from a run that timed it).
type JobTimes = (String, String, Vec<Option<u64>>);

thread_local! {
    /// Warm workers, idle between runs.
    static POOL: RefCell<Vec<web_sys::Worker>> = const { RefCell::new(Vec::new()) };
    /// Whether module workers failed to start here (then the page slices on the main thread).
    static UNAVAILABLE: Cell<bool> = const { Cell::new(false) };
    /// Runs done by workers (read by the browser tests).
    static RUNS: Cell<u32> = const { Cell::new(0) };
    /// Most workers that ran jobs of one run at once (read by the browser tests).
    static MOST_WORKERS: Cell<u32> = const { Cell::new(0) };
    /// The estimate from which runs are split over the pool (the browser tests lower it
    /// to check the pool's results against the CLI's).
    static POOL_FROM: Cell<u64> = const { Cell::new(POOL_MIN_EVENTS) };
    /// Whether runs keep the last run's outcomes of jobs with equal keys (the browser
    /// tests turn it off to check fresh runs against the CLI).
    static REUSE_ON: Cell<bool> = const { Cell::new(true) };
    /// The outcomes of the last successful runs by job key, the latest run's first, with
    /// the events each job took: at most [`KEPT_OUTCOMES`] of them and [`KEPT_BYTES`]
    /// bytes (a slider moved back to a value it had re-runs nothing).
    static LAST: RefCell<Vec<(JobKey, JsValue, u64)>> = const { RefCell::new(Vec::new()) };
    /// The events each job took in the last successful run, with its file name and text.
    static LAST_EVENTS: RefCell<Option<(String, String, Vec<u64>)>> = const { RefCell::new(None) };
    /// The time in microseconds each job took in its worker in the last successful run
    /// (`None`: kept from an earlier run, not run), with its file name and text.
    static LAST_MICROS: RefCell<Option<JobTimes>> = const { RefCell::new(None) };
    /// How long a busy worker may stay silent before it is lost ([`SILENT_MS`]; the
    /// browser tests shorten it).
    static SILENT: Cell<f64> = const { Cell::new(SILENT_MS) };
    /// Outcomes kept from a run for the next one so far (read by the browser tests).
    static REUSED: Cell<u32> = const { Cell::new(0) };
    /// The next run's number (a worker keeps its runner for the run of that number).
    static NEXT_RUN: Cell<u32> = const { Cell::new(0) };
}

/// How long a busy worker may stay silent before it is lost, ms (tests).
pub fn set_silent_ms(ms: f64) {
    SILENT.with(|s| s.set(ms));
}

/// Turns the reuse of the last run's outcomes on or off (tests); off also forgets them.
pub fn set_reuse(on: bool) {
    REUSE_ON.with(|r| r.set(on));
    if !on {
        LAST.with(|l| l.borrow_mut().clear());
    }
}

/// Job outcomes taken from an earlier run instead of running the job, so far.
pub fn reused() -> u32 {
    REUSED.with(Cell::get)
}

/// Sets the estimated events from which a run is split over the pool (tests).
pub fn set_pool_from(events: u64) {
    POOL_FROM.with(|p| p.set(events));
}

/// The pool's size here: the browser's logical cores, at least 1, at most [`MAX_WORKERS`].
fn pool_size() -> usize {
    let cores = web_sys::window()
        .map(|w| w.navigator().hardware_concurrency())
        .unwrap_or(1.0);
    (cores as usize).clamp(1, MAX_WORKERS)
}

fn spawn() -> Option<web_sys::Worker> {
    if UNAVAILABLE.with(Cell::get) {
        return None;
    }
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    match web_sys::Worker::new_with_options("./worker.js", &options) {
        Ok(worker) => Some(worker),
        Err(_) => {
            UNAVAILABLE.with(|u| u.set(true));
            None
        }
    }
}

/// Starts the pool's workers ahead of the first run, so that their module is compiled
/// by then.
pub fn prewarm() {
    let size = pool_size();
    POOL.with(|p| {
        let mut pool = p.borrow_mut();
        while pool.len() < size {
            match spawn() {
                Some(w) => {
                    // A warm worker that fails before any run listens to it (its module
                    // does not load here) would otherwise be handed to a run that then
                    // waits for it forever: its error marks workers unavailable. A run's
                    // own handlers replace this one.
                    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|_| {
                        UNAVAILABLE.with(|u| u.set(true));
                    });
                    w.set_onerror(Some(on_error.as_ref().unchecked_ref()));
                    on_error.forget();
                    pool.push(w);
                }
                None => break,
            }
        }
    });
}

/// A warm worker, or a new one; none once workers are known not to work here (the warm
/// ones are then dropped).
fn take_worker() -> Option<web_sys::Worker> {
    if UNAVAILABLE.with(Cell::get) {
        POOL.with(|p| p.borrow_mut().drain(..).for_each(|w| w.terminate()));
        return None;
    }
    POOL.with(|p| p.borrow_mut().pop()).or_else(spawn)
}

/// Number of runs workers have completed in this page.
pub fn runs() -> u32 {
    RUNS.with(Cell::get)
}

/// Most workers one run has used at once so far.
pub fn most_workers() -> u32 {
    MOST_WORKERS.with(Cell::get)
}

/// What a worker sent (or that it failed to load or crashed).
enum Event {
    Message(JsValue),
    Failed,
}

/// One worker of a run, with the handlers that put its messages in the run's inbox.
struct Slot {
    worker: web_sys::Worker,
    /// Jobs posted to it and not answered yet, in the order it runs them.
    jobs: VecDeque<usize>,
    /// It is assembling the result from every job's outcome.
    finishing: bool,
    /// It failed and was terminated.
    lost: bool,
    /// It was sent this run's scenario and settings (later messages of the run leave
    /// them out: the worker keeps them).
    has_scenario: bool,
    /// When it was last posted work or heard from (`performance.now()`), for
    /// [`SILENT_MS`].
    heard_ms: f64,
    _on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

/// A run's messages, by worker, and the run waiting for the next one.
#[derive(Default)]
struct InboxState {
    events: VecDeque<(usize, Event)>,
    waker: Option<Waker>,
}

type Inbox = Rc<RefCell<InboxState>>;

/// Queues `event` and wakes the run if it waits.
fn deliver(inbox: &Inbox, event: (usize, Event)) {
    let waker = {
        let mut inbox = inbox.borrow_mut();
        inbox.events.push_back(event);
        inbox.waker.take()
    };
    if let Some(waker) = waker {
        waker.wake();
    }
}

/// The run's next message, or `None` once `timer` fires first.
struct NextEvent<'a> {
    inbox: &'a Inbox,
    timer: TimeoutFuture,
}

impl Future for NextEvent<'_> {
    type Output = Option<(usize, Event)>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        {
            let mut inbox = self.inbox.borrow_mut();
            if let Some(event) = inbox.events.pop_front() {
                return Poll::Ready(Some(event));
            }
            inbox.waker = Some(cx.waker().clone());
        }
        Pin::new(&mut self.timer).poll(cx).map(|()| None)
    }
}

impl Slot {
    fn new(worker: web_sys::Worker, id: usize, inbox: &Inbox) -> Slot {
        let on_message = {
            let inbox = inbox.clone();
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                deliver(&inbox, (id, Event::Message(e.data())));
            })
        };
        let on_error = {
            let inbox = inbox.clone();
            Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
                deliver(&inbox, (id, Event::Failed));
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // A message from it that could not be read would leave its job unanswered: the
        // worker is lost, as when it crashes.
        worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
        Slot {
            worker,
            jobs: VecDeque::new(),
            finishing: false,
            lost: false,
            has_scenario: false,
            heard_ms: crate::clock::now_ms(),
            _on_message: on_message,
            _on_error: on_error,
        }
    }

    /// It has work of this run posted (a message it has not answered).
    fn busy(&self) -> bool {
        !self.jobs.is_empty() || self.finishing
    }

    /// Without this run's handlers (their closures go with the slot).
    fn detach(&self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.set_onmessageerror(None);
    }

    /// Back to the warm pool, without this run's handlers.
    fn release(self) {
        self.detach();
        POOL.with(|p| p.borrow_mut().push(self.worker));
    }

    fn terminate(self) {
        self.detach();
        self.worker.terminate();
    }
}

/// The scenario and settings of a run, as the JS values its messages carry (made once
/// per run: the text crosses from the module to JS once, not once per message).
struct Request<'a> {
    run: u32,
    file: &'a str,
    text: &'a str,
    file_js: JsValue,
    text_js: JsValue,
    knobs_js: JsValue,
    trace: bool,
}

impl Request<'_> {
    /// Posts `{kind, run, ...extra}` to `slot`'s worker, with `{file, text, knobs, trace}`
    /// the first time in the run (the worker keeps them for the run's later messages);
    /// false if it could not be sent.
    fn post(&self, slot: &mut Slot, kind: &str, extra: &[(&str, JsValue)]) -> bool {
        let message = js_sys::Object::new();
        let set =
            |k: &str, v: &JsValue| js_sys::Reflect::set(&message, &JsValue::from_str(k), v).is_ok();
        let scenario = || {
            set("file", &self.file_js)
                && set("text", &self.text_js)
                && set("knobs", &self.knobs_js)
                && set("trace", &JsValue::from_bool(self.trace))
        };
        let ok = set("kind", &JsValue::from_str(kind))
            && set("run", &JsValue::from(self.run))
            && (slot.has_scenario || scenario())
            && extra.iter().all(|(k, v)| set(k, v));
        let sent = ok && slot.worker.post_message(&message).is_ok();
        slot.has_scenario |= sent;
        if sent && !slot.busy() {
            // Silent from now on only if it does not answer.
            slot.heard_ms = crate::clock::now_ms();
        }
        sent
    }
}

fn field(v: &JsValue, k: &str) -> Option<JsValue> {
    js_sys::Reflect::get(v, &JsValue::from_str(k)).ok()
}

fn number(v: &JsValue, k: &str) -> u64 {
    field(v, k).and_then(|n| n.as_f64()).unwrap_or(0.0) as u64
}

fn number_f64(v: &JsValue, k: &str) -> f64 {
    field(v, k)
        .and_then(|n| n.as_f64())
        .filter(|x| x.is_finite() && *x >= 0.0)
        .unwrap_or(0.0)
}

fn indices(jobs: &[usize]) -> JsValue {
    jobs.iter()
        .map(|&j| JsValue::from(j as u32))
        .collect::<js_sys::Array>()
        .into()
}

/// The runner of `text` with the page's settings, not advanced, and the scenario it was
/// laid out from, or the reason there is none (in both languages). The one place the page
/// reads a scenario to run it (the main thread, each worker, the sliced fallback): one
/// copy of sim-core's layout code in the module. sim-core's estimate of the run's events
/// is left to the callers that need it: a worker never does, and it took a worker 1.6 to
/// 3.9 ms of seed-table-full's re-run in wasm (memory plans and the budget check, before
/// any job starts; a CPU profile from a Chrome trace, 2026-12-05).
pub(crate) fn runner_for(
    file: &str,
    text: &str,
    knobs: &Knobs,
    trace: bool,
) -> Result<(crate::sim::Runner, Rc<crate::sim::Scenario>), Msg> {
    let scenario = crate::parsed::adjusted(file, text, &knobs.to_adjustments())
        .map_err(|e| Msg::of_error(&e))?;
    let runner = scenario
        .runner(RunOptions {
            trace,
            max_events: crate::run_end::MAX_EVENTS,
        })
        .map_err(entry::sim_failed)?;
    Ok((runner, scenario))
}

/// Runs the scenario in the pool. `None`: no worker could be used (the caller runs it
/// on the main thread instead).
pub async fn run(
    file: &str,
    text: &str,
    knobs: &Knobs,
    trace: bool,
    cancel: Rc<Cell<bool>>,
    progress: impl Fn(u64, u64),
) -> Option<Result<RunResult, RunEnd>> {
    // Reading the scenario and laying out its jobs here is not simulating (the editor
    // validates the text on every edit): it tells how many jobs there are and which of
    // them an earlier run already did.
    let (runner, scenario) = match runner_for(file, text, knobs, trace) {
        Ok(laid_out) => laid_out,
        Err(m) => return Some(Err(RunEnd::Failed(m))),
    };
    let keys: Vec<Option<JobKey>> = (0..runner.job_count()).map(|i| runner.job_key(i)).collect();
    drop(runner);
    let request = Request {
        run: NEXT_RUN.with(|n| {
            let run = n.get();
            n.set(run.wrapping_add(1));
            run
        }),
        file,
        text,
        file_js: JsValue::from_str(file),
        text_js: JsValue::from_str(text),
        knobs_js: JsValue::from_str(&serde_json::to_string(knobs).ok()?),
        trace,
    };
    let jobs = keys.len();
    // A job whose key an earlier job of this run has gets that job's outcome; so does a
    // job whose key an earlier run had, while its outcome is kept (REUSE, LAST).
    let twin_of: Vec<usize> = (0..jobs)
        .map(|i| match &keys[i] {
            Some(k) => (0..i).find(|&j| keys[j].as_ref() == Some(k)).unwrap_or(i),
            None => i,
        })
        .collect();
    let mut outcomes: Vec<Option<JsValue>> = vec![None; jobs];
    let mut events: Vec<Option<u64>> = vec![None; jobs];
    if REUSE_ON.with(Cell::get) {
        LAST.with(|last| {
            let last = last.borrow();
            for i in 0..jobs {
                let Some(key) = &keys[i] else { continue };
                if let Some((_, bytes, n)) = last.iter().find(|(k, _, _)| k == key) {
                    outcomes[i] = Some(bytes.clone());
                    events[i] = Some(*n);
                }
            }
        });
    }
    let reused = outcomes.iter().filter(|o| o.is_some()).count();
    REUSED.with(|r| r.set(r.get() + reused as u32));
    let todo: Vec<usize> = (0..jobs)
        .filter(|&i| outcomes[i].is_none() && twin_of[i] == i)
        .collect();
    // Each job's expected events (POOL_MIN_EVENTS), to decide whether to share the jobs
    // out and to balance the shares.
    let expected: Vec<u64> = LAST_EVENTS.with(|last| match &*last.borrow() {
        Some((f, t, e)) if f == file && t == text && e.len() == jobs => e.clone(),
        _ => vec![scenario.estimated_events() / jobs.max(1) as u64 / ESTIMATE_OVER_REAL; jobs],
    });
    // What each job is expected to cost, to share the jobs out or not and to balance the
    // shares ([`plan::costs`]; the browser tests' own threshold, POOL_FROM, is in events).
    let pool_from = POOL_FROM.with(Cell::get);
    let (cost, threshold) = LAST_MICROS.with(|last| {
        let last = last.borrow();
        let micros = match &*last {
            Some((f, t, m)) if f == file && t == text && pool_from == POOL_MIN_EVENTS => {
                Some(&m[..])
            }
            _ => None,
        };
        plan::costs(&todo, &expected, micros, pool_from, POOL_MIN_MICROS)
    });
    let to_run: u64 = todo.iter().map(|&i| cost[i]).sum();
    let wanted = if to_run >= threshold {
        pool_size().min(todo.len()).max(1)
    } else {
        1
    };
    let inbox: Inbox = Rc::default();
    let mut slots = Vec::new();
    while slots.len() < wanted {
        let Some(worker) = take_worker() else { break };
        let id = slots.len();
        slots.push(Slot::new(worker, id, &inbox));
    }
    if slots.is_empty() {
        return None;
    }
    let mut pool = Pool {
        request,
        inbox,
        slots,
        keys,
        twin_of,
        produced_by: vec![None; jobs],
        outcomes,
        events,
        expected,
        cost,
        micros: vec![None; jobs],
        cycles: vec![(0, 0); jobs],
        started_any: false,
        waiting: VecDeque::new(),
        finisher: None,
        passed: vec![false; jobs],
        planned: vec![None; jobs],
    };
    pool.post_jobs(&todo);
    let busy = pool.slots.iter().filter(|s| !s.jobs.is_empty()).count() as u32;
    MOST_WORKERS.with(|m| m.set(m.get().max(busy)));
    pool.pass_outcomes();
    if !pool.slots.iter().any(Slot::busy) {
        // No worker took a message.
        pool.end();
        return None;
    }
    let outcome = pool.drive(&cancel, &progress).await;
    if let Some(Ok(_)) = &outcome {
        RUNS.with(|r| r.set(r.get() + 1));
    }
    outcome
}

/// One run's coordination: which worker runs which jobs, the outcomes so far.
struct Pool<'a> {
    request: Request<'a>,
    inbox: Inbox,
    /// Workers of this run (the first one finishes, unless it is lost).
    slots: Vec<Slot>,
    /// Each job's key (`None`: never reused).
    keys: Vec<Option<JobKey>>,
    /// Each job's first job with an equal key (itself if none): only that one runs.
    twin_of: Vec<usize>,
    /// The worker whose runner holds each job's outcome (it ran it in this run).
    produced_by: Vec<Option<usize>>,
    /// Each job's outcome (bytes the main thread only passes on), by job.
    outcomes: Vec<Option<JsValue>>,
    /// The events each job took, once known.
    events: Vec<Option<u64>>,
    /// The events each job is expected to take.
    expected: Vec<u64>,
    /// What each job is expected to cost: its time in the last run (µs), or its events
    /// (the shares are balanced on it).
    cost: Vec<u64>,
    /// The time each job took in its worker (µs), once known.
    micros: Vec<Option<u64>>,
    /// Each job's (done, total) simulated cycles.
    cycles: Vec<(u64, u64)>,
    /// A worker has sent something (so module workers do load here).
    started_any: bool,
    /// Jobs not handed out yet, the longest expected first.
    waiting: VecDeque<usize>,
    /// The worker that assembles the result, once chosen ([`Pool::pick_finisher`]).
    finisher: Option<usize>,
    /// Each job's outcome was posted to the finisher (it holds it in its runner).
    passed: Vec<bool>,
    /// The worker each waiting job is meant for ([`plan::split`]).
    planned: Vec<Option<usize>>,
}

impl Pool<'_> {
    async fn drive(
        mut self,
        cancel: &Cell<bool>,
        progress: &impl Fn(u64, u64),
    ) -> Option<Result<RunResult, RunEnd>> {
        loop {
            if cancel.get() {
                // Stopping a run in a worker is stopping the worker.
                self.end();
                return Some(Err(RunEnd::Cancelled));
            }
            if !self.waiting.is_empty() && !self.slots.iter().any(Slot::busy) {
                // Every worker refused the jobs left: no message would ever come.
                self.end();
                return Some(Err(RunEnd::Failed(Msg {
                    en: "internal error: no simulation worker took the run's jobs".into(),
                    ko: "내부 오류: 어떤 시뮬레이션 워커도 실행할 작업을 받지 않았습니다".into(),
                })));
            }
            let next = NextEvent {
                inbox: &self.inbox,
                timer: TimeoutFuture::new(CANCEL_POLL_MS),
            };
            let Some((id, event)) = next.await else {
                // Nothing in the inbox: a busy worker silent for too long is lost.
                let now = crate::clock::now_ms();
                let limit = SILENT.with(Cell::get);
                let silent = (0..self.slots.len()).find(|&i| {
                    let s = &self.slots[i];
                    !s.lost && s.busy() && now - s.heard_ms > limit
                });
                if let Some(id) = silent {
                    if let Err(end) = self.lost(id) {
                        return end.map(Err);
                    }
                }
                continue;
            };
            let message = match event {
                Event::Message(m) => m,
                Event::Failed => match self.lost(id) {
                    Ok(()) => continue,
                    Err(end) => return end.map(Err),
                },
            };
            self.started_any = true;
            self.slots[id].heard_ms = crate::clock::now_ms();
            let kind = field(&message, "kind").and_then(|k| k.as_string());
            let index = number(&message, "index") as usize;
            match kind.as_deref() {
                Some("progress") => {
                    let Some(c) = self.cycles.get_mut(index) else {
                        continue;
                    };
                    *c = (number(&message, "done"), number(&message, "total"));
                    // Every job simulates the same duration; a kept job counts as done.
                    let per_job = self.cycles.iter().map(|c| c.1).max().unwrap_or(0);
                    let done = (0..self.cycles.len())
                        .map(|i| {
                            if self.outcomes[i].is_some() {
                                per_job
                            } else {
                                self.cycles[self.twin_of[i]].0
                            }
                        })
                        .sum();
                    progress(done, per_job * self.cycles.len() as u64);
                }
                Some("outcome") => {
                    // Kept as the JS `Uint8Array` it is: a timeline makes it megabytes.
                    let bytes = field(&message, "bytes").unwrap_or(JsValue::NULL);
                    let events = number(&message, "events");
                    let micros = (number_f64(&message, "ms") * 1000.0) as u64;
                    self.slots[id].jobs.retain(|&j| j != index);
                    self.hand_out();
                    if index < self.outcomes.len() {
                        self.produced_by[index] = Some(id);
                        for j in 0..self.outcomes.len() {
                            if self.twin_of[j] == index && self.outcomes[j].is_none() {
                                self.outcomes[j] = Some(bytes.clone());
                                self.events[j] = Some(events);
                                // A twin costs nothing more, but would cost as much alone.
                                self.micros[j] = Some(micros);
                            }
                        }
                    }
                    self.pass_outcomes();
                }
                Some("done") => {
                    // The result (bytes), or the error of a job (then the other jobs
                    // stop), as JSON text.
                    let answer = field(&message, "answer").unwrap_or(JsValue::NULL);
                    let slot = &mut self.slots[id];
                    if slot.finishing {
                        slot.finishing = false;
                    } else {
                        // A job's error: that job is done, but the worker may hold another
                        // one posted. Still busy, it is terminated below rather than kept
                        // warm, where that job's outcome would reach the next run's handler
                        // as one of its own.
                        slot.jobs.pop_front();
                    }
                    let result = decode(&answer);
                    if result.is_ok() {
                        self.keep_outcomes();
                    }
                    self.end();
                    return Some(result);
                }
                _ => {}
            }
        }
    }

    /// Queues `jobs` (the longest expected first) with the jobs still waiting, splits them
    /// over the workers left by their expected events and the events each worker holds
    /// ([`plan::split`]), and hands them out.
    fn post_jobs(&mut self, jobs: &[usize]) {
        let mut left: Vec<usize> = self.waiting.drain(..).chain(jobs.iter().copied()).collect();
        while !left.is_empty() {
            // The longest job left, the first of equals (a few dozen jobs at most: no
            // sort, whose code would weigh more in the page than this loop).
            let at = (0..left.len())
                .max_by_key(|&k| (self.cost[left[k]], std::cmp::Reverse(left[k])))
                .unwrap_or(0);
            self.waiting.push_back(left.remove(at));
        }
        let alive: Vec<usize> = (0..self.slots.len())
            .filter(|&i| !self.slots[i].lost)
            .collect();
        let loads: Vec<u64> = alive
            .iter()
            .map(|&i| self.slots[i].jobs.iter().map(|&j| self.cost[j]).sum())
            .collect();
        let sizes: Vec<u64> = self.waiting.iter().map(|&j| self.cost[j]).collect();
        for (&job, w) in self.waiting.iter().zip(plan::split(&sizes, &loads)) {
            self.planned[job] = alive.get(w).copied();
        }
        self.hand_out();
    }

    /// Posts waiting jobs, one message each, to the workers that are not lost and hold
    /// fewer than [`JOBS_AHEAD`] (fewer than one when no more than one job per worker
    /// waits: a last job queued behind another on a slow worker would wait while a
    /// faster one idles; every job when only one worker is left), the worker holding the
    /// fewest first: the longest of the jobs meant for it, or, once it holds none, the
    /// longest job left (a worker slowed by other work on its core leaves some of its
    /// jobs to the others).
    fn hand_out(&mut self) {
        let mut refused: Vec<usize> = Vec::new();
        while !self.waiting.is_empty() {
            let alive = self.slots.iter().filter(|s| !s.lost).count();
            let limit = if alive == 1 {
                // Nobody to share with: every job at once, no round trips between them.
                usize::MAX
            } else if self.waiting.len() > alive {
                JOBS_AHEAD
            } else {
                1
            };
            let next_for = |i: usize| {
                let s = &self.slots[i];
                if s.lost || s.finishing || s.jobs.len() >= limit || refused.contains(&i) {
                    return None;
                }
                let own = self
                    .waiting
                    .iter()
                    .position(|&j| self.planned[j] == Some(i));
                own.or(s.jobs.is_empty().then_some(0)).map(|at| (i, at))
            };
            let Some((id, at)) = (0..self.slots.len())
                .filter_map(next_for)
                .min_by_key(|&(i, _)| self.slots[i].jobs.len())
            else {
                return;
            };
            let job = self.waiting[at];
            // A worker that refuses a message is treated as lost when it errors; the job
            // goes to another.
            if self
                .request
                .post(&mut self.slots[id], "jobs", &[("indices", indices(&[job]))])
            {
                self.waiting.remove(at);
                self.slots[id].jobs.push_back(job);
            } else {
                refused.push(id);
            }
        }
    }

    /// Chooses the worker that assembles the result: once no job waits to be handed out,
    /// the first to be done with its jobs (at once when one worker is left). It then reads
    /// the other outcomes while the others still simulate, instead of after the last one.
    fn pick_finisher(&mut self) {
        if self.finisher.is_some_and(|f| !self.slots[f].lost) {
            return;
        }
        let alive = || (0..self.slots.len()).filter(|&i| !self.slots[i].lost);
        self.finisher = if alive().count() == 1 {
            alive().next()
        } else if self.waiting.is_empty() {
            alive().find(|&i| self.slots[i].jobs.is_empty())
        } else {
            None
        };
    }

    /// Posts to the finishing worker, once chosen, the outcomes it does not have yet of
    /// the jobs it does not run itself: as `complete` while some are still to come, as
    /// `finish` (to assemble the result, after its own jobs in its queue) with the last.
    fn pass_outcomes(&mut self) {
        self.pick_finisher();
        let Some(id) = self.finisher else { return };
        if self.slots[id].finishing {
            return;
        }
        let needed: Vec<usize> = (0..self.outcomes.len())
            .filter(|&j| self.produced_by[j] != Some(id) && !self.slots[id].jobs.contains(&j))
            .collect();
        let all_in = needed.iter().all(|&j| self.outcomes[j].is_some());
        let now: Vec<usize> = needed
            .into_iter()
            .filter(|&j| !self.passed[j] && self.outcomes[j].is_some())
            .collect();
        if !all_in && now.is_empty() {
            return;
        }
        let outcomes: js_sys::Array = now
            .iter()
            .map(|&j| self.outcomes[j].clone().unwrap_or(JsValue::NULL))
            .collect();
        let kind = if all_in { "finish" } else { "complete" };
        if self.request.post(
            &mut self.slots[id],
            kind,
            &[("indices", indices(&now)), ("outcomes", outcomes.into())],
        ) {
            self.slots[id].finishing = all_in;
            for j in now {
                self.passed[j] = true;
            }
        } else {
            // Not sent: nothing would ever answer it. The worker is lost; another one
            // finishes the run.
            deliver(&self.inbox, (id, Event::Failed));
        }
    }

    /// Worker `id` failed to load or crashed: its jobs (or the finishing work) go to the
    /// others. `Err` ends the run: no worker is left (before any worker answered: module
    /// workers do not work here, and the caller runs on the main thread from now on).
    fn lost(&mut self, id: usize) -> Result<(), Option<RunEnd>> {
        if self.slots[id].lost {
            return Ok(());
        }
        let slot = &mut self.slots[id];
        slot.lost = true;
        slot.worker.terminate();
        let jobs: Vec<usize> = slot.jobs.drain(..).collect();
        slot.finishing = false;
        if self.finisher == Some(id) {
            // The outcomes it took went with its runner.
            self.finisher = None;
            self.passed.fill(false);
        }
        // Its runner is gone: the outcomes it sent cross again to the new finisher.
        for p in &mut self.produced_by {
            if *p == Some(id) {
                *p = None;
            }
        }
        if self.slots.iter().all(|s| s.lost) {
            self.end();
            if !self.started_any {
                UNAVAILABLE.with(|u| u.set(true));
                return Err(None);
            }
            return Err(Some(RunEnd::Failed(Msg {
                en: "internal error: the simulation workers stopped".into(),
                ko: "내부 오류: 시뮬레이션 워커가 멈췄습니다".into(),
            })));
        }
        self.post_jobs(&jobs);
        self.pass_outcomes();
        Ok(())
    }

    /// The run succeeded: its outcomes, by key, are the ones the next run may reuse, and
    /// its jobs' events what the next run of the same text expects.
    fn keep_outcomes(&self) {
        let mut kept: Vec<(JobKey, JsValue, u64)> = Vec::new();
        for i in 0..self.keys.len() {
            if let (Some(key), Some(bytes)) = (&self.keys[i], &self.outcomes[i]) {
                if !kept.iter().any(|(k, _, _)| k == key) {
                    kept.push((key.clone(), bytes.clone(), self.events[i].unwrap_or(0)));
                }
            }
        }
        LAST.with(|last| {
            let mut last = last.borrow_mut();
            // This run's outcomes, then earlier runs' (each key once) within the limits.
            let size = |outcome: &JsValue| {
                outcome
                    .dyn_ref::<js_sys::Uint8Array>()
                    .map_or(0, js_sys::Uint8Array::length)
            };
            let mut bytes = kept
                .iter()
                .fold(0u32, |b, (_, o, _)| b.saturating_add(size(o)));
            let room = KEPT_OUTCOMES.saturating_sub(kept.len());
            let earlier: Vec<(JobKey, JsValue, u64)> = std::mem::take(&mut *last)
                .into_iter()
                .filter(|(k, _, _)| !kept.iter().any(|(key, _, _)| key == k))
                .take(room)
                .take_while(|(_, outcome, _)| {
                    bytes = bytes.saturating_add(size(outcome));
                    bytes <= KEPT_BYTES
                })
                .collect();
            kept.extend(earlier);
            *last = kept;
        });
        let events = (0..self.events.len())
            .map(|i| self.events[i].unwrap_or(self.expected[i]))
            .collect();
        LAST_EVENTS.with(|last| {
            *last.borrow_mut() = Some((
                self.request.file.to_owned(),
                self.request.text.to_owned(),
                events,
            ))
        });
        // A job kept from an earlier run keeps the time it took then, if it is known.
        let earlier: Vec<Option<u64>> = LAST_MICROS.with(|last| match &*last.borrow() {
            Some((f, t, m)) if f == self.request.file && t == self.request.text => m.clone(),
            _ => Vec::new(),
        });
        let micros = (0..self.micros.len())
            .map(|i| self.micros[i].or_else(|| earlier.get(i).copied().flatten()))
            .collect();
        LAST_MICROS.with(|last| {
            *last.borrow_mut() = Some((
                self.request.file.to_owned(),
                self.request.text.to_owned(),
                micros,
            ))
        });
    }

    /// Ends the run: busy workers are terminated (lost ones already are), idle ones go
    /// back to the warm pool.
    fn end(&mut self) {
        for slot in std::mem::take(&mut self.slots) {
            if slot.lost {
                slot.detach();
            } else if slot.busy() {
                slot.terminate();
            } else {
                slot.release();
            }
        }
    }
}

/// A worker's answer: the result in the binary form (a `Uint8Array`), or the run's error
/// (`{"error": {"en", "ko"}}` as JSON text).
fn decode(answer: &JsValue) -> Result<RunResult, RunEnd> {
    let internal = |e: String| {
        RunEnd::Failed(Msg {
            en: format!("internal error: the worker's answer could not be read: {e}"),
            ko: format!("내부 오류: 워커의 응답을 읽을 수 없습니다: {e}"),
        })
    };
    if let Some(json) = answer.as_string() {
        #[derive(serde::Deserialize)]
        struct Envelope {
            error: Msg,
        }
        let envelope: Envelope =
            serde_json::from_str(&json).map_err(|e| internal(e.to_string()))?;
        return Err(RunEnd::Failed(envelope.error));
    }
    if !answer.is_instance_of::<js_sys::Uint8Array>() {
        return Err(internal("empty answer".into()));
    }
    let bytes = js_sys::Uint8Array::new(answer).to_vec();
    crate::sim::binary_form::from_bytes(&bytes).map_err(|e| internal(e.to_string()))
}
