//! The settings that differ from the scenario's own values, in words ([`changed_settings`]).

use super::{Baseline, Knobs};
use crate::i18n::Lang;
use crate::labels::ChangedNet;

/// The VDI platforms (by name) whose network in `knobs` differs from the scenario's own
/// (`base`), with the settings that differ: the results name them with it
/// (`labels::set_changed`), as the Settings card's platform menu marks them.
pub fn changed_networks(knobs: &Knobs, base: &Baseline) -> Vec<(String, ChangedNet)> {
    knobs
        .networks
        .iter()
        .enumerate()
        .filter_map(|(p, net)| {
            let own = base.networks.get(p).copied().flatten()?;
            let (name, _) = base.platform_labels.get(p)?;
            let changed = ChangedNet {
                rtt_ms: net.rtt_ms.filter(|&v| u64::from(v) * 1000 != own.rtt_us),
                loss_permille: net
                    .loss_permille
                    .filter(|&v| u64::from(v) * 1000 != own.loss_ppm),
                bandwidth_kbit_s: net
                    .bandwidth_kbit_s
                    .filter(|&v| u64::from(v) != own.bandwidth_kbit_s),
            };
            (changed != ChangedNet::default()).then(|| (name.clone(), changed))
        })
        .collect()
}

/// A platform's network as its sliders set it (`networks` of [`Knobs`]), as the settings
/// that differ from the scenario's: what [`every_vdi_network`](super::every_vdi_network)
/// gives an assignment's variant keeps only those (a value at the platform's own is
/// `None`), so every value set is a change.
pub fn changed_net(net: super::NetKnob) -> ChangedNet {
    ChangedNet {
        rtt_ms: net.rtt_ms,
        loss_permille: net.loss_permille,
        bandwidth_kbit_s: net.bandwidth_kbit_s,
    }
}

/// The settings in `knobs` that differ from the scenario's own values (`base`), each
/// named with its value in `lang` ("VM exit round trip 3,000 cycles"), in the Settings
/// card's order: what a question's explanation, written for the scenario as written, may
/// not match. A slider that sets every group or platform differs when any of them had
/// another value. The seed is left out: another seed draws the same operations in another
/// order, which moves the figures within a run's noise, and every student of an
/// assignment step with `student_seed` has one of their own.
pub fn changed_settings(lang: Lang, knobs: &Knobs, base: &Baseline) -> Vec<String> {
    let t = |key| crate::i18n::t(lang, key);
    let count = |n: u64| crate::num::num(n as f64);
    let mut out = Vec::new();
    // A group's own slider: named with its group ("instances of vdi-office 12").
    if !knobs.group_counts.is_empty() {
        for (g, (&own, name)) in base.group_counts.iter().zip(&base.group_names).enumerate() {
            let n = knobs.count_of(g, own);
            if n != own {
                out.push(
                    t("settings.group_instances")
                        .replacen("{}", name, 1)
                        .replacen("{}", &count(n.into()), 1),
                );
            }
        }
    }
    let mut note = |key, value: String| out.push(t(key).replace("{}", &value));
    if let Some(n) = knobs.instance_count {
        if base.group_counts.iter().any(|&c| c != n) && knobs.group_counts.is_empty() {
            note("settings.instances", count(n.into()));
        }
    }
    if let Some(n) = knobs
        .vcpus_per_instance
        .filter(|&n| n != base.vcpus_per_instance)
    {
        note("settings.vcpus", count(n.into()));
    }
    if let Some(n) = knobs
        .threads_per_instance
        .filter(|&n| n != base.threads_per_instance)
    {
        note("settings.threads", count(n.into()));
    }
    if let Some(n) = knobs.host_cores.filter(|&n| n != base.host_cores) {
        note("settings.host_cores", count(n.into()));
    }
    if let Some(n) = knobs.host_clock_mhz.filter(|&n| n != base.host_clock_mhz) {
        note("settings.host_clock", count(n.into()));
    }
    if let Some(n) = knobs.memory_per_instance_mib {
        if base.group_memory_mib.iter().any(|&m| m != u64::from(n)) {
            note("settings.memory", count(n.into()));
        }
    }
    if let Some(n) = knobs.vm_exit_cycles.filter(|&n| n != base.vm_exit_cycles) {
        note("settings.exit_cycles", count(n));
    }
    if let Some(n) = knobs.time_slice_ms {
        if base.time_slice_range != (n, n) {
            note("settings.time_slice", count(n));
        }
    }
    if let Some(n) = knobs.duration_ms.filter(|&n| n != base.duration_ms) {
        note("settings.duration", count(n));
    }
    if let Some(w) = knobs
        .workload
        .as_ref()
        .filter(|w| base.group_workloads.iter().any(|g| g != *w))
    {
        note("settings.workload", crate::labels::workload(lang, w));
    }
    // A VDI platform's network, named with its platform, quoted (a label may hold commas:
    // "round trip of “LAN, 5 ms round trip”: 100 ms").
    for (p, net) in knobs.networks.iter().enumerate() {
        let Some(own) = base.networks.get(p).copied().flatten() else {
            continue;
        };
        let name = base
            .platform_labels
            .get(p)
            .map(|(n, _)| base.platform_label(lang, n))
            .unwrap_or_default();
        let mut named = |key, value: String| {
            out.push(t(key).replacen("{}", &name, 1).replacen("{}", &value, 1));
        };
        if let Some(ms) = net.rtt_ms.filter(|&v| u64::from(v) * 1000 != own.rtt_us) {
            named("settings.rtt", count(ms.into()));
        }
        if let Some(l) = net
            .loss_permille
            .filter(|&v| u64::from(v) * 1000 != own.loss_ppm)
        {
            named("settings.loss", crate::num::num(f64::from(l) / 10.0));
        }
        if let Some(k) = net
            .bandwidth_kbit_s
            .filter(|&v| u64::from(v) != own.bandwidth_kbit_s)
        {
            named("settings.bandwidth", crate::num::num(f64::from(k) / 1000.0));
        }
    }
    out
}
