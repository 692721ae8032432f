//! Validation of a `[[question]]` table: kind, metric, platforms, and whether they answer it.

use toml::Spanned;

use super::names;
use crate::platform::PlatformKind;
use crate::question::{Metric, QuestionKind, Select};
use crate::scenario::error::{msg, Msg};
use crate::scenario::format::QuestionSection;
use crate::scenario::{InstanceSpec, PlatformSpec, Question, ScenarioError, Validator};
use crate::sweep::Sweep;
use crate::workload::Op;

pub(crate) fn validate_question(
    v: &Validator<'_>,
    q: &QuestionSection,
    platforms: &[PlatformSpec],
    instances: &[InstanceSpec],
    sweep: Option<&Sweep>,
) -> Result<Question, ScenarioError> {
    let names: Vec<&str> = platforms.iter().map(|p| p.name.as_str()).collect();
    let against = Against {
        names: &names,
        platforms: platforms.iter().map(Some).collect(),
        all: Some(platforms),
        instances: Some(instances),
        sweep: Some(sweep),
    };
    let question = validate_question_against(v, q, &against)?;
    // Everything it depends on is known: a question without an error is one.
    Ok(question.expect("a question checked against a valid scenario"))
}

/// What a question is checked against ([`validate_question_against`]): the file's
/// platforms, instances and sweep, as far as they are valid.
pub(super) struct Against<'a> {
    /// Every platform's name as written, in the file's order (also those with an error).
    pub(super) names: &'a [&'a str],
    /// Each platform by its index: None when it has an error (or is beyond the limit).
    pub(super) platforms: Vec<Option<&'a PlatformSpec>>,
    /// Every platform, when none has an error.
    pub(super) all: Option<&'a [PlatformSpec]>,
    /// Every instance group, when none has an error.
    pub(super) instances: Option<&'a [InstanceSpec]>,
    /// The sweep (Some(None): the file has none), when it has no error.
    pub(super) sweep: Option<Option<&'a Sweep>>,
}

/// Whether a platform answers a question: it does not (why), it does, or that is not
/// known (it, or an instance or the sweep that the answer depends on, has an error).
enum Answers {
    No(Msg),
    Yes,
    Unknown,
}

/// Question `q` checked against `against`: its error, the question (Some), or None when
/// nothing that can be checked is wrong but a check was left out because it depends on a
/// platform, an instance or the sweep with an error of its own (that error is reported
/// instead: the question is checked again once it is fixed). Every check of the question
/// alone (its kind's keys, its tolerance, its platforms' names) runs either way.
pub(super) fn validate_question_against(
    v: &Validator<'_>,
    q: &QuestionSection,
    against: &Against<'_>,
) -> Result<Option<Question>, ScenarioError> {
    let platforms = &against.platforms;
    // The instances a message lists operations of: none when one has an error (the
    // message then lists every operation).
    let instances = against.instances.unwrap_or_default();
    let mut unknown = false;
    let id = q.id.get_ref().clone();
    let kind = *q.kind.get_ref();
    let metric = *q.metric.get_ref();
    if metric.needs_op() && q.op.is_none() {
        // At the metric that asks for it (the op goes beside it).
        return Err(v.error(q.metric.span(), missing_op(&id, metric, instances)));
    }
    // Fields that do not apply to the question's kind or metric are errors, not ignored.
    if let (false, Some(op)) = (metric.needs_op(), &q.op) {
        return Err(v.error(op.span(), op_not_applicable(&id, metric)));
    }
    match kind {
        QuestionKind::Numeric => {
            if let Some(select) = &q.select {
                return Err(v.error(
                    select.span(),
                    msg!(
                        "not_applicable",
                        "question `{id}`: select applies to choice questions only; remove it",
                        "질문 `{id}`: select는 선택형(choice) 질문에만 해당합니다. 지우세요",
                        id = id,
                        field = "select"
                    ),
                ));
            }
            if let Some(list) = &q.platforms {
                return Err(v.error(
                    list.span(),
                    msg!(
                        "not_applicable",
                        "question `{id}`: platforms applies to choice questions only; a numeric question asks one platform = \"name\"",
                        "질문 `{id}`: platforms는 선택형(choice) 질문에만 해당합니다. 수치형(numeric) 질문은 platform = \"이름\" 하나를 묻습니다",
                        id = id,
                        field = "platforms"
                    ),
                ));
            }
        }
        QuestionKind::Choice => {
            // Which end of the metric is the answer is the question's own words ("the
            // lowest latency", "the highest throughput"): never a default, which silently
            // answered a question about the highest with the lowest (a reviewer).
            if q.select.is_none() {
                return Err(v.error(q.kind.span(), missing_select(&id, metric)));
            }
            if let Some(p) = &q.platform {
                return Err(v.error(
                    p.span(),
                    msg!(
                        "not_applicable",
                        "question `{id}`: platform applies to numeric questions only; a choice question lists its options in platforms = [...]",
                        "질문 `{id}`: platform은 수치형(numeric) 질문에만 해당합니다. 선택형(choice) 질문은 선택지를 platforms = [...]에 나열합니다",
                        id = id,
                        field = "platform"
                    ),
                ));
            }
            if let Some(t) = &q.tolerance_percent {
                return Err(v.error(
                    t.span(),
                    msg!(
                        "not_applicable",
                        "question `{id}`: tolerance_percent applies to numeric questions only; remove it",
                        "질문 `{id}`: tolerance_percent는 수치형(numeric) 질문에만 해당합니다. 지우세요",
                        id = id,
                        field = "tolerance_percent"
                    ),
                ));
            }
        }
    }
    let tolerance_percent = match &q.tolerance_percent {
        // A choice question has no tolerance (it may not be given one, above).
        None if kind == QuestionKind::Choice => 0.0,
        None => 5.0,
        Some(t) => {
            let value = *t.get_ref();
            if !(0.0..=100.0).contains(&value) {
                return Err(v.error(t.span(), tolerance_out_of_range(&id, value)));
            }
            value
        }
    };
    let listed = || {
        let mut seen: Vec<&str> = Vec::new();
        for n in against.names {
            if !seen.contains(n) {
                seen.push(n);
            }
        }
        names(seen)
    };
    let lookup = |name: &Spanned<String>| {
        (against.names.iter())
            .position(|x| *x == name.get_ref())
            .ok_or_else(|| {
                v.error(
                    name.span(),
                    msg!(
                        "unknown_name",
                        "question `{id}`: unknown platform `{got}`; expected one of {expected}",
                        "질문 `{id}`: 알 수 없는 플랫폼 `{got}`입니다. 가능한 값: {expected}",
                        id = id,
                        got = name.get_ref(),
                        expected = listed()
                    ),
                )
            })
    };
    // Why platform `p` has no value of the metric, if it has none.
    let op = q.op.as_ref().map(|o| *o.get_ref());
    // The sweep matters to sweep_density alone.
    let sweep = match against.sweep {
        None if metric != Metric::SweepDensity => Some(None),
        sweep => sweep,
    };
    let why_not = |p: usize| match (against.all, against.instances, sweep) {
        (Some(all), Some(instances), Some(sweep)) => {
            unanswerable(&id, metric, op, p, all, instances, sweep)
                .map_or(Answers::Yes, Answers::No)
        }
        // A desktop metric on another kind: the platform's kind alone says so.
        _ => match platforms.get(p).copied().flatten() {
            Some(platform) if metric.name().starts_with("desktop_") => {
                let one = std::slice::from_ref(platform);
                unanswerable(&id, metric, op, 0, one, &[], None)
                    .map_or(Answers::Unknown, Answers::No)
            }
            _ => Answers::Unknown,
        },
    };
    let metric_span = || {
        q.op.as_ref()
            .filter(|_| metric.needs_op())
            .map_or(q.metric.span(), |o| o.span())
    };
    let (platform, candidates) = match kind {
        QuestionKind::Numeric => {
            let Some(p) = &q.platform else {
                return Err(v.error(q.kind.span(), missing_platform_of(&id, listed())));
            };
            let index = lookup(p)?;
            match why_not(index) {
                Answers::No(why) => return Err(v.error(metric_span(), why)),
                Answers::Unknown => unknown = true,
                Answers::Yes => {}
            }
            (Some(index), (0..platforms.len()).collect::<Vec<usize>>())
        }
        QuestionKind::Choice => {
            let candidates: Vec<usize> = match &q.platforms {
                // Every option named must have a value.
                Some(list) => {
                    let mut out = Vec::new();
                    let mut repeated = None;
                    for name in list.get_ref() {
                        let index = lookup(name)?;
                        match why_not(index) {
                            Answers::No(why) => return Err(v.error(name.span(), why)),
                            Answers::Unknown => unknown = true,
                            Answers::Yes => {}
                        }
                        if !out.contains(&index) {
                            out.push(index);
                        } else if repeated.is_none() {
                            repeated = Some(name);
                        }
                    }
                    // `["vm", "vm"]`: the repetition is what leaves one option.
                    if let (true, Some(name)) = (out.len() < 2, repeated) {
                        // Its message lists the platforms that answer: every one known.
                        let mut answerable: Vec<&str> = Vec::new();
                        for (p, platform) in against.names.iter().enumerate() {
                            match why_not(p) {
                                Answers::Yes => answerable.push(platform),
                                Answers::No(_) => {}
                                Answers::Unknown => return Ok(None),
                            }
                        }
                        return Err(v.error(
                            name.span(),
                            msg!(
                                "too_few_options",
                                "question `{id}`: platforms lists `{name}` more than once, which leaves fewer than two platforms to choose from; list at least two different platforms that have a value of its metric ({expected})",
                                "질문 `{id}`: platforms에 `{name}`이(가) 두 번 이상 있어 고를 플랫폼이 둘보다 적습니다. 그 지표 값이 있는 서로 다른 플랫폼을 둘 이상 쓰세요 ({expected})",
                                id = id,
                                name = name.get_ref(),
                                expected = names(answerable)
                            ),
                        ));
                    }
                    out
                }
                // By default, the platforms that have a value.
                None => {
                    // Which platforms answer: known once every one is.
                    let Some(all) = against.all else {
                        return Ok(None);
                    };
                    let mut answerable: Vec<usize> = Vec::new();
                    for p in 0..all.len() {
                        match why_not(p) {
                            Answers::Yes => answerable.push(p),
                            Answers::No(_) => {}
                            Answers::Unknown => return Ok(None),
                        }
                    }
                    if answerable.is_empty() {
                        // No platform of the file could ever answer: say that, rather than
                        // what the first platform lacks.
                        if metric.name().starts_with("desktop_") {
                            return Err(v.error(
                                metric_span(),
                                msg!(
                                    "unanswerable",
                                    "question `{id}`: metric `{metric}` is measured on vdi platforms only, and this file has none (add a platform with kind = \"vdi\", or choose another metric)",
                                    "질문 `{id}`: `{metric}` 지표는 vdi 플랫폼에서만 측정되는데 이 파일에는 vdi 플랫폼이 없습니다 (kind = \"vdi\"인 플랫폼을 추가하거나 다른 지표를 고르세요)",
                                    id = id,
                                    metric = metric.name()
                                ),
                            ));
                        }
                        // A migration's metric: the first platform that could take one.
                        let first = (0..all.len())
                            .find(|&p| {
                                !metric.name().starts_with("migration_")
                                    || super::memory::migrates(all[p].stack.kind)
                            })
                            .unwrap_or(0);
                        let Answers::No(why) = why_not(first) else {
                            unreachable!("no platform answers");
                        };
                        return Err(v.error(metric_span(), why));
                    }
                    answerable
                }
            };
            if candidates.len() < 2 {
                let span = q.platforms.as_ref().map_or(q.kind.span(), |p| p.span());
                return Err(v.error(span, too_few_options(&id)));
            }
            (None, candidates)
        }
    };
    if unknown {
        return Ok(None);
    }
    Ok(Some(Question {
        id,
        text: q.text.clone(),
        kind,
        metric,
        op,
        // Required for a choice question (above); a numeric one has none.
        select: q.select.as_ref().map_or(Select::Lowest, |s| *s.get_ref()),
        candidates,
        platform,
        tolerance_percent,
        explanation: q.explanation.clone(),
    }))
}

// The checks below are shared with `check.rs`, which applies them to a question's fields
// (set by hand) with the same messages.

/// A latency metric without an op: the operations the scenario's workloads run, by name
/// (every operation a mix may hold if none runs any).
pub(super) fn missing_op(id: &str, metric: Metric, instances: &[InstanceSpec]) -> Msg {
    let mixable = &Op::ALL[..Op::MIX_COUNT];
    let runs = |op: &&Op| {
        instances.iter().any(|i| {
            i.workload
                .mix
                .weights()
                .get(op.index())
                .is_some_and(|&w| w > 0)
        })
    };
    let ran: Vec<&str> = mixable.iter().filter(runs).map(|o| o.name()).collect();
    if ran.is_empty() {
        return msg!(
            "missing_op",
            "question `{id}`: metric `{metric}` needs op = one of the operation names: {expected}",
            "질문 `{id}`: 지연 지표 `{metric}`에는 어느 연산의 지연인지 말하는 `op`가 있어야 합니다. `op`에 연산 이름 중 하나를 쓰세요: {expected}",
            id = id,
            metric = metric.name(),
            expected = names(mixable.iter().map(|o| o.name()))
        );
    }
    msg!(
        "missing_op",
        "question `{id}`: metric `{metric}` needs op = one of the operations the scenario's workloads run: {expected}",
        "질문 `{id}`: 지연 지표 `{metric}`에는 어느 연산의 지연인지 말하는 `op`가 있어야 합니다. `op`에 시나리오의 워크로드가 실행하는 연산 중 하나를 쓰세요: {expected}",
        id = id,
        metric = metric.name(),
        expected = names(ran)
    )
}

/// An op on a metric that is not a latency. Beside a platform's total of every group's
/// operations (`throughput`, `relative_performance_percent`), the author likely wants one
/// workload's figure: the message says how a question gets it (a platform that runs that
/// group alone) and where each group's figure already is (the JSON output's `groups`, the
/// Rust API's `PlatformResult::group_named`), as no question takes a group.
pub(super) fn op_not_applicable(id: &str, metric: Metric) -> Msg {
    let mut m = msg!(
        "not_applicable",
        "question `{id}`: op applies to the latency metrics only (mean_latency_us, p50_latency_us, p99_latency_us), not `{metric}`; remove it",
        "질문 `{id}`: op는 지연 지표(mean_latency_us, p50_latency_us, p99_latency_us)에만 해당하며 `{metric}`에는 해당하지 않습니다. 지우세요",
        id = id,
        field = "op",
        metric = metric.name()
    );
    if matches!(
        metric,
        Metric::Throughput | Metric::RelativePerformancePercent
    ) {
        m.en = "question `{id}`: op applies to the latency metrics only (mean_latency_us, p50_latency_us, p99_latency_us), not `{metric}`, which counts every operation of every instance group on the platform; remove it. To ask about one group's `{metric}`, give that group a platform it runs alone on: another [[platform]], which the other [[instance]] groups leave out of their `platforms = [...]` (in any run, each group's figure is in the JSON output's `platforms[].groups[]` and in the Rust API's `PlatformResult::group_named`)";
        m.ko = "질문 `{id}`: op는 지연 지표(mean_latency_us, p50_latency_us, p99_latency_us)에만 해당하며 `{metric}`에는 해당하지 않습니다. 이 지표는 플랫폼에 있는 모든 인스턴스 그룹의 연산을 모두 셉니다. op를 지우세요. 그룹 하나의 `{metric}` 값을 물으려면 그 그룹만 실행되는 플랫폼을 두세요: [[platform]]을 하나 더 만들고, 다른 [[instance]] 그룹들의 `platforms = [...]`에서 그 플랫폼을 빼세요 (어느 실행에서든 그룹마다의 값은 JSON 출력의 `platforms[].groups[]`와 Rust API의 `PlatformResult::group_named`에 있습니다)";
    }
    m
}

/// A tolerance outside 0 to 100 percent.
pub(super) fn tolerance_out_of_range(id: &str, got: f64) -> Msg {
    msg!(
        "out_of_range",
        "question `{id}`: {field} must be between {min} and {max}; got {got}",
        "질문 `{id}`: {field} 값은 {min}에서 {max} 사이여야 합니다. 입력값: {got}",
        id = id,
        field = "tolerance_percent",
        min = 0,
        max = 100,
        got = got
    )
}

/// A numeric question without the platform it asks about.
pub(super) fn missing_platform(id: &str, platforms: &[PlatformSpec]) -> Msg {
    missing_platform_of(id, names(platforms.iter().map(|x| x.name.as_str())))
}

/// [`missing_platform`], the platforms' names listed (`expected`).
fn missing_platform_of(id: &str, expected: String) -> Msg {
    msg!(
        "missing_platform",
        "question `{id}`: a numeric question needs platform = one of {expected}",
        "질문 `{id}`: 수치형(numeric) 질문에는 어느 플랫폼의 값인지 말하는 `platform`이 있어야 합니다. `platform`에 다음 중 하나를 쓰세요: {expected}",
        id = id,
        expected = expected
    )
}

/// A choice question without `select`: the answer is the platform with the lowest or the
/// highest value of the metric, and only the question's author knows which it asks.
pub(super) fn missing_select(id: &str, metric: Metric) -> Msg {
    msg!(
        "missing_select",
        "question `{id}`: a choice question needs select = \"lowest\" or select = \"highest\": the platform with the lowest or the highest {metric} is its answer (write the one its text asks for)",
        "질문 `{id}`: 선택형(choice) 질문에는 select = \"lowest\" 또는 select = \"highest\"가 필요합니다: {metric} 값이 가장 낮은 플랫폼이나 가장 높은 플랫폼이 답입니다(질문 문장이 묻는 쪽을 쓰세요)",
        id = id,
        metric = metric.name()
    )
}

/// A choice question with fewer than two options.
pub(super) fn too_few_options(id: &str) -> Msg {
    msg!(
        "too_few_options",
        "question `{id}`: a choice question compares at least two platforms that have a value of its metric",
        "질문 `{id}`: 선택형(choice) 질문은 그 지표 값이 있는 플랫폼 둘 이상을 비교합니다",
        id = id
    )
}

/// Why platform `p` has no value of question `id`'s metric (with `op`), if it has none.
/// `sweep`'s group must be one of `instances`.
pub(super) fn unanswerable(
    id: &str,
    metric: Metric,
    op: Option<Op>,
    p: usize,
    platforms: &[PlatformSpec],
    instances: &[InstanceSpec],
    sweep: Option<&Sweep>,
) -> Option<Msg> {
    let platform = &platforms[p];
    if metric.name().starts_with("desktop_") && platform.stack.kind != PlatformKind::Vdi {
        return Some(msg!(
            "unanswerable",
            "question `{id}`: metric `{metric}` is measured on vdi platforms only, and `{platform}` is kind = \"{kind}\"",
            "질문 `{id}`: `{metric}` 지표는 vdi 플랫폼에서만 측정되는데 `{platform}`은(는) kind = \"{kind}\"입니다",
            id = id,
            metric = metric.name(),
            platform = platform.name,
            kind = platform.stack.kind.name()
        ));
    }
    if metric.name().starts_with("migration_") && !super::memory::migrates(platform.stack.kind) {
        // Not "give it a migration", which this kind refuses: the platforms that can take one.
        let can: Vec<&str> = (platforms.iter())
            .filter(|x| super::memory::migrates(x.stack.kind))
            .map(|x| x.name.as_str())
            .collect();
        return Some(if can.is_empty() {
            msg!(
                "unanswerable",
                "question `{id}`: metric `{metric}` needs a migration, which platform `{platform}` (kind = \"{kind}\") cannot take: a migration moves a VM (type1, type2) or a container; add a platform with kind = \"type1\", \"type2\" or \"container\" and give it migration = an inline table with the instance to move",
                "질문 `{id}`: 지표 `{metric}`에는 마이그레이션이 필요한데 플랫폼 `{platform}`(kind = \"{kind}\")은(는) 마이그레이션할 수 없습니다: 마이그레이션은 VM(type1, type2)이나 컨테이너를 옮깁니다. kind = \"type1\", \"type2\" 또는 \"container\"인 플랫폼을 추가하고 옮길 instance를 담은 migration 인라인 테이블을 주세요",
                id = id,
                metric = metric.name(),
                platform = platform.name,
                kind = platform.stack.kind.name()
            )
        } else {
            msg!(
                "unanswerable",
                "question `{id}`: metric `{metric}` needs a migration, which platform `{platform}` (kind = \"{kind}\") cannot take: a migration moves a VM (type1, type2) or a container; ask about one that can ({expected}) and give it migration = an inline table with the instance to move",
                "질문 `{id}`: 지표 `{metric}`에는 마이그레이션이 필요한데 플랫폼 `{platform}`(kind = \"{kind}\")은(는) 마이그레이션할 수 없습니다: 마이그레이션은 VM(type1, type2)이나 컨테이너를 옮깁니다. 마이그레이션할 수 있는 플랫폼({expected})에 대해 묻고 그 플랫폼에 옮길 instance를 담은 migration 인라인 테이블을 주세요",
                id = id,
                metric = metric.name(),
                platform = platform.name,
                kind = platform.stack.kind.name(),
                expected = names(can.iter().copied())
            )
        });
    }
    if metric.name().starts_with("migration_") && platform.migration.is_none() {
        return Some(msg!(
            "unanswerable",
            "question `{id}`: metric `{metric}` needs a migration on platform `{platform}`: give it migration = an inline table with the instance to move",
            "질문 `{id}`: 지표 `{metric}`에는 플랫폼 `{platform}`의 마이그레이션이 필요합니다: 옮길 instance를 담은 migration 인라인 테이블을 주세요",
            id = id,
            metric = metric.name(),
            platform = platform.name
        ));
    }
    if metric == Metric::NetworkGbitS
        && !instances
            .iter()
            .any(|i| i.platforms.contains(&p) && i.uses_network())
    {
        return Some(msg!(
            "unanswerable",
            "question `{id}`: metric `{metric}` counts the bytes of `net_send` and `net_receive` operations, and no instance on platform `{platform}` runs either; give one a workload whose mix has net_send or net_receive (the preset network-rr has both), or choose another metric",
            "질문 `{id}`: `{metric}` 지표는 `net_send`와 `net_receive` 연산의 바이트를 세는데 플랫폼 `{platform}`의 어떤 인스턴스도 둘 중 어느 것도 실행하지 않습니다. mix에 net_send나 net_receive가 있는 워크로드를 인스턴스에 주거나(프리셋 network-rr에는 둘 다 있습니다) 다른 지표를 고르세요",
            id = id,
            metric = metric.name(),
            platform = platform.name
        ));
    }
    if metric == Metric::SweepDensity {
        return match sweep {
            None => Some(msg!(
                "unanswerable",
                "question `{id}`: metric `sweep_density` needs a [sweep] section",
                "질문 `{id}`: 지표 `sweep_density`에는 [sweep] 섹션이 필요합니다",
                id = id
            )),
            Some(sw) if !instances[sw.group].platforms.contains(&p) => Some(msg!(
                "unanswerable",
                "question `{id}`: metric `sweep_density`: platform `{platform}` does not run the swept instance `{instance}`",
                "질문 `{id}`: 지표 `sweep_density`: 플랫폼 `{platform}`은(는) 스윕 대상 인스턴스 `{instance}`을(를) 실행하지 않습니다",
                id = id,
                platform = platform.name,
                instance = instances[sw.group].name
            )),
            Some(_) => None,
        };
    }
    if let (true, Some(op)) = (metric.needs_op(), op) {
        let runs = instances.iter().any(|i| {
            i.platforms.contains(&p)
                && i.workload
                    .mix
                    .weights()
                    .get(op.index())
                    .is_some_and(|&w| w > 0)
        });
        if !runs {
            // The operations its instances do run, in the mix's order.
            let ran: Vec<&str> = Op::ALL
                .iter()
                .take(Op::MIX_COUNT)
                .filter(|o| {
                    instances.iter().any(|i| {
                        i.platforms.contains(&p)
                            && i.workload
                                .mix
                                .weights()
                                .get(o.index())
                                .is_some_and(|&w| w > 0)
                    })
                })
                .map(|o| o.name())
                .collect();
            return Some(msg!(
                "unanswerable",
                "question `{id}`: no instance on platform `{platform}` runs `{op}`, so its latency has no value; pick an operation of its workloads: {expected}",
                "질문 `{id}`: 플랫폼 `{platform}`의 어떤 인스턴스도 `{op}` 연산을 실행하지 않아 그 지연 값이 없습니다. 워크로드에 있는 연산을 고르세요: {expected}",
                id = id,
                platform = platform.name,
                op = op.name(),
                expected = names(ran.iter().copied())
            ));
        }
    }
    None
}
