//! The glossary on the page: a scenario description with its jargon marked (hovering a
//! term shows its definition as a title; a click, a tap, or Enter on it shows the definition
//! in the text), and the folded glossary list of every term. Text nodes only: no HTML is
//! read from a description.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
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
    // Escape closes an open definition wherever the focus went since (a click elsewhere
    // takes it off the term's button).
    {
        let open = open.clone();
        use_effect_with(open.is_some(), move |&is_open| {
            let document = web_sys::window().and_then(|w| w.document());
            let listener = is_open.then(|| {
                Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
                    if e.key() == "Escape" {
                        open.set(None);
                    }
                })
            });
            if let (Some(doc), Some(l)) = (&document, &listener) {
                let _ = doc.add_event_listener_with_callback("keydown", l.as_ref().unchecked_ref());
            }
            move || {
                if let (Some(doc), Some(l)) = (document, listener) {
                    let _ = doc
                        .remove_event_listener_with_callback("keydown", l.as_ref().unchecked_ref());
                }
            }
        });
    }
    // A term in the text: a button that opens its definition.
    let button = |text: &str, term: usize| -> Html {
        let entry = &TERMS[term];
        let is_open = *open == Some(term);
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
            <button type="button" class="term" data-term={entry.id}
                title={entry.definition(lang)} aria-expanded={is_open.to_string()}
                aria-controls={format!("term-def-{}", entry.id)} {onclick} {onkeydown}>
                { text.to_string() }
            </button>
        }
    };
    // Its definition, under the paragraph (inside it, an open box cut the sentence in two).
    let definition = |term: usize| -> Html {
        let entry = &TERMS[term];
        html! {
            <span class="term-def" id={format!("term-def-{}", entry.id)} role="note"
                data-term={entry.id} hidden={*open != Some(term)}>
                <strong>{ entry.name(lang) }</strong>{ " " }{ entry.definition(lang) }
            </span>
        }
    };
    // A blank line in the description starts a new paragraph.
    html! {
        <div class="about-text">
            { for glossary::paragraphs(&props.text).into_iter().map(|pieces| {
                let terms: Vec<usize> = pieces
                    .iter()
                    .filter_map(|p| match p {
                        Piece::Term { term, .. } => Some(*term),
                        Piece::Text(_) => None,
                    })
                    .collect();
                html! {
                    <div class="about-para">
                        <p class="about">{ for pieces.into_iter().map(|p| match p {
                            Piece::Text(s) => html! { { numbers_whole(s) } },
                            Piece::Term { text, term } => button(text, term),
                        }) }</p>
                        { for terms.into_iter().map(definition) }
                    </div>
                }
            }) }
        </div>
    }
}

/// `text` with the space that groups a number's digits ("5 603", "20 000") made a no-break
/// space, so that a line never ends inside a number.
fn numbers_whole(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between_digits = c == ' '
                && i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if between_digits {
                '\u{a0}'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_grouped_number_keeps_together() {
        assert_eq!(
            super::numbers_whole("12 of 5 603 at 20 000"),
            "12 of 5\u{a0}603 at 20\u{a0}000"
        );
        // Numbers apart stay apart: "seeds 1, 4 and 13", "1 to 14".
        assert_eq!(
            super::numbers_whole("1, 4 and 13, 1 to 14"),
            "1, 4 and 13, 1 to 14"
        );
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
