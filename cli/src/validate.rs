//! The `validate` command: each file checked as a scenario or an assignment, its errors
//! or its line ("ok" with the run's estimated cost) and warnings; a stream read once.

use std::path::{Path, PathBuf};

use sim_core::Scenario;

use crate::estimate::{cost_estimate, page_limit_note};
use crate::files::{cannot_read, load, scenario_too_large, shown, utf8};
use crate::{batch, coursework, output, report, Failure, Lang};

/// `validate` of what is not a regular file (a pipe, `/dev/stdin`, `-`): it can be read only
/// once, so it is read whole (up to the largest assignment), then checked as what it
/// holds. Gives the exit code.
fn validate_stream(path: &Path, lang: Lang) -> Result<u8, Failure> {
    use std::io::Read;
    let limit = sim_core::assignment::MAX_ASSIGNMENT_BYTES;
    let mut bytes = Vec::new();
    let read = if crate::files::is_stdin(path) {
        (std::io::stdin().lock().take(limit as u64 + 1)).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit as u64 + 1).read_to_end(&mut bytes))
    };
    if let Err(e) = read {
        return Ok(report(cannot_read(path, lang, &e)));
    }
    // Longer than an assignment may be: too long for either kind; named as an assignment
    // only if it starts like one (`/dev/zero` is a scenario file too long).
    if bytes.len() > limit {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]);
        return Ok(report(if coursework::is_assignment(&head) {
            coursework::too_large(path, lang, limit)
        } else {
            scenario_too_large(path, lang, None)
        }));
    }
    let text = match utf8(path, bytes, lang) {
        Ok(text) => text,
        Err(failure) => return Ok(report(failure)),
    };
    if coursework::is_assignment(&text) {
        return Ok(coursework::validate_text(path, &text, lang));
    }
    if text.len() > sim_core::scenario::MAX_FILE_BYTES {
        return Ok(report(scenario_too_large(
            path,
            lang,
            Some(text.len() as u64),
        )));
    }
    match Scenario::from_toml_all(&shown(path), &text) {
        Ok(scenario) => print_valid_scenario(path, &scenario, lang),
        Err(errors) => Ok(report(crate::failure::invalid_with_warnings(
            &shown(path),
            &errors,
            &text,
            lang,
        ))),
    }
}

/// `validate`'s line for a valid scenario, then on stderr its warnings
/// ([`Scenario::warnings`]: a group OOM-killed even alone), each as `warning:
/// FILE:LINE:COLUMN: message` (`경고:` in Korean); gives the exit code (0: warnings do not
/// make it invalid).
fn print_valid_scenario(path: &Path, scenario: &Scenario, lang: Lang) -> Result<u8, Failure> {
    // "정상" in Korean, as an assignment's line says it (a reviewer saw both side by side).
    let ok = match lang {
        Lang::En => "ok",
        Lang::Ko => "정상",
    };
    crate::outln!("{}: {ok} ({})", shown(path), cost_estimate(scenario, lang))?;
    if let Some(note) = page_limit_note(scenario, lang) {
        let label = match lang {
            Lang::En => "note",
            Lang::Ko => "참고",
        };
        eprintln!("{label}: {}: {note}", shown(path));
    }
    output::print_warnings(&shown(path), &scenario.warnings(), lang);
    Ok(0)
}

/// `validate`: every file (and every scenario and assignment in a directory given) is
/// reported; the exit code is the worst one (1 beats 2 beats 0).
pub(crate) fn run(files: &[PathBuf], lang: Lang) -> Result<(), Failure> {
    let files = batch::expand(files, lang, batch::Assignments::Keep)?;
    // Every file is reported; the exit code is the worst one (1 beats 2 beats 0).
    let mut worst = 0;
    for file in &files {
        let regular = std::fs::metadata(file).is_ok_and(|m| m.is_file());
        let code = if !regular {
            validate_stream(file, lang)?
        } else {
            match coursework::validate_file(file, lang) {
                Some(code) => code,
                None => match load(file, lang) {
                    Ok(scenario) => print_valid_scenario(file, &scenario, lang)?,
                    Err(failure) => report(failure),
                },
            }
        };
        worst = match (worst, code) {
            (1, _) | (_, 1) => 1,
            (a, b) => a.max(b),
        };
    }
    if worst == 0 {
        Ok(())
    } else {
        Err(Failure::Reported(worst))
    }
}
