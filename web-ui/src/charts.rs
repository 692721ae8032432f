//! Trade-off charts drawn with plotters into SVG strings. plotters escapes all
//! text it writes, so scenario-provided labels stay text; the strings are then
//! parsed as SVG (never as HTML) by `components::svg_view`.

use plotters::prelude::*;

use crate::palette::{self, Rgb};

pub const WIDTH: u32 = 520;
pub const HEIGHT: u32 = 330;

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// A named series of values, one per category.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub colour: Rgb,
    pub values: Vec<f64>,
}

fn category_formatter(categories: &[String]) -> impl Fn(&f64) -> String + '_ {
    // As many characters as the category's share of the plot width holds (about 8 px each).
    let room = (440 / categories.len().max(1) / 8).clamp(8, 40);
    move |x: &f64| {
        let r = x.round();
        if (x - r).abs() < 1e-6 && r >= 0.0 && (r as usize) < categories.len() {
            let c = &categories[r as usize];
            if c.chars().count() > room {
                let short: String = c.chars().take(room - 1).collect();
                format!("{short}…")
            } else {
                c.clone()
            }
        } else {
            String::new()
        }
    }
}

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

fn nice_max(v: f64) -> f64 {
    if !v.is_finite() || v <= 0.0 {
        1.0
    } else {
        v * 1.12
    }
}

/// Grouped bars: one group per category, one bar per series.
pub fn grouped_bars(title: &str, y_desc: &str, categories: &[String], series: &[Series]) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        let _ = draw_grouped(&root, title, y_desc, categories, series, false);
        let _ = root.present();
    }
    svg
}

/// Stacked bars: one bar per category, series stacked (e.g. CPU-time shares).
pub fn stacked_bars(title: &str, y_desc: &str, categories: &[String], series: &[Series]) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        let _ = draw_grouped(&root, title, y_desc, categories, series, true);
        let _ = root.present();
    }
    svg
}

/// Legend entries a row under bar charts.
const LEGEND_PER_ROW: usize = 2;

type DrawResult = Result<(), Box<dyn std::error::Error>>;

fn draw_grouped(
    root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    title: &str,
    y_desc: &str,
    categories: &[String],
    series: &[Series],
    stacked: bool,
) -> DrawResult {
    root.fill(&WHITE)?;
    let n = categories.len().max(1);
    let max = if stacked {
        (0..n)
            .map(|i| {
                series
                    .iter()
                    .map(|s| s.values.get(i).copied().unwrap_or(0.0).max(0.0))
                    .sum::<f64>()
            })
            .fold(0.0, f64::max)
    } else {
        series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .fold(0.0, f64::max)
    };
    // A single series needs no legend; otherwise two entries a row, so names fit.
    let legend_rows = if series.len() > 1 {
        series.len().div_ceil(LEGEND_PER_ROW) as u32
    } else {
        0
    };
    let (plot, legend) = root.split_vertically(HEIGHT - 22 * legend_rows - 6);
    let mut chart = ChartBuilder::on(&plot)
        .caption(title, ("sans-serif", 18))
        .margin(8)
        .x_label_area_size(30)
        .y_label_area_size(58)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..nice_max(max))?;
    let fmt = category_formatter(categories);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n + 1)
        .x_label_formatter(&fmt)
        .y_desc(y_desc)
        .y_labels(6)
        .y_label_formatter(&short_num)
        .label_style(("sans-serif", 14))
        .axis_desc_style(("sans-serif", 14))
        .light_line_style(RGBColor(0xee, 0xee, 0xee))
        .draw()?;
    let groups = series.len().max(1) as f64;
    let width = 0.8;
    for (si, s) in series.iter().enumerate() {
        let colour = rgb(s.colour);
        let bars = s.values.iter().enumerate().map(|(i, &v)| {
            let v = if v.is_finite() { v.max(0.0) } else { 0.0 };
            let (x0, x1, y0, y1) = if stacked {
                let below: f64 = series[..si]
                    .iter()
                    .map(|o| o.values.get(i).copied().unwrap_or(0.0).max(0.0))
                    .sum();
                (
                    i as f64 - width / 2.0,
                    i as f64 + width / 2.0,
                    below,
                    below + v,
                )
            } else {
                let w = width / groups;
                let x0 = i as f64 - width / 2.0 + si as f64 * w;
                (x0, x0 + w * 0.92, 0.0, v)
            };
            Rectangle::new([(x0, y0), (x1, y1)], colour.filled())
        });
        chart.draw_series(bars)?;
    }
    // Legend below the plot.
    for (si, s) in series.iter().enumerate().filter(|_| legend_rows > 0) {
        let col = (si % LEGEND_PER_ROW) as i32;
        let row = (si / LEGEND_PER_ROW) as i32;
        let x = 10 + col * ((WIDTH as i32 - 20) / LEGEND_PER_ROW as i32);
        let y = 4 + row * 22;
        legend.draw(&Rectangle::new(
            [(x, y), (x + 14, y + 14)],
            rgb(s.colour).filled(),
        ))?;
        let name: String = if s.name.chars().count() > 30 {
            s.name.chars().take(29).chain(['…']).collect()
        } else {
            s.name.clone()
        };
        legend.draw(&Text::new(
            name,
            (x + 19, y),
            ("sans-serif", 13).into_font(),
        ))?;
    }
    Ok(())
}

/// A named line of (x, y) points.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub name: String,
    pub colour: Rgb,
    pub points: Vec<(f64, f64)>,
}

/// Step lines over a logarithmic x axis (latency distributions).
pub fn log_lines(title: &str, x_desc: &str, y_desc: &str, lines: &[Line]) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        let _ = draw_log_lines(&root, title, x_desc, y_desc, lines);
        let _ = root.present();
    }
    svg
}

fn draw_log_lines(
    root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    title: &str,
    x_desc: &str,
    y_desc: &str,
    lines: &[Line],
) -> DrawResult {
    root.fill(&WHITE)?;
    let xs = lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.0))
        .filter(|x| x.is_finite() && *x > 0.0);
    let (mut lo, mut hi) = xs.fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(x), b.max(x)));
    if lo > hi {
        (lo, hi) = (0.1, 10.0);
    }
    let (lo, hi) = (lo / 1.5, hi * 1.5);
    // At least a decade, so that the log axis has labelled ticks.
    let lo = lo.min(hi / 10.0);
    let ymax = lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.1))
        .fold(0.0, f64::max);
    let legend_rows = if lines.len() > 1 {
        lines.len().div_ceil(LEGEND_PER_ROW) as u32
    } else {
        0
    };
    let (plot, legend) = root.split_vertically(HEIGHT - 22 * legend_rows - 6);
    let mut chart = ChartBuilder::on(&plot)
        .caption(title, ("sans-serif", 18))
        .margin(8)
        .x_label_area_size(44)
        .y_label_area_size(58)
        .build_cartesian_2d((lo..hi).log_scale(), 0f64..nice_max(ymax))?;
    chart
        .configure_mesh()
        .x_desc(x_desc)
        .y_desc(y_desc)
        .x_labels(8)
        .y_labels(6)
        .y_label_formatter(&short_num)
        .axis_desc_style(("sans-serif", 14))
        .x_label_formatter(&|x| {
            if *x >= 100.0 {
                format!("{x:.0}")
            } else if *x >= 1.0 {
                format!("{x:.1}")
            } else {
                format!("{x:.2}")
            }
        })
        .label_style(("sans-serif", 14))
        .light_line_style(RGBColor(0xee, 0xee, 0xee))
        .draw()?;
    for l in lines {
        let colour = rgb(l.colour);
        let pts: Vec<(f64, f64)> = l
            .points
            .iter()
            .copied()
            .filter(|(x, y)| x.is_finite() && *x > 0.0 && y.is_finite())
            .collect();
        // A step line: the cumulative share jumps at each bucket.
        let mut steps = Vec::with_capacity(pts.len() * 2);
        let mut prev = 0.0;
        for &(x, y) in &pts {
            steps.push((x, prev));
            steps.push((x, y));
            prev = y;
        }
        chart.draw_series(LineSeries::new(steps, colour.stroke_width(2)))?;
        chart.draw_series(pts.iter().map(|&p| Circle::new(p, 2, colour.filled())))?;
    }
    for (si, l) in lines.iter().enumerate().filter(|_| legend_rows > 0) {
        let col = (si % LEGEND_PER_ROW) as i32;
        let row = (si / LEGEND_PER_ROW) as i32;
        let x = 10 + col * ((WIDTH as i32 - 20) / LEGEND_PER_ROW as i32);
        let y = 4 + row * 22;
        legend.draw(&Rectangle::new(
            [(x, y + 5), (x + 14, y + 9)],
            rgb(l.colour).filled(),
        ))?;
        let name: String = if l.name.chars().count() > 30 {
            l.name.chars().take(29).chain(['…']).collect()
        } else {
            l.name.clone()
        };
        legend.draw(&Text::new(
            name,
            (x + 19, y),
            ("sans-serif", 13).into_font(),
        ))?;
    }
    Ok(())
}

/// Straight lines with point markers over a linear x axis (sweep curves); `target`
/// draws a dashed horizontal reference line.
pub fn xy_lines(
    title: &str,
    x_desc: &str,
    y_desc: &str,
    lines: &[Line],
    target: Option<f64>,
) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        let _ = draw_xy_lines(&root, title, x_desc, y_desc, lines, target);
        let _ = root.present();
    }
    svg
}

fn draw_xy_lines(
    root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    title: &str,
    x_desc: &str,
    y_desc: &str,
    lines: &[Line],
    target: Option<f64>,
) -> DrawResult {
    root.fill(&WHITE)?;
    let finite = |v: &f64| v.is_finite();
    let xs: Vec<f64> = lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.0))
        .filter(finite)
        .collect();
    let (lo, hi) = xs
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
    let (lo, hi) = if lo > hi {
        (0.0, 1.0)
    } else if lo == hi {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo, hi)
    };
    let ymax = lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.1))
        .chain(target)
        .filter(finite)
        .fold(0.0, f64::max);
    let legend_rows = if lines.len() > 1 {
        lines.len().div_ceil(LEGEND_PER_ROW) as u32
    } else {
        0
    };
    let (plot, legend) = root.split_vertically(HEIGHT - 22 * legend_rows - 6);
    let mut chart = ChartBuilder::on(&plot)
        .caption(title, ("sans-serif", 18))
        .margin(8)
        .x_label_area_size(44)
        .y_label_area_size(58)
        .build_cartesian_2d(lo..hi, 0f64..nice_max(ymax))?;
    chart
        .configure_mesh()
        .x_desc(x_desc)
        .y_desc(y_desc)
        .x_labels(8)
        .y_labels(6)
        .x_label_formatter(&short_num)
        .y_label_formatter(&short_num)
        .axis_desc_style(("sans-serif", 14))
        .label_style(("sans-serif", 14))
        .light_line_style(RGBColor(0xee, 0xee, 0xee))
        .draw()?;
    if let Some(t) = target.filter(finite) {
        chart.draw_series(DashedLineSeries::new(
            [(lo, t), (hi, t)],
            6,
            4,
            BLACK.stroke_width(1),
        ))?;
    }
    for l in lines {
        let colour = rgb(l.colour);
        let pts: Vec<(f64, f64)> = l
            .points
            .iter()
            .copied()
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .collect();
        chart.draw_series(LineSeries::new(pts.iter().copied(), colour.stroke_width(2)))?;
        chart.draw_series(pts.iter().map(|&p| Circle::new(p, 3, colour.filled())))?;
    }
    for (si, l) in lines.iter().enumerate().filter(|_| legend_rows > 0) {
        let col = (si % LEGEND_PER_ROW) as i32;
        let row = (si / LEGEND_PER_ROW) as i32;
        let x = 10 + col * ((WIDTH as i32 - 20) / LEGEND_PER_ROW as i32);
        let y = 4 + row * 22;
        legend.draw(&Rectangle::new(
            [(x, y + 5), (x + 14, y + 9)],
            rgb(l.colour).filled(),
        ))?;
        let name: String = if l.name.chars().count() > 30 {
            l.name.chars().take(29).chain(['…']).collect()
        } else {
            l.name.clone()
        };
        legend.draw(&Text::new(
            name,
            (x + 19, y),
            ("sans-serif", 14).into_font(),
        ))?;
    }
    Ok(())
}

/// The colour for series `i` (palette order).
pub fn colour(i: usize) -> Rgb {
    palette::series(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped() {
        let evil = "<img src=x onerror=alert(1)>".to_string();
        let svg = grouped_bars(
            &evil,
            "y",
            std::slice::from_ref(&evil),
            &[Series {
                name: evil.clone(),
                colour: colour(0),
                values: vec![1.0],
            }],
        );
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(!svg.contains("<img"), "unescaped label in {svg}");
        assert!(svg.contains("&lt;img"));
    }

    #[test]
    fn empty_and_odd_values_draw() {
        let svg = stacked_bars("t", "y", &[], &[]);
        assert!(svg.contains("</svg>"));
        let svg = grouped_bars(
            "t",
            "y",
            &["a".into()],
            &[Series {
                name: "s".into(),
                colour: colour(1),
                values: vec![f64::NAN],
            }],
        );
        assert!(svg.contains("</svg>"));
    }
}
