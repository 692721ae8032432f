//! The step-through of one operation (in the Stack & paths view): pick a platform and an
//! operation, then move phase by phase (buttons, arrow keys) through what the CPU and the
//! hypervisor do, with the same operation under the other techniques beside it. The
//! phases come from the state's [`StepThrough`] (sim-core's `explain`, built in the reducer).
//! They download as CSV with the other techniques' phases (`steps_csv`); the phase shown
//! is read out only for the user's own moves (`focus_within`).

use yew::prelude::*;

use crate::components::shown_choice::use_shown_choice;
use crate::components::table::fmt_num;
use crate::i18n::{t, Lang};
use crate::labels;
use crate::palette;
use crate::sim::explain::{Explanation, Phase, PhaseKind, Section};
use crate::sim::CpuVendor;
use crate::state::{ResultRef, StepThrough, StepThroughMove};

#[derive(Properties, PartialEq)]
pub struct StepThroughViewProps {
    pub lang: Lang,
    pub result: ResultRef,
    pub step_through: Option<StepThrough>,
    /// Asks for another platform (index in the result; `None`: only the operation was
    /// picked, the reducer says where) and operation.
    pub on_select: Callback<(Option<usize>, crate::sim::Op)>,
    pub on_move: Callback<StepThroughMove>,
}

/// "submit", "once every N operations" or "completion" for a phase's section.
fn section_note(lang: Lang, e: &Explanation, p: &Phase) -> Option<String> {
    match p.section {
        Section::Submit => None,
        Section::Batched => {
            Some(t(lang, "paths.every").replace("{}", &fmt_num(e.batch_every as f64)))
        }
        Section::Complete => Some(t(lang, "paths.completion").to_string()),
    }
}

/// What one operation costs when the explanation has batched phases: the other phases,
/// and the batched ones shared by the operations of a batch (as the Cycles per layer
/// table amortizes them); `None` without a batch.
fn per_operation(e: &Explanation) -> Option<f64> {
    if e.batch_every == 0 {
        return None;
    }
    let (batched, every_time): (Vec<&Phase>, Vec<&Phase>) =
        e.phases.iter().partition(|p| p.section == Section::Batched);
    let sum = |ps: &[&Phase]| ps.iter().map(|p| p.cycles).sum::<u64>() as f64;
    Some((sum(&every_time) + sum(&batched) / e.batch_every as f64).round())
}

/// The phases of one explanation as a list; `current` is highlighted and, when
/// `on_move` is given, every phase can be picked.
fn phase_list(
    lang: Lang,
    e: &Explanation,
    current: Option<usize>,
    on_move: Option<&Callback<StepThroughMove>>,
    vendor: CpuVendor,
) -> Html {
    html! {
        <ol class="stepthrough-phases">
            { for e.phases.iter().enumerate().map(|(i, p)| {
                let here = current == Some(i);
                let label = p.kind.label(lang.core());
                let text = lang.pick(&p.ko, &p.en).to_string();
                let swatch = html! { <span class="swatch" style={format!("background:{}", palette::css(palette::layer(p.layer)))}></span> };
                let body = html! { <>
                    { swatch }<strong>{ label }</strong>
                    <span class="stepthrough-cycles">{ format!("{} {}", fmt_num(p.cycles as f64), cycles_word(lang, p.cycles)) }</span>
                    if let Some(e) = p.exit { <span class="exit-tag">{ labels::exit(lang, e, vendor) }</span> }
                    // A plain path step says what it is in a few words ("syscall/sysret"):
                    // its kind alone ("path step") would repeat down the list.
                    if current.is_none() || p.kind == PhaseKind::Step { <span class="stepthrough-line">{ text }</span> }
                    // A batched phase says so in the list too, where its cycles are read
                    // beside the others' (a student took the total with it for one
                    // operation's cost).
                    if p.section == Section::Batched {
                        <small class="part">{ t(lang, "paths.every").replace("{}", &fmt_num(e.batch_every as f64)) }</small>
                    }
                    // A phase of 0 cycles (sim-core explain/: the guest's intercepted instruction,
                    // whose cost is the exit; a translation-cache hit) says why, from its
                    // source ("0 cycles: the cost is the exit that follows"): in the list
                    // "guest instruction 0 cycles" read as a mistake (a student's review).
                    if p.cycles == 0 {
                        if let Some(source) = &p.source {
                            <span class="stepthrough-line stepthrough-zero">{ lang.pick(&source.ko, &source.en).to_string() }</span>
                        }
                    }
                </> };
                html! {
                    <li class={classes!(here.then_some("current"))} aria-current={here.then_some("step")}>
                        if let Some(on_move) = on_move {
                            <button class="link stepthrough-pick" onclick={{ let m = on_move.clone(); move |_| m.emit(StepThroughMove::To(i)) }}>{ body }</button>
                        } else {
                            { body }
                        }
                    </li>
                }
            }) }
        </ol>
    }
}

#[function_component(StepThroughView)]
pub fn step_through(props: &StepThroughViewProps) -> Html {
    let lang = props.lang;
    // The phase is said as the student moves through it, not when a re-run elsewhere
    // changes its figures (`focus_within`).
    let focus = super::focus_within::use_focus_within();
    let r = &props.result;
    let chosen = |value: Option<usize>| value.map(|i| i.to_string()).unwrap_or_default();
    let shown_platform = use_shown_choice(chosen(props.step_through.as_ref().map(|t| t.platform)));
    let shown_op = use_shown_choice(chosen(
        props
            .step_through
            .as_ref()
            .and_then(|t| crate::sim::Op::ALL.iter().position(|&o| o == t.op)),
    ));
    let Some(step_through) = &props.step_through else {
        return html! {};
    };
    let own = &step_through.own;
    let n = own.phases.len();
    let Some(phase) = own.phases.get(step_through.phase) else {
        return html! {};
    };
    let on_platform = {
        let on_select = props.on_select.clone();
        let op = step_through.op;
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = sel.value().parse::<usize>() {
                on_select.emit((Some(i), op));
            }
        })
    };
    let on_op = {
        let on_select = props.on_select.clone();
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(op) = sel
                .value()
                .parse::<usize>()
                .ok()
                .and_then(|i| crate::sim::Op::ALL.get(i).copied())
            {
                on_select.emit((None, op));
            }
        })
    };
    let onkeydown = {
        let on_move = props.on_move.clone();
        Callback::from(move |e: KeyboardEvent| {
            let to = match e.key().as_str() {
                "ArrowRight" | "ArrowDown" => StepThroughMove::Next,
                "ArrowLeft" | "ArrowUp" => StepThroughMove::Previous,
                "Home" => StepThroughMove::First,
                "End" => StepThroughMove::Last,
                _ => return,
            };
            // Arrow keys inside a select change its value instead.
            if e.target_dyn_into::<web_sys::HtmlSelectElement>().is_some() {
                return;
            }
            e.prevent_default();
            on_move.emit(to);
            // Keep the keys working when a button the move disables had the focus.
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("stepthrough-current"))
            {
                use wasm_bindgen::JsCast;
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        })
    };
    let go = |to: StepThroughMove| {
        let m = props.on_move.clone();
        Callback::from(move |_| m.emit(to))
    };
    let so_far: u64 = own.phases[..=step_through.phase]
        .iter()
        .map(|p| p.cycles)
        .sum();
    let position = t(lang, "step_through.position")
        .replacen("{}", &(step_through.phase + 1).to_string(), 1)
        .replacen("{}", &n.to_string(), 1);
    let platform_name = |i: usize| {
        r.platforms
            .get(i)
            .map_or_else(String::new, |p| labels::platform(lang, p))
    };
    // Every phase of this operation and of its side-by-side variants as a CSV file: a
    // lecturer's slide material, which could only be screenshotted (a review).
    let download = {
        let csv = steps_csv(
            lang,
            &platform_name(step_through.platform),
            own,
            &step_through.others,
            r.vendor(),
        );
        let name = format!(
            "{}-steps-{}-{}.csv",
            crate::export::file_stem(&r.scenario),
            crate::export::file_stem(&own.name),
            step_through.op.name()
        );
        Callback::from(move |_: MouseEvent| crate::export::download(&name, "text/csv", &csv))
    };
    html! {
        <section id="step-through" class="step-through" aria-labelledby="stepthrough-title" {onkeydown}
            ref={focus.node} onfocusin={focus.onfocusin} onfocusout={focus.onfocusout}>
            <h3 id="stepthrough-title">{ t(lang, "step_through.title") }</h3>
            <div class="row">
                // Each label with its menu (`pair`): on a phone the row wraps between them,
                // not between a label and its menu (a reviewer found "Operation" alone at the
                // right edge, its menu on the next line).
                <span class="pair">
                <label for="stepthrough-platform">{ t(lang, "step_through.platform") }</label>
                <select id="stepthrough-platform" ref={shown_platform} onchange={on_platform}>
                    { for r.platforms.iter().enumerate().map(|(i, p)| html! {
                        <option value={i.to_string()} selected={i == step_through.platform}>{ labels::platform(lang, p) }</option>
                    }) }
                </select>
                </span>
                <span class="pair">
                <label for="stepthrough-op">{ t(lang, "paths.operation") }</label>
                <select id="stepthrough-op" ref={shown_op} onchange={on_op}>
                    // The tables' order (most frequent first); each option's value is the
                    // operation's index in `Op::ALL`.
                    { for crate::result_ops::ops_in_menu_order(r).into_iter().map(|o| {
                        let i = crate::sim::Op::ALL.iter().position(|&x| x == o).unwrap_or(0);
                        html! {
                            <option value={i.to_string()} selected={o == step_through.op}>{ labels::op(lang, o) }</option>
                        }
                    }) }
                </select>
                </span>
            </div>
            <div class="stepthrough-nav">
                // aria-disabled, not disabled, at either end: a disabled button loses the
                // focus that pressed it, which then fell to the page (a keyboard reviewer's
                // Enter at the last phase). A move past an end changes nothing.
                <button id="stepthrough-prev" class="stepthrough-button" aria-disabled={(step_through.phase == 0).then_some("true")} onclick={go(StepThroughMove::Previous)}>{ t(lang, "step_through.prev") }</button>
                <span id="stepthrough-position" class="stepthrough-position">{ position.clone() }</span>
                <button id="stepthrough-next" class="stepthrough-button primary" aria-disabled={(step_through.phase + 1 >= n).then_some("true")} onclick={go(StepThroughMove::Next)}>{ t(lang, "step_through.next") }</button>
            </div>
            <p class="hint">{ t(lang, "step_through.help") }</p>
            <div class="stepthrough-body">
                <div class="stepthrough-main">
                    // Atomic: the phase is said whole, in its order (without it a screen
                    // reader said only the changed pieces, a figure without its unit, the
                    // source before the text; a blind student's review).
                    <div id="stepthrough-current" class="stepthrough-current" tabindex="0" aria-live={focus.live} aria-atomic="true"
                        style={format!("border-left:6px solid {}", palette::css(palette::layer(phase.layer)))}>
                        <p class="stepthrough-head">
                            // The position, said with the phase (it is shown above, outside
                            // this live region: a screen reader heard the phase, not which).
                            <span class="sr-only">{ format!("{position}. ") }</span>
                            <strong id="stepthrough-kind">{ phase.kind.label(lang.core()) }</strong>
                            { " · " }{ labels::layer_on(lang, phase.layer, own.kind) }
                            if let Some(e) = phase.exit { <span class="exit-tag">{ labels::exit(lang, e, r.vendor()) }</span> }
                            if let Some(note) = section_note(lang, own, phase) { <small class="part">{ note }</small> }
                        </p>
                        <p class="stepthrough-big"><span id="stepthrough-cycles">{ fmt_num(phase.cycles as f64) }</span>{ " " }{ cycles_word(lang, phase.cycles) }</p>
                        <p id="stepthrough-text" class="stepthrough-text">{ super::with_code(&crate::num::regroup(lang.pick(&phase.ko, &phase.en))) }</p>
                        if let Some(source) = &phase.source {
                            <p class="hint stepthrough-source">{ format!("{}: {}", t(lang, "step_through.source"), lang.pick(&source.ko, &source.en)) }</p>
                        }
                        <p class="hint">{ format!("{} {} / {} {} {}", t(lang, "step_through.so_far"), fmt_num(so_far as f64),
                            t(lang, if own.batch_every > 0 { "step_through.total_batched" } else { "step_through.total" }),
                            fmt_num(own.total as f64), cycles_word(lang, own.total)) }
                            // With a batched step, also what one operation costs, the batch's
                            // steps shared out: the figure of the Cycles per layer table (168
                            // there beside 693 here read as two answers: a student's review).
                            if let Some(per_op) = per_operation(own) {
                                { format!("; {}", t(lang, "step_through.per_operation")
                                    .replace("{n}", &fmt_num(own.batch_every as f64))
                                    .replace("{c}", &fmt_num(per_op))) }
                            }
                        </p>
                    </div>
                    <h4>{ platform_name(step_through.platform) }<small>{ " · " }{ variant_name(lang, own) }</small></h4>
                    { phase_list(lang, own, Some(step_through.phase), Some(&props.on_move), r.vendor()) }
                    if let Some(note) = &own.note {
                        <p id="stepthrough-note" class="hint">{ super::with_code(&crate::num::regroup(lang.pick(&note.ko, &note.en))) }</p>
                    }
                    <p class="chart-downloads"><button class="link" id="stepthrough-csv" onclick={download}>{ t(lang, "step_through.export_csv") }</button></p>
                </div>
                <aside class="stepthrough-side" aria-label={t(lang, "step_through.others")}>
                    <h4>{ t(lang, "step_through.others") }</h4>
                    { for step_through.others.iter().map(|e| html! {
                        <div class="stepthrough-other" data-technique={e.name.clone()}>
                            <h5>{ variant_name(lang, e) }<small>{ format!(" · {} {}", fmt_num(e.total as f64), cycles_word(lang, e.total)) }
                                // With a batched step, one operation's cost too (as above).
                                if let Some(per_op) = per_operation(e) {
                                    { format!("; {}", t(lang, "step_through.per_operation")
                                        .replace("{n}", &fmt_num(e.batch_every as f64))
                                        .replace("{c}", &fmt_num(per_op))) }
                                }
                            </small></h5>
                            if let Some(note) = &e.kind_note {
                                <p class="hint">{ lang.pick(&note.ko, &note.en) }</p>
                            }
                            { phase_list(lang, e, None, None, r.vendor()) }
                        </div>
                    }) }
                </aside>
            </div>
        </section>
    }
}

/// What a variant is: its kind, and for a VM its technique, I/O model and (unless the
/// device is assigned) where its back ends run. The I/O model names a different path (a
/// ring and a kick instead of register traps), and through a driver domain the same I/O
/// costs more than inline.
fn variant_name(lang: Lang, e: &Explanation) -> String {
    match e.technique {
        None => labels::kind(lang, e.kind).to_string(),
        Some(tech) if e.io == crate::sim::IoModel::Passthrough => format!(
            "{} · {} · {}",
            labels::kind(lang, e.kind),
            labels::technique(lang, tech),
            labels::io(lang, e.io)
        ),
        Some(tech) => {
            let name = format!(
                "{} · {} · {} · {}",
                labels::kind(lang, e.kind),
                labels::technique(lang, tech),
                labels::io(lang, e.io),
                labels::backend(lang, e.backend)
            );
            // A type 2 whose VMM is a host kernel module says so; the classic design is
            // every other type 2's.
            if e.hosted_design == crate::sim::platform::HostedDesign::WorldSwitch {
                name
            } else {
                format!("{name} · {}", labels::hosted_design(lang, e.hosted_design))
            }
        }
    }
}

/// The step-through as CSV, in the page's language: one row per phase of the platform's
/// path (`platform`, then its variant), then of each side-by-side variant, with its
/// number, kind, layer, when it runs (every time, once a batch, at the completion),
/// cycles, exit, text and source (or, for a phase of 0 cycles, why); after each variant's
/// phases its total and, with a batched step, one operation's share. A byte-order mark first, as for the Cycles per layer
/// table, so that Excel reads the Korean.
fn steps_csv(
    lang: Lang,
    platform: &str,
    own: &Explanation,
    others: &[Explanation],
    vendor: CpuVendor,
) -> String {
    use crate::sim::export_csv::field;
    let mut csv = String::from('\u{FEFF}');
    let header = [
        "step_through.csv_variant",
        "step_through.csv_number",
        "step_through.csv_phase",
        "step_through.csv_layer",
        "step_through.csv_when",
        "step_through.csv_cycles",
        "step_through.csv_exit",
        "step_through.csv_text",
        "step_through.csv_source",
    ];
    csv += &header.map(|k| field(t(lang, k))).join(",");
    csv.push('\n');
    let own_name = format!("{platform} ({})", variant_name(lang, own));
    let variants =
        std::iter::once((own_name, own)).chain(others.iter().map(|e| (variant_name(lang, e), e)));
    for (name, e) in variants {
        for (i, p) in e.phases.iter().enumerate() {
            let when = match p.section {
                Section::Complete => t(lang, "step_through.csv_completion").to_string(),
                _ => section_note(lang, e, p)
                    .unwrap_or_else(|| t(lang, "step_through.csv_every_time").to_string()),
            };
            let cells = [
                field(&name),
                (i + 1).to_string(),
                field(p.kind.label(lang.core())),
                field(labels::layer_on(lang, p.layer, e.kind)),
                field(&when),
                p.cycles.to_string(),
                p.exit
                    .map_or(String::new(), |x| field(labels::exit(lang, x, vendor))),
                field(lang.pick(&p.ko, &p.en)),
                p.source
                    .as_ref()
                    .map_or(String::new(), |s| field(lang.pick(&s.ko, &s.en))),
            ];
            csv += &cells.join(",");
            csv.push('\n');
        }
        // The totals the page shows under the phases: the path's (a batched step counted
        // once) and, with a batch, one operation's.
        let total_key = if e.batch_every > 0 {
            "step_through.total_batched"
        } else {
            "step_through.total"
        };
        csv += &format!(
            "{},,{},,,{},,,\n",
            field(&name),
            field(t(lang, total_key)),
            e.total
        );
        if let Some(per_op) = per_operation(e) {
            let label = t(lang, "step_through.csv_per_operation")
                .replace("{n}", &e.batch_every.to_string());
            csv += &format!("{},,{},,,{per_op},,,\n", field(&name), field(&label));
        }
    }
    csv
}

/// "cycles", or "cycle" for one (Korean has one word for both).
fn cycles_word(lang: Lang, n: u64) -> &'static str {
    t(
        lang,
        if n == 1 {
            "step_through.cycle"
        } else {
            "step_through.cycles"
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Op;
    use crate::state::StepThrough;

    /// The records of a CSV text (quoted fields with commas, doubled quotes and newlines).
    fn records(csv: &str) -> Vec<Vec<String>> {
        let (mut rows, mut row, mut cell, mut quoted) = (vec![], vec![], String::new(), false);
        let mut chars = csv.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    cell.push('"');
                    chars.next();
                }
                ('"', _) => quoted = !quoted,
                (',', false) => row.push(std::mem::take(&mut cell)),
                ('\n', false) => {
                    row.push(std::mem::take(&mut cell));
                    rows.push(std::mem::take(&mut row));
                }
                (c, _) => cell.push(c),
            }
        }
        rows
    }

    /// io-paths' paravirtual disk read: every phase of the platform's path and of each
    /// side-by-side variant is one row of nine fields; the platform's rows add up to its
    /// total, and its completion phases say so.
    #[test]
    fn the_step_through_csv_has_a_row_per_phase_of_every_variant() {
        let text = crate::builtin::text_by_name("io-paths.toml").expect("in the library");
        let scenario = crate::sim::Scenario::from_toml("io-paths.toml", &text).expect("valid");
        let step_through = StepThrough::build(&scenario, 1, Op::DiskRead).expect("a path");
        for lang in [Lang::En, Lang::Ko] {
            let csv = steps_csv(
                lang,
                "paravirtual",
                &step_through.own,
                &step_through.others,
                CpuVendor::Intel,
            );
            assert!(csv.starts_with('\u{FEFF}'));
            let rows = records(csv.trim_start_matches('\u{FEFF}'));
            // A row per phase, then a total per variant (and one operation's share where
            // a step is batched).
            let variants = std::iter::once(&*step_through.own).chain(step_through.others.iter());
            let expected: usize = variants
                .map(|e| e.phases.len() + 1 + usize::from(e.batch_every > 0))
                .sum();
            assert_eq!(rows.len(), 1 + expected, "{lang:?}");
            assert!(rows.iter().all(|r| r.len() == 9), "{rows:?}");
            assert_eq!(rows[0][5], t(lang, "step_through.csv_cycles"));
            let n = step_through.own.phases.len();
            let own: Vec<&Vec<String>> = rows[1..=n].iter().collect();
            assert!(own.iter().all(|r| r[0].starts_with("paravirtual (")));
            let sum: u64 = own
                .iter()
                .map(|r| r[5].parse::<u64>().expect("cycles"))
                .sum();
            assert_eq!(sum, step_through.own.total);
            let total = &rows[1 + n];
            assert_eq!(total[2], t(lang, "step_through.total"));
            assert_eq!(total[5].parse::<u64>().ok(), Some(sum));
            assert!(own
                .iter()
                .any(|r| r[4] == t(lang, "step_through.csv_completion")));
            assert!(own
                .iter()
                .any(|r| r[4] == t(lang, "step_through.csv_every_time")));
            // The next variant starts at step 1 again.
            assert_eq!(rows[2 + n][1], "1");
        }
    }
}
