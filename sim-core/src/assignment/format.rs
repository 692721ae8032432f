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
    // Required: `None` only while a file without it is read, so that its other errors are
    // found too (validation reports it missing). The schema says it is required.
    #[cfg_attr(feature = "schema", schemars(with = "Text"))]
    pub title: Option<Text>,
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
    // Required (`None` as the assignment's `title` is).
    #[cfg_attr(feature = "schema", schemars(with = "Text"))]
    pub title: Option<Text>,
    /// What the student reads before running, in English and Korean.
    // Required (`None` as the assignment's `title` is).
    #[cfg_attr(feature = "schema", schemars(with = "Text"))]
    pub intro: Option<Text>,
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
    /// `rtt_ms` of every VDI platform: a thin client's round trip to the server, whole ms.
    VdiRttMs,
    /// `loss_percent` of every VDI platform: packet loss on the client path, %, in steps
    /// of 0.1 (the page's loss control).
    VdiLossPercent,
    /// `client_bandwidth_mbit_s` of every VDI platform: each client's access link, Mbit/s,
    /// in steps of 0.001 (1 kbit/s, the page's link control).
    VdiClientBandwidthMbitS,
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
            Parameter::VdiRttMs => "vdi_rtt_ms",
            Parameter::VdiLossPercent => "vdi_loss_percent",
            Parameter::VdiClientBandwidthMbitS => "vdi_client_bandwidth_mbit_s",
        }
    }

    /// Whether it sets the network of the scenario's VDI platforms (which a step's
    /// scenario must then have). Only these take choices with decimals (`0.5`), as the
    /// file's keys do, in the steps of the page's network controls (whole ms for the
    /// round trip, 0.1 % for loss, 0.001 Mbit/s for the link); the others are whole
    /// numbers in their unit (2400 MHz, 1536 MiB) or workload names.
    pub fn is_vdi_network(self) -> bool {
        matches!(
            self,
            Parameter::VdiRttMs | Parameter::VdiLossPercent | Parameter::VdiClientBandwidthMbitS
        )
    }
}

/// A value a parameter can take: a whole number, a number with decimals (a network
/// setting's `0.5`), or a workload name.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", serde(untagged))]
pub enum Choice {
    Number(u64),
    /// Written with a decimal point or an exponent (`0.5`, `2.0`, `1e3`): finite (the
    /// reading refuses NaN and infinities). Only the network parameters take it
    /// (`vdi_rtt_ms`, `vdi_loss_percent`, `vdi_client_bandwidth_mbit_s`); the others
    /// refuse it at the choice. A negative number, whole or not, is read as one too, and
    /// refused at the choice with its parameter's range: a validated assignment has none.
    Decimal(f64),
    Name(String),
}

/// Equal by value: a decimal is never NaN (refused when read), so the equality is an
/// equivalence; `2` and `2.0` are the same choice (listed twice is an error).
impl PartialEq for Choice {
    fn eq(&self, other: &Choice) -> bool {
        match (self, other) {
            (Choice::Number(a), Choice::Number(b)) => a == b,
            (Choice::Decimal(a), Choice::Decimal(b)) => a == b,
            (Choice::Number(n), Choice::Decimal(x)) | (Choice::Decimal(x), Choice::Number(n)) => {
                // Exact: a decimal above 2^53 is a whole number, whatever `n` rounds to.
                x.fract() == 0.0 && *x < 18_446_744_073_709_551_616.0 && *x as u64 == *n
            }
            (Choice::Name(a), Choice::Name(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for Choice {}

impl Choice {
    /// Its value as a number (a whole number's exactly below 2^53), `None` for a name.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Choice::Number(n) => Some(*n as f64),
            Choice::Decimal(x) => Some(*x),
            Choice::Name(_) => None,
        }
    }
}

/// Read by hand rather than as an untagged enum, whose error ("data did not match any
/// variant of untagged enum Choice") names neither what was found nor what is valid.
impl<'de> Deserialize<'de> for Choice {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Choice, D::Error> {
        struct ChoiceVisitor;
        impl serde::de::Visitor<'_> for ChoiceVisitor {
            type Value = Choice;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                // Beside its Korean, in scenario/error/parser/korean.rs (`expected_ko`).
                f.write_str(crate::scenario::error::CHOICE_EXPECTED)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Choice, E> {
                Ok(Choice::Number(v))
            }
            // A negative number is read, to be refused by the validation at the choice
            // with the parameter's range (`-3` read "invalid value: integer `-3`, expected
            // a number, 0 or more ..." without the parameter's unit or range).
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Choice, E> {
                Ok(u64::try_from(v).map_or(Choice::Decimal(v as f64), Choice::Number))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Choice, E> {
                Ok(Choice::Name(v.to_string()))
            }
            // Whether a parameter takes decimals is the validation's to say, at the choice,
            // with the parameter's name (`Parameter::is_vdi_network`): here only a value
            // that no parameter takes is refused.
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Choice, E> {
                if v.is_finite() {
                    Ok(Choice::Decimal(v))
                } else {
                    Err(E::invalid_value(serde::de::Unexpected::Float(v), &self))
                }
            }
        }
        d.deserialize_any(ChoiceVisitor)
    }
}

impl std::fmt::Display for Choice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Choice::Number(n) => write!(f, "{n}"),
            // Rust's shortest form that reads back the same: 0.5, 2.5, 2 for 2.0.
            Choice::Decimal(x) => write!(f, "{x}"),
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
    /// 1 to 16 values (whole numbers; names for `workload`; for the `vdi_*` network
    /// settings, numbers that may have decimals).
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
