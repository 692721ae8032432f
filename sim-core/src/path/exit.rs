//! VM exits: why control leaves the guest for the hypervisor (`ExitReason`, with its
//! name in results and AMD-V's names), and the steps an intercepted event adds to a path by
//! technique: a hardware exit's round trip and handler (then the TLB refill where the CPU
//! has no VPID, `refill.rs`), a paravirtual hypercall, or a binary-translated sequence.
//! What each costs comes from the cost table and the host CPU's generation
//! (`hardware.rs`: the exit round trip).

use serde::{Deserialize, Serialize};

use super::{Category, Layer, PathBuilder, Steps};
use crate::hardware::CpuVendor;
use crate::platform::Technique;
use crate::text::Lang;

/// Why control left the guest for the hypervisor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExitReason {
    IoInstruction,
    Mmio,
    CrAccess,
    ShadowPageFault,
    ShadowPteWrite,
    Hlt,
    ExternalInterrupt,
    ApicAccess,
    Hypercall,
    /// Pause-loop exiting: a guest spun in a PAUSE loop longer than the PLE window.
    PauseLoop,
    /// CPUID, which always exits under VT-x.
    Cpuid,
    /// INVLPG under shadow paging.
    Invlpg,
    /// RDTSC without TSC offsetting.
    Rdtsc,
    /// Shadow paging: a fault the guest never sees, taken to fill a shadow entry lazily
    /// after an address-space switch dropped the shadow tables.
    HiddenPageFault,
    /// Nested virtualization: an L1 hypervisor's VMREAD, VMWRITE or VMRESUME traps to L0.
    NestedVmx,
    /// Nested paging: the guest touched a guest-physical page with no host page behind it
    /// (for instance one the host swapped out).
    EptViolation,
    /// Page-modification logging: the CPU's 512-entry log of written pages is full.
    PmlFull,
    /// WRMSR of a model-specific register the hypervisor intercepts: the TSC-deadline
    /// timer's `IA32_TSC_DEADLINE`, which a tickless guest writes to arm its next tick
    /// (APIC virtualization does not cover it).
    MsrWrite,
    /// Binary translation: a system call of the guest's user code, which runs untranslated,
    /// traps into the VMM (it owns the CPU's system-call entry point). A trap, not a VT-x
    /// exit, but a crossing into the VMM all the same, as a BT page fault is.
    SyscallTrap,
    /// 64-bit paravirtualization (Xen PV): a system call or exception of the guest enters
    /// the hypervisor, which owns the entry points, switches to the guest kernel's page
    /// tables and bounces it there. A trap, not a VT-x exit, but a crossing into the
    /// hypervisor, as BT's system-call trap is.
    PvBounce,
}

impl ExitReason {
    pub const COUNT: usize = 20;
    pub const ALL: [ExitReason; 20] = [
        ExitReason::IoInstruction,
        ExitReason::Mmio,
        ExitReason::CrAccess,
        ExitReason::ShadowPageFault,
        ExitReason::ShadowPteWrite,
        ExitReason::Hlt,
        ExitReason::ExternalInterrupt,
        ExitReason::ApicAccess,
        ExitReason::Hypercall,
        ExitReason::PauseLoop,
        ExitReason::Cpuid,
        ExitReason::Invlpg,
        ExitReason::Rdtsc,
        ExitReason::HiddenPageFault,
        ExitReason::NestedVmx,
        ExitReason::EptViolation,
        ExitReason::PmlFull,
        ExitReason::MsrWrite,
        ExitReason::SyscallTrap,
        ExitReason::PvBounce,
    ];
    pub fn name(self) -> &'static str {
        match self {
            ExitReason::IoInstruction => "io_instruction",
            ExitReason::Mmio => "mmio",
            ExitReason::CrAccess => "cr_access",
            ExitReason::ShadowPageFault => "shadow_page_fault",
            ExitReason::ShadowPteWrite => "shadow_pte_write",
            ExitReason::Hlt => "hlt",
            ExitReason::ExternalInterrupt => "external_interrupt",
            ExitReason::ApicAccess => "apic_access",
            ExitReason::Hypercall => "hypercall",
            ExitReason::PauseLoop => "pause_loop",
            ExitReason::Cpuid => "cpuid",
            ExitReason::Invlpg => "invlpg",
            ExitReason::Rdtsc => "rdtsc",
            ExitReason::HiddenPageFault => "hidden_page_fault",
            ExitReason::NestedVmx => "nested_vmx",
            ExitReason::EptViolation => "ept_violation",
            ExitReason::PmlFull => "pml_full",
            ExitReason::MsrWrite => "msr_write",
            ExitReason::SyscallTrap => "syscall_trap",
            ExitReason::PvBounce => "pv_bounce",
        }
    }

    /// The name a step text gives the exit on a `vendor`'s CPU: [`ExitReason::name`],
    /// except where AMD-V calls it otherwise (a nested page fault, `npf`, for an EPT
    /// violation; nested SVM, `nested_svm`, for nested VMX).
    pub fn name_on(self, vendor: CpuVendor) -> &'static str {
        match (self, vendor) {
            (ExitReason::EptViolation, CpuVendor::Amd) => "npf",
            (ExitReason::NestedVmx, CpuVendor::Amd) => "nested_svm",
            _ => self.name(),
        }
    }
}

impl PathBuilder<'_> {
    /// A hardware VM exit with its round trip, generic handler and specific work. Under
    /// nested virtualization the exit of the L2 guest goes to L0, which reflects it to the
    /// L1 hypervisor (see [`PathBuilder::nested_exit`]).
    pub(super) fn exit(&self, s: &mut Steps, reason: ExitReason, handler: u64, en: &str, ko: &str) {
        let exit_at = s.mark();
        if self.stack.nested {
            self.nested_exit(s, reason, handler, en, ko);
        } else {
            s.push_exit(
                Layer::Hardware,
                Category::Hypervisor,
                self.exit_roundtrip,
                &self.exit_step_text(reason, Lang::En),
                &self.exit_step_text(reason, Lang::Ko),
                Some(reason),
            );
            s.hyp(self.costs.exit_handler + handler, en, ko);
        }
        self.tlb_refill_after_exit(s, exit_at, reason);
    }

    /// The text of an exit's round-trip step: "VM exit (reason) and VM entry" on Intel,
    /// "#VMEXIT (reason) and VMRUN" on AMD.
    fn exit_step_text(&self, reason: ExitReason, lang: Lang) -> String {
        let name = reason.name_on(self.vendor);
        match (self.vendor, lang) {
            (CpuVendor::Intel, Lang::En) => format!("VM exit ({name}) and VM entry"),
            (CpuVendor::Intel, Lang::Ko) => format!("VM exit({name})와 VM entry"),
            (CpuVendor::Amd, Lang::En) => format!("#VMEXIT ({name}) and VMRUN"),
            (CpuVendor::Amd, Lang::Ko) => format!("#VMEXIT({name})와 VMRUN"),
        }
    }

    /// A paravirtual hypercall.
    pub(super) fn hypercall(&self, s: &mut Steps, en: &str, ko: &str) {
        s.push_exit(
            Layer::GuestKernel,
            Category::Hypervisor,
            self.costs.pv_hypercall,
            "hypercall trap into the hypervisor",
            "하이퍼콜로 하이퍼바이저 진입",
            Some(ExitReason::Hypercall),
        );
        s.hyp(self.costs.pv_hypercall_handler, en, ko);
    }

    /// The guest reaches a privileged point that a hypervisor must intercept.
    pub(super) fn intercept(
        &self,
        s: &mut Steps,
        reason: ExitReason,
        bt_cost: u64,
        en: &str,
        ko: &str,
    ) {
        match self.technique() {
            Some(Technique::BinaryTranslation) => {
                s.hyp(bt_cost, en, ko);
                if let Some(step) = s.0.last_mut() {
                    step.translated = true;
                }
            }
            Some(Technique::Para) => self.hypercall(s, en, ko),
            Some(_) => self.exit(s, reason, 0, en, ko),
            None => {}
        }
    }
}
