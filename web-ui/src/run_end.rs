//! How a page run ends without a result (`RunEnd`: cancelled, or failed with its message),
//! the page's limit on a run's events (`MAX_EVENTS`) and a run's error in the page's words
//! (`failure_message`), for the worker pool and for the main thread's run alike.

use crate::i18n::Msg;

/// Upper bound on events of a run started from the page (sim-core's, which `validate`
/// names too).
pub const MAX_EVENTS: u64 = crate::sim::scenario::PAGE_MAX_EVENTS;

/// How a run ended, when it did not produce a result.
#[derive(Debug, Clone, PartialEq)]
pub enum RunEnd {
    Cancelled,
    /// The reason, in both page languages.
    Failed(Msg),
}

/// A run's error in both page languages, in the page's terms: a run past the page's
/// limit on events ([`MAX_EVENTS`]) names that limit and the page's settings that shorten
/// a run, not sim-core's `RunOptions::max_events`, which only a program sets (sim-core's
/// words, shared with the CLI, where `--max-events` is the limit); its numbers grouped as
/// the page groups numbers, in Korean in 만 and 억 as the page's estimate reads them
/// ([`crate::num::large_count`]). Any other error in sim-core's words. The worker's runs and
/// the main thread's (`run.rs`) say the same.
pub fn failure_message(e: &crate::sim::SimError) -> Msg {
    if let crate::sim::SimError::EventLimit { limit, estimate } = *e {
        let (limit_ko, estimate_ko) = (
            crate::sim::text::korean_large_count(limit),
            crate::sim::text::korean_large_count(estimate),
        );
        let (limit, estimate) = (crate::num::int(limit), crate::num::int(estimate));
        return Msg {
            en: format!(
                "the run needed more than {limit} events, the page's limit (the scenario's estimate is at most {estimate} events): lower the simulated time or the instances per group (or vCPUs, threads), or run the scenario with the CLI (`virtsim run`), which runs larger ones"
            ),
            ko: format!(
                "실행에 페이지 한도인 이벤트 {limit_ko} 개보다 많은 이벤트가 필요했습니다 (시나리오 추정치는 최대 {estimate_ko} 개). 시뮬레이션 시간이나 그룹당 인스턴스 수(또는 vCPU, 스레드)를 줄이거나, 더 큰 시나리오도 실행하는 CLI(`virtsim run`)로 실행하세요"
            ),
        };
    }
    Msg {
        en: e.message_in(crate::sim::text::Lang::En),
        ko: e.message_in(crate::sim::text::Lang::Ko),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page's run past its limit said "raise the cap (RunOptions::max_events)", a Rust
    /// API's words, and 200000000 ungrouped: it names the page's limit, grouped, and the
    /// page's settings, in both languages (the CLI keeps sim-core's words and its flag).
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
            "실행에 페이지 한도인 이벤트 2억 개보다 많은 이벤트가 필요했습니다 (시나리오 추정치는 최대 12.3억 개). 시뮬레이션 시간이나 그룹당 인스턴스 수(또는 vCPU, 스레드)를 줄이거나, 더 큰 시나리오도 실행하는 CLI(`virtsim run`)로 실행하세요"
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
