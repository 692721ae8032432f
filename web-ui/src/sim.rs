//! The simulation core as the UI sees it: sim-core's public API, re-exported under one
//! name (not `core`, which is Rust's own).

pub use sim_core::machine::{Trace, TraceMark, TraceSegment};
pub use sim_core::platform::{NetworkMode, StorageMode};
pub use sim_core::results::{CpuShares, ExitCount, OpLatency};
pub use sim_core::table::{SeedColumn, TableCell, TableColumn, TableRow};
pub use sim_core::workload::PRESET_NAMES;
pub use sim_core::*;
