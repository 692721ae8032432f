//! One step of the open assignment ([`StepView`]): its introduction, the predictions
//! committed before its run, the run's status, the questions answered from its results,
//! and the moves to the steps around it.

use std::collections::BTreeMap;

use yew::prelude::*;

use super::answers::{
    answer_button_id, answer_id, input, kept_verdict, not_number_id, prompt_id, status_id,
    tolerance_id, verdict, InputState,
};
use super::focus::{focus_after_commit, focus_by_id};
use super::notes::{variant_own, variant_text};
use super::{dispatch, typed, unsubmitted_note, StepProps};
use crate::components::questions;
use crate::i18n::{t, Lang};
use crate::sim::{QuestionAnswer, QuestionKind};
use crate::state::course::{self, CourseAction, LeaveTo, NotReady, QuestionView};
use crate::state::Action;

#[function_component(StepView)]
pub(super) fn step_view(props: &StepProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let all_drafts = props.drafts.clone();
    let drafts: BTreeMap<String, String> = all_drafts
        .get(&props.draft_key)
        .cloned()
        .unwrap_or_default();
    // Questions whose answer was not a number when given: asked again, with a note.
    // Each with how often it was asked again: the key of its note, re-created (and so said
    // again by a screen reader) when the same answer is given again.
    let not_numbers = use_state(BTreeMap::<String, u32>::new);
    // Answers in another time unit than the question's ("5초" to a question in µs), read
    // and said, waiting for a second press to be final (a unit slip is then not final at
    // once): by question, the answer as typed.
    let confirming = use_state(BTreeMap::<String, String>::new);
    // An answer asked again (not a number): the focus goes back to its box once the page has
    // drawn the note, so that it can be corrected at once (Enter had left it on the answer's
    // button; a keyboard user's review). Set by the press, taken by the render after it.
    let refocus = crate::components::focus_after_render::use_focus_after_render(focus_by_id);
    // The run whose "Running this step…" was said, and the language it was said in.
    let said_in = use_mut_ref(|| None::<(u64, Lang)>);
    // "Commit my predictions and run" is gone once pressed: the focus moves to the
    // predictions' heading (`focus_after_commit`), not to <body>, and stays there.
    {
        let step_waiting = state
            .course
            .as_ref()
            .map(|c| (c.progress.step, c.awaiting_predictions()));
        let last = use_mut_ref(|| step_waiting);
        use_effect_with(step_waiting, move |&now| {
            let before = last.replace(now);
            if let (Some((was, true)), Some((step, false))) = (before, now) {
                if was == step {
                    focus_after_commit();
                }
            }
        });
    }
    let Some(c) = &state.course else {
        return html! {};
    };
    let a = c.a();
    let index = c.progress.step;
    let step = &a.steps[index];
    let expected = c.expected(state);
    let waiting = c.awaiting_predictions();
    let find = |id: &str| {
        expected
            .as_ref()
            .and_then(|e| e.iter().find(|q| q.id == id))
    };
    let set = |id: String| {
        let all_drafts = all_drafts.clone();
        let here = props.draft_key.clone();
        let not_numbers = not_numbers.clone();
        let confirming = confirming.clone();
        Callback::from(move |v: String| {
            let mut d = (*all_drafts).clone();
            d.entry(here.clone()).or_default().insert(id.clone(), v);
            all_drafts.set(d);
            if not_numbers.contains_key(&id) {
                let mut n = (*not_numbers).clone();
                n.remove(&id);
                not_numbers.set(n);
            }
            if confirming.contains_key(&id) {
                let mut c = (*confirming).clone();
                c.remove(&id);
                confirming.set(c);
            }
        })
    };
    // Platforms by their labels, from the step's scenario (the name when it has none),
    // with the network the student's variant gives them, as the results name them.
    let label = |name: &str| c.platform_label(lang, index, name);
    let variant = variant_text(lang, &a.variant(index, c.student()));
    // Whether the variant changes what the step's scenario sets: an explanation's figures
    // are then the scenario's own, not the student's.
    let variant_changes = variant_own(lang, c, &state.baseline).is_some();
    let not_ready = c.not_ready(state);
    let predictions: Vec<&QuestionView> = c.questions.iter().filter(|q| q.predict).collect();
    let later: Vec<&QuestionView> = c.questions.iter().filter(|q| !q.predict).collect();

    let all_predicted = predictions
        .iter()
        .all(|q| drafts.get(&q.id).is_some_and(|v| !v.trim().is_empty()));
    let on_commit = {
        let s = state.clone();
        let refocus = refocus.clone();
        let drafts = drafts.clone();
        let not_numbers = not_numbers.clone();
        let confirming = confirming.clone();
        let asked: Vec<(String, (QuestionKind, &'static str))> = predictions
            .iter()
            .map(|q| (q.id.clone(), (q.kind, q.unit)))
            .collect();
        Callback::from(move |_| {
            // aria-disabled until every prediction is given: the press does nothing.
            if !all_predicted {
                return;
            }
            let answers: Vec<(String, String)> = asked
                .iter()
                .map(|(id, _)| (id.clone(), drafts.get(id).cloned().unwrap_or_default()))
                .collect();
            let unreadable: BTreeMap<String, u32> = asked
                .iter()
                .zip(&answers)
                .filter(|((_, (kind, unit)), (_, answer))| !course::readable(*kind, unit, answer))
                .map(|((id, _), _)| (id.clone(), not_numbers.get(id).map_or(0, |n| n + 1)))
                .collect();
            if !unreadable.is_empty() {
                // The first prediction asked again, in the order they are shown.
                *refocus.borrow_mut() = asked
                    .iter()
                    .find(|(id, _)| unreadable.contains_key(id))
                    .map(|(id, _)| answer_id(id));
                not_numbers.set(unreadable);
                return;
            }
            // A prediction in another time unit than its question's is said as read and
            // committed on the next press, as an answer after the run is.
            let unconfirmed: Vec<(String, String)> = asked
                .iter()
                .zip(&answers)
                .filter(|((id, (_, unit)), (_, answer))| {
                    questions::read_as(lang, unit, answer).is_some()
                        && confirming.get(id) != Some(answer)
                })
                .map(|((id, _), (_, answer))| (id.clone(), answer.clone()))
                .collect();
            if unconfirmed.is_empty() {
                s.dispatch(Action::Course(CourseAction::CommitPredictions(answers)));
            } else {
                let mut c = (*confirming).clone();
                c.extend(unconfirmed);
                confirming.set(c);
            }
        })
    };

    // Why the answers cannot be given, with the way back to the step's own run: under the
    // questions to answer from the results when there are any (they said "run this step
    // first" after a slider had moved: a student's review), else under the predictions.
    // A status: a slider moved by a keyboard makes it appear, away from where the student
    // is (it went unsaid; a screen reader's review). Its live region is there (empty) from
    // the step's first render, the note put in it: a region inserted with its text may go
    // unsaid (a blind student's review).
    let back = match not_ready {
        Some(NotReady::OtherSettings) => Some("course.settings_changed"),
        Some(NotReady::NotRun) => Some("course.run_first"),
        _ => None,
    };
    let blocked = html! {
        <div class="course-off-step-status" role="status">
            if let Some(key) = back {
                <p class="course-status" id="course-off-step">
                    { t(lang, key) }{ " " }
                    <button id="course-reload" onclick={dispatch(state, CourseAction::GoTo(index))}>{ t(lang, "course.back_to_step") }</button>
                </p>
            }
        </div>
    };
    // Its words only once the run has gone on for `SHOW_RUNNING_AFTER_MS`, as the page's own
    // running line: a run of 22 ms was said and shown as running, then done at once. The
    // live region is there (empty) from the step's first render, its text changed (one
    // inserted with its text may go unsaid; it came with each run).
    // Said in the language it was first shown in: after a switch of language during the
    // run, the line shows in the new words out of the live region (inside, the switch said
    // "Running this step…" again; a review).
    let running = not_ready == Some(NotReady::Running) && state.running_shown;
    let said_here = running && {
        let mut said_in = said_in.borrow_mut();
        match *said_in {
            Some((run, said)) if run == state.run_id => said == lang,
            _ => {
                *said_in = Some((state.run_id, lang));
                true
            }
        }
    };
    let run_line = html! {
        <>
            <p id="course-status" class="course-status" role="status">
                if said_here { { t(lang, "course.running") } }
            </p>
            if running && !said_here {
                <p id="course-status-shown" class="course-status" aria-hidden="true">{ t(lang, "course.running") }</p>
            }
            if later.is_empty() { { blocked.clone() } }
        </>
    };

    // What a numeric question accepts, said until it is answered (then its verdict shows
    // the accepted range): with no tolerance, whether the printed figure is needed depends
    // on the computed value, known once the step has run.
    let tolerance = |q: &QuestionView, answered: bool| -> Option<String> {
        if answered || q.kind != QuestionKind::Numeric {
            return None;
        }
        let value = find(&q.id).and_then(|e| e.value).unwrap_or(0.0);
        let asked = QuestionAnswer::numeric(&q.id, q.metric, value, q.tolerance_percent);
        Some(questions::tolerance_note(lang, &asked))
    };
    let question = |q: &QuestionView| -> Html {
        let saved = c.progress.answer(&step.id, &q.id);
        let value = saved
            .map(|s| s.answer.clone())
            .or_else(|| drafts.get(&q.id).cloned())
            .unwrap_or_default();
        let locked =
            saved.is_some() || (q.predict && !waiting) || (!q.predict && expected.is_none());
        let answered = saved.is_some();
        let accepts = tolerance(q, answered);
        let on_answer = {
            let s = state.clone();
            let refocus = refocus.clone();
            let not_numbers = not_numbers.clone();
            let confirming = confirming.clone();
            let (id, value, kind, unit) = (q.id.clone(), value.clone(), q.kind, q.unit);
            Callback::from(move |_| {
                // Answered, or nothing given yet: the button is aria-disabled, its press ignored.
                if answered || value.trim().is_empty() {
                    return;
                }
                let other_unit = questions::read_as(lang, unit, &value).is_some();
                if course::readable(kind, unit, &value)
                    && other_unit
                    && confirming.get(&id) != Some(&value)
                {
                    // Said first (what it was read as); final on the next press.
                    let mut c = (*confirming).clone();
                    c.insert(id.clone(), value.clone());
                    confirming.set(c);
                } else if course::readable(kind, unit, &value) {
                    s.dispatch(Action::Course(CourseAction::Submit {
                        question: id.clone(),
                        answer: value.clone(),
                    }))
                } else {
                    *refocus.borrow_mut() = Some(answer_id(&id));
                    let mut n = (*not_numbers).clone();
                    *n.entry(id.clone()).or_default() += 1;
                    not_numbers.set(n);
                }
            })
        };
        // The saved answer's verdict (`Verdict`): its line in the live region, for an answer
        // given after the run and for a prediction when the run ends.
        let (shown_verdict, kept, saved_note) = match saved {
            // No result of this step shown: the verdict its run gave, kept.
            Some(saved) if expected.is_none() && step.reveal => (
                c.kept_verdict(saved)
                    .map(|right| kept_verdict(lang, saved, right, &label)),
                true,
                String::new(),
            ),
            Some(saved) if step.reveal => (
                verdict(
                    lang,
                    &saved.answer,
                    find(&q.id),
                    step.reveal,
                    variant_changes,
                    state.baseline.explanation_quotes_a_figure(&q.id, lang),
                    &label,
                ),
                false,
                String::new(),
            ),
            // Words only, as a verdict's line.
            Some(saved) => (
                None,
                false,
                match questions::read_as(lang, q.unit, &saved.answer) {
                    Some(read) => format!("{} {read}", t(lang, "course.saved")),
                    None => t(lang, "course.saved").to_string(),
                },
            ),
            None => (None, false, String::new()),
        };
        let verdict_class = classes!(
            "course-q-verdict",
            shown_verdict.as_ref().map(|_| "verdict"),
            (kept && shown_verdict.is_some()).then_some("kept")
        );
        let verdict_of = shown_verdict
            .as_ref()
            .map(|v| if v.right { "right" } else { "wrong" });
        let (line, more) = shown_verdict
            .map(|v| (v.line, v.more))
            .unwrap_or_else(|| (saved_note, html! {}));
        html! {
            // Keyed by step and question: another step's questions are new elements, their
            // live regions not changed ones (which would read out every saved verdict).
            <li key={format!("{}/{}", step.id, q.id)} class="course-q" data-question={q.id.clone()} data-answered={saved.is_some().to_string()}>
                <p class="prompt" id={prompt_id(q)}>
                    // Filled with the step's run's figures once it has one.
                    { find(&q.id).map_or_else(|| q.text.get(lang.tag()).to_string(), |e| e.text.get(lang.tag()).to_string()) }
                    <span class="points">{ match lang {
                        // Korean writes the counter without a space: "2점".
                        Lang::Ko => format!(" ({}{})", q.points, t(lang, "course.points")),
                        Lang::En if q.points == 1 => format!(" (1 {})", t(lang, "course.points")),
                        Lang::En => format!(" ({} {})", q.points, t(lang, "course.points.many")),
                    } }</span>
                </p>
                { input(lang, q, &value, set(q.id.clone()), &label, InputState {
                    disabled: locked,
                    tolerance: accepts.is_some(),
                    not_a_number: saved.is_none() && not_numbers.contains_key(&q.id),
                    final_on_enter: !q.predict && expected.is_some() && !answered,
                }) }
                // Kept once answered (aria-disabled, clicks ignored), not taken away: the
                // keyboard's and a screen reader's place stays on it, beside the verdict.
                // It says the answer is final (one try, unlike the library's Check). Before
                // an answer is given, aria-disabled too (found by Tab, with why), not disabled.
                if !q.predict && expected.is_some() {
                    <button id={answer_button_id(&q.id)} onclick={on_answer}
                        aria-disabled={(answered || value.trim().is_empty()).then_some("true")}
                        aria-describedby={(!answered).then(|| if value.trim().is_empty() { "course-answers-empty course-final-note" } else { "course-final-note" })}>{ t(lang, "course.answer") }</button>
                }
                if let Some(accepts) = accepts {
                    <p class="hint tolerance" id={tolerance_id(q)}>{ accepts }</p>
                }
                // Why an answer is asked again (not a number): said with its box, which the
                // focus goes back to, not in the live region below as well (said twice: a
                // blind student's review). Given again, a new element, as it is asked again.
                if let (None, Some(tries)) = (saved, not_numbers.get(&q.id)) {
                    <p key={tries.to_string()} id={not_number_id(q)} class="wrong not-number">{
                        crate::components::with_code(&questions::asked_again(lang, q.unit, &value))
                    }</p>
                }
                <div class={verdict_class} data-verdict={verdict_of}>
                    // A live region that is always there, its text changed (one inserted with
                    // its text may go unsaid): the note on an answer read in another unit and
                    // the verdict's line, of an answer given after the run and of a prediction
                    // when the run ends (the focus then on the predictions' heading, which a
                    // screen reader says alone: a keyboard user's review heard no verdict).
                    // Keyed by the language: a switch draws it anew, with its words, not said
                    // again (a change of its words re-said every verdict: a blind student's
                    // review).
                    <div key={lang.tag()} id={status_id(&q.id)} class="course-q-status" role="status">
                        if let (None, Some(read)) = (saved, confirming.get(&q.id).filter(|&v| *v == value).and_then(|v| questions::read_as(lang, q.unit, v))) {
                            <p class="hint read-as confirm">{ read }{ " " }{ t(lang, if q.predict { "course.confirm_unit_predict" } else { "course.confirm_unit" }) }</p>
                        }
                        // The verdict's line, or a saved answer's note: one text node of the
                        // region, changed in one go (not at all when its words stay).
                        { line }
                    </div>
                    // The rest of the verdict: not said on its own at each re-run.
                    { more }
                </div>
            </li>
        }
    };

    // Next (Finish on the last step): held back once by answers typed or picked here but
    // not submitted (`CourseAction::Leave`), which the step then counts.
    let next_words = if index + 1 == a.steps.len() {
        t(lang, "course.finish")
    } else {
        t(lang, "course.next")
    };
    let leaving = c
        .leaving
        .as_ref()
        .filter(|l| l.to == LeaveTo::Step(index + 1))
        .map(|l| l.unsubmitted.len());
    let on_next = {
        let s = state.clone();
        let typed = typed(&drafts);
        Callback::from(move |_: MouseEvent| {
            s.dispatch(Action::Course(CourseAction::Leave {
                to: LeaveTo::Step(index + 1),
                typed: typed.clone(),
            }))
        })
    };

    html! {
        <div class="course-step" data-step-id={step.id.clone()}>
            <h3 id="course-step-h" tabindex="-1">{ format!("{} {}/{} · {}", t(lang, "course.step"), index + 1, a.steps.len(), step.title.get(lang.tag())) }</h3>
            // Its figures (`{metric:platform}`) are the step's run's, "…" before it.
            <p class="course-intro">{ c.step_text(state, step.intro.get(lang.tag())) }</p>
            if !variant.is_empty() {
                <p class="hint course-variant">{ format!("{}: {variant}", t(lang, "course.variant")) }</p>
            }
            if let Some(e) = &c.step_error {
                <p class="error-text" id="course-step-error" role="alert">
                    { t(lang, "course.step_invalid") }{ " " }{ crate::components::with_code(e.get(lang)) }
                </p>
            }
            if !predictions.is_empty() {
                <h4 id="course-predict-h" tabindex="-1">{ t(lang, "course.predict") }</h4>
                <ol class="course-questions predict">{ for predictions.iter().map(|q| question(q)) }</ol>
                if waiting {
                    // Unavailable until every prediction is given, but kept where Tab and
                    // a screen reader find it, with why (aria-disabled, not disabled).
                    <button id="course-commit" class="primary" onclick={on_commit} aria-disabled={(!all_predicted).then_some("true")}
                        aria-describedby={(!all_predicted).then_some("course-commit-why")}>
                        { t(lang, "course.commit") }
                    </button>
                    if !all_predicted {
                        <p class="hint" id="course-commit-why">{ t(lang, "course.commit_needs_all") }</p>
                    }
                }
            }
            { run_line }
            if !later.is_empty() {
                <h4>{ t(lang, "course.after_run") }</h4>
                if not_ready == Some(NotReady::Predictions) {
                    <p class="hint">{ t(lang, "course.run_first") }</p>
                }
                { blocked }
                <p class="hint" id="course-final-note">{ t(lang, "course.final_note") }</p>
                // Why an answer's button is unavailable before an answer is given.
                <p class="sr-only" id="course-answers-empty">{ t(lang, "course.answer_needs_one") }</p>
                <ol class="course-questions">{ for later.iter().map(|q| question(q)) }</ol>
            }
            <nav class="course-nav" aria-label={t(lang, "course.nav")}>
                if index > 0 {
                    // Answers typed here are kept for the return (`Drafts`): Previous moves at once.
                    <button id="course-prev" onclick={dispatch(state, CourseAction::GoTo(index - 1))}>{ t(lang, "course.prev") }</button>
                }
                <button id="course-next" onclick={on_next} aria-describedby={leaving.is_some().then_some("course-leaving")}>
                    { next_words }
                </button>
            </nav>
            // Next pressed with answers not submitted: how many, and that a second press
            // leaves them so. A live region there from the step's first render, its words
            // put in (one inserted with them may go unsaid); the focus stays on Next.
            <div class="course-leaving-status" role="status">
                if let Some(n) = leaving {
                    <p id="course-leaving" class="course-leaving">{ unsubmitted_note(lang, n, next_words) }</p>
                }
            </div>
        </div>
    }
}
