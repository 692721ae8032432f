//! Architecture invariants checked on the source, as rust-analyzer's tidy tests do: the
//! top-level modules of sim-core, the CLI and web-ui import each other without circles,
//! sim-core touches no clock, thread, std hash map or unseeded RNG, every Rust file starts
//! with a `//!` line, and every Rust file ARCHITECTURE.md names exists.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use virtsim_tests::rust_files;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The lines of `text` outside unit tests (a `tests.rs` file, or an inline `#[cfg(test)]`
/// module, which runs to the end of the file in this code base), with their 1-based
/// numbers; comments cut off. An out-of-line `#[cfg(test)] mod tests;` skips only itself.
fn code_lines(path: &Path, text: &str) -> Vec<(usize, String)> {
    if path.file_name().is_some_and(|n| n == "tests.rs") {
        return Vec::new();
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let next = lines.get(i + 1).map_or("", |l| l.trim());
        let next_is_mod = next.starts_with("mod ") || next.starts_with("pub mod ");
        if line.trim() == "#[cfg(test)]" && next_is_mod && next.ends_with('{') {
            break;
        }
        let code = line.split("//").next().unwrap_or("");
        out.push((i + 1, code.to_string()));
    }
    out
}

/// The first segment of each `crate::` path in `code` (lines of one file), with its line:
/// `crate::a::b` gives `a`, and a grouped import `crate::{a::b, c}` (over several lines
/// too) gives `a` and `c`.
fn crate_paths(code: &[(usize, String)]) -> Vec<(usize, String)> {
    paths_after(code, "crate::")
}

/// [`crate_paths`] for any path prefix (`crate::`, `super::`, `crate::machine::`).
fn paths_after(code: &[(usize, String)], prefix: &str) -> Vec<(usize, String)> {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    // One text with each byte's line, so that a group may span lines.
    let mut text = String::new();
    let mut line_at = Vec::new();
    for (line, l) in code {
        text.push_str(l);
        text.push('\n');
        line_at.resize(text.len(), *line);
    }
    let mut out = Vec::new();
    let skip = prefix.len();
    for (at, _) in text.match_indices(prefix) {
        if text[..at].ends_with(ident) || text[..at].ends_with("::") {
            continue;
        }
        let rest = &text[at + skip..];
        if let Some(group) = rest.strip_prefix('{') {
            // Each item at the group's own depth starts a path.
            let (mut depth, mut start) = (0usize, true);
            for (k, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && ident(c) => {
                        let name: String = group[k..].chars().take_while(|&c| ident(c)).collect();
                        out.push((line_at[at + skip + 1 + k], name));
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            out.push((
                line_at[at],
                rest.chars().take_while(|&c| ident(c)).collect(),
            ));
        }
    }
    out
}

/// The modules behind the crate root's re-exports (`pub use path::{Category, ...}` gives
/// `Category` -> `path`), so that `crate::Category` counts as an import of `path`.
fn reexports(lib_rs: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in lib_rs.lines() {
        let Some(used) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let used = used.trim_end_matches(';');
        let Some((module, names)) = used.split_once("::") else {
            continue;
        };
        let names = names.rsplit("::").next().unwrap_or(names);
        for name in names.trim_matches(|c| c == '{' || c == '}').split(',') {
            out.insert(name.trim().to_string(), module.to_string());
        }
    }
    out
}

#[test]
fn the_source_readers_see_grouped_imports_reexports_and_code_after_mod_tests() {
    let file = "//! x\nuse crate::{\n    a::B,\n    c,\n};\n#[cfg(test)]\nmod tests;\nfn f() { crate::d::e(); crate::Category::A; }\n#[cfg(test)]\nmod inline {\n    use crate::z;\n}\n";
    let code = code_lines(Path::new("m.rs"), file);
    let paths = crate_paths(&code);
    let names: Vec<(usize, &str)> = paths.iter().map(|(l, n)| (*l, n.as_str())).collect();
    assert_eq!(names, [(3, "a"), (4, "c"), (8, "d"), (8, "Category")]);
    let re = reexports("pub use path::{Category, ExitReason};\npub use text::Lang;\n");
    assert_eq!(re["Category"], "path");
    assert_eq!(re["Lang"], "text");
}

/// An import circle of `edges` (module -> module it imports -> where), as its hops
/// ("a -> b (file:line)"), if there is one: a depth-first search from every module, in
/// which a back edge closes a circle.
fn circle_in(edges: &BTreeMap<String, BTreeMap<String, String>>) -> Option<Vec<String>> {
    fn visit(
        m: &str,
        edges: &BTreeMap<String, BTreeMap<String, String>>,
        stack: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|s| s == m) {
            let mut circle = stack[at..].to_vec();
            circle.push(m.to_string());
            return Some(circle);
        }
        if done.iter().any(|d| d == m) {
            return None;
        }
        stack.push(m.to_string());
        for next in edges.get(m).map(|e| e.keys()).into_iter().flatten() {
            if let Some(circle) = visit(next, edges, stack, done) {
                return Some(circle);
            }
        }
        stack.pop();
        done.push(m.to_string());
        None
    }
    let (mut stack, mut done) = (Vec::new(), Vec::new());
    for m in edges.keys() {
        if let Some(circle) = visit(m, edges, &mut stack, &mut done) {
            return Some(
                circle
                    .windows(2)
                    .map(|w| format!("{} -> {} ({})", w[0], w[1], edges[&w[0]][&w[1]]))
                    .collect(),
            );
        }
    }
    None
}

/// Which module of folder `dir` (a module of the crate under `src`) imports which of its
/// siblings: `super::x` in the folder's own files (and a sub-folder's `mod.rs`) and
/// `crate::<the folder>::x` anywhere in it.
fn sibling_imports(src: &Path, dir: &Path) -> BTreeMap<String, BTreeMap<String, String>> {
    let rel = dir.strip_prefix(src).expect("under src");
    let in_crate = format!(
        "crate::{}::",
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("::")
    );
    let mut modules = Vec::new();
    for entry in fs::read_dir(dir).expect("a folder") {
        let path = entry.expect("an entry").path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() || (path.extension().is_some_and(|x| x == "rs") && name != "mod") {
            modules.push((name, path));
        }
    }
    let names: Vec<&String> = modules.iter().map(|(n, _)| n).collect();
    let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (from, path) in &modules {
        let files = if path.is_dir() {
            rust_files(path)
        } else {
            vec![path.clone()]
        };
        for file in files {
            let text = fs::read_to_string(&file).expect("readable");
            let code = code_lines(&file, &text);
            let super_is_dir = file.parent() == Some(dir) || file == path.join("mod.rs");
            let mut found = paths_after(&code, &in_crate);
            if super_is_dir {
                found.extend(paths_after(&code, "super::"));
            }
            for (line, to) in found {
                if &to != from && names.contains(&&to) {
                    let at = format!("{}:{line}", file.strip_prefix(root()).unwrap().display());
                    edges
                        .entry(from.clone())
                        .or_default()
                        .entry(to)
                        .or_insert(at);
                }
            }
        }
    }
    edges
}

/// The folders under `src`, recursively, in name order.
fn folders_under(src: &Path) -> Vec<PathBuf> {
    let mut folders = Vec::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                folders.push(path.clone());
                stack.push(path);
            }
        }
    }
    folders.sort();
    folders
}

/// Panics naming the hops of an import circle among the files of any folder under `src`;
/// returns each folder's edges, for the callers' checks that the reading sees them.
fn folders_without_circles(
    src: &Path,
) -> BTreeMap<PathBuf, BTreeMap<String, BTreeMap<String, String>>> {
    let mut all = BTreeMap::new();
    for dir in folders_under(src) {
        let edges = sibling_imports(src, &dir);
        if let Some(hops) = circle_in(&edges) {
            panic!(
                "an import circle in {}:\n  {}",
                dir.strip_prefix(root()).unwrap().display(),
                hops.join("\n  ")
            );
        }
        all.insert(dir, edges);
    }
    all
}

/// The files of each folder import each other without circles too, in sim-core (the pCPU
/// loop, the back ends and the locks shared their item types in a circle until the types
/// went to `machine/item.rs`), the CLI and the page (the chart panel and the memory charts
/// imported each other until those went under `chart_panel/specs/`).
#[test]
fn each_folders_files_import_each_other_without_circles() {
    let sim_core = folders_without_circles(&root().join("sim-core/src"));
    assert!(sim_core.len() >= 10, "{:?}", sim_core.keys());
    let machine = &sim_core[&root().join("sim-core/src/machine")];
    assert!(machine["pcpu"].contains_key("item"), "{machine:?}");
    assert!(
        machine.values().map(BTreeMap::len).sum::<usize>() > 10,
        "{machine:?}"
    );
    let validate = &sim_core[&root().join("sim-core/src/assignment/validate")];
    assert!(validate["step"].contains_key("vary"), "{validate:?}");
    folders_without_circles(&root().join("cli/src"));
    let web_ui = folders_without_circles(&root().join("web-ui/src"));
    let components = &web_ui[&root().join("web-ui/src/components")];
    assert!(
        components["controls"].contains_key("table"),
        "{components:?}"
    );
}

/// Which top-level module of the crate under `src` imports which (`crate::` paths and the
/// crate root's re-exports; `root_file`, `lib.rs` or `main.rs`, is left out), each edge
/// with its first place (file:line); panics naming the hops of an import circle.
fn top_level_imports_without_circles(
    src: &Path,
    root_file: &str,
) -> BTreeMap<String, BTreeMap<String, String>> {
    let files = rust_files(src);
    // module -> module it imports -> where (file:line)
    let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let module_of = |path: &Path| -> String {
        let rel = path.strip_prefix(src).expect("under src");
        let first = rel.components().next().expect("a component");
        first
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string()
    };
    let modules: Vec<String> = files.iter().map(|f| module_of(f)).collect();
    let reexported = reexports(&fs::read_to_string(src.join(root_file)).expect("crate root"));
    let root_module = root_file.trim_end_matches(".rs");
    for path in &files {
        let from = module_of(path);
        if from == root_module {
            continue;
        }
        let text = fs::read_to_string(path).expect("readable");
        for (line, name) in crate_paths(&code_lines(path, &text)) {
            let to = reexported.get(&name).cloned().unwrap_or(name);
            if to != from && modules.contains(&to) {
                let at = format!("{}:{line}", path.strip_prefix(root()).unwrap().display());
                edges
                    .entry(from.clone())
                    .or_default()
                    .entry(to)
                    .or_insert(at);
            }
        }
    }
    if let Some(hops) = circle_in(&edges) {
        panic!(
            "an import circle in {}:\n  {}",
            src.strip_prefix(root()).unwrap_or(src).display(),
            hops.join("\n  ")
        );
    }
    edges
}

#[test]
fn sim_core_modules_import_each_other_without_circles() {
    let edges = top_level_imports_without_circles(&root().join("sim-core/src"), "lib.rs");
    // The test sees the edges it should: the runner reads scenarios, and the machine (whose
    // mod.rs has an out-of-line `mod tests;` before most of its code) reads the cost table.
    assert!(edges["runner"].contains_key("scenario"), "{edges:?}");
    assert!(edges["machine"].contains_key("costs"), "{edges:?}");
}

/// The command line's modules too: `batch` asks `coursework` whether a file is an
/// assignment, so what both need of a scenario's questions is a module of its own
/// (`question_places`, once in `batch`, which `coursework` imported back).
#[test]
fn cli_modules_import_each_other_without_circles() {
    let edges = top_level_imports_without_circles(&root().join("cli/src"), "main.rs");
    assert!(edges["batch"].contains_key("coursework"), "{edges:?}");
    assert!(
        edges["coursework"].contains_key("question_places"),
        "{edges:?}"
    );
}

/// The page's modules too, layered (ARCHITECTURE.md's web-ui section): plain data and pure
/// logic (`sim`, sim-core re-exported; `i18n`, `num`, `knobs`, `share`, `builtin`,
/// `result_ops`, `answer_text`, `charts`; the runs: `run_end`, `worker`, `run`) below the
/// state and its reducer (`state`, with the open assignment in `state/course/`), and the
/// views (`components`, `app`) on top. The reducer once called view helpers
/// (`components::paths::opening_op`), the scoring `components::questions::computed_answer`,
/// and `builtin`, `share`, `run` and `worker` imported `state`'s types back.
///
/// `crate::sim::` is an import of web-ui's own `sim` module (sim-core's API re-exported),
/// which imports nothing of the page; a path into sim-core by its crate name
/// (`sim_core::`) is no edge.
#[test]
fn web_ui_modules_import_each_other_without_circles() {
    let edges = top_level_imports_without_circles(&root().join("web-ui/src"), "lib.rs");
    // The test sees the edges it should: the reducer reads sim-core's types and the
    // controls' settings (a `use crate::knobs::{...}` over several lines), and the views
    // read the state.
    assert!(edges["state"].contains_key("sim"), "{edges:?}");
    assert!(edges["state"].contains_key("knobs"), "{edges:?}");
    assert!(edges["components"].contains_key("state"), "{edges:?}");
    assert!(!edges.contains_key("sim"), "{edges:?}");
}

#[test]
fn sim_core_uses_no_clock_thread_hash_map_or_unseeded_rng() {
    let src = root().join("sim-core/src");
    let files = rust_files(&src);
    let banned = [
        "std::time",
        "Instant::",
        "SystemTime",
        "std::thread",
        "thread::spawn",
        "HashMap",
        "HashSet",
        "thread_rng",
        "StdRng",
        "from_entropy",
    ];
    let mut found = Vec::new();
    for path in &files {
        let text = fs::read_to_string(path).expect("readable");
        for (line, code) in code_lines(path, &text) {
            for word in banned {
                if code.contains(word) {
                    found.push(format!("{}:{line}: {word}", path.display()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "sim-core must stay deterministic:\n{}",
        found.join("\n")
    );
}

/// `#[inline]` that makes the page compile the scenario reading at its own opt-level:
/// only in wasm, so that natively the parser is compiled once, in sim-core, and not again
/// in every test binary that reads a scenario (`Scenario::from_toml`'s documentation).
const WASM_INLINE: &str = "#[cfg_attr(target_arch = \"wasm32\", inline)]";

#[test]
fn scenario_reading_is_inline_in_wasm_only() {
    let src = root().join("sim-core/src");
    // The reading: a bare `#[inline]` there would compile the whole TOML deserialization
    // into each native caller (30–60 s per test file).
    let mut files = rust_files(&src.join("scenario"));
    files.extend(rust_files(&src.join("assignment")));
    files.push(src.join("toml_reader.rs"));
    let mut bare = Vec::new();
    for path in &files {
        let text = fs::read_to_string(path).expect("readable");
        for (line, code) in code_lines(path, &text) {
            if code.trim() == "#[inline]" {
                bare.push(format!("{}:{line}", path.display()));
            }
        }
    }
    assert!(
        bare.is_empty(),
        "scenario reading must be `{WASM_INLINE}`, not `#[inline]`:\n{}",
        bare.join("\n")
    );
    // ... and still inline in wasm, or the page's wasm grows by an opt-level-3 copy of it.
    for (file, function) in [
        ("scenario/mod.rs", "pub fn from_toml("),
        ("scenario/mod.rs", "pub fn from_toml_all("),
        ("scenario/read.rs", "fn read_past("),
        ("assignment/mod.rs", "pub fn from_toml("),
        ("assignment/mod.rs", "pub fn from_toml_all("),
    ] {
        let text = fs::read_to_string(src.join(file)).expect("readable");
        let lines: Vec<&str> = text.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.trim_start().starts_with(function))
            .unwrap_or_else(|| panic!("{file}: no `{function}`"));
        assert!(
            lines[at - 1].trim().starts_with(WASM_INLINE),
            "{file}: `{function}` must be inline in wasm (the page's size)"
        );
    }
}

#[test]
fn every_rust_file_starts_with_a_module_doc_line() {
    let mut files = Vec::new();
    for dir in ["sim-core/src", "library", "cli/src", "web-ui/src", "tests"] {
        files.extend(rust_files(&root().join(dir)));
    }
    assert!(files.len() > 100, "found {} files", files.len());
    let missing: Vec<String> = files
        .iter()
        .filter(|path| {
            let text = fs::read_to_string(path).expect("readable");
            !text.trim_start().starts_with("//!")
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "files without a `//!` line:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_rust_file_architecture_md_names_exists() {
    // Each `name.rs` or `dir/name.rs` in backticks must be the end of a file's path.
    let doc = fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let mut files = Vec::new();
    for dir in ["sim-core", "library", "cli", "web-ui/src", "tests", "fuzz"] {
        let dir = root().join(dir);
        if dir.is_dir() {
            files.extend(rust_files(&dir));
        }
    }
    let paths: Vec<String> = files
        .iter()
        .map(|f| format!("/{}", f.strip_prefix(root()).unwrap().display()))
        .collect();
    let named: Vec<&str> = doc
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| s.ends_with(".rs") && !s.contains(char::is_whitespace))
        .collect();
    assert!(named.len() > 100, "found {} names", named.len());
    let missing: Vec<&&str> = named
        .iter()
        .filter(|name| !paths.iter().any(|p| p.ends_with(&format!("/{name}"))))
        .collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names files that do not exist: {missing:?}"
    );
}

/// Every file under `dir` (recursively) whose extension is one of `extensions`, skipping
/// npm's and cargo's directories.
fn text_files(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if !matches!(name, "node_modules" | "target" | "dist" | ".git") {
                text_files(&path, extensions, out);
            }
        } else if path
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| extensions.contains(&x))
        {
            out.push(path);
        }
    }
}

/// The `.rs` names in `line`: runs of letters, digits, `_`, `-`, `.` and `/` that end in
/// `.rs` and are not part of a longer word or an address (`sim-core/src/binary_form.rs`,
/// `costs.rs`; not `https://rustup.rs`).
fn rust_file_names(line: &str) -> Vec<&str> {
    let is_name = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/');
    let mut names = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find(".rs") {
        let end = at + 3;
        let after_ok = !rest[end..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_');
        let start = rest[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_name(*c))
            .last()
            .map_or(at, |(i, _)| i);
        let name = rest[start..end].trim_start_matches(['.', '/']);
        let file_name = name.rsplit('/').next().unwrap_or(name);
        let address = rest[start..].starts_with("//")
            || file_name
                .strip_suffix(".rs")
                .is_none_or(|stem| stem.contains('.'));
        if after_ok && !address && name.len() > 3 {
            names.push(name);
        }
        rest = &rest[end..];
    }
    names
}

/// A comment, a doc or a script that names a Rust file names one that exists: files move
/// (the workers' wire form into `sim-core/src/binary_form.rs`, the paths into the folder
/// `path/`), and a newcomer follows the old name to nothing (helper-250 found eleven). A
/// name with a `/` must be the end of a file's path, a bare name some file's name.
/// docs/performance.md is a history and names files as they were when measured.
#[test]
fn every_rust_file_a_comment_or_doc_names_exists() {
    let mut rust = Vec::new();
    for dir in ["sim-core", "library", "cli", "web-ui", "tests", "fuzz"] {
        text_files(&root().join(dir), &["rs"], &mut rust);
    }
    let paths: Vec<String> = rust
        .iter()
        .map(|f| format!("/{}", f.strip_prefix(root()).unwrap().display()))
        .collect();
    let mut texts = Vec::new();
    let kinds = ["rs", "md", "js", "mjs", "sh", "toml", "html", "css"];
    for dir in [
        "sim-core",
        "library",
        "cli",
        "web-ui",
        "tests",
        "fuzz",
        "scripts",
        "static",
        "docs",
        "scenarios",
        ".ci",
    ] {
        text_files(&root().join(dir), &kinds, &mut texts);
    }
    for file in ["README.md", "README.ko.md", "ARCHITECTURE.md", "Cargo.toml"] {
        texts.push(root().join(file));
    }
    assert!(texts.len() > 200, "found {} files", texts.len());
    let mut missing = Vec::new();
    for text_file in &texts {
        let shown = text_file
            .strip_prefix(root())
            .unwrap()
            .display()
            .to_string();
        if shown == "docs/performance.md" {
            continue;
        }
        let Ok(text) = fs::read_to_string(text_file) else {
            continue;
        };
        for (i, line) in text.lines().enumerate() {
            for name in rust_file_names(line) {
                // This test's own examples of the shapes it reads.
                if matches!(name, "name.rs" | "dir/name.rs" | "m.rs") {
                    continue;
                }
                if !paths.iter().any(|p| p.ends_with(&format!("/{name}"))) {
                    missing.push(format!("{shown}:{}: {name}", i + 1));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "names of Rust files that do not exist:\n{}",
        missing.join("\n")
    );
}

/// A default as docs/cost-model.md writes it: digits grouped by spaces from 10 000.
fn grouped(default: &str) -> String {
    let digits: String = default.chars().filter(char::is_ascii_digit).collect();
    if digits.len() <= 4 {
        return digits;
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// The citation at the head of a cost's source, for the table's cell: the source up to its
/// first `:`, `;` or ` (` outside backticks (`Adams & Agesen, ASPLOS 2006, Fig. 4`); the
/// whole source is in the row's note under the table. A source that starts with its kind
/// (`estimate: ...`, `derived: ...`) cites nothing of its own there: `—`.
fn cited(source: &str) -> String {
    let mut quoted = false;
    let mut end = source.len();
    for (i, c) in source.char_indices() {
        match c {
            '`' => quoted = !quoted,
            ':' | ';' if !quoted => {
                end = i;
                break;
            }
            '(' if !quoted && source[..i].ends_with(' ') => {
                end = i - 1;
                break;
            }
            _ => {}
        }
    }
    let head = source[..end].trim();
    if head.is_empty() || ["estimate", "derived"].contains(&head) {
        "—".to_string()
    } else {
        head.to_string()
    }
}

/// docs/cost-model.md's defaults table is the cost table: one row per field of
/// `cost_table!` in sim-core/src/costs.rs, in its order, with its default, unit and the
/// citation its source starts with, and under the table one note per field with its doc
/// comment and its whole source (a table cell holds a value, not a paragraph); the kind
/// (published, specified, derived, estimate) is the table's own. An expert's audit found
/// rows missing and sources out of date. `UPDATE_EXPECT=1` writes the rows and the notes
/// from the code, keeping each row's kind (a new row's: "estimate" when its source says so,
/// else to be filled in).
#[test]
fn the_cost_model_table_is_the_cost_table() {
    let code = fs::read_to_string(root().join("sim-core/src/costs.rs")).expect("costs.rs");
    let start = code.find("\ncost_table! {").expect("the cost table");
    let mut rows = Vec::new();
    let mut doc: Vec<String> = Vec::new();
    for line in code[start..].lines().skip(2) {
        let line = line.trim();
        if line == "}" {
            break;
        }
        if let Some(text) = line.strip_prefix("///") {
            doc.push(text.trim().to_string());
            continue;
        }
        if line.starts_with("//") {
            continue;
        }
        let Some((name, rest)) = line.split_once(": ") else {
            continue;
        };
        let (default, rest) = rest.split_once(", \"").expect("default, then unit");
        let (unit, rest) = rest.split_once("\", \"").expect("unit, then source");
        let source = rest.strip_suffix("\";").expect("the source ends the line");
        rows.push((
            name.to_string(),
            grouped(default),
            unit.to_string(),
            doc.join(" "),
            source.to_string(),
        ));
        doc.clear();
    }
    assert!(rows.len() > 100, "read {} rows of costs.rs", rows.len());

    let path = root().join("docs/cost-model.md");
    let text = fs::read_to_string(&path).expect("cost-model.md");
    let section = text
        .find("\n## Default costs\n")
        .expect("the defaults section");
    let header = "| field | default | unit | kind | source |\n|---|---:|---|---|---|\n";
    let table_at =
        section + text[section..].find(header).expect("the defaults table") + header.len();
    let table_end = text[table_at..]
        .find("\n\n")
        .map_or(text.len(), |i| table_at + i + 1);
    // The notes: a heading line, then one item per row, to the next empty line.
    let notes_head = "\nEach field in full: what it is, then its source.\n\n";
    let notes_end = if text[table_end..].starts_with(notes_head) {
        let at = table_end + notes_head.len();
        text[at..].find("\n\n").map_or(text.len(), |i| at + i + 1)
    } else {
        table_end
    };
    let kinds: BTreeMap<String, String> = text[table_at..table_end]
        .lines()
        .filter_map(|row| {
            let cells: Vec<&str> = row.split(" | ").collect();
            let name = cells
                .first()?
                .trim_start_matches("| `")
                .trim_end_matches('`');
            Some((name.to_string(), cells.get(3)?.to_string()))
        })
        .collect();
    let mut table = String::new();
    let mut notes = String::new();
    let mut unknown_kind = Vec::new();
    let mut wrong_kind = Vec::new();
    for (name, default, unit, what, source) in &rows {
        // A source that starts with its kind ("estimate: ...", "derived: ...") says it.
        if let Some(said) = ["estimate", "derived"]
            .iter()
            .find(|k| source.starts_with(**k))
        {
            if kinds.get(name).is_some_and(|k| k != said) {
                wrong_kind.push(format!("{name} ({said})"));
            }
        }
        let kind = kinds.get(name).cloned().unwrap_or_else(|| {
            if source.starts_with("estimate") {
                "estimate".to_string()
            } else {
                unknown_kind.push(name.clone());
                "?".to_string()
            }
        });
        let cited = cited(source);
        table.push_str(&format!(
            "| `{name}` | {default} | {unit} | {kind} | {cited} |\n"
        ));
        let stop = |s: &str| if s.ends_with('.') { "" } else { "." };
        notes.push_str(&format!(
            "- `{name}`: {what}{} Source: {source}{}\n",
            stop(what),
            stop(source)
        ));
    }
    let expected = format!("{table}{notes_head}{notes}");
    let actual = &text[table_at..notes_end];
    if actual != expected {
        if std::env::var("UPDATE_EXPECT").is_ok_and(|v| v == "1") {
            let updated = format!("{}{expected}{}", &text[..table_at], &text[notes_end..]);
            fs::write(&path, updated).expect("write cost-model.md");
        } else {
            let diff = virtsim_tests::line_diff(&expected, actual);
            panic!("docs/cost-model.md's defaults table or its notes differ from costs.rs (- expected, + actual):\n{diff}\nUPDATE_EXPECT=1 cargo test --release -p virtsim-tests --test architecture");
        }
    }
    assert!(
        unknown_kind.is_empty(),
        "give these rows their kind in docs/cost-model.md: {unknown_kind:?}"
    );
    assert!(
        wrong_kind.is_empty(),
        "these rows' kind in docs/cost-model.md is not what their source says: {wrong_kind:?}"
    );
}

/// docs/scenario-format.md's table of workload presets is the presets: one row for each of
/// [`PRESET_NAMES`](sim_core::workload::PRESET_NAMES), in order, with its `compute_cycles`,
/// its mix (every operation with a weight, and no other) and, in its notes, each of
/// `think_time_us`, `io_bytes` and `message_bytes` that differs from the defaults the
/// table's heading gives. A preset added or changed in the code alone fails here.
#[test]
fn the_preset_table_is_the_presets() {
    use sim_core::workload::PRESET_NAMES;
    use sim_core::{Op, Workload};
    let doc =
        fs::read_to_string(root().join("docs/scenario-format.md")).expect("scenario-format.md");
    let start = doc
        .find("| preset | `compute_cycles` | mix | notes |")
        .expect("the preset table");
    let rows: Vec<Vec<&str>> = doc[start..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect();
    let names: Vec<&str> = rows.iter().map(|r| r[0].trim_matches('`')).collect();
    assert_eq!(names, PRESET_NAMES, "the table's presets, in order");
    for row in &rows {
        let name = row[0].trim_matches('`');
        let w = Workload::preset(name).expect("a preset");
        let cycles: String = row[1].chars().filter(char::is_ascii_digit).collect();
        assert_eq!(
            cycles,
            w.compute_cycles.to_string(),
            "{name}: compute_cycles"
        );
        let weights = w.mix.weights();
        let mut in_code: Vec<String> = Op::ALL[..Op::MIX_COUNT]
            .iter()
            .filter(|op| weights[op.index()] > 0)
            .map(|op| format!("{} {}", op.name(), weights[op.index()]))
            .collect();
        let mut in_doc: Vec<String> = row[2].split(", ").map(str::to_string).collect();
        in_code.sort();
        in_doc.sort();
        assert_eq!(in_doc, in_code, "{name}: mix");
        for (key, value, default) in [
            ("think_time_us", w.think_time_us, 0),
            ("io_bytes", w.io_bytes, 4096),
            ("message_bytes", w.message_bytes, 1024),
            ("syscall_work_cycles", w.syscall_work_cycles, 800),
        ] {
            let said = format!("`{key} = {value}`");
            assert_eq!(
                row[3].contains(&said),
                value != default,
                "{name}: {said} in the notes when not the default {default}"
            );
        }
    }
}
