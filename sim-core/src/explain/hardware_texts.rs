//! The hardware's words for an exit, per CPU vendor (Intel VT-x or AMD-V): the instruction
//! that exits, the exit reason or code the CPU records and its qualification (AMD's exit
//! information), the event injected at the next entry, and where the guest resumes.

use crate::hardware::CpuVendor;
use crate::path::ExitReason;

/// The instruction that causes an exit on a `vendor`'s CPU, in English and Korean
/// (`None`: no instruction).
pub(super) fn instruction(
    reason: ExitReason,
    vendor: CpuVendor,
) -> Option<(&'static str, &'static str)> {
    if vendor == CpuVendor::Amd {
        if let Some(amd) = amd_instruction(reason) {
            return Some(amd);
        }
    }
    Some(match reason {
        ExitReason::IoInstruction => (
            "an IN or OUT instruction to a device's I/O port",
            "장치 I/O 포트에 대한 IN 또는 OUT 명령",
        ),
        ExitReason::Mmio => (
            "a load or store to a device's memory-mapped page",
            "장치의 메모리 매핑 페이지에 대한 load 또는 store",
        ),
        ExitReason::CrAccess => ("a MOV to a control register", "제어 레지스터로의 MOV 명령"),
        ExitReason::ShadowPageFault => (
            "a memory access that faults in the shadow page table",
            "섀도 페이지 테이블에서 폴트가 나는 메모리 접근",
        ),
        ExitReason::ShadowPteWrite => (
            "a write to one of its own page tables, which the hypervisor write-protected",
            "하이퍼바이저가 쓰기 보호한 자신의 페이지 테이블에 대한 쓰기",
        ),
        ExitReason::Hlt => ("HLT", "HLT 명령"),
        ExitReason::ExternalInterrupt => return None,
        ExitReason::ApicAccess => (
            "a write to its local APIC (end of interrupt, the timer, or the ICR that sends an IPI)",
            "로컬 APIC에 대한 쓰기 (EOI, 타이머, 또는 IPI를 보내는 ICR)",
        ),
        ExitReason::Hypercall => ("VMCALL", "VMCALL 명령"),
        ExitReason::PauseLoop => (
            "PAUSE in a spin loop, longer than the pause-loop window",
            "PAUSE 루프 창보다 오래 도는 스핀 루프의 PAUSE",
        ),
        ExitReason::Cpuid => ("CPUID", "CPUID 명령"),
        ExitReason::Invlpg => (
            "INVLPG, dropping one page's translation",
            "페이지 하나의 변환을 지우는 INVLPG 명령",
        ),
        ExitReason::Rdtsc => ("RDTSC", "RDTSC 명령"),
        ExitReason::HiddenPageFault => (
            "a memory access whose shadow page-table entry is not filled yet",
            "섀도 페이지 테이블 항목이 아직 채워지지 않은 메모리 접근",
        ),
        ExitReason::NestedVmx => (
            "the L1 hypervisor's VMREAD or VMWRITE",
            "L1 하이퍼바이저의 VMREAD 또는 VMWRITE 명령",
        ),
        ExitReason::EptViolation => (
            "a memory access to a guest-physical page with no host page behind it (swapped out)",
            "뒤에 호스트 페이지가 없는(스왑 아웃된) 게스트 물리 페이지에 대한 메모리 접근",
        ),
        ExitReason::PmlFull => (
            "a write whose page-modification log entry filled the 512-entry log",
            "512개 항목의 페이지 수정 로그를 가득 채운 쓰기",
        ),
        ExitReason::MsrWrite => (
            "WRMSR to the TSC-deadline timer, arming its next tick",
            "다음 틱을 설정하는 TSC-deadline 타이머로의 WRMSR",
        ),
        ExitReason::SyscallTrap => (
            "a system call of the guest's untranslated user code, trapping into the VMM (binary translation)",
            "변환되지 않은 게스트 사용자 코드의 시스템 콜이 VMM으로 트랩 (바이너리 변환)",
        ),
        ExitReason::PvBounce => (
            "a system call or exception of the guest, entering the hypervisor to be bounced to the guest kernel (64-bit paravirtualization)",
            "게스트의 시스템 콜이나 예외가 하이퍼바이저로 들어가 게스트 커널로 되돌려 보내짐 (64비트 반가상화)",
        ),
    })
}

/// The instructions whose AMD-V names differ from VT-x's (VMMCALL, the pause filter, a
/// nested hypervisor's VMLOAD and VMSAVE; its VMRUN has a step of its own); `None` for the
/// others.
fn amd_instruction(reason: ExitReason) -> Option<(&'static str, &'static str)> {
    match reason {
        ExitReason::Hypercall => Some(("VMMCALL", "VMMCALL 명령")),
        ExitReason::PauseLoop => Some((
            "PAUSE in a spin loop, more of them than the pause filter's count",
            "PAUSE 필터 횟수를 넘겨 PAUSE를 실행하는 스핀 루프의 PAUSE 명령",
        )),
        ExitReason::NestedVmx => Some((
            "the L1 hypervisor's VMLOAD or VMSAVE",
            "L1 하이퍼바이저의 VMLOAD 또는 VMSAVE 명령",
        )),
        _ => None,
    }
}

/// The exit reason the CPU records where the model's name says what the hypervisor finds
/// the exit to be rather than the hardware's basic exit reason (on AMD, its exit code).
pub(super) fn hardware_reason(
    reason: ExitReason,
    nested_paging: bool,
    apicv: bool,
    vendor: CpuVendor,
) -> Option<(&'static str, &'static str)> {
    if vendor == CpuVendor::Amd {
        return amd_hardware_reason(reason, nested_paging, apicv);
    }
    match reason {
        // KVM marks device pages in EPT so that an access is a misconfiguration (49), which
        // it handles faster than a violation (48).
        ExitReason::Mmio if nested_paging => Some((
            "to the CPU an EPT misconfiguration, basic reason 49 (the hypervisor marks device pages so; an unmarked one would be an EPT violation, 48)",
            "CPU에게는 EPT misconfiguration, 기본 이유 49 (하이퍼바이저가 장치 페이지를 그렇게 표시함. 표시하지 않은 페이지라면 EPT violation, 48)",
        )),
        ExitReason::Mmio => Some((
            "to the CPU an exception exit, basic reason 0, for #PF: the device's page is not mapped in the shadow page table, and the hypervisor walks the guest's page tables to find which device it is",
            "CPU에게는 #PF 예외 exit(기본 이유 0): 장치 페이지가 섀도 페이지 테이블에 매핑되어 있지 않아서이며, 하이퍼바이저가 게스트 페이지 테이블을 따라가 어느 장치인지 찾음",
        )),
        ExitReason::ShadowPageFault | ExitReason::ShadowPteWrite | ExitReason::HiddenPageFault => Some((
            "to the CPU an exception exit, basic reason 0, for #PF: the hypervisor's handler finds which kind it is",
            "CPU에게는 #PF 예외 exit(기본 이유 0)이고, 어느 경우인지는 하이퍼바이저의 핸들러가 가려냄",
        )),
        ExitReason::NestedVmx => Some((
            "to the CPU a VMREAD or VMWRITE exit, basic reason 23 or 25",
            "CPU에게는 VMREAD 또는 VMWRITE exit(기본 이유 23 또는 25)",
        )),
        _ => None,
    }
}

/// [`hardware_reason`] on AMD-V: the #VMEXIT's exit code (AMD APM vol. 2, appendix C).
/// KVM on AMD marks device pages in NPT with a reserved bit, so an access to one is a
/// nested page fault it tells from the others at once. `avic`: the host's AVIC is on (an
/// APIC access is then AVIC's own exit, else a fault on the APIC page).
fn amd_hardware_reason(
    reason: ExitReason,
    nested_paging: bool,
    avic: bool,
) -> Option<(&'static str, &'static str)> {
    match reason {
        ExitReason::Mmio if nested_paging => Some((
            "to the CPU a nested page fault, #NPF, exit code 0x400, on an NPT entry with a reserved bit set (the hypervisor marks device pages so; an unmarked one would be an #NPF on a missing entry)",
            "CPU에게는 예약 비트가 설정된 NPT 항목에서 일어난 중첩 페이지 폴트 #NPF(exit 코드 0x400) (하이퍼바이저가 장치 페이지를 그렇게 표시해 둠. 표시하지 않은 페이지라면 항목이 없어서 일어나는 #NPF)",
        )),
        ExitReason::Mmio => Some((
            "to the CPU a #PF exception intercept, exit code 0x4E: the device's page is not mapped in the shadow page table, and the hypervisor walks the guest's page tables to find which device it is",
            "CPU에게는 #PF 예외 가로채기(exit 코드 0x4E): 장치 페이지가 섀도 페이지 테이블에 매핑되어 있지 않아서이며, 하이퍼바이저가 게스트 페이지 테이블을 따라가 어느 장치인지 찾음",
        )),
        ExitReason::ShadowPageFault | ExitReason::ShadowPteWrite | ExitReason::HiddenPageFault => Some((
            "to the CPU a #PF exception intercept, exit code 0x4E: the hypervisor's handler finds which kind it is",
            "CPU에게는 #PF 예외 가로채기(exit 코드 0x4E)이고, 어느 경우인지는 하이퍼바이저의 핸들러가 가려냄",
        )),
        ExitReason::NestedVmx => Some((
            "to the CPU a VMLOAD or VMSAVE intercept, exit code 0x82 or 0x83",
            "CPU에게는 VMLOAD 또는 VMSAVE 가로채기(exit 코드 0x82 또는 0x83)",
        )),
        ExitReason::EptViolation => Some((
            "to the CPU a nested page fault, #NPF, exit code 0x400",
            "CPU에게는 중첩 페이지 폴트 #NPF(exit 코드 0x400)",
        )),
        ExitReason::ApicAccess if avic => Some((
            "under AVIC the CPU delivers an IPI to a running vCPU without an exit (not modelled: here every ICR write exits); to a vCPU not running, AVIC_INCOMPLETE_IPI, exit code 0x401; an APIC access AVIC does not accelerate, AVIC_NOACCEL, 0x402",
            "AVIC에서는 실행 중인 vCPU로 가는 IPI를 CPU가 exit 없이 전달함(이 모델은 모델링하지 않아 ICR 쓰기마다 exit). 실행 중이 아닌 vCPU로 가면 AVIC_INCOMPLETE_IPI(exit 코드 0x401), AVIC이 가속하지 않는 APIC 접근은 AVIC_NOACCEL(0x402)",
        )),
        ExitReason::ApicAccess if nested_paging => Some((
            "to the CPU a nested page fault (#NPF, exit code 0x400) on the APIC page (with x2APIC, an MSR intercept, 0x7C)",
            "CPU에게는 APIC 페이지에서 일어난 중첩 페이지 폴트 #NPF(exit 코드 0x400) (x2APIC이라면 MSR 가로채기, 0x7C)",
        )),
        ExitReason::ApicAccess => Some((
            "to the CPU a #PF exception intercept, exit code 0x4E, on the APIC page (with x2APIC, an MSR intercept, 0x7C)",
            "CPU에게는 APIC 페이지에서 일어난 #PF 예외 가로채기(exit 코드 0x4E) (x2APIC이라면 MSR 가로채기, 0x7C)",
        )),
        ExitReason::MsrWrite => Some((
            "to the CPU an MSR intercept, exit code 0x7C",
            "CPU에게는 MSR 가로채기(exit 코드 0x7C)",
        )),
        ExitReason::CrAccess => Some((
            "to the CPU a CR write intercept, exit code 0x10 + n (CR0 0x10, CR3 0x13, CR4 0x14, CR8 0x18)",
            "CPU에게는 CR 쓰기 가로채기(exit 코드 0x10 + n: CR0은 0x10, CR3은 0x13, CR4는 0x14, CR8은 0x18)",
        )),
        _ => None,
    }
}

/// What the CPU records as the exit qualification (and related fields) for `reason` on a
/// `vendor`'s CPU (on AMD, EXITINFO1 and EXITINFO2 in the VMCB).
pub(super) fn qualification(
    reason: ExitReason,
    nested_paging: bool,
    apicv: bool,
    vendor: CpuVendor,
) -> (&'static str, &'static str) {
    if vendor == CpuVendor::Amd {
        if let Some(amd) = amd_qualification(reason, nested_paging, apicv) {
            return amd;
        }
    }
    match reason {
        ExitReason::Mmio if nested_paging => (
            "nothing for a misconfiguration; the guest-physical address goes in the VMCS's guest-physical-address field",
            "misconfiguration에는 추가 정보 없음. 게스트 물리 주소는 VMCS의 게스트 물리 주소 필드에 들어감",
        ),
        ExitReason::IoInstruction => (
            "the port, the access size and the direction",
            "포트, 접근 크기, 방향",
        ),
        ExitReason::Mmio => (
            "the faulting linear address; the page-fault error code goes in the VM-exit interruption error code",
            "폴트 선형 주소. 페이지 폴트 오류 코드는 VM-exit 인터럽트 오류 코드 필드에 들어감",
        ),
        ExitReason::CrAccess => (
            "which control register, the direction and the general register used",
            "어느 제어 레지스터인지, 방향, 사용한 범용 레지스터",
        ),
        ExitReason::ShadowPageFault => (
            "the faulting address; the page-fault error code goes in the VM-exit interruption error code",
            "폴트 주소. 페이지 폴트 오류 코드는 VM-exit 인터럽트 오류 코드 필드에 들어감",
        ),
        ExitReason::ShadowPteWrite => (
            "the faulting address; the write's page-fault error code goes in the VM-exit interruption error code",
            "폴트 주소. 쓰기의 페이지 폴트 오류 코드는 VM-exit 인터럽트 오류 코드 필드에 들어감",
        ),
        ExitReason::Hlt => ("nothing more", "추가 정보 없음"),
        ExitReason::ExternalInterrupt => (
            "the interrupt's vector in the exit interruption information",
            "exit 인터럽트 정보에 담긴 인터럽트 벡터",
        ),
        ExitReason::ApicAccess => (
            "the offset in the APIC page and the access type",
            "APIC 페이지 안의 오프셋과 접근 종류",
        ),
        ExitReason::Hypercall => (
            "nothing more (the call number is in a register)",
            "추가 정보 없음 (호출 번호는 레지스터에 있음)",
        ),
        ExitReason::PauseLoop => ("nothing more", "추가 정보 없음"),
        ExitReason::Cpuid => (
            "nothing more (the leaf is in EAX)",
            "추가 정보 없음 (리프 번호는 EAX에 있음)",
        ),
        ExitReason::Invlpg => ("the linear address", "선형 주소"),
        ExitReason::Rdtsc => ("nothing more", "추가 정보 없음"),
        ExitReason::HiddenPageFault => (
            "the faulting address; the page-fault error code goes in the VM-exit interruption error code",
            "폴트 주소. 페이지 폴트 오류 코드는 VM-exit 인터럽트 오류 코드 필드에 들어감",
        ),
        ExitReason::NestedVmx => (
            "the VMCS field and the instruction's operands",
            "VMCS 필드와 명령의 피연산자",
        ),
        ExitReason::EptViolation => (
            "the guest-physical address and whether it was a read, write or fetch",
            "게스트 물리 주소와 읽기, 쓰기, 실행 중 무엇이었는지",
        ),
        ExitReason::PmlFull => (
            "the exit reason only: the log's addresses are in memory",
            "exit 원인만: 로그의 주소들은 메모리에 있음",
        ),
        ExitReason::MsrWrite => (
            "nothing more (the MSR number and the value are in registers)",
            "추가 정보 없음 (MSR 번호와 값은 레지스터에 있음)",
        ),
        ExitReason::SyscallTrap => (
            "none: a trap through the VMM's own system-call entry point, not a VT-x exit (the system call number is in a register)",
            "없음: VT-x exit가 아니라 VMM 자신의 시스템 콜 진입점으로의 트랩 (시스템 콜 번호는 레지스터에 있음)",
        ),
        ExitReason::PvBounce => (
            "none: a trap through the hypervisor's own entry point, not a VT-x exit",
            "없음: VT-x exit가 아니라 하이퍼바이저 자신의 진입점으로의 트랩",
        ),
    }
}

/// [`qualification`] on AMD-V where it differs: the #VMEXIT's information fields,
/// EXITINFO1 and EXITINFO2 in the VMCB's control area (AMD APM vol. 2, chapter 15); `None`
/// where the VT-x text holds for both.
fn amd_qualification(
    reason: ExitReason,
    nested_paging: bool,
    avic: bool,
) -> Option<(&'static str, &'static str)> {
    Some(match reason {
        ExitReason::ApicAccess if avic => (
            "the APIC register offset and whether it was a write, in EXITINFO1",
            "EXITINFO1에 APIC 레지스터 오프셋과 쓰기였는지 여부",
        ),
        ExitReason::ApicAccess if nested_paging => (
            "the guest-physical address in EXITINFO2, and in EXITINFO1 an error code that says whether it was a write",
            "EXITINFO2에 게스트 물리 주소, EXITINFO1에 쓰기였는지를 담은 오류 코드",
        ),
        ExitReason::ApicAccess => (
            "the page-fault error code in EXITINFO1 and the faulting linear address in EXITINFO2",
            "EXITINFO1에 페이지 폴트 오류 코드, EXITINFO2에 폴트 선형 주소",
        ),
        ExitReason::MsrWrite => (
            "EXITINFO1 = 1, a write (0 would be a read); the MSR number is in ECX and the value in EDX:EAX",
            "EXITINFO1 = 1(쓰기, 0이면 읽기); MSR 번호는 ECX, 값은 EDX:EAX에 있음",
        ),
        ExitReason::Invlpg => (
            "the linear address in EXITINFO1 (decode assists)",
            "EXITINFO1에 선형 주소 (디코드 지원)",
        ),
        ExitReason::Mmio if nested_paging => (
            "the guest-physical address in EXITINFO2, and in EXITINFO1 an error code with the reserved-bit flag set",
            "EXITINFO2에 게스트 물리 주소, EXITINFO1에 예약 비트 플래그가 설정된 오류 코드",
        ),
        ExitReason::IoInstruction => (
            "the port, the access size and the direction, in EXITINFO1; EXITINFO2 holds the next RIP",
            "EXITINFO1에 담긴 포트, 접근 크기, 방향. EXITINFO2에는 다음 RIP",
        ),
        ExitReason::Mmio => (
            "the page-fault error code in EXITINFO1 and the faulting linear address in EXITINFO2",
            "EXITINFO1에 페이지 폴트 오류 코드, EXITINFO2에 폴트 선형 주소",
        ),
        ExitReason::CrAccess => (
            "which control register was written: the exit code itself says so; with decode assists, the general register used, in EXITINFO1",
            "어느 제어 레지스터에 썼는지는 exit 코드 자체가 알려 줌. 디코드 지원이 있으면 사용한 범용 레지스터가 EXITINFO1에 있음",
        ),
        ExitReason::ShadowPageFault | ExitReason::HiddenPageFault => (
            "the page-fault error code in EXITINFO1 and the faulting address in EXITINFO2",
            "EXITINFO1에 페이지 폴트 오류 코드, EXITINFO2에 폴트 주소",
        ),
        ExitReason::ShadowPteWrite => (
            "the write's page-fault error code in EXITINFO1 and the faulting address in EXITINFO2",
            "EXITINFO1에 쓰기의 페이지 폴트 오류 코드, EXITINFO2에 폴트 주소",
        ),
        ExitReason::ExternalInterrupt => (
            "nothing more: the interrupt stays pending, and the hypervisor takes it through the host's IDT once it lets interrupts in again (STGI)",
            "추가 정보 없음: 인터럽트는 보류(pending) 상태로 남고, 하이퍼바이저가 인터럽트를 다시 허용하면(STGI) 호스트 IDT를 통해 받음",
        ),
        ExitReason::NestedVmx => (
            "nothing more (the VMCB's physical address is in RAX)",
            "추가 정보 없음 (VMCB의 물리 주소는 RAX에 있음)",
        ),
        ExitReason::EptViolation => (
            "the guest-physical address in EXITINFO2, and in EXITINFO1 an error code that says whether it was a read, write or fetch",
            "EXITINFO2에 게스트 물리 주소, EXITINFO1에 읽기, 쓰기, 실행 중 무엇이었는지 담은 오류 코드",
        ),
        ExitReason::SyscallTrap => (
            "none: a trap through the VMM's own system-call entry point, not an AMD-V exit (the system call number is in a register)",
            "없음: AMD-V exit가 아니라 VMM 자신의 시스템 콜 진입점으로의 트랩 (시스템 콜 번호는 레지스터에 있음)",
        ),
        ExitReason::PvBounce => (
            "none: a trap through the hypervisor's own entry point, not an AMD-V exit",
            "없음: AMD-V exit가 아니라 하이퍼바이저 자신의 진입점으로의 트랩",
        ),
        _ => return None,
    })
}

/// What the hypervisor injects at the next entry after an exit for `reason`, if anything:
/// a shadow page fault that is the guest's own is reflected as a #PF, and an interrupt
/// that forced the vCPU out comes back as a virtual interrupt.
pub(super) fn injection(reason: ExitReason) -> Option<(&'static str, &'static str)> {
    match reason {
        ExitReason::ShadowPageFault => Some((
            "a page fault (#PF) for the guest's own handler",
            "게스트 자신의 핸들러를 위한 페이지 폴트(#PF)",
        )),
        ExitReason::ExternalInterrupt => Some((
            "the virtual interrupt for the guest",
            "게스트를 위한 가상 인터럽트",
        )),
        _ => None,
    }
}

/// Where the guest resumes after an exit with this reason.
pub(super) fn resumes(reason: ExitReason) -> (&'static str, &'static str) {
    if injection(reason).is_some() {
        (
            "in the handler of the injected event",
            "주입된 이벤트의 핸들러에서",
        )
    } else if matches!(
        reason,
        ExitReason::HiddenPageFault | ExitReason::EptViolation | ExitReason::PmlFull
    ) {
        (
            "at the same instruction, which runs this time (the handler filled in the missing entry or emptied the log)",
            "같은 명령에서(핸들러가 빠진 항목을 채우거나 로그를 비웠으므로 이번에는 실행됨)",
        )
    } else {
        (
            "after the instruction, as if it had run (the handler advanced the guest's RIP past it: the CPU does not)",
            "명령이 실행된 것처럼 그 다음부터(CPU가 아니라 핸들러가 게스트의 RIP를 그 명령 뒤로 옮겨 둠)",
        )
    }
}
