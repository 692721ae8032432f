//! Assignment tests: parsing, located errors, variation, grading.

use super::*;
use crate::question::QuestionAnswer;
use crate::SimError;

const LIBRARY_SCENARIO: &str = r#"
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

[[question]]
id = "fastest"
text = { en = "Fastest?", ko = "가장 빠른 것?" }
kind = "choice"
metric = "relative_performance_percent"
select = "highest"
"#;

fn library(name: &str) -> Option<String> {
    (name == "syscalls.toml").then(|| LIBRARY_SCENARIO.to_string())
}

const ASSIGNMENT: &str = r#"
[assignment]
id = "hv-basics"
title = { en = "Basics", ko = "기초" }

[[step]]
id = "one"
title = { en = "One", ko = "하나" }
intro = { en = "Read.", ko = "읽으세요." }
scenario = "syscalls.toml"
scenario_questions = ["fastest"]
student_seed = true

[[step.vary]]
parameter = "host_cores"
choices = [1, 2, 4]

[[step.question]]
id = "guess"
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

fn parse(text: &str) -> Result<Assignment, ScenarioError> {
    Assignment::from_toml("a.toml", text, &library)
}

fn computed(a: &Assignment, student: &str) -> Vec<Vec<QuestionAnswer>> {
    (0..a.steps.len())
        .map(|i| {
            a.step_scenario(i, Some(student))
                .expect("valid variant")
                .run()
                .expect("runs")
                .questions
        })
        .collect()
}

#[test]
fn an_assignment_reads_with_its_steps_and_questions() {
    let a = parse(ASSIGNMENT).expect("valid");
    assert_eq!(a.id, "hv-basics");
    let step = &a.steps[0];
    assert_eq!(step.source, StepSource::Library("syscalls.toml".into()));
    // The prediction first, as the page asks it; then the file's order.
    let ids: Vec<&str> = step.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["guess", "fastest", "bt-rel"]);
    assert!(step.questions[0].predict);
    // 1 (scenario question) + 2 + 1 (default).
    assert_eq!(a.max_points(), 4);
    // The prepared scenario asks exactly the step's questions, in its order.
    let s = a.step_scenario(0, Some("s1")).expect("valid");
    let ids: Vec<&str> = s.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["guess", "fastest", "bt-rel"]);
    // The answer key and the grade list them so too.
    let expected = computed(&a, "s1");
    let key = a.answer_key("s1", &expected).expect("a valid id");
    let ids: Vec<&str> = (key.steps[0].answers.iter())
        .map(|g| g.question.as_str())
        .collect();
    assert_eq!(ids, ["guess", "fastest", "bt-rel"]);
    let grade = a.grade(&key, &expected);
    let ids: Vec<&str> = grade.rows.iter().map(|r| r.question.as_str()).collect();
    assert_eq!(ids, ["guess", "fastest", "bt-rel"]);
}

#[test]
fn students_get_their_own_seed_and_choice_and_the_instructor_the_first() {
    let a = parse(ASSIGNMENT).expect("valid");
    let reference = a.variant(0, None);
    assert_eq!(reference.seed, None);
    assert_eq!(
        reference.picks,
        vec![(Parameter::HostCores, Choice::Number(1))]
    );
    let s1 = a.variant(0, Some("s1"));
    assert_eq!(s1, a.variant(0, Some(" s1 ")), "ids are trimmed");
    assert_eq!(
        s1.seed,
        Some(variation::student_seed("hv-basics", "s1", "one"))
    );
    let scenario = a.step_scenario(0, Some("s1")).expect("valid");
    assert_eq!(scenario.seed, s1.seed.unwrap());
    let Choice::Number(cores) = s1.picks[0].1 else {
        panic!("a number")
    };
    assert_eq!(u64::from(scenario.host.cores), cores);
    // Across 30 students every choice of three comes up.
    let mut seen: Vec<Choice> = (0..30)
        .map(|i| a.variant(0, Some(&format!("s{i}"))).picks[0].1.clone())
        .collect();
    seen.sort_by_key(|c| c.to_string());
    seen.dedup();
    assert_eq!(seen.len(), 3);
    // The scenario hash depends on the variant.
    let hashes: Vec<String> = (0..5)
        .map(|i| a.scenario_hash(0, Some(&format!("s{i}"))))
        .collect();
    assert!(hashes
        .iter()
        .all(|h| h.starts_with("fnv1a64:") && h.len() == 24));
    assert_ne!(hashes[0], hashes[1]);
}

/// A library scenario named without `.toml`, or in other case or separators, gets the
/// file name meant (in both languages); a name the library has in no spelling, the example.
/// The variants `virtsim answers` looks at for ties beside the reference: each choice
/// after the first, the other parameters at their first choice, the scenario's seed; each
/// choice located where it is written.
#[test]
fn each_choice_after_the_first_is_a_variant_to_look_at_for_ties() {
    let text = ASSIGNMENT.replace(
        "choices = [1, 2, 4]\n",
        "choices = [1, 2, 4]\n\n[[step.vary]]\nparameter = \"time_slice_ms\"\nchoices = [30, 5]\n",
    );
    let a = parse(&text).expect("valid");
    let runs = choice_variants(&a, 0);
    let picks: Vec<(usize, String)> = runs
        .iter()
        .map(|(i, v)| {
            assert_eq!(v.seed, None);
            (*i, v.picks_text())
        })
        .collect();
    assert_eq!(
        picks,
        [
            (0, "host_cores=2, time_slice_ms=30".to_string()),
            (0, "host_cores=4, time_slice_ms=30".to_string()),
            (1, "host_cores=1, time_slice_ms=5".to_string()),
        ]
    );
    // Each is a variant the step validates.
    for (_, v) in &runs {
        a.variant_scenario(0, v).expect("valid");
    }
    let line = text.lines().position(|l| l == "choices = [30, 5]").unwrap() + 1;
    assert_eq!(
        a.choice_place(0, Parameter::TimeSliceMs, &Choice::Number(5)),
        Some((line, 16))
    );
    assert_eq!(
        a.choice_place(0, Parameter::TimeSliceMs, &Choice::Number(7)),
        None
    );
    assert_eq!(
        a.choice_place(0, Parameter::VmExitCycles, &Choice::Number(5)),
        None
    );
    // A step that varies nothing has none.
    let plain = ASSIGNMENT.replace(
        "[[step.vary]]\nparameter = \"host_cores\"\nchoices = [1, 2, 4]\n",
        "",
    );
    let a = parse(&plain).expect("valid");
    assert!(a.steps[0].vary.is_empty());
    assert_eq!(choice_variants(&a, 0), []);
}

#[test]
fn a_library_scenario_named_without_its_toml_gets_a_guess() {
    for written in ["syscalls", "Syscalls.TOML", " syscalls "] {
        let text = ASSIGNMENT.replace("\"syscalls.toml\"", &format!("{written:?}"));
        let e = parse(&text).unwrap_err();
        assert_eq!((e.code, e.line), ("unknown_scenario", 10), "{e}");
        assert!(
            e.message.contains("did you mean `syscalls.toml`?"),
            "{written}: {e}"
        );
        let ko = e.message_in(crate::Lang::Ko);
        assert!(ko.contains("혹시 `syscalls.toml`인가요?"), "{ko}");
    }
    let e = parse(&ASSIGNMENT.replace("\"syscalls.toml\"", "\"syscals\"")).unwrap_err();
    assert!(!e.message.contains("did you mean"), "{e}");
    assert!(e.message.contains("e.g. \"type1-vs-type2.toml\""), "{e}");
}

/// A name written as a library file is (`type1-vs-type2.toml`) that a closure does not
/// find is not told to use the example, the very name given: the message names the
/// missing scenario (and no closure, which an instructor never wrote).
#[test]
fn a_library_style_name_the_resolver_does_not_find_says_so() {
    let nothing = |_: &str| None;
    for written in ["type1-vs-type2.toml", "syscals.toml"] {
        let text = ASSIGNMENT.replace("\"syscalls.toml\"", &format!("{written:?}"));
        let e = Assignment::from_toml("a.toml", &text, &nothing).unwrap_err();
        assert_eq!((e.code, e.line), ("unknown_scenario", 10), "{e}");
        assert!(!e.message.contains("e.g."), "{e}");
        assert_eq!(
            e.message,
            format!("step `one`: the library has no scenario `{written}`: check the name against the files of scenarios/, or embed the scenario with scenario_toml = '''...'''")
        );
        assert!(!e.message.contains("closure"), "{e}");
        let ko = e.message_in(crate::Lang::Ko);
        assert!(
            ko.contains(&format!("시나리오 `{written}`이 없습니다")),
            "{ko}"
        );
    }
}

/// A library that lists its names (the CLI's, the page's): a step naming a scenario it
/// lacks is told which it has.
#[test]
fn a_library_that_lists_its_names_lists_them_for_a_missing_scenario() {
    struct Listed;
    impl Library for Listed {
        fn scenario(&self, name: &str) -> Option<String> {
            library(name)
        }
        fn names(&self) -> Vec<String> {
            vec!["io-paths.toml".into(), "syscalls.toml".into()]
        }
    }
    let text = ASSIGNMENT.replace("\"syscalls.toml\"", "\"smoke-test.toml\"");
    let e = Assignment::from_toml("a.toml", &text, &Listed).unwrap_err();
    assert_eq!(
        (e.code, e.line, e.column),
        ("unknown_scenario", 10, 12),
        "{e}"
    );
    assert_eq!(
        e.message,
        "step `one`: the library has no scenario `smoke-test.toml`; it has `io-paths.toml`, `syscalls.toml`. The page reads library scenarios only, no files: embed a scenario of your own with scenario_toml = '''...''' (`virtsim` also reads a path relative to the assignment file)"
    );
    let ko = e.message_in(crate::Lang::Ko);
    assert!(
        ko.contains(
            "`smoke-test.toml`이 없습니다. 있는 시나리오: `io-paths.toml`, `syscalls.toml`"
        ),
        "{ko}"
    );
    // A guess still comes first; a name it has reads.
    let text = ASSIGNMENT.replace("\"syscalls.toml\"", "\"syscalls\"");
    let e = Assignment::from_toml("a.toml", &text, &Listed).unwrap_err();
    assert!(e.message.contains("did you mean `syscalls.toml`?"), "{e}");
    // A slip of a letter: the listed name nearest to it.
    let text = ASSIGNMENT.replace("\"syscalls.toml\"", "\"io-path.toml\"");
    let e = Assignment::from_toml("a.toml", &text, &Listed).unwrap_err();
    assert!(e.message.contains("did you mean `io-paths.toml`?"), "{e}");
    assert!(Assignment::from_toml("a.toml", ASSIGNMENT, &Listed).is_ok());
}

/// Separators are ignored in the guess, as the scenario reader's guess ignores them:
/// `iopaths` (a hyphen left out), `io_paths.toml` or `seedtable-full` get the library's
/// hyphenated file name; a slip of a letter still gets none.
#[test]
fn a_library_scenario_named_without_its_hyphens_gets_a_guess() {
    let hyphenated = |name: &str| {
        matches!(name, "io-paths.toml" | "seed-table-full.toml")
            .then(|| LIBRARY_SCENARIO.to_string())
    };
    for (written, meant) in [
        ("iopaths.toml", "io-paths.toml"),
        ("io_paths.toml", "io-paths.toml"),
        ("IOPaths", "io-paths.toml"),
        ("seedtablefull.toml", "seed-table-full.toml"),
        ("seed_tablefull", "seed-table-full.toml"),
    ] {
        let text = ASSIGNMENT.replace("\"syscalls.toml\"", &format!("{written:?}"));
        let e = Assignment::from_toml("a.toml", &text, &hyphenated).unwrap_err();
        assert_eq!((e.code, e.line), ("unknown_scenario", 10), "{e}");
        assert!(
            e.message.contains(&format!("did you mean `{meant}`?")),
            "{written}: {e}"
        );
    }
    let text = ASSIGNMENT.replace("\"syscalls.toml\"", "\"iopath.toml\"");
    let e = Assignment::from_toml("a.toml", &text, &hyphenated).unwrap_err();
    assert!(!e.message.contains("did you mean"), "{e}");
}

#[test]
fn errors_are_located_in_the_assignment() {
    let cases: &[(&str, &str, &str, usize)] = &[
        // (replace, with, code, line)
        (
            "scenario = \"syscalls.toml\"",
            "scenario = \"nope.toml\"",
            "unknown_scenario",
            10,
        ),
        (
            "choices = [1, 2, 4]",
            "choices = [1, \"two\"]",
            "invalid_type",
            16,
        ),
        ("choices = [1, 2, 4]", "choices = [1, 1]", "duplicate", 16),
        // A negative choice is out of the parameter's range, said at it (not "untagged
        // enum", nor the reader's "invalid value: integer `-1`").
        (
            "choices = [1, 2, 4]",
            "choices = [1, -1]",
            "out_of_range",
            16,
        ),
        // A count too large for 32 bits is refused as written, not clamped first.
        (
            "choices = [1, 2, 4]",
            "choices = [1, 18446744073709551615]",
            "out_of_range",
            16,
        ),
        ("choices = [1, 2, 4]", "choices = []", "out_of_range", 16),
        // 0 cores is out of the scenario's range: reported at the choices, for that variant.
        (
            "choices = [1, 2, 4]",
            "choices = [1, 0]",
            "variant_invalid",
            16,
        ),
        // A clock or a memory size out of its unit's range is reported in that unit, at the
        // choice (not as the scenario's `host.clock_ghz`); decimals say the unit.
        (
            "parameter = \"host_cores\"\nchoices = [1, 2, 4]",
            "parameter = \"host_clock_mhz\"\nchoices = [2400, 0]",
            "out_of_range",
            16,
        ),
        (
            "parameter = \"host_cores\"\nchoices = [1, 2, 4]",
            "parameter = \"host_clock_mhz\"\nchoices = [2.4]",
            "invalid_type",
            16,
        ),
        (
            "parameter = \"host_cores\"\nchoices = [1, 2, 4]",
            "parameter = \"memory_per_instance_mib\"\nchoices = [99999999999]",
            "out_of_range",
            16,
        ),
        ("points = 2", "points = 0", "out_of_range", 21),
        // Past what the reader's integer holds: the points' range, not the reader's.
        ("points = 2", "points = 4294967296", "out_of_range", 21),
        ("id = \"guess\"", "id = \"fastest\"", "duplicate", 19),
        (
            "scenario_questions = [\"fastest\"]",
            "scenario_questions = [\"nope\"]",
            "unknown_name",
            11,
        ),
        ("platform = \"bt\"", "platform = \"xx\"", "unknown_name", 32),
        ("id = \"hv-basics\"", "id = \"hv basics\"", "bad_name", 3),
        (
            "parameter = \"host_cores\"",
            "parameter = \"cores\"",
            "unknown_value",
            15,
        ),
    ];
    for (from, to, code, line) in cases {
        assert!(ASSIGNMENT.contains(from), "{from}");
        let text = ASSIGNMENT.replacen(from, to, 1);
        let e = parse(&text).expect_err(to);
        assert_eq!((e.code, e.line), (*code, *line), "{to}: {e}");
        assert!(!e.message.contains("4294967295"), "{to}: {e}");
        if to.starts_with("points") {
            assert!(e.message.contains("between 1 and 100"), "{to}: {e}");
        }
        assert_eq!(e.file, "a.toml");
        // Every message exists in Korean too.
        assert_ne!(e.message_in(crate::Lang::Ko), e.message, "{to}");
    }
}

/// A text empty (or only whitespace and invisible characters) in one language is an error at that string, naming
/// the key, the language and whose text it is, in both languages: the assignment's title
/// and intro, a step's title and intro, a step question's text and explanation, and an
/// embedded scenario's own texts.
#[test]
fn an_empty_text_is_an_error_at_its_string() {
    // (replace, with, (line, column) of the empty string, English, Korean)
    type Case<'a> = (&'a str, &'a str, (usize, usize), &'a str, &'a str);
    let cases: &[Case] = &[
        (
            "ko = \"기초\"",
            "ko = \"\"",
            (4, 31),
            "the Korean text of `title` (`ko`) is empty",
            "`title`의 한국어 글(`ko`)이 비어 있습니다",
        ),
        (
            "title = { en = \"Basics\", ko = \"기초\" }",
            "title = { en = \"Basics\", ko = \"기초\" }\nintro = { en = \"\", ko = \"소개\" }",
            (5, 16),
            "the English text of `intro` (`en`) is empty",
            "`intro`의 영어 글(`en`)이 비어 있습니다",
        ),
        (
            "en = \"One\"",
            "en = \"\"",
            (8, 16),
            "step `one`: the English text of `title` (`en`) is empty",
            "단계 `one`: `title`의 영어 글(`en`)이 비어 있습니다",
        ),
        (
            "ko = \"읽으세요.\"",
            "ko = \"  \"",
            (9, 30),
            "step `one`: the Korean text of `intro` (`ko`) is only whitespace",
            "단계 `one`: `intro`의 한국어 글(`ko`)이 공백뿐입니다",
        ),
        (
            "en = \"Which is slower?\"",
            "en = \" \"",
            (22, 15),
            "step `one`, question `guess`: the English text of `text` (`en`) is only whitespace",
            "단계 `one`, 질문 `guess`: `text`의 영어 글(`en`)이 공백뿐입니다",
        ),
        // A zero-width space (written as TOML's escape) and a byte order mark show nothing.
        (
            "en = \"Which is slower?\"",
            "en = \"\\u200B \\uFEFF\"",
            (22, 15),
            "step `one`, question `guess`: the English text of `text` (`en`) is invisible: only whitespace and characters that show nothing (U+200B)",
            "단계 `one`, 질문 `guess`: `text`의 영어 글(`en`)이 보이지 않습니다: 공백과 보이지 않는 문자(U+200B)뿐입니다",
        ),
        (
            "tolerance_percent = 10",
            "tolerance_percent = 10\nexplanation = { en = \"Because.\", ko = \"\" }",
            (34, 39),
            "step `one`, question `bt-rel`: the Korean text of `explanation` (`ko`) is empty",
            "단계 `one`, 질문 `bt-rel`: `explanation`의 한국어 글(`ko`)이 비어 있습니다",
        ),
    ];
    assert!(parse(ASSIGNMENT).is_ok());
    for (from, to, at, en, ko) in cases {
        assert!(ASSIGNMENT.contains(from), "{from}");
        let text = ASSIGNMENT.replacen(from, to, 1);
        let e = parse(&text).expect_err(to);
        assert_eq!(
            (e.code, (e.line, e.column)),
            ("empty_text", *at),
            "{to}: {e}"
        );
        assert!(e.message.contains(en), "{e}");
        assert!(e.message.contains("must not be empty"), "{e}");
        let korean = e.message_in(crate::Lang::Ko);
        assert!(korean.contains(ko), "{korean}");
        assert!(
            korean.contains("비어 있거나 공백뿐이면 안 됩니다"),
            "{korean}"
        );
    }
    // An embedded scenario's text: the scenario's own error, at its line in the assignment
    // (the scenario starts on line 11, its `title` is its line 3: line 13, column 16).
    let embedded = format!(
        "[assignment]\nid = \"e\"\ntitle = {{ en = \"E\", ko = \"E\" }}\n\n[[step]]\nid = \"s\"\ntitle = {{ en = \"S\", ko = \"S\" }}\nintro = {{ en = \"I\", ko = \"I\" }}\nscenario_questions = [\"fastest\"]\nscenario_toml = '''\n{}'''\n",
        LIBRARY_SCENARIO.trim_start().replacen(
            "duration_ms = 4",
            "title = { en = \"\", ko = \"제목\" }\nduration_ms = 4",
            1
        )
    );
    let e = parse(&embedded).expect_err("empty title");
    assert_eq!((e.code, e.line, e.column), ("empty_text", 13, 16), "{e}");
    assert!(
        e.message
            .contains("the English text of `title` (`en`) is empty"),
        "{e}"
    );
}

#[test]
fn an_embedded_scenario_error_is_located_at_its_line_in_the_assignment() {
    let embedded = format!(
        "[assignment]\nid = \"e\"\ntitle = {{ en = \"E\", ko = \"E\" }}\n\n[[step]]\nid = \"s\"\ntitle = {{ en = \"S\", ko = \"S\" }}\nintro = {{ en = \"I\", ko = \"I\" }}\nscenario_questions = [\"fastest\"]\nscenario_toml = '''\n{}'''\n",
        LIBRARY_SCENARIO.trim_start()
    );
    assert!(parse(&embedded).is_ok(), "{:?}", parse(&embedded).err());
    // `technique` is line 8 of the scenario (after trim_start), and the scenario starts
    // on line 11 of the assignment: line 18, after `technique = ` (column 13).
    let bad = embedded.replacen("\"binary_translation\"", "\"paravirt\"", 1);
    let e = parse(&bad).expect_err("bad technique");
    assert_eq!((e.line, e.column), (18, 13), "{e}");
}

/// Every independent error of a step's scenario, as `Scenario::from_toml_all` gives them:
/// an embedded scenario's located in the assignment, a library scenario's in its file; the
/// first is `Assignment::from_toml`'s error.
#[test]
fn every_error_of_a_steps_scenario_is_reported() {
    let embedded = format!(
        "[assignment]\nid = \"e\"\ntitle = {{ en = \"E\", ko = \"E\" }}\n\n[[step]]\nid = \"s\"\ntitle = {{ en = \"S\", ko = \"S\" }}\nintro = {{ en = \"I\", ko = \"I\" }}\nscenario_questions = [\"fastest\"]\nscenario_toml = '''\n{}'''\n",
        LIBRARY_SCENARIO.trim_start()
    );
    // The scenario's line 1 is the assignment's line 11: `duration_ms = 0` (scenario line
    // 3) at 13:15, the instance's `workload` (scenario line 17) at 27:12.
    let bad = embedded
        .replacen("duration_ms = 4", "duration_ms = 0", 1)
        .replacen("\"syscall-heavy\"", "\"syscall-heavey\"", 1);
    let errors = Assignment::from_toml_all("a.toml", &bad, &library).expect_err("two errors");
    let places: Vec<(&str, usize, usize)> = (errors.iter())
        .map(|e| (e.file.as_str(), e.line, e.column))
        .collect();
    assert_eq!(
        places,
        [("a.toml", 13, 15), ("a.toml", 27, 12)],
        "{errors:?}"
    );
    assert!(
        errors[1].message.contains("did you mean `syscall-heavy`"),
        "{}",
        errors[1]
    );
    assert_eq!(parse(&bad).expect_err("the first"), errors[0]);
    // The page's reading (first variants only) gives the same list.
    let page = Assignment::from_toml_first_variants("a.toml", &bad, &library).expect_err("two");
    assert_eq!(page, errors);

    // A library scenario with the same two mistakes: its errors in its own file, at the
    // scenario's own lines (LIBRARY_SCENARIO starts with a newline: duration_ms on line 4,
    // workload on line 18).
    let broken = |name: &str| {
        (name == "syscalls.toml").then(|| {
            LIBRARY_SCENARIO
                .replacen("duration_ms = 4", "duration_ms = 0", 1)
                .replacen("\"syscall-heavy\"", "\"syscall-heavey\"", 1)
        })
    };
    let errors = Assignment::from_toml_all("a.toml", ASSIGNMENT, &broken).expect_err("two");
    let places: Vec<(&str, usize, usize)> = (errors.iter())
        .map(|e| (e.file.as_str(), e.line, e.column))
        .collect();
    assert_eq!(
        places,
        [("syscalls.toml", 4, 15), ("syscalls.toml", 18, 12)]
    );

    // An error of the assignment's own tables is one more, in the file's order: the
    // step's id, then its scenario's.
    let bad_id = bad.replacen("id = \"s\"", "id = \"s s\"", 1);
    let errors = Assignment::from_toml_all("a.toml", &bad_id, &library).expect_err("bad id");
    let places: Vec<(usize, usize)> = errors.iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(places, [(6, 6), (13, 15), (27, 12)], "{errors:?}");
    assert_eq!(errors[0].code, "bad_name");
}

/// A step without `intro` (or a `title`) is one error among the file's others, with the
/// form to write in both languages, as a scenario's missing key says what to add.
#[test]
fn a_missing_intro_says_the_form_to_write_in_both_languages() {
    let without = ASSIGNMENT.replacen("intro = { en = \"Read.\", ko = \"읽으세요.\" }\n", "", 1);
    let bad = without.replacen("platform = \"bt\"", "platform = \"xen\"", 1);
    let errors = Assignment::from_toml_all("a.toml", &bad, &library).expect_err("two errors");
    assert_eq!(errors.len(), 2, "{errors:?}");
    let e = &errors[0];
    assert_eq!((e.code, e.line, e.column), ("missing_field", 6, 1), "{e}");
    assert_eq!(
        e.message_in(crate::Lang::En),
        "missing field `intro` in this `[[step]]`: add intro = { en = \"...\", ko = \"...\" }, a text in English and Korean"
    );
    assert_eq!(
        e.message_in(crate::Lang::Ko),
        "이 `[[step]]`에 필수인 `intro` 키가 없습니다: intro = { en = \"...\", ko = \"...\" }를 더하세요 (영어와 한국어로 쓴 글)"
    );
    assert!(
        e.stop_note_in(crate::Lang::En).is_none(),
        "the reading goes on: {e}"
    );
    // The other error of the step is reported too: its question's platform.
    assert_eq!(
        (errors[1].code, errors[1].line),
        ("unknown_name", 31),
        "{}",
        errors[1]
    );
    // The assignment's own title: the `[assignment]` table named.
    let untitled = ASSIGNMENT.replacen("title = { en = \"Basics\", ko = \"기초\" }\n", "", 1);
    let e = parse(&untitled).expect_err("no title");
    assert_eq!((e.line, e.column), (2, 1), "{e}");
    assert!(e.message.starts_with("missing field `title` in this `[assignment]`: add title = { en = \"...\", ko = \"...\" }"), "{e}");
    // A title of the wrong type is the only error of it: its being missing then follows.
    let wrong = ASSIGNMENT.replacen(
        "title = { en = \"Basics\", ko = \"기초\" }",
        "title = \"Basics\"",
        1,
    );
    let errors = Assignment::from_toml_all("a.toml", &wrong, &library).expect_err("one");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].code, "invalid_type");
}

/// An unknown `scenario_questions` id gets a guess at the one meant, also when it is
/// written longer or cut short (`pv-hyper` for `pv-hyp`), in both languages; each unknown
/// id is an error of its own.
#[test]
fn an_unknown_scenario_question_gets_a_did_you_mean() {
    let scenario = LIBRARY_SCENARIO.replacen("id = \"fastest\"", "id = \"pv-hyp\"", 1);
    let resolver = move |name: &str| (name == "syscalls.toml").then(|| scenario.clone());
    let bad = ASSIGNMENT.replacen(
        "scenario_questions = [\"fastest\"]",
        "scenario_questions = [\"pv-hyper\", \"hyp\"]",
        1,
    );
    let errors = Assignment::from_toml_all("a.toml", &bad, &resolver).expect_err("unknown");
    assert_eq!(errors.len(), 2, "{errors:?}");
    let e = &errors[0];
    assert_eq!((e.code, e.line, e.column), ("unknown_name", 11, 23), "{e}");
    assert!(e.message.ends_with("did you mean `pv-hyp`?"), "{e}");
    assert!(
        e.message_in(crate::Lang::Ko)
            .ends_with("혹시 `pv-hyp`인가요?"),
        "{}",
        e.message_in(crate::Lang::Ko)
    );
    // Three letters are too few to guess from.
    assert!(!errors[1].message.contains("did you mean"), "{}", errors[1]);
    // Names spelled otherwise keep their guess (the validator's), once.
    let slip = ASSIGNMENT.replacen("[\"fastest\"]", "[\"fastets\"]", 1);
    let e = parse(&slip).expect_err("slip");
    assert_eq!(e.message.matches("did you mean").count(), 1, "{e}");
    assert!(e.message.ends_with("did you mean `fastest`?"), "{e}");
}

/// Past [`crate::scenario::MAX_ERRORS_SHOWN`] mistakes the reading stops, as a scenario's
/// does, at the next one, which says so; never a panic.
#[test]
fn the_reading_stops_after_as_many_mistakes_as_a_scenarios() {
    let limit = crate::scenario::MAX_ERRORS_SHOWN;
    let mut bad = ASSIGNMENT.to_string();
    for n in 0..limit + 5 {
        bad.push_str(&format!(
            "\n[[step]]\nid = \"s{n}\"\ntitle = {{ en = \"T\", ko = \"T\" }}\nintro = {{ en = \"I\", ko = \"I\" }}\nscenario = \"syscalls.toml\"\nscenario_questions = [\"fastest\"]\nstudent_seed = \"no\"\n"
        ));
    }
    let errors = Assignment::from_toml_all("a.toml", &bad, &library).expect_err("many");
    assert_eq!(errors.len(), limit + 1, "{errors:?}");
    let stopped: Vec<&ScenarioError> = errors.iter().filter(|e| e.stops_checks()).collect();
    assert_eq!(stopped.len(), 1);
    assert_eq!(stopped[0], errors.last().expect("errors"));
    assert!(errors.is_sorted_by_key(|e| (e.line, e.column)));
}

#[test]
fn a_perfect_student_gets_every_point_and_edits_are_caught() {
    let a = parse(ASSIGNMENT).expect("valid");
    let expected = computed(&a, "s7");
    let key = a.answer_key("s7", &expected).expect("a valid id");
    assert!(key.checksum_ok());
    let grade = a.grade(&key, &expected);
    assert!(grade.clean(), "{:?}", grade.problems);
    assert_eq!((grade.points, grade.max_points), (4, 4));

    // A wrong answer costs its points (the prediction, first: the order the page asks in).
    let mut wrong = key.clone();
    let guess = &mut wrong.steps[0].answers[0];
    assert_eq!(guess.question, "guess");
    guess.answer = if guess.answer == "bt" { "hw" } else { "bt" }.into();
    wrong.checksum = wrong.computed_checksum();
    let grade = a.grade(&wrong, &expected);
    assert_eq!(grade.points, 2);
    assert_eq!(grade.rows[0].verdict, Verdict::Wrong);

    // An edit without a new checksum: tampered, nothing graded.
    let mut tampered = key.clone();
    tampered.steps[0].answers[0].answer = "edited".into();
    let grade = a.grade(&tampered, &expected);
    assert_eq!(grade.problems, vec![Problem::Tampered]);
    assert!(grade.rows.iter().all(|r| r.verdict == Verdict::NotGraded));
    assert_eq!(grade.points, 0);

    // A file of another format version: that, and not "edited" too (its checksum follows
    // that version's rules).
    let mut newer = key.clone();
    newer.format = "virtsim-answers/2".into();
    assert_eq!(
        a.grade(&newer, &expected).problems,
        vec![Problem::UnknownFormat {
            found: "virtsim-answers/2".into()
        }]
    );

    // Another student's file handed in as s8's: the variant hash gives it away.
    let mut copied = key.clone();
    copied.student = "s8".into();
    copied.checksum = copied.computed_checksum();
    // (student_seed: their seeds, and so the hashes, differ.)
    assert_ne!(
        a.scenario_hash(0, Some("s8")),
        a.scenario_hash(0, Some("s7"))
    );
    let grade = a.grade(&copied, &computed(&a, "s8"));
    assert_eq!(
        grade.problems,
        vec![Problem::StaleStep { step: "one".into() }]
    );
    assert!(grade.rows.iter().all(|r| r.verdict == Verdict::Stale));

    // Edited with a new checksum: a question answered twice, a step listed twice, a
    // prediction said to be answered after the run. Each is reported (the grade is not
    // clean); the first answer counts, the prediction is not graded.
    let mut twice = key.clone();
    let mut other = twice.steps[0].answers[1].clone();
    other.answer = "something else".into();
    twice.steps[0].answers.push(other);
    twice.steps.push(key.steps[0].clone());
    twice.checksum = twice.computed_checksum();
    let grade = a.grade(&twice, &expected);
    let question = Some(key.steps[0].answers[1].question.clone());
    assert_eq!(
        grade.problems,
        vec![
            Problem::Repeated {
                step: "one".into(),
                question
            },
            Problem::Repeated {
                step: "one".into(),
                question: None
            }
        ]
    );
    assert!(!grade.clean());
    assert_eq!(grade.points, 4);
    let mut after = key.clone();
    assert!(
        after.steps[0].answers[0].predicted,
        "the prediction comes first"
    );
    after.steps[0].answers[0].predicted = false;
    after.checksum = after.computed_checksum();
    let grade = a.grade(&after, &expected);
    assert_eq!(
        grade.problems,
        vec![Problem::NotPredicted {
            step: "one".into(),
            question: "guess".into()
        }]
    );
    assert_eq!(grade.rows[0].verdict, Verdict::NotPredicted);
    assert_eq!(grade.points, 2);
    assert!(grade.problems[0]
        .text()
        .en
        .contains("`one`/`guess` is a prediction"));
    // The other way round: an answer after the run marked as a prediction is graded as
    // given, reported, and not shown as a prediction.
    let mut before = key.clone();
    assert!(!before.steps[0].answers[1].predicted);
    before.steps[0].answers[1].predicted = true;
    before.checksum = before.computed_checksum();
    let grade = a.grade(&before, &expected);
    let question = before.steps[0].answers[1].question.clone();
    assert_eq!(
        grade.problems,
        vec![Problem::MarkedPredicted {
            step: "one".into(),
            question: question.clone()
        }]
    );
    assert_eq!(grade.points, 4);
    let row = grade
        .rows
        .iter()
        .find(|r| r.question == question)
        .expect("its row");
    assert!(!row.predicted);

    // A bare fraction to a question in percent is graded as written, and the row says how
    // it was read; a plain answer's row does not.
    let mut fraction = key.clone();
    assert_eq!(fraction.steps[0].answers[2].question, "bt-rel");
    fraction.steps[0].answers[2].answer = "0.5".into();
    fraction.checksum = fraction.computed_checksum();
    let grade = a.grade(&fraction, &expected);
    assert_eq!(grade.rows[2].read_as.as_deref(), Some("0.5 %"));
    assert_eq!(a.grade(&key, &expected).rows[2].read_as, None);

    // A blank answer is unanswered.
    let mut blank = key.clone();
    blank.steps[0].answers[2].answer = "  ".into();
    blank.checksum = blank.computed_checksum();
    let grade = a.grade(&blank, &expected);
    assert_eq!(grade.rows[2].verdict, Verdict::Unanswered);
    assert_eq!(grade.points, 3);

    // A numeric answer with its unit is right; with anything else after the number it is
    // not a number: no points, not wrong, and a problem that says what is read.
    let numeric = &key.steps[0].answers[2];
    assert_eq!(numeric.question, "bt-rel");
    for (given, verdict) in [
        (format!("{}%", numeric.answer), Verdict::Right),
        (format!("{} %", numeric.answer), Verdict::Right),
        (format!("{}abc", numeric.answer), Verdict::Unreadable),
        (format!("{}회", numeric.answer), Verdict::Unreadable),
        (format!("{} ms", numeric.answer), Verdict::Unreadable),
    ] {
        let mut typed = key.clone();
        typed.steps[0].answers[2].answer = given.clone();
        typed.checksum = typed.computed_checksum();
        let grade = a.grade(&typed, &expected);
        assert_eq!(grade.rows[2].verdict, verdict, "{given}");
        if verdict == Verdict::Right {
            assert!(grade.clean(), "{given}: {:?}", grade.problems);
            assert_eq!(grade.points, 4);
            continue;
        }
        assert_eq!(grade.points, 3, "{given}");
        assert_eq!(grade.problems.len(), 1, "{given}");
        let text = grade.problems[0].text();
        assert!(
            text.get("en")
                .contains(&format!("`one`/`bt-rel`: `{given}` is not a number"))
                && text.get("en").contains("alone or followed by `%`"),
            "{}",
            text.get("en")
        );
        assert!(
            text.get("ko").contains("이 질문의 답으로 읽을 수 없습니다"),
            "{}",
            text.get("ko")
        );
        assert!(!grade.problems[0].blocks_file());
    }
}

#[test]
fn a_handed_in_file_is_graded_with_one_run_per_variant_as_the_cli_does() {
    let a = parse(ASSIGNMENT).expect("valid");
    let expected = computed(&a, "s7");
    let key = a.answer_key("s7", &expected).expect("a valid id");
    // grade_file runs the student's steps itself: the same grade as `grade` with the runs.
    let grade = a.grade_file(&key).expect("runs");
    assert_eq!(grade, a.grade(&key, &expected));
    assert!(grade.clean() && grade.points_final());
    assert_eq!((grade.points, grade.stale_points()), (4, 0));

    // Many files: each step variant is run once, for the first student who has it.
    let mut computed_answers = ComputedAnswers::new();
    let mut runs = Vec::new();
    let mut run = |step: usize, student: &str| {
        runs.push((step, student.to_string()));
        let scenario = a
            .step_scenario(step, Some(student))
            .map_err(SimError::Invalid)?;
        Ok::<_, SimError>(scenario.run()?.questions)
    };
    let again = a
        .grade_file_with(&key, &mut computed_answers, &mut run)
        .expect("runs");
    assert_eq!(again, grade);
    let again = a
        .grade_file_with(&key, &mut computed_answers, &mut run)
        .expect("runs");
    assert_eq!(again, grade);
    // A file that cannot be graded (tampered with) is not run: every row not graded, and
    // its total is not the one to record.
    let mut tampered = key.clone();
    tampered.steps[0].answers[0].answer = "edited".into();
    let not_graded = a
        .grade_file_with(&tampered, &mut ComputedAnswers::new(), &mut run)
        .expect("no run");
    assert_eq!(not_graded.problems, vec![Problem::Tampered]);
    assert!(!not_graded.points_final());
    // Problems and verdicts print as the CLI's English words.
    assert_eq!(
        not_graded.problems[0].to_string(),
        "the checksum does not match: the file was edited or damaged after export; not graded"
    );
    assert_eq!(not_graded.rows[0].verdict.to_string(), "not graded");
    assert_eq!(grade.rows[0].verdict.to_string(), "right");
    assert_eq!(computed_answers.len(), 1);

    // Another student's answers handed in as s8's: stale, so the total is not final
    // (0 points, but not a grade of 0), and s8's own variant is run.
    let mut copied = key.clone();
    copied.student = "s8".into();
    copied.checksum = copied.computed_checksum();
    let stale = a
        .grade_file_with(&copied, &mut computed_answers, &mut run)
        .expect("runs");
    assert_eq!((stale.points, stale.stale_points()), (0, 4));
    assert!(!stale.points_final());
    // Every answer stale: nothing was graded (a tampered file is not graded either, for
    // another reason; a perfect file is graded).
    assert!(stale.nothing_graded());
    assert!(!not_graded.nothing_graded() && !grade.nothing_graded());
    assert_eq!(computed_answers.len(), 2);
    assert_eq!(runs, vec![(0, "s7".to_string()), (0, "s8".to_string())]);

    // The run's error is the caller's.
    let failed = a.grade_file_with(&copied, &mut ComputedAnswers::new(), |_, _| Err("no runs"));
    assert_eq!(failed, Err("no runs"));
}

#[test]
fn answers_files_round_trip_through_json() {
    let file = AnswersFile::new(
        "a",
        "학생 1",
        vec![StepAnswers {
            step: "s".into(),
            scenario_hash: "fnv1a64:0000000000000000".into(),
            answers: vec![GivenAnswer {
                question: "q".into(),
                answer: "29,5".into(),
                predicted: true,
            }],
        }],
    );
    let json = serde_json::to_string(&file).unwrap();
    let back: AnswersFile = serde_json::from_str(&json).unwrap();
    assert_eq!(back, file);
    assert!(back.checksum_ok());
    // Unknown keys are refused, not ignored.
    let extra = json.replacen("{", "{\"x\":1,", 1);
    assert!(serde_json::from_str::<AnswersFile>(&extra).is_err());
}

#[test]
fn answers_from_a_run_of_the_scenario_as_written_match_the_prepared_run() {
    // The page runs the step's scenario text with the variant as slider settings (its own
    // questions, not the step's); the step's answers read from that result must be the
    // ones `virtsim grade` computes by running the prepared scenario.
    let a = parse(ASSIGNMENT).expect("valid");
    let prepared = a.step_scenario(0, Some("s3")).expect("valid");
    let as_page_runs = a.steps[0]
        .scenario
        .adjusted(&a.variant(0, Some("s3")).adjustments())
        .expect("valid")
        .run()
        .expect("runs");
    let from_page = answers_from_result(&prepared, &as_page_runs);
    assert_eq!(from_page, prepared.run().expect("runs").questions);
    assert_eq!(from_page.len(), 3);
}

#[test]
fn the_variants_of_all_steps_are_bounded() {
    // Five steps of 16 x 4 = 64 variants each: 320 in all, over MAX_TOTAL_VARIANTS (256),
    // refused before any of them is validated.
    let mut text =
        String::from("[assignment]\nid = \"many\"\ntitle = { en = \"M\", ko = \"M\" }\n");
    for i in 0..5 {
        text.push_str(&format!(
            "\n[[step]]\nid = \"s{i}\"\ntitle = {{ en = \"S\", ko = \"S\" }}\nintro = {{ en = \"I\", ko = \"I\" }}\nscenario = \"syscalls.toml\"\nscenario_questions = [\"fastest\"]\n[[step.vary]]\nparameter = \"duration_ms\"\nchoices = [{}]\n[[step.vary]]\nparameter = \"time_slice_ms\"\nchoices = [1, 2, 3, 4]\n",
            (1..=16).map(|d| d.to_string()).collect::<Vec<_>>().join(", ")
        ));
    }
    let e = parse(&text).expect_err("too many variants");
    assert_eq!((e.code, e.line), ("too_many", 2), "{e}");
    assert!(e.message.contains("320 variants"), "{e}");
}

/// An assignment's estimate is its steps' together, each step's the largest of its
/// variants'; over one scenario's budget the file is refused at the step that crosses it.
#[test]
fn the_steps_estimates_add_up_and_are_bounded() {
    let step = |id: &str, durations: &str| {
        format!(
            "\n[[step]]\nid = \"{id}\"\ntitle = {{ en = \"S\", ko = \"S\" }}\nintro = {{ en = \"I\", ko = \"I\" }}\nscenario = \"syscalls.toml\"\nscenario_questions = [\"fastest\"]\n[[step.vary]]\nparameter = \"duration_ms\"\nchoices = [{durations}]\n"
        )
    };
    let head = "[assignment]\nid = \"sum\"\ntitle = { en = \"M\", ko = \"M\" }\n";
    let text = format!("{head}{}{}", step("a", "4, 40"), step("b", "8"));
    let a = parse(&text).expect("valid");
    let scenario_events = |duration: u64| {
        let mut s =
            LIBRARY_SCENARIO.replace("duration_ms = 4", &format!("duration_ms = {duration}"));
        s.push('\n');
        Scenario::from_toml("s.toml", &s)
            .expect("valid")
            .estimated_events()
    };
    // The largest variant of step `a` is its 40 ms one, whichever comes first.
    assert_eq!(a.step_estimated_events(0), scenario_events(40));
    assert_eq!(a.step_estimated_events(1), scenario_events(8));
    assert!(scenario_events(40) > scenario_events(4));
    assert_eq!(
        a.estimated_events(),
        scenario_events(40) + scenario_events(8)
    );

    // Steps that each fit one scenario's budget but not together: refused at the first
    // step that takes the sum over it.
    let per_ms = scenario_events(1000) / 1000;
    let ms = MAX_ASSIGNMENT_ESTIMATED_EVENTS / per_ms / 2 + 1;
    assert!(scenario_events(ms) <= crate::scenario::MAX_ESTIMATED_EVENTS);
    assert!(scenario_events(ms) + scenario_events(1) <= MAX_ASSIGNMENT_ESTIMATED_EVENTS);
    assert!(2 * scenario_events(ms) > MAX_ASSIGNMENT_ESTIMATED_EVENTS);
    let fits = format!("{head}{}{}", step("x", &ms.to_string()), step("y", "1"));
    assert!(parse(&fits).is_ok());
    let over = format!(
        "{head}{}{}{}",
        step("x", &ms.to_string()),
        step("y", &ms.to_string()),
        step("z", "1")
    );
    let e = parse(&over).expect_err("over the budget");
    assert_eq!(e.code, "assignment_too_many_events", "{e}");
    let y_line = over[..over.find("id = \"y\"").expect("step y")]
        .lines()
        .count()
        + 1;
    assert_eq!((e.line, e.column), (y_line, 6), "{e}");
    assert!(e.message.contains("step `y`"), "{e}");
    assert!(
        e.message_in(crate::text::Lang::Ko).contains("단계 `y`"),
        "{e}"
    );
}

/// The hash follows what is simulated: a fixed typo in a text, a new comment or a wider
/// tolerance keeps students' answers gradable; a changed duration or platform does not.
#[test]
fn the_scenario_hash_ignores_texts_and_comments_but_not_the_simulation() {
    let base = simulated_part(LIBRARY_SCENARIO);
    let retexted = LIBRARY_SCENARIO
        .replace("Fastest?", "Which is the fastest?")
        .replace("duration_ms = 4", "# four milliseconds\nduration_ms   = 4")
        .replace(
            "select = \"highest\"",
            "select = \"highest\"\ntolerance_percent = 20",
        );
    assert!(retexted.contains("tolerance_percent = 20"));
    assert_eq!(simulated_part(&retexted), base);
    assert!(!base.contains("Fastest"), "{base}");
    assert!(base.contains("\"duration_ms\"=4,"), "{base}");
    for changed in [
        LIBRARY_SCENARIO.replace("duration_ms = 4", "duration_ms = 5"),
        LIBRARY_SCENARIO.replace("\"binary_translation\"", "\"para\""),
        LIBRARY_SCENARIO.replace("\"highest\"", "\"lowest\""),
    ] {
        assert_ne!(simulated_part(&changed), base, "{changed}");
    }
    // Not TOML: taken as it is.
    assert_eq!(simulated_part("[x"), "[x");
}

#[test]
fn the_page_reads_only_first_variants_and_checks_a_students_own_when_shown() {
    // Host cores 1 or 0: the second variant is not valid. Reading every variant finds it;
    // reading the first ones (the page) does not, and the student who gets 0 cores learns
    // it from `step_scenario` when the step is shown.
    let text = ASSIGNMENT.replace("choices = [1, 2, 4]", "choices = [1, 0]");
    let all = parse(&text).expect_err("the 0-core variant is found");
    assert_eq!(all.code, "variant_invalid");
    let first =
        Assignment::from_toml_first_variants("a.toml", &text, &library).expect("first variants");
    let step = first
        .steps
        .iter()
        .position(|s| !s.vary.is_empty())
        .expect("a step that varies");
    let outcomes: Vec<bool> = (0..40)
        .map(|i| first.step_scenario(step, Some(&format!("s{i:03}"))).is_ok())
        .collect();
    assert!(
        outcomes.contains(&true) && outcomes.contains(&false),
        "{outcomes:?}"
    );
}

#[test]
fn an_error_in_a_one_line_embedded_scenario_points_at_its_place_in_the_string() {
    // Line 10 of ASSIGNMENT names the scenario; embedded as a one-line "..." string, its
    // `\n` escapes make lines that are not the file's: the error is at its value's place
    // on the file's line, the `0` of `cores = 0` (column 78, after the escapes before it).
    let text = ASSIGNMENT.replace(
        "scenario = \"syscalls.toml\"",
        "scenario_toml = \"[scenario]\\nname = \\\"x\\\"\\nduration_ms = 10\\n[host]\\ncores = 0\\n[[platform]]\\nname = \\\"n\\\"\\nkind = \\\"native\\\"\\n[[instance]]\\nname = \\\"a\\\"\\nworkload = \\\"cpu-bound\\\"\\n\"",
    );
    let e = parse(&text).expect_err("0 cores");
    assert_eq!((e.line, e.column), (10, 78), "{e}");
    let line = text.lines().nth(9).unwrap();
    assert_eq!(line.chars().nth(77), Some('0'), "{line}");
    assert!(e.message.contains("host.cores"), "{e}");
}

#[test]
fn a_memory_choice_too_small_for_the_guests_is_a_located_warning_not_an_error() {
    // A Linux guest needs 200 MiB of OS and its 128 MiB working set (the defaults): 256
    // and 320 MiB leave both platforms' VMs OOM-killed even alone; 328 just holds them.
    let text = ASSIGNMENT.replace(
        "parameter = \"host_cores\"\nchoices = [1, 2, 4]",
        "parameter = \"memory_per_instance_mib\"\nchoices = [1024, 256, 320, 328]",
    );
    let a = parse(&text).expect("still valid: a scenario may show an OOM kill");
    let warnings = a.warnings();
    let located: Vec<(&str, usize, usize)> = warnings
        .iter()
        .map(|w| (w.code, w.line, w.column))
        .collect();
    assert_eq!(
        located,
        [
            ("memory_setting_too_small", 16, 18),
            ("memory_setting_too_small", 16, 23)
        ]
    );
    let w = &warnings[0];
    assert_eq!(w.file, "a.toml");
    for phrase in [
        "step `one`: with memory_per_instance_mib = 256",
        "OOM killer stops instances even running alone",
        "group `vm` on platforms `bt`, `hw` (a guest needs 328 MiB: 200 MiB of guest OS and a 128 MiB working set)",
        "the smallest setting that avoids it is 384 MiB (in steps of 64 MiB)",
    ] {
        assert!(w.message.contains(phrase), "{phrase}: {}", w.message);
    }
    let ko = w.message_in(crate::Lang::Ko);
    for phrase in [
        "memory_per_instance_mib = 256이면",
        "플랫폼 `bt`, `hw`의 그룹 `vm`(게스트에 328 MiB 필요",
        "가장 작은 값은 384 MiB입니다(64 MiB 단위)",
    ] {
        assert!(ko.contains(phrase), "{phrase}: {ko}");
    }
    // The page, which validates only first variants, gets the same warnings.
    let first = Assignment::from_toml_first_variants("a.toml", &text, &library).expect("valid");
    assert_eq!(first.warnings(), warnings);
    // Choices that hold the guests: no warning.
    let fine = text.replace("[1024, 256, 320, 328]", "[1024, 328, 384]");
    assert!(parse(&fine).expect("valid").warnings().is_empty());
    assert!(parse(ASSIGNMENT).expect("valid").warnings().is_empty());
}

#[test]
fn a_guest_oom_killed_as_written_is_judged_by_the_steps_memory_choices() {
    // A Windows guest in 1 GiB cannot hold its 1500 MiB OS: as written the scenario warns
    // (memory_too_small_alone, "give it memory_gib = 1.59 or more"). A step that varies
    // memory_per_instance_mib gives every student a choice instead of memory_gib: each
    // choice is judged by its own figure, and the scenario's advice, which would change
    // nothing a student runs, is left out.
    let scenario = LIBRARY_SCENARIO.replace(
        "name = \"vm\"\n",
        "name = \"vm\"\nguest_os = \"windows\"\nmemory_gib = 1\n",
    );
    let embedded = ASSIGNMENT.replace(
        "scenario = \"syscalls.toml\"",
        &format!("scenario_toml = '''{scenario}'''"),
    );
    // Not varied: the scenario's own warning, at its memory_gib inside the assignment.
    let a = parse(&embedded).expect("valid");
    let line = embedded[..embedded.find("memory_gib = 1").unwrap()]
        .matches('\n')
        .count()
        + 1;
    let located: Vec<(&str, usize, usize)> = (a.warnings().iter())
        .map(|w| (w.code, w.line, w.column))
        .collect();
    assert_eq!(located, [("memory_too_small_alone", line, 14)]);
    assert!(a.warnings()[0]
        .message
        .starts_with("step `one`: instance `vm`: with memory_gib = 1 (1024 MiB) the OOM killer stops its instances even running alone"));
    // Varied with choices too small: a warning at each choice, in MiB, none of memory_gib.
    let varied = |choices: &str| {
        embedded.replace(
            "parameter = \"host_cores\"\nchoices = [1, 2, 4]",
            &format!("parameter = \"memory_per_instance_mib\"\nchoices = {choices}"),
        )
    };
    let text = varied("[1024, 256]");
    let a = parse(&text).expect("valid");
    let choices_line = text[..text.find("choices = [1024, 256]").unwrap()]
        .matches('\n')
        .count()
        + 1;
    let located: Vec<(&str, usize, usize)> = (a.warnings().iter())
        .map(|w| (w.code, w.line, w.column))
        .collect();
    assert_eq!(
        located,
        [
            ("memory_setting_too_small", choices_line, 12),
            ("memory_setting_too_small", choices_line, 18)
        ]
    );
    for w in a.warnings() {
        assert!(!w.message.contains("memory_gib"), "{}", w.message);
        assert!(
            w.message
                .contains("group `vm` on platforms `bt`, `hw` (a guest needs 1628 MiB")
                && w.message
                    .contains("the smallest setting that avoids it is 1664 MiB"),
            "{}",
            w.message
        );
        let ko = w.message_in(crate::Lang::Ko);
        assert!(ko.contains("가장 작은 값은 1664 MiB입니다"), "{ko}");
    }
    assert!(a.warnings()[0]
        .message
        .starts_with("step `one`: with memory_per_instance_mib = 1024 the OOM killer stops"));
    // Varied with choices that hold the guest: no student's instances are killed, so no
    // warning at all (the scenario's as written would have said memory_gib = 1 kills them).
    let a = parse(&varied("[2048, 4096]")).expect("valid");
    assert_eq!(a.warnings(), Vec::new());
    // The page, which validates only first variants, gets the same warnings.
    let first = Assignment::from_toml_first_variants("a.toml", &text, &library).expect("valid");
    assert_eq!(first.warnings().len(), 2);
}

/// A VM with more vCPUs than cores, judged by each variant's cores and vCPUs: a step that
/// varies `host_cores` or `vcpus_per_instance` is warned at the choices that give it, with
/// advice about the choice, not about the scenario's `vcpus` or the cores as written.
#[test]
fn a_vcpu_warning_judges_each_host_cores_and_vcpus_choice() {
    let with_vcpus = |vcpus: u32| {
        let scenario = LIBRARY_SCENARIO.replace(
            "name = \"vm\"\n",
            &format!("name = \"vm\"\nvcpus = {vcpus}\n"),
        );
        ASSIGNMENT.replace(
            "scenario = \"syscalls.toml\"",
            &format!("scenario_toml = '''{scenario}'''"),
        )
    };
    let at = |text: &str, needle: &str| {
        let offset = text.find(needle).unwrap();
        let line = text[..offset].matches('\n').count() + 1;
        (
            line,
            offset - text[..offset].rfind('\n').map_or(0, |i| i + 1) + 1,
        )
    };
    let warnings_of = |text: &str| -> Vec<(&'static str, usize, usize, String)> {
        let a = parse(text).expect("valid");
        (a.warnings().iter())
            .map(|w| {
                let ko = w.message_in(crate::Lang::Ko);
                (w.code, w.line, w.column, format!("{}\n{ko}", w.message))
            })
            .collect()
    };
    // 4 vCPUs fit the 8 cores as written, but host_cores = [1, 2, 4] gives some students 1
    // or 2 cores: a warning at each of those choices.
    let text = with_vcpus(4);
    let found = warnings_of(&text);
    let (line, column) = at(&text, "choices = [1, 2, 4]");
    let places: Vec<(&str, usize, usize)> = found.iter().map(|w| (w.0, w.1, w.2)).collect();
    assert_eq!(
        places,
        [
            ("vcpus_over_cores", line, column + "choices = [".len()),
            ("vcpus_over_cores", line, column + "choices = [1, ".len())
        ]
    );
    for phrase in [
        "step `one`: with host_cores = 1, the VMs of `vm` (4 vCPUs) have more vCPUs than the host's 1 core:",
        "Unless that is the point, make this choice 4 or more",
        "단계 `one`: host_cores = 1이면 `vm`(vCPU 4개)의 VM은 vCPU가 호스트의 코어 1개보다 많습니다",
        "의도한 것이 아니라면 이 선택지를 4 이상으로 하세요",
    ] {
        assert!(found[0].3.contains(phrase), "{phrase}: {}", found[0].3);
    }
    assert!(
        found[1].3.contains("with host_cores = 2,"),
        "{}",
        found[1].3
    );
    // 64 vCPUs: the scenario as written would advise vcpus = 8 or fewer (its 8 cores, which
    // no student has); each choice is warned about in its own terms instead.
    let text = with_vcpus(64);
    let found = warnings_of(&text);
    assert_eq!(found.len(), 3, "{found:#?}");
    for (w, cores) in found.iter().zip([1, 2, 4]) {
        assert!(
            w.3.contains(&format!(
                "with host_cores = {cores}, the VMs of `vm` (64 vCPUs)"
            )) && w.3.contains("make this choice 64 or more")
                && !w.3.contains("vcpus = 8"),
            "{}",
            w.3
        );
    }
    // vcpus_per_instance varied as well: at its choices, with the host_cores choices each
    // outnumbers.
    let text = with_vcpus(1).replace(
        "choices = [1, 2, 4]",
        "choices = [2, 4]\n\n[[step.vary]]\nparameter = \"vcpus_per_instance\"\nchoices = [2, 3, 8]",
    );
    let found = warnings_of(&text);
    let (line, column) = at(&text, "choices = [2, 3, 8]");
    let places: Vec<(&str, usize, usize)> = found.iter().map(|w| (w.0, w.1, w.2)).collect();
    assert_eq!(
        places,
        [
            ("vcpus_over_cores", line, column + "choices = [2, ".len()),
            ("vcpus_over_cores", line, column + "choices = [2, 3, ".len())
        ]
    );
    assert!(found[0].3.contains("with vcpus_per_instance = 3 and host_cores = 2, each VM of `vm` has 3 vCPUs on a host with 2 cores"), "{}", found[0].3);
    for phrase in [
        "with vcpus_per_instance = 8 and host_cores = 2 or 4, each VM of `vm` has 8 vCPUs on a host with 2 or 4 cores",
        "make this choice 2 or fewer (the fewest host_cores choice), or every host_cores choice 8 or more",
        "단계 `one`: vcpus_per_instance = 8, host_cores = 2 또는 4이면 `vm`의 VM마다 vCPU가 8개인데 호스트의 코어는 2 또는 4개입니다",
    ] {
        assert!(found[1].3.contains(phrase), "{phrase}: {}", found[1].3);
    }
    // Choices that all fit: no warning.
    assert_eq!(
        warnings_of(&text.replace("[2, 3, 8]", "[1, 2]")),
        Vec::new()
    );
}

/// A step's scenario's warnings are the assignment's, once per step: an embedded
/// scenario's at its line in the assignment, a library (or file) scenario's in its file.
#[test]
fn a_steps_scenario_warnings_are_the_assignments_once_per_step() {
    let many_vcpus = LIBRARY_SCENARIO.replace("name = \"vm\"\n", "name = \"vm\"\nvcpus = 64\n");
    let resolve = |name: &str| (name == "syscalls.toml").then(|| many_vcpus.clone());
    // A step that varies neither the cores nor the vCPUs (a step that does is warned at
    // its choices instead: `a_vcpu_warning_judges_each_host_cores_and_vcpus_choice`).
    let assignment =
        ASSIGNMENT.replace("parameter = \"host_cores\"", "parameter = \"duration_ms\"");
    let text = format!(
        "{assignment}\n[[step]]\nid = \"two\"\ntitle = {{ en = \"Two\", ko = \"둘\" }}\nintro = {{ en = \"Read.\", ko = \"읽으세요.\" }}\nscenario = \"syscalls.toml\"\nscenario_questions = [\"fastest\"]\n"
    );
    let a = Assignment::from_toml("a.toml", &text, &resolve).expect("valid");
    let found: Vec<(String, &str, usize)> = a
        .warnings()
        .iter()
        .map(|w| (w.file.clone(), w.code, w.line))
        .collect();
    let vcpus_line = many_vcpus[..many_vcpus.find("vcpus = 64").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert_eq!(
        found,
        [
            ("syscalls.toml".to_string(), "vcpus_over_cores", vcpus_line),
            ("syscalls.toml".to_string(), "vcpus_over_cores", vcpus_line)
        ]
    );
    assert!(a.warnings()[0]
        .message
        .starts_with("step `one`: instance `vm`: 64 vCPUs"));
    assert!(a.warnings()[1]
        .message
        .starts_with("step `two`: instance `vm`: 64 vCPUs"));
    // Embedded: at its line inside the assignment.
    let embedded = assignment.replace(
        "scenario = \"syscalls.toml\"",
        &format!("scenario_toml = '''{many_vcpus}'''"),
    );
    let a = parse(&embedded).expect("valid");
    let line = embedded[..embedded.find("vcpus = 64").unwrap()]
        .matches('\n')
        .count()
        + 1;
    let found: Vec<(&str, &str, usize, usize)> = a
        .warnings()
        .iter()
        .map(|w| (w.file.as_str(), w.code, w.line, w.column))
        .collect();
    assert_eq!(found, [("a.toml", "vcpus_over_cores", line, 9)]);
    // The page, which validates first variants only, gets them too.
    let first = Assignment::from_toml_first_variants("a.toml", &embedded, &library).expect("valid");
    assert_eq!(first.warnings(), a.warnings());
}

/// A scenario question a step does not list is a note naming it and the list that asks
/// it, at the step's scenario_questions (else at its scenario): not a warning.
#[test]
fn a_scenario_question_left_out_is_a_note() {
    let second = LIBRARY_SCENARIO.to_string()
        + "\n[[question]]\nid = \"slowest\"\ntext = { en = \"Slowest?\", ko = \"가장 느린 것?\" }\nkind = \"choice\"\nmetric = \"relative_performance_percent\"\nselect = \"lowest\"\n";
    let resolve = |name: &str| (name == "syscalls.toml").then(|| second.clone());
    let a = Assignment::from_toml("a.toml", ASSIGNMENT, &resolve).expect("valid");
    assert!(a.warnings().is_empty(), "{:?}", a.warnings());
    let notes = a.notes();
    assert_eq!(notes.len(), 1, "{notes:?}");
    let n = &notes[0];
    let at = ASSIGNMENT.find("\"fastest\"]").unwrap();
    let line = ASSIGNMENT[..at].matches('\n').count() + 1;
    assert_eq!((n.code, n.line), ("scenario_questions_left_out", line));
    assert_eq!(
        n.message,
        "step `one`: the scenario's question `slowest` is not asked (a step asks only the scenario questions its scenario_questions lists); to ask it, write scenario_questions = [\"fastest\", \"slowest\"]"
    );
    assert!(n
        .message_in(crate::Lang::Ko)
        .contains("시나리오의 질문 `slowest`는 묻지 않습니다"));
    // Every question asked: no note. No scenario_questions: at the scenario's name.
    let all = ASSIGNMENT.replace("[\"fastest\"]", "[\"fastest\", \"slowest\"]");
    assert!(Assignment::from_toml("a.toml", &all, &resolve)
        .expect("valid")
        .notes()
        .is_empty());
    assert!(parse(ASSIGNMENT).expect("valid").notes().is_empty());
    let none = ASSIGNMENT.replace("scenario_questions = [\"fastest\"]\n", "");
    let a = Assignment::from_toml("a.toml", &none, &resolve).expect("valid");
    let at = none.find("\"syscalls.toml\"").unwrap();
    assert_eq!(a.notes()[0].line, none[..at].matches('\n').count() + 1);
    assert!(a.notes()[0]
        .message
        .contains("questions `fastest`, `slowest` are not asked"));
}

/// A varied parameter that moves no answer is found from variants with one seed; the
/// classmates compared with the sample students share their picks.
#[test]
fn a_parameter_without_effect_and_classmates_with_the_same_picks() {
    let containers = r#"
[scenario]
name = "c"
duration_ms = 4
[[platform]]
name = "bt"
kind = "container"
[[platform]]
name = "hw"
kind = "container"
network = "host"
[[instance]]
name = "w"
workload = "network-rr"
"#;
    let text = ASSIGNMENT
        .replace(
            "scenario = \"syscalls.toml\"\nscenario_questions = [\"fastest\"]",
            &format!("scenario_toml = '''{containers}'''"),
        )
        .replace(
            "parameter = \"host_cores\"\nchoices = [1, 2, 4]",
            "parameter = \"vm_exit_cycles\"\nchoices = [500, 4000]",
        );
    let a = parse(&text).expect("valid");
    let run = |variant: &Variant| {
        let s = a.variant_scenario(0, variant).expect("valid variant");
        (variant.clone(), s.run().expect("runs").questions)
    };
    let base = a.variant(0, None);
    let other = Variant {
        seed: None,
        picks: vec![(Parameter::VmExitCycles, Choice::Number(4000))],
    };
    let variants = [run(&base), run(&other)];
    assert_eq!(
        parameters_without_effect(&a, 0, &variants),
        [Parameter::VmExitCycles]
    );
    let why = why_without_effect(&a, 0, Parameter::VmExitCycles).expect("a reason");
    assert!(why.en.contains("no platform takes VM exits"), "{why:?}");
    assert!(why_without_effect(&a, 0, Parameter::HostCores).is_none());
    // One variant alone, or one parameter that moves an answer: nothing.
    assert!(parameters_without_effect(&a, 0, &variants[..1]).is_empty());
    let vms = parse(ASSIGNMENT).expect("valid");
    assert!(why_without_effect(&vms, 0, Parameter::VmExitCycles).is_none());
    // Classmates: same picks as their sample student, never a sample, distinct.
    let samples = sample_students(&a, 0);
    let twins = same_pick_students(&a, 0, &samples);
    assert_eq!(twins.len(), samples.len());
    let picks = |id: &str| a.variant(0, Some(id)).picks_text();
    for (sample, twin) in samples.iter().zip(&twins) {
        // Two choices, three samples: two of them share their picks and are compared
        // already; the third gets a classmate.
        let shared = samples.iter().filter(|s| picks(s) == picks(sample)).count() > 1;
        assert_eq!(twin.is_none(), shared, "{samples:?} {twins:?}");
        let Some(twin) = twin else { continue };
        assert!(!samples.contains(twin));
        assert_eq!(
            a.variant(0, Some(sample)).picks_text(),
            a.variant(0, Some(twin)).picks_text()
        );
    }
    // Without a seed of their own, classmates with the same picks have the same variant.
    let no_seed = text.replace("student_seed = true\n", "");
    let a = parse(&no_seed).expect("valid");
    assert!(same_pick_students(&a, 0, &sample_students(&a, 0)).is_empty());
    assert!(parameters_without_effect(&a, 9, &variants).is_empty());
    assert!(a.variant_scenario(9, &base).is_err());
}

/// A choice question that ties in the variants compared keeps its answer (the platforms'
/// order in the file) while the parameter moves its figures: that parameter is not said to
/// change nothing (an instructor reading "changes no answer here ... the same figures"
/// would drop a parameter that works and leave the tie, which `virtsim answers` warns of
/// at the choice). A tie whose figures do not move either is still found.
#[test]
fn a_tie_whose_figures_move_is_not_a_parameter_without_effect() {
    use crate::question::QuestionKind;
    let text = ASSIGNMENT.replace(
        "parameter = \"host_cores\"\nchoices = [1, 2, 4]",
        "parameter = \"vm_exit_cycles\"\nchoices = [500, 4000]",
    );
    let a = parse(&text).expect("valid");
    let run = |variant: &Variant| {
        let s = a.variant_scenario(0, variant).expect("valid variant");
        (variant.clone(), s.run().expect("runs").questions)
    };
    let base = a.variant(0, None);
    let other = Variant {
        seed: None,
        picks: vec![(Parameter::VmExitCycles, Choice::Number(4000))],
    };
    let mut variants = [run(&base), run(&other)];
    // Every choice question an exact tie at the same answer in both variants, at `value`.
    let tie_at = |answers: &mut Vec<QuestionAnswer>, value: f64| {
        for q in answers
            .iter_mut()
            .filter(|q| q.kind == QuestionKind::Choice)
        {
            assert!(q.evidence.len() >= 2, "{q:?}");
            for (_, v) in q.evidence.iter_mut() {
                *v = value;
            }
            q.answer = q.evidence[0].0.clone();
            assert!(q.near_tie().is_some(), "{q:?}");
        }
    };
    // The other questions' answers the same in both: only the tie tells them apart.
    let (first, second) = variants.split_at_mut(1);
    second[0].1 = first[0].1.clone();
    tie_at(&mut first[0].1, 50.0);
    tie_at(&mut second[0].1, 60.0);
    assert!(
        parameters_without_effect(&a, 0, &variants).is_empty(),
        "a tie at 50 and at 60 is moved by the parameter"
    );
    // The same tie at the same figures: the parameter moves nothing.
    tie_at(&mut variants[1].1, 50.0);
    assert_eq!(
        parameters_without_effect(&a, 0, &variants),
        [Parameter::VmExitCycles]
    );
}

#[test]
fn a_memory_choice_over_the_host_names_overcommit_as_the_way_to_allow_it() {
    // 70 000 MiB per VM on the default 64 GiB host (63 GiB after the reserved 1 GiB): the
    // setting's own message, then, for the author, overcommit on every platform it does
    // not fit, written in the scenario (a library one copied into scenario_toml).
    let text = ASSIGNMENT.replace(
        "parameter = \"host_cores\"\nchoices = [1, 2, 4]",
        "parameter = \"memory_per_instance_mib\"\nchoices = [1024, 70000]",
    );
    let e = parse(&text).expect_err("70 000 MiB do not fit");
    assert_eq!((e.code, e.line), ("variant_invalid", 16), "{e}");
    for phrase in [
        "memory per instance of 70000 MiB does not fit the host",
        "the most that fits is",
        "overcommitting the host's memory on purpose as real hypervisors allow",
        "give platforms `bt`, `hw` ",
        "overcommit = [\"swap\"] in the scenario",
        "(in the scenario's own file if it is yours; a library scenario is changed in a copy of it in scenario_toml)",
    ] {
        assert!(e.message.contains(phrase), "{phrase}: {e}");
    }
    let ko = e.message_in(crate::Lang::Ko);
    assert!(
        ko.contains("오버커밋")
            && ko.contains("플랫폼 `bt`, `hw`에 ")
            && ko.contains("scenario_toml에 복사"),
        "{ko}"
    );
    // Embedded, there is nothing to copy.
    let embedded = text.replace(
        "scenario = \"syscalls.toml\"",
        &format!("scenario_toml = '''{LIBRARY_SCENARIO}'''"),
    );
    let e = parse(&embedded).expect_err("70 000 MiB do not fit");
    assert!(
        e.message
            .contains("overcommit = [\"swap\"] in the scenario"),
        "{e}"
    );
    assert!(!e.message.contains("copy the library scenario"), "{e}");
}

#[test]
fn a_student_id_with_a_format_character_is_not_valid() {
    assert!(valid_student_id(" s001 "));
    assert!(valid_student_id("김민수"));
    for id in ["s\u{202e}100", "\u{200b}s001", "s001\u{feff}", "s\u{2066}1"] {
        assert!(!valid_student_id(id), "{id:?}");
    }
}

/// A grader reads the accepted range in the question's unit, not "±10%" beside a figure
/// (which for a percentage reads as percentage points), and the figure with the digits that
/// tell what is right: a reviewer's student answered 0.104 to "0.10 µs ±5%" (0.0967 µs,
/// whose range is 0.0917 to 0.1017) and could not see why it was wrong; and 0.000333 µs
/// was printed "0 µs".
#[test]
fn the_expected_answer_is_its_accepted_range_in_its_unit() {
    use crate::question::Metric;
    let share = QuestionAnswer::numeric("q", Metric::HostOsPercent, 27.08, 10.0);
    assert_eq!(expected_text(&share), "27.08 % (24.38–29.78 %)");
    let latency = QuestionAnswer::numeric("q", Metric::MeanLatencyUs, 3.12, 5.0);
    assert_eq!(expected_text(&latency), "3.12 µs (2.97–3.27 µs)");
    // Below 1: three significant digits; the range is the printed figure's rounding
    // (±0.005), wider than ±5% (0.0919 to 0.1015), and says so by its figures.
    let small = QuestionAnswer::numeric("q", Metric::MeanLatencyUs, 0.0967, 5.0);
    assert_eq!(expected_text(&small), "0.0967 µs (0.0917–0.1017 µs)");
    assert!(!small.check("0.104") && small.check("0.1017") && small.check("0.0917"));
    // Never "0 µs" nor a negative bound for a latency.
    let tiny = QuestionAnswer::numeric("q", Metric::MeanLatencyUs, 1.0 / 3000.0, 5.0);
    assert_eq!(expected_text(&tiny), "0.000333 µs (0–0.005333 µs)");
    assert!(tiny.check("0") && tiny.check("0.005333") && !tiny.check("0.0054"));
    // A count in its own unit (none), whole.
    let count = QuestionAnswer::numeric("q", Metric::Density, 40.0, 10.0);
    assert_eq!(expected_text(&count), "40 (36–44)");
    // No tolerance: the printed figure itself.
    let exact = QuestionAnswer::numeric("q", Metric::HostOsPercent, 27.11, 0.0);
    assert_eq!(expected_text(&exact), "27.11 % ±0%");
    // An answer of 0 is typed as 0.
    let none = QuestionAnswer::numeric("q", Metric::InstancesStopped, 0.0, 10.0);
    assert_eq!(expected_text(&none), "0 ±10%");
}

/// What `virtsim answers --student` refuses, the library refuses with an error: a step
/// that does not exist (it panicked) and a student id that `valid_student_id` refuses
/// (it gave a seed, and a key that grades nothing).
#[test]
fn a_missing_step_or_a_bad_student_id_is_an_error() {
    let a = parse(ASSIGNMENT).expect("valid");
    let e = a.step_scenario(a.steps.len(), Some("s1")).unwrap_err();
    assert_eq!((e.code, e.line), ("index_out_of_range", 0));
    assert_eq!(
        e.to_string(),
        "a.toml: step 1 does not exist; the assignment has 1, numbered from 0"
    );
    assert!(e
        .to_string_in(crate::text::Lang::Ko)
        .contains("단계 1이 없습니다"));
    for bad in ["", "   ", "s\u{202e}1", &"x".repeat(65)] {
        let e = a.step_scenario(0, Some(bad)).unwrap_err();
        assert_eq!(e.code, "bad_student_id", "{bad:?}");
        assert_eq!(a.answer_key(bad, &[]).unwrap_err().code, "bad_student_id");
    }
    let e = a.step_scenario(0, Some("s\u{202e}1")).unwrap_err();
    assert_eq!(
        e.message,
        "student id `s<U+202E>1` must be 1 to 64 characters without control or format characters (U+200B, U+202E, ...)"
    );
    assert!(e.message_in(crate::text::Lang::Ko).contains("학생 id"));
    // The instructor's reference variant and a valid id are as before.
    assert!(a.step_scenario(0, None).is_ok());
    assert!(a.step_scenario(0, Some(" s1 ")).is_ok());
}

/// Grading without the computed answers, as `virtsim grade` does: a file that cannot be
/// graded needs no runs; one that can, given none, is not graded silently at 0 points but
/// with a problem for each step that has answers (not clean: the CLI's exit 1).
#[test]
fn grading_without_computed_answers_says_so() {
    let a = parse(ASSIGNMENT).expect("valid");
    let expected = computed(&a, "s1");
    let key = a.answer_key("s1", &expected).expect("a valid id");
    let grade = a.grade(&key, &[]);
    assert_eq!(
        grade.problems,
        vec![Problem::NotComputed { step: "one".into() }]
    );
    assert!(!grade.clean());
    assert!(grade.rows.iter().all(|r| r.verdict == Verdict::NotGraded));
    assert!(grade.problems[0].text().get("en").contains("not graded"));
    // A file with no answers has nothing to grade against a run: unanswered, no problem.
    let empty = AnswersFile::new(&a.id, "s1", Vec::new());
    let grade = a.grade(&empty, &[]);
    assert!(grade.clean(), "{:?}", grade.problems);
    assert!(grade.rows.iter().all(|r| r.verdict == Verdict::Unanswered));
    // A file that cannot be graded at all: its own problem, no runs needed.
    let mut other = key.clone();
    other.assignment = "other".into();
    let grade = a.grade(&other, &[]);
    assert!(
        grade.problems.iter().all(Problem::blocks_file),
        "{:?}",
        grade.problems
    );
    assert!(grade.rows.iter().all(|r| r.verdict == Verdict::NotGraded));
    // Given every step, the key grades full marks.
    assert_eq!(a.grade(&key, &expected).points, a.max_points());
}

/// A count's choice above the count's own limit is refused at the choice with that limit
/// (the vCPUs' 256, not the 32 bits' 4294967295 it quoted); 0 stays the variant's error.
#[test]
fn a_count_choice_names_the_counts_own_limit() {
    // The limit as the message says it, grouped as every range's bound.
    for (parameter, max, said) in [
        ("vcpus_per_instance", 256, "256"),
        ("threads_per_instance", 256, "256"),
        ("host_cores", 1024, "1,024"),
        ("instance_count", 1024, "1,024"),
    ] {
        for too_many in [max + 1, 5_000_000_000_u64] {
            let text = ASSIGNMENT.replace(
                "parameter = \"host_cores\"\nchoices = [1, 2, 4]",
                &format!("parameter = \"{parameter}\"\nchoices = [1, {too_many}]"),
            );
            let e = parse(&text).unwrap_err();
            assert_eq!((e.code, e.line, e.column), ("out_of_range", 16, 15), "{e}");
            assert_eq!(
                e.message,
                format!("step `one`: choice `{too_many}` of `{parameter}` is too large: it must be between 1 and {said}")
            );
            assert!(
                e.message_in(crate::Lang::Ko)
                    .contains(&format!("1에서 {said} 사이여야 합니다")),
                "{e}"
            );
        }
        // The limit itself is no error of the choice's.
        let text = ASSIGNMENT.replace(
            "parameter = \"host_cores\"\nchoices = [1, 2, 4]",
            &format!("parameter = \"{parameter}\"\nchoices = [1, {max}]"),
        );
        assert!(
            parse(&text).err().is_none_or(|e| e.code != "out_of_range"),
            "{parameter}"
        );
    }
}

/// A VM exit's choice is 100 to 100 000 cycles: 0 would have run the CPU's own round trip
/// while the student's page said 0 (a lecturer's review), and 10⁸ left the VMs at 0 ops/s.
#[test]
fn a_vm_exit_choice_is_within_a_lessons_range() {
    for bad in [0_u64, 99, 100_001, 100_000_000] {
        let text = ASSIGNMENT.replace(
            "parameter = \"host_cores\"\nchoices = [1, 2, 4]",
            &format!("parameter = \"vm_exit_cycles\"\nchoices = [784, {bad}]"),
        );
        let e = parse(&text).unwrap_err();
        assert_eq!((e.code, e.line), ("out_of_range", 16), "{e}");
        assert!(
            e.message.contains("from 100 to 100,000")
                && e.message.contains(&format!("got {bad}"))
                && e.message.contains("CPU's own figure"),
            "{e}"
        );
        assert!(e.message_in(crate::Lang::Ko).contains("CPU 자체 값"), "{e}");
        assert!(
            e.message_in(crate::Lang::Ko).contains("단위는 사이클"),
            "{e}"
        );
    }
    // A whole number written as a float is said to be one, not to have decimals.
    let text = ASSIGNMENT.replace(
        "parameter = \"host_cores\"\nchoices = [1, 2, 4]",
        "parameter = \"vm_exit_cycles\"\nchoices = [784, 1e3]",
    );
    let e = parse(&text).unwrap_err();
    assert!(
        e.message.contains("`1000` is written as a float") && !e.message.contains("has decimals"),
        "{e}"
    );
    assert!(
        e.message_in(crate::Lang::Ko).contains("실수로 쓰였습니다"),
        "{e}"
    );
    for good in [100_u64, 100_000] {
        let text = ASSIGNMENT.replace(
            "parameter = \"host_cores\"\nchoices = [1, 2, 4]",
            &format!("parameter = \"vm_exit_cycles\"\nchoices = [784, {good}]"),
        );
        assert!(parse(&text).is_ok(), "{good}");
    }
}

/// A choice that makes the scenario invalid is reported at that choice, not at the list's
/// bracket (an instructor fixes that one value).
#[test]
fn an_invalid_variant_is_located_at_its_choice() {
    let text = ASSIGNMENT.replace("choices = [1, 2, 4]", "choices = [1, 2, 0]");
    let e = parse(&text).unwrap_err();
    assert_eq!((e.line, e.column), (16, 18), "{e}");
    assert!(e.message.contains("with host_cores=0"), "{e}");
}

#[test]
fn an_instance_count_too_large_says_it_sets_every_groups_count() {
    // Two groups of 16 GiB VMs on the default 64 GiB host: 2 each is 4 VMs, 64 GiB.
    let scenario = LIBRARY_SCENARIO.replace(
        "name = \"vm\"\nworkload = \"syscall-heavy\"\n",
        "name = \"vm\"\nworkload = \"syscall-heavy\"\nmemory_gib = 16\n\n\
         [[instance]]\nname = \"other\"\nworkload = \"syscall-heavy\"\nmemory_gib = 16\n",
    );
    let text = ASSIGNMENT
        .replace(
            "scenario = \"syscalls.toml\"",
            &format!("scenario_toml = '''{scenario}'''"),
        )
        .replace(
            "parameter = \"host_cores\"\nchoices = [1, 2, 4]",
            "parameter = \"instance_count\"\nchoices = [1, 2]",
        );
    let e = parse(&text).expect_err("4 VMs of 16 GiB do not fit");
    assert_eq!(e.code, "variant_invalid", "{e}");
    assert!(
        e.message.contains(
            "with instance_count=2 the scenario is not valid (instance_count sets every group's count: 2 × 2 groups = 4 instances): "
        ),
        "{e}"
    );
    let ko = e.message_in(crate::Lang::Ko);
    assert!(
        ko.contains(
            "(instance_count는 모든 그룹의 개수를 정합니다: 2 × 그룹 2개 = 인스턴스 4개): "
        ),
        "{ko}"
    );
}

/// A bidirectional control character in an assignment (here a right-to-left override in a
/// question's text) is an error at its place, as in a scenario: on the page it turned the
/// "(1 pt)" after the question into "(tp 1)".
#[test]
fn a_bidirectional_control_character_is_an_error_at_its_place() {
    let text = ASSIGNMENT.replace("Which is slower?", "Which is slower?\u{202e}");
    let e = parse(&text).unwrap_err();
    assert_eq!(e.code, "bidi_control");
    assert_eq!((e.line, e.column), (22, 32), "{e}");
    assert!(e.message.contains("U+202E"), "{e}");
    // The marks that reorder nothing beyond themselves are allowed.
    assert!(parse(&ASSIGNMENT.replace("Which is slower?", "Which is slower?\u{200f}")).is_ok());
}

/// A step's intro and its own questions' texts quote the step's run (`{metric:platform}`):
/// checked against every variant's scenario, located at the placeholder (a workload that
/// sends nothing leaves `{mean_latency_us:vm:net_send}` without a value), and filled with
/// the student's own figures in the computed answers, in both languages.
#[test]
fn a_steps_texts_quote_its_run_under_every_variant() {
    let quoting = r#"
[assignment]
id = "quotes"
title = { en = "Quotes", ko = "인용" }

[[step]]
id = "one"
title = { en = "One", ko = "하나" }
intro = { en = "bt reaches {relative_performance_percent:bt}% here.", ko = "여기서 bt는 {relative_performance_percent:bt}%입니다." }
scenario = "syscalls.toml"

[[step.vary]]
parameter = "workload"
choices = ["network-rr", "cpu-bound"]

[[step.question]]
id = "rel"
text = { en = "hw reaches {relative_performance_percent:hw}%; and bt?", ko = "hw는 {relative_performance_percent:hw}%입니다. bt는?" }
kind = "numeric"
metric = "relative_performance_percent"
platform = "bt"
explanation = { en = "A send takes {mean_latency_us:vm:net_send} µs.", ko = "전송은 {mean_latency_us:vm:net_send} µs 걸립니다." }
"#;
    // `vm` is an instance, not a platform: named as such, with the platforms listed.
    let e = parse(quoting).expect_err("no platform vm");
    assert_eq!(e.code, "unknown_name", "{e}");
    let (line, column) = (e.line, e.column);
    let at = quoting.lines().nth(line - 1).expect("its line");
    assert!(
        at[column - 1..].starts_with("{mean_latency_us:vm:net_send}"),
        "{e}"
    );
    assert!(e.message.contains("step `one`, question `rel`: placeholder `{mean_latency_us:vm:net_send}` in the English text of `explanation`: unknown platform `vm`"), "{e}");
    assert!(
        e.message_in(crate::Lang::Ko)
            .starts_with("단계 `one`, 질문 `rel`: `explanation`의 영어 글의 자리 표시자"),
        "{}",
        e.message_in(crate::Lang::Ko)
    );
    // On a platform: the second choice's workload sends nothing.
    let on_hw = quoting.replace(":vm:net_send", ":hw:net_send");
    let e = parse(&on_hw).expect_err("cpu-bound sends nothing");
    assert_eq!(e.code, "unanswerable", "{e}");
    let at = on_hw.lines().nth(e.line - 1).expect("its line");
    assert!(
        at[e.column - 1..].starts_with("{mean_latency_us:hw:net_send}"),
        "{e}"
    );
    // Both choices send: valid, and the answers quote the student's own run.
    let valid = on_hw.replace("\"cpu-bound\"", "\"web-server\"");
    let a = parse(&valid).expect("valid");
    let result = a
        .step_scenario(0, Some("s1"))
        .expect("valid")
        .run()
        .expect("runs");
    let hw = &result.platforms[1];
    let shown = crate::text::fixed(hw.relative_performance_percent, 1);
    let rel = &result.questions[0];
    assert_eq!(rel.text.en, format!("hw reaches {shown}%; and bt?"));
    assert_eq!(rel.text.ko, format!("hw는 {shown}%입니다. bt는?"));
    assert!(!rel
        .explanation
        .as_ref()
        .expect("explained")
        .ko
        .contains('{'));
    // The intro, with that run's figures.
    let bt = crate::text::fixed(result.platforms[0].relative_performance_percent, 1);
    let intro = crate::results::filled(&result.platforms, &a.steps[0].intro.en);
    assert_eq!(intro, format!("bt reaches {bt}% here."));
}
