//! The page's state, the actions that change it, and the reducer (one place
//! where state changes, as in Yew's function_todomvc example). The state holds
//! sim-core's results; it never simulates (runs are `app.rs`'s, through `crate::run`).
//!
//! Here: [`State`], [`Action`], the reducer, the result views ([`Tab`]) and the page's
//! limits and delays ([`MAX_SCENARIO_BYTES`], [`VALIDATE_AT_ONCE_BYTES`],
//! [`SHOW_RUNNING_AFTER_MS`]...). Beside it: `validation.rs` (the editor's text and the
//! settings validated), `run.rs` (a run's input, status, result and cost), `step_through.rs`
//! (the step-through of one operation), `notices.rs`, and `course/`, the open assignment,
//! whose actions ([`Action::Course`]) the reducer hands on to [`course::reduce`].

use std::rc::Rc;

use yew::prelude::*;

use crate::builtin;
use crate::i18n::Lang;
use crate::share::Shared;
use crate::sim::Op;

pub mod course;
mod notices;
mod run;
mod step_through;
mod validation;

use crate::i18n::Msg;
use crate::knobs::{
    changed_control, changed_settings, parse_memory_mib, Baseline, KnobError, Knobs,
};
use notices::is_fetch_notice;
pub use notices::{bad_share_notice, fetch_notice};
pub use run::{scenario_of, Estimate, ResultRef, RunInput, RunStatus};
pub use step_through::{StepThrough, StepThroughMove};
use validation::scenario_name_in;
pub use validation::{validate, EditorError, Validation};

/// Largest scenario text the page accepts (bigger ones get an error, not a hang).
pub const MAX_SCENARIO_BYTES: usize = 256 * 1024;

/// An edited text longer than this (and not over [`MAX_SCENARIO_BYTES`], which is refused at
/// once) is validated once typing pauses
/// ([`VALIDATE_AFTER_PAUSE_MS`]), not on every keystroke. Validation runs on the main
/// thread and its time grows with the text: the library's largest scenario (16 KB) takes
/// about 15 ms a keystroke in headless Chromium on the 2-core development machine, a
/// valid 200-question file (31 KB) about 33 ms, a 220 KB file 70-80 ms, which typing
/// would feel on every key (docs/performance.md, "Validating while typing").
pub const VALIDATE_AT_ONCE_BYTES: usize = 24 * 1024;

/// The pause in typing after which a long text ([`VALIDATE_AT_ONCE_BYTES`]) is validated.
pub const VALIDATE_AFTER_PAUSE_MS: u32 = 250;

/// How long a run goes on before the page shows that it runs (progress bar, results
/// marked stale and dimmed). A re-run after a slider move usually takes well under this
/// and its results replace the old ones in place: a bar and a dimmed panel shown for a
/// few frames would only flicker, and painting them takes the CPU that the simulation
/// workers need on a small machine (on the 2-core development machine, showing them at
/// once made such re-runs about 1.5 times slower: docs/performance.md).
pub const SHOW_RUNNING_AFTER_MS: u32 = 250;

/// Estimated events per millisecond before any run has been measured on this device:
/// a page run does about 8 million events/s (docs/performance.md) and sim-core's estimate is an
/// upper bound, about twice the events a library scenario needs.
pub const DEFAULT_EVENTS_PER_MS: f64 = 16_000.0;

/// The result views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Table,
    Charts,
    Timeline,
    Paths,
    Questions,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Table,
        Tab::Charts,
        Tab::Timeline,
        Tab::Paths,
        Tab::Questions,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Tab::Table => "tab.table",
            Tab::Charts => "tab.charts",
            Tab::Timeline => "tab.timeline",
            Tab::Paths => "tab.paths",
            Tab::Questions => "tab.questions",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Tab::Table => "table",
            Tab::Charts => "charts",
            Tab::Timeline => "timeline",
            Tab::Paths => "paths",
            Tab::Questions => "questions",
        }
    }
}

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub lang: Lang,
    /// Index into the library (`builtin::INDEX`) of the scenario last picked, if the text came from there.
    pub builtin: Option<usize>,
    pub file: String,
    /// `file` follows the `[scenario]` name in the text: a library scenario's text was
    /// replaced (pasted over) or renamed. A file opened from disk keeps its own name.
    pub file_from_text: bool,
    pub text: Rc<str>,
    /// The validation of `text`, or, while [`State::validation_pending`], of the text
    /// before the last edits.
    pub validation: Validation,
    /// A long text was edited and is validated once typing pauses (app.rs's timer sends
    /// [`Action::Validate`]); a run validates it first.
    pub validation_pending: bool,
    pub knobs: Knobs,
    /// Bumped whenever a run starts or is cancelled; a run reports under its id.
    pub run_id: u64,
    pub status: RunStatus,
    /// The status of the run whose result is shown (`Done`), to show again when an error
    /// that hid it goes and the result is still the settings' own.
    pub result_status: Option<RunStatus>,
    pub result: Option<ResultRef>,
    pub tab: Tab,
    pub notice: Option<String>,
    /// How many notices `Action::Notice` has shown: the notice's words are keyed by it, so
    /// that the same words shown again (a second download of the same answers file) are a
    /// new element of the live region, said again.
    pub notice_count: u32,
    /// The notice shown, in both languages, when it has them (an assignment that could not
    /// be opened): a change of language shows it in the other, while it is the one shown.
    pub notice_in_both: Option<(String, Msg)>,
    /// The library file being fetched, if any (the page shows it and Run waits).
    pub loading: Option<String>,
    /// Set while the controls make the (valid) scenario invalid; nothing runs then.
    pub knob_error: Option<KnobError>,
    /// What was typed into the memory field when it is not a memory size (`parse_mib`):
    /// the field keeps showing it beside its error; any other change of the settings or
    /// the text forgets it (the field shows the setting again).
    pub memory_text: Option<String>,
    /// The scenario's own control values, kept from the last valid text so the
    /// controls do not jump while the editor's text is briefly invalid.
    pub baseline: Rc<Baseline>,
    /// The scenario and settings of the run in progress.
    pub running: Option<RunInput>,
    /// The scenario and settings the shown result came from.
    pub result_input: Option<RunInput>,
    /// The controls' baseline of the run in progress, and of the shown result (a stale
    /// result keeps its own scenario's container modes when another scenario is open).
    pub running_baseline: Option<Rc<Baseline>>,
    pub result_baseline: Option<Rc<Baseline>>,
    /// Estimated events (sim-core's upper bound) per wall-clock millisecond, measured
    /// by the last run on this device.
    pub events_per_ms: f64,
    /// When the run in progress started (`performance.now()`), for the time left.
    pub run_started_ms: Option<f64>,
    /// The run in progress has gone on for [`SHOW_RUNNING_AFTER_MS`]: the page shows that
    /// it runs (progress bar, results marked stale and dimmed). Before that, the shown
    /// results stay as they are and are replaced in place.
    pub running_shown: bool,
    /// The shown results were marked stale when the run in progress started (an edit not
    /// run yet): they stay marked through it, shown or not.
    pub stale_at_run_start: bool,
    /// The estimated events of the run in progress (to calibrate `events_per_ms`).
    pub running_estimate: Option<u64>,
    /// The user asked to run these settings although their estimate is over the page's
    /// budget (the estimate is an upper bound; the run still stops at `run_end::MAX_EVENTS`).
    /// Any change of the text or the controls clears it.
    pub run_anyway: bool,
    /// The step-through of the shown result (Stack & paths view).
    pub step_through: Option<StepThrough>,
    /// The result's platform whose "where the time went" found no operation to step
    /// through (its gap is waiting or scheduling): its comparison cell says so.
    pub costliest_missing: Option<usize>,
    /// The open assignment, if any (course.rs).
    pub course: Option<course::Course>,
    /// The questions' answers on the scenario as written (every control at the file's own
    /// value), for the text they were computed on: from the last run of a text as written
    /// (the page runs a scenario as written when it opens it), else from a run made for
    /// them after a run with other settings ([`State::running_wants_written`]). A revealed
    /// explanation, written for the scenario as written, is flagged when the shown
    /// result's answer differs from this one ([`State::written_answers`]).
    pub written: Option<WrittenAnswers>,
    /// The run in progress has other settings than the scenario as written and no answers
    /// as written are known for its text: once it is done, the page runs the text as
    /// written for them (`app.rs`), unless that run is over the page's budget.
    pub running_wants_written: bool,
    /// The text was edited in the page since it was loaded (a library pick, an opened
    /// file, a share link): loading another keeps it as [`State::draft`].
    pub edited: bool,
    /// A text edited in the page that loading another replaced (a library pick, the
    /// arrow keys passing over the library's list, an opened file): the page offers to
    /// bring it back until another edited text takes its place or it is dismissed.
    pub draft: Option<Draft>,
    /// A share link to a library scenario whose text is being fetched (app.rs), applied
    /// once it is in.
    pub pending_share: Option<Shared>,
    /// The operation chosen for the charts of one operation (latency, its distribution);
    /// `None`: the chart panel's default. A share link carries it.
    pub chart_op: Option<Op>,
}

/// An edited text that another replaced (see [`State::draft`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub file: String,
    pub text: Rc<str>,
    pub file_from_text: bool,
}

/// The questions' answers of a scenario text run as written (see [`State::written`]).
#[derive(Debug, Clone, PartialEq)]
pub struct WrittenAnswers {
    pub text: Rc<str>,
    pub answers: Rc<Vec<crate::sim::QuestionAnswer>>,
}

impl State {
    /// Shows `notice`, in the page's language and, on a change of language, in the other.
    pub(crate) fn notice_in_both(&mut self, notice: Msg) {
        let shown = notice.get(self.lang).to_string();
        self.notice = Some(shown.clone());
        self.notice_in_both = Some((shown, notice));
    }

    /// The initial state: a share link's scenario if there is one, else the first built-in scenario.
    pub fn new(lang: Lang, shared: Option<Result<Shared, crate::share::ShareError>>) -> State {
        let mut state = State {
            lang,
            builtin: None,
            file: String::new(),
            file_from_text: false,
            text: Rc::from(""),
            validation: validate("", "", &Knobs::default()).0,
            validation_pending: false,
            knobs: Knobs::default(),
            run_id: 0,
            status: RunStatus::Idle,
            result_status: None,
            result: None,
            tab: Tab::Table,
            notice: None,
            notice_count: 0,
            notice_in_both: None,
            loading: None,
            knob_error: None,
            memory_text: None,
            baseline: Rc::new(Baseline::default()),
            running: None,
            result_input: None,
            running_baseline: None,
            result_baseline: None,
            events_per_ms: DEFAULT_EVENTS_PER_MS,
            run_started_ms: None,
            running_shown: false,
            stale_at_run_start: false,
            running_estimate: None,
            run_anyway: false,
            step_through: None,
            costliest_missing: None,
            course: None,
            written: None,
            running_wants_written: false,
            edited: false,
            draft: None,
            pending_share: None,
            chart_op: None,
        };
        let opened = match shared {
            Some(Ok(shared)) => state.open_shared(shared),
            Some(Err(e)) => {
                state.notice = Some(bad_share_notice(lang, &e));
                false
            }
            None => false,
        };
        if !opened {
            // Open on the seed document's comparison table: the product's starting point
            // (built into the wasm, so no fetch delays the first render).
            let first = builtin::first();
            if let (Some(file), Some(text)) = (builtin::files().nth(first), builtin::text(first)) {
                state.load(Some(first), file.to_string(), text.to_string());
            }
        }
        // A library link being fetched runs once its text is in (`Action::ApplyShared`).
        if state.pending_share.is_none() {
            state.start_run_if_valid();
        }
        state
    }

    /// Opens a share link: at once when its text is in the page (its own, or a library
    /// scenario's the page has); a library scenario to fetch first is kept in
    /// [`State::pending_share`] (app.rs fetches it, then applies the link). Whether the
    /// page now shows the link.
    fn open_shared(&mut self, shared: Shared) -> bool {
        use crate::share::{resolve, Resolved};
        let quoted = format!("`{}`", shared.file);
        match resolve(shared.clone()) {
            Resolved::Ready { shared, changed } => {
                self.loading = None;
                self.pending_share = None;
                self.apply_shared(*shared);
                if changed {
                    let said = crate::i18n::t(self.lang, "share.library_changed")
                        .replacen("{}", &quoted, 1);
                    self.notice = Some(crate::sim::text::particles(&said));
                }
                true
            }
            Resolved::Fetch(_) => {
                self.loading = Some(shared.file.clone());
                self.pending_share = Some(shared);
                false
            }
            Resolved::Missing => {
                let said =
                    crate::i18n::t(self.lang, "share.library_missing").replacen("{}", &quoted, 1);
                self.notice = Some(crate::sim::text::particles(&said));
                false
            }
        }
    }

    pub(crate) fn load(&mut self, builtin: Option<usize>, file: String, text: String) {
        self.keep_draft(&text);
        self.edited = false;
        self.builtin = builtin;
        self.file = file;
        self.file_from_text = false;
        self.text = Rc::from(text);
        self.knobs = Knobs::default();
        self.revalidate();
    }

    /// Keeps the text on screen as [`State::draft`] when it was edited and `text`, about
    /// to be loaded, replaces it: a library pick, an opened file, a share link, an
    /// assignment's step (offered once the assignment is closed).
    fn keep_draft(&mut self, text: &str) {
        if self.edited
            && !self.text.trim().is_empty()
            && *self.text != *text
            && self.builtin.is_none()
        {
            self.draft = Some(Draft {
                file: self.file.clone(),
                text: self.text.clone(),
                file_from_text: self.file_from_text,
            });
        }
    }

    /// Whether the notice shown says a library text could not be fetched.
    pub fn shows_fetch_failure(&self) -> bool {
        self.notice.as_deref().is_some_and(is_fetch_notice)
    }

    /// The kept draft to offer back, if any: not in an assignment, nor once it is on screen.
    pub fn draft_to_offer(&self) -> Option<&Draft> {
        self.draft
            .as_ref()
            .filter(|d| self.course.is_none() && d.text != self.text)
    }

    fn apply_shared(&mut self, shared: Shared) {
        self.keep_draft(&shared.text);
        self.edited = false;
        self.builtin = builtin::index_of(&shared.file, &shared.text);
        self.file = shared.file;
        self.text = Rc::from(shared.text);
        self.knobs = shared.knobs;
        if let Some(tab) = Tab::ALL
            .into_iter()
            .find(|t| shared.tab.as_deref() == Some(t.id()))
        {
            self.tab = tab;
        }
        self.chart_op = shared.op.as_deref().and_then(Op::from_name);
        self.revalidate_after(None);
    }

    pub(crate) fn revalidate(&mut self) {
        self.revalidate_after(None);
    }

    /// Revalidates; a control error is blamed on `control` (the one just changed).
    fn revalidate_after(&mut self, control: Option<&'static str>) {
        self.validation_pending = false;
        self.run_anyway = false;
        self.memory_text = None;
        let (mut validation, mut knob_error) = validate(&self.file, &self.text, &self.knobs);
        // The network settings are kept by platform place: a text whose platforms are no
        // longer the ones they were set for (a platform removed or reordered) drops them,
        // rather than move a setting silently onto another platform (a reviewer). Only for
        // an edited text: a share link brings its text and its settings together.
        if let Validation::Valid { baseline, .. } = &validation {
            let names = |b: &Baseline| -> Vec<String> {
                b.platform_labels.iter().map(|(n, _)| n.clone()).collect()
            };
            if self.edited
                && !self.knobs.networks.is_empty()
                && names(baseline) != names(&self.baseline)
            {
                self.knobs.networks.clear();
                (validation, knob_error) = validate(&self.file, &self.text, &self.knobs);
            }
        }
        if let Validation::Valid { baseline, .. } = &validation {
            self.baseline = Rc::new((**baseline).clone());
        }
        self.validation = validation;
        // Blamed on the control just changed, else on the one setting the field named.
        self.knob_error = knob_error.map(|(message, named)| KnobError {
            control: control.or(named),
            message,
        });
        if self.knob_error.is_some() && !self.is_running() {
            // The shown results no longer match the controls: drop the "done" line.
            self.status = RunStatus::Idle;
        }
    }

    /// `knobs` as the controls hold them for the text on screen: every setting at the
    /// scenario's own value "as written" (`None`), so that two settings that run the same
    /// scenario compare equal (an assignment's variant that gives a student the file's own
    /// host cores is the controls' "as written" once a slider moved and came back).
    pub fn as_written(&self, knobs: Knobs) -> Knobs {
        let mut knobs = knobs.at_baseline_as_written(&self.baseline);
        // The time slice at the first platform's own (as the run would have it with the
        // other settings: a default may depend on the host's cores) is "as written".
        if let Some(n) = knobs.time_slice_ms {
            let without = Knobs {
                time_slice_ms: None,
                ..knobs.clone()
            };
            let own = crate::parsed::adjusted(&self.file, &self.text, &without.to_adjustments())
                .ok()
                .and_then(|s| s.platforms.first().map(|p| p.time_slice_ms));
            if own == Some(n) {
                knobs.time_slice_ms = None;
            }
        }
        knobs
    }

    /// The controls changed: revalidated (an error blamed on the control changed) and re-run.
    fn set_knobs(&mut self, knobs: Knobs) {
        let knobs = self.as_written(knobs);
        let control = changed_control(&self.knobs, &knobs);
        self.knobs = knobs;
        self.revalidate_after(control);
        self.start_run_if_valid();
    }

    /// Whether the scenario and the controls can run (valid, within the page's budget, and
    /// not an assignment step whose predictions are still to be committed: committing them
    /// runs it).
    pub fn can_run(&self) -> bool {
        !self.awaiting_predictions()
            // A long text waiting for typing to pause is validated by Run itself
            // (`start_run_if_valid`): Run stays enabled (a click just after a fix did
            // nothing while the text before it was invalid; a reviewer).
            && (self.validation_pending || matches!(self.validation, Validation::Valid { .. }))
            && self.knob_error.is_none()
            && (self.run_anyway || !self.estimate().is_some_and(|e| e.over_budget))
    }

    /// Why Run cannot run now, as the key of the words that say it (`None`: it can): a run
    /// going on, the scenario loading, a step waiting for its predictions, a setting in
    /// error, a run over the page's budget, or errors in the scenario. The run buttons are
    /// aria-disabled and described by it (`components/controls.rs`, `editor.rs`).
    pub fn run_unavailable(&self) -> Option<&'static str> {
        if self.is_running() {
            Some("run.busy_why")
        } else if self.loading.is_some() {
            Some("run.loading_why")
        } else if self.can_run() {
            None
        } else if self.awaiting_predictions() {
            Some("run.predictions_why")
        } else if self.knob_error.is_some() {
            Some("run.setting_why")
        } else if matches!(self.validation, Validation::Valid { .. }) {
            // Valid, with no setting in error: over the page's budget (`can_run`).
            Some("run.budget_why")
        } else {
            Some("run.invalid_why")
        }
    }

    /// An assignment step waits for its predictions: its results (and exports) stay
    /// hidden and it does not run.
    pub fn awaiting_predictions(&self) -> bool {
        self.course
            .as_ref()
            .is_some_and(|c| c.awaiting_predictions())
    }

    /// The scenario and settings now on screen.
    pub fn input(&self) -> RunInput {
        RunInput {
            file: self.file.clone(),
            text: self.text.clone(),
            knobs: self.knobs.clone(),
        }
    }

    /// The name "Download edited file" gives the editor's text: the validated scenario's
    /// name, else (a text with errors, or a long one waiting to be validated) the name its
    /// `[scenario]` table writes, else the file's.
    pub fn download_name(&self) -> String {
        let stem = |n: &str| format!("{}.toml", crate::export::file_stem(n));
        match &self.validation {
            Validation::Valid { name, .. } if !self.validation_pending => stem(name),
            _ => match scenario_name_in(&self.text) {
                Some(name) if self.validation_pending => stem(&name),
                _ if self.file.ends_with(".toml") => self.file.clone(),
                _ => stem(&self.file),
            },
        }
    }

    /// Whether the page marks the shown results stale: when they are, except while a run
    /// that has not been shown yet ([`SHOW_RUNNING_AFTER_MS`]) replaces them, unless they
    /// were marked already when it started or they are another file's. A re-run of the
    /// same file (a slider moved) replaces its results in place; another scenario picked
    /// from the library showed the one before's table under the new scenario's title,
    /// unmarked, until its run was done (60-750 ms on the 2-core machine; a reviewer).
    pub fn shows_results_stale(&self) -> bool {
        self.results_stale()
            && (!self.is_running()
                || self.running_shown
                || self.stale_at_run_start
                || self
                    .result_input
                    .as_ref()
                    .is_some_and(|r| r.file != self.file))
    }

    /// Whether the shown results came from another scenario text or other settings
    /// than those now on screen.
    pub fn results_stale(&self) -> bool {
        self.result.is_some()
            && self
                .result_input
                .as_ref()
                .is_none_or(|r| r.text != self.text || r.knobs != self.knobs)
    }

    /// The seed the shown result ran with, when it is not its scenario's own (figures a
    /// description quotes are the own seed's; the questions' notes leave a seed out).
    pub fn result_seed_changed(&self) -> Option<u64> {
        match (&self.result_input, &self.result_baseline) {
            (Some(input), Some(base)) => input.knobs.seed.filter(|&s| s != base.seed),
            _ => None,
        }
    }

    /// The settings the shown result ran with that differ from its scenario's own values,
    /// named in the page's language (see [`changed_settings`]).
    pub fn result_settings_changed(&self) -> Vec<String> {
        match (&self.result_input, &self.result_baseline) {
            (Some(input), Some(base)) => changed_settings(self.lang, &input.knobs, base),
            _ => Vec::new(),
        }
    }

    /// The questions' answers of the shown result's text on the scenario as written, when
    /// the shown result ran with other settings and they are known (see [`State::written`]).
    /// Not on an assignment step: its answers are checked only against a run of exactly
    /// the step, and its explanations are shown with those (`course::expected`).
    pub fn written_answers(&self) -> Option<Rc<Vec<crate::sim::QuestionAnswer>>> {
        let input = self.result_input.as_ref()?;
        let written = self.written.as_ref()?;
        (self.course.is_none() && input.knobs != Knobs::default() && written.text == input.text)
            .then(|| written.answers.clone())
    }

    /// Whether the run about to start (`input`) calls for a run of its text as written
    /// once it is done (see [`State::running_wants_written`]): other settings, no answers
    /// as written known for the text, questions to answer, and a run as written that the
    /// page would start (valid and within its budget).
    fn wants_written(&self, input: &RunInput) -> bool {
        let asks = matches!(&self.validation, Validation::Valid { baseline, .. } if baseline.question_count > 0);
        if !asks
            || self.course.is_some()
            || input.knobs == Knobs::default()
            || self.written.as_ref().is_some_and(|w| w.text == input.text)
        {
            return false;
        }
        crate::parsed::scenario(&input.file, &input.text)
            .is_ok_and(|written| written.estimated_events() <= crate::run_end::MAX_EVENTS)
    }

    /// The cost of running the current scenario, when it is valid.
    pub fn estimate(&self) -> Option<Estimate> {
        match &self.validation {
            Validation::Valid {
                events,
                duration_ms,
                ..
            } if *events > 0 => {
                let budget = crate::run_end::MAX_EVENTS;
                Some(Estimate {
                    events: *events,
                    millis: *events as f64 / self.events_per_ms.max(1.0),
                    over_budget: *events > budget,
                    fitting_duration_ms: fitting_duration_ms(*duration_ms, *events, budget),
                })
            }
            _ => None,
        }
    }

    pub(crate) fn start_run_if_valid(&mut self) {
        if self.validation_pending {
            self.revalidate();
        }
        if self.can_run() {
            self.run_id += 1;
            self.status = RunStatus::Running { done: 0, total: 0 };
            self.running = Some(self.input());
            self.running_wants_written = self.wants_written(&self.input());
            self.running_baseline = Some(self.baseline.clone());
            self.running_estimate = self.estimate().map(|e| e.events);
            self.run_started_ms = Some(crate::clock::now_ms());
            self.running_shown = false;
        }
    }

    /// What a share link for the current state carries.
    pub fn shared(&self) -> Shared {
        Shared {
            file: self.file.clone(),
            text: self.text.to_string(),
            knobs: self.knobs.clone(),
            tab: (self.tab != Tab::Table).then(|| self.tab.id().to_string()),
            library_hash: None,
            op: self.chart_op.map(|op| op.name().to_string()),
        }
    }

    /// Runs record the pCPU timeline only while the timeline is shown (traces are big).
    pub fn wants_trace(&self) -> bool {
        self.tab == Tab::Timeline
    }

    pub fn is_running(&self) -> bool {
        matches!(self.status, RunStatus::Running { .. })
    }
}

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
    /// Controls changed: re-run with them.
    SetKnobs(Knobs),
    /// A memory size typed into the memory field (read by `parse_mib`): set as the memory
    /// slider sets it, or, when it is not a memory size, an error at the memory control.
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
    Notice(Option<String>),
    /// Step through `op` on the result's platform `platform`.
    StepThroughSelect {
        platform: usize,
        op: Op,
    },
    /// Step through the operation that cost the result's platform `platform` the most
    /// against native ([`StepThrough::costliest`]), on the Stack & paths tab.
    StepThroughCostliest(usize),
    /// Move in the step-through.
    StepThroughMove(StepThroughMove),
    /// Coursework: an assignment opened, a step, an answer (course.rs).
    Course(course::CourseAction),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let marked_stale = self.shows_results_stale();
        match action {
            Action::SetLang(lang) => {
                s.lang = lang;
                if let Some((shown, both)) = &s.notice_in_both {
                    if s.notice.as_ref() == Some(shown) {
                        s.notice = Some(both.get(lang).to_string());
                    }
                    s.notice_in_both = s.notice.clone().map(|n| (n, both.clone()));
                }
            }
            Action::SelectBuiltin(i) => {
                // Dispatched once the text is loaded (app.rs, `builtin::load`): an earlier
                // failure's notice is over.
                s.loading = None;
                if s.notice.as_deref().is_some_and(is_fetch_notice) {
                    s.notice = None;
                }
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
                if s.open_shared(shared) {
                    s.start_run_if_valid();
                }
            }
            Action::Run => s.start_run_if_valid(),
            Action::RunAnyway => {
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
            Action::Notice(n) => {
                if n.is_some() {
                    s.notice_count = s.notice_count.wrapping_add(1);
                }
                s.notice = n
            }
            Action::StepThroughSelect { platform, op } => {
                if let Some(step_through) = s
                    .result_input
                    .as_ref()
                    .and_then(scenario_of)
                    .and_then(|scenario| StepThrough::build(&scenario, platform, op))
                {
                    s.step_through = Some(StepThrough {
                        chosen: true,
                        ..step_through
                    });
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
        }
        Rc::new(s)
    }
}

/// A duration (ms) whose run the estimate puts under `budget` events, for a run of
/// `duration_ms` estimated at `events` (the estimate grows with the simulated time): 90% of
/// the proportional share, in two significant digits rounded down (7, 66, 740, 7 400 ms),
/// so that the suggestion fits; 0 when not even 1 ms would.
pub(crate) fn fitting_duration_ms(duration_ms: u64, events: u64, budget: u64) -> u64 {
    let share = duration_ms as f64 * budget as f64 / events.max(1) as f64 * 0.9;
    if share < 1.0 {
        return 0;
    }
    let fit = share as u64;
    let step = 10u64.pow(fit.ilog10().saturating_sub(1));
    fit / step * step
}

#[cfg(test)]
mod tests {
    use super::*;
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
        // Not a number: the error at the memory control, the text kept, nothing runs.
        let s = s
            .reduce(Action::Cancel)
            .reduce(Action::TypeMemory("lots".into()));
        let err = s.knob_error.clone().expect("an error");
        assert_eq!(err.control, Some("k-memory"));
        assert!(err.message.en.contains("lots"), "{err:?}");
        assert_eq!(s.memory_text.as_deref(), Some("lots"));
        assert_eq!(s.knobs.memory_per_instance_mib, Some(1000));
        assert!(!s.can_run() && !s.clone().reduce(Action::Run).is_running());
        // A number beyond the host: the validator's error, at the same control.
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
        };
        let hash = crate::sim::assignment::variation::fnv1a(text.as_bytes());
        // Native builds hold every text: it opens at once, on its view, and runs.
        let s = State::new(Lang::En, Some(Ok(link(hash))));
        assert_eq!((s.file.as_str(), &*s.text), (file, text.as_str()));
        assert_eq!((s.knobs.clone(), s.tab), (knobs.clone(), Tab::Charts));
        assert_eq!(s.chart_op, Some(Op::NetSend));
        assert_eq!(s.shared().op.as_deref(), Some("net_send"));
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
        // The controls on screen are not what the shown result ran with.
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

    // The controls (`knobs.rs`) through the reducer.

    fn library(file: &str) -> (&'static str, &'static str) {
        builtin::BUILTIN
            .iter()
            .find(|(f, _)| *f == file)
            .copied()
            .unwrap()
    }

    /// A network value out of the file's range (a link edited by hand: the sliders stay
    /// inside it) is the validator's error, blamed on the control that sets it.
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
        });
        let s = Rc::new(s).reduce(Action::SetKnobs(
            Knobs::default().with_network(1, |n| n.rtt_ms = Some(2500)),
        ));
        let err = s.knob_error.as_ref().expect("an error");
        assert_eq!(err.control, Some("k-rtt"));
        assert!(
            err.message.en.contains("rtt_ms must be between 0 and 2000"),
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
        // Any other control at the scenario's own value is "as written" too.
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
    /// the host's cores: 24 ms on 8, 18 ms on 4, 6 ms on 1. The control shows the slice the
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
            (6, "6 (호스트 코어 1개의 기본값)".into())
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
        });
        assert_eq!(used(&s), 24);
        assert_eq!(shown(&s, Lang::En), (24, "24 (scenario value)".into()));
    }
}
