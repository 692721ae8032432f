//! Assignments: scenarios in order, with an introduction and questions per step, points,
//! per-student variation, and the grading of a student's answers file.
//!
//! - `format.rs`: the TOML file as written (the serde `*Section` structs);
//! - `read.rs`: the reading of the file past its mistakes (as a scenario's), so that
//!   every independent error is reported at once;
//! - `validate/`: validation into [`Assignment`], with located errors (every variant a
//!   student can get is validated);
//! - `variation.rs`: the stable hashes behind a student's seed and picks;
//! - `answers_file.rs`: [`AnswersFile`] (what a student hands in) and [`StudentGrade`].
//!
//! Nothing here reads files: library scenarios come from a resolver the caller passes
//! (the CLI and the page compile the library in; sim-core does not have it), and runs are
//! the caller's too, except in [`Assignment::grade_file`], which grades a handed-in
//! answers file as `virtsim grade` does, running its student's steps. A student's answers
//! computed, as a key and graded, from Rust (what `virtsim answers --student s001
//! --answers-file` and `virtsim grade` do), with a resolver that reads the library from
//! `scenarios/`:
//!
//! ```
//! use sim_core::assignment::{Assignment, Verdict};
//!
//! // `scenario = "type1-vs-type2.toml"` in a step: read from scenarios/, by file name only.
//! let library = |name: &str| {
//!     let plain = !name.contains(['/', '\\']);
//!     plain.then(|| std::fs::read_to_string(format!("../scenarios/{name}")).ok()).flatten()
//! };
//! let text = include_str!("../../../scenarios/assignments/hypervisor-types.toml");
//! let assignment = Assignment::from_toml("hypervisor-types.toml", text, &library)?;
//! let mut expected = Vec::new();
//! for step in 0..assignment.steps.len() {
//!     // s001's seed and varied parameters; exactly the step's questions, predictions first.
//!     let scenario = assignment.step_scenario(step, Some("s001"))?;
//!     expected.push(scenario.run()?.questions);
//! }
//! let key = assignment.answer_key("s001", &expected)?; // an answers file (JSON with serde)
//! let grade = assignment.grade(&key, &expected);
//! assert!(grade.rows.iter().all(|row| row.verdict == Verdict::Right));
//! assert_eq!(grade.points, assignment.max_points());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod answers_file;
mod copying;
mod format;
mod read;
mod relocation;
mod validate;
pub mod variation;

pub use answers_file::{
    expected_shown, expected_text, AnswersFile, ComputedAnswers, GivenAnswer, GradeRow, Problem,
    StepAnswers, StudentGrade, Verdict, ANSWERS_FORMAT,
};
pub use copying::{
    choice_variants, copyable_answers, differing_choices, parameters_without_effect,
    same_pick_students, sample_students, why_without_effect, CopyableAnswer, DifferingChoice,
    SAMPLES,
};
pub use format::{
    AssignmentFile, AssignmentSection, Choice, Parameter, StepQuestionSection, StepSection,
    VarySection,
};

pub use validate::Variants;

use crate::scenario::error::{msg, Msg, Validator};
use crate::scenario::{Adjustments, Scenario, ScenarioError};
use crate::text::Text;

/// Largest assignment file accepted, bytes (embedded scenarios included).
pub const MAX_ASSIGNMENT_BYTES: usize = 1024 * 1024;
/// Most steps in an assignment.
pub const MAX_STEPS: usize = 40;
/// Most questions in a step (its own and the scenario's).
pub const MAX_QUESTIONS_PER_STEP: usize = 40;
/// Most parameters varied in a step.
pub const MAX_VARY: usize = 4;
/// Most choices of a varied parameter.
pub const MAX_CHOICES: usize = 16;
/// Most distinct variants of a step (the product of its choice counts); each is
/// validated.
pub const MAX_VARIANTS: usize = 64;
/// Most variants of all steps together (each is a validation of its scenario).
pub const MAX_TOTAL_VARIANTS: usize = 256;
/// Longest student id, characters.
pub const MAX_STUDENT_ID_CHARS: usize = 64;
/// Most events one student's run of the whole assignment may be estimated to need: the sum
/// over the steps of each step's largest estimate over its variants
/// ([`Assignment::estimated_events`]). The same budget as one scenario's
/// ([`crate::scenario::MAX_ESTIMATED_EVENTS`]): `virtsim answers --student` and `grade` run
/// every step for each student, so an assignment costs them what its steps cost together.
pub const MAX_ASSIGNMENT_ESTIMATED_EVENTS: u64 = crate::scenario::MAX_ESTIMATED_EVENTS;

/// Whether a TOML text is an assignment rather than a scenario: it has an `[assignment]`
/// table header (spaces, a comment after it and a byte-order mark before the file's first
/// line aside; a line inside a multi-line string, such as an embedded `scenario_toml`, is
/// text). What `virtsim validate`, `answers` and `run` go by to read a file as one or the
/// other.
pub fn is_assignment_text(text: &str) -> bool {
    crate::scenario::error::table_header(text, "[assignment]").is_some()
}

/// Where an assignment's steps find library scenarios (`scenario = "type1-vs-type2.toml"`).
/// Any `Fn(&str) -> Option<String>` is one (it lists no names); the CLI's and the page's
/// built-in libraries also list their file names, which a step naming a scenario the
/// library lacks is then told. The CLI's also reads a name the library lacks as a path
/// relative to the assignment file ([`Library::reads_paths`]).
pub trait Library {
    /// The text of library scenario `name` (a file name), if the library has it.
    fn scenario(&self, name: &str) -> Option<String>;
    /// The library's file names, in the order a message lists them; empty when the
    /// library cannot list them (a closure).
    fn names(&self) -> Vec<String> {
        Vec::new()
    }
    /// Whether a `scenario` the library does not have is read as a file, at a path
    /// relative to the assignment file (the CLI), rather than not at all (the page, which
    /// reads no files): what a step naming a scenario found neither way is told.
    fn reads_paths(&self) -> bool {
        false
    }
    /// How messages name scenario `name`'s file: its name, or the path a resolver that
    /// [reads paths](Self::reads_paths) read it from or looked for it at.
    fn file_label(&self, name: &str) -> String {
        name.to_string()
    }
    /// Why scenario file `name`, which a resolver that [reads paths](Self::reads_paths)
    /// found, could not be read; `None` when there is no such file (or it was read).
    fn unreadable(&self, _name: &str) -> Option<Unreadable> {
        None
    }
}

/// Why a step's scenario file that exists could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// A directory of that name.
    Directory,
    /// A file over [`MAX_FILE_BYTES`](crate::scenario::MAX_FILE_BYTES), of this many bytes.
    TooLarge(u64),
    /// A file that is not UTF-8 text.
    NotUtf8,
}

impl<F: Fn(&str) -> Option<String>> Library for F {
    fn scenario(&self, name: &str) -> Option<String> {
        self(name)
    }
}

/// Where a step's scenario comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepSource {
    /// A library scenario, by file name.
    Library(String),
    /// Embedded in the assignment.
    Embedded,
}

/// A parameter varied per student, with its choices.
#[derive(Debug, Clone, PartialEq)]
pub struct Vary {
    pub parameter: Parameter,
    pub choices: Vec<Choice>,
}

/// A question of a step, with what grading needs beyond the scenario question.
#[derive(Debug, Clone, PartialEq)]
pub struct StepQuestion {
    pub id: String,
    pub text: Text,
    pub points: u32,
    /// Answered before the run.
    pub predict: bool,
    /// A `[[question]]` of the scenario itself (`scenario_questions`).
    pub from_scenario: bool,
}

/// A validated step.
#[derive(Debug, Clone)]
pub struct Step {
    pub id: String,
    pub title: Text,
    pub intro: Text,
    pub source: StepSource,
    /// The scenario as written (before any variation).
    pub scenario: Scenario,
    pub reveal: bool,
    pub student_seed: bool,
    pub vary: Vec<Vary>,
    /// In the order the page asks them: the `predict` questions first, then the scenario's
    /// and the step's others, each part in the file's order.
    pub questions: Vec<StepQuestion>,
}

/// What one student gets in a step: a seed (if derived) and a choice per varied parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub seed: Option<u64>,
    pub picks: Vec<(Parameter, Choice)>,
}

impl Variant {
    /// The variant as the scenario's slider changes.
    pub fn adjustments(&self) -> Adjustments {
        let mut adj = Adjustments {
            seed: self.seed,
            ..Adjustments::default()
        };
        for (parameter, choice) in &self.picks {
            let number = match choice {
                Choice::Number(n) => *n,
                // Only the network parameters take decimals (they read `decimal` below).
                Choice::Decimal(_) | Choice::Name(_) => 0,
            };
            let decimal = choice.as_f64();
            let small = u32::try_from(number).unwrap_or(u32::MAX);
            match parameter {
                Parameter::DurationMs => adj.duration_ms = Some(number),
                Parameter::HostCores => adj.host_cores = Some(small),
                Parameter::HostClockMhz => adj.host_clock_mhz = Some(small),
                Parameter::MemoryPerInstanceMib => adj.memory_per_instance_mib = Some(small),
                Parameter::InstanceCount => adj.instance_count = Some(small),
                Parameter::VcpusPerInstance => adj.vcpus_per_instance = Some(small),
                Parameter::ThreadsPerInstance => adj.threads_per_instance = Some(small),
                Parameter::Workload => adj.workload = Some(choice.to_string()),
                Parameter::VmExitCycles => adj.vm_exit_cycles = Some(number),
                Parameter::TimeSliceMs => adj.time_slice_ms = Some(number),
                Parameter::VdiRttMs => adj.vdi_network.rtt_ms = decimal,
                Parameter::VdiLossPercent => adj.vdi_network.loss_percent = decimal,
                Parameter::VdiClientBandwidthMbitS => {
                    adj.vdi_network.client_bandwidth_mbit_s = decimal
                }
            }
        }
        adj
    }

    /// `seed=123, host_cores=4`: the variant in words (empty for none).
    /// The varied parameters' picks alone (no seed), as `describe` writes them.
    pub fn picks_text(&self) -> String {
        let parts: Vec<String> = self
            .picks
            .iter()
            .map(|(p, c)| format!("{}={c}", p.name()))
            .collect();
        parts.join(", ")
    }

    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = self.seed.iter().map(|s| format!("seed={s}")).collect();
        parts.extend(self.picks.iter().map(|(p, c)| format!("{}={c}", p.name())));
        parts.join(", ")
    }
}

/// A validated assignment.
#[derive(Debug, Clone)]
pub struct Assignment {
    pub file_name: String,
    pub id: String,
    pub title: Text,
    pub intro: Option<Text>,
    pub steps: Vec<Step>,
    pub(crate) raw: AssignmentFile,
    pub(crate) source: String,
    /// What validation found that does not make the file invalid ([`Self::warnings`]).
    pub(crate) warnings: Vec<ScenarioError>,
    /// What validation found that the author may want to know ([`Self::notes`]).
    pub(crate) notes: Vec<ScenarioError>,
    /// Each step's estimated events: the largest of its validated variants'
    /// ([`Self::step_estimated_events`]).
    pub(crate) step_events: Vec<u64>,
    /// Each step's `duration_ms` in the variant that gave its `step_events`
    /// ([`Self::step_largest_duration_ms`]).
    pub(crate) step_durations: Vec<u64>,
}

/// Whether `id` is a valid student id, once trimmed: 1 to 64 characters, no control
/// characters and no format characters ([`crate::text::is_format_character`]: an id that
/// looks like another's would get its own variant).
pub fn valid_student_id(id: &str) -> bool {
    let id = id.trim();
    !id.is_empty()
        && id.chars().count() <= MAX_STUDENT_ID_CHARS
        && !id
            .chars()
            .any(|c| c.is_control() || crate::text::is_format_character(c))
}

/// Student id `id`, which [`valid_student_id`] refuses, in the CLI's words (its control and
/// format characters shown as code points).
/// A student id as messages show it: each control or format character as its code point
/// between angle brackets (`s<U+202E>1`), since printed as is a NUL or U+202E would garble
/// the message, and without the brackets `2026U+0001123457` reads as one code point. Every
/// message about an id no student can have (the grader's roster, `virtsim answers
/// --student`, an answer key) shows it this way.
pub fn shown_student_id(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_control() || crate::text::is_format_character(c) {
                format!("<{}>", crate::text::code_point(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn bad_student_id(id: &str) -> Msg {
    msg!(
        "bad_student_id",
        "student id `{id}` must be 1 to {max} characters without control or format characters (U+200B, U+202E, ...)",
        "학생 id `{id}`은(는) 제어 문자나 서식 문자(U+200B, U+202E 등) 없이 1~{max}자여야 합니다",
        id = shown_student_id(id),
        max = MAX_STUDENT_ID_CHARS
    )
}

impl Assignment {
    /// Parses and validates an assignment; `library` gives the text of a library scenario
    /// by file name ([`Library`]: a closure, or a library that also lists its names). `file_name` only labels errors. Inline in wasm
    /// builds, for size, as `Scenario::from_toml` is: the page compiles the reading at its
    /// own optimization level (natively it is compiled once, in sim-core).
    /// The error is the first of those [`Self::from_toml_all`] reports.
    #[cfg_attr(target_arch = "wasm32", inline)]
    pub fn from_toml(
        file_name: &str,
        text: &str,
        library: &dyn Library,
    ) -> Result<Assignment, ScenarioError> {
        Self::from_toml_all(file_name, text, library).map_err(crate::scenario::validate_first)
    }

    /// [`Self::from_toml`], with every independent error of the file, in its order (never
    /// an empty list), up to [`crate::scenario::MAX_ERRORS_SHOWN`] mistakes read past,
    /// as [`Scenario::from_toml_all`] reports a scenario's. An unknown value, an unknown
    /// key or a value of the wrong type does not stop the reading; a TOML syntax error, a
    /// table without a key it needs (a text aside: a step without `intro` is one error
    /// among the others) or an unknown table does, and that error says so
    /// ([`ScenarioError::stop_note_in`]). Then the `[assignment]` table and each step are
    /// checked on their own, each part's first error reported: a step's id and texts, its
    /// scenario (every error of it, an embedded scenario's located in the assignment, a
    /// library scenario's in its file, listed where the step names it), its variation, each
    /// `scenario_questions` entry and each of its questions (against the scenario as
    /// written). What follows from an error is not checked: a step's variation and
    /// questions without its scenario, its variants (and the whole assignment's totals)
    /// while anything has an error.
    #[cfg_attr(target_arch = "wasm32", inline)] // for size: see `Assignment::from_toml`
    pub fn from_toml_all(
        file_name: &str,
        text: &str,
        library: &dyn Library,
    ) -> Result<Assignment, Vec<ScenarioError>> {
        validate::from_toml(file_name, text, library, Variants::All).map_err(|e| e.0)
    }

    /// [`Self::from_toml_all`] validating only each step's first variant (see
    /// [`Variants::First`]); a student's own variant is validated by
    /// [`Self::step_scenario`].
    #[cfg_attr(target_arch = "wasm32", inline)] // for size: see `Assignment::from_toml`
    pub fn from_toml_first_variants(
        file_name: &str,
        text: &str,
        library: &dyn Library,
    ) -> Result<Assignment, Vec<ScenarioError>> {
        validate::from_toml(file_name, text, library, Variants::First).map_err(|e| e.0)
    }

    /// The assignment text it was read from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Line and column (from 1) of step `step`'s `scenario = "..."` value in the file, if
    /// the step names its scenario: where a remark about that scenario is located.
    pub fn step_scenario_place(&self, step: usize) -> Option<(usize, usize)> {
        let name = self.raw.steps.get(step)?.scenario.as_ref()?;
        Some(crate::scenario::error::line_column(
            &self.source,
            name.span().start,
        ))
    }

    /// Line and column (from 1) of the `id = "..."` value of step `step`'s own question
    /// `id` (a `[[step.question]]`), if the step has one by that id: where a remark about
    /// that question (a tolerance that also accepts other platforms' values) is located.
    pub fn question_place(&self, step: usize, id: &str) -> Option<(usize, usize)> {
        let question = self
            .raw
            .steps
            .get(step)?
            .questions
            .iter()
            .find(|q| q.id.get_ref() == id)?;
        Some(crate::scenario::error::line_column(
            &self.source,
            question.id.span().start,
        ))
    }

    /// Line and column (from 1) in the file of question `id` of step `step`'s embedded
    /// scenario (`scenario_toml`), if the step embeds one with a question by that id: a
    /// remark about one of its questions (a tie, a tolerance that also accepts other
    /// platforms' values) is located there, not at the scenario's own line.
    pub fn embedded_question_place(&self, step: usize, id: &str) -> Option<(usize, usize)> {
        let embedded = self.raw.steps.get(step)?.scenario_toml.as_ref()?;
        let (line, column) = self.steps.get(step)?.scenario.question_line_column(id)?;
        Some(relocation::Relocation::of(&self.source, embedded).place(line, column))
    }

    /// Line and column (from 1) of the `parameter = "..."` value of step `step`'s
    /// `[[step.vary]]` of `parameter`, if the step varies it: where a remark about that
    /// parameter is located.
    pub fn vary_place(&self, step: usize, parameter: Parameter) -> Option<(usize, usize)> {
        let vary = self
            .raw
            .steps
            .get(step)?
            .vary
            .iter()
            .find(|v| *v.parameter.get_ref() == parameter)?;
        Some(crate::scenario::error::line_column(
            &self.source,
            vary.parameter.span().start,
        ))
    }

    /// Line and column (from 1) of `choice` in the `choices` of step `step`'s
    /// `[[step.vary]]` of `parameter`, if the step varies it and lists that choice: where a
    /// remark about one choice (a variant that ties a choice question) is located.
    pub fn choice_place(
        &self,
        step: usize,
        parameter: Parameter,
        choice: &Choice,
    ) -> Option<(usize, usize)> {
        let vary = self
            .raw
            .steps
            .get(step)?
            .vary
            .iter()
            .find(|v| *v.parameter.get_ref() == parameter)?;
        let written = vary
            .choices
            .get_ref()
            .iter()
            .find(|c| c.get_ref() == choice)?;
        Some(crate::scenario::error::line_column(
            &self.source,
            written.span().start,
        ))
    }

    /// What validation found that does not make the file invalid but that its author
    /// should read, each located in the file, step by step: each step's scenario's own
    /// warnings ([`Scenario::warnings`]: a group OOM-killed even running alone, code
    /// `memory_too_small_alone`; a VM with more vCPUs than cores, `vcpus_over_cores`), once
    /// per step, as "step `id`: ..." (an embedded scenario's at its line in the assignment,
    /// a scenario file's in that file); then a `memory_per_instance_mib` choice too small
    /// for a platform's instances, which the OOM killer then stops even running alone
    /// (code `memory_setting_too_small`; a group the scenario as written already OOM-kills
    /// alone is left to the scenario's warning). `virtsim validate` and `answers` print
    /// them on stderr; the file stays valid (exit 0).
    pub fn warnings(&self) -> &[ScenarioError] {
        &self.warnings
    }

    /// What validation found that is often on purpose, each located in the file: a step
    /// whose scenario has `[[question]]`s its `scenario_questions` does not list, which
    /// students are then not asked (code `scenario_questions_left_out`, at the step's
    /// first `scenario_questions` entry, else at its `scenario` or `scenario_toml`).
    /// `virtsim validate` prints them as notes; unlike [`Self::warnings`], a library
    /// assignment may have them.
    pub fn notes(&self) -> &[ScenarioError] {
        &self.notes
    }

    /// The events step `step` may be estimated to need for any student: the largest
    /// [`Scenario::estimated_events`] of the variants validated (every variant when read
    /// by [`Self::from_toml`], the first ones by [`Self::from_toml_first_variants`]).
    pub fn step_estimated_events(&self, step: usize) -> u64 {
        self.step_events.get(step).copied().unwrap_or(0)
    }

    /// The `duration_ms` of step `step`'s variant with the most estimated events
    /// ([`Self::step_estimated_events`]; the first such variant), 0 for a step that does not
    /// exist: with [`crate::scenario::fitting_duration_ms`], the duration that would bring
    /// that variant under a budget of events (`virtsim validate`'s note on the page's
    /// limit, [`crate::scenario::PAGE_MAX_EVENTS`]).
    pub fn step_largest_duration_ms(&self, step: usize) -> u64 {
        self.step_durations.get(step).copied().unwrap_or(0)
    }

    /// The events one student's run of every step may be estimated to need: the sum of
    /// [`Self::step_estimated_events`], at most [`MAX_ASSIGNMENT_ESTIMATED_EVENTS`].
    pub fn estimated_events(&self) -> u64 {
        self.step_events
            .iter()
            .fold(0u64, |total, &events| total.saturating_add(events))
    }

    /// What `student` gets in step `step` (`step < steps.len()`; `None`: the scenario's seed and each
    /// parameter's first choice, the instructor's reference variant).
    pub fn variant(&self, step: usize, student: Option<&str>) -> Variant {
        let s = &self.steps[step];
        let student = student.map(str::trim);
        let seed = match student {
            Some(id) if s.student_seed => Some(variation::student_seed(&self.id, id, &s.id)),
            _ => None,
        };
        let picks = s
            .vary
            .iter()
            .map(|v| {
                let index = student.map_or(0, |id| {
                    variation::student_pick(
                        &self.id,
                        id,
                        &s.id,
                        v.parameter.name(),
                        v.choices.len(),
                    )
                });
                (v.parameter, v.choices[index].clone())
            })
            .collect();
        Variant { seed, picks }
    }

    /// The scenario `student` runs in step `step`: the variant applied, and exactly the
    /// step's questions. An error, without a location, for a step that does not exist
    /// (code `index_out_of_range`) and for a student id that [`valid_student_id`] refuses
    /// (code `bad_student_id`, as `virtsim answers --student` refuses it).
    pub fn step_scenario(
        &self,
        step: usize,
        student: Option<&str>,
    ) -> Result<Scenario, ScenarioError> {
        if step >= self.steps.len() {
            return Err(Validator::unlocated(&self.file_name).error(
                0..0,
                msg!(
                    "index_out_of_range",
                    "step {step} does not exist; the assignment has {len}, numbered from 0",
                    "단계 {step}이(가) 없습니다. 과제에는 0번부터 {len}개가 있습니다",
                    step = step,
                    len = self.steps.len()
                ),
            ));
        }
        if let Some(id) = student {
            self.refuse_student(id)?;
        }
        let variant = self.variant(step, student);
        validate::prepared(self, step, &variant)
    }

    /// The scenario of step `step` under `variant`, any seed and picks (the scenario's seed
    /// with a student's picks: what `virtsim answers` runs to see whether the varied
    /// parameters move any answer), holding exactly the step's questions. An error, without
    /// a location, for a step that does not exist (code `index_out_of_range`); a pick that
    /// is not one of the step's choices is validated as the scenario's change it is.
    pub fn variant_scenario(
        &self,
        step: usize,
        variant: &Variant,
    ) -> Result<Scenario, ScenarioError> {
        if step >= self.steps.len() {
            return self.step_scenario(step, None);
        }
        validate::prepared(self, step, variant)
    }

    /// An error (code `bad_student_id`, no location) for a student id that
    /// [`valid_student_id`] refuses.
    fn refuse_student(&self, id: &str) -> Result<(), ScenarioError> {
        if valid_student_id(id) {
            return Ok(());
        }
        Err(Validator::unlocated(&self.file_name).error(0..0, bad_student_id(id)))
    }

    /// The hash of the scenario `student` runs in step `step`: of what the scenario
    /// simulates ([`simulated_part`]) and the variant. An answers file carries it, so that
    /// answers computed against another version of the scenario (or another variant) are
    /// not graded against this one; a fixed typo in a text or a comment changes nothing.
    pub fn scenario_hash(&self, step: usize, student: Option<&str>) -> String {
        let variant = self.variant(step, student);
        let simulated = simulated_part(self.steps[step].scenario.source());
        variation::hash_text(variation::hash_parts(&[
            "virtsim-scenario",
            &simulated,
            &variant.describe(),
        ]))
    }

    /// Every question's points added up.
    pub fn max_points(&self) -> u32 {
        self.steps
            .iter()
            .flat_map(|s| &s.questions)
            .map(|q| q.points)
            .sum()
    }
}

/// What a scenario's text says about the simulation: its TOML values without comments,
/// layout, Korean/English texts (every `{ en = ..., ko = ... }` value) or its questions'
/// tolerances, written in one canonical form (keys sorted). A text that does not parse is taken as it is (it then
/// fails validation anyway).
pub fn simulated_part(source: &str) -> String {
    fn is_text(value: &toml::Value) -> bool {
        value.as_table().is_some_and(|t| {
            !t.is_empty()
                && t.iter()
                    .all(|(k, v)| (k == "en" || k == "ko") && v.is_str())
        })
    }
    /// `value` in a form fixed by this function alone (not by a crate's formatting).
    fn write(out: &mut String, value: &toml::Value) {
        use std::fmt::Write as _;
        match value {
            toml::Value::String(s) => {
                let _ = write!(out, "{s:?}");
            }
            toml::Value::Integer(i) => {
                let _ = write!(out, "{i}");
            }
            toml::Value::Float(f) => {
                let _ = write!(out, "{f:?}");
            }
            toml::Value::Boolean(b) => {
                let _ = write!(out, "{b}");
            }
            toml::Value::Datetime(d) => {
                let _ = write!(out, "{d}");
            }
            toml::Value::Array(items) => {
                out.push('[');
                for item in items {
                    write(out, item);
                    out.push(',');
                }
                out.push(']');
            }
            toml::Value::Table(table) => {
                let mut keys: Vec<&String> = table
                    .iter()
                    .filter(|(_, v)| !is_text(v))
                    .map(|(k, _)| k)
                    .collect();
                keys.sort();
                out.push('{');
                for key in keys {
                    let _ = write!(out, "{key:?}=");
                    write(out, &table[key.as_str()]);
                    out.push(',');
                }
                out.push('}');
            }
        }
    }
    match source.parse::<toml::Table>() {
        Ok(mut table) => {
            // A question's tolerance only grades: an instructor who widens it after
            // collecting answers regrades them, without making the step stale.
            if let Some(toml::Value::Array(questions)) = table.get_mut("question") {
                for q in questions.iter_mut().filter_map(toml::Value::as_table_mut) {
                    q.remove("tolerance_percent");
                }
            }
            let mut out = String::new();
            write(&mut out, &toml::Value::Table(table));
            out
        }
        Err(_) => source.to_string(),
    }
}

/// The answers of `scenario`'s questions (a step scenario from
/// [`Assignment::step_scenario`]) computed from `result`, a run of the same scenario text
/// and variant (the page runs it with its own machinery, and its questions may differ).
pub fn answers_from_result(
    scenario: &Scenario,
    result: &crate::results::RunResult,
) -> Vec<crate::question::QuestionAnswer> {
    if result.platforms.len() != scenario.platforms.len() {
        return Vec::new();
    }
    scenario
        .questions
        .iter()
        .map(|q| crate::runner::answer(q, scenario, &result.platforms))
        .collect()
}

#[cfg(test)]
mod network_tests;
#[cfg(test)]
mod tests;
