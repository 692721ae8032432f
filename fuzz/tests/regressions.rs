//! Every input that ever made the fuzzer fail (`fuzz/regressions/`) and every seed must
//! pass [`virtsim_fuzz::check`] now, and a short fuzzing run finds nothing.

use std::path::Path;

use virtsim_fuzz::{check, seeds, Input, Mutator, Rng};

fn root() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

#[test]
fn every_regression_and_seed_passes() {
    let files = seeds(&root());
    assert!(files.len() > 100, "only {} seed files", files.len());
    let regressions = files
        .iter()
        .filter(|(p, _)| p.parent().is_some_and(|d| d.ends_with("regressions")))
        .count();
    assert!(regressions > 0, "fuzz/regressions/ is empty");
    let failures: Vec<String> = files
        .iter()
        .filter_map(|(path, text)| {
            check(&Input::from_file(text))
                .err()
                .map(|e| format!("{}: {e}", path.display()))
        })
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

/// A few hundred mutated inputs from a fixed seed, so that `cargo test` fuzzes a little
/// even without the timed run of `scripts/test.sh`.
#[test]
fn a_short_deterministic_fuzzing_run_finds_nothing() {
    let texts: Vec<String> = seeds(&root()).into_iter().map(|(_, t)| t).collect();
    let mut mutator = Mutator::new(Rng::new(12), &texts);
    let mut failures = Vec::new();
    for _ in 0..300 {
        let input = mutator.input();
        if let Err(e) = check(&input) {
            failures.push(format!("{e}\n{}", input.to_file()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
