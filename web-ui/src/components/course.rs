//! Coursework: opening an assignment (library, file, link), and the open assignment:
//! student id, each step (introduction, predictions committed before the run, answers
//! after it), and the final page that exports the answers file.
//!
//! Nothing here runs a simulation: a step's scenario is loaded into the page's state and
//! runs through `run.rs`; expected answers are read from that result (course.rs).
//!
//! A description's figures are its file's own: [`figures_note`] says so beside it whenever
//! the shown result's settings differ (a slider, the student's variant). The course panel
//! also shows the notes of an assignment file for its author (`Course::author_notes`).

use std::collections::BTreeMap;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::builtin;
use crate::components::questions;
use crate::components::shown_choice::use_shown_choice;
use crate::export;
use crate::i18n::{t, Lang};
use crate::sim::{QuestionAnswer, QuestionKind};
use crate::state::course::{self, Course, CourseAction, NotReady, QuestionView};
use crate::state::{Action, State};

#[derive(Properties, PartialEq)]
pub struct CourseProps {
    pub state: UseReducerHandle<State>,
}

fn dispatch(state: &UseReducerHandle<State>, a: CourseAction) -> Callback<MouseEvent> {
    let s = state.clone();
    Callback::from(move |_| s.dispatch(Action::Course(a.clone())))
}

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

/// The open assignment, above the results.
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

#[function_component(CoursePanel)]
pub fn course_panel(props: &CourseProps) -> Html {
    let state = &props.state;
    let drafts = use_state(Drafts::new);
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
    let on_close = {
        let s = state.clone();
        Callback::from(move |_| {
            // Closed on purpose: a later visit does not offer it again.
            course::forget_open();
            s.dispatch(Action::Course(CourseAction::Close));
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
        Callback::from(move |_| {
            s.dispatch(Action::Course(CourseAction::ChangeStudent));
            focus_once_drawn("course-student");
        })
    };
    let lang = state.lang;
    let a = c.a();
    // What `virtsim validate` notes (a step's scenario questions left out): for an author
    // who opened their file, in the page's language, apart from the warnings' notice and
    // in its own colour (informational, not a warning). Text nodes only.
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
                    <button id="course-change-student" class="link" onclick={on_change_student}>{ t(lang, "course.change_student") }</button>
                }
                <button id="course-link" class="link" onclick={on_link}>{ t(lang, "course.link") }</button>
                <button id="course-close" class="link" onclick={on_close}>{ t(lang, "course.close") }</button>
            </header>
            if !notes.is_empty() {
                <aside class="author-notes" id="course-author-notes" aria-labelledby="course-author-notes-h">
                    <div class="author-notes-head">
                        <p id="course-author-notes-h">{ t(lang, "course.author_notes") }</p>
                        <button id="course-author-notes-hide" class="link"
                            aria-label={t(lang, "course.author_notes.hide_label")}
                            onclick={dispatch(state, CourseAction::HideNotes)}>{ t(lang, "course.author_notes.hide") }</button>
                    </div>
                    <ul>
                        { for notes.iter().map(|n| html! { <li class="author-note">{ crate::components::with_code(n) }</li> }) }
                    </ul>
                </aside>
            }
            { body }
        </section>
    }
}

/// Focuses the element `id` if the page shows it (else the step's title).
/// [`focus_by_id`] once the page has drawn what the action just dispatched changed.
fn focus_once_drawn(id: &'static str) {
    gloo_timers::callback::Timeout::new(0, move || focus_by_id(id)).forget();
}

fn focus_by_id(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    match element {
        Some(element) => {
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
fn focus_after_commit() {
    focus_by_id("course-predict-h");
}

/// Scrolls the shown step's (or the final page's) title into view and focuses it.
fn focus_step_title() {
    let Some(title) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("course-step-h"))
    else {
        return;
    };
    if let Some(title) = title.dyn_ref::<web_sys::HtmlElement>() {
        let _ = title.focus();
    }
    title.scroll_into_view_with_bool(true);
}

#[function_component(StudentForm)]
fn student_form(props: &CourseProps) -> Html {
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

/// A student's variant in the words of the page's controls ("seed 783275702, host cores 4,
/// VM exit round trip 600 cycles"), not the assignment file's keys; empty for none.
fn variant_text(lang: Lang, v: &crate::sim::assignment::Variant) -> String {
    use crate::sim::assignment::Choice;
    let mut parts: Vec<String> = v
        .seed
        .iter()
        .map(|s| t(lang, "settings.seed").replace("{}", &s.to_string()))
        .collect();
    parts.extend(v.picks.iter().map(|(p, c)| {
        let value = match c {
            Choice::Number(n) => crate::num::int(*n),
            // A network setting's, in the steps its choices keep to (0.1 %, 0.001 Mbit/s).
            Choice::Decimal(x) => crate::num::fixed(*x, 3),
            Choice::Name(name) => crate::labels::workload(lang, name),
        };
        t(lang, setting_key(*p)).replace("{}", &value)
    }));
    parts.join(", ")
}

/// The words of the page's settings notes for an assignment's parameter.
fn setting_key(p: crate::sim::assignment::Parameter) -> &'static str {
    use crate::sim::assignment::Parameter;
    match p {
        Parameter::DurationMs => "settings.duration",
        Parameter::HostCores => "settings.host_cores",
        Parameter::HostClockMhz => "settings.host_clock",
        Parameter::MemoryPerInstanceMib => "settings.memory",
        Parameter::InstanceCount => "settings.instances",
        Parameter::VcpusPerInstance => "settings.vcpus",
        Parameter::ThreadsPerInstance => "settings.threads",
        Parameter::Workload => "settings.workload",
        Parameter::VmExitCycles => "settings.exit_cycles",
        Parameter::TimeSliceMs => "settings.time_slice",
        Parameter::VdiRttMs => "settings.vdi_rtt",
        Parameter::VdiLossPercent => "settings.vdi_loss",
        Parameter::VdiClientBandwidthMbitS => "settings.vdi_bandwidth",
    }
}

/// The scenario's own value of a parameter a variant sets, in the page's words (per group
/// where the groups differ: "web 4,096 / db 8,192"); `None` when the variant's choice is
/// that value (nothing differs).
fn own_value(
    lang: Lang,
    p: crate::sim::assignment::Parameter,
    chosen: &crate::sim::assignment::Choice,
    base: &crate::knobs::Baseline,
) -> Option<String> {
    use crate::sim::assignment::{Choice, Parameter};
    let one = |v: u64| match chosen {
        Choice::Number(n) if *n == v => None,
        _ => Some(crate::num::int(v)),
    };
    // Each VDI platform's own network value in the choice's unit (`scale` of the kept
    // unit per unit: 1000 µs per ms), named by platform where they differ ("lan-5ms 5 /
    // city-50ms 50", by name: a label may hold commas); `None` when every one is the
    // choice.
    let networks = |own: fn(&crate::knobs::NetBase) -> u64, scale: f64| {
        let values: Vec<(String, f64)> = (base.networks.iter())
            .zip(&base.platform_labels)
            .filter_map(|(n, (name, _))| Some((name.clone(), own(n.as_ref()?) as f64 / scale)))
            .collect();
        if values.iter().all(|(_, v)| Some(*v) == chosen.as_f64()) {
            return None;
        }
        let shown = |v: f64| crate::num::fixed(v, 3);
        Some(match values.as_slice() {
            [(_, first), rest @ ..] if rest.iter().all(|(_, v)| v == first) => shown(*first),
            _ => (values.iter())
                .map(|(name, v)| format!("{name} {}", shown(*v)))
                .collect::<Vec<_>>()
                .join(" / "),
        })
    };
    let groups = |values: Vec<u64>| match base.per_group(&values) {
        Some(each) => Some(each),
        None => one(values.first().copied().unwrap_or_default()),
    };
    match p {
        Parameter::DurationMs => one(base.duration_ms),
        Parameter::HostCores => one(base.host_cores.into()),
        Parameter::HostClockMhz => one(base.host_clock_mhz.into()),
        Parameter::MemoryPerInstanceMib => groups(base.group_memory_mib.clone()),
        Parameter::InstanceCount => groups(base.group_counts.iter().map(|&n| n.into()).collect()),
        Parameter::VcpusPerInstance => groups(base.group_vcpus.iter().map(|&n| n.into()).collect()),
        Parameter::ThreadsPerInstance => one(base.threads_per_instance.into()),
        Parameter::VmExitCycles => one(base.vm_exit_cycles),
        Parameter::VdiRttMs => networks(|n| n.rtt_us, 1000.0),
        Parameter::VdiLossPercent => networks(|n| n.loss_ppm, 10_000.0),
        Parameter::VdiClientBandwidthMbitS => networks(|n| n.bandwidth_kbit_s, 1000.0),
        Parameter::TimeSliceMs => match base.time_slice_range {
            (lo, hi) if lo == hi => one(lo),
            (lo, hi) => Some(format!("{}–{}", crate::num::int(lo), crate::num::int(hi))),
        },
        Parameter::Workload => {
            let mut names: Vec<&String> = base.group_workloads.iter().collect();
            names.dedup();
            match (chosen, names.as_slice()) {
                (Choice::Name(w), [only]) if w == *only => None,
                _ => Some(
                    names
                        .iter()
                        .map(|w| crate::labels::workload(lang, w))
                        .collect::<Vec<_>>()
                        .join(" / "),
                ),
            }
        }
    }
}

/// The note on a scenario's description shown under an assignment step whose student has
/// a variant: the figures a library description quotes ("스틸 5.3%") come from the
/// scenario's own settings, which it names (its seed, its values of what the variant
/// changes), and the student's own figures are in the results. `None` outside a started
/// step or when the variant changes nothing the scenario sets.
pub fn description_note(lang: Lang, c: &Course, base: &crate::knobs::Baseline) -> Option<String> {
    let (own, v) = variant_own(lang, c, base)?;
    Some(
        t(lang, "course.description_figures")
            .replacen("{}", &own.join(", "), 1)
            .replacen("{}", &variant_text(lang, &v), 1),
    )
}

/// The scenario's own values of what the current step's variant changes (its seed, its
/// picks), named in `lang`, with the variant: `None` outside a started step or when the
/// variant changes nothing the scenario sets.
fn variant_own(
    lang: Lang,
    c: &Course,
    base: &crate::knobs::Baseline,
) -> Option<(Vec<String>, crate::sim::assignment::Variant)> {
    let student = c.student()?;
    let a = c.a();
    let index = c.progress.step;
    a.steps.get(index)?;
    let v = a.variant(index, Some(student));
    let mut own: Vec<String> = v
        .seed
        .filter(|&s| s != base.seed)
        .map(|_| t(lang, "settings.seed").replace("{}", &base.seed.to_string()))
        .into_iter()
        .collect();
    own.extend(v.picks.iter().filter_map(|(p, chosen)| {
        Some(t(lang, setting_key(*p)).replace("{}", &own_value(lang, *p, chosen, base)?))
    }));
    (!own.is_empty()).then_some((own, v))
}

/// The note on a text of the scenario (its description) whose figures the shown result's
/// may not match: on a result of exactly an assignment step, when the student's variant
/// changes what the scenario sets ([`description_note`]); otherwise (the library, or a
/// step after a slider moved) when the shown result ran with settings other than the
/// scenario's own, naming them (its seed included: the figures are the file's seed's).
/// `None` at the scenario's own settings.
pub fn figures_note(state: &crate::state::State) -> Option<String> {
    let lang = state.lang;
    if let Some(c) = &state.course {
        if c.not_ready(state).is_none() {
            return description_note(lang, c, &state.baseline);
        }
    }
    let mut changed = state.result_settings_changed();
    if let Some(seed) = state.result_seed_changed() {
        changed.insert(0, t(lang, "settings.seed").replace("{}", &seed.to_string()));
    }
    (!changed.is_empty())
        .then(|| t(lang, "about.settings_differ").replace("{}", &changed.join(", ")))
}

/// A verdict as its question shows it: the line that its live region says (right or
/// wrong, and the computed answer), and what follows it, read where it stands.
///
/// Only the line is said: a re-run that leaves the step's settings shows the verdict kept
/// from its run (the line alone), and one that comes back shows it whole again. Were the
/// notes and the explanation inside the live region, each such re-run (a slider's arrow
/// key) would read them all out again; the line, the same in both, is not said again
/// unless it changes (a keyboard user's review).
struct Verdict {
    right: bool,
    line: String,
    more: Html,
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
fn verdict(
    lang: Lang,
    given: &str,
    expected: Option<&QuestionAnswer>,
    reveal: bool,
    variant_changes: bool,
    label: &dyn Fn(&str) -> String,
) -> Option<Verdict> {
    let (Some(q), true) = (expected, reveal) else {
        return None;
    };
    let right = q.check(given);
    // A choice's answer is a platform: shown by its label, as the options are; a number
    // with its unit and tolerance, as the Questions tab shows it.
    let computed = crate::answer_text::computed_answer(lang, q).unwrap_or_else(|| label(&q.answer));
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
                    <p class="why">{ super::with_code(why.get(lang.tag())) }</p>
                    // Written for the scenario's own settings: its figures are not the
                    // student's variant's (said only of an explanation that quotes figures).
                    if variant_changes && crate::sim::text::quotes_a_figure(why.get(lang.tag())) {
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
fn kept_verdict(lang: Lang, saved: &course::Saved, right: bool) -> Verdict {
    Verdict {
        right,
        line: verdict_line(lang, right, saved.expected(lang).map(str::to_string)),
        more: html! {},
    }
}

/// The id of the note on what a numeric question accepts, which describes its box.
fn tolerance_id(q: &QuestionView) -> String {
    format!("cq-{}-tolerance", q.id)
}

/// The id of the note on an answer that is not a number, which describes its box.
fn not_number_id(q: &QuestionView) -> String {
    format!("cq-{}-note", q.id)
}

/// The id of a question's prompt, which names its answer.
fn prompt_id(q: &QuestionView) -> String {
    format!("cq-{}-prompt", q.id)
}

/// How an answer input is shown.
#[derive(Clone, Copy)]
struct InputState {
    /// Locked: answered, or a prediction committed.
    disabled: bool,
    /// A note on what a numeric question accepts (`tolerance_id`) is shown, which then
    /// describes the box with its unit.
    tolerance: bool,
    /// The answer typed was asked again (not a number): the box is invalid, described by
    /// the note that says why.
    not_a_number: bool,
    /// Enter in the box gives a final answer: the box is described by the note that says
    /// so too, not only its button, which a student answering with Enter never reaches (a
    /// blind student's review).
    final_on_enter: bool,
}

/// An answer input: radio buttons for a choice, a text field for a number.
fn input(
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
    let id = format!("cq-{}", q.id);
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
                    onkeydown={questions::enter_clicks(format!("course-answer-{}", q.id), true)}
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

#[function_component(StepView)]
fn step_view(props: &StepProps) -> Html {
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
    let refocus = super::focus_after_render::use_focus_after_render(focus_by_id);
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
    // Platforms by their labels, from the step's scenario (the name when it has none).
    let label = |name: &str| match &state.validation {
        crate::state::Validation::Valid { baseline, .. } => baseline.platform_label(lang, name),
        _ => name.to_string(),
    };
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
                    .map(|(id, _)| format!("cq-{id}"));
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
                    *refocus.borrow_mut() = Some(format!("cq-{id}"));
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
                    .map(|right| kept_verdict(lang, saved, right)),
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
                    { q.text.get(lang.tag()).to_string() }
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
                    <button id={format!("course-answer-{}", q.id)} onclick={on_answer}
                        aria-disabled={(answered || value.trim().is_empty()).then_some("true")}
                        aria-describedby={(!answered).then(|| if value.trim().is_empty() { "course-answer-empty course-final-note" } else { "course-final-note" })}>{ t(lang, "course.answer") }</button>
                }
                if let Some(accepts) = accepts {
                    <p class="hint tolerance" id={tolerance_id(q)}>{ accepts }</p>
                }
                // Why an answer is asked again (not a number): said with its box, which the
                // focus goes back to, not in the live region below as well (said twice: a
                // blind student's review). Given again, a new element, as it is asked again.
                if let (None, Some(tries)) = (saved, not_numbers.get(&q.id)) {
                    <p key={tries.to_string()} id={not_number_id(q)} class="wrong not-number">{
                        super::with_code(&super::questions::asked_again(lang, q.unit, &value))
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
                    <div key={lang.tag()} id={format!("cq-{}-status", q.id)} class="course-q-status" role="status">
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

    html! {
        <div class="course-step" data-step-id={step.id.clone()}>
            <h3 id="course-step-h" tabindex="-1">{ format!("{} {}/{} · {}", t(lang, "course.step"), index + 1, a.steps.len(), step.title.get(lang.tag())) }</h3>
            <p class="course-intro">{ step.intro.get(lang.tag()).to_string() }</p>
            if !variant.is_empty() {
                <p class="hint course-variant">{ format!("{}: {variant}", t(lang, "course.variant")) }</p>
            }
            if let Some(e) = &c.step_error {
                <p class="error-text" id="course-step-error" role="alert">
                    { t(lang, "course.step_invalid") }{ " " }{ super::with_code(e.get(lang)) }
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
                <p class="sr-only" id="course-answer-empty">{ t(lang, "course.answer_needs_one") }</p>
                <ol class="course-questions">{ for later.iter().map(|q| question(q)) }</ol>
            }
            <nav class="course-nav" aria-label={t(lang, "course.nav")}>
                if index > 0 {
                    <button id="course-prev" onclick={dispatch(state, CourseAction::GoTo(index - 1))}>{ t(lang, "course.prev") }</button>
                }
                <button id="course-next" onclick={dispatch(state, CourseAction::GoTo(index + 1))}>
                    { if index + 1 == a.steps.len() { t(lang, "course.finish") } else { t(lang, "course.next") } }
                </button>
            </nav>
        </div>
    }
}

fn final_page(state: &UseReducerHandle<State>, c: &Course, lang: Lang) -> Html {
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
    // A platform by its label, as the step's options showed it; a number as typed.
    let shown = |answer: &str| match step.scenario.platforms.iter().find(|p| p.name == answer) {
        Some(p) => match &p.label {
            Some(l) => lang.pick(&l.ko, &l.en).to_string(),
            None => p.name.clone(),
        },
        None => answer.to_string(),
    };
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
        let mut question = q.text.get(lang.tag()).to_string();
        if q.predict {
            question = format!("{question} ({})", t(lang, "course.review.predicted"));
        }
        let yours = saved.map_or_else(|| "—".to_string(), |s| shown(&s.answer));
        let expected = saved
            .filter(|_| checked.is_some())
            .and_then(|s| s.expected(lang))
            .unwrap_or("—");
        rows.push(html! {
            <tr data-question={q.id.clone()} data-verdict={class}>
                { cell("question", question) }
                { cell("yours", yours) }
                { cell(class, t(lang, verdict).to_string()) }
                { cell("expected", expected.to_string()) }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knobs::Baseline;
    use crate::sim::Scenario;

    fn step_one(student: Option<&str>) -> (Course, Baseline) {
        let file = "hypervisor-types.toml";
        let text = builtin::assignment_text(file).unwrap();
        let mut c = course::open(course::Origin::Library(file.into()), file, &text).unwrap();
        c.progress.student = student.map(str::to_string);
        let scenario_text = builtin::text_by_name("type1-vs-type2.toml").unwrap();
        let s = Scenario::from_toml("type1-vs-type2.toml", &scenario_text).unwrap();
        (c, Baseline::of(&s))
    }

    #[test]
    fn a_variant_step_says_whose_figures_the_description_quotes() {
        let (c, base) = step_one(Some("s001"));
        let v = c.a().variant(0, Some("s001"));
        let seed = v.seed.unwrap();
        for lang in [Lang::Ko, Lang::En] {
            let note = description_note(lang, &c, &base).unwrap();
            // The scenario's own seed (7) and the student's.
            assert!(
                note.contains(&t(lang, "settings.seed").replace("{}", "7")),
                "{note}"
            );
            assert!(note.contains(&seed.to_string()), "{note}");
        }
        // Another student whose host has other cores than the scenario's 4: both named.
        let other = (0..200)
            .map(|i| format!("s{i:03}"))
            .find(|id| {
                c.a()
                    .variant(0, Some(id))
                    .picks
                    .iter()
                    .any(|(_, choice)| *choice != crate::sim::assignment::Choice::Number(4))
            })
            .unwrap();
        let (c, base) = step_one(Some(&other));
        let note = description_note(Lang::En, &c, &base).unwrap();
        assert!(note.contains("host cores 4)"), "{note}");
        // Before a student id: no variant yet, no note.
        let (c, base) = step_one(None);
        assert_eq!(description_note(Lang::En, &c, &base), None);
    }

    /// The note that a description's figures are the scenario's own: none at its own
    /// settings, one naming the setting after a slider moved, none once it is back.
    #[test]
    fn the_figures_note_follows_the_shown_results_settings() {
        use crate::knobs::Knobs;
        use crate::state::{Action, ResultRef};
        use std::rc::Rc;
        use yew::Reducible as _;
        const TEXT: &str = "[scenario]\nname = \"n\"\nduration_ms = 20\n[host]\ncores = 2\n[[platform]]\nname = \"c\"\nkind = \"container\"\n[[instance]]\nname = \"g\"\nworkload = \"cpu-bound\"\n";
        let finish = |s: Rc<State>| {
            let scenario =
                crate::parsed::adjusted(&s.file, TEXT, &s.knobs.to_adjustments()).expect("valid");
            let result = (*scenario).clone().run().expect("runs");
            let id = s.run_id;
            s.reduce(Action::Finished {
                id,
                result: ResultRef(Rc::new(result)),
                events: 1,
                millis: 1.0,
                whole: true,
            })
        };
        let s = Rc::new(State::new(Lang::En, None))
            .reduce(Action::Cancel)
            .reduce(Action::Edit(TEXT.to_string()))
            .reduce(Action::Run);
        let s = finish(s);
        assert_eq!(figures_note(&s), None, "at the scenario's own settings");
        let one = Knobs {
            host_cores: Some(1),
            ..Knobs::default()
        };
        let s = finish(s.reduce(Action::SetKnobs(one)));
        let note = figures_note(&s).expect("a note after a slider moved");
        assert!(
            note.contains("host cores 1") && note.contains("results"),
            "{note}"
        );
        let ko = figures_note(&s.clone().reduce(Action::SetLang(Lang::Ko))).unwrap();
        assert!(
            ko.contains("호스트 코어 1개") && ko.contains("결과"),
            "{ko}"
        );
        let s = finish(s.reduce(Action::SetKnobs(Knobs::default())));
        assert_eq!(
            figures_note(&s),
            None,
            "back at the scenario's own settings"
        );
    }

    /// An assignment that varies the round trip of vdi-network's six VDI platforms (5 to
    /// 600 ms as written) and their loss.
    const NETWORK_ASSIGNMENT: &str = r#"
[assignment]
id = "wan"
title = { en = "WAN", ko = "WAN" }

[[step]]
id = "rtt"
title = { en = "Round trip", ko = "왕복" }
intro = { en = "Measure.", ko = "측정하세요." }
scenario = "vdi-network.toml"
scenario_questions = ["rtt-latency"]

[[step.vary]]
parameter = "vdi_rtt_ms"
choices = [20, 80]

[[step.vary]]
parameter = "vdi_loss_percent"
choices = [0.5, 1.5]
"#;

    /// A student's network variant: the page runs it through each VDI platform's own
    /// controls, which run the scenario `virtsim answers` runs (the same network on every
    /// VDI platform), and its line names the values as the page's settings do.
    #[test]
    fn a_network_variant_runs_through_each_vdi_platforms_controls() {
        let file = "wan.toml";
        let mut c = course::open(
            course::Origin::Text { file: file.into() },
            file,
            NETWORK_ASSIGNMENT,
        )
        .unwrap();
        c.progress.student = Some("s001".into());
        let v = c.a().variant(0, Some("s001"));
        let (rtt, loss) = (v.picks[0].1.to_string(), v.picks[1].1.to_string());
        let input = c.step_input().unwrap();
        let scenario_text = builtin::text_by_name("vdi-network.toml").unwrap();
        let s = Scenario::from_toml("vdi-network.toml", &scenario_text).unwrap();
        // Every platform of vdi-network is VDI; none is at 20 or 80 ms, and only the lossy
        // one has a loss (2%), so each control is set.
        assert_eq!(input.knobs.networks.len(), s.platforms.len());
        let ms: u32 = rtt.parse().unwrap();
        let permille = (loss.parse::<f64>().unwrap() * 10.0).round() as u32;
        for net in &input.knobs.networks {
            assert_eq!((net.rtt_ms, net.loss_permille), (Some(ms), Some(permille)));
            assert_eq!(net.bandwidth_kbit_s, None, "not varied");
        }
        // What the page hands to sim-core is the scenario the CLI computes the answers of.
        let page = s.adjusted(&input.knobs.to_adjustments()).unwrap();
        let cli = c.a().step_scenario(0, Some("s001")).unwrap();
        let networks = |s: &Scenario| -> Vec<_> {
            (s.platforms.iter())
                .map(|p| {
                    p.vdi
                        .as_ref()
                        .map(|n| (n.rtt_us, n.loss_ppm, n.client_bandwidth_kbit_s))
                })
                .collect()
        };
        assert_eq!(networks(&page), networks(&cli));
        // The student's line and the note on the description's figures.
        let line = variant_text(Lang::En, &v);
        assert!(
            line.contains(&format!("round trip of every VDI platform {rtt} ms"))
                && line.contains(&format!("packet loss of every VDI platform {loss}%")),
            "{line}"
        );
        assert!(
            variant_text(Lang::Ko, &v).contains(&format!("VDI 플랫폼마다 왕복 시간 {rtt} ms")),
            "{line}"
        );
        let base = Baseline::of(&s);
        let note = description_note(Lang::En, &c, &base).unwrap();
        assert!(
            note.contains("round trip of every VDI platform lan-5ms 5 / city-50ms 50 / continent-150ms 150 / satellite-geo-600ms 600 / lossy-50ms 50 / thin-1mbit 50 ms"),
            "{note}"
        );
        assert!(
            note.contains("packet loss of every VDI platform lan-5ms 0 / city-50ms 0 / continent-150ms 0 / satellite-geo-600ms 0 / lossy-50ms 2 / thin-1mbit 0%"),
            "{note}"
        );
    }

    #[test]
    fn a_variant_line_writes_its_numbers_exactly() {
        use crate::sim::assignment::{Choice, Parameter, Variant};
        // Past 2^53 a float would round 9007199254740993 to ...992.
        let v = Variant {
            seed: Some(u64::MAX),
            picks: vec![
                (
                    Parameter::VmExitCycles,
                    Choice::Number(9_007_199_254_740_993),
                ),
                (Parameter::HostCores, Choice::Number(16)),
            ],
        };
        assert_eq!(
            variant_text(Lang::En, &v),
            "seed 18446744073709551615, VM exit round trip 9,007,199,254,740,993 cycles, host cores 16"
        );
    }
}
