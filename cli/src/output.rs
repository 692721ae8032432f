//! Rendering results as terminal tables and CSV, and the built-in benchmark scenario.

use std::fmt::Write;

use sim_core::RunResult;

/// A latency in ms, or `-` when no update was measured (a zero mean).
fn latency_ms(mean: f64, value: f64) -> String {
    if mean > 0.0 {
        format!("{value:.1}")
    } else {
        "-".to_string()
    }
}

/// The snake_case name an enum has in scenario files and JSON.
fn snake<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn technique_label(p: &sim_core::PlatformResult) -> String {
    let mut parts = vec![snake(&p.kind)];
    if let Some(t) = p.technique {
        parts.push(snake(&t));
    }
    if let Some(io) = p.io {
        parts.push(format!("io={}", snake(&io)));
    }
    parts.join(" ")
}

/// Human-readable tables.
pub fn table(r: &RunResult, lang: &str) -> String {
    let ko = lang == "ko";
    let mut out = String::new();
    let title = r
        .title
        .as_ref()
        .map_or(r.scenario.clone(), |t| t.get(lang).to_string());
    let _ = writeln!(out, "{title}");
    if ko {
        let _ = writeln!(
            out,
            "시드 {}, 플랫폼마다 {} ms 시뮬레이션, pCPU {}개 {} MHz, 이벤트 {}개\n",
            r.seed, r.duration_ms, r.cores, r.clock_mhz, r.events
        );
    } else {
        let _ = writeln!(
            out,
            "seed {}, {} ms simulated per platform, {} pCPUs at {} MHz, {} events\n",
            r.seed, r.duration_ms, r.cores, r.clock_mhz, r.events
        );
    }
    let _ = writeln!(
        out,
        "{:<22} {:<34} {:>12} {:>9} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>10}",
        if ko { "플랫폼" } else { "platform" },
        if ko { "구성" } else { "stack" },
        "ops/s",
        "vs native",
        "user%",
        "kern%",
        "hyp%",
        "emu%",
        "host%",
        "idle%",
        "steal%",
        "exits/s"
    );
    for p in &r.platforms {
        let _ = writeln!(
            out,
            "{:<22} {:<34} {:>12.0} {:>8.1}% {:>7.1} {:>7.1} {:>7.1} {:>7.1} {:>7.1} {:>7.1} {:>7.1} {:>10.0}",
            p.name,
            technique_label(p),
            p.throughput,
            p.relative_performance_percent,
            p.cpu.guest_user,
            p.cpu.guest_kernel,
            p.cpu.hypervisor,
            p.cpu.device_emulation,
            p.cpu.host_os,
            p.cpu.idle,
            p.steal_percent,
            p.exits_per_second
        );
    }
    if r.platforms.iter().any(|p| p.groups.len() > 1) {
        let _ = writeln!(
            out,
            "\n{}",
            if ko {
                "인스턴스 그룹별"
            } else {
                "per instance group"
            }
        );
        for p in &r.platforms {
            for g in &p.groups {
                let _ = writeln!(
                    out,
                    "{:<22} {:<20} {:<16} x{:<4} {:>12.0} ops/s {:>7.1}% vs native",
                    p.name,
                    g.name,
                    g.workload,
                    g.count,
                    g.throughput,
                    g.relative_performance_percent
                );
            }
        }
    }
    let _ = writeln!(
        out,
        "\n{}",
        if ko {
            "연산별 지연 (µs): 평균 / p50 / p99"
        } else {
            "latency per operation (µs): mean / p50 / p99"
        }
    );
    for p in &r.platforms {
        let _ = write!(out, "{:<22}", p.name);
        for l in p
            .latency
            .iter()
            .filter(|l| l.op.name() != "timer_interrupt")
        {
            let _ = write!(
                out,
                " {}={:.1}/{:.1}/{:.1}",
                l.op.name(),
                l.latency.mean_us,
                l.latency.p50_us,
                l.latency.p99_us
            );
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(
        out,
        "\n{}",
        if ko {
            "exit/트랩 사유 (초당)"
        } else {
            "exits and traps by reason (per second)"
        }
    );
    for p in &r.platforms {
        let reasons: Vec<String> = p
            .exits
            .iter()
            .map(|e| format!("{}={:.0}", e.reason.name(), e.per_second))
            .collect();
        let _ = writeln!(
            out,
            "{:<22} {}",
            p.name,
            if reasons.is_empty() {
                "-".to_string()
            } else {
                reasons.join(" ")
            }
        );
    }
    lifecycle_tables(&mut out, r, lang);
    let _ = writeln!(
        out,
        "\n{}",
        if ko {
            "비교표 (seed 문서의 표, 측정값 포함)"
        } else {
            "comparison table (the seed document's table, with measured figures)"
        }
    );
    for (row_index, heading) in r.table.row_headings.iter().enumerate() {
        let _ = writeln!(out, "[{}]", heading.get(lang));
        for column in &r.table.columns {
            let cell = &column.cells[row_index];
            let _ = writeln!(
                out,
                "  {:<30} {} | {}",
                column.heading.get(lang),
                cell.seed.get(lang),
                cell.measured.get(lang)
            );
        }
    }
    if let Some(sweep) = &r.sweep {
        let target = sweep
            .p99_target_us
            .map_or(String::new(), |t| format!(", p99 target {t} µs"));
        let _ = writeln!(
            out,
            "\n{} `{}` ({} p99{target})",
            if ko {
                "통합 곡선: 인스턴스 수에 따른 지연"
            } else {
                "consolidation sweep: copies of"
            },
            sweep.instance,
            sweep.op.name()
        );
        for curve in &sweep.curves {
            let points: Vec<String> = curve
                .points
                .iter()
                .map(|p| {
                    format!(
                        "{}:{:.1}µs{}",
                        p.count,
                        p.p99_us,
                        if p.meets_target { "" } else { "!" }
                    )
                })
                .collect();
            let density = curve
                .density_at_target
                .map_or("-".to_string(), |d| d.to_string());
            let _ = writeln!(
                out,
                "{:<22} {}  {} {density}",
                curve.platform,
                points.join(" "),
                if ko { "밀도" } else { "density" }
            );
        }
    }
    if !r.questions.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            if ko {
                "질문과 계산된 답"
            } else {
                "questions and computed answers"
            }
        );
        for q in &r.questions {
            let _ = writeln!(out, "{}: {}\n  -> {}", q.id, q.text.get(lang), q.answer);
        }
    }
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One row per (platform, operation), with the platform's headline figures repeated.
pub fn csv(r: &RunResult) -> String {
    let mut out = String::from(
        "scenario,seed,platform,kind,technique,io,throughput_ops_s,relative_performance_percent,guest_user_pct,guest_kernel_pct,hypervisor_pct,device_emulation_pct,host_os_pct,idle_pct,steal_pct,exits_per_s,op,count,mean_us,p50_us,p99_us\n",
    );
    for p in &r.platforms {
        for l in &p.latency {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{:.3},{:.3},{:.3},{:.3},{:.3},{:.3},{:.3},{:.3},{:.3},{:.3},{},{},{:.3},{:.3},{:.3}",
                csv_field(&r.scenario),
                r.seed,
                csv_field(&p.name),
                snake(&p.kind),
                p.technique.map(|t| snake(&t)).unwrap_or_default(),
                p.io.map(|t| snake(&t)).unwrap_or_default(),
                p.throughput,
                p.relative_performance_percent,
                p.cpu.guest_user,
                p.cpu.guest_kernel,
                p.cpu.hypervisor,
                p.cpu.device_emulation,
                p.cpu.host_os,
                p.cpu.idle,
                p.steal_percent,
                p.exits_per_second,
                l.op.name(),
                l.latency.count,
                l.latency.mean_us,
                l.latency.p50_us,
                l.latency.p99_us
            );
        }
    }
    out
}

/// The benchmark of the sim-core issue: 64 pCPUs, 512 vCPUs, syscall-heavy, on type 1.
pub fn bench_scenario(seconds: u64) -> String {
    format!(
        r#"
[scenario]
name = "bench"
seed = 1
duration_ms = {}

[host]
cores = 64
memory_gib = 2048

[[platform]]
name = "type1-hw"
kind = "type1"
technique = "hardware_assist"

[[instance]]
name = "vm"
count = 128
vcpus = 4
memory_gib = 8
workload = "syscall-heavy"
"#,
        seconds * 1000
    )
}

/// Start-up, footprint and density; faults; desktop sessions.
fn lifecycle_tables(out: &mut String, r: &RunResult, lang: &str) {
    let ko = lang == "ko";
    let _ = writeln!(
        out,
        "\n{}",
        if ko {
            "수명 주기: 시작 시간, 메모리, 밀도"
        } else {
            "lifecycle: start-up, memory footprint, density"
        }
    );
    let _ = writeln!(
        out,
        "{:<22} {:>12} {:>14} {:>14} {:>10} {:>10} {:>10} {:>9}",
        if ko { "플랫폼" } else { "platform" },
        "start ms",
        "all-at-once ms",
        "MiB/instance",
        "cpu%/inst",
        "fit(mem)",
        "fit(cpu)",
        "density"
    );
    for p in &r.platforms {
        let l = &p.lifecycle;
        let cpu_fit = if l.density_cpu == u64::MAX {
            "-".to_string()
        } else {
            l.density_cpu.to_string()
        };
        let _ = writeln!(
            out,
            "{:<22} {:>12.0} {:>14.0} {:>14.0} {:>10.1} {:>10} {:>10} {:>9}",
            p.name,
            l.startup_ms,
            l.startup_all_ms,
            l.footprint_mib,
            l.cpu_per_instance_percent,
            l.density_memory,
            cpu_fit,
            l.density
        );
    }
    for p in &r.platforms {
        let steps: Vec<String> = p
            .lifecycle
            .steps
            .iter()
            .map(|s| format!("{} {:.0} ms", s.what.get(lang), s.alone_ms))
            .collect();
        let _ = writeln!(out, "  {:<20} {}", p.name, steps.join(" → "));
    }
    let faults: Vec<_> = r
        .platforms
        .iter()
        .flat_map(|p| p.faults.iter().map(move |f| (p, f)))
        .collect();
    if !faults.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            if ko {
                "장애 주입: 영향 범위"
            } else {
                "injected faults: blast radius"
            }
        );
        for (p, f) in faults {
            let _ = writeln!(
                out,
                "{:<22} {} at {} ms: {} failed; stopped {} ({}), {} kept running; {} ops lost; restart {:.0} ms",
                p.name,
                f.kind.name(),
                f.at_ms,
                f.failed.get(lang),
                f.stopped.len(),
                if f.stopped.len() <= 6 { f.stopped.join(", ") } else { format!("{}, ... {}", f.stopped[..3].join(", "), f.stopped[f.stopped.len() - 1]) },
                f.survivors,
                f.ops_lost,
                f.recovery_ms
            );
        }
    }
    let _ = writeln!(
        out,
        "\n{}",
        if ko {
            "격리: 공격 표면"
        } else {
            "isolation: attack surface"
        }
    );
    for p in &r.platforms {
        if let Some(a) = &p.attack_surface {
            let _ = writeln!(
                out,
                "{:<22} ~{} entry points, shared by {}: {}",
                p.name,
                a.entry_points,
                a.shared_by,
                a.interface.get(lang)
            );
        }
    }
    let vdis: Vec<_> = r
        .platforms
        .iter()
        .filter_map(|p| p.vdi.as_ref().map(|v| (p, v)))
        .collect();
    if !vdis.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            if ko {
                "데스크탑 가상화: 세션 (입력-화면 지연 ms, 세션당 대역폭, 프레임)"
            } else {
                "desktop virtualization: sessions (input-to-display latency ms, bandwidth per session, frames)"
            }
        );
        let _ = writeln!(
            out,
            "{:<22} {:<16} {:>8} {:>7} {:>8} {:>8} {:>8} {:>7} {:>11} {:>17} {:>6} {:>6} {:>6} {:>6} {:>6}",
            if ko { "플랫폼" } else { "platform" },
            "group",
            "sessions",
            "rtt ms",
            "p50 ms",
            "p99 ms",
            "<150ms%",
            "drop",
            "kbit/s",
            "frames done/want",
            "app%",
            "enc%",
            "bg%",
            "hyp%",
            "idle%"
        );
        for (p, v) in vdis {
            let _ = writeln!(
                out,
                "{:<22} {:<16} {:>8} {:>7.0} {:>8} {:>8} {:>8.1} {:>7} {:>11.1} {:>17} {:>6.1} {:>6.1} {:>6.1} {:>6.1} {:>6.1}",
                p.name,
                snake(&v.protocol),
                v.sessions,
                v.rtt_ms,
                latency_ms(v.latency_mean_ms, v.latency_p50_ms),
                latency_ms(v.latency_mean_ms, v.latency_p99_ms),
                v.within_150ms_percent,
                v.sessions_dropped,
                v.bandwidth_kbit_s,
                format!("{}/{}", v.frames_delivered, v.frames_wanted),
                v.cpu.applications,
                v.cpu.encode,
                v.cpu.guest_background,
                v.cpu.hypervisor,
                v.cpu.idle
            );
            for g in &v.groups {
                let _ = writeln!(
                    out,
                    "  {:<20} {:<16} {:>8} {:>7} {:>8} {:>8} {:>8} {:>7} {:>11.1} {:>17}",
                    g.group,
                    g.workload,
                    g.sessions,
                    "",
                    latency_ms(g.latency_mean_ms, g.latency_p50_ms),
                    latency_ms(g.latency_mean_ms, g.latency_p99_ms),
                    "",
                    "",
                    g.bandwidth_kbit_s,
                    format!("{}/{}", g.frames_delivered, g.frames_wanted)
                );
            }
        }
    }
}
