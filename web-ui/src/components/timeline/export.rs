//! The timeline's view as a file of its own (SVG, then PNG): the drawing the page shows,
//! its classes' styles written in, with a heading (platform and range) and the legend.

use crate::charts::text_width;

/// Height of the heading band above the lanes and of each legend row, in drawing units.
const ROW: f64 = 26.0;
/// The drawing's text size (style.css: `.lane-label`, `.tick`), in drawing units.
const TEXT: f64 = 17.0;

/// The styles style.css gives the drawing's classes, for an SVG read away from the page.
const STYLE: &str = "text{font-family:sans-serif}.lane-bg{fill:#eeeeee}\
.lane-label,.tick{font-size:17px;fill:#57606a}.axis line{stroke:#57606a;stroke-width:1}\
.gap{fill:#d0d7de;opacity:.55}.trap{fill:#000}";

/// `text` escaped for SVG text: a platform's label is the scenario author's text, never
/// markup.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A standalone SVG of the timeline's drawing: `markup` is the `<svg viewBox="0 0 {w}
/// {height}">…</svg>` the page shows (its rectangles' colours are attributes, the rest
/// classes), drawn under `heading` and over the legend (`legend`: a CSS colour or `None`
/// for the trap mark, and its name), on white, `w` wide. Its `width`, `height` and
/// `viewBox` are written as [`crate::charts::with_caption`] reads them, so that the
/// run's caption can go under it. `None` when `markup` is not such an SVG.
pub fn standalone(
    markup: &str,
    w: f64,
    height: f64,
    heading: &str,
    legend: &[(Option<String>, String)],
) -> Option<String> {
    let open_end = markup.find('>')?;
    let close = markup.rfind("</svg>")?;
    if !markup.starts_with("<svg") || close < open_end {
        return None;
    }
    let drawing = &markup[open_end + 1..close];
    // The legend in rows, each item a swatch (or ▼) and its name, wrapped at the width.
    let (mut x, mut row) = (8.0, 0usize);
    let mut items = String::new();
    for (colour, name) in legend {
        let wide = 20.0 + text_width(name, (TEXT * 1.24) as u32) + 18.0;
        if x > 8.0 && x + wide > w - 8.0 {
            x = 8.0;
            row += 1;
        }
        let y = height + ROW + 8.0 + row as f64 * ROW;
        match colour {
            Some(c) => items.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"14\" height=\"14\" fill=\"{c}\"/>",
                y + 3.0
            )),
            None => items.push_str(&format!(
                "<path d=\"M{:.1} {:.1} l-6 0 l6 10 l6 -10 z\" class=\"trap\"/>",
                x + 7.0,
                y + 5.0
            )),
        }
        items.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\">{}</text>",
            x + 20.0,
            y + 15.0,
            escape(name)
        ));
        x += wide;
    }
    let rows = if legend.is_empty() { 0 } else { row + 1 };
    let total = (ROW + height + 8.0 + rows as f64 * ROW + 8.0).ceil();
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{total}\" viewBox=\"0 0 {w} {total}\">\
<style>{STYLE}</style><rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{total}\" fill=\"#FFFFFF\"/>\
<text x=\"8\" y=\"{:.1}\" font-size=\"{TEXT}\" font-weight=\"bold\" fill=\"#1b1f24\">{}</text>\
<g transform=\"translate(0 {ROW})\">{drawing}</g>{items}</svg>",
        ROW - 7.0,
        escape(heading)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DRAWING: &str = "<svg viewBox=\"0 0 1000 92\" role=\"img\"><rect class=\"lane-bg\"/><rect fill=\"#4e79a7\"><title>pCPU 0</title></rect></svg>";

    /// The drawing is kept whole under the heading, with the styles its classes need, and
    /// its size is written where the caption reads it.
    #[test]
    fn the_exported_view_keeps_the_drawing_and_writes_its_styles_and_size_in() {
        let legend = vec![
            (Some("#4e79a7".to_string()), "guest user".to_string()),
            (None, "VM exit or trap".to_string()),
        ];
        let svg = standalone(DRAWING, 1000.0, 92.0, "vm <a> · 0 – 2 ms", &legend).expect("an SVG");
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1000\" height=\"")
        );
        assert!(svg.contains(
            "<rect class=\"lane-bg\"/><rect fill=\"#4e79a7\"><title>pCPU 0</title></rect>"
        ));
        assert!(svg.contains(".lane-bg{fill:#eeeeee}") && svg.contains(".trap{fill:#000}"));
        assert!(svg.contains("vm &lt;a&gt; · 0 – 2 ms") && !svg.contains("<a>"));
        // One legend row under the lanes: heading 26 + drawing 92 + 8 + row 26 + 8.
        assert!(
            svg.contains("height=\"160\" viewBox=\"0 0 1000 160\""),
            "{svg}"
        );
        let captioned = crate::charts::with_caption(&svg, "seed 1, 50 ms");
        let open = &captioned[..captioned.find('>').expect("a tag")];
        assert!(
            captioned.contains("seed 1, 50 ms") && !open.contains("height=\"160\""),
            "{open}"
        );
    }

    /// A legend wider than the drawing goes on in a second row.
    #[test]
    fn a_long_legend_wraps_into_rows() {
        let legend: Vec<(Option<String>, String)> = (0..12)
            .map(|i| (Some("#000".to_string()), format!("category number {i}")))
            .collect();
        let svg = standalone(DRAWING, 490.0, 92.0, "x", &legend).expect("an SVG");
        // Each legend name's text element, read back for its y.
        let pieces: Vec<&str> = svg.split("class=\"tick\">category").collect();
        let ys: std::collections::BTreeSet<&str> = pieces[..pieces.len() - 1]
            .iter()
            .filter_map(|p| p.rsplit(" y=\"").next()?.split('"').next())
            .collect();
        assert_eq!(pieces.len() - 1, 12);
        assert!(ys.len() > 2, "{ys:?}");
        assert_eq!(standalone("<div></div>", 490.0, 92.0, "x", &legend), None);
    }
}
