//! Reading an assignment file past its mistakes, as a scenario file is read
//! (`Scenario::from_toml_all`): an unknown value, an unknown key or a value of the wrong
//! type is reported, taken out of the text (every offset, line and column staying the
//! file's) and the rest is read, so that one run of `virtsim validate` lists them all. An
//! unknown value with no valid word as short in its room (`metric="exits"`) has the
//! shortest valid word read in its place, as a scenario's reading does: the columns after
//! it on its line move, and every error found after it is given the file's back
//! ([`file_column`]).
//!
//! What was taken out is remembered by the part of the file that held it ([`Part`]: the
//! `[assignment]` table, a `[[step]]`, or one of a step's `[[step.vary]]` and
//! `[[step.question]]` tables), so that the validation does not report what follows from
//! it ([`Poisoned`]). A TOML syntax error, a table of the file without a key it needs, or
//! an unknown table stops the reading, as it does a scenario's: that error says so
//! ([`ScenarioError::stop_note_in`]).

use std::ops::Range;

use super::format::AssignmentFile;
use crate::scenario::error::{table_end, Stop, Validator};
use crate::scenario::{ReadPast, Scenario, ScenarioError};
use crate::toml_reader::ReadError;

/// A part of an assignment file that its validation checks on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    /// The `[assignment]` table.
    Assignment,
    /// A `[[step]]`, by the byte offset of its header (offsets stay the file's as
    /// mistakes are taken out, indices do not when a table is).
    Step(usize),
    /// A step's `[[step.vary]]` (`"vary"`) or `[[step.question]]` (`"question"`) table:
    /// its step's offset, its name, and its own offset.
    Table {
        step: usize,
        name: &'static str,
        at: usize,
    },
    /// A key of the file outside these (an unknown top-level key).
    Other,
}

impl Part {
    /// Whether it is step `step` (by offset) or one of its tables.
    pub(super) fn of_step(self, step: usize) -> bool {
        match self {
            Part::Step(at) => at == step,
            Part::Table { step: at, .. } => at == step,
            Part::Assignment | Part::Other => false,
        }
    }
}

/// A part with a mistake read past.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Poisoned {
    pub(super) part: Part,
    /// Its `key = value` entry (or, for a step's table that lost a key it needs that
    /// way, the table) was taken out: the part is checked as if it were not written,
    /// except what depends on `key`. Otherwise a value was read in the place of the one
    /// written, and nothing of the part is checked.
    pub(super) loose: bool,
    /// The key of the entry taken out (`intro`, `scenario`; `vary` or `question` for a
    /// step's table taken out).
    pub(super) key: Option<String>,
}

/// What reading an assignment's text past its mistakes gives.
pub(super) struct Reading {
    /// The file as read; None when the reading stopped.
    pub(super) raw: Option<AssignmentFile>,
    /// The text read: the file's, each mistake read past taken out.
    pub(super) text: String,
    /// The mistakes found, in the order read; the last one stops the reading when `raw` is
    /// None.
    pub(super) errors: Vec<ScenarioError>,
    pub(super) poisoned: Vec<Poisoned>,
    /// Where a value was read in the place of the one written (`0` for `1e400`) or an
    /// entry taken out.
    taken: Vec<Range<usize>>,
    /// The valid words read in the place of shorter ones, in the order read: the errors
    /// found in `text` are at the file's columns with [`file_column`].
    pub(super) grown: Vec<Grown>,
}

/// A valid word read in the place of a shorter one ([`Reading::grown`]): its line, the
/// column (in characters, 1-based) right after it in the text read next, and how many
/// characters longer than the one written it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Grown {
    line: usize,
    after: usize,
    chars: usize,
}

impl Reading {
    /// `e`, found in the text read (`self.text`), at the file's line and column
    /// ([`file_column`]). An error of another file (a library scenario's) stays.
    fn file_place(&self, file_name: &str, e: &mut ScenarioError) {
        if e.file == file_name {
            e.column = file_column(&self.grown, e.line, e.column);
        }
    }
}

/// The file's column of `column` on `line` of the text read with the words `grown` in
/// the place of shorter ones: the columns after such a word on its line move back by the
/// characters it added (the latest first, as each was found in the text read after the
/// ones before).
pub(super) fn file_column(grown: &[Grown], line: usize, mut column: usize) -> usize {
    for g in grown.iter().rev() {
        if line == g.line && column >= g.after {
            column -= g.chars;
        }
    }
    column
}

/// What to do after a reading error.
enum Next {
    /// Report it and read this text (the mistake taken out).
    Past(String),
    /// Read this text without reporting it: it follows from a mistake taken out before.
    Follows(String),
    /// It follows from the mistake read before, which cannot be read past after all: the
    /// reading stops at that one.
    StopBefore,
}

/// Reads `text` as an assignment, past at most `limit` mistakes; `error_of` words a
/// reading error of a text (the file's, mistakes taken out) as the file's error.
#[cfg_attr(target_arch = "wasm32", inline)] // for size: see `Assignment::from_toml`
pub(super) fn read_past(
    file_name: &str,
    text: &str,
    limit: usize,
    error_of: impl Fn(&str, ReadError) -> ScenarioError,
) -> Reading {
    let mut reading = Reading {
        raw: None,
        text: text.to_string(),
        errors: Vec::new(),
        poisoned: Vec::new(),
        taken: Vec::new(),
        grown: Vec::new(),
    };
    // Each turn takes a mistake out, or stops: a few turns more than the mistakes reported
    // for those that follow from them (a file of a thousand is not read a thousand times).
    for _ in 0..limit.saturating_mul(3).max(1) {
        let e = match crate::toml_reader::from_str::<AssignmentFile>(&reading.text) {
            Ok(raw) => {
                reading.raw = Some(raw);
                return reading;
            }
            Err(e) => e,
        };
        let how = ReadPast::of(&e);
        let span = e.span().unwrap_or(0..0);
        let mut error = error_of(&reading.text, e);
        reading.file_place(file_name, &mut error);
        let room = reading.errors.len() < limit;
        let next = (error.code != "wrong_kind")
            .then(|| next(file_name, &mut reading, span, how, &error, room))
            .flatten();
        match next {
            Some(Next::Past(text)) => {
                reading.errors.push(error);
                reading.text = text;
            }
            Some(Next::Follows(text)) => reading.text = text,
            Some(Next::StopBefore) => {
                stop_at_last(&mut reading.errors);
                return reading;
            }
            None => {
                reading.errors.push(error.stopping(Stop::Reading));
                return reading;
            }
        }
    }
    stop_at_last(&mut reading.errors);
    reading
}

/// Marks the last error read as the one the reading stopped at.
fn stop_at_last(errors: &mut [ScenarioError]) {
    if let Some(last) = errors.last_mut() {
        *last = last.clone().stopping(Stop::Reading);
    }
}

/// Whether `text` is a TOML document (a mistake taken out must leave one).
fn parses(text: &str) -> bool {
    toml::de::DeTable::parse_recoverable(text).1.is_empty()
}

/// How the reading goes on after `error` at `span` (read past as `how`): None when it
/// stops there (no room for more errors, a syntax error, a table without a key it needs).
#[cfg_attr(target_arch = "wasm32", inline)] // for size: see `Assignment::from_toml`
fn next(
    file_name: &str,
    reading: &mut Reading,
    span: Range<usize>,
    how: ReadPast,
    error: &ScenarioError,
    room: bool,
) -> Option<Next> {
    let text = reading.text.as_str();
    let v = Validator::new(file_name, text);
    let part = part_at(&v, span.start)?;
    let key_of = |entry: &Range<usize>| {
        let written = text.get(entry.clone())?.split('=').next()?;
        Some(written.trim().trim_matches(['"', '\'']).to_string())
    };
    let holds =
        |t: &Range<usize>| t.start == span.start || (span.start <= t.start && t.end <= span.end);
    if reading.taken.iter().any(holds) {
        // A value holding what was read in another's place or taken out: the value read
        // in place does not fit either (`0` for a text's `1e400`), or an inline table lost
        // its only key (`kind = { en = "x" }`). Its entry is taken out, without a second
        // error there.
        let entry = v.entry_at(&span);
        return match entry
            .and_then(|entry| Some((Scenario::without_entry(text, &entry)?, key_of(&entry))))
        {
            Some((without, key)) if parses(&without) => {
                reading.poisoned.push(Poisoned {
                    part,
                    loose: true,
                    key,
                });
                Some(Next::Follows(without))
            }
            _ => Some(Next::StopBefore),
        };
    }
    if error.code == "missing_field" && (reading.poisoned.iter()).any(|p| p.loose && p.part == part)
    {
        // Follows from an entry taken out before (`title = { en = 5, ko = "..." }` without
        // its `en`; a `[[step.vary]]` without the `parameter` that was unknown): the
        // inline table's entry is taken out too, or a step's table as a whole; a table's
        // own key missing otherwise stops the reading at the error before.
        if let Some((without, key)) = (v.entry_at(&span))
            .and_then(|entry| Some((Scenario::without_entry(text, &entry)?, key_of(&entry))))
            .filter(|(t, _)| parses(t))
        {
            reading.poisoned.push(Poisoned {
                part,
                loose: true,
                key,
            });
            return Some(Next::Follows(without));
        }
        if let Part::Table { step, name, at } = part {
            if let Some(without) = without_table(text, at).filter(|t| parses(t)) {
                reading.poisoned.push(Poisoned {
                    part: Part::Step(step),
                    loose: true,
                    key: Some(name.to_string()),
                });
                return Some(Next::Follows(without));
            }
        }
        return Some(Next::StopBefore);
    }
    if !room {
        return None;
    }
    // A valid word longer than the one written and the room around it (`metric="exits"`):
    // (its bytes, its characters) more than the one written, as in a scenario's reading.
    let mut longer = None;
    let in_place = match how {
        ReadPast::Stop => return None,
        ReadPast::Word => Scenario::word_in_place(text, &span, error).or_else(|| {
            let (replaced, bytes, chars) = Scenario::word_grown(text, &span, error)?;
            longer = Some((bytes, chars));
            Some(replaced)
        }),
        ReadPast::Number => Scenario::zero_in_place(text, &span),
        ReadPast::Entry => None,
    };
    let (replaced, loose, key) = match in_place {
        Some(replaced) => {
            let (bytes, chars) = longer.unwrap_or((0, 0));
            if bytes > 0 {
                if !parses(&replaced) {
                    return None;
                }
                // The offsets after the word move by its extra bytes in the texts read
                // next: those of what was read past, and of the parts that hold them.
                let moved = |at: &mut usize| {
                    if *at >= span.end {
                        *at += bytes;
                    }
                };
                for t in &mut reading.taken {
                    moved(&mut t.start);
                    moved(&mut t.end);
                }
                for p in &mut reading.poisoned {
                    match &mut p.part {
                        Part::Step(at) => moved(at),
                        Part::Table { step, at, .. } => {
                            moved(step);
                            moved(at);
                        }
                        Part::Assignment | Part::Other => {}
                    }
                }
                let (line, after) =
                    crate::scenario::error::line_column(&replaced, span.end + bytes);
                reading.grown.push(Grown { line, after, chars });
            }
            reading.taken.push(span.start..span.end + bytes);
            (replaced, false, None)
        }
        None => {
            let entry = v.entry_at(&span)?;
            let without = Scenario::without_entry(text, &entry)?;
            let key = key_of(&entry);
            reading.taken.push(entry);
            (without, true, key)
        }
    };
    if !parses(&replaced) {
        return None;
    }
    reading.poisoned.push(Poisoned { part, loose, key });
    Some(Next::Past(replaced))
}

/// `text` without the step's table written as `[[step.vary]]` or `[[step.question]]` at
/// `at`: a space for each of its characters (a line break stays). None for one written
/// inline (`vary = [{ ... }]`).
fn without_table(text: &str, at: usize) -> Option<String> {
    if !text.get(at..)?.starts_with('[') {
        return None;
    }
    let end = table_end(text, at);
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..at]);
    out.extend((text[at..end].chars()).map(|c| if matches!(c, '\n' | '\r') { c } else { ' ' }));
    out.push_str(&text[end..]);
    Some(out)
}

/// The part of the file at byte `at`: the one whose header (or value) is the last to
/// start at or before it; a step's table written inline only if it holds `at`. None where
/// the text does not parse.
pub(super) fn part_at(v: &Validator<'_>, at: usize) -> Option<Part> {
    use toml::de::DeValue;
    let mut best: Option<(usize, Part)> = None;
    let mut consider = |start: usize, part: Part| {
        if start <= at && best.is_none_or(|(b, _)| start >= b) {
            best = Some((start, part));
        }
    };
    for (key, value) in v.document()? {
        let start = if value.span().is_empty() {
            key.span().start
        } else {
            value.span().start.min(key.span().start)
        };
        match (key.get_ref().as_ref(), value.get_ref()) {
            ("assignment", _) => consider(start, Part::Assignment),
            ("step", DeValue::Array(steps)) => {
                for step in steps.iter() {
                    let step_at = step.span().start;
                    consider(step_at, Part::Step(step_at));
                    let DeValue::Table(table) = step.get_ref() else {
                        continue;
                    };
                    for (key, tables) in table {
                        let name = match key.get_ref().as_ref() {
                            "vary" => "vary",
                            "question" => "question",
                            _ => continue,
                        };
                        let DeValue::Array(tables) = tables.get_ref() else {
                            continue;
                        };
                        for table in tables.iter() {
                            let span = table.span();
                            let inline =
                                !v.text.get(span.start..).is_some_and(|t| t.starts_with('['));
                            if inline && !span.contains(&at) {
                                continue;
                            }
                            consider(
                                span.start,
                                Part::Table {
                                    step: step_at,
                                    name,
                                    at: span.start,
                                },
                            );
                        }
                    }
                }
            }
            _ => consider(start, Part::Other),
        }
    }
    best.map(|(_, part)| part)
}
