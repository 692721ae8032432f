//! Issue 3 properties: start-up, density, fault blast radius, noisy neighbours and the
//! seed table (the desktop sessions' properties are in `desktop.rs`). Each ordering must
//! emerge from the steps and costs; the expected figures are worked out in the comments
//! from the defaults of `sim-core/src/costs.rs`.

use sim_core::table::SeedColumn;
use virtsim_tests::{load, platform, run, scenario_files, workspace_root};

/// A cell's text without the marks of the table's notes (¹, ², …).
fn unmarked(text: &str) -> String {
    text.chars()
        .filter(|c| !"⁰¹²³⁴⁵⁶⁷⁸⁹".contains(*c))
        .collect()
}

#[test]
fn containers_start_faster_and_pack_denser_than_full_vms() {
    let r = run(
        &std::fs::read_to_string(workspace_root().join("scenarios/startup-density.toml")).unwrap(),
    );
    let l = |n: &str| platform(&r, n).lifecycle.clone();
    let (vm, micro, ct, t2) = (l("vm"), l("microvm"), l("container"), l("type2-vm"));
    // Container: 51 ms of runtime, about 14 ms of work on the host kernel (namespaces,
    // cgroup, mounts, exec: see `container_start_runs_on_the_host_kernel_through_its_paths`),
    // then the application's 105 ms (its exec, which the exec step paid, left out).
    // microVM: its VMM's 8 ms, then the boot to init: 109 ms of the kernel's CPU + 4.2 ms
    // that the stack adds to its page faults and MMIO probes + 1.2 ms to its reads' 160
    // requests through its virtio-mmio disk + 20 MiB read at 2000 MB/s (10.5 ms) = 124.9 ms,
    // within Firecracker's stated 125 ms bound the figure is derived from; then the
    // application. Full VM: over 5 s of boot.
    let to_init = micro
        .steps
        .iter()
        .find(|s| s.what.en.starts_with("minimal guest kernel boots to init"))
        .expect("the microVM's boot step");
    assert!(
        to_init.alone_ms > 120.0 && to_init.alone_ms <= 125.0,
        "{}",
        to_init.alone_ms
    );
    assert!(
        ct.startup_ms < micro.startup_ms
            && micro.startup_ms < vm.startup_ms
            && vm.startup_ms < t2.startup_ms
    );
    assert!(
        ct.startup_ms < 200.0 && vm.startup_ms > 5000.0,
        "{} {}",
        ct.startup_ms,
        vm.startup_ms
    );
    // Footprint: 128 + 8 MiB (its page cache is the host kernel's to drop) vs the VM's
    // configured 1024 MiB + 20 kB of hypervisor state + its 30 MiB device model (its guest
    // fills its memory with page cache); the microVM's 5 MiB monitor replaces the device
    // model: 1024 + 5.
    assert!((ct.footprint_mib - 136.0).abs() < 0.01 && (vm.footprint_mib - 1054.02).abs() < 0.01);
    assert!((micro.footprint_mib - 1029.0).abs() < 0.01, "{micro:?}");
    assert!(
        ct.density > vm.density && ct.density_memory > 2 * vm.density_memory,
        "{ct:?} {vm:?}"
    );
}

/// Density counts instances that can run. At 64 MiB per instance (the memory control's
/// lowest setting, or an assignment's variant), a guest cannot hold its base OS (200 MiB of
/// Linux; 32 MiB of a microVM's minimal one, but then not its 128 MiB working set) and a
/// container's 128 MiB working set outgrows its 64 MiB limit with no swap: the run
/// OOM-kills every instance, so none fits, whatever the footprint (it read 180 VMs before).
/// Each footprint is at most the configured memory plus the overhead, as the memory plan's
/// demand: a full VM 64 + 0.02 + 30 MiB, a microVM 64 + 5, a type-2 VM 64 + 150, a
/// container held at its 64 MiB limit + its 8 MiB shim.
#[test]
fn an_instance_its_memory_cannot_hold_fits_nowhere() {
    let text =
        std::fs::read_to_string(workspace_root().join("scenarios/startup-density.toml")).unwrap();
    let small = virtsim_tests::scenario(&text)
        .adjusted(&sim_core::scenario::Adjustments {
            memory_per_instance_mib: Some(64),
            ..Default::default()
        })
        .expect("64 MiB per instance is a valid setting");
    let r = small.run().expect("run");
    use sim_core::memory::OomReason::{CgroupLimit, GuestMemory};
    for (name, reason, footprint) in [
        ("vm", GuestMemory, 94.02),
        ("microvm", GuestMemory, 69.0),
        ("type2-vm", GuestMemory, 214.0),
        ("container", CgroupLimit, 72.0),
    ] {
        let p = platform(&r, name);
        let l = &p.lifecycle;
        assert_eq!(l.oom_alone, Some(reason), "{name}");
        assert_eq!((l.density_memory, l.density), (0, 0), "{name}: {l:?}");
        assert!((l.footprint_mib - footprint).abs() < 0.01, "{name}: {l:?}");
        // The run agrees: every instance was OOM-killed for that reason.
        let m = p.host_memory.as_ref().expect("memory result");
        assert_eq!(m.oom_kills.len(), 8, "{name}");
        assert!(m.oom_kills.iter().all(|k| k.reason == reason), "{name}");
        // Said in the comparison table, in both languages.
        let row = (r.table.rows.iter())
            .position(|&x| x == sim_core::table::TableRow::OsRequirement)
            .expect("the OS requirement row");
        let column = (r.table.columns.iter())
            .find(|c| c.platform == name)
            .expect("a column");
        let cell = &column.cells[row].measured;
        assert!(
            cell.en
                .contains("0 fit the host: one instance alone is OOM-killed"),
            "{}",
            cell.en
        );
        assert!(cell.ko.contains("호스트에 0개"), "{}", cell.ko);
        // Killed before any work, an instance has no CPU figure: none is printed ("CPU ∞").
        assert!(
            !cell.en.contains('∞') && !cell.ko.contains('∞'),
            "{}",
            cell.en
        );
    }
    // With the memory as written (1 GiB), the same instances run and fit.
    let r = virtsim_tests::scenario(&text).run().expect("run");
    for name in ["vm", "microvm", "type2-vm", "container"] {
        let l = &platform(&r, name).lifecycle;
        assert_eq!(l.oom_alone, None, "{name}");
        assert!(l.density_memory > 0, "{name}: {l:?}");
    }
}

/// A guest's OOM killer stops the application, not the VM: at 256 MiB per instance each VM
/// of startup-density boots (its 200 MiB Linux fits) but its 128 MiB working set does not,
/// and all 8 are killed at the same moment. Each kill's restart is the application's start
/// alone (the guest kernel lives on; it read the whole boot, 5 357 ms), and after that
/// moment none kept running (each kill read "7 kept running").
#[test]
fn a_guest_oom_kill_restarts_the_application_and_leaves_none_running_when_all_go() {
    let text =
        std::fs::read_to_string(workspace_root().join("scenarios/startup-density.toml")).unwrap();
    let small = virtsim_tests::scenario(&text)
        .adjusted(&sim_core::scenario::Adjustments {
            memory_per_instance_mib: Some(256),
            ..Default::default()
        })
        .expect("256 MiB per instance is a valid setting");
    let r = small.run().expect("run");
    let vm = platform(&r, "vm");
    let kills: Vec<_> = vm
        .faults
        .iter()
        .filter(|f| f.kind == sim_core::isolation::FaultKind::OomKill)
        .collect();
    assert_eq!(kills.len(), 8, "{:?}", vm.faults);
    // The application's step as the start-up lists it (a cold image; the restart's is warm,
    // so at most as long).
    let app = vm.lifecycle.steps.last().expect("start-up steps").alone_ms;
    for f in &kills {
        assert_eq!(f.survivors, 0, "{f:?}");
        assert!(
            f.recovery_ms > 0.0 && f.recovery_ms <= app + 1.0,
            "{f:?} against {app}"
        );
        assert!(f.recovery_ms < vm.lifecycle.startup_ms / 10.0, "{f:?}");
    }
}

/// Issue 9 item 4: a container's start runs on the host kernel as system calls, page
/// faults and disk reads through their paths, so it is faster than a microVM's direct
/// kernel boot, which is faster than a full VM's boot through its firmware; and the disk
/// lookups of its overlay mount and its exec wait for the disk.
#[test]
fn container_start_runs_on_the_host_kernel_through_its_paths() {
    let text = std::fs::read_to_string(workspace_root().join("scenarios/startup-techniques.toml"))
        .unwrap();
    let r = run(&text);
    let l = |n: &str| platform(&r, n).lifecycle.clone();
    let (ct, micro, vm) = (l("container"), l("microvm"), l("hw-ept"));
    assert!(
        ct.startup_ms < micro.startup_ms && micro.startup_ms < vm.startup_ms,
        "container {} microVM {} full VM {}",
        ct.startup_ms,
        micro.startup_ms,
        vm.startup_ms
    );
    let step = |part: &str| {
        ct.steps
            .iter()
            .find(|s| s.what.en.contains(part))
            .unwrap_or_else(|| panic!("no step `{part}`"))
            .clone()
    };
    // Namespaces: one unshare on the host, 242 cycles of syscall/sysret and 5 × 30 000 +
    // 3 000 000 of kernel work = 3 150 242 cycles at 3 GHz: 1050 µs.
    assert_eq!(step("namespaces").cpu_us, 1050);
    // Cgroup: mkdir (242 + 300 000) + 8 writes (242 + 15 000) + 16 opens and closes
    // (242 + 800) = 300 242 + 121 936 + 16 672 = 438 850 cycles: 146 µs.
    assert_eq!(step("cgroup created").cpu_us, 146);
    // Overlay mount: 5 layers × 4 metadata blocks = 20 dependent reads of 80 µs each
    // (1.6 ms); exec: 2000 faulted pages read 32 at a time = 63 reads and 8 MiB.
    let (mount, exec) = (step("root file system"), step("exec'd"));
    assert_eq!(
        (mount.read_requests, exec.read_requests, exec.read_mib),
        (20, 63, 8)
    );
    // The entrypoint is exec'd once (a review found it exec'd twice): the application's
    // start (`app_start_us`, 100 ms: exec, libraries, initialisation; 20 MiB read) leaves
    // out what the exec step paid, the execve and the 2000 faults on bare metal
    // ((242 + 300 000) + 2000 × 1093 = 2 486 242 cycles: 828 µs) and the 8 MiB they read;
    // natively and in a VM the application step is the whole 100 ms and 20 MiB.
    let app = step("application starts");
    assert_eq!((app.cpu_us, app.read_mib), (100_000 - 828, 20 - 8));
    let vm_app = vm
        .steps
        .iter()
        .find(|s| s.what.en.starts_with("application starts"))
        .expect("the VM's application step");
    assert_eq!(vm_app.read_mib, 20);
    // The same scenario on a disk 10 times slower to answer (800 µs instead of 80): the
    // container's 83 dependent reads take 83 × 720 µs = 59.76 ms longer; nothing else
    // changes (the reads are the only latency-bound part of its start).
    let slow = run(&text.replace(
        "[host]\ncores = 4",
        "[host]\ndisk = { latency_us = 800 }\ncores = 4",
    ));
    let slow_ct = platform(&slow, "container").lifecycle.startup_ms;
    assert!(
        (slow_ct - ct.startup_ms - 59.76).abs() < 1e-6,
        "{} {}",
        slow_ct,
        ct.startup_ms
    );
}

#[test]
fn a_shared_kernel_fault_reaches_every_container_a_guest_panic_stays_in_its_vm() {
    let r = run(&std::fs::read_to_string(
        workspace_root().join("scenarios/fault-blast-radius.toml"),
    )
    .unwrap());
    let vm = platform(&r, "vm");
    let ct = platform(&r, "container");
    assert_eq!(vm.faults[0].stopped, vec!["web-2".to_string()]);
    assert_eq!(vm.faults[0].survivors, 3);
    assert_eq!(ct.faults[0].stopped.len(), 4);
    assert_eq!(ct.faults[0].survivors, 0);
    // The surviving VMs keep working after 100 ms of the 200: each does about twice the
    // work of web-2, which stopped halfway.
    let ops = |n: &str| vm.instances.iter().find(|i| i.name == n).unwrap().ops;
    assert!(
        ops("web-1") > ops("web-2") * 3 / 2,
        "{} {}",
        ops("web-1"),
        ops("web-2")
    );
    // Every container stopped halfway: each did about as much as web-2.
    for i in &ct.instances {
        assert_eq!(i.stopped_at_ms, Some(100.0));
        assert!(i.ops_lost > 0);
    }
    let hv = platform(&r, "vm-hypervisor");
    assert_eq!(hv.faults[0].stopped.len(), 4);
    let vdi = platform(&r, "vdi").vdi.as_ref().unwrap();
    assert_eq!(vdi.sessions_dropped, 8);
    // Restarting after a shared component fails includes booting the host first.
    assert!(
        ct.faults[0].recovery_ms > 5000.0 && hv.faults[0].recovery_ms > vm.faults[0].recovery_ms
    );
    // That boot is said apart: the same for the host kernel's and the hypervisor's failure
    // (one server, one host OS), nearly all of the containers' restart (they start in
    // about 200 ms once it is up) and none of a guest kernel's.
    let (ct_boot, hv_boot) = (ct.faults[0].host_boot_ms, hv.faults[0].host_boot_ms);
    assert_eq!(vm.faults[0].host_boot_ms, 0.0);
    assert!(ct_boot > 0.0 && ct_boot == hv_boot, "{ct_boot} {hv_boot}");
    assert!(
        ct.faults[0].recovery_ms - ct_boot > 0.0 && ct.faults[0].recovery_ms - ct_boot < 1000.0,
        "{:?}",
        ct.faults[0]
    );
}

#[test]
fn a_cap_protects_the_vms_victims_and_the_cgroup_weight_the_containers() {
    // Credit weights each active vCPU (Xen's credit1): the noisy VM's four vCPUs hold four
    // shares of seven and the victims need the cap. Fair share weights each container's
    // cgroup: the noisy container holds one share of four (about 1.3 cores here, near the
    // one core of its quota), so the quota moves its victims by little and they already do
    // better than the capped VMs' victims (no virtualization either).
    let r = run(
        &std::fs::read_to_string(workspace_root().join("scenarios/noisy-neighbour.toml")).unwrap(),
    );
    let victims = |p: &str| {
        platform(&r, p)
            .groups
            .iter()
            .find(|g| g.name == "victim")
            .unwrap()
            .throughput
    };
    // The VM cap: the victims complete 22-33 % more on seeds 1-14 (25 % on 51).
    assert!(
        victims("vm-capped") > victims("vm") * 1.15,
        "{} {}",
        victims("vm-capped"),
        victims("vm")
    );
    let ratio = victims("container-capped") / victims("container");
    assert!((0.9..1.1).contains(&ratio), "container quota: {ratio}");
    assert!(victims("container") > victims("vm-capped"));
}

#[test]
fn a_logon_storm_takes_longer_with_more_users() {
    let r =
        run(&std::fs::read_to_string(workspace_root().join("scenarios/logon-storm.toml")).unwrap());
    let all = |n: &str| platform(&r, n).lifecycle.startup_all_ms;
    let alone = platform(&r, "storm-10").lifecycle.startup_ms;
    assert!(
        alone < all("storm-10")
            && all("storm-10") < all("storm-50")
            && all("storm-50") < all("storm-100")
    );
    // 100 × 19.1 s of CPU on 16 cores: about 120 s; 100 × 900 MiB at 1000 MB/s: about
    // 94 s. Read and computed in pieces, the desktops drift apart and one's reading
    // overlaps another's computing: a little more than the larger (the CPU's 120 s), far
    // less than the sum (214 s) that reading and then computing in step would take.
    let cpu = 100.0 * 19.136 / 16.0 * 1000.0;
    assert!(
        all("storm-100") > cpu && all("storm-100") < 1.2 * cpu,
        "{} against {cpu}",
        all("storm-100")
    );
}

#[test]
fn the_seed_table_has_its_three_columns_with_measured_figures_in_every_row() {
    let r = load(&workspace_root().join("scenarios/seed-table-full.toml"))
        .run()
        .unwrap();
    let classes: Vec<SeedColumn> = r.table.columns.iter().map(|c| c.class).collect();
    assert_eq!(
        classes,
        vec![
            SeedColumn::Hardware,
            SeedColumn::Desktop,
            SeedColumn::Desktop,
            SeedColumn::OsLevel
        ]
    );
    // The Desktop column has a VDI server and a session host (RDS-like).
    let rds = r.platforms.iter().find(|p| p.name == "rds").unwrap();
    assert!(rds.vdi.as_ref().unwrap().session_host);
    for column in &r.table.columns {
        assert_eq!(column.cells.len(), r.table.rows.len());
        for (row, cell) in r.table.rows.iter().zip(&column.cells) {
            assert!(
                cell.measured.en.chars().any(|c| c.is_ascii_digit()),
                "{} / {row:?} has no figure: {}",
                column.platform,
                cell.measured.en
            );
            assert!(!cell.measured.ko.is_empty());
        }
    }
    // A desktop's performance leads with the latency the seed's "Medium" stands for,
    // before the share of screen updates delivered (which a short run keeps near 100%).
    let performance = performance_row(&r);
    for column in r
        .table
        .columns
        .iter()
        .filter(|c| c.class == SeedColumn::Desktop)
    {
        let cell = &column.cells[performance].measured;
        assert!(cell.en.starts_with("input-to-display p50 "), "{}", cell.en);
        assert!(cell.ko.starts_with("입력-화면 지연 p50 "), "{}", cell.ko);
        assert!(
            cell.en.contains("of the updates a local PC shows"),
            "{}",
            cell.en
        );
    }
}

#[test]
fn desktops_that_only_watch_video_show_no_input_latency_not_zero() {
    // Video users make no inputs: the table says no input was displayed, not "p50 0 ms".
    let r = run(r#"
[scenario]
name = "video-only"
duration_ms = 200
[host]
cores = 4
memory_gib = 64
[[platform]]
name = "vdi"
kind = "vdi"
protocol = "blast"
rtt_ms = 20
[[instance]]
name = "video"
count = 2
guest_os = "windows"
memory_gib = 4
workload = "desktop-video"
"#);
    let cell = &r.table.columns[0].cells[performance_row(&r)].measured;
    assert!(cell.en.starts_with("no input displayed, "), "{}", cell.en);
    assert!(cell.ko.starts_with("표시된 입력 없음, "), "{}", cell.ko);
}

#[test]
fn steal_in_the_performance_row_says_what_the_native_baseline_runs() {
    // 4 CPU-bound vCPUs on 2 pCPUs: each vCPU waits for a pCPU half of its time (steal
    // about 50%), and the native baseline's 4 threads on the same 2 cores wait as much, so
    // throughput against native stays near 100%. The row says what steal is and what the
    // baseline runs, so that 99% beside 50% steal does not read as free overcommit.
    let r = run(r#"
[scenario]
name = "overcommit"
duration_ms = 200
[host]
cores = 2
memory_gib = 16
[[platform]]
name = "vm"
kind = "type1"
technique = "hybrid"
[[instance]]
name = "cpu"
count = 4
vcpus = 1
workload = "cpu-bound"
"#);
    let p = &r.platforms[0];
    assert!(p.steal_percent > 40.0, "steal {}", p.steal_percent);
    assert!(
        p.relative_performance_percent > 95.0,
        "{}",
        p.relative_performance_percent
    );
    // Said in the table's note, once; the cell carries its mark after "steal".
    let cell = &r.table.columns[0].cells[performance_row(&r)].measured;
    let note = (r.table.notes.first())
        .filter(|n| n.text.en.starts_with("steal: "))
        .expect("the steal's note, first");
    assert!(
        note.text
            .en
            .contains("the vCPUs' time spent ready to run but waiting for a core")
            && note
                .text
                .en
                .contains("native baseline runs the same instances as threads on the same cores"),
        "{}",
        note.text.en
    );
    assert!(
        note.text
            .ko
            .contains("vCPU 시간 중 실행 준비가 되었지만 코어를 기다린"),
        "{}",
        note.text.ko
    );
    assert_eq!(note.mark, "¹");
    assert!(cell.en.contains("; steal¹ "), "{}", cell.en);
    assert!(cell.ko.contains("; 스틸¹ "), "{}", cell.ko);
    assert!(!cell.en.contains("waiting for a core"), "{}", cell.en);
}

/// The index of the comparison table's performance row.
fn performance_row(r: &sim_core::RunResult) -> usize {
    r.table
        .rows
        .iter()
        .position(|&row| row == sim_core::table::TableRow::Performance)
        .expect("a performance row")
}

/// A VM cannot run more on its vCPUs than they can: full-para-hybrid's two-vCPU guest under
/// binary translation spends about 1.73 times the native CPU per system call (57.7% of
/// native), so keeping up with bare metal would take about 3.47 cores (2 × 1.73); with its
/// two vCPUs busy it uses 2.00, and the host's 4 cores at the 80% ceiling (3.2 cores) hold
/// one at that pace (it used to read "needs 3.47 cores, 0 fit" beside the VM running).
/// Hardware assist needs about what native does: no bound is claimed below its vCPUs.
#[test]
fn a_vm_that_cannot_keep_up_alone_is_counted_at_the_pace_its_vcpus_allow() {
    let r = run(
        &std::fs::read_to_string(workspace_root().join("scenarios/full-para-hybrid.toml")).unwrap(),
    );
    let bt = platform(&r, "bt-syscall").lifecycle.clone();
    let beyond = bt.cpu_beyond_vcpus.expect("BT's need is beyond its vCPUs");
    assert_eq!(beyond.vcpus, 2);
    // Its pace with its vCPUs busy is what the run measured against native (57.7%).
    let relative = platform(&r, "bt-syscall").relative_performance_percent;
    assert!(
        (beyond.pace_percent - relative).abs() < 0.5,
        "{beyond:?} against {relative}"
    );
    assert!(
        (300.0..400.0).contains(&beyond.needed_percent),
        "{beyond:?}"
    );
    assert!((bt.cpu_per_instance_percent - 200.0).abs() < 0.5, "{bt:?}");
    assert_eq!((bt.density_cpu, bt.density), (Some(1), 1), "{bt:?}");
    let disk = platform(&r, "hw-disk").lifecycle.clone();
    assert!(
        disk.cpu_beyond_vcpus.is_none() && disk.cpu_per_instance_percent < 100.0,
        "{disk:?}"
    );
    // The comparison table says both figures.
    let text = serde_json::to_string(&r.table).unwrap();
    assert!(
        text.contains("keeping up with native would take 3.")
            && text.contains("with them busy, its CPU allows at most about 57.7% of native's pace (the performance row measures the pace it reaches, waits for its devices included) and it uses 2.00 cores"),
        "{text}"
    );
}

/// Where an item ran is measured, not guessed from its category: queue-depth's 'inline' VM
/// emulates its disk in the hypervisor on its own vCPU, so with its one vCPU busy it uses
/// one core (counting its device emulation as run elsewhere read 1.05 cores).
#[test]
fn a_vm_whose_emulation_runs_on_its_vcpu_uses_no_more_than_its_vcpu() {
    let r =
        run(&std::fs::read_to_string(workspace_root().join("scenarios/queue-depth.toml")).unwrap());
    let l = platform(&r, "inline").lifecycle.clone();
    assert!(l.cpu_beyond_vcpus.is_some(), "{l:?}");
    assert!((l.cpu_per_instance_percent - 100.0).abs() < 0.5, "{l:?}");
}

/// seed-table-full's sweep (14, 16, 18 and 20 web servers, p99 receive latency within
/// 150 µs) on 4 cores instead of 8: every count misses the target from the first, so no
/// density is found, and the performance cell says so instead of leaving the density out
/// (on 8 cores it shows the density found, and no such note).
#[test]
fn a_sweep_missed_from_its_first_count_is_said_in_the_table() {
    let text =
        std::fs::read_to_string(workspace_root().join("scenarios/seed-table-full.toml")).unwrap();
    let performance = |r: &sim_core::RunResult, platform: &str| {
        let row = r
            .table
            .rows
            .iter()
            .position(|&row| row == sim_core::table::TableRow::Performance)
            .unwrap();
        let column = r
            .table
            .columns
            .iter()
            .find(|c| c.platform == platform)
            .unwrap();
        column.cells[row].measured.clone()
    };
    let on_8 = run(&text);
    let vm = performance(&on_8, "vm");
    assert!(
        vm.en.contains("instances meet the sweep's latency target"),
        "{}",
        vm.en
    );
    assert!(!vm.en.contains("already misses"), "{}", vm.en);
    assert!(
        text.contains("\ncores = 8\n"),
        "the scenario's host has 8 cores"
    );
    let on_4 = run(&text.replace("\ncores = 8\n", "\ncores = 4\n"));
    assert_eq!(platform(&on_4, "vm").sweep_density, None);
    let vm = performance(&on_4, "vm");
    assert!(
        vm.en.contains("the sweep's first count, 14 instances, already misses its p99 target of 150 µs (counts 14–20 run)"),
        "{}",
        vm.en
    );
    assert!(vm.ko.contains("p99 목표 150 µs"), "{}", vm.ko);
}

/// A platform of several groups has a mean that can hide a starved one and read near
/// native: driver-domain-starvation's inline-no-boost reads about 94% while its database VM
/// gets about 0.1% of native and the CPU hogs beside it all of native's 100%. The
/// comparison table's performance row gives the lowest group's own figure beside the mean
/// wherever the two print differently (`lowest_group`), as the measured table does; a
/// platform of one group keeps the plain figure.
#[test]
fn a_performance_row_over_several_groups_gives_the_lowest_where_it_prints_otherwise() {
    let r = run(&std::fs::read_to_string(
        workspace_root().join("scenarios/driver-domain-starvation.toml"),
    )
    .unwrap());
    let row = performance_row(&r);
    let cell = |name: &str| {
        let c = r.table.columns.iter().find(|c| c.platform == name).unwrap();
        c.cells[row].measured.clone()
    };
    let starved = platform(&r, "inline-no-boost");
    let db = starved.groups.iter().find(|g| g.name == "db").unwrap();
    let hog = starved.groups.iter().find(|g| g.name == "hog").unwrap();
    assert!(db.relative_performance_percent < 5.0 && hog.relative_performance_percent > 99.0);
    assert_eq!(starved.lowest_group().map(|g| g.name.as_str()), Some("db"));
    let c = cell("inline-no-boost");
    assert!(
        c.en.contains(&format!(
            "(lowest group: db {:.1}%)",
            db.relative_performance_percent
        )),
        "{}",
        c.en
    );
    assert!(
        c.ko.contains(&format!(
            "(최저 그룹: db {:.1}%)",
            db.relative_performance_percent
        )),
        "{}",
        c.ko
    );
    // What the mean is, in the table's note, marked after the figure.
    let note = (r.table.notes.iter())
        .find(|n| n.text.en.contains("a platform with more than one group"))
        .expect("the note on the mean");
    assert!(
        c.en.contains(&format!(
            "of native throughput{} (lowest group: db ",
            note.mark
        )),
        "{}",
        c.en
    );
    // One group: nothing to hide.
    let quiet = cell("quiet");
    assert!(platform(&r, "quiet").lowest_group().is_none());
    assert!(!quiet.en.contains(&note.mark), "{}", quiet.en);
}

/// The rule is the printed figures', not a threshold: a lowest group that prints as its
/// platform does is not named (scheduler-latency's round-robin, 100.0% beside 100.0%), one
/// that prints a tenth lower is (credit-boost's victim, 99.8% under 100.0%).
#[test]
fn the_lowest_group_is_named_wherever_it_prints_otherwise_than_its_platform() {
    let r = run(&std::fs::read_to_string(
        workspace_root().join("scenarios/scheduler-latency.toml"),
    )
    .unwrap());
    for p in &r.platforms {
        let printed = |v: f64| format!("{v:.1}");
        let lowest = p
            .groups
            .iter()
            .map(|g| g.relative_performance_percent)
            .fold(f64::INFINITY, f64::min);
        let differs = printed(lowest) != printed(p.relative_performance_percent);
        assert_eq!(p.lowest_group().is_some(), differs, "{}", p.name);
        if let Some(g) = p.lowest_group() {
            assert_eq!(g.relative_performance_percent, lowest, "{}", p.name);
        }
    }
    let victim = |name: &str| platform(&r, name).lowest_group().map(|g| g.name.clone());
    assert_eq!(victim("credit-no-boost").as_deref(), Some("victim"));
    assert_eq!(victim("round-robin"), None);
}

/// A desktop platform's performance cell gives its lowest group's share of screen updates
/// beside its own wherever the two print differently, as the other platforms' rows and the
/// measured table do: vdi-network's thin 1 Mbit/s link shows its video users fewer updates
/// than its office users, and the platform's share of every session's updates together
/// hides how many fewer. The note under the table says what a desktop's figure counts.
#[test]
fn a_desktop_performance_row_gives_its_lowest_group_where_it_prints_otherwise() {
    let r =
        run(&std::fs::read_to_string(workspace_root().join("scenarios/vdi-network.toml")).unwrap());
    let row = performance_row(&r);
    let mut named = 0;
    for p in &r.platforms {
        let c = r
            .table
            .columns
            .iter()
            .find(|c| c.platform == p.name)
            .unwrap();
        let cell = &c.cells[row].measured;
        match p.lowest_group() {
            Some(g) => {
                named += 1;
                for (text, words) in [(&cell.en, "lowest group"), (&cell.ko, "최저 그룹")] {
                    let said = format!(
                        "({words}: {} {:.1}%)",
                        g.name, g.relative_performance_percent
                    );
                    assert!(text.contains(&said), "{}: {text}", p.name);
                }
            }
            None => assert!(!cell.en.contains("lowest group"), "{}: {}", p.name, cell.en),
        }
    }
    assert!(
        named > 0,
        "a platform whose groups print apart (thin-1mbit's video)"
    );
    let note = (r.table.notes.iter())
        .find(|n| n.text.en.contains("with more than one group"))
        .expect("the note on the groups");
    assert!(
        note.text
            .en
            .contains("share of screen updates of a desktop platform"),
        "{}",
        note.text.en
    );
    assert!(
        !note.text.en.contains("weighted by the CPU"),
        "no server platform here: {}",
        note.text.en
    );
}

/// The comparison table's steal reads as the measured table's: a steal under 0.05% but not
/// zero is "<0.1%", not "0.0%" (seed-comparison-table's type 2 read "<0.1" in one table and
/// "steal 0.0%" in the other: a student's review).
#[test]
fn a_performance_rows_small_steal_reads_as_in_the_measured_table() {
    let r = run(&std::fs::read_to_string(
        workspace_root().join("scenarios/seed-comparison-table.toml"),
    )
    .unwrap());
    let row = performance_row(&r);
    let mut small = 0;
    for c in &r.table.columns {
        let steal = platform(&r, &c.platform).steal_percent;
        let shown = if steal > 0.0 && steal < 0.05 {
            small += 1;
            "<0.1".to_string()
        } else {
            format!("{steal:.1}")
        };
        let cell = &c.cells[row].measured;
        let (en, ko) = (unmarked(&cell.en), unmarked(&cell.ko));
        assert!(en.contains(&format!("steal {shown}%")), "{en}");
        assert!(ko.contains(&format!("스틸 {shown}%")), "{ko}");
    }
    assert!(
        small > 0,
        "no platform with a steal under 0.05%: the case is not tested"
    );
}

/// Each explanation the cells share is said once, as a note under the table, and the cells
/// that need it carry its mark (a student found the steal's and the few inputs' words in
/// every cell of their row): in seed-table-full the Desktop column's two platforms read
/// their latency from 8 inputs, and both refer to one note instead of each saying that a
/// longer run gives steadier figures.
#[test]
fn a_shared_explanation_is_a_note_said_once_that_its_cells_refer_to() {
    let r = load(&workspace_root().join("scenarios/seed-table-full.toml"))
        .run()
        .unwrap();
    let cells = || (r.table.columns.iter()).flat_map(|c| c.cells.iter().map(|cell| &cell.measured));
    let row = performance_row(&r);
    for (words, lang) in [
        ("a longer run gives steadier figures", "en"),
        ("실행이 길수록 수치가 안정됩니다", "ko"),
        ("sizing guides for real desktops", "en"),
        ("is not simulated", "en"),
        ("such as its drivers and kernel threads", "en"),
        ("describe a VM and an OS per desktop", "en"),
        ("the host's memory left after its own reserve", "en"),
    ] {
        // In no cell, and in exactly one note.
        assert!(
            cells().all(|t| !t.get(lang).contains(words)),
            "{words} in a cell"
        );
        let notes: Vec<_> = (r.table.notes.iter())
            .filter(|n| n.text.get(lang).contains(words))
            .collect();
        assert_eq!(notes.len(), 1, "{words}: {:?}", r.table.notes);
    }
    let few = (r.table.notes.iter())
        .find(|n| n.text.en.contains("a longer run gives steadier figures"))
        .unwrap();
    let desktops: Vec<_> = (r.table.columns.iter())
        .filter(|c| c.class == SeedColumn::Desktop)
        .collect();
    assert_eq!(desktops.len(), 2);
    for c in desktops {
        let cell = &c.cells[row].measured;
        // The figure stays in the cell, the mark after it.
        assert!(
            cell.en.contains(&format!("from 8 inputs only{}", few.mark)),
            "{}",
            cell.en
        );
        assert!(
            cell.ko.contains(&format!("입력 8개에서만{}", few.mark)),
            "{}",
            cell.ko
        );
    }
    // Numbered ¹, ², … in the order their marks first appear, row by row.
    let marks: Vec<&str> = r.table.notes.iter().map(|n| n.mark.as_str()).collect();
    assert_eq!(marks, ["¹", "²", "³", "⁴", "⁵", "⁶"]);
}

/// In every scenario's table, each note's mark is in a cell, in both languages, the notes
/// are numbered from ¹ in the order their marks first appear (the rows from the top, each
/// row's cells from the left), and no cell keeps the placeholder a mark replaces.
#[test]
fn every_tables_notes_are_numbered_in_order_and_referred_to() {
    for path in scenario_files() {
        let r = load(&path).run().unwrap();
        let name = path.display();
        let mut first_seen: Vec<&str> = Vec::new();
        for row in 0..r.table.rows.len() {
            for c in &r.table.columns {
                let cell = &c.cells[row].measured;
                for text in [&cell.en, &cell.ko] {
                    assert!(
                        !text.contains(['\u{1}', '\u{2}']),
                        "{name}: a placeholder in {text:?}"
                    );
                }
                let mut here: Vec<(usize, &str)> = (r.table.notes.iter())
                    .filter_map(|n| {
                        cell.en
                            .find(n.mark.as_str())
                            .map(|at| (at, n.mark.as_str()))
                    })
                    .collect();
                here.sort_unstable();
                for (_, mark) in here {
                    if !first_seen.contains(&mark) {
                        first_seen.push(mark);
                    }
                }
                for n in &r.table.notes {
                    assert_eq!(
                        cell.en.contains(&n.mark),
                        cell.ko.contains(&n.mark),
                        "{name}: {} in one language only: {} / {}",
                        n.mark,
                        cell.en,
                        cell.ko
                    );
                }
            }
        }
        let marks: Vec<&str> = r.table.notes.iter().map(|n| n.mark.as_str()).collect();
        let expected: Vec<String> = (1..=marks.len()).map(sim_core::table::note_mark).collect();
        assert_eq!(marks, expected, "{name}");
        assert_eq!(
            first_seen, marks,
            "{name}: notes not in the order of their marks"
        );
        for n in &r.table.notes {
            assert!(!n.text.en.is_empty() && !n.text.ko.is_empty(), "{name}");
        }
    }
}

/// A VDI platform's groups' kbit/s per session are listed as the CLI lists figures
/// (`sim_core::text::figure_list`): vdi-network's video users send over a thousand kbit/s,
/// which the tables group ("1,141"), so a Korean list joined by ", " read "`office` 7,
/// `video` 1,141" as three figures; it is joined by " · " in Korean, ", " in English.
#[test]
fn a_vdi_platforms_groups_kbit_s_are_a_list_of_figures_in_each_language() {
    let r =
        run(&std::fs::read_to_string(workspace_root().join("scenarios/vdi-network.toml")).unwrap());
    let row = performance_row(&r);
    let (mut checked, mut grouped) = (0, false);
    for column in &r.table.columns {
        let p = platform(&r, &column.platform);
        let Some(v) = p.vdi.as_ref().filter(|v| v.groups.len() > 1) else {
            continue;
        };
        let cell = &column.cells[row].measured;
        let each: Vec<String> = (v.groups.iter())
            .map(|g| format!("`{}` {:.0}", g.group, g.bandwidth_kbit_s))
            .collect();
        grouped |= v.groups.iter().any(|g| g.bandwidth_kbit_s >= 1000.0);
        assert!(
            cell.en
                .contains(&format!("kbit/s per session: {}", each.join(", "))),
            "{}",
            cell.en
        );
        assert!(
            cell.ko
                .contains(&format!("세션당 kbit/s: {}", each.join(" · "))),
            "{}",
            cell.ko
        );
        checked += 1;
    }
    assert!(
        checked > 0,
        "vdi-network has a VDI platform of several groups"
    );
    assert!(grouped, "a figure the tables group (1,000 kbit/s or more)");
}

#[test]
fn a_host_os_crash_stops_what_runs_on_a_general_purpose_os_and_nothing_without_one() {
    // The same three web servers on every kind of platform, and a host OS crash at 20 ms
    // of 40 on each but `esxi-quiet`, the twin of `esxi` without it. What crashes is the
    // general-purpose OS under the instances (`isolation::failed_component`): the host OS
    // under type 2 (either design), containers, native processes and a KVM-like type 1
    // (back ends in host threads, a microVM's VMM process); the driver domain of a
    // Xen-like or Hyper-V-like type 1 (and a `para` VDI server's dom0), after which Xen
    // restarts the machine; nothing under an ESXi-like type 1 or a `hybrid` VDI server.
    let r = run(r#"
[scenario]
name = "host-os-crash"
seed = 3
duration_ms = 40

[host]
cores = 4
memory_gib = 64

[[platform]]
name = "native"
kind = "native"

[[platform]]
name = "container"
kind = "container"

[[platform]]
name = "type2"
kind = "type2"
technique = "hardware_assist"

[[platform]]
name = "type2-module"
kind = "type2"
technique = "hardware_assist"
hosted_design = "host_module"

[[platform]]
name = "xen"
kind = "type1"
technique = "para"

[[platform]]
name = "hyperv"
kind = "type1"
technique = "hybrid"
driver_domain = true

[[platform]]
name = "kvm"
kind = "type1"
technique = "hybrid"
scheduler = "fair"
backend = "device_thread"

[[platform]]
name = "microvm"
kind = "type1"
technique = "hybrid"
microvm = true

[[platform]]
name = "esxi"
kind = "type1"
technique = "hybrid"

[[platform]]
name = "esxi-quiet"
kind = "type1"
technique = "hybrid"

[[platform]]
name = "vdi"
kind = "vdi"

[[platform]]
name = "vdi-para"
kind = "vdi"
technique = "para"

[[instance]]
name = "web"
platforms = ["native", "container", "type2", "type2-module", "xen", "hyperv", "kvm", "microvm", "esxi", "esxi-quiet"]
count = 3
workload = "web-server"

[[instance]]
name = "desk"
platforms = ["vdi", "vdi-para"]
count = 2
workload = "desktop-office"

[[fault]]
at_ms = 20
kind = "host_os_crash"
platforms = ["native", "container", "type2", "type2-module", "xen", "hyperv", "kvm", "microvm", "esxi", "vdi", "vdi-para"]
"#);
    use sim_core::isolation::Component;
    let expected = [
        ("native", Component::HostOs, 3),
        ("container", Component::HostOs, 3),
        ("type2", Component::HostOs, 3),
        ("type2-module", Component::HostOs, 3),
        ("xen", Component::DriverDomain, 3),
        ("hyperv", Component::DriverDomain, 3),
        ("kvm", Component::HostOs, 3),
        ("microvm", Component::HostOs, 3),
        ("esxi", Component::NoHostOs, 0),
        ("vdi", Component::NoHostOs, 0),
        ("vdi-para", Component::DriverDomain, 2),
    ];
    for (name, component, stopped) in expected {
        let p = platform(&r, name);
        assert_eq!(p.faults.len(), 1, "{name}");
        let f = &p.faults[0];
        assert_eq!(
            (f.component, f.stopped.len()),
            (component, stopped),
            "{name}: {f:?}"
        );
        let all = p.instances.len() as u64;
        assert_eq!(f.survivors, all - stopped as u64, "{name}");
        if stopped == 0 {
            // Nothing failed: nothing boots, nothing restarts, nothing is lost.
            assert_eq!(
                (f.ops_lost, f.recovery_ms, f.host_boot_ms),
                (0, 0.0, 0.0),
                "{name}"
            );
            assert!(
                p.instances.iter().all(|i| i.stopped_at_ms.is_none()),
                "{name}"
            );
        } else {
            assert!(f.ops_lost > 0 && f.host_boot_ms > 0.0, "{name}: {f:?}");
            assert!(
                p.instances.iter().all(|i| i.stopped_at_ms == Some(20.0)),
                "{name}"
            );
        }
    }
    // A fault that reaches nothing leaves the run as it was: `esxi` did what its twin did.
    let (esxi, quiet) = (platform(&r, "esxi"), platform(&r, "esxi-quiet"));
    assert_eq!((esxi.ops, &esxi.cpu), (quiet.ops, &quiet.cpu));
    for (a, b) in esxi.instances.iter().zip(&quiet.instances) {
        assert_eq!(a.ops, b.ops, "{}", a.name);
    }
    // The host boots again the same way after either type 1's host OS crash, but after a
    // crash of its driver domain Xen first waits its 5 s (`xen_crash_reboot_wait_us`): the
    // host boots alone, where a step's CPU time is its duration.
    let boot = |name: &str| platform(&r, name).faults[0].host_boot_ms;
    let wait = boot("xen") - boot("kvm");
    assert!((wait - 5000.0).abs() < 1e-6, "{wait}");
    assert_eq!(boot("xen"), boot("hyperv"));
    // The comparison table's isolation row says it in both languages: what crashed and how
    // many stopped, and, without a host OS, that there was none.
    let isolation = r
        .table
        .rows
        .iter()
        .position(|row| *row == sim_core::table::TableRow::Isolation)
        .unwrap();
    let cell = |name: &str| {
        r.table
            .columns
            .iter()
            .find(|c| c.platform == name)
            .unwrap()
            .cells[isolation]
            .measured
            .clone()
    };
    let (type2, esxi) = (cell("type2"), cell("esxi"));
    assert!(
        type2
            .en
            .contains("host_os_crash at 20 ms in the host OS stopped 3 of 3 instances"),
        "{}",
        type2.en
    );
    assert!(
        type2
            .ko
            .contains("20 ms에 호스트 OS 장애: 인스턴스 3개 중 3개 중단"),
        "{}",
        type2.ko
    );
    assert!(
        esxi.en.contains("host_os_crash at 20 ms with no host OS (the hypervisor runs on the hardware itself), stopped 0 of 3 instances"),
        "{}",
        esxi.en
    );
    assert!(esxi.ko.contains("닿을 호스트 OS 없음"), "{}", esxi.ko);
}
