//! Nested virtualization: an L2 guest's exit reflected to its L1 hypervisor through L0.

use super::{Category, ExitReason, Layer, PathBuilder, Steps};

/// The step of L1's VMRESUME exit, which the model charges half a round trip (the other
/// half is L0's entry into L2); the step-through's source says so.
pub(crate) const L1_VMRESUME_EXIT_EN: &str = "L1's VMRESUME exits to L0";

impl PathBuilder<'_> {
    /// Nested virtualization (Ben-Yehuda et al., "The Turtles Project", OSDI 2010): L0
    /// takes the L2 guest's exit and reflects it to L1 by entering L1 with the exit
    /// information in L1's VMCS; L1's handler reads and writes that VMCS
    /// (`nested_vmcs_accesses`), each access trapping to L0 unless the CPU shadows the
    /// VMCS; L1's VMRESUME traps to L0 too, which merges L1's VMCS for L2 into its own and
    /// enters L2. The multiplication of exits comes from these steps alone.
    pub(super) fn reflect_to_l1(&self, s: &mut Steps, handler: u64, en: &str, ko: &str) {
        let c = self.costs;
        s.hyp(
            c.exit_handler,
            "L0 decodes the L2 exit and reflects it to the L1 hypervisor",
            "L0가 L2의 exit를 해석해 L1 하이퍼바이저에 넘김",
        );
        s.push(
            Layer::Hardware,
            Category::Hypervisor,
            self.exit_roundtrip / 2,
            "VM entry into L1 with the reflected exit",
            "넘겨받은 exit와 함께 L1으로 VM entry",
        );
        s.hyp(
            c.exit_handler + handler,
            &format!("L1 hypervisor: {en}"),
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
            self.exit_roundtrip / 2,
            L1_VMRESUME_EXIT_EN,
            "L1의 VMRESUME이 L0로 exit",
            Some(ExitReason::NestedVmx),
        );
        s.hyp(
            c.exit_handler,
            "L0 merges L1's VMCS for L2 into its own and enters L2",
            "L0가 L2용 L1의 VMCS를 자신의 것과 합쳐 L2로 진입",
        );
    }
}
