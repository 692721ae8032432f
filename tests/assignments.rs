//! Golden computed answers of every assignment of the library (`scenarios/assignments/`),
//! for the reference variant and three students; and, for each, that a perfect student's
//! answers file grades to full marks.
//!
//! Each golden file `tests/expect/assignments/<stem>.txt` lists, per student and step, the
//! variant, the scenario hash and every computed answer. `UPDATE_EXPECT=1` rewrites them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use sim_core::assignment::{Assignment, Verdict};
use virtsim_tests::{
    assert_no_failures, check, display, files_with_extension, update_expect, workspace_root,
};

const COMMAND: &str = "cargo test --release -p virtsim-tests --test assignments";

/// The students of the golden files (None: the reference variant).
const STUDENTS: [Option<&str>; 4] = [None, Some("s001"), Some("s002"), Some("2026-12345")];

fn assignment_files() -> Vec<PathBuf> {
    files_with_extension(&workspace_root().join("scenarios/assignments"), "toml")
}

fn golden_for(file: &Path) -> PathBuf {
    let stem = file.file_stem().expect("file stem").to_string_lossy();
    workspace_root().join(format!("tests/expect/assignments/{stem}.txt"))
}

fn load(file: &Path) -> Assignment {
    let text = std::fs::read_to_string(file).expect("read assignment");
    // Library scenarios as the CLI and the page resolve them (the same files built in).
    Assignment::from_toml(&display(file), &text, &virtsim_library::Library)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Computes every answer of `file` for each student; checks that each question is
/// answered, that no choice is a near tie, and that a perfect answers file gets every point.
fn check_assignment(file: &Path) -> Result<(), String> {
    let a = load(file);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "assignment {} | {} steps | {} points",
        a.id,
        a.steps.len(),
        a.max_points()
    );
    for student in STUDENTS {
        let _ = writeln!(out, "\nstudent {}", student.unwrap_or("(reference)"));
        let mut computed = Vec::new();
        for (index, step) in a.steps.iter().enumerate() {
            let scenario = a
                .step_scenario(index, student)
                .map_err(|e| format!("{}: {e}", display(file)))?;
            let result = scenario
                .run()
                .map_err(|e| format!("{}: step {}: {e}", display(file), step.id))?;
            let _ = writeln!(
                out,
                "  step {} [{}] {}",
                step.id,
                a.variant(index, student).describe(),
                a.scenario_hash(index, student)
            );
            for q in &step.questions {
                let answer = result
                    .questions
                    .iter()
                    .find(|c| c.id == q.id)
                    .ok_or_else(|| format!("{}: `{}` has no answer", display(file), q.id))?;
                if answer.answer == "-" {
                    return Err(format!(
                        "{}: step {} question `{}` has no value for {:?}",
                        display(file),
                        step.id,
                        q.id,
                        student
                    ));
                }
                // As in golden.rs: the runner-up must differ from the winner by more
                // than 0.1%, for every student, or the question rewards a tie-break.
                if let Some((winner, name, v)) = answer.near_tie() {
                    return Err(format!(
                        "{}: step {} question `{}` is a near tie for {:?}: {} = {winner}, {name} = {v}",
                        display(file),
                        step.id,
                        q.id,
                        student,
                        answer.answer
                    ));
                }
                let _ = writeln!(
                    out,
                    "    {}{} = {}",
                    q.id,
                    if q.predict { " (predict)" } else { "" },
                    sim_core::assignment::expected_text(answer)
                );
            }
            computed.push(result.questions);
        }
        let id = student.unwrap_or("reference");
        let key = a.answer_key(id, &computed).expect("a valid id");
        // The reference variant is nobody's: a student named "reference" gets their own
        // seed, so only real students are graded.
        if student.is_some() {
            let grade = a.grade(&key, &computed);
            if grade.points != a.max_points()
                || grade.rows.iter().any(|r| r.verdict != Verdict::Right)
            {
                return Err(format!(
                    "{}: the answer key of {id} grades {}/{}: {:?}",
                    display(file),
                    grade.points,
                    a.max_points(),
                    grade.problems
                ));
            }
        }
    }
    check(&out, &golden_for(file), COMMAND)
}

#[test]
fn every_assignment_matches_its_golden_answers() {
    let files = assignment_files();
    assert!(
        files.len() >= 2,
        "the library has at least two assignments: {files:?}"
    );
    let mut failures = Vec::new();
    for file in &files {
        if let Err(e) = check_assignment(file) {
            failures.push(e);
        }
    }
    assert_no_failures("assignment golden check(s)", &failures);
}

#[test]
fn every_assignment_is_bilingual() {
    for file in assignment_files() {
        let a = load(&file);
        let texts = std::iter::once(&a.title)
            .chain(a.intro.iter())
            .chain(a.steps.iter().flat_map(|s| [&s.title, &s.intro]))
            .chain(
                a.steps
                    .iter()
                    .flat_map(|s| s.questions.iter().map(|q| &q.text)),
            );
        for t in texts {
            assert!(
                !t.en.trim().is_empty() && !t.ko.trim().is_empty() && t.en != t.ko,
                "{}: a text is missing a language: {t:?}",
                display(&file)
            );
        }
    }
}

/// No library assignment gives a student a setup that validation warns about (a memory
/// choice whose instances the OOM killer stops even running alone).
#[test]
fn no_library_assignment_has_a_validation_warning() {
    for file in assignment_files() {
        let a = load(&file);
        let warnings: Vec<String> = a.warnings().iter().map(|w| w.to_string()).collect();
        assert_no_failures(&format!("{} warning(s)", display(&file)), &warnings);
    }
}

#[test]
fn no_golden_file_without_an_assignment() {
    let dir = workspace_root().join("tests/expect/assignments");
    if !dir.exists() {
        return;
    }
    let wanted: Vec<PathBuf> = assignment_files().iter().map(|f| golden_for(f)).collect();
    let stale: Vec<String> = files_with_extension(&dir, "txt")
        .into_iter()
        .filter(|g| !wanted.contains(g))
        .map(|g| format!("{} has no assignment; delete it", display(&g)))
        .collect();
    if !update_expect() {
        assert_no_failures("stale golden file(s)", &stale);
    }
}

/// Bad input never panics: every library assignment cut at many places, and with
/// numbers and names swapped for hostile ones, gives an assignment or a located error.
#[test]
fn mangled_assignments_give_errors_not_panics() {
    for file in assignment_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        let mut inputs: Vec<String> = (0..text.len())
            .step_by(97)
            .filter(|&i| text.is_char_boundary(i))
            .map(|i| text[..i].to_string())
            .collect();
        for (from, to) in [
            ("choices = [", "choices = [0, 18446744073709551615, "),
            ("points = 2", "points = 4294967295"),
            ("student_seed = true", "student_seed = 1"),
            ("scenario = \"", "scenario = \"../"),
            ("tolerance_percent = ", "tolerance_percent = -"),
            ("id = \"", "id = \"\u{0}"),
            ("[[step]]", "[[step]]\nscenario_toml = '''[scenario]'''"),
            // Mistakes the reading goes past, many at once.
            ("kind = \"", "kind = \"x"),
            ("parameter = \"", "parameter = \"x"),
            ("title = {", "titel = {"),
            ("intro = {", "intro = 5\nx = {"),
            ("[[step.vary]]", "[[step.vary]]\nparameter = 1"),
            (
                "[[step.question]]",
                "[[step.question]]\npoints = \"x\"\nkind = 5",
            ),
            ("en = \"", "en = 1, x = \""),
        ] {
            inputs.push(text.replace(from, to));
        }
        for input in &inputs {
            let outcome = std::panic::catch_unwind(|| {
                let read =
                    Assignment::from_toml_all("mangled.toml", input, &virtsim_library::Library);
                let Err(errors) = read else {
                    return;
                };
                assert!(!errors.is_empty());
                let own: Vec<_> = (errors.iter())
                    .filter(|e| e.file == "mangled.toml")
                    .collect();
                for e in &own {
                    assert!(e.line >= 1 && e.column >= 1, "{e}");
                }
                assert!(own.is_sorted_by_key(|e| (e.line, e.column)), "{errors:?}");
                let stops = errors.iter().filter(|e| e.stops_checks()).count();
                assert!(stops <= 1, "{errors:?}");
            });
            assert!(
                outcome.is_ok(),
                "{}: panicked on an input of {} bytes",
                display(&file),
                input.len()
            );
        }
    }
}

/// The invalid-assignment corpus: every `tests/invalid-assignments/*.toml` is refused with
/// the errors in its sibling `.err` file, as `virtsim validate` prints them (every
/// independent one, in the file's order, then where the reading stopped, if it did), in
/// English, then in Korean. Each error is located in the file (or in a library scenario's),
/// on one line; `from_toml` gives the first, and the page's reading the same list.
#[test]
fn every_invalid_assignment_lists_every_error_in_the_files_order() {
    use sim_core::Lang;
    let files = files_with_extension(&workspace_root().join("tests/invalid-assignments"), "toml");
    assert!(
        files.len() >= 5,
        "the corpus shrank to {} files",
        files.len()
    );
    let failures: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(path).expect("read");
            let file = display(path);
            let library = &virtsim_library::Library;
            let errors = match Assignment::from_toml_all(&file, &text, library) {
                Ok(_) => return Some(format!("{file}: accepted, but the corpus expects errors")),
                Err(errors) => errors,
            };
            let lines = text.lines().count();
            if let Some(e) = errors
                .iter()
                .find(|e| e.file == file && (e.line == 0 || e.line > lines || e.column == 0))
            {
                return Some(format!("{file}: {e} is not located in the file"));
            }
            if !errors
                .iter()
                .filter(|e| e.file == file)
                .is_sorted_by_key(|e| (e.line, e.column))
            {
                return Some(format!(
                    "{file}: errors out of the file's order: {errors:?}"
                ));
            }
            if Assignment::from_toml(&file, &text, library).err().as_ref() != errors.first() {
                return Some(format!("{file}: from_toml's error is not the first"));
            }
            let page = Assignment::from_toml_first_variants(&file, &text, library).err();
            if page.as_ref() != Some(&errors) {
                return Some(format!("{file}: the page's reading gives another list"));
            }
            let mut out = String::new();
            for lang in [Lang::En, Lang::Ko] {
                for e in &errors {
                    let _ = writeln!(out, "{}", e.to_string_in(lang));
                }
                let notes: Vec<String> =
                    errors.iter().filter_map(|e| e.stop_note_in(lang)).collect();
                if notes.len() > 1 {
                    return Some(format!("{file}: more than one error stops the reading"));
                }
                let label = if lang == Lang::En { "note" } else { "참고" };
                for note in notes {
                    let _ = writeln!(out, "{label}: {note}");
                }
            }
            check(&out, &path.with_extension("err"), COMMAND).err()
        })
        .collect();
    assert_no_failures("invalid assignments", &failures);
}

/// A question's metric misspelt with no room for a valid one in its place
/// (`metric="exits"`, `metric="exit"`) reads on as in a scenario: the shortest valid metric
/// read in its place, its question left out of the checks (its step does not lack a
/// question: an inline one used to be taken out and the step said "needs 1 to 40
/// questions"), and the mistakes after it, on its line too, at the file's columns, with no
/// note that the reading stopped. Held here so that refreshing the `.err` files cannot
/// lose it.
#[test]
fn unknown_metric_without_room_reads_on() {
    let path = workspace_root()
        .join("tests/invalid-assignments/unknown-metric-without-room-reads-on.toml");
    let text = std::fs::read_to_string(&path).expect("corpus file");
    let errors =
        Assignment::from_toml_all("t.toml", &text, &virtsim_library::Library).expect_err("invalid");
    let found: Vec<(usize, usize, &str, bool)> = (errors.iter())
        .map(|e| (e.line, e.column, e.code, e.stops_checks()))
        .collect();
    assert_eq!(
        found,
        [
            (23, 8, "unknown_value", false),
            (31, 80, "unknown_value", false),
            (31, 199, "unknown_value", false),
            (31, 302, "unknown_name", false),
            (38, 16, "invalid_type", false),
        ]
    );
    assert!(errors[0].message.contains("`exits_per_second`"));
    assert!(errors[1].message.contains("`relative_performance_percent`"));
    assert!(errors[2].message.contains("`lowest` or `highest`"));
    assert!(errors[3].message.contains("`nope`"));
}
