//! The page's state, the actions that change it, and the reducer (one place
//! where state changes, as in Yew's function_todomvc example). The state holds
//! sim-core's results; it never simulates (runs are `app.rs`'s, through `crate::run`).
//!
//! Here: [`State`] and what it holds ([`Draft`], [`WrittenAnswers`]), the result views
//! ([`Tab`]) and the page's limits and delays ([`MAX_SCENARIO_BYTES`],
//! [`VALIDATE_AT_ONCE_BYTES`], [`SHOW_RUNNING_AFTER_MS`]...). Beside it: `reduce.rs`
//! ([`Action`] and the reducer); `State`'s methods by concern, `open.rs` (a text or a link
//! opened, the draft kept), `settings.rs` (the settings over the text, revalidated),
//! `run_gate.rs` (whether and how it runs now) and `shown.rs` (the shown result against the
//! screen, the download's name, a share link); `validation.rs` (the editor's text and the
//! settings validated), `run.rs` (a run's input, status, result and cost), `step_through.rs`
//! (the step-through of one operation), `notices.rs`, `tests.rs` (the reducer's), and
//! `course/`, the open assignment, whose actions ([`Action::Course`]) the reducer hands on
//! to [`course::reduce`].
use std::rc::Rc;

use crate::i18n::{Lang, Msg};
use crate::share::Shared;
use crate::sim::Op;

pub mod course;
mod notices;
mod open;
mod reduce;
mod run;
mod run_gate;
mod settings;
mod shown;
mod step_through;
#[cfg(test)]
mod tests;
mod validation;

use crate::knobs::{Baseline, KnobError, Knobs};
pub use notices::{bad_share_notice, fetch_notice};
pub use reduce::Action;
pub use run::{scenario_of, Estimate, ResultRef, RunInput, RunStatus};
pub use step_through::{StepThrough, StepThroughMove};
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
    /// The notice in both languages ([`State::notice_in_both`]) ends when the user moves on:
    /// opens a scenario, an assignment or a share link, or runs (an assignment that could
    /// not be opened: its errors stayed on top while another scenario was edited and run).
    pub notice_until_move: bool,
    /// The notice's words are the ones a change of language put in place of those said: the
    /// page shows them out of the notices' live region (`#notice-status`), so that the
    /// switch does not say the notice again in the new words (as `#run-announced` and
    /// `#editor-announced` do not). Any other change of the notice, a new one shown with
    /// the same words too, clears it: that one is said.
    pub notice_switched: bool,
    /// The library file being fetched, if any (the page shows it and Run waits).
    pub loading: Option<String>,
    /// Set while the settings make the (valid) scenario invalid; nothing runs then.
    pub knob_error: Option<KnobError>,
    /// What was typed into the memory field when it is not a memory size (`parse_mib`):
    /// the field keeps showing it beside its error; any other change of the settings or
    /// the text forgets it (the field shows the setting again).
    pub memory_text: Option<String>,
    /// The scenario's own setting values, kept from the last valid text so the
    /// sliders do not jump while the editor's text is briefly invalid.
    pub baseline: Rc<Baseline>,
    /// The scenario and settings of the run in progress.
    pub running: Option<RunInput>,
    /// The scenario and settings the shown result came from.
    pub result_input: Option<RunInput>,
    /// The settings' baseline of the run in progress, and of the shown result (a stale
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
    /// Any change of the text or the settings clears it.
    pub run_anyway: bool,
    /// The step-through of the shown result (Stack & paths view).
    pub step_through: Option<StepThrough>,
    /// The result's platform whose "where the time went" found no operation to step
    /// through (its gap is waiting or scheduling): its comparison cell says so.
    pub costliest_missing: Option<usize>,
    /// The shown result's run moved the time slice alone from the run before it, of the
    /// same text, and changed no figure (`knobs::slice_changed_nothing`): the Settings card
    /// and the run's announcement say so, and why when the run shows it.
    pub slice_changed_nothing: Option<crate::knobs::SliceChangedNothing>,
    /// The open assignment, if any (`course/`).
    pub course: Option<course::Course>,
    /// The questions' answers on the scenario as written (every setting at the file's own
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
    /// The charts shown on their log axis, by chart id (the exits chart offers one), in
    /// order. A share link carries them.
    pub chart_logs: Vec<String>,
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
