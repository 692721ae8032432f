//! Human names of the model's words in Korean and English (metrics, platform kinds,
//! techniques, I/O models, operations, exit reasons): the one table the page and the
//! command line both show.
//!
//! A metric that is a column of the page's measured table is named as that column is
//! headed ("하이퍼바이저 %", "Hypervisor %"), so that a question, the page and the terminal
//! call a figure the same; the page's string table takes those headings from here. The
//! scenario file's key (`hypervisor_percent`) is what a scenario writes; a name is what a
//! student reads.

use crate::hardware::CpuVendor;
use crate::path::ExitReason;
use crate::platform::{IoModel, PlatformKind, Technique};
use crate::question::Metric;
use crate::results::PlatformResult;
use crate::text::Lang;
use crate::workload::Op;

/// A name in both product languages, fixed at compile time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name {
    pub ko: &'static str,
    pub en: &'static str,
}

impl Name {
    const fn new(ko: &'static str, en: &'static str) -> Name {
        Name { ko, en }
    }

    /// The name in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ko => self.ko,
            Lang::En => self.en,
        }
    }

    /// The name in `lang` without its explanation in parentheses ("CR3 쓰기" of "CR3 쓰기
    /// (주소 공간 전환)"), for the command line's compact lists; a parenthesis that is part
    /// of the name ("CR8(TPR) 쓰기", "중첩 페이지 폴트(#NPF)") stays.
    pub fn short(self, lang: Lang) -> &'static str {
        let name = self.get(lang);
        match name.rfind(" (") {
            Some(at) if name.ends_with(')') => &name[..at],
            _ => name,
        }
    }
}

/// What a metric is called: the heading of its column on the page where it has one.
pub const fn metric(m: Metric) -> Name {
    use Metric::*;
    match m {
        RelativePerformancePercent => Name::new("네이티브 대비 성능", "Relative to native"),
        Throughput => Name::new("처리량 (초당 연산)", "Throughput (ops/s)"),
        MeanLatencyUs => Name::new("평균 지연", "Mean latency"),
        P50LatencyUs => Name::new("p50 지연", "p50 latency"),
        P99LatencyUs => Name::new("p99 지연", "p99 latency"),
        StealPercent => Name::new("스틸·대기 %", "Steal / wait %"),
        GuestStealPercent => Name::new("게스트가 보는 스틸 %", "Steal the guest sees %"),
        ExitsPerSecond => Name::new("초당 exit·하이퍼콜", "Exits + hypercalls /s"),
        GuestUserPercent => Name::new("사용자 %", "User %"),
        GuestKernelPercent => Name::new("커널 %", "Kernel %"),
        HypervisorPercent => Name::new("하이퍼바이저 %", "Hypervisor %"),
        DeviceEmulationPercent => Name::new("장치 백엔드 %", "Device back ends %"),
        HostOsPercent => Name::new("호스트 OS·엔진 %", "Host OS / engine %"),
        IdlePercent => Name::new("유휴 %", "Idle %"),
        StartupMs => Name::new("시작 시간: 인스턴스 하나", "Start-up time: one instance"),
        StartupAllMs => Name::new("시작 시간: 모두 동시에", "Start-up time: all at once"),
        FootprintMib => Name::new("인스턴스당 메모리 점유량", "Footprint per instance"),
        Density => Name::new("호스트당 밀도", "Density per host"),
        SweepDensity => Name::new("스윕으로 찾은 밀도", "Density found by the sweep"),
        InstancesStopped => Name::new("멈춘 인스턴스", "Instances stopped"),
        OpsLost => Name::new("잃은 연산", "Operations lost"),
        DesktopP50LatencyMs => Name::new("입력-화면 지연 p50", "Input-to-display latency p50"),
        DesktopP99LatencyMs => Name::new("입력-화면 지연 p99", "Input-to-display latency p99"),
        DesktopBandwidthKbitS => Name::new("세션당 kbit/s", "kbit/s per session"),
        DesktopFramesDeliveredPercent => Name::new("프레임 전달/요청", "Frames delivered/wanted"),
        DesktopSessionsDropped => Name::new("끊긴 세션", "Sessions dropped"),
        NetworkGbitS => Name::new(
            "네트워크 Gbit/s (송신+수신)",
            "Network Gbit/s (sent + received)",
        ),
        MigrationDowntimeMs => Name::new("마이그레이션 다운타임", "Migration downtime"),
        MigrationTotalMs => Name::new("마이그레이션 전체 시간", "Migration total time"),
    }
}

/// What a kind of platform is.
pub const fn platform_kind(k: PlatformKind) -> Name {
    match k {
        PlatformKind::Native => Name::new("네이티브", "native"),
        PlatformKind::Type1 => Name::new("Type 1 하이퍼바이저", "type 1 hypervisor"),
        PlatformKind::Type2 => Name::new("Type 2 하이퍼바이저", "type 2 hypervisor"),
        PlatformKind::Container => Name::new("컨테이너", "container"),
        PlatformKind::Vdi => Name::new("데스크톱 가상화 (VDI)", "desktop virtualization (VDI)"),
    }
}

/// A VDI platform whose desktops are sessions on shared server VMs.
pub const SESSION_HOST: Name = Name::new(
    "데스크톱 가상화 (세션 호스트, RDS 방식)",
    "desktop virtualization (session host, RDS-like)",
);

/// The kind of a measured platform: [`platform_kind`], with a VDI session host told apart
/// from desktop VMs.
pub fn kind_of(p: &PlatformResult) -> Name {
    if p.vdi.as_ref().is_some_and(|v| v.session_host) {
        SESSION_HOST
    } else {
        platform_kind(p.kind)
    }
}

/// How a VM's CPU is virtualized.
pub const fn technique(t: Technique) -> Name {
    match t {
        Technique::BinaryTranslation => Name::new(
            "전가상화 (바이너리 변환)",
            "full virtualization (binary translation)",
        ),
        Technique::HardwareAssist => Name::new(
            "전가상화 (하드웨어 지원)",
            "full virtualization (hardware assist)",
        ),
        Technique::Para => Name::new("반가상화", "paravirtualization"),
        Technique::Hybrid => Name::new("하이브리드", "hybrid"),
    }
}

/// Where a VM's I/O back ends run (said beside its I/O model when it has back ends).
pub const fn backend(b: crate::platform::BackendPlacement) -> Name {
    use crate::platform::BackendPlacement as B;
    match b {
        B::Hypervisor => Name::new("백엔드는 하이퍼바이저 안", "back end in the hypervisor"),
        B::DriverDomain => Name::new(
            "백엔드는 드라이버 도메인(dom0)",
            "back end in a driver domain (dom0)",
        ),
        B::VmThread => Name::new(
            "백엔드는 VM별 호스트 스레드",
            "back end in a host thread per VM",
        ),
        B::DeviceThread => Name::new(
            "백엔드는 장치별 호스트 스레드",
            "back end in a host thread per device",
        ),
    }
}

/// How a type-2 VMM reaches its host OS (said beside a type-2 platform's stack when it is
/// not the classic world switch).
pub const fn hosted_design(d: crate::platform::HostedDesign) -> Name {
    use crate::platform::HostedDesign as D;
    match d {
        D::WorldSwitch => Name::new(
            "월드 스위치 방식 VMM",
            "VMM in a world of its own (world switch)",
        ),
        D::HostModule => Name::new(
            "호스트 커널 모듈 방식 VMM (월드 스위치 없음)",
            "VMM as a host kernel module (no world switch)",
        ),
    }
}

/// How a VM's devices are reached.
pub const fn io_model(io: IoModel) -> Name {
    match io {
        IoModel::Emulated => Name::new("에뮬레이션 I/O", "emulated I/O"),
        IoModel::Paravirtual => Name::new("반가상화 I/O", "paravirtual I/O"),
        IoModel::Passthrough => Name::new("패스스루 I/O", "passthrough I/O"),
    }
}

/// What an operation of a workload's mix is (its key, `cr3_write`, is what a scenario
/// writes).
pub const fn op(o: Op) -> Name {
    match o {
        Op::Syscall => Name::new("시스템 콜", "system call"),
        Op::Cpuid => Name::new("CPUID", "CPUID"),
        Op::CrWrite => Name::new("CR0/CR4 쓰기", "write to CR0/CR4"),
        Op::Cr3Write => Name::new(
            "CR3 쓰기 (주소 공간 전환)",
            "write to CR3 (address-space switch)",
        ),
        Op::Invlpg => Name::new(
            "INVLPG (TLB 항목 무효화)",
            "INVLPG (TLB entry invalidation)",
        ),
        Op::Cr8Write => Name::new("CR8(TPR) 쓰기", "write to CR8 (TPR)"),
        Op::Rdtsc => Name::new("RDTSC (타임스탬프 읽기)", "RDTSC (timestamp read)"),
        Op::IoPort => Name::new("I/O 포트 접근", "I/O port access"),
        Op::Mmio => Name::new("MMIO 접근", "MMIO access"),
        Op::PageFault => Name::new("페이지 폴트", "page fault"),
        Op::PageTableUpdate => Name::new("페이지 테이블 갱신", "page-table update"),
        Op::TlbMiss => Name::new("TLB 미스", "TLB miss"),
        Op::DiskRead => Name::new("디스크 읽기", "disk read"),
        Op::DiskWrite => Name::new("디스크 쓰기", "disk write"),
        Op::NetSend => Name::new("네트워크 송신", "network send"),
        Op::NetReceive => Name::new("네트워크 수신", "network receive"),
        Op::Sleep => Name::new("잠들기(sleep)", "sleep"),
        Op::TlbShootdown => Name::new("원격 TLB 슛다운", "remote TLB shootdown"),
        Op::TimerInterrupt => Name::new("타이머 인터럽트", "timer interrupt"),
        Op::GuestContextSwitch => Name::new("게스트 문맥 전환", "guest context switch"),
    }
}

/// An exit reason on a host whose CPU is `vendor`'s (a run's [`RunResult::vendor`](crate::RunResult::vendor)):
/// on AMD the exits VT-x names by its mechanisms go by AMD-V's names (an EPT violation is
/// a nested page fault, #NPF; nested VMX is nested SVM, L1's VMRUN, VMLOAD and VMSAVE
/// intercepted), as the step texts say. The result's keys stay [`ExitReason::name`].
pub const fn exit_reason(e: ExitReason, vendor: CpuVendor) -> Name {
    match (e, vendor) {
        (ExitReason::NestedVmx, CpuVendor::Amd) => Name::new(
            "중첩 SVM (L1의 VMRUN/VMLOAD/VMSAVE)",
            "nested SVM (L1's VMRUN/VMLOAD/VMSAVE)",
        ),
        (ExitReason::EptViolation, CpuVendor::Amd) => {
            Name::new("중첩 페이지 폴트(#NPF)", "nested page fault (#NPF)")
        }
        (e, _) => intel_exit_reason(e),
    }
}

/// [`exit_reason`]'s names on an Intel host (and on AMD where both vendors say the same).
const fn intel_exit_reason(e: ExitReason) -> Name {
    match e {
        ExitReason::IoInstruction => Name::new("I/O 명령어", "I/O instruction"),
        ExitReason::Mmio => Name::new("MMIO", "MMIO"),
        ExitReason::CrAccess => Name::new("제어 레지스터 접근", "control-register access"),
        ExitReason::ShadowPageFault => Name::new("섀도 페이지 폴트", "shadow page fault"),
        ExitReason::ShadowPteWrite => Name::new("섀도 PTE 쓰기", "shadow PTE write"),
        ExitReason::Hlt => Name::new("HLT", "HLT"),
        ExitReason::ExternalInterrupt => Name::new("외부 인터럽트", "external interrupt"),
        ExitReason::ApicAccess => Name::new("APIC 접근", "APIC access"),
        ExitReason::Hypercall => Name::new("하이퍼콜", "hypercall"),
        ExitReason::PauseLoop => Name::new("PAUSE 루프", "PAUSE loop"),
        ExitReason::Cpuid => Name::new("CPUID", "CPUID"),
        ExitReason::Invlpg => Name::new("INVLPG", "INVLPG"),
        ExitReason::Rdtsc => Name::new("RDTSC", "RDTSC"),
        ExitReason::HiddenPageFault => Name::new("숨은 페이지 폴트", "hidden page fault"),
        ExitReason::NestedVmx => Name::new(
            "중첩 VMX (L1의 VMREAD/VMWRITE/VMRESUME)",
            "nested VMX (L1's VMREAD/VMWRITE/VMRESUME)",
        ),
        ExitReason::EptViolation => Name::new("EPT 위반", "EPT violation"),
        ExitReason::PmlFull => Name::new("PML 로그 가득 참", "PML log full"),
        ExitReason::MsrWrite => Name::new(
            "MSR 쓰기 (TSC-deadline 타이머)",
            "MSR write (TSC-deadline timer)",
        ),
        ExitReason::SyscallTrap => Name::new(
            "시스템 콜 트랩 (바이너리 변환)",
            "system call trap (binary translation)",
        ),
        ExitReason::PvBounce => Name::new(
            "시스템 콜·예외 바운스 (64비트 반가상화)",
            "system call or exception bounce (64-bit PV)",
        ),
    }
}

/// A platform's stack as the page's measured table describes it under its kind: the kind,
/// then the technique and the I/O model of a VM ("Type 1 하이퍼바이저 · 전가상화 (하드웨어
/// 지원) · 에뮬레이션 I/O").
pub fn stack(p: &PlatformResult, lang: Lang) -> String {
    let mut parts = vec![kind_of(p).get(lang)];
    if let Some(t) = p.technique {
        parts.push(technique(t).get(lang));
    }
    if let Some(io) = p.io {
        parts.push(io_model(io).get(lang));
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every metric has a name in both languages, no two alike, and none is its key (a
    /// name is for reading; the key stays what a scenario file writes).
    #[test]
    fn every_metric_has_its_own_name_in_both_languages() {
        let all = Metric::ALL;
        for (i, m) in all.iter().enumerate() {
            let n = metric(*m);
            assert!(!n.ko.is_empty() && !n.en.is_empty(), "{m:?}");
            assert_ne!(n.en, m.name(), "{m:?}");
            assert!(
                n.ko.chars().any(|c| ('가'..='힣').contains(&c)),
                "{m:?}: {}",
                n.ko
            );
            for other in &all[i + 1..] {
                assert_ne!(metric(*other).ko, n.ko, "{m:?} {other:?}");
                assert_ne!(metric(*other).en, n.en, "{m:?} {other:?}");
            }
        }
        assert_eq!(
            metric(Metric::HypervisorPercent).get(Lang::Ko),
            "하이퍼바이저 %"
        );
        assert_eq!(
            platform_kind(PlatformKind::Type1).get(Lang::Ko),
            "Type 1 하이퍼바이저"
        );
    }

    /// Every operation and exit reason has a name in both languages; on an AMD host no
    /// exit's name names a VT-x mechanism, on an Intel host they are VT-x's, and both
    /// vendors share the others.
    #[test]
    fn operations_and_exits_are_named_in_both_languages_by_the_hosts_vendor() {
        for o in Op::ALL {
            let n = op(o);
            assert!(!n.ko.is_empty() && !n.en.is_empty(), "{o:?}");
        }
        const INTEL: [&str; 9] = [
            "EPT", "VMX", "VMCS", "VMREAD", "VMWRITE", "VMRESUME", "VT-x", "VPID", "APICv",
        ];
        for e in ExitReason::ALL {
            let amd = exit_reason(e, CpuVendor::Amd);
            for lang in [Lang::Ko, Lang::En] {
                for word in INTEL {
                    assert!(!amd.get(lang).contains(word), "{e:?} {lang:?}: {amd:?}");
                }
            }
            if !matches!(e, ExitReason::EptViolation | ExitReason::NestedVmx) {
                assert_eq!(amd, exit_reason(e, CpuVendor::Intel), "{e:?}");
            }
        }
        assert_eq!(
            exit_reason(ExitReason::EptViolation, CpuVendor::Intel).en,
            "EPT violation"
        );
        assert_eq!(
            exit_reason(ExitReason::EptViolation, CpuVendor::Amd).en,
            "nested page fault (#NPF)"
        );
        assert_eq!(
            exit_reason(ExitReason::NestedVmx, CpuVendor::Amd).ko,
            "중첩 SVM (L1의 VMRUN/VMLOAD/VMSAVE)"
        );
        // The short form drops the explanation, not a parenthesis of the name itself.
        let short = |n: Name| n.short(Lang::Ko);
        assert_eq!(
            short(exit_reason(ExitReason::NestedVmx, CpuVendor::Amd)),
            "중첩 SVM"
        );
        assert_eq!(
            short(exit_reason(ExitReason::EptViolation, CpuVendor::Amd)),
            "중첩 페이지 폴트(#NPF)"
        );
        assert_eq!(short(op(Op::Cr3Write)), "CR3 쓰기");
        assert_eq!(short(op(Op::Cr8Write)), "CR8(TPR) 쓰기");
        assert_eq!(op(Op::Invlpg).short(Lang::En), "INVLPG");
    }
}
