//! Tests of the network parameters of `[[step.vary]]` (`vdi_rtt_ms`, `vdi_loss_percent`,
//! `vdi_client_bandwidth_mbit_s`): their picks, what they change, and their located errors.

use super::*;

/// One VDI platform, four office desktops, a step that varies the round trip (`choices =
/// [20, 80]`): the fixture `cli/tests/coursework.rs` runs through the CLI too.
const ASSIGNMENT: &str = include_str!("../../../tests/fixtures/remote-desktops.toml");

/// [`ASSIGNMENT`] varying `parameter` over `choices` (TOML, `[0.5, 2]`).
fn with(parameter: &str, choices: &str) -> String {
    assert!(ASSIGNMENT.contains("choices = [20, 80]"));
    ASSIGNMENT
        .replace("\"vdi_rtt_ms\"", &format!("\"{parameter}\""))
        .replace("choices = [20, 80]", &format!("choices = {choices}"))
}

fn parse(text: &str) -> Result<Assignment, ScenarioError> {
    Assignment::from_toml("remote.toml", text, &|_: &str| None::<String>)
}

/// Line and column (from 1) of the first `needle` after `after` in `text`.
fn place(text: &str, after: &str, needle: &str) -> (usize, usize) {
    let start = text.find(after).expect("after");
    let at = start + text[start..].find(needle).expect("needle");
    crate::scenario::error::line_column(text, at)
}

/// The pick of `student` and their computed median latency.
fn latency_at(a: &Assignment, student: &str) -> (Choice, f64) {
    let variant = a.variant(0, Some(student));
    let scenario = a.step_scenario(0, Some(student)).expect("valid variant");
    let result = scenario.run().expect("runs");
    let answers = crate::assignment::answers_from_result(&scenario, &result);
    let value = answers[0].value.expect("a latency");
    (variant.picks[0].1.clone(), value)
}

/// Two students drawing 20 ms and 80 ms: the one with the longer round trip waits longer
/// for every update, by about the 60 ms difference (each input crosses half the round trip
/// to the server, its update the other half back; nothing else in the run depends on it).
#[test]
fn students_with_a_longer_round_trip_measure_a_longer_latency() {
    let a = parse(&with("vdi_rtt_ms", "[20, 80]")).unwrap();
    let student_with = |ms: u64| {
        (0..100)
            .map(|i| format!("s{i:03}"))
            .find(|id| a.variant(0, Some(id)).picks[0].1 == Choice::Number(ms))
            .expect("some student draws it")
    };
    let (near, far) = (student_with(20), student_with(80));
    let (near_pick, near_ms) = latency_at(&a, &near);
    let (far_pick, far_ms) = latency_at(&a, &far);
    assert_eq!(
        (near_pick, far_pick),
        (Choice::Number(20), Choice::Number(80))
    );
    // The same seed (the scenario's): the round trip is the only difference. The median
    // moves by the 60 ms difference give or take the waits that quantize it (an update
    // that arrives later may catch another capture or display refresh: 10 ms either way
    // is less than a 60 Hz refresh's 16.7 ms). Measured when written: 45.8 and 108.4 ms.
    let moved = far_ms - near_ms;
    assert!(
        (50.0..=70.0).contains(&moved),
        "{near_ms} ms at 20 ms, {far_ms} ms at 80 ms"
    );
    // Each student's answers are deterministic: the same ids, the same figures.
    assert_eq!(latency_at(&a, &far).1, far_ms);
    // The scenario hash differs between the variants (a handed-in answer is stale under
    // the other); the reference variant is the first choice.
    assert_ne!(
        a.scenario_hash(0, Some(&near)),
        a.scenario_hash(0, Some(&far))
    );
    assert_eq!(a.variant(0, None).picks[0].1, Choice::Number(20));
}

/// Each network parameter sets the file's key of every VDI platform, in the file's unit,
/// decimals included where the page's control has them (0.5 % loss, a 2.5 Mbit/s link).
#[test]
fn each_network_parameter_sets_its_key_of_every_vdi_platform() {
    for (parameter, choices, check) in [
        (
            "vdi_rtt_ms",
            "[35, 120.0]",
            (|n: &crate::scenario::VdiNetwork| n.rtt_us) as fn(&_) -> u64,
        ),
        ("vdi_loss_percent", "[0.5, 2]", |n| n.loss_ppm),
        ("vdi_client_bandwidth_mbit_s", "[2.5, 0.064]", |n| {
            n.client_bandwidth_kbit_s
        }),
    ] {
        let a = parse(&with(parameter, choices)).unwrap_or_else(|e| panic!("{e}"));
        let kept: Vec<u64> = a.steps[0].vary[0]
            .choices
            .iter()
            .map(|choice| {
                let variant = Variant {
                    seed: None,
                    picks: vec![(a.steps[0].vary[0].parameter, choice.clone())],
                };
                let s = a.variant_scenario(0, &variant).unwrap();
                check(s.platforms[0].vdi.as_ref().unwrap())
            })
            .collect();
        let want: &[u64] = match parameter {
            "vdi_rtt_ms" => &[35_000, 120_000],
            "vdi_loss_percent" => &[5_000, 20_000],
            _ => &[2_500, 64],
        };
        assert_eq!(kept, want, "{parameter}");
    }
}

/// A choice out of the file key's range is an error at that choice, with the range and
/// the unit, in English and Korean.
#[test]
fn a_network_choice_out_of_range_is_an_error_at_the_choice() {
    for (parameter, choices, bad, range) in [
        ("vdi_rtt_ms", "[20, 3000]", "3000", "in ms, from 0 to 2,000"),
        ("vdi_loss_percent", "[0, 60]", "60", "in %, from 0 to 50"),
        (
            "vdi_client_bandwidth_mbit_s",
            "[20, 0.032]",
            "0.032",
            "in Mbit/s, from 0.064 to 100,000",
        ),
    ] {
        let text = with(parameter, choices);
        let e = parse(&text).unwrap_err();
        assert_eq!(e.code, "out_of_range", "{e}");
        assert_eq!(
            (e.line, e.column),
            place(&text, "[[step.vary]]", bad),
            "{e}"
        );
        assert!(
            e.message.contains(range) && e.message.contains(&format!("got {bad}")),
            "{e}"
        );
        let ko = e.message_in(crate::Lang::Ko);
        assert!(
            ko.contains(&format!("입력값: {bad}")) && ko.contains("모든 VDI 플랫폼"),
            "{ko}"
        );
    }
}

/// A choice finer than the page's control moves (it would run there as another value) is
/// an error at the choice naming the two settings beside it.
#[test]
fn a_network_choice_between_the_controls_steps_is_an_error() {
    for (parameter, choices, bad, advice) in [
        ("vdi_rtt_ms", "[20, 7.5]", "7.5", "write 7 or 8"),
        (
            "vdi_loss_percent",
            "[0.5, 0.25]",
            "0.25",
            "write 0.2 or 0.3",
        ),
        (
            "vdi_client_bandwidth_mbit_s",
            "[1, 1.0005]",
            "1.0005",
            "write 1 or 1.001",
        ),
    ] {
        let text = with(parameter, choices);
        let e = parse(&text).unwrap_err();
        assert_eq!(
            (e.line, e.column),
            place(&text, "[[step.vary]]", bad),
            "{e}"
        );
        assert!(e.message.contains(advice), "{e}");
        assert!(
            e.message_in(crate::Lang::Ko).contains("단위로 움직입니다"),
            "{e}"
        );
    }
}

/// Varying the network of a scenario without VDI platforms would change nothing: an error
/// at the `parameter`, saying why and where it would do something.
#[test]
fn a_network_parameter_without_vdi_platforms_is_an_error_at_the_parameter() {
    let text = with("vdi_loss_percent", "[0, 1]")
        .replace(
            "kind = \"vdi\"\nprotocol = \"rdp\"\nrtt_ms = 20",
            "kind = \"native\"",
        )
        .replace("workload = \"desktop-office\"", "workload = \"cpu-bound\"")
        .replace("guest_os = \"windows\"\n", "")
        .replace(
            "metric = \"desktop_p50_latency_ms\"",
            "metric = \"throughput\"",
        );
    let e = parse(&text).unwrap_err();
    assert_eq!(e.code, "not_applicable", "{e}");
    assert_eq!(
        (e.line, e.column),
        place(&text, "[[step.vary]]", "\"vdi_loss_percent\""),
        "{e}"
    );
    assert!(
        e.message
            .contains("scenario `remote` has none (its platforms: `office-vdi`)"),
        "{e}"
    );
    assert!(
        e.message_in(crate::Lang::Ko).contains("VDI 플랫폼이 없어"),
        "{e}"
    );
}

/// Decimals only where the file's key has them; no value a user can type panics.
#[test]
fn decimals_and_bad_numbers_are_errors_not_panics() {
    // A whole-number parameter refuses a decimal at the choice, as before.
    let e = parse(&with("duration_ms", "[500, 750.5]")).unwrap_err();
    assert!(e.message.contains("`750.5` has decimals"), "{e}");
    assert!(
        e.message_in(crate::Lang::Ko).contains("소수가 있습니다"),
        "{e}"
    );
    // 2 and 2.0 are the same choice.
    let e = parse(&with("vdi_loss_percent", "[2, 2.0]")).unwrap_err();
    assert_eq!(e.code, "duplicate", "{e}");
    for bad in [
        "-0.5", "nan", "inf", "-inf", "1e400", "1e300", "\"fast\"", "-3",
    ] {
        let text = with("vdi_rtt_ms", &format!("[20, {bad}]"));
        let result = std::panic::catch_unwind(|| parse(&text));
        let e = result.expect("no panic").expect_err(bad);
        assert!(e.line > 0 && !e.message.is_empty(), "{bad}: {e}");
    }
}

/// A negative choice, whole or not, is refused at the choice with the parameter's unit and
/// range (not the reader's "invalid value: floating point `-5.5`"); a workload's is a number
/// where a name goes.
#[test]
fn a_negative_choice_is_out_of_the_parameters_range_at_the_choice() {
    for (parameter, choices, bad, range) in [
        (
            "vdi_rtt_ms",
            "[20, -5.5]",
            "-5.5",
            "is in ms, from 0 to 2,000",
        ),
        ("vdi_loss_percent", "[-3, 1]", "-3", "is in %, from 0 to 50"),
        (
            "duration_ms",
            "[500, -1]",
            "-1",
            "is in ms, from 1 to 60,000",
        ),
        (
            "memory_per_instance_mib",
            "[2048, -9223372036854775808]",
            "-9223372036854775808",
            "is in MiB, from 1 to 67,108,864",
        ),
    ] {
        let text = with(parameter, choices);
        let e = parse(&text).unwrap_err();
        assert_eq!(e.code, "out_of_range", "{e}");
        assert_eq!(
            (e.line, e.column),
            place(&text, "[[step.vary]]", bad),
            "{e}"
        );
        assert!(
            e.message.contains(&format!(
                "of `{parameter}` is negative: `{parameter}` {range}"
            )),
            "{e}"
        );
        assert!(e.message_in(crate::Lang::Ko).contains("음수입니다"), "{e}");
    }
    let e = parse(&with("workload", "[\"cpu-bound\", -2]")).unwrap_err();
    assert!(e.message.contains("workload names"), "{e}");
}

/// A round trip written in seconds (`rtt_ms = 0.005`) is the scenario's warning, said of the
/// step; not when the step varies `vdi_rtt_ms`, whose choices replace it.
#[test]
fn the_scenarios_rtt_warning_is_left_out_when_the_round_trip_varies() {
    let text = with("vdi_loss_percent", "[0, 1]").replace("rtt_ms = 20", "rtt_ms = 0.005");
    let a = parse(&text).unwrap();
    let codes: Vec<&str> = a.warnings().iter().map(|w| w.code).collect();
    assert_eq!(codes, ["rtt_below_any_network"], "{:?}", a.warnings());
    assert!(
        a.warnings()[0].message.starts_with("step `rtt`: "),
        "{:?}",
        a.warnings()
    );
    let text = with("vdi_rtt_ms", "[20, 80]").replace("rtt_ms = 20", "rtt_ms = 0.005");
    assert_eq!(parse(&text).unwrap().warnings(), &[]);
}

/// The fixture with a second VDI platform whose round trip is `rtt_ms`.
fn two_platforms(text: &str, rtt_ms: u64) -> String {
    text.replacen(
        "[[instance]]",
        &format!("[[platform]]\nname = \"far-vdi\"\nkind = \"vdi\"\nprotocol = \"rdp\"\nrtt_ms = {rtt_ms}\n\n[[instance]]"),
        1,
    )
}

/// Varying the round trip of a scenario whose VDI platforms differ in it gives them all the
/// student's choice, erasing the comparison: a warning at the `parameter`, with each
/// platform's own value and where to vary it instead (en, ko); none when the platforms
/// already share the value, nor for a network key they do not differ in.
#[test]
fn varying_a_network_the_vdi_platforms_compare_is_a_warning() {
    let text = two_platforms(&with("vdi_rtt_ms", "[20, 80]"), 150);
    let a = parse(&text).expect("valid");
    let w: Vec<&ScenarioError> = (a.warnings().iter())
        .filter(|w| w.code == "vary_erases_comparison")
        .collect();
    assert_eq!(w.len(), 1, "{:?}", a.warnings());
    assert_eq!(
        (w[0].line, w[0].column),
        place(&text, "[[step.vary]]", "\"vdi_rtt_ms\""),
    );
    assert!(
        w[0].message
            .starts_with("step `rtt`: `vdi_rtt_ms` sets `rtt_ms` of every VDI platform")
            && w[0]
                .message
                .contains("(`office-vdi` 20 ms, `far-vdi` 150 ms)")
            && w[0].message.contains("one VDI platform"),
        "{}",
        w[0]
    );
    assert!(
        w[0].message_in(crate::Lang::Ko)
            .contains("그 비교가 사라집니다")
            && w[0]
                .message_in(crate::Lang::Ko)
                .contains("VDI 플랫폼이 하나인 시나리오"),
        "{}",
        w[0]
    );
    // The same round trip on both: the choice replaces a value they share.
    let same = parse(&two_platforms(&with("vdi_rtt_ms", "[20, 80]"), 20)).expect("valid");
    assert_eq!(same.warnings(), &[]);
    // Their loss is the same (the default): varying it erases nothing.
    let loss = parse(&two_platforms(&with("vdi_loss_percent", "[0, 1]"), 150)).expect("valid");
    assert_eq!(loss.warnings(), &[]);
    // One VDI platform: nothing to compare.
    assert_eq!(
        parse(&with("vdi_rtt_ms", "[20, 80]")).unwrap().warnings(),
        &[]
    );
}
