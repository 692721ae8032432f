//! The host's memory per platform (demand, reclaim, swap, over time) and live migrations.

use super::*;

/// The host's memory per platform (demand, reclaim, swap) and live migrations.
pub(super) fn memory_sections(out: &mut String, r: &RunResult, ko: bool) {
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
                    "{name} 정책 {policies}, 오버커밋 {:.2}배: 요구 {}, 상주 {}, 벌룬 {}, KSM 공유 {}, 스왑 {} (작업 집합의 최대 {hot:.1}%), OOM kill {}",
                    m.overcommit_ratio, fixed(m.demand_mib, 0), fixed(m.resident_mib, 0), fixed(m.balloon_mib, 0), fixed(m.shared_mib, 0), fixed(m.swapped_mib, 0), count(m.oom_kills.len())
                )
            } else {
                format!(
                    "{name} policy {policies}, overcommit {:.2}x: demand {}, resident {}, ballooned {}, merged {}, swapped {} (up to {hot:.1}% of a working set), OOM kills {}",
                    m.overcommit_ratio, fixed(m.demand_mib, 0), fixed(m.resident_mib, 0), fixed(m.balloon_mib, 0), fixed(m.shared_mib, 0), fixed(m.swapped_mib, 0), count(m.oom_kills.len())
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
                            "{} 이 실행의 페이징(실행 전체 평균): 초당 페이지 인 {} (각 4 KiB 읽기), 그중 초당 {}개는 내보낸 더티 페이지의 스왑 쓰기도 시작",
                            pad("", 22),
                            fixed(ins, 0),
                            fixed(outs, 0)
                        )
                    } else {
                        format!(
                            "{} paging, averaged over this run: {} page-ins/s (each a 4 KiB read), {}/s of them also started the write of the dirty page they evicted",
                            pad("", 22),
                            fixed(ins, 0),
                            fixed(outs, 0)
                        )
                    }
                );
            }
            if let Some(sp) = &p.swap_path {
                let cycles =
                    |steps: &[sim_core::path::Step]| steps.iter().map(|s| s.cycles).sum::<u64>();
                let (fault, write, resume) =
                    (cycles(&sp.fault), cycles(&sp.writeback), cycles(&sp.resume));
                // With several page touches per operation, one operation may page in
                // several times, one page-in after another (shown from 1.01 on).
                let repeated = (sp.page_ins_per_paging_op >= 1.005).then(|| {
                    if ko {
                        format!(
                            "; 그런 연산은 평균 {:.2}번 페이지 인하며(차례로), 그때마다 이 단계를 거칩니다",
                            sp.page_ins_per_paging_op
                        )
                    } else {
                        format!(
                            "; such an operation paged in {:.2} times on average, one page-in after another, each paying these steps",
                            sp.page_ins_per_paging_op
                        )
                    }
                });
                let _ = writeln!(
                    out,
                    "{}",
                    if ko {
                        format!(
                            "{} 스왑에 있는 페이지를 건드린 연산(이 실행의 연산 중 {:.1}%): 폴트, 프레임 회수, 읽기 요청 {fault} 사이클, 더티 페이지의 쓰기 시작 {write} 사이클(페이지 인의 {:.1}%), 디스크 지연 {} µs의 4 KiB 읽기 대기(CPU가 아님), 재개 {resume} 사이클{}",
                            pad("", 22), sp.touch_percent, sp.writeback_percent, sp.read_latency_us,
                            repeated.as_deref().unwrap_or_default()
                        )
                    } else {
                        format!(
                            "{} an operation that touches a page on swap ({:.1}% of this run's operations): fault, reclaim and read request {fault} cycles, a dirty victim's write started {write} cycles ({:.1}% of the page-ins), the wait for the 4 KiB read (disk latency {} µs, not CPU), resume {resume} cycles{}",
                            pad("", 22), sp.touch_percent, sp.writeback_percent, sp.read_latency_us,
                            repeated.as_deref().unwrap_or_default()
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
                            "{} 위는 회수가 끝났을 때의 값; 이 실행이 끝날 때는 아직 진행 중: 상주 {}, 벌룬 {}, 보고 {}, KSM 공유 {}, 스왑 {}",
                            pad("", 22), fixed(e.resident_mib, 0), fixed(e.balloon_mib, 0), fixed(e.reported_mib, 0), fixed(e.shared_mib, 0), fixed(e.swapped_mib, 0)
                        )
                    } else {
                        format!(
                            "{} above: once reclaim is complete; at the end of this run it is still under way: resident {}, ballooned {}, reported {}, merged {}, swapped {}",
                            pad("", 22), fixed(e.resident_mib, 0), fixed(e.balloon_mib, 0), fixed(e.reported_mib, 0), fixed(e.shared_mib, 0), fixed(e.swapped_mib, 0)
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
pub(super) fn throughput_by_phase(
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
                    format!(
                        "{} {} (네이티브 {})",
                        label.1,
                        fixed(ops, 0),
                        fixed(native, 0)
                    )
                } else {
                    format!(
                        "{} {} (native {})",
                        label.0,
                        fixed(ops, 0),
                        fixed(native, 0)
                    )
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
            figure_list(&parts, ko)
        )
    })
}
