//! Trade-off charts drawn with plotters into SVG strings. plotters escapes all
//! text it writes, so scenario-provided labels stay text; the strings are then
//! parsed as SVG (never as HTML) by `components::svg_view`.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::palette::{self, Rgb};

pub const WIDTH: u32 = 520;
pub const HEIGHT: u32 = 330;
/// The drawing size on phones: drawn narrower, not scaled down, so that text stays
/// at least 12 px when the chart fits the screen's width.
pub const NARROW_WIDTH: u32 = 360;
pub const NARROW_HEIGHT: u32 = 340;
/// Text sizes as plotters takes them (it writes `font-size` = size / 1.24): axis
/// labels and legend 18 (14.5 px in the SVG), titles 21. A chart shown at 86% of its
/// drawn width (two columns at 1440 px, or a phone) still has text of at least 12 px.
pub const LABEL_PX: u32 = 18;
pub const TITLE_PX: u32 = 21;
/// The SVG font size of `LABEL_PX`, for estimating text widths.
const LABEL_SVG_PX: f64 = LABEL_PX as f64 / 1.24;

thread_local! {
    static NARROW: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Draws the next charts for a narrow (phone) screen, or not.
pub fn set_narrow(narrow: bool) {
    NARROW.with(|n| n.set(narrow));
}

/// The (width, height) charts are drawn at now.
pub fn size() -> (u32, u32) {
    if NARROW.with(|n| n.get()) {
        (NARROW_WIDTH, NARROW_HEIGHT)
    } else {
        (WIDTH, HEIGHT)
    }
}

/// Estimated width of a character at plotters font size `px` (which writes
/// `font-size` = px / 1.24; Hangul and CJK are about square).
fn char_width(c: char, px: u32) -> f64 {
    let em = if (c as u32) >= 0x1100 {
        1.0
    } else if c.is_ascii_uppercase() {
        0.68
    } else {
        0.56
    };
    em * px as f64 / 1.24
}

/// Estimated width of `text` at plotters font size `px`.
fn text_width(text: &str, px: u32) -> f64 {
    text.chars().map(|c| char_width(c, px)).sum()
}

/// Splits `text` into lines at most `max_px` wide (at spaces, hyphens, or hyphenated
/// inside a long word): names are wrapped, never cut. A word a little wider than a line
/// (up to a fifth) may stand whole on its own line.
pub fn wrap(text: &str, max_px: f64, px: u32) -> Vec<String> {
    wrap_within(text, max_px, px, 1.2)
}

/// The pieces a name may break after: at spaces, hyphens, underscores and slashes, but
/// not inside a short token such as "I/O", "SR-IOV" or "x86-64" (a break needs four
/// characters before it).
fn words(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, ' ' | '-' | '_' | '/') {
            let end = i + c.len_utf8();
            let piece = &text[start..end];
            let token = piece.rsplit(' ').next().unwrap_or(piece);
            if c == ' ' || token.chars().count() > 4 {
                out.push(piece);
                start = end;
            }
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// [`wrap`], where a word up to `allowance` times the line's width stands whole.
fn wrap_within(text: &str, max_px: f64, px: u32, allowance: f64) -> Vec<String> {
    let w = |t: &str| text_width(t, px);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in words(text) {
        // The space between two words counts; a trailing one may hang past the edge.
        if !line.is_empty() && w(&line) + w(word.trim_end()) > max_px {
            lines.push(line.trim_end().to_string());
            line.clear();
        }
        // A word a little wider than a line (up to a fifth) stands whole on its own line:
        // labels have room between them, and "contine-/nt-150ms" or "반가상/화" read worse.
        if line.is_empty() && w(word.trim_end()) > max_px * allowance {
            // A word much longer than a line is hyphenated, at least three letters each side.
            let chars: Vec<char> = word.chars().collect();
            let room = max_px - char_width('-', px);
            let mut start = 0;
            while start < chars.len() {
                let (mut end, mut used) = (start, 0.0);
                while end < chars.len() && used + char_width(chars[end], px) <= room {
                    used += char_width(chars[end], px);
                    end += 1;
                }
                let end = if chars.len() - end < 3 {
                    chars.len()
                } else {
                    end.max(start + 3)
                };
                let mut piece: String = chars[start..end].iter().collect();
                if end < chars.len() {
                    // Hangul and CJK break between syllables without a hyphen.
                    if chars[end - 1].is_ascii_alphanumeric() {
                        piece.push('-');
                    }
                    lines.push(piece);
                } else {
                    line = piece;
                }
                start = end;
            }
        } else {
            line.push_str(word);
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

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

/// How a bar chart is drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct BarOptions {
    pub stacked: bool,
    /// The value axis reaches at least this far (a 0.03% steal is not drawn full height).
    pub min_top: f64,
}

/// Grouped bars: one group per category, one bar per series. Values that differ by
/// orders of magnitude get a logarithmic value axis.
pub fn grouped_bars(title: &str, y_desc: &str, categories: &[String], series: &[Series]) -> String {
    bars(title, y_desc, categories, series, BarOptions::default())
}

/// Stacked bars: one bar per category, series stacked (e.g. CPU-time shares).
pub fn stacked_bars(title: &str, y_desc: &str, categories: &[String], series: &[Series]) -> String {
    bars(
        title,
        y_desc,
        categories,
        series,
        BarOptions {
            stacked: true,
            ..BarOptions::default()
        },
    )
}

/// Bars with explicit options.
pub fn bars(
    title: &str,
    y_desc: &str,
    categories: &[String],
    series: &[Series],
    opts: BarOptions,
) -> String {
    // The drawing grows with the wrapped names and the legend, so the plot keeps its height.
    let (width, _) = size();
    let entries: Vec<(String, Rgb)> = series.iter().map(|s| (s.name.clone(), s.colour)).collect();
    let height = PLOT_HEIGHT
        + title_extra(title, width)
        + x_label_area(&wrap_categories(categories, width))
        + legend(None, &entries, width, false);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let _ = draw_bars(&root, title, y_desc, categories, series, opts);
        let _ = root.present();
    }
    svg
}

/// Height of a chart's caption and plot, without the axis labels under it and the legend.
const PLOT_HEIGHT: u32 = 236;

/// Category names wrapped under the bars. A name may be a little wider than its slot
/// (see [`wrap`]) where its neighbours leave room; one that would come within a quarter
/// of an em of a neighbour's is wrapped again inside its slot (Korean names, whose
/// syllables are about square, fill a slot of eight categories).
fn wrap_categories_flat(categories: &[String], width: u32) -> Vec<Vec<String>> {
    let slot = (width as f64 - 80.0) / categories.len().max(1) as f64;
    let gap = 0.25 * LABEL_SVG_PX;
    let mut wrapped: Vec<Vec<String>> = categories
        .iter()
        .map(|c| wrap(c, (slot - 2.0).max(40.0), LABEL_PX))
        .collect();
    let touch = |a: &[String], b: &[String]| {
        a.iter()
            .zip(b)
            .any(|(a, b)| (text_width(a, LABEL_PX) + text_width(b, LABEL_PX)) / 2.0 + gap > slot)
    };
    let mut inside = vec![false; categories.len()];
    loop {
        let mut changed = false;
        for i in 0..categories.len() {
            let near = |j: usize| touch(&wrapped[i], &wrapped[j]);
            if !inside[i] && ((i > 0 && near(i - 1)) || (i + 1 < wrapped.len() && near(i + 1))) {
                wrapped[i] = wrap_within(&categories[i], (slot - gap).max(40.0), LABEL_PX, 1.0);
                inside[i] = true;
                changed = true;
            }
        }
        if !changed {
            return wrapped;
        }
    }
}

/// Category names laid out under the bars: wrapped in their slots, or, when that would
/// break words (Korean names under eight bars: "바이너/리"), staggered on two rows, every
/// other name one row lower, so that each has two slots of width.
#[derive(Debug, Clone, PartialEq)]
struct CategoryLabels {
    lines: Vec<Vec<String>>,
    staggered: bool,
}

impl CategoryLabels {
    /// Lines of the upper row (every name when not staggered).
    fn upper_lines(&self) -> usize {
        self.lines
            .iter()
            .step_by(if self.staggered { 2 } else { 1 })
            .map(Vec::len)
            .max()
            .unwrap_or(1)
            .max(1)
    }

    /// Pixels from the first row's top to the row of name `i`.
    fn row_offset(&self, i: usize) -> i32 {
        if self.staggered && i % 2 == 1 {
            self.upper_lines() as i32 * LINE_PX + STAGGER_GAP_PX
        } else {
            0
        }
    }
}

/// Height of a line of category names.
const LINE_PX: i32 = LABEL_SVG_PX as i32 + 3;
/// Space between the two rows of staggered names.
const STAGGER_GAP_PX: i32 = 4;

/// Words of `categories` that `lines` cut in two.
fn broken_words(categories: &[String], lines: &[Vec<String>]) -> usize {
    categories
        .iter()
        .zip(lines)
        .map(|(c, l)| {
            words(c)
                .iter()
                .filter(|w| !l.iter().any(|line| line.contains(w.trim_end())))
                .count()
        })
        .sum()
}

fn wrap_categories(categories: &[String], width: u32) -> CategoryLabels {
    let flat = wrap_categories_flat(categories, width);
    let broken = broken_words(categories, &flat);
    if broken == 0 || categories.len() < 3 {
        return CategoryLabels {
            lines: flat,
            staggered: false,
        };
    }
    let slot = (width as f64 - 80.0) / categories.len() as f64;
    let gap = 0.25 * LABEL_SVG_PX;
    // Two slots, less a gap on each side: the lower row's ticks pass between upper names.
    let room = (2.0 * (slot - gap)).max(40.0);
    let staggered: Vec<Vec<String>> = categories
        .iter()
        .map(|c| wrap_within(c, room, LABEL_PX, 1.0))
        .collect();
    if broken_words(categories, &staggered) < broken {
        CategoryLabels {
            lines: staggered,
            staggered: true,
        }
    } else {
        CategoryLabels {
            lines: flat,
            staggered: false,
        }
    }
}

fn x_label_area(labels: &CategoryLabels) -> u32 {
    let bottom = (0..labels.lines.len())
        .map(|i| labels.row_offset(i) + labels.lines[i].len().max(1) as i32 * LINE_PX)
        .max()
        .unwrap_or(LINE_PX);
    12 + bottom.max(LINE_PX) as u32
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;
type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

/// A title's lines: a title wider than the chart is wrapped at spaces (never inside a word
/// such as "Gbit/s"), never cut.
fn title_lines(title: &str, width: u32) -> Vec<String> {
    let max = f64::from(width) - 24.0;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in title.split(' ').filter(|w| !w.is_empty()) {
        if !line.is_empty() && text_width(&format!("{line} {word}"), TITLE_PX) > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Height of one title line (the SVG font is `TITLE_PX / 1.24`: 1.24 line spacing).
const TITLE_LINE_PX: u32 = TITLE_PX;
/// Space above and below the title's lines.
const TITLE_PAD_PX: u32 = 5;

/// The height a title's lines after its first add to a chart.
fn title_extra(title: &str, width: u32) -> u32 {
    let lines = title_lines(title, width).len().max(1) as u32;
    (lines - 1) * TITLE_LINE_PX
}

/// Draws the title centred at the top of `area`, as many lines as it needs, below the
/// chart's 8 px top margin; returns the area under it.
fn titled<'a>(
    area: &Area<'a>,
    title: &str,
) -> Result<Area<'a>, DrawingAreaErrorKind<std::io::Error>> {
    let (width, _) = area.dim_in_pixel();
    let lines = title_lines(title, width);
    let style = TextStyle::from(("sans-serif", TITLE_PX).into_font())
        .pos(Pos::new(HPos::Center, VPos::Top));
    let top = 8 + TITLE_PAD_PX;
    for (i, line) in lines.iter().enumerate() {
        let y = top + i as u32 * TITLE_LINE_PX;
        area.draw_text(line, &style, ((width / 2) as i32, y as i32))?;
    }
    let height = top + lines.len() as u32 * TITLE_LINE_PX + TITLE_PAD_PX;
    Ok(area.split_vertically(height).1)
}

/// Legend entries laid out in rows: as many a row as fit, names wrapped, never cut.
/// Returns the rows' total height when `draw` is None.
fn legend(area: Option<&Area<'_>>, entries: &[(String, Rgb)], width: u32, line: bool) -> u32 {
    if entries.len() < 2 {
        return 0;
    }
    let px = LABEL_PX;
    let per_row = if entries
        .iter()
        .all(|(n, _)| text_width(n, px) + 30.0 < (width as f64 - 20.0) / 2.0)
    {
        2
    } else {
        1
    };
    let col_w = (width as f64 - 20.0) / per_row as f64;
    let mut y = 4i32;
    for row in entries.chunks(per_row) {
        let mut row_h = 0;
        for (ci, (name, colour)) in row.iter().enumerate() {
            let x = 10 + (ci as f64 * col_w) as i32;
            let lines = wrap(name, col_w - 26.0, px);
            if let Some(area) = area {
                let swatch = if line {
                    [(x, y + 6), (x + 14, y + 10)]
                } else {
                    [(x, y + 1), (x + 14, y + 15)]
                };
                let _ = area.draw(&Rectangle::new(swatch, rgb(*colour).filled()));
                for (li, l) in lines.iter().enumerate() {
                    let _ = area.draw(&Text::new(
                        l.clone(),
                        (x + 19, y + li as i32 * (LABEL_SVG_PX as i32 + 3)),
                        ("sans-serif", px).into_font(),
                    ));
                }
            }
            row_h = row_h.max(lines.len() as i32 * (LABEL_SVG_PX as i32 + 3) + 4);
        }
        y += row_h;
    }
    y as u32 + 2
}

fn draw_bars(
    root: &Area<'_>,
    title: &str,
    y_desc: &str,
    categories: &[String],
    series: &[Series],
    opts: BarOptions,
) -> DrawResult {
    let (width, height) = root.dim_in_pixel();
    root.fill(&WHITE)?;
    let n = categories.len().max(1);
    let stacked = opts.stacked;
    let log = !stacked && wants_log(series);
    let value = |v: f64| if v.is_finite() { v.max(0.0) } else { 0.0 };
    let max = if stacked {
        (0..n)
            .map(|i| {
                series
                    .iter()
                    .map(|s| value(s.values.get(i).copied().unwrap_or(0.0)))
                    .sum::<f64>()
            })
            .fold(0.0, f64::max)
    } else {
        series
            .iter()
            .flat_map(|s| s.values.iter().copied().map(value))
            .fold(0.0, f64::max)
    }
    .max(opts.min_top);
    // Log scale: bars drawn in log10 space from at least half a decade below the
    // smallest value, so that the smallest bars (and equal bars) still show.
    let min_pos = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .filter(|v| v.is_finite() && *v > 0.0)
        .fold(f64::MAX, f64::min);
    let (y_lo, y_hi) = if log {
        ((min_pos.log10() - 0.5).floor(), (max * 1.5).log10().ceil())
    } else {
        (0.0, nice_max(max))
    };
    let to_y = |v: f64| {
        if log {
            if v > 0.0 {
                v.log10().max(y_lo)
            } else {
                y_lo
            }
        } else {
            v
        }
    };
    let entries: Vec<(String, Rgb)> = series.iter().map(|s| (s.name.clone(), s.colour)).collect();
    let legend_h = legend(None, &entries, width, false);
    // Category names wrapped under their bars.
    let labels = wrap_categories(categories, width);
    let x_area = x_label_area(&labels);
    let (plot, legend_area) = root.split_vertically(height - legend_h);
    let y_desc = if log {
        format!("{y_desc} (log)")
    } else {
        y_desc.to_string()
    };
    // The chart goes under the title; `plot` keeps the backend's coordinates for what is
    // drawn at the chart's pixel positions (category names, notes).
    let under_title = titled(&plot, title)?;
    let mut chart = ChartBuilder::on(&under_title)
        .margin(8)
        .margin_top(0)
        .x_label_area_size(x_area)
        .y_label_area_size(66)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), y_lo..y_hi)?;
    let y_fmt = |y: &f64| {
        if log {
            if (y - y.round()).abs() < 1e-6 {
                short_num(&10f64.powf(y.round()))
            } else {
                String::new()
            }
        } else {
            short_num(y)
        }
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_desc(y_desc)
        .y_labels(if log {
            ((y_hi - y_lo) as usize + 1).max(2)
        } else {
            6
        })
        .y_label_formatter(&y_fmt)
        .label_style(("sans-serif", LABEL_PX))
        .axis_desc_style(("sans-serif", LABEL_PX))
        .light_line_style(RGBColor(0xee, 0xee, 0xee))
        .draw()?;
    let groups = series.len().max(1) as f64;
    let group_w = 0.8;
    for (si, s) in series.iter().enumerate() {
        let colour = rgb(s.colour);
        let bars = s.values.iter().enumerate().map(|(i, &v)| {
            let v = value(v);
            let (x0, x1, y0, y1) = if stacked {
                let below: f64 = series[..si]
                    .iter()
                    .map(|o| value(o.values.get(i).copied().unwrap_or(0.0)))
                    .sum();
                (
                    i as f64 - group_w / 2.0,
                    i as f64 + group_w / 2.0,
                    below,
                    below + v,
                )
            } else {
                // Centred on the category: the group spans i ± 0.4, each bar with an
                // equal gap on both sides.
                let w = group_w / groups;
                let x0 = i as f64 - group_w / 2.0 + si as f64 * w;
                (x0 + w * 0.04, x0 + w * 0.96, y_lo, to_y(v))
            };
            Rectangle::new([(x0, y0), (x1, y1)], colour.filled())
        });
        chart.draw_series(bars)?;
    }
    // Category names and ticks, centred under each group.
    let (_, y_px) = chart.backend_coord(&(0.0, y_lo));
    for (i, lines) in labels.lines.iter().enumerate() {
        let (x, _) = chart.backend_coord(&(i as f64, y_lo));
        // A name on the lower row hangs from a longer tick, down to its row.
        let row = labels.row_offset(i);
        plot.draw(&Rectangle::new(
            [(x, y_px), (x + 1, y_px + 5 + row)],
            BLACK.filled(),
        ))?;
        for (li, l) in lines.iter().enumerate() {
            // Centred by its estimated width (the same element type as the legend's text).
            let half = (text_width(l, LABEL_PX) / 2.0) as i32;
            plot.draw(&Text::new(
                l.clone(),
                (x - half, y_px + 7 + row + li as i32 * LINE_PX),
                ("sans-serif", LABEL_PX).into_font(),
            ))?;
        }
    }
    legend(Some(&legend_area), &entries, width, false);
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
        let root = SVGBackend::with_string(&mut svg, lines_size(title, lines)).into_drawing_area();
        let _ = draw_lines(&root, title, x_desc, y_desc, lines, None, true);
        let _ = root.present();
    }
    svg
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
        let root = SVGBackend::with_string(&mut svg, lines_size(title, lines)).into_drawing_area();
        let _ = draw_lines(&root, title, x_desc, y_desc, lines, target, false);
        let _ = root.present();
    }
    svg
}

/// The size of a line chart: its plot plus the legend's rows.
fn lines_size(title: &str, lines: &[Line]) -> (u32, u32) {
    let (width, _) = size();
    let entries: Vec<(String, Rgb)> = lines.iter().map(|l| (l.name.clone(), l.colour)).collect();
    (
        width,
        PLOT_HEIGHT + title_extra(title, width) + 54 + legend(None, &entries, width, true),
    )
}

/// Lines; with `log_x` the x axis is logarithmic (drawn in log10 space, labelled in
/// values, several labels per decade) and the lines are cumulative steps.
fn draw_lines(
    root: &Area<'_>,
    title: &str,
    x_desc: &str,
    y_desc: &str,
    lines: &[Line],
    target: Option<f64>,
    log_x: bool,
) -> DrawResult {
    let (width, height) = root.dim_in_pixel();
    root.fill(&WHITE)?;
    let fx = |x: f64| if log_x { x.log10() } else { x };
    let usable = |(x, y): &(f64, f64)| x.is_finite() && y.is_finite() && (!log_x || *x > 0.0);
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
    // A line equal to an earlier one (two platforms with the same figures) would hide it:
    // it is drawn dashed over it, and its legend entry names the line it equals.
    let same_as: Vec<Option<usize>> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            lines[..i]
                .iter()
                .position(|e| !l.points.is_empty() && e.points == l.points)
        })
        .collect();
    let entries: Vec<(String, Rgb)> = lines
        .iter()
        .zip(&same_as)
        .map(|(l, same)| match same {
            Some(j) => (format!("{} (= {})", l.name, lines[*j].name), l.colour),
            None => (l.name.clone(), l.colour),
        })
        .collect();
    let legend_h = legend(None, &entries, width, true);
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
        .build_cartesian_2d(lo..hi, 0f64..nice_max(ymax))?;
    // A narrow range far from 0 (a migration's rounds between 1 719 and 1 731 ms) needs
    // its digits: short numbers would label every tick "1.7k".
    let span = hi - lo;
    let x_fmt = |x: &f64| {
        if log_x {
            short_num(&round_sig(10f64.powf(*x)))
        } else if span > 0.0 && span * 5.0 < x.abs() {
            let decimals = (-(span / 6.0).log10()).ceil().clamp(0.0, 6.0) as usize;
            format!("{x:.decimals$}")
        } else {
            short_num(x)
        }
    };
    let x_desc = if log_x {
        format!("{x_desc} (log)")
    } else {
        x_desc.to_string()
    };
    chart
        .configure_mesh()
        .x_desc(x_desc)
        .y_desc(y_desc)
        .x_labels(if width < 400 { 4 } else { 6 })
        .y_labels(6)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&short_num)
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
    for (l, same) in lines.iter().zip(&same_as) {
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
        if same.is_some() {
            chart.draw_series(DashedLineSeries::new(path, 5, 5, colour.stroke_width(2)))?;
            continue;
        }
        chart.draw_series(LineSeries::new(path, colour.stroke_width(2)))?;
        let radius = if log_x { 2 } else { 3 };
        chart.draw_series(pts.iter().map(|&p| Circle::new(p, radius, colour.filled())))?;
    }
    legend(Some(&legend_area), &entries, width, true);
    Ok(())
}

/// `v` rounded to two significant digits (log-axis labels: 1.6, 25, 4k).
fn round_sig(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return v;
    }
    let mag = 10f64.powf(v.log10().floor() - 1.0);
    (v / mag).round() * mag
}

/// The colour for series `i` (palette order).
pub fn colour(i: usize) -> Rgb {
    palette::series(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two equal lines: the second is dashed over the first, and its legend says which
    /// line it equals (seed-table-full's VDI and RDS sessions send the same bandwidth).
    #[test]
    fn an_equal_line_is_dashed_and_named() {
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
        assert!(svg.contains("rds (= vdi)"), "{svg}");
        // The first line is one polyline; the second, dashed, is many short ones.
        let polylines_of = |c: Rgb| {
            let stroke = format!("stroke=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2);
            svg.lines()
                .filter(|l| l.starts_with("<polyline") && l.contains(&stroke))
                .count()
        };
        assert_eq!(polylines_of(colour(0)), 1, "{svg}");
        assert!(polylines_of(colour(1)) > 10, "{svg}");
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
        assert!(!xy_lines("t", "ms", "kbit/s", &different, None).contains("(= vdi)"));
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
        assert!(svg.contains("1720") && svg.contains("1730"), "{svg}");
    }

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
    fn names_wrap_whole_and_sizes_read_back() {
        let name = "Paravirtual split drivers (back end in the hypervisor)";
        let lines = wrap(name, 90.0, LABEL_PX);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(
            lines.join(" ").replace("- ", "").replace(' ', ""),
            name.replace(' ', "")
        );
        let svg = grouped_bars("t", "y", &[name.to_string()], &[]);
        assert!(!svg.contains('…'));
        assert!(svg.contains(&format!("width=\"{WIDTH}\"")), "{svg}");
        let h: u32 = svg
            .split("height=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|n| n.parse().ok())
            .unwrap();
        assert!(h > PLOT_HEIGHT, "{h}");
    }

    /// A title wider than the chart is wrapped onto a second line, whole, and the
    /// drawing grows by that line: 80 characters at about 9.5 px each are ~760 px, more
    /// than the 520 px chart.
    #[test]
    fn long_titles_wrap_whole_and_grow_the_chart() {
        let long =
            "Memory over time per instance: resident, ballooned, shared by KSM and swapped (MiB)";
        let short = grouped_bars("t", "y", &["a".into()], &[]);
        let svg = grouped_bars(long, "y", &["a".into()], &[]);
        let height = |svg: &str| -> u32 {
            svg.split("height=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .and_then(|n| n.parse().ok())
                .unwrap()
        };
        assert_eq!(height(&svg), height(&short) + TITLE_LINE_PX, "{svg}");
        let lines = title_lines(long, WIDTH);
        assert_eq!(lines.len(), 2, "{lines:?}");
        // Titles break at spaces only: "10 Gbit/s" is never split at its slash.
        for width in [300, 360, 420, 520] {
            let lines = title_lines(
                "Live migration rounds — Busy database, 10 Gbit/s link",
                width,
            );
            assert!(
                lines
                    .iter()
                    .all(|l| !l.ends_with('/') && !l.starts_with('s')),
                "{lines:?}"
            );
            assert_eq!(
                lines.join(" "),
                "Live migration rounds — Busy database, 10 Gbit/s link"
            );
        }
        for line in &lines {
            assert!(svg.contains(line.as_str()), "{line} not drawn in {svg}");
        }
    }

    /// Under a wrapped title the category names stay under their bars, above the legend:
    /// they are drawn at the chart's pixel positions, which the title's lines move down.
    #[test]
    fn category_names_stay_above_the_legend_under_a_long_title() {
        let long =
            "Memory over time per instance: resident, ballooned, shared by KSM and swapped (MiB)";
        let y_of = |svg: &str, text: &str| -> f64 {
            svg.split("<text")
                .skip(1)
                .find(|t| {
                    t.split('>')
                        .nth(1)
                        .and_then(|x| x.split('<').next())
                        .map(str::trim)
                        == Some(text)
                })
                .and_then(|t| t.split("y=\"").nth(1)?.split('"').next()?.parse().ok())
                .unwrap_or_else(|| panic!("no text {text} in {svg}"))
        };
        // Two series: a single one draws no legend.
        let series = ["legend-entry", "other"].map(|name| Series {
            name: name.into(),
            colour: colour(0),
            values: vec![5.0],
        });
        let short = grouped_bars("t", "y", &["category".into()], &series);
        let svg = grouped_bars(long, "y", &["category".into()], &series);
        // The name's line ends above the legend's rows, which fill the drawing's bottom.
        let entries: Vec<(String, Rgb)> =
            series.iter().map(|s| (s.name.clone(), s.colour)).collect();
        let legend_top = |svg: &str| -> f64 {
            let h: f64 = svg
                .split("height=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .and_then(|n| n.parse().ok())
                .unwrap();
            h - f64::from(legend(None, &entries, WIDTH, false))
        };
        for svg in [&short, &svg] {
            let bottom = y_of(svg, "category") + LABEL_SVG_PX;
            assert!(
                bottom <= legend_top(svg),
                "{bottom} > {}: {svg}",
                legend_top(svg)
            );
            assert!(y_of(svg, "legend-entry") > bottom, "{svg}");
        }
    }

    /// Equal bars on a log scale stand above the axis floor: the axis starts at least half
    /// a decade below the smallest value (10 and 10 and 1000: the floor is 10^0, not 10^1).
    #[test]
    fn equal_bars_on_a_log_scale_are_visible() {
        let s = Series {
            name: "s".into(),
            colour: colour(0),
            values: vec![10.0, 10.0, 1000.0],
        };
        assert!(wants_log(std::slice::from_ref(&s)));
        let svg = grouped_bars("t", "y", &["a".into(), "b".into(), "c".into()], &[s]);
        // The axis labels its decades from 1 up: a floor at 10 would leave no "1".
        let labels: Vec<&str> = svg
            .split("<text")
            .skip(1)
            .filter_map(|t| t.split('>').nth(1)?.split('<').next())
            .map(str::trim)
            .collect();
        assert!(labels.contains(&"1"), "{labels:?}");
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

#[cfg(test)]
mod wrap_tests {
    /// A word a little wider than the line stays whole (vdi-network's "continent-150ms"
    /// split as "contine-/nt-150ms"; Korean "반가상화" as "반가상/화").
    #[test]
    fn a_word_slightly_too_wide_is_not_broken() {
        let px = super::LABEL_PX;
        for word in ["continent-150ms", "반가상화"] {
            let first = word.split_inclusive('-').next().unwrap();
            let width = super::text_width(first, px);
            let lines = super::wrap(word, width / 1.1, px);
            assert_eq!(lines[0], first.trim_end(), "{lines:?}");
        }
        // Far too wide: still hyphenated.
        let lines = super::wrap("supercalifragilistic", 40.0, px);
        assert!(lines.len() > 1 && lines[0].ends_with('-'), "{lines:?}");
    }

    #[test]
    fn wraps_at_spaces_and_hyphenates_long_words_sensibly() {
        let w = |t| super::wrap(t, 68.0, super::LABEL_PX);
        assert_eq!(w("Type 1 hypervisor (hybrid)")[0], "Type 1");
        for t in [
            "Type 1 hypervisor (hybrid)",
            "Containers (bridge network, overlay storage)",
        ] {
            let lines = w(t);
            assert!(lines.iter().all(|l| !l.is_empty()), "{lines:?}");
            assert!(lines.len() > 1, "{lines:?}");
            // No line starts with fewer than three letters of a broken word.
            for pair in lines.windows(2) {
                if pair[0].ends_with('-') && !t.contains(&pair[0][..]) {
                    assert!(
                        pair[1].chars().take_while(|c| c.is_alphanumeric()).count() >= 3,
                        "{lines:?}"
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod category_tests {
    use super::*;

    /// Whether neighbouring names, centred in their slots, keep a quarter of an em apart.
    fn apart(wrapped: &[Vec<String>], slot: f64) -> bool {
        wrapped.windows(2).all(|p| {
            p[0].iter().zip(&p[1]).all(|(a, b)| {
                (text_width(a, LABEL_PX) + text_width(b, LABEL_PX)) / 2.0 + 0.25 * LABEL_SVG_PX
                    <= slot
            })
        })
    }

    #[test]
    fn korean_names_of_eight_categories_do_not_touch() {
        // full-para-hybrid's platforms in Korean: 8 bars.
        let names: Vec<String> = ["바이너리 변환", "하드웨어 지원", "반가상화", "하이브리드"]
            .iter()
            .flat_map(|t| [format!("{t}, 시스템 콜"), format!("{t}, 디스크")])
            .collect();
        let slot = (WIDTH as f64 - 80.0) / names.len() as f64;
        let labels = wrap_categories(&names, WIDTH);
        // Eight Korean names would break words in their slots ("바이너/리"): staggered on
        // two rows, each name has two slots, and no word is cut.
        assert!(labels.staggered, "{labels:?}");
        assert_eq!(broken_words(&names, &labels.lines), 0, "{labels:?}");
        // Names on one row keep a quarter of an em apart (two slots between centres).
        let rows = [
            labels.lines.iter().step_by(2).cloned().collect::<Vec<_>>(),
            labels
                .lines
                .iter()
                .skip(1)
                .step_by(2)
                .cloned()
                .collect::<Vec<_>>(),
        ];
        for row in &rows {
            assert!(apart(row, 2.0 * slot), "{row:?}");
        }
        // The lower row starts below the upper one's last line.
        assert!(labels.row_offset(1) >= labels.upper_lines() as i32 * LINE_PX);
        // No name is cut: the lines put back together are the name.
        for (name, lines) in names.iter().zip(&labels.lines) {
            assert_eq!(lines.concat().replace(' ', ""), name.replace(' ', ""));
        }
    }

    #[test]
    fn a_word_a_little_too_wide_stays_whole_beside_short_names() {
        // "continent-150ms" (vdi-network) between short names keeps its allowance.
        let names: Vec<String> = ["lan", "continent-150ms", "wan"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let width = 80 + 3 * 70;
        let labels = wrap_categories(&names, width);
        assert!(!labels.staggered);
        assert_eq!(
            labels.lines[1],
            wrap(&names[1], 68.0, LABEL_PX),
            "{labels:?}"
        );
    }
}

#[cfg(test)]
mod word_tests {
    #[test]
    fn short_tokens_are_not_broken_at_their_slash_or_hyphen() {
        assert_eq!(super::words("I/O path"), vec!["I/O ", "path"]);
        assert_eq!(super::words("disk/network"), vec!["disk/", "network"]);
        assert_eq!(super::words("x86-64 host"), vec!["x86-64 ", "host"]);
        assert_eq!(super::words("continent-150ms"), vec!["continent-", "150ms"]);
        assert_eq!(super::words("(I/O)"), vec!["(I/O)"]);
        assert_eq!(
            super::words("하이퍼바이저 I/O"),
            vec!["하이퍼바이저 ", "I/O"]
        );
    }
}
