//! What a VDI platform reports about its desktops, from its machine run (and from its
//! local PCs: each desktop alone on a machine of its own, with a local display).

use crate::desktop::session::{DesktopGroupOutcome, DesktopOutcome, Role, SERIES_BUCKET_MS};
use crate::desktop::{LocalDesktop, VdiCpu, VdiGroupResult, VdiResult};
use crate::machine::{GroupSpec, MachineOutcome};
use crate::metrics::{Histogram, LatencySummary};
use crate::path::Category;
use crate::platform::VdiNetwork;
use crate::text::Text;

/// The desktop figures of a VDI platform's machine run `outcome` (with the platform's
/// groups `groups`), and of its local PCs `locals` (each: the position of its desktop's
/// group among `groups`, and the outcome of its machine, which ran that one desktop).
pub(super) fn vdi_result(
    net: &VdiNetwork,
    groups: &[GroupSpec],
    outcome: &MachineOutcome,
    locals: &[(usize, &MachineOutcome)],
    per_us: u64,
    seconds: f64,
) -> VdiResult {
    let empty = DesktopOutcome::default();
    let desktop = outcome.desktop.as_ref().unwrap_or(&empty);
    let ms = |h: &Histogram| LatencySummary::from_histogram(h, per_us);
    let mut all = Histogram::default();
    let mut within = 0;
    let mut bytes = 0;
    let mut sessions = 0u64;
    let mut dropped = 0u64;
    let (mut wanted, mut delivered) = (0, 0);
    let (mut packets, mut packets_lost, mut updates_resent, mut inputs_lost) = (0, 0, 0, 0);
    let mut group_results = Vec::new();
    // Each local PC's desktop, with the position of its group.
    let local_desktops = || {
        locals.iter().flat_map(|&(index, o)| {
            o.desktop
                .iter()
                .flat_map(|d| d.groups.iter().flatten())
                .map(move |g| (index, g))
        })
    };
    for (index, (g, spec)) in desktop.groups.iter().zip(groups).enumerate() {
        let Some(g) = g else { continue };
        let (local_frames, local_wanted) = local_desktops()
            .filter(|&(i, _)| i == index)
            .fold((0, 0), |(d, w), (_, l)| {
                (d + l.frames_delivered, w + l.frames_wanted)
            });
        all.merge(&g.latency);
        within += g.within_good;
        bytes += g.bytes;
        sessions += u64::from(g.sessions);
        dropped += u64::from(g.sessions_dropped);
        wanted += g.frames_wanted;
        delivered += g.frames_delivered;
        packets += g.packets;
        packets_lost += g.packets_lost;
        updates_resent += g.updates_resent;
        inputs_lost += g.inputs_lost;
        let mut result = group_result(spec, g, per_us, seconds);
        result.local_frames_delivered = local_frames;
        result.local_frames_wanted = local_wanted;
        group_results.push(result);
    }
    let l = ms(&all);
    let cap = outcome.capacity.max(1) as f64;
    let pct = |c: u64| c as f64 * 100.0 / cap;
    let busy = |c: Category| outcome.busy[c as usize];
    let roles = desktop.role_cycles;
    let user = busy(Category::GuestUser);
    let role_sum: u64 = roles.iter().sum();
    let total: u64 = outcome.busy.iter().sum();
    let cpu = VdiCpu {
        applications: pct(roles[Role::App.index()] + roles[Role::Player.index()]),
        encode: pct(roles[Role::Agent.index()]),
        guest_background: pct(roles[Role::Services.index()] + roles[Role::SessionServices.index()]),
        guest_user_other: pct(user.saturating_sub(role_sum)),
        guest_kernel: pct(busy(Category::GuestKernel)),
        hypervisor: pct(busy(Category::Hypervisor)
            + busy(Category::DeviceEmulation)
            + busy(Category::HostOs)),
        idle: pct(outcome.capacity.saturating_sub(total)),
    };
    let local = (local_desktops().next().is_some()).then(|| {
        let mut h = Histogram::default();
        let (mut wanted, mut delivered) = (0, 0);
        for (_, g) in local_desktops() {
            h.merge(&g.latency);
            wanted += g.frames_wanted;
            delivered += g.frames_delivered;
        }
        let l = ms(&h);
        LocalDesktop {
            latency_p50_ms: l.p50_us / 1000.0,
            latency_p99_ms: l.p99_us / 1000.0,
            frames_wanted: wanted,
            frames_delivered: delivered,
        }
    });
    VdiResult {
        protocol: net.protocol,
        session_host: net.session_host,
        rtt_ms: net.rtt_us as f64 / 1000.0,
        client_bandwidth_mbit_s: net.client_bandwidth_kbit_s as f64 / 1000.0,
        loss_percent: net.loss_ppm as f64 / 10_000.0,
        sessions,
        sessions_dropped: dropped,
        inputs: l.count,
        latency_mean_ms: l.mean_us / 1000.0,
        latency_p50_ms: l.p50_us / 1000.0,
        latency_p99_ms: l.p99_us / 1000.0,
        within_150ms_percent: if l.count == 0 {
            0.0
        } else {
            within as f64 * 100.0 / l.count as f64
        },
        latency_bins: latency_bins(&all, per_us),
        bandwidth_kbit_s: bytes as f64 * 8.0 / 1000.0 / seconds / sessions.max(1) as f64,
        frames_wanted: wanted,
        frames_delivered: delivered,
        packets_sent: packets,
        packets_lost,
        updates_resent,
        inputs_lost,
        cpu,
        groups: group_results,
        local,
        note: Text::new(
            "input-to-display latency: input sampling, half RTT in, the application on its vCPU, the wait for the protocol's next capture, encoding, the guest's network path, host NIC and client link, half RTT out, client decode, the display's next refresh",
            "입력-화면 지연: 입력 샘플링, RTT 절반(입력), vCPU 위의 애플리케이션, 프로토콜의 다음 캡처까지 대기, 인코딩, 게스트 네트워크 경로, 호스트 NIC와 클라이언트 링크, RTT 절반(화면), 클라이언트 디코딩, 화면의 다음 주사",
        ),
    }
}

/// The lifecycle of a session host's first group, per user: a user logs on to the running
/// server OS (no VM to create, no OS to boot); the footprint is the session's own memory plus
/// its share of the server OS and the hypervisor's state for the one VM.
pub(super) fn session_host_lifecycle(
    l: &mut crate::lifecycle::LifecycleResult,
    s: &crate::Scenario,
    p_index: usize,
) {
    use crate::lifecycle::{storm, time_steps_alone, FootprintPart, StartStep};
    let c = &s.costs;
    let background = s.platforms[p_index].host_background_percent;
    let mine: Vec<&crate::instance::InstanceSpec> = s
        .instances
        .iter()
        .filter(|i| i.platforms.contains(&p_index))
        .collect();
    let Some(first) = mine.first() else { return };
    let logon = StartStep {
        what: Text::new(
            "user logs on to the running server OS (profile, shell, start-up applications)",
            "실행 중인 서버 OS에 사용자 로그온 (프로필, 셸, 시작 프로그램)",
        ),
        cpu_us: c.desktop_logon_us,
        read_mib: c.desktop_logon_read_mib,
        read_requests: 0,
        read_request_kib: crate::boot::read_request_kib(c, first.guest_os),
        alone_ms: 0.0,
    };
    let mut steps = vec![logon.clone()];
    time_steps_alone(&mut steps, &s.host, background);
    l.startup_ms = storm(&[steps.clone()], &s.host, background, s.seed)[0];
    let users: usize = mine.iter().map(|i| i.count as usize).sum();
    l.startup_all_ms = storm(&vec![vec![logon]; users], &s.host, background, s.seed)
        .into_iter()
        .fold(0.0, f64::max);
    l.steps = steps;
    let sessions = f64::from(first.count.max(1));
    // The shared server OS alone: no working set, memory for its base and nothing beyond.
    let stack = &s.platforms[p_index].stack;
    let os_alone = crate::instance::InstanceSpec {
        working_set_mib: 0,
        memory_mib: crate::memory::guest_base_mib(stack, first.guest_os, c),
        ..(*first).clone()
    };
    let os = crate::lifecycle::footprint(stack, &os_alone, &[], c);
    let os_mib: f64 = os.iter().map(|f| f.mib).sum();
    l.footprint = vec![
        FootprintPart {
            what: Text::new(
                "user session: profile, shell, applications",
                "사용자 세션: 프로필, 셸, 애플리케이션",
            ),
            mib: c.desktop_session_mib as f64,
        },
        FootprintPart {
            what: Text::new(
                format!("share of the server OS and its VM (over {sessions} sessions)"),
                format!("서버 OS와 그 VM의 몫 (세션 {sessions}개로 나눔)"),
            ),
            mib: os_mib / sessions,
        },
    ];
    l.footprint_mib = l.footprint.iter().map(|f| f.mib).sum();
}

fn group_result(
    spec: &GroupSpec,
    g: &DesktopGroupOutcome,
    per_us: u64,
    seconds: f64,
) -> VdiGroupResult {
    let l = LatencySummary::from_histogram(&g.latency, per_us);
    let sessions = f64::from(g.sessions.max(1));
    let bucket_s = SERIES_BUCKET_MS as f64 / 1000.0;
    VdiGroupResult {
        group: spec.name.clone(),
        workload: spec.workload.name.clone(),
        sessions: g.sessions,
        inputs: l.count,
        latency_mean_ms: l.mean_us / 1000.0,
        latency_p50_ms: l.p50_us / 1000.0,
        latency_p99_ms: l.p99_us / 1000.0,
        bandwidth_kbit_s: g.bytes as f64 * 8.0 / 1000.0 / seconds / sessions,
        bandwidth_series_kbit_s: g
            .series
            .iter()
            .take((seconds / bucket_s).ceil() as usize)
            .map(|&b| b as f64 * 8.0 / 1000.0 / bucket_s / sessions)
            .collect(),
        frames_wanted: g.frames_wanted,
        frames_delivered: g.frames_delivered,
        local_frames_delivered: 0,
        local_frames_wanted: 0,
        quality_percent: if g.captures == 0 {
            100.0
        } else {
            g.quality_sum as f64 / g.captures as f64
        },
    }
}

/// The latency distribution in at most about 30 bins of 10 ms (or a multiple of 10 ms):
/// (upper bound in ms, percent of inputs).
fn latency_bins(h: &Histogram, per_us: u64) -> Vec<(f64, f64)> {
    if h.count() == 0 {
        return Vec::new();
    }
    let max_ms = h.max() as f64 / per_us as f64 / 1000.0;
    let width = 10.0 * (max_ms / 300.0).ceil().max(1.0);
    let n = (max_ms / width).floor() as usize + 1;
    let mut bins = vec![0u64; n];
    for (low, count) in h.buckets() {
        let at = low as f64 / per_us as f64 / 1000.0;
        bins[((at / width).floor() as usize).min(n - 1)] += count;
    }
    let total = h.count() as f64;
    bins.iter()
        .enumerate()
        .map(|(i, &c)| ((i + 1) as f64 * width, c as f64 * 100.0 / total))
        .collect()
}
