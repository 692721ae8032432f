//! Placeholders in a scenario's texts: `{metric:platform}` or `{metric:platform:op}`, a
//! figure of the run written where the text is shown ([`crate::RunResult::fill`]), so that a
//! description or an explanation quotes the figures of the run beside it, at any seed.
//!
//! A placeholder's metric is a question's ([`Metric`]'s names), and its value is the one a
//! numeric question on that platform (and operation) computes. `{{` and `}}` are a literal
//! brace; a `}` alone is one too.

use super::{shown_decimals, Metric};

/// A placeholder as written: its parts and where it is in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placeholder<'a> {
    /// The whole placeholder, braces included (`{relative_performance_percent:vm}`).
    pub written: &'a str,
    /// Its byte offset in the text.
    pub at: usize,
    pub metric: &'a str,
    pub platform: &'a str,
    /// The operation, for a latency metric.
    pub op: Option<&'a str>,
}

/// A part of a text: a literal run (braces unescaped), a placeholder, or a `{` that opens
/// no placeholder (`{` without its `}`, or not two or three names between colons).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Literal(String),
    Placeholder(Placeholder<'a>),
    /// Not a placeholder: what was written from its `{`, and its byte offset.
    Malformed { written: &'a str, at: usize },
}

/// A name of a placeholder's part: letters, digits, `_`, `-`, `.` (names of platforms,
/// metrics and operations).
fn is_name(part: &str) -> bool {
    !part.is_empty()
        && part
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// The pieces of `text`, in order.
///
/// ```
/// use sim_core::question::placeholder::{pieces, Piece};
/// let p = pieces("{{x}} at {throughput:vm}");
/// assert_eq!(p[0], Piece::Literal("{x} at ".into()));
/// assert!(matches!(p[1], Piece::Placeholder(ph) if ph.metric == "throughput" && ph.platform == "vm"));
/// ```
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut literal = String::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with("{{") || rest.starts_with("}}") {
            literal.push(rest.as_bytes()[0] as char);
            i += 2;
            continue;
        }
        if bytes[i] == b'{' {
            if !literal.is_empty() {
                out.push(Piece::Literal(std::mem::take(&mut literal)));
            }
            // Up to its `}`, unless another `{` or the end of a line comes first.
            let end = rest[1..]
                .find(['}', '{', '\n'])
                .map(|e| e + 1)
                .filter(|&e| rest.as_bytes()[e] == b'}');
            let Some(end) = end else {
                // Quoted up to its first space (a brace left open is not worth a paragraph).
                let stop = rest[1..]
                    .find(|c: char| c == '{' || c.is_whitespace())
                    .map_or(rest.len(), |e| e + 1);
                out.push(Piece::Malformed {
                    written: &rest[..stop],
                    at: i,
                });
                i += stop;
                continue;
            };
            let written = &rest[..=end];
            let parts: Vec<&str> = rest[1..end].split(':').collect();
            if (2..=3).contains(&parts.len()) && parts.iter().all(|p| is_name(p)) {
                out.push(Piece::Placeholder(Placeholder {
                    written,
                    at: i,
                    metric: parts[0],
                    platform: parts[1],
                    op: parts.get(2).copied(),
                }));
            } else {
                out.push(Piece::Malformed { written, at: i });
            }
            i += end + 1;
            continue;
        }
        let c = rest.chars().next().expect("not at the end");
        literal.push(c);
        i += c.len_utf8();
    }
    if !literal.is_empty() {
        out.push(Piece::Literal(literal));
    }
    out
}

/// Whether `text` has a placeholder (or something written as one).
pub fn has_placeholders(text: &str) -> bool {
    (pieces(text).iter()).any(|p| !matches!(p, Piece::Literal(_)))
}

/// `text` with each placeholder replaced by `value(placeholder)` and its braces unescaped;
/// a placeholder without a value (and anything malformed, which validation refuses) shows
/// as "…".
pub fn fill_with(text: &str, mut value: impl FnMut(&Placeholder<'_>) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    for piece in pieces(text) {
        match piece {
            Piece::Literal(s) => out.push_str(&s),
            Piece::Placeholder(p) => out.push_str(&value(&p).unwrap_or_else(|| "…".into())),
            Piece::Malformed { .. } => out.push('…'),
        }
    }
    out
}

/// `text` before a run has results (the page's first paint): each placeholder as "…".
pub fn pending(text: &str) -> String {
    fill_with(text, |_| None)
}

/// A metric's value as a text shows it: the page's decimals ([`shown_decimals`]: a
/// percentage with one decimal below 100, 166,250 ops/s whole), its whole part grouped in
/// thousands ([`crate::text::fixed`]); no unit (the text writes it, in its language's place).
pub fn shown_value(metric: Metric, value: f64) -> String {
    crate::text::fixed(value, shown_decimals(value, metric.unit() == "%"))
}
