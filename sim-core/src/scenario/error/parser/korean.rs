//! The TOML parser's and serde's words in Korean: what serde expected and found, the
//! parser's syntax errors, and what an assignment's `[[step.vary]]` choice may be.

use super::super::*;

/// What an assignment's `[[step.vary]]` choice may be, as its reader (`Choice` in
/// assignment/format.rs) says it in a reading error (`expected ...`); `expected_ko` has
/// its Korean.
pub(crate) const CHOICE_EXPECTED: &str =
    "a number, 0 or more (decimals only for the network's vdi_* parameters), or a workload name";

/// What serde expected, in Korean: the phrases of the format's own readers (an assignment's
/// `[[step.vary]]` choice, `Choice` in assignment/format.rs) and serde's for the shapes a
/// file holds; another one joined as `korean_alternatives` joins a list (a reviewer read "필요한
/// 값: a whole number (0 or more) or a workload name").
pub(crate) fn expected_ko(expected: &str) -> String {
    match expected {
        CHOICE_EXPECTED => {
            "0 이상의 수(소수는 네트워크의 vdi_* 매개변수만) 또는 워크로드 이름(따옴표 안에)"
                .to_string()
        }
        "a sequence" => "배열 [...]".to_string(),
        "a map" => "테이블 { ... }".to_string(),
        "a string" => "따옴표 안의 텍스트".to_string(),
        "a boolean" => "true 또는 false".to_string(),
        other => korean_alternatives(other),
    }
}

/// The TOML parser's own words in Korean (toml_parser's descriptions of what is wrong
/// and of what it expected there). A message with a phrase not listed keeps its English,
/// quoted: "TOML 문법 오류입니다 (invalid foo)".
pub(crate) fn syntax_ko(detail: &str) -> String {
    const WHAT: &[(&str, &str)] = &[
        (
            "invalid basic string",
            "따옴표(\")로 쓴 텍스트가 끝나지 않았거나 잘못되었습니다",
        ),
        (
            "invalid literal string",
            "작은따옴표(')로 쓴 텍스트가 끝나지 않았거나 잘못되었습니다",
        ),
        (
            "invalid multi-line basic string",
            "따옴표 세 개(\"\"\")로 쓴 여러 줄 텍스트가 잘못되었습니다",
        ),
        (
            "invalid multi-line literal string",
            "작은따옴표 세 개(''')로 쓴 여러 줄 텍스트가 잘못되었습니다",
        ),
        ("invalid string", "텍스트가 잘못되었습니다"),
        (
            "invalid unquoted key",
            "따옴표 없이 쓴 키에 쓸 수 없는 문자가 있습니다",
        ),
        (
            "unquoted keys cannot be empty",
            "따옴표 없이 쓴 키가 비어 있습니다",
        ),
        ("invalid key", "키가 잘못되었습니다"),
        ("invalid value", "값이 잘못되었습니다"),
        ("invalid table", "테이블 머리글이 잘못되었습니다"),
        ("invalid key-value pair", "키 = 값 줄이 잘못되었습니다"),
        (
            "invalid inline table element",
            "인라인 테이블의 항목이 잘못되었습니다",
        ),
        (
            "invalid comment character",
            "주석에 쓸 수 없는 문자가 있습니다",
        ),
        ("invalid date-time", "날짜·시간이 잘못되었습니다"),
        ("invalid float", "소수가 잘못되었습니다"),
        ("invalid integer number", "정수가 잘못되었습니다"),
        ("invalid integer", "정수가 잘못되었습니다"),
        ("invalid boolean", "true나 false가 잘못 쓰였습니다"),
        ("invalid exponent", "지수가 잘못되었습니다"),
        ("invalid fraction", "소수점 아래가 잘못되었습니다"),
        ("invalid mantissa", "숫자가 잘못되었습니다"),
        ("unclosed table", "테이블 머리글이 닫히지 않았습니다"),
        (
            "unclosed array table",
            "배열 테이블 머리글이 닫히지 않았습니다",
        ),
        ("unclosed array", "배열이 닫히지 않았습니다"),
        ("unclosed inline table", "인라인 테이블이 닫히지 않았습니다"),
        ("key with no value", "키에 값이 없습니다"),
        ("missing value for key", "키의 값이 없습니다"),
        ("missing value", "값이 없습니다"),
        (
            "missing key for inline table element",
            "인라인 테이블의 항목에 키가 없습니다",
        ),
        (
            "missing comma between array elements",
            "배열의 원소 사이에 쉼표가 없습니다",
        ),
        (
            "missing comma between key-value pairs",
            "인라인 테이블의 키 = 값 사이에 쉼표가 없습니다",
        ),
        (
            "missing assignment between key-value pairs",
            "키와 값 사이에 =가 없습니다",
        ),
        ("missing opening quote", "여는 따옴표가 없습니다"),
        ("extra comma in array", "배열에 쉼표가 하나 더 있습니다"),
        (
            "extra comma in inline table",
            "인라인 테이블에 쉼표가 하나 더 있습니다",
        ),
        (
            "extra assignment between key-value pairs",
            "키 = 값 사이에 =가 하나 더 있습니다",
        ),
        ("unexpected `=` in array", "배열 안에 =가 있습니다"),
        ("unexpected content", "여기에 올 수 없는 내용이 있습니다"),
        (
            "unexpected key or value",
            "여기에 올 수 없는 키나 값이 있습니다",
        ),
        ("unexpected leading zero", "숫자는 0으로 시작할 수 없습니다"),
        ("unexpected sign", "여기에는 부호를 쓸 수 없습니다"),
        ("redundant numeric sign", "부호가 두 번 쓰였습니다"),
        (
            "`_` may only go between digits",
            "`_`는 숫자 사이에만 쓸 수 있습니다",
        ),
        (
            "string values must be quoted",
            "텍스트 값은 따옴표 안에 씁니다",
        ),
        ("duplicate key", "같은 키가 두 번 나옵니다"),
        (
            "carriage return must be followed by newline",
            "CR 문자 뒤에는 줄바꿈이 와야 합니다",
        ),
    ];
    const EXPECTED: &[(&str, &str)] = &[
        ("key", "키"),
        ("value", "값"),
        ("letters", "영문자"),
        ("numbers", "숫자"),
        ("digits", "숫자"),
        ("characters", "문자"),
        ("printable characters", "출력되는 문자"),
        ("basic string", "따옴표 텍스트"),
        ("literal string", "작은따옴표 텍스트"),
        ("multi-line basic string", "여러 줄 텍스트"),
        ("unicode hexadecimal value", "유니코드 16진수 값"),
    ];
    let (what, expected) = detail.split_once(", expected ").unwrap_or((detail, ""));
    let lookup = |table: &[(&str, &'static str)], key: &str| {
        table.iter().find(|(en, _)| *en == key).map(|(_, ko)| *ko)
    };
    let what_ko = lookup(WHAT, what);
    // A literal (`]`) stays as written; a description is translated.
    // toml's "expected nothing" (an empty list: nothing may stand there) adds nothing to
    // what is wrong.
    let expected_ko: Option<Vec<String>> = if expected.is_empty() || expected == "nothing" {
        Some(Vec::new())
    } else {
        expected
            .split(", ")
            .map(|e| {
                if e.starts_with('`') {
                    Some(e.to_string())
                } else {
                    lookup(EXPECTED, e).map(str::to_string)
                }
            })
            .collect()
    };
    match (what_ko, expected_ko) {
        (Some(what), Some(expected)) if expected.is_empty() => {
            format!("TOML 문법 오류입니다: {what}")
        }
        (Some(what), Some(expected)) => format!(
            "TOML 문법 오류입니다: {what} (여기에 올 수 있는 것: {})",
            expected.join(", ")
        ),
        _ => format!("TOML 문법 오류입니다 ({detail})"),
    }
}

/// What serde found, in Korean: "invalid type: floating point `2.5`, expected u32" gives
/// "소수 `2.5`가 들어 있습니다" (the kinds toml hands to serde; anything else stays as written).
pub(crate) fn found_ko(detail: &str) -> String {
    let found = detail
        .strip_prefix("invalid type: ")
        .or_else(|| detail.strip_prefix("invalid value: "))
        .and_then(|rest| rest.rsplit_once(", expected ").map(|(f, _)| f))
        .unwrap_or(detail);
    let found = found.strip_suffix(" as i128").unwrap_or(found);
    let kinds = [
        ("a date (TOML datetime) ", "날짜(TOML 날짜·시간) "),
        ("integer ", "정수 "),
        ("floating point ", "소수 "),
        ("string ", "문자열 "),
        ("boolean ", "불리언 "),
    ];
    if found == "datetime" {
        return "날짜가 들어 있습니다".to_string();
    }
    match found {
        "sequence" => return "배열이 들어 있습니다".to_string(),
        "map" => return "표가 들어 있습니다".to_string(),
        _ => {}
    }
    for (en, ko) in kinds {
        if let Some(value) = found.strip_prefix(en) {
            return format!("{ko}{value}이(가) 들어 있습니다");
        }
    }
    format!("{found}이(가) 들어 있습니다")
}

/// serde's words for what it found, in the writer's terms: no " as i128" (the reader's
/// internal width), and a number of hundreds of digits (`1e308` read as a float) short.
pub(crate) fn tidy_found(message: &str) -> String {
    let message = message.replace(" as i128", "");
    let mut out = String::with_capacity(message.len());
    let mut parts = message.split('`');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        out.push('`');
        // Odd parts are inside backticks.
        match part.parse::<f64>() {
            Ok(x) if i % 2 == 0 && part.len() > 24 => out.push_str(&format!("{x:e}")),
            _ => out.push_str(part),
        }
    }
    out
}

/// A TOML date or time (`1979-05-27`) where another value belongs: the reader hands it
/// over as a table, so serde says "invalid type: map" (or the reader "invalid type:
/// datetime", where a table belongs); say it is a date, as written.
pub(crate) fn datetime_found(text: &str, span: &Range<usize>, message: String) -> String {
    let Some(rest) = (message.strip_prefix("invalid type: map"))
        .or_else(|| message.strip_prefix("invalid type: datetime"))
    else {
        return message;
    };
    let written = text.get(span.clone()).unwrap_or_default().trim();
    if written.is_empty() || written.parse::<toml::value::Datetime>().is_err() {
        return message;
    }
    format!("invalid type: a date (TOML datetime) `{written}`{rest}")
}
