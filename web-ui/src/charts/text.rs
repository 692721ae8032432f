//! Chart text: estimated widths, names wrapped whole, category names and titles laid out.

use super::{LABEL_PX, LABEL_SVG_PX, TITLE_PX};

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
pub(crate) fn text_width(text: &str, px: u32) -> f64 {
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
/// characters before it), nor inside a unit per something short ("Gbit/s", "ops/s").
fn words(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, ' ' | '-' | '_' | '/') {
            let end = i + c.len_utf8();
            let piece = &text[start..end];
            let token = piece.rsplit(' ').next().unwrap_or(piece);
            let after = text[end..]
                .split([' ', ')', ',', ';'])
                .next()
                .unwrap_or_default();
            let per_unit = c == '/' && after.chars().count() <= 2;
            if c == ' ' || (token.chars().count() > 4 && !per_unit) {
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

/// Whether a word is Korean: Korean breaks lines at the spaces between its words, never
/// between the syllables of one ("시스/템").
fn hangul(word: &str) -> bool {
    word.chars().any(|c| {
        matches!(c, '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}' | '\u{ac00}'..='\u{d7a3}')
    })
}

/// The phrases of a name: its words up to and including one that ends a clause with a
/// comma, semicolon or colon ("바이너리 변환, " + "시스템 콜").
fn phrases(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = vec![Vec::new()];
    for word in words(text) {
        out.last_mut().expect("a phrase").push(word);
        if word.ends_with(' ') && word.trim_end().ends_with([',', ';', ':']) {
            out.push(Vec::new());
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

/// [`wrap`], where a word up to `allowance` times the line's width stands whole. A phrase
/// that fits on a line is kept on one where that takes no more lines than filling each
/// line with words ("바이너리 변환," over "시스템 콜", not "변환, 시스템" over "콜"; but
/// "Desktop: VDI server" over "(Horizon-like, Blast)", not "Desktop:" alone), and a Korean
/// word stands whole even when it is wider than the line, unless it is wider than two
/// (then, with nothing else to do, it breaks between syllables).
pub(super) fn wrap_within(text: &str, max_px: f64, px: u32, allowance: f64) -> Vec<String> {
    let filled = fill(text, max_px, px, allowance, false);
    let phrased = fill(text, max_px, px, allowance, true);
    if phrased.len() <= filled.len() {
        phrased
    } else {
        filled
    }
}

/// The lines of [`wrap_within`], each filled with words; with `phrases`, a phrase that does
/// not fit after a line's words but fits on a line of its own starts one.
fn fill(text: &str, max_px: f64, px: u32, allowance: f64, keep_phrases: bool) -> Vec<String> {
    let w = |t: &str| text_width(t, px);
    // The width that must fit: the space between two words counts; a trailing space, and
    // a comma or semicolon ending the line, may hang past the edge.
    let fit = |t: &str| w(t.trim_end().trim_end_matches([',', ';']));
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for phrase in phrases(text) {
        // A phrase that does not fit after the line but fits on one of its own starts one.
        let whole = phrase.concat();
        if keep_phrases
            && !line.is_empty()
            && w(&line) + fit(&whole) > max_px
            && fit(&whole) <= max_px
        {
            lines.push(line.trim_end().to_string());
            line.clear();
        }
        for word in phrase {
            if !line.is_empty() && w(&line) + fit(word) > max_px {
                lines.push(line.trim_end().to_string());
                line.clear();
            }
            // A word a little wider than a line (up to a fifth) stands whole on its own
            // line: labels have room between them, and "contine-/nt-150ms" reads worse; a
            // Korean word up to twice the line does too.
            let stands = if hangul(word) {
                2.0 * max_px
            } else {
                max_px * allowance
            };
            if line.is_empty() && w(word.trim_end()) > stands {
                // A word much longer than a line is hyphenated, at least three letters
                // each side.
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
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Whether two names whose centres are `apart` come within a quarter of an em of each
/// other on a line they share.
fn touch(a: &[String], b: &[String], apart: f64) -> bool {
    let gap = 0.25 * LABEL_SVG_PX;
    a.iter()
        .zip(b)
        .any(|(a, b)| (text_width(a, LABEL_PX) + text_width(b, LABEL_PX)) / 2.0 + gap > apart)
}

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
    let mut inside = vec![false; categories.len()];
    loop {
        let mut changed = false;
        for i in 0..categories.len() {
            let near = |j: usize| touch(&wrapped[i], &wrapped[j], slot);
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
/// break words or bring names together (Korean names under eight bars: "바이너리", whole,
/// is wider than its slot), staggered on two rows, every other name one row lower, so
/// that each has two slots of width.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct CategoryLabels {
    pub(super) lines: Vec<Vec<String>>,
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

    /// Neighbouring names on one row that come within a quarter of an em of each other
    /// under a chart `width` wide (a Korean word wider than its slot stands whole, and
    /// may reach its neighbour).
    pub(super) fn crowded(&self, width: u32) -> usize {
        let n = self.lines.len();
        let slot = (width as f64 - 80.0) / n.max(1) as f64;
        let (step, apart) = if self.staggered {
            (2, 2.0 * slot)
        } else {
            (1, slot)
        };
        (step..n)
            .filter(|&i| touch(&self.lines[i - step], &self.lines[i], apart))
            .count()
    }

    /// Whether every name is shown whole and apart from its neighbours.
    pub(super) fn fit(&self, categories: &[String], width: u32) -> bool {
        broken_words(categories, &self.lines) == 0 && self.crowded(width) == 0
    }

    /// Pixels from the first row's top to the row of name `i`.
    pub(super) fn row_offset(&self, i: usize) -> i32 {
        if self.staggered && i % 2 == 1 {
            self.upper_lines() as i32 * LINE_PX + STAGGER_GAP_PX
        } else {
            0
        }
    }
}

/// Height of a line of category names.
pub(super) const LINE_PX: i32 = LABEL_SVG_PX as i32 + 3;
/// Space between the two rows of staggered names.
const STAGGER_GAP_PX: i32 = 4;

/// Words of `categories` that `lines` cut in two.
pub(super) fn broken_words(categories: &[String], lines: &[Vec<String>]) -> usize {
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

/// Space between the plot's right edge and the chart's (the bar chart's margin), and
/// between the chart's left edge and the plot's (its value-axis area and margin).
const RIGHT_OF_PLOT: f64 = 8.0;
const LEFT_OF_PLOT: f64 = 74.0;

/// Names wrapped under the bars, the first and last narrower where their slot's outer
/// half is all the room there is: a name is centred on its bar, so one wider than twice
/// the distance from its bar to the chart's edge would be cut there (a long last name on
/// a phone: "컨테이너 (브리지 네트워크, 오버레이 스토리지)"). Where that would break a
/// word, the name keeps its lines and `bars` draws it off centre, inside the chart.
pub(super) fn wrap_categories(categories: &[String], width: u32) -> CategoryLabels {
    let mut labels = wrap_categories_inner(categories, width);
    let n = categories.len();
    let slot = (width as f64 - 80.0) / n.max(1) as f64;
    for (i, edge) in [(0, LEFT_OF_PLOT), (n.saturating_sub(1), RIGHT_OF_PLOT)] {
        let Some(lines) = labels.lines.get(i) else {
            continue;
        };
        let room = 2.0 * (slot / 2.0 + edge - 2.0);
        if lines.iter().any(|l| text_width(l, LABEL_PX) > room) {
            // Narrower only where no word breaks for it and it then fits ("하이브/리드", or
            // a whole "하이브리드)," still too wide, reads worse than a name drawn a little
            // off its bar's centre, which `bars` does at the edge).
            let room = room.max(40.0);
            let narrower = wrap_within(&categories[i], room, LABEL_PX, 1.0);
            let fits = narrower
                .iter()
                .all(|l| text_width(l.trim_end_matches([',', ';']), LABEL_PX) <= room);
            if fits && broken_words(&categories[i..=i], std::slice::from_ref(&narrower)) == 0 {
                labels.lines[i] = narrower;
            }
        }
    }
    labels
}

fn wrap_categories_inner(categories: &[String], width: u32) -> CategoryLabels {
    let flat = CategoryLabels {
        lines: wrap_categories_flat(categories, width),
        staggered: false,
    };
    // What is wrong with a layout: words cut in two, names that reach their neighbour.
    let faults = |l: &CategoryLabels| broken_words(categories, &l.lines) + l.crowded(width);
    let wrong = faults(&flat);
    if wrong == 0 || categories.len() < 3 {
        return flat;
    }
    let slot = (width as f64 - 80.0) / categories.len() as f64;
    let gap = 0.25 * LABEL_SVG_PX;
    // Two slots, less a gap on each side: the lower row's ticks pass between upper names.
    let room = (2.0 * (slot - gap)).max(40.0);
    let staggered = CategoryLabels {
        lines: categories
            .iter()
            .map(|c| wrap_within(c, room, LABEL_PX, 1.0))
            .collect(),
        staggered: true,
    };
    if faults(&staggered) < wrong {
        staggered
    } else {
        flat
    }
}

pub(super) fn x_label_area(labels: &CategoryLabels) -> u32 {
    let bottom = (0..labels.lines.len())
        .map(|i| labels.row_offset(i) + labels.lines[i].len().max(1) as i32 * LINE_PX)
        .max()
        .unwrap_or(LINE_PX);
    12 + bottom.max(LINE_PX) as u32
}

/// A title's lines: a title wider than the chart is wrapped at spaces (never inside a word
/// such as "Gbit/s"), never cut.
pub(super) fn title_lines(title: &str, width: u32) -> Vec<String> {
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
pub(super) const TITLE_LINE_PX: u32 = TITLE_PX;
/// Space above and below the title's lines.
pub(super) const TITLE_PAD_PX: u32 = 5;

/// The height a title's lines after its first add to a chart.
pub(super) fn title_extra(title: &str, width: u32) -> u32 {
    let lines = title_lines(title, width).len().max(1) as u32;
    (lines - 1) * TITLE_LINE_PX
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{grouped_bars, WIDTH};

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

    /// Korean names break only at the spaces between words, and a phrase that fits on a
    /// line stays on one: full-para-hybrid's eight names on a desktop-width chart read
    /// "바이너리 / 변환, 시스템 / 콜" (a student's review), now "바이너리 변환, / 시스템 콜".
    /// A Korean word wider than its line stands whole.
    #[test]
    fn korean_names_break_at_spaces_and_keep_phrases_whole() {
        let names: Vec<String> = ["바이너리 변환", "하드웨어 지원", "반가상화", "하이브리드"]
            .iter()
            .flat_map(|t| [format!("{t}, 시스템 콜"), format!("{t}, 디스크")])
            .collect();
        for width in [WIDTH, crate::charts::NARROW_WIDTH] {
            let labels = wrap_categories(&names, width);
            for (name, lines) in names.iter().zip(&labels.lines) {
                // Every line is whole words of the name, in order.
                let words: Vec<&str> = name.split(' ').collect();
                let shown: Vec<&str> = lines.iter().flat_map(|l| l.split(' ')).collect();
                assert_eq!(shown, words, "{width}: {lines:?}");
                // Each phrase on one line where the chart has room for it (a phone's
                // chart lies on its side, with each name across it).
                let (first, second) = name.split_once(", ").unwrap();
                if width == WIDTH {
                    assert!(
                        lines.iter().any(|l| l.contains(second)),
                        "{width}: {lines:?}"
                    );
                    assert!(
                        lines.iter().any(|l| l.starts_with(first)),
                        "{width}: {lines:?}"
                    );
                    assert!(lines.len() <= 2, "{width}: {lines:?}");
                }
            }
        }
        // containers-vs-vms: the last name is not narrowed for the chart's edge where a
        // whole Korean word would still be too wide ("VM / (Type 1, / 하이브리드), / 디스크").
        let names: Vec<String> = [
            "컨테이너, CPU 위주",
            "VM (Type 1, 하이브리드), CPU 위주",
            "컨테이너, 브리지/NAT 네트워크",
            "컨테이너, 호스트 네트워크",
            "VM (Type 1, 하이브리드), 네트워크",
            "컨테이너, 오버레이 파일시스템",
            "컨테이너, 볼륨",
            "VM (Type 1, 하이브리드), 디스크",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let labels = wrap_categories(&names, WIDTH);
        assert_eq!(
            labels.lines[7],
            ["VM (Type 1,", "하이브리드),", "디스크"],
            "{labels:?}"
        );
        // Greedy filling would leave "콜" alone under "변환, 시스템".
        let room = text_width("변환, 시스템", LABEL_PX);
        assert_eq!(
            wrap_within("바이너리 변환, 시스템 콜", room, LABEL_PX, 1.0),
            ["바이너리", "변환,", "시스템 콜"]
        );
        // A Korean word wider than the line stands whole: "하이퍼바/이저" never.
        let word = "하이퍼바이저";
        let narrow = text_width(word, LABEL_PX) / 1.5;
        assert_eq!(wrap_within(word, narrow, LABEL_PX, 1.0), [word]);
        assert_eq!(
            wrap_within(&format!("Type 1 {word}"), narrow, LABEL_PX, 1.0),
            ["Type 1", word]
        );
        // An English word that long is still hyphenated.
        assert!(wrap_within("supercalifragilistic", 40.0, LABEL_PX, 1.0).len() > 1);
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

    #[test]
    fn short_tokens_are_not_broken_at_their_slash_or_hyphen() {
        assert_eq!(super::words("I/O path"), vec!["I/O ", "path"]);
        assert_eq!(super::words("disk/network"), vec!["disk/", "network"]);
        assert_eq!(super::words("x86-64 host"), vec!["x86-64 ", "host"]);
        assert_eq!(super::words("continent-150ms"), vec!["continent-", "150ms"]);
        assert_eq!(super::words("(I/O)"), vec!["(I/O)"]);
        // A unit per second stays whole: "5 Gbit/" over "s" reads as nothing.
        assert_eq!(super::words("5 Gbit/s link"), vec!["5 ", "Gbit/s ", "link"]);
        assert_eq!(super::words("(10 kbit/s)"), vec!["(10 ", "kbit/s)"]);
        let lines = super::wrap("migration at 5 Gbit/s", 60.0, super::LABEL_PX);
        assert!(
            lines.iter().all(|l| l != "s" && !l.ends_with('/')),
            "{lines:?}"
        );
        assert_eq!(
            super::words("하이퍼바이저 I/O"),
            vec!["하이퍼바이저 ", "I/O"]
        );
    }

    /// A title wider than the chart is wrapped onto a second line, whole, and the
    /// drawing grows by that line: 80 characters at about 9.5 px each are ~760 px, more
    /// than the 520 px chart.
    /// A name is centred on its bar: the last one may use no more than twice the distance
    /// from its bar to the chart's right edge (the review's phone chart cut "오버레이").
    #[test]
    fn the_last_name_stays_inside_the_chart() {
        let names: Vec<String> = [
            "베어메탈",
            "Type 1 하이퍼바이저 (하이브리드)",
            "Type 2 하이퍼바이저 (하이브리드)",
            "컨테이너 (브리지 네트워크, 오버레이 스토리지)",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for width in [320, 520, 800] {
            let labels = super::wrap_categories(&names, width);
            let slot = (width as f64 - 80.0) / names.len() as f64;
            // The last bar's centre, and its name's half width.
            let centre = width as f64 - super::RIGHT_OF_PLOT - slot / 2.0;
            for line in labels.lines.last().unwrap() {
                let half = text_width(line, LABEL_PX) / 2.0;
                assert!(
                    centre + half <= width as f64,
                    "{width}: {line:?} ends at {}",
                    centre + half
                );
            }
            // Wrapped, not cut: every word is still there.
            let joined = labels.lines.last().unwrap().join(" ");
            for word in ["컨테이너", "(브리지", "네트워크,", "오버레이", "스토리지)"]
            {
                assert!(joined.contains(word), "{width}: {joined}");
            }
        }
    }

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
}
