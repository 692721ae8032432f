//! Rendering results as terminal tables and CSV, and the built-in benchmark scenario.
//!
//! Every line of the table exists in English and Korean. Text from the scenario file
//! (names, titles, labels, questions) is printed through [`clean`], so control characters
//! and terminal escape sequences in it reach the terminal only as visible escapes; columns
//! are padded by display width, so Hangul (two columns per character) keeps them aligned.

use std::fmt::Write;

use sim_core::RunResult;
use unicode_width::UnicodeWidthStr;

/// Width the description and explanations are wrapped to.
const WRAP: usize = 92;

/// Under the attack-surface lines: what the counts are not.
const ATTACK_SURFACE_NOTE_EN: &str = "(counts of entry points, not of risk: an emulated device model is far larger than an exit handler, and most published VM escapes went through one, e.g. VENOM, CVE-2015-3456, in QEMU's floppy controller)";
const ATTACK_SURFACE_NOTE_KO: &str = "(진입점의 개수일 뿐 위험의 크기가 아님: 에뮬레이션 장치 모델은 exit 핸들러보다 훨씬 크고, 공개된 VM 탈출은 대부분 장치 모델을 거쳤음. 예: QEMU 플로피 컨트롤러의 VENOM, CVE-2015-3456)";

/// The English or the Korean text.
fn tr<'a>(ko: bool, en: &'a str, ko_text: &'a str) -> &'a str {
    if ko {
        ko_text
    } else {
        en
    }
}

/// A blank line and a section heading in the output language.
/// The host's memory per platform (demand, reclaim, swap) and live migrations.
fn memory_sections(out: &mut String, r: &RunResult, ko: bool) {
    let reclaimed: Vec<_> = r
        .platforms
        .iter()
        .filter_map(|p| p.host_memory.as_ref().map(|m| (p, m)))
        .filter(|(_, m)| {
            !m.policies.is_empty() || !m.oom_kills.is_empty() || m.demand_mib > m.resident_mib
        })
        .collect();
    if !reclaimed.is_empty() {
        section(
            out,
            ko,
            "host memory: demand, reclaim, swap (MiB)",
            "호스트 메모리: 요구량, 회수, 스왑 (MiB)",
        );
        for (p, m) in reclaimed {
            let name = pad(&clean(&p.name), 22);
            let policies: Vec<&str> = m.policies.iter().map(|x| x.name()).collect();
            let policies = if policies.is_empty() {
                "-".to_string()
            } else {
                policies.join("+")
            };
            let hot = m
                .instances
                .iter()
                .map(|i| i.working_set_swapped_percent)
                .fold(0.0, f64::max);
            let line = if ko {
                format!(
                    "{name} 정책 {policies}, 오버커밋 {:.2}배: 요구 {:.0}, 상주 {:.0}, 벌룬 {:.0}, KSM 공유 {:.0}, 스왑 {:.0} (작업 집합의 최대 {hot:.1}%), OOM kill {}",
                    m.overcommit_ratio, m.demand_mib, m.resident_mib, m.balloon_mib, m.shared_mib, m.swapped_mib, m.oom_kills.len()
                )
            } else {
                format!(
                    "{name} policy {policies}, overcommit {:.2}x: demand {:.0}, resident {:.0}, ballooned {:.0}, merged {:.0}, swapped {:.0} (up to {hot:.1}% of a working set), OOM kills {}",
                    m.overcommit_ratio, m.demand_mib, m.resident_mib, m.balloon_mib, m.shared_mib, m.swapped_mib, m.oom_kills.len()
                )
            };
            let _ = writeln!(out, "{line}");
            let (ins, outs) = p.paging_per_s(r.duration_ms);
            if ins > 0.0 {
                let _ = writeln!(
                    out,
                    "{}",
                    if ko {
                        format!(
                            "{} 이 실행의 페이징(실행 전체 평균): 초당 페이지 인 {ins:.0} (각 4 KiB 읽기), 그중 초당 {outs:.0}개는 내보낸 더러운 페이지의 스왑 쓰기도 시작",
                            pad("", 22)
                        )
                    } else {
                        format!(
                            "{} paging, averaged over this run: {ins:.0} page-ins/s (each a 4 KiB read), {outs:.0}/s of them also started the write of the dirty page they evicted",
                            pad("", 22)
                        )
                    }
                );
            }
            if let Some(sp) = &p.swap_path {
                let cycles =
                    |steps: &[sim_core::path::Step]| steps.iter().map(|s| s.cycles).sum::<u64>();
                let (fault, write, resume) =
                    (cycles(&sp.fault), cycles(&sp.writeback), cycles(&sp.resume));
                let _ = writeln!(
                    out,
                    "{}",
                    if ko {
                        format!(
                            "{} 스왑에 있는 페이지를 건드린 연산(이 실행의 연산 중 {:.1}%): 폴트, 프레임 회수, 읽기 요청 {fault} 사이클, 더러운 페이지의 쓰기 시작 {write} 사이클(페이지 인의 {:.1}%), 디스크 지연 {} µs의 4 KiB 읽기 대기(CPU가 아님), 재개 {resume} 사이클",
                            pad("", 22), sp.touch_percent, sp.writeback_percent, sp.read_latency_us
                        )
                    } else {
                        format!(
                            "{} an operation that touches a page on swap ({:.1}% of this run's operations): fault, reclaim and read request {fault} cycles, a dirty victim's write started {write} cycles ({:.1}% of the page-ins), the wait for the 4 KiB read (disk latency {} µs, not CPU), resume {resume} cycles",
                            pad("", 22), sp.touch_percent, sp.writeback_percent, sp.read_latency_us
                        )
                    }
                );
            }
            // The figures above are what the policies reclaim once they are done; a
            // balloon inflating, pages still being reported or KSM still merging are not
            // there yet at the end of a short run.
            if let Some(e) = m.still_under_way() {
                let _ = writeln!(
                    out,
                    "{}",
                    if ko {
                        format!(
                            "{} 위는 회수가 끝났을 때의 값; 이 실행이 끝날 때는 아직 진행 중: 상주 {:.0}, 벌룬 {:.0}, 보고 {:.0}, KSM 공유 {:.0}, 스왑 {:.0}",
                            pad("", 22), e.resident_mib, e.balloon_mib, e.reported_mib, e.shared_mib, e.swapped_mib
                        )
                    } else {
                        format!(
                            "{} above: once reclaim is complete; at the end of this run it is still under way: resident {:.0}, ballooned {:.0}, reported {:.0}, merged {:.0}, swapped {:.0}",
                            pad("", 22), e.resident_mib, e.balloon_mib, e.reported_mib, e.shared_mib, e.swapped_mib
                        )
                    }
                );
            }
        }
    }
    let migrations: Vec<_> = r
        .platforms
        .iter()
        .filter_map(|p| p.migration.as_ref().map(|m| (p, m)))
        .collect();
    if !migrations.is_empty() {
        section(
            out,
            ko,
            "migration (VMs: live, by pre-copy; containers: checkpoint and restore)",
            "마이그레이션 (VM: 프리카피 라이브; 컨테이너: 체크포인트와 복원)",
        );
        for (p, m) in migrations {
            let name = pad(&clean(&p.name), 22);
            if p.kind == sim_core::platform::PlatformKind::Container {
                // Checkpoint and restore: frozen for the whole dump, nothing to converge.
                if !m.finished {
                    let _ = writeln!(
                        out,
                        "{name} {}",
                        if ko {
                            format!(
                                "{} ({} Gbit/s): 체크포인트와 복원, 실행이 끝날 때 아직 동결 중",
                                clean(&m.instance),
                                m.link_gbit_s
                            )
                        } else {
                            format!(
                                "{} ({} Gbit/s): checkpoint and restore, still frozen at the end of the run",
                                clean(&m.instance), m.link_gbit_s
                            )
                        }
                    );
                    continue;
                }
                let _ = writeln!(
                    out,
                    "{name} {}",
                    if ko {
                        format!(
                            "{} ({} Gbit/s): 체크포인트와 복원(동결 후 작업 집합을 한 번에 덤프해 전송), 다운타임 {:.1} ms, 전송 {:.1} MiB, 마이그레이션 스레드 CPU {:.2} ms",
                            clean(&m.instance), m.link_gbit_s, m.downtime_ms, m.sent_mib, m.copy_cpu_ms
                        )
                    } else {
                        format!(
                            "{} ({} Gbit/s): checkpoint and restore (frozen, its working set dumped and sent in one go), downtime {:.1} ms, sent {:.1} MiB, migration thread CPU {:.2} ms",
                            clean(&m.instance), m.link_gbit_s, m.downtime_ms, m.sent_mib, m.copy_cpu_ms
                        )
                    }
                );
                if let Some(phases) = throughput_by_phase(m, true) {
                    let _ = writeln!(out, "{} {}", pad("", 22), phases(ko));
                }
                continue;
            }
            let rounds = m.rounds.len();
            let state = match (m.finished, m.converged, ko) {
                (false, _, false) => "still running at the end of the run",
                (false, _, true) => "실행이 끝날 때 아직 진행 중",
                (true, true, false) => "converged",
                (true, true, true) => "수렴",
                (true, false, false) => "did NOT converge",
                (true, false, true) => "수렴하지 않음",
            };
            let line = if ko {
                format!(
                    "{name} {} ({} Gbit/s): 라운드 {rounds}개, {state}, 다운타임 {:.2} ms, 전체 {:.1} ms, 전송 {:.1} MiB, 프리카피 중 게스트 감속 {:.1}% (네이티브 대비), 더티 로깅 쓰기 {}{}, 마이그레이션 스레드 CPU {:.2} ms",
                    clean(&m.instance), m.link_gbit_s,
                    m.downtime_ms, m.total_ms, m.sent_mib, m.slowdown_percent, m.dirty_writes,
                    if m.pml_exits > 0 { format!(" (PML 가득 참 exit {})", m.pml_exits) } else { String::new() },
                    m.copy_cpu_ms
                ) + &if m.guest_traffic_gbit_s > 0.0 {
                    format!(", 게스트 트래픽 {:.3} Gbit/s와 NIC 공유", m.guest_traffic_gbit_s)
                } else {
                    String::new()
                }
            } else {
                format!(
                    "{name} {} ({} Gbit/s): {rounds} round{}, {state}, downtime {:.2} ms, total {:.1} ms, sent {:.1} MiB, guest slowdown during pre-copy {:.1}% (vs native), dirty-logging writes {}{}, migration thread CPU {:.2} ms",
                    clean(&m.instance), m.link_gbit_s, if rounds == 1 { "" } else { "s" },
                    m.downtime_ms, m.total_ms, m.sent_mib, m.slowdown_percent, m.dirty_writes,
                    if m.pml_exits > 0 { format!(" ({} PML-full exits)", m.pml_exits) } else { String::new() },
                    m.copy_cpu_ms
                ) + &if m.guest_traffic_gbit_s > 0.0 {
                    format!(", NIC shared with {:.3} Gbit/s of guest traffic", m.guest_traffic_gbit_s)
                } else {
                    String::new()
                }
            };
            let _ = writeln!(out, "{line}");
            if let Some(phases) = throughput_by_phase(m, false) {
                let _ = writeln!(out, "{} {}", pad("", 22), phases(ko));
            }
        }
    }
}

/// The migrated guest's operations per second in each phase of its migration (pre-copy,
/// stop-and-copy, after), on its platform and natively: windows whose middle falls in the
/// phase. A container's checkpoint has no pre-copy: its pause is the freeze.
fn throughput_by_phase(
    m: &sim_core::memory::MigrationResult,
    frozen: bool,
) -> Option<impl Fn(bool) -> String> {
    if m.throughput.is_empty() || !m.finished {
        return None;
    }
    let paused = m.total_ms - m.downtime_ms;
    let mut sums = [[0.0f64; 3]; 3];
    let mut previous = 0.0;
    for x in &m.throughput {
        let middle = (previous + x.at_ms) / 2.0;
        previous = x.at_ms;
        let phase = if middle < paused {
            0
        } else if middle < m.total_ms {
            1
        } else {
            2
        };
        sums[phase][0] += x.ops_per_s;
        sums[phase][1] += x.native_ops_per_s;
        sums[phase][2] += 1.0;
    }
    let mean = |phase: usize| -> Option<(f64, f64)> {
        let [ops, native, n] = sums[phase];
        (n > 0.0).then(|| (ops / n, native / n))
    };
    let (pre, stop, after) = (mean(0), mean(1), mean(2));
    Some(move |ko: bool| {
        let part = |label: (&str, &str), v: Option<(f64, f64)>| {
            v.map(|(ops, native)| {
                if ko {
                    format!("{} {:.0} (네이티브 {:.0})", label.1, ops, native)
                } else {
                    format!("{} {:.0} (native {:.0})", label.0, ops, native)
                }
            })
        };
        let parts: Vec<String> = [
            part(("pre-copy", "프리카피"), pre),
            if frozen {
                part(("frozen", "동결"), stop)
            } else {
                part(("stop-and-copy", "정지 후 복사"), stop)
            },
            part(("after", "이후"), after),
        ]
        .into_iter()
        .flatten()
        .collect();
        format!(
            "{}: {}",
            if ko {
                "게스트 초당 연산"
            } else {
                "guest ops/s"
            },
            parts.join(", ")
        )
    })
}

fn section(out: &mut String, ko: bool, en: &str, ko_text: &str) {
    let _ = writeln!(out, "\n{}", tr(ko, en, ko_text));
}

/// Characters that must not reach a terminal as they are: control characters (C0, DEL, C1,
/// which start escape sequences) and the bidirectional overrides that reorder a line.
fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text from the scenario file, safe for a terminal: every control character (including
/// the ESC of ANSI sequences and line breaks) is shown escaped, e.g. `\u{1b}`.
pub fn clean(s: &str) -> String {
    if !s.chars().any(unsafe_char) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if unsafe_char(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Multi-line text (error messages, the whole table): line breaks kept, every other
/// control character escaped.
pub fn clean_lines(s: &str) -> String {
    s.split('\n').map(clean).collect::<Vec<_>>().join("\n")
}

/// Left-aligned in `width` display columns (Hangul counts two).
pub(crate) fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// Right-aligned in `width` display columns.
pub(crate) fn rpad(s: &str, width: usize) -> String {
    let w = s.width();
    format!("{}{s}", " ".repeat(width.saturating_sub(w)))
}

/// Words of `text` (whitespace collapsed) in lines of at most `width` display columns
/// (a longer word gets a line of its own), each line starting with `indent`.
pub(crate) fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.iter().map(|l| format!("{indent}{l}\n")).collect()
}

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
        format!("{value:.1}")
    } else {
        "-".to_string()
    }
}

/// The snake_case name an enum has in scenario files and JSON.
pub(crate) fn snake<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Korean names of the scenario-file words the table shows (platform kinds, techniques,
/// I/O models, operations, exit reasons, fault kinds); a word without one is shown as is.
fn ko_word(word: &str) -> &str {
    match word {
        "native" => "네이티브",
        "type1" => "타입1",
        "type2" => "타입2",
        "container" => "컨테이너",
        "vdi" => "VDI",
        "binary_translation" => "바이너리 변환",
        "hardware_assist" => "하드웨어 지원",
        "para" => "반가상화",
        "hybrid" => "하이브리드",
        "emulated" => "에뮬레이션",
        "paravirtual" => "반가상화",
        "passthrough" => "패스스루",
        "syscall" => "시스템 콜",
        "privileged_instruction" => "특권 명령어",
        "cpuid" => "CPUID",
        "cr_write" => "CR0/CR4 쓰기",
        "cr3_write" => "CR3 쓰기",
        "invlpg" => "INVLPG",
        "cr8_write" => "CR8(TPR) 쓰기",
        "rdtsc" => "RDTSC",
        "io_port" => "I/O 포트",
        "mmio" => "MMIO",
        "page_fault" => "페이지 폴트",
        "page_table_update" => "페이지 테이블 갱신",
        "tlb_miss" => "TLB 미스",
        "disk_read" => "디스크 읽기",
        "disk_write" => "디스크 쓰기",
        "net_send" => "네트워크 송신",
        "net_receive" => "네트워크 수신",
        "sleep" => "대기",
        "timer_interrupt" => "타이머 인터럽트",
        "guest_context_switch" => "게스트 문맥 교환",
        "tlb_shootdown" => "원격 TLB 슈트다운",
        "shadow" => "섀도 페이지 테이블",
        "nested" => "중첩 페이징",
        "direct_pv" => "PV 직접 페이징",
        "io_instruction" => "I/O 명령어",
        "cr_access" => "제어 레지스터 접근",
        "shadow_page_fault" => "섀도 페이지 폴트",
        "shadow_pte_write" => "섀도 PTE 쓰기",
        "hlt" => "HLT",
        "external_interrupt" => "외부 인터럽트",
        "apic_access" => "APIC 접근",
        "hypercall" => "하이퍼콜",
        "pause_loop" => "PAUSE 루프",
        "hidden_page_fault" => "숨은 페이지 폴트",
        "nested_vmx" => "중첩 VMX",
        "ept_violation" => "EPT 위반",
        "pml_full" => "PML 가득 참",
        "kernel_panic" => "커널 패닉",
        "hypervisor_failure" => "하이퍼바이저 장애",
        "server_failure" => "서버 장애",
        "oom_kill" => "OOM kill",
        other => other,
    }
}

/// A scenario-file word in the output language.
pub(crate) fn word(ko: bool, word: &str) -> &str {
    if ko {
        ko_word(word)
    } else {
        word
    }
}

fn technique_label(p: &sim_core::PlatformResult, ko: bool) -> String {
    let mut parts = vec![word(ko, &snake(&p.kind)).to_string()];
    if let Some(t) = p.technique {
        parts.push(word(ko, &snake(&t)).to_string());
    }
    if let Some(io) = p.io {
        parts.push(format!("io={}", word(ko, &snake(&io))));
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
    let _ = writeln!(out, "{}", clean(&title));
    if let Some(description) = &r.description {
        out.push_str(&wrap(&clean(description.get(lang)), WRAP, ""));
        out.push('\n');
    }
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
    let headers = [
        tr(ko, "ops/s", "초당 연산"),
        tr(ko, "vs native", "네이티브 대비"),
        tr(ko, "user%", "사용자%"),
        tr(ko, "kern%", "커널%"),
        tr(ko, "hyp%", "하이퍼%"),
        tr(ko, "emu%", "에뮬%"),
        tr(ko, "host%", "호스트%"),
        tr(ko, "idle%", "유휴%"),
        tr(ko, "steal%", "스틸%"),
        tr(ko, "exits/s", "초당 exit"),
    ];
    let widths = [12, 13, 8, 8, 8, 8, 8, 8, 8, 10];
    let nw = name_width(r);
    let sw = r
        .platforms
        .iter()
        .map(|p| technique_label(p, ko).width())
        .max()
        .unwrap_or(0)
        .max(34);
    let _ = write!(
        out,
        "{} {}",
        pad(tr(ko, "platform", "플랫폼"), nw),
        pad(tr(ko, "stack", "구성"), sw)
    );
    for (h, w) in headers.iter().zip(widths) {
        let _ = write!(out, " {}", rpad(h, w));
    }
    let _ = writeln!(out);
    for p in &r.platforms {
        let figures = [
            format!("{:.0}", p.throughput),
            format!("{:.1}%", p.relative_performance_percent),
            format!("{:.1}", p.cpu.guest_user),
            format!("{:.1}", p.cpu.guest_kernel),
            format!("{:.1}", p.cpu.hypervisor),
            format!("{:.1}", p.cpu.device_emulation),
            format!("{:.1}", p.cpu.host_os),
            format!("{:.1}", p.cpu.idle),
            format!("{:.1}", p.steal_percent),
            format!("{:.0}", p.exits_per_second),
        ];
        let _ = write!(
            out,
            "{} {}",
            pad(&clean(&p.name), nw),
            pad(&technique_label(p, ko), sw)
        );
        for (f, w) in figures.iter().zip(widths) {
            let _ = write!(out, " {}", rpad(f, w));
        }
        let _ = writeln!(out);
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
    // A platform's "vs native" weighs its groups by the CPU they use natively: when they
    // fare very differently (a slowed VM beside neighbours that get the CPU it leaves),
    // the mean hides both, so the rows to read are named.
    let spread: Vec<String> = r
        .platforms
        .iter()
        .filter(|p| p.groups_fare_differently())
        .map(|p| p.groups_against_native(&clean(&p.name), clean, |v| format!("{v:.1}%")))
        .collect();
    if !spread.is_empty() {
        let _ = writeln!(
            out,
            "{}{}",
            tr(
                ko,
                "vs native of a platform whose groups fare very differently is their mean weighted by native CPU; read the per-group rows: ",
                "그룹마다 결과가 크게 다른 플랫폼의 네이티브 대비는 네이티브 CPU로 가중한 평균입니다. 그룹별 행을 보세요: ",
            ),
            spread.join("; ")
        );
    }
    // A fault lowers a platform's throughput from its time on: the figures say so.
    let faulted: Vec<String> = r
        .platforms
        .iter()
        .filter_map(|p| {
            let f = p.faults_stopped()?;
            let lang = if ko {
                sim_core::Lang::Ko
            } else {
                sim_core::Lang::En
            };
            Some(if ko {
                format!(
                    "{} ({}에 {}개 중 {}개 멈춤)",
                    clean(&p.name),
                    f.when(lang),
                    f.of,
                    f.stopped
                )
            } else {
                format!(
                    "{} ({} of {} stopped at {})",
                    clean(&p.name),
                    f.stopped,
                    f.of,
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
            faulted.join(", ")
        );
    }
    // A desktop platform's "vs native" is not its operations': see `runner.rs`.
    if r.platforms.iter().any(|p| p.vdi.is_some()) {
        let _ = writeln!(
            out,
            "{}",
            tr(
                ko,
                "vs native of a VDI platform: the share of the wanted screen updates its users see, over a local PC's share for the same activities (its ops/s count the display agent's packets too, which a local PC does not send)",
                "VDI 플랫폼의 네이티브 대비: 사용자가 원한 화면 갱신 중 실제로 본 비율을, 같은 활동을 하는 로컬 PC의 비율과 비교한 값 (초당 연산에는 로컬 PC가 보내지 않는 디스플레이 에이전트의 패킷도 들어 있음)",
            )
        );
    }
    if r.platforms.iter().any(|p| p.label.is_some()) {
        section(&mut out, ko, "platforms", "플랫폼 설명");
        for p in &r.platforms {
            if let Some(label) = &p.label {
                let _ = writeln!(
                    out,
                    "{} {}",
                    pad(&clean(&p.name), 22),
                    clean(label.get(lang))
                );
            }
        }
    }
    if r.platforms.iter().any(|p| p.groups.len() > 1) {
        section(&mut out, ko, "per instance group", "인스턴스 그룹별");
        for p in &r.platforms {
            for g in &p.groups {
                let count = format!("x{}", p.group_members(g));
                let _ = writeln!(
                    out,
                    "{} {} {} {} {} {} {}",
                    pad(&clean(&p.name), 22),
                    pad(&clean(&g.name), 20),
                    pad(&clean(&g.workload), 16),
                    pad(&count, 5),
                    rpad(&format!("{:.0}", g.throughput), 12),
                    tr(ko, "ops/s", "초당 연산,"),
                    if ko {
                        format!("네이티브 대비 {:.1}%", g.relative_performance_percent)
                    } else {
                        format!("{:>7.1}% vs native", g.relative_performance_percent)
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
    let stolen = |p: &&sim_core::PlatformResult| p.steal_percent >= 0.05 && p.kind.is_hypervisor();
    if r.platforms.iter().any(|p| stolen(&p)) {
        section(
            &mut out,
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
    if r.platforms.iter().any(|p| p.bt_tc_hit_percent.is_some()) {
        section(
            &mut out,
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
    section(
        &mut out,
        ko,
        "latency per operation (µs): mean / p50 / p99",
        "연산별 지연 (µs): 평균 / p50 / p99",
    );
    for p in &r.platforms {
        let entries: Vec<String> = p
            .latency
            .iter()
            .filter(|l| l.op.name() != "timer_interrupt")
            .map(|l| {
                // Under 1 µs one decimal would make 1 042 and 1 062 cycles read 0.3
                // and 0.4: show two significant digits there.
                let us = |v: f64| {
                    if v.abs() < 1.0 {
                        format!("{v:.2}")
                    } else {
                        format!("{v:.1}")
                    }
                };
                format!(
                    "{}{}{}/{}/{}",
                    word(ko, l.op.name()),
                    tr(ko, "=", " "),
                    us(l.latency.mean_us),
                    us(l.latency.p50_us),
                    us(l.latency.p99_us)
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "{} {}",
            pad(&clean(&p.name), 22),
            entries.join(tr(ko, " ", ", "))
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
                "(데스크탑 플랫폼에서 네트워크 수신(net_receive)과 대기(sleep) 시간은 대부분 무언가를 기다리는 시간입니다: 애플리케이션의 수신은 사용자의 다음 입력을, 대기는 동영상 플레이어의 다음 프레임, 서비스가 다시 깨어날 때, 에이전트의 다음 캡처를 기다립니다. 사용자가 느끼는 지연은 데스크탑 절의 입력-화면 지연입니다)",
            )
        );
    }
    section(
        &mut out,
        ko,
        "exits and traps by reason (per second)",
        "exit/트랩 사유 (초당)",
    );
    for p in &r.platforms {
        let reasons: Vec<String> = p
            .exits
            .iter()
            .map(|e| {
                format!(
                    "{}{}{:.0}",
                    word(ko, e.reason.name()),
                    tr(ko, "=", " "),
                    e.per_second
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "{} {}",
            pad(&clean(&p.name), 22),
            if reasons.is_empty() {
                "-".to_string()
            } else {
                reasons.join(tr(ko, " ", ", "))
            }
        );
    }
    lifecycle_tables(&mut out, r, lang);
    section(
        &mut out,
        ko,
        "comparison table: left of `|` the seed document's rating (fixed words, the same in every run); right of `|` what this run measured",
        "비교표: `|` 왼쪽은 개요 문서의 평가 (고정된 문구, 실행마다 같음), `|` 오른쪽은 이번 실행의 측정값",
    );
    for (row_index, heading) in r.table.row_headings.iter().enumerate() {
        let _ = writeln!(out, "[{}]", clean(heading.get(lang)));
        for column in &r.table.columns {
            let cell = &column.cells[row_index];
            let _ = writeln!(
                out,
                "  {} {} | {}",
                pad(&clean(column.heading.get(lang)), 30),
                clean(cell.seed.get(lang)),
                clean(cell.measured.get(lang))
            );
        }
    }
    if let Some(sweep) = &r.sweep {
        let target = sweep.p99_target_us.map_or(String::new(), |t| {
            if ko {
                format!(", p99 목표 {t} µs, ! = 목표 미달")
            } else {
                format!(", p99 target {t} µs, ! = misses it")
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
            word(ko, sweep.op.name())
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
                "{} {}  {} {density}",
                pad(&clean(&curve.platform), 22),
                points.join(" "),
                tr(ko, "density", "밀도")
            );
        }
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

/// One question: its text, options, the evidence (each platform's value), the answer and
/// the explanation.
pub(crate) fn questions(out: &mut String, q: &sim_core::QuestionAnswer, lang: &str) {
    let ko = lang == "ko";
    let _ = writeln!(out, "{}: {}", clean(&q.id), clean(q.text.get(lang)));
    if q.kind == sim_core::QuestionKind::Choice && !q.options.is_empty() {
        let options: Vec<String> = q.options.iter().map(|o| clean(o)).collect();
        let _ = writeln!(
            out,
            "  {} {}",
            tr(ko, "options:", "선택지:"),
            options.join(", ")
        );
    }
    if !q.evidence.is_empty() {
        let evidence: Vec<String> = q
            .evidence
            .iter()
            .map(|(name, value)| format!("{} {}", clean(name), figure(*value)))
            .collect();
        let _ = writeln!(
            out,
            "  {} ({}): {}",
            tr(ko, "evidence", "근거"),
            q.metric.name(),
            evidence.join(", ")
        );
    }
    let answer = clean(&q.answer);
    if q.kind == sim_core::QuestionKind::Numeric {
        let tolerance = figure(q.tolerance_percent);
        if q.tolerance_percent == 0.0 {
            let _ = writeln!(
                out,
                "  -> {answer} ({})",
                tr(
                    ko,
                    "only this exact value is right",
                    "이 값과 정확히 같아야 정답"
                )
            );
        } else if ko {
            let _ = writeln!(out, "  -> {answer} (±{tolerance}% 이내면 정답)");
        } else {
            let _ = writeln!(
                out,
                "  -> {answer} (answers within ±{tolerance}% are right)"
            );
        }
    } else {
        let _ = writeln!(out, "  -> {answer}");
    }
    if let Some(explanation) = &q.explanation {
        let label = tr(ko, "why:", "설명:");
        let text = format!("{label} {}", clean(explanation.get(lang)));
        out.push_str(&wrap(&text, WRAP - 2, "  "));
    }
}

/// A figure with two decimals, without trailing zeros.
pub(crate) fn figure(value: f64) -> String {
    let s = format!("{value:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// One row per (platform, operation), with the platform's headline figures repeated
/// (the same CSV the web page exports: `sim_core::export_csv`).
pub fn csv(r: &RunResult) -> String {
    sim_core::export_csv::to_csv(r)
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
    let widths = [12, 14, 14, 15, 11, 10, 9];
    let _ = write!(out, "{}", pad(tr(ko, "platform", "플랫폼"), nw));
    for (h, w) in headers.iter().zip(widths) {
        let _ = write!(out, " {}", rpad(h, w));
    }
    let _ = writeln!(out);
    for p in &r.platforms {
        let l = &p.lifecycle;
        let cpu_fit = if l.density_cpu == u64::MAX {
            "-".to_string()
        } else {
            l.density_cpu.to_string()
        };
        let figures = [
            format!("{:.0}", l.startup_ms),
            format!("{:.0}", l.startup_all_ms),
            format!("{:.0}", l.footprint_mib),
            format!("{:.1}", l.cpu_per_instance_percent),
            l.density_memory.to_string(),
            cpu_fit,
            l.density.to_string(),
        ];
        let _ = write!(out, "{}", pad(&clean(&p.name), nw));
        for (f, w) in figures.iter().zip(widths) {
            let _ = write!(out, " {}", rpad(f, w));
        }
        let _ = writeln!(out);
    }
    if r.platforms.iter().any(|p| p.lifecycle.density_cpu == 0) {
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
    for p in &r.platforms {
        let steps: Vec<String> = p
            .lifecycle
            .steps
            .iter()
            .map(|s| {
                // Steps on the host kernel take well under a millisecond: keep a decimal.
                let digits = if s.alone_ms < 10.0 { 1 } else { 0 };
                format!("{} {:.*} ms", clean(s.what.get(lang)), digits, s.alone_ms)
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
            if ko {
                let _ = writeln!(
                    out,
                    "{name} {} ({} ms): {failed} 장애; {}, {}개 계속 실행; 잃은 연산 {}개; 재시작 {:.0} ms",
                    ko_word(f.kind.name()),
                    f.at_ms,
                    if f.stopped.is_empty() {
                        "중단된 것 없음 (앞선 장애로 이미 멈춤)".to_string()
                    } else {
                        format!("{}개 중단 ({stopped})", f.stopped.len())
                    },
                    f.survivors,
                    f.ops_lost,
                    f.recovery_ms
                );
            } else {
                let _ = writeln!(
                    out,
                    "{name} {} at {} ms: {failed} failed; {}, {} kept running; {} ops lost; restart {:.0} ms",
                    f.kind.name(),
                    f.at_ms,
                    if f.stopped.is_empty() {
                        "stopped none (an earlier fault had stopped them)".to_string()
                    } else {
                        format!("stopped {} ({stopped})", f.stopped.len())
                    },
                    f.survivors,
                    f.ops_lost,
                    f.recovery_ms
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
                    a.entry_points, a.shared_by
                );
            } else {
                let _ = writeln!(
                    out,
                    "{name} ~{} entry points, shared by {}: {interface}",
                    a.entry_points, a.shared_by
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
        section(out, ko, "desktop virtualization: sessions (input-to-display latency ms, bandwidth per session, frames)", "데스크탑 가상화: 세션 (입력-화면 지연 ms, 세션당 대역폭, 프레임)");
        let headers = [
            tr(ko, "sessions", "세션"),
            tr(ko, "rtt ms", "RTT ms"),
            "p50 ms",
            "p99 ms",
            tr(ko, "local p50", "로컬 p50"),
            tr(ko, "<150ms%", "150ms 이내%"),
            tr(ko, "drop", "끊김"),
            "kbit/s",
            tr(ko, "frames done/want", "프레임 전달/요청"),
            tr(ko, "app%", "앱%"),
            tr(ko, "enc%", "인코딩%"),
            tr(ko, "bg%", "배경%"),
            tr(ko, "hyp%", "하이퍼%"),
            tr(ko, "idle%", "유휴%"),
        ];
        let widths = [8, 7, 8, 8, 9, 11, 7, 11, 17, 6, 8, 6, 8, 6];
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
                v.sessions.to_string(),
                format!("{:.0}", v.rtt_ms),
                latency_ms(v.latency_mean_ms, v.latency_p50_ms),
                latency_ms(v.latency_mean_ms, v.latency_p99_ms),
                v.local.as_ref().map_or(String::new(), |l| {
                    if l.frames_delivered == 0 {
                        "-".to_string()
                    } else {
                        format!("{:.1}", l.latency_p50_ms)
                    }
                }),
                latency_ms(v.latency_mean_ms, v.within_150ms_percent),
                v.sessions_dropped.to_string(),
                format!("{:.1}", v.bandwidth_kbit_s),
                format!("{}/{}", v.frames_delivered, v.frames_wanted),
                format!("{:.1}", v.cpu.applications),
                format!("{:.1}", v.cpu.encode),
                format!("{:.1}", v.cpu.guest_background),
                format!("{:.1}", v.cpu.hypervisor),
                format!("{:.1}", v.cpu.idle),
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
                    g.sessions.to_string(),
                    String::new(),
                    latency_ms(g.latency_mean_ms, g.latency_p50_ms),
                    latency_ms(g.latency_mean_ms, g.latency_p99_ms),
                    String::new(),
                    String::new(),
                    String::new(),
                    format!("{:.1}", g.bandwidth_kbit_s),
                    format!("{}/{}", g.frames_delivered, g.frames_wanted),
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
        if silent {
            let _ = writeln!(
                out,
                "{}",
                tr(
                    ko,
                    "(- under p50/p99: the group's users made no inputs in the run (they watch video); its frames still count in frames done/want)",
                    "(p50/p99의 -: 그 그룹의 사용자가 실행 중에 입력을 하지 않았습니다(동영상을 봄). 그 프레임은 frames done/want에 들어 있습니다)",
                )
            );
        }
    }
}

/// Notes on stderr each platform's groups that the OOM killer mostly stopped
/// ([`sim_core::PlatformResult::groups_oom_killed`]): a guest whose memory does not hold its
/// OS and working set runs its application until the kill, and every figure after it is of
/// stopped instances; the run itself shows this only in its faults section.
pub(crate) fn note_oom_killed_groups(result: &sim_core::RunResult, ko: bool) {
    let scenario = clean(&result.scenario);
    for p in &result.platforms {
        for (group, killed, of, at) in p.groups_oom_killed() {
            let (platform, group) = (clean(&p.name), clean(group));
            let (which_en, which_ko) = if of == 1 {
                (
                    format!("the one instance of `{group}`"),
                    format!("그룹 `{group}`의 유일한 인스턴스를"),
                )
            } else {
                (
                    format!("{killed} of the {of} instances of `{group}`"),
                    format!("그룹 `{group}`의 인스턴스 {of}개 중 {killed}개를"),
                )
            };
            let since = if killed == 1 { "에" } else { "부터" };
            if ko {
                crate::errln!(
                    "참고: {scenario}: 플랫폼 `{platform}`에서 {at} ms{since} OOM killer가 {which_ko} 멈췄습니다: \
                     인스턴스가 건드리는 메모리가 주어진 메모리에 다 들어가지 않습니다(게스트 OS와 작업 집합을 담아야 할 게스트의 memory_gib, 컨테이너의 제한, 또는 호스트 메모리). 그 뒤의 수치는 멈춘 인스턴스의 것입니다. \
                     의도가 아니라면 memory_gib를 늘리거나, working_set_mib를 줄이거나, 호스트 메모리를 늘리세요."
                );
            } else {
                crate::errln!(
                    "note: {scenario}: on platform `{platform}` the OOM killer stopped {which_en} (from {at} ms): \
                     what they touch does not fit in their memory (a guest's memory_gib holding its OS and working set, a container's limit, or the host's memory), and the figures after that are of stopped instances. \
                     Unless that is the point, give them more memory_gib, a smaller working_set_mib, or the host more memory."
                );
            }
        }
    }
}

/// Warns on stderr about each choice question whose answer is a near tie
/// ([`sim_core::QuestionAnswer::near_tie`]): the author should pick another metric or
/// make the platforms differ more, since a student cannot see the difference.
pub(crate) fn warn_near_ties(scenario: &str, questions: &[sim_core::QuestionAnswer], ko: bool) {
    for q in questions {
        if q.same_on_every_platform() {
            let (scenario, id) = (clean(scenario), clean(&q.id));
            if ko {
                crate::errln!(
                    "참고: {scenario}: 숫자 질문 `{id}`의 값이 모든 플랫폼에서 같습니다(차이 1% 이내): 이 질문으로는 플랫폼을 구별할 수 없습니다. 그것이 의도가 아니라면 플랫폼마다 값이 달라지는 지표나 워크로드를 고르세요."
                );
            } else {
                crate::errln!(
                    "note: {scenario}: numeric question `{id}` has the same value on every platform (within 1%): it does not tell the platforms apart. Unless that is the point, choose a metric or workload in which they differ."
                );
            }
        }
        // No tolerance on a measured figure with decimals: the page and the CLI show it
        // rounded, so a student who types what they read is marked wrong.
        if q.kind == sim_core::question::QuestionKind::Numeric
            && q.tolerance_percent == 0.0
            && q.value.is_some_and(|v| v.fract() != 0.0)
        {
            let (scenario, id) = (clean(scenario), clean(&q.id));
            let value = q.value.map(figure).unwrap_or_default();
            if ko {
                crate::errln!(
                    "경고: {scenario}: 숫자 질문 `{id}`의 허용 오차가 0%인데 답({value})에 소수가 있습니다: 페이지와 CLI는 반올림해 보여 주므로, 읽은 값을 쓴 학생이 오답이 됩니다. tolerance_percent를 주세요(예: 1)."
                );
            } else {
                crate::errln!(
                    "warning: {scenario}: numeric question `{id}` has no tolerance (0%) but its answer ({value}) has decimals: the page and the CLI show it rounded, so a student who types what they read is marked wrong. Give a tolerance_percent (say 1)."
                );
            }
        }
        let others = q.tolerance_accepts_others();
        if !others.is_empty() {
            let (scenario, id) = (clean(scenario), clean(&q.id));
            let list: Vec<String> = others
                .iter()
                .map(|(name, v)| format!("{} = {}", clean(name), figure(*v)))
                .collect();
            let (list, tolerance) = (list.join(", "), figure(q.tolerance_percent));
            if ko {
                crate::errln!(
                    "경고: {scenario}: 숫자 질문 `{id}`의 허용 오차 ±{tolerance}%가 다른 플랫폼의 값도 정답으로 받습니다({list}). \
                     다른 플랫폼을 읽은 학생도 정답이 됩니다: 허용 오차를 줄이세요."
                );
            } else {
                crate::errln!(
                    "warning: {scenario}: numeric question `{id}`'s tolerance (±{tolerance}%) also accepts other platforms' values ({list}). \
                     A student who reads another platform is marked right: narrow the tolerance."
                );
            }
        }
        let Some((winner, name, runner_up)) = q.near_tie() else {
            continue;
        };
        let (scenario, id, answer, name) =
            (clean(scenario), clean(&q.id), clean(&q.answer), clean(name));
        if ko {
            crate::errln!(
                "경고: {scenario}: 질문 `{id}`의 답이 거의 동점입니다({answer} = {winner}, {name} = {runner_up}). \
                 학생은 이 차이를 볼 수 없습니다: 다른 지표를 고르거나 플랫폼의 차이를 키우세요."
            );
        } else {
            crate::errln!(
                "warning: {scenario}: question `{id}` is a near tie ({answer} = {winner}, {name} = {runner_up}). \
                 A student cannot see this difference: choose another metric or make the platforms differ more."
            );
        }
    }
}
