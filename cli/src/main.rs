//! `virtsim`: the command line: `run`, `validate` and `explain` scenario files, the
//! coursework's `answers`, `grade` and `new`, the file formats' `schema`, and `bench`.
//!
//! Exit codes: 0 success, 2 invalid scenario (message on stderr), 1 any other failure.
//! anyhow is used in this crate only. Files are read only after their size is checked
//! (metadata, then a bounded read); `--lang ko` prints validator messages in Korean.

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

mod batch;
mod bench;
mod coursework;
mod explain;
mod output;
mod question_places;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use sim_core::{RunOptions, Scenario};

#[derive(Parser)]
#[command(
    name = "virtsim",
    version = concat!(env!("CARGO_PKG_VERSION"), " (", env!("VIRTSIM_SOURCE"), ")"),
    about = "Deterministic cycle-level virtualization simulator"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Tables and notes for a reader, each file's after the one before
    Table,
    /// One pretty-printed JSON document per file (sim_core::RunResult; its `scenario` is the
    /// scenario's name), in the order given: `jq -s` reads several as one array
    Json,
    /// One table of every file's rows (each names its scenario), the header once
    Csv,
}

/// `answers`' output formats (its own help: `Format`'s is `run`'s).
#[derive(Clone, Copy, ValueEnum)]
enum AnswersFormat {
    /// Each question with its options, the evidence (each platform's figure), the
    /// computed answer and the explanation; an assignment's step by step
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
enum GradeFormat {
    /// Per answers file: the student's total ("not graded" when no answer could be, or
    /// "NOT FINAL" with stale steps), the problems, then a row per question: answer, expected answer, verdict,
    /// points; with --roster, then a line per roster student without a file
    Table,
    /// One JSON document: `assignment`, `max_points` and `files`, each with its `file`,
    /// `student`, `points`, `points_final` (false: not a total to record), `file_status`
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
    /// row with the student only) and
    /// file_note
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

#[derive(Clone, Copy, ValueEnum)]
enum Lang {
    En,
    Ko,
}

#[derive(Subcommand)]
enum Command {
    /// Run scenarios and print their results, in the order given.
    Run {
        /// Scenario files, or directories whose `*.toml` scenario files are run in name
        /// order (assignment files found there are skipped, with a note on stderr). A
        /// directory is not searched below its own files: a `*.toml` entry there that is a
        /// subdirectory (or a link to one), a pipe or a device is skipped with a note on
        /// stderr; a symbolic link to a file is followed.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Threads that run the scenarios' jobs (platforms, baselines, sweep points)
        /// side by side; the output is the same for any number (default, and 0: the
        /// machine's cores).
        #[arg(long, short = 'j', value_name = "N")]
        jobs: Option<usize>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Override the scenario's seed (0 to 18446744073709551615). A table run under
        /// another seed than the file's notes on stderr that the figures its texts quote
        /// are the file's seed's.
        #[arg(long, allow_negative_numbers = true)]
        seed: Option<u64>,
        /// Language of the table output and of error messages.
        #[arg(long, value_enum, default_value = "en")]
        lang: Lang,
        /// Record the per-pCPU timeline (included in JSON output).
        #[arg(long)]
        trace: bool,
        /// Stop with an error past this many events (default and maximum: the
        /// validator's limit, 2000000000).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=sim_core::scenario::MAX_ESTIMATED_EVENTS))]
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
        /// Language of the error messages.
        #[arg(long, value_enum, default_value = "en")]
        lang: Lang,
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
        /// Language of the table and of error messages.
        #[arg(long, value_enum, default_value = "en")]
        lang: Lang,
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
        /// Language of the output and of error messages.
        #[arg(long, value_enum, default_value = "en")]
        lang: Lang,
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
        /// Language of the output and of error messages.
        #[arg(long, value_enum, default_value = "en")]
        lang: Lang,
    },
    /// Write a commented template that validates: `new scenario NAME` or `new assignment NAME`.
    New {
        /// What to write.
        #[arg(value_enum)]
        kind: coursework::template::Kind,
        /// The file's name and its id: ASCII letters, digits, `-`, `_` or `.` (`.toml` is added if missing); a folder before it (`labs/week3`) is where the file goes, not part of the id.
        name: String,
        /// Language of the command's messages and of the template's comments (its
        /// texts for students hold both languages, `en` and `ko`, either way).
        #[arg(long, value_enum, default_value = "en")]
        lang: Lang,
        /// Copy a library scenario or assignment (e.g. `type1-vs-type2`, `hypervisor-types`)
        /// instead of the template, with its name or id set to NAME.
        #[arg(long, value_name = "LIBRARY_NAME")]
        from: Option<String>,
    },
    /// Measure simulated events per second on a large scenario (64 pCPUs, 512 vCPUs).
    Bench {
        /// Simulated seconds of the built-in benchmark: 1 or 2 (more would pass the
        /// validator's event limit).
        #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..=2))]
        seconds: u64,
        /// Run a scenario file instead of the built-in benchmark.
        #[arg(long)]
        file: Option<PathBuf>,
    },
}

enum Failure {
    Invalid(String),
    Other(anyhow::Error),
    /// Messages already printed; only the exit code is left.
    Reported(u8),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Other(e)
    }
}

/// Whether messages are in Korean (`--lang ko`): `report`'s `오류:` for `error:`. Set once,
/// in `main`, from the command line.
static KOREAN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn korean() -> bool {
    KOREAN.load(std::sync::atomic::Ordering::Relaxed)
}

impl Command {
    /// The language of the command's messages (`--lang`; English for `schema` and `bench`,
    /// which have none).
    fn lang(&self) -> Lang {
        match self {
            Command::Run { lang, .. }
            | Command::Validate { lang, .. }
            | Command::Explain { lang, .. }
            | Command::Answers { lang, .. }
            | Command::Grade { lang, .. }
            | Command::New { lang, .. } => *lang,
            Command::Schema { .. } | Command::Bench { .. } => Lang::En,
        }
    }
}

/// Whether a command line that clap could not read asks for Korean: `--lang ko` or
/// `--lang=ko` before any `--` (after it, words are values).
fn korean_in_args(args: &[std::ffi::OsString]) -> bool {
    let args: Vec<&std::ffi::OsStr> = args
        .iter()
        .map(std::ffi::OsString::as_os_str)
        .take_while(|a| *a != "--")
        .collect();
    args.iter().any(|a| *a == "--lang=ko")
        || args.windows(2).any(|w| w[0] == "--lang" && w[1] == "ko")
}

/// clap's message for a command line it could not read, with Korean words for its
/// labels when the command line asks for Korean (`오류:` for `error:`, as warnings say
/// `경고:`); what clap says of the argument stays as clap words it.
fn clap_error_text(e: &clap::Error, ko: bool) -> String {
    let styled = e.render();
    let mut text = if std::io::stderr().is_terminal() {
        styled.ansi().to_string()
    } else {
        styled.to_string()
    };
    // A value clap refuses (a 100 000-character `--lang`) is quoted by its start, as the
    // CLI's own messages quote one (clap printed it whole).
    if let Some(clap::error::ContextValue::String(value)) =
        e.get(clap::error::ContextKind::InvalidValue)
    {
        let short = crate::output::long_value(value);
        if short.len() < value.len() {
            text = text.replace(value.as_str(), &short);
        }
    }
    if !ko {
        return text;
    }
    text.replacen("error:", "오류:", 1)
        .replacen("  tip:", "  도움말:", 1)
        .replacen("Usage:", "사용법:", 1)
        .replacen(
            "For more information, try '--help'.",
            "자세한 내용은 '--help'를 보세요.",
            1,
        )
}

fn main() -> ExitCode {
    // Usage errors exit 1, not clap's 2: 2 means "invalid scenario".
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            if !e.use_stderr() {
                // --help and --version.
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
            crate::err!("{}", clap_error_text(&e, korean_in_args(&args)));
            return ExitCode::from(1);
        }
    };
    KOREAN.store(
        matches!(cli.command.lang(), Lang::Ko),
        std::sync::atomic::Ordering::Relaxed,
    );
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => ExitCode::from(report(failure)),
    }
}

/// Prints a failure on stderr and gives its exit code.
fn report(failure: Failure) -> u8 {
    match failure {
        Failure::Invalid(message) => {
            // The message quotes the file, which may hold terminal escape sequences.
            crate::errln!("{}", output::clean_lines(&message));
            2
        }
        Failure::Other(e) if is_broken_pipe(&e) => {
            // The reader went away (`virtsim run ... | head`): stop quietly, as ripgrep does.
            std::process::exit(0)
        }
        Failure::Other(e) => {
            // In the messages' language, as warnings (`경고:`) and notes (`참고:`) are.
            let label = if korean() { "오류" } else { "error" };
            crate::errln!("{label}: {}", output::clean_lines(&format!("{e:#}")));
            1
        }
        Failure::Reported(code) => code,
    }
}

/// Whether writing output failed because its reader closed the pipe.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

impl Lang {
    fn core(self) -> sim_core::Lang {
        match self {
            Lang::En => sim_core::Lang::En,
            Lang::Ko => sim_core::Lang::Ko,
        }
    }
}

/// Why a file operation failed, in the language of the messages: the usual reasons are
/// translated, any other one is the system's own words.
pub(crate) fn io_reason(lang: Lang, e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match (lang, e.kind()) {
        (Lang::Ko, ErrorKind::NotFound) => "그런 파일이나 디렉터리가 없습니다".to_string(),
        (Lang::Ko, ErrorKind::PermissionDenied) => "권한이 없습니다".to_string(),
        (Lang::Ko, ErrorKind::AlreadyExists) => "같은 이름의 파일이 이미 있습니다".to_string(),
        (Lang::Ko, ErrorKind::IsADirectory) => "디렉터리입니다".to_string(),
        (Lang::Ko, ErrorKind::StorageFull) => "디스크에 남은 공간이 없습니다".to_string(),
        (Lang::En, ErrorKind::AlreadyExists) => "a file of that name exists".to_string(),
        _ => e.to_string(),
    }
}

/// "cannot read FILE: why", in the language of the messages: the usual reasons are
/// translated, any other one is the system's own words.
fn cannot_read(path: &Path, lang: Lang, e: &std::io::Error) -> Failure {
    use std::io::ErrorKind;
    let why = match (lang, e.kind()) {
        (Lang::Ko, ErrorKind::PermissionDenied) => "읽을 권한이 없습니다".to_string(),
        _ => io_reason(lang, e),
    };
    // A library scenario's name given as a path: where to get a file of it.
    let library = (e.kind() == ErrorKind::NotFound)
        .then(|| path.to_str())
        .flatten()
        .filter(|name| !name.contains(['/', '\\']))
        .and_then(|name| {
            let stem = name.strip_suffix(".toml").unwrap_or(name);
            let kind = if virtsim_library::scenario(stem).is_some() {
                "scenario"
            } else if virtsim_library::assignment(stem).is_some() {
                "assignment"
            } else {
                return None;
            };
            Some((stem.to_string(), kind))
        });
    let hint = match (lang, library) {
        (Lang::En, Some((stem, kind))) => format!(
            "; `{stem}` is a library {kind}: `virtsim new {kind} my-{stem} --from {stem}` writes a copy to run and change (in the repository it is scenarios/{}{stem}.toml)",
            if kind == "assignment" { "assignments/" } else { "" }
        ),
        (Lang::Ko, Some((stem, kind))) => format!(
            "; `{stem}`은(는) 라이브러리 {}입니다: `virtsim new {kind} my-{stem} --from {stem}`이(가) 실행하고 고칠 사본을 씁니다(저장소에서는 scenarios/{}{stem}.toml)",
            if kind == "assignment" { "과제" } else { "시나리오" },
            if kind == "assignment" { "assignments/" } else { "" }
        ),
        _ => String::new(),
    };
    Failure::Other(match lang {
        Lang::En => anyhow::anyhow!("cannot read {}: {why}{hint}", shown(path)),
        Lang::Ko => anyhow::anyhow!(
            "{}",
            sim_core::text::particles(&format!(
                "{}을(를) 읽을 수 없습니다: {why}{hint}",
                shown(path)
            ))
        ),
    })
}

/// A file's name as messages print it: its control characters escaped as the messages'
/// other texts are ([`output::clean`]: an ESC or a line break in a name shown as
/// `\u{1b}`, `\u{a}`), so that a name cannot start a terminal escape sequence or pass for
/// a line of its own (`report` keeps the messages' own line breaks). Also the label of a
/// file's errors given to sim-core, which quotes it at the start of each.
pub(crate) fn shown(path: &Path) -> String {
    output::clean(&path.display().to_string())
}

/// A directory given where a file is read.
fn is_a_directory(path: &Path, lang: Lang) -> Failure {
    Failure::Other(match lang {
        Lang::En => anyhow::anyhow!("cannot read {}: it is a directory", shown(path)),
        Lang::Ko => anyhow::anyhow!(
            "{}",
            sim_core::text::particles(&format!(
                "{}을(를) 읽을 수 없습니다: 디렉터리입니다",
                shown(path)
            ))
        ),
    })
}

/// `validate` of what is not a regular file (a pipe, `/dev/stdin`): it can be read only
/// once, so it is read whole (up to the largest assignment), then checked as what it
/// holds. Gives the exit code.
fn validate_stream(path: &Path, lang: Lang) -> Result<u8, Failure> {
    use std::io::Read;
    let limit = sim_core::assignment::MAX_ASSIGNMENT_BYTES;
    let mut bytes = Vec::new();
    if let Err(e) =
        std::fs::File::open(path).and_then(|f| f.take(limit as u64 + 1).read_to_end(&mut bytes))
    {
        return Ok(report(cannot_read(path, lang, &e)));
    }
    // Longer than an assignment may be: too long for either kind; named as an assignment
    // only if it starts like one (`/dev/zero` is a scenario file too long).
    if bytes.len() > limit {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]);
        return Ok(report(if coursework::is_assignment(&head) {
            coursework::too_large(path, lang, limit)
        } else {
            scenario_too_large(path, lang, None)
        }));
    }
    let text = match utf8(path, bytes, lang) {
        Ok(text) => text,
        Err(failure) => return Ok(report(failure)),
    };
    if coursework::is_assignment(&text) {
        return Ok(coursework::validate_text(path, &text, lang));
    }
    if text.len() > sim_core::scenario::MAX_FILE_BYTES {
        return Ok(report(scenario_too_large(
            path,
            lang,
            Some(text.len() as u64),
        )));
    }
    match Scenario::from_toml_all(&shown(path), &text) {
        Ok(scenario) => print_valid_scenario(path, &scenario, lang),
        Err(errors) => Ok(report(invalid(&shown(path), &errors, lang))),
    }
}

/// A scenario's errors ([`Scenario::from_toml_all`]: every independent one, in the file's
/// order), each `FILE:LINE:COLUMN: message` on a line of its own: the first
/// [`sim_core::scenario::MAX_ERRORS_SHOWN`], then `FILE: and N more errors`, then where the
/// checks stopped if they did (`note: FILE:LINE:COLUMN: reading stopped here: ...`); or,
/// when the reading stopped after the errors shown, `FILE: more errors follow: the reading
/// stopped at LINE:COLUMN after the first 20; ...` alone.
fn invalid(file: &str, errors: &[sim_core::ScenarioError], lang: Lang) -> Failure {
    Failure::Invalid(error_lines(file, errors, lang))
}

/// The lines of [`invalid`] (an assignment's errors too: those of a step's scenario).
pub(crate) fn error_lines(file: &str, errors: &[sim_core::ScenarioError], lang: Lang) -> String {
    let shown = sim_core::scenario::MAX_ERRORS_SHOWN;
    let mut lines: Vec<String> = (errors.iter().take(shown))
        .map(|e| e.to_string_in(lang.core()))
        .collect();
    // The reading stopped after the errors shown (a file with many errors is read past at
    // most MAX_ERRORS_SHOWN of them): how many more there are is not known, and the error
    // it stopped at is not shown, so no "and 1 more" and no note pointing at it.
    let stopped_after_shown = (errors
        .iter()
        .position(|e| e.stop_note_in(lang.core()).is_some()))
    .filter(|&i| i >= shown)
    .map(|i| &errors[i]);
    if let Some(e) = stopped_after_shown {
        lines.push(match lang {
            Lang::En => format!(
                "{file}: more errors follow: the reading stopped at {}:{} after the first {shown}; fix these and validate again",
                e.line, e.column
            ),
            Lang::Ko => format!(
                "{file}: 오류가 더 있습니다. 처음 {shown}개 다음 {}:{}에서 읽기를 멈췄습니다. 이 오류들을 고친 뒤 다시 검사하세요",
                e.line, e.column
            ),
        });
        return lines.join("\n");
    }
    if let Some(more) = errors.len().checked_sub(shown).filter(|&n| n > 0) {
        lines.push(match lang {
            Lang::En => format!("{file}: and {more} more errors"),
            Lang::Ko => format!("{file}: 오류가 {more}개 더 있습니다"),
        });
    }
    // Where the checks stopped (a syntax error, a name that breaks the rules...): more
    // errors may show once it is fixed.
    if let Some(note) = errors.iter().find_map(|e| e.stop_note_in(lang.core())) {
        lines.push(match lang {
            Lang::En => format!("note: {note}"),
            Lang::Ko => format!("참고: {note}"),
        });
    }
    lines.join("\n")
}

/// `validate`'s line for a valid scenario, then on stderr its warnings
/// ([`Scenario::warnings`]: a group OOM-killed even alone), each as `warning:
/// FILE:LINE:COLUMN: message` (`경고:` in Korean); gives the exit code (0: warnings do not
/// make it invalid).
fn print_valid_scenario(path: &Path, scenario: &Scenario, lang: Lang) -> Result<u8, Failure> {
    // "정상" in Korean, as an assignment's line says it (a reviewer saw both side by side).
    let ok = match lang {
        Lang::En => "ok",
        Lang::Ko => "정상",
    };
    crate::outln!("{}: {ok} ({})", shown(path), cost_estimate(scenario, lang))?;
    for w in scenario.warnings() {
        let text = output::clean_lines(&w.to_string_in(lang.core()));
        match lang {
            Lang::En => crate::errln!("warning: {text}"),
            Lang::Ko => crate::errln!("경고: {text}"),
        }
    }
    Ok(0)
}

fn load(path: &Path, lang: Lang) -> Result<Scenario, Failure> {
    let bytes = read_scenario_bytes(path, lang)?;
    let text = utf8(path, bytes, lang)?;
    let file = shown(path);
    Scenario::from_toml_all(&file, &text).map_err(|errors| invalid(&file, &errors, lang))
}

/// The file's bytes, read only if it is not larger than the largest scenario accepted.
fn read_scenario_bytes(path: &Path, lang: Lang) -> Result<Vec<u8>, Failure> {
    read_bounded(path, lang, sim_core::scenario::MAX_FILE_BYTES, |size| {
        scenario_too_large(path, lang, size)
    })
}

/// The file's bytes, read only if it is at most `limit` bytes: the size from its metadata
/// first, then a read of at most one byte more than the limit (devices and pipes such as
/// `/dev/zero` report no size). `too_large` gets the size, or None for a stream longer than
/// the limit.
pub(crate) fn read_bounded(
    path: &Path,
    lang: Lang,
    limit: usize,
    too_large: impl Fn(Option<u64>) -> Failure,
) -> Result<Vec<u8>, Failure> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| cannot_read(path, lang, &e))?;
    let metadata = file.metadata().map_err(|e| cannot_read(path, lang, &e))?;
    if metadata.is_dir() {
        return Err(is_a_directory(path, lang));
    }
    if metadata.len() > limit as u64 {
        return Err(too_large(Some(metadata.len())));
    }
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot_read(path, lang, &e))?;
    if bytes.len() > limit {
        return Err(too_large(None));
    }
    Ok(bytes)
}

/// A scenario file over the size limit; `size` is its size in bytes, or None for a stream
/// longer than the limit.
fn scenario_too_large(path: &Path, lang: Lang, size: Option<u64>) -> Failure {
    let limit = sim_core::scenario::MAX_FILE_BYTES;
    let at = format!("{}:1:1", shown(path));
    Failure::Invalid(match (lang, size) {
        (Lang::En, Some(size)) => {
            format!("{at}: scenario file is {size} bytes; at most {limit} bytes are accepted")
        }
        (Lang::En, None) => format!(
            "{at}: scenario file is more than {limit} bytes; at most {limit} bytes are accepted"
        ),
        (Lang::Ko, Some(size)) => {
            format!("{at}: 시나리오 파일이 {size}바이트입니다. 최대 {limit}바이트까지 받습니다")
        }
        (Lang::Ko, None) => format!(
            "{at}: 시나리오 파일이 {limit}바이트보다 큽니다. 최대 {limit}바이트까지 받습니다"
        ),
    })
}

/// The file's text; a file that is not UTF-8 is an invalid scenario, located at its first
/// invalid byte ([`sim_core::scenario::text_of`]).
fn utf8(path: &Path, bytes: Vec<u8>, lang: Lang) -> Result<String, Failure> {
    sim_core::scenario::text_of(&shown(path), bytes)
        .map_err(|e| Failure::Invalid(e.to_string_in(lang.core())))
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Run {
            files,
            jobs,
            format,
            seed,
            lang,
            trace,
            max_events,
        } => {
            let files = batch::expand(&files, lang, batch::Assignments::Skip)?;
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
                if let (Some(own), Format::Table) = (own, &format) {
                    output::note_own_seed(places.file(), own, result, lang == "ko");
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
        Command::Validate { files, lang } => {
            let files = batch::expand(&files, lang, batch::Assignments::Keep)?;
            // Every file is reported; the exit code is the worst one (1 beats 2 beats 0).
            let mut worst = 0;
            for file in &files {
                let regular = std::fs::metadata(file).is_ok_and(|m| m.is_file());
                let code = if !regular {
                    validate_stream(file, lang)?
                } else {
                    match coursework::validate_file(file, lang) {
                        Some(code) => code,
                        None => match load(file, lang) {
                            Ok(scenario) => print_valid_scenario(file, &scenario, lang)?,
                            Err(failure) => report(failure),
                        },
                    }
                };
                worst = match (worst, code) {
                    (1, _) | (_, 1) => 1,
                    (a, b) => a.max(b),
                };
            }
            if worst == 0 {
                Ok(())
            } else {
                Err(Failure::Reported(worst))
            }
        }
        Command::Explain {
            file,
            platform,
            op,
            lang,
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
            lang,
        } => coursework::answers::run(
            &file,
            student.as_deref(),
            format.into(),
            answers_file.then_some(set.as_slice()),
            lang,
        ),
        Command::Grade {
            assignment,
            answers,
            format,
            lang,
            roster,
        } => coursework::grade::run(
            &assignment,
            &answers,
            roster.as_deref(),
            format.into(),
            matches!(format, GradeFormat::CsvExcel),
            lang,
        ),
        Command::New {
            kind,
            name,
            lang,
            from,
        } => coursework::template::run(kind, &name, lang, from.as_deref()),
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
        Command::Bench { seconds, file } => {
            let scenario = match file {
                Some(file) => load(&file, Lang::En)?,
                None => Scenario::from_toml("bench", &bench::scenario(seconds))
                    .map_err(|e| Failure::Invalid(e.to_string()))?,
            };
            // The benchmark measures wall-clock speed on purpose; nothing else may read the clock.
            #[allow(clippy::disallowed_methods)]
            let start = std::time::Instant::now();
            let result = run_with_progress(&scenario, RunOptions::default(), Lang::En)?;
            let elapsed = start.elapsed().as_secs_f64();
            // Operations simulated: each platform's, and each distinct native baseline's
            // once (platforms that share a baseline share its run).
            let seconds = result.duration_ms as f64 / 1000.0;
            let mut baselines: Vec<u64> = Vec::new();
            for p in &result.platforms {
                let ops = (p.baseline_throughput * seconds).round() as u64;
                if !baselines.contains(&ops) {
                    baselines.push(ops);
                }
            }
            let ops: u64 =
                result.platforms.iter().map(|p| p.ops).sum::<u64>() + baselines.iter().sum::<u64>();
            crate::outln!(
                "{} events in {:.2} s of wall-clock time: {:.2} million events/s ({} simulated ms per platform, {} platform run(s) + baselines)",
                result.events,
                elapsed,
                result.events as f64 / elapsed / 1e6,
                result.duration_ms,
                result.platforms.len()
            )?;
            crate::outln!(
                "{} simulated operations: {:.2} million operations/s",
                ops,
                ops as f64 / elapsed / 1e6
            )?;
            Ok(())
        }
    }
}

/// A run's error (the event cap of every run; a scenario whose values the check before a
/// run refuses, an invalid scenario: exit 2), in the language of `--lang`.
fn sim_failure(e: sim_core::SimError, lang: Lang) -> Failure {
    match e {
        sim_core::SimError::Invalid(e) => Failure::Invalid(e.to_string_in(lang.core())),
        e => Failure::Other(anyhow::anyhow!("{}", e.message_in(lang.core()))),
    }
}

/// [`sim_failure`], for a run given `--max-events` (`flag`): a run stopped by that limit
/// says so first, with its value and how to raise it, rather than only advising a shorter
/// scenario (the limit is the user's, not the scenario's).
fn run_failure(e: sim_core::SimError, lang: Lang, flag: Option<u64>) -> Failure {
    match (e, flag) {
        (sim_core::SimError::EventLimit { limit, estimate }, Some(n)) if limit == n => {
            let cap = sim_core::scenario::MAX_ESTIMATED_EVENTS;
            Failure::Other(match lang {
                Lang::En => anyhow::anyhow!(
                    "the run needed more than --max-events {n} events (the scenario's estimate is at most {estimate} events): raise --max-events (at most {cap}) or leave it out; else shorten duration_ms or use fewer instances"
                ),
                Lang::Ko => anyhow::anyhow!(
                    "실행에 --max-events {n}개보다 많은 이벤트가 필요했습니다 (시나리오 추정치는 최대 {estimate}개). --max-events를 늘리거나(최대 {cap}) 빼세요. 그렇지 않으면 duration_ms를 줄이거나 인스턴스를 줄이세요"
                ),
            })
        }
        (e, _) => sim_failure(e, lang),
    }
}

fn run_with_progress(
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

/// Simulated events per second of a release build on one core of the development
/// machine (`docs/performance.md`); the basis of `validate`'s time estimate, which is
/// an upper bound twice over: of the events (the library's runs make 2.4 to 220 times
/// fewer, most of them 4 to 12 times; 2026-12-06) and of the time (this rate is the
/// slow end of what workloads reach).
const EVENTS_PER_SECOND: f64 = 11.0e6;

/// "estimated 1234567 events at most, about 0.1 s ...": the cost of running a scenario,
/// before it runs, in `lang`.
fn cost_estimate(scenario: &Scenario, lang: Lang) -> String {
    events_estimate(scenario.estimated_events(), lang)
}

/// "estimated 1234567 events at most, about 0.1 s ...": the cost of `events` events, in
/// `lang` (a scenario's, or an assignment's steps' together).
fn events_estimate(events: u64, lang: Lang) -> String {
    let seconds = events as f64 / EVENTS_PER_SECOND;
    match lang {
        Lang::En => {
            let time = if seconds < 0.1 {
                "under 0.1 s".to_string()
            } else if seconds < 100.0 {
                format!("at most about {seconds:.1} s")
            } else {
                format!("at most about {:.0} min", seconds / 60.0)
            };
            format!("estimated {events} events at most, {time} at 11 million events/s on one core")
        }
        Lang::Ko => {
            let time = if seconds < 0.1 {
                "0.1초 미만".to_string()
            } else if seconds < 100.0 {
                format!("길어야 약 {seconds:.1}초")
            } else {
                format!("길어야 약 {:.0}분", seconds / 60.0)
            };
            format!("이벤트 최대 약 {events}개 예상, 한 코어에서 초당 1,100만 이벤트로 {time}")
        }
    }
}
