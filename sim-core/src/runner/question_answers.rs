//! The scenario's questions answered from the platforms' results (`answer`; the value a
//! metric reads is `PlatformResult::metric`, in `results.rs`).

use super::*;

pub(crate) fn answer(
    q: &crate::scenario::Question,
    s: &Scenario,
    platforms: &[PlatformResult],
) -> QuestionAnswer {
    let asked: Vec<&PlatformResult> = match q.kind {
        QuestionKind::Choice => q.candidates.iter().map(|&i| &platforms[i]).collect(),
        QuestionKind::Numeric => platforms.iter().collect(),
    };
    let evidence: Vec<(String, f64)> = asked
        .iter()
        .filter_map(|p| p.metric(q.metric, q.op).map(|v| (p.name.clone(), v)))
        .collect();
    let platform = q.platform.map(|i| s.platforms[i].name.clone());
    let (answer, value) = match q.kind {
        QuestionKind::Choice => {
            let best = evidence
                .iter()
                .fold(None::<&(String, f64)>, |best, item| match best {
                    None => Some(item),
                    Some(b) => {
                        let better = match q.select {
                            Select::Lowest => item.1 < b.1,
                            Select::Highest => item.1 > b.1,
                        };
                        Some(if better { item } else { b })
                    }
                });
            (best.map_or_else(|| "-".to_string(), |b| b.0.clone()), None)
        }
        QuestionKind::Numeric => {
            let name = platform.as_deref().expect("validated numeric question");
            let value = evidence.iter().find(|(n, _)| n == name).map(|(_, v)| *v);
            (
                value.map_or_else(|| "-".to_string(), crate::question::numeric_text),
                value,
            )
        }
    };
    // The figures its texts quote, this run's (`{metric:platform}`).
    let fill = |t: &crate::text::Text| {
        crate::text::Text::new(
            crate::results::filled(platforms, &t.en),
            crate::results::filled(platforms, &t.ko),
        )
    };
    QuestionAnswer {
        id: q.id.clone(),
        text: fill(&q.text),
        kind: q.kind,
        metric: q.metric,
        // A numeric question's platform is `platform`: it has nothing to choose from.
        options: match q.kind {
            QuestionKind::Choice => asked.iter().map(|p| p.name.clone()).collect(),
            QuestionKind::Numeric => Vec::new(),
        },
        platform,
        answer,
        value,
        tolerance_percent: q.tolerance_percent,
        evidence,
        explanation: q.explanation.as_ref().map(fill),
        op: q.op,
    }
}
