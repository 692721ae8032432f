//! The `virtsim` command line: output formats, seed override, exit codes and messages.
//!
//! Exit codes (cli/src/main.rs, cli/src/failure.rs): 0 success (and `--help`, `--version`), 2 invalid scenario
//! (message on stderr, also for a file that is not UTF-8), 1 any other failure (unreadable
//! file, usage error, ...).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn virtsim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_virtsim"))
        .args(args)
        .output()
        .expect("start virtsim")
}

fn io_paths() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/io-paths.toml").to_string()
}

fn smoke() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/smoke.toml").to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

/// A scratch file unique to this test process.
fn scratch(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("virtsim-cli-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, content).expect("write scratch file");
    path
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

/// A scenario whose `technique` on line 8 is not a valid one.
const BAD: &str = "[scenario]\nname = \"bad\"\nduration_ms = 5\n\n[[platform]]\nname = \"xen\"\nkind = \"type1\"\ntechnique = \"paravirt\"\n\n[[instance]]\nname = \"a\"\nworkload = \"cpu-bound\"\n";

fn json_of(args: &[&str]) -> serde_json::Value {
    let o = virtsim(args);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("valid JSON on stdout")
}

#[test]
fn run_prints_a_table() {
    let o = virtsim(&["run", &smoke()]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let out = stdout(&o);
    for needle in [
        "seed 1, 50 ms simulated",
        "vs native",
        "t1-para",
        "t2-hw",
        "100.0%",
        "exits and traps",
    ] {
        assert!(out.contains(needle), "table lacks {needle:?}:\n{out}");
    }
    // stderr is not a terminal here: no progress output.
    assert_eq!(stderr(&o), "");
}

#[test]
fn a_description_keeps_its_paragraphs_and_joins_the_lines_within() {
    // A line without a closing backslash, then an empty line: two paragraphs. A lone line
    // break inside a paragraph is a space (it was printed escaped, `\u{a}`, before).
    let file = scratch(
        "paragraphs.toml",
        "[scenario]\nname = \"p\"\nduration_ms = 5\ndescription = { en = \"\"\"\nFirst part,\nsame paragraph.\n\nSecond paragraph.\"\"\", ko = \"첫째\\n\\n둘째\" }\n\n[[platform]]\nname = \"n\"\nkind = \"native\"\n\n[[instance]]\nname = \"a\"\nworkload = \"cpu-bound\"\n",
    );
    let o = virtsim(&["run", file.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert!(
        stdout(&o).starts_with("p\nFirst part, same paragraph.\n\nSecond paragraph.\n\nseed "),
        "{}",
        stdout(&o)
    );
    let o = virtsim(&["run", file.to_str().unwrap(), "--lang", "ko"]);
    assert!(
        stdout(&o).starts_with("p\n첫째\n\n둘째\n\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn run_in_korean_uses_the_korean_table() {
    let o = virtsim(&["run", &smoke(), "--lang", "ko"]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.chars().any(|c| ('가'..='힣').contains(&c)),
        "no Hangul in:\n{out}"
    );
    assert_ne!(out, stdout(&virtsim(&["run", &smoke()])));
}

#[test]
fn run_json_is_the_library_result() {
    let value = json_of(&["run", &smoke(), "--format", "json"]);
    assert_eq!(value["scenario"], "smoke");
    assert_eq!(value["seed"], 1);
    let names: Vec<&str> = value["platforms"]
        .as_array()
        .expect("platforms")
        .iter()
        .map(|p| p["name"].as_str().expect("name"))
        .collect();
    assert_eq!(
        names,
        ["native", "container", "t1-bt", "t1-hw", "t1-para", "t2-hw"]
    );
    // Byte for byte what the library gives for the same file, its description filled
    // with the run's figures as its questions come (smoke's quotes two placeholders).
    let text = std::fs::read_to_string(smoke()).unwrap();
    let mut lib = sim_core::Scenario::from_toml("smoke.toml", &text)
        .unwrap()
        .run()
        .unwrap();
    assert!(lib
        .description
        .as_ref()
        .unwrap()
        .en
        .contains("{relative_performance_percent:t1-hw}"));
    lib.fill_description();
    let o = virtsim(&["run", &smoke(), "--format", "json"]);
    let description = value["description"]["en"].as_str().unwrap();
    assert!(
        !description.contains("{relative_performance_percent"),
        "{description}"
    );
    assert!(!value["description"]["ko"]
        .as_str()
        .unwrap()
        .contains("{relative_performance_percent"));
    assert_eq!(
        stdout(&o),
        serde_json::to_string_pretty(&lib).unwrap() + "\n"
    );
    let back: sim_core::RunResult = serde_json::from_str(&stdout(&o)).expect("parses as RunResult");
    assert_eq!(back.platforms.len(), 6);
}

#[test]
fn seed_flag_changes_the_seed_and_the_numbers() {
    let one = json_of(&["run", &smoke(), "--format", "json"]);
    let other = json_of(&["run", &smoke(), "--format", "json", "--seed", "42"]);
    assert_eq!(other["seed"], 42);
    assert_ne!(one["platforms"][0]["ops"], other["platforms"][0]["ops"]);
    // And the same seed twice is the same output.
    let again = json_of(&["run", &smoke(), "--format", "json", "--seed", "42"]);
    assert_eq!(other, again);
}

/// Texts that quote figures only through placeholders (`{exits_per_second:virtio}`, filled
/// with this run's own figures) get no note under another seed or other costs: the texts as
/// written are read, not the run's filled ones (an instructor's lecture file was told its
/// figures were seed 1's); "type-1" and "타입 1" are names, not figures.
#[test]
fn texts_quoting_only_placeholders_get_no_own_seed_note() {
    let text = "[scenario]\nname = \"pv\"\nduration_ms = 50\n\
        description = { en = \"VMs on one type-1 host: {exits_per_second:virtio} exits/s.\", ko = \"하나의 타입 1 호스트에서 초당 {exits_per_second:virtio}번.\" }\n\n\
        [host]\ncores = 4\n\n\
        [[platform]]\nname = \"virtio\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\nio = \"paravirtual\"\n\n\
        [[instance]]\nname = \"db\"\ncount = 1\nvcpus = 1\nworkload = \"disk-random-4k\"\n\n\
        [[question]]\nid = \"exits\"\nkind = \"numeric\"\nmetric = \"exits_per_second\"\nplatform = \"virtio\"\n\
        text = { en = \"How many?\", ko = \"몇 번?\" }\n\
        explanation = { en = \"{exits_per_second:virtio} exits/s.\", ko = \"초당 {exits_per_second:virtio}번.\" }\n";
    let file = scratch("placeholders-only.toml", text);
    let shown = file.display().to_string();
    for args in [
        vec!["run", shown.as_str(), "--seed", "5"],
        vec!["--lang", "ko", "run", shown.as_str(), "--seed", "5"],
        vec!["run", shown.as_str(), "--cost", "vm_exit_roundtrip=2000"],
    ] {
        let o = virtsim(&args);
        assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            !err.contains("figures quoted") && !err.contains("적힌 수치"),
            "{args:?}: {err}"
        );
    }
    // The same file with a figure of its own in an explanation gets it.
    let quoting = text.replace(
        "\"{exits_per_second:virtio} exits/s.\", ko",
        "\"about 3000 exits/s.\", ko",
    );
    let file = scratch("placeholders-and-a-figure.toml", &quoting);
    let o = virtsim(&["run", &file.display().to_string(), "--seed", "5"]);
    assert!(
        stderr(&o).contains("from the file's own seed 1"),
        "{}",
        stderr(&o)
    );
}

/// A run under another seed than the file's says its texts' figures are the file's seed's
/// (smoke's is 1, and it has a description), on stderr whatever the format (JSON's figures
/// are the output's); the file's own seed says nothing.
#[test]
fn another_seed_says_the_texts_figures_are_the_files_seed() {
    let o = virtsim(&["run", &smoke(), "--seed", "42"]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert!(
        stderr(&o).contains("from the file's own seed 1; this run uses --seed 42"),
        "{}",
        stderr(&o)
    );
    let ko = virtsim(&["run", &smoke(), "--seed", "42", "--lang", "ko"]);
    assert!(stderr(&ko).contains("파일의 시드 1로"), "{}", stderr(&ko));
    // The particles follow the number as it is read: 3 (삼) takes 으로, 7 (칠) 은.
    let ko = virtsim(&["run", &io_paths(), "--seed", "7", "--lang", "ko"]);
    assert!(stderr(&ko).contains("파일의 시드 3으로"), "{}", stderr(&ko));
    assert!(stderr(&ko).contains("--seed 7`은"), "{}", stderr(&ko));
    let json = virtsim(&["run", &smoke(), "--seed", "42", "--format", "json"]);
    assert!(
        stderr(&json).contains("this run uses --seed 42, whose figures are the output's"),
        "{}",
        stderr(&json)
    );
    let o = virtsim(&["run", &smoke(), "--seed", "1"]);
    assert!(!stderr(&o).contains("own seed"), "{}", stderr(&o));
    // A description that quotes no figure ("type 1" is a name) has nothing to differ.
    let plain = scratch(
        "no-figures.toml",
        "[scenario]\nname = \"plain\"\ndescription = { en = \"A type 1 hypervisor.\", ko = \"Type 1 하이퍼바이저.\" }\nduration_ms = 5\n[host]\ncores = 2\n[[platform]]\nname = \"t1\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n[[instance]]\nname = \"vm\"\nworkload = \"web-server\"\n",
    );
    let o = virtsim(&["run", plain.to_str().unwrap(), "--seed", "9"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!stderr(&o).contains("own seed"), "{}", stderr(&o));
}

#[test]
fn run_csv_has_one_row_per_platform_and_operation() {
    let o = virtsim(&["run", &smoke(), "--format", "csv"]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let out = stdout(&o);
    let mut lines = out.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    assert_eq!(&header[..3], ["scenario", "seed", "platform"]);
    let op_column = header.iter().position(|h| *h == "op").expect("op column");
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert!(!rows.is_empty());
    for row in &rows {
        assert_eq!(row.len(), header.len(), "row {row:?}");
        assert_eq!(row[0], "smoke");
        assert_eq!(row[1], "1");
    }
    // Every platform appears, each with its syscall row.
    let json = json_of(&["run", &smoke(), "--format", "json"]);
    for p in json["platforms"].as_array().unwrap() {
        let name = p["name"].as_str().unwrap();
        let ops = p["latency"].as_array().unwrap().len();
        let mine = rows.iter().filter(|r| r[2] == name).count();
        assert_eq!(mine, ops, "{name}: {mine} rows for {ops} operations");
        assert!(rows
            .iter()
            .any(|r| r[2] == name && r[op_column] == "syscall"));
    }
}

#[test]
fn validate_accepts_good_files() {
    let o = virtsim(&["validate", &smoke()]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert!(stdout(&o).contains("smoke.toml: ok"));
    // Every file of the library is valid.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    let mut args = vec!["validate"];
    args.extend(files.iter().map(String::as_str));
    let o = virtsim(&args);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), files.len());
}

/// A valid scenario over the web page's limit of estimated events: still ok (exit 0), with
/// a note naming the page's limit and the duration that fits, in both languages; a small
/// one gets no note.
#[test]
fn validate_notes_a_scenario_over_the_pages_limit_and_the_duration_that_fits() {
    use sim_core::scenario::{fitting_duration_ms, PAGE_MAX_EVENTS};
    let text = "[scenario]\nname = \"big\"\nduration_ms = 460\n\n[host]\ncores = 1024\nmemory_gib = 8192\n\n[[platform]]\nname = \"kvm\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n\n[[instance]]\nname = \"web\"\ncount = 1000\nvcpus = 2\nmemory_gib = 4\nworkload = \"network-rr\"\n";
    let big = scratch("page-limit.toml", text);
    let shown = big.display().to_string();
    let scenario = sim_core::Scenario::from_toml(&shown, text).expect("valid");
    let events = scenario.estimated_events();
    assert!(events > PAGE_MAX_EVENTS, "{events}");
    let fit = fitting_duration_ms(460, events, PAGE_MAX_EVENTS);
    assert!(fit > 0 && fit < 460, "{fit}");
    let limit = sim_core::text::thousands(&PAGE_MAX_EVENTS.to_string());
    let o = virtsim(&["validate", &shown]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert!(stdout(&o).contains(": ok ("), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "note: {shown}: over the web page's limit of {limit} estimated events"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("`duration_ms = {fit}` fits")),
        "{err}"
    );
    let o = virtsim(&["--lang", "ko", "validate", &shown]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "참고: {shown}: 추정 이벤트가 웹 페이지 한도인 {limit}개를 넘습니다"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("`duration_ms = {fit}`이면 한도 안에 듭니다")),
        "{err}"
    );
    // Within the limit: no note.
    let o = virtsim(&["validate", &smoke()]);
    assert!(!stderr(&o).contains("web page's limit"), "{}", stderr(&o));
}

#[test]
fn validate_rejects_a_bad_file_with_exit_2_and_its_location() {
    let bad = scratch("bad.toml", BAD);
    let shown = bad.display().to_string();
    let o = virtsim(&["validate", &shown]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    // file:line:column: message — `paravirt` is the value on line 8, column 13.
    assert!(err.starts_with(&format!("{shown}:8:13: ")), "stderr: {err}");
    assert!(
        err.contains("paravirt") && err.contains("hardware_assist"),
        "stderr: {err}"
    );
    assert_eq!(stdout(&o), "");

    // A good and a bad file: still 2, the good one reported ok.
    let o = virtsim(&["validate", &smoke(), &shown]);
    assert_eq!(code(&o), 2);
    assert!(stdout(&o).contains("smoke.toml: ok"));
    assert!(stderr(&o).contains(":8:13: "));

    // `run` refuses it the same way, before running anything.
    let o = virtsim(&["run", &shown]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).starts_with(&format!("{shown}:8:13: ")));
    assert_eq!(stdout(&o), "");
}

/// Every independent error in one run, in the file's order: here 25 instance groups
/// with `count = 0`, each its own error; the first 20 are printed, then how many more.
#[test]
fn validate_reports_every_error_up_to_twenty_then_how_many_more() {
    let mut text = String::from("[scenario]\nname = \"many\"\nduration_ms = 5\n\n[[platform]]\nname = \"n\"\nkind = \"native\"\n");
    for i in 0..25 {
        text.push_str(&format!(
            "\n[[instance]]\nname = \"g{i}\"\nworkload = \"cpu-bound\"\ncount = 0\n"
        ));
    }
    let path = scratch("many.toml", &text);
    let shown = path.display().to_string();
    let o = virtsim(&["validate", &shown]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 21, "stderr: {err}");
    // Group g0's count is on line 12 (7 lines of head, then 5 per group), g19's on 107.
    assert!(
        lines[0].starts_with(&format!("{shown}:12:9: instance `g0`: count")),
        "{err}"
    );
    assert!(
        lines[19].starts_with(&format!("{shown}:107:9: instance `g19`")),
        "{err}"
    );
    assert_eq!(lines[20], format!("{shown}: and 5 more errors"));
    let o = virtsim(&["validate", &shown, "--lang", "ko"]);
    assert_eq!(
        stderr(&o).lines().last(),
        Some(format!("{shown}: 오류가 5개 더 있습니다").as_str())
    );
    // `run` refuses it with the same list.
    let o = virtsim(&["run", &shown]);
    assert_eq!((code(&o), stderr(&o)), (2, err));
}

/// Warnings stop at twenty too, then how many more (an assignment of 40 steps with 274
/// undersized groups each printed 10 961 warning lines, 4.6 MB).
#[test]
fn validate_prints_twenty_warnings_then_how_many_more() {
    let mut text = String::from("[scenario]\nname = \"small\"\nduration_ms = 5\n\n[[platform]]\nname = \"c\"\nkind = \"container\"\n");
    for i in 0..23 {
        text.push_str(&format!(
            "\n[[instance]]\nname = \"g{i}\"\nworkload = \"cpu-bound\"\nmemory_gib = 0.1\n"
        ));
    }
    let path = scratch("small-memory.toml", &text);
    let shown = path.display().to_string();
    let o = virtsim(&["validate", &shown]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 21, "stderr: {err}");
    assert!(
        lines[..20]
            .iter()
            .all(|l| l.starts_with(&format!("warning: {shown}:"))),
        "{err}"
    );
    assert_eq!(lines[20], format!("warning: {shown}: and 3 more warnings"));
    let o = virtsim(&["validate", &shown, "--lang", "ko"]);
    assert_eq!(
        stderr(&o).lines().last(),
        Some(format!("경고: {shown}: 경고가 3개 더 있습니다").as_str())
    );
}

/// A reviewer's four mistakes (a misspelt kind, too many cores, an unknown key, a misspelt
/// workload) are four errors at once; where the reading still stops (a syntax error), a
/// last line says so, in both languages.
#[test]
fn validate_reads_past_an_unknown_key_and_says_where_the_reading_stopped() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/invalid/unknown-key-among-other-errors.toml");
    let text = std::fs::read_to_string(corpus).expect("corpus case");
    let path = scratch("four.toml", &text);
    let shown = path.display().to_string();
    let o = virtsim(&["validate", &shown]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    let places: Vec<&str> = (err.lines())
        .map(|l| l[shown.len() + 1..].split(": ").next().unwrap_or(""))
        .collect();
    assert_eq!(places, ["10:9", "14:8", "24:1", "25:12"], "{err}");
    assert!(!err.contains("note:"), "{err}");
    // A syntax error stops the reading before anything is read: it alone, then the note
    // at its place.
    let broken = scratch("four-broken.toml", &format!("{text}count = = 2\n"));
    let shown = broken.display().to_string();
    let o = virtsim(&["validate", &shown]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 2, "{err}");
    assert_eq!(
        err.lines().last(),
        Some(
            format!(
                "note: {shown}:26:9: reading stopped here: the file's other checks run once this error is fixed"
            )
            .as_str()
        ),
        "{err}"
    );
    let o = virtsim(&["validate", &shown, "--lang", "ko"]);
    assert_eq!(
        stderr(&o).lines().last(),
        Some(
            format!(
                "참고: {shown}:26:9: 여기서 읽기를 멈췄습니다: 이 오류를 고치면 파일의 나머지 검사가 실행됩니다"
            )
            .as_str()
        )
    );
}

#[test]
fn an_unreadable_file_exits_1() {
    let missing = Path::new(env!("CARGO_MANIFEST_DIR")).join("no-such-scenario.toml");
    for command in ["run", "validate"] {
        let o = virtsim(&[command, &missing.display().to_string()]);
        assert_eq!(code(&o), 1, "{command}: stderr {}", stderr(&o));
        assert!(
            stderr(&o).contains("cannot read"),
            "{command}: {}",
            stderr(&o)
        );
    }
    // In Korean when asked: the reason too, not the system's English words.
    for command in ["run", "validate"] {
        let o = virtsim(&[command, &missing.display().to_string(), "--lang", "ko"]);
        assert_eq!(code(&o), 1, "{command}: stderr {}", stderr(&o));
        assert!(
            stderr(&o).contains("읽을 수 없습니다: 그런 파일이나 디렉터리가 없습니다"),
            "{command}: {}",
            stderr(&o)
        );
    }
    // A directory stands for its `*.toml` files: one without any is an error (1).
    let empty = std::env::temp_dir().join(format!("virtsim-cli-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let o = virtsim(&["run", &empty.display().to_string()]);
    assert_eq!(code(&o), 1, "stderr {}", stderr(&o));
    assert!(
        stderr(&o).contains("no .toml scenario files"),
        "{}",
        stderr(&o)
    );
    let o = virtsim(&["validate", &empty.display().to_string(), "--lang", "ko"]);
    assert_eq!(code(&o), 1, "stderr {}", stderr(&o));
    assert!(
        stderr(&o).contains("이 디렉터리에 .toml 시나리오 파일이 없습니다"),
        "{}",
        stderr(&o)
    );
}

/// Several files run on several threads print exactly what running each alone prints, in
/// the order given; an invalid file in between is reported (exit 2) and the others run.
#[test]
fn run_many_files_on_many_threads_prints_them_in_order() {
    let library = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios");
    let one = |file: &str| stdout(&virtsim(&["run", file, "--format", "json", "-j", "1"]));
    let queue = format!("{library}/queue-depth.toml");
    let expected = one(&smoke()) + &one(&queue) + &one(&smoke());
    for jobs in ["1", "2", "3"] {
        let o = virtsim(&[
            "run",
            &smoke(),
            &queue,
            &smoke(),
            "--format",
            "json",
            "--jobs",
            jobs,
        ]);
        assert_eq!(code(&o), 0, "stderr {}", stderr(&o));
        assert!(stdout(&o) == expected, "--jobs {jobs}: output differs");
    }
    let bad = scratch("bad-batch.toml", BAD).display().to_string();
    let o = virtsim(&[
        "run",
        &smoke(),
        &bad,
        &smoke(),
        "--format",
        "csv",
        "-j",
        "2",
    ]);
    assert_eq!(code(&o), 2, "stderr {}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("{bad}:8:13: ")),
        "{}",
        stderr(&o)
    );
    // Several files' CSV is one table: one header, then each file's rows.
    let alone = stdout(&virtsim(&["run", &smoke(), "--format", "csv"]));
    let rows = alone.split_once('\n').unwrap().1;
    assert_eq!(stdout(&o), format!("{alone}{rows}"));
    assert_eq!(stdout(&o).matches("scenario,seed,").count(), 1);
    // The event cap holds for a scenario whose jobs run side by side.
    let o = virtsim(&["run", &smoke(), "--max-events", "100000", "-j", "2"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("needed more than --max-events 100,000 events"),
        "{}",
        stderr(&o)
    );
}

/// `--format jsonl`: one compact JSON object per scenario on a line of its own, in the
/// order given, each the same as that file's `--format json` alone; the same bytes for
/// `--jobs 1` and `--jobs 2`; `--trace` goes into each line as into the JSON; a directory
/// gives its files' lines in name order, as naming them does.
#[test]
fn run_jsonl_prints_a_line_per_scenario_as_json_prints_each() {
    let library = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios");
    let queue = format!("{library}/queue-depth.toml");
    let files = [smoke(), queue.clone(), smoke()];
    let alone: Vec<serde_json::Value> = (files.iter())
        .map(|f| json_of(&["run", f, "--format", "json", "-j", "1"]))
        .collect();
    let mut outputs = Vec::new();
    for jobs in ["1", "2"] {
        let o = virtsim(&[
            "run", &files[0], &files[1], &files[2], "--format", "jsonl", "--jobs", jobs,
        ]);
        assert_eq!(code(&o), 0, "--jobs {jobs}: stderr {}", stderr(&o));
        let out = stdout(&o);
        assert!(out.ends_with('\n'), "--jobs {jobs}: no final line break");
        let lines: Vec<&str> = out.split_terminator('\n').collect();
        assert_eq!(lines.len(), files.len(), "--jobs {jobs}: {out}");
        for (i, (line, json)) in lines.iter().zip(&alone).enumerate() {
            let parsed: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("--jobs {jobs}: line {} is no JSON: {e}", i + 1));
            assert!(parsed.is_object(), "--jobs {jobs}: line {}", i + 1);
            assert!(
                parsed == *json,
                "--jobs {jobs}: line {} differs from {}'s --format json",
                i + 1,
                files[i]
            );
        }
        outputs.push(out);
    }
    assert!(outputs[0] == outputs[1], "--jobs 2 differs from --jobs 1");
    // The second scenario is another one: the lines are in the order given.
    assert_ne!(alone[0]["scenario"], alone[1]["scenario"]);
    // --trace records the timeline into each line, as into the JSON.
    let traced = virtsim(&["run", &smoke(), "--format", "jsonl", "--trace"]);
    assert_eq!(code(&traced), 0, "stderr {}", stderr(&traced));
    let line: serde_json::Value = serde_json::from_str(stdout(&traced).trim_end()).unwrap();
    assert_eq!(
        line,
        json_of(&["run", &smoke(), "--format", "json", "--trace"])
    );
    // A directory: its files' lines, in name order.
    let dir = std::env::temp_dir().join(format!("virtsim-cli-jsonl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let smoke_text = std::fs::read_to_string(smoke()).unwrap();
    let (a, b) = (dir.join("a.toml"), dir.join("b.toml"));
    std::fs::write(&b, &smoke_text).unwrap();
    std::fs::write(
        &a,
        smoke_text.replacen("[scenario]\n", "[scenario]\nseed = 2\n", 1),
    )
    .unwrap();
    let by_dir = virtsim(&["run", &dir.display().to_string(), "--format", "jsonl"]);
    assert_eq!(code(&by_dir), 0, "stderr {}", stderr(&by_dir));
    let (a, b) = (a.display().to_string(), b.display().to_string());
    let by_name = virtsim(&["run", &a, &b, "--format", "jsonl", "-j", "2"]);
    assert_eq!(stdout(&by_dir), stdout(&by_name));
    let seeds: Vec<u64> = (stdout(&by_dir).lines())
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["seed"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(seeds, [2, 1]);
}

/// The platforms section names a type 2's hosted design, read from the scenario as the
/// page's kind column reads it (the result does not hold it): every type 2's, in the words
/// sim-core gives the page, in both languages; no other platform's.
#[test]
fn the_platforms_section_names_a_type_2s_hosted_design() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scenarios/hosted-designs.toml"
    );
    let section = |lang: &str, heading: &str| -> Vec<String> {
        let o = virtsim(&["run", file, "--lang", lang]);
        assert_eq!(code(&o), 0, "stderr {}", stderr(&o));
        let out = stdout(&o);
        let start = out
            .find(&format!("\n\n{heading}\n"))
            .unwrap_or_else(|| panic!("no {heading} section:\n{out}"));
        (out[start + 2..].lines().skip(1))
            .take_while(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect()
    };
    let lines = section("en", "platforms");
    let line_of = |lines: &[String], name: &str| -> String {
        let i = (lines.iter())
            .position(|l| l.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("no {name} in {lines:?}"));
        // A platform with a label has its stack on the next line.
        lines[i..=(i + 1).min(lines.len() - 1)].join("\n")
    };
    let type1 = line_of(&lines, "type1");
    let type2 = line_of(&lines, "type2");
    let module = line_of(&lines, "type2-host-module");
    assert!(!type1.contains("VMM"), "{type1}");
    assert!(
        type2.contains("type 2 hypervisor")
            && type2.contains(" · VMM in a world of its own (world switch)"),
        "{type2}"
    );
    assert!(
        module.contains(" · VMM as a host kernel module (no world switch)"),
        "{module}"
    );
    let ko = section("ko", "플랫폼");
    assert!(
        line_of(&ko, "type2-host-module")
            .contains(" · 호스트 커널 모듈 방식 VMM (월드 스위치 없음)"),
        "{ko:?}"
    );
    assert!(
        line_of(&ko, "type2").contains(" · 월드 스위치 방식 VMM"),
        "{ko:?}"
    );
}

/// A directory runs its scenario files in name order, the same as naming them.
#[test]
fn run_a_directory_runs_its_files_in_name_order() {
    let dir = std::env::temp_dir().join(format!("virtsim-cli-dir-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let smoke_text = std::fs::read_to_string(smoke()).unwrap();
    let (a, b) = (dir.join("a.toml"), dir.join("b.toml"));
    std::fs::write(&b, &smoke_text).unwrap();
    std::fs::write(
        &a,
        smoke_text.replacen("[scenario]\n", "[scenario]\nseed = 2\n", 1),
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "not a scenario").unwrap();
    let by_dir = virtsim(&["run", &dir.display().to_string(), "--format", "csv"]);
    let by_name = virtsim(&[
        "run",
        &a.display().to_string(),
        &b.display().to_string(),
        "--format",
        "csv",
    ]);
    assert_eq!(code(&by_dir), 0, "stderr {}", stderr(&by_dir));
    assert_eq!(stdout(&by_dir), stdout(&by_name));
    // a.toml (seed 2) first, then b.toml (seed 1): the two halves differ.
    let alone = stdout(&virtsim(&[
        "run",
        &b.display().to_string(),
        "--format",
        "csv",
    ]));
    let rows = alone.split_once('\n').unwrap().1;
    assert!(stdout(&by_dir).ends_with(rows) && !stdout(&by_dir).starts_with(&alone));
}

#[test]
fn a_file_that_is_not_utf8_is_an_invalid_scenario() {
    // Valid up to `é` on line 2 (column 10 in characters), then a lone 0xff.
    let binary = scratch("binary.toml", "");
    let mut bytes = b"[scenario]\nname = \"\xc3\xa9".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe, b'"', b'\n']);
    std::fs::write(&binary, bytes).unwrap();
    let shown = binary.display().to_string();
    for command in ["run", "validate"] {
        let o = virtsim(&[command, &shown]);
        assert_eq!(code(&o), 2, "{command}: stderr {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.starts_with(&format!("{shown}:2:10: the file is not valid UTF-8 text")),
            "{command}: {err}"
        );
        assert!(err.contains("0xff"), "{err}");
    }
}

#[test]
fn validate_reports_every_file_and_exits_with_the_worst_code() {
    let bad = scratch("bad-worst.toml", BAD).display().to_string();
    let missing = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("no-such-scenario.toml")
        .display()
        .to_string();
    // Unreadable in the middle: the files after it are still checked; 1 beats 2.
    let o = virtsim(&["validate", &bad, &missing, &smoke()]);
    assert_eq!(code(&o), 1, "stderr {}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(&format!("{bad}:8:13: ")), "{err}");
    assert!(err.contains("cannot read"), "{err}");
    assert!(stdout(&o).contains("smoke.toml: ok"), "{}", stdout(&o));
    // Invalid after unreadable, in the other order: still 1, both reported.
    let o = virtsim(&["validate", &missing, &bad]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains(":8:13: ") && stderr(&o).contains("cannot read"));
    // Two invalid files: 2, both reported.
    let other = scratch("bad-other.toml", BAD).display().to_string();
    let o = virtsim(&["validate", &bad, &other]);
    assert_eq!(code(&o), 2);
    assert_eq!(stderr(&o).matches(":8:13: ").count(), 2, "{}", stderr(&o));
}

#[test]
fn schema_prints_a_json_schema() {
    let value = json_of(&["schema"]);
    assert!(
        value["$schema"]
            .as_str()
            .is_some_and(|s| s.contains("json-schema")),
        "{value}"
    );
    let properties = value["properties"].as_object().expect("properties");
    for section in [
        "scenario", "host", "platform", "instance", "workload", "costs", "question",
    ] {
        assert!(properties.contains_key(section), "schema lacks `{section}`");
    }
    assert!(value["required"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r == "scenario"));
}

#[test]
fn usage_errors_exit_1_not_2() {
    // 2 means "invalid scenario"; a wrong command line is another failure.
    for args in [
        &[][..],
        &["run"][..],
        &["frobnicate"][..],
        &["run", "x.toml", "--lang", "fr"][..],
        &["run", "x.toml", "--format", "xml"][..],
        &["run", "x.toml", "--seed", "-1"][..],
    ] {
        let o = virtsim(args);
        assert_eq!(code(&o), 1, "{args:?}: stderr {}", stderr(&o));
        assert!(!stderr(&o).is_empty(), "{args:?}: no message");
    }
}

#[test]
fn help_and_version_exit_0() {
    for args in [&["--help"][..], &["run", "--help"][..], &["--version"][..]] {
        let o = virtsim(args);
        assert_eq!(code(&o), 0, "{args:?}: stderr {}", stderr(&o));
        assert!(!stdout(&o).is_empty(), "{args:?}");
    }
    // `validate` checks assignments too, and says what it cannot see without a run.
    let o = virtsim(&["validate", "--help"]);
    assert!(
        stdout(&o).contains("Check scenario and assignment files without running"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("Near ties"), "{}", stdout(&o));
}

/// Two platforms with labels, a description, a choice question with an explanation and a
/// numeric one; escape sequences in the free texts and a formula-like platform name.
const TEXTS: &str = r#"
[scenario]
name = "texts"
title = { en = "Title \u001b[31mred\u001b[0m", ko = "제목" }
description = { en = "A description\nwith a line break and a bell \u0007.", ko = "설명 \u001b]0;x\u0007 끝" }
duration_ms = 5

[[platform]]
name = "=bt"
label = { en = "Binary \u001b[2Jtranslation", ko = "바이너리 변환" }
kind = "type1"
technique = "binary_translation"

[[platform]]
name = "hw"
label = { en = "Hardware assist", ko = "하드웨어 지원" }
kind = "type1"
technique = "hardware_assist"

[[instance]]
name = "a"
workload = "syscall-heavy"

[[question]]
id = "fastest"
text = { en = "Which platform has the fastest system call?", ko = "시스템 콜이 가장 빠른 플랫폼은?" }
kind = "choice"
metric = "mean_latency_us"
op = "syscall"
select = "lowest"
explanation = { en = "Binary translation turns every system call into a trip through the VMM.", ko = "바이너리 변환은 시스템 콜마다 VMM을 거칩니다." }

[[question]]
id = "share"
text = { en = "What share of native does hw reach?", ko = "hw는 네이티브 대비 몇 %?" }
kind = "numeric"
metric = "relative_performance_percent"
platform = "hw"
"#;

#[test]
fn the_table_shows_labels_description_and_the_questions_in_full() {
    let file = scratch("texts.toml", TEXTS).display().to_string();
    let json = json_of(&["run", &file, "--format", "json"]);
    let o = virtsim(&["run", &file]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let out = stdout(&o);
    for needle in [
        "A description",
        "Hardware assist",
        "options: =bt, hw",
        // The metric by the page's name, then its key; each figure with its unit.
        "evidence (Mean latency of syscall, mean_latency_us): =bt ",
        " µs, hw ",
        "platforms\n=bt ",
        "type 1 hypervisor · full virtualization (binary translation)",
        "-> hw",
        "why: Binary translation turns",
        // A percentage: its range, and that the ±5% is relative.
        "are right: ±5% of it, not ±5 percentage points)",
        "left of `|` the course overview's rating",
    ] {
        assert!(out.contains(needle), "table lacks {needle:?}:\n{out}");
    }
    assert_eq!(json["questions"][0]["answer"], "hw");
    // A numeric question's JSON has no options but its platform; a choice's no platform.
    assert_eq!(
        json["questions"][0]["options"],
        serde_json::json!(["=bt", "hw"])
    );
    assert!(json["questions"][0].get("platform").is_none());
    assert!(
        json["questions"][1].get("options").is_none(),
        "{}",
        json["questions"][1]
    );
    assert_eq!(json["questions"][1]["platform"], "hw");
    // Its evidence as printed is its platform's figure alone; the JSON has every one.
    let evidence = (out.lines())
        .skip_while(|l| !l.starts_with("share:"))
        .find(|l| l.trim_start().starts_with("evidence"))
        .expect("share's evidence");
    assert!(
        evidence.contains(": hw ") && !evidence.contains("=bt"),
        "{evidence}"
    );
    assert_eq!(
        json["questions"][1]["evidence"].as_array().map(Vec::len),
        Some(2)
    );
    // No control character but line breaks reaches the terminal; the escapes are visible.
    assert!(
        !out.chars().any(|c| c.is_control() && c != '\n'),
        "control characters in:\n{out:?}"
    );
    assert!(out.contains("Title \\u{1b}[31mred"), "{out}");
    assert!(out.contains("bell \\u{7}."), "{out}");
    let ko = stdout(&virtsim(&["run", &file, "--lang", "ko"]));
    assert!(!ko.chars().any(|c| c.is_control() && c != '\n'), "{ko:?}");
    for needle in [
        "설명",
        "하드웨어 지원",
        "선택지: =bt, hw",
        "근거 (시스템 콜 평균 지연, mean_latency_us): =bt ",
        "Type 1 하이퍼바이저 · 전가상화 (바이너리 변환)",
        "설명: 바이너리 변환은",
        ": 이 값의 ±5%이며, ±5%p가 아님)",
        "(정답 범위 ",
    ] {
        assert!(ko.contains(needle), "Korean table lacks {needle:?}:\n{ko}");
    }
}

#[test]
fn the_korean_table_has_no_english_sentences() {
    let fault = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scenarios/fault-blast-radius.toml"
    );
    let o = virtsim(&["run", fault, "--lang", "ko"]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let out = stdout(&o);
    for english in [
        " at 100 ms",
        " failed;",
        "kept running",
        "ops lost",
        "restart",
        "entry points",
        "shared by",
        "vs native",
        "start ms",
        "all-at-once",
        "sessions",
        "frames",
        "platform ",
    ] {
        assert!(
            !out.contains(english),
            "{english:?} in the Korean table:\n{out}"
        );
    }
}

#[test]
fn korean_headers_are_aligned_by_display_width() {
    use unicode_width::UnicodeWidthStr;
    let o = virtsim(&["run", &smoke(), "--lang", "ko"]);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    let header = lines
        .iter()
        .position(|l| l.starts_with("플랫폼"))
        .expect("header line");
    // The header and every platform row end at the same display column.
    let width = lines[header].width();
    for row in &lines[header + 1..header + 7] {
        assert_eq!(row.width(), width, "{row:?} vs {:?}", lines[header]);
    }
}

#[test]
fn csv_cells_cannot_start_a_formula() {
    let file = scratch("texts-csv.toml", TEXTS).display().to_string();
    let o = virtsim(&["run", &file, "--format", "csv"]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let out = stdout(&o);
    let platforms: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(2).expect("platform cell"))
        .collect();
    assert!(platforms.contains(&"'=bt"), "{platforms:?}");
    assert!(platforms.contains(&"hw"), "{platforms:?}");
}

#[test]
fn validate_shows_the_cost_before_running() {
    let o = virtsim(&["validate", &smoke()]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let events: u64 = out
        .split("estimated ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.replace(',', "").parse().ok())
        .unwrap_or_else(|| panic!("no estimated events in {out}"));
    assert!(events > 0, "{out}");
    // Grouped by thousands, as the tables print counts (an instructor's review).
    assert!(
        events < 1000 || out.contains(&sim_core::text::thousands(&events.to_string())),
        "{out}"
    );
    assert!(out.contains("million events/s"), "{out}");
}

/// The size is checked before the file is read: `/dev/zero` never ends, so only a
/// bounded read can reject it, and quickly (it used to read 2 GB before failing).
#[test]
fn an_endless_or_oversized_file_is_rejected_without_reading_it_all() {
    #[allow(clippy::disallowed_methods)]
    let start = std::time::Instant::now();
    let o = virtsim(&["validate", "/dev/zero"]);
    assert_eq!(code(&o), 2, "stderr {}", stderr(&o));
    assert!(
        stderr(&o).contains("/dev/zero:1:1: scenario file is more than 262144 bytes"),
        "{}",
        stderr(&o)
    );
    // Reading 256 KiB takes milliseconds; the old unbounded read took many seconds.
    assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());

    // A regular file one byte over the limit is rejected from its metadata.
    let big = scratch("big.toml", &"#".repeat(262_145));
    let o = virtsim(&["run", &big.display().to_string()]);
    assert_eq!(code(&o), 2, "stderr {}", stderr(&o));
    assert!(
        stderr(&o)
            .contains(":1:1: scenario file is 262145 bytes; at most 262144 bytes are accepted"),
        "{}",
        stderr(&o)
    );
}

/// `--lang ko` prints the validator's messages in Korean, at the same location, for
/// `validate` and for `run`; English stays the default.
#[test]
fn validate_and_run_speak_korean_with_lang_ko() {
    let bad = scratch(
        "korean.toml",
        "[scenario]\nname = \"k\"\n\n[host]\ncores = 0\n\n[[platform]]\nname = \"n\"\nkind = \"native\"\n\n[[instance]]\nname = \"a\"\nworkload = \"cpu-bound\"\n",
    );
    let path = bad.display().to_string();
    for command in ["validate", "run"] {
        let o = virtsim(&[command, &path, "--lang", "ko"]);
        assert_eq!(code(&o), 2, "{command}: {}", stderr(&o));
        // `cores = 0` is on line 5; the value starts in column 9.
        assert!(
            stderr(&o).contains(&format!(
                "{path}:5:9: host.cores 값은 1에서 1,024 사이여야 합니다. 입력값: 0"
            )),
            "{command}: {}",
            stderr(&o)
        );
    }
    let o = virtsim(&["validate", &path]);
    assert!(
        stderr(&o).contains(":5:9: host.cores must be between 1 and 1,024; got 0"),
        "{}",
        stderr(&o)
    );
    let o = virtsim(&["validate", "/dev/zero", "--lang", "ko"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("/dev/zero:1:1: 시나리오 파일이 262144바이트보다 큽니다"),
        "{}",
        stderr(&o)
    );
}

/// Every run has an event cap (the validator's limit by default); `--max-events` lowers
/// it. A run past it exits 1 with the limit and the scenario's estimate, in the language
/// of `--lang`; the limit being the user's `--max-events`, the message names it and its
/// value, and advises raising it before shortening the scenario. smoke.toml needs about
/// 137 000 events, far more than 1000.
#[test]
fn a_run_past_its_event_cap_stops_with_the_limit_and_the_estimate() {
    let o = virtsim(&["run", &smoke(), "--max-events", "1000"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "the run needed more than --max-events 1,000 events (the scenario's estimate is at most"
        ),
        "{err}"
    );
    let (raise, shorten) = (
        err.find("raise --max-events")
            .expect("advice on --max-events"),
        err.find("shorten duration_ms")
            .expect("advice on the scenario"),
    );
    assert!(raise < shorten, "--max-events first: {err}");
    let o = virtsim(&["run", &smoke(), "--max-events", "1000", "--lang", "ko"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("--max-events 1,000개보다 많은 이벤트가 필요했습니다")
            && stderr(&o).contains("--max-events를 늘리거나"),
        "{}",
        stderr(&o)
    );
    // Its figures grouped as the CLI prints counts: the limit given, the estimate, the most
    // --max-events takes.
    let o = virtsim(&["run", &smoke(), "--max-events", "10000"]);
    let err = stderr(&o);
    assert!(
        err.contains("more than --max-events 10,000 events")
            && err.contains("(at most 2,000,000,000)")
            && !err.contains("2000000000"),
        "{err}"
    );
    let estimate = err
        .split_once("estimate is at most ")
        .and_then(|(_, rest)| rest.split_once(' '))
        .map(|(n, _)| n)
        .expect("the estimate");
    assert!(estimate.contains(','), "grouped: {err}");
    let o = virtsim(&["run", &smoke(), "--max-events", "10000", "--lang", "ko"]);
    assert!(
        stderr(&o).contains("--max-events 10,000개보다")
            && stderr(&o).contains("(최대 2,000,000,000)"),
        "{}",
        stderr(&o)
    );
    // Past the most it takes: clap's refusal, its bounds grouped, in both languages.
    for (lang, said) in [
        ("en", "999999999999 is not in 1..=2,000,000,000"),
        ("ko", "1 이상 2,000,000,000 이하여야 합니다"),
    ] {
        let o = virtsim(&[
            "run",
            &smoke(),
            "--max-events",
            "999999999999",
            "--lang",
            lang,
        ]);
        assert_eq!(code(&o), 1, "{}", stderr(&o));
        assert!(stderr(&o).contains(said), "{}", stderr(&o));
    }
    let o = virtsim(&["run", &smoke(), "--max-events", "-5"]);
    assert!(
        stderr(&o).contains("invalid digit found in string"),
        "{}",
        stderr(&o)
    );
    // Enough events: the run completes.
    let o = virtsim(&[
        "run",
        &smoke(),
        "--max-events",
        "100000000",
        "--format",
        "json",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

/// A reader that stops early (`virtsim schema | head -1`): virtsim stops quietly with 0,
/// without a panic or an error message. The pipe is closed before virtsim writes, so
/// every write fails with EPIPE (Rust ignores SIGPIPE).
#[test]
fn a_closed_stdout_ends_quietly() {
    let library = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios");
    for args in [
        vec!["schema"],
        vec!["run", library, "--jobs", "1"],
        vec!["run", library, "--format", "json", "--jobs", "1"],
        vec!["validate", library],
    ] {
        // The pipe's reading end is closed before virtsim starts: dropped after the spawn,
        // it raced virtsim's first writes, and `validate` reached memory-limits.toml's
        // warning (stderr) before a write to stdout failed.
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let child = Command::new(env!("CARGO_BIN_EXE_virtsim"))
            .args(&args)
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start virtsim");
        let o = child.wait_with_output().expect("wait for virtsim");
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}");
    }
}

/// Two identical native platforms tie exactly on throughput: `run` and `answers` still
/// answer (exit 0) but warn on stderr that the answer is only the platforms' order (an
/// exact tie; a near one says a student cannot see the difference). A library scenario
/// has no such warning.
#[test]
fn a_choice_between_tied_platforms_is_warned_about() {
    let tie = scratch(
        "tie.toml",
        "[scenario]\nname = \"tie\"\nduration_ms = 5\nseed = 1\n\n\
         [[platform]]\nname = \"a\"\nkind = \"native\"\n\n\
         [[platform]]\nname = \"b\"\nkind = \"native\"\n\n\
         [[platform]]\nname = \"c\"\nkind = \"native\"\n\n\
         [[instance]]\nname = \"w\"\nworkload = \"cpu-bound\"\n\n\
         [[question]]\nid = \"faster\"\nkind = \"choice\"\nmetric = \"throughput\"\n\
         select = \"highest\"\ntext = { en = \"Which is faster?\", ko = \"어느 쪽이 빠른가?\" }\n",
    );
    let tie = tie.to_str().expect("utf-8 path");
    for args in [vec!["run", tie], vec!["answers", tie]] {
        let o = virtsim(&args);
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("question `faster` is a tie (a, b and c all ")
                && stderr(&o).contains("only the platforms' order in the file"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    // The answer itself says so, on stdout, beside the answer.
    let out = stdout(&virtsim(&["run", tie]));
    assert!(
        out.contains("  -> a (a tie with b, c: the first of them in the file)"),
        "{out}"
    );
    let o = virtsim(&["answers", tie, "--lang", "ko"]);
    assert!(
        stderr(&o).contains("답이 동점입니다(a, b, c 모두 "),
        "{}",
        stderr(&o)
    );
    let o = virtsim(&["run", &smoke()]);
    assert_eq!(stderr(&o), "");
}

/// A sweep whose p99 target no count meets leaves its `sweep_density` question without an
/// answer ("-"): `answers` warns, located at the question, and a p99 resting on a handful
/// of operations is noted. The sweep's operation is one the swept group runs.
#[test]
fn a_question_without_an_answer_is_warned_about() {
    let file = scratch(
        "unreachable.toml",
        "[scenario]\nname = \"unreachable\"\nduration_ms = 5\nseed = 1\n\n\
         [[platform]]\nname = \"a\"\nkind = \"type1\"\ntechnique = \"hybrid\"\n\n\
         [[platform]]\nname = \"b\"\nkind = \"container\"\n\n\
         [[instance]]\nname = \"w\"\nworkload = \"network-rr\"\n\n\
         [sweep]\ninstance = \"w\"\ncounts = [1, 2]\nop = \"net_receive\"\np99_target_us = 0.001\n\n\
         [[question]]\nid = \"fits\"\nkind = \"choice\"\nmetric = \"sweep_density\"\n\
         select = \"highest\"\ntext = { en = \"Which fits more?\", ko = \"어느 쪽이 더 많이 들어가나?\" }\n",
    );
    let file = file.to_str().expect("utf-8 path");
    let o = virtsim(&["answers", file]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("unreachable.toml:26:6: question `fits` has no answer"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("-> -"), "{}", stdout(&o));
}

/// A numeric question without tolerance on a measured figure with decimals cannot be
/// answered from the rounded figures shown: `answers` warns. A count (a whole number) may
/// have none.
#[test]
fn a_numeric_question_without_tolerance_on_a_measured_figure_is_warned_about() {
    let text = |metric: &str| {
        format!(
            "[scenario]\nname = \"tol\"\nduration_ms = 5\nseed = 1\n\n\
             [[platform]]\nname = \"a\"\nkind = \"native\"\n\n\
             [[instance]]\nname = \"w\"\nworkload = \"syscall-heavy\"\n\n\
             [[question]]\nid = \"q\"\nkind = \"numeric\"\nmetric = \"{metric}\"\n\
             platform = \"a\"\ntolerance_percent = 0\ntext = {{ en = \"How much?\", ko = \"얼마?\" }}\n"
        )
    };
    let measured = scratch("tol0.toml", &text("mean_latency_us\"\nop = \"syscall"));
    let o = virtsim(&["answers", measured.to_str().unwrap()]);
    assert!(
        stderr(&o).contains("numeric question `q` has no tolerance (0%) but its answer"),
        "{}",
        stderr(&o)
    );
    let count = scratch("tol0-count.toml", &text("instances_stopped"));
    let o = virtsim(&["answers", count.to_str().unwrap()]);
    assert!(!stderr(&o).contains("no tolerance"), "{}", stderr(&o));
}

#[test]
fn a_cpu_fit_of_zero_says_why() {
    // A 4-vCPU VM kept busy on a 4-core host (lock-holder-preemption's 'fit' platform: its
    // vCPUs busy, 400% CPU) exceeds the 80% ceiling alone (320%): fit(cpu) 0, with the
    // reason under the table. smoke's instances are light: no such line.
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scenarios/lock-holder-preemption.toml"
    );
    let out = stdout(&virtsim(&["run", file]));
    assert!(
        out.contains("fit(cpu) 0: to keep up with native, one instance alone would need more CPU"),
        "{out}"
    );
    let out = stdout(&virtsim(&["run", &smoke()]));
    assert!(!out.contains("fit(cpu) 0:"), "{out}");
}

#[test]
fn a_session_host_group_counts_its_users() {
    // seed-table-full's rds platform: 24 office users and 4 video users share 2 session
    // host VMs; the group lines count the users as the vdi platform's do (one VM each).
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scenarios/seed-table-full.toml"
    );
    let out = stdout(&virtsim(&["run", file]));
    let line = |platform: &str, group: &str| {
        out.lines()
            .find(|l| {
                l.starts_with(platform)
                    && l.split_whitespace().nth(1) == Some(group)
                    && l.contains("ops/s")
            })
            .unwrap_or_else(|| panic!("no {platform}/{group} line:\n{out}"))
            .to_string()
    };
    assert!(line("rds", "office").contains(" x24 "), "{out}");
    assert!(line("rds", "video").contains(" x4 "), "{out}");
    assert!(line("vdi", "office").contains(" x24 "), "{out}");
    assert!(out.contains("on a session host (RDS-like) the count is the group's users' sessions"));
}

#[test]
fn a_figure_lowered_by_a_fault_says_so() {
    // fault-blast-radius: the container's shared kernel panics at 100 ms and stops all 4
    // containers, so its Performance cell must name the fault, not read as a slow platform.
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scenarios/fault-blast-radius.toml"
    );
    let out = stdout(&virtsim(&["run", file]));
    let row = out
        .lines()
        .find(|l| l.contains("OS-level: container") && l.contains("of native throughput"))
        .unwrap_or_else(|| panic!("no container Performance row:\n{out}"));
    assert!(
        row.contains("lowered by the fault at 100 ms, which stopped 4 of 4 instances"),
        "{row}"
    );
    // session-host-vs-vdi: a panic in one user's session is a panic of the session host's
    // server OS, which ends every session on it.
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scenarios/session-host-vs-vdi.toml"
    );
    let out = stdout(&virtsim(&["run", file]));
    assert!(
        out.contains("the server OS kernel of session host `office`"),
        "{out}"
    );
    assert!(out.contains("which ended 24 of 24 sessions"), "{out}");
}

#[test]
fn a_fault_recovery_names_what_boots_on_the_server() {
    // fault-blast-radius: the shared component's restart begins with the server's own
    // boot. Under the containers it is the host OS's; under a type-1 hypervisor (and on
    // the VDI server, a type-1 host too) there is no host OS: the hypervisor boots.
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scenarios/fault-blast-radius.toml"
    );
    for (lang, host_os, hypervisor) in [
        (
            "en",
            "the server and its host OS boot first",
            "the server and its hypervisor boot first",
        ),
        (
            "ko",
            "그중 서버와 호스트 OS 부팅",
            "그중 서버와 하이퍼바이저 부팅",
        ),
    ] {
        let out = stdout(&virtsim(&["--lang", lang, "run", file]));
        let line = |name: &str| {
            out.lines()
                .find(|l| {
                    l.starts_with(&format!("{name} "))
                        && (l.contains("; restart ") || l.contains("; 재시작 "))
                })
                .unwrap_or_else(|| panic!("no fault line of {name}:\n{out}"))
                .to_string()
        };
        assert!(line("container").contains(host_os), "{}", line("container"));
        for name in ["vm-hypervisor", "vdi"] {
            let l = line(name);
            assert!(l.contains(hypervisor), "{l}");
            assert!(!l.contains("host OS") && !l.contains("호스트 OS"), "{l}");
        }
        // A guest kernel's panic boots no server.
        assert!(!line("vm").contains(host_os) && !line("vm").contains(hypervisor));
    }
}

#[test]
fn a_platforms_lowest_group_stands_beside_its_figure() {
    // driver-domain-starvation: without BOOST the db VM gets 0.1% of native while the CPU
    // hogs beside it run as natively, and the platform's CPU-weighted mean reads 93.6%: the
    // headline's row says so in its "lowest group" column; `quiet` runs one group and
    // has a `-` there. A note under the table says what the column is.
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scenarios/driver-domain-starvation.toml"
    );
    for (lang, heading, note) in [
        (
            "en",
            "lowest group",
            "lowest group: vs native of a platform with more than one group",
        ),
        (
            "ko",
            "최저 그룹",
            "최저 그룹: 그룹이 둘 이상인 플랫폼의 네이티브 대비는",
        ),
    ] {
        let o = virtsim(&["run", "--lang", lang, file]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let out = stdout(&o);
        let row = |name: &str| {
            out.lines()
                .find(|l| l.split_whitespace().next() == Some(name))
                .unwrap_or_else(|| panic!("{name}'s row"))
                .to_string()
        };
        let head = out
            .lines()
            .find(|l| l.contains(heading) && !l.contains(':'))
            .expect("the column");
        // Where its heading ends, in display columns: the rows below are ASCII, where a
        // byte is a column, and their figures end there too (right-aligned).
        let width = unicode_width::UnicodeWidthStr::width;
        let start = width(&head[..head.find(heading).unwrap()]);
        let end = start + width(heading);
        let starved = row("busy-no-boost");
        assert!(
            starved.contains(" 93.6% ") && starved[..end].ends_with(" db 0.1%"),
            "{head}\n{starved}"
        );
        let quiet = row("quiet");
        assert!(quiet[start..end].trim() == "-", "{head}\n{quiet}");
        assert!(out.lines().any(|l| l.starts_with(note)), "{lang}: the note");
    }
}

/// A desktop platform's headline leads with what its users feel: the input-to-display
/// latency against a local PC, in a table of its own before the CPU table, whose "vs
/// native" cell says that it counts screen updates (a satellite link read "100.0%").
#[test]
fn a_desktop_platform_leads_with_its_latency() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/vdi-network.toml");
    for (lang, lead, updates) in [
        (
            "en",
            "what desktop users feel: input-to-display latency",
            "updates 100.0%",
        ),
        (
            "ko",
            "데스크톱 사용자가 느끼는 것: 사용자 화면의 입력-화면 지연",
            "갱신 100.0%",
        ),
    ] {
        let o = virtsim(&["run", "--lang", lang, file]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let out = stdout(&o);
        let lines: Vec<&str> = out.lines().collect();
        let at = |f: &dyn Fn(&str) -> bool| lines.iter().position(|l| f(l)).unwrap();
        let lead_at = at(&|l| l.starts_with(lead));
        let satellite = |l: &str| l.starts_with("satellite-geo-600ms ");
        let first_row = at(&satellite);
        assert!(lead_at < first_row, "{lang}: the latency table comes first");
        // Its p50 (629 ms at seed 71) against a local PC's 14 ms.
        let figures: Vec<f64> = lines[first_row]
            .split_whitespace()
            .skip(1)
            .take(2)
            .map(|f| f.replace(',', "").parse().unwrap())
            .collect();
        assert!(
            figures[0] > 600.0 && figures[1] < 20.0,
            "{}",
            lines[first_row]
        );
        // The CPU table's row after it labels its share of the updates.
        let cpu_row = lines[first_row + 1..]
            .iter()
            .find(|l| satellite(l))
            .expect("the CPU table's row");
        assert!(cpu_row.contains(updates), "{lang}: {cpu_row}");
    }
}

/// A directory whose only `*.toml` entries are links that lead nowhere (broken, looping):
/// reading each names it and says why (exit 1), instead of "no .toml scenario files".
#[cfg(unix)]
#[test]
fn a_directorys_dangling_toml_link_is_named() {
    let dir = std::env::temp_dir().join(format!("virtsim-cli-links-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::os::unix::fs::symlink("missing.toml", dir.join("broken.toml")).unwrap();
    std::os::unix::fs::symlink("loop.toml", dir.join("loop.toml")).unwrap();
    for command in ["run", "validate"] {
        let o = virtsim(&[command, &dir.display().to_string()]);
        assert_eq!(code(&o), 1, "{command}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(!err.contains("no .toml scenario files"), "{command}: {err}");
        for name in ["broken.toml", "loop.toml"] {
            assert!(
                err.contains(&format!("cannot read {}", dir.join(name).display())),
                "{command}: {err}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--jobs 0` is the machine's cores, as no `--jobs` is (said in `--help`): the same
/// output as one thread.
#[test]
fn jobs_zero_is_every_core() {
    let one = virtsim(&["run", &smoke(), "--jobs", "1", "--format", "json"]);
    let zero = virtsim(&["run", &smoke(), "--jobs", "0", "--format", "json"]);
    assert_eq!(code(&zero), 0, "{}", stderr(&zero));
    assert_eq!(stdout(&one), stdout(&zero));
    let help = stdout(&virtsim(&["run", "--help"]));
    assert!(
        help.contains("default, and 0: the machine's cores"),
        "{help}"
    );
}

#[test]
fn a_percentage_answer_says_its_tolerance_is_relative_with_the_range() {
    // containers-vs-vms: `hypervisor_percent` within 2% of 8.82 (relative: 8.65 to 8.99,
    // not 6.82 to 10.82); a latency keeps its plain "±5%".
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scenarios/containers-vs-vms.toml"
    );
    let json = json_of(&["run", file, "--format", "json"]);
    let q = json["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["metric"] == "hypervisor_percent")
        .expect("a percentage question");
    let answer = q["answer"].as_str().unwrap();
    let value = q["value"].as_f64().unwrap();
    let (low, high) = (value * 0.98, value * 1.02);
    let (low, high) = (
        format!("{:.2}", (low * 100.0).ceil() / 100.0),
        format!("{:.2}", (high * 100.0).floor() / 100.0),
    );
    let out = stdout(&virtsim(&["run", file]));
    // The figures carry the metric's unit, as the evidence does.
    let line = format!(
        "  -> {answer}% ({low}% to {high}% are right: ±2% of it, not ±2 percentage points)"
    );
    assert!(out.lines().any(|l| l == line), "no {line:?} in:\n{out}");
    // A latency's range is in µs: 5% either way of its figure.
    let latency = json["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| {
            q["kind"] == "numeric" && q["metric"].as_str().is_some_and(|m| m.ends_with("_us"))
        })
        .expect("a latency question");
    let (value, tolerance) = (
        latency["value"].as_f64().unwrap(),
        latency["tolerance_percent"].as_f64().unwrap(),
    );
    let latency_low = format!(
        "{:.2}",
        (value * (1.0 - tolerance / 100.0) * 100.0).ceil() / 100.0
    );
    assert!(
        out.contains(&format!("({latency_low} µs to "))
            && out.contains(&format!(" are right: within ±{tolerance}%)")),
        "no range from {latency_low} µs in:\n{out}"
    );
    let ko = stdout(&virtsim(&["run", file, "--lang", "ko"]));
    let line = format!("  -> {answer}% (정답 범위 {low}%~{high}%: 이 값의 ±2%이며, ±2%p가 아님)");
    assert!(ko.lines().any(|l| l == line), "no {line:?} in:\n{ko}");
    assert!(
        ko.contains(&format!("(정답 범위 {latency_low} µs~")),
        "{ko}"
    );
}

/// exit-cost-sandy-bridge's `sandy-priv-latency` is 1 µs within ±10%: at the answer's
/// own decimals its range would read "1 µs to 1 µs", hiding that 0.95 is right too; it
/// takes one more decimal, and both edges are right as typed.
#[test]
fn a_range_of_one_figure_is_printed_with_more_decimals() {
    let file = format!(
        "{}/../scenarios/exit-cost-sandy-bridge.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = stdout(&virtsim(&["answers", &file]));
    assert!(
        out.contains("  -> 1 µs (0.9 µs to 1.1 µs are right: within ±10%)"),
        "{out}"
    );
    let ko = stdout(&virtsim(&["answers", &file, "--lang", "ko"]));
    assert!(
        ko.contains("  -> 1 µs (정답 범위 0.9 µs~1.1 µs: ±10% 이내)"),
        "{ko}"
    );
}

#[test]
fn a_group_with_under_100_inputs_has_its_p99_called_its_slowest_input() {
    let scenario = |name: &str| format!("{}/../scenarios/{name}", env!("CARGO_MANIFEST_DIR"));
    let few = "fewer than 20 inputs: its p50 and p99";
    let p99 =
        "(a group with fewer than 100 inputs: its p99 is about the latency of its slowest input";
    // session-host-vs-vdi: groups of 130 and 93 inputs: the p99 note only.
    let out = stdout(&virtsim(&["run", &scenario("session-host-vs-vdi.toml")]));
    assert!(out.lines().any(|l| l.starts_with(p99)), "{out}");
    assert!(!out.contains(few), "{out}");
    // seed-table-full: groups of 6 and 7 inputs: both, in both languages.
    let out = stdout(&virtsim(&["run", &scenario("seed-table-full.toml")]));
    assert!(out.lines().any(|l| l.starts_with(p99)), "{out}");
    assert!(out.contains(&format!("(a group with {few}")), "{out}");
    let ko = stdout(&virtsim(&[
        "run",
        &scenario("seed-table-full.toml"),
        "--lang",
        "ko",
    ]));
    assert!(
        ko.contains("(입력이 20개보다 적은 그룹: 그 p50과 p99는"),
        "{ko}"
    );
    assert!(
        ko.contains("(입력이 100개보다 적은 그룹: 그 p99는 대략 가장 느린 입력"),
        "{ko}"
    );
    // vdi-consolidation's 3 s run: every group has over 100 inputs, no note.
    let out = stdout(&virtsim(&["run", &scenario("vdi-consolidation.toml")]));
    assert!(!out.contains("fewer than 100 inputs"), "{out}");
    // smoke has no desktops: no note.
    let out = stdout(&virtsim(&["run", &smoke()]));
    assert!(!out.contains("fewer than 100 inputs"), "{out}");
}

/// The author's warnings on a percentage question say the tolerance and the 1% are relative
/// to the answer (`±90%` beside 100 % and 57.25 % would read as percentage points).
#[test]
fn the_warnings_on_a_percentage_question_say_their_percents_are_relative() {
    let file = scratch(
        "relative.toml",
        "[scenario]\nname = \"rel\"\nduration_ms = 5\nseed = 1\n\n\
         [[platform]]\nname = \"a\"\nkind = \"native\"\n\n\
         [[platform]]\nname = \"b\"\nkind = \"type1\"\ntechnique = \"binary_translation\"\n\n\
         [[instance]]\nname = \"w\"\nworkload = \"syscall-heavy\"\n\n\
         [[question]]\nid = \"q\"\nkind = \"numeric\"\nmetric = \"relative_performance_percent\"\n\
         platform = \"a\"\ntolerance_percent = 90\ntext = { en = \"How much?\", ko = \"얼마?\" }\n\n\
         [[question]]\nid = \"same\"\nkind = \"numeric\"\nmetric = \"idle_percent\"\n\
         platform = \"a\"\ntolerance_percent = 1\ntext = { en = \"How much?\", ko = \"얼마?\" }\n",
    );
    let file = file.to_str().unwrap();
    let o = virtsim(&["answers", file]);
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(
        err.contains("numeric question `q`'s tolerance (±90% of the answer) also accepts"),
        "{err}"
    );
    assert!(
        err.contains("numeric question `same` has the same value on every platform (within 1% of the answer, relative)"),
        "{err}"
    );
    assert!(out.contains("±1% of it, not ±1 percentage point)"), "{out}");
    assert!(
        out.contains("±90% of it, not ±90 percentage points)"),
        "{out}"
    );
    let err = stderr(&virtsim(&["answers", file, "--lang", "ko"]));
    assert!(
        err.contains("숫자 질문 `q`의 허용 오차 범위(정답 값의 ±90%)에 다른 플랫폼의 값도"),
        "{err}"
    );
    assert!(
        err.contains("모든 플랫폼에서 같습니다(정답 값과의 상대 차이 1% 이내)"),
        "{err}"
    );
}

/// A sweep across platforms with different schedulers says that their densities differ by
/// the scheduler too (type 1 defaults to credit, containers to fair share); one scheduler
/// on every swept platform gives no such note.
#[test]
fn a_sweep_across_schedulers_says_so() {
    let text = |vm_scheduler: &str| {
        format!(
            r#"
[scenario]
name = "sweep-schedulers"
duration_ms = 20
[host]
cores = 2
[[platform]]
name = "vm"
kind = "type1"
technique = "hybrid"
{vm_scheduler}
[[platform]]
name = "ctr"
kind = "container"
[[instance]]
name = "web"
memory_gib = 1
workload = "web-server"
[sweep]
instance = "web"
counts = [1, 2]
op = "net_receive"
p99_target_us = 150
"#
        )
    };
    let mixed = scratch("sweep-mixed.toml", &text(""));
    let out = virtsim(&["run", mixed.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("different schedulers (vm: credit, ctr: fair)"),
        "{}",
        stdout(&out)
    );
    let same = scratch("sweep-same.toml", &text("scheduler = \"fair\""));
    let out = virtsim(&["run", same.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        !stdout(&out).contains("different schedulers"),
        "{}",
        stdout(&out)
    );
}
/// Two VM groups whose memory (0.01 GiB) cannot hold their guest OS: every instance is
/// OOM-killed at 0 ms, on both platforms. A numeric question in percent then has the
/// answer 0.
const OOM_AT_ONCE: &str = "[scenario]\nname = \"oom\"\nduration_ms = 20\n\n[[platform]]\nname = \"emulated\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\nio = \"emulated\"\n\n[[platform]]\nname = \"paravirtual\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\nio = \"paravirtual\"\n\n[[instance]]\nname = \"disk-vm\"\ncount = 1000\nmemory_gib = 0.01\nworkload = \"disk-random-4k\"\n\n[[instance]]\nname = \"net-vm\"\nmemory_gib = 0.01\nworkload = \"network-rr\"\n\n[[question]]\nid = \"share\"\nkind = \"numeric\"\ntext = { en = \"Share of native?\", ko = \"네이티브 대비?\" }\nmetric = \"relative_performance_percent\"\nplatform = \"paravirtual\"\ntolerance_percent = 10\n";

#[test]
fn instances_oom_killed_at_once_are_counted_of_all_the_platforms_instances() {
    let file = scratch("oom-at-once.toml", OOM_AT_ONCE);
    let o = virtsim(&["run", file.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let out = stdout(&o);
    // 1000 + 1 instances, each killed by its own OOM kill at the same moment: the
    // denominator is the platform's instances, not one kill's stopped + survivors (1).
    assert!(
        out.contains("emulated (1,001 of 1,001 stopped at 0 ms)"),
        "no 1,001 of 1,001:\n{out}"
    );
    assert!(
        out.contains("which stopped 1,001 of 1,001 instances"),
        "comparison table lacks 1,001 of 1,001:\n{out}"
    );
    assert!(!out.contains(" of 1 "), "a denominator of 1:\n{out}");
    // An answer of 0 accepts 0 alone (a relative tolerance of it is 0), said so, with no
    // range and no negative zero.
    assert!(
        out.contains("-> 0% (only this exact value is right)"),
        "answer 0:\n{out}"
    );
    assert!(!out.contains("-0"), "a negative zero:\n{out}");
    let o = virtsim(&["run", file.to_str().unwrap(), "--lang", "ko"]);
    let out = stdout(&o);
    assert!(out.contains("1,001개 중 1,001개"), "ko count:\n{out}");
    // The platforms a fault lowers are listed as figures are in Korean, by " · ": the
    // counts' own commas ("1,001개 중") read as the list's between items ("멈춤), paravirtual").
    assert!(
        out.contains("1,001개 멈춤) · paravirtual (") && !out.contains("멈춤), "),
        "ko list of the faulted platforms:\n{out}"
    );
    assert!(
        out.contains("-> 0% (이 값과 정확히 같아야 정답)"),
        "ko answer 0:\n{out}"
    );
}

/// `validate` of a scenario whose groups are OOM-killed even alone: ok (exit 0), with a
/// warning on stderr for each group at its memory_gib (line 20 for `disk-vm`), in either
/// language.
#[test]
fn validate_warns_of_a_group_oom_killed_even_alone() {
    let file = scratch("oom-alone.toml", OOM_AT_ONCE);
    let shown = file.display().to_string();
    let o = virtsim(&["validate", &shown]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert!(stdout(&o).contains(": ok ("), "{}", stdout(&o));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "one warning per group:\n{err}");
    assert!(
        lines[0].starts_with(&format!(
            "warning: {shown}:20:14: instance `disk-vm`: with memory_gib = 0.01 (10 MiB) the OOM killer stops its instances even running alone"
        )),
        "{err}"
    );
    assert!(
        lines[0].contains("give it memory_gib = 0.33 or more"),
        "{err}"
    );
    assert!(lines[1].contains("instance `net-vm`"), "{err}");
    let o = virtsim(&["validate", &shown, "--lang", "ko"]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert!(
        stderr(&o).starts_with(&format!("경고: {shown}:20:14: 인스턴스 `disk-vm`")),
        "{}",
        stderr(&o)
    );
    // Enough memory: no warning.
    let roomy = OOM_AT_ONCE
        .replace("0.01", "0.5")
        .replace("count = 1000\n", "");
    let roomy = scratch("roomy.toml", &roomy);
    let o = virtsim(&["validate", roomy.to_str().unwrap()]);
    assert_eq!((code(&o), stderr(&o)), (0, String::new()));
}

/// A choice question whose metric has a value on one platform only (the other's only
/// group is OOM-killed at 0 ms, so it never reads the disk): `run` answers it but warns
/// that the answer is not a comparison, naming the platform without a value.
#[test]
fn a_choice_answered_from_one_option_is_warned_about() {
    let file = scratch(
        "one-option.toml",
        "[scenario]\nname = \"one\"\nduration_ms = 20\n\n\
         [[platform]]\nname = \"a\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n\n\
         [[platform]]\nname = \"b\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\nio = \"paravirtual\"\n\n\
         [[instance]]\nname = \"starved\"\nplatforms = [\"a\"]\nmemory_gib = 0.01\nworkload = \"disk-random-4k\"\n\n\
         [[instance]]\nname = \"fed\"\nplatforms = [\"b\"]\nworkload = \"disk-random-4k\"\n\n\
         [[question]]\nid = \"fastest-read\"\nkind = \"choice\"\ntext = { en = \"Which reads fastest?\", ko = \"어느 쪽?\" }\n\
         metric = \"mean_latency_us\"\nop = \"disk_read\"\nselect = \"lowest\"\n",
    );
    let shown = file.display().to_string();
    let o = virtsim(&["run", &shown]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert!(stdout(&o).contains("  -> b\n"), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("warning: {shown}:28:6: choice question `fastest-read` is answered from one option only: `b` is the only platform with a value of `mean_latency_us` in this run; `a` has none")),
        "{err}"
    );
    let o = virtsim(&["run", &shown, "--lang", "ko"]);
    assert!(
        stderr(&o).contains("`fastest-read`의 답은 선택지 하나로만 정해졌습니다"),
        "{}",
        stderr(&o)
    );
}

/// `run` on a directory that holds scenarios and an assignment runs the scenarios and
/// skips the assignment with a note on stderr (exit 0); named on the command line, the
/// assignment is still an error (exit 2). `validate` checks both.
#[test]
fn run_on_a_directory_skips_its_assignment_files_with_a_note() {
    let dir = std::env::temp_dir().join(format!("virtsim-cli-mixed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    std::fs::copy(
        format!("{root}/scenarios/smoke.toml"),
        dir.join("a-smoke.toml"),
    )
    .unwrap();
    let assignment = dir.join("b-week.toml");
    std::fs::copy(
        format!("{root}/scenarios/assignments/hypervisor-types.toml"),
        &assignment,
    )
    .unwrap();
    let shown = dir.display().to_string();
    let o = virtsim(&["run", &shown, "--jobs", "1"]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert!(stdout(&o).contains("t1-para"), "smoke ran:\n{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!(
            "note: skipped {}: an assignment file, not a scenario",
            assignment.display()
        )) && err.contains("virtsim answers FILE"),
        "{err}"
    );
    let o = virtsim(&["run", &shown, "--jobs", "1", "--lang", "ko"]);
    assert!(
        stderr(&o).contains("과제 파일이라 건너뛰었습니다"),
        "{}",
        stderr(&o)
    );
    let o = virtsim(&["run", assignment.to_str().unwrap()]);
    assert_eq!(code(&o), 2, "stderr: {}", stderr(&o));
    assert!(
        stderr(&o).contains("this is an assignment file"),
        "{}",
        stderr(&o)
    );
    let o = virtsim(&["validate", &shown]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 2, "{}", stdout(&o));
}

/// The fields of a table line, split at runs of two spaces or more (a header may hold one
/// space, "초당 연산"), each with the display column where it ends (Hangul two columns).
fn fields_with_ends(line: &str) -> Vec<(String, usize)> {
    use unicode_width::UnicodeWidthStr;
    let mut fields = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let next_is_space = chars.get(k + 1).is_none_or(|&(_, n)| n == ' ');
        let next2_is_space = chars.get(k + 2).is_none_or(|&(_, n)| n == ' ');
        if c != ' ' && start.is_none() {
            start = Some(at);
        }
        // A field ends before two spaces or at the end of the line.
        if let Some(s) = start {
            if c != ' ' && next_is_space && next2_is_space {
                let end = at + c.len_utf8();
                fields.push((line[s..end].to_string(), line[..end].width()));
                start = None;
            }
        }
    }
    fields
}

/// With `--lang ko` the tables' right-aligned columns line up by display width: in the
/// platforms table, the lifecycle table and the desktop table, every header is at least
/// two spaces from the next (so two-word headers do not run together) and ends at the
/// display column where each data row's figure of that column ends. In English as well.
#[test]
fn table_columns_line_up_in_korean_by_display_width() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios");
    for (file, lang, first) in [
        ("io-paths.toml", "ko", "플랫폼 "),
        ("vdi-network.toml", "ko", "플랫폼 "),
        ("io-paths.toml", "en", "platform "),
    ] {
        let o = virtsim(&["run", &format!("{root}/{file}"), "--lang", lang]);
        assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
        let out = stdout(&o);
        let lines: Vec<&str> = out.lines().collect();
        let mut tables = 0;
        for (k, header) in lines.iter().enumerate() {
            if !header.starts_with(first) {
                continue;
            }
            let heads = fields_with_ends(header);
            // The header's columns after the left-aligned name column(s).
            // The rows of figures up to the table's end (a desktop table's group rows,
            // with empty cells, in between are not checked).
            let rows: Vec<Vec<(String, usize)>> = lines[k + 1..]
                .iter()
                .take_while(|l| !l.is_empty())
                .map(|l| fields_with_ends(l))
                .filter(|f| f.len() == heads.len())
                .collect();
            if heads.len() < 3 {
                continue; // the platforms' labels, not a table of figures
            }
            assert!(
                rows.len() >= 3,
                "{file} {lang}: no data row has the header's {} columns (headers run together?):\n{header}\n{}",
                heads.len(),
                lines[k + 1]
            );
            let skip = if header.contains("프로토콜/그룹") {
                2
            } else {
                1
            };
            for row in &rows {
                for (h, f) in heads.iter().zip(row).skip(skip) {
                    assert_eq!(
                        h.1, f.1,
                        "{file} {lang}: header {:?} ends at column {}, figure {:?} at {}:\n{header}",
                        h.0, h.1, f.0, f.1
                    );
                }
            }
            tables += 1;
        }
        assert!(
            tables >= 2,
            "{file} {lang}: {tables} tables checked:\n{out}"
        );
    }
}

/// "vs native" is against each platform's own baseline: where platforms running the same
/// groups have baselines far apart (scheduler-latency's round robin runs the victim
/// natively at less than half the credit scheduler's rate), the table says so and names
/// them, so a higher "vs native" is not read as more work; smoke's platforms share one.
#[test]
fn baselines_that_differ_between_platforms_are_named() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scenarios/scheduler-latency.toml"
    );
    let out = stdout(&virtsim(&["run", file]));
    let note = out
        .lines()
        .find(|l| l.starts_with("vs native is each platform against its own baseline"))
        .unwrap_or_else(|| panic!("no note on the baselines in:\n{out}"));
    assert!(note.contains("victim natively: credit-boost "), "{note}");
    assert!(note.contains(", round-robin "), "{note}");
    let ko = stdout(&virtsim(&["run", file, "--lang", "ko"]));
    assert!(ko.contains("victim 네이티브: credit-boost "), "{ko}");
    assert!(!stdout(&virtsim(&["run", &smoke()])).contains("own baseline"));
}

/// In Korean, a list of figures is joined by " · ": with ", " the comma inside a grouped
/// number and the one between items read alike ("I/O 명령어 64,490, MMIO 169,025"). The
/// exits by reason, the latency per operation and the native baselines' note; English
/// keeps its separators.
#[test]
fn korean_lists_of_figures_are_joined_by_a_middle_dot() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scenarios/type1-vs-type2.toml"
    );
    let ko = stdout(&virtsim(&["run", file, "--lang", "ko"]));
    let exits = exits_section(&ko, true);
    let type1 = exits
        .lines()
        .find(|l| l.starts_with("type1 "))
        .unwrap_or_else(|| panic!("type1's exits in:\n{exits}"));
    assert!(type1.contains(" · MMIO "), "{type1}");
    // No comma after a figure's last group of digits.
    let comma_after_figure = |l: &str| {
        let b = l.as_bytes();
        (1..b.len().saturating_sub(1))
            .any(|i| b[i] == b',' && b[i - 1].is_ascii_digit() && b[i + 1] == b' ')
    };
    assert!(!comma_after_figure(type1), "{type1}");
    let latency = ko
        .lines()
        .find(|l| l.starts_with("type1 ") && l.contains("시스템 콜 "))
        .unwrap_or_else(|| panic!("type1's latency in:\n{ko}"));
    assert!(latency.contains(" · 디스크 읽기 "), "{latency}");
    assert!(!comma_after_figure(latency), "{latency}");
    let en = stdout(&virtsim(&["run", file]));
    let exits = exits_section(&en, false);
    assert!(!exits.contains(" · "), "{exits}");
}

/// The words of Intel's VT-x that an AMD host's exit labels must not use.
const VT_X_WORDS: [&str; 9] = [
    "EPT", "VMX", "VMCS", "VMREAD", "VMWRITE", "VMRESUME", "VT-x", "VPID", "APICv",
];

/// The "exits and traps by reason" section of a table.
fn exits_section(out: &str, ko: bool) -> String {
    let heading = if ko {
        "원인별 exit·트랩 (초당)"
    } else {
        "exits and traps by reason (per second)"
    };
    let start = out.find(heading).expect("exits section");
    let section = &out[start..];
    section[..section.find("\n\n").unwrap_or(section.len())].to_string()
}

/// On an AMD host (`cpu = "zen"`) the exits table names the exits as AMD-V does, in both
/// languages: a nested page fault for an EPT violation, nested SVM for nested VMX. The
/// JSON keeps the result's keys.
#[test]
fn exits_on_an_amd_host_go_by_amd_v_names() {
    let library = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/");
    for (file, intel, amd_en, amd_ko) in [
        (
            "memory-overcommit.toml",
            "ept_violation=",
            "npf=",
            "중첩 페이지 폴트(#NPF) ",
        ),
        (
            "nested-virtualization.toml",
            "nested_vmx=",
            "nested_svm=",
            "중첩 SVM ",
        ),
    ] {
        let text = std::fs::read_to_string(format!("{library}{file}")).unwrap();
        let zen = scratch(
            &format!("zen-{file}"),
            &text.replacen("[host]\n", "[host]\ncpu = \"zen\"\n", 1),
        );
        let zen = zen.to_str().unwrap();
        let on_intel = stdout(&virtsim(&["run", &format!("{library}{file}")]));
        assert!(
            exits_section(&on_intel, false).contains(intel),
            "{on_intel}"
        );
        for (ko, expected) in [(false, amd_en), (true, amd_ko)] {
            let o = virtsim(&["run", zen, "--lang", if ko { "ko" } else { "en" }]);
            assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
            let section = exits_section(&stdout(&o), ko);
            assert!(section.contains(expected), "{file}: {section}");
            for word in VT_X_WORDS {
                assert!(
                    !section.to_lowercase().contains(&word.to_lowercase()),
                    "{file}: {word} in {section}"
                );
            }
        }
        let json = stdout(&virtsim(&["run", zen, "--format", "json"]));
        assert!(json.contains(&format!("\"{}\"", intel.trim_end_matches('='))));
        assert!(json.contains("\"cpu\": \"zen\""));
    }
}

/// The table's latency figures are p50 / mean / p99, the order of the page's latency chart
/// (a student read the CLI's mean/p50/p99 beside the chart's p50/mean/p99): the line of a
/// platform carries the JSON's three figures in that order.
#[test]
fn the_latency_line_reads_p50_mean_p99_as_the_chart_does() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scenarios/containers-vs-vms.toml"
    );
    let table = stdout(&virtsim(&["run", file]));
    assert!(table.contains("latency per operation (µs): p50 / mean / p99"));
    let json = json_of(&["run", "--format", "json", file]);
    let platform = json["platforms"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == "net-vm"))
        .expect("net-vm");
    let receive = platform["latency"]
        .as_array()
        .and_then(|ls| ls.iter().find(|l| l["op"] == "net_receive"))
        .expect("net_receive")["latency"]
        .clone();
    let figure = |k: &str| format!("{:.1}", receive[k].as_f64().expect("a number"));
    let (p50, mean) = (figure("p50_us"), figure("mean_us"));
    assert_ne!(p50, mean, "the figures tell the order apart");
    let expected = format!("net_receive={p50}/{mean}/{}", figure("p99_us"));
    let line = table
        .lines()
        .find(|l| l.starts_with("net-vm ") && l.contains("net_receive="))
        .expect("net-vm's latency line");
    assert!(line.contains(&expected), "{line} against {expected}");
}

/// A numeric question on a platform that has no figure while another has one is warned
/// about as that: not as "no platform has a value" (a lecturer's VMs did no work at a VM
/// exit of 10^8 cycles, and the warning blamed a sweep the scenario did not have).
#[test]
fn a_numeric_question_on_a_platform_without_a_figure_names_the_ones_with_one() {
    let file = scratch(
        "no-answer.toml",
        "[scenario]\nname = \"noans\"\nduration_ms = 5\n[costs]\nvm_exit_roundtrip = 100000000\n[[platform]]\nname = \"bt\"\nkind = \"type1\"\ntechnique = \"binary_translation\"\n[[platform]]\nname = \"hw\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n[[instance]]\nname = \"a\"\nworkload = \"syscall-heavy\"\n[[question]]\nid = \"hw-sys\"\nkind = \"numeric\"\ntext = { en = \"Mean syscall latency on hw?\", ko = \"hw의 시스템 콜 평균 지연?\" }\nmetric = \"mean_latency_us\"\nop = \"syscall\"\nplatform = \"hw\"\ntolerance_percent = 5\n",
    );
    let o = virtsim(&["run", file.to_str().expect("utf-8 path")]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "question `hw-sys` has no answer: platform `hw`, which it asks about, has no value of `mean_latency_us`"
        ) && err.contains("(`bt` has one)")
            && !err.contains("sweep"),
        "{err}"
    );
    let o = virtsim(&["run", file.to_str().expect("utf-8 path"), "--lang", "ko"]);
    let err = stderr(&o);
    assert!(
        err.contains("질문 `hw-sys`에 답이 없습니다: 묻는 플랫폼 `hw`에 이 실행에서 지표 `mean_latency_us`의 값이 없습니다(`bt`에는 있음)"),
        "{err}"
    );
}

/// With `--lang ko` an error says `오류:` as a warning says `경고:` and a note `참고:` (a
/// reviewer found `error:` in Korean output), also clap's for a command line it cannot
/// read; without it, `error:`. The exit codes stay: 1 for these, 2 for an invalid scenario.
#[test]
fn errors_say_ohryu_in_korean_and_keep_their_exit_codes() {
    let missing = Path::new(env!("CARGO_MANIFEST_DIR")).join("no-such-scenario.toml");
    let missing = missing.display().to_string();
    let o = virtsim(&["run", &missing, "--lang", "ko"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).starts_with("오류: "), "{}", stderr(&o));
    assert!(!stderr(&o).contains("error"), "{}", stderr(&o));
    let o = virtsim(&["run", &missing]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).starts_with("error: "), "{}", stderr(&o));
    // clap's own messages, said in Korean (cli/src/clap_korean.rs): no English sentence
    // of clap's is left.
    for (args, said) in [
        (
            &["run", "--lang", "ko", "--bogus"][..],
            "예상하지 못한 인수입니다: '--bogus'",
        ),
        (
            &["run", "--lang=ko"][..],
            "다음 필수 인수가 주어지지 않았습니다:",
        ),
        (
            &["grade", "--lang", "ko"][..],
            "다음 필수 인수가 주어지지 않았습니다:",
        ),
        (
            &["--lang", "ko", "--format", "json", "run", "x.toml"][..],
            "  힌트: 이 인수는 하위 명령 뒤에 씁니다: 'run --format'",
        ),
    ] {
        let o = virtsim(args);
        assert_eq!(code(&o), 1, "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.starts_with("오류: "), "{args:?}: {err}");
        assert!(err.contains(said), "{args:?}: {err}");
        assert!(err.contains("사용법: virtsim"), "{args:?}: {err}");
        assert!(
            err.contains("자세한 내용은 '--help --lang ko'를 보세요."),
            "{args:?}: {err}"
        );
        for english in ["unexpected", "required", "tip:", "exists", "argument"] {
            assert!(!err.contains(english), "{args:?}: {english:?} in {err}");
        }
    }
    let o = virtsim(&["run", "--lang", "ko", "--format", "xml", "x.toml"]);
    assert_eq!(
        stderr(&o),
        "오류: '--format <FORMAT>'에 쓸 수 없는 값입니다: 'xml'\n  [가능한 값: table, json, jsonl, csv]\n\n\
         자세한 내용은 '--help --lang ko'를 보세요.\n"
    );
    // `--lang` before the command, in capitals, and with `help`: Korean all the same.
    let o = virtsim(&["--lang", "KO", "run", &missing]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).starts_with("오류: "), "{}", stderr(&o));
    let o = virtsim(&["help", "run", "--lang", "ko"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let help = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(
        help.starts_with("시나리오를 실행하고 결과를 주어진 순서대로 출력합니다"),
        "{help}"
    );
    assert!(help.contains("사용법: virtsim run"), "{help}");
    let o = virtsim(&["run", "--bogus"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).starts_with("error: "), "{}", stderr(&o));
    // After `--`, `--lang ko` is a file's name, not the language.
    let o = virtsim(&["run", "--bogus", "--", "--lang", "ko"]);
    assert!(stderr(&o).starts_with("error: "), "{}", stderr(&o));
    // An invalid scenario: still 2, its message as before (file:line:column first).
    let bad = scratch("ohryu-bad.toml", BAD);
    let o = virtsim(&["validate", &bad.display().to_string(), "--lang", "ko"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(!stderr(&o).starts_with("오류"), "{}", stderr(&o));
}

/// A name `new` refuses for its Hangul (`과제1`) suggests one it takes, not "--1" (what
/// was left of it), and says which characters a name may have.
#[test]
fn new_with_a_hangul_name_suggests_a_name_it_takes() {
    let dir = std::env::temp_dir().join(format!("virtsim-cli-new-ko-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let new = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_virtsim"))
            .current_dir(&dir)
            .args(args)
            .output()
            .expect("start virtsim")
    };
    let o = new(&["new", "scenario", "과제1", "--lang", "ko"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.starts_with(
            "오류: \"과제1\": 이름은 영문자(a-z, A-Z), 숫자, `-`, `_`, `.`로 된 1~64자여야 하며"
        ),
        "{err}"
    );
    assert!(err.contains("한글 등 다른 글자는 쓸 수 없습니다"), "{err}");
    assert!(err.trim_end().ends_with("예: scenario-1"), "{err}");
    let o = new(&["new", "assignment", "과제1"]);
    let err = stderr(&o);
    assert!(
        err.contains("1 to 64 ASCII letters (a-z, A-Z), digits"),
        "{err}"
    );
    assert!(err.trim_end().ends_with("e.g. assignment-1"), "{err}");
    // The suggestion is taken as it stands.
    let o = new(&["new", "scenario", "scenario-1"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `answers --format csv` gives each numeric question's accepted range as the grader reads
/// figures (its tolerance and the printed figure's rounding); a choice's cells are empty.
#[test]
fn the_answers_csv_gives_each_numeric_questions_accepted_range() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scenarios/full-para-hybrid.toml"
    );
    let o = virtsim(&["answers", "--format", "csv", file]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("question,kind,answer,value,tolerance_percent,accepted_from,accepted_to")
    );
    let mut numeric = 0;
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), 7, "{line}");
        if cells[1] == "choice" {
            assert_eq!((cells[5], cells[6]), ("", ""), "{line}");
            continue;
        }
        numeric += 1;
        let num = |i: usize| cells[i].parse::<f64>().expect(line);
        let (value, tol, from, to) = (num(3), num(4), num(5), num(6));
        let allowed = (value.abs() * tol / 100.0).max(0.005) + 1e-9;
        assert!(from <= value && value <= to, "{line}");
        assert!(value - from <= allowed && to - value <= allowed, "{line}");
    }
    assert!(numeric > 0, "{out}");
}

/// A file whose reading stops after the errors shown: no "and 1 more errors" and no note
/// pointing at an error that is not printed, but where the reading stopped.
#[test]
fn validate_says_where_reading_stopped_after_the_errors_shown() {
    let mut text = String::from(
        "[scenario]\nname = \"many\"\nduration_ms = 50\n\n[[platform]]\nname = \"native\"\nkind = \"native\"\n",
    );
    for i in 0..40 {
        text.push_str(&format!(
            "[[instance]]\nname = \"i{i}\"\nworkload = \"web-server\"\nvcpu = 1\n"
        ));
    }
    let o = virtsim(&[
        "validate",
        scratch("many-errors.toml", &text).to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.contains("unknown field `vcpu`"))
            .count(),
        20,
        "{err}"
    );
    assert!(
        !err.contains("more errors\n") && !err.contains("note:"),
        "{err}"
    );
    let last = lines.last().unwrap();
    assert!(
        last.contains("more errors follow: the reading stopped at")
            && last.contains("after the first 20"),
        "{err}"
    );
}

/// A file name with a line break was printed raw (the ESC of one was escaped): every
/// message and `validate`'s line show a name's control characters escaped, `\u{a}`.
#[cfg(unix)]
#[test]
fn a_file_names_control_characters_are_escaped_in_every_message() {
    let dir = std::env::temp_dir().join(format!("virtsim-cli-names-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let smoke_text = std::fs::read_to_string(smoke()).unwrap();
    std::fs::write(dir.join("bad\nname.toml"), BAD).unwrap();
    std::fs::write(dir.join("ok\nname.toml"), &smoke_text).unwrap();
    std::fs::write(dir.join("esc\u{1b}[31m.toml"), &smoke_text).unwrap();
    let shown = |name: &str| dir.join(name).display().to_string();
    let bad = shown("bad\nname.toml");
    for (args, out) in [
        // An invalid scenario's error, located.
        (vec!["validate", bad.as_str()], "bad\\u{a}name.toml:8:"),
        (vec!["run", bad.as_str()], "bad\\u{a}name.toml:8:"),
        // A file that cannot be read.
        (vec!["run", &shown("missing\nname.toml")], "cannot read "),
        // `answers` of a scenario given --student.
        (
            vec!["answers", &shown("ok\nname.toml"), "--student", "s1"],
            "ok\\u{a}name.toml is a scenario",
        ),
    ] {
        let o = virtsim(&args);
        assert_ne!(code(&o), 0, "{args:?}");
        let err = stderr(&o);
        assert!(err.contains(out), "{args:?}: {err}");
        assert!(
            !err.contains("name.toml\n") || err.contains("\\u{a}"),
            "{args:?}: {err}"
        );
        for line in err.lines() {
            assert!(
                !line.starts_with("name.toml"),
                "{args:?}: a line of its own: {err}"
            );
        }
    }
    let o = virtsim(&["run", &shown("missing\nname.toml")]);
    assert!(
        stderr(&o).contains("missing\\u{a}name.toml: No such file"),
        "{}",
        stderr(&o)
    );
    // `validate`'s line for a valid file, on stdout.
    let o = virtsim(&[
        "validate",
        &shown("ok\nname.toml"),
        &shown("esc\u{1b}[31m.toml"),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("ok\\u{a}name.toml: ok ("), "{out}");
    assert!(out.contains("esc\\u{1b}[31m.toml: ok ("), "{out}");
    assert_eq!(out.lines().count(), 2, "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A directory's `*.toml` entries that are not files (a subdirectory, a link to one, a
/// pipe) were passed over silently: each is named on stderr with why; a link to a file is
/// read as that file (both said in `--help`).
#[cfg(unix)]
#[test]
fn a_directorys_toml_entries_that_are_not_files_are_named() {
    let dir = std::env::temp_dir().join(format!("virtsim-cli-notfiles-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub.toml")).unwrap();
    std::fs::copy(smoke(), dir.join("a.toml")).unwrap();
    std::os::unix::fs::symlink("a.toml", dir.join("b-link.toml")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("up.toml")).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(dir.join("pipe.toml"))
        .status()
        .is_ok_and(|s| s.success());
    for command in ["run", "validate"] {
        let o = virtsim(&[command, &dir.display().to_string()]);
        assert_eq!(code(&o), 0, "{command}: {}", stderr(&o));
        let err = stderr(&o);
        for name in ["sub.toml", "up.toml"] {
            assert!(
                err.contains(&format!(
                    "note: skipped {}: a directory (only the *.toml files directly in {} are read",
                    dir.join(name).display(),
                    dir.display()
                )),
                "{command}: {err}"
            );
        }
        if fifo {
            assert!(
                err.contains(&format!(
                    "note: skipped {}: not a regular file",
                    dir.join("pipe.toml").display()
                )),
                "{command}: {err}"
            );
        }
        // The link to a file is read: the scenario twice.
        let out = stdout(&o);
        if command == "validate" {
            assert!(out.contains("b-link.toml: ok ("), "{out}");
        } else {
            assert_eq!(out.matches("seed 1, 50 ms simulated").count(), 2, "{out}");
        }
    }
    let o = virtsim(&["run", &dir.display().to_string(), "--lang", "ko"]);
    assert!(
        stderr(&o).contains("sub.toml은 디렉터리라 건너뛰었습니다"),
        "{}",
        stderr(&o)
    );
    for command in ["run", "validate"] {
        let help = stdout(&virtsim(&[command, "--help"]));
        assert!(
            help.contains("a symbolic link to a file is followed"),
            "{help}"
        );
        assert!(help.contains("skipped with a note on stderr"), "{help}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A value clap refuses is quoted by its start, as the CLI's own messages quote a long one:
/// a 100 000-character `--lang` was printed back whole (100 KB on stderr).
#[test]
fn a_long_value_clap_refuses_is_quoted_by_its_start() {
    let long = "x".repeat(100_000);
    let o = virtsim(&["validate", "--lang", &long, &smoke()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("(100000 characters)"),
        "{}",
        &err[..err.len().min(400)]
    );
    assert!(err.len() < 1000, "{} bytes on stderr", err.len());
    assert!(err.contains("[possible values: en, ko]"), "{err}");
    // A short one as clap says it.
    let o = virtsim(&["validate", "--lang", "fr", &smoke()]);
    assert!(stderr(&o).contains("invalid value 'fr'"), "{}", stderr(&o));
}

/// A tie between two of three options: the advice names the question's `platforms`, which
/// narrows the options to those a student can tell apart (a reviewer looked for it), in
/// English and Korean; where every option ties, narrowing leaves nothing to compare and
/// the advice does not name it.
#[test]
fn a_tie_among_more_options_suggests_narrowing_them_with_platforms() {
    let tie = scratch(
        "tie-of-two.toml",
        "[scenario]\nname = \"tie2\"\nduration_ms = 5\nseed = 1\n\n\
         [[platform]]\nname = \"a\"\nkind = \"native\"\n\n\
         [[platform]]\nname = \"b\"\nkind = \"native\"\n\n\
         [[platform]]\nname = \"vm\"\nkind = \"type1\"\ntechnique = \"binary_translation\"\n\n\
         [[instance]]\nname = \"w\"\nworkload = \"syscall-heavy\"\n\n\
         [[question]]\nid = \"faster\"\nkind = \"choice\"\nmetric = \"throughput\"\n\
         select = \"highest\"\ntext = { en = \"Which is faster?\", ko = \"어느 쪽이 빠른가?\" }\n",
    );
    let tie = tie.to_str().expect("utf-8 path");
    let o = virtsim(&["answers", tie]);
    assert!(
        stderr(&o).contains("question `faster` is a tie (a and b both ")
            && stderr(&o).contains("or narrow the options with the question's `platforms`"),
        "{}",
        stderr(&o)
    );
    let o = virtsim(&["answers", tie, "--lang", "ko"]);
    assert!(
        stderr(&o).contains("질문의 `platforms`로 보기를 좁혀"),
        "{}",
        stderr(&o)
    );
    // All three tie: no option would be left to compare.
    let all = scratch(
        "tie-of-all.toml",
        "[scenario]\nname = \"tie3\"\nduration_ms = 5\nseed = 1\n\n\
         [[platform]]\nname = \"a\"\nkind = \"native\"\n\n\
         [[platform]]\nname = \"b\"\nkind = \"native\"\n\n\
         [[instance]]\nname = \"w\"\nworkload = \"cpu-bound\"\n\n\
         [[question]]\nid = \"faster\"\nkind = \"choice\"\nmetric = \"throughput\"\n\
         select = \"highest\"\ntext = { en = \"Which is faster?\", ko = \"어느 쪽이 빠른가?\" }\n",
    );
    let o = virtsim(&["answers", all.to_str().unwrap()]);
    assert!(
        stderr(&o).contains("is a tie (a and b both ") && !stderr(&o).contains("`platforms`"),
        "{}",
        stderr(&o)
    );
}

/// The comparison table's shared explanations are printed once, as notes under its last
/// row, and the cells carry their marks (a student found "(a longer run gives steadier
/// figures)" in both desktop cells of seed-table-full's performance row), in English and
/// in Korean.
#[test]
fn the_comparison_tables_notes_are_printed_once_under_it() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scenarios/seed-table-full.toml"
    );
    for (lang, few, words) in [
        (
            "en",
            "from 8 inputs only",
            "a longer run gives steadier figures",
        ),
        ("ko", "입력 8개에서만", "실행이 길수록 수치가 안정됩니다"),
    ] {
        let out = stdout(&virtsim(&["run", file, "--lang", lang]));
        let table: Vec<&str> = out
            .lines()
            .skip_while(|l| !l.starts_with("comparison table") && !l.starts_with("비교표"))
            .take_while(|l| !l.is_empty())
            .collect();
        let notes: Vec<&str> = (table.iter().copied())
            .filter(|l| l.starts_with("  ") && !l.contains(" | "))
            .collect();
        assert_eq!(notes.len(), 6, "{lang}: {notes:?}");
        // The notes follow the last row.
        assert!(
            table[table.len() - notes.len()..] == notes[..],
            "{lang}: {table:?}"
        );
        let note = notes.iter().find(|n| n.contains(words)).expect(words);
        // Once in the table (the desktop section above it has its own note on few inputs).
        let table = table.join("\n");
        assert_eq!(table.matches(words).count(), 1, "{lang}");
        let mark = note.trim().split(' ').next().unwrap();
        assert_eq!(table.matches(&format!("{few}{mark}")).count(), 2, "{lang}");
    }
}

/// The comparison table's lines of one row keep their columns in display columns (a
/// Hangul syllable is two wide): the `|` before the measurements at one column in each
/// row, the ratings two spaces after the widest platform heading (an instructor's Korean
/// `OS 수준 가상화 (OS-level): containers` ran into its rating); and the attack surface's
/// sharers in one word order, "인스턴스 8개가 공유", as the lifecycle section says it.
#[test]
fn the_comparison_tables_columns_line_up_in_korean() {
    use unicode_width::UnicodeWidthStr;
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scenarios/containers-vs-vms.toml"
    );
    for lang in ["en", "ko"] {
        let out = stdout(&virtsim(&["run", file, "--lang", lang]));
        let table: Vec<&str> = out
            .lines()
            .skip_while(|l| !l.starts_with("comparison table") && !l.starts_with("비교표"))
            .skip(1)
            .take_while(|l| !l.is_empty())
            .collect();
        let mut rows = 0;
        for group in table.split(|l| l.starts_with('[')) {
            let bars: Vec<usize> = (group.iter())
                .filter(|l| l.contains(" | "))
                .map(|l| l[..l.find(" | ").unwrap()].width())
                .collect();
            if bars.is_empty() {
                continue;
            }
            rows += 1;
            assert!(bars.iter().all(|&b| b == bars[0]), "{lang}: {group:#?}");
        }
        assert!(rows >= 5, "{lang}: {table:#?}");
        if lang == "ko" {
            assert!(!out.contains("개 인스턴스가 공유"), "{out}");
            assert!(out.contains("개가 공유"), "{out}");
        }
    }
}

fn type1_vs_type2() -> String {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scenarios/type1-vs-type2.toml"
    )
    .to_string()
}

/// A test author's scenario (2026-12-07): the two closest answers of `fastest-syscall`
/// are 0.347 and 0.354 µs.
const SYSCALL_T1_VS_CONTAINER: &str = r#"[scenario]
name = "syscall-t1-vs-container"
seed = 11
duration_ms = 200

[host]
cores = 4

[[platform]]
name = "t1-hw"
kind = "type1"
technique = "hardware_assist"

[[platform]]
name = "t1-bt"
kind = "type1"
technique = "binary_translation"

[[platform]]
name = "ctr"
kind = "container"

[[instance]]
name = "sys"
workload = "syscall-heavy"
vcpus = 2
count = 2

[[question]]
id = "fastest-syscall"
text = { en = "Which platform has the lowest mean syscall latency?", ko = "평균 시스템 콜 지연이 가장 낮은 플랫폼은?" }
kind = "choice"
metric = "mean_latency_us"
op = "syscall"
select = "lowest"
"#;

/// The evidence line prints 0.347 µs and 0.354 µs, so neither `run` nor `answers` warns
/// that they "both print as 0.35", and `answers --seeds` counts the answer as holding
/// (before: "holds at 0 of 4 seeds", a tie at every seed).
#[test]
fn figures_that_print_apart_are_not_warned_of_as_printing_the_same() {
    let file = scratch("syscall-t1-vs-container.toml", SYSCALL_T1_VS_CONTAINER);
    let file = file.to_str().unwrap();
    let o = virtsim(&["run", file]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert!(
        stdout(&o).contains("t1-hw 0.347 µs, t1-bt 1.14 µs, ctr 0.354 µs"),
        "{}",
        stdout(&o)
    );
    assert!(!stderr(&o).contains("print as"), "{}", stderr(&o));
    let o = virtsim(&["answers", file, "--seeds", "1..4"]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert!(
        stdout(&o).contains("holds at 4 of 4 seeds"),
        "{}",
        stdout(&o)
    );
    assert!(!stderr(&o).contains("read the same"), "{}", stderr(&o));
}

/// The figures of one evidence line have the same decimals (a reviewer read `type1 74.2%,
/// type2 57.28%`).
#[test]
fn an_evidence_lines_figures_have_the_same_decimals() {
    let o = virtsim(&["run", &type1_vs_type2()]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("type1 66.82%, type2 46.17%, type2-busy-host 42.58%"),
        "{out}"
    );
    // A numeric question's evidence is its own platform's figure, not every platform's.
    assert!(
        out.contains("(Host OS / engine %, host_os_percent): type2 26.84%\n"),
        "{out}"
    );
}

/// `--cost NAME=VALUE` sets a cost as the file's `[costs]` would: the type 2 platforms
/// gain with a cheaper world switch, type 1 does not change; an unknown name or a value
/// out of range is an invalid scenario (exit 2) with the file's message, said at the
/// option; a malformed option is a wrong command line (exit 1).
#[test]
fn a_cost_is_set_from_the_command_line_as_the_file_sets_it() {
    let file = type1_vs_type2();
    let relative = |json: &serde_json::Value, name: &str| {
        json["platforms"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap()["relative_performance_percent"]
            .as_f64()
            .unwrap()
    };
    let plain = json_of(&["run", &file, "--format", "json"]);
    let cheaper = json_of(&[
        "run",
        &file,
        "--format",
        "json",
        "--cost",
        "hosted_world_switch=1500",
    ]);
    assert!(relative(&cheaper, "type2") > relative(&plain, "type2") + 5.0);
    assert_eq!(relative(&cheaper, "type1"), relative(&plain, "type1"));
    // The description quotes the file's costs' figures: said on stderr.
    let o = virtsim(&["run", &file, "--cost", "hosted_world_switch=1500"]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert!(
        stderr(&o).contains("this run sets --cost hosted_world_switch=1500"),
        "{}",
        stderr(&o)
    );
    let o = virtsim(&["run", &file, "--cost", "hosted_world_swich=1500"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains(": --cost hosted_world_swich=1500: unknown cost `hosted_world_swich` in [costs]; did you mean `hosted_world_switch`?"),
        "{}",
        stderr(&o)
    );
    let o = virtsim(&["run", &file, "--cost", "hosted_world_switch=99999999999999"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains(
            "costs.hosted_world_switch must be between 0 and 1,000,000,000 cycles; got 99,999,999,999,999"
        ),
        "{}",
        stderr(&o)
    );
    // A negative or decimal value says its range with its unit, as the file's does.
    let o = virtsim(&["run", &file, "--cost", "hosted_world_switch=-5"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            ": --cost hosted_world_switch=-5: costs.hosted_world_switch must be between 0 and 1,000,000,000 cycles; got -5"
        ),
        "{}",
        stderr(&o)
    );
    let o = virtsim(&["run", &file, "--cost", "hosted_world_switch=1.5"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            ": --cost hosted_world_switch=1.5: costs.hosted_world_switch takes a whole number from 0 to 1,000,000,000 cycles; got `1.5`"
        ),
        "{}",
        stderr(&o)
    );
    let o = virtsim(&[
        "run",
        &file,
        "--lang",
        "ko",
        "--cost",
        "hosted_world_switch=1.5",
    ]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "costs.hosted_world_switch에는 0에서 1,000,000,000 cycles 사이의 정수를 쓰세요. 입력값: `1.5`"
        ),
        "{}",
        stderr(&o)
    );
    let o = virtsim(&["run", &file, "--cost", "hosted_world_switch"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("expected NAME=VALUE"), "{}", stderr(&o));
}

/// `run -` reads the scenario from standard input, once.
#[test]
fn run_reads_a_scenario_from_standard_input() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_virtsim"))
        .args(["run", "-", "--format", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start virtsim");
    let text = std::fs::read_to_string(smoke()).unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert_eq!(
        stdout(&o),
        stdout(&virtsim(&["run", &smoke(), "--format", "json"]))
    );
    let o = virtsim(&["run", "-", "-"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
}

/// `--trace` records into the JSON only: with a table or CSV it is a wrong command line.
#[test]
fn trace_without_json_is_a_wrong_command_line() {
    for format in ["table", "csv"] {
        let o = virtsim(&["run", &smoke(), "--trace", "--format", format]);
        assert_eq!(code(&o), 1, "{}", stderr(&o));
        assert!(stderr(&o).contains("add --format json"), "{}", stderr(&o));
    }
    let o = virtsim(&["run", &smoke(), "--trace", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

/// `run --format json`'s numeric questions carry the range a grader accepts, as `answers
/// --format json`'s do; choice questions none.
#[test]
fn run_json_gives_each_numeric_answers_accepted_range() {
    let file = type1_vs_type2();
    let run = json_of(&["run", &file, "--format", "json"]);
    let answers = json_of(&["answers", &file, "--format", "json"]);
    let questions = run["questions"].as_array().unwrap();
    assert_eq!(questions.len(), answers.as_array().unwrap().len());
    let mut numeric = 0;
    for (q, a) in questions.iter().zip(answers.as_array().unwrap()) {
        assert_eq!(q["accepted_from"], a["accepted_from"], "{q}");
        assert_eq!(q["accepted_to"], a["accepted_to"], "{q}");
        if q["kind"] == "numeric" {
            numeric += 1;
            assert!(q["accepted_from"].as_f64().unwrap() <= q["value"].as_f64().unwrap());
        } else {
            assert!(q.get("accepted_from").is_none(), "{q}");
        }
    }
    assert!(numeric > 0);
}

/// `answers`' notes on thin percentiles name only the platforms a question is about: a
/// numeric p99 `net_receive` question on `virtio` blames no desktop platform (whose
/// `net_receive` is the wait for the user's next input), and a desktop latency question
/// whose platform displayed fewer than 100 inputs gets a note naming it and the count.
#[test]
fn answers_notes_thin_figures_only_of_the_platforms_asked_about() {
    let text = "[scenario]\nname = \"thin\"\nseed = 11\nduration_ms = 300\n\n[host]\ncores = 8\nmemory_gib = 64\n\n[[platform]]\nname = \"virtio\"\nkind = \"type1\"\ntechnique = \"hybrid\"\nio = \"paravirtual\"\n\n[[platform]]\nname = \"vdi-wan\"\nkind = \"vdi\"\nprotocol = \"blast\"\nrtt_ms = 60\n\n[[instance]]\nname = \"web\"\ncount = 2\nworkload = \"network-rr\"\nplatforms = [\"virtio\"]\n\n[[instance]]\nname = \"desk\"\ncount = 1\nworkload = \"desktop-web\"\nplatforms = [\"vdi-wan\"]\n\n[[question]]\nid = \"pv-p99\"\nkind = \"numeric\"\ntext = { en = \"p99?\", ko = \"p99?\" }\nmetric = \"p99_latency_us\"\nop = \"net_receive\"\nplatform = \"virtio\"\n\n[[question]]\nid = \"wan-latency\"\nkind = \"numeric\"\ntext = { en = \"WAN?\", ko = \"WAN?\" }\nmetric = \"desktop_p50_latency_ms\"\nplatform = \"vdi-wan\"\n";
    let file = scratch("thin.toml", text);
    let o = virtsim(&["answers", file.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let err = stderr(&o);
    let pv = err.lines().find(|l| l.contains("`pv-p99`")).unwrap_or("");
    assert!(!pv.contains("vdi-wan"), "{err}");
    let wan = err
        .lines()
        .find(|l| l.contains("`wan-latency`'s desktop latency rests on fewer than 100 inputs"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(wan.contains("(vdi-wan "), "{wan}");
    let o = virtsim(&["answers", file.to_str().unwrap(), "--lang", "ko"]);
    assert!(
        stderr(&o)
            .contains("질문 `wan-latency`의 데스크톱 지연이 일부 플랫폼에서 100개보다 적은 입력에"),
        "{}",
        stderr(&o)
    );
}

/// A warning about a value's unit (an rtt_ms that reads as seconds) is printed beside the
/// file's errors, by `validate` and by `run` (exit 2 still), in both languages: an author
/// fixing the errors reads it now, not only once the file is valid.
#[test]
fn a_unit_warning_is_printed_beside_the_errors() {
    let file = scratch(
        "unit-beside-errors.toml",
        "[scenario]\nname = \"d\"\nduration_ms = 0\n[[platform]]\nname = \"vdi\"\nkind = \"vdi\"\nrtt_ms = 0.02\n[[instance]]\nname = \"a\"\nworkload = \"desktop-office\"\n",
    );
    let path = file.to_str().expect("utf-8 path");
    for command in ["validate", "run"] {
        let o = virtsim(&[command, path]);
        assert_eq!(code(&o), 2, "{}", stderr(&o));
        let err = stderr(&o);
        let error = err
            .find(&format!("{path}:3:15: duration_ms must be between"))
            .unwrap_or_else(|| panic!("the error: {err}"));
        let warning = err
            .find(&format!(
                "warning: {path}:7:10: platform `vdi`: rtt_ms = 0.02 is 20 µs"
            ))
            .unwrap_or_else(|| panic!("the warning: {err}"));
        assert!(error < warning, "errors first: {err}");
    }
    let o = virtsim(&["validate", path, "--lang", "ko"]);
    assert!(
        stderr(&o).contains(&format!("경고: {path}:7:10: 플랫폼 `vdi`: rtt_ms = 0.02")),
        "{}",
        stderr(&o)
    );
    // Once valid, the same warning, once.
    let valid = std::fs::read_to_string(&file)
        .expect("scratch")
        .replace("duration_ms = 0", "duration_ms = 5");
    std::fs::write(&file, valid).expect("scratch");
    let o = virtsim(&["validate", path]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stderr(&o).matches("rtt_ms = 0.02 is").count(),
        1,
        "{}",
        stderr(&o)
    );
}

/// A description figure this run does not have shows as "…", and the run says why under
/// the description, as it warns of a question it cannot answer: an exit handler of 10^9
/// cycles leaves the VM no receive in 20 ms; at the file's own costs the figure is there
/// and nothing is said.
#[test]
fn a_description_figure_the_run_does_not_have_is_said_under_it() {
    let file = scratch(
        "description-missing.toml",
        "[scenario]\nname = \"fill\"\ndescription = { en = \"Type 1 reaches {relative_performance_percent:t1}% of native; a receive takes {mean_latency_us:t1:net_receive} µs.\", ko = \"Type 1은 네이티브 대비 {relative_performance_percent:t1}%이고 수신은 {mean_latency_us:t1:net_receive} µs 걸립니다.\" }\nduration_ms = 20\n\n[[platform]]\nname = \"t1\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n\n[[instance]]\nname = \"web\"\nworkload = \"network-rr\"\n",
    );
    let path = file.to_str().unwrap();
    let own = stdout(&virtsim(&["run", path]));
    assert!(
        !own.contains('…') && !own.contains("this run does not have"),
        "{own}"
    );
    for (lang, said) in [
        (
            "en",
            "(the “…” in the description above is a figure it quotes that this run does not have",
        ),
        (
            "ko",
            "(위 설명의 “…”는 설명이 인용하는 수치 중 이번 실행에 없는 것입니다(1개)",
        ),
    ] {
        let o = virtsim(&[
            "run",
            path,
            "--cost",
            "exit_handler=1000000000",
            "--lang",
            lang,
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("… µs"), "{out}");
        assert!(out.contains(said), "{lang}: {out}");
    }
}
