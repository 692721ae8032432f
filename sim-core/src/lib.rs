//! sim-core: a deterministic, cycle-level simulator of virtualization platforms.
//!
//! Read a scenario with [`Scenario::from_toml`], run it with [`Scenario::run`] (or step by
//! step with a [`Runner`]) and inspect the [`RunResult`]. The same scenario and seed give
//! bit-identical results on every platform, natively and in WebAssembly.
//!
//! Architecture Invariant: this crate does no I/O, reads no clock, starts no thread and
//! knows nothing of browsers or terminals.

pub mod costs;
pub mod engine;
pub mod machine;
pub mod metrics;
pub mod path;
pub mod platform;
pub mod question;
pub mod results;
pub mod rng;
pub mod scenario;
pub mod table;
pub mod text;
pub mod workload;

mod runner;

pub use costs::{CostTable, CpuGeneration};
pub use path::{Category, ExitReason, Layer, OpPath, Step};
pub use platform::{IoModel, PlatformKind, SchedulerKind, Technique};
pub use question::{Metric, QuestionAnswer, QuestionKind};
pub use results::{PlatformResult, RunResult};
pub use runner::{Progress, RunOptions, Runner, SimError};
pub use scenario::{Adjustments, Scenario, ScenarioError};
pub use table::ComparisonTable;
pub use text::Text;
pub use workload::{Op, Workload};
