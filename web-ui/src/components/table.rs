//! The seed's comparison table with the run's measured figures, and the per-platform numbers.
//!
//! The performance cell of a VM below 90% of native offers the step-through of the
//! operation that cost it the most over native (`StepThrough::costliest`, through
//! `Action::StepThroughCostliest`), or, where no one operation's path explains the gap,
//! the platform's hypervisor, device back-end, host OS and steal shares. [`run_line`] says
//! what a result ran, under the table and under each exported chart.

use yew::prelude::*;

use crate::i18n::{t, Lang};
use crate::labels;
use crate::sim::{PlatformKind, PlatformResult, SchedulerKind, Text};
use crate::state::ResultRef;

#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub lang: Lang,
    pub result: ResultRef,
    /// The scenario's own settings (container network and storage modes).
    pub baseline: std::rc::Rc<crate::knobs::Baseline>,
    /// Steps through the operation that cost a platform (its index) most against native.
    #[prop_or_default]
    pub on_costliest: Callback<usize>,
    /// The platform whose costliest operation was asked for and none explains its gap.
    #[prop_or_default]
    pub costliest_missing: Option<usize>,
}

/// Formats a number in the page's language and number format (see `num`).
pub fn fmt_num(v: f64) -> String {
    crate::num::num(v)
}

/// What a result ran: its scenario's name, seed, simulated time and host ("type1-vs-type2 ·
/// seed 42 · 200 ms · 4 cores · 3,000 MHz"), said under the comparison table and under each
/// exported chart (`chart_panel`).
/// The comparison table's caption: the overview's words are quoted, this run's are blue;
/// where the table has a native column, that its words are this simulator's (the overview's
/// table has no such column). Without one the clause spoke of a column that was not there
/// (a Korean student's review of type1-vs-type2).
pub fn seed_caption(lang: Lang, table: &crate::sim::table::ComparisonTable) -> &'static str {
    let native = table
        .columns
        .iter()
        .any(|c| c.class == crate::sim::SeedColumn::Native);
    t(
        lang,
        if native {
            "table.caption_native"
        } else {
            "table.caption"
        },
    )
}

pub fn run_line(lang: Lang, r: &crate::sim::RunResult) -> String {
    format!(
        "{} · {} {} · {} ms · {} {} · {} MHz",
        r.scenario,
        t(lang, "controls.seed").to_lowercase(),
        r.seed,
        fmt_num(r.duration_ms as f64),
        fmt_num(r.cores as f64),
        t(
            lang,
            if r.cores == 1 {
                "table.core"
            } else {
                "table.cores"
            }
        ),
        fmt_num(r.clock_mhz as f64)
    )
}

/// A percentage in a column: one decimal always, as the CLI prints it ("72.0%" beside
/// "72.5%" and "100.0%", not "72%" and "100%").
fn percent(v: f64) -> String {
    if v.is_finite() {
        format!("{}%", crate::num::exact(v, 1))
    } else {
        "—".into()
    }
}

/// A column of figures with one number of decimals: as many as its most precise figure
/// needs by the page's rule ([`crate::num::decimals`]: none for a whole number or from 100
/// up, one from 10...), at most `max`. Throughputs of 209.5, 95.5 and 98.0 ops/s
/// (scheduler-latency) read "209.5", "95.5", "98.0", not "210", "95.5", "98".
fn column(values: impl Iterator<Item = f64> + Clone, max: usize) -> Vec<String> {
    let decimals = values
        .clone()
        .filter(|v| v.is_finite())
        .map(crate::num::decimals)
        .max()
        .unwrap_or(0)
        .min(max);
    values.map(|v| crate::num::exact(v, decimals)).collect()
}

/// A platform's figures in the measured table after its throughput: relative to native,
/// the CPU shares (user, kernel, hypervisor, emulation, host OS, idle) and steal, each
/// column with one decimal always, as the CLI prints them (`72.0` beside `72.5`).
fn platform_figures(p: &PlatformResult) -> [String; 8] {
    [
        percent(p.relative_performance_percent),
        share(p.cpu.guest_user),
        share(p.cpu.guest_kernel),
        share(p.cpu.hypervisor),
        share(p.cpu.device_emulation),
        share(p.cpu.host_os),
        share(p.cpu.idle),
        share(p.steal_percent),
    ]
}

/// A share of CPU time with one decimal, and "<0.1" for one above zero that would read
/// "0.0" (as the CLI prints it): 1806 exits/s beside a hypervisor share of "0.0" reads as
/// no time at all.
fn share(v: f64) -> String {
    if v > 0.0 && v < 0.05 {
        "<0.1".to_string()
    } else {
        crate::num::exact(v, 1)
    }
}

/// A platform's lowest group and its own figure against native, where the platform's
/// (their mean weighted by native CPU) hides it: the two print differently
/// (`PlatformResult::lowest_group`, as the CLI's "lowest group" column).
fn lowest_group(lang: Lang, p: &PlatformResult) -> Option<String> {
    p.lowest_group().map(|g| {
        t(lang, "table.lowest_group")
            .replace("{group}", &g.name)
            .replace("{pct}", &percent(g.relative_performance_percent))
    })
}

/// The platforms a fault (injected, or an OOM kill) stopped instances of, with how many
/// and when: their throughput and "vs native" are lowered by it (the CLI says the same
/// under its table; a student read a session host's 71.5 % as slowness).
fn faults_lowering(lang: Lang, r: &crate::sim::RunResult) -> Option<String> {
    let list: Vec<String> = r
        .platforms
        .iter()
        .filter_map(|p| {
            let f = p.faults_stopped()?;
            let name = labels::platform(lang, p);
            // Desktops count in sessions too, as the CLI says them: one session host
            // stopped is all its users (a student read "1 of 1" as one user lost).
            let sessions = (p.vdi.as_ref())
                .filter(|v| v.sessions != f.of || v.sessions_dropped != f.stopped as u64)
                .map_or(String::new(), |v| match lang {
                    Lang::Ko => format!(
                        ": 세션 {}개 중 {}개 끊김",
                        fmt_num(v.sessions as f64),
                        fmt_num(v.sessions_dropped as f64)
                    ),
                    Lang::En => format!(
                        ": {} of {} sessions dropped",
                        fmt_num(v.sessions_dropped as f64),
                        fmt_num(v.sessions as f64)
                    ),
                });
            Some(match lang {
                Lang::Ko => format!(
                    "{name} ({}에 {}개 중 {}개 멈춤{sessions})",
                    f.when(lang.core()),
                    f.of,
                    f.stopped
                ),
                Lang::En => format!(
                    "{name} ({} of {} stopped at {}{sessions})",
                    f.stopped,
                    f.of,
                    f.when(lang.core())
                ),
            })
        })
        .collect();
    // Korean by " · ", as the CLI lists them: each item's counts hold commas of their own.
    (!list.is_empty()).then(|| crate::num::figure_list(lang, &list))
}

/// Swapped MiB with the largest share of one working set on swap (what sets how often its
/// operations page in), as the CLI's host-memory line says it.
fn swapped_cell(m: &crate::sim::memory::MemoryResult) -> String {
    let hot = m
        .instances
        .iter()
        .map(|i| i.working_set_swapped_percent)
        .fold(0.0, f64::max);
    if hot > 0.0 {
        format!(
            "{} ({})",
            crate::num::whole(m.swapped_mib),
            crate::num::pct(hot)
        )
    } else {
        crate::num::whole(m.swapped_mib)
    }
}

/// Headings of the CPU-share and steal columns, in the CLI's order (hidden on a phone until
/// "Show every column").
pub(crate) const SHARE_HEADS: [&str; 7] = [
    "table.user",
    "table.kern",
    "table.hyp",
    "table.emu",
    "table.host",
    "table.idle",
    "table.steal",
];

/// A platform's exits per operation (two decimals: 4.33 beside 4.36; "<0.01" for fewer
/// that would read "0.00", as a share reads "<0.1") and cycles outside the guest per exit
/// ([`exit_costs`]), "—" for a platform without exits.
fn exit_cost_cells(p: &PlatformResult) -> [String; 2] {
    match exit_costs(p) {
        Some((per_op, cycles)) => [
            if per_op < 0.005 {
                "<0.01".to_string()
            } else {
                crate::num::exact(per_op, 2)
            },
            crate::num::whole(cycles),
        ],
        None => ["—".to_string(), "—".to_string()],
    }
}

/// Headings of the columns after exits/s that say what an exit costs ([`exit_costs`]),
/// shown where a platform of the run has exits (hidden on a phone until "Show every
/// column").
pub(crate) const EXIT_COST_HEADS: [&str; 2] = ["table.exits_per_op", "table.cycles_per_exit"];

/// The class that hides a column of the measured table (its heading's i18n key) until
/// "Show every column", `None` for a column always shown: `opt` where the table keeps its
/// main columns (a phone, up to 700 px, and beside the wide editor), `opt-phone` on the
/// narrowest phones only (480 px). style.css decides by these classes, for the column and
/// for the sentence after a wrong answer that says to press "Show every column" first.
pub(crate) fn hiding_class(head: &str) -> Option<&'static str> {
    match head {
        "table.steal" => Some("opt-phone"),
        "table.network" => Some("opt"),
        h if SHARE_HEADS.contains(&h) || EXIT_COST_HEADS.contains(&h) => Some("opt"),
        _ => None,
    }
}

/// The note the ⓘ of a measured table heading (its i18n key) opens.
fn column_note(key: &str) -> &'static str {
    match key {
        "table.relative" => "table.relative.note",
        "table.steal" => "table.steal.note",
        "table.user" => "table.user.note",
        "table.hyp" => "table.hyp.note",
        "table.emu" => "table.emu.note",
        "table.host" => "table.host.note",
        "table.idle" => "table.idle.note",
        "table.exits" => "table.exits.note",
        "table.network" => "table.network.note",
        "table.exits_per_op" => "table.exits_per_op.note",
        "table.cycles_per_exit" => "table.cycles_per_exit.note",
        _ => "table.kern.note",
    }
}

/// Where a heading's ⓘ note stands, for the ⓘ clicked (`e`): just under its heading row,
/// beside its column rather than over it (the note explains the column's values, which it
/// covered when centred on its ⓘ: a student's review), to its right if the table's view has
/// room there, else to its left; in a view too narrow for either, as far left as keeps the
/// note (at most `HELP_WIDTH` wide) inside the view. In px from the view's top left.
fn note_place(e: &MouseEvent) -> (i32, i32) {
    use wasm_bindgen::JsCast;
    // The element clicked (Yew listens at the page's root: not `current_target`).
    let Some(button) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest("button").ok().flatten())
    else {
        return (0, 0);
    };
    let Some(view) = button.closest(".table-view").ok().flatten() else {
        return (0, 0);
    };
    // Under the whole heading row (a taller neighbour's ⓘ stays in sight).
    let row = button.closest("tr").ok().flatten();
    let cell = button
        .closest("th")
        .ok()
        .flatten()
        .map(|c| c.get_bounding_client_rect());
    let (b, v) = (
        button.get_bounding_client_rect(),
        view.get_bounding_client_rect(),
    );
    let bottom = row.map_or(b.bottom(), |r| r.get_bounding_client_rect().bottom());
    let (column_left, column_right) = cell.map_or((b.left(), b.right()), |c| (c.left(), c.right()));
    let left = beside_column(
        column_left - v.left(),
        column_right - v.left(),
        v.width(),
        b.left() - v.left(),
    );
    ((bottom - v.top() + 2.0) as i32, left as i32)
}

/// The left edge of a heading's note (px in the table's view, `width` wide) whose column
/// spans `column_left..column_right` and whose ⓘ starts at `button_left`: right of the
/// column if the note fits there, else left of it, else centred on the ⓘ inside the view.
fn beside_column(column_left: f64, column_right: f64, width: f64, button_left: f64) -> f64 {
    const GAP: f64 = 4.0;
    if column_right + GAP + HELP_WIDTH <= width {
        column_right + GAP
    } else if column_left - GAP - HELP_WIDTH >= 0.0 {
        column_left - GAP - HELP_WIDTH
    } else {
        let room = (width - HELP_WIDTH).max(0.0);
        (button_left - HELP_WIDTH / 2.0).clamp(0.0, room)
    }
}

/// The widest a heading's ⓘ note is drawn (px; style.css's `#column-help.open`).
const HELP_WIDTH: f64 = 420.0;

/// sim-core's texts quote names with backticks, as a terminal shows them; the page shows
/// the name without them.
fn unquote(text: &str) -> String {
    text.replace('`', "")
}

/// Technique, I/O path, a type 2's hosted design, container network and storage, and
/// scheduler of a platform. The hosted design is every type 2's, the classic world switch
/// too: hosted-designs compares the two, which read alike here but for their labels. The
/// scheduler is left out when it is `said_once`, the one [`common_scheduler`] says under
/// the table.
fn stack_details(
    lang: Lang,
    p: &PlatformResult,
    base: &crate::knobs::Baseline,
    said_once: Option<SchedulerKind>,
) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if let Some(tech) = p.technique {
        parts.push(labels::technique(lang, tech));
    }
    if let Some(io) = p.io {
        parts.push(labels::io(lang, io));
    }
    if let Some((_, design)) = base.hosted_designs.iter().find(|(n, _)| *n == p.name) {
        parts.push(labels::hosted_design(lang, *design));
    }
    if let Some((_, net, storage)) = base.container_modes.iter().find(|(n, _, _)| *n == p.name) {
        parts.push(labels::network(lang, *net));
        parts.push(labels::storage(lang, *storage));
    }
    if p.kind != PlatformKind::Native && said_once != Some(p.scheduler) {
        parts.push(labels::scheduler(lang, p.scheduler));
    }
    parts.join(" · ")
}

/// The host scheduler the Kind column leaves out, said once under the table instead: the
/// one more than half the platforms that name one (all but native) run on, when at least
/// two do; with whether every one of them does. The column repeated "fair scheduler" on
/// every row (a student's review); a row whose scheduler differs still names its own.
pub(crate) fn common_scheduler(platforms: &[PlatformResult]) -> Option<(SchedulerKind, bool)> {
    let named: Vec<SchedulerKind> = platforms
        .iter()
        .filter(|p| p.kind != PlatformKind::Native)
        .map(|p| p.scheduler)
        .collect();
    let most = named
        .iter()
        .map(|s| (*s, named.iter().filter(|x| *x == s).count()))
        .max_by_key(|&(_, n)| n)?;
    (most.1 >= 2 && most.1 * 2 > named.len()).then_some((most.0, most.1 == named.len()))
}

/// The sentence under the measured table that says the scheduler the Kind column leaves out
/// ([`common_scheduler`]), `None` where the column names every platform's.
fn scheduler_caption(lang: Lang, platforms: &[PlatformResult]) -> Option<String> {
    let (s, all) = common_scheduler(platforms)?;
    let native = platforms.iter().any(|p| p.kind == PlatformKind::Native);
    let key = match (all, native) {
        (true, false) => "table.scheduler_all",
        (true, true) => "table.scheduler_all_but_native",
        (false, _) => "table.scheduler_others",
    };
    Some(t(lang, key).replace("{}", labels::scheduler(lang, s)))
}

/// Exits and traps per operation completed, and the cycles the platform's instances
/// caused outside their guests (hypervisor, device back ends, host OS) per exit: the same
/// exits per operation on type 1 and type 2, each dearer on type 2 (a student compared
/// exits/s over ops/s, 4.33 against 4.36, and found no reason for type 2's cost). From the
/// instances' own counts, so a type 2 host's own programs are not in it. `None` for a
/// platform without exits (native, a container) or without operations.
pub(crate) fn exit_costs(p: &PlatformResult) -> Option<(f64, f64)> {
    let exits: u64 = p
        .instances
        .iter()
        .flat_map(|i| i.exits.iter().map(|e| e.count))
        .sum();
    if exits == 0 || p.ops == 0 {
        return None;
    }
    let outside: u64 = p
        .instances
        .iter()
        .map(|i| i.cycles_hypervisor + i.cycles_device_emulation + i.cycles_host_os)
        .sum();
    Some((exits as f64 / p.ops as f64, outside as f64 / exits as f64))
}

/// A platform's row heading: its label, with its scenario name beneath when they differ.
fn platform_cell(lang: Lang, p: &PlatformResult) -> Html {
    let label = labels::platform(lang, p);
    html! {
        <>
            <span class="platform-label">{ label.clone() }</span>
            if label != p.name { <small class="raw-name">{ p.name.clone() }</small> }
        </>
    }
}

/// A display protocol's name, as the products are known (the same in both languages).
fn protocol(p: crate::sim::platform::DisplayProtocol) -> &'static str {
    use crate::sim::platform::DisplayProtocol::*;
    match p {
        Blast => "Blast",
        Hdx => "HDX",
        Rdp => "RDP",
    }
}

/// An input-to-display latency in ms, or "—" for sessions that made no inputs (users who
/// only watch video: the CLI's "-").
fn latency_cell(mean_ms: f64, value_ms: f64) -> String {
    if mean_ms > 0.0 {
        // One decimal always, as the CLI prints it: "38.0" beside "38.3", not "38".
        crate::num::exact(value_ms, 1)
    } else {
        "—".into()
    }
}

/// Headings of the desktop table after its first two columns, in the CLI's order (its
/// section "desktop virtualization"), by i18n key.
const DESKTOP_HEADS: [&str; 10] = [
    "desktop.sessions",
    "desktop.rtt",
    "desktop.inputs",
    "desktop.p50",
    "desktop.p99",
    "desktop.local_p50",
    "desktop.within_150",
    "desktop.dropped",
    "desktop.kbit",
    "desktop.frames",
];

/// Headings of the server's CPU split, the CLI's last five columns of that section: a table
/// of their own (`desktop_cpu_table`). In one table with the sessions, seventeen columns ran
/// 1,322 px wide in the 942 px results column at 1440 px, the CPU split hidden past its edge
/// (a student's review), and a group's row left those five columns blank.
const DESKTOP_CPU_HEADS: [&str; 5] = [
    "desktop.app",
    "desktop.encode",
    "desktop.background",
    "desktop.hypervisor",
    "desktop.idle",
];

/// A heading that may break after each "/" ("Frames delivered/" "wanted"): one long word
/// otherwise, it set its column's width.
fn breakable(text: &str) -> Html {
    let mut parts = text.split('/').peekable();
    let mut out = Vec::new();
    while let Some(part) = parts.next() {
        out.push(html! { { part.to_string() } });
        if parts.peek().is_some() {
            out.push(html! { <>{ "/" }<wbr /></> });
        }
    }
    out.into_iter().collect::<Html>()
}

/// A figure of the desktop table under column `k`, with the column's name for a phone
/// (style.css shows each platform's figures as a list there, each after its name); an empty
/// figure (a group's row leaves the platform's columns out) is marked blank.
fn desktop_cell(lang: Lang, k: &'static str, c: String) -> Html {
    let blank = c.is_empty();
    html! {
        <td data-col={k.trim_start_matches("desktop.")} data-label={t(lang, k)}
            class={classes!(blank.then_some("blank"))}>{ c }</td>
    }
}

/// Desktop virtualization: each VDI platform's sessions (input-to-display latency,
/// bandwidth per session, frames, server CPU), then a row per group of desktops, with the
/// figures the CLI prints in its "desktop virtualization" section. Nothing when the run
/// has no VDI platform.
fn desktop_table(lang: Lang, r: &crate::sim::RunResult) -> Html {
    let vdis: Vec<(&PlatformResult, &crate::sim::desktop::VdiResult)> = r
        .platforms
        .iter()
        .filter_map(|p| p.vdi.as_ref().map(|v| (p, v)))
        .collect();
    if vdis.is_empty() {
        return html! {};
    }
    // One decimal always, as the CLI prints them: a column reads "38.0" beside "38.3".
    let one = |v: f64| crate::num::exact(v, 1);
    let count = |n: u64| fmt_num(n as f64);
    let silent = vdis
        .iter()
        .any(|(_, v)| v.groups.iter().any(|g| g.latency_mean_ms <= 0.0));
    let few = sample_notes(lang, vdis.iter().map(|(_, v)| *v));
    html! {
        <>
        <div class="scroll" tabindex="0" role="region" aria-label={t(lang, "desktop.caption")}>
        <table id="desktop" class="data num sticky">
            <caption>{ t(lang, "desktop.caption") }</caption>
            <thead><tr>
                <th scope="col">{ t(lang, "table.platform") }</th>
                <th scope="col" class="text">{ t(lang, "desktop.protocol_group") }</th>
                { for DESKTOP_HEADS.iter().map(|k| html! { <th scope="col" data-col={k.trim_start_matches("desktop.")}
                    title={match *k {
                        "desktop.inputs" => Some(t(lang, "desktop.inputs.note")),
                        "desktop.local_p50" => Some(t(lang, "desktop.local_p50.note")),
                        _ => None,
                    }}>{ breakable(t(lang, k)) }</th> }) }
            </tr></thead>
            <tbody>
                { for vdis.iter().map(|&(p, v)| {
                    let local = v.local.as_ref().map_or(String::new(), |l| {
                        if l.frames_delivered == 0 { "—".into() } else { one(l.latency_p50_ms) }
                    });
                    let cells = [
                        count(v.sessions),
                        crate::num::fixed(v.rtt_ms, 0),
                        count(v.inputs),
                        latency_cell(v.latency_mean_ms, v.latency_p50_ms),
                        latency_cell(v.latency_mean_ms, v.latency_p99_ms),
                        local,
                        latency_cell(v.latency_mean_ms, v.within_150ms_percent),
                        count(v.sessions_dropped),
                        one(v.bandwidth_kbit_s),
                        format!("{}/{}", count(v.frames_delivered), count(v.frames_wanted)),
                    ];
                    html! {
                        <>
                        <tr class="desktop-platform" data-platform={p.name.clone()}>
                            <th scope="row">{ platform_cell(lang, p) }</th>
                            <td class="text" data-label={t(lang, "desktop.protocol_group")}>{ protocol(v.protocol) }</td>
                            { for cells.into_iter().zip(DESKTOP_HEADS).map(|(c, k)| desktop_cell(lang, k, c)) }
                        </tr>
                        { for v.groups.iter().map(|g| {
                            let cells = [
                                fmt_num(f64::from(g.sessions)),
                                String::new(),
                                count(g.inputs),
                                latency_cell(g.latency_mean_ms, g.latency_p50_ms),
                                latency_cell(g.latency_mean_ms, g.latency_p99_ms),
                                String::new(),
                                String::new(),
                                String::new(),
                                one(g.bandwidth_kbit_s),
                                format!("{}/{}", count(g.frames_delivered), count(g.frames_wanted)),
                            ];
                            html! {
                                <tr class="desktop-group" data-group={g.group.clone()}>
                                    <th scope="row" class="text"><small>{ g.group.clone() }</small></th>
                                    <td class="text" data-label={t(lang, "desktop.protocol_group")}><small>{ crate::labels::desktop_workload(lang, &g.workload) }</small></td>
                                    { for cells.into_iter().zip(DESKTOP_HEADS).map(|(c, k)| desktop_cell(lang, k, c)) }
                                </tr>
                            }
                        }) }
                        </>
                    }
                }) }
            </tbody>
        </table>
        </div>
        { for few.into_iter().map(|(id, note)| html! { <p class="hint" {id}>{ note }</p> }) }
        if silent {
            <p class="hint" id="desktop-silent">{ t(lang, "desktop.silent") }</p>
        }
        // What a lossy link did, which the percentiles hide when few updates lose a packet
        // (an instructor's review).
        { for vdis.iter().filter(|(_, v)| v.loss_percent > 0.0).map(|&(p, v)| html! {
            <p class="hint desktop-loss">{ t(lang, if crate::sim::desktop::protocol::ProtocolParams::of(v.protocol).transport == crate::sim::desktop::protocol::Transport::Udp { "desktop.loss" } else { "desktop.loss_tcp" })
                .replacen("{}", &labels::platform(lang, p), 1)
                .replacen("{}", &crate::num::fixed(v.loss_percent, 2), 1)
                .replacen("{}", &fmt_num(v.packets_lost as f64), 1)
                .replacen("{}", &fmt_num(v.packets_sent as f64), 1)
                .replacen("{}", &fmt_num(v.updates_resent as f64), 1)
                .replacen("{}", &fmt_num(v.inputs_lost as f64), 1) }</p>
        }) }
        { desktop_cpu_table(lang, &vdis) }
        </>
    }
}

/// The server's CPU split of each VDI platform (the CLI's app%, enc%, bg%, hyp%, idle%).
fn desktop_cpu_table(
    lang: Lang,
    vdis: &[(&PlatformResult, &crate::sim::desktop::VdiResult)],
) -> Html {
    html! {
        <>
        <div class="scroll" tabindex="0" role="region" aria-label={t(lang, "desktop.cpu_caption")}>
        <table id="desktop-cpu" class="data num sticky">
            <caption>{ t(lang, "desktop.cpu_caption") }</caption>
            <thead><tr>
                <th scope="col">{ t(lang, "table.platform") }</th>
                { for DESKTOP_CPU_HEADS.iter().map(|k| html! { <th scope="col" data-col={k.trim_start_matches("desktop.")}>{ t(lang, k) }</th> }) }
            </tr></thead>
            <tbody>
                { for vdis.iter().map(|&(p, v)| {
                    let cells = [
                        share(v.cpu.applications),
                        share(v.cpu.encode),
                        share(v.cpu.guest_background),
                        share(v.cpu.hypervisor),
                        share(v.cpu.idle),
                    ];
                    html! {
                        <tr data-platform={p.name.clone()}>
                            <th scope="row">{ platform_cell(lang, p) }</th>
                            { for cells.into_iter().zip(DESKTOP_CPU_HEADS).map(|(c, k)| desktop_cell(lang, k, c)) }
                        </tr>
                    }
                }) }
            </tbody>
        </table>
        </div>
        <p class="hint" id="desktop-cpu-note">{ t(lang, "desktop.cpu_note") }</p>
        </>
    }
}

/// A comparison-table column's heading: the seed's column (Hardware, Desktop, OS-level),
/// then the platform as every other table names it, its label with its scenario name
/// beneath when they differ.
fn seed_heading(lang: Lang, r: &crate::sim::RunResult, c: &crate::sim::TableColumn) -> Html {
    let Some(p) = r.platforms.iter().find(|p| p.name == c.platform) else {
        return html! { { pick(lang, &c.heading) } };
    };
    html! {
        <>
            <span class="seed-class">{ pick(lang, &c.class.heading()) }</span>
            <br />
            { platform_cell(lang, p) }
        </>
    }
}

/// A comparison-table cell's own heading, shown on a phone only (style.css): there the table
/// reads one aspect at a time, each platform's cell under its name, instead of eight columns
/// of prose side by side (about a column and a half in view, rows as tall as the narrowest
/// cell made them). Its label, the seed's column beside it; the column's heading otherwise.
fn seed_cell_heading(lang: Lang, r: &crate::sim::RunResult, c: &crate::sim::TableColumn) -> Html {
    let Some(p) = r.platforms.iter().find(|p| p.name == c.platform) else {
        return html! { <span class="cell-platform"><strong>{ pick(lang, &c.heading) }</strong></span> };
    };
    html! {
        <span class="cell-platform">
            <strong>{ labels::platform(lang, p) }</strong>{ " " }
            <span class="seed-class">{ pick(lang, &c.class.heading()) }</span>
        </span>
    }
}

/// For a desktop platform, the users' sessions in each fault's row: (sessions the fault
/// ended, sessions still running after it), in the order of `p.faults`, as sim-core counts
/// them (`FaultResult::sessions`); `None` for each fault of a platform without desktops.
fn fault_sessions(p: &PlatformResult) -> Vec<Option<(u64, u64)>> {
    p.faults
        .iter()
        .map(|f| f.sessions.map(|s| (s.stopped, s.surviving)))
        .collect()
}

/// " (24 sessions)" after an instance count, when the platform's instances carry sessions.
fn sessions_note(lang: Lang, sessions: Option<u64>) -> Html {
    match sessions {
        Some(n) => {
            let key = if n == 1 && lang == Lang::En {
                "table.session_of"
            } else {
                "table.sessions_of"
            };
            html! { <small class="sessions">{ format!(" ({})", t(lang, key).replace("{}", &fmt_num(n as f64))) }</small> }
        }
        None => html! {},
    }
}

/// The server's own boot inside a fault's recovery time (its firmware, host kernel and
/// services), when a shared component failed: the containers' two minutes are mostly it.
/// On a type-1 hypervisor (a VDI server's included) it is the hypervisor that boots: there
/// is no host OS.
/// A fault's cell: its kind, its time and what failed ("host OS crash @ 100 ms: the host
/// OS"; where a type-1 hypervisor has no host OS to crash: "…: no host OS (…)").
fn fault_cell(lang: Lang, f: &crate::sim::isolation::FaultResult) -> String {
    format!(
        "{} @ {} ms: {}",
        lang.pick(f.kind.name_ko(), f.kind.name()),
        fmt_num(f.at_ms as f64),
        unquote(&pick(lang, &f.failed))
    )
}

fn host_boot_note(
    lang: Lang,
    kind: crate::sim::PlatformKind,
    f: &crate::sim::isolation::FaultResult,
) -> Html {
    let ms = f.host_boot_ms;
    if ms <= 0.0 {
        return html! {};
    }
    let key = if f.component == crate::sim::isolation::Component::DriverDomain {
        "table.recovery.restart_boot"
    } else if matches!(
        kind,
        crate::sim::PlatformKind::Type1 | crate::sim::PlatformKind::Vdi
    ) {
        "table.recovery.hypervisor_boot"
    } else {
        "table.recovery.host_boot"
    };
    let text = t(lang, key).replace("{}", &crate::num::duration_ms(ms));
    html! { <small class="host-boot">{ format!(" ({text})") }</small> }
}

fn pick(lang: Lang, text: &Text) -> String {
    lang.pick(&text.ko, &text.en).to_string()
}

/// Tab (`e`) in the table's view while a heading's note is open: from its ⓘ to the
/// note's ×; from the × to the next heading's ⓘ (Shift+Tab: back to the ⓘ). Anywhere
/// else, and from the × after the last ⓘ, Tab goes on as the browser takes it.
fn tab_through_note(e: &KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let Some(view) = e
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let find = |selector: &str| {
        view.query_selector(selector)
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    };
    let (Some(opener), Some(closer)) = (
        find("button.col-help[aria-expanded='true']"),
        find("#column-help .column-help-close"),
    ) else {
        return;
    };
    let target = e.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
    let is = |el: &web_sys::HtmlElement| target.as_ref() == Some(el.unchecked_ref());
    let to = if is(&opener) && !e.shift_key() {
        Some(closer)
    } else if is(&closer) && e.shift_key() {
        Some(opener)
    } else if is(&closer) {
        let buttons = view.query_selector_all("button.col-help").ok();
        let all: Vec<web_sys::HtmlElement> = (0..buttons.as_ref().map_or(0, |b| b.length()))
            .filter_map(|i| buttons.as_ref()?.item(i)?.dyn_into().ok())
            .collect();
        all.iter()
            .position(|b| *b == opener)
            .and_then(|i| all.get(i + 1).cloned())
    } else {
        None
    };
    if let Some(el) = to {
        e.prevent_default();
        let _ = el.focus();
    }
}

/// The focus back on the ⓘ whose note is open, before the note (and its ×, which may hold
/// the focus) goes: closing it from its × or by Escape inside it dropped the focus to the
/// page's `<body>` (a blind student's review).
fn focus_open_help_button() {
    use wasm_bindgen::JsCast;
    let button = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("button.col-help[aria-expanded=\"true\"]")
                .ok()
                .flatten()
        })
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(button) = button {
        let _ = button.focus();
    }
}

#[function_component(Table)]
pub fn table(props: &TableProps) -> Html {
    let lang = props.lang;
    let r = &props.result;
    let table = &r.table;
    // A phone shows a few columns; assignment questions may ask about the others.
    let all_columns = use_state(|| false);
    let toggle_columns = {
        let all = all_columns.clone();
        Callback::from(move |_| all.set(!*all))
    };
    // The heading whose ⓘ note is open (its i18n key), and where the note stands: under
    // its button, over the table, in px from the top left of the table's view. It opens in
    // place: drawn under the table it often lay below the window, and bringing it into view
    // jumped the page away from the heading (a student's review).
    let help = use_state(|| None::<(&'static str, i32, i32)>);
    let open_key = help.map(|(k, _, _)| k);
    let help_button = |key: &'static str| -> Html {
        let open = open_key == Some(key);
        let onclick = {
            let help = help.clone();
            Callback::from(move |e: MouseEvent| {
                if open {
                    help.set(None);
                    return;
                }
                let (top, left) = note_place(&e);
                help.set(Some((key, top, left)));
            })
        };
        html! {
            <>{ " " }<button class="link col-help" aria-expanded={open.to_string()} aria-controls="column-help"
                aria-label={t(lang, "table.column_help").replace("{}", t(lang, key))} {onclick}>{ "i" }</button></>
        }
    };
    // Escape closes an open note (the focus is still on its ⓘ). Tab from the open note's
    // ⓘ goes to the note's ×, and Tab from there to the next ⓘ: the note stands after the
    // table, so its × came after every heading's ⓘ (a keyboard review), and reaching them
    // closed the note on the way.
    let on_key = {
        let help = help.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && help.is_some() {
                focus_open_help_button();
                help.set(None);
            }
            if e.key() == "Tab" && help.is_some() {
                tab_through_note(&e);
            }
        })
    };
    let close = {
        let help = help.clone();
        Callback::from(move |_: MouseEvent| {
            focus_open_help_button();
            help.set(None)
        })
    };
    // Focus moved on (Tab) to anything but the open note's ⓘ or the note itself: the note
    // closes, as it would not cover the cells focus moves through (a keyboard review).
    let on_focus = {
        let help = help.clone();
        Callback::from(move |e: FocusEvent| {
            use wasm_bindgen::JsCast;
            if help.is_none() {
                return;
            }
            let keeps = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| {
                    el.closest("#column-help").ok().flatten().is_some()
                        || el.get_attribute("aria-expanded").as_deref() == Some("true")
                });
            if !keeps {
                help.set(None);
            }
        })
    };
    let said_once = common_scheduler(&r.platforms).map(|(s, _)| s);
    let exit_columns = r.platforms.iter().any(|p| exit_costs(p).is_some());
    let network_column = r.platforms.iter().any(|p| p.network.is_some());
    html! {
        <div class="table-view" onkeydown={on_key} onfocusin={on_focus}>
            <button id="all-columns" class="link phone-only" aria-pressed={all_columns.to_string()} onclick={toggle_columns}>
                { t(lang, if *all_columns { "table.few_columns" } else { "table.all_columns" }) }
            </button>
            <div class="scroll" tabindex="0" role="region" aria-label={t(lang, "table.platforms")}>
            <table id="measured" class={classes!("data", "num", "sticky", all_columns.then_some("all-columns"))}>
                <caption>{ t(lang, "table.platforms") }</caption>
                <thead><tr>
                    <th scope="col">{ t(lang, "table.platform") }</th>
                    <th scope="col" class="text opt">{ t(lang, "table.kind") }</th>
                    <th scope="col">{ t(lang, "table.throughput") }</th>
                    // Network throughput, where a platform's workloads send or receive.
                    if network_column {
                        <th scope="col" class={classes!(hiding_class("table.network"))} data-col="network" title={t(lang, "table.network.note")}>{ t(lang, "table.network") }{ help_button("table.network") }</th>
                    }
                    <th scope="col" title={t(lang, "table.relative.note")}>{ t(lang, "table.relative") }{ help_button("table.relative") }</th>
                    // Every share explains itself: what a column counts differs by platform
                    // (type 2's host-side work is under host OS, type 1's in the hypervisor).
                    { for SHARE_HEADS.iter().map(|k| html! {
                        <th scope="col" class={classes!(hiding_class(k))} title={t(lang, column_note(k))}>{ t(lang, k) }{ help_button(k) }</th>
                    }) }
                    <th scope="col" data-col="exits" title={t(lang, "table.exits.note")}>{ t(lang, "table.exits") }{ help_button("table.exits") }</th>
                    // What an exit costs, where the run has exits: the same exits per
                    // operation on type 1 and 2, each dearer on type 2.
                    if exit_columns {
                        { for EXIT_COST_HEADS.iter().map(|k| html! {
                            <th scope="col" class={classes!(hiding_class(k), "exit-cost")} data-col={k.trim_start_matches("table.")} title={t(lang, column_note(k))}>{ t(lang, k) }{ help_button(k) }</th>
                        }) }
                    }
                </tr></thead>
                <tbody>
                    { for r.platforms.iter().zip(column(r.platforms.iter().map(|p| p.throughput), 2)).map(|(p, throughput)| (p, throughput, platform_figures(p))).map(|(p, throughput, figures)| html! {
                        <tr>
                            <th scope="row">{ platform_cell(lang, p) }</th>
                            <td class="text opt">
                                { labels::kind_of(lang, p) }
                                <br /><small>{ stack_details(lang, p, &props.baseline, said_once) }</small>
                            </td>
                            <td class="throughput">{ throughput }</td>
                            if network_column {
                                <td class={classes!(hiding_class("table.network"), "network")} data-col="network">
                                    { network_cell(p.network.as_ref()) }
                                </td>
                            }
                            // A desktop leads with what its users feel, the latency against a
                            // local PC; its share of the screen updates (which stays near 100%
                            // until the server saturates, over a 600 ms link too) after it,
                            // said for what it is (reviews read "100%" on a satellite link as
                            // native).
                            if let Some(v) = p.vdi.as_ref().filter(|v| v.sessions > 0) {
                                <td class="relative vdi">
                                    <span class="vdi-latency">{ vdi_latency(lang, v) }</span>
                                    // No update wanted in the run (sessions still logging on): its
                                    // 100% is of nothing, and says so.
                                    <br /><small class="vdi-updates">
                                        if v.frames_wanted == 0 { { t(lang, "table.vdi_no_updates") } }
                                        else { { t(lang, "table.vdi_updates").replace("{}", &figures[0]) } }
                                    </small>
                                    { lowest_group_line(lang, p) }
                                </td>
                            } else {
                                <td class="relative">{ &figures[0] }{ lowest_group_line(lang, p) }</td>
                            }
                            { for SHARE_HEADS.iter().zip(&figures[1..8]).map(|(k, v)| html! { <td class={classes!(hiding_class(k))}>{ v }</td> }) }
                            <td>{ crate::num::whole(p.exits_per_second) }</td>
                            if exit_columns {
                                { for exit_cost_cells(p).into_iter().zip(EXIT_COST_HEADS).map(|(c, k)| html! {
                                    <td class={classes!(hiding_class(k), "exit-cost")} data-col={k.trim_start_matches("table.")}>{ c }</td>
                                }) }
                            }
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            // The ⓘ of a heading shows its note on a click or tap (a title alone shows
            // nothing on a touch screen), under the ⓘ, over the table; a live region that is
            // always there, its text changed.
            <div id="column-help" role="status" class={classes!(help.is_some().then_some("open"))}
                style={help.map(|(_, top, left)| format!("top: {top}px; left: {left}px"))}>
                if let Some((k, _, _)) = *help {
                    <p class="hint column-help" data-col={k}><strong>{ t(lang, k) }{ ": " }</strong>{ t(lang, column_note(k)) }
                        // A desktop's figure counts screen updates: said here too where a
                        // platform is a desktop, as under the table.
                        if k == "table.relative" && r.platforms.iter().any(|p| p.vdi.is_some()) { { " " }{ t(lang, "table.relative.note_vdi") } }</p>
                    <button class="link column-help-close" onclick={close} aria-label={t(lang, "table.column_help_close")}>{ "×" }</button>
                }
            </div>
            if let Some(caption) = scheduler_caption(lang, &r.platforms) {
                <p class="hint" id="kind-scheduler">{ caption }</p>
            }
            <p class="hint">{ t(lang, "table.relative.note") }
                // Its desktop sentence only where a platform is a desktop (a student's review).
                if r.platforms.iter().any(|p| p.vdi.is_some()) { { " " }{ t(lang, "table.relative.note_vdi") } }</p>
            if let Some(faulted) = faults_lowering(lang, r) {
                <p class="hint" id="relative-faulted">{ t(lang, "table.relative.faulted").replace("{}", &faulted) }</p>
            }
            // What the lowest group beside a platform's figure is (the CLI's note alike).
            if r.platforms.iter().any(|p| p.lowest_group().is_some()) {
                <p class="hint" id="relative-lowest">{ t(lang, "table.relative.lowest") }</p>
            }
            // Binary translation's Pentium 4 costs beside another generation's VM exits.
            if let Some(note) = r.generations_note() {
                <p class="hint" id="cpu-generations">{ lang.pick(&note.ko, &note.en).to_string() }</p>
            }
            { groups_table(lang, r) }
            { desktop_table(lang, r) }
            { guest_steal_table(lang, r) }
            { bt_table(lang, r) }
            <div class="scroll" tabindex="0" role="region" aria-label={seed_caption(lang, table)}>
            <table id="comparison" class="data seed sticky">
                <caption>{ seed_caption(lang, table) }</caption>
                <thead><tr>
                    <th scope="col">{ t(lang, "table.aspect") }</th>
                    { for table.columns.iter().map(|c| html! { <th scope="col">{ seed_heading(lang, r, c) }</th> }) }
                </tr></thead>
                <tbody>
                    { for table.row_headings.iter().enumerate().map(|(ri, heading)| html! {
                        <tr>
                            <th scope="row">{ pick(lang, heading) }</th>
                            { for table.columns.iter().map(|c| match c.cells.get(ri) {
                                Some(cell) => html! {
                                    <td>
                                        { seed_cell_heading(lang, r, c) }
                                        // Quoted: the seed document's word, not a measurement. The
                                        // native column is not in the seed's table: its words are
                                        // this project's, unquoted (a student's review).
                                        if c.class == crate::sim::SeedColumn::Native {
                                            <span class="seed-text baseline-text" title={t(lang, "table.baseline_word")}>{ pick(lang, &cell.seed) }</span>
                                        } else {
                                            <span class="seed-text" title={t(lang, "table.seed_word")}>{ format!("“{}”", pick(lang, &cell.seed)) }</span>
                                        }
                                        <span class="measured">{ crate::num::regroup(&unquote(&pick(lang, &cell.measured))) }</span>
                                        // A hypervisor well below native: where the time went, one
                                        // click away (the overview says "high"; the reason was only
                                        // in the descriptions: a review).
                                        if let Some(i) = slow_vm(r, table.rows.get(ri), &c.platform) {
                                            <button class="link costliest" title={t(lang, "table.costliest_title")} aria-label={format!("{} ({})", t(lang, "table.costliest"), t(lang, "table.costliest_title"))}
                                                onclick={{ let f = props.on_costliest.clone(); move |_| f.emit(i) }}>{ t(lang, "table.costliest") }</button>
                                            if props.costliest_missing == Some(i) {
                                                <small class="costliest-none">{ elsewhere(lang, &r.platforms[i]) }</small>
                                            }
                                        }
                                    </td>
                                },
                                None => html! { <td>{ seed_cell_heading(lang, r, c) }</td> },
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            // The explanations the cells share, once each under their marks, as the CLI
            // prints them under its table (a student found them repeated in every cell).
            if !table.notes.is_empty() {
                <ul class="hint table-notes" id="comparison-notes">
                    { for table.notes.iter().enumerate().map(|(i, n)| html! {
                        <li id={format!("comparison-note-{}", i + 1)}>
                            <span class="note-mark">{ n.mark.clone() }</span>{ " " }{ pick(lang, &n.text) }
                        </li>
                    }) }
                </ul>
            }
            <p class="hint" id="seed-note">{ t(lang, "table.seed_note") }</p>
            // The start-up figure in the table, step by step (a student's review).
            <super::startup_steps::StartupSteps lang={lang} result={props.result.clone()} />
            { faults_table(lang, r) }
            { memory_table(lang, r) }
            { migration_table(lang, r) }
            { attack_table(lang, r) }
            <p class="hint" id="run-line">{ run_line(lang, r) }</p>
        </div>
    }
}

/// The line under a platform's figure against native that gives its lowest group's
/// ([`lowest_group`]), marked so that it reads as a caveat of the figure above it; nothing
/// where the platform's figure hides no group.
fn lowest_group_line(lang: Lang, p: &PlatformResult) -> Html {
    match lowest_group(lang, p) {
        Some(text) => html! {
            <><br /><small class="lowest-group" title={t(lang, "table.relative.lowest")}>{ text }</small></>
        },
        None => html! {},
    }
}

/// Where a platform's time went when no operation's path carries its gap to native: its
/// hypervisor's and host OS's shares of the CPU and its vCPUs' wait for a core, as the
/// measured table reads them (a review: a fixed "waiting or scheduling" blamed steal and
/// swapping for a gap that was the hypervisor's own work).
fn elsewhere(lang: Lang, p: &crate::sim::PlatformResult) -> String {
    t(lang, "table.costliest_none")
        .replace("{hyp}", &share(p.cpu.hypervisor))
        .replace("{emu}", &share(p.cpu.device_emulation))
        .replace("{host}", &share(p.cpu.host_os))
        .replace("{steal}", &share(p.steal_percent))
}

/// The index of `platform` when `row` is the performance row and the platform is a VM
/// (type 1 or 2) below 90% of native: its cell offers the step-through of its costliest
/// operation.
fn slow_vm(
    r: &crate::sim::RunResult,
    row: Option<&crate::sim::TableRow>,
    platform: &str,
) -> Option<usize> {
    if row != Some(&crate::sim::TableRow::Performance) {
        return None;
    }
    r.platforms.iter().position(|p| {
        p.name == platform
            && matches!(
                p.kind,
                crate::sim::PlatformKind::Type1 | crate::sim::PlatformKind::Type2
            )
            && p.relative_performance_percent < 90.0
    })
}

/// A network throughput cell: both directions' total, Gbit/s, over its split (↑ sent, ↓
/// received), with the CLI's decimals ([`crate::num::gbit_s`]); "—" for a platform or group
/// that neither sends nor receives.
fn network_cell(n: Option<&crate::sim::NetworkResult>) -> Html {
    match n {
        Some(n) => html! {
            <>
                { crate::num::gbit_s(n.total_gbit_s()) }
                <br /><small class="network-split">{ format!("↑\u{a0}{} ↓\u{a0}{}", crate::num::gbit_s(n.send_gbit_s), crate::num::gbit_s(n.receive_gbit_s)) }</small>
            </>
        },
        None => html! { { "—" } },
    }
}

/// Each platform's instance groups, when a platform runs more than one; with each group's
/// network throughput where a group's workload sends or receives (as the measured table's
/// column, the total over the directions split below it).
fn groups_table(lang: Lang, r: &crate::sim::RunResult) -> Html {
    if r.platforms.iter().map(|p| p.groups.len()).sum::<usize>() <= 1 {
        return html! {};
    }
    let network_column = r
        .platforms
        .iter()
        .any(|p| p.groups.iter().any(|g| g.network.is_some()));
    html! {
        <>
            <div class="scroll" tabindex="0" role="region" aria-label={t(lang, "table.groups")}>
            <table id="groups" class="data num sticky">
                <caption>{ t(lang, "table.groups") }</caption>
                <thead><tr>
                    <th scope="col">{ t(lang, "table.platform") }</th>
                    <th scope="col" class="text">{ t(lang, "table.group") }</th>
                    <th scope="col" class="text opt">{ t(lang, "controls.workload") }</th>
                    <th scope="col">{ t(lang, "table.count") }</th>
                    <th scope="col">{ t(lang, "table.throughput") }</th>
                    if network_column {
                        <th scope="col" data-col="network" title={t(lang, "table.network.note")}>{ t(lang, "table.network") }</th>
                    }
                    <th scope="col">{ t(lang, "table.relative") }</th>
                </tr></thead>
                <tbody>
                    { for r.platforms.iter().flat_map(|p| p.groups.iter().map(move |g| (p, g)))
                        .zip(column(r.platforms.iter().flat_map(|p| p.groups.iter().map(|g| g.throughput)), 2))
                        .map(|((p, g), throughput)| html! {
                        <tr>
                            <th scope="row">{ platform_cell(lang, p) }</th>
                            <td class="text group-name">{ g.name.clone() }</td>
                            <td class="text opt">{ crate::labels::workload(lang, &g.workload) }</td>
                            <td>{ fmt_num(f64::from(p.group_members(g))) }</td>
                            <td>{ throughput }</td>
                            if network_column {
                                <td class="network" data-col="network">{ network_cell(g.network.as_ref()) }</td>
                            }
                            <td>{ percent(g.relative_performance_percent) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            if r.platforms.iter().any(|p| p.vdi.as_ref().is_some_and(|v| v.session_host)) {
                <p class="hint" id="groups-session-note">{ t(lang, "table.count.session_note") }</p>
            }
        </>
    }
}

/// The steal time measured on each hypervisor beside what its guests' kernels see.
fn guest_steal_table(lang: Lang, r: &crate::sim::RunResult) -> Html {
    if !(r
        .platforms
        .iter()
        .any(|p| p.steal_percent >= 0.05 && p.kind.is_hypervisor()))
    {
        return html! {};
    }
    html! {
        <>
            <div class="scroll" tabindex="0" role="region" aria-label={t(lang, "table.guest_steal")}>
            <table id="guest-steal" class="data num">
                <caption>{ t(lang, "table.guest_steal") }</caption>
                <thead><tr>
                    <th scope="col">{ t(lang, "table.platform") }</th>
                    <th scope="col">{ t(lang, "table.steal_measured") }</th>
                    <th scope="col">{ t(lang, "table.steal_seen") }</th>
                </tr></thead>
                <tbody>
                    { for r.platforms.iter().filter(|p| p.steal_percent >= 0.05 && p.kind.is_hypervisor()).map(|p| html! {
                        <tr>
                            <th scope="row">{ platform_cell(lang, p) }</th>
                            <td class="steal-measured">{ crate::num::exact(p.steal_percent, 1) }</td>
                            <td class="steal-seen">{ crate::num::exact(p.guest_steal_percent, 1) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            <p class="hint">{ t(lang, "table.guest_steal.note") }</p>
        </>
    }
}

/// Binary translation's translation cache: hits and the time spent translating.
fn bt_table(lang: Lang, r: &crate::sim::RunResult) -> Html {
    if !r.platforms.iter().any(|p| p.bt_tc_hit_percent.is_some()) {
        return html! {};
    }
    html! {
        <>
            <div class="scroll" tabindex="0" role="region" aria-label={t(lang, "table.bt")}>
            <table id="bt-cache" class="data num">
                <caption>{ t(lang, "table.bt") }</caption>
                <thead><tr>
                    <th scope="col">{ t(lang, "table.platform") }</th>
                    <th scope="col">{ t(lang, "table.bt_hit") }</th>
                    <th scope="col">{ t(lang, "table.bt_translate") }</th>
                </tr></thead>
                <tbody>
                    { for r.platforms.iter().filter_map(|p| Some((p, p.bt_tc_hit_percent?, p.bt_translate_percent?))).map(|(p, hit, translate)| html! {
                        <tr>
                            <th scope="row">{ platform_cell(lang, p) }</th>
                            <td class="bt-hit">{ crate::num::exact(hit, 1) }</td>
                            <td class="bt-translate">{ crate::num::exact(translate, 2) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            <p class="hint">{ t(lang, "table.bt.note") }</p>
        </>
    }
}

/// The faults the scenario injected: what failed, what stopped, what survived.
fn faults_table(lang: Lang, r: &crate::sim::RunResult) -> Html {
    if !r.platforms.iter().any(|p| !p.faults.is_empty()) {
        return html! {};
    }
    html! {
        <>
            <div class="scroll" tabindex="0" role="region" aria-label={t(lang, "table.faults")}>
            <table id="faults" class="data num">
                <caption>{ t(lang, "table.faults") }</caption>
                <thead><tr>
                    <th scope="col">{ t(lang, "table.platform") }</th>
                    <th scope="col" class="text">{ t(lang, "table.failed") }</th>
                    <th scope="col">{ t(lang, "table.stopped") }</th>
                    <th scope="col">{ t(lang, "table.survivors") }</th>
                    <th scope="col">{ t(lang, "table.ops_lost") }</th>
                    <th scope="col">{ t(lang, "table.recovery") }</th>
                </tr></thead>
                <tbody>
                    { for r.platforms.iter().flat_map(|p| fault_sessions(p).into_iter().zip(&p.faults).map(move |(s, f)| (p, f, s))).map(|(p, f, sessions)| html! {
                        <tr>
                            <th scope="row">{ platform_cell(lang, p) }</th>
                            <td class="text">{ fault_cell(lang, f) }</td>
                            <td class="stopped">{ fmt_num(f.stopped.len() as f64) }{ sessions_note(lang, sessions.map(|s| s.0)) }</td>
                            <td class="survivors">{ fmt_num(f.survivors as f64) }{ sessions_note(lang, sessions.map(|s| s.1)) }</td>
                            <td>{ fmt_num(f.ops_lost as f64) }</td>
                            <td>{ crate::num::duration_ms(f.recovery_ms) }{ host_boot_note(lang, p.kind, f) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            if r.platforms.iter().any(|p| !p.faults.is_empty() && p.vdi.as_ref().is_some_and(|v| v.sessions > 0)) {
                <p class="hint" id="faults-sessions-note">{ t(lang, "table.faults.sessions_note") }</p>
            }
        </>
    }
}

/// Host memory: the policies that reclaim it and what they reached.
fn memory_table(lang: Lang, r: &crate::sim::RunResult) -> Html {
    if !(r.platforms.iter().any(|p| {
        p.host_memory
            .as_ref()
            .is_some_and(|m| !m.policies.is_empty() || !m.oom_kills.is_empty())
    })) {
        return html! {};
    }
    html! {
        <>
            <div class="scroll" tabindex="0" role="region" aria-label={t(lang, "table.memory")}>
            <table id="host-memory" class="data num">
                <caption>{ t(lang, "table.memory") }</caption>
                <thead><tr>
                    <th scope="col">{ t(lang, "table.platform") }</th>
                    <th scope="col" class="text">{ t(lang, "table.policy") }</th>
                    <th scope="col">{ t(lang, "table.overcommit") }</th>
                    <th scope="col">{ t(lang, "table.demand") }</th>
                    <th scope="col">{ t(lang, "table.resident") }</th>
                    <th scope="col">{ t(lang, "table.ballooned") }</th>
                    <th scope="col">{ t(lang, "table.merged") }</th>
                    <th scope="col">{ t(lang, "table.swapped") }</th>
                    <th scope="col">{ t(lang, "table.oom") }</th>
                    <th scope="col">{ t(lang, "table.page_ins") }</th>
                    <th scope="col">{ t(lang, "table.page_outs") }</th>
                </tr></thead>
                <tbody>
                    { for r.platforms.iter().filter_map(|p| p.host_memory.as_ref().map(|m| (p, m, p.paging_per_s(r.duration_ms)))).map(|(p, m, paging)| html! {
                        <>
                        <tr>
                            <th scope="row">{ platform_cell(lang, p) }</th>
                            <td class="text">{ if m.policies.is_empty() { "-".to_string() } else { m.policies.iter().map(|x| x.name()).collect::<Vec<_>>().join(" + ") } }</td>
                            <td>{ format!("{}×", crate::num::exact(m.overcommit_ratio, 2)) }</td>
                            <td>{ crate::num::whole(m.demand_mib) }</td>
                            <td>{ crate::num::whole(m.resident_mib) }</td>
                            <td>{ crate::num::whole(m.balloon_mib + m.reported_mib) }</td>
                            <td>{ crate::num::whole(m.shared_mib) }</td>
                            <td>{ swapped_cell(m) }</td>
                            <td>{ fmt_num(m.oom_kills.len() as f64) }</td>
                            <td>{ crate::num::whole(paging.0) }</td>
                            <td>{ crate::num::whole(paging.1) }</td>
                        </tr>
                        // The figures above are the plan once reclaim is complete; a
                        // short run may end before (a balloon inflating, KSM merging):
                        // what it reached, from the result (the CLI's same line).
                        if let Some(e) = m.still_under_way() {
                            <tr class="at-end">
                                <th scope="row" class="text">{ t(lang, "table.at_end") }</th>
                                <td></td>
                                <td></td>
                                <td></td>
                                <td>{ crate::num::whole(e.resident_mib) }</td>
                                <td>{ crate::num::whole(e.balloon_mib + e.reported_mib) }</td>
                                <td>{ crate::num::whole(e.shared_mib) }</td>
                                <td>{ crate::num::whole(e.swapped_mib) }</td>
                                <td></td>
                                <td></td>
                                <td></td>
                            </tr>
                        }
                        </>
                    }) }
                </tbody>
            </table>
            </div>
        </>
    }
}

/// Live migration's rounds, downtime and cost.
fn migration_table(lang: Lang, r: &crate::sim::RunResult) -> Html {
    if !r.platforms.iter().any(|p| p.migration.is_some()) {
        return html! {};
    }
    html! {
        <>
            <div class="scroll" tabindex="0" role="region" aria-label={t(lang, "table.migration")}>
            <table id="migration" class="data num">
                <caption>{ t(lang, "table.migration") }</caption>
                <thead><tr>
                    <th scope="col">{ t(lang, "table.platform") }</th>
                    <th scope="col">{ t(lang, "table.rounds") }</th>
                    <th scope="col" class="text">{ t(lang, "table.converged") }</th>
                    <th scope="col">{ t(lang, "table.downtime") }</th>
                    <th scope="col">{ t(lang, "table.total") }</th>
                    <th scope="col">{ t(lang, "table.sent") }</th>
                    <th scope="col">{ t(lang, "table.slowdown") }</th>
                </tr></thead>
                <tbody>
                    { for r.platforms.iter().filter_map(|p| p.migration.as_ref().map(|m| (p, m))).map(|(p, m)| html! {
                        <tr>
                            <th scope="row">{ platform_cell(lang, p) }</th>
                            <td>{ fmt_num(m.rounds.len() as f64) }</td>
                            <td class="text">{ t(lang, if m.converged { "table.yes" } else { "table.no" }) }</td>
                            <td>{ crate::num::duration_ms(m.downtime_ms) }</td>
                            <td>{ crate::num::duration_ms(m.total_ms) }</td>
                            <td>{ crate::num::whole(m.sent_mib) }</td>
                            <td>{ crate::num::exact(m.slowdown_percent, 1) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
        </>
    }
}

/// The interface each platform's instances can reach, and how many share it.
fn attack_table(lang: Lang, r: &crate::sim::RunResult) -> Html {
    if !r.platforms.iter().any(|p| p.attack_surface.is_some()) {
        return html! {};
    }
    html! {
        <>
            <div class="scroll" tabindex="0" role="region" aria-label={t(lang, "table.attack")}>
            <table id="attack-surface" class="data num">
                <caption>{ t(lang, "table.attack") }</caption>
                <thead><tr>
                    <th scope="col">{ t(lang, "table.platform") }</th>
                    <th scope="col" class="text">{ t(lang, "table.interface") }</th>
                    <th scope="col">{ t(lang, "table.entry_points") }</th>
                    <th scope="col">{ t(lang, "table.shared_by") }</th>
                </tr></thead>
                <tbody>
                    { for r.platforms.iter().filter_map(|p| p.attack_surface.as_ref().map(|a| (p, a))).map(|(p, a)| html! {
                        <tr>
                            <th scope="row">{ platform_cell(lang, p) }</th>
                            <td class="text">{ pick(lang, &a.interface) }</td>
                            <td>{ fmt_num(a.entry_points as f64) }</td>
                            <td>{ fmt_num(a.shared_by as f64) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            <p class="hint" id="attack-surface-note">{ t(lang, "table.attack_note") }</p>
        </>
    }
}

/// "latency p50 90 ms (local PC 34 ms)": what a VDI platform's users wait, beside its share
/// of updates delivered.
fn vdi_latency(lang: Lang, v: &crate::sim::desktop::VdiResult) -> Html {
    // No input displayed in the run: no latency, not "0 ms" (as the CLI says).
    if v.inputs == 0 {
        return html! { { t(lang, "table.vdi_no_input") } };
    }
    let ms = |x: f64| crate::num::fixed(x, if x < 10.0 { 1 } else { 0 });
    // The desktop's cost over the network is this latency, not the share of updates
    // above it (which stays near 100% until the server saturates): its figure in bold (a
    // student read "100.0%" on a satellite link and missed the 629 ms under it).
    let template = t(lang, "table.vdi_latency");
    let (before, after) = template.split_once("{}").unwrap_or((template, ""));
    let mut rest = after.to_string();
    if let Some(local) = &v.local {
        rest.push_str(&t(lang, "table.vdi_local").replace("{}", &ms(local.latency_p50_ms)));
    }
    // The reference's thresholds for a frame's end-to-end delay (sec. 5): under 150 ms
    // feels good, over 300 ms poor.
    if v.latency_p50_ms > 300.0 {
        rest.push_str(t(lang, "table.vdi_poor"));
    } else if v.latency_p50_ms > 150.0 {
        rest.push_str(t(lang, "table.vdi_noticeable"));
    }
    html! { <>{ before }<strong>{ ms(v.latency_p50_ms) }</strong>{ rest }</> }
}

/// The notes under the desktop table on groups that displayed few inputs, as the CLI
/// prints them (`sim_core::desktop::sample_notes`): (element id, sentence).
fn sample_notes<'a>(
    lang: Lang,
    vdis: impl Iterator<Item = &'a crate::sim::desktop::VdiResult> + Clone,
) -> Vec<(&'static str, String)> {
    let inputs = vdis.flat_map(|v| v.groups.iter().map(|g| g.inputs));
    let notes = crate::sim::desktop::sample_notes(inputs);
    let ids = match notes.len() {
        2 => ["desktop-few", "desktop-p99"].as_slice(),
        _ => ["desktop-p99"].as_slice(),
    };
    ids.iter()
        .zip(notes)
        .map(|(id, note)| (*id, format!("{}.", lang.pick(&note.ko, &note.en))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{
        column, fault_cell, fault_sessions, fmt_num, percent, platform_figures, sample_notes,
    };
    use crate::i18n::Lang;

    /// A heading's note stands beside its column, not over the values it explains: right of
    /// it where the view has room, else left of it, else (a phone) centred on its ⓘ.
    #[test]
    fn a_columns_note_stands_beside_the_column() {
        use super::{beside_column, HELP_WIDTH};
        // A column at 300..380 in a 1000 px view: the note right of it.
        let left = beside_column(300.0, 380.0, 1000.0, 360.0);
        assert!(left >= 380.0 && left + HELP_WIDTH <= 1000.0, "{left}");
        // The last column, 900..980: left of it.
        let left = beside_column(900.0, 980.0, 1000.0, 960.0);
        assert!(left >= 0.0 && left + HELP_WIDTH <= 900.0, "{left}");
        // A 360 px phone: inside the view.
        assert_eq!(beside_column(100.0, 160.0, 360.0, 140.0), 0.0);
    }

    /// The ⓘ of Host OS / engine % says first that it is host kernel work: "engine" read as
    /// a container engine (dockerd) in the data path (a student's review).
    #[test]
    fn the_host_os_note_says_first_that_it_is_host_kernel_work() {
        use crate::i18n::t;
        assert!(t(Lang::En, "table.host.note")
            .starts_with("Host kernel work, not a container engine's (no engine such as dockerd"));
        assert!(t(Lang::Ko, "table.host.note")
            .starts_with("컨테이너 엔진이 아니라 호스트 커널의 일입니다"));
    }

    /// The ⓘ of Relative to native says what the figure is before its caveats (it opened on
    /// "The native baseline runs…": a student's review), in both languages.
    #[test]
    fn the_relative_note_opens_with_its_definition() {
        use crate::i18n::t;
        let en = t(Lang::En, "table.relative.note");
        assert!(
            en.starts_with("This platform's throughput (operations per second) divided by the throughput of the same instances run natively on the same host"),
            "{en}"
        );
        assert!(en.contains(". The native baseline runs"), "{en}");
        let ko = t(Lang::Ko, "table.relative.note");
        assert!(ko.starts_with("이 플랫폼의 처리량"), "{ko}");
        assert!(ko.contains(" 네이티브 기준은"), "{ko}");
    }

    /// A group with fewer than 100 inputs has its p99 called its slowest input, one with
    /// A type 2's hosted design is listed with its other properties, in both languages:
    /// hosted-designs' two type-2 platforms read alike but for their labels (a review).
    #[test]
    fn a_type_2s_hosted_design_is_in_its_stack_details() {
        let text = crate::builtin::text_by_name("hosted-designs.toml").unwrap();
        let s = crate::sim::Scenario::from_toml("hosted-designs.toml", &text).unwrap();
        let base = crate::knobs::Baseline::of(&s);
        let r = s.run().unwrap();
        let details = |lang: Lang, name: &str| {
            let p = r.platforms.iter().find(|p| p.name == name).unwrap();
            super::stack_details(lang, p, &base, None)
        };
        assert_eq!(
            details(Lang::En, "type2-host-module"),
            "full virtualization (hardware assist) · emulated I/O · VMM as a host kernel module (no world switch) · fair scheduler"
        );
        assert!(
            details(Lang::En, "type2").contains(" · VMM in a world of its own (world switch) · "),
            "{}",
            details(Lang::En, "type2")
        );
        assert!(
            details(Lang::Ko, "type2-host-module")
                .contains(" · 호스트 커널 모듈 방식 VMM (월드 스위치 없음) · "),
            "{}",
            details(Lang::Ko, "type2-host-module")
        );
        // The scheduler said once under the table is left out of the rows that run on it.
        let p = r.platforms.iter().find(|p| p.name == "type2").unwrap();
        let fair = Some(crate::sim::SchedulerKind::Fair);
        assert!(
            super::stack_details(Lang::En, p, &base, fair)
                .ends_with(" · VMM in a world of its own (world switch)"),
            "{}",
            super::stack_details(Lang::En, p, &base, fair)
        );
        // Not a type 2's: no hosted design.
        assert!(
            !details(Lang::En, "type1").contains("world"),
            "{}",
            details(Lang::En, "type1")
        );
    }

    /// The caption speaks of the native column only where the table has one.
    #[test]
    fn the_caption_speaks_of_a_native_column_only_where_there_is_one() {
        use crate::sim::table::ComparisonTable;
        use crate::sim::{SeedColumn, TableColumn};
        let column = |class| TableColumn {
            platform: "p".into(),
            class,
            heading: crate::sim::text::Text::new("p", "p"),
            cells: Vec::new(),
        };
        let table = |classes: &[SeedColumn]| ComparisonTable {
            rows: Vec::new(),
            row_headings: Vec::new(),
            columns: classes.iter().map(|&c| column(c)).collect(),
            notes: Vec::new(),
        };
        let without = table(&[SeedColumn::Hardware, SeedColumn::OsLevel]);
        for lang in [Lang::En, Lang::Ko] {
            let caption = super::seed_caption(lang, &without);
            assert!(
                !caption.contains("native") && !caption.contains("네이티브"),
                "{caption}"
            );
        }
        let with = table(&[SeedColumn::Native, SeedColumn::Hardware]);
        assert!(super::seed_caption(Lang::En, &with).contains("the native column is not in it"));
        assert!(super::seed_caption(Lang::Ko, &with).contains("네이티브 열은"));
    }

    /// A platform whose instances a fault stopped is named under the table, with how many
    /// and when, as the CLI says it (a student read the session host's 71.5 % as slowness);
    /// a run without faults has no such note.
    #[test]
    fn platforms_lowered_by_a_fault_are_named() {
        let text = crate::builtin::text_by_name("session-host-vs-vdi.toml").unwrap();
        let r = crate::sim::Scenario::from_toml("s.toml", &text)
            .unwrap()
            .run()
            .unwrap();
        let en = super::faults_lowering(Lang::En, &r).expect("two platforms stopped some");
        // A desktop platform's sessions too, where they are not its instances: the session
        // host's one instance is 24 users; a desktop VM is one.
        assert!(en.contains("(1 of 24 stopped at 1500 ms)"), "{en}");
        assert!(
            en.contains("(1 of 1 stopped at 1500 ms: 24 of 24 sessions dropped)"),
            "{en}"
        );
        let ko = super::faults_lowering(Lang::Ko, &r).unwrap();
        assert!(
            ko.contains("(1500 ms에 24개 중 1개 멈춤)")
                && ko.contains("(1500 ms에 1개 중 1개 멈춤: 세션 24개 중 24개 끊김)"),
            "{ko}"
        );
        // Listed as the CLI lists them: in Korean by " · ", whose counts hold commas of
        // their own ("1,000개 중"), in English by ", ".
        assert!(ko.contains("멈춤) · ") && !ko.contains("), "), "{ko}");
        assert!(en.contains("ms), ") && !en.contains(" · "), "{en}");
        let smoke = crate::builtin::text_by_name("smoke.toml").unwrap();
        let r = crate::sim::Scenario::from_toml("s.toml", &smoke)
            .unwrap()
            .run()
            .unwrap();
        assert_eq!(super::faults_lowering(Lang::En, &r), None);
    }

    /// fewer than 20 its p50 and p99 called few, in the CLI's words.
    #[test]
    fn groups_with_few_inputs_are_noted_as_the_cli_notes_them() {
        let text = crate::builtin::text_by_name("session-host-vs-vdi.toml").unwrap();
        let scenario = crate::sim::Scenario::from_toml("s.toml", &text).unwrap();
        let r = scenario.run().unwrap();
        let mut vdi = r.platforms.iter().find_map(|p| p.vdi.clone()).unwrap();
        let with = |vdi: &crate::sim::desktop::VdiResult, inputs: u64| {
            let mut vdi = vdi.clone();
            vdi.groups[0].inputs = inputs;
            vdi
        };
        for g in &mut vdi.groups {
            g.inputs = 1000;
        }
        assert!(sample_notes(Lang::En, [&vdi].into_iter()).is_empty());
        let some = with(&vdi, 99);
        let notes = sample_notes(Lang::En, [&vdi, &some].into_iter());
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].0, "desktop-p99");
        assert!(notes[0].1.starts_with("A group with fewer than 100 inputs: its p99 is about the latency of its slowest input"), "{notes:?}");
        assert!(notes[0].1.ends_with("to read."), "{notes:?}");
        let few = with(&vdi, 19);
        let notes = sample_notes(Lang::Ko, [&few].into_iter());
        let ids: Vec<_> = notes.iter().map(|n| n.0).collect();
        assert_eq!(ids, ["desktop-few", "desktop-p99"]);
        assert!(
            notes[0]
                .1
                .starts_with("입력이 20개보다 적은 그룹: 그 p50과 p99는"),
            "{notes:?}"
        );
        assert!(
            notes[1]
                .1
                .starts_with("입력이 100개보다 적은 그룹: 그 p99는"),
            "{notes:?}"
        );
    }

    /// A host OS crash names what it struck in the page's language: the host OS under a
    /// type 2, and under an ESXi-like type 1 that there was none.
    #[test]
    fn a_host_os_crash_cell_says_what_it_struck() {
        use crate::sim::isolation::{Component, FaultKind, FaultResult};
        let fault = |component: Component| FaultResult {
            kind: FaultKind::HostOsCrash,
            at_ms: 100,
            origin: None,
            component,
            failed: component.text("-"),
            stopped: Vec::new(),
            survivors: 4,
            sessions: None,
            ops_lost: 0,
            recovery_ms: 0.0,
            host_boot_ms: 0.0,
        };
        assert_eq!(
            fault_cell(Lang::En, &fault(Component::HostOs)),
            "host_os_crash @ 100 ms: the host OS"
        );
        assert_eq!(
            fault_cell(Lang::Ko, &fault(Component::HostOs)),
            "호스트 OS 장애 @ 100 ms: 호스트 OS"
        );
        assert!(fault_cell(Lang::Ko, &fault(Component::NoHostOs))
            .starts_with("호스트 OS 장애 @ 100 ms: 호스트 OS 없음"));
        assert!(fault_cell(Lang::En, &fault(Component::DriverDomain))
            .contains("the driver domain (dom0; the hypervisor then restarts the whole host)"));
    }

    /// session-host-vs-vdi: one kernel panic stops one instance on each platform, which
    /// ends one desktop VM's session but all 24 sessions of the session host.
    #[test]
    fn a_fault_row_counts_the_sessions_its_instances_carry() {
        let text = crate::builtin::text_by_name("session-host-vs-vdi.toml").unwrap();
        let scenario = crate::sim::Scenario::from_toml("s.toml", &text).unwrap();
        let r = scenario.run().unwrap();
        let by_name = |n: &str| r.platforms.iter().find(|p| p.name == n).unwrap();
        let vdi = by_name("vdi");
        let host = by_name("session-host");
        assert_eq!(
            (vdi.faults[0].stopped.len(), vdi.faults[0].survivors),
            (1, 23)
        );
        assert_eq!(
            (host.faults[0].stopped.len(), host.faults[0].survivors),
            (1, 0)
        );
        assert_eq!(fault_sessions(vdi), vec![Some((1, 23))]);
        assert_eq!(fault_sessions(host), vec![Some((24, 0))]);
        // The same as the session table's count of sessions dropped.
        for p in [vdi, host] {
            let ended: u64 = fault_sessions(p).iter().map(|s| s.unwrap().0).sum();
            assert_eq!(
                ended,
                p.vdi.as_ref().unwrap().sessions_dropped,
                "{}",
                p.name
            );
        }
    }

    /// The measured table's figures have one decimal each, as the CLI's table prints them
    /// (`{:.1}`): a column read "72" beside "72.5", and 10, 1, 0 where the CLI has 10.0,
    /// 1.0, 0.0.
    #[test]
    fn a_column_of_figures_has_one_number_of_decimals() {
        let text = crate::builtin::text_by_name("smoke.toml").unwrap();
        let scenario = crate::sim::Scenario::from_toml("smoke.toml", &text).unwrap();
        let r = scenario.run().unwrap();
        // The CLI's rule: one decimal, "<0.1" above zero below 0.05.
        let cli_share = |v: f64| {
            if v > 0.0 && v < 0.05 {
                "<0.1".to_string()
            } else {
                format!("{v:.1}")
            }
        };
        for p in &r.platforms {
            let cli = [
                format!("{:.1}%", p.relative_performance_percent),
                cli_share(p.cpu.guest_user),
                cli_share(p.cpu.guest_kernel),
                cli_share(p.cpu.hypervisor),
                cli_share(p.cpu.device_emulation),
                cli_share(p.cpu.host_os),
                cli_share(p.cpu.idle),
                cli_share(p.steal_percent),
            ];
            assert_eq!(platform_figures(p), cli, "{}", p.name);
        }
        let mut p = r.platforms[0].clone();
        p.relative_performance_percent = 100.0;
        p.cpu.guest_user = 72.0;
        p.cpu.guest_kernel = 72.5;
        p.cpu.hypervisor = 0.0;
        p.cpu.device_emulation = 0.02;
        p.steal_percent = 1.0;
        let f = platform_figures(&p);
        assert_eq!(
            [&f[0], &f[1], &f[2], &f[3], &f[4], &f[7]],
            ["100.0%", "72.0", "72.5", "0.0", "<0.1", "1.0"]
        );
        assert_eq!(percent(72.0), "72.0%");
        // Throughputs: the decimals of the column's most precise figure, for all of it.
        let col = |v: &[f64]| column(v.iter().copied(), 2);
        assert_eq!(
            col(&[209.5, 95.5, 211.5, 98.0]),
            ["209.5", "95.5", "211.5", "98.0"]
        );
        assert_eq!(col(&[193_800.0, 79_866.67]), ["193,800", "79,867"]);
        assert_eq!(col(&[1234.5, 5.4321]), ["1,234.50", "5.43"]);
        assert_eq!(col(&[]), Vec::<String>::new());
        assert_eq!(percent(f64::NAN), "—");
    }

    /// The Kind column says the scheduler most platforms share once, under the table, and
    /// names it only on the rows whose scheduler differs: type1-vs-type2's type 1 keeps
    /// its credit scheduler, its two type 2s leave out the fair one they share.
    #[test]
    fn the_scheduler_most_platforms_share_is_said_once() {
        use crate::sim::SchedulerKind::{Credit, Fair, RoundRobin};
        let text = crate::builtin::text_by_name("type1-vs-type2.toml").unwrap();
        let s = crate::sim::Scenario::from_toml("type1-vs-type2.toml", &text).unwrap();
        let base = crate::knobs::Baseline::of(&s);
        let r = s.run().unwrap();
        assert_eq!(super::common_scheduler(&r.platforms), Some((Fair, false)));
        let said_once = super::common_scheduler(&r.platforms).map(|(s, _)| s);
        let rows: Vec<bool> = r
            .platforms
            .iter()
            .map(|p| super::stack_details(Lang::En, p, &base, said_once).contains("scheduler"))
            .collect();
        assert_eq!(
            rows,
            [true, false, false],
            "type1 names its credit scheduler"
        );
        assert!(
            super::stack_details(Lang::En, &r.platforms[0], &base, said_once)
                .ends_with(" · credit scheduler")
        );
        let en = super::scheduler_caption(Lang::En, &r.platforms).unwrap();
        assert!(en.contains("not the fair scheduler"), "{en}");
        let ko = super::scheduler_caption(Lang::Ko, &r.platforms).unwrap();
        assert!(ko.contains("CFS(완전 공정 스케줄러)와 다른"), "{ko}");
        // Made up: every platform the same; the native one names none and does not count.
        let with = |kinds: &[(crate::sim::PlatformKind, crate::sim::SchedulerKind)]| {
            kinds
                .iter()
                .map(|&(kind, scheduler)| {
                    let mut p = r.platforms[0].clone();
                    p.kind = kind;
                    p.scheduler = scheduler;
                    p
                })
                .collect::<Vec<_>>()
        };
        use crate::sim::PlatformKind::{Container, Native, Type1};
        let all = with(&[(Native, Fair), (Type1, Credit), (Container, Credit)]);
        assert_eq!(super::common_scheduler(&all), Some((Credit, true)));
        assert_eq!(
            super::scheduler_caption(Lang::En, &all).as_deref(),
            Some("Every platform here but the native one runs on the credit scheduler, so the Kind column leaves it out.")
        );
        assert_eq!(
            super::scheduler_caption(Lang::Ko, &all).as_deref(),
            Some("네이티브를 뺀 여기의 모든 플랫폼이 크레딧 스케줄러를 쓰므로 ‘종류’ 열에는 적지 않았습니다.")
        );
        let no_native = with(&[(Type1, RoundRobin), (Container, RoundRobin)]);
        assert!(super::scheduler_caption(Lang::En, &no_native)
            .unwrap()
            .starts_with("Every platform here runs on the round-robin scheduler"));
        // One platform, or no majority: every row names its own.
        assert_eq!(super::common_scheduler(&with(&[(Type1, Fair)])), None);
        let tie = with(&[
            (Type1, Fair),
            (Type1, Fair),
            (Type1, Credit),
            (Type1, Credit),
        ]);
        assert_eq!(super::common_scheduler(&tie), None);
        assert_eq!(super::scheduler_caption(Lang::En, &tie), None);
    }

    /// type1-vs-type2's type 1 and type 2 take about the same exits per operation (the
    /// student's 4.33 and 4.36: exits/s over ops/s), each exit dearer on type 2, where it
    /// goes through the host OS; platforms without exits have neither figure.
    #[test]
    fn exits_per_operation_and_cycles_per_exit_come_from_the_result() {
        let text = crate::builtin::text_by_name("type1-vs-type2.toml").unwrap();
        let r = crate::sim::Scenario::from_toml("t.toml", &text)
            .unwrap()
            .run()
            .unwrap();
        let costs = |name: &str| {
            super::exit_costs(r.platforms.iter().find(|p| p.name == name).unwrap()).unwrap()
        };
        let (one, two) = (costs("type1"), costs("type2"));
        for (name, (per_op, _)) in [("type1", one), ("type2", two)] {
            let p = r.platforms.iter().find(|p| p.name == name).unwrap();
            let seen = p.exits_per_second / p.throughput;
            assert!(
                (per_op - seen).abs() < 0.01 * seen,
                "{name}: {per_op} against {seen}"
            );
        }
        assert!((one.0 - two.0).abs() < 0.1, "{one:?} {two:?}");
        assert!(
            two.1 > 2.0 * one.1,
            "type 2's exit costs more: {one:?} {two:?}"
        );
        // The cells: two decimals, whole cycles.
        crate::num::set_lang(Lang::En);
        let cells = super::exit_cost_cells(&r.platforms[0]);
        assert_eq!(cells[0], crate::num::exact(one.0, 2));
        assert!(cells[0].len() == 4 && !cells[1].contains('.'), "{cells:?}");
        // Fewer than one exit in 200 operations (a hardware-assisted system call's timer
        // ticks): not "0.00".
        let mut few = r.platforms[0].clone();
        for i in &mut few.instances {
            for e in &mut i.exits {
                e.count = 0;
            }
        }
        few.instances[0].exits[0].count = 1;
        few.ops = 1000;
        assert_eq!(super::exit_cost_cells(&few)[0], "<0.01");
        // smoke's native platform: no exits, no figures.
        let smoke = crate::builtin::text_by_name("smoke.toml").unwrap();
        let r = crate::sim::Scenario::from_toml("s.toml", &smoke)
            .unwrap()
            .run()
            .unwrap();
        let native = r
            .platforms
            .iter()
            .find(|p| p.kind == crate::sim::PlatformKind::Native)
            .unwrap();
        assert_eq!(super::exit_costs(native), None);
        assert_eq!(super::exit_cost_cells(native), ["—", "—"]);
    }

    #[test]
    fn numbers() {
        assert_eq!(fmt_num(1234567.0), "1,234,567");
        assert_eq!(fmt_num(12.345), "12.3");
        assert_eq!(fmt_num(0.1234), "0.123");
        assert_eq!(fmt_num(-1500.0), "-1,500");
        assert_eq!(fmt_num(0.0), "0");
        assert_eq!(fmt_num(f64::NAN), "—");
    }
}
