//! Shared helpers for the workspace tests.
//!
//! The style follows rust-analyzer's data-driven tests: one [`check`] helper compares an
//! actual text with an expectation file, and only `UPDATE_EXPECT=1` rewrites the file.
//! Results are compared through a compact text [`summary`] rather than the whole JSON, so
//! a golden diff shows which figure moved.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use sim_core::results::{OpLatency, PlatformResult, RunResult};
use sim_core::{ExitReason, Op, Scenario};

/// The workspace root (the parent of `tests/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// A path relative to the workspace root, with `/` separators, for messages.
pub fn display(path: &Path) -> String {
    let root = workspace_root();
    path.strip_prefix(&root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Every `*.<extension>` file directly in `dir`, sorted by name.
pub fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == extension))
        .collect();
    files.sort();
    files
}

/// Every Rust file under `dir` (recursively), in name order.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    let mut out = Vec::new();
    for path in entries {
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
    out
}

/// Every scenario file of the library (`scenarios/*.toml`), sorted by name.
pub fn scenario_files() -> Vec<PathBuf> {
    files_with_extension(&workspace_root().join("scenarios"), "toml")
}

/// Whether expectation files should be rewritten instead of compared.
pub fn update_expect() -> bool {
    std::env::var_os("UPDATE_EXPECT").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Compares `actual` with the content of `expect_file`.
///
/// With `UPDATE_EXPECT=1` the file is (re)written and the check passes. Otherwise a
/// missing file or a difference is an `Err` with a readable message; callers collect
/// these so that one run reports every stale expectation.
pub fn check(actual: &str, expect_file: &Path, test_command: &str) -> Result<(), String> {
    if update_expect() {
        if let Some(dir) = expect_file.parent() {
            std::fs::create_dir_all(dir).expect("create expectation directory");
        }
        let old = std::fs::read_to_string(expect_file).ok();
        if old.as_deref() != Some(actual) {
            std::fs::write(expect_file, actual)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", expect_file.display()));
            eprintln!("updated {}", display(expect_file));
        }
        return Ok(());
    }
    match std::fs::read_to_string(expect_file) {
        Err(_) => Err(format!(
            "missing expectation file {}\n  create it with: UPDATE_EXPECT=1 {test_command}\n  (then review the new file before committing it)",
            display(expect_file)
        )),
        Ok(expected) if expected == actual => Ok(()),
        Ok(expected) => Err(format!(
            "{} differs from the actual output (- expected, + actual):\n{}\n  if the change is intended: UPDATE_EXPECT=1 {test_command}",
            display(expect_file),
            line_diff(&expected, actual)
        )),
    }
}

/// Panics with every message of `failures`, if any.
pub fn assert_no_failures(what: &str, failures: &[String]) {
    if !failures.is_empty() {
        panic!(
            "{} {what} failed:\n\n{}",
            failures.len(),
            failures.join("\n\n")
        );
    }
}

/// A small line diff (longest common subsequence), with two lines of context.
pub fn line_diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let (n, m) = (a.len(), b.len());
    // lcs[i][j]: length of the LCS of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut ops: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            ops.push(('+', b[j]));
            j += 1;
        } else {
            ops.push(('-', a[i]));
            i += 1;
        }
    }
    let near_change = |k: usize| {
        let lo = k.saturating_sub(2);
        let hi = (k + 2).min(ops.len() - 1);
        (lo..=hi).any(|x| ops[x].0 != ' ')
    };
    let mut out = String::new();
    let mut skipped = false;
    for (k, (tag, line)) in ops.iter().enumerate() {
        if near_change(k) {
            if skipped {
                out.push_str("    ...\n");
                skipped = false;
            }
            let _ = writeln!(out, "  {tag} {line}");
        } else {
            skipped = true;
        }
    }
    out
}

/// Reads and validates a scenario file; panics with the validation message.
pub fn load(path: &Path) -> Scenario {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    Scenario::from_toml(&display(path), &text).unwrap_or_else(|e| panic!("{e}"))
}

/// Parses and validates an inline scenario; panics with the validation message.
pub fn scenario(text: &str) -> Scenario {
    Scenario::from_toml("inline.toml", text).unwrap_or_else(|e| panic!("{e}\n---\n{text}"))
}

/// Runs an inline scenario.
pub fn run(text: &str) -> RunResult {
    scenario(text).run().expect("run")
}

/// The platform called `name` of a result.
pub fn platform<'a>(result: &'a RunResult, name: &str) -> &'a PlatformResult {
    result
        .platforms
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no platform `{name}` in the result"))
}

/// Exits (or traps) of one reason on a platform, over the whole run.
pub fn exits(p: &PlatformResult, reason: ExitReason) -> u64 {
    p.exits
        .iter()
        .find(|e| e.reason == reason)
        .map_or(0, |e| e.count)
}

/// All exits of a platform over the whole run.
pub fn total_exits(p: &PlatformResult) -> u64 {
    p.exits.iter().map(|e| e.count).sum()
}

/// Completed operations of one kind on a platform.
pub fn op_count(p: &PlatformResult, op: Op) -> u64 {
    p.latency_of(op).map_or(0, |l| l.count)
}

fn latency_line(latency: &[OpLatency]) -> String {
    if latency.is_empty() {
        return "-".to_string();
    }
    latency
        .iter()
        .map(|l| {
            format!(
                "{}={}:{:.3}/{:.3}",
                l.op.name(),
                l.latency.count,
                l.latency.p50_us,
                l.latency.p99_us
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A compact, deterministic text summary of a run: the figures a student or a golden
/// test cares about, one platform per block.
pub fn summary(r: &RunResult) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "scenario {} | seed {} | {} ms | {} pCPUs @ {} MHz",
        r.scenario, r.seed, r.duration_ms, r.cores, r.clock_mhz
    );
    for p in &r.platforms {
        let stack = match (p.technique, p.io) {
            (Some(t), Some(io)) => format!("{:?} {:?} io={:?} mem={:?}", p.kind, t, io, p.memory),
            _ => format!("{:?}", p.kind),
        };
        // A type 2's hosted design (`Type2 ... mem=Nested hosted=WorldSwitch`).
        let stack = match p.hosted_design {
            Some(d) => format!("{stack} hosted={d:?}"),
            None => stack,
        };
        let _ = writeln!(s, "\nplatform {} ({stack}, {:?})", p.name, p.scheduler);
        let _ = writeln!(
            s,
            "  ops {} | {:.1}/s | {:.2}% of native ({:.1}/s) | steal {:.2}%",
            p.ops,
            p.throughput,
            p.relative_performance_percent,
            p.baseline_throughput,
            p.steal_percent
        );
        let c = &p.cpu;
        let _ = writeln!(
            s,
            "  cpu% user {:.2} kernel {:.2} hyp {:.2} emu {:.2} host {:.2} idle {:.2}",
            c.guest_user, c.guest_kernel, c.hypervisor, c.device_emulation, c.host_os, c.idle
        );
        let exits = if p.exits.is_empty() {
            "-".to_string()
        } else {
            p.exits
                .iter()
                .map(|e| format!("{}={}", e.reason.name(), e.count))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let _ = writeln!(s, "  exits {:.1}/s: {exits}", p.exits_per_second);
        let _ = writeln!(s, "  p50/p99 µs: {}", latency_line(&p.latency));
        if let Some(n) = &p.network {
            let _ = writeln!(
                s,
                "  network Gbit/s: sent {:.4} received {:.4} (native {:.4} / {:.4})",
                n.send_gbit_s, n.receive_gbit_s, n.baseline_send_gbit_s, n.baseline_receive_gbit_s
            );
        }
        if p.groups.len() > 1 {
            for g in &p.groups {
                let _ = writeln!(
                    s,
                    "  group {} ({} x{}): ops {} | {:.2}% of native",
                    g.name, g.workload, g.count, g.ops, g.relative_performance_percent
                );
            }
        }
        if let (Some(hit), Some(translate)) = (p.bt_tc_hit_percent, p.bt_translate_percent) {
            let _ = writeln!(
                s,
                "  translation cache: hit {hit:.2}%, translating {translate:.3}% of pCPU time"
            );
        }
        // Issue 3 figures, only where they matter (older goldens stay as they were).
        if !p.faults.is_empty() || p.vdi.is_some() {
            let l = &p.lifecycle;
            let _ = writeln!(
                s,
                "  lifecycle: start {:.1} ms, all {:.1} ms, {:.1} MiB/instance, density {} (mem {}, cpu {})",
                l.startup_ms, l.startup_all_ms, l.footprint_mib, l.density, l.density_memory,
                l.density_cpu.map_or_else(|| "-".to_string(), |n| n.to_string())
            );
        }
        for f in &p.faults {
            let _ = writeln!(
                s,
                "  fault {} at {} ms: {:?} stopped {} ({}), {} survive, {} ops lost, restart {:.1} ms",
                f.kind.name(), f.at_ms, f.component, f.stopped.len(), f.stopped.join(" "),
                f.survivors, f.ops_lost, f.recovery_ms
            );
        }
        if let Some(v) = &p.vdi {
            let _ = writeln!(
                s,
                "  vdi {:?} rtt {:.0} ms: p50/p99 {:.2}/{:.2} ms, {:.1} kbit/s, frames {}/{}, dropped sessions {}, cpu app {:.2} enc {:.2} bg {:.2} idle {:.2}",
                v.protocol, v.rtt_ms, v.latency_p50_ms, v.latency_p99_ms, v.bandwidth_kbit_s,
                v.frames_delivered, v.frames_wanted, v.sessions_dropped,
                v.cpu.applications, v.cpu.encode, v.cpu.guest_background, v.cpu.idle
            );
            if let Some(l) = &v.local {
                let _ = writeln!(
                    s,
                    "    local PC: p50/p99 {:.2}/{:.2} ms, frames {}/{}",
                    l.latency_p50_ms, l.latency_p99_ms, l.frames_delivered, l.frames_wanted
                );
            }
            for g in &v.groups {
                let _ = writeln!(
                    s,
                    "    {} ({} x{}): p50/p99 {:.2}/{:.2} ms, {:.1} kbit/s, frames {}/{}, quality {:.0}%",
                    g.group,
                    g.workload,
                    g.sessions,
                    g.latency_p50_ms,
                    g.latency_p99_ms,
                    g.bandwidth_kbit_s,
                    g.frames_delivered,
                    g.frames_wanted,
                    g.quality_percent
                );
            }
        }
    }
    // Only scenarios with a [sweep] print these lines, so other golden files stay as they are.
    if let Some(sweep) = &r.sweep {
        let _ = writeln!(
            s,
            "\nsweep {} ({} p99, target {:?} µs)",
            sweep.instance,
            sweep.op.name(),
            sweep.p99_target_us
        );
        for curve in &sweep.curves {
            let points = curve
                .points
                .iter()
                .map(|p| format!("{}:{:.3}/{:.1}", p.count, p.p99_us, p.throughput))
                .collect::<Vec<_>>()
                .join(" ");
            let _ = writeln!(
                s,
                "  {} density {:?}: {points}",
                curve.platform, curve.density_at_target
            );
        }
    }
    if !r.questions.is_empty() {
        s.push('\n');
    }
    for q in &r.questions {
        // The evidence shown: a numeric question's own platform (named), a choice's options.
        let evidence = q
            .shown_evidence()
            .iter()
            .map(|(name, v)| format!("{name}={v:.3}"))
            .collect::<Vec<_>>()
            .join(" ");
        let platform = q
            .platform
            .as_ref()
            .map_or(String::new(), |p| format!(" on {p}"));
        let _ = writeln!(
            s,
            "question {} ({:?}, {}{platform}): {} | {evidence}",
            q.id,
            q.kind,
            q.metric.name(),
            q.answer
        );
    }
    s
}
