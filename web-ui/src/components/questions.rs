//! Coursework: the scenario's questions with check and reveal.
//!
//! A revealed explanation, written for the scenario as written, notes the settings that
//! differ from it (`knobs::changed_settings`), and is flagged with both answers when those
//! settings change its answer (`QuestionAnswer::answer_differs_from` against
//! `State::written_answers`, the answers of a run of the text as written). A numeric
//! answer is said in words by `answer_text`.

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::answer_text::{computed_answer, unit_in, with_unit};
use crate::components::glossary::Described;
use crate::components::question_ids::question_dom_id;
use crate::i18n::{t, Lang};
use crate::labels;
use crate::sim::{Metric, QuestionAnswer, QuestionKind};
use crate::state::ResultRef;

/// What a numeric answer in `unit` may be, said when a given answer is not a number:
/// "숫자로 입력하세요(예: 1,234.5). 뒤에 `%` 단위를 붙여도 됩니다." (what sim-core's
/// `QuestionAnswer::read_number` reads, in the page's own words; backticks mark code).
pub fn number_hint(lang: Lang, unit: &str) -> String {
    let units = match unit {
        "" => return t(lang, "questions.number_only").to_string(),
        // Another time unit is read too, converted (sim-core's `read_number_in`).
        "µs" => lang
            .pick(
                "`µs`(또는 `us`, `ns`, `ms`, `s` 같은 다른 시간)",
                "`µs` (or `us`, or another time unit: `ns`, `ms`, `s`)",
            )
            .to_string(),
        "ms" => lang
            .pick(
                "`ms`(또는 `s`, `µs`, `ns` 같은 다른 시간)",
                "`ms` (or another time unit: `s`, `µs`, `ns`)",
            )
            .to_string(),
        "/s" => lang.pick("`회/초` 또는 `/s`", "`/s`").to_string(),
        "%" => lang
            .pick("`%`(또는 `퍼센트`)", "`%` (or `percent`)")
            .to_string(),
        unit => format!("`{unit}`"),
    };
    t(lang, "questions.number_unit").replace("{}", &units)
}

/// The figures behind a question's answer (`values`, one line of them) as `virtsim
/// answers` and `virtsim run` print them, digit for digit, each with its unit in the page's
/// words: a numeric question's at its answer's decimals
/// ([`QuestionAnswer::expected_figure`]: 26.95% beside the answer 26.95%, 0.0967 µs and not
/// the "0.10" of its rounding, 157,123.81/s and not a whole 157,124), a choice's by the
/// one rule of a line ([`printed_figures`](crate::sim::question::printed_figures): 74.20%
/// beside 57.28%, whole figures of 100 or more whole when every one is: the rule by which
/// the CLI says two options read the same).
pub(crate) fn evidence_figures(lang: Lang, q: &QuestionAnswer, values: &[f64]) -> Vec<String> {
    let unit = q.metric.unit();
    let figures = match q.expected_figure() {
        Some((_, decimals)) => (values.iter())
            .map(|v| crate::sim::text::grouped(&format!("{v:.decimals$}")))
            .collect(),
        None => crate::sim::question::printed_figures(values),
    };
    figures
        .into_iter()
        .map(|f| with_unit(lang, f, unit))
        .collect()
}

/// One figure of a question's metric as its evidence prints it ([`evidence_figures`]).
fn evidence_value(lang: Lang, q: &QuestionAnswer, v: f64) -> String {
    evidence_figures(lang, q, &[v]).pop().unwrap_or_default()
}

/// `v` with at most `decimals` decimals, without trailing zeros ("49.6", "45").
fn trimmed(v: f64, decimals: usize) -> String {
    let s = crate::num::exact(v, decimals);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// What a numeric question accepts, said before the answer is revealed: its tolerance,
/// or, with none, that the exact number is needed (as printed, for a figure with decimals).
pub fn tolerance_note(lang: Lang, q: &QuestionAnswer) -> String {
    if q.tolerance_percent > 0.0 {
        let tolerance = q.tolerance_percent.to_string();
        // A percentage's "±10%" could be read as percentage points: said to be relative,
        // with what it accepts around a made-up answer of 50% (not the question's own,
        // which is not shown before it is answered).
        let example = QuestionAnswer::numeric("", q.metric, 50.0, q.tolerance_percent);
        if let (true, Some((low, high))) = (q.metric.unit() == "%", example.accepted_range(4)) {
            return t(lang, "questions.tolerance_percent")
                .replacen("{}", &tolerance, 1)
                .replacen("{}", &trimmed(low, 4), 1)
                .replacen("{}", &trimmed(high, 4), 1);
        }
        return t(lang, "questions.tolerance").replace("{}", &tolerance);
    }
    match q.value {
        Some(v) if v.fract() != 0.0 => t(lang, "questions.exact_printed").to_string(),
        _ => t(lang, "questions.exact").to_string(),
    }
}

/// Why a numeric answer in `unit` was asked again (it is not recorded or checked), in
/// `lang`: a bare fraction to a question in percent ("0.575": 57.5 % or 0.575 %?, sim-core's
/// `fraction_for_percent`) is asked with both readings; anything else gets
/// [`number_hint`].
pub fn asked_again(lang: Lang, unit: &str, given: &str) -> String {
    if let Some(point) = decimal_comma_before_three(given) {
        // "0,137": 0.137 to whoever typed it, but a comma before three digits groups
        // thousands, and a grouped number does not start with 0 (sim-core reads neither).
        return crate::sim::text::particles(
            &t(lang, "questions.decimal_comma")
                .replace("{given}", given.trim())
                .replace("{point}", &point),
        );
    }
    if !crate::sim::question::fraction_for_percent(given, unit) {
        if let Some(note) = wrong_unit(lang, unit, given) {
            return note;
        }
        return number_hint(lang, unit);
    }
    let given = crate::sim::question::half_width(given).trim().to_string();
    let percent =
        crate::num::parse_answer(&given).map_or_else(String::new, |v| trimmed(v * 100.0, 6));
    crate::sim::text::particles(
        &t(lang, "questions.fraction")
            .replace("{given}", &given)
            .replace("{percent}", &percent),
    )
}

/// Said of a number in a unit the question does not read ("512 ms" to a question in MiB):
/// which unit the answer is in, then [`number_hint`] (it had the hint alone, as if no
/// number had been typed; a student's review). `None` when `given` is no number with a
/// unit, or one the question reads.
fn wrong_unit(lang: Lang, unit: &str, given: &str) -> Option<String> {
    use crate::sim::question::{parse_number, read_number_in};
    if parse_number(given).is_none() || read_number_in(given, unit).is_some() {
        return None;
    }
    let given = crate::sim::question::half_width(given).trim().to_string();
    let said = match unit {
        "" => t(lang, "questions.wrong_unit_count").replace("{given}", &given),
        unit => t(lang, "questions.wrong_unit")
            // The page's own spelling (a rate is "회/초" in Korean).
            .replace(
                "{unit}",
                if unit == "/s" {
                    unit_in(lang, "/s")
                } else {
                    unit
                },
            )
            .replace("{given}", &given),
    };
    Some(format!(
        "{} {}",
        crate::sim::text::particles(&said),
        number_hint(lang, unit)
    ))
}

/// The number written with a point when `given` is a decimal comma before exactly three
/// digits after a 0 ("0,137", "-0,577 %": `Some("0.137")`), which no reading takes.
fn decimal_comma_before_three(given: &str) -> Option<String> {
    let text = crate::sim::question::half_width(given);
    let text = text.trim();
    let digits = text.trim_start_matches(['+', '-']);
    let sign = &text[..text.len() - digits.len()];
    let frac = digits.strip_prefix("0,")?;
    let three: String = frac.chars().take_while(char::is_ascii_digit).collect();
    (three.len() == 3).then(|| format!("{sign}0.{three}"))
}

/// What the page read an answer in another time unit as ("5초" to a question in ms:
/// "Read as 5,000 ms."), or `None` when the answer is in the question's unit or none.
pub fn read_as(lang: Lang, unit: &'static str, given: &str) -> Option<String> {
    crate::sim::question::converted_from(given, unit)?;
    let value = crate::sim::question::read_number_in(given, unit)?;
    let read = with_unit(lang, crate::num::fixed(value, 6), unit);
    Some(crate::sim::text::particles(
        &t(lang, "questions.read_as").replace("{}", &read),
    ))
}

/// Whether a wrong answer to a percentage question is the right one written as a fraction
/// ("0.577" for 57.7%): the coursework then says the answer is in percent (no credit). The
/// page asks again for a bare fraction now ([`asked_again`]); a saved answer from before
/// may still be one.
pub fn given_as_fraction(q: &QuestionAnswer, given: &str) -> bool {
    if q.kind != QuestionKind::Numeric || q.metric.unit() != "%" || q.check(given) {
        return false;
    }
    crate::num::parse_answer(given).is_some_and(|v| q.check(&(v * 100.0).to_string()))
}

/// Said under a revealed explanation when the result ran with settings other than the
/// scenario's own (`changed`, from `state::changed_settings`): the author wrote the
/// explanation for the scenario as written, and its figures may not match. Not under an
/// explanation that quotes no figure (`quotes`: [`Baseline::explanation_quotes_a_figure`](crate::knobs::Baseline::explanation_quotes_a_figure),
/// of the text as written, whose placeholders the shown run fills with its own figures):
/// there is nothing in it to differ (a reviewer found the note under every explanation).
pub fn settings_note(lang: Lang, changed: &[String], quotes: bool) -> Html {
    if changed.is_empty() || !quotes {
        return html! {};
    }
    html! {
        <p class="hint settings-differ">{ t(lang, "questions.settings_differ").replace("{}", &crate::num::figure_list(lang, changed)) }</p>
    }
}

/// A question's answer as the flag on a contradicted explanation names it: a platform by
/// its label (`label`), a figure with its unit and the answer's decimals.
fn answer_named(lang: Lang, q: &QuestionAnswer, label: &dyn Fn(&str) -> String) -> String {
    if !q.has_answer() {
        return t(lang, "questions.contradicted.none").to_string();
    }
    match (q.kind, q.value) {
        (QuestionKind::Numeric, Some(v)) => evidence_value(lang, q, v),
        _ => label(&q.answer),
    }
}

/// Said above an explanation when the shown result's answer (`q`, run with the settings
/// `changed`) is another than the answer on the scenario as written (`written`), which
/// the explanation was written for ([`QuestionAnswer::answer_differs_from`]): "With these
/// settings (host cores 1, instances per group 3) the answer is Hardware assist, disk;
/// this explanation was written for the scenario as written, whose answer is Para-disk."
/// `None` when the answers agree (the settings note then says the figures may differ).
pub fn contradiction(
    lang: Lang,
    q: &QuestionAnswer,
    written: &QuestionAnswer,
    changed: &[String],
    label: &dyn Fn(&str) -> String,
) -> Option<String> {
    if !q.answer_differs_from(written) {
        return None;
    }
    Some(
        t(lang, "questions.contradicted")
            .replacen("{}", &crate::num::figure_list(lang, changed), 1)
            .replacen("{}", &answer_named(lang, q, label), 1)
            .replacen("{}", &answer_named(lang, written, label), 1),
    )
}

/// Where the page shows a metric: a column of a table in the Comparison tab, or a chart
/// of the Charts tab (its i18n keys: the place's template and the column's or chart's name).
fn where_shown(m: Metric) -> (&'static str, &'static str) {
    use Metric::*;
    let column = "questions.look.column";
    // A column of another table of the Comparison tab: `where_to_look` names the table.
    let other_table = "questions.look.table_column";
    let chart = "questions.look.chart";
    let desktop = "questions.look.desktop";
    match m {
        RelativePerformancePercent => (column, "table.relative"),
        Throughput => (column, "table.throughput"),
        MeanLatencyUs | P50LatencyUs | P99LatencyUs => (chart, "chart.latency"),
        StealPercent => (column, "table.steal"),
        GuestStealPercent => (other_table, "table.steal_seen"),
        ExitsPerSecond => (column, "table.exits"),
        GuestUserPercent => (column, "table.user"),
        GuestKernelPercent => (column, "table.kern"),
        HypervisorPercent => (column, "table.hyp"),
        DeviceEmulationPercent => (column, "table.emu"),
        HostOsPercent => (column, "table.host"),
        IdlePercent => (column, "table.idle"),
        StartupMs | StartupAllMs => (chart, "chart.startup"),
        FootprintMib => ("questions.look.footprint", ""),
        Density => (chart, "chart.density"),
        SweepDensity => (chart, "chart.sweep_p99"),
        InstancesStopped => (other_table, "table.stopped"),
        OpsLost => (other_table, "table.ops_lost"),
        DesktopP50LatencyMs => (desktop, "desktop.p50"),
        DesktopP99LatencyMs => (desktop, "desktop.p99"),
        DesktopBandwidthKbitS => (desktop, "desktop.kbit"),
        DesktopFramesDeliveredPercent => (desktop, "desktop.frames"),
        DesktopSessionsDropped => (desktop, "desktop.dropped"),
        NetworkGbitS => (column, "table.network"),
        MigrationDowntimeMs => (other_table, "table.downtime"),
        MigrationTotalMs => (other_table, "table.total"),
    }
}

/// The caption (i18n key) of the Comparison tab's table, other than the measured one,
/// that holds column `head`.
fn table_of(head: &str) -> &'static str {
    match head {
        "table.steal_seen" => "table.guest_steal",
        "table.stopped" | "table.ops_lost" => "table.faults",
        _ => "table.migration",
    }
}

/// Enter in an answer box presses the button that checks it (`button_id`), as in a form.
/// `to_button`: the press locks the box (an assignment's final answer), so the focus moves
/// to the button first, which stays beside the verdict (it fell to the page's top with
/// the disabled box; a keyboard user's review).
pub fn enter_clicks(button_id: String, to_button: bool) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        if e.key() != "Enter" {
            return;
        }
        e.prevent_default();
        use wasm_bindgen::JsCast;
        if let Some(button) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&button_id))
            .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
        {
            // An unavailable button (aria-disabled, kept focusable) is not pressed, and the
            // focus stays in the box, as with a disabled one.
            if button.get_attribute("aria-disabled").as_deref() == Some("true") {
                return;
            }
            if to_button {
                let _ = button.focus();
            }
            button.click();
        }
    })
}

/// Moves the focus to the element `id` (an answer box asked again), if it is there.
fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Said after a wrong answer: where the page shows the question's metric (and, for a
/// latency, the operation to pick above the charts), with, for a column the measured table
/// may hide, the way to show it ([`look`]).
pub fn where_to_look(lang: Lang, q: &QuestionAnswer) -> String {
    let mut out = match where_shown(q.metric) {
        (place, "") => t(lang, place).to_string(),
        // The table by its caption, then the column (a reviewer looked for "Downtime" in
        // the measured table; it is in the migration table further down).
        ("questions.look.table_column", name) => t(lang, "questions.look.table_column")
            .replacen("{}", t(lang, table_of(name)), 1)
            .replacen("{}", t(lang, name), 1),
        (place, name) => t(lang, place).replace("{}", t(lang, name)),
    };
    if let (Some(op), true) = (q.op, q.metric.needs_op()) {
        out.push_str(&crate::sim::text::particles(
            &t(lang, "questions.look.op").replace("{}", labels::op(lang, op)),
        ));
    }
    out
}

/// The class by which the measured table hides the question's column until "Show every
/// column" (`table::hiding_class`), `None` when its column is always shown or it is not
/// in that table.
pub fn hidden_column(q: &QuestionAnswer) -> Option<&'static str> {
    match where_shown(q.metric) {
        ("questions.look.column", head) => crate::components::table::hiding_class(head),
        _ => None,
    }
}

/// [`where_to_look`] as shown after a wrong answer: for a column the measured table may
/// hide, the sentence that says to press "Show every column" first, in a span that
/// style.css shows only where the table does hide it (a phone, beside the wide editor; not
/// once every column is shown). It was said at every width, where at 1440 px the column
/// stood in full view (a reviewer).
pub fn look(lang: Lang, q: &QuestionAnswer) -> Html {
    html! {
        <>
            { where_to_look(lang, q) }
            if let Some(class) = hidden_column(q) {
                <span class={classes!("look-columns", class)}>{ t(lang, "questions.look.all_columns") }</span>
            }
        </>
    }
}

/// For the question's author, what `virtsim answers` warns about a numeric question: a
/// figure that does not tell the platforms apart, a figure with decimals that must be given
/// exactly, and a tolerance that also accepts another platform's figure.
/// `name_of` gives a platform's name as the page shows it.
pub fn authoring_notes(
    lang: Lang,
    q: &QuestionAnswer,
    name_of: &dyn Fn(&str) -> String,
) -> Vec<String> {
    let mut notes = Vec::new();
    if !q.has_answer() {
        notes.push(t(lang, "questions.no_answer").to_string());
    }
    if q.same_on_every_platform() {
        notes.push(t(lang, "questions.same_everywhere").to_string());
    }
    if q.kind == QuestionKind::Numeric
        && q.tolerance_percent == 0.0
        && q.value.is_some_and(|v| v.fract() != 0.0)
    {
        notes.push(t(lang, "questions.no_tolerance").to_string());
    }
    if let Some((_, without)) = q.answered_from_one() {
        // As `virtsim run` and `answers` warn: one option has a value, so a student has
        // nothing to compare.
        let list: Vec<String> = without.iter().map(|name| name_of(name)).collect();
        notes.push(t(lang, "questions.from_one").replace("{}", &list.join(", ")));
    }
    if let Some(tie) = q.shown_tie() {
        // As `virtsim answers` warns: 44.96 and 45.04 % both show as 45.0 here.
        let name = name_of(tie.runner_up);
        let (w, r) = (tie.winner, tie.runner_up_value);
        // The fewest decimals (from three) that tell the two apart.
        let decimals = (3..=9)
            .find(|&d| format!("{w:.d$}") != format!("{r:.d$}"))
            .unwrap_or(9);
        let figures = crate::num::figure_list(
            lang,
            &[
                format!("{} {}", name_of(&q.answer), crate::num::fixed(w, decimals)),
                format!("{name} {}", crate::num::fixed(r, decimals)),
            ],
        );
        notes.push(crate::sim::text::particles(
            &t(lang, "questions.shown_tie")
                .replacen("{}", &name, 1)
                .replacen("{}", &figures, 1)
                .replacen("{}", &name, 1),
        ));
    }
    let others = q.tolerance_accepts_others();
    if !others.is_empty() {
        // Their figures as the CLI's warning prints them (one rule for the line).
        let values: Vec<f64> = others.iter().map(|(_, v)| *v).collect();
        let list: Vec<String> = (others.iter())
            .zip(evidence_figures(
                lang,
                &QuestionAnswer {
                    kind: QuestionKind::Choice,
                    ..q.clone()
                },
                &values,
            ))
            .map(|((name, _), figure)| format!("{}: {figure}", name_of(name)))
            .collect();
        notes.push(
            t(lang, "questions.tolerance_others")
                .replacen("{}", &crate::num::num(q.tolerance_percent), 1)
                .replacen("{}", &crate::num::figure_list(lang, &list), 1),
        );
    }
    notes
}

/// A question's explanation, its glossary terms marked as a scenario's description's are
/// ([`Described`]), each definition's id after its question's element id `question`
/// (`term-def-q-busiest-ple`); `as_written` when these settings give another answer than
/// the one it explains. The Questions tab's and an assignment's answers use it.
pub fn explanation(lang: Lang, question: &str, text: &str, as_written: bool) -> Html {
    html! {
        <Described {lang} text={AttrValue::from(text.to_string())} class={classes!("why-text")}
            para_class={classes!("why", as_written.then_some("as-written"))}
            id_prefix={AttrValue::from(format!("term-def-{question}-"))} />
    }
}

/// The computed answer, the explanation and the figures behind it: shown when the answer
/// is revealed, and after a right answer.
fn explained(
    lang: Lang,
    r: &crate::sim::RunResult,
    q: &QuestionAnswer,
    settings_changed: &[String],
    written: Option<&[QuestionAnswer]>,
    quoting: &[String],
) -> Html {
    // The explanation contradicted: these settings give another answer than the scenario
    // as written, which it explains.
    let contradicted = written
        .filter(|_| !settings_changed.is_empty() && q.explanation.is_some())
        .and_then(|w| w.iter().find(|w| w.id == q.id))
        .and_then(|w| {
            contradiction(lang, q, w, settings_changed, &|name| {
                labels::platform_named(lang, r, name)
            })
        });
    // The figures behind the answer, one line of them as the CLI prints it.
    let evidence = q.shown_evidence();
    let figures = evidence_figures(
        lang,
        q,
        &evidence.iter().map(|(_, v)| *v).collect::<Vec<_>>(),
    );
    html! {
        <div class="reveal">
            <p><strong>{ t(lang, "questions.computed") }{ ": " }</strong><span class="answer">{
                computed_answer(lang, q).unwrap_or_else(|| labels::platform_named(lang, r, &q.answer)) }</span></p>
            if let Some(flag) = &contradicted {
                <p class="contradicted" role="note">{ flag.clone() }</p>
            }
            if let Some(ex) = &q.explanation {
                // Its glossary terms marked as the scenario's description's are (a term
                // opens its definition under the paragraph).
                { explanation(lang, &question_dom_id("q-", &q.id), lang.pick(&ex.ko, &ex.en), contradicted.is_some()) }
                if contradicted.is_none() {
                    { settings_note(lang, settings_changed, quoting.contains(&q.id)) }
                }
            }
            // For the author, with the scenario's own settings only (a tie the student's
            // sliders made is not the question's fault). Each platform quoted: a label
            // may hold commas ("Same city, 50 ms").
            if settings_changed.is_empty() && !q.tied_options().is_empty() {
                // No difference at all, every tied option named.
                <p class="hint near-tie">{ t(lang, "questions.tie").replace("{}", &q.tied_options().iter().map(|p| format!("“{}”", labels::platform_named(lang, r, p))).collect::<Vec<_>>().join(", ")) }</p>
            } else if let Some((_, runner_up, _)) = q.near_tie().filter(|_| settings_changed.is_empty()) {
                // The answer rests on a difference no one can see.
                <p class="hint near-tie">{ t(lang, "questions.near_tie").replace("{}", &format!("“{}”", labels::platform_named(lang, r, runner_up))) }</p>
            }
            if settings_changed.is_empty() {
                // For the author, as `virtsim answers` warns (with a slider moved, the
                // question is no longer the one the author wrote).
                { for authoring_notes(lang, q, &|name| labels::platform_named(lang, r, name)).into_iter().map(|note| html! { <p class="hint authoring">{ note }</p> }) }
            }
            if !evidence.is_empty() {
                <p><strong>{ t(lang, "questions.why") }{ ": " }</strong></p>
                <ul class="evidence">
                    // The platforms the question asks about, as `virtsim answers` prints
                    // them (a numeric question's one platform, not every platform's figure
                    // of its metric); the answer's own line in bold: a choice's platform, a
                    // numeric question's figure.
                    { for evidence.iter().zip(figures).map(|((p, v), figure)| html! {
                        <li class={classes!((*p == q.answer || q.value == Some(*v)).then_some("best"))}>{ format!("{}: {figure}", labels::platform_named(lang, r, p)) }</li>
                    }) }
                </ul>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct QuestionsProps {
    pub lang: Lang,
    pub result: ResultRef,
    /// The settings the result ran with that differ from the scenario's own, named.
    #[prop_or_default]
    pub settings_changed: Vec<String>,
    /// The scenario's questions these settings leave out (their operation is not made).
    #[prop_or_default]
    pub left_out: usize,
    /// The questions' answers on the scenario as written, when the result ran with other
    /// settings and they are known (`State::written_answers`): an explanation whose answer
    /// these settings change is flagged.
    #[prop_or_default]
    pub written: Option<Rc<Vec<QuestionAnswer>>>,
    /// The questions (ids) whose explanation as written quotes a figure of its own, in the
    /// page's language (`Baseline::explanation_quotes_a_figure`).
    #[prop_or_default]
    pub quoting: Vec<String>,
}

#[function_component(Questions)]
pub fn questions(props: &QuestionsProps) -> Html {
    let lang = props.lang;
    // Each by the question's id, not its place in the list: a setting that leaves a
    // question out moves the ones after it up, and an answer keyed by its place went with
    // it onto the next question.
    let answers = use_state(HashMap::<String, String>::new);
    // None: checked with nothing given.
    let checked = use_state(HashMap::<String, Option<bool>>::new);
    let revealed = use_state(HashMap::<String, bool>::new);
    // How often each question was checked: the key of its verdict, which is re-created
    // (and so said again by a screen reader) when the same answer is checked again.
    let tries = use_state(HashMap::<String, u32>::new);
    // A numeric answer asked again (not a number): the focus goes back to its box once the
    // page has drawn the note, so that it can be corrected at once, as an assignment's
    // answer box does (Check kept it; a keyboard user's review). Set by the press, taken by
    // the render after it.
    let refocus = super::focus_after_render::use_focus_after_render(focus_by_id);
    let r = &props.result;
    let qs = &props.result.questions;
    // Questions a setting left out are said to be missing, not silently dropped.
    let left_out = (props.left_out > 0).then(|| html! {
        <p id="questions-left-out" class="hint">{ t(lang, if props.left_out == 1 { "questions.left_out_one" } else { "questions.left_out" }).replace("{}", &props.left_out.to_string()) }</p>
    });
    if qs.is_empty() {
        return html! {
            <>
                { for left_out }
                if props.left_out == 0 { <p class="empty">{ t(lang, "questions.none") }</p> }
            </>
        };
    }
    html! {
        <>
        { for left_out }
        <ol class="questions">
            { for qs.iter().enumerate().map(|(i, q)| {
                let id = question_dom_id("q-", &q.id);
                let key = q.id.clone();
                let given = answers.get(&key).cloned().unwrap_or_default();
                let set_answer = {
                    let answers = answers.clone();
                    let checked = checked.clone();
                    let key = key.clone();
                    Callback::from(move |v: String| {
                        let mut a = (*answers).clone();
                        a.insert(key.clone(), v);
                        answers.set(a);
                        let mut c = (*checked).clone();
                        c.remove(&key);
                        checked.set(c);
                    })
                };
                let is_revealed = revealed.get(&key).copied().unwrap_or(false);
                // A checked answer is judged against the run shown: a slider's re-run may
                // change the answer, and the verdict of the run before said "Correct!" of an
                // answer now wrong (a blind student's review). `None`: asked again.
                let verdict: Option<Option<bool>> =
                    checked.get(&key).map(|was| was.map(|_| q.check(&given)));
                // What is accepted, and the unit, under the box: its description.
                let hint = (q.kind == QuestionKind::Numeric && !is_revealed).then(|| format!("{id}-hint"));
                let not_a_number = verdict == Some(None)
                    && q.kind == QuestionKind::Numeric
                    && !given.trim().is_empty();
                let input = if q.kind == QuestionKind::Numeric || q.options.is_empty() {
                    let cb = set_answer.clone();
                    // Asked again (not a number): marked invalid, described by the note too.
                    let described = match (&hint, not_a_number) {
                        (Some(h), true) => Some(format!("{h} {id}-note")),
                        (None, true) => Some(format!("{id}-note")),
                        (h, false) => h.clone(),
                    };
                    html! { <input id={id.clone()} type="text" inputmode="decimal" value={given.clone()} aria-describedby={described}
                        aria-invalid={not_a_number.then_some("true")}
                        onkeydown={enter_clicks(format!("{id}-check"), false)}
                        oninput={move |e: InputEvent| cb.emit(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())} /> }
                } else {
                    html! {
                        <div class="choices" role="radiogroup" aria-labelledby={format!("{id}-prompt")}>
                            { for q.options.iter().map(|c| {
                                let cb = set_answer.clone();
                                let c2 = c.clone();
                                html! {
                                    <label><input type="radio" name={id.clone()} value={c.clone()} checked={given == *c}
                                        onchange={move |_| cb.emit(c2.clone())} />{ labels::platform_named(lang, r, c) }</label>
                                }
                            }) }
                        </div>
                    }
                };
                let on_check = {
                    let (checked, tries, refocus) = (checked.clone(), tries.clone(), refocus.clone());
                    let (q, given, key, box_id) = (q.clone(), given.clone(), key.clone(), id.clone());
                    Callback::from(move |_| {
                        let mut n = (*tries).clone();
                        *n.entry(key.clone()).or_default() += 1;
                        tries.set(n);
                        let mut c = (*checked).clone();
                        // A numeric answer that is not a number, or one in another unit
                        // ("14 ms" for a question in µs), is asked again, not judged.
                        let readable = !given.trim().is_empty()
                            && (q.kind == QuestionKind::Choice
                                || (q.read_number(&given).is_some()
                                    && !crate::sim::question::fraction_for_percent(&given, q.metric.unit())));
                        let answer = readable.then(|| q.check(&given));
                        if answer.is_none() && (q.kind == QuestionKind::Numeric || q.options.is_empty()) {
                            *refocus.borrow_mut() = Some(box_id.clone());
                        }
                        c.insert(key.clone(), answer);
                        checked.set(c);
                    })
                };
                // The verdict of a check stays: "Not quite" and then the answer is what the
                // student did (a reviewer saw "Correct!" vanish when the answer opened).
                let on_reveal = {
                    let (revealed, key) = (revealed.clone(), key.clone());
                    Callback::from(move |_| {
                        // A second press hides it again (its label says so).
                        let mut r = (*revealed).clone();
                        let shown = r.get(&key).copied().unwrap_or(false);
                        r.insert(key.clone(), !shown);
                        revealed.set(r);
                    })
                };
                let try_key = tries.get(&key).copied().unwrap_or(0).to_string();
                html! {
                    // Keyed by the question: one left out takes its elements away, not the
                    // last question's (the box with the focus stays its question's).
                    <li key={key.clone()} class="question" data-question={key.clone()}>
                        // A text box is labelled by the prompt; a choice's radio group names
                        // the prompt with aria-labelledby (no one control to label).
                        if q.kind == QuestionKind::Numeric || q.options.is_empty() {
                            <p id={format!("{id}-prompt")}><label for={id.clone()}>{ super::with_code(lang.pick(&q.text.ko, &q.text.en)) }</label></p>
                        } else {
                            <p id={format!("{id}-prompt")}>{ super::with_code(lang.pick(&q.text.ko, &q.text.en)) }</p>
                        }
                        { input }
                        <div class="row">
                            // Which question it checks, said with its name ("Check" alone, out of context).
                            <button id={format!("{id}-check")} onclick={on_check} aria-describedby={format!("{id}-prompt")}>{ t(lang, "questions.check") }</button>
                            // Named with the question's number (each question's "Reveal answer"
                            // read the same in a list of buttons), described by its prompt.
                            <button class="link" onclick={on_reveal} aria-expanded={is_revealed.to_string()}
                                aria-label={t(lang, if is_revealed { "questions.hide_n" } else { "questions.reveal_n" }).replace("{}", &(i + 1).to_string())}
                                aria-describedby={format!("{id}-prompt")}
                                aria-controls={format!("{id}-answer")}>{ t(lang, if is_revealed { "questions.hide" } else { "questions.reveal" }) }</button>
                        </div>
                        if let Some(hint) = hint {
                            <p class="hint" id={hint}>{ tolerance_note(lang, q) }
                                if !q.metric.unit().is_empty() { { format!(" · {} {}", t(lang, "questions.unit"), unit_in(lang, q.metric.unit())) } }</p>
                        }
                        // Why an answer is asked again (not a number): said with its box, which
                        // the focus goes back to, not in the live region below as well (said
                        // twice: a blind student's review). Given again, a new element.
                        if not_a_number {
                            <p key={try_key.clone()} id={format!("{id}-note")} class="wrong not-number">
                                { super::with_code(&asked_again(lang, q.metric.unit(), &given)) }
                            </p>
                        }
                        // The verdict's live region is always there, its text changed: one
                        // inserted with its text may go unsaid.
                        <div id={format!("{id}-status")} class="verdict-status" role="status">
                            { match verdict {
                                Some(Some(ok)) => html! {
                                    <p key={try_key.clone()} class={if ok { "ok" } else { "wrong" }}>
                                        // Once the answer is shown, a wrong one is only wrong: "try
                                        // again" above the answer read oddly (a student's review).
                                        { match (ok, is_revealed) {
                                            (true, _) => t(lang, "questions.correct"),
                                            (false, false) => t(lang, "questions.wrong"),
                                            (false, true) => t(lang, "questions.wrong_revealed"),
                                        } }
                                        if let Some(read) = read_as(lang, q.metric.unit(), &given) { { " " }{ read } }
                                        // Where to look, until the answer itself is shown.
                                        if !ok && !is_revealed { { " " }<span class="look">{ look(lang, q) }</span> }
                                    </p>
                                },
                                Some(None) if not_a_number => html! {},
                                Some(None) => html! { <p key={try_key.clone()} class="wrong">{ t(lang, "questions.choose") }</p> },
                                None => html! {},
                            } }
                        </div>
                        // Right: why, as the reveal says it (unless shown there already).
                        if verdict == Some(Some(true)) && !is_revealed {
                            { explained(lang, r, q, &props.settings_changed, props.written.as_deref().map(Vec::as_slice), &props.quoting) }
                        }
                        <div id={format!("{id}-answer")} class="revealed">
                            if is_revealed {
                                { explained(lang, r, q, &props.settings_changed, props.written.as_deref().map(Vec::as_slice), &props.quoting) }
                            }
                        </div>
                    </li>
                }
            }) }
        </ol>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `html` holds a `C` component anywhere, and the texts it holds as plain text
    /// nodes (the Debug of a component names its type by its `TypeId`; its props are not
    /// readable).
    fn walk<C: 'static>(html: &Html, found: &mut bool, texts: &mut Vec<String>) {
        use yew::virtual_dom::VNode;
        match html {
            VNode::VComp(c) => {
                *found |= format!("{c:?}").contains(&format!("{:?}", std::any::TypeId::of::<C>()))
            }
            VNode::VTag(tag) => {
                if let Some(children) = tag.children() {
                    walk::<C>(children, found, texts);
                }
            }
            VNode::VList(list) => list.iter().for_each(|n| walk::<C>(n, found, texts)),
            VNode::VText(t) => texts.push(t.text.to_string()),
            _ => {}
        }
    }

    /// A revealed explanation marks its glossary terms as a scenario's description does
    /// (the same component, `Described`), in both languages: it was plain text, its
    /// jargon unexplained.
    #[test]
    fn an_explanation_marks_its_glossary_terms_as_a_description_does() {
        let text = crate::builtin::text_by_name("type1-vs-type2.toml").expect("in the library");
        let r = crate::sim::Scenario::from_toml("type1-vs-type2.toml", &text)
            .expect("valid")
            .run()
            .expect("runs");
        // A question whose explanation has a glossary term in both languages.
        let has_term = |s: &str| {
            crate::glossary::split(s)
                .iter()
                .any(|p| matches!(p, crate::glossary::Piece::Term { .. }))
        };
        let q = r
            .questions
            .iter()
            .find(|q| {
                q.explanation
                    .as_ref()
                    .is_some_and(|ex| has_term(&ex.en) && has_term(&ex.ko))
            })
            .expect("an explanation with a glossary term");
        let ex = q.explanation.as_ref().unwrap();
        for (lang, said) in [(Lang::En, &ex.en), (Lang::Ko, &ex.ko)] {
            let (mut found, mut texts) = (false, Vec::new());
            walk::<Described>(
                &explained(lang, &r, q, &[], None, &[]),
                &mut found,
                &mut texts,
            );
            assert!(found, "{lang:?}: the explanation is not marked");
            // Not written out as plain text as well.
            let head: String = said.chars().take(20).collect();
            assert!(
                !texts.iter().any(|t| t.contains(&head)),
                "{lang:?}: {texts:?}"
            );
        }
        // The Questions tab's and an assignment's explanations each open their own
        // definitions (not the description's `term-def-ple`).
        let (mut found, mut texts) = (false, Vec::new());
        walk::<Described>(
            &explanation(Lang::En, "cq-x", &ex.en, false),
            &mut found,
            &mut texts,
        );
        assert!(found && texts.is_empty());
    }

    /// A choice whose metric has a value on one option only says so to the author, naming
    /// the options without one; with values on two options it says nothing of it.
    #[test]
    fn a_choice_answered_from_one_option_is_noted_for_the_author() {
        let mut q = QuestionAnswer::numeric("q", Metric::MeanLatencyUs, 5.0, 0.0);
        q.kind = QuestionKind::Choice;
        q.value = None;
        q.answer = "vm".into();
        q.options = vec!["vm".into(), "ctr".into(), "bare".into()];
        q.evidence = vec![("vm".into(), 5.0)];
        let name_of = |n: &str| n.to_uppercase();
        let notes = authoring_notes(Lang::En, &q, &name_of);
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with("For the author: only one option")
                    && n.contains("(CTR, BARE have none")),
            "{notes:?}"
        );
        q.evidence.push(("ctr".into(), 7.0));
        let notes = authoring_notes(Lang::En, &q, &name_of);
        assert!(
            !notes.iter().any(|n| n.contains("only one option")),
            "{notes:?}"
        );
    }

    fn numeric(metric: Metric, value: f64, tolerance_percent: f64) -> QuestionAnswer {
        QuestionAnswer::numeric("q", metric, value, tolerance_percent)
    }

    /// Every metric's "where to look" names a place; one in a table other than the
    /// measured one names that table by its caption, then the column.
    #[test]
    fn where_to_look_names_the_table_a_column_is_in() {
        let downtime = numeric(Metric::MigrationDowntimeMs, 120.0, 10.0);
        assert_eq!(
            where_to_look(Lang::En, &downtime),
            "Look in the Comparison tab, further down: the table “Migration (VMs: pre-copy; containers: checkpoint/restore)”, column “Downtime”."
        );
        let stopped = numeric(Metric::InstancesStopped, 2.0, 0.0);
        assert!(where_to_look(Lang::Ko, &stopped).contains(t(Lang::Ko, "table.faults")));
        let seen = numeric(Metric::GuestStealPercent, 2.0, 10.0);
        assert!(where_to_look(Lang::En, &seen).contains(t(Lang::En, "table.guest_steal")));
        for m in Metric::ALL {
            let text = where_to_look(Lang::En, &numeric(m, 1.0, 10.0));
            assert!(
                !text.contains("{}") && text.starts_with("Look in the"),
                "{m:?}: {text}"
            );
        }
    }

    #[test]
    fn the_note_on_an_answer_that_is_no_number_says_what_to_type() {
        assert_eq!(
            number_hint(Lang::Ko, "%"),
            "숫자로 입력하세요(예: 1,234.5). 뒤에 `%`(또는 `퍼센트`) 단위를 붙여도 됩니다."
        );
        assert_eq!(
            number_hint(Lang::En, "%"),
            "Type a number, such as 1,234.5; you may add the unit `%` (or `percent`) after it."
        );
        // Every spelling sim-core reads is named: `us` for µs, the Korean rate unit.
        assert!(number_hint(Lang::Ko, "µs")
            .contains("`µs`(또는 `us`, `ns`, `ms`, `s` 같은 다른 시간) 단위를"));
        // And another time unit, which it converts.
        assert!(number_hint(Lang::Ko, "ms")
            .contains("`ms`(또는 `s`, `µs`, `ns` 같은 다른 시간) 단위를"));
        assert!(
            number_hint(Lang::En, "ms").contains("`ms` (or another time unit: `s`, `µs`, `ns`)")
        );
        assert!(number_hint(Lang::Ko, "/s").contains("`회/초` 또는 `/s`"));
        assert!(!number_hint(Lang::En, "/s").contains(" or "));
        // No unit, a count: nothing may follow the number but, in Korean, the counter 개.
        assert!(number_hint(Lang::Ko, "").starts_with("개수를 숫자로 입력하세요(예: 3 또는 3개)"));
        assert!(number_hint(Lang::En, "").ends_with("with nothing after it."));
        // No particle glued to a unit: the unit is followed by the word 단위 in Korean.
        for unit in ["MiB", "ops/s", "kbit/s"] {
            assert!(number_hint(Lang::Ko, unit).contains(&format!("`{unit}` 단위를")));
        }
    }

    #[test]
    fn a_computed_answer_has_its_unit_and_what_is_accepted() {
        // The range accepted, rounded inward, and the relative tolerance: for a percentage
        // "±10%" alone would read as points. 27.0817 × 0.9 = 24.374 up to 24.38,
        // × 1.1 = 29.790 down to 29.78.
        let share = numeric(Metric::HostOsPercent, 27.0817, 10.0);
        assert_eq!(
            computed_answer(Lang::En, &share).as_deref(),
            Some("27.08% (accepted: 24.38% to 29.78%, ±10% of it)")
        );
        assert_eq!(
            computed_answer(Lang::Ko, &share).as_deref(),
            Some("27.08% (정답 범위 24.38%~29.78%, 이 값의 ±10%)")
        );
        assert!(share.check("24.38") && share.check("29.78"));
        let latency = numeric(Metric::MeanLatencyUs, 3.9213, 5.0);
        assert_eq!(
            computed_answer(Lang::En, &latency).as_deref(),
            // 3.9213 × 0.95 = 3.7252 up to 3.73, × 1.05 = 4.1174 down to 4.11.
            Some("3.92 µs (accepted: 3.73 µs to 4.11 µs, ±5% of it)")
        );
        // No tolerance: the printed figure, which is what must be given.
        let exact = numeric(Metric::HostOsPercent, 27.1134, 0.0);
        assert_eq!(computed_answer(Lang::En, &exact).as_deref(), Some("27.11%"));
        // An answer of 0: 0 alone is right, whatever the tolerance (no "0% to 0%").
        let zero = numeric(Metric::StealPercent, 0.0, 10.0);
        assert_eq!(computed_answer(Lang::En, &zero).as_deref(), Some("0%"));
        // A whole number as the CLI prints it: without decimals.
        let count = numeric(Metric::Density, 8.0, 0.0);
        assert_eq!(computed_answer(Lang::En, &count).as_deref(), Some("8"));
        // The CLI's decimals, whatever they are.
        let mut two = count.clone();
        two.answer = "8.00".into();
        assert_eq!(computed_answer(Lang::En, &two).as_deref(), Some("8.00"));
        let mut choice = count.clone();
        choice.kind = QuestionKind::Choice;
        assert_eq!(computed_answer(Lang::En, &choice), None);
    }

    #[test]
    fn a_rate_reads_per_second_in_korean_and_whole_when_large() {
        let mut exits = numeric(Metric::ExitsPerSecond, 157_123.81, 4.0);
        exits.answer = "157123.81".into();
        assert_eq!(
            computed_answer(Lang::Ko, &exits).as_deref(),
            // 157 123.81 × 0.96 = 150 838.86 up to 150 839, × 1.04 = 163 408.76 down.
            Some("157,124회/초 (정답 범위 150,839회/초~163,408회/초, 이 값의 ±4%)")
        );
        assert_eq!(
            computed_answer(Lang::En, &exits).as_deref(),
            Some("157,124/s (accepted: 150,839/s to 163,408/s, ±4% of it)")
        );
        // Exact: the printed figure, decimals and all, is what must be given.
        exits.tolerance_percent = 0.0;
        assert_eq!(
            computed_answer(Lang::Ko, &exits).as_deref(),
            Some("157,123.81회/초")
        );
        // A small rate keeps its decimals.
        let mut few = numeric(Metric::ExitsPerSecond, 12.5, 4.0);
        few.answer = "12.50".into();
        assert_eq!(
            computed_answer(Lang::Ko, &few).as_deref(),
            Some("12.50회/초 (정답 범위 12.00회/초~13.00회/초, 이 값의 ±4%)")
        );
        assert_eq!(unit_in(Lang::En, "/s"), "/s");
    }

    /// The figures behind an answer are the CLI's, digit for digit (`virtsim answers` and
    /// `run` print a numeric question's evidence at its answer's decimals and a choice's
    /// line by one rule, `cli/src/output/questions.rs`), each with its unit in the page's
    /// words: type1-vs-type2's host share read "26.95%" as the answer and "26.9%" in the
    /// list under it; a choice's "78.0%" beside the CLI's "78.00%".
    #[test]
    fn a_questions_evidence_prints_the_clis_figures() {
        let q = numeric(Metric::HostOsPercent, 26.95, 10.0);
        assert_eq!(q.answer, "26.95");
        assert_eq!(evidence_value(Lang::En, &q, 26.95), "26.95%");
        // Below 1: the digits that tell what is right, as the CLI's "-> 0.0967 µs", not
        // the answer's rounding to two decimals.
        let small = numeric(Metric::MeanLatencyUs, 0.0967, 5.0);
        assert_eq!(evidence_value(Lang::En, &small, 0.0967), "0.0967 µs");
        // A large rate at its decimals, grouped, per second in Korean.
        let exits = numeric(Metric::ExitsPerSecond, 157_123.81, 4.0);
        assert_eq!(
            evidence_value(Lang::Ko, &exits, 157_123.81),
            "157,123.81회/초"
        );
        assert_eq!(evidence_value(Lang::En, &exits, 157_123.81), "157,123.81/s");
        // A whole figure whole.
        let count = numeric(Metric::Density, 8.0, 0.0);
        assert_eq!(evidence_value(Lang::En, &count, 8.0), "8");
        // A choice's line: the decimals its figures need, the same for each ("78.00%"
        // beside "57.65%"), figures of 100 or more whole when every one is whole.
        let choice = |m: Metric| {
            let mut c = numeric(m, 1.0, 0.0);
            c.kind = QuestionKind::Choice;
            c.value = None;
            c
        };
        let shares = choice(Metric::HostOsPercent);
        assert_eq!(
            evidence_figures(Lang::En, &shares, &[78.0, 57.65]),
            ["78.00%", "57.65%"]
        );
        assert_eq!(
            evidence_figures(Lang::En, &shares, &[74.2, 57.28]),
            ["74.20%", "57.28%"]
        );
        let rates = choice(Metric::ExitsPerSecond);
        assert_eq!(
            evidence_figures(Lang::Ko, &rates, &[150_733.0, 74_150.0]),
            ["150,733회/초", "74,150회/초"]
        );
        let ops = choice(Metric::Throughput);
        assert_eq!(
            evidence_figures(Lang::En, &ops, &[74_150.0, 0.25]),
            ["74,150 ops/s", "0.250 ops/s"]
        );
        // The same strings as the CLI's rule (`sim_core::question::printed_figures`), unit aside.
        let values = [12_711.114, 9.5, 0.000333];
        let cli = crate::sim::question::printed_figures(&values);
        let page = evidence_figures(Lang::En, &choice(Metric::MeanLatencyUs), &values);
        for (c, p) in cli.iter().zip(&page) {
            assert_eq!(p, &format!("{c} µs"));
        }
    }

    #[test]
    fn an_author_is_told_what_virtsim_answers_warns_about() {
        let name = |n: &str| n.to_uppercase();
        let mut q = numeric(Metric::Throughput, 100_000.0, 5.0);
        q.evidence = vec![("a".into(), 100_000.0), ("b".into(), 103_000.0)];
        for lang in [Lang::En, Lang::Ko] {
            // b's figure differs visibly (3%) but lies within the tolerance (5%).
            let notes = authoring_notes(lang, &q, &name);
            assert_eq!(notes.len(), 1, "{notes:?}");
            assert!(notes[0].contains("B: 103,000 ops/s"), "{notes:?}");
            // Relative, said so (a percentage's "±5%" would read as points).
            let tolerance = lang.pick("(정답 값의 ±5%)에", "(±5% of the answer)");
            assert!(notes[0].contains(tolerance), "{notes:?}");
        }
        // Narrowed: nothing to say.
        q.tolerance_percent = 2.0;
        assert!(authoring_notes(Lang::En, &q, &name).is_empty());
        // The same figure everywhere (within 1%), and decimals without a tolerance.
        let mut same = numeric(Metric::HostOsPercent, 27.08, 0.0);
        same.evidence = vec![("a".into(), 27.08), ("b".into(), 27.1)];
        let notes = authoring_notes(Lang::En, &same, &name);
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert_eq!(notes[0], t(Lang::En, "questions.same_everywhere"));
        assert!(notes[0].contains("(within 1% of the answer, relative)"));
        assert_eq!(notes[1], t(Lang::En, "questions.no_tolerance"));
        // A choice question: nothing of these.
        let mut choice = same.clone();
        choice.kind = QuestionKind::Choice;
        assert!(authoring_notes(Lang::En, &choice, &name).is_empty());
        // No platform has a value (a sweep target no count meets): no answer can be right.
        choice.evidence.clear();
        choice.answer = "-".into();
        let notes = authoring_notes(Lang::En, &choice, &name);
        assert_eq!(notes, vec![t(Lang::En, "questions.no_answer").to_string()]);
    }

    /// 1.2312 and 1.2349 µs, 0.3% apart, print alike in the CLI (both 1.23: figures of 1
    /// or more get two decimals, `sim::question::printed_figures`), so the note shows them
    /// with the fewest decimals that tell them apart; 0.3473 and 0.354, below 1, print
    /// with three significant digits and so apart.
    #[test]
    fn an_author_is_told_of_a_choice_whose_figures_read_the_same() {
        let name = |n: &str| n.to_uppercase();
        let mut q = numeric(Metric::MeanLatencyUs, 0.0, 0.0);
        q.kind = QuestionKind::Choice;
        q.value = None;
        q.answer = "kvm".into();
        q.evidence = vec![("kvm".into(), 1.2312), ("docker".into(), 1.2349)];
        // Two figures, joined as the CLI joins figures: " · " in Korean.
        for (lang, figures) in [
            (Lang::En, "KVM 1.231, DOCKER 1.235"),
            (Lang::Ko, "KVM 1.231 · DOCKER 1.235"),
        ] {
            let notes = authoring_notes(lang, &q, &name);
            assert_eq!(notes.len(), 1, "{notes:?}");
            assert!(notes[0].contains(figures), "{notes:?}");
        }
        // Below 1, three significant digits tell them apart: nothing.
        q.evidence = vec![("kvm".into(), 0.3473), ("docker".into(), 0.354)];
        assert!(authoring_notes(Lang::En, &q, &name).is_empty());
        // Far apart: nothing.
        q.evidence[1].1 = 0.5;
        assert!(authoring_notes(Lang::En, &q, &name).is_empty());
    }

    /// A column the measured table may hide comes with the way to show it, marked with the
    /// class that hides the column (style.css shows the sentence only where it is hidden);
    /// a column always shown, or a chart, without it.
    #[test]
    fn a_column_that_the_table_may_hide_is_named_with_the_way_to_show_it() {
        let share = numeric(Metric::HypervisorPercent, 8.2, 5.0);
        let steal = numeric(Metric::StealPercent, 3.0, 5.0);
        let shown = numeric(Metric::Throughput, 120_000.0, 5.0);
        let chart = numeric(Metric::MeanLatencyUs, 1.0, 5.0);
        assert_eq!(hidden_column(&share), Some("opt"));
        assert_eq!(hidden_column(&steal), Some("opt-phone"));
        assert_eq!(hidden_column(&shown), None);
        assert_eq!(hidden_column(&chart), None);
        for lang in [Lang::En, Lang::Ko] {
            // The sentence names the button as the table labels it, and never says it is
            // only for a narrow screen: it is shown only where the column is hidden.
            let sentence = t(lang, "questions.look.all_columns");
            assert!(sentence.contains(t(lang, "table.all_columns")), "{lang:?}");
            assert!(
                !sentence.contains("narrow") && !sentence.contains("좁은"),
                "{sentence}"
            );
            // The place alone does not carry it: it is a span of its own.
            assert!(!where_to_look(lang, &share).contains(t(lang, "table.all_columns")));
        }
    }

    /// Before the answer: a percentage's tolerance is said to be relative, with a made-up
    /// example, never the question's own answer.
    #[test]
    fn a_percentage_tolerance_is_said_to_be_relative_without_the_answer() {
        let share = numeric(Metric::HostOsPercent, 27.08, 0.8);
        assert_eq!(
            tolerance_note(Lang::En, &share),
            "Accepted within ±0.8% of the correct value, relative, not percentage points: \
             if the answer were 50%, anything from 49.6% to 50.4% would be right"
        );
        assert_eq!(
            tolerance_note(Lang::Ko, &share),
            "허용 오차: 정답 값의 ±0.8% (퍼센트포인트가 아니라 정답 값에 대한 상대 오차입니다. \
             예를 들어 정답이 50%라면 49.6%부터 50.4%까지 정답으로 인정됩니다)"
        );
        // The example is what the check accepts around 50.
        let fifty = numeric(Metric::HostOsPercent, 50.0, 0.8);
        assert!(fifty.check("49.6") && fifty.check("50.4"));
        assert!(!fifty.check("49.59") && !fifty.check("50.41"));
        assert_eq!(
            tolerance_note(Lang::En, &numeric(Metric::HostOsPercent, 27.08, 10.0)),
            "Accepted within ±10% of the correct value, relative, not percentage points: \
             if the answer were 50%, anything from 45% to 55% would be right"
        );
        // Nothing of the answer itself, in either language.
        for lang in [Lang::En, Lang::Ko] {
            let note = tolerance_note(lang, &share);
            assert!(!note.contains("27.08") && !note.contains("27,08"), "{note}");
        }
    }

    #[test]
    fn without_tolerance_the_note_asks_for_the_exact_number() {
        let lang = Lang::En;
        let tolerant = numeric(Metric::MeanLatencyUs, 27.08, 10.0);
        assert_eq!(
            tolerance_note(lang, &tolerant),
            "Accepted within ±10% of the correct value (relative)"
        );
        let count = numeric(Metric::Density, 8.0, 0.0);
        assert_eq!(tolerance_note(lang, &count), t(lang, "questions.exact"));
        let printed = numeric(Metric::HostOsPercent, 27.1134, 0.0);
        assert_eq!(
            tolerance_note(lang, &printed),
            t(lang, "questions.exact_printed")
        );
    }

    #[test]
    fn a_bare_fraction_for_a_percentage_is_asked_with_both_readings() {
        assert_eq!(
            asked_again(Lang::En, "%", "0.575"),
            "Is 0.575 a fraction or a percentage? The answer is in percent: for 57.5% type 57.5; \
             for 0.575% itself, type it with the sign, 0.575%."
        );
        assert!(asked_again(Lang::Ko, "%", "0.575").starts_with("0.575는 비율인가요"));
        // The particle after each number as it is read (이십으로, 십삼점칠로).
        let ko = asked_again(Lang::Ko, "%", "0.2");
        assert!(
            ko.contains("20%라는 뜻이면 20으로,") && ko.contains("0.2%로 입력하세요"),
            "{ko}"
        );
        assert!(asked_again(Lang::Ko, "%", "0.137").contains("13.7로,"));
        // Anything else not read: what a number in the unit may be.
        assert_eq!(
            asked_again(Lang::En, "%", "abc"),
            number_hint(Lang::En, "%")
        );
        assert_eq!(
            asked_again(Lang::En, "µs", "0.5"),
            number_hint(Lang::En, "µs")
        );
        // A decimal comma before three digits is read by neither rule: said so.
        assert_eq!(
            asked_again(Lang::En, "%", "0,137"),
            "“0,137” is not read: a comma before three digits separates thousands, and such a number does not start with 0. For a decimal, write it with a point: 0.137."
        );
        assert!(asked_again(Lang::Ko, "%", "-0,577 %").contains("-0.577처럼"));
        // Four digits after the comma: a decimal comma, read (here, a bare fraction).
        assert!(asked_again(Lang::En, "%", "0,1370").starts_with("Is 0,1370 a fraction"));
    }

    /// A number in a unit the question does not read is told the question's unit, not
    /// only what a number may be (it read as if no number had been typed).
    #[test]
    fn a_number_in_another_unit_is_told_the_questions_unit() {
        assert_eq!(
            asked_again(Lang::En, "MiB", "512 ms"),
            "The answer is in `MiB`; “512 ms” is in another unit. Type a number, such as 1,234.5; you may add the unit `MiB` after it."
        );
        assert_eq!(
            asked_again(Lang::Ko, "MiB", "512ms"),
            format!(
                "답의 단위는 `MiB`입니다. “512ms”는 다른 단위입니다. {}",
                number_hint(Lang::Ko, "MiB")
            )
        );
        // A count has no unit; a rate's Korean unit is named as the page writes it.
        assert!(asked_again(Lang::En, "", "3 MiB")
            .starts_with("The answer is a count, without a unit; “3 MiB” has one. Type the count"));
        assert!(asked_again(Lang::Ko, "", "3 MiB").starts_with("답은 단위 없는 개수입니다."));
        assert!(asked_again(Lang::Ko, "/s", "12 %").starts_with("답의 단위는 `회/초`입니다."));
        // A time in another time unit is read, and what is no number gets the hint alone.
        assert_eq!(
            asked_again(Lang::En, "µs", "abc"),
            number_hint(Lang::En, "µs")
        );
        assert_eq!(
            asked_again(Lang::En, "%", "12 apples"),
            number_hint(Lang::En, "%")
        );
        // "percent" is the percent sign (sim-core reads it), and said so.
        assert!(number_hint(Lang::En, "%").contains("`percent`"));
    }

    #[test]
    fn an_answer_in_another_time_unit_says_what_was_read() {
        assert_eq!(
            read_as(Lang::En, "ms", "5초").as_deref(),
            Some("Read as 5,000 ms.")
        );
        assert_eq!(
            read_as(Lang::Ko, "µs", "4480 ns").as_deref(),
            Some("4.48 µs로 읽었습니다.")
        );
        assert_eq!(read_as(Lang::En, "ms", "5"), None);
        assert_eq!(read_as(Lang::En, "ms", "5 ms"), None);
        assert_eq!(read_as(Lang::En, "%", "5%"), None);
    }

    #[test]
    fn a_percentage_given_as_a_fraction_is_pointed_out() {
        let q = numeric(Metric::RelativePerformancePercent, 57.7, 5.0);
        assert!(given_as_fraction(&q, "0.577"));
        assert!(given_as_fraction(&q, "0,58"));
        // Right, plainly wrong, or not a number: nothing to point out.
        assert!(!given_as_fraction(&q, "57.7"));
        assert!(!given_as_fraction(&q, "0.2"));
        assert!(!given_as_fraction(&q, "about 0.577"));
        // Not a percentage: a value a hundred times too small is only wrong.
        let latency = numeric(Metric::MeanLatencyUs, 57.7, 5.0);
        assert!(!given_as_fraction(&latency, "0.577"));
    }
}
