//! Reading the files a command is given: a file's name as messages show it, its bytes
//! up to a size limit, its text as UTF-8, a scenario from it, and the failures of each.

use std::path::Path;

use sim_core::Scenario;

use crate::failure::io_reason;
use crate::{output, Failure, Lang};

/// "cannot read FILE: why", in the language of the messages: the usual reasons are
/// translated, any other one is the system's own words.
pub(crate) fn cannot_read(path: &Path, lang: Lang, e: &std::io::Error) -> Failure {
    use std::io::ErrorKind;
    let why = match (lang, e.kind()) {
        (Lang::Ko, ErrorKind::PermissionDenied) => "읽을 권한이 없습니다".to_string(),
        _ => io_reason(lang, e),
    };
    // A library scenario's name given as a path: where to get a file of it.
    let library = (e.kind() == ErrorKind::NotFound)
        .then(|| path.to_str())
        .flatten()
        .filter(|name| !name.contains(['/', '\\']))
        .and_then(|name| {
            let stem = name.strip_suffix(".toml").unwrap_or(name);
            let kind = if virtsim_library::scenario(stem).is_some() {
                "scenario"
            } else if virtsim_library::assignment(stem).is_some() {
                "assignment"
            } else {
                return None;
            };
            Some((stem.to_string(), kind))
        });
    let hint = match (lang, library) {
        (Lang::En, Some((stem, kind))) => format!(
            "; `{stem}` is a library {kind}: `virtsim new {kind} my-{stem} --from {stem}` writes a copy to run and change (in the repository it is scenarios/{}{stem}.toml)",
            if kind == "assignment" { "assignments/" } else { "" }
        ),
        (Lang::Ko, Some((stem, kind))) => format!(
            ". `{stem}`은(는) 라이브러리 {}입니다(저장소에서는 scenarios/{}{stem}.toml). `virtsim new {kind} my-{stem} --from {stem}`(으)로 사본을 만들어 실행하고 고치세요",
            if kind == "assignment" { "과제" } else { "시나리오" },
            if kind == "assignment" { "assignments/" } else { "" }
        ),
        _ => String::new(),
    };
    Failure::Other(match lang {
        Lang::En => anyhow::anyhow!("cannot read {}: {why}{hint}", shown(path)),
        Lang::Ko => anyhow::anyhow!(
            "{}",
            sim_core::text::particles(&format!(
                "{}을(를) 읽을 수 없습니다: {why}{hint}",
                shown(path)
            ))
        ),
    })
}

/// A file's name as messages print it: its control characters escaped as the messages'
/// other texts are ([`output::clean`]: an ESC or a line break in a name shown as
/// `\u{1b}`, `\u{a}`), so that a name cannot start a terminal escape sequence or pass for
/// a line of its own (`report` keeps the messages' own line breaks). Also the label of a
/// file's errors given to sim-core, which quotes it at the start of each.
pub(crate) fn shown(path: &Path) -> String {
    output::clean(&path.display().to_string())
}

/// Whether `path` is `-`, which names standard input (`virtsim run -`, `validate -`), as
/// it does for most command-line tools; messages name it `-`, as given.
pub(crate) fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// A directory given where a file is read.
fn is_a_directory(path: &Path, lang: Lang) -> Failure {
    Failure::Other(match lang {
        Lang::En => anyhow::anyhow!("cannot read {}: it is a directory", shown(path)),
        Lang::Ko => anyhow::anyhow!(
            "{}",
            sim_core::text::particles(&format!(
                "{}을(를) 읽을 수 없습니다: 디렉터리입니다",
                shown(path)
            ))
        ),
    })
}

pub(crate) fn load(path: &Path, lang: Lang) -> Result<Scenario, Failure> {
    if let Some(text) = library_scenario(path) {
        // `virtsim run smoke`: no file of that name here, and the library has one (an
        // instructor tried the name the docs use). Said, so a missing file is not hidden.
        crate::errln!(
            "{}",
            match lang {
                Lang::En => format!(
                    "note: no file `{0}` here: running the library scenario `{0}` (`virtsim new scenario my-{0} --from {0}` writes a copy to change)",
                    shown(path)
                ),
                Lang::Ko => format!(
                    "참고: 여기에 `{0}` 파일이 없으므로 같은 이름의 라이브러리 시나리오를 실행합니다(고칠 사본은 `virtsim new scenario my-{0} --from {0}`)",
                    shown(path)
                ),
            }
        );
        let file = shown(path);
        return Scenario::from_toml_all(&file, text)
            .map_err(|errors| crate::failure::invalid_with_warnings(&file, &errors, text, lang));
    }
    let bytes = read_scenario_bytes(path, lang)?;
    let text = utf8(path, bytes, lang)?;
    let file = shown(path);
    Scenario::from_toml_all(&file, &text)
        .map_err(|errors| crate::failure::invalid_with_warnings(&file, &errors, &text, lang))
}

/// The library scenario `path` names when no file has that name: a bare name (no folder),
/// with or without `.toml` (`smoke`, `smoke.toml`). `None` for a path to a file that exists
/// (a file always comes first), for standard input, and for a name the library lacks.
fn library_scenario(path: &Path) -> Option<&'static str> {
    let name = path.to_str()?;
    if is_stdin(path) || name.contains(['/', '\\']) || path.exists() {
        return None;
    }
    let stem = name.strip_suffix(".toml").unwrap_or(name);
    virtsim_library::scenario(stem)
}

/// The file's bytes, read only if it is not larger than the largest scenario accepted.
fn read_scenario_bytes(path: &Path, lang: Lang) -> Result<Vec<u8>, Failure> {
    read_bounded(path, lang, sim_core::scenario::MAX_FILE_BYTES, |size| {
        scenario_too_large(path, lang, size)
    })
}

/// The file's bytes, read only if it is at most `limit` bytes: the size from its metadata
/// first, then a read of at most one byte more than the limit (devices and pipes such as
/// `/dev/zero` report no size). `too_large` gets the size, or None for a stream longer than
/// the limit.
pub(crate) fn read_bounded(
    path: &Path,
    lang: Lang,
    limit: usize,
    too_large: impl Fn(Option<u64>) -> Failure,
) -> Result<Vec<u8>, Failure> {
    use std::io::Read;
    if is_stdin(path) {
        // `-`: standard input, read once up to the limit (a pipe reports no size).
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(limit as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| cannot_read(path, lang, &e))?;
        if bytes.len() > limit {
            return Err(too_large(None));
        }
        return Ok(bytes);
    }
    let file = std::fs::File::open(path).map_err(|e| cannot_read(path, lang, &e))?;
    let metadata = file.metadata().map_err(|e| cannot_read(path, lang, &e))?;
    if metadata.is_dir() {
        return Err(is_a_directory(path, lang));
    }
    if metadata.len() > limit as u64 {
        return Err(too_large(Some(metadata.len())));
    }
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot_read(path, lang, &e))?;
    if bytes.len() > limit {
        return Err(too_large(None));
    }
    Ok(bytes)
}

/// A scenario file over the size limit; `size` is its size in bytes, or None for a stream
/// longer than the limit.
pub(crate) fn scenario_too_large(path: &Path, lang: Lang, size: Option<u64>) -> Failure {
    let limit = sim_core::scenario::MAX_FILE_BYTES;
    let at = format!("{}:1:1", shown(path));
    Failure::Invalid(match (lang, size) {
        (Lang::En, Some(size)) => {
            format!("{at}: scenario file is {size} bytes; at most {limit} bytes are accepted")
        }
        (Lang::En, None) => format!(
            "{at}: scenario file is more than {limit} bytes; at most {limit} bytes are accepted"
        ),
        (Lang::Ko, Some(size)) => {
            format!("{at}: 시나리오 파일이 {size}바이트입니다. 최대 {limit}바이트까지 받습니다")
        }
        (Lang::Ko, None) => format!(
            "{at}: 시나리오 파일이 {limit}바이트보다 큽니다. 최대 {limit}바이트까지 받습니다"
        ),
    })
}

/// The file's text; a file that is not UTF-8 is an invalid scenario, located at its first
/// invalid byte ([`sim_core::scenario::text_of`]).
pub(crate) fn utf8(path: &Path, bytes: Vec<u8>, lang: Lang) -> Result<String, Failure> {
    sim_core::scenario::text_of(&shown(path), bytes)
        .map_err(|e| Failure::Invalid(e.to_string_in(lang.core())))
}
