//! What a run will cost, said before it runs: a scenario's estimated events at most and
//! the time they take at the development machine's rate.

use sim_core::Scenario;

use crate::Lang;

/// Simulated events per second of a release build on one core of the development
/// machine (`docs/performance.md`); the basis of `validate`'s time estimate, which is
/// an upper bound twice over: of the events (the library's runs make 2.4 to 220 times
/// fewer, most of them 4 to 12 times; 2026-12-06) and of the time (this rate is the
/// slow end of what workloads reach).
const EVENTS_PER_SECOND: f64 = 11.0e6;

/// "estimated 1234567 events at most, about 0.1 s ...": the cost of running a scenario,
/// before it runs, in `lang`.
pub(crate) fn cost_estimate(scenario: &Scenario, lang: Lang) -> String {
    events_estimate(scenario.estimated_events(), lang)
}

/// "estimated 1234567 events at most, about 0.1 s ...": the cost of `events` events, in
/// `lang` (a scenario's, or an assignment's steps' together).
pub(crate) fn events_estimate(events: u64, lang: Lang) -> String {
    let seconds = events as f64 / EVENTS_PER_SECOND;
    match lang {
        Lang::En => {
            let time = if seconds < 0.1 {
                "under 0.1 s".to_string()
            } else if seconds < 100.0 {
                format!("at most about {seconds:.1} s")
            } else {
                format!("at most about {:.0} min", seconds / 60.0)
            };
            format!(
                "estimated {} events at most, {time} at 11 million events/s on one core",
                sim_core::text::thousands(&events.to_string())
            )
        }
        Lang::Ko => {
            let time = if seconds < 0.1 {
                "0.1초 미만".to_string()
            } else if seconds < 100.0 {
                format!("길어야 약 {seconds:.1}초")
            } else {
                format!("길어야 약 {:.0}분", seconds / 60.0)
            };
            format!(
                "이벤트 최대 약 {} 개 예상, 한 코어에서 초당 {} 이벤트로 {time}",
                sim_core::text::korean_large_count(events),
                sim_core::text::korean_large_count(EVENTS_PER_SECOND as u64)
            )
        }
    }
}
