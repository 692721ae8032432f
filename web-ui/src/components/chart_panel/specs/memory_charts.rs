//! The memory charts of a result: each platform's memory over time per instance
//! (resident, ballooned, reported free, shared by KSM, swapped), and each live migration's
//! pre-copy rounds (sent, still dirty, the stop-and-copy). Drawn only for platforms whose
//! result has the data.

use super::{line_chart, ChartSpec};
use crate::charts::{Line, LineKind};
use crate::i18n::{t, Lang};
use crate::labels;
use crate::palette;
use crate::sim::memory::{MemoryPoint, MemorySeries, MigrationResult};
use crate::sim::RunResult;

/// One kind of memory a point reports: its label key, colour and value.
type Kind = (&'static str, palette::Rgb, fn(&MemoryPoint) -> f64);

// Page cache is drawn only for containers and the balloon only for VMs: they may share a colour.
const KINDS: [Kind; 6] = [
    ("chart.mem_resident", palette::BLUE, |p| p.resident_mib),
    ("chart.mem_cache", palette::BLUISH_GREEN, |p| {
        p.page_cache_mib
    }),
    ("chart.mem_balloon", palette::BLUISH_GREEN, |p| {
        p.balloon_mib
    }),
    ("chart.mem_reported", palette::SKY_BLUE, |p| p.reported_mib),
    ("chart.mem_shared", palette::REDDISH_PURPLE, |p| {
        p.shared_mib
    }),
    ("chart.mem_swapped", palette::VERMILLION, |p| p.swapped_mib),
];

/// The followed instances by group, in order: the group's name for the lines ("web-1 …
/// web-8" for several copies, the instance's own name for one) and the mean per instance
/// of its copies at each point (copies differ only by when their batches ran).
fn by_group(series: &[MemorySeries]) -> Vec<(String, Vec<MemoryPoint>)> {
    let mut groups: Vec<(&str, Vec<&MemorySeries>)> = Vec::new();
    for s in series {
        match groups.iter_mut().find(|(g, _)| *g == s.group) {
            Some((_, members)) => members.push(s),
            None => groups.push((&s.group, vec![s])),
        }
    }
    groups
        .into_iter()
        .map(|(_, members)| {
            let name = match members.as_slice() {
                [one] => one.instance.clone(),
                [first, last] => format!("{}, {}", first.instance, last.instance),
                [first, .., last] => format!("{} … {}", first.instance, last.instance),
                [] => String::new(),
            };
            let n = members.len().max(1) as f64;
            let len = members.iter().map(|m| m.points.len()).min().unwrap_or(0);
            let mean = |k: usize, f: fn(&MemoryPoint) -> f64| -> f64 {
                members.iter().map(|m| f(&m.points[k])).sum::<f64>() / n
            };
            let points = (0..len)
                .map(|k| MemoryPoint {
                    at_ms: members[0].points[k].at_ms,
                    resident_mib: mean(k, |p| p.resident_mib),
                    page_cache_mib: mean(k, |p| p.page_cache_mib),
                    balloon_mib: mean(k, |p| p.balloon_mib),
                    reported_mib: mean(k, |p| p.reported_mib),
                    shared_mib: mean(k, |p| p.shared_mib),
                    swapped_mib: mean(k, |p| p.swapped_mib),
                })
                .collect();
            (name, points)
        })
        .collect()
}

/// Every memory chart of `r`.
pub fn memory_charts(lang: Lang, r: &RunResult) -> Vec<ChartSpec> {
    let mut out = Vec::new();
    for (index, p) in r.platforms.iter().enumerate() {
        let Some(m) = p.host_memory.as_ref().filter(|m| !m.over_time.is_empty()) else {
            continue;
        };
        let mut lines = Vec::new();
        let sets = by_group(&m.over_time);
        let several = sets.len() > 1;
        let copies = m.over_time.len() > sets.len();
        for (name, points) in &sets {
            for (key, colour, value) in KINDS {
                if points.iter().all(|pt| value(pt) <= 0.0) {
                    continue;
                }
                let kind = t(lang, key);
                lines.push(Line {
                    name: format!("{name}: {kind}"),
                    colour: if several {
                        palette::series(lines.len())
                    } else {
                        colour
                    },
                    points: points.iter().map(|pt| (pt.at_ms, value(pt))).collect(),
                });
            }
        }
        if lines.is_empty() {
            continue;
        }
        let platform = labels::platform(lang, p);
        let title = format!("{} — {platform}", t(lang, "chart.memory"));
        let y_desc = if copies {
            t(lang, "chart.mem_axis_mean")
        } else {
            "MiB"
        };
        // Containers that share one memory limit: the limit is drawn dashed, and the note
        // says that resident memory also holds the runtime shim outside the cgroup.
        let limited: Vec<_> = m
            .instances
            .iter()
            .filter(|i| i.limit_mib.is_some())
            .collect();
        let limit = limited
            .first()
            .and_then(|i| i.limit_mib)
            .filter(|l| limited.iter().all(|i| i.limit_mib == Some(*l)));
        let mut chart = line_chart(
            format!("chart-memory-{index}"),
            lang,
            &title,
            t(lang, "chart.time_ms"),
            y_desc,
            &lines,
            limit.map(|l| l as f64),
            LineKind::Plain,
        );
        let mut notes = Vec::new();
        if let (Some(l), Some(first)) = (limit, limited.first()) {
            notes.push(
                t(lang, "chart.mem_limit")
                    .replace("{limit}", &crate::num::num(l as f64))
                    .replace("{runtime}", &crate::num::whole(first.runtime_mib)),
            );
        }
        if m.instances.len() > m.over_time.len() {
            notes.push(
                t(lang, "chart.mem_first")
                    .replace("{}", &m.over_time.len().to_string())
                    .replace("{n}", &m.instances.len().to_string()),
            );
        }
        // Reclaim still under way at the end (from the result, as the table's row): how
        // far each mechanism has got of what it will reclaim.
        if let Some(e) = m.still_under_way() {
            let of = |key: &'static str, now: f64, all: f64| -> Option<String> {
                ((all - now).abs() >= 1.0).then(|| {
                    t(lang, key)
                        .replace("{now}", &crate::num::whole(now))
                        .replace("{all}", &crate::num::whole(all))
                })
            };
            let parts: Vec<String> = [
                of("chart.mem_end_ksm", e.shared_mib, m.shared_mib),
                of(
                    "chart.mem_end_balloon",
                    e.balloon_mib + e.reported_mib,
                    m.balloon_mib + m.reported_mib,
                ),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !parts.is_empty() {
                notes.push(format!("{} {}", t(lang, "chart.mem_end"), parts.join("; ")));
            }
        }
        if !notes.is_empty() {
            chart.note = Some(notes.join(" "));
        }
        out.push(chart);
    }
    for (index, p) in r.platforms.iter().enumerate() {
        if let Some(mig) = &p.migration {
            out.push(migration_chart(
                lang,
                index,
                &labels::platform(lang, p),
                mig,
                p.kind == crate::sim::PlatformKind::Container,
            ));
            if !mig.throughput.is_empty() {
                out.push(throughput_chart(
                    lang,
                    index,
                    &labels::platform(lang, p),
                    mig,
                    p.kind == crate::sim::PlatformKind::Container,
                ));
            }
        }
    }
    out
}

/// The migrated guest's operations per second over the run, on its platform and natively:
/// slower during the pre-copy (dirty logging), nothing during the stop-and-copy.
/// `checkpoint`: a container frozen for its checkpoint and restore (no pre-copy).
fn throughput_chart(
    lang: Lang,
    index: usize,
    platform: &str,
    m: &MigrationResult,
    checkpoint: bool,
) -> ChartSpec {
    let lines = [
        Line {
            name: t(lang, "chart.mig_ops").into(),
            colour: palette::BLUE,
            points: m
                .throughput
                .iter()
                .map(|x| (x.at_ms, x.ops_per_s))
                .collect(),
        },
        Line {
            name: t(lang, "chart.mig_native").into(),
            colour: palette::VERMILLION,
            points: m
                .throughput
                .iter()
                .map(|x| (x.at_ms, x.native_ops_per_s))
                .collect(),
        },
    ];
    let title = format!("{} — {platform}", t(lang, "chart.mig_throughput"));
    let mut chart = line_chart(
        format!("chart-guest-throughput-{index}"),
        lang,
        &title,
        t(lang, "chart.time_ms"),
        "ops/s",
        &lines,
        None,
        LineKind::Plain,
    );
    let n = crate::num::num;
    chart.note = Some(if checkpoint {
        t(lang, "chart.ckpt_gap").replace("{down}", &n(m.downtime_ms))
    } else {
        t(lang, "chart.mig_gap")
            .replace("{slow}", &n(m.slowdown_percent))
            .replace("{down}", &n(m.downtime_ms))
    });
    chart
}

/// A migration's rounds over time: at the end of each round what it sent and what the
/// guest dirtied meanwhile (the next round's load), then the stop-and-copy; the dashed
/// line is what the link sends within the downtime target.
/// `checkpoint`: a container's checkpoint and restore (one stop-and-copy, no pre-copy).
fn migration_chart(
    lang: Lang,
    index: usize,
    platform: &str,
    m: &MigrationResult,
    checkpoint: bool,
) -> ChartSpec {
    // Each round spans its time: what it sends is drawn from its start to its end (a round
    // of 40 MiB over 10 Gbit/s lasts 33.6 ms, not an instant), and what the guest dirties
    // meanwhile grows from nothing at its start.
    let mut sent = Vec::new();
    let mut dirty = Vec::new();
    for round in &m.rounds {
        let end = round.start_ms + round.duration_ms;
        sent.extend([(round.start_ms, round.sent_mib), (end, round.sent_mib)]);
        dirty.extend([(round.start_ms, 0.0), (end, round.dirtied_mib)]);
    }
    let last = m.sent_mib - m.rounds.iter().map(|r| r.sent_mib).sum::<f64>();
    // The stop-and-copy sends what was left while the guest is paused: nothing is dirtied.
    // A migration still running at the end of the run has none yet.
    // A container's checkpoint has no stop-and-copy after its one round: that round is the
    // freeze itself (nothing left to send, and its pause began at 0, before the round's end:
    // drawn, it would run back in time).
    if m.finished && last > 0.0 {
        let rounds_end = m.rounds.last().map_or(0.0, |r| r.start_ms + r.duration_ms);
        let pause = (m.total_ms - m.downtime_ms).max(rounds_end);
        sent.extend([(pause, last), (m.total_ms, last)]);
        dirty.extend([(pause, 0.0), (m.total_ms, 0.0)]);
    }
    let lines = [
        Line {
            name: t(lang, "chart.mig_sent").into(),
            colour: palette::BLUE,
            points: sent,
        },
        Line {
            name: t(lang, "chart.mig_dirty").into(),
            colour: palette::VERMILLION,
            points: dirty,
        },
    ];
    // MiB the link sends within the downtime target.
    let target = m.max_downtime_ms / 1000.0 * m.link_gbit_s * 1e9 / 8.0 / 1_048_576.0;
    let title = format!("{} — {platform}", t(lang, "chart.migration"));
    let mut chart = line_chart(
        format!("chart-migration-{index}"),
        lang,
        &title,
        t(lang, "chart.time_ms"),
        "MiB",
        &lines,
        (target > 0.0).then_some(target),
        LineKind::Plain,
    );
    let n = crate::num::num;
    chart.note = Some(
        t(
            lang,
            if checkpoint {
                "chart.mig_checkpoint"
            } else if !m.finished {
                "chart.mig_unfinished"
            } else if m.converged && m.rounds.len() == 1 {
                "chart.mig_converged_one"
            } else if m.converged {
                "chart.mig_converged"
            } else {
                "chart.mig_not_converged"
            },
        )
        .replace("{rounds}", &m.rounds.len().to_string())
        .replace("{down}", &n(m.downtime_ms))
        .replace("{total}", &n(m.total_ms))
        .replace("{target}", &n(m.max_downtime_ms))
            + " "
            + &t(lang, "chart.mig_dashed").replace("{}", &m.instance),
    );
    // A migration still under way at the run's end, or one that did not converge, warns.
    chart.warning = !checkpoint && (!m.finished || !m.converged);
    chart
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::memory::MigrationRound;

    fn series(name: &str, group: &str, resident: f64) -> MemorySeries {
        MemorySeries {
            instance: name.into(),
            group: group.into(),
            points: vec![MemoryPoint {
                at_ms: 0.0,
                resident_mib: resident,
                page_cache_mib: 0.0,
                balloon_mib: 0.0,
                reported_mib: 0.0,
                shared_mib: 0.0,
                swapped_mib: 0.0,
            }],
        }
    }

    #[test]
    fn copies_of_a_group_are_drawn_once_as_their_mean() {
        let all = [
            series("web-1", "web", 10.0),
            series("web-2", "web", 20.0),
            series("web-3", "web", 30.0),
            series("leaky", "leaky", 20.0),
            series("db-1", "db", 5.0),
            series("db-2", "db", 5.0),
        ];
        let got: Vec<(String, f64)> = by_group(&all)
            .into_iter()
            .map(|(n, p)| (n, p[0].resident_mib))
            .collect();
        let want = [
            ("web-1 … web-3", 20.0),
            ("leaky", 20.0),
            ("db-1, db-2", 5.0),
        ];
        assert_eq!(got, want.map(|(n, v)| (n.to_string(), v)).to_vec());
    }

    #[test]
    fn a_migration_that_does_not_converge_says_so_and_ends_with_its_stop_and_copy() {
        // Two rounds of 2048 and 1000 MiB, then 1000 MiB sent while paused.
        let m = MigrationResult {
            instance: "db".into(),
            link_gbit_s: 1.0,
            guest_traffic_gbit_s: 0.0,
            effective_gbit_s: 1.0,
            writes_per_second: 1e6,
            rounds: vec![
                MigrationRound {
                    sent_mib: 2048.0,
                    duration_ms: 17_180.0,
                    dirtied_mib: 1000.0,
                    start_ms: 0.0,
                },
                MigrationRound {
                    sent_mib: 1000.0,
                    duration_ms: 8_390.0,
                    dirtied_mib: 1000.0,
                    start_ms: 17_180.0,
                },
            ],
            converged: false,
            downtime_ms: 8_390.0,
            max_downtime_ms: 300.0,
            total_ms: 33_960.0,
            sent_mib: 4048.0,
            slowdown_percent: 1.0,
            finished: true,
            dirty_writes: 0,
            pml_exits: 0,
            copy_cpu_ms: 0.0,
            throughput: Vec::new(),
        };
        // A container's checkpoint and restore has nothing to converge.
        let checkpoint = migration_chart(Lang::En, 2, "db", &m, true);
        let note = checkpoint.note.unwrap();
        assert!(note.starts_with("Checkpoint and restore"), "{note}");
        // Its one round is the freeze (frozen from 0 ms, 13.5 ms, 8 MiB): nothing follows
        // it, and no line runs back to 0 ms.
        let frozen = MigrationResult {
            rounds: vec![MigrationRound {
                sent_mib: 8.0,
                duration_ms: 13.5,
                dirtied_mib: 0.0,
                start_ms: 0.0,
            }],
            converged: true,
            downtime_ms: 13.5,
            total_ms: 13.5,
            sent_mib: 8.0,
            ..m.clone()
        };
        let chart = migration_chart(Lang::En, 3, "web", &frozen, true);
        assert_eq!(chart.rows[0].1[0], "0 → 8; 13.5 → 8");
        assert_eq!(chart.rows[1].1[0], "0 → 0; 13.5 → 0");
        let chart = migration_chart(Lang::En, 2, "Busy <b>db</b>", &m, false);
        assert_eq!(chart.id, "chart-migration-2");
        assert!(chart.title.contains("Busy <b>db</b>"));
        let note = chart.note.unwrap();
        assert!(note.starts_with("Did not converge"), "{note}");
        // The last point of "sent" is the stop-and-copy: 4048 − 3048 MiB at the end.
        let row = &chart.rows[0].1[0];
        assert!(row.ends_with("→ 1,000"), "{row}");
        // Rounds span their time: the first is drawn from 0 ms to 17 180 ms, the
        // stop-and-copy from 33 960 − 8 390 = 25 570 ms; what is dirtied grows from 0 at
        // each round's start to 1 000 MiB at its end. The table reads in the s of the
        // chart's time axis, with every digit.
        assert!(chart.head[1].starts_with("time (s)"), "{:?}", chart.head);
        assert_eq!(
            chart.rows[0].1[0],
            "0 → 2,048; 17.18 → 2,048; 17.18 → 1,000; 25.57 → 1,000; 25.57 → 1,000; 33.96 → 1,000"
        );
        assert!(
            chart.rows[1].1[0].starts_with("0 → 0; 17.18 → 1,000; 17.18 → 0; 25.57 → 1,000"),
            "{:?}",
            chart.rows[1]
        );
        // Markup in a label is escaped in the SVG, never markup.
        assert!(!chart.svg.contains("<b>") && chart.svg.contains("&lt;b&gt;"));
        // A migration the run ended before its stop-and-copy says so and draws no pause.
        let running = MigrationResult {
            finished: false,
            ..m.clone()
        };
        let chart = migration_chart(Lang::En, 2, "db", &running, false);
        assert!(chart.note.unwrap().starts_with("Still running"));
        assert!(
            chart.rows[0].1[0].ends_with("→ 1,000"),
            "{:?}",
            chart.rows[0]
        );
    }

    #[test]
    fn the_guest_throughput_chart_shows_the_gap_beside_native() {
        use crate::sim::memory::ThroughputPoint;
        let point = |at_ms: f64, ops_per_s: f64| ThroughputPoint {
            at_ms,
            ops_per_s,
            native_ops_per_s: 1000.0,
        };
        let m = MigrationResult {
            instance: "db".into(),
            link_gbit_s: 10.0,
            guest_traffic_gbit_s: 0.0,
            effective_gbit_s: 10.0,
            writes_per_second: 300.0,
            rounds: Vec::new(),
            converged: true,
            downtime_ms: 2.0,
            max_downtime_ms: 3.0,
            total_ms: 3.0,
            sent_mib: 1.0,
            slowdown_percent: 12.5,
            finished: true,
            dirty_writes: 10,
            pml_exits: 0,
            copy_cpu_ms: 0.1,
            throughput: vec![point(1.0, 875.0), point(2.0, 0.0), point(3.0, 1000.0)],
        };
        let chart = throughput_chart(Lang::En, 1, "db", &m, false);
        assert_eq!(chart.id, "chart-guest-throughput-1");
        // The table beside the chart lists both lines; the guest's has its gap.
        assert_eq!(chart.rows.len(), 2);
        assert!(
            chart.rows[0].1.iter().any(|c| c.contains("→ 0")),
            "{:?}",
            chart.rows[0]
        );
        let note = chart.note.unwrap();
        assert!(note.contains("12.5%") && note.contains("2 ms"), "{note}");
    }
}
