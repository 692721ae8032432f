//! Golden results for every scenario of the library.
//!
//! Scenario files are discovered at test time, so a new file in `scenarios/` is covered
//! without touching this test; its golden file `tests/expect/<stem>.txt` must then be
//! created with `UPDATE_EXPECT=1` and reviewed. The golden content is the compact summary
//! of `virtsim_tests::summary`, not the whole JSON.

use std::path::{Path, PathBuf};

use virtsim_tests::{
    assert_no_failures, check, display, files_with_extension, load, scenario_files, summary,
    update_expect, workspace_root,
};

const COMMAND: &str = "cargo test --release -p virtsim-tests --test golden";

fn expect_dir() -> PathBuf {
    workspace_root().join("tests/expect")
}

fn golden_for(scenario: &Path) -> PathBuf {
    let stem = scenario.file_stem().expect("file stem").to_string_lossy();
    expect_dir().join(format!("{stem}.txt"))
}

/// Runs one scenario and checks it against its golden file; also checks that every
/// question of the scenario got an answer (a question on an operation that never ran
/// would be answered "-", which is useless for coursework).
fn check_scenario(path: &Path) -> Result<(), String> {
    let scenario = load(path);
    let result = scenario
        .run()
        .map_err(|e| format!("{}: run failed: {e}", display(path)))?;
    for q in &result.questions {
        if q.answer == "-" {
            return Err(format!(
                "{}: question `{}` has no answer (no platform has a value for {})",
                display(path),
                q.id,
                q.metric.name()
            ));
        }
    }
    for q in &result.questions {
        // A choice answer must be unambiguous: the runner-up must differ from the winner
        // by more than 0.1% of it (or the question rewards guessing the tie-break).
        if let Some((w, name, r)) = q.near_tie() {
            return Err(format!(
                "{}: choice question `{}` is a near tie: {} = {w} but {name} has {r}",
                display(path),
                q.id,
                q.answer
            ));
        }
    }
    check(&summary(&result), &golden_for(path), COMMAND)
}

#[test]
fn every_scenario_matches_its_golden_result() {
    let files = scenario_files();
    assert!(
        files.iter().any(|f| f.ends_with("smoke.toml")),
        "scenarios/smoke.toml not found among {files:?}"
    );
    // Scenarios are independent: run them on every core.
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..workers.min(files.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(file) = files.get(i) else { break };
                let outcome = std::panic::catch_unwind(|| check_scenario(file))
                    .unwrap_or_else(|_| Err(format!("{}: panicked (see above)", display(file))));
                if let Err(message) = outcome {
                    failures.lock().unwrap().push((i, message));
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    let failures: Vec<String> = failures.into_iter().map(|(_, m)| m).collect();
    assert_no_failures("golden scenario check(s)", &failures);
}

#[test]
fn no_golden_file_without_a_scenario() {
    let scenarios: Vec<PathBuf> = scenario_files().iter().map(|f| golden_for(f)).collect();
    let mut stale = Vec::new();
    for golden in files_with_extension(&expect_dir(), "txt") {
        if !scenarios.contains(&golden) {
            if update_expect() {
                std::fs::remove_file(&golden).expect("remove stale golden file");
                eprintln!("removed {}", display(&golden));
            } else {
                stale.push(format!(
                    "{} has no scenario in scenarios/; delete it (or run UPDATE_EXPECT=1 {COMMAND})",
                    display(&golden)
                ));
            }
        }
    }
    assert_no_failures("stale golden file(s)", &stale);
}

/// The summary is what the golden files hold; it must show the figures that matter.
#[test]
fn summary_shows_every_figure_of_a_platform() {
    let result = load(&workspace_root().join("scenarios/smoke.toml"))
        .run()
        .expect("run");
    let text = summary(&result);
    for needle in [
        "scenario smoke | seed 1 | 50 ms | 4 pCPUs @ 3000 MHz",
        "platform native (Native, Fair)",
        "platform t1-hw (Type1 HardwareAssist io=Emulated mem=Nested, Credit)",
        "of native",
        "steal",
        "cpu% user",
        "exits",
        "io_instruction=",
        "p50/p99 µs: syscall=",
        "translation cache: hit 100.00%",
    ] {
        assert!(text.contains(needle), "summary lacks {needle:?}:\n{text}");
    }
    // One block per platform.
    assert_eq!(text.matches("\nplatform ").count(), result.platforms.len());
}
