//! The glossary's terms that the open scenario's description uses, with their definitions,
//! in the order the description first uses them: shown above the whole glossary
//! (`components::glossary::GlossaryList`), so that a student finds this scenario's words
//! without reading the list from "accounting" down (a student's review, 2026-12-07).

use yew::prelude::*;

use crate::glossary::{self, TERMS};
use crate::i18n::{t, Lang};

#[derive(Properties, PartialEq)]
pub struct ScenarioTermsProps {
    pub lang: Lang,
    /// The description as plain text, in `lang`.
    pub text: AttrValue,
}

/// "Terms in this scenario": a folded list of the description's glossary terms, or nothing
/// when it uses none.
#[function_component(ScenarioTerms)]
pub fn scenario_terms(props: &ScenarioTermsProps) -> Html {
    let lang = props.lang;
    let terms = glossary::terms_of(&props.text);
    if terms.is_empty() {
        return Html::default();
    }
    html! {
        <details class="glossary scenario-glossary" id="scenario-glossary">
            <summary>{ t(lang, "glossary.scenario").replacen("{n}", &terms.len().to_string(), 1) }</summary>
            <p class="hint">{ t(lang, "glossary.scenario_hint") }</p>
            <dl>
                { for terms.into_iter().map(|i| {
                    let e = &TERMS[i];
                    html! {
                        <>
                            <dt id={format!("scenario-gloss-{}", e.id)}>{ e.name(lang) }</dt>
                            <dd>{ super::with_code(e.definition(lang)) }</dd>
                        </>
                    }
                }) }
            </dl>
        </details>
    }
}
