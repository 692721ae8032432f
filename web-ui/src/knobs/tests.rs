//! The settings' tests: their values against the scenario's own, the sliders' ranges, typed
//! sizes and seeds, the settings named in words and the sliders blamed.

use super::baseline::memory_bound;
use super::slices::time_slice_written;
use super::*;
use crate::builtin;
use crate::i18n::Lang;
use crate::sim::{PlatformKind, Scenario};

/// An assignment's network of every VDI platform, as the page's settings: a value at a
/// platform's own is left as written (`None`), as Reset's cleaning would leave it, and
/// the run is the same as with sim-core's `vdi_network`.
#[test]
fn every_vdi_network_leaves_a_platforms_own_value_as_written() {
    let text = builtin::text_by_name("vdi-network.toml").unwrap();
    let s = Scenario::from_toml("vdi-network.toml", &text).unwrap();
    let every = crate::sim::scenario::NetworkSetting {
        rtt_ms: Some(50.0),
        loss_percent: Some(0.0),
        client_bandwidth_mbit_s: Some(2.5),
    };
    let networks = every_vdi_network(&s, &every);
    let rtts: Vec<Option<u32>> = networks.iter().map(|n| n.rtt_ms).collect();
    // lan-5ms, city-50ms, continent-150ms, satellite, lossy-50ms, thin-1mbit.
    assert_eq!(rtts, [Some(50), None, Some(50), Some(50), None, None]);
    let losses: Vec<Option<u32>> = networks.iter().map(|n| n.loss_permille).collect();
    assert_eq!(losses, [None, None, None, None, Some(0), None]);
    assert!(networks.iter().all(|n| n.bandwidth_kbit_s == Some(2500)));
    let knobs = Knobs {
        networks: networks.clone(),
        ..Knobs::default()
    };
    let base = Baseline::of(&s);
    assert_eq!(
        knobs.clone().at_baseline_as_written(&base).networks,
        networks
    );
    let page = s.adjusted(&knobs.to_adjustments()).unwrap();
    let core = (s.adjusted(&Adjustments {
        vdi_network: every,
        ..Adjustments::default()
    }))
    .unwrap();
    let nets = |s: &Scenario| -> Vec<_> { s.platforms.iter().map(|p| p.vdi.clone()).collect() };
    assert_eq!(nets(&page), nets(&core));
}

/// A reviewer's case: seed-table-full's groups of 8, 24 and 4; the one slider for every
/// group set the 24 office desktops to 12 when the web group's 8 moved to 12 (the
/// desktops went from 28 to 24). Each group's own slider moves its group alone.
#[test]
fn a_groups_slider_moves_that_group_alone() {
    let (file, text) = builtin::BUILTIN
        .iter()
        .find(|(f, _)| *f == "seed-table-full.toml")
        .unwrap();
    let scenario = Scenario::from_toml(file, text).unwrap();
    let base = Baseline::of(&scenario);
    assert_eq!(base.group_counts, [8, 24, 4]);
    let knobs = Knobs::default().with_group_count(0, 12, &base);
    let counts = |k: &Knobs| -> Vec<u32> {
        let s = scenario.adjusted(&k.to_adjustments()).unwrap();
        s.instances.iter().map(|i| i.count).collect()
    };
    assert_eq!(counts(&knobs), [12, 24, 4]);
    for lang in [Lang::En, Lang::Ko] {
        let named = lang.pick("web 인스턴스 12개", "instances of web 12");
        assert_eq!(changed_settings(lang, &knobs, &base), [named]);
    }
    // Then the office desktops: the web group keeps its 12.
    let knobs = knobs.with_group_count(1, 26, &base);
    assert_eq!(counts(&knobs), [12, 26, 4]);
    // Each slider ends at the most its group takes alone: the office desktops' where
    // the vdi platform's memory runs out (31 do not fit: 137 GiB for 127).
    assert!(
        base.group_max[1] > 24 && base.group_max[1] < 31,
        "{:?}",
        base.group_max
    );
    assert!(scenario
        .adjusted(
            &Knobs::default()
                .with_group_count(1, base.group_max[1], &base)
                .to_adjustments()
        )
        .is_ok());
    assert!(scenario
        .adjusted(
            &Knobs::default()
                .with_group_count(1, base.group_max[1] + 1, &base)
                .to_adjustments()
        )
        .is_err());
    // A count for every group (an assignment's variant) is each group's start.
    let every = Knobs {
        instance_count: Some(2),
        ..Knobs::default()
    };
    assert_eq!(counts(&every.with_group_count(2, 5, &base)), [2, 2, 5]);
    // Back at their own counts: as written.
    let back = knobs
        .with_group_count(0, 8, &base)
        .with_group_count(1, 24, &base)
        .at_baseline_as_written(&base);
    assert_eq!(back, Knobs::default());
    assert_eq!(
        changed_control(&Knobs::default(), &knobs),
        Some("k-instances-0")
    );
}

fn library(file: &str) -> (&'static str, &'static str) {
    builtin::BUILTIN
        .iter()
        .find(|(f, _)| *f == file)
        .copied()
        .unwrap()
}

/// A student's case: vdi-network's LAN (5 ms) moved to 100 ms had to be written into
/// the file. The network settings set one VDI platform at a time: the LAN's RTT alone,
/// the city's, the satellite's, the lossy and the thin link keep theirs (one value for
/// all would make them one network, and the comparison would be gone).
#[test]
fn a_vdi_platforms_network_is_set_on_its_own() {
    let (file, text) = library("vdi-network.toml");
    let scenario = Scenario::from_toml(file, text).unwrap();
    let base = Baseline::of(&scenario);
    assert_eq!(base.vdi_platforms(), [0, 1, 2, 3, 4, 5]);
    let own: Vec<(u64, u64, u64)> = (base.networks.iter())
        .map(|n| n.unwrap())
        .map(|n| (n.rtt_ms(), n.loss_permille(), n.bandwidth_kbit_s))
        .collect();
    assert_eq!(
        own,
        [
            (5, 0, 20_000),
            (50, 0, 20_000),
            (150, 0, 20_000),
            (600, 0, 20_000),
            (50, 20, 20_000),
            (50, 0, 1_000)
        ]
    );
    let knobs = Knobs::default().with_network(0, |n| n.rtt_ms = Some(100));
    let nets = |k: &Knobs| -> Vec<(u64, u64, u64)> {
        let s = scenario.adjusted(&k.to_adjustments()).unwrap();
        (s.platforms.iter())
            .map(|p| p.vdi.as_ref().unwrap())
            .map(|n| (n.rtt_us, n.loss_ppm, n.client_bandwidth_kbit_s))
            .collect()
    };
    let moved = nets(&knobs);
    assert_eq!(moved[0], (100_000, 0, 20_000_000 / 1000));
    assert_eq!(moved[1..], nets(&Knobs::default())[1..]);
    for lang in [Lang::En, Lang::Ko] {
        let named = lang.pick(
            "“LAN, 왕복 5 ms”의 왕복 시간 100 ms",
            "round trip of “LAN, 5 ms round trip”: 100 ms",
        );
        assert_eq!(changed_settings(lang, &knobs, &base), [named]);
    }
    assert_eq!(changed_control(&Knobs::default(), &knobs), Some("k-rtt"));
    // The lossy link at 0.5% (tenths of a percent: 5), the thin link at 1.1 Mbit/s
    // (the video's full rate): the file's units.
    let knobs = knobs
        .with_network(4, |n| n.loss_permille = Some(5))
        .with_network(5, |n| n.bandwidth_kbit_s = Some(1_100));
    let moved = nets(&knobs);
    assert_eq!((moved[4].1, moved[5].2), (5_000, 1_100));
    assert_eq!(
        changed_settings(Lang::En, &knobs, &base)[1..],
        [
            "packet loss of “50 ms with 2% packet loss”: 0.5%",
            "client link of “50 ms over a 1 Mbit/s access link”: 1.1 Mbit/s"
        ]
    );
    assert_eq!(
        changed_control(&knobs, &knobs.with_network(4, |n| n.loss_permille = None)),
        Some("k-loss")
    );
    // The platforms the results name with their changed network (`labels::set_changed`).
    let nets = changed_networks(&knobs, &base);
    let names: Vec<&str> = nets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["lan-5ms", "lossy-50ms", "thin-1mbit"]);
    crate::num::set_lang(Lang::En);
    let label = |i: usize, lang: Lang| nets[i].1.after(lang, "L");
    assert_eq!(label(0, Lang::En), "L (changed: RTT 100 ms)");
    assert_eq!(label(1, Lang::En), "L (changed: loss 0.5%)");
    assert_eq!(label(2, Lang::En), "L (changed: link 1.1 Mbit/s)");
    assert_eq!(label(0, Lang::Ko), "L (바뀜: RTT 100 ms)");
    // Back at each platform's own value: as written, with nothing left to carry.
    let back = knobs
        .with_network(0, |n| n.rtt_ms = Some(5))
        .with_network(4, |n| n.loss_permille = Some(20))
        .with_network(5, |n| n.bandwidth_kbit_s = Some(1_000))
        .at_baseline_as_written(&base);
    assert_eq!(back, Knobs::default());
    // A scenario without a VDI platform has no network settings.
    let (file, text) = library("type1-vs-type2.toml");
    let base = Baseline::of(&Scenario::from_toml(file, text).unwrap());
    assert!(base.vdi_platforms().is_empty());
}

/// A share link carries the network settings and reads them back; a link without any
/// (every link made before them) reads as none set.
#[test]
fn a_share_link_carries_the_network_settings() {
    let (file, text) = library("vdi-network.toml");
    let knobs = Knobs::default()
        .with_network(2, |n| n.rtt_ms = Some(40))
        .with_network(4, |n| n.loss_permille = Some(0));
    let shared = Shared {
        file: file.into(),
        text: text.into(),
        knobs: knobs.clone(),
        tab: None,
        library_hash: None,
        op: None,
        log: Vec::new(),
    };
    let back = crate::share::from_hash(&crate::share::to_hash(&shared))
        .unwrap()
        .unwrap();
    assert_eq!(back.knobs, knobs);
    let json = serde_json::to_string(&Knobs::default()).unwrap();
    assert_eq!(json, "{}");
    let none: Knobs = serde_json::from_str(r#"{"seed":3}"#).unwrap();
    assert!(none.networks.is_empty());
    let json = serde_json::to_string(&knobs).unwrap();
    assert_eq!(
        json,
        r#"{"networks":[{},{},{"rtt_ms":40},{},{"loss_permille":0}]}"#
    );
}

/// The workload menu offers what the scenario is valid with: desktop activities where
/// desktops run on VDI platforms (vdi-network offered cpu-bound, whose one result was an
/// error), the server presets elsewhere, nothing where neither suits every instance
/// (seed-table-full: web servers beside desktops); every offer of every library
/// scenario runs.
#[test]
fn the_workload_menu_offers_only_what_the_scenario_is_valid_with() {
    let offered = |file: &str| {
        let (file, text) = library(file);
        Baseline::of(&Scenario::from_toml(file, text).unwrap()).workloads
    };
    assert_eq!(
        offered("vdi-network.toml"),
        crate::sim::desktop::DESKTOP_PRESETS
    );
    assert_eq!(offered("type1-vs-type2.toml"), crate::sim::PRESET_NAMES);
    assert!(offered("seed-table-full.toml").is_empty());
    // The file's own workloads first, then the presets (an instructor's `forky` beside
    // the presets: a reviewer's menu left it out).
    let offers = offered("lock-holder-preemption.toml");
    let (file, text) = library("lock-holder-preemption.toml");
    let own: Vec<String> = Scenario::from_toml(file, text)
        .unwrap()
        .custom_workload_names()
        .map(str::to_string)
        .collect();
    assert!(!own.is_empty());
    assert_eq!(offers[..own.len()], own[..]);
    assert_eq!(offers[own.len()..], crate::sim::PRESET_NAMES[..]);
    for (file, text) in builtin::BUILTIN.iter() {
        let s = Scenario::from_toml(file, text).unwrap();
        let base = Baseline::of(&s);
        let desktops = !base.vdi_platforms().is_empty()
            && s.instances.iter().any(|i| {
                i.platforms
                    .iter()
                    .any(|&p| s.platforms[p].stack.kind == PlatformKind::Vdi)
            });
        let custom: Vec<&str> = s.custom_workload_names().collect();
        for w in &base.workloads {
            if !custom.contains(&w.as_str()) {
                assert_eq!(w.starts_with("desktop-"), desktops, "{file}: {w}");
            }
            let adj = Adjustments {
                workload: Some(w.to_string()),
                ..Adjustments::default()
            };
            assert!(s.adjusted(&adj).is_ok(), "{file}: {w}");
        }
    }
}

#[test]
fn groups_with_their_own_values_are_named_with_them() {
    let (file, text) = builtin::BUILTIN
        .iter()
        .find(|(f, _)| *f == "seed-comparison-table.toml")
        .unwrap();
    let base = Baseline::of(&Scenario::from_toml(file, text).unwrap());
    assert_eq!(
        base.per_group(&base.group_memory_mib).as_deref(),
        Some("web 4,096 / db 8,192")
    );
    // Equal values: the slider's one value says it all.
    assert_eq!(base.per_group(&[2, 2]), None);
    assert_eq!(base.per_group(&[]), None);
}

#[test]
fn a_typed_seed_is_a_whole_number_or_said_why_not() {
    assert_eq!(parse_seed(" 42 ").unwrap(), Some(42));
    assert_eq!(parse_seed("").unwrap(), None);
    assert_eq!(parse_seed("18446744073709551615").unwrap(), Some(u64::MAX));
    for bad in ["-5", "1.5", "x", "1e3", "18446744073709551616"] {
        let e = parse_seed(bad).unwrap_err();
        assert!(e.en.contains(bad) && e.ko.contains(bad), "{e:?}");
    }
}

#[test]
fn a_typed_memory_size_is_read_in_mib_or_said_why_not() {
    for (text, mib) in [
        ("2048", 2048),
        (" 2048 ", 2048),
        ("2,048", 2048),
        ("1,048,576", 1_048_576),
        ("1000", 1000),
        ("2048 MiB", 2048),
        ("512mb", 512),
        ("2 GiB", 2048),
        ("1.5 GiB", 1536),
        ("4g", 4096),
        ("0", 0),
        // Full-width, as a Korean input method types it.
        ("２０４８", 2048),
        ("２，０４８ ＭｉＢ", 2048),
        ("１.５ ＧｉＢ", 1536),
    ] {
        assert_eq!(parse_mib(text), Ok(mib), "{text}");
    }
    for text in [
            "",
            "  ",
            "abc",
            "ａｂｃ",
            "12.5",
            "-64",
            "1e3",
            "2 TiB",
            "1.2.3",
            "0.001 GiB",
            "99999999999",
            // A decimal comma is not a thousands separator: not fifteen.
            "1,5",
            "1,5 GiB",
            "20,48",
            // Too long for f64: more than the page can set, not "not a whole number".
            "9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999",
            "<b>1</b>",
        ] {
            let err = parse_mib(text).unwrap_err();
            assert!(!err.en.is_empty() && !err.ko.is_empty(), "{text}");
            if text.len() > 300 {
                assert!(err.en.contains("more than the page can set"), "{err:?}");
            }
            if text == "abc" {
                assert_eq!(
                    err.ko,
                    "“abc”: MiB 단위 메모리 크기가 아닙니다 (예: 2048 또는 2 GiB)"
                );
            }
            // The message quotes what was typed (as text; never markup).
            if !text.trim().is_empty() {
                assert!(
                    err.en.contains(text.trim()) && err.ko.contains(text.trim()),
                    "{text}: {err:?}"
                );
            }
        }
}
/// Below the slider's 64 MiB the field answers in MiB (not the validator's GiB);
/// sizes between its steps are taken.
#[test]
fn a_typed_memory_size_is_at_least_the_sliders_least() {
    for text in ["0", "1", "16", "63", "0.03125 GiB"] {
        let err = parse_memory_mib(text).unwrap_err();
        assert!(
            err.en.contains("64 MiB") && err.ko.contains("64 MiB"),
            "{err:?}"
        );
        assert!(err.en.contains(text) && err.ko.contains(text), "{err:?}");
        assert!(
            !err.en.contains("GiB ") && !err.en.contains("memory_gib"),
            "{err:?}"
        );
    }
    assert_eq!(parse_memory_mib("64"), Ok(64));
    assert_eq!(parse_memory_mib("100"), Ok(100));
    assert_eq!(parse_memory_mib("1.5 GiB"), Ok(1536));
    assert!(parse_memory_mib("lots").unwrap_err().en.contains("lots"));
}
use crate::share::Shared;
#[test]
fn no_position_of_the_instances_slider_makes_a_library_scenario_invalid() {
    for (file, text) in builtin::BUILTIN.iter() {
        let s = Scenario::from_toml(file, text).unwrap();
        let base = Baseline::of(&s);
        assert!(base.min_instances <= base.instance_count, "{file}");
        assert!(base.instance_count <= base.max_instances, "{file}");
        for n in base.min_instances..=base.max_instances {
            let adjusted = s.adjusted(&Adjustments {
                instance_count: Some(n),
                ..Default::default()
            });
            assert!(adjusted.is_ok(), "{file}: {n} per group: {adjusted:?}");
        }
    }
    // memory-overcommit: the VMs that fit on its own (1.5 GiB and a 30 MiB device
    // model each, on 8 GiB less the host's 1 GiB) allow 4 per group, not the 5 that
    // the configured memory alone would (8 / 1.5).
    let i = builtin::position("memory-overcommit.toml").unwrap();
    let s = Scenario::from_toml("memory-overcommit.toml", builtin::BUILTIN[i].1).unwrap();
    assert_eq!(memory_bound(&s), 5);
    assert_eq!(Baseline::of(&s).max_instances, 4);
}

/// Platforms with their own slices: the range, and where each part comes from.
#[test]
fn platforms_slices_are_shown_as_a_range_with_their_sources() {
    let (file, text) = builtin::BUILTIN
        .iter()
        .find(|(f, _)| *f == "seed-comparison-table.toml")
        .copied()
        .unwrap();
    let s = Scenario::from_toml(file, text).unwrap();
    let base = Baseline::of(&s);
    assert!(base.time_slice_written.iter().all(|w| !w), "{file}");
    assert_eq!(
        base.slices.text(Lang::En),
        "24–30 (per platform: the schedulers' defaults on 8 host cores)"
    );
    let one = s
        .adjusted(&Adjustments {
            host_cores: Some(1),
            ..Default::default()
        })
        .unwrap();
    let slices = Slices::of(&one, &base.time_slice_written, false);
    assert_eq!(
        slices.text(Lang::En),
        "6–30 (per platform: the schedulers' defaults on 1 host core)"
    );
    // A platform that writes its slice beside ones that do not.
    let written = time_slice_written(
        "[[platform]]\nname = \"a\"\ntime_slice_ms = 5\n[[platform]]\nname = \"b\"\n",
    );
    assert_eq!(written, [true, false]);
    // Only a credit scheduler's default, the same on any host.
    let credit = Slices {
        first: 30,
        lo: 30,
        hi: 30,
        written: false,
        default: true,
        default_cores: None,
        default_fixed: true,
    };
    assert_eq!(credit.text(Lang::En), "30 (the scheduler's default)");
    let mixed = Slices {
        written: true,
        ..slices
    };
    assert_eq!(
        mixed.text(Lang::Ko),
        "6–30 (플랫폼마다 다름: 시나리오 값, 호스트 코어 1개에서의 스케줄러\u{a0}기본값)"
    );
}

/// noisy-neighbour's victims run 4 threads each and its noisy instances 8: the threads
/// slider names each group's, as the vCPUs slider does (it showed the victims' 4 only).
#[test]
fn each_groups_threads_are_named() {
    let (file, text) = builtin::BUILTIN
        .iter()
        .find(|(f, _)| *f == "noisy-neighbour.toml")
        .copied()
        .expect("in the library");
    let base = Baseline::of(&Scenario::from_toml(file, text).unwrap());
    let threads: Vec<u64> = base.group_threads.iter().map(|&t| u64::from(t)).collect();
    assert_eq!(
        base.per_group(&threads).as_deref(),
        Some("victim 4 / noisy 8 / noisy-capped 8")
    );
}

#[test]
fn the_settings_away_from_the_scenarios_own_are_named() {
    let (file, text) = builtin::BUILTIN
        .iter()
        .find(|(f, _)| *f == "memory-shadow-vs-nested.toml")
        .copied()
        .expect("in the library");
    let base = Baseline::of(&Scenario::from_toml(file, text).unwrap());
    // As written, or set to the scenario's own values (an assignment's variant may
    // name them), or only another seed: nothing to say.
    assert!(changed_settings(Lang::En, &Knobs::default(), &base).is_empty());
    let own = Knobs {
        host_cores: Some(base.host_cores),
        host_clock_mhz: Some(base.host_clock_mhz),
        memory_per_instance_mib: Some(base.memory_per_instance_mib),
        vm_exit_cycles: Some(base.vm_exit_cycles),
        seed: Some(7),
        ..Knobs::default()
    };
    assert!(changed_settings(Lang::En, &own, &base).is_empty());
    // The workload every group already runs, picked in the list: nothing changed;
    // picked where one group runs another, it is.
    let one = Baseline {
        group_workloads: vec!["web-server".into(), "web-server".into()],
        ..base.clone()
    };
    let web = Knobs {
        workload: Some("web-server".into()),
        ..own.clone()
    };
    assert!(changed_settings(Lang::En, &web, &one).is_empty());
    let two = Baseline {
        group_workloads: vec!["web-server".into(), "database".into()],
        ..base.clone()
    };
    assert_eq!(
        changed_settings(Lang::En, &web, &two),
        ["workload web server (web-server)"]
    );
    let moved = Knobs {
        vm_exit_cycles: Some(3000),
        host_cores: Some(base.host_cores + 1),
        workload: Some("io-heavy".into()),
        ..own
    };
    assert_eq!(
        changed_settings(Lang::En, &moved, &base),
        [
            format!("host cores {}", base.host_cores + 1),
            "VM exit round trip 3,000 cycles".to_string(),
            "workload io-heavy".to_string(),
        ]
    );
    assert_eq!(
        changed_settings(Lang::Ko, &moved, &base)[1],
        "VM exit 왕복 3,000 사이클"
    );
    let faster = Knobs {
        host_clock_mhz: Some(3600),
        memory_per_instance_mib: Some(1536),
        ..Knobs::default()
    };
    assert_eq!(
        changed_settings(Lang::En, &faster, &base),
        ["host clock 3,600 MHz", "memory per instance 1,536 MiB"]
    );
    // A slider that sets every group differs when one group had another count.
    let mixed = Baseline {
        group_counts: vec![4, 8],
        instance_count: 4,
        ..base.clone()
    };
    let four = Knobs {
        instance_count: Some(4),
        ..Knobs::default()
    };
    assert_eq!(
        changed_settings(Lang::En, &four, &mixed),
        ["instances per group 4"]
    );
}

/// Whether a question's explanation as written quotes a figure of its own, in the page's
/// language (`Baseline::explanation_quotes_a_figure`): a literal figure does, a placeholder
/// (filled with the shown run's own figure) and a name with a number ("type 2", "p99") do
/// not; a question without an explanation quotes none, and one the scenario lacks is
/// `None`. Only the quoting ones carry the note that the settings differ
/// (`explanations_quoting`).
#[test]
fn an_explanation_quotes_a_figure_by_its_words_as_written() {
    let question = |id: &str, en: &str, ko: &str| {
        let explanation = if en.is_empty() {
            String::new()
        } else {
            format!("explanation = {{ en = \"{en}\", ko = \"{ko}\" }}\n")
        };
        format!("[[question]]\nid = \"{id}\"\nkind = \"choice\"\ntext = {{ en = \"Which?\", ko = \"어느 것?\" }}\nmetric = \"throughput\"\nselect = \"highest\"\n{explanation}")
    };
    let text = format!(
        "[scenario]\nname = \"quoting\"\nduration_ms = 20\n[[platform]]\nname = \"vm\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n[[platform]]\nname = \"ct\"\nkind = \"container\"\n[[instance]]\nname = \"g\"\nworkload = \"cpu-bound\"\n{}{}{}{}",
        question("literal", "About 3,000 cycles an exit.", "exit 한 번에 약 3,000 사이클."),
        question("filled", "A type 2 host, {relative_performance_percent:vm}% of native, p99 aside.", "타입 2 호스트, 네이티브 대비 {relative_performance_percent:vm}%."),
        // Quoting in one language only: said in that one.
        question("english-only", "Within 5% of native.", "네이티브에 가깝습니다."),
        question("none", "", ""),
    );
    let s = Scenario::from_toml("quoting.toml", &text).unwrap();
    let base = Baseline::of(&s);
    assert_eq!(
        base.explanation_quotes_a_figure("literal", Lang::En),
        Some(true)
    );
    assert_eq!(
        base.explanation_quotes_a_figure("literal", Lang::Ko),
        Some(true)
    );
    assert_eq!(
        base.explanation_quotes_a_figure("filled", Lang::En),
        Some(false)
    );
    assert_eq!(
        base.explanation_quotes_a_figure("filled", Lang::Ko),
        Some(false)
    );
    assert_eq!(
        base.explanation_quotes_a_figure("english-only", Lang::En),
        Some(true)
    );
    assert_eq!(
        base.explanation_quotes_a_figure("english-only", Lang::Ko),
        Some(false)
    );
    assert_eq!(base.explanation_quotes_a_figure("none", Lang::En), None);
    assert_eq!(
        base.explanation_quotes_a_figure("elsewhere", Lang::En),
        None
    );
    assert_eq!(
        base.explanations_quoting(Lang::En),
        ["literal", "english-only"]
    );
    assert_eq!(base.explanations_quoting(Lang::Ko), ["literal"]);
}
