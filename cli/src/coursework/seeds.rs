//! `virtsim answers` at other seeds than a scenario file's own: `--seed N` (the answers
//! there, each one that differs from the own seed's flagged, since the explanations were
//! written for those) and `--seeds FIRST..LAST` (for each question, at how many of those
//! seeds the own seed's answer is still right: an instructor's check that a graded answer
//! does not depend on the random draws).

use std::fmt::Write as _;

use anyhow::Context;
use serde::Serialize;
use sim_core::{QuestionAnswer, RunOptions, Scenario};

use crate::output::{answer_shown, clean, figures_shown, print_diags, Diag};
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

/// `--seeds FIRST..LAST` read (or `FIRST..=LAST`), FIRST ≤ LAST, at most [`MAX_SEEDS`]
/// seeds; a wrong one says what to write, in the messages' language (a command-line
/// mistake: exit 1).
pub fn parse_seed_range(text: &str, lang: Lang) -> Result<SeedRange, Failure> {
    let ko = matches!(lang, Lang::Ko);
    let fail = |en: String, ko_text: String| {
        Err(Failure::Other(anyhow::anyhow!(
            "{}",
            if ko { ko_text } else { en }
        )))
    };
    let shown = crate::output::long_value(text);
    let number = |s: &str| s.trim().parse::<u64>().ok();
    let parsed = text.split_once("..").and_then(|(first, last)| {
        let last = last.strip_prefix('=').unwrap_or(last);
        Some((number(first)?, number(last)?))
    });
    let Some((first, last)) = parsed else {
        return fail(
            format!("--seeds `{shown}` is not a range of seeds: write FIRST..LAST, e.g. 1..16 (both included, at most {MAX_SEEDS} seeds)"),
            format!("--seeds `{shown}`: 시드 범위가 아닙니다. 처음..끝으로 쓰세요. 예: 1..16 (양 끝 포함, 최대 {MAX_SEEDS}개)"),
        );
    };
    if first > last {
        return fail(
            format!("--seeds {first}..{last}: the first seed is after the last; write e.g. {last}..{first}"),
            format!("--seeds {first}..{last}: 처음 시드가 끝 시드보다 뒤입니다. 예: {last}..{first}"),
        );
    }
    if last - first >= MAX_SEEDS {
        let count = u128::from(last - first) + 1;
        return fail(
            format!("--seeds {first}..{last} is {count} seeds; at most {MAX_SEEDS} are run (each is a whole run of the scenario)"),
            format!("--seeds {first}..{last}: 시드 {count}개입니다. 시드마다 시나리오 전체를 실행하므로 최대 {MAX_SEEDS}개까지 실행합니다"),
        );
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
            // As `--seeds` judges it: the same answer both ways.
            (!written.same_answer_as(q)).then(|| {
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
    /// The own seed's answer needs a note for the author there (a tie, a near tie, a
    /// tolerance that also accepts another platform).
    own_author_note: bool,
    /// Seeds at which the answer holds: the same answer both ways, no note for the author.
    holds_at: usize,
    seeds: Vec<AtSeed<'a>>,
}

#[derive(Serialize)]
struct AtSeed<'a> {
    seed: u64,
    answer: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<f64>,
    /// The same answer as the own seed's, both ways ([`QuestionAnswer::same_answer_as`]).
    same_answer: bool,
    /// A note for the author at this seed ([`QuestionAnswer::needs_author_note`]).
    author_note: bool,
}

impl AtSeed<'_> {
    fn holds(&self) -> bool {
        self.same_answer && !self.author_note
    }
}

/// `--seeds FIRST..LAST`: the scenario run at its own seed and at each seed of `range`
/// (the own seed's run used again where it is in the range); for each question, at how
/// many seeds its answer holds (the same answer both ways, and no tie, near tie or
/// tolerance that also accepts another platform there, which the page notes for the
/// author), what the seeds gave, and a warning on stderr, at the question, for each that
/// does not hold at every seed or needs a note at the own seed.
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
    // A scenario without questions has nothing to compare: no run at the other seeds.
    if !own.is_empty() {
        for seed in range.seeds() {
            let answers = if seed == own_seed {
                own.clone()
            } else {
                answers_at(scenario, seed, lang)?
            };
            runs.push((seed, answers));
        }
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
                        same_answer: q.same_answer_as(there),
                        author_note: there.needs_author_note(),
                    })
                })
                .collect();
            QuestionOverSeeds {
                question: &q.id,
                own_seed,
                own_answer: &q.answer,
                own_value: q.value,
                own_author_note: q.needs_author_note(),
                holds_at: seeds.iter().filter(|s| s.holds()).count(),
                seeds,
            }
        })
        .collect();
    let out = match format {
        Format::Table => table(&own, &summaries, range, ko),
        Format::Json | Format::Jsonl => {
            serde_json::to_string_pretty(&summaries).context("serializing answers")? + "\n"
        }
        Format::Csv => {
            let mut out = String::from("question,seed,answer,value,same_answer,author_note\n");
            for s in &summaries {
                for at in &s.seeds {
                    let _ = writeln!(
                        out,
                        "{},{},{},{},{},{}",
                        super::csv_field(s.question),
                        at.seed,
                        super::csv_field(at.answer),
                        at.value.map_or(String::new(), |v| v.to_string()),
                        at.same_answer,
                        at.author_note
                    );
                }
            }
            out
        }
    };
    crate::out!("{out}")?;
    let seeds_where = |keep: &dyn Fn(&AtSeed<'_>) -> bool, s: &QuestionOverSeeds<'_>| {
        let seeds: Vec<String> = (s.seeds.iter().filter(|at| keep(at)))
            .map(|at| at.seed.to_string())
            .collect();
        (seeds.len(), shortened(&seeds))
    };
    let (first, last) = (range.first, range.last);
    let mut diags = Vec::new();
    for (q, s) in own.iter().zip(&summaries) {
        let numeric = q.kind == sim_core::QuestionKind::Numeric;
        let (id, of) = (clean(s.question), s.seeds.len());
        let place = places.get(s.question);
        let (n, wrong) = seeds_where(&|at| !at.same_answer, s);
        if n > 0 {
            diags.push(Diag::warning(
                &place,
                if ko {
                    format!("질문 `{id}`: 파일의 시드 {own_seed}에서 나온 답이 시드 {first}..{last} 중 {n}개({wrong})에서는 틀립니다. 시나리오는 그대로이고 무작위 추출만 다른데도 그렇습니다: 다른 시드로 실행하는 학생은 다른 답을 얻습니다. 더 긴 실행, 더 넓은 허용 오차나 다른 질문을 생각해 보세요")
                } else {
                    format!("question `{id}`: the answer at the file's own seed {own_seed} is wrong at {n} of {of} seeds {first}..{last} ({wrong}), with the same scenario and only other random draws: a student who runs another seed gets another answer; consider a longer run, a wider tolerance or another question")
                },
            ));
        }
        let (n, noted) = seeds_where(&|at| at.author_note, s);
        // The own seed's note, said apart unless the range holds the own seed.
        let own_apart = s.own_author_note && !(first..=last).contains(&own_seed);
        if n > 0 || own_apart {
            let own_too = match (own_apart, ko) {
                (false, _) => String::new(),
                (true, false) => format!(" and at the file's own seed {own_seed}"),
                (true, true) => format!(", 파일의 시드 {own_seed}에서도"),
            };
            let at = if n > 0 {
                if ko {
                    format!("시드 {first}..{last} 중 {n}개({noted})")
                } else {
                    format!("{n} of {of} seeds {first}..{last} ({noted})")
                }
            } else {
                String::new()
            };
            diags.push(Diag::warning(
                &place,
                if numeric && ko {
                    format!("질문 `{id}`: {at}{own_too} 허용 오차가 다른 플랫폼의 값도 받아들여 학생이 보는 수치로는 답을 가릴 수 없습니다. 허용 오차를 줄이거나 플랫폼의 차이를 키우세요 (`virtsim answers --seed N`이 시드마다 어느 플랫폼인지 말합니다)")
                } else if numeric {
                    format!("question `{id}`: a tolerance that also accepts another platform's figure at {at}{own_too}: the figures students see do not tell the answer there; narrow the tolerance or make the platforms differ more (`virtsim answers --seed N` says which platform, seed by seed)")
                } else if ko {
                    format!("질문 `{id}`: {at}{own_too} 동점, 거의 동점, 또는 같게 보이는 값이라서 학생이 보는 수치로는 답을 가릴 수 없습니다 (`virtsim answers --seed N`이 시드마다 무엇인지 말합니다)")
                } else {
                    format!("question `{id}`: a tie, a near tie or figures that read the same at {at}{own_too}: the figures students see do not tell the answer there (`virtsim answers --seed N` says which, seed by seed)")
                },
            ));
        }
    }
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
/// seeds it holds, then the answers the seeds gave (a choice: each platform and at how
/// many seeds; a figure: the lowest and highest) and at how many the figures do not tell
/// the answer (a note for the author there).
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
    // What a seed changes, said once above the questions: an instructor read "holds at 1
    // of 8 seeds" without knowing whether the seeds had changed the scenario itself.
    let own_seed = summaries.first().map_or(0, |s| s.own_seed);
    let _ = writeln!(
        out,
        "{}\n",
        if ko {
            format!("시드 {first}..{last}마다 시나리오를 다시 실행하며, 바뀌는 것은 무작위 추출뿐입니다(워크로드 스레드마다 다음에 할 연산과 그 사이 계산 시간, 데스크톱 사용자의 동작, 손실 있는 링크가 잃는 패킷 등). 파일이 정한 것(플랫폼, 비용, 워크로드, 인스턴스, 실행 시간)은 그대로입니다. “같은 답”은 파일의 시드 {own_seed}에서와 같은 답(수치 질문은 서로의 허용 오차 안)이면서, 학생이 보는 수치로 다른 답과 가려지는 것입니다.")
        } else {
            format!("Each seed {first}..{last} runs the scenario again with other random draws only (which operation each workload thread does next and its compute between them, desktop users' actions, the packets a lossy link drops...); everything the file sets stays the same (platforms, costs, workloads, instances, duration). An answer holds at a seed where it is the answer at the file's own seed {own_seed} (a figure: each within the other's tolerance) and the figures students see tell it from the others there.")
        }
    );
    for (q, s) in own.iter().zip(summaries) {
        let _ = writeln!(out, "{}: {}", clean(&q.id), clean(q.text.get(lang)));
        let answer = answer_shown(q);
        let (holds, of) = (s.holds_at, s.seeds.len());
        let numeric = q.kind == sim_core::QuestionKind::Numeric;
        let noted = s.seeds.iter().filter(|at| at.author_note).count();
        // A numeric answer that does not hold only because the tolerance also accepts
        // another platform's figure there: why, on the line that says it does not hold (a
        // reviewer read "0 of 16" and found the reason only in a warning below).
        let why = match (numeric && noted > 0, ko) {
            (false, _) => String::new(),
            (true, true) => format!(
                " ({noted}개에서는 허용 오차가 다른 플랫폼의 값도 받아들여, 다른 플랫폼의 값을 읽은 학생도 정답이 됩니다)"
            ),
            (true, false) => format!(
                " (at {noted} the tolerance also accepts another platform's figure: a student who reads the wrong platform is marked right)"
            ),
        };
        let _ = if ko {
            writeln!(
                out,
                "  파일의 시드 {}: {answer}, 시드 {first}..{last}의 {of}개 중 {holds}개에서 같은 답{why}",
                s.own_seed
            )
        } else {
            writeln!(
                out,
                "  the file's own seed {}: {answer}, holds at {holds} of {of} seeds {first}..{last}{why}",
                s.own_seed
            )
        };
        let gave = if numeric {
            let values: Vec<f64> = s.seeds.iter().filter_map(|at| at.value).collect();
            let low = values.iter().copied().fold(f64::INFINITY, f64::min);
            let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if values.is_empty() {
                String::new()
            } else {
                // Both ends by the one rule of a line: 57.60% to 57.68%.
                let ends = figures_shown(&[low, high], q);
                let (low, high) = (&ends[0], &ends[1]);
                if low == high {
                    if ko {
                        format!("모든 시드에서 {low}")
                    } else {
                        format!("{low} at every seed")
                    }
                } else if ko {
                    format!("{low}에서 {high}까지")
                } else {
                    format!("{low} to {high}")
                }
            }
        } else {
            // Each answer given, with at how many seeds, in the order first given.
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
                    match (ko, *n) {
                        (true, _) => format!("{} {n}개", clean(a)),
                        (false, 1) => format!("{} at 1 seed", clean(a)),
                        (false, _) => format!("{} at {n} seeds", clean(a)),
                    }
                })
                .collect();
            parts.join(", ")
        };
        // A numeric question has no tie: its note is a tolerance that accepts another
        // platform's figure.
        let noted = match (noted, numeric, ko) {
            (0, _, _) => String::new(),
            (n, true, true) => format!("; {n}개에서 허용 오차가 다른 플랫폼의 값도 받음"),
            (1, true, false) => {
                "; the tolerance also accepts another platform's figure at 1 seed".to_string()
            }
            (n, true, false) => {
                format!("; the tolerance also accepts another platform's figure at {n} seeds")
            }
            (n, false, true) => format!("; {n}개에서 동점이거나 수치로 가릴 수 없음"),
            (1, false, false) => "; a tie or near tie at 1 seed".to_string(),
            (n, false, false) => format!("; a tie or near tie at {n} seeds"),
        };
        if !gave.is_empty() {
            let _ = if ko {
                writeln!(
                    out,
                    "  시드 {first}..{last} ({count}개)의 답: {gave}{noted}"
                )
            } else {
                writeln!(out, "  seeds {first}..{last} ({count}) gave: {gave}{noted}")
            };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<SeedRange, String> {
        parse_seed_range(text, Lang::En).map_err(|e| match e {
            Failure::Other(e) => e.to_string(),
            _ => "another failure".to_string(),
        })
    }

    #[test]
    fn a_range_of_seeds_is_read_with_both_ends() {
        assert_eq!(parsed("1..16"), Ok(SeedRange { first: 1, last: 16 }));
        assert_eq!(parsed("3..=3"), Ok(SeedRange { first: 3, last: 3 }));
        assert_eq!(parsed("1..16").map(SeedRange::count), Ok(16));
    }

    #[test]
    fn a_wrong_range_of_seeds_says_what_to_write() {
        assert!(parsed("16").unwrap_err().contains("FIRST..LAST"));
        assert!(parsed("a..b").unwrap_err().contains("e.g. 1..16"));
        assert!(parsed("9..2").unwrap_err().contains("2..9"));
        // 101 seeds: one more than may run.
        assert!(parsed("0..100").unwrap_err().contains("101 seeds"));
        assert!(parsed("0..99").is_ok());
        // The largest seeds: no overflow in the count.
        assert!(parsed("0..18446744073709551615")
            .unwrap_err()
            .contains("18446744073709551616 seeds"));
    }

    #[test]
    fn a_wrong_range_of_seeds_is_said_in_korean_too() {
        let Err(Failure::Other(e)) = parse_seed_range("9..2", Lang::Ko) else {
            panic!("refused");
        };
        assert!(
            e.to_string().contains("처음 시드가 끝 시드보다 뒤입니다"),
            "{e}"
        );
    }
}
