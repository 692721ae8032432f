//! Coursework: the scenario's questions with check and reveal.

use std::collections::HashMap;

use yew::prelude::*;

use crate::i18n::{t, Lang};
use crate::state::ResultRef;

#[derive(Properties, PartialEq)]
pub struct QuestionsProps {
    pub lang: Lang,
    pub result: ResultRef,
}

/// Whether a student's answer matches the computed one (numeric with tolerance, else text).
pub fn is_correct(given: &str, answer: &str, tolerance: Option<f64>) -> bool {
    let given = given.trim();
    match (given.parse::<f64>(), answer.trim().parse::<f64>()) {
        (Ok(g), Ok(a)) => (g - a).abs() <= tolerance.unwrap_or(0.0).max(a.abs() * 1e-9),
        _ => given.eq_ignore_ascii_case(answer.trim()),
    }
}

#[function_component(Questions)]
pub fn questions(props: &QuestionsProps) -> Html {
    let lang = props.lang;
    let answers = use_state(HashMap::<usize, String>::new);
    let checked = use_state(HashMap::<usize, bool>::new);
    let revealed = use_state(HashMap::<usize, bool>::new);
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
                let input = if q.choices.is_empty() {
                    let cb = set_answer.clone();
                    html! { <input id={id.clone()} type="text" inputmode="decimal" value={given.clone()}
                        oninput={move |e: InputEvent| cb.emit(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())} /> }
                } else {
                    html! {
                        <div class="choices" role="radiogroup" aria-labelledby={format!("{id}-prompt")}>
                            { for q.choices.iter().map(|c| {
                                let cb = set_answer.clone();
                                let c2 = c.clone();
                                html! {
                                    <label><input type="radio" name={id.clone()} value={c.clone()} checked={given == *c}
                                        onchange={move |_| cb.emit(c2.clone())} />{ c.clone() }</label>
                                }
                            }) }
                        </div>
                    }
                };
                let on_check = {
                    let checked = checked.clone();
                    let (answer, tol, given) = (q.answer.clone(), q.tolerance, given.clone());
                    Callback::from(move |_| {
                        let mut c = (*checked).clone();
                        c.insert(i, is_correct(&given, &answer, tol));
                        checked.set(c);
                    })
                };
                let on_reveal = {
                    let revealed = revealed.clone();
                    Callback::from(move |_| {
                        let mut r = (*revealed).clone();
                        r.insert(i, true);
                        revealed.set(r);
                    })
                };
                html! {
                    <li class="question">
                        <p id={format!("{id}-prompt")}><label for={id.clone()}>{ lang.pick(&q.prompt_ko, &q.prompt_en).to_string() }</label></p>
                        { input }
                        <div class="row">
                            <button onclick={on_check}>{ t(lang, "questions.check") }</button>
                            <button class="link" onclick={on_reveal}>{ t(lang, "questions.reveal") }</button>
                        </div>
                        if let Some(ok) = checked.get(&i) {
                            <p class={if *ok { "ok" } else { "wrong" }} role="status">
                                { if *ok { t(lang, "questions.correct") } else { t(lang, "questions.wrong") } }
                            </p>
                        }
                        if revealed.get(&i).copied().unwrap_or(false) {
                            <p class="reveal">
                                <strong>{ t(lang, "questions.computed") }{ ": " }</strong>{ q.answer.clone() }
                                <br />
                                <strong>{ t(lang, "questions.why") }{ ": " }</strong>{ q.justification.clone() }
                            </p>
                        }
                    </li>
                }
            }) }
        </ol>
    }
}

#[cfg(test)]
mod tests {
    use super::is_correct;

    #[test]
    fn answers() {
        assert!(is_correct(" Native ", "native", None));
        assert!(is_correct("1.05", "1.0", Some(0.1)));
        assert!(!is_correct("1.2", "1.0", Some(0.1)));
    }
}
