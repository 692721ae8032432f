//! The numbers students give and read: how an answer is printed and shown, and how a typed
//! number is read (units, digit grouping, decimal commas, full-width forms).

use crate::text::Text;

/// How a numeric answer is printed: a whole number without decimals (a count: "1", "16";
/// a whole rate: "166250"), anything else with two ("4.11", "53486.67").
pub fn numeric_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value:.2}")
    }
}

/// A figure as a grader reads it, with its decimals: [`numeric_text`]'s, and for a figure
/// below 1 (not 0) three significant digits ([`shown_decimals`], at most six decimals),
/// without trailing zeros beyond `numeric_text`'s: 0.0967 (printed "0.10"), 0.000333
/// ("0.00"), 0.056 for 0.05597 ("0.06"), 0.50 for 0.5; 4.48 and 16 as printed.
pub fn expected_figure_of(value: f64) -> (String, usize) {
    let printed = numeric_text(value);
    let printed_decimals = printed.split_once('.').map_or(0, |(_, f)| f.len());
    if value == 0.0 || value.abs() >= 1.0 || !value.is_finite() {
        return (printed, printed_decimals);
    }
    let decimals = shown_decimals(value, false).max(printed_decimals);
    let mut text = format!("{value:.decimals$}");
    let mut decimals = decimals;
    while decimals > printed_decimals && text.ends_with('0') {
        text.pop();
        decimals -= 1;
    }
    (text, decimals)
}

/// The units a number may be followed by: every metric's own ([`Metric::unit`]), `us`
/// and `μs` (Greek mu) for `µs`, `회/초` for `/s` (the Korean page writes rates so), and
/// `퍼센트` for `%` (a Korean student's "13.7 퍼센트"), and in English `percent`, `per cent`
/// and `pct` (an English student's "12 percent" was refused where "12 퍼센트" was read),
/// and `개`, the Korean counter, after a count (a question whose unit is none: "1개" VMs
/// stopped).
/// Matched without regard to ASCII case.
///
/// [`Metric::unit`]: super::Metric::unit
const UNITS: &[&str] = &[
    "kbit/s",
    "ops/s",
    "/s",
    "회/초",
    "%",
    "퍼센트",
    "percent",
    "per cent",
    "pct",
    "µs",
    "μs",
    "us",
    "ms",
    "MiB",
    "s",
    "ns",
    "초",
    "밀리초",
    "마이크로초",
    "나노초",
    "개",
];

/// A time unit's length in µs: an answer in one time unit is read in another's (`5초` to a
/// question in ms is 5000, as a Korean class writes it: an instructor's review).
fn micros_in(unit: &str) -> Option<i32> {
    match unit.to_ascii_lowercase().as_str() {
        "s" | "초" => Some(6),
        "ms" | "밀리초" => Some(3),
        "µs" | "μs" | "us" | "마이크로초" => Some(0),
        // A student who read 4480 ns off a table: 4.48 µs (a student's review).
        "ns" | "나노초" => Some(-3),
        _ => None,
    }
}

/// A number as a student types it: `29.5`, `29.5%`, `29,5` (decimal comma), `1,234`
/// or `1 234` (thousands separators), `+5`, `14 ms` (a unit after the number: one of the
/// metrics' units, `UNITS`), full-width forms. Anything else after the number makes it no
/// number at all ("157124회", "27.04abc", "15.7만": a word or a multiplier the reader would
/// have to guess). Digits grouped otherwise are a slip, not a number: "5 7" is not 57,
/// "5,7,8" not 578; "0,577" (0.577 to whoever typed it) and "1.234,5" (a dot before a
/// comma) are not read at all rather than read wrong. Whether the unit is the question's
/// own is [`QuestionAnswer::read_number`]'s to say.
///
/// [`QuestionAnswer::read_number`]: super::QuestionAnswer::read_number
pub fn parse_number(text: &str) -> Option<f64> {
    number_and_unit(text).map(|(value, _)| value)
}

/// A student's answer to a numeric question whose unit is `own` ([`Metric::unit`]), as
/// [`QuestionAnswer::read_number`] reads it: a number followed by nothing or by that unit,
/// or, for a time, by another time unit (`s`, `ms`, `µs`, `ns`, or their Korean names), converted.
///
/// [`Metric::unit`]: super::Metric::unit
/// [`QuestionAnswer::read_number`]: super::QuestionAnswer::read_number
pub fn read_number_in(given: &str, own: &str) -> Option<f64> {
    let (number, unit) = number_text_and_unit(given)?;
    let value = |shift: i32| {
        // Shifted in decimal, not multiplied: "5.357 s" is exactly 5357 ms. A number
        // written with its own exponent ("1.02e6", which `parse_number` reads) has the
        // shift added to it: "1.02e6e0" is no number, and the page called "1.02e6" another
        // unit (a reviewer).
        let (mantissa, exponent) = match number.split_once(['e', 'E']) {
            Some((mantissa, exponent)) => (mantissa, exponent.parse::<i32>().ok()?),
            None => (number.as_str(), 0),
        };
        format!("{mantissa}e{}", exponent.checked_add(shift)?)
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
    };
    // A count in Korean takes its counter: "1개" (a student's "VM 몇 개" answered so).
    if unit.is_empty() || unit.eq_ignore_ascii_case(own) || (own.is_empty() && unit == "개") {
        return value(0);
    }
    // Another time unit than the question's: converted ("5초" is 5000 ms, "890 us" 0.89 ms).
    let (from, to) = (micros_in(unit)?, micros_in(own)?);
    value(from - to)
}

/// Whether `given`, an answer to a question whose unit is `own`, is a percentage written
/// as a bare fraction: `own` is `%` and `given` a number between -1 and 1 (not 0) with no
/// `%` after it ("0.575"). It may be 57.5 % written as a fraction or 0.575 % itself: the
/// page asks again rather than guess. It asks whatever the answer is, so asking tells a
/// student nothing (asking only when 57.5 would be right would say that it is).
pub fn fraction_for_percent(given: &str, own: &str) -> bool {
    own == "%"
        && number_and_unit(given)
            .is_some_and(|(value, unit)| unit.is_empty() && value != 0.0 && value.abs() < 1.0)
}

/// The time unit an answer to a question in `own` was written in when it is another than
/// `own`, in one spelling ("5초" to a question in ms: `s`; "890 us" to one in µs: `None`,
/// the same unit): [`read_number_in`] converted it, and the page says what it read.
pub fn converted_from(given: &str, own: &str) -> Option<&'static str> {
    let (_, unit) = number_text_and_unit(given)?;
    let same = unit.is_empty()
        || unit.eq_ignore_ascii_case(own)
        || (micros_in(unit).is_some() && micros_in(unit) == micros_in(own));
    (!same && micros_in(unit).is_some() && micros_in(own).is_some()).then_some(unit)
}

/// What a numeric question whose unit is `own` reads as an answer ([`read_number_in`]),
/// in words.
pub fn accepted_answers_in(own: &str) -> Text {
    match own {
        // Every metric without a unit is a count (instances, operations, sessions).
        "" => Text::new(
            "a count such as 3 or 1,234, with nothing after it",
            "3이나 1,234처럼 숫자만 쓰거나 `개`를 붙인 개수",
        ),
        "µs" | "ms" => Text::new(
            format!("a number such as 1,234.5, alone (in {own}) or followed by a time unit: `ns`, `µs` (or `us`), `ms` or `s`"),
            format!("1,234.5처럼 숫자만({own} 단위) 쓰거나 시간 단위 `ns`, `µs`(`us`), `ms`, `s`(`초`, `밀리초`)를 붙인 숫자"),
        ),
        "%" => Text::new(
            "a number such as 1,234.5, alone or followed by `%` (or `percent`)",
            "1,234.5처럼 숫자만 쓰거나 `%`(또는 `퍼센트`)를 붙인 숫자",
        ),
        "/s" => Text::new(
            "a number such as 1,234.5, alone or followed by `/s`",
            "1,234.5처럼 숫자만 쓰거나 `회/초`나 `/s`를 붙인 숫자",
        ),
        unit => Text::new(
            format!("a number such as 1,234.5, alone or followed by `{unit}`"),
            format!("1,234.5처럼 숫자만 쓰거나 단위 `{unit}`를 붙인 숫자"),
        ),
    }
}

/// Full-width forms made ASCII, as a Korean or Japanese input method types them
/// ("９８．８％", "０.５", "１２ ｍｓ": digits, signs, letters, '.', '/') and the
/// ideographic space a plain one; everything else as it is. Every reader of a typed
/// number calls it first.
pub fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect()
}

/// [`parse_number`], with the unit written after the number (empty: none).
fn number_and_unit(text: &str) -> Option<(f64, &'static str)> {
    let (number, unit) = number_text_and_unit(text)?;
    let value = number.parse::<f64>().ok().filter(|v| v.is_finite())?;
    Some((value, unit))
}

/// [`number_and_unit`]'s number as the text `f64` parses (separators taken out, a decimal
/// comma made a point), with its unit in one spelling ("회/초" is "/s", "밀리초" "ms").
fn number_text_and_unit(text: &str) -> Option<(String, &'static str)> {
    let text = half_width(text);
    let text = text.trim();
    // The longest unit the text ends in ("ops/s", not "/s").
    let unit = UNITS
        .iter()
        .copied()
        .filter(|unit| {
            text.len() > unit.len()
                && text.is_char_boundary(text.len() - unit.len())
                && text[text.len() - unit.len()..].eq_ignore_ascii_case(unit)
        })
        .max_by_key(|unit| unit.len())
        .unwrap_or("");
    let number = text[..text.len() - unit.len()].trim_end();
    // The Korean page's rate unit is the same unit, and so are the time units' Korean names.
    let unit = match unit {
        "회/초" => "/s",
        "밀리초" => "ms",
        "마이크로초" => "µs",
        "나노초" => "ns",
        "초" => "s",
        "퍼센트" | "percent" | "per cent" | "pct" => "%",
        unit => unit,
    };
    if !well_grouped(number) {
        return None;
    }
    let number: String = number
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    let commas = number.matches(',').count();
    let decimal_comma = commas == 1
        && !number.contains('.')
        && number.split(',').nth(1).is_some_and(|frac| frac.len() != 3);
    let number = if decimal_comma {
        number.replace(',', ".")
    } else {
        number.replace(',', "")
    };
    // Only what `f64` reads as a number: a shift by an exponent is then appended to it.
    number.parse::<f64>().ok().filter(|v| v.is_finite())?;
    Some((number, unit))
}

/// Whether the digits of `text` are grouped as [`parse_number`] accepts: thousands
/// separators (a comma or a space) only between groups of three digits after a first group
/// of one to three. `number` has its full-width forms made half-width and its unit taken
/// off.
fn well_grouped(number: &str) -> bool {
    let number = number.trim();
    let number = number.strip_prefix(['-', '+']).unwrap_or(number);
    // An exponent ("1e3", "2.5E-3"): the grouping is the mantissa's.
    let number = match number.rfind(['e', 'E']) {
        Some(i)
            if {
                let exponent = &number[i + 1..];
                let digits = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
                !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
            } =>
        {
            &number[..i]
        }
        _ => number,
    };
    // Digit runs and the one separator between each two: ' ' (any white space), ',' or '.'.
    let mut runs: Vec<usize> = vec![0];
    let mut separators: Vec<char> = Vec::new();
    let mut after_separator = false;
    for c in number.chars() {
        if c.is_ascii_digit() {
            if let Some(run) = runs.last_mut() {
                *run += 1;
            }
            after_separator = false;
            continue;
        }
        let separator = match c {
            ',' | '.' => c,
            c if c.is_whitespace() => ' ',
            _ => return false,
        };
        if after_separator {
            // "1 , 234", "1,,234": not a grouping anyone writes; "1  234" is one space.
            if separator == ' ' && separators.last() == Some(&' ') {
                continue;
            }
            return false;
        }
        separators.push(separator);
        runs.push(0);
        after_separator = true;
    }
    let Some(&last) = separators.last() else {
        return true;
    };
    let commas = separators.iter().filter(|&&c| c == ',').count();
    // The decimal mark, by sim-core's rule: a dot, or a lone comma (no dot) that three
    // digits do not follow.
    let decimal = last == '.'
        || (last == ',' && commas == 1 && !separators.contains(&'.') && runs.last() != Some(&3));
    let grouping = &separators[..separators.len() - usize::from(decimal)];
    let Some(&mark) = grouping.first() else {
        return true;
    };
    let integer = &runs[..=grouping.len()];
    // "0,577" is 0.577 to whoever typed it, not 577: a grouped number starts with 1-9.
    mark != '.'
        && !number.starts_with('0')
        && grouping.iter().all(|&c| c == mark)
        && (1..=3).contains(&integer[0])
        && integer[1..].iter().all(|&n| n == 3)
}

/// Two figures further apart than this (relative) differ visibly in the tables.
pub const VISIBLE_DIFFERENCE_RELATIVE: f64 = 0.01;

/// Half a unit of the last decimal a numeric answer is printed with (two decimals): an
/// answer that agrees with the printed figure is right whatever the tolerance, so a mean
/// latency of 0.000333 µs, printed (and read in the tables) as 0.00, is answered by 0.00,
/// and a tolerance of 0 accepts the printed 27.11 for 27.1134.
pub const PRINTED_HALF_UNIT: f64 = 0.005;

/// The most decimals `virtsim answers` and `run` print a figure of 1 or more with
/// ([`printed_figures`]).
pub const PRINTED_DECIMALS: usize = 2;

/// The figures of one line as `virtsim run` and `virtsim answers` print them (a question's
/// evidence, a list of platforms' values, a range of figures), by one rule that the
/// tie check ([`QuestionAnswer::shown_tie`]) reads too:
///
/// - figures of 1 or more (and 0) share their decimals: as many as the most precise of them
///   needs, at most [`PRINTED_DECIMALS`] (`74.20%, 57.28%`, not `74.2%, 57.28%`; `16, 12`
///   for whole figures);
/// - a figure below 1 (not 0) has three significant digits, at least as many decimals as
///   the others and at most six ([`shown_decimals`], as the page shows it): `0.347`,
///   `0.0967`, `0.000333`, `0.500` (not `0.35`, `0.10` or `0`, which hide a difference
///   or read as no cost at all).
///
/// A figure that rounds to zero prints without a sign; the digits of a whole part past
/// 999 are grouped in thousands, as the page writes them (`12,711.11`, `518,000`:
/// [`crate::text::grouped`]).
///
/// ```
/// use sim_core::question::printed_figures;
/// assert_eq!(printed_figures(&[74.2, 57.28, 0.0]), ["74.20", "57.28", "0.00"]);
/// assert_eq!(printed_figures(&[0.3473, 1.14, 0.354]), ["0.347", "1.14", "0.354"]);
/// assert_eq!(printed_figures(&[16.0, 12.0]), ["16", "12"]);
/// assert_eq!(printed_figures(&[12711.111, 518000.0]), ["12,711.11", "518,000.00"]);
/// ```
///
/// [`QuestionAnswer::shown_tie`]: super::QuestionAnswer::shown_tie
pub fn printed_figures(values: &[f64]) -> Vec<String> {
    let small = |v: f64| v != 0.0 && v.is_finite() && v.abs() < 1.0;
    // The decimals the figures of 1 or more need, trailing zeros left out.
    let decimals = values
        .iter()
        .filter(|v| !small(**v))
        .map(|v| {
            let text = format!("{v:.PRINTED_DECIMALS$}");
            match text.split_once('.') {
                Some((_, fraction)) => fraction.trim_end_matches('0').len(),
                None => 0,
            }
        })
        .max()
        .unwrap_or(0);
    values
        .iter()
        .map(|&v| {
            let d = if small(v) {
                shown_decimals(v, false).max(decimals)
            } else {
                decimals
            };
            let text = format!("{v:.d$}");
            match text.strip_prefix('-') {
                // "-0.00" for -0.001: no sign on a zero.
                Some(unsigned) if unsigned.chars().all(|c| c == '0' || c == '.') => {
                    unsigned.to_string()
                }
                _ => crate::text::grouped(&text),
            }
        })
        .collect()
}

/// One figure as `virtsim run` and `answers` print it alone ([`printed_figures`] of a line
/// of one): `74.2`, `0.347`, `16`.
pub fn printed_figure(value: f64) -> String {
    printed_figures(&[value]).pop().unwrap_or_default()
}

/// The decimals the page shows a figure `value` with in a question's evidence and its
/// tables (web-ui's `num::decimals` and `num::pct` call this): a percentage with one
/// decimal below 100 and none from 100; any other figure whole when it is whole or from 100
/// up, with one decimal from 10, two from 1, and three significant digits below 1 (at most
/// six decimals).
pub fn shown_decimals(value: f64, percent: bool) -> usize {
    let a = value.abs();
    if percent {
        return if a >= 100.0 { 0 } else { 1 };
    }
    if a == a.trunc() || a >= 100.0 {
        0
    } else if a >= 10.0 {
        1
    } else if a >= 1.0 {
        2
    } else if a >= 0.001 {
        (-(a.log10().floor()) as usize + 2).min(6)
    } else {
        6
    }
}

/// `value` rounded to `decimals` decimals, as printed (`format!("{:.2}")`) and read back.
pub(super) fn rounded(value: f64, decimals: usize) -> f64 {
    format!("{value:.decimals$}").parse().unwrap_or(value)
}
