//! Rendering results as terminal tables and CSV, and the built-in benchmark scenario.

use std::fmt::Write;

use sim_core::RunResult;

fn technique_label(p: &sim_core::PlatformResult) -> String {
    let mut parts = vec![format!("{:?}", p.kind).to_lowercase()];
    if let Some(t) = p.technique {
        parts.push(format!("{t:?}"));
    }
    if let Some(io) = p.io {
        parts.push(format!("io={io:?}"));
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
    let _ = writeln!(
        out,
        "seed {}, {} ms simulated per platform, {} pCPUs at {} MHz, {} events\n",
        r.seed, r.duration_ms, r.cores, r.clock_mhz, r.events
    );
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
                "{},{},{},{:?},{},{},{:.3},{:.3},{:.3},{:.3},{:.3},{:.3},{:.3},{:.3},{:.3},{:.3},{},{},{:.3},{:.3},{:.3}",
                csv_field(&r.scenario),
                r.seed,
                csv_field(&p.name),
                p.kind,
                p.technique.map(|t| format!("{t:?}")).unwrap_or_default(),
                p.io.map(|t| format!("{t:?}")).unwrap_or_default(),
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
