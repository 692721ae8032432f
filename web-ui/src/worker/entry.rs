//! What runs inside a simulation worker (`static/worker.js` calls these): some jobs of a
//! scenario for the page's pool ([`worker_jobs`]: platforms, baselines, sweep points),
//! then, in the worker the page picks, the assembly of the result from every job's
//! outcome ([`worker_complete`] as they come in, [`worker_finish`] with the last). Each
//! worker builds the same sim-core `Runner` from the scenario text, the page's settings
//! and the seed, so a job run in one worker (or kept from an earlier run with an equal
//! `JobKey`) completes the runner of another exactly as if it had run there. A worker
//! keeps its runner for the run's later messages: its own jobs' outcomes stay in it
//! (`Runner::take_job`, then `Runner::complete_outcome`), the others' are added to it
//! (`Runner::complete_reused`). Outcomes and results cross in the binary form of
//! [`binary_form`](crate::sim::binary_form); errors as JSON.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::i18n::Msg;
use crate::knobs::Knobs;
use crate::sim::{JobOutcome, RunResult, Runner};

/// Events between two progress messages of a worker.
const PROGRESS_EVERY_EVENTS: u64 = 1_000_000;

/// What a runner was built for: the page's run number, file name, text, settings (JSON)
/// and the trace flag.
type RunnerKey = (u32, String, String, String, bool);

thread_local! {
    /// The runner this worker built for its jobs of a run, holding their outcomes, with
    /// what it was built for: more jobs of the same run, or the finishing work, continue
    /// with it (its own jobs' outcomes need not cross back, and the scenario is read and
    /// validated once per worker and run).
    static CACHED: RefCell<Option<(RunnerKey, Runner)>> = const { RefCell::new(None) };
}

fn key_of(run: u32, file: &str, text: &str, knobs_json: &str, trace: bool) -> RunnerKey {
    (
        run,
        file.to_owned(),
        text.to_owned(),
        knobs_json.to_owned(),
        trace,
    )
}

/// The cached runner if it was built for the same run, else a new one.
fn cached_runner(key: &RunnerKey) -> Result<Runner, Msg> {
    let cached = CACHED.with(|c| c.borrow_mut().take());
    match cached {
        Some((k, runner)) if k == *key => Ok(runner),
        _ => build_runner(&key.1, &key.2, &key.3, key.4),
    }
}

fn keep_runner(key: RunnerKey, runner: Runner) {
    CACHED.with(|c| *c.borrow_mut() = Some((key, runner)));
}

/// A run's error in both page languages, in the page's terms ([`crate::run_end::failure_message`]:
/// the page's event limit, not sim-core's `RunOptions::max_events`).
pub(super) fn sim_failed(e: crate::sim::SimError) -> Msg {
    crate::run_end::failure_message(&e)
}

/// The error envelope the page reads (`{"error": {"en", "ko"}}`).
pub(super) fn error_json(m: &Msg) -> String {
    serde_json::json!({ "error": { "en": m.en, "ko": m.ko } }).to_string()
}

fn build_runner(file: &str, text: &str, knobs_json: &str, trace: bool) -> Result<Runner, Msg> {
    let knobs: Knobs = serde_json::from_str(knobs_json).map_err(|e| Msg {
        en: format!("internal error: bad settings for the worker: {e}"),
        ko: format!("내부 오류: 워커에 보낸 설정이 잘못되었습니다: {e}"),
    })?;
    super::runner_for(file, text, &knobs, trace).map(|(runner, _)| runner)
}

/// The result in the binary form (a `Uint8Array`), or the error envelope (a string).
fn result_or_error(outcome: Result<RunResult, Msg>) -> JsValue {
    match outcome.and_then(|result| to_wire(&result)) {
        Ok(bytes) => js_sys::Uint8Array::from(&bytes[..]).into(),
        Err(m) => JsValue::from_str(&error_json(&m)),
    }
}

fn to_wire<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, Msg> {
    crate::sim::binary_form::to_bytes(value).map_err(|e| Msg {
        en: format!("internal error: a result could not be written for the page: {e}"),
        ko: format!("내부 오류: 페이지에 보낼 결과를 기록할 수 없습니다: {e}"),
    })
}

/// Runs jobs `indices` of the scenario (platforms, baselines or sweep points) for the
/// page's pool, in order, in the runner of run number `run` (built now if this worker has
/// none for it). `outcome(index, bytes, events)` gets each job's outcome (sim-core's
/// `JobOutcome`) in the binary form, a `Uint8Array`, and its events, as it finishes (the page keeps it
/// for later runs and passes it to the finishing worker); `progress(index, done, total)`
/// reports a job's simulated cycles. The runner keeps the outcomes for
/// [`worker_finish`]. Returns `undefined`, or the error envelope (a string).
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn worker_jobs(
    run: u32,
    file: &str,
    text: &str,
    knobs_json: &str,
    trace: bool,
    indices: Vec<u32>,
    outcome: &js_sys::Function,
    progress: &js_sys::Function,
) -> JsValue {
    let key = key_of(run, file, text, knobs_json, trace);
    let work = || -> Result<(), Msg> {
        let mut runner = cached_runner(&key)?;
        let max_events = runner.max_events();
        let limit_error = runner.limit_error();
        for index in indices {
            let mut job = runner.take_job(index as usize).ok_or_else(|| Msg {
                en: format!("internal error: the scenario has no job {index} to run"),
                ko: crate::sim::text::particles(&format!(
                    "내부 오류: 시나리오에 실행할 작업 {index}이(가) 없습니다"
                )),
            })?;
            loop {
                let done = job.advance(PROGRESS_EVERY_EVENTS);
                // The same cap as one runner's: the runner adds the jobs' events up.
                if job.events() > max_events {
                    return Err(sim_failed(limit_error.clone()));
                }
                let p = job.progress();
                let _ = progress.call3(
                    &JsValue::NULL,
                    &JsValue::from(index),
                    &JsValue::from_f64(p.done as f64),
                    &JsValue::from_f64(p.total as f64),
                );
                if done {
                    break;
                }
            }
            let job = job.into_outcome();
            let bytes = to_wire(&job)?;
            let events = job.events();
            runner.complete_outcome(job).map_err(sim_failed)?;
            // An outcome that did not reach the page would be waited for forever: the
            // run fails instead.
            outcome
                .call3(
                    &JsValue::NULL,
                    &JsValue::from(index),
                    &js_sys::Uint8Array::from(&bytes[..]),
                    &JsValue::from_f64(events as f64),
                )
                .map_err(|e| Msg {
                    en: format!(
                        "internal error: a job's outcome could not be sent to the page: {e:?}"
                    ),
                    ko: format!("내부 오류: 작업 결과를 페이지로 보낼 수 없습니다: {e:?}"),
                })?;
        }
        keep_runner(key.clone(), runner);
        Ok(())
    };
    match work() {
        Ok(()) => JsValue::UNDEFINED,
        Err(m) => JsValue::from_str(&error_json(&m)),
    }
}

/// Completes `runner` with the outcomes `outcomes[k]` (bytes of [`worker_jobs`], from
/// another worker or kept from an earlier run whose job had the same `JobKey`) of jobs
/// `indices[k]`.
fn complete_from(
    runner: &mut Runner,
    indices: Vec<u32>,
    outcomes: js_sys::Array,
) -> Result<(), Msg> {
    for (index, bytes) in indices.into_iter().zip(outcomes.iter()) {
        let bytes = js_sys::Uint8Array::new(&bytes).to_vec();
        let outcome: JobOutcome = crate::sim::binary_form::from_bytes(&bytes).map_err(|e| Msg {
            en: format!("internal error: a job's outcome could not be read: {e}"),
            ko: format!("내부 오류: 작업 결과를 읽을 수 없습니다: {e}"),
        })?;
        runner
            .complete_reused(index as usize, outcome)
            .map_err(sim_failed)?;
    }
    Ok(())
}

/// Completes the runner of run number `run` (the one [`worker_jobs`] or an earlier
/// [`worker_complete`] left here, or a new one) with the outcomes of jobs `indices`
/// ([`complete_from`]), computes ahead each platform's result whose jobs are all in
/// ([`Runner::prepare`]), and keeps it for the run's next request: the finishing worker
/// does this while it would otherwise wait for the last outcome. Returns
/// `undefined`, or the error envelope (a string).
#[wasm_bindgen]
pub fn worker_complete(
    run: u32,
    file: &str,
    text: &str,
    knobs_json: &str,
    trace: bool,
    indices: Vec<u32>,
    outcomes: js_sys::Array,
) -> JsValue {
    let key = key_of(run, file, text, knobs_json, trace);
    let work = || -> Result<(), Msg> {
        let mut runner = cached_runner(&key)?;
        complete_from(&mut runner, indices, outcomes)?;
        // While it waits for the last outcomes, the platforms whose jobs are all in.
        runner.prepare();
        keep_runner(key.clone(), runner);
        Ok(())
    };
    match work() {
        Ok(()) => JsValue::UNDEFINED,
        Err(m) => JsValue::from_str(&error_json(&m)),
    }
}

/// Completes the runner of run number `run` (as [`worker_complete`] does) with the
/// outcomes of the jobs left, `indices`, and returns the `RunResult` in the binary form (a
/// `Uint8Array`) or the error envelope (a string).
#[wasm_bindgen]
pub fn worker_finish(
    run: u32,
    file: &str,
    text: &str,
    knobs_json: &str,
    trace: bool,
    indices: Vec<u32>,
    outcomes: js_sys::Array,
) -> JsValue {
    let key = key_of(run, file, text, knobs_json, trace);
    let work = || -> Result<RunResult, Msg> {
        let mut runner = cached_runner(&key)?;
        complete_from(&mut runner, indices, outcomes)?;
        runner.finish().map_err(sim_failed)
    };
    result_or_error(work())
}
