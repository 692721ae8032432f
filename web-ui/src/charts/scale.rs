//! Axis numbers and scales: short labels, a time axis's unit, the top of a linear axis, when
//! to go logarithmic.

use super::Series;

/// Short axis numbers: 1.2k, 3M, 40, 0.5.
pub fn short_num(v: &f64) -> String {
    let a = v.abs();
    if a >= 1e9 {
        format!("{:.1}G", v / 1e9).replace(".0G", "G")
    } else if a >= 1e6 {
        format!("{:.1}M", v / 1e6).replace(".0M", "M")
    } else if a >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else if a >= 1e3 {
        format!("{:.1}k", v / 1e3).replace(".0k", "k")
    } else if a >= 10.0 || *v == v.trunc() {
        format!("{v:.0}")
    } else if a >= 1.0 {
        format!("{v:.1}")
    } else if a >= 0.01 {
        format!("{v:.2}")
    } else {
        // Two significant digits (1 µs on a ms axis: 0.001, not 0.00).
        let decimals = ((-a.log10()).floor() as usize + 2).min(12);
        let s = format!("{v:.decimals$}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
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
/// Its labels under 10 000 are written out ("1500 ms"); other axes keep short numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct AxisUnit {
    /// The axis title, naming the unit its labels are in.
    pub desc: String,
    /// What a value is divided by for its label.
    per: f64,
    time: bool,
}

impl AxisUnit {
    /// The axis titled `desc` (its values' unit, as [`time_unit`] finds it) whose values
    /// reach `top`.
    pub fn new(desc: &str, top: f64) -> AxisUnit {
        let Some((before, from, after)) = time_unit(desc) else {
            return AxisUnit {
                desc: desc.to_string(),
                per: 1.0,
                time: false,
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
            time: true,
        }
    }

    /// `v` in the axis's unit.
    pub fn value(&self, v: f64) -> f64 {
        v / self.per
    }

    /// The label of the tick at value `v`.
    pub fn label(&self, v: f64) -> String {
        let x = self.value(v);
        if self.time && x.abs() < NEXT_UNIT_AT && x.abs() >= 1e3 {
            format!("{x:.0}")
        } else {
            short_num(&x)
        }
    }
}

pub(super) fn nice_max(v: f64) -> f64 {
    if !v.is_finite() || v <= 0.0 {
        1.0
    } else {
        v * 1.12
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
        assert_eq!(us.label(1.5e6), "1500");
        assert_eq!(us.label(250_000.0), "250");
        assert_eq!(us.label(1.0), "0.001");
        assert_eq!(us.label(1600.0), "1.6");
        assert_eq!(AxisUnit::new("time (ms)", 60_000.0).label(60_000.0), "60");
        // Under 10 000 of its unit a time axis writes its numbers out; others stay short.
        assert_eq!(AxisUnit::new("ms", 9_000.0).label(5_000.0), "5000");
        assert_eq!(AxisUnit::new("MiB", 9_000.0).label(5_000.0), "5k");
        assert_eq!(AxisUnit::new("MiB", 2e6).label(1.5e6), "1.5M");
    }

    #[test]
    fn tiny_numbers_keep_a_digit() {
        assert_eq!(short_num(&0.5), "0.50");
        assert_eq!(short_num(&0.0016), "0.0016");
        assert_eq!(short_num(&0.001), "0.001");
        assert_eq!(short_num(&0.0001), "0.0001");
        assert_eq!(short_num(&0.0), "0");
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
