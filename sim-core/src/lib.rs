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
//! A figure by platform and operation, or by a question's metric (README's example; the
//! README reads the file from the repository root, a test from its crate's directory):
//!
//! ```
//! use sim_core::{Metric, Op, Scenario};
//!
//! let text = include_str!("../../scenarios/type1-vs-type2.toml");
//! let scenario = Scenario::from_toml("type1-vs-type2.toml", text)?;
//! let result = scenario.run()?;
//! let (t1, t2) = (result.platform("type1").unwrap(), result.platform("type2").unwrap());
//! let p99 = |p: &sim_core::PlatformResult| p.latency_of(Op::NetReceive).map(|l| l.p99_us);
//! assert!(p99(t1).unwrap() < p99(t2).unwrap()); // type 1 wins on I/O
//! let share = t1.metric(Metric::HypervisorPercent, None);
//! assert_eq!(share, Some(t1.cpu.hypervisor));
//!
//! // The scenario's questions, answered by the run: a choice question's answer is a
//! // platform's name; `check` marks a student's answer as a grader would.
//! let q = result.question("lowest-disk-p99").unwrap();
//! assert!(q.check(&q.answer) && q.check(&q.answer.to_uppercase()));
//! assert!(!q.check("type2"));
//! // A numeric question's answer is its value, with the tolerance it accepts.
//! let share = result.question("type2-host-share").unwrap();
//! let value = share.value.unwrap();
//! assert!(share.check(&format!("{value:.1}")) && !share.check(&format!("{}", value * 2.0)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Architecture Invariant: this crate does no I/O, reads no clock, starts no thread and
//! knows nothing of browsers or terminals.

pub mod assignment;
pub mod binary_form;
pub mod boot;
pub mod costs;
pub mod desktop;
pub mod diff;
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
pub use platform::{IoModel, PlatformKind, SchedulerKind, Technique};
pub use question::{Metric, QuestionAnswer, QuestionKind};
pub use results::{PlatformResult, RunResult, SwapPath};
pub use runner::{JobOutcome, JobRun, Progress, RunOptions, Runner, SimError};
pub use scenario::{Adjustments, Scenario, ScenarioError};
pub use table::ComparisonTable;
pub use text::{Lang, Text};
pub use workload::{Op, Workload};
