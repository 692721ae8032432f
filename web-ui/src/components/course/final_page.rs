//! The assignment's final page: the score, each step's answers and verdicts, and the
//! answers file to download.

use yew::prelude::*;

use super::dispatch;
use crate::export;
use crate::i18n::{t, Lang};
use crate::state::course::{self, Course, CourseAction};
use crate::state::{Action, State};

pub(super) fn final_page(state: &UseReducerHandle<State>, c: &Course, lang: Lang) -> Html {
    let a = c.a();
    let json = c.answers_json();
    let on_export = {
        let (json, name) = (
            json.clone(),
            format!(
                "answers-{}-{}.json",
                export::file_stem(&a.id),
                export::file_stem(c.student().unwrap_or(""))
            ),
        );
        // The download said, with the file's name (nothing said it: a blind student's review).
        let s = state.clone();
        Callback::from(move |_| {
            export::download(&name, "application/json", &json);
            s.dispatch(Action::Notice(Some(
                t(s.lang, "course.downloaded").replace("{}", &name),
            )));
        })
    };
    let last = a.steps.len().saturating_sub(1);
    html! {
        <div class="course-final">
            <h3 id="course-step-h" tabindex="-1">{ t(lang, "course.final") }</h3>
            if let Some(score) = c.score() {
                { score_view(lang, &score) }
            }
            <ul class="course-summary">
                { for a.steps.iter().enumerate().map(|(i, step)| {
                    let answered = c.progress.answers.iter().filter(|s| s.step == step.id).count();
                    html! {
                        <li data-step-id={step.id.clone()}>
                            <button class="link" onclick={dispatch(state, CourseAction::GoTo(i))}>
                                { format!("{}. {}", i + 1, step.title.get(lang.tag())) }
                            </button>
                            { format!(" · {answered}/{} {}", step.questions.len(), t(lang, "course.answered")) }
                            { step_review(lang, c, i) }
                        </li>
                    }
                }) }
            </ul>
            <p class="hint">{ t(lang, "course.export.hint") }</p>
            <button id="course-export" class="primary" onclick={on_export}>{ t(lang, "course.export") }</button>
            <button id="course-back" onclick={dispatch(state, CourseAction::GoTo(last))}>{ t(lang, "course.prev") }</button>
            // Its own name: the button's, repeated, read as a second button to a screen reader.
            <label for="course-answers-json" class="sr-only">{ t(lang, "course.answers_text") }</label>
            <textarea id="course-answers-json" readonly=true rows="8" value={json} />
        </div>
    }
}

/// Step `index`'s questions on the final page, each with the student's answer, its verdict
/// and the computed answer it was checked against, as `virtsim grade` lists them (a
/// student's review: the page gave totals only). A verdict kept for another version of the
/// step is not shown, as the score does not count it.
fn step_review(lang: Lang, c: &Course, index: usize) -> Html {
    let a = c.a();
    let step = &a.steps[index];
    let current = a.scenario_hash(index, c.student());
    // A platform by its label and the network the student's variant gave it, as the
    // step's options showed it; a number as typed.
    let shown = |answer: &str| c.platform_label(lang, index, answer);
    // Cells written by one template each (a row's four, the heading's four): each `html!`
    // element is code in the page's wasm.
    let cell = |class: &'static str, text: String| html! { <td {class}>{ text }</td> };
    let mut rows = Vec::with_capacity(step.questions.len());
    for q in &step.questions {
        let saved = c
            .progress
            .answer(&step.id, &q.id)
            .filter(|s| !s.answer.trim().is_empty());
        let checked = saved.filter(|s| s.hash == current).and_then(|s| s.right);
        let (verdict, class) = match (saved, checked) {
            (None, _) => ("course.review.unanswered", "unanswered"),
            _ if !step.reveal => ("course.review.saved", "saved"),
            (Some(_), None) => ("course.review.unchecked", "unchecked"),
            (Some(_), Some(true)) => ("course.right", "right"),
            (Some(_), Some(false)) => ("course.wrong", "wrong"),
        };
        // No run beside it: a figure the question quotes (`{metric:platform}`) is "…".
        let mut question = crate::sim::question::placeholder::pending(q.text.get(lang.tag()));
        if q.predict {
            question = format!("{question} ({})", t(lang, "course.review.predicted"));
        }
        let yours = saved.map_or_else(|| "—".to_string(), |s| shown(&s.answer));
        let expected = saved
            .filter(|_| checked.is_some())
            .and_then(|s| s.expected(lang, &shown))
            .unwrap_or_else(|| "—".to_string());
        rows.push(html! {
            <tr data-question={q.id.clone()} data-verdict={class}>
                { cell("question", question) }
                { cell("yours", yours) }
                { cell(class, t(lang, verdict).to_string()) }
                { cell("expected", expected) }
            </tr>
        });
    }
    html! {
        <div class="course-review-box">
            <table class="course-review">
                <thead><tr>
                    { for ["course.review.question", "course.review.yours", "course.review.verdict", "course.review.expected"]
                        .into_iter()
                        .map(|k| html! { <th scope="col">{ t(lang, k) }</th> }) }
                </tr></thead>
                <tbody>{ rows }</tbody>
            </table>
        </div>
    }
}

/// "N of M right · P of Q points" over the questions of steps that reveal answers, with what the rest are
/// (wrong, not answered, not checked), and the questions of steps that do not reveal.
fn score_view(lang: Lang, score: &course::Score) -> Html {
    let fill = |key: &'static str, n: usize| t(lang, key).replace("{n}", &n.to_string());
    // "8 of 12 right · 9 of 15 points": the points as `virtsim grade` adds them up.
    let headline = format!(
        "{} · {}",
        fill("course.score", score.right).replace("{m}", &score.revealed.to_string()),
        t(
            lang,
            if score.max_points == 1 {
                "course.score.points_one"
            } else {
                "course.score.points"
            }
        )
        .replace("{p}", &score.points.to_string())
        .replace("{q}", &score.max_points.to_string())
    );
    let rest: Vec<String> = [
        ("course.score.wrong", score.wrong),
        ("course.score.unanswered", score.unanswered),
        ("course.score.unchecked", score.unchecked),
    ]
    .into_iter()
    .filter(|&(_, n)| n > 0)
    .map(|(key, n)| fill(key, n))
    .collect();
    let hidden = match score.hidden {
        0 => None,
        1 => Some(fill("course.score.hidden_one", 1)),
        n => Some(fill("course.score.hidden", n)),
    };
    html! {
        <div class="course-score" id="course-score"
            data-right={score.right.to_string()} data-revealed={score.revealed.to_string()}
            data-wrong={score.wrong.to_string()} data-unanswered={score.unanswered.to_string()}
            data-unchecked={score.unchecked.to_string()} data-hidden={score.hidden.to_string()}
            data-points={score.points.to_string()} data-max-points={score.max_points.to_string()}>
            <p class="course-score-line">
                <strong>{ headline }</strong>
                { for rest.into_iter().map(|part| html! { <>{ " · " }{ part }</> }) }
            </p>
            if let Some(hidden) = hidden {
                <p class="hint" id="course-score-hidden">{ hidden }</p>
            }
            <p class="hint">{ t(lang, "course.score.note") }</p>
        </div>
    }
}
