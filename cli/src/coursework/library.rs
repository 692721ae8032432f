//! The scenario library and its assignments, built into the binary (see cli/build.rs).

include!(concat!(env!("OUT_DIR"), "/library.rs"));

/// The text of a library scenario by file name.
pub fn scenario(name: &str) -> Option<String> {
    SCENARIOS
        .iter()
        .find(|(file, _)| *file == name)
        .map(|(_, text)| text.to_string())
}

/// The built-in library as an assignment reads it: scenarios by file name, and every file
/// name listed when a step names one it does not have.
pub struct Builtin;

impl sim_core::assignment::Library for Builtin {
    fn scenario(&self, name: &str) -> Option<String> {
        scenario(name)
    }

    fn names(&self) -> Vec<String> {
        SCENARIOS.iter().map(|(file, _)| file.to_string()).collect()
    }
}
