//! Whether the scenario on screen can run now and why not, its cost against the page's
//! budget, and a run started: the input it takes, whether it records the timeline and
//! runs the text as written too.

use super::{Estimate, RunInput, RunStatus, State, Tab, Validation};
use crate::knobs::Knobs;

impl State {
    /// Whether the scenario and the settings can run (valid, within the page's budget, and
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

    /// Whether the run about to start (`input`) calls for a run of its text as written
    /// once it is done (see [`State::running_wants_written`]): other settings, no answers
    /// as written known for the text, questions to answer, and a run as written that the
    /// page would start (valid and within its budget).
    pub(super) fn wants_written(&self, input: &RunInput) -> bool {
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

    /// Runs record the pCPU timeline only while the timeline is shown (traces are big).
    pub fn wants_trace(&self) -> bool {
        self.tab == Tab::Timeline
    }

    pub fn is_running(&self) -> bool {
        matches!(self.status, RunStatus::Running { .. })
    }
}

/// A duration (ms) whose run the estimate puts under a budget (sim-core's, shared with
/// `validate`'s note).
pub(crate) use crate::sim::scenario::fitting_duration_ms;
