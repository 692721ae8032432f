//! Korean and English names for sim-core's enums (layers, CPU categories, operations, exits).

use crate::i18n::Lang;
use crate::sim::{
    Category, CpuVendor, ExitReason, IoModel, Layer, NetworkMode, Op, PlatformKind, SchedulerKind,
    StorageMode, Technique,
};
use crate::sim::{PlatformResult, RunResult};

/// What a platform is called on the page: its `label` in the page's language, else its name;
/// after it, the network settings the shown result ran with where they are not the
/// scenario's ([`set_changed`]): "LAN, 5 ms round trip (changed: RTT 205 ms)" (the label
/// alone, beside a result of 236 ms, was stale: a student's review).
pub fn platform(lang: Lang, p: &PlatformResult) -> String {
    let label = match &p.label {
        Some(l) => lang.pick(&l.ko, &l.en).to_string(),
        None => p.name.clone(),
    };
    CHANGED.with(
        |c| match c.borrow().iter().find(|(name, _)| *name == p.name) {
            Some((_, net)) => net.after(lang, &label),
            None => label,
        },
    )
}

/// A platform's network settings that differ from its scenario's (a slider moved, an
/// assignment's variant), in the network sliders' units: `None` is the scenario's own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChangedNet {
    pub rtt_ms: Option<u32>,
    pub loss_permille: Option<u32>,
    pub bandwidth_kbit_s: Option<u32>,
}

impl ChangedNet {
    /// `label` with the changed settings after it, in `lang`.
    pub fn after(&self, lang: Lang, label: &str) -> String {
        let t = |key| crate::i18n::t(lang, key);
        let mut parts = Vec::new();
        if let Some(ms) = self.rtt_ms {
            parts.push(t("label.rtt").replace("{}", &crate::num::num(f64::from(ms))));
        }
        if let Some(l) = self.loss_permille {
            parts.push(t("label.loss").replace("{}", &crate::num::num(f64::from(l) / 10.0)));
        }
        if let Some(k) = self.bandwidth_kbit_s {
            let mbit = crate::num::num(f64::from(k) / 1000.0);
            parts.push(t("label.bandwidth").replace("{}", &mbit));
        }
        if parts.is_empty() {
            return label.to_string();
        }
        t("label.changed").replacen("{}", label, 1).replacen(
            "{}",
            &crate::num::figure_list(lang, &parts),
            1,
        )
    }
}

thread_local! {
    static CHANGED: std::cell::RefCell<Vec<(String, ChangedNet)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The platforms (by name) whose network the shown result ran with differs from the
/// scenario's: [`platform`] names them with it. Set by the page before each render
/// (`app.rs`), as `num::set_lang`.
pub fn set_changed(changed: Vec<(String, ChangedNet)>) {
    CHANGED.with(|c| {
        if *c.borrow() != changed {
            *c.borrow_mut() = changed;
        }
    });
}

/// The label of the platform named `name` in `r` (the name itself when there is none).
pub fn platform_named(lang: Lang, r: &RunResult, name: &str) -> String {
    r.platforms
        .iter()
        .find(|p| p.name == name)
        .map_or_else(|| name.to_string(), |p| platform(lang, p))
}

/// A workload in the page's language with its id after it ("네트워크 요청-응답
/// (network-rr)"): the id is what a scenario file writes. A workload the scenario defines
/// itself is called by its name alone; so is one whose English name is its id.
pub fn workload(lang: Lang, id: &str) -> String {
    // What each preset does (sim-core's `Workload::preset` and desktop `Activity`).
    let (ko, en) = match id {
        "cpu-bound" => ("CPU 계산 위주", "CPU-bound computation"),
        "syscall-heavy" => ("시스템 콜 위주", "system-call heavy"),
        "disk-random-4k" => (
            "디스크 무작위 4 KiB 읽기·쓰기",
            "random 4 KiB disk reads and writes",
        ),
        "network-rr" => ("네트워크 요청-응답", "network request-response"),
        "memory-tlb" => (
            "넓은 메모리 작업 집합·TLB 미스",
            "large memory working set, TLB misses",
        ),
        "web-server" => ("웹 서버", "web server"),
        "database" => ("데이터베이스", "database"),
        "desktop-idle" => ("데스크톱: 유휴", "desktop: idle"),
        "desktop-office" => ("데스크톱: 문서 작업", "desktop: office work"),
        "desktop-web" => ("데스크톱: 웹 브라우징", "desktop: web browsing"),
        "desktop-video" => ("데스크톱: 동영상 재생", "desktop: video playback"),
        _ => return id.to_string(),
    };
    match lang.pick(ko, en) {
        name if name == id => id.to_string(),
        name => format!("{name} ({id})"),
    }
}

/// A desktop workload where every row is a desktop (the desktop sessions table): its
/// [`workload`] name without the leading "desktop: " ("문서 작업 (desktop-office)").
pub fn desktop_workload(lang: Lang, id: &str) -> String {
    let name = workload(lang, id);
    let prefix = lang.pick("데스크톱: ", "desktop: ");
    name.strip_prefix(prefix)
        .map_or(name.clone(), str::to_string)
}

/// A layer's name where the platform is not known (a column shared by several platforms):
/// the kernel layer is a VM's own guest kernel, or the host's kernel that native processes
/// and every container share.
pub fn layer(lang: Lang, l: Layer) -> &'static str {
    let (ko, en) = match l {
        Layer::Application => ("애플리케이션", "application"),
        Layer::GuestKernel => (
            "커널 (VM은 자기 게스트 커널, 컨테이너는 공유하는 호스트 커널)",
            "kernel (a VM's own guest kernel; containers share the host's)",
        ),
        Layer::Hypervisor => ("하이퍼바이저", "hypervisor"),
        Layer::DriverDomain => ("드라이버 도메인", "driver domain"),
        Layer::VmmProcess => (
            "VMM 프로세스 (호스트 사용자 공간)",
            "VMM process (host user space)",
        ),
        Layer::HostOs => ("호스트 OS", "host OS"),
        // The container's isolation is host kernel work on the data path (the seccomp
        // filter, cgroup accounting, veth/bridge/NAT); the engine's daemon is not on it.
        Layer::ContainerEngine => (
            "컨테이너 격리: 호스트 커널의 seccomp·cgroup·브리지/NAT",
            "container isolation in the host kernel: seccomp, cgroups, bridge/NAT",
        ),
        // The CPU's own work between the layers: VM exit and entry transitions (the
        // 5,488 cycles of seven exits at 784 each a reviewer could not place under a bare
        // "hardware"), and the page-table walks nested paging lengthens.
        Layer::Hardware => (
            "하드웨어: VM exit·entry 전환, 페이지 테이블 탐색",
            "hardware: VM exit/entry transitions, page-table walks",
        ),
    };
    lang.pick(ko, en)
}

/// A layer's short name, for a narrow column heading ([`layer`] says the rest).
pub fn layer_short(lang: Lang, l: Layer) -> &'static str {
    let (ko, en) = match l {
        Layer::GuestKernel => ("커널", "kernel"),
        Layer::VmmProcess => ("VMM 프로세스", "VMM process"),
        Layer::ContainerEngine => ("컨테이너 격리", "container isolation"),
        Layer::Hardware => ("exit/entry (하드웨어)", "exit/entry (hardware)"),
        _ => return layer(lang, l),
    };
    lang.pick(ko, en)
}

/// What a layer's short name leaves out, for the legend under the narrow headings
/// ("kernel: a VM's own guest kernel; ..."); `None` when the short name says it all.
pub fn layer_note(lang: Lang, l: Layer) -> Option<&'static str> {
    let (ko, en) = match l {
        Layer::GuestKernel => (
            "VM은 자기 게스트 커널, 컨테이너는 공유하는 호스트 커널",
            "a VM's own guest kernel; containers share the host's",
        ),
        Layer::VmmProcess => ("호스트 사용자 공간", "in the host's user space"),
        Layer::ContainerEngine => (
            "호스트 커널의 seccomp·cgroup·브리지/NAT",
            "seccomp, cgroups and bridge/NAT in the host kernel",
        ),
        Layer::Hardware => (
            "VM exit·entry 전환과 페이지 테이블 탐색 (CPU가 직접 하는 일)",
            "VM exit/entry transitions and page-table walks (the CPU's own work)",
        ),
        _ => return None,
    };
    Some(lang.pick(ko, en))
}

/// A layer's name on a platform of kind `kind`: the kernel layer of a native machine is
/// its only kernel, a container's is the host kernel it shares with every other container.
pub fn layer_on(lang: Lang, l: Layer, kind: PlatformKind) -> &'static str {
    match (l, kind) {
        (Layer::GuestKernel, PlatformKind::Native) => lang.pick("커널 (OS)", "kernel (OS)"),
        (Layer::GuestKernel, PlatformKind::Container) => lang.pick(
            "호스트 커널 (모든 컨테이너가 공유)",
            "host kernel (shared by every container)",
        ),
        (Layer::GuestKernel, _) => lang.pick("게스트 커널", "guest kernel"),
        _ => layer(lang, l),
    }
}

pub fn category(lang: Lang, c: Category) -> &'static str {
    let (ko, en) = match c {
        Category::GuestUser => ("게스트 사용자", "guest user"),
        Category::GuestKernel => ("게스트 커널", "guest kernel"),
        Category::Hypervisor => ("하이퍼바이저", "hypervisor"),
        Category::DeviceEmulation => ("장치 백엔드", "device back ends"),
        Category::HostOs => ("호스트 OS", "host OS"),
    };
    lang.pick(ko, en)
}

/// Palette key of a CPU category (see `palette::kind`).
pub fn category_key(c: Category) -> &'static str {
    match c {
        Category::GuestUser => "guest_user",
        Category::GuestKernel => "guest_kernel",
        Category::Hypervisor => "hypervisor",
        Category::DeviceEmulation => "emulation",
        Category::HostOs => "host",
    }
}

/// What an operation is (sim-core's [`names::op`](crate::sim::names::op)).
pub fn op(lang: Lang, o: Op) -> &'static str {
    crate::sim::names::op(o).get(lang.core())
}

/// Who runs a step and when, for the steps that do not simply run on the vCPU every time.
pub fn part(lang: Lang, p: crate::sim::path::Part) -> Option<&'static str> {
    use crate::sim::path::Part;
    let (ko, en) = match p {
        Part::Guest => return None,
        Part::Kick => (
            "알림: 백엔드가 바쁘지 않을 때만",
            "notification: only when the back end is not busy",
        ),
        Part::Backend => ("백엔드가 실행", "run by the back end"),
        Part::Interrupt => (
            "인터럽트 전달 (vCPU 상태에 따라 다름)",
            "interrupt delivery (depends on the vCPU's state)",
        ),
    };
    Some(lang.pick(ko, en))
}

/// An exit reason on a host whose CPU is `vendor`'s, by AMD-V's names on AMD (sim-core's
/// [`names::exit_reason`](crate::sim::names::exit_reason)). The result's keys stay
/// [`ExitReason::name`].
pub fn exit(lang: Lang, e: ExitReason, vendor: CpuVendor) -> &'static str {
    crate::sim::names::exit_reason(e, vendor).get(lang.core())
}

/// A kind of platform (sim-core's [`crate::sim::names`], which the CLI prints too).
pub fn kind(lang: Lang, k: PlatformKind) -> &'static str {
    crate::sim::names::platform_kind(k).get(lang.core())
}

/// The kind of a measured platform: [`kind`], with a VDI session host told apart from
/// desktop VMs.
pub fn kind_of(lang: Lang, p: &PlatformResult) -> &'static str {
    crate::sim::names::kind_of(p).get(lang.core())
}

pub fn technique(lang: Lang, t: Technique) -> &'static str {
    crate::sim::names::technique(t).get(lang.core())
}

pub fn io(lang: Lang, io: IoModel) -> &'static str {
    crate::sim::names::io_model(io).get(lang.core())
}

pub fn backend(lang: Lang, b: crate::sim::platform::BackendPlacement) -> &'static str {
    crate::sim::names::backend(b).get(lang.core())
}

/// How a type-2 VMM reaches its host OS (said in a type-2 platform's row of the measured
/// table, and beside a type-2 variant of the step-through that is not the classic world
/// switch).
pub fn hosted_design(lang: Lang, d: crate::sim::platform::HostedDesign) -> &'static str {
    crate::sim::names::hosted_design(d).get(lang.core())
}

pub fn scheduler(lang: Lang, s: SchedulerKind) -> &'static str {
    let (ko, en) = match s {
        SchedulerKind::Credit => ("크레딧 스케줄러", "credit scheduler"),
        SchedulerKind::Fair => ("CFS(완전 공정 스케줄러)", "fair scheduler"),
        SchedulerKind::RoundRobin => ("라운드 로빈 스케줄러", "round-robin scheduler"),
    };
    lang.pick(ko, en)
}

pub fn network(lang: Lang, n: NetworkMode) -> &'static str {
    let (ko, en) = match n {
        NetworkMode::Bridge => ("브리지 네트워크", "bridge network"),
        NetworkMode::Host => ("호스트 네트워크", "host network"),
    };
    lang.pick(ko, en)
}

pub fn storage(lang: Lang, s: StorageMode) -> &'static str {
    let (ko, en) = match s {
        StorageMode::Overlay => ("오버레이 스토리지", "overlay storage"),
        StorageMode::Volume => ("볼륨 스토리지", "volume storage"),
    };
    lang.pick(ko, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_workload_has_a_name_in_both_languages() {
        let presets = crate::sim::PRESET_NAMES
            .iter()
            .chain(sim_core::desktop::DESKTOP_PRESETS.iter());
        for id in presets {
            for lang in [Lang::Ko, Lang::En] {
                let shown = workload(lang, id);
                // The id stays, so that the scenario file's word can be found.
                assert!(shown.contains(*id), "{id}: {shown}");
                if lang == Lang::Ko {
                    assert_eq!(
                        shown
                            .strip_suffix(&format!(" ({id})"))
                            .map(|n| !n.is_empty()),
                        Some(true),
                        "{shown}"
                    );
                }
            }
        }
        assert_eq!(
            workload(Lang::Ko, "network-rr"),
            "네트워크 요청-응답 (network-rr)"
        );
        assert_eq!(
            workload(Lang::En, "network-rr"),
            "network request-response (network-rr)"
        );
        // English that is the id itself is not said twice.
        assert_eq!(workload(Lang::En, "database"), "database");
        assert_eq!(
            desktop_workload(Lang::Ko, "desktop-office"),
            "문서 작업 (desktop-office)"
        );
        assert_eq!(
            desktop_workload(Lang::En, "desktop-video"),
            "video playback (desktop-video)"
        );
        // A scenario's own workload: its name alone.
        assert_eq!(workload(Lang::Ko, "io-heavy"), "io-heavy");
    }
}
