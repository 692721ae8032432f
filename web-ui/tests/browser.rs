//! Component tests in a real headless Chromium (wasm-bindgen-test, `run_in_browser`,
//! chromedriver): run by scripts/test-browser.sh.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use gloo_timers::future::sleep;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_ui::builtin::BUILTIN;
use web_ui::components::svg_view::parse_svg;
use web_ui::{charts, share, state::Knobs};

wasm_bindgen_test_configure!(run_in_browser);

const EVIL: &str = "<img src=x onerror=alert(1)>";

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn mount() -> web_sys::Element {
    let host = document().create_element("div").unwrap();
    let id = format!("host-{}", js_sys::Math::random().to_bits());
    host.set_id(&id);
    document().body().unwrap().append_child(&host).unwrap();
    web_ui::start(&id).unwrap();
    host
}

/// Waits up to `secs` for `cond` to hold.
async fn wait_for(secs: u64, mut cond: impl FnMut() -> bool) -> bool {
    for _ in 0..secs * 20 {
        if cond() {
            return true;
        }
        sleep(Duration::from_millis(50)).await;
    }
    cond()
}

fn status(host: &web_sys::Element) -> String {
    host.query_selector(".page")
        .unwrap()
        .and_then(|p| p.get_attribute("data-status"))
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn chart_labels_become_svg_text_not_markup() {
    let svg = charts::grouped_bars(
        EVIL,
        EVIL,
        &[EVIL.to_string()],
        &[charts::Series {
            name: EVIL.into(),
            colour: charts::colour(0),
            values: vec![1.0],
        }],
    );
    let el = parse_svg(&svg).expect("plotters output parses as SVG");
    assert_eq!(
        el.namespace_uri().as_deref(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(el.get_elements_by_tag_name("img").length(), 0);
    assert!(el.text_content().unwrap().contains(EVIL));
}

#[wasm_bindgen_test]
fn malformed_svg_is_refused() {
    assert!(parse_svg("<svg><g></svg>").is_none());
    assert!(parse_svg("<html><img src=x></html>").is_none());
}

#[wasm_bindgen_test]
fn share_links_round_trip_in_the_browser() {
    let shared = share::Shared {
        file: "a.toml".into(),
        text: format!("name = {EVIL:?}\n# 가상화\n"),
        knobs: Knobs {
            seed: Some(5),
            ..Knobs::default()
        },
    };
    let hash = share::to_hash(&shared);
    assert_eq!(share::from_hash(&hash).unwrap().unwrap(), shared);
}

#[wasm_bindgen_test]
async fn app_mounts_runs_the_first_scenario_and_shows_results() {
    let host = mount();
    assert!(
        wait_for(60, || status(&host) == "done").await,
        "status {}",
        status(&host)
    );
    assert!(host.query_selector("#comparison").unwrap().is_some());
    let options = host
        .query_selector_all("#scenario-select option")
        .unwrap()
        .length();
    assert_eq!(options as usize, BUILTIN.len());

    // Charts tab: SVG elements appear.
    let tab: web_sys::HtmlElement = host
        .query_selector("#tab-charts")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    tab.click();
    assert!(
        wait_for(10, || host
            .query_selector("#chart-relative svg")
            .unwrap()
            .is_some())
        .await
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn editor_reports_line_and_column_live() {
    let host = mount();
    assert!(wait_for(60, || status(&host) == "done").await);
    let ta: web_sys::HtmlTextAreaElement = host
        .query_selector("#scenario-text")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    ta.set_value("name = \"x\"\n\nseed = = 3\n");
    ta.dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    assert!(
        wait_for(5, || host
            .query_selector("#editor-error")
            .unwrap()
            .is_some())
        .await
    );
    let text = host
        .query_selector("#editor-error")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(text.contains(":3:"), "{text}");
    let bad_line = host
        .query_selector(".gutter .bad")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(bad_line, "3");
    host.remove();
}

#[wasm_bindgen_test]
async fn hostile_names_stay_text() {
    let host = mount();
    assert!(wait_for(60, || status(&host) == "done").await);
    let Some((_, text)) = BUILTIN.first() else {
        return;
    };
    // Rename the scenario (the first `name =` line, in [scenario]).
    let mut renamed = false;
    let evil = text
        .lines()
        .map(|l| {
            if !renamed && l.trim_start().starts_with("name") && l.contains('=') {
                renamed = true;
                format!("name = {EVIL:?}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let ta: web_sys::HtmlTextAreaElement = host
        .query_selector("#scenario-text")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    ta.set_value(&evil);
    ta.dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    let name = || {
        host.query_selector("#editor-status .scenario-name")
            .unwrap()
            .and_then(|n| n.text_content())
            .unwrap_or_default()
    };
    assert!(
        wait_for(5, || name() == EVIL).await,
        "name shown as {:?}",
        name()
    );
    assert_eq!(host.get_elements_by_tag_name("img").length(), 0);
    host.remove();
}
