//! The scenario library built into the page: every `scenarios/*.toml` (see build.rs).

#[cfg(any())]
include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
pub use crate::mock_core::MOCK_SCENARIOS as BUILTIN;
