//! The scenario library built into the page: every `scenarios/*.toml` (see build.rs).

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
