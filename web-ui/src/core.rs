//! The simulation core as the UI sees it (sim-core's public API).

pub use crate::mock_core::*;
