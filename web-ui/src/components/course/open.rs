//! The side card that opens an assignment: one of the library's, a file, or a link.

use yew::prelude::*;

use super::focus::focus_once_drawn;
use super::CourseProps;
use crate::builtin;
use crate::components::shown_choice::use_shown_choice;
use crate::i18n::{t, Lang};
use crate::state::course::{self, CourseAction};
use crate::state::Action;

/// The side card: library assignments and opening a file.
#[function_component(CourseOpen)]
pub fn course_open(props: &CourseProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let selected = match state.course.as_ref().map(|c| &c.origin) {
        Some(course::Origin::Library(name)) => Some(name.clone()),
        _ => None,
    };
    // The menu only chooses; "Open" opens. A closed <select> fires `change` on every arrow
    // key (Chromium): a keyboard user going down the list opened, and ran, each assignment
    // on the way (a keyboard-only student's review). What it shows: the assignment chosen
    // in it and not opened yet, else the one open.
    let chosen = use_state_eq(|| None::<String>);
    let shown_value = (*chosen).clone().or(selected.clone()).unwrap_or_default();
    // Opened by the student here (Open, a file, Continue): once it is drawn, the focus goes
    // to where they go on (the student id box, else the step's title) and the live region
    // below says which assignment opened. Not for one opened by the page's link.
    let opening = use_mut_ref(|| false);
    // The count of openings (the live region's key), the language and the title said.
    let opened = use_state_eq(|| None::<(u32, Lang, String)>);
    {
        let (chosen, opening, opened) = (chosen.clone(), opening.clone(), opened.clone());
        let lang = state.lang;
        let identity = state.course.as_ref().map(|c| c.assignment.clone());
        let title = state
            .course
            .as_ref()
            .map(|c| c.a().title.get(lang.tag()).to_string())
            .unwrap_or_default();
        use_effect_with(identity, move |identity| {
            chosen.set(None);
            if identity.is_none() {
                // Closed: the next one opened is said once, when its effect has run (the
                // words of the one before, drawn at once with the new title in them, were
                // said first: "opened" twice; a blind student's review).
                opened.set(None);
            }
            if std::mem::take(&mut *opening.borrow_mut()) && identity.is_some() {
                opened.set(Some((
                    (*opened).as_ref().map_or(1, |(n, ..)| n + 1),
                    lang,
                    title,
                )));
                focus_once_drawn("course-student");
            }
        });
    }
    let onchange = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            chosen.set(Some(sel.value()));
        })
    };
    let on_open = {
        let (s, opening) = (state.clone(), opening.clone());
        let name = shown_value.clone();
        Callback::from(move |_| {
            if !name.is_empty() {
                *opening.borrow_mut() = true;
                crate::state::course::dispatch_open(
                    s.dispatcher(),
                    CourseAction::OpenLibrary(name.clone()),
                );
            }
        })
    };
    let on_file = {
        let (s, opening) = (state.clone(), opening.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let name = file.name();
            if file.size() > crate::sim::assignment::MAX_ASSIGNMENT_BYTES as f64 {
                s.dispatch(Action::Notice(Some(format!(
                    "{name}: {}",
                    crate::opened::too_large(
                        s.lang,
                        "course.too_big",
                        file.size(),
                        crate::sim::assignment::MAX_ASSIGNMENT_BYTES
                    )
                ))));
                return;
            }
            let s2 = s.clone();
            *opening.borrow_mut() = true;
            crate::opened::read(&file, s.lang, move |read| match read {
                Ok(text) => crate::state::course::dispatch_open(
                    s2.dispatcher(),
                    CourseAction::OpenText {
                        file: name,
                        text,
                        from_link: false,
                    },
                ),
                // Not UTF-8: refused in the CLI's words.
                Err(message) => s2.dispatch(Action::Notice(Some(message))),
            });
            input.set_value("");
        })
    };
    let shown = use_shown_choice(shown_value.clone());
    // The assignment last open in this browser, offered while none is open (read again
    // only when one closes or opens, not on every render).
    let last = use_memo(state.course.is_some(), |open| {
        if *open {
            None
        } else {
            course::last_open()
        }
    });
    let resume = (*last).clone().map(|last| {
        let (s, opening) = (state.clone(), opening.clone());
        let link = last.link.clone();
        let onclick = Callback::from(move |_| match course::from_hash(&link) {
            Some(Ok(action)) => {
                *opening.borrow_mut() = true;
                crate::state::course::dispatch_open(s.dispatcher(), action)
            }
            _ => s.dispatch(Action::Notice(Some(
                t(s.lang, "course.bad_link").to_string(),
            ))),
        });
        let place = if last.step >= last.steps {
            t(lang, "course.resume.finished").to_string()
        } else {
            format!(
                "{} {}/{}",
                t(lang, "course.step"),
                last.step + 1,
                last.steps
            )
        };
        let who = last
            .student
            .as_deref()
            .map(|id| format!(" · {}: {id}", t(lang, "course.student")))
            .unwrap_or_default();
        html! {
            <p class="course-resume" id="course-resume-offer">
                { t(lang, "course.resume.hint") }{ " " }
                <strong>{ last.title.get(lang.tag()).to_string() }</strong>
                { format!(" ({place}{who}) ") }
                <button id="course-resume" {onclick}>{ t(lang, "course.resume") }</button>
            </p>
        }
    });
    html! {
        <section class="card course-open" aria-labelledby="course-open-h">
            <h2 id="course-open-h">{ t(lang, "course.assignments") }</h2>
            if let Some(resume) = resume { { resume } }
            <label for="assignment-select" class="sr-only">{ t(lang, "course.pick") }</label>
            <div class="course-pick">
                <select id="assignment-select" ref={shown} {onchange}>
                    <option value="" selected={shown_value.is_empty()}>{ t(lang, "course.pick.none") }</option>
                    { for builtin::assignment_files().map(|file| html! {
                        <option value={file.to_string()} selected={shown_value == file}>{ builtin::assignment_title(file, lang) }</option>
                    }) }
                </select>
                // Unavailable until an assignment is chosen, but found by Tab and a screen
                // reader, which says why (`disabled` hid it from both; a blind student's
                // review): aria-disabled, its press ignored (`on_open`).
                <button id="assignment-open" onclick={on_open}
                    aria-disabled={shown_value.is_empty().then_some("true")}
                    aria-describedby={shown_value.is_empty().then_some("assignment-open-why")}>{ t(lang, "course.open") }</button>
            </div>
            if shown_value.is_empty() {
                <p class="sr-only" id="assignment-open-why">{ t(lang, "course.open_needs_choice") }</p>
            }
            // Which assignment opened, said once it has (the focus is then on the student id
            // or the step's title, which do not name it): a live region always there.
            <p id="assignment-opened" class="sr-only" role="status">
                // The title said when it opened: drawn with the title of one opened since,
                // the old words changed and were said before the new ones.
                if let (Some((n, said_in, title)), Some(_)) = (&*opened, state.course.as_ref()) {
                    if *said_in == lang {
                        <span key={n.to_string()}>{ t(lang, "course.opened").replace("{}", title) }</span>
                    }
                }
            </p>
            // The page's own button (as the editor's "Open file…"), not the browser's
            // "Choose File / No file chosen": the input stays in the label, focusable, and
            // the label shows its focus (style.css: `label.button:has(:focus-visible)`).
            <div class="row">
                <label class="button" id="assignment-file-label">
                    { t(lang, "course.open_file") }
                    <input id="assignment-file" type="file" accept=".toml,text/plain" class="sr-only" onchange={on_file} />
                </label>
            </div>
        </section>
    }
}
