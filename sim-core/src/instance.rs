//! A validated instance group: what a platform runs (`count` identical VMs, containers or
//! desktops), the input of the machine, the memory plan and the lifecycle model.

use crate::platform::GuestOs;
use crate::workload::Workload;

/// A validated instance group (`count` identical instances).
#[derive(Debug, Clone, PartialEq)]
pub struct InstanceSpec {
    pub name: String,
    /// Indices of the platforms that run it.
    pub platforms: Vec<usize>,
    pub count: u32,
    pub vcpus: u32,
    pub threads: u32,
    pub memory_mib: u64,
    pub guest_os: GuestOs,
    pub workload: Workload,
    pub pin: Option<Vec<u32>>,
    pub weight: u32,
    pub cap_percent: u32,
    pub working_set_mib: u64,
}

impl InstanceSpec {
    /// Whether its workload sends or receives network messages ([`uses_network`]).
    pub fn uses_network(&self) -> bool {
        uses_network(&self.workload)
    }
}

/// Whether `workload`'s threads put messages on the host's NIC or take them off it: its
/// mix has `net_send` or `net_receive`, and it is no desktop activity (a desktop's display
/// stream and input have their own figures, `desktop_bandwidth_kbit_s`). Only then does a
/// platform carry network figures ([`crate::NetworkResult`]).
pub fn uses_network(workload: &Workload) -> bool {
    let mix = &workload.mix;
    (mix.net_send > 0 || mix.net_receive > 0)
        && crate::desktop::Activity::of(&workload.name).is_none()
}
