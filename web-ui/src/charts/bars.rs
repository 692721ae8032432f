//! Bar charts: grouped or stacked bars per category, on a linear or logarithmic axis;
//! upright with the names under the bars, or on their side with each name above its bars
//! (a phone's narrow chart, or names that would be cut under the bars).
//!
//! [`bars`] draws them as [`BarOptions`] say: stacked or not, on their side
//! ([`BarOptions::horizontal`], chosen by [`super::bar_names`]: their names right of the
//! axis line), shares in % ([`BarOptions::share`]: the axis ends at 100%). [`bar_unit`] is
//! the unit the value axis shows, which the chart's table of figures uses too.

use plotters::prelude::*;

use super::scale::{axis_top, AxisUnit, SHARE_TOP};
use super::text::{broken_words, text_width, title_extra, title_lines, wrap_categories};
use super::text::{wrap_within, x_label_area, LINE_PX, TITLE_LINE_PX, TITLE_PAD_PX};
use super::{
    legend, rgb, size, stripes, titled, variants, wants_log, Area, DrawResult, Legend, Series,
};
use super::{LABEL_PX, PLOT_HEIGHT};
use crate::palette::Rgb;

/// How a bar chart is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BarOptions {
    pub stacked: bool,
    /// The value axis reaches at least this far (a 0.03% steal is not drawn full height).
    pub min_top: f64,
    /// The values are counts (instances): a logarithmic axis starts at 1, not 0.1.
    pub counts: bool,
    /// The values are shares in % (of CPU time, of a vCPU's time), stacked ones too, never
    /// past 100: a linear axis ends at 100% at most (the CPU breakdown's ran to 112%). Not
    /// for % of native, which a platform may pass.
    pub share: bool,
    /// On its side: one row of bars per category, its name above them, the value axis at
    /// the bottom (see [`super::bar_names`]).
    pub horizontal: bool,
    /// What a logarithmic value axis's name says after it, in brackets (the page's
    /// language: "log", "로그 눈금").
    pub log_word: &'static str,
    /// Reference lines across the bars, each at a value with its label (the remote
    /// desktop's 150 and 300 ms): dashed, labelled, inside the value axis.
    pub refs: [Option<(f64, &'static str)>; 2],
}

impl Default for BarOptions {
    fn default() -> BarOptions {
        BarOptions {
            stacked: false,
            min_top: 0.0,
            counts: false,
            share: false,
            horizontal: false,
            log_word: "log",
            refs: [None, None],
        }
    }
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
    let legend_h = legend(None, &entries, width, Legend::Swatches);
    let height = if opts.horizontal {
        // On its side: the title, a row of bars per category, the value axis, the legend.
        let axis = value_axis(y_desc, categories.len().max(1), series, opts);
        let rows = side_rows(
            categories,
            series.len(),
            opts.stacked,
            width,
            side_left(&axis),
            side_refs_px(opts),
        );
        title_height(title, width) + rows.height as u32 + SIDE_AXIS_PX + SIDE_MARGIN_PX + legend_h
    } else {
        PLOT_HEIGHT
            + title_extra(title, width)
            + x_label_area(&wrap_categories(categories, width))
            + legend_h
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let _ = if opts.horizontal {
            draw_side_bars(&root, title, y_desc, categories, series, opts)
        } else {
            draw_bars(&root, title, y_desc, categories, series, opts)
        };
        let _ = root.present();
    }
    svg
}

/// The height [`titled`] gives a title's lines with its margins.
fn title_height(title: &str, width: u32) -> u32 {
    8 + TITLE_PAD_PX + title_lines(title, width).len().max(1) as u32 * TITLE_LINE_PX + TITLE_PAD_PX
}

/// The chart's margin (left, right and bottom) around a chart on its side.
const SIDE_MARGIN_PX: u32 = 8;
/// Height of the value axis's labels and title under a chart on its side.
const SIDE_AXIS_PX: u32 = 48;
/// Thickness of one bar of a group, and of a stacked or single bar, on a chart on its side.
const SIDE_BAR_PX: i32 = 13;
const SIDE_STACKED_PX: i32 = 20;
/// Space between the axis line the bars grow from and the names above them, which start
/// right of it: a name drawn from the line lost its first stroke to it ("VM" read "\/M").
const SIDE_NAME_INSET_PX: u32 = 5;
/// The plot's left edge (the axis line) of a chart on its side, at most: the half of its
/// first tick's label that stands left of it (linear axes start at "0"; a logarithmic one at
/// a decade, "0.001" the widest the page's figures start from) with its gap. Names that fit
/// right of this fit on any of the page's charts (see [`side_names_fit`]).
const SIDE_LEFT_MOST_PX: u32 = 28;
/// Space between the bars of one group, under a name, and between categories.
const SIDE_BAR_GAP_PX: i32 = 2;
const SIDE_NAME_GAP_PX: i32 = 2;
const SIDE_ROW_GAP_PX: i32 = 10;

/// Where the rows of a chart on its side go: each category's name (wrapped whole to the
/// chart's width) above its bars.
struct SideRows {
    names: Vec<Vec<String>>,
    /// Each row's top (its name's first line), from the plot's top.
    tops: Vec<i32>,
    /// Each row's first bar's top, from the plot's top.
    bar_tops: Vec<i32>,
    /// Thickness of one bar.
    bar_px: i32,
    /// The rows' total height.
    height: i32,
}

/// Where a name above its bars starts, on a chart on its side whose plot (and axis line)
/// starts `left` px from the drawing's edge: right of the line.
fn side_name_x(left: u32) -> u32 {
    left + SIDE_NAME_INSET_PX
}

/// Room for a name above its bars: from where it starts to the chart's right margin.
fn side_name_room(width: u32, left: u32) -> f64 {
    f64::from(width) - f64::from(side_name_x(left)) - f64::from(SIDE_MARGIN_PX)
}

/// Names wrapped above the bars of a chart on its side, no line wider than the chart.
fn side_names(categories: &[String], width: u32, left: u32) -> Vec<Vec<String>> {
    let room = side_name_room(width, left);
    categories
        .iter()
        .map(|c| wrap_within(c, room, LABEL_PX, 1.0))
        .collect()
}

/// Whether `categories` fit above the bars of a chart on its side `width` wide with no word
/// cut in two and no line wider than the chart (only a word wider than the chart would
/// be either).
pub(super) fn side_names_fit(categories: &[String], width: u32) -> bool {
    let names = side_names(categories, width, SIDE_LEFT_MOST_PX);
    let room = side_name_room(width, SIDE_LEFT_MOST_PX);
    broken_words(categories, &names) == 0
        && names
            .iter()
            .flatten()
            .all(|l| text_width(l.trim_end_matches([',', ';']), LABEL_PX) <= room)
}

/// The room above the rows of a chart on its side for its reference lines' labels: a line
/// each.
fn side_refs_px(opts: BarOptions) -> i32 {
    opts.refs.iter().flatten().count() as i32 * LINE_PX
}

fn side_rows(
    categories: &[String],
    n_series: usize,
    stacked: bool,
    width: u32,
    left: u32,
    refs_px: i32,
) -> SideRows {
    let names = side_names(categories, width, left);
    let (bar_px, bars) = if stacked || n_series < 2 {
        (SIDE_STACKED_PX, 1)
    } else {
        (SIDE_BAR_PX, n_series.max(1) as i32)
    };
    let group = bars * bar_px + (bars - 1) * SIDE_BAR_GAP_PX;
    let (mut tops, mut bar_tops) = (Vec::new(), Vec::new());
    let mut y = SIDE_ROW_GAP_PX / 2 + refs_px;
    for lines in &names {
        tops.push(y);
        y += lines.len().max(1) as i32 * LINE_PX + SIDE_NAME_GAP_PX;
        bar_tops.push(y);
        y += group + SIDE_ROW_GAP_PX;
    }
    SideRows {
        names,
        tops,
        bar_tops,
        bar_px,
        height: y.max(LINE_PX),
    }
}

/// The value axis of a bar chart: logarithmic or not, its range (in log10 space when
/// logarithmic) and the unit its labels are in.
struct ValueAxis {
    log: bool,
    lo: f64,
    hi: f64,
    unit: AxisUnit,
    log_word: &'static str,
}

impl ValueAxis {
    /// Where `v` stands on the axis: in log10 space on a logarithmic axis, where nothing
    /// falls below its start.
    fn position(&self, v: f64) -> f64 {
        match (self.log, v > 0.0) {
            (false, _) => v,
            (true, true) => v.log10().max(self.lo),
            (true, false) => self.lo,
        }
    }

    /// The label of the tick at `at`: on a logarithmic axis its decades only.
    fn tick_label(&self, at: f64) -> String {
        if !self.log {
            self.unit.label(at)
        } else if (at - at.round()).abs() < 1e-6 {
            self.unit.label(10f64.powf(at.round()))
        } else {
            String::new()
        }
    }

    /// The axis's name, "(log)" (in the page's language) after it on a logarithmic axis.
    fn title(&self) -> String {
        if self.log {
            format!("{} ({})", self.unit.desc, self.log_word)
        } else {
            self.unit.desc.clone()
        }
    }

    /// How many labels plotters is asked for: every decade on a logarithmic axis.
    fn labels(&self) -> usize {
        if self.log {
            ((self.hi - self.lo) as usize + 1).max(2)
        } else {
            6
        }
    }
}

/// A bar's length: a value, none for one that is negative or not a number.
fn bar_value(v: f64) -> f64 {
    if v.is_finite() {
        v.max(0.0)
    } else {
        0.0
    }
}

fn value_axis(y_desc: &str, n: usize, series: &[Series], opts: BarOptions) -> ValueAxis {
    let stacked = opts.stacked;
    let log = !stacked && wants_log(series);
    let value = bar_value;
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
    .max(opts.min_top)
    // Reference lines stand inside the axis, with room for their labels.
    .max(
        opts.refs
            .iter()
            .flatten()
            .fold(0.0, |m: f64, r| m.max(r.0 * 1.15)),
    );
    // Log scale: bars drawn in log10 space from at least half a decade below the
    // smallest value, so that the smallest bars (and equal bars) still show; counts
    // from just under 1, whose first label is 1 (not "0.1 instances").
    let min_pos = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .filter(|v| v.is_finite() && *v > 0.0)
        .fold(f64::MAX, f64::min);
    let (lo, hi) = if log {
        let lo = (min_pos.log10() - 0.5).floor();
        let lo = if opts.counts {
            lo.max(COUNT_FLOOR.log10())
        } else {
            lo
        };
        (lo, (max * 1.5).log10().ceil())
    } else {
        (0.0, axis_top(max, opts.share.then_some(SHARE_TOP)))
    };
    // A time axis in the unit its top calls for (ms rather than 10 000 µs and more).
    let unit = if log {
        AxisUnit::new(y_desc, 10f64.powf(hi))
    } else {
        AxisUnit::new(y_desc, hi).linear(lo, hi, 6)
    };
    ValueAxis {
        log,
        lo,
        hi,
        unit,
        log_word: opts.log_word,
    }
}

/// Where a log axis of counts starts: under 1, so that a bar of 1 shows, but above 0.1.
const COUNT_FLOOR: f64 = 0.5;

/// The unit a bar chart's value axis is labelled in ("s" for an axis of ms that reaches
/// 10 s) and what a value is divided by to read in it: a table of the chart's figures
/// uses the same.
pub fn bar_unit(y_desc: &str, n: usize, series: &[Series], opts: BarOptions) -> (String, f64) {
    let axis = value_axis(y_desc, n, series, opts);
    let (desc, per) = axis.unit.table_unit();
    (desc.to_string(), per)
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
    let axis = value_axis(y_desc, n, series, opts);
    let (y_lo, y_hi) = (axis.lo, axis.hi);
    let value = bar_value;
    let to_y = |v: f64| axis.position(v);
    let entries: Vec<(String, Rgb)> = series.iter().map(|s| (s.name.clone(), s.colour)).collect();
    let legend_h = legend(None, &entries, width, Legend::Swatches);
    // Category names wrapped under their bars.
    let labels = wrap_categories(categories, width);
    let x_area = x_label_area(&labels);
    let (plot, legend_area) = root.split_vertically(height - legend_h);
    // The chart goes under the title; `plot` keeps the backend's coordinates for what is
    // drawn at the chart's pixel positions (category names, notes).
    let under_title = titled(&plot, title)?;
    let mut chart = ChartBuilder::on(&under_title)
        .margin(8)
        .margin_top(0)
        .x_label_area_size(x_area)
        .y_label_area_size(66)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), y_lo..y_hi)?;
    let y_fmt = |y: &f64| axis.tick_label(*y);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_desc(axis.title())
        .y_labels(axis.labels())
        .y_label_formatter(&y_fmt)
        .label_style(("sans-serif", LABEL_PX))
        .axis_desc_style(("sans-serif", LABEL_PX))
        .light_line_style(RGBColor(0xee, 0xee, 0xee))
        .draw()?;
    let groups = series.len().max(1) as f64;
    let group_w = 0.8;
    // Series that share a colour (more than the palette's seven) are striped apart.
    let colours: Vec<Rgb> = series.iter().map(|s| s.colour).collect();
    let variants = variants(&colours);
    for (si, s) in series.iter().enumerate() {
        let colour = rgb(s.colour);
        let rects: Vec<((f64, f64), (f64, f64))> = s
            .values
            .iter()
            .enumerate()
            .map(|(i, &v)| {
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
                ((x0, y0), (x1, y1))
            })
            .collect();
        chart.draw_series(
            rects
                .iter()
                .map(|&(a, b)| Rectangle::new([a, b], colour.filled())),
        )?;
        if variants[si] > 0 {
            for (a, b) in &rects {
                stripes(
                    &plot,
                    variants[si],
                    chart.backend_coord(a),
                    chart.backend_coord(b),
                );
            }
        }
    }
    // Reference lines, dashed, each labelled above its right end on a white ground.
    let x_end = n as f64 - 0.5;
    for &(v, _) in opts.refs.iter().flatten() {
        let at = to_y(v);
        chart.draw_series(DashedLineSeries::new(
            [(-0.5, at), (x_end, at)],
            6,
            4,
            REF_COLOUR.stroke_width(2),
        ))?;
    }
    for &(v, label) in opts.refs.iter().flatten() {
        let (x, y) = chart.backend_coord(&(x_end, to_y(v)));
        ref_label(&plot, label, x - 2, y - LINE_PX - 1, true)?;
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
            // Centred by its estimated width (the same element type as the legend's text),
            // moved inside the chart where the centred line would pass its edge.
            let w = text_width(l, LABEL_PX) as i32;
            let left = (x - w / 2).min(width as i32 - 2 - w).max(2);
            plot.draw(&Text::new(
                l.clone(),
                (left, y_px + 7 + row + li as i32 * LINE_PX),
                ("sans-serif", LABEL_PX).into_font(),
            ))?;
        }
    }
    legend(Some(&legend_area), &entries, width, Legend::Swatches);
    Ok(())
}

/// The colour of reference lines and their labels.
const REF_COLOUR: RGBColor = RGBColor(0x33, 0x33, 0x33);

/// A reference line's label, its top at `y`, starting at `x` (ending there when
/// `right_aligned`), on a white ground that keeps it legible over bars.
fn ref_label(plot: &Area<'_>, label: &str, x: i32, y: i32, right_aligned: bool) -> DrawResult {
    let w = text_width(label, LABEL_PX) as i32;
    let left = if right_aligned { x - w } else { x }.max(2);
    plot.draw(&Rectangle::new(
        [(left - 2, y), (left + w + 2, y + LINE_PX)],
        WHITE.filled(),
    ))?;
    plot.draw(&Text::new(
        label.to_string(),
        (left, y + 1),
        ("sans-serif", LABEL_PX).into_font().color(&REF_COLOUR),
    ))?;
    Ok(())
}

/// The room half a tick's label at `at` takes beside the plot's edge it is centred on, with
/// its gap ("0.01" at the left edge of a phone's log axis lost its "0").
fn side_label_half(axis: &ValueAxis, at: f64) -> u32 {
    (text_width(&axis.tick_label(at), LABEL_PX) / 2.0).ceil() as u32 + 4
}

/// The left edge of a chart on its side's plot, where its axis line is: room for the half of
/// the first tick's label left of it, at least the chart's margin.
fn side_left(axis: &ValueAxis) -> u32 {
    side_label_half(axis, if axis.log { axis.lo.round() } else { axis.lo }).max(SIDE_MARGIN_PX)
}

/// A bar chart on its side: a row per category, its name (whole, wrapped to the chart's
/// width) above its bars, which grow to the right along the value axis at the bottom. The
/// same axis, colours, stripes and legend as upright bars.
fn draw_side_bars(
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
    let axis = value_axis(y_desc, n, series, opts);
    let (x_lo, x_hi) = (axis.lo, axis.hi);
    let value = bar_value;
    let to_x = |v: f64| axis.position(v);
    let entries: Vec<(String, Rgb)> = series.iter().map(|s| (s.name.clone(), s.colour)).collect();
    let legend_h = legend(None, &entries, width, Legend::Swatches);
    let left = side_left(&axis);
    let rows = side_rows(
        categories,
        series.len(),
        stacked,
        width,
        left,
        side_refs_px(opts),
    );
    let (plot, legend_area) = root.split_vertically(height - legend_h);
    let x_fmt = |x: &f64| axis.tick_label(*x);
    let right = side_label_half(&axis, if axis.log { x_hi.round() } else { x_hi });
    let under_title = titled(&plot, title)?;
    let mut chart = ChartBuilder::on(&under_title)
        .margin(SIDE_MARGIN_PX)
        .margin_top(0)
        .margin_left(left)
        .margin_right(right.max(SIDE_MARGIN_PX))
        .x_label_area_size(SIDE_AXIS_PX)
        .y_label_area_size(0)
        .build_cartesian_2d(x_lo..x_hi, 0f64..1f64)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_desc(axis.title())
        .x_labels(axis.labels())
        .x_label_formatter(&x_fmt)
        .label_style(("sans-serif", LABEL_PX))
        .axis_desc_style(("sans-serif", LABEL_PX))
        .light_line_style(RGBColor(0xee, 0xee, 0xee))
        .draw()?;
    // The plot's pixels: the bars are placed by the rows' layout, in the backend's pixels.
    let (_, y_range) = chart.plotting_area().get_pixel_range();
    let top = y_range.start;
    let x_px = |v: f64| chart.backend_coord(&(v, 0.0)).0;
    let base = x_px(x_lo);
    let colours: Vec<Rgb> = series.iter().map(|s| s.colour).collect();
    let variants = variants(&colours);
    for (i, lines) in rows.names.iter().enumerate() {
        for (li, l) in lines.iter().enumerate() {
            plot.draw(&Text::new(
                l.clone(),
                (
                    side_name_x(left) as i32,
                    top + rows.tops[i] + li as i32 * LINE_PX,
                ),
                ("sans-serif", LABEL_PX).into_font(),
            ))?;
        }
        let mut below = 0.0;
        for (si, s) in series.iter().enumerate() {
            let v = value(s.values.get(i).copied().unwrap_or(0.0));
            let (x0, x1, y0) = if stacked {
                let from = below;
                below += v;
                (x_px(from), x_px(below), top + rows.bar_tops[i])
            } else {
                let y = top + rows.bar_tops[i] + si as i32 * (rows.bar_px + SIDE_BAR_GAP_PX);
                (base, x_px(to_x(v)), y)
            };
            if x1 <= x0 {
                continue;
            }
            let (a, b) = ((x0, y0), (x1, y0 + rows.bar_px));
            plot.draw(&Rectangle::new([a, b], rgb(s.colour).filled()))?;
            if variants[si] > 0 {
                stripes(&plot, variants[si], a, b);
            }
        }
    }
    // The axis the bars grow from.
    plot.draw(&Rectangle::new(
        [(base, top), (base + 1, y_range.end)],
        BLACK.filled(),
    ))?;
    // Reference lines across the rows, dashed, each labelled on a line of its own above
    // the rows (right of its line, or left of it near the chart's right edge).
    // The lines pass by the labels' rows and the bars, not across the platforms' names
    // ("VDI: a desktop VM¦per user" on a phone).
    let mut spans = vec![(top, top + rows.tops.first().copied().unwrap_or(rows.height))];
    for (i, &bar_top) in rows.bar_tops.iter().enumerate() {
        let end = rows.tops.get(i + 1).copied().unwrap_or(rows.height);
        spans.push((top + bar_top, top + end));
    }
    for &(v, _) in opts.refs.iter().flatten() {
        let x = x_px(to_x(v));
        for &(from, to) in &spans {
            let mut y = from;
            while y < to.min(y_range.end) {
                let end = (y + 6).min(to);
                plot.draw(&PathElement::new(
                    vec![(x, y), (x, end)],
                    REF_COLOUR.stroke_width(2),
                ))?;
                y += 10;
            }
        }
    }
    // The labels over every line (a label crossed by the next line read "1|50").
    for (k, &(v, label)) in opts.refs.iter().flatten().enumerate() {
        let x = x_px(to_x(v));
        let w = text_width(label, LABEL_PX) as i32;
        let right_aligned = x + 4 + w > width as i32 - 2;
        let at = if right_aligned { x - 3 } else { x + 4 };
        ref_label(
            &plot,
            label,
            at,
            top + 2 + k as i32 * LINE_PX,
            right_aligned,
        )?;
    }
    legend(Some(&legend_area), &entries, width, Legend::Swatches);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{colour, wrap, LABEL_SVG_PX, WIDTH};

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
            h - f64::from(legend(None, &entries, WIDTH, Legend::Swatches))
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

    /// A logarithmic axis says so in the page's language ("(log)", "(로그 눈금)").
    #[test]
    fn a_log_axis_says_so_in_the_pages_language() {
        let s = Series {
            name: "s".into(),
            colour: colour(0),
            values: vec![1.0, 1000.0],
        };
        let cats = ["a".to_string(), "b".to_string()];
        let en = grouped_bars("t", "y", &cats, std::slice::from_ref(&s));
        assert!(en.contains("y (log)"), "{en}");
        let opts = BarOptions {
            log_word: "로그 눈금",
            ..BarOptions::default()
        };
        let ko = bars("t", "y", &cats, std::slice::from_ref(&s), opts);
        assert!(
            ko.contains("y (로그 눈금)") && !ko.contains("(log)"),
            "{ko}"
        );
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

    /// Latencies of seconds are labelled in s, not in millions of µs; the values drawn
    /// are the same.
    #[test]
    fn a_long_latency_axis_is_labelled_in_a_larger_unit() {
        let texts = |svg: &str| -> Vec<String> {
            svg.split("<text")
                .skip(1)
                .filter_map(|t| t.split('>').nth(1)?.split('<').next())
                .map(|t| t.trim().to_string())
                .collect()
        };
        let s = |values: Vec<f64>| Series {
            name: "p99".into(),
            colour: colour(0),
            values,
        };
        let cats = ["a".to_string(), "b".to_string()];
        let long = texts(&grouped_bars("t", "µs", &cats, &[s(vec![1.2e7, 9e6])]));
        assert!(long.contains(&"s".to_string()), "{long:?}");
        assert!(
            !long.iter().any(|t| t.contains("µs") || t.ends_with('M')),
            "{long:?}"
        );
        assert!(long.contains(&"10".to_string()), "{long:?}");
        let short = texts(&grouped_bars("t", "µs", &cats, &[s(vec![8.0, 9.0])]));
        assert!(short.contains(&"µs".to_string()), "{short:?}");
    }

    /// On its side, the value axis's first label stays whole inside the drawing: a start-up
    /// time axis from 0.01 s read ".01" on a phone, its "0" left of the chart's edge.
    #[test]
    fn a_chart_on_its_side_keeps_its_first_axis_label_inside() {
        let series = [Series {
            name: "s".into(),
            colour: colour(0),
            values: vec![0.05, 60.0],
        }];
        let svg = bars(
            "t",
            "s",
            &["a".into(), "b".into()],
            &series,
            BarOptions {
                horizontal: true,
                ..BarOptions::default()
            },
        );
        let first = svg
            .split("<text")
            .skip(1)
            .find(|t| {
                t.split('>')
                    .nth(1)
                    .and_then(|x| x.split('<').next())
                    .map(str::trim)
                    == Some("0.01")
            })
            .unwrap_or_else(|| panic!("no 0.01 label in {svg}"));
        let x: f64 = first
            .split(" x=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no x in {first}"));
        // Centred on x unless anchored at its start.
        let anchored_start =
            !first.contains("text-anchor=\"middle\"") && !first.contains("text-anchor=\"end\"");
        let left = if anchored_start {
            x
        } else {
            x - text_width("0.01", LABEL_PX) / 2.0
        };
        assert!(left >= 0.0, "the label starts at {left}: {first}");
    }

    /// On its side, each name starts right of the axis line its bars grow from, on a linear
    /// axis and a logarithmic one (a name drawn from the line read "\/M" for "VM"), and still
    /// wraps within the chart.
    #[test]
    fn a_chart_on_its_side_starts_its_names_right_of_the_axis_line() {
        let attr = |el: &str, name: &str| -> f64 {
            el.split(&format!(" {name}=\""))
                .nth(1)
                .and_then(|r| r.split('"').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("no {name} in {el}"))
        };
        let long =
            "Type 2, host programs use 30% of each core and then some more words".to_string();
        for values in [vec![3.0, 5.0], vec![0.02, 500.0]] {
            let series = [Series {
                name: "s".into(),
                colour: colour(0),
                values,
            }];
            let svg = bars(
                "t",
                "µs",
                &["VM".into(), long.clone()],
                &series,
                BarOptions {
                    horizontal: true,
                    ..BarOptions::default()
                },
            );
            let name = svg
                .split("<text")
                .skip(1)
                .find(|t| {
                    t.split('>')
                        .nth(1)
                        .map(str::trim)
                        .is_some_and(|x| x.starts_with("VM"))
                })
                .unwrap_or_else(|| panic!("no VM in {svg}"));
            // The axis line: the one-pixel-wide black rectangle the bars start from.
            let line = svg
                .split("<rect")
                .skip(1)
                .find(|r| attr(r, "width") == 1.0 && r.contains("fill=\"#000000\""))
                .unwrap_or_else(|| panic!("no axis line in {svg}"));
            let (name_x, line_x) = (attr(name, "x"), attr(line, "x"));
            assert!(
                name_x >= line_x + 4.0,
                "the name at {name_x}, the line at {line_x}"
            );
            // Every line of the long name ends inside the chart.
            for t in svg.split("<text").skip(1) {
                let text = t
                    .split('>')
                    .nth(1)
                    .and_then(|x| x.split('<').next())
                    .unwrap_or("")
                    .trim();
                if !text.is_empty() && long.contains(text) && text.len() > 3 {
                    let right = attr(t, "x") + text_width(text, LABEL_PX);
                    assert!(right <= f64::from(WIDTH), "{text}: to {right}");
                }
            }
        }
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
