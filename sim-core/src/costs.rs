//! Per-operation cycle costs: the only numbers the model starts from, each with its source.
//!
//! Architecture Invariant: no platform has a slowdown factor. A platform is slower only
//! because the path of an operation on it ([`crate::path`]) contains more or costlier steps
//! taken from this table. Every default cites a published measurement from
//! `shared/reference/virtualization-costs.md` or is marked as an estimate.

use serde::{Deserialize, Serialize};

use crate::hardware::CpuGeneration;

/// Reads a `[costs]` table as `#[derive(Deserialize)]` with `#[serde(default,
/// deny_unknown_fields)]` would (the same errors, raised at the same places: an unknown
/// key while its name is read, a wrong value while it is read), but with one loop over
/// the field names instead of a match arm per field. The table has hundreds of fields and
/// each deserializer instantiates the visitor again (toml alone three times): the derived
/// one made about 100 KB of the web page's wasm, this one a few KB.
impl<'de> Deserialize<'de> for CostTable {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("CostTable", CostTable::FIELDS, CostTableVisitor)
    }
}

struct CostTableVisitor;

impl<'de> serde::de::Visitor<'de> for CostTableVisitor {
    type Value = CostTable;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("struct CostTable")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<CostTable, A::Error> {
        let mut table = CostTable::default();
        for index in 0..CostTable::FIELDS.len() {
            let Some(value) = seq.next_element::<u64>()? else {
                break;
            };
            if let Some(field) = table.field_mut(index) {
                *field = value;
            }
        }
        Ok(table)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<CostTable, A::Error> {
        let mut table = CostTable::default();
        let mut seen = vec![false; CostTable::FIELDS.len()];
        while let Some(CostField(index)) = map.next_key::<CostField>()? {
            if std::mem::replace(&mut seen[index], true) {
                return Err(serde::de::Error::duplicate_field(CostTable::FIELDS[index]));
            }
            let value = map.next_value::<u64>()?;
            if let Some(field) = table.field_mut(index) {
                *field = value;
            }
        }
        Ok(table)
    }
}

/// A `[costs]` key: the index of its field (an unknown key is an error while it is read).
struct CostField(usize);

impl<'de> Deserialize<'de> for CostField {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Name;
        impl serde::de::Visitor<'_> for Name {
            type Value = CostField;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("field identifier")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<CostField, E> {
                let name = CostTable::current_name(name);
                CostTable::FIELDS
                    .iter()
                    .position(|f| *f == name)
                    .map(CostField)
                    .ok_or_else(|| E::unknown_field(name, CostTable::FIELDS))
            }
        }
        deserializer.deserialize_identifier(Name)
    }
}

impl CostTable {
    /// The keys a `[costs]` table may still write by an earlier name, with the field each
    /// now is: `cgroup_syscall_accounting` named a per-call cost after cgroups, which cost
    /// nothing per call; the cost is Docker's seccomp filter (renamed 2026-12-06).
    pub const EARLIER_NAMES: &'static [(&'static str, &'static str)] =
        &[("cgroup_syscall_accounting", "seccomp_syscall_filter")];

    /// `name`, or the field it now is if it is an earlier name.
    fn current_name(name: &str) -> &str {
        Self::EARLIER_NAMES
            .iter()
            .find(|(earlier, _)| *earlier == name)
            .map_or(name, |(_, now)| now)
    }
}

/// One row of the defaults table: field name, default value and its source.
#[derive(Debug, Clone, Copy)]
pub struct CostSource {
    pub name: &'static str,
    pub default: u64,
    pub unit: &'static str,
    pub source: &'static str,
}

macro_rules! cost_table {
    ($( $(#[doc = $doc:expr])* $name:ident : $default:expr, $unit:expr, $source:expr; )*) => {
        /// Cycle costs (and a few counts) of single operations. Every field can be
        /// overridden in a scenario's `[costs]` table.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(default, deny_unknown_fields)]
        pub struct CostTable {
            $( $(#[doc = $doc])* pub $name: u64, )*
        }

        impl CostTable {
            /// Every field's name, in declaration order (what serde calls the struct's fields).
            const FIELDS: &'static [&'static str] = &[ $( stringify!($name), )* ];

            /// The field at `index` in declaration order.
            fn field_mut(&mut self, index: usize) -> Option<&mut u64> {
                let mut n = 0;
                $(
                    if n == index {
                        return Some(&mut self.$name);
                    }
                    n += 1;
                )*
                let _ = n;
                None
            }
        }

        impl Default for CostTable {
            fn default() -> Self {
                CostTable { $( $name: $default, )* }
            }
        }

        impl CostTable {
            /// Every default with its unit and source, in declaration order.
            pub const SOURCES: &'static [CostSource] = &[
                $( CostSource { name: stringify!($name), default: $default, unit: $unit, source: $source }, )*
            ];

            /// Sets the field `name` (or its earlier name) to `value`; false when there is
            /// no such field.
            pub fn set(&mut self, name: &str, value: u64) -> bool {
                let name = Self::current_name(name);
                match Self::FIELDS.iter().position(|f| *f == name) {
                    Some(index) => self.field_mut(index).map(|f| *f = value).is_some(),
                    None => false,
                }
            }

            /// Every field's name, in declaration order.
            pub fn names() -> &'static [&'static str] {
                Self::FIELDS
            }

            /// Every field's current value, in declaration order.
            pub fn values(&self) -> Vec<(&'static str, u64)> {
                vec![ $( (stringify!($name), self.$name), )* ]
            }
        }
    };
}

cost_table! {
    /// syscall/sysret round trip on bare metal.
    syscall_native: 242, "cycles", "Adams & Agesen, ASPLOS 2006, Fig. 4 (Pentium 4 672, 3.8 GHz; the same cycles taken on every host.cpu): syscall/sysret, native";
    /// A sensitive privileged instruction (e.g. a control-register write) on bare metal.
    privileged_native: 150, "cycles", "Adams & Agesen, ASPLOS 2006, Fig. 4 (Pentium 4 672, 3.8 GHz; the same cycles taken on every host.cpu): write to %cr8, native (also taken for MOV to CR0/CR3/CR4 and INVLPG: estimate)";
    /// CPUID on bare metal.
    cpuid_native: 200, "cycles", "estimate: Agner Fog's instruction tables list CPUID at roughly 100-250 cycles on Intel and AMD cores";
    /// RDTSC on bare metal (and in a guest with TSC offsetting).
    rdtsc_native: 30, "cycles", "estimate: Agner Fog's instruction tables list RDTSC at roughly 20-40 cycles on Intel and AMD cores";
    /// A write to %cr8 under hardware assist with a TPR shadow: no exit.
    tpr_shadow_cr8_write: 177, "cycles", "Adams & Agesen, ASPLOS 2006, Fig. 4 (Pentium 4 672, 3.8 GHz; the same cycles taken on every host.cpu): write to %cr8, VT (no exit: the TPR shadow)";
    /// Hypervisor work for a guest INVLPG under shadow paging (drop the shadow entry, flush it from the TLB), beyond the generic handler of an exit or the translated callout.
    shadow_invlpg_handler: 500, "cycles", "estimate: no figure in the reference";
    /// Port I/O to a device register on bare metal.
    io_port_native: 3209, "cycles", "Adams & Agesen, ASPLOS 2006, Fig. 4 (Pentium 4 672, 3.8 GHz; the same cycles taken on every host.cpu): in from port 0x80, native";
    /// Memory-mapped device-register write on bare metal (a request's doorbell).
    mmio_native: 400, "cycles", "estimate: one uncached device-register write, the doorbell that starts a request (a posted write: the CPU does not wait for the device, where an uncached read would wait for its round trip over PCIe, about a microsecond; no figure in the reference)";
    /// Demand page fault handled by the kernel.
    page_fault_native: 1093, "cycles", "Adams & Agesen, ASPLOS 2006, Fig. 4 (Pentium 4 672, 3.8 GHz; the same cycles taken on every host.cpu): guest page fault, native";
    /// Page-table-entry write.
    pte_write_native: 1, "cycles", "Adams & Agesen, ASPLOS 2006, Fig. 4 (Pentium 4 672, 3.8 GHz; the same cycles taken on every host.cpu): ptemod, native";
    /// Hardware page walk after a TLB miss, one dimension.
    tlb_walk_native: 120, "cycles", "estimate: up to 4 memory references per 4-level walk (Bhargava et al., ASPLOS 2008) at about 30 cycles each from the caches";
    /// Hardware two-dimensional (EPT/NPT) page walk after a TLB miss.
    tlb_walk_nested: 516, "cycles", "derived from the estimate `tlb_walk_native`: Bhargava et al., ASPLOS 2008, a 2-D walk is 3.9-4.6x a native walk without walk caches (4.3 x 120)";
    /// Page-walk cache: entries of the paging-structure caches that hold a leaf table's
    /// address (each spares the upper levels of walks inside 2 MiB, or 1 GiB with large pages).
    pwc_entries: 32, "entries", "estimate: Intel SDM vol. 3A sec. 4.10.3 describes the paging-structure caches without sizes; Bhargava et al., ASPLOS 2008, evaluate 2-D page-walk caches of a few dozen entries";
    /// Kernel process/thread switch, including the address-space (CR3) load.
    context_switch: 2000, "cycles", "estimate: 0.7 µs at 3 GHz, about a fifth of the reference's one figure (Li, Ding, Shen, ExpCS 2007: a direct cost of about 3.8 µs, measured on a 2007 machine and kernel); a switch between VMs includes a process switch, and `vm_switch` and `hosted_world_switch` are estimates without a figure in the reference either, so the three are kept in that order (raising this one alone would make a process switch dearer than a VM switch)";
    /// Kernel timer-interrupt handler.
    timer_interrupt: 1500, "cycles", "estimate: no figure in the reference";
    /// Kernel device-interrupt handler (entry, acknowledge, dispatch).
    device_interrupt: 1500, "cycles", "estimate: no figure in the reference";
    /// Block layer and driver work to submit one request.
    disk_submit: 6000, "cycles", "estimate: no figure in the reference";
    /// Block layer and driver work to complete one request.
    disk_complete: 3000, "cycles", "estimate: no figure in the reference";
    /// Protocol-stack work per packet, excluding the per-byte copy.
    net_packet: 3000, "cycles", "estimate: no figure in the reference";
    /// Transmit cost per KiB of payload.
    net_tx_per_kib: 2150, "cycles/KiB", "Felter et al., IBM RC25482 / ISPASS 2015, Fig. 2: about 2.1 cycles/byte transmit at 10 GbE (a bulk stream's total, its per-packet work spread over large segments; a small message pays `net_packet` besides)";
    /// Receive cost per KiB of payload.
    net_rx_per_kib: 2355, "cycles/KiB", "Felter et al., IBM RC25482 / ISPASS 2015, Fig. 2: about 2.3 cycles/byte receive at 10 GbE (a bulk stream's total, its per-packet work spread over large segments; a small message pays `net_packet` besides)";
    /// A VM's network back end: one copy of the payload between the guest's memory and a
    /// host buffer, per KiB (the back end runs no second protocol stack: the guest's stack
    /// did the protocol work that `net_tx_per_kib` and `net_rx_per_kib` charge).
    backend_copy_per_kib: 256, "cycles/KiB", "estimate: a copy of data the guest has just written or the NIC has just delivered, from the caches, at about 4 bytes per cycle: half the rate of `page_zero_cycles`' clearing (a copy reads as well as writes); no figure in the reference, where Felter et al.'s 2.1-2.3 cycles/byte are a whole native TCP stack's (copy, checksum, segmentation, per-packet work) and bound it from above";
    /// VM exit + VM entry in hardware; 0 takes the figure of `host.cpu`.
    vm_exit_roundtrip: 0, "cycles", "Agesen et al., USENIX ATC 2012, Table 1 (by CPU generation; Sandy Bridge 784)";
    /// Hypervisor work to decode and dispatch one exit.
    exit_handler: 2216, "cycles", "derived from an assumption: Agesen et al., USENIX ATC 2012, assume about 3000 cycles for a whole exit with its handler (not a measurement; their Sandy Bridge-era figure), minus the 784-cycle round trip; the same figure is taken on every CPU generation (an estimate: the handler is software, decoding and emulating the same exit on any CPU, and the reference has no handler figure for another generation). On `zen` the model's null exit, 1350 + 2216 = 3566, is above the reference's less controlled AMD-V totals (a KVM_RUN round trip about 2500, a Xen null hypercall about 3300), which leave about 1150 to 1950 cycles of software: kept, as a handler fitted to those totals would be a second, unmeasured figure";
    /// Nested virtualization: VMREADs and VMWRITEs an L1 hypervisor makes while handling one reflected exit.
    nested_vmcs_accesses: 10, "accesses", "estimate: an L1 handler reads the exit reason, qualification, guest RIP and instruction length and writes back guest state (no figure in the reference; Ben-Yehuda et al., OSDI 2010, describe how each L2 exit multiplies into L1 exits)";
    /// Nested virtualization: L0's whole handling of one VMREAD or VMWRITE of L1 on its VMCS after the exit (a fast path: the exit round trip and this, without the generic handler's dispatch).
    nested_vmcs_access_handler: 200, "cycles", "estimate: no figure in the reference";
    /// Hypervisor work for a guest page fault under shadow paging (beyond the exit and the
    /// guest's own handler).
    shadow_page_fault_handler: 3850, "cycles", "derived: Adams & Agesen, ASPLOS 2006, Fig. 4: VT guest page fault 11242, the whole fault on a Pentium 4 without VPID, minus the model's other steps of that fault on `prescott`: the exit round trip 3963 (Agesen et al. 2012), the generic exit handler 2216, the guest's own handler 1093, and the TLB refill after the exit, which the measurement includes (no VPID): 4 page walks of 30 cycles for the paper's microbenchmark loop, which touches about 4 pages (code, stack, data, page table: an estimate), 120. 11242 - 3963 - 2216 - 1093 - 120 = 3850, so the model's same loop on that CPU costs the measured 11242; a workload that touches more pages between exits refills more. Adams & Agesen's own Table 1 round trip, page-fault exit 1931 + entry 2409 = 4340 on their Pentium 4 672, would leave 3473";
    /// Hypervisor work for a trapped page-table write under shadow paging (beyond the exit).
    shadow_pte_write_handler: 6433, "cycles", "derived: Adams & Agesen, ASPLOS 2006, Fig. 4: VT ptemod 12733, the whole write on a Pentium 4 without VPID, minus the model's other steps of it on `prescott`: the guest's write 1, the exit round trip 3963, the generic exit handler 2216 and the microbenchmark loop's TLB refill 120 (4 walks of 30, as for `shadow_page_fault_handler`): 12733 - 1 - 3963 - 2216 - 120 = 6433; 4340 from Adams & Agesen's Table 1 would leave 6056";
    /// Shadow paging: address spaces whose shadow root the hypervisor keeps across switches.
    shadow_root_cache: 4, "roots", "estimate: a hypervisor whose shadow pool holds the tables of 4 address spaces. KVM keeps its current root and KVM_MMU_NUM_PREV_ROOTS = 3 previous ones for a fast switch (arch/x86/include/asm/kvm_host.h), but finds other address spaces' shadow pages in its page hash until memory pressure or write flooding zaps them, so it rebuilds far less often than this";
    /// Shadow-structure work when the guest switches address space (CR3 write).
    shadow_cr3_switch: 2121, "cycles", "estimate: the reference has no figure for a CR3 switch's shadow work; taken at the order of one shadow update, Adams & Agesen, ASPLOS 2006, Fig. 4 (a PTE write, not present to present, under BT: 2121 cycles)";
    /// System call under binary translation (the user's SYSCALL enters the VMM, which switches into the translated kernel; the translated SYSRET returns through it).
    bt_syscall: 2308, "cycles", "Adams & Agesen, ASPLOS 2006, Fig. 4 (Pentium 4 672, 3.8 GHz; the same cycles taken on every host.cpu): syscall/sysret, BT";
    /// Sensitive instruction emulated inside the translation cache.
    bt_privileged: 35, "cycles", "Adams & Agesen, ASPLOS 2006, Fig. 4 (Pentium 4 672, 3.8 GHz; the same cycles taken on every host.cpu): write to %cr8, BT";
    /// Port I/O caught by the translator: the translated access reaching the VMM (port 0x80,
    /// the POST-code port, for which the VMM emulates no device); a device register's access
    /// adds its device model's work.
    bt_io_port: 216, "cycles", "Adams & Agesen, ASPLOS 2006, Fig. 4 (Pentium 4 672, 3.8 GHz; the same cycles taken on every host.cpu): in from port 0x80, BT";
    /// Guest page fault under BT with shadow paging.
    bt_page_fault: 3927, "cycles", "Adams & Agesen, ASPLOS 2006, Fig. 4 (Pentium 4 672, 3.8 GHz; the same cycles taken on every host.cpu): guest page fault, BT";
    /// Page-table write under BT (traced page, shadow update).
    bt_pte_write: 391, "cycles", "Adams & Agesen, ASPLOS 2006, Fig. 4 (Pentium 4 672, 3.8 GHz; the same cycles taken on every host.cpu): ptemod, BT";
    /// A call/ret pair in native (or hardware-assisted) guest kernel code.
    call_ret_native: 11, "cycles", "Adams & Agesen, ASPLOS 2006, Fig. 4 (Pentium 4 672, 3.8 GHz; the same cycles taken on every host.cpu): call/ret pair, native";
    /// A call/ret pair (or indirect jump) in translated guest kernel code: the translator
    /// rewrites the control transfer into a lookup of the target's translation.
    bt_call_ret: 51, "cycles", "Adams & Agesen, ASPLOS 2006, Fig. 4 (Pentium 4 672, 3.8 GHz; the same cycles taken on every host.cpu): call/ret pair, BT";
    /// Guest kernel code (KiB) whose translations the translation cache holds.
    bt_tc_kib: 8192, "KiB", "estimate: no published size of VMware's translation cache";
    /// Translating one block of guest kernel code (a translation unit: up to 12
    /// instructions, ending at a control transfer; Adams & Agesen 2006, section 3.1, outside the
    /// reference file, whose section 9 says basic blocks):
    /// decode, rewrite, emit into the translation cache.
    bt_translate_block: 3000, "cycles", "estimate: no figure in the reference";
    /// Paravirtual hypercall trap (a software trap into the hypervisor and back).
    pv_hypercall: 242, "cycles", "estimate: Barham et al., SOSP 2003, describe hypercalls as software traps into the hypervisor, without a cycle figure; costed as a native syscall round trip (a ring transition and back), Adams & Agesen 2006. Not the reference's ~3300 cycles for a Xen null hypercall on AMD-V: that is an HVM guest's VMMCALL, a VM exit (`vm_exit_roundtrip` + handler here)";
    /// Hypervisor work inside one paravirtual hypercall.
    pv_hypercall_handler: 300, "cycles", "estimate: no figure in the reference";
    /// Extra hop of a 64-bit PV system call or page fault, which enters the hypervisor before the guest kernel.
    pv_syscall_bounce: 500, "cycles", "estimate: no figure in the reference (the hypervisor's entry, the switch to the guest kernel's page tables and the bounce, for a system call and, on 64-bit PV, a page fault alike; the return is a separate iret hypercall)";
    /// Hypervisor validation of one queued page-table update.
    pv_pte_validate: 150, "cycles", "estimate: no figure in the reference";
    /// Page-table updates batched into one mmu_update hypercall.
    pv_mmu_batch: 32, "updates", "Barham et al., SOSP 2003, sec. 3.3 (outside the reference file, which quotes the paper's sec. 4.5): guests batch page-table updates (batch size an estimate)";
    /// Guest front-end work to place one request on a shared ring.
    pv_ring_request: 400, "cycles", "estimate: no figure in the reference";
    /// Back-end work to take one request off the ring and hand it to the real driver.
    pv_backend_request: 2000, "cycles", "estimate: no figure in the reference";
    /// Xen's work for one grant in a grant-table hypercall (a driver domain's
    /// GNTTABOP_copy): check the granting domain's entry, hold its page for the copy,
    /// release it; the hypercall's trap and the copy itself are charged apart.
    grant_op: 500, "cycles", "estimate: acquire_grant_for_copy and release_grant_for_copy (xen/common/grant_table.c): the grant table's lock, atomic updates of the entry's flags in a page the granting guest shares, a page reference taken and dropped; no figure in the reference (Santos et al., USENIX ATC 2008, find grant operations among the dominant per-packet costs of Xen's netback, with no per-operation figure taken here)";
    /// Xen's work for one grant mapped into the driver domain (GNTTABOP_map_grant_ref):
    /// the grant's check, a maptrack entry, a page-table entry written for the mapping.
    grant_map: 1000, "cycles", "estimate: __gnttab_map_grant_ref (xen/common/grant_table.c): the checks of a grant copy's (`grant_op`, 500), a PTE that create_grant_host_mapping writes and validates in the mapping domain's page table (as `pv_pte_validate`, 150) and a maptrack entry with the grant's flags and page reference (about 350, estimate): 500 + 150 + 350 = 1000; no figure in the reference";
    /// Xen's work for one grant unmapped from the driver domain (GNTTABOP_unmap_grant_ref):
    /// the page-table entry cleared, the grant released, and the local TLB flushed of it.
    grant_unmap: 1500, "cycles", "estimate: __gnttab_unmap_grant_ref and its flush (xen/common/grant_table.c, gnttab_flush_tlb): the PTE cleared, the grant's flags and the page reference released, and a flush of the local TLB (dom0's one vCPU here; a flush of other pCPUs would add an IPI and a remote handler each, `ipi_send_native` + `tlb_shootdown_handler`, not charged; Xen flushes once per unmap hypercall, and the model unmaps one grant per call); no figure in the reference";
    /// Xen's part of a device interrupt bound to a driver domain (a physical IRQ bound to
    /// one of its event channels): the interrupt's entry, the acknowledgement, and making
    /// dom0's event pending; dom0's own driver handles it after the upcall.
    pirq_forward: 500, "cycles", "estimate: do_IRQ, the local APIC's acknowledgement of an edge-triggered MSI and __do_IRQ_guest -> send_guest_pirq -> evtchn_port_set_pending (xen/arch/x86/irq.c, xen/common/event_channel.c): no driver work, far less than a driver's handler (`device_interrupt`); no figure in the reference";
    /// One register access handled by an emulated device model.
    device_emulation_access: 1500, "cycles", "estimate: no figure in the reference";
    /// Register accesses per emulated disk request.
    emulated_disk_accesses: 5, "accesses", "estimate: an IDE-like disk programmed through I/O ports takes several register accesses per command (sector count, LBA, device, command, bus-master start)";
    /// Accesses of the guest's driver to its emulated NIC's (e1000-like) memory-mapped
    /// registers per NIC interrupt, its handler's and its poll's, each trapping to the
    /// device model as an MMIO access (a send writes one register, its transmit tail).
    emulated_nic_interrupt_accesses: 6, "accesses", "Linux's e1000 driver, drivers/net/ethernet/intel/e1000/e1000_main.c (outside the reference file), for a received frame: e1000_intr reads ICR (which clears the causes), writes IMC (masking the interrupts) and reads STATUS to flush the write (E1000_WRITE_FLUSH); its NAPI poll e1000_clean refills the receive ring with one RDT write (e1000_clean_rx_irq -> e1000_alloc_rx_buffers) and unmasks the interrupts in e1000_irq_enable (an IMS write and a flushing STATUS read); an ITR write only when the interrupt rate's setting changes (e1000_set_itr) is not counted. A transmit-done interrupt makes the same accesses but the RDT write (its poll's e1000_clean_tx_irq reads the descriptors' done bits in guest memory, and no received frame leaves a buffer to return). The NIC is e1000-like: Intel's 8254x, which QEMU, VirtualBox and VMware emulate for guests without paravirtual drivers, descriptor rings in guest memory and memory-mapped registers";
    /// Bytes a sending socket (a workload thread's: each has its own) may have queued for the host's NIC and not yet on the wire before its send waits (its send buffer: a sender that outruns the wire waits for room).
    socket_send_buffer_bytes: 212_992, "bytes", "Linux net.core.wmem_default, the default socket send buffer: SK_WMEM_MAX = 212 992 bytes on x86-64 (include/net/sock.h: 256 packets' truesize overhead; Documentation/admin-guide/sysctl/net.rst) (outside the reference file), one per socket; the model frees the bytes when they leave the wire, as for UDP (TCP keeps them until they are acknowledged, which the model does not simulate)";
    /// Software switch work per packet in the hypervisor or driver domain.
    vswitch_packet: 1500, "cycles", "estimate: no figure in the reference";
    /// Type 2 with `hosted_design = "world_switch"` (the default): switch between the VMM's world and the host OS's world, each way.
    hosted_world_switch: 5000, "cycles", "estimate: the hosted world switch of Sugerman et al., USENIX 2001 (no figure in the reference)";
    /// Switch of a pCPU from one VM's vCPU to another's (state save/restore, VMCS load).
    vm_switch: 4000, "cycles", "estimate: no figure in the reference";
    /// Waking a halted vCPU through the host scheduler (runqueue insert, IPI or
    /// reschedule, state reload) before the interrupt is injected at entry. A sleeping
    /// scheduled back end (a VMM I/O or vhost thread, a driver domain's vCPU) pays the same
    /// wake-up before the job that woke it (`machine/io.rs`), except the IPI's send
    /// (`ipi_send_native`) when a guest's kick woke a driver domain's vCPU onto another
    /// pCPU: Xen's wake-up runs inside the kick's hypercall, and the kicking vCPU pays it.
    vcpu_wakeup: 6000, "cycles", "estimate: 2 µs at 3 GHz, a point in the range Linux Documentation/virt/kvm/halt-polling.rst gives: a wake-up through the host scheduler takes 'on the order of a few micro-seconds'";
    /// Refilling one KiB of a working set that another program evicted from the shared cache.
    cache_refill_per_kib: 300, "cycles/KiB", "estimate: refill at about 10 GB/s (1 KiB per 100 ns at 3 GHz); Li, Ding, Shen, ExpCS 2007 measure indirect switch costs from a few µs to over 1 ms as the working set outgrows the cache";
    /// Compute a thread does per KiB of distinct working-set data it touches.
    cache_touch_cycles_per_kib: 1_000, "cycles/KiB", "estimate: no figure in the reference (how fast a thread sweeps its working set bounds how much of an evicted set it refills in one burst)";
    /// Hot cache set of an I/O back end (rings, buffers, device-model state).
    backend_hot_kib: 256, "KiB", "estimate: no figure in the reference";
    /// Pause-loop exiting: cycles a vCPU may spin in a PAUSE loop before it exits.
    ple_window: 4_096, "cycles", "Linux arch/x86/kvm/x86.h: KVM_VMX_DEFAULT_PLE_WINDOW 4096, the default of kvm_intel's ple_window parameter (vmx.c; ple_gap 128, KVM_DEFAULT_PLE_GAP). AMD's pause filter (kvm_amd's pause_filter_count, KVM_SVM_DEFAULT_PLE_WINDOW 3000) counts PAUSE instructions, not cycles: not modelled, the same window is taken on zen (an estimate) (outside the reference file)";
    /// Pause-loop exiting: factor the window grows by at each PAUSE-loop exit (reset when the vCPU is scheduled in).
    ple_window_grow: 2, "factor", "Linux arch/x86/kvm/vmx/vmx.c: ple_window_grow 2 (handle_pause grows the window; ple_window_shrink 0 resets it on sched-in) (outside the reference file)";
    /// Hypervisor work on a PAUSE-loop exit beyond the generic handler under KVM (the `fair` scheduler): looking for a preempted vCPU of the same VM to yield to. Xen (`credit`, `round_robin`) only yields, and is charged nothing here.
    ple_exit_handler: 1_000, "cycles", "estimate: kvm_vcpu_on_spin scans the VM's vCPUs for a yield candidate (no figure in the reference)";
    /// PV spinlocks: cycles a waiter spins before it halts and waits to be kicked; 0 takes 32 768 PAUSE loops on `host.cpu`.
    pv_spin_threshold: 0, "cycles", "derived: Linux arch/x86/include/asm/spinlock.h SPIN_THRESHOLD = 1 << 15 loop iterations before pv_wait (kernel/locking/qspinlock_paravirt.h), each about one PAUSE: 327 680 cycles at about 10 cycles per PAUSE before Skylake, 4 587 520 at Skylake's 140 (Intel optimization manual; the per-iteration figure an estimate) (outside the reference file)";
    /// Sending one inter-processor interrupt on bare metal (an x2APIC ICR write).
    ipi_send_native: 200, "cycles", "estimate: a WRMSR to the x2APIC ICR and its delivery (no figure in the reference)";
    /// Hypervisor work on a trapped ICR write beyond the generic handler: decode the
    /// destination, set the target vCPU's pending interrupt, kick it if it runs.
    ipi_emulate: 1_000, "cycles", "estimate: no figure in the reference";
    /// A remote CPU's TLB-flush handler: the IPI's entry and its EOI (written first, Linux
    /// `sysvec_call_function`), INVLPG of the range (or a full flush), the acknowledgement
    /// the sender spins on (Linux `flush_tlb_func`).
    tlb_shootdown_handler: 1_500, "cycles", "estimate: no figure in the reference";
    /// Container: what a system call pays for being in a container: Docker's default seccomp-BPF filter (cgroups and namespaces cost nothing per call). Read from its earlier name `cgroup_syscall_accounting` too.
    seccomp_syscall_filter: 20, "cycles", "estimate: the per-call work of Docker's default seccomp-BPF filter on a kernel of 5.11 or later, whose seccomp action cache lets an allowed system call skip the filter (no figure in the reference; Felter et al. 2014 ran no system-call benchmark; on older kernels the default profile's few hundred rules run as BPF on every call, likely hundreds of cycles)";
    /// Container: cgroup accounting per block request.
    cgroup_io_accounting: 200, "cycles", "estimate: no figure in the reference";
    /// Container bridge network: veth pair, bridge and NAT per packet.
    bridge_nat_packet: 4000, "cycles", "estimate: Felter et al. 2014 measured extra latency for Docker's NAT; no per-packet figure";

    // ---- Lifecycle: start-up steps (issue 3). Times are CPU time of one core, in µs;
    // reads are bytes the step reads from the host disk, in MiB.
    /// Hypervisor creates a domain: memory, vCPUs, device model.
    vm_create_us: 100_000, "µs", "estimate: no figure in the reference";
    /// Virtual firmware (BIOS/UEFI) power-on self test of a full VM.
    firmware_boot_us: 1_000_000, "µs", "estimate: no figure in the reference";
    /// A physical server's firmware at power-on (POST: memory training, RAID and NIC option ROMs) before its OS or hypervisor boots.
    server_firmware_boot_us: 120_000_000, "µs", "estimate: a rack server's POST takes minutes (memory training, storage and network option ROMs); no figure in the reference";
    /// Xen's wait between its hardware domain's (dom0's) crash and the machine's restart.
    xen_crash_reboot_wait_us: 5_000_000, "µs", "Xen xen/common/shutdown.c: hwdom_shutdown() on a crashed hardware domain calls maybe_reboot(), which prints \"rebooting machine in 5 seconds\" and calls machine_restart(5000) (the `noreboot` option halts instead); outside the reference file";
    /// Linux guest kernel boot (decompress, probe devices, mount root), CPU time.
    linux_kernel_boot_us: 1_500_000, "µs", "estimate: no figure in the reference";
    /// Bytes a Linux guest reads to boot its kernel and initrd.
    linux_kernel_read_mib: 60, "MiB", "estimate: no figure in the reference";
    /// Linux init and base services up to the application, CPU time.
    linux_init_us: 2_500_000, "µs", "estimate: no figure in the reference";
    /// Bytes the Linux base system reads during init.
    linux_init_read_mib: 150, "MiB", "estimate: no figure in the reference";
    /// Windows guest boot (kernel, drivers, services), CPU time.
    windows_boot_us: 10_000_000, "µs", "estimate: no figure in the reference";
    /// Bytes a Windows guest reads to boot.
    windows_boot_read_mib: 700, "MiB", "estimate: no figure in the reference";
    /// Desktop logon: user profile, shell, start-up applications, CPU time.
    desktop_logon_us: 8_000_000, "µs", "estimate: no figure in the reference";
    /// Bytes a desktop logon reads (profile, shell, applications).
    desktop_logon_read_mib: 200, "MiB", "estimate: no figure in the reference";
    /// microVM: the VMM process is ready (Firecracker-like).
    microvm_vmm_start_us: 8_000, "µs", "Firecracker SPECIFICATION.md: VMM ready within 8 CPU-ms (wall clock typically 12 ms, 6-60 ms); the model charges CPU time";
    /// microVM: from InstanceStart to the guest's /sbin/init (no firmware, minimal kernel),
    /// the kernel's own CPU time; the step adds its reads and what the stack adds to its operations.
    microvm_boot_us: 109_000, "µs", "derived from a stated bound: Firecracker SPECIFICATION.md, InstanceStart to guest /sbin/init within 125 ms (1 vCPU, 128 MiB), a limit and not a measurement, for the whole step: the kernel's CPU, its reads and what virtualization adds to its operations. 125 ms less the step's reads at the default disk (`microvm_boot_read_mib`, 20 MiB at 2000 MB/s: 10.5 ms) and less what the default microVM stack (hybrid with EPT on a 3 GHz Sandy Bridge) adds to the boot's page faults and MMIO probes (4.2 ms) and to its reads (160 requests of `boot_read_request_kib` through its virtio-mmio disk: 1.2 ms) leaves about 109 ms, so the default microVM reaches init in 124.9 ms, within the bound; a slower disk or a stack without EPT takes longer";
    /// Bytes a microVM reads to boot its uncompressed kernel and root filesystem blocks.
    microvm_boot_read_mib: 20, "MiB", "estimate: no figure in the reference";
    /// Type 2: the VMM process starts on the host OS (GUI, device model, memory allocation).
    type2_vmm_start_us: 500_000, "µs", "estimate: no figure in the reference";
    /// Container: user-space work of the runtime and its shim as they start (Go runtime start, reading the OCI config); their page faults are counted apart.
    container_runtime_start_us: 50_000, "µs", "estimate: no figure in the reference";
    /// Container: the runtime's execs (containerd-shim, `runc create`, `runc init`) fault in their binaries' touched pages.
    container_runtime_exec_page_faults: 3_000, "faults", "estimate: three execs of Go binaries of about 10 MiB each, roughly 1000 of their 4 KiB pages touched while they start; no figure in the reference";
    /// Kernel work of creating one namespace (mnt, pid, uts, ipc, cgroup) in clone/unshare, beyond the system call's entry and exit.
    namespace_create_cycles: 30_000, "cycles", "estimate: allocating the namespace and copying the parent's tables (the mount tree for mnt); no figure in the reference";
    /// Kernel work of creating a network namespace (loopback device, per-namespace sysctl, /proc and netfilter state).
    netns_create_cycles: 3_000_000, "cycles", "estimate: Oakes et al., SOCK, USENIX ATC 2018, sec. 3, name network namespaces as the costliest namespace to create and tear down; no per-call figure in the reference";
    /// Kernel work of creating a cgroup directory (mkdir in cgroupfs: per-CPU state of each controller).
    cgroup_create_cycles: 300_000, "cycles", "estimate: no figure in the reference";
    /// Control files the runtime writes to set a container's cgroup up (each opened, written and closed).
    container_cgroup_files: 8, "files", "estimate: runc writes cpu.max, cpu.weight, memory.max, memory.high, memory.swap.max, pids.max, io.max and cgroup.procs (cgroup v2)";
    /// Kernel work of one write to a cgroupfs control file (parse, apply the limit).
    cgroupfs_write_cycles: 15_000, "cycles", "estimate: no figure in the reference";
    /// Mounts the runtime performs in the container's mount namespace, the root file system included.
    container_mounts: 11, "mounts", "estimate: runc spec's default config.json mounts /proc, /dev, /dev/pts, /dev/shm, /dev/mqueue, /sys and /sys/fs/cgroup; Docker adds the overlay root and bind mounts of /etc/resolv.conf, /etc/hostname and /etc/hosts";
    /// Kernel work of one mount (or pivot_root): allocate the mount, look its paths up, attach it to the tree.
    mount_cycles: 150_000, "cycles", "estimate: no figure in the reference";
    /// Layers of a container image (the overlay's lower directories).
    container_image_layers: 5, "layers", "estimate: no figure in the reference";
    /// Metadata blocks the overlay mount reads from the host disk per layer (directory blocks and inodes of its path) when not cached.
    overlay_layer_metadata_reads: 4, "reads", "estimate: the last components of /var/lib/docker/overlay2/<id>/diff, a directory block and an inode each; no figure in the reference";
    /// System calls of the runtime's init in the new root before it execs the entrypoint (capabilities, seccomp filter, rlimits, hostname, closing descriptors).
    container_init_syscalls: 150, "calls", "estimate: no figure in the reference";
    /// Kernel work of execve beyond entry and exit: drop the old address space, map the new binary and its loader.
    execve_cycles: 300_000, "cycles", "estimate: no figure in the reference";
    /// Page faults of the container's entrypoint mapping its binary and libraries from the image.
    container_exec_page_faults: 2_000, "faults", "estimate: about 8 MiB of binary and libraries touched while the entrypoint starts; no figure in the reference";
    /// Pages one file-backed fault reads from disk (the read-ahead window).
    readahead_pages: 32, "pages", "Linux include/linux/mm.h: VM_READAHEAD_PAGES = 128 KiB / PAGE_SIZE (the default read_ahead_kb), 32 pages of 4 KiB (outside the reference file)";
    /// The application's own start (exec, libraries, initialisation), on any platform (a container's exec step pays the exec itself: its application step is the rest, `boot::container::entrypoint_exec_native`).
    app_start_us: 100_000, "µs", "estimate: no figure in the reference";
    /// Bytes the application reads when it starts (binaries, libraries, configuration).
    app_start_read_mib: 20, "MiB", "estimate: no figure in the reference";

    // ---- Lifecycle: memory footprint per instance.
    /// Hypervisor state kept per domain (type 1).
    hypervisor_per_vm_kib: 20, "KiB", "Barham et al., SOSP 2003, sec. 4.5: about 20 kB of hypervisor state per domain (taken as 20 KiB, 2 % more: within an approximate figure)";
    /// A full (not paravirtualized) VM's device model and its own process: the emulated devices, virtual firmware and I/O buffers (ESXi's per-VM VMX, Xen's qemu-dm, KVM's QEMU).
    vm_device_model_mib: 30, "MiB", "estimate: a small VM's per-VM overhead memory under ESXi and a QEMU device model's resident memory are tens of MiB; no figure in the reference";
    /// microVM: memory overhead of the VMM process per microVM.
    microvm_vmm_mib: 5, "MiB", "Firecracker SPECIFICATION.md: VMM memory overhead at most 5 MiB";
    /// Type 2: memory of the VMM user process per VM (device models, GUI, caches).
    type2_vmm_process_mib: 150, "MiB", "estimate: no figure in the reference";
    /// Resident memory of a Linux guest kernel and base system.
    linux_guest_base_mib: 200, "MiB", "estimate: no figure in the reference (Barham et al. 2003 ran a minimal guest in 6.2 MB; a stock distribution needs far more)";
    /// Resident memory of a minimal microVM guest kernel and init.
    microvm_guest_base_mib: 32, "MiB", "estimate: Barham et al. 2003 ran a minimal guest domain in 6.2 MB; a current minimal kernel needs more";
    /// Resident memory of a Windows desktop guest (kernel, services, shell).
    windows_guest_base_mib: 1_500, "MiB", "estimate: no figure in the reference";
    /// Container: runtime shim and bookkeeping per container.
    container_runtime_mib: 8, "MiB", "estimate: no figure in the reference";
    /// Memory kept for the host OS, management domain or hypervisor itself.
    host_reserved_mib: 1_024, "MiB", "estimate: no figure in the reference";
    /// Density: highest CPU utilization at which latency is still acceptable.
    density_max_cpu_percent: 80, "percent", "estimate: a common capacity-planning headroom rule";

    // ---- Boot as work (boot/mod.rs): operations a boot performs besides its compute.
    /// Port I/O accesses of a PC firmware's self test and device set-up.
    boot_firmware_port_io: 20_000, "probes", "estimate: POST and option ROMs poll legacy ports and PCI configuration space; no figure in the reference";
    /// Page faults while a guest kernel decompresses and initializes.
    boot_kernel_page_faults: 30_000, "faults", "estimate: no figure in the reference";
    /// Page-table writes while a guest kernel builds its direct map and page tables.
    boot_kernel_pte_writes: 300_000, "writes", "estimate: no figure in the reference";
    /// Port I/O accesses of a kernel probing PCI configuration space and legacy devices.
    boot_kernel_port_io: 3_000, "probes", "estimate: no figure in the reference";
    /// MMIO accesses of a kernel probing and setting up devices.
    boot_kernel_mmio: 2_000, "probes", "estimate: no figure in the reference";
    /// Page faults while init starts the base services (programs loaded, libraries mapped).
    boot_init_page_faults: 150_000, "faults", "estimate: no figure in the reference";
    /// Page-table writes while init starts the base services (processes forked and exec'd).
    boot_init_pte_writes: 500_000, "writes", "estimate: no figure in the reference";
    /// Size of the requests in which a Linux (or FreeBSD) guest's or host's start-up reads (its kernel and initrd, init's programs and libraries, the application's files, a container's image) reach the disk: a VM's each take the stack's disk-read path, and on a disk of few IOPS the requests, not the bandwidth, set how fast a start-up reads.
    boot_read_request_kib: 128, "KiB/request", "Linux's default readahead window, read_ahead_kb = 128 (mm/readahead.c, VM_READAHEAD_PAGES; outside the reference file): sequential file reads are issued in requests of about this size (an estimate of the request size)";
    /// Like `boot_read_request_kib`, for a Windows guest's boot and a user's logon (a desktop VM's or a session host's).
    boot_read_request_kib_windows: 64, "KiB/request", "estimate: Windows' cache manager reads ahead in 64 KiB by default (its read-ahead granularity; Windows Internals, outside the reference file), and its boot and logon prefetcher reads in pieces of its own; no figure in the reference";

    // ---- Memory: first touch, overcommit (memory/).
    /// Zeroing one newly allocated 4 KiB page before it is mapped.
    page_zero_cycles: 512, "cycles", "estimate: 4096 bytes cleared at about 8 bytes per cycle (rep stosb from the caches); no figure in the reference";
    /// KSM: percent of a guest's base OS pages identical in another guest with the same OS.
    ksm_same_os_percent: 40, "percent", "estimate: Waldspurger, OSDI 2002, sec. 4.2 found large shares of identical pages between guests running the same OS; no figure in the reference";
    /// KSM: pages ksmd scans per wake-up.
    ksm_pages_to_scan: 100, "pages", "Linux Documentation/admin-guide/mm/ksm.rst: default pages_to_scan 100 (outside the reference file)";
    /// KSM: how long ksmd sleeps between scans.
    ksm_sleep_us: 20_000, "µs", "Linux Documentation/admin-guide/mm/ksm.rst: default sleep_millisecs 20 (outside the reference file)";
    /// KSM: host CPU to checksum one page and look it up in the stable and unstable trees.
    ksm_scan_cycles_per_page: 2_000, "cycles", "estimate: a 4 KiB checksum at a few bytes per cycle plus two tree lookups; no figure in the reference";
    /// Host swapping: host work to reclaim one frame for a page coming in (take the coldest page off the LRU, unmap it).
    swap_reclaim_page_cycles: 2_000, "cycles", "estimate: isolating a page from the LRU, a reverse-map walk to its one mapping and clearing it (for a VM, the MMU notifier clears its nested or shadow entry and flushes it from the TLB); no figure in the reference";
    /// Balloon: guest kernel work to take one page for the balloon (allocate it, list its frame).
    balloon_guest_page_cycles: 400, "cycles", "estimate: a page allocation and a list entry; no figure in the reference";
    /// Balloon: host work to release one ballooned page (unmap it from the guest, free it).
    balloon_host_page_cycles: 1_000, "cycles", "estimate: madvise(MADV_DONTNEED) on one page with its nested or shadow entry invalidated; no figure in the reference";
    /// Balloon: pages the guest driver reports to the host per message.
    balloon_batch_pages: 256, "pages", "Linux drivers/virtio/virtio_balloon.c: VIRTIO_BALLOON_ARRAY_PFNS_MAX = 256 (outside the reference file)";
    /// Free page reporting: pages per report (32 blocks of 2 MiB).
    free_page_report_pages: 16_384, "pages", "Linux include/linux/page_reporting.h: PAGE_REPORTING_CAPACITY 32 blocks, each of pageblock_order 9 (mm/page_reporting.h: the reporting order; 2 MiB on x86-64) (outside the reference file)";
    /// Free page reporting: guest work to take one free 2 MiB block out of the allocator and list it.
    free_page_block_cycles: 2_000, "cycles", "estimate: no figure in the reference";
    /// Pages of its working set each operation touches, each drawn uniformly at random: a touch may find its page on the host's swap (a page-in), write a page KSM merged (a copy-on-write fault) or dirty a page a live migration is copying.
    page_touches_per_op: 1, "touches/op", "estimate: no figure in the reference (real operations touch more pages or fewer: a system call a few, a disk read's copy one per 4 KiB; one uniform touch per operation is the model's simplest assumption)";
    /// Percent of page touches that write (a write to a merged page breaks it: copy on write).
    page_write_percent: 30, "percent", "estimate: no figure in the reference";
    /// Live migration: bytes of one segment of the migration stream on the host's NIC (a TSO super-packet).
    migration_segment_bytes: 65_536, "bytes", "Linux include/linux/netdevice.h: GSO_LEGACY_MAX_SIZE = 65536, the default gso_max_size since Linux 5.19 (before it this 64 KiB limit was GSO_MAX_SIZE, which BIG TCP raised) (outside the reference file)";
    /// Live migration: the migration thread's host CPU per page sent (read the page, check it for zeros, copy it into the socket, TCP's per-byte work).
    migration_copy_cycles_per_page: 4_096, "cycles", "estimate: about 1 cycle per byte of the 4 KiB page for the zero check, the copy and TCP's checksum-offloaded send; no figure in the reference";
    /// Page-modification logging: entries of the log the CPU fills before it exits.
    pml_log_entries: 512, "entries", "Intel, Page Modification Logging for Virtual-Machine Monitor, white paper (2015): a 4 KiB log of 512 guest-physical addresses; a full log causes a VM exit (outside the reference file)";
    /// Page-modification logging: the hypervisor's work per logged entry when it drains a full log (mark the page in the dirty bitmap).
    pml_drain_cycles_per_entry: 50, "cycles", "estimate: Linux arch/x86/kvm/vmx vmx_flush_pml_buffer reads each entry and sets a bit in the memslot's dirty bitmap; no figure in the reference";

    // ---- Desktop virtualization (remote display).
    /// Thin client: decoding one kilopixel of a remote-display update.
    client_decode_cycles_per_kpixel: 5_000, "cycles/kpixel", "estimate: no figure in the reference";
    /// Thin client clock, MHz (decode time is client cycles over this).
    client_clock_mhz: 1_500, "MHz", "estimate: a low-power thin-client CPU";
    /// Desktop VM: background work of the guest OS per second (services, indexers, AV), µs of one core.
    desktop_background_us_per_s: 15_000, "µs/s", "estimate: about 1.5% of a core per idle desktop (no figure in the reference)";
    /// A user session on a shared server OS: its own background processes (shell, tray
    /// applications) per second, µs of one core; the OS's services run once per server.
    session_background_us_per_s: 3_000, "µs/s", "estimate: a fifth of a desktop VM's background work (no figure in the reference)";
    /// Memory of one user session on a shared server OS (profile, shell, applications).
    desktop_session_mib: 300, "MiB", "estimate: no figure in the reference";
    /// Refresh rate of the display a desktop is shown on (thin client or local PC).
    client_refresh_hz: 60, "Hz", "estimate: the most common desktop monitor refresh rate";
    /// Rate at which the client samples keyboard and mouse input.
    input_poll_hz: 125, "Hz", "estimate: the 8 ms polling interval common for USB keyboards and mice (USB HID 1.11, bInterval, outside the reference file)";
}

impl CostTable {
    /// The PV spinlock's spin before it halts, in force: the override if set, else Linux's
    /// `SPIN_THRESHOLD` (1 << 15) loop iterations at the CPU's PAUSE latency (the loop
    /// counts iterations, not time).
    pub fn pv_spin_threshold(&self, cpu: CpuGeneration) -> u64 {
        if self.pv_spin_threshold > 0 {
            self.pv_spin_threshold
        } else {
            (1 << 15) * cpu.pause_cycles()
        }
    }

    /// The share of `page_fault_native` that is the exception's delivery into the kernel
    /// (through the IDT, into the handler's entry). Adams & Agesen measured the fault as one
    /// figure (1093 cycles: delivery, handler, IRET); the reference does not break it down,
    /// so the delivery is taken as the entry half of a native system call, the SYSCALL half
    /// of `syscall_native` (121 of 242): an estimate, as that split is.
    pub fn fault_delivery(&self) -> u64 {
        self.syscall_native / 2
    }

    /// The share of `page_fault_native` that is the handler's IRET back to the faulting
    /// code, taken as the return half of a native system call, the SYSRET half of
    /// `syscall_native` (121 of 242): an estimate, as [`CostTable::fault_delivery`] is.
    pub fn fault_iret(&self) -> u64 {
        self.syscall_native - self.syscall_native / 2
    }

    /// A host's page-fault handling reached without an exception of its own:
    /// `page_fault_native` less its delivery and its IRET (1093 - 121 - 121 = 851 cycles by
    /// default; an estimate, see [`CostTable::fault_delivery`]). A VM's fault on host memory
    /// (an EPT violation, a shadow page fault, a PV guest's trap) enters the hypervisor by
    /// the VM exit (or the trap), which takes the place of the delivery; KVM calls the host's
    /// fault handling from its exit handler (`kvm_mmu_page_fault`, `hva_to_pfn`,
    /// `get_user_pages` into `handle_mm_fault`) and goes back by the VM entry, not by an
    /// IRET. So is the second half of a major fault, after its read, in every kernel: the
    /// thread that slept in the handler goes on there; the fault's one delivery and one IRET
    /// are in the first half's `page_fault_native`.
    pub fn host_fault_handler(&self) -> u64 {
        self.page_fault_native
            .saturating_sub(self.fault_delivery() + self.fault_iret())
    }

    /// The exit round trip in force: the override if set, else the CPU generation's figure.
    pub fn exit_roundtrip(&self, cpu: CpuGeneration) -> u64 {
        if self.vm_exit_roundtrip > 0 {
            self.vm_exit_roundtrip
        } else {
            cpu.exit_roundtrip()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written reader of `[costs]` behaves as the derived one did: a key sets its
    /// field and only it, the others keep their defaults, an unknown key or a repeated one
    /// is an error naming it, and a table written as JSON reads back equal.
    #[test]
    fn a_costs_table_reads_like_a_derived_one() {
        let read: CostTable = toml::from_str("syscall_native = 7\nexit_handler = 9\n").unwrap();
        let expected = CostTable {
            syscall_native: 7,
            exit_handler: 9,
            ..CostTable::default()
        };
        assert_eq!(read, expected);
        let last = CostTable::FIELDS[CostTable::FIELDS.len() - 1];
        let read: CostTable = toml::from_str(&format!("{last} = 3")).unwrap();
        assert_eq!(read.values().last(), Some(&(last, 3)));
        let e = toml::from_str::<CostTable>("bogus = 1").unwrap_err();
        assert!(e.message().contains("unknown field `bogus`"), "{e}");
        let e = serde_json::from_str::<CostTable>(r#"{"cpuid_native": 1, "cpuid_native": 2}"#)
            .unwrap_err();
        assert!(
            e.to_string().contains("duplicate field `cpuid_native`"),
            "{e}"
        );
        let json = serde_json::to_string(&expected).unwrap();
        assert_eq!(serde_json::from_str::<CostTable>(&json).unwrap(), expected);
    }

    /// A key renamed since is read by its earlier name too, into the field it now is, and
    /// writing both is a duplicate; every earlier name's field exists.
    #[test]
    fn an_earlier_cost_name_reads_into_its_field() {
        let read: CostTable = toml::from_str("cgroup_syscall_accounting = 99").unwrap();
        assert_eq!(read.seccomp_syscall_filter, 99);
        let mut set = CostTable::default();
        assert!(set.set("cgroup_syscall_accounting", 7));
        assert_eq!(set.seccomp_syscall_filter, 7);
        let both = "seccomp_syscall_filter = 1\ncgroup_syscall_accounting = 2";
        let e = toml::from_str::<CostTable>(both).unwrap_err();
        assert!(e.message().contains("duplicate field"), "{e}");
        for (earlier, now) in CostTable::EARLIER_NAMES {
            assert!(CostTable::FIELDS.contains(now), "{now}");
            assert!(!CostTable::FIELDS.contains(earlier), "{earlier}");
        }
    }

    #[test]
    fn every_default_has_a_source_and_matches_the_table() {
        let table = CostTable::default();
        assert_eq!(CostTable::SOURCES.len(), 147);
        for row in CostTable::SOURCES {
            assert!(!row.source.is_empty(), "{} lacks a source", row.name);
        }
        assert_eq!(CostTable::SOURCES[0].default, table.syscall_native);
    }

    #[test]
    fn shadow_handlers_reproduce_the_measured_totals_on_the_measured_cpu() {
        // On a Prescott-class P4 (the CPU of Adams & Agesen 2006, no VPID) an exit round
        // trip, the generic handler, the shadow-specific work and the TLB refill of the
        // paper's microbenchmark loop (4 pages, a walk of 30 cycles each: 120) add up to the
        // published VT totals; path/tests.rs rebuilds them from the paths.
        let t = CostTable::default();
        let exit = t.exit_roundtrip(CpuGeneration::Prescott) + t.exit_handler;
        let refill = 4 * 30;
        assert_eq!(
            exit + t.shadow_page_fault_handler + t.page_fault_native + refill,
            11242
        );
        assert_eq!(
            t.pte_write_native + exit + t.shadow_pte_write_handler + refill,
            12733
        );
    }

    #[test]
    fn pv_spin_threshold_counts_pause_loops_at_the_cpus_latency_unless_overridden() {
        // 32 768 loops of about 10 cycles before Skylake, of 140 on Skylake.
        let mut table = CostTable::default();
        assert_eq!(table.pv_spin_threshold(CpuGeneration::SandyBridge), 327_680);
        assert_eq!(table.pv_spin_threshold(CpuGeneration::Skylake), 4_587_520);
        table.pv_spin_threshold = 20_000;
        assert_eq!(table.pv_spin_threshold(CpuGeneration::Skylake), 20_000);
    }

    #[test]
    fn exit_roundtrip_follows_cpu_generation_unless_overridden() {
        let mut table = CostTable::default();
        assert_eq!(table.exit_roundtrip(CpuGeneration::Prescott), 3963);
        table.vm_exit_roundtrip = 1000;
        assert_eq!(table.exit_roundtrip(CpuGeneration::Prescott), 1000);
    }
}
