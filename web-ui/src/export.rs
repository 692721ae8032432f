//! Results as CSV and JSON (the CLI's `run --format json`: [`result_json`], [`to_json`]),
//! and browser downloads: text files ([`download`]) and a chart's SVG as PNG
//! ([`download_png`], through an offscreen canvas).

use crate::sim::{RunResult, Scenario};

/// The JSON the CLI's `run --format json` prints for the same scenario.
pub fn result_json(file: &str, text: &str) -> Result<String, String> {
    let scenario = Scenario::from_toml(file, text).map_err(|e| e.to_string())?;
    let result = scenario.run().map_err(|e| e.to_string())?;
    to_json(&result)
}

/// Pretty JSON of a result, ending in a newline: byte for byte what `virtsim run --format
/// json` prints for it (README, "Headless use"), so a download and the CLI's
/// output have the same checksum: the description's placeholders filled with the run's
/// figures ([`RunResult::fill_description`]), as the CLI writes it.
pub fn to_json(result: &RunResult) -> Result<String, String> {
    let mut filled = result.clone();
    filled.fill_description();
    serde_json::to_string_pretty(&filled)
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

/// How many times the size the chart was drawn at a PNG download is.
const PNG_SCALE: u32 = 4;

/// Turns an SVG string into a PNG download (through an offscreen canvas).
pub fn download_png(name: String, svg: String) {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(&svg));
    let props = web_sys::BlobPropertyBag::new();
    props.set_type("image/svg+xml");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &props) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let img2 = img.clone();
    let url2 = url.clone();
    let onload = Closure::once(move || {
        let _ = web_sys::Url::revoke_object_url(&url2);
        // Four times the size the chart was drawn at (its SVG's width and height): a
        // chart about 520 px wide comes out about 2080 px, sharp across a 1920 px projector
        // (at twice its size it was soft there: a lecturer's review).
        let (w, h) = (
            img2.natural_width() * PNG_SCALE,
            img2.natural_height() * PNG_SCALE,
        );
        let Some(canvas) = document
            .create_element("canvas")
            .ok()
            .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            return;
        };
        canvas.set_width(w);
        canvas.set_height(h);
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        let _ = ctx
            .draw_image_with_html_image_element_and_dw_and_dh(&img2, 0.0, 0.0, w as f64, h as f64);
        if let Ok(data) = canvas.to_data_url_with_type("image/png") {
            download_url(&name, &data);
        }
    });
    img.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    img.set_src(&url);
}

/// A safe download file name derived from a scenario name.
pub fn file_stem(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    for c in name.chars() {
        let c = if c.is_alphanumeric() || c == '-' || c == '_' {
            c
        } else {
            '-'
        };
        // One dash for a run of them: "Type 2 hypervisor (hybrid)" is
        // "Type-2-hypervisor-hybrid", not "…hypervisor--hybrid".
        if !(c == '-' && s.ends_with('-')) {
            s.push(c);
        }
    }
    let s = s.trim_matches('-');
    if s.is_empty() {
        "virtsim".into()
    } else {
        s.chars().take(60).collect()
    }
}

#[cfg(test)]
mod tests {
    /// A name as a file name: letters, digits, '-' and '_' kept, anything else a dash, one
    /// dash for a run of them, none at the ends.
    #[test]
    fn a_file_stem_has_one_dash_between_words() {
        assert_eq!(
            super::file_stem("Type 2 hypervisor (hybrid)"),
            "Type-2-hypervisor-hybrid"
        );
        assert_eq!(super::file_stem("seed-table-full"), "seed-table-full");
        assert_eq!(super::file_stem("한국어 시나리오!"), "한국어-시나리오");
        assert_eq!(super::file_stem("<>"), "virtsim");
    }
}
