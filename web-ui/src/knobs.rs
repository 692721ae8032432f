//! The page's controls: the settings layered over a scenario and the scenario's own values.
//!
//! Plain data that the state, share links, the runs and the workers all read: the
//! controls' settings ([`Knobs`], `None` keeping the scenario's value), the scenario's own
//! values ([`Baseline`]), the time slices a run uses and where they come from ([`Slices`],
//! read from the validated scenario with the controls: the fair scheduler's default
//! follows the host's cores), typed sizes and seeds read ([`parse_mib`],
//! [`parse_memory_mib`] for `Action::TypeMemory`, [`parse_seed`]), and the settings that
//! differ from the scenario's own, in words ([`changed_settings`]).

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Msg};
use crate::sim::text::particles;
use crate::sim::{Adjustments, NetworkMode, Op, PlatformKind, Scenario, StorageMode, Text};

/// Control settings layered over the scenario; `None` keeps the scenario's value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Knobs {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_count: Option<u32>,
    /// Each instance group's own count, by its place (a scenario with several groups has
    /// a slider per group); over `instance_count` (an assignment's variant, an older link).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub group_counts: Vec<Option<u32>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vcpus_per_instance: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threads_per_instance: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workload: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vm_exit_cycles: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_slice_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_cores: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_clock_mhz: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory_per_instance_mib: Option<u32>,
    /// Each platform's network, by the platform's place (only VDI platforms have one):
    /// the network controls set the platform picked beside them, one at a time.
    ///
    /// Why per platform, not one value for every VDI platform: a VDI scenario compares
    /// networks (vdi-network's LAN at 5 ms beside a city at 50 ms, a satellite at 600 ms,
    /// a lossy and a thin link). One RTT for all would make its platforms the same network
    /// and erase the comparison the scenario is about; a student's question is rather
    /// "what if this LAN had a 100 ms round trip?", answered beside the others as written
    /// (as each instance group has its own count slider, `group_counts`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub networks: Vec<NetKnob>,
}

/// One VDI platform's network as its controls set it, in the controls' steps; `None` keeps
/// the scenario's value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NetKnob {
    /// Round-trip time between a thin client and the server, whole ms (`rtt_ms`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rtt_ms: Option<u32>,
    /// Packet loss on the client path, tenths of a percent (20: `loss_percent = 2`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loss_permille: Option<u32>,
    /// Each client's access link, kbit/s (1000: `client_bandwidth_mbit_s = 1`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bandwidth_kbit_s: Option<u32>,
}

impl NetKnob {
    /// sim-core's view: the file's keys and units.
    pub fn to_setting(self) -> crate::sim::scenario::NetworkSetting {
        crate::sim::scenario::NetworkSetting {
            rtt_ms: self.rtt_ms.map(f64::from),
            loss_percent: self.loss_permille.map(|l| f64::from(l) / 10.0),
            client_bandwidth_mbit_s: self.bandwidth_kbit_s.map(|k| f64::from(k) / 1000.0),
        }
    }
}

/// The network controls of every VDI platform of `s` set to `every` (an assignment's
/// variant: sim-core's `Adjustments::vdi_network`), by the platform's place: what the
/// student's page hands to sim-core, and what its controls show. A value at a platform's
/// own (as `Knobs::at_baseline_as_written` would leave it) is left `None`, so that Reset,
/// which goes back to these settings through that cleaning, gives the same settings.
///
/// The controls move in whole ms, 0.1 % and 1 kbit/s; an assignment's network choices keep
/// to these steps (sim-core refuses a finer one), so each rounding here is exact and the
/// page runs the value `virtsim answers` runs.
pub fn every_vdi_network(
    s: &Scenario,
    every: &crate::sim::scenario::NetworkSetting,
) -> Vec<NetKnob> {
    fn step(value: Option<f64>, per_unit: f64) -> Option<u32> {
        // Within the file's ranges (at most 100 000 000 kbit/s): fits in u32.
        value.map(|v| (v * per_unit).round() as u32)
    }
    let mut networks: Vec<NetKnob> = s
        .platforms
        .iter()
        .map(|p| {
            let Some(own) = &p.vdi else {
                return NetKnob::default();
            };
            let differs = |knob: Option<u32>, scale: u64, own: u64| {
                knob.filter(|&v| u64::from(v) * scale != own)
            };
            NetKnob {
                rtt_ms: differs(step(every.rtt_ms, 1.0), 1000, own.rtt_us),
                loss_permille: differs(step(every.loss_percent, 10.0), 1000, own.loss_ppm),
                bandwidth_kbit_s: differs(
                    step(every.client_bandwidth_mbit_s, 1000.0),
                    1,
                    own.client_bandwidth_kbit_s,
                ),
            }
        })
        .collect();
    while networks.last() == Some(&NetKnob::default()) {
        networks.pop();
    }
    networks
}

/// A VDI platform's network as the scenario writes it (its validated values), in the
/// network controls' units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NetBase {
    /// Round-trip time, µs (the validator keeps whole µs; the control moves by whole ms).
    pub rtt_us: u64,
    /// Packet loss, parts per million (the control moves by 1000: 0.1%).
    pub loss_ppm: u64,
    /// Each client's access link, kbit/s.
    pub bandwidth_kbit_s: u64,
}

impl NetBase {
    /// The RTT control's position for it: whole ms.
    pub fn rtt_ms(&self) -> u64 {
        (self.rtt_us + 500) / 1000
    }

    /// The loss control's position for it: tenths of a percent.
    pub fn loss_permille(&self) -> u64 {
        (self.loss_ppm + 500) / 1000
    }
}

/// The ids of the sliders of instance groups, by the group's place (a scenario with more
/// groups shows the one slider for every group).
pub const GROUP_SLIDERS: [&str; 8] = [
    "k-instances-0",
    "k-instances-1",
    "k-instances-2",
    "k-instances-3",
    "k-instances-4",
    "k-instances-5",
    "k-instances-6",
    "k-instances-7",
];

impl Knobs {
    /// The count group `g` runs with these settings (`own`: its count as written).
    pub fn count_of(&self, g: usize, own: u32) -> u32 {
        self.group_counts
            .get(g)
            .copied()
            .flatten()
            .or(self.instance_count)
            .unwrap_or(own)
    }

    /// The settings with group `g`'s slider moved to `n`: each group keeps the count it
    /// runs now (a count for every group becomes each group's own), group `g` takes `n`.
    pub fn with_group_count(&self, g: usize, n: u32, base: &Baseline) -> Knobs {
        let mut k = self.clone();
        k.group_counts = (0..base.group_counts.len())
            .map(|i| {
                Some(if i == g {
                    n
                } else {
                    self.count_of(i, base.group_counts[i])
                })
            })
            .collect();
        k.instance_count = None;
        k
    }

    /// Platform `p`'s network settings (none set: as written).
    pub fn network(&self, p: usize) -> NetKnob {
        self.networks.get(p).copied().unwrap_or_default()
    }

    /// The settings with platform `p`'s network changed by `f`.
    pub fn with_network(&self, p: usize, f: impl FnOnce(&mut NetKnob)) -> Knobs {
        let mut k = self.clone();
        if k.networks.len() <= p {
            k.networks.resize(p + 1, NetKnob::default());
        }
        f(&mut k.networks[p]);
        k
    }

    /// sim-core's view of the same settings.
    pub fn to_adjustments(&self) -> Adjustments {
        Adjustments {
            seed: self.seed,
            duration_ms: self.duration_ms,
            host_cores: self.host_cores,
            host_clock_mhz: self.host_clock_mhz,
            memory_per_instance_mib: self.memory_per_instance_mib,
            instance_count: self.instance_count,
            group_counts: self.group_counts.clone(),
            vcpus_per_instance: self.vcpus_per_instance,
            threads_per_instance: self.threads_per_instance,
            workload: self.workload.clone(),
            vm_exit_cycles: self.vm_exit_cycles,
            time_slice_ms: self.time_slice_ms,
            vdi_network: Default::default(),
            platform_networks: self.networks.iter().map(|n| n.to_setting()).collect(),
        }
    }

    /// The same settings with every slider that stands at the scenario's own value put
    /// back to "as written" (`None`). The slider's baseline is one number, but the
    /// scenario may differ by group or platform (memory-overcommit runs 4 VMs on one
    /// platform and 8 on the others; groups can have their own vCPUs, platforms their
    /// own slices), and a moved slider sets every group or platform to its value: moving
    /// it away and back must give the scenario back, not 4 VMs everywhere.
    pub fn at_baseline_as_written(mut self, base: &Baseline) -> Knobs {
        fn clear<T: PartialEq>(knob: &mut Option<T>, baseline: T) {
            if knob.as_ref() == Some(&baseline) {
                *knob = None;
            }
        }
        clear(&mut self.instance_count, base.instance_count);
        // A group's slider at the group's own count (with no count for every group under
        // it) is as written; none set, none kept.
        if self.instance_count.is_none() {
            for (g, count) in self.group_counts.iter_mut().enumerate() {
                if let Some(&own) = base.group_counts.get(g) {
                    clear(count, own);
                }
            }
        }
        while self.group_counts.last() == Some(&None) {
            self.group_counts.pop();
        }
        clear(&mut self.vcpus_per_instance, base.vcpus_per_instance);
        clear(&mut self.threads_per_instance, base.threads_per_instance);
        clear(&mut self.host_cores, base.host_cores);
        clear(&mut self.host_clock_mhz, base.host_clock_mhz);
        clear(
            &mut self.memory_per_instance_mib,
            base.memory_per_instance_mib,
        );
        clear(&mut self.vm_exit_cycles, base.vm_exit_cycles);
        // Not the time slice: the slice a platform runs as written can depend on the other
        // settings (the fair scheduler's default on the host cores), so whether the slider
        // stands at it is the validated scenario's to say (`State::set_knobs`).
        clear(&mut self.duration_ms, base.duration_ms);
        // A network control at its platform's own value (exactly: an RTT of 7.5 ms written
        // is not the control's 8).
        for (p, net) in self.networks.iter_mut().enumerate() {
            // Not a VDI platform (an edited link): kept, for the validator to refuse.
            if let Some(own) = base.networks.get(p).copied().flatten() {
                let at = |knob: Option<u32>, scale: u64, own: u64| {
                    knob.is_some_and(|v| u64::from(v) * scale == own)
                };
                if at(net.rtt_ms, 1000, own.rtt_us) {
                    net.rtt_ms = None;
                }
                if at(net.loss_permille, 1000, own.loss_ppm) {
                    net.loss_permille = None;
                }
                if at(net.bandwidth_kbit_s, 1, own.bandwidth_kbit_s) {
                    net.bandwidth_kbit_s = None;
                }
            }
        }
        while self.networks.last() == Some(&NetKnob::default()) {
            self.networks.pop();
        }
        self
    }
}

/// The time slices a run uses, read from the validated scenario it is made of (with the
/// controls applied: a platform that writes no `time_slice_ms` takes its scheduler's
/// default, which for the fair scheduler depends on the host's cores), and where they come
/// from: what the time-slice control shows while it is untouched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Slices {
    /// The first platform's slice, ms (where the slider stands).
    pub first: u64,
    /// The smallest and largest slice of the platforms, ms.
    pub lo: u64,
    pub hi: u64,
    /// Some platform's slice is the scenario's own (written in it, or set by the control).
    pub written: bool,
    /// Some platform's slice is its scheduler's default.
    pub default: bool,
    /// The host's cores, when a platform's default is the fair scheduler's (scaled by them).
    pub default_cores: Option<u32>,
    /// Some platform's default is another scheduler's (the same on any host).
    pub default_fixed: bool,
}

impl Slices {
    /// The slices of `s`, a validated scenario; `written[i]` says whether platform `i`'s
    /// text writes `time_slice_ms` (`Baseline::time_slice_written`); `set` that the
    /// control sets every platform's.
    pub fn of(s: &Scenario, written: &[bool], set: bool) -> Slices {
        let slices = s.platforms.iter().map(|p| p.time_slice_ms);
        let own = |i: usize| set || written.get(i).copied().unwrap_or(false);
        let defaults: Vec<&crate::sim::scenario::PlatformSpec> = s
            .platforms
            .iter()
            .enumerate()
            .filter(|&(i, _)| !own(i))
            .map(|(_, p)| p)
            .collect();
        Slices {
            first: s.platforms.first().map_or(30, |p| p.time_slice_ms),
            lo: slices.clone().min().unwrap_or(30),
            hi: slices.max().unwrap_or(30),
            written: (0..s.platforms.len()).any(own),
            default: !defaults.is_empty(),
            default_cores: defaults
                .iter()
                .any(|p| p.scheduler == crate::sim::SchedulerKind::Fair)
                .then_some(s.host.cores),
            default_fixed: defaults
                .iter()
                .any(|p| p.scheduler != crate::sim::SchedulerKind::Fair),
        }
    }

    /// What the control shows untouched: "6 (default for 1 host core)", "24 (scenario
    /// value)", "6–30 (per platform: the schedulers' defaults on 1 host core)".
    pub fn text(&self, lang: Lang) -> String {
        let from = self.source(lang);
        let num = |v: u64| crate::num::int(v);
        if self.lo == self.hi {
            format!("{} ({from})", num(self.lo))
        } else {
            format!(
                "{}–{} ({}: {from})",
                num(self.lo),
                num(self.hi),
                crate::i18n::t(lang, "controls.slice_per_platform")
            )
        }
    }

    /// Where the slices come from: "scenario value", "default for 1 host core", or both.
    pub fn source(&self, lang: Lang) -> String {
        use crate::i18n::t;
        let mut from = Vec::new();
        if self.written {
            from.push(t(lang, "controls.default").to_string());
        }
        if self.default {
            // The fair scheduler's default follows the host's cores; the others' do not.
            let key = match (self.default_cores, self.default_fixed) {
                (Some(1), false) => "controls.slice_default_core",
                (Some(_), false) => "controls.slice_default_cores",
                (Some(1), true) => "controls.slice_defaults_core",
                (Some(_), true) => "controls.slice_defaults_cores",
                (None, _) => "controls.slice_default",
            };
            let cores = self.default_cores.unwrap_or(0).to_string();
            from.push(t(lang, key).replace("{}", &cores));
        }
        from.join(", ")
    }
}

/// Whether each platform of a scenario text writes `time_slice_ms`, in order (the
/// validated scenario keeps the value, not whether it was written). Read with toml's
/// parser, which sim-core reads the text with too.
pub(crate) fn time_slice_written(text: &str) -> Vec<bool> {
    use toml::de::{DeTable, DeValue};
    let (root, _) = DeTable::parse_recoverable(text);
    let Some(platforms) = root.get_ref().get("platform") else {
        return Vec::new();
    };
    match platforms.get_ref() {
        DeValue::Array(tables) => tables
            .iter()
            .map(|t| match t.get_ref() {
                DeValue::Table(t) => t.contains_key("time_slice_ms"),
                _ => false,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The scenario's own values of the controlled parameters (what a slider shows untouched).
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
    /// with the controls is at hand (a control's error).
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
    /// The scenario's questions' operations, in order (for choosing default views).
    pub question_ops: Vec<Op>,
    /// Each instance group's workload, by name.
    pub group_workloads: Vec<String>,
    /// The scenario's questions as written (a control can leave some out: a question
    /// about an operation the chosen workload does not make).
    pub question_count: usize,
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

    /// The VDI platforms' places, in order (the network controls' picker lists them).
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
fn memory_bound(s: &Scenario) -> u32 {
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

/// A control setting that makes the scenario invalid: which control, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct KnobError {
    /// The id of the control that was changed last (`k-instances`, …), if known.
    pub control: Option<&'static str>,
    pub message: Msg,
}

/// A memory size typed into the memory field, read by [`parse_mib`] and at least the
/// slider's least, `MEMORY_STEP_MIB` (64 MiB): "0" or "16" is refused here in MiB, the
/// slider's terms, not by the validator in the GiB of `memory_gib`. Sizes between the
/// slider's steps are taken (precision is what the field is for).
pub fn parse_memory_mib(text: &str) -> Result<u32, Msg> {
    let mib = parse_mib(text)?;
    let least = sim_core::scenario::MEMORY_STEP_MIB;
    if u64::from(mib) < least {
        let t = text.trim();
        return Err(Msg {
            en: format!("“{t}” is less than the memory slider's least, {least} MiB per instance"),
            ko: particles(&format!(
                "“{t}”: 메모리 슬라이더의 최솟값인 인스턴스당 {least} MiB보다 작습니다"
            )),
        });
    }
    Ok(mib)
}

/// A seed typed into the seed field: a whole number from 0 to `u64::MAX`, in digits;
/// `None` for an empty field (the scenario's own seed). Anything else ("-5", "1.5", "1e3")
/// is said to be no seed rather than read as another number.
pub fn parse_seed(text: &str) -> Result<Option<u64>, Msg> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u64>().map(Some).map_err(|_| Msg {
        en: format!(
            "“{t}” is not a seed: a seed is a whole number from 0 to {}, in digits",
            u64::MAX
        ),
        ko: particles(&format!(
            "“{t}”: 시드가 아닙니다. 시드는 0에서 {} 사이의 정수이며 숫자로 씁니다",
            u64::MAX
        )),
    })
}

/// A memory size typed into the memory field: whole MiB ("2048", "2,048", "2048 MiB"), or
/// GiB with its unit ("1.5 GiB" = 1536 MiB). Whether the scenario can run with it is the
/// validator's to say, as for the slider's values; this only reads the number, or says in
/// both languages why it cannot.
pub fn parse_mib(text: &str) -> Result<u32, Msg> {
    let t = text.trim();
    // Full-width digits and letters ("２０４８", "２ ＧｉＢ") as their ASCII forms.
    let lower = sim_core::question::half_width(t).trim().to_lowercase();
    let (number, per) = [
        ("gib", 1024.0),
        ("gb", 1024.0),
        ("g", 1024.0),
        ("mib", 1.0),
        ("mb", 1.0),
        ("m", 1.0),
    ]
    .iter()
    .find_map(|(unit, per)| lower.strip_suffix(unit).map(|n| (n.trim_end(), *per)))
    .unwrap_or((lower.as_str(), 1.0));
    // A comma only between groups of three digits ("2,048"): "1,5" is a decimal comma in
    // much of the world, not fifteen.
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let groups: Vec<&str> = whole.split(',').collect();
    let commas_group_thousands = groups.len() == 1
        || ((1..=3).contains(&groups[0].trim().len())
            && groups[1..].iter().all(|g| g.len() == 3)
            && !fraction.contains(','));
    let digits: String = number
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' '))
        .collect();
    let value = (commas_group_thousands
        && !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|&c| c == '.').count() <= 1)
        .then(|| digits.parse::<f64>().ok())
        .flatten()
        .map(|v| v * per);
    match value {
        _ if t.is_empty() => Err(Msg {
            en: "type a memory size in MiB (for example 2048)".into(),
            ko: "메모리 크기를 MiB 단위로 입력하세요 (예: 2048)".into(),
        }),
        // Before the fraction: a number too long for f64 is infinite, whose fraction is NaN.
        Some(v) if v > f64::from(u32::MAX) => Err(Msg {
            en: format!(
                "“{t}” is more than the page can set (at most {} MiB)",
                u32::MAX
            ),
            ko: particles(&format!(
                "“{t}”: 페이지가 설정할 수 있는 값보다 큽니다 (최대 {} MiB)",
                u32::MAX
            )),
        }),
        Some(v) if v.fract() != 0.0 => Err(Msg {
            en: format!("“{t}” is not a whole number of MiB"),
            ko: particles(&format!("“{t}”: MiB 단위의 정수가 아닙니다")),
        }),
        Some(v) => Ok(v as u32),
        None => Err(Msg {
            en: format!("“{t}” is not a memory size in MiB (for example 2048, or 2 GiB)"),
            ko: particles(&format!(
                "“{t}”: MiB 단위 메모리 크기가 아닙니다 (예: 2048 또는 2 GiB)"
            )),
        }),
    }
}

/// The control settings in `knobs` that differ from the scenario's own values (`base`),
/// each named with its value in `lang` ("VM exit round trip 3,000 cycles"), in the
/// controls' order: what a question's explanation, written for the scenario as written,
/// may not match. A slider that sets every group or platform differs when any of them had
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

/// The id of the first control whose setting differs between `a` and `b`.
pub fn changed_control(a: &Knobs, b: &Knobs) -> Option<&'static str> {
    if a.group_counts != b.group_counts {
        let g = (0..a.group_counts.len().max(b.group_counts.len()))
            .find(|&g| a.group_counts.get(g) != b.group_counts.get(g))
            .unwrap_or(0);
        GROUP_SLIDERS.get(g).copied()
    } else if a.instance_count != b.instance_count {
        Some("k-instances")
    } else if a.vcpus_per_instance != b.vcpus_per_instance {
        Some("k-vcpus")
    } else if a.threads_per_instance != b.threads_per_instance {
        Some("k-threads")
    } else if a.host_cores != b.host_cores {
        Some("k-host-cores")
    } else if a.host_clock_mhz != b.host_clock_mhz {
        Some("k-clock")
    } else if a.memory_per_instance_mib != b.memory_per_instance_mib {
        Some("k-memory")
    } else if a.vm_exit_cycles != b.vm_exit_cycles {
        Some("k-exit")
    } else if a.time_slice_ms != b.time_slice_ms {
        Some("k-slice")
    } else if a.duration_ms != b.duration_ms {
        Some("k-duration")
    } else if a.workload != b.workload {
        Some("k-workload")
    } else if a.seed != b.seed {
        Some("k-seed")
    } else if a.networks != b.networks {
        let p = (0..a.networks.len().max(b.networks.len()))
            .find(|&p| a.network(p) != b.network(p))
            .unwrap_or(0);
        let (x, y) = (a.network(p), b.network(p));
        Some(if x.rtt_ms != y.rtt_ms {
            "k-rtt"
        } else if x.loss_permille != y.loss_permille {
            "k-loss"
        } else {
            "k-bandwidth"
        })
    } else {
        None
    }
}

/// The control that sets the field a control error names (its `field` parameter),
/// for a share link, where no control was "changed last".
pub fn control_of(e: &crate::sim::ScenarioError) -> Option<&'static str> {
    let field = e.params.iter().find(|(k, _)| *k == "field")?.1.as_str();
    let last = field.rsplit('.').next().unwrap_or(field);
    Some(match last {
        "count" => "k-instances",
        "vcpus" => "k-vcpus",
        "threads" => "k-threads",
        "cores" => "k-host-cores",
        "clock_ghz" => "k-clock",
        "memory_gib" if !field.starts_with("host.") => "k-memory",
        "vm_exit_roundtrip" => "k-exit",
        "time_slice_ms" => "k-slice",
        "duration_ms" => "k-duration",
        "workload" => "k-workload",
        "seed" => "k-seed",
        "rtt_ms" => "k-rtt",
        "loss_percent" => "k-loss",
        "client_bandwidth_mbit_s" => "k-bandwidth",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;

    /// An assignment's network of every VDI platform, as the page's controls: a value at a
    /// platform's own is left as written (`None`), as Reset's cleaning would leave it, and
    /// the run is the same as with sim-core's `vdi_network`.
    #[test]
    fn every_vdi_network_leaves_a_platforms_own_value_as_written() {
        let text = builtin::text_by_name("vdi-network.toml").unwrap();
        let s = Scenario::from_toml("vdi-network.toml", &text).unwrap();
        let every = crate::sim::scenario::NetworkSetting {
            rtt_ms: Some(50.0),
            loss_percent: Some(0.0),
            client_bandwidth_mbit_s: Some(2.5),
        };
        let networks = every_vdi_network(&s, &every);
        let rtts: Vec<Option<u32>> = networks.iter().map(|n| n.rtt_ms).collect();
        // lan-5ms, city-50ms, continent-150ms, satellite, lossy-50ms, thin-1mbit.
        assert_eq!(rtts, [Some(50), None, Some(50), Some(50), None, None]);
        let losses: Vec<Option<u32>> = networks.iter().map(|n| n.loss_permille).collect();
        assert_eq!(losses, [None, None, None, None, Some(0), None]);
        assert!(networks.iter().all(|n| n.bandwidth_kbit_s == Some(2500)));
        let knobs = Knobs {
            networks: networks.clone(),
            ..Knobs::default()
        };
        let base = Baseline::of(&s);
        assert_eq!(
            knobs.clone().at_baseline_as_written(&base).networks,
            networks
        );
        let page = s.adjusted(&knobs.to_adjustments()).unwrap();
        let core = (s.adjusted(&Adjustments {
            vdi_network: every,
            ..Adjustments::default()
        }))
        .unwrap();
        let nets = |s: &Scenario| -> Vec<_> { s.platforms.iter().map(|p| p.vdi.clone()).collect() };
        assert_eq!(nets(&page), nets(&core));
    }

    /// A reviewer's case: seed-table-full's groups of 8, 24 and 4; the one slider for every
    /// group set the 24 office desktops to 12 when the web group's 8 moved to 12 (the
    /// desktops went from 28 to 24). Each group's own slider moves its group alone.
    #[test]
    fn a_groups_slider_moves_that_group_alone() {
        let (file, text) = builtin::BUILTIN
            .iter()
            .find(|(f, _)| *f == "seed-table-full.toml")
            .unwrap();
        let scenario = Scenario::from_toml(file, text).unwrap();
        let base = Baseline::of(&scenario);
        assert_eq!(base.group_counts, [8, 24, 4]);
        let knobs = Knobs::default().with_group_count(0, 12, &base);
        let counts = |k: &Knobs| -> Vec<u32> {
            let s = scenario.adjusted(&k.to_adjustments()).unwrap();
            s.instances.iter().map(|i| i.count).collect()
        };
        assert_eq!(counts(&knobs), [12, 24, 4]);
        for lang in [Lang::En, Lang::Ko] {
            let named = lang.pick("web 인스턴스 12개", "instances of web 12");
            assert_eq!(changed_settings(lang, &knobs, &base), [named]);
        }
        // Then the office desktops: the web group keeps its 12.
        let knobs = knobs.with_group_count(1, 26, &base);
        assert_eq!(counts(&knobs), [12, 26, 4]);
        // Each slider ends at the most its group takes alone: the office desktops' where
        // the vdi platform's memory runs out (31 do not fit: 137 GiB for 127).
        assert!(
            base.group_max[1] > 24 && base.group_max[1] < 31,
            "{:?}",
            base.group_max
        );
        assert!(scenario
            .adjusted(
                &Knobs::default()
                    .with_group_count(1, base.group_max[1], &base)
                    .to_adjustments()
            )
            .is_ok());
        assert!(scenario
            .adjusted(
                &Knobs::default()
                    .with_group_count(1, base.group_max[1] + 1, &base)
                    .to_adjustments()
            )
            .is_err());
        // A count for every group (an assignment's variant) is each group's start.
        let every = Knobs {
            instance_count: Some(2),
            ..Knobs::default()
        };
        assert_eq!(counts(&every.with_group_count(2, 5, &base)), [2, 2, 5]);
        // Back at their own counts: as written.
        let back = knobs
            .with_group_count(0, 8, &base)
            .with_group_count(1, 24, &base)
            .at_baseline_as_written(&base);
        assert_eq!(back, Knobs::default());
        assert_eq!(
            changed_control(&Knobs::default(), &knobs),
            Some("k-instances-0")
        );
    }

    fn library(file: &str) -> (&'static str, &'static str) {
        builtin::BUILTIN
            .iter()
            .find(|(f, _)| *f == file)
            .copied()
            .unwrap()
    }

    /// A student's case: vdi-network's LAN (5 ms) moved to 100 ms had to be written into
    /// the file. The network controls set one VDI platform at a time: the LAN's RTT alone,
    /// the city's, the satellite's, the lossy and the thin link keep theirs (one value for
    /// all would make them one network, and the comparison would be gone).
    #[test]
    fn a_vdi_platforms_network_is_set_on_its_own() {
        let (file, text) = library("vdi-network.toml");
        let scenario = Scenario::from_toml(file, text).unwrap();
        let base = Baseline::of(&scenario);
        assert_eq!(base.vdi_platforms(), [0, 1, 2, 3, 4, 5]);
        let own: Vec<(u64, u64, u64)> = (base.networks.iter())
            .map(|n| n.unwrap())
            .map(|n| (n.rtt_ms(), n.loss_permille(), n.bandwidth_kbit_s))
            .collect();
        assert_eq!(
            own,
            [
                (5, 0, 20_000),
                (50, 0, 20_000),
                (150, 0, 20_000),
                (600, 0, 20_000),
                (50, 20, 20_000),
                (50, 0, 1_000)
            ]
        );
        let knobs = Knobs::default().with_network(0, |n| n.rtt_ms = Some(100));
        let nets = |k: &Knobs| -> Vec<(u64, u64, u64)> {
            let s = scenario.adjusted(&k.to_adjustments()).unwrap();
            (s.platforms.iter())
                .map(|p| p.vdi.as_ref().unwrap())
                .map(|n| (n.rtt_us, n.loss_ppm, n.client_bandwidth_kbit_s))
                .collect()
        };
        let moved = nets(&knobs);
        assert_eq!(moved[0], (100_000, 0, 20_000_000 / 1000));
        assert_eq!(moved[1..], nets(&Knobs::default())[1..]);
        for lang in [Lang::En, Lang::Ko] {
            let named = lang.pick(
                "“LAN, 왕복 5 ms”의 왕복 시간 100 ms",
                "round trip of “LAN, 5 ms round trip”: 100 ms",
            );
            assert_eq!(changed_settings(lang, &knobs, &base), [named]);
        }
        assert_eq!(changed_control(&Knobs::default(), &knobs), Some("k-rtt"));
        // The lossy link at 0.5% (tenths of a percent: 5), the thin link at 1.1 Mbit/s
        // (the video's full rate): the file's units.
        let knobs = knobs
            .with_network(4, |n| n.loss_permille = Some(5))
            .with_network(5, |n| n.bandwidth_kbit_s = Some(1_100));
        let moved = nets(&knobs);
        assert_eq!((moved[4].1, moved[5].2), (5_000, 1_100));
        assert_eq!(
            changed_settings(Lang::En, &knobs, &base)[1..],
            [
                "packet loss of “50 ms with 2% packet loss”: 0.5%",
                "client link of “50 ms over a 1 Mbit/s access link”: 1.1 Mbit/s"
            ]
        );
        assert_eq!(
            changed_control(&knobs, &knobs.with_network(4, |n| n.loss_permille = None)),
            Some("k-loss")
        );
        // Back at each platform's own value: as written, with nothing left to carry.
        let back = knobs
            .with_network(0, |n| n.rtt_ms = Some(5))
            .with_network(4, |n| n.loss_permille = Some(20))
            .with_network(5, |n| n.bandwidth_kbit_s = Some(1_000))
            .at_baseline_as_written(&base);
        assert_eq!(back, Knobs::default());
        // A scenario without a VDI platform has no network controls.
        let (file, text) = library("type1-vs-type2.toml");
        let base = Baseline::of(&Scenario::from_toml(file, text).unwrap());
        assert!(base.vdi_platforms().is_empty());
    }

    /// A share link carries the network settings and reads them back; a link without any
    /// (every link made before them) reads as none set.
    #[test]
    fn a_share_link_carries_the_network_settings() {
        let (file, text) = library("vdi-network.toml");
        let knobs = Knobs::default()
            .with_network(2, |n| n.rtt_ms = Some(40))
            .with_network(4, |n| n.loss_permille = Some(0));
        let shared = Shared {
            file: file.into(),
            text: text.into(),
            knobs: knobs.clone(),
            tab: None,
            library_hash: None,
            op: None,
        };
        let back = crate::share::from_hash(&crate::share::to_hash(&shared))
            .unwrap()
            .unwrap();
        assert_eq!(back.knobs, knobs);
        let json = serde_json::to_string(&Knobs::default()).unwrap();
        assert_eq!(json, "{}");
        let none: Knobs = serde_json::from_str(r#"{"seed":3}"#).unwrap();
        assert!(none.networks.is_empty());
        let json = serde_json::to_string(&knobs).unwrap();
        assert_eq!(
            json,
            r#"{"networks":[{},{},{"rtt_ms":40},{},{"loss_permille":0}]}"#
        );
    }

    /// The workload menu offers what the scenario is valid with: desktop activities where
    /// desktops run on VDI platforms (vdi-network offered cpu-bound, whose one result was an
    /// error), the server presets elsewhere, nothing where neither suits every instance
    /// (seed-table-full: web servers beside desktops); every offer of every library
    /// scenario runs.
    #[test]
    fn the_workload_menu_offers_only_what_the_scenario_is_valid_with() {
        let offered = |file: &str| {
            let (file, text) = library(file);
            Baseline::of(&Scenario::from_toml(file, text).unwrap()).workloads
        };
        assert_eq!(
            offered("vdi-network.toml"),
            crate::sim::desktop::DESKTOP_PRESETS
        );
        assert_eq!(offered("type1-vs-type2.toml"), crate::sim::PRESET_NAMES);
        assert!(offered("seed-table-full.toml").is_empty());
        // The file's own workloads first, then the presets (an instructor's `forky` beside
        // the presets: a reviewer's menu left it out).
        let offers = offered("lock-holder-preemption.toml");
        let (file, text) = library("lock-holder-preemption.toml");
        let own: Vec<String> = Scenario::from_toml(file, text)
            .unwrap()
            .custom_workload_names()
            .map(str::to_string)
            .collect();
        assert!(!own.is_empty());
        assert_eq!(offers[..own.len()], own[..]);
        assert_eq!(offers[own.len()..], crate::sim::PRESET_NAMES[..]);
        for (file, text) in builtin::BUILTIN.iter() {
            let s = Scenario::from_toml(file, text).unwrap();
            let base = Baseline::of(&s);
            let desktops = !base.vdi_platforms().is_empty()
                && s.instances.iter().any(|i| {
                    i.platforms
                        .iter()
                        .any(|&p| s.platforms[p].stack.kind == PlatformKind::Vdi)
                });
            let custom: Vec<&str> = s.custom_workload_names().collect();
            for w in &base.workloads {
                if !custom.contains(&w.as_str()) {
                    assert_eq!(w.starts_with("desktop-"), desktops, "{file}: {w}");
                }
                let adj = Adjustments {
                    workload: Some(w.to_string()),
                    ..Adjustments::default()
                };
                assert!(s.adjusted(&adj).is_ok(), "{file}: {w}");
            }
        }
    }

    #[test]
    fn groups_with_their_own_values_are_named_with_them() {
        let (file, text) = builtin::BUILTIN
            .iter()
            .find(|(f, _)| *f == "seed-comparison-table.toml")
            .unwrap();
        let base = Baseline::of(&Scenario::from_toml(file, text).unwrap());
        assert_eq!(
            base.per_group(&base.group_memory_mib).as_deref(),
            Some("web 4,096 / db 8,192")
        );
        // Equal values: the slider's one value says it all.
        assert_eq!(base.per_group(&[2, 2]), None);
        assert_eq!(base.per_group(&[]), None);
    }

    #[test]
    fn a_typed_seed_is_a_whole_number_or_said_why_not() {
        assert_eq!(parse_seed(" 42 ").unwrap(), Some(42));
        assert_eq!(parse_seed("").unwrap(), None);
        assert_eq!(parse_seed("18446744073709551615").unwrap(), Some(u64::MAX));
        for bad in ["-5", "1.5", "x", "1e3", "18446744073709551616"] {
            let e = parse_seed(bad).unwrap_err();
            assert!(e.en.contains(bad) && e.ko.contains(bad), "{e:?}");
        }
    }

    #[test]
    fn a_typed_memory_size_is_read_in_mib_or_said_why_not() {
        for (text, mib) in [
            ("2048", 2048),
            (" 2048 ", 2048),
            ("2,048", 2048),
            ("1,048,576", 1_048_576),
            ("1000", 1000),
            ("2048 MiB", 2048),
            ("512mb", 512),
            ("2 GiB", 2048),
            ("1.5 GiB", 1536),
            ("4g", 4096),
            ("0", 0),
            // Full-width, as a Korean input method types it.
            ("２０４８", 2048),
            ("２，０４８ ＭｉＢ", 2048),
            ("１.５ ＧｉＢ", 1536),
        ] {
            assert_eq!(parse_mib(text), Ok(mib), "{text}");
        }
        for text in [
            "",
            "  ",
            "abc",
            "ａｂｃ",
            "12.5",
            "-64",
            "1e3",
            "2 TiB",
            "1.2.3",
            "0.001 GiB",
            "99999999999",
            // A decimal comma is not a thousands separator: not fifteen.
            "1,5",
            "1,5 GiB",
            "20,48",
            // Too long for f64: more than the page can set, not "not a whole number".
            "9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999",
            "<b>1</b>",
        ] {
            let err = parse_mib(text).unwrap_err();
            assert!(!err.en.is_empty() && !err.ko.is_empty(), "{text}");
            if text.len() > 300 {
                assert!(err.en.contains("more than the page can set"), "{err:?}");
            }
            if text == "abc" {
                assert_eq!(
                    err.ko,
                    "“abc”: MiB 단위 메모리 크기가 아닙니다 (예: 2048 또는 2 GiB)"
                );
            }
            // The message quotes what was typed (as text; never markup).
            if !text.trim().is_empty() {
                assert!(
                    err.en.contains(text.trim()) && err.ko.contains(text.trim()),
                    "{text}: {err:?}"
                );
            }
        }
    }
    /// Below the slider's 64 MiB the field answers in MiB (not the validator's GiB);
    /// sizes between its steps are taken.
    #[test]
    fn a_typed_memory_size_is_at_least_the_sliders_least() {
        for text in ["0", "1", "16", "63", "0.03125 GiB"] {
            let err = parse_memory_mib(text).unwrap_err();
            assert!(
                err.en.contains("64 MiB") && err.ko.contains("64 MiB"),
                "{err:?}"
            );
            assert!(err.en.contains(text) && err.ko.contains(text), "{err:?}");
            assert!(
                !err.en.contains("GiB ") && !err.en.contains("memory_gib"),
                "{err:?}"
            );
        }
        assert_eq!(parse_memory_mib("64"), Ok(64));
        assert_eq!(parse_memory_mib("100"), Ok(100));
        assert_eq!(parse_memory_mib("1.5 GiB"), Ok(1536));
        assert!(parse_memory_mib("lots").unwrap_err().en.contains("lots"));
    }
    use crate::share::Shared;
    #[test]
    fn no_position_of_the_instances_slider_makes_a_library_scenario_invalid() {
        for (file, text) in builtin::BUILTIN.iter() {
            let s = Scenario::from_toml(file, text).unwrap();
            let base = Baseline::of(&s);
            assert!(base.min_instances <= base.instance_count, "{file}");
            assert!(base.instance_count <= base.max_instances, "{file}");
            for n in base.min_instances..=base.max_instances {
                let adjusted = s.adjusted(&Adjustments {
                    instance_count: Some(n),
                    ..Default::default()
                });
                assert!(adjusted.is_ok(), "{file}: {n} per group: {adjusted:?}");
            }
        }
        // memory-overcommit: the VMs that fit on its own (1.5 GiB and a 30 MiB device
        // model each, on 8 GiB less the host's 1 GiB) allow 4 per group, not the 5 that
        // the configured memory alone would (8 / 1.5).
        let i = builtin::position("memory-overcommit.toml").unwrap();
        let s = Scenario::from_toml("memory-overcommit.toml", builtin::BUILTIN[i].1).unwrap();
        assert_eq!(memory_bound(&s), 5);
        assert_eq!(Baseline::of(&s).max_instances, 4);
    }

    /// Platforms with their own slices: the range, and where each part comes from.
    #[test]
    fn platforms_slices_are_shown_as_a_range_with_their_sources() {
        let (file, text) = builtin::BUILTIN
            .iter()
            .find(|(f, _)| *f == "seed-comparison-table.toml")
            .copied()
            .unwrap();
        let s = Scenario::from_toml(file, text).unwrap();
        let base = Baseline::of(&s);
        assert!(base.time_slice_written.iter().all(|w| !w), "{file}");
        assert_eq!(
            base.slices.text(Lang::En),
            "24–30 (per platform: the schedulers' defaults on 8 host cores)"
        );
        let one = s
            .adjusted(&Adjustments {
                host_cores: Some(1),
                ..Default::default()
            })
            .unwrap();
        let slices = Slices::of(&one, &base.time_slice_written, false);
        assert_eq!(
            slices.text(Lang::En),
            "6–30 (per platform: the schedulers' defaults on 1 host core)"
        );
        // A platform that writes its slice beside ones that do not.
        let written = time_slice_written(
            "[[platform]]\nname = \"a\"\ntime_slice_ms = 5\n[[platform]]\nname = \"b\"\n",
        );
        assert_eq!(written, [true, false]);
        // Only a credit scheduler's default, the same on any host.
        let credit = Slices {
            first: 30,
            lo: 30,
            hi: 30,
            written: false,
            default: true,
            default_cores: None,
            default_fixed: true,
        };
        assert_eq!(credit.text(Lang::En), "30 (the scheduler's default)");
        let mixed = Slices {
            written: true,
            ..slices
        };
        assert_eq!(
            mixed.text(Lang::Ko),
            "6–30 (플랫폼마다 다름: 시나리오 값, 호스트 코어 1개에서의 스케줄러 기본값)"
        );
    }

    /// noisy-neighbour's victims run 4 threads each and its noisy instances 8: the threads
    /// slider names each group's, as the vCPUs slider does (it showed the victims' 4 only).
    #[test]
    fn each_groups_threads_are_named() {
        let (file, text) = builtin::BUILTIN
            .iter()
            .find(|(f, _)| *f == "noisy-neighbour.toml")
            .copied()
            .expect("in the library");
        let base = Baseline::of(&Scenario::from_toml(file, text).unwrap());
        let threads: Vec<u64> = base.group_threads.iter().map(|&t| u64::from(t)).collect();
        assert_eq!(
            base.per_group(&threads).as_deref(),
            Some("victim 4 / noisy 8 / noisy-capped 8")
        );
    }

    #[test]
    fn the_settings_away_from_the_scenarios_own_are_named() {
        let (file, text) = builtin::BUILTIN
            .iter()
            .find(|(f, _)| *f == "memory-shadow-vs-nested.toml")
            .copied()
            .expect("in the library");
        let base = Baseline::of(&Scenario::from_toml(file, text).unwrap());
        // As written, or set to the scenario's own values (an assignment's variant may
        // name them), or only another seed: nothing to say.
        assert!(changed_settings(Lang::En, &Knobs::default(), &base).is_empty());
        let own = Knobs {
            host_cores: Some(base.host_cores),
            host_clock_mhz: Some(base.host_clock_mhz),
            memory_per_instance_mib: Some(base.memory_per_instance_mib),
            vm_exit_cycles: Some(base.vm_exit_cycles),
            seed: Some(7),
            ..Knobs::default()
        };
        assert!(changed_settings(Lang::En, &own, &base).is_empty());
        // The workload every group already runs, picked in the list: nothing changed;
        // picked where one group runs another, it is.
        let one = Baseline {
            group_workloads: vec!["web-server".into(), "web-server".into()],
            ..base.clone()
        };
        let web = Knobs {
            workload: Some("web-server".into()),
            ..own.clone()
        };
        assert!(changed_settings(Lang::En, &web, &one).is_empty());
        let two = Baseline {
            group_workloads: vec!["web-server".into(), "database".into()],
            ..base.clone()
        };
        assert_eq!(
            changed_settings(Lang::En, &web, &two),
            ["workload web server (web-server)"]
        );
        let moved = Knobs {
            vm_exit_cycles: Some(3000),
            host_cores: Some(base.host_cores + 1),
            workload: Some("io-heavy".into()),
            ..own
        };
        assert_eq!(
            changed_settings(Lang::En, &moved, &base),
            [
                format!("host cores {}", base.host_cores + 1),
                "VM exit round trip 3,000 cycles".to_string(),
                "workload io-heavy".to_string(),
            ]
        );
        assert_eq!(
            changed_settings(Lang::Ko, &moved, &base)[1],
            "VM exit 왕복 3,000 사이클"
        );
        let faster = Knobs {
            host_clock_mhz: Some(3600),
            memory_per_instance_mib: Some(1536),
            ..Knobs::default()
        };
        assert_eq!(
            changed_settings(Lang::En, &faster, &base),
            ["host clock 3,600 MHz", "memory per instance 1,536 MiB"]
        );
        // A slider that sets every group differs when one group had another count.
        let mixed = Baseline {
            group_counts: vec![4, 8],
            instance_count: 4,
            ..base.clone()
        };
        let four = Knobs {
            instance_count: Some(4),
            ..Knobs::default()
        };
        assert_eq!(
            changed_settings(Lang::En, &four, &mixed),
            ["instances per group 4"]
        );
    }
}
