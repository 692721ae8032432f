//! Element ids made from a question's own id, for the Questions tab (`q-`) and an
//! assignment's answers (`cq-`, `course-answer-`): valid in an id attribute, and never one
//! question's element id where another's part (its Check button, note, unit...) is.

/// The suffixes the page adds to a question's element id for the parts around its answer
/// (`q-a-check` is question `a`'s Check button). An id that ends with one of them gets a
/// hash as well, so that question `a-check`'s box is not question `a`'s button.
const PARTS: [&str; 8] = [
    "answer",
    "check",
    "hint",
    "note",
    "prompt",
    "status",
    "tolerance",
    "unit",
];

/// The element id of question `question`'s answer box, after `prefix` (and, with a part's
/// suffix, of its prompt, button, note...): the question's own id, not its place in the
/// list, so that a setting that leaves a question out moves no id onto another question.
/// Anything outside `[A-Za-z0-9_-]` becomes `_`; an id so changed gets a hash of its own
/// words as well (`a.b` and `a b`, both `a_b`, stay apart), as does one that ends like a
/// part's suffix or a hash (`-` and eight hexadecimal digits).
pub fn question_dom_id(prefix: &str, question: &str) -> String {
    let safe: String = question
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let ends_like_a_part = PARTS
        .iter()
        .any(|part| safe.strip_suffix(part).is_some_and(|s| s.ends_with('-')));
    let ends_like_a_hash = safe.len() > 9
        && safe.as_bytes()[safe.len() - 9] == b'-'
        && safe[safe.len() - 8..]
            .bytes()
            .all(|b| b.is_ascii_hexdigit());
    if safe == question && !question.is_empty() && !ends_like_a_part && !ends_like_a_hash {
        return format!("{prefix}{safe}");
    }
    // FNV-1a: the same id, the same element id, in every run of the page.
    let hash = question.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    format!("{prefix}{safe}-{hash:08x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn safe(id: &str) -> bool {
        id.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
    }

    /// A question's element id is its own id, made safe for an id attribute; ids that
    /// differ only where they were made safe stay apart.
    #[test]
    fn a_questions_element_id_is_its_own_id_made_safe() {
        assert_eq!(
            question_dom_id("q-", "type2-host-share"),
            "q-type2-host-share"
        );
        assert_eq!(question_dom_id("cq-", "bt_rel"), "cq-bt_rel");
        let dotted = question_dom_id("q-", "a.b");
        let spaced = question_dom_id("q-", "a b");
        for id in [
            &dotted,
            &spaced,
            &question_dom_id("q-", ""),
            &question_dom_id("q-", "빠른"),
        ] {
            assert!(id.starts_with("q-") && safe(id), "{id}");
        }
        assert!(
            dotted.starts_with("q-a_b-") && dotted != spaced,
            "{dotted} {spaced}"
        );
        assert_ne!(dotted, question_dom_id("q-", "a_b"));
        assert_eq!(dotted, question_dom_id("q-", "a.b"), "the same each time");
    }

    /// No question's element id is another question's with a part's suffix, nor another's
    /// made with a hash: ids that end like a part or a hash get one too.
    #[test]
    fn no_questions_id_is_another_questions_part() {
        let ids = [
            "a",
            "a-check",
            "a-unit",
            "a-tolerance",
            "a-check-check",
            "a.b",
            "a b",
        ];
        let hashed_like = question_dom_id("", "a.b");
        let mut all = Vec::new();
        for id in ids.iter().copied().chain([hashed_like.as_str()]) {
            let own = question_dom_id("cq-", id);
            all.push(own.clone());
            all.extend(PARTS.iter().map(|p| format!("{own}-{p}")));
        }
        let mut sorted = all.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), all.len(), "{all:?}");
        // A plain id keeps its words; one ending like a part does not clash with `a`'s.
        assert_eq!(question_dom_id("cq-", "a"), "cq-a");
        assert_ne!(question_dom_id("cq-", "a-check"), "cq-a-check");
        assert_eq!(question_dom_id("cq-", "a-checked"), "cq-a-checked");
        assert_eq!(question_dom_id("cq-", "recheck"), "cq-recheck");
    }
}
