//! virtsim-library: the scenario library (`scenarios/*.toml`) and its assignments
//! (`scenarios/assignments/*.toml`) built into the crate, by file name.
//!
//! Tests that depend on sim-core get a library scenario by name, from any directory, rather
//! than by a path into a checkout of the repository. Names are file names
//! (`type1-vs-type2.toml`, as an assignment's `scenario = "..."` writes them); the `.toml`
//! may be left out. The texts are the repository's files at build time (`build.rs`), so
//! a test gets the same numbers as `virtsim run scenarios/NAME.toml`.
//!
//! ```
//! use sim_core::{assert_same_results, Op};
//!
//! let result = virtsim_library::load("type1-vs-type2.toml")?.run()?;
//! let p99 = |name: &str| result.platform(name)?.latency_of(Op::NetReceive).map(|l| l.p99_us);
//! assert!(p99("type1") < p99("type2")); // type 1 wins on I/O
//!
//! let again = virtsim_library::load("type1-vs-type2")?.run()?; // ".toml" may be left out
//! assert_same_results!(result, again); // on failure: the first differing field, not a dump
//!
//! let text = virtsim_library::scenario("smoke.toml").unwrap(); // the text, to edit
//! assert!(text.contains("[scenario]"));
//! assert!(virtsim_library::scenarios().any(|(name, _)| name == "smoke.toml")); // all of them
//! let assignment = virtsim_library::load_assignment("hypervisor-types")?; // steps resolved here
//! assert!(assignment.max_points() > 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The crate is separate from sim-core, which stays free of I/O and of the library's
//! texts (about 300 KB); the web page does not depend on it (it fetches a library text
//! when one is chosen). It reads `scenarios/` beside its own directory when built, so it
//! is used by path or git, not published.

use sim_core::assignment::Assignment;
use sim_core::{Scenario, ScenarioError};

include!(concat!(env!("OUT_DIR"), "/library.rs"));

/// The entry of `table` named `name`: its file name, or that name without `.toml`.
fn find(
    table: &'static [(&'static str, &'static str)],
    name: &str,
) -> Option<(&'static str, &'static str)> {
    table
        .iter()
        .find(|(file, _)| *file == name || file.strip_suffix(".toml") == Some(name))
        .copied()
}

/// The text of library scenario `name` (`type1-vs-type2.toml`, or without `.toml`).
pub fn scenario(name: &str) -> Option<&'static str> {
    find(SCENARIOS, name).map(|(_, text)| text)
}

/// Every library scenario as (file name, text), sorted by file name.
pub fn scenarios() -> impl ExactSizeIterator<Item = (&'static str, &'static str)> + Clone {
    SCENARIOS.iter().copied()
}

/// The text of library assignment `name` (`hypervisor-types.toml`, or without `.toml`).
pub fn assignment(name: &str) -> Option<&'static str> {
    find(ASSIGNMENTS, name).map(|(_, text)| text)
}

/// Every library assignment as (file name, text), sorted by file name.
pub fn assignments() -> impl ExactSizeIterator<Item = (&'static str, &'static str)> + Clone {
    ASSIGNMENTS.iter().copied()
}

/// Library scenario `name` read and validated, as `Scenario::from_toml` under its file name.
pub fn load(name: &str) -> Result<Scenario, LoadError> {
    let (file, text) = find(SCENARIOS, name).ok_or_else(|| unknown("scenario", name, SCENARIOS))?;
    Ok(Scenario::from_toml(file, text)?)
}

/// Library assignment `name` read and validated, its steps' scenarios resolved in this
/// library ([`Library`]).
pub fn load_assignment(name: &str) -> Result<Assignment, LoadError> {
    let (file, text) =
        find(ASSIGNMENTS, name).ok_or_else(|| unknown("assignment", name, ASSIGNMENTS))?;
    Ok(Assignment::from_toml(file, text, &Library)?)
}

/// This library as an assignment resolves a step's `scenario = "name.toml"`: by exact file
/// name, as the CLI and the page do, with its names listed when a step names another.
///
/// ```
/// use sim_core::assignment::Assignment;
///
/// let text = "..."; // an assignment of your own whose steps name library scenarios
/// # let text = virtsim_library::assignment("hypervisor-types.toml").unwrap();
/// let assignment = Assignment::from_toml("week3.toml", text, &virtsim_library::Library)?;
/// # Ok::<(), sim_core::ScenarioError>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Library;

impl sim_core::assignment::Library for Library {
    fn scenario(&self, name: &str) -> Option<String> {
        SCENARIOS
            .iter()
            .find(|(file, _)| *file == name)
            .map(|(_, text)| text.to_string())
    }

    fn names(&self) -> Vec<String> {
        SCENARIOS.iter().map(|(file, _)| file.to_string()).collect()
    }
}

/// Why [`load`] or [`load_assignment`] gave no scenario or assignment.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoadError {
    /// The library has no file of that name.
    #[error("the library has no {kind} `{name}`; {hint}")]
    Unknown {
        /// "scenario" or "assignment".
        kind: &'static str,
        /// The name asked for.
        name: String,
        /// A did-you-mean, or the library's file names.
        hint: String,
    },
    /// The file did not validate (a library file always does: the repository's tests read
    /// each one).
    #[error(transparent)]
    Invalid(#[from] ScenarioError),
}

/// The error for `name`, which `table` lacks: the closest file name, else every one.
fn unknown(kind: &'static str, name: &str, table: &[(&'static str, &str)]) -> LoadError {
    let stems: Vec<&str> = table
        .iter()
        .map(|(file, _)| file.strip_suffix(".toml").unwrap_or(file))
        .collect();
    let given = name.strip_suffix(".toml").unwrap_or(name);
    let hint = match sim_core::scenario::guess(given, &stems) {
        Some(stem) => format!("did you mean `{stem}.toml`?"),
        None => {
            let files: Vec<&str> = table.iter().map(|(file, _)| *file).collect();
            format!("it has {}", files.join(", "))
        }
    };
    LoadError::Unknown {
        kind,
        name: name.to_string(),
        hint,
    }
}

#[cfg(test)]
mod tests;
