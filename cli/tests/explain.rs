//! `virtsim explain`: one operation on one platform, phase by phase, in both languages
//! and as JSON; bad platform and operation names exit 2 and list the valid ones.

use std::process::{Command, Output};

fn virtsim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_virtsim"))
        .args(args)
        .output()
        .expect("start virtsim")
}

fn smoke() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/smoke.toml").to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

#[test]
fn a_privileged_instruction_under_hardware_assist_is_stepped_through() {
    let smoke = smoke();
    let o = virtsim(&["explain", &smoke, "--platform", "t1-hw", "--op", "cr_write"]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let out = stdout(&o);
    // The trap's phases in order, then the other techniques beside it.
    let order = [
        "guest instruction",
        "VM exit",
        "VMCS",
        "decode",
        "VM entry",
        "The same operation side by side",
        "native",
        "TC lookup",
        "translated code",
        "hypercall",
    ];
    let mut at = 0;
    for needle in order {
        let found = out[at..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} missing or out of order in:\n{out}"));
        at += found;
    }
    // smoke.toml's host is a Sandy Bridge: round trip 784 + generic handler 2216.
    assert!(out.contains("3,000"), "total 3,000 missing:\n{out}");
}

#[test]
fn the_korean_table_is_korean() {
    let smoke = smoke();
    let args = ["explain", &smoke, "--platform", "t1-hw", "--op", "io_port"];
    let en = stdout(&virtsim(&args));
    let o = virtsim(&[&args[..], &["--lang", "ko"]].concat());
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let ko = stdout(&o);
    assert!(
        ko.contains("게스트 명령") && ko.contains("하이퍼바이저"),
        "{ko}"
    );
    assert!(ko.contains("같은 연산, 다른 기법"), "{ko}");
    assert_ne!(en, ko);
}

#[test]
fn json_phases_add_up_to_the_total() {
    let smoke = smoke();
    let o = virtsim(&[
        "explain",
        &smoke,
        "--platform",
        "t2-hw",
        "--op",
        "disk_read",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let explanations = std::iter::once(&v["platform"])
        .chain(v["side_by_side"].as_array().expect("side_by_side").iter());
    let mut count = 0;
    for e in explanations {
        let sum: u64 = e["phases"]
            .as_array()
            .expect("phases")
            .iter()
            .map(|p| p["cycles"].as_u64().expect("cycles"))
            .sum();
        assert_eq!(sum, e["total"].as_u64().expect("total"), "{}", e["name"]);
        count += 1;
    }
    // t2-hw, then native, binary translation and para (on a type 1).
    assert_eq!(count, 4);
    assert_eq!(v["platform"]["name"], "t2-hw");
    assert!(v["platform"]["phases"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["kind"] == "vm_exit"));
}

#[test]
fn unknown_names_are_a_wrong_command_line_exit_1_and_list_the_valid_ones() {
    let smoke = smoke();
    let o = virtsim(&["explain", &smoke, "--platform", "xen", "--op", "syscall"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("`xen`") && err.contains("t1-hw, t1-para, t2-hw"),
        "{err}"
    );
    assert!(stdout(&o).is_empty());

    let o = virtsim(&[
        "explain",
        &smoke,
        "--platform",
        "t1-hw",
        "--op",
        "fly",
        "--lang",
        "ko",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("`fly`") && err.contains("쓸 수 있는 연산"),
        "{err}"
    );
    assert!(
        err.contains("privileged_instruction") || err.contains("io_port"),
        "{err}"
    );
}

#[test]
fn a_misspelled_platform_or_operation_gets_a_guess() {
    let smoke = smoke();
    let o = virtsim(&["explain", &smoke, "--platform", "t1-pra", "--op", "syscall"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("did you mean `t1-para`?"),
        "{}",
        stderr(&o)
    );
    let o = virtsim(&[
        "explain",
        &smoke,
        "--platform",
        "t1-hw",
        "--op",
        "sycall",
        "--lang",
        "ko",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("혹시 `syscall`인가요?"),
        "{}",
        stderr(&o)
    );
    // Nothing near: no guess.
    let o = virtsim(&["explain", &smoke, "--platform", "xen", "--op", "syscall"]);
    assert!(!stderr(&o).contains("did you mean"), "{}", stderr(&o));
}

/// A shootdown's path shows one target: the explanation says the run repeats the IPI for
/// every other running vCPU, so its total is not read as the measured latency.
#[test]
fn a_shootdown_says_it_shows_one_target() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scenarios/tlb-shootdown.toml"
    );
    let o = virtsim(&["explain", file, "--platform", "hw", "--op", "tlb_shootdown"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let words = stdout(&o).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("repeats those steps N-1 times"), "{words}");
    // A hybrid guest with PV send-IPI sends one hypercall for every target: only the
    // hypervisor's delivery repeats.
    let o = virtsim(&[
        "explain",
        file,
        "--platform",
        "hybrid",
        "--op",
        "tlb_shootdown",
    ]);
    let words = stdout(&o).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("One PV send-IPI hypercall carries every target"),
        "{words}"
    );
    assert!(!words.contains("repeats those steps"), "{words}");
    let o = virtsim(&["explain", file, "--platform", "hw", "--op", "syscall"]);
    assert!(!stdout(&o).contains("shows one target"), "{}", stdout(&o));
}

#[test]
fn a_container_runs_on_the_host_kernel_not_a_guest_kernel() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scenarios/containers-vs-vms.toml"
    );
    let o = virtsim(&[
        "explain",
        file,
        "--platform",
        "cpu-container",
        "--op",
        "syscall",
    ]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let out = stdout(&o);
    // The container's own section comes before "side by side"; the shared kernel is the
    // host's there, and a native machine's kernel is just "kernel".
    let (own, others) = out
        .split_once("The same operation side by side")
        .expect("two parts");
    assert!(own.contains("host kernel"), "{own}");
    assert!(!own.contains("guest kernel"), "{own}");
    let native = others
        .split("\n\n")
        .find(|s| s.starts_with("native: "))
        .expect("native");
    assert!(
        native.contains(" kernel ") && !native.contains("guest kernel"),
        "{native}"
    );
}
