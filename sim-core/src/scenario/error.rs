//! [`ScenarioError`]: what went wrong and where (file, line, column).

use std::ops::Range;

/// A scenario that could not be read, with its location.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct ScenarioError {
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    pub message: String,
}

/// A step of a path into the document: a key of a table or an index of an array.
#[derive(Clone, Copy)]
pub(crate) enum Key<'k> {
    Name(&'k str),
    Index(usize),
}

/// What validation reports errors against: the file name, its text, and the document as
/// the TOML parser read it, whose spans locate keys and values whatever their syntax
/// (inline tables, quoted and dotted keys, arrays of tables).
pub(crate) struct Validator<'a> {
    pub(crate) file: &'a str,
    pub(crate) text: &'a str,
    document: Option<toml::de::DeTable<'a>>,
}

impl<'a> Validator<'a> {
    pub(crate) fn new(file: &'a str, text: &'a str) -> Validator<'a> {
        Validator {
            file,
            text,
            document: toml::de::DeTable::parse(text)
                .ok()
                .map(toml::Spanned::into_inner),
        }
    }

    /// The span of the value at `path` (for an array element, the element; for an
    /// element of an array of tables, its `[[header]]`), or of the nearest part of the
    /// path that exists; `0..0` when nothing does.
    pub(crate) fn span_of(&self, path: &[Key<'_>]) -> std::ops::Range<usize> {
        use toml::de::DeValue;
        let Some(document) = &self.document else {
            return 0..0;
        };
        let mut found = 0..0;
        let mut table = Some(document);
        let mut array: Option<&toml::de::DeArray<'_>> = None;
        for key in path {
            let value = match (*key, table, array) {
                (Key::Name(name), Some(t), _) => t
                    .iter()
                    .find(|(k, _)| k.get_ref().as_ref() == name)
                    .map(|(k, v)| {
                        found = k.span();
                        v
                    }),
                (Key::Index(i), _, Some(a)) => a.get(i),
                _ => None,
            };
            let Some(value) = value else {
                return found;
            };
            if !value.span().is_empty() {
                found = value.span();
            }
            (table, array) = match value.get_ref() {
                DeValue::Table(t) => (Some(t), None),
                DeValue::Array(a) => (None, Some(a)),
                _ => (None, None),
            };
        }
        found
    }

    pub(crate) fn error(&self, span: Range<usize>, message: impl Into<String>) -> ScenarioError {
        let (line, column) = line_column(self.text, span.start);
        ScenarioError {
            file: self.file.to_string(),
            line,
            column,
            message: message.into(),
        }
    }
}

/// 1-based line and character column of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}
