//! The built-in tables against the repository's files, names with and without `.toml`,
//! every file loading, the unknown-name messages, and README's example being the crate's.

use std::path::{Path, PathBuf};

use super::*;

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `*.toml` files of `dir` as (file name, text), sorted by file name.
fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("library directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).expect("readable"))
        })
        .collect();
    out.sort();
    out
}

fn owned(table: impl Iterator<Item = (&'static str, &'static str)>) -> Vec<(String, String)> {
    table.map(|(n, t)| (n.to_string(), t.to_string())).collect()
}

#[test]
fn the_tables_are_the_repository_files() {
    let dir = repository().join("scenarios");
    assert_eq!(owned(scenarios()), files(&dir));
    assert_eq!(owned(assignments()), files(&dir.join("assignments")));
    assert!(scenarios().len() > 20 && assignments().len() >= 2);
}

#[test]
fn a_name_is_a_file_name_with_or_without_toml() {
    let smoke = std::fs::read_to_string(repository().join("scenarios/smoke.toml")).unwrap();
    assert_eq!(scenario("smoke.toml"), Some(smoke.as_str()));
    assert_eq!(scenario("smoke"), Some(smoke.as_str()));
    assert_eq!(scenario("scenarios/smoke.toml"), None);
    assert_eq!(scenario("smoke.toml.toml"), None);
    assert_eq!(
        scenario("hypervisor-types"),
        None,
        "an assignment is not a scenario"
    );
    assert!(assignment("hypervisor-types").is_some());
    assert_eq!(
        assignment("hypervisor-types"),
        assignment("hypervisor-types.toml")
    );
    assert_eq!(assignment("smoke"), None);
}

#[test]
fn every_library_file_loads() {
    for (name, _) in scenarios() {
        let s = load(name).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.file_name, name);
    }
    for (name, _) in assignments() {
        load_assignment(name).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn an_unknown_name_gets_a_guess_or_the_list() {
    let e = load("type1-vs-type3").unwrap_err();
    assert_eq!(
        e.to_string(),
        "the library has no scenario `type1-vs-type3`; did you mean `type1-vs-type2.toml`?"
    );
    let e = load("scenarios/type1-vs-type2.toml").unwrap_err();
    assert!(
        matches!(
            &e,
            LoadError::Unknown {
                kind: "scenario",
                ..
            }
        ),
        "{e:?}"
    );
    let e = load_assignment("nothing-like-it").unwrap_err().to_string();
    assert!(
        e.starts_with("the library has no assignment `nothing-like-it`; it has "),
        "{e}"
    );
    for (name, _) in assignments() {
        assert!(e.contains(name), "{e}");
    }
}

#[test]
fn an_assignment_resolves_exact_file_names_only() {
    use sim_core::assignment::Library as _;
    assert!(Library.scenario("smoke.toml").is_some());
    assert_eq!(Library.scenario("smoke"), None, "as the CLI and the page");
    let names: Vec<String> = scenarios().map(|(n, _)| n.to_string()).collect();
    assert_eq!(Library.names(), names);
}

/// The lines of the first ```` ``` ```` block of `text`, `//! ` cut and rustdoc's hidden
/// `# ` lines left out.
fn first_block(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            l.trim_start_matches("//!")
                .strip_prefix(' ')
                .unwrap_or(l.trim_start_matches("//!"))
        })
        .skip_while(|l| !l.starts_with("```"))
        .skip(1)
        .take_while(|l| !l.starts_with("```"))
        .filter(|l| !l.starts_with("# "))
        .map(str::to_string)
        .collect()
}

#[test]
fn readme_shows_the_crate_documentation_example() {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let example = first_block(&lib).join("\n");
    assert!(example.contains("virtsim_library::load("), "{example}");
    let readme = std::fs::read_to_string(repository().join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("```rust\n{example}\n```")),
        "README.md's test-author notes should show this crate's example (which runs as a \
         doctest) as written:\n{example}"
    );
}
