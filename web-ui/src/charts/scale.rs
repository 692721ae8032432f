//! Axis numbers and scales: short labels, a time axis's unit, the top of a linear axis, when
//! to go logarithmic.
//!
//! [`tick_label`] is the one tick format of every axis and of the timeline, and
//! [`tick_label_on`] writes every tick of an axis in one suffix; [`tick_step`] is the
//! spacing plotters gives a linear axis's ticks; [`AxisUnit`] an axis's unit; `nice_max`
//! and `axis_top` the top of an axis (an axis of shares ends at 100%); `round_sig` and
//! [`wants_log`] the logarithmic axes.

use super::Series;

/// The one way an axis tick is written, on every chart and on the timeline, as the tables
/// write figures: in English every digit, grouped in thousands ("9,000", "100,000",
/// "1,500,000") below ten million, from there in millions or billions ("12M", "3G"); in
/// Korean grouped below 100,000 ("9,000", "12,000"), from there in 만 and 억 as a Korean
/// student reads large numbers ("10만", "150만", "3억", `sim_core::text::korean_large_count`'s
/// units). With
/// the ticks' spacing `step` every tick has the decimals that spacing needs ("0.5, 1.0";
/// "1,720, 1,722"; "172.0만, 172.2만"), and 0 reads "0" (the origin needs no decimals: "0 –
/// 2.95 s", "0, 0.5, 1.0"); without one (a logarithmic axis) a value below 100 keeps two
/// significant digits, trailing zeros dropped ("0.001", "1.6", "25"), and a whole number of
/// 100 or more is written whole ("1,234": the log axes round their ticks with `round_sig`
/// before they get here, so they read "1,200"). Each value picks its own unit;
/// [`tick_label_on`] gives every tick of an axis the same. In the page's language
/// (`crate::num::lang`).
pub fn tick_label(v: f64, step: Option<f64>) -> String {
    tick_label_on(v, step, v)
}

/// [`tick_label`] on an axis whose largest tick is `top`: every tick in the unit `top` is
/// written in ("0, 0.5M, 1.0M" past ten million's axis too, never "500,000" beside "12M";
/// "0, 5만, 10만", never "50,000" beside "10만").
pub fn tick_label_on(v: f64, step: Option<f64>, top: f64) -> String {
    tick_label_in(crate::num::lang(), v, step, top)
}

/// [`tick_label_on`] in `lang`.
pub fn tick_label_in(lang: crate::i18n::Lang, v: f64, step: Option<f64>, top: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let a = v.abs();
    let t = if top.is_finite() { top.abs().max(a) } else { a };
    let (div, suffix) = match lang {
        crate::i18n::Lang::Ko if t >= 1e12 => (1e12, "조"),
        crate::i18n::Lang::Ko if t >= 1e8 => (1e8, "억"),
        crate::i18n::Lang::Ko if t >= 1e5 => (1e4, "만"),
        crate::i18n::Lang::En if t >= 1e9 => (1e9, "G"),
        crate::i18n::Lang::En if t >= 1e7 => (1e6, "M"),
        _ => (1.0, ""),
    };
    let (step, trim) = match step.filter(|s| s.is_finite() && *s > 0.0) {
        Some(s) => (s, false),
        None if a > 0.0 => (10f64.powf(a.log10().floor() - 1.0), true),
        None => (1.0, true),
    };
    // The decimals that tell ticks `step` apart (a hair under a power of ten is that power;
    // a step of 2.5만 needs one: "2.5만, 5.0만").
    let unit_step = step / div;
    let mut decimals = (-unit_step.log10() - 1e-9).ceil().clamp(0.0, 9.0) as usize;
    // Plotters' spacings are 1, 2 or 5 times a power of ten (2.5 in a unit ten thousand
    // times larger): one more decimal at most.
    let most = (decimals + 1).min(9);
    while decimals < most && {
        let scaled = unit_step * 10f64.powi(decimals as i32);
        (scaled - scaled.round()).abs() > 1e-6 * scaled.abs().max(1.0)
    } {
        decimals += 1;
    }
    let mut s = format!("{:.decimals$}", v / div);
    if trim && s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    // 0 (or what rounds to it) is the origin, written bare and without a suffix.
    if s.trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        return "0".into();
    }
    crate::sim::text::grouped(&s) + suffix
}

/// The spacing of the labelled ticks plotters draws on a linear axis from `lo` to `hi`
/// with at most `n` labels (its own key points), or `None` with fewer than two.
pub fn tick_step(lo: f64, hi: f64, n: usize) -> Option<f64> {
    match key_points(lo, hi, n)[..] {
        [a, b, ..] if b > a => Some(b - a),
        _ => None,
    }
}

/// The values plotters labels on a linear axis from `lo` to `hi` with at most `n` labels.
fn key_points(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    use plotters::coord::ranged1d::Ranged;
    use plotters::coord::types::RangedCoordf64;
    RangedCoordf64::from(lo..hi).key_points(n)
}

/// Time units an axis can be labelled in, with their size in µs.
const TIME_UNITS: [(&str, f64); 3] = [("µs", 1.0), ("ms", 1e3), ("s", 1e6)];

/// A label this large moves a time axis to the next larger unit.
const NEXT_UNIT_AT: f64 = 10_000.0;

/// The unit an axis title names, as the whole title ("µs") or in its closing
/// parentheses ("time (ms)", "시간 (ms)"): the title before and after it, and the unit.
fn time_unit(desc: &str) -> Option<(&str, usize, &str)> {
    let find = |unit: &str| TIME_UNITS.iter().position(|(name, _)| *name == unit);
    if let Some(i) = find(desc) {
        return Some(("", i, ""));
    }
    let inner = desc.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    Some((&desc[..=open], find(&inner[open + 1..])?, ")"))
}

/// How an axis writes its numbers. A time axis whose labels would reach 10 000 µs is
/// labelled in ms, and 10 000 ms in s ("1500 ms", not "1.5M µs"; "60 s", not "60k ms"):
/// the title's unit and the tick labels change together, the values drawn do not.
/// Every axis writes its ticks with [`tick_label`].
#[derive(Debug, Clone, PartialEq)]
pub struct AxisUnit {
    /// The axis title, naming the unit its labels are in.
    pub desc: String,
    /// What a value is divided by for its label.
    per: f64,
    /// The spacing of the labelled ticks, in the axis's unit (`None`: a logarithmic axis).
    step: Option<f64>,
    /// The largest labelled tick, in the axis's unit: every tick is written in its
    /// thousands or millions (`None`: each tick picks its own, a logarithmic axis).
    top: Option<f64>,
}

impl AxisUnit {
    /// The axis titled `desc` (its values' unit, as [`time_unit`] finds it) whose values
    /// reach `top`.
    pub fn new(desc: &str, top: f64) -> AxisUnit {
        let Some((before, from, after)) = time_unit(desc) else {
            return AxisUnit {
                desc: desc.to_string(),
                per: 1.0,
                step: None,
                top: None,
            };
        };
        let size = |i: usize| TIME_UNITS[i].1 / TIME_UNITS[from].1;
        let mut to = from;
        while to + 1 < TIME_UNITS.len() && top.is_finite() && top.abs() / size(to) >= NEXT_UNIT_AT {
            to += 1;
        }
        AxisUnit {
            desc: format!("{before}{}{after}", TIME_UNITS[to].0),
            per: size(to),
            step: None,
            top: None,
        }
    }

    /// The axis with plotters' labelled ticks over the values `lo` to `hi`, at most `n`
    /// of them: every label gets the decimals their spacing needs.
    pub fn linear(mut self, lo: f64, hi: f64, n: usize) -> AxisUnit {
        self.step = tick_step(lo, hi, n).map(|s| s / self.per);
        self.top = key_points(lo, hi, n)
            .into_iter()
            .map(f64::abs)
            .reduce(f64::max)
            .map(|t| t / self.per);
        self
    }

    /// The axis's title and what its values are divided by: what a table of the chart's
    /// figures writes them in (the same unit as the axis, "s" rather than "ms").
    pub fn table_unit(&self) -> (&str, f64) {
        (&self.desc, self.per)
    }

    /// `v` in the axis's unit.
    pub fn value(&self, v: f64) -> f64 {
        v / self.per
    }

    /// The label of the tick at value `v`.
    pub fn label(&self, v: f64) -> String {
        let v = self.value(v);
        tick_label_on(v, self.step, self.top.unwrap_or(v))
    }
}

/// The top of a linear axis whose values reach `v`: a little above it, so that the highest
/// bar or point does not touch the frame.
pub(super) fn nice_max(v: f64) -> f64 {
    if !v.is_finite() || v <= 0.0 {
        1.0
    } else {
        v * 1.12
    }
}

/// A share in %: no value passes it.
pub(super) const SHARE_TOP: f64 = 100.0;

/// The top of a linear axis whose values reach `v` and can never pass `max` (a share's 100%,
/// [`SHARE_TOP`]): [`nice_max`], but not past `max`, so that a share axis ends at 100 (the CPU
/// breakdown's ran to 112%, a cumulative distribution's to 110%, showing shares that cannot
/// be). Without a `max` (an axis of % of native, which a platform may pass), or when the
/// values pass it after all, [`nice_max`].
pub(super) fn axis_top(v: f64, max: Option<f64>) -> f64 {
    let top = nice_max(v);
    match max {
        // A sum of shares may come out a hair over 100 (99.99999999999999 + 1e-14).
        Some(m) if v <= m * (1.0 + 1e-9) && top > m => m,
        _ => top,
    }
}

/// Whether positive values differ by orders of magnitude (then bars use a log scale,
/// so the small ones are not invisible slivers).
pub fn wants_log(series: &[Series]) -> bool {
    let pos: Vec<f64> = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .filter(|v| v.is_finite() && *v > 0.0)
        .collect();
    let (lo, hi) = pos
        .iter()
        .fold((f64::MAX, 0.0f64), |(a, b), &v| (a.min(v), b.max(v)));
    !pos.is_empty() && hi / lo >= 50.0
}

/// `v` rounded to two significant digits (log-axis labels: 1.6, 25, 4k).
pub(super) fn round_sig(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return v;
    }
    let mag = 10f64.powf(v.log10().floor() - 1.0);
    (v / mag).round() * mag
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::colour;

    #[test]
    fn a_time_axis_reaching_10_000_of_its_unit_is_labelled_in_the_next() {
        let unit = |desc: &str, top: f64| {
            let a = AxisUnit::new(desc, top);
            (a.desc.clone(), a.per)
        };
        assert_eq!(unit("µs", 9_999.0), ("µs".into(), 1.0));
        assert_eq!(unit("µs", 10_000.0), ("ms".into(), 1e3));
        assert_eq!(unit("µs", 1.5e6), ("ms".into(), 1e3));
        assert_eq!(unit("µs", 1e7), ("s".into(), 1e6));
        assert_eq!(unit("ms", 60_000.0), ("s".into(), 1e3));
        assert_eq!(unit("time (ms)", 60_000.0), ("time (s)".into(), 1e3));
        assert_eq!(unit("시간 (ms)", 60_000.0), ("시간 (s)".into(), 1e3));
        assert_eq!(unit("time (ms)", 9_000.0), ("time (ms)".into(), 1.0));
        // Seconds are the largest unit; other axes keep theirs.
        assert_eq!(unit("µs", 1e12), ("s".into(), 1e6));
        for desc in [
            "MiB",
            "kbit/s",
            "ops/s",
            "share (%)",
            "instances",
            "",
            "(ms",
        ] {
            assert_eq!(unit(desc, 1e9), (desc.into(), 1.0), "{desc}");
        }
        assert_eq!(unit("µs", f64::NAN), ("µs".into(), 1.0));
    }

    #[test]
    fn time_labels_keep_their_value_in_the_new_unit() {
        // 1.5M µs reads 1500 ms; 60k ms reads 60 s; 1 µs on a ms axis 0.001 ms.
        let us = AxisUnit::new("µs", 2e6);
        assert_eq!(us.label(1.5e6), "1,500");
        assert_eq!(us.label(250_000.0), "250");
        assert_eq!(us.label(1.0), "0.001");
        assert_eq!(us.label(1600.0), "1.6");
        assert_eq!(AxisUnit::new("time (ms)", 60_000.0).label(60_000.0), "60");
    }

    #[test]
    fn every_axis_writes_its_ticks_alike() {
        // Under 10 000 written out on a time axis and on any other: no "1k" beside "1000".
        assert_eq!(AxisUnit::new("ms", 9_000.0).label(5_000.0), "5,000");
        assert_eq!(AxisUnit::new("MiB", 9_000.0).label(5_000.0), "5,000");
        assert_eq!(AxisUnit::new("MiB", 9_000.0).label(1_000.0), "1,000");
        assert_eq!(AxisUnit::new("MiB", 2e6).label(1.5e6), "1,500,000");
        assert_eq!(AxisUnit::new("ops/s", 2e4).label(12_000.0), "12,000");
        // On a linear axis every tick has the decimals of the ticks' spacing.
        // plotters' key points on 0..1.2 with at most 6 labels are 0.5 apart: one decimal,
        // on the whole numbers too.
        assert_eq!(tick_step(0.0, 1.2, 6), Some(0.5));
        let share = AxisUnit::new("share (%)", 1.2).linear(0.0, 1.2, 6);
        let labels: Vec<String> = [0.0, 0.5, 1.0].iter().map(|&v| share.label(v)).collect();
        assert_eq!(labels, ["0", "0.5", "1.0"]);
        let big = AxisUnit::new("MiB", 50_000.0).linear(0.0, 50_000.0, 6);
        assert_eq!(big.label(0.0), "0");
        assert_eq!(big.label(10_000.0), "10,000");
        assert_eq!(big.label(20_000.0), "20,000");
        // A narrow range far from 0 keeps the digits that tell its ticks apart.
        let rounds = AxisUnit::new("time (ms)", 1731.0).linear(1719.0, 1731.0, 6);
        assert_eq!(
            [1720.0, 1722.0].map(|v| rounds.label(v)),
            ["1,720".to_string(), "1,722".to_string()]
        );
        let far = AxisUnit::new("MiB", 1.731e6).linear(1.719e6, 1.731e6, 6);
        assert_eq!(far.label(1.72e6), "1,720,000");
        assert_eq!(far.label(1.722e6), "1,722,000");
        // A seconds axis past 10 000 s goes on grouped like the rest.
        assert_eq!(AxisUnit::new("ms", 1e8).label(2e7), "20,000");
    }

    /// One axis, one unit: a throughput axis to 11M reads "0, 5M, 10M", not
    /// "0, 5,000,000, 10M"; in Korean an axis to 200 000 reads "5만" beside "20만", not
    /// "50,000"; below ten million English writes every digit, as the tables do.
    #[test]
    fn every_tick_of_an_axis_has_the_same_suffix() {
        let mbit = AxisUnit::new("kbit/s", 1.1e6).linear(0.0, 1.1e6, 3);
        assert_eq!(tick_step(0.0, 1.1e6, 3), Some(500_000.0));
        assert_eq!(
            [0.0, 5e5, 1e6].map(|v| mbit.label(v)),
            ["0", "500,000", "1,000,000"].map(String::from)
        );
        let big = AxisUnit::new("ops/s", 1.1e7).linear(0.0, 1.1e7, 3);
        assert_eq!(
            [0.0, 5e6, 1e7].map(|v| big.label(v)),
            ["0", "5M", "10M"].map(String::from)
        );
        let k = AxisUnit::new("ops/s", 12_500.0).linear(0.0, 12_500.0, 6);
        assert_eq!(k.label(2_000.0), "2,000");
        assert_eq!(k.label(12_000.0), "12,000");
        assert_eq!(tick_label_on(500_000.0, Some(500_000.0), 1e7), "0.5M");
        use crate::i18n::Lang::Ko;
        assert_eq!(tick_label_in(Ko, 2_000.0, Some(2_000.0), 12_000.0), "2,000");
        assert_eq!(
            tick_label_in(Ko, 12_000.0, Some(2_000.0), 12_000.0),
            "12,000"
        );
        assert_eq!(tick_label_in(Ko, 50_000.0, Some(50_000.0), 2e5), "5만");
        assert_eq!(tick_label_in(Ko, 25_000.0, Some(25_000.0), 2e5), "2.5만");
        assert_eq!(tick_label_in(Ko, 100_000.0, Some(100_000.0), 2e5), "10만");
        assert_eq!(tick_label_in(Ko, 200_000.0, Some(100_000.0), 2e5), "20만");
        assert_eq!(
            tick_label_in(Ko, 1.722e6, Some(2_000.0), 1.731e6),
            "172.2만"
        );
        assert_eq!(tick_label_in(Ko, 3e8, Some(1e8), 3e8), "3억");
        assert_eq!(tick_label_in(Ko, 9_000.0, Some(1_000.0), 9_000.0), "9,000");
        assert_eq!(tick_label_in(Ko, 0.0, Some(1e5), 2e5), "0");
        // Without an axis (a log axis) each value keeps its own.
        assert_eq!(tick_label(500_000.0, None), "500,000");
        assert_eq!(tick_label(1e6, None), "1,000,000");
        assert_eq!(tick_label(1e8, None), "100M");
        assert_eq!(tick_label_in(Ko, 1e6, None, 1e6), "100만");
    }

    #[test]
    fn the_table_of_a_chart_is_in_its_axis_unit() {
        assert_eq!(AxisUnit::new("ms", 12_000.0).table_unit(), ("s", 1e3));
        assert_eq!(
            AxisUnit::new("time (ms)", 900.0).table_unit(),
            ("time (ms)", 1.0)
        );
        assert_eq!(AxisUnit::new("µs", 2e4).table_unit(), ("ms", 1e3));
        assert_eq!(AxisUnit::new("kbit/s", 2e6).table_unit(), ("kbit/s", 1.0));
    }

    #[test]
    fn tick_labels_from_their_spacing() {
        assert_eq!(tick_label(0.5, Some(0.5)), "0.5");
        assert_eq!(tick_label(1.0, Some(0.5)), "1.0");
        assert_eq!(tick_label(100.4, Some(0.2)), "100.4");
        assert_eq!(tick_label(0.0, Some(0.05)), "0");
        assert_eq!(tick_label(-0.0, Some(1.0)), "0");
        assert_eq!(tick_label(-1e-12, Some(0.1)), "0");
        assert_eq!(tick_label(-2.0, Some(1.0)), "-2");
        // A spacing a hair under a power of ten needs that power's decimals.
        assert_eq!(tick_label(0.3, Some(0.1 - 1e-15)), "0.3");
        assert_eq!(tick_label(9_999.0, Some(1.0)), "9,999");
        assert_eq!(tick_label(10_000.0, Some(2_000.0)), "10,000");
        assert_eq!(tick_label(3e9, Some(1e9)), "3G");
        assert_eq!(tick_label(f64::NAN, Some(1.0)), "—");
        // Without a spacing (a log axis): two significant digits, no trailing zeros.
        for (v, s) in [
            (0.001, "0.001"),
            (0.0016, "0.0016"),
            (0.5, "0.5"),
            (1.6, "1.6"),
            (25.0, "25"),
            (1000.0, "1,000"),
            (4000.0, "4,000"),
            (1e5, "100,000"),
            (1e6, "1,000,000"),
            (1.5e6, "1,500,000"),
            (1.5e7, "15M"),
            (0.0, "0"),
        ] {
            assert_eq!(tick_label(v, None), s, "{v}");
        }
    }

    /// A share axis ends at 100% (its values cannot pass it); others, and shares that pass it
    /// after all, end a little above their top value.
    #[test]
    fn a_share_axis_ends_at_100() {
        assert_eq!(axis_top(100.0, Some(SHARE_TOP)), 100.0);
        assert_eq!(axis_top(100.000_000_000_01, Some(SHARE_TOP)), 100.0);
        assert_eq!(axis_top(95.0, Some(SHARE_TOP)), 100.0);
        assert_eq!(axis_top(50.0, Some(SHARE_TOP)), nice_max(50.0));
        // % of native: a platform may beat native.
        assert_eq!(axis_top(104.0, None), nice_max(104.0));
        assert!(axis_top(100.0, None) > 110.0);
        assert_eq!(axis_top(130.0, Some(SHARE_TOP)), nice_max(130.0));
        assert_eq!(axis_top(0.0, Some(SHARE_TOP)), 1.0);
    }

    #[test]
    fn orders_of_magnitude_get_a_log_scale() {
        let s = |v: Vec<f64>| Series {
            name: "s".into(),
            colour: colour(0),
            values: v,
        };
        assert!(wants_log(&[s(vec![8.0, 500.0])]));
        assert!(!wants_log(&[s(vec![80.0, 100.0])]));
    }
}
