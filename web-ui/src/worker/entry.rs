//! What runs inside a simulation worker (`static/worker.js` calls these): a whole
//! scenario ([`worker_run`]), one job of it for the pool ([`worker_job`]), or the
//! assembly of the result from every job's outcome ([`worker_finish`]). Each builds the
//! same sim-core `Runner` from the scenario text, the page's settings and the seed, so a
//! job run in one worker completes the runner of another exactly as if it had run there.
//! Outcomes and results cross in the binary form of [`super::wire`]; errors as JSON.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::core::{JobOutcome, RunOptions, RunResult, Runner, Scenario};
use crate::run::MAX_EVENTS;
use crate::state::{Knobs, Msg};

/// Events between two progress messages of a worker.
const PROGRESS_EVERY_EVENTS: u64 = 1_000_000;

/// What a runner was built from: file name, text, settings (JSON) and the trace flag.
type RunnerKey = (String, String, String, bool);

thread_local! {
    /// The runner this worker built for its last job, with what it was built from: its
    /// next job of the same run, or the finishing work, takes from it instead of reading
    /// and validating the scenario again (a few milliseconds per job).
    static CACHED: RefCell<Option<(RunnerKey, Runner)>> = const { RefCell::new(None) };
}

/// The cached runner if it was built from the same inputs, else a new one.
fn cached_runner(file: &str, text: &str, knobs_json: &str, trace: bool) -> Result<Runner, Msg> {
    let cached = CACHED.with(|c| c.borrow_mut().take());
    match cached {
        Some((key, runner))
            if key.0 == file && key.1 == text && key.2 == knobs_json && key.3 == trace =>
        {
            Ok(runner)
        }
        _ => build_runner(file, text, knobs_json, trace),
    }
}

fn keep_runner(file: &str, text: &str, knobs_json: &str, trace: bool, runner: Runner) {
    let key = (
        file.to_owned(),
        text.to_owned(),
        knobs_json.to_owned(),
        trace,
    );
    CACHED.with(|c| *c.borrow_mut() = Some((key, runner)));
}

fn sim_failed(e: crate::core::SimError) -> Msg {
    Msg {
        en: e.message_in(crate::core::text::Lang::En),
        ko: e.message_in(crate::core::text::Lang::Ko),
    }
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
    let scenario = Scenario::from_toml(file, text)
        .and_then(|s| s.adjusted(&knobs.to_adjustments()))
        .map_err(|e| Msg::of_error(&e))?;
    scenario
        .runner(RunOptions {
            trace,
            max_events: MAX_EVENTS,
        })
        .map_err(sim_failed)
}

/// The result in the binary form (a `Uint8Array`), or the error envelope (a string).
fn result_or_error(outcome: Result<RunResult, Msg>) -> JsValue {
    match outcome.and_then(|result| to_wire(&result)) {
        Ok(bytes) => js_sys::Uint8Array::from(&bytes[..]).into(),
        Err(m) => JsValue::from_str(&error_json(&m)),
    }
}

fn to_wire<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, Msg> {
    super::wire::to_bytes(value).map_err(|e| Msg {
        en: format!("internal error: a result could not be written for the page: {e}"),
        ko: format!("내부 오류: 페이지에 보낼 결과를 기록할 수 없습니다: {e}"),
    })
}

fn report(progress: &js_sys::Function, done: u64, total: u64) {
    let _ = progress.call2(
        &JsValue::NULL,
        &JsValue::from_f64(done as f64),
        &JsValue::from_f64(total as f64),
    );
}

/// Runs a whole scenario in one worker: `knobs_json` is the page's [`Knobs`] as JSON;
/// `progress(done, total)` is called every million events. Returns the `RunResult` in
/// the binary form (a `Uint8Array`) or `{"error": {"en": ..., "ko": ...}}` as JSON text.
#[wasm_bindgen]
pub fn worker_run(
    file: &str,
    text: &str,
    knobs_json: &str,
    trace: bool,
    progress: &js_sys::Function,
) -> JsValue {
    let run = || -> Result<RunResult, Msg> {
        let mut runner = build_runner(file, text, knobs_json, trace)?;
        while !runner.is_finished() {
            let p = runner.advance(PROGRESS_EVERY_EVENTS).map_err(sim_failed)?;
            report(progress, p.done, p.total);
        }
        runner.finish().map_err(sim_failed)
    };
    result_or_error(run())
}

/// Runs job `index` of the scenario (a platform, a baseline or a sweep point) for the
/// page's pool. `plan(jobs)` is called once the runner is built, with the scenario's
/// number of jobs (the page hands the others to other workers meanwhile);
/// `progress(done, total)` reports the job's simulated cycles. Returns the job's
/// outcome (sim-core's `JobOutcome`) in the binary form, a `Uint8Array`, or the error
/// envelope, a string.
#[wasm_bindgen]
pub fn worker_job(
    file: &str,
    text: &str,
    knobs_json: &str,
    trace: bool,
    index: u32,
    plan: &js_sys::Function,
    progress: &js_sys::Function,
) -> JsValue {
    let run = || -> Result<Vec<u8>, Msg> {
        let mut runner = cached_runner(file, text, knobs_json, trace)?;
        let _ = plan.call1(
            &JsValue::NULL,
            &JsValue::from_f64(runner.job_count() as f64),
        );
        let index = index as usize;
        let job = match runner.take_job(index) {
            Some(job) => Some(job),
            // This runner already gave that job out (the same run started again).
            None => {
                runner = build_runner(file, text, knobs_json, trace)?;
                runner.take_job(index)
            }
        };
        let max_events = runner.max_events();
        let limit_error = runner.limit_error();
        keep_runner(file, text, knobs_json, trace, runner);
        let mut job = job.ok_or_else(|| Msg {
            en: format!("internal error: the scenario has no job {index}"),
            ko: format!("내부 오류: 시나리오에 작업 {index}이(가) 없습니다"),
        })?;
        loop {
            let done = job.advance(PROGRESS_EVERY_EVENTS);
            // The same cap as one runner's: the coordinator adds the jobs' events up.
            if job.events() > max_events {
                return Err(sim_failed(limit_error.clone()));
            }
            let p = job.progress();
            report(progress, p.done, p.total);
            if done {
                break;
            }
        }
        to_wire(&job.into_outcome())
    };
    match run() {
        Ok(bytes) => js_sys::Uint8Array::from(&bytes[..]).into(),
        Err(m) => JsValue::from_str(&error_json(&m)),
    }
}

/// Completes the scenario's runner with every job's outcome (the `Uint8Array`s of
/// [`worker_job`], any order) and returns the result as [`worker_run`] does.
#[wasm_bindgen]
pub fn worker_finish(
    file: &str,
    text: &str,
    knobs_json: &str,
    trace: bool,
    outcomes: js_sys::Array,
) -> JsValue {
    let run = || -> Result<RunResult, Msg> {
        let mut runner = cached_runner(file, text, knobs_json, trace)?;
        for bytes in outcomes.iter() {
            let bytes = js_sys::Uint8Array::new(&bytes).to_vec();
            let outcome: JobOutcome = super::wire::from_bytes(&bytes).map_err(|e| Msg {
                en: format!("internal error: a job's outcome could not be read: {e}"),
                ko: format!("내부 오류: 작업 결과를 읽을 수 없습니다: {e}"),
            })?;
            runner.complete_outcome(outcome).map_err(sim_failed)?;
        }
        runner.finish().map_err(sim_failed)
    };
    result_or_error(run())
}
