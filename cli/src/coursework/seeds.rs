//! `virtsim answers` at other seeds than a scenario file's own: `--seed N` (the answers
//! there, each one that differs from the own seed's flagged, since the explanations were
//! written for those) and `--seeds FIRST..LAST` (for each question, at how many of those
//! seeds the own seed's answer is still right: an instructor's check that a graded answer
//! does not depend on the random draws).

use std::fmt::Write as _;

use anyhow::Context;
use serde::Serialize;
use sim_core::{QuestionAnswer, RunOptions, Scenario};

use crate::output::{answer_shown, clean, figure_shown, print_diags, Diag};
use crate::question_places::QuestionPlaces;
use crate::{Failure, Format, Lang};

/// The most seeds one `--seeds` runs (each a whole run of the scenario).
pub const MAX_SEEDS: u64 = 100;

/// `--seeds FIRST..LAST`: the seeds from FIRST to LAST, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeedRange {
    pub first: u64,
    pub last: u64,
}

impl SeedRange {
    fn seeds(self) -> impl Iterator<Item = u64> {
        self.first..=self.last
    }

    fn count(self) -> u64 {
        self.last - self.first + 1
    }
}

/// clap's reader of `--seeds`: `FIRST..LAST` (or `FIRST..=LAST`), FIRST ≤ LAST, at most
/// [`MAX_SEEDS`] seeds.
pub fn parse_seed_range(text: &str) -> Result<SeedRange, String> {
    let wrong = || {
        format!(
            "`{}` is not a range of seeds: write FIRST..LAST, e.g. 1..16 (both included, at most {MAX_SEEDS} seeds)",
            crate::output::long_value(text)
        )
    };
    let (first, last) = text.split_once("..").ok_or_else(wrong)?;
    let last = last.strip_prefix('=').unwrap_or(last);
    let number = |s: &str| s.trim().parse::<u64>().map_err(|_| wrong());
    let (first, last) = (number(first)?, number(last)?);
    if first > last {
        return Err(format!(
            "--seeds {first}..{last}: the first seed is after the last; write e.g. {last}..{first}"
        ));
    }
    if last - first >= MAX_SEEDS {
        return Err(format!(
            "--seeds {first}..{last} is {} seeds; at most {MAX_SEEDS} are run (each is a whole run of the scenario)",
            u128::from(last - first) + 1
        ));
    }
    Ok(SeedRange { first, last })
}

/// The questions' answers of `scenario` at `seed`.
fn answers_at(scenario: &Scenario, seed: u64, lang: Lang) -> Result<Vec<QuestionAnswer>, Failure> {
    let mut scenario = scenario.clone();
    scenario.set_seed(seed);
    Ok(crate::run_with_progress(&scenario, RunOptions::default(), lang)?.questions)
}

/// After `--seed N` (`seed`, not the file's own): the file's own seed's answers, and a note
/// on stderr at each question whose answer at `seed` differs from them (a student who gave
/// the own seed's answer would be graded wrong; its explanation argues for that one).
pub fn note_answers_that_differ(
    scenario: &Scenario,
    places: &QuestionPlaces,
    at_seed: &[QuestionAnswer],
    seed: u64,
    lang: Lang,
) -> Result<(), Failure> {
    let own_seed = scenario.seed();
    if seed == own_seed || at_seed.is_empty() {
        return Ok(());
    }
    let own = answers_at(scenario, own_seed, lang)?;
    let ko = matches!(lang, Lang::Ko);
    let diags: Vec<Diag> = at_seed
        .iter()
        .filter_map(|q| {
            let written = own.iter().find(|o| o.id == q.id)?;
            q.answer_differs_from(written).then(|| {
                let (id, here, there) = (clean(&q.id), answer_shown(q), answer_shown(written));
                Diag::note(
                    &places.get(&q.id),
                    if ko {
                        format!("질문 `{id}`: --seed {seed}에서는 답이 {here}입니다. 해설은 파일의 시드 {own_seed}에 맞춰 쓰였고, 그 시드의 답은 {there}입니다")
                    } else {
                        format!("question `{id}`: at --seed {seed} the answer is {here}; its explanation was written for the file's own seed {own_seed}, whose answer is {there}")
                    },
                )
            })
        })
        .collect();
    print_diags(&diags, ko);
    Ok(())
}

/// One question over the seeds of `--seeds`.
#[derive(Serialize)]
struct QuestionOverSeeds<'a> {
    question: &'a str,
    own_seed: u64,
    own_answer: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    own_value: Option<f64>,
    /// Seeds at which the own seed's answer is right (as `grade` would judge it).
    right_at: usize,
    seeds: Vec<AtSeed<'a>>,
}

#[derive(Serialize)]
struct AtSeed<'a> {
    seed: u64,
    answer: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<f64>,
    own_answer_right: bool,
}

/// `--seeds FIRST..LAST`: the scenario run at its own seed and at each seed of `range`;
/// for each question, at how many seeds the own seed's answer is right (a choice names the
/// same platform, a figure lies within the question's tolerance), the answers there, and a
/// warning on stderr, at the question, for each one that is not right at every seed.
pub fn over_seeds(
    scenario: &Scenario,
    places: &QuestionPlaces,
    range: SeedRange,
    format: Format,
    lang: Lang,
) -> Result<(), Failure> {
    let ko = matches!(lang, Lang::Ko);
    let own_seed = scenario.seed();
    let own = answers_at(scenario, own_seed, lang)?;
    let mut runs = Vec::new();
    for seed in range.seeds() {
        runs.push((seed, answers_at(scenario, seed, lang)?));
    }
    let summaries: Vec<QuestionOverSeeds<'_>> = own
        .iter()
        .map(|q| {
            let seeds: Vec<AtSeed<'_>> = runs
                .iter()
                .filter_map(|(seed, answers)| {
                    let there = answers.iter().find(|a| a.id == q.id)?;
                    Some(AtSeed {
                        seed: *seed,
                        answer: &there.answer,
                        value: there.value,
                        own_answer_right: !there.answer_differs_from(q),
                    })
                })
                .collect();
            QuestionOverSeeds {
                question: &q.id,
                own_seed,
                own_answer: &q.answer,
                own_value: q.value,
                right_at: seeds.iter().filter(|s| s.own_answer_right).count(),
                seeds,
            }
        })
        .collect();
    let out = match format {
        Format::Table => table(&own, &summaries, range, ko),
        Format::Json => {
            serde_json::to_string_pretty(&summaries).context("serializing answers")? + "\n"
        }
        Format::Csv => {
            let mut out = String::from("question,seed,answer,value,own_answer_right\n");
            for s in &summaries {
                for at in &s.seeds {
                    let _ = writeln!(
                        out,
                        "{},{},{},{},{}",
                        super::csv_field(s.question),
                        at.seed,
                        super::csv_field(at.answer),
                        at.value.map_or(String::new(), |v| v.to_string()),
                        at.own_answer_right
                    );
                }
            }
            out
        }
    };
    crate::out!("{out}")?;
    let diags: Vec<Diag> = summaries
        .iter()
        .filter(|s| s.right_at < s.seeds.len())
        .map(|s| {
            let wrong: Vec<String> = s
                .seeds
                .iter()
                .filter(|at| !at.own_answer_right)
                .map(|at| at.seed.to_string())
                .collect();
            let (id, n, of) = (clean(s.question), wrong.len(), s.seeds.len());
            let seeds = shortened(&wrong);
            Diag::warning(
                &places.get(s.question),
                if ko {
                    format!("질문 `{id}`: 파일의 시드 {own_seed}에서 나온 답이 시드 {}..{} 중 {n}개({seeds})에서는 틀립니다. 다른 시드로 실행하는 학생은 다른 답을 얻습니다. 더 긴 실행, 더 넓은 허용 오차나 다른 질문을 생각해 보세요", range.first, range.last)
                } else {
                    format!("question `{id}`: the answer at the file's own seed {own_seed} is wrong at {n} of {of} seeds {}..{} ({seeds}): a student who runs another seed gets another answer; consider a longer run, a wider tolerance or another question", range.first, range.last)
                },
            )
        })
        .collect();
    print_diags(&diags, ko);
    Ok(())
}

/// At most ten seeds listed, then "…".
fn shortened(seeds: &[String]) -> String {
    if seeds.len() <= 10 {
        seeds.join(", ")
    } else {
        format!("{}, …", seeds[..10].join(", "))
    }
}

/// The table of `--seeds`: per question its text, the own seed's answer and at how many
/// seeds it is right, then the answers the seeds gave (a choice: each platform and how
/// many seeds; a figure: the lowest and highest).
fn table(
    own: &[QuestionAnswer],
    summaries: &[QuestionOverSeeds<'_>],
    range: SeedRange,
    ko: bool,
) -> String {
    let mut out = String::new();
    let lang = if ko { "ko" } else { "en" };
    let (first, last, count) = (range.first, range.last, range.count());
    if own.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            if ko {
                "(시나리오에 질문이 없습니다)"
            } else {
                "(the scenario has no questions)"
            }
        );
        return out;
    }
    for (q, s) in own.iter().zip(summaries) {
        let _ = writeln!(out, "{}: {}", clean(&q.id), clean(q.text.get(lang)));
        let answer = answer_shown(q);
        let (right, of) = (s.right_at, s.seeds.len());
        let _ = if ko {
            writeln!(
                out,
                "  파일의 시드 {}: {answer}, 시드 {first}..{last}의 {of}개 중 {right}개에서 정답",
                s.own_seed
            )
        } else {
            writeln!(
                out,
                "  the file's own seed {}: {answer}, right at {right} of {of} seeds {first}..{last}",
                s.own_seed
            )
        };
        let gave = if q.kind == sim_core::QuestionKind::Numeric {
            let values: Vec<f64> = s.seeds.iter().filter_map(|at| at.value).collect();
            let low = values.iter().copied().fold(f64::INFINITY, f64::min);
            let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if values.is_empty() {
                String::new()
            } else if figure_shown(low, q) == figure_shown(high, q) {
                if ko {
                    format!("모든 시드에서 {}", figure_shown(low, q))
                } else {
                    format!("{} at every seed", figure_shown(low, q))
                }
            } else if ko {
                format!("{}에서 {}까지", figure_shown(low, q), figure_shown(high, q))
            } else {
                format!("{} to {}", figure_shown(low, q), figure_shown(high, q))
            }
        } else {
            // Each answer given, with how many seeds gave it, in the order first given.
            let mut answers: Vec<(&str, usize)> = Vec::new();
            for at in &s.seeds {
                match answers.iter_mut().find(|(a, _)| *a == at.answer) {
                    Some((_, n)) => *n += 1,
                    None => answers.push((at.answer, 1)),
                }
            }
            let parts: Vec<String> = answers
                .iter()
                .map(|(a, n)| {
                    let a = if a.is_empty() { "-" } else { a };
                    if ko {
                        format!("{} {n}개", clean(a))
                    } else {
                        format!("{} at {n}", clean(a))
                    }
                })
                .collect();
            parts.join(", ")
        };
        if !gave.is_empty() {
            let _ = if ko {
                writeln!(out, "  시드 {first}..{last} ({count}개)의 답: {gave}")
            } else {
                writeln!(out, "  seeds {first}..{last} ({count}) gave: {gave}")
            };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_of_seeds_is_read_with_both_ends() {
        assert_eq!(
            parse_seed_range("1..16"),
            Ok(SeedRange { first: 1, last: 16 })
        );
        assert_eq!(
            parse_seed_range("3..=3"),
            Ok(SeedRange { first: 3, last: 3 })
        );
        assert_eq!(parse_seed_range("1..16").map(SeedRange::count), Ok(16));
    }

    #[test]
    fn a_wrong_range_of_seeds_says_what_to_write() {
        assert!(parse_seed_range("16").unwrap_err().contains("FIRST..LAST"));
        assert!(parse_seed_range("a..b").unwrap_err().contains("e.g. 1..16"));
        assert!(parse_seed_range("9..2").unwrap_err().contains("2..9"));
        // 101 seeds: one more than may run.
        assert!(parse_seed_range("0..100")
            .unwrap_err()
            .contains("101 seeds"));
        assert!(parse_seed_range("0..99").is_ok());
        // The largest seeds: no overflow in the count.
        assert!(parse_seed_range("0..18446744073709551615")
            .unwrap_err()
            .contains("18446744073709551616 seeds"));
    }
}
