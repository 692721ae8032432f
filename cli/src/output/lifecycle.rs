//! Start-up, footprint and density; faults and the attack surface; desktop sessions.

use super::*;

/// Under the attack-surface lines: what the counts are not.
pub(super) const ATTACK_SURFACE_NOTE_EN: &str = "(counts of entry points, not of risk: an emulated device model is far larger than an exit handler, and most published VM escapes went through one, e.g. VENOM, CVE-2015-3456, in QEMU's floppy controller)";
pub(super) const ATTACK_SURFACE_NOTE_KO: &str = "(진입점의 개수일 뿐 위험의 크기가 아님: 에뮬레이션 장치 모델은 exit 핸들러보다 훨씬 크고, 공개된 VM 탈출은 대부분 장치 모델을 거쳤음. 예: QEMU 플로피 컨트롤러의 VENOM, CVE-2015-3456)";

/// Start-up, footprint and density; faults; desktop sessions.
pub(super) fn lifecycle_tables(out: &mut String, r: &RunResult, lang: &str) {
    let ko = lang == "ko";
    let nw = name_width(r);
    section(
        out,
        ko,
        "lifecycle: start-up, memory footprint, density",
        "수명 주기: 시작 시간, 메모리, 밀도",
    );
    let headers = [
        tr(ko, "start ms", "시작 ms"),
        tr(ko, "all-at-once ms", "동시 시작 ms"),
        tr(ko, "MiB/instance", "인스턴스당 MiB"),
        tr(ko, "cpu%/inst", "인스턴스당 CPU%"),
        tr(ko, "fit(mem)", "메모리 기준"),
        tr(ko, "fit(cpu)", "CPU 기준"),
        tr(ko, "density", "밀도"),
    ];
    let widths = header_widths(&headers, [12, 14, 14, 15, 11, 10, 9]);
    let _ = write!(out, "{}", pad(tr(ko, "platform", "플랫폼"), nw));
    for (h, w) in headers.iter().zip(widths) {
        let _ = write!(out, " {}", rpad(h, w));
    }
    let _ = writeln!(out);
    for p in &r.platforms {
        let l = &p.lifecycle;
        let cpu_fit = l.density_cpu.map_or_else(|| "-".to_string(), count);
        let figures = [
            fixed(l.startup_ms, 0),
            fixed(l.startup_all_ms, 0),
            fixed(l.footprint_mib, 0),
            fixed(l.cpu_per_instance_percent, 1),
            count(l.density_memory),
            cpu_fit,
            count(l.density),
        ];
        let _ = write!(out, "{}", pad(&clean(&p.name), nw));
        for (f, w) in figures.iter().zip(widths) {
            let _ = write!(out, " {}", rpad(f, w));
        }
        let _ = writeln!(out);
    }
    if r.platforms
        .iter()
        .any(|p| p.lifecycle.density_cpu == Some(0))
    {
        let _ = writeln!(
            out,
            "  {}",
            tr(
                ko,
                "fit(cpu) 0: to keep up with native, one instance alone would need more CPU than the host's utilization ceiling (80% of its cores by default); it still runs, slower than native",
                "CPU 기준 0: 네이티브 속도를 내려면 인스턴스 하나만으로도 호스트의 CPU 사용 상한(기본값: 코어의 80%)보다 많은 CPU가 필요합니다. 실행은 되지만 네이티브보다 느립니다",
            )
        );
    }
    // Density counts instances that can run: one that the OOM killer stops even alone
    // fits nowhere, whatever its footprint.
    for p in &r.platforms {
        let Some(reason) = p.lifecycle.oom_alone else {
            continue;
        };
        let why = reason.text();
        let name = clean(&p.name);
        let _ = writeln!(
            out,
            "  {}",
            if ko {
                format!(
                    "`{name}`의 메모리 기준 0: 인스턴스 하나만 있어도 OOM kill되므로({}) 호스트 메모리가 얼마든 일을 할 수 없습니다",
                    clean(&why.ko)
                )
            } else {
                format!(
                    "fit(mem) 0 on `{name}`: one instance alone is OOM-killed ({}), so none can do its work however much memory the host has",
                    clean(&why.en)
                )
            }
        );
    }
    for p in &r.platforms {
        let steps: Vec<String> = p
            .lifecycle
            .steps
            .iter()
            .map(|s| {
                // Steps on the host kernel take well under a millisecond: keep a decimal.
                let digits = if s.alone_ms < 10.0 { 1 } else { 0 };
                format!(
                    "{} {} ms",
                    clean(s.what.get(lang)),
                    fixed(s.alone_ms, digits)
                )
            })
            .collect();
        let _ = writeln!(out, "  {} {}", pad(&clean(&p.name), 20), steps.join(" → "));
    }
    let faults: Vec<_> = r
        .platforms
        .iter()
        .flat_map(|p| p.faults.iter().map(move |f| (p, f)))
        .collect();
    if !faults.is_empty() {
        section(
            out,
            ko,
            "faults (injected, and OOM kills of instances out of memory): blast radius",
            "장애 (주입된 것과 메모리가 모자란 인스턴스의 OOM kill): 영향 범위",
        );
        for (p, f) in faults {
            let stopped: Vec<String> = f.stopped.iter().map(|s| clean(s)).collect();
            let stopped = if stopped.len() <= 6 {
                stopped.join(", ")
            } else {
                format!(
                    "{}, ... {}",
                    stopped[..3].join(", "),
                    stopped[stopped.len() - 1]
                )
            };
            let name = pad(&clean(&p.name), 22);
            let failed = clean(f.failed.get(lang));
            // On desktops, the users' sessions the instances carried (a session host: all
            // of its users).
            // The stopped sessions go in the brackets of the stopped names ("stopped 8
            // (desk-1, ... desk-8; 8 sessions)"), not in a second pair beside them.
            let (stopped_sessions, surviving_sessions) = match f.sessions {
                Some(s) if ko => (
                    format!("; 세션 {}개", count(s.stopped)),
                    format!(" (세션 {}개)", count(s.surviving)),
                ),
                Some(s) => (
                    format!("; {} {}", count(s.stopped), plural_sessions(s.stopped)),
                    format!(" ({} {})", count(s.surviving), plural_sessions(s.surviving)),
                ),
                None => (String::new(), String::new()),
            };
            if f.component == sim_core::isolation::Component::NoHostOs {
                // A host OS crash under a type-1 hypervisor that has none: nothing failed,
                // nothing restarts.
                if ko {
                    let _ = writeln!(
                        out,
                        "{name} {} ({} ms): {failed}: 멈춘 것 없음, {}개{surviving_sessions} 계속 실행",
                        ko_word(f.kind.name()),
                        count(f.at_ms),
                        count(f.survivors),
                    );
                } else {
                    let _ = writeln!(
                        out,
                        "{name} {} at {} ms: {failed}: nothing to crash, none stopped, {}{surviving_sessions} kept running",
                        f.kind.name(),
                        count(f.at_ms),
                        count(f.survivors),
                    );
                }
            } else if ko {
                // "하이퍼바이저 장애 (100 ms): 하이퍼바이저이(가) 멈춤", not "...: 하이퍼바이저
                // 장애" again.
                let line = format!(
                    "{name} {} ({} ms): {failed}이(가) 멈춤; {}, {}개{surviving_sessions} 계속 실행; 잃은 연산 {}개; 재시작 {} ms{}",
                    ko_word(f.kind.name()),
                    count(f.at_ms),
                    if f.stopped.is_empty() {
                        "중단된 것 없음 (앞선 장애로 이미 멈춤)".to_string()
                    } else {
                        format!("{}개 중단 ({stopped}{stopped_sessions})", count(f.stopped.len()))
                    },
                    count(f.survivors),
                    count(f.ops_lost),
                    fixed(f.recovery_ms, 0),
                    host_boot(f, p.kind, true),
                );
                let _ = writeln!(out, "{}", sim_core::text::particles(&line));
            } else {
                let _ = writeln!(
                    out,
                    "{name} {} at {} ms: {failed} failed; {}, {}{surviving_sessions} kept running; {} ops lost; restart {} ms{}",
                    f.kind.name(),
                    count(f.at_ms),
                    if f.stopped.is_empty() {
                        "stopped none (an earlier fault had stopped them)".to_string()
                    } else {
                        format!("stopped {} ({stopped}{stopped_sessions})", count(f.stopped.len()))
                    },
                    count(f.survivors),
                    count(f.ops_lost),
                    fixed(f.recovery_ms, 0),
                    host_boot(f, p.kind, false),
                );
            }
        }
    }
    memory_sections(out, r, ko);
    section(out, ko, "isolation: attack surface", "격리: 공격 표면");
    for p in &r.platforms {
        if let Some(a) = &p.attack_surface {
            let name = pad(&clean(&p.name), 22);
            let interface = clean(a.interface.get(lang));
            if ko {
                let _ = writeln!(
                    out,
                    "{name} 진입점 약 {}개, 인스턴스 {}개가 공유: {interface}",
                    count(a.entry_points),
                    count(a.shared_by)
                );
            } else {
                let _ = writeln!(
                    out,
                    "{name} ~{} entry points, shared by {}: {interface}",
                    count(a.entry_points),
                    count(a.shared_by)
                );
            }
        }
    }
    if r.platforms.iter().any(|p| p.attack_surface.is_some()) {
        let _ = writeln!(
            out,
            "{}",
            tr(ko, ATTACK_SURFACE_NOTE_EN, ATTACK_SURFACE_NOTE_KO)
        );
    }
    let vdis: Vec<_> = r
        .platforms
        .iter()
        .filter_map(|p| p.vdi.as_ref().map(|v| (p, v)))
        .collect();
    if !vdis.is_empty() {
        section(out, ko, "desktop virtualization: sessions (input-to-display latency ms, bandwidth per session, frames)", "데스크톱 가상화: 세션 (입력-화면 지연 ms, 세션당 대역폭, 프레임)");
        let headers = [
            tr(ko, "sessions", "세션"),
            tr(ko, "rtt ms", "RTT ms"),
            tr(ko, "inputs shown", "표시된 입력"),
            "p50 ms",
            "p99 ms",
            tr(ko, "local p50", "로컬 p50"),
            tr(ko, "<150ms%", "150 ms 이내 %"),
            tr(ko, "sessions dropped", "끊긴 세션"),
            "kbit/s",
            tr(ko, "frames done/want", "프레임 전달/요청"),
            tr(ko, "app%", "앱%"),
            tr(ko, "enc%", "인코딩%"),
            tr(ko, "bg%", "배경%"),
            tr(ko, "hyp%", "하이퍼바이저%"),
            tr(ko, "idle%", "유휴%"),
        ];
        let widths = header_widths(&headers, [8, 7, 12, 8, 8, 9, 11, 16, 11, 17, 6, 8, 6, 8, 6]);
        let _ = write!(
            out,
            "{} {}",
            pad(tr(ko, "platform", "플랫폼"), nw),
            pad(tr(ko, "protocol/group", "프로토콜/그룹"), 16)
        );
        for (h, w) in headers.iter().zip(widths) {
            let _ = write!(out, " {}", rpad(h, w));
        }
        let _ = writeln!(out);
        for &(p, v) in &vdis {
            let figures = [
                count(v.sessions),
                fixed(v.rtt_ms, 0),
                count(v.inputs),
                latency_ms(v.latency_mean_ms, v.latency_p50_ms),
                latency_ms(v.latency_mean_ms, v.latency_p99_ms),
                v.local.as_ref().map_or(String::new(), |l| {
                    if l.frames_delivered == 0 {
                        "-".to_string()
                    } else {
                        fixed(l.latency_p50_ms, 1)
                    }
                }),
                latency_ms(v.latency_mean_ms, v.within_150ms_percent),
                count(v.sessions_dropped),
                fixed(v.bandwidth_kbit_s, 1),
                format!("{}/{}", count(v.frames_delivered), count(v.frames_wanted)),
                share(v.cpu.applications),
                share(v.cpu.encode),
                share(v.cpu.guest_background),
                share(v.cpu.hypervisor),
                share(v.cpu.idle),
            ];
            let _ = write!(
                out,
                "{} {}",
                pad(&clean(&p.name), nw),
                pad(&snake(&v.protocol), 16)
            );
            for (f, w) in figures.iter().zip(widths) {
                let _ = write!(out, " {}", rpad(f, w));
            }
            let _ = writeln!(out);
            for g in &v.groups {
                let figures = [
                    count(g.sessions),
                    String::new(),
                    count(g.inputs),
                    latency_ms(g.latency_mean_ms, g.latency_p50_ms),
                    latency_ms(g.latency_mean_ms, g.latency_p99_ms),
                    String::new(),
                    String::new(),
                    String::new(),
                    fixed(g.bandwidth_kbit_s, 1),
                    format!("{}/{}", count(g.frames_delivered), count(g.frames_wanted)),
                ];
                let _ = write!(
                    out,
                    "  {} {}",
                    pad(&clean(&g.group), 20),
                    pad(&clean(&g.workload), 16)
                );
                for (f, w) in figures.iter().zip(widths) {
                    let _ = write!(out, " {}", rpad(f, w));
                }
                let _ = writeln!(out);
            }
        }
        // A group whose users only watch (video) makes no inputs: no input latency.
        let silent = vdis
            .iter()
            .any(|(_, v)| v.groups.iter().any(|g| g.latency_mean_ms <= 0.0));
        // Groups that displayed few inputs: their p50 and p99 (or their p99) say little.
        let inputs = vdis
            .iter()
            .flat_map(|(_, v)| v.groups.iter().map(|g| g.inputs));
        for note in sim_core::desktop::sample_notes(inputs) {
            let text = if ko { note.ko } else { note.en };
            // In brackets, as the other notes under the table: "(a group ...)".
            let mut chars = text.chars();
            let first = chars.next().map(|c| c.to_lowercase().collect::<String>());
            let _ = writeln!(out, "({}{})", first.unwrap_or_default(), chars.as_str());
        }
        let _ = writeln!(
            out,
            "{}",
            tr(
                ko,
                "(inputs shown: those whose update reached the screen within the run; the longer the round trip, the more are still on their way when it ends)",
                "(표시된 입력: 실행 안에 화면 갱신이 표시된 입력; 왕복 시간이 길수록 실행이 끝날 때 아직 오가는 입력이 많습니다)",
            )
        );
        // What a lossy link did: invisible in the percentiles when few updates lose a
        // packet (an instructor's review: 0.5 % loss left p99 where it was).
        for &(p, v) in vdis.iter().filter(|(_, v)| v.loss_percent > 0.0) {
            let share = if v.packets_sent == 0 {
                0.0
            } else {
                v.packets_lost as f64 * 100.0 / v.packets_sent as f64
            };
            let _ = writeln!(
                out,
                "{}",
                if ko {
                    format!(
                        "({}: 손실 {}%의 링크에서 서버가 보낸 패킷 {}개 중 {}개({share:.2}%)가 손실되어 다시 보냄(UDP 동영상 프레임은 제외); 그 때문에 늦게 표시된 화면 갱신 {}개, 다시 보낸 입력 {}개)",
                        clean(&p.name),
                        v.loss_percent,
                        v.packets_sent,
                        v.packets_lost,
                        v.updates_resent,
                        v.inputs_lost
                    )
                } else {
                    format!(
                        "({}: on a link losing {}%, {} of the {} packets the server sent were lost ({share:.2}%) and sent again (not a video frame's over UDP); {} updates were shown late for it, and {} inputs were sent again)",
                        clean(&p.name),
                        v.loss_percent,
                        v.packets_lost,
                        v.packets_sent,
                        v.updates_resent,
                        v.inputs_lost
                    )
                }
            );
        }
        if silent {
            let _ = writeln!(
                out,
                "{}",
                tr(
                    ko,
                    "(- under p50/p99: the group's users made no inputs in the run (video users only watch; idle desktops and very short runs have none either); its frames still count in frames done/want)",
                    "(p50/p99의 -: 그 그룹의 사용자가 실행 중에 입력을 하지 않았습니다(동영상 사용자는 보기만 하고, 유휴 데스크톱이나 아주 짧은 실행에도 입력이 없습니다). 그 프레임은 프레임 전달/요청에 들어 있습니다)",
                )
            );
        }
    }
}

/// "session" or "sessions" after a count.
fn plural_sessions(n: u64) -> &'static str {
    if n == 1 {
        "session"
    } else {
        "sessions"
    }
}

/// The server's own boot inside a fault's restart time, when the failed component was
/// shared (host kernel, hypervisor, server): a container's restart of two minutes is
/// mostly its host's firmware, not the containers. What boots on the server is its host
/// OS, or on a type-1 hypervisor (a VDI server's included) the hypervisor, which has no
/// host OS under it.
fn host_boot(
    f: &sim_core::isolation::FaultResult,
    kind: sim_core::PlatformKind,
    ko: bool,
) -> String {
    let hypervisor = matches!(
        kind,
        sim_core::PlatformKind::Type1 | sim_core::PlatformKind::Vdi
    );
    if f.host_boot_ms <= 0.0 {
        String::new()
    } else if f.component == sim_core::isolation::Component::DriverDomain {
        // After its driver domain crashed, the hypervisor waits before it restarts the host.
        if ko {
            format!(
                " (그중 하이퍼바이저의 재시작 대기와 서버와 하이퍼바이저 부팅 {} ms)",
                fixed(f.host_boot_ms, 0)
            )
        } else {
            format!(
                " (the hypervisor's wait before it restarts the host, then the server and its hypervisor boot: {} ms of it)",
                fixed(f.host_boot_ms, 0)
            )
        }
    } else if ko {
        format!(
            " (그중 서버와 {} 부팅 {} ms)",
            if hypervisor {
                "하이퍼바이저"
            } else {
                "호스트 OS"
            },
            fixed(f.host_boot_ms, 0)
        )
    } else {
        format!(
            " (the server and its {} boot first: {} ms of it)",
            if hypervisor { "hypervisor" } else { "host OS" },
            fixed(f.host_boot_ms, 0)
        )
    }
}
