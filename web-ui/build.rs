//! Embeds every `scenarios/*.toml` of the workspace into the web UI, so the
//! page's library always matches the repository's.
use std::{env, fs, path::Path};

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
    let mut out = String::from("/// Every built-in scenario: (file name, TOML text), sorted by file name.\npub const BUILTIN: &[(&str, &str)] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy();
        let abs = fs::canonicalize(path).expect("canonicalize scenario path");
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            abs.display().to_string()
        ));
    }
    out.push_str("];\n");
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
    out.push_str("/// Every library assignment: (file name, TOML text), sorted by file name.\npub const ASSIGNMENTS: &[(&str, &str)] = &[\n");
    for path in &assignments {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy();
        let abs = fs::canonicalize(path).expect("canonicalize assignment path");
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            abs.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("builtin.rs");
    fs::write(dest, out).expect("write builtin.rs");
}
