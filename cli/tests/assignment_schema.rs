//! The committed JSON Schema of the assignment format stays in step with the code.

use std::process::Command;

#[test]
fn committed_assignment_schema_matches_the_format() {
    let output = Command::new(env!("CARGO_BIN_EXE_virtsim"))
        .args(["schema", "--assignment"])
        .output()
        .expect("run virtsim schema --assignment");
    assert!(output.status.success());
    let generated = String::from_utf8(output.stdout).expect("utf-8");
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/assignment.schema.json"
    );
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, &generated).expect("write schema");
        return;
    }
    let committed = std::fs::read_to_string(path).expect("docs/assignment.schema.json exists");
    assert_eq!(
        committed, generated,
        "docs/assignment.schema.json is stale: run `UPDATE_EXPECT=1 cargo test -p virtsim-cli --test assignment_schema`"
    );
    for key in [
        "\"assignment\"",
        "\"step\"",
        "\"vary\"",
        "\"predict\"",
        "\"points\"",
        "\"scenario_toml\"",
    ] {
        assert!(generated.contains(key), "schema lacks {key}");
    }
}
