//! The `run` command: every scenario file given (a directory's too), run on threads
//! (`batch.rs`) and printed in the given order as a table, JSON or CSV with their notes;
//! and one scenario's run with a progress line, for the commands that run one.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Context;
use sim_core::{RunOptions, Scenario};

use crate::files::load;
use crate::{batch, output, question_places, sim_failure, Failure, Format, Lang};

/// `run`'s settings from its command line.
pub(crate) struct RunSettings {
    /// Threads (0 or none: every core).
    pub jobs: Option<usize>,
    pub format: Format,
    /// A seed instead of each file's own.
    pub seed: Option<u64>,
    /// `--cost NAME=VALUE`, as given.
    pub costs: Vec<String>,
    pub trace: bool,
    pub max_events: Option<u64>,
}

/// Runs `files` (scenario files and directories of them; `-` is standard input) on
/// `settings.jobs` threads, each with `settings.seed` instead of its own if given and the
/// costs set, and prints each result.
pub(crate) fn run(files: &[PathBuf], settings: &RunSettings, lang: Lang) -> Result<(), Failure> {
    let RunSettings {
        jobs,
        format,
        seed,
        ref costs,
        trace,
        max_events,
    } = *settings;
    // The timeline goes into the JSON only: --trace with a table or CSV would record it
    // for nothing (a wrong command line, as --student is for a scenario).
    if trace && !matches!(format, Format::Json | Format::Jsonl) {
        return Err(Failure::Other(anyhow::anyhow!(match lang {
            Lang::En => "--trace records the per-pCPU timeline into the JSON output: add --format json or jsonl (the table and the CSV have no timeline)",
            Lang::Ko => "--trace는 pCPU별 타임라인을 JSON 출력에 기록합니다: --format json 또는 jsonl을 함께 주세요(표와 CSV에는 타임라인이 없습니다)",
        })));
    }
    // Standard input is read once.
    if files.iter().filter(|f| crate::files::is_stdin(f)).count() > 1 {
        return Err(Failure::Other(anyhow::anyhow!(match lang {
            Lang::En => "`-` (standard input) can be given once: it is read once",
            Lang::Ko => "`-`(표준 입력)는 한 번만 줄 수 있습니다: 한 번만 읽힙니다",
        })));
    }
    let costs = costs
        .iter()
        .map(|given| parse_cost(given, lang))
        .collect::<Result<Vec<_>, _>>()?;
    let files = batch::expand(files, lang, batch::Assignments::Skip)?;
    let cap = RunOptions::default().max_events;
    let options = |scenario: &Scenario| RunOptions {
        trace: trace || scenario.trace,
        max_events: max_events.unwrap_or(cap).min(cap),
    };
    // Each file's own seed where `--seed` sets another (its texts' figures are the
    // own seed's: said beside the run's).
    let own_seeds = std::sync::Mutex::new(Vec::<(String, u64)>::new());
    let load = |file: &Path| {
        let mut scenario = load(file, lang)?;
        for cost in &costs {
            scenario = with_cost(&scenario, cost, lang)?;
        }
        if let Some(seed) = seed.filter(|&s| s != scenario.seed) {
            if let Ok(mut own) = own_seeds.lock() {
                own.push((scenario.file_name.clone(), scenario.seed));
            }
            scenario.set_seed(seed);
        }
        Ok(scenario)
    };
    // Several files' CSV is one table: the header once, then every file's rows.
    let csv_header_written = std::cell::Cell::new(false);
    let print = |result: &sim_core::RunResult, scenario: &Scenario| -> Result<(), Failure> {
        let places = &question_places::QuestionPlaces::of(scenario);
        let lang = match lang {
            Lang::En => "en",
            Lang::Ko => "ko",
        };
        // The description's placeholders filled with this run's figures, as the
        // questions' come (the result keeps it as written for the table, which fills it).
        let filled = || {
            let mut filled = result.clone();
            filled.fill_description();
            filled
        };
        let text = match format {
            Format::Table => output::table(result, lang),
            Format::Json => {
                serde_json::to_string_pretty(&filled()).context("serializing results")? + "\n"
            }
            // The same object as `json`'s, compact, on one line (serde_json escapes a line
            // break inside a string).
            Format::Jsonl => {
                serde_json::to_string(&filled()).context("serializing results")? + "\n"
            }
            Format::Csv => {
                let csv = output::csv(result);
                if csv_header_written.replace(true) {
                    csv.split_once('\n')
                        .map_or(String::new(), |(_, rows)| rows.to_string())
                } else {
                    csv
                }
            }
        };
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .context("writing results")?;
        output::warn_near_ties(&|id| places.get(id), &result.questions, lang == "ko");
        output::note_oom_killed_groups(places.file(), result, lang == "ko");
        output::note_thin_percentiles(&|id| places.get(id), result, lang == "ko");
        let own = own_seeds.lock().ok().and_then(|own| {
            own.iter()
                .find(|(file, _)| file == places.file())
                .map(|&(_, s)| s)
        });
        if let Some(own) = own {
            let tables = matches!(format, Format::Table);
            output::note_own_seed(places.file(), own, scenario, result, tables, lang == "ko");
        }
        if !costs.is_empty() {
            let given: Vec<String> = costs.iter().map(|c| c.given.clone()).collect();
            output::note_costs_set(places.file(), &given, scenario, lang == "ko");
        }
        Ok(())
    };
    // 0, like no --jobs, is every core of the machine.
    let jobs = jobs.filter(|&n| n > 0).unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    batch::run(
        &files,
        &batch::Batch {
            options: &options,
            load: &load,
            print: &print,
            lang,
            jobs,
            max_events,
        },
    )
}

/// One `--cost NAME=VALUE`: the name and the value as given, and the value as a whole
/// number if it is one.
struct Cost {
    given: String,
    name: String,
    value: Result<u64, String>,
}

/// `--cost` taken apart; without `=` or a name it is a wrong command line (exit 1). The
/// value is checked with each scenario ([`with_cost`]), as the file's `[costs]` entry is.
fn parse_cost(given: &str, lang: Lang) -> Result<Cost, Failure> {
    match given.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => {
            let value = value.trim();
            Ok(Cost {
                given: given.to_string(),
                name: name.trim().to_string(),
                value: value.parse::<u64>().map_err(|_| value.to_string()),
            })
        }
        _ => Err(Failure::Other(anyhow::anyhow!(
            "{}",
            match lang {
                Lang::En => format!(
                    "--cost {}: expected NAME=VALUE, such as --cost hosted_world_switch=1500",
                    output::long_value(given)
                ),
                Lang::Ko => format!(
                    "--cost {}: NAME=VALUE 꼴로 주세요. 예: --cost hosted_world_switch=1500",
                    output::long_value(given)
                ),
            }
        ))),
    }
}

/// `scenario` with one `--cost` set ([`Scenario::with_cost`]: checked as the file's
/// `[costs]` entry is, with its messages). An error is an invalid scenario (exit 2), said
/// at the option rather than at the file's place the library gives it (its `[costs]`
/// table or its name): `FILE: --cost NAME=VALUE: message`.
fn with_cost(scenario: &Scenario, cost: &Cost, lang: Lang) -> Result<Scenario, Failure> {
    let at = |message: String| {
        Failure::Invalid(format!(
            "{}: --cost {}: {message}",
            scenario.file_name,
            output::long_value(&cost.given)
        ))
    };
    match &cost.value {
        Ok(value) => scenario
            .with_cost(&cost.name, *value)
            .map_err(|e| at(e.message_in(lang.core()))),
        Err(value) => {
            // The name first, as the file's unknown key is reported before its value:
            // a known name's value that is no whole number is said as the file says it.
            if !scenario.costs.clone().set(&cost.name, 0) {
                // Unknown: the library's message, with its guess.
                scenario
                    .with_cost(&cost.name, 0)
                    .map_err(|e| at(e.message_in(lang.core())))?;
            }
            let field = format!("costs.{}", cost.name);
            let got = match (value.is_empty(), lang) {
                (true, Lang::En) => "nothing".to_string(),
                (true, Lang::Ko) => "없음".to_string(),
                (false, _) => format!("`{}`", output::long_value(value)),
            };
            // Its range and unit as the checks say them, found as the file's reading finds
            // them: with a value above every cost's range in its place.
            let probed = scenario.with_cost(&cost.name, u64::MAX).err();
            let param = |name: &str| {
                let e = probed.as_ref().filter(|e| e.code == "out_of_range")?;
                (e.params.iter().find(|(k, _)| *k == name)).map(|(_, v)| v.clone())
            };
            let Some((min, max, unit)) = param("min")
                .zip(param("max"))
                .zip(param("unit"))
                .map(|((min, max), unit)| (min, max, unit))
            else {
                return Err(at(match lang {
                    Lang::En => format!("{field} takes a whole number, 0 or more; got {got}"),
                    Lang::Ko => format!("{field}에는 0 이상의 정수를 씁니다. 입력값: {got}"),
                }));
            };
            let negative = value.trim().parse::<i128>().is_ok_and(|n| n < 0);
            Err(at(match (negative, lang) {
                // As the file's negative cost is said (`out_of_range`).
                (true, Lang::En) => {
                    format!(
                        "{field} must be between {min} and {max} {unit}; got {}",
                        value.trim()
                    )
                }
                (true, Lang::Ko) => format!(
                    "{field} 값은 {min}에서 {max} {unit} 사이여야 합니다. 입력값: {}",
                    value.trim()
                ),
                // As the file's decimal cost is said (`invalid_type`).
                (false, Lang::En) => {
                    format!("{field} takes a whole number from {min} to {max} {unit}; got {got}")
                }
                (false, Lang::Ko) => format!(
                    "{field}에는 {min}에서 {max} {unit} 사이의 정수를 쓰세요. 입력값: {got}"
                ),
            }))
        }
    }
}

pub(crate) fn run_with_progress(
    scenario: &Scenario,
    options: RunOptions,
    lang: Lang,
) -> Result<sim_core::RunResult, Failure> {
    let failed = |e: sim_core::SimError| sim_failure(e, lang);
    let show = std::io::stderr().is_terminal();
    let mut runner = scenario.runner(options).map_err(failed)?;
    let mut last_percent = u64::MAX;
    while !runner.is_finished() {
        let progress = runner.advance(2_000_000).map_err(failed)?;
        let percent = (progress.fraction() * 100.0) as u64;
        if show && percent != last_percent {
            crate::err!("\r{}: {percent:3}%", output::clean(scenario.name()));
            last_percent = percent;
        }
    }
    if show {
        crate::err!("\r\x1b[K");
    }
    runner.finish().map_err(failed)
}
