//! The validated form checked again before a run: a [`Scenario`]'s fields are public, and
//! one changed by hand (`s.host.cores = 0`, `s.instances.clear()`) has not been through
//! the file's validation.
//!
//! [`check`] reads the fields themselves, not the text: a text left empty or a placeholder
//! in it that is none or names what the scenario lacks, every range and
//! count the file's
//! validation enforces on them (a workload's fields within its `[[workload]]` keys'
//! ranges, a VDI network's within its keys'), with its messages (no location: the value
//! is written nowhere), a stack's technique and I/O as the file's `technique` and `io` are
//! checked, a question's platforms and a fault's as the file's, the indices that tie
//! instances, questions, faults and the sweep to platforms and groups (out of range, they
//! would panic), and the memory and event budgets. The checks are the validator's own
//! functions where the file's check does not need the text. A stack's other settings
//! (driver domain, back end, microVM, nesting, enlightenments) and the memory a platform
//! commits are the file's and `adjusted`'s to check. It costs about what the event
//! estimate costs, far less than a run.

use super::fault::{
    instance_not_applicable, instance_not_on_platform, missing_instance, no_hypervisor,
    no_platforms,
};
use super::host::lacks_feature;
use super::instance::{
    cap_percent_msg, guest_not_paravirtualizable, guest_os_unsupported, memory_gib_msg, pin_count,
    pin_out_of_range, vdi_needs_desktop_workload,
};
use super::memory::{migrates, migration_not_applicable, migration_out_of_range};
use super::platform::{
    background_not_applicable, default_io, hosted_design_problem, io_problem, technique_problem,
};
use super::question::{
    missing_op, missing_platform, op_not_applicable, tolerance_out_of_range, too_few_options,
    unanswerable,
};
use super::workload::{empty_mix, workload_out_of_range};
use super::{
    duplicate_instance, duplicate_platform, duplicate_question, name_rule_broken, no_instance,
    no_platform, over_budget, platform_totals, range_msg, too_many_faults, too_many_platforms,
    too_many_questions, INSTANCE_RANGE_EN, INSTANCE_RANGE_KO, PLATFORM_RANGE_EN, PLATFORM_RANGE_KO,
};
use crate::hardware::CpuFeatures;
use crate::isolation::FaultKind;
use crate::platform::{HostedDesign, PlatformKind, Technique};
use crate::question::QuestionKind;
use crate::scenario::error::{msg, Msg};
use crate::scenario::limits::{
    MAX_CORES, MAX_DISK_BANDWIDTH_MB_S, MAX_DISK_IOPS, MAX_DURATION_MS, MAX_FAULTS, MAX_INSTANCES,
    MAX_LATENCY_US, MAX_NIC_BANDWIDTH_GBIT_S, MAX_PLATFORMS, MAX_QUESTIONS,
    MAX_THREADS_PER_INSTANCE,
};
use crate::scenario::{Scenario, ScenarioError, Validator};

/// The first text of `s` left empty or only whitespace by hand, as the file's validation
/// words it ([`super::empty_texts`]: the title, the description, a platform's label, a
/// question's text or explanation).
fn empty_text(v: &Validator<'_>, s: &Scenario) -> Option<ScenarioError> {
    (super::scenario_texts(s).iter()).find_map(|t| {
        let owner = (t.owner.0.as_str(), t.owner.1.as_str());
        super::empty_texts(v, t.text, &t.path, owner)
            .into_iter()
            .next()
    })
}

/// The first placeholder of a text of `s` that quotes the run (the description, a
/// question's text or explanation: [`super::placeholder`]) that is none or names what `s`
/// lacks: a `{` that opens none, an unknown metric, platform or operation, an operation
/// missing or where none applies. Not whether the platform has a value of the metric: a
/// setting's change may take it away (another workload, without the operation quoted),
/// and the figure then shows as "…", as a question it leaves without an answer is
/// dropped (`Scenario::adjusted`).
fn placeholder_problem(v: &Validator<'_>, s: &Scenario) -> Option<ScenarioError> {
    let names_only = super::placeholder::Known {
        names: s.platforms.iter().map(|p| p.name.as_str()).collect(),
        all: None,
    };
    (super::scenario_texts(s).iter())
        .filter(|t| t.fills)
        .find_map(|t| {
            super::placeholder::text_placeholder_errors(v, t, &names_only)
                .into_iter()
                .next()
        })
}

/// The first thing wrong with `s`'s values, as the file's validation words it.
pub(crate) fn check(s: &Scenario) -> Result<(), ScenarioError> {
    let v = Validator::unlocated(&s.file_name);
    let fail = |m: Msg| Err(v.error(0..0, m));
    let names = std::iter::once(s.name.as_str())
        .chain(s.platforms.iter().map(|p| p.name.as_str()))
        .chain(s.instances.iter().map(|i| i.name.as_str()))
        .chain(s.questions.iter().map(|q| q.id.as_str()));
    for name in names {
        if let Some(e) = name_rule_broken(&v, name, 0..0) {
            return Err(e);
        }
    }
    if let Some(e) = empty_text(&v, s) {
        return Err(e);
    }
    if s.faults.len() > MAX_FAULTS {
        return fail(too_many_faults(s.faults.len()));
    }
    if s.questions.len() > MAX_QUESTIONS {
        return fail(too_many_questions(s.questions.len()));
    }
    if s.duration_ms == 0 || s.duration_ms > MAX_DURATION_MS {
        return fail(range_msg("duration_ms", 1, MAX_DURATION_MS, s.duration_ms));
    }
    if let Some(m) = host(s) {
        return fail(m);
    }
    if s.platforms.is_empty() {
        return fail(no_platform());
    }
    if s.platforms.len() > MAX_PLATFORMS {
        return fail(too_many_platforms());
    }
    for (index, p) in s.platforms.iter().enumerate() {
        if s.platforms[..index].iter().any(|q| q.name == p.name) {
            return fail(duplicate_platform(&p.name));
        }
        if let Some(m) = platform(p, &s.host) {
            return fail(m);
        }
    }
    if let Some(e) = placeholder_problem(&v, s) {
        return Err(e);
    }
    if s.instances.is_empty() {
        return fail(no_instance());
    }
    for (index, i) in s.instances.iter().enumerate() {
        if s.instances[..index].iter().any(|x| x.name == i.name) {
            return fail(duplicate_instance(&i.name));
        }
        if let Some(m) = instance(s, i) {
            return fail(m);
        }
    }
    super::costs::validate_costs(&v, &s.costs)?;
    for (index, p) in s.platforms.iter().enumerate() {
        let mine: Vec<_> = (s.instances.iter())
            .filter(|i| i.platforms.contains(&index))
            .collect();
        if let Some((m, _)) = platform_totals(&p.name, &mine) {
            return fail(m);
        }
        if let Some(m) = p.migration.as_ref().and_then(|m| migration(s, index, m)) {
            return fail(m);
        }
    }
    if let Some(sweep) = &s.sweep {
        if sweep.group >= s.instances.len() {
            return fail(index_msg(
                "sweep",
                "instance group",
                sweep.group,
                s.instances.len(),
            ));
        }
        let increasing = sweep.counts.windows(2).all(|w| w[0] < w[1]);
        let fits = sweep
            .counts
            .iter()
            .all(|&c| (1..=MAX_INSTANCES as u32).contains(&c));
        if sweep.counts.is_empty() || !increasing || !fits {
            return fail(msg!(
                "out_of_range",
                "sweep: counts must be 1 to {max} each, strictly increasing; got {got}",
                "sweep: counts는 각각 1~{max}이고 순서대로 커져야 합니다. 입력: {got}",
                max = MAX_INSTANCES,
                got = format!("{:?}", sweep.counts)
            ));
        }
    }
    for (index, q) in s.questions.iter().enumerate() {
        if s.questions[..index].iter().any(|x| x.id == q.id) {
            return fail(duplicate_question(&q.id));
        }
        if let Some(m) = question(s, q) {
            return fail(m);
        }
    }
    for f in &s.faults {
        if let Some(m) = fault(s, f) {
            return fail(m);
        }
    }
    match over_budget(s) {
        Some(m) => fail(m),
        None => Ok(()),
    }
}

/// An index into a list of `len` that is not in it: a scenario's fields tie instances,
/// questions, faults and the sweep to platforms and groups by index.
fn index_msg(owner: &str, what: &str, index: usize, len: usize) -> Msg {
    msg!(
        "index_out_of_range",
        "{owner}: {what} {index} does not exist; the scenario has {len}, numbered from 0",
        "{owner}: {what} {index}이(가) 없습니다. 시나리오에는 0번부터 {len}개가 있습니다",
        owner = owner,
        what = what,
        index = index,
        len = len
    )
}

fn host(s: &Scenario) -> Option<Msg> {
    let h = &s.host;
    if h.cores == 0 || h.cores > MAX_CORES {
        return Some(range_msg("host.cores", 1, MAX_CORES, h.cores));
    }
    // In the keys' units (GHz, GiB), with the fields' own values beside.
    if !(100..=10_000).contains(&h.clock_mhz) {
        let ghz = h.clock_mhz as f64 / 1000.0;
        let got = in_key_unit(ghz, "GHz", "clock_mhz", h.clock_mhz);
        return Some(range_msg("host.clock_ghz", 0.1, 10, got));
    }
    if !(128..=65536 * 1024).contains(&h.memory_mib) {
        let gib = h.memory_mib as f64 / 1024.0;
        let got = in_key_unit(gib, "GiB", "memory_mib", h.memory_mib);
        return Some(range_msg("host.memory_gib", 0.125, 65536, got));
    }
    let ranges = [
        ("host.disk.latency_us", h.disk_latency_us, 0, MAX_LATENCY_US),
        ("host.disk.iops", h.disk_iops, 1, MAX_DISK_IOPS),
        (
            "host.disk.bandwidth_mb_s",
            h.disk_bandwidth_mb_s,
            1,
            MAX_DISK_BANDWIDTH_MB_S,
        ),
        ("host.nic.latency_us", h.nic_latency_us, 0, MAX_LATENCY_US),
        (
            "host.nic.bandwidth_gbit_s",
            h.nic_bandwidth_gbit_s,
            1,
            MAX_NIC_BANDWIDTH_GBIT_S,
        ),
        ("host.shared_cache_mib", h.shared_cache_mib, 1, 1024),
    ];
    for (field, got, min, max) in ranges {
        if got < min || got > max {
            return Some(range_msg(field, min, max, got));
        }
    }
    // A feature on that the generation does not have (it can only be turned off).
    let has = h.cpu.features();
    let features: [Feature; 11] = [
        ("vtx", ("VT-x", "VT-x"), |f| f.vtx),
        ("ept", ("EPT", "EPT"), |f| f.ept),
        ("vpid", ("VPID", "VPID"), |f| f.vpid),
        (
            "unrestricted_guest",
            ("unrestricted guest", "unrestricted guest"),
            |f| f.unrestricted_guest,
        ),
        ("tpr_shadow", ("TPR shadow", "TPR shadow"), |f| f.tpr_shadow),
        (
            "tsc_offsetting",
            ("TSC offsetting", "TSC offsetting"),
            |f| f.tsc_offsetting,
        ),
        ("apicv", ("APIC virtualization", "APIC 가상화"), |f| {
            f.apicv
        }),
        (
            "posted_interrupts",
            ("VT-d posted interrupts", "VT-d 포스티드 인터럽트"),
            |f| f.posted_interrupts,
        ),
        (
            "ple",
            ("pause-loop exiting", "PAUSE 루프 exit(PLE)"),
            |f| f.ple,
        ),
        (
            "vmcs_shadowing",
            ("VMCS shadowing", "VMCS 섀도잉"),
            |f| f.vmcs_shadowing,
        ),
        (
            "pml",
            ("page-modification logging", "페이지 수정 로깅(PML)"),
            |f| f.pml,
        ),
    ];
    features
        .into_iter()
        .find(|(_, _, pick)| pick(h.features) && !pick(has))
        .map(|(field, what, pick)| lacks_feature(h.cpu, field, what, pick))
}

/// A CPU feature: its `[host]` key, its name in English and Korean, and it in
/// [`CpuFeatures`].
type Feature = (
    &'static str,
    (&'static str, &'static str),
    fn(CpuFeatures) -> bool,
);

fn platform(p: &crate::scenario::PlatformSpec, host: &crate::scenario::Host) -> Option<Msg> {
    let stack = &p.stack;
    if let Some(m) = technique_problem(&p.name, stack.kind, stack.technique, host) {
        return Some(m);
    }
    // A platform's default I/O is valid; another is checked as the file's io = "..." is.
    if stack.io != default_io(stack.kind, stack.technique) {
        if let Some(m) = io_problem(&p.name, stack.kind, stack.technique, stack.io, host) {
            return Some(m);
        }
    }
    let ranges: [(&str, u64, u64, u64); 8] = [
        ("time_slice_ms", p.time_slice_ms, 1, 1000),
        (
            "dom0_vcpus",
            u64::from(p.dom0.vcpus),
            1,
            u64::from(host.cores.max(1)),
        ),
        ("dom0_weight", u64::from(p.dom0.weight), 1, 65_535),
        (
            "host_background_percent",
            u64::from(p.host_background_percent),
            0,
            95,
        ),
        ("running_for_s", p.running_for_s, 0, 2_592_000),
        ("halt_poll_us", p.stack.halt_poll_us, 0, 10_000),
        ("irq_coalesce_us", p.stack.irq_coalesce_us, 0, 10_000),
        (
            "irq_coalesce_frames",
            u64::from(p.stack.irq_coalesce_frames),
            0,
            256,
        ),
    ];
    let out = |field: &str, min: &dyn ToString, max: &dyn ToString, got: String| {
        msg!(
            "out_of_range",
            PLATFORM_RANGE_EN,
            PLATFORM_RANGE_KO,
            name = p.name,
            field = field,
            min = min.to_string(),
            max = max.to_string(),
            got = got
        )
    };
    if let Some((field, got, min, max)) = ranges
        .into_iter()
        .find(|&(_, got, min, max)| got < min || got > max)
    {
        return Some(out(field, &min, &max, got.to_string()));
    }
    // Only a type-2 host runs other programs beside its VMs: elsewhere the share would be
    // reported but never run (the file's validation refuses it the same way).
    if p.host_background_percent > 0 && stack.kind != PlatformKind::Type2 {
        return Some(background_not_applicable(&p.name));
    }
    // The default design is every kind's (it means nothing but on type 2); another is
    // checked as the file's hosted_design = "..." is.
    if stack.hosted_design != HostedDesign::WorldSwitch {
        if let Some(m) =
            hosted_design_problem(&p.name, stack.kind, stack.technique, stack.hosted_design)
        {
            return Some(m);
        }
    }
    // A VDI network's fields hold its keys' values in other units (rtt_ms as rtt_us):
    // the key's range, and the value in the key's unit beside the field's own.
    let n = p.vdi.as_ref()?;
    let vdi: [(&str, f64, f64, f64, &str, &str, u64); 4] = [
        ("rtt_ms", 1000.0, 0.0, 2000.0, "ms", "rtt_us", n.rtt_us),
        (
            "client_bandwidth_mbit_s",
            1000.0,
            0.064,
            100_000.0,
            "Mbit/s",
            "client_bandwidth_kbit_s",
            n.client_bandwidth_kbit_s,
        ),
        (
            "loss_percent",
            10_000.0,
            0.0,
            50.0,
            "%",
            "loss_ppm",
            n.loss_ppm,
        ),
        (
            "frame_rate",
            1.0,
            1.0,
            120.0,
            "",
            "frame_rate",
            n.frame_rate,
        ),
    ];
    vdi.into_iter()
        .find(|&(_, per, min, max, _, _, got)| !(min..=max).contains(&(got as f64 / per)))
        .map(|(key, per, min, max, unit, field, got)| {
            let shown = if key == field {
                got.to_string()
            } else {
                in_key_unit(got as f64 / per, unit, field, got)
            };
            out(key, &min, &max, shown)
        })
}

/// A value of a field whose file key has another unit, for a message about the key: the
/// value in the key's unit, then the field's own (`0 GHz (clock_mhz = 0)`), so that a
/// Rust user reads what the field holds.
fn in_key_unit(in_key: f64, unit: &str, field: &str, got: u64) -> String {
    format!("{in_key} {unit} ({field} = {got})")
}

fn instance(s: &Scenario, i: &crate::scenario::InstanceSpec) -> Option<Msg> {
    let name = &i.name;
    if i.platforms.is_empty() {
        return Some(msg!(
            "out_of_range",
            "instance `{name}`: platforms must name at least one platform",
            "인스턴스 `{name}`: platforms에 플랫폼을 하나 이상 적어야 합니다",
            name = name
        ));
    }
    let owner = format!("instance `{name}`");
    if let Some(&p) = i.platforms.iter().find(|&&p| p >= s.platforms.len()) {
        return Some(index_msg(&owner, "platform", p, s.platforms.len()));
    }
    let ranges: [(&str, u64, u64, u64); 5] = [
        ("count", u64::from(i.count), 1, MAX_INSTANCES),
        (
            "vcpus",
            u64::from(i.vcpus),
            1,
            u64::from(MAX_THREADS_PER_INSTANCE),
        ),
        (
            "threads",
            u64::from(i.threads),
            1,
            u64::from(MAX_THREADS_PER_INSTANCE),
        ),
        ("weight", u64::from(i.weight), 1, 65535),
        ("working_set_mib", i.working_set_mib, 1, 16 << 20),
    ];
    if let Some((field, got, min, max)) = ranges
        .into_iter()
        .find(|&(_, got, min, max)| got < min || got > max)
    {
        return Some(msg!(
            "out_of_range",
            INSTANCE_RANGE_EN,
            INSTANCE_RANGE_KO,
            name = name,
            field = field,
            min = min,
            max = max,
            got = got
        ));
    }
    if i.memory_mib == 0 || i.memory_mib > 65536 * 1024 {
        let gib = i.memory_mib as f64 / 1024.0;
        return Some(memory_gib_msg(
            name,
            in_key_unit(gib, "GiB", "memory_mib", i.memory_mib),
        ));
    }
    if i.cap_percent > 100 {
        return Some(cap_percent_msg(name, i.cap_percent));
    }
    if let Some(pin) = &i.pin {
        if pin.len() != i.vcpus as usize {
            return Some(pin_count(name, pin.len(), i.vcpus));
        }
        if let Some(&bad) = pin.iter().find(|&&c| c >= s.host.cores) {
            return Some(pin_out_of_range(name, bad, s.host.cores));
        }
    }
    if let Some(m) = workload_out_of_range(&i.workload) {
        return Some(m);
    }
    let desktop = crate::desktop::DESKTOP_PRESETS.contains(&i.workload.name.as_str());
    if i.workload.mix.total() == 0 && !desktop {
        return Some(empty_mix(&i.workload.name));
    }
    for &p in &i.platforms {
        let platform = &s.platforms[p];
        let para = platform.stack.technique == Some(Technique::Para);
        if para && !i.guest_os.can_be_paravirtualized() {
            return Some(guest_not_paravirtualizable(
                name,
                i.guest_os,
                &platform.name,
            ));
        }
        if let Some(m) = guest_os_unsupported(name, i.guest_os, &platform.name, &platform.stack) {
            return Some(m);
        }
        if platform.stack.kind == PlatformKind::Vdi && !desktop {
            return Some(vdi_needs_desktop_workload(
                name,
                &platform.name,
                &i.workload.name,
            ));
        }
    }
    None
}

/// What is wrong with platform `index`'s migration `m`: a kind that does not migrate, a
/// group it does not run (or a machine index other than the group's first copy's), values
/// out of range.
fn migration(s: &Scenario, index: usize, m: &crate::memory::MigrationSpec) -> Option<Msg> {
    let p = &s.platforms[index];
    if !migrates(p.stack.kind) {
        return Some(migration_not_applicable(p));
    }
    let owner = format!("platform `{}`: migration", p.name);
    let runs = |i: &&crate::scenario::InstanceSpec| i.platforms.contains(&index);
    if !s.instances.get(m.group).is_some_and(|i| runs(&i)) {
        return Some(index_msg(
            &owner,
            "instance group",
            m.group,
            s.instances.len(),
        ));
    }
    // The machine index of the group's first copy: the copies of the platform's groups
    // before it.
    let first: u32 = (s.instances[..m.group].iter().filter(runs))
        .map(|i| i.count)
        .sum();
    if m.instance != first {
        return Some(msg!(
            "index_out_of_range",
            "{owner}: instance {got} is not the first copy of group {group} (`{name}`) on this platform, which is machine instance {first}",
            "{owner}: instance {got}은(는) 이 플랫폼에서 그룹 {group}(`{name}`)의 첫 복사본이 아닙니다. 첫 복사본은 머신 인스턴스 {first}입니다",
            owner = owner,
            got = m.instance,
            group = m.group,
            name = s.instances[m.group].name,
            first = first
        ));
    }
    migration_out_of_range(m.link_gbit_s, m.max_downtime_ms, m.max_rounds).map(|(_, m)| m)
}

fn question(s: &Scenario, q: &crate::scenario::Question) -> Option<Msg> {
    let owner = format!("question `{}`", q.id);
    let platforms = s.platforms.len();
    if let Some(&p) = (q.candidates.iter().chain(&q.platform)).find(|&&p| p >= platforms) {
        return Some(index_msg(&owner, "platform", p, platforms));
    }
    match (q.metric.needs_op(), q.op) {
        (true, None) => return Some(missing_op(&q.id, q.metric, &s.instances)),
        (false, Some(_)) => return Some(op_not_applicable(&q.id, q.metric)),
        _ => {}
    }
    if !(0.0..=100.0).contains(&q.tolerance_percent) {
        return Some(tolerance_out_of_range(&q.id, q.tolerance_percent));
    }
    let why_not = |p: usize| {
        unanswerable(
            &q.id,
            q.metric,
            q.op,
            p,
            &s.platforms,
            &s.instances,
            s.sweep.as_ref(),
        )
    };
    match q.kind {
        QuestionKind::Numeric => match q.platform {
            None => Some(missing_platform(&q.id, &s.platforms)),
            Some(p) => why_not(p),
        },
        QuestionKind::Choice => {
            let mut distinct = q.candidates.clone();
            distinct.sort_unstable();
            distinct.dedup();
            if distinct.len() < 2 {
                return Some(too_few_options(&q.id));
            }
            distinct.into_iter().find_map(why_not)
        }
    }
}

fn fault(s: &Scenario, f: &crate::scenario::FaultSpec) -> Option<Msg> {
    if f.at_ms == 0 || f.at_ms >= s.duration_ms {
        return Some(range_msg(
            "fault: at_ms",
            1,
            s.duration_ms.saturating_sub(1),
            f.at_ms,
        ));
    }
    let platforms = s.platforms.len();
    if let Some(&p) = f.platforms.iter().find(|&&p| p >= platforms) {
        return Some(index_msg("fault", "platform", p, platforms));
    }
    if f.platforms.is_empty() {
        return Some(no_platforms());
    }
    match (f.instance, f.kind) {
        (None, FaultKind::KernelPanic) => return Some(missing_instance(&s.instances)),
        (Some(_), kind) if kind != FaultKind::KernelPanic => {
            return Some(instance_not_applicable(kind))
        }
        _ => {}
    }
    if let Some((group, copy)) = f.instance {
        let Some(i) = s.instances.get(group) else {
            return Some(index_msg(
                "fault",
                "instance group",
                group,
                s.instances.len(),
            ));
        };
        if copy >= i.count {
            return Some(range_msg("fault: copy", 1, i.count, u64::from(copy) + 1));
        }
        if let Some(&p) = f.platforms.iter().find(|p| !i.platforms.contains(p)) {
            return Some(instance_not_on_platform(&i.name, &s.platforms[p].name));
        }
    }
    no_hypervisor(f.kind, &f.platforms, &s.platforms)
}

#[cfg(test)]
mod tests {
    use crate::scenario::{Scenario, MAX_QUESTIONS};
    use crate::text::Lang;
    use crate::SimError;

    fn smoke() -> Scenario {
        let text = include_str!("../../../../scenarios/smoke.toml");
        Scenario::from_toml("smoke.toml", text).expect("valid")
    }

    /// The error a run of `s` stops with: the check's, never a panic.
    fn invalid(s: &Scenario) -> crate::ScenarioError {
        match s.run() {
            Err(SimError::Invalid(e)) => e,
            other => panic!(
                "expected an invalid scenario, got {:?}",
                other.map(|r| r.events)
            ),
        }
    }

    /// A text emptied by hand is refused as the file's would be, without a location.
    #[test]
    fn a_text_emptied_by_hand_is_checked_before_a_run() {
        let mut s = smoke();
        s.platforms[1].label.as_mut().unwrap().ko = "  ".into();
        let e = invalid(&s);
        assert_eq!((e.code, e.line, e.column), ("empty_text", 0, 0));
        let name = &s.platforms[1].name;
        assert!(
            e.to_string().starts_with(&format!(
                "smoke.toml: platform `{name}`: the Korean text of `label` (`ko`) is only whitespace"
            )),
            "{e}"
        );
        let mut s = smoke();
        s.title = Some(crate::text::Text {
            en: String::new(),
            ko: "제목".into(),
        });
        let e = invalid(&s);
        assert!(
            e.to_string()
                .starts_with("smoke.toml: the English text of `title` (`en`) is empty"),
            "{e}"
        );
    }

    /// A placeholder written by hand into a text that quotes the run is checked as the
    /// file's would be (without a location), in either language; a title's braces are
    /// literal.
    #[test]
    fn a_placeholder_written_by_hand_is_checked_before_a_run() {
        use crate::text::Text;
        let mut s = smoke();
        s.description = Some(Text::new(
            "{relative_performance_percent:t1-hw}% against {throughput:t1-hx}",
            "{relative_performance_percent:t1-hw}%",
        ));
        let e = invalid(&s);
        assert_eq!((e.code, e.line, e.column), ("unknown_name", 0, 0));
        assert_eq!(
            e.to_string(),
            "smoke.toml: placeholder `{throughput:t1-hx}` in the English text of `description`: unknown platform `t1-hx`; expected one of `native`, `container`, `t1-bt`, `t1-hw`, `t1-para`, `t2-hw`; did you mean `t1-hw`?"
        );
        s.description = Some(Text::new("fine", "{t1-hw}의 수치"));
        let e = invalid(&s);
        assert_eq!(e.code, "bad_placeholder");
        assert!(
            e.to_string_in(Lang::Ko)
                .starts_with("smoke.toml: `description`의 한국어 글에 있는 `{t1-hw}`은(는) 자리 표시자가 아닙니다"),
            "{}",
            e.to_string_in(Lang::Ko)
        );
        // A latency without its operation.
        s.description = Some(Text::new("{p99_latency_us:t1-hw} µs", "ok"));
        assert_eq!(invalid(&s).code, "bad_placeholder");
        // Shown before any run: literal.
        let mut s = smoke();
        s.title = Some(Text::new("{throughput:nowhere}", "{throughput:nowhere}"));
        assert_eq!(s.check(), Ok(()));
    }

    #[test]
    fn a_scenario_as_read_passes_the_check() {
        assert_eq!(smoke().check(), Ok(()));
    }

    /// A field written by hand is checked again, with the file's message and no location.
    #[test]
    fn a_value_written_by_hand_is_checked_before_a_run() {
        let mut s = smoke();
        s.host.cores = 0;
        let e = invalid(&s);
        assert_eq!((e.code, e.line, e.column), ("out_of_range", 0, 0));
        assert_eq!(
            e.to_string(),
            "smoke.toml: host.cores must be between 1 and 1,024; got 0"
        );
        assert_eq!(
            e.to_string_in(Lang::Ko),
            "smoke.toml: host.cores 값은 1에서 1,024 사이여야 합니다. 입력값: 0"
        );
        // The same words as the file's own error (which has a location).
        let text = include_str!("../../../../scenarios/smoke.toml");
        let file = Scenario::from_toml("smoke.toml", &text.replacen("cores = 4", "cores = 0", 1))
            .unwrap_err();
        assert_eq!(file.message, e.message);

        let mut s = smoke();
        s.instances.clear();
        assert_eq!(invalid(&s).code, "no_instance");
        let mut s = smoke();
        s.platforms.clear();
        assert_eq!(invalid(&s).code, "no_platform");
        let mut s = smoke();
        s.duration_ms = 0;
        assert_eq!(invalid(&s).code, "out_of_range");
        // A driver domain with more vCPUs than the host's 4 cores, or of weight 0.
        let mut s = smoke();
        s.platforms[0].dom0.vcpus = 5;
        let e = invalid(&s);
        assert!(
            e.message.contains("dom0_vcpus must be between 1 and 4"),
            "{e}"
        );
        let mut s = smoke();
        s.platforms[0].dom0.weight = 0;
        assert!(invalid(&s).message.contains("dom0_weight"));
        let mut s = smoke();
        s.instances[0].platforms = vec![7];
        let e = invalid(&s);
        assert_eq!(e.code, "index_out_of_range");
        assert!(e.message.contains("platform 7 does not exist"), "{e}");
        let mut s = smoke();
        s.costs.vm_exit_roundtrip = u64::MAX;
        assert_eq!(invalid(&s).code, "out_of_range");
        let mut s = smoke();
        s.platforms[0].name = "x".repeat(81);
        assert_eq!(invalid(&s).code, "bad_name");
    }

    /// A host's background share on a platform that is not type 2 would be reported but
    /// never run: refused as the file's `host_background_percent` is (a test author's
    /// review).
    #[test]
    fn a_background_share_written_by_hand_is_for_type2_only() {
        let text = include_str!("../../../../scenarios/type1-vs-type2.toml");
        let file = "type1-vs-type2.toml";
        let mut s = library(file, text);
        let type1 = s
            .platforms
            .iter()
            .position(|p| p.name == "type1")
            .expect("type1");
        s.platforms[type1].host_background_percent = 50;
        let e = invalid(&s);
        assert_eq!(e.code, "not_applicable");
        let from_file = file_error(
            file,
            text,
            "kind = \"type1\"",
            "kind = \"type1\"\nhost_background_percent = 50",
        );
        assert_eq!(from_file.message, e.message);
        // On type 2 it runs.
        let mut s = library(file, text);
        let type2 = s
            .platforms
            .iter()
            .position(|p| p.name == "type2")
            .expect("type2");
        s.platforms[type2].host_background_percent = 50;
        assert_eq!(s.check(), Ok(()));
    }

    fn library(file: &str, text: &str) -> Scenario {
        Scenario::from_toml(file, text).expect("valid")
    }

    /// The file's error for `text` with `from` replaced by `to` (once).
    fn file_error(file: &str, text: &str, from: &str, to: &str) -> crate::ScenarioError {
        assert!(text.contains(from), "{from}");
        Scenario::from_toml(file, &text.replacen(from, to, 1)).unwrap_err()
    }

    /// A question's platforms set by hand: a numeric question without one (it panicked in
    /// the run's answers), a choice between fewer than two, one that has no value.
    #[test]
    fn a_question_without_its_platforms_is_an_error_not_a_panic() {
        let text = include_str!("../../../../scenarios/type1-vs-type2.toml");
        let file = "type1-vs-type2.toml";
        let mut s = library(file, text);
        assert_eq!(s.questions[1].id, "type2-host-share");
        s.questions[1].platform = None;
        let e = invalid(&s);
        assert_eq!(e.code, "missing_platform");
        assert!(
            e.message.starts_with(
                "question `type2-host-share`: a numeric question needs platform = one of `type1`, `type2`"
            ),
            "{e}"
        );
        assert!(e.message_in(Lang::Ko).contains("수치형(numeric)"), "{e}");

        for candidates in [vec![], vec![0], vec![1, 1]] {
            let mut s = library(file, text);
            s.questions[0].candidates = candidates;
            let e = invalid(&s);
            assert_eq!(e.code, "too_few_options");
            // The file's words for a list of one platform.
            let from_file = file_error(
                file,
                text,
                "op = \"disk_read\"",
                "op = \"disk_read\"\nplatforms = [\"type1\"]",
            );
            assert_eq!(from_file.message, e.message);
        }

        // A platform whose instances do not run the question's op: no value to compare.
        let mut s = library(file, text);
        s.questions[0].op = Some(crate::workload::Op::TlbShootdown);
        let e = invalid(&s);
        assert_eq!(e.code, "unanswerable");
        assert!(e.message.contains("runs `tlb_shootdown`"), "{e}");
    }

    /// Questions added by hand past the file's limit: the file's words, without a place.
    #[test]
    fn too_many_questions_set_by_hand_are_refused_as_in_a_file() {
        let text = include_str!("../../../../scenarios/type1-vs-type2.toml");
        let mut s = library("type1-vs-type2.toml", text);
        let first = s.questions[0].clone();
        s.questions = vec![first.clone(); MAX_QUESTIONS];
        for (n, q) in s.questions.iter_mut().enumerate() {
            q.id = format!("q{n}");
        }
        assert_eq!(s.check(), Ok(()));
        s.questions.push(first);
        let e = invalid(&s);
        assert_eq!(e.code, "too_many");
        assert_eq!(
            e.message,
            "at most 200 [[question]] sections per scenario; got 201 (split them over several scenarios)"
        );
        assert!(e.message_in(Lang::Ko).contains("최대 200개"), "{e}");
    }

    /// A fault's platforms and instance set by hand, with the file's messages.
    #[test]
    fn a_fault_set_by_hand_is_checked_as_the_file_is() {
        let text = include_str!("../../../../scenarios/fault-blast-radius.toml");
        let file = "fault-blast-radius.toml";
        let mut s = library(file, text);
        s.faults[0].platforms.clear();
        let e = invalid(&s);
        assert_eq!(e.code, "empty_list");
        let from_file = file_error(
            file,
            text,
            "platforms = [\"vm\", \"container\"]",
            "platforms = []",
        );
        assert_eq!(from_file.message, e.message);

        let mut s = library(file, text);
        s.faults[0].instance = None;
        assert_eq!(invalid(&s).code, "missing_instance");
        let mut s = library(file, text);
        s.faults[1].instance = Some((0, 0));
        assert_eq!(invalid(&s).code, "not_applicable");
        // A hypervisor failure on a platform without a hypervisor.
        let mut s = library(file, text);
        let native = (s.platforms.iter())
            .position(|p| !p.stack.is_vm())
            .expect("a platform without a hypervisor");
        s.faults[1].platforms = vec![native];
        assert_eq!(invalid(&s).code, "no_hypervisor");
    }

    /// A migration's values set by hand: the file's ranges and words (NaN is in none).
    #[test]
    fn a_migration_set_by_hand_is_checked_as_the_file_is() {
        let text = include_str!("../../../../scenarios/live-migration.toml");
        let file = "live-migration.toml";
        for (link, got) in [(0.0, "0"), (f64::NAN, "NaN"), (1000.5, "1,000.5")] {
            let mut s = library(file, text);
            s.platforms[0]
                .migration
                .as_mut()
                .expect("a migration")
                .link_gbit_s = link;
            let e = invalid(&s);
            assert_eq!(
                e.message,
                format!("migration.link_gbit_s must be between 0.01 and 1,000; got {got}")
            );
            assert_eq!(
                e.message_in(Lang::Ko),
                format!("migration.link_gbit_s 값은 0.01에서 1,000 사이여야 합니다. 입력값: {got}")
            );
        }
        let from_file = file_error(file, text, "link_gbit_s = 10,", "link_gbit_s = 0,");
        assert_eq!(
            from_file.message,
            "migration.link_gbit_s must be between 0.01 and 1,000; got 0"
        );
        let mut s = library(file, text);
        s.platforms[0]
            .migration
            .as_mut()
            .expect("a migration")
            .max_rounds = 0;
        assert!(invalid(&s).message.starts_with("migration.max_rounds"));
        let mut s = library(file, text);
        s.platforms[0]
            .migration
            .as_mut()
            .expect("a migration")
            .instance = 99;
        assert_eq!(invalid(&s).code, "index_out_of_range");
    }

    /// A workload's fields set by hand: the ranges of their `[[workload]]` keys, with the
    /// file's words (beyond them a run overflowed: think_time_us, io_bytes, message_bytes
    /// and syscall_work_cycles at u64::MAX panicked in a debug build).
    #[test]
    fn a_workload_set_by_hand_is_bounded_as_its_keys_are() {
        type Set = fn(&mut crate::workload::Workload);
        let cases: [(Set, &str); 9] = [
            (
                |w| w.compute_cycles = u64::MAX,
                "compute_cycles must be between 0 and 1,000,000,000",
            ),
            (
                |w| w.syscall_work_cycles = u64::MAX,
                "syscall_work_cycles must be between 0 and 100,000,000",
            ),
            (
                |w| w.io_bytes = u64::MAX,
                "io_bytes must be between 1 and 67,108,864",
            ),
            (
                |w| w.io_bytes = 0,
                "io_bytes must be between 1 and 67,108,864; got 0",
            ),
            (
                |w| w.message_bytes = u64::MAX,
                "message_bytes must be between 1 and 67,108,864",
            ),
            (
                |w| w.think_time_us = u64::MAX,
                "think_time_us must be between 0 and 10,000,000",
            ),
            (
                |w| w.lock_percent = 1000,
                "lock_percent must be between 0 and 100; got 1,000",
            ),
            (
                |w| w.lock_hold_cycles = 0,
                "lock_hold_cycles must be between 1 and 100,000,000",
            ),
            (
                |w| w.kernel_code_kib = u64::MAX,
                "kernel_code_kib must be between 1 and 1,048,576",
            ),
        ];
        for (set, expected) in cases {
            let mut s = smoke();
            set(&mut s.instances[0].workload);
            let e = invalid(&s);
            assert_eq!(e.code, "out_of_range");
            let name = &s.instances[0].workload.name;
            assert!(
                e.message
                    .starts_with(&format!("workload `{name}`: {expected}")),
                "{e}"
            );
            assert!(e.message_in(Lang::Ko).contains("사이여야 합니다"), "{e}");
        }
        // The same words as the file's key.
        let text = "[scenario]\nname = \"w\"\n[[platform]]\nname = \"n\"\nkind = \"native\"\n[[workload]]\nname = \"mine\"\nbase = \"web-server\"\nlock_percent = 1000\n[[instance]]\nname = \"a\"\nworkload = \"mine\"\n";
        let file = Scenario::from_toml("w.toml", text).unwrap_err();
        let mut s =
            Scenario::from_toml("w.toml", &text.replace("lock_percent = 1000", "")).expect("valid");
        s.instances[0].workload.lock_percent = 1000;
        assert_eq!(invalid(&s).message, file.message);
    }

    /// A stack's technique and I/O set by hand are checked as the file's are: a type-2
    /// platform cannot be paravirtualized, a hypervisor needs a technique, I/O fits it.
    #[test]
    fn a_stack_set_by_hand_is_checked_as_the_file_is() {
        use crate::platform::{IoModel, PlatformKind, Technique};
        let text = include_str!("../../../../scenarios/type1-vs-type2.toml");
        let file = "type1-vs-type2.toml";
        let mut s = library(file, text);
        assert_eq!(s.platforms[1].stack.kind, PlatformKind::Type2);
        s.platforms[1].stack.technique = Some(Technique::Para);
        let e = invalid(&s);
        assert_eq!(e.code, "para_on_type2");
        let from_file = file_error(
            file,
            text,
            "kind = \"type2\"\ntechnique = \"hardware_assist\"",
            "kind = \"type2\"\ntechnique = \"para\"",
        );
        assert_eq!(from_file.message, e.message);

        let mut s = library(file, text);
        s.platforms[0].stack.technique = None;
        assert_eq!(invalid(&s).code, "missing_technique");
        let mut s = library(file, text);
        s.platforms[1].stack.io = IoModel::Passthrough;
        assert_eq!(invalid(&s).code, "passthrough_on_type2");
        let mut s = smoke();
        let native = s
            .platforms
            .iter()
            .position(|p| p.stack.kind == PlatformKind::Native);
        let native = native.expect("smoke has a native platform");
        s.platforms[native].stack.technique = Some(Technique::HardwareAssist);
        assert_eq!(invalid(&s).code, "not_applicable");
        // A hypervisor's own default I/O is valid.
        let mut s = library(file, text);
        s.platforms[0].stack.io = IoModel::Emulated;
        assert_eq!(s.check(), Ok(()));
    }

    /// A VDI network's fields set by hand, bounded by their keys' ranges and named in the
    /// keys' units with the field's own value beside (an RTT of u64::MAX µs overflowed).
    #[test]
    fn a_vdi_network_set_by_hand_is_bounded_by_its_keys() {
        let text = include_str!("../../../../scenarios/vdi-network.toml");
        let mut s = library("vdi-network.toml", text);
        let p = (s.platforms.iter())
            .position(|p| p.vdi.is_some())
            .expect("a vdi platform");
        let name = s.platforms[p].name.clone();
        s.platforms[p].vdi.as_mut().expect("vdi").rtt_us = u64::MAX;
        let e = invalid(&s);
        assert_eq!(
            e.message,
            format!(
                "platform `{name}`: rtt_ms must be between 0 and 2,000; got {} ms (rtt_us = {})",
                u64::MAX as f64 / 1000.0,
                u64::MAX
            )
        );
        let mut s = library("vdi-network.toml", text);
        s.platforms[p].vdi.as_mut().expect("vdi").frame_rate = 0;
        assert!(invalid(&s)
            .message
            .ends_with("frame_rate must be between 1 and 120; got 0"));
        let mut s = library("vdi-network.toml", text);
        s.platforms[p].vdi.as_mut().expect("vdi").loss_ppm = 600_000;
        assert!(invalid(&s)
            .message
            .ends_with("loss_percent must be between 0 and 50; got 60 % (loss_ppm = 600000)"));
    }

    /// A field in another unit than its file key (clock_mhz for clock_ghz, memory_mib for
    /// memory_gib) is quoted in the key's unit, with the field's own value beside, so that
    /// the message does not read as if the field held the key's figure.
    #[test]
    fn a_field_in_another_unit_than_its_key_is_quoted_in_both() {
        let mut s = smoke();
        s.host.clock_mhz = 0;
        assert_eq!(
            invalid(&s).to_string(),
            "smoke.toml: host.clock_ghz must be between 0.1 and 10; got 0 GHz (clock_mhz = 0)"
        );
        assert_eq!(
            invalid(&s).to_string_in(Lang::Ko),
            "smoke.toml: host.clock_ghz 값은 0.1에서 10 사이여야 합니다. 입력값: 0 GHz (clock_mhz = 0)"
        );
        let mut s = smoke();
        s.host.memory_mib = 64;
        assert!(invalid(&s)
            .message
            .ends_with("got 0.0625 GiB (memory_mib = 64)"));
        let mut s = smoke();
        s.instances[0].memory_mib = 0;
        assert!(invalid(&s).message.ends_with("got 0 GiB (memory_mib = 0)"));
    }

    /// One pCPU and one vCPU are singular; a latency question without op lists the ops.
    #[test]
    fn counts_of_one_are_singular_and_a_missing_op_lists_the_operations() {
        let mut s = smoke();
        s.instances[0].vcpus = 2;
        s.instances[0].pin = Some(vec![0]);
        assert!(
            invalid(&s)
                .message
                .contains("pin lists 1 pCPU but the instance has 2 vCPUs;"),
            "{}",
            invalid(&s)
        );
        let mut s = smoke();
        s.instances[0].vcpus = 1;
        s.instances[0].pin = Some(vec![0, 1]);
        assert!(invalid(&s)
            .message
            .contains("pin lists 2 pCPUs but the instance has 1 vCPU;"));

        let text = include_str!("../../../../scenarios/type1-vs-type2.toml");
        let mut s = library("type1-vs-type2.toml", text);
        s.questions[0].op = None;
        let e = invalid(&s);
        assert_eq!(e.code, "missing_op");
        // The operations its workloads run, in the operations' order; not those none runs.
        let ran: Vec<String> = crate::workload::Op::ALL[..crate::workload::Op::MIX_COUNT]
            .iter()
            .filter(|op| {
                s.instances
                    .iter()
                    .any(|i| i.workload.mix.weights()[op.index()] > 0)
            })
            .map(|op| format!("`{}`", op.name()))
            .collect();
        assert!(ran.len() >= 2 && ran.len() < 18, "{ran:?}");
        assert!(
            e.message.ends_with(&format!(
                "needs op = one of the operations the scenario's workloads run: {}",
                ran.join(", ")
            )),
            "{e}"
        );
        assert!(e.message_in(Lang::Ko).contains(&ran[0]), "{e}");
    }

    /// Beyond the event budget: the file's message, before a single event (not minutes of
    /// running), from every entry that runs a scenario.
    #[test]
    fn a_run_beyond_the_event_budget_is_refused_at_once() {
        let mut s = smoke();
        s.duration_ms = 60_000;
        s.host.cores = 64;
        s.instances[0].count = 64;
        assert!(s.estimated_events() > crate::scenario::MAX_ESTIMATED_EVENTS);
        let e = invalid(&s);
        assert!(e.code.starts_with("too_many_events"), "{e}");
        assert!(matches!(
            s.runner(crate::RunOptions::default()),
            Err(SimError::Invalid(_))
        ));
        assert!(matches!(
            s.run_with(crate::RunOptions::default()),
            Err(SimError::Invalid(_))
        ));
        let ko = SimError::Invalid(e).message_in(Lang::Ko);
        assert!(
            ko.starts_with("smoke.toml: 이 시나리오는 이벤트가 약"),
            "{ko}"
        );
    }

    /// A harmless change runs, with the changed value.
    #[test]
    fn a_valid_change_runs() {
        let mut s = smoke();
        s.duration_ms = 7;
        assert_eq!(s.run().expect("runs").duration_ms, 7);
    }
}
