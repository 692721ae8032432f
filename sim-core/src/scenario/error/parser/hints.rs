//! Parser errors said as the mistake they are: a table header with one pair of brackets
//! too few or too many, a key written twice or without a value, a misspelt table or key
//! and where it belongs, an answer written into a question, a required text left out.

use super::super::*;
use super::places::{
    bare_value_at, header_at, headerless_scenario_key, key_at, key_before, number_after_key,
    BareValue, ARRAY_TABLES, PLAIN_TABLES,
};
use super::units::number_with_unit;

/// A table header with one pair of brackets too few or too many: `[instance]` for an
/// array of tables (one per instance), `[[host]]` for the one host; and a single
/// `[question]` before a `[[question]]`, where toml reports the correct header as a
/// duplicate key: the one to fix.
pub(crate) fn bracket_slip(
    text: &str,
    span: &Range<usize>,
    message: &str,
) -> Option<(Range<usize>, Msg)> {
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
pub(crate) fn two_pairs_of_brackets(written: &str, meant: &str, name: &str) -> Msg {
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
pub(crate) fn duplicate_key(
    text: &str,
    span: &Range<usize>,
    message: &str,
) -> Option<(Range<usize>, Msg)> {
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

/// A key with nothing after its `=` on its line (`cores = `, the value forgotten): the
/// reader takes the next line's key for an unquoted text and says texts need quotes, which
/// points at the wrong mistake (a reviewer). Said as what it is, at the `=`'s line end.
pub(crate) fn missing_value(
    text: &str,
    span: &Range<usize>,
    message: &str,
) -> Option<(Range<usize>, Msg)> {
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
pub(crate) fn value_without_quotes(
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
                let m = number_with_unit(whole, number, written, text, at);
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
pub(crate) fn korean_key(text: &str, span: &Range<usize>, message: &str) -> Option<&'static str> {
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
pub(crate) fn misspelt_table(m: &Msg, text: &str, span: &Range<usize>) -> Option<Msg> {
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
pub(crate) fn unknown_key_home(m: &mut Msg, text: &str) -> Option<(Range<usize>, Msg)> {
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
pub(crate) fn unknown_cost_key(m: &Msg) -> Option<Msg> {
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
pub(crate) fn answer_written(m: &mut Msg) -> bool {
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
pub(crate) fn guess_meant_name(m: &mut Msg) {
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
pub(crate) fn expected_in_english(m: &Msg) -> String {
    param_of(m, "detail")
        .and_then(|d| d.split_once(", expected ").map(|(_, e)| e.to_string()))
        .or_else(|| param_of(m, "expected"))
        .unwrap_or_default()
}

/// A key or value in another unit (`duration_s`, `mean_latency_ms`): the name meant and its unit,
/// which the guess never offers.
pub(crate) fn key_in_other_unit(m: &mut Msg, text: &str, span: &Range<usize>) {
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

/// The seed document's word for the technique that needs no change to the guest.
pub(crate) fn full_virtualization_value(m: &mut Msg) {
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
pub(crate) const REQUIRED_TEXTS: [&str; 3] = ["title", "intro", "text"];

/// A missing key: in which table, and what it may be.
pub(crate) fn missing_field_where(m: &mut Msg, text: &str, span: &Range<usize>) {
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
