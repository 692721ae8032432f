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
