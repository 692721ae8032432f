//! `virtsim run` over many scenario files: every job of every scenario (a platform, a
//! native baseline, a sweep point) runs on a pool of `--jobs` threads, and each
//! scenario's results are printed in the order the files were given, exactly as a run
//! of that file alone would print them.
//!
//! sim-core stays single-threaded: the threads here only advance independent
//! [`sim_core::JobRun`]s, so the results do not depend on how they were scheduled.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Mutex};

use sim_core::{JobRun, RunOptions, RunResult, Runner, Scenario};

use crate::{Failure, Lang};

/// Assignment files found in a directory, for [`expand`]: kept (`validate` checks both
/// kinds) or left out with a note on stderr (`run` runs scenarios only).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Assignments {
    Keep,
    Skip,
}

/// The scenario files named on the command line: files as given, a directory's `*.toml`
/// files (not its subdirectories) in name order. A `*.toml` link is followed (a link to a
/// file is read as that file); one that leads nowhere (broken, or looping) is listed too,
/// so that reading it names it and says why, rather than the directory seeming to have no
/// scenario. A `*.toml` entry that is not a file (a subdirectory, a link to one, a pipe)
/// is left out with a note on stderr saying why. With [`Assignments::Skip`], a directory's
/// assignment files are left out, with a note on stderr that names them and the commands
/// that take an assignment; a file named on the command line is kept whatever it is
/// (reading it as a scenario then says it is an assignment).
pub fn expand(
    paths: &[PathBuf],
    lang: Lang,
    assignments: Assignments,
) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    for path in paths {
        // `-` is standard input, even where a directory of that name exists.
        if path.is_dir() && !crate::files::is_stdin(path) {
            let entries =
                std::fs::read_dir(path).map_err(|e| crate::cannot_read(path, lang, &e))?;
            let mut found: Vec<PathBuf> = Vec::new();
            // `*.toml` entries that are not files: said on stderr, not passed over silently.
            let mut not_files: Vec<(PathBuf, NotAFile)> = Vec::new();
            for p in entries.filter_map(|entry| entry.ok().map(|e| e.path())) {
                if p.extension().is_none_or(|x| x != "toml") {
                    continue;
                }
                // A link is followed: to a file it is that file; one that leads nowhere
                // (its target's metadata unreadable) is kept, for the error reading it.
                match std::fs::metadata(&p) {
                    Ok(m) if m.is_file() => found.push(p),
                    Ok(m) if m.is_dir() => not_files.push((p, NotAFile::Directory)),
                    Ok(_) => not_files.push((p, NotAFile::Special)),
                    Err(_) => found.push(p),
                }
            }
            found.sort();
            not_files.sort();
            note_not_files(path, &not_files, lang);
            if assignments == Assignments::Skip {
                let (skipped, scenarios): (Vec<PathBuf>, Vec<PathBuf>) = found
                    .into_iter()
                    .partition(|p| crate::coursework::file_is_assignment(p));
                found = scenarios;
                note_skipped_assignments(&skipped, lang);
            }
            if found.is_empty() {
                return Err(Failure::Other(match lang {
                    Lang::En => anyhow::anyhow!(
                        "{}: no .toml scenario files in this directory",
                        crate::shown(path)
                    ),
                    Lang::Ko => anyhow::anyhow!(
                        "{}: 이 디렉터리에 .toml 시나리오 파일이 없습니다",
                        crate::shown(path)
                    ),
                }));
            }
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// What a directory's `*.toml` entry that [`expand`] leaves out is.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum NotAFile {
    /// A subdirectory, or a link to one (`sub.toml`, `up.toml -> ..`): not searched.
    Directory,
    /// A pipe, socket or device: reading one may wait forever for a writer.
    Special,
}

/// The note on stderr for the `*.toml` entries of `dir` that are not files, each with why.
fn note_not_files(dir: &Path, skipped: &[(PathBuf, NotAFile)], lang: Lang) {
    let dir = crate::shown(dir);
    for (path, what) in skipped {
        let name = crate::shown(path);
        match (lang, what) {
            (Lang::En, NotAFile::Directory) => crate::errln!(
                "note: skipped {name}: a directory (only the *.toml files directly in {dir} are read, not its subdirectories: give it by name to read its files)"
            ),
            (Lang::En, NotAFile::Special) => crate::errln!(
                "note: skipped {name}: not a regular file (a pipe, socket or device; give it by name to read it)"
            ),
            (Lang::Ko, NotAFile::Directory) => crate::errln!(
                "{}",
                sim_core::text::particles(&format!(
                    "참고: {name}은(는) 디렉터리라 건너뛰었습니다({dir} 바로 안의 *.toml 파일만 읽고 하위 디렉터리는 읽지 않습니다. 그 안의 파일을 읽으려면 이름으로 주세요)"
                ))
            ),
            (Lang::Ko, NotAFile::Special) => crate::errln!(
                "{}",
                sim_core::text::particles(&format!(
                    "참고: {name}은(는) 일반 파일이 아니라 건너뛰었습니다(파이프, 소켓 또는 장치입니다. 읽으려면 이름으로 주세요)"
                ))
            ),
        }
    }
}

/// The note on stderr for the assignment files `run` left out of a directory, with the
/// commands that take an assignment.
fn note_skipped_assignments(skipped: &[PathBuf], lang: Lang) {
    if skipped.is_empty() {
        return;
    }
    let names: Vec<String> = skipped.iter().map(|p| crate::shown(p)).collect();
    let names = names.join(", ");
    let what = if skipped.len() == 1 {
        "an assignment file, not a scenario"
    } else {
        "assignment files, not scenarios"
    };
    match lang {
        Lang::En => crate::errln!(
            "note: skipped {names}: {what} (`run` runs scenarios). For an assignment: `virtsim validate FILE` checks it, `virtsim answers FILE [--student ID]` runs its steps and prints their answers, `virtsim grade FILE ANSWERS...` grades students' answers"
        ),
        Lang::Ko => crate::errln!(
            "참고: {names}: 시나리오가 아니라 과제 파일이라 건너뛰었습니다(`run`은 시나리오를 실행합니다). 과제는 `virtsim validate FILE`로 검사하고, `virtsim answers FILE [--student ID]`로 단계를 실행해 답을 보고, `virtsim grade FILE ANSWERS...`로 학생의 답을 채점합니다"
        ),
    }
}

/// What to do with each scenario before and after its run.
pub struct Batch<'a> {
    pub options: &'a dyn Fn(&Scenario) -> RunOptions,
    pub load: &'a dyn Fn(&Path) -> Result<Scenario, Failure>,
    /// Prints one scenario's results (called in file order), given the scenario (where
    /// each of its questions is written, for warnings about them; what the report reads
    /// from it, such as a type 2's hosted design).
    pub print: &'a dyn Fn(&RunResult, &Scenario) -> Result<(), Failure>,
    pub lang: Lang,
    pub jobs: usize,
    /// `--max-events`, when given: a run it stops says so ([`crate::run_failure`]).
    pub max_events: Option<u64>,
}

/// A scenario's state in the batch, on the printing thread.
enum Entry {
    Failed(Failure),
    /// Running: its runner, how many of its jobs are still out, and the scenario.
    Running(Box<Runner>, usize, Box<Scenario>),
    Printed,
}

/// What the worker threads share about one scenario.
struct Budget {
    /// The run's cap on events (over all of its jobs).
    cap: u64,
    events: AtomicU64,
    over_cap: AtomicBool,
}

/// Runs every file and prints each one's results in order; the exit code is the worst
/// (1 beats 2 beats 0), as with `validate`.
pub fn run(files: &[PathBuf], batch: &Batch) -> Result<(), Failure> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut budgets: Vec<Budget> = Vec::new();
    // A run's failure names its file (a validation error already starts with it).
    let named = |index: usize, failure: Failure| match failure {
        Failure::Other(e) => Failure::Other(e.context(crate::shown(&files[index]))),
        other => other,
    };
    let mut work: Vec<(usize, JobRun)> = Vec::new();
    for file in files {
        let index = entries.len();
        let mut cap = 0;
        let entry = match (batch.load)(file) {
            Ok(scenario) => match scenario.runner((batch.options)(&scenario)) {
                Ok(mut runner) => {
                    let jobs = runner.take_jobs();
                    cap = runner.max_events();
                    let left = jobs.len();
                    work.extend(jobs.into_iter().map(|j| (index, j)));
                    Entry::Running(Box::new(runner), left, Box::new(scenario))
                }
                Err(e) => Entry::Failed(named(
                    index,
                    crate::run_failure(e, batch.lang, batch.max_events),
                )),
            },
            Err(failure) => Entry::Failed(failure),
        };
        entries.push(entry);
        budgets.push(Budget {
            cap,
            events: AtomicU64::new(0),
            over_cap: AtomicBool::new(false),
        });
    }
    let total = work.len();
    let queue = Mutex::new(work.into_iter());
    let (sender, receiver) = mpsc::channel::<(usize, Option<JobRun>)>();
    let show = std::io::IsTerminal::is_terminal(&std::io::stderr()) && total > 0;
    let mut worst = 0u8;
    let mut printed = 0usize;
    // Advances one job until it is done (`Some`) or its file went over the cap (`None`).
    let run_job = |index: usize, mut job: JobRun| -> Option<JobRun> {
        let budget = &budgets[index];
        loop {
            if budget.over_cap.load(Ordering::Relaxed) {
                return None;
            }
            let before = job.events();
            let done = job.advance(2_000_000);
            let used = job.events() - before;
            if budget.events.fetch_add(used, Ordering::Relaxed) + used > budget.cap {
                budget.over_cap.store(true, Ordering::Relaxed);
                return None;
            }
            if done {
                return Some(job);
            }
        }
    };
    let next_job = || queue.lock().ok().and_then(|mut q| q.next());
    let threads = batch.jobs.clamp(1, total.max(1));
    std::thread::scope(|scope| {
        // One job at a time runs on this thread, with no thread started (WASI has none).
        if threads > 1 {
            for _ in 0..threads {
                let sender = sender.clone();
                // Scoped worker threads in the CLI only: each advances whole, independent jobs.
                #[allow(clippy::disallowed_methods)]
                scope.spawn(move || {
                    while let Some((index, job)) = next_job() {
                        if sender.send((index, run_job(index, job))).is_err() {
                            return;
                        }
                    }
                });
            }
        }
        drop(sender);
        let mut print_ready = |entries: &mut Vec<Entry>| {
            while printed < entries.len() {
                match std::mem::replace(&mut entries[printed], Entry::Printed) {
                    Entry::Failed(failure) => {
                        clear_progress(show);
                        worst = worse(worst, crate::report(failure));
                    }
                    Entry::Running(runner, 0, scenario) => {
                        clear_progress(show);
                        let outcome = if budgets[printed].over_cap.load(Ordering::Relaxed) {
                            Err(crate::run_failure(
                                runner.limit_error(),
                                batch.lang,
                                batch.max_events,
                            ))
                        } else {
                            runner
                                .finish()
                                .map_err(|e| crate::run_failure(e, batch.lang, batch.max_events))
                        }
                        .map_err(|f| named(printed, f));
                        if let Err(failure) =
                            outcome.and_then(|result| (batch.print)(&result, &scenario))
                        {
                            worst = worse(worst, crate::report(failure));
                        }
                    }
                    running => {
                        entries[printed] = running;
                        return;
                    }
                }
                printed += 1;
            }
        };
        print_ready(&mut entries);
        let mut returned = 0usize;
        let mut receive = |index: usize, job: Option<JobRun>| {
            returned += 1;
            if let Entry::Running(runner, left, _) = &mut entries[index] {
                *left -= 1;
                if let Some(job) = job {
                    // A job over the cap was dropped; the file reports the cap below.
                    if runner.complete(job).is_err() {
                        budgets[index].over_cap.store(true, Ordering::Relaxed);
                    }
                }
            }
            if show {
                crate::err!("\rrunning: {returned}/{total} jobs");
            }
            print_ready(&mut entries);
        };
        if threads == 1 {
            while let Some((index, job)) = next_job() {
                receive(index, run_job(index, job));
            }
        } else {
            for (index, job) in receiver {
                receive(index, job);
            }
        }
    });
    clear_progress(show);
    if worst == 0 {
        Ok(())
    } else {
        Err(Failure::Reported(worst))
    }
}

fn clear_progress(show: bool) {
    if show {
        crate::err!("\r\x1b[K");
    }
}

fn worse(a: u8, b: u8) -> u8 {
    match (a, b) {
        (1, _) | (_, 1) => 1,
        (a, b) => a.max(b),
    }
}
