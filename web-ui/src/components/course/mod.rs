//! Coursework: opening an assignment (library, file, link), and the open assignment:
//! student id, each step (introduction, predictions committed before the run, answers
//! after it), and the final page that exports the answers file.
//!
//! Nothing here runs a simulation: a step's scenario is loaded into the page's state and
//! runs through `run.rs`; expected answers are read from that result (`state/course/`).
//!
//! A description's figures are its file's own: [`figures_note`] says so beside it whenever
//! the shown result's settings differ (a slider, the student's variant). The course panel
//! also shows the notes of an assignment file for its author (`Course::author_notes`).
//!
//! Here: the props the views share and `dispatch`. Beside it: `open.rs` ([`CourseOpen`],
//! the side card), `panel.rs` ([`CoursePanel`]), `student.rs` (the student id),
//! `step.rs` (one step), `answers.rs` (an answer's input and verdict), `notes.rs` (the
//! variant in words, the description's notes), `final_page.rs`, `focus.rs` (where the
//! focus goes) and `tests.rs`.
use std::collections::BTreeMap;

use yew::prelude::*;

use crate::i18n::{t, Lang};
use crate::state::course::CourseAction;
use crate::state::{Action, State};

mod answers;
mod final_page;
mod focus;
mod notes;
mod open;
mod panel;
mod step;
mod student;
#[cfg(test)]
mod tests;

pub use notes::{description_note, figures_note};
pub use open::CourseOpen;
pub use panel::CoursePanel;

#[derive(Properties, PartialEq)]
pub struct CourseProps {
    pub state: UseReducerHandle<State>,
}

fn dispatch(state: &UseReducerHandle<State>, a: CourseAction) -> Callback<MouseEvent> {
    let s = state.clone();
    Callback::from(move |_| s.dispatch(Action::Course(a.clone())))
}

/// Answers typed or picked but not yet submitted, by step view (`StepView`'s key: the
/// student and the step) and question: kept by the panel, so that Next and Previous do
/// not drop them (a student's typed answer was gone, unsaid, after a look at the step
/// before; a reviewer).
type Drafts = BTreeMap<String, BTreeMap<String, String>>;

#[derive(Properties, PartialEq)]
struct StepProps {
    state: UseReducerHandle<State>,
    drafts: UseStateHandle<Drafts>,
    /// This step's key in `drafts`.
    draft_key: String,
}

/// The questions of one step view's `drafts` answered there (typed or picked, not blank):
/// what a press leaving the step checks for answers not submitted (`CourseAction::Leave`).
fn typed(drafts: &BTreeMap<String, String>) -> Vec<String> {
    drafts
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(q, _)| q.clone())
        .collect()
}

/// What a press leaving the step (`button`: its words, Next, Finish, Close or Another
/// student) says when `n` answers of the step are typed or picked but not submitted: that
/// they are not, what that costs, and that the same press again leaves them so.
fn unsubmitted_note(lang: Lang, n: usize, button: &str) -> String {
    let key = if n == 1 {
        "course.unsubmitted_one"
    } else {
        "course.unsubmitted_many"
    };
    t(lang, key)
        .replace("{n}", &n.to_string())
        .replace("{button}", button)
}
