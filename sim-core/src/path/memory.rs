//! Memory-virtualization paths: guest page faults, page-table writes, TLB misses and address-space switches.
//!
//! Shadow paging against nested paging (EPT/NPT), and the page walks' cost, native and
//! two-dimensional (`walk_cycles_of`). Shadow paging's hidden faults after an
//! address-space switch are run in time by `machine/guest.rs`.

use super::{Category, ExitReason, Layer, Path, PathBuilder, Steps};
use crate::platform::{MemoryVirtualization, Technique};

/// The handler's step of the iret hypercall that ends a 64-bit PV guest's page fault (the
/// explanation says that it returns to the interrupted code, not to the guest kernel).
pub(crate) const FAULT_IRET_HYPERCALL_EN: &str = "64-bit PV: the handler returns by the iret hypercall, which switches back to the interrupted page tables";
const FAULT_IRET_HYPERCALL_KO: &str =
    "64비트 PV: 핸들러가 iret 하이퍼콜로 돌아가며 중단된 곳의 페이지 테이블로 다시 바꿈";

impl PathBuilder<'_> {
    /// A guest page fault, by how memory is virtualized.
    pub(super) fn page_fault(&self, submit: &mut Steps) {
        let c = self.costs;
        let tech = self.technique();
        match self.stack.memory {
            MemoryVirtualization::Shadow if tech == Some(Technique::BinaryTranslation) => {
                submit.push_exit(
                    Layer::Hypervisor,
                    Category::Hypervisor,
                    c.bt_page_fault.saturating_sub(c.page_fault_native),
                    "the VMM takes the fault, finds the guest's own page table has no mapping either (a true fault, not a hidden one) and reflects it to the guest",
                    "VMM이 폴트를 받아 게스트 자신의 페이지 테이블에도 매핑이 없음을 확인하고(숨은 폴트가 아닌 진짜 폴트) 게스트로 전달",
                    Some(ExitReason::ShadowPageFault),
                );
                submit.kernel(
                    c.page_fault_native,
                    "guest page-fault handler",
                    "게스트 페이지 폴트 핸들러",
                );
            }
            MemoryVirtualization::Shadow => {
                self.exit(
                    submit,
                    ExitReason::ShadowPageFault,
                    c.shadow_page_fault_handler,
                    "shadow paging: hypervisor handles the fault and reflects it",
                    "섀도 페이징: 하이퍼바이저가 폴트 처리 후 게스트에 전달",
                );
                submit.kernel(
                    c.page_fault_native,
                    "guest page-fault handler",
                    "게스트 페이지 폴트 핸들러",
                );
            }
            MemoryVirtualization::Nested => {
                submit.push(
                    Layer::Hardware,
                    Category::GuestUser,
                    self.walk_cycles().saturating_sub(self.native_walk_cycles()),
                    "extra cost of the 2-D walk on the faulting access",
                    "폴트 접근의 2차원 페이지 워크 추가 비용",
                );
                submit.kernel(
                    c.page_fault_native,
                    self.vendor.pick(
                        "guest page-fault handler (no exit with EPT/NPT)",
                        "guest page-fault handler (no exit with NPT)",
                    ),
                    self.vendor.pick(
                        "게스트 페이지 폴트 핸들러 (EPT/NPT에서는 exit 없음)",
                        "게스트 페이지 폴트 핸들러 (NPT에서는 exit 없음)",
                    ),
                );
            }
            // x86-64 PV: the hypervisor owns the IDT, and the guest kernel runs in ring 3
            // on page tables of its own, so a fault takes the system call's way in and
            // out: into the hypervisor, which switches to the kernel's tables and bounces
            // it there, and back by the iret hypercall (Linux xen_iret). The PV kernel
            // runs the handler but not its IRET: `page_fault_native` less the IRET's share
            // (`native_fault_iret`). Its page tables are read-only to it, so the handler
            // installs the new entry by an mmu_update hypercall of its own: Linux's
            // `__xen_set_pte` (arch/x86/xen/mmu_pv.c) batches only in lazy-MMU mode, which
            // a single fault does not enter, and calls mmu_update for one entry ("a
            // hypercall is much cheaper" than trapping the write). The native handler's
            // store becomes the request it fills (as `page_table_update` charges it).
            MemoryVirtualization::DirectPv => {
                submit.push_exit(
                    Layer::Hypervisor,
                    Category::Hypervisor,
                    c.pv_syscall_bounce,
                    "64-bit PV: the fault enters the hypervisor, which switches to the guest kernel's page tables and bounces it there",
                    "64비트 PV: 폴트가 하이퍼바이저로 들어가고, 하이퍼바이저가 게스트 커널의 페이지 테이블로 바꿔 그리로 전달",
                    Some(ExitReason::PvBounce),
                );
                submit.kernel(
                    c.page_fault_native.saturating_sub(self.native_fault_iret()),
                    "guest page-fault handler, without the native handler's IRET (the PV kernel returns by the iret hypercall; the IRET taken as the SYSRET half of a native system call: estimate)",
                    "게스트 페이지 폴트 핸들러, 네이티브 핸들러의 IRET은 빼고 (PV 커널은 iret 하이퍼콜로 돌아감; IRET은 네이티브 시스템 콜의 SYSRET 절반으로 추정)",
                );
                self.hypercall(
                    submit,
                    "the handler installs the new page-table entry by an mmu_update hypercall of one update (its page tables are read-only to it; outside lazy-MMU mode Linux does not batch)",
                    "핸들러가 새 페이지 테이블 항목을 갱신 하나짜리 mmu_update 하이퍼콜로 설치 (PV 커널에게 페이지 테이블은 읽기 전용이고, lazy-MMU 모드 밖에서는 리눅스가 묶지 않음)",
                );
                submit.hyp(
                    c.pv_pte_validate,
                    "the hypervisor validates the new entry inside that mmu_update",
                    "하이퍼바이저가 그 mmu_update 안에서 새 항목을 검증",
                );
                self.hypercall(submit, FAULT_IRET_HYPERCALL_EN, FAULT_IRET_HYPERCALL_KO);
            }
            MemoryVirtualization::None => submit.kernel(
                c.page_fault_native,
                "page-fault handler",
                "페이지 폴트 핸들러",
            ),
        }
    }

    /// The share of `page_fault_native` (Adams & Agesen's 1093 cycles: the exception's
    /// delivery, the handler and its IRET back to the faulting code, measured as one
    /// figure) that is the handler's IRET: the return half of the native system call round
    /// trip, the SYSRET half of `syscall_native` (121 of 242; an estimate, as that split
    /// is), the return to user mode that a fault's IRET does as a system call's SYSRET does
    /// ([`CostTable::fault_iret`](crate::costs::CostTable::fault_iret)).
    fn native_fault_iret(&self) -> u64 {
        self.costs.fault_iret()
    }

    /// A guest page-table write; returns how many writes share one batched step.
    pub(super) fn page_table_update(&self, submit: &mut Steps, batched: &mut Steps) -> u64 {
        let c = self.costs;
        let tech = self.technique();
        let memory = self.stack.memory;
        let mut batch_every = 0;
        let (en, ko) = match memory {
            // Hardware assist on shadow tables: the guest's page tables are write-protected,
            // so the write faults and the hypervisor completes it (the exit below).
            MemoryVirtualization::Shadow if tech != Some(Technique::BinaryTranslation) => (
                "the guest writes the page-table entry: its page is write-protected, so the write faults instead of completing",
                "게스트가 페이지 테이블 항목에 씀: 그 페이지는 쓰기 보호되어 있어 쓰기가 완료되지 않고 폴트함",
            ),
            // A PV kernel's page tables are read-only to it: the update is queued as a
            // request for the batch's mmu_update (Barham et al., SOSP 2003, 3.3).
            MemoryVirtualization::DirectPv => (
                "queue the page-table update (a PV kernel's page tables are read-only to it)",
                "페이지 테이블 갱신을 대기열에 넣음 (PV 커널에게 페이지 테이블은 읽기 전용)",
            ),
            _ => ("write the page-table entry", "페이지 테이블 항목 쓰기"),
        };
        submit.kernel(c.pte_write_native, en, ko);
        match memory {
            MemoryVirtualization::Shadow if tech == Some(Technique::BinaryTranslation) => submit
                .hyp(
                    c.bt_pte_write.saturating_sub(c.pte_write_native),
                    "translated write keeps the shadow table in sync",
                    "변환된 쓰기로 섀도 테이블 동기화",
                ),
            MemoryVirtualization::Shadow => self.exit(
                submit,
                ExitReason::ShadowPteWrite,
                c.shadow_pte_write_handler,
                "write-protected page table traps; hypervisor updates the shadow",
                "쓰기 보호된 페이지 테이블 트랩; 하이퍼바이저가 섀도 갱신",
            ),
            MemoryVirtualization::DirectPv => {
                submit.hyp(
                    c.pv_pte_validate,
                    "this update's share of the hypervisor's validation, done inside the batch's mmu_update hypercall (charged per update)",
                    "이 갱신 몫의 하이퍼바이저 검증: 묶음의 mmu_update 하이퍼콜 안에서 이루어짐 (갱신마다 계산)",
                );
                self.hypercall(
                    batched,
                    "mmu_update hypercall applies the batch",
                    "mmu_update 하이퍼콜로 일괄 적용",
                );
                batch_every = c.pv_mmu_batch;
            }
            MemoryVirtualization::Nested | MemoryVirtualization::None => {}
        }
        batch_every
    }

    /// A TLB miss: the hardware page walk, one- or two-dimensional.
    pub(super) fn tlb_miss(&self, submit: &mut Steps) {
        let (en, ko) = match (self.stack.memory, self.large_pages) {
            (MemoryVirtualization::Nested, false) => (
                self.vendor.pick(
                    "two-dimensional page walk (EPT/NPT), upper levels from the page-walk cache when it holds them",
                    "two-dimensional page walk (NPT), upper levels from the page-walk cache when it holds them",
                ),
                self.vendor.pick(
                    "2차원 페이지 워크 (EPT/NPT), 상위 단계는 페이지 워크 캐시에 있으면 거기서",
                    "2차원 페이지 워크 (NPT), 상위 단계는 페이지 워크 캐시에 있으면 거기서",
                ),
            ),
            (MemoryVirtualization::Nested, true) => (
                self.vendor.pick(
                    "two-dimensional page walk over 2 MiB pages (EPT/NPT), with the page-walk cache",
                    "two-dimensional page walk over 2 MiB pages (NPT), with the page-walk cache",
                ),
                self.vendor.pick(
                    "2 MiB 페이지의 2차원 페이지 워크 (EPT/NPT), 페이지 워크 캐시와 함께",
                    "2 MiB 페이지의 2차원 페이지 워크 (NPT), 페이지 워크 캐시와 함께",
                ),
            ),
            (_, false) => ("page walk", "페이지 워크"),
            (_, true) => ("page walk over 2 MiB pages", "2 MiB 페이지의 페이지 워크"),
        };
        submit.push(
            Layer::Hardware,
            Category::GuestUser,
            self.walk_cycles(),
            en,
            ko,
        );
    }

    /// One hidden page fault under shadow paging: after an address-space switch whose
    /// shadow root was not cached, the first touch of each page of the new address space
    /// faults so that the hypervisor fills its shadow entry (the guest never sees it).
    /// Empty without shadow paging.
    pub fn hidden_fault_path(&self) -> Path {
        let mut s = Steps::default();
        let c = self.costs;
        if self.stack.memory == MemoryVirtualization::Shadow {
            match self.technique() {
                Some(Technique::BinaryTranslation) => s.push_exit(
                    Layer::Hypervisor,
                    Category::Hypervisor,
                    c.bt_page_fault.saturating_sub(c.page_fault_native),
                    "hidden fault: the VMM fills the shadow entry of a page of the new address space",
                    "숨은 폴트: VMM이 새 주소 공간 페이지의 섀도 항목을 채움",
                    Some(ExitReason::HiddenPageFault),
                ),
                Some(_) => self.exit(
                    &mut s,
                    ExitReason::HiddenPageFault,
                    c.shadow_page_fault_handler,
                    "hidden fault exits: the hypervisor fills the shadow entry of a page of the new address space",
                    "숨은 폴트 exit: 하이퍼바이저가 새 주소 공간 페이지의 섀도 항목을 채움",
                ),
                None => {}
            }
        }
        Path {
            steps: s.0,
            ..Path::default()
        }
    }

    /// The guest kernel switches threads: to another process, loading its address space
    /// (CR3); between threads of one process (`shared_address_space`), keeping it (Linux's
    /// `switch_mm_irqs_off` returns early when the next task has the same mm).
    pub(super) fn guest_context_switch(&self, submit: &mut Steps) {
        if self.workload.shared_address_space {
            submit.kernel(
                self.costs.context_switch,
                "kernel switches between threads of one process (same address space: no CR3 load)",
                "커널이 한 프로세스의 스레드 사이를 전환 (같은 주소 공간: CR3 적재 없음)",
            );
            return;
        }
        // A PV kernel runs outside ring 0 and cannot load CR3 itself: the hypercall that
        // `cr3_load` adds sets the new page-table base.
        if self.stack.memory == MemoryVirtualization::DirectPv {
            submit.kernel(
                self.costs.context_switch,
                "kernel switches to another process (the new page-table base is set by the hypercall below)",
                "커널이 다른 프로세스로 전환 (새 페이지 테이블 베이스는 아래 하이퍼콜로 설정)",
            );
        } else {
            submit.kernel(
                self.costs.context_switch,
                "kernel switches to another process (loads its CR3)",
                "커널이 다른 프로세스로 전환 (그 CR3 적재)",
            );
        }
        self.cr3_load(submit);
    }

    /// What a guest's load of a new page-table base costs beyond the instruction itself:
    /// under shadow paging the hypervisor switches shadow tables (an exit under VT, a
    /// translated sequence under BT), under PV direct paging a hypercall, and nothing with
    /// EPT/NPT or natively.
    pub(super) fn cr3_load(&self, submit: &mut Steps) {
        let c = self.costs;
        match self.stack.memory {
            MemoryVirtualization::Shadow
                if self.technique() == Some(Technique::BinaryTranslation) =>
            {
                submit.hyp(
                    c.bt_privileged + c.shadow_cr3_switch,
                    "translated CR3 write switches shadow page tables",
                    "변환된 CR3 쓰기로 섀도 페이지 테이블 전환",
                )
            }
            MemoryVirtualization::Shadow => self.exit(
                submit,
                ExitReason::CrAccess,
                c.shadow_cr3_switch,
                "CR3 write exits; hypervisor switches shadow page tables",
                "CR3 쓰기 exit; 하이퍼바이저가 섀도 페이지 테이블 전환",
            ),
            MemoryVirtualization::DirectPv => self.hypercall(
                submit,
                "new page-table base by hypercall",
                "하이퍼콜로 새 페이지 테이블 베이스 설정",
            ),
            MemoryVirtualization::Nested | MemoryVirtualization::None => {}
        }
    }
}

/// Page walks: what a TLB miss costs natively and under nested paging.
impl PathBuilder<'_> {
    /// Page-table levels per dimension: 4 with 4 KiB pages, 3 with 2 MiB pages.
    pub(super) fn levels(&self) -> u64 {
        if self.large_pages {
            3
        } else {
            4
        }
    }

    /// The cycles of one TLB miss: the page walk the hardware does, one-dimensional on
    /// the shadow (or only) page tables, two-dimensional under EPT/NPT.
    pub(super) fn walk_cycles(&self) -> u64 {
        self.walk_cycles_of(self.stack.memory == MemoryVirtualization::Nested)
    }

    /// A one-dimensional walk (natively, or on shadow page tables).
    pub(super) fn native_walk_cycles(&self) -> u64 {
        self.walk_cycles_of(false)
    }

    /// A page walk with the page-walk cache. A 1-D walk reads g entries (g = 4 levels
    /// with 4 KiB pages, 3 with 2 MiB pages); `tlb_walk_native` is the uncached 4. A 2-D
    /// walk of g guest and g host levels reads (g+1)(g+1)-1 entries (Bhargava et al.,
    /// ASPLOS 2008): 24 or 15; `tlb_walk_nested` is the uncached 24. The page-walk cache
    /// keeps `pwc_entries` leaf-table addresses; a miss whose leaf table is cached reads
    /// only the leaf entries (1 in 1-D; in 2-D the guest's and the host's for the two
    /// guest-physical addresses it needs, 3). With misses spread over the working set,
    /// the share that hits is the cache's reach (entries x 2 MiB, or x 1 GiB with large
    /// pages) over the working set.
    pub(super) fn walk_cycles_of(&self, two_dimensional: bool) -> u64 {
        let g = self.levels();
        let (uncached, cached, cost_of_24) = if two_dimensional {
            (
                (g + 1) * (g + 1) - 1,
                3u64,
                u128::from(self.costs.tlb_walk_nested),
            )
        } else {
            (g, 1u64, u128::from(self.costs.tlb_walk_native) * 6)
        };
        let page_kib: u64 = if self.large_pages { 2048 } else { 4 };
        let reach_kib = self.costs.pwc_entries.saturating_mul(512 * page_kib);
        let ws_kib = self.working_set_pages.saturating_mul(4).max(1);
        let hits = u128::from(reach_kib.min(ws_kib));
        let ws = u128::from(ws_kib);
        let refs_x_ws = hits * u128::from(cached) + (ws - hits) * u128::from(uncached);
        // cost_of_24 / 24 is the cost of one reference (a 1-D walk's figure stands for 4
        // references, a 2-D walk's for 24).
        (cost_of_24 * refs_x_ws / (24 * ws)) as u64
    }
}
