//! sim-core: a deterministic, cycle-level simulator of virtualization platforms.
//!
//! Read a scenario with [`Scenario::from_toml`], run it with [`Scenario::run`] (or step by
//! step with a [`Runner`]) and inspect the [`RunResult`]. The same scenario and seed give
//! bit-identical results on every platform, natively and in WebAssembly.
//!
//! ```
//! let text = r#"
//! [scenario]
//! name = "syscalls under binary translation"
//! duration_ms = 20
//!
//! [[platform]]
//! name = "bt"
//! kind = "type1"
//! technique = "binary_translation"
//!
//! [[instance]]
//! name = "vm"
//! workload = "syscall-heavy"
//! "#;
//! let scenario = sim_core::Scenario::from_toml("example.toml", text).unwrap();
//! let result = scenario.run().unwrap();
//! // Every translated system call costs cycles a native one does not.
//! assert!(result.platforms[0].relative_performance_percent < 100.0);
//! ```
//!
//! Every text a student reads in a scenario (`title`, `description`, a platform's `label`,
//! a question's `text` and `explanation`) is written in both languages,
//! `{ en = "...", ko = "..." }`; a plain string is an error that says so. A question is
//! answered by every run (README's "From Rust tests" shows this scenario):
//!
//! ```
//! let text = r#"
//! [scenario]
//! name = "lab"
//! duration_ms = 20
//!
//! [[platform]]
//! name = "emulated"
//! kind = "type1"
//! technique = "hardware_assist"
//! io = "emulated"
//!
//! [[platform]]
//! name = "virtio"
//! kind = "type1"
//! technique = "hardware_assist"
//! io = "paravirtual"
//!
//! [[instance]]
//! name = "db"
//! workload = "disk-random-4k"
//!
//! [[question]]
//! id = "faster-disk"
//! kind = "choice"
//! text = { en = "Which disk has the lower p99 read latency?", ko = "p99 읽기 지연 시간이 더 낮은 디스크는 어느 것인가요?" }
//! metric = "p99_latency_us"
//! op = "disk_read"
//! select = "lowest"
//! "#;
//! let result = sim_core::Scenario::from_toml("lab.toml", text)?.run()?;
//! assert_eq!(result.question_named("faster-disk")?.answer, "virtio");
//! // A text in one language only is an error that says what to write.
//! let one = text.replace("{ en = \"Which disk has the lower p99 read latency?\", ko = \"p99 읽기 지연 시간이 더 낮은 디스크는 어느 것인가요?\" }", "\"Which disk?\"");
//! let e = sim_core::Scenario::from_toml("lab.toml", &one).unwrap_err();
//! assert!(e.to_string().contains("expected a text in both languages: { en = \"...\", ko = \"...\" }"), "{e}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A figure by platform and operation, or by a question's metric (README's example, which
//! takes the text from `virtsim_library::scenario`; here the file is read from the
//! repository, relative to this crate's directory):
//!
//! ```
//! use sim_core::{Metric, Op, Scenario};
//!
//! let text = include_str!("../../scenarios/type1-vs-type2.toml");
//! let scenario = Scenario::from_toml("type1-vs-type2.toml", text)?;
//! let result = scenario.run()?;
//! let (t1, t2) = (result.platform_named("type1")?, result.platform_named("type2")?); // a typo: an error naming the platforms
//! let p99 = |p: &sim_core::PlatformResult| p.latency_of(Op::NetReceive).map(|l| l.p99_us);
//! assert!(p99(t1).unwrap() < p99(t2).unwrap()); // type 1 wins on I/O
//! let share = t1.metric(Metric::HypervisorPercent, None);
//! assert_eq!(share, Some(t1.cpu.hypervisor));
//! // One [[instance]] group's ops/s: a platform's `throughput` adds up every group's.
//! let disk = |p: &sim_core::PlatformResult| p.group_named("disk-vm").map(|g| g.throughput);
//! assert!(disk(t1)? > disk(t2)?);
//! assert!(disk(t1)? < t1.throughput); // the net VM's requests are in the platform's
//!
//! // The scenario's questions, answered by the run: a choice question's answer is a
//! // platform's name; `check` marks a student's answer as a grader would.
//! let q = result.question_named("lowest-disk-p99")?;
//! assert!(q.check(&q.answer) && q.check(&q.answer.to_uppercase()));
//! assert!(!q.check("type2"));
//! // A numeric question's answer is its value, with the tolerance it accepts.
//! let share = result.question_named("type2-host-share")?;
//! let value = share.value.unwrap();
//! assert!(share.check(&format!("{value:.1}")) && !share.check(&format!("{}", value * 2.0)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # For test authors
//!
//! The entry points for running scenarios headless from Rust tests (README's "Headless
//! use" has examples; the `virtsim-library` crate gives the library's scenarios and
//! assignments by name):
//!
//! - [`Scenario`]: [`Scenario::from_toml`] (or [`Scenario::from_bytes`]; every error at
//!   once with [`Scenario::from_toml_all`]), then [`Scenario::run`], or
//!   [`Scenario::run_with`] and [`RunOptions`]; [`Scenario::set_seed`]. An error is a
//!   [`ScenarioError`] (`file:line:column: message`; its public field `code`, `err.code`
//!   and not a method, is stable; in Korean with
//!   [`ScenarioError::to_string_in`]; every code a constant of [`error_codes`], so that a
//!   misspelt one does not compile) or a [`SimError`] (which a `ScenarioError`, and
//!   `virtsim_library`'s `LoadError`, convert into with `?`).
//! - [`Adjustments`] and [`Scenario::adjusted`]: the page's slider settings (and the
//!   host's memory, [`Adjustments::host_memory_mib`], room for more instances);
//!   [`Scenario::with_cost`]: one cost of the `[costs]` table, checked as the file's
//!   (`virtsim run --cost NAME=VALUE`). Both give a copy that keeps the `[scenario]`
//!   fields as they are (the seed, [`Scenario::set_seed`] or written by hand,
//!   `duration_ms` and `trace`, checked again) and the costs set by `with_cost`, and
//!   starts the others again from the file's own values: a field set by hand before them
//!   (`s.host.cores`, an instance's `count`) is dropped. Call them first, then set such
//!   fields.
//! - [`RunResult`]: [`RunResult::platform_named`] ([`PlatformResult`]: its `metric`,
//!   `latency_of` an [`Op`], [`PlatformResult::group_named`] one `[[instance]]` group's
//!   figures, a [`results::GroupResult`]: a workload's own throughput, where the
//!   platform's adds up every group's), [`RunResult::question_named`]
//!   ([`QuestionAnswer::check`] grades an answer), whose error for a misspelt name lists
//!   the names there are (the `Option`s of [`RunResult::platform`],
//!   [`PlatformResult::group`] and [`RunResult::question`] say only `None`);
//!   [`RunResult::first_difference`] and [`assert_same_results!`] compare two results
//!   field by field (and say when every difference is a float's last digit, as in JSON
//!   read back without serde_json's `float_roundtrip`); [`export_csv::to_csv`] is
//!   `virtsim run --format csv`.
//! - [`Runner`] ([`Scenario::runner`]): a run advanced in slices (at least one event a
//!   call: [`Runner::advance`]`(0)` processes one), or its independent jobs
//!   ([`Runner::take_jobs`]) run on threads of your own.
//! - [`assignment::Assignment`] (from a file with [`assignment::Assignment::from_toml`]),
//!   a student's scenarios ([`assignment::Assignment::step_scenario`]), answer keys, and a
//!   handed-in [`assignment::AnswersFile`] graded with
//!   [`assignment::Assignment::grade_file`] as `virtsim grade` does.
//! - [`Lang`] and [`Text`]: every message in English and Korean.
//!
//! ```
//! use sim_core::{assert_same_results, Adjustments, RunOptions, Scenario};
//!
//! let text = include_str!("../../scenarios/smoke.toml");
//! let scenario = Scenario::from_toml("smoke.toml", text)?;
//! let two = Adjustments { instance_count: Some(2), ..Adjustments::default() };
//! let adjusted = scenario.adjusted(&two)?;
//! let mut runner = adjusted.runner(RunOptions::default())?; // in slices, as the CLI does
//! while !runner.is_finished() {
//!     let progress = runner.advance(1_000_000)?;
//!     assert!(progress.fraction() <= 1.0);
//! }
//! assert_same_results!(runner.finish()?, adjusted.run()?); // deterministic
//!
//! // A function that reads and runs returns one error type: `?` converts a ScenarioError.
//! fn ops_per_second(text: &str) -> Result<f64, sim_core::SimError> {
//!     let result = Scenario::from_toml("lab.toml", text)?.run()?;
//!     Ok(result.platforms[0].throughput)
//! }
//! assert!(ops_per_second(text)? > 0.0);
//! let error = ops_per_second("nonsense").unwrap_err();
//! assert!(matches!(error, sim_core::SimError::Invalid(_)));
//! assert!(error.to_string().starts_with("lab.toml:1:"), "{error}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The other public modules are the model's parts (`machine`, `path`, `platform`,
//! `workload`...), public for the workspace's CLI and web page; the engine's plumbing
//! (`engine`, `rng`, `binary_form`, `machine::Machine` and its specs) is hidden from these
//! docs and may change without notice.
//!
//! Architecture Invariant: this crate does no I/O, reads no clock, starts no thread and
//! knows nothing of browsers or terminals.

pub mod assignment;
// The page's worker messages and job keys in a compact binary form: workspace plumbing.
#[doc(hidden)]
pub mod binary_form;
pub mod boot;
pub mod costs;
pub mod desktop;
pub mod diff;
pub mod error_codes;
// The discrete-event engine's queue and cycle type: workspace plumbing.
#[doc(hidden)]
pub mod engine;
pub mod explain;
pub mod export_csv;
pub mod hardware;
pub mod instance;
pub mod isolation;
pub mod job_key;
pub mod lifecycle;
pub mod machine;
pub mod memory;
pub mod metrics;
pub mod names;
pub mod path;
pub mod platform;
pub mod question;
pub mod results;
// The simulator's seeded random streams: workspace plumbing.
#[doc(hidden)]
pub mod rng;
pub mod scenario;
pub mod sweep;
pub mod table;
pub mod text;
pub mod workload;

mod runner;
mod toml_reader;

pub use assignment::Assignment;
pub use costs::CostTable;
pub use diff::Difference;
pub use hardware::{CpuGeneration, CpuVendor};
pub use job_key::JobKey;
pub use metrics::LatencySummary;
pub use path::{Category, ExitReason, Layer, OpPath, Step};
pub use platform::{HostedDesign, IoModel, PlatformKind, SchedulerKind, Technique};
pub use question::{Metric, QuestionAnswer, QuestionKind};
pub use results::{NetworkResult, PlatformResult, RunResult, SwapPath, UnknownName};
pub use runner::{JobOutcome, JobRun, Progress, RunOptions, Runner, SimError};
pub use scenario::{Adjustments, Scenario, ScenarioError};
pub use table::ComparisonTable;
pub use text::{Lang, Text};
pub use workload::{Op, Workload};
