//! Coursework: the scenario's questions with check and reveal.

use std::collections::HashMap;

use yew::prelude::*;

use crate::components::table::fmt_num;
use crate::core::{Metric, QuestionKind};
use crate::i18n::{t, Lang};
use crate::labels;
use crate::state::ResultRef;

/// A metric's value with its unit in the page's number format ("74,150 ops/s", "98.3%").
pub fn value_with_unit(m: Metric, v: f64) -> String {
    match m.unit() {
        "%" => crate::num::pct(v),
        "" => fmt_num(v),
        unit => format!("{} {unit}", fmt_num(v)),
    }
}

#[derive(Properties, PartialEq)]
pub struct QuestionsProps {
    pub lang: Lang,
    pub result: ResultRef,
}

#[function_component(Questions)]
pub fn questions(props: &QuestionsProps) -> Html {
    let lang = props.lang;
    let answers = use_state(HashMap::<usize, String>::new);
    // None: checked with nothing given.
    let checked = use_state(HashMap::<usize, Option<bool>>::new);
    let revealed = use_state(HashMap::<usize, bool>::new);
    let r = &props.result;
    let qs = &props.result.questions;
    if qs.is_empty() {
        return html! { <p class="empty">{ t(lang, "questions.none") }</p> };
    }
    html! {
        <ol class="questions">
            { for qs.iter().enumerate().map(|(i, q)| {
                let id = format!("q-{i}");
                let given = answers.get(&i).cloned().unwrap_or_default();
                let set_answer = {
                    let answers = answers.clone();
                    let checked = checked.clone();
                    Callback::from(move |v: String| {
                        let mut a = (*answers).clone();
                        a.insert(i, v);
                        answers.set(a);
                        let mut c = (*checked).clone();
                        c.remove(&i);
                        checked.set(c);
                    })
                };
                let input = if q.kind == QuestionKind::Numeric || q.options.is_empty() {
                    let cb = set_answer.clone();
                    html! { <input id={id.clone()} type="text" inputmode="decimal" value={given.clone()}
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
                    let checked = checked.clone();
                    let (q, given) = (q.clone(), given.clone());
                    Callback::from(move |_| {
                        let mut c = (*checked).clone();
                        // A numeric answer that is not a number is asked again, not judged.
                        let readable = !given.trim().is_empty()
                            && (q.kind == QuestionKind::Choice
                                || crate::core::question::parse_number(&given).is_some());
                        let answer = readable.then(|| q.check(&given));
                        c.insert(i, answer);
                        checked.set(c);
                    })
                };
                let on_reveal = {
                    let revealed = revealed.clone();
                    let checked = checked.clone();
                    Callback::from(move |_| {
                        let mut c = (*checked).clone();
                        c.remove(&i);
                        checked.set(c);
                        let mut r = (*revealed).clone();
                        r.insert(i, true);
                        revealed.set(r);
                    })
                };
                html! {
                    <li class="question">
                        <p id={format!("{id}-prompt")}><label for={id.clone()}>{ lang.pick(&q.text.ko, &q.text.en).to_string() }</label></p>
                        { input }
                        <div class="row">
                            <button onclick={on_check}>{ t(lang, "questions.check") }</button>
                            <button class="link" onclick={on_reveal}>{ t(lang, "questions.reveal") }</button>
                        </div>
                        if q.kind == QuestionKind::Numeric && !revealed.get(&i).copied().unwrap_or(false) {
                            <p class="hint">{ t(lang, "questions.tolerance").replace("{}", &q.tolerance_percent.to_string()) }
                                if !q.metric.unit().is_empty() { { format!(" · {} {}", t(lang, "questions.unit"), q.metric.unit()) } }</p>
                        }
                        { match checked.get(&i) {
                            Some(Some(ok)) => html! {
                                <p class={if *ok { "ok" } else { "wrong" }} role="status">
                                    { if *ok { t(lang, "questions.correct") } else { t(lang, "questions.wrong") } }
                                </p>
                            },
                            Some(None) => html! { <p class="wrong" role="status">{ t(lang, if q.kind == QuestionKind::Numeric && !given.trim().is_empty() { "questions.not_number" } else { "questions.choose" }) }</p> },
                            None => html! {},
                        } }
                        if revealed.get(&i).copied().unwrap_or(false) {
                            <div class="reveal">
                                <p><strong>{ t(lang, "questions.computed") }{ ": " }</strong><span class="answer">{
                                    match (q.kind, q.answer.trim().parse::<f64>()) {
                                        (QuestionKind::Numeric, Ok(v)) => value_with_unit(q.metric, v),
                                        _ => labels::platform_named(lang, r, &q.answer),
                                    } }</span>
                                    if q.kind == QuestionKind::Numeric { <small>{ format!(" (± {}%)", q.tolerance_percent) }</small> }</p>
                                if let Some(ex) = &q.explanation { <p>{ lang.pick(&ex.ko, &ex.en).to_string() }</p> }
                                if let Some((_, runner_up, _)) = q.near_tie() {
                                    // For the author: the answer rests on a difference no one can see.
                                    <p class="hint near-tie">{ t(lang, "questions.near_tie").replace("{}", &labels::platform_named(lang, r, runner_up)) }</p>
                                }
                                if !q.evidence.is_empty() {
                                    <p><strong>{ t(lang, "questions.why") }{ ": " }</strong></p>
                                    <ul class="evidence">
                                        { for q.evidence.iter().map(|(p, v)| html! {
                                            <li class={classes!((*p == q.answer).then_some("best"))}>{ format!("{}: {}", labels::platform_named(lang, r, p), value_with_unit(q.metric, *v)) }</li>
                                        }) }
                                    </ul>
                                }
                            </div>
                        }
                    </li>
                }
            }) }
        </ol>
    }
}
