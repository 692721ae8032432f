//! Units written with numbers (`2s`, `32 GiB`, `2.5GHz`): their quantity and scale, the
//! unit a key's name ends in, and the message for a number written with its unit.

use super::super::*;
use super::places::{header_at, key_before};

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
        "s" | "sec" | "secs" | "second" | "seconds" | "초" => ('t', 1e9),
        // Minutes and hours: `m` alone is not among them, for it is also metres and the
        // milli of `ms`: `1m` is told the units read (`min`) rather than guessed.
        "min" | "mins" | "minute" | "minutes" | "분" => ('t', 60e9),
        "h" | "hr" | "hrs" | "hour" | "hours" | "시간" => ('t', 3600e9),
        "밀리초" => ('t', 1e6),
        "마이크로초" => ('t', 1e3),
        "나노초" => ('t', 1.0),
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

/// The values a key whose value may be written with a unit takes: least, most (with
/// how the least is written in messages) and whether only whole numbers; `section` is
/// the table the key is in (`host` or `instance`: their `memory_gib` differ). The same
/// ranges as the validator's (`validate/`) and the schema's (`format.rs`): change them
/// together.
pub(crate) fn key_range(
    key: &str,
    section: Option<&str>,
) -> Option<(f64, f64, &'static str, bool)> {
    Some(match key {
        "duration_ms" => (1.0, 60_000.0, "1", true),
        // A fault's at_ms is below duration_ms, which is at most 60000.
        "at_ms" => (1.0, 59_999.0, "1", true),
        "time_slice_ms" => (1.0, 1000.0, "1", true),
        "running_for_s" => (0.0, 2_592_000.0, "0", true),
        "latency_us" | "think_time_us" => (0.0, 10_000_000.0, "0", true),
        "halt_poll_us" | "irq_coalesce_us" => (0.0, 10_000.0, "0", true),
        "shared_cache_mib" => (1.0, 1024.0, "1", true),
        "working_set_mib" => (1.0, 16_777_216.0, "1", true),
        "kernel_code_kib" => (1.0, 1_048_576.0, "1", true),
        "io_bytes" | "message_bytes" => (1.0, 67_108_864.0, "1", true),
        "host_background_percent" => (0.0, 95.0, "0", true),
        "cap_percent" | "lock_percent" => (0.0, 100.0, "0", true),
        "clock_ghz" => (0.1, 10.0, "0.1", false),
        "memory_gib" if section == Some("host") => (0.125, 65536.0, "0.125", false),
        "memory_gib" => (1.0 / 1024.0, 65536.0, "0.0009765625 (1 MiB)", false),
        "rtt_ms" => (0.0, 2000.0, "0", false),
        "loss_percent" => (0.0, 50.0, "0", false),
        "max_downtime_ms" => (1.0, 60_000.0, "1", false),
        "tolerance_percent" => (0.0, 100.0, "0", false),
        _ => return None,
    })
}

/// Whether `value` is one `key` takes ([`key_range`]; a key not there: any finite value).
fn in_range(value: f64, range: Option<(f64, f64, &'static str, bool)>) -> bool {
    value.is_finite()
        && range.is_none_or(|(min, max, _, whole)| {
            (min..=max).contains(&value) && (!whole || value.fract() == 0.0)
        })
}

/// The units a number for a key of `quantity` may be written in and is converted from.
fn units_read(quantity: char) -> &'static str {
    match quantity {
        't' => "ns, us (\u{b5}s), ms, s, min, h, 초, 분, 시간",
        'b' => "bytes, KiB, MiB, GiB, TiB, kB, MB, GB, TB",
        'f' => "kHz, MHz, GHz",
        _ => "%",
    }
}

/// The last table header before `offset` (`host`, `instance`, ...), `[[...]]` or `[...]`.
fn section_before(text: &str, offset: usize) -> Option<&str> {
    let before = text.get(..offset.min(text.len()))?;
    before.split('\n').rev().find_map(|line| {
        let line = line.trim_start();
        line.starts_with('[').then_some(())?;
        let start = line.as_ptr() as usize - text.as_ptr() as usize;
        header_at(text, start).map(|(name, _)| name)
    })
}

/// A number written with its unit (`whole`: `number` and the unit `written`, at `at` in
/// `text`): converted into the key's unit, told that the unit measures another quantity,
/// the units read when it is none of them, or the number alone ([`in_key_unit`]). A value
/// is suggested only when the key takes it ([`key_range`]); otherwise the message says
/// what the key takes.
pub(crate) fn number_with_unit(
    whole: &str,
    number: &str,
    written: &str,
    text: &str,
    at: usize,
) -> Msg {
    let key = key_before(text, at);
    let range = key.and_then(|key| key_range(key, section_before(text, at)));
    let ok = |value: &str| value.parse::<f64>().is_ok_and(|v| in_range(v, range));
    // What the key takes, when a value converted (or the number alone) is not in it.
    let takes = |key: &str, said_en: String, said_ko: String| {
        let (_, max, min_text, whole_only) = range.expect("a key with a range");
        let unit = key_unit_of(key).map_or("", |(unit, _, _)| unit);
        let (what_en, what_ko) = match (whole_only, unit.is_empty()) {
            (true, false) => (
                format!("whole numbers of {unit}"),
                format!("{unit} 단위의 정수"),
            ),
            (true, true) => ("whole numbers".to_string(), "정수".to_string()),
            (false, false) => (format!("a number of {unit}"), format!("{unit} 단위의 숫자")),
            (false, true) => ("a number".to_string(), "숫자".to_string()),
        };
        msg!(
            "out_of_range",
            "`{whole}`: {key} takes {what} from {min} to {max}; {said}",
            "`{whole}`: {key}는 {min}에서 {max} 사이의 {what_ko}입니다. {said_ko}",
            whole = whole,
            key = key,
            what = what_en,
            what_ko = what_ko,
            min = min_text,
            max = shown(max),
            said = said_en,
            said_ko = said_ko
        )
    };
    let Some(key) = key else {
        return alone(whole, number);
    };
    let Some((key_unit, quantity, _)) = key_unit_of(key) else {
        // A key without a unit (`cores = "4 cores"`): the number alone, if taken.
        if range.is_some() && !ok(number) {
            return takes(key, format!("got {number}"), format!("입력값: {number}"));
        }
        return alone(whole, number);
    };
    // `4G` for a key in GiB: the key's own unit, shortened (for sizes only: `m` for a key
    // in ms may as well be minutes).
    let shortened = quantity == 'b'
        && !written.is_empty()
        && (key_unit.to_ascii_lowercase()).starts_with(&written.to_ascii_lowercase());
    if shortened {
        if range.is_some() && !ok(number) {
            return takes(key, format!("got {number}"), format!("입력값: {number}"));
        }
        return alone(whole, number);
    }
    if unit_scale(written).is_none() {
        return msg!(
            "syntax",
            "`{whole}`: `{written}` is not a unit virtsim reads; {key} is in {key_unit}: write a number of {key_unit} alone (units it converts from: {units})",
            "`{whole}`: `{written}`은(는) virtsim이 읽는 단위가 아닙니다. {key}는 {key_unit} 단위입니다: {key_unit} 단위의 숫자만 쓰세요 (변환해 알려 주는 단위: {units})",
            whole = whole,
            written = written,
            key = key,
            key_unit = key_unit,
            units = units_read(quantity)
        );
    }
    match in_key_unit(key, number, written) {
        Some(KeyUnit::Converted(unit, value, meant)) => {
            let meant = meant.filter(|(_, meant)| ok(meant));
            match (ok(&value), meant) {
                (true, Some((binary, meant))) => msg!(
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
                (false, Some((binary, meant))) => msg!(
                    "syntax",
                    "`{whole}`: write the number alone, in the key's unit ({unit}): {number} {written} (decimal, 1 {written} = {decimal} bytes) is {value} {unit}, which {key} does not take; if you meant {number} {binary} (1 {binary} = {power} bytes), write {key} = {meant}",
                    "`{whole}`: 숫자만 키의 단위({unit})로 쓰세요: {number} {written}(10진 단위, 1 {written} = {decimal}바이트)은(는) {value} {unit}(으)로 {key}에 쓸 수 없는 값입니다. {number} {binary}(1 {binary} = {power}바이트)를 뜻했다면 {key} = {meant}(으)로 쓰세요",
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
                (true, None) => msg!(
                    "syntax",
                    "`{whole}`: write the number alone, in the key's unit ({unit}): {whole} is {key} = {value}",
                    "`{whole}`: 숫자만 키의 단위({unit})로 쓰세요: {whole}은(는) {key} = {value}",
                    whole = whole,
                    unit = unit,
                    key = key,
                    value = value
                ),
                (false, None) => takes(
                    key,
                    format!("{number} {written} is {value} {unit}"),
                    format!("{number} {written}은(는) {value} {unit}입니다"),
                ),
            }
        }
        Some(KeyUnit::Other {
            key_unit,
            key_quantity,
            written_quantity,
        }) => msg!(
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
        // The key's own unit: the number alone, if taken.
        None if range.is_some() && !ok(number) => {
            takes(key, format!("got {number}"), format!("입력값: {number}"))
        }
        None => alone(whole, number),
    }
}

/// The number of `whole` without its unit.
fn alone(whole: &str, number: &str) -> Msg {
    msg!(
        "syntax",
        "`{whole}`: write the number alone, without its unit: {number}",
        "`{whole}`: 숫자만 단위 없이 쓰세요: {number}",
        whole = whole,
        number = number
    )
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
    let mut m = number_with_unit(whole, number, written, text, span.start);
    // Read as text, not as a syntax error: the code of a value of the wrong type.
    m.code = "invalid_type";
    Some(m)
}

#[cfg(test)]
mod tests {
    use super::key_range;

    /// The ranges a unit's conversion is judged by are the file format's: each key's
    /// least and most in the scenario schema (`docs/scenario.schema.json`, written from
    /// `format.rs`), its whole numbers where the schema's type is an integer. The few
    /// that differ do so on purpose, each said here: a change to a key's range in one
    /// place and not the other fails this.
    #[test]
    fn the_ranges_of_keys_with_units_are_the_schemas() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../../../../docs/scenario.schema.json"))
                .expect("the schema");
        let defs = &schema["$defs"];
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("ScenarioSection", "duration_ms", None),
            ("FaultSection", "at_ms", None),
            ("PlatformSection", "time_slice_ms", None),
            ("PlatformSection", "running_for_s", None),
            ("DiskSection", "latency_us", None),
            ("NicSection", "latency_us", None),
            ("WorkloadSection", "think_time_us", None),
            ("PlatformSection", "halt_poll_us", None),
            ("PlatformSection", "irq_coalesce_us", None),
            ("HostSection", "shared_cache_mib", None),
            ("InstanceSection", "working_set_mib", None),
            ("WorkloadSection", "kernel_code_kib", None),
            ("WorkloadSection", "io_bytes", None),
            ("WorkloadSection", "message_bytes", None),
            ("PlatformSection", "host_background_percent", None),
            ("InstanceSection", "cap_percent", None),
            ("WorkloadSection", "lock_percent", None),
            ("HostSection", "clock_ghz", None),
            ("HostSection", "memory_gib", Some("host")),
            ("InstanceSection", "memory_gib", Some("instance")),
            ("PlatformSection", "rtt_ms", None),
            ("PlatformSection", "loss_percent", None),
            ("MigrationSection", "max_downtime_ms", None),
            ("QuestionSection", "tolerance_percent", None),
        ];
        for &(def, key, section) in cases {
            let field = &defs[def]["properties"][key];
            assert!(field.is_object(), "{def}.{key} is not in the schema");
            let (least, most, _, whole) = key_range(key, section).expect(key);
            let schema_least = field["minimum"].as_f64().expect("a minimum");
            let integer = match &field["type"] {
                serde_json::Value::String(t) => t == "integer",
                serde_json::Value::Array(ts) => ts.iter().any(|t| t == "integer"),
                _ => false,
            };
            assert_eq!(whole, integer, "{def}.{key}: whole numbers");
            match (def, key) {
                // A fault comes before the run's end: below duration_ms's most.
                ("FaultSection", "at_ms") => assert_eq!(most + 1.0, 60_000.0),
                // The schema says no most; the validator's checks do (validate/check.rs).
                ("PlatformSection", "halt_poll_us" | "irq_coalesce_us") => {
                    assert!(
                        field["maximum"].is_null(),
                        "{key}: the schema now has a most"
                    );
                    assert_eq!(most, 10_000.0, "{key}");
                }
                ("WorkloadSection", "lock_percent") => {
                    assert!(
                        field["maximum"].is_null(),
                        "{key}: the schema now has a most"
                    );
                    assert_eq!(most, 100.0, "{key}");
                }
                _ => assert_eq!(Some(most), field["maximum"].as_f64(), "{def}.{key}: most"),
            }
            match (def, key) {
                // An instance's memory is at least 1 MiB (the validator); the schema says 0.
                ("InstanceSection", "memory_gib") => {
                    assert_eq!((schema_least, least), (0.0, 1.0 / 1024.0))
                }
                _ => assert_eq!(least, schema_least, "{def}.{key}: least"),
            }
        }
    }
}
