//! Reading a scenario file: its bytes as text (UTF-8, line ends, no bidirectional
//! controls, at most [`MAX_FILE_BYTES`]), then the file read past its mistakes
//! (`Scenario::read_past`): an unknown key or value, or a value of the wrong type, taken
//! out so that the rest is still checked and every independent error is reported at once;
//! and the probe that finds the range of a field written with a number of the wrong type.

use super::*;

/// The first bidirectional control character of `text` (an embedding, override or
/// isolate, U+202A-U+202E and U+2066-U+2069), as an error at its place: invisible, it
/// reorders the text after it wherever the text is shown (a question's text ending in
/// U+202E turned the page's own "(1 pt)" after it into "(tp 1)"; a robustness review).
/// No text of the format needs one; the marks U+200E and U+200F, which reorder nothing
/// beyond themselves, are allowed.
#[cfg_attr(target_arch = "wasm32", inline)]
pub(crate) fn bidi_control_error(file_name: &str, text: &str) -> Option<ScenarioError> {
    let (at, c) = text
        .char_indices()
        .find(|&(_, c)| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))?;
    Some(Validator::unparsed(file_name, text).error(
        at..at + c.len_utf8(),
        msg!(
            "bidi_control",
            "an invisible bidirectional control character (U+{code}) is here: it reorders the text after it wherever the text is shown; remove it (the file's texts need none)",
            "보이지 않는 양방향 제어 문자 U+{code}이(가) 있습니다. 이 문자는 보이는 곳마다 뒤의 글자 순서를 바꿉니다. 지우세요 (파일의 글에는 필요 없습니다)",
            code = format!("{:04X}", u32::from(c))
        ),
    ))
}

/// The file's tables as written, by the one TOML reader. Inline in wasm, as every function
/// on the page's way to the reader is (`Scenario::from_toml` says why): the reading is then
/// compiled in the page, at its opt-level "z". `#[inline(never)]` here made sim-core's
/// opt-level-3 reading the page's (176 KB more of wasm, its visitors with the value
/// reader inlined into each field's), and a caller that is not inline in wasm
/// (`Scenario::unit_warnings` was) adds that copy beside the page's (458 KB).
#[cfg_attr(target_arch = "wasm32", inline)]
pub(super) fn read_tables(text: &str) -> Result<ScenarioFile, crate::toml_reader::ReadError> {
    crate::toml_reader::from_str(text)
}

/// A scenario file of `size` bytes, more than [`MAX_FILE_BYTES`] (located at its start).
#[cfg_attr(target_arch = "wasm32", inline)]
pub(super) fn too_large(file_name: &str, text: &str, size: usize) -> ScenarioError {
    Validator::unparsed(file_name, text).error(
        0..0,
        msg!(
            "file_too_large",
            "scenario file is {size} bytes; at most {limit} bytes are accepted",
            "시나리오 파일이 {size}바이트입니다. 최대 {limit}바이트까지 받습니다",
            size = size,
            limit = MAX_FILE_BYTES
        ),
    )
}

/// What [`Scenario::read_past`] has read past: the parts with an error, and whether the
/// reading stopped at the last error read past (what followed it only followed from it).
struct Past {
    poisoned: Vec<validate::Poisoned>,
    /// Where a value was read in the place of the one written (`0` for `1e400`): an error
    /// there follows from it ([`Scenario::read_past`]), as in an assignment's reading.
    taken: Vec<std::ops::Range<usize>>,
    stopped: bool,
    /// Parts with an error read past at most: [`MAX_ERRORS_SHOWN`] for the file,
    /// [`PROBE_READS_PAST`] for the reading that finds a field's range.
    limit: usize,
}

/// Mistakes read past, at most, by the reading that finds the range of a field with a
/// number of the wrong type (`Scenario::read_past`): another mistake in the file keeps the
/// checks from running, so it is taken out as in the file's own reading, a few times only
/// (each probe reads the file again once per mistake). An assignment's probe reads past as
/// many.
pub(crate) const PROBE_READS_PAST: usize = 3;

impl Past {
    /// Nothing read past yet, reading past at most `limit` parts with an error.
    fn reading(limit: usize) -> Self {
        Self {
            poisoned: Vec::new(),
            taken: Vec::new(),
            stopped: false,
            limit,
        }
    }
}

/// How a reading error is read past ([`Scenario::read_past`]), from the reader's message.
#[derive(Clone, Copy)]
pub(crate) enum ReadPast {
    /// An unknown value of a list of words: a valid word of no more characters in its
    /// place, or else the entry taken out.
    Word,
    /// A number of the wrong type or sign, or too large: `0` in its place.
    Number,
    /// An unknown key, a value of another wrong type, an inline table without a key it
    /// needs: the `key = value` entry taken out, as if it were not written (a table's own
    /// missing key is no entry: the reading stops).
    Entry,
    /// A TOML syntax error, a required key missing, anything else: the reading stops.
    Stop,
}

impl ReadPast {
    #[cfg_attr(target_arch = "wasm32", inline)]
    pub(crate) fn of(e: &crate::toml_reader::ReadError) -> ReadPast {
        let m = e.message();
        let numeric = m.rsplit_once("expected ").is_some_and(|(_, t)| {
            matches!(
                t.trim(),
                "u64" | "u32" | "u16" | "u8" | "usize" | "i64" | "i32" | "f64" | "f32"
            )
        });
        if e.is_syntax() {
            ReadPast::Stop
        } else if m.starts_with("unknown variant") {
            ReadPast::Word
        } else if m.starts_with("integer number overflowed")
            || m.starts_with("floating-point number overflowed")
            || ((m.starts_with("invalid type") || m.starts_with("invalid value")) && numeric)
        {
            ReadPast::Number
        } else if m.starts_with("unknown field")
            || m.starts_with("missing field")
            || m.starts_with("invalid type")
            || m.starts_with("invalid value")
        {
            ReadPast::Entry
        } else {
            ReadPast::Stop
        }
    }
}

/// A scenario or assignment file's text: its bytes, if they are UTF-8; else an error at
/// the first byte that is not, by line and column (code `not_utf8`). A carriage return
/// alone (classic Mac OS line endings) ends a line, as LF and CRLF do: the page's editor
/// reads such a file so, and TOML's reader would stop at the first one ("carriage return
/// must be followed by newline"), so the CLI and the page read one text the same.
pub fn text_of(file_name: &str, bytes: Vec<u8>) -> Result<String, ScenarioError> {
    String::from_utf8(bytes)
        .map(lone_carriage_returns_as_newlines)
        .map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
        // A UTF-16 file (as Windows editors save "Unicode") starts with its byte-order mark.
        if offset == 0 && (bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff])) {
            return Validator::unparsed(file_name, valid).error(
                0..0,
                msg!(
                    "not_utf8",
                    "the file is UTF-16 text (it starts with the byte-order mark {mark}); save it as UTF-8",
                    "파일이 UTF-16 텍스트입니다 (바이트 순서 표시 {mark}로 시작합니다). UTF-8로 저장하세요",
                    mark = format!("0x{:02x} 0x{:02x}", bytes[0], bytes[1])
                ),
            );
        }
        Validator::unparsed(file_name, valid).error(
            offset..offset,
            msg!(
                "not_utf8",
                "the file is not valid UTF-8 text (byte {byte} at byte offset {offset}); save it as UTF-8",
                "파일이 올바른 UTF-8 텍스트가 아닙니다 (바이트 오프셋 {offset}의 {byte}). UTF-8로 저장하세요",
                byte = format!("0x{:02x}", bytes[offset]),
                offset = offset
            ),
        )
    })
}

/// `text` with each carriage return that no line feed follows replaced by a line feed
/// (one byte for one: offsets, lines and columns stay the file's as an editor counts them).
fn lone_carriage_returns_as_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(if c == '\r' && chars.peek() != Some(&'\n') {
            '\n'
        } else {
            c
        });
    }
    out
}

impl Scenario {
    /// [`Self::from_toml`]; `probe`: a whole number of the wrong type or sign, or a
    /// decimal number of the wrong type, is reported with its field's range, found by validating the text with a value above every
    /// range in its place (validation is the one place ranges are written down).
    /// Inline in wasm like `from_toml`, for the same reason.
    #[cfg_attr(target_arch = "wasm32", inline)]
    pub(super) fn read(
        file_name: &str,
        text: &str,
        probe: bool,
    ) -> Result<Scenario, Vec<ScenarioError>> {
        let limit = if probe {
            MAX_ERRORS_SHOWN
        } else {
            PROBE_READS_PAST
        };
        Self::read_past(file_name, text, probe, &mut Past::reading(limit))
    }

    /// [`Self::read`]; a reading error that leaves the rest of the file readable is
    /// reported with what the rest of the file gives (when `probe`): the text is read
    /// again with the mistake taken out ([`ReadPast`]), lines and columns staying the
    /// file's, and the part of the file that holds it (`poisoned`: its `[[platform]]`,
    /// `[host]`, `[scenario]`...) counts as a part with an error, so that nothing is
    /// reported that could follow from what was read in its place. A required key missing
    /// from a part with an entry taken out is not reported (a misspelt `name` taken out
    /// leaves the table without one): the reading stops at the error before it. Up to
    /// [`MAX_ERRORS_SHOWN`] such errors; the error at which the reading stops says so
    /// ([`ScenarioError::stop_note_in`]).
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn read_past(
        file_name: &str,
        text: &str,
        probe: bool,
        past: &mut Past,
    ) -> Result<Scenario, Vec<ScenarioError>> {
        let mut value_span = None;
        let raw: ScenarioFile = read_tables(text).map_err(|e| {
            // An assignment given where a scenario belongs: say so, not "unknown field".
            if let (Some(at), None) = (
                error::table_header(text, "[assignment]"),
                error::table_header(text, "[scenario]"),
            ) {
                return Validator::unparsed(file_name, text).error(
                    at..at + "[assignment]".len(),
                    msg!(
                        "wrong_kind",
                        "this is an assignment file, not a scenario: open it as an assignment (the page's Assignments panel, or `virtsim validate`, `answers` and `grade`)",
                        "시나리오가 아니라 과제 파일입니다: 과제로 여세요 (페이지의 과제 패널, 또는 `virtsim validate`, `answers`, `grade`)"
                    ),
                );
            }
            let span = e.span().unwrap_or(0..0);
            value_span = Some((span.clone(), ReadPast::of(&e)));
            let message = e.message().trim().replace('\n', " ");
            error::parser_error(file_name, text, span, message, &|at, number| {
                if !probe || at.is_empty() || at.end > text.len() {
                    return error::FieldRange::Unknown;
                }
                let mut probed = format!("{}{number}{}", &text[..at.start], &text[at.end..]);
                let (line, column) = error::line_column(text, at.start);
                let mut errors;
                let mut tries = 0;
                loop {
                    let Err(found) = Self::read(file_name, &probed, false) else {
                        return error::FieldRange::NoneWritten;
                    };
                    errors = found;
                    if errors.iter().any(|e| (e.line, e.column) == (line, column)) {
                        break;
                    }
                    // Another number of the wrong type (a second `1e308` in the same mix)
                    // takes its part out of the checks: read as 0 in the probe, so that
                    // the part is checked (a few times at most, as `PROBE_READS_PAST`).
                    let other = (errors.iter())
                        .find_map(|e| Self::wrong_number_span(&probed, e));
                    match other.and_then(|span| Self::zero_in_place(&probed, &span)) {
                        Some(zeroed) if tries < PROBE_READS_PAST => probed = zeroed,
                        _ => break,
                    }
                    tries += 1;
                }
                // No error at the probe: its part was not checked (another mistake took it
                // out or stopped the reading), or it was and has no range; either way the
                // range is not known from here.
                if let Some(e) = errors.iter().find(|e| (e.line, e.column) == (line, column)) {
                    let param = |name: &str| {
                        e.params
                            .iter()
                            .find(|(k, _)| *k == name)
                            .map(|(_, v)| v.clone())
                    };
                    if let ("out_of_range", Some(field), Some(min), Some(max)) =
                        (e.code, param("field"), param("min"), param("max"))
                    {
                        // What the message says before the field (`instance `web`: `): up
                        // to the field's name as a word of its own, after a space and
                        // before a space or, in Korean, its particle (`cap_percent는`).
                        let before = |message: &str| {
                            let word = |&(at, _): &(usize, &str)| {
                                let after = message[at + field.len()..].chars().next();
                                message[..at].ends_with(' ')
                                    && !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                            };
                            let at = message.match_indices(field.as_str()).find(word);
                            message[..at.map_or(0, |(at, _)| at)].to_string()
                        };
                        let prefix = (before(&e.message), before(&e.message_in(crate::Lang::Ko)));
                        return error::FieldRange::Known(field, min, max, prefix, param("unit"));
                    }
                }
                error::FieldRange::said(text, &at, &errors, &number.to_string())
            })
        })
        .map_err(|e| {
            let Some((span, how)) = value_span else {
                // Not a scenario at all (an assignment): nothing more to say.
                return vec![e];
            };
            let v = Validator::new(file_name, text);
            let holds = |t: &std::ops::Range<usize>| {
                t.start == span.start || (span.start <= t.start && t.end <= span.end)
            };
            if past.taken.iter().any(holds) {
                // A value holding what was read in another's place: that does not fit
                // either (`0` for a text's `1e400`: "invalid type: integer `0`" before the
                // real error). Its entry is taken out without a second error there, and
                // its part counts as one without it; the reading stops at the error
                // before when it cannot be (as `assignment/read.rs` does).
                let without = (v.entry_at(&span))
                    .and_then(|entry| Self::without_entry(text, &entry))
                    .filter(|t| toml::de::DeTable::parse_recoverable(t).1.is_empty());
                let (Some(without), Some(part)) = (without, v.part_at(span.start)) else {
                    past.stopped = true;
                    return Vec::new();
                };
                past.poisoned.push(validate::Poisoned { part, loose: true });
                drop(v); // As in `read_on`: not held over the next reading.
                return Self::read_past(file_name, &without, probe, past)
                    .err()
                    .unwrap_or_default();
            }
            if e.code == "missing_field"
                && (v.part_at(span.start))
                    .is_some_and(|part| past.poisoned.iter().any(|p| p.part == part && p.loose))
            {
                // Follows from an entry of its part taken out before (`label = { en = 5 }`
                // without its `en`, a table without its misspelt `name`): not reported
                // (a value read in another's place leaves its key, and a key missing from
                // that part is an error of its own, reported as any other). An inline
                // table's entry is taken out as well, and the reading goes on; a table's own
                // key missing stops it at the error before.
                let without = (v.entry_at(&span))
                    .and_then(|entry| Self::without_entry(text, &entry))
                    .filter(|t| toml::de::DeTable::parse_recoverable(t).1.is_empty());
                let Some(without) = without else {
                    past.stopped = true;
                    return Vec::new();
                };
                drop(v); // As in `read_on`: not held over the next reading.
                return Self::read_past(file_name, &without, probe, past)
                    .err()
                    .unwrap_or_default();
            }
            let read_on = (past.poisoned.len() < past.limit)
                .then(|| Self::read_on(file_name, text, span, how, &e, probe, past))
                .flatten();
            match read_on {
                Some((mut errors, stopped)) => {
                    errors.push(if stopped { e.stopping(Stop::Reading) } else { e });
                    validate::sorted(errors)
                }
                None => vec![e.stopping(Stop::Reading)],
            }
        })?;
        let v = Validator::new(file_name, text);
        validate_all(&v, raw, Questions::Strict, &past.poisoned)
    }

    /// The errors of `text` read again with the reading error `e` at `span` taken out (see
    /// [`Self::read_past`] and [`ReadPast`]), `e` left out, and whether the reading stopped
    /// right after `e` (a required key of its part missing once it is taken out); None
    /// when it cannot be taken out: no valid value fits in its place, the text would not
    /// be TOML without it, or the part that holds it is not one the checks can leave out.
    /// `probe`: the ranges of wrong numbers found on (the file's own reading), or not (a probe).
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn read_on(
        file_name: &str,
        text: &str,
        span: std::ops::Range<usize>,
        how: ReadPast,
        e: &ScenarioError,
        probe: bool,
        past: &mut Past,
    ) -> Option<(Vec<ScenarioError>, bool)> {
        let v = Validator::new(file_name, text);
        // A valid word longer than the one written and the room around it (`metric="exit"`):
        // (its bytes, its characters) more than the one written.
        let mut grown = None;
        let in_place = match how {
            ReadPast::Stop => return None,
            ReadPast::Word => Self::word_in_place(text, &span, e).or_else(|| {
                let (replaced, bytes, chars) = Self::word_grown(text, &span, e)?;
                grown = Some((bytes, chars));
                Some(replaced)
            }),
            ReadPast::Number => Self::zero_in_place(text, &span),
            ReadPast::Entry => None,
        };
        // A value read in its place: nothing of its part is checked (any check may follow
        // from it). The entry taken out: its part is checked as if it were not written, and
        // only an error of one value alone is kept (`validate::Poisoned::loose`).
        let (replaced, loose) = match in_place {
            Some(replaced) => (replaced, false),
            None => (Self::without_entry(text, &v.entry_at(&span)?)?, true),
        };
        let (_, syntax) = toml::de::DeTable::parse_recoverable(&replaced);
        if !syntax.is_empty() {
            return None;
        }
        let part = v.part_at(span.start)?;
        let (bytes, chars) = grown.unwrap_or((0, 0));
        if !loose {
            // Offsets after a grown word move by its extra bytes in the texts read next.
            for t in past.taken.iter_mut().filter(|t| t.start >= span.end) {
                *t = t.start + bytes..t.end + bytes;
            }
            past.taken.push(span.start..span.end + bytes);
        }
        past.poisoned.push(validate::Poisoned { part, loose });
        // The parsed document goes before the next reading: kept over each level of
        // reading past, twenty of them held a file's tree twenty times (a 235 KB file of
        // nested arrays took 928 MB).
        drop(v);
        let mut errors = Self::read_past(file_name, &replaced, probe, past)
            .err()
            .unwrap_or_default();
        if chars > 0 {
            // Back to the file's columns: those after the grown word on its line moved.
            let (line, end) = error::line_column(&replaced, span.end + bytes);
            for e in errors
                .iter_mut()
                .filter(|e| e.line == line && e.column >= end)
            {
                e.column -= chars;
            }
        }
        Some((errors, std::mem::take(&mut past.stopped)))
    }

    /// `text` with the unknown value at `span` (`e`, serde's "unknown variant") replaced
    /// by a valid value of no more characters, padded with spaces after its closing quote
    /// (every offset, line and column stays the file's); None when none fits.
    #[cfg_attr(target_arch = "wasm32", inline)]
    pub(crate) fn word_in_place(
        text: &str,
        span: &std::ops::Range<usize>,
        e: &ScenarioError,
    ) -> Option<String> {
        let written = text.get(span.clone())?;
        let quote = written.chars().next().filter(|q| matches!(q, '"' | '\''))?;
        let inner = written.strip_prefix(quote)?.strip_suffix(quote)?;
        // serde's list: "unknown variant `x`, expected one of `a`, `b`" (or "expected `a`").
        let detail = &e.params.iter().find(|(k, _)| *k == "detail")?.1;
        let (_, expected) = detail.split_once(", expected ")?;
        let fits = |room: usize| {
            (expected.split('`').skip(1).step_by(2))
                .find(|name| name.len() <= room && !name.contains(quote))
        };
        if let Some(valid) = fits(inner.len()) {
            return Some(format!(
                "{}{quote}{valid}{quote}{}{}",
                &text[..span.start],
                " ".repeat(inner.len() - valid.len()),
                &text[span.end..]
            ));
        }
        // No valid word is as short as the one written (`metric = "exits"`): the spaces
        // around its `=` give room (`metric="density"`), so that a short mistake in a
        // required key reads on rather than stopping the reading (an instructor's review).
        let before = &text[..span.start];
        let key_end = before
            .trim_end_matches(' ')
            .strip_suffix('=')?
            .trim_end_matches(' ');
        let room = inner.len() + (span.start - key_end.len() - 1);
        let valid = fits(room)?;
        Some(format!(
            "{key_end}={quote}{valid}{quote}{}{}",
            " ".repeat(room - valid.len()),
            &text[span.end..]
        ))
    }

    /// `text` with the unknown value at `span` (`e`, serde's "unknown variant") replaced
    /// by the shortest valid value, when none fits in the room of [`Self::word_in_place`]
    /// (`metric="exit"`: no metric has fewer than seven letters), and how many bytes and
    /// characters longer it is: the lines stay the file's, the columns after it on its line
    /// do not ([`Self::read_on`] gives its errors the file's columns back, as an
    /// assignment's reading does its own: `assignment/read.rs`). None when no valid value
    /// can be written in its quotes.
    #[cfg_attr(target_arch = "wasm32", inline)]
    pub(crate) fn word_grown(
        text: &str,
        span: &std::ops::Range<usize>,
        e: &ScenarioError,
    ) -> Option<(String, usize, usize)> {
        let written = text.get(span.clone())?;
        let quote = written.chars().next().filter(|q| matches!(q, '"' | '\''))?;
        written.strip_prefix(quote)?.strip_suffix(quote)?;
        let detail = &e.params.iter().find(|(k, _)| *k == "detail")?.1;
        let (_, expected) = detail.split_once(", expected ")?;
        let valid = (expected.split('`').skip(1).step_by(2))
            .filter(|name| !name.contains(quote) && !name.contains('\n'))
            .min_by_key(|name| name.len())?;
        let replaced = format!(
            "{}{quote}{valid}{quote}{}",
            &text[..span.start],
            &text[span.end..]
        );
        let bytes = (valid.len() + 2).checked_sub(written.len())?;
        let chars = (valid.chars().count() + 2).checked_sub(written.chars().count())?;
        Some((replaced, bytes, chars))
    }

    /// The span in `text` of the number error `e` is about, when `e` is an error of a
    /// number of the wrong type, sign or size (`1e308` for a whole number): the token at
    /// its place, when it is a TOML number.
    fn wrong_number_span(text: &str, e: &ScenarioError) -> Option<std::ops::Range<usize>> {
        if !matches!(e.code, "invalid_type" | "out_of_range") || e.line == 0 {
            return None;
        }
        let line_start = if e.line == 1 {
            0
        } else {
            text.match_indices('\n').nth(e.line - 2)?.0 + 1
        };
        let line = &text[line_start..];
        let start = line_start + line.char_indices().nth(e.column - 1)?.0;
        let len = text[start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.' | '_')))
            .unwrap_or(text.len() - start);
        // A TOML number: digits (with `_`, a sign, a point, an exponent), inf, nan, 0x...
        let token = text[start..start + len].trim_start_matches(['+', '-']);
        let number = matches!(token, "inf" | "nan")
            || token.starts_with("0x")
            || token.starts_with("0o")
            || token.starts_with("0b")
            || token.replace('_', "").parse::<f64>().is_ok();
        (len > 0 && number).then(|| start..start + len)
    }

    /// `text` with the value at `span` (a number of the wrong type or sign, or one too
    /// large) replaced by `0` and spaces, one a character (a line break stays), so that
    /// every line and column stays the file's.
    #[cfg_attr(target_arch = "wasm32", inline)]
    pub(crate) fn zero_in_place(text: &str, span: &std::ops::Range<usize>) -> Option<String> {
        let written = text.get(span.clone())?;
        let mut chars = written.chars();
        chars.next()?;
        let mut out = String::with_capacity(text.len());
        out.push_str(&text[..span.start]);
        out.push('0');
        out.extend(chars.map(|c| if matches!(c, '\n' | '\r') { c } else { ' ' }));
        out.push_str(&text[span.end..]);
        Some(out)
    }

    /// `text` without the `key = value` entry at `entry` (and the comma that separates
    /// it from another in an inline table): a space for each of its characters (a line
    /// break stays), so that every line and column stays the file's.
    #[cfg_attr(target_arch = "wasm32", inline)]
    pub(crate) fn without_entry(text: &str, entry: &std::ops::Range<usize>) -> Option<String> {
        let (mut start, mut end) = (entry.start, entry.end);
        let after = text.get(end..)?;
        let gap = after.len() - after.trim_start_matches([' ', '\t']).len();
        if after[gap..].starts_with(',') {
            end += gap + 1;
        } else {
            let before = text.get(..start)?;
            let trimmed = before.trim_end_matches([' ', '\t']);
            if trimmed.ends_with(',') {
                start = trimmed.len() - 1;
            }
        }
        let mut out = String::with_capacity(text.len());
        out.push_str(&text[..start]);
        out.extend(
            (text[start..end].chars()).map(|c| if matches!(c, '\n' | '\r') { c } else { ' ' }),
        );
        out.push_str(&text[end..]);
        Some(out)
    }
}
