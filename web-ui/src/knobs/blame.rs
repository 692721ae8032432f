//! A setting that makes the scenario invalid ([`KnobError`]) and the slider or field it is
//! blamed on: the one changed last ([`changed_control`]), or the one that sets the field an
//! error names ([`control_of`]).

use super::{Knobs, GROUP_SLIDERS};
use crate::i18n::Msg;

/// A setting that makes the scenario invalid: the slider or field it is blamed on, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct KnobError {
    /// The id of the slider or field that was changed last (`k-instances`, …), if known.
    pub control: Option<&'static str>,
    pub message: Msg,
}

/// The id of the first slider or field whose setting differs between `a` and `b`.
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

/// The slider or field that sets the scenario field a setting's error names (its `field`
/// parameter), for a share link, where none was "changed last".
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
