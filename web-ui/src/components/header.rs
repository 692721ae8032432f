//! Title bar: language switch, share link, CSV/JSON export.

use yew::prelude::*;

use crate::export;
use crate::i18n::t;
use crate::share;
use crate::state::{Action, State};

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub state: UseReducerHandle<State>,
}

#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let state = &props.state;
    let lang = state.lang;

    let on_lang = {
        let s = state.clone();
        Callback::from(move |_| {
            let lang = s.lang.other();
            lang.remember();
            s.dispatch(Action::SetLang(lang))
        })
    };
    let on_share = {
        let s = state.clone();
        Callback::from(move |_| {
            // The link opens in the language it was made in.
            let hash = share::to_hash(&s.shared()) + &s.lang.hash_param();
            if let Some(w) = web_sys::window() {
                // replaceState: no hashchange event, so no re-run.
                if let Ok(h) = w.history() {
                    let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash));
                }
                if let Ok(href) = w.location().href() {
                    let _ = w.navigator().clipboard().write_text(&href);
                }
            }
            // A text or settings not run yet: the link carries them, and whoever opens it
            // gets their figures, not the ones on screen (a review).
            let mut said = t(s.lang, "share.copied").to_string();
            if s.results_stale() || s.result.is_none() {
                said.push_str(". ");
                said.push_str(t(s.lang, "share.not_run"));
            }
            s.dispatch(Action::Notice(Some(said)));
        })
    };
    let (on_csv, on_json) = {
        let none = state.result.is_none() || state.awaiting_predictions();
        let r1 = state.result.clone().filter(|_| !none);
        let r2 = r1.clone();
        (
            Callback::from(move |_| {
                if let Some(r) = &r1 {
                    export::download(
                        &format!("{}.csv", export::file_stem(&r.scenario)),
                        "text/csv",
                        &export::to_csv(r),
                    );
                }
            }),
            Callback::from(move |_| {
                if let Some(r) = &r2 {
                    if let Ok(json) = export::to_json(r) {
                        export::download(
                            &format!("{}.json", export::file_stem(&r.scenario)),
                            "application/json",
                            &json,
                        );
                    }
                }
            }),
        )
    };
    // Unavailable without a result, or while a step's results wait for its predictions:
    // aria-disabled, not disabled (Tab skipped them and a screen reader never learnt they
    // were there: a blind student's review), described by why, a press ignored.
    let no_result = state.result.is_none() || state.awaiting_predictions();
    let why_not = no_result.then(|| {
        t(
            lang,
            if state.awaiting_predictions() {
                "export.needs_predictions"
            } else {
                "export.needs_result"
            },
        )
    });

    html! {
        <header class="top">
            <div class="brand">
                <h1>{ t(lang, "app.title") }</h1>
                <p class="tagline">{ t(lang, "app.tagline") }</p>
            </div>
            <nav class="actions" aria-label={t(lang, "nav.actions")}>
                <button id="share" onclick={on_share}>{ t(lang, "share") }</button>
                <button id="export-csv" onclick={on_csv} aria-disabled={no_result.then_some("true")}
                    aria-describedby={no_result.then_some("export-why")}>{ t(lang, "export.csv") }</button>
                <button id="export-json" onclick={on_json} aria-disabled={no_result.then_some("true")}
                    aria-describedby={no_result.then_some("export-why")}>{ t(lang, "export.json") }</button>
                if let Some(why) = why_not {
                    <span class="sr-only" id="export-why">{ why }</span>
                }
                <button id="lang" onclick={on_lang} aria-label={t(lang, "lang.switch.label")}
                    lang={lang.other().tag()}>{ t(lang, "lang.switch") }</button>
            </nav>
        </header>
    }
}
