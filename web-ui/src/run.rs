//! Running a scenario without freezing the tab: in a Web Worker (`worker`), or, where
//! the page cannot start one, on the main thread with the sim-core `Runner` advanced
//! in slices of a few milliseconds, yielding to the browser between slices (a zero
//! timeout). Both report progress and can be cancelled.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;

use crate::clock::now_ms;
use crate::sim::RunResult;
use crate::state::{Knobs, Msg};

/// Time one slice may take before yielding to the browser.
pub const SLICE_MS: f64 = 12.0;
/// Events advanced between clock checks.
pub const EVENT_STEP: u64 = 4_096;
/// Runs shorter than this show no progress (each report re-renders the page).
pub const PROGRESS_AFTER_MS: f64 = 150.0;
/// Least time between progress reports.
pub const PROGRESS_MS: f64 = 100.0;
/// Upper bound on events of a run started from the page.
pub const MAX_EVENTS: u64 = 200_000_000;

/// How a sliced run ended, when it did not produce a result.
#[derive(Debug, Clone, PartialEq)]
pub enum RunEnd {
    Cancelled,
    /// The reason, in both page languages.
    Failed(Msg),
}

fn sim_failed(e: crate::sim::SimError) -> RunEnd {
    RunEnd::Failed(failure_message(&e))
}

/// A run's error in both page languages, in the page's terms: a run past the page's
/// limit on events ([`MAX_EVENTS`]) names that limit and the page's controls that shorten
/// a run, not sim-core's `RunOptions::max_events`, which only a program sets (sim-core's
/// words, shared with the CLI, where `--max-events` is the limit); its numbers grouped as
/// the page groups numbers. Any other error in sim-core's words. The worker's runs say
/// the same (`worker::entry`).
pub fn failure_message(e: &crate::sim::SimError) -> Msg {
    if let crate::sim::SimError::EventLimit { limit, estimate } = *e {
        let (limit, estimate) = (crate::num::int(limit), crate::num::int(estimate));
        return Msg {
            en: format!(
                "the run needed more than {limit} events, the page's limit (the scenario's estimate is at most {estimate} events): lower the simulated time or the instances per group (or vCPUs, threads), or run the scenario with the CLI (`virtsim run`), which runs larger ones"
            ),
            ko: format!(
                "실행에 페이지 한도인 이벤트 {limit}개보다 많은 이벤트가 필요했습니다 (시나리오 추정치는 최대 {estimate}개). 시뮬레이션 시간이나 그룹당 인스턴스 수(또는 vCPU, 스레드)를 줄이거나, 더 큰 시나리오도 실행하는 CLI(`virtsim run`)로 실행하세요"
            ),
        };
    }
    Msg {
        en: e.message_in(crate::sim::text::Lang::En),
        ko: e.message_in(crate::sim::text::Lang::Ko),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The page's run past its limit said "raise the cap (RunOptions::max_events)", a Rust
    /// API's words, and 200000000 ungrouped: it names the page's limit, grouped, and the
    /// page's controls, in both languages (the CLI keeps sim-core's words and its flag).
    #[test]
    fn a_run_past_the_pages_limit_says_so_in_the_pages_terms() {
        let e = crate::sim::SimError::EventLimit {
            limit: MAX_EVENTS,
            estimate: 1_234_567_890,
        };
        // sim-core's own words, the CLI's, are what the page said before.
        assert!(e
            .message_in(crate::sim::text::Lang::En)
            .contains("RunOptions::max_events"));
        let m = failure_message(&e);
        assert_eq!(
            m.en,
            "the run needed more than 200,000,000 events, the page's limit (the scenario's estimate is at most 1,234,567,890 events): lower the simulated time or the instances per group (or vCPUs, threads), or run the scenario with the CLI (`virtsim run`), which runs larger ones"
        );
        assert_eq!(
            m.ko,
            "실행에 페이지 한도인 이벤트 200,000,000개보다 많은 이벤트가 필요했습니다 (시나리오 추정치는 최대 1,234,567,890개). 시뮬레이션 시간이나 그룹당 인스턴스 수(또는 vCPU, 스레드)를 줄이거나, 더 큰 시나리오도 실행하는 CLI(`virtsim run`)로 실행하세요"
        );
        for text in [&m.en, &m.ko] {
            assert!(
                !text.contains("RunOptions") && !text.contains("max_events"),
                "{text}"
            );
            assert!(!text.contains("200000000"), "{text}");
        }
        // Any other error in sim-core's words.
        let other = crate::sim::SimError::NotFinished;
        assert_eq!(failure_message(&other).en, "the run is not finished yet");
    }
}
