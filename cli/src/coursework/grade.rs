//! `virtsim grade ASSIGNMENT ANSWERS...`: recomputes every answer for each student's id
//! and prints, per student and question, the answer, the expected answer and whether it
//! is right.
//!
//! Exit codes: 0 every file graded (wrong answers included); 2 the assignment is invalid,
//! or an answers file is not an answers file (not JSON, or not the format); 1 anything
//! else, including a file that could not be graded (tampered with, answers to another
//! scenario version or another assignment) and one graded with problems (an answer to a
//! question the assignment does not have, a numeric answer that is not a number). As for `validate`, every file is reported and
//! the code is the worst one (1 beats 2 beats 0).
//!
//! With `--roster FILE` (one student id a line), every roster student without an answers
//! file is listed (file_status `missing`) and counts as a file not graded (exit 1); a file
//! whose student id is not on the roster is a warning, with the roster id it matches but for
//! letter case. A roster that cannot be read or lists an id twice exits 2 before grading.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Serialize;
use sim_core::assignment::{AnswersFile, Assignment, ComputedAnswers, StudentGrade};

use super::{computed_answers, csv_field, load_assignment, read_text};
use crate::output::{clean, long_value};
use crate::{Failure, Format, Lang};

/// Largest answers file read, bytes.
const MAX_ANSWERS_BYTES: usize = 1024 * 1024;

/// Largest roster file read, bytes.
const MAX_ROSTER_BYTES: usize = 1024 * 1024;

/// A class roster: its file's name and its student ids, in the file's order.
struct Roster {
    file: String,
    ids: Vec<String>,
}

/// Reads a roster: one student id a line (trimmed, as the grader trims ids), blank lines
/// and lines starting with `#` skipped. A file that cannot be read, an id no student can
/// have (`valid_student_id`), an id listed twice, or no id at all is an error (exit 2)
/// naming the file and line.
fn read_roster(path: &Path, lang: Lang) -> Result<Roster, Failure> {
    let file = crate::shown(path);
    let text = read_text(path, lang, MAX_ROSTER_BYTES).map_err(|failure| match failure {
        Failure::Other(e) => Failure::Invalid(match lang {
            Lang::En => format!("roster: {e:#}"),
            Lang::Ko => format!("명단: {e:#}"),
        }),
        other => other,
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut ids: Vec<String> = Vec::new();
    let mut line_of: BTreeMap<String, usize> = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let id = line.trim();
        if id.is_empty() || id.starts_with('#') {
            continue;
        }
        if !sim_core::assignment::valid_student_id(id) {
            let shown = sim_core::assignment::shown_student_id(&crate::output::long_value(id));
            let max = sim_core::assignment::MAX_STUDENT_ID_CHARS;
            return Err(Failure::Invalid(match lang {
                Lang::En => format!(
                    "{file}:{}: `{shown}` cannot be a student id: an id is 1 to {max} characters without control or format characters (U+200B, U+202E, ...)",
                    i + 1
                ),
                Lang::Ko => sim_core::text::particles(&format!(
                    "{file}:{}: `{shown}`은(는) 학번이 될 수 없습니다. 학번은 제어 문자나 서식 문자(U+200B, U+202E 등) 없이 1~{max}자입니다",
                    i + 1
                )),
            }));
        }
        // "2026123456,김철수": a class list's CSV row, not its id column.
        if id.contains([',', '\t', ';']) {
            let (list, id_c) = (clean(&file), clean(id));
            match lang {
                Lang::En => crate::errln!(
                    "warning: {list}:{}: `{id_c}` looks like a row of a table, not an id; a roster has one id a line (export the id column alone)",
                    i + 1
                ),
                Lang::Ko => crate::errln!(
                    "{}",
                    sim_core::text::particles(&format!(
                        "경고: {list}:{}: `{id_c}`은(는) 학번이 아니라 표의 한 행처럼 보입니다. 명단에는 한 줄에 학번 하나만 씁니다(학번 열만 내보내세요)",
                        i + 1
                    ))
                ),
            }
        }
        if let Some(first) = line_of.get(id) {
            return Err(Failure::Invalid(match lang {
                Lang::En => format!(
                    "{file}:{}: student id `{id}` is on the roster twice (first on line {first})",
                    i + 1
                ),
                Lang::Ko => sim_core::text::particles(&format!(
                    "{file}:{}: 학번 `{id}`이(가) 명단에 두 번 있습니다 (처음은 {first}번째 줄)",
                    i + 1
                )),
            }));
        }
        // Two ids of one roster that differ only in letter case are two students to the
        // grader (each has its own variant): most likely a typo in the class list.
        if let Some((other, other_line)) = line_of
            .iter()
            .find(|(other, _)| other.eq_ignore_ascii_case(id))
        {
            let (list, id_c, other_c) = (clean(&file), clean(id), clean(other));
            match lang {
                Lang::En => crate::errln!(
                    "warning: {list}:{}: student id `{id_c}` differs only in letter case from `{other_c}` (line {other_line}); they are two students to the grader, with different variants",
                    i + 1
                ),
                Lang::Ko => crate::errln!(
                    "{}",
                    sim_core::text::particles(&format!(
                        "경고: {list}:{}: 학번 `{id_c}`이(가) `{other_c}`({other_line}번째 줄)와(과) 대소문자만 다릅니다. 채점에서는 서로 다른 학생이며 변형도 다릅니다",
                        i + 1
                    ))
                ),
            }
        }
        line_of.insert(id.to_string(), i + 1);
        ids.push(id.to_string());
    }
    if ids.is_empty() {
        // Graded against no one, every answers file would be off the roster.
        return Err(Failure::Invalid(match lang {
            Lang::En => format!(
                "{file}: the roster lists no student ids (only blank lines and `#` comments); write one id a line"
            ),
            Lang::Ko => format!(
                "{file}: 명단에 학번이 하나도 없습니다 (빈 줄과 `#` 주석뿐입니다). 한 줄에 학번 하나씩 쓰세요"
            ),
        }));
    }
    Ok(Roster { file, ids })
}

/// A roster student without an answers file: an entry of `files` in the JSON, after the
/// files graded.
#[derive(Serialize)]
struct Missing<'a> {
    file: Option<&'a str>,
    student: &'a str,
    file_status: &'static str,
    messages: Vec<sim_core::Text>,
    error: Option<&'a str>,
    points_final: bool,
}

fn no_answers_file() -> sim_core::Text {
    sim_core::Text::new("no answers file", "답안 파일 없음")
}

/// One answers file: graded, or why it could not be read.
#[derive(Serialize)]
struct Graded {
    file: String,
    #[serde(flatten)]
    grade: Option<StudentGrade>,
    /// As the CSV's `file_status` ([`file_status`]).
    file_status: &'static str,
    /// The problems of `grade` in words (English and Korean).
    messages: Vec<sim_core::Text>,
    /// Why the file could not be read as an answers file.
    error: Option<String>,
    /// Whether `points` is the file's total to record: false when the file was not
    /// graded, or when some of its steps are stale (answered against another scenario
    /// version: their points are not counted, and not zero either).
    points_final: bool,
    #[serde(skip)]
    code: u8,
}

/// A graded file's JSON (`file`, [`Graded`] serialized) with the points not given as
/// `null`, not 0, as the CSV leaves them empty and the table shows `-/2`: the file's
/// `points` when they are not a total to record ([`StudentGrade::points_final`]: a file not
/// graded, a stale step), and a row's when it was not graded (a stale step, a file not
/// graded, any row of a file of which nothing was graded). A gradebook reading the JSON
/// then finds a mark to chase, not a zero.
fn json_points_not_given(file: &mut serde_json::Value, grade: &StudentGrade) {
    if !grade.points_final() {
        file["points"] = serde_json::Value::Null;
    }
    let nothing = grade.nothing_graded();
    if let Some(rows) = file["rows"].as_array_mut() {
        for (row, r) in rows.iter_mut().zip(&grade.rows) {
            if nothing
                || matches!(
                    r.verdict,
                    sim_core::assignment::Verdict::Stale | sim_core::assignment::Verdict::NotGraded
                )
            {
                row["points"] = serde_json::Value::Null;
            }
        }
    }
}

/// serde_json's reason in Korean, for the reasons a hand-edited answers file gives (a
/// reviewer read "trailing comma" in a Korean message); another one as serde_json words it.
fn json_reason_ko(what: &str) -> String {
    let eof = |thing: &str| format!("{thing}을(를) 읽는 중에 파일이 끝났습니다");
    match what {
        "trailing comma" => "마지막 항목 뒤에 쉼표가 남았습니다".to_string(),
        "EOF while parsing a value" => sim_core::text::particles(&eof("값")),
        "EOF while parsing an object" => sim_core::text::particles(&eof("객체({ … })")),
        "EOF while parsing a list" => sim_core::text::particles(&eof("배열([ … ])")),
        "EOF while parsing a string" => sim_core::text::particles(&eof("문자열")),
        "expected value" => "값이 와야 할 자리입니다".to_string(),
        "expected `,` or `}`" => "`,`나 `}`가 와야 합니다".to_string(),
        "expected `,` or `]`" => "`,`나 `]`가 와야 합니다".to_string(),
        "expected `:`" => "`:`가 와야 합니다".to_string(),
        "key must be a string" => "키는 따옴표로 감싼 문자열이어야 합니다".to_string(),
        "trailing characters" => "JSON 값 뒤에 다른 글자가 있습니다".to_string(),
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "문자열 안에 제어 문자가 있습니다".to_string()
        }
        other => {
            if let Some(field) = other.strip_prefix("missing field ") {
                return sim_core::text::particles(&format!("필드 {field}이(가) 없습니다"));
            }
            // "unknown field `hello`, expected one of `format`, `assignment`, ..."
            if let Some((field, known)) = other
                .strip_prefix("unknown field ")
                .and_then(|rest| rest.split_once(", expected one of "))
            {
                return sim_core::text::particles(&format!(
                    "알 수 없는 필드 {field}입니다. 쓸 수 있는 필드: {known}"
                ));
            }
            other.to_string()
        }
    }
}

pub fn run(
    assignment: &Path,
    files: &[PathBuf],
    roster: Option<&Path>,
    format: Format,
    byte_order_mark: bool,
    lang: Lang,
) -> Result<(), Failure> {
    let a = load_assignment(assignment, lang)?;
    // Read before any step runs: a bad roster stops the grading.
    let roster = roster.map(|path| read_roster(path, lang)).transpose()?;
    // Answers by step variant: students who share a variant share a run.
    let mut computed = ComputedAnswers::new();
    let mut graded = Vec::new();
    for path in files {
        // The file as given (the JSON and CSV outputs' `file`), and as messages show it.
        let file = path.display().to_string();
        let shown = crate::shown(path);
        let parsed = read_text(path, lang, MAX_ANSWERS_BYTES).and_then(|text| {
            // A byte-order mark (some editors write one) is not part of the JSON.
            let json = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let invalid = |line: usize, column: usize, what: &str| {
                Failure::Invalid(match lang {
                    Lang::En => format!(
                        "{shown}:{line}:{column}: not an answers file ({}): {what}",
                        sim_core::assignment::ANSWERS_FORMAT
                    ),
                    Lang::Ko => format!(
                        "{shown}:{line}:{column}: 답안 파일({})이 아닙니다: {what}",
                        sim_core::assignment::ANSWERS_FORMAT
                    ),
                })
            };
            // A class roster given where answers files go (`--roster` forgotten): said so,
            // not "a value expected here" at its first id (a reviewer).
            if let Some((line, column)) = looks_like_roster(json) {
                let what = match lang {
                    Lang::En => format!(
                        "this looks like a class roster (one student id a line): give it with `--roster {shown}`, and the students' answers files (.json) as the other arguments"
                    ),
                    Lang::Ko => sim_core::text::particles(&format!(
                        "한 줄에 학번 하나씩인 수강생 명단으로 보입니다. 명단은 `--roster {shown}`(으)로 주고, 다른 인자로는 학생들의 답안 파일(.json)을 주세요"
                    )),
                };
                return Err(invalid(line, column, &what));
            }
            // An array (of five values: serde would read it as the object's fields in
            // order), a number...: not the one object an answers file is.
            if let Some((line, column, what)) = not_an_object(json, lang) {
                return Err(invalid(line, column, &what));
            }
            serde_json::from_str::<AnswersFile>(json).map_err(|e| {
                // The position goes in front, once; serde_json counts an empty or cut-off
                // file's end as column 0.
                let (line, column) = (e.line().max(1), e.column().max(1));
                let what = e.to_string();
                let what = what
                    .rsplit_once(" at line ")
                    .map_or(what.as_str(), |(m, _)| m);
                let what = match lang {
                    Lang::En => what.to_string(),
                    Lang::Ko => json_reason_ko(what),
                };
                let what = format!("{what}{}", answers_mistake(json, lang, e.classify()));
                invalid(line, column, &what)
            })
        });
        let answers = match parsed {
            Ok(answers) => answers,
            Err(failure) => {
                let (code, error) = match failure {
                    Failure::Invalid(m) => (2, m),
                    Failure::Other(e) => (1, format!("{e:#}")),
                    Failure::Reported(c) => (c, String::new()),
                };
                graded.push(Graded {
                    file,
                    grade: None,
                    file_status: "unreadable",
                    messages: Vec::new(),
                    error: Some(error),
                    points_final: false,
                    code,
                });
                continue;
            }
        };
        // Each step variant runs once, for the first student who has it; a file that
        // cannot be graded at all is not run.
        let grade = a.grade_file_with(&answers, &mut computed, |step, student| {
            computed_answers(&a, step, Some(student), lang)
        })?;
        graded.push(Graded {
            file,
            file_status: file_status(&grade),
            messages: grade.problems.iter().map(|p| p.text()).collect(),
            points_final: grade.points_final(),
            code: if grade.clean() { 0 } else { 1 },
            grade: Some(grade),
            error: None,
        });
    }
    let code = match lang {
        Lang::En => "en",
        Lang::Ko => "ko",
    };
    // The roster's students without a file read as an answers file, in roster order.
    let missing: Vec<&str> = roster.as_ref().map_or_else(Vec::new, |r| {
        r.ids
            .iter()
            .map(String::as_str)
            .filter(|id| {
                !graded
                    .iter()
                    .any(|g| g.grade.as_ref().is_some_and(|gr| gr.student.trim() == *id))
            })
            .collect()
    });
    let out = match format {
        Format::Table => table(&a, &graded, &missing, code),
        Format::Csv => csv(&graded, &missing, code),
        Format::Json | Format::Jsonl => {
            let mut files = serde_json::to_value(&graded).context("serializing grades")?;
            if let Some(files) = files.as_array_mut() {
                for (file, g) in files.iter_mut().zip(&graded) {
                    if let Some(grade) = &g.grade {
                        json_points_not_given(file, grade);
                    }
                }
                for student in &missing {
                    files.push(
                        serde_json::to_value(Missing {
                            file: None,
                            student,
                            file_status: "missing",
                            messages: vec![no_answers_file()],
                            error: None,
                            points_final: false,
                        })
                        .context("serializing grades")?,
                    );
                }
            }
            let out = serde_json::json!({
                "assignment": a.id,
                "max_points": a.max_points(),
                "files": files,
            });
            serde_json::to_string_pretty(&out).context("serializing grades")? + "\n"
        }
    };
    // Excel reads a CSV as UTF-8 only when it starts with a byte-order mark.
    let bom = if byte_order_mark { "\u{feff}" } else { "" };
    crate::out!("{bom}{out}")?;
    // For CSV and JSON, what could not be graded is also said on stderr.
    if !matches!(format, Format::Table) {
        for g in &graded {
            if let Some(e) = &g.error {
                crate::errln!("{}", clean(e));
            }
            for m in &g.messages {
                crate::errln!("{}: {}", clean(&g.file), clean(m.get(code)));
            }
        }
        for student in &missing {
            crate::errln!(
                "{}: {}",
                clean(&long_value(student)),
                no_answers_file().get(code)
            );
        }
    }
    warn_shared_students(&graded, lang);
    match &roster {
        Some(roster) => warn_off_roster(&graded, roster, lang),
        None => warn_case_only(&graded, lang),
    }
    // A roster student without a file is as a file not graded: exit 1.
    let codes = graded
        .iter()
        .map(|g| g.code)
        .chain(missing.iter().map(|_| 1));
    let worst = codes.fold(0u8, |worst, code| match (worst, code) {
        (1, _) | (_, 1) => 1,
        (a, b) => a.max(b),
    });
    if worst == 0 {
        Ok(())
    } else {
        Err(Failure::Reported(worst))
    }
}

/// Warns on stderr about answers files that share a student id (trimmed, as the variant
/// uses it): a copied file or a student who handed in twice. Every file is still graded.
fn warn_shared_students(graded: &[Graded], lang: Lang) {
    let mut files_of: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for g in graded {
        // A blank id is reported on its own file already.
        if let Some(grade) = g.grade.as_ref().filter(|gr| !gr.student.trim().is_empty()) {
            files_of
                .entry(grade.student.trim())
                .or_default()
                .push(&g.file);
        }
    }
    for (student, files) in files_of.iter().filter(|(_, files)| files.len() > 1) {
        let list = files.join(", ");
        match lang {
            Lang::En => crate::errln!(
                "warning: {} answers files have student id `{}`: {} (each is graded)",
                files.len(),
                clean(&long_value(student)),
                clean(&list)
            ),
            Lang::Ko => crate::errln!(
                "{}",
                sim_core::text::particles(&format!(
                    "경고: 답안 파일 {}개의 학번이 `{}`(으)로 같습니다: {} (모두 채점합니다)",
                    files.len(),
                    clean(&long_value(student)),
                    clean(&list)
                ))
            ),
        }
    }
}

/// Warns on stderr about each answers file whose student id (trimmed) is not on the
/// roster, with the roster ids it matches but for ASCII letter case: most likely a typo.
/// The file is still graded.
fn warn_off_roster(graded: &[Graded], roster: &Roster, lang: Lang) {
    for g in graded {
        let Some(grade) = g.grade.as_ref() else {
            continue;
        };
        let student = grade.student.trim();
        // A blank id is reported on its own file already.
        if student.is_empty() || roster.ids.iter().any(|id| id == student) {
            continue;
        }
        let like: Vec<&str> = roster
            .ids
            .iter()
            .filter(|id| id.eq_ignore_ascii_case(student))
            .map(String::as_str)
            .collect();
        let (file, student, list) = (
            clean(&g.file),
            clean(&long_value(student)),
            clean(&roster.file),
        );
        match lang {
            Lang::En => {
                let hint = if like.is_empty() {
                    String::new()
                } else {
                    format!("; did you mean {}?", clean(&like.join(" or ")))
                };
                crate::errln!(
                    "warning: {file}: student id `{student}` is not on the roster {list} (graded as typed){hint}"
                );
            }
            Lang::Ko => {
                let hint = if like.is_empty() {
                    String::new()
                } else {
                    format!(". 혹시 {}인가요?", clean(&like.join(" 또는 ")))
                };
                crate::errln!(
                    "{}",
                    sim_core::text::particles(&format!(
                        "경고: {file}: 학번 `{student}`이(가) 명단 {list}에 없습니다 (입력한 그대로 채점합니다){hint}"
                    ))
                );
            }
        }
    }
}

/// Warns on stderr about answers files whose student ids (trimmed) differ only in ASCII
/// letter case (`S001`, `s001`): graded as different students, with different variants,
/// which is most likely a typo. Without a roster only.
fn warn_case_only(graded: &[Graded], lang: Lang) {
    // Per id in lower case: each id as typed (trimmed), with its files.
    let mut ids_of: BTreeMap<String, BTreeMap<&str, Vec<&str>>> = BTreeMap::new();
    for g in graded {
        if let Some(grade) = g.grade.as_ref().filter(|gr| !gr.student.trim().is_empty()) {
            let student = grade.student.trim();
            ids_of
                .entry(student.to_ascii_lowercase())
                .or_default()
                .entry(student)
                .or_default()
                .push(&g.file);
        }
    }
    for ids in ids_of.values().filter(|ids| ids.len() > 1) {
        let list = ids
            .iter()
            .map(|(id, files)| format!("`{}` ({})", clean(id), clean(&files.join(", "))))
            .collect::<Vec<_>>()
            .join(", ");
        match lang {
            Lang::En => crate::errln!(
                "warning: student ids differ only in letter case: {list}; they are graded as different students, with different variants (a typo? --roster checks ids against the class list)"
            ),
            Lang::Ko => crate::errln!(
                "경고: 학번이 대소문자만 다릅니다: {list}. 서로 다른 학생으로, 다른 변형으로 채점합니다 (오타인가요? --roster로 수강생 명단과 맞춰 볼 수 있습니다)"
            ),
        }
    }
}

fn table(a: &Assignment, graded: &[Graded], missing: &[&str], lang: &str) -> String {
    let ko = lang == "ko";
    let mut out = String::new();
    // Whether an answer was cut to `MAX_ANSWER_WIDTH` in the table.
    let mut any_cut = false;
    let files = match (ko, graded.len()) {
        (true, n) => format!("답안 파일 {n}개"),
        (false, 1) => "1 answers file".to_string(),
        (false, n) => format!("{n} answers files"),
    };
    let _ = writeln!(
        out,
        "{} ({}): {files}",
        clean(a.title.get(lang)),
        clean(&a.id),
    );
    let labelled = platform_labels(a, lang);
    for g in graded {
        out.push('\n');
        let Some(grade) = &g.grade else {
            // The error names the file.
            let _ = writeln!(out, "{}", clean(g.error.as_deref().unwrap_or("")));
            continue;
        };
        if grade.problems.iter().any(|p| p.blocks_file()) {
            // Not a zero: the file was not graded (the reason follows).
            let _ = writeln!(
                out,
                "{} ({}): {}",
                clean(&long_value(&grade.student)),
                clean(&g.file),
                if ko {
                    "채점하지 않음"
                } else {
                    "not graded"
                }
            );
        } else if grade.nothing_graded() {
            // Every answer stale: no score, not "0/12 points" (a reviewer), nor a partial one.
            let n = grade.stale_points();
            let _ = writeln!(
                out,
                "{} ({}): {}",
                clean(&long_value(&grade.student)),
                clean(&g.file),
                if ko {
                    format!("채점하지 않음: 답이 모두 다른 시나리오 버전(또는 다른 학생의 변형)에 대한 것이라 하나도 채점할 수 없습니다(그 질문들 {n}점). 현재 버전으로 다시 답하게 하세요")
                } else {
                    format!(
                        "not graded: every answer was given against another scenario version (or another student's variant), so none could be graded (questions worth {n} {}); have the student answer the current version",
                        if n == 1 { "point" } else { "points" }
                    )
                }
            );
        } else {
            // "6/6점" in Korean, "6/6 points"; with stale steps, plainly not a total.
            let points = if ko {
                format!("{}/{}점", grade.points, grade.max_points)
            } else {
                format!("{}/{} points", grade.points, grade.max_points)
            };
            let stale = grade.stale_points();
            let not_final = match (stale, ko) {
                (0, _) => String::new(),
                (n, false) => format!(
                    ", NOT FINAL: {n} {} of stale steps not graded (answered against another scenario version)",
                    if n == 1 { "point" } else { "points" }
                ),
                (n, true) => format!(
                    ", 최종 점수 아님: 다른 시나리오 버전으로 답한 단계의 {n}점은 채점하지 않음"
                ),
            };
            let _ = writeln!(
                out,
                "{} ({}): {points}{not_final}",
                clean(&long_value(&grade.student)),
                clean(&g.file),
            );
        }
        for m in &g.messages {
            let _ = writeln!(out, "  ! {}", clean(m.get(lang)));
        }
        let header = if ko {
            ["단계", "질문", "답", "계산된 정답", "판정", "점수"]
        } else {
            [
                "step", "question", "answer", "expected", "verdict", "points",
            ]
        };
        // A file not graded (another assignment's, a checksum that does not match): its
        // rows are not zeros either (a reviewer read "0/2" as a mark).
        let file_not_graded =
            grade.problems.iter().any(|p| p.blocks_file()) || grade.nothing_graded();
        let rows: Vec<[String; 6]> = grade
            .rows
            .iter()
            .map(|r| {
                [
                    clean(&r.step),
                    clean(&r.question) + if r.predicted { "*" } else { "" },
                    // A unit slip shows: "5초 (= 5000000 µs)". A long answer is cut, so
                    // that it does not widen every row (a note says so under the table).
                    {
                        let (answer, cut) =
                            cut_to_width(&clean(r.answer.as_deref().unwrap_or("-")));
                        any_cut |= cut;
                        match &r.read_as {
                            Some(read) => format!("{answer} (= {})", clean(read)),
                            None => labelled(&r.step, &r.question, answer),
                        }
                    },
                    // As `virtsim answers` prints it (in the table's language), a choice
                    // with its platform's label.
                    match &r.expected_shown {
                        Some(shown) => labelled(&r.step, &r.question, clean(shown.get(lang))),
                        None => clean(&r.expected),
                    },
                    r.verdict.text().get(lang).to_string(),
                    // A stale or not-graded row is not a zero (as in the CSV, whose points
                    // are then empty).
                    if file_not_graded
                        || matches!(
                            r.verdict,
                            sim_core::assignment::Verdict::Stale
                                | sim_core::assignment::Verdict::NotGraded
                        )
                    {
                        format!("-/{}", r.max_points)
                    } else {
                        format!("{}/{}", r.points, r.max_points)
                    },
                ]
            })
            .collect();
        let widths: Vec<usize> = (0..6)
            .map(|i| {
                rows.iter()
                    .map(|r| display_width(&r[i]))
                    .chain([display_width(header[i])])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |cells: Vec<&str>| {
            let mut s = String::from("  ");
            for (i, c) in cells.iter().enumerate() {
                s.push_str(c);
                if i + 1 < cells.len() {
                    s.push_str(&" ".repeat(widths[i] - display_width(c) + 2));
                }
            }
            s
        };
        let _ = writeln!(out, "{}", line(header.to_vec()));
        for r in &rows {
            let _ = writeln!(out, "{}", line(r.iter().map(String::as_str).collect()));
        }
    }
    // The roster's students who handed in nothing, after the files.
    if !missing.is_empty() {
        out.push('\n');
    }
    for student in missing {
        let _ = writeln!(
            out,
            "{}: {}",
            clean(&long_value(student)),
            no_answers_file().get(lang)
        );
    }
    if any_cut {
        let _ = writeln!(
            out,
            "\n… {}",
            if ko {
                format!("화면 너비 {MAX_ANSWER_WIDTH}칸보다 긴 답은 표에서 잘랐습니다. --format csv나 json에는 답 전체가 있습니다")
            } else {
                format!("answers wider than {MAX_ANSWER_WIDTH} columns are cut in this table; --format csv or json has them whole")
            }
        );
    }
    if graded.iter().any(|g| {
        g.grade
            .as_ref()
            .is_some_and(|gr| gr.rows.iter().any(|r| r.predicted))
    }) {
        let _ = writeln!(
            out,
            "\n* {}",
            if ko {
                "실행 전에 예측한 답"
            } else {
                "predicted before the run"
            }
        );
    }
    out
}

fn display_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// A choice question's answer with its platform's label beside the id, as the page showed
/// the student the options ("hw (전가상화 (하드웨어 지원))"): a function of the step id,
/// the question id and the answer as the table shows it. Another answer (a number, a
/// platform without a label, one the step's scenario does not have) stays as it is. The
/// labels are the step's scenario's as the assignment writes it (a variant changes
/// settings, not labels).
fn platform_labels<'a>(
    a: &Assignment,
    lang: &'a str,
) -> impl Fn(&str, &str, String) -> String + 'a {
    let scenarios: Vec<(String, Option<sim_core::Scenario>)> = (0..a.steps.len())
        .map(|i| (a.steps[i].id.clone(), a.step_scenario(i, None).ok()))
        .collect();
    move |step: &str, question: &str, answer: String| {
        let Some(scenario) = scenarios
            .iter()
            .find(|(id, _)| id == step)
            .and_then(|(_, s)| s.as_ref())
        else {
            return answer;
        };
        let choice = scenario
            .questions
            .iter()
            .any(|q| q.id == question && q.kind == sim_core::QuestionKind::Choice);
        let label = scenario
            .platforms
            .iter()
            .find(|p| clean(&p.name) == answer)
            .and_then(|p| p.label.as_ref());
        match label {
            Some(label) if choice => format!("{answer} ({})", clean(label.get(lang))),
            _ => answer,
        }
    }
}

/// The widest answer `grade`'s table shows whole, in terminal columns (a Hangul syllable
/// takes two): a longer one is cut, with `…`.
const MAX_ANSWER_WIDTH: usize = 40;

/// `text` cut to [`MAX_ANSWER_WIDTH`] columns, its last one an ellipsis, and whether it was
/// cut: a 100 000-character answer widened every row of the table (a reviewer).
fn cut_to_width(text: &str) -> (String, bool) {
    if display_width(text) <= MAX_ANSWER_WIDTH {
        return (text.to_string(), false);
    }
    let mut cut = String::new();
    let mut width = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if width + w > MAX_ANSWER_WIDTH - 1 {
            break;
        }
        width += w;
        cut.push(c);
    }
    cut.push('…');
    (cut, true)
}

/// A graded file's status, as the CSV's `file_status` and the JSON's: `graded` (its total is
/// the one to record), `graded_with_problems` (so is its total, with problems to read),
/// `partly_graded` (some answers stale: a total without them), `stale` (every answer stale:
/// nothing graded, [`StudentGrade::nothing_graded`]) or `not_graded` (a problem blocks it).
fn file_status(grade: &StudentGrade) -> &'static str {
    if grade.problems.iter().any(|p| p.blocks_file()) {
        "not_graded"
    } else if grade.nothing_graded() {
        "stale"
    } else if grade.stale_points() > 0 {
        // Some steps not graded: the total is not one to import.
        "partly_graded"
    } else if grade.clean() {
        "graded"
    } else {
        "graded_with_problems"
    }
}

fn csv(graded: &[Graded], missing: &[&str], lang: &str) -> String {
    // One row per question; the last three columns are the file's: its total (empty when
    // it was not graded), its status (a code, in English) and, when not clean, why (in
    // `lang`, as `--lang` says it: a Korean instructor's spreadsheet read English notes
    // beside Korean answers). A file that
    // could not be read gets one row with its status and error; a roster student without
    // a file, one row with no file and the status `missing`, after the files.
    let mut out = String::from(
        "file,student,step,question,answer,expected,verdict,points,max_points,predicted,file_points,file_status,file_note\n",
    );
    for g in graded {
        let Some(grade) = &g.grade else {
            let _ = writeln!(
                out,
                "{},,,,,,,,,,,unreadable,{}",
                csv_field(&g.file),
                csv_field(g.error.as_deref().unwrap_or(""))
            );
            continue;
        };
        let status = file_status(grade);
        let nothing = grade.nothing_graded();
        let total = if grade.points_final() {
            grade.points.to_string()
        } else {
            String::new()
        };
        let note: Vec<String> = g.messages.iter().map(|m| m.get(lang).to_string()).collect();
        for r in &grade.rows {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{},{},{},{}",
                csv_field(&g.file),
                csv_field(&grade.student),
                csv_field(&r.step),
                csv_field(&r.question),
                csv_field(r.answer.as_deref().unwrap_or("")),
                // No answer computed (a file not graded): empty, not a `-` that a
                // spreadsheet guard would print as `'-`.
                if r.expected == "-" {
                    String::new()
                } else {
                    csv_field(&r.expected)
                },
                r.verdict.name(),
                // Points not given (a stale step, a file not graded, any row of a file of
                // which nothing was graded) are empty, not 0: a column summed in a
                // spreadsheet skips them instead of counting zeros.
                if nothing
                    || matches!(
                        r.verdict,
                        sim_core::assignment::Verdict::Stale
                            | sim_core::assignment::Verdict::NotGraded
                    )
                {
                    String::new()
                } else {
                    r.points.to_string()
                },
                r.max_points,
                r.predicted,
                total,
                status,
                csv_field(&note.join("; "))
            );
        }
    }
    for student in missing {
        let _ = writeln!(
            out,
            ",{},,,,,,,,,,missing,{}",
            csv_field(student),
            csv_field(no_answers_file().get(lang))
        );
    }
    out
}

/// What an answers file is, after "but" or "이지만" in a message.
const ANSWERS_SHAPE_EN: &str = "an answers file is one object {\"format\": \"virtsim-answers/1\", \"assignment\": ..., \"student\": ..., \"steps\": [...], \"checksum\": ...}, downloaded on the assignment's last page (Download my answers)";
const ANSWERS_SHAPE_KO: &str = "답안 파일은 객체 하나 {\"format\": \"virtsim-answers/1\", \"assignment\": ..., \"student\": ..., \"steps\": [...], \"checksum\": ...}이며 과제의 마지막 페이지에서 내려받습니다(답안 파일 내려받기)";

/// What a file handed in instead of an answers file most likely is: the assignment itself
/// (the arguments swapped, or a TOML file), the page's results export, a file cut off
/// before its JSON ends, text that is not JSON, or JSON of another shape.
fn answers_mistake(text: &str, lang: Lang, category: serde_json::error::Category) -> String {
    use serde_json::error::Category;
    let start = text.trim_start();
    let toml = looks_like_toml(start);
    let results =
        start.starts_with('{') && text.contains("\"scenario\"") && text.contains("\"platforms\"");
    let (en, ko) = match (toml, results, category) {
        (true, _, _) => return match lang {
            Lang::En => "; this looks like a TOML file (an assignment or a scenario): give the assignment first, then the students' answers files (.json)".into(),
            Lang::Ko => "; TOML 파일(과제나 시나리오)로 보입니다: 과제 파일을 먼저, 그다음 학생들의 답안 파일(.json)을 주세요".into(),
        },
        (_, true, _) => return match lang {
            Lang::En => "; this is the page's results export (Export JSON): the student downloads the answers file on the assignment's last page (Download my answers)".into(),
            Lang::Ko => "; 페이지의 결과 내보내기(JSON 내보내기) 파일입니다: 답안 파일은 과제의 마지막 페이지에서 내려받습니다(답안 파일 내려받기)".into(),
        },
        _ if start.is_empty() => ("the file is empty", "파일이 비어 있습니다"),
        (_, _, Category::Eof) => (
            "the file ends before its JSON does (cut off when it was copied or saved?)",
            "JSON이 끝나기 전에 파일이 끝납니다 (복사하거나 저장할 때 잘렸나요?)",
        ),
        (_, _, Category::Syntax | Category::Io) => ("this is not valid JSON", "올바른 JSON이 아닙니다"),
        (_, _, Category::Data) => (
            "this is JSON, but not an answers file",
            "JSON이지만 답안 파일이 아닙니다",
        ),
    };
    match lang {
        Lang::En => format!("; {en}: {ANSWERS_SHAPE_EN}"),
        Lang::Ko => format!("; {ko}: {ANSWERS_SHAPE_KO}"),
    }
}

/// JSON that is not an object (an array, a string, a number, true, false, null): where it
/// starts and what it is against what an answers file is. `None` for an object, for text
/// that is not JSON at its start, and for TOML (`[assignment]` starts like an array).
fn not_an_object(text: &str, lang: Lang) -> Option<(usize, usize, String)> {
    let start = text.trim_start();
    if looks_like_toml(start) {
        return None;
    }
    let literal = |word: &str| start.starts_with(word);
    let (en, ko) = match start.chars().next()? {
        '[' => ("an array", "배열"),
        '"' => ("a string", "문자열"),
        '-' | '0'..='9' => ("a number", "수"),
        _ if literal("true") || literal("false") => ("true or false", "참/거짓 값"),
        _ if literal("null") => ("null", "null"),
        _ => return None,
    };
    let before = &text[..text.len() - start.len()];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    let what = match lang {
        Lang::En => format!("this is JSON, but {en}, not an object: {ANSWERS_SHAPE_EN}"),
        Lang::Ko => format!("JSON이지만 객체가 아니라 {ko}입니다: {ANSWERS_SHAPE_KO}"),
    };
    Some((line, column, what))
}

/// Where a text's first student id is (line, column), when the text reads as a class roster
/// (`--roster`'s file) rather than an answers file: one id a line, each a single word
/// (letters, digits, `-`, `_`, `.`, `@`) with a digit, blank lines and `#` comments
/// skipped, at least one id, and not JSON: a number alone (`42`) is said to be JSON that is no object.
fn looks_like_roster(text: &str) -> Option<(usize, usize)> {
    if serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() {
        return None;
    }
    let mut first = None;
    for (i, line) in text.lines().enumerate() {
        let id = line.trim();
        if id.is_empty() || id.starts_with('#') {
            continue;
        }
        let word = id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@'));
        // A student id has a digit ("s001", "2024001"): a word alone ("hello") is text
        // that is not JSON.
        if !word
            || !id.chars().any(|c| c.is_ascii_digit())
            || !sim_core::assignment::valid_student_id(id)
        {
            return None;
        }
        first.get_or_insert((
            i + 1,
            line.chars().take_while(|c| c.is_whitespace()).count() + 1,
        ));
    }
    first
}

/// Whether a text (its start trimmed) reads as TOML rather than JSON: its first line that
/// is not blank is a comment, a `key = value`, or a table header `[a.b]` / `[[a]]` (a key
/// after the brackets, not a value: `[[[1]]]`, `[{`, `["a", 1]` are JSON). A text that is
/// JSON is not TOML, although a JSON array of one string or number (`["a"]`, `[1]`,
/// `[[1]]`) is also a TOML table header with a quoted or bare key.
fn looks_like_toml(start: &str) -> bool {
    let Some(line) = start.lines().map(str::trim).find(|l| !l.is_empty()) else {
        return false;
    };
    if serde_json::from_str::<serde::de::IgnoredAny>(start).is_ok() {
        return false;
    }
    if line.starts_with('#') {
        return true;
    }
    let bare = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    let key = |k: &str| {
        let k = k.trim();
        !k.is_empty()
            && k.split('.').all(|part| {
                let part = part.trim();
                (!part.is_empty() && part.chars().all(bare))
                    || (part.len() >= 2 && part.starts_with('"') && part.ends_with('"'))
            })
    };
    if let Some(inner) = line.strip_prefix("[[") {
        return inner.split_once("]]").is_some_and(|(k, rest)| {
            key(k) && (rest.trim().is_empty() || rest.trim().starts_with('#'))
        });
    }
    if let Some(inner) = line.strip_prefix('[') {
        return inner.split_once(']').is_some_and(|(k, rest)| {
            key(k) && (rest.trim().is_empty() || rest.trim().starts_with('#'))
        });
    }
    line.split_once('=').is_some_and(|(k, _)| key(k))
}

#[cfg(test)]
mod tests {
    use super::{looks_like_roster, looks_like_toml};

    #[test]
    fn a_roster_is_told_from_an_answers_file() {
        assert_eq!(
            looks_like_roster("# 3주차 명단\n2024001\n2024002\n\n"),
            Some((2, 1))
        );
        assert_eq!(looks_like_roster("  s001\r\nkim.c@uni2\n"), Some((1, 3)));
        assert_eq!(looks_like_roster("# one student\n2024001"), Some((2, 1)));
        assert_eq!(looks_like_roster("s001\nS002\n"), Some((1, 1)));
        for not in [
            "",
            "# only a comment\n",
            "{\"format\": \"virtsim-answers/1\"}",
            "[1, 2]",
            "2024001,김철수\n",
            "s001 s002\n",
            "null",
            "true",
            "hello",
            "김철수\n이영희",
            "2024001",
            "\n 42",
            "[assignment]\nid = \"a\"",
        ] {
            assert_eq!(looks_like_roster(not), None, "{not:?}");
        }
    }

    #[test]
    fn toml_is_told_from_json() {
        for toml in [
            "# an assignment\n[assignment]\nid = \"a\"",
            "[assignment]\nid = \"a\"",
            "[[step]]\nscenario = \"s.toml\"",
            "id = \"a\"",
            "a.b = 1",
            "[\"quoted key\"]\nx = 1",
            "[1]\nx = 1",
            "[a] # a comment\nx = 1",
        ] {
            assert!(looks_like_toml(toml), "{toml:?}");
        }
        for json in [
            "[\"a\"]",
            "[1]",
            "[[1]]",
            "[\"a\"]\n",
            "[\n  \"a\"\n]",
            "[\"a\", 1]",
            "[[[1]]]",
            "[{\"x\": 1}]",
            "{\"format\": \"virtsim-answers/1\"}",
            "",
        ] {
            assert!(!looks_like_toml(json), "{json:?}");
        }
    }
}
