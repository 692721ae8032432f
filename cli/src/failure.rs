//! What a command's failure is (an invalid scenario, exit 2; anything else, exit 1) and how
//! it is printed: `report`, the scenario errors' lines, a run's errors, and the reasons
//! a file operation failed, in the language of the messages.

use crate::output;
use crate::Lang;

pub(crate) enum Failure {
    Invalid(String),
    Other(anyhow::Error),
    /// Messages already printed; only the exit code is left.
    Reported(u8),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Other(e)
    }
}

/// Whether messages are in Korean (`--lang ko`): `report`'s `오류:` for `error:`. Set once,
/// in `main`, from the command line.
pub(crate) static KOREAN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn korean() -> bool {
    KOREAN.load(std::sync::atomic::Ordering::Relaxed)
}

/// Prints a failure on stderr and gives its exit code.
pub(crate) fn report(failure: Failure) -> u8 {
    match failure {
        Failure::Invalid(message) => {
            // The message quotes the file, which may hold terminal escape sequences.
            crate::errln!("{}", output::clean_lines(&message));
            2
        }
        Failure::Other(e) if is_broken_pipe(&e) => {
            // The reader went away (`virtsim run ... | head`): stop quietly, as ripgrep does.
            std::process::exit(0)
        }
        Failure::Other(e) => {
            // In the messages' language, as warnings (`경고:`) and notes (`참고:`) are.
            let label = if korean() { "오류" } else { "error" };
            crate::errln!("{label}: {}", output::clean_lines(&format!("{e:#}")));
            1
        }
        Failure::Reported(code) => code,
    }
}

/// Whether writing output failed because its reader closed the pipe.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Why a file operation failed, in the language of the messages: the usual reasons are
/// translated, any other one is the system's own words.
pub(crate) fn io_reason(lang: Lang, e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match (lang, e.kind()) {
        (Lang::Ko, ErrorKind::NotFound) => "그런 파일이나 디렉터리가 없습니다".to_string(),
        (Lang::Ko, ErrorKind::PermissionDenied) => "권한이 없습니다".to_string(),
        (Lang::Ko, ErrorKind::AlreadyExists) => "같은 이름의 파일이 이미 있습니다".to_string(),
        (Lang::Ko, ErrorKind::IsADirectory) => "디렉터리입니다".to_string(),
        (Lang::Ko, ErrorKind::StorageFull) => "디스크에 남은 공간이 없습니다".to_string(),
        (Lang::En, ErrorKind::AlreadyExists) => "a file of that name exists".to_string(),
        _ => e.to_string(),
    }
}

/// A scenario's errors ([`sim_core::Scenario::from_toml_all`]: every independent one, in the file's
/// order), each `FILE:LINE:COLUMN: message` on a line of its own: the first
/// [`sim_core::scenario::MAX_ERRORS_SHOWN`], then `FILE: and N more errors`, then where the
/// checks stopped if they did (`note: FILE:LINE:COLUMN: reading stopped here: ...`); or,
/// when the reading stopped after the errors shown, `FILE: more errors follow: the reading
/// stopped at LINE:COLUMN after the first 20; ...` alone.
///
/// Then the file's warnings about a value's unit
/// ([`sim_core::Scenario::unit_warnings`]: an rtt_ms that reads as seconds, a host memory
/// in MiB), which do not wait for the errors to be fixed: `warning: FILE:LINE:COLUMN:
/// message` (`경고:` in Korean) as a valid file's warnings are printed.
pub(crate) fn invalid_with_warnings(
    file: &str,
    errors: &[sim_core::ScenarioError],
    text: &str,
    lang: Lang,
) -> Failure {
    let mut lines = error_lines(file, errors, lang);
    let warnings = sim_core::Scenario::unit_warnings(file, text);
    let label = match lang {
        Lang::En => "warning",
        Lang::Ko => "경고",
    };
    for w in warnings.iter().take(sim_core::scenario::MAX_WARNINGS_SHOWN) {
        lines.push_str(&format!("\n{label}: {}", w.to_string_in(lang.core())));
    }
    Failure::Invalid(lines)
}

/// The error lines of [`invalid_with_warnings`] (an assignment's errors too: those of a step's scenario).
pub(crate) fn error_lines(file: &str, errors: &[sim_core::ScenarioError], lang: Lang) -> String {
    let shown = sim_core::scenario::MAX_ERRORS_SHOWN;
    let mut lines: Vec<String> = (errors.iter().take(shown))
        .map(|e| e.to_string_in(lang.core()))
        .collect();
    // The reading stopped after the errors shown (a file with many errors is read past at
    // most MAX_ERRORS_SHOWN of them): how many more there are is not known, and the error
    // it stopped at is not shown, so no "and 1 more" and no note pointing at it.
    let stopped_after_shown = (errors
        .iter()
        .position(|e| e.stop_note_in(lang.core()).is_some()))
    .filter(|&i| i >= shown)
    .map(|i| &errors[i]);
    if let Some(e) = stopped_after_shown {
        lines.push(match lang {
            Lang::En => format!(
                "{file}: more errors follow: the reading stopped at {}:{} after the first {shown}; fix these and validate again",
                e.line, e.column
            ),
            Lang::Ko => format!(
                "{file}: 오류가 더 있습니다. 처음 {shown}개 다음 {}:{}에서 읽기를 멈췄습니다. 이 오류들을 고친 뒤 다시 검사하세요",
                e.line, e.column
            ),
        });
        return lines.join("\n");
    }
    if let Some(more) = errors.len().checked_sub(shown).filter(|&n| n > 0) {
        lines.push(match lang {
            Lang::En => format!("{file}: and {more} more errors"),
            Lang::Ko => format!("{file}: 오류가 {more}개 더 있습니다"),
        });
    }
    // Where the checks stopped (a syntax error, a name that breaks the rules...): more
    // errors may show once it is fixed.
    if let Some(note) = errors.iter().find_map(|e| e.stop_note_in(lang.core())) {
        lines.push(match lang {
            Lang::En => format!("note: {note}"),
            Lang::Ko => format!("참고: {note}"),
        });
    }
    lines.join("\n")
}

/// A run's error (the event cap of every run; a scenario whose values the check before a
/// run refuses, an invalid scenario: exit 2), in the language of `--lang`.
pub(crate) fn sim_failure(e: sim_core::SimError, lang: Lang) -> Failure {
    match e {
        sim_core::SimError::Invalid(e) => Failure::Invalid(e.to_string_in(lang.core())),
        e => Failure::Other(anyhow::anyhow!("{}", e.message_in(lang.core()))),
    }
}

/// [`sim_failure`], for a run given `--max-events` (`flag`): a run stopped by that limit
/// says so first, with its value and how to raise it, rather than only advising a shorter
/// scenario (the limit is the user's, not the scenario's).
pub(crate) fn run_failure(e: sim_core::SimError, lang: Lang, flag: Option<u64>) -> Failure {
    match (e, flag) {
        (sim_core::SimError::EventLimit { limit, estimate }, Some(n)) if limit == n => {
            // Grouped as the tables print counts ("2,000,000,000").
            let group = |n: u64| sim_core::text::grouped(&n.to_string());
            let (n, estimate) = (group(n), group(estimate));
            let cap = group(sim_core::scenario::MAX_ESTIMATED_EVENTS);
            Failure::Other(match lang {
                Lang::En => anyhow::anyhow!(
                    "the run needed more than --max-events {n} events (the scenario's estimate is at most {estimate} events): raise --max-events (at most {cap}) or leave it out; else shorten duration_ms or use fewer instances"
                ),
                Lang::Ko => anyhow::anyhow!(
                    "실행에 --max-events {n}개보다 많은 이벤트가 필요했습니다 (시나리오 추정치는 최대 {estimate}개). --max-events를 늘리거나(최대 {cap}) 빼세요. 그렇지 않으면 duration_ms를 줄이거나 인스턴스를 줄이세요"
                ),
            })
        }
        (e, _) => sim_failure(e, lang),
    }
}
