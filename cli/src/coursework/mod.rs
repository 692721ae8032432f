//! Coursework commands: `answers` (the computed answers, OSTEP's `-c` habit), `grade`
//! (recompute every student's answers and compare), `new` (commented templates); an
//! assignment's library steps resolved in the scenario library built into the binary
//! (`virtsim_library`).

pub mod answers;
pub mod grade;
pub mod seeds;
pub mod template;

use std::path::Path;

use sim_core::assignment::{Assignment, MAX_ASSIGNMENT_BYTES};
use sim_core::{QuestionAnswer, RunOptions};

use crate::{Failure, Lang};

/// Whether a TOML text is an assignment (it has an `[assignment]` table) rather than a
/// scenario ([`sim_core::assignment::is_assignment_text`]).
pub fn is_assignment(text: &str) -> bool {
    sim_core::assignment::is_assignment_text(text)
}

/// A file longer than `limit` bytes.
pub fn too_large(path: &Path, lang: Lang, limit: usize) -> Failure {
    Failure::Invalid(match lang {
        Lang::En => format!(
            "{}:1:1: file is more than {limit} bytes; at most {limit} bytes are accepted",
            crate::shown(path)
        ),
        Lang::Ko => format!(
            "{}:1:1: 파일이 {limit}바이트보다 큽니다. 최대 {limit}바이트까지 받습니다",
            crate::shown(path)
        ),
    })
}

/// The file's text, read only if it is at most `limit` bytes (`read_bounded` in files.rs)
/// and UTF-8.
pub fn read_text(path: &Path, lang: Lang, limit: usize) -> Result<String, Failure> {
    let bytes = crate::read_bounded(path, lang, limit, |_| too_large(path, lang, limit))?;
    crate::utf8(path, bytes, lang)
}

/// The CLI's resolver of an assignment step's `scenario`: the scenario library built in,
/// else a scenario file at that path relative to the assignment file's folder (the page
/// has the library only: such an assignment is for the CLI until the scenario is
/// embedded with `scenario_toml`, which [`warn_files`] says).
pub struct Resolver {
    /// The assignment file's folder (empty: the working directory).
    dir: std::path::PathBuf,
}

impl Resolver {
    /// The resolver of the assignment file at `path`.
    pub fn beside(path: &Path) -> Resolver {
        Resolver {
            dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        }
    }

    /// Whether the library lacks `name` (a step's `scenario` is then a file's path).
    fn is_file(name: &str) -> bool {
        virtsim_library::scenario(name).is_none()
    }
}

impl sim_core::assignment::Library for Resolver {
    fn scenario(&self, name: &str) -> Option<String> {
        virtsim_library::Library.scenario(name).or_else(|| {
            // A scenario file: bounded as `run` reads one.
            let path = self.dir.join(name);
            let limit = sim_core::scenario::MAX_FILE_BYTES;
            let bytes = crate::read_bounded(&path, Lang::En, limit, |_| {
                Failure::Other(anyhow::anyhow!("too large"))
            })
            .ok()?;
            String::from_utf8(bytes).ok()
        })
    }

    fn names(&self) -> Vec<String> {
        virtsim_library::Library.names()
    }

    fn reads_paths(&self) -> bool {
        true
    }

    fn unreadable(&self, name: &str) -> Option<sim_core::assignment::Unreadable> {
        use sim_core::assignment::Unreadable;
        if !Self::is_file(name) {
            return None;
        }
        let path = self.dir.join(name);
        let meta = std::fs::metadata(&path).ok()?;
        if meta.is_dir() {
            return Some(Unreadable::Directory);
        }
        if meta.len() > sim_core::scenario::MAX_FILE_BYTES as u64 {
            return Some(Unreadable::TooLarge(meta.len()));
        }
        let bytes = std::fs::read(&path).ok()?;
        std::str::from_utf8(&bytes)
            .is_err()
            .then_some(Unreadable::NotUtf8)
    }

    fn file_label(&self, name: &str) -> String {
        if Self::is_file(name) {
            crate::shown(&self.dir.join(name))
        } else {
            name.to_string()
        }
    }
}

/// Warns on stderr of each step whose `scenario` is read from a file rather than the
/// library ([`Resolver`]): the page cannot read it, so the assignment does not open there
/// until the scenario is embedded.
pub fn warn_files(a: &Assignment, lang: Lang) {
    let path = Path::new(&a.file_name);
    for (index, step) in a.steps.iter().enumerate() {
        let sim_core::assignment::StepSource::Library(name) = &step.source else {
            continue;
        };
        if !Resolver::is_file(name) {
            continue;
        }
        // FILE:LINE:COLUMN, at the step's scenario = "...", as other warnings are.
        let place = a
            .step_scenario_place(index)
            .map_or(String::new(), |(line, column)| format!(":{line}:{column}"));
        let (file, step, name) = (
            crate::output::clean(&format!("{}{place}", path.display())),
            crate::output::clean(&step.id),
            crate::output::clean(name),
        );
        let read =
            crate::output::clean(&Resolver::beside(path).dir.join(&name).display().to_string());
        match lang {
            Lang::En => crate::errln!(
                "warning: {file}: step `{step}`: scenario `{name}` is not in the library; it is read from the file {read}, which only `virtsim` reads: the page cannot open this assignment. \
                 Before handing it out, embed the scenario with scenario_toml = '''...''' (its computed answers and answers files stay the same: the scenario hash depends on what the scenario simulates, not on where it comes from)."
            ),
            Lang::Ko => crate::errln!(
                "{}",
                sim_core::text::particles(&format!(
                "경고: {file}: 단계 `{step}`: 시나리오 `{name}`은(는) 라이브러리에 없어 파일 {read}에서 읽었습니다. 이 파일은 `virtsim`만 읽으므로 페이지에서는 이 과제를 열 수 없습니다. \
                 나눠 주기 전에 scenario_toml = '''...'''로 시나리오를 넣으세요(계산된 답과 답안 파일은 그대로입니다: 시나리오 해시는 시나리오가 시뮬레이션하는 것에 따르며, 어디서 읽었는지와 무관합니다)."
            ))),
        }
    }
}

/// An assignment file, validated against the built-in library and the scenario files
/// beside it ([`Resolver`]).
pub fn load_assignment(path: &Path, lang: Lang) -> Result<Assignment, Failure> {
    let text = read_text(path, lang, MAX_ASSIGNMENT_BYTES)?;
    let file = crate::shown(path);
    Assignment::from_toml_all(&file, &text, &Resolver::beside(path)).map_err(|errors| {
        // One error, or every independent one of a step's scenario (in the file's order).
        let mut message = crate::error_lines(&file, &errors, lang);
        // A JSON file where the assignment goes: most likely the arguments swapped.
        if text.trim_start_matches('\u{feff}').trim_start().starts_with('{') {
            message.push_str(match lang {
                Lang::En => "; this looks like a JSON file (an answers file?): give the assignment (.toml) first, then the answers files",
                Lang::Ko => "; JSON 파일(답안 파일?)로 보입니다: 과제 파일(.toml)을 먼저, 그다음 답안 파일들을 주세요",
            });
        }
        Failure::Invalid(message)
    })
}

/// The answers `student` should give in step `step`: its scenario run.
pub fn computed_answers(
    assignment: &Assignment,
    step: usize,
    student: Option<&str>,
    lang: Lang,
) -> Result<Vec<QuestionAnswer>, Failure> {
    let scenario = assignment
        .step_scenario(step, student)
        .map_err(|e| Failure::Invalid(e.to_string_in(lang.core())))?;
    let result = crate::run_with_progress(&scenario, RunOptions::default(), lang)?;
    Ok(result.questions)
}

/// [`computed_answers`], with the warnings an author reads on stderr about this variant's
/// run: near ties, tolerances that accept another platform's value, instances the OOM
/// killer stopped (a variant's memory or count can starve them though the first one
/// does not). Each names the step and, for a student's variant, the student.
pub fn computed_answers_checked(
    assignment: &Assignment,
    step: usize,
    student: Option<&str>,
    lang: Lang,
) -> Result<Vec<QuestionAnswer>, Failure> {
    let (answers, diags) = computed_answers_diags(assignment, step, student, lang)?;
    let label = variant_label(assignment, step, &[student], lang);
    for d in &diags {
        crate::errln!(
            "{}",
            d.line(matches!(lang, Lang::Ko), Some(&at_label(&d.place, &label)))
        );
    }
    Ok(answers)
}

/// [`computed_answers_checked`]'s answers and warnings, not printed; each warning's place
/// is where its question is written (`file:line:column`, in the assignment or in its
/// step's scenario), empty for what is not a question's (an OOM-killed group), without the
/// step and variant ([`variant_label`] names them), so that several variants' same warning
/// can be printed once.
pub fn computed_answers_diags(
    assignment: &Assignment,
    step: usize,
    student: Option<&str>,
    lang: Lang,
) -> Result<(Vec<QuestionAnswer>, Vec<crate::output::Diag>), Failure> {
    let scenario = assignment
        .step_scenario(step, student)
        .map_err(|e| Failure::Invalid(e.to_string_in(lang.core())))?;
    scenario_answers_diags(&scenario, assignment, step, lang)
}

/// [`computed_answers_diags`] of step `step` under `variant`, any seed and picks (a choice
/// of a `[[step.vary]]` with the others at their first choice, which no sample student may
/// have drawn: [`sim_core::assignment::choice_variants`]).
pub fn variant_answers_diags(
    assignment: &Assignment,
    step: usize,
    variant: &sim_core::assignment::Variant,
    lang: Lang,
) -> Result<(Vec<QuestionAnswer>, Vec<crate::output::Diag>), Failure> {
    let scenario = assignment
        .variant_scenario(step, variant)
        .map_err(|e| Failure::Invalid(e.to_string_in(lang.core())))?;
    scenario_answers_diags(&scenario, assignment, step, lang)
}

/// Step `step`'s scenario, prepared for a variant, run: its answers and what an author
/// reads about them ([`computed_answers_diags`]), each at the question it is about: a
/// step's own question in the assignment file, a scenario's question in its scenario file.
fn scenario_answers_diags(
    scenario: &sim_core::Scenario,
    assignment: &Assignment,
    step: usize,
    lang: Lang,
) -> Result<(Vec<QuestionAnswer>, Vec<crate::output::Diag>), Failure> {
    let result = crate::run_with_progress(scenario, RunOptions::default(), lang)?;
    let ko = matches!(lang, Lang::Ko);
    let places = crate::question_places::QuestionPlaces::of(scenario);
    let place = |id: &str| match assignment
        .question_place(step, id)
        .or_else(|| assignment.embedded_question_place(step, id))
    {
        Some((line, column)) => format!("{}:{line}:{column}", assignment.file_name),
        None => match places.get(id) {
            at if at == places.file() => String::new(),
            at => at,
        },
    };
    let mut diags = crate::output::question_diags(&place, &result.questions, ko);
    diags.extend(crate::output::oom_killed_diags("", &result, ko));
    diags.extend(crate::output::thin_percentile_diags(&place, &result, ko));
    Ok((result.questions, diags))
}

/// A warning's place: where it is written (`at`, possibly empty), then the step and
/// variant (`label`).
pub fn at_label(at: &str, label: &str) -> String {
    if at.is_empty() {
        label.to_string()
    } else {
        format!("{at}: {label}")
    }
}

/// Step `step`'s name with the variants a warning applies to: `web-busy` for the reference
/// variant alone (`None`), `web-busy (student s001)`, `web-busy (reference variant,
/// students s001, s002)`.
pub fn variant_label(
    assignment: &Assignment,
    step: usize,
    variants: &[Option<&str>],
    lang: Lang,
) -> String {
    let id = crate::output::clean(&assignment.steps[step].id);
    let ko = matches!(lang, Lang::Ko);
    let reference = variants.iter().any(Option::is_none);
    let students: Vec<String> = variants
        .iter()
        .flatten()
        .map(|s| crate::output::clean(s))
        .collect();
    if students.is_empty() {
        return id;
    }
    let students = students.join(", ");
    match (reference, ko) {
        (false, false) if variants.len() == 1 => format!("{id} (student {students})"),
        (false, false) => format!("{id} (students {students})"),
        (false, true) => format!("{id} (학생 {students})"),
        (true, false) if variants.len() == 2 => {
            format!("{id} (reference variant, student {students})")
        }
        (true, false) => format!("{id} (reference variant, students {students})"),
        (true, true) => format!("{id} (기준 변형, 학생 {students})"),
    }
}

/// A CSV field, quoted when needed.
pub fn csv_field(s: &str) -> String {
    sim_core::export_csv::field(s)
}

/// Whether `path` is a regular file that reads as an assignment ([`is_assignment`], on
/// at most its first [`MAX_ASSIGNMENT_BYTES`]); false for what cannot be read (reading it
/// as a scenario then says why). Only a regular file can be looked into and then read
/// again (a pipe is read once: `validate_stream` in validate.rs).
pub fn file_is_assignment(path: &Path) -> bool {
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    std::fs::File::open(path)
        .ok()
        .and_then(|f| {
            use std::io::Read;
            let mut head = String::new();
            f.take(MAX_ASSIGNMENT_BYTES as u64)
                .read_to_string(&mut head)
                .ok()?;
            Some(head)
        })
        .is_some_and(|text| is_assignment(&text))
}

/// `validate` of an assignment file: `None` if the file is not an assignment (or cannot
/// be read: `load` then reports it), else the exit code after printing the outcome.
pub fn validate_file(path: &Path, lang: Lang) -> Option<u8> {
    if !file_is_assignment(path) {
        return None;
    }
    Some(match load_assignment(path, lang) {
        Ok(a) => print_valid(path, &a, lang),
        Err(failure) => crate::report(failure),
    })
}

/// `validate` of an assignment's text already read (from a pipe, which can be read only
/// once).
pub fn validate_text(path: &Path, text: &str, lang: Lang) -> u8 {
    let file = crate::shown(path);
    match Assignment::from_toml_all(&file, text, &Resolver::beside(path)) {
        Ok(a) => print_valid(path, &a, lang),
        Err(errors) => crate::report(Failure::Invalid(crate::error_lines(&file, &errors, lang))),
    }
}

/// Prints on stderr what validating `a` found that does not make it invalid
/// ([`Assignment::warnings`]: a step's scenario's own warnings, a memory choice that
/// leaves instances OOM-killed alone),
/// each as `warning: FILE:LINE:COLUMN: message` (`경고:` in Korean).
pub fn warn_validation(a: &Assignment, lang: Lang) {
    warn_files(a, lang);
    crate::output::print_warnings(&a.file_name, a.warnings(), lang);
}

/// Prints that assignment `a` is valid, with its size, its warnings and its notes
/// ([`Assignment::notes`]: scenario questions a step does not ask); gives the exit code
/// (0: warnings and notes do not make it invalid).
fn print_valid(path: &Path, a: &Assignment, lang: Lang) -> u8 {
    // The warnings and notes first, the verdict last: read after them, "ok" does not
    // stand above a warning that the page cannot open the file (an instructor took the
    // first line and the exit code for the whole answer).
    warn_validation(a, lang);
    // What is often on purpose (a scenario question left out): `validate` only.
    for n in a.notes() {
        let text = crate::output::clean_lines(&n.to_string_in(lang.core()));
        match lang {
            Lang::En => crate::errln!("note: {text}"),
            Lang::Ko => crate::errln!("참고: {text}"),
        }
    }
    page_limit_notes(a, lang);
    let file_steps = (a.steps.iter())
        .filter(|s| {
            matches!(&s.source, sim_core::assignment::StepSource::Library(name) if Resolver::is_file(name))
        })
        .count();
    let questions: usize = a.steps.iter().map(|s| s.questions.len()).sum();
    let printed = match lang {
        Lang::En => {
            let plural = |n: usize, one: &str, many: &str| {
                format!("{n} {}", if n == 1 { one } else { many })
            };
            crate::outln!(
                "{}: ok (assignment `{}`: {}, {}, {}; per student, every step: {}){}",
                crate::shown(path),
                crate::output::clean(&a.id),
                plural(a.steps.len(), "step", "steps"),
                plural(questions, "question", "questions"),
                plural(a.max_points() as usize, "point", "points"),
                crate::events_estimate(a.estimated_events(), lang),
                if file_steps > 0 {
                    format!(
                        "; for virtsim only: the page cannot open it, {} a scenario file (see the warning above)",
                        plural(file_steps, "step reads", "steps read")
                    )
                } else {
                    String::new()
                }
            )
        }
        Lang::Ko => crate::outln!(
            "{}: 정상 (과제 `{}`: 단계 {}개, 질문 {questions}개, {}점 만점; 학생 한 명의 모든 단계: {}){}",
            crate::shown(path),
            crate::output::clean(&a.id),
            a.steps.len(),
            a.max_points(),
            crate::events_estimate(a.estimated_events(), lang),
            if file_steps > 0 {
                format!("; virtsim에서만: 단계 {file_steps}개가 시나리오 파일을 읽어 페이지에서는 열 수 없습니다(위 경고 참고)")
            } else {
                String::new()
            }
        ),
    };
    match printed {
        Ok(()) => 0,
        Err(e) => crate::report(crate::Failure::Other(e)),
    }
}

/// `validate`'s note on each step whose scenario is over the web page's limit of estimated
/// events ([`crate::estimate::page_limit_note_of`], as a scenario's own `validate` notes
/// it): of the step's variant with the most events, at the step's `scenario = "..."` (the
/// file alone for an embedded `scenario_toml`), the step named.
fn page_limit_notes(a: &Assignment, lang: Lang) {
    for (i, step) in a.steps.iter().enumerate() {
        // With `vary` on duration_ms the note speaks of its largest choice, not of a
        // `duration_ms = N` the scenario would have (the variation replaces it).
        let varied =
            (step.vary.iter()).any(|v| v.parameter == sim_core::assignment::Parameter::DurationMs);
        let Some(note) = crate::estimate::page_limit_note_of(
            a.step_largest_duration_ms(i),
            a.step_estimated_events(i),
            varied,
            lang,
        ) else {
            continue;
        };
        let place = match a.step_scenario_place(i) {
            Some((line, column)) => format!("{}:{line}:{column}", a.file_name),
            None => a.file_name.clone(),
        };
        let (place, id) = (crate::output::clean(&place), crate::output::clean(&step.id));
        match lang {
            Lang::En => crate::errln!("note: {place}: step `{id}`'s scenario: {note}"),
            Lang::Ko => crate::errln!("참고: {place}: 단계 `{id}`의 시나리오: {note}"),
        }
    }
}
