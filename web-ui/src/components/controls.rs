//! The Settings card: the page's settings (sliders, seed, workload) that re-run live, plus
//! run, cancel and progress.
//!
//! Its sliders set the state's `Knobs`, the settings (sim-core's `Adjustments` over the
//! text); beside a slider a field takes a typed value (`SliderField`: memory per instance
//! as a size, bandwidth in Mbit/s). Before a run the card gives its cost
//! (`estimate_view`), and once it is done a status line says each platform's figure
//! against native, on a re-run of the same scenario only the figures that changed
//! (`announced_text`).

use yew::prelude::*;

use crate::components::shown_choice::use_shown_choice;
use crate::components::table::fmt_num;
use crate::i18n::{t, Lang};
use crate::knobs::{Baseline, Knobs, GROUP_SLIDERS};
use crate::state::{Action, RunStatus, State, Validation};

use sim_core::scenario::MEMORY_STEP_MIB;

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub state: UseReducerHandle<State>,
}

#[derive(Properties, PartialEq)]
struct SliderProps {
    id: AttrValue,
    label: AttrValue,
    min: u64,
    max: u64,
    step: u64,
    /// Current value; `None` shows the scenario's own value.
    value: Option<u64>,
    baseline: u64,
    lang: Lang,
    on_change: Callback<u64>,
    /// What the output shows while `value` is `None`, when the scenario has no one value
    /// (time slices differ by platform).
    #[prop_or_default]
    default_text: Option<AttrValue>,
    /// Where the value shown while `value` is `None` comes from, when it is not simply the
    /// scenario's ("default for 4 host cores").
    #[prop_or_default]
    default_note: Option<AttrValue>,
    /// Extra text after the value (e.g. a total).
    #[prop_or_default]
    extra: Option<AttrValue>,
    /// What one unit of the slider's values is of the unit shown: 10 shows the loss
    /// control's tenths of a percent as percent (20: "2"), 1000 kbit/s as Mbit/s.
    #[prop_or(1)]
    divisor: u64,
    /// The error this control's setting caused, with a way back.
    #[prop_or_default]
    error: Option<Html>,
    /// A text field beside the slider for values the slider can hardly reach (memory on a
    /// big host: one pixel of a phone's slider is hundreds of MiB).
    #[prop_or_default]
    field: Option<SliderField>,
    /// The value the results shown ran with: beside a refused setting that is not it, the
    /// label says so (a student saw a refused 100,000 MiB above results of 64 MiB after
    /// typing more text the field refused, which replaced the first error's message).
    #[prop_or_default]
    ran: Option<u64>,
}

/// What a slider's text field holds: how a typed text is read into the slider's units and
/// how a value is written in it.
#[derive(Clone, Copy, PartialEq)]
enum FieldKind {
    /// A memory size, MiB (`parse_mib`: "4 GiB", "512").
    Memory,
    /// A client link, the slider's kbit/s typed and shown in Mbit/s ("2.5").
    Bandwidth,
}

impl FieldKind {
    /// The typed text in the slider's units, if it reads as one.
    fn parse(self, text: &str) -> Option<u64> {
        match self {
            FieldKind::Memory => crate::knobs::parse_mib(text).ok().map(u64::from),
            FieldKind::Bandwidth => parse_mbit_s(text),
        }
    }

    /// A value of the slider as the field writes it.
    fn show(self, v: u64) -> String {
        match self {
            FieldKind::Memory => v.to_string(),
            FieldKind::Bandwidth => format!("{}", v as f64 / 1000.0),
        }
    }
}

/// A bandwidth typed in Mbit/s ("2.5", "2.5 Mbit/s", "2,5"), in kbit/s; `None` for a text
/// that is not a positive number (the validator checks the range).
fn parse_mbit_s(text: &str) -> Option<u64> {
    let t = text.trim();
    let t = ["Mbit/s", "mbit/s", "Mbps", "mbps"]
        .iter()
        .find_map(|u| t.strip_suffix(u))
        .unwrap_or(t)
        .trim()
        .replace(',', ".");
    let mbit: f64 = t.parse().ok()?;
    (mbit.is_finite() && mbit > 0.0 && mbit < 1e9).then(|| ((mbit * 1000.0).round() as u64).max(1))
}

/// The text field beside a slider: what it shows and what typing into it does.
#[derive(Clone, PartialEq)]
struct SliderField {
    kind: FieldKind,
    /// Its accessible name (the slider's label names the slider).
    label: AttrValue,
    /// The unit shown after it.
    unit: AttrValue,
    /// What was typed when it could not be read (shown instead of the value).
    text: Option<AttrValue>,
    /// The typed text, on Enter or on leaving the field, and each arrow key's step.
    on_text: Callback<String>,
    /// Escape after a refused text: the text and its error go.
    on_discard: Callback<()>,
}

/// The most steps a slider's arrow keys take one at a time; past it they move by about a
/// hundredth of the range.
const KEY_STEPS_MAX: u64 = 200;

/// How far an arrow key moves a slider from `min` to `max` by `step`: its step, or where
/// the range holds more than [`KEY_STEPS_MAX`] steps, about 1% of it rounded to 1, 2 or 5
/// times a power of ten of steps (the VM exit cost's 100 to 5 000 cycles: 50; a round trip
/// of 0 to 1 000 ms: 10 ms), so that a value reached by the keys is a round one's distance
/// from where it started and the keys back reach it again.
fn key_step(min: u64, max: u64, step: u64) -> u64 {
    let step = step.max(1);
    let steps = max.saturating_sub(min) / step;
    if steps <= KEY_STEPS_MAX {
        return step;
    }
    let target = steps as f64 / 100.0;
    let decade = 10f64.powf(target.log10().floor());
    let nice = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * decade)
        .min_by(|a, b| (a - target).abs().total_cmp(&(b - target).abs()))
        .unwrap_or(1.0);
    (nice.round() as u64).max(1) * step
}

#[function_component(Slider)]
fn slider(p: &SliderProps) -> Html {
    let oninput = {
        let cb = p.on_change.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<u64>() {
                cb.emit(v);
            }
        })
    };
    // The slider's range reaches the value it shows: a scenario or an assignment's variant
    // may set a value beyond the range a hand moves it in (a 100 MHz clock).
    let v = p.value.unwrap_or(p.baseline);
    let (min, max) = (p.min.min(v), p.max.max(v));
    // The arrow keys move a slider of many steps by about 1% of its range (`key_step`): the
    // VM exit cost's 4 900 steps of 1 cycle took ten presses to move 10 cycles (a student's
    // review). Dragging keeps every value; the field beside a slider takes any.
    let on_arrow = {
        let (cb, step, key_step) = (p.on_change.clone(), p.step, key_step(min, max, p.step));
        Callback::from(move |e: KeyboardEvent| {
            // The browser's own step where it is the slider's.
            if key_step <= step || e.alt_key() || e.ctrl_key() || e.meta_key() {
                return;
            }
            let next = match e.key().as_str() {
                "ArrowRight" | "ArrowUp" => v.saturating_add(key_step).min(max),
                "ArrowLeft" | "ArrowDown" => v.saturating_sub(key_step).max(min),
                _ => return,
            };
            e.prevent_default();
            if next != v {
                cb.emit(next);
            }
        })
    };
    // The field's text is set when what it shows changes, not on every render: a render
    // for anything else (a run's end) wrote the value back over what was being typed (a
    // fill lost in the e2e's memory step).
    let field_ref = use_node_ref();
    {
        let shown = p.field.as_ref().map(|f| {
            f.text
                .as_ref()
                .map_or_else(|| f.kind.show(v), |t| t.to_string())
        });
        let field_ref = field_ref.clone();
        use_effect_with(shown, move |shown| {
            if let (Some(shown), Some(input)) =
                (shown, field_ref.cast::<web_sys::HtmlInputElement>())
            {
                if input.value() != *shown {
                    input.set_value(shown);
                }
            }
        });
    }
    let out_id = format!("{}-out", p.id);
    let err_id = format!("{}-error", p.id);
    let described = if p.error.is_some() {
        format!("{out_id} {err_id}")
    } else {
        out_id.clone()
    };
    let field = p.field.as_ref().map(|f| {
        let field_id = format!("{}-field", p.id);
        let onchange = {
            let cb = f.on_text.clone();
            Callback::from(move |e: Event| {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                cb.emit(input.value());
            })
        };
        // The arrow keys step it as they step the slider (the field's text read first),
        // within the slider's range; Escape puts back the value shown before typing.
        let onkeydown = {
            let (cb, discard, step, v, kind) =
                (f.on_text.clone(), f.on_discard.clone(), p.step, v, f.kind);
            let (lo, hi) = (min, max);
            let typed_error = f.text.is_some();
            Callback::from(move |e: KeyboardEvent| {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                let up = match e.key().as_str() {
                    "ArrowUp" => true,
                    "ArrowDown" => false,
                    "Escape" => {
                        e.prevent_default();
                        input.set_value(&kind.show(v));
                        // A refused size's message goes with it (the setting stays: nothing
                        // runs again).
                        if typed_error {
                            discard.emit(());
                        }
                        return;
                    }
                    _ => return,
                };
                e.prevent_default();
                let now = kind.parse(&input.value()).unwrap_or(v);
                cb.emit(kind.show(step_field(now, up, step, lo, hi)));
            })
        };
        html! {
            <>
                // Narrow (style.css: `.slider input.slider-number`); on a phone the control takes a whole row.
                // Its text is set by the effect above, when what it shows changes.
                <input type="text" inputmode={if f.kind == FieldKind::Bandwidth { "decimal" } else { "numeric" }} class="slider-number" id={field_id} ref={field_ref.clone()}
                    {onchange} {onkeydown} aria-label={f.label.clone()}
                    aria-describedby={p.error.is_some().then(|| err_id.clone())}
                    aria-invalid={p.error.is_some().then_some("true")} autocomplete="off" spellcheck="false" />
                <span class="unit" aria-hidden="true">{ f.unit.clone() }</span>
            </>
        }
    });
    html! {
        <div class={classes!("slider", p.error.is_some().then_some("bad"))}>
            <label for={p.id.clone()}>
                <span>{ p.label.clone() }</span>
                // Not a live region of its own (an <output> is one by default): the slider
                // says its new value itself, and this text describes it (a keyboard
                // reviewer heard each move twice).
                <output id={out_id.clone()} for={p.id.clone()} aria-live="off">
                    if let (None, Some(text)) = (p.value, &p.default_text) {
                        { text.clone() }
                    } else {
                        { crate::components::table::fmt_num(v as f64 / p.divisor as f64) }
                        if p.value.is_none_or(|x| x == p.baseline && p.default_note.is_none()) {
                            <small>{ " (" }{ p.default_note.clone().unwrap_or_else(|| t(p.lang, "controls.default").into()) }{ ")" }</small>
                        } else if p.default_text.is_none() {
                            // The scenario's value beside a changed one: the way back, and a
                            // label as long as before (a first move no longer shortens it,
                            // which moved everything under the controls).
                            <small>{ " (" }{ t(p.lang, "controls.was").replace("{}", &crate::components::table::fmt_num(p.baseline as f64 / p.divisor as f64)) }{ ")" }</small>
                        }
                    }
                    if let Some(extra) = &p.extra { <small>{ " · " }{ extra.clone() }</small> }
                    if let Some(ran) = p.ran.filter(|&r| p.error.is_some() && r != v) {
                        <small class="not-run">{ " · " }{ t(p.lang, "controls.not_run").replace("{}", &crate::components::table::fmt_num(ran as f64 / p.divisor as f64)) }</small>
                    }
                </output>
            </label>
            <div class="slider-row">
                <input type="range" id={p.id.clone()} min={min.to_string()} max={max.to_string()}
                    step={p.step.to_string()} value={v.to_string()} {oninput} onkeydown={on_arrow} aria-describedby={described}
                    aria-invalid={p.error.is_some().then_some("true")} />
                { for field }
            </div>
            if let Some(error) = &p.error {
                <div id={err_id} class="knob-error" role="alert">{ error.clone() }</div>
            }
        </div>
    }
}

#[function_component(Controls)]
pub fn controls(props: &ControlsProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let knobs = state.knobs.clone();
    // A control's error box appears (or goes, with "back to the scenario value") beside the
    // slider; the re-render can leave the keyboard focus on <body>: give it back to the
    // control (to the part of it last focused: the memory slider or its field), so that the
    // arrow keys go on moving it.
    let focused = use_mut_ref(String::new);
    let onfocusin = {
        let focused = focused.clone();
        Callback::from(move |e: FocusEvent| {
            if let Some(el) = e.target_dyn_into::<web_sys::Element>() {
                if el.id().starts_with("k-") {
                    *focused.borrow_mut() = el.id();
                }
            }
        })
    };
    {
        let erring = state
            .knob_error
            .as_ref()
            .map(|e| e.control.unwrap_or("k-instances"));
        let last = use_mut_ref(|| erring);
        let focused = focused.clone();
        use_effect_with(erring, move |&now| {
            let before = last.replace(now);
            if let Some(control) = now.or(before) {
                let part = focused.borrow().clone();
                let id = if part.starts_with(control) {
                    part
                } else {
                    control.to_string()
                };
                refocus_if_lost(id);
            }
        });
    }
    let shown_workload = use_shown_choice(knobs.workload.clone().unwrap_or_default());
    // The VDI platform whose network the network controls show and set (by its place among
    // every platform); the first VDI platform until another is picked.
    let net_pick = use_state(|| None::<usize>);
    // A client link typed beside its slider that is no bandwidth: shown with its error until
    // replaced or dismissed (Escape).
    let bw_text = use_state(|| None::<String>);

    let set = |f: fn(&mut Knobs, u64)| {
        let s = state.clone();
        Callback::from(move |v: u64| {
            let mut k = s.knobs.clone();
            f(&mut k, v);
            s.dispatch(Action::SetKnobs(k));
        })
    };
    let on_workload = {
        let s = state.clone();
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let mut k = s.knobs.clone();
            k.workload = Some(sel.value()).filter(|v| !v.is_empty());
            s.dispatch(Action::SetKnobs(k));
        })
    };
    let on_seed = {
        let s = state.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            // Empty: the scenario's own seed. Not a seed ("-5"): said at the field.
            match crate::knobs::parse_seed(&input.value()) {
                Ok(seed) => {
                    let mut k = s.knobs.clone();
                    k.seed = seed;
                    s.dispatch(Action::SetKnobs(k));
                }
                Err(message) => s.dispatch(Action::BadSeed(message)),
            }
        })
    };
    // An assignment step's settings (its variant), while its scenario is on screen: Reset
    // goes back to them, not to the file's, which dropped the variant (a review).
    let step_knobs: Option<Knobs> = state
        .course
        .as_ref()
        .and_then(|c| c.step_input())
        .filter(|input| *input.text == *state.text)
        .map(|input| input.knobs);
    let on_reset = {
        let s = state.clone();
        let to = step_knobs.clone().unwrap_or_default();
        Callback::from(move |_| s.dispatch(Action::SetKnobs(to.clone())))
    };
    // While a run goes on, the run button stays focusable (aria-disabled, clicks ignored)
    // rather than disabled: a disabled button would drop the keyboard's and a screen
    // reader's place to the page's start, where it would still be when the run ends.
    let busy = state.is_running();
    let run_ref = use_node_ref();
    // Unavailable (a run going on, a scenario with errors or still loading): aria-disabled,
    // described by why, its press ignored; not disabled, which Tab skipped and a screen
    // reader never found (a blind student's review).
    let run_why = state.run_unavailable();
    let on_run = {
        let s = state.clone();
        let unavailable = run_why.is_some();
        Callback::from(move |_| {
            if !unavailable {
                s.dispatch(Action::Run)
            }
        })
    };
    // Cancel with no run going on: aria-disabled as Run is, described by why, its press
    // ignored (it was disabled, which Tab skipped: a review). A press that cancels gives the
    // focus to the run button, which the next run is started from.
    let on_cancel = {
        let s = state.clone();
        let run_ref = run_ref.clone();
        Callback::from(move |_| {
            if !busy {
                return;
            }
            s.dispatch(Action::Cancel);
            if let Some(run) = run_ref.cast::<web_sys::HtmlElement>() {
                let _ = run.focus();
            }
        })
    };
    let seed_shown = match (&knobs.seed, &state.validation) {
        (Some(s), _) => s.to_string(),
        (None, Validation::Valid { seed, .. }) => seed.to_string(),
        _ => String::new(),
    };
    let base: Baseline = (*state.baseline).clone();
    // The slices the run uses (the validated scenario's, with the other controls: the fair
    // scheduler's default follows the host's cores), and whether they are the scenario's
    // or a default; platforms' schedulers may have their own: then the range.
    let slices = match &state.validation {
        Validation::Valid { slices, .. } => *slices,
        Validation::Invalid(_) => base.slices,
    };
    let (slice_text, slice_source): (Option<AttrValue>, Option<AttrValue>) =
        if slices.lo == slices.hi {
            (None, Some(slices.source(lang).into()))
        } else {
            (Some(slices.text(lang).into()), None)
        };
    // Groups with their own memory, vCPUs or threads: untouched, the slider names each group's value;
    // moved, it says that it sets every group (as the instances slider does).
    let per_group =
        |values: Option<String>, moved: bool| -> (Option<AttrValue>, Option<AttrValue>) {
            match values {
                Some(_) if moved => (None, Some(t(lang, "controls.sets_every_group").into())),
                Some(v) => (
                    Some(format!("{v} ({})", t(lang, "controls.group_values")).into()),
                    None,
                ),
                None => (None, None),
            }
        };
    let (memory_text, memory_note) = per_group(
        base.per_group(&base.group_memory_mib),
        knobs.memory_per_instance_mib.is_some(),
    );
    let group_vcpus: Vec<u64> = base.group_vcpus.iter().map(|&v| u64::from(v)).collect();
    let (vcpus_text, vcpus_note) = per_group(
        base.per_group(&group_vcpus),
        knobs.vcpus_per_instance.is_some(),
    );
    let group_threads: Vec<u64> = base.group_threads.iter().map(|&v| u64::from(v)).collect();
    let (threads_text, threads_note) = per_group(
        base.per_group(&group_threads),
        knobs.threads_per_instance.is_some(),
    );
    let slice_note: Option<AttrValue> = (base.time_slice_range.0 != base.time_slice_range.1
        && knobs.time_slice_ms.is_some())
    .then(|| t(lang, "controls.sets_every_platform").into());

    // The error a control caused, shown beside that control with a way back.
    let seed_bad = state
        .knob_error
        .as_ref()
        .is_some_and(|e| e.control == Some("k-seed"));
    let knob_error = |control: &'static str| knob_error_view(state, lang, control);

    // Each announcement is its own element (keyed by its run): the same words again (a
    // second re-run that changed nothing) are said again. A finished run is said once it
    // has stood for `SETTLED_MS`: quick arrow keys on a slider made a run each, and a
    // screen reader queued every one's report, each out of date when said (a blind
    // student's review); a burst is said once, against the run said before it.
    let settled = use_state_eq(|| None::<u64>);
    {
        let settled = settled.clone();
        let done = matches!(state.status, RunStatus::Done { .. });
        use_effect_with((state.run_id, done), move |&(run_id, done)| {
            let timer = done.then(|| {
                gloo_timers::callback::Timeout::new(SETTLED_MS, move || settled.set(Some(run_id)))
            });
            move || drop(timer)
        });
    }
    let said = use_mut_ref(Said::default);
    // A burst whose "Running…" was said (a run outlasted the page's delay) keeps that one
    // element, its words unchanged, over the burst's later runs and until its report: each
    // run's own element said "Running…" again on a slow machine, once per arrow key.
    let burst_running = |said: &Said| match said.running {
        Some((first, in_lang)) if first != state.run_id && in_lang == lang => Some((
            t(lang, "run.running").to_string(),
            format!("running-{first}"),
        )),
        _ => None,
    };
    let (announced, announced_key) = match &state.status {
        RunStatus::Done { .. } if *settled != Some(state.run_id) => {
            let mut said = said.borrow_mut();
            said.pass(state);
            match said.running {
                Some((first, in_lang)) if in_lang == lang => (
                    t(lang, "run.running").to_string(),
                    format!("running-{first}"),
                ),
                _ => (String::new(), String::new()),
            }
        }
        RunStatus::Running { .. } => {
            let mut said = said.borrow_mut();
            match burst_running(&said) {
                Some(kept) => kept,
                None if said.running.is_some_and(|(first, _)| first != state.run_id) => {
                    // The burst's "Running…" was said in the other language: not again.
                    (String::new(), String::new())
                }
                None => {
                    let text = announced_text(state, lang, said.before.as_deref());
                    // Not said again in the other language after a switch, as a report.
                    let text = if text.is_empty() || said.said_in(state, lang) {
                        text
                    } else {
                        String::new()
                    };
                    if !text.is_empty() && said.running.is_none() {
                        said.running = Some((state.run_id, lang));
                    }
                    (text, format!("running-{}", state.run_id))
                }
            }
        }
        _ => {
            let mut said = said.borrow_mut();
            said.running = None;
            let before = said.compare(state).map(<[Figure]>::to_vec);
            // Not said: a report heard already, on a step gone back to; a report said in
            // the other language (a switch re-said it, in the new words).
            let text = if said.heard_on_a_move(state) || !said.said_in(state, lang) {
                String::new()
            } else {
                announced_text(state, lang, before.as_deref())
            };
            (text, state.run_id.to_string())
        }
    };
    let progress = progress_view(state, lang);
    let estimate = estimate_view(state, lang);
    let run_label = match &state.validation {
        Validation::Valid { name, .. } => t(lang, "run.named").replace("{}", name),
        Validation::Invalid(_) => t(lang, "run").to_string(),
    };
    let total_note = total_note(&base, &knobs, lang);
    // Several groups (as many as there are sliders for): a slider for each.
    let per_group = base.groups > 1 && base.group_counts.len() <= GROUP_SLIDERS.len();

    // Memory typed in MiB beside its slider: precise values a hand cannot hit on the slider.
    let memory_field = SliderField {
        kind: FieldKind::Memory,
        label: t(lang, "controls.memory.field").into(),
        unit: "MiB".into(),
        text: state.memory_text.clone().map(AttrValue::from),
        on_text: {
            let s = state.clone();
            Callback::from(move |text: String| s.dispatch(Action::TypeMemory(text)))
        },
        on_discard: {
            let s = state.clone();
            Callback::from(move |()| s.dispatch(Action::DiscardMemoryText))
        },
    };

    let network = network_view(
        state,
        lang,
        &base,
        &knobs,
        (&net_pick, &bw_text),
        knob_error,
    );
    // The workload menu: the presets the scenario is valid with (desktop activities where
    // instances run on VDI platforms), never one whose only result is an error. A workload
    // set otherwise (a link, an assignment's variant) is listed too, to show what is set.
    let mut workloads: Vec<String> = base.workloads.iter().map(|w| w.to_string()).collect();
    if let Some(w) = knobs.workload.as_ref().filter(|w| !workloads.contains(w)) {
        workloads.push(w.clone());
    }

    // An assignment step's variant: its settings differ from the scenario file's, which
    // a moved slider names as "scenario: 4" (a student with 6 cores read that as the
    // step's). Said once, above the sliders.
    let variant: Vec<String> = step_knobs
        .as_ref()
        .map(|knobs| crate::knobs::changed_settings(lang, knobs, &base))
        .unwrap_or_default();

    html! {
        <section class="card controls" aria-labelledby="controls-h" {onfocusin}>
            <h2 id="controls-h">{ t(lang, "controls") }</h2>
            if !variant.is_empty() {
                <p class="hint" id="variant-settings">{ t(lang, "controls.variant").replace("{}", &crate::num::figure_list(lang, &variant)) }</p>
            }
            <div class="sliders">
                if per_group {
                    // A slider per group, named by it: one for every group had set a group
                    // of 24 desktops to 12 when the first group's 8 moved up to 12.
                    { for base.group_counts.iter().zip(&base.group_names).enumerate().map(|(g, (&own, name))| {
                        let id = GROUP_SLIDERS[g];
                        let shown = knobs.count_of(g, own);
                        let error = if g == 0 { knob_error("k-instances").or_else(|| knob_error(id)) } else { knob_error(id) };
                        let on_change = {
                            let s = state.clone();
                            let base = base.clone();
                            Callback::from(move |v: u64| s.dispatch(Action::SetKnobs(s.knobs.with_group_count(g, v as u32, &base))))
                        };
                        html! {
                            <Slider {id} label={t(lang, "controls.group_instances").replace("{}", name)} min={1} max={u64::from(base.group_max.get(g).copied().unwrap_or(own).max(own).max(shown))} step={1}
                                value={(shown != own).then_some(u64::from(shown))} baseline={u64::from(own)} {lang}
                                extra={(g + 1 == base.group_counts.len()).then(|| total_note.clone()).flatten()} {error} {on_change} />
                        }
                    }) }
                } else {
                    <Slider id="k-instances" label={t(lang, "controls.instances")} min={u64::from(base.min_instances)} max={u64::from(base.max_instances)} step={1}
                        value={knobs.instance_count.map(u64::from)} baseline={u64::from(base.instance_count)} {lang}
                        extra={total_note} error={knob_error("k-instances")}
                        on_change={set(|k, v| k.instance_count = Some(v as u32))} />
                }
                <Slider id="k-vcpus" error={knob_error("k-vcpus")} label={t(lang, "controls.vcpus")} min={1} max={u64::from(base.vcpus_per_instance).max(16)} step={1}
                    value={knobs.vcpus_per_instance.map(u64::from)} baseline={u64::from(base.vcpus_per_instance)} {lang}
                    default_text={vcpus_text} extra={vcpus_note}
                    on_change={set(|k, v| k.vcpus_per_instance = Some(v as u32))} />
                <Slider id="k-threads" error={knob_error("k-threads")} label={t(lang, "controls.threads")} min={1} max={u64::from(base.threads_per_instance).max(32)} step={1}
                    value={knobs.threads_per_instance.map(u64::from)} baseline={u64::from(base.threads_per_instance)} {lang}
                    default_text={threads_text} extra={threads_note}
                    on_change={set(|k, v| k.threads_per_instance = Some(v as u32))} />
                <Slider id="k-host-cores" error={knob_error("k-host-cores")} label={t(lang, "controls.host_cores")} min={1} max={u64::from(base.host_cores).max(64)} step={1}
                    value={knobs.host_cores.map(u64::from)} baseline={u64::from(base.host_cores)} {lang}
                    on_change={set(|k, v| k.host_cores = Some(v as u32))} />
                <Slider id="k-clock" error={knob_error("k-clock")} label={t(lang, "controls.host_clock")} min={500} max={u64::from(base.host_clock_mhz).max(5000)} step={10}
                    value={knobs.host_clock_mhz.map(u64::from)} baseline={u64::from(base.host_clock_mhz)} {lang}
                    on_change={set(|k, v| k.host_clock_mhz = Some(v as u32))} />
                <Slider id="k-memory" error={knob_error("k-memory")} label={t(lang, "controls.memory")} min={MEMORY_STEP_MIB} max={u64::from(base.memory_per_instance_mib).max(base.host_memory_mib)} step={MEMORY_STEP_MIB}
                    value={knobs.memory_per_instance_mib.map(u64::from)} baseline={u64::from(base.memory_per_instance_mib)} {lang}
                    default_text={memory_text} extra={memory_note}
                    on_change={set(|k, v| k.memory_per_instance_mib = Some(v as u32))} field={memory_field}
                    ran={(state.result_input.as_ref()).filter(|i| i.text == state.text).map(|i| i.knobs.memory_per_instance_mib.map_or(u64::from(base.memory_per_instance_mib), u64::from))} />
                <Slider id="k-exit" error={knob_error("k-exit")} label={t(lang, "controls.exit_cycles")} min={100} max={base.vm_exit_cycles.max(5000)} step={1}
                    value={knobs.vm_exit_cycles} baseline={base.vm_exit_cycles} {lang}
                    on_change={set(|k, v| k.vm_exit_cycles = Some(v))} />
                <Slider id="k-slice" error={knob_error("k-slice")} label={t(lang, "controls.time_slice")} min={1} max={slices.hi.max(100)} step={1}
                    value={knobs.time_slice_ms} baseline={slices.first} {lang}
                    default_text={slice_text} default_note={slice_source} extra={slice_note}
                    on_change={set(|k, v| k.time_slice_ms = Some(v))} />
                // The shown run moved the time slice alone and changed no figure: said
                // under it, with why when the run shows it (`knobs::slice_changed_nothing`).
                if let Some(nothing) = state.slice_changed_nothing.filter(|_| !state.results_stale()) {
                    <p class="hint slice-unchanged" id="slice-unchanged">{ nothing.text(lang) }</p>
                }
                <Slider id="k-duration" error={knob_error("k-duration")} label={t(lang, "controls.duration")} min={base.duration_ms.clamp(1, 10)} max={base.duration_ms.max(1000)} step={duration_step(base.duration_ms)}
                    value={knobs.duration_ms} baseline={base.duration_ms} {lang}
                    on_change={set(|k, v| k.duration_ms = Some(v))} />
            </div>
            { network }
            <div class="fields">
                <label for="k-workload">{ t(lang, "controls.workload") }</label>
                <select id="k-workload" ref={shown_workload} onchange={on_workload}
                    aria-describedby={workloads.is_empty().then_some("k-workload-none")}>
                    <option value="" selected={knobs.workload.is_none()}>{ t(lang, "controls.workload.scenario") }</option>
                    { for workloads.iter().map(|w| html! {
                        <option value={w.clone()} selected={knobs.workload.as_deref() == Some(w.as_str())}>{ crate::labels::workload(lang, w) }</option>
                    }) }
                </select>
                if workloads.is_empty() {
                    <p id="k-workload-none" class="hint workload-none">{ t(lang, "controls.workload.none") }</p>
                }
                <label for="k-seed">{ t(lang, "controls.seed") }</label>
                // Text, not `type=number`: Chromium's accessibility value of a number field
                // is a float, and a screen reader heard seed 1599997383 as 1599997440 (a
                // blind student's review); the seed is read as digits (`parse_seed`).
                <input id="k-seed" type="text" inputmode="numeric" autocomplete="off" spellcheck="false"
                    value={seed_shown} onchange={on_seed}
                    aria-invalid={seed_bad.then_some("true")} aria-describedby={seed_bad.then_some("k-seed-error")} />
            </div>
            { for knob_error("k-workload").map(|e| html! { <div id="k-workload-error" class="knob-error" role="alert">{ e }</div> }) }
            { for knob_error("k-seed").map(|e| html! { <div id="k-seed-error" class="knob-error" role="alert">{ e }</div> }) }
            <div class="row">
                <button id="run" class="primary" ref={run_ref} onclick={on_run}
                    aria-disabled={run_why.map(|_| "true")}
                    aria-describedby={run_why.map(|_| "run-why")}>{ run_label }</button>
                <button id="cancel" onclick={on_cancel} aria-disabled={(!busy).then_some("true")}
                    aria-describedby={(!busy).then_some("cancel-why")}>{ t(lang, "run.cancel") }</button>
                <button class="link" onclick={on_reset}>{ t(lang, if step_knobs.is_some() { "controls.reset_step" } else { "controls.reset" }) }</button>
            </div>
            if let Some(why) = run_why {
                <p class="sr-only" id="run-why">{ t(lang, why) }</p>
            }
            if !busy {
                <p class="sr-only" id="cancel-why">{ t(lang, "run.cancel_why") }</p>
            }
            { for estimate }
            <p id="run-announced" class="sr-only" role="status">
                if !announced.is_empty() { <span key={announced_key.clone()} data-run={announced_key}>{ announced }</span> }
            </p>
            { progress }
        </section>
    }
}

/// The network controls of a scenario with VDI platforms (nothing without): a picker of
/// the VDI platform they set (with several) and its round-trip time, packet loss and
/// client link, each at the platform's own value until moved. One platform at a time, not
/// one value for all: the platforms are the scenario's comparison (a LAN beside a WAN),
/// which a value for every platform would erase (`Knobs::networks`).
fn network_view(
    state: &UseReducerHandle<State>,
    lang: Lang,
    base: &Baseline,
    knobs: &Knobs,
    (net_pick, bw_text): (
        &UseStateHandle<Option<usize>>,
        &UseStateHandle<Option<String>>,
    ),
    knob_error: impl Fn(&'static str) -> Option<Html>,
) -> Html {
    let vdi = base.vdi_platforms();
    let Some(&first) = vdi.first() else {
        return html! {};
    };
    let p = (**net_pick).filter(|p| vdi.contains(p)).unwrap_or(first);
    let Some(own) = base.networks.get(p).copied().flatten() else {
        return html! {};
    };
    let net = knobs.network(p);
    let label_of = |q: usize| {
        base.platform_labels
            .get(q)
            .map(|(n, _)| base.platform_label(lang, n))
            .unwrap_or_default()
    };
    let on_pick = {
        let (pick, bw_text) = (net_pick.clone(), bw_text.clone());
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            pick.set(sel.value().parse::<usize>().ok());
            // A refused text was typed for the platform picked before.
            bw_text.set(None);
        })
    };
    let setter = |f: fn(&mut crate::knobs::NetKnob, u64)| {
        let s = state.clone();
        Callback::from(move |v: u64| {
            s.dispatch(Action::SetKnobs(s.knobs.with_network(p, |n| f(n, v))));
        })
    };
    // The client link typed in Mbit/s beside its slider: the slider moves by 0.1 Mbit/s
    // over 0.1-50, where a 1 Mbit/s link sits at 2% of its width.
    let bandwidth_field = SliderField {
        kind: FieldKind::Bandwidth,
        label: t(lang, "controls.bandwidth").into(),
        unit: "Mbit/s".into(),
        text: (**bw_text).clone().map(AttrValue::from),
        on_text: {
            let (s, bw_text) = (state.clone(), bw_text.clone());
            Callback::from(move |text: String| match parse_mbit_s(&text) {
                Some(k) => {
                    bw_text.set(None);
                    let k = u32_of(k);
                    s.dispatch(Action::SetKnobs(
                        s.knobs.with_network(p, |n| n.bandwidth_kbit_s = Some(k)),
                    ));
                }
                None => bw_text.set(Some(text)),
            })
        },
        on_discard: {
            let bw_text = bw_text.clone();
            Callback::from(move |()| bw_text.set(None))
        },
    };
    let bandwidth_error = if bw_text.is_some() {
        Some(html! { { t(lang, "controls.bandwidth.bad") } })
    } else {
        knob_error("k-bandwidth")
    };
    // The platform the sliders set, in their labels when there are several ("… of LAN,
    // 5 ms round trip"), so that a moved value is never read as every platform's.
    let of = if vdi.len() > 1 {
        format!(" · {}", label_of(p))
    } else {
        String::new()
    };
    html! {
        <fieldset class="network" id="k-network">
            <legend>{ t(lang, "controls.network") }</legend>
            if vdi.len() > 1 {
                <div class="fields">
                    <label for="k-net-platform">{ t(lang, "controls.network.platform") }</label>
                    <select id="k-net-platform" onchange={on_pick} aria-describedby="k-net-hint">
                        { for vdi.iter().map(|&q| html! {
                            // A platform whose network is moved says so: its setting is not in
                            // view while another platform is picked.
                            <option value={q.to_string()} selected={q == p}>{
                                if knobs.network(q) == crate::knobs::NetKnob::default() {
                                    label_of(q)
                                } else {
                                    t(lang, "controls.network.moved").replace("{}", &label_of(q))
                                }
                            }</option>
                        }) }
                    </select>
                </div>
                <p id="k-net-hint" class="hint">{ t(lang, "controls.network.hint") }</p>
            }
            <div class="sliders">
                // In the file's exact units (µs, parts per million) and moved by the
                // controls' steps (1 ms, 0.1%): a value written off those steps (`rtt_ms =
                // 7.5`, `loss_percent = 0.05`) shows as written, and a slider moved back
                // near it says it is not the file's (it said "0.1 (scenario value)" for
                // 0.05 and ran 0.1; a reviewer).
                <Slider id="k-rtt" error={knob_error("k-rtt")} label={format!("{}{of}", t(lang, "controls.rtt"))}
                    min={0} max={own.rtt_us.max(1_000_000)} step={1000} divisor={1000}
                    value={net.rtt_ms.map(|ms| u64::from(ms) * 1000)} baseline={own.rtt_us} {lang}
                    on_change={setter(|n, v| n.rtt_ms = Some(u32_of((v + 500) / 1000)))} />
                <Slider id="k-loss" error={knob_error("k-loss")} label={format!("{}{of}", t(lang, "controls.loss"))}
                    min={0} max={own.loss_ppm.max(200_000)} step={1000} divisor={10_000}
                    value={net.loss_permille.map(|l| u64::from(l) * 1000)} baseline={own.loss_ppm} {lang}
                    on_change={setter(|n, v| n.loss_permille = Some(u32_of((v + 500) / 1000)))} />
                <Slider id="k-bandwidth" error={bandwidth_error} field={bandwidth_field} label={format!("{}{of}", t(lang, "controls.bandwidth"))}
                    min={100} max={own.bandwidth_kbit_s.max(50_000)} step={100} divisor={1000}
                    value={net.bandwidth_kbit_s.map(u64::from)} baseline={own.bandwidth_kbit_s} {lang}
                    on_change={setter(|n, v| n.bandwidth_kbit_s = Some(u32_of(v)))} />
            </div>
        </fieldset>
    }
}

/// A slider's value as a setting of 32 bits (the sliders' ends are far below its end).
fn u32_of(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// The error a control caused, shown beside that control with a way back (`None` for the
/// other controls).
fn knob_error_view(
    state: &UseReducerHandle<State>,
    lang: Lang,
    control: &'static str,
) -> Option<Html> {
    let err = state.knob_error.as_ref()?;
    if err.control.unwrap_or("k-instances") != control {
        return None;
    }
    // No one control to blame (settings from a share link, a budget that several
    // controls make up): shown at the first control, and the way back resets them all.
    let all = err.control.is_none();
    let s = state.clone();
    let undo = Callback::from(move |_| {
        let mut k = s.knobs.clone();
        match control {
            _ if all => k = Knobs::default(),
            "k-instances" => k.instance_count = None,
            id if id.starts_with("k-instances-") => {
                if let Some(g) = GROUP_SLIDERS.iter().position(|&s| s == id) {
                    if let Some(count) = k.group_counts.get_mut(g) {
                        *count = None;
                    }
                }
            }
            "k-vcpus" => k.vcpus_per_instance = None,
            "k-threads" => k.threads_per_instance = None,
            "k-host-cores" => k.host_cores = None,
            "k-clock" => k.host_clock_mhz = None,
            "k-memory" => k.memory_per_instance_mib = None,
            "k-exit" => k.vm_exit_cycles = None,
            "k-slice" => k.time_slice_ms = None,
            "k-duration" => k.duration_ms = None,
            "k-workload" => k.workload = None,
            "k-seed" => k.seed = None,
            // A network control's way back: that value of every platform as written.
            "k-rtt" => k.networks.iter_mut().for_each(|n| n.rtt_ms = None),
            "k-loss" => k.networks.iter_mut().for_each(|n| n.loss_permille = None),
            "k-bandwidth" => k
                .networks
                .iter_mut()
                .for_each(|n| n.bandwidth_kbit_s = None),
            _ => k = Knobs::default(),
        }
        s.dispatch(Action::SetKnobs(k));
    });
    Some(html! {
        <>
            <p><strong>{ t(lang, "controls.invalid") }</strong>{ " " }{ super::with_code(err.message.get(lang)) }</p>
            <button class="link" onclick={undo}>{ t(lang, if all { "controls.undo_all" } else { "controls.undo" }) }</button>
        </>
    })
}

/// A platform's figure as the run's announcement says it (`announced_text`).
#[derive(Clone, PartialEq)]
struct Figure {
    /// The platform's name in the scenario, which matches it to the run before.
    name: String,
    /// Its relative performance as said ("93.3%"), and a desktop's input-to-display p50
    /// in ms as said ("212").
    pct: String,
    ms: Option<String>,
    /// Its other figures that a setting may change while its relative performance stays
    /// (`Also::ALL`'s order), said when no platform's relative performance changed.
    also: Vec<AlsoFigure>,
}

/// A figure other than relative performance that the announcement of a re-run says when
/// no platform's relative performance changed: the memory slider changes density (233 to
/// 204) and the time slice the latency, while "Relative to native: unchanged" was all a
/// screen reader heard (a review).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Also {
    Density,
    /// The density the host's memory allows (the chart's "memory bound"), which a memory
    /// setting moves where the CPU bounds the density.
    DensityMemory,
    /// The p99 latency of the operation the charts show.
    P99(crate::sim::Op),
    Steal,
    Startup,
}

impl Also {
    /// Its name in the announcement.
    fn name(self, lang: Lang) -> String {
        use crate::sim::Metric;
        let metric = |m: Metric| {
            let n = crate::sim::names::metric(m);
            lang.pick(n.ko, n.en).to_string()
        };
        match self {
            Also::Density => metric(Metric::Density),
            Also::DensityMemory => format!(
                "{} ({})",
                metric(Metric::Density),
                t(lang, "chart.density_memory")
            ),
            Also::P99(op) => format!(
                "{} ({})",
                metric(Metric::P99LatencyUs),
                crate::labels::op(lang, op)
            ),
            Also::Steal => metric(Metric::StealPercent),
            Also::Startup => metric(Metric::StartupMs),
        }
    }
}

/// One platform's figure of one kind (`Also`), as said, and its value.
#[derive(Clone, PartialEq, Debug)]
struct AlsoFigure {
    what: Also,
    said: String,
    value: f64,
}

/// A platform's figure that changed: its name in the scenario, the figure as said now and
/// as it was.
type Changed = (String, String, String);

/// The kind of figure said in place of "unchanged" (`Also`) and each platform's change of
/// it: of the kinds whose figure as said changed on some platform, the one that changed
/// the most (its largest change relative to what it was; on a tie the first in `Also`'s
/// order). `None` when none changed.
fn most_changed(now: &[Figure], before: &[Figure]) -> Option<(Also, Vec<Changed>)> {
    let mut kinds: Vec<Also> = Vec::new();
    for a in now.iter().flat_map(|f| &f.also) {
        if !kinds.contains(&a.what) {
            kinds.push(a.what);
        }
    }
    let mut best: Option<(f64, Also, Vec<Changed>)> = None;
    for what in kinds {
        let mut size = 0.0_f64;
        let mut changed = Vec::new();
        for (f, b) in now.iter().zip(before) {
            let (Some(n), Some(w)) = (
                f.also.iter().find(|a| a.what == what),
                b.also.iter().find(|a| a.what == what),
            ) else {
                continue;
            };
            if n.said != w.said {
                size = size.max((n.value - w.value).abs() / w.value.abs().max(1e-9));
                changed.push((f.name.clone(), n.said.clone(), w.said.clone()));
            }
        }
        if !changed.is_empty() && best.as_ref().is_none_or(|(b, ..)| size > *b) {
            best = Some((size, what, changed));
        }
    }
    best.map(|(_, what, changed)| (what, changed))
}

/// Each platform's figure against native, as the table's first column of figures (a
/// keyboard reviewer heard a re-run only as its event count): a desktop's is the share of
/// its screen updates shown, said with the latency beside it in the table (a bare "100.0%"
/// on a satellite link misled).
fn figures(state: &State) -> Vec<Figure> {
    state
        .result
        .iter()
        .flat_map(|r| r.platforms.iter())
        .filter(|p| p.relative_performance_percent.is_finite())
        .map(|p| Figure {
            name: p.name.clone(),
            pct: format!("{}%", crate::num::exact(p.relative_performance_percent, 1)),
            ms: p
                .vdi
                .as_ref()
                .filter(|v| v.sessions > 0)
                .map(|v| crate::num::fixed(v.latency_p50_ms, 0)),
            also: also_figures(state, p),
        })
        .collect()
}

/// A platform's other figures a setting may change (`Also`): its density, the p99 latency
/// of the operation the charts show (chosen there, else their first), its steal and its
/// start-up time.
fn also_figures(state: &State, p: &crate::sim::PlatformResult) -> Vec<AlsoFigure> {
    let op = state.result.as_ref().and_then(|r| {
        let ops = crate::result_ops::ops_of(r);
        state
            .chart_op
            .filter(|o| ops.contains(o))
            .or_else(|| crate::result_ops::default_op(&ops, &state.baseline.question_ops))
    });
    let mut also = vec![AlsoFigure {
        what: Also::Density,
        said: crate::num::int(p.lifecycle.density),
        value: p.lifecycle.density as f64,
    }];
    if p.lifecycle.density_memory > 0 {
        also.push(AlsoFigure {
            what: Also::DensityMemory,
            said: crate::num::int(p.lifecycle.density_memory),
            value: p.lifecycle.density_memory as f64,
        });
    }
    if let Some((op, l)) =
        op.and_then(|op| p.latency_of(op).filter(|l| l.count > 0).map(|l| (op, l)))
    {
        also.push(AlsoFigure {
            what: Also::P99(op),
            said: format!("{} µs", crate::num::num(l.p99_us)),
            value: l.p99_us,
        });
    }
    also.push(AlsoFigure {
        what: Also::Steal,
        said: crate::num::pct(p.steal_percent),
        value: p.steal_percent,
    });
    also.push(AlsoFigure {
        what: Also::Startup,
        said: crate::num::duration_ms(p.lifecycle.startup_ms),
        value: p.lifecycle.startup_ms,
    });
    also
}

/// How long a finished run stands before it is said (ms): a slider's next arrow key
/// usually comes sooner, and its run replaces this one's words.
const SETTLED_MS: u32 = 600;

/// What the run announcement compares a finished run to: the figures of the run said before
/// it, when that was a run of the same scenario with the same platforms; if none was said
/// (a burst of re-runs began before the scenario's first run was said), the first run of
/// the burst, so that what the settings changed is still said.
#[derive(Default)]
struct Said {
    /// The last run said (its id), its scenario and its figures.
    last: Option<(u64, String, Vec<Figure>)>,
    /// The first finished run not said since (a burst's runs before its last).
    unsaid: Option<(u64, String, Vec<Figure>)>,
    /// The figures the last run said was compared to.
    before: Option<Vec<Figure>>,
    /// The reports said whole or in part (scenario and figures), the last ones first.
    heard: Vec<(String, Vec<Figure>)>,
    /// The last finished run judged by `heard_on_a_move`, and whether it was heard already.
    judged: Option<(u64, bool)>,
    /// The assignment step moves (`Course::moved`) at the last report judged.
    moves: Option<u32>,
    /// The last run said (its id, and whether "Running…" of it rather than its end) and
    /// the language it was said in.
    lang: Option<((u64, bool), Lang)>,
    /// The run whose "Running…" the current burst said, and in which language: the
    /// burst's later runs keep its element until a report is said.
    running: Option<(u64, Lang)>,
}

/// How many reports `Said::heard` keeps.
const HEARD_KEPT: usize = 32;

impl Said {
    /// Records a finished run that is not said (its words replaced before they stood), as
    /// the base of the burst it begins if it is the first.
    fn pass(&mut self, state: &State) {
        let (RunStatus::Done { .. }, Some(result)) = (&state.status, &state.result) else {
            return;
        };
        let seen = |r: &Option<(u64, String, Vec<Figure>)>| {
            r.as_ref().is_some_and(|(id, ..)| *id == state.run_id)
        };
        if seen(&self.last) || seen(&self.unsaid) {
            return;
        }
        // The first of its burst: none before it, or one of another scenario (the page's
        // first scenario, replaced before it was said) or with other platforms.
        let now = figures(state);
        let names = |f: &[Figure]| f.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
        let same = self.unsaid.as_ref().is_some_and(|(_, scenario, before)| {
            *scenario == result.scenario && names(before) == names(&now)
        });
        if !same {
            self.unsaid = Some((state.run_id, result.scenario.clone(), now));
        }
    }

    /// Whether the finished run shown is one whose report was heard already, reached by a
    /// move to another assignment step (Next, Previous, a step of the final page): the
    /// student heard it on the step before, and a move back said it again whole, before the
    /// step's own words (a blind student's review). A re-run on the same step (a slider, Run)
    /// is said as before. Decided once a run.
    fn heard_on_a_move(&mut self, state: &State) -> bool {
        let (RunStatus::Done { .. }, Some(result)) = (&state.status, &state.result) else {
            return false;
        };
        if let Some((id, heard)) = self.judged {
            if id == state.run_id {
                return heard;
            }
        }
        let moves = state.course.as_ref().map(|c| c.moved);
        let report = (result.scenario.clone(), figures(state));
        let moved = moves.is_some() && self.moves.is_some() && moves != self.moves;
        let heard = moved && self.heard.contains(&report);
        self.heard.retain(|r| *r != report);
        self.heard.insert(0, report);
        self.heard.truncate(HEARD_KEPT);
        self.moves = moves;
        self.judged = Some((state.run_id, heard));
        heard
    }

    /// Whether the run shown, running or finished, is said in `lang`: the language it was
    /// first said in, not one switched to since (the switch re-said the last report, its
    /// difference and all, in the new words: a blind student's review; and "Running…" of a
    /// run going on). Call it only with words to say.
    fn said_in(&mut self, state: &State, lang: Lang) -> bool {
        let what = (state.run_id, state.is_running());
        match self.lang {
            Some((said, in_lang)) if said == what => in_lang == lang,
            _ => {
                self.lang = Some((what, lang));
                true
            }
        }
    }

    /// Records the finished run said, if it is a new one, and gives the figures it is to
    /// be compared to. The same run rendered again (a change of language, a tab) keeps what
    /// it was compared to, so that its announcement does not change.
    fn compare(&mut self, state: &State) -> Option<&[Figure]> {
        let (RunStatus::Done { .. }, Some(result)) = (&state.status, &state.result) else {
            return self.before.as_deref();
        };
        if self.last.as_ref().map(|(id, ..)| *id) != Some(state.run_id) {
            let now = figures(state);
            let names = |f: &[Figure]| f.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
            let comparable = |(id, scenario, before): &(u64, String, Vec<Figure>)| {
                *id != state.run_id
                    && *scenario == result.scenario
                    && !now.is_empty()
                    && names(before) == names(&now)
            };
            let last = self.last.take().filter(comparable);
            let unsaid = self.unsaid.take().filter(comparable);
            self.before = last.or(unsaid).map(|(.., before)| before);
            self.last = Some((state.run_id, result.scenario.clone(), now));
        }
        self.before.as_deref()
    }
}

/// What a screen reader hears of the run: one live region, always in the page, whose text
/// changes (a region inserted with its text is often not read); no percentages (they
/// would be read at every step).
///
/// A run of another scenario (or the first) is said whole: its event count, time and every
/// platform's figure. A re-run of the same scenario (`before`: a slider's arrow key, Run,
/// Reset) says only what changed, each changed figure with what it was, or that none did:
/// the whole line at each arrow key was too long to follow (a keyboard user's review), and
/// the event count and time say nothing of what the setting did. "Running…" is said only of
/// a run long enough to show its progress (`State::running_shown`): a quick re-run is said
/// once, when it is done.
fn announced_text(state: &State, lang: Lang, before: Option<&[Figure]>) -> String {
    match &state.status {
        RunStatus::Idle | RunStatus::Failed(_) => String::new(),
        RunStatus::Running { .. } if !state.running_shown => String::new(),
        RunStatus::Running { .. } => t(lang, "run.running").to_string(),
        RunStatus::Done { events, millis } => {
            let now = figures(state);
            let platform_name = |name: &str| {
                state
                    .result
                    .iter()
                    .flat_map(|r| r.platforms.iter())
                    .find(|p| p.name == name)
                    .map(|p| crate::labels::platform(lang, p))
                    .unwrap_or_else(|| name.to_string())
            };
            let label = |f: &Figure| {
                let name = platform_name(&f.name);
                match &f.ms {
                    Some(ms) => t(lang, "run.announce_vdi")
                        .replace("{name}", &name)
                        .replace("{pct}", &f.pct)
                        .replace("{ms}", ms),
                    None => format!("{name} {}", f.pct),
                }
            };
            if let Some(before) = before {
                let changed: Vec<String> = now
                    .iter()
                    .zip(before)
                    .filter(|(f, b)| (&f.pct, &f.ms) != (&b.pct, &b.ms))
                    .map(|(f, b)| {
                        let was = match &b.ms {
                            Some(ms) => t(lang, "run.was_vdi")
                                .replace("{pct}", &b.pct)
                                .replace("{ms}", ms),
                            None => t(lang, "run.was").replace("{}", &b.pct),
                        };
                        format!("{} ({was})", label(f))
                    })
                    .collect();
                let what = if changed.is_empty() {
                    // What the setting changed instead, said with what it was: density for
                    // memory, the latency for a time slice.
                    match most_changed(&now, before) {
                        Some((kind, figures)) => {
                            let figures: Vec<String> = figures
                                .iter()
                                .map(|(name, said, was)| {
                                    format!(
                                        "{} {said} ({})",
                                        platform_name(name),
                                        t(lang, "run.was").replace("{}", was)
                                    )
                                })
                                .collect();
                            format!(
                                "{}; {}: {}",
                                t(lang, "run.unchanged"),
                                kind.name(lang),
                                crate::num::figure_list(lang, &figures)
                            )
                        }
                        // The time slice alone moved, and no figure: said, with why.
                        None => {
                            if let Some(nothing) = state.slice_changed_nothing {
                                return format!("{}. {}", t(lang, "run.done"), nothing.text(lang));
                            }
                            t(lang, "run.unchanged").to_string()
                        }
                    }
                } else {
                    crate::num::figure_list(lang, &changed)
                };
                return format!(
                    "{}. {}: {what}",
                    t(lang, "run.done"),
                    t(lang, "table.relative")
                );
            }
            let relative: Vec<String> = now.iter().map(label).collect();
            let mut text = format!(
                "{} · {} {} · {} {}",
                t(lang, "run.done"),
                fmt_num(*events as f64),
                t(lang, "run.events"),
                t(lang, "run.took"),
                crate::num::duration_ms(*millis)
            );
            if !relative.is_empty() {
                text.push_str(&format!(
                    ". {}: {}",
                    t(lang, "table.relative"),
                    crate::num::figure_list(lang, &relative)
                ));
            }
            text
        }
        RunStatus::Cancelled => t(lang, "run.cancelled").to_string(),
    }
}

fn progress_view(state: &State, lang: Lang) -> Html {
    match &state.status {
        RunStatus::Idle => html! {},
        // A short run (SHOW_RUNNING_AFTER_MS) says only that it runs: no bar to paint.
        RunStatus::Running { .. } if !state.running_shown => html! {
            <div class="progress"><span>{ t(lang, "run.running") }</span></div>
        },
        RunStatus::Running { done, total } => {
            let pct = if *total > 0 {
                (*done as f64 / *total as f64 * 100.0).min(100.0)
            } else {
                0.0
            };
            let label = if *total > 0 {
                format!(
                    " {pct:.0}% · {} / {} {}",
                    fmt_num(*done as f64),
                    fmt_num(*total as f64),
                    t(lang, "run.cycles_simulated")
                )
            } else {
                String::new()
            };
            // A run whose estimate is over the page's event limit ("Run anyway") may stop
            // at the limit, before the end its simulated cycles count toward: a time left
            // from their pace would promise an end the run may not reach. The estimate is
            // an upper bound, so whether it stops is not known until it does.
            let may_stop = state
                .running_estimate
                .is_some_and(|e| e > crate::run_end::MAX_EVENTS);
            // Time left, from the run's pace so far.
            let left = state.run_started_ms.filter(|_| !may_stop).and_then(|t0| {
                let spent = crate::clock::now_ms() - t0;
                (*done > 0 && *total > *done && spent > 300.0)
                    .then(|| spent * (*total - *done) as f64 / *done as f64)
            });
            html! {
                <div class="progress">
                    <span>{ t(lang, "run.running") }{ label }
                        if let Some(ms) = left { { " · " }<span class="remaining">{ t(lang, "run.remaining").replace("{}", &crate::num::duration_ms(ms)) }</span> }
                        if may_stop { { " · " }<span id="run-may-stop">{ t(lang, "run.may_stop").replace("{}", &crate::num::large_count(lang, crate::run_end::MAX_EVENTS)) }</span> }
                    </span>
                    if *total > 0 {
                        <progress max="100" value={format!("{pct:.0}")} aria-label={t(lang, "run.running")}></progress>
                    } else {
                        <progress aria-label={t(lang, "run.running")}></progress>
                    }
                </div>
            }
        }
        RunStatus::Done { events, millis } => html! {
            <p id="run-status" class="progress done" data-ms={format!("{millis:.1}")}>
                { t(lang, "run.done") }{ format!(" · {} {} · {} {}", fmt_num(*events as f64), t(lang, "run.events"), t(lang, "run.took"), crate::num::duration_ms(*millis)) }
                // No link up to the results here: in one column the bar held at the top
                // of the window (app.rs, `jump-bar`) reaches them from anywhere.
            </p>
        },
        RunStatus::Cancelled => {
            html! { <p class="progress">{ t(lang, "run.cancelled") }</p> }
        }
        RunStatus::Failed(m) => html! {
            <p id="run-error" class="progress failed" role="alert">{ t(lang, "run.failed") }{ ": " }{ super::with_code(m.get(lang)) }</p>
        },
    }
}

/// The cost of the next run, before it starts.
fn estimate_view(state: &UseReducerHandle<State>, lang: Lang) -> Option<Html> {
    state.estimate().map(|e| {
        if e.over_budget {
            let s = state.clone();
            let fit = e.fitting_duration_ms;
            let anyway = {
                let s = state.clone();
                Callback::from(move |_| s.dispatch(Action::RunAnyway))
            };
            let shorten = Callback::from(move |_| {
                let mut k = s.knobs.clone();
                k.duration_ms = Some(fit);
                s.dispatch(Action::SetKnobs(k));
            });
            html! {
                <div id="estimate" class="estimate over" role="alert">
                    <p>{ t(lang, "estimate.over")
                        .replacen("{}", &crate::num::large_count(lang, e.events), 1)
                        .replacen("{}", &crate::num::large_count(lang, crate::run_end::MAX_EVENTS), 1) }</p>
                    // Not even 1 ms would fit: no duration to offer (the hint says what would).
                    if fit > 0 {
                        <button id="estimate-fix" onclick={shorten}>{ t(lang, "estimate.fix").replace("{}", &fmt_num(fit as f64)) }</button>
                    }
                    <button id="estimate-anyway" onclick={anyway}>{ t(lang, "estimate.anyway") }</button>
                    <p class="hint">{ t(lang, "estimate.fix.hint") }</p>
                </div>
            }
        } else {
            html! {
                <p id="estimate" class="estimate hint" data-events={e.events.to_string()}>
                    { t(lang, "estimate.line")
                        .replacen("{}", &crate::num::large_count(lang, e.events), 1)
                        .replacen("{}", &crate::num::duration_ms(e.millis.max(1.0)), 1) }
                </p>
            }
        }
    })
}

/// Untouched, every group keeps its own count (1 + 5 = 6), and so with each group's own
/// slider (1 + 8 = 9); a count for every group (an assignment's `instance_count`) says so. When groups are limited to some
/// platforms, the note gives what one platform runs (a range) instead of the sum.
fn total_note(base: &Baseline, knobs: &Knobs, lang: Lang) -> Option<AttrValue> {
    (base.groups > 1).then(|| {
        let count = |g: usize| knobs.count_of(g, base.group_counts[g]);
        let per_platform: Vec<u64> = base
            .platform_groups
            .iter()
            .map(|gs| gs.iter().map(|&g| u64::from(count(g))).sum())
            .collect();
        let all: u64 = (0..base.group_counts.len())
            .map(|g| u64::from(count(g)))
            .sum();
        let split = per_platform.iter().any(|&n| n != all);
        let total = if split {
            let lo = per_platform.iter().copied().min().unwrap_or(0);
            let hi = per_platform.iter().copied().max().unwrap_or(0);
            let range = if lo == hi {
                lo.to_string()
            } else {
                format!("{lo}–{hi}")
            };
            let key = if lo == 1 && hi == 1 {
                "controls.per_platform_one"
            } else {
                "controls.per_platform"
            };
            t(lang, key).replace("{}", &range)
        } else {
            // Korean counts with a counter after the noun: "= 인스턴스 4개".
            t(lang, "controls.total").replace("{}", &all.to_string())
        };
        AttrValue::from(
            match knobs
                .instance_count
                .filter(|_| knobs.group_counts.is_empty())
            {
                None => format!(
                    "{}: {} {total}",
                    t(lang, "controls.groups").replace("{}", &base.groups.to_string()),
                    (0..base.group_counts.len())
                        .map(|g| count(g).to_string())
                        .collect::<Vec<_>>()
                        .join(" + "),
                ),
                Some(n) => format!(
                    "{} × {n} {total} ({})",
                    t(lang, "controls.groups").replace("{}", &base.groups.to_string()),
                    t(lang, "controls.every_group").replace("{}", &n.to_string())
                ),
            },
        )
    })
}

/// The value the memory field's arrow keys step `now` to: the next multiple of `step` up
/// or down, never past the slider's `min` and `max` (65536 and ArrowUp stays 65536).
fn step_field(now: u64, up: bool, step: u64, min: u64, max: u64) -> u64 {
    let step = step.max(1);
    let next = if up {
        (now / step + 1) * step
    } else {
        now.saturating_sub(1) / step * step
    };
    next.clamp(min, max.max(min))
}

/// The duration slider's step: 10 ms, or a divisor of 10 that lands on the scenario's own
/// duration (105 ms: 5; 16 ms: 2), so that the slider can stand at it.
fn duration_step(duration_ms: u64) -> u64 {
    let (mut a, mut b) = (10, duration_ms.max(1));
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Focuses the control `id` when the focus has fallen to the page's body. Checked once the
/// event that changed the setting is over: a field's change on leaving it with Tab comes
/// while the focus is between the two (on `<body>`), and the focus then goes on to the next
/// control, where it stays.
fn refocus_if_lost(id: String) {
    gloo_timers::callback::Timeout::new(0, move || refocus_now(&id)).forget();
}

fn refocus_now(id: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let lost = document
        .active_element()
        .is_none_or(|e| e.tag_name().eq_ignore_ascii_case("body"));
    if lost {
        if let Some(control) = document
            .get_element_by_id(id)
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = control.focus();
        }
    }
}

#[cfg(test)]
mod step_field_tests {
    use super::step_field;

    #[test]
    fn the_fields_arrows_stay_within_the_sliders_range() {
        assert_eq!(step_field(65_536, true, 64, 64, 65_536), 65_536);
        assert_eq!(step_field(65_500, true, 64, 64, 65_536), 65_536);
        assert_eq!(step_field(1000, true, 64, 64, 65_536), 1024);
        assert_eq!(step_field(1000, false, 64, 64, 65_536), 960);
        assert_eq!(step_field(1024, false, 64, 64, 65_536), 960);
        assert_eq!(step_field(64, false, 64, 64, 65_536), 64);
        assert_eq!(step_field(0, false, 64, 64, 65_536), 64);
        assert_eq!(step_field(16, true, 64, 64, 65_536), 64);
    }
}

#[cfg(test)]
mod key_step_tests {
    use super::key_step;

    /// Arrow keys move a slider of many steps by about 1% of its range, in its own steps;
    /// a slider of few steps moves by one.
    #[test]
    fn arrow_keys_move_a_long_slider_by_about_a_hundredth() {
        // The VM exit cost, 100 to 5 000 cycles: 50 (10 presses were 10 cycles).
        assert_eq!(key_step(100, 5000, 1), 50);
        // A round trip of 0 to 1 000 ms in µs, by ms: 10 ms.
        assert_eq!(key_step(0, 1_000_000, 1000), 10_000);
        // The clock, 500 to 5 000 MHz by 10: 50 MHz; a client link by 100 kbit/s: 0.5 Mbit/s.
        assert_eq!(key_step(500, 5000, 10), 50);
        assert_eq!(key_step(100, 50_000, 100), 500);
        // Few steps: one at a time (host cores, the loss in 0.1%).
        assert_eq!(key_step(1, 64, 1), 1);
        assert_eq!(key_step(0, 200_000, 1000), 1000);
        assert_eq!(key_step(5, 5, 1), 1);
    }
}

#[cfg(test)]
mod duration_step_tests {
    #[test]
    fn the_scenarios_own_duration_is_on_the_sliders_grid() {
        for (own, step) in [(200, 10), (105, 5), (16, 2), (7, 1), (1, 1)] {
            assert_eq!(super::duration_step(own), step, "{own}");
            let min = own.clamp(1, 10);
            assert_eq!((own - min) % step, 0, "{own}");
        }
    }
}

#[cfg(test)]
mod field_kind_tests {
    use super::{parse_mbit_s, FieldKind};

    /// A client link is typed in Mbit/s and held in the slider's kbit/s; what the field
    /// writes reads back as the same value (the arrow keys read the field's text).
    #[test]
    fn a_bandwidth_is_typed_in_mbit_s() {
        assert_eq!(parse_mbit_s("2.5"), Some(2_500));
        assert_eq!(parse_mbit_s(" 2.5 Mbit/s "), Some(2_500));
        assert_eq!(parse_mbit_s("2,5"), Some(2_500));
        assert_eq!(parse_mbit_s("100"), Some(100_000));
        assert_eq!(parse_mbit_s("0.0001"), Some(1));
        for bad in ["", "x", "-1", "0", "inf", "NaN", "1e300"] {
            assert_eq!(parse_mbit_s(bad), None, "{bad}");
        }
        for v in [100, 1_000, 1_100, 2_500, 50_000, 123_456] {
            let shown = FieldKind::Bandwidth.show(v);
            assert_eq!(FieldKind::Bandwidth.parse(&shown), Some(v), "{shown}");
        }
        assert_eq!(FieldKind::Bandwidth.show(1_100), "1.1");
        assert_eq!(FieldKind::Memory.show(2048), "2048");
        assert_eq!(FieldKind::Memory.parse("2048"), Some(2048));
    }
}

#[cfg(test)]
mod announce_tests {
    use super::{announced_text, Said};
    use crate::i18n::Lang;
    use crate::state::{Action, ResultRef, State};
    use std::rc::Rc;
    use yew::Reducible as _;

    const TEXT: &str = "[scenario]\nname = \"n\"\nduration_ms = 20\n[host]\ncores = 2\n[[platform]]\nname = \"bare\"\nkind = \"native\"\n[[platform]]\nname = \"c\"\nlabel = { en = \"Boxes\", ko = \"상자\" }\nkind = \"container\"\n[[instance]]\nname = \"g\"\nworkload = \"cpu-bound\"\n";

    /// Runs `text` as the page would and finishes it with the container's figure set to
    /// `relative`.
    fn finish(s: Rc<State>, text: &str, relative: f64) -> Rc<State> {
        finish_with(s, text, |c| c.relative_performance_percent = relative)
    }

    /// Runs `text` as the page would and finishes it with the container's figures set by
    /// `set`.
    fn finish_with(
        s: Rc<State>,
        text: &str,
        set: impl FnOnce(&mut crate::sim::PlatformResult),
    ) -> Rc<State> {
        let s = s.reduce(Action::Run);
        let scenario =
            crate::parsed::adjusted(&s.file, text, &s.knobs.to_adjustments()).expect("valid");
        let mut result = (*scenario).clone().run().expect("runs");
        let c = result.platforms.iter_mut().find(|p| p.name == "c");
        set(c.expect("the container"));
        let id = s.run_id;
        s.reduce(Action::Finished {
            id,
            result: ResultRef(Rc::new(result)),
            events: 1234,
            millis: 5.0,
            whole: true,
        })
    }

    fn said(memory: &mut Said, s: &State, lang: Lang) -> String {
        let before = memory.compare(s).map(<[_]>::to_vec);
        announced_text(s, lang, before.as_deref())
    }

    #[test]
    fn a_rerun_of_the_same_scenario_says_only_the_figures_that_changed() {
        let s = Rc::new(State::new(Lang::En, None))
            .reduce(Action::Cancel)
            .reduce(Action::Edit(TEXT.to_string()));
        let mut memory = Said::default();
        let first = finish(s, TEXT, 90.0);
        let whole = said(&mut memory, &first, Lang::En);
        assert!(
            whole.starts_with("Done · 1,234 events · took ")
                && whole.ends_with(". Relative to native: bare 100.0%, Boxes 90.0%"),
            "{whole}"
        );
        // The same run drawn again keeps its words (no announcement of its own).
        assert_eq!(said(&mut memory, &first, Lang::En), whole);
        // A quick re-run is not said while it runs, only once it is done: what changed.
        let running = first.clone().reduce(Action::Run);
        assert_eq!(said(&mut memory, &running, Lang::En), "");
        let second = finish(first.clone(), TEXT, 85.0);
        let changed = said(&mut memory, &second, Lang::En);
        assert_eq!(changed, "Done. Relative to native: Boxes 85.0% (was 90.0%)");
        // In the other language (the page's language changed): the same comparison.
        assert_eq!(
            said(&mut memory, &second, Lang::Ko),
            "완료. 네이티브 대비 성능: 상자 85.0% (이전 90.0%)"
        );
        let third = finish(second, TEXT, 85.0);
        assert_eq!(
            said(&mut memory, &third, Lang::En),
            "Done. Relative to native: unchanged"
        );
        // Relative to native unchanged, what the setting changed instead is said: the
        // density a memory setting changes, the latency a time slice changes (a review
        // heard only "unchanged"), the one that changed the most.
        let denser = finish_with(third.clone(), TEXT, |c| {
            c.relative_performance_percent = 85.0;
            c.lifecycle.density = 204;
        });
        let density_said = said(&mut memory, &denser, Lang::En);
        assert!(
            density_said.starts_with(
                "Done. Relative to native: unchanged; Density per host: Boxes 204 (was "
            ),
            "{density_said}"
        );
        let slower = finish_with(denser.clone(), TEXT, |c| {
            c.relative_performance_percent = 85.0;
            c.lifecycle.density = 204;
            for l in &mut c.latency {
                l.latency.p99_us *= 3.0;
            }
        });
        let latency_said = said(&mut memory, &slower, Lang::Ko);
        assert!(
            latency_said.starts_with("완료. 네이티브 대비 성능: 변화 없음; p99 지연 (")
                && latency_said.contains("상자 "),
            "{latency_said}"
        );
        let third = finish_with(slower, TEXT, |c| {
            c.relative_performance_percent = 85.0;
            c.lifecycle.density = 204;
            for l in &mut c.latency {
                l.latency.p99_us *= 3.0;
            }
        });
        assert_eq!(
            said(&mut memory, &third, Lang::En),
            "Done. Relative to native: unchanged"
        );
        // A burst: the runs before its last are not said; the last is compared to the run
        // said before the burst.
        let quick = finish(third.clone(), TEXT, 70.0);
        memory.pass(&quick);
        let settled = finish(quick, TEXT, 60.0);
        assert_eq!(
            said(&mut memory, &settled, Lang::En),
            "Done. Relative to native: Boxes 60.0% (was 85.0%)"
        );
        // A burst right after a scenario's first run, which was never said: compared to that,
        // not to another scenario's run that was not said either.
        let mut fresh = Said::default();
        let other_text = TEXT.replace("name = \"n\"", "name = \"o\"");
        let other = finish(
            first.clone().reduce(Action::Edit(other_text.clone())),
            &other_text,
            50.0,
        );
        fresh.pass(&other);
        fresh.pass(&first);
        let next = finish(first.clone(), TEXT, 80.0);
        assert_eq!(
            said(&mut fresh, &next, Lang::En),
            "Done. Relative to native: Boxes 80.0% (was 90.0%)"
        );
        // Another scenario is said whole.
        let other = TEXT.replace("name = \"n\"", "name = \"m\"");
        let fourth = finish(third.reduce(Action::Edit(other.clone())), &other, 85.0);
        assert!(
            said(&mut memory, &fourth, Lang::En).starts_with("Done · 1,234 events"),
            "{}",
            said(&mut memory, &fourth, Lang::En)
        );
    }
}
