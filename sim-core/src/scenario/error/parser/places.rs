//! Where a parser error points, read from the file's text: the key before a value, the
//! table header around it, an unquoted value, a string or bracket left open.

use super::super::*;

/// The key written before the value at `offset` on its line (`cores` in `cores = 4 4`,
/// `rtt_ms` in `vdi = { rtt_ms = "x" }`), if the line has one.
pub(crate) fn key_before(text: &str, offset: usize) -> Option<&str> {
    let before = text.get(..offset.min(text.len()))?;
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let (key, _) = line.rsplit_once('=')?;
    let key = key.rsplit(['{', ',']).next()?;
    let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
    (!key.is_empty() && !key.contains(['[', ']', '"', '\''])).then_some(key)
}

/// The key before the value at `offset` with the tables it is in, as the checks name it:
/// `host.nic.latency_us` for `nic = { latency_us = -1 }` under `[host]` (the keys of the
/// inline tables around it, and the header when it is `[host]` or under it; the other
/// tables' keys the checks name alone, or by their instance or platform).
pub(crate) fn key_path(text: &str, offset: usize) -> Option<String> {
    let key = key_before(text, offset)?;
    let mut parts: Vec<&str> = Vec::new();
    let before = text.get(..offset.min(text.len()))?;
    let header = (before.split('\n').rev()).find_map(|line| {
        let line = line.trim_start();
        line.starts_with('[').then_some(())?;
        let start = line.as_ptr() as usize - text.as_ptr() as usize;
        header_at(text, start)
    });
    if let Some((name, false)) = header {
        if name == "host" || name.starts_with("host.") {
            parts.push(name);
        }
    }
    let (open, _) = open_at(text, offset);
    for (at, bracket) in open {
        if bracket == b'{' {
            parts.push(key_before(text, at)?);
        }
    }
    parts.push(key);
    Some(parts.join("."))
}

/// The sections of scenario and assignment files written as arrays of tables.
pub(crate) const ARRAY_TABLES: &[&str] = &[
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
pub(crate) const PLAIN_TABLES: &[&str] = &[
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
pub(crate) fn header_at(text: &str, offset: usize) -> Option<(&str, bool)> {
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
pub(crate) enum BareValue<'t> {
    /// A number followed by letters (`2.5GHz`): the whole token and its number.
    WithUnit { whole: &'t str, number: &'t str },
    /// A word that is not a TOML literal (`type1`, `four`; not `true` or `nan`).
    Word(&'t str),
}

/// The unquoted value around `offset`: from the start of its token (after `=`, `[`, `,`,
/// `{` and spaces) to the next space, comma, bracket or comment.
pub(crate) fn bare_value_at(text: &str, offset: usize) -> Option<BareValue<'_>> {
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
pub(crate) fn headerless_scenario_key(text: &str) -> Option<usize> {
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

/// The key at `offset` (a duplicate key's span starts at it).
pub(crate) fn key_at(text: &str, offset: usize) -> Option<&str> {
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

/// The number written after the key at `span` on its line (`duration_s = 5`: 5), if any.
pub(crate) fn number_after_key(text: &str, span: &Range<usize>) -> Option<f64> {
    let rest = text.get(span.end..)?;
    let line = rest.split('\n').next()?;
    // Up to a comment, or the end of the entry in an inline table (`disk = { latency_ms = 1 }`).
    let value = (line.split_once('=')?.1)
        .split(['#', ',', '}'])
        .next()?
        .trim();
    let value: f64 = value.replace('_', "").parse().ok()?;
    value.is_finite().then_some(value)
}

/// A multi-line string never closed: its opening's byte offset and its delimiter.
pub(crate) type OpenString = (usize, &'static str);

/// What is open at byte `upto` of `text`: the arrays and inline tables (their opening
/// brackets' offsets and brackets, innermost last), and a multi-line string opened before
/// `upto` that is never closed (its opening's offset and delimiter). Comments, strings and
/// table headers are skipped.
pub(crate) fn open_at(text: &str, upto: usize) -> (Vec<(usize, u8)>, Option<OpenString>) {
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
