//! One TOML reading path for scenario and assignment files: the document parsed by toml's
//! own parser into [`DeTable`] (spans kept), then read by ONE serde deserializer type.
//!
//! Why: `toml::from_str` hands every visitor to three deserializer kinds (its values,
//! tables and arrays) and three map readers (tables, spans, datetimes), so each scenario
//! struct's reading code was compiled several times in the web page's wasm (`docs/performance.md`,
//! "Page size"). Here every value goes through [`ValueDe`]; tables, datetimes and
//! `Spanned<T>` fields (serde_spanned's three private fields) through [`TableAccess`];
//! arrays through [`ArrayAccess`]; keys through serde's plain string deserializer.
//!
//! The messages and spans are toml 1.x's own (`toml::de::deserializer`): the same serde
//! messages, the same "wanted string or table" texts, and the same rule for locations —
//! an error without a place gets the span of the innermost value (or key) being read when
//! it happened. `tests/invalid` checks every message and location against the files.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::de::{self, IntoDeserializer};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// A reading error: toml's message and location.
#[derive(Debug)]
pub(crate) struct ReadError {
    message: String,
    span: Option<Range<usize>>,
    /// A TOML syntax error (the parser's), not one of reading the parsed values.
    syntax: bool,
}

impl ReadError {
    fn at(message: impl fmt::Display, span: Range<usize>) -> ReadError {
        ReadError {
            message: message.to_string(),
            span: Some(span),
            syntax: false,
        }
    }

    pub(crate) fn message(&self) -> &str {
        &self.message
    }

    pub(crate) fn span(&self) -> Option<Range<usize>> {
        self.span.clone()
    }

    /// Whether it is a TOML syntax error (the text is not a TOML document), not an error
    /// of reading the parsed values (an unknown key, a value of the wrong type...).
    pub(crate) fn is_syntax(&self) -> bool {
        self.syntax
    }

    /// Locates an error that has no place yet.
    fn located(mut self, span: &Range<usize>) -> ReadError {
        if self.span.is_none() {
            self.span = Some(span.clone());
        }
        self
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ReadError {}

impl de::Error for ReadError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        ReadError {
            message: msg.to_string(),
            span: None,
            syntax: false,
        }
    }
}

/// Parses `text` and reads it as a `T` (what `toml::from_str` does, with one deserializer).
#[cfg_attr(target_arch = "wasm32", inline)]
pub(crate) fn from_str<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T, ReadError> {
    // toml's `parse` keeps the first error its parser reports, which is not always the
    // first in the file: an unterminated string whose closing quote an editor put on the
    // next line is reported after a confusing "key with no value" there. The earliest
    // error is the cause; the later ones follow from it.
    let (root, errors) = DeTable::parse_recoverable(text);
    if let Some((message, span)) = earliest_error(text, &errors) {
        return Err(ReadError {
            message,
            span,
            syntax: true,
        });
    }
    let span = root.span();
    T::deserialize(ValueDe {
        span,
        input: Input::Toml(DeValue::Table(root.into_inner())),
    })
}

/// Most parts of a dotted key or table name toml's parser reads (`a.b.c` has three): one
/// more is its "recursion limit" error, which has no place (`earliest_error` gives it
/// one).
pub const MAX_KEY_PARTS: usize = 80;
/// Deepest nesting of arrays and inline tables toml's parser reads (`[[1]]` is two deep):
/// one more is its "cannot recurse further" error, at the first bracket too deep.
pub const MAX_NESTING: usize = 80;

/// The parser's earliest error in the file (message and span), if any. The earliest is the
/// cause; later ones follow from it. toml's "recursion limit" of a key with more than
/// [`MAX_KEY_PARTS`] parts has no place: it is placed at the first such key.
pub(crate) fn earliest_error(
    text: &str,
    errors: &[toml::de::Error],
) -> Option<(String, Option<Range<usize>>)> {
    errors
        .iter()
        .map(|e| {
            let span = match e.span() {
                None if e.message() == "recursion limit" => long_key(text),
                span => span,
            };
            (e.message().to_string(), span)
        })
        .min_by_key(|(_, span)| span.as_ref().map_or(usize::MAX, |s| s.start))
}

/// The first key or table name of more than [`MAX_KEY_PARTS`] dot-separated parts: bare
/// keys and single-line quoted ones, white space around the dots; comments and multi-line
/// strings skipped.
fn long_key(text: &str) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let (mut i, mut start, mut parts, mut after_dot, mut after_part) = (0, 0, 0usize, false, false);
    let mut found: Option<Range<usize>> = None;
    while i < bytes.len() {
        let c = bytes[i];
        let part_end = match c {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-' => {
                let mut j = i;
                while j < bytes.len()
                    && matches!(bytes[j], b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-')
                {
                    j += 1;
                }
                Some(j)
            }
            b'"' | b'\'' if bytes[i..].starts_with(if c == b'"' { b"\"\"\"" } else { b"'''" }) => {
                // A multi-line string is a value, never a key.
                let close: &[u8] = if c == b'"' { b"\"\"\"" } else { b"'''" };
                let mut j = i + 3;
                while j < bytes.len()
                    && !(bytes[j..].starts_with(close) && (c == b'\'' || bytes[j - 1] != b'\\'))
                {
                    j += 1;
                }
                i = (j + 3).min(bytes.len());
                (parts, after_dot, after_part) = (0, false, false);
                continue;
            }
            b'"' | b'\'' => {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != c && bytes[j] != b'\n' {
                    if c == b'"' && bytes[j] == b'\\' {
                        j += 1;
                    }
                    j += 1;
                }
                Some((j + 1).min(bytes.len()))
            }
            _ => None,
        };
        if let Some(end) = part_end {
            if after_dot {
                parts += 1;
            } else {
                (start, parts) = (i, 1);
            }
            (after_dot, after_part) = (false, true);
            i = end;
            if parts > MAX_KEY_PARTS {
                found = Some(start..end);
            } else if found.is_some() {
                return found;
            }
            continue;
        }
        match c {
            b'.' if after_part => (after_dot, after_part) = (true, false),
            b' ' | b'\t' => {}
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                (parts, after_dot, after_part) = (0, false, false);
                continue;
            }
            _ => {
                if found.is_some() {
                    return found;
                }
                (parts, after_dot, after_part) = (0, false, false);
            }
        }
        i += 1;
    }
    found
}

/// A value with its place in the file.
pub(crate) struct ValueDe<'de> {
    span: Range<usize>,
    input: Input<'de>,
}

/// What a [`ValueDe`] reads: a TOML value, or one end of a span (a `Spanned<T>`'s start
/// or end, which serde_spanned reads as a map entry like any other).
enum Input<'de> {
    Toml(DeValue<'de>),
    Offset(usize),
}

impl Input<'_> {
    fn type_str(&self) -> &'static str {
        match self {
            Input::Toml(v) => v.type_str(),
            Input::Offset(_) => "integer",
        }
    }
}

impl<'de> ValueDe<'de> {
    fn new(value: Spanned<DeValue<'de>>) -> ValueDe<'de> {
        let span = value.span();
        ValueDe {
            span,
            input: Input::Toml(value.into_inner()),
        }
    }
}

impl<'de> IntoDeserializer<'de, ReadError> for ValueDe<'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// A value as toml hands it to a visitor: integers as the smallest of i64, u64, i128,
/// u128 they fit, datetimes as one-entry maps.
enum Unpacked<'de> {
    Str(&'de str),
    String(String),
    I64(i64),
    U64(u64),
    I128(i128),
    U128(u128),
    F64(f64),
    Bool(bool),
    Map(TableAccess<'de>),
    Seq(ArrayAccess<'de>),
    Err(ReadError),
}

/// The conversions of toml's `ValueDeserializer::deserialize_any`, outside the generic
/// code: compiled once, not once per visitor.
#[inline(never)]
fn unpack<'de>(input: Input<'de>, span: &Range<usize>) -> Unpacked<'de> {
    let input = match input {
        Input::Toml(value) => value,
        Input::Offset(offset) => return Unpacked::U64(offset as u64),
    };
    match input {
        DeValue::String(Cow::Borrowed(v)) => Unpacked::Str(v),
        DeValue::String(Cow::Owned(v)) => Unpacked::String(v),
        DeValue::Integer(v) => {
            let (digits, radix) = (v.as_str(), v.radix());
            if let Ok(v) = i64::from_str_radix(digits, radix) {
                Unpacked::I64(v)
            } else if let Ok(v) = u64::from_str_radix(digits, radix) {
                Unpacked::U64(v)
            } else if let Ok(v) = i128::from_str_radix(digits, radix) {
                Unpacked::I128(v)
            } else if let Ok(v) = u128::from_str_radix(digits, radix) {
                Unpacked::U128(v)
            } else {
                Unpacked::Err(de::Error::custom("integer number overflowed"))
            }
        }
        DeValue::Float(v) => match float(&v) {
            Some(f) => Unpacked::F64(f),
            None => Unpacked::Err(de::Error::custom("floating-point number overflowed")),
        },
        DeValue::Boolean(v) => Unpacked::Bool(v),
        DeValue::Datetime(v) => Unpacked::Map(TableAccess::new(datetime_table(&v, span))),
        DeValue::Array(v) => Unpacked::Seq(ArrayAccess {
            iter: v.into_iter(),
        }),
        DeValue::Table(v) => Unpacked::Map(TableAccess::new(v)),
    }
}

/// toml's `DeFloat::to_f64`: an overflow to infinity is no number.
fn float(v: &toml::de::DeFloat<'_>) -> Option<f64> {
    let f: f64 = v.as_str().parse().ok()?;
    (!f.is_infinite() || v.as_str().contains("inf")).then_some(f)
}

/// toml hands a datetime over as a one-entry map (toml_datetime's private field name and
/// the datetime as text), located at the datetime.
fn datetime_table(v: &toml::value::Datetime, span: &Range<usize>) -> DeTable<'static> {
    let mut table = DeTable::new();
    table.insert(
        Spanned::new(span.clone(), Cow::Borrowed(DATETIME_FIELD)),
        Spanned::new(span.clone(), DeValue::String(Cow::Owned(v.to_string()))),
    );
    table
}

impl ValueDe<'_> {
    /// A datetime where a table or a struct other than toml's datetime belongs: "invalid
    /// type: datetime, expected ...", not its private one-entry table (whose key serde
    /// would call an unknown field, `$__toml_private_datetime`).
    fn no_datetime(&self, expected: &dyn de::Expected) -> Result<(), ReadError> {
        if let Input::Toml(DeValue::Datetime(_)) = self.input {
            let e: ReadError = de::Error::invalid_type(de::Unexpected::Other("datetime"), expected);
            return Err(e.located(&self.span));
        }
        Ok(())
    }
}

impl<'de> de::Deserializer<'de> for ValueDe<'de> {
    type Error = ReadError;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        let span = self.span;
        match unpack(self.input, &span) {
            Unpacked::Str(v) => visitor.visit_borrowed_str(v),
            Unpacked::String(v) => visitor.visit_string(v),
            Unpacked::I64(v) => visitor.visit_i64(v),
            Unpacked::U64(v) => visitor.visit_u64(v),
            Unpacked::I128(v) => visitor.visit_i128(v),
            Unpacked::U128(v) => visitor.visit_u128(v),
            Unpacked::F64(v) => visitor.visit_f64(v),
            Unpacked::Bool(v) => visitor.visit_bool(v),
            Unpacked::Map(v) => visitor.visit_map(v),
            Unpacked::Seq(v) => visitor.visit_seq(v),
            Unpacked::Err(e) => Err(e),
        }
        .map_err(|e| e.located(&span))
    }

    fn deserialize_option<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        let span = self.span.clone();
        visitor.visit_some(self).map_err(|e| e.located(&span))
    }

    fn deserialize_newtype_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        let span = self.span.clone();
        visitor
            .visit_newtype_struct(self)
            .map_err(|e| e.located(&span))
    }

    fn deserialize_struct<V: de::Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        if serde_spanned::de::is_spanned(name) {
            let span = self.span.clone();
            return visitor.visit_map(TableAccess::spanned(self, span));
        }
        if name != DATETIME_NAME {
            self.no_datetime(&visitor)?;
        }
        self.deserialize_any(visitor)
    }

    fn deserialize_map<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.no_datetime(&visitor)?;
        self.deserialize_any(visitor)
    }

    fn deserialize_enum<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        if !matches!(
            self.input,
            Input::Toml(DeValue::String(_) | DeValue::Table(_))
        ) {
            // toml says "wanted string or table"; say what was found and the values that
            // are valid, as serde does for an unknown one ("invalid type: integer `3`,
            // expected one of `para`, `hybrid`").
            let span = self.span.clone();
            let one_of = OneOf::<()>(variants, std::marker::PhantomData);
            if let Input::Toml(DeValue::Datetime(_)) = self.input {
                let e: ReadError =
                    de::Error::invalid_type(de::Unexpected::Other("datetime"), &one_of);
                return Err(e.located(&span));
            }
            return self
                .deserialize_any(OneOf::<V::Value>(variants, std::marker::PhantomData))
                .map_err(|e| e.located(&span));
        }
        let span = self.span;
        let Input::Toml(input) = self.input else {
            unreachable!("checked above: a string or a table");
        };
        match input {
            DeValue::String(v) => visitor.visit_enum(v.into_deserializer()),
            DeValue::Table(v) if v.is_empty() => Err(ReadError::at(
                "wanted exactly 1 element, found 0 elements",
                span.clone(),
            )),
            DeValue::Table(v) if v.len() != 1 => Err(ReadError::at(
                "wanted exactly 1 element, more than 1 element",
                span.clone(),
            )),
            DeValue::Table(v) => visitor.visit_enum(TableAccess::new(v)),
            _ => Err(ReadError::at("wanted string or table", span.clone())),
        }
        .map_err(|e| e.located(&span))
    }

    serde::forward_to_deserialize_any! {
        bool u8 u16 u32 u64 u128 i8 i16 i32 i64 i128 f32 f64 char str string seq
        bytes byte_buf unit ignored_any unit_struct tuple_struct tuple identifier
    }
}

/// A visitor that accepts nothing and expects one of an enum's values: handed a number, a
/// boolean, an array or a datetime, serde's default methods name what they were handed.
struct OneOf<T>(&'static [&'static str], std::marker::PhantomData<T>);

impl<'de, T> de::Visitor<'de> for OneOf<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("one of ")?;
        for (i, name) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{name}`")?;
        }
        Ok(())
    }
}

/// toml_datetime's private field name for a datetime read as a map.
const DATETIME_FIELD: &str = "$__toml_private_datetime";
/// toml_datetime's private struct name: the one struct a datetime is handed over as.
const DATETIME_NAME: &str = "$__toml_private_Datetime";

/// Reads a key as toml does: a plain string deserializer (field names only ever want a
/// string, so their visitors are not compiled for numbers, tables...), located at the key.
fn read_key<'de, K: de::DeserializeSeed<'de>>(
    seed: K,
    key: Spanned<Cow<'de, str>>,
) -> Result<K::Value, ReadError> {
    let span = key.span();
    seed.deserialize(key.into_inner().into_deserializer())
        .map_err(|e: ReadError| e.located(&span))
}

/// serde_spanned's private field names for a `Spanned<T>` read as a map: its start, its
/// end and the value itself, in the order this reader hands them over.
const SPAN_FIELDS: [&str; 3] = [
    "$__serde_spanned_private_start",
    "$__serde_spanned_private_end",
    "$__serde_spanned_private_value",
];

/// The entries of a table, in toml's order (sorted by key), each located; or the three
/// entries of a `Spanned<T>` (one map reader for both, so that a struct's or a span's
/// visitor is compiled once).
pub(crate) struct TableAccess<'de> {
    iter: <DeTable<'de> as IntoIterator>::IntoIter,
    value: Option<ValueDe<'de>>,
    /// A `Spanned<T>`: how many of [`SPAN_FIELDS`] are still to be read, and its span.
    span_fields: usize,
    span: Range<usize>,
}

impl<'de> TableAccess<'de> {
    fn new(table: DeTable<'de>) -> TableAccess<'de> {
        TableAccess {
            iter: table.into_iter(),
            value: None,
            span_fields: 0,
            span: 0..0,
        }
    }

    fn spanned(value: ValueDe<'de>, span: Range<usize>) -> TableAccess<'de> {
        TableAccess {
            iter: DeTable::new().into_iter(),
            value: Some(value),
            span_fields: SPAN_FIELDS.len(),
            span,
        }
    }
}

impl<'de> de::MapAccess<'de> for TableAccess<'de> {
    type Error = ReadError;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, ReadError> {
        if self.span_fields > 0 {
            let field = SPAN_FIELDS[SPAN_FIELDS.len() - self.span_fields];
            return seed
                .deserialize(de::value::BorrowedStrDeserializer::new(field))
                .map(Some);
        }
        match self.iter.next() {
            Some((key, value)) => {
                self.value = Some(ValueDe::new(value));
                read_key(seed, key).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, ReadError> {
        let offset = match self.span_fields {
            3 => Some(self.span.start),
            2 => Some(self.span.end),
            _ => None,
        };
        self.span_fields = self.span_fields.saturating_sub(1);
        if let Some(offset) = offset {
            return seed.deserialize(ValueDe {
                span: self.span.clone(),
                input: Input::Offset(offset),
            });
        }
        match self.value.take() {
            Some(value) => {
                let span = value.span.clone();
                seed.deserialize(value).map_err(|e| e.located(&span))
            }
            None => Err(de::Error::custom("a value read before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

impl<'de> de::EnumAccess<'de> for TableAccess<'de> {
    type Error = ReadError;
    type Variant = ValueDe<'de>;

    fn variant_seed<V: de::DeserializeSeed<'de>>(
        mut self,
        seed: V,
    ) -> Result<(V::Value, ValueDe<'de>), ReadError> {
        // deserialize_enum checked that the table has exactly one entry.
        let (key, value) = self.iter.next().ok_or_else(|| {
            de::Error::custom("expected table with exactly 1 entry, found empty table")
        })?;
        let variant = read_key(seed, key)?;
        Ok((variant, ValueDe::new(value)))
    }
}

/// The value of a `{ variant = value }` table (toml's `TableEnumDeserializer`).
impl<'de> de::VariantAccess<'de> for ValueDe<'de> {
    type Error = ReadError;

    fn unit_variant(self) -> Result<(), ReadError> {
        match self.input {
            Input::Toml(DeValue::Array(values)) if values.is_empty() => Ok(()),
            Input::Toml(DeValue::Array(_)) => Err(ReadError::at("expected empty array", self.span)),
            Input::Toml(DeValue::Table(values)) if values.is_empty() => Ok(()),
            Input::Toml(DeValue::Table(_)) => Err(ReadError::at("expected empty table", self.span)),
            other => Err(ReadError::at(
                format!("expected table, found {}", other.type_str()),
                self.span,
            )),
        }
    }

    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, ReadError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: de::Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        match self.input {
            Input::Toml(DeValue::Array(values)) if values.len() == len => {
                visitor.visit_seq(ArrayAccess {
                    iter: values.into_iter(),
                })
            }
            Input::Toml(DeValue::Array(_)) => Err(ReadError::at(
                format!("expected tuple with length {len}"),
                self.span,
            )),
            other => Err(ReadError::at(
                format!("expected table, found {}", other.type_str()),
                self.span,
            )),
        }
    }

    fn struct_variant<V: de::Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        de::Deserializer::deserialize_struct(self, "", fields, visitor)
    }
}

/// The elements of an array, each located.
pub(crate) struct ArrayAccess<'de> {
    iter: std::vec::IntoIter<Spanned<DeValue<'de>>>,
}

impl<'de> de::SeqAccess<'de> for ArrayAccess<'de> {
    type Error = ReadError;

    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, ReadError> {
        match self.iter.next() {
            Some(value) => seed.deserialize(ValueDe::new(value)).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

#[cfg(test)]
mod tests {
    //! The reader against `toml::from_str` itself: same value (compared through `Debug`)
    //! or same message at the same span, for every library scenario and assignment, the
    //! invalid corpus, and thousands of mutations of them.

    use super::*;
    use crate::assignment::AssignmentFile;
    use crate::scenario::ScenarioFile;

    fn outcome<T: fmt::Debug>(
        result: Result<T, (String, Option<Range<usize>>)>,
    ) -> Result<String, (String, Option<Range<usize>>)> {
        result.map(|value| format!("{value:?}"))
    }

    /// Compares both readers on `text`; returns whether toml accepted it.
    fn same<T: fmt::Debug + de::DeserializeOwned>(name: &str, text: &str) -> bool {
        let toml =
            outcome(toml::from_str::<T>(text).map_err(|e| (e.message().to_string(), e.span())));
        // Of several syntax errors, ours is the earliest in the file (`from_str`).
        // (A key of too many parts at that key: `earliest_error`.)
        let (_, errors) = DeTable::parse_recoverable(text);
        let toml = match earliest_error(text, &errors) {
            Some(e) => Err(e),
            None => toml,
        };
        let ours = outcome(from_str::<T>(text).map_err(|e| (e.message, e.span)));
        // Where toml says only "wanted string or table", ours names what was found and
        // the valid values, or the number that overflowed (same place).
        let ours = match (&toml, ours) {
            (Err((theirs, _)), Err((message, span)))
                if theirs == "wanted string or table"
                    && (message.contains(", expected one of `")
                        || message == "floating-point number overflowed") =>
            {
                Err((theirs.clone(), span))
            }
            // Where toml calls a datetime's private key an unknown field of the table
            // wanted, ours says a datetime was found (same place).
            (Err((theirs, _)), Err((message, span)))
                if theirs.starts_with(&format!("unknown field `{DATETIME_FIELD}`"))
                    && message.starts_with("invalid type: datetime, expected ") =>
            {
                Err((theirs.clone(), span))
            }
            (_, ours) => ours,
        };
        assert_eq!(toml, ours, "{name}:\n{text}");
        toml.is_ok()
    }

    /// The limits are toml's: a key of `MAX_KEY_PARTS` parts and `MAX_NESTING` nested
    /// arrays read, one more does not; a key too long is located at its start (a table
    /// name, a dotted key in an inline table, after a comment and a multi-line string
    /// with dots in them), not at the file's start.
    #[test]
    fn the_key_and_nesting_limits_are_tomls_and_located() {
        use crate::scenario::Scenario;
        let key = |n: usize| vec!["a"; n].join(" . ");
        let head = "# a.b.c.d\nx = \"\"\"\na.a.a.a\n\"\"\"\n";
        for (text, at) in [
            (format!("{head}[{}]\n", key(MAX_KEY_PARTS + 1)), (5, 2)),
            (
                format!("{head}y = {{ {} = 1 }}\n", key(MAX_KEY_PARTS + 1)),
                (5, 7),
            ),
            (format!("{head}\"q\".{} = 1\n", key(MAX_KEY_PARTS)), (5, 1)),
        ] {
            let (_, errors) = DeTable::parse_recoverable(&text);
            assert_eq!(errors.len(), 1, "{text}");
            let e = Scenario::from_toml("f.toml", &text).expect_err("too long");
            assert_eq!(
                (e.code, e.line, e.column),
                ("key_too_deep", at.0, at.1),
                "{e}"
            );
        }
        for text in [
            format!("[{}]\n", key(MAX_KEY_PARTS)),
            format!("y = {{ {} = 1 }}\n", key(MAX_KEY_PARTS)),
            format!(
                "y = {}{}\n",
                "[".repeat(MAX_NESTING),
                "]".repeat(MAX_NESTING)
            ),
        ] {
            let (_, errors) = DeTable::parse_recoverable(&text);
            assert!(errors.is_empty(), "{text}: {errors:?}");
        }
        let text = format!(
            "y = {}{}\n",
            "[".repeat(MAX_NESTING + 1),
            "]".repeat(MAX_NESTING + 1)
        );
        let e = Scenario::from_toml("f.toml", &text).expect_err("too deep");
        assert_eq!(
            (e.code, e.line, e.column),
            ("nesting_too_deep", 1, 5 + MAX_NESTING),
            "{e}"
        );
    }

    fn files(dir: &str) -> Vec<(String, String)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "toml"))
            .map(|path| {
                let text = std::fs::read_to_string(&path).unwrap();
                (path.display().to_string(), text)
            })
            .collect();
        out.sort();
        out
    }

    /// Deterministic mutations: truncations, one token replaced by values of other types,
    /// a key renamed, a line doubled.
    fn mutations(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let lines: Vec<&str> = text.lines().collect();
        let replacements = [
            "1",
            "-1",
            "1.5",
            "true",
            "\"x\"",
            "[]",
            "[1, \"a\"]",
            "{}",
            "{ a = 1 }",
            "1979-05-27",
            "99999999999999999999",
            "1e999",
            "{ en = \"a\" }",
        ];
        for (i, line) in lines.iter().enumerate() {
            let mut with = |new_line: String| {
                let mut copy = lines.clone();
                copy[i] = &new_line;
                out.push(copy.join("\n"));
            };
            if let Some((key, _)) = line.split_once(" = ") {
                for value in replacements {
                    with(format!("{key} = {value}"));
                }
                with(format!("{key}x = 1"));
            }
            with(format!("{line}\n{line}"));
            if line.starts_with("[[") {
                with("[nonsense]".to_string());
            }
        }
        for cut in (0..text.len()).step_by(97) {
            if text.is_char_boundary(cut) {
                out.push(text[..cut].to_string());
            }
        }
        out
    }

    #[test]
    fn scenarios_read_as_toml_reads_them() {
        let mut files_ = files("../scenarios");
        files_.extend(files("../tests/invalid"));
        let mut accepted = 0;
        let mut checked = 0;
        for (name, text) in &files_ {
            accepted += usize::from(same::<ScenarioFile>(name, text));
            for mutated in mutations(text) {
                same::<ScenarioFile>(name, &mutated);
                checked += 1;
            }
        }
        // The 31 library scenarios at least are valid TOML of the format.
        assert!(accepted >= 31, "{accepted}");
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn assignments_read_as_toml_reads_them() {
        let mut checked = 0;
        for (name, text) in files("../scenarios/assignments") {
            assert!(same::<AssignmentFile>(&name, &text), "{name}");
            for mutated in mutations(&text) {
                same::<AssignmentFile>(&name, &mutated);
                checked += 1;
            }
        }
        assert!(checked > 1_000, "{checked}");
    }
}
