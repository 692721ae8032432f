//! The TOML parser's and serde's messages made the file format's: a code and parameters
//! for each kind (unknown key or value, missing key, wrong type, syntax), the place they
//! point at, and a Korean rendering.

use super::*;

/// The TOML parser's or serde's message (in English), with a code and a Korean
/// rendering for the common kinds: unknown key, unknown value, missing key, wrong type.
pub(crate) fn parser_msg(detail: String) -> Msg {
    // The name in backticks and the alternatives serde lists after it, joined in Korean
    // (the `expected` parameter is the Korean message's only: the English quotes `detail`).
    let quoted = |rest: &str| -> Option<(String, String)> {
        let (name, after) = rest.split_once('`')?;
        let expected = after
            .strip_prefix(", expected one of ")
            .or_else(|| after.strip_prefix(", expected "))
            .unwrap_or("");
        Some((name.to_string(), korean_alternatives(expected)))
    };
    if let Some((field, expected)) = detail.strip_prefix("unknown field `").and_then(quoted) {
        return msg!(
            "unknown_field",
            "{detail}",
            "알 수 없는 키 `{field}`입니다. 쓸 수 있는 키: {expected}",
            detail = detail,
            field = field,
            expected = expected
        );
    }
    if let Some((value, expected)) = detail.strip_prefix("unknown variant `").and_then(quoted) {
        // A mix's alias where one operation is named (a question's `op`, a sweep's).
        let (en, ko) = if value == "privileged_instruction" && expected.contains("`cr8_write`") {
            (
                "{shown}; `privileged_instruction` is a workload mix's alias, spread over cr8_write, rdtsc, cr_write, cr3_write, invlpg and cpuid (docs/cost-model.md): name one of them here",
                "알 수 없는 값 `{value}`입니다. `privileged_instruction`은 워크로드 mix의 별칭으로 cr8_write, rdtsc, cr_write, cr3_write, invlpg, cpuid에 나뉩니다(docs/cost-model.md): 여기에는 그중 하나를 쓰세요. 쓸 수 있는 값: {expected}",
            )
        } else {
            (
                "{shown}",
                "알 수 없는 값 `{value}`입니다. 쓸 수 있는 값: {expected}",
            )
        };
        return msg!(
            "unknown_value",
            en,
            ko,
            // serde's "variant" is a word of Rust's, not of the file's.
            shown = detail.replacen("unknown variant", "unknown value", 1),
            detail = detail,
            value = value,
            expected = expected
        );
    }
    if let Some((field, _)) = detail.strip_prefix("missing field `").and_then(quoted) {
        return msg!(
            "missing_field",
            "{detail}",
            "필수인 `{field}` 키가 없습니다",
            detail = detail,
            field = field
        );
    }
    if detail.starts_with("invalid type") || detail.starts_with("invalid value") {
        // Say what a Rust type name means to someone writing a scenario.
        let (wanted_en, wanted_ko) = match detail.rsplit_once("expected ").map(|(_, t)| t) {
            Some("u64" | "u32" | "u16" | "u8" | "usize") => (
                "; write a whole number, 0 or more (the field's documented range applies)",
                "; 0 이상의 정수를 쓰세요 (필드의 문서에 적힌 범위가 적용됩니다)",
            ),
            Some("i64" | "i32") => ("; write a whole number", "; 정수를 쓰세요"),
            Some("f64" | "f32") => ("; write a number", "; 숫자를 쓰세요"),
            Some("a boolean") => ("; write true or false", "; true 또는 false를 쓰세요"),
            Some("a string") => ("; write text in quotes", "; 따옴표 안에 텍스트를 쓰세요"),
            Some(t)
                if t.starts_with("one of `") && detail.starts_with("invalid type: sequence") =>
            {
                ("; write one of them in quotes, without brackets", "")
            }
            Some(t) if t.starts_with("one of `") => ("; write it in quotes", ""),
            _ => ("", ""),
        };
        // What serde expected, when the English says it only there.
        let expected = detail.split_once(", expected ").map_or("", |(_, e)| e);
        let wanted_ko = if !wanted_ko.is_empty() || expected.is_empty() {
            wanted_ko.to_string()
        } else if let Some(values) = expected.strip_prefix("one of ") {
            let brackets = if detail.starts_with("invalid type: sequence") {
                ", 대괄호 없이"
            } else {
                ""
            };
            format!(
                "; 쓸 수 있는 값 중 하나를 따옴표 안에 쓰세요{brackets}: {}",
                korean_alternatives(values)
            )
        } else if let Some(form) = expected.strip_prefix("a text in both languages: ") {
            format!("; 두 언어의 텍스트를 쓰세요: {form}")
        } else {
            format!("; 필요한 값: {}", expected_ko(expected))
        };
        // The hint says what to write: serde's Rust type name ("expected u64") goes.
        let shown = if wanted_en.is_empty() || expected.starts_with("one of ") {
            detail.clone()
        } else {
            detail
                .rsplit_once(", expected ")
                .map_or(detail.clone(), |(found, _)| found.to_string())
        };
        return msg!(
            "invalid_type",
            "{shown}{wanted_en}",
            "값의 형식이 맞지 않습니다: {got_ko}{wanted_ko}",
            shown = shown,
            detail = detail,
            got_ko = found_ko(&detail),
            wanted_en = wanted_en,
            wanted_ko = wanted_ko
        );
    }
    // toml's limits on keys and nesting (`toml_reader::MAX_KEY_PARTS`, `MAX_NESTING`).
    if detail == "recursion limit" {
        return msg!(
            "key_too_deep",
            "a dotted key or table name may have at most {max} parts (`a.b.c` has 3); this one has more",
            "점으로 이은 키나 표 이름은 최대 {max}개 부분까지 쓸 수 있습니다(`a.b.c`는 3개). 이 키는 그보다 깁니다",
            max = crate::toml_reader::MAX_KEY_PARTS
        );
    }
    if detail == "cannot recurse further; max recursion depth met" {
        return msg!(
            "nesting_too_deep",
            "arrays and inline tables may be nested at most {max} deep (`[[1]]` is 2 deep); this bracket is one level too deep",
            "배열과 인라인 테이블은 최대 {max}단계까지 중첩할 수 있습니다(`[[1]]`은 2단계). 이 괄호는 한 단계 더 깊습니다",
            max = crate::toml_reader::MAX_NESTING
        );
    }
    // An unterminated string (not one with a control character in it).
    if detail == "invalid basic string, expected `\"`"
        || detail == "invalid literal string, expected `'`"
    {
        return msg!(
            "syntax",
            "{detail}: a text in quotes ends on its own line (for several lines, write three quotes: \"\"\"...\"\"\")",
            "{syntax_ko}. 따옴표 안의 텍스트는 같은 줄에서 끝나야 합니다 (여러 줄이면 따옴표 세 개로: \"\"\"...\"\"\")",
            syntax_ko = syntax_ko(&detail),
            detail = detail
        );
    }
    // toml_parser's "extra `=`, expected nothing" (`cores = = 4`): a second `=` stands where
    // the value should begin, and nothing is what it means by no list.
    if detail.starts_with("extra `=`") {
        return msg!(
            "syntax",
            "another `=` where a value should be",
            "TOML 문법 오류입니다: 값이 와야 할 자리에 `=`가 또 있습니다"
        );
    }
    if detail.starts_with("string values must be quoted") {
        return msg!(
            "syntax",
            "{detail}: a value is a number, true or false, a text in quotes, an array [...] or an inline table {...}, one per key",
            "{syntax_ko}. 값은 숫자, true 또는 false, 따옴표 안의 텍스트, 배열 [...] 또는 인라인 테이블 {...}이며 키마다 하나입니다",
            syntax_ko = syntax_ko(&detail),
            detail = detail
        );
    }
    msg!(
        "syntax",
        "{detail}",
        "{syntax_ko}",
        syntax_ko = syntax_ko(&detail),
        detail = detail
    )
}

/// What an assignment's `[[step.vary]]` choice may be, as its reader (`Choice` in
/// assignment/format.rs) says it in a reading error (`expected ...`); `expected_ko` has
/// its Korean.
pub(crate) const CHOICE_EXPECTED: &str =
    "a number, 0 or more (decimals only for the network's vdi_* parameters), or a workload name";

/// What serde expected, in Korean: the phrases of the format's own readers (an assignment's
/// `[[step.vary]]` choice, `Choice` in assignment/format.rs) and serde's for the shapes a
/// file holds; another one joined as `korean_alternatives` joins a list (a reviewer read "필요한
/// 값: a whole number (0 or more) or a workload name").
fn expected_ko(expected: &str) -> String {
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
pub(super) fn syntax_ko(detail: &str) -> String {
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
pub(super) fn found_ko(detail: &str) -> String {
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
pub(super) fn tidy_found(message: &str) -> String {
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
/// over as a table, so serde says "invalid type: map"; say it is a date, as written.
fn datetime_found(text: &str, span: &Range<usize>, message: String) -> String {
    let Some(rest) = message.strip_prefix("invalid type: map") else {
        return message;
    };
    let written = text.get(span.clone()).unwrap_or_default().trim();
    if written.is_empty() || written.parse::<toml::value::Datetime>().is_err() {
        return message;
    }
    format!("invalid type: a date (TOML datetime) `{written}`{rest}")
}

/// The key written before the value at `offset` on its line (`cores` in `cores = 4 4`,
/// `rtt_ms` in `vdi = { rtt_ms = "x" }`), if the line has one.
pub(super) fn key_before(text: &str, offset: usize) -> Option<&str> {
    let before = text.get(..offset.min(text.len()))?;
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let (key, _) = line.rsplit_once('=')?;
    let key = key.rsplit(['{', ',']).next()?;
    let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
    (!key.is_empty() && !key.contains(['[', ']', '"', '\''])).then_some(key)
}

/// The sections of scenario and assignment files written as arrays of tables.
pub(super) const ARRAY_TABLES: &[&str] = &[
    "platform",
    "instance",
    "workload",
    "question",
    "fault",
    "step",
    "step.question",
    "step.vary",
];
/// The sections written once, as one table.
pub(super) const PLAIN_TABLES: &[&str] = &[
    "scenario",
    "host",
    "host.disk",
    "host.nic",
    "costs",
    "sweep",
    "assignment",
];

/// The table header at `offset` (or on its line): its name and whether it has two pairs
/// of brackets.
pub(super) fn header_at(text: &str, offset: usize) -> Option<(&str, bool)> {
    let before = text.get(..offset.min(text.len()))?;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].split('\n').next()?;
    let line = line.split('#').next()?.trim();
    let (inner, double) = match line.strip_prefix("[[") {
        Some(rest) => (rest.strip_suffix("]]")?, true),
        None => (line.strip_prefix('[')?.strip_suffix(']')?, false),
    };
    let name = inner.trim();
    let name_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.';
    (!name.is_empty() && name.chars().all(name_char)).then_some((name, double))
}

/// A value written without quotes that TOML cannot read.
pub(super) enum BareValue<'t> {
    /// A number followed by letters (`2.5GHz`): the whole token and its number.
    WithUnit { whole: &'t str, number: &'t str },
    /// A word that is not a TOML literal (`type1`, `four`; not `true` or `nan`).
    Word(&'t str),
}

/// The unquoted value around `offset`: from the start of its token (after `=`, `[`, `,`,
/// `{` and spaces) to the next space, comma, bracket or comment.
pub(super) fn bare_value_at(text: &str, offset: usize) -> Option<BareValue<'_>> {
    let offset = offset.min(text.len());
    let token_char = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '+');
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| token_char(c))
        .last()
        .map_or(offset, |(i, _)| i);
    // Only a value: what comes before the token is `=`, `[`, `,` or `{`.
    let before = text[..start].trim_end_matches([' ', '\t']);
    if !before.ends_with(['=', '[', ',', '{']) {
        return None;
    }
    let end = text[start..]
        .find(|c: char| !token_char(c))
        .map_or(text.len(), |i| start + i);
    let token = &text[start..end];
    if token.is_empty() {
        return None;
    }
    if !token.chars().any(char::is_alphabetic) {
        // A number, then a space or none and its unit (`32 GiB`, `5%`): toml stops after
        // the number.
        let number = token.trim_start_matches('+');
        let after = &text[end..];
        let gap = after.len() - after.trim_start_matches([' ', '\t']).len();
        let unit_len = after[gap..]
            .find(|c: char| !(c.is_alphabetic() || c == '%'))
            .unwrap_or(after.len() - gap);
        if unit_len == 0 || number.parse::<f64>().is_err() {
            return None;
        }
        return Some(BareValue::WithUnit {
            whole: &text[start..end + gap + unit_len],
            number: token,
        });
    }
    let digits = token.trim_start_matches(['+', '-']);
    if digits.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        // The longest prefix that reads as a number: digits, one point, an exponent.
        let unit_at = token
            .char_indices()
            .find(|&(i, c)| {
                c.is_alphabetic()
                    && !(matches!(c, 'e' | 'E')
                        && token[i + 1..]
                            .starts_with(|d: char| d.is_ascii_digit() || d == '-' || d == '+'))
            })
            .map_or(token.len(), |(i, _)| i);
        let number = &token[..unit_at];
        return (!number.is_empty() && number.parse::<f64>().is_ok()).then_some(
            BareValue::WithUnit {
                whole: token,
                number,
            },
        );
    }
    let literal = matches!(digits, "true" | "false" | "nan" | "inf");
    (!literal).then_some(BareValue::Word(token))
}

/// In a file without a `[scenario]` header, where the first of the scenario's keys is
/// written before any table (a writer who left the header out): its byte offset.
fn headerless_scenario_key(text: &str) -> Option<usize> {
    let scenario_keys = SECTION_KEYS
        .iter()
        .find(|(section, _)| *section == "[scenario]")
        .map_or(&[][..], |(_, keys)| *keys);
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let at = offset + (line.len() - line.trim_start().len());
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.starts_with("[scenario]") {
            return None;
        }
        if trimmed.starts_with('[') {
            break;
        }
        let key = trimmed.split('=').next().unwrap_or_default().trim();
        if trimmed.contains('=') && (key == "name" || scenario_keys.contains(&key)) {
            // The rest of the file must not have the header either.
            let rest = &text[offset..];
            let has_header = rest
                .lines()
                .any(|l| l.trim_start().starts_with("[scenario]"));
            return (!has_header).then_some(at);
        }
    }
    None
}

/// A unit's quantity and size in its quantity's smallest unit of the format (time in
/// ns, sizes in bytes, clock in kHz, percent), for a unit written after a number or
/// ending a key's name. Sizes: `KiB`, `MiB`, `GiB`, `TiB` are binary (2^10, 2^20, 2^30,
/// 2^40 bytes: the format's `_kib`, `_mib` and `_gib` keys), `kB`, `MB`, `GB`, `TB`
/// decimal (10^3 ... 10^12 bytes, as SI and disk makers count; see [`binary_sibling`]).
pub(super) fn unit_scale(unit: &str) -> Option<(char, f64)> {
    Some(match unit.to_ascii_lowercase().as_str() {
        "ns" => ('t', 1.0),
        "us" | "\u{b5}s" => ('t', 1e3),
        "ms" => ('t', 1e6),
        "s" | "sec" | "secs" | "seconds" => ('t', 1e9),
        "b" | "byte" | "bytes" => ('b', 1.0),
        "kb" => ('b', 1e3),
        "mb" => ('b', 1e6),
        "gb" => ('b', 1e9),
        "tb" => ('b', 1e12),
        "kib" => ('b', 1024.0),
        "mib" => ('b', 1024.0 * 1024.0),
        "gib" => ('b', 1024.0 * 1024.0 * 1024.0),
        "tib" => ('b', 1024.0 * 1024.0 * 1024.0 * 1024.0),
        "khz" => ('f', 1.0),
        "mhz" => ('f', 1e3),
        "ghz" => ('f', 1e6),
        "%" | "percent" => ('p', 1.0),
        _ => return None,
    })
}

/// What a number written with a unit (`2s`, `32 GiB`) is for a key whose name ends in a
/// unit (`duration_ms`): see [`in_key_unit`].
#[derive(Debug, PartialEq)]
enum KeyUnit {
    /// The same quantity in another unit: the key's unit as the format writes it, the
    /// value converted to it (`duration_ms`, `2`, `s`: ms, 2000) and, for a decimal size
    /// written for a binary key (`memory_gib = 16GB`), the binary unit the author may have
    /// meant and the value in it (GiB, 16).
    Converted(&'static str, String, Option<(&'static str, String)>),
    /// A unit of another quantity (`duration_ms = 2GiB`): the key's unit and quantity, and
    /// the written unit's quantity, in English and Korean.
    Other {
        key_unit: &'static str,
        key_quantity: (&'static str, &'static str),
        written_quantity: (&'static str, &'static str),
    },
}

/// The unit at the end of a key's name, as the format writes it, with its quantity and
/// scale (`None`: the name ends in no unit, like `cores`).
fn key_unit_of(key: &str) -> Option<(&'static str, char, f64)> {
    let key_unit = key.rsplit(['_', '-']).next()?;
    let (quantity, scale) = unit_scale(key_unit)?;
    Some((unit_display(key_unit)?, quantity, scale))
}

/// A unit at the end of a name as people write it (`us`: µs, `gib`: GiB).
pub(super) fn unit_display(unit: &str) -> Option<&'static str> {
    Some(match unit.to_ascii_lowercase().as_str() {
        "ns" => "ns",
        "us" => "\u{b5}s",
        "ms" => "ms",
        "s" => "s",
        "bytes" | "b" => "bytes",
        "kib" => "KiB",
        "mib" => "MiB",
        "gib" => "GiB",
        "tib" => "TiB",
        "khz" => "kHz",
        "mhz" => "MHz",
        "ghz" => "GHz",
        "percent" => "%",
        _ => return None,
    })
}

/// A quantity of [`unit_scale`] in words (English, Korean).
fn quantity_words(quantity: char) -> (&'static str, &'static str) {
    match quantity {
        't' => ("a time", "시간"),
        'b' => ("a size (memory, bytes)", "크기(메모리, 바이트)"),
        'f' => ("a frequency", "주파수"),
        _ => ("a percentage", "백분율"),
    }
}

/// `number` written with `unit` for `key`, when the key's name ends in a unit
/// ([`KeyUnit`]). `None` when the unit is the key's own (the number alone is right), the
/// key's name ends in no unit, or the written unit is not one the reader knows.
fn in_key_unit(key: &str, number: &str, unit: &str) -> Option<KeyUnit> {
    let (name, quantity, key_scale) = key_unit_of(key)?;
    let (written, scale) = unit_scale(unit)?;
    if written != quantity {
        return Some(KeyUnit::Other {
            key_unit: name,
            key_quantity: quantity_words(quantity),
            written_quantity: quantity_words(written),
        });
    }
    if scale == key_scale {
        return None;
    }
    let number = number.parse::<f64>().ok()?;
    let value = number * scale / key_scale;
    if !value.is_finite() {
        return None;
    }
    // `16GB` for a key in GiB: 16 GB is 14.901 GiB, but 16 GiB may be what was meant.
    let meant = binary_sibling(unit)
        .filter(|_| name.ends_with("iB"))
        .and_then(|(binary, binary_scale)| {
            let value = number * binary_scale / key_scale;
            value.is_finite().then(|| (binary, shown(value)))
        });
    Some(KeyUnit::Converted(name, shown(value), meant))
}

/// A converted value for a message: whole, or with at most 6 decimals (3 for a value at
/// least 1, where more would only be noise of the conversion).
fn shown(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return format!("{value:.0}");
    }
    let fixed = if value.abs() >= 1.0 {
        format!("{value:.3}")
    } else {
        format!("{value:.6}")
    };
    fixed
        .trim_end_matches('0')
        .trim_end_matches('.')
        .to_string()
}

/// A decimal size unit's binary sibling, as the format writes it, and its size in bytes:
/// `GB` is `GiB` (2^30 bytes), ... ; `None` for any other unit.
fn binary_sibling(unit: &str) -> Option<(&'static str, f64)> {
    Some(match unit.to_ascii_lowercase().as_str() {
        "kb" => ("KiB", 1024.0),
        "mb" => ("MiB", 1024.0 * 1024.0),
        "gb" => ("GiB", 1024.0 * 1024.0 * 1024.0),
        "tb" => ("TiB", 1024.0 * 1024.0 * 1024.0 * 1024.0),
        _ => return None,
    })
}

/// The key at `offset` (a duplicate key's span starts at it).
pub(super) fn key_at(text: &str, offset: usize) -> Option<&str> {
    let rest = text.get(offset..)?;
    let line = rest.split('\n').next()?;
    let key = line
        .split(['=', ']'])
        .next()?
        .trim()
        .trim_start_matches('[');
    let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
    (!key.is_empty()).then_some(key)
}

/// A value outside its field's range, as the validator words it (`detail` keeps what the
/// parser said).
fn out_of_range(field: &str, min: &str, max: &str, got: &str, detail: &str) -> Msg {
    msg!(
        "out_of_range",
        "{field} must be between {min} and {max}; got {got}",
        "{field} 값은 {min}에서 {max} 사이여야 합니다. 입력값: {got}",
        field = field,
        min = min,
        max = max,
        got = got,
        detail = detail
    )
}

/// What the checks say of a field's range, for a number of the wrong type written in it
/// (found by validating the file with a number above every range in its place).
pub(crate) enum FieldRange {
    /// The field's name and its range, as the validator words them.
    Known(String, String, String),
    /// The checks set no range (`seed`): any number its type holds.
    NoneWritten,
    /// Not found: another mistake in the file kept the checks from reaching the field.
    Unknown,
    /// The checks' own words for the probe, when they word the range otherwise than
    /// "`field` must be between `min` and `max`" (a sweep's counts, a pin's pCPUs, an
    /// assignment's points): the error's code and its message in English and Korean, with
    /// `probe` (the number put in the value's place) to be replaced by the number written.
    Said {
        code: &'static str,
        en: String,
        ko: String,
        probe: String,
    },
}

impl FieldRange {
    /// The field's name and range, when known.
    fn known(&self) -> Option<(String, String, String)> {
        match self {
            Self::Known(field, min, max) => Some((field.clone(), min.clone(), max.clone())),
            Self::NoneWritten | Self::Unknown | Self::Said { .. } => None,
        }
    }

    /// What the checks said of the probe (`probe`, written in place of the value at `at`)
    /// in `errors`: an error located at the value, or one located in the `key = value`
    /// entry that holds it (the array it is an element of) whose message quotes the probe.
    /// [`Self::Unknown`] when there is none.
    pub(crate) fn said(
        text: &str,
        at: &Range<usize>,
        errors: &[ScenarioError],
        probe: &str,
    ) -> FieldRange {
        let v = Validator::new("", text);
        let entry = v.entry_at(at).unwrap_or_else(|| at.clone());
        let (start, end) = (
            line_column(text, entry.start.min(at.start)),
            line_column(text, entry.end.max(at.end)),
        );
        let inside = |e: &&ScenarioError| start <= (e.line, e.column) && (e.line, e.column) <= end;
        // Not the reader's own error of the probe (it has the reader's `detail`).
        let checks = |e: &&ScenarioError| !e.params.iter().any(|(k, _)| *k == "detail");
        // At the value itself, what the checks say of it holds for any number (`dom0_vcpus`
        // where no driver domain runs); elsewhere in its entry, only what quotes it.
        let place = line_column(text, at.start);
        let at_value = |e: &&ScenarioError| (e.line, e.column) == place;
        match (errors.iter().filter(checks)).find(at_value).or_else(|| {
            (errors.iter().filter(inside).filter(checks)).find(|e| e.message.contains(probe))
        }) {
            Some(e) => FieldRange::Said {
                code: e.code,
                en: e.message.clone(),
                ko: e.message_in(Lang::Ko),
                probe: probe.to_string(),
            },
            None => FieldRange::Unknown,
        }
    }

    /// The checks' message of [`Self::Said`] for the number `got` written in the value's
    /// place (`detail`: what the reader said of it).
    fn said_of(&self, got: &str, detail: &str) -> Option<Msg> {
        let Self::Said {
            code,
            en,
            ko,
            probe,
        } = self
        else {
            return None;
        };
        Some(Msg {
            code,
            en: "{said}",
            ko: "{said_ko}",
            params: vec![
                ("said", en.replace(probe.as_str(), got)),
                ("said_ko", ko.replace(probe.as_str(), got)),
                ("got", got.to_string()),
                ("detail", detail.to_string()),
            ],
        })
    }
}

/// The error of a file the TOML reader refused (`message` at `span`), told in the
/// scenario writer's terms: [`parser_msg`], with the key named where the reader's message
/// does not (a duplicate key, a missing field of an inline table), for a whole number of
/// the wrong type or sign the field's range when `range_at` finds it (validating the text
/// with the number it is given in the value's place), and for a decimal
/// number of the wrong type the field's range (or at least its key) and examples, never
/// serde's "expected f64".
/// The reader's message with each name or value in backticks that is longer than any name
/// can be quoted by its start and its length, as [`super::Validator::error`] quotes values
/// (a 200 000-character key or `kind` was echoed whole, 200 KB of message).
fn shorten_quoted(message: &str) -> String {
    if message.len() <= super::MAX_QUOTED_CHARS {
        return message.to_string();
    }
    let mut out = String::with_capacity(message.len().min(4096));
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        let chars = part.chars().count();
        // A long number is left whole: it is written short later (`1e308`).
        if i % 2 == 1 && chars > super::MAX_QUOTED_CHARS && part.parse::<f64>().is_err() {
            out.extend(part.chars().take(super::MAX_QUOTED_CHARS / 2));
            out.push_str(&format!("… ({chars} characters)"));
        } else {
            out.push_str(part);
        }
    }
    out
}

pub(crate) fn parser_error(
    file: &str,
    text: &str,
    span: Range<usize>,
    message: String,
    range_at: impl Fn(Range<usize>, u64) -> FieldRange,
) -> ScenarioError {
    let v = Validator::unparsed(file, text);
    let message = datetime_found(text, &span, tidy_found(&shorten_quoted(&message)));
    // What the reader's message alone tells: the writer's mistake, where it is.
    let told = control_character(text, span.start, &message)
        .map(|m| (span.clone(), m))
        .or_else(|| lookalike_character(text, &span, &message))
        .or_else(|| other_format_syntax(text, &span, &message))
        .or_else(|| never_closed(text, &span, &message))
        .or_else(|| too_large_number(text, &span, &message, &range_at))
        .or_else(|| bracket_slip(text, &span, &message))
        .or_else(|| duplicate_key(text, &span, &message))
        .or_else(|| missing_value(text, &span, &message))
        .or_else(|| value_without_quotes(text, &span, &message));
    if let Some((at, m)) = told {
        return v.error(at, m);
    }
    // Otherwise the reader's message in the writer's terms, with what helps beside it.
    let korean = korean_key(text, &span, &message);
    let mut m = parser_msg(message);
    if let Some(example) = korean {
        m.en = "{detail}; keys are written in English, as the format names them: e.g. {example}";
        m.ko = "{syntax_ko}. 키 이름은 영어로 씁니다: 예 {example}";
        m.params.push(("example", example.to_string()));
    }
    if let Some(m) = misspelt_table(&m, text, &span) {
        return v.error(span, m);
    }
    if let Some((at, m)) = unknown_key_home(&mut m, text) {
        return v.error(at, m);
    }
    if let Some(m) = unknown_cost_key(&m) {
        return v.error(span, m);
    }
    if !answer_written(&mut m) {
        guess_meant_name(&mut m);
        key_in_other_unit(&mut m, text, &span);
    }
    full_virtualization_value(&mut m);
    missing_field_where(&mut m, text, &span);
    if let Some(m) = quoted_number_with_unit(&m, text, &span) {
        return v.error(span, m);
    }
    if let Some((at, m)) = number_of_wrong_type(&m, text, &span, &range_at) {
        return v.error(at, m);
    }
    if let Some(m) = list_or_table_wanted(&m, text, &span) {
        return v.error(span, m);
    }
    v.error(span, m)
}

/// A value where an array, a table or a text in both languages belongs (`platforms = "t1"`,
/// `disk = 5`, `label = ["Type 1"]`): what to write instead, in the file's terms, not
/// serde's "expected a sequence" or "expected struct DiskSection".
fn list_or_table_wanted(m: &Msg, text: &str, span: &Range<usize>) -> Option<Msg> {
    let detail = &m.params.iter().find(|(k, _)| *k == "detail")?.1;
    let (found, expected) = detail.rsplit_once(", expected ")?;
    let key = key_before(text, span.start)?;
    let written = text.get(span.clone())?.trim();
    if expected == "a sequence" {
        // The value itself as the list's one element, when it is one value.
        let example = if written.starts_with(['[', '{']) || written.contains('\n') {
            "...".to_string()
        } else {
            written.to_string()
        };
        return Some(msg!(
            "invalid_type",
            "{found}; `{key}` is an array: write it in brackets, {key} = [{example}]",
            "값의 형식이 맞지 않습니다: {got_ko}. `{key}`은(는) 배열이므로 대괄호로 감싸 {key} = [{example}]처럼 쓰세요",
            found = found,
            got_ko = found_ko(detail),
            key = key,
            example = example,
            detail = detail
        ));
    }
    if expected.starts_with("struct ") {
        // Its own section under the table it is written in (`[host]`: `[host.disk]`).
        let before = text.get(..span.start)?;
        let section = (before.lines().rev())
            .map(str::trim)
            .find(|l| l.starts_with('['))
            .and_then(|h| h.strip_prefix('[')?.split_once(']'))
            .filter(|(name, _)| !name.starts_with('['))
            .map_or(String::new(), |(name, _)| {
                format!("[{}.{key}]", name.trim())
            });
        let (or, or_ko) = if section.is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!(", or a section {section} with one key a line"),
                format!(" 아니면 {section} 섹션에 한 줄에 키 하나씩 쓰세요"),
            )
        };
        return Some(msg!(
            "invalid_type",
            "{found}; `{key}` is a table of keys of its own: write {key} = { ... } with them inside{or} (docs/scenario-format.md lists its keys)",
            "값의 형식이 맞지 않습니다: {got_ko}. `{key}`은(는) 자기 키를 담는 표이므로 {key} = { ... } 안에 키를 쓰세요.{or_ko} (키 목록은 docs/scenario-format.md에 있습니다)",
            found = found,
            got_ko = found_ko(detail),
            key = key,
            or = or,
            or_ko = or_ko,
            detail = detail
        ));
    }
    if let (true, Some(form)) = (
        found.starts_with("invalid length"),
        expected.strip_prefix("a text in both languages: "),
    ) {
        // A list where the text belongs (`label = ["Type 1"]`).
        return Some(msg!(
            "invalid_type",
            "an array where a text belongs; `{key}` is a text in both languages, not an array: write {key} = {form}",
            "텍스트 자리에 배열이 있습니다: `{key}`은(는) 배열이 아니라 두 언어의 텍스트입니다. {key} = {form}으로 쓰세요",
            key = key,
            form = form,
            detail = detail
        ));
    }
    None
}

/// A number too large for the reader (past 2^128, or a decimal past about 1.8e308, which
/// toml reads as infinity): the field's range, as for any value outside it.
fn too_large_number(
    text: &str,
    span: &Range<usize>,
    message: &str,
    range_at: &impl Fn(Range<usize>, u64) -> FieldRange,
) -> Option<(Range<usize>, Msg)> {
    if message != "floating-point number overflowed" && message != "integer number overflowed" {
        return None;
    }
    let got = text
        .get(span.clone())
        .unwrap_or_default()
        .trim()
        .to_string();
    let probed = range_at(span.clone(), u64::from(u32::MAX));
    if let Some((field, min, max)) = probed.known() {
        return Some((
            span.clone(),
            out_of_range(&field, &min, &max, &got, message),
        ));
    }
    if let Some(m) = probed.said_of(&got, message) {
        return Some((span.clone(), m));
    }
    // No range of its own to quote (`seed`): what a number can be at all.
    let field = key_before(text, span.start)
        .unwrap_or("this value")
        .to_string();
    Some((
        span.clone(),
        msg!(
            "out_of_range",
            "{field} = {got} is too large a number: a whole number is at most 18446744073709551615 and a decimal at most about 1.8e308 (each key's range is in docs/scenario-format.md)",
            "{field} = {got}은(는) 너무 큰 수입니다: 정수는 최대 18446744073709551615, 소수는 최대 약 1.8e308입니다 (키마다의 범위는 docs/scenario-format.md에 있습니다)",
            field = field,
            got = got,
            detail = message
        ),
    ))
}

/// A table header with one pair of brackets too few or too many: `[instance]` for an
/// array of tables (one per instance), `[[host]]` for the one host; and a single
/// `[question]` before a `[[question]]`, where toml reports the correct header as a
/// duplicate key: the one to fix.
fn bracket_slip(text: &str, span: &Range<usize>, message: &str) -> Option<(Range<usize>, Msg)> {
    if let Some((name, double)) = header_at(text, span.start) {
        let array = ARRAY_TABLES.contains(&name);
        let known = array || PLAIN_TABLES.contains(&name);
        // `[[assignment]]` makes the file read as a scenario with an unknown key.
        let misread = message.starts_with("invalid type: ")
            || message.starts_with("unknown field `assignment`");
        if known && array != double && (misread || message == "duplicate key") {
            let (written, meant) = if array {
                (format!("[{name}]"), format!("[[{name}]]"))
            } else {
                (format!("[[{name}]]"), format!("[{name}]"))
            };
            return Some((
                span.clone(),
                if array {
                    two_pairs_of_brackets(&written, &meant, name)
                } else {
                    msg!(
                        "table_brackets",
                        "`{written}` is one table, with one pair of brackets: write `{meant}`",
                        "`{written}`은(는) 표 하나이므로 대괄호를 한 겹만 씁니다: `{meant}`",
                        written = written,
                        meant = meant
                    )
                },
            ));
        }
    }
    if message == "duplicate key" {
        if let Some((name, true)) = header_at(text, span.start) {
            let single = format!("[{name}]");
            if let Some(at) = text
                .match_indices(&single)
                .map(|(i, _)| i)
                .find(|&i| i < span.start && (i == 0 || text.as_bytes()[i - 1] == b'\n'))
            {
                return Some((
                    at..at + single.len(),
                    two_pairs_of_brackets(&single, &format!("[[{name}]]"), name),
                ));
            }
        }
    }
    None
}

/// `written`, the header of a table of an array, with one pair of brackets: `meant`.
fn two_pairs_of_brackets(written: &str, meant: &str, name: &str) -> Msg {
    msg!(
        "table_brackets",
        "`{written}` needs two pairs of brackets: write `{meant}`, once per {name}",
        "`{written}`에는 대괄호가 두 겹 필요합니다: {name}마다 `{meant}`을(를) 쓰세요",
        written = written,
        meant = meant,
        name = name
    )
}

/// A key written twice in its table.
fn duplicate_key(text: &str, span: &Range<usize>, message: &str) -> Option<(Range<usize>, Msg)> {
    if message == "duplicate key" {
        if let Some(key) = key_at(text, span.start) {
            return Some((
                span.clone(),
                msg!(
                    "duplicate_key",
                    "duplicate key `{key}`: a key may appear once in its table",
                    "`{key}` 키가 두 번 나옵니다: 키는 테이블([scenario], [host] 등)마다 한 번만 쓸 수 있습니다",
                    key = key
                ),
            ));
        }
    }
    None
}

/// A number written with its unit (`whole`: `number` and the unit `written`) for `key`:
/// converted into the key's unit, told that the unit measures another quantity, or the
/// number alone ([`in_key_unit`]).
fn number_with_unit(whole: &str, number: &str, written: &str, key: Option<&str>) -> Msg {
    match key.and_then(|key| Some((key, in_key_unit(key, number, written)?))) {
        Some((key, KeyUnit::Converted(unit, value, Some((binary, meant))))) => msg!(
            "syntax",
            "`{whole}`: write the number alone, in the key's unit ({unit}): {number} {written} (decimal, 1 {written} = {decimal} bytes) is {key} = {value}; if you meant {number} {binary} (1 {binary} = {power} bytes), write {key} = {meant}",
            "`{whole}`: 숫자만 키의 단위({unit})로 쓰세요: {number} {written}(10진 단위, 1 {written} = {decimal}바이트)은(는) {key} = {value}입니다. {number} {binary}(1 {binary} = {power}바이트)를 뜻했다면 {key} = {meant}(으)로 쓰세요",
            whole = whole,
            unit = unit,
            number = number,
            written = written,
            decimal = decimal_bytes(binary),
            key = key,
            value = value,
            binary = binary,
            power = binary_bytes(binary),
            meant = meant
        ),
        Some((key, KeyUnit::Converted(unit, value, None))) => msg!(
            "syntax",
            "`{whole}`: write the number alone, in the key's unit ({unit}): {whole} is {key} = {value}",
            "`{whole}`: 숫자만 키의 단위({unit})로 쓰세요: {whole}은(는) {key} = {value}",
            whole = whole,
            unit = unit,
            key = key,
            value = value
        ),
        Some((
            key,
            KeyUnit::Other {
                key_unit,
                key_quantity,
                written_quantity,
            },
        )) => msg!(
            "syntax",
            "`{whole}`: {written} measures {written_quantity}, but {key} is {key_quantity} in {key_unit}: write a number of {key_unit} alone",
            "`{whole}`: {written}은(는) {written_quantity_ko}의 단위이지만 {key} 값은 {key_unit} 단위의 {key_quantity_ko}입니다: {key_unit} 단위의 숫자만 쓰세요",
            whole = whole,
            written = written,
            written_quantity = written_quantity.0,
            written_quantity_ko = written_quantity.1,
            key = key,
            key_quantity = key_quantity.0,
            key_quantity_ko = key_quantity.1,
            key_unit = key_unit
        ),
        None => msg!(
            "syntax",
            "`{whole}`: write the number alone, without its unit: {number}",
            "`{whole}`: 숫자만 단위 없이 쓰세요: {number}",
            whole = whole,
            number = number
        ),
    }
}

/// The bytes of the decimal unit beside binary unit `binary` (`GiB`: 10^9 for GB).
fn decimal_bytes(binary: &str) -> &'static str {
    match binary {
        "KiB" => "10^3",
        "MiB" => "10^6",
        "GiB" => "10^9",
        _ => "10^12",
    }
}

/// The bytes of binary unit `binary` (`GiB`: 2^30).
fn binary_bytes(binary: &str) -> &'static str {
    match binary {
        "KiB" => "2^10",
        "MiB" => "2^20",
        "GiB" => "2^30",
        _ => "2^40",
    }
}

/// A key with nothing after its `=` on its line (`cores = `, the value forgotten): the
/// reader takes the next line's key for an unquoted text and says texts need quotes, which
/// points at the wrong mistake (a reviewer). Said as what it is, at the `=`'s line end.
fn missing_value(text: &str, span: &Range<usize>, message: &str) -> Option<(Range<usize>, Msg)> {
    if !message.starts_with("string values must be quoted") {
        return None;
    }
    let before = text.get(..span.start)?;
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let (_, after_eq) = line.rsplit_once('=')?;
    let rest_of_line = text[span.start..].split('\n').next().unwrap_or("");
    let blank = |s: &str| s.chars().all(|c| c == ' ' || c == '\t' || c == '\r');
    if !blank(after_eq) || !(blank(rest_of_line) || rest_of_line.trim_start().starts_with('#')) {
        return None;
    }
    let key = key_before(text, span.start)?.to_string();
    let m = msg!(
        "syntax",
        "`{key}` has no value after its `=`: write a number, true or false, a text in quotes, an array [...] or an inline table {...} on the same line",
        "`{key}`의 `=` 뒤에 값이 없습니다: 같은 줄에 숫자, true 또는 false, 따옴표 안의 텍스트, 배열 [...] 또는 인라인 테이블 {...}를 쓰세요",
        key = key
    );
    Some((span.start..span.start, m))
}

/// A value without quotes that is not a number, boolean or date: a number with its unit
/// (`2.5GHz`: toml stops at the `G`) or a word (`type1`, `four`, `off`).
fn value_without_quotes(
    text: &str,
    span: &Range<usize>,
    message: &str,
) -> Option<(Range<usize>, Msg)> {
    let unquoted = [
        "invalid boolean",
        "invalid float",
        "invalid integer",
        "string values must be quoted",
    ];
    if unquoted.iter().any(|m| message.starts_with(m)) {
        match bare_value_at(text, span.start) {
            Some(BareValue::WithUnit { whole, number }) => {
                // `whole` is a slice of `text`: its offset is where it starts.
                let at = whole.as_ptr() as usize - text.as_ptr() as usize;
                let written = whole[number.len()..].trim_start();
                let m = number_with_unit(whole, number, written, key_before(text, at));
                return Some((at..at + whole.len(), m));
            }
            Some(BareValue::Word(word)) => {
                let at = word.as_ptr() as usize - text.as_ptr() as usize;
                return Some((
                    at..at + word.len(),
                    msg!(
                        "syntax",
                        "`{word}` needs quotes if it is text (\"{word}\"); a number is written in digits, a yes or no as true or false",
                        "`{word}`이(가) 텍스트라면 따옴표 안에 쓰세요 (\"{word}\"). 숫자는 숫자로, 예/아니요는 true 또는 false로 씁니다",
                        word = word
                    ),
                ));
            }
            None => {}
        }
    }
    None
}

/// A key written in Korean ("[호스트]", "코어 = 4"): toml asks for letters and digits,
/// which does not say that the keys are the format's English names. The example to give.
fn korean_key(text: &str, span: &Range<usize>, message: &str) -> Option<&'static str> {
    let korean = (message.starts_with("invalid unquoted key")
        || message.starts_with("invalid key")
        || message.starts_with("invalid table"))
        && text
            .get(span.start..)
            .and_then(|t| t.chars().next())
            .is_some_and(|c| !c.is_ascii());
    if !korean {
        return None;
    }
    let line = &text[text[..span.start].rfind('\n').map_or(0, |i| i + 1)..];
    Some(if line.trim_start().starts_with('[') {
        "[host]"
    } else {
        "cores = 4"
    })
}

/// A table's header with a slip of its name (`[[platforms]]`): the table meant, in its
/// brackets, and where the name is a key if it is one (`platforms` is a key of
/// [[instance]]), since "a key of [[instance]]" alone sent writers to the wrong table.
fn misspelt_table(m: &Msg, text: &str, span: &Range<usize>) -> Option<Msg> {
    if m.code != "unknown_field" {
        return None;
    }
    let (field, expected) = (param_of(m, "field")?, param_of(m, "expected")?);
    let (header, double) = header_at(text, span.start)?;
    if header != field {
        return None;
    }
    let meant = spelled_otherwise(&field, &expected)?;
    let expected_en = expected_in_english(m);
    let meant = if ARRAY_TABLES.contains(&meant.as_str()) {
        format!("[[{meant}]]")
    } else if PLAIN_TABLES.contains(&meant.as_str()) {
        format!("[{meant}]")
    } else {
        return None;
    };
    let written = if double {
        format!("[[{field}]]")
    } else {
        format!("[{field}]")
    };
    let homes: Vec<&str> = SECTION_KEYS
        .iter()
        .filter(|(_, keys)| keys.contains(&field.as_str()))
        .map(|(section, _)| *section)
        .collect();
    let mut m = if homes.is_empty() {
        msg!(
            "unknown_field",
            "unknown table `{table}`; did you mean `{meant}`? Expected {expected_en}",
            "알 수 없는 테이블 `{table}`입니다. 혹시 `{meant}`인가요? 쓸 수 있는 이름: {expected}",
            table = written,
            meant = meant
        )
    } else {
        msg!(
            "unknown_field",
            "unknown table `{table}`; did you mean `{meant}`? (`{field}` is a key of {sections}, not a table) Expected {expected_en}",
            "알 수 없는 테이블 `{table}`입니다. 혹시 `{meant}`인가요? (`{field}` 키는 {sections}에 속하며 테이블이 아닙니다) 쓸 수 있는 이름: {expected}",
            table = written,
            meant = meant,
            field = field,
            sections = homes.join(", ")
        )
    };
    m.params.push(("expected", expected));
    m.params.push(("expected_en", expected_en));
    Some(m)
}

/// An unknown key that is a key of other tables: where it belongs; a key of [scenario]
/// among the file's top-level tables without that header: the header left out.
fn unknown_key_home(m: &mut Msg, text: &str) -> Option<(Range<usize>, Msg)> {
    if m.code != "unknown_field" {
        return None;
    }
    let field = m
        .params
        .iter()
        .find(|(k, _)| *k == "field")
        .map(|(_, f)| f.clone());
    let homes: Vec<&str> = field.as_deref().map_or(Vec::new(), |f| {
        SECTION_KEYS
            .iter()
            .filter(|(_, keys)| keys.contains(&f))
            .map(|(section, _)| *section)
            .collect()
    });
    // A key of [scenario] (and perhaps of other tables, like `name`) among the file's
    // top-level tables: the header was left out.
    let top_level =
        param_of(m, "expected").is_some_and(|expected| listed(&expected).any(|k| k == "scenario"));
    // (`name`, in every named table, is not among SECTION_KEYS.)
    if top_level && (homes.contains(&"[scenario]") || field.as_deref() == Some("name")) {
        if let Some(at) = headerless_scenario_key(text) {
            let key = text[at..]
                .split(|c: char| c == '=' || c.is_whitespace())
                .next()
                .unwrap_or_default();
            return Some((
                at..at + key.len(),
                msg!(
                    "missing_scenario_header",
                    "`{key}` is a key of [scenario], and the file has no `[scenario]` header: write `[scenario]` on the line above the scenario's keys (name, title, description, seed, duration_ms)",
                    "`{key}` 키는 [scenario]에 속하는데 파일에 `[scenario]` 머리글이 없습니다: 시나리오의 키(name, title, description, seed, duration_ms) 위의 줄에 `[scenario]`를 쓰세요",
                    key = key
                ),
            ));
        }
    }
    if !homes.is_empty() {
        m.en = "{detail}; `{field}` is a key of {sections}";
        m.ko = "알 수 없는 키 `{field}`입니다. 쓸 수 있는 키: {expected}. `{field}` 키는 {sections}에 속합니다";
        m.params.push(("sections", homes.join(", ")));
    }
    None
}

/// An unknown cost: the table has over a hundred, too many to list in a message. The
/// guess first, then the few nearest, and where every cost is described.
fn unknown_cost_key(m: &Msg) -> Option<Msg> {
    if m.code != "unknown_field" {
        return None;
    }
    let costs: Vec<&str> = CostTable::SOURCES.iter().map(|c| c.name).collect();
    let (field, expected) = (param_of(m, "field"), param_of(m, "expected"));
    if let (Some(field), Some(expected)) = (field, expected) {
        if listed(&expected).count() == costs.len()
            && listed(&expected).all(|name| costs.contains(&name))
        {
            return Some(unknown_cost(&field, &costs));
        }
    }
    None
}

/// An answer written into a question (`answer = 24`): the simulator computes it, so the
/// key does not exist; say where the computed answer is read. Whether it was one.
fn answer_written(m: &mut Msg) -> bool {
    const ANSWER_KEYS: &[&str] = &["answer", "answers", "expected", "correct", "solution"];
    let in_question =
        param_of(m, "expected").is_some_and(|e| listed(&e).any(|k| k == "tolerance_percent"));
    if m.code == "unknown_field"
        && in_question
        && param_of(m, "field")
            .is_some_and(|f| ANSWER_KEYS.contains(&f.to_ascii_lowercase().as_str()))
    {
        m.en = "unknown field `{field}`: a question's answer is not written but computed by the simulation (`virtsim answers FILE` prints it; `run` prints it under each question); remove it. Expected {expected_en}";
        m.ko = "알 수 없는 키 `{field}`입니다: 질문의 답은 쓰지 않고 시뮬레이션이 계산합니다(`virtsim answers FILE`이 출력하고, `run`은 질문마다 출력합니다). 지우세요. 쓸 수 있는 키: {expected}";
        m.params.push(("expected_en", expected_in_english(m)));
        return true;
    }
    false
}

/// A slip of a name ([`guess`]): name the one meant.
fn guess_meant_name(m: &mut Msg) {
    let param = match m.code {
        "unknown_field" if m.params.iter().all(|(k, _)| *k != "sections") => Some("field"),
        "unknown_value" => Some("value"),
        _ => None,
    };
    let param_value = |name: &str| {
        m.params
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    };
    if let Some(param) = param {
        if let (Some(given), Some(expected)) = (param_value(param), param_value("expected")) {
            if let Some(meant) = spelled_otherwise(&given, &expected) {
                // The guess first, then what may be written (as in Korean): after a
                // list of 29 keys it went unread.
                if param == "field" {
                    m.en =
                        "unknown field `{field}`; did you mean `{meant}`? Expected {expected_en}";
                    m.ko = "알 수 없는 키 `{field}`입니다. 혹시 `{meant}`인가요? 쓸 수 있는 키: {expected}";
                } else {
                    m.en =
                        "unknown value `{value}`; did you mean `{meant}`? Expected {expected_en}";
                    m.ko = "알 수 없는 값 `{value}`입니다. 혹시 `{meant}`인가요? 쓸 수 있는 값: {expected}";
                }
                m.params.push(("meant", meant));
                m.params.push(("expected_en", expected_in_english(m)));
            }
        }
    }
}

/// What toml's message (`detail`) says may be written, in its words: "one of `a`, `b`"
/// or "`en` or `ko`" (the `expected` parameter is the Korean list).
fn expected_in_english(m: &Msg) -> String {
    param_of(m, "detail")
        .and_then(|d| d.split_once(", expected ").map(|(_, e)| e.to_string()))
        .or_else(|| param_of(m, "expected"))
        .unwrap_or_default()
}

/// A key or value in another unit (`duration_s`, `mean_latency_ms`): the name meant and its unit,
/// which the guess never offers.
fn key_in_other_unit(m: &mut Msg, text: &str, span: &Range<usize>) {
    let param = match m.code {
        "unknown_field" => "field",
        "unknown_value" => "value",
        _ => return,
    };
    if m.params
        .iter()
        .all(|(k, _)| !matches!(*k, "meant" | "sections"))
    {
        let written = (param_of(m, param), param_of(m, "expected"));
        if let (Some(given), Some(expected)) = written {
            // The number written after the key, if it is one (`duration_s = 5`).
            let written = (param == "field")
                .then(|| number_after_key(text, span))
                .flatten();
            if let Some((meant, unit, unit_ko)) = other_unit(&given, &expected, written) {
                if param == "field" {
                    m.en =
                        "unknown field `{field}`; write `{meant}` ({unit}). Expected {expected_en}";
                    m.ko = "알 수 없는 키 `{field}`입니다. `{meant}` 키를 쓰세요({unit_ko}). 쓸 수 있는 키: {expected}";
                } else {
                    m.en =
                        "unknown value `{value}`; write `{meant}` ({unit}). Expected {expected_en}";
                    m.ko = "알 수 없는 값 `{value}`입니다. `{meant}`을(를) 쓰세요({unit_ko}). 쓸 수 있는 값: {expected}";
                }
                m.params.push(("meant", meant));
                m.params.push(("unit", unit));
                m.params.push(("unit_ko", unit_ko));
                m.params.push(("expected_en", expected_in_english(m)));
            }
        }
    }
}

/// The number written after the key at `span` on its line (`duration_s = 5`: 5), if any.
fn number_after_key(text: &str, span: &Range<usize>) -> Option<f64> {
    let rest = text.get(span.end..)?;
    let line = rest.split('\n').next()?;
    let value = line.split_once('=')?.1.split('#').next()?.trim();
    let value: f64 = value.replace('_', "").parse().ok()?;
    value.is_finite().then_some(value)
}

/// The seed document's word for the technique that needs no change to the guest.
fn full_virtualization_value(m: &mut Msg) {
    let value_of = |name: &str| {
        m.params
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    };
    if m.code == "unknown_value"
        && value_of("value").as_deref() == Some("full")
        && value_of("expected").is_some_and(|e| e.contains("`binary_translation`"))
    {
        m.en = "{shown}; full virtualization (the guest unmodified) is `binary_translation` or `hardware_assist`";
        m.ko = "알 수 없는 값 `{value}`입니다. 전가상화(게스트를 고치지 않음)는 `binary_translation` 또는 `hardware_assist`입니다. 쓸 수 있는 값: {expected}";
    }
}

/// The keys of the formats' tables that are a required text in both languages
/// (`{ en = "...", ko = "..." }`): a scenario question's `text`, an assignment's and a
/// step's `title`, a step's `intro`, a step question's `text`.
const REQUIRED_TEXTS: [&str; 3] = ["title", "intro", "text"];

/// A missing key: in which table, and what it may be.
fn missing_field_where(m: &mut Msg, text: &str, span: &Range<usize>) {
    let value_of = |name: &str| param_of(m, name);
    if m.code == "missing_field" {
        if value_of("field").as_deref() == Some("scenario") && span.start == 0 {
            // The file as a whole lacks its `[scenario]` table (the error points at its
            // start, which may be another table's header: not that table's fault).
            m.en = "the file has no `[scenario]` table (at least `name = \"...\"`; `duration_ms` defaults to 100); a scenario file has one, and `[[platform]]` and `[[instance]]` tables (`[host]` is optional)";
            m.ko = "파일에 `[scenario]` 테이블이 없습니다(최소한 `name = \"...\"`, `duration_ms`의 기본값은 100). 시나리오 파일에는 이 테이블과 `[[platform]]`, `[[instance]]` 테이블이 있어야 합니다(`[host]`는 선택)";
        } else if let (Some(key), Some(other)) = (
            key_before(text, span.start),
            match value_of("field").as_deref() {
                Some("ko") => Some("en"),
                Some("en") => Some("ko"),
                _ => None,
            },
        ) {
            // A text in one language only (`{ en = "..." }`): what to add, and where.
            m.en = "`{key}` has `{other}` but no `{field}`: every text is written in both languages, as each reader sees the one of theirs; add {field} = \"...\" beside {other}: {key} = { en = \"...\", ko = \"...\" }";
            m.ko = "`{key}`에는 `{other}`만 있고 `{field}` 키가 없습니다: 읽는 사람마다 자기 언어의 글을 보므로 모든 글은 두 언어로 씁니다. {other} 옆에 {field} = \"...\"를 더하세요: {key} = { en = \"...\", ko = \"...\" }";
            m.params.push(("key", key.to_string()));
            m.params.push(("other", other.to_string()));
        } else if let Some(key) = key_before(text, span.start) {
            m.en = "{detail} in `{key}`";
            m.ko = "`{key}`에 필수인 `{field}` 키가 없습니다";
            m.params.push(("key", key.to_string()));
        } else if let Some((name, array)) = header_at(text, span.start)
            .filter(|_| (value_of("field").as_deref()).is_some_and(|f| REQUIRED_TEXTS.contains(&f)))
        {
            // A text of a table (an assignment's or a step's `title`, a step's `intro`, a
            // question's `text`): the form it is written in, both languages.
            let table = if array {
                format!("[[{name}]]")
            } else {
                format!("[{name}]")
            };
            m.params.push(("table", table));
            m.en = "{detail} in this `{table}`: add {field} = { en = \"...\", ko = \"...\" }, a text in English and Korean";
            m.ko = "이 `{table}`에 필수인 `{field}` 키가 없습니다: {field} = { en = \"...\", ko = \"...\" }를 더하세요 (영어와 한국어로 쓴 글)";
        } else if let Some((name, true)) = header_at(text, span.start) {
            // A table of an array (the error points at its header): name it, and the
            // values a `kind` may take.
            let field = value_of("field").unwrap_or_default();
            let values = match (name, field.as_str()) {
                ("platform", "kind") => "`native`, `type1`, `type2`, `container`, `vdi`",
                ("question", "kind") | ("step.question", "kind") => "`choice`, `numeric`",
                _ => "",
            };
            m.params.push(("table", format!("[[{name}]]")));
            if (name, field.as_str()) == ("instance", "workload") {
                // What a workload can be: a preset, or a workload the file defines.
                let presets: Vec<String> = crate::workload::PRESET_NAMES
                    .iter()
                    .map(|p| format!("`{p}`"))
                    .collect();
                m.en = "{detail} in this `{table}`: add `workload = ...`, a preset ({values}) or the name of a `[[workload]]` table";
                m.ko = "이 `{table}`에 필수인 `workload` 키가 없습니다: `workload = ...`를 더하세요 (프리셋 {values} 중 하나, 또는 `[[workload]]` 테이블의 이름)";
                m.params.push(("values", presets.join(", ")));
            } else if values.is_empty() {
                m.en = "{detail} in this `{table}`";
                m.ko = "이 `{table}`에 필수인 `{field}` 키가 없습니다";
            } else {
                m.en = "{detail} in this `{table}`: add `{field} = ...`, one of {values}";
                m.ko = "이 `{table}`에 필수인 `{field}` 키가 없습니다: `{field} = ...`를 더하세요 ({values} 중 하나)";
                m.params.push(("values", values.to_string()));
            }
        }
    }
}

/// A number in quotes for a numeric key (`duration_ms = "200"`): to write it without them;
/// with its unit (`"2s"`), told as the same without quotes is ([`number_with_unit`]).
fn quoted_number_with_unit(m: &Msg, text: &str, span: &Range<usize>) -> Option<Msg> {
    if m.code != "invalid_type" {
        return None;
    }
    let detail = param_of(m, "detail")?;
    let (found, wanted) = detail.rsplit_once(", expected ")?;
    if !["u64", "u32", "u16", "u8", "usize", "f64", "f32"].contains(&wanted) {
        return None;
    }
    let quoted = found
        .strip_prefix("invalid type: string \"")?
        .strip_suffix('"')?;
    let number_len = quoted
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+')))
        .unwrap_or(quoted.len());
    let (number, rest) = quoted.split_at(number_len);
    let written = rest.trim_start();
    if number.parse::<f64>().is_err() {
        return None;
    }
    let whole = text.get(span.clone())?;
    if written.is_empty() {
        // Only the quotes are wrong (for a whole number's key, one 0 or more without a
        // point: anything else has the range's message).
        let whole_key = wanted.starts_with('u');
        if whole_key && number.contains(['.', '-']) {
            return None;
        }
        let key = key_before(text, span.start)?;
        return Some(msg!(
            "invalid_type",
            "`{whole}` is text: write the number without quotes, {key} = {number}",
            "`{whole}`은(는) 텍스트입니다: 숫자는 따옴표 없이 쓰세요, {key} = {number}",
            whole = whole,
            key = key,
            number = number
        ));
    }
    if !written.chars().all(|c| c.is_alphabetic() || c == '%') {
        return None;
    }
    let mut m = number_with_unit(whole, number, written, key_before(text, span.start));
    // Read as text, not as a syntax error: the code of a value of the wrong type.
    m.code = "invalid_type";
    Some(m)
}

/// A number of the wrong type or size: the field's range (or at least its key) and, for a
/// decimal, examples, never serde's "expected f64".
fn number_of_wrong_type(
    m: &Msg,
    text: &str,
    span: &Range<usize>,
    range_at: &impl Fn(Range<usize>, u64) -> FieldRange,
) -> Option<(Range<usize>, Msg)> {
    let detail = m
        .params
        .iter()
        .find(|(k, _)| *k == "detail")
        .map(|(_, d)| d.clone())
        .unwrap_or_default();
    let expected = |types: &[&str]| {
        types
            .iter()
            .any(|t| detail.ends_with(&format!("expected {t}")))
    };
    let whole = expected(&["u64", "u32", "u16", "u8", "usize"]);
    let decimal = expected(&["f64", "f32"]);
    if m.code == "invalid_type" && (whole || decimal) {
        // The probe: a number above every range that the field's type holds (the
        // largest of a u8 or u16, else of a u32), so that the checks, not the reader, see it.
        let probe = match detail.rsplit_once("expected ").map(|(_, t)| t) {
            Some("u8") => u64::from(u8::MAX),
            Some("u16") => u64::from(u16::MAX),
            _ => u64::from(u32::MAX),
        };
        let probed = range_at(span.clone(), probe);
        let range = probed.known();
        // Said: the checks' words hold for a whole number in its place, not for a decimal.
        let unknown = matches!(probed, FieldRange::Unknown | FieldRange::Said { .. });
        // A whole number where one is wanted, only outside the range the field's type
        // holds (`-2` for a count, 2^32 for a u32): its type is right, its size is not.
        // So is a whole number beyond what the reader holds (past 2^63: "invalid type:
        // integer"), for a whole or a decimal field alike.
        let integer = detail
            .strip_prefix("invalid value: integer `")
            .or_else(|| detail.strip_prefix("invalid type: integer `"))
            .and_then(|rest| rest.split_once('`'))
            .map(|(got, _)| got.to_string());
        if let (true, Some(got)) = (whole || decimal, integer) {
            let negative = got.starts_with('-');
            if let Some((field, min, max)) = &range {
                return Some((span.clone(), out_of_range(field, min, max, &got, &detail)));
            }
            if let Some(m) = probed.said_of(&got, &detail) {
                return Some((span.clone(), m));
            }
            if let (true, false, true, Some(key)) =
                (whole, negative, unknown, key_before(text, span.start))
            {
                // Its range not found (another mistake kept the checks from it): not the
                // range of the reader's type (0 to 4294967295), which is no field's.
                return Some((
                    span.clone(),
                    msg!(
                        "out_of_range",
                        "{got} is too large for {field}; the checks could not reach its range here: write a smaller whole number and validate again to see it",
                        "{got}은(는) {field}에 쓰기에 너무 큽니다. 여기서는 검사가 범위에 이르지 못했습니다: 더 작은 정수를 쓰고 다시 검사하면 범위가 나옵니다",
                        field = key,
                        got = got,
                        detail = detail
                    ),
                ));
            }
            if let (true, Some(key)) = (whole, key_before(text, span.start)) {
                // No range of its own to quote (`seed`): 0 or more, up to what the type holds.
                let type_max = match detail.rsplit_once("expected ").map(|(_, t)| t) {
                    Some("u8") => u64::from(u8::MAX),
                    Some("u16") => u64::from(u16::MAX),
                    Some("u32") => u64::from(u32::MAX),
                    _ => u64::MAX,
                };
                let (en, ko) = if negative {
                    (
                        "{field} must be 0 or more; got {got}",
                        "{field} 값은 0 이상이어야 합니다. 입력값: {got}",
                    )
                } else {
                    (
                        "{field} must be between 0 and {max}; got {got}",
                        "{field} 값은 0에서 {max} 사이여야 합니다. 입력값: {got}",
                    )
                };
                return Some((
                    span.clone(),
                    Msg {
                        code: "out_of_range",
                        en,
                        ko,
                        params: vec![
                            ("field", key.to_string()),
                            ("max", type_max.to_string()),
                            ("got", got),
                            ("detail", detail.clone()),
                        ],
                    },
                ));
            }
        }
        if let (true, Some((field, min, max))) = (whole, &range) {
            return Some((
                span.clone(),
                msg!(
                    "invalid_type",
                    "{found}; {field} takes a whole number from {min} to {max}",
                    "값의 형식이 맞지 않습니다: {got_ko}. {field}에는 {min}에서 {max} 사이의 정수를 쓰세요",
                    got_ko = found_ko(&detail),
                    found = detail
                        .rsplit_once(", expected ")
                        .map_or(detail.as_str(), |(found, _)| found),
                    field = field,
                    min = min,
                    max = max
                ),
            ));
        }
        if let (true, true, Some(key)) = (whole, unknown, key_before(text, span.start)) {
            // Its range not found (another mistake kept the checks from it): name the key
            // and say what the type is, not a range it may not have.
            return Some((
                span.clone(),
                msg!(
                    "invalid_type",
                    "{found}; {field} takes a whole number, without a decimal point (write one and validate again to see its range)",
                    "값의 형식이 맞지 않습니다: {got_ko}. {field}에는 소수점 없는 정수를 쓰세요 (정수로 고치고 다시 검사하면 범위가 나옵니다)",
                    got_ko = found_ko(&detail),
                    found = detail
                        .rsplit_once(", expected ")
                        .map_or(detail.as_str(), |(found, _)| found),
                    field = key
                ),
            ));
        }
        if let (true, Some(key)) = (whole, key_before(text, span.start)) {
            // A whole number with no range of its own to quote (`seed`): name the key.
            return Some((
                span.clone(),
                msg!(
                    "invalid_type",
                    "{found}; {field} takes a whole number, 0 or more",
                    "값의 형식이 맞지 않습니다: {got_ko}. {field}에는 0 이상의 정수를 쓰세요",
                    got_ko = found_ko(&detail),
                    found = detail
                        .rsplit_once(", expected ")
                        .map_or(detail.as_str(), |(found, _)| found),
                    field = key
                ),
            ));
        }
        if decimal {
            // What was found, without serde's "expected f64" (a Rust type, not a word
            // of the scenario format).
            let found = detail
                .rsplit_once(", expected ")
                .map_or(detail.as_str(), |(f, _)| f);
            let got_ko = found_ko(&detail);
            if let Some((field, min, max)) = range {
                // Examples inside the range: 4 and 0.5 where they fit, else the minimum.
                let (lo, hi) = (min.parse::<f64>(), max.parse::<f64>());
                let fits = |x: f64| matches!((&lo, &hi), (Ok(lo), Ok(hi)) if *lo <= x && x <= *hi);
                let examples: Vec<&str> = [(4.0, "4"), (0.5, "0.5")]
                    .into_iter()
                    .filter(|(x, _)| fits(*x))
                    .map(|(_, s)| s)
                    .collect();
                let (examples, examples_ko) = match examples[..] {
                    [] => (min.clone(), min.clone()),
                    [one] => (one.to_string(), one.to_string()),
                    _ => ("4 or 0.5".to_string(), "4 또는 0.5".to_string()),
                };
                return Some((
                    span.clone(),
                    msg!(
                        "invalid_type",
                        "{found}; {field} takes a number from {min} to {max}, such as {examples} (without quotes or units)",
                        "값의 형식이 맞지 않습니다: {got_ko}. {field}에는 {min}에서 {max} 사이의 숫자를 쓰세요 (예: {examples_ko}, 따옴표와 단위 없이)",
                        found = found,
                        got_ko = got_ko,
                        field = field,
                        min = min,
                        max = max,
                        examples = examples,
                        examples_ko = examples_ko
                    ),
                ));
            }
            if let Some(key) = key_before(text, span.start) {
                return Some((
                    span.clone(),
                    msg!(
                        "invalid_type",
                        "{found}; {field} takes a number, such as 4 or 0.5 (without quotes or units)",
                        "값의 형식이 맞지 않습니다: {got_ko}. {field}에는 4나 0.5 같은 숫자를 쓰세요 (따옴표와 단위 없이)",
                        found = found,
                        got_ko = got_ko,
                        field = key
                    ),
                ));
            }
            return Some((
                span.clone(),
                msg!(
                    "invalid_type",
                    "{found}; write a number, such as 4 or 0.5 (without quotes or units)",
                    "값의 형식이 맞지 않습니다: {got_ko}. 4나 0.5 같은 숫자를 쓰세요 (따옴표와 단위 없이)",
                    found = found,
                    got_ko = got_ko
                ),
            ));
        }
    }
    None
}

/// A control character (other than a tab) written as it is inside a string or a comment,
/// where TOML allows none: the parser's error points at it and says only which characters
/// it expected there.
pub(super) fn control_character(text: &str, at: usize, message: &str) -> Option<Msg> {
    let c = text.get(at..)?.chars().next()?;
    if !c.is_control() || matches!(c, '\t' | '\n') {
        return None;
    }
    let code = crate::text::code_point(c);
    let escape = format!("\\u{:04X}", c as u32);
    Some(if message.starts_with("invalid comment character") {
        msg!(
            "control_character",
            "control character {code} is not allowed in a comment; remove it",
            "주석에는 제어 문자 {code}을(를) 쓸 수 없습니다. 지우세요",
            code = code
        )
    } else if message.starts_with("invalid basic string")
        || message.starts_with("invalid multi-line basic string")
    {
        msg!(
            "control_character",
            "control character {code} is not allowed in a string; write {escape}",
            "문자열에는 제어 문자 {code}을(를) 그대로 쓸 수 없습니다. {escape}(으)로 쓰세요",
            code = code,
            escape = escape
        )
    } else if message.starts_with("invalid literal string")
        || message.starts_with("invalid multi-line literal string")
    {
        // 'Literal' strings read no escapes: the text goes in double quotes to hold one.
        msg!(
            "control_character",
            "control character {code} is not allowed in a string; write it as {escape} in a \"...\" string (a '...' string reads no escapes), or remove it",
            "문자열에는 제어 문자 {code}을(를) 그대로 쓸 수 없습니다. \"...\" 문자열 안에 {escape}(으)로 쓰거나('...' 문자열은 이스케이프를 읽지 않습니다) 지우세요",
            code = code,
            escape = escape
        )
    } else {
        return None;
    })
}

/// What a look-alike or invisible character is, in English and Korean, and what to type
/// instead (English, Korean): a character that word processors and input methods put
/// where TOML wants another (a typographic quote for `"`, a full-width `＝` for `=`, a
/// non-breaking space for a space) or that shows nothing at all.
fn lookalike(c: char) -> Option<(String, String, String, String)> {
    let s = |en: &str, ko: &str, en_do: &str, ko_do: &str| {
        Some((
            en.to_string(),
            ko.to_string(),
            en_do.to_string(),
            ko_do.to_string(),
        ))
    };
    let space = "type an ordinary space instead, or remove it";
    let space_ko = "일반 공백으로 바꾸거나 지우세요";
    match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{FF02}' => s(
            "a typographic quote",
            "인쇄용 따옴표",
            "is not a TOML quote: type \" instead",
            "은(는) TOML의 따옴표가 아닙니다: 대신 큰따옴표(\")를 입력하세요",
        ),
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{FF07}' => s(
            "a typographic single quote",
            "인쇄용 작은따옴표",
            "is not a TOML quote: type \" (or ') instead",
            "은(는) TOML의 따옴표가 아닙니다: 대신 큰따옴표(\")나 작은따옴표(')를 입력하세요",
        ),
        '\u{00A0}' | '\u{202F}' => s(
            "a non-breaking space",
            "줄바꿈 없는 공백",
            &format!("is not a space TOML reads: {space}"),
            &format!("은(는) TOML이 읽는 공백이 아닙니다: {space_ko}"),
        ),
        '\u{3000}' => s(
            "an ideographic (full-width) space",
            "전각 공백",
            &format!("is not a space TOML reads: {space}"),
            &format!("은(는) TOML이 읽는 공백이 아닙니다: {space_ko}"),
        ),
        '\u{2000}'..='\u{200A}' | '\u{205F}' | '\u{1680}' => s(
            "a typographic space",
            "인쇄용 공백",
            &format!("is not a space TOML reads: {space}"),
            &format!("은(는) TOML이 읽는 공백이 아닙니다: {space_ko}"),
        ),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => s(
            match c {
                '\u{2013}' => "an en dash",
                '\u{2014}' => "an em dash",
                '\u{2212}' => "a typographic minus sign",
                _ => "a typographic dash",
            },
            match c {
                '\u{2013}' => "엔 대시",
                '\u{2014}' => "엠 대시",
                '\u{2212}' => "인쇄용 마이너스 기호",
                _ => "인쇄용 대시",
            },
            "is not TOML's minus sign or hyphen: type - (the hyphen-minus key) instead",
            "은(는) TOML의 마이너스 부호나 하이픈이 아닙니다: 대신 -(하이픈 키)를 입력하세요",
        ),
        '\u{FF01}'..='\u{FF5E}' => {
            let ascii = char::from_u32(c as u32 - 0xFF01 + 0x21)?;
            s(
                &format!("a full-width `{ascii}`"),
                &format!("전각 `{ascii}`"),
                &format!("is not TOML's `{ascii}`: type `{ascii}` instead (the input method in half-width or English mode)"),
                &format!("은(는) TOML 문법의 `{ascii}` 문자가 아닙니다: 입력기를 반각(영문) 모드로 두고 `{ascii}` 문자를 입력하세요"),
            )
        }
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => s(
            match c {
                '\u{200B}' => "an invisible zero-width space",
                '\u{200C}' => "an invisible zero-width non-joiner",
                '\u{200D}' => "an invisible zero-width joiner",
                '\u{2060}' => "an invisible word joiner",
                _ => "an invisible byte-order mark",
            },
            match c {
                '\u{200B}' => "보이지 않는 폭 없는 공백",
                '\u{200C}' => "보이지 않는 폭 없는 비결합자",
                '\u{200D}' => "보이지 않는 폭 없는 결합자",
                '\u{2060}' => "보이지 않는 단어 결합자",
                _ => "보이지 않는 바이트 순서 표시 BOM",
            },
            if c == '\u{FEFF}' {
                "is here, where only a file's first character may be one: remove it"
            } else {
                "is here: remove it"
            },
            if c == '\u{FEFF}' {
                "이(가) 있습니다. BOM은 파일의 첫 문자로만 쓸 수 있습니다: 지우세요"
            } else {
                "이(가) 있습니다: 지우세요"
            },
        ),
        c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => s(
            "an invisible control character",
            "보이지 않는 제어 문자",
            "is here, where TOML allows none: remove it",
            "이(가) 있습니다. TOML은 이 자리에 제어 문자를 받지 않습니다: 지우세요",
        ),
        _ => None,
    }
}

/// A look-alike or invisible character ([`lookalike`]) where the reader stopped (at the
/// error's start, or inside what it points at): named, with its code point, and what to
/// type instead, as the bidirectional controls' message does (`bidi_control_error`).
fn lookalike_character(
    text: &str,
    span: &Range<usize>,
    message: &str,
) -> Option<(Range<usize>, Msg)> {
    // A syntax error only: a value read (a quoted name, a text) may hold any character.
    let read = [
        "invalid type",
        "invalid value",
        "invalid length",
        "unknown ",
        "missing field",
    ];
    if read.iter().any(|r| message.starts_with(r)) {
        return None;
    }
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    let within = text.get(start..end)?;
    let first = text.get(start..)?.chars().next();
    let (at, c) = first
        .filter(|c| lookalike(*c).is_some())
        .map(|c| (start, c))
        .or_else(|| {
            (within.char_indices())
                .find(|(_, c)| lookalike(*c).is_some())
                .map(|(i, c)| (start + i, c))
        })?;
    let (what, what_ko, todo, todo_ko) = lookalike(c)?;
    let code = crate::text::code_point(c);
    let shown = !(c.is_control()
        || c.is_whitespace()
        || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'));
    let m = if shown {
        msg!(
            "lookalike_character",
            "`{ch}` ({code}, {what}) {todo}",
            "`{ch}`({code}, {what_ko}) 문자{todo_ko}",
            ch = c,
            code = code,
            what = what,
            what_ko = what_ko,
            todo = todo,
            todo_ko = todo_ko
        )
    } else {
        msg!(
            "lookalike_character",
            "{what} ({code}) {todo}",
            "{what_ko}({code}){todo_ko}",
            code = code,
            what = what,
            what_ko = what_ko,
            todo = todo,
            todo_ko = todo_ko
        )
    };
    // A control character is one of `control_character`'s (in a string or a comment).
    let m = Msg {
        code: if c.is_control() {
            "control_character"
        } else {
            m.code
        },
        ..m
    };
    Some((at..at + c.len_utf8(), m))
}

/// Another format's way of writing what TOML writes otherwise, where the reader stopped: a
/// decimal comma (`clock_ghz = 2,5`: TOML's decimals have a point) and YAML's or JSON's
/// `key: value` (TOML's is `key = value`).
fn other_format_syntax(
    text: &str,
    span: &Range<usize>,
    message: &str,
) -> Option<(Range<usize>, Msg)> {
    let at = span.start.min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let (before, after) = (&text[line_start..at], &text[at..line_end]);
    if message.starts_with("unexpected key or value") && after.starts_with(',') {
        // `= 2,5`: the digits on both sides of the comma, after `=`.
        let whole = before.rsplit('=').next()?.trim_start();
        let fraction: String = after[1..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let whole_digits = whole.trim_start_matches(['-', '+']);
        if before.contains('=')
            && !whole_digits.is_empty()
            && whole_digits.chars().all(|c| c.is_ascii_digit())
            && !fraction.is_empty()
        {
            return Some((
                at..at + 1,
                msg!(
                    "syntax",
                    "a decimal number is written with a point, not a comma: write {point}, not {comma}",
                    "소수는 쉼표가 아니라 점으로 씁니다: {comma} 대신 {point}(으)로 쓰세요",
                    point = format!("{whole}.{fraction}"),
                    comma = format!("{whole},{fraction}")
                ),
            ));
        }
    }
    if after.starts_with(':') && !before.contains('=') {
        // `cores: 4` or `"cores": 4`: a key, a colon, a value.
        let key = before.trim();
        let bare = key.trim_matches('"');
        let key_ok = !bare.is_empty()
            && bare
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
        let value = after[1..].split('#').next().unwrap_or("").trim();
        if key_ok && !value.is_empty() {
            return Some((
                at..at + 1,
                msg!(
                    "syntax",
                    "TOML writes key = value, not key: value: write {bare} = {value}",
                    "TOML에서는 `키: 값`이 아니라 `키 = 값`으로 씁니다: {bare} = {value}",
                    bare = bare,
                    value = value
                ),
            ));
        }
    }
    None
}

/// A multi-line string never closed: its opening's byte offset and its delimiter.
type OpenString = (usize, &'static str);

/// What is open at byte `upto` of `text`: the arrays and inline tables (their opening
/// brackets' offsets and brackets, innermost last), and a multi-line string opened before
/// `upto` that is never closed (its opening's offset and delimiter). Comments, strings and
/// table headers are skipped.
fn open_at(text: &str, upto: usize) -> (Vec<(usize, u8)>, Option<OpenString>) {
    let bytes = text.as_bytes();
    let mut stack: Vec<(usize, u8)> = Vec::new();
    let mut i = 0;
    let mut line_start = 0;
    while i < bytes.len() && i < upto {
        let rest = &bytes[i..];
        match bytes[i] {
            b'\n' => {
                line_start = i + 1;
                i += 1;
            }
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' | b'\'' if rest.starts_with(b"\"\"\"") || rest.starts_with(b"'''") => {
                let (delimiter, basic) = if bytes[i] == b'"' {
                    ("\"\"\"", true)
                } else {
                    ("'''", false)
                };
                let mut j = i + 3;
                loop {
                    if j >= bytes.len() {
                        return (stack, Some((i, delimiter)));
                    }
                    if basic && bytes[j] == b'\\' {
                        j += 2;
                        continue;
                    }
                    if bytes[j..].starts_with(delimiter.as_bytes()) {
                        j += 3;
                        // Up to two more quotes before the delimiter are text: `""""`.
                        for _ in 0..2 {
                            if bytes.get(j) == Some(&bytes[i]) {
                                j += 1;
                            }
                        }
                        break;
                    }
                    j += 1;
                }
                i = j;
            }
            quote @ (b'"' | b'\'') => {
                i += 1;
                while i < bytes.len() && bytes[i] != quote && bytes[i] != b'\n' {
                    i += if quote == b'"' && bytes[i] == b'\\' {
                        2
                    } else {
                        1
                    };
                }
                if bytes.get(i) == Some(&quote) {
                    i += 1;
                }
            }
            b'[' if stack.is_empty()
                && text.get(line_start..i).is_some_and(|l| l.trim().is_empty()) =>
            {
                // A table header: to the end of its line.
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            open @ (b'[' | b'{') => {
                stack.push((i, open));
                i += 1;
            }
            close @ (b']' | b'}') => {
                if stack.last().is_some_and(|(_, open)| *open == close - 2) {
                    stack.pop();
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    (stack, None)
}

/// A multi-line string, an array or an inline table never closed: the reader stops where
/// the file ends or where the next line's key or table header stands, far from the cause;
/// the error is put at the opening quotes or bracket, saying it is never closed.
fn never_closed(text: &str, span: &Range<usize>, message: &str) -> Option<(Range<usize>, Msg)> {
    let at = span.start.min(text.len());
    let (stack, string) = open_at(text, at);
    if let Some((open, delimiter)) = string {
        return Some((
            open..open + 3,
            msg!(
                "syntax",
                "this {delimiter} string is never closed: it runs on to the end of the file; end it with {delimiter}",
                "이 {delimiter} 문자열은 닫히지 않아 파일 끝까지 이어집니다: {delimiter}로 끝내세요",
                delimiter = delimiter
            ),
        ));
    }
    const CAUSED: &[&str] = &[
        "unclosed array",
        "unclosed inline table",
        "missing comma between array elements",
        "missing comma between key-value pairs",
        "missing key for inline table element",
    ];
    if !CAUSED.iter().any(|c| message.starts_with(c)) {
        return None;
    }
    let &(open, bracket) = stack.last()?;
    // Only when the reader went on to the end of the file, or past the line the bracket
    // opened on to a line that starts a key or a table (not a value of a multi-line array).
    let line = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let at_end = at >= text.trim_end().len();
    if open >= line && !at_end {
        return None;
    }
    let before = &text[line..at];
    let rest = text[at..].split('\n').next().unwrap_or("");
    let starts_entry = rest.starts_with('[')
        || rest.split_once('=').is_some_and(|(key, _)| {
            let key = key.trim();
            !key.is_empty()
                && key.chars().all(|c| {
                    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | '\'' | ' ')
                })
        });
    if !(at_end || (before.trim().is_empty() && starts_entry)) {
        return None;
    }
    let key = key_before(text, open).unwrap_or("");
    let m = if bracket == b'{' {
        msg!(
            "syntax",
            "this `{` of `{key}` is never closed: end the inline table with `}`",
            "`{key}`의 이 여는 중괄호 `{`에 짝이 되는 `}`가 없습니다: 인라인 테이블 끝에 `}`를 쓰세요",
            key = key
        )
    } else {
        msg!(
            "syntax",
            "this `[` of `{key}` is never closed: end the array with `]`",
            "`{key}`의 이 여는 대괄호 `[`에 짝이 되는 `]`가 없습니다: 배열 끝에 `]`를 쓰세요",
            key = key
        )
    };
    Some((open..open + 1, m))
}
