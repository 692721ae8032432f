//! The scenario's own values of what the settings set ([`Baseline`]): what a slider shows
//! untouched, and each slider's range.

use super::slices::time_slice_written;
use super::{NetBase, Slices, GROUP_SLIDERS};
use crate::i18n::Lang;
use crate::sim::{Adjustments, NetworkMode, Op, PlatformKind, Scenario, StorageMode, Text};

/// The scenario's own values of what the settings set (what a slider shows untouched).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Baseline {
    pub instance_count: u32,
    pub vcpus_per_instance: u32,
    pub threads_per_instance: u32,
    pub host_cores: u32,
    /// The host's clock, MHz.
    pub host_clock_mhz: u32,
    /// The first instance group's memory (a VM's memory, a container's limit), MiB.
    pub memory_per_instance_mib: u32,
    /// Each group's own memory, MiB, in order.
    pub group_memory_mib: Vec<u64>,
    /// Each group's own vCPUs, in order.
    pub group_vcpus: Vec<u32>,
    /// Each group's own threads per instance, in order.
    pub group_threads: Vec<u32>,
    /// Each group's name, in order.
    pub group_names: Vec<String>,
    /// The scenario's own seed.
    pub seed: u64,
    /// The host's memory, MiB (the memory slider's end: one instance cannot have more).
    pub host_memory_mib: u64,
    pub vm_exit_cycles: u64,
    pub time_slice_ms: u64,
    /// The smallest and largest time slice of the platforms (they differ by scheduler).
    pub time_slice_range: (u64, u64),
    /// Whether each platform's text writes `time_slice_ms` (else its scheduler's default).
    pub time_slice_written: Vec<bool>,
    /// The slices as written (with the scenario's own host), for when no validated run
    /// with the settings is at hand (a setting's error).
    pub slices: Slices,
    pub duration_ms: u64,
    pub title: Option<Text>,
    pub description: Option<Text>,
    /// The instances slider's range: the fewest and the most instances per group for
    /// which the scenario is valid (the scenario's own first count lies between).
    pub min_instances: u32,
    pub max_instances: u32,
    /// Instance groups in the scenario.
    pub groups: u32,
    /// Each group's own instance count, in order.
    pub group_counts: Vec<u32>,
    /// The most instances each group's own slider takes (the others as written).
    pub group_max: Vec<u32>,
    /// For each platform, which groups (indices) it runs: a group can be limited to some
    /// platforms, so the groups' sum is not always what one platform runs.
    pub platform_groups: Vec<Vec<usize>>,
    /// Each platform's name and label (answers and options show the label).
    pub platform_labels: Vec<(String, Option<crate::sim::text::Text>)>,
    /// Container platforms' network and storage modes, by platform name.
    pub container_modes: Vec<(String, NetworkMode, StorageMode)>,
    /// Type-2 platforms' hosted designs (`hosted_design`: a world switch, or a VMM in the
    /// host kernel), by platform name: a result does not carry them.
    pub hosted_designs: Vec<(String, crate::sim::HostedDesign)>,
    /// The scenario's questions' operations, in order (for choosing default views).
    pub question_ops: Vec<Op>,
    /// Each instance group's workload, by name.
    pub group_workloads: Vec<String>,
    /// The scenario's questions as written (a setting can leave some out: a question
    /// about an operation the chosen workload does not make).
    pub question_count: usize,
    /// Each question's explanation as written (by question id), its placeholders unfilled:
    /// whether it quotes a figure of its own is read here, not in a result's filled one
    /// ([`Self::explanation_quotes_a_figure`]).
    pub explanations: Vec<(String, Text)>,
    /// Each platform's network, by place: `Some` for a VDI platform.
    pub networks: Vec<Option<NetBase>>,
    /// The workloads the workload menu offers, each one the scenario is valid with: the
    /// file's own (`[[workload]]`), then the presets.
    pub workloads: Vec<String>,
}

/// The presets the workload menu offers for `s`: the desktop activities when an instance
/// group runs on a VDI platform (whose instances must run one), else the server presets;
/// of them, those the scenario as written is valid with when every instance runs it (the
/// menu sets every instance's workload): a choice that could only be an error is not
/// offered (vdi-network's menu offered cpu-bound, whose only result was "the workload must
/// be one of the desktop activities"; seed-table-full, whose web servers and desktops
/// need each their own kind, offers none).
fn workload_choices(s: &Scenario) -> Vec<String> {
    let desktops = s
        .instances
        .iter()
        .any(|i| (i.platforms.iter()).any(|&p| s.platforms[p].stack.kind == PlatformKind::Vdi));
    let presets: &[&'static str] = if desktops {
        &crate::sim::desktop::DESKTOP_PRESETS
    } else {
        &crate::sim::PRESET_NAMES
    };
    s.custom_workload_names()
        .chain(presets.iter().copied())
        .filter(|w| {
            s.adjusted(&Adjustments {
                workload: Some(w.to_string()),
                ..Adjustments::default()
            })
            .is_ok()
        })
        .map(str::to_string)
        .collect()
}

impl Baseline {
    /// Whether question `id`'s explanation as written, in `lang`, quotes a figure of its
    /// own ([`quotes_a_figure`](crate::sim::text::quotes_a_figure)): a note that the
    /// figures were written for other settings belongs under it. A placeholder quotes
    /// none (the shown run fills it with its own figure), so the result's filled
    /// explanation is not what is read.
    /// `None` for a question the scenario does not have (an assignment step's own question,
    /// when the scenario shown is not the step's).
    pub fn explanation_quotes_a_figure(&self, id: &str, lang: Lang) -> Option<bool> {
        (self.explanations.iter())
            .find(|(q, _)| q == id)
            .map(|(_, t)| crate::sim::text::quotes_a_figure(lang.pick(&t.ko, &t.en)))
    }

    /// The questions (ids) whose explanation as written quotes a figure in `lang`
    /// ([`Self::explanation_quotes_a_figure`]).
    pub fn explanations_quoting(&self, lang: Lang) -> Vec<String> {
        (self.explanations.iter())
            .filter(|(id, _)| self.explanation_quotes_a_figure(id, lang) == Some(true))
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// The label of platform `name` in the page's language (the name when it has none).
    pub fn platform_label(&self, lang: Lang, name: &str) -> String {
        self.platform_labels
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, l)| l.as_ref())
            .map_or_else(|| name.to_string(), |l| lang.pick(&l.ko, &l.en).to_string())
    }

    /// Each group's own value by name ("web 4,096 / db 8,192"), when the groups' values
    /// differ: a slider's one value would name only the first group's. `None` when every
    /// group has the same value (or there is one group).
    pub fn per_group(&self, values: &[u64]) -> Option<String> {
        let first = values.first()?;
        if values.iter().all(|v| v == first) {
            return None;
        }
        Some(
            self.group_names
                .iter()
                .zip(values)
                .map(|(name, v)| format!("{name} {}", crate::num::int(*v)))
                .collect::<Vec<_>>()
                .join(" / "),
        )
    }

    /// The VDI platforms' places, in order (the network settings' picker lists them).
    pub fn vdi_platforms(&self) -> Vec<usize> {
        (0..self.networks.len())
            .filter(|&p| self.networks[p].is_some())
            .collect()
    }

    pub(crate) fn of(s: &Scenario) -> Baseline {
        let first = s.instances.first();
        let time_slice_written = time_slice_written(s.source());
        Baseline {
            slices: Slices::of(s, &time_slice_written, false),
            time_slice_written,
            instance_count: first.map_or(1, |i| i.count),
            vcpus_per_instance: first.map_or(1, |i| i.vcpus),
            threads_per_instance: first.map_or(1, |i| i.threads),
            host_cores: s.host.cores,
            host_clock_mhz: u32::try_from(s.host.clock_mhz).unwrap_or(u32::MAX),
            memory_per_instance_mib: first
                .map_or(1024, |i| u32::try_from(i.memory_mib).unwrap_or(u32::MAX)),
            group_memory_mib: s.instances.iter().map(|i| i.memory_mib).collect(),
            group_vcpus: s.instances.iter().map(|i| i.vcpus).collect(),
            group_threads: s.instances.iter().map(|i| i.threads).collect(),
            group_names: s.instances.iter().map(|i| i.name.clone()).collect(),
            seed: s.seed,
            host_memory_mib: s.host.memory_mib,
            vm_exit_cycles: s.costs.exit_roundtrip(s.host.cpu),
            time_slice_ms: s.platforms.first().map_or(30, |p| p.time_slice_ms),
            time_slice_range: (
                s.platforms
                    .iter()
                    .map(|p| p.time_slice_ms)
                    .min()
                    .unwrap_or(30),
                s.platforms
                    .iter()
                    .map(|p| p.time_slice_ms)
                    .max()
                    .unwrap_or(30),
            ),
            duration_ms: s.duration_ms,
            title: s.title.clone(),
            description: s.description.clone(),
            min_instances: min_instances(s).min(first.map_or(1, |i| i.count)),
            max_instances: max_instances(s).max(first.map_or(1, |i| i.count)),
            groups: s.instances.len() as u32,
            group_counts: s.instances.iter().map(|i| i.count).collect(),
            group_max: group_max(s),
            group_workloads: s
                .instances
                .iter()
                .map(|i| i.workload.name.clone())
                .collect(),
            question_count: s.questions.len(),
            explanations: s
                .questions
                .iter()
                .filter_map(|q| Some((q.id.clone(), q.explanation.clone()?)))
                .collect(),
            platform_labels: s
                .platforms
                .iter()
                .map(|p| (p.name.clone(), p.label.clone()))
                .collect(),
            platform_groups: (0..s.platforms.len())
                .map(|p| {
                    (0..s.instances.len())
                        .filter(|&g| s.instances[g].platforms.contains(&p))
                        .collect()
                })
                .collect(),
            container_modes: s
                .platforms
                .iter()
                .filter(|p| p.stack.kind == PlatformKind::Container)
                .map(|p| (p.name.clone(), p.stack.network, p.stack.storage))
                .collect(),
            hosted_designs: s
                .platforms
                .iter()
                .filter(|p| p.stack.kind == PlatformKind::Type2)
                .map(|p| (p.name.clone(), p.stack.hosted_design))
                .collect(),
            question_ops: s.questions.iter().filter_map(|q| q.op).collect(),
            networks: s
                .platforms
                .iter()
                .map(|p| {
                    p.vdi.as_ref().map(|n| NetBase {
                        rtt_us: n.rtt_us,
                        loss_ppm: n.loss_ppm,
                        bandwidth_kbit_s: n.client_bandwidth_kbit_s,
                    })
                })
                .collect(),
            workloads: workload_choices(s),
        }
    }
}

/// The most instances per group (every group set to the same count, as the slider does,
/// at most [`MAX_INSTANCES_SLIDER`]) for which the scenario is still valid: from the count
/// whose memory fits every platform's host (an upper bound: the host keeps a reserve and a
/// VM more than its memory) down to the first the validator accepts, so that no position
/// of the slider is an error. A scenario invalid even at 1 keeps the bound.
fn max_instances(s: &Scenario) -> u32 {
    let bound = memory_bound(s).clamp(1, MAX_INSTANCES_SLIDER);
    (1..=bound)
        .rev()
        .find(|&n| valid_with(s, n))
        .unwrap_or(bound)
}

/// The fewest instances per group (every group set to the same count) for which the
/// scenario is valid: a fault on the third copy of a group needs three. Searched up to the
/// memory bound; 1 when none is valid there.
fn min_instances(s: &Scenario) -> u32 {
    let bound = memory_bound(s).clamp(1, MAX_INSTANCES_SLIDER);
    (1..=bound).find(|&n| valid_with(s, n)).unwrap_or(1)
}

/// The most instances each group's own slider takes, the other groups as written: the
/// largest count up to [`MAX_INSTANCES_SLIDER`] (or its own, if more) for which the
/// scenario stays valid, found by halving (more instances only need more memory and
/// events). Only for the sliders there are (several groups, at most [`GROUP_SLIDERS`]).
fn group_max(s: &Scenario) -> Vec<u32> {
    if s.instances.len() < 2 || s.instances.len() > GROUP_SLIDERS.len() {
        return Vec::new();
    }
    (0..s.instances.len())
        .map(|g| {
            let own = s.instances[g].count;
            let valid = |n: u32| {
                let mut group_counts = vec![None; g + 1];
                group_counts[g] = Some(n);
                s.adjusted(&Adjustments {
                    group_counts,
                    ..Default::default()
                })
                .is_ok()
            };
            let (mut lo, mut hi) = (own, MAX_INSTANCES_SLIDER.max(own));
            if valid(hi) {
                return hi;
            }
            // lo valid (as written), hi not.
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if valid(mid) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            lo
        })
        .collect()
}

/// Whether the scenario stays valid with every group set to `n` instances.
fn valid_with(s: &Scenario, n: u32) -> bool {
    s.adjusted(&Adjustments {
        instance_count: Some(n),
        ..Default::default()
    })
    .is_ok()
}

/// The instances slider's largest position, whatever the host's memory allows.
const MAX_INSTANCES_SLIDER: u32 = 32;

/// Instances per group (every group set to the same count) whose configured memory adds up
/// to at most the host's on every platform.
pub(super) fn memory_bound(s: &Scenario) -> u32 {
    (0..s.platforms.len())
        .filter_map(|p| {
            let per_copy: u64 = s
                .instances
                .iter()
                .filter(|i| i.platforms.contains(&p))
                .map(|i| i.memory_mib)
                .sum();
            (per_copy > 0).then(|| s.host.memory_mib / per_copy)
        })
        .min()
        .unwrap_or(u64::from(u32::MAX))
        .min(u64::from(u32::MAX)) as u32
}
