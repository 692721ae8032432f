//! What the page says when a library text could not be loaded or a share link cannot be read.

use crate::builtin;
use crate::i18n::Lang;

/// Whether a notice is a failed library fetch's (in either language).
pub(super) fn is_fetch_notice(notice: &str) -> bool {
    [Lang::En, Lang::Ko].into_iter().any(|l| {
        ["library.fetch_failed", "library.fetch_failed_assignment"]
            .into_iter()
            .any(|key| notice.contains(crate::i18n::t(l, key)))
    })
}

/// What the page says when a library text could not be loaded: the file (after the
/// assignment whose step needs it, if any), what could not be loaded, and why.
pub fn fetch_notice(lang: Lang, failure: &builtin::FetchFailure, within: Option<&str>) -> String {
    use builtin::FetchProblem;
    let t = |key| crate::i18n::t(lang, key);
    let what = if failure.file.starts_with("assignments/") {
        t("library.fetch_failed_assignment")
    } else {
        t("library.fetch_failed")
    };
    let why = match failure.problem {
        FetchProblem::Connection => t("library.fetch_connection").to_string(),
        FetchProblem::Status(code) => {
            t("library.fetch_status").replacen("{}", &code.to_string(), 1)
        }
        FetchProblem::Changed => t("library.fetch_changed").to_string(),
    };
    let within = within.map(|a| format!("{a}: ")).unwrap_or_default();
    format!("{within}{}: {what}: {why}", failure.file)
}

/// What a share link that cannot be read says (not the decoder's technical error).
pub fn bad_share_notice(lang: Lang) -> String {
    format!(
        "{}. {}",
        crate::i18n::t(lang, "share.bad"),
        crate::i18n::t(lang, "share.bad.hint")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use builtin::{FetchFailure, FetchProblem};

    fn failed(file: &str, problem: FetchProblem) -> FetchFailure {
        FetchFailure {
            file: file.to_string(),
            problem,
        }
    }

    #[test]
    fn a_failed_fetch_says_what_could_not_be_loaded_and_why() {
        let n = fetch_notice(
            Lang::En,
            &failed("smoke.toml", FetchProblem::Status(404)),
            None,
        );
        assert!(
            n.starts_with("smoke.toml: Could not load the scenario: the site answered HTTP 404"),
            "{n}"
        );
        let n = fetch_notice(
            Lang::En,
            &failed("smoke.toml", FetchProblem::Connection),
            None,
        );
        assert!(n.contains("the connection to this site failed"), "{n}");
        let n = fetch_notice(Lang::Ko, &failed("smoke.toml", FetchProblem::Changed), None);
        assert!(
            n.contains("시나리오를 불러오지 못했습니다") && n.contains("새로 고치세요"),
            "{n}"
        );
        // An assignment, and a scenario that an assignment's step needs.
        let n = fetch_notice(
            Lang::En,
            &failed("assignments/a.toml", FetchProblem::Status(500)),
            None,
        );
        assert!(
            n.contains("Could not load the assignment") && n.contains("HTTP 500"),
            "{n}"
        );
        let n = fetch_notice(
            Lang::En,
            &failed("io-paths.toml", FetchProblem::Connection),
            Some("a.toml"),
        );
        assert!(
            n.starts_with("a.toml: io-paths.toml: Could not load the scenario"),
            "{n}"
        );
        // Each one is recognized as a fetch's notice (a later good choice clears it).
        for lang in [Lang::En, Lang::Ko] {
            for f in [
                failed("smoke.toml", FetchProblem::Connection),
                failed("assignments/a.toml", FetchProblem::Changed),
            ] {
                assert!(is_fetch_notice(&fetch_notice(lang, &f, None)));
            }
        }
        assert!(!is_fetch_notice("smoke.toml: something else"));
    }
}
