//! What the parts of an assignment's validation share: the errors gathered (`Errors`),
//! what the reading found (`Found`), where a step is written (`Placed`), and the checks of
//! an empty or missing text.

use crate::assignment::format::StepSection;
use crate::assignment::read::{file_column, Grown, Part, Poisoned};
use crate::scenario::error::{Key, Validator};
use crate::scenario::{empty_texts, ScenarioError};
use crate::text::Text;

/// Why an assignment is invalid: every independent error of the file (`read`), in its
/// order; a step's scenario's as `Scenario::from_toml_all` gives them (an embedded one's
/// located in the assignment, a library one's in its file).
pub(in crate::assignment) struct Errors(pub(in crate::assignment) Vec<ScenarioError>);

impl From<ScenarioError> for Errors {
    fn from(e: ScenarioError) -> Errors {
        Errors(vec![e])
    }
}

/// `Err` with the one error `e`.
pub(super) fn fail<T>(e: ScenarioError) -> Result<T, Errors> {
    Err(e.into())
}

/// The first error of the texts `texts` (each with its key path in the file) that are
/// empty or only whitespace in a language ([`empty_texts`]), said of `owner` (in English
/// and Korean, e.g. "step `s1`: ").
#[cfg_attr(target_arch = "wasm32", inline)] // for size: on the page's validation path (see `Assignment::from_toml`)
pub(super) fn first_empty_text(
    v: &Validator<'_>,
    texts: &[(Option<&Text>, &[Key<'_>])],
    owner: (&str, &str),
) -> Result<(), ScenarioError> {
    for (text, path) in texts {
        if let Some(e) = text.and_then(|t| empty_texts(v, t, path, owner).into_iter().next()) {
            return Err(e);
        }
    }
    Ok(())
}

/// The errors found, each with its place in the file's order: its own line and column, or,
/// for an error of a library scenario's own file, those of the step's `scenario = "..."`.
/// Errors of the file found in the text read (a valid word read in the place of a shorter
/// one, `metric="exits"`) are given the file's columns back as they are pushed.
#[derive(Default)]
pub(super) struct Found {
    pub(super) errors: Vec<((usize, usize), ScenarioError)>,
    /// The file's name and the words read in the place of shorter ones.
    pub(super) grown: (String, Vec<Grown>),
}

impl Found {
    /// `e` at the file's column, when it is the file's and was found in the text read.
    fn placed(&self, mut e: ScenarioError) -> ScenarioError {
        let (file, grown) = &self.grown;
        if !grown.is_empty() && e.file == *file {
            e.column = file_column(grown, e.line, e.column);
        }
        e
    }

    pub(super) fn push(&mut self, e: ScenarioError) {
        let e = self.placed(e);
        self.errors.push(((e.line, e.column), e));
    }

    /// An error of the step's scenario (`scenario`: where the step names it): a library
    /// scenario's, in its own file, goes where the step names it.
    pub(super) fn push_of_scenario(
        &mut self,
        file: &str,
        scenario: (usize, usize),
        e: ScenarioError,
    ) {
        let e = self.placed(e);
        let at = if e.file == file {
            (e.line, e.column)
        } else {
            (
                scenario.0,
                file_column(&self.grown.1, scenario.0, scenario.1),
            )
        };
        self.errors.push((at, e));
    }

    pub(super) fn len(&self) -> usize {
        self.errors.len()
    }

    /// The errors in the file's order (errors at one place in the order found). By
    /// insertion, as a scenario's (`validate::sorted`): few, and mostly in order already.
    pub(super) fn in_file_order(mut self) -> Vec<ScenarioError> {
        let errors = &mut self.errors;
        for i in 1..errors.len() {
            let mut j = i;
            while j > 0 && errors[j - 1].0 > errors[j].0 {
                errors.swap(j - 1, j);
                j -= 1;
            }
        }
        self.errors.into_iter().map(|(_, e)| e).collect()
    }
}

/// The error of a required text `field` (`title`, `intro`) missing from the table at
/// `table`, in the reader's words for a missing key (with the form to write): such a
/// text is read as `None` so that the file's other errors are found too.
pub(super) fn missing_text(v: &Validator<'_>, table: &[Key<'_>], field: &str) -> ScenarioError {
    crate::scenario::error::parser_error(
        v.file,
        v.text,
        v.span_of(table),
        format!("missing field `{field}`"),
        &|_, _| crate::scenario::error::FieldRange::Unknown,
    )
}

/// Whether the entry of `key` was taken out of `part` when the reading went past it, as
/// written or misspelt (`titel` for `title`: the table then lacks the key only because its
/// misspelling was taken out, as a scenario's reading says of a misspelt `name`).
pub(super) fn taken_out<'p>(
    poisoned: impl IntoIterator<Item = &'p Poisoned>,
    part: Part,
    key: &str,
) -> bool {
    poisoned.into_iter().any(|p| {
        p.part == part
            && p.key
                .as_deref()
                .is_some_and(|k| k == key || crate::scenario::guess(k, &[key]).is_some())
    })
}

/// A step as written, with its place in the file and the mistakes read past in it.
pub(super) struct Placed<'s> {
    pub(super) section: &'s StepSection,
    pub(super) index: usize,
    /// The offset of its `[[step]]` header.
    pub(super) at: usize,
    pub(super) poisoned: &'s [&'s Poisoned],
}

impl Placed<'_> {
    /// Whether the entry of `key` was taken out of the step (or of one of its inline
    /// tables) when the reading went past it, or, for `vary` and `question`, one of its
    /// tables of that name.
    pub(super) fn taken_out(&self, key: &str) -> bool {
        taken_out(self.poisoned.iter().copied(), Part::Step(self.at), key)
    }

    /// Whether the step's table `name` (`vary`, `question`) number `index` had a mistake
    /// read past: it is not checked (its error is reported; what follows from it is not).
    pub(super) fn table_poisoned(
        &self,
        v: &Validator<'_>,
        name: &'static str,
        index: usize,
    ) -> bool {
        let at = (v.span_of(&[
            Key::Name("step"),
            Key::Index(self.index),
            Key::Name(name),
            Key::Index(index),
        ]))
        .start;
        let table = Part::Table {
            step: self.at,
            name,
            at,
        };
        self.poisoned.iter().any(|p| p.part == table)
    }
}

/// A placeholder (`{metric:platform}`) in the assignment's intro, at it: the intro is shown
/// before the student id is asked, before any step has run, so it has no figures to quote
/// (its braces are shown as written, as a title's). A step's intro and its questions quote
/// the step's run.
#[cfg_attr(target_arch = "wasm32", inline)] // for size: on the page's validation path (see `Assignment::from_toml`)
pub(super) fn placeholder_before_any_run(v: &Validator<'_>, intro: &Text) -> Option<ScenarioError> {
    use crate::question::placeholder::{pieces, Piece};
    let (en, ko) = (&intro.en, &intro.ko);
    [("en", en, "English", "영어"), ("ko", ko, "Korean", "한국어")]
        .into_iter()
        .find_map(|(lang, written, language, language_ko)| {
            let got = pieces(written).into_iter().find_map(|p| match p {
                Piece::Placeholder(p) => Some(p.written),
                _ => None,
            })?;
            let span = v.span_of(&[Key::Name("assignment"), Key::Name("intro"), Key::Name(lang)]);
            let at = (v.text.get(span.clone()))
                .and_then(|source| source.find(got))
                .map_or(span.start, |o| span.start + o);
            Some(v.error(
                at..at + got.len(),
                crate::scenario::error::msg!(
                    "bad_placeholder",
                    "`{placeholder}` in the {language} text of the assignment's `intro` quotes a figure of a run, but the intro is shown before any step has run: quote it in a step's `intro` or in a question, which are shown beside the step's run (the assignment's intro shows its braces as written)",
                    "과제 `intro`의 {language_ko} 글에 있는 `{placeholder}`은(는) 실행 결과의 수치를 인용하지만, 과제 소개는 어떤 단계도 실행하기 전에 보입니다: 단계의 `intro`나 질문에서 인용하세요. 그곳은 그 단계의 실행 결과와 함께 보입니다(과제 소개의 중괄호는 쓴 그대로 보입니다)",
                    placeholder = got,
                    language = language,
                    language_ko = language_ko
                ),
            ))
        })
}
