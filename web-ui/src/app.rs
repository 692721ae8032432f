//! The page: state, the run loop effect, the layout of the components, and a library choice
//! loaded before it is dispatched (`select_builtin`: the text fetched, then
//! `Action::SelectBuiltin`).
//!
//! The run loop starts a run whenever `State::run_id` changes while one is requested (its
//! cleanup cancels the one before). When the result's settings are not the scenario's
//! own and no answers as written are known for the text (`State::running_wants_written`),
//! it then runs the text as written in the background and hands its answers to the state
//! (`Action::WrittenAnswers`), so a revealed explanation can say that the settings changed
//! its answer. A long edited text is validated once typing pauses (a timer that
//! sends `Action::Validate`). The panels are rendered in the order they are shown at the
//! window's width (`components::one_column`), so that Tab follows it.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::builtin;
use crate::components::{
    controls::Controls,
    course::{CourseOpen, CoursePanel},
    editor::Editor,
    glossary::{Described, GlossaryList},
    header::Header,
    library::Library,
    one_column::{sync_jump_bar_height, use_one_column},
    results::Results,
    scenario_terms::ScenarioTerms,
};
use crate::i18n::{t, Lang};
use crate::run::run_sliced;
use crate::run_end::RunEnd;
use crate::share;
use crate::state::{Action, RunStatus, State, Validation};

thread_local! {
    /// How many library choices were made: a fetch that finishes after a later choice
    /// does not replace it.
    static CHOICES: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// The user chose library scenario `i`: loads its text, then loads and runs it
/// (`Action::SelectBuiltin`), or says that it could not be loaded (`Action::FetchFailed`)
/// and puts the library's list back on `shown`, the scenario still in the page (so that
/// choosing `i` again retries).
fn select_builtin(dispatch: yew::UseReducerDispatcher<State>, i: usize, shown: Option<usize>) {
    let choice = CHOICES.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    if builtin::text(i).is_none() {
        if let Some(file) = builtin::files().nth(i) {
            dispatch.dispatch(Action::Loading(file.to_string()));
        }
    }
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = builtin::load(i).await;
        if CHOICES.with(|c| c.get()) != choice {
            return;
        }
        match loaded {
            Ok(_) => dispatch.dispatch(Action::SelectBuiltin(i)),
            Err(failure) => {
                dispatch.dispatch(Action::FetchFailed {
                    failure,
                    within: None,
                });
                show_in_list(shown);
            }
        }
    });
}

/// Sets the library's list (`#scenario-select`) to `shown` ("—" when none).
fn show_in_list(shown: Option<usize>) {
    use wasm_bindgen::JsCast;
    let select = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("scenario-select"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok());
    if let Some(select) = select {
        select.set_value(&shown.map(|i| i.to_string()).unwrap_or_default());
    }
}

fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Takes a share link out of the address bar, keeping the language parameter (no reload,
/// no hashchange event).
fn clear_share_hash(hash: &str) {
    let lang = hash
        .trim_start_matches('#')
        .split('&')
        .find(|kv| kv.starts_with("l="))
        .map(|kv| format!("#{kv}"))
        .unwrap_or_default();
    crate::state::course::replace_hash(&lang);
}

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        let hash = location_hash();
        State::new(Lang::initial(&hash), share::from_hash(&hash))
    });
    let one_column = use_one_column();
    // The element that had the focus when the notice appeared (the share button, the
    // editor's Open file...): closing the notice gives the focus back to it, not to the
    // page (a keyboard reviewer's focus fell to <body> with the notice's button).
    let focus_before_notice = use_mut_ref(|| None::<web_sys::HtmlElement>);
    {
        let kept = focus_before_notice.clone();
        use_effect_with(state.notice.is_some(), move |&shown| {
            use wasm_bindgen::JsCast;
            *kept.borrow_mut() = if shown {
                web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element())
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            } else {
                None
            };
        });
    }
    let close_notice = {
        let (dispatch, kept) = (state.dispatcher(), focus_before_notice.clone());
        Callback::from(move |()| {
            dispatch.dispatch(Action::Notice(None));
            if let Some(el) = kept.borrow_mut().take().filter(|e| e.is_connected()) {
                let _ = el.focus();
            }
        })
    };

    // Keep <html lang> in step with the chosen language.
    {
        let lang = state.lang;
        use_effect_with(lang, move |lang| {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = el.set_attribute("lang", lang.tag());
            }
            if let Some(d) = web_sys::window().and_then(|w| w.document()) {
                d.set_title(t(*lang, "app.title"));
            }
        });
    }

    // Following a share link or an assignment link in the same tab (hashchange: pasted
    // into the address bar of an open page) loads it. The page's own changes to the
    // address bar replace the state and fire no hashchange.
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let window = web_sys::window();
            let closure = Closure::<dyn Fn()>::new(move || {
                match crate::state::course::from_hash(&location_hash()) {
                    Some(Ok(action)) => {
                        return crate::state::course::dispatch_open(dispatch.clone(), action)
                    }
                    Some(Err(_)) => {
                        return dispatch.dispatch(Action::Notice(Some(
                            t(Lang::initial(&location_hash()), "course.bad_link").to_string(),
                        )))
                    }
                    None => {}
                }
                if let Some(parsed) = share::from_hash(&location_hash()) {
                    match parsed {
                        Ok(shared) => dispatch.dispatch(Action::ApplyShared(shared)),
                        Err(e) => dispatch.dispatch(Action::Notice(Some(
                            crate::state::bad_share_notice(Lang::initial(&location_hash()), &e),
                        ))),
                    }
                }
            });
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback(
                    "hashchange",
                    closure.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback(
                        "hashchange",
                        closure.as_ref().unchecked_ref(),
                    );
                }
                drop(closure);
            }
        });
    }

    // A share link in the address bar stays only while the page shows what it shares:
    // once another scenario is chosen, the text edited or a slider moved, it is taken
    // out (a reload would otherwise bring the shared state back over the student's work).
    // Another view of the same run keeps it.
    {
        let shown = state.shared();
        // Nor while a library link's fetch failed: a reload retries it.
        let pending = state.pending_share.is_some() || state.shows_fetch_failure();
        use_effect_with((shown, pending), |(shown, pending)| {
            // A library link still being fetched: the page does not show it yet.
            if *pending {
                return;
            }
            let hash = location_hash();
            if let Some(parsed) = share::from_hash(&hash) {
                if !parsed.as_ref().is_ok_and(|p| p.same_run(shown)) {
                    clear_share_hash(&hash);
                }
            }
        });
    }

    // A share link to a library scenario the page does not have yet: its text is fetched
    // as a library pick's is, then the link is applied (`State::pending_share`).
    {
        let dispatch = state.dispatcher();
        use_effect_with(state.pending_share.clone(), move |pending| {
            let link = pending
                .clone()
                .and_then(|p| crate::builtin::position(&p.file).map(|i| (i, p)));
            if let Some((i, shared)) = link {
                wasm_bindgen_futures::spawn_local(async move {
                    match crate::builtin::load(i).await {
                        Ok(_) => dispatch.dispatch(Action::ApplyShared(shared)),
                        Err(failure) => dispatch.dispatch(Action::FetchFailed {
                            failure,
                            within: None,
                        }),
                    }
                });
            }
        });
    }

    // An assignment named in the address bar (`#a=` or `#at=`) opens once, on load.
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            match crate::state::course::from_hash(&location_hash()) {
                Some(Ok(action)) => crate::state::course::dispatch_open(dispatch.clone(), action),
                Some(Err(_)) => dispatch.dispatch(Action::Notice(Some(
                    crate::i18n::t(Lang::initial(&location_hash()), "course.bad_link").to_string(),
                ))),
                None => {}
            }
        });
    }

    // A long edited text is validated once typing pauses: each edit restarts the timer
    // (the effect's cleanup drops the one before, which cancels it).
    {
        let dispatch = state.dispatcher();
        let pending = state.validation_pending;
        use_effect_with((state.text.clone(), pending), move |_| {
            let timer = pending.then(|| {
                gloo_timers::callback::Timeout::new(
                    crate::state::VALIDATE_AFTER_PAUSE_MS,
                    move || dispatch.dispatch(Action::Validate),
                )
            });
            move || drop(timer)
        });
    }

    // The run loop: started whenever run_id changes while a run is requested;
    // the cleanup cancels the previous run.
    {
        let dispatch = state.dispatcher();
        let running = state.is_running();
        let trace = state.wants_trace();
        let (file, text, knobs) = (state.file.clone(), state.text.clone(), state.knobs.clone());
        let wants_written = state.running_wants_written;
        use_effect_with(state.run_id, move |&id| {
            let cancel = Rc::new(Cell::new(false));
            // Shows the run once it has gone on for a while (dropped with the run).
            let show = running.then(|| {
                let dispatch = dispatch.clone();
                gloo_timers::callback::Timeout::new(
                    crate::state::SHOW_RUNNING_AFTER_MS,
                    move || dispatch.dispatch(Action::ShowRunning { id }),
                )
            });
            if running {
                let cancel = cancel.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let progress_dispatch = dispatch.clone();
                    let outcome = run_sliced(
                        &file,
                        &text,
                        &knobs,
                        trace,
                        cancel.clone(),
                        &move |done, total| {
                            progress_dispatch.dispatch(Action::Progress { id, done, total })
                        },
                    )
                    .await;
                    if cancel.get() {
                        return;
                    }
                    match outcome {
                        Ok(f) => dispatch.dispatch(Action::Finished {
                            id,
                            result: crate::state::ResultRef(Rc::new(f.result)),
                            events: f.events,
                            millis: f.millis,
                            whole: f.whole,
                        }),
                        Err(RunEnd::Failed(message)) => {
                            return dispatch.dispatch(Action::Failed { id, message })
                        }
                        Err(RunEnd::Cancelled) => return,
                    }
                    // Then, when the result's settings are not the scenario's own, the text
                    // as written (in the background, the result shown; cancelled with the
                    // run): the answers its explanations were written for, to flag one that
                    // the settings changed. A failure leaves them unknown (no flag).
                    if wants_written && !cancel.get() {
                        let written = crate::knobs::Knobs::default();
                        let outcome =
                            run_sliced(&file, &text, &written, false, cancel.clone(), &|_, _| {})
                                .await;
                        if let (Ok(f), false) = (outcome, cancel.get()) {
                            dispatch.dispatch(Action::WrittenAnswers {
                                text,
                                answers: f.result.questions,
                            });
                        }
                    }
                });
            }
            move || {
                cancel.set(true);
                drop(show);
            }
        });
    }

    let lang = state.lang;
    // Every number below is written in this language's format.
    crate::num::set_lang(lang);
    // Platforms whose network the shown result ran with is not the scenario's are named with
    // it wherever the results name them (`labels::platform`).
    crate::labels::set_changed(match (&state.result_input, &state.result_baseline) {
        (Some(input), Some(base)) => crate::knobs::changed_networks(&input.knobs, base),
        _ => Vec::new(),
    });
    let dispatch = state.dispatcher();
    let on_select = {
        let d = dispatch.clone();
        let shown = state.builtin;
        Callback::from(move |i: usize| select_builtin(d.clone(), i, shown))
    };

    let status = match state.status {
        RunStatus::Idle => "idle",
        RunStatus::Running { .. } => "running",
        RunStatus::Done { .. } => "done",
        RunStatus::Cancelled => "cancelled",
        RunStatus::Failed(_) => "failed",
    };

    let (title, description) = match &state.validation {
        Validation::Valid { baseline, .. } => {
            (baseline.title.clone(), baseline.description.clone())
        }
        Validation::Invalid(_) => (None, None),
    };

    let before_start = state.course.as_ref().is_some_and(|c| c.student().is_none());
    // Figures the description quotes are the scenario's own: said once the shown result's
    // settings differ (a slider moved, an assignment step's variant).
    let description_note = crate::components::course::figures_note(&state);

    let hide_description = state.awaiting_predictions() && description.is_some();

    // The assignments open above the library in two columns, above the results in one.
    let course_open = html! { <CourseOpen key="course-open" state={state.clone()} /> };
    let side = html! {
        <aside key="side" class="side">
            // The scenario open, or the one being fetched to replace it; none before an
            // assignment's Start (the scenario the page opened on is not the step's: the
            // list and the editor kept showing it, a student's review).
            <Library {lang} selected={state.loading.as_deref().and_then(crate::builtin::position).or(state.builtin).filter(|_| !before_start)} {on_select}
                draft={state.draft_to_offer().map(|d| (!d.file_from_text).then(|| d.file.clone()))}
                on_draft={{
                    let d = state.dispatcher();
                    Callback::from(move |restore: bool| d.dispatch(if restore { Action::RestoreDraft } else { Action::ForgetDraft }))
                }} />
            // Before the student id, the parameters of the scenario the page opened on
            // have nothing to do with the assignment (as its results are not shown).
            if before_start {
                <section class="card controls" aria-labelledby="controls-h">
                    <h2 id="controls-h">{ t(lang, "controls") }</h2>
                    <p class="hint" id="controls-before-start">{ t(lang, "controls.before_start") }</p>
                </section>
            } else {
                <Controls state={state.clone()} />
            }
            // A step waiting for its predictions keeps its scenario's text out of view too:
            // its questions' explanations would answer them (an instructor's review).
            if before_start {
                <section class="card editor" aria-labelledby="editor-h">
                    <h2 id="editor-h">{ t(lang, "editor") }</h2>
                    <p class="hint" id="editor-before-start">{ t(lang, "editor.before_start") }</p>
                </section>
            } else if state.awaiting_predictions() {
                <section class="card editor" aria-labelledby="editor-h">
                    <h2 id="editor-h">{ t(lang, "editor") }<span class="file">{ state.file.clone() }</span></h2>
                    <p class="hint" id="editor-hidden">{ t(lang, "course.editor_hidden") }</p>
                </section>
            } else {
                <Editor state={state.clone()} />
            }
        </aside>
    };
    let main = html! {
        <main key="main" id="results" class="main" tabindex="-1">
            <CoursePanel state={state.clone()} />
            // An assignment open before its student id: the scenario the page opened
            // on has nothing to do with it, so no results until Start loads a step.
            if before_start {
            } else if title.is_some() || description.is_some() {
                // Open in one column too (phones): its lead is short, the rest is folded
                // under "More detail" (folded whole, a phone showed the title alone).
                <details class="about-card" open=true>
                    <summary>
                        { title.as_ref().map(|t| lang.pick(&t.ko, &t.en).to_string()).unwrap_or_default() }
                    </summary>
                    // A step waiting for its predictions keeps the description folded
                    // away, as it keeps the scenario's text: it explains the results
                    // the predictions ask about (hypervisor-types' step 2 said outright
                    // which technique wins on emulated disk I/O; a student's review).
                    if hide_description {
                        <p class="hint" id="about-hidden">{ t(lang, "course.description_hidden") }</p>
                    } else if let (Some(note), Some(d)) = (&description_note, &description) {
                        // Said only of a description that quotes figures (digits).
                        // Its placeholders are filled with this run's own: not counted.
                        if crate::sim::question::placeholder::pending(lang.pick(&d.ko, &d.en)).chars().any(|c| c.is_ascii_digit()) {
                            <p class="hint about-variant" id="about-variant">{ note.clone() }</p>
                        }
                    }
                    if let (Some(d), false) = (&description, hide_description) {
                        // In paragraphs (a blank line parts them), its jargon marked: a click on a
                        // term shows what it means.
                        // Its lead, the rest under "More detail" (closed at first).
                        // Its figures (`{metric:platform}`) are the shown run's.
                        <Described {lang} text={AttrValue::from(state.filled_text(lang.pick(&d.ko, &d.en)))}
                            more={AttrValue::from(t(lang, "about.more"))} />
                        // A figure these settings take away shows as "…": said why, as the
                        // questions they leave out are.
                        if let Some(n) = Some(state.figures_missing(lang.pick(&d.ko, &d.en))).filter(|&n| n > 0) {
                            <p class="hint" id="about-missing">{ t(lang, if n == 1 { "about.figures_missing_one" } else { "about.figures_missing" }).replace("{}", &n.to_string()) }</p>
                        }
                        // The description's own terms first, then the whole glossary.
                        <ScenarioTerms {lang} text={AttrValue::from(state.filled_text(lang.pick(&d.ko, &d.en)))} />
                    }
                    <GlossaryList {lang} />
                </details>
            }
            // A step's results stay hidden until its predictions are committed.
            if before_start {
            } else if state.awaiting_predictions() {
                <p class="course-hidden" id="course-hidden">{ crate::i18n::t(lang, "course.hidden") }</p>
            } else {
                <Results state={state.clone()} />
            }
        </main>
    };
    let panels = if one_column {
        [course_open, main, side]
    } else {
        [course_open, side, main]
    };

    // The result views, or the main column while they are not shown (a step waiting for
    // its predictions): a link to an element that is not there would leave the focus on it.
    let skip_to_results = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        if let Some(target) = result_views_element() {
            let _ = target.focus();
        }
    });
    // The bar's link: the result views' top brought up under the bar (a focus alone left
    // the tall views where they were, their top scrolled past), then the focus on them.
    let jump_to_results = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        if let Some(target) = result_views_element() {
            sync_jump_bar_height();
            target.scroll_into_view();
            let _ = target.focus();
        }
    });
    html! {
        <div class="page" data-run-id={state.run_id.to_string()} data-status={status}>
            // To the result views themselves (the main column opens with an assignment's
            // step when one is open: a keyboard user's review went through its 21 stops),
            // and to that step.
            if state.course.is_some() {
                <a class="skip" href="#course">{ t(lang, "course.skip") }</a>
            }
            <a class="skip" href="#result-views" onclick={skip_to_results}>{ t(lang, "tab.results") }</a>
            <Header state={state.clone()} />
            // Each in a live region there (empty) from the start, the note put in it: a
            // region inserted with its text may go unsaid (a blind student's review).
            <div id="loading-status" role="status">
                if let Some(file) = &state.loading {
                    <p class="notice loading" id="loading-note">
                        { t(lang, "library.loading").replace("{}", file) }
                    </p>
                }
            </div>
            // The notice's box; its live region holds the notice's words only, its close
            // button beside it (inside, a screen reader said "Close notice" with every
            // notice: a review). The words are keyed by `State::notice_count`: the same
            // words shown again (a second download) are a new element, said again. After a
            // switch of language, the notice's new words show beside the region, out of it
            // (`State::notice_switched`): in it, the switch said the notice again.
            // The text in one box beside the close button (each code span and piece of text
            // had been a flex item of its own: a column each), its lines kept (an
            // assignment's errors, one a line). Escape on its close button closes it too.
            <div id="notice-box" class={classes!(state.notice.is_some().then_some("notice"))} onkeydown={{
                let close = close_notice.clone();
                move |e: KeyboardEvent| if e.key() == "Escape" { close.emit(()) }
            }}>
                // One flex item beside the close button, the region and the words out of it.
                <span>
                    <span id="notice-status" role="status">
                        if let Some(notice) = state.notice.as_ref().filter(|_| !state.notice_switched) {
                            <span key={state.notice_count.to_string()}>{ crate::components::with_code(notice) }</span>
                        }
                    </span>
                    if let Some(notice) = state.notice.as_ref().filter(|_| state.notice_switched) {
                        <span id="notice-shown">{ crate::components::with_code(notice) }</span>
                    }
                </span>
                if state.notice.is_some() {
                    <button class="link" onclick={{ let close = close_notice.clone(); move |_| close.emit(()) }}
                        aria-label={t(lang, "notice.close")}>{ "×" }</button>
                }
            </div>
            // One column (phones): the library and the Settings card come after the
            // results, a long way down (a student on a phone scrolled far to change the
            // scenario or a setting, and back up to see what it did); a bar held at the
            // top of the window reaches each. Two columns show them side by side.
            if one_column {
                <nav class="jump-bar" id="jump-bar" aria-label={t(lang, "jump.nav")}
                    onclick={Callback::from(|_: MouseEvent| sync_jump_bar_height())}>
                    if state.course.is_some() {
                        <a href="#course">{ t(lang, "jump.course") }</a>
                    }
                    <a href="#library">{ t(lang, "jump.library") }</a>
                    <a href="#controls-h">{ t(lang, "jump.settings") }</a>
                    <a href="#result-views" onclick={jump_to_results}>{ t(lang, "jump.results") }</a>
                </nav>
            }
            <div class="layout">
                // The panels in the order they are shown, so that Tab follows it (one column:
                // the assignments, the results, then the library, the parameters and the
                // editor; two columns: the left column's, then the results).
                { for panels }
            </div>
            <footer class="foot">
                <span>{ "virtsim · " }{ t(lang, "app.tagline") }</span>
            </footer>
        </div>
    }
}

/// The result views, or the main column while they are not shown (a step waiting for its
/// predictions): the element the skip link and the phone bar's Results link go to.
fn result_views_element() -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    let document = web_sys::window().and_then(|w| w.document())?;
    document
        .get_element_by_id("result-views")
        .or_else(|| document.get_element_by_id("results"))
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
}
