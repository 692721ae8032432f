//! The charts of a run's result as data: each chart's SVG (plotters), the same figures as a
//! table for screen readers, and the note under it. `build_charts` lists them; one function
//! per chart says what it shows (the memory charts in `memory_charts.rs`).

use crate::charts::{self, BarOptions, Line, LineKind, Series};
use crate::i18n::{t, Lang};
use crate::labels;
use crate::palette;
use crate::sim::{Op, RunResult, Technique};

mod memory_charts;

/// A chart: its SVG, the same figures as a table (for screen readers), and a note.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSpec {
    pub id: String,
    pub title: String,
    pub svg: String,
    /// Column headings (the first heads the row names) and rows.
    pub head: Vec<String>,
    pub rows: Vec<(String, Vec<String>)>,
    /// Said under the chart: what it shows or leaves out (platforms without steal, a
    /// remote desktop's figure), in the page's neutral colour; a warning when `warning`.
    pub note: Option<String>,
    /// The note warns (platforms with one sample or none, a migration unfinished or not
    /// converged): in the warning colour. Explanations in it read as warnings (a student's
    /// review).
    pub warning: bool,
    /// Said under the chart about what it shows, not a warning (a latency with no spread).
    pub remark: Option<String>,
    /// The same figures on a logarithmic axis, offered by a toggle under the chart where
    /// its linear axis leaves small bars too short to see (the exits chart: a reason of 60
    /// exits a second beside 200k of another), with what is said under it while shown.
    pub log_view: Option<LogView>,
}

/// A chart's figures on a logarithmic axis (its SVG, whose axis says "(log)") and the note
/// shown under it.
#[derive(Debug, Clone, PartialEq)]
pub struct LogView {
    pub svg: String,
    pub note: String,
}

/// `v` written in a unit `per` times its own (ms as s: 5357 → "5.357"), with the digits
/// it has in its own unit: a table in the axis's unit loses no precision.
pub fn in_unit(v: f64, per: f64) -> String {
    in_unit_with(v, per, 0)
}

/// [`in_unit`] with `extra` decimals more.
fn in_unit_with(v: f64, per: f64, extra: usize) -> String {
    let more = if per > 1.0 {
        per.log10().round() as usize
    } else {
        0
    };
    crate::num::fixed(v / per, crate::num::decimals(v) + more + extra)
}

/// A bar chart's figures (its series over the categories, one after the other) in a unit
/// `per` times their own, with one number of decimals: as many as its most precise figure needs
/// ([`in_unit`]), at most two more than the unit's change adds. A column read "72" beside
/// "72.5" when each figure was written alone. A figure that those decimals would show as 0
/// reads "<0.01" (0.004 beside 80.00); no figure is "—", an unbounded one "∞".
fn column_in_unit(values: &[Option<f64>], per: f64) -> Vec<String> {
    let more = if per > 1.0 {
        per.log10().round() as usize
    } else {
        0
    };
    let finite = || values.iter().flatten().filter(|v| v.is_finite());
    let decimals = finite()
        .map(|&v| crate::num::decimals(v) + more)
        .max()
        .unwrap_or(0)
        .min(more + 2);
    values
        .iter()
        .map(|v| match v {
            Some(v) if v.is_finite() => {
                let shown = v / per;
                // A figure those decimals would show as 0 reads "<0.01", as the tables'
                // "<0.1": in the table's decimals, not its own digits beside them.
                if *v != 0.0 && shown.abs() < 0.5 * 10f64.powi(-(decimals as i32)) {
                    format!(
                        "<{}",
                        crate::num::exact(10f64.powi(-(decimals as i32)), decimals)
                    )
                } else {
                    crate::num::exact(shown, decimals)
                }
            }
            // No bound (a density that CPU does not limit): drawn as no bar.
            Some(v) if *v > 0.0 => "∞".into(),
            _ => "—".into(),
        })
        .collect()
}

/// A line's x values for its table, each with a decimal or two more where two neighbours
/// would read alike ("101 → 99.98; 101 → 100" for 100.6 and 101.4).
fn distinct_xs(xs: impl Iterator<Item = f64>, per: f64) -> Vec<String> {
    let xs: Vec<f64> = xs.collect();
    let written =
        |extra| -> Vec<String> { xs.iter().map(|&x| in_unit_with(x, per, extra)).collect() };
    let mut extra = 0;
    loop {
        let shown = written(extra);
        let alike = shown
            .windows(2)
            .zip(xs.windows(2))
            .any(|(s, x)| s[0] == s[1] && x[0] != x[1]);
        if !alike || extra == 3 {
            return shown;
        }
        extra += 1;
    }
}

/// Steal below this share of time does not show as a bar on the steal chart's axis.
const STEAL_VISIBLE_PERCENT: f64 = 0.1;

/// The steal chart's note on the platforms that show no bar beside the others' (`most`, the
/// largest steal): those with none ("No steal (0%): Type 1"), and those with too little to
/// show on the axis (under a fiftieth of its top, at least 5%): by name and figure. `None`
/// when every platform's bar shows.
fn steal_unseen(lang: Lang, r: &RunResult, names: &[String], most: f64) -> Option<String> {
    let visible = (most.max(5.0) / 50.0).max(STEAL_VISIBLE_PERCENT);
    let mut none = Vec::new();
    let mut small = Vec::new();
    for (p, name) in r.platforms.iter().zip(names) {
        if p.steal_percent <= 0.0 {
            none.push(name.clone());
        } else if p.steal_percent < visible {
            small.push(format!(
                "{name} ({})",
                crate::num::pct_small(p.steal_percent)
            ));
        }
    }
    let mut notes = Vec::new();
    if !none.is_empty() {
        notes.push(t(lang, "chart.steal_none").replace("{}", &none.join(", ")));
    }
    if !small.is_empty() {
        notes.push(
            t(lang, "chart.steal_small").replace("{}", &crate::num::figure_list(lang, &small)),
        );
    }
    (!notes.is_empty()).then(|| notes.join(" "))
}

/// A bar chart's category names: the platforms' labels, and their short names (ids). Where
/// the labels would be cut mid-word under the bars ("Hardwa-re"), and on a phone's narrow
/// chart, the chart lies on its side with each label whole above its bars
/// (`charts::bar_names`); the short names only where a label's word is wider than the
/// chart. The chart's table keeps the labels.
struct Names {
    long: Vec<String>,
    short: Option<Vec<String>>,
}

impl Names {
    /// The names drawn, and whether the chart lies on its side.
    fn for_bars(&self) -> (&[String], bool) {
        charts::bar_names(&self.long, self.short.as_deref())
    }
}

/// A bar chart and its table; its log axis is named in the page's language (`opts.log_word`
/// is set here).
fn bar_chart(
    id: &str,
    lang: Lang,
    title: &str,
    y_desc: &str,
    names: &Names,
    series: &[Series],
    opts: BarOptions,
) -> ChartSpec {
    let categories = &names.long[..];
    // The table reads in the unit the chart's axis shows ("s" beside an axis of seconds,
    // not the ms the figures come in).
    let (unit, per) = charts::bar_unit(y_desc, categories.len().max(1), series, opts);
    let mut head = vec![t(lang, "table.platform").to_string()];
    // An axis named with its unit in brackets ("share (%)") gives the column its unit
    // alone: "guest user (%)", not "guest user (share (%))".
    let unit = unit
        .strip_suffix(')')
        .and_then(|u| u.rsplit_once(" ("))
        .map_or(unit.as_str(), |(_, inner)| inner);
    head.extend(series.iter().map(|s| format!("{} ({unit})", s.name)));
    let (drawn, horizontal) = names.for_bars();
    ChartSpec {
        id: id.to_string(),
        title: title.to_string(),
        svg: charts::bars(
            title,
            y_desc,
            drawn,
            series,
            BarOptions {
                horizontal,
                log_word: t(lang, "chart.log_axis"),
                ..opts
            },
        ),
        head,
        rows: {
            // Each series is a column of the table, all of them in one number of decimals:
            // a row of CPU shares read "22.8, 8.32, 17.76, 0, 50.0" with each column's own (a
            // review).
            let n = categories.len();
            let values: Vec<Option<f64>> = series
                .iter()
                .flat_map(|s| (0..n).map(move |i| s.values.get(i).copied()))
                .collect();
            let figures = column_in_unit(&values, per);
            let columns: Vec<&[String]> = if n == 0 {
                Vec::new()
            } else {
                figures.chunks(n).collect()
            };
            categories
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    (
                        c.clone(),
                        columns.iter().map(|col| col[i].clone()).collect(),
                    )
                })
                .collect()
        },
        note: None,
        warning: false,
        remark: None,
        log_view: None,
    }
}

/// The relative-performance chart's note when a platform serves remote desktops: beside
/// other platforms (`mixed`) it has no bar, else its bar is the share of the wanted screen
/// updates its users see (a local PC's share is 100%), which says nothing of how long they
/// wait for each one; the slowest platform's input-to-display median against a local PC's
/// says that.
fn desktop_relative_note(lang: Lang, r: &crate::sim::RunResult, mixed: bool) -> Option<String> {
    let (name, v) = r
        .platforms
        .iter()
        .filter_map(|p| p.vdi.as_ref().filter(|v| v.inputs > 0).map(|v| (p, v)))
        .max_by(|a, b| a.1.latency_p50_ms.total_cmp(&b.1.latency_p50_ms))?;
    let local = v.local.as_ref()?;
    Some(
        t(
            lang,
            if mixed {
                "chart.relative_desktop_mixed"
            } else {
                "chart.relative_desktop"
            },
        )
        .replace("{who}", &labels::platform(lang, name))
        .replace("{p50}", &crate::num::fixed(v.latency_p50_ms, 0))
        .replace("{local}", &crate::num::fixed(local.latency_p50_ms, 0)),
    )
}

#[allow(clippy::too_many_arguments)]
pub fn line_chart(
    id: impl Into<String>,
    lang: Lang,
    title: &str,
    x_desc: &str,
    y_desc: &str,
    lines: &[Line],
    target: Option<f64>,
    kind: LineKind,
) -> ChartSpec {
    let log_x = kind.log_x();
    let target = target.filter(|_| kind == LineKind::Plain);
    let svg = match kind {
        LineKind::Cumulative => {
            charts::log_lines(title, x_desc, y_desc, lines, t(lang, "chart.log_axis"))
        }
        LineKind::Shares => charts::share_lines(title, x_desc, y_desc, lines),
        LineKind::Plain => charts::xy_lines(title, x_desc, y_desc, lines, target),
    };
    // The points read in the units the chart's axes show.
    let ((x_unit, x_per), (y_unit, y_per)) =
        charts::line_units(x_desc, y_desc, lines, target, kind);
    ChartSpec {
        id: id.into(),
        title: title.to_string(),
        svg,
        head: vec![
            t(lang, "table.platform").to_string(),
            format!("{x_unit} → {y_unit}"),
        ],
        rows: lines
            .iter()
            .map(|l| {
                // A logarithmic chart is a cumulative distribution (in %).
                let kept = table_points(&l.points, log_x);
                let xs = distinct_xs(kept.iter().map(|p| p.0), x_per);
                let pts: Vec<String> = kept
                    .iter()
                    .zip(xs)
                    .map(|(&(_, y), x)| {
                        let y = if log_x {
                            share_below_100(y / y_per)
                        } else {
                            in_unit(y, y_per)
                        };
                        format!("{x} → {y}")
                    })
                    .collect();
                (l.name.clone(), vec![pts.join("; ")])
            })
            .collect(),
        note: None,
        warning: false,
        remark: None,
        log_view: None,
    }
}

/// The points of a line its table lists: every point the chart draws (`charts::drawn`), in
/// order. The table was once a screen reader's summary of about twelve evenly spaced points,
/// and kept that thinning when "Show the numbers" put it on screen: a distribution's row
/// then left out its peak and no longer added up to 100% (vdi-network's 180 ms), so a
/// lecturer could not put it beside the chart. A long row wraps, and the shown table
/// scrolls in its box (style.css, `.chart-values`).
pub fn table_points(points: &[(f64, f64)], log_x: bool) -> Vec<(f64, f64)> {
    points
        .iter()
        .filter(|p| charts::drawn(p, log_x))
        .copied()
        .collect()
}

/// A cumulative share in %, with the decimals that keep a share short of 100% from
/// reading as 100 (99.97 is "99.97", not "100": the tail is still to come).
pub fn share_below_100(y: f64) -> String {
    let short = 100.0 - y;
    let digits = if short > 0.0 && y < 100.0 {
        crate::num::decimals(short).max(crate::num::decimals(y))
    } else {
        crate::num::decimals(y)
    };
    crate::num::fixed(y, digits)
}

/// Whether a platform's latency chart of `op` rests on one sample or none: a warning.
fn few_samples(r: &RunResult, op: Op) -> bool {
    r.platforms
        .iter()
        .any(|p| p.latency_of(op).map_or(0, |l| l.count) < 2)
}

/// Names the platforms whose latency chart of `op` rests on one sample or none, and says
/// what a desktop's blocking operations wait for.
fn samples_note(lang: Lang, r: &RunResult, op: Op) -> Option<String> {
    let few: Vec<String> = r
        .platforms
        .iter()
        .filter(|p| p.latency_of(op).map_or(0, |l| l.count) < 2)
        .map(|p| labels::platform(lang, p))
        .collect();
    let few =
        (!few.is_empty()).then(|| t(lang, "chart.one_sample").replace("{}", &few.join(" · ")));
    // A desktop's application receives the user's next input, its agent sleeps until the
    // next capture: their latency is mostly the user's and the protocol's pace.
    let desktop = matches!(op, Op::NetReceive | Op::Sleep)
        && r.platforms
            .iter()
            .any(|p| p.vdi.is_some() && p.latency_of(op).is_some());
    let desktop = desktop.then(|| t(lang, "chart.desktop_wait").to_string());
    match (few, desktop) {
        (Some(a), Some(b)) => Some(format!("{a} {b}")),
        (a, b) => a.or(b),
    }
}

/// Every chart of a result; latency charts are for `op`.
pub fn build_charts(lang: Lang, r: &RunResult, op: Option<Op>) -> Vec<ChartSpec> {
    let names = Names {
        long: r
            .platforms
            .iter()
            .map(|p| labels::platform(lang, p))
            .collect(),
        short: Some(r.platforms.iter().map(|p| p.name.clone()).collect()),
    };
    let mut out = Vec::new();
    // A scenario of remote desktops only: what its users feel, the input-to-display latency,
    // comes first (vdi-network's was 7th of 11, after a relative performance of 100% on
    // every network, which misled: a student's review).
    let desktops_only = !r.platforms.is_empty() && r.platforms.iter().all(|p| p.vdi.is_some());
    if desktops_only {
        desktop_charts(lang, r, &mut out);
    }
    relative_chart(lang, r, &names, &mut out);
    cpu_chart(lang, r, &names, &mut out);
    steal_chart(lang, r, &names, &mut out);
    exits_chart(lang, r, &names, &mut out);
    startup_chart(lang, r, &names, &mut out);
    density_chart(lang, r, &names, &mut out);
    if !desktops_only {
        desktop_charts(lang, r, &mut out);
    }
    // Memory over time and live migration rounds, for platforms that have them.
    out.extend(memory_charts::memory_charts(lang, r));
    sweep_charts(lang, r, &mut out);
    if let Some(op) = op {
        latency_charts(lang, r, &names, op, &mut out);
    }
    out
}

/// Relative performance per platform, one bar per instance group (workload).
fn relative_chart(lang: Lang, r: &RunResult, names: &Names, out: &mut Vec<ChartSpec>) {
    let title = t(lang, "chart.relative").to_string();
    // Each instance group (its name and workload), named in the legend as the groups table
    // names it: the group, and its workload in the page's language (`labels::workload`), not
    // the workload's id alone ("disk-vm (disk-random-4k)" beside a table that said "random
    // 4 KiB disk reads and writes").
    let mut groups: Vec<(&str, &str)> = Vec::new();
    for p in &r.platforms {
        for g in &p.groups {
            let key = (g.name.as_str(), g.workload.as_str());
            if !groups.contains(&key) {
                groups.push(key);
            }
        }
    }
    let group_name =
        |(name, workload): &(&str, &str)| format!("{name}: {}", labels::workload(lang, workload));
    // A remote desktop's figure is another measure (the share of the screen updates its
    // users see): beside other platforms' operations it would read as the same axis, so
    // it gets no bar there (the note gives its latency instead); a chart of desktops only
    // shows it.
    let mixed =
        r.platforms.iter().any(|p| p.vdi.is_some()) && r.platforms.iter().any(|p| p.vdi.is_none());
    let shown = |p: &crate::sim::PlatformResult, v: f64| {
        if mixed && p.vdi.is_some() {
            f64::NAN
        } else {
            v
        }
    };
    // One bar per workload group when platforms run several groups each; else one bar.
    let several = r.platforms.iter().any(|p| p.groups.len() > 1);
    let series: Vec<Series> = if several && groups.len() > 1 {
        groups
            .iter()
            .enumerate()
            .map(|(i, key)| Series {
                name: group_name(key),
                colour: palette::series(i),
                values: r
                    .platforms
                    .iter()
                    .map(|p| {
                        p.groups
                            .iter()
                            .find(|g| (g.name.as_str(), g.workload.as_str()) == *key)
                            // A group this platform does not run: no bar, "—" in the numbers.
                            .map_or(f64::NAN, |g| shown(p, g.relative_performance_percent))
                    })
                    .collect(),
            })
            .collect()
    } else {
        vec![Series {
            name: match groups.as_slice() {
                [only] => group_name(only),
                _ => t(lang, "table.relative").into(),
            },
            colour: palette::BLUE,
            values: r
                .platforms
                .iter()
                .map(|p| shown(p, p.relative_performance_percent))
                .collect(),
        }]
    };
    // Series of the desktops' own workloads have no bar left beside the others.
    let series: Vec<Series> = series
        .into_iter()
        .filter(|s| !mixed || s.values.iter().any(|v| !v.is_nan()))
        .collect();
    let mut relative = bar_chart(
        "chart-relative",
        lang,
        &title,
        t(lang, "chart.percent_native"),
        names,
        &series,
        BarOptions::default(),
    );
    relative.note = desktop_relative_note(lang, r, mixed);
    out.push(relative);
}

/// CPU-time breakdown (shares of pCPU capacity).
fn cpu_chart(lang: Lang, r: &RunResult, names: &Names, out: &mut Vec<ChartSpec>) {
    let title = t(lang, "chart.cpu").to_string();
    type Pick = fn(&crate::sim::CpuShares) -> f64;
    let cats: [(&str, &str, Pick); 6] = [
        ("cpu.guest_user", "guest_user", |c| c.guest_user),
        ("cpu.guest_kernel", "guest_kernel", |c| c.guest_kernel),
        ("cpu.hypervisor", "hypervisor", |c| c.hypervisor),
        ("cpu.emulation", "emulation", |c| c.device_emulation),
        ("cpu.host", "host", |c| c.host_os),
        ("cpu.idle", "idle", |c| c.idle),
    ];
    let series: Vec<Series> = cats
        .iter()
        .map(|(key, kind, f)| Series {
            name: t(lang, key).into(),
            colour: palette::kind(kind),
            values: r.platforms.iter().map(|p| f(&p.cpu)).collect(),
        })
        .collect();
    out.push(bar_chart(
        "chart-cpu",
        lang,
        &title,
        t(lang, "chart.share"),
        names,
        &series,
        BarOptions {
            stacked: true,
            share: true,
            ..BarOptions::default()
        },
    ));
}

/// Steal time, when there is any: runnable vCPU time spent waiting for a pCPU (overcommit,
/// or the host's own programs beside the VMs), or a container's threads waiting in the run
/// queue.
fn steal_chart(lang: Lang, r: &RunResult, names: &Names, out: &mut Vec<ChartSpec>) {
    if r.platforms.iter().any(|p| p.steal_percent > 0.0) {
        let title = t(lang, "chart.steal").to_string();
        let series = [Series {
            name: t(lang, "cpu.steal").into(),
            colour: palette::VERMILLION,
            values: r.platforms.iter().map(|p| p.steal_percent).collect(),
        }];
        let mut chart = bar_chart(
            "chart-steal",
            lang,
            &title,
            t(lang, "chart.steal_axis"),
            names,
            &series,
            // On a linear axis, whatever the values: a share of time read on a log axis made
            // 0.08% look like a third of 5.3% (type1-vs-type2; a student's review). One
            // series stacked is the same bars, and a stacked axis is linear.
            BarOptions {
                stacked: true,
                min_top: 5.0,
                share: true,
                ..BarOptions::default()
            },
        );
        // Bars this low do not show on the axis's 5%: say so rather than show an empty plot.
        let (most, who) = r
            .platforms
            .iter()
            .zip(&names.long)
            .map(|(p, n)| (p.steal_percent, n))
            .fold(
                (0.0, None),
                |(m, w), (v, n)| if v > m { (v, Some(n)) } else { (m, w) },
            );
        if most < STEAL_VISIBLE_PERCENT {
            if let Some(who) = who {
                chart.note = Some(
                    t(lang, "chart.steal_tiny")
                        .replace("{who}", who)
                        .replace("{pct}", &crate::num::pct_small(most)),
                );
            }
        } else {
            chart.note = steal_unseen(lang, r, &names.long, most);
        }
        out.push(chart);
    }
}

/// Exits and traps by reason, per simulated second (or a note saying why there are none).
fn exits_chart(lang: Lang, r: &RunResult, names: &Names, out: &mut Vec<ChartSpec>) {
    let title = t(lang, "chart.exits").to_string();
    let mut reasons = Vec::new();
    for p in &r.platforms {
        for e in &p.exits {
            if e.count > 0 && !reasons.contains(&e.reason) {
                reasons.push(e.reason);
            }
        }
    }
    reasons.sort();
    let series: Vec<Series> = reasons
        .iter()
        .enumerate()
        .map(|(i, reason)| Series {
            name: labels::exit(lang, *reason, r.vendor()).into(),
            colour: palette::series(i),
            values: r
                .platforms
                .iter()
                .map(|p| {
                    p.exits
                        .iter()
                        .find(|e| e.reason == *reason)
                        .map_or(0.0, |e| e.per_second)
                })
                .collect(),
        })
        .collect();
    // Platforms without a single exit or trap have nothing to draw: a note says why
    // instead of an empty chart (or empty bars). Containers and native have no hypervisor;
    // binary translation enters its VMM by calls from the translated code, not by traps.
    let without_by = |bt: bool| -> Vec<String> {
        r.platforms
            .iter()
            .zip(&names.long)
            .filter(|(p, _)| p.exits.iter().all(|e| e.count == 0))
            .filter(|(p, _)| (p.technique == Some(Technique::BinaryTranslation)) == bt)
            .map(|(_, n)| n.clone())
            .collect()
    };
    let (without, translated) = (without_by(false), without_by(true));
    if reasons.is_empty() {
        out.push(ChartSpec {
            id: "chart-exits".into(),
            title,
            svg: String::new(),
            head: Vec::new(),
            rows: Vec::new(),
            remark: None,
            warning: false,
            log_view: None,
            note: Some(if translated.is_empty() {
                t(lang, "chart.exits_none").into()
            } else {
                let mut notes = vec![t(lang, "chart.exits_nothing").to_string()];
                if !without.is_empty() {
                    notes.push(t(lang, "chart.exits_some_none").replace("{}", &without.join(", ")));
                }
                notes.push(t(lang, "chart.exits_bt_none").replace("{}", &translated.join(", ")));
                notes.join(" ")
            }),
        });
    } else {
        let mut chart = bar_chart(
            "chart-exits",
            lang,
            &title,
            t(lang, "chart.per_second"),
            names,
            &series,
            BarOptions {
                stacked: true,
                ..BarOptions::default()
            },
        );
        let mut notes = Vec::new();
        if !without.is_empty() {
            notes.push(t(lang, "chart.exits_some_none").replace("{}", &without.join(", ")));
        }
        if !translated.is_empty() {
            notes.push(t(lang, "chart.exits_bt_none").replace("{}", &translated.join(", ")));
        }
        if !notes.is_empty() {
            chart.note = Some(notes.join(" "));
        }
        // Stacked on a linear axis, a reason or a platform with a fiftieth of the largest
        // bar's exits is a sliver or nothing. Offered on a log axis, each reason its own
        // bar: stacked pieces on a log axis would not read as their share.
        if charts::wants_log(&series) {
            let log = bar_chart(
                "chart-exits",
                lang,
                &title,
                t(lang, "chart.per_second"),
                names,
                &series,
                BarOptions::default(),
            );
            chart.log_view = Some(LogView {
                svg: log.svg,
                note: t(lang, "chart.log_note").to_string(),
            });
        }
        out.push(chart);
    }
}

/// Start-up time, alone and all at once (lifecycle results, when present).
fn startup_chart(lang: Lang, r: &RunResult, names: &Names, out: &mut Vec<ChartSpec>) {
    if r.platforms.iter().any(|p| p.lifecycle.startup_ms > 0.0) {
        let title = t(lang, "chart.startup").to_string();
        let series = [
            Series {
                name: t(lang, "chart.startup_one").into(),
                colour: palette::BLUE,
                values: r.platforms.iter().map(|p| p.lifecycle.startup_ms).collect(),
            },
            Series {
                name: t(lang, "chart.startup_all").into(),
                colour: palette::ORANGE,
                values: r
                    .platforms
                    .iter()
                    .map(|p| p.lifecycle.startup_all_ms)
                    .collect(),
            },
        ];
        out.push(bar_chart(
            "chart-startup",
            lang,
            &title,
            "ms",
            names,
            &series,
            BarOptions::default(),
        ));
    }
}

/// How many instances fit, by memory, by CPU and both (and by the sweep, when it ran).
fn density_chart(lang: Lang, r: &RunResult, names: &Names, out: &mut Vec<ChartSpec>) {
    if r.platforms.iter().any(|p| p.lifecycle.density > 0) {
        let title = t(lang, "chart.density").to_string();
        let series = [
            Series {
                name: t(lang, "chart.density_memory").into(),
                colour: palette::SKY_BLUE,
                values: r
                    .platforms
                    .iter()
                    .map(|p| p.lifecycle.density_memory as f64)
                    .collect(),
            },
            Series {
                name: t(lang, "chart.density_cpu").into(),
                colour: palette::REDDISH_PURPLE,
                values: r
                    .platforms
                    .iter()
                    // None: nothing measured limits it (instances that do no work).
                    .map(|p| p.lifecycle.density_cpu.map_or(f64::INFINITY, |n| n as f64))
                    .collect(),
            },
            Series {
                name: t(lang, "chart.density_both").into(),
                colour: palette::BLUISH_GREEN,
                values: r
                    .platforms
                    .iter()
                    .map(|p| p.lifecycle.density as f64)
                    .collect(),
            },
        ];
        // The sweep's density, found by running (the comparison table's "found by
        // running"): a platform the sweep did not run gets no bar.
        let found = r
            .platforms
            .iter()
            .any(|p| p.sweep_density.is_some())
            .then(|| Series {
                name: t(lang, "chart.density_found").into(),
                colour: palette::VERMILLION,
                values: r
                    .platforms
                    .iter()
                    .map(|p| p.sweep_density.map_or(f64::NAN, f64::from))
                    .collect(),
            });
        let note = format!(
            "{}{}",
            t(lang, "chart.density_note"),
            if found.is_some() {
                t(lang, "chart.density_note_found")
            } else {
                ""
            }
        );
        let series: Vec<Series> = series.into_iter().chain(found).collect();
        let mut density = bar_chart(
            "chart-density",
            lang,
            &title,
            t(lang, "chart.instances"),
            names,
            &series,
            BarOptions {
                counts: true,
                ..BarOptions::default()
            },
        );
        density.note = Some(note);
        out.push(density);
    }
}

/// Desktop virtualization, what a remote user feels: input-to-display latency, its
/// distribution, and each session's bandwidth over the run.
/// The fewest points of a series over time that a chart draws as one.
const MIN_POINTS_OVER_TIME: usize = 3;

fn desktop_charts(lang: Lang, r: &RunResult, out: &mut Vec<ChartSpec>) {
    let vdi: Vec<(String, &crate::sim::desktop::VdiResult)> = r
        .platforms
        .iter()
        .filter_map(|p| p.vdi.as_ref().map(|v| (labels::platform(lang, p), v)))
        .collect();
    if !vdi.is_empty() {
        let title = t(lang, "chart.vdi").to_string();
        let vnames: Vec<String> = vdi.iter().map(|v| v.0.clone()).collect();
        let series = [
            Series {
                name: "p50".into(),
                colour: palette::SKY_BLUE,
                values: vdi.iter().map(|v| v.1.latency_p50_ms).collect(),
            },
            Series {
                name: t(lang, "chart.mean").into(),
                colour: palette::BLUE,
                values: vdi.iter().map(|v| v.1.latency_mean_ms).collect(),
            },
            Series {
                name: "p99".into(),
                colour: palette::VERMILLION,
                values: vdi.iter().map(|v| v.1.latency_p99_ms).collect(),
            },
            // The same desktops' median on a local PC (the comparison table's "local PC"):
            // what the network and the server add is the gap to it.
            Series {
                name: t(lang, "chart.vdi_local").into(),
                colour: palette::GREY,
                values: vdi
                    .iter()
                    .map(|v| {
                        v.1.local
                            .as_ref()
                            .filter(|l| l.frames_wanted > 0)
                            .map_or(f64::NAN, |l| l.latency_p50_ms)
                    })
                    .collect(),
            },
        ];
        let series: Vec<Series> = series
            .into_iter()
            .filter(|s| s.values.iter().any(|v| !v.is_nan()))
            .collect();
        // The reference's thresholds for a frame's end-to-end delay
        // (virtualization-costs.md, sec. 5: Microsoft's Azure Virtual Desktop
        // documentation): under 150 ms feels good, over 300 ms poor. Drawn where the bars
        // come near them (`refs_near`), said under the chart where they do not.
        let tallest = series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max);
        let (refs, off) = refs_near(
            tallest,
            [
                (VDI_GOOD_MS, t(lang, "chart.vdi_good")),
                (VDI_POOR_MS, t(lang, "chart.vdi_poor")),
            ],
        );
        let mut chart = bar_chart(
            "chart-vdi",
            lang,
            &title,
            "ms",
            &Names {
                long: vnames,
                short: None,
            },
            &series,
            BarOptions {
                refs,
                ..BarOptions::default()
            },
        );
        let mut remark = t(lang, "chart.vdi_refs").to_string();
        let ms = |v: f64| crate::num::whole(v);
        match off.as_slice() {
            [] => {}
            [one] => {
                remark.push(' ');
                remark.push_str(
                    &t(lang, "chart.vdi_ref_off")
                        .replacen("{}", &ms(*one), 1)
                        .replacen("{}", &crate::num::num(tallest), 1),
                );
            }
            [a, b, ..] => {
                remark.push(' ');
                remark.push_str(
                    &t(lang, "chart.vdi_refs_off")
                        .replacen("{}", &ms(*a), 1)
                        .replacen("{}", &ms(*b), 1)
                        .replacen("{}", &crate::num::num(tallest), 1),
                );
            }
        }
        chart.remark = Some(remark);
        out.push(chart);
        // The distribution of input-to-display latency at the user's screen.
        let lines: Vec<Line> = vdi
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.1.latency_bins.is_empty())
            .map(|(i, v)| Line {
                name: v.0.clone(),
                colour: palette::series(i),
                points: v.1.latency_bins.clone(),
            })
            .collect();
        if !lines.is_empty() {
            out.push(line_chart(
                "chart-vdi-distribution",
                lang,
                t(lang, "chart.vdi_distribution"),
                "ms",
                t(lang, "chart.share"),
                &lines,
                None,
                LineKind::Shares,
            ));
        }
        // Bandwidth of one session over the run, per group of desktops.
        let mut lines: Vec<Line> = Vec::new();
        for (name, v) in &vdi {
            for g in &v.groups {
                let step = 100.0;
                lines.push(Line {
                    name: if v.groups.len() > 1 {
                        format!("{name} / {}", g.group)
                    } else {
                        name.clone()
                    },
                    colour: palette::series(lines.len()),
                    points: g
                        .bandwidth_series_kbit_s
                        .iter()
                        .enumerate()
                        .map(|(k, &kbit)| ((k as f64 + 1.0) * step, kbit))
                        .collect(),
                });
            }
        }
        // Two 100 ms steps (a 200 ms run: seed-table-full) draw a segment, not a course
        // over time (a student's review): the chart needs at least three.
        if lines.iter().any(|l| l.points.len() >= MIN_POINTS_OVER_TIME) {
            out.push(line_chart(
                "chart-vdi-bandwidth",
                lang,
                t(lang, "chart.vdi_bandwidth"),
                t(lang, "chart.time_ms"),
                "kbit/s",
                &lines,
                None,
                LineKind::Plain,
            ));
        }
    }
}

/// The remote desktop's latency thresholds (virtualization-costs.md, sec. 5), ms: under
/// 150 ms feels good, over 300 ms poor.
const VDI_GOOD_MS: f64 = 150.0;
const VDI_POOR_MS: f64 = 300.0;

/// How far above the tallest bar a reference line is still drawn: at most half as high
/// again. Further up, the axis stretched to reach it and the bars it was for came out short
/// (session-host-vs-vdi's 75 ms under an axis to 345 ms for the 300 ms line: a student's
/// review).
pub(crate) const REF_REACH: f64 = 1.5;

/// `BarOptions::refs`: reference lines, each at a value with its label.
pub(crate) type RefLines = [Option<(f64, &'static str)>; 2];

/// Of reference lines `(value, label)`, those drawn beside bars reaching `tallest` (at most
/// [`REF_REACH`] times it), for `BarOptions::refs`, and the values of those left out (for
/// the sentence under the chart), in their order.
pub(crate) fn refs_near(tallest: f64, refs: [(f64, &'static str); 2]) -> (RefLines, Vec<f64>) {
    let mut drawn = [None, None];
    let mut off = Vec::new();
    for (k, (v, label)) in refs.into_iter().enumerate() {
        if v <= tallest * REF_REACH {
            drawn[k] = Some((v, label));
        } else {
            off.push(v);
        }
    }
    (drawn, off)
}

/// The consolidation sweep: p99 latency and throughput over the number of copies of one group.
fn sweep_charts(lang: Lang, r: &RunResult, out: &mut Vec<ChartSpec>) {
    if let Some(sw) = &r.sweep {
        let op_name = labels::op(lang, sw.op);
        let curve = |f: fn(&crate::sim::sweep::SweepPoint) -> f64| -> Vec<Line> {
            sw.curves
                .iter()
                .enumerate()
                .map(|(i, c)| Line {
                    name: labels::platform_named(lang, r, &c.platform),
                    colour: palette::series(i),
                    points: c.points.iter().map(|p| (p.count as f64, f(p))).collect(),
                })
                .collect()
        };
        let x_desc = format!("{} ({})", t(lang, "chart.copies"), sw.instance);
        let title = format!("{} — {op_name}", t(lang, "chart.sweep_p99"));
        out.push(line_chart(
            "chart-sweep-p99",
            lang,
            &title,
            &x_desc,
            "µs",
            &curve(|p| p.p99_us),
            sw.p99_target_us,
            LineKind::Plain,
        ));
        let title = t(lang, "chart.sweep_throughput").to_string();
        out.push(line_chart(
            "chart-sweep-throughput",
            lang,
            &title,
            &x_desc,
            "ops/s",
            &curve(|p| p.throughput),
            None,
            LineKind::Plain,
        ));
    }
}

/// The latency of `op` per platform (p50, mean, p99) and its cumulative distribution.
fn latency_charts(lang: Lang, r: &RunResult, names: &Names, op: Op, out: &mut Vec<ChartSpec>) {
    let op_name = labels::op(lang, op);
    let title = format!("{} — {op_name}", t(lang, "chart.latency"));
    let lat = |f: fn(&crate::sim::metrics::LatencySummary) -> f64| -> Vec<f64> {
        r.platforms
            .iter()
            .map(|p| p.latency_of(op).map_or(0.0, f))
            .collect()
    };
    let series = vec![
        Series {
            name: "p50".into(),
            colour: palette::SKY_BLUE,
            values: lat(|l| l.p50_us),
        },
        Series {
            name: t(lang, "chart.mean").into(),
            colour: palette::BLUE,
            values: lat(|l| l.mean_us),
        },
        Series {
            name: "p99".into(),
            colour: palette::VERMILLION,
            values: lat(|l| l.p99_us),
        },
    ];
    let mut chart = bar_chart(
        "chart-latency",
        lang,
        &title,
        "µs",
        names,
        &series,
        BarOptions::default(),
    );
    // A platform that never makes the operation has no latency: "—" in the table, not
    // the chart's 0 µs.
    for (row, p) in chart.rows.iter_mut().zip(&r.platforms) {
        if p.latency_of(op).is_none() {
            row.1.iter_mut().for_each(|v| *v = "—".into());
        }
    }
    chart.note = samples_note(lang, r, op);
    chart.warning = few_samples(r, op);
    chart.remark = spread_note(lang, r, op);
    out.push(chart);

    let title = format!("{} — {op_name}", t(lang, "chart.distribution"));
    let lines: Vec<Line> = r
        .platforms
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let l = p.latency_of(op)?;
            Some(Line {
                name: labels::platform(lang, p),
                colour: palette::series(i),
                points: cumulative(&l.histogram_us),
            })
            .filter(|l| !l.points.is_empty())
        })
        .collect();
    let mut chart = line_chart(
        "chart-distribution",
        lang,
        &title,
        "µs",
        t(lang, "chart.cumulative"),
        &lines,
        None,
        LineKind::Cumulative,
    );
    chart.note = samples_note(lang, r, op);
    chart.warning = few_samples(r, op);
    chart.remark = spread_note(lang, r, op);
    out.push(chart);
}

/// Whether every sample of a latency is the same: p50, mean and p99 one number, the
/// distribution a vertical line. The mean of equal samples is their value exactly, and
/// below the largest otherwise.
fn without_spread(l: &crate::sim::metrics::LatencySummary) -> bool {
    l.count >= 2 && l.mean_us >= l.max_us
}

/// What a latency without spread means (a student's review read p50 = mean = p99 and a
/// vertical line as a broken chart): the platforms on which every `op` took the same time,
/// and why. An operation that does not block (`Op::blocks`: not a disk read or write, a
/// network receive or a sleep) is timed from the end of the computation before it to the
/// end of its own path (machine/pcpu.rs, `issue`), whose steps are not preempted: it waits
/// for no device and no CPU, so its time is the sum of its steps' fixed cycles whenever
/// they are the same steps (a TLB shootdown's sender, which waits for the other vCPUs'
/// acknowledgements, and a blocking operation are said otherwise). Then, where p50 and p99 read the same but the samples differ,
/// that they share a histogram bucket.
fn spread_note(lang: Lang, r: &RunResult, op: Op) -> Option<String> {
    let us = |v: f64| format!("{} µs", crate::num::fixed(v, crate::num::decimals(v)));
    let mut flat = Vec::new();
    let mut bucket = Vec::new();
    for p in &r.platforms {
        let Some(l) = p.latency_of(op) else { continue };
        if without_spread(l) {
            flat.push(format!("{} ({})", labels::platform(lang, p), us(l.p50_us)));
        } else if l.count >= 2 && us(l.p50_us) == us(l.p99_us) {
            bucket.push(format!("{} ({})", labels::platform(lang, p), us(l.max_us)));
        }
    }
    let op_name = labels::op(lang, op);
    let mut notes = Vec::new();
    if !flat.is_empty() {
        // A TLB shootdown's sender waits for the running targets' acknowledgements
        // (machine/shootdown.rs); a blocking operation for its device or timer.
        let waits = op.blocks() || op == Op::TlbShootdown;
        notes.push(
            t(lang, "chart.no_spread")
                .replace("{platforms}", &flat.join("; "))
                .replace("{op}", op_name),
        );
        notes.push(
            t(
                lang,
                if waits {
                    "chart.no_spread.waits"
                } else {
                    "chart.no_spread.path"
                },
            )
            .to_string(),
        );
        if op == Op::NetSend {
            notes.push(t(lang, "chart.no_spread.send").to_string());
        }
    }
    if !bucket.is_empty() {
        notes.push(t(lang, "chart.same_bucket").replace("{}", &bucket.join("; ")));
    }
    (!notes.is_empty()).then(|| notes.join(" "))
}

/// Cumulative share (percent) at each bucket's top (the largest latency it holds), buckets
/// in ascending order: the share of operations that took at most that long.
pub fn cumulative(histogram: &[(f64, u64)]) -> Vec<(f64, f64)> {
    let mut buckets = histogram.to_vec();
    buckets.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: u64 = buckets.iter().map(|b| b.1).sum();
    if total == 0 {
        return Vec::new();
    }
    let mut seen = 0u64;
    buckets
        .into_iter()
        .map(|(x, n)| {
            seen += n;
            (x, seen as f64 * 100.0 / total as f64)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{
        build_charts, column_in_unit, cumulative, in_unit, refs_near, share_below_100, table_points,
    };
    use crate::i18n::{t, Lang};
    use crate::labels;

    #[test]
    fn a_figure_in_a_larger_unit_keeps_its_digits() {
        // A bar chart's column: one number of decimals (72.0 beside 72.5; seconds from ms
        // keep the ms digits), a figure too small for them its own, none "—", no bound "∞".
        let col = |v: &[Option<f64>], per| column_in_unit(v, per);
        assert_eq!(col(&[Some(72.0), Some(72.5)], 1.0), ["72.0", "72.5"]);
        assert_eq!(col(&[Some(80.0), Some(0.004)], 1.0), ["80.00", "<0.01"]);
        assert_eq!(
            col(&[Some(5357.0), Some(17_180.0), None], 1e3),
            ["5.357", "17.180", "—"]
        );
        assert_eq!(col(&[Some(f64::INFINITY), Some(3.0)], 1.0), ["∞", "3"]);
        assert_eq!(in_unit(5357.0, 1e3), "5.357");
        assert_eq!(in_unit(10_523.0, 1e3), "10.523");
        assert_eq!(in_unit(17_180.0, 1e3), "17.18");
        assert_eq!(in_unit(1234.4, 1.0), "1,234");
        assert_eq!(in_unit(2.5, 1.0), "2.5");
    }

    /// A bar chart's table of figures has one number of decimals across its columns:
    /// type1-vs-type2's CPU shares read "22.8, 8.32, 17.76, 0, 50.0" along a row.
    #[test]
    fn a_bar_charts_figures_share_their_decimals_across_columns() {
        let text = crate::builtin::text_by_name("type1-vs-type2.toml").expect("in the library");
        let scenario =
            crate::sim::Scenario::from_toml("type1-vs-type2.toml", &text).expect("valid");
        let result = scenario.run().expect("runs");
        let charts = build_charts(Lang::En, &result, None);
        let cpu = charts
            .iter()
            .find(|c| c.id == "chart-cpu")
            .expect("a CPU chart");
        let decimals: std::collections::BTreeSet<usize> = cpu
            .rows
            .iter()
            .flat_map(|(_, cells)| cells.iter())
            .filter(|c| c.parse::<f64>().is_ok_and(|v| v != 0.0) || c.as_str() == "0")
            .map(|c| c.split_once('.').map_or(0, |(_, d)| d.len()))
            .collect();
        assert_eq!(decimals.len(), 1, "{:?}", cpu.rows);
    }

    /// A reference line is drawn where the bars come within reach of it (at most half as
    /// high again as the tallest), else left out and its value given back for the remark.
    #[test]
    fn a_reference_line_is_drawn_only_near_the_bars() {
        let refs = [(150.0, "good"), (300.0, "poor")];
        assert_eq!(refs_near(74.4, refs), ([None, None], vec![150.0, 300.0]));
        assert_eq!(
            refs_near(110.0, refs),
            ([Some((150.0, "good")), None], vec![300.0])
        );
        // Exactly at reach: drawn.
        assert_eq!(
            refs_near(200.0, refs),
            ([Some((150.0, "good")), Some((300.0, "poor"))], vec![])
        );
        assert_eq!(refs_near(900.0, refs).1, Vec::<f64>::new());
        // No bar at all: nothing to be near.
        assert_eq!(refs_near(0.0, refs).1, vec![150.0, 300.0]);
    }

    /// A scenario of remote desktops only opens on what its users feel: the input-to-display
    /// latency, with the reference's 150 and 300 ms lines and the local PC's median beside
    /// each platform's; a platform whose network the shown result changed is named with it.
    #[test]
    fn desktops_open_on_their_latency_with_its_thresholds_and_the_local_pc() {
        let name = "session-host-vs-vdi.toml";
        let text = crate::builtin::text_by_name(name).expect("in the library");
        let result = crate::sim::Scenario::from_toml(name, &text)
            .expect("valid")
            .run()
            .expect("runs");
        crate::num::set_lang(Lang::En);
        let charts = build_charts(Lang::En, &result, None);
        assert_eq!(
            charts[0].id,
            "chart-vdi",
            "{:?}",
            charts.iter().map(|c| &c.id)
        );
        assert_eq!(charts.iter().filter(|c| c.id == "chart-vdi").count(), 1);
        let vdi = &charts[0];
        assert!(vdi.svg.contains("local PC p50"));
        // Its bars reach 75 ms: the 150 and 300 ms lines, far above them, are said under
        // the chart, not drawn (the axis reached 345 ms for them: a student's review).
        for label in ["good below 150 ms", "poor above 300 ms"] {
            assert!(!vdi.svg.contains(label), "{label}");
        }
        let remark = vdi.remark.as_deref().unwrap_or_default();
        assert!(
            remark.contains("The 150 and 300 ms lines are not drawn: every bar here is far below them (the tallest, 74.4 ms)"),
            "{remark}"
        );
        assert!(
            vdi.head.iter().any(|h| h.starts_with("local PC p50")),
            "{:?}",
            vdi.head
        );
        let local = result.platforms[0]
            .vdi
            .as_ref()
            .and_then(|v| v.local.as_ref());
        let local = local.expect("a local PC figure").latency_p50_ms;
        assert_eq!(
            vdi.rows[0].1.last(),
            Some(&in_unit(local, 1.0)),
            "{:?}",
            vdi.rows
        );
        assert!(vdi
            .remark
            .as_deref()
            .is_some_and(|r| r.contains("Azure Virtual Desktop")));
        let ko = build_charts(Lang::Ko, &result, None);
        assert!(ko[0].svg.contains("로컬 PC p50"));
        assert!(
            ko[0]
                .remark
                .as_deref()
                .is_some_and(|r| r.contains("150 ms와 300 ms 선은 그리지 않았습니다")),
            "{:?}",
            ko[0].remark
        );
        // vdi-network's satellite link passes both: both drawn, in both languages.
        let name = "vdi-network.toml";
        let text = crate::builtin::text_by_name(name).expect("in the library");
        let far = crate::sim::Scenario::from_toml(name, &text)
            .expect("valid")
            .run()
            .expect("runs");
        let en = build_charts(Lang::En, &far, None);
        let vdi = en.iter().find(|c| c.id == "chart-vdi").unwrap();
        for label in ["good below 150 ms", "poor above 300 ms"] {
            assert!(vdi.svg.contains(label), "{label}");
        }
        assert!(!vdi
            .remark
            .as_deref()
            .unwrap_or_default()
            .contains("not drawn"));
        let ko = build_charts(Lang::Ko, &far, None);
        let vdi = ko.iter().find(|c| c.id == "chart-vdi").unwrap();
        assert!(vdi.svg.contains("150 ms 미만: 좋음") && vdi.svg.contains("300 ms 초과: 나쁨"));
        // A mixed scenario keeps relative performance first.
        let name = "seed-comparison-table.toml";
        let text = crate::builtin::text_by_name(name).expect("in the library");
        let mixed = crate::sim::Scenario::from_toml(name, &text)
            .expect("valid")
            .run()
            .expect("runs");
        assert_eq!(build_charts(Lang::En, &mixed, None)[0].id, "chart-relative");
        // The first platform's round trip changed: its rows say so, in both languages.
        let changed = crate::labels::ChangedNet {
            rtt_ms: Some(205),
            ..Default::default()
        };
        crate::labels::set_changed(vec![(result.platforms[0].name.clone(), changed)]);
        let en = build_charts(Lang::En, &result, None);
        let ko = build_charts(Lang::Ko, &result, None);
        crate::labels::set_changed(Vec::new());
        let own = crate::labels::platform(Lang::En, &result.platforms[0]);
        assert_eq!(en[0].rows[0].0, format!("{own} (changed: RTT 205 ms)"));
        assert!(en[0].rows[1].0 == crate::labels::platform(Lang::En, &result.platforms[1]));
        assert!(
            ko[0].rows[0].0.ends_with(" (바뀜: RTT 205 ms)"),
            "{}",
            ko[0].rows[0].0
        );
    }

    /// A chart's note explains unless it warns: the relative chart's note on desktops
    /// explains; a latency chart resting on one sample on a platform warns.
    #[test]
    fn a_note_warns_only_of_too_few_samples() {
        let name = "session-host-vs-vdi.toml";
        let text = crate::builtin::text_by_name(name).expect("in the library");
        let mut result = crate::sim::Scenario::from_toml(name, &text)
            .expect("valid")
            .run()
            .expect("runs");
        let op = result.platforms[0].latency[0].op;
        let charts = build_charts(Lang::En, &result, Some(op));
        let relative = charts.iter().find(|c| c.id == "chart-relative").unwrap();
        assert!(relative.note.is_some() && !relative.warning);
        assert!(charts.iter().all(|c| !c.warning), "no chart warns");
        result.platforms[0].latency[0].latency.count = 1;
        let charts = build_charts(Lang::En, &result, Some(op));
        let latency = charts.iter().find(|c| c.id == "chart-latency").unwrap();
        assert!(latency.warning, "{:?}", latency.note);
        assert!(latency
            .note
            .as_deref()
            .is_some_and(|n| n.contains("One sample")));
    }

    /// type1-vs-type2's exits (200k I/O instructions a second beside a few hundred timer
    /// and interrupt exits, a pixel on the stacked linear axis) are offered on a log axis
    /// too, each reason its own bar, the axis saying log in the page's language; the
    /// figures' table is the linear chart's. No other chart has such a view.
    #[test]
    fn the_exits_chart_offers_its_small_bars_on_a_log_axis() {
        let text = crate::builtin::text_by_name("type1-vs-type2.toml").expect("in the library");
        let result = crate::sim::Scenario::from_toml("type1-vs-type2.toml", &text)
            .expect("valid")
            .run()
            .expect("runs");
        for (lang, log) in [(Lang::En, "(log)"), (Lang::Ko, "(로그 눈금)")] {
            crate::num::set_lang(lang);
            let charts = build_charts(lang, &result, None);
            crate::num::set_lang(Lang::En);
            let exits = charts
                .iter()
                .find(|c| c.id == "chart-exits")
                .expect("an exits chart");
            let view = exits.log_view.as_ref().expect("a log view");
            assert!(
                view.svg.contains(log) && !exits.svg.contains(log),
                "{lang:?}"
            );
            assert!(
                view.note.contains(lang.pick("로그 눈금", "Log scale")),
                "{}",
                view.note
            );
            // Not another chart: the same title, the same figures' table.
            assert!(view.svg.contains(&exits.title));
            assert!(charts
                .iter()
                .filter(|c| c.id != "chart-exits")
                .all(|c| c.log_view.is_none()));
        }
    }

    /// type1-vs-type2's steal (0, 0 and about 3.5%: type 2's emulated sends run on the
    /// vCPU's own thread, so only the busy host's programs make a vCPU wait) and
    /// vdi-consolidation's (about 0.001, 0.004, 0.08, 0.6 and 10%): a linear axis (a log
    /// axis drew 0.08% a third as high as 5.3%), a title that does not say overcommit
    /// where there is none, and a note naming the platforms with none and those too small
    /// to show (under a fiftieth of the largest, 10%: 0.2%), not the ones that show.
    #[test]
    fn the_steal_chart_is_linear_and_names_the_bars_it_cannot_show() {
        let run = |name: &str| {
            let text = crate::builtin::text_by_name(name).expect("in the library");
            let scenario = crate::sim::Scenario::from_toml(name, &text).expect("valid");
            scenario.run().expect("runs")
        };
        let steal_chart = |lang: Lang, result: &crate::sim::RunResult| {
            build_charts(lang, result, None)
                .into_iter()
                .find(|c| c.id == "chart-steal")
                .expect("a steal chart")
        };
        let result = run("type1-vs-type2.toml");
        let steal: Vec<f64> = result.platforms.iter().map(|p| p.steal_percent).collect();
        assert!(
            steal[0] == 0.0 && steal[1] == 0.0 && steal[2] > 2.0,
            "{steal:?}"
        );
        for lang in [Lang::En, Lang::Ko] {
            let chart = steal_chart(lang, &result);
            assert!(!chart.svg.contains("(log)"), "a log axis");
            assert!(
                !chart.title.contains(lang.pick("오버커밋", "overcommit")),
                "{}",
                chart.title
            );
            let note = chart.note.as_deref().expect("a note");
            let name = |i: usize| labels::platform(lang, &result.platforms[i]);
            let none =
                t(lang, "chart.steal_none").replace("{}", &format!("{}, {}", name(0), name(1)));
            assert_eq!(note, none);
        }
        let result = run("vdi-consolidation.toml");
        let steal: Vec<f64> = result.platforms.iter().map(|p| p.steal_percent).collect();
        let most = steal.iter().copied().fold(0.0, f64::max);
        assert!(most > 5.0 && steal.iter().all(|&s| s > 0.0), "{steal:?}");
        let chart = steal_chart(Lang::En, &result);
        assert!(!chart.svg.contains("(log)"), "a log axis");
        let note = chart.note.as_deref().expect("a note");
        assert!(note.starts_with("Too little to show as a bar: "), "{note}");
        for (p, s) in result.platforms.iter().zip(&steal) {
            let name = labels::platform(Lang::En, p);
            assert_eq!(note.contains(&name), *s < most / 50.0, "{name} {s}: {note}");
        }
    }

    /// containers-vs-vms' network sends each take the same time (p50 = mean = p99): the
    /// latency charts say so and why, in both languages, as a remark, not a warning.
    #[test]
    fn a_latency_without_spread_is_said_and_explained() {
        let text = crate::builtin::text_by_name("containers-vs-vms.toml").expect("in the library");
        let scenario =
            crate::sim::Scenario::from_toml("containers-vs-vms.toml", &text).expect("valid");
        let result = scenario.run().expect("runs");
        for (lang, words) in [(Lang::En, "No spread"), (Lang::Ko, "퍼짐 없음")] {
            let charts = build_charts(lang, &result, Some(crate::sim::Op::NetSend));
            for id in ["chart-latency", "chart-distribution"] {
                let c = charts.iter().find(|c| c.id == id).expect(id);
                let remark = c.remark.as_deref().unwrap_or_default();
                assert!(remark.starts_with(words), "{id}: {remark}");
                assert!(remark.contains(t(lang, "chart.no_spread.path")), "{remark}");
                assert!(remark.contains(t(lang, "chart.no_spread.send")), "{remark}");
            }
        }
        // A disk read's latency spreads (the disk's queue): nothing said.
        let charts = build_charts(Lang::En, &result, Some(crate::sim::Op::DiskRead));
        let c = charts.iter().find(|c| c.id == "chart-latency").unwrap();
        assert!(
            c.remark.as_deref().is_none_or(|r| !r.contains("No spread")),
            "{:?}",
            c.remark
        );
    }

    /// memory-overcommit's start-up chart reads in s on its axis: its table too, not ms.
    #[test]
    fn a_charts_table_reads_in_its_axis_unit() {
        let text = crate::builtin::text_by_name("memory-overcommit.toml").expect("in the library");
        let scenario =
            crate::sim::Scenario::from_toml("memory-overcommit.toml", &text).expect("valid");
        let result = scenario.run().expect("runs");
        let charts = build_charts(Lang::En, &result, None);
        let startup = charts
            .iter()
            .find(|c| c.id == "chart-startup")
            .expect("a start-up chart");
        assert!(startup.svg.contains(">\ns\n</text>"), "{}", startup.svg);
        assert!(
            startup.head[1..].iter().all(|h| h.ends_with("(s)")),
            "{:?}",
            startup.head
        );
    }

    /// seed-table-full's 200 ms run has two 100 ms steps of desktop bandwidth: no chart of
    /// it over time (a segment between two points); vdi-network's 3 s run has one.
    #[test]
    fn a_bandwidth_over_time_needs_three_steps() {
        let has_chart = |file: &str| {
            let text = crate::builtin::text_by_name(file).expect("in the library");
            let scenario = crate::sim::Scenario::from_toml(file, &text).expect("valid");
            let result = scenario.run().expect("runs");
            let steps = (result.platforms.iter())
                .filter_map(|p| p.vdi.as_ref())
                .flat_map(|v| &v.groups)
                .map(|g| g.bandwidth_series_kbit_s.len())
                .max();
            let charts = build_charts(Lang::En, &result, None);
            (steps, charts.iter().any(|c| c.id == "chart-vdi-bandwidth"))
        };
        assert_eq!(has_chart("seed-table-full.toml"), (Some(2), false));
        let (steps, drawn) = has_chart("vdi-network.toml");
        assert!(steps.is_some_and(|n| n >= 3) && drawn, "{steps:?}");
    }

    /// A long tail: 94% of the samples in the first 100 of 120 buckets, the rest spread
    /// thinly to the end. The table lists every bucket the chart draws, in order, up to
    /// 100% where the drawn line ends; a point a log axis cannot draw (x = 0) is not listed.
    #[test]
    fn a_cumulative_table_lists_every_point_the_chart_draws() {
        let mut histogram: Vec<(f64, u64)> = (0..100).map(|i| (100.0 + i as f64, 94)).collect();
        histogram.extend((0..20).map(|i| (1_000.0 + 3_000.0 * i as f64, 30)));
        let points = cumulative(&histogram);
        assert_eq!(table_points(&points, true), points);
        assert!((points.last().unwrap().1 - 100.0).abs() < 1e-9);
        let with_zero = [(0.0, 10.0), (5.0, 60.0), (f64::NAN, 70.0), (9.0, 100.0)];
        assert_eq!(table_points(&with_zero, true), [(5.0, 60.0), (9.0, 100.0)]);
        // On a linear axis 0 is drawn, a value that is not a number is not.
        assert_eq!(
            table_points(&with_zero, false),
            [(0.0, 10.0), (5.0, 60.0), (9.0, 100.0)]
        );
        assert!(table_points(&[], true).is_empty());
    }

    /// The points of a line chart's table row, as (x, y) figures read back from its text.
    fn row_points(cell: &str) -> Vec<(f64, f64)> {
        let figure = |s: &str| s.trim().replace(',', "").parse::<f64>().unwrap();
        cell.split("; ")
            .map(|p| {
                let (x, y) = p.split_once(" → ").unwrap_or_else(|| panic!("{p}"));
                (figure(x), figure(y))
            })
            .collect()
    }

    /// vdi-network (a shorter run): every line chart's table lists every point its lines
    /// draw (the distribution listed 11 of 21 bins, leaving out the 180 ms peak across a
    /// continent; the bandwidth every third 100 ms step); a distribution's row adds up to
    /// 100%, as its bins do.
    #[test]
    fn a_line_charts_table_lists_every_point_drawn() {
        let text = crate::builtin::text_by_name("vdi-network.toml").expect("in the library");
        let text = text.replace("duration_ms = 3000", "duration_ms = 600");
        let scenario = crate::sim::Scenario::from_toml("vdi-network.toml", &text).expect("valid");
        let result = scenario.run().expect("runs");
        let charts = build_charts(Lang::En, &result, None);
        let chart = |id: &str| charts.iter().find(|c| c.id == id).expect(id);
        let dist = chart("chart-vdi-distribution");
        assert_eq!(dist.rows.len(), result.platforms.len());
        for ((name, cells), p) in dist.rows.iter().zip(&result.platforms) {
            let bins = &p.vdi.as_ref().expect("a desktop").latency_bins;
            let listed = row_points(&cells[0]);
            assert_eq!(listed.len(), bins.len(), "{name}: {}", cells[0]);
            for ((x, y), (bx, by)) in listed.iter().zip(bins) {
                assert_eq!(x, bx, "{name}");
                assert!((y - by).abs() <= 0.05 * by.max(0.01), "{name}: {y} vs {by}");
            }
            let sum: f64 = listed.iter().map(|p| p.1).sum();
            assert!((sum - 100.0).abs() < 0.5, "{name}: {sum}");
        }
        // Rows long enough that the thinning left points out.
        assert!(
            result
                .platforms
                .iter()
                .any(|p| p.vdi.as_ref().unwrap().latency_bins.len() > 12),
            "{:?}",
            dist.rows
        );
        let bandwidth = chart("chart-vdi-bandwidth");
        let steps: Vec<usize> = result
            .platforms
            .iter()
            .flat_map(|p| &p.vdi.as_ref().unwrap().groups)
            .map(|g| g.bandwidth_series_kbit_s.len())
            .collect();
        assert_eq!(bandwidth.rows.len(), steps.len());
        for ((name, cells), n) in bandwidth.rows.iter().zip(steps) {
            let listed = row_points(&cells[0]);
            assert_eq!(listed.len(), n, "{name}: {}", cells[0]);
            assert!(
                listed.windows(2).all(|w| w[1].0 - w[0].0 == 100.0),
                "{name}: {listed:?}"
            );
        }
    }

    /// The label at the far end of a chart's value axis: upright, the label level with the
    /// top of its axis line (a vertical line over 100 px); on its side (no such line), the
    /// label under the right end of the longest horizontal one.
    fn axis_end_label(svg: &str) -> String {
        let attr = |el: &str, name: &str| -> Option<f64> {
            el.split(&format!(" {name}=\""))
                .nth(1)?
                .split('"')
                .next()?
                .parse()
                .ok()
        };
        let lines: Vec<((f64, f64), (f64, f64))> = svg
            .split("<polyline")
            .skip(1)
            .filter_map(|l| {
                let pts: Vec<(f64, f64)> = l
                    .split("points=\"")
                    .nth(1)?
                    .split('"')
                    .next()?
                    .split_whitespace()
                    .filter_map(|p| {
                        let (x, y) = p.split_once(',')?;
                        Some((x.parse().ok()?, y.parse().ok()?))
                    })
                    .collect();
                (pts.len() == 2).then(|| (pts[0], pts[1]))
            })
            .collect();
        let (a, b) = lines
            .iter()
            .find(|(a, b)| a.0 == b.0 && (a.1 - b.1).abs() > 100.0)
            .or_else(|| {
                lines
                    .iter()
                    .filter(|(a, b)| a.1 == b.1)
                    .max_by(|(a, b), (c, d)| (a.0 - b.0).abs().total_cmp(&(c.0 - d.0).abs()))
            })
            .copied()
            .expect("an axis line");
        let upright = a.0 == b.0;
        svg.split("<text")
            .skip(1)
            .find(|t| {
                let (x, y) = (attr(t, "x"), attr(t, "y"));
                if upright {
                    t.contains("text-anchor=\"end\"") && y == Some(a.1.min(b.1))
                } else {
                    x == Some(a.0.max(b.0)) && y.is_some_and(|y| y > a.1)
                }
            })
            .and_then(|t| t.split('>').nth(1)?.split('<').next())
            .map(|t| t.trim().to_string())
            .unwrap_or_default()
    }

    /// Axes of shares end at 100%: the CPU breakdown (stacked to 100%) ran to about 112%,
    /// a cumulative distribution to about 110%, upright or on its side. "% of native" keeps
    /// room above its top, which a platform may pass.
    #[test]
    fn share_axes_end_at_100_percent() {
        let text = crate::builtin::text_by_name("type1-vs-type2.toml").expect("in the library");
        let scenario =
            crate::sim::Scenario::from_toml("type1-vs-type2.toml", &text).expect("valid");
        let result = scenario.run().expect("runs");
        let two = |r: &crate::sim::RunResult| {
            let mut r = r.clone();
            r.platforms.truncate(2);
            r
        };
        // Three long labels lie on their side; two stand upright.
        for r in [result.clone(), two(&result)] {
            let charts = build_charts(Lang::En, &r, Some(crate::sim::Op::DiskRead));
            for id in ["chart-cpu", "chart-distribution"] {
                let c = charts.iter().find(|c| c.id == id).expect(id);
                assert_eq!(axis_end_label(&c.svg), "100", "{id}: {}", c.svg);
            }
        }
        // A platform beating native: the axis goes on past its last tick, above the bar
        // (`scale::axis_top` without a ceiling), not cut at 100.
        let mut faster = two(&result);
        faster.platforms[1].relative_performance_percent = 104.0;
        let charts = build_charts(Lang::En, &faster, None);
        let c = charts.iter().find(|c| c.id == "chart-relative").unwrap();
        assert_eq!(axis_end_label(&c.svg), "", "{}", c.svg);
    }

    /// The relative chart's legend names each instance group as the groups table does: the
    /// group and its workload in the page's language (`labels::workload`), not the workload's
    /// id alone ("disk-vm (disk-random-4k)"); the latency bars are titled p50 / mean / p99 in
    /// Korean too, not "distribution" (지연 분포), which read as the cumulative chart's.
    #[test]
    fn charts_name_workloads_as_the_tables_do() {
        let text = crate::builtin::text_by_name("type1-vs-type2.toml").expect("in the library");
        let scenario =
            crate::sim::Scenario::from_toml("type1-vs-type2.toml", &text).expect("valid");
        let result = scenario.run().expect("runs");
        for lang in [Lang::En, Lang::Ko] {
            let charts = build_charts(lang, &result, Some(crate::sim::Op::DiskRead));
            let relative = charts.iter().find(|c| c.id == "chart-relative").unwrap();
            let disk = labels::workload(lang, "disk-random-4k");
            assert_ne!(disk, "disk-random-4k");
            let named = format!("disk-vm: {disk}");
            assert!(
                relative.head.iter().any(|h| h.starts_with(&named)),
                "{:?}",
                relative.head
            );
            // The legend, its lines joined (a long name wraps).
            let drawn: Vec<&str> = relative
                .svg
                .split("<text")
                .skip(1)
                .filter_map(|t| t.split('>').nth(1)?.split('<').next())
                .map(str::trim)
                .collect();
            assert!(drawn.join(" ").contains(&named), "{drawn:?}");
            assert!(!relative.svg.contains("disk-vm (disk-random-4k)"));
            let latency = charts.iter().find(|c| c.id == "chart-latency").unwrap();
            let distribution = charts
                .iter()
                .find(|c| c.id == "chart-distribution")
                .unwrap();
            assert!(
                latency
                    .title
                    .contains(lang.pick("p50 / 평균 / p99", "p50 / mean / p99")),
                "{}",
                latency.title
            );
            assert!(!latency.title.contains("분포"), "{}", latency.title);
            assert_ne!(latency.title, distribution.title);
        }
    }

    #[test]
    fn a_share_short_of_100_does_not_read_as_100() {
        assert_eq!(share_below_100(100.0), "100");
        assert_eq!(share_below_100(99.97), "99.97");
        assert_eq!(share_below_100(99.9), "99.9");
        assert_eq!(share_below_100(41.666_666), "41.7");
        assert_eq!(share_below_100(2.777_7), "2.78");
        assert_ne!(share_below_100(99.999_9), "100");
    }

    /// Neighbouring x values of a line's table never read alike unless they are equal.
    #[test]
    fn a_lines_table_tells_its_x_values_apart() {
        let xs = super::distinct_xs([99.0, 100.6, 101.4, 250.0].into_iter(), 1.0);
        assert!(xs.windows(2).all(|w| w[0] != w[1]), "{xs:?}");
        assert_eq!(super::distinct_xs([5.0, 5.0].into_iter(), 1.0), ["5", "5"]);
    }

    /// A column of a chart's table names its unit once: "guest user (%)", not
    /// "guest user (share (%))" (an instructor's review).
    #[test]
    fn chart_table_columns_name_their_unit_once() {
        let text = crate::builtin::text_by_name("noisy-neighbour.toml").expect("in the library");
        let scenario =
            crate::sim::Scenario::from_toml("noisy-neighbour.toml", &text).expect("valid");
        let result = scenario.run().expect("runs");
        for lang in [Lang::En, Lang::Ko] {
            let charts = build_charts(lang, &result, None);
            let heads: Vec<&String> = charts.iter().flat_map(|c| &c.head).collect();
            assert!(heads.iter().any(|h| h.ends_with("(%)")), "{heads:?}");
            assert!(heads.iter().all(|h| !h.ends_with("))")), "{heads:?}");
        }
    }

    /// The drawn distribution's table of a whole run reaches 100% for every platform.
    #[test]
    fn every_distribution_table_reaches_100_percent() {
        let text = crate::builtin::text_by_name("noisy-neighbour.toml").expect("in the library");
        let scenario =
            crate::sim::Scenario::from_toml("noisy-neighbour.toml", &text).expect("valid");
        let result = scenario.run().expect("runs");
        let op = result
            .platforms
            .iter()
            .flat_map(|p| p.latency.iter().map(|l| l.op))
            .next()
            .expect("an operation with latency");
        let charts = build_charts(Lang::En, &result, Some(op));
        // The operation's menu goes above these: they are the charts it changes, and the
        // last ones (the menu above the first of them is above none of the others).
        let of_op: Vec<&str> = charts
            .iter()
            .map(|c| c.id.as_str())
            .skip_while(|id| !super::super::OP_CHARTS.contains(id))
            .collect();
        assert_eq!(
            of_op,
            super::super::OP_CHARTS,
            "{:?}",
            charts.iter().map(|c| &c.id).collect::<Vec<_>>()
        );
        let without = build_charts(Lang::En, &result, None);
        assert!(without
            .iter()
            .all(|c| !super::super::OP_CHARTS.contains(&c.id.as_str())));
        let dist = charts
            .iter()
            .find(|c| c.id == "chart-distribution")
            .expect("a distribution chart");
        assert!(!dist.rows.is_empty());
        for (name, cells) in &dist.rows {
            assert!(cells[0].ends_with("→ 100"), "{name}: {}", cells[0]);
        }
    }

    #[test]
    fn cumulative_rises_to_100_whatever_the_bucket_order() {
        let c = cumulative(&[(10.0, 1), (1.0, 3)]);
        assert_eq!(c, vec![(1.0, 75.0), (10.0, 100.0)]);
        assert!(cumulative(&[]).is_empty());
    }
}
