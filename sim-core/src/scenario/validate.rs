//! Validation: the file as written into the validated forms, with located errors.

use toml::Spanned;

use super::error::{msg, Key, Msg};
use super::format::{
    FaultSection, InstanceSection, PlatformSection, QuestionSection, ScenarioFile, SweepSection,
};
use super::limits::{
    cost_range, MAX_COMPUTE_CYCLES, MAX_CORES, MAX_DISK_BANDWIDTH_MB_S, MAX_DISK_IOPS,
    MAX_DURATION_MS, MAX_ESTIMATED_EVENTS, MAX_FAULTS, MAX_GROUP_RUNS, MAX_INSTANCES,
    MAX_KERNEL_CODE_KIB, MAX_KERNEL_CONTROL_FLOW_PER_KCYCLE, MAX_LATENCY_US,
    MAX_NIC_BANDWIDTH_GBIT_S, MAX_PLATFORMS, MAX_SYSCALL_WORK_CYCLES, MAX_THINK_TIME_US,
    MAX_THREADS_PER_INSTANCE, MAX_TRANSFER_BYTES, MAX_VCPUS,
};
use super::{
    FaultSpec, Host, InstanceSpec, PlatformSpec, Question, Scenario, ScenarioError, Validator,
    VdiNetwork,
};
use crate::costs::{CostTable, CpuGeneration};
use crate::isolation::FaultKind;
use crate::memory::OvercommitPolicy;
use crate::platform::{
    DisplayProtocol, GuestOs, IoModel, MemoryVirtualization, NetworkMode, PlatformKind,
    SchedulerKind, Stack, StorageMode, Technique,
};
use crate::question::{Metric, QuestionKind, Select};
use crate::sweep::{Sweep, MAX_SWEEP_POINTS};
use crate::workload::{OpMix, Workload, PRESET_NAMES};

/// MiB as GiB for messages: one decimal for whole numbers, up to three otherwise.
fn gib(mib: u64) -> String {
    let value = mib as f64 / 1024.0;
    let text = format!("{value:.3}");
    let trimmed = text.trim_end_matches('0');
    if trimmed.ends_with('.') {
        format!("{value:.1}")
    } else {
        trimmed.to_string()
    }
}

fn names<T: AsRef<str>>(items: impl IntoIterator<Item = T>) -> String {
    items
        .into_iter()
        .map(|s| format!("`{}`", s.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The message of a value outside its range.
const RANGE_EN: &str = "{field} must be between {min} and {max}; got {got}";
const RANGE_KO: &str = "{field} 값은 {min}에서 {max} 사이여야 합니다. 입력값: {got}";

const PLATFORM_RANGE_EN: &str =
    "platform `{name}`: {field} must be between {min} and {max}; got {got}";
const PLATFORM_RANGE_KO: &str =
    "플랫폼 `{name}`: {field} 값은 {min}에서 {max} 사이여야 합니다. 입력값: {got}";
const INSTANCE_RANGE_EN: &str =
    "instance `{name}`: {field} must be between {min} and {max}; got {got}";
const INSTANCE_RANGE_KO: &str =
    "인스턴스 `{name}`: {field} 값은 {min}에서 {max} 사이여야 합니다. 입력값: {got}";

/// The value of an integer field, or an error naming its range.
fn range(
    v: &Validator<'_>,
    value: &Spanned<u64>,
    field: &str,
    min: u64,
    max: u64,
) -> Result<u64, ScenarioError> {
    let got = *value.get_ref();
    if got < min || got > max {
        return Err(v.error(
            value.span(),
            msg!(
                "out_of_range",
                RANGE_EN,
                RANGE_KO,
                field = field,
                min = min,
                max = max,
                got = got
            ),
        ));
    }
    Ok(got)
}

/// How strictly questions are validated.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Questions {
    /// Every question must be valid (reading a file).
    Strict,
    /// Questions that the adjustments made unanswerable are dropped (slider changes).
    DropInvalid,
}

pub(super) fn validate(
    v: &Validator<'_>,
    raw: ScenarioFile,
    questions_mode: Questions,
) -> Result<Scenario, ScenarioError> {
    let s = &raw.scenario;
    let scenario_name_at = v.span_of(&[Key::Name("scenario"), Key::Name("name")]);
    for (name, span) in std::iter::once((&s.name, scenario_name_at))
        .chain(
            raw.platforms
                .iter()
                .map(|p| (p.name.get_ref(), p.name.span())),
        )
        .chain(
            raw.instances
                .iter()
                .map(|i| (i.name.get_ref(), i.name.span())),
        )
        .chain(
            raw.workloads
                .iter()
                .map(|w| (w.name.get_ref(), w.name.span())),
        )
        .chain(raw.questions.iter().map(|q| (q.id.get_ref(), q.id.span())))
    {
        if name.trim().is_empty() || name.chars().count() > 80 || name.chars().any(char::is_control)
        {
            return Err(v.error(
                span,
                msg!(
                    "bad_name",
                    "names and ids must be 1 to 80 characters, not blank, without control characters",
                    "이름과 id는 1~80자여야 하며, 비어 있거나 제어 문자를 포함할 수 없습니다"
                ),
            ));
        }
    }
    if raw.faults.len() > MAX_FAULTS {
        return Err(v.error(
            v.span_of(&[Key::Name("fault"), Key::Index(MAX_FAULTS)]),
            msg!(
                "too_many",
                "at most {max} {what} per scenario; got {got}",
                "시나리오 하나에 [[fault]] 섹션은 최대 {max}개입니다. 입력: {got}개",
                max = MAX_FAULTS,
                what = "[[fault]] sections",
                got = raw.faults.len()
            ),
        ));
    }
    let duration_ms = *s.duration_ms.get_ref();
    if duration_ms == 0 || duration_ms > MAX_DURATION_MS {
        return Err(v.error(
            s.duration_ms.span(),
            msg!(
                "out_of_range",
                RANGE_EN,
                RANGE_KO,
                field = "duration_ms",
                min = 1,
                max = MAX_DURATION_MS,
                got = duration_ms
            ),
        ));
    }

    // Host.
    let h = &raw.host;
    let cores = *h.cores.get_ref();
    if cores == 0 || cores > MAX_CORES {
        return Err(v.error(
            h.cores.span(),
            msg!(
                "out_of_range",
                RANGE_EN,
                RANGE_KO,
                field = "host.cores",
                min = 1,
                max = MAX_CORES,
                got = cores
            ),
        ));
    }
    let ghz = *h.clock_ghz.get_ref();
    if !(0.1..=10.0).contains(&ghz) {
        return Err(v.error(
            h.clock_ghz.span(),
            msg!(
                "out_of_range",
                RANGE_EN,
                RANGE_KO,
                field = "host.clock_ghz",
                min = 0.1,
                max = 10,
                got = ghz
            ),
        ));
    }
    let memory_gib = *h.memory_gib.get_ref();
    if !(0.125..=65536.0).contains(&memory_gib) {
        return Err(v.error(
            h.memory_gib.span(),
            msg!(
                "out_of_range",
                RANGE_EN,
                RANGE_KO,
                field = "host.memory_gib",
                min = 0.125,
                max = 65536,
                got = memory_gib
            ),
        ));
    }
    let disk_latency_us = range(
        v,
        &h.disk.latency_us,
        "host.disk.latency_us",
        0,
        MAX_LATENCY_US,
    )?;
    let disk_iops = range(v, &h.disk.iops, "host.disk.iops", 1, MAX_DISK_IOPS)?;
    let disk_bandwidth_mb_s = range(
        v,
        &h.disk.bandwidth_mb_s,
        "host.disk.bandwidth_mb_s",
        1,
        MAX_DISK_BANDWIDTH_MB_S,
    )?;
    let nic_latency_us = range(
        v,
        &h.nic.latency_us,
        "host.nic.latency_us",
        0,
        MAX_LATENCY_US,
    )?;
    let nic_bandwidth_gbit_s = range(
        v,
        &h.nic.bandwidth_gbit_s,
        "host.nic.bandwidth_gbit_s",
        1,
        MAX_NIC_BANDWIDTH_GBIT_S,
    )?;
    let has = h.cpu.features();
    let feature = |value: &Option<Spanned<bool>>,
                   has: bool,
                   field: &str,
                   what: (&str, &str),
                   pick: fn(crate::costs::CpuFeatures) -> bool| {
        match value {
            Some(x) if *x.get_ref() && !has => {
                let first = CpuGeneration::first_with(pick).map_or("-", CpuGeneration::name);
                Err(v.error(
                    x.span(),
                    msg!(
                        "cpu_lacks_feature",
                        "host.{field}: {cpu} has no {what}; it can only be turned off ({first} and later have it)",
                        "host.{field}: {cpu}에는 {what_ko} 기능이 없습니다. 끌 수만 있습니다 ({first} 이후에는 있습니다)",
                        field = field,
                        cpu = h.cpu.name(),
                        what = what.0,
                        what_ko = what.1,
                        first = first
                    ),
                ))
            }
            Some(x) => Ok(*x.get_ref()),
            None => Ok(has),
        }
    };
    let features = crate::costs::CpuFeatures {
        vtx: feature(&h.vtx, has.vtx, "vtx", ("VT-x", "VT-x"), |f| f.vtx)?,
        ept: feature(&h.ept, has.ept, "ept", ("EPT", "EPT"), |f| f.ept)?,
        vpid: feature(&h.vpid, has.vpid, "vpid", ("VPID", "VPID"), |f| f.vpid)?,
        unrestricted_guest: feature(
            &h.unrestricted_guest,
            has.unrestricted_guest,
            "unrestricted_guest",
            ("unrestricted guest", "unrestricted guest"),
            |f| f.unrestricted_guest,
        )?,
        tpr_shadow: feature(
            &h.tpr_shadow,
            has.tpr_shadow,
            "tpr_shadow",
            ("TPR shadow", "TPR shadow"),
            |f| f.tpr_shadow,
        )?,
        tsc_offsetting: feature(
            &h.tsc_offsetting,
            has.tsc_offsetting,
            "tsc_offsetting",
            ("TSC offsetting", "TSC offsetting"),
            |f| f.tsc_offsetting,
        )?,
        apicv: feature(
            &h.apicv,
            has.apicv,
            "apicv",
            ("APIC virtualization", "APIC 가상화"),
            |f| f.apicv,
        )?,
        posted_interrupts: feature(
            &h.posted_interrupts,
            has.posted_interrupts,
            "posted_interrupts",
            ("VT-d posted interrupts", "VT-d 포스티드 인터럽트"),
            |f| f.posted_interrupts,
        )?,
        ple: feature(
            &h.ple,
            has.ple,
            "ple",
            ("pause-loop exiting", "PAUSE 루프 exit(PLE)"),
            |f| f.ple,
        )?,
        vmcs_shadowing: feature(
            &h.vmcs_shadowing,
            has.vmcs_shadowing,
            "vmcs_shadowing",
            ("VMCS shadowing", "VMCS 섀도잉"),
            |f| f.vmcs_shadowing,
        )?,
        pml: feature(
            &h.pml,
            has.pml,
            "pml",
            ("page-modification logging", "페이지 수정 로깅(PML)"),
            |f| f.pml,
        )?,
    };
    let shared_cache_mib = match &h.shared_cache_mib {
        Some(x) => range(v, x, "host.shared_cache_mib", 1, 1024)?,
        None => 8,
    };
    let host = Host {
        cores,
        clock_mhz: libm::round(ghz * 1000.0) as u64,
        memory_mib: libm::round(memory_gib * 1024.0) as u64,
        cpu: h.cpu,
        features,
        large_pages: h.large_pages,
        shared_cache_mib,
        disk_latency_us,
        disk_iops,
        disk_bandwidth_mb_s,
        nic_latency_us,
        nic_bandwidth_gbit_s,
    };

    // Platforms.
    if raw.platforms.is_empty() {
        return Err(v.error(
            0..0,
            msg!(
                "no_platform",
                "no platform: add at least one [[platform]] with kind = \"native\", \"type1\", \"type2\", \"container\" or \"vdi\"",
                "플랫폼이 없습니다: kind = \"native\", \"type1\", \"type2\", \"container\" 또는 \"vdi\"인 [[platform]]을 하나 이상 추가하세요"
            ),
        ));
    }
    if raw.platforms.len() > MAX_PLATFORMS {
        return Err(v.error(
            raw.platforms[MAX_PLATFORMS].name.span(),
            msg!(
                "too_many",
                "at most {max} {what} per scenario",
                "시나리오 하나에 플랫폼은 최대 {max}개입니다",
                max = MAX_PLATFORMS,
                what = "platforms"
            ),
        ));
    }
    let mut platforms = Vec::new();
    for p in &raw.platforms {
        if platforms
            .iter()
            .any(|q: &PlatformSpec| q.name == *p.name.get_ref())
        {
            return Err(v.error(
                p.name.span(),
                msg!(
                    "duplicate",
                    "{what} `{name}` is defined twice",
                    "플랫폼 `{name}`이(가) 두 번 정의되었습니다",
                    what = "platform",
                    name = p.name.get_ref()
                ),
            ));
        }
        platforms.push(validate_platform(v, p, &host)?);
    }

    // Workloads.
    let mut workloads: Vec<Workload> = Vec::new();
    for w in &raw.workloads {
        let name = w.name.get_ref();
        if preset(name).is_some() || workloads.iter().any(|x| &x.name == name) {
            return Err(v.error(
                w.name.span(),
                msg!(
                    "duplicate",
                    "workload name `{name}` is already taken (by a preset or an earlier [[workload]])",
                    "워크로드 이름 `{name}`은(는) 이미 쓰이고 있습니다 (프리셋 또는 앞의 [[workload]])",
                    name = name
                ),
            ));
        }
        let mut workload = match &w.base {
            Some(base) => preset(base.get_ref())
                .or_else(|| {
                    workloads
                        .iter()
                        .find(|x| &x.name == base.get_ref())
                        .cloned()
                })
                .ok_or_else(|| {
                    v.error(
                        base.span(),
                        msg!(
                            "unknown_name",
                            "unknown base workload `{name}`; expected one of {expected}",
                            "알 수 없는 기반 워크로드 `{name}`입니다. 가능한 값: {expected}",
                            name = base.get_ref(),
                            expected = names(
                                PRESET_NAMES
                                    .iter()
                                    .copied()
                                    .chain(workloads.iter().map(|x| x.name.as_str()))
                            )
                        ),
                    )
                })?,
            None => Workload {
                name: String::new(),
                compute_cycles: 10_000,
                syscall_work_cycles: 800,
                io_bytes: 4096,
                message_bytes: 1024,
                think_time_us: 1000,
                mix: OpMix::default(),
                lock_percent: 0,
                lock_hold_cycles: crate::workload::DEFAULT_LOCK_HOLD_CYCLES,
                kernel_control_flow_per_kcycle:
                    crate::workload::DEFAULT_KERNEL_CONTROL_FLOW_PER_KCYCLE,
                kernel_code_kib: crate::workload::DEFAULT_KERNEL_CODE_KIB,
            },
        };
        workload.name = name.clone();
        let field = |what: &str| format!("workload `{name}`: {what}");
        if let Some(c) = &w.compute_cycles {
            workload.compute_cycles = range(v, c, &field("compute_cycles"), 0, MAX_COMPUTE_CYCLES)?;
        }
        if let Some(c) = &w.syscall_work_cycles {
            workload.syscall_work_cycles = range(
                v,
                c,
                &field("syscall_work_cycles"),
                0,
                MAX_SYSCALL_WORK_CYCLES,
            )?;
        }
        if let Some(b) = &w.io_bytes {
            workload.io_bytes = range(v, b, &field("io_bytes"), 1, MAX_TRANSFER_BYTES)?;
        }
        if let Some(b) = &w.message_bytes {
            workload.message_bytes = range(v, b, &field("message_bytes"), 1, MAX_TRANSFER_BYTES)?;
        }
        if let Some(t) = &w.think_time_us {
            workload.think_time_us = range(v, t, &field("think_time_us"), 0, MAX_THINK_TIME_US)?;
        }
        if let Some(mix) = &w.mix {
            workload.mix = mix.get_ref().clone();
        }
        if let Some(l) = &w.lock_percent {
            let got = *l.get_ref();
            if got > 100 {
                return Err(v.error(
                    l.span(),
                    msg!(
                        "out_of_range",
                        RANGE_EN,
                        RANGE_KO,
                        field = field("lock_percent"),
                        min = 0,
                        max = 100,
                        got = got
                    ),
                ));
            }
            workload.lock_percent = got;
        }
        if let Some(c) = &w.lock_hold_cycles {
            workload.lock_hold_cycles =
                range(v, c, &field("lock_hold_cycles"), 1, MAX_SYSCALL_WORK_CYCLES)?;
        }
        if let Some(c) = &w.kernel_control_flow_per_kcycle {
            workload.kernel_control_flow_per_kcycle = range(
                v,
                c,
                &field("kernel_control_flow_per_kcycle"),
                0,
                MAX_KERNEL_CONTROL_FLOW_PER_KCYCLE,
            )?;
        }
        if let Some(c) = &w.kernel_code_kib {
            workload.kernel_code_kib =
                range(v, c, &field("kernel_code_kib"), 1, MAX_KERNEL_CODE_KIB)?;
        }
        if workload.mix.total() == 0 {
            let span = w.mix.as_ref().map_or(w.name.span(), |m| m.span());
            return Err(v.error(
                span,
                msg!(
                    "empty_mix",
                    "workload `{name}` has an empty mix: give at least one operation a weight above 0 (e.g. syscall = 1)",
                    "워크로드 `{name}`의 mix가 비어 있습니다: 연산 하나 이상에 0보다 큰 가중치를 주세요 (예: syscall = 1)",
                    name = name
                ),
            ));
        }
        workloads.push(workload);
    }

    // Instances.
    if raw.instances.is_empty() {
        return Err(v.error(
            0..0,
            msg!(
                "no_instance",
                "no instance: add at least one [[instance]] with a name and a workload",
                "인스턴스가 없습니다: name과 workload가 있는 [[instance]]를 하나 이상 추가하세요"
            ),
        ));
    }
    let mut instances: Vec<InstanceSpec> = Vec::new();
    for i in &raw.instances {
        if instances.iter().any(|x| x.name == *i.name.get_ref()) {
            return Err(v.error(
                i.name.span(),
                msg!(
                    "duplicate",
                    "{what} `{name}` is defined twice",
                    "인스턴스 `{name}`이(가) 두 번 정의되었습니다",
                    what = "instance",
                    name = i.name.get_ref()
                ),
            ));
        }
        instances.push(validate_instance(
            v,
            i,
            &host,
            &platforms,
            &raw.platforms,
            &workloads,
        )?);
    }

    // Costs first: the memory totals below use some of them.
    validate_costs(v, &raw.costs)?;
    let raw_costs = &raw.costs;

    // Per-platform totals: instances, vCPUs, memory.
    for (p_index, p) in platforms.iter().enumerate() {
        let mine: Vec<(&InstanceSpec, &InstanceSection)> = instances
            .iter()
            .zip(&raw.instances)
            .filter(|(i, _)| i.platforms.contains(&p_index))
            .collect();
        let span = raw.platforms[p_index].name.span();
        if mine.is_empty() {
            return Err(v.error(
                span,
                msg!(
                    "platform_without_instance",
                    "platform `{name}` runs no instance",
                    "플랫폼 `{name}`에서 실행되는 인스턴스가 없습니다",
                    name = p.name
                ),
            ));
        }
        let count: u64 = mine.iter().map(|(i, _)| u64::from(i.count)).sum();
        if count > MAX_INSTANCES {
            return Err(v.error(
                span,
                msg!(
                    "too_many",
                    "platform `{name}` has {got} {what}; at most {max} are simulated",
                    "플랫폼 `{name}`의 인스턴스가 {got}개입니다. 최대 {max}개까지 시뮬레이션합니다",
                    name = p.name,
                    got = count,
                    what = "instances",
                    max = MAX_INSTANCES
                ),
            ));
        }
        let vcpus: u64 = mine
            .iter()
            .map(|(i, _)| u64::from(i.count) * u64::from(i.vcpus))
            .sum();
        if vcpus > MAX_VCPUS {
            return Err(v.error(
                span,
                msg!(
                    "too_many",
                    "platform `{name}` has {got} {what}; at most {max} are simulated",
                    "플랫폼 `{name}`의 vCPU가 {got}개입니다. 최대 {max}개까지 시뮬레이션합니다",
                    name = p.name,
                    got = vcpus,
                    what = "vCPUs",
                    max = MAX_VCPUS
                ),
            ));
        }
        // Memory: what the instances commit (a VM's configured memory and overhead, a
        // container's limit) against what the host has after its reserved part, unless
        // an overcommit policy may reclaim the difference.
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
            // At the instance's memory_gib, or its name when it keeps the default.
            let at = if raw_inst.memory_gib.span().is_empty() {
                raw_inst.name.span()
            } else {
                raw_inst.memory_gib.span()
            };
            return Err(v.error(
                at,
                msg!(
                    "memory_over_host",
                    "platform `{name}` commits {need} GiB to its instances (configured memory plus per-VM overhead) but the host has {have} GiB after the {reserved} GiB it keeps for itself: lower memory_gib or count, raise host.memory_gib, or let the platform overcommit with {policies}",
                    "플랫폼 `{name}`은(는) 인스턴스에 {need} GiB(설정 메모리와 VM당 오버헤드)를 할당하지만 호스트는 자신이 쓰는 {reserved} GiB를 빼면 {have} GiB입니다: memory_gib나 count를 줄이거나, host.memory_gib를 늘리거나, {policies_ko}로 오버커밋을 허용하세요",
                    name = p.name,
                    need = gib(memory),
                    have = gib(available),
                    reserved = gib(raw_costs.host_reserved_mib),
                    policies = policies.join(" or "),
                    policies_ko = policies.join(" 또는 ")
                ),
            ));
        }
    }

    // Migrations: each names an instance group the platform runs.
    for (p_index, raw_p) in raw.platforms.iter().enumerate() {
        if let Some(m) = &raw_p.migration {
            platforms[p_index].migration = Some(validate_migration(
                v,
                m,
                &platforms[p_index],
                p_index,
                &instances,
            )?);
        }
    }

    let sweep = match &raw.sweep {
        None => None,
        Some(section) => Some(validate_sweep(v, section, &instances)?),
    };

    // Questions.
    let mut questions = Vec::new();
    for q in &raw.questions {
        if questions.iter().any(|x: &Question| x.id == *q.id.get_ref()) {
            return Err(v.error(
                q.id.span(),
                msg!(
                    "duplicate",
                    "question id `{name}` is used twice",
                    "질문 id `{name}`이(가) 두 번 쓰였습니다",
                    name = q.id.get_ref()
                ),
            ));
        }
        match validate_question(v, q, &platforms, &instances, sweep.as_ref()) {
            Ok(question) => questions.push(question),
            Err(_) if questions_mode == Questions::DropInvalid => {}
            Err(e) => return Err(e),
        }
    }

    // Faults.
    let mut faults = Vec::new();
    for f in &raw.faults {
        faults.push(validate_fault(
            v,
            f,
            duration_ms,
            &platforms,
            &instances,
            &raw.platforms,
        )?);
    }

    let scenario = Scenario {
        file_name: v.file.to_string(),
        name: s.name.clone(),
        title: s.title.clone(),
        description: s.description.clone(),
        seed: s.seed,
        duration_ms,
        trace: s.trace,
        host,
        platforms,
        instances,
        costs: raw.costs.clone(),
        questions,
        faults,
        sweep,
        source: v.text.to_string(),
        raw,
    };
    let group_runs = scenario.group_runs();
    if group_runs > MAX_GROUP_RUNS {
        return Err(v.error(
            scenario.raw.platforms[0].name.span(),
            msg!(
                "too_many_group_runs",
                "this scenario runs {got} instance groups over its platforms, baselines and sweep points (limit {max}): use fewer [[instance]] groups (raise count instead), fewer platforms or fewer sweep counts",
                "이 시나리오는 플랫폼, 기준선, 스윕 지점에 걸쳐 인스턴스 그룹 {got}개를 실행합니다 (한도 {max}): [[instance]] 그룹을 줄이거나(대신 count를 늘리세요) 플랫폼이나 스윕 count를 줄이세요",
                got = group_runs,
                max = MAX_GROUP_RUNS
            ),
        ));
    }
    let events = scenario.estimated_events();
    if events > MAX_ESTIMATED_EVENTS {
        // The estimate grows with the simulated time: the duration that would fit, in two
        // significant digits, rounded down.
        let duration = *scenario.raw.scenario.duration_ms.get_ref();
        let fit =
            (u128::from(duration) * u128::from(MAX_ESTIMATED_EVENTS) / u128::from(events)) as u64;
        let step = 10u64.pow(fit.max(1).ilog10().saturating_sub(1));
        let fit = fit / step * step;
        return Err(v.error(
            scenario.raw.scenario.duration_ms.span(),
            if fit == 0 {
                msg!(
                    "too_many_events_even_1ms",
                    "this scenario would need about {events} events (limit {max}), too many even for duration_ms = 1: use fewer instances (or vCPUs, or a lighter workload)",
                    "이 시나리오는 이벤트가 약 {events}개 필요합니다 (한도 {max}). duration_ms = 1이어도 너무 많습니다: 인스턴스(또는 vCPU)를 줄이거나 더 가벼운 워크로드를 쓰세요",
                    events = crate::text::thousands(&events.to_string()),
                    max = crate::text::thousands(&MAX_ESTIMATED_EVENTS.to_string())
                )
            } else {
                msg!(
                    "too_many_events",
                    "this scenario would need about {events} events (limit {max}): shorten duration_ms to about {fit} or less, or use fewer instances",
                    "이 시나리오는 이벤트가 약 {events}개 필요합니다 (한도 {max}): duration_ms를 약 {fit} 이하로 줄이거나 인스턴스를 줄이세요",
                    events = crate::text::thousands(&events.to_string()),
                    max = crate::text::thousands(&MAX_ESTIMATED_EVENTS.to_string()),
                    fit = fit
                )
            },
        ));
    }
    Ok(scenario)
}

fn validate_costs(v: &Validator<'_>, costs: &CostTable) -> Result<(), ScenarioError> {
    for (row, (name, value)) in CostTable::SOURCES.iter().zip(costs.values()) {
        let (low, high) = cost_range(row.unit);
        if value < low || value > high {
            return Err(v.error(
                v.span_of(&[Key::Name("costs"), Key::Name(name)]),
                msg!(
                    "out_of_range",
                    "{field} must be between {min} and {max} {unit}; got {got}",
                    "{field} 값은 {min}에서 {max} {unit} 사이여야 합니다. 입력값: {got}",
                    field = format!("costs.{name}"),
                    min = low,
                    max = high,
                    unit = row.unit,
                    got = value
                ),
            ));
        }
    }
    Ok(())
}

fn validate_sweep(
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
    if let Some(target) = section.p99_target_us {
        if !(target > 0.0 && target.is_finite()) {
            return Err(v.error(
                section.instance.span(),
                msg!(
                    "out_of_range",
                    "sweep: p99_target_us must be a positive number of microseconds",
                    "sweep: p99_target_us는 양수(마이크로초)여야 합니다"
                ),
            ));
        }
    }
    Ok(Sweep {
        group,
        counts: counts.clone(),
        op: *section.op.get_ref(),
        p99_target_us: section.p99_target_us,
    })
}

fn validate_platform(
    v: &Validator<'_>,
    p: &PlatformSection,
    host: &Host,
) -> Result<PlatformSpec, ScenarioError> {
    let kind = *p.kind.get_ref();
    let name = p.name.get_ref().clone();
    let technique = p.technique.as_ref().map(|t| (*t.get_ref(), t.span()));
    let technique = match (kind, technique) {
        // A VDI server is a type-1 hypervisor; desktops get PV drivers by default.
        (PlatformKind::Vdi, None) => Some((Technique::Hybrid, p.kind.span())),
        (PlatformKind::Type1 | PlatformKind::Type2, None) => {
            return Err(v.error(
                p.kind.span(),
                msg!(
                    "missing_technique",
                    "platform `{name}`: a hypervisor needs a technique: one of `binary_translation`, `hardware_assist`, `para`, `hybrid`",
                    "플랫폼 `{name}`: 하이퍼바이저에는 technique가 필요합니다: `binary_translation`, `hardware_assist`, `para`, `hybrid` 중 하나",
                    name = name
                ),
            ))
        }
        (PlatformKind::Native | PlatformKind::Container, Some((_, span))) => {
            return Err(v.error(
                span,
                msg!(
                    "not_applicable",
                    "platform `{name}`: technique applies to type1, type2 and vdi platforms only; remove it for kind = \"{kind}\"",
                    "플랫폼 `{name}`: technique는 type1, type2, vdi 플랫폼에만 해당합니다. kind = \"{kind}\"에서는 지우세요",
                    name = name,
                    field = "technique",
                    kind = kind_name(kind)
                ),
            ))
        }
        (_, t) => t,
    };
    if let Some((t, span)) = technique.clone() {
        if matches!(t, Technique::HardwareAssist | Technique::Hybrid) && !host.features.vtx {
            return Err(v.error(
                span,
                msg!(
                    "needs_vtx",
                    "platform `{name}`: {technique} needs host.vtx = true (VT-x/AMD-V); use `binary_translation` or `para` on this host",
                    "플랫폼 `{name}`: {technique}에는 host.vtx = true(VT-x/AMD-V)가 필요합니다. 이 호스트에서는 `binary_translation`이나 `para`를 쓰세요",
                    name = name,
                    technique = technique_name(t)
                ),
            ));
        }
        if t == Technique::Para && kind == PlatformKind::Type2 {
            return Err(v.error(
                span,
                msg!(
                    "para_on_type2",
                    "platform `{name}`: paravirtualization needs a type-1 hypervisor that offers hypercalls; a type-2 host here runs `binary_translation`, `hardware_assist` or `hybrid`",
                    "플랫폼 `{name}`: 반가상화에는 하이퍼콜을 제공하는 type-1 하이퍼바이저가 필요합니다. 여기서 type-2 호스트는 `binary_translation`, `hardware_assist`, `hybrid`를 씁니다",
                    name = name
                ),
            ));
        }
    }
    let technique = technique.map(|(t, _)| t);
    let default_io = match (kind, technique) {
        (PlatformKind::Native | PlatformKind::Container, _) => IoModel::Passthrough,
        (_, Some(Technique::Para | Technique::Hybrid)) => IoModel::Paravirtual,
        _ => IoModel::Emulated,
    };
    let io = match &p.io {
        None => default_io,
        Some(io) => {
            let value = *io.get_ref();
            let problem = match (kind, technique, value) {
                (PlatformKind::Native | PlatformKind::Container, _, _) => Some(msg!("io_not_applicable", "platform `{name}`: io applies to hypervisors only; remove it", "플랫폼 `{name}`: io는 하이퍼바이저에만 해당합니다. 지우세요", name = name)),
                (_, Some(Technique::Para), IoModel::Emulated) => Some(msg!("io_emulated_under_para", "platform `{name}`: a paravirtualized guest has no emulated devices; use io = \"paravirtual\" or \"passthrough\"", "플랫폼 `{name}`: 반가상화 게스트에는 에뮬레이션 장치가 없습니다. io = \"paravirtual\" 또는 \"passthrough\"를 쓰세요", name = name)),
                (_, Some(Technique::Hybrid), IoModel::Emulated) => Some(msg!("io_emulated_under_hybrid", "platform `{name}`: hybrid means paravirtual I/O drivers; use io = \"paravirtual\", or technique = \"hardware_assist\" for emulated I/O", "플랫폼 `{name}`: hybrid는 반가상화 I/O 드라이버를 뜻합니다. io = \"paravirtual\"을 쓰거나, 에뮬레이션 I/O에는 technique = \"hardware_assist\"를 쓰세요", name = name)),
                (PlatformKind::Type2, _, IoModel::Passthrough) => {
                    // What type 2 accepts with this technique (hybrid means paravirtual drivers).
                    let (valid, valid_ko) = if technique == Some(Technique::Hybrid) {
                        ("io = \"paravirtual\"", "io = \"paravirtual\"")
                    } else {
                        ("io = \"emulated\" or \"paravirtual\"", "io = \"emulated\" 또는 \"paravirtual\"")
                    };
                    Some(msg!("passthrough_on_type2", "platform `{name}`: passthrough needs a type-1 hypervisor (kind = \"type1\" or \"vdi\") with an IOMMU; a type-2 platform takes {valid}", "플랫폼 `{name}`: passthrough에는 IOMMU가 있는 type-1 하이퍼바이저(kind = \"type1\" 또는 \"vdi\")가 필요합니다. type-2 플랫폼에는 {valid_ko}를 쓰세요", name = name, valid = valid, valid_ko = valid_ko))
                }
                // VT-d and AMD-Vi came with the chipsets of about 2008 (Intel's 4 Series,
                // Penryn's generation); a Pentium 4 or first Core 2 platform had no IOMMU.
                (_, _, IoModel::Passthrough) if matches!(host.cpu, CpuGeneration::Prescott | CpuGeneration::Merom) => Some(msg!("passthrough_before_iommu", "platform `{name}`: passthrough needs an IOMMU (Intel VT-d, AMD-Vi), which came with platforms of about 2008; host.cpu = \"{cpu}\" had none: use \"penryn\" or later", "플랫폼 `{name}`: passthrough에는 IOMMU(Intel VT-d, AMD-Vi)가 필요하며, 2008년 무렵의 플랫폼부터 있습니다. host.cpu = \"{cpu}\"에는 없었습니다: \"penryn\" 이후를 쓰세요", name = name, cpu = host.cpu.name())),
                (_, _, IoModel::Passthrough) if !host.features.vtx => Some(msg!("passthrough_without_iommu", "platform `{name}`: passthrough needs an IOMMU, which comes with host.vtx = true", "플랫폼 `{name}`: passthrough에는 IOMMU가 필요하며, 이는 host.vtx = true일 때 있습니다", name = name)),
                (_, Some(Technique::BinaryTranslation), IoModel::Passthrough) => Some(msg!("passthrough_under_bt", "platform `{name}`: passthrough needs hardware-assisted virtualization (`hardware_assist`, `hybrid` or `para`)", "플랫폼 `{name}`: passthrough에는 하드웨어 지원 가상화(`hardware_assist`, `hybrid`, `para`)가 필요합니다", name = name)),
                _ => None,
            };
            if let Some(problem) = problem {
                return Err(v.error(io.span(), problem));
            }
            value
        }
    };
    let memory = match technique {
        None => MemoryVirtualization::None,
        Some(Technique::BinaryTranslation) => MemoryVirtualization::Shadow,
        Some(Technique::Para) => MemoryVirtualization::DirectPv,
        Some(_) if host.features.ept => MemoryVirtualization::Nested,
        Some(_) => MemoryVirtualization::Shadow,
    };
    let driver_domain = *p.driver_domain.get_ref();
    if driver_domain && kind != PlatformKind::Type1 {
        return Err(v.error(
            p.driver_domain.span(),
            msg!(
                "not_applicable",
                "platform `{name}`: {field} applies to type1 hypervisors only",
                "플랫폼 `{name}`: {field}는 type1 하이퍼바이저에만 해당합니다",
                name = name,
                field = "driver_domain"
            ),
        ));
    }
    let background = *p.host_background_percent.get_ref();
    if background > 0 && kind != PlatformKind::Type2 {
        return Err(v.error(
            p.host_background_percent.span(),
            msg!(
                "not_applicable",
                "platform `{name}`: {field} applies to type2 hypervisors only (their host OS runs other programs)",
                "플랫폼 `{name}`: {field}는 type2 하이퍼바이저에만 해당합니다 (그 호스트 OS가 다른 프로그램을 실행합니다)",
                name = name,
                field = "host_background_percent"
            ),
        ));
    }
    if background > 95 {
        return Err(v.error(
            p.host_background_percent.span(),
            msg!(
                "out_of_range",
                PLATFORM_RANGE_EN,
                PLATFORM_RANGE_KO,
                name = name,
                field = "host_background_percent",
                min = 0,
                max = 95,
                got = background
            ),
        ));
    }
    for (field, span) in [
        ("network", p.network.as_ref().map(|n| n.span())),
        ("storage", p.storage.as_ref().map(|n| n.span())),
    ] {
        if let Some(span) = span {
            if kind != PlatformKind::Container {
                return Err(v.error(
                    span,
                    msg!(
                        "not_applicable",
                        "platform `{name}`: {field} applies to containers only",
                        "플랫폼 `{name}`: {field}는 컨테이너에만 해당합니다",
                        name = name,
                        field = field
                    ),
                ));
            }
        }
    }
    let nested = *p.nested.get_ref();
    if nested
        && (kind != PlatformKind::Type1
            || !matches!(
                technique,
                Some(Technique::HardwareAssist | Technique::Hybrid)
            ))
    {
        return Err(v.error(
            p.nested.span(),
            msg!(
                "nested_needs_vtx",
                "platform `{name}`: nested = true needs a type1 platform with technique = \"hardware_assist\" or \"hybrid\" (L0 and L1 both use VT-x)",
                "플랫폼 `{name}`: nested = true에는 technique = \"hardware_assist\" 또는 \"hybrid\"인 type1 플랫폼이 필요합니다 (L0와 L1 모두 VT-x를 씁니다)",
                name = name
            ),
        ));
    }
    let microvm = *p.microvm.get_ref();
    if microvm {
        if kind != PlatformKind::Type1 {
            return Err(v.error(
                p.microvm.span(),
                msg!(
                    "not_applicable",
                    "platform `{name}`: {field} applies to type1 platforms only (a minimal VMM on a type-1/KVM host)",
                    "플랫폼 `{name}`: {field}는 type1 플랫폼에만 해당합니다 (type-1/KVM 호스트의 최소 VMM)",
                    name = name,
                    field = "microvm"
                ),
            ));
        }
        if !matches!(
            technique,
            Some(Technique::HardwareAssist | Technique::Hybrid)
        ) || io == IoModel::Emulated
        {
            return Err(v.error(
                p.microvm.span(),
                msg!(
                    "microvm_needs_hybrid",
                    "platform `{name}`: a microVM has no emulated devices and needs VT-x: use technique = \"hybrid\" (virtio drivers on a hardware-assisted CPU)",
                    "플랫폼 `{name}`: microVM에는 에뮬레이션 장치가 없고 VT-x가 필요합니다: technique = \"hybrid\"(하드웨어 지원 CPU 위의 virtio 드라이버)를 쓰세요",
                    name = name
                ),
            ));
        }
    }
    let default_backend =
        crate::platform::BackendPlacement::default_for(kind, driver_domain, microvm);
    let backend = match &p.backend {
        None => default_backend,
        Some(b) => {
            use crate::platform::BackendPlacement as B;
            let chosen = *b.get_ref();
            let problem = if !kind.is_hypervisor() {
                Some((
                    "backend applies to type1, type2 and vdi platforms only",
                    "backend는 type1, type2, vdi 플랫폼에만 쓸 수 있습니다",
                ))
            } else if io == IoModel::Passthrough {
                Some((
                    "backend applies to emulated and paravirtual I/O (a passthrough device has no back end)",
                    "backend는 에뮬레이션과 반가상화 I/O에만 쓸 수 있습니다 (패스스루 장치에는 백엔드가 없습니다)",
                ))
            } else if (chosen == B::DriverDomain) != driver_domain {
                Some((
                    "backend = \"driver_domain\" goes with driver_domain = true (type1), and driver_domain = true with that back end",
                    "backend = \"driver_domain\"은 driver_domain = true(type1)와 함께 써야 하고, driver_domain = true는 그 백엔드와 함께 써야 합니다",
                ))
            } else if kind == PlatformKind::Type2 && chosen == B::Hypervisor {
                Some((
                    "a type-2 VMM has no in-hypervisor back end: use \"vm_thread\" or \"device_thread\"",
                    "type-2 VMM에는 하이퍼바이저 안의 백엔드가 없습니다: \"vm_thread\"나 \"device_thread\"를 쓰세요",
                ))
            } else {
                None
            };
            if let Some((en, ko)) = problem {
                return Err(v.error(
                    b.span(),
                    msg!(
                        "backend_not_applicable",
                        "platform `{name}`: {problem}",
                        "플랫폼 `{name}`: {problem_ko}",
                        name = name,
                        problem = en,
                        problem_ko = ko
                    ),
                ));
            }
            chosen
        }
    };
    let halt_poll_us = match &p.halt_poll_us {
        None => 0,
        Some(x) => {
            if !kind.is_hypervisor() {
                return Err(v.error(
                    x.span(),
                    msg!(
                        "halt_poll_not_applicable",
                        "platform `{name}`: halt_poll_us applies to type1, type2 and vdi platforms only",
                        "플랫폼 `{name}`: halt_poll_us는 type1, type2, vdi 플랫폼에만 쓸 수 있습니다",
                        name = name
                    ),
                ));
            }
            range(v, x, &format!("platform `{name}`: halt_poll_us"), 0, 10_000)?
        }
    };
    let irq_coalesce_us = match &p.irq_coalesce_us {
        None => 0,
        Some(x) => range(
            v,
            x,
            &format!("platform `{name}`: irq_coalesce_us"),
            0,
            10_000,
        )?,
    };
    let irq_coalesce_frames = match &p.irq_coalesce_frames {
        None => 0,
        Some(x) => {
            if irq_coalesce_us == 0 {
                return Err(v.error(
                    x.span(),
                    msg!(
                        "coalesce_frames_without_delay",
                        "platform `{name}`: irq_coalesce_frames needs irq_coalesce_us (1 to 10000): without a delay a completion could wait forever",
                        "플랫폼 `{name}`: irq_coalesce_frames에는 irq_coalesce_us(1~10000)가 필요합니다: 지연 한도가 없으면 완료가 끝없이 기다릴 수 있습니다",
                        name = name
                    ),
                ));
            }
            range(
                v,
                x,
                &format!("platform `{name}`: irq_coalesce_frames"),
                0,
                256,
            )? as u32
        }
    };
    let enlightenments = match &p.enlightenments {
        None if technique == Some(Technique::Hybrid) => {
            crate::platform::Enlightenments::kvm_linux()
        }
        None => crate::platform::Enlightenments::default(),
        Some(x) => {
            if technique != Some(Technique::Hybrid) {
                return Err(v.error(
                    x.span(),
                    msg!(
                        "enlightenments_not_applicable",
                        "platform `{name}`: enlightenments apply to technique = \"hybrid\" only (para is paravirtual throughout, hardware_assist runs an unmodified guest)",
                        "플랫폼 `{name}`: enlightenments는 technique = \"hybrid\"에만 쓸 수 있습니다 (para는 전부 반가상화이고, hardware_assist는 수정하지 않은 게스트를 실행합니다)",
                        name = name
                    ),
                ));
            }
            let list = crate::platform::Enlightenments::of(x.get_ref());
            if list.pv_tlb_flush && !list.steal_time {
                return Err(v.error(
                    x.span(),
                    msg!(
                        "pv_tlb_flush_needs_steal_time",
                        "platform `{name}`: pv_tlb_flush needs steal_time in the same list (the guest reads each target vCPU's `preempted` flag in its steal-time area); write [\"steal_time\", \"pv_tlb_flush\", ...]",
                        "플랫폼 `{name}`: pv_tlb_flush에는 같은 목록에 steal_time이 있어야 합니다 (게스트가 대상 vCPU의 스틸 타임 영역에서 `preempted` 플래그를 읽습니다); [\"steal_time\", \"pv_tlb_flush\", ...]처럼 쓰세요",
                        name = name
                    ),
                ));
            }
            list
        }
    };
    let uses_ple = kind.is_hypervisor()
        && matches!(
            technique,
            Some(Technique::HardwareAssist | Technique::Hybrid)
        );
    let ple = match &p.ple {
        None => uses_ple && host.features.ple,
        Some(x) => {
            if !uses_ple {
                return Err(v.error(
                    x.span(),
                    msg!(
                        "ple_not_applicable",
                        "platform `{name}`: ple applies to hardware_assist and hybrid hypervisors only (pause-loop exiting is a VT-x/AMD-V feature)",
                        "플랫폼 `{name}`: ple는 hardware_assist와 hybrid 하이퍼바이저에만 쓸 수 있습니다 (PAUSE 루프 exit는 VT-x/AMD-V 기능입니다)",
                        name = name
                    ),
                ));
            }
            if *x.get_ref() && !host.features.ple {
                return Err(v.error(
                    x.span(),
                    if host.cpu.features().ple {
                        msg!(
                            "ple_off_on_host",
                            "platform `{name}`: ple = true, but host.ple = false turns pause-loop exiting off on this host; remove one of the two",
                            "플랫폼 `{name}`: ple = true이지만 host.ple = false가 이 호스트의 PAUSE 루프 exit를 끕니다. 둘 중 하나를 지우세요",
                            name = name
                        )
                    } else {
                        msg!(
                            "ple_missing_on_cpu",
                            "platform `{name}`: ple = true, but host.cpu = \"{cpu}\" has no pause-loop exiting; nehalem and later have it",
                            "플랫폼 `{name}`: ple = true이지만 host.cpu = \"{cpu}\"에는 PAUSE 루프 exit가 없습니다. nehalem 이후에는 있습니다",
                            name = name,
                            cpu = host.cpu.name()
                        )
                    },
                ));
            }
            *x.get_ref()
        }
    };
    let vdi_fields = [
        ("protocol", p.protocol.as_ref().map(|x| x.span())),
        ("rtt_ms", p.rtt_ms.as_ref().map(|x| x.span())),
        (
            "client_bandwidth_mbit_s",
            p.client_bandwidth_mbit_s.as_ref().map(|x| x.span()),
        ),
        ("loss_percent", p.loss_percent.as_ref().map(|x| x.span())),
        ("frame_rate", p.frame_rate.as_ref().map(|x| x.span())),
        ("session_host", p.session_host.as_ref().map(|x| x.span())),
    ];
    if kind != PlatformKind::Vdi {
        if let Some((field, Some(span))) = vdi_fields.iter().find(|(_, s)| s.is_some()) {
            return Err(v.error(
                span.clone(),
                msg!(
                    "not_applicable",
                    "platform `{name}`: {field} applies to kind = \"vdi\" platforms only",
                    "플랫폼 `{name}`: {field}는 kind = \"vdi\" 플랫폼에만 해당합니다",
                    name = name,
                    field = field
                ),
            ));
        }
    }
    let vdi = if kind == PlatformKind::Vdi {
        let number = |field: &Option<Spanned<f64>>,
                      what: &str,
                      default: f64,
                      min: f64,
                      max: f64|
         -> Result<f64, ScenarioError> {
            match field {
                None => Ok(default),
                Some(x) => {
                    let value = *x.get_ref();
                    if value.is_finite() && value >= min && value <= max {
                        Ok(value)
                    } else {
                        Err(v.error(
                            x.span(),
                            msg!(
                                "out_of_range",
                                PLATFORM_RANGE_EN,
                                PLATFORM_RANGE_KO,
                                name = name,
                                field = what,
                                min = min,
                                max = max,
                                got = value
                            ),
                        ))
                    }
                }
            }
        };
        let rtt_ms = number(&p.rtt_ms, "rtt_ms", 20.0, 0.0, 2000.0)?;
        let mbit = number(
            &p.client_bandwidth_mbit_s,
            "client_bandwidth_mbit_s",
            20.0,
            0.064,
            100_000.0,
        )?;
        let loss = number(&p.loss_percent, "loss_percent", 0.0, 0.0, 50.0)?;
        let protocol = p
            .protocol
            .as_ref()
            .map_or(DisplayProtocol::default(), |x| *x.get_ref());
        let default_rate = crate::desktop::ProtocolParams::of(protocol).fps_cap as f64;
        let frame_rate = number(&p.frame_rate, "frame_rate", default_rate, 1.0, 120.0)?;
        Some(VdiNetwork {
            protocol,
            frame_rate: libm::round(frame_rate) as u64,
            session_host: p.session_host.as_ref().is_some_and(|x| *x.get_ref()),
            rtt_us: libm::round(rtt_ms * 1000.0) as u64,
            client_bandwidth_kbit_s: (libm::round(mbit * 1000.0) as u64).max(1),
            loss_ppm: libm::round(loss * 10_000.0) as u64,
        })
    } else {
        None
    };
    let scheduler = p.scheduler.unwrap_or(match kind {
        PlatformKind::Type1 | PlatformKind::Vdi => SchedulerKind::Credit,
        _ => SchedulerKind::Fair,
    });
    let time_slice_ms = match &p.time_slice_ms {
        Some(t) => {
            let value = *t.get_ref();
            if value == 0 || value > 1000 {
                return Err(v.error(
                    t.span(),
                    msg!(
                        "out_of_range",
                        PLATFORM_RANGE_EN,
                        PLATFORM_RANGE_KO,
                        name = name,
                        field = "time_slice_ms",
                        min = 1,
                        max = 1000,
                        got = value
                    ),
                ));
            }
            value
        }
        None => match scheduler {
            SchedulerKind::Credit => 30,
            // CFS's target latency: 6 ms scaled by the host's CPUs (24 ms at 8 or more).
            SchedulerKind::Fair => 6 * SchedulerKind::fair_scale(host.cores),
            SchedulerKind::RoundRobin => 10,
        },
    };
    let credit_boost = match &p.credit_boost {
        None => true,
        Some(b) if scheduler != SchedulerKind::Credit => {
            return Err(v.error(
                b.span(),
                msg!(
                    "credit_boost_not_applicable",
                    "platform `{name}`: credit_boost applies to scheduler = \"credit\" only",
                    "플랫폼 `{name}`: credit_boost는 scheduler = \"credit\"에만 쓸 수 있습니다",
                    name = name
                ),
            ))
        }
        Some(b) => *b.get_ref(),
    };
    let stack = Stack {
        kind,
        technique,
        io,
        memory,
        driver_domain,
        network: p
            .network
            .as_ref()
            .map_or(NetworkMode::Bridge, |n| *n.get_ref()),
        storage: p
            .storage
            .as_ref()
            .map_or(StorageMode::Overlay, |s| *s.get_ref()),
        microvm,
        backend,
        halt_poll_us,
        ple,
        irq_coalesce_us,
        irq_coalesce_frames,
        enlightenments,
        nested,
    };
    let overcommit = validate_overcommit(v, p, &name, &stack)?;
    let running_for_s = validate_running_for(v, p, &name, &stack, &overcommit)?;
    Ok(PlatformSpec {
        name,
        label: p.label.clone(),
        stack,
        scheduler,
        time_slice_ms,
        credit_boost,
        host_background_percent: background,
        vdi,
        overcommit,
        running_for_s,
        migration: None,
    })
}

/// A platform's migration: a hypervisor platform, an instance group it runs, values in range.
fn validate_migration(
    v: &Validator<'_>,
    m: &super::MigrationSection,
    p: &PlatformSpec,
    p_index: usize,
    instances: &[InstanceSpec],
) -> Result<crate::memory::MigrationSpec, ScenarioError> {
    if !matches!(
        p.stack.kind,
        PlatformKind::Type1 | PlatformKind::Type2 | PlatformKind::Container
    ) {
        return Err(v.error(
            m.instance.span(),
            msg!(
                "migration_not_applicable",
                "platform `{name}` (kind = \"{kind}\"): migration moves a VM between hypervisors (type1, type2) or checkpoints and restores a container (container)",
                "플랫폼 `{name}`(kind = \"{kind}\"): 마이그레이션은 하이퍼바이저 사이에서 VM을 옮기거나(type1, type2) 컨테이너를 체크포인트하고 복원합니다(container)",
                name = p.name,
                kind = kind_name(p.stack.kind)
            ),
        ));
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
    let float = |value: &Option<toml::Spanned<f64>>,
                 field: &str,
                 min: f64,
                 max: f64,
                 default: f64|
     -> Result<f64, ScenarioError> {
        match value {
            None => Ok(default),
            Some(x) if (min..=max).contains(x.get_ref()) => Ok(*x.get_ref()),
            Some(x) => Err(v.error(
                x.span(),
                msg!(
                    "out_of_range",
                    RANGE_EN,
                    RANGE_KO,
                    field = format!("migration.{field}"),
                    min = min,
                    max = max,
                    got = x.get_ref()
                ),
            )),
        }
    };
    let link_gbit_s = float(&m.link_gbit_s, "link_gbit_s", 0.01, 1000.0, 10.0)?;
    let max_downtime_ms = float(&m.max_downtime_ms, "max_downtime_ms", 1.0, 60000.0, 300.0)?;
    let max_rounds = match &m.max_rounds {
        None => 30,
        Some(r) if (1..=1000).contains(r.get_ref()) => *r.get_ref(),
        Some(r) => {
            return Err(v.error(
                r.span(),
                msg!(
                    "out_of_range",
                    RANGE_EN,
                    RANGE_KO,
                    field = "migration.max_rounds",
                    min = 1,
                    max = 1000,
                    got = r.get_ref()
                ),
            ))
        }
    };
    Ok(crate::memory::MigrationSpec {
        group,
        instance,
        link_gbit_s,
        max_rounds,
        max_downtime_ms,
    })
}

/// How long the platform's instances have run before the window: only where a policy
/// works over time (KSM, a balloon, free page reporting), in range.
fn validate_running_for(
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
fn validate_overcommit(
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
                    "플랫폼 `{name}`: overcommit에 `{got}`이(가) 두 번 있습니다",
                    name = name,
                    got = policy.name()
                ),
            ));
        }
        if !policy.usable_on(stack) {
            let valid = names(OvercommitPolicy::usable(stack).iter().map(|p| p.name()));
            let (en, ko) = match policy {
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
                    "플랫폼 `{name}`(kind = \"{kind}\")은(는) overcommit `{got}`을(를) 쓸 수 없습니다: {why_ko}. 여기서 가능한 값: {expected}",
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

fn validate_instance(
    v: &Validator<'_>,
    i: &InstanceSection,
    host: &Host,
    platforms: &[PlatformSpec],
    raw_platforms: &[PlatformSection],
    workloads: &[Workload],
) -> Result<InstanceSpec, ScenarioError> {
    let name = i.name.get_ref().clone();
    let platform_indices: Vec<usize> = match &i.platforms {
        None => (0..platforms.len()).collect(),
        Some(list) => {
            if list.get_ref().is_empty() {
                return Err(v.error(
                    list.span(),
                    msg!(
                        "empty_list",
                        "instance `{name}`: platforms is empty; omit it to run on every platform",
                        "인스턴스 `{name}`: platforms가 비어 있습니다. 모든 플랫폼에서 실행하려면 지우세요",
                        name = name
                    ),
                ));
            }
            let mut out = Vec::new();
            for p in list.get_ref() {
                match platforms.iter().position(|x| x.name == *p.get_ref()) {
                    Some(index) => out.push(index),
                    None => {
                        return Err(v.error(
                            p.span(),
                            msg!(
                                "unknown_name",
                                "instance `{name}`: unknown platform `{got}`; expected one of {expected}",
                                "인스턴스 `{name}`: 알 수 없는 플랫폼 `{got}`입니다. 가능한 값: {expected}",
                                name = name,
                                got = p.get_ref(),
                                expected = names(platforms.iter().map(|x| x.name.as_str()))
                            ),
                        ))
                    }
                }
            }
            out
        }
    };
    let count = *i.count.get_ref();
    if count == 0 || u64::from(count) > MAX_INSTANCES {
        return Err(v.error(
            i.count.span(),
            msg!(
                "out_of_range",
                INSTANCE_RANGE_EN,
                INSTANCE_RANGE_KO,
                name = name,
                field = "count",
                min = 1,
                max = MAX_INSTANCES,
                got = count
            ),
        ));
    }
    let vcpus = *i.vcpus.get_ref();
    if vcpus == 0 || vcpus > MAX_THREADS_PER_INSTANCE {
        return Err(v.error(
            i.vcpus.span(),
            msg!(
                "out_of_range",
                INSTANCE_RANGE_EN,
                INSTANCE_RANGE_KO,
                name = name,
                field = "vcpus",
                min = 1,
                max = MAX_THREADS_PER_INSTANCE,
                got = vcpus
            ),
        ));
    }
    let threads = match &i.threads {
        None => vcpus,
        Some(t) => {
            let value = *t.get_ref();
            if value == 0 || value > MAX_THREADS_PER_INSTANCE {
                return Err(v.error(
                    t.span(),
                    msg!(
                        "out_of_range",
                        INSTANCE_RANGE_EN,
                        INSTANCE_RANGE_KO,
                        name = name,
                        field = "threads",
                        min = 1,
                        max = MAX_THREADS_PER_INSTANCE,
                        got = value
                    ),
                ));
            }
            value
        }
    };
    let memory_gib = *i.memory_gib.get_ref();
    // At least 1 MiB: below, a footprint rounds to nothing (1e-320 GiB was accepted).
    if !((1.0 / 1024.0..=65536.0).contains(&memory_gib)) {
        return Err(v.error(
            i.memory_gib.span(),
            msg!(
                "out_of_range",
                "instance `{name}`: memory_gib must be at least 0.0009765625 (1 MiB) and at most 65536; got {got}",
                "인스턴스 `{name}`: memory_gib는 0.0009765625(1 MiB) 이상 65536 이하여야 합니다. 입력값: {got}",
                name = name,
                field = "memory_gib",
                min = 1.0 / 1024.0,
                max = 65536,
                got = memory_gib
            ),
        ));
    }
    let guest_os = *i.guest_os.get_ref();
    for &p in &platform_indices {
        let stack = &platforms[p].stack;
        if stack.technique == Some(Technique::Para) && !guest_os.can_be_paravirtualized() {
            let _ = raw_platforms;
            return Err(v.error(
                i.guest_os.span(),
                msg!(
                    "guest_not_paravirtualizable",
                    "instance `{name}`: {os} cannot run on platform `{platform}` (technique = \"para\"): paravirtualization needs a modified guest kernel, and the {os} kernel cannot be modified (the seed's \"modified OS needed → limited compatibility\"). Use technique = \"hybrid\" (PV drivers on a hardware-assisted CPU) or \"hardware_assist\"",
                    "인스턴스 `{name}`: {os}는 플랫폼 `{platform}`(technique = \"para\")에서 실행할 수 없습니다: 반가상화에는 수정된 게스트 커널이 필요하고 {os} 커널은 수정할 수 없습니다 (OS 수정 필요 → 호환성 제한). technique = \"hybrid\"(하드웨어 지원 CPU 위의 PV 드라이버)나 \"hardware_assist\"를 쓰세요",
                    name = name,
                    os = os_name(guest_os),
                    platform = platforms[p].name
                ),
            ));
        }
    }
    let workload_name = i.workload.get_ref();
    let workload = preset(workload_name)
        .or_else(|| workloads.iter().find(|w| &w.name == workload_name).cloned())
        .ok_or_else(|| {
            v.error(
                i.workload.span(),
                msg!(
                    "unknown_name",
                    "instance `{name}`: unknown workload `{got}`; expected a preset ({presets}) or a [[workload]] name{custom}",
                    "인스턴스 `{name}`: 알 수 없는 워크로드 `{got}`입니다. 프리셋({presets}) 또는 [[workload]] 이름{custom}을 쓰세요",
                    name = name,
                    got = workload_name,
                    presets = names(PRESET_NAMES.iter().chain(crate::desktop::DESKTOP_PRESETS.iter())),
                    custom = if workloads.is_empty() { String::new() } else { format!(" ({})", names(workloads.iter().map(|w| w.name.as_str()))) }
                ),
            )
        })?;
    for &p in &platform_indices {
        if platforms[p].stack.kind == PlatformKind::Vdi
            && !crate::desktop::DESKTOP_PRESETS.contains(&workload.name.as_str())
        {
            return Err(v.error(
                i.workload.span(),
                msg!(
                    "vdi_needs_desktop_workload",
                    "instance `{name}` runs on VDI platform `{platform}`: its workload must be a desktop activity, one of {expected}; got `{got}`",
                    "인스턴스 `{name}`은(는) VDI 플랫폼 `{platform}`에서 실행됩니다: 워크로드는 데스크탑 활동({expected}) 중 하나여야 합니다. 입력: `{got}`",
                    name = name,
                    platform = platforms[p].name,
                    expected = names(crate::desktop::DESKTOP_PRESETS),
                    got = workload.name
                ),
            ));
        }
    }
    let pin = match &i.pin {
        None => None,
        Some(pin) => {
            let list = pin.get_ref();
            if list.len() != vcpus as usize {
                return Err(v.error(
                    pin.span(),
                    msg!(
                        "pin_count",
                        "instance `{name}`: pin lists {got} pCPUs but the instance has {vcpus} vCPUs; give one pCPU per vCPU",
                        "인스턴스 `{name}`: pin에 pCPU가 {got}개이지만 vCPU는 {vcpus}개입니다. vCPU마다 pCPU 하나를 주세요",
                        name = name,
                        got = list.len(),
                        vcpus = vcpus
                    ),
                ));
            }
            if let Some(bad) = list.iter().find(|&&c| c >= host.cores) {
                return Err(v.error(
                    pin.span(),
                    msg!(
                        "pin_out_of_range",
                        "instance `{name}`: pin names pCPU {got} but the host has pCPUs 0 to {max}",
                        "인스턴스 `{name}`: pin이 pCPU {got}을(를) 가리키지만 호스트의 pCPU는 0부터 {max}까지입니다",
                        name = name,
                        got = bad,
                        max = host.cores - 1
                    ),
                ));
            }
            Some(list.clone())
        }
    };
    let weight = *i.weight.get_ref();
    if weight == 0 || weight > 65535 {
        return Err(v.error(
            i.weight.span(),
            msg!(
                "out_of_range",
                INSTANCE_RANGE_EN,
                INSTANCE_RANGE_KO,
                name = name,
                field = "weight",
                min = 1,
                max = 65535,
                got = weight
            ),
        ));
    }
    let cap_percent = *i.cap_percent.get_ref();
    if cap_percent > 100 {
        return Err(v.error(
            i.cap_percent.span(),
            msg!(
                "out_of_range",
                "instance `{name}`: cap_percent is per vCPU, between 0 (no cap) and 100; got {got}",
                "인스턴스 `{name}`: cap_percent는 vCPU당 값으로 0(제한 없음)에서 100 사이입니다. 입력값: {got}",
                name = name,
                field = "cap_percent",
                got = cap_percent
            ),
        ));
    }
    Ok(InstanceSpec {
        name: name.clone(),
        platforms: platform_indices,
        count,
        vcpus,
        threads,
        memory_mib: libm::round(memory_gib * 1024.0).max(1.0) as u64,
        guest_os,
        workload,
        pin,
        weight,
        cap_percent,
        working_set_mib: match &i.working_set_mib {
            None => 128,
            Some(w) => {
                let value = *w.get_ref();
                if value == 0 || value > 16 << 20 {
                    return Err(v.error(
                        w.span(),
                        msg!(
                            "out_of_range",
                            INSTANCE_RANGE_EN,
                            INSTANCE_RANGE_KO,
                            name = name,
                            field = "working_set_mib",
                            min = 1,
                            max = 16u64 << 20,
                            got = value
                        ),
                    ));
                }
                value
            }
        },
    })
}

pub(crate) fn validate_question(
    v: &Validator<'_>,
    q: &QuestionSection,
    platforms: &[PlatformSpec],
    instances: &[InstanceSpec],
    sweep: Option<&Sweep>,
) -> Result<Question, ScenarioError> {
    let id = q.id.get_ref().clone();
    let kind = *q.kind.get_ref();
    let metric = *q.metric.get_ref();
    if metric.needs_op() && q.op.is_none() {
        // At the metric that asks for it (the op goes beside it).
        return Err(v.error(
            q.metric.span(),
            msg!(
                "missing_op",
                "question `{id}`: metric `{metric}` needs op = one of the operation names (e.g. \"disk_read\")",
                "질문 `{id}`: 지표 `{metric}`에는 op = 연산 이름(예: \"disk_read\")이 필요합니다",
                id = id,
                metric = metric.name()
            ),
        ));
    }
    // Fields that do not apply to the question's kind or metric are errors, not ignored.
    if let (false, Some(op)) = (metric.needs_op(), &q.op) {
        return Err(v.error(
            op.span(),
            msg!(
                "not_applicable",
                "question `{id}`: op applies to the latency metrics only (mean_latency_us, p50_latency_us, p99_latency_us), not `{metric}`; remove it",
                "질문 `{id}`: op는 지연 지표(mean_latency_us, p50_latency_us, p99_latency_us)에만 해당하며 `{metric}`에는 해당하지 않습니다. 지우세요",
                id = id,
                field = "op",
                metric = metric.name()
            ),
        ));
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
        None => 5.0,
        Some(t) => {
            let value = *t.get_ref();
            if !(0.0..=100.0).contains(&value) {
                return Err(v.error(
                    t.span(),
                    msg!(
                        "out_of_range",
                        "question `{id}`: {field} must be between {min} and {max}; got {got}",
                        "질문 `{id}`: {field} 값은 {min}에서 {max} 사이여야 합니다. 입력값: {got}",
                        id = id,
                        field = "tolerance_percent",
                        min = 0,
                        max = 100,
                        got = value
                    ),
                ));
            }
            value
        }
    };
    let lookup = |name: &Spanned<String>| {
        platforms
            .iter()
            .position(|x| x.name == *name.get_ref())
            .ok_or_else(|| {
                v.error(
                    name.span(),
                    msg!(
                        "unknown_name",
                        "question `{id}`: unknown platform `{got}`; expected one of {expected}",
                        "질문 `{id}`: 알 수 없는 플랫폼 `{got}`입니다. 가능한 값: {expected}",
                        id = id,
                        got = name.get_ref(),
                        expected = names(platforms.iter().map(|x| x.name.as_str()))
                    ),
                )
            })
    };
    // Why platform `p` has no value of the metric, if it has none.
    let unanswerable = |p: usize| -> Option<Msg> {
        let platform = &platforms[p];
        if metric.name().starts_with("desktop_") && platform.stack.kind != PlatformKind::Vdi {
            return Some(msg!(
                "unanswerable",
                "question `{id}`: metric `{metric}` is measured on vdi platforms only, and `{platform}` is kind = \"{kind}\"",
                "질문 `{id}`: 지표 `{metric}`은(는) vdi 플랫폼에서만 측정되는데 `{platform}`은(는) kind = \"{kind}\"입니다",
                id = id,
                metric = metric.name(),
                platform = platform.name,
                kind = kind_name(platform.stack.kind)
            ));
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
                    "질문 `{id}`: 지표 `sweep_density`: 플랫폼 `{platform}`은(는) 스윕 대상 인스턴스 `{instance}`를 실행하지 않습니다",
                    id = id,
                    platform = platform.name,
                    instance = instances[sw.group].name
                )),
                Some(_) => None,
            };
        }
        if let (true, Some(op)) = (metric.needs_op(), &q.op) {
            let runs = instances.iter().any(|i| {
                i.platforms.contains(&p)
                    && i.workload
                        .mix
                        .weights()
                        .get(op.get_ref().index())
                        .is_some_and(|&w| w > 0)
            });
            if !runs {
                return Some(msg!(
                    "unanswerable",
                    "question `{id}`: no instance on platform `{platform}` runs `{op}`, so its latency has no value; pick an operation of its workloads",
                    "질문 `{id}`: 플랫폼 `{platform}`의 어떤 인스턴스도 `{op}`를 실행하지 않아 그 지연 값이 없습니다. 워크로드에 있는 연산을 고르세요",
                    id = id,
                    platform = platform.name,
                    op = op.get_ref().name()
                ));
            }
        }
        None
    };
    let metric_span = || {
        q.op.as_ref()
            .filter(|_| metric.needs_op())
            .map_or(q.metric.span(), |o| o.span())
    };
    let (platform, candidates) = match kind {
        QuestionKind::Numeric => {
            let Some(p) = &q.platform else {
                return Err(v.error(
                    q.kind.span(),
                    msg!(
                        "missing_platform",
                        "question `{id}`: a numeric question needs platform = one of {expected}",
                        "질문 `{id}`: 수치형(numeric) 질문에는 platform = 다음 중 하나가 필요합니다: {expected}",
                        id = id,
                        expected = names(platforms.iter().map(|x| x.name.as_str()))
                    ),
                ));
            };
            let index = lookup(p)?;
            if let Some(why) = unanswerable(index) {
                return Err(v.error(metric_span(), why));
            }
            (Some(index), (0..platforms.len()).collect::<Vec<usize>>())
        }
        QuestionKind::Choice => {
            let candidates: Vec<usize> = match &q.platforms {
                // Every option named must have a value.
                Some(list) => {
                    let mut out = Vec::new();
                    for name in list.get_ref() {
                        let index = lookup(name)?;
                        if let Some(why) = unanswerable(index) {
                            return Err(v.error(name.span(), why));
                        }
                        if !out.contains(&index) {
                            out.push(index);
                        }
                    }
                    out
                }
                // By default, the platforms that have a value.
                None => {
                    let all: Vec<usize> = (0..platforms.len()).collect();
                    let answerable: Vec<usize> = all
                        .iter()
                        .copied()
                        .filter(|&p| unanswerable(p).is_none())
                        .collect();
                    if answerable.is_empty() {
                        // No platform of the file could ever answer: say that, rather than
                        // what the first platform lacks.
                        if metric.name().starts_with("desktop_") {
                            return Err(v.error(
                                metric_span(),
                                msg!(
                                    "unanswerable",
                                    "question `{id}`: metric `{metric}` is measured on vdi platforms only, and this file has none (add a platform with kind = \"vdi\", or choose another metric)",
                                    "질문 `{id}`: 지표 `{metric}`은(는) vdi 플랫폼에서만 측정되는데 이 파일에는 vdi 플랫폼이 없습니다 (kind = \"vdi\"인 플랫폼을 추가하거나 다른 지표를 고르세요)",
                                    id = id,
                                    metric = metric.name()
                                ),
                            ));
                        }
                        let why = unanswerable(0).expect("no platform answers");
                        return Err(v.error(metric_span(), why));
                    }
                    answerable
                }
            };
            if candidates.len() < 2 {
                let span = q.platforms.as_ref().map_or(q.kind.span(), |p| p.span());
                return Err(v.error(
                    span,
                    msg!(
                        "too_few_options",
                        "question `{id}`: a choice question compares at least two platforms that have a value of its metric",
                        "질문 `{id}`: 선택형(choice) 질문은 그 지표 값이 있는 플랫폼 둘 이상을 비교합니다",
                        id = id
                    ),
                ));
            }
            (None, candidates)
        }
    };
    Ok(Question {
        id,
        text: q.text.clone(),
        kind,
        metric,
        op: q.op.as_ref().map(|o| *o.get_ref()),
        select: q.select.as_ref().map_or(Select::Lowest, |s| *s.get_ref()),
        candidates,
        platform,
        tolerance_percent,
        explanation: q.explanation.clone(),
    })
}

fn kind_name(kind: PlatformKind) -> &'static str {
    match kind {
        PlatformKind::Native => "native",
        PlatformKind::Type1 => "type1",
        PlatformKind::Type2 => "type2",
        PlatformKind::Container => "container",
        PlatformKind::Vdi => "vdi",
    }
}

fn validate_fault(
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
            return Err(v.error(
                f.kind.span(),
                msg!(
                    "missing_instance",
                    "a kernel_panic fault needs instance = the group whose code triggers it; one of {expected}",
                    "kernel_panic 장애에는 instance = 그 장애를 일으키는 그룹이 필요합니다. 다음 중 하나: {expected}",
                    expected = names(instances.iter().map(|i| i.name.as_str()))
                ),
            ))
        }
        (Some(i), FaultKind::HypervisorFailure | FaultKind::ServerFailure | FaultKind::OomKill) => {
            return Err(v.error(
                i.span(),
                msg!(
                    "not_applicable",
                    "instance applies to kernel_panic faults only; a {kind} takes the whole platform",
                    "instance는 kernel_panic 장애에만 해당합니다. {kind}는 플랫폼 전체를 멈춥니다",
                    field = "instance",
                    kind = kind.name()
                ),
            ))
        }
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
                            msg!(
                                "fault_instance_not_on_platform",
                                "fault: instance `{instance}` does not run on platform `{platform}`",
                                "fault: 인스턴스 `{instance}`는 플랫폼 `{platform}`에서 실행되지 않습니다",
                                instance = instances[i].name,
                                platform = p.get_ref()
                            ),
                        ));
                    }
                }
                out.push(index);
            }
            if out.is_empty() {
                return Err(v.error(
                    list.span(),
                    msg!(
                        "empty_list",
                        "fault: platforms is empty; omit it to mean every platform",
                        "fault: platforms가 비어 있습니다. 모든 플랫폼을 뜻하려면 지우세요"
                    ),
                ));
            }
            out
        }
    };
    if kind == FaultKind::HypervisorFailure {
        for &p in &chosen {
            if !platforms[p].stack.is_vm() {
                let span = f.platforms.as_ref().map_or(f.kind.span(), |l| l.span());
                let _ = raw_platforms;
                return Err(v.error(
                    span,
                    msg!(
                        "no_hypervisor",
                        "fault: platform `{platform}` (kind = \"{kind}\") has no hypervisor; use kernel_panic (its kernel) or server_failure (the whole host), or list only hypervisor platforms in platforms",
                        "fault: 플랫폼 `{platform}`(kind = \"{kind}\")에는 하이퍼바이저가 없습니다. kernel_panic(그 커널)이나 server_failure(호스트 전체)를 쓰거나, platforms에 하이퍼바이저 플랫폼만 나열하세요",
                        platform = platforms[p].name,
                        kind = kind_name(platforms[p].stack.kind)
                    ),
                ));
            }
        }
    }
    Ok(FaultSpec {
        at_ms,
        kind,
        instance,
        platforms: chosen,
    })
}

fn technique_name(t: Technique) -> &'static str {
    match t {
        Technique::BinaryTranslation => "binary_translation",
        Technique::HardwareAssist => "hardware_assist",
        Technique::Para => "para",
        Technique::Hybrid => "hybrid",
    }
}

fn os_name(os: GuestOs) -> &'static str {
    match os {
        GuestOs::Linux => "linux",
        GuestOs::Freebsd => "freebsd",
        GuestOs::Windows => "windows",
    }
}

/// A named workload preset: the machine's presets, then the desktop activities (resolved
/// here so that the workload model need not know desktops).
fn preset(name: &str) -> Option<Workload> {
    Workload::preset(name).or_else(|| crate::desktop::desktop_workload(name))
}
