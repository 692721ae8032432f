//! The scenario library of the page: an index of every `scenarios/*.toml` and
//! `scenarios/assignments/*.toml` built in (see build.rs), the texts fetched from
//! `scenarios/<file>` and `scenarios/assignments/<file>` beside the page when first needed
//! and kept for the session.
//!
//! The library is listed in the course's order ([`COURSE_ORDER`]: grouped under the seed
//! document's headings, every file placed once, which a test checks). The index holds
//! each file's name, the FNV-1a hash of its text and its length: a fetched text is checked
//! against them, and a library scenario unchanged is known by them (share links). A failed
//! fetch is a [`FetchFailure`], which the page reports as a notice in its language.
//!
//! Only the scenario the page opens on is built into the wasm, so that the first render
//! needs no fetch; the other texts (about 220 KB, 60 KB of the gzipped wasm) stay out of
//! the download until chosen. Native builds and unit tests keep every text (`BUILTIN`,
//! `ASSIGNMENTS`).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// The scenario the page opens on: the seed document's comparison table (build.rs embeds
/// its text as `FIRST_TEXT`).
pub const FIRST_SCENARIO: &str = "seed-comparison-table";

thread_local! {
    /// Texts fetched this session, by path (`scenarios/<file>`, `scenarios/assignments/<file>`).
    static FETCHED: RefCell<BTreeMap<String, Rc<str>>> = const { RefCell::new(BTreeMap::new()) };
}

/// Why a library text could not be loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchProblem {
    /// The request failed: offline, or the connection dropped.
    Connection,
    /// The site answered with this HTTP status (404: no such file there).
    Status(u16),
    /// The site served another text than the one the page was built with (an old copy in a
    /// cache, a site updated in part): it would stand under this name for another one.
    Changed,
}

/// A library text that could not be loaded: its file (`smoke.toml`, or
/// `assignments/<file>` for an assignment) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchFailure {
    pub file: String,
    pub problem: FetchProblem,
}

/// Where library scenario `file` is served, relative to the page.
fn scenario_path(file: &str) -> String {
    format!("scenarios/{file}")
}

/// Where library assignment `file` is served, relative to the page.
fn assignment_path(file: &str) -> String {
    format!("scenarios/assignments/{file}")
}

/// Library file names, in library order.
pub fn files() -> impl Iterator<Item = &'static str> {
    INDEX.iter().map(|(f, _, _)| *f)
}

/// The library in the order of the course (the seed document,
/// `/work/shared/seed/000_*.txt`): hardware virtualization, hypervisors of type 1 and 2,
/// full, para- and hybrid virtualization, desktop virtualization, containers, then the
/// comparison table that sums them up. Each group: its heading (Korean, English) and its
/// scenarios' files in the order to take them. A file of the library missing here is
/// listed in a last group by title (a test asks for every file to be placed).
pub const COURSE_ORDER: &[((&str, &str), &[&str])] = &[
    // Hardware virtualization in the overview's sense: whole VMs, each with its kernel,
    // on a hypervisor (the glossary's entry): the tour, and a VM inside a VM. How a VM's
    // CPU, memory and I/O are virtualized (binary translation, hardware assist,
    // paravirtualization) is part 3's, the overview's full, para- and hybrid
    // virtualization; the hypervisor's own work (scheduling, memory, migration) part 2's.
    (
        ("1. 하드웨어 가상화", "1. Hardware virtualization"),
        &["smoke.toml", "nested-virtualization.toml"],
    ),
    (
        (
            "2. 하이퍼바이저: Type 1과 Type 2",
            "2. Hypervisors: type 1 and type 2",
        ),
        &[
            "type1-vs-type2.toml",
            "hosted-designs.toml",
            "driver-domain-starvation.toml",
            "overcommit-scheduling.toml",
            "scheduler-latency.toml",
            "lock-holder-preemption.toml",
            "tlb-shootdown.toml",
            "memory-overcommit.toml",
            "live-migration.toml",
        ],
    ),
    // Full virtualization (binary translation or hardware assist, and the CPU generation
    // it needs), paravirtualization and hybrid: on the CPU, memory (shadow page tables,
    // nested paging) and I/O (emulated devices, PV drivers and rings, passthrough).
    (
        (
            "3. 전가상화·반가상화·하이브리드",
            "3. Full, para- and hybrid virtualization",
        ),
        &[
            "full-para-hybrid.toml",
            "exit-cost-by-cpu-generation.toml",
            "exit-cost-sandy-bridge.toml",
            "memory-shadow-vs-nested.toml",
            "memory-nested-paging.toml",
            "shadow-hidden-faults.toml",
            "io-paths.toml",
            "network-stream.toml",
            "queue-depth.toml",
            "startup-techniques.toml",
        ],
    ),
    (
        ("4. 데스크톱 가상화", "4. Desktop virtualization"),
        &[
            "session-host-vs-vdi.toml",
            "vdi-consolidation.toml",
            "vdi-network.toml",
            "logon-storm.toml",
        ],
    ),
    (
        (
            "5. 컨테이너 (OS 수준 가상화)",
            "5. Containers (OS-level virtualization)",
        ),
        &[
            "containers-vs-vms.toml",
            "startup-density.toml",
            "memory-limits.toml",
            "noisy-neighbour.toml",
            "fault-blast-radius.toml",
        ],
    ),
    (
        ("6. 비교표", "6. The comparison table"),
        &[
            "seed-comparison-table.toml",
            "seed-table-full.toml",
            "consolidation-density.toml",
        ],
    ),
];

/// The library's groups in course order, each with its heading in `lang` and the indices
/// of its scenarios (indices of [`INDEX`], what share links and the menu's values hold).
/// Files the course order does not name come last, by title, under "More".
pub fn course_groups(lang: crate::i18n::Lang) -> Vec<(&'static str, Vec<usize>)> {
    let mut groups: Vec<(&'static str, Vec<usize>)> = COURSE_ORDER
        .iter()
        .map(|((ko, en), files)| {
            (
                lang.pick(ko, en),
                files.iter().filter_map(|f| position(f)).collect(),
            )
        })
        .collect();
    let mut rest: Vec<usize> = (0..INDEX.len())
        .filter(|i| !COURSE_ORDER.iter().any(|(_, f)| f.contains(&INDEX[*i].0)))
        .collect();
    rest.sort_by_key(|&i| (title(i, lang), INDEX[i].0));
    if !rest.is_empty() {
        groups.push((lang.pick("더 보기", "More"), rest));
    }
    groups.retain(|(_, files)| !files.is_empty());
    groups
}

/// The title of the library scenario at `index` in `lang` (empty if it has none).
pub fn title(index: usize, lang: crate::i18n::Lang) -> &'static str {
    TITLES.get(index).map_or("", |(en, ko)| lang.pick(ko, en))
}

/// The index of the library scenario named `file`.
pub fn position(file: &str) -> Option<usize> {
    INDEX.iter().position(|(f, _, _)| *f == file)
}

/// The index of the scenario the page opens on.
pub fn first() -> usize {
    INDEX
        .iter()
        .position(|(f, _, _)| f.starts_with(FIRST_SCENARIO))
        .unwrap_or(0)
}

/// Whether `text` is library scenario `i`'s text, unchanged (same length and FNV-1a hash:
/// an edit that keeps both is about one chance in 2^64).
pub fn is_text(i: usize, text: &str) -> bool {
    INDEX.get(i).is_some_and(|(_, hash, len)| {
        *len == text.len() && *hash == crate::sim::assignment::variation::fnv1a(text.as_bytes())
    })
}

/// The library scenario that `(file, text)` is, if it is one unchanged.
pub fn index_of(file: &str, text: &str) -> Option<usize> {
    position(file).filter(|&i| is_text(i, text))
}

/// Library scenario `i`'s text, if the page has it (built in, or fetched already).
#[cfg(target_arch = "wasm32")]
pub fn text(i: usize) -> Option<Rc<str>> {
    if i == first() && INDEX.get(i).is_some() {
        return Some(Rc::from(FIRST_TEXT));
    }
    let (file, _, _) = INDEX.get(i)?;
    FETCHED.with(|f| f.borrow().get(&scenario_path(file)).cloned())
}

/// Library scenario `i`'s text (native builds hold every text).
#[cfg(not(target_arch = "wasm32"))]
pub fn text(i: usize) -> Option<Rc<str>> {
    BUILTIN.get(i).map(|(_, t)| Rc::from(*t))
}

/// The text of the library scenario named `file`, if the page has it.
pub fn text_by_name(file: &str) -> Option<Rc<str>> {
    position(file).and_then(text)
}

/// Loads library scenario `i`'s text: at once if the page has it, else from
/// `scenarios/<file>` beside the page. The caller shows a failure translated
/// (`state::fetch_notice`).
pub async fn load(i: usize) -> Result<Rc<str>, FetchFailure> {
    let Some((file, _, _)) = INDEX.get(i) else {
        return Err(FetchFailure {
            file: format!("#{i}"),
            problem: FetchProblem::Status(404),
        });
    };
    if let Some(t) = text(i) {
        return Ok(t);
    }
    fetch_indexed(scenario_path(file), INDEX[i])
        .await
        .map_err(|problem| FetchFailure {
            file: file.to_string(),
            problem,
        })
}

/// Library assignment file names, in library order.
pub fn assignment_files() -> impl Iterator<Item = &'static str> {
    ASSIGNMENT_INDEX.iter().map(|(f, _, _)| *f)
}

/// The title of library assignment `file` in `lang`: its `[assignment]` title, or the file
/// name when it has none the index could read.
pub fn assignment_title(file: &str, lang: crate::i18n::Lang) -> &str {
    ASSIGNMENT_INDEX
        .iter()
        .zip(ASSIGNMENT_TITLES)
        .find(|((f, _, _), _)| *f == file)
        .map(|(_, (en, ko))| lang.pick(ko, en))
        .filter(|t| !t.is_empty())
        .unwrap_or(file)
}

/// Whether the library has an assignment named `file`.
pub fn is_assignment(file: &str) -> bool {
    assignment_files().any(|f| f == file)
}

/// The text of library assignment `file`, if the page has it (fetched already).
#[cfg(target_arch = "wasm32")]
pub fn assignment_text(file: &str) -> Option<Rc<str>> {
    FETCHED.with(|f| f.borrow().get(&assignment_path(file)).cloned())
}

/// The text of library assignment `file` (native builds hold every text).
#[cfg(not(target_arch = "wasm32"))]
pub fn assignment_text(file: &str) -> Option<Rc<str>> {
    ASSIGNMENTS
        .iter()
        .find(|(f, _)| *f == file)
        .map(|(_, t)| Rc::from(*t))
}

/// Loads library assignment `file`'s text (see `load`); Ok(None) if the library has none
/// of that name.
pub async fn load_assignment(file: &str) -> Result<Option<Rc<str>>, FetchFailure> {
    let Some(entry) = ASSIGNMENT_INDEX.iter().find(|(f, _, _)| *f == file) else {
        return Ok(None);
    };
    if let Some(t) = assignment_text(file) {
        return Ok(Some(t));
    }
    fetch_indexed(assignment_path(file), *entry)
        .await
        .map(Some)
        .map_err(|problem| FetchFailure {
            file: format!("assignments/{file}"),
            problem,
        })
}

/// Fetches `path` and keeps it for the session if it is the indexed text
/// (`(file, hash, length)`): a text that is not (a stale cache, a wrong file on the host)
/// would silently stand under this name for another one, so it is refused.
async fn fetch_indexed(
    path: String,
    (_, hash, len): (&str, u64, usize),
) -> Result<Rc<str>, FetchProblem> {
    let fetched = fetch_text(&path).await?;
    if fetched.len() != len || crate::sim::assignment::variation::fnv1a(fetched.as_bytes()) != hash
    {
        return Err(FetchProblem::Changed);
    }
    let t: Rc<str> = Rc::from(fetched);
    FETCHED.with(|f| f.borrow_mut().insert(path, t.clone()));
    Ok(t)
}

/// Loads every library scenario among `files` that the page does not have yet; the
/// error is the first file that could not be loaded.
pub async fn load_all(files: &[String]) -> Result<(), FetchFailure> {
    for file in files {
        if let Some(i) = position(file) {
            load(i).await?;
        }
    }
    Ok(())
}

/// GETs `url` (relative to the page) as text.
async fn fetch_text(url: &str) -> Result<String, FetchProblem> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window().ok_or(FetchProblem::Connection)?;
    // `fetch` rejects only when no answer came (offline, a dropped connection).
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url))
        .await
        .ok()
        .and_then(|r| r.dyn_into::<web_sys::Response>().ok())
        .ok_or(FetchProblem::Connection)?;
    if !response.ok() {
        return Err(FetchProblem::Status(response.status()));
    }
    let body = response.text().map_err(|_| FetchProblem::Connection)?;
    wasm_bindgen_futures::JsFuture::from(body)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or(FetchProblem::Connection)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// build.rs reads each title from its line with a small reader of its own: it must give
    /// what the scenario reader gives, for every library scenario.
    #[test]
    fn the_library_titles_are_the_scenarios_titles() {
        assert_eq!(TITLES.len(), BUILTIN.len());
        for (i, (file, text)) in BUILTIN.iter().enumerate() {
            let scenario = crate::sim::Scenario::from_toml(file, text).expect("valid");
            let title = scenario.title.expect("every library scenario has a title");
            assert_eq!(TITLES[i], (title.en.as_str(), title.ko.as_str()), "{file}");
            assert_eq!(
                super::title(i, crate::i18n::Lang::Ko),
                title.ko.as_str(),
                "{file}"
            );
        }
    }

    /// Every library scenario has its place in the course order, once, and the order names
    /// no file that is not in the library.
    #[test]
    fn every_scenario_is_placed_once_in_the_course_order() {
        let placed: Vec<&str> = COURSE_ORDER
            .iter()
            .flat_map(|(_, f)| f.iter().copied())
            .collect();
        for file in files() {
            let n = placed.iter().filter(|f| **f == file).count();
            assert_eq!(n, 1, "{file} is placed {n} times in COURSE_ORDER");
        }
        for file in &placed {
            assert!(
                position(file).is_some(),
                "{file} is in COURSE_ORDER but not in the library"
            );
        }
        for lang in [crate::i18n::Lang::Ko, crate::i18n::Lang::En] {
            let groups = course_groups(lang);
            assert_eq!(groups.len(), COURSE_ORDER.len());
            let mut all: Vec<usize> = groups.iter().flat_map(|(_, i)| i.iter().copied()).collect();
            // The course starts at hardware virtualization with the tour; a series is in its
            // order (1/2, 2/2).
            assert_eq!(INDEX[all[0]].0, "smoke.toml");
            let a = all
                .iter()
                .position(|&i| INDEX[i].0 == "exit-cost-by-cpu-generation.toml");
            let b = all
                .iter()
                .position(|&i| INDEX[i].0 == "exit-cost-sandy-bridge.toml");
            assert!(a < b);
            all.sort_unstable();
            assert_eq!(all, (0..INDEX.len()).collect::<Vec<_>>());
        }
    }

    /// A student's review (2026-12-07): the library follows the lecture's sections. What
    /// compares binary translation, hardware assist and paravirtualization (on the CPU, on
    /// memory, on I/O) is the overview's full, para- and hybrid virtualization, not its
    /// hardware virtualization (whole VMs) nor its hypervisors; a series stays together.
    #[test]
    fn the_techniques_scenarios_are_under_full_para_and_hybrid() {
        let group_of = |file: &str| {
            COURSE_ORDER
                .iter()
                .find(|(_, files)| files.contains(&file))
                .map(|((_, en), _)| *en)
                .unwrap_or_else(|| panic!("{file} is not placed"))
        };
        for file in [
            "full-para-hybrid.toml",
            "exit-cost-by-cpu-generation.toml",
            "exit-cost-sandy-bridge.toml",
            "memory-shadow-vs-nested.toml",
            "memory-nested-paging.toml",
            "shadow-hidden-faults.toml",
            "io-paths.toml",
            "network-stream.toml",
            "queue-depth.toml",
            "startup-techniques.toml",
        ] {
            assert_eq!(
                group_of(file),
                "3. Full, para- and hybrid virtualization",
                "{file}"
            );
        }
        assert_eq!(group_of("smoke.toml"), "1. Hardware virtualization");
        assert_eq!(
            group_of("type1-vs-type2.toml"),
            "2. Hypervisors: type 1 and type 2"
        );
        // Memory virtualization 1/2 comes right before 2/2.
        let third = COURSE_ORDER[2].1;
        let at = |f: &str| third.iter().position(|x| *x == f);
        assert_eq!(
            at("memory-shadow-vs-nested.toml").map(|i| i + 1),
            at("memory-nested-paging.toml")
        );
    }

    /// build.rs reads each assignment's title from its first title line: it must be the
    /// assignment's own title (the menu shows it).
    #[test]
    fn the_assignment_titles_are_the_assignments_titles() {
        assert_eq!(ASSIGNMENT_TITLES.len(), ASSIGNMENTS.len());
        for (file, text) in ASSIGNMENTS {
            let a = crate::sim::assignment::Assignment::from_toml_first_variants(
                file,
                text,
                &crate::state::course::PageLibrary,
            )
            .expect("valid assignment");
            assert_eq!(
                assignment_title(file, crate::i18n::Lang::En),
                a.title.en,
                "{file}"
            );
            assert_eq!(
                assignment_title(file, crate::i18n::Lang::Ko),
                a.title.ko,
                "{file}"
            );
        }
    }

    /// build.rs hashes each text with its own copy of FNV-1a: it must agree with sim-core's,
    /// or no library text would be recognized (a share link of an unchanged library
    /// scenario would not select it in the library).
    #[test]
    fn the_index_matches_every_built_in_text() {
        assert_eq!(INDEX.len(), BUILTIN.len());
        for (i, (file, text)) in BUILTIN.iter().enumerate() {
            assert_eq!(INDEX[i].0, *file);
            assert!(is_text(i, text), "{file}");
            assert_eq!(index_of(file, text), Some(i));
            // One byte more is another text.
            assert!(!is_text(i, &format!("{text} ")), "{file}");
        }
        assert!(INDEX[first()].0.starts_with(FIRST_SCENARIO));
        assert!(is_text(first(), FIRST_TEXT));
        assert_eq!(ASSIGNMENT_INDEX.len(), ASSIGNMENTS.len());
        for ((file, text), (f, hash, len)) in ASSIGNMENTS.iter().zip(ASSIGNMENT_INDEX) {
            assert_eq!((file, text.len()), (f, *len));
            assert_eq!(
                crate::sim::assignment::variation::fnv1a(text.as_bytes()),
                *hash
            );
        }
    }
}
