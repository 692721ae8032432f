//! Where two results differ: the first field that differs, by its path, with both values
//! ([`first_difference`], [`RunResult::first_difference`], [`assert_same_results!`](crate::assert_same_results)),
//! where a failing `assert_eq!` on two `RunResult`s prints thousands of lines of `Debug`.
//!
//! Values are compared as serde serializes them (what `virtsim run --format json` writes):
//! field by field in declaration order, list element by element, floats bit for bit. A
//! field left out of the serialized form (a numeric question's `options`) is not compared.
//!
//! ```
//! let text = include_str!("../../scenarios/smoke.toml");
//! let result = sim_core::Scenario::from_toml("smoke.toml", text)?.run()?;
//! let mut other = result.clone();
//! assert_eq!(result.first_difference(&other), None);
//!
//! other.platforms[3].latency[0].latency.p99_us += 0.5;
//! let d = result.first_difference(&other).unwrap();
//! assert_eq!(d.path, "platforms[3].latency[0].latency.p99_us");
//! assert_eq!(d.within, ["name = \"t1-hw\"", "op = syscall"]); // what the elements are
//! // platforms[3].latency[0].latency.p99_us: 0.3473333333333333 != 0.8473333333333333 (name = "t1-hw", op = syscall)
//! assert!(d.to_string().ends_with(" (name = \"t1-hw\", op = syscall)"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use serde::ser::{self, Serialize};

use crate::results::RunResult;

/// The first place where two values differ, in the order they serialize.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// Where, from the values compared: `platforms[1].cpu.hypervisor`; `exits.len()` for
    /// lists of different lengths (their common elements being equal); empty for the
    /// values themselves.
    pub path: String,
    /// The left value there as written: `41.25`, `"type2"` (a string), `net_receive` (an
    /// enum's variant), `None`, `(absent)` (a field only the other side writes), a list or
    /// table abridged.
    pub left: String,
    /// The right value there, written the same way.
    pub right: String,
    /// The list elements on the path named by their first field, when it is a name or an
    /// enum (equal on both sides): `name = "type2"`, `op = net_receive`.
    pub within: Vec<String>,
    /// How many other values differ after this one (a list's length counts once).
    pub others: usize,
    /// When both values are finite floats: how far apart they are in ULPs (units in the
    /// last place: 1 for two neighbouring `f64`s).
    pub ulps: Option<u64>,
    /// Whether every difference found, this one and the `others`, is of two floats at most
    /// [`ROUNDING_ULPS`] apart: the mark of a result read back from JSON by a parser that
    /// rounds the last digit (serde_json without its `float_roundtrip` feature), which
    /// `Display` then says.
    pub only_rounding: bool,
}

/// The most ULPs apart two floats may be for [`Difference::only_rounding`]: serde_json
/// without `float_roundtrip` reads a float written in full to within one or two.
pub const ROUNDING_ULPS: u64 = 2;

/// How far apart `a` and `b` are in ULPs (the `f64`s between them, plus one); `None` when
/// either is not finite. `0.0` and `-0.0` are 0 apart.
fn ulps_apart(a: f64, b: f64) -> Option<u64> {
    if !a.is_finite() || !b.is_finite() {
        return None;
    }
    // The bits as integers in the floats' order (negative floats' bits run backwards).
    let ordered = |x: f64| {
        let bits = x.to_bits() as i64;
        i128::from(if bits < 0 {
            i64::MIN.wrapping_sub(bits)
        } else {
            bits
        })
    };
    u64::try_from((ordered(a) - ordered(b)).unsigned_abs()).ok()
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        write!(f, "{} != {}", self.left, self.right)?;
        if !self.within.is_empty() {
            write!(f, " ({})", self.within.join(", "))?;
        }
        match self.others {
            0 => {}
            1 => write!(f, "; 1 other value differs")?,
            n => write!(f, "; {n} other values differ")?,
        }
        let plural = |n: u64| if n == 1 { "" } else { "s" };
        let read_back = "a result read back from JSON without serde_json's `float_roundtrip` \
                         feature differs so; turn it on: serde_json = { version = \"1\", \
                         features = [\"float_roundtrip\"] }";
        match self.ulps {
            Some(n) if self.only_rounding && self.others == 0 => write!(
                f,
                "; they differ only in the last digit ({n} ULP{} apart): {read_back}",
                plural(n)
            ),
            Some(_) if self.only_rounding => write!(
                f,
                "; all {} differ only in the last digit (at most {ROUNDING_ULPS} ULPs \
                 apart): {read_back}",
                self.others + 1
            ),
            Some(n) if n <= ROUNDING_ULPS => write!(
                f,
                "; these two differ only in the last digit ({n} ULP{} apart)",
                plural(n)
            ),
            _ => Ok(()),
        }
    }
}

/// The first field where `left` and `right` differ as serde serializes them, or `None` if
/// they serialize the same (floats bit for bit). Any `Serialize` value: a [`RunResult`], a
/// `PlatformResult`, a run's questions.
pub fn first_difference<T: Serialize + ?Sized>(left: &T, right: &T) -> Option<Difference> {
    let (a, b) = match (left.serialize(ToValue), right.serialize(ToValue)) {
        (Ok(a), Ok(b)) => (a, b),
        // Not in sim-core's types; a value that cannot be written cannot be shown the same.
        (a, b) => {
            let text = |v: Result<Value, Error>| {
                v.map_or_else(|e| format!("(not serializable: {})", e.0), |v| short(&v))
            };
            return Some(Difference {
                path: String::new(),
                left: text(a),
                right: text(b),
                within: Vec::new(),
                others: 0,
                ulps: None,
                only_rounding: false,
            });
        }
    };
    let mut walk = Walk {
        only_rounding: true,
        ..Walk::default()
    };
    walk.compare(&a, &b);
    walk.first.map(|mut d| {
        d.others = walk.count - 1;
        d.only_rounding = walk.only_rounding;
        d
    })
}

impl RunResult {
    /// The first field where this result and `other` differ ([`first_difference`]): for a
    /// test, a one-line reason instead of two results printed whole.
    ///
    /// ```
    /// # let text = include_str!("../../scenarios/smoke.toml");
    /// # let scenario = sim_core::Scenario::from_toml("smoke.toml", text)?;
    /// let (a, b) = (scenario.run()?, scenario.run()?);
    /// assert_eq!(a.first_difference(&b), None); // or: sim_core::assert_same_results!(a, b);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn first_difference(&self, other: &RunResult) -> Option<Difference> {
        first_difference(self, other)
    }
}

/// Asserts that two values serialize the same ([`diff::first_difference`](crate::diff::first_difference)),
/// as `assert_eq!` does, but a failure prints the first differing field and both of its
/// values rather than both values whole:
///
/// ```text
/// assertion `left == right` failed: a world switch 100 cycles dearer
///   first difference: platforms[1].ops: 10179 != 10134 (name = "type2"); 984 other values differ
/// ```
///
/// ```
/// # let text = include_str!("../../scenarios/smoke.toml");
/// # let scenario = sim_core::Scenario::from_toml("smoke.toml", text)?;
/// use sim_core::assert_same_results;
///
/// assert_same_results!(scenario.run()?, scenario.run()?);
/// assert_same_results!(scenario.run()?, scenario.run()?, "{}: two runs", scenario.name());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[macro_export]
macro_rules! assert_same_results {
    ($left:expr, $right:expr $(,)?) => {
        match (&$left, &$right) {
            (left, right) => {
                if let Some(d) = $crate::diff::first_difference(left, right) {
                    panic!("assertion `left == right` failed\n  first difference: {d}");
                }
            }
        }
    };
    ($left:expr, $right:expr, $($arg:tt)+) => {
        match (&$left, &$right) {
            (left, right) => {
                if let Some(d) = $crate::diff::first_difference(left, right) {
                    panic!(
                        "assertion `left == right` failed: {}\n  first difference: {d}",
                        format_args!($($arg)+)
                    );
                }
            }
        }
    };
}

/// A value as serialized: the tree the comparison walks.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Unit,
    None,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    /// A unit enum variant, by name.
    Variant(&'static str),
    Seq(Vec<Value>),
    /// Fields or map entries in their order; an enum variant with data is a one-entry map.
    Map(Vec<(String, Value)>),
}

/// Walks two values in step, keeping the first difference and counting them all.
#[derive(Default)]
struct Walk {
    path: String,
    within: Vec<String>,
    first: Option<Difference>,
    count: usize,
    /// Whether every difference so far is of floats at most [`ROUNDING_ULPS`] apart.
    only_rounding: bool,
}

impl Walk {
    /// A difference at `self.path + suffix`; `ulps` apart when both are floats.
    fn differ(&mut self, suffix: &str, left: String, right: String, ulps: Option<u64>) {
        self.count += 1;
        self.only_rounding &= ulps.is_some_and(|n| n <= ROUNDING_ULPS);
        if self.first.is_none() {
            self.first = Some(Difference {
                path: format!("{}{suffix}", self.path),
                left,
                right,
                within: self.within.clone(),
                others: 0,
                ulps,
                only_rounding: false,
            });
        }
    }

    /// Compares `a` and `b` under `self.path + step`.
    fn step(&mut self, step: &str, a: &Value, b: &Value) {
        let len = self.path.len();
        self.path.push_str(step);
        self.compare(a, b);
        self.path.truncate(len);
    }

    fn compare(&mut self, a: &Value, b: &Value) {
        match (a, b) {
            (Value::Map(x), Value::Map(y)) => {
                let dot = if self.path.is_empty() { "" } else { "." };
                for (key, va) in x {
                    match y.iter().find(|(k, _)| k == key) {
                        Some((_, vb)) => self.step(&format!("{dot}{key}"), va, vb),
                        None => {
                            self.differ(&format!("{dot}{key}"), short(va), "(absent)".into(), None)
                        }
                    }
                }
                for (key, vb) in y {
                    if !x.iter().any(|(k, _)| k == key) {
                        self.differ(&format!("{dot}{key}"), "(absent)".into(), short(vb), None);
                    }
                }
            }
            (Value::Seq(x), Value::Seq(y)) => {
                for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                    let label = label(va).filter(|l| Some(l) == label(vb).as_ref());
                    let named = label.is_some();
                    self.within.extend(label);
                    self.step(&format!("[{i}]"), va, vb);
                    if named {
                        self.within.pop();
                    }
                }
                if x.len() != y.len() {
                    self.differ(".len()", x.len().to_string(), y.len().to_string(), None);
                }
            }
            (Value::Float(p), Value::Float(q)) => {
                if p.to_bits() != q.to_bits() {
                    self.differ("", short(a), short(b), ulps_apart(*p, *q));
                }
            }
            _ => {
                if a != b {
                    self.differ("", short(a), short(b), None);
                }
            }
        }
    }
}

/// What a list element is, by its first field when that is a string or an enum's variant
/// (`name = "type2"`, `op = syscall`), or a tuple's first string (`"type2"`).
fn label(v: &Value) -> Option<String> {
    match v {
        Value::Map(fields) => match fields.first()? {
            (key, v @ (Value::Str(_) | Value::Variant(_))) => Some(format!("{key} = {}", short(v))),
            _ => None,
        },
        Value::Seq(items) => match items.first()? {
            v @ Value::Str(_) => Some(short(v)),
            _ => None,
        },
        _ => None,
    }
}

/// How many characters of a list or table [`short`] writes before it abridges.
const SHORT_CHARS: usize = 80;

/// `v` written in one line, a list or table abridged after about [`SHORT_CHARS`].
fn short(v: &Value) -> String {
    let mut out = String::new();
    write_value(v, &mut out);
    if out.chars().count() > SHORT_CHARS {
        out = out.chars().take(SHORT_CHARS).collect::<String>() + "…";
    }
    out
}

fn write_value(v: &Value, out: &mut String) {
    use fmt::Write as _;
    // Nothing past what `short` keeps is worth writing.
    if out.len() > 4 * SHORT_CHARS {
        return;
    }
    let _ = match v {
        Value::Unit => write!(out, "()"),
        Value::None => write!(out, "None"),
        Value::Bool(b) => write!(out, "{b}"),
        Value::Int(i) => write!(out, "{i}"),
        Value::Float(x) => write!(out, "{x:?}"),
        Value::Str(s) => write!(out, "{s:?}"),
        Value::Bytes(b) => write!(out, "{b:?}"),
        Value::Variant(name) => write!(out, "{name}"),
        Value::Seq(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_value(item, out);
            }
            write!(out, "]")
        }
        Value::Map(entries) => {
            out.push('{');
            for (i, (key, item)) in entries.iter().enumerate() {
                out.push_str(if i > 0 { ", " } else { " " });
                out.push_str(key);
                out.push_str(": ");
                write_value(item, out);
            }
            write!(out, " }}")
        }
    };
}

/// A serialization error (a `Serialize` impl's own).
#[derive(Debug)]
struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// A serde serializer into [`Value`].
struct ToValue;

/// A list being serialized (a sequence, tuple, tuple struct or tuple variant).
struct SeqOut {
    variant: Option<&'static str>,
    items: Vec<Value>,
}

/// A table being serialized (a map, struct or struct variant).
struct MapOut {
    variant: Option<&'static str>,
    entries: Vec<(String, Value)>,
    key: Option<String>,
}

/// `value` inside a one-entry map named by `variant`, if any (serde's external tagging).
fn tagged(variant: Option<&'static str>, value: Value) -> Value {
    match variant {
        Some(name) => Value::Map(vec![(name.to_string(), value)]),
        None => value,
    }
}

impl ser::Serializer for ToValue {
    type Ok = Value;
    type Error = Error;
    type SerializeSeq = SeqOut;
    type SerializeTuple = SeqOut;
    type SerializeTupleStruct = SeqOut;
    type SerializeTupleVariant = SeqOut;
    type SerializeMap = MapOut;
    type SerializeStruct = MapOut;
    type SerializeStructVariant = MapOut;

    fn serialize_bool(self, v: bool) -> Result<Value, Error> {
        Ok(Value::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Value, Error> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<Value, Error> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<Value, Error> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<Value, Error> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i128(self, v: i128) -> Result<Value, Error> {
        Ok(Value::Int(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Value, Error> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<Value, Error> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<Value, Error> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<Value, Error> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_u128(self, v: u128) -> Result<Value, Error> {
        Ok(i128::try_from(v).map_or_else(|_| Value::Str(v.to_string()), Value::Int))
    }
    fn serialize_f32(self, v: f32) -> Result<Value, Error> {
        Ok(Value::Float(v.into()))
    }
    fn serialize_f64(self, v: f64) -> Result<Value, Error> {
        Ok(Value::Float(v))
    }
    fn serialize_char(self, v: char) -> Result<Value, Error> {
        Ok(Value::Str(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Value, Error> {
        Ok(Value::Str(v.to_string()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Value, Error> {
        Ok(Value::Bytes(v.to_vec()))
    }
    fn serialize_none(self) -> Result<Value, Error> {
        Ok(Value::None)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Value, Error> {
        Ok(Value::Unit)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Value, Error> {
        Ok(Value::Unit)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Value, Error> {
        Ok(Value::Variant(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Value, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Value, Error> {
        Ok(tagged(Some(variant), value.serialize(self)?))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqOut, Error> {
        Ok(SeqOut {
            variant: None,
            items: Vec::with_capacity(len.unwrap_or(0)),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqOut, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<SeqOut, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<SeqOut, Error> {
        Ok(SeqOut {
            variant: Some(variant),
            items: Vec::with_capacity(len),
        })
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapOut, Error> {
        Ok(MapOut {
            variant: None,
            entries: Vec::with_capacity(len.unwrap_or(0)),
            key: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<MapOut, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<MapOut, Error> {
        Ok(MapOut {
            variant: Some(variant),
            entries: Vec::with_capacity(len),
            key: None,
        })
    }
}

impl SeqOut {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.items.push(value.serialize(ToValue)?);
        Ok(())
    }
    fn done(self) -> Value {
        tagged(self.variant, Value::Seq(self.items))
    }
}

impl ser::SerializeSeq for SeqOut {
    type Ok = Value;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<Value, Error> {
        Ok(self.done())
    }
}

impl ser::SerializeTuple for SeqOut {
    type Ok = Value;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<Value, Error> {
        Ok(self.done())
    }
}

impl ser::SerializeTupleStruct for SeqOut {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<Value, Error> {
        Ok(self.done())
    }
}

impl ser::SerializeTupleVariant for SeqOut {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<Value, Error> {
        Ok(self.done())
    }
}

impl MapOut {
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.entries
            .push((key.to_string(), value.serialize(ToValue)?));
        Ok(())
    }
    fn done(self) -> Value {
        tagged(self.variant, Value::Map(self.entries))
    }
}

impl ser::SerializeMap for MapOut {
    type Ok = Value;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(match key.serialize(ToValue)? {
            Value::Str(s) => s,
            other => short(&other),
        });
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.key.take().unwrap_or_default();
        self.field(&key, value)
    }
    fn end(self) -> Result<Value, Error> {
        Ok(self.done())
    }
}

impl ser::SerializeStruct for MapOut {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Result<Value, Error> {
        Ok(self.done())
    }
}

impl ser::SerializeStructVariant for MapOut {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Result<Value, Error> {
        Ok(self.done())
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::{first_difference, Difference};

    #[derive(Clone, Serialize)]
    struct Latency {
        op: Op,
        p99_cycles: u64,
    }

    #[derive(Clone, Copy, Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Op {
        Syscall,
        NetReceive,
    }

    #[derive(Clone, Serialize)]
    struct Platform {
        name: String,
        latency: Vec<Latency>,
        share: f64,
        sweep: Option<Sweep>,
        evidence: Vec<(String, f64)>,
    }

    #[derive(Clone, Serialize)]
    struct Sweep {
        density: u32,
    }

    #[derive(Clone, Serialize)]
    struct Run {
        seed: u64,
        platforms: Vec<Platform>,
    }

    fn run() -> Run {
        let platform = |name: &str, p99: u64| Platform {
            name: name.to_string(),
            latency: vec![
                Latency {
                    op: Op::Syscall,
                    p99_cycles: 100,
                },
                Latency {
                    op: Op::NetReceive,
                    p99_cycles: p99,
                },
            ],
            share: 12.5,
            sweep: None,
            evidence: vec![("a".into(), 1.0), ("b".into(), 2.0)],
        };
        Run {
            seed: 7,
            platforms: vec![platform("native", 900), platform("type2", 1234)],
        }
    }

    #[test]
    fn equal_values_have_no_difference() {
        assert_eq!(first_difference(&run(), &run()), None);
        let mut nan = run();
        nan.platforms[0].share = f64::NAN;
        assert_eq!(first_difference(&nan, &nan.clone()), None, "bit for bit");
    }

    #[test]
    fn a_deep_field_is_named_by_its_path_with_both_values() {
        let mut other = run();
        other.platforms[1].latency[1].p99_cycles = 1240;
        let d = first_difference(&run(), &other).unwrap();
        assert_eq!(
            d,
            Difference {
                path: "platforms[1].latency[1].p99_cycles".into(),
                left: "1234".into(),
                right: "1240".into(),
                within: vec!["name = \"type2\"".into(), "op = net_receive".into()],
                others: 0,
                ulps: None,
                only_rounding: false,
            }
        );
        assert_eq!(
            d.to_string(),
            "platforms[1].latency[1].p99_cycles: 1234 != 1240 (name = \"type2\", op = net_receive)"
        );
    }

    #[test]
    fn the_first_difference_in_field_order_and_a_count_of_the_others() {
        let mut other = run();
        other.seed = 8;
        other.platforms[0].share = -0.0;
        other.platforms[1].share = 0.1 + 0.2;
        other.platforms[1].evidence[1].1 = 2.5;
        let d = first_difference(&run(), &other).unwrap();
        assert_eq!(d.to_string(), "seed: 7 != 8; 3 other values differ");
        other.seed = 7;
        let d = first_difference(&run(), &other).unwrap();
        assert_eq!(
            d.to_string(),
            "platforms[0].share: 12.5 != -0.0 (name = \"native\"); 2 other values differ"
        );
        let mut other = run();
        other.platforms[1].evidence[1].1 = 2.5;
        let d = first_difference(&run(), &other).unwrap();
        assert_eq!(
            d.to_string(),
            "platforms[1].evidence[1][1]: 2.0 != 2.5 (name = \"type2\", \"b\")"
        );
    }

    /// A float read back by a parser that rounds the last digit (serde_json without
    /// `float_roundtrip`: a reviewer's `guest_kernel: 3.6338875833333337 !=
    /// 3.6338875833333333`, 87 others, with no hint) is said to be that, with the fix;
    /// a difference of more than the last digits, or of anything but floats, is not.
    #[test]
    fn floats_apart_in_the_last_digit_only_point_at_float_roundtrip() {
        let next = |x: f64, n: u64| f64::from_bits(x.to_bits() + n);
        let mut other = run();
        other.platforms[0].share = next(12.5, 1);
        let d = first_difference(&run(), &other).unwrap();
        assert_eq!((d.ulps, d.only_rounding), (Some(1), true));
        assert_eq!(
            d.to_string(),
            "platforms[0].share: 12.5 != 12.500000000000002 (name = \"native\"); they differ \
             only in the last digit (1 ULP apart): a result read back from JSON without \
             serde_json's `float_roundtrip` feature differs so; turn it on: serde_json = { \
             version = \"1\", features = [\"float_roundtrip\"] }"
        );
        other.platforms[1].evidence[0].1 = next(1.0, 2);
        let d = first_difference(&run(), &other).unwrap();
        assert!(d.only_rounding && d.others == 1, "{d:?}");
        assert!(
            d.to_string()
                .contains("; 1 other value differs; all 2 differ only in the last digit (at most 2 ULPs apart): a result read back"),
            "{d}"
        );
        // Three ULPs somewhere: not a rounding; the first still says how far apart it is.
        other.platforms[1].share = next(12.5, 3);
        let d = first_difference(&run(), &other).unwrap();
        assert!(!d.only_rounding, "{d:?}");
        assert!(
            d.to_string().ends_with(
                "; 2 other values differ; these two differ only in the last digit (1 ULP apart)"
            ),
            "{d}"
        );
        // Anything else beside: no hint of rounding.
        let mut other = run();
        other.platforms[0].share = next(12.5, 1);
        other.seed = 8;
        let d = first_difference(&run(), &other).unwrap();
        assert!(!d.only_rounding && d.ulps.is_none(), "{d:?}");
        // Negative floats, zeros of both signs, infinities.
        assert_eq!(
            super::ulps_apart(-1.0, f64::from_bits((-1.0f64).to_bits() + 1)),
            Some(1)
        );
        assert_eq!(super::ulps_apart(0.0, -0.0), Some(0));
        assert_eq!(
            super::ulps_apart(-f64::MIN_POSITIVE, f64::MIN_POSITIVE),
            Some(2 * f64::MIN_POSITIVE.to_bits())
        );
        assert_eq!(super::ulps_apart(1.0, f64::INFINITY), None);
        assert_eq!(
            super::ulps_apart(f64::MAX, -f64::MAX),
            Some(2 * f64::MAX.to_bits())
        );
    }

    #[test]
    fn a_name_that_differs_is_not_a_label() {
        let mut other = run();
        other.platforms[1].name = "type1".into();
        let d = first_difference(&run(), &other).unwrap();
        assert_eq!(d.to_string(), "platforms[1].name: \"type2\" != \"type1\"");
    }

    #[test]
    fn lengths_options_and_enums() {
        let mut other = run();
        other.platforms[1].latency.pop();
        let d = first_difference(&run(), &other).unwrap();
        assert_eq!(
            d.to_string(),
            "platforms[1].latency.len(): 2 != 1 (name = \"type2\")"
        );
        let mut other = run();
        other.platforms[0].sweep = Some(Sweep { density: 3 });
        let d = first_difference(&run(), &other).unwrap();
        assert_eq!(
            d.to_string(),
            "platforms[0].sweep: None != { density: 3 } (name = \"native\")"
        );
        let mut other = run();
        other.platforms[0].latency[0].op = Op::NetReceive;
        let d = first_difference(&run(), &other).unwrap();
        assert_eq!(
            d.to_string(),
            "platforms[0].latency[0].op: syscall != net_receive (name = \"native\")"
        );
        let long = (run().platforms, vec![0u8; 200]);
        let d = first_difference(&long, &(Vec::new(), vec![0u8; 200])).unwrap();
        assert_eq!(d.path, "[0].len()");
        assert_eq!(first_difference(&1u8, &2u8).unwrap().to_string(), "1 != 2");
        let d = first_difference(&Some(run()), &None).unwrap();
        assert!(d.left.starts_with("{ seed: 7, platforms: [{ name: "), "{d}");
        assert!(d.left.ends_with('…') && d.left.chars().count() == 81, "{d}");
        assert_eq!(d.right, "None");
    }

    #[test]
    fn the_assertion_passes_on_equal_values_and_names_the_field() {
        crate::assert_same_results!(run(), run());
        crate::assert_same_results!(run(), run(), "{} runs", 2);
        let mut other = run();
        other.platforms[1].latency[1].p99_cycles = 1240;
        let message = std::panic::catch_unwind(|| {
            crate::assert_same_results!(run(), other, "seed {}", 7);
        })
        .unwrap_err();
        assert_eq!(
            message.downcast_ref::<String>().map(String::as_str),
            Some(
                "assertion `left == right` failed: seed 7\n  first difference: \
                 platforms[1].latency[1].p99_cycles: 1234 != 1240 (name = \"type2\", op = net_receive)"
            )
        );
    }
}
