//! The result area: a keyboard-navigable tab list over the result views (the state's
//! `Tab`); the scenario's own questions stay out of it while an assignment is open.

use yew::prelude::*;

use crate::components::{
    chart_panel::ChartPanel, paths::Paths, questions::Questions, table::Table, timeline::Timeline,
};
use crate::i18n::t;
use crate::state::{Action, State, Tab};

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub state: UseReducerHandle<State>,
}

#[function_component(Results)]
pub fn results(props: &ResultsProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    // The scenario's own questions (and their reveal buttons) stay out of coursework,
    // also while an assignment waits for a student id over an earlier result.
    let current = match state.tab {
        Tab::Questions if state.course.is_some() => Tab::Table,
        tab => tab,
    };
    // After "the costliest operation's path": the step-through, once the render that draws
    // the Stack & paths tab has run (a timeout could run before it, in a busy phase).
    let refocus = super::focus_after_render::use_focus_after_render(scroll_to_and_focus);

    let onkeydown = {
        let s = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            let i = Tab::ALL.iter().position(|t| *t == s.tab).unwrap_or(0);
            let n = Tab::ALL.len();
            let next = match e.key().as_str() {
                "ArrowRight" => (i + 1) % n,
                "ArrowLeft" => (i + n - 1) % n,
                "Home" => 0,
                "End" => n - 1,
                _ => return,
            };
            e.prevent_default();
            s.dispatch(Action::SetTab(Tab::ALL[next]));
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&format!("tab-{}", Tab::ALL[next].id())))
            {
                use wasm_bindgen::JsCast;
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        })
    };

    let panel = match &state.result {
        None => html! { <p class="empty">{ t(lang, "run.none") }</p> },
        Some(result) => match current {
            Tab::Table => {
                let (s, refocus) = (state.clone(), refocus.clone());
                let on_costliest = Callback::from(move |platform| {
                    // Once the Stack & paths tab is drawn, its step-through in view and
                    // focused (the tables come first in the tab).
                    *refocus.borrow_mut() = Some("stepthrough-current".to_string());
                    s.dispatch(Action::StepThroughCostliest(platform));
                });
                html! { <Table {lang} result={result.clone()} baseline={state.result_baseline.clone().unwrap_or_else(|| state.baseline.clone())} {on_costliest} costliest_missing={state.costliest_missing} /> }
            }
            Tab::Charts => {
                let s = state.clone();
                let on_op = Callback::from(move |op| s.dispatch(Action::SetChartOp(op)));
                let s = state.clone();
                let on_log = Callback::from(move |id| s.dispatch(Action::ToggleChartLog(id)));
                let (s, refocus) = (state.clone(), refocus.clone());
                let on_startup_steps = Callback::from(move |()| {
                    // Once the Comparison tab is drawn, its start-up steps opened, in view
                    // and focused (they are under the table).
                    *refocus.borrow_mut() = Some("startup-steps".to_string());
                    s.dispatch(Action::SetTab(Tab::Table));
                });
                html! { <ChartPanel {lang} result={result.clone()} question_ops={state.baseline.question_ops.clone()}
                settings={state.result_settings_changed()} chosen_op={state.chart_op} {on_op}
                logs={state.chart_logs.clone()} {on_log} {on_startup_steps} /> }
            }
            Tab::Timeline => {
                let s = state.clone();
                let on_record = Callback::from(move |_| s.dispatch(Action::Run));
                html! { <Timeline {lang} result={result.clone()} {on_record}
                record_why={state.run_unavailable()}
                record_ms={state.estimate().map(|e| e.millis)} settings={state.result_settings_changed()} /> }
            }
            Tab::Paths => {
                let s = state.clone();
                let on_step_through_select = Callback::from(move |(platform, op)| {
                    s.dispatch(Action::StepThroughSelect { platform, op })
                });
                let s = state.clone();
                let on_step_through_move =
                    Callback::from(move |to| s.dispatch(Action::StepThroughMove(to)));
                html! { <Paths {lang} result={result.clone()} question_ops={state.baseline.question_ops.clone()}
                step_through={state.step_through.clone()} {on_step_through_select} {on_step_through_move}
                input={state.result_input.clone()} /> }
            }
            Tab::Questions => {
                // Another scenario's questions start blank; the same scenario's keep their
                // answers when a setting leaves some out (kept by question id, each stays
                // with its question; they were dropped, kept by position).
                let left_out = state.result_baseline.as_ref().map_or(0, |b| {
                    b.question_count.saturating_sub(result.questions.len())
                });
                html! { <Questions key={result.scenario.clone()} {lang} result={result.clone()} settings_changed={state.result_settings_changed()} {left_out} written={state.written_answers()} quoting={state.baseline.explanations_quoting(lang)} /> }
            }
        },
    };
    // While a run goes on, the old results are marked only once it has been shown
    // (SHOW_RUNNING_AFTER_MS): a quick re-run replaces them in place.
    let stale = state.shows_results_stale();
    let stale_note = stale.then(|| {
        let from = state.result.as_ref().map(|r| r.scenario.clone()).unwrap_or_default();
        // Another file's results (a library pick, an opened file): not "previous settings".
        let other = state.result_input.as_ref().is_some_and(|r| r.file != state.file);
        let s = state.clone();
        let run = Callback::from(move |_| s.dispatch(Action::Run));
        // A status while nothing runs (an edit not run yet is news); not while the results
        // are being replaced: the run's own live region says "Running…" then, and this whole
        // note inserted at each step of a slider (a run past SHOW_RUNNING_AFTER_MS) was said
        // again and again (a keyboard user's review).
        let running = state.is_running();
        html! {
            <div id="stale-note" class="stale-note" role={(!running).then_some("status")}>
                <strong>{ t(lang, if other { "results.stale.other" } else { "results.stale" }) }{ ". " }</strong>
                { t(lang, "results.stale.from").replace("{}", &from) }
                if running {
                    { " " }{ t(lang, if other { "results.stale.running_other" } else { "results.stale.running" }) }
                } else if state.can_run() {
                    { " " }<button class="link" onclick={run}>{ t(lang, "results.stale.run") }</button>
                }
            </div>
        }
    });

    html! {
        <section class="results" id="result-views" tabindex="-1" aria-label={t(lang, "tab.results")}>
            <div class="tabs" role="tablist" aria-label={t(lang, "tab.results")} {onkeydown}>
                { for Tab::ALL.iter().filter(|&&tab| !(tab == Tab::Questions && state.course.is_some())).map(|&tab| {
                    let s = state.clone();
                    let selected = tab == current;
                    // Only the selected tab's panel exists: the others control nothing.
                    html! {
                        <button role="tab" id={format!("tab-{}", tab.id())} aria-selected={selected.to_string()}
                            aria-controls={selected.then(|| format!("panel-{}", tab.id()))} tabindex={if selected { "0" } else { "-1" }}
                            class={classes!("tab", selected.then_some("active"))}
                            onclick={Callback::from(move |_| s.dispatch(Action::SetTab(tab)))}>
                            { t(lang, tab.key()) }
                        </button>
                    }
                }) }
            </div>
            <div role="tabpanel" id={format!("panel-{}", current.id())} aria-labelledby={format!("tab-{}", current.id())}
                class={classes!("panel", stale.then_some("stale"))} aria-busy={stale.to_string()}>
                { for stale_note }
                { panel }
            </div>
        </section>
    }
}

/// Scrolls the element `id` into view and focuses it, if the page shows it; a folded
/// section (`<details>`, the start-up steps) is opened and its summary focused.
fn scroll_to_and_focus(id: &str) {
    use wasm_bindgen::JsCast;
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return;
    };
    let target = if el.tag_name().eq_ignore_ascii_case("details") {
        let _ = el.set_attribute("open", "");
        el.query_selector(":scope > summary").ok().flatten()
    } else {
        Some(el)
    };
    if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        super::one_column::sync_jump_bar_height();
        el.scroll_into_view();
        let _ = el.focus();
    }
}
