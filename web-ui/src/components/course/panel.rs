//! The open assignment's panel, above the results: its title and notes, the student id,
//! the shown step (kept answers not yet submitted, [`Drafts`]) or the final page, and the
//! moves between steps.

use yew::prelude::*;

use super::final_page::final_page;
use super::focus::{focus_by_id, focus_step_title};
use super::step::StepView;
use super::student::StudentForm;
use super::{dispatch, typed, unsubmitted_note, CourseProps, Drafts};
use crate::i18n::t;
use crate::state::course::{self, CourseAction, LeaveTo};
use crate::state::Action;

/// The open assignment, above the results.
#[function_component(CoursePanel)]
pub fn course_panel(props: &CourseProps) -> Html {
    let state = &props.state;
    let drafts = use_state(Drafts::new);
    // "Another student": the focus goes to the student id box once the render that draws it
    // has run (a timeout could run first, in a busy phase, and found no box: the focus fell
    // to the page's top).
    let refocus = crate::components::focus_after_render::use_focus_after_render(focus_by_id);
    // Progress is saved whenever it changes; the address bar re-opens the assignment.
    {
        let saved = state
            .course
            .as_ref()
            .map(|c| (c.storage_key.clone(), c.progress.clone()));
        use_effect_with(saved, |saved| {
            if let Some((key, progress)) = saved {
                course::save_progress(key, progress);
            }
        });
        let hash = state.course.as_ref().map(course::to_hash);
        // ... and recorded as the one a visit without a link offers to re-open.
        let last = state
            .course
            .as_ref()
            .zip(hash.clone())
            .map(|(c, link)| course::LastOpen::of(c, link));
        use_effect_with(last, |last| {
            if let Some(last) = last {
                course::remember_open(last);
            }
        });
        // Only a course that was open and is closed clears the link (on the first render
        // none is open yet: the page's link has still to be read).
        let was_open = use_mut_ref(|| false);
        use_effect_with(hash, move |hash| match hash {
            Some(hash) => {
                *was_open.borrow_mut() = true;
                course::set_location_hash(hash);
            }
            None => {
                if std::mem::take(&mut *was_open.borrow_mut()) {
                    course::clear_location_hash();
                }
            }
        });
    }
    // After Start, Next, Previous or a step picked on the final page: the new step's title
    // is brought to the top of the window (on a phone the page was left far below it, on
    // the parameters) and given focus, so that a screen reader reads it. Not on a reload.
    {
        let moved = state.course.as_ref().map_or(0, |c| c.moved);
        use_effect_with(moved, |&moved| {
            if moved > 0 {
                focus_step_title();
            }
        });
    }
    let Some(c) = &state.course else {
        return html! {};
    };
    let on_link = {
        let s = state.clone();
        Callback::from(move |_| {
            if let Some(c) = &s.course {
                course::set_location_hash(&(course::to_hash(c) + &s.lang.hash_param()));
                if let Some(w) = web_sys::window() {
                    if let Ok(href) = w.location().href() {
                        let _ = w.navigator().clipboard().write_text(&href);
                    }
                }
            }
            s.dispatch(Action::Notice(Some(
                t(s.lang, "course.link.copied").to_string(),
            )));
        })
    };
    // The answers typed or picked in the shown step (none on the student id or the final
    // page): Close and Another student, as Next, are held back once by those not submitted
    // (`CourseAction::Leave`), and the panel then says how many under its head.
    let typed_here: Vec<String> = match c.student() {
        Some(student) if !c.finished() => drafts
            .get(&format!("{student}-{}", c.progress.step))
            .map(typed)
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let held = {
        let s = state.clone();
        move |to: &LeaveTo, typed: &[String]| {
            s.course
                .as_ref()
                .is_some_and(|c| c.holds_back(to, typed).is_some())
        }
    };
    let on_close = {
        let s = state.clone();
        let typed = typed_here.clone();
        let held = held.clone();
        Callback::from(move |_| {
            let leave = CourseAction::Leave {
                to: LeaveTo::Close,
                typed: typed.clone(),
            };
            if held(&LeaveTo::Close, &typed) {
                // Said under the head; the assignment stays open, the focus on Close.
                s.dispatch(Action::Course(leave));
                return;
            }
            // Closed on purpose: a later visit does not offer it again.
            course::forget_open();
            s.dispatch(Action::Course(leave));
            // The button is gone with the panel: the focus goes to the menu it was opened
            // from, not to the page's top (a keyboard user's review). Then the closing is
            // said (nothing else said it: a blind student's review), after the move, which
            // would cut it short.
            let s = s.clone();
            gloo_timers::callback::Timeout::new(0, move || {
                focus_by_id("assignment-select");
                s.dispatch(Action::Notice(Some(t(s.lang, "course.closed").to_string())));
            })
            .forget();
        })
    };
    let on_change_student = {
        let s = state.clone();
        let refocus = refocus.clone();
        let typed = typed_here;
        Callback::from(move |_| {
            // Held back (said under the head): the focus stays on the button.
            if !held(&LeaveTo::ChangeStudent, &typed) {
                *refocus.borrow_mut() = Some("course-student".to_string());
            }
            s.dispatch(Action::Course(CourseAction::Leave {
                to: LeaveTo::ChangeStudent,
                typed: typed.clone(),
            }));
        })
    };
    let lang = state.lang;
    // Close or Another student pressed with answers not submitted: which, and how many.
    let leaving = c.leaving.as_ref().and_then(|l| match l.to {
        LeaveTo::Close => Some((LeaveTo::Close, t(lang, "course.close"), l.unsubmitted.len())),
        LeaveTo::ChangeStudent => Some((
            LeaveTo::ChangeStudent,
            t(lang, "course.change_student"),
            l.unsubmitted.len(),
        )),
        LeaveTo::Step(_) => None,
    });
    let described = |to: LeaveTo| {
        leaving
            .as_ref()
            .is_some_and(|(l, ..)| *l == to)
            .then_some("course-leaving")
    };
    let a = c.a();
    // What `virtsim validate` notes (a step's scenario questions left out): for an author
    // who opened their file, in the page's language, apart from the warnings' notice and
    // in its own colour (informational, not a warning), before a student starts, and
    // collapsed under a disclosure that says whom they are for: a student who opened the
    // file was shown question ids they are never asked (a reviewer). Text nodes only.
    let notes = c.author_notes(lang);
    let body = if c.student().is_none() {
        html! { <StudentForm state={state.clone()} /> }
    } else if c.finished() {
        final_page(state, c, lang)
    } else {
        let key = format!("{}-{}", c.student().unwrap_or(""), c.progress.step);
        let draft_key = key.clone();
        html! { <StepView {key} state={state.clone()} drafts={drafts.clone()} {draft_key} /> }
    };
    html! {
        <section class="card course" id="course" aria-labelledby="course-h"
            data-step={c.progress.step.to_string()}>
            <header class="course-head">
                <h2 id="course-h">{ a.title.get(lang.tag()).to_string() }</h2>
                if let Some(student) = c.student() {
                    <span class="course-student">{ format!("{}: {student}", t(lang, "course.student")) }</span>
                    <button id="course-change-student" class="link" onclick={on_change_student}
                        aria-describedby={described(LeaveTo::ChangeStudent)}>{ t(lang, "course.change_student") }</button>
                }
                <button id="course-link" class="link" onclick={on_link}>{ t(lang, "course.link") }</button>
                <button id="course-close" class="link" onclick={on_close}
                    aria-describedby={described(LeaveTo::Close)}>{ t(lang, "course.close") }</button>
            </header>
            // Close or Another student pressed with answers not submitted: as under Next
            // (`step.rs`), a live region there from the panel's first render, its words put
            // in; the focus stays on the button.
            <div class="course-leaving-status" role="status">
                if let Some((_, button, n)) = &leaving {
                    <p id="course-leaving" class="course-leaving">{ unsubmitted_note(lang, *n, button) }</p>
                }
            </div>
            if !notes.is_empty() {
                <details class="author-notes" id="course-author-notes">
                    <summary id="course-author-notes-h">{ t(lang, "course.author_notes").replace("{}", &notes.len().to_string()) }</summary>
                    <div class="author-notes-head">
                        <p>{ t(lang, "course.author_notes.about") }</p>
                        <button id="course-author-notes-hide" class="link"
                            aria-label={t(lang, "course.author_notes.hide_label")}
                            onclick={dispatch(state, CourseAction::HideNotes)}>{ t(lang, "course.author_notes.hide") }</button>
                    </div>
                    <ul>
                        { for notes.iter().map(|n| html! { <li class="author-note">{ crate::components::with_code(n) }</li> }) }
                    </ul>
                </details>
            }
            { body }
        </section>
    }
}
