//! A run of the page: what it was started from ([`RunInput`]), where it stands
//! ([`RunStatus`]), its result (shared, compared by identity: [`ResultRef`]), its cost
//! before it starts (events, time on this device, over the page's budget: [`Estimate`]).

use std::rc::Rc;

use crate::i18n::Msg;
use crate::knobs::Knobs;
use crate::sim::{RunResult, Scenario};

/// Where a run stands.
#[derive(Debug, Clone, PartialEq)]
pub enum RunStatus {
    Idle,
    Running { done: u64, total: u64 },
    Done { events: u64, millis: f64 },
    Cancelled,
    Failed(Msg),
}

/// A shared run result compared by identity (cheap), not by content.
#[derive(Debug, Clone)]
pub struct ResultRef(pub Rc<RunResult>);

impl PartialEq for ResultRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for ResultRef {
    type Target = RunResult;
    fn deref(&self) -> &RunResult {
        &self.0
    }
}

/// What a run was started from: the scenario text and the settings.
#[derive(Debug, Clone, PartialEq)]
pub struct RunInput {
    pub file: String,
    pub text: Rc<str>,
    pub knobs: Knobs,
}

/// What a run of the current scenario will cost, before it starts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub events: u64,
    /// Expected wall-clock time on this device, ms.
    pub millis: f64,
    /// Whether the estimate exceeds the page's event budget (`run_end::MAX_EVENTS`).
    pub over_budget: bool,
    /// A duration (ms) that would bring the run under the budget (two significant digits;
    /// 0 when not even 1 ms would: `state::fitting_duration_ms`).
    pub fitting_duration_ms: u64,
}

/// The scenario a run input stands for (the text with its settings), if valid.
pub fn scenario_of(input: &RunInput) -> Option<std::rc::Rc<Scenario>> {
    crate::parsed::adjusted(&input.file, &input.text, &input.knobs.to_adjustments()).ok()
}
