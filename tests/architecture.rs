//! Architecture invariants checked on the source, as rust-analyzer's tidy tests do: sim-core's
//! top-level modules import each other without circles, sim-core touches no clock, thread,
//! std hash map or unseeded RNG, and every Rust file starts with a `//!` line.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The lines of `text` outside unit tests (a `tests.rs` file, or what follows a
/// `#[cfg(test)]` module), with their 1-based numbers; comments cut off.
fn code_lines(path: &Path, text: &str) -> Vec<(usize, String)> {
    if path.file_name().is_some_and(|n| n == "tests.rs") {
        return Vec::new();
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let next = lines.get(i + 1).map_or("", |l| l.trim_start());
        if line.trim() == "#[cfg(test)]"
            && (next.starts_with("mod ") || next.starts_with("pub mod "))
        {
            break;
        }
        let code = line.split("//").next().unwrap_or("");
        out.push((i + 1, code.to_string()));
    }
    out
}

/// The `crate::name` paths in `code`.
fn crate_paths(code: &str) -> Vec<String> {
    code.match_indices("crate::")
        .filter(|(at, _)| !code[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
        .map(|(at, _)| {
            code[at + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

#[test]
fn sim_core_modules_import_each_other_without_circles() {
    let src = root().join("sim-core/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    // module -> module it imports -> where (file:line)
    let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let module_of = |path: &Path| -> String {
        let rel = path.strip_prefix(&src).expect("under src");
        let first = rel.components().next().expect("a component");
        first
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string()
    };
    let modules: Vec<String> = files.iter().map(|f| module_of(f)).collect();
    for path in &files {
        let from = module_of(path);
        if from == "lib" {
            continue;
        }
        let text = fs::read_to_string(path).expect("readable");
        for (line, code) in code_lines(path, &text) {
            for to in crate_paths(&code) {
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
    }
    // A depth-first search from every module; a back edge closes a circle.
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
        if let Some(circle) = visit(m, &edges, &mut stack, &mut done) {
            let hops: Vec<String> = circle
                .windows(2)
                .map(|w| format!("{} -> {} ({})", w[0], w[1], edges[&w[0]][&w[1]]))
                .collect();
            panic!("an import circle in sim-core:\n  {}", hops.join("\n  "));
        }
    }
    // The test sees the edges it should: the runner reads scenarios.
    assert!(edges["runner"].contains_key("scenario"), "{edges:?}");
}

#[test]
fn sim_core_uses_no_clock_thread_hash_map_or_unseeded_rng() {
    let src = root().join("sim-core/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
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

#[test]
fn every_rust_file_starts_with_a_module_doc_line() {
    let mut files = Vec::new();
    for dir in ["sim-core/src", "cli/src", "web-ui/src", "tests"] {
        rust_files(&root().join(dir), &mut files);
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
