//! Where the focus goes as the assignment's panel changes: an element once the page has
//! drawn it, the predictions' heading after a commit, the shown step's title.

use wasm_bindgen::JsCast;

/// [`focus_by_id`] once the page has drawn what the action just dispatched changed.
pub(super) fn focus_once_drawn(id: &'static str) {
    gloo_timers::callback::Timeout::new(0, move || focus_by_id(id)).forget();
}

/// Focuses the element `id` if the page shows it (else the step's title).
pub(super) fn focus_by_id(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    match element {
        Some(element) => {
            crate::components::one_column::sync_jump_bar_height();
            let _ = element.focus();
        }
        None => focus_step_title(),
    }
}

/// After the predictions are committed: their heading, which stays when the run ends (the
/// run's status line went then, and the focus moved on to this heading as the verdicts
/// appeared: the move cut their words short, said after the run's report if at all; a
/// blind student's review). The status line and the verdicts are live regions, said where
/// the focus is.
pub(super) fn focus_after_commit() {
    focus_by_id("course-predict-h");
}

/// Scrolls the shown step's (or the final page's) title into view and focuses it.
pub(super) fn focus_step_title() {
    let Some(title) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("course-step-h"))
    else {
        return;
    };
    crate::components::one_column::sync_jump_bar_height();
    if let Some(title) = title.dyn_ref::<web_sys::HtmlElement>() {
        let _ = title.focus();
    }
    title.scroll_into_view_with_bool(true);
}
