//! Builds the web UI's library index from every `scenarios/*.toml` of the workspace, so
//! the page's library always matches the repository's (the texts themselves are served
//! from dist/scenarios/, see scripts/serve.sh), and the index of the assignments (served
//! from dist/scenarios/assignments/).
use std::{env, fs, path::Path};

/// The scenario the page opens on (the seed document's comparison table); keep in step
/// with `builtin::FIRST_SCENARIO`.
const FIRST_SCENARIO: &str = "seed-comparison-table";

/// FNV-1a, 64-bit: the same function as `sim_core::assignment::variation::fnv1a` (a unit
/// test in builtin.rs checks that they agree on every library text).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The `title = { en = "...", ko = "..." }` line of a scenario's `[scenario]` table, as
/// (English, Korean); `None` if it is written otherwise (the page then shows the file name).
fn title_of(text: &str) -> Option<(String, String)> {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("title = {"))?;
    let quoted = |key: &str| -> Option<String> {
        let start = line.find(&format!("{key} = \""))? + key.len() + 4;
        let mut out = String::new();
        let mut chars = line[start..].chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => return Some(out),
                '\\' => out.push(chars.next()?),
                c => out.push(c),
            }
        }
        None
    };
    Some((quoted("en")?, quoted("ko")?))
}

fn main() {
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("..").join("scenarios");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    // The page's wasm holds only the index (names, and a hash and length of each text to
    // recognize a library text, e.g. in a share link) and the scenario it opens on; the
    // other texts are fetched from dist/scenarios/ when chosen. Native builds (the unit
    // tests) keep every text.
    let mut out = String::from("/// Every built-in scenario (native builds and unit tests only): (file name, TOML text), sorted by file name.\n#[cfg(any(test, not(target_arch = \"wasm32\")))]\npub const BUILTIN: &[(&str, &str)] = &[\n");
    let mut index = String::from("/// The library's index: (file name, FNV-1a hash of the text, its length in bytes), sorted by file name.\npub const INDEX: &[(&str, u64, usize)] = &[\n");
    let mut titles = String::from("/// The library's titles in the order of `INDEX`: (English, Korean), empty where a file's title could not be read.\npub const TITLES: &[(&str, &str)] = &[\n");
    let mut first = None;
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy();
        let abs = fs::canonicalize(path).expect("canonicalize scenario path");
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            abs.display().to_string()
        ));
        let text = fs::read(path).expect("read scenario");
        index.push_str(&format!(
            "    ({name:?}, {:#x}, {}),\n",
            fnv1a(&text),
            text.len()
        ));
        let (en, ko) = title_of(&String::from_utf8_lossy(&text)).unwrap_or_default();
        titles.push_str(&format!("    ({en:?}, {ko:?}),\n"));
        if first.is_none() && name.starts_with(FIRST_SCENARIO) {
            first = Some(abs);
        }
    }
    out.push_str("];\n");
    index.push_str("];\n");
    titles.push_str("];\n");
    out.push_str(&index);
    out.push_str(&titles);
    // The scenario the page opens on, built in so that the first render needs no fetch.
    let first = first.map_or_else(
        || "\"\"".to_string(),
        |abs| format!("include_str!({:?})", abs.display().to_string()),
    );
    out.push_str(&format!("/// The text of the scenario the page opens on (`{FIRST_SCENARIO}*`).\npub const FIRST_TEXT: &str = {first};\n"));
    // The library's assignments (scenarios/assignments/*.toml), for the page's coursework.
    let adir = dir.join("assignments");
    println!("cargo:rerun-if-changed={}", adir.display());
    let mut assignments: Vec<_> = fs::read_dir(&adir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
                .collect()
        })
        .unwrap_or_default();
    assignments.sort();
    // Likewise fetched from dist/scenarios/assignments/ when opened.
    out.push_str("/// Every library assignment (native builds and unit tests only): (file name, TOML text), sorted by file name.\n#[cfg(any(test, not(target_arch = \"wasm32\")))]\npub const ASSIGNMENTS: &[(&str, &str)] = &[\n");
    let mut index = String::from("/// The library's assignments: (file name, FNV-1a hash of the text, its length in bytes), sorted by file name.\npub const ASSIGNMENT_INDEX: &[(&str, u64, usize)] = &[\n");
    // An assignment's first `title = { ... }` line is its own (`[assignment]` comes first).
    let mut titles = String::from("/// The library assignments' titles in the order of `ASSIGNMENT_INDEX`: (English, Korean), empty where a file's title could not be read.\npub const ASSIGNMENT_TITLES: &[(&str, &str)] = &[\n");
    for path in &assignments {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy();
        let abs = fs::canonicalize(path).expect("canonicalize assignment path");
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            abs.display().to_string()
        ));
        let text = fs::read(path).expect("read assignment");
        index.push_str(&format!(
            "    ({name:?}, {:#x}, {}),\n",
            fnv1a(&text),
            text.len()
        ));
        let (en, ko) = title_of(&String::from_utf8_lossy(&text)).unwrap_or_default();
        titles.push_str(&format!("    ({en:?}, {ko:?}),\n"));
    }
    out.push_str("];\n");
    index.push_str("];\n");
    titles.push_str("];\n");
    out.push_str(&index);
    out.push_str(&titles);
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("builtin.rs");
    fs::write(dest, out).expect("write builtin.rs");
}
