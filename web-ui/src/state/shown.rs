//! The shown result against what is on screen now (stale, the settings it ran with, its
//! questions' answers as written), and what the page hands out: the name of the downloaded
//! text and a share link of the state.

use std::rc::Rc;

use super::validation::scenario_name_in;
use super::{State, Tab, Validation};
use crate::knobs::{changed_settings, Knobs};
use crate::share::Shared;

impl State {
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
    /// that has not been shown yet
    /// ([`SHOW_RUNNING_AFTER_MS`](super::SHOW_RUNNING_AFTER_MS)) replaces them, unless they
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

    /// A scenario text (its description) as the page shows it: its placeholders
    /// (`{metric:platform}`) filled with the shown result's figures when that result ran
    /// the text on screen (at any settings: its figures are the ones in the results
    /// below), else each as "…" (the page's first paint, a run of another text).
    pub fn filled_text(&self, text: &str) -> String {
        match (&self.result, &self.result_input) {
            (Some(r), Some(input)) if input.text == self.text => {
                crate::sim::results::filled(&r.platforms, text)
            }
            _ => crate::sim::question::placeholder::pending(text),
        }
    }

    /// How many placeholders of `text` (a description) show as "…" beside the shown
    /// result although it ran the text on screen: figures these settings take away (another
    /// workload, without the operation quoted), said under the text as a question they
    /// leave out is. None before such a result: every figure is "…" then, waiting for it.
    pub fn figures_missing(&self, text: &str) -> usize {
        match (&self.result, &self.result_input) {
            (Some(r), Some(input)) if input.text == self.text => {
                crate::sim::results::figures_missing(&r.platforms, text)
            }
            _ => 0,
        }
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

    /// What a share link for the current state carries.
    pub fn shared(&self) -> Shared {
        Shared {
            file: self.file.clone(),
            text: self.text.to_string(),
            knobs: self.knobs.clone(),
            tab: (self.tab != Tab::Table).then(|| self.tab.id().to_string()),
            library_hash: None,
            op: self.chart_op.map(|op| op.name().to_string()),
            log: self.chart_logs.clone(),
        }
    }
}
