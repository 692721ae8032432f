//! Validation: the file as written into the validated forms, with located errors.
//!
//! `validate` here checks names and counts and calls, in this order, one file per part
//! of the scenario:
//! - `host.rs`: the `[host]` table and CPU features;
//! - `platform.rs`: each `[[platform]]`;
//! - `workload.rs`: the `[[workload]]` tables and the named presets;
//! - `instance.rs`: each `[[instance]]`;
//! - `costs.rs`: the `[costs]` table;
//! - `memory.rs`: each platform's memory total, its overcommit, running_for_s and migration;
//! - `sweep.rs`: the `[sweep]` table;
//! - `question.rs`: each `[[question]]`;
//! - `fault.rs`: each `[[fault]]`.
//!
//! `check.rs` checks a validated [`Scenario`]'s fields again before a run (they are public
//! and may have been written by hand), with the same messages.

mod check;
mod costs;
mod fault;
mod host;
mod instance;
mod memory;
mod placeholder;
mod platform;
mod question;
mod sweep;
mod workload;

use toml::Spanned;

use super::error::{msg, Key, Msg, Stop};
use super::format::{HostSection, InstanceSection, ScenarioFile};
use super::limits::{
    MAX_CORES, MAX_DURATION_MS, MAX_ESTIMATED_EVENTS, MAX_FAULTS, MAX_GROUP_RUNS, MAX_INSTANCES,
    MAX_PLATFORMS, MAX_QUESTIONS, MAX_VCPUS,
};
use super::{Host, InstanceSpec, PlatformSpec, Scenario, ScenarioError, Validator};
use crate::text::Text;
use costs::validate_costs;
use fault::validate_fault;
use host::validate_host;
use instance::validate_instance;
use memory::{validate_memory_total, validate_migration};
/// [`Scenario::warnings`]: the host's memory, the platforms' VDI round trips, the instance
/// groups' memory and their vCPUs, in the file's order (by line and column, as errors are
/// listed; at one place, in that order).
pub(crate) fn warnings(s: &Scenario) -> Vec<ScenarioError> {
    let mut out = host::warnings(s);
    out.extend(platform::warnings(s));
    out.extend(memory::warnings(s));
    out.extend(instance::warnings(s));
    out.sort_by_key(|w| (w.line, w.column));
    out
}
/// [`Scenario::unit_warnings`]: the host's memory_gib and the VDI platforms' rtt_ms, read
/// from the file as written (valid or not), in the file's order.
pub(crate) fn unit_warnings(
    file: &str,
    source: &str,
    raw: &super::format::ScenarioFile,
) -> Vec<ScenarioError> {
    let mut out = host::unit_warnings(file, source, &raw.host);
    out.extend(platform::unit_warnings(file, source, &raw.platforms));
    out.sort_by_key(|w| (w.line, w.column));
    out
}
use platform::validate_platform;
use question::validate_question_against;
use sweep::validate_sweep;
use workload::validate_workloads;

// For assignments (crate::assignment, through scenario/mod.rs), which validate their own
// questions against a scenario.
pub(crate) use question::validate_question;
// For `Scenario::check` (scenario/mod.rs).
pub(crate) use check::check;
// For an assignment's texts, which quote its steps' runs (crate::assignment).
pub(crate) use placeholder::{text_placeholder_errors, Known as PlaceholderNames};

/// MiB as GiB for messages: one decimal for whole numbers, up to three otherwise.
pub(super) fn gib(mib: u64) -> String {
    let value = mib as f64 / 1024.0;
    let text = format!("{value:.3}");
    let trimmed = text.trim_end_matches('0');
    if trimmed.ends_with('.') {
        format!("{value:.1}")
    } else {
        trimmed.to_string()
    }
}

/// Names in backquotes, `, `-separated; past [`MAX_NAMES_LISTED`], how many more instead,
/// as `… (+960)` in both languages (a file of a thousand workloads made each error about
/// one a list of all of them).
fn names<T: AsRef<str>>(items: impl IntoIterator<Item = T>) -> String {
    let mut listed: Vec<String> = Vec::new();
    let mut more = 0usize;
    for s in items {
        if listed.len() < MAX_NAMES_LISTED {
            listed.push(format!("`{}`", s.as_ref()));
        } else {
            more += 1;
        }
    }
    let mut out = listed.join(", ");
    if more > 0 {
        out.push_str(&format!(", … (+{more})"));
    }
    out
}

/// The most names a message lists ([`names`]).
const MAX_NAMES_LISTED: usize = 40;

/// The message of a value outside its range.
const RANGE_EN: &str = "{field} must be between {min} and {max}; got {got}";
const RANGE_KO: &str = "{field} 값은 {min}에서 {max} 사이여야 합니다. 입력값: {got}";

const PLATFORM_RANGE_EN: &str =
    "platform `{name}`: {field} must be between {min} and {max}; got {got}";
const PLATFORM_RANGE_KO: &str =
    "플랫폼 `{name}`: {field} 값은 {min}에서 {max} 사이여야 합니다. 입력값: {got}";
const INSTANCE_RANGE_EN: &str =
    "instance `{name}`: {field} must be between {min} and {max}; got {got}";
const INSTANCE_RANGE_KO: &str =
    "인스턴스 `{name}`: {field} 값은 {min}에서 {max} 사이여야 합니다. 입력값: {got}";

/// The value of an integer field, or an error naming its range.
fn range(
    v: &Validator<'_>,
    value: &Spanned<u64>,
    field: &str,
    min: u64,
    max: u64,
) -> Result<u64, ScenarioError> {
    let got = *value.get_ref();
    if got < min || got > max {
        return Err(v.error(
            value.span(),
            msg!(
                "out_of_range",
                RANGE_EN,
                RANGE_KO,
                field = field,
                min = min,
                max = max,
                got = got
            ),
        ));
    }
    Ok(got)
}

/// How strictly questions are validated.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Questions {
    /// Every question must be valid (reading a file).
    Strict,
    /// Questions that the adjustments made unanswerable are dropped (slider changes).
    DropInvalid,
}

/// Where `c` is written inside the value at `span`: the character itself, or its escape
/// (`\u202e`, `\U0000202E`, any case).
fn within(
    v: &Validator<'_>,
    span: &std::ops::Range<usize>,
    c: char,
) -> Option<std::ops::Range<usize>> {
    let written = v.text.get(span.clone())?;
    if let Some(i) = written.find(c) {
        return Some(span.start + i..span.start + i + c.len_utf8());
    }
    let lower = written.to_ascii_lowercase();
    [
        format!("\\u{:04x}", c as u32),
        format!("\\u{:08x}", c as u32),
    ]
    .iter()
    .find_map(|escape| lower.find(escape.as_str()).map(|i| (i, escape.len())))
    .map(|(i, len)| span.start + i..span.start + i + len)
}

/// Names and ids are at most this many characters.
pub(crate) const MAX_NAME_CHARS: usize = 80;

/// The rule of names and ids that `name` (written at `span`) breaks, if any: 1 to
/// [`MAX_NAME_CHARS`] characters, not blank, without control characters or Unicode format
/// characters. The message says which: how long the name is, or which character it holds
/// and where.
pub(crate) fn name_rule_broken(
    v: &Validator<'_>,
    name: &str,
    span: std::ops::Range<usize>,
) -> Option<ScenarioError> {
    if let Some(c) = crate::text::format_character(name) {
        // At the character itself where the file has it written out or as an escape.
        let at = within(v, &span, c).unwrap_or(span);
        return Some(v.error(
            at,
            msg!(
                "format_character_in_name",
                "this name holds `{code}` (a Unicode format character: invisible, or reversing the text around it); names and ids are shown to students and graded by, so they may not hold one",
                "이 이름에 `{code}`(유니코드 서식 문자: 보이지 않거나 주변 텍스트의 방향을 뒤집음)이(가) 있습니다. 이름과 id는 학생에게 보여 주고 채점에 쓰이므로 서식 문자를 쓸 수 없습니다",
                code = crate::text::code_point(c)
            ),
        ));
    }
    let length = name.chars().count();
    if let Some((at, c)) = name.chars().enumerate().find(|(_, c)| c.is_control()) {
        return Some(v.error(
            within(v, &span, c).unwrap_or(span),
            msg!(
                "bad_name",
                "this name holds control character {code} (its character {at} of {length}); names and ids may not hold control characters",
                "이 이름의 {length}자 중 {at}번째 문자가 제어 문자 {code}입니다. 이름과 id에는 제어 문자를 쓸 수 없습니다",
                code = crate::text::code_point(c),
                at = at + 1,
                length = length
            ),
        ));
    }
    if name.trim().is_empty() {
        return Some(v.error(
            span,
            msg!(
                "bad_name",
                "this name is blank; names and ids must have 1 to {max} characters, not only spaces",
                "이 이름이 비어 있습니다. 이름과 id는 공백만이 아닌 1~{max}자여야 합니다",
                max = MAX_NAME_CHARS
            ),
        ));
    }
    if length > MAX_NAME_CHARS {
        return Some(v.error(
            span,
            msg!(
                "bad_name",
                "this name is {length} characters long; names and ids have at most {max}",
                "이 이름은 {length}자입니다. 이름과 id는 최대 {max}자입니다",
                length = length,
                max = MAX_NAME_CHARS
            ),
        ));
    }
    None
}

/// The errors of a bilingual text written at `path` (its keys in the file from the top:
/// `question`, 2, `text`) whose English or Korean shows nothing (empty, or only whitespace and
/// invisible format characters such as U+200B: [`crate::text::shows_nothing`]), each at that
/// string (`""`), naming the text's key (the last of `path`), the language, and its owner
/// (`owner`: "question `faster`: " in English and Korean, or nothing). Each reader sees the
/// text of their language only: an empty one shows them nothing where a title, a question
/// or an explanation belongs.
#[cfg_attr(target_arch = "wasm32", inline)] // for size: on the page's validation path (see `Scenario::from_toml`)
pub(crate) fn empty_texts(
    v: &Validator<'_>,
    text: &Text,
    path: &[Key<'_>],
    owner: (&str, &str),
) -> Vec<ScenarioError> {
    let key = path
        .iter()
        .rev()
        .find_map(|k| match k {
            Key::Name(name) => Some(*name),
            Key::Index(_) => None,
        })
        .unwrap_or("text");
    let mut errors = Vec::new();
    for (lang, written, language, language_ko) in [
        ("en", &text.en, "English", "영어"),
        ("ko", &text.ko, "Korean", "한국어"),
    ] {
        if !crate::text::shows_nothing(written) {
            continue;
        }
        let mut at = path.to_vec();
        at.push(Key::Name(lang));
        let (blank, blank_ko) = if written.is_empty() {
            ("empty".to_owned(), "비어 있습니다".to_owned())
        } else if let Some(c) = crate::text::format_character(written) {
            let code = crate::text::code_point(c);
            (
                format!("invisible: only whitespace and characters that show nothing ({code})"),
                format!("보이지 않습니다: 공백과 보이지 않는 문자({code})뿐입니다"),
            )
        } else {
            ("only whitespace".to_owned(), "공백뿐입니다".to_owned())
        };
        errors.push(v.error(
            v.span_of(&at),
            msg!(
                "empty_text",
                "{owner}the {language} text of `{key}` (`{lang}`) is {blank}; a text must not be empty or only whitespace, as each reader sees only the one in their language: write the {language} text here",
                "{owner_ko}`{key}`의 {language_ko} 글(`{lang}`)이 {blank_ko}: 읽는 사람마다 자기 언어의 글만 보므로 글은 비어 있거나 공백뿐이면 안 됩니다. 여기에 {language_ko} 글을 쓰세요",
                owner = owner.0,
                owner_ko = owner.1,
                key = key,
                lang = lang,
                language = language,
                language_ko = language_ko,
                blank = blank,
                blank_ko = blank_ko,
            ),
        ));
    }
    errors
}

/// A bilingual text of a scenario or an assignment, with where it is written and whose it
/// is: what the checks of every text (empty, placeholders) report at.
pub(crate) struct WrittenText<'t> {
    pub(crate) text: &'t Text,
    /// Its keys from the top of the file (`question`, 2, `text`); for a text written
    /// nowhere (a [`Scenario`]'s field), its key alone, which the messages name.
    pub(crate) path: Vec<Key<'t>>,
    /// Its owner in the messages, in English and Korean ("question `faster`: "), or
    /// nothing.
    pub(crate) owner: (String, String),
    /// Whether it is shown beside a run and so may quote the run's figures
    /// (placeholders): a description, a question's text or explanation; not a title or a
    /// platform's label, shown before any run (their braces are literal).
    pub(crate) fills: bool,
}

impl WrittenText<'_> {
    /// Its key, the last name of its path (`text`, `explanation`, `description`).
    pub(crate) fn key(&self) -> &str {
        self.path
            .iter()
            .rev()
            .find_map(|k| match k {
                Key::Name(name) => Some(*name),
                Key::Index(_) => None,
            })
            .unwrap_or("text")
    }
}

/// A question's owner in the messages, in English and Korean.
fn question_owner(id: &str) -> (String, String) {
    (format!("question `{id}`: "), format!("질문 `{id}`: "))
}

/// Every text of a scenario file, in the file's order of its parts: `[scenario]`'s title
/// and description, each platform's label, each question's text and explanation.
fn file_texts(raw: &ScenarioFile) -> Vec<WrittenText<'_>> {
    let mut texts = Vec::new();
    let s = &raw.scenario;
    for (text, key, fills) in [
        (&s.title, "title", false),
        (&s.description, "description", true),
    ] {
        if let Some(text) = text {
            let path = vec![Key::Name("scenario"), Key::Name(key)];
            let owner = (String::new(), String::new());
            texts.push(WrittenText {
                text,
                path,
                owner,
                fills,
            });
        }
    }
    for (index, p) in raw.platforms.iter().enumerate() {
        if let Some(text) = &p.label {
            let path = vec![Key::Name("platform"), Key::Index(index), Key::Name("label")];
            let owner = (
                format!("platform `{}`: ", p.name.get_ref()),
                format!("플랫폼 `{}`: ", p.name.get_ref()),
            );
            texts.push(WrittenText {
                text,
                path,
                owner,
                fills: false,
            });
        }
    }
    for (index, q) in raw.questions.iter().enumerate() {
        for (text, key) in [
            (Some(&q.text), "text"),
            (q.explanation.as_ref(), "explanation"),
        ] {
            if let Some(text) = text {
                let path = vec![Key::Name("question"), Key::Index(index), Key::Name(key)];
                let owner = question_owner(q.id.get_ref());
                texts.push(WrittenText {
                    text,
                    path,
                    owner,
                    fills: true,
                });
            }
        }
    }
    texts
}

/// Every text of a validated scenario ([`file_texts`] of its fields), each by its key
/// alone: `check` reads fields written nowhere.
pub(super) fn scenario_texts(s: &Scenario) -> Vec<WrittenText<'_>> {
    let none = || (String::new(), String::new());
    let mut texts = Vec::new();
    for (text, key, fills) in [
        (&s.title, "title", false),
        (&s.description, "description", true),
    ] {
        if let Some(text) = text {
            texts.push(WrittenText {
                text,
                path: vec![Key::Name(key)],
                owner: none(),
                fills,
            });
        }
    }
    for p in &s.platforms {
        if let Some(text) = &p.label {
            let owner = (
                format!("platform `{}`: ", p.name),
                format!("플랫폼 `{}`: ", p.name),
            );
            texts.push(WrittenText {
                text,
                path: vec![Key::Name("label")],
                owner,
                fills: false,
            });
        }
    }
    for q in &s.questions {
        for (text, key) in [
            (Some(&q.text), "text"),
            (q.explanation.as_ref(), "explanation"),
        ] {
            if let Some(text) = text {
                let owner = question_owner(&q.id);
                texts.push(WrittenText {
                    text,
                    path: vec![Key::Name(key)],
                    owner,
                    fills: true,
                });
            }
        }
    }
    texts
}

/// [`empty_texts`] of every text of a scenario file ([`file_texts`]).
#[cfg_attr(target_arch = "wasm32", inline)] // for size: on the page's validation path (see `Scenario::from_toml`)
fn scenario_empty_texts(v: &Validator<'_>, raw: &ScenarioFile) -> Vec<ScenarioError> {
    (file_texts(raw).iter())
        .flat_map(|t| empty_texts(v, t.text, &t.path, (&t.owner.0, &t.owner.1)))
        .collect()
}

/// [`validate_all`]'s first error in the file's order, for the callers that show one.
pub(super) fn validate(
    v: &Validator<'_>,
    raw: ScenarioFile,
    questions_mode: Questions,
) -> Result<Scenario, ScenarioError> {
    validate_all(v, raw, questions_mode, &[]).map_err(first)
}

/// A part of a scenario file that [`validate_all`] checks on its own: a top-level table
/// (`"host"`, `"sweep"`, `"costs"`, `"scenario"`) or an element of an array of tables
/// (`("platform", Some(1))`).
pub(crate) type Part = (&'static str, Option<usize>);

/// A part with an error found in the reading and read past ([`crate::Scenario`]'s
/// `read_past`): it counts as a part with an error, and what refers to it is not checked.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Poisoned {
    pub(crate) part: Part,
    /// Its `key = value` entry was taken out (an unknown key, a value of the wrong type):
    /// the part is checked as if the entry were not written, and its error kept only when
    /// it is about one value alone ([`of_one_value`]: a value out of its range, an unknown
    /// name), which the missing entry cannot have caused. Otherwise (a value read in the
    /// place of the one written) the part is not checked at all.
    pub(crate) loose: bool,
}

/// An error about one value alone, whatever the part's other keys say: a value outside
/// its fixed range, a name that is not among those defined.
fn of_one_value(e: &ScenarioError) -> bool {
    matches!(e.code, "out_of_range" | "unknown_name")
}

/// [`keep`] for a part that may be loosely poisoned ([`Poisoned::loose`]): its value is
/// never kept, its error only when [`of_one_value`].
fn keep_part<T>(
    errors: &mut Vec<ScenarioError>,
    loose: bool,
    result: Result<T, ScenarioError>,
) -> Option<T> {
    match result {
        Err(e) if loose => {
            errors.extend(of_one_value(&e).then_some(e));
            None
        }
        Ok(_) if loose => None,
        result => keep(errors, result),
    }
}

/// The first of a non-empty list of errors (the lists of [`validate_all`] never are empty).
pub(crate) fn first(mut errors: Vec<ScenarioError>) -> ScenarioError {
    errors.swap_remove(0)
}

/// Keeps `result`'s value, or records its error in `errors`.
fn keep<T>(errors: &mut Vec<ScenarioError>, result: Result<T, ScenarioError>) -> Option<T> {
    result.map_err(|e| errors.push(e)).ok()
}

/// The scenario, or every independent error it has, in the file's order (by line and
/// column; never an empty list). The parts are checked one by one, and an error in one
/// does not stop the others: the names and ids, each text empty in a language
/// ([`empty_texts`]), `[scenario]`'s counts and duration,
/// `[host]`, each `[[platform]]`, the `[[workload]]` tables, each `[[instance]]`,
/// `[costs]`, each platform's totals and migration, `[sweep]`, each `[[question]]` and
/// each `[[fault]]`; but a name or id that breaks the rules of names stops the checks after
/// the names' (the other messages would quote it). Within a part the first error is the
/// one reported; a check that depends on a part with an error is left out (what it would
/// report may follow from that error), the part's other checks run: an instance on a
/// platform with an error is checked without that platform (its guest OS and workload
/// against the platform's technique and kind), one whose custom workload has an error not
/// at all; a question is checked against the platforms, instances and sweep that are
/// valid (its own keys and its platforms' names always; whether a platform answers it
/// once that platform, and for most metrics every instance and the sweep, are:
/// [`question::validate_question_against`]); the totals, migrations and sweep need every
/// instance, the faults every platform and instance (and `duration_ms`). With an error in
/// `[host]` (or one read past in it) each platform is checked against every host the file's
/// could be, and its error reported when all of them give it ([`platform_on_hosts`]); the
/// pins are checked against no host.
/// `poisoned`: parts with an error found before (an unknown value, read as another so that
/// the reading could go on): treated as parts with an error (not checked, and what depends
/// on them not either).
pub(super) fn validate_all(
    v: &Validator<'_>,
    raw: ScenarioFile,
    questions_mode: Questions,
    poisoned: &[Poisoned],
) -> Result<Scenario, Vec<ScenarioError>> {
    let matching = |name: &str, index: Option<usize>, loose: bool| {
        poisoned.iter().any(|p| {
            p.loose == loose && p.part.0 == name && (p.part.1 == index || name == "workload")
        })
    };
    // Not checked; checked loosely (a part that is both is not checked).
    let off = |name: &str, index: Option<usize>| matching(name, index, false);
    let loose = |name: &str, index: Option<usize>| matching(name, index, true);
    let mut errors = Vec::new();
    let s = &raw.scenario;
    let scenario_name_at = v.span_of(&[Key::Name("scenario"), Key::Name("name")]);
    for (name, span) in std::iter::once((&s.name, scenario_name_at))
        .chain(
            raw.platforms
                .iter()
                .map(|p| (p.name.get_ref(), p.name.span())),
        )
        .chain(
            raw.instances
                .iter()
                .map(|i| (i.name.get_ref(), i.name.span())),
        )
        .chain(
            raw.workloads
                .iter()
                .map(|w| (w.name.get_ref(), w.name.span())),
        )
        .chain(raw.questions.iter().map(|q| (q.id.get_ref(), q.id.span())))
    {
        errors.extend(name_rule_broken(v, name, span));
    }
    // Names the other checks' messages would quote (control and format characters).
    if !errors.is_empty() {
        let mut errors = sorted(errors);
        if let Some(last) = errors.pop() {
            errors.push(last.stopping(Stop::Names));
        }
        return Err(errors);
    }
    // Texts that are empty in a language (an error of one value each: the other checks go on).
    errors.extend(scenario_empty_texts(v, &raw));
    let faults_fit = raw.faults.len() <= MAX_FAULTS;
    if !faults_fit {
        errors.push(v.error(
            v.span_of(&[Key::Name("fault"), Key::Index(MAX_FAULTS)]),
            too_many_faults(raw.faults.len()),
        ));
    }
    let questions_fit = raw.questions.len() <= MAX_QUESTIONS;
    if !questions_fit {
        errors.push(v.error(
            v.span_of(&[Key::Name("question"), Key::Index(MAX_QUESTIONS)]),
            too_many_questions(raw.questions.len()),
        ));
    }
    let duration_ms = *s.duration_ms.get_ref();
    // [scenario] with an error read past: its duration is not known (the faults wait);
    // checked loosely, its range is still (the one check of [scenario] here).
    let in_range = duration_ms != 0 && duration_ms <= MAX_DURATION_MS;
    let duration_ok = in_range && !off("scenario", None) && !loose("scenario", None);
    if !in_range && !off("scenario", None) {
        errors.push(v.error(
            s.duration_ms.span(),
            range_msg("duration_ms", 1, MAX_DURATION_MS, duration_ms),
        ));
    }

    let host_read_past = off("host", None) || loose("host", None);
    let host = if off("host", None) {
        None
    } else {
        keep_part(&mut errors, host_read_past, validate_host(v, &raw.host))
    };
    // The platforms' checks against the host. If the file's has an error, against every
    // host it could be: the default one with the file's CPU generation (a name the
    // reading accepted; any generation when the reading read past a mistake of [host],
    // which may be its `cpu`), with 1 core and with the most; a platform's error is
    // reported only when every one of them gives it (it does not follow from the host),
    // and a platform that some of them reject counts as one with an error.
    let platform_hosts: Vec<Host> = match &host {
        Some(h) => vec![h.clone()],
        None => {
            let cpus = std::iter::once(raw.host.cpu).chain(
                crate::hardware::CpuGeneration::ALL
                    .into_iter()
                    .filter(|_| host_read_past),
            );
            let mut hosts = Vec::new();
            for cpu in cpus {
                for cores in [None, Some(1), Some(MAX_CORES)] {
                    let mut section = HostSection {
                        cpu,
                        ..Default::default()
                    };
                    if let Some(cores) = cores {
                        section.cores = Spanned::new(0..0, cores);
                    }
                    hosts.push(validate_host(v, &section).map_err(|e| vec![e])?);
                }
            }
            hosts
        }
    };

    // Platforms: None for one with an error (its index stays that of its section).
    if raw.platforms.is_empty() {
        errors.push(v.error(0..0, no_platform()));
    }
    if raw.platforms.len() > MAX_PLATFORMS {
        errors.push(v.error(
            raw.platforms[MAX_PLATFORMS].name.span(),
            too_many_platforms(),
        ));
    }
    let mut platforms: Vec<Option<PlatformSpec>> = Vec::new();
    for (index, p) in raw.platforms.iter().enumerate().take(MAX_PLATFORMS) {
        let name = p.name.get_ref();
        platforms.push(if off("platform", Some(index)) {
            None
        } else if raw.platforms[..index]
            .iter()
            .any(|q| q.name.get_ref() == name)
        {
            errors.push(v.error(p.name.span(), duplicate_platform(name)));
            None
        } else {
            let loose = loose("platform", Some(index));
            let result = platform_on_hosts(v, p, &platform_hosts);
            result.and_then(|result| keep_part(&mut errors, loose, result))
        });
    }
    let platforms_ok = !platforms.is_empty()
        && platforms.len() == raw.platforms.len()
        && platforms.iter().all(Option::is_some);

    let workloads = if off("workload", None) {
        None
    } else {
        let loose = loose("workload", None);
        keep_part(&mut errors, loose, validate_workloads(v, &raw.workloads))
    };

    // Instances.
    if raw.instances.is_empty() {
        errors.push(v.error(0..0, no_instance()));
    }
    let mut instances: Vec<Option<InstanceSpec>> = Vec::new();
    for (index, i) in raw.instances.iter().enumerate() {
        let name = i.name.get_ref();
        instances.push(if off("instance", Some(index)) {
            None
        } else if raw.instances[..index]
            .iter()
            .any(|x| x.name.get_ref() == name)
        {
            errors.push(v.error(i.name.span(), duplicate_instance(name)));
            None
        } else if workloads.is_none() && workload::preset(i.workload.get_ref()).is_none() {
            // Its workload may be one of the [[workload]] tables, which have an error.
            None
        } else {
            keep_part(
                &mut errors,
                loose("instance", Some(index)),
                validate_instance(
                    v,
                    i,
                    host.as_ref(),
                    &platforms,
                    &raw.platforms,
                    workloads.as_deref().unwrap_or_default(),
                ),
            )
        });
    }
    // None with an error, or with none at all (no_instance): what needs every instance
    // waits (a platform without instances follows from no_instance).
    let instances: Option<Vec<InstanceSpec>> = instances.into_iter().collect();
    let instances = instances.filter(|i| !i.is_empty());

    // Costs first: the memory totals below use some of them.
    let costs_ok = !off("costs", None)
        && keep_part(
            &mut errors,
            loose("costs", None),
            validate_costs(v, &raw.costs),
        )
        .is_some();
    let raw_costs = &raw.costs;

    // Per-platform totals: instances, vCPUs, memory (with every instance known).
    if let Some(instances) = &instances {
        let mine_of = |p_index: usize| -> Vec<(&InstanceSpec, &InstanceSection)> {
            instances
                .iter()
                .zip(&raw.instances)
                .filter(|(i, _)| i.platforms.contains(&p_index))
                .collect()
        };
        // Each memory error said: (its index in `errors`, its platform, the later
        // platforms that the same instances put over the host too).
        let mut memory_said: Vec<(usize, usize, Vec<String>)> = Vec::new();
        for (p_index, p) in platforms.iter().enumerate() {
            let Some(p) = p else { continue };
            let mine = mine_of(p_index);
            let mine_specs: Vec<&InstanceSpec> = mine.iter().map(|(i, _)| *i).collect();
            if let Some((m, group)) = platform_totals(&p.name, &mine_specs) {
                // At the count of the group that adds the most (what to lower), or at
                // the platform when it runs none; said once at a place, for the first
                // platform, when the same group puts several platforms over a limit.
                let span = match group.map(|g| mine[g].1) {
                    Some(raw_i) if !raw_i.count.span().is_empty() => raw_i.count.span(),
                    Some(raw_i) if !raw_i.vcpus.span().is_empty() => raw_i.vcpus.span(),
                    Some(raw_i) => raw_i.name.span(),
                    None => raw.platforms[p_index].name.span(),
                };
                let e = v.error(span, m);
                let said = errors
                    .iter()
                    .any(|x| (x.code, x.line, x.column) == (e.code, e.line, e.column));
                if !said {
                    errors.push(e);
                }
            } else if let (Some(host), true) = (&host, costs_ok) {
                // One error at a place: a group's memory_gib too large for every platform
                // that runs it is said once, for the first (fixing it fixes the others),
                // naming the others (a reviewer read two platforms named of four).
                if let Err(e) = validate_memory_total(v, p, &mine, host, raw_costs, &[]) {
                    let said = errors
                        .iter()
                        .position(|x| (x.code, x.line, x.column) == (e.code, e.line, e.column));
                    match said {
                        None => {
                            memory_said.push((errors.len(), p_index, Vec::new()));
                            errors.push(e);
                        }
                        Some(at) => {
                            if let Some((_, _, also)) =
                                memory_said.iter_mut().find(|(i, _, _)| *i == at)
                            {
                                also.push(p.name.clone());
                            }
                        }
                    }
                }
            }
        }
        // Said again with the platforms it also holds for.
        if let (Some(host), true) = (&host, costs_ok) {
            for (at, p_index, also) in memory_said.into_iter().filter(|s| !s.2.is_empty()) {
                let Some(p) = &platforms[p_index] else {
                    continue;
                };
                let mine = mine_of(p_index);
                if let Err(e) = validate_memory_total(v, p, &mine, host, raw_costs, &also) {
                    errors[at] = e;
                }
            }
        }
        // Migrations: each names an instance group the platform runs.
        for (p_index, raw_p) in raw.platforms.iter().enumerate() {
            if let (Some(m), Some(Some(p))) = (&raw_p.migration, platforms.get(p_index)) {
                let migration = validate_migration(v, m, p, p_index, instances);
                if let Some(migration) = keep(&mut errors, migration) {
                    if let Some(Some(p)) = platforms.get_mut(p_index) {
                        p.migration = Some(migration);
                    }
                }
            }
        }
    }

    let sweep = match (&raw.sweep, &instances) {
        (None, _) => Some(None),
        (Some(_), _) if off("sweep", None) => None,
        (Some(section), Some(instances)) => {
            let loose = loose("sweep", None);
            keep_part(&mut errors, loose, validate_sweep(v, section, instances)).map(Some)
        }
        (Some(_), None) => None,
    };

    let all_platforms: Option<Vec<PlatformSpec>> = if platforms_ok {
        platforms.iter().cloned().collect()
    } else {
        None
    };

    // Questions: each against the platforms, instances and sweep as far as they are valid
    // (a check that depends on one with an error is left out: `validate_question_against`).
    let mut questions = Vec::new();
    if questions_fit {
        let platform_names: Vec<&str> = raw
            .platforms
            .iter()
            .map(|p| p.name.get_ref().as_str())
            .collect();
        let against = question::Against {
            names: &platform_names,
            platforms: (0..raw.platforms.len())
                .map(|i| platforms.get(i).and_then(Option::as_ref))
                .collect(),
            all: all_platforms.as_deref(),
            instances: instances.as_deref(),
            sweep: sweep.as_ref().map(Option::as_ref),
        };
        let mut ids: Vec<&str> = Vec::new();
        for (index, q) in raw.questions.iter().enumerate() {
            if off("question", Some(index)) {
                continue;
            }
            let loose = loose("question", Some(index));
            if ids.contains(&q.id.get_ref().as_str()) {
                errors.push(v.error(q.id.span(), duplicate_question(q.id.get_ref())));
                continue;
            }
            match validate_question_against(v, q, &against) {
                Ok(_) if loose => {}
                Err(e) if loose => errors.extend(of_one_value(&e).then_some(e)),
                Ok(Some(question)) => {
                    ids.push(q.id.get_ref());
                    questions.push(question);
                }
                // Not known yet to be valid: its id still counts for the duplicates.
                Ok(None) => ids.push(q.id.get_ref()),
                Err(_) if questions_mode == Questions::DropInvalid => {}
                Err(e) => errors.push(e),
            }
        }
    }

    // The placeholders of the texts: each as a numeric question on its platform.
    let known = placeholder::Known {
        names: raw
            .platforms
            .iter()
            .map(|p| p.name.get_ref().as_str())
            .collect(),
        all: match (&all_platforms, &instances, &sweep) {
            (Some(p), Some(i), Some(sw)) => Some((p.as_slice(), i.as_slice(), sw.as_ref())),
            _ => None,
        },
    };
    let placeholders = placeholder::placeholder_errors(v, &raw, &known);
    // A figure that the page's settings take away (another workload, without the
    // operation quoted) shows as "…", as a question they leave without an answer is
    // dropped: the run goes on. Every other mistake of a placeholder is the text's.
    errors.extend(placeholders.into_iter().filter(|e| {
        questions_mode == Questions::Strict || e.code != crate::error_codes::UNANSWERABLE
    }));

    let (Some(platforms), Some(instances)) = (all_platforms, instances) else {
        return Err(sorted(errors));
    };

    // Faults.
    let mut faults = Vec::new();
    if duration_ok && faults_fit {
        for (index, f) in raw.faults.iter().enumerate() {
            if off("fault", Some(index)) {
                continue;
            }
            let fault = validate_fault(v, f, duration_ms, &platforms, &instances, &raw.platforms);
            faults.extend(keep_part(&mut errors, loose("fault", Some(index)), fault));
        }
    }

    let (Some(host), Some(sweep), true) = (host, sweep, errors.is_empty()) else {
        return Err(sorted(errors));
    };
    let scenario = Scenario {
        file_name: v.file.to_string(),
        name: s.name.clone(),
        title: s.title.clone(),
        description: s.description.clone(),
        seed: s.seed,
        duration_ms,
        trace: s.trace,
        host,
        platforms,
        instances,
        costs: raw.costs.clone(),
        questions,
        faults,
        sweep,
        source: v.text.to_string(),
        raw,
    };
    if let Some(m) = over_budget(&scenario) {
        let at = match m.code {
            "too_many_group_runs" => scenario.raw.platforms[0].name.span(),
            _ => scenario.raw.scenario.duration_ms.span(),
        };
        return Err(vec![v.error(at, m)]);
    }
    Ok(scenario)
}

/// Platform `p` checked against each of `hosts` (one: the file's host; several: what
/// the file's host, which has an error, could be): its spec against the first, or the
/// error every one of them gives; None when only some of them reject it (its error follows
/// from the host's, reported instead: the platform counts as one with an error).
fn platform_on_hosts(
    v: &Validator<'_>,
    p: &super::format::PlatformSection,
    hosts: &[Host],
) -> Option<Result<PlatformSpec, ScenarioError>> {
    let (first, others) = hosts.split_first()?;
    let result = validate_platform(v, p, first);
    let same = |other: &Result<PlatformSpec, ScenarioError>| match (&result, other) {
        (Ok(_), Ok(_)) => true,
        (Err(a), Err(b)) => a == b,
        _ => false,
    };
    others
        .iter()
        .all(|h| same(&validate_platform(v, p, h)))
        .then_some(result)
}

/// `errors` in the file's order (errors at one place keep the order found). By insertion:
/// the errors are few and mostly in order already, and a library sort would compile one
/// more sort into the page.
pub(super) fn sorted(mut errors: Vec<ScenarioError>) -> Vec<ScenarioError> {
    let at = |e: &ScenarioError| (e.line, e.column);
    for i in 1..errors.len() {
        let mut j = i;
        while j > 0 && at(&errors[j - 1]) > at(&errors[j]) {
            errors.swap(j - 1, j);
            j -= 1;
        }
    }
    errors
}

/// A value outside its range: `{field} must be between {min} and {max}; got {got}`.
pub(super) fn range_msg(
    field: &str,
    min: impl ToString,
    max: impl ToString,
    got: impl ToString,
) -> Msg {
    msg!(
        "out_of_range",
        RANGE_EN,
        RANGE_KO,
        field = field,
        min = min.to_string(),
        max = max.to_string(),
        got = got.to_string()
    )
}

fn too_many_faults(got: usize) -> Msg {
    msg!(
        "too_many",
        "at most {max} {what} per scenario; got {got}",
        "시나리오 하나에 [[fault]] 섹션은 최대 {max}개입니다. 입력: {got}개",
        max = MAX_FAULTS,
        what = "[[fault]] sections",
        got = got
    )
}

fn too_many_questions(got: usize) -> Msg {
    msg!(
        "too_many",
        "at most {max} {what} per scenario; got {got} (split them over several scenarios)",
        "시나리오 하나에 [[question]] 섹션은 최대 {max}개입니다. 입력: {got}개 (여러 시나리오로 나누세요)",
        max = MAX_QUESTIONS,
        what = "[[question]] sections",
        got = got
    )
}

fn no_platform() -> Msg {
    msg!(
        "no_platform",
        "no platform: add at least one [[platform]] with kind = \"native\", \"type1\", \"type2\", \"container\" or \"vdi\"",
        "플랫폼이 없습니다: kind = \"native\", \"type1\", \"type2\", \"container\" 또는 \"vdi\"인 [[platform]]을 하나 이상 추가하세요"
    )
}

fn too_many_platforms() -> Msg {
    msg!(
        "too_many",
        "at most {max} {what} per scenario",
        "시나리오 하나에 플랫폼은 최대 {max}개입니다",
        max = MAX_PLATFORMS,
        what = "platforms"
    )
}

fn duplicate_platform(name: &str) -> Msg {
    msg!(
        "duplicate",
        "{what} `{name}` is defined twice",
        "플랫폼 `{name}`이(가) 두 번 정의되었습니다",
        what = "platform",
        name = name
    )
}

fn no_instance() -> Msg {
    msg!(
        "no_instance",
        "no instance: add at least one [[instance]] with a name and a workload",
        "인스턴스가 없습니다: name과 workload가 있는 [[instance]]를 하나 이상 추가하세요"
    )
}

fn duplicate_instance(name: &str) -> Msg {
    msg!(
        "duplicate",
        "{what} `{name}` is defined twice",
        "인스턴스 `{name}`이(가) 두 번 정의되었습니다",
        what = "instance",
        name = name
    )
}

fn duplicate_question(name: &str) -> Msg {
    msg!(
        "duplicate",
        "question id `{name}` is used twice",
        "질문 id `{name}`이(가) 두 번 쓰였습니다",
        name = name
    )
}

/// What platform `name`'s instance groups `mine` break of the per-platform limits: at least
/// one instance, at most [`MAX_INSTANCES`] instances and [`MAX_VCPUS`] vCPUs; with the
/// index in `mine` of the group that adds the most instances (or vCPUs), the first of
/// equals, at whose `count` the error is located: lowering it is the fix (the message says
/// to what, when that alone suffices).
fn platform_totals(name: &str, mine: &[&InstanceSpec]) -> Option<(Msg, Option<usize>)> {
    if mine.is_empty() {
        return Some((
            msg!(
                "platform_without_instance",
                "platform `{name}` runs no instance",
                "플랫폼 `{name}`에서 실행되는 인스턴스가 없습니다",
                name = name
            ),
            None,
        ));
    }
    // Each group's share (instances, or vCPUs: count × vcpus), the total, the limit.
    let over = |share: &dyn Fn(&InstanceSpec) -> u64, max: u64| {
        let total: u64 = mine.iter().map(|i| share(i)).sum();
        if total <= max {
            return None;
        }
        let mut largest = 0;
        for (g, i) in mine.iter().enumerate() {
            if share(i) > share(mine[largest]) {
                largest = g;
            }
        }
        Some((largest, total))
    };
    if let Some((g, total)) = over(&|i| u64::from(i.count), MAX_INSTANCES) {
        let group = mine[g];
        let others = total - u64::from(group.count);
        let fit = MAX_INSTANCES.saturating_sub(others);
        return Some((
            too_many_on_platform(name, group, total, "instances", MAX_INSTANCES, fit),
            Some(g),
        ));
    }
    let vcpus_of = |i: &InstanceSpec| u64::from(i.count) * u64::from(i.vcpus);
    if let Some((g, total)) = over(&vcpus_of, MAX_VCPUS) {
        let group = mine[g];
        let others = total - vcpus_of(group);
        let fit = MAX_VCPUS.saturating_sub(others) / u64::from(group.vcpus.max(1));
        return Some((
            too_many_on_platform(name, group, total, "vCPUs", MAX_VCPUS, fit),
            Some(g),
        ));
    }
    None
}

/// Platform `name` over its limit of `what` (instances or vCPUs: `total`, at most `max`),
/// said at the count of `group`, the group that adds the most, with the count that would
/// fit (`fit`, the others unchanged; 0: lowering this count alone is not enough).
fn too_many_on_platform(
    name: &str,
    group: &InstanceSpec,
    total: u64,
    what: &str,
    max: u64,
    fit: u64,
) -> Msg {
    let vcpus = what == "vCPUs";
    let (fix, fix_ko) = match (fit, vcpus) {
        (0, _) => (
            "lower the counts of this and the platform's other groups".to_string(),
            "이 그룹과 플랫폼의 다른 그룹의 count를 줄이세요".to_string(),
        ),
        (fit, false) => (
            format!("lower count to {fit} or less"),
            format!("count를 {fit} 이하로 줄이세요"),
        ),
        (fit, true) => (
            format!("lower count to {fit} or less, or lower vcpus"),
            format!("count를 {fit} 이하로 줄이거나 vcpus를 줄이세요"),
        ),
    };
    let (en, ko) = if vcpus {
        (
            "instance `{group}`: count = {count} with vcpus = {vcpus} gives platform `{name}` {got} vCPUs in all; at most {max} are simulated on a platform: {fix}",
            "인스턴스 `{group}`: 이 그룹(count = {count}, vcpus = {vcpus})을 더해 플랫폼 `{name}`의 vCPU가 모두 {got}개입니다. 플랫폼마다 최대 {max}개까지 시뮬레이션합니다: {fix_ko}",
        )
    } else {
        (
            "instance `{group}`: count = {count} gives platform `{name}` {got} instances in all; at most {max} are simulated on a platform: {fix}",
            "인스턴스 `{group}`: 이 그룹(count = {count})을 더해 플랫폼 `{name}`의 인스턴스가 모두 {got}개입니다. 플랫폼마다 최대 {max}개까지 시뮬레이션합니다: {fix_ko}",
        )
    };
    Msg {
        code: "too_many",
        en,
        ko,
        params: vec![
            ("group", group.name.clone()),
            ("count", group.count.to_string()),
            ("vcpus", group.vcpus.to_string()),
            ("name", name.to_string()),
            ("got", total.to_string()),
            ("max", max.to_string()),
            ("fix", fix),
            ("fix_ko", fix_ko),
        ],
    }
}

/// What `scenario` breaks of the memory and event budgets, if anything: at most
/// [`MAX_GROUP_RUNS`] instance groups over its jobs (`too_many_group_runs`), at most
/// [`MAX_ESTIMATED_EVENTS`] events estimated (`too_many_events`, with the duration that
/// would fit).
fn over_budget(scenario: &Scenario) -> Option<Msg> {
    let group_runs = scenario.group_runs();
    if group_runs > MAX_GROUP_RUNS {
        return Some(msg!(
            "too_many_group_runs",
            "this scenario runs {got} instance groups over its platforms, baselines and sweep points (limit {max}): use fewer [[instance]] groups (raise count instead), fewer platforms or fewer sweep counts",
            "이 시나리오는 플랫폼, 기준선, 스윕 지점에 걸쳐 인스턴스 그룹 {got}개를 실행합니다 (한도 {max}): [[instance]] 그룹을 줄이거나(대신 count를 늘리세요) 플랫폼이나 스윕 count를 줄이세요",
            got = group_runs,
            max = MAX_GROUP_RUNS
        ));
    }
    let events = scenario.estimated_events();
    if events <= MAX_ESTIMATED_EVENTS {
        return None;
    }
    // The estimate grows with the simulated time: the duration that would fit, in two
    // significant digits, rounded down.
    let duration = scenario.duration_ms;
    let fit = (u128::from(duration) * u128::from(MAX_ESTIMATED_EVENTS) / u128::from(events)) as u64;
    let step = 10u64.pow(fit.max(1).ilog10().saturating_sub(1));
    let fit = fit / step * step;
    Some(if fit == 0 {
        msg!(
            "too_many_events_even_1ms",
            "this scenario would need about {events} events (limit {max}), too many even for duration_ms = 1: use fewer instances (or vCPUs, or a lighter workload)",
            "이 시나리오는 이벤트가 약 {events}개 필요합니다 (한도 {max}). duration_ms = 1이어도 너무 많습니다: 인스턴스(또는 vCPU)를 줄이거나 더 가벼운 워크로드를 쓰세요",
            events = crate::text::thousands(&events.to_string()),
            max = crate::text::thousands(&MAX_ESTIMATED_EVENTS.to_string())
        )
    } else {
        msg!(
            "too_many_events",
            "this scenario would need about {events} events (limit {max}): shorten duration_ms to about {fit} or less, or use fewer instances",
            "이 시나리오는 이벤트가 약 {events}개 필요합니다 (한도 {max}): duration_ms를 약 {fit} 이하로 줄이거나 인스턴스를 줄이세요",
            events = crate::text::thousands(&events.to_string()),
            max = crate::text::thousands(&MAX_ESTIMATED_EVENTS.to_string()),
            fit = fit
        )
    })
}
