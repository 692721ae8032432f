//! The built-in scenario library: a list in the course's order, in groups under its
//! headings (`builtin::course_groups`), where the arrow keys on the closed list only choose
//! and Enter opens; and the note that offers back an edited text that another replaced
//! (the draft).

use yew::prelude::*;

use crate::builtin;
use crate::components::shown_choice::use_shown_choice;
use crate::i18n::{t, Lang};

#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    pub lang: Lang,
    pub selected: Option<usize>,
    pub on_select: Callback<usize>,
    /// An edited text another replaced (`State::draft_to_offer`): `Some(file)`, or
    /// `Some(None)` for a pasted text, whose name the page made up.
    #[prop_or_default]
    pub draft: Option<Option<String>>,
    /// Bring the draft back (`Action::RestoreDraft`), or dismiss it (`Action::ForgetDraft`).
    pub on_draft: Callback<bool>,
}

#[function_component(Library)]
pub fn library(props: &LibraryProps) -> Html {
    let lang = props.lang;
    let shown = use_shown_choice(props.selected.map(|i| i.to_string()).unwrap_or_default());
    // The arrow keys on a closed list (Chromium changes its value, and fires `change`, at
    // each) only choose: Enter opens what is shown, and leaving the list shows the open
    // scenario again. Each key loaded and ran the scenario it passed, and a screen reader
    // read each run's whole report (a blind student's review). A click in the open list,
    // or the arrows there, still opens at once: `change` without a browsing key first.
    let browsing = use_mut_ref(|| false);
    let onchange = {
        let (cb, browsing) = (props.on_select.clone(), browsing.clone());
        Callback::from(move |e: Event| {
            if *browsing.borrow() {
                return;
            }
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = sel.value().parse::<usize>() {
                cb.emit(i);
            }
        })
    };
    let onkeydown = {
        let (cb, browsing, selected) = (props.on_select.clone(), browsing.clone(), props.selected);
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "ArrowUp" | "ArrowDown" | "Home" | "End" | "PageUp" | "PageDown" if !e.alt_key() => {
                *browsing.borrow_mut() = true;
            }
            "Enter" => {
                *browsing.borrow_mut() = false;
                let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
                if let Ok(i) = sel.value().parse::<usize>() {
                    if selected != Some(i) {
                        e.prevent_default();
                        cb.emit(i);
                    }
                }
            }
            _ => {}
        })
    };
    let onblur = {
        let (browsing, selected) = (browsing.clone(), props.selected);
        Callback::from(move |e: FocusEvent| {
            if std::mem::replace(&mut *browsing.borrow_mut(), false) {
                let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
                sel.set_value(&selected.map(|i| i.to_string()).unwrap_or_default());
            }
        })
    };
    // In the course's order, in groups under its headings (`builtin::course_groups`);
    // each option's value stays the file's index, which share links hold.
    let label = |i: usize, file: &str| match builtin::title(i, lang) {
        "" => file.to_string(),
        title => format!("{title} — {file}"),
    };
    // Either button goes with the note: the focus goes back to the list.
    let draft_button = |restore: bool| {
        let (cb, list) = (props.on_draft.clone(), shown.clone());
        Callback::from(move |_: MouseEvent| {
            cb.emit(restore);
            if let Some(el) = list.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        })
    };
    let files: Vec<&str> = builtin::files().collect();
    let groups = builtin::course_groups(lang);
    html! {
        <section class="card library" id="library" aria-labelledby="library-h">
            <h2 id="library-h">{ t(lang, "library") }</h2>
            <label for="scenario-select" class="sr-only">{ t(lang, "library.pick") }</label>
            <span id="scenario-select-keys" class="sr-only">{ t(lang, "library.keys") }</span>
            <select id="scenario-select" ref={shown.clone()} {onchange} {onkeydown} {onblur}
                aria-describedby="scenario-select-keys">
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
            if let Some(file) = &props.draft {
                // Opening another scenario or a file replaced text edited here: it is kept.
                <p class="draft-note" role="status" id="draft-note">
                    <span>{ crate::components::with_code(&crate::sim::text::particles(
                        // What is kept, not what replaced it: after the arrow keys passed
                        // over the list, or a draft brought back over another, "x opened"
                        // named a file no longer on screen (a review).
                        &match file {
                            Some(file) => t(lang, "draft.kept").replacen("{file}", &format!("`{file}`"), 1),
                            None => t(lang, "draft.kept_text").to_string(),
                        },
                    )) }</span>
                    <button id="draft-restore" onclick={draft_button(true)}>{ t(lang, "draft.restore") }</button>
                    <button class="link" onclick={draft_button(false)}
                        aria-label={t(lang, "draft.forget")}>{ "×" }</button>
                </p>
            }
        </section>
    }
}
