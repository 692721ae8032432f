//! Share links: the scenario text, its file name and the control settings,
//! deflate-compressed and base64url-encoded into the URL's hash (`#s=...`).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

use crate::state::Knobs;

/// Largest decompressed share payload accepted (a guard against zip bombs).
pub const MAX_SHARED_BYTES: usize = 512 * 1024;

/// What a share link carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shared {
    /// File name shown in error messages.
    pub file: String,
    /// The scenario's TOML text, as edited.
    pub text: String,
    /// Control settings (seed included) applied on top of the scenario.
    pub knobs: Knobs,
}

/// Encodes into the value of the `s` hash parameter.
pub fn encode(shared: &Shared) -> String {
    let json = serde_json::to_vec(shared).expect("Shared serializes");
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    URL_SAFE_NO_PAD.encode(packed)
}

/// Decodes the value of the `s` hash parameter.
pub fn decode(value: &str) -> Result<Shared, String> {
    let packed = URL_SAFE_NO_PAD
        .decode(value.trim().trim_end_matches('='))
        .map_err(|e| format!("base64: {e}"))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_SHARED_BYTES)
        .map_err(|e| format!("inflate: {e:?}"))?;
    // Read as a `&str`, as the worker reads its settings: serde_json's reader over bytes
    // would be a second copy of its deserializer in the wasm.
    let json = std::str::from_utf8(&json).map_err(|e| format!("utf-8: {e}"))?;
    serde_json::from_str(json).map_err(|e| format!("json: {e}"))
}

/// The hash fragment (with `#`) for a share link.
pub fn to_hash(shared: &Shared) -> String {
    format!("#s={}", encode(shared))
}

/// Reads a share payload from a location hash such as `#s=...`; `None` when there is none.
pub fn from_hash(hash: &str) -> Option<Result<Shared, String>> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    hash.split('&')
        .find_map(|kv| kv.strip_prefix("s="))
        .map(decode)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Shared {
        Shared {
            file: "x.toml".into(),
            text: "name = \"<img src=x onerror=alert(1)>\"\nseed = 7\n# 한국어 주석\n".into(),
            knobs: Knobs {
                seed: Some(99),
                instance_count: Some(3),
                ..Knobs::default()
            },
        }
    }

    #[test]
    fn round_trips() {
        let s = sample();
        let hash = to_hash(&s);
        assert!(hash
            .bytes()
            .skip(1)
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'='));
        assert_eq!(from_hash(&hash).unwrap().unwrap(), s);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(from_hash("#s=%%%").unwrap().is_err());
        assert!(from_hash("#s=AAAA").unwrap().is_err());
        assert!(from_hash("#other=1").is_none());
        assert!(from_hash("").is_none());
    }

    #[test]
    fn bombs_are_refused() {
        let big = vec![b'a'; MAX_SHARED_BYTES * 4];
        let packed = miniz_oxide::deflate::compress_to_vec(&big, 9);
        assert!(decode(&URL_SAFE_NO_PAD.encode(packed)).is_err());
    }
}
