//! The command line's words: clap's definitions of `virtsim`'s commands, options and
//! formats, the messages' language, and clap's own errors in that language.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::{coursework, explain, Format, Lang};

#[derive(Parser)]
#[command(
    name = "virtsim",
    version = concat!(env!("CARGO_PKG_VERSION"), " (", env!("VIRTSIM_SOURCE"), ")"),
    about = "Deterministic cycle-level virtualization simulator"
)]
pub(crate) struct Cli {
    /// Language of the output, the messages and the help: before or after the command
    /// (`virtsim --lang ko run ...`, `virtsim run ... --lang ko`). `new` also writes the
    /// template's comments in it (its texts for students hold both languages either way).
    #[arg(
        long,
        value_enum,
        default_value = "en",
        global = true,
        ignore_case = true
    )]
    pub(crate) lang: Lang,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// `answers`' output formats (its own help: `Format`'s is `run`'s).
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum AnswersFormat {
    /// Each question with its options, the evidence (the figure of each platform it asks
    /// about), the computed answer and the explanation; an assignment's step by step
    Table,
    /// A scenario's questions with their computed answers (sim_core::QuestionAnswer), or
    /// an assignment's steps, each with its variant, scenario hash and questions (points,
    /// predict and the computed answer)
    Json,
    /// A row per question: a scenario's question, kind, answer, value and tolerance; an
    /// assignment's also with the student, step, points, predict, variant and scenario hash
    Csv,
}

/// `grade`'s output formats.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum GradeFormat {
    /// Per answers file: the student's total ("not graded" when no answer could be, or
    /// "NOT FINAL" with stale steps), the problems, then a row per question: answer, expected answer, verdict,
    /// points; with --roster, then a line per roster student without a file
    Table,
    /// One JSON document: `assignment`, `max_points` and `files`, each with its `file`,
    /// `student`, `points` (null when `points_final` is false: a file not graded, a stale
    /// step; a row not graded has null `points` too), `points_final`, `file_status`
    /// (as the CSV's), `rows` (step,
    /// question, answer, expected, verdict, points, max_points, predicted), `problems`
    /// and `messages`, or the `error` that kept it from being read; with --roster, then an
    /// entry per roster student without a file: `file` null, `student`, `file_status`
    /// `missing`
    Json,
    /// A row per question of each file: file, student, step, question, answer, expected,
    /// verdict, points, max_points, predicted, then the file's file_points (empty when not
    /// a total to record), file_status (graded, graded_with_problems, partly_graded, stale:
    /// every answer stale, nothing graded; not_graded, unreadable; with --roster, missing: a
    /// row with the student only) and file_note (why, in --lang's language)
    Csv,
    /// The same CSV for Excel: a UTF-8 byte-order mark first, without which Excel reads
    /// the file in the system's code page and garbles Korean answers and ids
    CsvExcel,
}

impl From<AnswersFormat> for Format {
    fn from(f: AnswersFormat) -> Format {
        match f {
            AnswersFormat::Table => Format::Table,
            AnswersFormat::Json => Format::Json,
            AnswersFormat::Csv => Format::Csv,
        }
    }
}

impl From<GradeFormat> for Format {
    fn from(f: GradeFormat) -> Format {
        match f {
            GradeFormat::Table => Format::Table,
            GradeFormat::Json => Format::Json,
            GradeFormat::Csv | GradeFormat::CsvExcel => Format::Csv,
        }
    }
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Run scenarios and print their results, in the order given.
    Run {
        /// Scenario files (`-`: standard input), or directories whose `*.toml` scenario
        /// files are run in name order (assignment files found there are skipped, with a
        /// note on stderr). A
        /// directory is not searched below its own files: a `*.toml` entry there that is a
        /// subdirectory (or a link to one), a pipe or a device is skipped with a note on
        /// stderr; a symbolic link to a file is followed.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Threads that run the scenarios' jobs (platforms, baselines, sweep points)
        /// side by side; the output is the same for any number (default, and 0: the
        /// machine's cores).
        #[arg(long, short = 'j', value_name = "N", allow_negative_numbers = true)]
        jobs: Option<usize>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Override the scenario's seed (0 to 18446744073709551615). A run under another
        /// seed than the file's (in any format) notes on stderr that the figures its texts
        /// quote are the file's seed's.
        #[arg(long, allow_negative_numbers = true)]
        seed: Option<u64>,
        /// Set a cost as the file's `[costs]` table would, for every file given
        /// (`--cost hosted_world_switch=1500`; repeatable; docs/cost-model.md lists every
        /// cost with its unit and range). Checked as an entry of the file is: an unknown
        /// name or a value out of the cost's range is an invalid scenario (exit 2).
        #[arg(long = "cost", value_name = "NAME=VALUE", allow_hyphen_values = true)]
        costs: Vec<String>,
        /// Record the per-pCPU timeline into the JSON output (needs --format json or
        /// jsonl: the table and the CSV have no timeline).
        #[arg(long)]
        trace: bool,
        /// Stop with an error past this many events (default and maximum: the
        /// validator's limit, 2,000,000,000).
        #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = max_events)]
        max_events: Option<u64>,
    },
    /// Check scenario and assignment files without running the simulation.
    ///
    /// Every independent error of a scenario is reported, in the file's order, each as
    /// FILE:LINE:COLUMN: message (at most 20, then how many more, or where the reading
    /// stopped after them); an unknown key or value
    /// and a value of the wrong type are read past, while a TOML syntax error, an unknown
    /// table, a table of the wrong shape or one without a key it needs stops the reading
    /// there (a note says so; docs/scenario-format.md). An invalid file exits 2.
    ///
    /// Near ties between platforms in a choice question, and a choice answer that differs
    /// between students' variants, show only in a run: `virtsim answers` (or `run`) warns
    /// about them on stderr, so run it before handing out.
    #[command(visible_alias = "check")]
    Validate {
        /// Scenario or assignment files, or directories whose `*.toml` files are checked
        /// (a symbolic link to a file is followed; a subdirectory, a link to one, a pipe or
        /// a device named `*.toml` is skipped with a note on stderr). A path that is a pipe
        /// (`/dev/stdin`, a FIFO) is read until its writer closes it: a FIFO nothing writes
        /// to waits.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Step through one operation on one platform: the VM exit, what the CPU saves,
    /// the hypervisor's work, the entry, and the same operation under other techniques.
    Explain {
        /// The scenario file.
        file: PathBuf,
        /// The platform's name in the scenario.
        #[arg(long)]
        platform: String,
        /// The operation (syscall, cpuid, cr3_write, io_port, page_fault, ...; `privileged_instruction` is a mix, not one path).
        #[arg(long)]
        op: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: explain::ExplainFormat,
    },
    /// Print the JSON Schema of the scenario format (`--assignment`: of the assignment format).
    Schema {
        /// Print the assignment format's schema instead of the scenario format's.
        #[arg(long)]
        assignment: bool,
    },
    /// Print the computed answers of a scenario or an assignment.
    Answers {
        /// A scenario or an assignment file.
        file: PathBuf,
        /// Assignment: the student whose variant (seed, parameters) is computed.
        #[arg(long, value_name = "ID")]
        student: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: AnswersFormat,
        /// Print the answers as the answers file a perfect student would hand in
        /// (needs --student).
        #[arg(long)]
        answers_file: bool,
        /// With --answers-file: give this answer instead of the computed one, to try
        /// `grade` on a wrong, unreadable or missing answer (the file gets its checksum, so
        /// it is graded). Repeatable; QUESTION alone where its id is in one step only, else
        /// STEP/QUESTION; an empty ANSWER leaves the question unanswered. E.g. `--set
        /// lowest-p99=xen-pv --set web-busy/xen-crossings=1 --set home-p99=`.
        #[arg(
            long = "set",
            value_name = "[STEP/]QUESTION=ANSWER",
            requires = "answers_file"
        )]
        set: Vec<String>,
        /// A scenario's answers at this seed instead of the file's own; a note on stderr
        /// names each question whose answer differs from the own seed's (its explanation
        /// was written for that one).
        #[arg(long, value_name = "N", conflicts_with_all = ["student", "answers_file"])]
        seed: Option<u64>,
        /// Run a scenario at its own seed and at each seed FIRST..LAST (both included, at
        /// most 100): for each question, at how many seeds its answer holds (the same
        /// answer both ways, and no tie, near tie or too wide a tolerance there), and the
        /// answers the seeds gave; a warning for each question that depends on the seed.
        /// With --format json or csv: every seed's answer and verdict.
        #[arg(long, value_name = "FIRST..LAST", conflicts_with_all = ["seed", "student", "answers_file"])]
        seeds: Option<String>,
    },
    /// Grade students' answers files against an assignment. Exit codes: 0 every file
    /// graded cleanly, 2 invalid assignment, a file that is not an answers file, or a
    /// roster refused (unreadable, an id twice or no student's, no id), 1 anything else: a
    /// file tampered with or answered against another scenario version (not graded),
    /// graded with problems (an answer that is not a number where one is asked, an answer
    /// to a question not asked: its points stand; see file_status), or a roster student
    /// without an answers file. With several files every one is reported and the code is
    /// the worst: 1 before 2 before 0.
    Grade {
        /// The assignment file the answers were written for.
        assignment: PathBuf,
        /// The students' answers files (JSON: the page's "Download my answers (JSON)").
        #[arg(required = true)]
        answers: Vec<PathBuf>,
        /// The class roster: a UTF-8 text file with one student id per line (blank lines
        /// and lines starting with # skipped; ids trimmed, compared exactly as the grader
        /// does; two ids that differ only in letter case are warned about). Not a CSV: a
        /// line is the id, whole. Every roster student without an
        /// answers file is listed (file_status `missing`, exit 1); a file whose id is not
        /// on the roster is a warning, naming the roster id it matches but for letter case.
        #[arg(long, value_name = "FILE")]
        roster: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: GradeFormat,
    },
    /// Write a commented template that validates: `new scenario NAME` or `new assignment NAME`.
    New {
        /// What to write.
        #[arg(value_enum)]
        kind: coursework::template::Kind,
        /// The file's name and its id: ASCII letters, digits, `-`, `_` or `.` (`.toml` is added if missing); a folder before it (`labs/week3`) is where the file goes, not part of the id.
        name: String,
        /// Copy a library scenario or assignment (e.g. `type1-vs-type2`, `hypervisor-types`)
        /// instead of the template, with its name or id set to NAME.
        #[arg(long, value_name = "LIBRARY_NAME")]
        from: Option<String>,
    },
    /// Measure simulated events per second on a large scenario (64 pCPUs, 512 vCPUs).
    Bench {
        /// Simulated seconds of the built-in benchmark: 1 or 2 (more would pass the
        /// validator's event limit).
        #[arg(long, default_value_t = 2, allow_negative_numbers = true, value_parser = clap::value_parser!(u64).range(1..=2))]
        seconds: u64,
        /// Run a scenario file instead of the built-in benchmark.
        #[arg(long)]
        file: Option<PathBuf>,
    },
}

/// `--max-events N`: a whole number from 1 to the validator's limit. clap's own range
/// check said "is not in 1..=2000000000"; its bounds are grouped here as the CLI prints
/// counts ("1..=2,000,000,000"; `clap_korean.rs` words the same reason in Korean).
fn max_events(value: &str) -> Result<u64, String> {
    let cap = sim_core::scenario::MAX_ESTIMATED_EVENTS;
    let n = value.parse::<u64>().map_err(|e| e.to_string())?;
    if (1..=cap).contains(&n) {
        Ok(n)
    } else {
        Err(format!(
            "{value} is not in 1..={}",
            sim_core::text::grouped(&cap.to_string())
        ))
    }
}

/// The command line with `--lang X` (or `--lang=X`) taken out when its command is `help`
/// (`virtsim help run --lang ko`): clap's `help` command takes no options, and the language
/// is read before (`korean_in_args`). Any other command line as it is.
pub(crate) fn without_lang_for_help(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let mut i = 1;
    while i < args.len() {
        let a = args[i].as_os_str();
        if a == "--lang" {
            i += 2;
        } else if a.to_str().is_some_and(|a| a.starts_with('-')) {
            i += 1;
        } else {
            break;
        }
    }
    if args.get(i).is_none_or(|a| a != "help") {
        return args;
    }
    let mut kept = Vec::with_capacity(args.len());
    let mut iter = args.into_iter();
    while let Some(a) = iter.next() {
        if a == "--lang" {
            iter.next();
        } else if !a.to_str().is_some_and(|a| a.starts_with("--lang=")) {
            kept.push(a);
        }
    }
    kept
}

/// Whether a command line that clap could not read asks for Korean: `--lang ko` or
/// `--lang=ko` before any `--` (after it, words are values).
pub(crate) fn korean_in_args(args: &[std::ffi::OsString]) -> bool {
    let args: Vec<&std::ffi::OsStr> = args
        .iter()
        .map(std::ffi::OsString::as_os_str)
        .take_while(|a| *a != "--")
        .collect();
    let ko = |a: &std::ffi::OsStr| a.to_str().is_some_and(|a| a.eq_ignore_ascii_case("ko"));
    args.iter().any(|a| {
        a.to_str()
            .and_then(|a| a.strip_prefix("--lang="))
            .is_some_and(|v| v.eq_ignore_ascii_case("ko"))
    }) || args.windows(2).any(|w| w[0] == "--lang" && ko(w[1]))
}

/// clap's message for a command line it could not read: clap's own, or the same said in
/// Korean when the command line asks for Korean (`clap_korean.rs`; `오류:` for `error:`, as
/// warnings say `경고:`). A long value clap refuses (a 100 000-character `--lang`) is
/// quoted by its start either way, as the CLI's own messages quote one (clap printed it
/// whole).
pub(crate) fn clap_error_text(e: &clap::Error, ko: bool) -> String {
    let shorten = |value: &str| crate::output::long_value(value).into_owned();
    if ko {
        return crate::clap_korean::korean_clap_error(e, shorten);
    }
    let styled = e.render();
    let mut text = if std::io::stderr().is_terminal() {
        styled.ansi().to_string()
    } else {
        styled.to_string()
    };
    if let Some(clap::error::ContextValue::String(value)) =
        e.get(clap::error::ContextKind::InvalidValue)
    {
        let short = shorten(value);
        if short.len() < value.len() {
            text = text.replace(value.as_str(), &short);
        }
    }
    text
}
