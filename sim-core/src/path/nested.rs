//! Nested virtualization: an L2 guest's exit reflected to its L1 hypervisor through L0.
//!
//! `nested_exit` reflects an exit; `nested_halt` and `nested_interrupt` are an L2 halt and
//! the interrupt that ends it, injected by L1.

use super::{Category, ExitReason, IrqSource, Layer, PathBuilder, Steps, VcpuState};

/// A step's English text on an Intel host and on an AMD host (VT-x's and AMD-V's names).
pub(crate) type VendorText = (&'static str, &'static str);

/// Whether `en` is either vendor's text of a step.
pub(crate) fn is_step(text: VendorText, en: &str) -> bool {
    en == text.0 || en == text.1
}

/// The step of L1's VMRESUME (AMD: VMRUN) exit to L0.
pub(crate) const L1_VMRESUME_EXIT_EN: VendorText =
    ("L1's VMRESUME exits to L0", "L1's VMRUN exits to L0");
/// The start of the step of the L2 guest's exit to L0 (its reason follows).
const L2_EXIT_EN: VendorText = ("L2's VM exit to L0", "L2's #VMEXIT to L0");
/// L0's entry into L1 with the reflected exit.
pub(crate) const L1_ENTRY_EN: VendorText = (
    "VM entry into L1 with the reflected exit",
    "VMRUN into L1 with the reflected exit",
);
/// L0's entry into L1 with an interrupt for L2 (a completion, L2's timer), when L2 is not
/// running.
pub(crate) const L1_IRQ_ENTRY_EN: VendorText = (
    "VM entry into L1 with the interrupt for L2",
    "VMRUN into L1 with the interrupt for L2",
);
/// L1's own HLT, once its handler has blocked the halted L2 vCPU's thread.
pub(crate) const L1_HLT_EXIT_EN: &str = "L1's HLT exits to L0";
/// L0's entry into L2 once L1 has handled the exit.
pub(crate) const L2_ENTRY_EN: VendorText = ("VM entry into L2", "VMRUN into L2");
/// L1's trapping accesses to its VMCB for L2 per L2 exit on an AMD host without virtual
/// VMLOAD/VMSAVE: one VMLOAD and one VMSAVE around each VMRUN of L2, as KVM's nested SVM
/// does (an estimate); L1 reads and writes the VMCB itself with plain memory accesses.
pub(crate) const AMD_L1_VMCB_TRAPS: u64 = 2;
/// The start of L1's handler step (the handler's own words follow).
pub(crate) const L1_HANDLER_EN: &str = "L1 hypervisor: ";

/// Whether a step is one of a nested path's transitions between the levels (L2's exit,
/// L1's entry, L1's VMRESUME or HLT exit, L2's entry), each charged its part of a round
/// trip (an exit's or an entry's, in the CPU's proportion: `CpuGeneration::exit_part`):
/// the step-through shows it alone, not as an exit with its entry.
pub(crate) fn is_transition(en: &str) -> bool {
    en.starts_with(L2_EXIT_EN.0)
        || en.starts_with(L2_EXIT_EN.1)
        || is_step(L1_VMRESUME_EXIT_EN, en)
        || en == L1_HLT_EXIT_EN
        || is_entry(en)
}

/// Whether a step is L0's entry into L1 or into L2.
pub(crate) fn is_entry(en: &str) -> bool {
    is_step(L1_ENTRY_EN, en) || is_step(L1_IRQ_ENTRY_EN, en) || is_step(L2_ENTRY_EN, en)
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
    /// L1's entry, L1's exit, L2's entry) are charged an exit's or an entry's part of a
    /// round trip each, split as a single level's exit and entry are: two round trips.
    pub(super) fn nested_exit(
        &self,
        s: &mut Steps,
        reason: ExitReason,
        handler: u64,
        en: &str,
        ko: &str,
    ) {
        self.reflect_to_l1(s, reason, handler, en, ko);
        self.l1_vmcs_accesses(s);
        self.l1_resumes_l2(s);
    }

    /// An L2 vCPU with nothing to run halts: its HLT exit is reflected to L1, whose handler
    /// blocks the vCPU's thread (KVM's `kvm_vcpu_block` in L1); L1's own vCPU, with nothing
    /// else to run, halts in turn, and its HLT exits to L0, which blocks it. L2 is not
    /// entered again here: the interrupt that ends the halt goes through L1 first
    /// ([`PathBuilder::nested_interrupt`], which charges the entries into L1 and L2).
    pub(super) fn nested_halt(&self, s: &mut Steps, en: &str, ko: &str) {
        let c = self.costs;
        self.reflect_to_l1(s, ExitReason::Hlt, 0, en, ko);
        self.l1_vmcs_accesses(s);
        s.push_exit(
            Layer::Hardware,
            Category::Hypervisor,
            self.exit_part,
            L1_HLT_EXIT_EN,
            "L1의 HLT가 L0로 exit",
            Some(ExitReason::Hlt),
        );
        s.hyp(
            c.exit_handler,
            "L0 blocks L1's vCPU (the one that ran L2) until an interrupt for it",
            "L0가 (L2를 실행하던) L1의 vCPU를 인터럽트가 올 때까지 블록",
        );
    }

    /// An interrupt for an L2 vCPU that is not running (halted, or waiting for a pCPU): L2's
    /// interrupt controller is L1's, so L0 cannot inject into L2 itself. L0 enters L1 with
    /// it (a halted L2 vCPU's L1 vCPU halted too and was woken first: `deliver`'s wake-up);
    /// L1 takes it (for L2's timer, L1's own timer interrupt, which emulates L2's), wakes
    /// its vCPU thread for a halted L2 (a scheduler wake-up in L1, as L0's) or handles the
    /// external-interrupt exit L0 reflects for a preempted one, writes the virtual
    /// interrupt into its VMCS for L2 among its VMCS accesses, and VMRESUMEs, which exits
    /// to L0; L0 merges the VMCS and enters L2, which takes the interrupt at entry.
    ///
    /// After a halt, L1's entry here and L1's HLT exit in [`PathBuilder::nested_halt`] make
    /// one round trip, as L2's entry here and L2's exit there do: each entry is charged the
    /// entry's part of a round trip, each exit the exit's.
    pub(super) fn nested_interrupt(&self, s: &mut Steps, source: IrqSource, state: VcpuState) {
        let c = self.costs;
        let entry = self.exit_roundtrip - self.exit_part;
        let halted = state == VcpuState::Halted;
        let block = self.vendor.control_block();
        if !halted {
            s.hyp(
                c.exit_handler,
                &format!("L0 reflects the pending interrupt to L1 as an external-interrupt exit of L2 (written into L1's {block} for L2)"),
                &format!("L0가 보류 중인 인터럽트를 L2의 외부 인터럽트 exit로 L1에 넘김 (L2용 L1의 {block}에 기록)"),
            );
        }
        s.push(
            Layer::Hardware,
            Category::Hypervisor,
            entry,
            self.vendor.pick(L1_IRQ_ENTRY_EN.0, L1_IRQ_ENTRY_EN.1),
            self.vendor.pick(
                "L2를 위한 인터럽트와 함께 L1으로 VM entry",
                "L2를 위한 인터럽트와 함께 L1으로 VMRUN",
            ),
        );
        let timer = source == IrqSource::Timer;
        let (cycles, en, ko) = match (halted, timer) {
            (true, true) => (
                c.timer_interrupt + c.vcpu_wakeup,
                format!("its timer interrupt, which emulates L2's timer, fires; its scheduler wakes its halted vCPU thread for L2, which injects the virtual interrupt through its {block} for L2"),
                format!("L2의 타이머를 에뮬레이션하는 자신의 타이머 인터럽트가 발생; 자신의 스케줄러가 L2용 정지(halt)된 vCPU 스레드를 깨우고, 그 스레드가 L2용 {block}로 가상 인터럽트를 주입"),
            ),
            (true, false) => (
                c.vcpu_wakeup,
                format!("its scheduler wakes its halted vCPU thread for L2, which injects the device's virtual interrupt through its {block} for L2"),
                format!("자신의 스케줄러가 L2용 정지(halt)된 vCPU 스레드를 깨우고, 그 스레드가 L2용 {block}로 장치의 가상 인터럽트를 주입"),
            ),
            (false, true) => (
                c.exit_handler + c.timer_interrupt,
                format!("handles the reflected exit, emulates L2's timer and injects its virtual interrupt through its {block} for L2"),
                format!("넘겨받은 exit를 처리하고 L2의 타이머를 에뮬레이션해 L2용 {block}로 가상 인터럽트를 주입"),
            ),
            (false, false) => (
                c.exit_handler,
                format!("handles the reflected exit and injects the device's virtual interrupt through its {block} for L2"),
                format!("넘겨받은 exit를 처리하고 L2용 {block}로 장치의 가상 인터럽트를 주입"),
            ),
        };
        s.hyp(
            cycles,
            &format!("{L1_HANDLER_EN}{en}"),
            &format!("L1 하이퍼바이저: {ko}"),
        );
        self.l1_vmcs_accesses(s);
        self.l1_resumes_l2(s);
    }

    /// L2's exit to L0, L0's reflection and its entry into L1, and L1's handler.
    fn reflect_to_l1(&self, s: &mut Steps, reason: ExitReason, handler: u64, en: &str, ko: &str) {
        let c = self.costs;
        s.push_exit(
            Layer::Hardware,
            Category::Hypervisor,
            self.exit_part,
            &format!(
                "{} ({})",
                self.vendor.pick(L2_EXIT_EN.0, L2_EXIT_EN.1),
                reason.name_on(self.vendor)
            ),
            &format!(
                "L2의 {}({})가 L0로",
                self.vendor.exit_name(),
                reason.name_on(self.vendor)
            ),
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
            self.exit_roundtrip - self.exit_part,
            self.vendor.pick(L1_ENTRY_EN.0, L1_ENTRY_EN.1),
            self.vendor.pick(
                "넘겨받은 exit와 함께 L1으로 VM entry",
                "넘겨받은 exit와 함께 L1으로 VMRUN",
            ),
        );
        s.hyp(
            c.exit_handler + handler,
            &format!("{L1_HANDLER_EN}{en}"),
            &format!("L1 하이퍼바이저: {ko}"),
        );
    }

    /// L1's VMREADs and VMWRITEs of its VMCS for L2, each an exit to L0 without VMCS
    /// shadowing (`nested_vmcs_accesses`). On AMD, L1 reads and writes its VMCB for L2 with
    /// plain memory accesses, and without virtual VMLOAD/VMSAVE only those two instructions
    /// trap: [`AMD_L1_VMCB_TRAPS`], one VMLOAD and one VMSAVE around each VMRUN of L2, as
    /// KVM's nested SVM does.
    fn l1_vmcs_accesses(&self, s: &mut Steps) {
        let c = self.costs;
        if self.features.vmcs_shadowing {
            return;
        }
        let accesses = self.vendor.pick(c.nested_vmcs_accesses, AMD_L1_VMCB_TRAPS);
        for _ in 0..accesses {
            s.push_exit(
                Layer::Hardware,
                Category::Hypervisor,
                self.exit_roundtrip,
                self.vendor.pick(
                    "L1's VMREAD/VMWRITE traps to L0 (no VMCS shadowing)",
                    "L1's VMLOAD/VMSAVE traps to L0 (no virtual VMLOAD/VMSAVE)",
                ),
                self.vendor.pick(
                    "L1의 VMREAD/VMWRITE가 L0로 트랩 (VMCS 섀도잉 없음)",
                    "L1의 VMLOAD/VMSAVE가 L0로 트랩 (가상 VMLOAD/VMSAVE 없음)",
                ),
                Some(ExitReason::NestedVmx),
            );
            s.hyp(
                c.nested_vmcs_access_handler,
                self.vendor.pick(
                    "L0 emulates the VMCS access",
                    "L0 emulates the VMLOAD/VMSAVE",
                ),
                self.vendor.pick(
                    "L0가 VMCS 접근을 에뮬레이션",
                    "L0가 VMLOAD/VMSAVE를 에뮬레이션",
                ),
            );
        }
    }

    /// L1's VMRESUME exits to L0, which merges L1's VMCS for L2 into its own and enters L2.
    fn l1_resumes_l2(&self, s: &mut Steps) {
        s.push_exit(
            Layer::Hardware,
            Category::Hypervisor,
            self.exit_part,
            self.vendor
                .pick(L1_VMRESUME_EXIT_EN.0, L1_VMRESUME_EXIT_EN.1),
            self.vendor
                .pick("L1의 VMRESUME이 L0로 exit", "L1의 VMRUN이 L0로 exit"),
            Some(ExitReason::NestedVmx),
        );
        let block = self.vendor.control_block();
        s.hyp(
            self.costs.exit_handler,
            &format!("L0 merges L1's {block} for L2 into its own"),
            &format!("L0가 L2용 L1의 {block}를 자신의 것과 합침"),
        );
        s.push(
            Layer::Hardware,
            Category::Hypervisor,
            self.exit_roundtrip - self.exit_part,
            self.vendor.pick(L2_ENTRY_EN.0, L2_ENTRY_EN.1),
            self.vendor.pick("L2로 VM entry", "L2로 VMRUN"),
        );
    }
}
