//! Overcommit policies: the mechanisms a platform may use to run instances whose
//! configured memory is more than the host has.

use serde::{Deserialize, Serialize};

use crate::platform::{IoModel, Stack, Technique};

/// A mechanism that lets configured memory exceed the host's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OvercommitPolicy {
    /// A balloon driver in the guest gives back the guest's free memory (VMs whose guest
    /// has the paravirtual balloon driver).
    Balloon,
    /// Kernel same-page merging: the host merges identical pages of VMs (VMs only: the
    /// VMM marks guest memory mergeable).
    Ksm,
    /// The host pages memory out to its disk (any platform; for containers, memcg swap).
    Swap,
    /// Free page reporting: the guest reports its free memory to the host on its own, in
    /// blocks (VMs whose guest has the virtio-balloon device, io = "paravirtual").
    FreePageReporting,
}

impl OvercommitPolicy {
    pub const ALL: [OvercommitPolicy; 4] = [
        OvercommitPolicy::Balloon,
        OvercommitPolicy::Ksm,
        OvercommitPolicy::Swap,
        OvercommitPolicy::FreePageReporting,
    ];

    pub fn name(self) -> &'static str {
        match self {
            OvercommitPolicy::Balloon => "balloon",
            OvercommitPolicy::Ksm => "ksm",
            OvercommitPolicy::Swap => "swap",
            OvercommitPolicy::FreePageReporting => "free_page_reporting",
        }
    }

    /// Whether `stack` can use the policy. A balloon needs a guest with the paravirtual
    /// balloon driver (a VM whose I/O model is paravirtual: an unmodified guest with
    /// emulated devices has none); KSM merges pages of guest memory, which a container
    /// platform does not have; swapping works everywhere else. A Xen PV guest (`para`)
    /// has Xen's balloon only: Xen does not page a PV guest's memory out (xenpaging was for
    /// HVM guests, experimental, since removed), has no KSM (its memory sharing was
    /// HVM-only), and free page reporting is virtio-balloon's.
    pub fn usable_on(self, stack: &Stack) -> bool {
        let para = stack.technique == Some(Technique::Para);
        match self {
            OvercommitPolicy::Balloon => stack.is_vm() && stack.io == IoModel::Paravirtual,
            OvercommitPolicy::FreePageReporting => {
                stack.is_vm() && stack.io == IoModel::Paravirtual && !para
            }
            OvercommitPolicy::Ksm => stack.is_vm() && !para,
            OvercommitPolicy::Swap => !para,
        }
    }

    /// Whether the policy reclaims over time (KSM scanning, a balloon inflating, free page
    /// reporting), so that how long the instances have run matters (`running_for_s`).
    pub fn works_over_time(self) -> bool {
        !matches!(self, OvercommitPolicy::Swap)
    }

    /// The policies `stack` can use.
    pub fn usable(stack: &Stack) -> Vec<OvercommitPolicy> {
        Self::ALL
            .into_iter()
            .filter(|p| p.usable_on(stack))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::{PlatformKind, Technique};

    #[test]
    fn a_container_can_only_swap_and_an_emulated_guest_has_no_balloon() {
        let container = Stack {
            kind: PlatformKind::Container,
            ..Stack::native()
        };
        assert_eq!(
            OvercommitPolicy::usable(&container),
            [OvercommitPolicy::Swap]
        );
        let vm = Stack {
            kind: PlatformKind::Type1,
            technique: Some(Technique::HardwareAssist),
            io: IoModel::Emulated,
            ..Stack::native()
        };
        assert_eq!(
            OvercommitPolicy::usable(&vm),
            [OvercommitPolicy::Ksm, OvercommitPolicy::Swap]
        );
        let pv = Stack {
            io: IoModel::Paravirtual,
            ..vm
        };
        assert_eq!(OvercommitPolicy::usable(&pv).len(), 4);
    }
}
