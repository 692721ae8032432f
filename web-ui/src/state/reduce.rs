//! [`Action`], everything that can happen to the page, and the reducer: the one place
//! where the page's state changes (an assignment's actions are handed on to
//! [`course::reduce`]).

use std::rc::Rc;

use yew::prelude::*;

use super::notices::{fetch_notice, is_fetch_notice};
use super::validation::scenario_name_in;
use super::{
    course, scenario_of, ResultRef, RunStatus, State, StepThrough, StepThroughMove, Tab,
    WrittenAnswers,
};
use super::{MAX_SCENARIO_BYTES, VALIDATE_AT_ONCE_BYTES};
use crate::builtin;
use crate::i18n::{Lang, Msg};
use crate::knobs::{parse_memory_mib, KnobError, Knobs};
use crate::share::Shared;
use crate::sim::Op;

/// Everything that can happen to the page.
#[derive(Debug, Clone)]
pub enum Action {
    SetLang(Lang),
    /// Load a built-in scenario (its text loaded already) and run it.
    SelectBuiltin(usize),
    /// A library text could not be loaded; `within`: the assignment whose step needs it.
    FetchFailed {
        failure: builtin::FetchFailure,
        within: Option<String>,
    },
    /// A library scenario's text is being fetched (the file named): Run waits for it.
    Loading(String),
    /// Load text from a file the user opened.
    LoadFile {
        file: String,
        text: String,
    },
    /// The editor's text changed (validated live, a long text once typing pauses; not run
    /// until asked).
    Edit(String),
    /// Typing paused: a long edited text is validated ([`State::validation_pending`]).
    Validate,
    /// The kept draft back in the editor (the text it replaced kept in its place when
    /// that was edited too).
    RestoreDraft,
    /// The kept draft dismissed.
    ForgetDraft,
    /// Settings changed: re-run with them.
    SetKnobs(Knobs),
    /// A memory size typed into the memory field (read by `parse_mib`): set as the memory
    /// slider sets it, or, when it is not a memory size, an error at the memory field.
    TypeMemory(String),
    /// Escape in the memory field: the typed text and its error go, the setting stays.
    DiscardMemoryText,
    /// Text in the seed field that is no seed: an error at the seed field (the seed
    /// stays what it was).
    BadSeed(Msg),
    ApplyShared(Shared),
    Run,
    /// Run although the estimate is over the page's budget.
    RunAnyway,
    Cancel,
    Progress {
        id: u64,
        done: u64,
        total: u64,
    },
    /// Run `id` has gone on for [`SHOW_RUNNING_AFTER_MS`] (app.rs's timer).
    ShowRunning {
        id: u64,
    },
    Finished {
        id: u64,
        result: ResultRef,
        events: u64,
        millis: f64,
        /// Every job ran (none kept): the pace may be measured on it.
        whole: bool,
    },
    Failed {
        id: u64,
        message: Msg,
    },
    /// The questions' answers of `text` run as written, run for a result with other
    /// settings ([`State::running_wants_written`]).
    WrittenAnswers {
        text: Rc<str>,
        answers: Vec<crate::sim::QuestionAnswer>,
    },
    SetTab(Tab),
    /// The operation of the charts of one operation (`State::chart_op`).
    SetChartOp(Option<Op>),
    /// Shows the chart `id` on its log axis, or on its linear axis again
    /// (`State::chart_logs`).
    ToggleChartLog(String),
    Notice(Option<String>),
    /// Step through `op` on the result's platform `platform`; `None`: only the operation
    /// was picked ([`StepThrough::select`] says on which platform).
    StepThroughSelect {
        platform: Option<usize>,
        op: Op,
    },
    /// Step through the operation that cost the result's platform `platform` the most
    /// against native ([`StepThrough::costliest`]), on the Stack & paths tab.
    StepThroughCostliest(usize),
    /// Move in the step-through.
    StepThroughMove(StepThroughMove),
    /// Coursework: an assignment opened, a step, an answer (`course/`).
    Course(course::CourseAction),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let marked_stale = self.shows_results_stale();
        let lang_switch = matches!(action, Action::SetLang(_));
        match action {
            Action::SetLang(lang) => {
                s.lang = lang;
                if let Some((shown, both)) = &s.notice_in_both {
                    if s.notice.as_ref() == Some(shown) {
                        s.notice = Some(both.get(lang).to_string());
                    }
                    s.notice_in_both = s.notice.clone().map(|n| (n, both.clone()));
                }
                // The same notice in other words: not said again (`State::notice_switched`).
                if s.notice.is_some() && s.notice != self.notice {
                    s.notice_switched = true;
                }
            }
            Action::SelectBuiltin(i) => {
                // Dispatched once the text is loaded (app.rs, `builtin::load`): an earlier
                // failure's notice is over.
                s.loading = None;
                if s.notice.as_deref().is_some_and(is_fetch_notice) {
                    s.notice = None;
                }
                s.end_notice_until_move();
                if let (Some(file), Some(text)) = (builtin::files().nth(i), builtin::text(i)) {
                    s.load(Some(i), file.to_string(), text.to_string());
                    s.start_run_if_valid();
                }
            }
            Action::Loading(file) => s.loading = Some(file),
            Action::FetchFailed { failure, within } => {
                s.loading = None;
                // A share link's library text could not be fetched: the scenario on screen
                // (the default one) runs, and the link stays in the address bar for a
                // reload to retry (app.rs keeps it while the fetch notice shows).
                if s.pending_share.take().is_some() {
                    s.start_run_if_valid();
                }
                s.notice = Some(fetch_notice(s.lang, &failure, within.as_deref()));
            }
            Action::LoadFile { file, text } => {
                // A file opened: what was said before (another file refused, a library
                // fetch that failed, a share link) is over.
                s.notice = None;
                s.notice_in_both = None;
                s.load(None, file, text);
            }
            Action::Edit(text) => {
                s.edited = true;
                s.text = Rc::from(text);
                if s.builtin.is_some_and(|i| !builtin::is_text(i, &s.text)) {
                    s.builtin = None;
                }
                // A library file's text replaced by another scenario (pasted) or renamed:
                // the file takes the scenario's name, so that errors and share links do not
                // name the library file. A file opened from disk keeps its own name.
                if s.builtin.is_none() && (s.file_from_text || builtin::position(&s.file).is_some())
                {
                    if let Some(name) = scenario_name_in(&s.text) {
                        s.file = format!("{}.toml", crate::export::file_stem(&name));
                        s.file_from_text = true;
                        // Pasting a library text as it is gives that library scenario.
                        s.builtin = builtin::index_of(&s.file, &s.text);
                    }
                }
                if (VALIDATE_AT_ONCE_BYTES + 1..=MAX_SCENARIO_BYTES).contains(&s.text.len()) {
                    // Validated once typing pauses (app.rs's timer) or before a run.
                    s.validation_pending = true;
                    s.run_anyway = false;
                } else {
                    s.revalidate();
                }
            }
            Action::Validate => {
                if s.validation_pending {
                    s.revalidate();
                }
            }
            Action::RestoreDraft => {
                if let Some(draft) = s.draft_to_offer().cloned() {
                    s.draft = None;
                    s.keep_draft(&draft.text);
                    s.builtin = builtin::index_of(&draft.file, &draft.text);
                    s.file = draft.file;
                    s.file_from_text = draft.file_from_text;
                    s.text = draft.text;
                    s.knobs = Knobs::default();
                    // Edited text, as it was: not run until asked.
                    s.edited = true;
                    s.revalidate();
                }
            }
            Action::ForgetDraft => s.draft = None,
            Action::SetKnobs(knobs) => s.set_knobs(knobs),
            Action::TypeMemory(text) => match parse_memory_mib(&text) {
                Ok(mib) => {
                    let knobs = Knobs {
                        memory_per_instance_mib: Some(mib),
                        ..s.knobs.clone()
                    };
                    s.set_knobs(knobs);
                }
                Err(message) => {
                    s.run_anyway = false;
                    s.memory_text = Some(text);
                    s.knob_error = Some(KnobError {
                        control: Some("k-memory"),
                        message,
                    });
                    if !s.is_running() {
                        s.status = RunStatus::Idle;
                    }
                }
            },
            Action::BadSeed(message) => {
                s.run_anyway = false;
                s.knob_error = Some(KnobError {
                    control: Some("k-seed"),
                    message,
                });
                if !s.is_running() {
                    s.status = RunStatus::Idle;
                }
            }
            Action::DiscardMemoryText => {
                if s.memory_text.is_some() {
                    s.revalidate_after(Some("k-memory"));
                    // The setting did not change: results of it on screen stay as they
                    // are (nothing to run again), with their status line.
                    if s.result.is_none() || s.results_stale() {
                        s.start_run_if_valid();
                    } else if !s.is_running() {
                        if let Some(done) = s.result_status.clone() {
                            s.status = done;
                        }
                    }
                }
            }
            Action::ApplyShared(shared) => {
                s.end_notice_until_move();
                if s.open_shared(shared) {
                    s.start_run_if_valid();
                }
            }
            Action::Run => {
                s.end_notice_until_move();
                s.start_run_if_valid();
            }
            Action::RunAnyway => {
                s.end_notice_until_move();
                s.run_anyway = true;
                s.start_run_if_valid();
            }
            Action::Cancel => {
                if s.is_running() {
                    s.run_id += 1;
                    s.status = RunStatus::Cancelled;
                    s.running = None;
                }
            }
            Action::Progress { id, done, total } => {
                // Nothing shows the progress of a run that has not been shown yet: no
                // render (ShowRunning shows the bar; the next progress fills it).
                if id != s.run_id || !s.is_running() || !s.running_shown {
                    return self;
                }
                s.status = RunStatus::Running { done, total };
            }
            Action::ShowRunning { id } => {
                if id != s.run_id || !s.is_running() {
                    return self;
                }
                s.running_shown = true;
            }
            Action::Finished {
                id,
                result,
                events,
                millis,
                whole,
            } => {
                if id != s.run_id {
                    return self;
                }
                s.status = RunStatus::Done { events, millis };
                s.result_status = Some(s.status.clone());
                // Against the result it replaces: did the time slice alone change, and no
                // figure?
                s.slice_changed_nothing = match (&s.result_input, &s.result, &s.running) {
                    (Some(before), Some(shown), Some(now)) if before.text == now.text => {
                        s.running_baseline.as_ref().and_then(|base| {
                            crate::knobs::slice_changed_nothing(
                                (&before.knobs, &shown.0),
                                (&now.knobs, &result.0),
                                base,
                            )
                        })
                    }
                    _ => None,
                };
                s.result = Some(result);
                s.result_input = s.running.take();
                s.result_baseline = s.running_baseline.take();
                // A run as written gives the answers its explanations were written for.
                if let (Some(input), Some(r), None) = (&s.result_input, &s.result, &s.course) {
                    if input.knobs == Knobs::default() {
                        s.written = Some(WrittenAnswers {
                            text: input.text.clone(),
                            answers: Rc::new(r.questions.clone()),
                        });
                    }
                }
                // An assignment step's answers are checked against its run.
                course::check_answers(&mut s);
                // On the operation the Stack & paths tables open on, when it can be.
                let opening = s.result.as_ref().and_then(|r| {
                    let questions = s.result_baseline.as_ref().map(|b| &b.question_ops[..]);
                    crate::result_ops::opening_op(r, questions.unwrap_or_default())
                });
                s.step_through =
                    s.result_input
                        .as_ref()
                        .and_then(scenario_of)
                        .and_then(|scenario| {
                            StepThrough::default_for(&scenario, s.step_through.as_ref(), opening)
                        });
                s.costliest_missing = None;
                // The device's pace in *estimated* events per ms, so that the next
                // estimate (an upper bound on events) comes out in real time.
                // Only a run of every job: one that kept some outcomes took less time.
                if let (Some(estimated), true) =
                    (s.running_estimate, whole && millis >= 20.0 && events > 0)
                {
                    s.events_per_ms = estimated as f64 / millis;
                }
                s.running_estimate = None;
            }
            Action::WrittenAnswers { text, answers } => {
                if s.course.is_none() {
                    s.written = Some(WrittenAnswers {
                        text,
                        answers: Rc::new(answers),
                    });
                }
            }
            Action::Failed { id, message } => {
                if id != s.run_id {
                    return self;
                }
                s.status = RunStatus::Failed(message);
                s.running = None;
            }
            // Opening a tab never runs anything: the timeline asks before recording.
            Action::SetTab(tab) => s.tab = tab,
            Action::SetChartOp(op) => s.chart_op = op,
            Action::ToggleChartLog(id) => match s.chart_logs.binary_search(&id) {
                Ok(i) => {
                    s.chart_logs.remove(i);
                }
                Err(i) => s.chart_logs.insert(i, id),
            },
            Action::Notice(n) => {
                if n.is_some() {
                    s.notice_count = s.notice_count.wrapping_add(1);
                }
                s.notice = n
            }
            Action::StepThroughSelect { platform, op } => {
                if let Some(step_through) =
                    s.result_input
                        .as_ref()
                        .and_then(scenario_of)
                        .and_then(|scenario| {
                            StepThrough::select(&scenario, s.step_through.as_ref(), platform, op)
                        })
                {
                    s.step_through = Some(step_through);
                }
            }
            Action::StepThroughCostliest(platform) => {
                let scenario = s.result_input.as_ref().and_then(scenario_of);
                if let (Some(scenario), Some(result)) = (scenario, s.result.clone()) {
                    match StepThrough::costliest(&scenario, &result, platform) {
                        Some(step_through) => {
                            s.step_through = Some(step_through);
                            s.tab = Tab::Paths;
                        }
                        // The gap is not in one operation's path: the cell says so, rather
                        // than a step-through that would not show it.
                        None => s.costliest_missing = Some(platform),
                    }
                }
            }
            Action::StepThroughMove(to) => {
                let Some(step_through) = &s.step_through else {
                    return self;
                };
                s.step_through = Some(step_through.moved(to));
            }
            Action::Course(a) => course::reduce(&mut s, a),
        }
        if s.run_id != self.run_id && s.is_running() {
            s.stale_at_run_start = marked_stale;
            // A run started (a slider moved, a step shown): the user has moved on.
            s.end_notice_until_move();
        }
        // Another notice, or none: said as it shows.
        if !lang_switch && (s.notice != self.notice || s.notice_count != self.notice_count) {
            s.notice_switched = false;
        }
        Rc::new(s)
    }
}
