//! Nested virtualization: an L2 guest's exit reflected to its L1 hypervisor through L0.

use super::{Category, ExitReason, Layer, PathBuilder, Steps};

/// The step of L1's VMRESUME exit to L0.
pub(crate) const L1_VMRESUME_EXIT_EN: &str = "L1's VMRESUME exits to L0";
/// The start of the step of the L2 guest's exit to L0 (its reason follows).
const L2_EXIT_EN: &str = "L2's VM exit to L0";
/// L0's entry into L1 with the reflected exit.
pub(crate) const L1_ENTRY_EN: &str = "VM entry into L1 with the reflected exit";
/// L0's entry into L2 once L1 has handled the exit.
pub(crate) const L2_ENTRY_EN: &str = "VM entry into L2";
/// The start of L1's handler step (the handler's own words follow).
pub(crate) const L1_HANDLER_EN: &str = "L1 hypervisor: ";

/// Whether a step is one of a nested exit's four transitions (L2's exit, L1's entry,
/// L1's VMRESUME exit, L2's entry), each charged half a round trip: the step-through
/// shows it alone, not as an exit with its entry.
pub(crate) fn is_half_round_trip(en: &str) -> bool {
    en.starts_with(L2_EXIT_EN) || en == L1_VMRESUME_EXIT_EN || is_entry(en)
}

/// Whether a step is L0's entry into L1 or into L2.
pub(crate) fn is_entry(en: &str) -> bool {
    en == L1_ENTRY_EN || en == L2_ENTRY_EN
}

impl PathBuilder<'_> {
    /// Nested virtualization (Ben-Yehuda et al., "The Turtles Project", OSDI 2010): the L2
    /// guest's exit goes to L0, which reflects it to L1 by entering L1 with the exit
    /// information in the VMCS L1 keeps for L2; L1's handler reads and writes that VMCS
    /// (`nested_vmcs_accesses`), each access trapping to L0 unless the CPU shadows the
    /// VMCS; L1's VMRESUME traps to L0 too, which merges L1's VMCS for L2 into its own and
    /// enters L2. The multiplication of exits comes from these steps alone.
    ///
    /// The steps come in the order they run, L2's entry last. Four transitions (L2's exit,
    /// L1's entry, L1's exit, L2's entry) are charged half a round trip each: two round
    /// trips, as an exit and its entry are a round trip on one level.
    pub(super) fn nested_exit(
        &self,
        s: &mut Steps,
        reason: ExitReason,
        handler: u64,
        en: &str,
        ko: &str,
    ) {
        let c = self.costs;
        let half = self.exit_roundtrip / 2;
        s.push_exit(
            Layer::Hardware,
            Category::Hypervisor,
            half,
            &format!("{L2_EXIT_EN} ({})", reason.name()),
            &format!("L2의 VM exit({})가 L0로", reason.name()),
            Some(reason),
        );
        s.hyp(
            c.exit_handler,
            "L0 decodes the L2 exit and reflects it to the L1 hypervisor",
            "L0가 L2의 exit를 해석해 L1 하이퍼바이저에 넘김",
        );
        s.push(
            Layer::Hardware,
            Category::Hypervisor,
            half,
            L1_ENTRY_EN,
            "넘겨받은 exit와 함께 L1으로 VM entry",
        );
        s.hyp(
            c.exit_handler + handler,
            &format!("{L1_HANDLER_EN}{en}"),
            &format!("L1 하이퍼바이저: {ko}"),
        );
        if !self.features.vmcs_shadowing {
            for _ in 0..c.nested_vmcs_accesses {
                s.push_exit(
                    Layer::Hardware,
                    Category::Hypervisor,
                    self.exit_roundtrip,
                    "L1's VMREAD/VMWRITE traps to L0 (no VMCS shadowing)",
                    "L1의 VMREAD/VMWRITE가 L0로 트랩 (VMCS 섀도잉 없음)",
                    Some(ExitReason::NestedVmx),
                );
                s.hyp(
                    c.nested_vmcs_access_handler,
                    "L0 emulates the VMCS access",
                    "L0가 VMCS 접근을 에뮬레이션",
                );
            }
        }
        s.push_exit(
            Layer::Hardware,
            Category::Hypervisor,
            half,
            L1_VMRESUME_EXIT_EN,
            "L1의 VMRESUME이 L0로 exit",
            Some(ExitReason::NestedVmx),
        );
        s.hyp(
            c.exit_handler,
            "L0 merges L1's VMCS for L2 into its own",
            "L0가 L2용 L1의 VMCS를 자신의 것과 합침",
        );
        // The rest of the two round trips (two cycles more than `half` when the round trip
        // is odd, so that the four transitions make two round trips exactly).
        s.push(
            Layer::Hardware,
            Category::Hypervisor,
            2 * self.exit_roundtrip - 3 * half,
            L2_ENTRY_EN,
            "L2로 VM entry",
        );
    }
}
