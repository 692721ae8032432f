//! Simulations off the page's main thread: a pool of dedicated Web Workers
//! (`static/worker.js`, up to `navigator.hardwareConcurrency` of them, at most
//! [`MAX_WORKERS`]) that load the same wasm module and run a scenario's jobs (each
//! platform, native baseline and sweep point) side by side. The main thread only hands
//! out jobs and relays texts; it never simulates:
//!
//! 1. the first worker builds the runner, tells how many jobs there are (`plan`) and
//!    runs job 0 ([`entry::worker_job`]); the page then posts every other job at once,
//!    in turn to each worker (a worker runs its messages in order, keeping the runner it
//!    built, so there is no round trip through the main thread between two jobs);
//! 2. every job's outcome comes back as sim-core's `JobOutcome` in the binary form of
//!    [`wire`] (exact integers and float bits), which the main thread keeps as a JS
//!    `Uint8Array` and passes on without reading it (a job that fails answers with its
//!    error, as JSON text, instead, and the run stops);
//! 3. one worker completes a runner with all of them and returns the `RunResult` in the
//!    binary form ([`entry::worker_finish`]), so the result is bit-identical to the CLI's.
//!
//! Progress adds up the jobs' simulated cycles; cancelling terminates the busy workers.
//! Workers are kept warm between runs (starting one compiles the module again). When
//! only one worker starts, it runs every job in turn; a page without module workers
//! falls back to slicing the run on the main thread (`run::run_sliced`).

mod entry;
pub mod wire;

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::RunResult;
use crate::run::RunEnd;
use crate::state::{Knobs, Msg};

/// Most workers in the pool, whatever the machine's core count: a scenario seldom has
/// more jobs, and each worker holds its own copy of the module.
pub const MAX_WORKERS: usize = 8;
/// How often the page looks for the workers' messages and for a cancel.
const POLL_MS: u32 = 2;
/// Below this many estimated events a run goes whole to one worker: splitting it costs
/// more (each worker reads the scenario, each job's outcome crosses as JSON, one worker
/// assembles them) than running its jobs side by side saves. sim-core's estimate is an
/// upper bound, 4 to 13 times the real count on the library, so this is about 2 to 5
/// million real events: several hundred milliseconds in one worker. Every library
/// scenario stays below it (README, "The web page").
pub const POOL_MIN_EVENTS: u64 = 20_000_000;

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
    _on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

type Inbox = Rc<RefCell<VecDeque<(usize, Event)>>>;

impl Slot {
    fn new(worker: web_sys::Worker, id: usize, inbox: &Inbox) -> Slot {
        let on_message = {
            let inbox = inbox.clone();
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                inbox.borrow_mut().push_back((id, Event::Message(e.data())));
            })
        };
        let on_error = {
            let inbox = inbox.clone();
            Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
                inbox.borrow_mut().push_back((id, Event::Failed));
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Slot {
            worker,
            jobs: VecDeque::new(),
            finishing: false,
            lost: false,
            _on_message: on_message,
            _on_error: on_error,
        }
    }

    /// It has work of this run posted (a message it has not answered).
    fn busy(&self) -> bool {
        !self.jobs.is_empty() || self.finishing
    }

    /// Back to the warm pool, without this run's handlers.
    fn release(self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        POOL.with(|p| p.borrow_mut().push(self.worker));
    }

    fn terminate(self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// The scenario and settings every message of a run carries.
struct Request<'a> {
    file: &'a str,
    text: &'a str,
    knobs_json: String,
    trace: bool,
}

impl Request<'_> {
    /// Posts `{kind, file, text, knobs, trace, ...extra}`; false if it could not be sent.
    fn post(&self, worker: &web_sys::Worker, kind: &str, extra: &[(&str, JsValue)]) -> bool {
        let message = js_sys::Object::new();
        let set =
            |k: &str, v: &JsValue| js_sys::Reflect::set(&message, &JsValue::from_str(k), v).is_ok();
        let ok = set("kind", &JsValue::from_str(kind))
            && set("file", &JsValue::from_str(self.file))
            && set("text", &JsValue::from_str(self.text))
            && set("knobs", &JsValue::from_str(&self.knobs_json))
            && set("trace", &JsValue::from_bool(self.trace))
            && extra.iter().all(|(k, v)| set(k, v));
        ok && worker.post_message(&message).is_ok()
    }
}

fn field(v: &JsValue, k: &str) -> Option<JsValue> {
    js_sys::Reflect::get(v, &JsValue::from_str(k)).ok()
}

fn number(v: &JsValue, k: &str) -> u64 {
    field(v, k).and_then(|n| n.as_f64()).unwrap_or(0.0) as u64
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
    let request = Request {
        file,
        text,
        knobs_json: serde_json::to_string(knobs).ok()?,
        trace,
    };
    // Reading the scenario here is not simulating: the editor validates it on every edit.
    let estimate = crate::core::Scenario::from_toml(file, text)
        .and_then(|s| s.adjusted(&knobs.to_adjustments()))
        .map_or(u64::MAX, |s| s.estimated_events());
    let whole = estimate < POOL_FROM.with(Cell::get);
    let inbox: Inbox = Rc::default();
    let mut first = Slot::new(take_worker()?, 0, &inbox);
    let (kind, extra) = if whole {
        ("run", Vec::new())
    } else {
        ("job", vec![("index", JsValue::from(0))])
    };
    if !request.post(&first.worker, kind, &extra) {
        first.terminate();
        return None;
    }
    first.jobs.push_back(0);
    let outcome = Pool {
        request,
        inbox,
        slots: vec![first],
        // A whole run is one job to the pool: its progress and its `done` answer.
        jobs: whole.then_some(1),
        outcomes: if whole { vec![None] } else { Vec::new() },
        cycles: if whole { vec![(0, 0)] } else { Vec::new() },
        started_any: false,
    }
    .drive(&cancel, &progress)
    .await;
    if let Some(Ok(_)) = &outcome {
        RUNS.with(|r| r.set(r.get() + 1));
    }
    outcome
}

/// One run's coordination: which worker runs which jobs, the outcomes so far.
struct Pool<'a> {
    request: Request<'a>,
    inbox: Inbox,
    /// Workers of this run.
    slots: Vec<Slot>,
    /// The number of jobs, once the first worker has told it.
    jobs: Option<usize>,
    /// Each job's outcome (bytes the main thread only passes on), by job.
    outcomes: Vec<Option<JsValue>>,
    /// Each job's (done, total) simulated cycles.
    cycles: Vec<(u64, u64)>,
    /// A worker has sent something (so module workers do load here).
    started_any: bool,
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
            let next = self.inbox.borrow_mut().pop_front();
            let Some((id, event)) = next else {
                TimeoutFuture::new(POLL_MS).await;
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
            let kind = field(&message, "kind").and_then(|k| k.as_string());
            let index = number(&message, "index") as usize;
            match kind.as_deref() {
                Some("plan") => self.planned(number(&message, "jobs") as usize),
                Some("progress") => {
                    let Some(c) = self.cycles.get_mut(index) else {
                        continue;
                    };
                    *c = (number(&message, "done"), number(&message, "total"));
                    // Every job simulates the same duration.
                    let per_job = self.cycles.iter().map(|c| c.1).max().unwrap_or(0);
                    let done = self.cycles.iter().map(|c| c.0).sum();
                    progress(done, per_job * self.cycles.len() as u64);
                }
                Some("outcome") => {
                    // Kept as the JS `Uint8Array` it is: a timeline makes it megabytes.
                    let bytes = field(&message, "bytes").unwrap_or(JsValue::NULL);
                    self.slots[id].jobs.retain(|&j| j != index);
                    if let Some(slot) = self.outcomes.get_mut(index) {
                        *slot = Some(bytes);
                    }
                    if let Some(c) = self.cycles.get_mut(index) {
                        c.0 = c.1;
                    }
                    self.finish_if_all_in(id);
                }
                Some("done") => {
                    // The result (bytes), or the error of a job (then the other jobs
                    // stop), as JSON text.
                    let answer = field(&message, "answer").unwrap_or(JsValue::NULL);
                    let slot = &mut self.slots[id];
                    if slot.finishing {
                        slot.finishing = false;
                    } else {
                        slot.jobs.pop_front();
                    }
                    self.end();
                    return Some(decode(&answer));
                }
                _ => {}
            }
        }
    }

    /// The first worker told how many jobs there are: start the rest of the pool and
    /// post every other job at once, in turn to each worker (each runs its messages in
    /// order; no round trip through the main thread between two jobs).
    fn planned(&mut self, jobs: usize) {
        if self.jobs.is_some() {
            return;
        }
        let jobs = jobs.max(1);
        self.jobs = Some(jobs);
        self.outcomes = vec![None; jobs];
        self.cycles = vec![(0, 0); jobs];
        let wanted = pool_size().min(jobs);
        while self.slots.len() < wanted {
            let Some(worker) = take_worker() else { break };
            let id = self.slots.len();
            self.slots.push(Slot::new(worker, id, &self.inbox));
        }
        self.post_jobs(1..jobs);
        let busy = self.slots.iter().filter(|s| !s.jobs.is_empty()).count() as u32;
        MOST_WORKERS.with(|m| m.set(m.get().max(busy)));
    }

    /// Posts `jobs` in turn to the workers that are not lost.
    fn post_jobs(&mut self, jobs: impl IntoIterator<Item = usize>) {
        let alive: Vec<usize> = (0..self.slots.len())
            .filter(|&i| !self.slots[i].lost)
            .collect();
        for (n, job) in jobs.into_iter().enumerate() {
            // A worker that refuses a message is treated as lost when it errors; try the
            // next ones.
            let posted = (0..alive.len())
                .map(|k| alive[(n + k) % alive.len()])
                .find(|&id| {
                    self.request.post(
                        &self.slots[id].worker,
                        "job",
                        &[("index", JsValue::from(job as u32))],
                    )
                });
            if let Some(id) = posted {
                self.slots[id].jobs.push_back(job);
            }
        }
    }

    /// Once every outcome is in, worker `id` (whose runner for this run is built) gets
    /// the finishing work.
    fn finish_if_all_in(&mut self, id: usize) {
        let all_in = self.jobs.is_some() && self.outcomes.iter().all(Option::is_some);
        if !all_in || self.slots.iter().any(|s| s.finishing) {
            return;
        }
        let outcomes: js_sys::Array = self.outcomes.iter().flatten().collect();
        let worker = &self.slots[id].worker;
        if self
            .request
            .post(worker, "finish", &[("outcomes", outcomes.into())])
        {
            self.slots[id].finishing = true;
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
        let was_finishing = std::mem::replace(&mut slot.finishing, false);
        let Some(other) = self.slots.iter().position(|s| !s.lost) else {
            self.end();
            if !self.started_any {
                UNAVAILABLE.with(|u| u.set(true));
                return Err(None);
            }
            return Err(Some(RunEnd::Failed(Msg {
                en: "internal error: the simulation workers stopped".into(),
                ko: "내부 오류: 시뮬레이션 워커가 멈췄습니다".into(),
            })));
        };
        self.post_jobs(jobs);
        if was_finishing {
            self.finish_if_all_in(other);
        }
        Ok(())
    }

    /// Ends the run: busy workers are terminated (lost ones already are), idle ones go
    /// back to the warm pool.
    fn end(&mut self) {
        for slot in std::mem::take(&mut self.slots) {
            if slot.lost {
                slot.worker.set_onmessage(None);
                slot.worker.set_onerror(None);
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
    wire::from_bytes(&bytes).map_err(|e| internal(e.to_string()))
}
