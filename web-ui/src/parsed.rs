//! The last scenario text read, kept parsed, and the last settings applied to it: a
//! slider's move re-validates and re-runs the same text with other settings, and reading
//! it again (TOML, then validation: a few milliseconds in wasm for the library's larger
//! files) would be done three times on the main thread (validation, the run's layout of
//! jobs, the result's step-through) and once in each worker, the workers' part on the path
//! of every re-run; the settings are applied (and validated) once for all three.
//! [`scenario`] gives the reading, [`adjusted`] the reading with the settings applied.

use std::cell::RefCell;
use std::rc::Rc;

use crate::sim::{Adjustments, Scenario, ScenarioError};

/// A scenario read from a text, and the settings applied to it (with what they gave).
type Applied = (Rc<Scenario>, Adjustments, Rc<Scenario>);

thread_local! {
    /// The file name and text last read without an error, and what they read as.
    static LAST: RefCell<Option<(String, String, Rc<Scenario>)>> = const { RefCell::new(None) };
    /// The settings last applied without an error, to which scenario, and the result.
    static APPLIED: RefCell<Option<Applied>> = const { RefCell::new(None) };
}

/// `Scenario::from_toml_all(file, text)` (every independent error, in the file's order),
/// from the last reading when it was of the same file name and text (a pure function of
/// them: the same scenario either way).
pub fn scenario(file: &str, text: &str) -> Result<Rc<Scenario>, Vec<ScenarioError>> {
    let kept = LAST.with(|last| {
        last.borrow()
            .as_ref()
            .filter(|(f, t, _)| f == file && t == text)
            .map(|(_, _, s)| s.clone())
    });
    if let Some(scenario) = kept {
        return Ok(scenario);
    }
    let scenario = Rc::new(Scenario::from_toml_all(file, text)?);
    LAST.with(|last| {
        *last.borrow_mut() = Some((file.to_owned(), text.to_owned(), scenario.clone()));
    });
    Ok(scenario)
}

/// `scenario(file, text)` with `adjustments` applied (`Scenario::adjusted`), from the last
/// application when it was of the same settings to the same reading. An error of the text
/// is its first in the file's order (as `Scenario::from_toml` gives it).
pub fn adjusted(
    file: &str,
    text: &str,
    adjustments: &Adjustments,
) -> Result<Rc<Scenario>, ScenarioError> {
    let base = scenario(file, text).map_err(|mut errors| errors.swap_remove(0))?;
    let kept = APPLIED.with(|applied| {
        applied
            .borrow()
            .as_ref()
            .filter(|(b, a, _)| Rc::ptr_eq(b, &base) && a == adjustments)
            .map(|(_, _, s)| s.clone())
    });
    if let Some(scenario) = kept {
        return Ok(scenario);
    }
    let scenario = Rc::new(base.adjusted(adjustments)?);
    APPLIED.with(|applied| {
        *applied.borrow_mut() = Some((base, adjustments.clone(), scenario.clone()));
    });
    Ok(scenario)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[scenario]\nname = \"t\"\nduration_ms = 1\n[host]\ncores = 2\nmemory_gib = 8\n[[platform]]\nname = \"c\"\nkind = \"container\"\n[[instance]]\nname = \"i\"\nworkload = \"cpu-bound\"\n";

    #[test]
    fn the_same_text_is_read_once_and_another_text_again() {
        let a = scenario("t.toml", TEXT).unwrap();
        let b = scenario("t.toml", TEXT).unwrap();
        assert!(Rc::ptr_eq(&a, &b));
        let other = TEXT.replace("duration_ms = 1", "duration_ms = 2");
        let c = scenario("t.toml", &other).unwrap();
        assert!(!Rc::ptr_eq(&a, &c));
        assert_eq!(c.duration_ms, 2);
        // Another file name is another reading (error messages name the file).
        let d = scenario("u.toml", &other).unwrap();
        assert!(!Rc::ptr_eq(&c, &d));
    }

    #[test]
    fn the_same_settings_are_applied_once() {
        let seed = |s| Adjustments {
            seed: Some(s),
            ..Default::default()
        };
        let a = adjusted("t.toml", TEXT, &seed(5)).unwrap();
        let b = adjusted("t.toml", TEXT, &seed(5)).unwrap();
        assert!(Rc::ptr_eq(&a, &b));
        assert_eq!(a.seed(), 5);
        let c = adjusted("t.toml", TEXT, &seed(6)).unwrap();
        assert_eq!(c.seed(), 6);
        let too_many = Adjustments {
            host_cores: Some(0),
            ..Default::default()
        };
        assert!(adjusted("t.toml", TEXT, &too_many).is_err());
        assert!(Rc::ptr_eq(&c, &adjusted("t.toml", TEXT, &seed(6)).unwrap()));
    }

    /// Every independent error, in the file's order, the first of them `from_toml`'s.
    #[test]
    fn every_error_of_a_text_is_given() {
        let text = TEXT
            .replace("cores = 2", "cores = 0")
            .replace("cpu-bound", "cpu-bund");
        let errors = scenario("t.toml", &text).unwrap_err();
        let places: Vec<(usize, usize)> = errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(places, [(5, 9), (12, 12)]);
        assert_eq!(Scenario::from_toml("t.toml", &text).unwrap_err(), errors[0]);
        assert_eq!(
            adjusted("t.toml", &text, &Adjustments::default()).unwrap_err(),
            errors[0]
        );
    }

    #[test]
    fn an_error_is_not_kept() {
        assert!(scenario("t.toml", "[scenario").is_err());
        assert!(scenario("t.toml", "[scenario").is_err());
        assert!(scenario("t.toml", TEXT).is_ok());
    }
}
