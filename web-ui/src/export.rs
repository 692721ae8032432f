//! Results as CSV and JSON, and browser downloads of text files.

use crate::core::{RunResult, Scenario};

/// The JSON the CLI's `run --format json` prints for the same scenario.
pub fn result_json(file: &str, text: &str) -> Result<String, String> {
    let scenario = Scenario::from_toml(file, text).map_err(|e| e.to_string())?;
    let result = scenario.run().map_err(|e| e.to_string())?;
    to_json(&result)
}

/// Pretty JSON of a result.
pub fn to_json(result: &RunResult) -> Result<String, String> {
    serde_json::to_string_pretty(result).map_err(|e| e.to_string())
}

fn csv_field(s: &str) -> String {
    // Quote always; neutralise spreadsheet formulas.
    let s = if s.starts_with(['=', '+', '-', '@']) && s.parse::<f64>().is_err() {
        format!("'{s}")
    } else {
        s.to_string()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// One CSV row per (platform, metric, operation) with its value.
pub fn to_csv(result: &RunResult) -> String {
    let mut out = String::from("platform,metric,operation,value\n");
    let mut row = |p: &str, m: &str, op: &str, v: String| {
        out.push_str(&format!(
            "{},{},{},{}\n",
            csv_field(p),
            csv_field(m),
            csv_field(op),
            v
        ));
    };
    for p in &result.platforms {
        row(
            &p.platform,
            "throughput_ops_per_s",
            "",
            p.throughput.to_string(),
        );
        row(
            &p.platform,
            "relative_to_native",
            "",
            p.relative_to_native.to_string(),
        );
        for l in &p.latency {
            row(
                &p.platform,
                "latency_mean_ns",
                &l.operation,
                l.mean_ns.to_string(),
            );
            row(
                &p.platform,
                "latency_p50_ns",
                &l.operation,
                l.p50_ns.to_string(),
            );
            row(
                &p.platform,
                "latency_p99_ns",
                &l.operation,
                l.p99_ns.to_string(),
            );
        }
        for (reason, n) in &p.exits {
            row(&p.platform, "exits", reason, n.to_string());
        }
    }
    out
}

/// Offers `content` as a file download named `name`.
pub fn download(name: &str, mime: &str, content: &str) {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &props) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document.create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
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
