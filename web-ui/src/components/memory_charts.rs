//! The memory charts of a result: each platform's memory over time per instance
//! (resident, ballooned, reported free, shared by KSM, swapped), and each live migration's
//! pre-copy rounds (sent, still dirty, the stop-and-copy). Drawn only for platforms whose
//! result has the data.

use crate::charts::Line;
use crate::components::chart_panel::{line_chart, ChartSpec};
use crate::core::memory::{MemoryPoint, MemorySeries, MigrationResult};
use crate::core::RunResult;
use crate::i18n::{t, Lang};
use crate::labels;
use crate::palette;

/// One kind of memory a point reports: its label key, colour and value.
type Kind = (&'static str, palette::Rgb, fn(&MemoryPoint) -> f64);

const KINDS: [Kind; 5] = [
    ("chart.mem_resident", palette::BLUE, |p| p.resident_mib),
    ("chart.mem_balloon", palette::BLUISH_GREEN, |p| {
        p.balloon_mib
    }),
    ("chart.mem_reported", palette::SKY_BLUE, |p| p.reported_mib),
    ("chart.mem_shared", palette::REDDISH_PURPLE, |p| {
        p.shared_mib
    }),
    ("chart.mem_swapped", palette::VERMILLION, |p| p.swapped_mib),
];

/// Instances whose series are alike, drawn once: "web-1 … web-8".
fn alike(series: &[MemorySeries]) -> Vec<(String, &MemorySeries)> {
    let mut sets: Vec<(Vec<&str>, &MemorySeries)> = Vec::new();
    for s in series {
        match sets.iter_mut().find(|(_, first)| first.points == s.points) {
            Some((names, _)) => names.push(&s.instance),
            None => sets.push((vec![&s.instance], s)),
        }
    }
    sets.into_iter()
        .map(|(names, s)| {
            let name = match names.as_slice() {
                [one] => (*one).to_string(),
                [first, last] => format!("{first}, {last}"),
                [first, .., last] => format!("{first} … {last}"),
                [] => String::new(),
            };
            (name, s)
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
        let sets = alike(&m.over_time);
        let several = sets.len() > 1;
        for (name, s) in &sets {
            for (key, colour, value) in KINDS {
                if s.points.iter().all(|pt| value(pt) <= 0.0) {
                    continue;
                }
                let kind = t(lang, key);
                lines.push(Line {
                    name: if several {
                        format!("{name}: {kind}")
                    } else {
                        kind.to_string()
                    },
                    colour: if several {
                        palette::series(lines.len())
                    } else {
                        colour
                    },
                    points: s.points.iter().map(|pt| (pt.at_ms, value(pt))).collect(),
                });
            }
        }
        if lines.is_empty() {
            continue;
        }
        let platform = labels::platform(lang, p);
        let title = if several {
            format!("{} — {platform}", t(lang, "chart.memory"))
        } else {
            format!("{} — {platform} — {}", t(lang, "chart.memory"), sets[0].0)
        };
        let mut chart = line_chart(
            format!("chart-memory-{index}"),
            lang,
            &title,
            t(lang, "chart.time_ms"),
            "MiB",
            &lines,
            None,
            false,
        );
        if m.instances.len() > m.over_time.len() {
            chart.note = Some(
                t(lang, "chart.mem_first")
                    .replace("{}", &m.over_time.len().to_string())
                    .replace("{n}", &m.instances.len().to_string()),
            );
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
            ));
        }
    }
    out
}

/// A migration's rounds over time: at the end of each round what it sent and what the
/// guest dirtied meanwhile (the next round's load), then the stop-and-copy; the dashed
/// line is what the link sends within the downtime target.
fn migration_chart(lang: Lang, index: usize, platform: &str, m: &MigrationResult) -> ChartSpec {
    let mut at = 0.0;
    let mut sent = vec![(0.0, 0.0)];
    let mut dirty = vec![(0.0, 0.0)];
    for round in &m.rounds {
        at += round.duration_ms;
        sent.push((at, round.sent_mib));
        dirty.push((at, round.dirtied_mib));
    }
    let last = m.sent_mib - m.rounds.iter().map(|r| r.sent_mib).sum::<f64>();
    // The stop-and-copy sends what was left while the guest is paused: nothing is dirtied.
    sent.push((m.total_ms, last.max(0.0)));
    dirty.push((m.total_ms, 0.0));
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
    let title = format!(
        "{} — {platform} ({})",
        t(lang, "chart.migration"),
        m.instance
    );
    let mut chart = line_chart(
        format!("chart-migration-{index}"),
        lang,
        &title,
        t(lang, "chart.time_ms"),
        "MiB",
        &lines,
        (target > 0.0).then_some(target),
        false,
    );
    let n = crate::num::num;
    chart.note = Some(
        t(
            lang,
            if m.converged {
                "chart.mig_converged"
            } else {
                "chart.mig_not_converged"
            },
        )
        .replace("{rounds}", &m.rounds.len().to_string())
        .replace("{down}", &n(m.downtime_ms))
        .replace("{total}", &n(m.total_ms))
        .replace("{target}", &n(m.max_downtime_ms)),
    );
    chart
}
