//! The simulation core as the UI sees it: sim-core's public API, re-exported.

pub use sim_core::machine::{Trace, TraceMark, TraceSegment};
pub use sim_core::platform::{NetworkMode, StorageMode};
pub use sim_core::results::{CpuShares, ExitCount, OpLatency};
pub use sim_core::table::{SeedColumn, TableCell, TableColumn, TableRow};
pub use sim_core::workload::PRESET_NAMES;
pub use sim_core::*;
