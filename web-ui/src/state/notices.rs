//! What the page says when a library text could not be loaded ([`fetch_notice`]) or a share
//! link cannot be read ([`bad_share_notice`]).

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

/// What a share link that cannot be read says (not the decoder's technical error): that it
/// may have been cut off, or which setting it gives a value its slider cannot take and
/// the range that slider takes.
pub fn bad_share_notice(lang: Lang, error: &crate::share::ShareError) -> String {
    use crate::share::{ShareError, SETTING_RANGES};
    let t = |key| crate::i18n::t(lang, key);
    match error {
        ShareError::Setting { key, got } => {
            let (words, min, max) = SETTING_RANGES
                .iter()
                .find(|(k, ..)| k == key)
                .map_or(("{}", 0, 0), |&(_, words, min, max)| (t(words), min, max));
            let text = t("share.bad_setting")
                .replacen("{setting}", &words.replacen("{}", got, 1), 1)
                .replacen("{min}", &crate::num::int(min), 1)
                .replacen("{max}", &crate::num::int(max), 1);
            format!("{}: {}", t("share.bad"), crate::sim::text::particles(&text))
        }
        ShareError::Unreadable(_) => format!("{}. {}", t("share.bad"), t("share.bad.hint")),
    }
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

    #[test]
    fn a_share_links_bad_setting_is_named_with_its_range() {
        use crate::share::ShareError;
        let bad = ShareError::Setting {
            key: "host_cores",
            got: "-1".into(),
        };
        assert_eq!(
            bad_share_notice(Lang::En, &bad),
            "Could not read the share link: it sets host cores -1, which that setting cannot take: it takes a whole number from 1 to 1,024; the default scenario opened instead"
        );
        let n = bad_share_notice(Lang::Ko, &bad);
        assert!(
            n.contains("호스트 코어 -1개") && n.contains("1에서 1,024 사이의 정수"),
            "{n}"
        );
        let n = bad_share_notice(
            Lang::En,
            &ShareError::Setting {
                key: "memory_per_instance_mib",
                got: "2.5".into(),
            },
        );
        assert!(
            n.contains("memory per instance 2.5 MiB") && n.contains("from 1 to 67,108,864"),
            "{n}"
        );
        // A VDI network's value, in the link's units and the file's range.
        let n = bad_share_notice(
            Lang::En,
            &ShareError::Setting {
                key: "rtt_ms",
                got: "-5".into(),
            },
        );
        assert!(
            n.contains("a VDI network's round trip of -5 ms") && n.contains("from 0 to 2,000"),
            "{n}"
        );
        let n = bad_share_notice(
            Lang::Ko,
            &ShareError::Setting {
                key: "bandwidth_kbit_s",
                got: "\"fast\"".into(),
            },
        );
        assert!(
            n.contains("클라이언트 회선 \"fast\" kbit/s") && n.contains("64에서 100,000,000"),
            "{n}"
        );
        // Unreadable: it may have been cut off (and no range).
        let n = bad_share_notice(Lang::En, &ShareError::Unreadable("json: EOF".into()));
        assert!(n.contains("cut off") && !n.contains("whole number"), "{n}");
    }
}
