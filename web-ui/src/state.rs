//! The page's state, the actions that change it, and the reducer (one place
//! where state changes, as in Yew's function_todomvc example).

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::builtin::BUILTIN;

/// The scenario the page opens with when the URL carries none.
const FIRST_SCENARIO: &str = "seed-comparison-table";
use crate::core::{Adjustments, RunResult, Scenario, Text};
use crate::i18n::Lang;
use crate::share::Shared;

/// Largest scenario text the page accepts (bigger ones get an error, not a hang).
pub const MAX_SCENARIO_BYTES: usize = 256 * 1024;

/// Control settings layered over the scenario; `None` keeps the scenario's value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Knobs {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_count: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vcpus_per_instance: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threads_per_instance: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workload: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vm_exit_cycles: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_slice_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_cores: Option<u32>,
}

impl Knobs {
    /// sim-core's view of the same settings.
    pub fn to_adjustments(&self) -> Adjustments {
        Adjustments {
            seed: self.seed,
            duration_ms: self.duration_ms,
            host_cores: self.host_cores,
            instance_count: self.instance_count,
            vcpus_per_instance: self.vcpus_per_instance,
            threads_per_instance: self.threads_per_instance,
            workload: self.workload.clone(),
            vm_exit_cycles: self.vm_exit_cycles,
            time_slice_ms: self.time_slice_ms,
        }
    }
}

/// A validation error of the editor's text, pointing at line and column.
#[derive(Debug, Clone, PartialEq)]
pub struct EditorError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// "file:line:column: message"
    pub display: String,
}

/// The scenario's own values of the controlled parameters (what a slider shows untouched).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Baseline {
    pub instance_count: u32,
    pub vcpus_per_instance: u32,
    pub threads_per_instance: u32,
    pub host_cores: u32,
    pub vm_exit_cycles: u64,
    pub time_slice_ms: u64,
    pub duration_ms: u64,
    pub title: Option<Text>,
    pub description: Option<Text>,
}

impl Baseline {
    fn of(s: &Scenario) -> Baseline {
        let first = s.instances.first();
        Baseline {
            instance_count: first.map_or(1, |i| i.count),
            vcpus_per_instance: first.map_or(1, |i| i.vcpus),
            threads_per_instance: first.map_or(1, |i| i.threads),
            host_cores: s.host.cores,
            vm_exit_cycles: s.costs.exit_roundtrip(s.host.cpu),
            time_slice_ms: s.platforms.first().map_or(30, |p| p.time_slice_ms),
            duration_ms: s.duration_ms,
            title: s.title.clone(),
            description: s.description.clone(),
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
    },
    Invalid(EditorError),
}

/// Validates scenario text the way a run would read it (adjustments included).
pub fn validate(file: &str, text: &str, knobs: &Knobs) -> Validation {
    if text.len() > MAX_SCENARIO_BYTES {
        let message = format!(
            "scenario is {} bytes; at most {} are accepted",
            text.len(),
            MAX_SCENARIO_BYTES
        );
        return Validation::Invalid(EditorError {
            line: 1,
            column: 1,
            display: format!("{file}:1:1: {message}"),
            message,
        });
    }
    let parsed = Scenario::from_toml(file, text)
        .and_then(|s| Ok((Baseline::of(&s), s.adjusted(&knobs.to_adjustments())?)));
    match parsed {
        Ok((baseline, s)) => Validation::Valid {
            name: s.name().to_string(),
            seed: s.seed(),
            baseline: Box::new(baseline),
        },
        Err(e) => Validation::Invalid(EditorError {
            line: e.line,
            column: e.column,
            message: e.message.clone(),
            display: e.to_string(),
        }),
    }
}

/// Where a run stands.
#[derive(Debug, Clone, PartialEq)]
pub enum RunStatus {
    Idle,
    Running { done: u64, total: u64 },
    Done { events: u64, millis: f64 },
    Cancelled,
    Failed(String),
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
    /// Index into `BUILTIN` of the scenario last picked, if the text came from there.
    pub builtin: Option<usize>,
    pub file: String,
    pub text: Rc<str>,
    pub validation: Validation,
    pub knobs: Knobs,
    /// Bumped whenever a run starts or is cancelled; a run reports under its id.
    pub run_id: u64,
    pub status: RunStatus,
    pub result: Option<ResultRef>,
    pub tab: Tab,
    pub notice: Option<String>,
}

impl State {
    /// The initial state: a share link's scenario if there is one, else the first built-in scenario.
    pub fn new(lang: Lang, shared: Option<Result<Shared, String>>) -> State {
        let mut state = State {
            lang,
            builtin: None,
            file: String::new(),
            text: Rc::from(""),
            validation: validate("", "", &Knobs::default()),
            knobs: Knobs::default(),
            run_id: 0,
            status: RunStatus::Idle,
            result: None,
            tab: Tab::Table,
            notice: None,
        };
        match shared {
            Some(Ok(shared)) => state.apply_shared(shared),
            other => {
                if let Some(Err(e)) = other {
                    state.notice = Some(format!("{}: {e}", crate::i18n::t(lang, "share.bad")));
                }
                // Open on the seed document's comparison table: the product's starting point.
                let first = BUILTIN
                    .iter()
                    .position(|(file, _)| file.starts_with(FIRST_SCENARIO))
                    .unwrap_or(0);
                if let Some((file, text)) = BUILTIN.get(first) {
                    state.load(Some(first), file.to_string(), text.to_string());
                }
            }
        }
        state.start_run_if_valid();
        state
    }

    fn load(&mut self, builtin: Option<usize>, file: String, text: String) {
        self.builtin = builtin;
        self.file = file;
        self.text = Rc::from(text);
        self.knobs = Knobs::default();
        self.revalidate();
    }

    fn apply_shared(&mut self, shared: Shared) {
        let builtin = BUILTIN
            .iter()
            .position(|(f, t)| *f == shared.file && *t == shared.text);
        self.builtin = builtin;
        self.file = shared.file;
        self.text = Rc::from(shared.text);
        self.knobs = shared.knobs;
        self.revalidate();
    }

    fn revalidate(&mut self) {
        self.validation = validate(&self.file, &self.text, &self.knobs);
    }

    fn start_run_if_valid(&mut self) {
        if matches!(self.validation, Validation::Valid { .. }) {
            self.run_id += 1;
            self.status = RunStatus::Running { done: 0, total: 0 };
        }
    }

    /// What a share link for the current state carries.
    pub fn shared(&self) -> Shared {
        Shared {
            file: self.file.clone(),
            text: self.text.to_string(),
            knobs: self.knobs.clone(),
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
    /// Load a built-in scenario and run it.
    SelectBuiltin(usize),
    /// Load text from a file the user opened.
    LoadFile {
        file: String,
        text: String,
    },
    /// The editor's text changed (validated live; not run until asked).
    Edit(String),
    /// Controls changed: re-run with them.
    SetKnobs(Knobs),
    ApplyShared(Shared),
    Run,
    Cancel,
    Progress {
        id: u64,
        done: u64,
        total: u64,
    },
    Finished {
        id: u64,
        result: ResultRef,
        events: u64,
        millis: f64,
    },
    Failed {
        id: u64,
        message: String,
    },
    SetTab(Tab),
    Notice(Option<String>),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetLang(lang) => s.lang = lang,
            Action::SelectBuiltin(i) => {
                if let Some((file, text)) = BUILTIN.get(i) {
                    s.load(Some(i), file.to_string(), text.to_string());
                    s.start_run_if_valid();
                }
            }
            Action::LoadFile { file, text } => {
                s.load(None, file, text);
            }
            Action::Edit(text) => {
                s.text = Rc::from(text);
                if s.builtin.is_some_and(|i| BUILTIN[i].1 != &*s.text) {
                    s.builtin = None;
                }
                s.revalidate();
            }
            Action::SetKnobs(knobs) => {
                s.knobs = knobs;
                s.revalidate();
                s.start_run_if_valid();
            }
            Action::ApplyShared(shared) => {
                s.apply_shared(shared);
                s.start_run_if_valid();
            }
            Action::Run => s.start_run_if_valid(),
            Action::Cancel => {
                if s.is_running() {
                    s.run_id += 1;
                    s.status = RunStatus::Cancelled;
                }
            }
            Action::Progress { id, done, total } => {
                if id != s.run_id || !s.is_running() {
                    return self;
                }
                s.status = RunStatus::Running { done, total };
            }
            Action::Finished {
                id,
                result,
                events,
                millis,
            } => {
                if id != s.run_id {
                    return self;
                }
                s.status = RunStatus::Done { events, millis };
                s.result = Some(result);
            }
            Action::Failed { id, message } => {
                if id != s.run_id {
                    return self;
                }
                s.status = RunStatus::Failed(message);
            }
            Action::SetTab(tab) => {
                s.tab = tab;
                let untraced = s
                    .result
                    .as_ref()
                    .is_some_and(|r| r.platforms.iter().all(|p| p.trace.is_none()));
                if tab == Tab::Timeline && untraced && !s.is_running() {
                    s.start_run_if_valid();
                }
            }
            Action::Notice(n) => s.notice = n,
        }
        Rc::new(s)
    }
}
