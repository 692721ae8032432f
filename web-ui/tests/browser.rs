//! Component tests in a real headless Chromium (wasm-bindgen-test, `run_in_browser`,
//! chromedriver): run by scripts/test-browser.sh.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use gloo_timers::future::sleep;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_ui::builtin::INDEX;
use web_ui::components::svg_view::parse_svg;
use web_ui::{charts, knobs::Knobs, share};

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

/// Polls `cond` every 50 ms for up to `secs` seconds. (Module workers do not load in
/// this test page: every app here runs on the main thread, after its first run finds the
/// workers unavailable; a warm worker that failed before a run listened used to leave a
/// later app `running` for ever.)
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
        tab: Some("charts".into()),
        library_hash: None,
        op: None,
        log: vec!["chart-exits".into()],
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
    assert_eq!(options as usize, INDEX.len());

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
    assert!(
        wait_for(60, || status(&host) == "done").await,
        "status {:?}; page text: {}",
        status(&host),
        host.text_content()
            .unwrap_or_default()
            .chars()
            .take(600)
            .collect::<String>()
    );
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
    // The place once, in words (no "file:3:8:" prefix after it).
    assert!(
        text.contains("line 3, column") && !text.contains(":3:"),
        "{text}"
    );
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
    // A small scenario: the renamed text runs (unoptimized, on this page's main thread)
    // while the next tests mount their own apps.
    // The page fetches library texts when chosen; the test reads this one itself.
    let text = include_str!("../../scenarios/smoke.toml");
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

/// A short assignment (4 ms per platform) with a prediction, an answer after the run and
/// a hostile text in its introduction.
fn course_text() -> String {
    format!(
        r#"
[assignment]
id = "e2e-course"
title = {{ en = "E2E", ko = "E2E" }}

[[step]]
id = "one"
title = {{ en = "One", ko = "하나" }}
intro = {{ en = {EVIL:?}, ko = {EVIL:?} }}
student_seed = true
scenario_toml = '''
[scenario]
name = "syscalls"
duration_ms = 4

[[platform]]
name = "bt"
kind = "type1"
technique = "binary_translation"

[[platform]]
name = "hw"
kind = "type1"
technique = "hardware_assist"

[[instance]]
name = "vm"
workload = "syscall-heavy"
'''

[[step.question]]
id = "slowest"
predict = true
points = 2
text = {{ en = "Which is slower?", ko = "어느 쪽이 느린가?" }}
kind = "choice"
metric = "relative_performance_percent"
select = "lowest"

[[step.question]]
id = "bt-rel"
text = {{ en = "bt relative %?", ko = "bt 상대 성능 %?" }}
kind = "numeric"
metric = "relative_performance_percent"
platform = "bt"
tolerance_percent = 10
"#
    )
}

fn click(host: &web_sys::Element, selector: &str) {
    let el: web_sys::HtmlElement = host
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} not found"))
        .dyn_into()
        .unwrap();
    el.click();
}

fn type_into(host: &web_sys::Element, selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = host
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} not found"))
        .dyn_into()
        .unwrap();
    input.set_value(value);
    input
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
}

fn exists(host: &web_sys::Element, selector: &str) -> bool {
    host.query_selector(selector).unwrap().is_some()
}

/// A whole assignment: open it from a link, give a student id, predict, run, answer,
/// reload (the app mounted again) and resume, then export the answers file, which
/// carries the scenario hash and a checksum that `virtsim grade` accepts.
#[wasm_bindgen_test]
async fn a_whole_assignment_predict_run_answer_resume_export() {
    use web_ui::sim::assignment::AnswersFile;
    use web_ui::state::course;

    let text = course_text();
    let window = web_sys::window().unwrap();
    let storage = window.local_storage().unwrap().unwrap();
    let opened = course::open(
        course::Origin::Text {
            file: "e2e.toml".into(),
        },
        "e2e.toml",
        &text,
    )
    .expect("valid assignment");
    let set_aside = |student: &str| format!("{}.student.{student}", opened.storage_key);
    for key in [
        opened.storage_key.clone(),
        set_aside("s042"),
        set_aside("s043"),
    ] {
        let _ = storage.remove_item(&key);
    }
    let history = window.history().unwrap();
    history
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&course::to_hash(&opened)),
        )
        .unwrap();

    let host = mount();
    assert!(wait_for(60, || exists(&host, "#course-student")).await);
    // The introduction is text, never markup.
    type_into(&host, "#course-student", "s042");
    // Buttons enable once Yew has re-rendered with the typed value.
    assert!(
        wait_for(5, || exists(
            &host,
            "#course-start:not([aria-disabled=true])"
        ))
        .await
    );
    click(&host, "#course-start");
    assert!(wait_for(20, || exists(&host, "#course-commit")).await);
    let course_el = host.query_selector("#course").unwrap().unwrap();
    assert_eq!(course_el.get_elements_by_tag_name("img").length(), 0);
    assert!(course_el.text_content().unwrap().contains(EVIL));
    // Before the predictions: no results, and nothing to answer yet.
    assert!(exists(&host, "#course-hidden"));
    assert!(!exists(&host, "#course-answer-bt-rel"));

    // Predict "hw" (binary translation is the slower one: a wrong prediction).
    click(&host, "input[name='cq-slowest'][value='hw']");
    assert!(
        wait_for(5, || exists(
            &host,
            "#course-commit:not([aria-disabled=true])"
        ))
        .await
    );
    click(&host, "#course-commit");
    assert!(
        wait_for(60, || exists(&host, "#course-answer-bt-rel")).await,
        "the run did not finish: {}",
        status(&host)
    );
    assert!(!exists(&host, "#course-hidden"));
    assert!(exists(
        &host,
        "li[data-question='slowest'] .verdict[data-verdict='wrong']"
    ));
    type_into(&host, "#cq-bt-rel", "50");
    // aria-disabled (not disabled) until the typed answer has rendered: a press before
    // that does nothing.
    assert!(
        wait_for(5, || exists(
            &host,
            "#course-answer-bt-rel:not([aria-disabled=true])"
        ))
        .await
    );
    click(&host, "#course-answer-bt-rel");
    assert!(
        wait_for(5, || exists(
            &host,
            "li[data-question='bt-rel'][data-answered='true']"
        ))
        .await
    );
    assert!(exists(&host, "li[data-question='bt-rel'] .verdict"));
    host.remove();

    // Reload: the address bar still names the assignment; the progress comes back.
    let host = mount();
    assert!(
        wait_for(60, || exists(
            &host,
            "li[data-question='bt-rel'][data-answered='true']"
        ))
        .await
    );
    assert!(
        !exists(&host, "#course-commit"),
        "predictions stay committed"
    );
    assert!(host
        .query_selector(".course-student")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
        .contains("s042"));

    // Another student on this computer: s042's progress is set aside, s043 starts afresh
    // (predictions first), and s042 comes back to where they were.
    for (student, resumed) in [("s043", false), ("s042", true)] {
        click(&host, "#course-change-student");
        assert!(wait_for(5, || exists(&host, "#course-student")).await);
        type_into(&host, "#course-student", student);
        assert!(
            wait_for(5, || exists(
                &host,
                "#course-start:not([aria-disabled=true])"
            ))
            .await
        );
        click(&host, "#course-start");
        let shown = if resumed {
            "li[data-question='bt-rel'][data-answered='true']"
        } else {
            "#course-commit"
        };
        assert!(
            wait_for(60, || exists(&host, shown)).await,
            "{student}: {shown}"
        );
        assert_eq!(exists(&host, "#course-commit"), !resumed, "{student}");
    }

    // Finish and export.
    click(&host, "#course-next");
    assert!(wait_for(10, || exists(&host, "#course-answers-json")).await);
    let json: web_sys::HtmlTextAreaElement = host
        .query_selector("#course-answers-json")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let file: AnswersFile = serde_json::from_str(&json.value()).expect("answers file JSON");
    assert_eq!(file.assignment, "e2e-course");
    assert_eq!(file.student, "s042");
    assert!(file.checksum_ok());
    let a = &opened.assignment.0;
    assert_eq!(
        file.steps[0].scenario_hash,
        a.scenario_hash(0, Some("s042"))
    );
    let slowest = file.answer("one", "slowest").expect("prediction exported");
    assert_eq!((slowest.answer.as_str(), slowest.predicted), ("hw", true));
    let rel = file.answer("one", "bt-rel").expect("answer exported");
    assert_eq!((rel.answer.as_str(), rel.predicted), ("50", false));
    // Graded as the CLI grades it: the prediction is wrong (bt is slower).
    let expected = a
        .step_scenario(0, Some("s042"))
        .unwrap()
        .run()
        .unwrap()
        .questions;
    let grade = a.grade(&file, &[expected]);
    assert!(grade.problems.is_empty(), "{:?}", grade.problems);
    assert_eq!(
        grade.rows[0].verdict,
        web_ui::sim::assignment::Verdict::Wrong
    );
    // The final page's count agrees with that grading: the step reveals answers, and both
    // were checked against its runs (the prediction after the run it started, kept
    // through the reload and the change of student).
    let score = host
        .query_selector("#course-score")
        .unwrap()
        .expect("a score on the final page");
    let count = |v| {
        let n = grade.rows.iter().filter(|r| r.verdict == v).count();
        Some(n.to_string())
    };
    use web_ui::sim::assignment::Verdict;
    assert_eq!(score.get_attribute("data-revealed").as_deref(), Some("2"));
    assert_eq!(score.get_attribute("data-right"), count(Verdict::Right));
    assert_eq!(score.get_attribute("data-wrong"), count(Verdict::Wrong));
    assert_eq!(score.get_attribute("data-unchecked").as_deref(), Some("0"));
    assert_eq!(score.get_attribute("data-hidden").as_deref(), Some("0"));
    assert!(!exists(&host, "#course-score-hidden"));

    // Closing the assignment takes its link out of the address bar (a reload stays closed).
    assert!(window.location().hash().unwrap().starts_with("#at="));
    click(&host, "#course-close");
    assert!(wait_for(5, || !exists(&host, "#course")).await);
    assert!(wait_for(5, || window.location().hash().unwrap().is_empty()).await);

    host.remove();
    for key in [
        opened.storage_key.clone(),
        set_aside("s042"),
        set_aside("s043"),
    ] {
        let _ = storage.remove_item(&key);
    }
    let path = window.location().pathname().unwrap();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .unwrap();
}
