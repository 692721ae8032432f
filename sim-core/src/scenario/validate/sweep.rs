//! Validation of the `[sweep]` table: the swept instance group, its counts and target.

use super::names;
use crate::scenario::error::msg;
use crate::scenario::format::SweepSection;
use crate::scenario::limits::{MAX_INSTANCES, MAX_VCPUS};
use crate::scenario::{InstanceSpec, ScenarioError, Validator};
use crate::sweep::{Sweep, MAX_SWEEP_POINTS};

pub(super) fn validate_sweep(
    v: &Validator<'_>,
    section: &SweepSection,
    instances: &[InstanceSpec],
) -> Result<Sweep, ScenarioError> {
    let name = section.instance.get_ref();
    let group = instances
        .iter()
        .position(|i| &i.name == name)
        .ok_or_else(|| {
            v.error(
                section.instance.span(),
                msg!(
                    "unknown_name",
                    "sweep: unknown instance `{name}`; expected one of {expected}",
                    "sweep: 알 수 없는 인스턴스 `{name}`입니다. 가능한 값: {expected}",
                    name = name,
                    expected = names(instances.iter().map(|i| i.name.as_str()))
                ),
            )
        })?;
    let counts = section.counts.get_ref();
    if counts.is_empty() || counts.len() > MAX_SWEEP_POINTS {
        return Err(v.error(
            section.counts.span(),
            msg!(
                "out_of_range",
                "sweep: counts must list 1 to {max} instance counts; got {got}",
                "sweep: counts에는 인스턴스 수를 1~{max}개 적어야 합니다. 입력: {got}개",
                max = MAX_SWEEP_POINTS,
                got = counts.len()
            ),
        ));
    }
    if counts.windows(2).any(|w| w[0] >= w[1]) || counts[0] == 0 {
        return Err(v.error(
            section.counts.span(),
            msg!(
                "sweep_counts_order",
                "sweep: counts must be at least 1 and strictly increasing, e.g. [1, 2, 4, 8]",
                "sweep: counts는 1 이상이고 순증가해야 합니다 (예: [1, 2, 4, 8])"
            ),
        ));
    }
    let inst = &instances[group];
    // The curve is the swept group's own latency of `op`: a group that never runs it
    // would show 0 µs at every count and meet any target.
    let op = *section.op.get_ref();
    let weights = inst.workload.mix.weights();
    if weights.get(op.index()).is_none_or(|&w| w == 0) {
        return Err(v.error(
            section.op.span(),
            msg!(
                "unanswerable",
                "sweep: instance `{name}` never runs `{op}` (its workload `{workload}`), so the curve would have no latency to show; the sweep measures the swept group's own operations: pick one of {expected}",
                "sweep: 인스턴스 `{name}`은(는) `{op}` 연산을 실행하지 않으므로(워크로드 `{workload}`) 곡선에 보일 지연이 없습니다. 스윕은 스윕 대상 그룹 자신의 연산을 잽니다: {expected} 중에서 고르세요",
                name = name,
                op = op.name(),
                workload = inst.workload.name,
                expected = names(
                    crate::workload::Op::ALL
                        .into_iter()
                        .filter(|o| weights.get(o.index()).is_some_and(|&w| w > 0))
                        .map(|o| o.name())
                )
            ),
        ));
    }
    let largest = u64::from(*counts.last().expect("non-empty"));
    let others: u64 = instances
        .iter()
        .enumerate()
        .filter(|(i, x)| *i != group && x.platforms.iter().any(|p| inst.platforms.contains(p)))
        .map(|(_, x)| u64::from(x.count) * u64::from(x.vcpus))
        .sum();
    if largest > MAX_INSTANCES || others + largest * u64::from(inst.vcpus) > MAX_VCPUS {
        return Err(v.error(
            section.counts.span(),
            msg!(
                "too_many",
                "sweep: {got} copies of `{name}` exceed the limits ({instances} instances, {vcpus} vCPUs per platform)",
                "sweep: `{name}` {got}개는 한도를 넘습니다 (플랫폼당 인스턴스 {instances}개, vCPU {vcpus}개)",
                got = largest,
                name = name,
                instances = MAX_INSTANCES,
                vcpus = MAX_VCPUS
            ),
        ));
    }
    if let Some(target) = &section.p99_target_us {
        let value = *target.get_ref();
        if !value.is_finite() {
            // inf is positive, and nan no number: say finite, with an example.
            return Err(v.error(
                target.span(),
                msg!(
                    "out_of_range",
                    "sweep: p99_target_us must be a finite positive number of microseconds, such as 500; got {got}",
                    "sweep: p99_target_us는 유한한 양수(마이크로초)여야 합니다 (예: 500). 입력값: {got}",
                    got = value
                ),
            ));
        }
        if value <= 0.0 {
            return Err(v.error(
                target.span(),
                msg!(
                    "out_of_range",
                    "sweep: p99_target_us must be a positive number of microseconds, such as 500; got {got}",
                    "sweep: p99_target_us는 양수(마이크로초)여야 합니다 (예: 500). 입력값: {got}",
                    got = value
                ),
            ));
        }
    }
    Ok(Sweep {
        group,
        counts: counts.clone(),
        op,
        p99_target_us: section.p99_target_us.as_ref().map(|t| *t.get_ref()),
    })
}
