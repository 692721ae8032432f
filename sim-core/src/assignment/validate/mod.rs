//! Validation of an assignment file into [`Assignment`], with located errors.
//!
//! Errors in the assignment are located in it; errors of a library scenario in that
//! scenario's file; errors of an embedded scenario at their line inside the assignment.
//! Every variant a student can get (each combination of choices) is validated, so that
//! no student id can produce a scenario that does not run or a question without answer.
//!
//! This file reads the file (`read`: every table, each step through `step.rs`, the warnings
//! after); `step.rs` validates one step: its scenario, then `vary.rs` (its `[[step.vary]]`)
//! and `questions.rs`; `variants.rs` makes and checks each variant a student can get;
//! `warnings.rs` says what validates but cannot show its point; `names.rs` and `base.rs`
//! hold what the others share (ids and name guesses; the errors gathered, what the reading
//! found, where a step is written).

mod base;
mod names;
mod questions;
mod step;
mod variants;
mod vary;
mod warnings;

pub(super) use base::Errors;
use base::{
    fail, first_empty_text, missing_text, placeholder_before_any_run, taken_out, Found, Placed,
};
use names::{bad_id, valid_id};
use step::validate_step;
pub(super) use variants::prepared;
pub use variants::Variants;
use variants::{all_variants, prepared_with};
use warnings::{left_out_questions, step_warnings};

use crate::assignment::read::{read_past, Part, Poisoned};
use crate::assignment::{
    Assignment, Library, Step, MAX_ASSIGNMENT_BYTES, MAX_ASSIGNMENT_ESTIMATED_EVENTS, MAX_STEPS,
    MAX_TOTAL_VARIANTS,
};
use crate::scenario::error::{msg, Key, Validator};
use crate::scenario::{ScenarioError, MAX_ERRORS_SHOWN, PROBE_READS_PAST};

#[cfg_attr(target_arch = "wasm32", inline)] // for size: see `Assignment::from_toml`
pub(super) fn from_toml(
    file_name: &str,
    text: &str,
    library: &dyn Library,
    variants_checked: Variants,
) -> Result<Assignment, Errors> {
    read(file_name, text, library, variants_checked, true)
}

/// A reading error of `text` (the file's, mistakes read past taken out) as the file's
/// error; `probe`: a whole number too large for its field's type is reported with the
/// field's range, found by validating the text with a number above every range in its
/// place (as a scenario's, `Scenario::read`); not when reading such a probe.
#[cfg_attr(target_arch = "wasm32", inline)] // for size: see `Assignment::from_toml`
fn reading_error(
    file_name: &str,
    text: &str,
    e: crate::toml_reader::ReadError,
    library: &dyn Library,
    probe: bool,
) -> ScenarioError {
    // A scenario given where an assignment belongs: say so, not "unknown field `host`".
    use crate::scenario::error::table_header;
    if let (Some(at), None) = (
        table_header(text, "[scenario]"),
        table_header(text, "[assignment]"),
    ) {
        return Validator::unparsed(file_name, text).error(
            at..at + "[scenario]".len(),
            msg!(
                "wrong_kind",
                "this is a scenario file, not an assignment (an assignment has an [assignment] table and [[step]] tables naming scenarios; `virtsim new assignment NAME` writes one)",
                "과제 파일이 아니라 시나리오 파일입니다 (과제에는 [assignment] 표와 시나리오를 가리키는 [[step]] 표가 있습니다; `virtsim new assignment NAME`이 과제를 만듭니다)"
            ),
        );
    }
    let span = e.span().unwrap_or(0..0);
    let message = e.message().trim().replace('\n', " ");
    crate::scenario::error::parser_error(file_name, text, span, message, &|at, number| {
        use crate::scenario::error::FieldRange;
        if !probe || at.is_empty() || at.end > text.len() {
            return FieldRange::Unknown;
        }
        let number = number.to_string();
        let probed = format!("{}{number}{}", &text[..at.start], &text[at.end..]);
        match read(file_name, &probed, library, Variants::First, false) {
            Ok(_) => FieldRange::NoneWritten,
            Err(errors) => FieldRange::said(text, &at, &errors.0, &number),
        }
    })
}

/// [`from_toml`]; `probe`: see [`reading_error`]. Every independent error of the file, in
/// its order: the reading goes past an unknown value, an unknown key or a value of the
/// wrong type ([`super::read`]); then the `[assignment]` table and each step are checked
/// on their own (a step's scenario, its variation and each of its questions), each
/// reporting its first error, a part with a mistake read past without what may follow
/// from it; the steps' variants and the assignment's totals only once everything else is
/// valid.
#[cfg_attr(target_arch = "wasm32", inline)] // for size: see `Assignment::from_toml`
fn read(
    file_name: &str,
    text: &str,
    library: &dyn Library,
    variants_checked: Variants,
    probe: bool,
) -> Result<Assignment, Errors> {
    if text.len() > MAX_ASSIGNMENT_BYTES {
        return fail(Validator::unparsed(file_name, text).error(
            0..0,
            msg!(
                "file_too_large",
                "assignment file is {size} bytes; at most {limit} bytes are accepted",
                "과제 파일이 {size}바이트입니다. 최대 {limit}바이트까지 받습니다",
                size = text.len(),
                limit = MAX_ASSIGNMENT_BYTES
            ),
        ));
    }
    if let Some(e) = crate::scenario::bidi_control_error(file_name, text) {
        return fail(e);
    }
    let limit = if probe {
        MAX_ERRORS_SHOWN
    } else {
        PROBE_READS_PAST
    };
    let reading = read_past(file_name, text, limit, |text, e| {
        reading_error(file_name, text, e, library, probe)
    });
    let mut found = Found::default();
    for e in reading.errors {
        found.push(e);
    }
    // The errors found from here on are in the text read (`reading.text`).
    found.grown = (file_name.to_string(), reading.grown);
    let Some(raw) = reading.raw else {
        return Err(Errors(found.in_file_order()));
    };
    let poisoned = reading.poisoned;
    let v = Validator::new(file_name, &reading.text);
    let id = raw.assignment.id.get_ref().clone();
    let in_assignment = |key: &str| taken_out(&poisoned, Part::Assignment, key);
    // A value read in another's place: nothing of the table is checked.
    if !(poisoned.iter()).any(|p| p.part == Part::Assignment && !p.loose) {
        if !valid_id(&id) {
            found.push(bad_id(&v, raw.assignment.id.span(), &id));
        }
        if raw.assignment.title.is_none() && !in_assignment("title") {
            found.push(missing_text(&v, &[Key::Name("assignment")], "title"));
        }
        if let Err(e) = first_empty_text(
            &v,
            &[
                (
                    raw.assignment.title.as_ref(),
                    &[Key::Name("assignment"), Key::Name("title")],
                ),
                (
                    raw.assignment.intro.as_ref(),
                    &[Key::Name("assignment"), Key::Name("intro")],
                ),
            ],
            ("", ""),
        ) {
            found.push(e);
        }
        if let Some(e) =
            (raw.assignment.intro.as_ref()).and_then(|intro| placeholder_before_any_run(&v, intro))
        {
            found.push(e);
        }
    }
    if raw.steps.is_empty() {
        found.push(v.error(
            raw.assignment.id.span(),
            msg!(
                "no_steps",
                "an assignment needs at least one [[step]]",
                "과제에는 [[step]]이 하나 이상 있어야 합니다"
            ),
        ));
    }
    if raw.steps.len() > MAX_STEPS {
        found.push(v.error(
            raw.steps[MAX_STEPS].id.span(),
            msg!(
                "too_many",
                "at most {limit} steps are accepted; got {got}",
                "단계(step)는 최대 {limit}개까지 받습니다. {got}개가 있습니다",
                limit = MAX_STEPS,
                got = raw.steps.len()
            ),
        ));
    }
    // Each step on its own (the first MAX_STEPS): its id, then `validate_step`.
    // With each its index in the file and whether the reading read past nothing in it.
    let mut steps: Vec<(usize, Step, bool)> = Vec::new();
    let mut ids: Vec<&str> = Vec::new();
    for (index, s) in raw.steps.iter().enumerate().take(MAX_STEPS) {
        let step_id = s.id.get_ref();
        if !valid_id(step_id) {
            found.push(bad_id(&v, s.id.span(), step_id));
        }
        if ids.contains(&step_id.as_str()) {
            found.push(v.error(
                s.id.span(),
                msg!(
                    "duplicate",
                    "step id `{name}` is used twice",
                    "단계 id `{name}`이(가) 두 번 쓰였습니다",
                    name = step_id
                ),
            ));
        }
        ids.push(step_id);
        let at = v.span_of(&[Key::Name("step"), Key::Index(index)]).start;
        let step_poisoned: Vec<&Poisoned> =
            poisoned.iter().filter(|p| p.part.of_step(at)).collect();
        let step = Placed {
            section: s,
            index,
            at,
            poisoned: &step_poisoned,
        };
        let clean = step_poisoned.is_empty();
        if let Some(step) = validate_step(&v, &step, raw.assignment.reveal, library, &mut found) {
            steps.push((index, step, clean));
        }
    }
    if found.len() > 0 {
        // A step whose own checks passed is still checked as a student gets it (its first
        // variant: its questions asked of its scenario), so that one step's mistake hides
        // no other step's; a step the reading read past a mistake in is left to the next
        // reading (what follows from the mistake would be said too).
        for (index, step, _) in steps.iter().filter(|(.., clean)| *clean) {
            if let Some(first) = all_variants(step).first() {
                if let Err(e) = prepared_with(&v, step, (*index, &raw.steps[*index]), first) {
                    found.push(e);
                }
            }
        }
        return Err(Errors(found.in_file_order()));
    }
    let steps = steps.into_iter().map(|(_, step, _)| step).collect();
    let mut assignment = Assignment {
        file_name: file_name.to_string(),
        id,
        title: raw.assignment.title.clone().unwrap_or_default(),
        intro: raw.assignment.intro.clone(),
        steps,
        raw,
        source: text.to_string(),
        warnings: Vec::new(),
        notes: Vec::new(),
        step_events: Vec::new(),
        step_durations: Vec::new(),
    };
    // Every variant of every step must give a scenario that runs and answers; each is a
    // validation of the scenario, so their number is bounded for the whole file.
    let total: usize = assignment.steps.iter().map(|s| all_variants(s).len()).sum();
    if total > MAX_TOTAL_VARIANTS {
        return fail(v.error(
            assignment.raw.assignment.id.span(),
            msg!(
                "too_many",
                "the steps have {got} variants in all (each is validated); at most {limit} are accepted: list fewer choices",
                "모든 단계의 변형이 합쳐서 {got}가지입니다(변형마다 검증합니다). 최대 {limit}가지까지 받습니다. 선택지를 줄이세요",
                got = total,
                limit = MAX_TOTAL_VARIANTS
            ),
        ));
    }
    // Each step's variants: the first error of each step's.
    for (index, s) in assignment.steps.iter().enumerate() {
        let variants = all_variants(s);
        let checked = if variants_checked == Variants::All {
            &variants[..]
        } else {
            &variants[..variants.len().min(1)]
        };
        let (mut most, mut duration_ms) = (0u64, 0u64);
        for variant in checked {
            match prepared_with(&v, s, (index, &assignment.raw.steps[index]), variant) {
                Ok(scenario) => {
                    let events = scenario.estimated_events();
                    if events > most || duration_ms == 0 {
                        (most, duration_ms) = (events.max(most), scenario.duration_ms);
                    }
                }
                Err(e) => {
                    found.push(e);
                    break;
                }
            }
        }
        assignment.step_events.push(most);
        assignment.step_durations.push(duration_ms);
    }
    if found.len() > 0 {
        return Err(Errors(found.in_file_order()));
    }
    // `virtsim answers --student` and `grade` run every step for each student: the steps
    // together get one scenario's budget. Located at the step that takes the sum over it.
    let events = assignment.estimated_events();
    if events > MAX_ASSIGNMENT_ESTIMATED_EVENTS {
        let mut sum = 0u64;
        let over = assignment
            .step_events
            .iter()
            .position(|&e| {
                sum = sum.saturating_add(e);
                sum > MAX_ASSIGNMENT_ESTIMATED_EVENTS
            })
            .unwrap_or(0);
        return fail(v.error(
            assignment.raw.steps[over].id.span(),
            msg!(
                "assignment_too_many_events",
                "one student's run of every step would need about {events} events (limit {max}, as for one scenario: `virtsim answers --student` and `grade` run every step for each student); step `{step}` takes the sum over the limit: use fewer steps, or shorten their scenarios' duration_ms (or use fewer instances)",
                "학생 한 명이 모든 단계를 실행하면 이벤트가 약 {events}개 필요합니다 (한도 {max}, 시나리오 하나와 같음: `virtsim answers --student`와 `grade`는 학생마다 모든 단계를 실행합니다). 단계 `{step}`에서 합이 한도를 넘습니다: 단계를 줄이거나 시나리오의 duration_ms를 줄이세요(또는 인스턴스를 줄이세요)",
                events = crate::text::thousands(&events.to_string()),
                max = crate::text::thousands(&MAX_ASSIGNMENT_ESTIMATED_EVENTS.to_string()),
                step = assignment.steps[over].id
            ),
        ));
    }
    assignment.warnings = step_warnings(&v, &assignment);
    assignment.notes = left_out_questions(&v, &assignment);
    Ok(assignment)
}
