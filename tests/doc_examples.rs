//! Every TOML example in the documents (`README.md`, `README.ko.md`, `docs/*.md`) that is a
//! whole file must be valid, so that a reader who copies it gets a file that `virtsim
//! validate` accepts.
//!
//! The rule, for each fenced block whose info string starts with `toml`:
//!
//! - a block with an `[assignment]` table is a whole assignment: it must parse and validate
//!   with [`Assignment::from_toml`] (library scenarios resolved as the CLI does) and give no
//!   warning;
//! - otherwise, a block with a `[scenario]` table is a whole scenario: it must parse and
//!   validate with [`Scenario::from_toml`] and give no warning;
//! - any other block (`[costs]`, one `[[platform]]`, a `Cargo.toml` excerpt...) is a fragment
//!   and is not checked;
//! - a word after `toml` marks a block on purpose: ```` ```toml fragment ```` is a fragment even
//!   though it has a `[scenario]` or `[assignment]` table (the file layout's outline), and
//!   ```` ```toml invalid ```` is an example of a mistake, which must be rejected (a whole
//!   scenario or assignment that validates is reported, so the marker cannot go stale). Any
//!   other word is an error (a misspelt marker would silently change the rule).
//!
//! A failure names the document, the line in the document (the block's line plus the
//! error's line in it) and the error, with the line of the block's opening fence.

use std::path::PathBuf;

use sim_core::assignment::Assignment;
use sim_core::{Scenario, ScenarioError};
use virtsim_tests::{assert_no_failures, display, files_with_extension, workspace_root};

/// A fenced code block of a Markdown document.
struct Block {
    /// The info string after the opening backticks (`toml`, `toml invalid`, `sh`...).
    info: String,
    /// The 1-based line of the opening fence in the document.
    fence_line: usize,
    /// The block's text (the lines between the fences, each ending in `\n`).
    text: String,
}

/// The documents whose examples are checked: the two READMEs and `docs/*.md`.
fn documents() -> Vec<PathBuf> {
    let root = workspace_root();
    let mut docs = vec![root.join("README.md"), root.join("README.ko.md")];
    docs.extend(files_with_extension(&root.join("docs"), "md"));
    docs
}

/// Every fenced block (```` ``` ```` or `~~~`, three or more) of a Markdown text, in order.
/// A block closes at a line of the same fence character, at least as long, and nothing else.
fn fenced_blocks(markdown: &str) -> Result<Vec<Block>, String> {
    let mut blocks = Vec::new();
    let mut open: Option<(char, usize, Block)> = None;
    for (index, line) in markdown.lines().enumerate() {
        let trimmed = line.trim_start();
        let fence_char = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        let fence_len = fence_char.map_or(0, |c| trimmed.chars().take_while(|x| *x == c).count());
        match &mut open {
            Some((c, len, block)) => {
                if fence_char == Some(*c)
                    && fence_len >= *len
                    && trimmed[fence_len..].trim().is_empty()
                {
                    let (_, _, block) = open.take().expect("an open block");
                    blocks.push(block);
                } else {
                    block.text.push_str(line);
                    block.text.push('\n');
                }
            }
            None if fence_len >= 3 => {
                let c = fence_char.expect("a fence character");
                open = Some((
                    c,
                    fence_len,
                    Block {
                        info: trimmed[fence_len..].trim().to_string(),
                        fence_line: index + 1,
                        text: String::new(),
                    },
                ));
            }
            None => {}
        }
    }
    match open {
        Some((_, _, block)) => Err(format!(
            "the code block opened at line {} is never closed",
            block.fence_line
        )),
        None => Ok(blocks),
    }
}

/// Whether the text has a table header `[name]` on a line of its own (spaces inside the
/// brackets and a trailing comment allowed, as TOML allows them).
fn has_table(text: &str, name: &str) -> bool {
    text.lines().any(|line| {
        let code = line.split('#').next().unwrap_or("");
        let compact: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        compact == format!("[{name}]")
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Scenario,
    Assignment,
}

/// What a block's info string says: `None` for a block that is not TOML; otherwise whether it
/// is marked `fragment` or `invalid`. An unknown word is an error.
fn markers(info: &str) -> Result<Option<(bool, bool)>, String> {
    let mut words = info.split_whitespace();
    if words.next() != Some("toml") {
        return Ok(None);
    }
    let (mut fragment, mut invalid) = (false, false);
    for word in words {
        match word {
            "fragment" => fragment = true,
            "invalid" => invalid = true,
            other => {
                return Err(format!(
                    "unknown marker `{other}` after ```toml (known: `fragment`, `invalid`)"
                ))
            }
        }
    }
    Ok(Some((fragment, invalid)))
}

/// The place of an error in the document: an error in the block's own text is moved to the
/// document's line; one in another file (a library scenario an assignment names) keeps it.
fn place(doc: &str, block: &Block, label: &str, e: &ScenarioError) -> String {
    if e.file == label && e.line > 0 {
        format!("{doc}:{}:{}", block.fence_line + e.line, e.column)
    } else if e.line > 0 {
        format!(
            "{doc}:{} (in {}:{}:{})",
            block.fence_line, e.file, e.line, e.column
        )
    } else {
        format!("{doc}:{} (in {})", block.fence_line, e.file)
    }
}

/// Checks one whole example: every error and warning, each located in the document.
fn check_block(doc: &str, block: &Block, kind: Kind) -> Result<(), Vec<String>> {
    let label = format!("{doc} block at line {}", block.fence_line);
    let (errors, warnings) = match kind {
        Kind::Scenario => match Scenario::from_toml_all(&label, &block.text) {
            Ok(s) => (Vec::new(), s.warnings()),
            Err(errors) => (errors, Vec::new()),
        },
        Kind::Assignment => {
            match Assignment::from_toml_all(&label, &block.text, &virtsim_library::Library) {
                Ok(a) => (Vec::new(), a.warnings().to_vec()),
                Err(errors) => (errors, Vec::new()),
            }
        }
    };
    let what = match kind {
        Kind::Scenario => "scenario",
        Kind::Assignment => "assignment",
    };
    let mut failures: Vec<String> = errors
        .iter()
        .map(|e| {
            format!(
                "{}: error in the ```toml {what} example opening at line {}: {} [{}]",
                place(doc, block, &label, e),
                block.fence_line,
                e.message,
                e.code
            )
        })
        .collect();
    failures.extend(warnings.iter().map(|e| {
        format!(
            "{}: warning in the ```toml {what} example opening at line {}: {} [{}]",
            place(doc, block, &label, e),
            block.fence_line,
            e.message,
            e.code
        )
    }));
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures)
    }
}

/// What the documents hold: the failures, and how many blocks of each sort were seen.
#[derive(Default)]
struct Census {
    failures: Vec<String>,
    checked: Vec<String>,
    invalid: usize,
    fragments: usize,
}

fn census(docs: &[PathBuf]) -> Census {
    let mut c = Census::default();
    for path in docs {
        let doc = display(path);
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                c.failures.push(format!("{doc}: cannot read: {e}"));
                continue;
            }
        };
        let blocks = match fenced_blocks(&text) {
            Ok(blocks) => blocks,
            Err(e) => {
                c.failures.push(format!("{doc}: {e}"));
                continue;
            }
        };
        for block in &blocks {
            let (fragment, invalid) = match markers(&block.info) {
                Ok(Some(m)) => m,
                Ok(None) => continue,
                Err(e) => {
                    c.failures.push(format!("{doc}:{}: {e}", block.fence_line));
                    continue;
                }
            };
            let kind = if has_table(&block.text, "assignment") {
                Some(Kind::Assignment)
            } else if has_table(&block.text, "scenario") {
                Some(Kind::Scenario)
            } else {
                None
            };
            match (kind, fragment, invalid) {
                (_, true, true) => c.failures.push(format!(
                    "{doc}:{}: a block is `fragment` or `invalid`, not both",
                    block.fence_line
                )),
                (None, _, true) => c.failures.push(format!(
                    "{doc}:{}: a ```toml invalid block must be a whole scenario or assignment \
                     (a `[scenario]` or `[assignment]` table), or its mistake cannot be checked",
                    block.fence_line
                )),
                (Some(kind), false, true) => {
                    c.invalid += 1;
                    if check_block(&doc, block, kind).is_ok() {
                        c.failures.push(format!(
                            "{doc}:{}: the ```toml invalid example validates: fix the mistake \
                             it shows back in, or drop the `invalid` marker",
                            block.fence_line
                        ));
                    }
                }
                (None, _, false) | (Some(_), true, false) => c.fragments += 1,
                (Some(kind), false, false) => {
                    c.checked.push(format!("{doc}:{}", block.fence_line));
                    if let Err(failures) = check_block(&doc, block, kind) {
                        c.failures.extend(failures);
                    }
                }
            }
        }
    }
    c
}

#[test]
fn every_whole_toml_example_in_the_docs_validates() {
    let docs = documents();
    let c = census(&docs);
    assert_no_failures("documentation TOML examples", &c.failures);
    // The extraction must find something, or a broken reader would pass vacuously: the
    // scenario format's two complete examples and the Korean guide's own.
    for must in ["docs/scenario-format.md", "README.ko.md"] {
        assert!(
            c.checked
                .iter()
                .any(|place| place.starts_with(&format!("{must}:"))),
            "no whole TOML example found in {must}; checked: {:?}",
            c.checked
        );
    }
    eprintln!(
        "{} whole examples validated ({}), {} fragments skipped, {} invalid examples rejected",
        c.checked.len(),
        c.checked.join(", "),
        c.fragments,
        c.invalid
    );
}

#[test]
fn the_rule_catches_a_broken_example() {
    // A document with a valid scenario, a broken one, a fragment, an invalid example that
    // is really invalid, one that is not, a misspelt marker and a broken assignment.
    let good = workspace_root().join("scenarios/smoke.toml");
    let good = std::fs::read_to_string(&good).expect("smoke.toml");
    assert!(
        good.contains("\ncores = 4\n"),
        "smoke.toml's [host] has changed"
    );
    let broken = good.replacen("\ncores = 4\n", "\ncores = 0\n", 1);
    let doc = format!(
        "# t\n\n```toml\n{good}```\n\n```toml\n{broken}```\n\n```toml fragment\n[scenario]\n```\n\n\
         ```toml invalid\n{broken}```\n\n```toml invalid\n{good}```\n\n```toml fragmnet\n[costs]\n```\n\n\
         ```toml\n{ASSIGNMENT}```\n"
    );
    let dir = std::env::temp_dir().join(format!("virtsim-doc-examples-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("t.md");
    std::fs::write(&path, &doc).expect("write t.md");
    let c = census(std::slice::from_ref(&path));
    std::fs::remove_dir_all(&dir).ok();

    assert_eq!(c.checked.len(), 3, "{:?}", c.checked);
    assert_eq!((c.fragments, c.invalid), (1, 2));
    let text = c.failures.join("\n");
    assert_eq!(c.failures.len(), 4, "{text}");
    // The broken block: its `cores = 0` line, in the document's numbering.
    let second_fence = doc
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("```toml"))
        .nth(1)
        .map(|(i, _)| i + 1)
        .expect("second block");
    let cores_line = doc
        .lines()
        .enumerate()
        .skip(second_fence)
        .find(|(_, l)| *l == "cores = 0")
        .map(|(i, _)| i + 1)
        .expect("cores = 0");
    assert!(
        c.failures[0].contains(&format!("t.md:{cores_line}:9: error in the ```toml scenario example opening at line {second_fence}: host.cores must be between 1 and 1,024")),
        "{text}"
    );
    assert!(
        c.failures[1].contains("the ```toml invalid example validates"),
        "{text}"
    );
    assert!(
        c.failures[2].contains("unknown marker `fragmnet`"),
        "{text}"
    );
    // The assignment's misspelt metric, at its line and column in the document.
    let metric_line = doc
        .lines()
        .position(|l| l == "metric = \"throughputt\"")
        .expect("the metric")
        + 1;
    assert!(
        c.failures[3].contains(&format!(
            "t.md:{metric_line}:10: error in the ```toml assignment example"
        )),
        "{text}"
    );
}

/// An assignment whose question names a metric that does not exist.
const ASSIGNMENT: &str = r#"[assignment]
id = "a"
title = { en = "A", ko = "가" }

[[step]]
id = "s"
title = { en = "S", ko = "사" }
intro = { en = "I", ko = "이" }
scenario = "smoke.toml"

[[step.question]]
id = "q"
kind = "choice"
text = { en = "Q?", ko = "질문?" }
metric = "throughputt"
select = "highest"
"#;

#[test]
fn fences_and_tables_are_read_as_markdown_and_toml_write_them() {
    let blocks = fenced_blocks("a\n````md\n```toml\nx\n```\n````\n~~~toml invalid\ny\n~~~\n")
        .expect("closed");
    assert_eq!(blocks.len(), 2);
    assert_eq!((blocks[0].info.as_str(), blocks[0].fence_line), ("md", 2));
    assert_eq!(blocks[0].text, "```toml\nx\n```\n");
    assert_eq!(
        (blocks[1].info.as_str(), blocks[1].text.as_str()),
        ("toml invalid", "y\n")
    );
    assert!(fenced_blocks("```toml\n[scenario]\n").is_err());

    assert!(has_table("[ scenario ]   # required\n", "scenario"));
    assert!(!has_table("[[scenario]]\n", "scenario"));
    assert!(!has_table(
        "# [scenario]\nname = \"[scenario]\"\n",
        "scenario"
    ));
    assert_eq!(markers("sh").unwrap(), None);
    assert_eq!(markers("toml").unwrap(), Some((false, false)));
    assert_eq!(markers("toml fragment").unwrap(), Some((true, false)));
    assert!(markers("toml broken").is_err());
}

/// docs/assignment-format.md's example of a varied round trip is the part of
/// `tests/fixtures/remote-desktops.toml` it quotes, word for word: the document points to the
/// fixture the tests run instead of keeping a copy of its own that could drift from it.
#[test]
fn the_network_example_is_the_fixtures_own() {
    let root = workspace_root();
    let doc = std::fs::read_to_string(root.join("docs/assignment-format.md")).expect("doc");
    let fixture =
        std::fs::read_to_string(root.join("tests/fixtures/remote-desktops.toml")).expect("fixture");
    let at = doc
        .find("(../tests/fixtures/remote-desktops.toml)")
        .expect("the document links the fixture");
    let blocks = fenced_blocks(&doc[at..]).expect("markdown");
    let block = blocks.first().expect("a block after the link");
    assert_eq!(block.info, "toml fragment");
    assert!(
        block.text.contains("parameter = \"vdi_rtt_ms\""),
        "{}",
        block.text
    );
    assert!(
        fixture.contains(&block.text),
        "docs/assignment-format.md's example is not a part of the fixture:\n{}",
        block.text
    );
}

/// scenario-format.md's table of products names every product the course overview names
/// (its type 1, type 2 and container lists: an instructor missed Parallels Desktop and
/// Podman), each in a row of its kind.
#[test]
fn the_product_table_names_the_course_overviews_products() {
    let doc = std::fs::read_to_string(workspace_root().join("docs/scenario-format.md"))
        .expect("scenario-format.md");
    let rows: Vec<&str> = doc
        .lines()
        .skip_while(|l| !l.starts_with("| product | `kind` |"))
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert!(rows.len() > 5, "no product table: {rows:?}");
    for (product, kind) in [
        ("ESXi", "`type1`"),
        ("Hyper-V", "`type1`"),
        ("Xen", "`type1`"),
        ("KVM", "`type1`"),
        ("VirtualBox", "`type2`"),
        ("VMware Workstation", "`type2`"),
        ("Parallels Desktop", "`type2`"),
        ("Docker", "`container`"),
        ("LXC", "`container`"),
        ("Podman", "`container`"),
    ] {
        assert!(
            rows.iter().any(|r| {
                let cells: Vec<&str> = r.split('|').map(str::trim).collect();
                cells.len() > 2 && cells[1].contains(product) && cells[2] == kind
            }),
            "{product} ({kind}) is not in the product table"
        );
    }
}

/// The assignment docs/assignment-format.md's answers file example is of: `week3`'s step
/// `io-paths`, the library's io-paths.toml with a predict question of its own and one of the
/// scenario's, no `student_seed` and no `[[step.vary]]`, so its `scenario_hash` is every
/// student's (the document says so).
const ANSWERS_EXAMPLE_ASSIGNMENT: &str = r#"
[assignment]
id = "week3"
title = { en = "Week 3", ko = "3주차" }
intro = { en = "I/O paths.", ko = "I/O 경로." }

[[step]]
id = "io-paths"
title = { en = "I/O paths", ko = "I/O 경로" }
intro = { en = "Predict first, then run.", ko = "먼저 예측하고 실행하세요." }
scenario = "io-paths.toml"
scenario_questions = ["most-exits"]

[[step.question]]
id = "predict-slowest"
predict = true
kind = "choice"
text = { en = "Before running: which platform will reach the smallest share of native throughput?", ko = "실행 전에: 네이티브 대비 처리량 비율이 가장 낮을 플랫폼은 어느 것인가요?" }
metric = "relative_performance_percent"
select = "lowest"
"#;

/// The `scenario_hash` in docs/assignment-format.md's answers file is the one `grade`
/// computes for that step (it was left stale once when io-paths.toml changed), its
/// assignment and student are the example's, and its answers name the step's questions.
#[test]
fn the_answers_file_examples_scenario_hash_is_computed() {
    let root = workspace_root();
    let doc = std::fs::read_to_string(root.join("docs/assignment-format.md")).expect("doc");
    let at = doc
        .find("\"format\": \"virtsim-answers/1\"")
        .expect("the document shows an answers file");
    let start = doc[..at].rfind("```json").expect("in a json block");
    let blocks = fenced_blocks(&doc[start..]).expect("markdown");
    let block = blocks.first().expect("the answers file's block");
    // The example is JSON but for its checksum's "..."; read it as JSON.
    let file: serde_json::Value = serde_json::from_str(&block.text).expect("the example is JSON");
    let assignment = Assignment::from_toml(
        "week3.toml",
        ANSWERS_EXAMPLE_ASSIGNMENT,
        &virtsim_library::Library,
    )
    .expect("the example's assignment validates");
    assert_eq!(file["assignment"], assignment.id.as_str());
    let student = file["student"].as_str().expect("a student");
    let steps = file["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 1);
    let step = &steps[0];
    assert_eq!(step["step"], assignment.steps[0].id.as_str());
    let expected = assignment.scenario_hash(0, Some(student));
    assert_eq!(
        step["scenario_hash"].as_str(),
        Some(expected.as_str()),
        "docs/assignment-format.md's example scenario_hash for step `io-paths` is stale: write {expected}"
    );
    // Without a seed of the student's or a varied parameter, every student's hash is this one.
    assert_eq!(assignment.scenario_hash(0, Some("s002")), expected);
    let questions: Vec<&str> = (assignment.steps[0].questions.iter())
        .map(|q| q.id.as_str())
        .collect();
    for answer in step["answers"].as_array().expect("answers") {
        let id = answer["question"].as_str().expect("a question id");
        assert!(
            questions.contains(&id),
            "`{id}` is not a question of the step: {questions:?}"
        );
    }
}
