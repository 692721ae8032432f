//! Validation: the file as written into the validated forms, with located errors.

use toml::Spanned;

use super::error::Key;
use super::format::{
    FaultSection, InstanceSection, PlatformSection, QuestionSection, ScenarioFile, SweepSection,
};
use super::limits::{
    cost_range, MAX_COMPUTE_CYCLES, MAX_CORES, MAX_DISK_BANDWIDTH_MB_S, MAX_DISK_IOPS,
    MAX_DURATION_MS, MAX_ESTIMATED_EVENTS, MAX_FAULTS, MAX_GROUP_RUNS, MAX_INSTANCES,
    MAX_LATENCY_US, MAX_NIC_BANDWIDTH_GBIT_S, MAX_PLATFORMS, MAX_SYSCALL_WORK_CYCLES,
    MAX_THINK_TIME_US, MAX_THREADS_PER_INSTANCE, MAX_TRANSFER_BYTES, MAX_VCPUS,
};
use super::{
    FaultSpec, Host, InstanceSpec, PlatformSpec, Question, Scenario, ScenarioError, Validator,
    VdiNetwork,
};
use crate::costs::CostTable;
use crate::isolation::FaultKind;
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
            format!("{field} must be between {min} and {max}; got {got}"),
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
                "names and ids must be 1 to 80 characters, not blank, without control characters",
            ));
        }
    }
    if raw.faults.len() > MAX_FAULTS {
        return Err(v.error(
            v.span_of(&[Key::Name("fault"), Key::Index(MAX_FAULTS)]),
            format!(
                "at most {MAX_FAULTS} [[fault]] sections per scenario; got {}",
                raw.faults.len()
            ),
        ));
    }
    let duration_ms = *s.duration_ms.get_ref();
    if duration_ms == 0 || duration_ms > MAX_DURATION_MS {
        return Err(v.error(
            s.duration_ms.span(),
            format!("duration_ms must be between 1 and {MAX_DURATION_MS}; got {duration_ms}"),
        ));
    }

    // Host.
    let h = &raw.host;
    let cores = *h.cores.get_ref();
    if cores == 0 || cores > MAX_CORES {
        return Err(v.error(
            h.cores.span(),
            format!("host.cores must be between 1 and {MAX_CORES}; got {cores}"),
        ));
    }
    let ghz = *h.clock_ghz.get_ref();
    if !(0.1..=10.0).contains(&ghz) {
        return Err(v.error(
            h.clock_ghz.span(),
            format!("host.clock_ghz must be between 0.1 and 10; got {ghz}"),
        ));
    }
    let memory_gib = *h.memory_gib.get_ref();
    if !(0.125..=65536.0).contains(&memory_gib) {
        return Err(v.error(
            h.memory_gib.span(),
            format!("host.memory_gib must be between 0.125 and 65536; got {memory_gib}"),
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
    let host = Host {
        cores,
        clock_mhz: libm::round(ghz * 1000.0) as u64,
        memory_mib: libm::round(memory_gib * 1024.0) as u64,
        cpu: h.cpu,
        vtx: h.vtx,
        ept: h.ept,
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
            "no platform: add at least one [[platform]] with kind = \"native\", \"type1\", \"type2\", \"container\" or \"vdi\"",
        ));
    }
    if raw.platforms.len() > MAX_PLATFORMS {
        return Err(v.error(
            raw.platforms[MAX_PLATFORMS].name.span(),
            format!("at most {MAX_PLATFORMS} platforms per scenario"),
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
                format!("platform `{}` is defined twice", p.name.get_ref()),
            ));
        }
        platforms.push(validate_platform(v, p, &host)?);
    }

    // Workloads.
    let mut workloads: Vec<Workload> = Vec::new();
    for w in &raw.workloads {
        let name = w.name.get_ref();
        if Workload::preset(name).is_some() || workloads.iter().any(|x| &x.name == name) {
            return Err(v.error(
                w.name.span(),
                format!("workload name `{name}` is already taken (by a preset or an earlier [[workload]])"),
            ));
        }
        let mut workload = match &w.base {
            Some(base) => Workload::preset(base.get_ref())
                .or_else(|| {
                    workloads
                        .iter()
                        .find(|x| &x.name == base.get_ref())
                        .cloned()
                })
                .ok_or_else(|| {
                    v.error(
                        base.span(),
                        format!(
                            "unknown base workload `{}`; expected one of {}",
                            base.get_ref(),
                            names(
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
        if workload.mix.total() == 0 {
            let span = w.mix.as_ref().map_or(w.name.span(), |m| m.span());
            return Err(v.error(
                span,
                format!("workload `{name}` has an empty mix: give at least one operation a weight above 0 (e.g. syscall = 1)"),
            ));
        }
        workloads.push(workload);
    }

    // Instances.
    if raw.instances.is_empty() {
        return Err(v.error(
            0..0,
            "no instance: add at least one [[instance]] with a name and a workload",
        ));
    }
    let mut instances: Vec<InstanceSpec> = Vec::new();
    for i in &raw.instances {
        if instances.iter().any(|x| x.name == *i.name.get_ref()) {
            return Err(v.error(
                i.name.span(),
                format!("instance `{}` is defined twice", i.name.get_ref()),
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

    // Per-platform totals: instances, vCPUs, memory.
    for (p_index, p) in platforms.iter().enumerate() {
        let mine: Vec<(&InstanceSpec, &InstanceSection)> = instances
            .iter()
            .zip(&raw.instances)
            .filter(|(i, _)| i.platforms.contains(&p_index))
            .collect();
        let span = raw.platforms[p_index].name.span();
        if mine.is_empty() {
            return Err(v.error(span, format!("platform `{}` runs no instance", p.name)));
        }
        let count: u64 = mine.iter().map(|(i, _)| u64::from(i.count)).sum();
        if count > MAX_INSTANCES {
            return Err(v.error(
                span,
                format!(
                    "platform `{}` has {count} instances; at most {MAX_INSTANCES} are simulated",
                    p.name
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
                format!(
                    "platform `{}` has {vcpus} vCPUs; at most {MAX_VCPUS} are simulated",
                    p.name
                ),
            ));
        }
        let memory: u64 = mine
            .iter()
            .map(|(i, _)| u64::from(i.count) * i.memory_mib)
            .sum();
        if memory > host.memory_mib {
            let (_, raw_inst) = mine
                .iter()
                .max_by_key(|(i, _)| u64::from(i.count) * i.memory_mib)
                .expect("non-empty");
            return Err(v.error(
                raw_inst.memory_gib.span(),
                format!(
                    "platform `{}` needs {} GiB for its instances but the host has {} GiB: lower memory_gib or count, or raise host.memory_gib",
                    p.name,
                    gib(memory),
                    gib(host.memory_mib)
                ),
            ));
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
                format!("question id `{}` is used twice", q.id.get_ref()),
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

    validate_costs(v, &raw.costs)?;
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
            format!(
                "this scenario runs {group_runs} instance groups over its platforms, baselines and sweep points (limit {MAX_GROUP_RUNS}): use fewer [[instance]] groups (raise count instead), fewer platforms or fewer sweep counts"
            ),
        ));
    }
    let events = scenario.estimated_events();
    if events > MAX_ESTIMATED_EVENTS {
        return Err(v.error(
            scenario.raw.scenario.duration_ms.span(),
            format!(
                "this scenario would need about {events} events (limit {MAX_ESTIMATED_EVENTS}): shorten duration_ms or use fewer instances"
            ),
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
                format!(
                    "costs.{name} must be between {low} and {high} {}; got {value}",
                    row.unit
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
                format!(
                    "sweep: unknown instance `{name}`; expected one of {}",
                    names(instances.iter().map(|i| i.name.as_str()))
                ),
            )
        })?;
    let counts = section.counts.get_ref();
    if counts.is_empty() || counts.len() > MAX_SWEEP_POINTS {
        return Err(v.error(
            section.counts.span(),
            format!(
                "sweep: counts must list 1 to {MAX_SWEEP_POINTS} instance counts; got {}",
                counts.len()
            ),
        ));
    }
    if counts.windows(2).any(|w| w[0] >= w[1]) || counts[0] == 0 {
        return Err(v.error(
            section.counts.span(),
            "sweep: counts must be at least 1 and strictly increasing, e.g. [1, 2, 4, 8]",
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
            format!(
                "sweep: {largest} copies of `{name}` exceed the limits ({MAX_INSTANCES} instances, {MAX_VCPUS} vCPUs per platform)"
            ),
        ));
    }
    if let Some(target) = section.p99_target_us {
        if !(target > 0.0 && target.is_finite()) {
            return Err(v.error(
                section.instance.span(),
                "sweep: p99_target_us must be a positive number of microseconds",
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
                format!("platform `{name}`: a hypervisor needs a technique: one of `binary_translation`, `hardware_assist`, `para`, `hybrid`"),
            ))
        }
        (PlatformKind::Native | PlatformKind::Container, Some((_, span))) => {
            return Err(v.error(
                span,
                format!("platform `{name}`: technique applies to type1, type2 and vdi platforms only; remove it for kind = \"{}\"", kind_name(kind)),
            ))
        }
        (_, t) => t,
    };
    if let Some((t, span)) = technique.clone() {
        if matches!(t, Technique::HardwareAssist | Technique::Hybrid) && !host.vtx {
            return Err(v.error(span, format!("platform `{name}`: {} needs host.vtx = true (VT-x/AMD-V); use `binary_translation` or `para` on this host", technique_name(t))));
        }
        if t == Technique::Para && kind == PlatformKind::Type2 {
            return Err(v.error(span, format!("platform `{name}`: paravirtualization needs a type-1 hypervisor that offers hypercalls; a type-2 host here runs `binary_translation`, `hardware_assist` or `hybrid`")));
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
                (PlatformKind::Native | PlatformKind::Container, _, _) => Some("io applies to hypervisors only; remove it".to_string()),
                (_, Some(Technique::Para), IoModel::Emulated) => Some("a paravirtualized guest has no emulated devices; use io = \"paravirtual\" or \"passthrough\"".to_string()),
                (_, Some(Technique::Hybrid), IoModel::Emulated) => Some("hybrid means paravirtual I/O drivers; use io = \"paravirtual\", or technique = \"hardware_assist\" for emulated I/O".to_string()),
                (PlatformKind::Type2, _, IoModel::Passthrough) => Some("passthrough needs a type-1 hypervisor with an IOMMU".to_string()),
                (_, _, IoModel::Passthrough) if !host.vtx => Some("passthrough needs an IOMMU, which comes with host.vtx = true".to_string()),
                (_, Some(Technique::BinaryTranslation), IoModel::Passthrough) => Some("passthrough needs hardware-assisted virtualization (`hardware_assist`, `hybrid` or `para`)".to_string()),
                _ => None,
            };
            if let Some(problem) = problem {
                return Err(v.error(io.span(), format!("platform `{name}`: {problem}")));
            }
            value
        }
    };
    let memory = match technique {
        None => MemoryVirtualization::None,
        Some(Technique::BinaryTranslation) => MemoryVirtualization::Shadow,
        Some(Technique::Para) => MemoryVirtualization::DirectPv,
        Some(_) if host.ept => MemoryVirtualization::Nested,
        Some(_) => MemoryVirtualization::Shadow,
    };
    let driver_domain = *p.driver_domain.get_ref();
    if driver_domain && kind != PlatformKind::Type1 {
        return Err(v.error(
            p.driver_domain.span(),
            format!("platform `{name}`: driver_domain applies to type1 hypervisors only"),
        ));
    }
    let background = *p.host_background_percent.get_ref();
    if background > 0 && kind != PlatformKind::Type2 {
        return Err(v.error(p.host_background_percent.span(), format!("platform `{name}`: host_background_percent applies to type2 hypervisors only (their host OS runs other programs)")));
    }
    if background > 95 {
        return Err(v.error(p.host_background_percent.span(), format!("platform `{name}`: host_background_percent must be between 0 and 95; got {background}")));
    }
    for (field, span) in [
        ("network", p.network.as_ref().map(|n| n.span())),
        ("storage", p.storage.as_ref().map(|n| n.span())),
    ] {
        if let Some(span) = span {
            if kind != PlatformKind::Container {
                return Err(v.error(
                    span,
                    format!("platform `{name}`: {field} applies to containers only"),
                ));
            }
        }
    }
    let microvm = *p.microvm.get_ref();
    if microvm {
        if kind != PlatformKind::Type1 {
            return Err(v.error(p.microvm.span(), format!("platform `{name}`: microvm applies to type1 platforms only (a minimal VMM on a type-1/KVM host)")));
        }
        if !matches!(
            technique,
            Some(Technique::HardwareAssist | Technique::Hybrid)
        ) || io == IoModel::Emulated
        {
            return Err(v.error(p.microvm.span(), format!("platform `{name}`: a microVM has no emulated devices and needs VT-x: use technique = \"hybrid\" (virtio drivers on a hardware-assisted CPU)")));
        }
    }
    let vdi_fields = [
        ("protocol", p.protocol.as_ref().map(|x| x.span())),
        ("rtt_ms", p.rtt_ms.as_ref().map(|x| x.span())),
        (
            "client_bandwidth_mbit_s",
            p.client_bandwidth_mbit_s.as_ref().map(|x| x.span()),
        ),
        ("loss_percent", p.loss_percent.as_ref().map(|x| x.span())),
    ];
    if kind != PlatformKind::Vdi {
        if let Some((field, Some(span))) = vdi_fields.iter().find(|(_, s)| s.is_some()) {
            return Err(v.error(
                span.clone(),
                format!("platform `{name}`: {field} applies to kind = \"vdi\" platforms only"),
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
                        Err(v.error(x.span(), format!("platform `{name}`: {what} must be between {min} and {max}; got {value}")))
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
        Some(VdiNetwork {
            protocol: p
                .protocol
                .as_ref()
                .map_or(DisplayProtocol::default(), |x| *x.get_ref()),
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
                    format!(
                        "platform `{name}`: time_slice_ms must be between 1 and 1000; got {value}"
                    ),
                ));
            }
            value
        }
        None => match scheduler {
            SchedulerKind::Credit => 30,
            SchedulerKind::Fair => 24,
            SchedulerKind::RoundRobin => 10,
        },
    };
    Ok(PlatformSpec {
        name,
        label: p.label.clone(),
        stack: Stack {
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
        },
        scheduler,
        time_slice_ms,
        host_background_percent: background,
        vdi,
    })
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
                    format!(
                        "instance `{name}`: platforms is empty; omit it to run on every platform"
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
                            format!(
                                "instance `{name}`: unknown platform `{}`; expected one of {}",
                                p.get_ref(),
                                names(platforms.iter().map(|x| x.name.as_str()))
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
            format!("instance `{name}`: count must be between 1 and {MAX_INSTANCES}; got {count}"),
        ));
    }
    let vcpus = *i.vcpus.get_ref();
    if vcpus == 0 || vcpus > MAX_THREADS_PER_INSTANCE {
        return Err(v.error(i.vcpus.span(), format!("instance `{name}`: vcpus must be between 1 and {MAX_THREADS_PER_INSTANCE}; got {vcpus}")));
    }
    let threads = match &i.threads {
        None => vcpus,
        Some(t) => {
            let value = *t.get_ref();
            if value == 0 || value > MAX_THREADS_PER_INSTANCE {
                return Err(v.error(t.span(), format!("instance `{name}`: threads must be between 1 and {MAX_THREADS_PER_INSTANCE}; got {value}")));
            }
            value
        }
    };
    let memory_gib = *i.memory_gib.get_ref();
    if !(memory_gib > 0.0 && memory_gib <= 65536.0) {
        return Err(v.error(
            i.memory_gib.span(),
            format!(
                "instance `{name}`: memory_gib must be above 0 and at most 65536; got {memory_gib}"
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
                format!(
                    "instance `{name}`: {} cannot run on platform `{}` (technique = \"para\"): paravirtualization needs a modified guest kernel, and the {} kernel cannot be modified (OS 수정 필요 → 호환성 제한). Use technique = \"hybrid\" (PV drivers on a hardware-assisted CPU) or \"hardware_assist\"",
                    os_name(guest_os), platforms[p].name, os_name(guest_os)
                ),
            ));
        }
    }
    let workload_name = i.workload.get_ref();
    let workload = Workload::preset(workload_name)
        .or_else(|| workloads.iter().find(|w| &w.name == workload_name).cloned())
        .ok_or_else(|| {
            v.error(
                i.workload.span(),
                format!(
                    "instance `{name}`: unknown workload `{workload_name}`; expected a preset ({}) or a [[workload]] name{}",
                    names(PRESET_NAMES.iter().chain(crate::vdi::DESKTOP_PRESETS.iter())),
                    if workloads.is_empty() { String::new() } else { format!(" ({})", names(workloads.iter().map(|w| w.name.as_str()))) }
                ),
            )
        })?;
    for &p in &platform_indices {
        if platforms[p].stack.kind == PlatformKind::Vdi
            && !crate::vdi::DESKTOP_PRESETS.contains(&workload.name.as_str())
        {
            return Err(v.error(
                i.workload.span(),
                format!(
                    "instance `{name}` runs on VDI platform `{}`: its workload must be a desktop activity, one of {}; got `{}`",
                    platforms[p].name,
                    names(crate::vdi::DESKTOP_PRESETS),
                    workload.name
                ),
            ));
        }
    }
    let pin = match &i.pin {
        None => None,
        Some(pin) => {
            let list = pin.get_ref();
            if list.len() != vcpus as usize {
                return Err(v.error(pin.span(), format!("instance `{name}`: pin lists {} pCPUs but the instance has {vcpus} vCPUs; give one pCPU per vCPU", list.len())));
            }
            if let Some(bad) = list.iter().find(|&&c| c >= host.cores) {
                return Err(v.error(
                    pin.span(),
                    format!(
                        "instance `{name}`: pin names pCPU {bad} but the host has pCPUs 0 to {}",
                        host.cores - 1
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
            format!("instance `{name}`: weight must be between 1 and 65535; got {weight}"),
        ));
    }
    let cap_percent = *i.cap_percent.get_ref();
    if cap_percent > 100 {
        return Err(v.error(i.cap_percent.span(), format!("instance `{name}`: cap_percent is per vCPU, between 0 (no cap) and 100; got {cap_percent}")));
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
                    return Err(v.error(w.span(), format!("instance `{name}`: working_set_mib must be between 1 and {}; got {value}", 16u64 << 20)));
                }
                value
            }
        },
    })
}

fn validate_question(
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
        return Err(v.error(q.id.span(), format!("question `{id}`: metric `{}` needs op = one of the operation names (e.g. \"disk_read\")", metric.name())));
    }
    // Fields that do not apply to the question's kind or metric are errors, not ignored.
    if let (false, Some(op)) = (metric.needs_op(), &q.op) {
        return Err(v.error(
            op.span(),
            format!(
                "question `{id}`: op applies to the latency metrics only (mean_latency_us, p50_latency_us, p99_latency_us), not `{}`; remove it",
                metric.name()
            ),
        ));
    }
    match kind {
        QuestionKind::Numeric => {
            if let Some(select) = &q.select {
                return Err(v.error(
                    select.span(),
                    format!("question `{id}`: select applies to choice questions only; remove it"),
                ));
            }
            if let Some(list) = &q.platforms {
                return Err(v.error(
                    list.span(),
                    format!("question `{id}`: platforms applies to choice questions only; a numeric question asks one platform = \"name\""),
                ));
            }
        }
        QuestionKind::Choice => {
            if let Some(p) = &q.platform {
                return Err(v.error(
                    p.span(),
                    format!("question `{id}`: platform applies to numeric questions only; a choice question lists its options in platforms = [...]"),
                ));
            }
            if let Some(t) = &q.tolerance_percent {
                return Err(v.error(
                    t.span(),
                    format!("question `{id}`: tolerance_percent applies to numeric questions only; remove it"),
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
                    format!(
                        "question `{id}`: tolerance_percent must be between 0 and 100; got {value}"
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
                    format!(
                        "question `{id}`: unknown platform `{}`; expected one of {}",
                        name.get_ref(),
                        names(platforms.iter().map(|x| x.name.as_str()))
                    ),
                )
            })
    };
    // Why platform `p` has no value of the metric, if it has none.
    let unanswerable = |p: usize| -> Option<String> {
        let platform = &platforms[p];
        if metric.name().starts_with("desktop_") && platform.stack.kind != PlatformKind::Vdi {
            return Some(format!(
                "metric `{}` is measured on vdi platforms only, and `{}` is kind = \"{}\"",
                metric.name(),
                platform.name,
                kind_name(platform.stack.kind)
            ));
        }
        if metric == Metric::SweepDensity {
            return match sweep {
                None => Some("metric `sweep_density` needs a [sweep] section".to_string()),
                Some(sw) if !instances[sw.group].platforms.contains(&p) => Some(format!(
                    "metric `sweep_density`: platform `{}` does not run the swept instance `{}`",
                    platform.name, instances[sw.group].name
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
                return Some(format!(
                    "no instance on platform `{}` runs `{}`, so its latency has no value; pick an operation of its workloads",
                    platform.name,
                    op.get_ref().name()
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
                    format!(
                        "question `{id}`: a numeric question needs platform = one of {}",
                        names(platforms.iter().map(|x| x.name.as_str()))
                    ),
                ));
            };
            let index = lookup(p)?;
            if let Some(why) = unanswerable(index) {
                return Err(v.error(metric_span(), format!("question `{id}`: {why}")));
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
                            return Err(v.error(name.span(), format!("question `{id}`: {why}")));
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
                        let why = unanswerable(0).unwrap_or_default();
                        return Err(v.error(metric_span(), format!("question `{id}`: {why}")));
                    }
                    answerable
                }
            };
            if candidates.len() < 2 {
                let span = q.platforms.as_ref().map_or(q.kind.span(), |p| p.span());
                return Err(v.error(
                    span,
                    format!("question `{id}`: a choice question compares at least two platforms that have a value of its metric"),
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
    let kind = *f.kind.get_ref();
    let at_ms = *f.at_ms.get_ref();
    if at_ms == 0 || at_ms >= duration_ms {
        return Err(v.error(
            f.at_ms.span(),
            format!(
                "fault at_ms must be between 1 and duration_ms - 1 ({}); got {at_ms}",
                duration_ms.saturating_sub(1)
            ),
        ));
    }
    let instance = match (&f.instance, kind) {
        (None, FaultKind::KernelPanic) => {
            return Err(v.error(
                f.kind.span(),
                format!(
                "a kernel_panic fault needs instance = the group whose code triggers it; one of {}",
                names(instances.iter().map(|i| i.name.as_str()))
            ),
            ))
        }
        (Some(i), FaultKind::HypervisorFailure | FaultKind::ServerFailure) => {
            return Err(v.error(
                i.span(),
                format!(
                    "instance applies to kernel_panic faults only; a {} takes the whole platform",
                    kind.name()
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
                        format!(
                            "fault: unknown instance `{}`; expected one of {}",
                            i.get_ref(),
                            names(instances.iter().map(|i| i.name.as_str()))
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
                            format!(
                                "fault: copy must be between 1 and {} (count of `{}`); got {value}",
                                instances[index].count, instances[index].name
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
            "copy applies to kernel_panic faults with an instance only",
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
                            format!(
                                "fault: unknown platform `{}`; expected one of {}",
                                p.get_ref(),
                                names(platforms.iter().map(|x| x.name.as_str()))
                            ),
                        )
                    })?;
                if let Some((i, _)) = instance {
                    if !instances[i].platforms.contains(&index) {
                        return Err(v.error(
                            p.span(),
                            format!(
                                "fault: instance `{}` does not run on platform `{}`",
                                instances[i].name,
                                p.get_ref()
                            ),
                        ));
                    }
                }
                out.push(index);
            }
            if out.is_empty() {
                return Err(v.error(
                    list.span(),
                    "fault: platforms is empty; omit it to mean every platform",
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
                return Err(v.error(span, format!("fault: platform `{}` (kind = \"{}\") has no hypervisor; use kernel_panic (its kernel) or server_failure (the whole host), or list only hypervisor platforms in platforms", platforms[p].name, kind_name(platforms[p].stack.kind))));
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
