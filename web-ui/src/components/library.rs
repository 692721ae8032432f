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
    // In the course's order, in groups under its headings (`builtin::course_groups`);
    // each option's value stays the file's index, which share links hold.
    let label = |i: usize, file: &str| match builtin::title(i, lang) {
        "" => file.to_string(),
        title => format!("{title} — {file}"),
    };
    let files: Vec<&str> = builtin::files().collect();
    let groups = builtin::course_groups(lang);
    html! {
        <section class="card library" id="library" aria-labelledby="library-h">
            <h2 id="library-h">{ t(lang, "library") }</h2>
            <label for="scenario-select" class="sr-only">{ t(lang, "library.pick") }</label>
            <select id="scenario-select" ref={shown} {onchange}>
                if props.selected.is_none() {
                    <option value="" selected=true>{ "—" }</option>
                }
                { for groups.into_iter().map(|(heading, indices)| html! {
                    <optgroup label={heading}>
                        { for indices.into_iter().map(|i| html! {
                            // The title in the page's language, then the file the CLI runs.
                            <option value={i.to_string()} selected={props.selected == Some(i)}>{ label(i, files[i]) }</option>
                        }) }
                    </optgroup>
                }) }
            </select>
        </section>
    }
}
