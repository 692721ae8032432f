//! A question's computed answer in words: as the Questions tab shows it once revealed
//! (`computed_answer`): the figure with the CLI's decimals, its unit in the page's language
//! (`unit_in`, `with_unit`) and what is accepted around it; and as an assignment's verdict
//! and final page say it (`assignment_answer`), in `virtsim answers`' and `virtsim grade`'s
//! words.

use crate::i18n::{t, Lang};
use crate::sim::{QuestionAnswer, QuestionKind};

/// A unit as the page's language says it: a count per second is "회/초" in Korean (the
/// other units are read the same in both).
pub fn unit_in(lang: Lang, unit: &'static str) -> &'static str {
    match unit {
        "/s" => lang.pick("회/초", "/s"),
        unit => unit,
    }
}

/// A figure with its unit: a percent glued to it ("98.3%"), a rate too ("150,733/s",
/// "150,733회/초"), any other unit after a space ("74,150 ops/s").
pub fn with_unit(lang: Lang, figure: String, unit: &'static str) -> String {
    match unit_in(lang, unit) {
        "" => figure,
        unit @ ("%" | "회/초" | "/s") => format!("{figure}{unit}"),
        unit => format!("{figure} {unit}"),
    }
}

/// The decimals a numeric question's answer `v` is shown with: as many as the answer the
/// CLI prints (`sim_core::question::numeric_text`), none for a rate of a thousand or more
/// per second with a tolerance.
pub fn answer_decimals(q: &QuestionAnswer, v: f64) -> usize {
    let decimals = q
        .answer
        .trim()
        .split_once('.')
        .map_or(0, |(_, frac)| frac.len())
        .min(6);
    let rate = matches!(q.metric.unit(), "/s" | "ops/s" | "kbit/s");
    if rate && q.tolerance_percent > 0.0 && v.abs() >= 1000.0 {
        0
    } else {
        decimals
    }
}

/// A numeric question's computed answer as the page shows it once revealed or graded:
/// the figure with as many decimals as the CLI prints it (`virtsim answers` and `grade`:
/// "4.11%" where the CLI says "4.11 %"), in the page's number format, with its unit and what is
/// accepted around it, as a range and the relative tolerance ("27.08% (accepted: 24.38% to
/// 29.78%, ±10% of it)": a percentage's "±10%" alone would read as points). With
/// no tolerance that figure is what a student must give; with one, a rate of a thousand or
/// more per second is shown whole (its decimals are far inside any tolerance). `None` for a
/// choice question.
pub fn computed_answer(lang: Lang, q: &QuestionAnswer) -> Option<String> {
    let v = q.value.filter(|_| q.kind == QuestionKind::Numeric)?;
    let decimals = answer_decimals(q, v);
    let printed = crate::num::exact(v, decimals);
    let unit = q.metric.unit();
    let shown = with_unit(lang, printed, unit);
    // No tolerance, or an answer of 0 (a relative tolerance of 0 is 0): the printed figure,
    // which is what must be given, as the CLI says it.
    if q.tolerance_percent == 0.0 || v == 0.0 {
        return Some(shown);
    }
    // The range it accepts, in the answer's unit, rounded inward (every figure shown in it
    // is right), as the CLI prints it: a percentage's "±10%" alone would read as
    // percentage points, and any other "±5%" leaves the student to work the range out.
    // More decimals where the answer's own would show one figure ("1% to 1%").
    let range = u32::try_from(decimals)
        .ok()
        .and_then(|d| q.accepted_range_readable(d));
    Some(match range {
        Some((low, high, d)) => t(lang, "questions.accepted_range")
            .replacen("{}", &shown, 1)
            .replacen(
                "{}",
                &with_unit(lang, crate::num::exact(low, d as usize), unit),
                1,
            )
            .replacen(
                "{}",
                &with_unit(lang, crate::num::exact(high, d as usize), unit),
                1,
            )
            .replacen("{}", &q.tolerance_percent.to_string(), 1),
        None => format!("{shown} (±{}%)", q.tolerance_percent),
    })
}

/// A numeric question of an assignment's computed answer as its verdict and the final page
/// say it: the text `virtsim answers` and `virtsim grade`'s table print for the instructor
/// (`sim_core::assignment::expected_shown`: the figure with the digits that tell what is
/// right, its unit and the range accepted, said as what the tolerance means), so that a
/// student and the instructor read one text, not two (the page's own format differed:
/// "회/초", "accepted: … ±10% of it"). `None` for a choice question.
pub fn assignment_answer(lang: Lang, q: &QuestionAnswer) -> Option<String> {
    (q.kind == QuestionKind::Numeric && q.value.is_some()).then(|| {
        crate::sim::assignment::expected_shown(q)
            .get(lang.tag())
            .to_string()
    })
}
