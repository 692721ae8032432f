//! The page's settings: what the Settings card's sliders and fields layer over a scenario
//! ([`Knobs`], `None` keeping the scenario's value; sim-core's `Adjustments` once applied),
//! and the scenario's own values.
//!
//! Plain data that the state, share links, the runs and the workers all read. Here:
//! [`Knobs`] and the ids of the instance groups' sliders ([`GROUP_SLIDERS`]). Beside it:
//! `network.rs` (a VDI platform's network settings, [`NetKnob`]), `baseline.rs` (the
//! scenario's own values, [`Baseline`]), `slices.rs` (the time slices a run uses and where
//! they come from, [`Slices`], read from the validated scenario with the settings: the fair
//! scheduler's default follows the host's cores), `typed.rs` (typed sizes and seeds read:
//! [`parse_mib`], [`parse_memory_mib`] for `Action::TypeMemory`, [`parse_seed`]),
//! `changed.rs` (the settings that differ from the scenario's own, in words:
//! [`changed_settings`]), `blame.rs` (a setting's error and the slider it is blamed on:
//! [`KnobError`]) and `tests.rs`.

use serde::{Deserialize, Serialize};

use crate::sim::Adjustments;

mod baseline;
mod blame;
mod changed;
mod network;
mod slices;
#[cfg(test)]
mod tests;
mod typed;

pub use baseline::Baseline;
pub use blame::{changed_control, control_of, KnobError};
pub use changed::{changed_net, changed_networks, changed_settings};
pub use network::{every_vdi_network, NetBase, NetKnob};
pub use slices::{slice_changed_nothing, SliceChangedNothing, Slices};
pub use typed::{parse_memory_mib, parse_mib, parse_seed};

/// The page's settings, layered over the scenario; `None` keeps the scenario's value.
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
    /// the network sliders set the platform picked beside them, one at a time.
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
            // The page has no host memory control: the scenario's own.
            host_memory_mib: None,
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
        // A network slider at its platform's own value (exactly: an RTT of 7.5 ms written
        // is not the slider's 8).
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
