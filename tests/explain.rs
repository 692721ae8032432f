//! The step-through of one operation (sim-core's `explain`) follows the model: its
//! platform's path is the one the run reports, and its side-by-side stacks are the ones
//! the validator would build for the same platform under another technique.

use sim_core::explain::{alternative_stack, explain, path_total, side_by_side};
use sim_core::Op;
use virtsim_tests::{load, run, scenario_files};

#[test]
fn a_platforms_own_technique_gives_back_its_own_stack() {
    // alternative_stack repeats the validator's rules (memory virtualization, I/O model);
    // asking it for the platform's own technique must rebuild the validated stack
    // exactly, in every library scenario, so the two cannot drift apart unnoticed.
    let mut checked = 0;
    for file in scenario_files() {
        let s = load(&file);
        for p in &s.platforms {
            if !p.stack.is_vm() {
                continue;
            }
            let rebuilt = alternative_stack(&p.stack, &s.host, p.stack.technique);
            assert_eq!(rebuilt, p.stack, "{} platform {}", file.display(), p.name);
            checked += 1;
        }
    }
    assert!(
        checked > 20,
        "only {checked} hypervisor platforms in the library"
    );
}

#[test]
fn the_step_through_is_the_path_the_run_reports() {
    // smoke.toml has every platform kind and technique; for each operation the phases
    // add up to the same total as the path in the run's result (Stack & paths view).
    let text =
        std::fs::read_to_string(virtsim_tests::workspace_root().join("scenarios/smoke.toml"))
            .expect("smoke.toml");
    let s = virtsim_tests::scenario(&text);
    let result = run(&text);
    for (p, platform) in result.platforms.iter().enumerate() {
        for op in Op::ALL {
            let e = explain(&s, p, op).expect("explained");
            let path = platform
                .paths
                .iter()
                .find(|x| x.op == Some(op))
                .expect("path in the result");
            assert_eq!(e.total, path_total(path), "{} {op:?}", platform.name);
            assert_eq!(
                e.phases.iter().map(|x| x.cycles).sum::<u64>(),
                e.total,
                "{} {op:?}",
                platform.name
            );
            // Every other technique is shown beside it, natively included.
            let others = side_by_side(&s, p, op);
            assert!(others.iter().any(|x| x.name == "native") || platform.name == "native");
            assert!(others.len() >= 2, "{} {op:?}", platform.name);
        }
    }
}

#[test]
fn an_l1_hypervisors_vmcs_access_is_shown_as_the_l1_hypervisors_with_its_own_cost() {
    // nested-virtualization's l2 (Sandy Bridge, no VMCS shadowing): a CR0/CR4 write of the
    // L2 guest is reflected to L1, whose 10 VMCS accesses each exit to L0. Those exits
    // leave the L1 hypervisor (not a guest kernel), and L0 handles each with
    // nested_vmcs_access_handler (200 cycles), not the ~2216-cycle generic handler.
    let s = load(&virtsim_tests::workspace_root().join("scenarios/nested-virtualization.toml"));
    let l2 = s.platforms.iter().position(|p| p.name == "l2").expect("l2");
    let e = explain(&s, l2, Op::CrWrite).expect("explain");
    let nested: Vec<usize> = e
        .phases
        .iter()
        .enumerate()
        .filter(|(_, p)| p.en.contains("L1 hypervisor's VMREAD"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(nested.len(), 11, "10 VMCS accesses and the VMRESUME");
    for &i in &nested {
        assert_eq!(
            e.phases[i].layer,
            sim_core::path::Layer::Hypervisor,
            "phase {i}"
        );
    }
    let access = &e.phases[nested[0] + 2];
    assert_eq!(access.cycles, 200);
    let source = access.source.as_ref().expect("source");
    assert!(
        source.en.starts_with("nested_vmcs_access_handler"),
        "{}",
        source.en
    );
}
