//! Trade-off charts drawn with plotters into SVG strings. plotters escapes all
//! text it writes, so scenario-provided labels stay text; the strings are then
//! parsed as SVG (never as HTML) by `components::svg_view`.
//!
//! Here: the charts' sizes ([`size`], narrower on a phone: [`set_narrow`]), [`Series`],
//! the title (`titled`) and the legend (`legend`), and how series that share a colour
//! (more than the palette's seven) are told apart (`variants`: a dash and a marker per
//! line, `line_style`, `draw_marker`; white stripes on bars, `stripes`). [`bar_names`]
//! chooses whether a bar chart stands upright, its names under the bars, or lies on its
//! side: upright only where every name fits whole under the bars in at most
//! [`UPRIGHT_LINES`] lines, never on a phone's narrow chart.
//! Beside it: `text.rs` (text widths and label layout), `scale.rs` (axis numbers and
//! scales), `bars.rs`, `lines.rs`, and `caption.rs` (the line under a downloaded chart).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::palette::{self, Rgb};

mod bars;
mod caption;
mod lines;
mod scale;
mod text;

pub use bars::{bar_unit, bars, grouped_bars, stacked_bars, BarOptions};
pub use caption::{with_caption, with_note_and_caption};
pub use lines::{drawn, line_units, log_lines, share_lines, xy_lines, Line, LineKind};
pub use scale::{tick_label, tick_label_on, wants_log};
pub(crate) use text::text_width;
pub use text::wrap;
use text::{title_lines, TITLE_LINE_PX, TITLE_PAD_PX};

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

/// The most lines a name under upright bars may take: a longer one lies on its side,
/// whole above its bars (type1-vs-type2's "Type 1 (hardware / assist, / emulated I/O)"
/// stood three lines high with a word alone on one, crowding its neighbours: a student's
/// review).
pub const UPRIGHT_LINES: usize = 2;

/// Whether `categories` fit under the bars of a chart drawn now with no word cut in two,
/// no name reaching its neighbour and none over [`UPRIGHT_LINES`] lines.
pub fn names_fit(categories: &[String]) -> bool {
    let (width, _) = size();
    let labels = text::wrap_categories(categories, width);
    labels.fit(categories, width) && labels.lines.iter().all(|l| l.len() <= UPRIGHT_LINES)
}

/// The names a bar chart drawn now shows and whether it lies on its side (`true`): upright
/// with the labels under the bars where they fit whole; on its side, each label whole above
/// its bars, on a phone's narrow chart and wherever the labels would be cut under the bars
/// (memory-shadow-vs-nested's six, full-para-hybrid's eight in English). Never the short
/// names upright: platform ids ("hw-shadow-pt") where the other charts and the chart's own
/// table name the platforms (a student's review). On its side the labels are shown, unless
/// a word of theirs is wider than the chart and the short names' are not.
pub fn bar_names<'a>(labels: &'a [String], short: Option<&'a [String]>) -> (&'a [String], bool) {
    let (width, _) = size();
    let narrow = NARROW.with(|n| n.get());
    if !narrow && names_fit(labels) {
        return (labels, false);
    }
    match short {
        Some(short)
            if !bars::side_names_fit(labels, width) && bars::side_names_fit(short, width) =>
        {
            (short, true)
        }
        _ => (labels, true),
    }
}

/// The (width, height) charts are drawn at now.
pub fn size() -> (u32, u32) {
    if NARROW.with(|n| n.get()) {
        (NARROW_WIDTH, NARROW_HEIGHT)
    } else {
        (WIDTH, HEIGHT)
    }
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

/// Height of a chart's caption and plot, without the axis labels under it and the legend.
const PLOT_HEIGHT: u32 = 236;

type DrawResult = Result<(), Box<dyn std::error::Error>>;
type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

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

/// For each series, how many earlier ones have its colour: series that share a colour
/// (more series than the palette's seven) are told apart by this variant, a dash
/// pattern on a line ([`line_style`]), stripes on a bar.
pub(crate) fn variants(colours: &[Rgb]) -> Vec<usize> {
    colours
        .iter()
        .enumerate()
        .map(|(i, c)| colours[..i].iter().filter(|e| *e == c).count())
        .collect()
}

/// A line's look besides its colour: a dash (`None`: solid; else dash and gap in px) and a
/// marker, both by its place, so that every line of up to fifteen differs from every other
/// in one of them whatever their colours (a colour-blind reader's second cue: orange and
/// vermillion lines, solid with triangles both, read as two orange lines in vdi-network),
/// and a line drawn over a nearly equal one leaves the other's markers showing
/// (thin-1mbit over city-50ms).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LineStyle {
    pub dash: Option<(u32, u32)>,
    pub marker: Marker,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Marker {
    Circle,
    Triangle,
    Square,
    Cross,
    Diamond,
}

pub(crate) fn line_style(index: usize) -> LineStyle {
    const DASHES: [Option<(u32, u32)>; 3] = [None, Some((9, 4)), Some((2, 3))];
    // Five markers and three dashes: no two of the first five lines share a marker (the
    // orange and vermillion lines, overlapping in vdi-network, had triangles both), and no
    // two of the first fifteen both marker and dash.
    const MARKERS: [Marker; 5] = [
        Marker::Circle,
        Marker::Triangle,
        Marker::Square,
        Marker::Cross,
        Marker::Diamond,
    ];
    LineStyle {
        dash: DASHES[index % DASHES.len()],
        marker: MARKERS[index % MARKERS.len()],
    }
}

/// Whether a colour is too light to show as a thin line on white (the palette's yellow):
/// such a line is drawn over a darker edge.
pub(crate) fn light(c: Rgb) -> bool {
    0.299 * f64::from(c.0) + 0.587 * f64::from(c.1) + 0.114 * f64::from(c.2) > 180.0
}

/// The darker edge under a light line.
pub(crate) const EDGE: RGBColor = RGBColor(0x8a, 0x80, 0x1a);

/// Draws marker `m` of radius `r` at pixel `(x, y)` of `area`.
pub(crate) fn draw_marker(area: &Area<'_>, m: Marker, (x, y): (i32, i32), r: i32, c: Rgb) {
    let style = rgb(c).filled();
    let _ = match m {
        Marker::Circle => area.draw(&Circle::new((x, y), r, style)),
        Marker::Triangle => area.draw(&Polygon::new(
            vec![(x, y - r - 1), (x - r - 1, y + r), (x + r + 1, y + r)],
            style,
        )),
        Marker::Square => area.draw(&Rectangle::new([(x - r, y - r), (x + r, y + r)], style)),
        Marker::Diamond => area.draw(&Polygon::new(
            vec![
                (x, y - r - 1),
                (x + r + 1, y),
                (x, y + r + 1),
                (x - r - 1, y),
            ],
            style,
        )),
        Marker::Cross => {
            let s = rgb(c).stroke_width(2);
            let _ = area.draw(&PathElement::new(vec![(x - r, y - r), (x + r, y + r)], s));
            area.draw(&PathElement::new(vec![(x - r, y + r), (x + r, y - r)], s))
        }
    };
}

/// Stripes over the bar at pixels `(x0, y0)`–`(x1, y1)` for `variant` (none for 0):
/// upright white stripes, then flat ones, then both.
pub(crate) fn stripes(area: &Area<'_>, variant: usize, (x0, y0): (i32, i32), (x1, y1): (i32, i32)) {
    let (left, right) = (x0.min(x1), x0.max(x1));
    let (top, bottom) = (y0.min(y1), y0.max(y1));
    let kind = variant % 4;
    if kind == 1 || kind == 3 {
        for x in (left + 2..right - 1).step_by(5) {
            let _ = area.draw(&Rectangle::new([(x, top), (x + 1, bottom)], WHITE.filled()));
        }
    }
    if kind == 2 || kind == 3 {
        for y in (top + 2..bottom - 1).step_by(5) {
            let _ = area.draw(&Rectangle::new([(left, y), (right, y + 1)], WHITE.filled()));
        }
    }
}

/// What a legend's entries show beside their names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Legend {
    /// A bar chart's filled swatches (from two series on).
    Swatches,
    /// A line chart's dashes and markers, from `from` lines on.
    Lines { from: usize },
}

/// Legend entries laid out in rows: as many a row as fit, names wrapped, never cut.
/// Returns the rows' total height when `draw` is None.
fn legend(area: Option<&Area<'_>>, entries: &[(String, Rgb)], width: u32, kind: Legend) -> u32 {
    let (line, from) = match kind {
        Legend::Swatches => (false, 2),
        Legend::Lines { from } => (true, from),
    };
    if entries.len() < from.max(1) {
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
    let colours: Vec<Rgb> = entries.iter().map(|e| e.1).collect();
    let variants = variants(&colours);
    let mut y = 4i32;
    for (ri, row) in entries.chunks(per_row).enumerate() {
        let mut row_h = 0;
        for (ci, (name, colour)) in row.iter().enumerate() {
            let x = 10 + (ci as f64 * col_w) as i32;
            let lines = wrap(name, col_w - 26.0, px);
            let variant = variants[ri * per_row + ci];
            if let Some(area) = area {
                if line {
                    // The line's dash and marker (over a darker edge when light).
                    let style = line_style(ri * per_row + ci);
                    if light(*colour) {
                        let _ = area.draw(&Rectangle::new(
                            [(x, y + 5), (x + 14, y + 11)],
                            EDGE.filled(),
                        ));
                    }
                    let mut dx = 0;
                    while dx < 14 {
                        let len = style.dash.map_or(14, |d| d.0 as i32);
                        let end = (dx + len).min(14);
                        let _ = area.draw(&Rectangle::new(
                            [(x + dx, y + 6), (x + end, y + 10)],
                            rgb(*colour).filled(),
                        ));
                        dx = end + style.dash.map_or(0, |d| d.1 as i32);
                    }
                    draw_marker(area, style.marker, (x + 7, y + 8), 3, *colour);
                } else {
                    let (a, b) = ((x, y + 1), (x + 14, y + 15));
                    let _ = area.draw(&Rectangle::new([a, b], rgb(*colour).filled()));
                    stripes(area, variant, a, b);
                }
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

/// The colour for series `i` (palette order).
pub fn colour(i: usize) -> Rgb {
    palette::series(i)
}

#[cfg(test)]
mod names_tests {
    /// full-para-hybrid's eight labels ("Paravirtualization, system calls"...) cannot sit
    /// under eight bars without a word cut in two, its platforms' short names can; four
    /// short labels fit as they are.
    #[test]
    fn long_labels_under_many_bars_do_not_fit_short_names_do() {
        let (file, text) = crate::builtin::BUILTIN
            .iter()
            .find(|(f, _)| *f == "full-para-hybrid.toml")
            .copied()
            .expect("in the library");
        let s = sim_core::scenario::Scenario::from_toml(file, text).unwrap();
        let labels: Vec<String> = s
            .platforms
            .iter()
            .map(|p| p.label.as_ref().map_or(p.name.clone(), |l| l.en.clone()))
            .collect();
        let names: Vec<String> = s.platforms.iter().map(|p| p.name.clone()).collect();
        super::set_narrow(false);
        assert!(!super::names_fit(&labels), "{labels:?}");
        assert!(super::names_fit(&names), "{names:?}");
        let four: Vec<String> = ["native", "type 1", "type 2", "container"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(super::names_fit(&four));
        // Three long labels (type1-vs-type2's) would take three lines each under their
        // bars: they lie on their side. Two take two lines and stand.
        let long: Vec<String> = [
            "Type 1 (hardware assist, emulated I/O)",
            "Type 2 (hardware assist, emulated I/O)",
            "Type 2, host programs use 30% of each core",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert!(!super::names_fit(&long), "{long:?}");
        assert!(super::bar_names(&long, None).1);
        assert!(super::names_fit(&long[..2]));
    }

    /// The drawn texts of an SVG.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| t.split('>').nth(1)?.split('<').next())
            .map(|t| t.trim().to_string())
            .collect()
    }

    /// A phone draws full-para-hybrid's bars on their side, each label whole above its bars
    /// in English and Korean (no "bt-sys-/call"); a desktop too where the labels do not fit
    /// under the bars, with the labels, not the short names (platform ids); four short
    /// labels stay upright. The same bars, the same axis title, the legend.
    #[test]
    fn eight_platforms_on_a_phone_lie_on_their_side_with_whole_labels() {
        use super::{bar_names, bars, colour, BarOptions, Series};
        let en: Vec<String> = [
            "Binary translation",
            "Hardware assist",
            "Paravirtualization",
            "Hybrid",
        ]
        .iter()
        .flat_map(|t| [format!("{t}, system calls"), format!("{t}, disk")])
        .collect();
        let ko: Vec<String> = ["바이너리 변환", "하드웨어 지원", "반가상화", "하이브리드"]
            .iter()
            .flat_map(|t| [format!("{t}, 시스템 콜"), format!("{t}, 디스크")])
            .collect();
        let short: Vec<String> = ["bt", "hw", "para", "hybrid"]
            .iter()
            .flat_map(|t| [format!("{t}-syscall"), format!("{t}-disk")])
            .collect();
        let series = [
            Series {
                name: "p50".into(),
                colour: colour(0),
                values: (1..=8).map(f64::from).collect(),
            },
            Series {
                name: "p99".into(),
                colour: colour(0),
                values: (1..=8).map(|v| f64::from(v) * 2.0).collect(),
            },
        ];
        super::set_narrow(true);
        for labels in [&en, &ko] {
            let (drawn, horizontal) = bar_names(labels, Some(&short));
            assert!(horizontal);
            assert_eq!(drawn, &labels[..]);
            let svg = bars(
                "t",
                "µs",
                drawn,
                &series,
                BarOptions {
                    horizontal,
                    ..BarOptions::default()
                },
            );
            let texts = texts(&svg);
            for label in labels.iter() {
                assert!(texts.contains(label), "{label} not whole in {texts:?}");
            }
            assert!(texts.contains(&"µs".to_string()), "{texts:?}");
            assert!(texts.contains(&"p99".to_string()), "{texts:?}");
            assert!(svg.contains(&format!("width=\"{}\"", super::NARROW_WIDTH)));
            // A bar per value (and the axis line): sixteen bars, the second series striped.
            assert!(svg.matches("<rect").count() >= 17, "{svg}");
        }
        super::set_narrow(false);
        assert_eq!(bar_names(&en, Some(&short)), (&en[..], true));
        let long_short: Vec<String> = (0..8)
            .map(|i| format!("virtualizationplatform{i}"))
            .collect();
        let (drawn, horizontal) = bar_names(&en, Some(&long_short));
        assert!(horizontal && drawn == &en[..], "{drawn:?}");
        let four: Vec<String> = ["native", "type 1", "type 2", "container"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(bar_names(&four, None), (&four[..], false));
    }

    /// On its side, a label is escaped as upright, and odd values draw no bar but no panic.
    #[test]
    fn a_chart_on_its_side_escapes_and_takes_odd_values() {
        use super::{bars, colour, BarOptions, Series};
        let evil = "<img src=x onerror=alert(1)>".to_string();
        for stacked in [false, true] {
            let svg = bars(
                &evil,
                &evil,
                &[evil.clone(), String::new()],
                &[Series {
                    name: evil.clone(),
                    colour: colour(1),
                    values: vec![f64::NAN, f64::INFINITY],
                }],
                BarOptions {
                    stacked,
                    horizontal: true,
                    ..BarOptions::default()
                },
            );
            assert!(svg.starts_with("<svg") && svg.contains("</svg>"), "{svg}");
            assert!(!svg.contains("<img"), "{svg}");
        }
        let svg = bars(
            "t",
            "y",
            &[],
            &[],
            BarOptions {
                horizontal: true,
                ..BarOptions::default()
            },
        );
        assert!(svg.contains("</svg>"));
    }
}
