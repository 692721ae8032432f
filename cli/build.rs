//! Embeds the scenario library (`scenarios/*.toml`) into the binary, so that `virtsim answers` and
//! `virtsim grade` resolve `scenario = "name.toml"` to the same texts (and hashes) as the
//! page, which embeds the same files (web-ui/build.rs).
use std::{env, fs, path::Path};

fn list(dir: &Path) -> Vec<std::path::PathBuf> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn table(out: &mut String, doc: &str, name: &str, files: &[std::path::PathBuf]) {
    out.push_str(&format!("{doc}\npub const {name}: &[(&str, &str)] = &[\n"));
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
        "/// Every library scenario: (file name, TOML text), sorted by file name.",
        "SCENARIOS",
        &list(&dir),
    );
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("library.rs");
    fs::write(dest, out).expect("write library.rs");
}
