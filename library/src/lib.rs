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
//! // `platform_named`: a misspelt name is an error listing the run's platforms
//! let p99 = |name: &str| result.platform_named(name).map(|p| p.latency_of(Op::NetReceive).expect("ran").p99_us);
//! assert!(p99("type1")? < p99("type2")?); // type 1 wins on I/O
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
use sim_core::text::particles;
use sim_core::{Lang, Scenario, ScenarioError, Text};

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

/// The text of library scenario `name` (`type1-vs-type2.toml`, or without `.toml`), to
/// read with `Scenario::from_toml` (README's first Rust example, which works from any
/// directory, as `cargo test` runs in the test's own crate's):
///
/// ```
/// use sim_core::{Metric, Op, Scenario};
///
/// let text = virtsim_library::scenario("type1-vs-type2.toml").unwrap(); // or your file's text
/// let scenario = Scenario::from_toml("type1-vs-type2.toml", text)?;    // errors: file:line:column
/// let result = scenario.run()?;                                       // the same numbers as the CLI
/// let (t1, t2) = (result.platform_named("type1")?, result.platform_named("type2")?); // a typo: an error naming the platforms
/// let p99 = |p: &sim_core::PlatformResult| p.latency_of(Op::NetReceive).map(|l| l.p99_us);
/// assert!(p99(t1).unwrap() < p99(t2).unwrap());                        // type 1 wins on I/O
/// let share = t1.metric(Metric::HypervisorPercent, None);              // any question's metric
/// assert_eq!(share, Some(t1.cpu.hypervisor));
/// let disk = |p: &sim_core::PlatformResult| p.group_named("disk-vm").map(|g| g.throughput);
/// assert!(disk(t1)? > disk(t2)?); // one [[instance]] group's ops/s (`t1.throughput` adds the net VM's)
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
    let (file, text) =
        find(SCENARIOS, name).ok_or_else(|| unknown("scenario", name, SCENARIOS, ASSIGNMENTS))?;
    Ok(Scenario::from_toml(file, text)?)
}

/// Library assignment `name` read and validated, its steps' scenarios resolved in this
/// library ([`Library`]).
pub fn load_assignment(name: &str) -> Result<Assignment, LoadError> {
    let (file, text) = find(ASSIGNMENTS, name)
        .ok_or_else(|| unknown("assignment", name, ASSIGNMENTS, SCENARIOS))?;
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

/// Why [`load`] or [`load_assignment`] gave no scenario or assignment. `Display` is the
/// English message; [`LoadError::message_in`] gives it in Korean too.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoadError {
    /// The library has no file of that name.
    #[error("the library has no {kind} `{name}`; {}", hint.en)]
    Unknown {
        /// "scenario" or "assignment".
        kind: &'static str,
        /// The name asked for.
        name: String,
        /// What to write instead, in English and Korean: the name without its directory,
        /// the other function when it names the other kind of file (an assignment given
        /// to [`load`], a scenario to [`load_assignment`]), a did-you-mean, or the
        /// library's file names.
        hint: Text,
    },
    /// The file did not validate (a library file always does: the repository's tests read
    /// each one).
    #[error(transparent)]
    Invalid(#[from] ScenarioError),
}

/// `?` on [`load`] or [`load_assignment`] in a function that returns sim-core's
/// `Result<_, SimError>` (as [`Scenario::run`] does): [`LoadError::Invalid`] is
/// `SimError::Invalid` with the same error, [`LoadError::Unknown`] a `SimError::Invalid`
/// with code `unknown_name`, the name as its file and the same message in both languages
/// ([`ScenarioError::unknown_file`]).
///
/// ```
/// use sim_core::SimError;
///
/// fn p99_us(name: &str) -> Result<Option<f64>, SimError> {
///     let result = virtsim_library::load(name)?.run()?;
///     Ok(result.platforms[0].latency_of(sim_core::Op::DiskRead).map(|l| l.p99_us))
/// }
/// assert!(p99_us("type1-vs-type2")?.is_some());
/// let Err(SimError::Invalid(e)) = p99_us("type1-vs-type3") else { panic!() };
/// assert_eq!((e.code, e.file.as_str()), ("unknown_name", "type1-vs-type3"));
/// assert!(e.to_string().ends_with("did you mean `type1-vs-type2.toml`?"), "{e}");
/// # Ok::<(), SimError>(())
/// ```
impl From<LoadError> for sim_core::SimError {
    fn from(e: LoadError) -> sim_core::SimError {
        match e {
            LoadError::Invalid(e) => sim_core::SimError::Invalid(e),
            LoadError::Unknown { ref name, .. } => {
                let message = Text::new(e.to_string(), e.message_in(Lang::Ko));
                sim_core::SimError::Invalid(ScenarioError::unknown_file(name, message))
            }
        }
    }
}

impl LoadError {
    /// The message in `lang` (English is the `Display` text).
    pub fn message_in(&self, lang: Lang) -> String {
        match (self, lang) {
            (LoadError::Invalid(e), lang) => e.to_string_in(lang),
            (LoadError::Unknown { .. }, Lang::En) => self.to_string(),
            (LoadError::Unknown { kind, name, hint }, Lang::Ko) => {
                let kind = if *kind == "assignment" {
                    "과제"
                } else {
                    "시나리오"
                };
                particles(&format!(
                    "라이브러리에 {kind} `{name}`이(가) 없습니다. {}",
                    hint.ko
                ))
            }
        }
    }
}

/// The error for `name`, which `table` (of `kind`) lacks: the name without its directory
/// when that is in `table`, the other function when `other` (the other kind's table) has
/// it, else the closest file name, else every one.
fn unknown(
    kind: &'static str,
    name: &str,
    table: &'static [(&'static str, &'static str)],
    other: &'static [(&'static str, &'static str)],
) -> LoadError {
    let mut hint = hint(kind, name, table, other);
    hint.ko = particles(&hint.ko);
    LoadError::Unknown {
        kind,
        name: name.to_string(),
        hint,
    }
}

/// [`LoadError::Unknown`]'s hint (see [`unknown`]).
fn hint(
    kind: &'static str,
    name: &str,
    table: &'static [(&'static str, &'static str)],
    other: &'static [(&'static str, &'static str)],
) -> Text {
    let function = if kind == "assignment" {
        "load_assignment"
    } else {
        "load"
    };
    // `scenarios/type1-vs-type2.toml`: a path, where a name is a file name. The file of
    // that path is not read (it may be a copy of one's own): the library's is named.
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    if file != name {
        if let Some((found, _)) = find(table, file) {
            return Text::new(
                format!("names are file names: drop the directory, `{function}(\"{found}\")` (a file of your own is read with `std::fs::read_to_string` and `Scenario::from_toml`)"),
                format!("이름은 파일 이름입니다: 디렉터리를 빼고 `{function}(\"{found}\")`로 쓰세요 (직접 만든 파일은 `std::fs::read_to_string`과 `Scenario::from_toml`로 읽습니다)"),
            );
        }
    }
    if let Some((found, _)) = find(other, file) {
        return if kind == "assignment" {
            Text::new(
                format!("`{found}` is a scenario: load it with `virtsim_library::load`"),
                format!("`{found}`은(는) 시나리오입니다: `virtsim_library::load`로 읽으세요"),
            )
        } else {
            Text::new(
                format!(
                    "`{found}` is an assignment: load it with `virtsim_library::load_assignment`"
                ),
                format!(
                    "`{found}`은(는) 과제입니다: `virtsim_library::load_assignment`로 읽으세요"
                ),
            )
        };
    }
    let stems: Vec<&str> = table
        .iter()
        .map(|(file, _)| file.strip_suffix(".toml").unwrap_or(file))
        .collect();
    let given = file.strip_suffix(".toml").unwrap_or(file);
    let directory = if file != name {
        Text::new(
            " (names are file names, without a directory)",
            " (이름은 디렉터리 없는 파일 이름입니다)",
        )
    } else {
        Text::default()
    };
    match sim_core::scenario::guess(given, &stems) {
        Some(stem) => Text::new(
            format!("did you mean `{stem}.toml`?{}", directory.en),
            format!("혹시 `{stem}.toml`인가요?{}", directory.ko),
        ),
        None => {
            let files: Vec<&str> = table.iter().map(|(file, _)| *file).collect();
            Text::new(
                format!("it has {}{}", files.join(", "), directory.en),
                format!("있는 것: {}{}", files.join(", "), directory.ko),
            )
        }
    }
}

#[cfg(test)]
mod tests;
