//! Validating the editor's text and the settings over it, and the messages that say why not.
//!
//! [`validate`] reads the text as a run would: an invalid text gives its
//! [`EditorErrors`] (every independent error, the first
//! [`MAX_ERRORS_SHOWN`](crate::sim::scenario::MAX_ERRORS_SHOWN) and how many more, as
//! `virtsim validate` prints them), a valid one its baseline, time slices, estimated events
//! and warnings. An edited text over
//! [`VALIDATE_AT_ONCE_BYTES`](super::VALIDATE_AT_ONCE_BYTES) waits for a pause in typing
//! (`State::validation_pending`; `app.rs`'s timer sends `Action::Validate`), and Run
//! validates it first.

use std::rc::Rc;

use super::MAX_SCENARIO_BYTES;
use crate::i18n::Msg;
use crate::knobs::{control_of, Baseline, Knobs, Slices};
use crate::sim::Scenario;

/// A validation error of the editor's text, pointing at line and column. The page shows
/// the place once, in words ("line 26, column 8"), before the message: no
/// "file:line:column:" prefix as the CLI's, which named a file the page had made up from
/// the scenario's name ("lab.toml" for `name = "lab"`, never saved; a reviewer).
#[derive(Debug, Clone, PartialEq)]
pub struct EditorError {
    pub line: usize,
    pub column: usize,
    pub message: Msg,
}

impl EditorError {
    /// A validator's error or warning at its place in the text.
    fn located(e: &crate::sim::ScenarioError) -> EditorError {
        EditorError {
            line: e.line,
            column: e.column,
            message: Msg::of_error(e),
        }
    }
}

/// Every independent error of the editor's text, as `virtsim validate` prints them: the
/// first [`MAX_ERRORS_SHOWN`](crate::sim::scenario::MAX_ERRORS_SHOWN) in the file's order
/// (`Scenario::from_toml_all`), and how many more there are.
#[derive(Debug, Clone, PartialEq)]
pub struct EditorErrors {
    /// Never empty; the first is `Scenario::from_toml`'s error.
    pub shown: Vec<EditorError>,
    /// The errors past the ones shown.
    pub more: usize,
    /// Where the checks stopped, if they did (a TOML syntax error, a required key
    /// missing...: `ScenarioError::stop_reason_in`): its line, column and why, so that the
    /// page says that more errors may show once it is fixed, as `virtsim validate` does.
    pub stopped: Option<(usize, usize, Msg)>,
    /// The text's warnings about a value's unit (`Scenario::unit_warnings`: an rtt_ms
    /// that reads as seconds, a host memory in MiB), shown beside the errors rather than
    /// only once they are fixed, as `virtsim validate` prints them.
    pub warnings: Vec<EditorError>,
}

impl EditorErrors {
    /// The first error in the file's order (the one a single marker showed).
    pub fn first(&self) -> &EditorError {
        &self.shown[0]
    }

    fn of(errors: &[crate::sim::ScenarioError]) -> EditorErrors {
        let cap = crate::sim::scenario::MAX_ERRORS_SHOWN;
        use crate::sim::text::Lang as CoreLang;
        EditorErrors {
            shown: errors.iter().take(cap).map(EditorError::located).collect(),
            // The reading stopped past the errors shown: how many more is not known (the
            // error it stopped at is the only one past them), so none is counted and
            // `stopped` says where it stopped (`virtsim validate` alike).
            more: match errors
                .iter()
                .position(|e| e.stop_reason_in(CoreLang::En).is_some())
            {
                Some(i) if i >= cap => 0,
                _ => errors.len().saturating_sub(cap),
            },
            stopped: errors.iter().find_map(|e| {
                let why = |lang| e.stop_reason_in(lang).map(str::to_string);
                Some((
                    e.line,
                    e.column,
                    Msg {
                        en: why(CoreLang::En)?,
                        ko: why(CoreLang::Ko)?,
                    },
                ))
            }),
            warnings: Vec::new(),
        }
    }
}

/// The outcome of validating the editor's text.
#[derive(Debug, Clone, PartialEq)]
pub enum Validation {
    Valid {
        name: String,
        seed: u64,
        baseline: Box<Baseline>,
        /// The time slices the run uses (the validated scenario's, with the settings), or
        /// the scenario's as written while a setting makes it invalid.
        slices: Slices,
        /// sim-core's estimate of the events a run needs (0 when the settings are invalid).
        events: u64,
        /// Duration of the run, ms (with the settings applied).
        duration_ms: u64,
        /// What the validator warns of in the text (it runs, but not as its author may
        /// think: an instance group OOM-killed even alone), as the CLI's `validate` does:
        /// the first [`MAX_WARNINGS_SHOWN`](crate::sim::scenario::MAX_WARNINGS_SHOWN).
        warnings: Vec<EditorError>,
        /// How many more warnings the text has than `warnings` holds.
        more_warnings: usize,
    },
    Invalid(EditorErrors),
}

/// Validates scenario text the way a run would read it: the text itself (an editor
/// error), then the settings layered over it (a setting's error; the text stays valid).
pub fn validate(
    file: &str,
    text: &str,
    knobs: &Knobs,
) -> (Validation, Option<(Msg, Option<&'static str>)>) {
    if text.len() > MAX_SCENARIO_BYTES {
        let message = Msg {
            en: format!(
                "scenario is {} bytes; at most {} are accepted",
                text.len(),
                MAX_SCENARIO_BYTES
            ),
            ko: format!(
                "시나리오가 {}바이트입니다. 최대 {}바이트까지 받습니다",
                text.len(),
                MAX_SCENARIO_BYTES
            ),
        };
        return (
            Validation::Invalid(EditorErrors {
                shown: vec![EditorError {
                    line: 1,
                    column: 1,
                    message,
                }],
                more: 0,
                stopped: None,
                warnings: Vec::new(),
            }),
            None,
        );
    }
    match crate::parsed::scenario(file, text) {
        Err(errors) => {
            let mut errors = EditorErrors::of(&errors);
            errors.warnings = Scenario::unit_warnings(file, text)
                .iter()
                .take(crate::sim::scenario::MAX_WARNINGS_SHOWN)
                .map(EditorError::located)
                .collect();
            (Validation::Invalid(errors), None)
        }
        Ok(base) => {
            let baseline = Box::new(baseline_of(&base));
            let all = base.warnings();
            let shown = crate::sim::scenario::MAX_WARNINGS_SHOWN;
            let more_warnings = all.len().saturating_sub(shown);
            let warnings: Vec<EditorError> =
                all.iter().take(shown).map(EditorError::located).collect();
            match crate::parsed::adjusted(file, text, &knobs.to_adjustments()) {
                Ok(s) => (
                    Validation::Valid {
                        name: s.name().to_string(),
                        seed: s.seed(),
                        events: s.estimated_events(),
                        duration_ms: s.duration_ms,
                        slices: Slices::of(
                            &s,
                            &baseline.time_slice_written,
                            knobs.time_slice_ms.is_some(),
                        ),
                        baseline,
                        warnings,
                        more_warnings,
                    },
                    None,
                ),
                Err(e) => (
                    Validation::Valid {
                        name: base.name().to_string(),
                        seed: knobs.seed.unwrap_or(base.seed()),
                        events: 0,
                        duration_ms: base.duration_ms,
                        slices: baseline.slices,
                        baseline,
                        warnings,
                        more_warnings,
                    },
                    Some((Msg::of_error(&e), control_of(&e))),
                ),
            }
        }
    }
}

thread_local! {
    /// The last scenario read (`crate::parsed`) and its baseline.
    static BASELINE: std::cell::RefCell<Option<(Rc<Scenario>, Baseline)>> =
        const { std::cell::RefCell::new(None) };
}

/// [`Baseline::of`] the scenario read from a text, once per reading: its instance
/// bounds validate the scenario at each count the slider could take, about as long as
/// reading it, and a slider's move reads the same text again.
fn baseline_of(scenario: &Rc<Scenario>) -> Baseline {
    BASELINE.with(|kept| {
        let mut kept = kept.borrow_mut();
        match &*kept {
            Some((s, baseline)) if Rc::ptr_eq(s, scenario) => baseline.clone(),
            _ => {
                let baseline = Baseline::of(scenario);
                *kept = Some((scenario.clone(), baseline.clone()));
                baseline
            }
        }
    })
}

/// The `name` of the `[scenario]` table of a scenario text, read line by line (the text
/// may not be valid yet): the first `name = "..."` after the `[scenario]` header, before
/// the next header.
pub(super) fn scenario_name_in(text: &str) -> Option<String> {
    let mut in_scenario = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_scenario = line.trim_end_matches(|c: char| c.is_whitespace()) == "[scenario]"
                || line.starts_with("[scenario]") && line[10..].trim_start().starts_with('#');
            continue;
        }
        if !in_scenario {
            continue;
        }
        let Some(rest) = line.strip_prefix("name") else {
            continue;
        };
        let rest = rest.trim_start().strip_prefix('=')?.trim_start();
        let name = rest.strip_prefix('"')?.split('"').next()?;
        return (!name.trim().is_empty()).then(|| name.to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn the_scenario_name_is_read_from_a_text_that_may_not_be_valid() {
        let text = "# lab\n[scenario]\nname = \"disk-lab\"  # mine\nduration_ms = x\n[host]\nname = \"no\"\n";
        assert_eq!(scenario_name_in(text).as_deref(), Some("disk-lab"));
        assert_eq!(scenario_name_in("[host]\nname = \"h\"\n"), None);
        assert_eq!(scenario_name_in("[scenario]\nname = \"\"\n"), None);
    }

    /// Warnings stop at twenty, as `virtsim validate` prints them, then how many more: a
    /// text with hundreds drew a note for each under the editor.
    #[test]
    fn the_editor_lists_twenty_warnings_then_how_many_more() {
        let mut text = String::from("[scenario]\nname = \"s\"\nduration_ms = 5\n[[platform]]\nname = \"c\"\nkind = \"container\"\n");
        for i in 0..23 {
            text.push_str(&format!(
                "[[instance]]\nname = \"g{i}\"\nworkload = \"cpu-bound\"\nmemory_gib = 0.1\n"
            ));
        }
        match validate("x.toml", &text, &Knobs::default()).0 {
            Validation::Valid {
                warnings,
                more_warnings,
                ..
            } => {
                assert_eq!((warnings.len(), more_warnings), (20, 3));
                // The first in the file's order: g0's memory_gib, on line 10.
                assert_eq!(warnings[0].line, 10);
            }
            Validation::Invalid(e) => panic!("invalid: {:?}", e.first().message.en),
        }
    }

    /// A warning about a value's unit (an rtt_ms that reads as seconds) shows beside the
    /// file's errors, not only once they are fixed; a file without one has none.
    #[test]
    fn a_unit_warning_shows_beside_the_errors() {
        let text = "[scenario]\nname = \"d\"\nduration_ms = 0\n[[platform]]\nname = \"vdi\"\nkind = \"vdi\"\nrtt_ms = 0.02\n[[instance]]\nname = \"a\"\nworkload = \"desktop-office\"\n";
        let e = editor_errors(text);
        assert_eq!(e.first().line, 3, "{:?}", e.first().message.en);
        assert_eq!(e.warnings.len(), 1);
        assert_eq!((e.warnings[0].line, e.warnings[0].column), (7, 10));
        assert!(e.warnings[0].message.en.contains("rtt_ms = 0.02"));
        assert!(editor_errors(&text.replace("0.02", "20"))
            .warnings
            .is_empty());
    }

    fn editor_errors(text: &str) -> EditorErrors {
        match validate("x.toml", text, &Knobs::default()).0 {
            Validation::Invalid(e) => e,
            Validation::Valid { .. } => panic!("valid: {text}"),
        }
    }

    fn editor_error(text: &str) -> EditorError {
        match validate("x.toml", text, &Knobs::default()).0 {
            Validation::Invalid(e) => e.first().clone(),
            Validation::Valid { .. } => panic!("valid: {text}"),
        }
    }

    #[test]
    fn a_message_keeps_its_numbers_exact() {
        // A seed one past u64::MAX: grouped through a float, the rejected value and the
        // largest one both showed as 18,446,744,073,709,552,000; now as the CLI prints them:
        // both grouped from their digits (the value beside the bound as the bound is).
        // (A whole file: with other errors, the checks that give a field's range are not
        // reached, and the message says so instead of quoting a range.)
        let text = "[scenario]\nname = \"s\"\nseed = 18446744073709551616\n[[platform]]\nname = \"n\"\nkind = \"native\"\n[[instance]]\nname = \"a\"\nworkload = \"web-server\"\n";
        let e = (editor_errors(text).shown.into_iter())
            .find(|e| e.line == 3)
            .expect("the seed's error");
        for lang in [Lang::En, Lang::Ko] {
            let m = e.message.get(lang);
            assert!(m.contains("18,446,744,073,709,551,615"), "{m}");
            assert!(m.contains("18,446,744,073,709,551,616"), "{m}");
            assert!(!m.contains("552,000"), "{m}");
        }
        // A code point is written as it is.
        let e = editor_error("[scenario]\nname = \"a\\u0000b\"\n");
        assert!(e.message.en.contains("U+0000"), "{}", e.message.en);
        let e = editor_error("[scenario]\nname = \"a\\u0007b\"\n");
        assert!(e.message.en.contains("U+0007"), "{}", e.message.en);
    }

    /// Every independent error, located and in both languages, the first 20 of them with
    /// the count of the others (`virtsim validate`'s cap).
    #[test]
    fn every_independent_error_is_listed_with_the_clis_cap() {
        // host.cores = 0 at 5:9 and workload `web-sever` at 13:12: two independent errors.
        let text = "[scenario]\nname = \"two\"\nduration_ms = 10\n[host]\ncores = 0\n[[platform]]\nname = \"n\"\nkind = \"native\"\n\n[[instance]]\nname = \"a\"\n# a typo\nworkload = \"web-sever\"\n";
        let e = editor_errors(text);
        let places: Vec<(usize, usize)> = e.shown.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(places, [(5, 9), (13, 12)]);
        // The place is the list's to show, once: no "x.toml:5:9:" in the message.
        for e in &e.shown {
            for lang in [Lang::En, Lang::Ko] {
                assert!(!e.message.get(lang).contains("x.toml"), "{:?}", e.message);
            }
        }
        assert_eq!(e.more, 0);
        assert!(
            e.shown[0]
                .message
                .en
                .starts_with("host.cores must be between 1 and 1,024"),
            "{}",
            e.shown[0].message.en
        );
        assert!(
            e.shown[1].message.en.contains("web-server"),
            "{}",
            e.shown[1].message.en
        );
        assert!(
            e.shown[0]
                .message
                .ko
                .contains("host.cores 값은 1에서 1,024 사이여야 합니다"),
            "{}",
            e.shown[0].message.ko
        );
        // Nothing stopped the checks: no note.
        assert_eq!(e.stopped, None);
        // An unknown key is read past (the host's error and the key's, both); a syntax
        // error stops the reading, and the list says where, in both languages.
        let e = editor_errors(&text.replace("# a typo", "wrokload = 1"));
        let places: Vec<(usize, usize)> = e.shown.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(places, [(5, 9), (12, 1), (13, 12)]);
        assert_eq!(e.stopped, None);
        let e = editor_errors(&text.replace("# a typo", "count = = 2"));
        let (line, column, why) = e.stopped.expect("the reading stopped");
        assert_eq!((e.shown.len(), line, column), (1, 12, 9));
        assert_eq!(
            why.en,
            "reading stopped here: the file's other checks run once this error is fixed"
        );
        assert!(why.ko.starts_with("여기서 읽기를 멈췄습니다"), "{}", why.ko);
        // 25 instances, each with the workload misspelt: 25 errors, 20 shown and 5 more.
        let mut many = String::from(
            "[scenario]\nname = \"many\"\n[[platform]]\nname = \"n\"\nkind = \"native\"\n",
        );
        for i in 0..25 {
            many.push_str(&format!(
                "[[instance]]\nname = \"i{i}\"\nworkload = \"web-sever\"\n"
            ));
        }
        let e = editor_errors(&many);
        assert_eq!((e.shown.len(), e.more), (20, 5));
        // In the file's order: instance k's workload is on line 8 + 3k.
        let lines: Vec<usize> = e.shown.iter().map(|e| e.line).collect();
        assert_eq!(lines, (0..20).map(|k| 8 + 3 * k).collect::<Vec<_>>());
    }

    /// A message reads as the CLI prints it, in both languages: a value quoted as the file
    /// writes it without separators, like `memory_gib = 2048` (`2,048` is no TOML number),
    /// and the number written beside a grouped bound grouped as the bound is, in both (a
    /// reviewer read "got 5,000" on the page and "got 5000" in the CLI and the assignment
    /// notice; sim-core's messages now group it everywhere: "between 1 and 1,024; got 5,000").
    #[test]
    fn a_message_is_the_clis() {
        let text = "[scenario]\nname = \"m\"\n[host]\nmemory_gib = 64\n[[platform]]\nname = \"c\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n[[instance]]\nname = \"i\"\nworkload = \"cpu-bound\"\nmemory_gib = 2048\n";
        let e = editor_error(text);
        let (en, ko) = (&e.message.en, &e.message.ko);
        assert!(en.contains("memory_gib = 2048 is 2048 GiB"), "{en}");
        assert!(en.contains("write memory_gib = 2)"), "{en}");
        assert!(ko.contains("memory_gib = 2048은 2048 GiB"), "{ko}");
        assert!(ko.contains("memory_gib = 2로"), "{ko}");
        let scenario = crate::sim::Scenario::from_toml("x.toml", text).unwrap_err();
        assert_eq!(en, &scenario.message_in(crate::sim::text::Lang::En));
        assert_eq!(ko, &scenario.message_in(crate::sim::text::Lang::Ko));
        // The reviewer's figure, grouped as its bound, in both languages, as the CLI says it.
        let with_cores = text.replace("memory_gib = 64", "memory_gib = 64\ncores = 5000");
        let e = editor_error(&with_cores);
        let scenario = crate::sim::Scenario::from_toml("x.toml", &with_cores).unwrap_err();
        for lang in [Lang::En, Lang::Ko] {
            let m = e.message.get(lang);
            assert!(m.contains("5,000") && !m.contains("5000"), "{m}");
            assert_eq!(m, scenario.message_in(lang.core()));
        }
    }
}
