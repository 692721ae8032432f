//! The compact binary form of serde's data model, written field after field in declaration
//! order without names: the bytes of a [`JobKey`](crate::JobKey), and the form in which the
//! page's workers send a job's outcome and a run's result to its main thread.
//!
//! Layout (little-endian): `bool` and `u8`/`i8` one byte; other integers and floats their
//! own width (`u128` 16 bytes), so numbers keep their exact bits and a value read back
//! equals the one written, bit for bit; `char` as `u32`; strings and byte strings a `u64`
//! length then the bytes; `None` a 0 byte, `Some(v)` a 1 byte then `v`; sequences and maps a
//! `u64` length then their elements (keys and values alternating); structs and tuples
//! their fields in order; an enum variant its index as `u32`, then its content.
//!
//! A struct's fields come in one of two ways (the writer's `TAGGED` parameter, a constant
//! so that each way is compiled without a test per field):
//! - plain ([`to_bytes`], [`from_bytes`]): each field as itself. A field left
//!   out by `skip_serializing_if` is written as `None`, a 0 byte: this reads back for
//!   `Option` fields (as `None`) and for `bool` fields skipped when false (a 0 byte is
//!   `false`: `Step::translated`), the only ones sim-core skips that way. The page reads
//!   results in this form with each type's sequence visitor only, not serde_json's map and
//!   field-name visitors (about 260 KB less wasm for `RunResult` and `JobOutcome`).
//! - tagged (job keys): each field after a 1 byte, a skipped field a 0 byte
//!   alone, so that equal bytes mean equal values whatever a field's type: a key is never
//!   read back, only compared.
//!
//! The form is not self-describing: both sides must be the same build (the page and its
//! workers load one module).

use std::fmt;

use serde::de::{self, DeserializeOwned, IntoDeserializer};
use serde::ser::{self, Serialize};

/// What went wrong writing or reading the binary form.
#[derive(Debug)]
pub struct BinaryFormError(String);

impl fmt::Display for BinaryFormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BinaryFormError {}

impl ser::Error for BinaryFormError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        BinaryFormError(msg.to_string())
    }
}

impl de::Error for BinaryFormError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        BinaryFormError(msg.to_string())
    }
}

type Result<T> = std::result::Result<T, BinaryFormError>;

/// `value` in the binary form, its fields plain.
pub fn to_bytes<T: Serialize>(value: &T) -> Result<Vec<u8>> {
    let mut out = Writer::<false>::new();
    value.serialize(&mut out)?;
    Ok(out.bytes)
}

/// Reads a `T` written by [`to_bytes`]; every byte must belong to it.
pub fn from_bytes<T: DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    let mut reader = Reader { rest: bytes };
    let value = T::deserialize(&mut reader)?;
    if !reader.rest.is_empty() {
        return Err(BinaryFormError(format!(
            "{} bytes left over after the value",
            reader.rest.len()
        )));
    }
    Ok(value)
}

// --- writing ------------------------------------------------------------------------

/// A serde serializer into the binary form: values written one after another.
/// `TAGGED`: each struct field after a 1 byte, a skipped one a 0 byte (job keys).
pub(crate) struct Writer<const TAGGED: bool> {
    pub(crate) bytes: Vec<u8>,
}

impl<const TAGGED: bool> Writer<TAGGED> {
    #[inline]
    pub(crate) fn new() -> Self {
        Writer { bytes: Vec::new() }
    }
    fn len(&mut self, n: usize) {
        self.bytes.extend_from_slice(&(n as u64).to_le_bytes());
    }
    fn variant(&mut self, index: u32) {
        self.bytes.extend_from_slice(&index.to_le_bytes());
    }
}

macro_rules! write_le {
    ($($name:ident: $t:ty),*) => {$(
        fn $name(self, v: $t) -> Result<()> {
            self.bytes.extend_from_slice(&v.to_le_bytes());
            Ok(())
        }
    )*};
}

impl<const TAGGED: bool> ser::Serializer for &mut Writer<TAGGED> {
    type Ok = ();
    type Error = BinaryFormError;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    write_le!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128, serialize_f32: f32, serialize_f64: f64);

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.bytes.push(u8::from(v));
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.serialize_u32(u32::from(v))
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        self.serialize_bytes(v.as_bytes())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        self.len(v.len());
        self.bytes.extend_from_slice(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<()> {
        self.bytes.push(0);
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<()> {
        self.bytes.push(1);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<()> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<()> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, index: u32, _: &'static str) -> Result<()> {
        self.variant(index);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        value: &T,
    ) -> Result<()> {
        self.variant(index);
        value.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self> {
        let len = len.ok_or_else(|| BinaryFormError("a sequence of unknown length".into()))?;
        self.len(len);
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self> {
        self.variant(index);
        Ok(self)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self> {
        let len = len.ok_or_else(|| BinaryFormError("a map of unknown length".into()))?;
        self.len(len);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self> {
        self.variant(index);
        Ok(self)
    }
    fn is_human_readable(&self) -> bool {
        false
    }
}

macro_rules! write_elements {
    ($($tr:ident :: $method:ident),*) => {$(
        impl<const TAGGED: bool> ser::$tr for &mut Writer<TAGGED> {
            type Ok = ();
            type Error = BinaryFormError;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
                value.serialize(&mut **self)
            }
            fn end(self) -> Result<()> {
                Ok(())
            }
        }
    )*};
}

write_elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl<const TAGGED: bool> ser::SerializeMap for &mut Writer<TAGGED> {
    type Ok = ();
    type Error = BinaryFormError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<()> {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<()> {
        Ok(())
    }
}

macro_rules! write_fields {
    ($($tr:ident),*) => {$(
        impl<const TAGGED: bool> ser::$tr for &mut Writer<TAGGED> {
            type Ok = ();
            type Error = BinaryFormError;
            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                _: &'static str,
                value: &T,
            ) -> Result<()> {
                if TAGGED {
                    self.bytes.push(1);
                }
                value.serialize(&mut **self)
            }
            // A field skipped by `skip_serializing_if` (an `Option` in sim-core, or a
            // `bool` skipped when false) reads back as `None` (or `false`); tagged, a 0
            // byte alone.
            fn skip_field(&mut self, _: &'static str) -> Result<()> {
                self.bytes.push(0);
                Ok(())
            }
            fn end(self) -> Result<()> {
                Ok(())
            }
        }
    )*};
}

write_fields!(SerializeStruct, SerializeStructVariant);

// --- reading ------------------------------------------------------------------------

struct Reader<'de> {
    rest: &'de [u8],
}

impl<'de> Reader<'de> {
    fn take(&mut self, n: usize) -> Result<&'de [u8]> {
        if self.rest.len() < n {
            return Err(BinaryFormError("the value ends early".into()));
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Ok(head)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut a = [0; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn len(&mut self) -> Result<usize> {
        let n = u64::from_le_bytes(self.array()?);
        // Each element takes at least a byte, except units: a length beyond the input is
        // a damaged value (and must not reserve memory for it).
        usize::try_from(n)
            .ok()
            .filter(|&n| n <= self.rest.len().max(1 << 20))
            .ok_or_else(|| BinaryFormError(format!("length {n} is past the end of the value")))
    }
    fn bytes(&mut self) -> Result<&'de [u8]> {
        let n = self.len()?;
        self.take(n)
    }
    fn str(&mut self) -> Result<&'de str> {
        std::str::from_utf8(self.bytes()?).map_err(|e| BinaryFormError(e.to_string()))
    }
}

macro_rules! read_le {
    ($($name:ident: $t:ty => $visit:ident),*) => {$(
        fn $name<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            visitor.$visit(<$t>::from_le_bytes(self.array()?))
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = BinaryFormError;

    read_le!(deserialize_i8: i8 => visit_i8, deserialize_i16: i16 => visit_i16,
        deserialize_i32: i32 => visit_i32, deserialize_i64: i64 => visit_i64,
        deserialize_i128: i128 => visit_i128, deserialize_u8: u8 => visit_u8,
        deserialize_u16: u16 => visit_u16, deserialize_u32: u32 => visit_u32,
        deserialize_u64: u64 => visit_u64, deserialize_u128: u128 => visit_u128,
        deserialize_f32: f32 => visit_f32, deserialize_f64: f64 => visit_f64);

    fn deserialize_any<V: de::Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(BinaryFormError(
            "the binary form is not self-describing (a type that reads any value)".into(),
        ))
    }
    fn deserialize_bool<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.take(1)?[0] {
            0 => visitor.visit_bool(false),
            1 => visitor.visit_bool(true),
            b => Err(BinaryFormError(format!("{b} is not a boolean"))),
        }
    }
    fn deserialize_char<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let code = u32::from_le_bytes(self.array()?);
        let c =
            char::from_u32(code).ok_or_else(|| BinaryFormError(format!("{code} is not a char")))?;
        visitor.visit_char(c)
    }
    fn deserialize_str<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.str()?)
    }
    fn deserialize_string<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }
    fn deserialize_bytes<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_bytes(self.bytes()?)
    }
    fn deserialize_byte_buf<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }
    fn deserialize_option<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.take(1)?[0] {
            0 => visitor.visit_none(),
            1 => visitor.visit_some(self),
            b => Err(BinaryFormError(format!("{b} is not an option tag"))),
        }
    }
    fn deserialize_unit<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }
    fn deserialize_unit_struct<V: de::Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_unit()
    }
    fn deserialize_newtype_struct<V: de::Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }
    fn deserialize_seq<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let left = self.len()?;
        visitor.visit_seq(Counted { reader: self, left })
    }
    fn deserialize_tuple<V: de::Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value> {
        visitor.visit_seq(Counted {
            reader: self,
            left: len,
        })
    }
    fn deserialize_tuple_struct<V: de::Visitor<'de>>(
        self,
        _: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_tuple(len, visitor)
    }
    fn deserialize_map<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let left = self.len()?;
        visitor.visit_map(Counted { reader: self, left })
    }
    fn deserialize_struct<V: de::Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_tuple(fields.len(), visitor)
    }
    fn deserialize_enum<V: de::Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(self)
    }
    fn deserialize_identifier<V: de::Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(BinaryFormError("the binary form has no field names".into()))
    }
    fn deserialize_ignored_any<V: de::Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(BinaryFormError(
            "the binary form cannot skip a value".into(),
        ))
    }
    fn is_human_readable(&self) -> bool {
        false
    }
}

/// The elements of a sequence, tuple, struct or map still to read.
struct Counted<'a, 'de> {
    reader: &'a mut Reader<'de>,
    left: usize,
}

impl<'de> de::SeqAccess<'de> for Counted<'_, 'de> {
    type Error = BinaryFormError;
    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.reader).map(Some)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

impl<'de> de::MapAccess<'de> for Counted<'_, 'de> {
    type Error = BinaryFormError;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.reader).map(Some)
    }
    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.reader)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

impl<'de> de::EnumAccess<'de> for &mut Reader<'de> {
    type Error = BinaryFormError;
    type Variant = Self;
    fn variant_seed<V: de::DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let index = u32::from_le_bytes(self.array()?);
        let variant = seed.deserialize(IntoDeserializer::<BinaryFormError>::into_deserializer(
            index,
        ))?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for &mut Reader<'de> {
    type Error = BinaryFormError;
    fn unit_variant(self) -> Result<()> {
        Ok(())
    }
    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: de::Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_tuple(self, len, visitor)
    }
    fn struct_variant<V: de::Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        de::Deserializer::deserialize_tuple(self, fields.len(), visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CpuGeneration, CpuVendor, RunResult, Scenario};

    /// A library scenario's text.
    fn library(file: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../scenarios")
            .join(file);
        std::fs::read_to_string(path).expect("library scenario")
    }

    /// A library scenario's result read back from the binary form writes the same JSON as
    /// the result itself: every field, in every nested type, crossed exactly (floats
    /// included, since JSON writes them with all their digits).
    #[test]
    fn a_result_crosses_exactly() {
        for file in ["smoke.toml", "io-paths.toml"] {
            let result = Scenario::from_toml(file, &library(file))
                .expect("valid")
                .run()
                .expect("runs");
            let bytes = to_bytes(&result).expect("writes");
            let back: RunResult = from_bytes(&bytes).expect("reads");
            assert_eq!(
                serde_json::to_string(&back).unwrap(),
                serde_json::to_string(&result).unwrap(),
                "{file}"
            );
        }
    }

    /// The host's CPU generation crosses with the result (the page names the exits by its
    /// vendor): an AMD host's reads back as AMD's, and so do its exits' names.
    #[test]
    fn an_amd_hosts_result_crosses_with_its_cpu() {
        let text = library("smoke.toml").replacen("[host]\n", "[host]\ncpu = \"zen\"\n", 1);
        let result = Scenario::from_toml("smoke.toml", &text)
            .expect("valid")
            .run()
            .expect("runs");
        assert_eq!(result.cpu, CpuGeneration::Zen);
        let back: RunResult = from_bytes(&to_bytes(&result).expect("writes")).expect("reads");
        assert_eq!(back.vendor(), CpuVendor::Amd);
        assert_eq!(
            serde_json::to_string(&back).unwrap(),
            serde_json::to_string(&result).unwrap()
        );
    }

    /// `skip_serializing_if` leaves an `Option` out: it reads back as `None`, and the
    /// fields after it still line up.
    #[test]
    fn a_skipped_option_reads_back_as_none() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct S {
            #[serde(default, skip_serializing_if = "Option::is_none")]
            a: Option<u8>,
            b: u64,
        }
        let s = S { a: None, b: 7 };
        // 1 byte for the skipped `a`, 8 for `b`.
        let bytes = to_bytes(&s).unwrap();
        assert_eq!(bytes.len(), 9);
        assert_eq!(from_bytes::<S>(&bytes).unwrap(), s);
    }

    /// A `bool` skipped when false (sim-core's `Step::translated`) is written as `None`, a
    /// 0 byte, which reads back as `false`; a true one is written as itself.
    #[test]
    fn a_bool_skipped_when_false_reads_back() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct S {
            #[serde(default, skip_serializing_if = "std::ops::Not::not")]
            a: bool,
            b: u64,
        }
        for a in [false, true] {
            let s = S { a, b: 7 };
            let bytes = to_bytes(&s).unwrap();
            assert_eq!(bytes.len(), 9);
            assert_eq!(from_bytes::<S>(&bytes).unwrap(), s);
        }
    }

    /// A damaged value is an error, never a panic or a huge allocation.
    #[test]
    fn damaged_values_are_errors() {
        let v = vec![String::from("abc"), String::from("é")];
        let bytes = to_bytes(&v).unwrap();
        for cut in 0..bytes.len() {
            assert!(
                from_bytes::<Vec<String>>(&bytes[..cut]).is_err(),
                "cut at {cut}"
            );
        }
        let mut long = bytes.clone();
        long.push(0);
        assert!(
            from_bytes::<Vec<String>>(&long).is_err(),
            "a byte left over"
        );
        // A length of 2^60 elements.
        let huge = (1u64 << 60).to_le_bytes();
        assert!(from_bytes::<Vec<u8>>(&huge).is_err());
    }

    /// Tagged fields tell a skipped field from a present one of any type: a `Vec` skipped
    /// when empty and one present but empty write different bytes (plain fields would
    /// write a 0 byte against an 8-byte length, which only a reader knows how to part).
    #[test]
    fn tagged_fields_tell_a_skipped_field_from_a_present_one() {
        #[derive(serde::Serialize)]
        struct S {
            #[serde(skip_serializing_if = "Option::is_none")]
            a: Option<u8>,
            b: u8,
        }
        let tagged = |s: &S| {
            let mut w = Writer::<true>::new();
            s.serialize(&mut w).expect("writes");
            w.bytes
        };
        // `a` skipped: its 0 tag, then `b`'s 1 tag and value.
        assert_eq!(tagged(&S { a: None, b: 7 }), [0, 1, 7]);
        // `a` present: its 1 tag, `Some`'s 1 byte and value, then `b`.
        assert_eq!(tagged(&S { a: Some(0), b: 7 }), [1, 1, 0, 1, 7]);
        assert_eq!(to_bytes(&S { a: Some(0), b: 7 }).unwrap(), [1, 0, 7]);
    }
}
