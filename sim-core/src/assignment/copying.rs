//! Whether per-student variation tells the students' numeric answers apart: a question whose
//! variants all grade each other's answers right lets a student copy a classmate's; and
//! whether it moves a choice answer (an explanation written for one answer is then wrong
//! for some students).

use super::{Assignment, Parameter, Variant};
use crate::question::{QuestionAnswer, QuestionKind};
use crate::text::Text;

/// How many students' variants `virtsim answers` compares.
pub const SAMPLES: usize = 3;

/// The students whose variants of step `step` `virtsim answers` compares: ids `s001`,
/// `s002`, ... (a variant depends only on the assignment, the step and the id), taking first
/// those whose picks of the varied parameters differ from the ones already taken, so that
/// a step with `[[step.vary]]` is compared across its choices and not only its seeds (three
/// consecutive ids may well draw the same choice). `SAMPLES` ids, or none when the step does
/// not vary at all.
pub fn sample_students(a: &Assignment, step: usize) -> Vec<String> {
    let ids = (1..=200).map(|n| format!("s{n:03}"));
    if ids
        .clone()
        .take(SAMPLES)
        .all(|id| a.variant(step, Some(&id)).describe().is_empty())
    {
        return Vec::new();
    }
    let mut taken: Vec<(String, String)> = Vec::new();
    for id in ids.clone() {
        let picks = a.variant(step, Some(&id)).picks_text();
        if !taken.iter().any(|(_, p)| *p == picks) {
            taken.push((id, picks));
        }
        if taken.len() == SAMPLES {
            break;
        }
    }
    // Fewer distinct picks than samples (or none varied): the first other ids.
    for id in ids {
        if taken.len() == SAMPLES {
            break;
        }
        if !taken.iter().any(|(t, _)| *t == id) {
            taken.push((id, String::new()));
        }
    }
    taken.into_iter().map(|(id, _)| id).collect()
}

/// The variants of step `step` in which `virtsim answers` looks for choice questions that
/// tie, beside the reference variant (each parameter at its first choice): for each
/// `[[step.vary]]` in the file's order and each of its choices after the first, the
/// reference variant with that parameter at that choice (the scenario's seed, the other
/// parameters at their first choice), with the parameter's index in [`Step::vary`]. A step
/// that varies one parameter has every variant so (its choices are its variants); one
/// that varies several gets one run per choice (at most 18 beside the reference: 16 × 4
/// choices) rather than one per combination (up to 64, each as long as a student's run of
/// the step), and a tie that only a combination of two choices after the first makes is
/// not looked for. Empty for a step that varies nothing.
///
/// [`Step::vary`]: super::Step::vary
pub fn choice_variants(a: &Assignment, step: usize) -> Vec<(usize, Variant)> {
    let Some(s) = a.steps.get(step) else {
        return Vec::new();
    };
    let reference = a.variant(step, None);
    let mut out = Vec::new();
    for (index, vary) in s.vary.iter().enumerate() {
        for choice in vary.choices.iter().skip(1) {
            let mut variant = reference.clone();
            variant.picks[index] = (vary.parameter, choice.clone());
            out.push((index, variant));
        }
    }
    out
}

/// Most student ids searched for a sample student's classmate with the same picks.
const TWIN_SEARCH: usize = 400;

/// For each of `students` (the step's [`sample_students`]), a classmate with the same
/// picks of the varied parameters but a seed of their own, whom `virtsim answers` compares
/// with that sample student: variation then tells them apart by the seed alone. The first
/// id `s001`, `s002`, ... with the same picks that is neither a sample nor another's
/// classmate (`None` if none among the first 400 ids, or for a sample whose picks another
/// sample already shares: those two are compared already). Empty for a step whose seed is
/// the scenario's (students with the same picks then have the same variant and the same
/// answers) or that varies no parameter (its samples already share their picks).
pub fn same_pick_students(a: &Assignment, step: usize, students: &[String]) -> Vec<Option<String>> {
    let Some(s) = a.steps.get(step) else {
        return Vec::new();
    };
    if !s.student_seed || s.vary.is_empty() {
        return Vec::new();
    }
    let picks: Vec<String> = students
        .iter()
        .map(|id| a.variant(step, Some(id)).picks_text())
        .collect();
    let mut taken: Vec<String> = students.to_vec();
    let mut twins = Vec::new();
    for (i, pick) in picks.iter().enumerate() {
        if picks.iter().filter(|p| *p == pick).count() > 1 {
            twins.push(None);
            continue;
        }
        let twin = (1..=TWIN_SEARCH)
            .map(|n| format!("s{n:03}"))
            .filter(|id| !taken.contains(id))
            .find(|id| a.variant(step, Some(id)).picks_text() == picks[i]);
        if let Some(id) = &twin {
            taken.push(id.clone());
        }
        twins.push(twin);
    }
    twins
}

/// The varied parameters of step `step` that change no answer: those whose picks differ
/// between `variants` (variants of the step with the same seed, each with its computed
/// answers) when every variant's answers are the same (each question's answer and
/// value). Empty when some answer differs, or when fewer than two variants are given.
///
/// A choice question that ties in either variant (a [near tie](QuestionAnswer::near_tie)
/// or a [shown tie](QuestionAnswer::shown_tie)) is the same only if its figures are (each
/// platform's, bit for bit): its answer is then the platforms' order in the file, not a
/// comparison, and stays the same while the parameter moves the figures. `virtsim
/// answers` warns of the tie itself; saying that the parameter changes nothing would be
/// wrong of the figures and would point the author at the parameter, not at the tie.
pub fn parameters_without_effect(
    a: &Assignment,
    step: usize,
    variants: &[(Variant, Vec<QuestionAnswer>)],
) -> Vec<Parameter> {
    let Some(((_, first), rest)) = variants.split_first() else {
        return Vec::new();
    };
    let tie = |q: &QuestionAnswer| q.near_tie().is_some() || q.shown_tie().is_some();
    let figures = |q: &QuestionAnswer| -> Vec<(String, u64)> {
        (q.evidence.iter())
            .map(|(name, value)| (name.clone(), value.to_bits()))
            .collect()
    };
    let same = |x: &QuestionAnswer, y: &QuestionAnswer| {
        x.id == y.id
            && x.answer == y.answer
            && x.value.map(f64::to_bits) == y.value.map(f64::to_bits)
            && (!(tie(x) || tie(y)) || figures(x) == figures(y))
    };
    let identical = rest.iter().all(|(_, answers)| {
        answers.len() == first.len() && answers.iter().zip(first).all(|(x, y)| same(x, y))
    });
    if rest.is_empty() || !identical {
        return Vec::new();
    }
    let Some(s) = a.steps.get(step) else {
        return Vec::new();
    };
    s.vary
        .iter()
        .enumerate()
        .filter(|(k, _)| {
            variants
                .iter()
                .filter_map(|(v, _)| v.picks.get(*k).map(|(_, c)| c))
                .any(|c| Some(c) != variants[0].0.picks.get(*k).map(|(_, c)| c))
        })
        .map(|(_, v)| v.parameter)
        .collect()
}

/// Why `parameter` changes nothing in step `step`'s scenario, when the scenario alone says
/// so: `vm_exit_cycles` where no platform is a VM (nothing takes a VM exit).
pub fn why_without_effect(a: &Assignment, step: usize, parameter: Parameter) -> Option<Text> {
    let scenario = &a.steps.get(step)?.scenario;
    match parameter {
        Parameter::VmExitCycles if !scenario.platforms.iter().any(|p| p.stack.is_vm()) => {
            Some(Text {
                en: "no platform takes VM exits: every one is a container or native".into(),
                ko: "VM exit를 겪는 플랫폼이 없습니다: 모두 컨테이너이거나 네이티브입니다".into(),
            })
        }
        _ => None,
    }
}

/// A numeric question some of whose sample students' answers are graded right against
/// each other's variants.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyableAnswer {
    pub question: String,
    /// Each sample student's answer as a grader reads it
    /// ([`QuestionAnswer::expected_figure`]: 0.0967, not the printed "0.10").
    pub answers: Vec<String>,
    /// The pairs of sample students (indices into `answers`) one of whose answers grades
    /// right against the other's variant, in order: every pair when variation moves
    /// nothing.
    pub pairs: Vec<(usize, usize)>,
    pub tolerance_percent: f64,
}

impl CopyableAnswer {
    /// Every sample student's answer grades every other's right.
    pub fn every_pair(&self) -> bool {
        let n = self.answers.len();
        self.pairs.len() == n * n.saturating_sub(1) / 2
    }
}

/// The numeric questions of one step that variation does not separate: those for which a
/// sample student's answer grades right against another's variant (that student may hand
/// in the classmate's figure). `samples` holds each sample student's
/// computed answers for the step, in the step's question order (at least two students:
/// with fewer there is nothing to compare).
pub fn copyable_answers(samples: &[Vec<QuestionAnswer>]) -> Vec<CopyableAnswer> {
    let Some(first) = samples.first() else {
        return Vec::new();
    };
    if samples.len() < 2 {
        return Vec::new();
    }
    (0..first.len())
        .filter(|&q| first[q].kind == QuestionKind::Numeric)
        .filter_map(|q| {
            let variants: Vec<&QuestionAnswer> = samples.iter().filter_map(|s| s.get(q)).collect();
            if variants.len() != samples.len() {
                return None;
            }
            let pairs: Vec<(usize, usize)> = (0..variants.len())
                .flat_map(|a| (a + 1..variants.len()).map(move |b| (a, b)))
                // One way is enough: a student whose variant accepts a classmate's figure
                // can hand it in (relative tolerances make the two ways differ).
                .filter(|&(a, b)| {
                    variants[a].check(&variants[b].answer) || variants[b].check(&variants[a].answer)
                })
                .collect();
            (!pairs.is_empty()).then(|| CopyableAnswer {
                question: first[q].id.clone(),
                answers: variants
                    .iter()
                    .map(|v| {
                        v.expected_figure()
                            .map_or_else(|| v.answer.clone(), |(f, _)| f)
                    })
                    .collect(),
                pairs,
                tolerance_percent: first[q].tolerance_percent,
            })
        })
        .collect()
}

/// A choice question whose right answer is not the same in every variant compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DifferingChoice {
    pub question: String,
    /// Each variant's answer, in the order of the variants given.
    pub answers: Vec<String>,
}

/// The choice questions of one step whose answer differs between the variants compared
/// (`variants`: each variant's computed answers for the step, in the step's question
/// order; in `virtsim answers`, the reference variant's and the sample students'). Such a
/// question is right for different platforms in different students' variants, and an
/// explanation written for one answer is wrong for the others. Compared by platform name,
/// case-insensitively, as answers are graded.
pub fn differing_choices(variants: &[Vec<QuestionAnswer>]) -> Vec<DifferingChoice> {
    let Some(first) = variants.first() else {
        return Vec::new();
    };
    first
        .iter()
        .filter(|q| q.kind == QuestionKind::Choice)
        .filter_map(|q| {
            let answers: Vec<String> = variants
                .iter()
                .filter_map(|v| v.iter().find(|a| a.id == q.id))
                .map(|a| a.answer.clone())
                .collect();
            let differs = answers.len() == variants.len()
                && answers.iter().any(|a| !a.eq_ignore_ascii_case(&answers[0]));
            differs.then(|| DifferingChoice {
                question: q.id.clone(),
                answers,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question::Metric;

    fn numeric(value: f64, tolerance_percent: f64) -> QuestionAnswer {
        QuestionAnswer::numeric("p50", Metric::DesktopP50LatencyMs, value, tolerance_percent)
    }

    #[test]
    fn answers_within_each_others_tolerance_are_copyable() {
        // The instructor's VDI step: 640.33, 629.15 and 634.74 ms at ±10%: the farthest
        // pair differs by 1.8%, so any student's answer is right for any other.
        let samples = vec![
            vec![numeric(640.33, 10.0)],
            vec![numeric(629.15, 10.0)],
            vec![numeric(634.74, 10.0)],
        ];
        let found = copyable_answers(&samples);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].answers, ["640.33", "629.15", "634.74"]);
        assert!(found[0].every_pair());
        // At ±1% the farthest pair (1.8% apart) no longer grade each other right; the
        // middle answer still pairs with each (0.9% away); at ±0.5% nothing does.
        let at = |tolerance: f64| -> Vec<Vec<QuestionAnswer>> {
            samples
                .iter()
                .map(|s| vec![numeric(s[0].value.unwrap(), tolerance)])
                .collect()
        };
        assert_eq!(copyable_answers(&at(1.0))[0].pairs, [(0, 2), (1, 2)]);
        assert!(copyable_answers(&at(0.5)).is_empty());
        // One pair close together is enough: the instructor's exit costs 1266 and 2400
        // gave 9.75 and 10.12 µs (3.8% apart, both right at ±5%), 4800 gave 10.92.
        let one_pair = vec![
            vec![numeric(9.75, 5.0)],
            vec![numeric(10.12, 5.0)],
            vec![numeric(10.92, 5.0)],
        ];
        let found = copyable_answers(&one_pair);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pairs, [(0, 1)]);
        assert!(!found[0].every_pair());
    }

    fn assignment(step_extra: &str) -> Assignment {
        let text = format!(
            r#"
[assignment]
id = "a"
title = {{ en = "A", ko = "A" }}

[[step]]
id = "one"
title = {{ en = "One", ko = "하나" }}
intro = {{ en = "Run.", ko = "실행." }}
scenario_toml = """
[scenario]
name = "s"
duration_ms = 2
[[platform]]
name = "hw"
kind = "type1"
technique = "hardware_assist"
[[instance]]
name = "vm"
workload = "syscall-heavy"
"""
{step_extra}

[[step.question]]
id = "q"
text = {{ en = "?", ko = "?" }}
kind = "numeric"
metric = "relative_performance_percent"
platform = "hw"
"#
        );
        Assignment::from_toml("a.toml", &text, &|_: &str| None).expect("valid assignment")
    }

    #[test]
    fn the_samples_cover_the_choices_of_a_varied_parameter() {
        // Three choices: three students whose picks differ, whichever ids that takes.
        let a = assignment(
            "[[step.vary]]\nparameter = \"vm_exit_cycles\"\nchoices = [600, 2400, 4800]",
        );
        let ids = sample_students(&a, 0);
        assert_eq!(ids.len(), SAMPLES);
        let picks: Vec<String> = ids
            .iter()
            .map(|id| a.variant(0, Some(id)).picks_text())
            .collect();
        assert!(
            picks[0] != picks[1] && picks[1] != picks[2] && picks[0] != picks[2],
            "{picks:?}"
        );
        // A seed only: the first three ids. No variation at all: nobody to compare.
        assert_eq!(
            sample_students(&assignment("student_seed = true"), 0),
            ["s001", "s002", "s003"]
        );
        assert!(sample_students(&assignment(""), 0).is_empty());
    }

    /// The instructor's web-busy step: `docker` for most variants, `xen-pv` for the
    /// 6-core one; a question with one answer everywhere is not reported.
    #[test]
    fn a_choice_answer_that_moves_between_variants_is_reported() {
        let mut docker = numeric(1.0, 0.0);
        docker.kind = QuestionKind::Choice;
        docker.id = "lowest-p99".into();
        docker.answer = "docker".into();
        let mut xen = docker.clone();
        xen.answer = "xen-pv".into();
        let mut same = docker.clone();
        same.id = "most-crossings".into();
        same.answer = "xen-pv".into();
        let variants = vec![
            vec![docker.clone(), same.clone()],
            vec![docker.clone(), same.clone()],
            vec![xen, same.clone()],
        ];
        assert_eq!(
            differing_choices(&variants),
            [DifferingChoice {
                question: "lowest-p99".into(),
                answers: vec!["docker".into(), "docker".into(), "xen-pv".into()],
            }]
        );
        let mut upper = docker.clone();
        upper.answer = "Docker".into();
        assert!(differing_choices(&[vec![docker], vec![upper]]).is_empty());
    }

    #[test]
    fn one_student_or_a_choice_question_is_never_reported() {
        assert!(copyable_answers(&[vec![numeric(1.0, 10.0)]]).is_empty());
        let mut choice = numeric(1.0, 10.0);
        choice.kind = QuestionKind::Choice;
        assert!(copyable_answers(&[vec![choice.clone()], vec![choice]]).is_empty());
    }
}
