//! The variants of a step: every combination of choices (or the first only), each made
//! into a scenario and checked, its errors located in the file the student's scenario came
//! from.

use super::questions::step_text_placeholders;
use crate::assignment::format::{Choice, Parameter, StepSection};
use crate::assignment::{Assignment, Step, StepSource, Variant};
use crate::scenario::error::{msg, Validator};
use crate::scenario::{validate_question, Scenario, ScenarioError};
use crate::text::Lang;

/// Which variants of each step reading an assignment validates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variants {
    /// Every combination of choices (up to [`MAX_TOTAL_VARIANTS`](crate::assignment::MAX_TOTAL_VARIANTS) validations of the
    /// step's scenario): what `virtsim validate` and every reader that must know the whole
    /// file is good do.
    All,
    /// Each step's first combination only (its choices' first values): the page, which
    /// must not hold its tab for the seconds that hundreds of validations of a large
    /// scenario take, validates a student's own variant when it shows the step
    /// ([`Assignment::step_scenario`]).
    First,
}

/// Every combination of a step's choices (the seed is left out: it changes no validity),
/// the first choices first.
pub(super) fn all_variants(s: &Step) -> Vec<Variant> {
    let mut out = vec![Variant {
        seed: None,
        picks: Vec::new(),
    }];
    for v in &s.vary {
        out = out
            .into_iter()
            .flat_map(|base| {
                v.choices.iter().map(move |c| {
                    let mut next = base.clone();
                    next.picks.push((v.parameter, c.clone()));
                    next
                })
            })
            .collect();
    }
    out
}

/// The scenario of step `index` under `variant`, holding exactly the step's questions.
pub(in crate::assignment) fn prepared(
    a: &Assignment,
    index: usize,
    variant: &Variant,
) -> Result<Scenario, ScenarioError> {
    let v = Validator::new(&a.file_name, &a.source);
    prepared_with(&v, &a.steps[index], (index, &a.raw.steps[index]), variant)
}

/// [`prepared`] with the assignment's validator (parsed once for all variants); `raw`: the
/// step as written and its number among the file's steps.
pub(super) fn prepared_with(
    v: &Validator<'_>,
    s: &Step,
    (index, raw): (usize, &StepSection),
    variant: &Variant,
) -> Result<Scenario, ScenarioError> {
    let step_id = &s.id;
    // Where a variant's error is reported: the first parameter not at its first choice,
    // at that choice.
    let variant_at = || {
        raw.vary
            .iter()
            .zip(&variant.picks)
            .find(|(section, (_, c))| {
                section
                    .choices
                    .get_ref()
                    .first()
                    .is_some_and(|f| f.get_ref() != c)
            })
            .or_else(|| raw.vary.first().zip(variant.picks.first()))
            .map_or(raw.id.span(), |(section, (_, picked))| {
                let choices = section.choices.get_ref();
                choices
                    .iter()
                    .find(|c| c.get_ref() == picked)
                    .map_or(section.choices.span(), |c| c.span())
            })
    };
    let mut scenario = s.scenario.adjusted(&variant.adjustments()).map_err(|e| {
        // `instance_count` sets every group's count: with several groups the total is
        // what the error's figures are of.
        let groups = s.scenario.instances.len();
        let (every, every_ko) = match variant
            .picks
            .iter()
            .find(|(p, _)| *p == Parameter::InstanceCount)
        {
            Some((_, Choice::Number(n))) if groups > 1 => {
                let total = n.saturating_mul(groups as u64);
                (
                    format!(" (instance_count sets every group's count: {n} × {groups} groups = {total} instances)"),
                    format!("(instance_count는 모든 그룹의 개수를 정합니다: {n} × 그룹 {groups}개 = 인스턴스 {total}개)"),
                )
            }
            _ => (String::new(), String::new()),
        };
        let param = |name: &str| {
            e.params
                .iter()
                .find(|(k, _)| *k == name)
                .map_or("", |(_, value)| value.as_str())
        };
        if e.code == "memory_setting_over_host" {
            // Valid in the scenario only with an overcommit policy, as a hypervisor starts
            // overcommitted VMs: the author may want that on purpose, and it is written in
            // the scenario (a library one copied into scenario_toml), not in the step.
            let (copy, copy_ko) = match s.source {
                StepSource::Library(_) => (
                    " (in the scenario's own file if it is yours; a library scenario is changed in a copy of it in scenario_toml)",
                    "(직접 만든 시나리오 파일이면 그 파일에서, 라이브러리 시나리오라면 scenario_toml에 복사해서 고치세요)",
                ),
                StepSource::Embedded => ("", ""),
            };
            return v.error(
                variant_at(),
                msg!(
                    "variant_invalid",
                    "step `{step}`: with {variant} the scenario is not valid{every}: {reason}. To start them anyway, overcommitting the host's memory on purpose as real hypervisors allow, give {over} {overcommit} in the scenario{copy}",
                    "단계 `{step}`: {variant}일 때 시나리오가 올바르지 않습니다{every_ko}: {reason_ko}. 실제 하이퍼바이저처럼 호스트 메모리를 일부러 오버커밋해 그대로 시작하려면 시나리오에서 {over_ko}에 {overcommit_ko}를 설정하세요{copy_ko}",
                    step = step_id,
                    variant = variant.describe(),
                    reason = e.message_in(Lang::En),
                    reason_ko = e.message_in(Lang::Ko),
                    over = param("over"),
                    over_ko = param("over_ko"),
                    overcommit = param("overcommit"),
                    overcommit_ko = param("overcommit_ko"),
                    copy = copy,
                    copy_ko = copy_ko,
                    every = every,
                    every_ko = every_ko,
                ),
            );
        }
        v.error(
            variant_at(),
            msg!(
                "variant_invalid",
                "step `{step}`: with {variant} the scenario is not valid{every}: {reason}",
                "단계 `{step}`: {variant}일 때 시나리오가 올바르지 않습니다{every_ko}: {reason_ko}",
                step = step_id,
                variant = variant.describe(),
                reason = e.message_in(Lang::En),
                reason_ko = e.message_in(Lang::Ko),
                every = every,
                every_ko = every_ko
            ),
        )
    })?;
    let mut questions = Vec::new();
    for id in &raw.scenario_questions {
        match scenario.questions.iter().find(|q| q.id == *id.get_ref()) {
            Some(q) => questions.push(q.clone()),
            None => {
                return Err(v.error(
                    id.span(),
                    msg!(
                        "variant_invalid",
                        "step `{step}`: with {variant} the scenario's question `{name}` has no answer any more (its metric has no value)",
                        "단계 `{step}`: {variant}일 때 시나리오의 질문 `{name}`에 답이 없습니다(지표 값이 없음)",
                        step = step_id,
                        variant = variant.describe(),
                        name = id.get_ref()
                    ),
                ))
            }
        }
    }
    for q in &raw.questions {
        questions.push(validate_question(
            v,
            &q.as_question(),
            &scenario.platforms,
            &scenario.instances,
            scenario.sweep.as_ref(),
        )?);
    }
    // The figures the step's texts quote, this variant's.
    if let Some(e) = step_text_placeholders(v, index, raw, &scenario) {
        return Err(e);
    }
    // In the step's order: the predictions first (`validate_step`).
    let predicted = |id: &str| {
        raw.questions
            .iter()
            .any(|q| q.predict && q.id.get_ref() == id)
    };
    let (mut questions, rest): (Vec<_>, Vec<_>) =
        questions.into_iter().partition(|q| predicted(&q.id));
    questions.extend(rest);
    scenario.questions = questions;
    Ok(scenario)
}
