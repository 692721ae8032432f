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
    Malformed {
        written: &'a str,
        at: usize,
    },
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

#[cfg(test)]
mod tests {
    use super::{pending, pieces, Piece};
    use crate::{Lang, Scenario, Text};

    #[test]
    fn placeholders_escapes_and_mistakes_are_told_apart() {
        let p = pieces("a {throughput:vm} b {p99_latency_us:t1-hw:net_receive} {{c}} d}");
        assert_eq!(p.len(), 5, "{p:?}");
        assert_eq!(p[0], Piece::Literal("a ".into()));
        let Piece::Placeholder(first) = p[1] else {
            panic!("{p:?}")
        };
        assert_eq!(
            (first.metric, first.platform, first.op),
            ("throughput", "vm", None)
        );
        assert_eq!((first.at, first.written), (2, "{throughput:vm}"));
        let Piece::Placeholder(second) = p[3] else {
            panic!("{p:?}")
        };
        assert_eq!(second.op, Some("net_receive"));
        assert_eq!(p[4], Piece::Literal(" {c} d}".into()));
        // Not two or three names between colons, or never closed: malformed, quoted short.
        for (text, written) in [
            ("x {vm} y", "{vm}"),
            ("x {a:b:c:d} y", "{a:b:c:d}"),
            ("x {a: b} y", "{a: b}"),
            ("x {throughput:vm and more", "{throughput:vm"),
        ] {
            let found = pieces(text).into_iter().find_map(|p| match p {
                Piece::Malformed { written, .. } => Some(written),
                _ => None,
            });
            assert_eq!(found, Some(written), "{text}");
        }
        assert_eq!(pending("{throughput:vm} ops/s, {{x}}"), "… ops/s, {x}");
        assert_eq!(pending("no braces"), "no braces");
    }

    const SCENARIO: &str = r#"
[scenario]
name = "fill"
description = { en = "Type 1 reaches {relative_performance_percent:t1}% of native, {{not}} a placeholder; a receive takes {mean_latency_us:t1:net_receive} µs.", ko = "Type 1은 네이티브 대비 {relative_performance_percent:t1}%이고 수신은 {mean_latency_us:t1:net_receive} µs 걸립니다." }
seed = 1
duration_ms = 20

[[platform]]
name = "t1"
kind = "type1"
technique = "hardware_assist"

[[platform]]
name = "c"
kind = "container"

[[instance]]
name = "web"
workload = "network-rr"

[[question]]
id = "rel"
kind = "numeric"
platform = "t1"
text = { en = "What share of native does t1 reach?", ko = "t1은 네이티브 대비 몇 %인가요?" }
metric = "relative_performance_percent"
explanation = { en = "{relative_performance_percent:t1}% here.", ko = "여기서는 {relative_performance_percent:t1}%입니다." }
"#;

    /// The filled texts carry the run's own figures, in both languages, and another seed's
    /// run other figures (the text is the same).
    #[test]
    fn a_text_is_filled_with_its_runs_figures_at_any_seed() {
        let scenario = Scenario::from_toml("fill.toml", SCENARIO).expect("valid");
        let result = scenario.run().expect("runs");
        let t1 = &result.platforms[0];
        let relative = crate::text::fixed(t1.relative_performance_percent, 1);
        let receive = t1.metric(crate::Metric::MeanLatencyUs, Some(crate::Op::NetReceive));
        let receive = super::shown_value(crate::Metric::MeanLatencyUs, receive.expect("ran"));
        let description = result.description.clone().expect("described");
        assert_eq!(
            result.fill(&description, Lang::En),
            format!("Type 1 reaches {relative}% of native, {{not}} a placeholder; a receive takes {receive} µs.")
        );
        assert_eq!(
            result.fill(&description, Lang::Ko),
            format!("Type 1은 네이티브 대비 {relative}%이고 수신은 {receive} µs 걸립니다.")
        );
        // A question's explanation comes filled.
        let answer = &result.questions[0];
        assert_eq!(
            answer.explanation,
            Some(Text::new(
                format!("{relative}% here."),
                format!("여기서는 {relative}%입니다.")
            ))
        );
        // Another seed: the same text, other figures.
        let other = Scenario::from_toml("fill.toml", &SCENARIO.replace("seed = 1", "seed = 2"))
            .expect("valid")
            .run()
            .expect("runs");
        let relative_other = crate::text::fixed(other.platforms[0].relative_performance_percent, 1);
        assert_ne!(relative_other, relative, "the seed changes the figure");
        assert!(other
            .fill(&description, Lang::Ko)
            .contains(&format!("네이티브 대비 {relative_other}%")));
        assert_ne!(
            other.fill(&description, Lang::En),
            result.fill(&description, Lang::En)
        );
    }

    /// A setting that takes a quoted figure away (another workload, without the operation
    /// quoted) runs: the figure shows as "…", as a question left without an answer is
    /// dropped; the file itself is refused with that workload.
    #[test]
    fn a_figure_a_setting_takes_away_shows_as_an_ellipsis() {
        let scenario = Scenario::from_toml("fill.toml", SCENARIO).expect("valid");
        let adjusted = scenario
            .adjusted(&crate::Adjustments {
                workload: Some("cpu-bound".into()),
                ..crate::Adjustments::default()
            })
            .expect("runs without the receive");
        let result = adjusted.run().expect("runs");
        let description = result.description.clone().expect("described");
        let en = result.fill(&description, Lang::En);
        assert!(en.ends_with("a receive takes … µs."), "{en}");
        // Counted, so that a reader is told why (the run as written has it).
        let missing =
            |r: &crate::RunResult, text: &str| crate::results::figures_missing(&r.platforms, text);
        assert_eq!(missing(&result, &description.en), 1);
        assert_eq!(missing(&result, &description.ko), 1);
        assert_eq!(missing(&scenario.run().expect("runs"), &description.en), 0);
        assert!(!en.contains("{relative"), "{en}");
        let e = Scenario::from_toml(
            "fill.toml",
            &SCENARIO.replace("workload = \"network-rr\"", "workload = \"cpu-bound\""),
        )
        .expect_err("no receive to quote");
        assert_eq!(e.code, "unanswerable", "{e}");
    }
}
