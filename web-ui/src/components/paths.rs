//! Stack and path view: each platform's layers and the steps one operation takes, with cycle costs.

use yew::prelude::*;

use crate::components::table::fmt_num;
use crate::i18n::{t, Lang};
use crate::state::ResultRef;

#[derive(Properties, PartialEq)]
pub struct PathsProps {
    pub lang: Lang,
    pub result: ResultRef,
}

#[function_component(Paths)]
pub fn paths(props: &PathsProps) -> Html {
    let lang = props.lang;
    html! {
        <div class="paths">
            { for props.result.platforms.iter().map(|p| html! {
                <article class="platform-paths">
                    <h3>{ p.platform.clone() }</h3>
                    <ol class="stack" aria-label={t(lang, "paths.layers")}>
                        { for p.layers.iter().rev().map(|l| html! { <li>{ l.clone() }</li> }) }
                    </ol>
                    { for p.paths.iter().map(|op| {
                        let total: u64 = op.steps.iter().map(|s| s.cycles).sum();
                        html! {
                            <div class="scroll">
                            <table class="data num path">
                                <caption>{ format!("{}: {}", t(lang, "paths.operation"), op.operation) }</caption>
                                <thead><tr>
                                    <th scope="col">{ "#" }</th>
                                    <th scope="col">{ t(lang, "paths.layer") }</th>
                                    <th scope="col">{ t(lang, "paths.step") }</th>
                                    <th scope="col">{ t(lang, "paths.cycles") }</th>
                                </tr></thead>
                                <tbody>
                                    { for op.steps.iter().enumerate().map(|(i, s)| html! {
                                        <tr>
                                            <td>{ i + 1 }</td>
                                            <td>{ s.layer.clone() }</td>
                                            <td class="text">{ s.description.clone() }</td>
                                            <td>{ fmt_num(s.cycles as f64) }</td>
                                        </tr>
                                    }) }
                                </tbody>
                                <tfoot><tr>
                                    <th scope="row" colspan="3">{ t(lang, "paths.total") }</th>
                                    <td>{ fmt_num(total as f64) }</td>
                                </tr></tfoot>
                            </table>
                            </div>
                        }
                    }) }
                </article>
            }) }
        </div>
    }
}
