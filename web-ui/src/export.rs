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

/// One CSV row per (platform, metric, detail) with its value.
pub fn to_csv(result: &RunResult) -> String {
    let mut out = String::from("scenario,seed,platform,metric,detail,value\n");
    let head = format!("{},{}", csv_field(&result.scenario), result.seed);
    let mut row = |p: &str, m: &str, detail: &str, v: String| {
        out.push_str(&format!(
            "{head},{},{},{},{}\n",
            csv_field(p),
            csv_field(m),
            csv_field(detail),
            v
        ));
    };
    for p in &result.platforms {
        row(
            &p.name,
            "throughput_ops_per_s",
            "",
            p.throughput.to_string(),
        );
        row(
            &p.name,
            "baseline_throughput_ops_per_s",
            "",
            p.baseline_throughput.to_string(),
        );
        row(
            &p.name,
            "relative_performance_percent",
            "",
            p.relative_performance_percent.to_string(),
        );
        row(&p.name, "steal_percent", "", p.steal_percent.to_string());
        row(
            &p.name,
            "exits_per_second",
            "",
            p.exits_per_second.to_string(),
        );
        let c = &p.cpu;
        for (k, v) in [
            ("guest_user", c.guest_user),
            ("guest_kernel", c.guest_kernel),
            ("hypervisor", c.hypervisor),
            ("device_emulation", c.device_emulation),
            ("host_os", c.host_os),
            ("idle", c.idle),
        ] {
            row(&p.name, "cpu_percent", k, v.to_string());
        }
        for e in &p.exits {
            row(&p.name, "exits", e.reason.name(), e.count.to_string());
        }
        for l in &p.latency {
            let op = l.op.name();
            row(
                &p.name,
                "latency_mean_us",
                op,
                l.latency.mean_us.to_string(),
            );
            row(&p.name, "latency_p50_us", op, l.latency.p50_us.to_string());
            row(&p.name, "latency_p99_us", op, l.latency.p99_us.to_string());
        }
        for g in &p.groups {
            row(
                &p.name,
                "group_relative_performance_percent",
                &g.name,
                g.relative_performance_percent.to_string(),
            );
        }
    }
    out
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
