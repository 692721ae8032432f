//! `virtsim answers FILE [--student ID]`: the computed answers of a scenario or an
//! assignment (for a student's variant), as a table, JSON, CSV, or an answers file (the
//! instructor's key, in the format `grade` reads).
//!
//! Without `--student`, the reference variant is checked against the sample students'
//! (`assignment::copying`): a warning the variants share is printed once (`output::Diag`),
//! choice answers that differ and numeric answers a classmate could copy are named, and
//! ties are looked for in each `[[step.vary]]` choice (`assignment::choice_variants`) and
//! said at it. `--answers-file --set` writes a file with chosen answers.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context;
use serde::Serialize;
use sim_core::assignment::{shown_student_id, valid_student_id, Assignment, MAX_STUDENT_ID_CHARS};
use sim_core::{QuestionAnswer, RunOptions, Scenario};

use super::{
    at_label, computed_answers_checked, computed_answers_diags, csv_field, is_assignment,
    load_assignment, read_text, variant_label,
};
use crate::output::{clean, questions};
use crate::{Failure, Format, Lang};

/// One step's computed answers, for JSON.
#[derive(Serialize)]
struct StepOut<'a> {
    step: &'a str,
    variant: String,
    scenario_hash: String,
    questions: Vec<QuestionOut<'a>>,
}

#[derive(Serialize)]
struct QuestionOut<'a> {
    points: u32,
    predict: bool,
    #[serde(flatten)]
    answer: AnswerOut<'a>,
}

/// A computed answer as `--format json` writes it: the question's fields, which for a
/// numeric question end with the range a grader accepts (the CSV's `accepted_from` and
/// `accepted_to`, as numbers: `QuestionAnswer`'s JSON, as `run --format json` has it).
#[derive(Serialize)]
struct AnswerOut<'a> {
    #[serde(flatten)]
    answer: &'a QuestionAnswer,
    /// The seed it was computed at, when `--seed` gave one (else the file's own).
    #[serde(skip_serializing_if = "Option::is_none")]
    seed: Option<u64>,
}

impl<'a> AnswerOut<'a> {
    fn of(answer: &'a QuestionAnswer) -> Self {
        AnswerOut { answer, seed: None }
    }
}

/// A scenario's seeds other than its own: `--seed` and `--seeds` (none for an assignment,
/// whose students each have their variant's seed).
pub struct Seeds {
    pub seed: Option<u64>,
    /// `--seeds` as given, read with the messages' language ([`super::seeds::parse_seed_range`]).
    pub seeds: Option<String>,
}

/// `answers_file`: print an answers file (`--answers-file`), with the answers `--set`
/// gives in place of the computed ones.
pub fn run(
    file: &Path,
    student: Option<&str>,
    format: Format,
    answers_file: Option<&[String]>,
    seeds: Seeds,
    lang: Lang,
) -> Result<(), Failure> {
    let set = answers_file.unwrap_or_default();
    let answers_file = answers_file.is_some();
    let text = read_text(file, lang, sim_core::assignment::MAX_ASSIGNMENT_BYTES)?;
    if let Some(id) = student {
        if !valid_student_id(id) {
            // In the messages' language; a blank id named as blank, not as too short (a
            // reviewer's `--student "  "` read "must be 1 to 64 characters"); a long one
            // quoted by its start.
            let blank = id.trim().is_empty();
            return Err(Failure::Other(anyhow::anyhow!(match (lang, blank) {
                (Lang::En, true) => format!("the student id is blank: give one such as s001 (1 to {MAX_STUDENT_ID_CHARS} characters, spaces around it are trimmed)"),
                (Lang::Ko, true) => format!("학번이 비어 있습니다: s001처럼 주세요 (1~{MAX_STUDENT_ID_CHARS}자, 앞뒤 공백은 지웁니다)"),
                (Lang::En, false) => format!(
                    "student id `{}` must be 1 to {MAX_STUDENT_ID_CHARS} characters without control or format characters (U+200B, U+202E, ...)",
                    shown_student_id(&crate::output::long_value(id))
                ),
                (Lang::Ko, false) => format!(
                    "학번 `{}`: 제어 문자나 서식 문자(U+200B, U+202E 등) 없이 1~{MAX_STUDENT_ID_CHARS}자여야 합니다",
                    shown_student_id(&crate::output::long_value(id))
                ),
            })));
        }
    }
    // The id as the variant and the answers file use it: trimmed, in every output.
    let student = student.map(str::trim);
    if !is_assignment(&text) {
        if student.is_some() || answers_file {
            return Err(Failure::Other(anyhow::anyhow!(match lang {
                Lang::En => format!(
                    "--student and --answers-file apply to assignments; {} is a scenario",
                    crate::shown(file)
                ),
                Lang::Ko => sim_core::text::particles(&format!(
                    "--student와 --answers-file은 과제에만 씁니다. {}은(는) 시나리오입니다",
                    crate::shown(file)
                )),
            })));
        }
        return scenario_answers(file, &text, format, seeds, lang);
    }
    if seeds.seed.is_some() || seeds.seeds.is_some() {
        return Err(Failure::Other(anyhow::anyhow!(match lang {
            Lang::En => format!(
                "--seed and --seeds apply to scenarios; {} is an assignment, whose students each have their own seed (--student ID computes one's)",
                crate::shown(file)
            ),
            Lang::Ko => sim_core::text::particles(&format!(
                "--seed와 --seeds는 시나리오에만 씁니다. {}은(는) 과제이고, 학생마다 시드가 따로 있습니다(--student ID로 한 학생의 답을 계산합니다)",
                crate::shown(file)
            )),
        })));
    }
    let assignment = load_assignment(file, lang)?;
    super::warn_validation(&assignment, lang);
    let mut computed = Vec::new();
    for step in 0..assignment.steps.len() {
        let answers = if student.is_none() && !answers_file {
            // The reference variant, checked against the sample students' variants.
            reference_and_samples(&assignment, step, lang)?
        } else {
            computed_answers_checked(&assignment, step, student, lang)?
        };
        computed.push(answers);
    }
    if answers_file {
        let Some(student) = student else {
            return Err(Failure::Other(anyhow::anyhow!(
                "--answers-file needs --student ID"
            )));
        };
        // The id was checked above; the key refuses what the check refused.
        let key = assignment
            .answer_key(student, &computed)
            .map_err(|e| Failure::Other(anyhow::anyhow!("{e}")))?;
        let key = with_answers_set(&assignment, key, set)?;
        crate::outln!(
            "{}",
            serde_json::to_string_pretty(&key).context("serializing answers")?
        )?;
        return Ok(());
    }
    let code = match lang {
        Lang::En => "en",
        Lang::Ko => "ko",
    };
    crate::out!(
        "{}",
        match format {
            Format::Table => assignment_table(&assignment, student, &computed, code),
            Format::Json | Format::Jsonl => assignment_json(&assignment, student, &computed)?,
            Format::Csv => assignment_csv(&assignment, student, &computed),
        }
    )?;
    Ok(())
}

/// The answers file `key` with the answers of `--set [STEP/]QUESTION=ANSWER` in place of
/// the computed ones (an empty ANSWER removes the question's answer), its checksum
/// computed again: a file that grades as a student's with those answers would.
fn with_answers_set(
    assignment: &Assignment,
    key: sim_core::assignment::AnswersFile,
    set: &[String],
) -> Result<sim_core::assignment::AnswersFile, Failure> {
    use sim_core::assignment::{AnswersFile, GivenAnswer};
    if set.is_empty() {
        return Ok(key);
    }
    let fail = |message: String| Failure::Other(anyhow::anyhow!(message));
    let mut steps = key.steps;
    for item in set {
        let Some((target, answer)) = item.split_once('=') else {
            return Err(fail(format!(
                "--set `{}`: write [STEP/]QUESTION=ANSWER (e.g. --set lowest-p99=xen-pv)",
                clean(&crate::output::long_value(item))
            )));
        };
        let (step_id, question) = match target.split_once('/') {
            Some((step, question)) => (Some(step.trim()), question.trim()),
            None => (None, target.trim()),
        };
        // The steps that have this question (the given step's only).
        let found: Vec<usize> = assignment
            .steps
            .iter()
            .enumerate()
            .filter(|(_, s)| step_id.is_none_or(|id| s.id == id))
            .filter(|(_, s)| s.questions.iter().any(|q| q.id == question))
            .map(|(i, _)| i)
            .collect();
        let index = match found.as_slice() {
            [index] => *index,
            [] => {
                let ids: Vec<String> = assignment
                    .steps
                    .iter()
                    .flat_map(|s| {
                        s.questions
                            .iter()
                            .map(move |q| format!("{}/{}", s.id, q.id))
                    })
                    .collect();
                return Err(fail(format!(
                    "--set `{}`: the assignment has no question `{}`; it has {}",
                    clean(&crate::output::long_value(item)),
                    clean(&crate::output::long_value(target)),
                    clean(&ids.join(", "))
                )));
            }
            several => {
                let steps: Vec<&str> = several
                    .iter()
                    .map(|&i| assignment.steps[i].id.as_str())
                    .collect();
                return Err(fail(format!(
                    "--set `{}`: question `{}` is in steps {}: write STEP/{}",
                    clean(&crate::output::long_value(item)),
                    clean(question),
                    clean(&steps.join(", ")),
                    clean(question)
                )));
            }
        };
        let step = &assignment.steps[index];
        let predict = step.questions.iter().any(|q| q.id == question && q.predict);
        let Some(answers) = steps.iter_mut().find(|s| s.step == step.id) else {
            continue;
        };
        answers.answers.retain(|a| a.question != question);
        if !answer.trim().is_empty() {
            answers.answers.push(GivenAnswer {
                question: question.to_string(),
                answer: answer.to_string(),
                predicted: predict,
            });
        }
        // In the step's question order, as the page writes them.
        answers.answers.sort_by_key(|a| {
            step.questions
                .iter()
                .position(|q| q.id == a.question)
                .unwrap_or(usize::MAX)
        });
    }
    Ok(AnswersFile::new(&key.assignment, &key.student, steps))
}

/// The reference variant's answers of step `index`, with what an author reads on stderr
/// about it and about the variants of [`SAMPLES`](sim_core::assignment::SAMPLES) sample
/// students (`sample_students`: different picks where the step varies a parameter): each
/// variant's warnings (near ties, OOM-killed groups, ...), a warning the variants share
/// printed once and naming them; each choice question whose answer differs between the
/// variants (the explanation written for one answer is wrong for some students); and each
/// numeric question whose variants grade each other's answers right (variation that does
/// not move an answer beyond its tolerance lets a student copy a classmate's). With a seed
/// of their own, each sample student is also compared with a classmate of the same picks
/// (`same_pick_students`: the seed alone tells them apart, or not); and the varied
/// parameters that change no answer with the same seed are a warning ([`without_effect`]).
fn reference_and_samples(
    assignment: &Assignment,
    index: usize,
    lang: Lang,
) -> Result<Vec<QuestionAnswer>, Failure> {
    use sim_core::assignment::{
        copyable_answers, differing_choices, same_pick_students, sample_students,
    };
    let ko = matches!(lang, Lang::Ko);
    let step = &assignment.steps[index];
    let students = sample_students(assignment, index);
    // Each sample's classmate with the same picks (a seed of their own), if the seed varies.
    let twins = same_pick_students(assignment, index, &students);
    let (reference, diags) = computed_answers_diags(assignment, index, None, lang)?;
    // The reference variant (every first choice), then each choice after the first with the
    // others at their first choice, the scenario's seed: looked at for ties below
    // (`choice_ties`), whichever samples drew them, and their ties said there, at the
    // choice, rather than at the question with the variants that give them.
    let varies = !step.vary.is_empty();
    let mut choice_runs = sim_core::assignment::choice_variants(assignment, index);
    // The runs of `choice_runs` done already: the reference's, the sample students' with
    // the same picks and seed (its picks, answers and diags).
    let mut reused: Vec<(String, Vec<QuestionAnswer>, Vec<crate::output::Diag>)> = Vec::new();
    if varies {
        let first = assignment.variant(index, None);
        reused.push((first.picks_text(), reference.clone(), diags.clone()));
        choice_runs.insert(0, (0, first));
    }
    // Each warning once, with the variants that give it, in the order first given; and
    // whether another variant's figures in it differ (the first's are quoted).
    let mut seen: Vec<(crate::output::Diag, Vec<Option<&str>>, bool)> = diags
        .into_iter()
        .filter(|d| !(varies && d.tie))
        .map(|d| (d, vec![None], false))
        .collect();
    let mut samples = Vec::new();
    let mut twin_answers = Vec::new();
    for (id, twin) in students
        .iter()
        .map(|s| (s, false))
        .chain(twins.iter().flatten().map(|s| (s, true)))
    {
        let (answers, diags) = computed_answers_diags(assignment, index, Some(id), lang)?;
        let variant = assignment.variant(index, Some(id));
        let covered = !twin && choice_runs.iter().any(|(_, v)| *v == variant);
        if covered {
            reused.push((variant.picks_text(), answers.clone(), diags.clone()));
        }
        // A covered variant's ties are said at its choice (`choice_ties`), not twice.
        for d in diags.into_iter().filter(|d| !(covered && d.tie)) {
            match seen.iter_mut().find(|(s, ..)| s.same_warning(&d)) {
                Some((s, variants, differ)) => {
                    variants.push(Some(id));
                    *differ |= s.text != d.text;
                }
                None => seen.push((d, vec![Some(id)], false)),
            }
        }
        if twin {
            twin_answers.push(answers);
        } else {
            samples.push(answers);
        }
    }
    for (d, variants, differ) in &seen {
        let label = variant_label(assignment, index, variants, lang);
        let line = d.line(ko, Some(&at_label(&d.place, &label)));
        if *differ {
            let first = match (variants[0], ko) {
                (None, false) => "the reference variant's".to_string(),
                (None, true) => "기준 변형의 값".to_string(),
                (Some(s), false) => format!("student {}'s", clean(s)),
                (Some(s), true) => format!("학생 {}의 값", clean(s)),
            };
            let said = if ko {
                format!("{line} (수치는 {first}이며, 다른 변형에서는 조금씩 다릅니다)")
            } else {
                format!("{line} (figures: {first}; the other variants' differ a little)")
            };
            crate::errln!("{said}");
        } else {
            crate::errln!("{line}");
        }
    }
    choice_ties(assignment, index, &choice_runs, &reused, lang)?;
    if !varies && !step.student_seed && !step.questions.is_empty() {
        // Nothing tells one student's run from another's: one answers file is everyone's
        // (an instructor's step had neither and was not told).
        let step_id = clean(&step.id);
        match lang {
            Lang::En => crate::errln!(
                "note: step `{step_id}`: every student gets the same answers: the step has neither `student_seed = true` nor a `[[step.vary]]`, so one student's answers are every student's. \
                 If they should differ, add `student_seed = true` (a seed per student) or a `[[step.vary]]`."
            ),
            Lang::Ko => crate::errln!(
                "참고: 단계 `{step_id}`: 모든 학생이 같은 답을 받습니다. 이 단계에는 `student_seed = true`도 `[[step.vary]]`도 없어 한 학생의 답이 모든 학생의 답입니다. \
                 학생마다 달라야 한다면 `student_seed = true`(학생마다 시드)나 `[[step.vary]]`를 더하세요."
            ),
        }
    }
    if students.is_empty() {
        return Ok(reference);
    }
    let step_id = clean(&step.id);
    // The reference variant first, then the samples.
    let mut variants = vec![reference.clone()];
    variants.extend(samples.iter().cloned());
    let names: Vec<String> = std::iter::once(None)
        .chain(students.iter().map(|s| Some(s.as_str())))
        .map(|who| {
            let variant = assignment.variant(index, who);
            let picks = variant.picks_text();
            let name = match (who, ko) {
                (Some(s), _) => clean(s),
                (None, false) => "the reference variant".to_string(),
                (None, true) => "기준 변형".to_string(),
            };
            if picks.is_empty() {
                name
            } else {
                format!("{name} [{picks}]")
            }
        })
        .collect();
    for c in differing_choices(&variants) {
        // Each answer with the variants that give it, in the order first given.
        let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
        for (answer, name) in c.answers.iter().zip(&names) {
            match groups
                .iter_mut()
                .find(|(a, _)| a.eq_ignore_ascii_case(answer))
            {
                Some((_, who)) => who.push(name),
                None => groups.push((answer.clone(), vec![name])),
            }
        }
        let list: Vec<String> = groups
            .iter()
            .map(|(answer, who)| format!("{} ({})", clean(answer), who.join(", ")))
            .collect();
        let (question, list) = (clean(&c.question), list.join("; "));
        match lang {
            Lang::En => crate::errln!(
                "warning: step `{step_id}`: choice question `{question}` has a different answer in different variants: {list}. \
                 Each student is graded against their own variant's answer, but an explanation or a discussion written for one answer is wrong for the others. \
                 Unless that is the point, choose choices under which the order of the platforms stays the same, or write the explanation so that it holds for every answer (these are the variants `virtsim answers` compares; check others with --student)."
            ),
            Lang::Ko => crate::errln!(
                "경고: 단계 `{step_id}`: 선택 질문 `{question}`의 정답이 변형마다 다릅니다: {list}. \
                 학생은 각자 자기 변형의 정답으로 채점되지만, 한 답에 맞춰 쓴 설명이나 해설은 다른 답을 받은 학생에게 틀립니다. \
                 의도가 아니라면 플랫폼의 순서가 바뀌지 않는 선택지를 고르거나, 어느 답에도 맞도록 설명을 쓰세요(`virtsim answers`가 비교하는 변형은 이것뿐입니다: 다른 학생은 --student로 확인하세요)."
            ),
        }
    }
    if without_effect(assignment, index, &reference, &samples, &students, lang)?
        && !step.student_seed
    {
        // Every variant compared has the same answers: said above; the copying notes
        // would repeat it (without a seed of their own, only the picks could move them).
        return Ok(reference);
    }
    if !step.questions.iter().any(|q| !q.predict) {
        return Ok(reference);
    }
    // Each sample student with their classmate of the same picks, if the seed varies.
    let pairs: Vec<(&str, &str, &Vec<QuestionAnswer>, &Vec<QuestionAnswer>)> = {
        let mut found = twin_answers.iter();
        students
            .iter()
            .zip(&samples)
            .zip(&twins)
            .filter_map(|((id, answers), twin)| {
                let twin = twin.as_ref()?;
                Some((id.as_str(), twin.as_str(), answers, found.next()?))
            })
            .collect()
    };
    let same_picks = same_picks_list(assignment, index, &pairs, lang);
    let copyable = copyable_answers(&samples);
    let list: Vec<String> = copyable
        .iter()
        .map(|c| {
            let tolerance = crate::output::figure(c.tolerance_percent);
            let question = clean(&c.question);
            if c.every_pair() {
                return format!("`{question}` {} (±{tolerance}%)", c.answers.join(" / "));
            }
            // Only some variants come close: name the students of each such pair.
            let pairs: Vec<String> = c
                .pairs
                .iter()
                .map(|&(a, b)| {
                    let and = if ko { " / " } else { " and " };
                    format!(
                        "{} {}{and}{} {}",
                        students[a], c.answers[a], students[b], c.answers[b]
                    )
                })
                .collect();
            format!("`{question}` {} (±{tolerance}%)", pairs.join("; "))
        })
        .collect();
    let (step, list, students) = (step_id, list.join(", "), students.join(" / "));
    match (copyable.is_empty(), same_picks, lang) {
        (true, None, _) => {}
        (true, Some((same, variants)), Lang::En) => crate::errln!(
            "note: step `{step}`: students with the same picks differ only by their seed, and the seed alone does not separate these answers beyond their tolerance: {same}. \
             A student who hands in the figure of a classmate with the same picks (about one classmate in {variants}) is marked right; where that matters, vary a parameter with more choices, or narrow the tolerance."
        ),
        (true, Some((same, variants)), Lang::Ko) => crate::errln!(
            "참고: 단계 `{step}`: 선택지가 같은 학생들은 시드만 다르고, 시드만으로는 이 답들이 허용 오차 밖으로 벌어지지 않습니다: {same}. \
             선택지가 같은 다른 학생(대략 {variants}명 중 한 명)의 값을 내도 정답이 됩니다. 그것이 문제라면 선택지가 더 많은 매개변수를 학생마다 달리하거나 허용 오차를 줄이세요."
        ),
        (false, None, Lang::En) => crate::errln!(
            "note: step `{step}`: of the variants of {students}, some give numeric answers that a classmate's variant also grades right: {list}. \
             A student who hands in a classmate's figure is marked right; where that matters, vary a parameter that moves the figure (a seed does not move a fixed cost), or narrow the tolerance."
        ),
        (false, None, Lang::Ko) => crate::errln!(
            "참고: 단계 `{step}`: {students}의 변형 중 숫자 답이 다른 학생의 변형에서도 허용 오차 안에 들어 정답으로 채점되는 것이 있습니다: {list}. \
             다른 학생의 값을 내도 정답이 됩니다. 그것이 문제라면 이 값을 바꾸는 매개변수를 학생마다 달리하거나(시드는 고정 비용을 바꾸지 않음) 허용 오차를 줄이세요."
        ),
        // Both: one note, with the figures of each comparison.
        (false, Some((same, variants)), Lang::En) => crate::errln!(
            "note: step `{step}`: some numeric answers are also graded right with a classmate's figure, so a student who hands one in is marked right. \
             Between the variants of {students}: {list}. \
             Between classmates with the same picks (about one classmate in {variants}), who differ only by their seed: {same}. \
             Where that matters, vary a parameter that moves the figure, with more choices (a seed does not move a fixed cost), or narrow the tolerance."
        ),
        (false, Some((same, variants)), Lang::Ko) => crate::errln!(
            "참고: 단계 `{step}`: 다른 학생의 값으로도 허용 오차 안에 들어 정답으로 채점되는 숫자 답이 있어, 다른 학생의 값을 내도 정답이 됩니다. \
             {students}의 변형 사이: {list}. \
             선택지가 같아 시드만 다른 학생 사이(대략 {variants}명 중 한 명): {same}. \
             그것이 문제라면 이 값을 바꾸는 매개변수를 더 많은 선택지로 학생마다 달리하거나(시드는 고정 비용을 바꾸지 않음) 허용 오차를 줄이세요."
        ),
    }
    Ok(reference)
}

/// Warns of each choice question that ties (a tie, a near tie, or figures that read the
/// same where students see them: the diags marked [`Diag::tie`]) in a variant of
/// `choice_runs` (the reference variant, said at the first parameter's first choice, then
/// [`sim_core::assignment::choice_variants`]: each choice after the first, the others at
/// their first choice, the scenario's seed), at that choice in the file and
/// naming the step, the parameter and the value: a student who draws it gets a question
/// without one right answer they can see, whether or not a sample student drew it. A
/// variant a sample student has (`reused`: its picks, answers and diags) is not run again.
///
/// [`Diag::tie`]: crate::output::Diag::tie
fn choice_ties(
    assignment: &Assignment,
    index: usize,
    choice_runs: &[(usize, sim_core::assignment::Variant)],
    reused: &[(String, Vec<QuestionAnswer>, Vec<crate::output::Diag>)],
    lang: Lang,
) -> Result<(), Failure> {
    let step = &assignment.steps[index];
    let several = step.vary.len() > 1;
    for (vary, variant) in choice_runs {
        let picks = variant.picks_text();
        let diags = match reused.iter().find(|(p, _, _)| *p == picks) {
            Some((_, _, diags)) => diags.clone(),
            None => super::variant_answers_diags(assignment, index, variant, lang)?.1,
        };
        let (parameter, choice) = &variant.picks[*vary];
        let at = assignment
            .choice_place(index, *parameter, choice)
            .map(|(line, column)| format!("{}:{line}:{column}: ", assignment.file_name))
            .unwrap_or_default();
        let (at, step_id, picks) = (clean(&at), clean(&step.id), clean(&picks));
        let (name, value) = (parameter.name(), clean(&choice.to_string()));
        for d in diags.iter().filter(|d| d.tie) {
            let text = &d.text;
            match (lang, several) {
                (Lang::En, false) => crate::errln!(
                    "warning: {at}step `{step_id}`: with {picks}, {text} \
                     Every student who draws {name} = {value} gets this question so: drop that choice, or choose choices under which the platforms stay apart."
                ),
                (Lang::En, true) => crate::errln!(
                    "warning: {at}step `{step_id}`: with {picks} (the other parameters at their first choice; other combinations are not run), {text} \
                     A student who draws {name} = {value} may get this question so: drop that choice, or choose choices under which the platforms stay apart."
                ),
                (Lang::Ko, false) => crate::errln!(
                    "{}",
                    sim_core::text::particles(&format!(
                    "경고: {at}단계 `{step_id}`: {picks}일 때 {text} \
                     {name} = {value}을(를) 받은 학생은 모두 이 질문을 이렇게 받습니다: 그 선택지를 빼거나 플랫폼이 갈리는 선택지를 고르세요."
                ))),
                (Lang::Ko, true) => crate::errln!(
                    "{}",
                    sim_core::text::particles(&format!(
                    "경고: {at}단계 `{step_id}`: {picks}일 때(다른 매개변수는 첫 선택지; 다른 조합은 실행하지 않음) {text} \
                     {name} = {value}을(를) 받은 학생은 이 질문을 이렇게 받을 수 있습니다: 그 선택지를 빼거나 플랫폼이 갈리는 선택지를 고르세요."
                ))),
            }
        }
    }
    Ok(())
}

/// Whether the step's varied parameters change no answer: the reference variant and
/// variants with other picks but the same seed (the sample students' variants when the seed
/// is the scenario's; else one more run, the scenario's seed with the first sample's
/// other picks) give the same answer and value to every question. Then warns, at the
/// first such parameter's `[[step.vary]]`, naming them and, where the scenario says it,
/// why (`vm_exit_cycles` where no platform is a VM), and gives true.
fn without_effect(
    assignment: &Assignment,
    index: usize,
    reference: &[QuestionAnswer],
    samples: &[Vec<QuestionAnswer>],
    students: &[String],
    lang: Lang,
) -> Result<bool, Failure> {
    use sim_core::assignment::{parameters_without_effect, why_without_effect, Variant};
    let step = &assignment.steps[index];
    if step.vary.is_empty() || students.is_empty() {
        return Ok(false);
    }
    let base = assignment.variant(index, None);
    let mut variants: Vec<(Variant, Vec<QuestionAnswer>)> =
        vec![(base.clone(), reference.to_vec())];
    if step.student_seed {
        // The scenario's seed with the first other picks: one run more.
        let Some(other) = students
            .iter()
            .map(|id| assignment.variant(index, Some(id)))
            .find(|v| v.picks != base.picks)
        else {
            return Ok(false);
        };
        let other = Variant {
            seed: None,
            picks: other.picks,
        };
        let scenario = assignment
            .variant_scenario(index, &other)
            .map_err(|e| Failure::Invalid(e.to_string_in(lang.core())))?;
        let result = crate::run_with_progress(&scenario, RunOptions::default(), lang)?;
        variants.push((other, result.questions));
    } else {
        for (id, answers) in students.iter().zip(samples) {
            variants.push((assignment.variant(index, Some(id)), answers.clone()));
        }
    }
    let found = parameters_without_effect(assignment, index, &variants);
    let Some(&first) = found.first() else {
        return Ok(false);
    };
    let at = assignment
        .vary_place(index, first)
        .map(|(line, column)| format!("{}:{line}:{column}: ", assignment.file_name))
        .unwrap_or_default();
    let names: Vec<String> = found.iter().map(|p| format!("`{}`", p.name())).collect();
    let mut distinct: Vec<String> = Vec::new();
    for (v, _) in &variants {
        let picks = format!("[{}]", v.picks_text());
        if !distinct.contains(&picks) {
            distinct.push(picks);
        }
    }
    let why: Vec<String> = found
        .iter()
        .filter_map(|&p| why_without_effect(assignment, index, p))
        .map(|t| {
            clean(if matches!(lang, Lang::Ko) {
                &t.ko
            } else {
                &t.en
            })
        })
        .collect();
    let why = match (why.is_empty(), lang) {
        (true, _) => String::new(),
        (false, Lang::En) => format!(" ({})", why.join("; ")),
        (false, Lang::Ko) => format!("({})", why.join("; ")),
    };
    let (step_id, names, picks) = (clean(&step.id), names.join(", "), distinct.join(" / "));
    let at = clean(&at);
    let verb = if found.len() == 1 {
        "changes"
    } else {
        "change"
    };
    let seeded = step.student_seed;
    let (then, then_ko) = if seeded {
        (
            "The choice a student draws moves none of their figures (only their seed does)",
            "학생이 받는 선택지는 수치를 하나도 바꾸지 않습니다(시드만 바꿉니다)",
        )
    } else {
        (
            "Whichever choice a student draws, they get the same figures as their classmates",
            "학생이 어느 선택지를 받든 다른 학생과 같은 수치를 얻습니다",
        )
    };
    match lang {
        Lang::En => crate::errln!(
            "warning: {at}step `{step_id}`: {names} {verb} no answer here{why}: with the same seed, the variants {picks} give the same answer to every question. \
             {then}; vary a parameter that moves the answers, or drop the [[step.vary]]."
        ),
        Lang::Ko => crate::errln!(
            "경고: {at}단계 `{step_id}`: 여기서는 {names} 값을 바꿔도 어떤 답도 바뀌지 않습니다{why}: 같은 시드에서 변형 {picks}의 답이 모든 질문에서 같습니다. \
             {then_ko}. 답을 바꾸는 매개변수를 학생마다 달리하거나 [[step.vary]]를 빼세요."
        ),
    }
    Ok(true)
}

/// Each numeric question whose answer a sample student and their classmate with the same
/// picks (`pairs`: ids and answers) grade right for each other, listed (`` `q` s001 50.78
/// and s004 50.91 [instance_count=1] (±5%) ``), with the step's number of variants: the
/// seed alone does not separate them beyond the tolerance, so a student can hand in the
/// figure of a classmate who drew the same choices (about one in as many as the step has
/// variants). None when there is none. The caller notes it, in one note with the figures
/// other picks share when there are some too.
fn same_picks_list(
    assignment: &Assignment,
    index: usize,
    pairs: &[(&str, &str, &Vec<QuestionAnswer>, &Vec<QuestionAnswer>)],
    lang: Lang,
) -> Option<(String, usize)> {
    use sim_core::assignment::copyable_answers;
    let ko = matches!(lang, Lang::Ko);
    // Per question, in the step's order: each pair whose answers grade each other right.
    let mut found: Vec<(String, f64, Vec<String>)> = Vec::new();
    for &(id, twin, answers, twin_answers) in pairs {
        let picks = assignment.variant(index, Some(id)).picks_text();
        for c in copyable_answers(&[answers.clone(), twin_answers.clone()]) {
            let and = if ko { " / " } else { " and " };
            let pair = format!(
                "{} {}{and}{} {} [{picks}]",
                clean(id),
                c.answers[0],
                clean(twin),
                c.answers[1]
            );
            match found.iter_mut().find(|(q, _, _)| *q == c.question) {
                Some((_, _, list)) => list.push(pair),
                None => found.push((c.question.clone(), c.tolerance_percent, vec![pair])),
            }
        }
    }
    if found.is_empty() {
        return None;
    }
    let step = &assignment.steps[index];
    let variants: usize = step.vary.iter().map(|v| v.choices.len()).product();
    let list: Vec<String> = found
        .iter()
        .map(|(q, tolerance, pairs)| {
            format!(
                "`{}` {} (±{}%)",
                clean(q),
                pairs.join("; "),
                crate::output::figure(*tolerance)
            )
        })
        .collect();
    Some((list.join(", "), variants))
}

fn scenario_answers(
    file: &Path,
    text: &str,
    format: Format,
    seeds: Seeds,
    lang: Lang,
) -> Result<(), Failure> {
    let scenario = Scenario::from_toml(&crate::shown(file), text)
        .map_err(|e| Failure::Invalid(e.to_string_in(lang.core())))?;
    let places = crate::question_places::QuestionPlaces::of(&scenario);
    if let Some(range) = &seeds.seeds {
        let range = super::seeds::parse_seed_range(range, lang)?;
        return super::seeds::over_seeds(&scenario, &places, range, format, lang);
    }
    let mut at_seed = scenario.clone();
    if let Some(seed) = seeds.seed {
        at_seed.set_seed(seed);
    }
    let result = crate::run_with_progress(&at_seed, RunOptions::default(), lang)?;
    crate::output::warn_near_ties(
        &|id| places.get(id),
        &result.questions,
        matches!(lang, Lang::Ko),
    );
    crate::output::note_oom_killed_groups(places.file(), &result, matches!(lang, Lang::Ko));
    crate::output::note_thin_percentiles(&|id| places.get(id), &result, matches!(lang, Lang::Ko));
    let code = match lang {
        Lang::En => "en",
        Lang::Ko => "ko",
    };
    let out = match format {
        Format::Table => {
            let mut out = String::new();
            // Which seed a saved key was computed at (the notes go to stderr).
            if let Some(seed) = seeds.seed {
                let own = scenario.seed();
                let _ = writeln!(
                    out,
                    "{}",
                    match lang {
                        Lang::En =>
                            format!("(answers at --seed {seed}; the file's own seed is {own})"),
                        Lang::Ko =>
                            format!("(--seed {seed}에서의 답입니다. 파일의 시드는 {own}입니다)"),
                    }
                );
            }
            if result.questions.is_empty() {
                let _ = writeln!(
                    out,
                    "{}",
                    match lang {
                        Lang::En => "(the scenario has no questions)",
                        Lang::Ko => "(시나리오에 질문이 없습니다)",
                    }
                );
            }
            for q in &result.questions {
                questions(&mut out, q, code);
            }
            out
        }
        Format::Json | Format::Jsonl => {
            let answers: Vec<AnswerOut<'_>> = (result.questions.iter())
                .map(|q| AnswerOut {
                    seed: seeds.seed,
                    ..AnswerOut::of(q)
                })
                .collect();
            serde_json::to_string_pretty(&answers).context("serializing answers")? + "\n"
        }
        Format::Csv => {
            let mut out = String::from(
                "question,kind,answer,value,tolerance_percent,accepted_from,accepted_to\n",
            );
            for q in &result.questions {
                let (from, to) = accepted(q);
                let _ = writeln!(
                    out,
                    "{},{},{},{},{},{from},{to}",
                    csv_field(&q.id),
                    kind_name(q),
                    csv_field(&q.answer),
                    q.value.map_or(String::new(), |v| v.to_string()),
                    tolerance(q)
                );
            }
            out
        }
    };
    crate::out!("{out}")?;
    if let Some(seed) = seeds.seed {
        super::seeds::note_answers_that_differ(&scenario, &places, &result.questions, seed, lang)?;
    }
    Ok(())
}

fn kind_name(q: &QuestionAnswer) -> &'static str {
    match q.kind {
        sim_core::QuestionKind::Choice => "choice",
        sim_core::QuestionKind::Numeric => "numeric",
    }
}

/// What the reference variant (no `--student`) is, said under the table's heading where it
/// differs from a student's: each `[[step.vary]]` at its first choice, each step with a
/// student seed at its scenario's own seed (an instructor found it only in the docs).
/// `None` for an assignment without either: every student's variant is the reference.
fn reference_variant_line(a: &Assignment, ko: bool) -> Option<String> {
    let varies = a.steps.iter().any(|s| !s.vary.is_empty());
    let seeds = a.steps.iter().any(|s| s.student_seed);
    let what = match (varies, seeds, ko) {
        (false, false, _) => return None,
        (true, true, false) => {
            "each [[step.vary]] at its first choice and each step at its scenario's own seed"
        }
        (true, false, false) => "each [[step.vary]] at its first choice",
        (false, true, false) => "each step at its scenario's own seed",
        (true, true, true) => "각 [[step.vary]]는 첫 번째 선택지, 각 단계는 시나리오 자체의 시드",
        (true, false, true) => "각 [[step.vary]]는 첫 번째 선택지",
        (false, true, true) => "각 단계는 시나리오 자체의 시드",
    };
    Some(if ko {
        format!("기준 변형: {what}로 계산합니다. 한 학생의 변형은 --student ID로 계산합니다")
    } else {
        format!("reference variant: {what}; --student ID computes a student's variant")
    })
}

fn assignment_table(
    a: &Assignment,
    student: Option<&str>,
    computed: &[Vec<QuestionAnswer>],
    lang: &str,
) -> String {
    let ko = lang == "ko";
    let mut out = String::new();
    let who = match (student, ko) {
        (Some(s), false) => format!("student {}", clean(s)),
        (Some(s), true) => format!("학생 {}", clean(s)),
        (None, false) => "reference variant (no --student)".to_string(),
        (None, true) => "기준 변형(--student 없음)".to_string(),
    };
    // "6점 만점" as `validate` writes it; "6 points".
    let points = if ko {
        format!("{}점 만점", a.max_points())
    } else {
        format!("{} points", a.max_points())
    };
    let _ = writeln!(
        out,
        "{} ({}), {who}, {points}",
        clean(a.title.get(lang)),
        clean(&a.id),
    );
    if student.is_none() {
        if let Some(line) = reference_variant_line(a, ko) {
            let _ = writeln!(out, "{line}");
        }
    }
    for (index, step) in a.steps.iter().enumerate() {
        let variant = a.variant(index, student).describe();
        let _ = writeln!(
            out,
            "\n{} {}/{} `{}`: {}{}",
            if ko { "단계" } else { "step" },
            index + 1,
            a.steps.len(),
            clean(&step.id),
            clean(step.title.get(lang)),
            if variant.is_empty() {
                String::new()
            } else {
                format!(" [{variant}]")
            }
        );
        // Labelled (a reviewer found a bare hash line): grading matches answers to it.
        let _ = writeln!(
            out,
            "  {} {}",
            if lang == "ko" {
                "시나리오 버전:"
            } else {
                "scenario version:"
            },
            a.scenario_hash(index, student)
        );
        // In the order the page asks them (`Step::questions`): the predictions first.
        for q in &step.questions {
            let Some(answer) = computed[index].iter().find(|c| c.id == q.id) else {
                continue;
            };
            let mut block = String::new();
            questions(&mut block, answer, lang);
            let pt = if q.points == 1 { "pt" } else { "pts" };
            let tag = match (q.predict, ko) {
                (true, false) => format!("[{} {pt}, predict before run] ", q.points),
                (true, true) => format!("[{}점, 실행 전 예측] ", q.points),
                (false, false) => format!("[{} {pt}] ", q.points),
                (false, true) => format!("[{}점] ", q.points),
            };
            for (i, line) in block.lines().enumerate() {
                let _ = writeln!(out, "  {}{line}", if i == 0 { tag.as_str() } else { "" });
            }
        }
    }
    out
}

fn assignment_json(
    a: &Assignment,
    student: Option<&str>,
    computed: &[Vec<QuestionAnswer>],
) -> Result<String, Failure> {
    let steps: Vec<StepOut<'_>> = a
        .steps
        .iter()
        .enumerate()
        .map(|(index, step)| StepOut {
            step: &step.id,
            variant: a.variant(index, student).describe(),
            scenario_hash: a.scenario_hash(index, student),
            questions: step
                .questions
                .iter()
                .filter_map(|q| {
                    Some(QuestionOut {
                        points: q.points,
                        predict: q.predict,
                        answer: AnswerOut::of(computed[index].iter().find(|c| c.id == q.id)?),
                    })
                })
                .collect(),
        })
        .collect();
    let out = serde_json::json!({
        "assignment": a.id,
        "student": student,
        "max_points": a.max_points(),
        "steps": steps,
    });
    Ok(serde_json::to_string_pretty(&out).context("serializing answers")? + "\n")
}

fn assignment_csv(
    a: &Assignment,
    student: Option<&str>,
    computed: &[Vec<QuestionAnswer>],
) -> String {
    let mut out = String::from(
        "student,step,question,kind,points,predict,answer,value,tolerance_percent,variant,scenario_hash,accepted_from,accepted_to\n",
    );
    for (index, step) in a.steps.iter().enumerate() {
        let variant = a.variant(index, student).describe();
        let hash = a.scenario_hash(index, student);
        for q in &step.questions {
            let Some(c) = computed[index].iter().find(|c| c.id == q.id) else {
                continue;
            };
            let (from, to) = accepted(c);
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{},{},{from},{to}",
                csv_field(student.unwrap_or("")),
                csv_field(&step.id),
                csv_field(&q.id),
                kind_name(c),
                q.points,
                q.predict,
                csv_field(&c.answer),
                c.value.map_or(String::new(), |v| v.to_string()),
                tolerance(c),
                csv_field(&variant),
                hash
            );
        }
    }
    out
}

/// The lowest and highest answer a numeric question accepts, as the grader reads figures
/// (`QuestionAnswer::accepted_range_shown`: the value's tolerance and the printed
/// figure's rounding); empty for a choice or without a range. A spreadsheet of the key
/// had only the value and the tolerance, not the ±0.005 a two-decimal figure also allows.
fn accepted(q: &sim_core::QuestionAnswer) -> (String, String) {
    q.accepted_range_shown()
        .map_or((String::new(), String::new()), |(low, high, d)| {
            (format!("{low:.d$}"), format!("{high:.d$}"))
        })
}

/// A numeric question's tolerance; empty for a choice (a platform is right or not).
fn tolerance(q: &sim_core::QuestionAnswer) -> String {
    match q.kind {
        sim_core::QuestionKind::Numeric => q.tolerance_percent.to_string(),
        sim_core::QuestionKind::Choice => String::new(),
    }
}
