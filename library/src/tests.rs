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
    assert_eq!(
        e.message_in(Lang::Ko),
        "라이브러리에 시나리오 `type1-vs-type3`이 없습니다. 혹시 `type1-vs-type2.toml`인가요?"
    );
    // A path: the library's names are file names (the file at that path is not read).
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
    assert_eq!(
        e.to_string(),
        "the library has no scenario `scenarios/type1-vs-type2.toml`; names are file names: \
         drop the directory, `load(\"type1-vs-type2.toml\")` (a file of your own is read with \
         `std::fs::read_to_string` and `Scenario::from_toml`)"
    );
    assert!(
        e.message_in(Lang::Ko)
            .contains("디렉터리를 빼고 `load(\"type1-vs-type2.toml\")`로"),
        "{}",
        e.message_in(Lang::Ko)
    );
    let e = load("C:\\virtsim\\scenarios\\smoke")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("drop the directory, `load(\"smoke.toml\")`"),
        "{e}"
    );
    let e = load("scenarios/type1-vs-type3.toml")
        .unwrap_err()
        .to_string();
    assert!(
        e.ends_with(
            "did you mean `type1-vs-type2.toml`? (names are file names, without a directory)"
        ),
        "{e}"
    );
    let e = load_assignment("nothing-like-it").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("the library has no assignment `nothing-like-it`; it has "),
        "{e}"
    );
    assert!(
        e.message_in(Lang::Ko)
            .starts_with("라이브러리에 과제 `nothing-like-it`이(가) 없습니다. 있는 것: "),
        "{}",
        e.message_in(Lang::Ko)
    );
    for (name, _) in assignments() {
        assert!(e.to_string().contains(name), "{e}");
    }
}

#[test]
fn the_other_kinds_name_points_at_the_other_function() {
    let e = load("hypervisor-types").unwrap_err();
    assert_eq!(
        e.to_string(),
        "the library has no scenario `hypervisor-types`; `hypervisor-types.toml` is an \
         assignment: load it with `virtsim_library::load_assignment`"
    );
    assert_eq!(
        e.message_in(Lang::Ko),
        "라이브러리에 시나리오 `hypervisor-types`가 없습니다. `hypervisor-types.toml`은 \
         과제입니다: `virtsim_library::load_assignment`로 읽으세요"
    );
    let e = load_assignment("type1-vs-type2.toml").unwrap_err();
    assert_eq!(
        e.to_string(),
        "the library has no assignment `type1-vs-type2.toml`; `type1-vs-type2.toml` is a \
         scenario: load it with `virtsim_library::load`"
    );
    assert!(e
        .message_in(Lang::Ko)
        .contains("시나리오입니다: `virtsim_library::load`로"));
    // An invalid file's message is the scenario error's, in either language.
    let invalid = LoadError::from(sim_core::Scenario::from_toml("x.toml", "[nope]").unwrap_err());
    assert_eq!(invalid.message_in(Lang::En), invalid.to_string());
    assert_ne!(invalid.message_in(Lang::Ko), invalid.to_string());
}

/// A `Result<_, SimError>` function can `?` a `load` (a reviewer could not): a file that
/// does not validate is its `ScenarioError` as it was, an unknown name one with code
/// `unknown_name`, the name as its file and the same messages in both languages.
#[test]
fn a_load_error_converts_into_a_sim_error() {
    fn load_sim(name: &str) -> Result<Scenario, sim_core::SimError> {
        Ok(load(name)?)
    }
    assert!(load_sim("smoke").is_ok());
    let unknown = load("type1-vs-type3").unwrap_err();
    let Err(sim_core::SimError::Invalid(e)) = load_sim("type1-vs-type3") else {
        panic!("an unknown name is SimError::Invalid");
    };
    assert_eq!(e.code, sim_core::error_codes::UNKNOWN_NAME);
    assert_eq!(
        (e.file.as_str(), e.line, e.column),
        ("type1-vs-type3", 0, 0)
    );
    assert_eq!(e.message_in(Lang::En), unknown.message_in(Lang::En));
    assert_eq!(e.message_in(Lang::Ko), unknown.message_in(Lang::Ko));
    assert_eq!(e.to_string(), format!("type1-vs-type3: {unknown}"));
    let invalid = ScenarioError::unknown_file("x.toml", Text::new("a", "가"));
    let sim: sim_core::SimError = LoadError::Invalid(invalid.clone()).into();
    assert_eq!(sim, sim_core::SimError::Invalid(invalid));
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

/// README's first Rust example is `scenario`'s doctest, as written: it runs in a test
/// crate of one's own, from its directory (no path relative to the repository root).
#[test]
fn readmes_first_rust_example_is_scenarios_doctest() {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let doc: String = lib
        .lines()
        .skip_while(|l| !l.starts_with("/// The text of library scenario"))
        .take_while(|l| l.starts_with("///"))
        .map(|l| format!("//!{}\n", l.trim_start_matches("///")))
        .collect();
    let example = first_block(&doc).join("\n");
    assert!(example.contains("virtsim_library::scenario("), "{example}");
    let readme = std::fs::read_to_string(repository().join("README.md")).unwrap();
    let first = readme
        .split("```rust\n")
        .nth(1)
        .and_then(|b| b.split("\n```").next())
        .expect("README has a Rust example");
    assert_eq!(first, example, "README's first Rust example");
    assert!(
        !first.contains("read_to_string(\""),
        "a relative path: {first}"
    );
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
