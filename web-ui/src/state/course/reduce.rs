//! The assignment's actions ([`CourseAction`]): how they are dispatched ([`dispatch_open`]
//! opens an assignment once the library scenarios its steps name are loaded) and what they
//! change (its part of the reducer, [`reduce`], which `state/mod.rs` hands them to).

use crate::builtin;
use crate::sim::assignment::{valid_student_id, Assignment};
use crate::state::State;

use super::storage::{load_progress, set_aside, set_aside_key};
use super::{library_scenario, open, readable, LeaveTo, Origin, PageLibrary, Progress};

/// Everything that can happen to an open assignment.
#[derive(Debug, Clone, PartialEq)]
pub enum CourseAction {
    /// Open a library assignment by file name.
    OpenLibrary(String),
    /// Open an assignment's text (a file the student picked, or a link).
    OpenText {
        file: String,
        text: String,
        /// From a link (`#at=`): opened by a student, most likely, so without the notes
        /// for its author (`Course::notes_shown`); an author opens the file.
        from_link: bool,
    },
    Close,
    /// Start (or switch to) a student id.
    Start(String),
    /// Let another student start: the current one's progress is set aside (resumed when
    /// they start again).
    ChangeStudent,
    GoTo(usize),
    /// Next or Finish (to a step), Close or Another student: go `to` it, unless answers
    /// are typed or picked (`typed`: their questions) but not submitted; then the step
    /// stays and says so ([`Course::leaving`](super::Course::leaving)), and the same press
    /// again goes on, leaving them unsubmitted (an answer is final once submitted: none is
    /// submitted without the student's own press).
    Leave {
        to: LeaveTo,
        typed: Vec<String>,
    },
    /// Commit the step's predictions (question id, answer), then run.
    CommitPredictions(Vec<(String, String)>),
    /// Record an answer after the run.
    Submit {
        question: String,
        answer: String,
    },
    /// Hide the notes for the assignment's author (`Course::author_notes`).
    HideNotes,
}

/// The library scenarios that `text` (an assignment) names and the page has not loaded
/// yet. The assignment is read with a library that records the names it asks for; one
/// missing scenario may stop the reading early, so `dispatch_open` asks again after
/// loading them.
fn missing_scenarios(file: &str, text: &str) -> Vec<String> {
    let missing = std::cell::RefCell::new(Vec::new());
    let _ = Assignment::from_toml_first_variants(file, text, &|name: &str| {
        let t = library_scenario(name);
        if t.is_none() && builtin::position(name).is_some() {
            missing.borrow_mut().push(name.to_string());
        }
        t
    });
    missing.into_inner()
}

/// Opens an assignment (`OpenLibrary`, `OpenText`) once the library scenarios its steps
/// name are loaded; other actions are dispatched at once. A scenario that cannot be
/// loaded is reported (`Action::FetchFailed`) instead.
pub fn dispatch_open(dispatch: yew::UseReducerDispatcher<State>, action: CourseAction) {
    use crate::state::Action;
    let (file, text) = match &action {
        CourseAction::OpenLibrary(name) => (name.clone(), None),
        CourseAction::OpenText { file, text, .. } => (file.clone(), Some(text.clone())),
        _ => return dispatch.dispatch(Action::Course(action)),
    };
    wasm_bindgen_futures::spawn_local(async move {
        let text = match text {
            Some(text) => text,
            None => match builtin::load_assignment(&file).await {
                Ok(Some(text)) => text.to_string(),
                // Not in the library: the reducer says so.
                Ok(None) => return dispatch.dispatch(Action::Course(action)),
                Err(failure) => {
                    return dispatch.dispatch(Action::FetchFailed {
                        failure,
                        within: None,
                    })
                }
            },
        };
        loop {
            let missing = missing_scenarios(&file, &text);
            if missing.is_empty() {
                break;
            }
            if let Err(failure) = builtin::load_all(&missing).await {
                // A scenario of a step: the notice names the assignment first.
                return dispatch.dispatch(Action::FetchFailed {
                    failure,
                    within: Some(file),
                });
            }
        }
        dispatch.dispatch(Action::Course(action));
    });
}

/// Loads the current step's scenario and variant into the page; runs it unless it waits
/// for predictions.
fn show_step(s: &mut State) {
    let Some(course) = s.course.as_mut() else {
        return;
    };
    course.prepare();
    // The scenario's own questions (and their reveal buttons) stay out of coursework,
    // from the moment an assignment opens (before the student id too).
    if s.tab == crate::state::Tab::Questions {
        s.tab = crate::state::Tab::Table;
    }
    let Some(course) = s.course.as_mut() else {
        return;
    };
    if course.student().is_none() {
        return;
    }
    if course.finished() {
        // Reopened after the last step ("이어 하기"): the final page shows beside the last
        // step's scenario and result, not the scenario the page opened with (a student's
        // review). Just finished, the page shows them already.
        if let Some(input) = course.last_step_input() {
            if *s.text != *input.text {
                let index = builtin::index_of(&input.file, &input.text);
                s.load(index, input.file, input.text.to_string());
                s.knobs = s.as_written(input.knobs);
                s.revalidate();
                s.start_run_if_valid();
            }
        }
        return;
    }
    let Some(input) = course.step_input() else {
        return;
    };
    let wait = course.awaiting_predictions();
    let index = builtin::index_of(&input.file, &input.text);
    s.load(index, input.file, input.text.to_string());
    s.knobs = s.as_written(input.knobs);
    s.revalidate();
    if !wait {
        s.start_run_if_valid();
    } else if !s.is_running() {
        // The step's first run waits for the predictions: the status line must not show
        // the previous run's "Done · N events" under this step's scenario.
        s.status = crate::state::RunStatus::Idle;
    }
}

/// Moves to step `step` (`steps.len()`: the final page) and shows it.
fn go_to(s: &mut State, step: usize) {
    if let Some(c) = s.course.as_mut() {
        c.progress.step = step.min(c.a().steps.len());
        c.moved += 1;
        show_step(s);
    }
}

/// Another student: the current one's progress is set aside, and the student id asked.
fn change_student(s: &mut State) {
    if let Some(c) = s.course.as_mut() {
        set_aside(c);
        c.progress = Progress::default();
    }
}

/// The reducer's part for coursework.
pub fn reduce(s: &mut State, action: CourseAction) {
    // A move held back by answers not submitted is said until anything else happens to
    // the assignment (an answer submitted, another move).
    if !matches!(action, CourseAction::Leave { .. }) {
        if let Some(c) = s.course.as_mut() {
            c.leaving = None;
        }
    }
    match action {
        // Dispatched once the text is loaded (`dispatch_open`).
        CourseAction::OpenLibrary(name) => match builtin::assignment_text(&name) {
            Some(text) => open_into(s, Origin::Library(name.clone()), &name, &text),
            None if builtin::is_assignment(&name) => {
                let failure = builtin::FetchFailure {
                    file: format!("assignments/{name}"),
                    problem: builtin::FetchProblem::Connection,
                };
                s.notice = Some(crate::state::fetch_notice(s.lang, &failure, None))
            }
            None => {
                s.notice = Some(format!(
                    "{}: {name}",
                    crate::i18n::t(s.lang, "course.unknown")
                ))
            }
        },
        CourseAction::OpenText {
            file,
            text,
            from_link,
        } => {
            match open(Origin::Text { file: file.clone() }, &file, &text) {
                Ok(mut course) => {
                    course.notes_shown &= !from_link;
                    // For the author, what `virtsim validate` warns about (a memory choice
                    // that leaves instances OOM-killed alone, a step's scenario warnings),
                    // in the page's language, also after a change of language. Its notes
                    // (informational) are the course panel's (`Course::author_notes`).
                    let warnings = course.a().warnings();
                    if warnings.is_empty() {
                        s.notice = None;
                    } else {
                        // The first ones, as `virtsim validate` prints them, then how many more.
                        let shown = crate::sim::scenario::MAX_WARNINGS_SHOWN;
                        let said = |lang: crate::i18n::Lang| {
                            let mut each: Vec<String> = warnings
                                .iter()
                                .take(shown)
                                .map(|w| w.to_string_in(lang.core()))
                                .collect();
                            if warnings.len() > shown {
                                each.push(
                                    crate::i18n::t(lang, "editor.more_warnings")
                                        .replace("{}", &(warnings.len() - shown).to_string()),
                                );
                            }
                            format!(
                                "{} {}",
                                crate::i18n::t(lang, "course.author_warnings"),
                                each.join(" ")
                            )
                        };
                        s.notice_in_both(crate::i18n::Msg {
                            en: said(crate::i18n::Lang::En),
                            ko: said(crate::i18n::Lang::Ko),
                        });
                    }
                    s.course = Some(course);
                    show_step(s);
                }
                Err(message) => {
                    // A scenario file given as an assignment: open it where it belongs, the
                    // scenario editor, and say so.
                    let scenario = Assignment::from_toml_first_variants(&file, &text, &PageLibrary)
                        .err()
                        .is_some_and(|e| e[0].code == "wrong_kind");
                    if scenario {
                        s.load(None, file.clone(), text);
                        s.notice = Some(crate::sim::text::particles(
                            &crate::i18n::t(s.lang, "course.opened_as_scenario")
                                .replace("{}", &file),
                        ));
                    } else {
                        // The assignment open before is closed: shown under the notice, it
                        // read as the file just opened (its progress stays saved). Said until
                        // the user moves on (another scenario, assignment, a run).
                        s.course = None;
                        s.notice_until_move(message);
                    }
                }
            }
        }
        CourseAction::Close => s.course = None,
        CourseAction::HideNotes => {
            if let Some(c) = s.course.as_mut() {
                c.notes_shown = false;
            }
        }
        CourseAction::ChangeStudent => change_student(s),
        CourseAction::Start(student) => {
            let student = student.trim().to_string();
            if let (Some(c), true) = (s.course.as_mut(), valid_student_id(&student)) {
                if c.progress.student.as_deref() != Some(&student) {
                    // Another student on this browser (a lab's shared computer): the one
                    // before is set aside, and this one resumes where they were, if ever here.
                    set_aside(c);
                    c.progress = load_progress(&set_aside_key(&c.storage_key, &student))
                        .filter(|p| p.student.as_deref() == Some(&student))
                        .unwrap_or(Progress {
                            student: Some(student),
                            ..Progress::default()
                        });
                }
                // The notes for the author are not a student's: gone once one starts,
                // also for the next student on this browser (`Course::author_notes`).
                c.notes_shown = false;
                c.moved += 1;
                show_step(s);
            }
        }
        CourseAction::GoTo(step) => go_to(s, step),
        CourseAction::Leave { to, typed } => {
            let Some(c) = s.course.as_mut() else { return };
            // Pressed again, with no answer typed since that was not said: the student
            // leaves them unsubmitted knowingly.
            c.leaving = c.holds_back(&to, &typed);
            if c.leaving.is_none() {
                match to {
                    LeaveTo::Step(step) => go_to(s, step),
                    LeaveTo::Close => s.course = None,
                    LeaveTo::ChangeStudent => change_student(s),
                }
            }
        }
        CourseAction::CommitPredictions(answers) => {
            // A result of exactly this step may already be shown (another student with
            // the same variant ran it): the predictions are checked against it at once.
            let expected = s.course.as_ref().and_then(|c| c.expected(s));
            let Some(c) = s.course.as_mut() else { return };
            let Some(step) = c.a().steps.get(c.progress.step).cloned() else {
                return;
            };
            if c.progress.committed.contains(&step.id) {
                return;
            }
            // A prediction that is not a number is asked again (the step view says so).
            let unreadable = answers.iter().any(|(question, answer)| {
                c.questions
                    .iter()
                    .any(|q| q.id == *question && !readable(q.kind, q.unit, answer))
            });
            if unreadable {
                return;
            }
            for (question, answer) in answers {
                if step.questions.iter().any(|q| q.id == question && q.predict) {
                    c.record(question, answer, true, expected.as_deref());
                }
            }
            c.progress.committed.push(step.id.clone());
            // The step's own setup runs, whatever a slider was moved to before the commit
            // (a reviewer's host cores moved to 2 ran, and the step's answers then waited
            // for "its" settings): the predictions are about this setup.
            if let Some(input) = s.course.as_ref().and_then(|c| c.step_input()) {
                if *s.text != *input.text || s.knobs != s.as_written(input.knobs.clone()) {
                    let index = builtin::index_of(&input.file, &input.text);
                    s.load(index, input.file, input.text.to_string());
                    s.knobs = s.as_written(input.knobs);
                    s.revalidate();
                }
            }
            s.start_run_if_valid();
        }
        CourseAction::Submit { question, answer } => {
            let expected = s.course.as_ref().and_then(|c| c.expected(s));
            let Some(c) = s.course.as_mut() else { return };
            let Some(step) = c.a().steps.get(c.progress.step) else {
                return;
            };
            let known = step
                .questions
                .iter()
                .any(|q| q.id == question && !q.predict);
            let given = c.progress.answer(&step.id, &question).is_some();
            let kind = c
                .questions
                .iter()
                .find(|q| q.id == question)
                .map(|q| (q.kind, q.unit));
            if known && !given && kind.is_some_and(|(kind, unit)| readable(kind, unit, &answer)) {
                c.record(question, answer, false, expected.as_deref());
            }
        }
    }
}

fn open_into(s: &mut State, origin: Origin, file: &str, text: &str) {
    match open(origin, file, text) {
        Ok(course) => {
            s.course = Some(course);
            s.notice = None;
            show_step(s);
        }
        Err(message) => {
            s.course = None;
            s.notice_until_move(message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::course::tests::TWO_STEPS;
    use crate::state::course::Leaving;

    #[test]
    fn a_scenario_file_given_as_an_assignment_opens_in_the_scenario_editor() {
        let (file, text) = builtin::BUILTIN[0];
        let mut s = State::new(crate::i18n::Lang::En, None);
        reduce(
            &mut s,
            CourseAction::OpenText {
                from_link: false,
                file: "mine.toml".into(),
                text: text.into(),
            },
        );
        assert!(s.course.is_none());
        assert_eq!((s.file.as_str(), &*s.text), ("mine.toml", text), "{file}");
        let notice = s.notice.clone().unwrap_or_default();
        assert!(
            notice.starts_with("mine.toml is a scenario file"),
            "{notice}"
        );
        // Anything else that is no assignment is still only an error.
        let mut s = State::new(crate::i18n::Lang::En, None);
        let before = s.text.clone();
        reduce(
            &mut s,
            CourseAction::OpenText {
                from_link: false,
                file: "junk.toml".into(),
                text: "[nothing]\n".into(),
            },
        );
        assert!(s.course.is_none() && s.text == before);
        assert!(s.notice.is_some());
    }

    /// A reviewer's case: a broken assignment's notice stayed in the language it was made
    /// in, and the assignment open before stayed shown under it as if open.
    #[test]
    fn a_broken_assignment_closes_the_one_open_and_its_notice_follows_the_language() {
        use yew::Reducible as _;
        let mut s = State::new(crate::i18n::Lang::En, None);
        reduce(
            &mut s,
            CourseAction::OpenText {
                from_link: false,
                file: "two.toml".into(),
                text: TWO_STEPS.into(),
            },
        );
        assert!(s.course.is_some(), "{:?}", s.notice);
        reduce(
            &mut s,
            CourseAction::OpenText {
                from_link: false,
                file: "broken.toml".into(),
                text: TWO_STEPS.replace("[assignment]", "[assignment]\nbogus = 1"),
            },
        );
        assert!(s.course.is_none(), "the assignment open before is closed");
        let en = s.notice.clone().expect("a notice");
        assert!(en.contains("broken.toml"), "{en}");
        assert!(!s.notice_switched, "a new notice is said");
        let s = std::rc::Rc::new(s).reduce(crate::state::Action::SetLang(crate::i18n::Lang::Ko));
        let ko = s.notice.clone().expect("a notice");
        assert_ne!(ko, en, "re-rendered in Korean");
        assert!(s.notice_switched, "the switch's words are not said again");
        assert!(
            ko.contains("broken.toml") && ko.chars().any(|c| ('가'..='힣').contains(&c)),
            "{ko}"
        );
        // Back in English: the English text again.
        let s = s.reduce(crate::state::Action::SetLang(crate::i18n::Lang::En));
        assert_eq!(s.notice.as_deref(), Some(en.as_str()));
        assert!(s.notice_switched, "nor said again in the first words");
        // Another notice replaces it, said: a change of language leaves that one alone.
        let s = s.reduce(crate::state::Action::Notice(Some("other".into())));
        assert!(!s.notice_switched, "another notice is said");
        let s = s.reduce(crate::state::Action::SetLang(crate::i18n::Lang::Ko));
        assert_eq!(s.notice.as_deref(), Some("other"));
        assert!(
            !s.notice_switched,
            "words a switch left alone stay where they were said"
        );
    }

    /// A reviewer's case: an assignment that could not be opened (a step naming a scenario
    /// file) left its errors on top of the page while another scenario was picked, edited
    /// and run. They go when the user moves on: another scenario, another assignment, a
    /// run (a slider's too); not with a change of language, nor with an edit alone.
    #[test]
    fn a_broken_assignments_notice_goes_when_the_user_moves_on() {
        use crate::state::Action;
        use yew::Reducible as _;
        let broken = || {
            let mut s = State::new(crate::i18n::Lang::En, None);
            reduce(
                &mut s,
                CourseAction::OpenText {
                    from_link: false,
                    file: "broken.toml".into(),
                    text: TWO_STEPS.replace("[assignment]", "[assignment]\nbogus = 1"),
                },
            );
            assert!(s.shows_notice_until_move(), "{:?}", s.notice);
            std::rc::Rc::new(s)
        };
        let shown = |s: &State| s.notice.clone().unwrap_or_default();
        // Staying: a change of language, an edit, a tab.
        let s = broken()
            .reduce(Action::SetLang(crate::i18n::Lang::Ko))
            .reduce(Action::SetLang(crate::i18n::Lang::En));
        let edited = format!("{}\n# mine\n", s.text);
        let s = s
            .reduce(Action::Edit(edited))
            .reduce(Action::SetTab(crate::state::Tab::Charts));
        assert!(shown(&s).contains("broken.toml"), "{:?}", s.notice);
        // Run: gone.
        let s = s.reduce(Action::Run);
        assert_eq!(s.notice, None);
        // Another library scenario: gone.
        let other = (builtin::first() + 1) % builtin::files().count();
        assert!(builtin::text(other).is_some());
        let s = broken().reduce(Action::SelectBuiltin(other));
        assert_eq!(s.notice, None);
        // A slider moved, which runs: gone.
        let s = broken();
        let knobs = crate::knobs::Knobs {
            seed: Some(7),
            ..s.knobs.clone()
        };
        let s = s.reduce(Action::SetKnobs(knobs));
        assert!(s.is_running());
        assert_eq!(s.notice, None);
        // Another assignment: gone (its own notice, if any, instead).
        let s = broken().reduce(Action::Course(CourseAction::OpenText {
            from_link: false,
            file: "two.toml".into(),
            text: TWO_STEPS.into(),
        }));
        assert!(s.course.is_some());
        assert_eq!(s.notice, None);
        // Another notice in its place is not ended by a run.
        let s = broken()
            .reduce(Action::Notice(Some("other".into())))
            .reduce(Action::Run);
        assert_eq!(s.notice.as_deref(), Some("other"));
    }

    #[test]
    fn an_assignment_file_with_a_warning_opens_and_says_it_for_the_author() {
        use yew::Reducible as _;
        // A memory choice of 128 MiB: a guest's OS alone needs more, so `virtsim validate`
        // warns; the page opens the file and says the same.
        let text = TWO_STEPS.replacen(
            "[[step.question]]",
            "[[step.vary]]\nparameter = \"memory_per_instance_mib\"\nchoices = [1024, 128]\n\n[[step.question]]",
            1,
        );
        for lang in [crate::i18n::Lang::En, crate::i18n::Lang::Ko] {
            let mut s = State::new(lang, None);
            reduce(
                &mut s,
                CourseAction::OpenText {
                    from_link: false,
                    file: "mine.toml".into(),
                    text: text.clone(),
                },
            );
            assert!(s.course.is_some());
            let notice = s.notice.clone().unwrap_or_default();
            assert!(
                notice.starts_with(crate::i18n::t(lang, "course.author_warnings"))
                    && notice.contains("mine.toml:")
                    && notice.contains("128"),
                "{notice}"
            );
            // The other language's after a change of language (it had stayed in the one
            // it was made in).
            let other = match lang {
                crate::i18n::Lang::En => crate::i18n::Lang::Ko,
                crate::i18n::Lang::Ko => crate::i18n::Lang::En,
            };
            let s = std::rc::Rc::new(s).reduce(crate::state::Action::SetLang(other));
            let notice = s.notice.clone().unwrap_or_default();
            assert!(
                notice.starts_with(crate::i18n::t(other, "course.author_warnings"))
                    && notice.contains("128"),
                "{notice}"
            );
        }
        // Without it: no notice.
        let mut s = State::new(crate::i18n::Lang::En, None);
        reduce(
            &mut s,
            CourseAction::OpenText {
                from_link: false,
                file: "mine.toml".into(),
                text: TWO_STEPS.into(),
            },
        );
        assert!(s.course.is_some() && s.notice.is_none(), "{:?}", s.notice);
    }

    /// An author's file whose steps leave scenario questions out: the course panel lists
    /// `virtsim validate`'s notes, as it prints them after `note:` (`참고:`), in the page's
    /// language, apart from the warnings' notice (there is none); hidden on request, and
    /// never for a link (a student's) or a library assignment (which leaves them out on
    /// purpose).
    #[test]
    fn an_assignment_file_lists_its_notes_for_the_author_apart_from_warnings() {
        use yew::Reducible as _;
        let file = "hypervisor-types.toml";
        let text = builtin::assignment_text(file).expect("a library assignment");
        let mut s = State::new(crate::i18n::Lang::En, None);
        reduce(
            &mut s,
            CourseAction::OpenText {
                from_link: false,
                file: "mine.toml".into(),
                text: text.to_string(),
            },
        );
        let c = s.course.as_ref().expect("opened");
        assert!(s.notice.is_none(), "a note is no warning: {:?}", s.notice);
        let en = c.author_notes(crate::i18n::Lang::En);
        let ko = c.author_notes(crate::i18n::Lang::Ko);
        // What `virtsim validate mine.toml` prints (three steps, one note each).
        let line = |needle: &str| text[..text.find(needle).unwrap()].matches('\n').count() + 1;
        let at = line("scenario_questions = [\"lowest-disk-p99\"");
        assert_eq!(en.len(), 3, "{en:?}");
        assert!(
            en[0].starts_with(&format!(
                "mine.toml:{at}:23: step `type1-vs-type2`: the scenario's question `lowest-relative` is not asked"
            )) && en[0].ends_with(
                "to ask it, write scenario_questions = [\"lowest-disk-p99\", \"type2-host-share\", \"lowest-relative\"]"
            ),
            "{}",
            en[0]
        );
        assert!(
            en[2].contains("step `shadow-paging`: the scenario's questions `pte-latency-shadow`, `tlb-without-ept` are not asked"),
            "{}",
            en[2]
        );
        assert_eq!(ko.len(), 3, "{ko:?}");
        assert!(
            ko[0].starts_with(&format!(
                "mine.toml:{at}:23: 단계 `type1-vs-type2`: 시나리오의 질문 `lowest-relative`"
            )) && ko[0].contains("묻지 않습니다"),
            "{}",
            ko[0]
        );
        // Each is the note sim-core gives, in that language.
        let notes = c.a().notes();
        assert_eq!(en[1], notes[1].to_string_in(crate::sim::text::Lang::En));
        assert_eq!(ko[1], notes[1].to_string_in(crate::sim::text::Lang::Ko));
        // Hidden: none, and the panel stays so through the steps.
        let s = std::rc::Rc::new(s).reduce(crate::state::Action::Course(CourseAction::HideNotes));
        let s = s.reduce(crate::state::Action::Course(CourseAction::Start(
            "s001".into(),
        )));
        let c = s.course.as_ref().unwrap();
        assert!(c.author_notes(crate::i18n::Lang::En).is_empty());
        assert_eq!(c.a().notes().len(), 3);
        // Not hidden, but a student started (a student who opened the file: the notes
        // name questions they are not asked, a reviewer's case): none, nor for the next
        // student on this browser (Another student).
        let mut s = State::new(crate::i18n::Lang::En, None);
        reduce(
            &mut s,
            CourseAction::OpenText {
                from_link: false,
                file: "mine.toml".into(),
                text: text.to_string(),
            },
        );
        assert_eq!(
            s.course
                .as_ref()
                .unwrap()
                .author_notes(crate::i18n::Lang::Ko)
                .len(),
            3
        );
        reduce(&mut s, CourseAction::Start("s001".into()));
        let c = s.course.as_ref().unwrap();
        assert_eq!(c.student(), Some("s001"));
        assert!(c.author_notes(crate::i18n::Lang::En).is_empty());
        assert!(c.author_notes(crate::i18n::Lang::Ko).is_empty());
        reduce(&mut s, CourseAction::ChangeStudent);
        let c = s.course.as_ref().unwrap();
        assert_eq!(c.student(), None);
        assert!(c.author_notes(crate::i18n::Lang::En).is_empty());
        // The same file from a link (`#at=`), which students open: no notes.
        let mut s = State::new(crate::i18n::Lang::En, None);
        reduce(
            &mut s,
            CourseAction::OpenText {
                from_link: true,
                file: "mine.toml".into(),
                text: text.to_string(),
            },
        );
        let c = s.course.as_ref().expect("opened");
        assert!(c.author_notes(crate::i18n::Lang::En).is_empty());
        assert_eq!(c.a().notes().len(), 3);
        // The same assignment from the library: no notes for the student.
        let mut s = State::new(crate::i18n::Lang::En, None);
        reduce(&mut s, CourseAction::OpenLibrary(file.into()));
        let c = s.course.as_ref().expect("opened");
        assert!(c.author_notes(crate::i18n::Lang::En).is_empty());
        // A file without notes: none.
        let mut s = State::new(crate::i18n::Lang::En, None);
        reduce(
            &mut s,
            CourseAction::OpenText {
                from_link: false,
                file: "two.toml".into(),
                text: TWO_STEPS.into(),
            },
        );
        assert!(s
            .course
            .unwrap()
            .author_notes(crate::i18n::Lang::En)
            .is_empty());
    }

    /// A reviewer's case: answers typed (or a choice picked) but not submitted were left
    /// behind, unsaid, by Next: the final page said "Not answered" and grading scored 0.
    /// The first press says how many and stays; the same press again leaves them
    /// unsubmitted; none is submitted on the student's behalf (an answer is final).
    #[test]
    fn next_with_answers_not_submitted_says_so_before_leaving_them() {
        let mut s = State::new(crate::i18n::Lang::En, None);
        reduce(
            &mut s,
            CourseAction::OpenText {
                from_link: false,
                file: "t.toml".into(),
                text: TWO_STEPS.into(),
            },
        );
        reduce(&mut s, CourseAction::Start("s001".into()));
        let step = |s: &State| s.course.as_ref().unwrap().progress.step;
        let leaving = |s: &State| s.course.as_ref().unwrap().leaving.clone();
        let next = |typed: &[&str]| CourseAction::Leave {
            to: LeaveTo::Step(1),
            typed: typed.iter().map(|q| q.to_string()).collect(),
        };
        let said = |unsubmitted: &[&str]| {
            Some(Leaving {
                to: LeaveTo::Step(1),
                unsubmitted: unsubmitted.iter().map(|q| q.to_string()).collect(),
            })
        };
        // A prediction picked, not committed: the step stays and says it.
        reduce(&mut s, next(&["slowest"]));
        assert_eq!(step(&s), 0, "left with a prediction not committed");
        assert_eq!(leaving(&s), said(&["slowest"]));
        // Another answer typed since: said again, with both, not left.
        reduce(&mut s, next(&["slowest", "bt-rel"]));
        assert_eq!(step(&s), 0, "left with an answer typed since it was said");
        assert_eq!(leaving(&s), said(&["slowest", "bt-rel"]));
        // Anything else done to the assignment ends what was said.
        reduce(
            &mut s,
            CourseAction::CommitPredictions(vec![("slowest".into(), "bt".into())]),
        );
        assert_eq!(leaving(&s), None);
        // Committed, the prediction counts no more; the answer typed does.
        reduce(&mut s, next(&["slowest", "bt-rel"]));
        assert_eq!(step(&s), 0);
        assert_eq!(leaving(&s), said(&["bt-rel"]));
        // The same press again: the step is left, its answer not submitted.
        reduce(&mut s, next(&["slowest", "bt-rel"]));
        assert_eq!(step(&s), 1);
        let c = s.course.as_ref().unwrap();
        assert_eq!(c.leaving, None);
        assert!(
            c.progress.answer("one", "bt-rel").is_none(),
            "submitted unasked"
        );
        // Nothing typed, or everything submitted: at once.
        reduce(&mut s, CourseAction::GoTo(0));
        reduce(
            &mut s,
            CourseAction::Submit {
                question: "bt-rel".into(),
                answer: "25".into(),
            },
        );
        reduce(&mut s, next(&["slowest", "bt-rel"]));
        assert_eq!(step(&s), 1);
        reduce(
            &mut s,
            CourseAction::Leave {
                to: LeaveTo::Step(2),
                typed: Vec::new(),
            },
        );
        assert!(s.course.as_ref().unwrap().finished());
    }

    /// A reviewer's case: Close, and Another student, left the answers typed but not
    /// submitted behind, unsaid, as Next did: the first press says how many and stays;
    /// the same press again goes on without them (none submitted for the student).
    #[test]
    fn close_or_another_student_with_answers_not_submitted_says_so_before_leaving_them() {
        let opened = || {
            let mut s = State::new(crate::i18n::Lang::En, None);
            reduce(
                &mut s,
                CourseAction::OpenText {
                    from_link: false,
                    file: "t.toml".into(),
                    text: TWO_STEPS.into(),
                },
            );
            reduce(&mut s, CourseAction::Start("s001".into()));
            s
        };
        let leave = |to: LeaveTo, typed: &[&str]| CourseAction::Leave {
            to,
            typed: typed.iter().map(|q| q.to_string()).collect(),
        };
        let said = |s: &State, to: LeaveTo, unsubmitted: &[&str]| {
            assert_eq!(
                s.course.as_ref().expect("closed at once").leaving,
                Some(Leaving {
                    to,
                    unsubmitted: unsubmitted.iter().map(|q| q.to_string()).collect(),
                })
            )
        };

        // Close: the first press says it and the assignment stays open.
        let mut s = opened();
        reduce(&mut s, leave(LeaveTo::Close, &["slowest"]));
        said(&s, LeaveTo::Close, &["slowest"]);
        // Another press elsewhere (Next) is not the same press: said again, for Next.
        reduce(&mut s, leave(LeaveTo::Step(1), &["slowest"]));
        said(&s, LeaveTo::Step(1), &["slowest"]);
        assert_eq!(s.course.as_ref().unwrap().progress.step, 0);
        // Close, then an answer typed since: said again, with both.
        reduce(&mut s, leave(LeaveTo::Close, &["slowest"]));
        reduce(&mut s, leave(LeaveTo::Close, &["slowest", "bt-rel"]));
        said(&s, LeaveTo::Close, &["slowest", "bt-rel"]);
        // The same press again: closed.
        reduce(&mut s, leave(LeaveTo::Close, &["slowest", "bt-rel"]));
        assert!(s.course.is_none(), "not closed by the second press");

        // Another student: the first press says it; the student stays, on the step.
        let mut s = opened();
        reduce(&mut s, leave(LeaveTo::ChangeStudent, &["bt-rel"]));
        said(&s, LeaveTo::ChangeStudent, &["bt-rel"]);
        let c = s.course.as_ref().unwrap();
        assert_eq!(c.progress.student.as_deref(), Some("s001"));
        // Anything else done to the assignment ends what was said.
        reduce(&mut s, CourseAction::HideNotes);
        assert_eq!(s.course.as_ref().unwrap().leaving, None);
        reduce(&mut s, leave(LeaveTo::ChangeStudent, &["bt-rel"]));
        said(&s, LeaveTo::ChangeStudent, &["bt-rel"]);
        // The same press again: the student id is asked, nothing submitted for s001.
        reduce(&mut s, leave(LeaveTo::ChangeStudent, &["bt-rel"]));
        let c = s.course.as_ref().unwrap();
        assert_eq!(
            (c.progress.student.clone(), c.leaving.clone()),
            (None, None)
        );
        reduce(&mut s, CourseAction::Start("s001".into()));
        let c = s.course.as_ref().unwrap();
        assert_eq!(c.progress.student.as_deref(), Some("s001"));
        assert!(
            c.progress.answer("one", "bt-rel").is_none(),
            "submitted unasked"
        );

        // Nothing typed (or all submitted): at once, both.
        let mut s = opened();
        reduce(&mut s, leave(LeaveTo::ChangeStudent, &[]));
        assert_eq!(s.course.as_ref().unwrap().progress.student, None);
        let mut s = opened();
        reduce(
            &mut s,
            CourseAction::Submit {
                question: "bt-rel".into(),
                answer: "25".into(),
            },
        );
        reduce(&mut s, leave(LeaveTo::Close, &["bt-rel"]));
        assert!(s.course.is_none(), "held back with every answer submitted");
    }

    #[test]
    fn an_opened_assignment_hides_the_scenarios_own_questions_before_the_student_id() {
        // The Questions tab of an earlier result (its reveal buttons) was open; the
        // assignment waits for a student id: the tab falls back to the table.
        let mut s = State::new(crate::i18n::Lang::En, None);
        s.tab = crate::state::Tab::Questions;
        reduce(
            &mut s,
            CourseAction::OpenText {
                from_link: false,
                file: "t.toml".into(),
                text: TWO_STEPS.into(),
            },
        );
        assert!(s.course.as_ref().unwrap().student().is_none());
        assert_eq!(s.tab, crate::state::Tab::Table);
    }
}
