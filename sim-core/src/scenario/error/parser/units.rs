//! Units written with numbers (`2s`, `32 GiB`, `2.5GHz`): their quantity and scale, the
//! unit a key's name ends in, and the message for a number written with its unit.

use super::super::*;
use super::places::key_before;

/// A unit's quantity and size in its quantity's smallest unit of the format (time in
/// ns, sizes in bytes, clock in kHz, percent), for a unit written after a number or
/// ending a key's name. Sizes: `KiB`, `MiB`, `GiB`, `TiB` are binary (2^10, 2^20, 2^30,
/// 2^40 bytes: the format's `_kib`, `_mib` and `_gib` keys), `kB`, `MB`, `GB`, `TB`
/// decimal (10^3 ... 10^12 bytes, as SI and disk makers count; see [`binary_sibling`]).
pub(crate) fn unit_scale(unit: &str) -> Option<(char, f64)> {
    Some(match unit.to_ascii_lowercase().as_str() {
        "ns" => ('t', 1.0),
        "us" | "\u{b5}s" => ('t', 1e3),
        "ms" => ('t', 1e6),
        "s" | "sec" | "secs" | "seconds" => ('t', 1e9),
        "b" | "byte" | "bytes" => ('b', 1.0),
        "kb" => ('b', 1e3),
        "mb" => ('b', 1e6),
        "gb" => ('b', 1e9),
        "tb" => ('b', 1e12),
        "kib" => ('b', 1024.0),
        "mib" => ('b', 1024.0 * 1024.0),
        "gib" => ('b', 1024.0 * 1024.0 * 1024.0),
        "tib" => ('b', 1024.0 * 1024.0 * 1024.0 * 1024.0),
        "khz" => ('f', 1.0),
        "mhz" => ('f', 1e3),
        "ghz" => ('f', 1e6),
        "%" | "percent" => ('p', 1.0),
        _ => return None,
    })
}

/// What a number written with a unit (`2s`, `32 GiB`) is for a key whose name ends in a
/// unit (`duration_ms`): see [`in_key_unit`].
#[derive(Debug, PartialEq)]
pub(crate) enum KeyUnit {
    /// The same quantity in another unit: the key's unit as the format writes it, the
    /// value converted to it (`duration_ms`, `2`, `s`: ms, 2000) and, for a decimal size
    /// written for a binary key (`memory_gib = 16GB`), the binary unit the author may have
    /// meant and the value in it (GiB, 16).
    Converted(&'static str, String, Option<(&'static str, String)>),
    /// A unit of another quantity (`duration_ms = 2GiB`): the key's unit and quantity, and
    /// the written unit's quantity, in English and Korean.
    Other {
        key_unit: &'static str,
        key_quantity: (&'static str, &'static str),
        written_quantity: (&'static str, &'static str),
    },
}

/// The unit at the end of a key's name, as the format writes it, with its quantity and
/// scale (`None`: the name ends in no unit, like `cores`).
pub(crate) fn key_unit_of(key: &str) -> Option<(&'static str, char, f64)> {
    let key_unit = key.rsplit(['_', '-']).next()?;
    let (quantity, scale) = unit_scale(key_unit)?;
    Some((unit_display(key_unit)?, quantity, scale))
}

/// A unit at the end of a name as people write it (`us`: µs, `gib`: GiB).
pub(crate) fn unit_display(unit: &str) -> Option<&'static str> {
    Some(match unit.to_ascii_lowercase().as_str() {
        "ns" => "ns",
        "us" => "\u{b5}s",
        "ms" => "ms",
        "s" => "s",
        "bytes" | "b" => "bytes",
        "kib" => "KiB",
        "mib" => "MiB",
        "gib" => "GiB",
        "tib" => "TiB",
        "khz" => "kHz",
        "mhz" => "MHz",
        "ghz" => "GHz",
        "percent" => "%",
        _ => return None,
    })
}

/// A quantity of [`unit_scale`] in words (English, Korean).
pub(crate) fn quantity_words(quantity: char) -> (&'static str, &'static str) {
    match quantity {
        't' => ("a time", "시간"),
        'b' => ("a size (memory, bytes)", "크기(메모리, 바이트)"),
        'f' => ("a frequency", "주파수"),
        _ => ("a percentage", "백분율"),
    }
}

/// `number` written with `unit` for `key`, when the key's name ends in a unit
/// ([`KeyUnit`]). `None` when the unit is the key's own (the number alone is right), the
/// key's name ends in no unit, or the written unit is not one the reader knows.
pub(crate) fn in_key_unit(key: &str, number: &str, unit: &str) -> Option<KeyUnit> {
    let (name, quantity, key_scale) = key_unit_of(key)?;
    let (written, scale) = unit_scale(unit)?;
    if written != quantity {
        return Some(KeyUnit::Other {
            key_unit: name,
            key_quantity: quantity_words(quantity),
            written_quantity: quantity_words(written),
        });
    }
    if scale == key_scale {
        return None;
    }
    let number = number.parse::<f64>().ok()?;
    let value = number * scale / key_scale;
    if !value.is_finite() {
        return None;
    }
    // `16GB` for a key in GiB: 16 GB is 14.901 GiB, but 16 GiB may be what was meant.
    let meant = binary_sibling(unit)
        .filter(|_| name.ends_with("iB"))
        .and_then(|(binary, binary_scale)| {
            let value = number * binary_scale / key_scale;
            value.is_finite().then(|| (binary, shown(value)))
        });
    Some(KeyUnit::Converted(name, shown(value), meant))
}

/// A converted value for a message: whole, or with at most 6 decimals (3 for a value at
/// least 1, where more would only be noise of the conversion).
pub(crate) fn shown(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return format!("{value:.0}");
    }
    let fixed = if value.abs() >= 1.0 {
        format!("{value:.3}")
    } else {
        format!("{value:.6}")
    };
    fixed
        .trim_end_matches('0')
        .trim_end_matches('.')
        .to_string()
}

/// A decimal size unit's binary sibling, as the format writes it, and its size in bytes:
/// `GB` is `GiB` (2^30 bytes), ... ; `None` for any other unit.
pub(crate) fn binary_sibling(unit: &str) -> Option<(&'static str, f64)> {
    Some(match unit.to_ascii_lowercase().as_str() {
        "kb" => ("KiB", 1024.0),
        "mb" => ("MiB", 1024.0 * 1024.0),
        "gb" => ("GiB", 1024.0 * 1024.0 * 1024.0),
        "tb" => ("TiB", 1024.0 * 1024.0 * 1024.0 * 1024.0),
        _ => return None,
    })
}

/// A number written with its unit (`whole`: `number` and the unit `written`) for `key`:
/// converted into the key's unit, told that the unit measures another quantity, or the
/// number alone ([`in_key_unit`]).
pub(crate) fn number_with_unit(whole: &str, number: &str, written: &str, key: Option<&str>) -> Msg {
    match key.and_then(|key| Some((key, in_key_unit(key, number, written)?))) {
        Some((key, KeyUnit::Converted(unit, value, Some((binary, meant))))) => msg!(
            "syntax",
            "`{whole}`: write the number alone, in the key's unit ({unit}): {number} {written} (decimal, 1 {written} = {decimal} bytes) is {key} = {value}; if you meant {number} {binary} (1 {binary} = {power} bytes), write {key} = {meant}",
            "`{whole}`: 숫자만 키의 단위({unit})로 쓰세요: {number} {written}(10진 단위, 1 {written} = {decimal}바이트)은(는) {key} = {value}입니다. {number} {binary}(1 {binary} = {power}바이트)를 뜻했다면 {key} = {meant}(으)로 쓰세요",
            whole = whole,
            unit = unit,
            number = number,
            written = written,
            decimal = decimal_bytes(binary),
            key = key,
            value = value,
            binary = binary,
            power = binary_bytes(binary),
            meant = meant
        ),
        Some((key, KeyUnit::Converted(unit, value, None))) => msg!(
            "syntax",
            "`{whole}`: write the number alone, in the key's unit ({unit}): {whole} is {key} = {value}",
            "`{whole}`: 숫자만 키의 단위({unit})로 쓰세요: {whole}은(는) {key} = {value}",
            whole = whole,
            unit = unit,
            key = key,
            value = value
        ),
        Some((
            key,
            KeyUnit::Other {
                key_unit,
                key_quantity,
                written_quantity,
            },
        )) => msg!(
            "syntax",
            "`{whole}`: {written} measures {written_quantity}, but {key} is {key_quantity} in {key_unit}: write a number of {key_unit} alone",
            "`{whole}`: {written}은(는) {written_quantity_ko}의 단위이지만 {key} 값은 {key_unit} 단위의 {key_quantity_ko}입니다: {key_unit} 단위의 숫자만 쓰세요",
            whole = whole,
            written = written,
            written_quantity = written_quantity.0,
            written_quantity_ko = written_quantity.1,
            key = key,
            key_quantity = key_quantity.0,
            key_quantity_ko = key_quantity.1,
            key_unit = key_unit
        ),
        None => msg!(
            "syntax",
            "`{whole}`: write the number alone, without its unit: {number}",
            "`{whole}`: 숫자만 단위 없이 쓰세요: {number}",
            whole = whole,
            number = number
        ),
    }
}

/// The bytes of the decimal unit beside binary unit `binary` (`GiB`: 10^9 for GB).
pub(crate) fn decimal_bytes(binary: &str) -> &'static str {
    match binary {
        "KiB" => "10^3",
        "MiB" => "10^6",
        "GiB" => "10^9",
        _ => "10^12",
    }
}

/// The bytes of binary unit `binary` (`GiB`: 2^30).
pub(crate) fn binary_bytes(binary: &str) -> &'static str {
    match binary {
        "KiB" => "2^10",
        "MiB" => "2^20",
        "GiB" => "2^30",
        _ => "2^40",
    }
}

/// A number in quotes for a numeric key (`duration_ms = "200"`): to write it without them;
/// with its unit (`"2s"`), told as the same without quotes is ([`number_with_unit`]).
pub(crate) fn quoted_number_with_unit(m: &Msg, text: &str, span: &Range<usize>) -> Option<Msg> {
    if m.code != "invalid_type" {
        return None;
    }
    let detail = param_of(m, "detail")?;
    let (found, wanted) = detail.rsplit_once(", expected ")?;
    if !["u64", "u32", "u16", "u8", "usize", "f64", "f32"].contains(&wanted) {
        return None;
    }
    let quoted = found
        .strip_prefix("invalid type: string \"")?
        .strip_suffix('"')?;
    let number_len = quoted
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+')))
        .unwrap_or(quoted.len());
    let (number, rest) = quoted.split_at(number_len);
    let written = rest.trim_start();
    if number.parse::<f64>().is_err() {
        return None;
    }
    let whole = text.get(span.clone())?;
    if written.is_empty() {
        // Only the quotes are wrong (for a whole number's key, one 0 or more without a
        // point: anything else has the range's message).
        let whole_key = wanted.starts_with('u');
        if whole_key && number.contains(['.', '-']) {
            return None;
        }
        let key = key_before(text, span.start)?;
        return Some(msg!(
            "invalid_type",
            "`{whole}` is text: write the number without quotes, {key} = {number}",
            "`{whole}`은(는) 텍스트입니다: 숫자는 따옴표 없이 쓰세요, {key} = {number}",
            whole = whole,
            key = key,
            number = number
        ));
    }
    if !written.chars().all(|c| c.is_alphabetic() || c == '%') {
        return None;
    }
    let mut m = number_with_unit(whole, number, written, key_before(text, span.start));
    // Read as text, not as a syntax error: the code of a value of the wrong type.
    m.code = "invalid_type";
    Some(m)
}
