//! virtsim in the browser: a Yew front end over sim-core (see `app` for the page).
//!
//! The wasm entry points are deliberately thin: `start` mounts the app and
//! `result_json` exposes the exact JSON a run produces, for the browser tests
//! that compare it with the CLI's; `result_json_as_page_runs` does the same through the
//! page's own run (the worker path), and `builtin_files` lists the library for them. The
//! `worker_*` functions give the browser tests their view of the worker pool (runs, most
//! workers at once, outcomes reused) and their settings of it.

pub mod answer_text;
pub mod app;
pub mod builtin;
pub mod charts;
pub mod clock;
pub mod codemirror;
pub mod components;
pub mod export;
pub mod glossary;
pub mod i18n;
pub mod knobs;
pub mod labels;
pub mod num;
pub mod opened;
pub mod palette;
pub mod parsed;
pub mod result_ops;
pub mod run;
pub mod run_end;
pub mod scroll_edges;
pub mod share;
pub mod sim;
pub mod state;
pub mod worker;

use wasm_bindgen::prelude::*;

/// Mounts the app into the element with id `root_id` (replacing its content).
#[wasm_bindgen]
pub fn start(root_id: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let root = document
        .get_element_by_id(root_id)
        .ok_or_else(|| JsValue::from_str("no root element"))?;
    // The page's language on <html> (and its title) before anything is drawn: the first
    // render is read in it, not in index.html's English (main.js set it already from the
    // same rules, for the loading line; this is the page's own choice, `Lang::initial`).
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let lang = i18n::Lang::initial(&hash);
    if let Some(html) = document.document_element() {
        html.set_attribute("lang", lang.tag())?;
    }
    document.set_title(i18n::t(lang, "app.title"));
    root.set_inner_html("");
    worker::prewarm();
    yew::Renderer::<app::App>::with_root(root).render();
    scroll_edges::follow();
    Ok(())
}

/// Runs a scenario the way the page does (in its worker when it can) and returns the
/// result as the CLI's `run --format json` writes it, for the browser tests' parity
/// check of the worker path.
#[wasm_bindgen]
pub async fn result_json_as_page_runs(file: String, text: String) -> Result<String, JsValue> {
    let cancel = std::rc::Rc::new(std::cell::Cell::new(false));
    let knobs = knobs::Knobs::default();
    let finished = run::run_sliced(&file, &text, &knobs, false, cancel, &|_, _| {})
        .await
        .map_err(|e| match e {
            run_end::RunEnd::Failed(m) => JsValue::from_str(&m.en),
            run_end::RunEnd::Cancelled => JsValue::from_str("cancelled"),
        })?;
    export::to_json(&finished.result).map_err(|e| JsValue::from_str(&e))
}

/// Runs completed by the page's worker so far (the browser tests check that runs
/// leave the main thread).
#[wasm_bindgen]
pub fn worker_runs() -> u32 {
    worker::runs()
}

/// Most workers of the pool that ran jobs of one run at the same time so far (the
/// browser tests check that a run's jobs spread over the pool).
#[wasm_bindgen]
pub fn worker_pool_most() -> u32 {
    worker::most_workers()
}

/// Splits runs over the worker pool from `events` estimated events on (the browser tests
/// set 0 to check the pool's results; a negative number restores the page's default,
/// `worker::POOL_MIN_EVENTS`).
#[wasm_bindgen]
pub fn worker_pool_from(events: f64) {
    worker::set_pool_from(if events < 0.0 {
        worker::POOL_MIN_EVENTS
    } else {
        events as u64
    });
}

/// Turns on or off (the page's default: on) the reuse of the last run's outcomes of jobs
/// whose inputs did not change; off also forgets them (the browser tests compare fresh
/// runs with the CLI).
#[wasm_bindgen]
pub fn worker_reuse(on: bool) {
    worker::set_reuse(on);
}

/// Sets how long a worker with work may stay silent before the page gives its work to
/// another (default 60 s; the browser tests shorten it).
#[wasm_bindgen]
pub fn worker_silent_ms(ms: f64) {
    worker::set_silent_ms(ms);
}

/// Job outcomes the page took from its last run instead of running the job, so far.
#[wasm_bindgen]
pub fn worker_reused() -> u32 {
    worker::reused()
}

/// Names of the built-in scenario files, in library order.
#[wasm_bindgen]
pub fn builtin_files() -> Vec<String> {
    builtin::files().map(str::to_string).collect()
}

/// Runs a scenario to completion and returns its result as the CLI's
/// `run --format json` writes it; errors come back as the CLI's message.
#[wasm_bindgen]
pub fn result_json(file: &str, text: &str) -> Result<String, JsValue> {
    export::result_json(file, text).map_err(|e| JsValue::from_str(&e))
}
