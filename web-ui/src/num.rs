//! One number format for the whole page: `Intl.NumberFormat` in the page's language
//! (thousands separators, sensible precision, `%` for percentages). The language is
//! set once per render of the page (`set_lang`); the formatters are cached.
//!
//! [`regroup`] puts separators into the digits of a text written elsewhere (the
//! comparison table's measured cells, the step-through's phases) as they are written,
//! never through a float. A validator's message is shown as the CLI prints it: its
//! ranges' bounds grouped (by sim-core), the value written as written.

use std::cell::Cell;

use crate::i18n::Lang;

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// Sets the language every number on the page is written in (the app does this
/// before its components render).
pub fn set_lang(lang: Lang) {
    LANG.with(|l| l.set(lang));
}

/// The language numbers are currently written in.
pub fn lang() -> Lang {
    LANG.with(|l| l.get())
}

/// Decimals a value needs: none from 100 up, up to 1 from 10, up to 2 from 1, else
/// three significant digits (`sim_core::question::shown_decimals`, so that `virtsim
/// answers` warns of a choice whose figures the page shows alike).
pub fn decimals(v: f64) -> usize {
    sim_core::question::shown_decimals(v, false)
}

/// `v` with at most `max_decimals` decimals, grouped in thousands.
pub fn fixed(v: f64, max_decimals: usize) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    format_in(lang(), v, max_decimals, false)
}

/// `v` with exactly `decimals` decimals (trailing zeros kept), grouped in thousands: a
/// figure as the CLI prints it ("4.10" for `{:.2}`), in the page's language.
pub fn exact(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    format_in(lang(), v, decimals, true)
}

/// `v` with a precision fitting its size.
pub fn num(v: f64) -> String {
    fixed(v, decimals(v))
}

/// A throughput in Gbit/s as the CLI prints it ([`gbit_s`](crate::sim::text::gbit_s)):
/// two decimals from 1 Gbit/s ("10.00" for 9.996, where [`num`] shows "10"), three
/// significant digits below.
pub fn gbit_s(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    crate::sim::text::gbit_s(v)
}

/// A percentage: "98.3%".
pub fn pct(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    format!("{}%", fixed(v, sim_core::question::shown_decimals(v, true)))
}

/// A percentage that may be tiny, to two significant digits below 1% ("0.0016%",
/// "0.42%"); from 1% up as [`pct`].
pub fn pct_small(v: f64) -> String {
    if !v.is_finite() || v.abs() >= 1.0 {
        return pct(v);
    }
    if v == 0.0 {
        return "0%".into();
    }
    let decimals = (1 - v.abs().log10().floor() as i32).clamp(1, 12) as usize;
    format!("{v:.decimals$}%")
}

/// Milliseconds as "27,397 ms" or "1.2 s" from 10 s up.
pub fn duration_ms(ms: f64) -> String {
    if ms >= 10_000.0 {
        format!("{} s", fixed(ms / 1000.0, 1))
    } else {
        format!("{} ms", num(ms.round()))
    }
}

/// `v` rounded to `decimals` as Rust's `{:.N}` rounds it (the CLI's figures): a tie
/// (an exact half, such as 1354.5 exits/s) goes to the even digit, where
/// `Intl.NumberFormat` would round it up; the page then shows the CLI's digits. No
/// negative zero ("-0" for -0.4).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn rounded_as_the_cli(v: f64, decimals: usize) -> f64 {
    let r = format!("{v:.decimals$}").parse::<f64>().unwrap_or(v);
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// A whole number, rounded as the CLI rounds it (`{:.0}`: a half to the even), grouped.
pub fn whole(v: f64) -> String {
    fixed(v, 0)
}

#[cfg(target_arch = "wasm32")]
fn format_in(lang: Lang, v: f64, max_decimals: usize, pad: bool) -> String {
    use wasm_bindgen::JsValue;
    // Intl rounds a tie up; round as the CLI first (the digits then stand as they are).
    let v = rounded_as_the_cli(v, max_decimals);
    thread_local! {
        // (language, decimals, padded) -> Intl.NumberFormat's format function; a handful.
        static CACHE: std::cell::RefCell<Vec<(Lang, usize, bool, js_sys::Function)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    let f = CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if let Some((_, _, _, f)) = c
            .iter()
            .find(|(l, d, p, _)| *l == lang && *d == max_decimals && *p == pad)
        {
            return f.clone();
        }
        let locales = js_sys::Array::of1(&JsValue::from_str(match lang {
            Lang::Ko => "ko-KR",
            Lang::En => "en-US",
        }));
        let opts = js_sys::Object::new();
        let _ = js_sys::Reflect::set(
            &opts,
            &JsValue::from_str("maximumFractionDigits"),
            &JsValue::from_f64(max_decimals as f64),
        );
        if pad {
            let _ = js_sys::Reflect::set(
                &opts,
                &JsValue::from_str("minimumFractionDigits"),
                &JsValue::from_f64(max_decimals as f64),
            );
        }
        let f = js_sys::Intl::NumberFormat::new(&locales, &opts).format();
        c.push((lang, max_decimals, pad, f.clone()));
        f
    });
    f.call1(&JsValue::NULL, &JsValue::from_f64(v))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| v.to_string())
}

#[cfg(not(target_arch = "wasm32"))]
fn format_in(_lang: Lang, v: f64, max_decimals: usize, pad: bool) -> String {
    format_in_rust(v, max_decimals, pad)
}

/// The same format without Intl (native unit tests): en-US grouping, trailing zeros dropped
/// unless `pad`.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
fn format_in_rust(v: f64, max_decimals: usize, pad: bool) -> String {
    let s = format!("{:.*}", max_decimals, v);
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = if pad {
        frac
    } else {
        frac.trim_end_matches('0')
    };
    let neg = int.starts_with('-');
    let digits: Vec<char> = int.trim_start_matches('-').chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(*c);
    }
    let sign = if neg && (out != "0" || !frac.trim_end_matches('0').is_empty()) {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{out}")
    } else {
        format!("{sign}{out}.{frac}")
    }
}

/// A student's numeric answer as the page reads it, or `None` when it is not a number
/// (the page then asks again instead of grading it): sim-core's
/// [`parse_number`](crate::sim::question::parse_number), which grading uses too.
pub fn parse_answer(text: &str) -> Option<f64> {
    crate::sim::question::parse_number(text)
}

/// Rewrites the long digit runs of a text written elsewhere (sim-core's measured
/// cells, "109243 exits/s") in the page's number format: sim-core's
/// [`regroup`](crate::sim::text::regroup), which the CLI prints those texts through too.
pub fn regroup(text: &str) -> String {
    crate::sim::text::regroup(text)
}

/// A list of figures ("vm 95.3%", "host memory 16,384 MiB") joined as the CLI joins one
/// ([`figure_list`](crate::sim::text::figure_list)): ", " in English, " · " in Korean,
/// whose comma between items would read as one inside a grouped number.
pub fn figure_list(lang: Lang, items: &[String]) -> String {
    crate::sim::text::figure_list(items, lang.core())
}

/// A count of events as the page says an estimate or its limit: in Korean in 만 and 억
/// with three significant digits ("2억", "12.3억": `sim_core::text::korean_large_count`),
/// in English grouped in thousands ("200,000,000").
pub fn large_count(lang: Lang, n: u64) -> String {
    match lang {
        Lang::Ko => crate::sim::text::korean_large_count(n),
        Lang::En => int(n),
    }
}

/// A whole number in the page's format, exact for every `u64` (the number format reads an
/// `f64`, which rounds past 2^53: a seed of 18446744073709551615 would show as
/// "18,446,744,073,709,552,000").
pub fn int(v: u64) -> String {
    crate::sim::text::thousands(&v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reviewer's 1354.5 exits/s: the CLI printed 1354, the page 1,355 (Intl rounds a
    /// tie up). Rounded first as the CLI rounds, Intl has no tie left to round.
    #[test]
    fn ties_round_as_the_cli_rounds_them() {
        assert_eq!(rounded_as_the_cli(1354.5, 0), 1354.0);
        assert_eq!(rounded_as_the_cli(1355.5, 0), 1356.0);
        assert_eq!(format!("{:.0}", 1354.5), "1354"); // the CLI's rule, checked
        assert_eq!(rounded_as_the_cli(0.125, 2), 0.12);
        assert_eq!(rounded_as_the_cli(2.675, 2), 2.67); // 2.67499999… as a double
        assert!(rounded_as_the_cli(-0.4, 0).is_sign_positive());
        assert_eq!(whole(1354.5), "1,354");
        assert_eq!(whole(123_456.5), "123,456");
    }

    #[test]
    fn tiny_percentages_keep_two_digits() {
        assert_eq!(pct_small(0.0016431), "0.0016%");
        assert_eq!(pct_small(0.042), "0.042%");
        assert_eq!(pct_small(0.5), "0.50%");
        assert_eq!(pct_small(0.0), "0%");
        assert_eq!(pct_small(12.34), pct(12.34));
    }

    #[test]
    fn formats() {
        assert_eq!(num(1234567.0), "1,234,567");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(2.345), "2.35");
        assert_eq!(num(0.01234), "0.0123");
        assert_eq!(num(-1500.0), "-1,500");
        assert_eq!(num(0.0), "0");
        assert_eq!(num(f64::NAN), "—");
        assert_eq!(pct(98.314), "98.3%");
        assert_eq!(duration_ms(27397.0), "27.4 s");
        assert_eq!(duration_ms(840.2), "840 ms");
    }

    /// A figure list as the CLI joins one: a Korean reader's comma would run into the
    /// grouped figure's ("vm 16,384 MiB, ct 12" reads as three figures).
    #[test]
    fn figure_lists_are_joined_as_the_cli_joins_them() {
        let items = ["vm 16,384 MiB".to_string(), "ct 12 MiB".to_string()];
        assert_eq!(figure_list(Lang::En, &items), "vm 16,384 MiB, ct 12 MiB");
        assert_eq!(figure_list(Lang::Ko, &items), "vm 16,384 MiB · ct 12 MiB");
        assert_eq!(figure_list(Lang::Ko, &items[..1]), "vm 16,384 MiB");
    }

    /// 9.996 Gbit/s read "10" on the page beside the CLI's "10.00", and 12.3456 "12.3"
    /// beside "12.35": Gbit/s has the CLI's decimals, two from 1 Gbit/s.
    #[test]
    fn gbit_s_has_the_clis_decimals() {
        assert_eq!(num(9.996), "10");
        assert_eq!(gbit_s(9.996), "10.00");
        assert_eq!(gbit_s(12.3456), "12.35");
        assert_eq!(gbit_s(9.4949), "9.49");
        assert_eq!(gbit_s(0.012345), "0.0123");
        assert_eq!(gbit_s(0.0), "0");
        assert_eq!(gbit_s(f64::NAN), "—");
    }

    #[test]
    fn regroups_long_numbers_only() {
        assert_eq!(regroup("109243 exits/s"), "109,243 exits/s");
        assert_eq!(regroup("p99 12 µs, 45.8%"), "p99 12 µs, 45.8%");
        assert_eq!(regroup("1234.5 ms"), "1,234.5 ms");
        assert_eq!(regroup("x86_64 v2024b"), "x86_64 v2024b");
        // A Korean counter after the number is its unit, not part of a name.
        assert_eq!(regroup("진입점 약 1534개"), "진입점 약 1,534개");
        assert_eq!(regroup("1080p"), "1080p");
    }

    #[test]
    fn regroups_digits_as_written_never_through_a_float() {
        // Past 2^53 a float rounds: the rejected seed looked equal to the largest one.
        assert_eq!(
            regroup("must be between 0 and 18446744073709551615; got 18446744073709551616"),
            "must be between 0 and 18,446,744,073,709,551,615; got 18,446,744,073,709,551,616"
        );
        assert_eq!(
            regroup("at most 9223372036854775807"),
            "at most 9,223,372,036,854,775,807"
        );
        assert_eq!(
            regroup("got 99999999999999999999999"),
            "got 99,999,999,999,999,999,999,999"
        );
        // The decimals after a point stay as written (a float would round them).
        assert_eq!(
            regroup("12345.000000000000000001 GiB"),
            "12,345.000000000000000001 GiB"
        );
        assert_eq!(regroup("0.12345678"), "0.12345678");
        // Code points are hex, not numbers; nor are runs with a leading zero or hex.
        assert_eq!(
            regroup("control character U+0000 or U+0007 (U+2028, u+1234)"),
            "control character U+0000 or U+0007 (U+2028, u+1234)"
        );
        assert_eq!(
            regroup("id 0007 and 0x1234 and 1234abcd"),
            "id 0007 and 0x1234 and 1234abcd"
        );
        assert_eq!(regroup("-15000 and 1234"), "-15,000 and 1,234");
    }

    #[test]
    fn whole_numbers_are_exact() {
        assert_eq!(int(u64::MAX), "18,446,744,073,709,551,615");
        assert_eq!(int(9_007_199_254_740_993), "9,007,199,254,740,993");
        assert_eq!(int(0), "0");
        assert_eq!(int(999), "999");
        assert_eq!(int(1000), "1,000");
    }
}
