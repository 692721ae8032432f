//! What the browser keeps in localStorage: each assignment's progress and the one last open.

use serde::{Deserialize, Serialize};

use crate::sim::Text;

use super::{from_hash, Course, Progress};

fn storage() -> Option<web_sys::Storage> {
    // Native unit tests have no browser.
    if cfg!(not(target_arch = "wasm32")) {
        return None;
    }
    web_sys::window()?.local_storage().ok()?
}

/// The progress saved under `key`, if any.
pub fn load_progress(key: &str) -> Option<Progress> {
    let text = storage()?.get_item(key).ok()??;
    serde_json::from_str(&text).ok()
}

/// Saves the progress (failures, e.g. storage disabled, are ignored: the page still works).
pub fn save_progress(key: &str, progress: &Progress) {
    if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(progress)) {
        let _ = s.set_item(key, &json);
    }
}

/// The localStorage key of the assignment last open in this browser: a visit without an
/// assignment link offers to go back to it (its progress is kept under its own key).
const LAST_OPEN_KEY: &str = "virtsim.resume";

/// The assignment last open in this browser, as a fresh visit offers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LastOpen {
    /// The link that re-opens it (`#a=` or `#at=`, as [`to_hash`](super::to_hash) writes it).
    pub link: String,
    pub title: Text,
    pub student: Option<String>,
    /// The step shown; `steps` is the final page.
    pub step: usize,
    pub steps: usize,
}

impl LastOpen {
    pub fn of(course: &Course, link: String) -> LastOpen {
        LastOpen {
            link,
            title: course.a().title.clone(),
            student: course.progress.student.clone(),
            step: course.progress.step,
            steps: course.a().steps.len(),
        }
    }
}

/// Records the open assignment as the one to offer on a visit without a link.
pub fn remember_open(last: &LastOpen) {
    if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(last)) {
        let _ = s.set_item(LAST_OPEN_KEY, &json);
    }
}

/// Forgets it (the student closed the assignment).
pub fn forget_open() {
    if let Some(s) = storage() {
        let _ = s.remove_item(LAST_OPEN_KEY);
    }
}

/// The assignment last open in this browser, if it was not closed.
pub fn last_open() -> Option<LastOpen> {
    let text = storage()?.get_item(LAST_OPEN_KEY).ok()??;
    let last: LastOpen = serde_json::from_str(&text).ok()?;
    matches!(from_hash(&last.link), Some(Ok(_))).then_some(last)
}

/// Where the progress of `student` is kept while another student uses the page.
pub(super) fn set_aside_key(storage_key: &str, student: &str) -> String {
    format!("{storage_key}.student.{student}")
}

/// Keeps the open progress under its student's own key (another student takes the page).
pub(super) fn set_aside(c: &Course) {
    if let Some(student) = c.student() {
        save_progress(&set_aside_key(&c.storage_key, student), &c.progress);
    }
}
