//! Where an embedded scenario's text stands in its assignment file: a line and column of
//! the scenario (`scenario_toml = '''...'''`) mapped to the file's, through the string's
//! quotes, the newline TOML trims after them and a basic string's escapes.

use toml::Spanned;

use crate::scenario::{line_column, ScenarioError};

/// An embedded scenario's place in its assignment, worked out once per step: every error
/// and warning of the scenario is then moved in time proportional to its own line (an
/// assignment of 40 steps with hundreds of warnings each was read in seconds when each
/// warning counted the file's lines again).
pub(crate) struct Relocation {
    /// The string's value as the scenario reads it.
    decoded: String,
    /// Byte offset in `decoded` where each of its lines starts.
    decoded_lines: Vec<usize>,
    /// For each character of `decoded` (and its end), the byte offset in the file of the
    /// text that wrote it; `None` when the string could not be followed character by
    /// character (then every place is the string's start).
    to_file: Option<Vec<(usize, usize)>>,
    /// The file's text from the string's opening quotes to its end.
    raw: String,
    /// The line and column in the file of `raw`'s start.
    raw_line: usize,
    raw_column: usize,
}

impl Relocation {
    /// The place of `embedded` (a `scenario_toml` value) in the assignment `text`.
    pub(crate) fn of(text: &str, embedded: &Spanned<String>) -> Relocation {
        let span = embedded.span();
        let raw = text.get(span.clone()).unwrap_or("").to_string();
        let (raw_line, raw_column) = line_column(text, span.start);
        let decoded = embedded.get_ref().clone();
        let mut decoded_lines = vec![0];
        decoded_lines.extend(decoded.match_indices('\n').map(|(i, _)| i + 1));
        let to_file = follow(&raw, &decoded);
        Relocation {
            decoded,
            decoded_lines,
            to_file,
            raw,
            raw_line,
            raw_column,
        }
    }

    /// Line and column (from 1) in the file of the scenario's `line` and `column` (from 1;
    /// 0 for no place: the string's start).
    pub(crate) fn place(&self, line: usize, column: usize) -> (usize, usize) {
        let start = (self.raw_line, self.raw_column);
        let Some(map) = &self.to_file else {
            return start;
        };
        if line == 0 || line > self.decoded_lines.len() {
            return start;
        }
        // The character `column` of the line (its end at most).
        let line_start = self.decoded_lines[line - 1];
        let line_end = self
            .decoded_lines
            .get(line)
            .map_or(self.decoded.len(), |&next| next - 1);
        let text = &self.decoded[line_start..line_end];
        let within = text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(text.len(), |(i, _)| i);
        let at = line_start + within;
        let Ok(found) = map.binary_search_by_key(&at, |&(decoded, _)| decoded) else {
            return start;
        };
        let raw_offset = map[found].1;
        // Lines and columns from the string's start to that offset.
        let before = &self.raw[..raw_offset.min(self.raw.len())];
        let newlines = before.matches('\n').count();
        let column = match before.rfind('\n') {
            Some(i) => before[i + 1..].chars().count() + 1,
            None => self.raw_column + before.chars().count(),
        };
        (self.raw_line + newlines, column)
    }

    /// `e` (an error or warning of the scenario) at its place in the file.
    pub(crate) fn apply(&self, mut e: ScenarioError) -> ScenarioError {
        let (line, column) = self.place(e.line, e.column);
        e.line = line;
        e.column = column;
        e
    }
}

/// For each character of `decoded` (and its end), the byte offset in `raw` (a TOML string
/// with its quotes) of what wrote it: a literal string's characters are its own, a basic
/// string's escapes (`\"`, `\n`, `\u00e9`) write one character each and a line-ending
/// backslash writes none. `None` when `raw` does not write `decoded` (a form this does
/// not know): no place is better than a wrong one.
fn follow(raw: &str, decoded: &str) -> Option<Vec<(usize, usize)>> {
    let (quote, basic) = if raw.starts_with("'''") {
        (3, false)
    } else if raw.starts_with("\"\"\"") {
        (3, true)
    } else if raw.starts_with('\'') {
        (1, false)
    } else if raw.starts_with('"') {
        (1, true)
    } else {
        return None;
    };
    let end = raw.len().checked_sub(quote)?;
    let mut at = quote;
    // A newline right after a multi-line string's opening quotes is not part of it.
    if quote == 3 {
        if raw[at..].starts_with("\r\n") {
            at += 2;
        } else if raw[at..].starts_with('\n') {
            at += 1;
        }
    }
    let body = raw.get(at..end)?;
    let mut map = Vec::with_capacity(decoded.len() + 1);
    let mut out = decoded.char_indices().peekable();
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let file_offset = at + i;
        let wrote = if basic && c == '\\' {
            let (_, e) = chars.next()?;
            match e {
                'b' => Some('\u{8}'),
                't' => Some('\t'),
                'n' => Some('\n'),
                'f' => Some('\u{c}'),
                'r' => Some('\r'),
                'e' => Some('\u{1b}'),
                '"' => Some('"'),
                '\\' => Some('\\'),
                'u' | 'U' | 'x' => {
                    let digits = match e {
                        'u' => 4,
                        'U' => 8,
                        _ => 2,
                    };
                    let mut code = 0u32;
                    for _ in 0..digits {
                        code = code * 16 + chars.next()?.1.to_digit(16)?;
                    }
                    Some(char::from_u32(code)?)
                }
                // A line-ending backslash: it and every space, tab and newline after it
                // write nothing.
                ' ' | '\t' | '\r' | '\n' => {
                    while chars
                        .peek()
                        .is_some_and(|&(_, w)| matches!(w, ' ' | '\t' | '\r' | '\n'))
                    {
                        chars.next();
                    }
                    None
                }
                _ => return None,
            }
        } else if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
            // A CRLF line end the value may keep as it is or as a newline alone.
            match out.peek() {
                Some(&(_, '\r')) => Some('\r'),
                _ => {
                    chars.next();
                    Some('\n')
                }
            }
        } else {
            Some(c)
        };
        if let Some(w) = wrote {
            let (d, got) = out.next()?;
            if got != w {
                return None;
            }
            map.push((d, file_offset));
        }
    }
    if out.next().is_some() {
        return None;
    }
    map.push((decoded.len(), end));
    Some(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The place in `file` of the embedded scenario's `line` and `column`, with the
    /// scenario read by the toml crate as an assignment reads it.
    fn place(file: &str, line: usize, column: usize) -> (usize, usize) {
        #[derive(serde::Deserialize)]
        struct Step {
            scenario_toml: Spanned<String>,
        }
        let step: Step = toml::from_str(file).unwrap();
        Relocation::of(file, &step.scenario_toml).place(line, column)
    }

    #[test]
    fn a_literal_string_moves_by_its_first_line() {
        // The scenario's line 1 is the file's line 2 (the newline after ''' is trimmed).
        let file = "scenario_toml = '''\n[scenario]\nname = \"x\"\n'''\n";
        assert_eq!(place(file, 2, 8), (3, 8));
        assert_eq!(place(file, 1, 1), (2, 1));
        // No place: the string's start.
        assert_eq!(place(file, 0, 0), (1, 17));
    }

    #[test]
    fn a_basic_strings_escapes_and_line_ending_backslash_are_followed() {
        // Line 2 of the value is `name = "a" \` joined with line 3's `x = 1`: the
        // scenario's (2, 12) is the file's `x` on line 4, column 1 after the indent.
        let file = "scenario_toml = \"\"\"\n[scenario]\nname = \\\"a\\\" \\\n   x = 1\n\"\"\"\n";
        #[derive(serde::Deserialize)]
        struct Step {
            scenario_toml: String,
        }
        let value: Step = toml::from_str(file).unwrap();
        assert_eq!(value.scenario_toml, "[scenario]\nname = \"a\" x = 1\n");
        // `"a"`'s second quote: the scenario's column 10, the file's 11 (its escape `\"`
        // starts there, after the first one's backslash).
        assert_eq!(place(file, 2, 10), (3, 11));
        // `x`: the scenario's column 12, the file's line 4, column 4.
        assert_eq!(place(file, 2, 12), (4, 4));
    }

    #[test]
    fn a_one_line_basic_strings_lines_are_places_on_its_line() {
        // "\n" escapes make the scenario's lines; its line 2 starts after the first one.
        let file = "scenario_toml = \"[scenario]\\nname = 1\"\n";
        assert_eq!(place(file, 1, 1), (1, 18));
        assert_eq!(place(file, 2, 8), (1, 37));
    }

    #[test]
    fn a_unicode_escape_writes_one_character() {
        let file = "scenario_toml = \"\"\"\nname = \"\\u00e9x\" y\n\"\"\"\n";
        // `y` is the value's column 13 (`é` one character), the file's 18 (`\u00e9` six).
        assert_eq!(place(file, 1, 13), (2, 18));
    }
}
