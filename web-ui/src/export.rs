//! Results as CSV and JSON, and browser downloads of text files.

use crate::sim::{RunResult, Scenario};

/// The JSON the CLI's `run --format json` prints for the same scenario.
pub fn result_json(file: &str, text: &str) -> Result<String, String> {
    let scenario = Scenario::from_toml(file, text).map_err(|e| e.to_string())?;
    let result = scenario.run().map_err(|e| e.to_string())?;
    to_json(&result)
}

/// Pretty JSON of a result, ending in a newline: byte for byte what `virtsim run --format
/// json` prints for it (README, "Headless use"), so a download and the CLI's
/// output have the same checksum.
pub fn to_json(result: &RunResult) -> Result<String, String> {
    serde_json::to_string_pretty(result)
        .map(|json| json + "\n")
        .map_err(|e| e.to_string())
}

/// The result as CSV, the same shape as `virtsim run --format csv`.
pub fn to_csv(result: &RunResult) -> String {
    crate::sim::export_csv::to_csv(result)
}

/// Offers `content` as a file download named `name`.
pub fn download(name: &str, mime: &str, content: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &props) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    download_url(name, &url);
    // Revoke later: revoking at once can cancel the download in some browsers.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

/// Follows a (blob: or data:) URL as a download named `name`.
pub fn download_url(name: &str, url: &str) {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(a) = document.create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(url);
            a.set_download(name);
            a.click();
        }
    }
}

/// A safe download file name derived from a scenario name.
pub fn file_stem(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches('-');
    if s.is_empty() {
        "virtsim".into()
    } else {
        s.chars().take(60).collect()
    }
}
