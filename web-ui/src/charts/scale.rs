//! Axis numbers and scales: short labels, the top of a linear axis, when to go logarithmic.

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
    } else {
        format!("{v:.2}")
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
