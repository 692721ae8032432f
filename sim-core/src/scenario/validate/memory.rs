//! Validation of memory: overcommit, running_for_s, migration and each platform's total,
//! and the warning of a group whose memory is too small for it to run even alone.

use super::{gib, names, range_msg, PLATFORM_RANGE_EN, PLATFORM_RANGE_KO};
use crate::costs::CostTable;
use crate::memory::OvercommitPolicy;
use crate::platform::{PlatformKind, Stack};
use crate::scenario::error::{msg, Msg};
use crate::scenario::format::{InstanceSection, MigrationSection, PlatformSection};
use crate::scenario::{
    oom_alone_lists, Host, InstanceSpec, PlatformSpec, Scenario, ScenarioError, Validator,
};

/// A platform's memory total: what its instances commit (a VM's configured memory and
/// overhead, a container's limit) against what the host has after its reserved part,
/// unless an overcommit policy may reclaim the difference.
/// `also`: later platforms that the same instances put over the host too, named in the
/// message (the error is said once at its place, for the first platform).
pub(super) fn validate_memory_total(
    v: &Validator<'_>,
    p: &PlatformSpec,
    mine: &[(&InstanceSpec, &InstanceSection)],
    host: &Host,
    raw_costs: &CostTable,
    also: &[String],
) -> Result<(), ScenarioError> {
    let committed = |i: &InstanceSpec| {
        u64::from(i.count) * crate::memory::committed_mib(&p.stack, i, raw_costs)
    };
    let memory: u64 = mine.iter().map(|(i, _)| committed(i)).sum();
    let available = host.memory_mib.saturating_sub(raw_costs.host_reserved_mib);
    if memory > available && p.overcommit.is_empty() {
        let (_, raw_inst) = mine
            .iter()
            .max_by_key(|(i, _)| committed(i))
            .expect("non-empty");
        let usable = OvercommitPolicy::usable(&p.stack);
        let policies: Vec<String> = usable
            .iter()
            .map(|x| format!("overcommit = [\"{}\"]", x.name()))
            .collect();
        if p.stack.kind == PlatformKind::Native {
            // Processes on the host: their working sets, which memory_gib does not set.
            let at = raw_inst
                .working_set_mib
                .as_ref()
                .map_or(raw_inst.name.span(), |w| w.span());
            return Err(v.error(
                at,
                msg!(
                    "memory_over_host_native",
                    "platform `{name}` (native) runs processes whose working sets take {need} GiB but the host has {have} GiB after the {reserved} GiB it keeps for itself: lower the count or working_set_mib, raise host.memory_gib, or let the host swap with {policies} (memory_gib does not apply to processes on the host)",
                    "플랫폼 `{name}`(native)의 프로세스들은 작업 집합으로 {need} GiB를 쓰지만 호스트는 자신이 쓰는 {reserved} GiB를 빼면 {have} GiB입니다: count나 working_set_mib를 줄이거나, host.memory_gib를 늘리거나, {policies_ko}로 호스트가 스왑하게 하세요(호스트의 프로세스에는 memory_gib가 적용되지 않습니다)",
                    name = p.name,
                    need = gib(memory),
                    have = gib(available),
                    reserved = gib(raw_costs.host_reserved_mib),
                    policies = policies.join(" or "),
                    policies_ko = policies.join(" 또는 ")
                ),
            ));
        }
        // The platforms after it that the same instances put over the host.
        let (also_en, also_ko) = match also.len() {
            0 => (String::new(), String::new()),
            1 => (
                format!(
                    " (so does platform {}, which runs the same instances)",
                    names(also)
                ),
                format!(
                    " (같은 인스턴스를 실행하는 플랫폼 {}도 마찬가지입니다)",
                    names(also)
                ),
            ),
            _ => (
                format!(
                    " (so do platforms {}, which run the same instances)",
                    names(also)
                ),
                format!(
                    " (같은 인스턴스를 실행하는 플랫폼 {}도 마찬가지입니다)",
                    names(also)
                ),
            ),
        };
        // At the instance's memory_gib, or its name when it keeps the default.
        let at = if raw_inst.memory_gib.span().is_empty() {
            raw_inst.name.span()
        } else {
            raw_inst.memory_gib.span()
        };
        let mut m = msg!(
            "memory_over_host",
            "platform `{name}` commits {need} GiB to its instances (configured memory plus per-VM overhead) but the host has {have} GiB after the {reserved} GiB it keeps for itself{also_en}: lower memory_gib or count, raise host.memory_gib, or let the platform overcommit with {policies}",
            "플랫폼 `{name}`은(는) 인스턴스에 {need} GiB(설정 메모리와 VM당 오버헤드)를 할당하지만 호스트는 자신이 쓰는 {reserved} GiB를 빼면 {have} GiB입니다{also_ko}: memory_gib나 count를 줄이거나, host.memory_gib를 늘리거나, {policies_ko}로 오버커밋을 허용하세요",
            name = p.name,
            need = gib(memory),
            have = gib(available),
            reserved = gib(raw_costs.host_reserved_mib),
            policies = policies.join(" or "),
            policies_ko = policies.join(" 또는 "),
            also_en = also_en,
            also_ko = also_ko
        );
        // A figure in MiB (`memory_gib = 8192` for 8 GiB): one instance alone larger than
        // the host, and a whole number of GiB or more read as MiB. Say the unit first, as
        // clock_ghz's message does for MHz.
        let written = *raw_inst.memory_gib.get_ref();
        if written >= 1024.0 && written * 1024.0 > host.memory_mib as f64 {
            m.en = "did you mean {as_gib} GiB? memory_gib is in GiB, so memory_gib = {written} is {written} GiB (for {written} MiB write memory_gib = {as_gib}); platform `{name}` commits {need} GiB to its instances (configured memory plus per-VM overhead) but the host has {have} GiB after the {reserved} GiB it keeps for itself{also_en}";
            m.ko = "{as_gib} GiB를 뜻했나요? memory_gib는 GiB 단위이므로 memory_gib = {written}은(는) {written} GiB입니다({written} MiB라면 memory_gib = {as_gib}로 쓰세요). 플랫폼 `{name}`은(는) 인스턴스에 {need} GiB(설정 메모리와 VM당 오버헤드)를 할당하지만 호스트는 자신이 쓰는 {reserved} GiB를 빼면 {have} GiB입니다{also_ko}";
            m.params.push(("written", written.to_string()));
            m.params.push(("as_gib", (written / 1024.0).to_string()));
        }
        return Err(v.error(at, m));
    }
    Ok(())
}

/// A platform's migration: a hypervisor platform, an instance group it runs, values in range.
pub(super) fn validate_migration(
    v: &Validator<'_>,
    m: &MigrationSection,
    p: &PlatformSpec,
    p_index: usize,
    instances: &[InstanceSpec],
) -> Result<crate::memory::MigrationSpec, ScenarioError> {
    if !migrates(p.stack.kind) {
        return Err(v.error(m.instance.span(), migration_not_applicable(p)));
    }
    let mine: Vec<usize> = (0..instances.len())
        .filter(|&i| instances[i].platforms.contains(&p_index))
        .collect();
    let group = mine
        .iter()
        .copied()
        .find(|&i| instances[i].name == *m.instance.get_ref())
        .ok_or_else(|| {
            v.error(
                m.instance.span(),
                msg!(
                    "unknown_name",
                    "platform `{name}`: migration instance `{got}` is not one of its instance groups; expected one of {expected}",
                    "플랫폼 `{name}`: migration instance `{got}`은(는) 이 플랫폼의 인스턴스 그룹이 아닙니다. 가능한 값: {expected}",
                    name = p.name,
                    got = m.instance.get_ref(),
                    expected = names(mine.iter().map(|&i| instances[i].name.as_str()))
                ),
            )
        })?;
    // Machine index of the group's first copy: the copies of the groups before it.
    let instance: u32 = mine
        .iter()
        .take_while(|&&i| i != group)
        .map(|&i| instances[i].count)
        .sum();
    let link_gbit_s = m.link_gbit_s.as_ref().map_or(10.0, |x| *x.get_ref());
    let max_downtime_ms = m.max_downtime_ms.as_ref().map_or(300.0, |x| *x.get_ref());
    let max_rounds = m.max_rounds.as_ref().map_or(30, |x| *x.get_ref());
    if let Some((field, problem)) = migration_out_of_range(link_gbit_s, max_downtime_ms, max_rounds)
    {
        // A default is in range: the value out of it is written.
        let span = match field {
            "link_gbit_s" => m.link_gbit_s.as_ref().map(|x| x.span()),
            "max_downtime_ms" => m.max_downtime_ms.as_ref().map(|x| x.span()),
            _ => m.max_rounds.as_ref().map(|x| x.span()),
        };
        return Err(v.error(span.unwrap_or(m.instance.span()), problem));
    }
    Ok(crate::memory::MigrationSpec {
        group,
        instance,
        link_gbit_s,
        max_rounds,
        max_downtime_ms,
    })
}

/// Whether a platform of `kind` can migrate an instance (a VM between hypervisors, a
/// container by checkpoint and restore).
pub(super) fn migrates(kind: PlatformKind) -> bool {
    matches!(
        kind,
        PlatformKind::Type1 | PlatformKind::Type2 | PlatformKind::Container
    )
}

/// A migration on platform `p`, whose kind does not migrate (shared with `check.rs`).
pub(super) fn migration_not_applicable(p: &PlatformSpec) -> Msg {
    msg!(
        "migration_not_applicable",
        "platform `{name}` (kind = \"{kind}\"): migration moves a VM between hypervisors (type1, type2) or checkpoints and restores a container (container)",
        "플랫폼 `{name}`(kind = \"{kind}\"): 마이그레이션은 하이퍼바이저 사이에서 VM을 옮기거나(type1, type2) 컨테이너를 체크포인트하고 복원합니다(container)",
        name = p.name,
        kind = p.stack.kind.name()
    )
}

/// The first of a migration's values outside its range (NaN is outside every range), by
/// its key in the file, with its message (shared with `check.rs`).
pub(super) fn migration_out_of_range(
    link_gbit_s: f64,
    max_downtime_ms: f64,
    max_rounds: u32,
) -> Option<(&'static str, Msg)> {
    let floats = [
        ("link_gbit_s", link_gbit_s, 0.01, 1000.0),
        ("max_downtime_ms", max_downtime_ms, 1.0, 60000.0),
    ];
    if let Some((field, got, min, max)) = floats
        .into_iter()
        .find(|&(_, got, min, max)| !(min..=max).contains(&got))
    {
        return Some((
            field,
            range_msg(&format!("migration.{field}"), min, max, got),
        ));
    }
    (!(1..=1000).contains(&max_rounds)).then(|| {
        (
            "max_rounds",
            range_msg("migration.max_rounds", 1, 1000, max_rounds),
        )
    })
}

/// How long the platform's instances have run before the window: only where a policy
/// works over time (KSM, a balloon, free page reporting), in range.
pub(super) fn validate_running_for(
    v: &Validator<'_>,
    p: &PlatformSection,
    name: &str,
    stack: &Stack,
    overcommit: &[OvercommitPolicy],
) -> Result<u64, ScenarioError> {
    let Some(x) = &p.running_for_s else {
        return Ok(crate::memory::DEFAULT_RUNNING_FOR_S);
    };
    if !overcommit.iter().any(|o| o.works_over_time()) {
        let usable: Vec<String> = OvercommitPolicy::usable(stack)
            .into_iter()
            .filter(|o| o.works_over_time())
            .map(|o| format!("\"{}\"", o.name()))
            .collect();
        let (en, ko) = if usable.is_empty() {
            (
                "they work on VMs and this platform has none: remove running_for_s".to_string(),
                "이것들은 VM에서 동작하는데 이 플랫폼에는 VM이 없습니다: running_for_s를 지우세요"
                    .to_string(),
            )
        } else {
            let list = usable.join(", ");
            (
                format!("add one of {list} to overcommit or remove running_for_s"),
                format!("overcommit에 {list} 중 하나를 넣거나 running_for_s를 지우세요"),
            )
        };
        return Err(v.error(
            x.span(),
            msg!(
                "running_for_not_applicable",
                "platform `{name}`: running_for_s says how long KSM, a balloon or free page reporting have been at work; {what}",
                "플랫폼 `{name}`: running_for_s는 KSM, 벌룬, free page reporting이 얼마나 오래 일했는지를 뜻합니다. {what_ko}",
                name = name,
                what = en,
                what_ko = ko
            ),
        ));
    }
    let got = *x.get_ref();
    if got > crate::memory::MAX_RUNNING_FOR_S {
        return Err(v.error(
            x.span(),
            msg!(
                "out_of_range",
                PLATFORM_RANGE_EN,
                PLATFORM_RANGE_KO,
                name = name,
                field = "running_for_s",
                min = 0,
                max = crate::memory::MAX_RUNNING_FOR_S,
                got = got
            ),
        ));
    }
    Ok(got)
}

/// The platform's overcommit policies: each one the stack can use, none twice.
pub(super) fn validate_overcommit(
    v: &Validator<'_>,
    p: &PlatformSection,
    name: &str,
    stack: &Stack,
) -> Result<Vec<OvercommitPolicy>, ScenarioError> {
    let Some(list) = &p.overcommit else {
        return Ok(Vec::new());
    };
    let mut out: Vec<OvercommitPolicy> = Vec::new();
    for item in list.get_ref() {
        let policy = *item.get_ref();
        if out.contains(&policy) {
            return Err(v.error(
                item.span(),
                msg!(
                    "duplicate",
                    "platform `{name}`: overcommit lists `{got}` twice",
                    "플랫폼 `{name}`: overcommit에 `{got}` 값이 두 번 있습니다",
                    name = name,
                    got = policy.name()
                ),
            ));
        }
        if !policy.usable_on(stack) {
            let valid = names(OvercommitPolicy::usable(stack).iter().map(|p| p.name()));
            let para = stack.technique == Some(crate::platform::Technique::Para);
            let (en, ko) = match policy {
                _ if para => (
                    "a Xen PV guest (technique = \"para\") can give memory back only through Xen's balloon driver: Xen does not page a PV guest's memory out, has no KSM, and free page reporting is virtio-balloon's",
                    "Xen PV 게스트(technique = \"para\")는 Xen의 벌룬 드라이버로만 메모리를 돌려줄 수 있습니다: Xen은 PV 게스트의 메모리를 페이지 아웃하지 않고, KSM이 없으며, free page reporting은 virtio-balloon의 기능입니다",
                ),
                OvercommitPolicy::Balloon | OvercommitPolicy::FreePageReporting
                    if stack.is_vm() =>
                {
                    (
                    "a balloon and free page reporting need the virtio-balloon driver in the guest, which an unmodified guest with emulated devices (io = \"emulated\") does not have; use io = \"paravirtual\"",
                    "벌룬과 free page reporting은 게스트의 virtio-balloon 드라이버가 필요한데, 에뮬레이션 장치(io = \"emulated\")를 쓰는 수정되지 않은 게스트에는 없습니다. io = \"paravirtual\"을 쓰세요",
                )
                }
                OvercommitPolicy::Balloon | OvercommitPolicy::FreePageReporting => (
                    "a balloon driver runs inside a guest OS, and this platform has no guests",
                    "벌룬 드라이버는 게스트 OS 안에서 동작하는데 이 플랫폼에는 게스트가 없습니다",
                ),
                _ => (
                    "KSM merges identical pages of VM memory that a VMM marks mergeable; a container's or process's memory is not",
                    "KSM은 VMM이 병합 가능으로 표시한 VM 메모리의 같은 페이지를 합칩니다. 컨테이너나 프로세스의 메모리는 해당하지 않습니다",
                ),
            };
            return Err(v.error(
                item.span(),
                msg!(
                    "overcommit_not_usable",
                    "platform `{name}` (kind = \"{kind}\") cannot use overcommit `{got}`: {why}; valid here: {expected}",
                    "플랫폼 `{name}`(kind = \"{kind}\")은(는) overcommit의 `{got}` 정책을 쓸 수 없습니다: {why_ko}. 여기서 가능한 값: {expected}",
                    name = name,
                    kind = stack.kind.name(),
                    got = policy.name(),
                    why = en,
                    why_ko = ko,
                    expected = valid
                ),
            ));
        }
        out.push(policy);
    }
    out.sort();
    Ok(out)
}

/// [`Scenario::warnings`]: one warning per instance group that the OOM killer stops even
/// running alone on some platform ([`Scenario::oom_alone_as_written`]), at its
/// memory_gib (at its name when it keeps the default), with the platforms, what the group
/// needs there and the least memory_gib (in hundredths of a GiB) that avoids it.
pub(crate) fn warnings(s: &Scenario) -> Vec<ScenarioError> {
    let v = Validator::unparsed(&s.file_name, &s.source);
    let found = s.oom_alone_as_written();
    let mut out = Vec::new();
    for (g, (i, raw)) in s.instances.iter().zip(&s.raw.instances).enumerate() {
        let mine: Vec<_> = found.iter().filter(|f| f.group == g).cloned().collect();
        if mine.is_empty() {
            continue;
        }
        let (list, list_ko) = oom_alone_lists(&mine);
        let needs = mine
            .iter()
            .map(crate::scenario::OomAlone::needs_mib)
            .max()
            .unwrap_or(0);
        // The least memory_gib in hundredths whose MiB (rounded as the validator rounds)
        // holds what the group needs.
        let hundredths = needs.saturating_mul(100).div_ceil(1024);
        let least = format!("{}.{:02}", hundredths / 100, hundredths % 100);
        let at = if raw.memory_gib.span().is_empty() {
            raw.name.span()
        } else {
            raw.memory_gib.span()
        };
        out.push(v.error(
            at,
            msg!(
                "memory_too_small_alone",
                "instance `{name}`: with memory_gib = {gib} ({mib} MiB) the OOM killer stops its instances even running alone: {list}. Every figure of the group is then of instances that do no work; unless that is the point, give it memory_gib = {least} or more",
                "인스턴스 `{name}`: memory_gib = {gib}({mib} MiB)이면 인스턴스가 혼자 실행되어도 OOM killer에 의해 종료됩니다: {list_ko}. 그러면 이 그룹의 모든 수치는 일을 하지 않는 인스턴스의 것입니다. 의도한 것이 아니라면 memory_gib = {least} 이상으로 하세요",
                name = i.name,
                gib = raw.memory_gib.get_ref(),
                mib = i.memory_mib,
                list = list,
                list_ko = list_ko,
                least = least,
            ),
        ));
    }
    out
}
