//! Builds the library's tables from the repository's `scenarios/*.toml` and
//! `scenarios/assignments/*.toml` (file name, text by `include_str!`), sorted by file name,
//! so that a file added there is in the crate at the next build.
use std::{env, fs, path::Path};

/// The `*.toml` files directly in `dir`, sorted; the build stops if `dir` cannot be read.
fn toml_files(dir: &Path) -> Vec<std::path::PathBuf> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let entries = fs::read_dir(dir).unwrap_or_else(|e| {
        panic!(
            "virtsim-library reads the scenario library from {}: {e} (the crate is built \
             inside the virtsim repository: depend on it by path or git)",
            dir.display()
        )
    });
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

/// `pub(crate) const NAME: &[(&str, &str)]` of (file name, text) for `files`.
fn table(out: &mut String, doc: &str, name: &str, files: &[std::path::PathBuf]) {
    out.push_str(&format!(
        "/// {doc}\npub(crate) const {name}: &[(&str, &str)] = &[\n"
    ));
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let file = path.file_name().unwrap().to_string_lossy();
        let abs = fs::canonicalize(path).expect("canonicalize library path");
        out.push_str(&format!(
            "    ({file:?}, include_str!({:?})),\n",
            abs.display().to_string()
        ));
    }
    out.push_str("];\n");
}

fn main() {
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("..").join("scenarios");
    let mut out = String::new();
    table(
        &mut out,
        "Every library scenario: (file name, TOML text), sorted by file name.",
        "SCENARIOS",
        &toml_files(&dir),
    );
    table(
        &mut out,
        "Every library assignment: (file name, TOML text), sorted by file name.",
        "ASSIGNMENTS",
        &toml_files(&dir.join("assignments")),
    );
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("library.rs");
    fs::write(dest, out).expect("write library.rs");
}
