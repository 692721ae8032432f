//! Whether per-student variation tells the students' numeric answers apart: a question whose
//! variants all grade each other's answers right lets a student copy a classmate's.

use crate::question::{QuestionAnswer, QuestionKind};

/// The students whose variants `virtsim answers` compares (a variant depends only on the
/// assignment, the step and the id, so any three ids show how far the answers spread).
pub const SAMPLE_STUDENTS: [&str; 3] = ["s001", "s002", "s003"];

/// A numeric question whose answers, one per sample student, are each graded right
/// against every other student's variant.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyableAnswer {
    pub question: String,
    /// Each sample student's answer as printed.
    pub answers: Vec<String>,
    pub tolerance_percent: f64,
}

/// The numeric questions of one step that variation does not separate. `samples` holds
/// each sample student's computed answers for the step, in the step's question order
/// (at least two students: with fewer there is nothing to compare).
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
            let every_pair = variants
                .iter()
                .all(|expected| variants.iter().all(|other| expected.check(&other.answer)));
            (variants.len() == samples.len() && every_pair).then(|| CopyableAnswer {
                question: first[q].id.clone(),
                answers: variants.iter().map(|v| v.answer.clone()).collect(),
                tolerance_percent: first[q].tolerance_percent,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question::Metric;
    use crate::text::Text;

    fn numeric(value: f64, tolerance_percent: f64) -> QuestionAnswer {
        QuestionAnswer {
            id: "p50".into(),
            text: Text::new("", ""),
            kind: QuestionKind::Numeric,
            metric: Metric::DesktopP50LatencyMs,
            options: Vec::new(),
            answer: format!("{value:.2}"),
            value: Some(value),
            tolerance_percent,
            evidence: Vec::new(),
            explanation: None,
        }
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
        // At ±1% the farthest pair (1.8% apart) no longer grade each other right.
        let narrow: Vec<_> = samples
            .iter()
            .map(|s| vec![numeric(s[0].value.unwrap(), 1.0)])
            .collect();
        assert!(copyable_answers(&narrow).is_empty());
    }

    #[test]
    fn one_student_or_a_choice_question_is_never_reported() {
        assert!(copyable_answers(&[vec![numeric(1.0, 10.0)]]).is_empty());
        let mut choice = numeric(1.0, 10.0);
        choice.kind = QuestionKind::Choice;
        assert!(copyable_answers(&[vec![choice.clone()], vec![choice]]).is_empty());
    }
}
