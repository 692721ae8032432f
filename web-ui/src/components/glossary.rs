//! The glossary on the page: a scenario description with its jargon marked (hovering a
//! term shows its definition as a title; a click, a tap, or Enter on it shows the definition
//! in the text), and the folded glossary list of every term. Text nodes only: no HTML is
//! read from a description.

use yew::prelude::*;

use crate::glossary::{self, Piece, TERMS};
use crate::i18n::{t, Lang};

#[derive(Properties, PartialEq)]
pub struct DescribedProps {
    pub lang: Lang,
    /// The description as plain text, in `lang`.
    pub text: AttrValue,
}

/// A scenario's description, its glossary terms marked.
#[function_component(Described)]
pub fn described(props: &DescribedProps) -> Html {
    let lang = props.lang;
    // The term whose definition is open (its index in `TERMS`: each is marked once).
    let open = use_state(|| None::<usize>);
    // Another scenario or language starts with every definition closed.
    {
        let open = open.clone();
        use_effect_with(props.text.clone(), move |_| open.set(None));
    }
    let term = |piece: Piece| -> Html {
        match piece {
            Piece::Text(s) => html! { { s.to_string() } },
            Piece::Term { text, term } => {
                let entry = &TERMS[term];
                let is_open = *open == Some(term);
                let def_id = format!("term-def-{}", entry.id);
                let onclick = {
                    let open = open.clone();
                    Callback::from(move |_: MouseEvent| open.set((!is_open).then_some(term)))
                };
                let onkeydown = {
                    let open = open.clone();
                    Callback::from(move |e: KeyboardEvent| {
                        if is_open && e.key() == "Escape" {
                            open.set(None);
                        }
                    })
                };
                html! {
                    <>
                        <button type="button" class="term" data-term={entry.id}
                            title={entry.definition(lang)} aria-expanded={is_open.to_string()}
                            aria-controls={def_id.clone()} {onclick} {onkeydown}>
                            { text.to_string() }
                        </button>
                        <span class="term-def" id={def_id} role="note" data-term={entry.id} hidden={!is_open}>
                            <strong>{ entry.name(lang) }</strong>{ " " }{ entry.definition(lang) }
                        </span>
                    </>
                }
            }
        }
    };
    // A blank line in the description starts a new paragraph.
    html! {
        <div class="about-text">
            { for glossary::paragraphs(&props.text).into_iter().map(|pieces| html! {
                <p class="about">{ for pieces.into_iter().map(term) }</p>
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct GlossaryListProps {
    pub lang: Lang,
}

/// Every glossary term with its definition, sorted, behind a disclosure.
#[function_component(GlossaryList)]
pub fn glossary_list(props: &GlossaryListProps) -> Html {
    let lang = props.lang;
    html! {
        <details class="glossary" id="glossary">
            <summary>{ t(lang, "glossary") }</summary>
            <p class="hint">{ t(lang, "glossary.hint") }</p>
            <dl>
                { for glossary::sorted(lang).into_iter().map(|e| html! {
                    <>
                        <dt id={format!("gloss-{}", e.id)}>{ e.name(lang) }</dt>
                        <dd>{ e.definition(lang) }</dd>
                    </>
                }) }
            </dl>
        </details>
    }
}
