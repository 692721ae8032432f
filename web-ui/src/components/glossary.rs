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
    /// The class of the block around the text: `about-text`, a scenario's description's;
    /// `why-text`, a question's explanation's.
    #[prop_or(classes!("about-text"))]
    pub class: Classes,
    /// The class of each paragraph: `about`, a description's; `why`, an explanation's (with
    /// `as-written` when the settings give another answer than the one it explains).
    #[prop_or(classes!("about"))]
    pub para_class: Classes,
    /// What the ids of the text's definitions start with: `term-def-` (`term-def-ple`) in
    /// the description; the question's own for an explanation (`term-def-q-busiest-`), so
    /// that a term marked in the description and in an explanation opens its own box.
    #[prop_or(AttrValue::Static("term-def-"))]
    pub id_prefix: AttrValue,
    /// The name of a disclosure (closed at first) that holds every paragraph after the
    /// first, the lead: a scenario's description ("More detail"). Its 600 to 800 words put
    /// the results under the fold at 1440×900 (a student's review). `None`: every
    /// paragraph shown.
    #[prop_or_default]
    pub more: Option<AttrValue>,
}

/// A scenario's description, or a question's explanation, its glossary terms marked.
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
                title={entry.definition(lang).replace('`', "")} aria-expanded={is_open.to_string()}
                aria-controls={format!("{}{}", props.id_prefix, entry.id)} {onclick} {onkeydown}>
                { text.to_string() }
            </button>
        }
    };
    // Its definition, under the paragraph (inside it, an open box cut the sentence in two).
    let definition = |term: usize| -> Html {
        let entry = &TERMS[term];
        html! {
            <span class="term-def" id={format!("{}{}", props.id_prefix, entry.id)} role="note"
                data-term={entry.id} hidden={*open != Some(term)}>
                // Names and settings in backticks as code, as in the text around it.
                <strong>{ entry.name(lang) }</strong>{ " " }{ super::with_code(entry.definition(lang)) }
            </span>
        }
    };
    // A blank line in the description starts a new paragraph.
    let paragraph = |pieces: Vec<Piece<'_>>| -> Html {
        let terms: Vec<usize> = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Term { term, .. } => Some(*term),
                Piece::Text(_) => None,
            })
            .collect();
        html! {
            <div class="about-para">
                <p class={props.para_class.clone()}>{ for kept_with_terms(&pieces).into_iter().map(|p| match p {
                    // A name or setting in backticks (`halt_poll_us = 200`) as code, as
                    // the page shows messages: the backticks read as stray marks.
                    Shown::Text(s) => super::with_code(&numbers_whole(s)),
                    Shown::Term { before: "", text, term, after: "" } => button(text, term),
                    // One line with what touches it (style.css: `.term-nowrap`).
                    Shown::Term { before, text, term, after } => html! {
                        <span class="term-nowrap">{ before }{ button(text, term) }{ after }</span>
                    },
                }) }</p>
                { for terms.into_iter().map(definition) }
            </div>
        }
    };
    let mut paras = glossary::paragraphs(&props.text).into_iter();
    match &props.more {
        // The lead, then the rest behind its disclosure (the browser keeps it open or
        // closed across re-renders: a re-run leaves it as the reader left it).
        Some(more) if paras.len() > 1 => html! {
            <div class={props.class.clone()}>
                { for paras.next().map(&paragraph) }
                <details class="about-more" id="about-more">
                    <summary>{ more.clone() }</summary>
                    { for paras.map(&paragraph) }
                </details>
            </div>
        },
        _ => html! {
            <div class={props.class.clone()}>
                { for paras.map(&paragraph) }
            </div>
        },
    }
}

/// A description's piece as shown: plain text, or a glossary term with the characters that
/// touch it, which stay on its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown<'a> {
    Text(&'a str),
    Term {
        /// Opening brackets and quotes right before the term ("(").
        before: &'a str,
        text: &'a str,
        term: usize,
        /// What follows the term up to the next space: its closing bracket and punctuation
        /// ("),"), a Korean particle ("를").
        after: &'a str,
    },
}

/// Characters that open a bracket or a quote, kept with the term they open onto.
fn opening(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '"' | '\'' | '“' | '‘' | '（' | '「' | '『' | '<' | '《' | '〈'
    )
}

/// At most this many characters after a term stay with it; a longer run up to the next space
/// keeps only its leading punctuation (a line may still break inside a long word after it).
const AFTER_MAX_CHARS: usize = 8;

/// The characters at the start of `text` that stay with the term before it: up to the next
/// space, or only the punctuation when that run is long.
fn after_term(text: &str) -> &str {
    let run = text.find(char::is_whitespace).unwrap_or(text.len());
    if text[..run].chars().count() <= AFTER_MAX_CHARS {
        return &text[..run];
    }
    let punct = text
        .find(|c: char| c.is_whitespace() || c.is_alphanumeric())
        .unwrap_or(text.len());
    &text[..punct]
}

/// The opening brackets and quotes at the end of `text`, which stay with the term after it.
fn before_term(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| opening(*c))
        .last()
        .map_or(text.len(), |(i, _)| i);
    &text[start..]
}

/// A description's pieces with each term kept on one line with the brackets, punctuation
/// or particle that touch it: a term is a button (an inline box of its own), and a line
/// could break between it and a closing bracket ("(lock-holder preemption⏎)"). Joining the
/// texts gives the pieces' text back.
fn kept_with_terms<'a>(pieces: &[Piece<'a>]) -> Vec<Shown<'a>> {
    let mut out: Vec<Shown<'a>> = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        match *piece {
            Piece::Term { text, term } => out.push(Shown::Term {
                before: "",
                text,
                term,
                after: "",
            }),
            Piece::Text(mut rest) => {
                // The head goes to the term before, the opening tail to the term after.
                if let Some(Shown::Term { after, .. }) = out.last_mut() {
                    *after = after_term(rest);
                    rest = &rest[after.len()..];
                }
                let next_is_term = matches!(pieces.get(i + 1), Some(Piece::Term { .. }));
                let tail = if next_is_term { before_term(rest) } else { "" };
                let plain = &rest[..rest.len() - tail.len()];
                if !plain.is_empty() {
                    out.push(Shown::Text(plain));
                }
                if !tail.is_empty() {
                    // The term comes next: it takes the tail as its `before`.
                    out.push(Shown::Text(tail));
                }
            }
        }
    }
    // Move each opening tail into the term after it.
    let mut merged: Vec<Shown<'a>> = Vec::with_capacity(out.len());
    for shown in out {
        match (merged.last(), shown) {
            (
                Some(Shown::Text(t)),
                Shown::Term {
                    before: "",
                    text,
                    term,
                    after,
                },
            ) if !t.is_empty() && before_term(t) == *t => {
                let before = *t;
                merged.pop();
                merged.push(Shown::Term {
                    before,
                    text,
                    term,
                    after,
                });
            }
            (_, shown) => merged.push(shown),
        }
    }
    merged
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
    use super::{kept_with_terms, Shown};
    use crate::glossary::Piece;

    /// The texts shown, a term as "[before|text|after]".
    fn shown(pieces: &[Piece<'_>]) -> Vec<String> {
        kept_with_terms(pieces)
            .into_iter()
            .map(|s| match s {
                Shown::Text(t) => t.to_string(),
                Shown::Term {
                    before,
                    text,
                    after,
                    ..
                } => format!("[{before}|{text}|{after}]"),
            })
            .collect()
    }

    /// A term keeps its brackets and what touches it ("(lock-holder preemption)," and "PLE를");
    /// nothing is lost or added.
    #[test]
    fn a_term_keeps_the_brackets_and_punctuation_that_touch_it() {
        let pieces = [
            Piece::Text("spins ("),
            Piece::Term {
                text: "lock-holder preemption",
                term: 0,
            },
            Piece::Text("), and "),
            Piece::Term {
                text: "PLE",
                term: 1,
            },
            Piece::Text("를 켠다"),
        ];
        assert_eq!(
            shown(&pieces),
            [
                "spins ",
                "[(|lock-holder preemption|),]",
                " and ",
                "[|PLE|를]",
                " 켠다"
            ]
        );
        let joined: String = kept_with_terms(&pieces)
            .into_iter()
            .map(|s| match s {
                Shown::Text(t) => t.to_string(),
                Shown::Term {
                    before,
                    text,
                    after,
                    ..
                } => format!("{before}{text}{after}"),
            })
            .collect();
        let whole: String = pieces.iter().map(|p| p.text()).collect();
        assert_eq!(joined, whole);
        // A long word after a term keeps only its punctuation; a term alone stays bare; two
        // terms apart by a slash: the slash goes with the first.
        let long = [
            Piece::Term {
                text: "EPT",
                term: 2,
            },
            Piece::Text(").supercalifragilistic more"),
        ];
        assert_eq!(shown(&long), ["[|EPT|).]", "supercalifragilistic more"]);
        let two = [
            Piece::Term {
                text: "EPT",
                term: 2,
            },
            Piece::Text("/"),
            Piece::Term {
                text: "NPT",
                term: 3,
            },
            Piece::Text(" "),
        ];
        assert_eq!(shown(&two), ["[|EPT|/]", "[|NPT|]", " "]);
        assert_eq!(shown(&[Piece::Text("((")]), ["(("]);
        assert!(shown(&[]).is_empty());
    }

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
                        <dd>{ super::with_code(e.definition(lang)) }</dd>
                    </>
                }) }
            </dl>
        </details>
    }
}
