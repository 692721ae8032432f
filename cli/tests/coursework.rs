//! Coursework commands: `new` templates validate, `answers` prints computed answers,
//! `grade` grades a perfect student, a wrong answer, a tampered file, a changed scenario
//! and a file that is not an answers file, with `run`'s exit codes (0 graded, 2 invalid
//! input, 1 anything else, the worst code of all files).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn virtsim_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_virtsim"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("start virtsim")
}

fn virtsim(args: &[&str]) -> Output {
    virtsim_in(&std::env::temp_dir(), args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

/// A scratch directory unique to this test process and test.
fn scratch_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "virtsim-coursework-tests-{}-{test}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// A short assignment with an embedded scenario (4 ms simulated per platform), a
/// student seed and a varied parameter.
const ASSIGNMENT: &str = r#"
[assignment]
id = "cli-test"
title = { en = "CLI test", ko = "CLI 시험" }

[[step]]
id = "one"
title = { en = "One", ko = "하나" }
intro = { en = "Predict, then run.", ko = "예측한 뒤 실행하세요." }
student_seed = true
scenario_toml = '''
[scenario]
name = "syscalls"
duration_ms = 4

[[platform]]
name = "bt"
kind = "type1"
technique = "binary_translation"

[[platform]]
name = "hw"
kind = "type1"
technique = "hardware_assist"

[[instance]]
name = "vm"
workload = "syscall-heavy"
'''

[[step.vary]]
parameter = "host_cores"
choices = [1, 2]

[[step.question]]
id = "slowest"
predict = true
points = 2
text = { en = "Which is slower?", ko = "어느 쪽이 느린가?" }
kind = "choice"
metric = "relative_performance_percent"
select = "lowest"

[[step.question]]
id = "bt-rel"
text = { en = "bt relative %?", ko = "bt 상대 성능 %?" }
kind = "numeric"
metric = "relative_performance_percent"
platform = "bt"
tolerance_percent = 10
"#;

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.display().to_string()
}

/// The answers file of a perfect student `id`.
fn key(assignment: &str, id: &str) -> serde_json::Value {
    let o = virtsim(&["answers", assignment, "--student", id, "--answers-file"]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("answers file JSON")
}

#[test]
fn new_templates_validate_and_never_overwrite() {
    let dir = scratch_dir("new");
    for kind in ["scenario", "assignment"] {
        let o = virtsim_in(&dir, &["new", kind, "week-3"]);
        assert_eq!(code(&o), 0, "{kind}: stderr {}", stderr(&o));
        let o = virtsim_in(&dir, &["validate", "week-3.toml"]);
        assert_eq!(code(&o), 0, "{kind}: {}{}", stdout(&o), stderr(&o));
        assert!(stdout(&o).contains("week-3.toml: ok"), "{}", stdout(&o));
        if kind == "assignment" {
            // 2 steps, 4 questions; points 1 + 2 + 1 + 1.
            assert!(
                stdout(&o).contains("2 steps, 4 questions, 5 points"),
                "{}",
                stdout(&o)
            );
        }
        // A second `new` would overwrite: refused, exit 1, the file unchanged.
        let before = std::fs::read_to_string(dir.join("week-3.toml")).unwrap();
        let o = virtsim_in(&dir, &["new", "scenario", "week-3"]);
        assert_eq!(code(&o), 1);
        assert_eq!(
            std::fs::read_to_string(dir.join("week-3.toml")).unwrap(),
            before
        );
        std::fs::remove_file(dir.join("week-3.toml")).unwrap();
    }
    // A name that is not a file name and id as it stands is a wrong command line: exit 1
    // (2 is an invalid scenario), an `error:` line, nothing written.
    for bad in ["x<y>", "a\nb", ".hidden", "a b"] {
        let o = virtsim_in(&dir, &["new", "scenario", bad]);
        assert_eq!(code(&o), 1, "{bad:?}: {}", stderr(&o));
        assert!(stderr(&o).starts_with("error: "), "{}", stderr(&o));
        assert!(stderr(&o).contains("the name must be"), "{}", stderr(&o));
    }
    // No name at all: said to be empty, with a name of the kind's word (the stem `.toml`
    // suggested "e.g. toml").
    for (kind, empty, example) in [
        ("scenario", "", "scenario-1"),
        ("assignment", "", "assignment-1"),
        ("scenario", "  ", "scenario-1"),
        ("scenario", ".toml", "scenario-1"),
        ("scenario", "labs/", "scenario-1"),
    ] {
        let o = virtsim_in(&dir, &["new", kind, empty]);
        assert_eq!(code(&o), 1, "{empty:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.starts_with(&format!(
                "error: the name is empty: give one such as {example} ("
            )),
            "{empty:?}: {err}"
        );
        assert!(!err.contains("e.g. toml"), "{err}");
        let o = virtsim_in(&dir, &["new", kind, empty, "--lang", "ko"]);
        assert!(
            stderr(&o).starts_with(&format!("오류: 이름이 비어 있습니다: {example}처럼 주세요")),
            "{}",
            stderr(&o)
        );
    }
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "a file was written"
    );
}

#[test]
fn answers_json_gives_each_numeric_answers_accepted_range_as_the_csv_does() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scenarios/exit-cost-by-cpu-generation.toml"
    );
    let o = virtsim(&["answers", file, "--format", "json"]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let csv = stdout(&virtsim(&["answers", file, "--format", "csv"]));
    let mut numeric = 0;
    for (q, row) in json.as_array().unwrap().iter().zip(csv.lines().skip(1)) {
        let cells: Vec<&str> = row.split(',').collect();
        assert_eq!(q["id"], cells[0]);
        if q["kind"] == "numeric" {
            numeric += 1;
            let (from, to, value) = (
                q["accepted_from"].as_f64().unwrap(),
                q["accepted_to"].as_f64().unwrap(),
                q["value"].as_f64().unwrap(),
            );
            assert!(from <= value && value <= to, "{q}");
            assert_eq!(
                (from.to_string(), to.to_string()),
                (
                    cells[5].parse::<f64>().unwrap().to_string(),
                    cells[6].parse::<f64>().unwrap().to_string()
                )
            );
        } else {
            assert!(
                q.get("accepted_from").is_none() && q.get("accepted_to").is_none(),
                "{q}"
            );
        }
    }
    assert!(numeric > 0, "the scenario has numeric questions");
}

#[test]
fn answers_prints_the_computed_answers_of_a_scenario_and_of_a_student() {
    let smoke = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/smoke.toml");
    let o = virtsim(&["answers", smoke, "--format", "json"]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    // The same answers as `run` computes.
    let run = virtsim(&["run", smoke, "--format", "json"]);
    let run: serde_json::Value = serde_json::from_str(&stdout(&run)).unwrap();
    assert_eq!(json, run["questions"]);

    let dir = scratch_dir("answers");
    let a = write(&dir, "a.toml", ASSIGNMENT);
    let o = virtsim(&["answers", &a, "--student", "s1"]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let out = stdout(&o);
    for needle in [
        "CLI test (cli-test), student s1, 3 points",
        "step 1/1 `one`",
        "seed=",
        "host_cores=",
        "[2 pts, predict before run] slowest",
        "-> bt",
    ] {
        assert!(out.contains(needle), "{needle} missing in:\n{out}");
    }
    let o = virtsim(&["answers", &a, "--student", "s1", "--lang", "ko"]);
    assert!(stdout(&o).contains("실행 전 예측"), "{}", stdout(&o));
    // CSV: a header and one line per question.
    let o = virtsim(&["answers", &a, "--student", "s1", "--format", "csv"]);
    assert_eq!(stdout(&o).lines().count(), 3, "{}", stdout(&o));
    // Students differ by their seed: the numeric answer is computed for each.
    let s1 = key(&a, "s1");
    let s2 = key(&a, "s2");
    assert_ne!(
        s1["steps"][0]["scenario_hash"],
        s2["steps"][0]["scenario_hash"]
    );
    // --answers-file needs a student.
    let o = virtsim(&["answers", &a, "--answers-file"]);
    assert_eq!(code(&o), 1);
}

#[test]
fn grade_grades_each_student_and_reports_files_it_cannot_grade() {
    let dir = scratch_dir("grade");
    let a = write(&dir, "a.toml", ASSIGNMENT);
    let perfect = key(&a, "s1");
    let good = write(&dir, "s1.json", &perfect.to_string());

    let o = virtsim(&["grade", &a, &good]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("s1 ("), "{}", stdout(&o));
    assert!(stdout(&o).contains("3/3 points"), "{}", stdout(&o));

    // A wrong answer, exported by the page (checksum recomputed): graded wrong, exit 0.
    let mut wrong = key(&a, "s2");
    let answer = &mut wrong["steps"][0]["answers"][0]["answer"];
    *answer = if answer == "bt" { "hw" } else { "bt" }.into();
    let wrong = write(&dir, "s2.json", &with_checksum(&wrong).to_string());
    let o = virtsim(&["grade", &a, &wrong, "--format", "csv"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let csv = stdout(&o);
    assert!(csv.contains(",s2,one,slowest,"), "{csv}");
    assert!(csv.contains(",wrong,0,2,true"), "{csv}");
    assert!(csv.contains(",right,1,1,false"), "{csv}");

    // Tampered: an answer edited by hand after export.
    let mut tampered = perfect.clone();
    tampered["steps"][0]["answers"][1]["answer"] = "12".into();
    let tampered = write(&dir, "tampered.json", &tampered.to_string());
    let o = virtsim(&["grade", &a, &good, &tampered, "--format", "json"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["files"][0]["points"], 3);
    // Not graded: no points, not a zero (as the table's `-/2` and the CSV's empty cells).
    assert_eq!(
        json["files"][1]["points"],
        serde_json::Value::Null,
        "{json}"
    );
    assert_eq!(json["files"][1]["points_final"], false);
    assert_eq!(json["files"][1]["problems"][0]["problem"], "tampered");
    assert_eq!(json["files"][1]["rows"][0]["verdict"], "not_graded");
    assert_eq!(
        json["files"][1]["rows"][0]["points"],
        serde_json::Value::Null
    );
    assert_eq!(json["files"][0]["rows"][0]["points"], 2, "{json}");
    // Each file's status, as the CSV's.
    assert_eq!(json["files"][0]["file_status"], "graded");
    assert_eq!(json["files"][1]["file_status"], "not_graded");
    assert!(
        stderr(&o).contains("checksum does not match"),
        "{}",
        stderr(&o)
    );
    // Not graded is not a zero: the table says so, the CSV gives each row the file's total
    // (empty), status and reason, and a file that cannot be read gets a row of its own.
    let o = virtsim(&["grade", &a, &tampered]);
    assert!(
        stdout(&o).contains("tampered.json): not graded"),
        "{}",
        stdout(&o)
    );
    let missing = dir.join("missing.json").display().to_string();
    let o = virtsim(&["grade", &a, &good, &tampered, &missing, "--format", "csv"]);
    let csv = stdout(&o);
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",file_points,file_status,file_note"),
        "{csv}"
    );
    assert!(csv.contains(",3,graded,\n"), "{csv}");
    assert!(
        csv.contains(",,not_graded,the checksum does not match"),
        "{csv}"
    );
    // A row of a file not graded: no expected answer and no points (empty, not `'-` and 0:
    // a summed column would count zeros).
    let row = csv
        .lines()
        .find(|l| l.contains(",not_graded,") && !l.ends_with("not graded\""))
        .expect("a row of the tampered file");
    let cells: Vec<&str> = row.split(',').collect();
    assert_eq!(
        (cells[5], cells[6], cells[7]),
        ("", "not_graded", ""),
        "{row}"
    );
    assert!(csv.contains("missing.json,,,,,,,,,,,unreadable,"), "{csv}");
    // The arguments swapped: the answers file where the assignment goes.
    let o = virtsim(&["grade", &good, &a]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("give the assignment (.toml) first"),
        "{}",
        stderr(&o)
    );

    // The scenario changed after the students answered: stale, not graded against it.
    let changed = write(
        &dir,
        "changed.toml",
        &ASSIGNMENT.replace("duration_ms = 4", "duration_ms = 5"),
    );
    let o = virtsim(&["grade", &changed, &good]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("answered against another version of its scenario"),
        "{out}"
    );
    assert!(out.contains("stale"), "{out}");
    // Every answer stale: nothing was graded, said so, not a score of "0/3 points" (a
    // reviewer read it as one); the stale rows' points are not zeros; the CSV leaves the
    // file's total empty (a gradebook import reads it as missing, not 0) with a status of
    // its own, and JSON says the points are not final.
    assert!(
        out.contains("s1.json): not graded: every answer was given against another scenario version (or another student's variant), so none could be graded (questions worth 3 points)"),
        "{out}"
    );
    assert!(!out.contains("0/3") && !out.contains("NOT FINAL"), "{out}");
    assert!(out.contains("-/2") && !out.contains("0/2"), "{out}");
    let o = virtsim(&["grade", &changed, &good, "--format", "csv"]);
    let csv = stdout(&o);
    assert!(csv.contains(",stale,,2,true,,stale,"), "{csv}");
    assert!(!csv.contains("partly_graded"), "{csv}");
    let o = virtsim(&["grade", &changed, &good, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["files"][0]["points_final"], false, "{json}");
    assert_eq!(json["files"][0]["file_status"], "stale", "{json}");
    // Nor zeros: the file's points and every stale row's are null (the CSV's empty cells).
    assert_eq!(
        json["files"][0]["points"],
        serde_json::Value::Null,
        "{json}"
    );
    for row in json["files"][0]["rows"].as_array().unwrap() {
        assert_eq!(row["points"], serde_json::Value::Null, "{json}");
    }
    let o = virtsim(&["grade", &changed, &good, "--lang", "ko"]);
    assert!(
        stdout(&o).contains("채점하지 않음: 답이 모두 다른 시나리오 버전"),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains("0/3점"), "{}", stdout(&o));
    let o = virtsim(&["grade", &a, &good, "--lang", "ko", "--format", "table"]);
    assert!(stdout(&o).contains("3/3점\n"), "{}", stdout(&o));
    let o = virtsim(&["grade", &a, &good, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["files"][0]["points_final"], true, "{json}");

    // Not an answers file: exit 2 with its location; the other files are still graded.
    let junk = write(&dir, "junk.json", "{\"format\": 1}");
    let o = virtsim(&["grade", &a, &junk, &good]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stdout(&o).contains("junk.json:1:"), "{}", stdout(&o));
    assert!(stdout(&o).contains("3/3 points"), "{}", stdout(&o));

    // An invalid assignment: exit 2, located at `points` (line 38, after `points = `).
    let bad = write(
        &dir,
        "bad.toml",
        &ASSIGNMENT.replace("points = 2", "points = 0"),
    );
    let o = virtsim(&["grade", &bad, &good]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("bad.toml:38:10:"), "{}", stderr(&o));
}

/// `file` with the checksum recomputed, as the page computes it when it exports.
fn with_checksum(file: &serde_json::Value) -> serde_json::Value {
    let mut answers: sim_core::assignment::AnswersFile =
        serde_json::from_value(file.clone()).expect("an answers file");
    answers.checksum = answers.computed_checksum();
    serde_json::to_value(&answers).unwrap()
}

#[test]
fn a_scenario_given_as_the_assignment_is_named_as_such() {
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios/smoke.toml");
    let scenario = scenario.to_str().expect("UTF-8 path");
    let o = virtsim(&["grade", scenario, scenario]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("this is a scenario file, not an assignment"),
        "{}",
        stderr(&o)
    );
}

/// `validate /dev/stdin` reads a pipe once and checks what it holds: an assignment as an
/// assignment (it was read as a scenario: "unknown table `assignment`"), a scenario as a
/// scenario, and an assignment's error at its line.
#[test]
fn validate_reads_a_piped_assignment_as_an_assignment() {
    use std::io::Write;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let piped = |text: &[u8]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_virtsim"))
            .args(["validate", "/dev/stdin"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start virtsim");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text)
            .expect("write stdin");
        child.wait_with_output().expect("virtsim output")
    };
    let assignment = std::fs::read(root.join("scenarios/assignments/hypervisor-types.toml"))
        .expect("library assignment");
    let o = piped(&assignment);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("/dev/stdin: ok (assignment `"),
        "{}",
        stdout(&o)
    );
    // Saved as "UTF-8 with BOM" (Windows' Notepad) and with a comment after its header: still
    // an assignment (it was read as a scenario: "unknown field `assignment`").
    // The header is the file's first line, after the mark.
    let marked = format!(
        "\u{feff}[assignment] # week 5\n{}",
        String::from_utf8_lossy(&assignment).replacen("[assignment]\n", "", 1)
    );
    let o = piped(marked.as_bytes());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("/dev/stdin: ok (assignment `"),
        "{}",
        stdout(&o)
    );

    let scenario = std::fs::read(root.join("scenarios/smoke.toml")).expect("library scenario");
    let o = piped(&scenario);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("/dev/stdin: ok (estimated"),
        "{}",
        stdout(&o)
    );

    // The same assignment with its first step's scenario renamed to one that is not in
    // the library: the error names the piped file and a line.
    let text = String::from_utf8(assignment).expect("UTF-8");
    let broken = text.replacen("scenario = \"", "scenario = \"no-such-", 1);
    assert_ne!(broken, text, "the assignment names a library scenario");
    let o = piped(broken.as_bytes());
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).starts_with("/dev/stdin:"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("unknown table"), "{}", stderr(&o));
}

/// `run` of an assignment whose step embeds its scenario: the embedded
/// `[scenario]` line does not hide that the file is an assignment (it said "unknown
/// field `assignment`").
#[test]
fn an_assignment_with_an_embedded_scenario_given_to_run_is_named_as_such() {
    let dir = scratch_dir("run-embedded");
    let a = write(&dir, "week3.toml", ASSIGNMENT);
    for lang in ["en", "ko"] {
        let o = virtsim(&["run", &a, "--lang", lang]);
        assert_eq!(code(&o), 2, "{}", stderr(&o));
        let wanted = if lang == "en" {
            "this is an assignment file, not a scenario"
        } else {
            "시나리오가 아니라 과제 파일입니다"
        };
        assert!(stderr(&o).contains(wanted), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("week3.toml:2:1:"),
            "at the [assignment] header: {}",
            stderr(&o)
        );
        assert!(!stderr(&o).contains("unknown field"), "{}", stderr(&o));
    }
}

/// A decimal key given text in an assignment's own question names the key and says what
/// to write (it said "invalid type: string \"10%\", expected f64; write a number").
#[test]
fn a_decimal_key_given_text_names_the_key() {
    let dir = scratch_dir("decimal-text");
    let a = write(
        &dir,
        "a.toml",
        &ASSIGNMENT.replace("tolerance_percent = 10", "tolerance_percent = \"ten\""),
    );
    let o = virtsim(&["validate", &a]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("tolerance_percent takes a number"), "{err}");
    assert!(err.contains("such as 4 or 0.5"), "{err}");
    assert!(!err.contains("f64"), "{err}");
    let o = virtsim(&["validate", &a, "--lang", "ko"]);
    assert!(
        stderr(&o).contains("tolerance_percent에는 4나 0.5 같은 숫자를 쓰세요"),
        "{}",
        stderr(&o)
    );
    // A number with its unit, in quotes: the number alone.
    let a = write(
        &dir,
        "b.toml",
        &ASSIGNMENT.replace("tolerance_percent = 10", "tolerance_percent = \"10%\""),
    );
    let o = virtsim(&["validate", &a]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("write the number alone, without its unit: 10"),
        "{}",
        stderr(&o)
    );
}

/// `new` into a folder that does not exist says so (it said "No such file or directory").
#[test]
fn new_in_a_missing_folder_names_the_folder() {
    let dir = scratch_dir("new-missing-folder");
    let o = virtsim_in(&dir, &["new", "scenario", "no-such-folder/y"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the folder no-such-folder does not exist"),
        "{}",
        stderr(&o)
    );
    let o = virtsim_in(
        &dir,
        &["new", "scenario", "no-such-folder/y", "--lang", "ko"],
    );
    assert!(
        stderr(&o).contains("폴더 no-such-folder가 없습니다"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "nothing written"
    );
}

/// The assignment template names the page's labels as the page shows them.
#[test]
fn the_assignment_template_names_the_pages_labels() {
    let dir = scratch_dir("template-labels");
    let o = virtsim_in(&dir, &["new", "assignment", "labels"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.join("labels.toml")).unwrap();
    assert!(
        text.contains("Assignments → Open an assignment file"),
        "{text}"
    );
    assert!(text.contains("과제 → 과제 파일 열기"), "{text}");
    // The button that copies an assignment's link, in both languages as the page's
    // i18n table has it: not the header's "Copy share link" (공유 링크 복사), which shares
    // a scenario (a Korean instructor's review).
    let i18n = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../web-ui/src/i18n.rs"
    ))
    .unwrap();
    let label = |key: &str| -> (String, String) {
        let line = i18n
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("(\"{key}\", ")))
            .unwrap_or_else(|| panic!("no {key} in i18n.rs"));
        let parts: Vec<&str> = line.split('"').collect();
        (parts[3].to_string(), parts[5].to_string())
    };
    let (link_ko, link_en) = label("course.link");
    let (share_ko, share_en) = label("share");
    let o = virtsim_in(&dir, &["new", "assignment", "labels-ko", "--lang", "ko"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let korean = std::fs::read_to_string(dir.join("labels-ko.toml")).unwrap();
    for text in [&text, &korean] {
        assert!(text.contains(&link_ko) && text.contains(&link_en), "{text}");
        assert!(
            !text.contains(&share_ko) && !text.contains(&share_en),
            "{text}"
        );
        assert!(
            !text.contains("share link") && !text.contains("공유 링크"),
            "{text}"
        );
    }
}

/// A copy's header commands name the copy, not the library's file: an instructor who
/// followed `# Grade: virtsim grade scenarios/assignments/hypervisor-types.toml ...` in a
/// copy graded the library's assignment. Under `--lang ko` they are in Korean, as the
/// template's are; every other line is the library's, byte for byte.
#[test]
fn new_from_header_commands_name_the_copy() {
    let dir = scratch_dir("new-from-header");
    let library = |path: &str| {
        std::fs::read_to_string(format!(
            "{}/../scenarios/{path}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    // The lines of `copy` (its first, the "copy of" line, skipped) that differ from
    // `original`'s, which has as many.
    let changed = |copy: &str, original: &str| -> Vec<String> {
        assert_eq!(copy.lines().count(), original.lines().count() + 1, "{copy}");
        assert!(copy.ends_with('\n') == original.ends_with('\n'));
        copy.lines()
            .skip(1)
            .zip(original.lines())
            .filter(|(a, b)| a != b)
            .map(|(a, _)| a.to_string())
            .collect()
    };

    let o = virtsim_in(
        &dir,
        &["new", "scenario", "lab2", "--from", "type1-vs-type2"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let copy = std::fs::read_to_string(dir.join("lab2.toml")).unwrap();
    assert_eq!(
        changed(&copy, &library("type1-vs-type2.toml")),
        [
            "# Run: virtsim run lab2.toml   (add --lang ko for Korean)",
            "name = \"lab2\""
        ]
    );

    let o = virtsim_in(
        &dir,
        &[
            "new",
            "scenario",
            "lab3",
            "--from",
            "type1-vs-type2",
            "--lang",
            "ko",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let copy = std::fs::read_to_string(dir.join("lab3.toml")).unwrap();
    assert!(
        copy.starts_with("# 라이브러리의 type1-vs-type2.toml을 복사한 파일입니다"),
        "{copy}"
    );
    assert_eq!(
        changed(&copy, &library("type1-vs-type2.toml")),
        [
            "# 실행: virtsim run lab3.toml --lang ko   (--lang 없이는 영어)",
            "name = \"lab3\""
        ]
    );

    // A scenario in two parts: the other part is a library file too, to copy.
    let o = virtsim_in(
        &dir,
        &[
            "new",
            "scenario",
            "paging",
            "--from",
            "memory-nested-paging",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let copy = std::fs::read_to_string(dir.join("paging.toml")).unwrap();
    assert!(!copy.contains("scenarios/"), "{copy}");
    assert!(
        copy.contains("\n# Run: virtsim new scenario my-memory-shadow-vs-nested --from memory-shadow-vs-nested   (the other part; then virtsim run my-memory-shadow-vs-nested.toml)\n#      virtsim run paging.toml\n"),
        "{copy}"
    );

    for (lang, expected) in [
        (
            "en",
            [
                "# Check:    virtsim validate week4.toml",
                "# Answers:  virtsim answers week4.toml --student s001",
                "# Grade:    virtsim grade week4.toml answers/*.json",
                "id = \"week4\"",
            ],
        ),
        (
            "ko",
            [
                "# 확인:         virtsim validate week4.toml --lang ko",
                "# 계산된 정답:  virtsim answers week4.toml --student s001 --lang ko",
                "# 채점:         virtsim grade week4.toml answers/*.json --lang ko",
                "id = \"week4\"",
            ],
        ),
    ] {
        let _ = std::fs::remove_file(dir.join("week4.toml"));
        let o = virtsim_in(
            &dir,
            &[
                "new",
                "assignment",
                "week4",
                "--from",
                "hypervisor-types",
                "--lang",
                lang,
            ],
        );
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let copy = std::fs::read_to_string(dir.join("week4.toml")).unwrap();
        assert_eq!(
            changed(&copy, &library("assignments/hypervisor-types.toml")),
            expected
        );
    }
    // The header's validate command, followed, checks the copy.
    let o = virtsim_in(&dir, &["validate", "week4.toml", "--lang", "ko"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

/// The assignment template shows good practice: `answers` finds no near tie, no tolerance
/// that accepts another platform and no figure that classmates' variants with other picks
/// share (the first thing an instructor runs on it). Classmates with the same picks differ
/// by their seed alone, which moves a measured figure by a percent or two: that note is
/// what a seed and a few choices give, and the template's steps have it.
#[test]
fn the_assignment_templates_answers_give_no_note() {
    let dir = scratch_dir("template-notes");
    let o = virtsim_in(&dir, &["new", "assignment", "notes"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = virtsim_in(&dir, &["answers", "notes.toml"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // Near ties and tolerances print `warning:`, shared figures `note:`: neither.
    let err = stderr(&o);
    let others: Vec<&str> = err
        .lines()
        .filter(|l| !l.contains(": students with the same picks differ only by their seed"))
        .collect();
    assert!(others.is_empty(), "{err}");
}

/// `grade` of several files of one student (the id compared trimmed) warns on stderr,
/// naming the files, and still grades them all.
#[test]
fn grade_warns_about_files_that_share_a_student_id() {
    let dir = scratch_dir("grade-shared-id");
    let a = write(&dir, "a.toml", ASSIGNMENT);
    let perfect = key(&a, "s1");
    let first = write(&dir, "first.json", &perfect.to_string());
    let second = write(&dir, "second.json", &perfect.to_string());
    let mut padded = perfect.clone();
    padded["student"] = " s1 ".into();
    let third = write(&dir, "third.json", &with_checksum(&padded).to_string());
    let other = write(&dir, "other.json", &key(&a, "s2").to_string());
    for lang in ["en", "ko"] {
        let o = virtsim(&["grade", &a, &first, &other, &second, &third, "--lang", lang]);
        assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
        let err = stderr(&o);
        let warnings: Vec<&str> = err.lines().filter(|l| l.contains("`s1`")).collect();
        assert_eq!(warnings.len(), 1, "{err}");
        for file in [&first, &second, &third] {
            assert!(warnings[0].contains(file.as_str()), "{file}: {err}");
        }
        assert!(!err.contains("`s2`"), "{err}");
        assert!(
            err.contains(if lang == "en" { "warning:" } else { "경고:" }),
            "{err}"
        );
        // Every file graded.
        let points = if lang == "en" { "3/3 points" } else { "3/3점" };
        assert_eq!(stdout(&o).matches(points).count(), 4, "{}", stdout(&o));
    }
    // One file per student: no warning.
    let o = virtsim(&["grade", &a, &first, &other]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!stderr(&o).contains("student id"), "{}", stderr(&o));
}

/// `answers --student "  s1 "` writes the trimmed id everywhere, as its variant uses it.
#[test]
fn answers_writes_the_trimmed_student_id() {
    let dir = scratch_dir("answers-trimmed");
    let a = write(&dir, "a.toml", ASSIGNMENT);
    let trimmed = virtsim(&["answers", &a, "--student", "s1", "--format", "csv"]);
    let padded = virtsim(&["answers", &a, "--student", "  s1 ", "--format", "csv"]);
    assert_eq!(code(&padded), 0, "{}", stderr(&padded));
    assert_eq!(stdout(&padded), stdout(&trimmed));
    assert!(stdout(&padded)
        .lines()
        .skip(1)
        .all(|l| l.starts_with("s1,")));
    let json = virtsim(&["answers", &a, "--student", "  s1 ", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(json["student"], "s1");
    let table = virtsim(&["answers", &a, "--student", "  s1 "]);
    assert!(
        stdout(&table).contains(", student s1, "),
        "{}",
        stdout(&table)
    );
}

#[test]
fn answers_notes_numeric_questions_that_variation_does_not_move() {
    // bt-rel is binary translation's share of native on system calls: fixed costs per
    // operation, so neither the seed nor one or two host cores move it beyond ±10%: three
    // sample students' variants grade each other's figure right, and `answers` says so.
    let dir = scratch_dir("copyable");
    let a = write(&dir, "a.toml", ASSIGNMENT);
    let o = virtsim(&["answers", &a]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("note: step `one`") && err.contains("`bt-rel`") && err.contains("(±10%)"),
        "{err}"
    );
    // The choice question is not a figure to copy; a student's own answers say nothing.
    assert!(!err.contains("`slowest`"), "{err}");
    let o = virtsim(&["answers", &a, "--student", "s1"]);
    // Near ties and tolerances print `warning:`, shared figures `note:`: neither.
    assert_eq!(stderr(&o).trim(), "", "{}", stderr(&o));
    // A tolerance narrower than the variants' spread: no note (the seed moves the
    // measured share by a little, and 0% accepts only the printed figure itself).
    let narrow = ASSIGNMENT.replace("tolerance_percent = 10", "tolerance_percent = 0");
    let a = write(&dir, "narrow.toml", &narrow);
    let o = virtsim(&["answers", &a]);
    let assignment =
        sim_core::assignment::Assignment::from_toml("narrow.toml", &narrow, &|_: &str| None)
            .unwrap();
    let students = sim_core::assignment::sample_students(&assignment, 0);
    assert_eq!(students.len(), 3);
    let answers: Vec<String> = students
        .iter()
        .map(|s| {
            let o = virtsim(&["answers", &a, "--student", s, "--format", "csv"]);
            // student,step,question,kind,points,predict,answer,...: bt-rel's answer.
            let row = stdout(&o).lines().nth(2).unwrap_or_default().to_string();
            row.split(',').nth(6).unwrap_or_default().to_string()
        })
        .collect();
    let spread = answers.iter().any(|x| x != &answers[0]);
    assert_eq!(
        stderr(&o).contains("note:"),
        !spread,
        "{answers:?}: {}",
        stderr(&o)
    );
}

/// A memory choice that leaves the guests OOM-killed even alone is a warning on stderr,
/// located at the choice, from `validate` and `answers`, in English and Korean; the file
/// stays valid (exit 0).
#[test]
fn a_memory_choice_too_small_is_a_warning_of_validate_and_answers() {
    let dir = scratch_dir("memory-too-small");
    let text = ASSIGNMENT.replace(
        "parameter = \"host_cores\"\nchoices = [1, 2]",
        "parameter = \"memory_per_instance_mib\"\nchoices = [1024, 256]",
    );
    assert_ne!(text, ASSIGNMENT);
    let a = write(&dir, "a.toml", &text);
    // At the 256 of `choices = [1024, 256]`: column 18 of its line.
    let offset = text.find("[1024, 256]").expect("the choices");
    let line = text[..offset].matches('\n').count() + 1;
    let at = format!("{a}:{line}:18: ");
    for (lang, prefix, phrase) in [
        (
            "en",
            "warning: ",
            "the smallest setting that avoids it is 384 MiB (in steps of 64 MiB)",
        ),
        ("ko", "경고: ", "가장 작은 값은 384 MiB입니다(64 MiB 단위)"),
    ] {
        let o = virtsim(&["validate", &a, "--lang", lang]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert!(stdout(&o).starts_with(&format!("{a}: ")), "{}", stdout(&o));
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with(&format!("{prefix}{at}")) && err.contains(phrase),
            "{err}"
        );
        let o = virtsim(&["answers", &a, "--lang", lang]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!("{prefix}{at}")),
            "{}",
            stderr(&o)
        );
    }
    // The library's assignments give none (only notes: scenario questions they leave out
    // on purpose).
    let o = virtsim(&["validate", "--lang", "en", &library_dir("assignments")]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).lines().all(|l| l.starts_with("note: ")),
        "{}",
        stderr(&o)
    );
}

/// A warning about a question of an embedded scenario (a tolerance that accepts another
/// platform's value, found by running it) is located at the question's `id` in the
/// assignment, not at the scenario's own line (it pointed 10 lines up, at `[[platform]]`).
#[test]
fn answers_locates_an_embedded_scenarios_question_in_the_assignment() {
    let dir = scratch_dir("embedded-question-place");
    let text = "[assignment]\nid = \"w\"\ntitle = { en = \"A\", ko = \"A\" }\nintro = { en = \"I\", ko = \"I\" }\n\n\
[[step]]\nid = \"s1\"\ntitle = { en = \"S\", ko = \"S\" }\nintro = { en = \"I\", ko = \"I\" }\nscenario_toml = '''\n\
[scenario]\nname = \"b\"\nduration_ms = 20\n\n[host]\ncores = 2\n\n\
[[platform]]\nname = \"p1\"\nkind = \"container\"\n\n[[platform]]\nname = \"p2\"\nkind = \"native\"\n\n\
[[instance]]\nname = \"web\"\nworkload = \"web-server\"\n\n\
[[question]]\nid = \"q\"\nkind = \"numeric\"\ntext = { en = \"x\", ko = \"x\" }\nmetric = \"throughput\"\nplatform = \"p2\"\ntolerance_percent = 50\n\
'''\nscenario_questions = [\"q\"]\n";
    let a = write(&dir, "a.toml", text);
    // `id = "q"`: its value at column 6 of its line in the file.
    let line = text[..text.find("id = \"q\"").unwrap()]
        .matches('\n')
        .count()
        + 1;
    let o = virtsim(&["answers", &a]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "warning: {a}:{line}:6: s1: numeric question `q`'s tolerance"
        )),
        "line {line}: {err}"
    );
}

/// A step's scenario file that exists but cannot be read is said to be so, with why (it
/// was said to be "neither a library scenario nor a file").
#[test]
fn a_steps_scenario_file_too_large_or_a_directory_is_said_to_be_one() {
    let dir = scratch_dir("unreadable-step-file");
    let assignment = |name: &str| {
        format!("[assignment]\nid = \"u\"\ntitle = {{ en = \"A\", ko = \"A\" }}\nintro = {{ en = \"I\", ko = \"I\" }}\n\n[[step]]\nid = \"s1\"\ntitle = {{ en = \"S\", ko = \"S\" }}\nintro = {{ en = \"I\", ko = \"I\" }}\nscenario = \"{name}\"\n")
    };
    let big = "# padding\n".repeat(30_000);
    write(&dir, "big.toml", &big);
    std::fs::create_dir_all(dir.join("folder.toml")).unwrap();
    let a = write(&dir, "a.toml", &assignment("big.toml"));
    let o = virtsim(&["validate", &a]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{a}:10:12: step `s1`: scenario file `"))
            && err.contains(&format!(
                "is {} bytes; a scenario file is at most 262,144",
                big.len()
            )),
        "{err}"
    );
    let a = write(&dir, "a.toml", &assignment("folder.toml"));
    let err = stderr(&virtsim(&["validate", &a, "--lang", "ko"]));
    assert!(err.contains("디렉터리입니다"), "{err}");
}

/// A directory of the repository's scenario library.
fn library_dir(sub: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../scenarios")
        .join(sub)
        .display()
        .to_string()
}

/// Steps that each fit one scenario's event budget but not together: `validate`, `answers`
/// and `grade` refuse the assignment (exit 2, located at the step that crosses the budget)
/// before running anything; one such step alone validates, with the scenario's estimate.
#[test]
fn an_assignment_over_the_event_budget_is_refused_before_any_run() {
    let dir = scratch_dir("budget");
    let scenario = "[scenario]\nname = \"largest events\"\nduration_ms = 1500\n\n[host]\ncores = 64\nmemory_gib = 4096\n\n[[platform]]\nname = \"ct\"\nkind = \"container\"\n\n[[instance]]\nname = \"many\"\ncount = 1024\nvcpus = 4\nmemory_gib = 2\nworkload = \"syscall-heavy\"\n";
    let step = |id: &str| {
        format!(
            "\n[[step]]\nid = \"{id}\"\ntitle = {{ en = \"t\", ko = \"t\" }}\nintro = {{ en = \"i\", ko = \"i\" }}\nscenario_toml = '''\n{scenario}'''\n[[step.question]]\nid = \"q\"\nkind = \"numeric\"\ntext = {{ en = \"x\", ko = \"x\" }}\nmetric = \"throughput\"\nplatform = \"ct\"\n"
        )
    };
    let head = "[assignment]\nid = \"slow\"\ntitle = { en = \"slow\", ko = \"slow\" }\n";
    std::fs::write(dir.join("s.toml"), scenario).expect("write scenario");
    std::fs::write(dir.join("one.toml"), format!("{head}{}", step("s0"))).expect("write");
    let two = format!("{head}{}{}", step("s0"), step("s1"));
    std::fs::write(dir.join("two.toml"), &two).expect("write");
    std::fs::write(dir.join("a.json"), "{}").expect("write");

    // The scenario alone and the one-step assignment: the same estimate.
    let o = virtsim_in(&dir, &["validate", "s.toml"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let estimate = |out: &str| {
        out.split("estimated ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .and_then(|n| n.replace(',', "").parse::<u64>().ok())
            .unwrap_or_else(|| panic!("no estimate in {out}"))
    };
    let events = estimate(&stdout(&o));
    assert!(events > 1_000_000_000, "{events}");
    let o = virtsim_in(&dir, &["validate", "one.toml"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("per student, every step: estimated"),
        "{}",
        stdout(&o)
    );
    assert_eq!(estimate(&stdout(&o)), events);

    let line = two[..two.find("id = \"s1\"").expect("s1")].lines().count() + 1;
    let at = format!("two.toml:{line}:6: ");
    for args in [
        &["validate", "two.toml"][..],
        &["answers", "two.toml", "--student", "s001"],
        &["grade", "two.toml", "a.json"],
    ] {
        #[allow(clippy::disallowed_methods)] // the test measures that nothing runs
        let start = std::time::Instant::now();
        let o = virtsim_in(&dir, args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(start.elapsed().as_secs() < 30, "{args:?} ran");
        let err = stderr(&o);
        assert!(err.starts_with(&at), "{args:?}: {err}");
        assert!(
            err.contains("step `s1` takes the sum over the limit"),
            "{err}"
        );
        assert!(err.contains("(limit 2,000,000,000"), "{err}");
    }
    let o = virtsim_in(&dir, &["validate", "--lang", "ko", "two.toml"]);
    assert!(
        stderr(&o).contains("단계 `s1`에서 합이 한도를 넘습니다"),
        "{}",
        stderr(&o)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// What grade guesses a file that is not an answers file is: TOML (an assignment or a
/// scenario) only when it reads as TOML; JSON of another shape is named as JSON.
#[test]
fn grade_tells_json_that_is_not_an_answers_file_from_toml() {
    let dir = scratch_dir("guess");
    std::fs::write(dir.join("a.toml"), ASSIGNMENT).expect("write");
    let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
    let cases = [
        (
            "deep.json",
            deep.as_str(),
            "this is JSON, but an array, not an object: an answers file is one object {",
        ),
        (
            "empty.json",
            "[]",
            "this is JSON, but an array, not an object",
        ),
        // Five values: serde read them as the object's five fields, in order.
        (
            "five.json",
            "[\"virtsim-answers/1\", \"a\", \"s001\", [], \"x\"]",
            "five.json:1:1: not an answers file (virtsim-answers/1): this is JSON, but an array, not an object",
        ),
        (
            "number.json",
            "\n 42",
            "number.json:2:2: not an answers file (virtsim-answers/1): this is JSON, but a number, not an object",
        ),
        (
            "object.json",
            "{\"a\": 1}",
            "this is JSON, but not an answers file",
        ),
        // Cut off: not "this is JSON".
        (
            "cut.json",
            "{\"format\": \"virtsim-answers/1\", \"assignment\": \"a",
            "the file ends before its JSON does (cut off when it was copied or saved?): an answers file is one object {",
        ),
        ("words.json", "hello", "this is not valid JSON: an answers file is one object {"),
        (
            "header.json",
            "[assignment]\nid = \"x\"\n",
            "this looks like a TOML file",
        ),
        (
            "nested.json",
            "[[step]]\nid = \"x\"\n",
            "this looks like a TOML file",
        ),
        ("comment.json", "# notes\n", "this looks like a TOML file"),
    ];
    for (name, text, guess) in cases {
        std::fs::write(dir.join(name), text).expect("write");
        let o = virtsim_in(&dir, &["grade", "a.toml", name]);
        assert_eq!(code(&o), 2, "{name}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains(guess), "{name}: {out}");
        let other = if guess.contains("TOML") {
            "this is JSON"
        } else {
            "TOML"
        };
        assert!(!out.contains(other), "{name}: {out}");
    }
    let o = virtsim_in(&dir, &["grade", "--lang", "ko", "a.toml", "deep.json"]);
    assert!(
        stdout(&o).contains("JSON이지만 객체가 아니라 배열입니다: 답안 파일은 객체 하나 {"),
        "{}",
        stdout(&o)
    );
    let o = virtsim_in(&dir, &["grade", "--lang", "ko", "a.toml", "cut.json"]);
    assert!(
        stdout(&o).contains("JSON이 끝나기 전에 파일이 끝납니다"),
        "{}",
        stdout(&o)
    );
    let o = virtsim_in(&dir, &["grade", "--lang", "ko", "a.toml", "object.json"]);
    assert!(
        stdout(&o).contains("JSON이지만 답안 파일이 아닙니다"),
        "{}",
        stdout(&o)
    );
    // serde's reason in Korean too, its names kept.
    assert!(
        stdout(&o).contains("알 수 없는 필드 `a`입니다. 쓸 수 있는 필드: `format`, `assignment`"),
        "{}",
        stdout(&o)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `answers` (a table, CSV, JSON, an answers file) and `grade` list a step's questions in
/// the order the page asks them: the predictions before the run first, wherever the file
/// puts them.
#[test]
fn answers_and_grade_list_the_predictions_first() {
    let dir = scratch_dir("predictions-first");
    let (head, questions) = ASSIGNMENT
        .split_once("[[step.question]]")
        .expect("a question");
    let (predicted, measured) = questions
        .split_once("[[step.question]]")
        .expect("two questions");
    // The measured question written first, the prediction after it.
    let text = format!("{head}[[step.question]]{measured}\n[[step.question]]{predicted}");
    let file = write(&dir, "order.toml", &text);
    let o = virtsim(&["answers", &file]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let out = stdout(&o);
    let at = |id: &str| {
        out.find(&format!("] {id}:"))
            .unwrap_or_else(|| panic!("{id} in {out}"))
    };
    assert!(at("slowest") < at("bt-rel"), "{out}");
    // Every other listing: the prediction's row or entry before the other's.
    let before = |out: &str, what: &str| {
        let (p, m) = (out.find("slowest"), out.find("bt-rel"));
        assert!(p.is_some() && p < m, "{what}: {out}");
    };
    for format in ["csv", "json"] {
        let o = virtsim(&["answers", &file, "--format", format]);
        assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
        before(&stdout(&o), format);
    }
    let o = virtsim(&["answers", &file, "--student", "s1", "--answers-file"]);
    let key = stdout(&o);
    before(&key, "--answers-file");
    let answers = write(&dir, "s1.json", &key);
    for format in ["table", "csv", "json"] {
        let o = virtsim(&["grade", &file, &answers, "--format", format]);
        assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
        before(&stdout(&o), &format!("grade --format {format}"));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A step naming a library scenario the CLI does not have: the message names it and lists
/// the library's files (it spoke of a closure returning None).
#[test]
fn a_missing_library_scenario_is_named_with_the_files_there_are() {
    let dir = scratch_dir("missing-library-scenario");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../scenarios/assignments/hypervisor-types.toml"),
    )
    .expect("library assignment");
    // A slip of a letter gets the nearest name the library has.
    let slip = text.replacen(
        "scenario = \"type1-vs-type2.toml\"",
        "scenario = \"type9-vs-type2.toml\"",
        1,
    );
    let o = virtsim(&["validate", &write(&dir, "slip.toml", &slip)]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("did you mean `type1-vs-type2.toml`?"),
        "{}",
        stderr(&o)
    );
    // A name near none of them: the list.
    let text = text.replacen(
        "scenario = \"type1-vs-type2.toml\"",
        "scenario = \"lecture-seven.toml\"",
        1,
    );
    let file = write(&dir, "a.toml", &text);
    for (lang, phrases) in [
        (
            "en",
            [
                "`lecture-seven.toml` is neither a library scenario nor a file (looked for at ",
                "; the library has `",
                "`type1-vs-type2.toml`",
                "embed it with scenario_toml",
            ],
        ),
        (
            "ko",
            [
                "`lecture-seven.toml`은 라이브러리 시나리오도 아니고 파일도 아닙니다(",
                "라이브러리에 있는 시나리오: `",
                "`type1-vs-type2.toml`",
                "로 넣으세요",
            ],
        ),
    ] {
        let o = virtsim(&["validate", "--lang", lang, &file]);
        assert_eq!(code(&o), 2, "{}", stderr(&o));
        for phrase in phrases {
            assert!(stderr(&o).contains(phrase), "{lang}: {}", stderr(&o));
        }
        assert!(stderr(&o).contains("`smoke.toml`"), "{}", stderr(&o));
        assert!(!stderr(&o).contains("closure"), "{}", stderr(&o));
    }
}

/// The instructor's week-7 step: four web servers and two batch jobs on a host of 4, 6
/// or 8 cores; which platform has the lowest p99 of a network receive (docker for most
/// variants, xen-pv for 6 cores when this was written). `answers` warns of a choice
/// answer that differs between the variants it compares (the reference variant and the
/// sample students'), exactly when it does, naming each answer's variants; and it prints
/// a note the variants share once, naming them.
#[test]
fn answers_warns_of_a_choice_answer_that_differs_between_variants() {
    let dir = scratch_dir("differing-choice");
    let scenario = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/web-busy.toml"),
    )
    .expect("web-busy.toml");
    let text = format!(
        r#"
[assignment]
id = "virt-week7"
title = {{ en = "Week 7", ko = "7주차" }}

[[step]]
id = "web-busy"
title = {{ en = "Web servers on a busy host", ko = "바쁜 호스트의 웹 서버" }}
intro = {{ en = "Run.", ko = "실행." }}
scenario_toml = '''
{scenario}
'''
scenario_questions = ["lowest-p99"]
student_seed = true

[[step.vary]]
parameter = "host_cores"
choices = [4, 6, 8]
"#
    );
    let a = write(&dir, "week7.toml", &text);
    let assignment =
        sim_core::assignment::Assignment::from_toml("week7.toml", &text, &|_: &str| None)
            .expect("valid");
    let answer = |student: Option<&str>| {
        let mut args = vec!["answers", a.as_str(), "--format", "csv"];
        if let Some(s) = student {
            args.extend(["--student", s]);
        }
        let o = virtsim(&args);
        // student,step,question,kind,points,predict,answer,...
        let row = stdout(&o).lines().nth(1).unwrap_or_default().to_string();
        row.split(',').nth(6).unwrap_or_default().to_string()
    };
    let students = sim_core::assignment::sample_students(&assignment, 0);
    let mut answers = vec![answer(None)];
    answers.extend(students.iter().map(|s| answer(Some(s))));
    let differs = answers.iter().any(|x| x != &answers[0]);
    for (lang, phrase) in [
        (
            "en",
            "choice question `lowest-p99` has a different answer in different variants: ",
        ),
        ("ko", "선택 질문 `lowest-p99`의 정답이 변형마다 다릅니다: "),
    ] {
        let o = virtsim(&["answers", &a, "--lang", lang]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let err = stderr(&o);
        assert_eq!(err.contains(phrase), differs, "{answers:?}: {err}");
        if differs {
            // Each answer with its variants, the parameter picked beside each.
            for (student, given) in students.iter().zip(&answers[1..]) {
                assert!(err.contains(given.as_str()), "{err}");
                assert!(err.contains(&format!("{student} [host_cores=")), "{err}");
            }
        }
        // No line twice: a note every variant gives is printed once.
        let mut lines: Vec<&str> = err.lines().collect();
        let all = lines.len();
        lines.sort_unstable();
        lines.dedup();
        assert_eq!(lines.len(), all, "{err}");
    }
}

/// A step's `scenario` that the library lacks is read as a file relative to the assignment
/// file (wherever virtsim runs from), with a warning that the page cannot read it; its
/// errors are located in that file; its answers are those of the same scenario embedded
/// (the same scenario hash, so answers files stay gradable either way).
#[test]
fn a_step_scenario_is_read_from_a_file_beside_the_assignment() {
    let dir = scratch_dir("scenario-file");
    let scenario = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/web-busy.toml"),
    )
    .expect("web-busy.toml");
    write(&dir, "web-busy.toml", &scenario);
    let step = |source: &str| {
        format!(
            r#"
[assignment]
id = "week7"
title = {{ en = "Week 7", ko = "7주차" }}

[[step]]
id = "web-busy"
title = {{ en = "Web servers", ko = "웹 서버" }}
intro = {{ en = "Run.", ko = "실행." }}
{source}
scenario_questions = ["lowest-p99"]
"#
        )
    };
    let by_path = write(&dir, "by-path.toml", &step("scenario = \"web-busy.toml\""));
    let embedded = write(
        &dir,
        "embedded.toml",
        &step(&format!("scenario_toml = '''\n{scenario}\n'''")),
    );
    // Run from another folder: the path is the assignment file's folder's.
    let elsewhere = std::env::temp_dir();
    let o = virtsim_in(&elsewhere, &["validate", &by_path]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o)
            .contains("scenario `web-busy.toml` is not in the library; it is read from the file")
            && stderr(&o).contains("the page cannot open this assignment"),
        "{}",
        stderr(&o)
    );
    // The verdict says it too, on the line a script or a quick look reads.
    assert!(
        stdout(&o).contains(": ok (")
            && stdout(&o).contains(
                "for virtsim only: the page cannot open it, 1 step reads a scenario file"
            ),
        "{}",
        stdout(&o)
    );
    let o = virtsim_in(&elsewhere, &["validate", "--lang", "ko", &by_path]);
    assert!(
        stderr(&o).contains("페이지에서는 이 과제를 열 수 없습니다"),
        "{}",
        stderr(&o)
    );
    let answers = |file: &str| {
        let o = virtsim_in(
            &elsewhere,
            &["answers", file, "--student", "s1", "--format", "csv"],
        );
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        stdout(&o)
    };
    assert_eq!(answers(&by_path), answers(&embedded));
    // An error in the scenario file: at its line there.
    write(
        &dir,
        "web-busy.toml",
        &scenario.replace("cores = 4", "cores = 0"),
    );
    let o = virtsim_in(&elsewhere, &["validate", &by_path]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let at = format!("{}:10:9: host.cores", dir.join("web-busy.toml").display());
    assert!(stderr(&o).contains(&at), "{}", stderr(&o));
}

/// `answers --answers-file --set` writes the answers file of a student who gave the
/// answers set (a wrong choice, a figure, none), with its checksum: `grade` grades it and
/// gives the points those answers earn; a question the assignment lacks is refused.
#[test]
fn answers_set_writes_a_graded_file_with_chosen_answers() {
    let dir = scratch_dir("answers-set");
    let a = write(&dir, "a.toml", ASSIGNMENT);
    let perfect = key(&a, "s3");
    let right = perfect["steps"][0]["answers"][0]["answer"]
        .as_str()
        .expect("slowest's answer")
        .to_string();
    let wrong = if right == "bt" { "hw" } else { "bt" };
    let set = |sets: &[&str]| {
        let mut args = vec!["answers", a.as_str(), "--student", "s3", "--answers-file"];
        for s in sets {
            args.extend(["--set", s]);
        }
        let o = virtsim(&args);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        write(&dir, "s3.json", &stdout(&o))
    };
    // The prediction wrong (2 points lost), the figure right: 1/3.
    let file = set(&[&format!("slowest={wrong}")]);
    let o = virtsim(&["grade", &a, &file, "--format", "csv"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let csv = stdout(&o);
    assert!(csv.contains(",wrong,0,2,true"), "{csv}");
    assert!(csv.contains(",right,1,1,false"), "{csv}");
    let o = virtsim(&["grade", &a, &file]);
    assert!(stdout(&o).contains("1/3 points"), "{}", stdout(&o));
    // STEP/QUESTION; a figure far off and an empty answer (unanswered): 0/3.
    let file = set(&["one/bt-rel=0.5", "slowest="]);
    let o = virtsim(&["grade", &a, &file, "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["files"][0]["points"], 0, "{json}");
    let verdicts: Vec<&str> = json["files"][0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["unanswered", "wrong"], "{json}");
    // The same answers as computed: the perfect file, byte for byte.
    let file = set(&[&format!("slowest={right}")]);
    let same: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert_eq!(same, perfect);
    // A question the assignment lacks, or no `=`: refused (exit 1), naming the ids.
    for bad in ["nope=1", "slowest"] {
        let o = virtsim(&[
            "answers",
            &a,
            "--student",
            "s3",
            "--answers-file",
            "--set",
            bad,
        ]);
        assert_eq!(code(&o), 1, "{}", stderr(&o));
        assert!(stderr(&o).contains("--set"), "{}", stderr(&o));
    }
    let o = virtsim(&[
        "answers",
        &a,
        "--student",
        "s3",
        "--answers-file",
        "--set",
        "nope=1",
    ]);
    assert!(
        stderr(&o).contains("one/slowest, one/bt-rel"),
        "{}",
        stderr(&o)
    );
}

/// `validate` of an assignment whose embedded scenario has two independent mistakes prints
/// both, each at its line and column in the assignment, in the file's order, in English and
/// Korean, from a file and from a pipe (exit 2).
#[test]
fn validate_lists_every_error_of_an_embedded_scenario() {
    let dir = scratch_dir("embedded-errors");
    // The scenario starts on line 10: `cores = 0` is line 14 (after `cores = `, column 9),
    // the instance's workload line 20 (after `workload = `, column 12).
    let text = "[assignment]\nid = \"two-errors\"\ntitle = { en = \"T\", ko = \"T\" }\n\n[[step]]\nid = \"one\"\ntitle = { en = \"S\", ko = \"S\" }\nintro = { en = \"I\", ko = \"I\" }\nscenario_toml = '''\n[scenario]\nname = \"e\"\nduration_ms = 10\n[host]\ncores = 0\n[[platform]]\nname = \"n\"\nkind = \"native\"\n[[instance]]\nname = \"a\"\nworkload = \"web-sever\"\n'''\n";
    let a = write(&dir, "a.toml", text);
    let o = virtsim(&["validate", &a]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with(&format!("{a}:14:9: host.cores must be between 1 and 1,024")),
        "{err}"
    );
    assert!(
        lines[1].starts_with(&format!(
            "{a}:20:12: instance `a`: unknown workload `web-sever`"
        )),
        "{err}"
    );
    let o = virtsim(&["validate", &a, "--lang", "ko"]);
    let err = stderr(&o);
    assert!(
        err.contains(":14:9: host.cores 값은 1에서 1,024 사이여야 합니다"),
        "{err}"
    );
    assert!(
        err.contains(":20:12: 인스턴스 `a`: 알 수 없는 워크로드 `web-sever`"),
        "{err}"
    );
    // From a pipe, read as an assignment too.
    let mut child = Command::new(env!("CARGO_BIN_EXE_virtsim"))
        .args(["validate", "/dev/stdin"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("start virtsim");
    use std::io::Write as _;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write");
    let o = child.wait_with_output().expect("wait");
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(
        err.starts_with("/dev/stdin:14:9: ") && err.contains("\n/dev/stdin:20:12: "),
        "{err}"
    );
}

/// `new --from` copies a library scenario or assignment under the new name, which runs
/// with the library's results; a library name given to `run` as a path says how to get a
/// file of it; an unknown `--from` lists the library and writes nothing.
#[test]
fn new_from_copies_a_library_file_and_run_points_to_it() {
    let dir = scratch_dir("new-from");
    let o = virtsim_in(&dir, &["new", "scenario", "lab-1", "--from", "smoke"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let copy = std::fs::read_to_string(dir.join("lab-1.toml")).unwrap();
    assert!(copy.contains("\nname = \"lab-1\"\n"), "{copy}");
    // The same results as the library's file, apart from the scenario's name.
    let smoke = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/smoke.toml");
    let mut library = virtsim(&["run", smoke, "--format", "json"]);
    let copied = virtsim_in(&dir, &["run", "lab-1.toml", "--format", "json"]);
    assert_eq!(code(&copied), 0, "{}", stderr(&copied));
    let library: serde_json::Value =
        serde_json::from_slice(&std::mem::take(&mut library.stdout)).unwrap();
    let copied: serde_json::Value = serde_json::from_slice(&copied.stdout).unwrap();
    assert_eq!(library["platforms"], copied["platforms"]);
    assert_eq!(copied["scenario"], "lab-1");

    let o = virtsim_in(
        &dir,
        &["new", "assignment", "hw-1", "--from", "hypervisor-types"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = virtsim_in(&dir, &["validate", "hw-1.toml"]);
    assert!(stdout(&o).contains("assignment `hw-1`"), "{}", stdout(&o));

    // A library scenario's name where no file has it: the library's scenario runs, as
    // `new --from` would copy it, and a note says so (an instructor tried `run smoke`).
    let o = virtsim_in(&dir, &["run", "type1-vs-type2", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("note: no file `type1-vs-type2` here: running the library scenario `type1-vs-type2` (`virtsim new scenario my-type1-vs-type2 --from type1-vs-type2` writes a copy to change)"),
        "{}",
        stderr(&o)
    );
    let from_library: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let o = virtsim(&[
        "run",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../scenarios/type1-vs-type2.toml"
        ),
        "--format",
        "json",
    ]);
    let from_file: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(from_library["platforms"], from_file["platforms"]);
    // A file of that name comes first; a name the library lacks is a file not found.
    std::fs::write(dir.join("smoke"), "not toml").unwrap();
    let o = virtsim_in(&dir, &["run", "smoke"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let o = virtsim_in(&dir, &["run", "no-such-scenario"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot read no-such-scenario"),
        "{}",
        stderr(&o)
    );
    // An assignment's name to `new scenario`: said to be one (an instructor's review).
    let o = virtsim_in(
        &dir,
        &["new", "scenario", "x", "--from", "hypervisor-types"],
    );
    assert!(
        stderr(&o).contains("`hypervisor-types` is a library assignment: `virtsim new assignment NAME --from hypervisor-types`"),
        "{}",
        stderr(&o)
    );
    let o = virtsim_in(&dir, &["new", "scenario", "x", "--from", "type3-vs-type4"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o)
            .contains("no library scenario has that name; did you mean `type1-vs-type2`? the library's: consolidation-density, "),
        "{}",
        stderr(&o)
    );
    assert!(!dir.join("x.toml").exists());
}

/// A scenario of the OOM-killed Windows guest kind (`memory_gib = 1`), with a question.
const WINDOWS_SCENARIO: &str = r#"[scenario]
name = "win"
duration_ms = 5

[[platform]]
name = "kvm"
kind = "type1"
technique = "hardware_assist"

[[platform]]
name = "docker"
kind = "container"

[[instance]]
name = "web"
workload = "web-server"
platforms = ["kvm"]
memory_gib = 1
guest_os = "windows"

[[instance]]
name = "box"
workload = "web-server"
platforms = ["docker"]

[[question]]
id = "fastest"
kind = "choice"
text = { en = "Fastest start?", ko = "가장 빨리 시작?" }
metric = "startup_ms"
select = "lowest"
"#;

/// A step's scenario's own warning (a guest OOM-killed alone) is a warning of the
/// assignment, once per step, from `validate` and `answers`: an embedded scenario's at its
/// line in the assignment, a scenario file's in that file; a scenario question the step does
/// not ask is a note of `validate` only. In English and Korean.
#[test]
fn a_steps_scenario_warnings_and_left_out_questions_are_reported() {
    let dir = scratch_dir("scenario-warnings");
    write(&dir, "win.toml", WINDOWS_SCENARIO);
    let text = format!(
        "[assignment]\nid = \"win\"\ntitle = {{ en = \"Win\", ko = \"윈\" }}\n\n[[step]]\nid = \"emb\"\ntitle = {{ en = \"E\", ko = \"E\" }}\nintro = {{ en = \"E\", ko = \"E\" }}\nscenario_toml = '''\n{WINDOWS_SCENARIO}'''\n\n[[step.vary]]\nparameter = \"memory_per_instance_mib\"\nchoices = [1024, 2048]\n\n[[step.question]]\nid = \"density\"\nkind = \"numeric\"\ntext = {{ en = \"Density?\", ko = \"밀도?\" }}\nmetric = \"density\"\nplatform = \"kvm\"\n\n[[step]]\nid = \"file\"\ntitle = {{ en = \"F\", ko = \"F\" }}\nintro = {{ en = \"F\", ko = \"F\" }}\nscenario = \"win.toml\"\nscenario_questions = [\"fastest\"]\n"
    );
    let a = write(&dir, "a.toml", &text);
    let line_of = |needle: &str| text[..text.find(needle).unwrap()].matches('\n').count() + 1;
    // Step `emb` varies the memory: its 1024 choice is warned about at the choice (the
    // scenario's memory_gib, which no student gets, is not); 2048 holds the guest.
    let memory = format!("{a}:{}:12: ", line_of("choices = [1024, 2048]"));
    let scenario_at = format!("{a}:{}:17: ", line_of("scenario_toml"));
    let file_line = WINDOWS_SCENARIO[..WINDOWS_SCENARIO.find("memory_gib = 1").unwrap()]
        .matches('\n')
        .count()
        + 1;
    let in_file = format!("win.toml:{file_line}:14: ");
    for (lang, warning, note, emb, file, left) in [
        (
            "en",
            "warning: ",
            "note: ",
            "step `emb`: with memory_per_instance_mib = 1024 the OOM killer stops instances even running alone",
            "step `file`: instance `web`: with memory_gib = 1",
            "step `emb`: the scenario's question `fastest` is not asked (a step asks only the scenario questions its scenario_questions lists); to ask it, write scenario_questions = [\"fastest\"]",
        ),
        (
            "ko",
            "경고: ",
            "참고: ",
            "단계 `emb`: memory_per_instance_mib = 1024이면",
            "단계 `file`: 인스턴스 `web`: memory_gib = 1(1024 MiB)이면",
            "단계 `emb`: 시나리오의 질문 `fastest`는 묻지 않습니다",
        ),
    ] {
        let o = virtsim(&["validate", &a, "--lang", lang]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let err = stderr(&o);
        let line = |prefix: &str, phrase: &str| {
            err.lines()
                .filter(|l| l.starts_with(prefix) && l.contains(phrase))
                .count()
        };
        assert_eq!(line(&format!("{warning}{memory}"), emb), 1, "{err}");
        assert_eq!(line(warning, &format!("{in_file}{file}")), 1, "{err}");
        assert_eq!(line(&format!("{note}{scenario_at}"), left), 1, "{err}");
        // Nothing of the memory as written for the step that varies it, nor of 2048.
        assert!(!err.contains("step `emb`: instance `web`"), "{err}");
        assert!(!err.contains("단계 `emb`: 인스턴스 `web`"), "{err}");
        assert!(!err.contains("memory_per_instance_mib = 2048"), "{err}");
        let o = virtsim(&["answers", &a, "--lang", lang]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let err = stderr(&o);
        assert_eq!(err.matches(emb).count(), 1, "{err}");
        assert_eq!(err.matches(file).count(), 1, "{err}");
        assert!(!err.contains(left), "{err}");
    }
}

/// A varied parameter that changes no answer (vm_exit_cycles where every platform is a
/// container) is a warning of `answers` at its `parameter`, saying why, in English and
/// Korean; without a seed of their own the copying notes would only repeat it.
#[test]
fn a_varied_parameter_without_effect_is_a_warning_of_answers() {
    let dir = scratch_dir("without-effect");
    let text = "[assignment]\nid = \"noseed\"\ntitle = { en = \"C\", ko = \"C\" }\n[[step]]\nid = \"c\"\ntitle = { en = \"t\", ko = \"t\" }\nintro = { en = \"t\", ko = \"t\" }\nscenario_toml = '''\n[scenario]\nname = \"cont-only\"\nduration_ms = 5\n[[platform]]\nname = \"docker\"\nkind = \"container\"\n[[platform]]\nname = \"host-net\"\nkind = \"container\"\nnetwork = \"host\"\n[[instance]]\nname = \"w\"\nworkload = \"network-rr\"\n'''\n[[step.vary]]\nparameter = \"vm_exit_cycles\"\nchoices = [500, 1000, 4000]\n[[step.question]]\nid = \"q\"\nkind = \"numeric\"\ntext = { en = \"p99?\", ko = \"p99?\" }\nmetric = \"p99_latency_us\"\nop = \"net_receive\"\nplatform = \"docker\"\ntolerance_percent = 1\n";
    let a = write(&dir, "a.toml", text);
    let line = text[..text.find("parameter = \"vm_exit_cycles\"").unwrap()]
        .matches('\n')
        .count()
        + 1;
    for (lang, phrase) in [
        (
            "en",
            format!("warning: {a}:{line}:13: step `c`: `vm_exit_cycles` changes no answer here (no platform takes VM exits: every one is a container or native): with the same seed, the variants [vm_exit_cycles=500] / [vm_exit_cycles=1000] / [vm_exit_cycles=4000] give the same answer to every question"),
        ),
        (
            "ko",
            format!("경고: {a}:{line}:13: 단계 `c`: 여기서는 `vm_exit_cycles` 값을 바꿔도 어떤 답도 바뀌지 않습니다(VM exit를 겪는 플랫폼이 없습니다"),
        ),
    ] {
        let o = virtsim(&["answers", &a, "--lang", lang]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains(&phrase), "{err}");
        // No copying note beside it (the warning says it all).
        assert!(
            !err.contains("note: step `c`") && !err.contains("참고: 단계 `c`"),
            "{err}"
        );
    }
    // A parameter that moves the answers: no such warning.
    let moving = a.replace("a.toml", "b.toml");
    write(
        &dir,
        "b.toml",
        &text
            .replace("vm_exit_cycles", "host_clock_mhz")
            .replace("[500, 1000, 4000]", "[1000, 2400, 4000]"),
    );
    let o = virtsim(&["answers", &moving]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!stderr(&o).contains("changes no answer"), "{}", stderr(&o));
}

/// With a seed of their own, students with the same picks differ by it alone: `answers`
/// compares each sample student with a classmate of the same picks and notes the figures
/// the seed alone does not separate beyond their tolerance, naming both and their picks.
/// Here the sample students' variants with other picks share `bt-rel` too: one note says
/// both, with the figures of each comparison, not two notes that say nearly the same.
#[test]
fn answers_compares_students_with_the_same_picks() {
    let dir = scratch_dir("same-picks");
    let a = write(&dir, "a.toml", ASSIGNMENT);
    for (lang, start, parts) in [
        (
            "en",
            "note: step `one`: ",
            [
                "some numeric answers are also graded right with a classmate's figure",
                "Between the variants of s001 / s002 / s003: `bt-rel` ",
                "Between classmates with the same picks (about one classmate in 2), who differ only by their seed: `bt-rel` s",
            ],
        ),
        (
            "ko",
            "참고: 단계 `one`: ",
            [
                "다른 학생의 값으로도 허용 오차 안에 들어 정답으로 채점되는 숫자 답이 있어",
                "s001 / s002 / s003의 변형 사이: `bt-rel` ",
                "선택지가 같아 시드만 다른 학생 사이(대략 2명 중 한 명): `bt-rel` s",
            ],
        ),
    ] {
        let o = virtsim(&["answers", &a, "--lang", lang]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let err = stderr(&o);
        let notes: Vec<&str> = err.lines().filter(|l| l.starts_with(start)).collect();
        assert_eq!(notes.len(), 1, "{err}");
        let note = notes[0];
        for part in parts {
            assert!(note.contains(part), "{part}: {note}");
        }
        // The same-picks pair with its picks, the tolerance of each comparison.
        assert!(note.contains("[host_cores="), "{note}");
        assert_eq!(note.matches("(±10%)").count(), 2, "{note}");
    }
    // A student's own answers run no classmate: no note.
    let o = virtsim(&["answers", &a, "--student", "s001"]);
    assert!(!stderr(&o).contains("same picks"), "{}", stderr(&o));
}

/// `grade --roster` lists every roster student without an answers file, after the files
/// (table line, CSV row and JSON entry with file_status `missing`), exits 1 for them, and
/// warns about a file whose id is not on the roster, naming the roster id it matches but
/// for letter case.
#[test]
fn grade_with_a_roster_lists_students_without_a_file() {
    let dir = scratch_dir("grade-roster");
    let a = write(&dir, "a.toml", ASSIGNMENT);
    let s1 = write(&dir, "s1.json", &key(&a, "s1").to_string());
    let upper = write(&dir, "S2.json", &key(&a, "S2").to_string());
    let roster = write(
        &dir,
        "roster.txt",
        "# class list\ns1\n\n  s2  \ns3\n# dropped: s9\n",
    );

    // Without a roster: the files, no missing student, exit 0.
    let plain = virtsim(&["grade", &a, &s1, &upper, "--format", "csv"]);
    assert_eq!(code(&plain), 0, "{}", stderr(&plain));

    let o = virtsim(&["grade", &a, &s1, &upper, "--roster", &roster]);
    assert_eq!(code(&o), 1, "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("\ns2: no answers file\ns3: no answers file\n"),
        "{out}"
    );
    assert!(!out.contains("s1: no answers file"), "{out}");
    assert!(!out.contains("s9"), "{out}");
    let err = stderr(&o);
    let hint: Vec<&str> = err.lines().filter(|l| l.contains("`S2`")).collect();
    assert_eq!(hint.len(), 1, "{err}");
    assert!(hint[0].starts_with("warning: "), "{err}");
    assert!(hint[0].contains(upper.as_str()), "{err}");
    assert!(hint[0].contains("not on the roster"), "{err}");
    assert!(hint[0].contains("did you mean s2?"), "{err}");
    assert!(!err.contains("`s1`"), "{err}");

    let o = virtsim(&[
        "grade", &a, &s1, &upper, "--roster", &roster, "--lang", "ko",
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("\ns2: 답안 파일 없음\ns3: 답안 파일 없음\n"),
        "{}",
        stdout(&o)
    );
    assert!(stderr(&o).contains("경고: "), "{}", stderr(&o));
    assert!(stderr(&o).contains("혹시 s2인가요?"), "{}", stderr(&o));

    // CSV: the files' rows as without a roster, then a row per missing student.
    let o = virtsim(&[
        "grade", &a, &s1, &upper, "--roster", &roster, "--format", "csv",
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let csv = stdout(&o);
    let rows = csv
        .strip_prefix(stdout(&plain).as_str())
        .expect("same rows first");
    assert_eq!(
        rows,
        ",s2,,,,,,,,,,missing,no answers file\n,s3,,,,,,,,,,missing,no answers file\n"
    );
    assert!(stderr(&o).contains("s3: no answers file"), "{}", stderr(&o));
    // For Excel: the same bytes after a UTF-8 byte-order mark.
    let excel = virtsim(&[
        "grade",
        &a,
        &s1,
        &upper,
        "--roster",
        &roster,
        "--format",
        "csv-excel",
    ]);
    assert_eq!(code(&excel), 1, "{}", stderr(&excel));
    assert_eq!(stdout(&excel), format!("\u{feff}{csv}"));

    // JSON: an entry per missing student after the files.
    let o = virtsim(&[
        "grade", &a, &s1, &upper, "--roster", &roster, "--format", "json",
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 4, "{json}");
    assert_eq!(files[0]["student"], "s1");
    assert_eq!(files[1]["student"], "S2");
    for (entry, student) in files[2..].iter().zip(["s2", "s3"]) {
        assert_eq!(entry["student"], student, "{json}");
        assert_eq!(entry["file_status"], "missing", "{json}");
        assert!(entry["file"].is_null(), "{json}");
        assert_eq!(entry["points_final"], false, "{json}");
    }

    // Everyone on the roster handed in: exit 0, nothing listed, no warning.
    let full = write(&dir, "full.txt", "s1\nS2\n");
    let o = virtsim(&["grade", &a, &s1, &upper, "--roster", &full]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert!(!stdout(&o).contains("no answers file"), "{}", stdout(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

/// A roster that lists an id twice, lists an id no student can have, lists none, or cannot
/// be read, is an error (exit 2) naming the file and line, before any grading.
#[test]
fn grade_refuses_a_roster_with_a_duplicate_id() {
    let dir = scratch_dir("grade-roster-dup");
    let a = write(&dir, "a.toml", ASSIGNMENT);
    let s1 = write(&dir, "s1.json", &key(&a, "s1").to_string());
    let roster = write(&dir, "roster.txt", "s1\n# s2\ns2\n s1\n");
    let o = virtsim(&["grade", &a, &s1, "--roster", &roster]);
    assert_eq!(code(&o), 2, "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    assert!(
        stderr(&o).contains(&format!(
            "{roster}:4: student id `s1` is on the roster twice (first on line 1)"
        )),
        "{}",
        stderr(&o)
    );
    let o = virtsim(&["grade", &a, &s1, "--roster", &roster, "--lang", "ko"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("{roster}:4: 학번 `s1`이 명단에 두 번 있습니다")),
        "{}",
        stderr(&o)
    );
    let gone = dir.join("no-such-roster.txt").display().to_string();
    let o = virtsim(&["grade", &a, &s1, "--roster", &gone]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains(&gone), "{}", stderr(&o));
    // An id no student can have (a NUL, a right-to-left override): shown by code points.
    let odd = write(&dir, "odd.txt", "s1\ns\u{0}2\n");
    let o = virtsim(&["grade", &a, &s1, "--roster", &odd]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("{odd}:2: `s<U+0000>2` cannot be a student id")),
        "{}",
        stderr(&o)
    );
    let rtl = write(&dir, "rtl.txt", "s1\u{202e}\n");
    let o = virtsim(&["grade", &a, &s1, "--roster", &rtl, "--lang", "ko"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "{rtl}:1: `s1<U+202E>`은(는) 학번이 될 수 없습니다"
        )),
        "{}",
        stderr(&o)
    );
    // A table's row instead of an id: read as an id (ids may hold anything printable), with
    // a warning.
    let csv = write(&dir, "csv.txt", "s1,Kim\n");
    let o = virtsim(&["grade", &a, &s1, "--roster", &csv]);
    assert!(
        stderr(&o).contains(&format!(
            "warning: {csv}:1: `s1,Kim` looks like a row of a table"
        )),
        "{}",
        stderr(&o)
    );
    // Only comments and blank lines: no one to grade against.
    let empty = write(&dir, "empty.txt", "# class of 2026\n\n");
    let o = virtsim(&["grade", &a, &s1, "--roster", &empty]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("{empty}: the roster lists no student ids")),
        "{}",
        stderr(&o)
    );
}

/// A roster whose ids differ only in letter case (`s1`, `S1`) is read, each id a student of
/// its own, with a warning naming both lines: most likely a typo in the class list.
#[test]
fn grade_warns_about_roster_ids_that_differ_only_in_case() {
    let dir = scratch_dir("grade-roster-case");
    let a = write(&dir, "a.toml", ASSIGNMENT);
    let s1 = write(&dir, "s1.json", &key(&a, "s1").to_string());
    let roster = write(&dir, "roster.txt", "s1\n\n S1 \n");
    let o = virtsim(&["grade", &a, &s1, "--roster", &roster]);
    // S1 has no file: listed as missing, exit 1.
    assert_eq!(code(&o), 1, "{}{}", stdout(&o), stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "warning: {roster}:3: student id `S1` differs only in letter case from `s1` (line 1)"
        )),
        "{}",
        stderr(&o)
    );
    let o = virtsim(&["grade", &a, &s1, "--roster", &roster, "--lang", "ko"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "경고: {roster}:3: 학번 `S1`이 `s1`(1번째 줄)과 대소문자만 다릅니다"
        )),
        "{}",
        stderr(&o)
    );
    // Ids that differ otherwise are not warned about.
    let fine = write(&dir, "fine.txt", "s1\ns11\n");
    let o = virtsim(&["grade", &a, &s1, "--roster", &fine]);
    assert!(!stderr(&o).contains("letter case"), "{}", stderr(&o));
}

/// Without a roster, `grade` warns about files whose student ids differ only in letter
/// case (`S1`, `s1`: two students with different variants, most likely a typo).
#[test]
fn grade_warns_about_student_ids_that_differ_only_in_case() {
    let dir = scratch_dir("grade-case-only");
    let a = write(&dir, "a.toml", ASSIGNMENT);
    let lower = write(&dir, "lower.json", &key(&a, "s1").to_string());
    let upper = write(&dir, "upper.json", &key(&a, "S1").to_string());
    let other = write(&dir, "other.json", &key(&a, "s2").to_string());
    for (lang, words) in [
        ("en", "warning: student ids differ only in letter case"),
        ("ko", "경고: 학번이 대소문자만 다릅니다"),
    ] {
        let o = virtsim(&["grade", &a, &lower, &upper, &other, "--lang", lang]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let err = stderr(&o);
        let warnings: Vec<&str> = err.lines().filter(|l| l.contains(words)).collect();
        assert_eq!(warnings.len(), 1, "{err}");
        for part in [format!("`S1` ({upper})"), format!("`s1` ({lower})")] {
            assert!(warnings[0].contains(&part), "{part}: {err}");
        }
        assert!(!err.contains("`s2`"), "{err}");
    }
    // Ids that differ otherwise: no warning.
    let o = virtsim(&["grade", &a, &lower, &other]);
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

/// A step whose answers are figures below 1 µs: a page-table update under EPT (one store,
/// 0.000333 µs at 3 GHz) and under para (0.0559 µs).
const SMALL_FIGURES: &str = r#"
[assignment]
id = "small-figures"
title = { en = "Small figures", ko = "작은 값" }

[[step]]
id = "pt"
title = { en = "Page tables", ko = "페이지 테이블" }
intro = { en = "Run.", ko = "실행하세요." }
scenario_toml = '''
[scenario]
name = "page-tables"
duration_ms = 4

[host]
ept = true

[[workload]]
name = "churn"
compute_cycles = 3000
mix = { page_table_update = 100 }

[[platform]]
name = "hw"
kind = "type1"
technique = "hardware_assist"

[[platform]]
name = "para"
kind = "type1"
technique = "para"

[[instance]]
name = "vm"
workload = "churn"
'''

[[step.question]]
id = "hw-pte"
text = { en = "Mean page-table update latency on hw (µs)?", ko = "hw의 페이지 테이블 갱신 평균 지연(µs)?" }
kind = "numeric"
metric = "mean_latency_us"
op = "page_table_update"
platform = "hw"
tolerance_percent = 5

[[step.question]]
id = "para-pte"
text = { en = "Mean page-table update latency on para (µs)?", ko = "para의 페이지 테이블 갱신 평균 지연(µs)?" }
kind = "numeric"
metric = "mean_latency_us"
op = "page_table_update"
platform = "para"
tolerance_percent = 5
"#;

/// A reviewer: `grade` showed "0.10 µs ±5%" for 0.0967 µs, so a student's 0.104 was wrong
/// for no reason the grader could see, and `answers` printed 0.000333 µs as "0 µs". The
/// expected figure has the digits that tell what is right, with the accepted range in the
/// question's unit (here the printed figure's rounding, ±0.005, wider than ±5%), in
/// `answers` and in `grade`'s table, CSV and JSON; a latency's range starts at 0.
#[test]
fn small_figures_are_shown_with_their_digits_and_accepted_range() {
    let dir = scratch_dir("small-figures");
    let a = write(&dir, "a.toml", SMALL_FIGURES);
    let o = virtsim(&["answers", &a]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    // Each numeric question's evidence is its own platform's figure alone.
    assert!(out.contains("mean_latency_us): hw 0.000333 µs\n"), "{out}");
    assert!(out.contains("mean_latency_us): para 0.0559 µs\n"), "{out}");
    assert!(
        out.contains("-> 0.000333 µs (0 µs to 0.005333 µs are right: within ±0.005, the rounding of a figure to two decimals, which is more than ±5% of it)"),
        "{out}"
    );
    assert!(
        out.contains("-> 0.0559 µs (0.0510 µs to 0.0609 µs are right"),
        "{out}"
    );
    assert!(!out.contains(" 0 µs,") && !out.contains("-0.0"), "{out}");
    // Without a tolerance the author's warning names the figure, not "0" with decimals.
    let exact = write(
        &dir,
        "exact.toml",
        &SMALL_FIGURES.replace("tolerance_percent = 5", "tolerance_percent = 0"),
    );
    let o = virtsim(&["answers", &exact]);
    assert!(
        stderr(&o).contains("but its answer (0.000333) has decimals: only its figure to two decimals is right (0.000333 ± 0.005)"),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).contains("-> 0.000333 µs (0 µs to 0.005333 µs are right: within ±0.005, the rounding of a figure to two decimals, which is more than ±0% of it)"),
        "{}",
        stdout(&o)
    );
    let o = virtsim(&["answers", &a, "--lang", "ko"]);
    assert!(
        stdout(&o).contains("-> 0.0559 µs (정답 범위 0.0510 µs~0.0609 µs: 소수 둘째 자리로 반올림한 폭인 ±0.005 이내이며, 이 값의 ±5%보다 넓음)"),
        "{}",
        stdout(&o)
    );

    // 0.06 is right (within 0.005 of 0.0559, more than 5% away); 0.061 is wrong, and the
    // expected column says why.
    let answers = |para: &str| {
        let o = virtsim(&[
            "answers",
            &a,
            "--student",
            "s1",
            "--answers-file",
            "--set",
            "hw-pte=0.004",
            "--set",
            &format!("para-pte={para}"),
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        write(&dir, "s1.json", &stdout(&o))
    };
    let file = answers("0.06");
    let o = virtsim(&["grade", &a, &file]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("2/2 points"), "{out}");
    // As `virtsim answers` says it (the CSV keeps its short range, below).
    assert!(
        out.contains("0.000333 µs (0 µs to 0.005333 µs are right: within ±0.005"),
        "{out}"
    );
    assert!(
        out.contains("0.0559 µs (0.0510 µs to 0.0609 µs are right: within ±0.005"),
        "{out}"
    );
    let file = answers("0.061");
    let o = virtsim(&["grade", &a, &file, "--format", "csv"]);
    let csv = stdout(&o);
    assert!(
        csv.contains(",pt,para-pte,0.061,0.0559 µs (0.0510–0.0609 µs),wrong,0,1,"),
        "{csv}"
    );
    assert!(
        csv.contains(",pt,hw-pte,0.004,0.000333 µs (0–0.005333 µs),right,1,1,"),
        "{csv}"
    );
    let o = virtsim(&["grade", &a, &file, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        json["files"][0]["rows"][1]["expected"], "0.0559 µs (0.0510–0.0609 µs)",
        "{json}"
    );
}

/// Of two steps, one answered against another version of its scenario: the other is
/// graded, and the total is not one to record (`partly_graded`, "NOT FINAL"), unlike a file
/// none of whose answers could be graded (`stale`, "not graded").
#[test]
fn a_file_with_one_stale_step_of_two_is_partly_graded() {
    let dir = scratch_dir("partly-graded");
    // The step twice, under two ids.
    let (head, step) = ASSIGNMENT.split_at(ASSIGNMENT.find("[[step]]").unwrap());
    let two = format!(
        "{head}{step}\n{}",
        step.replace("id = \"one\"", "id = \"two\"")
    );
    let a = write(&dir, "a.toml", &two);
    let perfect = key(&a, "s1");
    let good = write(&dir, "s1.json", &perfect.to_string());
    let o = virtsim(&["grade", &a, &good]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("6/6 points"), "{}", stdout(&o));
    // The second step's scenario changed after the student answered.
    let at = two.rfind("duration_ms = 4").unwrap();
    let changed = format!("{}duration_ms = 5{}", &two[..at], &two[at + 15..]);
    let changed = write(&dir, "changed.toml", &changed);
    let o = virtsim(&["grade", &changed, &good]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("3/6 points, NOT FINAL: 3 points of stale steps not graded"),
        "{out}"
    );
    let o = virtsim(&["grade", &changed, &good, "--format", "csv"]);
    let csv = stdout(&o);
    assert!(
        csv.contains(",one,slowest,") && csv.contains(",right,2,2,true,,partly_graded,"),
        "{csv}"
    );
    assert!(csv.contains(",stale,,2,true,,partly_graded,"), "{csv}");
    let o = virtsim(&["grade", &changed, &good, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["files"][0]["file_status"], "partly_graded", "{json}");
}

/// A reviewer: a 100 000-character answer widened every row of `grade`'s table to its
/// width. The table cuts it (with an ellipsis and a note under the table); CSV and JSON
/// keep it whole.
#[test]
fn grade_cuts_a_long_answer_in_the_table_only() {
    let dir = scratch_dir("long-answer");
    let a = write(&dir, "a.toml", ASSIGNMENT);
    let mut file = key(&a, "s1");
    let long = "가".repeat(50_000) + &"x".repeat(50_000);
    file["steps"][0]["answers"][0]["answer"] = long.clone().into();
    let file = write(&dir, "s1.json", &with_checksum(&file).to_string());
    let o = virtsim(&["grade", &a, &file]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.lines().all(|l| l.chars().count() < 200), "{out}");
    // 39 columns: 19 syllables of two, then the ellipsis.
    assert!(
        out.contains(&format!("  one   slowest*  {}…  ", "가".repeat(19))),
        "{out}"
    );
    assert!(
        out.contains("answers wider than 40 columns are cut in this table; --format csv or json has them whole"),
        "{out}"
    );
    let o = virtsim(&["grade", &a, &file, "--lang", "ko"]);
    assert!(
        stdout(&o).contains("화면 너비 40칸보다 긴 답은 표에서 잘랐습니다"),
        "{}",
        stdout(&o)
    );
    let o = virtsim(&["grade", &a, &file, "--format", "csv"]);
    assert!(stdout(&o).contains(&long), "the CSV cut the answer");
    let o = virtsim(&["grade", &a, &file, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["files"][0]["rows"][0]["answer"], long.as_str());
    // A short answer: no note.
    let short = key(&a, "s2");
    let short = write(&dir, "s2.json", &short.to_string());
    let o = virtsim(&["grade", &a, &short]);
    assert!(!stdout(&o).contains("are cut"), "{}", stdout(&o));
}

/// A reviewer read "필요한 값: a whole number (0 or more) or a workload name" from
/// `validate --lang ko` on a negative `[[step.vary]]` choice: the phrase, the choice's own
/// reader's, is in Korean too (a boolean still gets it). A negative number itself is now
/// refused at the choice with the parameter's range, as a choice above it is, not with the
/// reader's generic "invalid value: integer `-3`".
#[test]
fn a_negative_vary_choice_is_explained_in_korean() {
    let dir = scratch_dir("negative-choice");
    let a = write(
        &dir,
        "a.toml",
        &ASSIGNMENT.replace("choices = [1, 2]", "choices = [1, -3]"),
    );
    let o = virtsim(&["validate", &a, "--lang", "ko"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "단계 `one`: `host_cores`의 선택지 `-3`이 음수입니다: `host_cores`는 코어 수, 1~1,024입니다"
        ),
        "{err}"
    );
    assert!(!err.contains("정수 `-3`이 들어 있습니다"), "{err}");
    let o = virtsim(&["validate", &a]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "step `one`: choice `-3` of `host_cores` is negative: `host_cores` is a count of cores, from 1 to 1,024"
        ),
        "{}",
        stderr(&o)
    );
    let a = write(
        &dir,
        "b.toml",
        &ASSIGNMENT.replace("choices = [1, 2]", "choices = [1, true]"),
    );
    let o = virtsim(&["validate", &a, "--lang", "ko"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "불리언 `true`가 들어 있습니다. 필요한 값: 0 이상의 수(소수는 네트워크의 vdi_* 매개변수만) 또는 워크로드 이름(따옴표 안에)"
        ),
        "{err}"
    );
    assert!(!err.contains("a number"), "{err}");
    let o = virtsim(&["validate", &a]);
    assert!(
        stderr(&o).contains(
            "expected a number, 0 or more (decimals only for the network's vdi_* parameters), or a workload name"
        ),
        "{}",
        stderr(&o)
    );
}

/// A 100 000-character `--student` (or `new` name, `--from`, `--set`) was printed back
/// whole: a long value is quoted by its start and its length, as sim-core quotes one.
#[test]
fn a_long_value_on_the_command_line_is_quoted_by_its_start() {
    let dir = scratch_dir("long-values");
    let a = write(&dir, "a.toml", ASSIGNMENT);
    let long = "x".repeat(100_000);
    let quoted = format!("`{}… (100000 characters)`", "x".repeat(60));
    for lang in ["en", "ko"] {
        let o = virtsim(&["answers", &a, "--student", &long, "--lang", lang]);
        assert_eq!(code(&o), 1, "{}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains(&quoted),
            "{lang}: {}",
            &err[..err.len().min(300)]
        );
        assert!(err.len() < 600, "{lang}: {} bytes", err.len());
    }
    let set = format!("{long}=1");
    let smoke = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/smoke.toml");
    for args in [
        vec![
            "explain",
            smoke,
            "--platform",
            long.as_str(),
            "--op",
            "syscall",
        ],
        vec![
            "explain",
            smoke,
            "--platform",
            "t2-hw",
            "--op",
            long.as_str(),
        ],
        vec!["new", "scenario", long.as_str()],
        vec!["new", "scenario", "x", "--from", long.as_str()],
        vec![
            "answers",
            &a,
            "--student",
            "s1",
            "--answers-file",
            "--set",
            &set,
        ],
    ] {
        let o = virtsim_in(&dir, &args);
        assert_eq!(code(&o), 1, "{}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains(&format!("{}… (1000", "x".repeat(60))) && err.contains(" characters)"),
            "{:?}: {}",
            &args[..2],
            &err[..err.len().min(300)]
        );
        assert!(
            !err.contains(&"x".repeat(200)),
            "{:?}: {} bytes",
            &args[..2],
            err.len()
        );
    }
    // An answers file's id, as `grade`'s table heads the file with it.
    let mut file = key(&a, "s1");
    file["student"] = serde_json::Value::String(long.clone());
    let answers = write(&dir, "long.json", &file.to_string());
    let o = virtsim(&["grade", &a, &answers]);
    let out = format!("{}{}", stdout(&o), stderr(&o));
    assert!(
        out.contains(&format!("{}… (100000 characters)", "x".repeat(60))),
        "{}",
        &out[..out.len().min(300)]
    );
    assert!(!out.contains(&"x".repeat(200)), "{} bytes", out.len());
    // An id as long as an id may be is quoted whole.
    let o = virtsim(&["answers", &a, "--student", &"y".repeat(65)]);
    assert!(
        stderr(&o).contains(&format!("`{}`", "y".repeat(65))),
        "{}",
        stderr(&o)
    );
}

/// An assignment that varies the round trip of a remote desktop: `answers --student` gives
/// each student the latency of their own round trip (the longer, the later), an answers
/// file carries it, and `grade` marks a student who hands in a classmate's figure wrong.
#[test]
fn a_varied_round_trip_gives_each_student_their_own_latency() {
    // The fixture sim-core's network tests read too.
    const WAN: &str = include_str!("../../tests/fixtures/remote-desktops.toml");
    let dir = scratch_dir("vary-rtt");
    let a = write(&dir, "wan.toml", WAN);
    let o = virtsim(&["validate", &a]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // The latency and the round trip each student drew, by the CSV's variant column.
    let latency_of = |id: &str| -> (String, f64) {
        let o = virtsim(&["answers", &a, "--student", id, "--format", "csv"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let out = stdout(&o);
        let row: Vec<&str> = out.lines().nth(1).expect("a row").split(',').collect();
        (row[9].to_string(), row[7].parse().expect("a value"))
    };
    let students: Vec<(String, (String, f64))> = (0..20)
        .map(|i| format!("s{i}"))
        .map(|id| {
            let got = latency_of(&id);
            (id, got)
        })
        .collect();
    let near = students.iter().find(|(_, (v, _))| v == "vdi_rtt_ms=20");
    let far = students.iter().find(|(_, (v, _))| v == "vdi_rtt_ms=80");
    let (Some((near_id, (_, near_ms))), Some((far_id, (_, far_ms)))) = (near, far) else {
        panic!("20 students drew one round trip only: {students:?}");
    };
    // Each input crosses half the round trip and its update the other half: 60 ms more,
    // give or take the capture and refresh waits that quantize a median (10 ms).
    assert!(
        (50.0..=70.0).contains(&(far_ms - near_ms)),
        "{near_ms} ms at 20 ms, {far_ms} ms at 80 ms"
    );
    // The same student, the same figure.
    assert_eq!(latency_of(far_id).1, *far_ms);
    // A student who hands in the classmate's figure is wrong; their own is right.
    let mut copied = key(&a, far_id);
    copied["steps"][0]["answers"][0]["answer"] = format!("{near_ms:.2}").into();
    let copied = write(&dir, "copied.json", &with_checksum(&copied).to_string());
    let own = write(&dir, "own.json", &key(&a, near_id).to_string());
    let o = virtsim(&["grade", &a, &own, &copied, "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["files"][0]["points"], 1, "{json}");
    assert_eq!(json["files"][1]["points"], 0, "{json}");
}

/// A reviewer's session host against desktop VMs with `vdi_rtt_ms = 300`: both platforms
/// measure the same median latency, so that variant's choice question has no single right
/// answer. `answers` found it only when a sample student drew 300; it now runs each choice
/// and warns at the choice in the file, naming the step, the parameter and the value, of
/// every choice that ties (whoever drew it) and of none that does not, each once.
#[test]
fn answers_warns_of_each_choice_under_which_a_choice_question_ties() {
    let dir = scratch_dir("choice-ties");
    let text = r#"[assignment]
id = "tie-test"
title = { en = "Ties", ko = "동점" }

[[step]]
id = "wan"
title = { en = "WAN", ko = "WAN" }
intro = { en = "Intro.", ko = "소개." }
scenario = "session-host-vs-vdi.toml"

[[step.vary]]
parameter = "vdi_rtt_ms"
choices = [20, 30, 40, 50, 60, 300]

[[step.question]]
id = "lower-latency"
text = { en = "Which has the lower median latency?", ko = "지연 중앙값이 더 낮은 쪽은?" }
kind = "choice"
metric = "desktop_p50_latency_ms"
select = "lowest"
"#;
    let a = write(&dir, "tie.toml", text);
    let assignment =
        sim_core::assignment::Assignment::from_toml("tie.toml", text, &virtsim_library::Library)
            .expect("valid");
    // Which choices tie, computed here: each choice with the scenario's seed (the first
    // is the reference variant's).
    let choices = ["20", "30", "40", "50", "60", "300"];
    let ties: Vec<bool> = std::iter::once((0, assignment.variant(0, None)))
        .chain(sim_core::assignment::choice_variants(&assignment, 0))
        .map(|(_, variant)| {
            let scenario = assignment.variant_scenario(0, &variant).expect("valid");
            let result = scenario.run().expect("runs");
            let q = &result.questions[0];
            q.near_tie().is_some() || q.shown_tie().is_some()
        })
        .collect();
    assert_eq!(ties.len(), choices.len());
    assert!(ties[5], "300 ms no longer ties: {ties:?}");
    // Some tying choice is one no sample student draws: found beyond the samples.
    let drawn: Vec<String> = sim_core::assignment::sample_students(&assignment, 0)
        .iter()
        .map(|s| assignment.variant(0, Some(s)).picks_text())
        .collect();
    assert!(
        choices
            .iter()
            .zip(&ties)
            .any(|(c, &tie)| tie && !drawn.contains(&format!("vdi_rtt_ms={c}"))),
        "the samples {drawn:?} draw every tying choice: pick others"
    );
    let o = virtsim(&["answers", &a]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    let line = text.lines().position(|l| l.starts_with("choices")).unwrap() + 1;
    let choices_line = text.lines().nth(line - 1).unwrap();
    for (c, &tie) in choices.iter().zip(&ties) {
        // The choice's column (from 1): `20,` ... `300]`, each written once.
        let column = (choices_line.find(&format!("{c},")))
            .or_else(|| choices_line.find(&format!("{c}]")))
            .unwrap()
            + 1;
        let warning = format!(
            "warning: {a}:{line}:{column}: step `wan`: with vdi_rtt_ms={c}, question `lower-latency` is a"
        );
        assert_eq!(
            err.matches(&warning).count(),
            usize::from(tie),
            "{c}: {err}"
        );
        if tie {
            assert!(
                err.contains(&format!(
                    "Every student who draws vdi_rtt_ms = {c} gets this question so"
                )),
                "{err}"
            );
        }
    }
    // Said at the choice, not again at the question for the variants that give it.
    assert_eq!(
        err.matches("`lower-latency` is a").count(),
        ties.iter().filter(|t| **t).count(),
        "{err}"
    );
    // The first choice is the reference variant's: its tie is said at that choice too.
    let first = write(
        &dir,
        "first.toml",
        &text.replace("[20, 30, 40, 50, 60, 300]", "[300, 20]"),
    );
    let o = virtsim(&["answers", &first]);
    let err = stderr(&o);
    assert_eq!(err.matches("`lower-latency` is a").count(), 1, "{err}");
    assert!(
        err.contains(&format!(
            "warning: {first}:{line}:12: step `wan`: with vdi_rtt_ms=300, question `lower-latency` is a tie"
        )),
        "{err}"
    );
    // Two parameters: each choice with the other at its first, which the warning says.
    let two = write(
        &dir,
        "two.toml",
        &text.replace(
            "choices = [20, 30, 40, 50, 60, 300]",
            "choices = [20, 300]\n\n[[step.vary]]\nparameter = \"vdi_loss_percent\"\nchoices = [0, 0.5]",
        ),
    );
    let o = virtsim(&["answers", &two]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "warning: {two}:{line}:16: step `wan`: with vdi_rtt_ms=300, vdi_loss_percent=0 (the other parameters at their first choice; other combinations are not run), question `lower-latency` is a tie"
        )),
        "{err}"
    );
    let o = virtsim(&["answers", &a, "--lang", "ko"]);
    let err = stderr(&o);
    assert!(
        err.contains("단계 `wan`: vdi_rtt_ms=300일 때 질문 `lower-latency`의 답이")
            && err.contains("vdi_rtt_ms = 300을 받은 학생은 모두"),
        "{err}"
    );
}

/// A step whose every choice ties (session host and desktop VMs at 300 and 400 ms, each
/// pair equal): the ties are said at each choice, and the round trip is not said to
/// "change no answer" (the tie's answer, the platforms' order in the file, stays the same
/// while the figures move with the round trip: that warning sent the author to drop a
/// parameter that works, and claimed the students' figures were the same).
#[test]
fn answers_says_ties_not_a_parameter_without_effect_when_every_choice_ties() {
    let dir = scratch_dir("all-choices-tie");
    let text = r#"[assignment]
id = "tie-test"
title = { en = "Ties", ko = "동점" }

[[step]]
id = "wan"
title = { en = "WAN", ko = "WAN" }
intro = { en = "Intro.", ko = "소개." }
scenario = "session-host-vs-vdi.toml"

[[step.vary]]
parameter = "vdi_rtt_ms"
choices = [300, 400]

[[step.question]]
id = "lower-latency"
text = { en = "Which has the lower median latency?", ko = "지연 중앙값이 더 낮은 쪽은?" }
kind = "choice"
metric = "desktop_p50_latency_ms"
select = "lowest"
"#;
    let a = write(&dir, "tie.toml", text);
    for (lang, tie, without_effect) in [
        (
            "en",
            "question `lower-latency` is a tie",
            "changes no answer",
        ),
        ("ko", "답이 동점입니다", "어떤 답도 바뀌지 않습니다"),
    ] {
        let o = virtsim(&["answers", &a, "--lang", lang]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let err = stderr(&o);
        assert_eq!(err.matches(tie).count(), 2, "{err}");
        assert!(!err.contains(without_effect), "{err}");
    }
}

/// `validate` warns (exit 0) of a step that varies the round trip of a scenario whose VDI
/// platforms differ in it (every student's platforms then share the choice: the
/// comparison is gone), at the `parameter`, in English and Korean.
#[test]
fn validate_warns_of_a_network_choice_that_erases_the_platforms_comparison() {
    let text = include_str!("../../tests/fixtures/remote-desktops.toml").replacen(
        "[[instance]]",
        "[[platform]]\nname = \"far-vdi\"\nkind = \"vdi\"\nprotocol = \"rdp\"\nrtt_ms = 150\n\n[[instance]]",
        1,
    );
    let dir = scratch_dir("vary-erases-comparison");
    let a = write(&dir, "two.toml", &text);
    let line = text
        .lines()
        .position(|l| l == "parameter = \"vdi_rtt_ms\"")
        .unwrap()
        + 1;
    for (lang, phrase) in [
        ("en", format!("warning: {a}:{line}:13: step `rtt`: `vdi_rtt_ms` sets `rtt_ms` of every VDI platform")),
        ("ko", format!("경고: {a}:{line}:13: 단계 `rtt`: `vdi_rtt_ms`는 모든 VDI 플랫폼의 `rtt_ms`")),
    ] {
        let o = virtsim(&["validate", &a, "--lang", lang]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert!(stderr(&o).contains(&phrase), "{}", stderr(&o));
    }
}

/// The twins' scenario (cli/tests/data/seed-twins.toml): two platforms alike but for their
/// random streams, so which is faster is a coin toss per seed.
fn seed_twins() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed-twins.toml").to_string()
}

/// `answers --seed N`'s choice answer for the twins.
fn faster_twin_at(seed: u64) -> String {
    let o = virtsim(&[
        "answers",
        &seed_twins(),
        "--seed",
        &seed.to_string(),
        "--format",
        "json",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let answers: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    answers[0]["answer"]
        .as_str()
        .expect("an answer")
        .to_string()
}

/// `--seeds FIRST..LAST` names the seeds at which the own seed's answer is wrong, and they
/// are the seeds at which `--seed N` gives another answer: two ways to the same runs. The
/// warning is located at the question; the table counts the seeds.
#[test]
fn answers_over_seeds_names_the_seeds_where_the_own_answer_is_wrong() {
    let o = virtsim(&["answers", &seed_twins(), "--seeds", "1..12"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let own = faster_twin_at(1);
    let wrong: Vec<u64> = (1..=12).filter(|&s| faster_twin_at(s) != own).collect();
    // The fixture does what it is for: some seeds flip the answer, some keep it.
    assert!(!wrong.is_empty() && wrong.len() < 12, "{wrong:?}");
    let listed: Vec<String> = wrong.iter().map(u64::to_string).collect();
    let warning = format!(
        "question `faster`: the answer at the file's own seed 1 is wrong at {} of 12 seeds 1..12 ({})",
        wrong.len(),
        listed.join(", ")
    );
    assert!(stderr(&o).contains(&warning), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("seed-twins.toml:36:6: question `faster`"),
        "{}",
        stderr(&o)
    );
    // The numeric question with no tolerance: its answer holds at its own seed alone.
    assert!(
        stdout(&o).contains("holds at 1 of 12 seeds 1..12"),
        "{}",
        stdout(&o)
    );
    // JSON: each seed's verdict; the answer holds where it is the same and no tie or near
    // tie hides it, and the table counts those seeds.
    let o = virtsim(&[
        "answers",
        &seed_twins(),
        "--seeds",
        "1..12",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(json[0]["question"], "faster");
    let seeds = json[0]["seeds"].as_array().expect("seeds");
    let flagged: Vec<u64> = (seeds.iter())
        .filter(|s| s["same_answer"] == false)
        .map(|s| s["seed"].as_u64().expect("seed"))
        .collect();
    assert_eq!(flagged, wrong);
    let holds = (seeds.iter())
        .filter(|s| s["same_answer"] == true && s["author_note"] == false)
        .count();
    assert_eq!(json[0]["holds_at"], holds as u64);
    let o = virtsim(&["answers", &seed_twins(), "--seeds", "1..12"]);
    let counted = format!("the file's own seed 1: {own}, holds at {holds} of 12 seeds 1..12");
    assert!(stdout(&o).contains(&counted), "{}", stdout(&o));
    // What varied between the runs and what did not, said once above the questions, and
    // in the warning.
    assert!(
        stdout(&o).starts_with("Each seed 1..12 runs the scenario again with other random draws only")
            && stdout(&o).contains("everything the file sets stays the same (platforms, costs, workloads, instances, duration)"),
        "{}",
        stdout(&o)
    );
    assert!(
        stderr(&o).contains("with the same scenario and only other random draws"),
        "{}",
        stderr(&o)
    );
    // In Korean too.
    let o = virtsim(&["answers", &seed_twins(), "--seeds", "1..12", "--lang", "ko"]);
    assert!(stderr(&o).contains("경고: "), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("무작위 추출만 다른데도"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("12개 중"), "{}", stdout(&o));
    assert!(
        stdout(&o).starts_with(
            "시드 1..12마다 시나리오를 다시 실행하며, 바뀌는 것은 무작위 추출뿐입니다"
        ),
        "{}",
        stdout(&o)
    );
}

/// `--seed N` where the answer differs from the own seed's says so at the question (the
/// explanation was written for the own seed); at the own seed, or where it agrees, nothing.
#[test]
fn answers_at_another_seed_names_the_answers_that_differ() {
    let own = faster_twin_at(1);
    let flip = (2..=12)
        .find(|&s| faster_twin_at(s) != own)
        .expect("a seed that flips");
    let keep = (2..=12)
        .find(|&s| faster_twin_at(s) == own)
        .expect("a seed that keeps");
    let o = virtsim(&["answers", &seed_twins(), "--seed", &flip.to_string()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "question `faster`: at --seed {flip} the answer is {}; its explanation was written for the file's own seed 1, whose answer is {own}",
            faster_twin_at(flip)
        )),
        "{}",
        stderr(&o)
    );
    for seed in [1, keep] {
        let o = virtsim(&["answers", &seed_twins(), "--seed", &seed.to_string()]);
        assert!(
            !stderr(&o).contains("question `faster`: at --seed"),
            "{}",
            stderr(&o)
        );
    }
    // A key saved from --seed says which seed it is: the table's first line, JSON's field.
    let seed = flip.to_string();
    let o = virtsim(&["answers", &seed_twins(), "--seed", &seed]);
    let first = format!("(answers at --seed {flip}; the file's own seed is 1)");
    assert!(stdout(&o).starts_with(&first), "{}", stdout(&o));
    let o = virtsim(&[
        "answers",
        &seed_twins(),
        "--seed",
        &seed,
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(json[0]["seed"], flip);
}

/// `--seed` and `--seeds` are a scenario's: an assignment's students have their own seeds;
/// a range the wrong way round or too long says what to write.
#[test]
fn answers_seeds_are_refused_where_they_do_not_apply() {
    let dir = scratch_dir("seeds-refused");
    let a = write(&dir, "a.toml", ASSIGNMENT);
    for args in [&["--seed", "4"][..], &["--seeds", "1..4"][..]] {
        let o = virtsim(&[&["answers", a.as_str()][..], args].concat());
        assert_eq!(code(&o), 1, "{}", stderr(&o));
        assert!(
            stderr(&o).contains("whose students each have their own seed"),
            "{}",
            stderr(&o)
        );
    }
    for (range, says) in [
        ("9..2", "write e.g. 2..9"),
        ("1..500", "500 seeds"),
        ("7", "FIRST..LAST"),
    ] {
        let o = virtsim(&["answers", &seed_twins(), "--seeds", range]);
        assert_eq!(code(&o), 1, "{}", stderr(&o));
        assert!(stderr(&o).contains(says), "{range}: {}", stderr(&o));
    }
    // In the messages' language.
    let o = virtsim(&["answers", &seed_twins(), "--seeds", "9..2", "--lang", "ko"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("오류: --seeds 9..2: 처음 시드가 끝 시드보다 뒤입니다"),
        "{}",
        stderr(&o)
    );
}

/// A warning about a step's own question is located at the question in the assignment
/// file, and said once for every variant that gives it, its figures the first variant's
/// (each student's run gave it again, unlocated, with figures a little apart).
#[test]
fn a_step_questions_warning_is_located_and_said_once_for_its_variants() {
    let dir = scratch_dir("step-question-warning");
    let text = ASSIGNMENT.replace("tolerance_percent = 10", "tolerance_percent = 100");
    let a = write(&dir, "wide.toml", &text);
    let line = text
        .lines()
        .position(|l| l == "id = \"bt-rel\"")
        .expect("the question's id line")
        + 1;
    for (lang, says) in [
        ("en", "tolerance (±100% of the answer) also accepts"),
        ("ko", "허용 오차 범위(정답 값의 ±100%)에 다른 플랫폼의 값도"),
    ] {
        let o = virtsim(&["answers", &a, "--lang", lang]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let err = stderr(&o);
        let warned: Vec<&str> = err.lines().filter(|l| l.contains(says)).collect();
        assert_eq!(warned.len(), 1, "{err}");
        assert!(
            warned[0].contains(&format!("{a}:{line}:6: one (")),
            "{}",
            warned[0]
        );
    }
}

/// A class roster given where the answers files go (`--roster` forgotten, a reviewer's
/// case): said to look like a roster, with the option to give it with, in English and
/// Korean, not "a value expected here" nor "a TOML file"; exit 2 as for any file that is
/// not an answers file.
#[test]
fn grade_says_a_roster_given_as_an_answers_file_looks_like_one() {
    let dir = scratch_dir("roster-as-answers");
    let a = write(&dir, "a.toml", ASSIGNMENT);
    let roster = write(&dir, "roster.txt", "# 3주차 명단\n2024001\n2024002\n");
    let o = virtsim_in(&dir, &["grade", "a.toml", "roster.txt", "--lang", "ko"]);
    assert_eq!(code(&o), 2, "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("roster.txt:2:1: 답안 파일(virtsim-answers/1)이 아닙니다: 한 줄에 학번 하나씩인 수강생 명단으로 보입니다. 명단은 `--roster roster.txt`로 주고"),
        "{out}"
    );
    assert!(
        !out.contains("값이 와야 할 자리") && !out.contains("TOML"),
        "{out}"
    );
    let o = virtsim(&["grade", &a, &roster]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stdout(&o).contains(
            "this looks like a class roster (one student id a line): give it with `--roster "
        ),
        "{}",
        stdout(&o)
    );
    // Without a comment line (the ids alone were said to be "JSON, but a number").
    let plain = write(&dir, "ids.txt", "2024001\n2024002\n");
    let o = virtsim(&["grade", &a, &plain, "--lang", "ko"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("ids.txt:1:1: 답안 파일(virtsim-answers/1)이 아닙니다: 한 줄에 학번 하나씩인 수강생 명단으로 보입니다"),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains("JSON"), "{}", stdout(&o));
}

/// An assignment whose platforms have labels, as the page shows them to students.
const LABELLED: &str = r#"
[assignment]
id = "labelled"
title = { en = "Labels", ko = "레이블" }

[[step]]
id = "one"
title = { en = "One", ko = "하나" }
intro = { en = "Run.", ko = "실행하세요." }
scenario_toml = '''
[scenario]
name = "labelled"
duration_ms = 4

[[platform]]
name = "bt"
kind = "type1"
technique = "binary_translation"
label = { en = "Full virt. (binary translation)", ko = "전가상화 (바이너리 변환)" }

[[platform]]
name = "hw"
kind = "type1"
technique = "hardware_assist"
label = { en = "Full virt. (hardware assist)", ko = "전가상화 (하드웨어 지원)" }

[[instance]]
name = "vm"
workload = "syscall-heavy"
'''

[[step.question]]
id = "slowest"
text = { en = "Which is slower?", ko = "어느 쪽이 느린가?" }
kind = "choice"
metric = "relative_performance_percent"
select = "lowest"

[[step.question]]
id = "bt-rel"
text = { en = "bt relative %?", ko = "bt 상대 성능 %?" }
kind = "numeric"
metric = "relative_performance_percent"
platform = "bt"
tolerance_percent = 10
"#;

/// `grade`'s table shows a choice answer with the label the student picked beside the
/// platform id, and the expected answer as `virtsim answers` prints it (one formatting:
/// a reviewer found the same answer printed three ways), in English and Korean. The CSV
/// keeps the ids and its own range.
#[test]
fn grade_labels_choices_and_prints_the_expected_answer_as_answers_does() {
    let dir = scratch_dir("labelled");
    let a = write(&dir, "a.toml", LABELLED);
    let mut file = key(&a, "s1");
    // The wrong platform for the choice, its checksum recomputed as the page does.
    let right = file["steps"][0]["answers"][0]["answer"]
        .as_str()
        .unwrap()
        .to_string();
    let wrong = if right == "bt" { "hw" } else { "bt" };
    file["steps"][0]["answers"][0]["answer"] = wrong.into();
    let f = write(&dir, "s1.json", &with_checksum(&file).to_string());
    let label = |id: &str, ko: bool| match (id, ko) {
        ("bt", false) => "Full virt. (binary translation)",
        ("bt", true) => "전가상화 (바이너리 변환)",
        (_, false) => "Full virt. (hardware assist)",
        (_, true) => "전가상화 (하드웨어 지원)",
    };
    for ko in [false, true] {
        let lang = if ko { "ko" } else { "en" };
        let o = virtsim(&["grade", &a, &f, "--lang", lang]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let out = stdout(&o);
        let row = out
            .lines()
            .find(|l| l.contains(" slowest "))
            .unwrap_or_else(|| panic!("{out}"));
        assert!(
            row.contains(&format!("{wrong} ({})", label(wrong, ko)))
                && row.contains(&format!("{right} ({})", label(&right, ko))),
            "{row}"
        );
        // The numeric question's expected answer: `answers --student s1`'s line.
        let o = virtsim(&["answers", &a, "--student", "s1", "--lang", lang]);
        let answers = stdout(&o);
        let expected = answers
            .lines()
            .filter_map(|l| l.trim().strip_prefix("-> "))
            .find(|l| l.contains('%') && l.contains('('))
            .unwrap_or_else(|| panic!("{answers}"));
        let row = out
            .lines()
            .find(|l| l.contains(" bt-rel "))
            .unwrap_or_else(|| panic!("{out}"));
        assert!(row.contains(expected), "{row}\n{expected}");
        assert!(
            expected.contains(if ko {
                "정답 범위 "
            } else {
                " are right: ±10% of it"
            }),
            "{expected}"
        );
    }
    let o = virtsim(&["grade", &a, &f, "--format", "csv"]);
    let csv = stdout(&o);
    assert!(
        csv.contains(&format!(",slowest,{wrong},{right},wrong,")),
        "{csv}"
    );
}

/// `--format csv` (and `csv-excel`) with `--lang ko`: the notes in words are Korean, the
/// status codes stay English (a reviewer's spreadsheet read "the checksum does not
/// match…" beside Korean answers).
#[test]
fn grade_csv_notes_are_in_the_language_asked_and_statuses_stay_codes() {
    let dir = scratch_dir("csv-ko");
    let a = write(&dir, "a.toml", ASSIGNMENT);
    let mut tampered = key(&a, "s1");
    tampered["steps"][0]["answers"][1]["answer"] = "12".into();
    let tampered = write(&dir, "s1.json", &tampered.to_string());
    let roster = write(&dir, "roster.txt", "s1\ns2\n");
    for format in ["csv", "csv-excel"] {
        let o = virtsim(&[
            "grade", &a, &tampered, "--roster", &roster, "--format", format, "--lang", "ko",
        ]);
        let csv = stdout(&o);
        assert!(
            csv.contains(",not_graded,체크섬이 맞지 않습니다"),
            "{format}: {csv}"
        );
        assert!(
            csv.contains(",s2,,,,,,,,,,missing,답안 파일 없음"),
            "{format}: {csv}"
        );
        assert!(
            !csv.contains("checksum does not match") && !csv.contains("no answers file"),
            "{csv}"
        );
    }
    let o = virtsim(&[
        "grade", &a, &tampered, "--roster", &roster, "--format", "csv",
    ]);
    let csv = stdout(&o);
    assert!(
        csv.contains(",not_graded,the checksum does not match"),
        "{csv}"
    );
    assert!(
        csv.contains(",s2,,,,,,,,,,missing,no answers file"),
        "{csv}"
    );
}

/// `--seeds` of a numeric question whose tolerance also accepts another platform's figure:
/// the line that says at how many seeds it holds says why it does not (a reviewer read
/// "0 of 16" and found why only in a warning), and nothing calls it a tie.
#[test]
fn answers_over_seeds_says_why_a_numeric_answer_does_not_hold() {
    let dir = scratch_dir("seeds-numeric");
    let s = write(
        &dir,
        "wide.toml",
        "[scenario]\nname = \"wide\"\nduration_ms = 4\nseed = 1\n\n\
         [[platform]]\nname = \"hw\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n\n\
         [[platform]]\nname = \"hybrid\"\nkind = \"type1\"\ntechnique = \"hybrid\"\n\n\
         [[instance]]\nname = \"vm\"\nworkload = \"web-server\"\n\n\
         [[question]]\nid = \"hw-rel\"\nkind = \"numeric\"\nmetric = \"relative_performance_percent\"\n\
         platform = \"hw\"\ntolerance_percent = 60\n\
         text = { en = \"hw relative %?\", ko = \"hw 상대 성능 %?\" }\n",
    );
    let o = virtsim(&["answers", &s, "--seeds", "1..3"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("holds at 0 of 3 seeds 1..3 (at 3 the tolerance also accepts another platform's figure: a student who reads the wrong platform is marked right)"),
        "{out}"
    );
    assert!(
        out.contains("; the tolerance also accepts another platform's figure at 3 seeds"),
        "{out}"
    );
    assert!(
        !out.contains("tie") && !stderr(&o).contains("tie"),
        "{out}{}",
        stderr(&o)
    );
    let o = virtsim(&["answers", &s, "--seeds", "1..3", "--lang", "ko"]);
    let out = stdout(&o);
    assert!(
        out.contains("시드 1..3의 3개 중 0개에서 같은 답 (3개에서는 허용 오차가 다른 플랫폼의 값도 받아들여, 다른 플랫폼의 값을 읽은 학생도 정답이 됩니다)"),
        "{out}"
    );
    assert!(
        !out.contains("동점") && !stderr(&o).contains("동점"),
        "{out}{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains(
            "허용 오차가 다른 플랫폼의 값도 받아들여 학생이 보는 수치로는 답을 가릴 수 없습니다"
        ),
        "{}",
        stderr(&o)
    );
}

/// A library scenario's name given as a file: the Korean hint says to make a copy with
/// `virtsim new ... --from` and run and change it, in sentences without `;`.
#[test]
fn a_library_name_given_as_a_file_says_to_copy_it_in_korean() {
    let dir = scratch_dir("library-name");
    let o = virtsim_in(&dir, &["validate", "type1-vs-type2.toml", "--lang", "ko"]);
    let err = stderr(&o);
    assert!(
        err.contains("`type1-vs-type2`는 라이브러리 시나리오입니다(저장소에서는 scenarios/type1-vs-type2.toml). `virtsim new scenario my-type1-vs-type2 --from type1-vs-type2`로 사본을 만들어 실행하고 고치세요"),
        "{err}"
    );
    assert!(!err.contains("; `type1"), "{err}");
}

/// `answers` without `--student` says under its heading what the reference variant is:
/// each `[[step.vary]]` at its first choice (an instructor found it only in the docs), in
/// English and in Korean; a student's variant does not.
#[test]
fn answers_without_a_student_says_what_the_reference_variant_is() {
    let file = format!("{}/hypervisor-types.toml", library_dir("assignments"));
    let line = |args: &[&str]| {
        let o = virtsim(args);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        stdout(&o).lines().nth(1).unwrap_or_default().to_string()
    };
    let en = line(&["answers", &file]);
    assert!(
        en.starts_with("reference variant: each [[step.vary]] at its first choice"),
        "{en}"
    );
    assert!(en.contains("--student ID"), "{en}");
    let ko = line(&["answers", &file, "--lang", "ko"]);
    assert!(
        ko.starts_with("기준 변형: 각 [[step.vary]]는 첫 번째 선택지"),
        "{ko}"
    );
    let student = line(&["answers", &file, "--student", "s001"]);
    assert!(!student.contains("reference variant"), "{student}");
}

/// A step whose scenario is over the web page's limit of estimated events gets
/// `validate`'s note, as that scenario alone does (the step named, at its `scenario`, or
/// the file alone for an embedded one), for its variant with the most events (here the
/// longer `duration_ms` choice), in both languages; a step within the limit gets none.
#[test]
fn validate_notes_a_step_over_the_pages_limit() {
    use sim_core::scenario::{fitting_duration_ms, PAGE_MAX_EVENTS};
    let dir = scratch_dir("page-limit");
    let big = "[scenario]\nname = \"big\"\nduration_ms = 460\n\n[host]\ncores = 1024\nmemory_gib = 8192\n\n[[platform]]\nname = \"kvm\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n\n[[instance]]\nname = \"web\"\ncount = 1000\nvcpus = 2\nmemory_gib = 4\nworkload = \"network-rr\"\n";
    let events = sim_core::Scenario::from_toml("big.toml", big)
        .expect("valid")
        .estimated_events();
    assert!(events > PAGE_MAX_EVENTS, "{events}");
    let fit = fitting_duration_ms(460, events, PAGE_MAX_EVENTS);
    assert!(fit > 0 && fit < 460, "{fit}");
    let question = "[[step.question]]\nid = \"q\"\nkind = \"numeric\"\ntext = { en = \"x\", ko = \"x\" }\nmetric = \"throughput\"\nplatform = \"kvm\"\n";
    write(&dir, "big.toml", big);
    let text = format!(
        "[assignment]\nid = \"big\"\ntitle = {{ en = \"big\", ko = \"big\" }}\n\
         \n[[step]]\nid = \"small\"\ntitle = {{ en = \"t\", ko = \"t\" }}\nintro = {{ en = \"i\", ko = \"i\" }}\nscenario = \"smoke.toml\"\n\
         [[step.question]]\nid = \"q\"\nkind = \"numeric\"\ntext = {{ en = \"x\", ko = \"x\" }}\nmetric = \"throughput\"\nplatform = \"t1-hw\"\n\
         \n[[step]]\nid = \"embedded\"\ntitle = {{ en = \"t\", ko = \"t\" }}\nintro = {{ en = \"i\", ko = \"i\" }}\nscenario_toml = '''\n{big}'''\n\
         [[step.vary]]\nparameter = \"duration_ms\"\nchoices = [100, 460]\n{question}\
         \n[[step]]\nid = \"from-file\"\ntitle = {{ en = \"t\", ko = \"t\" }}\nintro = {{ en = \"i\", ko = \"i\" }}\nscenario = \"big.toml\"\n{question}"
    );
    write(&dir, "a.toml", &text);
    let line = text[..text.find("scenario = \"big.toml\"").expect("step")]
        .lines()
        .count()
        + 1;
    let limit = sim_core::text::thousands(&PAGE_MAX_EVENTS.to_string());
    let o = virtsim_in(&dir, &["validate", "a.toml"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("a.toml: ok (assignment"),
        "{}",
        stdout(&o)
    );
    let err = stderr(&o);
    // The step that varies duration_ms: what fits is its largest choice, not a
    // `duration_ms = N` in the scenario (which the variation replaces).
    for (place, step, fix) in [
        (
            "a.toml".to_string(),
            "embedded",
            format!("the largest `duration_ms` choice of the step's `vary` fits at {fit} or less (it is 460)"),
        ),
        (
            format!("a.toml:{line}:12"),
            "from-file",
            format!("`duration_ms = {fit}` fits"),
        ),
    ] {
        let note = format!(
            "note: {place}: step `{step}`'s scenario: over the web page's limit of {limit} estimated events: the page would ask before running it (offering a shorter run) and may take long; {fix} (the CLI runs it as it is)\n"
        );
        assert!(err.contains(&note), "{note}\n{err}");
    }
    // smoke.toml is far under the limit (its questions not asked by the step are noted,
    // which is another note).
    assert!(!err.contains("step `small`'s scenario"), "{err}");
    let o = virtsim_in(&dir, &["--lang", "ko", "validate", "a.toml"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "참고: a.toml: 단계 `embedded`의 시나리오: 추정 이벤트가 웹 페이지 한도인 {limit}개를 넘습니다"
        )) && err.contains(&format!("`duration_ms = {fit}`이면 한도 안에 듭니다"))
            && err.contains(&format!(
                "단계의 `vary`에서 가장 큰 `duration_ms` 선택지가 {fit} 이하이면 한도 안에 듭니다(지금은 460)"
            )),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A step with neither `student_seed` nor a `[[step.vary]]` gives every student the same
/// answers: `answers` says so, of that step only, in both languages (an instructor's step
/// got no word of it); a step with a seed per student or a variation gets no such note.
#[test]
fn answers_notes_a_step_where_every_student_gets_the_same_answers() {
    let dir = scratch_dir("same-answers");
    let same = ASSIGNMENT.replace("student_seed = true\n", "").replace(
        "[[step.vary]]\nparameter = \"host_cores\"\nchoices = [1, 2]\n",
        "",
    );
    assert_ne!(same, ASSIGNMENT);
    let a = write(&dir, "same.toml", &same);
    let o = virtsim(&["answers", &a]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert!(
        stderr(&o).contains("note: step `one`: every student gets the same answers"),
        "{}",
        stderr(&o)
    );
    let o = virtsim(&["--lang", "ko", "answers", &a]);
    assert!(
        stderr(&o).contains("참고: 단계 `one`: 모든 학생이 같은 답을 받습니다"),
        "{}",
        stderr(&o)
    );
    let a = write(&dir, "varied.toml", ASSIGNMENT);
    let o = virtsim(&["answers", &a]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert!(
        !stderr(&o).contains("every student gets the same"),
        "{}",
        stderr(&o)
    );
}
