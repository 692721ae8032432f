//! The built-in scenario library.

use yew::prelude::*;

use crate::builtin;
use crate::components::shown_choice::use_shown_choice;
use crate::i18n::{t, Lang};

#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    pub lang: Lang,
    pub selected: Option<usize>,
    pub on_select: Callback<usize>,
}

#[function_component(Library)]
pub fn library(props: &LibraryProps) -> Html {
    let lang = props.lang;
    let shown = use_shown_choice(props.selected.map(|i| i.to_string()).unwrap_or_default());
    let onchange = {
        let cb = props.on_select.clone();
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = sel.value().parse::<usize>() {
                cb.emit(i);
            }
        })
    };
    // Listed by title in the page's language, so that a series reads in order ("Memory
    // virtualization 1/2" before "2/2", which file names do not give); each option's value
    // stays the file's index.
    let label = |i: usize, file: &str| match builtin::title(i, lang) {
        "" => file.to_string(),
        title => format!("{title} — {file}"),
    };
    let mut entries: Vec<(String, usize)> = builtin::files()
        .enumerate()
        .map(|(i, file)| (label(i, file), i))
        .collect();
    entries.sort_unstable();
    html! {
        <section class="card library" id="library" aria-labelledby="library-h">
            <h2 id="library-h">{ t(lang, "library") }</h2>
            <label for="scenario-select" class="sr-only">{ t(lang, "library.pick") }</label>
            <select id="scenario-select" ref={shown} {onchange}>
                if props.selected.is_none() {
                    <option value="" selected=true>{ "—" }</option>
                }
                { for entries.into_iter().map(|(text, i)| html! {
                    // The title in the page's language, then the file the CLI runs.
                    <option value={i.to_string()} selected={props.selected == Some(i)}>{ text }</option>
                }) }
            </select>
        </section>
    }
}
