//! Assignment links ([`to_hash`], [`from_hash`]), and the address bar that shows them.
//!
//! `#a=<library file>` or `#at=<deflate + base64url of {file, text}>`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

use crate::share::MAX_SHARED_BYTES;
use crate::sim::assignment;

use super::{Course, CourseAction, Origin};

#[derive(Serialize, Deserialize)]
struct LinkPayload {
    file: String,
    text: String,
}

/// The hash fragment (with `#`) that re-opens an assignment.
pub fn to_hash(course: &Course) -> String {
    match &course.origin {
        Origin::Library(name) => format!("#a={name}"),
        Origin::Text { file } => {
            let json = serde_json::to_vec(&LinkPayload {
                file: file.clone(),
                text: course.a().source().to_string(),
            })
            .unwrap_or_default();
            let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
            format!("#at={}", URL_SAFE_NO_PAD.encode(packed))
        }
    }
}

/// The longest library name a `#a=` link is read with, in characters.
const MAX_NAME_CHARS: usize = 200;

/// The action a location hash asks for, if it names an assignment.
pub fn from_hash(hash: &str) -> Option<Result<CourseAction, String>> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    for kv in hash.split('&') {
        if let Some(name) = kv.strip_prefix("a=") {
            // No library file has a name this long: its notice quotes the start (a 1 MB
            // `#a=` was shown whole).
            let raw: String = name.chars().take(MAX_NAME_CHARS * 3).collect();
            let name = percent_decoded(&raw);
            let name = match name.char_indices().nth(MAX_NAME_CHARS) {
                Some((cut, _)) => format!("{}…", &name[..cut]),
                None => name,
            };
            return Some(Ok(CourseAction::OpenLibrary(name)));
        }
        if let Some(value) = kv.strip_prefix("at=") {
            return Some(decode(value).map(|p| CourseAction::OpenText {
                file: p.file,
                text: p.text,
                from_link: true,
            }));
        }
    }
    None
}

/// `%3C` and the like read back as the characters a browser encoded (an unknown name is
/// then shown as written, not as `%3Cimg%20...`).
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn decode(value: &str) -> Result<LinkPayload, String> {
    let packed = URL_SAFE_NO_PAD
        .decode(value.trim().trim_end_matches('='))
        .map_err(|e| format!("base64: {e}"))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(
        &packed,
        MAX_SHARED_BYTES.max(assignment::MAX_ASSIGNMENT_BYTES + 4096),
    )
    .map_err(|e| format!("inflate: {e:?}"))?;
    // Read as a `&str`, as the worker reads its settings: serde_json's reader over bytes
    // would be a second copy of its deserializer in the wasm.
    let json = std::str::from_utf8(&json).map_err(|e| format!("utf-8: {e}"))?;
    serde_json::from_str(json).map_err(|e| format!("json: {e}"))
}

/// Puts `hash` in the address bar without a reload or a hashchange event.
pub fn set_location_hash(hash: &str) {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
    }
}

/// Removes an assignment link from the address bar (after closing the assignment).
pub fn clear_location_hash() {
    let Some(w) = web_sys::window() else { return };
    let hash = w.location().hash().unwrap_or_default();
    if from_hash(&hash).is_none() {
        return;
    }
    replace_hash("");
}

/// Puts `hash` (with its `#`, or empty for none) in the address bar in place of the
/// current one, keeping the page's path and query (no reload, no hashchange event).
pub fn replace_hash(hash: &str) {
    let Some(w) = web_sys::window() else { return };
    let path = w.location().pathname().unwrap_or_default();
    let search = w.location().search().unwrap_or_default();
    set_location_hash(&format!("{path}{search}{hash}"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::ASSIGNMENTS;
    use crate::state::course::open;

    #[test]
    fn links_round_trip_and_garbage_is_an_error() {
        let (file, text) = ASSIGNMENTS[0];
        let course = open(
            Origin::Text {
                file: file.to_string(),
            },
            file,
            text,
        )
        .expect("library assignments are valid");
        let hash = to_hash(&course);
        assert!(hash.starts_with("#at="));
        match from_hash(&hash) {
            Some(Ok(CourseAction::OpenText {
                file: f,
                text: t,
                from_link: true,
            })) => {
                assert_eq!((f.as_str(), t.as_str()), (file, text));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            from_hash("#a=x.toml"),
            Some(Ok(CourseAction::OpenLibrary("x.toml".into())))
        );
        assert_eq!(
            from_hash("#a=%3Cb%3E%20%ED%95%9C.toml&l=ko"),
            Some(Ok(CourseAction::OpenLibrary("<b> 한.toml".into())))
        );
        // A name longer than any library file's is read by its start.
        let long = format!("#a={}", "x".repeat(1_000_000));
        match from_hash(&long) {
            Some(Ok(CourseAction::OpenLibrary(name))) => {
                assert_eq!(name, format!("{}…", "x".repeat(MAX_NAME_CHARS)));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(from_hash("#at=%%"), Some(Err(_))));
        assert!(from_hash("#s=abc").is_none());
    }
}
