//! The source's git commit in `virtsim --version`, so that a binary's results can be traced
//! to the code that made them. (The scenario library that `virtsim answers` and `virtsim
//! grade` resolve `scenario = "name.toml"` in is `virtsim-library`'s, the same files as the
//! page's.)
use std::{env, path::Path, process::Command};

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
    source_version(&Path::new(&manifest).join(".."));
}
