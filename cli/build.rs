//! Embeds the scenario library (`scenarios/*.toml`) into the binary, so that `virtsim answers` and
//! `virtsim grade` resolve `scenario = "name.toml"` to the same texts (and hashes) as the
//! page, which embeds the same files (web-ui/build.rs); and the source's git commit in
//! `virtsim --version`, so that a binary's results can be traced to the code that made them.
use std::{env, fs, path::Path, process::Command};

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

/// The commit the binary is built from, and whether tracked files differed from it
/// (`VIRTSIM_SOURCE`); "unknown commit" outside a git checkout. Built again when the
/// checkout moves (HEAD's log, the index) or the workspace's sources change.
fn source_version(workspace: &Path) {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(workspace)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let version = match git(&["rev-parse", "--short=12", "HEAD"]) {
        Some(commit) => match git(&[
            "--no-optional-locks",
            "status",
            "--porcelain",
            "--untracked-files=no",
        ]) {
            Some(changes) if !changes.is_empty() => format!("commit {commit}, with changes"),
            _ => format!("commit {commit}"),
        },
        None => "unknown commit".to_string(),
    };
    println!("cargo:rustc-env=VIRTSIM_SOURCE={version}");
    for path in ["logs/HEAD", "index"] {
        if let Some(file) = git(&["rev-parse", "--git-path", path]) {
            println!("cargo:rerun-if-changed={}", workspace.join(file).display());
        }
    }
    for dir in ["sim-core/src", "cli/src", "Cargo.toml"] {
        println!("cargo:rerun-if-changed={}", workspace.join(dir).display());
    }
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
    source_version(&Path::new(&manifest).join(".."));
}
