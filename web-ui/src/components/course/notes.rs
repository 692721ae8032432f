//! A student's variant in the words of the page's settings, and the notes on a scenario's
//! description whose figures are its file's own ([`figures_note`], [`description_note`]).

use crate::i18n::{t, Lang};
use crate::state::course::Course;

/// A student's variant in the words of the page's settings ("seed 783275702, host cores 4,
/// VM exit round trip 600 cycles"), not the assignment file's keys; empty for none.
pub(super) fn variant_text(lang: Lang, v: &crate::sim::assignment::Variant) -> String {
    use crate::sim::assignment::Choice;
    let mut parts: Vec<String> = v
        .seed
        .iter()
        .map(|s| t(lang, "settings.seed").replace("{}", &s.to_string()))
        .collect();
    parts.extend(v.picks.iter().map(|(p, c)| {
        let value = match c {
            Choice::Number(n) => crate::num::int(*n),
            // A network setting's, in the steps its choices keep to (0.1 %, 0.001 Mbit/s).
            Choice::Decimal(x) => crate::num::fixed(*x, 3),
            Choice::Name(name) => crate::labels::workload(lang, name),
        };
        t(lang, setting_key(*p)).replace("{}", &value)
    }));
    crate::num::figure_list(lang, &parts)
}

/// The words of the page's settings notes for an assignment's parameter.
fn setting_key(p: crate::sim::assignment::Parameter) -> &'static str {
    use crate::sim::assignment::Parameter;
    match p {
        Parameter::DurationMs => "settings.duration",
        Parameter::HostCores => "settings.host_cores",
        Parameter::HostClockMhz => "settings.host_clock",
        Parameter::MemoryPerInstanceMib => "settings.memory",
        Parameter::InstanceCount => "settings.instances",
        Parameter::VcpusPerInstance => "settings.vcpus",
        Parameter::ThreadsPerInstance => "settings.threads",
        Parameter::Workload => "settings.workload",
        Parameter::VmExitCycles => "settings.exit_cycles",
        Parameter::TimeSliceMs => "settings.time_slice",
        Parameter::VdiRttMs => "settings.vdi_rtt",
        Parameter::VdiLossPercent => "settings.vdi_loss",
        Parameter::VdiClientBandwidthMbitS => "settings.vdi_bandwidth",
    }
}

/// The scenario's own value of a parameter a variant sets, in the page's words (per group
/// where the groups differ: "web 4,096 / db 8,192"); `None` when the variant's choice is
/// that value (nothing differs).
fn own_value(
    lang: Lang,
    p: crate::sim::assignment::Parameter,
    chosen: &crate::sim::assignment::Choice,
    base: &crate::knobs::Baseline,
) -> Option<String> {
    use crate::sim::assignment::{Choice, Parameter};
    let one = |v: u64| match chosen {
        Choice::Number(n) if *n == v => None,
        _ => Some(crate::num::int(v)),
    };
    // Each VDI platform's own network value in the choice's unit (`scale` of the kept
    // unit per unit: 1000 µs per ms), named by platform where they differ ("lan-5ms 5 /
    // city-50ms 50", by name: a label may hold commas); `None` when every one is the
    // choice.
    let networks = |own: fn(&crate::knobs::NetBase) -> u64, scale: f64| {
        let values: Vec<(String, f64)> = (base.networks.iter())
            .zip(&base.platform_labels)
            .filter_map(|(n, (name, _))| Some((name.clone(), own(n.as_ref()?) as f64 / scale)))
            .collect();
        if values.iter().all(|(_, v)| Some(*v) == chosen.as_f64()) {
            return None;
        }
        let shown = |v: f64| crate::num::fixed(v, 3);
        Some(match values.as_slice() {
            [(_, first), rest @ ..] if rest.iter().all(|(_, v)| v == first) => shown(*first),
            _ => (values.iter())
                .map(|(name, v)| format!("{name} {}", shown(*v)))
                .collect::<Vec<_>>()
                .join(" / "),
        })
    };
    let groups = |values: Vec<u64>| match base.per_group(&values) {
        Some(each) => Some(each),
        None => one(values.first().copied().unwrap_or_default()),
    };
    match p {
        Parameter::DurationMs => one(base.duration_ms),
        Parameter::HostCores => one(base.host_cores.into()),
        Parameter::HostClockMhz => one(base.host_clock_mhz.into()),
        Parameter::MemoryPerInstanceMib => groups(base.group_memory_mib.clone()),
        Parameter::InstanceCount => groups(base.group_counts.iter().map(|&n| n.into()).collect()),
        Parameter::VcpusPerInstance => groups(base.group_vcpus.iter().map(|&n| n.into()).collect()),
        Parameter::ThreadsPerInstance => one(base.threads_per_instance.into()),
        Parameter::VmExitCycles => one(base.vm_exit_cycles),
        Parameter::VdiRttMs => networks(|n| n.rtt_us, 1000.0),
        Parameter::VdiLossPercent => networks(|n| n.loss_ppm, 10_000.0),
        Parameter::VdiClientBandwidthMbitS => networks(|n| n.bandwidth_kbit_s, 1000.0),
        Parameter::TimeSliceMs => match base.time_slice_range {
            (lo, hi) if lo == hi => one(lo),
            (lo, hi) => Some(format!("{}–{}", crate::num::int(lo), crate::num::int(hi))),
        },
        Parameter::Workload => {
            let mut names: Vec<&String> = base.group_workloads.iter().collect();
            names.dedup();
            match (chosen, names.as_slice()) {
                (Choice::Name(w), [only]) if w == *only => None,
                _ => Some(
                    names
                        .iter()
                        .map(|w| crate::labels::workload(lang, w))
                        .collect::<Vec<_>>()
                        .join(" / "),
                ),
            }
        }
    }
}

/// The note on a scenario's description shown under an assignment step whose student has
/// a variant: the figures a library description quotes ("스틸 5.3%") come from the
/// scenario's own settings, which it names (its seed, its values of what the variant
/// changes), and the student's own figures are in the results. `None` outside a started
/// step or when the variant changes nothing the scenario sets.
pub fn description_note(lang: Lang, c: &Course, base: &crate::knobs::Baseline) -> Option<String> {
    let (own, v) = variant_own(lang, c, base)?;
    Some(
        t(lang, "course.description_figures")
            .replacen("{}", &crate::num::figure_list(lang, &own), 1)
            .replacen("{}", &variant_text(lang, &v), 1),
    )
}

/// The scenario's own values of what the current step's variant changes (its seed, its
/// picks), named in `lang`, with the variant: `None` outside a started step or when the
/// variant changes nothing the scenario sets.
pub(super) fn variant_own(
    lang: Lang,
    c: &Course,
    base: &crate::knobs::Baseline,
) -> Option<(Vec<String>, crate::sim::assignment::Variant)> {
    let student = c.student()?;
    let a = c.a();
    let index = c.progress.step;
    a.steps.get(index)?;
    let v = a.variant(index, Some(student));
    let mut own: Vec<String> = v
        .seed
        .filter(|&s| s != base.seed)
        .map(|_| t(lang, "settings.seed").replace("{}", &base.seed.to_string()))
        .into_iter()
        .collect();
    own.extend(v.picks.iter().filter_map(|(p, chosen)| {
        Some(t(lang, setting_key(*p)).replace("{}", &own_value(lang, *p, chosen, base)?))
    }));
    (!own.is_empty()).then_some((own, v))
}

/// The note on a text of the scenario (its description) whose figures the shown result's
/// may not match: on a result of exactly an assignment step, when the student's variant
/// changes what the scenario sets ([`description_note`]); otherwise (the library, or a
/// step after a slider moved) when the shown result ran with settings other than the
/// scenario's own, naming them (its seed included: the figures are the file's seed's).
/// `None` at the scenario's own settings.
pub fn figures_note(state: &crate::state::State) -> Option<String> {
    let lang = state.lang;
    if let Some(c) = &state.course {
        if c.not_ready(state).is_none() {
            return description_note(lang, c, &state.baseline);
        }
    }
    let mut changed = state.result_settings_changed();
    if let Some(seed) = state.result_seed_changed() {
        changed.insert(0, t(lang, "settings.seed").replace("{}", &seed.to_string()));
    }
    (!changed.is_empty()).then(|| {
        t(lang, "about.settings_differ").replace("{}", &crate::num::figure_list(lang, &changed))
    })
}
