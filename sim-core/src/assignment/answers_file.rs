//! What a student hands in ([`AnswersFile`]) and how it is graded ([`StudentGrade`]).
//!
//! The file carries, per step, the hash of the scenario the answers were computed
//! against ([`Assignment::scenario_hash`]): answers to another version of a scenario, or
//! to another student's variant, are reported as `stale`, never graded against this one.
//! Its `checksum` covers everything else in the file, so that a file edited by hand (or
//! damaged) is reported as tampered. The checksum has no secret key: it catches edits
//! and mistakes, not a student who recomputes it on purpose; per-student variation is
//! what makes copying another student's answers wrong.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::variation::{hash_parts, hash_text};
use super::Assignment;
use crate::question::{QuestionAnswer, QuestionKind};
use crate::runner::SimError;
use crate::text::Text;

/// The `format` of an answers file.
pub const ANSWERS_FORMAT: &str = "virtsim-answers/1";

/// A student's answers to an assignment, as the page exports them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswersFile {
    /// Always [`ANSWERS_FORMAT`].
    pub format: String,
    /// The assignment id.
    pub assignment: String,
    pub student: String,
    pub steps: Vec<StepAnswers>,
    /// `fnv1a64:` and 16 hex digits over everything above.
    pub checksum: String,
}

/// A step's answers and the scenario they were computed against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepAnswers {
    pub step: String,
    pub scenario_hash: String,
    pub answers: Vec<GivenAnswer>,
}

/// One answer as the student gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GivenAnswer {
    pub question: String,
    pub answer: String,
    /// Committed before the run (a `predict` question).
    #[serde(default)]
    pub predicted: bool,
}

impl AnswersFile {
    /// A file with its checksum.
    pub fn new(assignment: &str, student: &str, steps: Vec<StepAnswers>) -> AnswersFile {
        let mut file = AnswersFile {
            format: ANSWERS_FORMAT.to_string(),
            assignment: assignment.to_string(),
            student: student.trim().to_string(),
            steps,
            checksum: String::new(),
        };
        file.checksum = file.computed_checksum();
        file
    }

    /// The checksum of the file's content. Every part is prefixed with its length, so no
    /// two different contents join into the same text.
    pub fn computed_checksum(&self) -> String {
        let mut parts: Vec<String> = vec![
            "virtsim-answers".into(),
            self.format.clone(),
            self.assignment.clone(),
            self.student.clone(),
        ];
        for s in &self.steps {
            parts.push(s.step.clone());
            parts.push(s.scenario_hash.clone());
            parts.push(s.answers.len().to_string());
            for a in &s.answers {
                parts.push(a.question.clone());
                parts.push(a.answer.clone());
                parts.push(if a.predicted { "1" } else { "0" }.into());
            }
        }
        let prefixed: Vec<String> = parts.iter().map(|p| format!("{}:{p}", p.len())).collect();
        let refs: Vec<&str> = prefixed.iter().map(String::as_str).collect();
        hash_text(hash_parts(&refs))
    }

    pub fn checksum_ok(&self) -> bool {
        self.checksum == self.computed_checksum()
    }

    /// The answer given to `question` of `step`, if any.
    pub fn answer(&self, step: &str, question: &str) -> Option<&GivenAnswer> {
        self.steps
            .iter()
            .find(|s| s.step == step)?
            .answers
            .iter()
            .find(|a| a.question == question)
    }
}

/// How an answer was graded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Right,
    Wrong,
    Unanswered,
    /// Answered against another scenario version or variant: not graded.
    Stale,
    /// The file is tampered with or belongs to another assignment: not graded.
    NotGraded,
    /// A numeric answer that is not a number as the question reads it
    /// ([`QuestionAnswer::read_number`]: "157124회", "27.04abc"): no points, and not
    /// judged right or wrong (a [`Problem::UnreadableAnswer`] says what is read).
    Unreadable,
    /// A `predict` question whose answer the file says was given after the run
    /// (`"predicted": false`, [`Problem::NotPredicted`]): no points, whatever the answer.
    NotPredicted,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Right => "right",
            Verdict::Wrong => "wrong",
            Verdict::Unanswered => "unanswered",
            Verdict::Stale => "stale",
            Verdict::NotGraded => "not_graded",
            Verdict::Unreadable => "unreadable",
            Verdict::NotPredicted => "not_predicted",
        }
    }

    pub fn text(self) -> Text {
        match self {
            Verdict::Right => Text::new("right", "정답"),
            Verdict::Wrong => Text::new("wrong", "오답"),
            Verdict::Unanswered => Text::new("unanswered", "답 없음"),
            Verdict::Stale => {
                Text::new("stale (other scenario version)", "무효(다른 시나리오 버전)")
            }
            Verdict::NotGraded => Text::new("not graded", "채점 안 함"),
            Verdict::Unreadable => Text::new(
                "unreadable (not a number in the question's unit)",
                "읽을 수 없음 (질문의 단위로 된 숫자가 아님)",
            ),
            Verdict::NotPredicted => {
                Text::new("a prediction answered after the run", "실행 후에 답한 예측")
            }
        }
    }
}

/// The verdict in English, as `virtsim grade`'s table writes it (`right`, `stale (other
/// scenario version)`...); [`Verdict::text`] has it in Korean too, [`Verdict::name`] is
/// the JSON's word.
impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

/// Something wrong with an answers file as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    /// `format` is not [`ANSWERS_FORMAT`].
    UnknownFormat { found: String },
    /// The file answers another assignment.
    OtherAssignment { found: String },
    /// The student id is blank, too long or holds control or format characters.
    BadStudentId,
    /// The checksum does not match the content: edited by hand or damaged.
    Tampered,
    /// The step's answers were computed against another scenario text or variant.
    StaleStep { step: String },
    /// The student answered in a step whose computed answers the grader was not given
    /// (`expected` of [`Assignment::grade`] shorter than the steps): not graded.
    NotComputed { step: String },
    /// Answers for a step or question the assignment does not have.
    UnknownQuestion { step: String, question: String },
    /// A step the file lists twice, or a question it answers twice in one step: only the
    /// first is graded (the page never writes a file so; it was edited).
    Repeated {
        step: String,
        question: Option<String>,
    },
    /// A `predict` question whose answer the file says was given after the run
    /// (`"predicted": false`; the page never writes one so): no points
    /// ([`Verdict::NotPredicted`]).
    NotPredicted { step: String, question: String },
    /// A question answered after the run whose answer the file marks as a prediction
    /// (`"predicted": true`; the page never writes one so): graded as any answer, and
    /// not shown as a prediction.
    MarkedPredicted { step: String, question: String },
    /// A numeric answer that is not a number as the question reads it (its verdict is
    /// [`Verdict::Unreadable`]); `accepted` says what is read, in English and Korean.
    UnreadableAnswer {
        step: String,
        question: String,
        answer: String,
        accepted: Text,
    },
}

impl Problem {
    pub fn text(&self) -> Text {
        match self {
            Problem::UnknownFormat { found } => Text::new(
                format!("unknown format `{found}` (expected `{ANSWERS_FORMAT}`): not graded"),
                format!("알 수 없는 형식 `{found}`입니다(`{ANSWERS_FORMAT}`이어야 함). 채점하지 않습니다"),
            ),
            Problem::OtherAssignment { found } => Text::new(
                format!("answers to another assignment (`{found}`): not graded"),
                format!("다른 과제(`{found}`)의 답입니다. 채점하지 않습니다"),
            ),
            Problem::BadStudentId => Text::new(
                "the student id is blank, too long or holds control or format characters (U+200B, U+202E, ...): not graded",
                "학생 id가 비었거나 너무 길거나 제어 문자나 서식 문자(U+200B, U+202E 등)를 포함합니다. 채점하지 않습니다",
            ),
            Problem::Tampered => Text::new(
                "the checksum does not match: the file was edited or damaged after export; not graded",
                "체크섬이 맞지 않습니다. 내보낸 뒤 파일이 수정되었거나 손상되었습니다. 채점하지 않습니다",
            ),
            Problem::StaleStep { step } => Text::new(
                format!("step `{step}`: answered against another version of its scenario (or another student's variant); not graded"),
                format!("단계 `{step}`: 다른 버전의 시나리오(또는 다른 학생의 변형)로 답했습니다. 채점하지 않습니다"),
            ),
            Problem::NotComputed { step } => Text::new(
                format!("step `{step}`: no computed answers to grade against (the step was not run); not graded"),
                format!("단계 `{step}`: 채점할 계산된 답이 없습니다(단계를 실행하지 않았습니다). 채점하지 않습니다"),
            ),
            Problem::UnknownQuestion { step, question } => Text::new(
                format!("answer to `{step}`/`{question}`, which the assignment does not have"),
                format!("과제에 없는 질문 `{step}`/`{question}`에 대한 답입니다"),
            ),
            Problem::Repeated {
                step,
                question: None,
            } => Text::new(
                format!("step `{step}` is in the file twice: only the answers of its first copy are graded"),
                format!("단계 `{step}`이(가) 파일에 두 번 있습니다. 먼저 나온 단계의 답만 채점합니다"),
            ),
            Problem::Repeated {
                step,
                question: Some(question),
            } => Text::new(
                format!("`{step}`/`{question}` is answered twice in the file: only the first answer is graded"),
                format!("`{step}`/`{question}`의 답이 파일에 두 번 있습니다. 첫 번째 답만 채점합니다"),
            ),
            Problem::NotPredicted { step, question } => Text::new(
                format!("`{step}`/`{question}` is a prediction, but the file says it was answered after the run (`\"predicted\": false`); no points"),
                format!("`{step}`/`{question}`은(는) 실행 전에 답하는 예측 질문인데, 파일에는 실행 후에 답했다고 되어 있습니다(`\"predicted\": false`). 0점입니다"),
            ),
            Problem::MarkedPredicted { step, question } => Text::new(
                format!("`{step}`/`{question}` is answered after the run, but the file marks its answer as a prediction (`\"predicted\": true`); graded as any answer"),
                format!("`{step}`/`{question}`은(는) 실행 후에 답하는 질문인데, 파일에는 예측으로 표시되어 있습니다(`\"predicted\": true`). 보통 답으로 채점합니다"),
            ),
            Problem::UnreadableAnswer {
                step,
                question,
                answer,
                accepted,
            } => {
                // The answer is in the grade's table already: a long one is cut here.
                let answer: String = if answer.chars().count() > 40 {
                    answer.chars().take(40).chain(['…']).collect()
                } else {
                    answer.clone()
                };
                Text::new(
                format!(
                    "`{step}`/`{question}`: `{answer}` is not a number as the question reads it ({}); no points, not graded as wrong",
                    accepted.get("en")
                ),
                crate::text::particles(&format!(
                    "`{step}`/`{question}`: `{answer}`은(는) 이 질문의 답으로 읽을 수 없습니다(답은 {}). 0점이며 오답으로 채점하지 않았습니다",
                    accepted.get("ko")
                )),
            )
            }
        }
    }

    /// Whether the problem stops the whole file from being graded.
    pub fn blocks_file(&self) -> bool {
        matches!(
            self,
            Problem::UnknownFormat { .. }
                | Problem::OtherAssignment { .. }
                | Problem::BadStudentId
                | Problem::Tampered
        )
    }
}

/// The problem in English, as `virtsim grade` reports it; [`Problem::text`] has it in
/// Korean too.
impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

/// One question of one student, graded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GradeRow {
    pub step: String,
    pub question: String,
    /// What the student answered (None: no answer).
    pub answer: Option<String>,
    /// The computed answer, with the tolerance for numeric questions ([`expected_text`]).
    pub expected: String,
    /// The same as `virtsim answers` prints it, in both languages ([`expected_shown`]),
    /// for `virtsim grade`'s table; not in the JSON (`expected` is). `None` where no answer
    /// was computed.
    #[serde(skip)]
    pub expected_shown: Option<Text>,
    pub verdict: Verdict,
    pub points: u32,
    pub max_points: u32,
    /// Committed before the run.
    pub predicted: bool,
    /// How a numeric answer was read when that is not plain from it: one in another time
    /// unit than the question's ("5초": `5000000 µs`) or a bare fraction to a question in
    /// percent ("0.577": `0.577 %`), so that a grader sees a unit slip.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_as: Option<String>,
}

/// A student's answers file, graded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudentGrade {
    pub student: String,
    pub rows: Vec<GradeRow>,
    pub problems: Vec<Problem>,
    pub points: u32,
    pub max_points: u32,
}

impl StudentGrade {
    /// Whether every answer could be graded (right or wrong) and nothing was reported.
    pub fn clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// The points of the rows answered against another scenario version or variant
    /// ([`Verdict::Stale`]): graded neither right nor wrong, so not in [`Self::points`].
    pub fn stale_points(&self) -> u32 {
        self.rows
            .iter()
            .filter(|r| r.verdict == Verdict::Stale)
            .map(|r| r.max_points)
            .sum()
    }

    /// Whether no answer of the file was graded because every one was given against another
    /// scenario version or variant ([`Verdict::Stale`]; the other rows unanswered, or not
    /// gradable by anyone): its [`Self::points`], 0, is no score at all, not even a partial
    /// one. False for a file a problem [blocks](Problem::blocks_file) (not graded for
    /// another reason) and for one without a stale answer.
    pub fn nothing_graded(&self) -> bool {
        !self.problems.iter().any(Problem::blocks_file)
            && self.stale_points() > 0
            && self.rows.iter().all(|r| {
                matches!(
                    r.verdict,
                    Verdict::Stale | Verdict::Unanswered | Verdict::NotGraded
                )
            })
    }

    /// Whether [`Self::points`] is the file's total to record (`virtsim grade`'s
    /// `points_final`): false when the file was not graded (a problem that
    /// [blocks](Problem::blocks_file) it: tampered with, another assignment, a bad student
    /// id), or when some of its steps are stale (their points are not counted, and not
    /// zero either: the student answered another version of the scenario).
    pub fn points_final(&self) -> bool {
        !self.problems.iter().any(Problem::blocks_file) && self.stale_points() == 0
    }
}

/// The answers computed for an assignment's steps, kept by step and variant
/// ([`Assignment::scenario_hash`]), so that grading many files runs each variant once:
/// students who share a variant share a run ([`Assignment::grade_file_with`]).
#[derive(Debug, Clone, Default)]
pub struct ComputedAnswers {
    by_variant: BTreeMap<(usize, String), Vec<QuestionAnswer>>,
}

impl ComputedAnswers {
    /// None computed yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many step variants have been run.
    pub fn len(&self) -> usize {
        self.by_variant.len()
    }

    /// Whether no step variant has been run.
    pub fn is_empty(&self) -> bool {
        self.by_variant.is_empty()
    }
}

/// The expected answer as a grader reads it: the platform, or the value with the range of
/// answers it accepts.
///
/// The figure has the decimals a grader needs to read it
/// ([`QuestionAnswer::expected_figure`]: `0.0967 µs`, not `0.10 µs`) and the range is in the
/// question's unit ([`QuestionAnswer::accepted_range_shown`]: `0.0967 µs (0.0917–0.1017 µs)`),
/// for every unit: "±5%" beside a figure leaves the grader to work out the range, and a
/// percentage's "±10%" reads as percentage points (`27.08 % (24.38–29.78 %)`). A question
/// whose only right figure is the printed one (no tolerance) keeps `±0%`.
pub fn expected_text(q: &QuestionAnswer) -> String {
    match (q.kind, q.expected_figure()) {
        (QuestionKind::Numeric, Some((figure, _))) => {
            // The unit the figure is read in (27.08 %), as the page shows it.
            let unit = match q.metric.unit() {
                "" => String::new(),
                "%" => " %".to_string(),
                unit => format!(" {unit}"),
            };
            match q.accepted_range_shown() {
                // An answer of 0 (a count): 0 is typed, not a range of 0 to 0.005.
                Some((low, high, d)) if low < high && q.value != Some(0.0) => {
                    // A bound of 0 reads "0", not "0.000000".
                    let bound = |x: f64| {
                        if x == 0.0 {
                            "0".to_string()
                        } else {
                            format!("{x:.d$}")
                        }
                    };
                    format!("{figure}{unit} ({}–{}{unit})", bound(low), bound(high))
                }
                _ => format!("{figure}{unit} ±{}%", q.tolerance_percent),
            }
        }
        _ => q.answer.clone(),
    }
}

/// The expected answer as `virtsim answers` and `virtsim grade`'s table print it, in both
/// languages: a choice's platform; a numeric question's figure with its unit and the
/// range of answers it accepts, said as what the tolerance means ("7.08% (정답 범위
/// 6.38%~7.79%: 이 값의 ±10%이며, ±10%p가 아님)"), so that the two commands do not print
/// one computed answer two ways (a reviewer found three). [`expected_text`] is the
/// language-neutral form of the CSV and JSON.
pub fn expected_shown(q: &QuestionAnswer) -> Text {
    if q.kind != QuestionKind::Numeric {
        return Text::new(q.answer.clone(), q.answer.clone());
    }
    let unit = q.metric.unit();
    let with_unit = |figure: &str| match unit {
        "" => figure.to_string(),
        "%" | "/s" => format!("{figure}{unit}"),
        unit => format!("{figure} {unit}"),
    };
    // The figure with the digits that tell what is right (0.0967 µs, not 0.10 µs).
    let answer = with_unit(&q.expected_figure().map_or_else(
        || q.answer.clone(),
        |(figure, _)| crate::text::grouped(&figure),
    ));
    // Two decimals at most, trailing zeros trimmed: "±10%", "±2.5%".
    let tolerance = {
        let s = format!("{:.2}", q.tolerance_percent);
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if s == "-0" {
            "0".to_string()
        } else {
            s.to_string()
        }
    };
    // The range as the grader reads it, a bound of 0 as "0"; none for an answer of 0.
    let range = q
        .accepted_range_shown()
        .filter(|_| q.value != Some(0.0))
        .and_then(|(low, high, decimals)| {
            let bound = |x: f64| {
                if x == 0.0 {
                    "0".to_string()
                } else {
                    crate::text::fixed(x, decimals)
                }
            };
            (low < high).then(|| (with_unit(&bound(low)), with_unit(&bound(high))))
        });
    let Some((low, high)) = range else {
        // A relative tolerance of 0 accepts 0 alone, whatever the percent; no tolerance
        // accepts the printed figure alone.
        if q.tolerance_percent == 0.0 || q.value == Some(0.0) {
            return Text::new(
                format!("{answer} (only this exact value is right)"),
                format!("{answer} (이 값과 정확히 같아야 정답)"),
            );
        }
        return Text::new(
            format!("{answer} (answers within ±{tolerance}% are right)"),
            format!("{answer} (±{tolerance}% 이내면 정답)"),
        );
    };
    let half = crate::question::PRINTED_HALF_UNIT;
    if q.range_is_rounding() {
        // A small figure: the grader also accepts the printed figure's rounding, which is
        // wider than the tolerance (0.0917 to 0.1017 for 0.0967 at ±5%).
        Text::new(
            format!("{answer} ({low} to {high} are right: within ±{half}, the rounding of a figure to two decimals, which is more than ±{tolerance}% of it)"),
            format!("{answer} (정답 범위 {low}~{high}: 소수 둘째 자리로 반올림한 폭인 ±{half} 이내이며, 이 값의 ±{tolerance}%보다 넓음)"),
        )
    } else if unit == "%" {
        // A percentage's ±10% is relative: said so, with the range it accepts.
        let points = if q.tolerance_percent == 1.0 {
            "point"
        } else {
            "points"
        };
        Text::new(
            format!("{answer} ({low} to {high} are right: ±{tolerance}% of it, not ±{tolerance} percentage {points})"),
            format!("{answer} (정답 범위 {low}~{high}: 이 값의 ±{tolerance}%이며, ±{tolerance}%p가 아님)"),
        )
    } else {
        Text::new(
            format!("{answer} ({low} to {high} are right: within ±{tolerance}%)"),
            format!("{answer} (정답 범위 {low}~{high}: ±{tolerance}% 이내)"),
        )
    }
}

impl Assignment {
    /// What is wrong with `file` before any run: format, assignment, student id, checksum,
    /// stale steps and answers to questions that do not exist.
    pub fn check_answers(&self, file: &AnswersFile) -> Vec<Problem> {
        let mut problems = Vec::new();
        if file.format != ANSWERS_FORMAT {
            problems.push(Problem::UnknownFormat {
                found: file.format.clone(),
            });
        }
        if file.assignment != self.id {
            problems.push(Problem::OtherAssignment {
                found: file.assignment.clone(),
            });
        }
        if !super::valid_student_id(&file.student) {
            problems.push(Problem::BadStudentId);
        }
        // A file of another format version is checksummed by that version's rules: a
        // mismatch here would say "edited" of a file that was not (a reviewer).
        if file.format == ANSWERS_FORMAT && !file.checksum_ok() {
            problems.push(Problem::Tampered);
        }
        if problems.iter().any(Problem::blocks_file) {
            return problems;
        }
        for (n, given) in file.steps.iter().enumerate() {
            if file.steps[..n].iter().any(|s| s.step == given.step) {
                problems.push(Problem::Repeated {
                    step: given.step.clone(),
                    question: None,
                });
                continue;
            }
            let Some(index) = self.steps.iter().position(|s| s.id == given.step) else {
                for a in &given.answers {
                    problems.push(Problem::UnknownQuestion {
                        step: given.step.clone(),
                        question: a.question.clone(),
                    });
                }
                continue;
            };
            if given.scenario_hash != self.scenario_hash(index, Some(&file.student)) {
                problems.push(Problem::StaleStep {
                    step: given.step.clone(),
                });
            }
            for (m, a) in given.answers.iter().enumerate() {
                let Some(q) = self.steps[index]
                    .questions
                    .iter()
                    .find(|q| q.id == a.question)
                else {
                    problems.push(Problem::UnknownQuestion {
                        step: given.step.clone(),
                        question: a.question.clone(),
                    });
                    continue;
                };
                if given.answers[..m].iter().any(|b| b.question == a.question) {
                    problems.push(Problem::Repeated {
                        step: given.step.clone(),
                        question: Some(a.question.clone()),
                    });
                } else if q.predict && !a.predicted && !a.answer.trim().is_empty() {
                    problems.push(Problem::NotPredicted {
                        step: given.step.clone(),
                        question: a.question.clone(),
                    });
                } else if !q.predict && a.predicted {
                    problems.push(Problem::MarkedPredicted {
                        step: given.step.clone(),
                        question: a.question.clone(),
                    });
                }
            }
        }
        problems
    }

    /// Grades `file`; `expected[i]` are the answers computed for step `i` by running
    /// [`Assignment::step_scenario`] for this student (the caller runs it; nothing here
    /// simulates). As `virtsim grade` does: a file with a problem that stops it from being
    /// graded (tampered with, another assignment, a bad student id) needs no runs (pass
    /// `&[]`), and every row is [`Verdict::NotGraded`]; otherwise every step is run. An
    /// answer in a step missing from `expected` (`&[]` for a file that could be graded) is
    /// not graded either, with a [`Problem::NotComputed`] for the step, so that the grade
    /// is not [`StudentGrade::clean`] (the CLI's exit 1): never a silent 0 points.
    pub fn grade(&self, file: &AnswersFile, expected: &[Vec<QuestionAnswer>]) -> StudentGrade {
        let mut problems = self.check_answers(file);
        let blocked = problems.iter().any(Problem::blocks_file);
        let mut rows = Vec::new();
        for (index, step) in self.steps.iter().enumerate() {
            let stale = problems
                .iter()
                .any(|p| matches!(p, Problem::StaleStep { step: s } if *s == step.id));

            let answered = step.questions.iter().any(|q| {
                file.answer(&step.id, &q.id)
                    .is_some_and(|g| !g.answer.trim().is_empty())
            });
            if !blocked && !stale && answered && expected.get(index).is_none() {
                problems.push(Problem::NotComputed {
                    step: step.id.clone(),
                });
            }
            for q in &step.questions {
                let computed = expected
                    .get(index)
                    .and_then(|answers| answers.iter().find(|a| a.id == q.id));
                let given = file.answer(&step.id, &q.id);
                let answer = given
                    .map(|g| g.answer.clone())
                    .filter(|a| !a.trim().is_empty());
                let not_predicted = problems.iter().any(|p| {
                    matches!(p, Problem::NotPredicted { step: s, question: id }
                        if *s == step.id && *id == q.id)
                });
                let verdict = match (&answer, computed) {
                    _ if blocked => Verdict::NotGraded,
                    (None, _) => Verdict::Unanswered,
                    _ if stale => Verdict::Stale,
                    (Some(_), None) => Verdict::NotGraded,
                    _ if not_predicted => Verdict::NotPredicted,
                    // The run computed no answer (`virtsim answers` warns the author): no
                    // student can be right, nor wrong.
                    (Some(_), Some(c)) if !c.has_answer() => Verdict::NotGraded,
                    (Some(a), Some(c))
                        if c.kind == QuestionKind::Numeric && c.read_number(a).is_none() =>
                    {
                        problems.push(Problem::UnreadableAnswer {
                            step: step.id.clone(),
                            question: q.id.clone(),
                            answer: a.clone(),
                            accepted: c.accepted_answers(),
                        });
                        Verdict::Unreadable
                    }
                    (Some(a), Some(c)) if c.check(a) => Verdict::Right,
                    (Some(_), Some(_)) => Verdict::Wrong,
                };
                let read_as = match (&answer, computed) {
                    (Some(a), Some(c)) if c.kind == QuestionKind::Numeric => {
                        let unit = c.metric.unit();
                        let odd = crate::question::converted_from(a, unit).is_some()
                            || crate::question::fraction_for_percent(a, unit);
                        c.read_number(a)
                            .filter(|_| odd)
                            .map(|v| format!("{v} {unit}"))
                    }
                    _ => None,
                };
                rows.push(GradeRow {
                    step: step.id.clone(),
                    question: q.id.clone(),
                    answer,
                    expected: computed.map_or_else(|| "-".to_string(), expected_text),
                    expected_shown: computed.map(expected_shown),
                    verdict,
                    points: if verdict == Verdict::Right {
                        q.points
                    } else {
                        0
                    },
                    max_points: q.points,
                    // As the assignment asks it: a file's mark on another question is a
                    // problem, not a prediction.
                    predicted: q.predict && given.is_some_and(|g| g.predicted),
                    read_as,
                });
            }
        }
        StudentGrade {
            student: file.student.clone(),
            points: rows.iter().map(|r| r.points).sum(),
            max_points: self.max_points(),
            rows,
            problems,
        }
    }

    /// An answers file for `student` with the computed answers of every question (the
    /// instructor's key, or a test's perfect student); `expected` as for
    /// [`Assignment::grade`] (a step missing from it gets no answers). A student id that
    /// [`super::valid_student_id`] refuses is an error (code `bad_student_id`), as `virtsim
    /// answers --student` refuses it, not a key that grades nothing.
    pub fn answer_key(
        &self,
        student: &str,
        expected: &[Vec<QuestionAnswer>],
    ) -> Result<AnswersFile, crate::ScenarioError> {
        self.refuse_student(student)?;
        let steps = self
            .steps
            .iter()
            .enumerate()
            .map(|(index, step)| StepAnswers {
                step: step.id.clone(),
                scenario_hash: self.scenario_hash(index, Some(student)),
                answers: step
                    .questions
                    .iter()
                    .filter_map(|q| {
                        let c = expected.get(index)?.iter().find(|a| a.id == q.id)?;
                        if !c.has_answer() {
                            return None;
                        }
                        Some(GivenAnswer {
                            question: q.id.clone(),
                            answer: c.answer.clone(),
                            predicted: q.predict,
                        })
                    })
                    .collect(),
            })
            .collect();
        Ok(AnswersFile::new(&self.id, student, steps))
    }
}

impl Assignment {
    /// Grades a handed-in answers file as `virtsim grade` does: the file is checked
    /// ([`Self::check_answers`]), each step is run for its student
    /// ([`Self::step_scenario`]; none when a problem [blocks](Problem::blocks_file) the
    /// file), and the answers are graded against the runs ([`Self::grade`]). Whether the
    /// total is the one to record: [`StudentGrade::points_final`]. An error only when a
    /// step's variant cannot be built or run ([`SimError::Invalid`] holds a variant's
    /// [`ScenarioError`](crate::ScenarioError)), never for what is wrong with the file.
    ///
    /// ```
    /// use sim_core::assignment::{AnswersFile, Assignment};
    ///
    /// let library = |name: &str| std::fs::read_to_string(format!("../scenarios/{name}")).ok();
    /// let text = include_str!("../../../scenarios/assignments/hypervisor-types.toml");
    /// let assignment = Assignment::from_toml("hypervisor-types.toml", text, &library)?;
    /// # let expected: Vec<_> = (0..assignment.steps.len())
    /// #     .map(|step| assignment.step_scenario(step, Some("s002")).unwrap().run().unwrap().questions)
    /// #     .collect();
    /// # let json = serde_json::to_string(&assignment.answer_key("s002", &expected)?)?;
    /// // `json`: a student's handed-in file, as the page exports it.
    /// let file: AnswersFile = serde_json::from_str(&json)?;
    /// let grade = assignment.grade_file(&file)?;
    /// assert!(grade.points_final() && grade.clean());
    /// assert_eq!(grade.points, assignment.max_points());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn grade_file(&self, file: &AnswersFile) -> Result<StudentGrade, SimError> {
        self.grade_file_with(file, &mut ComputedAnswers::new(), |step, student| {
            let scenario = self
                .step_scenario(step, Some(student))
                .map_err(SimError::Invalid)?;
            Ok(scenario.run()?.questions)
        })
    }

    /// [`Self::grade_file`] for many files: `computed` keeps each step variant's answers
    /// across calls, and `run(step, student)` computes those not kept yet (the CLI's
    /// shows progress; [`Self::grade_file`]'s runs [`Self::step_scenario`]).
    pub fn grade_file_with<E>(
        &self,
        file: &AnswersFile,
        computed: &mut ComputedAnswers,
        mut run: impl FnMut(usize, &str) -> Result<Vec<QuestionAnswer>, E>,
    ) -> Result<StudentGrade, E> {
        let mut expected = Vec::new();
        // A file that cannot be graded at all is not run.
        if !self.check_answers(file).iter().any(Problem::blocks_file) {
            for step in 0..self.steps.len() {
                let key = (step, self.scenario_hash(step, Some(&file.student)));
                let answers = match computed.by_variant.get(&key) {
                    Some(answers) => answers.clone(),
                    None => {
                        let answers = run(step, &file.student)?;
                        computed.by_variant.insert(key, answers.clone());
                        answers
                    }
                };
                expected.push(answers);
            }
        }
        Ok(self.grade(file, &expected))
    }
}
