//! The reducer's tests: opening texts and links, validation while typing, the settings and
//! their errors, the run budget, stale results and the explanations a setting contradicts.

use yew::Reducible;

use super::run_gate::fitting_duration_ms;
use super::*;
use crate::builtin;
use crate::sim::Scenario;

#[test]
fn a_share_links_bad_duration_is_blamed_on_the_duration() {
    let (file, text) = builtin::BUILTIN[0];
    let knobs = Knobs {
        instance_count: Some(2),
        duration_ms: Some(999_999_999),
        ..Knobs::default()
    };
    let mut s = State::new(Lang::En, None);
    s.apply_shared(Shared {
        file: file.to_string(),
        text: text.to_string(),
        knobs,
        tab: None,
        library_hash: None,
        op: None,
        log: Vec::new(),
    });
    assert_eq!(s.knob_error.map(|e| e.control), Some(Some("k-duration")));
}

#[test]
fn a_typed_memory_size_sets_the_memory_or_errs_at_the_memory_control() {
    let s = Rc::new(State::new(Lang::En, None)).reduce(Action::Cancel);
    let host = s.baseline.host_memory_mib;
    // A size the slider's 64 MiB steps miss is set as the slider sets one, and runs.
    let s = s.reduce(Action::TypeMemory("1000".into()));
    assert_eq!(s.knobs.memory_per_instance_mib, Some(1000));
    assert!(
        s.knob_error.is_none() && s.is_running(),
        "{:?}",
        s.knob_error
    );
    // Not a number: the error at the memory field, the text kept, nothing runs.
    let s = s
        .reduce(Action::Cancel)
        .reduce(Action::TypeMemory("lots".into()));
    let err = s.knob_error.clone().expect("an error");
    assert_eq!(err.control, Some("k-memory"));
    assert!(err.message.en.contains("lots"), "{err:?}");
    assert_eq!(s.memory_text.as_deref(), Some("lots"));
    assert_eq!(s.knobs.memory_per_instance_mib, Some(1000));
    assert!(!s.can_run() && !s.clone().reduce(Action::Run).is_running());
    // A number beyond the host: the validator's error, at the same field.
    let s = s.reduce(Action::TypeMemory((host + 1).to_string()));
    assert_eq!(s.memory_text, None);
    assert_eq!(
        s.knob_error.as_ref().and_then(|e| e.control),
        Some("k-memory")
    );
    // Back to the scenario's value: no error, nothing typed kept.
    let mut k = s.knobs.clone();
    k.memory_per_instance_mib = None;
    let s = s
        .reduce(Action::TypeMemory("x".into()))
        .reduce(Action::SetKnobs(k));
    assert!(s.knob_error.is_none() && s.memory_text.is_none());
    // Below the slider's least: the page's own MiB message, the text kept.
    let s = s.reduce(Action::TypeMemory("16".into()));
    let err = s.knob_error.clone().expect("an error");
    assert_eq!(err.control, Some("k-memory"));
    assert!(err.message.en.contains("64 MiB"), "{err:?}");
    assert_eq!(s.memory_text.as_deref(), Some("16"));
    // Escape: the text and its error go, the setting stays. No result on screen: it runs.
    let knobs = s.knobs.clone();
    let escaped = s.clone().reduce(Action::DiscardMemoryText);
    assert!(escaped.knob_error.is_none() && escaped.memory_text.is_none());
    assert_eq!(escaped.knobs, knobs);
    assert!(escaped.is_running());
    // A result of these settings on screen: nothing runs, and its status line is back.
    let tiny = "[scenario]\nname = \"t\"\nduration_ms = 1\n[[platform]]\nname = \"n\"\nkind = \"native\"\n[[instance]]\nname = \"a\"\nworkload = \"cpu-bound\"\n";
    let result = Scenario::from_toml("t.toml", tiny).unwrap().run().unwrap();
    let done = RunStatus::Done {
        events: result.events,
        millis: 1.0,
    };
    let mut shown = (*s).clone();
    // (The run that the settings above started has finished: its result is shown.)
    shown.status = RunStatus::Idle;
    shown.running = None;
    shown.result = Some(ResultRef(Rc::new(result)));
    shown.result_input = Some(shown.input());
    shown.result_status = Some(done.clone());
    let escaped = Rc::new(shown.clone()).reduce(Action::DiscardMemoryText);
    assert!(!escaped.is_running() && escaped.knob_error.is_none());
    assert_eq!(escaped.status, done);
    // Settings changed since that result (stale): it runs.
    shown.knobs.seed = Some(7);
    let escaped = Rc::new(shown).reduce(Action::DiscardMemoryText);
    assert!(escaped.is_running());
}

#[test]
fn a_long_text_is_validated_when_typing_pauses_or_before_a_run() {
    let s = Rc::new(State::new(Lang::En, None));
    let library = s.text.to_string();
    // A short text is validated at once: a misspelt section name is an error.
    let s = s.reduce(Action::Edit(format!("{library}\n[hots]\n")));
    assert!(!s.validation_pending);
    assert!(matches!(s.validation, Validation::Invalid(_)));
    // The library text padded past the limit with comments: still the validation of
    // the text before (invalid) until typing pauses.
    let padding =
        "# a comment line to make the text long\n".repeat(VALIDATE_AT_ONCE_BYTES / 40 + 1);
    let long = format!("{library}\n{padding}");
    assert!(long.len() > VALIDATE_AT_ONCE_BYTES);
    let s = s.reduce(Action::Edit(long.clone()));
    assert!(s.validation_pending);
    assert!(matches!(s.validation, Validation::Invalid(_)));
    // Run stays enabled (it validates first), and the download takes the name the
    // text writes.
    assert!(s.can_run());
    let renamed = s.clone().reduce(Action::Edit(long.replacen(
        "[scenario]\nname = \"",
        "[scenario]\nname = \"renamed-",
        1,
    )));
    assert!(renamed.validation_pending, "{}", &renamed.text[..80]);
    assert!(
        renamed.download_name().starts_with("renamed-"),
        "{}",
        renamed.download_name()
    );
    let paused = s.clone().reduce(Action::Validate);
    assert!(!paused.validation_pending);
    assert!(matches!(paused.validation, Validation::Valid { .. }));
    // Run before the pause: validated first, and it runs.
    let run = s.run_id;
    let ran = s.reduce(Action::Run);
    assert!(!ran.validation_pending && ran.run_id == run + 1 && ran.is_running());
    // A text over the page's limit is refused at once (the check is its length).
    let over = ran.reduce(Action::Edit("#".repeat(MAX_SCENARIO_BYTES + 1)));
    assert!(!over.validation_pending && matches!(over.validation, Validation::Invalid(_)));
    // A long text with an error: Run validates it and does not run.
    let broken =
        Rc::new(State::new(Lang::En, None)).reduce(Action::Edit(format!("{long}[hots]\n")));
    let run = broken.run_id;
    let broken = broken.reduce(Action::Run);
    assert!(!broken.validation_pending && broken.run_id == run);
    assert!(matches!(broken.validation, Validation::Invalid(_)));
}

/// Network settings are kept by platform place: an edit that removes or reorders the
/// platforms drops them (the city's 100 ms moved onto the continent, marked "changed",
/// when the LAN before it was deleted; a reviewer); an edit that keeps them keeps them.
#[test]
fn network_settings_go_when_an_edit_changes_the_platforms() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scenarios/vdi-network.toml"
    ))
    .unwrap();
    let s = Rc::new(State::new(Lang::En, None)).reduce(Action::LoadFile {
        file: "vdi-network.toml".into(),
        text: text.clone(),
    });
    let knobs = s.knobs.with_network(1, |n| n.rtt_ms = Some(100));
    let s = s.reduce(Action::SetKnobs(knobs));
    assert_eq!(s.knobs.network(1).rtt_ms, Some(100));
    // A comment added: the same platforms, the setting stays.
    let kept = s
        .clone()
        .reduce(Action::Edit(format!("{text}\n# a note\n")));
    let kept = kept.reduce(Action::Validate);
    assert_eq!(kept.knobs.network(1).rtt_ms, Some(100));
    // The LAN (the first platform) deleted: the city is now first, nothing moves onto it.
    let start = text.find("[[platform]]\nname = \"lan-5ms\"").unwrap();
    let end = start
        + text[start..]
            .find("[[platform]]\nname = \"city-50ms\"")
            .unwrap();
    let without_lan = format!("{}{}", &text[..start], &text[end..])
        .replace("platforms = [\"lan-5ms\", ", "platforms = [");
    let edited = s.reduce(Action::Edit(without_lan)).reduce(Action::Validate);
    assert!(
        matches!(edited.validation, Validation::Valid { .. }),
        "{:?}",
        edited.validation
    );
    assert!(edited.knobs.networks.is_empty(), "{:?}", edited.knobs);
}

#[test]
fn a_library_text_pasted_over_takes_the_new_scenarios_name() {
    let s = Rc::new(State::new(Lang::En, None));
    let library = s.file.clone();
    assert!(builtin::position(&library).is_some(), "{library}");
    let s = s.reduce(Action::Edit(
        "[scenario]\nname = \"disk-lab\"\nduration_ms = 10\n".to_string(),
    ));
    assert_eq!(s.file, "disk-lab.toml");
    // Renaming it again follows; the library text pasted back is the library's.
    let s = s.reduce(Action::Edit(
        "[scenario]\nname = \"disk-lab-2\"\n".to_string(),
    ));
    assert_eq!(s.file, "disk-lab-2.toml");
    let i = builtin::position(&library).unwrap();
    let s = s.reduce(Action::Edit(builtin::BUILTIN[i].1.to_string()));
    assert_eq!((s.file.as_str(), s.builtin), (library.as_str(), Some(i)));
    // A file refused before (not UTF-8): its notice goes when the next one opens.
    let s = s.reduce(Action::Notice(Some(
        "bad.toml:1:1: the file is not valid UTF-8 text".into(),
    )));
    // A file opened from disk keeps its own name.
    let s = s.reduce(Action::LoadFile {
        file: "mine.toml".into(),
        text: "[scenario]\nname = \"a\"\n".into(),
    });
    assert_eq!(s.notice, None);
    let s = s.reduce(Action::Edit("[scenario]\nname = \"b\"\n".to_string()));
    assert_eq!(s.file, "mine.toml");
}

#[test]
fn an_edited_text_that_a_library_pick_replaces_is_kept_and_comes_back() {
    let s = Rc::new(State::new(Lang::En, None));
    let first = s.builtin.unwrap();
    let other = (first + 1) % builtin::files().count();
    // A library text loaded and not edited: nothing to keep.
    let s = s.reduce(Action::SelectBuiltin(other));
    assert_eq!(s.draft_to_offer(), None);
    let mine = "[scenario]\nname = \"mine\"\n";
    let s = s.reduce(Action::Edit(mine.to_string()));
    // The arrow keys on the list pick one scenario after another: the edited text
    // stays kept, and is offered back with the file that replaced it first.
    let s = s.reduce(Action::SelectBuiltin(first));
    let s = s.reduce(Action::SelectBuiltin(other));
    let draft = s.draft_to_offer().expect("kept").clone();
    assert_eq!((&*draft.text, draft.file.as_str()), (mine, "mine.toml"));
    // Back: the text and its name, as edited text (not run until asked).
    let run = s.run_id;
    let s = s.reduce(Action::RestoreDraft);
    assert_eq!(
        (&*s.text, s.file.as_str(), s.builtin),
        (mine, "mine.toml", None)
    );
    assert!(s.edited && s.run_id == run && s.draft_to_offer().is_none());
    // Edited again and replaced by an opened file: the newer edit is kept.
    let s = s.reduce(Action::Edit(format!("{mine}# more\n")));
    let s = s.reduce(Action::LoadFile {
        file: "disk.toml".into(),
        text: "[scenario]\nname = \"disk\"\n".into(),
    });
    assert!(s.draft_to_offer().unwrap().text.ends_with("# more\n"));
    // Bringing it back over an edited text keeps that one in its place.
    let s = s.reduce(Action::Edit("[scenario]\nname = \"disk2\"\n".into()));
    let s = s.reduce(Action::RestoreDraft);
    assert!(s.text.ends_with("# more\n"));
    assert_eq!(s.draft_to_offer().unwrap().file, "disk.toml");
    // Dismissed: gone.
    let s = s.reduce(Action::ForgetDraft);
    assert_eq!(s.draft_to_offer(), None);
    // A share link opened over an edited text keeps it too.
    let s = s.reduce(Action::Edit(format!("{mine}# shared over\n")));
    let s = s.reduce(Action::ApplyShared(Shared {
        file: "other.toml".into(),
        text: "[scenario]\nname = \"other\"\n".into(),
        knobs: Knobs::default(),
        tab: None,
        library_hash: None,
        op: None,
        log: Vec::new(),
    }));
    assert!(s
        .draft_to_offer()
        .unwrap()
        .text
        .ends_with("# shared over\n"));
}

#[test]
fn a_library_link_opens_the_librarys_text_with_its_settings() {
    let file = "io-paths.toml";
    let text = builtin::text_by_name(file).unwrap().to_string();
    let knobs = Knobs {
        seed: Some(4),
        ..Knobs::default()
    };
    let link = |hash: u64| Shared {
        file: file.into(),
        text: String::new(),
        knobs: knobs.clone(),
        tab: Some("charts".into()),
        library_hash: Some(hash),
        op: Some("net_send".into()),
        log: vec!["chart-exits".into()],
    };
    let hash = crate::sim::assignment::variation::fnv1a(text.as_bytes());
    // Native builds hold every text: it opens at once, on its view, and runs.
    let s = State::new(Lang::En, Some(Ok(link(hash))));
    assert_eq!((s.file.as_str(), &*s.text), (file, text.as_str()));
    assert_eq!((s.knobs.clone(), s.tab), (knobs.clone(), Tab::Charts));
    assert_eq!(s.chart_op, Some(Op::NetSend));
    assert_eq!(s.shared().op.as_deref(), Some("net_send"));
    // The exits chart on its log axis, as the link was made; pressing its toggle takes it
    // back to the linear axis, and a link made then carries no log axis.
    assert_eq!(s.chart_logs, ["chart-exits"]);
    assert_eq!(s.shared().log, ["chart-exits"]);
    let linear = Rc::new(s.clone()).reduce(Action::ToggleChartLog("chart-exits".into()));
    assert!(linear.chart_logs.is_empty() && linear.shared().log.is_empty());
    let again = linear.reduce(Action::ToggleChartLog("chart-exits".into()));
    assert_eq!(again.shared().log, ["chart-exits"]);
    assert!(s.is_running() && s.notice.is_none() && s.pending_share.is_none());
    assert_eq!(s.builtin, builtin::position(file));
    // Made with another version of the file: today's text, and the page says so.
    let s = State::new(Lang::En, Some(Ok(link(hash ^ 1))));
    assert_eq!(&*s.text, text.as_str());
    assert!(s
        .notice
        .as_deref()
        .is_some_and(|n| n.contains("another version of `io-paths.toml`")));
    // A file the library does not have: the default scenario, and why.
    let s = State::new(
        Lang::Ko,
        Some(Ok(Shared {
            file: "gone.toml".into(),
            ..link(hash)
        })),
    );
    assert_eq!(s.builtin, Some(builtin::first()));
    assert!(
        s.notice
            .as_deref()
            .is_some_and(|n| n.contains("`gone.toml`이 이 페이지에 없습니다")),
        "{:?}",
        s.notice
    );
    // A library text that could not be fetched (the page's build: only the first is
    // built in): the scenario on screen runs, the failure is said and keeps the link.
    let mut waiting = State::new(Lang::En, None);
    waiting.status = RunStatus::Idle;
    waiting.pending_share = Some(link(hash));
    waiting.loading = Some(file.into());
    let s = Rc::new(waiting).reduce(Action::FetchFailed {
        failure: builtin::FetchFailure {
            file: file.into(),
            problem: builtin::FetchProblem::Status(404),
        },
        within: None,
    });
    assert!(s.is_running() && s.pending_share.is_none() && s.loading.is_none());
    assert!(s.shows_fetch_failure());
}

#[test]
fn the_suggested_duration_fits_and_is_rounded_to_two_digits() {
    let budget = crate::run_end::MAX_EVENTS;
    // About 7 ms fit: 7, not 1 (it rounded down to tens, then floored at 1).
    assert_eq!(fitting_duration_ms(1000, budget * 125, budget), 7);
    assert_eq!(fitting_duration_ms(1000, budget * 13, budget), 69);
    assert_eq!(fitting_duration_ms(60_000, budget * 7, budget), 7_700);
    assert_eq!(fitting_duration_ms(100, budget * 2, budget), 45);
    // Each fits: the estimate scaled to it stays under the budget.
    for (ms, events) in [
        (1000, budget * 125),
        (1000, budget * 13),
        (60_000, budget * 7),
    ] {
        let fit = fitting_duration_ms(ms, events, budget);
        assert!(fit >= 1 && (events as f64 * fit as f64 / ms as f64) <= budget as f64);
    }
    // Not even 1 ms: none to suggest.
    assert_eq!(fitting_duration_ms(10, budget * 100, budget), 0);
}

#[test]
fn an_over_budget_scenario_runs_only_when_asked_and_a_change_asks_again() {
    let big = "[scenario]\nname = \"big\"\nduration_ms = 1000\n[host]\ncores = 64\nmemory_gib = 2048\n[[platform]]\nname = \"hv\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n[[instance]]\nname = \"vm\"\ncount = 256\nvcpus = 2\nmemory_gib = 2\nworkload = \"syscall-heavy\"\n";
    // (The page opens running its first scenario: cancelled here.)
    let s = Rc::new(State::new(Lang::En, None))
        .reduce(Action::Cancel)
        .reduce(Action::Edit(big.to_string()));
    assert!(
        s.estimate().is_some_and(|e| e.over_budget),
        "{:?}",
        s.estimate()
    );
    assert!(!s.can_run());
    let s = s.reduce(Action::Run);
    assert!(!s.is_running());
    let s = s.reduce(Action::RunAnyway);
    assert!(s.is_running());
    let s = s.reduce(Action::Cancel);
    let s = s.reduce(Action::Edit(big.replace("count = 256", "count = 255")));
    assert!(!s.run_anyway && !s.can_run());
}

#[test]
fn a_run_is_shown_only_after_its_timer_and_its_progress_only_then() {
    // The page opens running its first scenario.
    let s = Rc::new(State::new(Lang::En, None));
    assert!(s.is_running() && !s.running_shown);
    let id = s.run_id;
    // Progress before the run is shown changes nothing (no render).
    let before = s.clone();
    let s = s.reduce(Action::Progress {
        id,
        done: 5,
        total: 10,
    });
    assert!(
        Rc::ptr_eq(&before, &s),
        "progress of an unshown run re-rendered"
    );
    // Another run's timer is ignored; this run's shows it.
    let s = s.reduce(Action::ShowRunning { id: id + 1 });
    assert!(!s.running_shown);
    let s = s.reduce(Action::ShowRunning { id });
    assert!(s.running_shown);
    let s = s.reduce(Action::Progress {
        id,
        done: 5,
        total: 10,
    });
    assert!(matches!(
        s.status,
        RunStatus::Running { done: 5, total: 10 }
    ));
    // The next run starts unshown again; a late timer of the old one is ignored.
    let s = s.reduce(Action::Cancel).reduce(Action::Run);
    assert!(s.is_running() && !s.running_shown);
    let s = s.reduce(Action::ShowRunning { id });
    assert!(!s.running_shown);
}

#[test]
fn results_marked_stale_before_a_run_stay_marked_through_it() {
    // A finished run, then an edit that is not run: the results are marked.
    let s = Rc::new(State::new(Lang::En, None)).reduce(Action::Cancel);
    let text = s.text.to_string();
    let s = s.reduce(Action::Run);
    let id = s.run_id;
    let result = crate::state::ResultRef(Rc::new(
        Scenario::from_toml(&s.file, &text).unwrap().run().unwrap(),
    ));
    let s = s.reduce(Action::Finished {
        id,
        result,
        events: 1,
        millis: 1.0,
        whole: true,
    });
    assert!(!s.shows_results_stale());
    // A slider moved: its re-run replaces the results in place, unmarked until shown.
    let moved = s.clone().reduce(Action::SetKnobs(Knobs {
        seed: Some(12345),
        ..s.knobs.clone()
    }));
    assert!(moved.is_running() && !moved.running_shown && !moved.shows_results_stale());
    // Another library scenario picked: the results shown are the one before's, marked
    // at once.
    let other = (s.builtin.unwrap() + 1) % builtin::files().count();
    let picked = s.clone().reduce(Action::SelectBuiltin(other));
    assert!(picked.file != s.file && picked.shows_results_stale());
    let s = s.reduce(Action::Edit(
        text.replace("[scenario]", "[scenario]\n# edited"),
    ));
    assert!(s.shows_results_stale());
    // Running the edit keeps the mark from the start, before the run is shown.
    let s = s.reduce(Action::Run);
    assert!(s.is_running() && !s.running_shown && s.shows_results_stale());
}

#[test]
fn the_shown_results_settings_are_those_it_ran_with() {
    let mut s = State::new(Lang::En, None);
    assert!(s.result_settings_changed().is_empty(), "no result yet");
    let base = (*s.baseline).clone();
    s.result_baseline = Some(Rc::new(base.clone()));
    s.result_input = Some(RunInput {
        knobs: Knobs {
            duration_ms: Some(base.duration_ms * 2),
            ..Knobs::default()
        },
        ..s.input()
    });
    // The settings on screen are not what the shown result ran with.
    s.knobs = Knobs::default();
    assert_eq!(s.result_settings_changed().len(), 1);
}

/// A small scenario with a choice question and its explanation (two platforms; which
/// one the run picks does not matter here: the run with other settings is given the
/// other answer, as full-para-hybrid's most-exits-disk gets hw-disk instead of
/// para-disk on one core with three instances per group, a reviewer's case).
const TWO: &str = "[scenario]\nname = \"two\"\nduration_ms = 20\n[host]\ncores = 2\n[[platform]]\nname = \"a\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n[[platform]]\nname = \"b\"\nkind = \"container\"\n[[instance]]\nname = \"g\"\ncount = 1\nvcpus = 1\nmemory_gib = 1\nworkload = \"syscall-heavy\"\n[[question]]\nid = \"busiest\"\nkind = \"choice\"\ntext = { en = \"Which has the most exits?\", ko = \"exit가 가장 많은 것은?\" }\nmetric = \"exits_per_second\"\nselect = \"highest\"\nexplanation = { en = \"Because.\", ko = \"그래서.\" }\n";

#[test]
fn an_explanation_is_flagged_when_the_settings_change_its_answer() {
    use crate::components::questions::contradiction;
    let run = |s: &State, text: &str, knobs: &Knobs| {
        let scenario =
            crate::parsed::adjusted(&s.file, text, &knobs.to_adjustments()).expect("valid");
        (*scenario).clone().run().expect("runs")
    };
    let s = Rc::new(State::new(Lang::En, None))
        .reduce(Action::Cancel)
        .reduce(Action::Edit(TWO.to_string()))
        .reduce(Action::Run);
    // As written: its answers are the explanations' own, nothing to run for them.
    assert!(s.is_running() && !s.running_wants_written);
    let written = run(&s, TWO, &Knobs::default());
    let answer = written.questions[0].answer.clone();
    let other = if answer == "a" { "b" } else { "a" };
    let id = s.run_id;
    let s = s.reduce(Action::Finished {
        id,
        result: ResultRef(Rc::new(written)),
        events: 1,
        millis: 1.0,
        whole: true,
    });
    assert_eq!(s.written.as_ref().map(|w| &*w.text), Some(TWO));
    assert!(s.written_answers().is_none(), "nothing to flag as written");
    // One core: the answers as written are known, no second run.
    let knobs = Knobs {
        host_cores: Some(1),
        ..Knobs::default()
    };
    let s = s.reduce(Action::SetKnobs(knobs.clone()));
    assert!(s.is_running() && !s.running_wants_written);
    let mut moved = run(&s, TWO, &knobs);
    moved.questions[0].answer = other.to_string();
    let id = s.run_id;
    let s = s.reduce(Action::Finished {
        id,
        result: ResultRef(Rc::new(moved.clone())),
        events: 1,
        millis: 1.0,
        whole: true,
    });
    let w = s.written_answers().expect("the answers as written");
    assert_eq!(w[0].answer, answer, "kept from the run as written");
    let label = |n: &str| n.to_uppercase();
    let changed = s.result_settings_changed();
    assert_eq!(
            contradiction(Lang::En, &moved.questions[0], &w[0], &changed, &label).as_deref(),
            Some(&*format!(
                "With these settings (host cores 1) the answer is {}; this explanation was written \
                 for the scenario as written, whose answer is {}: read it as the reasoning for that answer.",
                other.to_uppercase(),
                answer.to_uppercase()
            ))
        );
    let ko = contradiction(Lang::Ko, &moved.questions[0], &w[0], &changed, &label).unwrap();
    assert!(
        ko.contains(&format!("정답이 {}입니다", other.to_uppercase()))
            && ko.contains(&format!("그 설정의 정답은 {}입니다", answer.to_uppercase())),
        "{ko}"
    );
    // The same answer: no flag (the settings note says the figures may differ).
    assert_eq!(
        contradiction(Lang::En, &w[0], &w[0], &changed, &label),
        None
    );
    // Another text run with other settings: its answers as written are unknown, so they
    // are run for once it is done, and taken when they come.
    let edited = TWO.replace("[host]", "# edited\n[host]");
    let s = s.reduce(Action::Edit(edited.clone())).reduce(Action::Run);
    assert!(s.is_running() && s.running_wants_written);
    let id = s.run_id;
    let s = s.reduce(Action::Finished {
        id,
        result: ResultRef(Rc::new(moved)),
        events: 1,
        millis: 1.0,
        whole: true,
    });
    assert!(
        s.written_answers().is_none(),
        "the other text's answers are not these"
    );
    let answers = run(&s, &edited, &Knobs::default()).questions;
    let s = s.reduce(Action::WrittenAnswers {
        text: Rc::from(edited.as_str()),
        answers,
    });
    assert_eq!(s.written_answers().expect("taken")[0].answer, answer);
}

/// A description quoting a receive's latency: a workload without receives takes that
/// figure away ("…"), which the page then says under the description
/// (`State::figures_missing`), as it says the questions such a setting leaves out.
const QUOTING: &str = "[scenario]\nname = \"quoting\"\ndescription = { en = \"A receive takes {mean_latency_us:a:net_receive} µs.\", ko = \"수신은 {mean_latency_us:a:net_receive} µs 걸립니다.\" }\nduration_ms = 20\n[[platform]]\nname = \"a\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n[[instance]]\nname = \"g\"\nworkload = \"network-rr\"\n";

#[test]
fn a_description_figure_a_setting_takes_away_is_counted() {
    let description = "A receive takes {mean_latency_us:a:net_receive} µs.";
    let finish = |s: Rc<State>, knobs: &Knobs| {
        let scenario =
            crate::parsed::adjusted(&s.file, QUOTING, &knobs.to_adjustments()).expect("valid");
        let result = (*scenario).clone().run().expect("runs");
        let id = s.run_id;
        s.reduce(Action::Finished {
            id,
            result: ResultRef(Rc::new(result)),
            events: 1,
            millis: 1.0,
            whole: true,
        })
    };
    let s = Rc::new(State::new(Lang::En, None))
        .reduce(Action::Cancel)
        .reduce(Action::Edit(QUOTING.to_string()))
        .reduce(Action::Run);
    // Before a result every figure waits for it: nothing to say.
    assert_eq!(s.figures_missing(description), 0);
    let s = finish(s, &Knobs::default());
    assert_eq!(
        s.figures_missing(description),
        0,
        "{}",
        s.filled_text(description)
    );
    let knobs = Knobs {
        workload: Some("cpu-bound".into()),
        ..Knobs::default()
    };
    let s = s.reduce(Action::SetKnobs(knobs.clone()));
    let s = finish(s, &knobs);
    assert_eq!(s.filled_text(description), "A receive takes … µs.");
    assert_eq!(s.figures_missing(description), 1);
}

// The settings (`knobs/`) through the reducer.

fn library(file: &str) -> (&'static str, &'static str) {
    builtin::BUILTIN
        .iter()
        .find(|(f, _)| *f == file)
        .copied()
        .unwrap()
}

/// A network value out of the file's range (a link edited by hand: the sliders stay
/// inside it) is the validator's error, blamed on the slider that sets it.
#[test]
fn a_network_setting_out_of_range_is_blamed_on_its_control() {
    let (file, text) = library("vdi-network.toml");
    let mut s = State::new(Lang::En, None);
    s.apply_shared(Shared {
        file: file.to_string(),
        text: text.to_string(),
        knobs: Knobs::default(),
        tab: None,
        library_hash: None,
        op: None,
        log: Vec::new(),
    });
    let s = Rc::new(s).reduce(Action::SetKnobs(
        Knobs::default().with_network(1, |n| n.rtt_ms = Some(2500)),
    ));
    let err = s.knob_error.as_ref().expect("an error");
    assert_eq!(err.control, Some("k-rtt"));
    assert!(
        err.message
            .en
            .contains("rtt_ms must be between 0 and 2,000"),
        "{err:?}"
    );
    let scenario = Scenario::from_toml(file, text).unwrap();
    let e = scenario
        .adjusted(
            &Knobs::default()
                .with_network(1, |n| n.loss_permille = Some(600))
                .to_adjustments(),
        )
        .unwrap_err();
    assert_eq!(crate::knobs::control_of(&e), Some("k-loss"));
    // Back in range: valid again.
    let s = s.reduce(Action::SetKnobs(
        Knobs::default().with_network(1, |n| n.rtt_ms = Some(250)),
    ));
    assert!(s.knob_error.is_none(), "{:?}", s.knob_error);
}

#[test]
fn moving_a_slider_away_and_back_gives_the_scenario_back() {
    // memory-overcommit: 4 VMs on `fits`, 8 on the others. The slider's baseline is
    // the first group's 4; at 3 every group has 3; back at 4 the scenario is as
    // written again (4 + 8), not 4 everywhere.
    let i = builtin::position("memory-overcommit.toml").unwrap();
    let (file, text) = builtin::BUILTIN[i];
    let mut s = State::new(Lang::En, None);
    s.apply_shared(Shared {
        file: file.to_string(),
        text: text.to_string(),
        knobs: Knobs::default(),
        tab: None,
        library_hash: None,
        op: None,
        log: Vec::new(),
    });
    let at = |n: u32| Knobs {
        instance_count: Some(n),
        ..Knobs::default()
    };
    let s = Rc::new(s).reduce(Action::SetKnobs(at(3)));
    assert_eq!(s.knobs.instance_count, Some(3));
    let s = s.reduce(Action::SetKnobs(at(4)));
    assert_eq!(s.knobs, Knobs::default());
    let scenario = Scenario::from_toml(file, text).unwrap();
    let counts = |sc: &Scenario| sc.instances.iter().map(|g| g.count).collect::<Vec<_>>();
    let adjusted = scenario.adjusted(&s.knobs.to_adjustments()).unwrap();
    assert_eq!(counts(&adjusted), vec![4, 8]);
    // Any other setting at the scenario's own value is "as written" too.
    let base = Baseline::of(&scenario);
    let knobs = Knobs {
        vm_exit_cycles: Some(base.vm_exit_cycles),
        duration_ms: Some(base.duration_ms + 1),
        ..Knobs::default()
    }
    .at_baseline_as_written(&base);
    assert_eq!(knobs.vm_exit_cycles, None);
    assert_eq!(knobs.duration_ms, Some(base.duration_ms + 1));
}

/// A container (fair scheduler) that writes no `time_slice_ms` runs CFS's 6 ms scaled by
/// the host's cores: 24 ms on 8, 18 ms on 4, 6 ms on 1. The slider shows the slice the
/// run uses (it showed the text's 24 after the cores were set to 1, while 6 ran) and
/// says whether it is the scenario's or the default for these cores.
#[test]
fn the_time_slice_shown_is_the_one_the_run_uses() {
    const TEXT: &str = "[scenario]\nname = \"slices\"\nduration_ms = 5\n[host]\ncores = 8\nmemory_gib = 16\n[[platform]]\nname = \"c\"\nkind = \"container\"\n[[instance]]\nname = \"i\"\nworkload = \"cpu-bound\"\n";
    let mut s = State::new(Lang::En, None);
    s.apply_shared(Shared {
        file: "slices.toml".into(),
        text: TEXT.into(),
        knobs: Knobs::default(),
        tab: None,
        library_hash: None,
        op: None,
        log: Vec::new(),
    });
    let shown = |s: &State, lang: Lang| match &s.validation {
        crate::state::Validation::Valid { slices, .. } => (slices.first, slices.text(lang)),
        other => panic!("{other:?}"),
    };
    let used = |s: &State| {
        crate::parsed::adjusted(&s.file, &s.text, &s.knobs.to_adjustments())
            .unwrap()
            .platforms[0]
            .time_slice_ms
    };
    assert_eq!(
        shown(&s, Lang::En),
        (24, "24 (default for 8 host cores)".into())
    );
    let cores = |n: u32, slice: Option<u64>| Knobs {
        host_cores: Some(n),
        time_slice_ms: slice,
        ..Knobs::default()
    };
    let s = Rc::new(s).reduce(Action::SetKnobs(cores(1, None)));
    assert_eq!(used(&s), 6);
    assert_eq!(
        shown(&s, Lang::En),
        (6, "6 (default for 1 host core)".into())
    );
    assert_eq!(
        shown(&s, Lang::Ko),
        (6, "6 (호스트 코어 1개의\u{a0}기본값)".into())
    );
    // An assignment's variant with 4 host cores: 18 ms.
    let s = s.reduce(Action::SetKnobs(cores(4, None)));
    assert_eq!(used(&s), 18);
    assert_eq!(
        shown(&s, Lang::En),
        (18, "18 (default for 4 host cores)".into())
    );
    // On 1 core the slider moved to 24 sets 24 (it is not the slice as written there,
    // 6); moved to 6 it is the slice as written again.
    let s = s.reduce(Action::SetKnobs(cores(1, Some(24))));
    assert_eq!((s.knobs.time_slice_ms, used(&s)), (Some(24), 24));
    let s = s.reduce(Action::SetKnobs(cores(1, Some(6))));
    assert_eq!((s.knobs.time_slice_ms, used(&s)), (None, 6));
    // Written in the scenario, the slice is the scenario's on every host.
    let written = TEXT.replace(
        "kind = \"container\"",
        "kind = \"container\"\ntime_slice_ms = 24",
    );
    let mut s = State::new(Lang::En, None);
    s.apply_shared(Shared {
        file: "slices.toml".into(),
        text: written,
        knobs: cores(1, None),
        tab: None,
        library_hash: None,
        op: None,
        log: Vec::new(),
    });
    assert_eq!(used(&s), 24);
    assert_eq!(shown(&s, Lang::En), (24, "24 (scenario value)".into()));
}

/// A re-run that moved the time slice alone and changed no figure is said to have changed
/// none, and why when no vCPU waited (containers-vs-vms: as many vCPUs as cores, a
/// student's review); with vCPUs waiting, the slice changes figures and nothing is said;
/// a figure changed, another setting moved or the same slice again say nothing either.
#[test]
fn a_time_slice_that_changed_no_figure_is_said_with_why() {
    let run = |s: &State| {
        let input = s.running.as_ref().expect("a run");
        let scenario = crate::parsed::adjusted(&s.file, &input.text, &input.knobs.to_adjustments())
            .expect("valid");
        (*scenario).clone().run().expect("runs")
    };
    let finish = |s: Rc<State>, result: crate::sim::RunResult| {
        let id = s.run_id;
        s.reduce(Action::Finished {
            id,
            result: ResultRef(Rc::new(result)),
            events: 1,
            millis: 1.0,
            whole: true,
        })
    };
    let slice = |ms: u64| Knobs {
        time_slice_ms: Some(ms),
        ..Knobs::default()
    };
    // Two cores, one vCPU: nothing ever waits.
    let s = Rc::new(State::new(Lang::En, None))
        .reduce(Action::Cancel)
        .reduce(Action::Edit(TWO.to_string()))
        .reduce(Action::Run);
    let first = run(&s);
    let s = finish(s, first.clone());
    assert_eq!(s.slice_changed_nothing, None, "nothing before it");
    let s = s.reduce(Action::SetKnobs(slice(2)));
    let moved = run(&s);
    assert!(moved.platforms.iter().all(|p| p.steal_percent == 0.0));
    let s = finish(s, moved.clone());
    let nothing = crate::knobs::SliceChangedNothing {
        nothing_waited: true,
    };
    let said = Some(nothing);
    assert_eq!(s.slice_changed_nothing, said);
    let en = nothing.text(Lang::En);
    assert!(en.starts_with("No figure changed: no vCPU waited"), "{en}");
    assert!(nothing
        .text(Lang::Ko)
        .starts_with("수치가 하나도 바뀌지 않았습니다"));
    assert!(!s.results_stale());
    // Another slice, but a figure changed (made so here): nothing said.
    let s = s.reduce(Action::SetKnobs(slice(3)));
    let mut changed = run(&s);
    changed.platforms[0].throughput += 1.0;
    let s = finish(s, changed);
    assert_eq!(s.slice_changed_nothing, None);
    // The cores moved with the slice: not the slice alone.
    let s = s.reduce(Action::SetKnobs(Knobs {
        host_cores: Some(3),
        ..slice(4)
    }));
    let three = run(&s);
    let s = finish(s, three);
    assert_eq!(s.slice_changed_nothing, None);

    // One core, three vCPUs of a CPU-bound workload: they wait, and the slice moves
    // figures; were none moved, the page would not say why.
    let busy = TWO
        .replace("cores = 2", "cores = 1")
        .replace("count = 1", "count = 3")
        .replace("syscall-heavy", "cpu-bound");
    let s = Rc::new(State::new(Lang::En, None))
        .reduce(Action::Cancel)
        .reduce(Action::Edit(busy))
        .reduce(Action::Run);
    let first = run(&s);
    assert!(first.platforms.iter().any(|p| p.steal_percent > 0.0));
    let s = finish(s, first);
    let s = s.reduce(Action::SetKnobs(slice(1)));
    let short = run(&s);
    let s = finish(s, short);
    assert_ne!(s.slice_changed_nothing, said);

    // The pure test: the same figures but for events and the timeline are the same.
    let base = crate::knobs::Baseline::of(&Scenario::from_toml("t.toml", TWO).unwrap());
    let mut later = moved.clone();
    later.events += 7;
    later.platforms[0].events += 7;
    let alike = crate::knobs::slice_changed_nothing(
        (&Knobs::default(), &moved),
        (&slice(9), &later),
        &base,
    );
    assert_eq!(alike, said);
    // The same slice on both: not a change of slice.
    let same = crate::knobs::slice_changed_nothing((&slice(5), &moved), (&slice(5), &later), &base);
    assert_eq!(same, None);
}

/// A figure that is not a number (NaN, unequal to itself under `==`) in both results does
/// not hide that the slice changed nothing; a NaN on one side only, or another figure
/// changed beside it, is still a change.
#[test]
fn a_time_slice_that_changed_no_figure_is_said_with_a_nan_figure() {
    let scenario = Scenario::from_toml("t.toml", TWO).unwrap();
    let base = crate::knobs::Baseline::of(&scenario);
    let mut before = scenario.run().unwrap();
    before.platforms[0].relative_performance_percent = f64::NAN;
    let mut now = before.clone();
    now.events += 3;
    now.platforms[0].events += 3;
    assert!(before != now, "the case: `==` calls them different");
    let slice = |ms: u64| Knobs {
        time_slice_ms: Some(ms),
        ..Knobs::default()
    };
    let said = crate::knobs::slice_changed_nothing((&slice(2), &before), (&slice(9), &now), &base);
    assert_eq!(
        said,
        Some(crate::knobs::SliceChangedNothing {
            nothing_waited: before.platforms.iter().all(|p| p.steal_percent == 0.0)
        })
    );
    let mut one_side = now.clone();
    one_side.platforms[0].relative_performance_percent = 1.0;
    assert_eq!(
        crate::knobs::slice_changed_nothing((&slice(2), &before), (&slice(9), &one_side), &base),
        None
    );
    let mut other = now.clone();
    other.platforms[0].throughput += 1.0;
    assert_eq!(
        crate::knobs::slice_changed_nothing((&slice(2), &before), (&slice(9), &other), &base),
        None
    );
}
