//! CPU paths: system calls, halting, pause loops, PV spinlocks and the switches between scheduled entities;
//! how each technique runs a sensitive instruction (`sensitive_instruction`: trap and
//! emulate, binary translation's translated code, a hypercall) and BT's translated kernel
//! (`translated_kernel`).

use super::{Category, ExitReason, Layer, Path, PathBuilder, Steps, TranslationCount};
use crate::platform::{BackendPlacement, MemoryVirtualization, PlatformKind, Technique};
use crate::workload::Op;

/// The step of a system call's SYSCALL instruction, half of the native syscall/sysret
/// round trip (the split is an estimate); under binary translation the VMM's part follows
/// it (`explain` tells it from a translated sequence by this step).
pub(crate) const SYSCALL_STEP: &str =
    "SYSCALL into the kernel (half of the native syscall/sysret round trip: estimate)";
const SYSCALL_STEP_KO: &str = "커널로 들어가는 SYSCALL (네이티브 syscall/sysret 왕복의 절반: 추정)";
/// Binary translation: the VMM's part of a system call's return, a translated sequence in
/// place of the guest kernel's SYSRET (`explain` shows it as one).
pub(crate) const BT_SYSRET_EN: &str = "the translated SYSRET calls into the VMM, which returns to the guest's user mode (estimate: half of BT's cost over the native round trip)";
const BT_SYSRET_KO: &str = "변환된 SYSRET이 VMM을 호출하고, VMM이 게스트의 사용자 모드로 돌아감 (추정: 네이티브 왕복에 비해 BT가 더 드는 비용의 절반)";
/// The handler's step of a 64-bit PV guest's iret hypercall (the explanation says that
/// it returns to user space, not to the guest kernel).
pub(crate) const IRET_HYPERCALL_EN: &str =
    "64-bit PV: back to user space by the iret hypercall, which switches back to the user's page tables";
const IRET_HYPERCALL_KO: &str =
    "64비트 PV: iret 하이퍼콜로 사용자 공간에 돌아가며 사용자 페이지 테이블로 다시 바꿈";
impl PathBuilder<'_> {
    /// One sensitive instruction of a class (Intel SDM vol. 3C, ch. 25 "VMX non-root
    /// operation"): CPUID always exits under VT-x, MOV to CR0/CR4 when it changes a bit the
    /// hypervisor owns (the guest/host mask; KVM leaves CR0.TS, CR4.PGE and a few others to
    /// the guest, so CLTS does not exit: the model's `cr_write` is a write that does); MOV to CR3 and INVLPG
    /// exit only under shadow paging; a write to %cr8 does not exit with a TPR shadow, nor
    /// RDTSC with TSC offsetting. Binary translation emulates each inside the translation
    /// cache; a paravirtual kernel replaces the privileged ones by hypercalls.
    pub(super) fn sensitive_instruction(&self, s: &mut Steps, op: Op) {
        let c = self.costs;
        let shadow = matches!(
            self.stack.memory,
            MemoryVirtualization::Shadow | MemoryVirtualization::DirectPv
        );
        let tech = self.technique();
        let native = |s: &mut Steps, cycles: u64, en: &str, ko: &str| s.kernel(cycles, en, ko);
        match (op, tech) {
            (Op::Cpuid, None) => native(s, c.cpuid_native, "CPUID", "CPUID"),
            (Op::Rdtsc, None) => native(s, c.rdtsc_native, "RDTSC", "RDTSC"),
            (Op::CrWrite, None) => {
                native(s, c.privileged_native, "MOV to CR0/CR4", "CR0/CR4에 MOV")
            }
            (Op::Cr3Write, None) => native(s, c.privileged_native, "MOV to CR3", "CR3에 MOV"),
            (Op::Invlpg, None) => native(s, c.privileged_native, "INVLPG", "INVLPG"),
            (_, None) => native(
                s,
                c.privileged_native,
                "write to %cr8 (TPR)",
                "%cr8(TPR) 쓰기",
            ),
            // RDTSC is not privileged: translated and paravirtual kernels run it as is.
            (Op::Rdtsc, Some(Technique::BinaryTranslation | Technique::Para)) => native(
                s,
                c.rdtsc_native,
                "RDTSC runs unmodified",
                "RDTSC를 그대로 실행",
            ),
            (Op::Cr3Write, Some(Technique::BinaryTranslation | Technique::Para)) if shadow => {
                self.cr3_load(s)
            }
            // Under BT the guest runs on shadow page tables: its INVLPG, emulated in the
            // translation cache, must also drop the shadow entry (the same work as the
            // hypervisor's after an INVLPG exit) and flush it from the real TLB.
            (Op::Invlpg, Some(Technique::BinaryTranslation)) => {
                s.hyp(
                    c.bt_privileged,
                    "the translator emulates INVLPG inside the translation cache",
                    "변환기가 변환 캐시 안에서 INVLPG를 에뮬레이션",
                );
                s.hyp(
                    c.shadow_invlpg_handler,
                    "the VMM drops the shadow entry and flushes it from the TLB",
                    "VMM이 섀도 항목을 제거하고 TLB에서 비움",
                );
            }
            // CPUID is emulated too, but the VMM still asks the real CPU and hides what the
            // VM must not see (estimate: the translated call, then a native CPUID), so it
            // costs more than natively, unlike the cheaper emulated privileged writes.
            (Op::Cpuid, Some(Technique::BinaryTranslation)) => {
                s.hyp(
                    c.bt_privileged,
                    "the translated code calls the VMM's CPUID emulation",
                    "변환된 코드가 VMM의 CPUID 에뮬레이션을 호출",
                );
                s.hyp(
                    c.cpuid_native,
                    "the VMM runs CPUID on the real CPU and masks what the VM must not see (estimate)",
                    "VMM이 실제 CPU에서 CPUID를 실행하고 VM이 보면 안 되는 기능을 가림 (추정)",
                );
            }
            (_, Some(Technique::BinaryTranslation)) => s.hyp(
                c.bt_privileged,
                "the translator emulates the instruction inside the translation cache",
                "변환기가 변환 캐시 안에서 명령을 에뮬레이션",
            ),
            (Op::Cr8Write, Some(Technique::Para)) => native(
                s,
                c.pte_write_native,
                "PV kernel masks event channels in shared memory (no TPR)",
                "PV 커널은 공유 메모리에서 이벤트 채널을 마스크 (TPR 없음)",
            ),
            // A PV kernel's CPUID is no hypercall: it carries Xen's forced-emulation prefix
            // (`ud2; .ascii "xen"; cpuid`), whose #UD traps into the hypervisor, which
            // emulates the instruction. One crossing into the hypervisor, as a hypercall is
            // (its cost taken as a hypercall's: estimate).
            (Op::Cpuid, Some(Technique::Para)) => {
                s.push_exit(
                    Layer::GuestKernel,
                    Category::Hypervisor,
                    c.pv_hypercall,
                    "the forced-emulation prefix's #UD traps into the hypervisor (as costly as a hypercall: estimate)",
                    "강제 에뮬레이션 접두사의 #UD가 하이퍼바이저로 트랩 (하이퍼콜과 같은 비용으로 추정)",
                    Some(ExitReason::Cpuid),
                );
                s.hyp(
                    c.pv_hypercall_handler,
                    "the hypervisor emulates CPUID and returns the VM's CPU model",
                    "하이퍼바이저가 CPUID를 에뮬레이션해 VM의 CPU 모델을 돌려줌",
                );
            }
            (_, Some(Technique::Para)) => self.hypercall(
                s,
                "the PV kernel asks the hypervisor instead (hypercall)",
                "PV 커널이 대신 하이퍼바이저에 요청 (하이퍼콜)",
            ),
            (Op::Cpuid, Some(_)) => self.exit(
                s,
                ExitReason::Cpuid,
                0,
                "CPUID always exits; the hypervisor returns the VM's CPU model",
                "CPUID는 항상 exit; 하이퍼바이저가 VM의 CPU 모델을 돌려줌",
            ),
            (Op::CrWrite, Some(_)) => self.exit(
                s,
                ExitReason::CrAccess,
                0,
                "MOV to CR0/CR4 exits (it changes a bit the hypervisor owns); the hypervisor emulates it",
                "CR0/CR4에 MOV로 exit (하이퍼바이저가 가진 비트를 바꿈); 하이퍼바이저가 에뮬레이션",
            ),
            (Op::Cr3Write, Some(_)) if shadow => self.cr3_load(s),
            (Op::Invlpg, Some(_)) if shadow => self.exit(
                s,
                ExitReason::Invlpg,
                c.shadow_invlpg_handler,
                "INVLPG exits; the hypervisor drops the shadow entry",
                "INVLPG exit; 하이퍼바이저가 섀도 항목 제거",
            ),
            (Op::Cr3Write, Some(_)) => native(
                s,
                c.privileged_native,
                self.vendor.pick(
                    "MOV to CR3 runs in the guest (no exit with EPT/NPT)",
                    "MOV to CR3 runs in the guest (no exit with NPT)",
                ),
                self.vendor.pick(
                    "CR3에 MOV는 게스트에서 실행 (EPT/NPT에서는 exit 없음)",
                    "CR3에 MOV는 게스트에서 실행 (NPT에서는 exit 없음)",
                ),
            ),
            (Op::Invlpg, Some(_)) => native(
                s,
                c.privileged_native,
                self.vendor.pick(
                    "INVLPG runs in the guest (no exit with EPT/NPT)",
                    "INVLPG runs in the guest (no exit with NPT)",
                ),
                self.vendor.pick(
                    "INVLPG는 게스트에서 실행 (EPT/NPT에서는 exit 없음)",
                    "INVLPG는 게스트에서 실행 (NPT에서는 exit 없음)",
                ),
            ),
            (Op::Rdtsc, Some(_)) if self.features.tsc_offsetting => native(
                s,
                c.rdtsc_native,
                "RDTSC adds the VM's TSC offset in hardware (no exit)",
                "RDTSC가 하드웨어에서 VM의 TSC 오프셋을 더함 (exit 없음)",
            ),
            (Op::Rdtsc, Some(_)) => self.exit(
                s,
                ExitReason::Rdtsc,
                0,
                "RDTSC exits (no TSC offsetting); the hypervisor computes the guest's TSC",
                "RDTSC exit (TSC 오프셋 없음); 하이퍼바이저가 게스트 TSC 계산",
            ),
            (_, Some(_)) if self.features.tpr_shadow => native(
                s,
                c.tpr_shadow_cr8_write,
                "write to %cr8 updates the TPR shadow (no exit)",
                "%cr8 쓰기가 TPR 섀도를 갱신 (exit 없음)",
            ),
            (_, Some(_)) => self.exit(
                s,
                ExitReason::CrAccess,
                0,
                "write to %cr8 exits (no TPR shadow); the hypervisor updates the virtual APIC",
                "%cr8 쓰기로 exit (TPR 섀도 없음); 하이퍼바이저가 가상 APIC 갱신",
            ),
        }
    }

    /// Guest kernel work of `cycles`. Natively and under hardware assist or
    /// paravirtualization it runs as is. Under binary translation it runs translated
    /// (Adams & Agesen, ASPLOS 2006, section 3; virtualization-costs.md section 9):
    ///
    /// - Its indirect control transfers, n = cycles x `kernel_control_flow_per_kcycle` /
    ///   1000, are rewritten into lookups of the target's translation: each costs the
    ///   translated call/ret figure (`bt_call_ret`) instead of the native one.
    /// - A translation unit ends at a control transfer, so the work enters n translated
    ///   blocks, each a translation-cache lookup.
    /// - Kernel code is mapped the same in every address space, so a guest CR3 switch
    ///   invalidates none of its translations (and the model has no self-modifying
    ///   kernel code). Once the cache is warm, a code working set W (`kernel_code_kib`)
    ///   that fits the cache C (`bt_tc_kib`) never misses. A larger one cannot stay
    ///   translated: the cache holds C/W of it, and with the kernel entries spread over
    ///   the working set a block entry finds its translation with probability C/W. The
    ///   steady state thus misses n x (W - C) / W lookups, each translating one block
    ///   (`bt_translate_block`) and evicting another.
    /// - The first touch of each block (the warm-up) happens when the guest boots and
    ///   first runs its kernel paths, before a run starts: a simulated VM is a running
    ///   one, its cache already warm, so the figures are the steady state.
    pub(super) fn translated_kernel(&self, s: &mut Steps, cycles: u64, en: &str, ko: &str) {
        s.kernel(cycles, en, ko);
        if self.technique() != Some(Technique::BinaryTranslation) {
            return;
        }
        let c = self.costs;
        let w = self.workload;
        let lookups = cycles.saturating_mul(w.kernel_control_flow_per_kcycle) / 1000;
        if lookups == 0 {
            return;
        }
        let code = w.kernel_code_kib.max(1);
        let held = c.bt_tc_kib.min(code);
        let misses = (u128::from(lookups) * u128::from(code - held) / u128::from(code)) as u64;
        s.hyp(
            lookups.saturating_mul(c.bt_call_ret.saturating_sub(c.call_ret_native)),
            &format!("{lookups} translated control transfers (call/ret pairs, indirect jumps) look up their targets in the translation cache"),
            &format!("변환된 제어 이동(call/ret 쌍, 간접 점프) {lookups}번이 변환 캐시에서 대상을 찾음"),
        );
        let translate_cycles = misses.saturating_mul(c.bt_translate_block);
        if let Some(last) = s.0.last_mut() {
            last.translation = Some(TranslationCount {
                lookups,
                misses: 0,
                translate_cycles: 0,
            });
        }
        if misses > 0 {
            s.hyp(
                translate_cycles,
                &format!("{misses} of them miss (the kernel code outgrows the translation cache): the translator translates those blocks"),
                &format!("그중 {misses}번은 적중 실패 (커널 코드가 변환 캐시보다 큼): 변환기가 그 블록들을 변환"),
            );
            if let Some(last) = s.0.last_mut() {
                last.translation = Some(TranslationCount {
                    lookups: 0,
                    misses,
                    translate_cycles,
                });
            }
        }
    }

    /// The entry of a system call into the workload's kernel: the SYSCALL half of the
    /// native round trip (its SYSRET half is [`PathBuilder::syscall_return`]'s, after the
    /// kernel's work).
    pub(super) fn syscall_entry(&self, s: &mut Steps) {
        let c = self.costs;
        match self.technique() {
            Some(Technique::BinaryTranslation) => {
                s.kernel(c.syscall_native / 2, SYSCALL_STEP, SYSCALL_STEP_KO);
                // Counted as a crossing (`syscall_trap`), as a BT page fault is: the
                // trap is what makes BT's system calls slow. BT's cost over the native
                // round trip is split between this trap and the return through the VMM
                // (`syscall_return`), half each: an estimate (the paper gives the round
                // trip only).
                s.push_exit(
                    Layer::Hypervisor,
                    Category::Hypervisor,
                    Self::bt_syscall_vmm(c) / 2,
                    "binary translation: the guest's user code runs untranslated, so its SYSCALL traps into the VMM (which owns the CPU's system-call entry point); the VMM emulates the switch into the translated guest kernel (estimate: half of BT's cost over the native round trip; the return through the VMM is the other half)",
                    "바이너리 변환: 게스트 사용자 코드는 변환 없이 실행되므로 SYSCALL이 VMM으로 트랩됨(CPU의 시스템 콜 진입점은 VMM이 가짐). VMM이 변환된 게스트 커널로의 전환을 에뮬레이션함 (추정: 네이티브 왕복에 비해 BT가 더 드는 비용의 절반; VMM을 거치는 복귀가 나머지 절반)",
                    Some(ExitReason::SyscallTrap),
                );
            }
            Some(Technique::Para) => {
                // Only the SYSCALL half of the native round trip (the split is an
                // estimate): the PV kernel never executes SYSRET, its return is the iret
                // hypercall (`syscall_return`).
                s.kernel(
                    c.syscall_native / 2,
                    "SYSCALL into the hypervisor (half of the native syscall/sysret round trip: the PV kernel returns by a hypercall, not by SYSRET)",
                    "하이퍼바이저로 들어가는 SYSCALL (네이티브 syscall/sysret 왕복의 절반: PV 커널은 SYSRET이 아니라 하이퍼콜로 돌아감)",
                );
                // x86-64 PV: guest kernel and user both run in ring 3 with separate
                // page tables, so a system call enters the hypervisor, which switches to
                // the kernel's tables and bounces it there (`pv_bounce`); the return to
                // user space, once the kernel's work is done, is `syscall_return`.
                s.push_exit(
                    Layer::Hypervisor,
                    Category::Hypervisor,
                    c.pv_syscall_bounce,
                    "64-bit PV: the syscall enters the hypervisor, which switches to the guest kernel's page tables and forwards it",
                    "64비트 PV: syscall이 하이퍼바이저로 들어가고, 하이퍼바이저가 게스트 커널의 페이지 테이블로 바꿔 전달",
                    Some(ExitReason::PvBounce),
                );
            }
            _ => s.kernel(c.syscall_native / 2, SYSCALL_STEP, SYSCALL_STEP_KO),
        }
        if self.stack.kind == PlatformKind::Container {
            s.engine(
                c.seccomp_syscall_filter,
                "the container's seccomp filter checks the system call (Docker's default profile)",
                "컨테이너의 seccomp 필터가 시스템 콜 검사 (Docker 기본 프로파일)",
            );
        }
    }

    /// BT's cost of a system call over the native round trip: the VMM's part.
    fn bt_syscall_vmm(c: &crate::costs::CostTable) -> u64 {
        c.bt_syscall.saturating_sub(c.syscall_native)
    }

    /// The return of a system call to user space, after the kernel's work (for a blocking
    /// call, after its completion): the SYSRET half of the native round trip; under binary
    /// translation the translated SYSRET returns through the VMM (the other half of BT's
    /// extra cost) before it; on x86-64 PV the iret hypercall, which switches back to the
    /// user's page tables (Linux `xen_sysret64`, `HYPERVISOR_iret`).
    pub(super) fn syscall_return(&self, s: &mut Steps) {
        let c = self.costs;
        let sysret = c.syscall_native - c.syscall_native / 2;
        match self.technique() {
            Some(Technique::Para) => self.hypercall(s, IRET_HYPERCALL_EN, IRET_HYPERCALL_KO),
            Some(Technique::BinaryTranslation) => {
                let vmm = Self::bt_syscall_vmm(c);
                s.hyp(vmm - vmm / 2, BT_SYSRET_EN, BT_SYSRET_KO);
                s.kernel(
                    sysret,
                    "SYSRET back to the guest's user code (the other half of the native round trip)",
                    "게스트 사용자 코드로 돌아가는 SYSRET (네이티브 왕복의 나머지 절반)",
                );
            }
            _ => s.kernel(
                sysret,
                "SYSRET back to user space (the other half of the native syscall/sysret round trip)",
                "사용자 공간으로 돌아가는 SYSRET (네이티브 syscall/sysret 왕복의 나머지 절반)",
            ),
        }
    }

    /// A vCPU with nothing to run gives its pCPU back.
    pub fn halt_path(&self) -> Path {
        let mut s = Steps::default();
        match self.technique() {
            None => {}
            Some(Technique::BinaryTranslation) => s.hyp(
                self.costs.bt_privileged,
                "HLT caught in translated code",
                "변환된 코드에서 HLT 포착",
            ),
            Some(Technique::Para) => self.hypercall(
                &mut s,
                "sched_op(block) hypercall",
                "sched_op(block) 하이퍼콜",
            ),
            // An L2 guest's HLT blocks its thread in L1, and L1, idle, halts too: L2 is
            // entered again only through the interrupt that wakes it (`nested_interrupt`).
            Some(_) if self.stack.nested => {
                self.nested_halt(
                    &mut s,
                    "HLT exits; L1 blocks the vCPU's thread",
                    "HLT exit; L1이 vCPU 스레드를 블록",
                );
                self.tlb_refill_after_exit(&mut s, 0, ExitReason::Hlt);
            }
            Some(_) => self.exit(
                &mut s,
                ExitReason::Hlt,
                0,
                "HLT exits; the vCPU blocks",
                "HLT exit; vCPU 블록",
            ),
        }
        // A classic type 2 leaves the VMM's world for the host's, where the VMM's thread
        // blocks by a system call. With the ring-0 part a host kernel module the HLT exit's
        // handler already runs in the host kernel, on the vCPU thread inside its run ioctl,
        // and blocks it there (KVM's `kvm_vcpu_halt`; VirtualBox halts in ring 0 likewise):
        // the exit is all it costs, as on a KVM host.
        if self.stack.world_switches() && self.technique().is_some() {
            s.host(
                self.costs.hosted_world_switch + self.costs.syscall_native,
                "VMM thread blocks in the host kernel",
                "VMM 스레드가 호스트 커널에서 블록",
            );
        }
        Path {
            steps: s.0,
            ..Path::default()
        }
    }

    /// A PAUSE-loop exit (hardware assist, hybrid): the spinning vCPU exits and the
    /// hypervisor gives the pCPU up. With a `directed` yield (KVM's `handle_pause` and
    /// `kvm_vcpu_on_spin`) it first looks for a preempted vCPU of the same VM to yield to;
    /// Xen's handler only yields (`do_sched_op(SCHEDOP_yield)`: it sets the vCPU's yield
    /// flag and asks for a reschedule), so the exit itself is all it costs.
    pub fn pause_loop_exit_path(&self, directed: bool) -> Path {
        let mut s = Steps::default();
        if directed {
            self.exit(
                &mut s,
                ExitReason::PauseLoop,
                self.costs.ple_exit_handler,
                self.vendor.pick(
                    "PAUSE-loop exit: look for a preempted vCPU of this VM to yield to",
                    "pause-filter exit: look for a preempted vCPU of this VM to yield to",
                ),
                self.vendor.pick(
                    "PAUSE 루프 exit: 양보할, 선점된 같은 VM의 vCPU 찾기",
                    "PAUSE 필터 exit: 양보할, 선점된 같은 VM의 vCPU 찾기",
                ),
            );
        } else {
            self.exit(
                &mut s,
                ExitReason::PauseLoop,
                0,
                self.vendor.pick(
                    "PAUSE-loop exit: SCHEDOP_yield, the scheduler picks whoever is next",
                    "pause-filter exit: SCHEDOP_yield, the scheduler picks whoever is next",
                ),
                self.vendor.pick(
                    "PAUSE 루프 exit: SCHEDOP_yield, 스케줄러가 다음 차례를 고름",
                    "PAUSE 필터 exit: SCHEDOP_yield, 스케줄러가 다음 차례를 고름",
                ),
            );
        }
        Path {
            steps: s.0,
            ..Path::default()
        }
    }

    /// A PV spinlock waiter gives up spinning and halts until the releaser kicks it
    /// (Linux `pv_wait`: HLT under KVM, SCHEDOP_poll on an event channel under Xen).
    pub fn pv_wait_path(&self) -> Path {
        let mut s = Steps::default();
        match self.technique() {
            Some(Technique::Para) => self.hypercall(
                &mut s,
                "pv_wait: SCHEDOP_poll hypercall, the vCPU blocks until kicked",
                "pv_wait: SCHEDOP_poll 하이퍼콜, 깨울 때까지 vCPU 블록",
            ),
            _ => self.exit(
                &mut s,
                ExitReason::Hlt,
                0,
                "pv_wait: HLT exits, the vCPU blocks until kicked",
                "pv_wait: HLT exit, 깨울 때까지 vCPU 블록",
            ),
        }
        // As a halt (`halt_path`): only a classic type 2 leaves its world to block.
        if self.stack.world_switches() {
            s.host(
                self.costs.hosted_world_switch + self.costs.syscall_native,
                "VMM thread blocks in the host kernel",
                "VMM 스레드가 호스트 커널에서 블록",
            );
        }
        Path {
            steps: s.0,
            ..Path::default()
        }
    }

    /// The releaser of a PV spinlock kicks the halted waiter that gets it (Linux
    /// `pv_kick`: the KVM_HC_KICK_CPU hypercall, or an event-channel send under Xen),
    /// and the scheduler that runs vCPUs (`hosted_scheduler`) wakes the waiter's vCPU.
    pub fn pv_kick_path(&self) -> Path {
        let mut s = Steps::default();
        match self.technique() {
            Some(Technique::Para) => self.hypercall(
                &mut s,
                "pv_kick: event-channel send to the waiting vCPU",
                "pv_kick: 기다리는 vCPU에 이벤트 채널 전송",
            ),
            _ => self.exit(
                &mut s,
                ExitReason::Hypercall,
                0,
                &format!(
                    "pv_kick: {} that kicks the waiting vCPU (KVM_HC_KICK_CPU under KVM, an event-channel send under Xen)",
                    self.vendor.hypercall_instruction()
                ),
                &format!(
                    "pv_kick: 기다리는 vCPU를 깨우는 {} (KVM에서는 KVM_HC_KICK_CPU, Xen에서는 이벤트 채널 전송)",
                    self.vendor.hypercall_instruction()
                ),
            ),
        }
        if self.hosted_scheduler() {
            s.hyp(
                self.costs.vcpu_wakeup,
                "host scheduler wakes the waiter's vCPU",
                "호스트 스케줄러가 기다리던 쪽의 vCPU를 깨움",
            );
        } else {
            s.hyp(
                self.costs.vcpu_wakeup,
                "the hypervisor's scheduler wakes the waiter's vCPU",
                "하이퍼바이저의 스케줄러가 기다리던 쪽의 vCPU를 깨움",
            );
        }
        Path {
            steps: s.0,
            ..Path::default()
        }
    }

    /// The cost a pCPU pays to switch to an I/O back end or a host process: a domain
    /// switch to the driver domain, or a host context switch to a thread.
    pub fn backend_switch_path(&self) -> Path {
        let c = self.costs;
        let mut s = Steps::default();
        match self.stack.backend {
            BackendPlacement::DriverDomain => s.hyp(
                c.vm_switch,
                "hypervisor switches to the driver domain's vCPU",
                "하이퍼바이저가 드라이버 도메인의 vCPU로 전환",
            ),
            _ => s.host(
                c.context_switch,
                "host kernel switches to the thread",
                "호스트 커널이 스레드로 전환",
            ),
        }
        Path {
            steps: s.0,
            ..Path::default()
        }
    }

    /// The cost a pCPU pays to switch to another scheduled entity (vCPU or process).
    pub fn entity_switch_path(&self) -> Path {
        let c = self.costs;
        let mut s = Steps::default();
        match self.stack.kind {
            PlatformKind::Native | PlatformKind::Container => {
                s.kernel(c.context_switch, "kernel context switch", "커널 문맥 전환")
            }
            PlatformKind::Type1 | PlatformKind::Vdi => s.hyp(
                c.vm_switch,
                self.vendor.pick(
                    "hypervisor switches vCPU state (VMCS/VMCB)",
                    "hypervisor switches vCPU state (VMCB)",
                ),
                self.vendor.pick(
                    "하이퍼바이저가 vCPU 상태 전환 (VMCS/VMCB)",
                    "하이퍼바이저가 vCPU 상태 전환 (VMCB)",
                ),
            ),
            PlatformKind::Type2 if self.stack.world_switches() => {
                s.host(
                    c.context_switch,
                    "host kernel switches to the VMM thread",
                    "호스트 커널이 VMM 스레드로 전환",
                );
                s.host(
                    c.hosted_world_switch,
                    "world switch into the VMM",
                    "VMM으로 월드 스위치(world switch)",
                );
            }
            // The VMM's ring-0 part is a host kernel module: the host kernel switches to
            // the vCPU thread, which is inside its run ioctl, and the module loads the
            // vCPU's VMCS/VMCB to enter the guest (KVM's `kvm_sched_in` -> `vcpu_load`):
            // a switch between vCPUs, as on a type-1 KVM host, with no world switch.
            PlatformKind::Type2 => s.host(
                c.vm_switch,
                self.vendor.pick(
                    "host kernel switches to the vCPU thread, whose kernel module loads its VMCS",
                    "host kernel switches to the vCPU thread, whose kernel module loads its VMCB",
                ),
                self.vendor.pick(
                    "호스트 커널이 vCPU 스레드로 전환하고, 커널 모듈이 그 VMCS를 적재",
                    "호스트 커널이 vCPU 스레드로 전환하고, 커널 모듈이 그 VMCB를 적재",
                ),
            ),
        }
        Path {
            steps: s.0,
            ..Path::default()
        }
    }
}
