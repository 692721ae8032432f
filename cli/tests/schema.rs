//! The committed JSON Schema of the scenario format stays in step with the code.

use std::process::Command;

#[test]
fn committed_schema_matches_the_format() {
    let output = Command::new(env!("CARGO_BIN_EXE_virtsim"))
        .arg("schema")
        .output()
        .expect("run virtsim schema");
    assert!(output.status.success());
    let generated = String::from_utf8(output.stdout).expect("utf-8");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/scenario.schema.json");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, &generated).expect("write schema");
        return;
    }
    let committed = std::fs::read_to_string(path).expect("docs/scenario.schema.json exists");
    assert_eq!(
        committed, generated,
        "docs/scenario.schema.json is stale: run `UPDATE_EXPECT=1 cargo test -p virtsim-cli --test schema`"
    );
    // The schema names the sections instructors write.
    for section in [
        "\"scenario\"",
        "\"host\"",
        "\"platform\"",
        "\"instance\"",
        "\"question\"",
        "\"costs\"",
    ] {
        assert!(generated.contains(section), "schema lacks {section}");
    }
}
