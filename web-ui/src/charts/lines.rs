//! Line charts: step lines over a logarithmic x axis, straight lines with point markers.
//!
//! [`log_lines`], [`xy_lines`] and [`share_lines`] draw [`Line`]s as their [`LineKind`]
//! says; [`line_units`] gives the axes' units for the chart's table of points, and
//! [`drawn`] the points a chart draws, every one of which that table lists.

use plotters::prelude::*;

use super::scale::{axis_top, round_sig, AxisUnit, SHARE_TOP};
use super::text::title_extra;
use super::{draw_marker, legend, light, line_style, rgb, size, titled, Legend, EDGE};
use super::{Area, DrawResult, LABEL_PX, PLOT_HEIGHT};
use crate::palette::Rgb;

/// A named line of (x, y) points.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub name: String,
    pub colour: Rgb,
    pub points: Vec<(f64, f64)>,
}

/// What a line chart draws, and so its axes: a share in % never passes 100, and its axis
/// ends there (an axis of cumulative shares to 112% showed shares that cannot be).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Straight lines with point markers over a linear x axis ([`xy_lines`]).
    Plain,
    /// [`LineKind::Plain`] lines of shares in % (a distribution's bins; [`share_lines`]).
    Shares,
    /// A cumulative distribution in %: step lines over a logarithmic x axis ([`log_lines`]).
    Cumulative,
}

impl LineKind {
    /// Whether the x axis is logarithmic.
    pub fn log_x(self) -> bool {
        self == LineKind::Cumulative
    }

    /// The most a y value can be: a share's 100%.
    fn y_max(self) -> Option<f64> {
        (self != LineKind::Plain).then_some(SHARE_TOP)
    }
}

/// Step lines of a cumulative distribution in % (latency distributions) over a logarithmic
/// x axis, the y axis to 100%; `log_word` follows the x axis's name in brackets (the page's
/// language: "log", "로그 눈금").
pub fn log_lines(
    title: &str,
    x_desc: &str,
    y_desc: &str,
    lines: &[Line],
    log_word: &str,
) -> String {
    lines_svg(
        (title, x_desc, y_desc),
        lines,
        None,
        LineKind::Cumulative,
        log_word,
    )
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
    lines_svg((title, x_desc, y_desc), lines, target, LineKind::Plain, "")
}

/// [`xy_lines`] of shares in % (a distribution's bins): the y axis ends at 100% at most.
pub fn share_lines(title: &str, x_desc: &str, y_desc: &str, lines: &[Line]) -> String {
    lines_svg((title, x_desc, y_desc), lines, None, LineKind::Shares, "")
}

/// A line chart drawn into an SVG string (the title and the axes' names, then as
/// [`draw_lines`] takes them).
fn lines_svg(
    (title, x_desc, y_desc): (&str, &str, &str),
    lines: &[Line],
    target: Option<f64>,
    kind: LineKind,
    log_word: &str,
) -> String {
    // Lines with the same points (platforms with the same figures) are drawn once, under
    // one legend entry naming them all: drawn apart, the later ones hid the first, and
    // vdi-network's twelve sessions needed twelve entries for six lines.
    let merged = merge_equal(lines);
    // One line left of several: its legend entry still names them.
    let legend_kind = Legend::Lines {
        from: if merged.len() == 1 && lines.len() > 1 {
            1
        } else {
            2
        },
    };
    let lines = &merged[..];
    let mut svg = String::new();
    {
        let size = lines_size(title, lines, legend_kind);
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let drawn = (lines, legend_kind);
        let _ = draw_lines(&root, title, x_desc, y_desc, drawn, target, kind, log_word);
        let _ = root.present();
    }
    svg
}

/// The size of a line chart: its plot plus the legend's rows.
fn lines_size(title: &str, lines: &[Line], legend_kind: Legend) -> (u32, u32) {
    let (width, _) = size();
    let entries: Vec<(String, Rgb)> = lines.iter().map(|l| (l.name.clone(), l.colour)).collect();
    (
        width,
        PLOT_HEIGHT + title_extra(title, width) + 54 + legend(None, &entries, width, legend_kind),
    )
}

/// Whether a line chart draws the point `(x, y)`: both finite, and on a logarithmic x axis
/// right of 0. The chart's table of points lists exactly the points drawn.
pub fn drawn(&(x, y): &(f64, f64), log_x: bool) -> bool {
    x.is_finite() && y.is_finite() && (!log_x || x > 0.0)
}

/// A line chart's axes: the x range (in log10 space when logarithmic), the y axis's top,
/// and the units their labels are in.
struct Axes {
    lo: f64,
    hi: f64,
    top: f64,
    x: AxisUnit,
    y: AxisUnit,
}

fn axes(
    x_desc: &str,
    y_desc: &str,
    lines: &[Line],
    target: Option<f64>,
    kind: LineKind,
    x_labels: usize,
) -> Axes {
    let log_x = kind.log_x();
    let fx = |x: f64| if log_x { x.log10() } else { x };
    let usable = |p: &(f64, f64)| drawn(p, log_x);
    let xs: Vec<f64> = lines
        .iter()
        .flat_map(|l| l.points.iter().filter(|p| usable(p)).map(|p| fx(p.0)))
        .collect();
    let (lo, hi) = xs
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
    let (lo, hi) = if lo > hi {
        (0.0, 1.0)
    } else if log_x {
        // A little room on both sides, and at least a third of a decade.
        let pad = ((hi - lo) * 0.08).max(0.05);
        let (lo, hi) = (lo - pad, hi + pad);
        if hi - lo < 0.35 {
            let mid = (lo + hi) / 2.0;
            (mid - 0.175, mid + 0.175)
        } else {
            (lo, hi)
        }
    } else if lo == hi {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo, hi)
    };
    let ymax = lines
        .iter()
        .flat_map(|l| l.points.iter().filter(|p| usable(p)).map(|p| p.1))
        .chain(target)
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    // Time axes in the unit their top calls for (ms rather than 10 000 µs and more), their
    // ticks written with the decimals their spacing needs (a migration's rounds between
    // 1 719 and 1 731 ms are not all "1.7k").
    let x_axis = AxisUnit::new(
        x_desc,
        if log_x {
            10f64.powf(hi)
        } else {
            lo.abs().max(hi.abs())
        },
    );
    let x = if log_x {
        x_axis
    } else {
        x_axis.linear(lo, hi, x_labels)
    };
    let top = axis_top(ymax, kind.y_max());
    let y = AxisUnit::new(y_desc, top).linear(0.0, top, 6);
    Axes { lo, hi, top, x, y }
}

/// The units a line chart's x and y axes are labelled in, with what a value is divided
/// by to read in each: a table of the chart's points uses the same.
pub fn line_units(
    x_desc: &str,
    y_desc: &str,
    lines: &[Line],
    target: Option<f64>,
    kind: LineKind,
) -> ((String, f64), (String, f64)) {
    let a = axes(x_desc, y_desc, lines, target, kind, 6);
    let own = |u: &AxisUnit| {
        let (desc, per) = u.table_unit();
        (desc.to_string(), per)
    };
    (own(&a.x), own(&a.y))
}

/// Lines of `kind`; a cumulative distribution's x axis is logarithmic (drawn in log10 space,
/// labelled in values, several labels per decade, `log_word` after its name) and its lines
/// are steps; `legend_kind` says from how many lines the legend is drawn.
#[allow(clippy::too_many_arguments)]
fn draw_lines(
    root: &Area<'_>,
    title: &str,
    x_desc: &str,
    y_desc: &str,
    (lines, legend_kind): (&[Line], Legend),
    target: Option<f64>,
    kind: LineKind,
    log_word: &str,
) -> DrawResult {
    let log_x = kind.log_x();
    let (width, height) = root.dim_in_pixel();
    root.fill(&WHITE)?;
    let fx = |x: f64| if log_x { x.log10() } else { x };
    let usable = |p: &(f64, f64)| drawn(p, log_x);
    let x_labels = if width < 400 { 4 } else { 6 };
    let Axes {
        lo,
        hi,
        top,
        x: x_axis,
        y: y_axis,
    } = axes(x_desc, y_desc, lines, target, kind, x_labels);
    let entries: Vec<(String, Rgb)> = lines.iter().map(|l| (l.name.clone(), l.colour)).collect();
    let legend_h = legend(None, &entries, width, legend_kind);
    let (plot, legend_area) = root.split_vertically(height - legend_h);
    // The chart goes under the title; `plot` keeps the backend's coordinates for what is
    // drawn at the chart's pixel positions (category names, notes).
    let under_title = titled(&plot, title)?;
    let mut chart = ChartBuilder::on(&under_title)
        .margin(8)
        .margin_top(0)
        .margin_right(18)
        .x_label_area_size(54)
        .y_label_area_size(60)
        .build_cartesian_2d(lo..hi, 0f64..top)?;
    let x_fmt = |x: &f64| {
        if log_x {
            x_axis.label(round_sig(10f64.powf(*x)))
        } else {
            x_axis.label(*x)
        }
    };
    let y_fmt = |y: &f64| y_axis.label(*y);
    let x_desc = if log_x {
        format!("{} ({log_word})", x_axis.desc)
    } else {
        x_axis.desc.clone()
    };
    chart
        .configure_mesh()
        .x_desc(x_desc)
        .y_desc(y_axis.desc.clone())
        .x_labels(x_labels)
        .y_labels(6)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .axis_desc_style(("sans-serif", LABEL_PX))
        .label_style(("sans-serif", LABEL_PX))
        .light_line_style(RGBColor(0xee, 0xee, 0xee))
        .draw()?;
    if let Some(t) = target.filter(|v| v.is_finite()) {
        chart.draw_series(DashedLineSeries::new(
            [(lo, t), (hi, t)],
            6,
            4,
            BLACK.stroke_width(1),
        ))?;
    }
    for (i, l) in lines.iter().enumerate() {
        let colour = rgb(l.colour);
        let pts: Vec<(f64, f64)> = l
            .points
            .iter()
            .filter(|p| usable(p))
            .map(|&(x, y)| (fx(x), y))
            .collect();
        let path: Vec<(f64, f64)> = if log_x {
            // A step line: the cumulative share jumps at each bucket.
            let mut steps = Vec::with_capacity(pts.len() * 2);
            let mut prev = 0.0;
            for &(x, y) in &pts {
                steps.push((x, prev));
                steps.push((x, y));
                prev = y;
            }
            steps
        } else {
            pts.clone()
        };
        // Every line differs from the others in dash or marker (lines that share a
        // colour too); a light one (yellow) is drawn over a darker edge, so that it shows
        // on white.
        let style = line_style(i);
        if light(l.colour) {
            chart.draw_series(LineSeries::new(path.clone(), EDGE.stroke_width(4)))?;
        }
        match style.dash {
            None => {
                chart.draw_series(LineSeries::new(path, colour.stroke_width(2)))?;
            }
            Some((dash, gap)) => {
                chart.draw_series(DashedLineSeries::new(
                    path,
                    dash,
                    gap,
                    colour.stroke_width(2),
                ))?;
            }
        }
        let radius = if log_x { 2 } else { 3 };
        let plotted: Vec<(i32, i32)> = pts.iter().map(|p| chart.backend_coord(p)).collect();
        for p in plotted {
            if light(l.colour) {
                draw_marker(&plot, style.marker, p, radius + 1, (EDGE.0, EDGE.1, EDGE.2));
            }
            draw_marker(&plot, style.marker, p, radius, l.colour);
        }
    }
    legend(Some(&legend_area), &entries, width, legend_kind);
    Ok(())
}

/// `lines` with each line whose points equal an earlier one's folded into that one, its
/// name joined to the earlier's ([`joined_names`]); lines without points stay apart.
fn merge_equal(lines: &[Line]) -> Vec<Line> {
    let mut kept: Vec<(Line, Vec<&str>)> = Vec::with_capacity(lines.len());
    for l in lines {
        match kept
            .iter_mut()
            .find(|(k, _)| !l.points.is_empty() && k.points == l.points)
        {
            Some((_, names)) => names.push(&l.name),
            None => kept.push((l.clone(), vec![&l.name])),
        }
    }
    // Lines coloured in the palette's order (a colour per line, not per platform) take
    // the palette's order again: the folded lines' colours would leave gaps, and two of
    // the lines left would share one while the palette has colours to spare.
    let in_order = lines
        .iter()
        .enumerate()
        .all(|(i, l)| l.colour == crate::palette::series(i));
    kept.into_iter()
        .enumerate()
        .map(|(i, (l, names))| Line {
            name: joined_names(&names),
            colour: if in_order {
                crate::palette::series(i)
            } else {
                l.colour
            },
            ..l
        })
        .collect()
}

/// The names of equal lines as one legend entry, "; " between them (names hold commas:
/// "LAN, 5 ms round trip"); a group they all end in (" / video") is said once, first:
/// "video: LAN, 5 ms round trip; Same city, 50 ms". (" = " between them read as "5 ms
/// round trip = Same city", and the group at the end as the last name's alone: a review.)
fn joined_names(names: &[&str]) -> String {
    fn group(n: &str) -> Option<&str> {
        n.rsplit_once(" / ").map(|(_, g)| g)
    }
    match group(names[0]) {
        Some(g) if names.len() > 1 && names.iter().all(|n| group(n) == Some(g)) => {
            let heads: Vec<&str> = names
                .iter()
                .filter_map(|n| n.rsplit_once(" / ").map(|(h, _)| h))
                .collect();
            format!("{g}: {}", heads.join("; "))
        }
        _ => names.join("; "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::colour;

    /// Two equal lines are drawn once, under one legend entry naming both
    /// (seed-table-full's VDI and RDS sessions send the same bandwidth).
    #[test]
    fn equal_lines_are_drawn_once_under_one_name() {
        let points = vec![(100.0, 900.0), (200.0, 950.0)];
        let lines = [
            Line {
                name: "vdi".into(),
                colour: colour(0),
                points: points.clone(),
            },
            Line {
                name: "rds".into(),
                colour: colour(1),
                points,
            },
        ];
        let svg = xy_lines("t", "ms", "kbit/s", &lines, None);
        assert!(svg.contains("vdi; rds"), "{svg}");
        let polylines_of = |c: Rgb| {
            let stroke = format!("stroke=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2);
            svg.lines()
                .filter(|l| l.starts_with("<polyline") && l.contains(&stroke))
                .count()
        };
        assert_eq!(polylines_of(colour(0)), 1, "{svg}");
        assert_eq!(polylines_of(colour(1)), 0, "{svg}");
        let different = [
            Line {
                name: "vdi".into(),
                colour: colour(0),
                points: vec![(1.0, 1.0), (2.0, 2.0)],
            },
            Line {
                name: "rds".into(),
                colour: colour(1),
                points: vec![(1.0, 1.0), (2.0, 3.0)],
            },
        ];
        let svg = xy_lines("t", "ms", "kbit/s", &different, None);
        assert!(
            !svg.contains("vdi = rds") && svg.contains("\nrds\n"),
            "{svg}"
        );
    }

    /// A group all the equal lines end in is said once; otherwise the names are joined whole.
    #[test]
    fn equal_lines_names_say_their_shared_group_once() {
        assert_eq!(
            joined_names(&["LAN, 5 ms / office", "Same city, 50 ms / office"]),
            "office: LAN, 5 ms; Same city, 50 ms"
        );
        assert_eq!(
            joined_names(&["a / office", "b / video"]),
            "a / office; b / video"
        );
        assert_eq!(joined_names(&["vdi"]), "vdi");
    }

    /// Lines coloured in the palette's order are coloured in it again once equal lines are
    /// folded; lines coloured otherwise (by platform) keep their colours.
    #[test]
    fn folded_lines_close_the_palettes_gaps() {
        let line = |name: &str, colour: Rgb, y: f64| Line {
            name: name.into(),
            colour,
            points: vec![(1.0, y)],
        };
        let ordered = [
            line("a", colour(0), 1.0),
            line("b", colour(1), 1.0),
            line("c", colour(2), 2.0),
        ];
        let merged = merge_equal(&ordered);
        assert_eq!(merged.len(), 2);
        assert_eq!(
            (merged[0].name.as_str(), merged[0].colour),
            ("a; b", colour(0))
        );
        assert_eq!(
            (merged[1].name.as_str(), merged[1].colour),
            ("c", colour(1))
        );
        let by_platform = [
            line("a", colour(3), 1.0),
            line("b", colour(3), 1.0),
            line("c", colour(5), 2.0),
        ];
        assert_eq!(merge_equal(&by_platform)[1].colour, colour(5));
    }

    /// vdi-network's twelve sessions share the palette's seven colours: the eighth line
    /// (the first's colour) is dashed with its own marker, in the chart and its legend;
    /// the yellow one has a darker edge under it.
    #[test]
    fn lines_that_share_a_colour_are_told_apart() {
        let colours: Vec<Rgb> = (0..12).map(colour).collect();
        let v = crate::charts::variants(&colours);
        assert_eq!(&v[..7], &[0; 7]);
        assert_eq!(&v[7..], &[1; 5]);
        // Every line of the twelve looks different from the others without its colour
        // (a colour-blind reader's cue): a dash or a marker of its own.
        let looks: Vec<_> = (0..12).map(crate::charts::line_style).collect();
        for (i, a) in looks.iter().enumerate() {
            assert!(!looks[..i].contains(a), "{i}: {a:?}");
        }
        // The second line is dashed: not solid like the first. vdi-network's six lines:
        // no two with the same marker but the first and the sixth (solid and dotted).
        assert_ne!(looks[1].dash, looks[0].dash);
        for i in 0..6 {
            for j in 0..i {
                assert!(
                    looks[i].marker != looks[j].marker || (i, j) == (5, 0),
                    "{i} {j}"
                );
            }
        }
        assert_ne!(looks[5].dash, looks[0].dash);
        let lines: Vec<Line> = (0..8)
            .map(|i| Line {
                name: format!("l{i}"),
                colour: colour(i),
                points: vec![(0.0, i as f64), (10.0, i as f64 + 5.0)],
            })
            .collect();
        let svg = xy_lines("t", "ms", "kbit/s", &lines, None);
        let stroke = |c: Rgb| format!("stroke=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2);
        let polylines = |c: Rgb| {
            svg.lines()
                .filter(|l| l.starts_with("<polyline") && l.contains(&stroke(c)))
                .count()
        };
        // The first colour: one solid line, and the eighth's dashes.
        assert!(polylines(colour(0)) > 3, "{svg}");
        assert!(crate::charts::light(crate::palette::YELLOW));
        assert!(!crate::charts::light(crate::palette::BLUE));
        let (e, y) = (crate::charts::EDGE, crate::palette::YELLOW);
        assert!(
            polylines((e.0, e.1, e.2)) >= 1,
            "no edge under yellow: {svg}"
        );
        assert!(polylines(y) >= 1, "{svg}");
        // Triangles for the second line (and the seventh).
        assert!(svg.contains("<polygon"), "{svg}");
    }

    /// A minute of simulated time is labelled in s ("time (s)": 0 … 60), not "60k" ms,
    /// and a latency axis reaching 20 000 µs in ms; a narrow range in s keeps its digits.
    #[test]
    fn long_time_axes_are_labelled_in_a_larger_unit() {
        let texts = |svg: &str| -> Vec<String> {
            svg.split("<text")
                .skip(1)
                .filter_map(|t| t.split('>').nth(1)?.split('<').next())
                .map(|t| t.trim().to_string())
                .collect()
        };
        let line = |points: Vec<(f64, f64)>| Line {
            name: "l".into(),
            colour: colour(0),
            points,
        };
        let long = [line(vec![(0.0, 100.0), (60_000.0, 20_000.0)])];
        let shown = texts(&xy_lines("t", "time (ms)", "µs", &long, None));
        for want in ["time (s)", "ms", "60", "20"] {
            assert!(shown.iter().any(|t| t == want), "{want}: {shown:?}");
        }
        assert!(
            !shown.iter().any(|t| t.contains("µs") || t.ends_with('k')),
            "{shown:?}"
        );
        let narrow = [line(vec![(17_195.0, 2048.0), (17_310.0, 12.0)])];
        let shown = texts(&xy_lines("t", "time (ms)", "MiB", &narrow, None));
        for want in ["time (s)", "17.20", "17.30"] {
            assert!(shown.iter().any(|t| t == want), "{want}: {shown:?}");
        }
    }

    /// Ticks over a narrow range far from 0 keep their digits (a migration's rounds end
    /// between 1 719 and 1 731 ms): not six ticks that all read "1.7k".
    #[test]
    fn narrow_x_ranges_keep_their_digits() {
        let line = Line {
            name: "sent".into(),
            colour: colour(0),
            points: vec![(1719.5, 2048.0), (1731.0, 12.0)],
        };
        let svg = xy_lines("t", "ms", "MiB", &[line], None);
        assert!(!svg.contains("1.7k"), "{svg}");
        assert!(svg.contains("1,720") && svg.contains("1,730"), "{svg}");
    }
}
