//! Issue 3 properties: start-up, density, fault blast radius, noisy neighbours and desktop
//! virtualization. Each ordering must emerge from the steps and costs; the expected figures
//! are worked out in the comments from the defaults of `sim-core/src/costs.rs` and
//! `sim-core/src/vdi.rs`.

use sim_core::table::SeedColumn;
use virtsim_tests::{load, platform, run, workspace_root};

fn vdi_platforms(platforms: &[(&str, &str)], instances: &str, cores: u32, ms: u64) -> String {
    let mut s = format!("[scenario]\nname = \"t\"\nduration_ms = {ms}\nseed = 5\n\n[host]\ncores = {cores}\nmemory_gib = 1024\n");
    for (name, rest) in platforms {
        s += &format!("\n[[platform]]\nname = \"{name}\"\nkind = \"vdi\"\n{rest}\n");
    }
    s + instances
}

#[test]
fn desktop_latency_grows_with_round_trip_time() {
    // Input goes half an RTT in and the update half an RTT out: the median is at least the
    // RTT, plus a few ms of application work (5 Mcycles = 1.7 ms at 3 GHz) and encoding.
    let text = vdi_platforms(
        &[
            ("r5", "rtt_ms = 5"),
            ("r50", "rtt_ms = 50"),
            ("r150", "rtt_ms = 150"),
        ],
        "\n[[instance]]\nname = \"o\"\ncount = 10\nmemory_gib = 2\nworkload = \"desktop-office\"\n",
        4,
        3000,
    );
    let r = run(&text);
    let p50 = |n: &str| platform(&r, n).vdi.as_ref().unwrap().latency_p50_ms;
    assert!(
        p50("r5") < p50("r50") && p50("r50") < p50("r150"),
        "{} {} {}",
        p50("r5"),
        p50("r50"),
        p50("r150")
    );
    assert!(p50("r5") >= 5.0 && p50("r5") < 20.0, "{}", p50("r5"));
    assert!(
        p50("r150") >= 150.0 && p50("r150") < 170.0,
        "{}",
        p50("r150")
    );
}

#[test]
fn desktop_latency_grows_with_desktops_per_server() {
    // Web browsing: about 4% of a core per desktop (60 Mcycles of layout + 12 of encoding per
    // click each second, plus 1.5% background). 40 desktops on 8 cores leave 80% idle; 200
    // leave almost none, so clicks wait for a core.
    let text = vdi_platforms(
        &[("few", ""), ("many", "")],
        "\n[[instance]]\nname = \"a\"\nplatforms = [\"few\"]\ncount = 40\nmemory_gib = 2\nworkload = \"desktop-web\"\n\n[[instance]]\nname = \"b\"\nplatforms = [\"many\"]\ncount = 200\nmemory_gib = 2\nworkload = \"desktop-web\"\n",
        8,
        3000,
    );
    let r = run(&text);
    let few = platform(&r, "few").vdi.as_ref().unwrap();
    let many = platform(&r, "many").vdi.as_ref().unwrap();
    assert!(
        many.latency_mean_ms > few.latency_mean_ms * 1.2,
        "{} vs {}",
        many.latency_mean_ms,
        few.latency_mean_ms
    );
    assert!(
        many.latency_p99_ms > few.latency_p99_ms,
        "{} vs {}",
        many.latency_p99_ms,
        few.latency_p99_ms
    );
    assert!(
        many.cpu.idle < 20.0 && few.cpu.idle > 60.0,
        "{} {}",
        many.cpu.idle,
        few.cpu.idle
    );
}

#[test]
fn a_video_session_needs_far_more_bandwidth_than_an_office_one() {
    // RDP: office 3 × (16.6 kpixel × 4 B / 120 + 60 B) ≈ 1.8 kB/s ≈ 15 kbit/s; video
    // 30 × (518 kpixel × 4 B / 600 + 60 B) ≈ 105 kB/s ≈ 840 kbit/s: more than 20 times.
    let r = run(&vdi_platforms(
        &[("rdp", "protocol = \"rdp\"")],
        "\n[[instance]]\nname = \"office\"\ncount = 8\nmemory_gib = 2\nworkload = \"desktop-office\"\n\n[[instance]]\nname = \"video\"\ncount = 2\nmemory_gib = 2\nworkload = \"desktop-video\"\n",
        8,
        2000,
    ));
    let v = platform(&r, "rdp").vdi.as_ref().unwrap();
    let office = v.groups.iter().find(|g| g.group == "office").unwrap();
    let video = v.groups.iter().find(|g| g.group == "video").unwrap();
    assert!(
        video.bandwidth_kbit_s > 20.0 * office.bandwidth_kbit_s,
        "{} vs {}",
        video.bandwidth_kbit_s,
        office.bandwidth_kbit_s
    );
    assert!(
        (5.0..40.0).contains(&office.bandwidth_kbit_s),
        "{}",
        office.bandwidth_kbit_s
    );
    assert!(
        (600.0..1100.0).contains(&video.bandwidth_kbit_s),
        "{}",
        video.bandwidth_kbit_s
    );
}

#[test]
fn a_thin_link_drops_video_frames() {
    // 840 kbit/s of video through a 0.5 Mbit/s link: each frame takes longer to send than
    // the 33 ms between frames, so about every other frame finds the previous still in flight.
    let r = run(&vdi_platforms(
        &[("fat", "client_bandwidth_mbit_s = 20"), ("thin", "client_bandwidth_mbit_s = 0.5")],
        "\n[[instance]]\nname = \"video\"\ncount = 2\nmemory_gib = 2\nworkload = \"desktop-video\"\n",
        4,
        2000,
    ));
    let share = |n: &str| {
        let v = platform(&r, n).vdi.as_ref().unwrap();
        v.frames_delivered as f64 / v.frames_wanted as f64
    };
    assert!(
        share("fat") > 0.95 && share("thin") < 0.7,
        "{} {}",
        share("fat"),
        share("thin")
    );
}

#[test]
fn containers_start_faster_and_pack_denser_than_full_vms() {
    let r = run(
        &std::fs::read_to_string(workspace_root().join("scenarios/startup-density.toml")).unwrap(),
    );
    let l = |n: &str| platform(&r, n).lifecycle.clone();
    let (vm, micro, ct, t2) = (l("vm"), l("microvm"), l("container"), l("type2-vm"));
    // Container: 50 + 5 + 5 + 10 ms of set-up, then the application's 110 ms.
    // microVM: 12 + 125 ms + reads, then the application. Full VM: over 5 s of boot.
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
    // configured 1024 MiB + 20 kB (its guest fills its memory with page cache).
    assert!((ct.footprint_mib - 136.0).abs() < 0.01 && (vm.footprint_mib - 1024.02).abs() < 0.01);
    assert!(
        ct.density > vm.density && ct.density_memory > 2 * vm.density_memory,
        "{ct:?} {vm:?}"
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
}

#[test]
fn caps_protect_the_victims_of_a_noisy_neighbour() {
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
    assert!(
        victims("vm-capped") > victims("vm") * 1.2,
        "{} {}",
        victims("vm-capped"),
        victims("vm")
    );
    assert!(victims("container-capped") > victims("container") * 1.2);
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
    // 100 × (19.1 s of CPU on 16 cores + 900 MiB at 1000 MB/s): about 119 + 94 s.
    assert!(
        (all("storm-100") - 213_700.0).abs() < 2_000.0,
        "{}",
        all("storm-100")
    );
}

#[test]
fn the_seed_table_has_three_columns_with_measured_figures_in_every_row() {
    let r = load(&workspace_root().join("scenarios/seed-table-full.toml"))
        .run()
        .unwrap();
    let classes: Vec<SeedColumn> = r.table.columns.iter().map(|c| c.class).collect();
    assert_eq!(
        classes,
        vec![
            SeedColumn::Hardware,
            SeedColumn::Desktop,
            SeedColumn::OsLevel
        ]
    );
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
}
