//! Characters TOML cannot take where they stand: control characters, look-alikes of
//! ASCII punctuation (curly quotes, full-width signs), another format's syntax (JSON,
//! YAML) and strings or brackets never closed.

use super::super::*;
use super::places::{key_before, open_at};

/// A control character (other than a tab) written as it is inside a string or a comment,
/// where TOML allows none: the parser's error points at it and says only which characters
/// it expected there.
pub(crate) fn control_character(text: &str, at: usize, message: &str) -> Option<Msg> {
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
pub(crate) fn lookalike(c: char) -> Option<(String, String, String, String)> {
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
pub(crate) fn lookalike_character(
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
pub(crate) fn other_format_syntax(
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
            // `1,024` or `20,000,000`: groups of three digits after a comma are thousands
            // grouped, not a decimal (TOML groups digits with `_`, if at all).
            let groups = thousands_groups(&after[1..]);
            if whole_digits.len() <= 3 && !groups.is_empty() {
                let key = before[..before.rfind('=')?].trim();
                let key = key.rsplit('.').next().unwrap_or(key).trim_matches('"');
                let typed = format!("{whole},{}", groups.join(","));
                let plain = format!("{whole}{}", groups.concat());
                let underscored = format!("{whole}_{}", groups.join("_"));
                let m = if DECIMAL_KEYS.contains(&key) {
                    msg!(
                        "syntax",
                        "TOML does not group digits with commas, and its decimals have a point: write {plain} (or {underscored}) for thousands, {point} for a decimal, not {typed}",
                        "TOML은 숫자를 쉼표로 묶지 않고 소수는 점으로 씁니다: {typed} 대신 천 단위라면 {plain}(또는 {underscored}), 소수라면 {point}(으)로 쓰세요",
                        plain = plain,
                        underscored = underscored,
                        point = format!("{whole}.{fraction}"),
                        typed = typed
                    )
                } else {
                    msg!(
                        "syntax",
                        "digits are not grouped with commas in TOML: write {plain} (or {underscored}), not {typed}",
                        "TOML에서는 숫자를 쉼표로 묶지 않습니다: {typed} 대신 {plain}(으)로 쓰세요(묶으려면 {underscored})",
                        plain = plain,
                        underscored = underscored,
                        typed = typed
                    )
                };
                return Some((at..at + 1, m));
            }
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
        // JSON's `"name": "web",`: its comma is not TOML's either.
        let value = value.strip_suffix(',').map_or(value, str::trim_end);
        // A value TOML reads (a number, true, a text in quotes, an array, an inline table)
        // as written; any other (`name: hello world`, YAML's unquoted text) in quotes, so
        // that the line suggested is one TOML reads.
        let reads = toml::from_str::<toml::Table>(&format!("x = {value}")).is_ok();
        let value = if reads {
            value.to_string()
        } else if value.starts_with(['[', '{']) {
            // An array or table TOML does not read (`[a, b]`): not made text, not shown.
            "...".to_string()
        } else {
            format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
        };
        if key_ok && value != "\"\"" {
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

/// A multi-line string, an array or an inline table never closed: the reader stops where
/// the file ends or where the next line's key or table header stands, far from the cause;
/// the error is put at the opening quotes or bracket, saying it is never closed.
pub(crate) fn never_closed(
    text: &str,
    span: &Range<usize>,
    message: &str,
) -> Option<(Range<usize>, Msg)> {
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

/// The scenario keys whose values are decimals (`f64` in the format), where `1,024` may be a
/// decimal comma as well as grouped thousands; every other number key is an integer.
const DECIMAL_KEYS: &[&str] = &[
    "clock_ghz",
    "memory_gib",
    "rtt_ms",
    "client_bandwidth_mbit_s",
    "loss_percent",
    "frame_rate",
    "link_gbit_s",
    "max_downtime_ms",
    "p99_target_us",
    "tolerance_percent",
];

/// The groups of exactly three digits in `rest` (the text after a number's first comma), each
/// group ended by another comma or by the end of the number; empty when any group has another
/// length, as in a decimal comma (`2,5`).
fn thousands_groups(rest: &str) -> Vec<&str> {
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ','))
        .unwrap_or(rest.len());
    let groups: Vec<&str> = rest[..end].split(',').collect();
    if groups.iter().all(|g| g.len() == 3) {
        groups
    } else {
        Vec::new()
    }
}
