//! Stack and path view: each platform's layers and the steps one operation takes, with
//! cycle costs — where "why is type 2 slower?" gets answered.

use yew::prelude::*;

use crate::components::table::fmt_num;
use crate::core::{Op, Step};
use crate::i18n::{t, Lang};
use crate::labels;
use crate::palette;
use crate::state::ResultRef;

#[derive(Properties, PartialEq)]
pub struct PathsProps {
    pub lang: Lang,
    pub result: ResultRef,
}

fn step_rows(lang: Lang, steps: &[Step], first: usize, note: Option<String>) -> Html {
    html! {
        { for steps.iter().enumerate().map(|(i, s)| html! {
            <tr>
                <td>{ first + i }</td>
                <td class="text">
                    <span class="swatch" style={format!("background:{}", palette::css(palette::kind(labels::category_key(s.category))))}></span>
                    { labels::layer(lang, s.layer) }
                </td>
                <td class="text">
                    { lang.pick(&s.ko, &s.en).to_string() }
                    if let Some(e) = s.exit { <span class="exit-tag">{ labels::exit(lang, e) }</span> }
                    if let Some(n) = &note { <small class="batched">{ n.clone() }</small> }
                </td>
                <td>{ fmt_num(s.cycles as f64) }</td>
            </tr>
        }) }
    }
}

#[function_component(Paths)]
pub fn paths(props: &PathsProps) -> Html {
    let lang = props.lang;
    let r = &props.result;
    let mut ops: Vec<Op> = Vec::new();
    for p in &r.platforms {
        for path in &p.paths {
            if let Some(op) = path.op {
                if !ops.contains(&op) {
                    ops.push(op);
                }
            }
        }
    }
    let chosen = use_state(|| None::<Op>);
    let op = chosen
        .filter(|o| ops.contains(o))
        .or_else(|| ops.first().copied());
    let on_op = {
        let chosen = chosen.clone();
        let ops = ops.clone();
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            chosen.set(
                sel.value()
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| ops.get(i).copied()),
            );
        })
    };
    html! {
        <div>
            <div class="row">
                <label for="path-op">{ t(lang, "paths.operation") }</label>
                <select id="path-op" onchange={on_op}>
                    { for ops.iter().enumerate().map(|(i, o)| html! {
                        <option value={i.to_string()} selected={Some(*o) == op}>{ labels::op(lang, *o) }</option>
                    }) }
                </select>
            </div>
            <p class="hint">{ t(lang, "paths.help") }</p>
            <div class="paths">
                { for r.platforms.iter().map(|p| {
                    let path = p.paths.iter().find(|x| x.op == op);
                    let amortized = |steps: &[Step], every: u64| -> f64 {
                        steps.iter().map(|s| s.cycles as f64).sum::<f64>() / every.max(1) as f64
                    };
                    html! {
                        <article class="platform-paths">
                            <h3>{ p.name.clone() }<small>{ " · " }{ labels::kind(lang, p.kind) }
                                if let Some(tech) = p.technique { { " · " }{ labels::technique(lang, tech) } }</small></h3>
                            <ol class="stack" aria-label={t(lang, "paths.layers")}>
                                { for p.layers.iter().map(|l| html! { <li>{ labels::layer(lang, *l) }</li> }) }
                            </ol>
                            if let Some(path) = path {
                                <div class="scroll">
                                <table class="data num path">
                                    <caption>{ format!("{}: {}", t(lang, "paths.operation"), op.map_or("", |o| labels::op(lang, o))) }</caption>
                                    <thead><tr>
                                        <th scope="col">{ "#" }</th>
                                        <th scope="col" class="text">{ t(lang, "paths.layer") }</th>
                                        <th scope="col" class="text">{ t(lang, "paths.step") }</th>
                                        <th scope="col">{ t(lang, "paths.cycles") }</th>
                                    </tr></thead>
                                    <tbody>
                                        { step_rows(lang, &path.submit.steps, 1, None) }
                                        { step_rows(lang, &path.submit.batched, 1 + path.submit.steps.len(),
                                            Some(format!("{} {}", t(lang, "paths.every"), path.submit.batch_every))) }
                                        if !path.complete.steps.is_empty() || !path.complete.batched.is_empty() {
                                            <tr class="sub"><th colspan="4" scope="rowgroup" class="text">{ t(lang, "paths.completion") }</th></tr>
                                            { step_rows(lang, &path.complete.steps, 1, None) }
                                            { step_rows(lang, &path.complete.batched, 1 + path.complete.steps.len(),
                                                Some(format!("{} {}", t(lang, "paths.every"), path.complete.batch_every))) }
                                        }
                                    </tbody>
                                    <tfoot><tr>
                                        <th scope="row" colspan="3" class="text">{ t(lang, "paths.total") }</th>
                                        <td class="path-total">{ fmt_num((
                                            path.submit.steps.iter().chain(&path.complete.steps).map(|s| s.cycles as f64).sum::<f64>()
                                            + amortized(&path.submit.batched, path.submit.batch_every)
                                            + amortized(&path.complete.batched, path.complete.batch_every)).round()) }</td>
                                    </tr></tfoot>
                                </table>
                                </div>
                            }
                        </article>
                    }
                }) }
            </div>
        </div>
    }
}
