//! The Charts tab: the trade-off charts of a run (built in `specs.rs`: performance
//! relative to native, CPU-time breakdown, steal, exits by reason, start-up and density,
//! desktops, the consolidation sweep, latency per operation and its distribution; memory
//! over time and migration rounds in `memory_charts.rs`), the operation menu, and each
//! chart's download as SVG or PNG, captioned with what ran ([`export_caption`]: the
//! comparison table's `run_line` and the settings moved, under the chart by
//! `charts::caption`).

mod specs;

use yew::prelude::*;

use crate::charts;
use crate::components::svg_view::SvgView;
use crate::export;
use crate::i18n::{t, Lang};
use crate::labels;
use crate::result_ops::{default_op, ops_of};
use crate::sim::{Op, RunResult};
use crate::state::ResultRef;

pub use specs::{
    build_charts, cumulative, in_unit, line_chart, share_below_100, table_points, ChartSpec,
};

#[derive(Properties, PartialEq)]
pub struct ChartPanelProps {
    pub lang: Lang,
    pub result: ResultRef,
    /// Operations the scenario's questions ask about (the first is shown first).
    #[prop_or_default]
    pub question_ops: Vec<Op>,
    /// The settings the result ran with that differ from its scenario's own, named in the
    /// page's language (`State::result_settings_changed`): said under an exported chart.
    #[prop_or_default]
    pub settings: Vec<String>,
    /// The operation chosen for the per-operation charts (`State::chart_op`: a share link
    /// keeps it), and the callback that chooses another.
    #[prop_or_default]
    pub chosen_op: Option<Op>,
    #[prop_or_default]
    pub on_op: Callback<Option<Op>>,
    /// The charts shown on their log axis, by id (`State::chart_logs`: a share link keeps
    /// them), and the callback that toggles a chart's.
    #[prop_or_default]
    pub logs: Vec<String>,
    #[prop_or_default]
    pub on_log: Callback<String>,
    /// Goes to the steps of each start-up ("How the start-up adds up", under the comparison
    /// table on its tab), from under the start-up chart.
    #[prop_or_default]
    pub on_startup_steps: Callback<()>,
}

/// The line under an exported chart: what the comparison table says the result ran
/// (`table::run_line`: scenario, seed, simulated time, host), and the settings moved from the
/// scenario's own, said as such (the run line's "1 cores" alone does not tell a slide's
/// reader that the file has 4) (a chart on a slide said nothing of where its figures came
/// from).
pub fn export_caption(lang: Lang, r: &RunResult, settings: &[String]) -> String {
    let line = crate::components::table::run_line(lang, r);
    if settings.is_empty() {
        line
    } else {
        let changed = t(lang, "chart.caption_changed")
            .replace("{}", &crate::num::figure_list(lang, settings));
        format!("{line} · {changed}")
    }
}

/// The charts the operation's menu changes (the latency of the chosen operation and its
/// distribution).
pub(crate) const OP_CHARTS: [&str; 2] = ["chart-latency", "chart-distribution"];

#[function_component(ChartPanel)]
pub fn chart_panel(props: &ChartPanelProps) -> Html {
    let lang = props.lang;
    let ops = use_memo(props.result.clone(), |r| ops_of(r));
    let op = props
        .chosen_op
        .filter(|o| ops.contains(o))
        .or_else(|| default_op(&ops, &props.question_ops));
    // Phones get charts drawn for their width (text stays legible without scrolling).
    let narrow = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|v| v.as_f64())
        .is_some_and(|w| w < 600.0);
    let charts = use_memo(
        (lang, props.result.clone(), op, narrow),
        |(lang, r, op, narrow)| {
            charts::set_narrow(*narrow);
            crate::num::set_lang(*lang);
            build_charts(*lang, r, *op)
        },
    );
    let on_op = {
        let chosen = props.on_op.clone();
        let ops = ops.clone();
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            chosen.emit(
                sel.value()
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| ops.get(i).copied()),
            );
        })
    };
    // Charts whose figures are shown as a visible table under them (by chart id).
    let shown = use_state(std::collections::BTreeSet::<String>::new);
    // Charts shown on their log axis (by chart id; the exits chart offers it).
    let logs = &props.logs;
    // The start-up chart's figures are the comparison table's, whose steps are listed
    // under it (`startup_steps`: only platforms with steps).
    let has_steps =
        !crate::components::startup_steps::platform_steps(lang, &props.result).is_empty();
    let stem = export::file_stem(&props.result.scenario);
    let caption = export_caption(lang, &props.result, &props.settings);
    // The operation's menu sits right above the charts it changes (the latency charts, after
    // the others): at the panel's top it read, on a phone, as the menu of the charts several
    // screens above them.
    let op_menu = (!ops.is_empty()).then(|| html! {
        <div class="row chart-controls">
            <span class="pair">
            <label for="chart-op">{ t(lang, "chart.op") }</label>
            <select id="chart-op" onchange={on_op}>
                { for ops.iter().enumerate().map(|(i, o)| html! {
                    <option value={i.to_string()} selected={Some(*o) == op}>{ labels::op(lang, *o) }</option>
                }) }
            </select>
            </span>
        </div>
    });
    let first_of_op = charts
        .iter()
        .position(|c| OP_CHARTS.contains(&c.id.as_str()));
    html! {
        <div>
            if first_of_op.is_none() {
                { op_menu.clone().unwrap_or_default() }
            }
            <div class="charts">
                { for charts.iter().enumerate().map(|(i, c)| {
                    let menu = if Some(i) == first_of_op { op_menu.clone() } else { None };
                    let chart = (|| {
                    // On its log axis (its toggle pressed): that SVG, named and downloaded as such.
                    let log = c.log_view.as_ref().filter(|_| logs.contains(&c.id));
                    let svg = log.map_or(&c.svg, |l| &l.svg);
                    let label = match log {
                        Some(_) => t(lang, "chart.log_named").replace("{}", &c.title),
                        None => c.title.clone(),
                    };
                    let (svg_dl, svg_png) = (svg.clone(), svg.clone());
                    let (caption_dl, caption_png) = (caption.clone(), caption.clone());
                    let note = [c.note.clone(), log.map(|l| l.note.clone())]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" ");
                    let note_png = note.clone();
                    // A chart of one operation is named after it too: the latency chart of
                    // a disk read and of a network send were both `…-chart-latency.png`.
                    let of = match op {
                        Some(op) if OP_CHARTS.contains(&c.id.as_str()) => format!("-{}", op.name()),
                        _ => String::new(),
                    };
                    let of = if log.is_some() { format!("{of}-log") } else { of };
                    let name = format!("{stem}-{}{of}.svg", c.id);
                    let png = format!("{stem}-{}{of}.png", c.id);
                    if c.svg.is_empty() {
                        // Nothing to draw: the title and the note saying why.
                        return html! {
                            <figure class="chart chart-empty" id={c.id.clone()}>
                                <figcaption class="chart-title">{ c.title.clone() }</figcaption>
                                if let Some(note) = &c.note { <p class="chart-note">{ note.clone() }</p> }
                            </figure>
                        };
                    }
                    // The figures' table: for screen readers only, or shown to everyone
                    // under the chart ("Show the numbers").
                    let open = shown.contains(&c.id);
                    let values_id = format!("{}-values", c.id);
                    let title_id = format!("{}-title", c.id);
                    let toggle = {
                        let (shown, id) = (shown.clone(), c.id.clone());
                        Callback::from(move |_: MouseEvent| {
                            let mut s = (*shown).clone();
                            if !s.remove(&id) {
                                s.insert(id.clone());
                            }
                            shown.set(s);
                        })
                    };
                    html! {
                        // Named by its title (the caption, for screen readers: the chart
                        // draws it), not by the download buttons under it.
                        // Labelled by it explicitly (Chromium named the figure by nothing, its
                        // caption being visually hidden), and its buttons described by it: seven
                        // charts' "Show the numbers / Save as SVG / Save as PNG" read alike (a
                        // blind student's review).
                        <figure class="chart" id={c.id.clone()} aria-labelledby={title_id.clone()}>
                            <figcaption class="sr-only" id={title_id.clone()}>{ c.title.clone() }</figcaption>
                            <SvgView svg={AttrValue::from(svg.clone())} label={AttrValue::from(label)}
                                unavailable={AttrValue::from(t(lang, "chart.unavailable"))} />
                            if let Some(note) = &c.note { <p class={classes!("chart-note", c.warning.then_some("chart-warning"))}>{ note.clone() }</p> }
                            if let Some(remark) = &c.remark { <p class="chart-note chart-remark">{ remark.clone() }</p> }
                            // What a log axis means, while it is shown.
                            if let Some(log) = log { <p class="chart-note chart-remark log-note">{ log.note.clone() }</p> }
                            <button class="link numbers-toggle" aria-expanded={open.to_string()}
                                aria-controls={values_id.clone()} aria-describedby={title_id.clone()} onclick={toggle}>
                                { t(lang, if open { "chart.hide_numbers" } else { "chart.show_numbers" }) }
                            </button>
                            // Small bars on a log axis, and back: a button that says what it
                            // does, as "Show the numbers" does (a toggle's name the same both
                            // ways, pressed or not, showed a sighted user no change).
                            // On a line of its own, as the start-up chart's link (a " · " before
                            // it was left at a line's end on a phone).
                            if c.log_view.is_some() {
                                <p class="chart-link">
                                <button class="link log-toggle" data-log={log.is_some().to_string()}
                                    aria-describedby={title_id.clone()} onclick={{
                                        let (on_log, id) = (props.on_log.clone(), c.id.clone());
                                        Callback::from(move |_: MouseEvent| on_log.emit(id.clone()))
                                    }}>
                                    { t(lang, if log.is_some() { "chart.linear_toggle" } else { "chart.log_toggle" }) }
                                </button>
                                </p>
                            }
                            // The start-up's steps, under the comparison table on its tab.
                            if c.id == "chart-startup" && has_steps {
                                <p class="chart-link">
                                    <button class="link to-steps" title={t(lang, "chart.startup_steps_title")}
                                        aria-label={format!("{} ({})", t(lang, "chart.startup_steps"), t(lang, "chart.startup_steps_title"))}
                                        onclick={{ let f = props.on_startup_steps.clone(); move |_| f.emit(()) }}>
                                        { t(lang, "chart.startup_steps") }
                                    </button>
                                </p>
                            }
                            // Shown, a scrolling region the keyboard can scroll, named by the table's caption.
                            <div id={values_id} class={if open { "scroll chart-values" } else { "sr-table" }}
                                tabindex={open.then_some("0")} role={open.then_some("region")}
                                aria-label={open.then(|| format!("{}: {}", t(lang, "chart.values"), c.title))}><table class={classes!(open.then_some("data num"))}>
                                <caption>{ format!("{}: {}", t(lang, "chart.values"), c.title) }</caption>
                                <thead><tr>{ for c.head.iter().map(|h| html! { <th scope="col">{ h.clone() }</th> }) }</tr></thead>
                                <tbody>
                                    { for c.rows.iter().map(|(name, cells)| html! {
                                        <tr><th scope="row">{ name.clone() }</th>{ for cells.iter().map(|v| html! {
                                            // A line's points ("x → y; …") read as text, left-aligned.
                                            <td class={classes!(v.contains('→').then_some("text"))}>{ v.clone() }</td>
                                        }) }</tr>
                                    }) }
                                </tbody>
                            </table></div>
                            // The download buttons (style.css: `.chart .chart-downloads`).
                            <div class="chart-downloads">
                                // A download carries the caption (written when clicked); the page's chart has
                                // the run's figures around it.
                                <button class="link" aria-describedby={title_id.clone()} onclick={Callback::from(move |_| export::download(&name, "image/svg+xml", &charts::with_note_and_caption(&svg_dl, &note, &caption_dl)))}>
                                    { t(lang, "chart.download_svg") }
                                </button>
                                <button class="link" aria-describedby={title_id.clone()} onclick={Callback::from(move |_| export::download_png(png.clone(), charts::with_note_and_caption(&svg_png, &note_png, &caption_png)))}>
                                    { t(lang, "chart.download_png") }
                                </button>
                            </div>
                        </figure>
                    }
                    })();
                    html! { <>{ for menu }{ chart }</> }
                }) }
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::export_caption;
    use crate::i18n::Lang;

    /// An exported chart's caption: the comparison table's line (scenario, seed, simulated
    /// time, host) in the page's language, and the settings moved, when any.
    #[test]
    fn an_exported_charts_caption_says_what_ran() {
        let text = crate::builtin::text_by_name("type1-vs-type2.toml").expect("in the library");
        let scenario =
            crate::sim::Scenario::from_toml("type1-vs-type2.toml", &text).expect("valid");
        let r = scenario.run().expect("runs");
        crate::num::set_lang(Lang::En);
        let en = export_caption(Lang::En, &r, &[]);
        assert_eq!(
            en,
            format!(
                "type1-vs-type2 · seed {} · {} ms · {} cores · {} MHz",
                r.seed,
                crate::num::num(r.duration_ms as f64),
                r.cores,
                crate::num::num(r.clock_mhz as f64)
            )
        );
        assert_eq!(en, crate::components::table::run_line(Lang::En, &r));
        let moved = [
            "VM exit round trip 3,000 cycles".to_string(),
            "host cores 2".to_string(),
        ];
        assert_eq!(
            export_caption(Lang::En, &r, &moved),
            format!(
                "{en} · changed from the scenario: VM exit round trip 3,000 cycles, host cores 2"
            )
        );
        crate::num::set_lang(Lang::Ko);
        let ko = export_caption(Lang::Ko, &r, &["호스트 코어 2개".to_string()]);
        crate::num::set_lang(Lang::En);
        assert!(
            ko.starts_with("type1-vs-type2 · 시드 ")
                && ko.contains(" 코어 · ")
                && ko.ends_with(" · 시나리오에서 바꾼 설정: 호스트 코어 2개"),
            "{ko}"
        );
    }
}
