//! One step of an assignment validated: its scenario (from the library, a file or embedded)
//! read and checked, then its variation and questions.

use super::base::{fail, first_empty_text, missing_text, Errors, Found, Placed};
use super::names::{library_guess, library_style, names_list};
use super::questions::step_questions;
use super::vary::step_variation;
use crate::assignment::relocation::Relocation;

use crate::assignment::format::StepSection;
use crate::assignment::read::Part;
use crate::assignment::{Library, Step, StepSource};
use crate::scenario::error::{msg, Key, Validator};
use crate::scenario::{line_column, validate_question, Scenario};

/// The step, validated; or None with its errors added to `found`, every independent one:
/// its texts, its scenario's (every one of them), its variation's first, each question's
/// first (a question's metric and platforms checked against the scenario as written).
/// What depends on a part with an error, or on an entry taken out by the reading
/// (`step.poisoned`), is not checked: the variation and the questions need the scenario;
/// the variants, a step without any error.
#[cfg_attr(target_arch = "wasm32", inline)] // for size: it reads scenarios (see `Assignment::from_toml`)
pub(super) fn validate_step(
    v: &Validator<'_>,
    step: &Placed<'_>,
    reveal: bool,
    library: &dyn Library,
    found: &mut Found,
) -> Option<Step> {
    let (s, index) = (step.section, step.index);
    if (step.poisoned.iter()).any(|p| p.part == Part::Step(step.at) && !p.loose) {
        // A value read in another's place: nothing of the step is checked.
        return None;
    }
    let before = found.len();
    let step_id = s.id.get_ref().clone();
    let at = |key| [Key::Name("step"), Key::Index(index), Key::Name(key)];
    for (text, key) in [(&s.title, "title"), (&s.intro, "intro")] {
        if text.is_none() && !step.taken_out(key) {
            found.push(missing_text(
                v,
                &[Key::Name("step"), Key::Index(index)],
                key,
            ));
        }
    }
    if let Err(e) = first_empty_text(
        v,
        &[
            (s.title.as_ref(), &at("title")),
            (s.intro.as_ref(), &at("intro")),
        ],
        (
            &format!("step `{step_id}`: "),
            &format!("단계 `{step_id}`: "),
        ),
    ) {
        found.push(e);
    }
    if step.taken_out("scenario") || step.taken_out("scenario_toml") {
        return None;
    }
    let (source, scenario) = match step_scenario(v, s, &step_id, library) {
        Ok(read) => read,
        Err(Errors(errors)) => {
            let named =
                (s.scenario.as_ref()).map_or((0, 0), |n| line_column(v.text, n.span().start));
            for e in errors {
                found.push_of_scenario(v.file, named, e);
            }
            return None;
        }
    };
    let vary = if step.taken_out("vary") {
        Vec::new()
    } else {
        step_variation(v, step, &step_id, &scenario, found)
    };
    let questions = step_questions(v, step, &step_id, &scenario, found);
    if found.len() > before || !step.poisoned.is_empty() {
        // Not valid: each question of the step's own checked against the scenario as
        // written (its variants are checked once the step is valid).
        for (number, q) in s.questions.iter().enumerate() {
            if step.table_poisoned(v, "question", number) {
                continue;
            }
            let platforms = (&scenario.platforms, &scenario.instances);
            if let Err(e) = validate_question(
                v,
                &q.as_question(),
                platforms.0,
                platforms.1,
                scenario.sweep.as_ref(),
            ) {
                found.push(e);
            }
        }
        return None;
    }
    Some(Step {
        id: step_id,
        title: s.title.clone().unwrap_or_default(),
        intro: s.intro.clone().unwrap_or_default(),
        source,
        scenario,
        reveal: s.reveal.unwrap_or(reveal),
        student_seed: s.student_seed,
        vary,
        questions,
    })
}

/// The step's scenario: a library file (`scenario`, resolved by `library`) or one embedded
/// in the assignment (`scenario_toml`), read and validated.
#[cfg_attr(target_arch = "wasm32", inline)] // for size: a part of `validate_step` (see `Assignment::from_toml`)
pub(super) fn step_scenario(
    v: &Validator<'_>,
    s: &StepSection,
    step_id: &str,
    library: &dyn Library,
) -> Result<(StepSource, Scenario), Errors> {
    Ok(match (&s.scenario, &s.scenario_toml) {
        (Some(name), None) => {
            let Some(text) = library.scenario(name.get_ref()) else {
                let known = library.names();
                // A slip of a letter: the name the listed library has nearest to it.
                let listed_guess = || {
                    let names: Vec<&str> = known.iter().map(String::as_str).collect();
                    crate::scenario::guess(name.get_ref(), &names).map(str::to_string)
                };
                if let Some(meant) = library_guess(name.get_ref(), library).or_else(listed_guess)
                {
                    if library.reads_paths() && !known.contains(&meant) {
                        // A file of the author's own beside the assignment, not the library's.
                        return fail(v.error(
                            name.span(),
                            msg!(
                                "unknown_scenario",
                                "step `{step}`: no scenario `{name}`; did you mean the file `{meant}` beside the assignment? (a scenario file is named with its .toml)",
                                "단계 `{step}`: 시나리오 `{name}`이(가) 없습니다. 혹시 과제 파일 옆의 파일 `{meant}`인가요? (시나리오 파일은 .toml까지 씁니다)",
                                step = step_id,
                                name = name.get_ref(),
                                meant = meant
                            ),
                        ));
                    }
                    return fail(v.error(
                        name.span(),
                        msg!(
                            "unknown_scenario",
                            "step `{step}`: no library scenario `{name}`; did you mean `{meant}`? (a library scenario is named by its file name)",
                            "단계 `{step}`: 라이브러리에 시나리오 `{name}`이(가) 없습니다. 혹시 `{meant}`인가요? (라이브러리 시나리오는 파일 이름으로 씁니다)",
                            step = step_id,
                            name = name.get_ref(),
                            meant = meant
                        ),
                    ));
                }
                if let Some(why) = library.unreadable(name.get_ref()) {
                    // The CLI found a file of that name it could not read: say why, not
                    // that there is none.
                    let path = library.file_label(name.get_ref());
                    let m = match why {
                        crate::assignment::Unreadable::Directory => msg!(
                            "unreadable_scenario",
                            "step `{step}`: scenario `{path}` is a directory; name a scenario file (.toml) in it",
                            "단계 `{step}`: 시나리오 `{path}`은(는) 디렉터리입니다. 그 안의 시나리오 파일(.toml)을 쓰세요",
                            step = step_id,
                            path = path
                        ),
                        crate::assignment::Unreadable::TooLarge(bytes) => msg!(
                            "unreadable_scenario",
                            "step `{step}`: scenario file `{path}` is {bytes} bytes; a scenario file is at most {max}",
                            "단계 `{step}`: 시나리오 파일 `{path}`은(는) {bytes}바이트입니다. 시나리오 파일은 최대 {max}바이트입니다",
                            step = step_id,
                            path = path,
                            bytes = bytes,
                            max = crate::scenario::MAX_FILE_BYTES
                        ),
                        crate::assignment::Unreadable::NotUtf8 => msg!(
                            "unreadable_scenario",
                            "step `{step}`: scenario file `{path}` is not UTF-8 text; save it as UTF-8",
                            "단계 `{step}`: 시나리오 파일 `{path}`은(는) UTF-8 텍스트가 아닙니다. UTF-8로 저장하세요",
                            step = step_id,
                            path = path
                        ),
                    };
                    return fail(v.error(name.span(), m));
                }
                if !known.is_empty() && library.reads_paths() {
                    // The CLI: neither a library name nor a file beside the assignment.
                    return fail(v.error(
                        name.span(),
                        msg!(
                            "unknown_scenario",
                            "step `{step}`: `{name}` is neither a library scenario nor a file (looked for at {path}, relative to the assignment file); the library has {expected}. A scenario file of your own is read at its path relative to the assignment file, by `virtsim` only: the page reads no files, so embed it with scenario_toml = '''...''' before handing the assignment out",
                            "단계 `{step}`: `{name}`은(는) 라이브러리 시나리오도 아니고 파일도 아닙니다(과제 파일 기준 상대 경로 {path}에서 찾음). 라이브러리에 있는 시나리오: {expected}. 직접 만든 시나리오 파일은 과제 파일 기준 상대 경로로 `virtsim`만 읽습니다: 페이지는 파일을 읽지 않으므로, 과제를 나눠 주기 전에 scenario_toml = '''...'''로 넣으세요",
                            step = step_id,
                            name = name.get_ref(),
                            path = library.file_label(name.get_ref()),
                            expected = names_list(&known)
                        ),
                    ));
                }
                if !known.is_empty() {
                    // The library lists its names: the ones there are.
                    return fail(v.error(
                        name.span(),
                        msg!(
                            "unknown_scenario",
                            "step `{step}`: the library has no scenario `{name}`; it has {expected}. The page reads library scenarios only, no files: embed a scenario of your own with scenario_toml = '''...''' (`virtsim` also reads a path relative to the assignment file)",
                            "단계 `{step}`: 라이브러리에 시나리오 `{name}`이(가) 없습니다. 있는 시나리오: {expected}. 페이지는 라이브러리 시나리오만 읽고 파일은 읽지 않습니다: 직접 만든 시나리오는 scenario_toml = '''...'''로 넣으세요(`virtsim`은 과제 파일 기준 상대 경로의 파일도 읽습니다)",
                            step = step_id,
                            name = name.get_ref(),
                            expected = names_list(&known)
                        ),
                    ));
                }
                if library_style(name.get_ref()) {
                    // Written as a library file name is: suggesting one would suggest it
                    // again. The resolver (a caller's closure, which cannot list its
                    // names) has no such file.
                    return fail(v.error(
                        name.span(),
                        msg!(
                            "unknown_scenario",
                            "step `{step}`: the library has no scenario `{name}`: check the name against the files of scenarios/, or embed the scenario with scenario_toml = '''...'''",
                            "단계 `{step}`: 라이브러리에 시나리오 `{name}`이(가) 없습니다: scenarios/의 파일 이름과 맞는지 확인하거나 scenario_toml = '''...'''로 시나리오를 직접 넣으세요",
                            step = step_id,
                            name = name.get_ref()
                        ),
                    ));
                }
                return fail(v.error(
                    name.span(),
                    msg!(
                        "unknown_scenario",
                        "step `{step}`: no library scenario `{name}`; give the file name of a scenario in scenarios/ (e.g. \"type1-vs-type2.toml\") or embed one with scenario_toml = '''...'''",
                        "단계 `{step}`: 라이브러리에 시나리오 `{name}`이(가) 없습니다. scenarios/에 있는 시나리오의 파일 이름(예: \"type1-vs-type2.toml\")을 쓰거나 scenario_toml = '''...'''로 직접 넣으세요",
                        step = step_id,
                        name = name.get_ref()
                    ),
                ));
            };
            let scenario = Scenario::from_toml_all(&library.file_label(name.get_ref()), &text)
                .map_err(Errors)?;
            (StepSource::Library(name.get_ref().clone()), scenario)
        }
        (None, Some(embedded)) => {
            // Every independent error of the embedded scenario, each at its place in the
            // assignment.
            let scenario = Scenario::from_toml_all(v.file, embedded.get_ref()).map_err(|all| {
                let place = Relocation::of(v.text, embedded);
                Errors(all.into_iter().map(|e| place.apply(e)).collect())
            })?;
            (StepSource::Embedded, scenario)
        }
        (Some(_), Some(embedded)) => {
            return fail(v.error(
                embedded.span(),
                msg!(
                    "conflict",
                    "step `{step}`: give either scenario (a library file name) or scenario_toml (an embedded scenario), not both",
                    "단계 `{step}`: scenario(라이브러리 파일 이름)와 scenario_toml(직접 넣은 시나리오) 중 하나만 쓰세요",
                    step = step_id
                ),
            ))
        }
        (None, None) => {
            return fail(v.error(
                s.id.span(),
                msg!(
                    "missing_field",
                    "step `{step}` needs scenario = \"<library file name>\" or scenario_toml = '''<scenario>'''",
                    "단계 `{step}`에는 scenario = \"<라이브러리 파일 이름>\" 또는 scenario_toml = '''<시나리오>'''가 필요합니다",
                    step = step_id
                ),
            ))
        }
    })
}
