//! Human names of the model's words in Korean and English (metrics, platform kinds,
//! techniques, I/O models): the one table the page and the command line both show.
//!
//! A metric that is a column of the page's measured table is named as that column is
//! headed ("하이퍼바이저 %", "Hypervisor %"), so that a question, the page and the terminal
//! call a figure the same; the page's string table takes those headings from here. The
//! scenario file's key (`hypervisor_percent`) is what a scenario writes; a name is what a
//! student reads.

use crate::platform::{IoModel, PlatformKind, Technique};
use crate::question::Metric;
use crate::results::PlatformResult;
use crate::text::Lang;

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

/// How a VM's devices are reached.
pub const fn io_model(io: IoModel) -> Name {
    match io {
        IoModel::Emulated => Name::new("에뮬레이션 I/O", "emulated I/O"),
        IoModel::Paravirtual => Name::new("반가상화 I/O", "paravirtual I/O"),
        IoModel::Passthrough => Name::new("패스스루 I/O", "passthrough I/O"),
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
}
