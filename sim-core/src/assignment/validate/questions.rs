//! A step's questions: the scenario's questions it asks and its own, each checked as a
//! scenario's question is, with points and predictions.

use std::ops::Range;

use super::base::{first_empty_text, Found, Placed};
use super::names::{bad_id, valid_id};

use crate::assignment::format::{StepQuestionSection, StepSection};
use crate::assignment::{StepQuestion, MAX_QUESTIONS_PER_STEP};
use crate::scenario::error::{msg, Key, Validator};
use crate::scenario::{
    text_placeholder_errors, PlaceholderNames, Scenario, ScenarioError, WrittenText,
};

/// The step's questions: the scenario's, then the step's own, the predictions first; the
/// errors added to `found`: their number's, each `scenario_questions` entry's, and each
/// question's first (one with a mistake read past is not checked).
#[cfg_attr(target_arch = "wasm32", inline)] // for size: a part of `validate_step` (see `Assignment::from_toml`)
pub(super) fn step_questions(
    v: &Validator<'_>,
    step: &Placed<'_>,
    step_id: &str,
    scenario: &Scenario,
    found: &mut Found,
) -> Vec<StepQuestion> {
    let (s, step_index) = (step.section, step.index);
    let count = s.scenario_questions.len() + s.questions.len();
    // Unless a question or the list was taken out by the reading (then the number is not
    // the file's).
    let counted = !step.taken_out("question") && !step.taken_out("scenario_questions");
    if counted && (count == 0 || count > MAX_QUESTIONS_PER_STEP) {
        found.push(v.error(
            s.id.span(),
            msg!(
                "out_of_range",
                "step `{step}` needs 1 to {limit} questions ([[step.question]] or scenario_questions); got {got}",
                "단계 `{step}`에는 질문이 1~{limit}개 있어야 합니다([[step.question]] 또는 scenario_questions). {got}개가 있습니다",
                step = step_id,
                limit = MAX_QUESTIONS_PER_STEP,
                got = count
            ),
        ));
    }
    let mut questions: Vec<StepQuestion> = Vec::new();
    let duplicate = |span: Range<usize>, id: &str| duplicate_question(v, step_id, span, id);
    for id in &s.scenario_questions {
        let Some(q) = scenario.questions.iter().find(|q| q.id == *id.get_ref()) else {
            let known: Vec<&str> = scenario.questions.iter().map(|q| q.id.as_str()).collect();
            let error = v.error(
                id.span(),
                msg!(
                    "unknown_name",
                    "step `{step}`: the scenario has no question `{name}`; expected one of {expected}",
                    "단계 `{step}`: 시나리오에 질문 `{name}`이(가) 없습니다. 가능한 값: {expected}",
                    step = step_id,
                    name = id.get_ref(),
                    expected = if known.is_empty() {
                        "(none)".to_string()
                    } else {
                        known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                    }
                ),
            );
            // An id written longer or cut short (`pv-hyper` for `pv-hyp`) too.
            found.push(
                match crate::scenario::error::guess_id(id.get_ref(), &known) {
                    Some(meant) => error.with_guess(meant),
                    None => error,
                },
            );
            continue;
        };
        if questions.iter().any(|x| x.id == q.id) {
            found.push(duplicate(id.span(), &q.id));
            continue;
        }
        questions.push(StepQuestion {
            id: q.id.clone(),
            text: q.text.clone(),
            points: 1,
            predict: false,
            from_scenario: true,
        });
    }
    for (index, q) in s.questions.iter().enumerate() {
        if step.table_poisoned(v, "question", index) {
            continue;
        }
        if let Err(e) = step_question(v, q, step_index, index, step_id, &questions) {
            found.push(e);
            continue;
        }
        questions.push(StepQuestion {
            id: q.id.get_ref().clone(),
            text: q.text.clone(),
            points: q.points.as_ref().map_or(1, |p| *p.get_ref()),
            predict: q.predict,
            from_scenario: false,
        });
    }
    // In the order the page asks them: the predictions before the run, then the rest (each
    // part in the file's order), so that `virtsim answers` in every format, an answers
    // file and `virtsim grade` list them alike.
    let (mut questions, rest): (Vec<_>, Vec<_>) = questions.into_iter().partition(|q| q.predict);
    questions.extend(rest);
    questions
}

/// Question id `id` of step `step_id`, at `span`, used twice.
pub(super) fn duplicate_question(
    v: &Validator<'_>,
    step_id: &str,
    span: Range<usize>,
    id: &str,
) -> ScenarioError {
    v.error(
        span,
        msg!(
            "duplicate",
            "step `{step}`: question id `{name}` is used twice",
            "단계 `{step}`: 질문 id `{name}`이(가) 두 번 쓰였습니다",
            step = step_id,
            name = id
        ),
    )
}

/// The first error of the step's own question `q` (number `index` of step `step_index`),
/// given the questions before it (`questions`): its id, its texts, its points.
#[cfg_attr(target_arch = "wasm32", inline)] // for size: a part of `validate_step` (see `Assignment::from_toml`)
pub(super) fn step_question(
    v: &Validator<'_>,
    q: &StepQuestionSection,
    step_index: usize,
    index: usize,
    step_id: &str,
    questions: &[StepQuestion],
) -> Result<(), ScenarioError> {
    let duplicate = |span: Range<usize>, id: &str| duplicate_question(v, step_id, span, id);
    let id = q.id.get_ref();
    if !valid_id(id) {
        return Err(bad_id(v, q.id.span(), id));
    }
    let at = |key| {
        [
            Key::Name("step"),
            Key::Index(step_index),
            Key::Name("question"),
            Key::Index(index),
            Key::Name(key),
        ]
    };
    first_empty_text(
        v,
        &[
            (Some(&q.text), &at("text")),
            (q.explanation.as_ref(), &at("explanation")),
        ],
        (
            &format!("step `{step_id}`, question `{id}`: "),
            &format!("단계 `{step_id}`, 질문 `{id}`: "),
        ),
    )?;
    if questions.iter().any(|x| x.id == *id) {
        return Err(duplicate(q.id.span(), id));
    }
    if let Some(p) = q
        .points
        .as_ref()
        .filter(|p| !(1..=100).contains(p.get_ref()))
    {
        return Err(v.error(
            p.span(),
            msg!(
                "out_of_range",
                "question `{id}`: points must be between 1 and 100; got {got}",
                "질문 `{id}`: points 값은 1에서 100 사이여야 합니다. 입력값: {got}",
                id = id,
                got = p.get_ref()
            ),
        ));
    }
    Ok(())
}

/// The first error of a placeholder (`{metric:platform}`) in the texts of step `raw`
/// (number `index` in the file) that are shown beside its run: its intro, and each of its
/// own questions' text and explanation; each checked against `scenario`, the step's
/// scenario as one student gets it, as a scenario's texts are against it (a `{` that opens
/// none, an unknown metric, platform or operation, a platform without the figure), located
/// at the placeholder. The scenario's own texts and questions are checked with it.
pub(super) fn step_text_placeholders(
    v: &Validator<'_>,
    index: usize,
    raw: &StepSection,
    scenario: &Scenario,
) -> Option<ScenarioError> {
    let known = PlaceholderNames::of(scenario);
    let step_id = raw.id.get_ref();
    let step = || [Key::Name("step"), Key::Index(index)];
    let mut texts: Vec<WrittenText<'_>> = Vec::new();
    if let Some(intro) = &raw.intro {
        texts.push(WrittenText {
            text: intro,
            path: [&step()[..], &[Key::Name("intro")]].concat(),
            owner: (format!("step `{step_id}`: "), format!("단계 `{step_id}`: ")),
            fills: true,
        });
    }
    for (q_index, q) in raw.questions.iter().enumerate() {
        let id = q.id.get_ref();
        for (text, key) in [
            (Some(&q.text), "text"),
            (q.explanation.as_ref(), "explanation"),
        ] {
            let Some(text) = text else { continue };
            let question = [Key::Name("question"), Key::Index(q_index), Key::Name(key)];
            texts.push(WrittenText {
                text,
                path: [&step()[..], &question[..]].concat(),
                owner: (
                    format!("step `{step_id}`, question `{id}`: "),
                    format!("단계 `{step_id}`, 질문 `{id}`: "),
                ),
                fills: true,
            });
        }
    }
    (texts.iter()).find_map(|t| text_placeholder_errors(v, t, &known).into_iter().next())
}
