//! Simulations off the page's main thread: a dedicated Web Worker (`static/worker.js`)
//! loads the same wasm module and runs a scenario with [`worker_run`]; the page talks to
//! it with messages (progress, the result as JSON, an error in both languages) and
//! cancels a run by terminating the worker. The result crosses as sim-core's own JSON
//! (serde_json with exact float round trips), so it is bit-identical to a run on the
//! main thread and to the CLI's.
//!
//! One worker is kept warm between runs (starting one compiles the module again); a
//! page without module workers falls back to slicing the run on the main thread
//! (`run::run_sliced`).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::{RunOptions, RunResult, Scenario};
use crate::run::{RunEnd, MAX_EVENTS};
use crate::state::{Knobs, Msg};

/// Events between two progress messages of the worker.
const PROGRESS_EVERY_EVENTS: u64 = 1_000_000;
/// How often the page looks for the worker's messages and for a cancel.
const POLL_MS: u32 = 2;

/// Runs a scenario in the worker: `knobs_json` is the page's [`Knobs`] as JSON;
/// `progress(done, total)` is called every million events. Returns
/// `{"result": RunResult}` or `{"error": {"en": ..., "ko": ...}}` as JSON text.
#[wasm_bindgen]
pub fn worker_run(
    file: &str,
    text: &str,
    knobs_json: &str,
    trace: bool,
    progress: &js_sys::Function,
) -> String {
    let outcome = run_to_end(file, text, knobs_json, trace, |done, total| {
        let _ = progress.call2(
            &JsValue::NULL,
            &JsValue::from_f64(done as f64),
            &JsValue::from_f64(total as f64),
        );
    });
    let envelope = match outcome {
        Ok(result) => serde_json::json!({ "result": result }),
        Err(m) => serde_json::json!({ "error": { "en": m.en, "ko": m.ko } }),
    };
    envelope.to_string()
}

fn run_to_end(
    file: &str,
    text: &str,
    knobs_json: &str,
    trace: bool,
    progress: impl Fn(u64, u64),
) -> Result<RunResult, Msg> {
    let knobs: Knobs = serde_json::from_str(knobs_json).map_err(|e| Msg {
        en: format!("internal error: bad settings for the worker: {e}"),
        ko: format!("내부 오류: 워커에 보낸 설정이 잘못되었습니다: {e}"),
    })?;
    let sim_failed = |e: crate::core::SimError| Msg {
        en: e.message_in(crate::core::text::Lang::En),
        ko: e.message_in(crate::core::text::Lang::Ko),
    };
    let scenario = Scenario::from_toml(file, text)
        .and_then(|s| s.adjusted(&knobs.to_adjustments()))
        .map_err(|e| Msg::of_error(&e))?;
    let mut runner = scenario
        .runner(RunOptions {
            trace,
            max_events: MAX_EVENTS,
        })
        .map_err(sim_failed)?;
    while !runner.is_finished() {
        let p = runner.advance(PROGRESS_EVERY_EVENTS).map_err(sim_failed)?;
        progress(p.done, p.total);
    }
    runner.finish().map_err(sim_failed)
}

thread_local! {
    /// The warm worker, if one was started and not terminated.
    static WORKER: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
    /// Whether module workers failed to start here (then the page slices on the main thread).
    static UNAVAILABLE: Cell<bool> = const { Cell::new(false) };
    /// Runs done by a worker (read by the browser tests).
    static RUNS: Cell<u32> = const { Cell::new(0) };
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

/// Starts the worker ahead of the first run, so that its module is compiled by then.
pub fn prewarm() {
    WORKER.with(|w| {
        let mut w = w.borrow_mut();
        if w.is_none() {
            *w = spawn();
        }
    });
}

fn take_worker() -> Option<web_sys::Worker> {
    WORKER.with(|w| w.borrow_mut().take()).or_else(spawn)
}

/// Number of runs a worker has completed in this page.
pub fn runs() -> u32 {
    RUNS.with(Cell::get)
}

/// Runs the scenario in the worker. `None`: no worker could be used (the caller runs
/// it on the main thread instead).
pub async fn run(
    file: &str,
    text: &str,
    knobs: &Knobs,
    trace: bool,
    cancel: Rc<Cell<bool>>,
    progress: impl Fn(u64, u64),
) -> Option<Result<RunResult, RunEnd>> {
    let knobs_json = serde_json::to_string(knobs).ok()?;
    let worker = take_worker()?;
    let inbox: Rc<RefCell<VecDeque<JsValue>>> = Rc::default();
    let on_message = {
        let inbox = inbox.clone();
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            inbox.borrow_mut().push_back(e.data());
        })
    };
    let failed = Rc::new(Cell::new(false));
    let on_error = {
        let failed = failed.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |_| failed.set(true))
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let request = js_sys::Object::new();
    let set = |k: &str, v: JsValue| js_sys::Reflect::set(&request, &JsValue::from_str(k), &v);
    set("file", JsValue::from_str(file)).ok()?;
    set("text", JsValue::from_str(text)).ok()?;
    set("knobs", JsValue::from_str(&knobs_json)).ok()?;
    set("trace", JsValue::from_bool(trace)).ok()?;
    if worker.post_message(&request).is_err() {
        worker.terminate();
        return None;
    }
    let field = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &JsValue::from_str(k)).ok();
    loop {
        if cancel.get() {
            // Stopping a run in a worker is stopping the worker.
            worker.terminate();
            return Some(Err(RunEnd::Cancelled));
        }
        if failed.get() {
            // The worker could not load (no module workers, a missing file): use the
            // main thread from now on.
            worker.terminate();
            UNAVAILABLE.with(|u| u.set(true));
            return None;
        }
        let next = inbox.borrow_mut().pop_front();
        let Some(message) = next else {
            TimeoutFuture::new(POLL_MS).await;
            continue;
        };
        let kind = field(&message, "kind").and_then(|k| k.as_string());
        match kind.as_deref() {
            Some("progress") => {
                let number = |k| field(&message, k).and_then(|v| v.as_f64()).unwrap_or(0.0);
                progress(number("done") as u64, number("total") as u64);
            }
            Some("done") => {
                worker.set_onmessage(None);
                worker.set_onerror(None);
                WORKER.with(|w| *w.borrow_mut() = Some(worker));
                let json = field(&message, "json").and_then(|j| j.as_string());
                return Some(decode(json.as_deref().unwrap_or("")));
            }
            _ => {}
        }
    }
}

/// The worker's answer: the result, or the run's error.
fn decode(json: &str) -> Result<RunResult, RunEnd> {
    #[derive(serde::Deserialize)]
    struct Envelope {
        result: Option<RunResult>,
        error: Option<Msg>,
    }
    let internal = |e: String| {
        RunEnd::Failed(Msg {
            en: format!("internal error: the worker's answer could not be read: {e}"),
            ko: format!("내부 오류: 워커의 응답을 읽을 수 없습니다: {e}"),
        })
    };
    let envelope: Envelope = serde_json::from_str(json).map_err(|e| internal(e.to_string()))?;
    match (envelope.result, envelope.error) {
        (Some(result), _) => {
            RUNS.with(|r| r.set(r.get() + 1));
            Ok(result)
        }
        (None, Some(message)) => Err(RunEnd::Failed(message)),
        (None, None) => Err(internal("empty answer".into())),
    }
}
