//! Coursework in the page: an open assignment, the student's progress (kept in
//! localStorage, resumable after a reload), the actions that change them, and the answers
//! file the student exports (the format `virtsim grade` reads).
//!
//! A step is shown by loading its scenario and the student's variant into the page's
//! state (text and controls), so the usual run machinery (`run.rs`) runs it and the
//! usual result views show it. The expected answers are read from that run's result
//! (`assignment::answers_from_result`); nothing here simulates.

use std::rc::Rc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

use crate::builtin;
#[cfg(test)]
use crate::builtin::ASSIGNMENTS;
use crate::core::assignment::{
    self, valid_student_id, AnswersFile, Assignment, GivenAnswer, StepAnswers, StepSource,
};
use crate::core::{QuestionAnswer, QuestionKind, Scenario, Text};
use crate::share::MAX_SHARED_BYTES;
use crate::state::{Knobs, Msg, RunInput, State};

/// Where an assignment was opened from (what a reload re-opens).
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// A library assignment, by file name.
    Library(String),
    /// A file the student opened, or a share link: the text travels in the URL.
    Text { file: String },
}

/// One answer the student gave, with the scenario it was given against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub step: String,
    pub question: String,
    pub answer: String,
    /// Committed before the run.
    pub predicted: bool,
    /// `Assignment::scenario_hash` of the step for this student when answered.
    pub hash: String,
}

/// What the browser keeps between visits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Progress {
    pub student: Option<String>,
    /// The step shown; `steps.len()` is the final page.
    pub step: usize,
    pub answers: Vec<Saved>,
    /// Ids of the steps whose predictions are committed.
    pub committed: Vec<String>,
}

impl Progress {
    pub fn answer(&self, step: &str, question: &str) -> Option<&Saved> {
        self.answers
            .iter()
            .find(|a| a.step == step && a.question == question)
    }
}

/// A question of the current step as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionView {
    pub id: String,
    pub text: Text,
    pub kind: QuestionKind,
    /// Choice questions: the platform names.
    pub options: Vec<String>,
    pub points: u32,
    pub predict: bool,
    /// Numeric questions: the unit of the answer ("%", "µs"; empty for a count).
    pub unit: &'static str,
}

/// A validated assignment compared by identity.
#[derive(Debug, Clone)]
pub struct AssignmentRef(pub Rc<Assignment>);

impl PartialEq for AssignmentRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A prepared step scenario compared by identity.
#[derive(Debug, Clone)]
pub struct ScenarioRef(pub Rc<Scenario>);

impl PartialEq for ScenarioRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// An open assignment.
#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    pub assignment: AssignmentRef,
    pub origin: Origin,
    /// The localStorage key of the progress: the assignment's id, so that a corrected
    /// text (a typo in its introduction) keeps the students' progress; answers carry the
    /// hash of the step they were given against, and grading marks changed steps stale.
    pub storage_key: String,
    pub progress: Progress,
    /// The current step's scenario for this student, and its questions.
    pub prepared: Option<ScenarioRef>,
    pub questions: Vec<QuestionView>,
    /// Why the current step's scenario is not valid for this student's variant (the page
    /// validates a variant when its step is shown: see [`open`]).
    pub step_error: Option<Msg>,
}

/// Everything that can happen to an open assignment.
#[derive(Debug, Clone, PartialEq)]
pub enum CourseAction {
    /// Open a library assignment by file name.
    OpenLibrary(String),
    /// Open an assignment's text (a file the student picked, or a link).
    OpenText {
        file: String,
        text: String,
    },
    Close,
    /// Start (or switch to) a student id.
    Start(String),
    /// Let another student start: the current one's progress is set aside (resumed when
    /// they start again).
    ChangeStudent,
    GoTo(usize),
    /// Commit the step's predictions (question id, answer), then run.
    CommitPredictions(Vec<(String, String)>),
    /// Record an answer after the run.
    Submit {
        question: String,
        answer: String,
    },
}

/// A library scenario by file name (what `scenario = "..."` names).
/// The page must have loaded it (`dispatch_open` loads an assignment's scenarios first).
pub fn library_scenario(name: &str) -> Option<String> {
    builtin::text_by_name(name).map(|t| t.to_string())
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
        CourseAction::OpenText { file, text } => (file.clone(), Some(text.clone())),
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

fn storage() -> Option<web_sys::Storage> {
    // Native unit tests have no browser.
    if cfg!(not(target_arch = "wasm32")) {
        return None;
    }
    web_sys::window()?.local_storage().ok()?
}

/// The progress saved under `key`, if any.
pub fn load_progress(key: &str) -> Option<Progress> {
    let text = storage()?.get_item(key).ok()??;
    serde_json::from_str(&text).ok()
}

/// Saves the progress (failures, e.g. storage disabled, are ignored: the page still works).
pub fn save_progress(key: &str, progress: &Progress) {
    if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(progress)) {
        let _ = s.set_item(key, &json);
    }
}

/// The localStorage key of the assignment last open in this browser: a visit without an
/// assignment link offers to go back to it (its progress is kept under its own key).
const LAST_OPEN_KEY: &str = "virtsim.resume";

/// The assignment last open in this browser, as a fresh visit offers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LastOpen {
    /// The link that re-opens it (`#a=` or `#at=`, as [`to_hash`] writes it).
    pub link: String,
    pub title: Text,
    pub student: Option<String>,
    /// The step shown; `steps` is the final page.
    pub step: usize,
    pub steps: usize,
}

impl LastOpen {
    pub fn of(course: &Course, link: String) -> LastOpen {
        LastOpen {
            link,
            title: course.a().title.clone(),
            student: course.progress.student.clone(),
            step: course.progress.step,
            steps: course.a().steps.len(),
        }
    }
}

/// Records the open assignment as the one to offer on a visit without a link.
pub fn remember_open(last: &LastOpen) {
    if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(last)) {
        let _ = s.set_item(LAST_OPEN_KEY, &json);
    }
}

/// Forgets it (the student closed the assignment).
pub fn forget_open() {
    if let Some(s) = storage() {
        let _ = s.remove_item(LAST_OPEN_KEY);
    }
}

/// The assignment last open in this browser, if it was not closed.
pub fn last_open() -> Option<LastOpen> {
    let text = storage()?.get_item(LAST_OPEN_KEY).ok()??;
    let last: LastOpen = serde_json::from_str(&text).ok()?;
    matches!(from_hash(&last.link), Some(Ok(_))).then_some(last)
}

/// Where the progress of `student` is kept while another student uses the page.
fn set_aside_key(storage_key: &str, student: &str) -> String {
    format!("{storage_key}.student.{student}")
}

/// Keeps the open progress under its student's own key (another student takes the page).
fn set_aside(c: &Course) {
    if let Some(student) = c.student() {
        save_progress(&set_aside_key(&c.storage_key, student), &c.progress);
    }
}

/// Parses and validates an assignment and restores its saved progress. Only each
/// step's first variant is validated here: every variant of a large scenario (up to 256
/// validations) could hold the tab for seconds; a student's own variant is validated when
/// its step is shown (`Course::prepare`), and `virtsim validate` checks them all.
pub fn open(origin: Origin, file: &str, text: &str) -> Result<Course, Msg> {
    let a =
        Assignment::from_toml_first_variants(file, text, &library_scenario).map_err(|e| Msg {
            en: e.to_string_in(crate::core::text::Lang::En),
            ko: e.to_string_in(crate::core::text::Lang::Ko),
        })?;
    let storage_key = format!("virtsim.course.{}", a.id);
    // Progress kept before it was keyed by the id alone: under the id and the text's hash.
    let before = || {
        let hash = assignment::variation::hash_text(assignment::variation::fnv1a(text.as_bytes()));
        load_progress(&format!("{storage_key}.{hash}"))
    };
    let mut progress = load_progress(&storage_key)
        .or_else(before)
        .unwrap_or_default();
    progress.step = progress.step.min(a.steps.len());
    if progress
        .student
        .as_deref()
        .is_some_and(|s| !valid_student_id(s))
    {
        progress.student = None;
    }
    Ok(Course {
        assignment: AssignmentRef(Rc::new(a)),
        origin,
        storage_key,
        progress,
        prepared: None,
        questions: Vec::new(),
        step_error: None,
    })
}

impl Course {
    pub fn a(&self) -> &Assignment {
        &self.assignment.0
    }

    pub fn student(&self) -> Option<&str> {
        self.progress.student.as_deref()
    }

    /// Whether the final page is shown.
    pub fn finished(&self) -> bool {
        self.progress.step >= self.a().steps.len()
    }

    /// Whether the current step waits for predictions before it runs.
    pub fn awaiting_predictions(&self) -> bool {
        let Some(step) = self.a().steps.get(self.progress.step) else {
            return false;
        };
        self.student().is_some()
            && step.questions.iter().any(|q| q.predict)
            && !self.progress.committed.contains(&step.id)
    }

    /// What the page must run for the current step: its scenario text and the variant.
    pub fn step_input(&self) -> Option<RunInput> {
        let a = self.a();
        let step = a.steps.get(self.progress.step)?;
        let file = match &step.source {
            StepSource::Library(name) => name.clone(),
            StepSource::Embedded => format!("{}#{}", a.file_name, step.id),
        };
        let adj = a.variant(self.progress.step, self.student()).adjustments();
        Some(RunInput {
            file,
            text: Rc::from(step.scenario.source()),
            knobs: Knobs {
                seed: adj.seed,
                instance_count: adj.instance_count,
                vcpus_per_instance: adj.vcpus_per_instance,
                threads_per_instance: adj.threads_per_instance,
                workload: adj.workload,
                duration_ms: adj.duration_ms,
                vm_exit_cycles: adj.vm_exit_cycles,
                time_slice_ms: adj.time_slice_ms,
                host_cores: adj.host_cores,
            },
        })
    }

    /// The computed answers of the current step, once the page shows a result of exactly
    /// this step's scenario and variant.
    pub fn expected(&self, state: &State) -> Option<Vec<QuestionAnswer>> {
        let want = self.step_input()?;
        let got = state.result_input.as_ref()?;
        if got.text != want.text || got.knobs != want.knobs {
            return None;
        }
        let result = state.result.as_ref()?;
        let prepared = self.prepared.as_ref()?;
        Some(assignment::answers_from_result(&prepared.0, result))
    }

    /// The current step's hash for this student.
    fn hash(&self) -> String {
        self.a().scenario_hash(self.progress.step, self.student())
    }

    /// The answers file of the student's progress (per step, the hash its answers were
    /// given against).
    pub fn answers_file(&self) -> AnswersFile {
        let a = self.a();
        let steps = a
            .steps
            .iter()
            .enumerate()
            .map(|(index, step)| {
                let given: Vec<&Saved> = self
                    .progress
                    .answers
                    .iter()
                    .filter(|s| s.step == step.id)
                    .collect();
                StepAnswers {
                    step: step.id.clone(),
                    scenario_hash: given.first().map_or_else(
                        || a.scenario_hash(index, self.student()),
                        |s| s.hash.clone(),
                    ),
                    answers: given
                        .iter()
                        .map(|s| GivenAnswer {
                            question: s.question.clone(),
                            answer: s.answer.clone(),
                            predicted: s.predicted,
                        })
                        .collect(),
                }
            })
            .collect();
        AnswersFile::new(&a.id, self.student().unwrap_or(""), steps)
    }

    pub fn answers_json(&self) -> String {
        serde_json::to_string_pretty(&self.answers_file()).unwrap_or_default()
    }

    /// Prepares the current step: the student's scenario and its questions.
    fn prepare(&mut self) {
        self.prepared = None;
        self.questions.clear();
        self.step_error = None;
        let index = self.progress.step;
        let Some(step) = self.a().steps.get(index).cloned() else {
            return;
        };
        let scenario = match self.a().step_scenario(index, self.student()) {
            Ok(scenario) => scenario,
            Err(e) => {
                self.step_error = Some(Msg {
                    en: e.to_string_in(crate::core::text::Lang::En),
                    ko: e.to_string_in(crate::core::text::Lang::Ko),
                });
                return;
            }
        };
        self.questions = step
            .questions
            .iter()
            .filter_map(|q| {
                let sq = scenario.questions.iter().find(|x| x.id == q.id)?;
                Some(QuestionView {
                    id: q.id.clone(),
                    text: q.text.clone(),
                    kind: sq.kind,
                    options: sq
                        .candidates
                        .iter()
                        .map(|&i| scenario.platforms[i].name.clone())
                        .collect(),
                    points: q.points,
                    predict: q.predict,
                    unit: sq.metric.unit(),
                })
            })
            .collect();
        self.prepared = Some(ScenarioRef(Rc::new(scenario)));
    }

    fn record(&mut self, question: String, answer: String, predicted: bool) {
        let Some(step) = self.a().steps.get(self.progress.step) else {
            return;
        };
        let step = step.id.clone();
        let hash = self.hash();
        self.progress
            .answers
            .retain(|s| !(s.step == step && s.question == question));
        self.progress.answers.push(Saved {
            step,
            question,
            answer,
            predicted,
            hash,
        });
    }
}

/// Loads the current step's scenario and variant into the page; runs it unless it waits
/// for predictions.
fn show_step(s: &mut State) {
    let Some(course) = s.course.as_mut() else {
        return;
    };
    course.prepare();
    if course.student().is_none() || course.finished() {
        return;
    }
    let Some(input) = course.step_input() else {
        return;
    };
    let wait = course.awaiting_predictions();
    // The scenario's own questions (and their reveal buttons) stay out of coursework.
    if s.tab == crate::state::Tab::Questions {
        s.tab = crate::state::Tab::Table;
    }
    let index = builtin::index_of(&input.file, &input.text);
    s.load(index, input.file, input.text.to_string());
    s.knobs = input.knobs;
    s.revalidate();
    if !wait {
        s.start_run_if_valid();
    } else if !s.is_running() {
        // The step's first run waits for the predictions: the status line must not show
        // the previous run's "Done · N events" under this step's scenario.
        s.status = crate::state::RunStatus::Idle;
    }
}

/// The reducer's part for coursework.
pub fn reduce(s: &mut State, action: CourseAction) {
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
        CourseAction::OpenText { file, text } => {
            open_into(s, Origin::Text { file: file.clone() }, &file, &text)
        }
        CourseAction::Close => s.course = None,
        CourseAction::ChangeStudent => {
            if let Some(c) = s.course.as_mut() {
                set_aside(c);
                c.progress = Progress::default();
            }
        }
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
                show_step(s);
            }
        }
        CourseAction::GoTo(step) => {
            if let Some(c) = s.course.as_mut() {
                c.progress.step = step.min(c.a().steps.len());
                show_step(s);
            }
        }
        CourseAction::CommitPredictions(answers) => {
            let Some(c) = s.course.as_mut() else { return };
            let Some(step) = c.a().steps.get(c.progress.step).cloned() else {
                return;
            };
            if c.progress.committed.contains(&step.id) {
                return;
            }
            for (question, answer) in answers {
                if step.questions.iter().any(|q| q.id == question && q.predict) {
                    c.record(question, answer, true);
                }
            }
            c.progress.committed.push(step.id.clone());
            s.start_run_if_valid();
        }
        CourseAction::Submit { question, answer } => {
            let Some(c) = s.course.as_mut() else { return };
            let Some(step) = c.a().steps.get(c.progress.step) else {
                return;
            };
            let known = step
                .questions
                .iter()
                .any(|q| q.id == question && !q.predict);
            let given = c.progress.answer(&step.id, &question).is_some();
            if known && !given && !answer.trim().is_empty() {
                c.record(question, answer, false);
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
        Err(message) => s.notice = Some(message.get(s.lang).to_string()),
    }
}

// ---------------------------------------------------------------------------------------
// Links: `#a=<library file>` or `#at=<deflate + base64url of {file, text}>`.

#[derive(Serialize, Deserialize)]
struct LinkPayload {
    file: String,
    text: String,
}

/// The hash fragment (with `#`) that re-opens an assignment.
pub fn to_hash(course: &Course) -> String {
    match &course.origin {
        Origin::Library(name) => format!("#a={name}"),
        Origin::Text { file } => {
            let json = serde_json::to_vec(&LinkPayload {
                file: file.clone(),
                text: course.a().source().to_string(),
            })
            .unwrap_or_default();
            let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
            format!("#at={}", URL_SAFE_NO_PAD.encode(packed))
        }
    }
}

/// The action a location hash asks for, if it names an assignment.
pub fn from_hash(hash: &str) -> Option<Result<CourseAction, String>> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    for kv in hash.split('&') {
        if let Some(name) = kv.strip_prefix("a=") {
            return Some(Ok(CourseAction::OpenLibrary(percent_decoded(name))));
        }
        if let Some(value) = kv.strip_prefix("at=") {
            return Some(decode(value).map(|p| CourseAction::OpenText {
                file: p.file,
                text: p.text,
            }));
        }
    }
    None
}

/// `%3C` and the like read back as the characters a browser encoded (an unknown name is
/// then shown as written, not as `%3Cimg%20...`).
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn decode(value: &str) -> Result<LinkPayload, String> {
    let packed = URL_SAFE_NO_PAD
        .decode(value.trim().trim_end_matches('='))
        .map_err(|e| format!("base64: {e}"))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(
        &packed,
        MAX_SHARED_BYTES.max(assignment::MAX_ASSIGNMENT_BYTES + 4096),
    )
    .map_err(|e| format!("inflate: {e:?}"))?;
    // Read as a `&str`, as the worker reads its settings: serde_json's reader over bytes
    // would be a second copy of its deserializer in the wasm.
    let json = std::str::from_utf8(&json).map_err(|e| format!("utf-8: {e}"))?;
    serde_json::from_str(json).map_err(|e| format!("json: {e}"))
}

/// Puts `hash` in the address bar without a reload or a hashchange event.
pub fn set_location_hash(hash: &str) {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
    }
}

/// Removes an assignment link from the address bar (after closing the assignment).
pub fn clear_location_hash() {
    let Some(w) = web_sys::window() else { return };
    let hash = w.location().hash().unwrap_or_default();
    if from_hash(&hash).is_none() {
        return;
    }
    replace_hash("");
}

/// Puts `hash` (with its `#`, or empty for none) in the address bar in place of the
/// current one, keeping the page's path and query (no reload, no hashchange event).
pub fn replace_hash(hash: &str) {
    let Some(w) = web_sys::window() else { return };
    let path = w.location().pathname().unwrap_or_default();
    let search = w.location().search().unwrap_or_default();
    set_location_hash(&format!("{path}{search}{hash}"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_round_trip_and_garbage_is_an_error() {
        let (file, text) = ASSIGNMENTS[0];
        let course = open(
            Origin::Text {
                file: file.to_string(),
            },
            file,
            text,
        )
        .expect("library assignments are valid");
        let hash = to_hash(&course);
        assert!(hash.starts_with("#at="));
        match from_hash(&hash) {
            Some(Ok(CourseAction::OpenText { file: f, text: t })) => {
                assert_eq!((f.as_str(), t.as_str()), (file, text));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            from_hash("#a=x.toml"),
            Some(Ok(CourseAction::OpenLibrary("x.toml".into())))
        );
        assert_eq!(
            from_hash("#a=%3Cb%3E%20%ED%95%9C.toml&l=ko"),
            Some(Ok(CourseAction::OpenLibrary("<b> 한.toml".into())))
        );
        assert!(matches!(from_hash("#at=%%"), Some(Err(_))));
        assert!(from_hash("#s=abc").is_none());
    }

    #[test]
    fn every_library_assignment_opens_in_the_page() {
        assert!(ASSIGNMENTS.len() >= 2);
        for (file, text) in ASSIGNMENTS {
            let c = open(Origin::Library(file.to_string()), file, text);
            assert!(c.is_ok(), "{file}: {:?}", c.err());
        }
    }
}
