//! The settings ([`Knobs`]) over the text on screen: the text revalidated with them (an
//! error blamed on the setting just changed), the settings "as written", and a change of
//! them, which re-runs.

use std::rc::Rc;

use super::{validate, RunStatus, State, Validation};
use crate::knobs::{changed_control, Baseline, KnobError, Knobs};

impl State {
    pub(crate) fn revalidate(&mut self) {
        self.revalidate_after(None);
    }

    /// Revalidates; a setting's error is blamed on `control` (the slider or field just changed).
    pub(super) fn revalidate_after(&mut self, control: Option<&'static str>) {
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
        // Blamed on the slider or field just changed, else on the one setting the field named.
        self.knob_error = knob_error.map(|(message, named)| KnobError {
            control: control.or(named),
            message,
        });
        if self.knob_error.is_some() && !self.is_running() {
            // The shown results no longer match the settings: drop the "done" line.
            self.status = RunStatus::Idle;
        }
    }

    /// `knobs` as the sliders hold them for the text on screen: every setting at the
    /// scenario's own value "as written" (`None`), so that two settings that run the same
    /// scenario compare equal (an assignment's variant that gives a student the file's own
    /// host cores is the settings' "as written" once a slider moved and came back).
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

    /// The settings changed: revalidated (an error blamed on the slider or field changed)
    /// and re-run.
    pub(super) fn set_knobs(&mut self, knobs: Knobs) {
        let knobs = self.as_written(knobs);
        let control = changed_control(&self.knobs, &knobs);
        self.knobs = knobs;
        self.revalidate_after(control);
        self.start_run_if_valid();
    }
}
