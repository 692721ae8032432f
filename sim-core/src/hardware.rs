//! The simulated host: cores, clock, memory, disk, NIC, and the CPU generation with the
//! virtualization features it implies.
//!
//! A [`CpuGeneration`] fixes the VM exit round trip, the TLB size and a [`CpuFeatures`]
//! set (VT-x, EPT, VPID, unrestricted guest, TPR shadow, TSC offsetting, APICv, posted
//! interrupts, pause-loop exiting, VMCS shadowing). A scenario's `[host]` may turn a
//! feature off, never on where the generation lacks it (scenario/validate/host.rs).

use serde::{Deserialize, Serialize};

/// CPU generation of the host: the hardware VM exit round trip and the features.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CpuGeneration {
    /// Intel Pentium 4 6x2 (2005): the first VT-x, no EPT, no VPID.
    Prescott,
    /// Intel Core 2 (2006).
    Merom,
    /// Intel Core 2 45 nm (2008).
    Penryn,
    /// Intel Core i7 (2009): EPT and VPID.
    Nehalem,
    /// Intel Westmere (2010): unrestricted guest.
    Westmere,
    #[default]
    SandyBridge,
    /// Intel Haswell-EP (2014): APIC virtualization and VMCS shadowing.
    Haswell,
    /// Skylake-SP (2017): APIC virtualization and VT-d posted interrupts.
    Skylake,
    /// AMD Zen 2 (EPYC 7002, 2019): AMD-V with NPT, ASIDs, AVIC and the pause filter.
    Zen,
}

/// Who makes a CPU generation: which names its virtualization extensions go by. The
/// model's mechanisms are the same on both (an exit, nested paging, tagged TLBs, APIC
/// virtualization, pause-loop exiting); the texts a student reads name the vendor's:
/// Intel VT-x's VMCS, VMRESUME, EPT, VPID and APICv are AMD-V's VMCB, VMRUN, NPT, ASIDs
/// and AVIC (AMD APM vol. 2, chapter 15).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CpuVendor {
    Intel,
    Amd,
}

impl CpuVendor {
    /// `intel` on an Intel host, `amd` on an AMD host: a text's vendor-dependent part.
    pub fn pick<T>(self, intel: T, amd: T) -> T {
        match self {
            CpuVendor::Intel => intel,
            CpuVendor::Amd => amd,
        }
    }

    /// The hardware virtualization extension: "VT-x" or "AMD-V".
    pub fn extension(self) -> &'static str {
        self.pick("VT-x", "AMD-V")
    }

    /// The in-memory structure that holds a guest's state and the exit's information:
    /// Intel's VMCS (read and written with VMREAD and VMWRITE) or AMD's VMCB (read and
    /// written with ordinary loads and stores).
    pub fn control_block(self) -> &'static str {
        self.pick("VMCS", "VMCB")
    }

    /// Nested paging: "EPT" or "NPT".
    pub fn nested_paging(self) -> &'static str {
        self.pick("EPT", "NPT")
    }

    /// The TLB's tag per address space of a VM: "VPID" or "ASID".
    pub fn tlb_tag(self) -> &'static str {
        self.pick("VPID", "ASID")
    }

    /// The instruction that enters (resumes) a guest: "VMRESUME" or "VMRUN".
    pub fn entry_instruction(self) -> &'static str {
        self.pick("VMRESUME", "VMRUN")
    }

    /// The hardware's name for leaving the guest: "VM exit" or "#VMEXIT".
    pub fn exit_name(self) -> &'static str {
        self.pick("VM exit", "#VMEXIT")
    }

    /// The instruction a guest calls its hypervisor with: "VMCALL" or "VMMCALL".
    pub fn hypercall_instruction(self) -> &'static str {
        self.pick("VMCALL", "VMMCALL")
    }
}

/// The virtualization features in force on a host. A generation implies a set
/// ([`CpuGeneration::features`]); `[host]` can turn each off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct CpuFeatures {
    /// VT-x / AMD-V: hardware-assisted CPU virtualization (VM exits and entries).
    pub vtx: bool,
    /// EPT / NPT: the hardware walks guest and host page tables (no shadow paging).
    pub ept: bool,
    /// VPID / ASID: TLB entries are tagged by VM, so a VM exit and entry do not flush the TLB.
    pub vpid: bool,
    /// Unrestricted guest: real mode and unpaged protected mode run in VMX non-root
    /// operation (without it the hypervisor emulates them).
    pub unrestricted_guest: bool,
    /// TPR shadow (AMD: V_TPR): a guest's write to %cr8 updates a shadow copy, no exit.
    pub tpr_shadow: bool,
    /// TSC offsetting: RDTSC reads the host TSC plus an offset, no exit.
    pub tsc_offsetting: bool,
    /// APIC virtualization (Intel APICv, AMD AVIC): virtual EOIs and interrupts posted to
    /// a running vCPU take no exit.
    pub apicv: bool,
    /// VT-d posted interrupts: an assigned device's interrupt reaches a running vCPU
    /// without an exit.
    pub posted_interrupts: bool,
    /// Pause-loop exiting (Intel PLE, AMD pause filter): a vCPU spinning in a PAUSE loop
    /// longer than a window exits, so the hypervisor can run another vCPU.
    pub ple: bool,
    /// VMCS shadowing (Intel) or an in-memory VMCB (AMD): a nested hypervisor's VMREAD and
    /// VMWRITE do not exit. Turned off on AMD, the step texts read it as a missing virtual
    /// VMLOAD/VMSAVE: L1's VMLOAD and VMSAVE trap to L0 (the count stays the model's).
    pub vmcs_shadowing: bool,
    /// Page-modification logging (Intel PML, Broadwell and later): the CPU logs the
    /// guest-physical address of each page whose EPT dirty flag it sets into a 512-entry
    /// buffer and exits only when the buffer is full, so a live migration's dirty logging
    /// needs no write-protection fault per page.
    pub pml: bool,
}

impl CpuGeneration {
    pub const ALL: [CpuGeneration; 9] = [
        CpuGeneration::Prescott,
        CpuGeneration::Merom,
        CpuGeneration::Penryn,
        CpuGeneration::Nehalem,
        CpuGeneration::Westmere,
        CpuGeneration::SandyBridge,
        CpuGeneration::Haswell,
        CpuGeneration::Skylake,
        CpuGeneration::Zen,
    ];

    /// VM exit + entry round trip in cycles (Agesen et al., USENIX ATC 2012, Table 1).
    pub fn exit_roundtrip(self) -> u64 {
        match self {
            CpuGeneration::Prescott => 3963,
            CpuGeneration::Merom => 1579,
            CpuGeneration::Penryn => 1266,
            CpuGeneration::Nehalem => 1009,
            CpuGeneration::Westmere => 761,
            CpuGeneration::SandyBridge => 784,
            // The reference's table stops at Sandy Bridge; later Intel generations are
            // taken as equal to it (estimate).
            CpuGeneration::Haswell | CpuGeneration::Skylake => 784,
            // Estimate: virtualization-costs.md section 2, "other reported figures" (less
            // controlled, CPU not named): about 1350 of a 2500-cycle KVM_RUN round trip
            // on AMD-V are spent inside VMRUN/#VMEXIT; taking it for Zen 2 is the estimate.
            CpuGeneration::Zen => 1350,
        }
    }

    /// How a VM exit and the entry that answers it divide their round trip: the
    /// page-fault exit and entry measured on a Pentium 4 (1931 to 2409 cycles) and on a
    /// Core 2 Duo E6400 (1186 to 937; Adams & Agesen, ASPLOS 2006, Table 1). The later
    /// generations and AMD-V take Core 2 Duo's (estimate: the reference has no split for
    /// them). Only the proportion: the round trip is [`Self::exit_roundtrip`]'s.
    pub fn exit_entry_proportion(self) -> (u64, u64) {
        match self {
            CpuGeneration::Prescott => (1931, 2409),
            _ => (1186, 937),
        }
    }

    /// The exit's part of a `roundtrip` ([`Self::exit_entry_proportion`], rounded to the
    /// nearest cycle); the entry's is the rest.
    pub fn exit_part(self, roundtrip: u64) -> u64 {
        let (exit, entry) = self.exit_entry_proportion();
        let whole = u128::from(exit + entry);
        ((u128::from(roundtrip) * u128::from(exit) + whole / 2) / whole) as u64
    }

    /// Latency of one PAUSE instruction, cycles: Intel 64 and IA-32 Architectures
    /// Optimization Reference Manual, Skylake microarchitecture (outside the reference
    /// file): "about 10 cycles" in the generations before, "as many as 140 cycles" on
    /// Skylake. Pentium 4 and Zen 2 taken as 10 (estimate: the manual gives no figure for
    /// them).
    pub fn pause_cycles(self) -> u64 {
        match self {
            CpuGeneration::Skylake => 140,
            _ => 10,
        }
    }

    /// Entries of the second-level data TLB (4 KiB pages), which a VM exit without VPID
    /// flushes (outside the reference file): Intel 64 and IA-32 Architectures Optimization
    /// Reference Manual (Pentium 4: 64-entry DTLB; Core 2: 256-entry DTLB1; Nehalem to
    /// Sandy Bridge: 512-entry STLB; Haswell: 1024; Skylake: 1536) and AMD's Software
    /// Optimization Guide for family 17h model 31h (Zen 2: 2048-entry L2 DTLB).
    pub fn tlb_entries(self) -> u64 {
        match self {
            CpuGeneration::Prescott => 64,
            CpuGeneration::Merom | CpuGeneration::Penryn => 256,
            CpuGeneration::Nehalem | CpuGeneration::Westmere | CpuGeneration::SandyBridge => 512,
            CpuGeneration::Haswell => 1024,
            CpuGeneration::Skylake => 1536,
            CpuGeneration::Zen => 2048,
        }
    }

    /// The virtualization features the generation has (Intel SDM vol. 3C, chapters 24-29,
    /// and the processor families' launch documentation):
    /// - VT-x, TPR shadow and TSC offsetting are in every VT-x processor (the "use TPR
    ///   shadow" and "use TSC offsetting" controls are in the first VMX controls; Adams &
    ///   Agesen 2006 measure a %cr8 write under VT on a Pentium 4 at 177 cycles, no exit);
    /// - EPT and VPID arrived with Nehalem, unrestricted guest with Westmere;
    /// - pause-loop exiting with Nehalem-EX and Westmere (the first Nehalem-EP parts lacked
    ///   it, but `nehalem` here counts as having it: estimate);
    /// - APICv with Ivy Bridge-EP (so Haswell-EP has it), VMCS shadowing with Haswell,
    ///   VT-d posted interrupts with Broadwell-EP (so Skylake-SP has them);
    /// - AMD Zen 2 has NPT, ASIDs, AVIC (with IOMMU-posted interrupts), the pause filter,
    ///   V_TPR and TSC offsets; its VMCB lives in memory, so a nested hypervisor reads and
    ///   writes it without exits (AMD APM vol. 2, chapter 15).
    pub fn features(self) -> CpuFeatures {
        use CpuGeneration::*;
        let at_least = |first: CpuGeneration| {
            CpuGeneration::ALL.iter().position(|&g| g == self)
                >= CpuGeneration::ALL.iter().position(|&g| g == first)
        };
        CpuFeatures {
            vtx: true,
            ept: at_least(Nehalem),
            vpid: at_least(Nehalem),
            unrestricted_guest: at_least(Westmere),
            tpr_shadow: true,
            tsc_offsetting: true,
            apicv: at_least(Haswell),
            posted_interrupts: at_least(Skylake),
            ple: at_least(Nehalem),
            vmcs_shadowing: at_least(Haswell),
            // Broadwell (2014) brought PML; among the modelled generations Skylake has it,
            // AMD's Zen 2 does not.
            pml: at_least(Skylake) && self != Zen,
        }
    }

    /// Who makes the generation: Zen is AMD's, the others Intel's.
    pub fn vendor(self) -> CpuVendor {
        match self {
            CpuGeneration::Zen => CpuVendor::Amd,
            CpuGeneration::Prescott
            | CpuGeneration::Merom
            | CpuGeneration::Penryn
            | CpuGeneration::Nehalem
            | CpuGeneration::Westmere
            | CpuGeneration::SandyBridge
            | CpuGeneration::Haswell
            | CpuGeneration::Skylake => CpuVendor::Intel,
        }
    }

    /// Whether the generation is AMD's (AMD-V rather than VT-x).
    pub fn is_amd(self) -> bool {
        self.vendor() == CpuVendor::Amd
    }

    pub fn name(self) -> &'static str {
        match self {
            CpuGeneration::Prescott => "prescott",
            CpuGeneration::Merom => "merom",
            CpuGeneration::Penryn => "penryn",
            CpuGeneration::Nehalem => "nehalem",
            CpuGeneration::Westmere => "westmere",
            CpuGeneration::SandyBridge => "sandy_bridge",
            CpuGeneration::Haswell => "haswell",
            CpuGeneration::Skylake => "skylake",
            CpuGeneration::Zen => "zen",
        }
    }

    /// The first generation (of [`CpuGeneration::ALL`]) that has a feature, for messages.
    pub fn first_with(has: impl Fn(CpuFeatures) -> bool) -> Option<CpuGeneration> {
        CpuGeneration::ALL.into_iter().find(|g| has(g.features()))
    }
}

/// The simulated hardware, in integer units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Host {
    pub cores: u32,
    pub clock_mhz: u64,
    pub memory_mib: u64,
    pub cpu: CpuGeneration,
    /// The virtualization features in force: the generation's, minus those turned off.
    pub features: CpuFeatures,
    /// 2 MiB pages back guest memory (in the guest's tables and in EPT/NPT) and native
    /// processes: shorter page walks, fewer TLB entries to refill.
    #[serde(default)]
    pub large_pages: bool,
    /// Shared last-level cache, MiB.
    pub shared_cache_mib: u64,
    pub disk_latency_us: u64,
    pub disk_iops: u64,
    pub disk_bandwidth_mb_s: u64,
    pub nic_latency_us: u64,
    pub nic_bandwidth_gbit_s: u64,
}

impl Host {
    /// A Sandy Bridge host at 3 GHz with `memory_gib` and `cores`, every feature of its
    /// generation on (tests' fixture).
    #[cfg(test)]
    pub(crate) fn sandy_bridge(memory_gib: u64, cores: u32) -> Host {
        Host {
            cores,
            clock_mhz: 3000,
            memory_mib: memory_gib * 1024,
            cpu: CpuGeneration::SandyBridge,
            features: CpuGeneration::SandyBridge.features(),
            large_pages: false,
            shared_cache_mib: 8,
            disk_latency_us: 80,
            disk_iops: 200_000,
            disk_bandwidth_mb_s: 2000,
            nic_latency_us: 20,
            nic_bandwidth_gbit_s: 10,
        }
    }

    /// Cycles per microsecond.
    pub fn cycles_per_us(&self) -> u64 {
        self.clock_mhz
    }

    /// The virtualization features in force.
    pub fn features(&self) -> CpuFeatures {
        self.features
    }

    /// The shared cache in KiB.
    pub fn shared_cache_kib(&self) -> u64 {
        self.shared_cache_mib * 1024
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generations_gain_features_in_order() {
        let p = CpuGeneration::Prescott.features();
        assert!(p.vtx && p.tpr_shadow && p.tsc_offsetting);
        assert!(!p.ept && !p.vpid && !p.apicv && !p.ple && !p.unrestricted_guest);
        let n = CpuGeneration::Nehalem.features();
        assert!(n.ept && n.vpid && !n.unrestricted_guest);
        assert!(CpuGeneration::Westmere.features().unrestricted_guest);
        let h = CpuGeneration::Haswell.features();
        assert!(h.apicv && h.vmcs_shadowing && !h.posted_interrupts);
        assert!(CpuGeneration::Skylake.features().posted_interrupts);
        assert_eq!(
            CpuGeneration::first_with(|f| f.ept),
            Some(CpuGeneration::Nehalem)
        );
        assert_eq!(CpuGeneration::Zen.exit_roundtrip(), 1350);
    }
}
