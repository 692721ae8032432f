//! The scenario library and its assignments, built into the binary (see cli/build.rs).

include!(concat!(env!("OUT_DIR"), "/library.rs"));

/// The text of a library scenario by file name.
pub fn scenario(name: &str) -> Option<String> {
    SCENARIOS
        .iter()
        .find(|(file, _)| *file == name)
        .map(|(_, text)| text.to_string())
}
