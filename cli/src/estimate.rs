//! What a run will cost, said before it runs: a scenario's estimated events at most and
//! the time they take at the development machine's rate; the note on a run over the web
//! page's limit of estimated events.

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

/// `validate`'s note (after `note: FILE: `), when the scenario's estimate is over the web page's limit
/// ([`sim_core::scenario::PAGE_MAX_EVENTS`]): the page would ask before running it and
/// offer the duration that fits ([`sim_core::scenario::fitting_duration_ms`]), which the
/// note names; the CLI runs it as it is. None within the limit.
pub(crate) fn page_limit_note(scenario: &Scenario, lang: Lang) -> Option<String> {
    page_limit_note_of(
        scenario.duration_ms,
        scenario.estimated_events(),
        false,
        lang,
    )
}

/// [`page_limit_note`] of a run of `duration_ms` estimated at `events` (an assignment
/// step's largest variant: [`sim_core::Assignment::step_estimated_events`]). `varied`: the
/// step's `vary` sets `duration_ms`, so `duration_ms` is the largest choice and what fits
/// is said of that choice (a `duration_ms = N` written in the scenario would be replaced).
pub(crate) fn page_limit_note_of(
    duration_ms: u64,
    events: u64,
    varied: bool,
    lang: Lang,
) -> Option<String> {
    use sim_core::scenario::{fitting_duration_ms, PAGE_MAX_EVENTS};
    if events <= PAGE_MAX_EVENTS {
        return None;
    }
    let limit = sim_core::text::thousands(&PAGE_MAX_EVENTS.to_string());
    let fit = fitting_duration_ms(duration_ms, events, PAGE_MAX_EVENTS);
    Some(match lang {
        Lang::En => {
            let fix = if fit == 0 {
                "not even `duration_ms = 1` fits: fewer instances, vCPUs or threads would"
                    .to_string()
            } else if varied {
                format!(
                    "the largest `duration_ms` choice of the step's `vary` fits at {} or less (it is {})",
                    sim_core::text::thousands(&fit.to_string()),
                    sim_core::text::thousands(&duration_ms.to_string())
                )
            } else {
                // Written as TOML, to paste into the file: no thousands separators.
                format!("`duration_ms = {fit}` fits")
            };
            format!(
                "over the web page's limit of {limit} estimated events: the page would ask before running it (offering a shorter run) and may take long; {fix} (the CLI runs it as it is)"
            )
        }
        Lang::Ko => {
            let fix = if fit == 0 {
                "`duration_ms = 1`도 한도를 넘습니다. 인스턴스, vCPU 또는 스레드를 줄여야 합니다"
                    .to_string()
            } else if varied {
                format!(
                    "단계의 `vary`에서 가장 큰 `duration_ms` 선택지가 {} 이하이면 한도 안에 듭니다(지금은 {})",
                    sim_core::text::thousands(&fit.to_string()),
                    sim_core::text::thousands(&duration_ms.to_string())
                )
            } else {
                format!("`duration_ms = {fit}`이면 한도 안에 듭니다")
            };
            format!(
                "추정 이벤트가 웹 페이지 한도인 {limit}개를 넘습니다. 페이지는 실행 전에 묻고(더 짧은 실행을 제안) 오래 걸릴 수 있습니다. {fix} (CLI는 그대로 실행합니다)"
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The duration that fits is written as TOML, to paste into the file: `20000`, never
    /// `20,000` (which TOML does not read), in both languages.
    #[test]
    fn the_duration_that_fits_is_written_as_toml() {
        use sim_core::scenario::{fitting_duration_ms, PAGE_MAX_EVENTS};
        let (duration_ms, events) = (60_000, PAGE_MAX_EVENTS * 3);
        let fit = fitting_duration_ms(duration_ms, events, PAGE_MAX_EVENTS);
        assert!(fit >= 1000, "{fit}");
        for (lang, said) in [
            (Lang::En, format!("`duration_ms = {fit}` fits")),
            (Lang::Ko, format!("`duration_ms = {fit}`이면")),
        ] {
            let note = page_limit_note_of(duration_ms, events, false, lang).expect("over");
            assert!(note.contains(&said), "{note}");
        }
    }
}
