//! Running a scenario without freezing the tab: in a Web Worker (`worker`), or, where
//! the page cannot start one, on the main thread with the sim-core `Runner` advanced
//! in slices of a few milliseconds, yielding to the browser between slices (a zero
//! timeout). Both report progress and can be cancelled. [`run_sliced`] is the page's one
//! way in (its run loop, the browser tests of its runs); a slice lasts about [`SLICE_MS`]
//! by `clock.rs`'s `performance.now()`.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;

use crate::clock::now_ms;
use crate::knobs::Knobs;
use crate::run_end::{failure_message, RunEnd};
use crate::sim::RunResult;

/// Time one slice may take before yielding to the browser.
pub const SLICE_MS: f64 = 12.0;
/// Events advanced between clock checks.
pub const EVENT_STEP: u64 = 4_096;
/// Runs shorter than this show no progress (each report re-renders the page).
pub const PROGRESS_AFTER_MS: f64 = 150.0;
/// Least time between progress reports.
pub const PROGRESS_MS: f64 = 100.0;

/// A sim-core error as the run's end, in the page's words ([`failure_message`]).
fn sim_failed(e: crate::sim::SimError) -> RunEnd {
    RunEnd::Failed(failure_message(&e))
}

/// A finished run.
pub struct Finished {
    pub result: RunResult,
    pub events: u64,
    pub millis: f64,
    /// Every job ran (none kept from the run before): `millis` is the whole run's time.
    pub whole: bool,
}

/// Parses `text`, applies `knobs` and runs it (recording the pCPU timeline when
/// `trace`) in the page's worker, or else in slices on the main thread. `cancel` is
/// polled while it runs; `progress(done, total)` (simulated cycles) is called as it goes.
pub async fn run_sliced(
    file: &str,
    text: &str,
    knobs: &Knobs,
    trace: bool,
    cancel: Rc<Cell<bool>>,
    // `dyn`: one copy of the run in the wasm for the page's run and the run as written
    // that may follow it (`app.rs`).
    progress: &dyn Fn(u64, u64),
) -> Result<Finished, RunEnd> {
    let t0 = now_ms();
    // Progress re-renders the page: not for short runs, and at most every PROGRESS_MS.
    let last_progress = Cell::new(f64::NEG_INFINITY);
    let throttled = |done: u64, total: u64| {
        let now = now_ms();
        if now - t0 >= PROGRESS_AFTER_MS && now - last_progress.get() >= PROGRESS_MS {
            last_progress.set(now);
            progress(done, total);
        }
    };
    let kept_before = crate::worker::reused();
    if let Some(outcome) =
        crate::worker::run(file, text, knobs, trace, cancel.clone(), &throttled).await
    {
        let result = outcome?;
        return Ok(Finished {
            events: result.events,
            result,
            millis: now_ms() - t0,
            whole: crate::worker::reused() == kept_before,
        });
    }
    main_thread_sliced(file, text, knobs, trace, cancel, throttled, t0).await
}

/// The run on the main thread, in slices of [`SLICE_MS`].
async fn main_thread_sliced(
    file: &str,
    text: &str,
    knobs: &Knobs,
    trace: bool,
    cancel: Rc<Cell<bool>>,
    progress: impl Fn(u64, u64),
    t0: f64,
) -> Result<Finished, RunEnd> {
    let (mut runner, _) =
        crate::worker::runner_for(file, text, knobs, trace).map_err(RunEnd::Failed)?;
    let mut done = (0, 0);
    loop {
        let slice_start = now_ms();
        while !runner.is_finished() && now_ms() - slice_start < SLICE_MS {
            let p = runner.advance(EVENT_STEP).map_err(sim_failed)?;
            done = (p.done, p.total);
        }
        if runner.is_finished() {
            break;
        }
        if cancel.get() {
            return Err(RunEnd::Cancelled);
        }
        progress(done.0, done.1);
        TimeoutFuture::new(0).await;
        if cancel.get() {
            return Err(RunEnd::Cancelled);
        }
    }
    let result = runner.finish().map_err(sim_failed)?;
    Ok(Finished {
        events: result.events,
        result,
        millis: now_ms() - t0,
        whole: true,
    })
}
