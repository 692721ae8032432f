//! The `run` command: every scenario file given (a directory's too), run on threads
//! (`batch.rs`) and printed in the given order as a table, JSON or CSV with their notes;
//! and one scenario's run with a progress line, for the commands that run one.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Context;
use sim_core::{RunOptions, Scenario};

use crate::files::load;
use crate::{batch, output, question_places, sim_failure, Failure, Format, Lang};

/// Runs `files` (scenario files and directories of them) on `jobs` threads (0 or none:
/// every core), each with `seed` instead of its own if given, and prints each result.
pub(crate) fn run(
    files: &[PathBuf],
    jobs: Option<usize>,
    format: Format,
    seed: Option<u64>,
    lang: Lang,
    trace: bool,
    max_events: Option<u64>,
) -> Result<(), Failure> {
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
    let print = |result: &sim_core::RunResult,
                 places: &question_places::QuestionPlaces|
     -> Result<(), Failure> {
        let lang = match lang {
            Lang::En => "en",
            Lang::Ko => "ko",
        };
        let text = match format {
            Format::Table => output::table(result, lang),
            Format::Json => {
                serde_json::to_string_pretty(result).context("serializing results")? + "\n"
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
            output::note_own_seed(places.file(), own, result, tables, lang == "ko");
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
