//! The names an assignment writes: valid ids, a library scenario's name guessed from a
//! slip, lists of names for messages.

use std::ops::Range;

use crate::assignment::Library;
use crate::scenario::error::{msg, Validator};
use crate::scenario::ScenarioError;

/// Assignment and step ids: 1 to 64 letters, digits, `-`, `_` or `.`.
pub(super) fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The library scenario a step's `scenario = "..."` that the library does not have most
/// likely means: its file name with `.toml` (`smoke` for `smoke.toml`), in lower case,
/// `-` for `_` and spaces (`Type1_vs_Type2`), or with its separators ignored, as the
/// scenario reader's guess ignores them: `iopaths` and `io_paths.toml` are `io-paths.toml`
/// (one or two `-` put back between its letters, wherever the library has such a name). The
/// library answers by name only (the page's and the CLI's resolvers take a name and give
/// its text; neither lists the names), so only these spellings are asked for, a few
/// hundred lookups at most; a slip of a letter inside the name gets the message's example
/// instead.
pub(super) fn library_guess(name: &str, library: &dyn Library) -> Option<String> {
    let trimmed = name.trim();
    let stem = match trimmed.len().checked_sub(".toml".len()) {
        Some(at) if trimmed.is_char_boundary(at) && trimmed[at..].eq_ignore_ascii_case(".toml") => {
            &trimmed[..at]
        }
        _ => trimmed,
    };
    let normal = stem.to_lowercase().replace(['_', ' '], "-");
    let found = |candidate: &String| candidate != name && library.scenario(candidate).is_some();
    if let Some(hit) = [format!("{stem}.toml"), format!("{normal}.toml")]
        .into_iter()
        .find(|c| found(c))
    {
        return Some(hit);
    }
    // Separators ignored: the letters alone, then with one or two `-` between them.
    let letters: Vec<char> = normal.chars().filter(|&c| c != '-').collect();
    if letters.is_empty() || letters.len() > MAX_GUESSED_NAME_CHARS {
        return None;
    }
    let with_hyphens = |at: &[usize]| -> String {
        let mut s = String::with_capacity(letters.len() + at.len() + 5);
        for (k, c) in letters.iter().enumerate() {
            if at.contains(&k) {
                s.push('-');
            }
            s.push(*c);
        }
        s + ".toml"
    };
    let n = letters.len();
    std::iter::once(with_hyphens(&[]))
        .chain((1..n).map(|i| with_hyphens(&[i])))
        .chain(
            (1..n)
                .flat_map(|i| (i + 1..n).map(move |j| [i, j]))
                .map(|at| with_hyphens(&at)),
        )
        .find(|c| found(c))
}

/// Names in backticks, comma-separated (`a.toml`, `b.toml`).
pub(super) fn names_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether `name` is written as the library's scenario files are named: lower-case letters,
/// digits and `-`, then `.toml` (`type1-vs-type2.toml`).
pub(super) fn library_style(name: &str) -> bool {
    name.strip_suffix(".toml").is_some_and(|stem| {
        !stem.is_empty()
            && stem
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    })
}

/// Longer names get no separator guess (the lookups grow with the square of the length).
pub(super) const MAX_GUESSED_NAME_CHARS: usize = 64;

pub(super) fn bad_id(v: &Validator<'_>, span: Range<usize>, id: &str) -> ScenarioError {
    v.error(
        span,
        msg!(
            "bad_name",
            "id `{id}` must be 1 to 64 letters, digits, `-`, `_` or `.`",
            "id `{id}`은(는) 영문자, 숫자, `-`, `_`, `.`로 된 1~64자여야 합니다",
            id = id
        ),
    )
}
