//! The assignment file as written: the serde `*Section` structs, with spans for errors.

use serde::Deserialize;
use toml::Spanned;

use crate::question::{Metric, QuestionKind, Select};
use crate::text::Text;
use crate::workload::Op;

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
/// A virtsim assignment file: scenarios in order, with an introduction and questions per
/// step.
pub struct AssignmentFile {
    /// Id, title, introduction and whether answers are revealed.
    pub assignment: AssignmentSection,
    /// The steps, in the order the student takes them.
    #[serde(default, rename = "step")]
    pub steps: Vec<StepSection>,
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AssignmentSection {
    /// Stable identifier (letters, digits, `-`, `_`, `.`; 1 to 64 characters). It goes into
    /// every answers file and into each student's seed: do not change it once handed out.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub id: Spanned<String>,
    /// Title in English and Korean.
    pub title: Text,
    /// Shown before the first step, in English and Korean.
    #[serde(default)]
    pub intro: Option<Text>,
    /// Whether the page shows right/wrong and the computed answer once a question is
    /// answered (default true). A step can override it.
    #[serde(default = "yes")]
    pub reveal: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
/// One exercise: a scenario, what the student reads first, and the questions.
pub struct StepSection {
    /// Identifier, unique in the file (same characters as the assignment id).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub id: Spanned<String>,
    /// Title in English and Korean.
    pub title: Text,
    /// What the student reads before running, in English and Korean.
    pub intro: Text,
    /// A scenario of the library by file name (e.g. "type1-vs-type2.toml").
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub scenario: Option<Spanned<String>>,
    /// Or a whole scenario embedded as TOML text (use a '''literal''' string).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub scenario_toml: Option<Spanned<String>>,
    /// Overrides the assignment's `reveal` for this step.
    #[serde(default)]
    pub reveal: Option<bool>,
    /// Ids of the scenario's own `[[question]]`s to ask in this step (one point each).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub scenario_questions: Vec<Spanned<String>>,
    /// Derive the seed from the student id (default false: the scenario's seed).
    #[serde(default)]
    pub student_seed: bool,
    /// Parameters picked per student from a list of choices.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(length(max = 4)))]
    pub vary: Vec<VarySection>,
    /// The step's own questions.
    #[serde(default, rename = "question")]
    pub questions: Vec<StepQuestionSection>,
}

/// A scenario setting that a variation may change (the page's sliders).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Parameter {
    DurationMs,
    HostCores,
    /// The host's clock in MHz.
    HostClockMhz,
    /// `memory_gib` of every instance group, in MiB.
    MemoryPerInstanceMib,
    /// `count` of every instance group.
    InstanceCount,
    VcpusPerInstance,
    ThreadsPerInstance,
    /// Every instance's workload (a preset or a workload of the scenario).
    Workload,
    VmExitCycles,
    TimeSliceMs,
}

impl Parameter {
    pub fn name(self) -> &'static str {
        match self {
            Parameter::DurationMs => "duration_ms",
            Parameter::HostCores => "host_cores",
            Parameter::HostClockMhz => "host_clock_mhz",
            Parameter::MemoryPerInstanceMib => "memory_per_instance_mib",
            Parameter::InstanceCount => "instance_count",
            Parameter::VcpusPerInstance => "vcpus_per_instance",
            Parameter::ThreadsPerInstance => "threads_per_instance",
            Parameter::Workload => "workload",
            Parameter::VmExitCycles => "vm_exit_cycles",
            Parameter::TimeSliceMs => "time_slice_ms",
        }
    }
}

/// A value a parameter can take: a whole number, or a workload name.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", serde(untagged))]
pub enum Choice {
    Number(u64),
    Name(String),
}

/// Read by hand rather than as an untagged enum, whose error ("data did not match any
/// variant of untagged enum Choice") names neither what was found nor what is valid.
impl<'de> Deserialize<'de> for Choice {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Choice, D::Error> {
        struct ChoiceVisitor;
        impl serde::de::Visitor<'_> for ChoiceVisitor {
            type Value = Choice;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a whole number (0 or more) or a workload name")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Choice, E> {
                Ok(Choice::Number(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Choice, E> {
                u64::try_from(v)
                    .map(Choice::Number)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(v), &self))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Choice, E> {
                Ok(Choice::Name(v.to_string()))
            }
            // Every numeric setting is a whole number in its own unit: a clock of 2.4 GHz
            // is `host_clock_mhz = 2400`, 1.5 GiB is `memory_per_instance_mib = 1536`.
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Choice, E> {
                // A whole float (1e3, 1000.0) has no decimals to speak of: it was written
                // as a float ("`1000` has decimals" read false for 1e3).
                if v.fract() == 0.0 && v.is_finite() {
                    return Err(E::custom(format_args!(
                        "`{v}` is written as a float (with an exponent or a decimal point, such as 1e3 or 1000.0): choices are whole numbers written as such, {v} in the parameter's unit"
                    )));
                }
                Err(E::custom(format_args!(
                    "`{v}` has decimals: choices are whole numbers in the parameter's unit (a clock in MHz: 2400 for 2.4 GHz; memory in MiB: 1536 for 1.5 GiB; a duration in ms)"
                )))
            }
        }
        d.deserialize_any(ChoiceVisitor)
    }
}

impl std::fmt::Display for Choice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Choice::Number(n) => write!(f, "{n}"),
            Choice::Name(s) => write!(f, "{s}"),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
/// Each student gets one of `choices`, picked from a hash of the assignment id, the
/// student id, the step id and the parameter.
pub struct VarySection {
    #[cfg_attr(feature = "schema", schemars(with = "Parameter"))]
    pub parameter: Spanned<Parameter>,
    /// 1 to 16 values (numbers; names for `workload`).
    #[cfg_attr(feature = "schema", schemars(with = "Vec<Choice>"))]
    pub choices: Spanned<Vec<Spanned<Choice>>>,
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
/// A question of a step: the fields of a scenario `[[question]]`, plus points and
/// `predict`.
pub struct StepQuestionSection {
    /// Identifier, unique in the step.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub id: Spanned<String>,
    pub text: Text,
    #[cfg_attr(feature = "schema", schemars(with = "QuestionKind"))]
    pub kind: Spanned<QuestionKind>,
    #[cfg_attr(feature = "schema", schemars(with = "Metric"))]
    pub metric: Spanned<Metric>,
    /// The operation a latency metric refers to.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Op>"))]
    pub op: Option<Spanned<Op>>,
    /// Choice questions: pick the platform with the lowest or highest value.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Select>"))]
    pub select: Option<Spanned<Select>>,
    /// Choice questions: the platforms to choose from (default: all).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<String>>"))]
    pub platforms: Option<Spanned<Vec<Spanned<String>>>>,
    /// Numeric questions: the platform whose value is asked.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub platform: Option<Spanned<String>>,
    /// Numeric questions: accepted relative error, percent (0 to 100, default 5).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<f64>", range(min = 0.0, max = 100.0))
    )]
    pub tolerance_percent: Option<Spanned<f64>>,
    /// Why the answer is what it is (shown after answering when answers are revealed).
    #[serde(default)]
    pub explanation: Option<Text>,
    /// Points for a right answer (1 to 100, default 1).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<u32>", range(min = 1, max = 100))
    )]
    pub points: Option<Spanned<u32>>,
    /// The student commits this answer before the run, then sees the result.
    #[serde(default)]
    pub predict: bool,
}

impl StepQuestionSection {
    /// The scenario question it asks (without points and `predict`).
    pub(crate) fn as_question(&self) -> crate::scenario::QuestionSection {
        crate::scenario::QuestionSection {
            id: self.id.clone(),
            text: self.text.clone(),
            kind: self.kind.clone(),
            metric: self.metric.clone(),
            op: self.op.clone(),
            select: self.select.clone(),
            platforms: self.platforms.clone(),
            platform: self.platform.clone(),
            tolerance_percent: self.tolerance_percent.clone(),
            explanation: self.explanation.clone(),
        }
    }
}
