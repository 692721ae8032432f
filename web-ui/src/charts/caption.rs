//! The caption under an exported chart: where its figures came from (the scenario, the seed,
//! the simulated time, the settings moved from the scenario's own), so that a chart on a
//! slide still says so away from the page. [`with_caption`] (and [`with_note_and_caption`],
//! with the note the page shows under the chart) writes it under the drawing as escaped
//! text; the words are `components::chart_panel`'s `export_caption`.

use super::text::wrap;

/// The caption's size as plotters takes sizes (its SVG `font-size` is this / 1.24, about
/// 12.9 px: 26 px in the PNG, drawn at twice the size).
const CAPTION_PX: u32 = 16;
/// Space left and right of the caption, and between its lines.
const CAPTION_MARGIN_PX: f64 = 8.0;
const CAPTION_LINE_PX: f64 = 17.0;

/// `text` escaped for SVG text and attribute values: a scenario name is the user's text,
/// never markup (`<img onerror=…>` stays those characters).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The number in attribute `name` of the tag `tag` (`height="316"`).
fn attr_of(tag: &str, name: &str) -> Option<f64> {
    tag.split(&format!(" {name}=\""))
        .nth(1)?
        .split('"')
        .next()?
        .parse()
        .ok()
}

/// `svg`, a chart as plotters writes it (`<svg width=".." height=".." viewBox="0 0 W H" …>`),
/// with `caption` written under it: the drawing grows by the caption's lines (one, unless it
/// is wider than the chart), on white, in grey, as escaped text. The chart itself is
/// unchanged; an SVG whose size cannot be read is returned as it is.
pub fn with_caption(svg: &str, caption: &str) -> String {
    with_note_and_caption(svg, "", caption)
}

/// [`with_caption`], with the chart's note above the caption (`note`, its paragraphs
/// parted by newlines, each wrapped; its lines `text.chart-note`): what the page says
/// under a chart about rows left empty ("No steal (0%): …", "One sample or none on: …"),
/// which an exported chart left unexplained (a lecturer's review).
pub fn with_note_and_caption(svg: &str, note: &str, caption: &str) -> String {
    let caption = caption.trim();
    let Some(open_end) = svg.find('>') else {
        return svg.to_string();
    };
    let open = &svg[..open_end];
    let (Some(width), Some(height)) = (attr_of(open, "width"), attr_of(open, "height")) else {
        return svg.to_string();
    };
    let Some(close) = svg.rfind("</svg>") else {
        return svg.to_string();
    };
    if caption.is_empty() || !open.starts_with("<svg") {
        return svg.to_string();
    }
    let room = width - 2.0 * CAPTION_MARGIN_PX;
    let lines: Vec<(&str, String)> = note
        .split('\n')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .flat_map(|p| wrap(p, room, CAPTION_PX))
        .map(|l| ("chart-note", l))
        .chain(
            wrap(caption, room, CAPTION_PX)
                .into_iter()
                .map(|l| ("chart-source", l)),
        )
        .collect();
    let extra = (lines.len() as f64 * CAPTION_LINE_PX + CAPTION_MARGIN_PX).ceil();
    let grown = height + extra;
    let open = open
        .replacen(
            &format!(" height=\"{height}\""),
            &format!(" height=\"{grown}\""),
            1,
        )
        .replacen(
            &format!(" viewBox=\"0 0 {width} {height}\""),
            &format!(" viewBox=\"0 0 {width} {grown}\""),
            1,
        );
    let size = f64::from(CAPTION_PX) / 1.24;
    let mut out = String::with_capacity(svg.len() + 400);
    out.push_str(&open);
    out.push_str(&svg[open_end..close]);
    out.push_str(&format!(
        "<rect x=\"0\" y=\"{height}\" width=\"{width}\" height=\"{extra}\" fill=\"#FFFFFF\" stroke=\"none\"/>\n"
    ));
    for (i, (class, line)) in lines.iter().enumerate() {
        let y = height + 2.0 + i as f64 * CAPTION_LINE_PX;
        out.push_str(&format!(
            "<text class=\"{class}\" x=\"{CAPTION_MARGIN_PX}\" y=\"{y}\" dy=\"0.76em\" font-family=\"sans-serif\" font-size=\"{size:.2}\" fill=\"#444444\">{}</text>\n",
            escape(line)
        ));
    }
    out.push_str(&svg[close..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{colour, grouped_bars, Series, WIDTH};

    fn chart(title: &str) -> String {
        grouped_bars(
            title,
            "y",
            &["a".into()],
            &[Series {
                name: "s".into(),
                colour: colour(0),
                values: vec![1.0],
            }],
        )
    }

    /// The caption's lines, read back from the SVG.
    fn caption_lines(svg: &str) -> Vec<String> {
        svg.split("<text class=\"chart-source\"")
            .skip(1)
            .filter_map(|t| t.split('>').nth(1)?.split('<').next())
            .map(str::to_string)
            .collect()
    }

    /// One line under the chart: the drawing grows by it, the chart above is as it was.
    #[test]
    fn a_caption_goes_under_the_chart() {
        let svg = chart("t");
        let open = &svg[..svg.find('>').unwrap()];
        let height = attr_of(open, "height").unwrap();
        let line = "type1-vs-type2 · seed 42 · 200 ms · 4 cores · 3,000 MHz";
        let captioned = with_caption(&svg, line);
        let top = &captioned[..captioned.find('>').unwrap()];
        let grown = attr_of(top, "height").unwrap();
        assert!(
            grown > height && grown < height + 40.0,
            "{grown} from {height}"
        );
        assert!(
            top.contains(&format!("viewBox=\"0 0 {WIDTH} {grown}\"")),
            "{top}"
        );
        assert_eq!(caption_lines(&captioned), [line]);
        // Everything the chart drew is still there, in order, and the SVG closes once.
        let body = &svg[svg.find('>').unwrap()..svg.rfind("</svg>").unwrap()];
        assert!(captioned.contains(body));
        assert!(captioned.trim_end().ends_with("</svg>"));
        assert_eq!(captioned.matches("</svg>").count(), 1);
        // The caption's text starts below the chart.
        let y = captioned
            .split("<text class=\"chart-source\"")
            .nth(1)
            .and_then(|t| attr_of(t, "y"))
            .unwrap();
        assert!(y >= height, "{y}");
    }

    /// A scenario name is the user's text: escaped, never markup in the SVG.
    #[test]
    fn a_caption_is_text() {
        let evil = "<img src=x onerror=alert(1)> & \"q\" 'a'";
        let captioned = with_caption(&chart("t"), evil);
        assert!(!captioned.contains("<img"), "{captioned}");
        let lines = caption_lines(&captioned).join(" ");
        assert!(
            lines.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; &apos;a&apos;"),
            "{lines}"
        );
    }

    /// A caption wider than the chart wraps onto more lines, each inside it; an empty one,
    /// or an SVG whose size cannot be read, leaves the chart as it is.
    #[test]
    fn a_long_caption_wraps_inside_the_chart() {
        let long = "vdi-network · seed 7 · 3,000 ms · 16 cores · 2,600 MHz · VM exit round trip \
                    3,000 cycles, host cores 8, instances of office 24, memory per instance 4,096 MiB";
        let captioned = with_caption(&chart("t"), long);
        let lines = caption_lines(&captioned);
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(lines.join(" "), long);
        for l in &lines {
            let w = crate::charts::text::text_width(l, CAPTION_PX);
            assert!(w <= f64::from(WIDTH) - 2.0 * CAPTION_MARGIN_PX, "{l}: {w}");
        }
        let svg = chart("t");
        assert_eq!(with_caption(&svg, "  "), svg);
        // A note goes above the caption, its paragraphs apart, escaped too.
        let noted = with_note_and_caption(&svg, "No steal (0%): <b>\nOne sample", "run");
        let at = |needle: &str| noted.find(needle).unwrap_or(usize::MAX);
        assert!(at("class=\"chart-note\"") < at("class=\"chart-source\""));
        assert!(
            noted.contains(">No steal (0%): &lt;b&gt;</text>")
                && noted.contains(">One sample</text>")
        );
        assert_eq!(with_caption("<svg>", "x"), "<svg>");
        assert_eq!(with_caption("", "x"), "");
    }
}
