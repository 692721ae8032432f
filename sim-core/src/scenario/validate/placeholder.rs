//! Validation of the placeholders in a scenario's texts (`{metric:platform}`,
//! `{metric:platform:op}` in the description, a question's text or explanation): each
//! checked as a numeric question on that platform would be, located at the placeholder.

use super::question::unanswerable;
use super::{file_texts, names, WrittenText};
use crate::question::placeholder::{pieces, Piece, Placeholder};
use crate::question::Metric;
use crate::scenario::error::{msg, render, Key, Msg};
use crate::scenario::format::ScenarioFile;
use crate::scenario::{InstanceSpec, PlatformSpec, Scenario, ScenarioError, Validator};
use crate::sweep::Sweep;
use crate::workload::Op;

/// What a placeholder is checked against: the platforms' names as written, and, once
/// every platform, instance and the sweep are valid, them (whether a platform has a value
/// of the metric).
pub(crate) struct Known<'a> {
    pub(crate) names: Vec<&'a str>,
    pub(crate) all: Option<(&'a [PlatformSpec], &'a [InstanceSpec], Option<&'a Sweep>)>,
}

impl<'a> Known<'a> {
    /// Everything of a valid scenario's platforms, instances and sweep.
    pub(crate) fn of(s: &'a Scenario) -> Known<'a> {
        Known {
            names: s.platforms.iter().map(|p| p.name.as_str()).collect(),
            all: Some((&s.platforms, &s.instances, s.sweep.as_ref())),
        }
    }
}

/// The errors of every placeholder in `raw`'s texts that may hold them ([`file_texts`]'s
/// that fill: the description, each question's text and explanation; a title or a
/// platform's label is shown before any run: its braces are literal).
pub(super) fn placeholder_errors(
    v: &Validator<'_>,
    raw: &ScenarioFile,
    known: &Known<'_>,
) -> Vec<ScenarioError> {
    (file_texts(raw).iter())
        .filter(|t| t.fills)
        .flat_map(|t| text_placeholder_errors(v, t, known))
        .collect()
}

/// The errors of the placeholders of text `t`, in both languages, each at the placeholder
/// (at the text's start where it is not found as written, at 0 where `v` locates nothing).
pub(crate) fn text_placeholder_errors(
    v: &Validator<'_>,
    t: &WrittenText<'_>,
    known: &Known<'_>,
) -> Vec<ScenarioError> {
    let mut errors = Vec::new();
    for (lang, written, language, language_ko) in [
        ("en", &t.text.en, "English", "영어"),
        ("ko", &t.text.ko, "Korean", "한국어"),
    ] {
        let mut at = t.path.clone();
        at.push(Key::Name(lang));
        let span = v.span_of(&at);
        // The source of the string as written (escapes and line continuations may
        // move a placeholder's offset): each placeholder located by its own text there.
        let source = v.text.get(span.clone()).unwrap_or("");
        let mut searched = 0;
        for piece in pieces(written) {
            let (got, problem) = match piece {
                Piece::Literal(_) => continue,
                Piece::Malformed { written, .. } => (written, Some(malformed())),
                Piece::Placeholder(p) => (p.written, check(&p, known)),
            };
            let offset = source[searched.min(source.len())..]
                .find(got)
                .map(|o| searched + o);
            if let Some(o) = offset {
                searched = o + got.len();
            }
            let Some(mut m) = problem else { continue };
            m.params.extend([
                ("owner", t.owner.0.clone()),
                ("owner_ko", t.owner.1.clone()),
                ("key", t.key().to_string()),
                ("language", language.to_string()),
                ("language_ko", language_ko.to_string()),
                ("placeholder", got.to_string()),
            ]);
            let start = offset.map_or(span.start, |o| span.start + o);
            errors.push(v.error(start..start + got.len(), m));
        }
    }
    errors
}

/// A `{` that opens no placeholder.
fn malformed() -> Msg {
    msg!(
        "bad_placeholder",
        "{owner}`{placeholder}` in the {language} text of `{key}` is not a placeholder: a figure of the run is written {metric:platform} or {metric:platform:op} (a question's metric, a [[platform]]'s name, and for a latency metric an operation), and a literal brace is written twice: {{ or }}",
        "{owner_ko}`{key}`의 {language_ko} 글에 있는 `{placeholder}`은(는) 자리 표시자가 아닙니다: 실행 결과의 수치는 {metric:platform} 또는 {metric:platform:op}로 씁니다(질문의 지표, [[platform]]의 이름, 지연 지표라면 연산). 중괄호 자체를 쓰려면 {{ 또는 }}처럼 두 번 쓰세요"
    )
}

/// What is wrong with placeholder `p`, if anything: its metric, platform or operation
/// unknown, an operation missing or not applicable, or a platform without a value.
fn check(p: &Placeholder<'_>, known: &Known<'_>) -> Option<Msg> {
    let Some(metric) = Metric::from_name(p.metric) else {
        return Some(msg!(
            "unknown_name",
            "{owner}placeholder `{placeholder}` in the {language} text of `{key}`: unknown metric `{got}`; expected one of {expected}",
            "{owner_ko}`{key}`의 {language_ko} 글의 자리 표시자 `{placeholder}`: 알 수 없는 지표 `{got}`입니다. 가능한 값: {expected}",
            got = p.metric,
            expected = names(Metric::ALL.iter().map(|m| m.name()))
        ));
    };
    let Some(index) = known.names.iter().position(|n| *n == p.platform) else {
        let mut listed: Vec<&str> = Vec::new();
        for n in &known.names {
            if !listed.contains(n) {
                listed.push(n);
            }
        }
        return Some(msg!(
            "unknown_name",
            "{owner}placeholder `{placeholder}` in the {language} text of `{key}`: unknown platform `{got}`; expected one of {expected}",
            "{owner_ko}`{key}`의 {language_ko} 글의 자리 표시자 `{placeholder}`: 알 수 없는 플랫폼 `{got}`입니다. 가능한 값: {expected}",
            got = p.platform,
            expected = names(listed)
        ));
    };
    let mixable = || names(Op::ALL[..Op::MIX_COUNT].iter().map(|o| o.name()));
    let op = match (metric.needs_op(), p.op) {
        (true, None) => {
            return Some(msg!(
                "bad_placeholder",
                "{owner}placeholder `{placeholder}` in the {language} text of `{key}`: metric `{metric}` is a latency of one operation; write {{metric}:{platform}:op} with op one of {expected}",
                "{owner_ko}`{key}`의 {language_ko} 글의 자리 표시자 `{placeholder}`: 지표 `{metric}`은(는) 연산 하나의 지연입니다. {{metric}:{platform}:연산}처럼 쓰고, 연산은 다음 중 하나를 쓰세요: {expected}",
                metric = metric.name(),
                platform = p.platform,
                expected = mixable()
            ));
        }
        (false, Some(_)) => {
            return Some(msg!(
                "bad_placeholder",
                "{owner}placeholder `{placeholder}` in the {language} text of `{key}`: an operation applies to the latency metrics only (mean_latency_us, p50_latency_us, p99_latency_us), not `{metric}`; write {{metric}:{platform}}",
                "{owner_ko}`{key}`의 {language_ko} 글의 자리 표시자 `{placeholder}`: 연산은 지연 지표(mean_latency_us, p50_latency_us, p99_latency_us)에만 해당하며 `{metric}`에는 해당하지 않습니다. {{metric}:{platform}}처럼 쓰세요",
                metric = metric.name(),
                platform = p.platform
            ));
        }
        (false, None) => None,
        (true, Some(name)) => match Op::from_name(name) {
            Some(op) => Some(op),
            None => {
                return Some(msg!(
                    "unknown_name",
                    "{owner}placeholder `{placeholder}` in the {language} text of `{key}`: unknown operation `{got}`; expected one of {expected}",
                    "{owner_ko}`{key}`의 {language_ko} 글의 자리 표시자 `{placeholder}`: 알 수 없는 연산 `{got}`입니다. 가능한 값: {expected}",
                    got = name,
                    expected = mixable()
                ));
            }
        },
    };
    let (platforms, instances, sweep) = known.all?;
    // Why a numeric question would have no value, its words without the question's.
    let why = unanswerable(p.written, metric, op, index, platforms, instances, sweep)?;
    let strip = |text: String, prefix: String| {
        text.strip_prefix(&prefix)
            .map(str::to_string)
            .unwrap_or(text)
    };
    let why_en = strip(
        render(why.en, &why.params),
        format!("question `{}`: ", p.written),
    );
    let why_ko = strip(
        render(why.ko, &why.params),
        format!("질문 `{}`: ", p.written),
    );
    Some(msg!(
        "unanswerable",
        "{owner}placeholder `{placeholder}` in the {language} text of `{key}` has no value: {why}",
        "{owner_ko}`{key}`의 {language_ko} 글의 자리 표시자 `{placeholder}`에는 값이 없습니다: {why_ko}",
        why = why_en,
        why_ko = why_ko
    ))
}
