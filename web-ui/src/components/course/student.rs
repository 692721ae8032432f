//! The student id form that starts (or resumes) the open assignment.

use yew::prelude::*;

use super::CourseProps;
use crate::i18n::t;
use crate::state::course::CourseAction;
use crate::state::Action;

#[function_component(StudentForm)]
pub(super) fn student_form(props: &CourseProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let id = use_state(String::new);
    let Some(c) = &state.course else {
        return html! {};
    };
    let on_input = {
        let id = id.clone();
        Callback::from(move |e: InputEvent| {
            id.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    let on_start = {
        let (s, id) = (state.clone(), id.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // Start is aria-disabled, not disabled, until the id is valid: neither its press
            // nor Enter in the box starts (a disabled button stopped both).
            if crate::sim::assignment::valid_student_id(&id) {
                s.dispatch(Action::Course(CourseAction::Start((*id).clone())));
            }
        })
    };
    let valid = crate::sim::assignment::valid_student_id(&id);
    // Why Start is unavailable, said with it.
    let why_not = (!valid).then(|| {
        t(
            lang,
            if id.trim().is_empty() {
                "course.start_needs_id"
            } else {
                "course.start_bad_id"
            },
        )
    });
    html! {
        <form class="course-start" onsubmit={on_start}>
            if let Some(intro) = &c.a().intro {
                <p class="course-intro">{ intro.get(lang.tag()).to_string() }</p>
            }
            <p class="hint">{ t(lang, "course.student.hint") }</p>
            <label for="course-student">{ t(lang, "course.student") }</label>
            <input id="course-student" type="text" autocomplete="off" maxlength="64"
                aria-describedby="course-student-exact"
                value={(*id).clone()} oninput={on_input} />
            <button id="course-start" type="submit" aria-disabled={(!valid).then_some("true")}
                aria-describedby={why_not.map(|_| "course-start-why")}>{ t(lang, "course.start") }</button>
            if let Some(why) = why_not {
                <p class="sr-only" id="course-start-why">{ why }</p>
            }
            // The variant comes from the id as typed: "S001" and "s001" differ.
            <p class="hint" id="course-student-exact">{ t(lang, "course.student.exact") }</p>
        </form>
    }
}
