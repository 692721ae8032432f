//! The TOML editor with live validation, open and download: CodeMirror (see
//! `codemirror.rs`) when the page has it, a plain textarea otherwise.
//!
//! Each error of the text is listed at its line and column, in words and once (no
//! "file:line:column:" prefix), with a button that moves the cursor there, and marked in
//! the editor (CodeMirror's `set_errors`, else the line numbers beside the textarea). A
//! name the page made up from the scenario's name after a paste ("lab.toml") is shown as
//! unsaved text, not as a file.

use yew::prelude::*;

use crate::codemirror::CmEditor;
use crate::export;
use crate::i18n::{t, Lang};
use crate::state::{Action, State, Validation, MAX_SCENARIO_BYTES};

/// How long a valid scenario's status stands before it is said (`#editor-announced`):
/// the page's states while a text loads are said as one, the last.
const STATUS_SETTLED_MS: u32 = 300;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub state: UseReducerHandle<State>,
}

/// Offset in UTF-16 units (what a textarea's selection counts) of (line, column), both
/// 1-based, the column in characters as the validator counts them, in `text`.
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line {
            let before: usize = l
                .chars()
                .take(column.saturating_sub(1))
                .map(char::len_utf16)
                .sum();
            return offset + before;
        }
        offset += l.encode_utf16().count() + 1;
    }
    text.encode_utf16().count()
}

/// Where the editor's layout choices are kept (localStorage): wrapping long lines (on
/// unless turned off: a scenario's bilingual `{ en = "…", ko = "…" }` lines are long) and
/// the wide editor (off unless turned on).
const WRAP_KEY: &str = "virtsim.editor.wrap";
const WIDE_KEY: &str = "virtsim.editor.wide";

fn storage() -> Option<web_sys::Storage> {
    if cfg!(not(target_arch = "wasm32")) {
        return None;
    }
    web_sys::window()?.local_storage().ok()?
}

/// A kept on/off choice, `default` when none is kept.
fn kept(key: &str, default: bool) -> bool {
    match storage()
        .and_then(|s| s.get_item(key).ok().flatten())
        .as_deref()
    {
        Some("1") => true,
        Some("0") => false,
        _ => default,
    }
}

fn keep(key: &str, on: bool) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, if on { "1" } else { "0" });
    }
}

/// A checkbox for one of the editor's layout choices.
fn choice(
    id: &'static str,
    label: &'static str,
    on: &UseStateHandle<bool>,
    key: &'static str,
) -> Html {
    let onchange = {
        let on = on.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            keep(key, input.checked());
            on.set(input.checked());
        })
    };
    html! {
        <label class={classes!("editor-choice", id)}>
            <input type="checkbox" {id} checked={**on} {onchange} />
            { label }
        </label>
    }
}

#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let area = use_node_ref();
    let host = use_node_ref();
    let cm = use_mut_ref(|| None::<CmEditor>);
    let mounted = use_state(|| false);
    let wrap = use_state(|| kept(WRAP_KEY, true));
    let wide = use_state(|| kept(WIDE_KEY, false));

    // Mount CodeMirror once; its edits come back as Action::Edit.
    {
        let (host, cm, mounted, s) = (host.clone(), cm.clone(), mounted.clone(), state.clone());
        use_effect_with((), move |_| {
            if let Some(el) = host.cast::<web_sys::Element>() {
                let d = s.clone();
                let editor = CmEditor::mount(&el, &s.text, t(s.lang, "editor"), move |text| {
                    d.dispatch(Action::Edit(text))
                });
                if editor.is_some() {
                    *cm.borrow_mut() = editor;
                    mounted.set(true);
                }
            }
            move || {
                cm.borrow_mut().take();
            }
        });
    }
    // The page's text (a library pick, an opened file, a share link) goes into the editor.
    {
        let cm = cm.clone();
        use_effect_with((state.text.clone(), *mounted), move |(text, _)| {
            if let Some(e) = cm.borrow().as_ref() {
                e.set_text(text);
            }
        });
    }
    // Wrapping (a class on the host, CodeMirror's own `.cm-lineWrapping` rule) and the
    // column's width change the lines' heights: CodeMirror measures them again.
    {
        let cm = cm.clone();
        use_effect_with((*wrap, *wide, *mounted), move |_| {
            if let Some(e) = cm.borrow().as_ref() {
                e.remeasure();
            }
        });
    }
    // The label follows the language, the error markers the validator's errors; each goes
    // to CodeMirror only when it changes. A dispatch makes CodeMirror update its view and
    // read the selection back (a forced layout): a slider's re-validation, which changes
    // neither, must not cost that on every move while the workers need the CPU.
    {
        let cm = cm.clone();
        use_effect_with((lang, *mounted), move |(lang, _)| {
            if let Some(e) = cm.borrow().as_ref() {
                e.set_label(t(*lang, "editor"));
            }
        });
    }
    {
        let cm = cm.clone();
        // Every error shown in the list under the editor, each marked at its place.
        let errors: Vec<(usize, usize, String)> = match &state.validation {
            Validation::Invalid(errors) => (errors.shown.iter())
                .map(|e| (e.line, e.column, plain_quotes(e.message.get(lang))))
                .collect(),
            Validation::Valid { .. } => Vec::new(),
        };
        // Set again after each edit while there are errors: an edit that replaces a marked
        // range (a whole new text pasted, the same error in it) maps the marker away, and
        // an equal list would not be set again (the e2e step on every independent error).
        let edited = (!errors.is_empty()).then(|| state.text.clone());
        use_effect_with((errors, edited, *mounted), move |(errors, _, _)| {
            if let Some(e) = cm.borrow().as_ref() {
                e.set_errors(errors);
            }
        });
    }

    let oninput = {
        let s = state.clone();
        Callback::from(move |e: InputEvent| {
            let ta: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            s.dispatch(Action::Edit(ta.value()));
        })
    };
    let on_open = {
        let s = state.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let name = file.name();
            if file.size() > MAX_SCENARIO_BYTES as f64 {
                s.dispatch(Action::Notice(Some(format!(
                    "{name}: {}",
                    crate::opened::too_large(
                        s.lang,
                        "editor.too_big",
                        file.size(),
                        MAX_SCENARIO_BYTES
                    )
                ))));
                return;
            }
            let s2 = s.clone();
            crate::opened::read(&file, s.lang, move |read| match read {
                Ok(text) => s2.dispatch(Action::LoadFile { file: name, text }),
                // Not UTF-8: refused in the CLI's words, the editor's text kept.
                Err(message) => s2.dispatch(Action::Notice(Some(message))),
            });
            input.set_value("");
        })
    };
    let on_download = {
        let s = state.clone();
        Callback::from(move |_| {
            // Named after the scenario now in the editor (its text may have been replaced).
            export::download(&s.download_name(), "application/toml", &s.text);
        })
    };
    // Unavailable (a run going on, errors in the text, ...): aria-disabled, described by
    // why, its press ignored, as the parameters' Run (`State::run_unavailable`).
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

    // The valid scenario's status line, said by `#editor-announced` once it has stood for
    // `STATUS_SETTLED_MS`, as one text node put into a region there (empty) since the editor
    // showed: the line itself, a live region drawn anew with each of its pieces, changed
    // about six times as an assignment step loaded (a review). Said in the language of
    // that moment; a switch of language says nothing again (the region empties).
    let status_key = match &state.validation {
        Validation::Valid { name, seed, .. } => Some((name.clone(), *seed)),
        Validation::Invalid(_) => None,
    };
    let announced = use_state_eq(|| None::<(Lang, String)>);
    {
        let announced = announced.clone();
        let words = status_key.as_ref().map(|(name, seed)| {
            format!(
                "✓ {}: {name} · {} {seed}",
                t(lang, "editor.valid"),
                t(lang, "controls.seed")
            )
        });
        use_effect_with(status_key, move |_| {
            let timer = gloo_timers::callback::Timeout::new(STATUS_SETTLED_MS, move || {
                announced.set(words.map(|w| (lang, w)))
            });
            move || drop(timer)
        });
    }
    let announced = match &*announced {
        Some((said_in, words)) if *said_in == lang => words.clone(),
        _ => String::new(),
    };

    let status = match &state.validation {
        Validation::Valid {
            name,
            seed,
            warnings,
            more_warnings,
            ..
        } => html! {
            <>
            <p id="editor-status" class="valid">
                { "✓ " }{ t(lang, "editor.valid") }{ ": " }<strong class="scenario-name">{ name.clone() }</strong>
                { format!(" · {} {seed}", t(lang, "controls.seed")) }
            </p>
            // The validator's warnings, as `virtsim validate` prints them: it runs, but
            // not as its author may think.
            { for warnings.iter().map(|w| html! {
                <div class="editor-warning" role="note">
                    <p><strong>{ "⚠ " }{ t(lang, "editor.warning") }</strong>
                        { format!(" — {} {}, {} {}", t(lang, "editor.line"), w.line, t(lang, "editor.column"), w.column) }</p>
                    <pre class="error-text">{ super::with_code(w.message.get(lang)) }</pre>
                </div>
            }) }
            if *more_warnings > 0 {
                <p class="error-more" id="editor-more-warnings">{ t(lang, "editor.more_warnings").replace("{}", &more_warnings.to_string()) }</p>
            }
            </>
        },
        Validation::Invalid(errors) => {
            // A value's unit the validator doubts (an rtt_ms that reads as seconds), beside
            // the errors as `virtsim validate` prints it: not only once they are fixed.
            let unit_warnings = html! {
                { for errors.warnings.iter().map(|w| html! {
                    <div class="editor-warning" role="note">
                        <p><strong>{ "⚠ " }{ t(lang, "editor.warning") }</strong>
                            { format!(" — {} {}, {} {}", t(lang, "editor.line"), w.line, t(lang, "editor.column"), w.column) }</p>
                        <pre class="error-text">{ super::with_code(w.message.get(lang)) }</pre>
                    </div>
                }) }
            };
            let goto = |line: usize, column: usize| {
                let area = area.clone();
                let cm = cm.clone();
                let text = state.text.clone();
                Callback::from(move |_| {
                    if let Some(e) = cm.borrow().as_ref() {
                        e.goto(line, column);
                    } else if let Some(ta) = area.cast::<web_sys::HtmlTextAreaElement>() {
                        let at = offset_of(&text, line, column) as u32;
                        let _ = ta.focus();
                        let _ = ta.set_selection_range(at, at + 1);
                    }
                })
            };
            let place = |line: usize, column: usize| {
                format!(
                    "{} {line}, {} {column}",
                    t(lang, "editor.line"),
                    t(lang, "editor.column")
                )
            };
            let first = errors.first();
            let more = (errors.more > 0).then(|| {
                html! { <p class="error-more">{ t(lang, "editor.more").replace("{}", &errors.more.to_string()) }</p> }
            });
            // Where the checks stopped (a syntax error, a required key missing...): more
            // errors may show once it is fixed (`virtsim validate`'s last line, `note:`).
            let stopped = errors.stopped.as_ref().map(|(line, column, why)| {
                html! {
                    <p id="editor-stopped" class="error-stopped">
                        <button class="link" onclick={goto(*line, *column)}
                            title={t(lang, "editor.goto")}>{ place(*line, *column) }</button>
                        { format!(": {}", why.get(lang)) }
                    </p>
                }
            });
            // A status, not an alert: it changes as the text is typed, and an alert broke
            // into the reading at each keystroke that changed it (a keyboard reviewer).
            if errors.shown.len() == 1 && errors.more == 0 {
                html! {
                    <>
                    <div id="editor-error" class="invalid" role="status">
                        <p>
                            <strong>{ "✗ " }{ t(lang, "editor.invalid") }</strong>
                            { format!(" — {}", place(first.line, first.column)) }
                        </p>
                        <pre class="error-text">{ super::with_code(first.message.get(lang)) }</pre>
                        <button class="link" onclick={goto(first.line, first.column)}>{ t(lang, "editor.goto") }</button>
                        { stopped }
                    </div>
                    { unit_warnings }
                    </>
                }
            } else {
                // Every independent error, in the file's order, as `virtsim validate`
                // prints them (the first 20, then how many more): each at its line and
                // column, a link there.
                let count = errors.shown.len() + errors.more;
                html! {
                    <>
                    <div id="editor-error" class="invalid" role="status">
                        <p>
                            <strong>{ "✗ " }{ t(lang, "editor.invalid") }</strong>
                            { format!(" — {}", t(lang, "editor.errors").replace("{}", &count.to_string())) }
                        </p>
                        <ol class="error-list">
                            { for errors.shown.iter().map(|e| html! {
                                <li>
                                    <button class="link" onclick={goto(e.line, e.column)}
                                        title={t(lang, "editor.goto")}>{ place(e.line, e.column) }</button>
                                    <pre class="error-text">{ super::with_code(e.message.get(lang)) }</pre>
                                </li>
                            }) }
                        </ol>
                        { more }
                        { stopped }
                    </div>
                    { unit_warnings }
                    </>
                }
            }
        }
    };
    let error_lines: Vec<usize> = match &state.validation {
        Validation::Invalid(errors) => errors.shown.iter().map(|e| e.line).collect(),
        _ => Vec::new(),
    };
    let lines = state.text.split('\n').count().max(1);
    // The file the text came from (a library file, one the user opened): a name the page
    // made up from the scenario's name after a paste ("lab.toml") was never a file, and
    // is not given as one.
    let shown_file = if state.file_from_text {
        t(lang, "editor.no_file").to_string()
    } else {
        state.file.clone()
    };
    let valid = matches!(state.validation, Validation::Valid { .. });

    html! {
        <section class={classes!("card", "editor", wide.then_some("wide"))} aria-labelledby="editor-h">
            <h2 id="editor-h">{ t(lang, "editor") }<span class="file">{ shown_file }</span></h2>
            // What Tab does in the editor (its description): above it, where a keyboard
            // arriving in the editor sees it (editor.js scrolls it into view); it stood
            // under the editor, off-screen (a student's review).
            <p id="editor-keys" class="hint" hidden={!*mounted}>{ t(lang, "editor.keys") }</p>
            <div id="cm-host" class={classes!("cm-host", wrap.then_some("wrap"))} ref={host} hidden={!*mounted}></div>
            // Layout choices for CodeMirror only (the textarea's gutter numbers its lines
            // as they are, unwrapped).
            <div class="editor-choices" hidden={!*mounted}>
                { choice("editor-wrap", t(lang, "editor.wrap"), &wrap, WRAP_KEY) }
                { choice("editor-wide", t(lang, "editor.wide"), &wide, WIDE_KEY) }
            </div>
            // The plain textarea, until CodeMirror is mounted (or without it): once it is, not
            // rendered at all, so that an edit or a slider's move does not copy the whole text
            // into a hidden textarea and compare its gutter line by line.
            if !*mounted {
                <div class="code">
                    <div class="gutter" aria-hidden="true">
                        { for (1..=lines.min(2000)).map(|n| html! {
                            <span class={classes!(error_lines.contains(&n).then_some("bad"))}>{ n }</span>
                        }) }
                    </div>
                    <textarea id="scenario-text" ref={area} spellcheck="false" autocapitalize="off"
                        aria-label={t(lang, "editor")} aria-invalid={(!valid).to_string()}
                        aria-describedby={if valid { "editor-status" } else { "editor-error" }}
                        value={state.text.to_string()} {oninput} rows="16" wrap="off" />
                </div>
            }
            { status }
            <p id="editor-announced" class="sr-only" role="status">{ announced }</p>
            <div class="row">
                <button id="run-edited" class="primary" onclick={on_run} aria-disabled={run_why.map(|_| "true")}
                    aria-describedby={run_why.map(|_| "run-edited-why")}>{ t(lang, "run.edited") }</button>
                if let Some(why) = run_why {
                    <span class="sr-only" id="run-edited-why">{ t(lang, why) }</span>
                }
                <label class="button">
                    { t(lang, "editor.open") }
                    <input type="file" accept=".toml,text/plain" class="sr-only" onchange={on_open} />
                </label>
                <button onclick={on_download}>{ t(lang, "editor.download") }</button>
            </div>
        </section>
    }
}

/// A message for the editor's inline lint, which shows plain text: its code spans
/// (`` `seed` ``, rendered as `<code>` elsewhere on the page) in quotes instead of bare
/// backticks.
fn plain_quotes(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut open = true;
    for ch in message.chars() {
        if ch == '`' {
            out.push(if open { '‘' } else { '’' });
            open = !open;
        } else {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{offset_of, plain_quotes};

    /// The inline lint's plain text quotes code spans instead of showing backticks.
    #[test]
    fn code_spans_are_quoted_in_plain_text() {
        assert_eq!(
            plain_quotes("key `seed` twice; write `seed = 1`"),
            "key ‘seed’ twice; write ‘seed = 1’"
        );
        assert_eq!(plain_quotes("키 `corez`"), "키 ‘corez’");
        assert_eq!(plain_quotes("no code"), "no code");
    }

    #[test]
    fn offsets() {
        let t = "ab\ncde\nf";
        assert_eq!(offset_of(t, 1, 1), 0);
        assert_eq!(offset_of(t, 2, 2), 4);
        assert_eq!(offset_of(t, 3, 1), 7);
        assert_eq!(offset_of(t, 9, 9), 8);
        // Columns count characters; a textarea counts UTF-16 units (an emoji is two).
        assert_eq!(offset_of("k = \"😀😀\", x = 1", 1, 12), 13);
    }
}
