//! Stack and path view: each platform's layers and the steps one operation takes, with
//! cycle costs — where "why is type 2 slower?" gets answered — and the step-through of
//! one operation (`step_through.rs`). The tables show the operation chosen in their list,
//! else the one chosen in the step-through, else the result's opening one
//! (`result_ops::default_op`, as the Charts tab); they download as CSV.

use yew::prelude::*;

use crate::components::shown_choice::use_shown_choice;
use crate::components::step_through::StepThroughView;
use crate::components::table::fmt_num;
use crate::i18n::{t, Lang};
use crate::labels;
use crate::palette;
use crate::result_ops::{default_op, path_ops};
use crate::sim::{CpuVendor, Layer, Op, OpPath, PlatformKind, Step};
use crate::state::{ResultRef, StepThrough, StepThroughMove};

#[derive(Properties, PartialEq)]
pub struct PathsProps {
    pub lang: Lang,
    pub result: ResultRef,
    /// Operations the scenario's questions ask about (the first is shown first).
    #[prop_or_default]
    pub question_ops: Vec<Op>,
    /// The step-through of one operation (state's `step_through`).
    #[prop_or_default]
    pub step_through: Option<StepThrough>,
    #[prop_or_default]
    pub on_step_through_select: Callback<(Option<usize>, Op)>,
    #[prop_or_default]
    pub on_step_through_move: Callback<StepThroughMove>,
    /// The scenario and settings the result came from (state's `result_input`): the
    /// native baseline's paths are built from it (`native_rows`).
    #[prop_or_default]
    pub input: Option<crate::state::RunInput>,
}

/// One row of the native baseline in the Cycles per layer table: `op` run without
/// virtualization (`Stack::native`, as the runner's baseline builds it) with the workload
/// of an instance group, as a platform's own path of `op` takes it.
#[derive(Debug, Clone, PartialEq)]
struct NativeRow {
    /// The instance groups whose workload it takes (for the platforms it stands for), in
    /// the order of those platforms.
    groups: Vec<String>,
    /// The shown platforms (by name) whose own path takes one of `groups`' workloads.
    platforms: Vec<String>,
    layers: Vec<(Layer, f64)>,
}

/// The native baseline's rows for the Cycles per layer table, which had no row to compare
/// the platforms with (a student's review): for each platform shown (`shown`, by name in
/// `s`), `op` with the workload its own path takes (sim-core's `shown_paths`: the first
/// group on that platform that makes `op`, else its first group), one row for each
/// different result. Platforms running groups of different workloads (message and I/O
/// sizes, working sets) have different native costs: one row from the first platform's
/// groups was wrong for the others. Empty when the run has a native platform of its own (its row is that), for
/// no operation, or when no shown platform has an instance.
fn native_rows(
    s: &crate::sim::Scenario,
    r: &crate::sim::RunResult,
    shown: &[&str],
    op: Option<Op>,
) -> Vec<NativeRow> {
    let mut rows: Vec<NativeRow> = Vec::new();
    let Some(op) = op else {
        return rows;
    };
    if r.platforms.iter().any(|p| p.kind == PlatformKind::Native) {
        return rows;
    }
    for name in shown {
        let Some(platform) = s.platforms.iter().position(|p| p.name == *name) else {
            continue;
        };
        let on_platform = || {
            s.instances
                .iter()
                .filter(move |i| i.platforms.contains(&platform))
        };
        let Some(instance) = on_platform()
            .find(|i| op.index() < Op::MIX_COUNT && i.workload.mix.weights()[op.index()] > 0)
            .or_else(|| on_platform().next())
        else {
            continue;
        };
        let stack = crate::sim::platform::Stack::native();
        let path =
            crate::sim::path::PathBuilder::for_host(&stack, &s.costs, &s.host, &instance.workload)
                .with_working_set_mib(instance.working_set_mib)
                .shown_path(op);
        let layers = layer_cycles(&path);
        match rows.iter_mut().find(|row| row.layers == layers) {
            Some(row) => {
                if !row.groups.contains(&instance.name) {
                    row.groups.push(instance.name.clone());
                }
                row.platforms.push(name.to_string());
            }
            None => rows.push(NativeRow {
                groups: vec![instance.name.clone()],
                platforms: vec![name.to_string()],
                layers,
            }),
        }
    }
    rows
}

/// A row of the Cycles per layer table: its heading, the cycles per layer, and whether it
/// is a native baseline's row.
type TableRow = (String, Vec<(Layer, f64)>, bool);

/// Cycles one operation spends in each layer along `path` (batched steps amortized).
fn layer_cycles(path: &OpPath) -> Vec<(Layer, f64)> {
    let mut out: Vec<(Layer, f64)> = Vec::new();
    let mut add = |steps: &[Step], every: u64| {
        for s in steps {
            let c = s.cycles as f64 / every.max(1) as f64;
            match out.iter_mut().find(|(l, _)| *l == s.layer) {
                Some(e) => e.1 += c,
                None => out.push((s.layer, c)),
            }
        }
    };
    add(&path.submit.steps, 1);
    add(&path.submit.batched, path.submit.batch_every);
    add(&path.complete.steps, 1);
    add(&path.complete.batched, path.complete.batch_every);
    out
}

const LAYERS: [Layer; 8] = [
    Layer::Application,
    Layer::GuestKernel,
    Layer::Hypervisor,
    Layer::DriverDomain,
    Layer::VmmProcess,
    Layer::HostOs,
    Layer::ContainerEngine,
    Layer::Hardware,
];

/// Whether platform `p` made `op` in the run: an operation of a workload mix
/// (`Op::MIX_COUNT`) it has no latency of, it did not; the operations a platform causes
/// itself (timer ticks, guest thread switches) and the paths of no operation count as made.
fn made(p: &crate::sim::PlatformResult, op: Option<Op>) -> bool {
    match op {
        Some(o) if o.index() < Op::MIX_COUNT => p.latency_of(o).is_some_and(|l| l.count > 0),
        _ => true,
    }
}

/// The platforms (by index) whose path of `op` the view leaves out: those that made none in
/// the run (full-para-hybrid's system-call platforms have a disk read's path, but their
/// program reads no disk: a student's review), unless none made one (then every path is
/// what one would cost, and `none_made` says so).
fn left_out(r: &crate::sim::RunResult, op: Option<Op>) -> Vec<usize> {
    let out: Vec<usize> = (0..r.platforms.len())
        .filter(|&i| !made(&r.platforms[i], op))
        .collect();
    if out.len() == r.platforms.len() {
        Vec::new()
    } else {
        out
    }
}

/// Whether no platform made `op` in the run (an operation of no workload here).
fn none_made(r: &crate::sim::RunResult, op: Option<Op>) -> bool {
    !r.platforms.is_empty() && r.platforms.iter().all(|p| !made(p, op))
}

/// Per-layer subtotals of one operation on every platform, with a stacked bar; where
/// `scenario` gives them, the native baseline's rows (`native_rows`), each above the
/// platforms it stands for.
fn subtotals(
    lang: Lang,
    r: &crate::sim::RunResult,
    op: Option<Op>,
    scenario: Option<&crate::sim::Scenario>,
) -> Html {
    let out = left_out(r, op);
    let shown: Vec<&crate::sim::PlatformResult> = r
        .platforms
        .iter()
        .enumerate()
        .filter(|(i, _)| !out.contains(i))
        .map(|(_, p)| p)
        .collect();
    let shown_names: Vec<&str> = shown.iter().map(|p| p.name.as_str()).collect();
    let native = scenario.map_or_else(Vec::new, |s| native_rows(s, r, &shown_names, op));
    // One native row is the baseline of every platform; several are named after their
    // groups, each with the platforms it stands for under it (in the run's order within a
    // row; a platform placed in its run order under the row above read as that row's).
    let native_label = |row: &NativeRow| {
        if native.len() == 1 {
            t(lang, "paths.native_baseline").to_string()
        } else {
            t(lang, "paths.native_baseline_of").replace("{}", &row.groups.join(", "))
        }
    };
    let row_of = |p: &crate::sim::PlatformResult| {
        native
            .iter()
            .position(|row| row.platforms.contains(&p.name))
    };
    let platform_row = |p: &crate::sim::PlatformResult| {
        let path = p.paths.iter().find(|x| x.op == op)?;
        Some((labels::platform(lang, p), layer_cycles(path), false))
    };
    let mut rows: Vec<TableRow> = Vec::new();
    for (i, row) in native.iter().enumerate() {
        rows.push((native_label(row), row.layers.clone(), true));
        rows.extend(
            shown
                .iter()
                .filter(|p| row_of(p) == Some(i))
                .filter_map(|p| platform_row(p)),
        );
    }
    rows.extend(
        shown
            .iter()
            .filter(|p| row_of(p).is_none())
            .filter_map(|p| platform_row(p)),
    );
    let has_native = !native.is_empty();
    let used: Vec<Layer> = LAYERS
        .iter()
        .copied()
        .filter(|l| {
            rows.iter()
                .any(|(_, c, _)| c.iter().any(|(x, v)| x == l && *v > 0.0))
        })
        .collect();
    let total = |c: &[(Layer, f64)]| c.iter().map(|(_, v)| v).sum::<f64>();
    let max = rows
        .iter()
        .map(|(_, c, _)| total(c))
        .fold(0.0f64, f64::max)
        .max(1.0);
    let colour = |l: Layer| palette::css(palette::layer(l));
    // The table as a CSV file, its headings in the page's language and its figures as the
    // table rounds them, without separators: a lecturer's slide material, which could only
    // be screenshotted.
    let download = {
        // A byte-order mark first: Excel reads a CSV without one in the system's code page,
        // and Korean headings came out garbled (a review). (The results' CSV has none: its
        // bytes are the CLI's.)
        let mut csv = String::from('\u{FEFF}');
        csv += &std::iter::once(t(lang, "table.platform").to_string())
            .chain(used.iter().map(|l| labels::layer(lang, *l).to_string()))
            .chain(std::iter::once(t(lang, "paths.total").to_string()))
            .map(|h| crate::sim::export_csv::field(&h))
            .collect::<Vec<_>>()
            .join(",");
        csv.push('\n');
        for (name, c, _) in &rows {
            let mut cells = vec![crate::sim::export_csv::field(name)];
            cells.extend(used.iter().map(|l| {
                c.iter()
                    .find(|(x, _)| x == l)
                    .map_or(String::new(), |(_, v)| format!("{}", v.round()))
            }));
            cells.push(format!("{}", total(c).round()));
            csv.push_str(&cells.join(","));
            csv.push('\n');
        }
        let name = format!(
            "{}-cycles-per-layer{}.csv",
            crate::export::file_stem(&r.scenario),
            op.map_or(String::new(), |o| format!("-{}", o.name()))
        );
        Callback::from(move |_: MouseEvent| crate::export::download(&name, "text/csv", &csv))
    };
    html! {
        <>
        <div class="scroll" tabindex="0" role="region" aria-label={format!("{}: {}", t(lang, "paths.subtotals"), op.map_or("", |o| labels::op(lang, o)))}>
        <table id="layer-subtotals" class="data num sticky">
            <caption>{ format!("{}: {}", t(lang, "paths.subtotals"), op.map_or("", |o| labels::op(lang, o))) }</caption>
            <thead><tr>
                <th scope="col">{ t(lang, "table.platform") }</th>
                // The bars' column is hidden from screen readers whole, its header too (the
                // figures are in the columns after it): with the header kept, a row's cells
                // paired one header off (a keyboard reviewer's finding).
                <th scope="col" class="text bar-col" aria-hidden="true">{ t(lang, "paths.cycles") }</th>
                { for used.iter().map(|l| html! {
                    <th scope="col" title={labels::layer(lang, *l)}><span class="swatch" style={format!("background:{}", colour(*l))}></span>{ labels::layer_short(lang, *l) }</th>
                }) }
                <th scope="col">{ t(lang, "paths.total") }</th>
            </tr></thead>
            <tbody>
                { for rows.iter().map(|(name, c, native)| html! {
                    <tr class={classes!(native.then_some("native-baseline"))}>
                        <th scope="row">{ name.clone() }</th>
                        <td class="text bar-col" aria-hidden="true">
                            <div class="layer-bar">
                                { for used.iter().filter_map(|l| c.iter().find(|(x, _)| x == l)).map(|(l, v)| html! {
                                    <span style={format!("width:{:.2}%;background:{}", v / max * 100.0, colour(*l))}
                                        title={format!("{}: {}", labels::layer(lang, *l), crate::num::whole(*v))}></span>
                                }) }
                            </div>
                        </td>
                        { for used.iter().map(|l| html! {
                            <td>{ c.iter().find(|(x, _)| x == l).map_or("—".to_string(), |(_, v)| crate::num::whole(*v)) }</td>
                        }) }
                        <td class="path-total">{ crate::num::whole(total(c)) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
        </div>
        if has_native {
            <p class="hint" id="layer-native-note">{ t(lang, "paths.native_note") }
                if native.len() > 1 { { " " }{ t(lang, "paths.native_groups_note") } }</p>
        }
        <p class="chart-downloads"><button class="link" id="layer-subtotals-csv" onclick={download}>{ t(lang, "paths.export_csv") }</button></p>
        if let Some(o) = op.filter(|_| !out.is_empty()) {
            <p class="hint" id="paths-left-out">{ t(lang, "paths.left_out")
                .replace("{op}", labels::op(lang, o))
                .replace("{platforms}", &out.iter().map(|&i| labels::platform(lang, &r.platforms[i])).collect::<Vec<_>>().join("; ")) }</p>
        }
        if let Some(o) = op.filter(|_| none_made(r, op)) {
            <p class="hint" id="paths-none-made">{ t(lang, "paths.none_made").replace("{op}", labels::op(lang, o)) }</p>
        }
        // The short headings' full names (the kernel column mixes guest and host kernels).
        if used.iter().any(|l| labels::layer_note(lang, *l).is_some()) {
            <p class="hint" id="layer-names">
                { used.iter()
                    .filter_map(|l| labels::layer_note(lang, *l).map(|note| format!("{}: {note}", labels::layer_short(lang, *l))))
                    .collect::<Vec<_>>()
                    .join(" · ") }
            </p>
        }
        </>
    }
}

/// The head of a table of steps: number, layer, step, cycles.
fn path_head(lang: Lang) -> Html {
    html! {
        <thead><tr>
            <th scope="col">{ "#" }</th>
            <th scope="col" class="text">{ t(lang, "paths.layer") }</th>
            <th scope="col" class="text">{ t(lang, "paths.step") }</th>
            <th scope="col">{ t(lang, "paths.cycles") }</th>
        </tr></thead>
    }
}

fn step_rows(
    lang: Lang,
    kind: PlatformKind,
    steps: &[Step],
    first: usize,
    note: Option<String>,
    vendor: CpuVendor,
) -> Html {
    html! {
        { for steps.iter().enumerate().map(|(i, s)| html! {
            <tr>
                <td>{ first + i }</td>
                <td class="text">
                    <span class="swatch" style={format!("background:{}", palette::css(palette::layer(s.layer)))}></span>
                    { labels::layer_on(lang, s.layer, kind) }
                </td>
                <td class="text">
                    { lang.pick(&s.ko, &s.en).to_string() }
                    if let Some(e) = s.exit { <span class="exit-tag">{ labels::exit(lang, e, vendor) }</span> }
                    if let Some(part) = labels::part(lang, s.part) { <small class="part">{ part }</small> }
                    if let Some(n) = &note { <small class="batched">{ n.clone() }</small> }
                </td>
                <td>{ fmt_num(s.cycles as f64) }</td>
            </tr>
        }) }
    }
}

/// The operation the tables show: the one chosen in their list, else the one the user
/// chose in the step-through (`step_through_op`: the two are linked), else the opening one (the
/// step-through opens on it too: `StepThrough::default_for`).
fn shown_op(
    chosen: Option<Op>,
    step_through_op: Option<Op>,
    ops: &[Op],
    question_ops: &[Op],
) -> Option<Op> {
    chosen
        .filter(|o| ops.contains(o))
        .or(step_through_op.filter(|o| ops.contains(o)))
        .or_else(|| default_op(ops, question_ops))
}

#[function_component(Paths)]
pub fn paths(props: &PathsProps) -> Html {
    let lang = props.lang;
    let r = &props.result;
    let ops = path_ops(r);
    let chosen = use_state(|| None::<Op>);
    let op = shown_op(
        *chosen,
        props
            .step_through
            .as_ref()
            .filter(|t| t.chosen)
            .map(|t| t.op),
        &ops,
        &props.question_ops,
    );
    // The operation list and the step-through's follow each other.
    let shown = use_shown_choice(
        op.and_then(|o| ops.iter().position(|x| *x == o))
            .map(|i| i.to_string())
            .unwrap_or_default(),
    );

    let out = left_out(r, op);
    let scenario = props.input.as_ref().and_then(crate::state::scenario_of);
    let on_op = {
        let chosen = chosen.clone();
        let ops = ops.clone();
        let step_through_shown = props.step_through.is_some();
        let on_step_through_select = props.on_step_through_select.clone();
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let op = sel
                .value()
                .parse::<usize>()
                .ok()
                .and_then(|i| ops.get(i).copied());
            chosen.set(op);
            // Only the operation is picked: the step-through stays on a platform the user
            // picked, else opens where the operation costs the most.
            if let (true, Some(op)) = (step_through_shown, op) {
                on_step_through_select.emit((None, op));
            }
        })
    };
    let on_step_through_select = {
        let chosen = chosen.clone();
        let ops = ops.clone();
        let on_step_through_select = props.on_step_through_select.clone();
        Callback::from(move |(platform, op): (Option<usize>, Op)| {
            if ops.contains(&op) {
                chosen.set(Some(op));
            }
            on_step_through_select.emit((platform, op));
        })
    };
    html! {
        <div>
            <div class="row">
                <span class="pair">
                <label for="path-op">{ t(lang, "paths.operation") }</label>
                <select id="path-op" ref={shown} onchange={on_op}>
                    { for ops.iter().enumerate().map(|(i, o)| html! {
                        <option value={i.to_string()} selected={Some(*o) == op}>{ labels::op(lang, *o) }</option>
                    }) }
                </select>
                </span>
            </div>
            { subtotals(lang, r, op, scenario.as_deref()) }
            <StepThroughView {lang} result={r.clone()} step_through={props.step_through.clone()}
                on_select={on_step_through_select} on_move={props.on_step_through_move.clone()} />
            <p class="hint">{ t(lang, "paths.help") }</p>
            <div class="paths">
                { for r.platforms.iter().enumerate().map(|(pi, p)| {
                    // A platform that made no such operation says so instead of its path.
                    let not_made = out.contains(&pi);
                    let path = p.paths.iter().find(|x| x.op == op).filter(|_| !not_made);
                    // A platform whose path is the same as an earlier one's says so.
                    let same_as = path.and_then(|path| {
                        r.platforms[..pi]
                            .iter()
                            .enumerate()
                            .find(|(qi, q)| !out.contains(qi) && q.layers == p.layers && q.paths.iter().find(|x| x.op == op) == Some(path))
                            .map(|(_, q)| labels::platform(lang, q))
                    });
                    let path = if same_as.is_some() { None } else { path };
                    let amortized = |steps: &[Step], every: u64| -> f64 {
                        steps.iter().map(|s| s.cycles as f64).sum::<f64>() / every.max(1) as f64
                    };
                    html! {
                        <article class="platform-paths">
                            <h3>{ labels::platform(lang, p) }<small>{ " · " }{ labels::kind_of(lang, p) }
                                if let Some(tech) = p.technique { { " · " }{ labels::technique(lang, tech) } }</small></h3>
                            if let Some(other) = &same_as {
                                <p class="hint same-path">{ format!("{} {other}", t(lang, "paths.same_as")) }</p>
                            }
                            if let Some(o) = op.filter(|_| not_made) {
                                <p class="hint not-made">{ t(lang, "paths.not_made").replace("{op}", labels::op(lang, o)) }</p>
                            }
                            <ol class="stack" aria-label={t(lang, "paths.layers")}>
                                { for p.layers.iter().map(|l| html! { <li style={format!("border-left:6px solid {}", palette::css(palette::layer(*l)))}>{ labels::layer_on(lang, *l, p.kind) }</li> }) }
                            </ol>
                            if let Some(path) = path {
                                <div class="scroll" tabindex="0" role="region" aria-label={format!("{} · {}: {}", labels::platform(lang, p), t(lang, "paths.operation"), op.map_or("", |o| labels::op(lang, o)))}>
                                <table class="data num path">
                                    <caption>{ format!("{}: {}", t(lang, "paths.operation"), op.map_or("", |o| labels::op(lang, o))) }</caption>
                                    { path_head(lang) }
                                    <tbody>
                                        { step_rows(lang, p.kind, &path.submit.steps, 1, None, r.vendor()) }
                                        { step_rows(lang, p.kind, &path.submit.batched, 1 + path.submit.steps.len(),
                                            Some(t(lang, "paths.every").replace("{}", &fmt_num(path.submit.batch_every as f64))), r.vendor()) }
                                        if !path.complete.steps.is_empty() || !path.complete.batched.is_empty() {
                                            <tr class="sub"><th colspan="4" scope="rowgroup" class="text">{ t(lang, "paths.completion") }</th></tr>
                                            { step_rows(lang, p.kind, &path.complete.steps, 1, None, r.vendor()) }
                                            { step_rows(lang, p.kind, &path.complete.batched, 1 + path.complete.steps.len(),
                                                Some(t(lang, "paths.every").replace("{}", &fmt_num(path.complete.batch_every as f64))), r.vendor()) }
                                        }
                                    </tbody>
                                    <tfoot><tr>
                                        <th scope="row" colspan="3" class="text">{ t(lang, "paths.total") }</th>
                                        <td class="path-total">{ crate::num::whole(
                                            path.submit.steps.iter().chain(&path.complete.steps).map(|s| s.cycles as f64).sum::<f64>()
                                            + amortized(&path.submit.batched, path.submit.batch_every)
                                            + amortized(&path.complete.batched, path.complete.batch_every)) }</td>
                                    </tr></tfoot>
                                </table>
                                </div>
                                if let Some(away) = backend_elsewhere(path) {
                                    <p class="hint backend-elsewhere">{ t(lang, if op.is_some_and(Op::blocks) { "paths.backend_elsewhere_waited" } else { "paths.backend_elsewhere" }).replace("{}", &fmt_num(away as f64)) }</p>
                                }
                            }
                            if let Some(swap) = &p.swap_path {
                                { swap_table(lang, p.kind, swap, r.clock_mhz, r.vendor()) }
                            }
                        </article>
                    }
                }) }
            </div>
        </div>
    }
}

/// The steps a touch of a page on the host's swap adds to an operation on a platform whose
/// working sets are partly swapped out (sim-core's `SwapPath`).
fn swap_table(
    lang: Lang,
    kind: PlatformKind,
    swap: &crate::sim::SwapPath,
    clock_mhz: u64,
    vendor: CpuVendor,
) -> Html {
    let cycles = |steps: &[Step]| steps.iter().map(|s| s.cycles as f64).sum::<f64>();
    let total = cycles(&swap.fault)
        + cycles(&swap.writeback) * swap.writeback_percent / 100.0
        + cycles(&swap.resume);
    let sub = |text: String| {
        html! {
            <tr class="sub"><th colspan="4" scope="rowgroup" class="text">{ text }</th></tr>
        }
    };
    html! { <>
        <div class="scroll" tabindex="0" role="region" aria-label={t(lang, "paths.swap").replace("{}", &crate::num::pct(swap.touch_percent))}>
        <table class="data num path swap-path">
            <caption>{ t(lang, "paths.swap").replace("{}", &crate::num::pct(swap.touch_percent)) }</caption>
            { path_head(lang) }
            <tbody>
                // One sequence in time: the numbers run on through its parts.
                { step_rows(lang, kind, &swap.fault, 1, None, vendor) }
                { sub(t(lang, "paths.swap_writeback").replace("{}", &crate::num::pct(swap.writeback_percent))) }
                { step_rows(lang, kind, &swap.writeback, 1 + swap.fault.len(), None, vendor) }
                { sub(t(lang, if matches!(kind, PlatformKind::Native | PlatformKind::Container) { "paths.swap_wait_process" } else { "paths.swap_wait" })
                    .replacen("{}", &fmt_num(swap.read_latency_us as f64), 1)
                    .replacen("{}", &fmt_num((swap.read_latency_us * clock_mhz) as f64), 1)) }
                { sub(t(lang, "paths.swap_resume").to_string()) }
                { step_rows(lang, kind, &swap.resume, 1 + swap.fault.len() + swap.writeback.len(), None, vendor) }
            </tbody>
            <tfoot><tr>
                <th scope="row" colspan="3" class="text">{ t(lang, "paths.swap_total") }</th>
                <td class="path-total">{ crate::num::whole(total) }</td>
            </tr></tfoot>
        </table>
        </div>
        if swap.page_ins_per_paging_op >= 1.005 {
            <p class="hint swap-repeat">{ t(lang, "paths.swap_repeat")
                .replacen("{}", &crate::num::num(swap.page_ins_per_paging_op), 1) }</p>
        }
    </> }
}

/// Cycles of the back end's steps when a back end of its own runs them (a driver domain,
/// the VMM process, a vhost thread): on a pCPU the scheduler (Xen's, or the host's) gives it, so the
/// latency the guest measures leaves them out. `None` when there are none, or when they
/// run inline on the guest's pCPU (`backend = "hypervisor"`, whatever their layer).
fn backend_elsewhere(path: &crate::sim::path::OpPath) -> Option<u64> {
    use crate::sim::path::Part;
    if !path.backend_scheduled {
        return None;
    }
    let cycles: u64 = path
        .submit
        .steps
        .iter()
        .chain(&path.complete.steps)
        .filter(|s| s.part == Part::Backend)
        .map(|s| s.cycles)
        .sum();
    (cycles > 0).then_some(cycles)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// type1-vs-type2 has no native platform: the Cycles per layer table's native row is
    /// the disk read of its baseline, in the guest's own layers only and cheaper than on
    /// either hypervisor; smoke has a native platform, whose own row is that.
    #[test]
    fn the_native_baseline_row_is_the_operation_without_virtualization() {
        let text = crate::builtin::text_by_name("type1-vs-type2.toml").unwrap();
        let s = crate::sim::Scenario::from_toml("t.toml", &text).unwrap();
        let r = s.run().unwrap();
        let names: Vec<&str> = r.platforms.iter().map(|p| p.name.as_str()).collect();
        let rows = native_rows(&s, &r, &names, Some(Op::DiskRead));
        assert_eq!(rows.len(), 1, "one group, one native row: {rows:?}");
        assert_eq!(rows[0].platforms, names);
        let native = &rows[0].layers;
        let total = |c: &[(Layer, f64)]| c.iter().map(|(_, v)| v).sum::<f64>();
        assert!(
            native.iter().all(|(l, _)| !matches!(
                l,
                Layer::Hypervisor | Layer::VmmProcess | Layer::DriverDomain
            )),
            "{native:?}"
        );
        for p in &r.platforms {
            let path = p.paths.iter().find(|x| x.op == Some(Op::DiskRead)).unwrap();
            let virtualized = layer_cycles(path);
            assert!(
                total(native) < total(&virtualized),
                "{}: {native:?} {virtualized:?}",
                p.name
            );
        }
        assert_eq!(native_rows(&s, &r, &names, None), Vec::new());
        assert_eq!(
            native_rows(&s, &r, &["no-such-platform"], Some(Op::DiskRead)),
            Vec::new()
        );
        let smoke = crate::builtin::text_by_name("smoke.toml").unwrap();
        let s = crate::sim::Scenario::from_toml("s.toml", &smoke).unwrap();
        let r = s.run().unwrap();
        let names: Vec<&str> = r.platforms.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(native_rows(&s, &r, &names, Some(Op::Syscall)), Vec::new());
    }

    /// Platforms that run different instance groups get the native row of their own
    /// group: sending a 64 KiB message natively copies more than a 512-byte one, and one
    /// row from the first platform's group (as the table had) understated the bulk
    /// sender's baseline. Platforms running the same group share a row.
    #[test]
    fn each_platform_has_the_native_row_of_its_own_groups() {
        let text = r#"
[scenario]
name = "groups"
duration_ms = 5
[host]
cores = 4
[[platform]]
name = "a"
kind = "type1"
technique = "hardware_assist"
[[platform]]
name = "b"
kind = "type1"
technique = "hardware_assist"
[[platform]]
name = "c"
kind = "type2"
technique = "hardware_assist"
[[workload]]
name = "bulk-send"
base = "network-rr"
message_bytes = 65536
[[instance]]
name = "rr"
platforms = ["a", "c"]
count = 1
vcpus = 1
workload = "network-rr"
[[instance]]
name = "bulk"
platforms = ["b"]
count = 1
vcpus = 1
workload = "bulk-send"
"#;
        let s = crate::sim::Scenario::from_toml("g.toml", text).unwrap();
        let r = s.run().unwrap();
        let rows = native_rows(&s, &r, &["a", "b", "c"], Some(Op::NetSend));
        let total = |c: &[(Layer, f64)]| c.iter().map(|(_, v)| v).sum::<f64>();
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(
            (rows[0].groups.clone(), rows[0].platforms.clone()),
            (
                vec!["rr".to_string()],
                vec!["a".to_string(), "c".to_string()]
            )
        );
        assert_eq!(
            (rows[1].groups.clone(), rows[1].platforms.clone()),
            (vec!["bulk".to_string()], vec!["b".to_string()])
        );
        assert!(
            total(&rows[1].layers) > total(&rows[0].layers),
            "a 64 KiB send costs more natively than a 512-byte one: {rows:?}"
        );
        // Each row is below the platform's own path of the same group's send.
        for (row, name) in [(&rows[0], "a"), (&rows[0], "c"), (&rows[1], "b")] {
            let p = r.platforms.iter().find(|p| p.name == name).unwrap();
            let own = layer_cycles(p.paths.iter().find(|x| x.op == Some(Op::NetSend)).unwrap());
            assert!(total(&row.layers) < total(&own), "{name}: {row:?} {own:?}");
        }
        // Shown alone, b gets its own group's row, not the first platform's.
        let alone = native_rows(&s, &r, &["b"], Some(Op::NetSend));
        assert_eq!(alone.len(), 1);
        assert_eq!(alone[0].layers, rows[1].layers);
    }

    #[test]
    fn the_tables_show_the_step_throughs_operation_until_one_is_chosen() {
        let ops = [Op::DiskRead, Op::Syscall, Op::Cpuid];
        // Nothing chosen: the step-through's operation, not the questions' one.
        assert_eq!(
            shown_op(None, Some(Op::Cpuid), &ops, &[Op::DiskRead]),
            Some(Op::Cpuid)
        );
        // Chosen in the list: that one.
        assert_eq!(
            shown_op(Some(Op::Syscall), Some(Op::Cpuid), &ops, &[]),
            Some(Op::Syscall)
        );
        // A step-through operation with no path here: the opening one.
        assert_eq!(
            shown_op(None, Some(Op::TlbMiss), &ops, &[Op::DiskRead]),
            Some(Op::DiskRead)
        );
    }
}
