//! `virtsim`: run and validate scenario files from the command line.
//!
//! Exit codes: 0 success, 2 invalid scenario (message on stderr), 1 any other failure.

mod output;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use sim_core::{RunOptions, Scenario};

#[derive(Parser)]
#[command(
    name = "virtsim",
    version,
    about = "Deterministic cycle-level virtualization simulator"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum Lang {
    En,
    Ko,
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario and print its results.
    Run {
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Override the scenario's seed.
        #[arg(long)]
        seed: Option<u64>,
        /// Language of the table output.
        #[arg(long, value_enum, default_value = "en")]
        lang: Lang,
        /// Record the per-pCPU timeline (included in JSON output).
        #[arg(long)]
        trace: bool,
    },
    /// Check scenario files without running them.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the JSON Schema of the scenario format.
    Schema,
    /// Measure simulated events per second on a large scenario (64 pCPUs, 512 vCPUs).
    Bench {
        /// Simulated seconds.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Run a scenario file instead of the built-in benchmark.
        #[arg(long)]
        file: Option<PathBuf>,
    },
}

enum Failure {
    Invalid(String),
    Other(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Other(e)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Invalid(message)) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
        Err(Failure::Other(e)) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn load(path: &PathBuf) -> Result<Scenario, Failure> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Scenario::from_toml(&path.display().to_string(), &text)
        .map_err(|e| Failure::Invalid(e.to_string()))
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Run {
            file,
            format,
            seed,
            lang,
            trace,
        } => {
            let mut scenario = load(&file)?;
            if let Some(seed) = seed {
                scenario.set_seed(seed);
            }
            let options = RunOptions {
                trace: trace || scenario.trace,
                ..RunOptions::default()
            };
            let result = run_with_progress(&scenario, options)?;
            let lang = match lang {
                Lang::En => "en",
                Lang::Ko => "ko",
            };
            let text = match format {
                Format::Table => output::table(&result, lang),
                Format::Json => {
                    serde_json::to_string_pretty(&result).context("serializing results")? + "\n"
                }
                Format::Csv => output::csv(&result),
            };
            print!("{text}");
            Ok(())
        }
        Command::Validate { files } => {
            let mut failures = Vec::new();
            for file in &files {
                match load(file) {
                    Ok(_) => println!("{}: ok", file.display()),
                    Err(Failure::Invalid(m)) => failures.push(m),
                    Err(other) => return Err(other),
                }
            }
            if failures.is_empty() {
                Ok(())
            } else {
                Err(Failure::Invalid(failures.join("\n")))
            }
        }
        Command::Schema => {
            let schema = schemars::schema_for!(sim_core::scenario::ScenarioFile);
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).context("serializing schema")?
            );
            Ok(())
        }
        Command::Bench { seconds, file } => {
            let scenario = match file {
                Some(file) => load(&file)?,
                None => Scenario::from_toml("bench", &output::bench_scenario(seconds))
                    .map_err(|e| Failure::Invalid(e.to_string()))?,
            };
            // The benchmark measures wall-clock speed on purpose; nothing else may read the clock.
            #[allow(clippy::disallowed_methods)]
            let start = std::time::Instant::now();
            let result = run_with_progress(&scenario, RunOptions::default())?;
            let elapsed = start.elapsed().as_secs_f64();
            println!(
                "{} events in {:.2} s of wall-clock time: {:.2} million events/s ({} simulated ms per platform, {} platform run(s) + baselines)",
                result.events,
                elapsed,
                result.events as f64 / elapsed / 1e6,
                result.duration_ms,
                result.platforms.len()
            );
            Ok(())
        }
    }
}

fn run_with_progress(
    scenario: &Scenario,
    options: RunOptions,
) -> Result<sim_core::RunResult, Failure> {
    let show = std::io::stderr().is_terminal();
    let mut runner = scenario
        .runner(options)
        .map_err(|e| Failure::Other(e.into()))?;
    let mut last_percent = u64::MAX;
    while !runner.is_finished() {
        let progress = runner
            .advance(2_000_000)
            .map_err(|e| Failure::Other(e.into()))?;
        let percent = (progress.fraction() * 100.0) as u64;
        if show && percent != last_percent {
            eprint!("\r{}: {percent:3}%", scenario.name());
            last_percent = percent;
        }
    }
    if show {
        eprint!("\r\x1b[K");
    }
    runner.finish().map_err(|e| Failure::Other(e.into()))
}
