//! A question's answer: its input (radio buttons or a text field, [`input`]), the ids of
//! the notes that describe it, and its verdict ([`verdict`], [`kept_verdict`]).

use yew::prelude::*;

use crate::components::question_ids::question_dom_id;
use crate::components::questions;
use crate::i18n::{t, Lang};
use crate::sim::{QuestionAnswer, QuestionKind};
use crate::state::course::{self, QuestionView};

/// A verdict as its question shows it: the line that its live region says (right or
/// wrong, and the computed answer), and what follows it, read where it stands.
///
/// Only the line is said: a re-run that leaves the step's settings shows the verdict kept
/// from its run (the line alone), and one that comes back shows it whole again. Were the
/// notes and the explanation inside the live region, each such re-run (a slider's arrow
/// key) would read them all out again; the line, the same in both, is not said again
/// unless it changes (a keyboard user's review).
pub(super) struct Verdict {
    pub(super) right: bool,
    pub(super) line: String,
    pub(super) more: Html,
}

/// The line of a verdict: right or wrong, and the computed answer (as `Verdict` says).
/// Words only: its live region holds them as one text node, changed in one go (a line of
/// elements was drawn into the region a piece at a time, four changes at each step change,
/// each a screen reader's to say: a blind student's review).
fn verdict_line(lang: Lang, right: bool, computed: Option<String>) -> String {
    let word = if right {
        t(lang, "course.right")
    } else {
        t(lang, "course.wrong")
    };
    match computed {
        Some(computed) => format!("{word} · {}: {computed}", t(lang, "questions.computed")),
        None => word.to_string(),
    }
}

/// The verdict of a given answer, when answers are revealed and computed.
pub(super) fn verdict(
    lang: Lang,
    given: &str,
    expected: Option<&QuestionAnswer>,
    reveal: bool,
    variant_changes: bool,
    // Whether the explanation as written quotes a figure (`Baseline::explanation_quotes_a_figure`);
    // `None` when unknown: the shown one is read then.
    quotes: Option<bool>,
    label: &dyn Fn(&str) -> String,
) -> Option<Verdict> {
    let (Some(q), true) = (expected, reveal) else {
        return None;
    };
    let right = q.check(given);
    // A choice's answer is a platform: shown by its label, as the options are; a number
    // with its unit and what is accepted, as `virtsim answers` prints it for the instructor.
    let computed =
        crate::answer_text::assignment_answer(lang, q).unwrap_or_else(|| label(&q.answer));
    Some(Verdict {
        right,
        line: verdict_line(lang, right, Some(computed)),
        more: html! {
            <>
                if let Some(read) = questions::read_as(lang, q.metric.unit(), given) {
                    <p class="hint read-as">{ read }</p>
                }
                if questions::given_as_fraction(q, given) {
                    <p class="hint in-percent">{ t(lang, "questions.in_percent") }</p>
                }
                if !right {
                    <p class="hint look">{ questions::look(lang, q) }</p>
                }
                if let Some(why) = &q.explanation {
                    // Its glossary terms marked, as on the Questions tab.
                    { questions::explanation(lang, &answer_id(&q.id), why.get(lang.tag()), false) }
                    // Written for the scenario's own settings: its figures are not the
                    // student's variant's (said only of an explanation that quotes figures).
                    if variant_changes && quotes.unwrap_or_else(|| crate::sim::text::quotes_a_figure(why.get(lang.tag()))) {
                        <p class="hint figures-note">{ t(lang, "course.explanation_figures") }</p>
                    }
                }
            </>
        },
    })
}

/// A saved answer's verdict kept from a run of this step (`Course::kept_verdict`), shown
/// while the results are of other settings: right or wrong, and the computed answer it was
/// checked against.
pub(super) fn kept_verdict(
    lang: Lang,
    saved: &course::Saved,
    right: bool,
    label: &dyn Fn(&str) -> String,
) -> Verdict {
    Verdict {
        right,
        line: verdict_line(lang, right, saved.expected(lang, label)),
        more: html! {},
    }
}

/// The id of the note on what a numeric question accepts, which describes its box.
pub(super) fn tolerance_id(q: &QuestionView) -> String {
    format!("{}-tolerance", answer_id(&q.id))
}

/// The id of the note on an answer that is not a number, which describes its box.
pub(super) fn not_number_id(q: &QuestionView) -> String {
    format!("{}-note", answer_id(&q.id))
}

/// The id of a question's prompt, which names its answer.
pub(super) fn prompt_id(q: &QuestionView) -> String {
    format!("{}-prompt", answer_id(&q.id))
}

/// The id of question `question`'s answer box (a choice's radio buttons' name): `cq-` and
/// the question's id made safe ([`question_dom_id`]).
pub(super) fn answer_id(question: &str) -> String {
    question_dom_id("cq-", question)
}

/// The id of the button that gives question `question`'s answer as final.
pub(super) fn answer_button_id(question: &str) -> String {
    question_dom_id("course-answer-", question)
}

/// The id of the live region that says question `question`'s verdict.
pub(super) fn status_id(question: &str) -> String {
    format!("{}-status", answer_id(question))
}

/// How an answer input is shown.
#[derive(Clone, Copy)]
pub(super) struct InputState {
    /// Locked: answered, or a prediction committed.
    pub(super) disabled: bool,
    /// A note on what a numeric question accepts (`tolerance_id`) is shown, which then
    /// describes the box with its unit.
    pub(super) tolerance: bool,
    /// The answer typed was asked again (not a number): the box is invalid, described by
    /// the note that says why.
    pub(super) not_a_number: bool,
    /// Enter in the box gives a final answer: the box is described by the note that says
    /// so too, not only its button, which a student answering with Enter never reaches (a
    /// blind student's review).
    pub(super) final_on_enter: bool,
}

/// An answer input: radio buttons for a choice, a text field for a number.
pub(super) fn input(
    lang: Lang,
    q: &QuestionView,
    value: &str,
    on: Callback<String>,
    label: &dyn Fn(&str) -> String,
    shown: InputState,
) -> Html {
    let InputState {
        disabled,
        tolerance,
        not_a_number,
        final_on_enter,
    } = shown;
    let id = answer_id(&q.id);
    // Named by the question's prompt (`prompt_id`), as the Questions tab names its answers.
    let prompt = prompt_id(q);
    if q.kind == QuestionKind::Numeric || q.options.is_empty() {
        // The unit beside the box: "57.7" for 57.7 %, not 0.577.
        let unit = format!("{id}-unit");
        let hint = tolerance_id(q);
        // An answer asked again (not a number) is marked invalid and described by the note
        // that says why, which a screen reader then reads with the box, where the focus
        // goes back (`not_number_id`).
        let status = not_number_id(q);
        let described: Vec<&str> = [
            (!q.unit.is_empty()).then_some(unit.as_str()),
            tolerance.then_some(hint.as_str()),
            not_a_number.then_some(status.as_str()),
            final_on_enter.then_some("course-final-note"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let described = (!described.is_empty()).then(|| described.join(" "));
        html! {
            <span class="answer-box">
                <input id={id} type="text" inputmode="decimal" value={value.to_string()} {disabled}
                    aria-labelledby={prompt} aria-describedby={described}
                    aria-invalid={not_a_number.then_some("true")}
                    onkeydown={questions::enter_clicks(answer_button_id(&q.id), true)}
                    oninput={move |e: InputEvent| on.emit(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())} />
                if !q.unit.is_empty() {
                    <span class="unit" id={unit}>{ crate::answer_text::unit_in(lang, q.unit) }</span>
                }
            </span>
        }
    } else {
        html! {
            <div class="choices" role="radiogroup" aria-labelledby={prompt}>
                { for q.options.iter().map(|o| {
                    let (on, o2) = (on.clone(), o.clone());
                    html! {
                        <label><input type="radio" name={id.clone()} value={o.clone()} checked={value == o} {disabled}
                            onchange={move |_| on.emit(o2.clone())} />{ label(o) }</label>
                    }
                }) }
            </div>
        }
    }
}
