//! The TOML parser's and serde's messages made the file format's: a code and parameters
//! for each kind (unknown key or value, missing key, wrong type, syntax), the place they
//! point at, and a Korean rendering.
//!
//! This file reads the message and picks the rewording (`parser_error`, `parser_msg`, a
//! number of the wrong type or too large, a value where a list or table belongs); the
//! rewordings live by what they are about: `hints.rs` (a mistake said as what it is: a
//! bracket too many, a misspelt table, a key twice or without a value), `characters.rs`
//! (control characters, look-alikes, another format's syntax, what was never closed),
//! `units.rs` (numbers written with units), `korean.rs` (the parser's and serde's words in
//! Korean) and `places.rs` (reading the file's text around the error). They import each
//! other in that order, from this file down to `places.rs`.

use super::*;

mod characters;
mod hints;
mod korean;
mod places;
mod units;

// Also what the error module's tests call (they read `use parser::*`).
pub(super) use characters::{
    control_character, lookalike_character, never_closed, other_format_syntax,
};
pub(super) use hints::{
    answer_written, bracket_slip, duplicate_key, full_virtualization_value, guess_meant_name,
    key_in_other_unit, korean_key, missing_field_where, missing_value, misspelt_table,
    unknown_cost_key, unknown_key_home, value_without_quotes,
};
pub(crate) use korean::CHOICE_EXPECTED;
pub(super) use korean::{datetime_found, expected_ko, found_ko, syntax_ko, tidy_found};
pub(super) use places::key_before;
use places::key_path;
pub(super) use units::quoted_number_with_unit;
pub(crate) use units::{unit_display, unit_scale};

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
                ". 0 이상의 정수를 쓰세요 (필드의 문서에 적힌 범위가 적용됩니다)",
            ),
            Some("i64" | "i32") => ("; write a whole number", ". 정수를 쓰세요"),
            Some("f64" | "f32") => ("; write a number", ". 숫자를 쓰세요"),
            Some("a boolean") => ("; write true or false", ". true 또는 false를 쓰세요"),
            Some("a string") => ("; write text in quotes", ". 따옴표 안에 텍스트를 쓰세요"),
            Some(t)
                if t.starts_with("one of `") && detail.starts_with("invalid type: sequence") =>
            {
                ("; write one of them in quotes, without brackets", "")
            }
            Some(t) if t.starts_with("one of `") => ("; write it in quotes", ""),
            _ => ("", ""),
        };
        // What serde expected, when the English says it only there. In Korean a sentence of
        // its own, not after a `;` (a reviewer).
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
                ". 쓸 수 있는 값 중 하나를 따옴표 안에 쓰세요{brackets}: {}",
                korean_alternatives(values)
            )
        } else if let Some(form) = expected.strip_prefix("a text in both languages: ") {
            // A text field given one string: the form it takes, said as a form.
            format!(". 이 값은 두 언어의 텍스트이므로 {form} 형식으로 쓰세요")
        } else {
            format!(". 필요한 값: {}", expected_ko(expected))
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

/// A value outside its field's range, as the validator words it, with its unit when the
/// validator says one (a cost's `cycles`, as for a cost too large; `detail` keeps what the
/// parser said).
fn out_of_range(
    (prefix, prefix_ko): (&str, &str),
    (field, min, max, unit): (&str, &str, &str, Option<&str>),
    got: &str,
    detail: &str,
) -> Msg {
    let mut m = msg!(
        "out_of_range",
        "{prefix}{field} must be between {min} and {max}; got {got}",
        "{prefix_ko}{field} 값은 {min}에서 {max} 사이여야 합니다. 입력값: {got}",
        prefix = prefix,
        prefix_ko = prefix_ko,
        field = field,
        min = min,
        max = max,
        got = got,
        detail = detail
    );
    if let Some(unit) = unit {
        m.en = "{prefix}{field} must be between {min} and {max} {unit}; got {got}";
        m.ko = "{prefix_ko}{field} 값은 {min}에서 {max} {unit} 사이여야 합니다. 입력값: {got}";
        m.params.push(("unit", unit.to_string()));
    }
    m
}

/// What the checks say of a field's range, for a number of the wrong type written in it
/// (found by validating the file with a number above every range in its place).
pub(crate) enum FieldRange {
    /// The field's name and its range, as the validator words them, and what its message
    /// says before the name, in English and Korean (`instance `web`: `; often nothing),
    /// and the unit after the range when the checks say one (a cost's `cycles`).
    Known(String, String, String, (String, String), Option<String>),
    /// The checks set no range (`seed`): any number its type holds.
    NoneWritten,
    /// Not found: another mistake in the file kept the checks from reaching the field.
    Unknown,
    /// The checks' own words for the probe, when they word the range otherwise than
    /// "`field` must be between `min` and `max`" (a sweep's counts, a pin's pCPUs, an
    /// assignment's points): the error's code and its message in English and Korean (its
    /// particles not yet chosen), with `probe` (the number put in the value's place) to be
    /// replaced by the number written.
    Said {
        code: &'static str,
        en: String,
        ko: String,
        probe: String,
    },
}

impl FieldRange {
    /// The field's name and range, when known.
    fn known(&self) -> Option<(String, String, String, Option<String>)> {
        match self {
            Self::Known(field, min, max, _, unit) => {
                Some((field.clone(), min.clone(), max.clone(), unit.clone()))
            }
            Self::NoneWritten | Self::Unknown | Self::Said { .. } => None,
        }
    }

    /// What the checks' message of a known range says before the field's name (English,
    /// Korean): the instance or workload it is in.
    fn prefix(&self) -> (&str, &str) {
        match self {
            Self::Known(_, _, _, (en, ko), _) => (en, ko),
            _ => ("", ""),
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
            // The probe as the message quotes it: grouped beside a bound ("got 4,294,967,295").
            let grouped = crate::text::grouped(probe);
            (errors.iter().filter(inside).filter(checks))
                .find(|e| e.message.contains(probe) || e.message.contains(&grouped))
        }) {
            Some(e) => FieldRange::Said {
                code: e.code,
                en: e.message.clone(),
                ko: e.ko_unresolved(),
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
        // The probe grouped where the checks group the number written (beside a bound),
        // as written elsewhere.
        let (grouped_probe, grouped_got) = (crate::text::grouped(probe), crate::text::grouped(got));
        let with_got = |said: &str| {
            said.replace(grouped_probe.as_str(), &grouped_got)
                .replace(probe.as_str(), got)
        };
        Some(Msg {
            code,
            en: "{said}",
            ko: "{said_ko}",
            params: vec![
                ("said", with_got(en)),
                // The particles after the number written, not the probe's.
                ("said_ko", crate::text::particles(&with_got(ko))),
                ("got", got.to_string()),
                ("detail", detail.to_string()),
            ],
        })
    }
}

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

/// The error of a file the TOML reader refused (`message` at `span`), told in the
/// scenario writer's terms: [`parser_msg`], with the key named where the reader's message
/// does not (a duplicate key, a missing field of an inline table), for a whole number of
/// the wrong type or sign the field's range when `range_at` finds it (validating the text
/// with the number it is given in the value's place), and for a decimal
/// number of the wrong type the field's range (or at least its key) and examples, never
/// serde's "expected f64". `range_at` is a `dyn` closure so that this is compiled once, not
/// once for the scenario's reading and once for the assignment's (13 KB of the page's wasm).
pub(crate) fn parser_error(
    file: &str,
    text: &str,
    span: Range<usize>,
    message: String,
    range_at: &dyn Fn(Range<usize>, u64) -> FieldRange,
) -> ScenarioError {
    let v = Validator::unparsed(file, text);
    let message = datetime_found(text, &span, tidy_found(&shorten_quoted(&message)));
    // What the reader's message alone tells: the writer's mistake, where it is.
    let told = control_character(text, span.start, &message)
        .map(|m| (span.clone(), m))
        .or_else(|| lookalike_character(text, &span, &message))
        .or_else(|| other_format_syntax(text, &span, &message))
        .or_else(|| never_closed(text, &span, &message))
        .or_else(|| too_large_number(text, &span, &message, range_at))
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
    if let Some((at, m)) = number_of_wrong_type(&m, text, &span, range_at) {
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
        let example = list_example(key, written).unwrap_or_else(|| "...".to_string());
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

/// The items of an array key: `'n'` whole numbers, `'s'` texts (`None`: not known here).
fn list_items(key: &str) -> Option<char> {
    match key {
        "pin" | "counts" => Some('n'),
        "platforms" | "enlightenments" | "overcommit" | "scenario_questions" => Some('s'),
        _ => None,
    }
}

/// The array that `written` (one value where `key`'s array belongs) was meant to be: a
/// text split at its commas and spaces into the items (`"p1, p2"`: `"p1", "p2"`; `"0,1"`
/// for pin: `0, 1`), a whole number for a list of them. `None` when the brackets alone
/// would not make it one of the key's arrays (`pin = true`, `pin = 1.5`).
fn list_example(key: &str, written: &str) -> Option<String> {
    let kind = list_items(key);
    let quoted = (written.len() >= 2)
        .then(|| {
            let inner = written.get(1..written.len() - 1)?;
            let quote = written.chars().next()?;
            (matches!(quote, '"' | '\'') && written.ends_with(quote)).then_some(inner)
        })
        .flatten();
    let whole = |item: &str| item.parse::<u32>().is_ok() && !item.starts_with('+');
    let Some(inner) = quoted else {
        // A value written bare: a whole number is one item of a list of them.
        let fits = match kind {
            Some('n') => whole(written),
            Some(_) => false,
            None => whole(written),
        };
        return fits.then(|| written.to_string());
    };
    if inner.contains(['"', '\'', '\\', '\n']) {
        return None;
    }
    let items: Vec<&str> = (inner.split(|c: char| c == ',' || c.is_whitespace()))
        .filter(|item| !item.is_empty())
        .collect();
    if items.is_empty() {
        return None;
    }
    match kind {
        Some('n') => items.iter().all(|i| whole(i)).then(|| items.join(", ")),
        Some(_) => Some(
            (items.iter().map(|i| format!("\"{i}\"")))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        // Another array's items: only one text, kept as it is.
        None => (items.len() == 1 && items[0] == inner).then(|| written.to_string()),
    }
}

/// A number too large for the reader (past 2^128, or a decimal past about 1.8e308, which
/// toml reads as infinity): the field's range, as for any value outside it.
fn too_large_number(
    text: &str,
    span: &Range<usize>,
    message: &str,
    range_at: &dyn Fn(Range<usize>, u64) -> FieldRange,
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
    if let Some((field, min, max, unit)) = probed.known() {
        let range = (field.as_str(), min.as_str(), max.as_str(), unit.as_deref());
        return Some((
            span.clone(),
            out_of_range(probed.prefix(), range, &got, message),
        ));
    }
    // What the checks said of the probe, only when it speaks of the number's size (it
    // quotes the probe): a check that the key does not apply here (`host_background_percent`
    // on a type-1 platform, `dom0_vcpus` without a driver domain) holds for any number,
    // but a number no type holds is first of all too large.
    if let FieldRange::Said { en, probe, .. } = &probed {
        if en.contains(probe.as_str()) {
            if let Some(m) = probed.said_of(&got, message) {
                return Some((span.clone(), m));
            }
        }
    }
    // No range of its own to quote (`seed`), or none the checks reached: what a number can
    // be at all.
    let field = key_before(text, span.start)
        .unwrap_or("this value")
        .to_string();
    if got.starts_with('-') {
        // Too far below zero (`-1e400`), not too large.
        return Some((
            span.clone(),
            msg!(
                "out_of_range",
                "{field} = {got} is too far below zero for a number: a whole number is at least -9223372036854775808 and a decimal at least about -1.8e308 (each key's range is in docs/scenario-format.md)",
                "{field} = {got}은(는) 0보다 너무 작은 수입니다: 정수는 최소 -9223372036854775808, 소수는 최소 약 -1.8e308입니다 (키마다의 범위는 docs/scenario-format.md에 있습니다)",
                field = field,
                got = got,
                detail = message
            ),
        ));
    }
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

/// A number of the wrong type or size: the field's range (or at least its key) and, for a
/// decimal, examples, never serde's "expected f64".
fn number_of_wrong_type(
    m: &Msg,
    text: &str,
    span: &Range<usize>,
    range_at: &dyn Fn(Range<usize>, u64) -> FieldRange,
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
            if let Some((field, min, max, unit)) = &range {
                let range = (field.as_str(), min.as_str(), max.as_str(), unit.as_deref());
                return Some((
                    span.clone(),
                    out_of_range(probed.prefix(), range, &got, &detail),
                ));
            }
            if let Some(m) = probed.said_of(&got, &detail) {
                return Some((span.clone(), m));
            }
            if let (true, false, true, Some(key)) =
                (whole, negative, unknown, key_path(text, span.start))
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
            if let (true, Some(key)) = (whole, key_path(text, span.start)) {
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
        // What the checks' message says before the field (`instance `web`: `), said here too.
        let (prefix, prefix_ko) = probed.prefix();
        if let (true, Some((field, min, max, unit))) = (whole, &range) {
            let mut m = msg!(
                "invalid_type",
                "{prefix}{found}; {field} takes a whole number from {min} to {max}",
                "{prefix_ko}값의 형식이 맞지 않습니다: {got_ko}. {field}에는 {min}에서 {max} 사이의 정수를 쓰세요",
                prefix = prefix,
                prefix_ko = prefix_ko,
                got_ko = found_ko(&detail),
                found = detail
                    .rsplit_once(", expected ")
                    .map_or(detail.as_str(), |(found, _)| found),
                field = field,
                min = min,
                max = max
            );
            if let Some(unit) = unit {
                // With its unit when the checks say one (a cost's `cycles`), as a cost
                // negative or too large says it (`out_of_range`).
                m.en = "{prefix}{found}; {field} takes a whole number from {min} to {max} {unit}";
                m.ko = "{prefix_ko}값의 형식이 맞지 않습니다: {got_ko}. {field}에는 {min}에서 {max} {unit} 사이의 정수를 쓰세요";
                m.params.push(("unit", unit.clone()));
            }
            return Some((span.clone(), m));
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
            if let Some((field, min, max, _)) = range {
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
                        "{prefix}{found}; {field} takes a number from {min} to {max}, such as {examples} (without quotes or units)",
                        "{prefix_ko}값의 형식이 맞지 않습니다: {got_ko}. {field}에는 {min}에서 {max} 사이의 숫자를 쓰세요 (예: {examples_ko}, 따옴표와 단위 없이)",
                        prefix = prefix,
                        prefix_ko = prefix_ko,
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
