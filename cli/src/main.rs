//! `virtsim`: the command line: `run`, `validate` and `explain` scenario files, the
//! coursework's `answers`, `grade` and `new`, the file formats' `schema`, and `bench`.
//!
//! Exit codes: 0 success, 2 invalid scenario (message on stderr), 1 any other failure.
//! anyhow is used in this crate only. Files are read only after their size is checked
//! (metadata, then a bounded read); `--lang ko` prints validator messages in Korean.
//!
//! Here: `main` and each command's dispatch. The command line's definitions are in
//! `args.rs` (the values every command reads, `Format` and `Lang`, in `option_values.rs`);
//! failures and their exit codes in `failure.rs`; reading the files given in `files.rs`;
//! the commands in `run_command.rs` (with `batch.rs`), `validate.rs`, `explain.rs`,
//! `coursework/` (`answers`, `grade`, `new`) and `bench.rs`; what a run will cost in
//! `estimate.rs`; the tables and CSV in `output/`.

/// `print!` that returns an error instead of panicking when stdout is closed
/// (`virtsim schema | head`); `report` turns a broken pipe into a quiet exit.
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*)
            .map_err(|e| anyhow::Error::from(e).context("writing output"))
    }};
}

/// `println!` that returns an error instead of panicking (see [`out!`]).
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)
            .map_err(|e| anyhow::Error::from(e).context("writing output"))
    }};
}

/// `eprintln!` that ignores a closed stderr (`virtsim ... 2>&1 | head`) instead of
/// panicking: a message nobody can read is dropped.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

/// `eprint!` that ignores a closed stderr (see [`errln!`]).
#[macro_export]
macro_rules! err {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr().lock(), $($arg)*);
    }};
}

mod args;
mod batch;
mod bench;
mod clap_korean;
mod coursework;
mod estimate;
mod explain;
mod failure;
mod files;
mod korean_help;
mod option_values;
mod output;
mod question_places;
mod run_command;
mod validate;

use std::process::ExitCode;

use anyhow::Context;
use args::{clap_error_text, korean_in_args, Cli, Command, GradeFormat};
use clap::{CommandFactory, FromArgMatches};
pub(crate) use estimate::events_estimate;
use failure::KOREAN;
pub(crate) use failure::{error_lines, io_reason, report, run_failure, sim_failure, Failure};
use files::load;
pub(crate) use files::{cannot_read, read_bounded, shown, utf8};
pub(crate) use option_values::{Format, Lang};
pub(crate) use run_command::run_with_progress;

fn main() -> ExitCode {
    // Usage errors exit 1, not clap's 2: 2 means "invalid scenario".
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let korean = korean_in_args(&args);
    let args = args::without_lang_for_help(args);
    // With `--lang ko`, `--help` is in Korean (`korean_help.rs`).
    let mut command = Cli::command();
    if korean {
        command = korean_help::korean_command(command);
    }
    let parsed = command
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            if !e.use_stderr() {
                // --help and --version; in Korean, clap's alias label too (`[alias: check]`),
                // which the Korean help's texts cannot reach (printed without colours then).
                if korean {
                    let help = e.render().to_string();
                    crate::out!("{}", korean_help::korean_labels(&help)).ok();
                } else {
                    let _ = e.print();
                }
                return ExitCode::SUCCESS;
            }
            crate::err!("{}", clap_error_text(&e, korean));
            return ExitCode::from(1);
        }
    };
    KOREAN.store(
        matches!(cli.lang, Lang::Ko),
        std::sync::atomic::Ordering::Relaxed,
    );
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => ExitCode::from(report(failure)),
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let lang = cli.lang;
    match cli.command {
        Command::Run {
            files,
            jobs,
            format,
            seed,
            costs,
            trace,
            max_events,
        } => run_command::run(
            &files,
            &run_command::RunSettings {
                jobs,
                format,
                seed,
                costs,
                trace,
                max_events,
            },
            lang,
        ),
        Command::Validate { files } => validate::run(&files, lang),
        Command::Explain {
            file,
            platform,
            op,
            format,
        } => {
            let scenario = load(&file, lang)?;
            // A platform or operation the scenario does not have is a wrong command line
            // (exit 1), not an invalid scenario (2).
            let text = explain::render(&scenario, &platform, &op, matches!(lang, Lang::Ko), format)
                .map_err(|message| Failure::Other(anyhow::anyhow!(message)))?;
            crate::out!("{text}")?;
            Ok(())
        }
        Command::Answers {
            file,
            student,
            format,
            answers_file,
            set,
            seed,
            seeds,
        } => coursework::answers::run(
            &file,
            student.as_deref(),
            format.into(),
            answers_file.then_some(set.as_slice()),
            coursework::answers::Seeds { seed, seeds },
            lang,
        ),
        Command::Grade {
            assignment,
            answers,
            format,
            roster,
        } => coursework::grade::run(
            &assignment,
            &answers,
            roster.as_deref(),
            format.into(),
            matches!(format, GradeFormat::CsvExcel),
            lang,
        ),
        Command::New { kind, name, from } => {
            coursework::template::run(kind, &name, lang, from.as_deref())
        }
        Command::Schema { assignment: true } => {
            let schema = schemars::schema_for!(sim_core::assignment::AssignmentFile);
            crate::outln!(
                "{}",
                serde_json::to_string_pretty(&schema).context("serializing schema")?
            )?;
            Ok(())
        }
        Command::Schema { assignment: false } => {
            let schema = schemars::schema_for!(sim_core::scenario::ScenarioFile);
            crate::outln!(
                "{}",
                serde_json::to_string_pretty(&schema).context("serializing schema")?
            )?;
            Ok(())
        }
        Command::Bench { seconds, file } => bench::run(seconds, file),
    }
}
