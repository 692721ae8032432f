//! Validation of a `[[fault]]` table: its time, kind, instance and platforms.

use super::names;
use crate::isolation::FaultKind;
use crate::scenario::error::{msg, Msg};
use crate::scenario::format::{FaultSection, PlatformSection};
use crate::scenario::{FaultSpec, InstanceSpec, PlatformSpec, ScenarioError, Validator};

pub(super) fn validate_fault(
    v: &Validator<'_>,
    f: &FaultSection,
    duration_ms: u64,
    platforms: &[PlatformSpec],
    instances: &[InstanceSpec],
    raw_platforms: &[PlatformSection],
) -> Result<FaultSpec, ScenarioError> {
    let kind = FaultKind::from(*f.kind.get_ref());
    let at_ms = *f.at_ms.get_ref();
    if at_ms == 0 || at_ms >= duration_ms {
        return Err(v.error(
            f.at_ms.span(),
            msg!(
                "out_of_range",
                "fault at_ms must be between 1 and duration_ms - 1 ({max}); got {got}",
                "fault at_ms는 1에서 duration_ms - 1({max}) 사이여야 합니다. 입력값: {got}",
                field = "at_ms",
                min = 1,
                max = duration_ms.saturating_sub(1),
                got = at_ms
            ),
        ));
    }
    let instance = match (&f.instance, kind) {
        (None, FaultKind::KernelPanic) => {
            return Err(v.error(f.kind.span(), missing_instance(instances)))
        }
        (
            Some(i),
            FaultKind::HypervisorFailure
            | FaultKind::HostOsCrash
            | FaultKind::ServerFailure
            | FaultKind::OomKill,
        ) => return Err(v.error(i.span(), instance_not_applicable(kind))),
        (None, _) => None,
        (Some(i), FaultKind::KernelPanic) => {
            let index = instances
                .iter()
                .position(|x| x.name == *i.get_ref())
                .ok_or_else(|| {
                    v.error(
                        i.span(),
                        msg!(
                            "unknown_name",
                            "fault: unknown instance `{got}`; expected one of {expected}",
                            "fault: 알 수 없는 인스턴스 `{got}`입니다. 가능한 값: {expected}",
                            got = i.get_ref(),
                            expected = names(instances.iter().map(|i| i.name.as_str()))
                        ),
                    )
                })?;
            let copy = match &f.copy {
                None => 0,
                Some(c) => {
                    let value = *c.get_ref();
                    if value == 0 || value > instances[index].count {
                        return Err(v.error(
                            c.span(),
                            msg!(
                                "out_of_range",
                                "fault: copy must be between 1 and {max} (count of `{instance}`); got {got}",
                                "fault: copy는 1에서 {max}(`{instance}`의 count) 사이여야 합니다. 입력값: {got}",
                                field = "copy",
                                min = 1,
                                max = instances[index].count,
                                instance = instances[index].name,
                                got = value
                            ),
                        ));
                    }
                    value - 1
                }
            };
            Some((index, copy))
        }
    };
    if f.copy.is_some() && instance.is_none() {
        let span = f.copy.as_ref().map(|c| c.span()).unwrap_or(0..0);
        return Err(v.error(
            span,
            msg!(
                "not_applicable",
                "copy applies to kernel_panic faults with an instance only",
                "copy는 instance가 있는 kernel_panic 장애에만 해당합니다",
                field = "copy"
            ),
        ));
    }
    let chosen: Vec<usize> = match &f.platforms {
        None => match instance {
            Some((i, _)) => instances[i].platforms.clone(),
            None => (0..platforms.len()).collect(),
        },
        Some(list) => {
            let mut out = Vec::new();
            for p in list.get_ref() {
                let index = platforms
                    .iter()
                    .position(|x| x.name == *p.get_ref())
                    .ok_or_else(|| {
                        v.error(
                            p.span(),
                            msg!(
                                "unknown_name",
                                "fault: unknown platform `{got}`; expected one of {expected}",
                                "fault: 알 수 없는 플랫폼 `{got}`입니다. 가능한 값: {expected}",
                                got = p.get_ref(),
                                expected = names(platforms.iter().map(|x| x.name.as_str()))
                            ),
                        )
                    })?;
                if let Some((i, _)) = instance {
                    if !instances[i].platforms.contains(&index) {
                        return Err(v.error(
                            p.span(),
                            instance_not_on_platform(&instances[i].name, p.get_ref()),
                        ));
                    }
                }
                out.push(index);
            }
            if out.is_empty() {
                return Err(v.error(list.span(), no_platforms()));
            }
            out
        }
    };
    if let Some(m) = no_hypervisor(kind, &chosen, platforms) {
        let span = f.platforms.as_ref().map_or(f.kind.span(), |l| l.span());
        let _ = raw_platforms;
        return Err(v.error(span, m));
    }
    Ok(FaultSpec {
        at_ms,
        kind,
        instance,
        platforms: chosen,
    })
}

// The checks below are shared with `check.rs`, which applies them to a fault's fields
// (set by hand) with the same messages.

/// A kernel panic without the group that triggers it.
pub(super) fn missing_instance(instances: &[InstanceSpec]) -> Msg {
    msg!(
        "missing_instance",
        "a kernel_panic fault needs instance = the group whose code triggers it; one of {expected}",
        "kernel_panic 장애에는 instance = 그 장애를 일으키는 그룹이 필요합니다. 다음 중 하나: {expected}",
        expected = names(instances.iter().map(|i| i.name.as_str()))
    )
}

/// An instance on a fault of `kind`, which takes a whole platform.
pub(super) fn instance_not_applicable(kind: FaultKind) -> Msg {
    msg!(
        "not_applicable",
        "instance applies to kernel_panic faults only; a {kind} strikes what the whole platform runs on, not one instance's code",
        "instance는 kernel_panic 장애에만 해당합니다. {kind}는 한 인스턴스의 코드가 아니라 플랫폼 전체가 딛고 선 것에 일어납니다",
        field = "instance",
        kind = kind.name()
    )
}

/// A kernel panic's group that does not run on a platform the fault names.
pub(super) fn instance_not_on_platform(instance: &str, platform: &str) -> Msg {
    msg!(
        "fault_instance_not_on_platform",
        "fault: instance `{instance}` does not run on platform `{platform}`",
        "fault: 인스턴스 `{instance}`은(는) 플랫폼 `{platform}`에서 실행되지 않습니다",
        instance = instance,
        platform = platform
    )
}

/// A fault's empty list of platforms.
pub(super) fn no_platforms() -> Msg {
    msg!(
        "empty_list",
        "fault: platforms is empty; omit it to mean every platform",
        "fault: platforms가 비어 있습니다. 모든 플랫폼을 뜻하려면 지우세요"
    )
}

/// A hypervisor failure on one of `chosen` that has no hypervisor.
pub(super) fn no_hypervisor(
    kind: FaultKind,
    chosen: &[usize],
    platforms: &[PlatformSpec],
) -> Option<Msg> {
    if kind != FaultKind::HypervisorFailure {
        return None;
    }
    let p = chosen
        .iter()
        .map(|&p| &platforms[p])
        .find(|p| !p.stack.is_vm())?;
    Some(msg!(
        "no_hypervisor",
        "fault: platform `{platform}` (kind = \"{kind}\") has no hypervisor; use kernel_panic (its kernel), host_os_crash (its host OS) or server_failure (the machine itself), or list only hypervisor platforms in platforms",
        "fault: 플랫폼 `{platform}`(kind = \"{kind}\")에는 하이퍼바이저가 없습니다. kernel_panic(그 커널), host_os_crash(그 호스트 OS), server_failure(머신 자체) 중 하나를 쓰거나, platforms에 하이퍼바이저 플랫폼만 나열하세요",
        platform = p.name,
        kind = p.stack.kind.name()
    ))
}
