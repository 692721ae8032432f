//! Share links: the scenario text (or, for a library scenario unchanged, its file and its
//! text's hash), its file name and the page's settings, deflate-compressed and
//! base64url-encoded into the URL's hash (`#s=...`).
//!
//! A link opens through [`resolve`]: a library link's text is the library's, fetched
//! first as a library pick is ([`Resolved::Fetch`]). A link that cannot be read is a
//! [`ShareError`]: unreadable, or a setting its slider cannot hold, which the page names
//! with its range ([`SETTING_RANGES`]).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

use crate::knobs::Knobs;

/// Largest decompressed share payload accepted (a guard against zip bombs).
pub const MAX_SHARED_BYTES: usize = 512 * 1024;

/// What a share link carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shared {
    /// File name shown in error messages.
    pub file: String,
    /// The scenario's TOML text, as edited; empty in a link to a library scenario
    /// unchanged, which carries `library_hash` instead.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// The page's settings (seed included) applied on top of the scenario.
    pub knobs: Knobs,
    /// The result view the link opens on (`Tab::id`), when not the first (a lecturer's
    /// link to the charts opened on the table). Absent from older links.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tab: Option<String>,
    /// A link to library scenario `file` unchanged carries its text's FNV-1a hash instead
    /// of the text: about 100 characters instead of several thousand (a lecturer's link
    /// to io-paths was 8 533, too long for a QR code on a slide). The page opening it
    /// loads the file as a library pick does ([`resolve`]).
    #[serde(default, rename = "lib", skip_serializing_if = "Option::is_none")]
    pub library_hash: Option<u64>,
    /// The operation the charts of one operation show (`Op::name`), when one was chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub op: Option<String>,
    /// The charts shown on their log axis (chart ids, `chart-exits`): a lecturer's link to
    /// the exits chart's small bars opened on the linear axis that hides them. Absent from
    /// older links, which open every chart on its linear axis.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub log: Vec<String>,
}

/// What opening a link needs ([`resolve`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    /// The link with its text; `changed`: a library link whose file now holds another
    /// text than the one it was made with (the page opens today's text with the link's
    /// settings, and says so).
    /// (Boxed: the settings make it many times the size of the other variants.)
    Ready { shared: Box<Shared>, changed: bool },
    /// The library text it names must be fetched first (library index `i`).
    Fetch(usize),
    /// It names a library scenario this page does not have.
    Missing,
}

/// A link as it opens: its own text, or, for a library link, the library's text when the
/// page has it.
pub fn resolve(shared: Shared) -> Resolved {
    let Some(hash) = shared.library_hash else {
        return Resolved::Ready {
            shared: Box::new(shared),
            changed: false,
        };
    };
    let Some(i) = crate::builtin::position(&shared.file) else {
        return Resolved::Missing;
    };
    match crate::builtin::text(i) {
        Some(text) => Resolved::Ready {
            changed: crate::sim::assignment::variation::fnv1a(text.as_bytes()) != hash,
            shared: Box::new(Shared {
                text: text.to_string(),
                library_hash: None,
                ..shared
            }),
        },
        None => Resolved::Fetch(i),
    }
}

impl Shared {
    /// Whether `other` shares the same run (scenario, file and settings), whichever view
    /// each opens on.
    pub fn same_run(&self, other: &Shared) -> bool {
        let text = |s: &Shared| {
            s.library_hash
                .unwrap_or_else(|| crate::sim::assignment::variation::fnv1a(s.text.as_bytes()))
        };
        self.file == other.file && text(self) == text(other) && self.knobs == other.knobs
    }
}

/// Encodes into the value of the `s` hash parameter.
pub fn encode(shared: &Shared) -> String {
    // A library scenario unchanged: its file and its text's hash, not the text.
    let library = crate::builtin::index_of(&shared.file, &shared.text).map(|_| Shared {
        text: String::new(),
        library_hash: Some(crate::sim::assignment::variation::fnv1a(
            shared.text.as_bytes(),
        )),
        ..shared.clone()
    });
    let json = serde_json::to_vec(library.as_ref().unwrap_or(shared)).expect("Shared serializes");
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    URL_SAFE_NO_PAD.encode(packed)
}

/// Why a share link cannot be opened.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareError {
    /// Not readable at all (base64, deflate, UTF-8, JSON): most likely cut off or copied
    /// incompletely. The decoder's own words, for the console.
    Unreadable(String),
    /// A setting with a value its slider or field cannot hold (negative, with decimals, past
    /// 32 bits): the link was edited or made elsewhere. `key` is the setting's name in the link.
    Setting { key: &'static str, got: String },
}

/// Every numeric setting a link may carry: its name in the link, the page's words for it
/// (`settings.*`) and the range it takes (a value outside it but inside the type is the
/// validator's to refuse, with the scenario's own message).
pub const SETTING_RANGES: &[(&str, &str, u64, u64)] = &[
    ("seed", "settings.seed", 0, u64::MAX),
    (
        "instance_count",
        "settings.instances",
        1,
        crate::sim::scenario::MAX_INSTANCES,
    ),
    (
        "vcpus_per_instance",
        "settings.vcpus",
        1,
        crate::sim::scenario::MAX_THREADS_PER_INSTANCE as u64,
    ),
    (
        "threads_per_instance",
        "settings.threads",
        1,
        crate::sim::scenario::MAX_THREADS_PER_INSTANCE as u64,
    ),
    (
        "duration_ms",
        "settings.duration",
        1,
        crate::sim::scenario::MAX_DURATION_MS,
    ),
    ("vm_exit_cycles", "settings.exit_cycles", 0, 1_000_000_000),
    ("time_slice_ms", "settings.time_slice", 1, 1000),
    (
        "host_cores",
        "settings.host_cores",
        1,
        crate::sim::scenario::MAX_CORES as u64,
    ),
    ("host_clock_mhz", "settings.host_clock", 100, 10_000),
    (
        "memory_per_instance_mib",
        "settings.memory",
        1,
        65_536 * 1024,
    ),
    // A VDI platform's network (`networks`, one entry per platform), in the link's units:
    // the file's ranges (`rtt_ms` 0 to 2000, `loss_percent` 0 to 50,
    // `client_bandwidth_mbit_s` 0.064 to 100 000) in whole ms, tenths of a percent, kbit/s.
    ("rtt_ms", "settings.link_rtt", 0, 2000),
    ("loss_permille", "settings.link_loss", 0, 500),
    (
        "bandwidth_kbit_s",
        "settings.link_bandwidth",
        64,
        100_000_000,
    ),
];

/// The settings of a link's `networks` entries, which [`SETTING_RANGES`] also names.
const NETWORK_SETTINGS: [&str; 3] = ["rtt_ms", "loss_permille", "bandwidth_kbit_s"];

/// Decodes the value of the `s` hash parameter.
pub fn decode(value: &str) -> Result<Shared, ShareError> {
    let unreadable = |what: String| ShareError::Unreadable(what);
    let packed = URL_SAFE_NO_PAD
        .decode(value.trim().trim_end_matches('='))
        .map_err(|e| unreadable(format!("base64: {e}")))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_SHARED_BYTES)
        .map_err(|e| unreadable(format!("inflate: {e:?}")))?;
    // Read as a `&str`, as the worker reads its settings: serde_json's reader over bytes
    // would be a second copy of its deserializer in the wasm.
    let json = std::str::from_utf8(&json).map_err(|e| unreadable(format!("utf-8: {e}")))?;
    serde_json::from_str(json)
        .map_err(|e| bad_setting(json).unwrap_or(unreadable(format!("json: {e}"))))
}

/// The first setting of a link's JSON whose value its setting's type cannot hold, if that is
/// why the link does not read.
fn bad_setting(json: &str) -> Option<ShareError> {
    type Settings = std::collections::BTreeMap<String, Value>;
    #[derive(Deserialize)]
    struct Loose<K> {
        knobs: K,
    }
    /// Each VDI platform's network (`Knobs::networks`): its values are settings too.
    #[derive(Deserialize)]
    struct Networks {
        #[serde(default)]
        networks: Vec<Settings>,
    }
    let settings = serde_json::from_str::<Loose<Settings>>(json).ok()?.knobs;
    let networks = serde_json::from_str::<Loose<Networks>>(json)
        .map(|l| l.knobs.networks)
        .unwrap_or_default();
    let bad = |key: &'static str, value: &Value| {
        let fits = match (value, key) {
            (Value::Whole(_), "seed" | "duration_ms" | "vm_exit_cycles" | "time_slice_ms") => true,
            (Value::Whole(n), _) => u32::try_from(*n).is_ok(),
            (Value::Other(_), _) => false,
        };
        (!fits).then(|| ShareError::Setting {
            key,
            got: value.to_string(),
        })
    };
    SETTING_RANGES
        .iter()
        .filter(|(key, ..)| !NETWORK_SETTINGS.contains(key))
        .find_map(|&(key, ..)| bad(key, settings.get(key)?))
        .or_else(|| {
            networks.iter().find_map(|network| {
                NETWORK_SETTINGS
                    .iter()
                    .find_map(|&key| bad(key, network.get(key)?))
            })
        })
}

/// A setting's value as a link wrote it: a whole number that fits 64 bits, or anything
/// else in words (`-1`, `2.5`, `"four"`).
enum Value {
    Whole(u64),
    Other(String),
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Whole(n) => write!(f, "{n}"),
            Value::Other(s) => f.write_str(s),
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Value;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a setting's value")
            }
            fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
                Ok(Value::Whole(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
                Ok(Value::Other(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
                // Past 2^53 the float is not the number written (a seed one past
                // u64::MAX reads as 18446744073709551616.0): in e-notation, which does
                // not claim every digit.
                Ok(Value::Other(if v.abs() >= 1e16 {
                    format!("{v:e}")
                } else {
                    v.to_string()
                }))
            }
            fn visit_str<E>(self, v: &str) -> Result<Value, E> {
                Ok(Value::Other(format!("{v:?}")))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
                Ok(Value::Other(v.to_string()))
            }
            fn visit_unit<E>(self) -> Result<Value, E> {
                Ok(Value::Other("null".into()))
            }
            // A list or a table where a number belongs (`group_counts` and `networks`
            // are lists of their own, read apart).
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Value, A::Error> {
                while a.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Value::Other("[…]".into()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Value, A::Error> {
                while a
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Value::Other("{…}".into()))
            }
        }
        d.deserialize_any(V)
    }
}

/// The hash fragment (with `#`) for a share link.
pub fn to_hash(shared: &Shared) -> String {
    format!("#s={}", encode(shared))
}

/// Reads a share payload from a location hash such as `#s=...`; `None` when there is none.
pub fn from_hash(hash: &str) -> Option<Result<Shared, ShareError>> {
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
            tab: Some("charts".into()),
            library_hash: None,
            op: Some("disk_read".into()),
            log: vec!["chart-exits".into()],
        }
    }

    #[test]
    fn a_library_scenario_unchanged_is_linked_by_its_file_and_hash() {
        let i = crate::builtin::position("io-paths.toml").expect("io-paths in the library");
        let text = crate::builtin::text(i).unwrap().to_string();
        let shared = Shared {
            file: "io-paths.toml".into(),
            text: text.clone(),
            knobs: Knobs {
                seed: Some(3),
                ..Knobs::default()
            },
            tab: None,
            library_hash: None,
            op: None,
            log: Vec::new(),
        };
        let hash = to_hash(&shared);
        // 8 533 characters with the text (a lecturer's review); now a short link.
        assert!(hash.len() < 200, "{} characters", hash.len());
        let read = from_hash(&hash).unwrap().unwrap();
        assert_eq!(read.text, "");
        assert!(read.library_hash.is_some() && read.same_run(&shared));
        assert_eq!(
            resolve(read.clone()),
            Resolved::Ready {
                shared: Box::new(shared.clone()),
                changed: false
            }
        );
        // Made with another version of the file: today's text, said to have changed.
        let old = Shared {
            library_hash: Some(1),
            ..read.clone()
        };
        assert!(
            matches!(resolve(old), Resolved::Ready { changed: true, shared: s } if s.text == text)
        );
        // A file this page's library does not have.
        let gone = Shared {
            file: "gone.toml".into(),
            ..read
        };
        assert_eq!(resolve(gone), Resolved::Missing);
        // An edited text goes in whole.
        let edited = Shared {
            text: format!("{text}\n# mine\n"),
            ..shared
        };
        assert_eq!(from_hash(&to_hash(&edited)).unwrap().unwrap(), edited);
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

    /// A chart on its log axis goes with the link; a link made before the link carried
    /// it opens every chart on its linear axis.
    #[test]
    fn the_charts_log_axes_round_trip_and_older_links_read_without_them() {
        let s = sample();
        let read = from_hash(&to_hash(&s)).unwrap().unwrap();
        assert_eq!(read.log, ["chart-exits"]);
        let linear = Shared {
            log: Vec::new(),
            ..s
        };
        let hash = to_hash(&linear);
        assert_eq!(from_hash(&hash).unwrap().unwrap(), linear);
        // Nothing in the link for a linear axis: as short as before.
        let json = r#"{"file":"x.toml","text":"[scenario]","knobs":{},"tab":"charts"}"#;
        let old = from_hash(&link(json)).unwrap().unwrap();
        assert!(old.log.is_empty() && old.tab.as_deref() == Some("charts"));
        assert_eq!(to_hash(&old), link(json));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(from_hash("#s=%%%").unwrap().is_err());
        assert!(from_hash("#s=AAAA").unwrap().is_err());
        assert!(from_hash("#other=1").is_none());
        assert!(from_hash("").is_none());
    }

    /// A link whose JSON (deflated, base64) is `json`.
    fn link(json: &str) -> String {
        let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
        format!("#s={}", URL_SAFE_NO_PAD.encode(packed))
    }

    #[test]
    fn a_setting_its_control_cannot_hold_is_named() {
        let with = |knobs: &str| {
            link(&format!(
                "{{\"file\":\"x.toml\",\"text\":\"[scenario]\",\"knobs\":{{{knobs}}}}}"
            ))
        };
        for (knobs, key, got) in [
            ("\"host_cores\":-1", "host_cores", "-1"),
            ("\"instance_count\":2.5", "instance_count", "2.5"),
            (
                "\"memory_per_instance_mib\":5000000000",
                "memory_per_instance_mib",
                "5000000000",
            ),
            ("\"seed\":-3", "seed", "-3"),
            (
                "\"seed\":18446744073709551616",
                "seed",
                "1.8446744073709552e19",
            ),
            ("\"host_cores\":\"four\"", "host_cores", "\"four\""),
            // The first of two, in the settings' order.
            ("\"host_cores\":-1,\"seed\":1.5", "seed", "1.5"),
            // Beside a list of group counts (a list is no setting's value).
            (
                "\"group_counts\":[2,null],\"host_cores\":-1",
                "host_cores",
                "-1",
            ),
            // A VDI platform's network (the second platform's), then a count before it.
            ("\"networks\":[{},{\"rtt_ms\":-5}]", "rtt_ms", "-5"),
            (
                "\"networks\":[{\"loss_permille\":0.5,\"bandwidth_kbit_s\":\"fast\"}]",
                "loss_permille",
                "0.5",
            ),
            (
                "\"networks\":[{\"bandwidth_kbit_s\":[1]}]",
                "bandwidth_kbit_s",
                "[…]",
            ),
            (
                "\"networks\":[{\"rtt_ms\":-5}],\"duration_ms\":-1",
                "duration_ms",
                "-1",
            ),
        ] {
            assert_eq!(
                from_hash(&with(knobs)),
                Some(Err(ShareError::Setting {
                    key,
                    got: got.to_string()
                })),
                "{knobs}"
            );
        }
        // Values the types hold read (the validator judges their range).
        let ok = from_hash(&with("\"host_cores\":5000,\"seed\":18446744073709551615"));
        let knobs = ok.unwrap().unwrap().knobs;
        assert_eq!((knobs.host_cores, knobs.seed), (Some(5000), Some(u64::MAX)));
        // Cut off: unreadable, not a setting.
        assert!(matches!(
            from_hash(&link("{\"file\":\"x.toml\",\"te")),
            Some(Err(ShareError::Unreadable(_)))
        ));
    }

    #[test]
    fn bombs_are_refused() {
        let big = vec![b'a'; MAX_SHARED_BYTES * 4];
        let packed = miniz_oxide::deflate::compress_to_vec(&big, 9);
        assert!(decode(&URL_SAFE_NO_PAD.encode(packed)).is_err());
    }
}
