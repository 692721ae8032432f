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
        .filter(|(_, p)| {
            p.kind == sim_core::explain::PhaseKind::GuestInstruction
                && p.en.contains("L1 hypervisor's VM")
        })
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

#[test]
fn an_l2_exit_is_shown_in_the_order_it_runs_l2_resuming_last() {
    // nested-virtualization's l2 (Sandy Bridge: 784-cycle round trip, no VMCS shadowing),
    // every exit and entry split 1186 : 937 (Core 2 Duo's proportion): 784 × 1186 / 2123
    // = 437.98, so 438 for an exit and 346 for an entry. A CPUID of the L2 guest exits to
    // L0 (438), L0 reflects it and enters L1 (346), L1 handles it (its 10 VMCS accesses
    // each a whole round trip, 438 + 346), L1's VMRESUME exits to L0 (438), L0 enters L2
    // (346): four transitions, two whole round trips, and the L2 guest resumes last, not
    // before L1 has handled its exit.
    let s = load(&virtsim_tests::workspace_root().join("scenarios/nested-virtualization.toml"));
    let l2 = s.platforms.iter().position(|p| p.name == "l2").expect("l2");
    let e = explain(&s, l2, Op::Cpuid).expect("explain");
    use sim_core::explain::PhaseKind;
    let entries: Vec<(usize, u64, &str)> = e
        .phases
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PhaseKind::VmEntry)
        .map(|(i, p)| (i, p.cycles, p.en.as_str()))
        .collect();
    assert_eq!(entries.len(), 12, "L1, 10 VMCS accesses' returns to L1, L2");
    assert!(
        entries[0].2.starts_with("VM entry into L1"),
        "{}",
        entries[0].2
    );
    assert_eq!(entries[0].1, 346);
    let last = entries.last().unwrap();
    assert_eq!(last.0, e.phases.len() - 1, "L2's entry is the last phase");
    assert!(last.2.starts_with("VM entry into L2"), "{}", last.2);
    assert!(last.2.contains("after the instruction"), "{}", last.2);
    assert_eq!(last.1, 346);
    let l1_handler = e
        .phases
        .iter()
        .position(|p| p.en.starts_with("L1 hypervisor: "))
        .expect("L1's handler");
    assert!(entries[0].0 < l1_handler && l1_handler < last.0);
    let exits: Vec<u64> = e
        .phases
        .iter()
        .filter(|p| p.kind == PhaseKind::VmExit)
        .map(|p| p.cycles)
        .collect();
    assert_eq!(exits.len(), 12);
    // L2's exit, the 10 VMCS accesses and L1's VMRESUME: every exit alike.
    assert!(exits.iter().all(|&c| c == 438), "{exits:?}");
    assert_eq!(e.total, 18_056);
}

#[test]
fn a_nested_device_access_is_emulated_within_l1s_handling() {
    // An L2 guest's port access: L1's handler and its device model run before L1's VMCS
    // accesses and VMRESUME, and L2 resumes last (the path keeps the device model after
    // the exit, as for any exit; the step-through shows it where it runs).
    let s = load(&virtsim_tests::workspace_root().join("scenarios/nested-virtualization.toml"));
    let l2 = s.platforms.iter().position(|p| p.name == "l2").expect("l2");
    let e = explain(&s, l2, Op::IoPort).expect("explain");
    let at = |what: &str| {
        e.phases
            .iter()
            .position(|p| p.en.starts_with(what))
            .unwrap_or_else(|| panic!("no {what}"))
    };
    let handler = at("L1 hypervisor: ");
    let model = at("device model");
    let first_vmcs_access = e
        .phases
        .iter()
        .position(|p| p.exit == Some(sim_core::ExitReason::NestedVmx))
        .expect("a VMCS access");
    assert_eq!(model, handler + 1);
    assert!(model < first_vmcs_access);
    assert!(e.phases.last().unwrap().en.starts_with("VM entry into L2"));
    // Each phase still names its own step of the path.
    let steps: std::collections::BTreeSet<usize> = e.phases.iter().map(|p| p.step).collect();
    assert!(steps.len() > 10);
}

#[test]
fn a_nested_guests_wake_up_is_shown_through_l1() {
    // nested-virtualization's l2 with a sleep: the timer's interrupt for the halted L2 vCPU
    // wakes L1's vCPU in L0, enters L1 (which takes it, not L0: L2's interrupt controller is
    // L1's), L1 wakes its vCPU thread and injects through its VMCS for L2, and only after
    // L1's VMRESUME and L0's entry into L2 does L2's timer handler run, resuming in the
    // handler of the injected interrupt. The phases add up to the path.
    let text = std::fs::read_to_string(
        virtsim_tests::workspace_root().join("scenarios/nested-virtualization.toml"),
    )
    .expect("scenario")
    .replace(
        "mix = { syscall = 70, privileged_instruction = 30 }",
        "mix = { syscall = 70, sleep = 30 }",
    );
    let text = &text[..text.find("[[question]]").expect("questions")];
    let s = sim_core::Scenario::from_toml("nested-sleep.toml", text).expect("valid");
    let l2 = s.platforms.iter().position(|p| p.name == "l2").expect("l2");
    let e = explain(&s, l2, Op::Sleep).expect("explain");
    // In the completion (the submit has the sleep's arming, a nested exit of its own).
    let at = |what: &str| {
        e.phases
            .iter()
            .position(|p| {
                p.section == sim_core::explain::Section::Complete && p.en.starts_with(what)
            })
            .unwrap_or_else(|| panic!("no {what}"))
    };
    let wake = at("L0's scheduler wakes L1's halted vCPU");
    let into_l1 = at("VM entry into L1 (L0's VMRESUME with the VMCS it keeps for L1): the CPU loads L1's state, and L1 takes the interrupt meant for L2");
    let l1 = at("L1 hypervisor: its timer interrupt");
    let into_l2 = at("VM entry into L2");
    let handler = at("guest timer handler");
    assert!(
        wake < into_l1 && into_l1 < l1 && l1 < into_l2 && into_l2 < handler,
        "{:?}",
        (wake, into_l1, l1, into_l2, handler)
    );
    assert!(
        e.phases[into_l2]
            .en
            .contains("in the handler of the injected event"),
        "{}",
        e.phases[into_l2].en
    );
    assert!(!e.phases[into_l1].ko.is_empty() && !e.phases[l1].ko.is_empty());
    assert_eq!(e.phases.iter().map(|p| p.cycles).sum::<u64>(), e.total);
}

#[test]
fn a_back_end_is_shown_where_it_runs() {
    // smoke's t1-hw: the back end inline in the hypervisor runs inside the doorbell's exit,
    // before the VM entry; the send returns (SYSRET) last.
    use sim_core::explain::PhaseKind;
    use sim_core::path::Part;
    let s = load(&virtsim_tests::workspace_root().join("scenarios/smoke.toml"));
    let hw = s
        .platforms
        .iter()
        .position(|p| p.name == "t1-hw")
        .expect("t1-hw");
    let e = explain(&s, hw, Op::NetSend).expect("explain");
    let last_backend = e
        .phases
        .iter()
        .rposition(|p| p.part == Part::Backend)
        .expect("back end");
    let last_entry = e
        .phases
        .iter()
        .rposition(|p| p.kind == PhaseKind::VmEntry)
        .expect("entry");
    assert!(last_backend < last_entry, "inline: before the entry");
    assert!(e.phases.last().unwrap().en.starts_with("SYSRET"));
    // In a driver domain the back end runs on dom0's vCPU while the guest goes on: shown
    // after the guest's return.
    let io = virtsim_tests::scenario(IO_TWO_WAYS);
    let dom0 = explain(&io, 1, Op::NetSend).expect("dom0");
    let sysret = dom0
        .phases
        .iter()
        .position(|p| p.en.starts_with("SYSRET"))
        .expect("SYSRET");
    let first_backend = dom0
        .phases
        .iter()
        .position(|p| p.part == Part::Backend)
        .expect("back end");
    assert!(
        sysret < first_backend,
        "scheduled: after the guest's return"
    );
}

#[test]
fn a_blocking_operation_says_what_it_waits_for_off_the_cpu() {
    // smoke's host has the default NIC (20 µs one way) and disk (80 µs): a receive waits
    // for two crossings of the wire (40 µs) and the disk read for the disk's latency, on no
    // CPU, which the path's cycles do not hold; a system call waits for nothing.
    let s = load(&virtsim_tests::workspace_root().join("scenarios/smoke.toml"));
    let receive = explain(&s, 0, Op::NetReceive).expect("explain");
    let note = receive.note.expect("a receive's note");
    assert!(note.en.contains("2 × 20 µs = 40 µs"), "{}", note.en);
    assert!(note.ko.contains("2 × 20 µs = 40 µs"), "{}", note.ko);
    let read = explain(&s, 0, Op::DiskRead).expect("explain");
    assert!(read.note.expect("a read's note").en.contains("80 µs"));
    assert!(explain(&s, 0, Op::Syscall).expect("explain").note.is_none());
}

#[test]
fn a_side_by_side_technique_on_another_kind_of_hypervisor_says_so() {
    // smoke's type-2 platform: paravirtualization is shown on a type-1 (it needs one), and
    // that row says so; binary translation stays on the type-2, natively there is no
    // hypervisor: neither gets the note.
    let s = load(&virtsim_tests::workspace_root().join("scenarios/smoke.toml"));
    let t2 = s
        .platforms
        .iter()
        .position(|p| p.stack.kind == sim_core::PlatformKind::Type2)
        .expect("a type-2 platform");
    let others = side_by_side(&s, t2, Op::Syscall);
    let noted: Vec<&str> = others
        .iter()
        .filter(|e| e.kind_note.is_some())
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(noted, ["para"]);
}

/// A disk VM listed first and a network VM (network-rr: 512-byte messages) on a type-1 with
/// paravirtual I/O, back ends in the hypervisor or in a driver domain.
const IO_TWO_WAYS: &str = r#"
[scenario]
name = "io-two-ways"
duration_ms = 5
[host]
cores = 4
[[platform]]
name = "pv"
kind = "type1"
technique = "hardware_assist"
io = "paravirtual"
[[platform]]
name = "pv-dom0"
kind = "type1"
technique = "hardware_assist"
io = "paravirtual"
driver_domain = true
[[instance]]
name = "disk-vm"
workload = "disk-random-4k"
[[instance]]
name = "net-vm"
workload = "network-rr"
"#;

#[test]
fn a_send_is_explained_with_the_workload_that_sends_and_the_back_end_where_it_runs() {
    let s = virtsim_tests::scenario(IO_TWO_WAYS);
    // net_send is shown with net-vm's 512-byte messages (the disk VM does not send):
    // syscall 242 (its SYSCALL and SYSRET halves, 121 each) + protocol stack 3000 + copy 1075 (2150/KiB × 0.5) + ring entry 400 +
    // kick exit 3000 (438 + 2216 + 346) = 7717 on the vCPU, and the back end's
    // 2000 (takes the request) + 128 (copies the payload once: `backend_copy_per_kib` 256/KiB
    // × 0.5, no second protocol stack) + 1500 (the software switch forwards it) + 400
    // (posts the used entry: the guest reclaims the buffer) = 4028.
    let pv = explain(&s, 0, Op::NetSend).expect("pv");
    assert_eq!(pv.total, 7717 + 4028);
    // In the hypervisor, the back end runs inside the kick's exit: nothing to add.
    assert!(pv.note.is_none());
    // In a driver domain the back end runs on dom0's vCPU, and reaches the guest's packet
    // through grant operations instead of the 128-cycle copy: a GNTTABOP_copy of its
    // first 128 bytes (hypercall 242 + 300, grant 500, Xen's copy 32), a
    // GNTTABOP_map_grant_ref of the rest (542 + 1000 for one page) and, after the switch to
    // the dealloc thread (2000), GNTTABOP_unmap_grant_ref (542 + 1500): 6658; then dom0
    // notifies the guest of the TX response (EVTCHNOP_send: 242 + 300). Back end: 4028 -
    // 128 + 6658 + 542 = 11 100. The note says so, with the cycles left on the guest's vCPU
    // (what its latency measures) and the switch.
    let dom0 = explain(&s, 1, Op::NetSend).expect("pv-dom0");
    assert_eq!(dom0.total, 7717 + 11_100);
    let note = dom0.note.expect("a note on where the back end runs");
    assert!(note.en.contains("11100 cycles"), "{}", note.en);
    assert!(note.en.contains("TX response"), "{}", note.en);
    assert!(note.en.contains("7717 cycles on its vCPU"), "{}", note.en);
    assert!(note.en.contains("4000 cycles"), "{}", note.en);
    assert!(note.ko.contains("7717"), "{}", note.ko);
    // The run agrees: with a kick, a send takes 7717 cycles (2.57 µs at 3 GHz) with dom0
    // and 11745 (3.92 µs) with the back end in the hypervisor. Without one (dom0 still
    // busy with the previous send) it is 3000 shorter: so dom0's mean lies between
    // 4717 and 7717 cycles (1.57 and 2.57 µs).
    let r = run(IO_TWO_WAYS);
    let mean = |p: usize| {
        r.platforms[p]
            .latency_of(Op::NetSend)
            .expect("net_send ran")
            .mean_us
    };
    assert!((mean(0) - 3.92).abs() < 0.05, "pv {}", mean(0));
    assert!((1.55..=2.6).contains(&mean(1)), "pv-dom0 {}", mean(1));
}

#[test]
fn a_hybrid_platforms_other_techniques_drop_its_enlightenments() {
    // Enlightenments are a hybrid guest's (the validator refuses them elsewhere). Shown
    // under plain hardware assist, a disk read pays the EOI exit that PV EOI avoids, so
    // the hardware-assist row must cost more than the hybrid platform's own path.
    let s = load(&virtsim_tests::workspace_root().join("scenarios/full-para-hybrid.toml"));
    let p = s
        .platforms
        .iter()
        .position(|p| p.name == "hybrid-disk")
        .expect("hybrid-disk in full-para-hybrid");
    assert!(s.platforms[p].stack.enlightenments.pv_eoi);
    let own = explain(&s, p, Op::DiskRead).expect("explained");
    let others = side_by_side(&s, p, Op::DiskRead);
    let hw = others
        .iter()
        .find(|e| e.name == "hardware_assist")
        .expect("a hardware_assist row");
    assert!(
        hw.total > own.total,
        "hardware assist {} against hybrid {}",
        hw.total,
        own.total
    );
    for t in sim_core::explain::SIDE_BY_SIDE.into_iter().flatten() {
        let stack = alternative_stack(&s.platforms[p].stack, &s.host, Some(t));
        assert_eq!(
            stack.enlightenments,
            sim_core::platform::Enlightenments::default(),
            "{t:?}"
        );
    }
}

/// A receive through dom0 (smoke's t1-para, Xen's split drivers by default) is one back-end
/// job, the received packet's: the guest posted its buffers beforehand, so there is no
/// request job and no kick, and the note says so (it once described a request job and the
/// kick's upcall). A disk read keeps both jobs and the kick's upcall.
#[test]
fn a_receive_through_dom0_is_one_job_without_a_kick() {
    let s = load(&virtsim_tests::workspace_root().join("scenarios/smoke.toml"));
    let para = s
        .platforms
        .iter()
        .position(|p| p.name == "t1-para")
        .expect("t1-para");
    let receive = explain(&s, para, Op::NetReceive).expect("explain");
    let note = receive.note.expect("a receive's note");
    assert!(
        note.en.contains("as one job, the received packet's"),
        "{}",
        note.en
    );
    assert!(note.en.contains("no kick"), "{}", note.en);
    assert!(!note.en.contains("a job for the request"), "{}", note.en);
    assert!(!note.en.contains("upcall"), "{}", note.en);
    assert!(note.ko.contains("작업 하나로"), "{}", note.ko);
    let read = explain(&s, para, Op::DiskRead).expect("explain");
    let note = read.note.expect("a read's note");
    assert!(note
        .en
        .contains("a job for the request and another for the completion"));
    assert!(note
        .en
        .contains("upcall into dom0's kernel with the event of the guest's kick"));
}

/// Intel-only names that a step-through on an AMD host must not use (VT-x's structures,
/// instructions and features); AMD-V's are the VMCB, VMRUN and #VMEXIT, NPT and #NPF,
/// ASIDs, AVIC, VMMCALL and the pause filter.
const INTEL_ONLY: [&str; 11] = [
    "VMCS", "VMREAD", "VMWRITE", "VMRESUME", "VMLAUNCH", "EPT", "VT-x", "VPID", "APICv", "VMCALL",
    "VMX",
];

/// A scenario's text with its `[host]` on an AMD Zen 2 CPU, plus `extra` lines there (any
/// `cpu = ...` it had is dropped).
fn on_zen(text: &str, extra: &str) -> String {
    let mut out = String::new();
    let mut in_host = false;
    let mut had_host = false;
    for line in text.lines() {
        if line.starts_with('[') {
            in_host = line.trim() == "[host]";
            out.push_str(line);
            out.push('\n');
            if in_host {
                had_host = true;
                out.push_str("cpu = \"zen\"\n");
                out.push_str(extra);
            }
            continue;
        }
        if in_host && line.trim_start().starts_with("cpu =") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    if !had_host {
        out.push_str("\n[host]\ncpu = \"zen\"\n");
        out.push_str(extra);
    }
    out
}

/// Citations of an Intel measurement that an AMD host's text may quote: the VMCB store is
/// taken to cost what one VMWRITE did on a Core 2 Duo, an upper bound.
const INTEL_CITATIONS: [&str; 4] = [
    "what one VMWRITE cost on a Core 2 Duo",
    "since VMWRITE is microcoded",
    "Core 2 Duo에서 VMWRITE 한 번의 비용",
    "마이크로코드로 실행되는 VMWRITE의 비용",
];

/// The Intel-only names in `text` (but for [`INTEL_CITATIONS`]), with where it is from.
fn intel_names(text: &str, what: &str) -> Vec<String> {
    let text = INTEL_CITATIONS
        .iter()
        .fold(text.to_string(), |t, cited| t.replace(cited, ""));
    let text = text.as_str();
    INTEL_ONLY
        .iter()
        .filter(|name| text.contains(*name))
        .map(|name| format!("{what}: `{name}` in {text:?}"))
        .collect()
}

/// Every text of an explanation: its phases (both languages, with their sources) and notes.
fn explanation_texts(e: &sim_core::explain::Explanation) -> Vec<String> {
    let mut texts = Vec::new();
    for p in &e.phases {
        texts.push(p.en.clone());
        texts.push(p.ko.clone());
        if let Some(source) = &p.source {
            texts.push(source.en.clone());
            texts.push(source.ko.clone());
        }
    }
    for note in [&e.note, &e.kind_note].into_iter().flatten() {
        texts.push(note.en.clone());
        texts.push(note.ko.clone());
    }
    texts
}

#[test]
fn on_an_amd_host_every_step_uses_amd_vs_names() {
    // Every library scenario moved to a Zen host, plus nested-virtualization without the
    // in-memory VMCB's exitless accesses (L1's VMLOAD/VMSAVE trap) and smoke without ASIDs
    // (the TLB refill after each exit): every phase of every operation on every platform,
    // and the techniques beside it, in English and Korean, names AMD-V's mechanisms only,
    // and an exit is a #VMEXIT that the CPU records in the VMCB.
    let root = virtsim_tests::workspace_root();
    let read = |name: &str| std::fs::read_to_string(root.join(name)).expect(name);
    let mut texts: Vec<(String, String)> = scenario_files()
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).expect("scenario");
            (virtsim_tests::display(f), on_zen(&text, ""))
        })
        .collect();
    texts.push((
        "nested-virtualization, vmcs_shadowing = false".to_string(),
        on_zen(
            &read("scenarios/nested-virtualization.toml"),
            "vmcs_shadowing = false\n",
        ),
    ));
    texts.push((
        "smoke, vpid = false".to_string(),
        on_zen(&read("scenarios/smoke.toml"), "vpid = false\n"),
    ));
    let mut failures = Vec::new();
    let (mut exits, mut nested_accesses, mut refills) = (0, 0, 0);
    for (name, text) in &texts {
        let s = virtsim_tests::scenario(text);
        assert_eq!(s.host.cpu, sim_core::CpuGeneration::Zen, "{name}");
        for p in 0..s.platforms.len() {
            for op in Op::ALL {
                let own = explain(&s, p, op).into_iter();
                for e in own.chain(side_by_side(&s, p, op)) {
                    let what = format!("{name}, {} {op:?} as {}", s.platforms[p].name, e.name);
                    for t in explanation_texts(&e) {
                        failures.extend(intel_names(&t, &what));
                    }
                    if e.has_vm_exit() {
                        exits += 1;
                        let exit = e
                            .phases
                            .iter()
                            .find(|x| x.kind == sim_core::explain::PhaseKind::VmExit)
                            .expect("an exit phase");
                        for t in [&exit.en, &exit.ko] {
                            if !t.contains("#VMEXIT") || !t.contains("VMCB") {
                                failures
                                    .push(format!("{what}: an exit without #VMEXIT and VMCB: {t}"));
                            }
                        }
                    }
                    nested_accesses += e
                        .phases
                        .iter()
                        .filter(|x| x.en.contains("the L1 hypervisor's VMLOAD or VMSAVE;"))
                        .count();
                    refills += e
                        .phases
                        .iter()
                        .filter(|x| x.en.starts_with("no ASID: the exit flushed the TLB"))
                        .count();
                }
            }
        }
    }
    virtsim_tests::assert_no_failures("Intel-only names on an AMD host", &failures);
    assert!(exits > 100, "only {exits} step-throughs with an exit");
    assert!(nested_accesses > 0, "no VMLOAD/VMSAVE exit of L1 shown");
    assert!(refills > 0, "no TLB refill without ASIDs shown");
}

#[test]
fn on_an_amd_host_the_runs_paths_use_amd_vs_names() {
    // The paths a run reports (the Stack & paths view: every operation's steps, on every
    // platform) on Zen hosts: smoke has every platform kind and technique,
    // nested-virtualization the nested steps, lock-holder-preemption the pause filter.
    let root = virtsim_tests::workspace_root();
    let mut failures = Vec::new();
    for file in [
        "scenarios/smoke.toml",
        "scenarios/nested-virtualization.toml",
        "scenarios/lock-holder-preemption.toml",
    ] {
        let text = std::fs::read_to_string(root.join(file)).expect(file);
        let result = run(&on_zen(&text, ""));
        for platform in &result.platforms {
            let paths = serde_json::to_string(&platform.paths).expect("paths as JSON");
            failures.extend(intel_names(&paths, &format!("{file}, {}", platform.name)));
        }
    }
    virtsim_tests::assert_no_failures(
        "Intel-only names in a run's paths on an AMD host",
        &failures,
    );
}

/// smoke's description compares a hypercall with an exit, each with its handler (an
/// instructor read "242 cycles", the hypercall's round trip without its handler, against
/// "about 3,000" with one): the figures it quotes are the step-through's totals of a
/// control-register write on the para platform and under hardware assist.
#[test]
fn smokes_hypercall_and_exit_are_compared_with_their_handlers() {
    let text =
        std::fs::read_to_string(virtsim_tests::workspace_root().join("scenarios/smoke.toml"))
            .expect("smoke.toml");
    let s = virtsim_tests::scenario(&text);
    let total = |name: &str| {
        let p = (s.platforms.iter().position(|p| p.name == name)).expect("platform");
        explain(&s, p, Op::CrWrite).expect("explained").total
    };
    let (hypercall, exit) = (total("t1-para"), total("t1-hw"));
    let description = s.description.as_ref().expect("a description");
    let quoted = format!(
        "({} cycles with its handler in this model, against about {} for an exit with its handler)",
        hypercall,
        sim_core::text::thousands(&exit.to_string())
    );
    assert!(
        description.en.contains(&quoted),
        "{quoted}\n{}",
        description.en
    );
    let quoted_ko = format!(
        "하이퍼콜은 {hypercall} 사이클, exit는 약 {} 사이클",
        sim_core::text::thousands(&exit.to_string())
    );
    assert!(
        description.ko.contains(&quoted_ko),
        "{quoted_ko}\n{}",
        description.ko
    );
}
