//! A computed answer: the question with the run's answer and evidence, how it is written
//! to JSON, how a student's answer is graded against it, and ties a student cannot see.

use serde::{Deserialize, Serialize};

use super::numbers::{
    accepted_answers_in, expected_figure_of, numeric_text, printed_figures, read_number_in,
    rounded, shown_decimals, PRINTED_HALF_UNIT, VISIBLE_DIFFERENCE_RELATIVE,
};
use super::{Metric, QuestionKind};
use crate::text::Text;

/// A question with the answer the run computed. In JSON a numeric question has no
/// `options` (there is nothing to choose from; the one platform it asks about is its
/// `platform`) and a choice question no `platform` and no `tolerance_percent` (a platform
/// is right or not). The platforms a question is about ([`Self::asked_platforms`]) are a
/// choice's `options` and a numeric question's `platform`: its evidence as shown
/// ([`Self::shown_evidence`]) is theirs, while `evidence` holds every platform's figure
/// (for a numeric question too, which the author's notes compare).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct QuestionAnswer {
    pub id: String,
    pub text: Text,
    pub kind: QuestionKind,
    pub metric: Metric,
    /// For a choice question: the platforms to choose from (its `platforms`, or by
    /// default those that have a value of its metric), in the file's order. Empty for a
    /// numeric question, whose JSON leaves it out.
    #[serde(default)]
    pub options: Vec<String>,
    /// For a numeric question: the platform it asks about (its `platform`). `None` for a
    /// choice question, whose JSON leaves it out.
    #[serde(default)]
    pub platform: Option<String>,
    /// The computed answer: a platform name, or a number as text.
    pub answer: String,
    /// For numeric questions: the computed value (`None` for a choice question, and for a
    /// numeric one the run gave no figure).
    pub value: Option<f64>,
    /// For numeric questions: the accepted relative error, percent of the value (0 for a
    /// choice question, whose JSON leaves it out: a platform is right or not).
    #[serde(default)]
    pub tolerance_percent: f64,
    /// The figures behind the answer: (platform, value), for each platform with a value
    /// of the metric: a choice question's options, a numeric question's every platform
    /// (the one it asks about and the others, which [`Self::shown_evidence`] leaves out).
    pub evidence: Vec<(String, f64)>,
    pub explanation: Option<Text>,
    /// For latency metrics: the operation asked about (where the page says to look).
    #[serde(default)]
    pub op: Option<crate::workload::Op>,
}

impl Serialize for QuestionAnswer {
    /// Every field as it is, except a numeric question's `options` and a choice question's
    /// `platform` and `tolerance_percent`, which a human-readable form (JSON) leaves out; a numeric
    /// question's JSON ends with `accepted_from` and `accepted_to`, the answers a grader
    /// accepts ([`QuestionAnswer::accepted_range_shown`]: computed, not fields, so JSON
    /// read back ignores them and writes them again). A binary form (the page's workers,
    /// `binary_form.rs`) reads fields by position, so it gets every field and nothing else.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// `Some(value)` written as the value itself, as the field's own type is.
        fn as_is<T: Serialize, S: serde::Serializer>(
            value: &Option<T>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match value {
                Some(value) => value.serialize(serializer),
                None => serializer.serialize_none(),
            }
        }
        /// The fields in their order, borrowed; `options`, `platform` and
        /// `tolerance_percent` left out when `None`.
        #[derive(Serialize)]
        struct Out<'a> {
            id: &'a String,
            text: &'a Text,
            kind: QuestionKind,
            metric: Metric,
            #[serde(skip_serializing_if = "Option::is_none", serialize_with = "as_is")]
            options: Option<&'a Vec<String>>,
            #[serde(skip_serializing_if = "Option::is_none", serialize_with = "as_is")]
            platform: Option<&'a Option<String>>,
            answer: &'a String,
            value: Option<f64>,
            #[serde(skip_serializing_if = "Option::is_none", serialize_with = "as_is")]
            tolerance_percent: Option<f64>,
            evidence: &'a Vec<(String, f64)>,
            explanation: &'a Option<Text>,
            op: Option<crate::workload::Op>,
        }
        /// A human-readable form's: the fields, then a numeric answer's accepted range.
        #[derive(Serialize)]
        struct WithRange<'a> {
            #[serde(flatten)]
            fields: Out<'a>,
            #[serde(skip_serializing_if = "Option::is_none")]
            accepted_from: Option<f64>,
            #[serde(skip_serializing_if = "Option::is_none")]
            accepted_to: Option<f64>,
        }
        // Taken apart without `..`: a new field does not compile until it is written here.
        let QuestionAnswer {
            id,
            text,
            kind,
            metric,
            options,
            platform,
            answer,
            value,
            tolerance_percent,
            evidence,
            explanation,
            op,
        } = self;
        let every = !serializer.is_human_readable();
        let choice = *kind == QuestionKind::Choice;

        let fields = Out {
            id,
            text,
            kind: *kind,
            metric: *metric,
            options: (choice || every).then_some(options),
            platform: (!choice || every).then_some(platform),
            answer,
            value: *value,
            tolerance_percent: (!choice || every).then_some(*tolerance_percent),
            evidence,
            explanation,
            op: *op,
        };
        if every {
            // The binary form reads the fields by position: nothing else, not even a
            // skipped field's mark.
            return fields.serialize(serializer);
        }
        // A numeric answer's accepted range, as a grader reads it: computed from the
        // fields, so written only where a human reads it.
        let range = self.accepted_range_shown();
        WithRange {
            fields,
            accepted_from: range.map(|(low, _, _)| low),
            accepted_to: range.map(|(_, high, _)| high),
        }
        .serialize(serializer)
    }
}

/// A choice answer and another option whose values read the same where a student reads
/// them ([`QuestionAnswer::shown_tie`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShownTie<'a> {
    /// The answer's value.
    pub winner: f64,
    /// The other option.
    pub runner_up: &'a str,
    pub runner_up_value: f64,
    /// Both print the same in the CLI's evidence line ([`printed_figures`]).
    pub cli: bool,
    /// Both show the same on the page ([`shown_decimals`]).
    pub page: bool,
}

/// A choice whose runner-up is this close to the winner (relative) is a near tie: the
/// answer then rests on the order of the platforms, not on a difference a student can see.
pub const NEAR_TIE_RELATIVE: f64 = 1e-3;

impl QuestionAnswer {
    /// A numeric answer of `value`, printed as a run prints it ([`numeric_text`]), without
    /// texts, evidence or explanation: a figure to grade against.
    pub fn numeric(id: &str, metric: Metric, value: f64, tolerance_percent: f64) -> QuestionAnswer {
        QuestionAnswer {
            id: id.to_string(),
            text: Text::new("", ""),
            kind: QuestionKind::Numeric,
            metric,
            options: Vec::new(),
            platform: None,
            answer: numeric_text(value),
            value: Some(value),
            tolerance_percent,
            evidence: Vec::new(),
            explanation: None,
            op: None,
        }
    }

    /// The platforms the question is about: a choice question's options, a numeric
    /// question's one platform. A numeric answer without its platform (JSON written before
    /// results had one) is about every platform of its evidence.
    pub fn asked_platforms(&self) -> Vec<&str> {
        match (self.kind, &self.platform) {
            (QuestionKind::Choice, _) => self.options.iter().map(String::as_str).collect(),
            (QuestionKind::Numeric, Some(platform)) => vec![platform.as_str()],
            (QuestionKind::Numeric, None) => self
                .evidence
                .iter()
                .map(|(name, _)| name.as_str())
                .collect(),
        }
    }

    /// The evidence as the page and the CLI show it: the figures of the platforms the
    /// question is about ([`Self::asked_platforms`]), in the evidence's order. A numeric
    /// question's is its own platform's figure alone, not every platform's (another
    /// platform's figure of the metric answers another question).
    pub fn shown_evidence(&self) -> Vec<&(String, f64)> {
        let asked = self.asked_platforms();
        (self.evidence.iter())
            .filter(|(name, _)| asked.contains(&name.as_str()))
            .collect()
    }

    /// For a choice question whose runner-up is within [`NEAR_TIE_RELATIVE`] of the
    /// winner: (winner's value, runner-up's platform, runner-up's value).
    pub fn near_tie(&self) -> Option<(f64, &str, f64)> {
        if self.kind != QuestionKind::Choice {
            return None;
        }
        let winner = self
            .evidence
            .iter()
            .find(|(name, _)| *name == self.answer)?
            .1;
        let (name, runner_up) = self
            .evidence
            .iter()
            .filter(|(name, _)| *name != self.answer)
            .min_by(|a, b| (a.1 - winner).abs().total_cmp(&(b.1 - winner).abs()))?;
        ((winner - runner_up).abs() <= winner.abs() * NEAR_TIE_RELATIVE).then_some((
            winner,
            name.as_str(),
            *runner_up,
        ))
    }

    /// For a choice question, the other options whose value is exactly the answer's, in
    /// the file's order: the answer is then only the first of them in the file.
    pub fn tied_options(&self) -> Vec<&str> {
        if self.kind != QuestionKind::Choice {
            return Vec::new();
        }
        let Some(&(_, winner)) = self.evidence.iter().find(|(name, _)| *name == self.answer) else {
            return Vec::new();
        };
        self.evidence
            .iter()
            .filter(|(name, value)| *name != self.answer && *value == winner)
            .map(|(name, _)| name.as_str())
            .collect()
    }

    /// For a choice question that is not a [near tie](Self::near_tie): another option
    /// whose value reads the same as the answer's where a student reads them, printed in
    /// the CLI's evidence line ([`printed_figures`]: 74.201 and 74.204 % are both "74.20")
    /// or shown by the page with [`shown_decimals`] (44.96 and 45.04 % are both "45.0"):
    /// a student who answers that option from the figures shown is marked wrong. The
    /// closest such option, if any. (0.3473 and 0.354 µs are none: both print and show
    /// with three significant digits, "0.347" and "0.354".)
    pub fn shown_tie(&self) -> Option<ShownTie<'_>> {
        if self.kind != QuestionKind::Choice || self.near_tie().is_some() {
            return None;
        }
        let winner = self
            .evidence
            .iter()
            .find(|(name, _)| *name == self.answer)?
            .1;
        let percent = self.metric.unit() == "%";
        // The evidence line as the CLI prints it (its figures share their decimals), each
        // figure read back as a number (its thousands separators left out): "1.000" (0.9996)
        // and "1" read the same.
        let values: Vec<f64> = self.evidence.iter().map(|(_, v)| *v).collect();
        let printed: Vec<Option<f64>> = printed_figures(&values)
            .iter()
            .map(|text| text.replace(',', "").parse::<f64>().ok())
            .collect();
        let printed_winner = self
            .evidence
            .iter()
            .position(|(name, _)| *name == self.answer)
            .and_then(|i| printed.get(i))?;
        let shown = |v: f64| rounded(v, shown_decimals(v, percent));
        self.evidence
            .iter()
            .zip(&printed)
            .filter(|((name, _), _)| *name != self.answer)
            .filter_map(|((name, v), printed)| {
                let cli = printed.is_some() && printed == printed_winner;
                let page = shown(*v) == shown(winner);
                (cli || page).then_some(ShownTie {
                    winner,
                    runner_up: name.as_str(),
                    runner_up_value: *v,
                    cli,
                    page,
                })
            })
            .min_by(|a, b| {
                (a.runner_up_value - winner)
                    .abs()
                    .total_cmp(&(b.runner_up_value - winner).abs())
            })
    }

    /// For a numeric question: whether every platform's value is the same figure to a
    /// reader (within [`VISIBLE_DIFFERENCE_RELATIVE`] of the answer), so that the question
    /// asks for a number without telling the platforms apart (a disk that bounds every
    /// stack alike, a cost no stack changes).
    pub fn same_on_every_platform(&self) -> bool {
        let Some(expected) = self.value.filter(|_| self.kind == QuestionKind::Numeric) else {
            return false;
        };
        let visible = expected.abs() * VISIBLE_DIFFERENCE_RELATIVE;
        self.evidence.len() > 1
            && self
                .evidence
                .iter()
                .all(|(_, v)| (v - expected).abs() <= visible)
    }

    /// For a numeric question: the other platforms whose own value its tolerance accepts
    /// although it differs visibly from the answer (by more than
    /// [`VISIBLE_DIFFERENCE_RELATIVE`]): a student who reads the wrong platform, or the one
    /// the question contrasts, is marked right. Values closer than that are the same
    /// figure to a reader, and accepting them is no mistake.
    pub fn tolerance_accepts_others(&self) -> Vec<(&str, f64)> {
        let Some(expected) = self.value.filter(|_| self.kind == QuestionKind::Numeric) else {
            return Vec::new();
        };
        let allowed = self.allowed_difference(expected);
        let visible = expected.abs() * VISIBLE_DIFFERENCE_RELATIVE;
        self.evidence
            .iter()
            .filter(|(_, v)| (v - expected).abs() > visible && (v - expected).abs() <= allowed)
            .map(|(name, v)| (name.as_str(), *v))
            .collect()
    }

    /// A student's answer to a numeric question read as a number ([`parse_number`]), in
    /// the question's unit, if it is one followed by nothing, by the question's own unit
    /// (`%`, also `퍼센트`, for a percentage; `us` or `μs` for `µs`; `개` after a count), or,
    /// for a time, by another time unit, converted in decimal ([`read_number_in`]: "14 ms"
    /// to a question in µs reads 14000, "5초" 5000000). `None` for anything else ("230ms"
    /// to a question in %), which is not a wrong answer but one to ask again
    /// ([`Self::accepted_answers`] says what is read).
    ///
    /// [`parse_number`]: super::parse_number
    /// [`read_number_in`]: super::read_number_in
    pub fn read_number(&self, given: &str) -> Option<f64> {
        read_number_in(given, self.metric.unit())
    }

    /// What a numeric question reads as an answer ([`Self::read_number`]), in words.
    pub fn accepted_answers(&self) -> Text {
        accepted_answers_in(self.metric.unit())
    }

    /// Whether the run computed an answer: a choice question needs a value of its metric
    /// on at least one of its platforms, a numeric question on its platform. Without one
    /// (a `sweep_density` whose target no count meets, a migration that does not finish
    /// within the run) the answer prints as "-" and no student's answer is right.
    pub fn has_answer(&self) -> bool {
        match self.kind {
            QuestionKind::Choice => !self.evidence.is_empty(),
            QuestionKind::Numeric => self.value.is_some(),
        }
    }

    /// A choice question answered from a single option: its answer, the one of its
    /// platforms with a value of the metric in this run, and the options without one (a
    /// latency of an operation that never completed there, a platform whose instances the
    /// OOM killer or a fault stopped before it was measured). `None` for a numeric
    /// question, a choice with values on two platforms or more, and one without any
    /// ([`Self::has_answer`]). The answer is then not a comparison: the CLI warns of it.
    pub fn answered_from_one(&self) -> Option<(&str, Vec<&str>)> {
        if self.kind != QuestionKind::Choice || self.evidence.len() != 1 || self.options.len() < 2 {
            return None;
        }
        let (with, _) = &self.evidence[0];
        let without: Vec<&str> = self
            .options
            .iter()
            .map(String::as_str)
            .filter(|o| o != with)
            .collect();
        Some((with.as_str(), without))
    }

    /// Whether a student's answer is right.
    pub fn check(&self, given: &str) -> bool {
        let given = given.trim();
        match self.kind {
            QuestionKind::Choice => self.has_answer() && given.eq_ignore_ascii_case(&self.answer),
            QuestionKind::Numeric => {
                let Some(expected) = self.value else {
                    return false;
                };
                let Some(value) = self.read_number(given) else {
                    return false;
                };
                (value - expected).abs() <= self.allowed_difference(expected)
            }
        }
    }

    /// Whether this answer, computed with other settings than the scenario as written, is
    /// another answer than `written`, the same question's on the scenario as written: a
    /// student who gave `written` would be graded wrong here. A choice names another
    /// platform (or one of the two runs has no answer); a numeric figure's `written` lies
    /// outside this one's tolerance ([`Self::check`]). Its explanation, written for the
    /// scenario as written, then explains another answer than the one shown (the page and
    /// `virtsim answers` flag it). `false` for another question (its id) or kind.
    pub fn answer_differs_from(&self, written: &QuestionAnswer) -> bool {
        if self.id != written.id || self.kind != written.kind {
            return false;
        }
        match (self.has_answer(), written.has_answer()) {
            (false, false) => false,
            (true, true) => !self.check(&written.answer),
            _ => true,
        }
    }

    /// Whether `other`, the same question computed at another seed (the same settings),
    /// gives the same answer both ways: a choice names the same platform; a figure lies
    /// within this one's tolerance and this one within `other`'s (the own seed's figure is
    /// right at the other seed, as [`Self::answer_differs_from`] judges it, and the other's
    /// right at the own seed). `virtsim answers --seeds` and the library's seed test judge
    /// a question's robustness by it.
    pub fn same_answer_as(&self, other: &QuestionAnswer) -> bool {
        !other.answer_differs_from(self) && !self.answer_differs_from(other)
    }

    /// Whether the answer as computed needs a note "for the author": a choice whose
    /// runner-up is a [near tie](Self::near_tie) or [reads the same](Self::shown_tie) where
    /// students see it, or a numeric tolerance that [also accepts another
    /// platform's](Self::tolerance_accepts_others) visibly different figure. The page shows
    /// such a note under the question at any seed; `virtsim answers` warns of it.
    pub fn needs_author_note(&self) -> bool {
        self.near_tie().is_some()
            || self.shown_tie().is_some()
            || !self.tolerance_accepts_others().is_empty()
    }

    /// The answers a numeric question accepts, as figures with `decimals` decimals:
    /// (lowest, highest), each rounded inward so that both, and every figure so printed
    /// between them, are right ([`Self::check`]). It says what a relative tolerance means in
    /// the question's own unit: ±10% of 27.08 % is 24.38 % to 29.78 %, not 17.08 % to 37.08 %.
    /// `None` for a choice, a question without its value, or a range narrower than one step
    /// of `decimals`.
    pub fn accepted_range(&self, decimals: u32) -> Option<(f64, f64)> {
        let expected = self.value.filter(|_| self.kind == QuestionKind::Numeric)?;
        let allowed = self.allowed_difference(expected);
        let scale = 10f64.powi(i32::try_from(decimals.min(9)).unwrap_or(9));
        // What a student who types the figure gives: its nearest f64, as `k / scale` is.
        let right = |k: f64| (k / scale - expected).abs() <= allowed;
        // One step either way of the rounded bound: the products above are not exact.
        let low = ((expected - allowed) * scale).ceil();
        let low = [low - 1.0, low, low + 1.0]
            .into_iter()
            .find(|&k| right(k))?;
        let high = ((expected + allowed) * scale).floor();
        let high = [high + 1.0, high, high - 1.0]
            .into_iter()
            .find(|&k| right(k))?;
        // `+ 0.0` makes a bound of -0 (the ceiling of a small negative figure) 0: a range
        // around an answer of 0 reads "0 to 0", not "-0 to 0".
        (low <= high).then(|| (low / scale + 0.0, high / scale + 0.0))
    }

    /// [`Self::accepted_range`] with at least `decimals` decimals and as many more (up to
    /// three) as it takes for the lowest and highest to differ, with the decimals used: a
    /// figure of 1 µs within ±10% reads "0.9 to 1.1", not "1 to 1", which would hide that
    /// 0.95 is right too. `None` where [`Self::accepted_range`] has no range at any of them.
    pub fn accepted_range_readable(&self, decimals: u32) -> Option<(f64, f64, u32)> {
        let mut found = None;
        for d in decimals..=decimals + 3 {
            if let Some((low, high)) = self.accepted_range(d) {
                found = Some((low, high, d));
                if low < high {
                    break;
                }
            }
        }
        found
    }

    /// A numeric answer's figure as a grader reads it, with its decimals: the printed
    /// answer's ([`numeric_text`]), and for a figure below 1 three significant digits, as
    /// the page shows it ([`shown_decimals`]; trailing zeros beyond the printed answer's
    /// decimals dropped): 0.0967, not "0.10", and 0.000333, not "0.00", which hide what
    /// is accepted. `None` for a choice, or a numeric question without its value.
    pub fn expected_figure(&self) -> Option<(String, usize)> {
        let value = self.value.filter(|_| self.kind == QuestionKind::Numeric)?;
        Some(expected_figure_of(value))
    }

    /// The answers a numeric question accepts as a grader reads them: [`Self::accepted_range`]
    /// at the decimals of [`Self::expected_figure`] (more, up to three, where those show one
    /// figure for both ends and the question has a tolerance:
    /// [`Self::accepted_range_readable`]), with the decimals used. The lower end is never
    /// below 0 for a figure of 0 or more (every metric's: a latency of 0.000333 µs reads
    /// "0 to 0.005333", not "-0.004667 to 0.005333"). `None` where there is no range.
    pub fn accepted_range_shown(&self) -> Option<(f64, f64, usize)> {
        let (_, decimals) = self.expected_figure()?;
        let d = u32::try_from(decimals).ok()?;
        let (low, high, d) = if self.tolerance_percent > 0.0 {
            self.accepted_range_readable(d)?
        } else {
            let (low, high) = self.accepted_range(d)?;
            (low, high, d)
        };
        let low = if self.value.is_some_and(|v| v >= 0.0) {
            low.max(0.0)
        } else {
            low
        };
        Some((low, high, usize::try_from(d).ok()?))
    }

    /// Whether a numeric answer's accepted range is the printed figure's rounding
    /// ([`PRINTED_HALF_UNIT`], ±0.005) rather than its tolerance, which is narrower: ±5% of
    /// 0.0967 µs is 0.0048, and 0.0917 to 0.1017 are right.
    pub fn range_is_rounding(&self) -> bool {
        self.value
            .filter(|_| self.kind == QuestionKind::Numeric)
            .is_some_and(|v| v.abs() * self.tolerance_percent / 100.0 < PRINTED_HALF_UNIT)
    }

    /// How far a numeric answer may be from `expected`: the tolerance, and at least the
    /// rounding of the printed figure ([`PRINTED_HALF_UNIT`]).
    fn allowed_difference(&self, expected: f64) -> f64 {
        // A hair over each: 0.005 itself is not exact in binary, and a figure on the
        // tolerance's edge as a student types it is right (1.1 for 1 within ±10%, whose
        // difference in f64 is 0.10000000000000009).
        let hair = 1.0 + 1e-9;
        (expected.abs() * self.tolerance_percent / 100.0 * hair).max(PRINTED_HALF_UNIT * hair)
    }
}
