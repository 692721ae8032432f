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
    /// Whether the answer is right, when the step reveals answers and the page checked it
    /// against the computed answers of a run of exactly this step's scenario and variant
    /// (`hash`); `None`: not checked. Kept for the final page's count only: the answers
    /// file does not carry it (`virtsim grade` computes its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub right: Option<bool>,
}

/// Whether `saved` is right: `None` unless its step reveals answers, it was given against
/// the step as it is now (`hash`, the step's current scenario hash for this student) and
/// `expected` (the computed answers of a run of exactly this step) answers its question.
pub fn checked(
    saved: &Saved,
    reveal: bool,
    hash: &str,
    expected: Option<&[QuestionAnswer]>,
) -> Option<bool> {
    if !reveal || saved.hash != hash {
        return None;
    }
    let q = expected?.iter().find(|q| q.id == saved.question)?;
    Some(q.check(&saved.answer))
}

/// Whether `answer` can be recorded for a question of `kind`: something given, and for a
/// numeric question a number (`num::parse_answer`); anything else is asked again, never
/// graded.
pub fn readable(kind: QuestionKind, answer: &str) -> bool {
    !answer.trim().is_empty()
        && (kind != QuestionKind::Numeric || crate::num::parse_answer(answer).is_some())
}

/// The final page's count of the student's answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    /// Questions of steps that reveal answers: the count is over these.
    pub revealed: usize,
    pub right: usize,
    pub wrong: usize,
    /// Questions of those steps without an answer.
    pub unanswered: usize,
    /// Answered, but not checked: the step's run was not seen since the answer, or the
    /// answer was given against another version of the step.
    pub unchecked: usize,
    /// Questions of steps that do not reveal answers (the instructor grades them).
    pub hidden: usize,
    /// The points of the right answers (each question's `points`, as `virtsim grade` adds
    /// them up), and of every question counted (those of steps that reveal answers).
    pub points: u32,
    pub max_points: u32,
}

/// How the answers in `progress` stand; `None` when no step reveals answers (the page
/// then shows no count). `hash(i)` is step `i`'s current scenario hash for the student: a
/// verdict kept for another version of the step is not counted.
pub fn score(a: &Assignment, progress: &Progress, hash: impl Fn(usize) -> String) -> Option<Score> {
    let mut score = Score::default();
    for (index, step) in a.steps.iter().enumerate() {
        if !step.reveal {
            score.hidden += step.questions.len();
            continue;
        }
        let current = hash(index);
        for q in &step.questions {
            score.revealed += 1;
            score.max_points += q.points;
            let given = progress
                .answer(&step.id, &q.id)
                .filter(|s| !s.answer.trim().is_empty());
            match given.map(|s| (s.hash == current).then_some(s.right).flatten()) {
                None => score.unanswered += 1,
                Some(None) => score.unchecked += 1,
                Some(Some(true)) => {
                    score.right += 1;
                    score.points += q.points;
                }
                Some(Some(false)) => score.wrong += 1,
            }
        }
    }
    (score.revealed > 0).then_some(score)
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
    /// How many times the student moved to a step (Start, Next, Previous, a step of the
    /// final page): each move brings the new step's title into view and gives it focus
    /// (`components/course.rs`); 0 until the first, so a reload does not scroll the page.
    pub moved: u32,
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
        moved: 0,
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
                host_clock_mhz: adj.host_clock_mhz,
                memory_per_instance_mib: adj.memory_per_instance_mib,
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

    /// The final page's count (see [`score`]).
    pub fn score(&self) -> Option<Score> {
        score(self.a(), &self.progress, |i| {
            self.a().scenario_hash(i, self.student())
        })
    }

    /// Checks the current step's answers against `expected`, the computed answers of a
    /// run of exactly this step ([`Course::expected`]).
    fn check_step(&mut self, expected: &[QuestionAnswer]) {
        let Some(step) = self.a().steps.get(self.progress.step) else {
            return;
        };
        let (id, reveal) = (step.id.clone(), step.reveal);
        let hash = self.hash();
        for saved in self.progress.answers.iter_mut().filter(|s| s.step == id) {
            saved.right = checked(saved, reveal, &hash, Some(expected));
        }
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

    /// Records an answer to the current step, checked against `expected` (the computed
    /// answers of a run of exactly this step, if the page has one) when the step reveals
    /// answers. A replaced answer's verdict goes with it.
    fn record(
        &mut self,
        question: String,
        answer: String,
        predicted: bool,
        expected: Option<&[QuestionAnswer]>,
    ) {
        let Some(step) = self.a().steps.get(self.progress.step) else {
            return;
        };
        let (step, reveal) = (step.id.clone(), step.reveal);
        let hash = self.hash();
        self.progress
            .answers
            .retain(|s| !(s.step == step && s.question == question));
        let mut saved = Saved {
            step,
            question,
            answer,
            predicted,
            hash,
            right: None,
        };
        saved.right = checked(&saved, reveal, &saved.hash, expected);
        self.progress.answers.push(saved);
    }
}

/// Checks the current step's answers once a run of it finished (`Action::Finished`):
/// predictions committed before the run, and answers kept before verdicts were. A result
/// of other settings (a slider moved, another step) checks nothing.
pub fn check_answers(s: &mut State) {
    let Some(expected) = s.course.as_ref().and_then(|c| c.expected(s)) else {
        return;
    };
    if let Some(c) = s.course.as_mut() {
        c.check_step(&expected);
    }
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
    if course.student().is_none() || course.finished() {
        return;
    }
    let Some(input) = course.step_input() else {
        return;
    };
    let wait = course.awaiting_predictions();
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
            match open(Origin::Text { file: file.clone() }, &file, &text) {
                Ok(course) => {
                    s.course = Some(course);
                    s.notice = None;
                    show_step(s);
                }
                Err(message) => {
                    // A scenario file given as an assignment: open it where it belongs, the
                    // scenario editor, and say so.
                    let scenario =
                        Assignment::from_toml_first_variants(&file, &text, &library_scenario)
                            .err()
                            .is_some_and(|e| e.code == "wrong_kind");
                    if scenario {
                        s.load(None, file.clone(), text);
                        s.notice = Some(
                            crate::i18n::t(s.lang, "course.opened_as_scenario")
                                .replace("{}", &file),
                        );
                    } else {
                        s.notice = Some(message.get(s.lang).to_string());
                    }
                }
            }
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
                c.moved += 1;
                show_step(s);
            }
        }
        CourseAction::GoTo(step) => {
            if let Some(c) = s.course.as_mut() {
                c.progress.step = step.min(c.a().steps.len());
                c.moved += 1;
                show_step(s);
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
                    .any(|q| q.id == *question && !readable(q.kind, answer))
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
                .map(|q| q.kind);
            if known && !given && kind.is_some_and(|kind| readable(kind, &answer)) {
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

    /// Two short steps (4 ms per platform): the first reveals answers (a prediction and
    /// an answer after the run), the second does not.
    const TWO_STEPS: &str = include_str!("../tests/fixtures/score-assignment.toml");

    fn saved(step: &str, question: &str, answer: &str, hash: &str, right: Option<bool>) -> Saved {
        Saved {
            step: step.into(),
            question: question.into(),
            answer: answer.into(),
            predicted: false,
            hash: hash.into(),
            right,
        }
    }

    #[test]
    fn the_score_counts_revealed_questions_and_says_what_the_rest_are() {
        let c = open(Origin::Library("t.toml".into()), "t.toml", TWO_STEPS).unwrap();
        let a = c.a();
        let hash = |i: usize| format!("h{i}");
        let progress = |answers: Vec<Saved>| Progress {
            student: Some("s1".into()),
            step: 2,
            answers,
            committed: vec!["one".into()],
        };
        // Nothing answered: both questions of the revealing step unanswered; the other
        // step's question is counted apart.
        let none = score(a, &progress(vec![]), hash).unwrap();
        assert_eq!(
            none,
            Score {
                revealed: 2,
                unanswered: 2,
                hidden: 1,
                // bt-rel is worth 2 points.
                max_points: 3,
                ..Score::default()
            }
        );
        let p = progress(vec![
            saved("one", "slowest", "bt", "h0", Some(true)),
            saved("one", "bt-rel", "50", "h0", Some(false)),
            saved("two", "fastest", "hw", "h1", None),
        ]);
        let s = score(a, &p, hash).unwrap();
        assert_eq!((s.right, s.wrong, s.unanswered, s.unchecked), (1, 1, 0, 0));
        assert_eq!((s.revealed, s.hidden), (2, 1));
        assert_eq!((s.points, s.max_points), (1, 3));
        let p = progress(vec![
            saved("one", "slowest", "hw", "h0", Some(false)),
            saved("one", "bt-rel", "50", "h0", Some(true)),
        ]);
        let s = score(a, &p, hash).unwrap();
        assert_eq!((s.right, s.points, s.max_points), (1, 2, 3));
        // Answered but not checked (no run of the step seen since), and a verdict kept
        // for another version of the step: neither counts as right or wrong.
        let p = progress(vec![
            saved("one", "slowest", "bt", "h0", None),
            saved("one", "bt-rel", "50", "old", Some(true)),
        ]);
        let s = score(a, &p, hash).unwrap();
        assert_eq!((s.right, s.wrong, s.unanswered, s.unchecked), (0, 0, 0, 2));
        // A blank answer is no answer (as `virtsim grade` counts it).
        let p = progress(vec![saved("one", "slowest", " ", "h0", None)]);
        assert_eq!(score(a, &p, hash).unwrap().unanswered, 2);

        // No step reveals: no score at all.
        let hidden = TWO_STEPS.replacen(
            "id = \"one\"\ntitle",
            "id = \"one\"\nreveal = false\ntitle",
            1,
        );
        assert_ne!(hidden, TWO_STEPS);
        let c = open(Origin::Library("t.toml".into()), "t.toml", &hidden).unwrap();
        assert_eq!(score(c.a(), &progress(vec![]), hash), None);
    }

    /// Through the page's reducer: predictions are checked when the step's run finishes,
    /// an answer when it is given; a result of other settings checks nothing; the answers
    /// file is the same with or without verdicts.
    #[test]
    fn a_scenario_file_given_as_an_assignment_opens_in_the_scenario_editor() {
        let (file, text) = builtin::BUILTIN[0];
        let mut s = State::new(crate::i18n::Lang::En, None);
        reduce(
            &mut s,
            CourseAction::OpenText {
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
                file: "junk.toml".into(),
                text: "[nothing]\n".into(),
            },
        );
        assert!(s.course.is_none() && s.text == before);
        assert!(s.notice.is_some());
    }

    /// The page with `TWO_STEPS` open and student `s001` started on it.
    fn started_two_steps() -> State {
        let mut s = State::new(crate::i18n::Lang::En, None);
        reduce(
            &mut s,
            CourseAction::OpenText {
                file: "t.toml".into(),
                text: TWO_STEPS.into(),
            },
        );
        reduce(&mut s, CourseAction::Start("s001".into()));
        s
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
                file: "t.toml".into(),
                text: TWO_STEPS.into(),
            },
        );
        assert!(s.course.as_ref().unwrap().student().is_none());
        assert_eq!(s.tab, crate::state::Tab::Table);
    }

    #[test]
    fn verdicts_are_kept_from_runs_of_the_step_only() {
        use yew::Reducible as _;

        let finish = |s: State, result: crate::core::RunResult| -> State {
            let id = s.run_id;
            Rc::new(s)
                .reduce(crate::state::Action::Finished {
                    id,
                    result: crate::state::ResultRef(Rc::new(result)),
                    events: 1,
                    millis: 1.0,
                    whole: true,
                })
                .as_ref()
                .clone()
        };
        let mut s = started_two_steps();
        let c = s.course.as_ref().unwrap();
        let scenario = c.prepared.as_ref().unwrap().0.clone();
        let expected = scenario.run().unwrap();
        let answer = |id: &str| {
            expected
                .questions
                .iter()
                .find(|q| q.id == id)
                .unwrap()
                .answer
                .clone()
        };
        let right = |s: &State, q: &str| {
            s.course
                .as_ref()
                .unwrap()
                .progress
                .answer("one", q)
                .and_then(|a| a.right)
        };
        // Binary translation is the slower one: "hw" is a wrong prediction.
        assert_eq!(answer("slowest"), "bt");
        reduce(
            &mut s,
            CourseAction::CommitPredictions(vec![("slowest".into(), "hw".into())]),
        );
        assert!(s.is_running());
        assert_eq!(right(&s, "slowest"), None, "not checked before the run");
        let s = finish(s, expected.clone());
        assert_eq!(right(&s, "slowest"), Some(false));

        // A slider moved: the result shown is not this step's; an answer given now is
        // kept unchecked, and that result checks nothing.
        let mut knobs = s.knobs.clone();
        knobs.seed = Some(knobs.seed.unwrap_or(0) + 1);
        let mut s = Rc::new(s)
            .reduce(crate::state::Action::SetKnobs(knobs))
            .as_ref()
            .clone();
        let mut s2 = s.clone();
        s = finish(s, expected.clone());
        assert!(s.course.as_ref().unwrap().expected(&s).is_none());
        reduce(
            &mut s,
            CourseAction::Submit {
                question: "bt-rel".into(),
                answer: answer("bt-rel"),
            },
        );
        assert_eq!(right(&s, "bt-rel"), None, "stale results check nothing");
        assert_eq!(right(&s, "slowest"), Some(false), "kept");

        // Back to the step: its run checks the answer given meanwhile.
        reduce(&mut s, CourseAction::GoTo(0));
        let s = finish(s, expected.clone());
        assert_eq!(right(&s, "bt-rel"), Some(true));
        assert_eq!(right(&s, "slowest"), Some(false));

        // An answer given while this step's result is shown is checked at once.
        reduce(&mut s2, CourseAction::GoTo(0));
        let mut s2 = finish(s2, expected.clone());
        reduce(
            &mut s2,
            CourseAction::Submit {
                question: "bt-rel".into(),
                answer: "-5".into(),
            },
        );
        assert_eq!(right(&s2, "bt-rel"), Some(false));

        // Checked only when the step reveals, against the step as it is now, and with
        // its computed answers.
        let qs = Some(&expected.questions[..]);
        let bt = saved("one", "slowest", "bt", "now", None);
        assert_eq!(checked(&bt, true, "now", qs), Some(true));
        assert_eq!(checked(&bt, true, "before", qs), None);
        assert_eq!(checked(&bt, false, "now", qs), None);
        assert_eq!(checked(&bt, true, "now", None), None);

        // The final page counts them; the answers file does not carry them.
        let mut s = s;
        reduce(&mut s, CourseAction::GoTo(2));
        let c = s.course.as_ref().unwrap();
        let score = c.score().unwrap();
        assert_eq!((score.right, score.wrong, score.revealed), (1, 1, 2));
        assert_eq!(score.hidden, 1);
        let mut unchecked = c.clone();
        for a in &mut unchecked.progress.answers {
            a.right = None;
        }
        assert_eq!(c.answers_json(), unchecked.answers_json());
        assert!(!c.answers_json().contains("right"));

        // Progress saved before verdicts were kept still loads (no `right` field).
        let mut old: serde_json::Value = serde_json::to_value(&unchecked.progress).unwrap();
        assert!(old["answers"][0].get("right").is_none());
        old["answers"][0].as_object_mut().unwrap().remove("right");
        let back: Progress = serde_json::from_value(old).unwrap();
        assert_eq!(back, unchecked.progress);
        let kept: Progress =
            serde_json::from_str(&serde_json::to_string(&c.progress).unwrap()).unwrap();
        assert_eq!(kept, c.progress);
    }

    #[test]
    fn an_answer_that_is_not_a_number_is_asked_again_not_graded() {
        let mut s = started_two_steps();
        reduce(
            &mut s,
            CourseAction::CommitPredictions(vec![("slowest".into(), "bt".into())]),
        );
        let answer = |s: &State| {
            s.course
                .as_ref()
                .unwrap()
                .progress
                .answer("one", "bt-rel")
                .map(|a| a.answer.clone())
        };
        for text in ["about 25", "5 7", "  "] {
            reduce(
                &mut s,
                CourseAction::Submit {
                    question: "bt-rel".into(),
                    answer: text.into(),
                },
            );
            assert_eq!(answer(&s), None, "{text:?} was recorded");
        }
        // A number is recorded (and then kept: one answer per question).
        reduce(
            &mut s,
            CourseAction::Submit {
                question: "bt-rel".into(),
                answer: "57,7 %".into(),
            },
        );
        assert_eq!(answer(&s).as_deref(), Some("57,7 %"));
        assert!(readable(QuestionKind::Choice, "bt"));
        assert!(!readable(QuestionKind::Numeric, "bt"));

        // A numeric prediction likewise: nothing is committed, nothing runs.
        let predicted =
            TWO_STEPS.replacen("id = \"bt-rel\"\n", "id = \"bt-rel\"\npredict = true\n", 1);
        assert_ne!(predicted, TWO_STEPS);
        let mut s = State::new(crate::i18n::Lang::En, None);
        reduce(
            &mut s,
            CourseAction::OpenText {
                file: "p.toml".into(),
                text: predicted,
            },
        );
        reduce(&mut s, CourseAction::Start("s001".into()));
        let commit = |bt_rel: &str| {
            CourseAction::CommitPredictions(vec![
                ("slowest".into(), "bt".into()),
                ("bt-rel".into(), bt_rel.into()),
            ])
        };
        let run = s.run_id;
        reduce(&mut s, commit("about 25"));
        let c = s.course.as_ref().unwrap();
        assert!(c.progress.committed.is_empty() && c.progress.answers.is_empty());
        assert_eq!(s.run_id, run, "a run started");
        reduce(&mut s, commit("25"));
        assert_eq!(s.course.as_ref().unwrap().progress.answers.len(), 2);
        assert_ne!(s.run_id, run);
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
