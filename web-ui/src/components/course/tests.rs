//! The course panel's tests: the variant and the description's notes in words, the
//! verdicts, the score.

use super::notes::*;
use super::*;
use crate::builtin;
use crate::i18n::{t, Lang};
use crate::knobs::Baseline;
use crate::sim::Scenario;
use crate::state::course::{self, Course};

fn step_one(student: Option<&str>) -> (Course, Baseline) {
    let file = "hypervisor-types.toml";
    let text = builtin::assignment_text(file).unwrap();
    let mut c = course::open(course::Origin::Library(file.into()), file, &text).unwrap();
    c.progress.student = student.map(str::to_string);
    let scenario_text = builtin::text_by_name("type1-vs-type2.toml").unwrap();
    let s = Scenario::from_toml("type1-vs-type2.toml", &scenario_text).unwrap();
    (c, Baseline::of(&s))
}

#[test]
fn a_variant_step_says_whose_figures_the_description_quotes() {
    let (c, base) = step_one(Some("s001"));
    let v = c.a().variant(0, Some("s001"));
    let seed = v.seed.unwrap();
    for lang in [Lang::Ko, Lang::En] {
        let note = description_note(lang, &c, &base).unwrap();
        // The scenario's own seed (7) and the student's.
        assert!(
            note.contains(&t(lang, "settings.seed").replace("{}", "7")),
            "{note}"
        );
        assert!(note.contains(&seed.to_string()), "{note}");
    }
    // Another student whose host has other cores than the scenario's 4: both named.
    let other = (0..200)
        .map(|i| format!("s{i:03}"))
        .find(|id| {
            c.a()
                .variant(0, Some(id))
                .picks
                .iter()
                .any(|(_, choice)| *choice != crate::sim::assignment::Choice::Number(4))
        })
        .unwrap();
    let (c, base) = step_one(Some(&other));
    let note = description_note(Lang::En, &c, &base).unwrap();
    assert!(note.contains("host cores 4)"), "{note}");
    // Before a student id: no variant yet, no note.
    let (c, base) = step_one(None);
    assert_eq!(description_note(Lang::En, &c, &base), None);
}

/// The note that a description's figures are the scenario's own: none at its own
/// settings, one naming the setting after a slider moved, none once it is back.
#[test]
fn the_figures_note_follows_the_shown_results_settings() {
    use crate::knobs::Knobs;
    use crate::state::{Action, ResultRef};
    use std::rc::Rc;
    use yew::Reducible as _;
    const TEXT: &str = "[scenario]\nname = \"n\"\nduration_ms = 20\n[host]\ncores = 2\n[[platform]]\nname = \"c\"\nkind = \"container\"\n[[instance]]\nname = \"g\"\nworkload = \"cpu-bound\"\n";
    let finish = |s: Rc<State>| {
        let scenario =
            crate::parsed::adjusted(&s.file, TEXT, &s.knobs.to_adjustments()).expect("valid");
        let result = (*scenario).clone().run().expect("runs");
        let id = s.run_id;
        s.reduce(Action::Finished {
            id,
            result: ResultRef(Rc::new(result)),
            events: 1,
            millis: 1.0,
            whole: true,
        })
    };
    let s = Rc::new(State::new(Lang::En, None))
        .reduce(Action::Cancel)
        .reduce(Action::Edit(TEXT.to_string()))
        .reduce(Action::Run);
    let s = finish(s);
    assert_eq!(figures_note(&s), None, "at the scenario's own settings");
    let one = Knobs {
        host_cores: Some(1),
        ..Knobs::default()
    };
    let s = finish(s.reduce(Action::SetKnobs(one)));
    let note = figures_note(&s).expect("a note after a slider moved");
    assert!(
        note.contains("host cores 1") && note.contains("results"),
        "{note}"
    );
    let ko = figures_note(&s.clone().reduce(Action::SetLang(Lang::Ko))).unwrap();
    assert!(
        ko.contains("호스트 코어 1개") && ko.contains("결과"),
        "{ko}"
    );
    let s = finish(s.reduce(Action::SetKnobs(Knobs::default())));
    assert_eq!(
        figures_note(&s),
        None,
        "back at the scenario's own settings"
    );
}

/// An assignment that varies the round trip of vdi-network's six VDI platforms (5 to
/// 600 ms as written) and their loss.
const NETWORK_ASSIGNMENT: &str = r#"
[assignment]
id = "wan"
title = { en = "WAN", ko = "WAN" }

[[step]]
id = "rtt"
title = { en = "Round trip", ko = "왕복" }
intro = { en = "Measure.", ko = "측정하세요." }
scenario = "vdi-network.toml"
scenario_questions = ["rtt-latency"]

[[step.vary]]
parameter = "vdi_rtt_ms"
choices = [20, 80]

[[step.vary]]
parameter = "vdi_loss_percent"
choices = [0.5, 1.5]
"#;

/// A student's network variant: the page runs it through each VDI platform's own
/// settings, which run the scenario `virtsim answers` runs (the same network on every
/// VDI platform), and its line names the values as the page's settings do.
#[test]
fn a_network_variant_runs_through_each_vdi_platforms_controls() {
    let file = "wan.toml";
    let mut c = course::open(
        course::Origin::Text { file: file.into() },
        file,
        NETWORK_ASSIGNMENT,
    )
    .unwrap();
    c.progress.student = Some("s001".into());
    let v = c.a().variant(0, Some("s001"));
    let (rtt, loss) = (v.picks[0].1.to_string(), v.picks[1].1.to_string());
    let input = c.step_input().unwrap();
    let scenario_text = builtin::text_by_name("vdi-network.toml").unwrap();
    let s = Scenario::from_toml("vdi-network.toml", &scenario_text).unwrap();
    // Every platform of vdi-network is VDI; none is at 20 or 80 ms, and only the lossy
    // one has a loss (2%), so each setting is set.
    assert_eq!(input.knobs.networks.len(), s.platforms.len());
    let ms: u32 = rtt.parse().unwrap();
    let permille = (loss.parse::<f64>().unwrap() * 10.0).round() as u32;
    for net in &input.knobs.networks {
        assert_eq!((net.rtt_ms, net.loss_permille), (Some(ms), Some(permille)));
        assert_eq!(net.bandwidth_kbit_s, None, "not varied");
    }
    // What the page hands to sim-core is the scenario the CLI computes the answers of.
    let page = s.adjusted(&input.knobs.to_adjustments()).unwrap();
    let cli = c.a().step_scenario(0, Some("s001")).unwrap();
    let networks = |s: &Scenario| -> Vec<_> {
        (s.platforms.iter())
            .map(|p| {
                p.vdi
                    .as_ref()
                    .map(|n| (n.rtt_us, n.loss_ppm, n.client_bandwidth_kbit_s))
            })
            .collect()
    };
    assert_eq!(networks(&page), networks(&cli));
    // The student's line and the note on the description's figures.
    let line = variant_text(Lang::En, &v);
    assert!(
        line.contains(&format!("round trip of every VDI platform {rtt} ms"))
            && line.contains(&format!("packet loss of every VDI platform {loss}%")),
        "{line}"
    );
    assert!(
        variant_text(Lang::Ko, &v).contains(&format!("VDI 플랫폼마다 왕복 시간 {rtt} ms")),
        "{line}"
    );
    let base = Baseline::of(&s);
    let note = description_note(Lang::En, &c, &base).unwrap();
    assert!(
            note.contains("round trip of every VDI platform lan-5ms 5 / city-50ms 50 / continent-150ms 150 / satellite-geo-600ms 600 / lossy-50ms 50 / thin-1mbit 50 ms"),
            "{note}"
        );
    assert!(
            note.contains("packet loss of every VDI platform lan-5ms 0 / city-50ms 0 / continent-150ms 0 / satellite-geo-600ms 0 / lossy-50ms 2 / thin-1mbit 0%"),
            "{note}"
        );
}

#[test]
fn a_variant_line_writes_its_numbers_exactly() {
    use crate::sim::assignment::{Choice, Parameter, Variant};
    // Past 2^53 a float would round 9007199254740993 to ...992.
    let v = Variant {
        seed: Some(u64::MAX),
        picks: vec![
            (
                Parameter::VmExitCycles,
                Choice::Number(9_007_199_254_740_993),
            ),
            (Parameter::HostCores, Choice::Number(16)),
        ],
    };
    assert_eq!(
        variant_text(Lang::En, &v),
        "seed 18446744073709551615, VM exit round trip 9,007,199,254,740,993 cycles, host cores 16"
    );
}
