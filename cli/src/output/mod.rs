//! Rendering results as terminal tables and CSV: the report of a run (`table`), with its
//! memory (`memory.rs`), lifecycle (`lifecycle.rs`) and questions (`questions.rs`) sections
//! and the terminal text helpers they share (`terminal.rs`).
//!
//! Every line of the table exists in English and Korean. Text from the scenario file
//! (names, titles, labels, questions) is printed through [`clean`], so control characters
//! and terminal escape sequences in it reach the terminal only as visible escapes; columns
//! are padded by display width, so Hangul (two columns per character) keeps them aligned.

use std::fmt::Write;

use sim_core::RunResult;
use unicode_width::UnicodeWidthStr;

mod lifecycle;
mod memory;
mod questions;
mod terminal;

use lifecycle::*;
use memory::*;
pub(crate) use questions::{
    answer_shown, figures_shown, note_costs_set, note_oom_killed_groups, note_own_seed,
    note_thin_percentiles, oom_killed_diags, print_diags, question_diags, questions,
    thin_percentile_diags, warn_near_ties, Diag,
};
use terminal::*;
pub(crate) use terminal::{
    clean, clean_lines, count, exit_word, figure, fixed, lang_of, long_value, op_word, pad,
    print_warnings, rpad, snake, stack, word, wrap,
};

/// Width of the platform column of the tables: the longest name, at least 22 columns.
fn name_width(r: &RunResult) -> usize {
    r.platforms
        .iter()
        .map(|p| clean(&p.name).width())
        .max()
        .unwrap_or(0)
        .max(22)
}

/// A latency in ms, or `-` when no update was measured (a zero mean).
fn latency_ms(mean: f64, value: f64) -> String {
    if mean > 0.0 {
        fixed(value, 1)
    } else {
        "-".to_string()
    }
}

/// Human-readable tables of a run.
pub fn table(r: &RunResult, lang: &str) -> String {
    let ko = lang == "ko";
    let nw = name_width(r);
    let mut out = String::new();
    heading(&mut out, r, lang);
    desktop_headline(&mut out, r, ko, nw);
    headline(&mut out, r, ko, nw);
    headline_notes(&mut out, r, ko);
    platforms(&mut out, r, lang, nw);
    instance_groups(&mut out, r, ko);
    network(&mut out, r, ko, nw);
    steal(&mut out, r, ko, nw);
    translation_cache(&mut out, r, ko, nw);
    latency(&mut out, r, ko);
    exits(&mut out, r, ko);
    lifecycle_tables(&mut out, r, lang);
    comparison_table(&mut out, r, lang);
    if let Some(sweep) = &r.sweep {
        consolidation_sweep(&mut out, r, sweep, ko);
    }
    if !r.questions.is_empty() {
        section(
            &mut out,
            ko,
            "questions and computed answers",
            "질문과 계산된 답",
        );
        for (i, q) in r.questions.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            questions(&mut out, q, lang);
        }
    }
    // Belt and braces: nothing but line breaks is a control character in the table.
    clean_lines(&out)
}

/// The scenario's title, description, seed and size.
fn heading(out: &mut String, r: &RunResult, lang: &str) {
    let ko = lang == "ko";
    let title = r
        .title
        .as_ref()
        .map_or(r.scenario.clone(), |t| t.get(lang).to_string());
    let _ = writeln!(out, "{}", clean(&title));
    if let Some(description) = &r.description {
        // Its placeholders filled with this run's figures.
        let filled = r.fill(description, sim_core::Lang::from_code(lang));
        for paragraph in sim_core::text::paragraphs(&filled) {
            out.push_str(&wrap(&clean(&paragraph), WRAP, ""));
            out.push('\n');
        }
        // A figure it quotes that this run does not have shows as "…": said why, as a
        // question this run cannot answer is warned of (a cost or a seed given on the
        // command line can leave out what it measures).
        let missing = sim_core::results::figures_missing(&r.platforms, description.get(lang));
        if missing > 0 {
            let note = match (ko, missing) {
                (true, n) => format!("(위 설명의 “…”는 설명이 인용하는 수치 중 이번 실행에 없는 것입니다({n}개): 그 수치가 재는 일이 이번 실행에서 일어나지 않았습니다. 예를 들어 어느 인스턴스도 하지 않은 연산입니다)"),
                (false, 1) => "(the “…” in the description above is a figure it quotes that this run does not have: what it measures did not happen in this run, such as an operation no instance made)".to_string(),
                (false, n) => format!("(each “…” in the description above is a figure it quotes that this run does not have, {n} in all: what they measure did not happen in this run, such as an operation no instance made)"),
            };
            out.push_str(&wrap(&note, WRAP, ""));
            out.push('\n');
        }
    }
    if ko {
        let _ = writeln!(
            out,
            "시드 {}, 플랫폼마다 {} ms 시뮬레이션, pCPU {}개 {} MHz, 이벤트 {}개\n",
            r.seed,
            count(r.duration_ms),
            r.cores,
            count(r.clock_mhz),
            count(r.events)
        );
    } else {
        let _ = writeln!(
            out,
            "seed {}, {} ms simulated per platform, {} pCPUs at {} MHz, {} events\n",
            r.seed,
            count(r.duration_ms),
            r.cores,
            count(r.clock_mhz),
            count(r.events)
        );
    }
}

/// What a desktop platform's users feel, before any other figure of it: the
/// input-to-display latency at the user's screen beside the same desktops' on a local PC
/// (the desktop's native baseline), then the frames and the bandwidth. The figures of the
/// desktop section below (`lifecycle.rs`), its platforms' rows; nothing without a desktop
/// platform. A desktop's "vs native" counts its screen updates, which all arrive, late,
/// over a 600 ms satellite link: it read 100.0% there as the row's first figure (a
/// student's review).
fn desktop_headline(out: &mut String, r: &RunResult, ko: bool, nw: usize) {
    let vdis: Vec<(&sim_core::PlatformResult, &sim_core::desktop::VdiResult)> = r
        .platforms
        .iter()
        .filter_map(|p| p.vdi.as_ref().map(|v| (p, v)))
        .collect();
    if vdis.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "{}",
        tr(
            ko,
            "what desktop users feel: input-to-display latency at the user's screen, against the same desktops on a local PC",
            "데스크톱 사용자가 느끼는 것: 사용자 화면의 입력-화면 지연, 같은 데스크톱을 로컬 PC에서 실행한 값과 비교",
        )
    );
    let headers = [
        "p50 ms",
        tr(ko, "local PC p50 ms", "로컬 PC p50 ms"),
        "p99 ms",
        tr(ko, "<150ms%", "150 ms 이내 %"),
        tr(ko, "frames done/want", "프레임 전달/요청"),
        tr(ko, "kbit/s per session", "세션당 kbit/s"),
    ];
    let widths = header_widths(&headers, [8, 8, 8, 8, 8, 8]);
    let _ = write!(out, "{}", pad(tr(ko, "platform", "플랫폼"), nw));
    for (h, w) in headers.iter().zip(widths) {
        let _ = write!(out, " {}", rpad(h, w));
    }
    let _ = writeln!(out);
    for (p, v) in vdis {
        let local = v.local.as_ref().map_or("-".to_string(), |l| {
            if l.frames_delivered == 0 {
                "-".to_string()
            } else {
                fixed(l.latency_p50_ms, 1)
            }
        });
        let figures = [
            latency_ms(v.latency_mean_ms, v.latency_p50_ms),
            local,
            latency_ms(v.latency_mean_ms, v.latency_p99_ms),
            latency_ms(v.latency_mean_ms, v.within_150ms_percent),
            format!("{}/{}", count(v.frames_delivered), count(v.frames_wanted)),
            fixed(v.bandwidth_kbit_s, 1),
        ];
        let _ = write!(out, "{}", pad(&clean(&p.name), nw));
        for (f, w) in figures.iter().zip(widths) {
            let _ = write!(out, " {}", rpad(f, w));
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(
        out,
        "\n{}",
        tr(
            ko,
            "every platform: operations and CPU time",
            "모든 플랫폼: 연산과 CPU 시간",
        )
    );
}

/// A platform's "vs native" as the headline table prints it: a desktop's counts its
/// screen updates, and says so ("updates 100.0%"), not its operations.
fn versus_native(p: &sim_core::PlatformResult, ko: bool) -> String {
    let figure = format!("{}%", fixed(p.relative_performance_percent, 1));
    if p.vdi.is_some() {
        format!("{} {figure}", tr(ko, "updates", "갱신"))
    } else {
        figure
    }
}

/// The lowest group's own "vs native" beside its platform's, where the platform's mean
/// hides it (`PlatformResult::lowest_group`): "db 0.1%".
fn lowest_group_cell(p: &sim_core::PlatformResult) -> Option<String> {
    p.lowest_group().map(|g| {
        format!(
            "{} {}%",
            clean(&g.name),
            fixed(g.relative_performance_percent, 1)
        )
    })
}

/// The headline figures: one row per platform; beside "vs native", where a platform's
/// groups print otherwise, its lowest group's own, else `-` (right-aligned as every
/// column of figures, so that its heading ends where they do).
fn headline(out: &mut String, r: &RunResult, ko: bool, nw: usize) {
    let headers = [
        tr(ko, "ops/s", "초당 연산"),
        tr(ko, "vs native", "네이티브 대비"),
        tr(ko, "user%", "사용자%"),
        tr(ko, "kern%", "커널%"),
        tr(ko, "hyp%", "하이퍼바이저%"),
        tr(ko, "emu%", "장치 백엔드%"),
        tr(ko, "host%", "호스트%"),
        tr(ko, "idle%", "유휴%"),
        tr(ko, "steal%", "스틸%"),
        tr(ko, "exits/s", "초당 exit"),
    ];
    // "updates 100.0%" is wider than the column's 13.
    let versus = r
        .platforms
        .iter()
        .map(|p| versus_native(p, ko).width() + 1)
        .max()
        .unwrap_or(0);
    let widths = header_widths(&headers, [12, versus.max(13), 8, 8, 8, 8, 8, 8, 8, 10]);
    let lowest: Vec<Option<String>> = r.platforms.iter().map(lowest_group_cell).collect();
    let lowest_heading = tr(ko, "lowest group", "최저 그룹");
    let lowest_width = lowest
        .iter()
        .flatten()
        .map(|c| c.width())
        .chain([lowest_heading.width()])
        .max()
        .filter(|_| lowest.iter().any(Option::is_some));
    let _ = write!(out, "{}", pad(tr(ko, "platform", "플랫폼"), nw));
    for (i, (h, w)) in headers.iter().zip(widths).enumerate() {
        let _ = write!(out, " {}", rpad(h, w));
        if let (1, Some(lw)) = (i, lowest_width) {
            let _ = write!(out, "  {}", rpad(lowest_heading, lw));
        }
    }
    let _ = writeln!(out);
    for (p, lowest) in r.platforms.iter().zip(&lowest) {
        let figures = [
            fixed(p.throughput, 0),
            versus_native(p, ko),
            share(p.cpu.guest_user),
            share(p.cpu.guest_kernel),
            share(p.cpu.hypervisor),
            share(p.cpu.device_emulation),
            share(p.cpu.host_os),
            share(p.cpu.idle),
            share(p.steal_percent),
            fixed(p.exits_per_second, 0),
        ];
        let _ = write!(out, "{}", pad(&clean(&p.name), nw));
        for (i, (f, w)) in figures.iter().zip(widths).enumerate() {
            let _ = write!(out, " {}", rpad(f, w));
            if let (1, Some(lw)) = (i, lowest_width) {
                let _ = write!(out, "  {}", rpad(lowest.as_deref().unwrap_or("-"), lw));
            }
        }
        let _ = writeln!(out);
    }
}

/// What the headline figures mean where they mislead: a container's steal, groups that
/// fare differently, faults, a desktop's "vs native".
fn headline_notes(out: &mut String, r: &RunResult, ko: bool) {
    // Binary translation's Pentium 4 costs beside another generation's VM exits.
    if let Some(note) = r.generations_note() {
        let _ = writeln!(
            out,
            "{}",
            wrap(if ko { &note.ko } else { &note.en }, WRAP, "")
        );
    }
    // A container's or a native machine's "steal" is its threads' run-queue wait: no
    // hypervisor steals from them, but the mechanism (runnable, no CPU free) is the same.
    if r.platforms
        .iter()
        .any(|p| p.steal_percent >= 0.05 && !p.kind.is_hypervisor())
    {
        let _ = writeln!(
            out,
            "{}",
            tr(
                ko,
                "steal% of a container or native platform: its threads' run-queue wait (runnable, but no CPU free or the cap used up); no hypervisor steals from them",
                "컨테이너·네이티브의 스틸%: 스레드가 실행 큐에서 기다린 시간(실행 가능하지만 빈 CPU가 없거나 상한을 다 씀). 하이퍼바이저가 가져간 시간이 아닙니다",
            )
        );
    }
    // A platform's "vs native" weighs its groups by the CPU they use natively, which can
    // hide a starved one (a slowed VM beside neighbours that get the CPU it leaves): the
    // lowest group's own figure stands beside it wherever the two print differently.
    if r.platforms.iter().any(|p| p.lowest_group().is_some()) {
        let _ = writeln!(
            out,
            "{}",
            tr(
                ko,
                "lowest group: vs native of a platform with more than one group is their mean weighted by the CPU each uses natively, which can hide a starved group; beside it, the platform's lowest group and its own vs native, wherever the two print differently (every group: the per-group rows)",
                "최저 그룹: 그룹이 둘 이상인 플랫폼의 네이티브 대비는 각 그룹이 네이티브에서 쓰는 CPU로 가중한 평균이라 굶주린 그룹을 가릴 수 있습니다. 그 옆은 플랫폼에서 가장 낮은 그룹과 그 그룹의 네이티브 대비이며, 두 값이 다르게 찍힐 때마다 나옵니다(모든 그룹: 인스턴스 그룹별 행)",
            )
        );
    }
    // Each platform's "vs native" is against its own baseline (the same instances natively
    // under that platform's scheduler and time slice): where those differ much, a higher
    // "vs native" can be fewer operations, so the baselines are named.
    let baselines = differing_baselines(r, ko);
    if !baselines.is_empty() {
        let _ = writeln!(
            out,
            "{}{}{}",
            tr(
                ko,
                "vs native is each platform against its own baseline, the same instances run natively under that platform's CPU scheduler and its settings (time slice, weights, caps), and these differ here (",
                "네이티브 대비는 플랫폼마다 자기 기준선, 곧 같은 인스턴스를 그 플랫폼의 CPU 스케줄러와 그 설정(타임 슬라이스, 가중치, 상한)으로 네이티브 실행한 결과와 비교하며, 여기서는 기준선이 서로 다릅니다(",
            ),
            baselines.join("; "),
            tr(
                ko,
                "): compare platforms with each other by ops/s",
                "): 플랫폼끼리는 초당 연산으로 비교하세요",
            )
        );
    }
    // A fault lowers a platform's throughput from its time on: the figures say so.
    let faulted: Vec<String> = r
        .platforms
        .iter()
        .filter_map(|p| {
            let f = p.faults_stopped()?;
            let lang = lang_of(ko);
            // Desktops count in sessions too where they differ from the instances: one
            // session host stopped is all its users.
            let differ = |v: &&sim_core::desktop::VdiResult| {
                v.sessions != f.of || v.sessions_dropped != f.stopped as u64
            };
            let sessions = p.vdi.as_ref().filter(differ).map(|v| {
                if ko {
                    format!(
                        ": 세션 {}개 중 {}개 끊김",
                        count(v.sessions),
                        count(v.sessions_dropped)
                    )
                } else {
                    format!(
                        ": {} of {} sessions dropped",
                        count(v.sessions_dropped),
                        count(v.sessions)
                    )
                }
            });
            let sessions = sessions.unwrap_or_default();
            Some(if ko {
                format!(
                    "{} ({}에 {}개 중 {}개 멈춤{sessions})",
                    clean(&p.name),
                    f.when(lang),
                    count(f.of),
                    count(f.stopped)
                )
            } else {
                format!(
                    "{} ({} of {} stopped at {}{sessions})",
                    clean(&p.name),
                    count(f.stopped),
                    count(f.of),
                    f.when(lang)
                )
            })
        })
        .collect();
    if !faulted.is_empty() {
        let _ = writeln!(
            out,
            "{}{}",
            tr(
                ko,
                "ops/s and vs native are lowered by the instances a fault stopped, which do nothing after it (see the faults section): ",
                "장애로 멈춘 인스턴스는 그 뒤로 일을 하지 않으므로 초당 연산과 네이티브 대비가 그만큼 낮아집니다(장애 절 참고): ",
            ),
            // Korean by " · ": each item's counts ("1,000개 중 ...") hold commas of their own.
            figure_list(&faulted, ko)
        );
    }
    // A desktop platform's "vs native" is not its operations': see `runner/platform_result.rs`.
    if r.platforms.iter().any(|p| p.vdi.is_some()) {
        let _ = writeln!(
            out,
            "{}",
            tr(
                ko,
                "updates: vs native of a VDI platform is the share of the wanted screen updates its users see, over a local PC's share for the same activities, however late they arrive (its ops/s count the display agent's sends too, which a local PC does not make: one per update of up to 45 packets over TCP, one per packet over UDP); what its users feel is the input-to-display latency above",
                "갱신: VDI 플랫폼의 네이티브 대비는 사용자가 원한 화면 갱신 중 실제로 본 비율을, 같은 활동을 하는 로컬 PC의 비율과 비교한 값이며, 갱신이 얼마나 늦게 왔는지는 보지 않습니다 (초당 연산에는 로컬 PC가 하지 않는 디스플레이 에이전트의 전송도 들어 있음: TCP에서는 패킷 45개까지의 갱신마다 한 번, UDP에서는 패킷마다 한 번). 사용자가 느끼는 것은 위의 입력-화면 지연입니다",
            )
        );
    }
}

/// Each platform's label, then what it is, as the page's kind column says it: its kind,
/// technique and I/O model, and a type 2's hosted design (every type 2's, the classic
/// world switch too, as the page says it: hosted-designs compares the two), from the
/// result's `hosted_design`, which `--format json` writes too.
fn platforms(out: &mut String, r: &RunResult, lang: &str, nw: usize) {
    let ko = lang == "ko";
    section(out, ko, "platforms", "플랫폼");
    for p in &r.platforms {
        let name = pad(&clean(&p.name), nw);
        let mut what = stack(p, ko);
        if let Some(design) = p.hosted_design {
            what.push_str(" · ");
            what.push_str(sim_core::names::hosted_design(design).get(lang_of(ko)));
        }
        match &p.label {
            Some(label) => {
                let _ = writeln!(out, "{name} {}", clean(label.get(lang)));
                let _ = writeln!(out, "{} {what}", " ".repeat(nw));
            }
            None => {
                let _ = writeln!(out, "{name} {what}");
            }
        }
    }
}

/// Each instance group's throughput, where a platform has more than one.
fn instance_groups(out: &mut String, r: &RunResult, ko: bool) {
    if r.platforms.iter().any(|p| p.groups.len() > 1) {
        section(out, ko, "per instance group", "인스턴스 그룹별");
        for p in &r.platforms {
            for g in &p.groups {
                let count = if ko {
                    format!("{}개", p.group_members(g))
                } else {
                    format!("x{}", p.group_members(g))
                };
                let _ = writeln!(
                    out,
                    "{} {} {} {} {} {} {}",
                    pad(&clean(&p.name), 22),
                    pad(&clean(&g.name), 20),
                    pad(&clean(&g.workload), 16),
                    pad(&count, 5),
                    rpad(&fixed(g.throughput, 0), 12),
                    tr(ko, "ops/s", "초당 연산,"),
                    if ko {
                        // Right-aligned as the English column is: 93.6% under 100.0%.
                        format!(
                            "네이티브 대비 {:>6}",
                            format!("{}%", fixed(g.relative_performance_percent, 1))
                        )
                    } else {
                        format!(
                            "{:>8} vs native",
                            format!("{}%", fixed(g.relative_performance_percent, 1))
                        )
                    }
                );
            }
        }
        if r.platforms
            .iter()
            .any(|p| p.vdi.as_ref().is_some_and(|v| v.session_host))
        {
            let _ = writeln!(
                out,
                "  {}",
                tr(
                    ko,
                    "on a session host (RDS-like) the count is the group's users' sessions, who share its session host VMs",
                    "세션 호스트(RDS 방식)에서는 개수가 그룹 사용자의 세션 수이며, 이들은 세션 호스트 VM을 함께 씁니다",
                )
            );
        }
    }
}

/// Network throughput over the host's NIC, for the platforms whose workloads send or
/// receive (`net_send`, `net_receive`), and by group where more than one of a platform's
/// groups does.
fn network(out: &mut String, r: &RunResult, ko: bool, nw: usize) {
    if r.platforms.iter().all(|p| p.network.is_none()) {
        return;
    }
    section(
        out,
        ko,
        "network: message bytes sent / received over the host's NIC, Gbit/s (natively in brackets)",
        "네트워크: 호스트 NIC로 보낸 / 받은 메시지 바이트, Gbit/s (괄호 안은 네이티브)",
    );
    let line = |n: &sim_core::NetworkResult| {
        if ko {
            format!(
                "송신 {} Gbit/s ({}), 수신 {} Gbit/s ({})",
                gbit_s(n.send_gbit_s),
                gbit_s(n.baseline_send_gbit_s),
                gbit_s(n.receive_gbit_s),
                gbit_s(n.baseline_receive_gbit_s)
            )
        } else {
            format!(
                "sent {} Gbit/s ({}), received {} Gbit/s ({})",
                gbit_s(n.send_gbit_s),
                gbit_s(n.baseline_send_gbit_s),
                gbit_s(n.receive_gbit_s),
                gbit_s(n.baseline_receive_gbit_s)
            )
        }
    };
    for p in &r.platforms {
        let Some(n) = &p.network else { continue };
        let _ = writeln!(out, "{} {}", pad(&clean(&p.name), nw), line(n));
        let groups: Vec<_> = p
            .groups
            .iter()
            .filter_map(|g| g.network.as_ref().map(|n| (g, n)))
            .collect();
        if groups.len() > 1 {
            for (g, n) in groups {
                let name = format!("  {}", clean(&g.name));
                let _ = writeln!(out, "{} {}", pad(&name, nw), line(n));
            }
        }
    }
}

/// A throughput in Gbit/s as the page prints it too ([`sim_core::text::gbit_s`]).
fn gbit_s(v: f64) -> String {
    sim_core::text::gbit_s(v)
}

/// Steal time as the host measures it and as the guests see it.
fn steal(out: &mut String, r: &RunResult, ko: bool, nw: usize) {
    let stolen = |p: &&sim_core::PlatformResult| p.steal_percent >= 0.05 && p.kind.is_hypervisor();
    if r.platforms.iter().any(|p| stolen(&p)) {
        section(
            out,
            ko,
            "steal: measured by the host / seen by the guests (steal-time reporting)",
            "스틸: 호스트가 잰 것 / 게스트가 보는 것 (스틸 타임 보고)",
        );
        for p in r.platforms.iter().filter(|p| stolen(p)) {
            // Weighted by vCPUs, as the platform's steal is (a 4-vCPU guest counts four
            // times a 1-vCPU one), so that measured steal and own accounting compare.
            let vcpus = |i: &sim_core::results::InstanceResult| {
                p.groups
                    .iter()
                    .find(|g| g.name == i.group)
                    .map_or(1.0, |g| f64::from(g.vcpus.max(1)))
            };
            let weight: f64 = p.instances.iter().map(vcpus).sum::<f64>().max(1.0);
            let guest_cpu = p
                .instances
                .iter()
                .map(|i| i.guest_cpu_percent * vcpus(i))
                .sum::<f64>()
                / weight;
            let _ = writeln!(
                out,
                "{} {}",
                pad(&clean(&p.name), nw),
                if ko {
                    format!(
                        "측정 {:.1}%, 게스트가 보는 스틸 {:.1}%; 게스트 자신의 CPU 사용률 집계 {guest_cpu:.1}% (vCPU 평균)",
                        p.steal_percent, p.guest_steal_percent
                    )
                } else {
                    format!(
                        "measured {:.1}%, the guests see {:.1}%; their own CPU accounting reports {guest_cpu:.1}% (mean over vCPUs)",
                        p.steal_percent, p.guest_steal_percent
                    )
                }
            );
        }
    }
}

/// Binary translation's translation cache.
fn translation_cache(out: &mut String, r: &RunResult, ko: bool, nw: usize) {
    if r.platforms.iter().any(|p| p.bt_tc_hit_percent.is_some()) {
        section(
            out,
            ko,
            "binary translation: translation cache (guest kernel code)",
            "바이너리 변환: 변환 캐시 (게스트 커널 코드)",
        );
        for p in &r.platforms {
            if let (Some(hit), Some(translate)) = (p.bt_tc_hit_percent, p.bt_translate_percent) {
                let _ = writeln!(
                    out,
                    "{} {}",
                    pad(&clean(&p.name), nw),
                    if ko {
                        format!("적중률 {hit:.1}%, 블록 변환에 pCPU 시간의 {translate:.2}%")
                    } else {
                        format!(
                            "hit rate {hit:.1}%, translating blocks {translate:.2}% of pCPU time"
                        )
                    }
                );
            }
        }
    }
}

/// Latency per operation, and what a desktop's blocking operations wait for.
fn latency(out: &mut String, r: &RunResult, ko: bool) {
    section(
        out,
        ko,
        "latency per operation (µs): p50 / mean / p99",
        "연산별 지연 (µs): p50 / 평균 / p99",
    );
    for p in &r.platforms {
        let entries: Vec<String> = p
            .latency
            .iter()
            .filter(|l| l.op.name() != "timer_interrupt")
            .map(|l| {
                let us = latency_us;
                format!(
                    "{}{}{}/{}/{}",
                    op_word(ko, l.op),
                    tr(ko, "=", " "),
                    us(l.latency.p50_us),
                    us(l.latency.mean_us),
                    us(l.latency.p99_us)
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "{} {}",
            pad(&clean(&p.name), 22),
            // Korean by " · ": its figures' commas would read as the list's ([`figure_list`]).
            if ko {
                figure_list(&entries, ko)
            } else {
                entries.join(" ")
            }
        );
    }
    // What a desktop's blocking operations wait for (as the page's latency chart says).
    let waits = |op: sim_core::workload::Op| {
        r.platforms
            .iter()
            .any(|p| p.vdi.is_some() && p.latency_of(op).is_some())
    };
    if waits(sim_core::workload::Op::NetReceive) || waits(sim_core::workload::Op::Sleep) {
        let _ = writeln!(
            out,
            "{}",
            tr(
                ko,
                "(on desktop platforms net_receive and sleep are mostly waiting: the application's receive waits for the user's next input, the sleeps for the video player's next frame, the services' next wake-up and the agent's next capture; what a user feels is the input-to-display latency, in the desktop section)",
                "(데스크톱 플랫폼에서 네트워크 수신(net_receive)과 잠들기(sleep) 시간은 대부분 무언가를 기다리는 시간입니다: 애플리케이션의 수신은 사용자의 다음 입력을, 잠들기는 동영상 플레이어의 다음 프레임, 서비스가 다시 깨어날 때, 에이전트의 다음 캡처를 기다립니다. 사용자가 느끼는 지연은 데스크톱 절의 입력-화면 지연입니다)",
            )
        );
    }
}

/// Exits and traps by reason.
/// A latency in µs for the latency table. Under 1 µs one decimal would make 1 042 and
/// 1 062 cycles read 0.3 and 0.4: two significant digits there, also under 0.01 µs (a
/// page-table write that is a plain store read 0.00, as if it had not been measured).
fn latency_us(v: f64) -> String {
    if v == 0.0 {
        "0".to_string()
    } else if v.abs() < 1.0 {
        let decimals = (1 - v.abs().log10().floor() as i32).clamp(2, 6) as usize;
        format!("{v:.decimals$}")
    } else {
        fixed(v, 1)
    }
}

fn exits(out: &mut String, r: &RunResult, ko: bool) {
    section(
        out,
        ko,
        "exits and traps by reason (per second)",
        "원인별 exit·트랩 (초당)",
    );
    for p in &r.platforms {
        let reasons: Vec<String> = p
            .exits
            .iter()
            .map(|e| {
                format!(
                    "{}{}{}",
                    exit_word(ko, e.reason, r.vendor()),
                    tr(ko, "=", " "),
                    fixed(e.per_second, 0)
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "{} {}",
            pad(&clean(&p.name), 22),
            if reasons.is_empty() {
                "-".to_string()
            } else if ko {
                // "I/O 명령어 64,490 · MMIO 169,025": not a comma between items ([`figure_list`]).
                figure_list(&reasons, ko)
            } else {
                reasons.join(" ")
            }
        );
    }
}

/// The course overview's comparison table beside this run's measurements.
fn comparison_table(out: &mut String, r: &RunResult, lang: &str) {
    let ko = lang == "ko";
    // The native column's clause only where there is one (the page's caption alike).
    let native = r
        .table
        .columns
        .iter()
        .any(|c| c.class == sim_core::table::SeedColumn::Native);
    if native {
        section(
            out,
            ko,
            "comparison table: left of `|` the course overview's rating (fixed words, the same in every run; the native column is not in the overview's table: its words are this simulator's, for comparison); right of `|` what this run measured",
            "비교표: `|` 왼쪽은 개요 문서의 평가 (고정된 문구, 실행마다 같음. 네이티브 열은 개요 문서의 표에 없어 이 시뮬레이터가 비교를 위해 붙인 설명), `|` 오른쪽은 이번 실행의 측정값",
        );
    } else {
        section(
            out,
            ko,
            "comparison table: left of `|` the course overview's rating (fixed words, the same in every run); right of `|` what this run measured",
            "비교표: `|` 왼쪽은 개요 문서의 평가 (고정된 문구, 실행마다 같음), `|` 오른쪽은 이번 실행의 측정값",
        );
    }
    // The columns' headings ("OS-level: disk-container-overlay") in one width: the widest.
    let width = r
        .table
        .columns
        .iter()
        .map(|c| clean(c.heading.get(lang)).width())
        .max()
        .unwrap_or(0)
        .max(30);
    for (row_index, heading) in r.table.row_headings.iter().enumerate() {
        let _ = writeln!(out, "[{}]", clean(heading.get(lang)));
        // The overview's ratings of the row in one width too, in display columns (a
        // Hangul syllable is two): the `|` before the measurements lines up in the row.
        let rating_width = (r.table.columns.iter())
            .map(|c| clean(c.cells[row_index].seed.get(lang)).width())
            .max()
            .unwrap_or(0);
        for column in &r.table.columns {
            let cell = &column.cells[row_index];
            let _ = writeln!(
                out,
                "  {}  {} | {}",
                pad(&clean(column.heading.get(lang)), width),
                pad(&clean(cell.seed.get(lang)), rating_width),
                sim_core::text::regroup(&clean(cell.measured.get(lang)))
            );
        }
    }
    // The explanations the cells share, once each, under their marks.
    for note in &r.table.notes {
        let _ = writeln!(
            out,
            "  {} {}",
            clean(&note.mark),
            clean(note.text.get(lang))
        );
    }
}

/// The consolidation sweep: p99 latency against the number of copies, and the density
/// that meets the target.
fn consolidation_sweep(
    out: &mut String,
    r: &RunResult,
    sweep: &sim_core::sweep::SweepResult,
    ko: bool,
) {
    let run = r.duration_ms;
    let target = sweep.p99_target_us.map_or(String::new(), |t| {
        if ko {
            format!(", p99 목표 {t} µs, ! = 목표 미달, !oom N@T = 목표 미달: 메모리 계획상 인스턴스 N개가 OOM kill되며 첫 kill은 T ms (T가 실행 길이 {run} ms보다 뒤면 실행 중에는 kill이 없지만, 복사본들이 메모리에 오래 들어맞지 않음)")
        } else {
            format!(", p99 target {t} µs, ! = misses it, !oom N@T = misses it: the memory plan OOM-kills N instances, the first at T ms (a T past the run's {run} ms: no kill within the run, but the copies do not fit in memory for long)")
        }
    });
    let _ = writeln!(
        out,
        "\n{} `{}` ({} p99{target})",
        tr(
            ko,
            "consolidation sweep: copies of",
            "통합 곡선: 인스턴스 수에 따른 지연,"
        ),
        clean(&sweep.instance),
        op_word(ko, sweep.op)
    );
    for curve in &sweep.curves {
        let points: Vec<String> = curve
            .points
            .iter()
            .map(|p| {
                let mark = match (p.meets_target, p.oom_kills) {
                    (true, _) => String::new(),
                    (false, 0) => "!".to_string(),
                    (false, killed) => format!(
                        "!oom {killed}@{}ms",
                        fixed(p.first_oom_at_ms.unwrap_or_default(), 0)
                    ),
                };
                format!("{}:{}µs{mark}", p.count, fixed(p.p99_us, 1))
            })
            .collect();
        let density = curve
            .density_at_target
            .map_or("-".to_string(), |d| d.to_string());
        let _ = writeln!(
            out,
            "{} {}  {} {density}",
            pad(&clean(&curve.platform), 22),
            points.join(" "),
            tr(ko, "density", "밀도")
        );
    }
    // Densities found under different schedulers differ by the scheduler too (credit's
    // BOOST lets a woken vCPU preempt, fair share does not): say so, or an instructor
    // comparing a type-1 platform (credit by default) with containers (fair) reads the
    // scheduler's effect as virtualization's (an instructor's review).
    let schedulers: Vec<(&str, sim_core::platform::SchedulerKind)> = sweep
        .curves
        .iter()
        .filter_map(|c| {
            r.platforms
                .iter()
                .find(|p| p.name == c.platform)
                .map(|p| (c.platform.as_str(), p.scheduler))
        })
        .collect();
    if schedulers.windows(2).any(|w| w[0].1 != w[1].1) {
        let list = schedulers
            .iter()
            .map(|(name, k)| format!("{}: {}", clean(name), scheduler_name(*k)))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            out,
            "{}",
            if ko {
                format!("(스윕한 플랫폼들의 스케줄러가 다릅니다({list}): 밀도는 가상화 비용뿐 아니라 스케줄러에 따라서도 달라집니다. 가상화만 비교하려면 각 플랫폼에 같은 `scheduler`를 지정하세요)")
            } else {
                format!("(the swept platforms use different schedulers ({list}): their densities differ by the scheduler as well as by what virtualization costs; give each the same `scheduler` to compare virtualization alone)")
            }
        );
    }
}

/// One row per (platform, operation), with the platform's headline figures repeated
/// (the same CSV the web page exports: `sim_core::export_csv`).
pub fn csv(r: &RunResult) -> String {
    sim_core::export_csv::to_csv(r)
}

/// A scheduler as the scenario file names it.
fn scheduler_name(k: sim_core::platform::SchedulerKind) -> &'static str {
    use sim_core::platform::SchedulerKind;
    match k {
        SchedulerKind::Credit => "credit",
        SchedulerKind::Fair => "fair",
        SchedulerKind::RoundRobin => "round_robin",
    }
}

/// Baselines of one group this far apart (the larger over the smaller) between platforms
/// make their "vs native" figures measure against different things: worth a note. A
/// threshold for what the output points out, not a model figure.
const BASELINE_RATIO_NOTED: f64 = 1.2;

/// Each instance group whose native baseline differs by [`BASELINE_RATIO_NOTED`] or more
/// between platforms that run the same groups (so by their schedulers alone): "disk-vm natively: type1 4125 ops/s, type2 20355 ops/s".
fn differing_baselines(r: &sim_core::RunResult, ko: bool) -> Vec<String> {
    let mut names: Vec<&str> = Vec::new();
    for p in &r.platforms {
        for g in &p.groups {
            if !names.contains(&g.name.as_str()) {
                names.push(&g.name);
            }
        }
    }
    names
        .into_iter()
        .filter_map(|name| {
            // Only platforms that run the same groups (names and counts) as the first that
            // runs this one: elsewhere the baselines differ by what runs beside the group.
            fn same_groups(p: &sim_core::PlatformResult) -> Vec<(&str, u32)> {
                p.groups
                    .iter()
                    .map(|g| (g.name.as_str(), g.count))
                    .collect()
            }
            let first = r
                .platforms
                .iter()
                .find(|p| p.groups.iter().any(|g| g.name == name))?;
            let of: Vec<(&str, f64)> = r
                .platforms
                .iter()
                .filter(|p| same_groups(p) == same_groups(first))
                .filter_map(|p| {
                    let g = p.groups.iter().find(|g| g.name == name)?;
                    (g.baseline_throughput > 0.0)
                        .then_some((p.name.as_str(), g.baseline_throughput))
                })
                .collect();
            let low = of.iter().map(|(_, b)| *b).fold(f64::INFINITY, f64::min);
            let high = of.iter().map(|(_, b)| *b).fold(0.0, f64::max);
            (of.len() >= 2 && high >= low * BASELINE_RATIO_NOTED).then(|| {
                // In Korean prose the column's name, not the English unit.
                let each: Vec<String> = of
                    .iter()
                    .map(|(p, b)| {
                        if ko {
                            format!("{} 초당 연산 {}", clean(p), fixed(*b, 0))
                        } else {
                            format!("{} {} ops/s", clean(p), fixed(*b, 0))
                        }
                    })
                    .collect();
                if ko {
                    format!("{} 네이티브: {}", clean(name), figure_list(&each, ko))
                } else {
                    format!("{} natively: {}", clean(name), each.join(", "))
                }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_latency_under_a_microsecond_keeps_two_significant_digits() {
        let shown: Vec<String> = [0.0, 0.000_333_3, 0.038, 0.347, 0.9999, 12.34, 625.32]
            .into_iter()
            .map(super::latency_us)
            .collect();
        assert_eq!(
            shown,
            ["0", "0.00033", "0.038", "0.35", "1.00", "12.3", "625.3"]
        );
    }
}
