//! Desktop virtualization as one model (issue 10): desktop sessions run on the machine, so
//! latency, bandwidth, frames and CPU come from one run. Expected figures are worked out in
//! the comments from the defaults of `sim-core/src/costs.rs` and `sim-core/src/desktop/`
//! (a 3 GHz host: 3000 cycles per µs).

use virtsim_tests::{platform, run};

fn vdi_platforms(platforms: &[(&str, &str)], instances: &str, cores: u32, ms: u64) -> String {
    let mut s = format!("[scenario]\nname = \"t\"\nduration_ms = {ms}\nseed = 5\n\n[host]\ncores = {cores}\nmemory_gib = 1024\n");
    for (name, rest) in platforms {
        s += &format!("\n[[platform]]\nname = \"{name}\"\nkind = \"vdi\"\n{rest}\n");
    }
    s + instances
}

const OFFICE: &str =
    "\n[[instance]]\nname = \"office\"\ncount = 10\nmemory_gib = 2\nworkload = \"desktop-office\"\n";

#[test]
fn desktop_latency_grows_with_round_trip_time_and_includes_the_cadence() {
    // Besides the round trip, an input waits for the client's input sampling (8 ms at
    // 125 Hz, 4 on average), the application (5 Mcycles: 1.7 ms), the protocol's next
    // capture (33 ms at 30 fps, about 17 on average) and the display's next refresh
    // (16.7 ms at 60 Hz, about 8 on average): on a 5 ms LAN the median is about
    // 5 + 4 + 1.7 + 17 + 8 = 36 ms, far above the RTT alone, and below
    // 5 + 8 + 1.7 + 33 + 16.7 + a few ms of queueing.
    let text = vdi_platforms(
        &[
            ("r5", "rtt_ms = 5"),
            ("r50", "rtt_ms = 50"),
            ("r150", "rtt_ms = 150"),
        ],
        OFFICE,
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
    assert!((20.0..70.0).contains(&p50("r5")), "{}", p50("r5"));
    assert!((165.0..220.0).contains(&p50("r150")), "{}", p50("r150"));
}

#[test]
fn the_local_baseline_shows_the_same_activity_without_protocol_or_network() {
    // On a local PC the same keystroke waits for input sampling (4 ms on average), the
    // application (1.7 ms) and the monitor's refresh (8 ms on average): about 14 ms, no
    // capture interval, no round trip. The remote median adds at least the RTT (20 ms).
    let r = run(&vdi_platforms(&[("vdi", "rtt_ms = 20")], OFFICE, 4, 3000));
    let v = platform(&r, "vdi").vdi.as_ref().unwrap();
    let local = v
        .local
        .as_ref()
        .expect("the native baseline is a local display");
    assert!(
        (5.0..25.0).contains(&local.latency_p50_ms),
        "{}",
        local.latency_p50_ms
    );
    assert!(
        v.latency_p50_ms > local.latency_p50_ms + 20.0,
        "{} vs {}",
        v.latency_p50_ms,
        local.latency_p50_ms
    );
    assert!(local.frames_delivered > 0 && local.frames_delivered <= local.frames_wanted);
}

#[test]
fn a_loaded_server_raises_desktop_latency_through_the_scheduler() {
    // Web browsing: a click costs 60 Mcycles of layout (20 ms of a core) and about
    // 620 kpixel of encoding (3.1 Mcycles), once a second, plus 1.5% of a core of
    // services: about 3.7% of a core per desktop. 40 desktops on 8 cores leave about 80%
    // idle; 200 ask for more than the 8 cores have, so clicks queue for a vCPU's turn.
    let text = vdi_platforms(
        &[("few", ""), ("many", "")],
        "\n[[instance]]\nname = \"a\"\nplatforms = [\"few\"]\ncount = 40\nmemory_gib = 2\nworkload = \"desktop-web\"\n\n[[instance]]\nname = \"b\"\nplatforms = [\"many\"]\ncount = 200\nmemory_gib = 2\nworkload = \"desktop-web\"\n",
        8,
        3000,
    );
    let r = run(&text);
    let few = platform(&r, "few");
    let many = platform(&r, "many");
    let (fv, mv) = (few.vdi.as_ref().unwrap(), many.vdi.as_ref().unwrap());
    assert!(
        mv.latency_mean_ms > fv.latency_mean_ms * 1.2 && mv.latency_p99_ms > fv.latency_p99_ms,
        "{} vs {}",
        mv.latency_mean_ms,
        fv.latency_mean_ms
    );
    // The waits are the scheduler's: the desktops' vCPUs were runnable and not running.
    assert!(
        many.steal_percent > 5.0 * few.steal_percent.max(0.01),
        "{} vs {}",
        many.steal_percent,
        few.steal_percent
    );
    assert!(
        mv.cpu.idle < 20.0 && fv.cpu.idle > 60.0,
        "{} {}",
        mv.cpu.idle,
        fv.cpu.idle
    );
    // A local PC is a machine of its own (a review found the local baseline run on the
    // server the desktops share, its p99 rising from 45 to 108 ms between 40 and 200
    // desktops): each desktop alone on a native machine with its VM's vCPUs as cores.
    // The many desktops' local figures are another sample of the same clicks on idle
    // PCs: sampling (up to 8 ms), the click's 20 ms of layout and the monitor's refresh
    // (up to 16.7 ms), a p99 near 45 ms for both counts.
    let (fl, ml) = (fv.local.as_ref().unwrap(), mv.local.as_ref().unwrap());
    for l in [fl, ml] {
        assert!(
            (35.0..55.0).contains(&l.latency_p99_ms),
            "local p99 {} and {}",
            fl.latency_p99_ms,
            ml.latency_p99_ms
        );
    }
    assert!(mv.latency_p99_ms > ml.latency_p99_ms + 100.0);
}

#[test]
fn a_lost_video_packet_is_sent_again_over_tcp_but_not_over_udp() {
    // Video at 5% loss, alone on each platform. HDX (TCP) sends every lost packet again:
    // about 5% more bytes than the same stream without loss. Blast (UDP) drops a video frame
    // that lost a packet (the next frame supersedes it) and sends nothing again: its bytes
    // are those of the lossless stream, while HDX and RDP send the same codecs, so the
    // lossy HDX stream ends up about 5% above the lossy Blast one (Blast's H.264 video costs
    // what HDX's does: 0.07 bit/pixel).
    let net = "rtt_ms = 20\nloss_percent = 5";
    let r = run(&vdi_platforms(
        &[
            ("udp", &format!("protocol = \"blast\"\n{net}")),
            ("tcp", &format!("protocol = \"hdx\"\n{net}")),
            ("tcp-clean", "protocol = \"hdx\"\nrtt_ms = 20"),
        ],
        "\n[[instance]]\nname = \"video\"\ncount = 4\nmemory_gib = 2\nworkload = \"desktop-video\"\n",
        8,
        1000,
    ));
    let bw = |p: &str| platform(&r, p).vdi.as_ref().unwrap().groups[0].bandwidth_kbit_s;
    let (udp, tcp, clean) = (bw("udp"), bw("tcp"), bw("tcp-clean"));
    assert!(
        tcp > clean * 1.03 && tcp < clean * 1.08,
        "tcp {tcp} clean {clean}"
    );
    assert!(tcp > udp * 1.03, "tcp {tcp} udp {udp}");
}

#[test]
fn video_needs_far_more_bandwidth_than_office_work_because_of_its_content() {
    // RDP. Office: a keystroke redraws 16 kpixel of text at 0.1 bit/pixel (glyph cache):
    // 1600 bits = 200 B + 60 B of header, one packet of 312 B with its headers; at most
    // 3 a second: at most 7.5 kbit/s. Video: 518 kpixel at 0.07 bit/pixel (H.264): 4533 B
    // + 60, 4 packets, 4801 B with headers, 30 times a second: about 1150 kbit/s, some
    // 150 times the office figure. The ratio comes from the areas and the codecs' bits per
    // pixel, not from figures chosen per activity.
    let r = run(&vdi_platforms(
        &[("rdp", "protocol = \"rdp\""), ("blast", "protocol = \"blast\"")],
        "\n[[instance]]\nname = \"office\"\ncount = 8\nmemory_gib = 2\nworkload = \"desktop-office\"\n\n[[instance]]\nname = \"video\"\ncount = 2\nmemory_gib = 2\nworkload = \"desktop-video\"\n",
        8,
        2000,
    ));
    let group = |p: &str, g: &str| {
        platform(&r, p)
            .vdi
            .as_ref()
            .unwrap()
            .groups
            .iter()
            .find(|x| x.group == g)
            .unwrap()
            .bandwidth_kbit_s
    };
    let (office, video) = (group("rdp", "office"), group("rdp", "video"));
    assert!(video > 50.0 * office, "{video} vs {office}");
    assert!((2.0..7.6).contains(&office), "{office}");
    assert!((1000.0..1200.0).contains(&video), "{video}");
    // Blast sends text through H.264 (0.3 bit/pixel instead of 0.1): the same typing
    // costs about 2.6 times the bytes (16 x 300 / 8 + 60 = 660 B against 260 B).
    let blast = group("blast", "office");
    assert!(
        blast > 2.0 * office && blast < 3.2 * office,
        "{blast} vs {office}"
    );
}

#[test]
fn a_thin_link_drops_video_frames_and_lowers_the_quality() {
    // 1150 kbit/s of video into a 0.5 Mbit/s link: even at half quality a frame takes
    // 39 ms of the link, more than the 33 ms frame interval, so the queue for the link
    // fills its one-interval send buffer every few frames; a capture is then skipped and
    // the encoder halves the quality of lossy content.
    let r = run(&vdi_platforms(
        &[("fat", "client_bandwidth_mbit_s = 20"), ("thin", "client_bandwidth_mbit_s = 0.5")],
        "\n[[instance]]\nname = \"video\"\ncount = 2\nmemory_gib = 2\nworkload = \"desktop-video\"\n",
        4,
        2000,
    ));
    let v = |n: &str| platform(&r, n).vdi.as_ref().unwrap();
    let share = |n: &str| v(n).frames_delivered as f64 / v(n).frames_wanted as f64;
    assert!(
        share("fat") > 0.95 && share("thin") < 0.8,
        "{} {}",
        share("fat"),
        share("thin")
    );
    let quality = |n: &str| v(n).groups[0].quality_percent;
    assert!(
        quality("fat") > 99.0 && quality("thin") < 80.0,
        "{} {}",
        quality("fat"),
        quality("thin")
    );
    // The link carries at most its bandwidth.
    assert!(
        v("thin").bandwidth_kbit_s <= 500.0,
        "{}",
        v("thin").bandwidth_kbit_s
    );
}

#[test]
fn the_agent_keeps_a_thin_link_busy_and_only_the_quality_rule_leaves_it_idle() {
    // One video session over a 1 Mbit/s link. A full-quality frame is 518 kpixel x 0.07
    // bit = 4533 bytes + 60 of header = 4593 bytes in 4 packets, 4801 bytes on the wire
    // with their 52-byte headers: 38.4 ms of the link, 5.1 ms more than the 33.3 ms frame
    // interval. At three quarters: 3460 bytes, 3 packets, 3616 on the wire, 28.9 ms; at
    // half: 2327 bytes, 2 packets, 2431 on the wire, 19.4 ms.
    //
    // The agent captures at each tick while at most one interval of the link's time is
    // queued (it encodes the next frame while the previous one is on the wire). With e,
    // the encoding's 2.5 ms (518 kpixel x 14.5 cycles, the cost table's H.264 figure, at
    // 3 GHz), the k-th full-quality frame in a row finds at most e + 5.1 (k - 1) ms queued
    // at its tick (the first after an idle link finds nothing): the 7th finds 33.0 ms, not
    // more than the 33.3 ms interval, and is sent; the 8th finds 38.0 ms and is skipped; the
    // encoder halves the quality, then raises it by a quarter per capture. A cycle of 10
    // ticks (333 ms): 7 frames at full quality, one tick skipped, one frame at half, one at
    // three quarters. So 9 frames of 10 are delivered (90%), at a mean quality of
    // (7 x 100 + 50 + 75) / 9 = 92%, and the link carries 7 x 38.4 + 19.4 + 28.9 = 317 ms
    // in 333: 95%, about 950 kbit/s (a 30 s run: 90.0%, 91.6%, 950 kbit/s). The link is
    // idle only after the half- and three-quarter-quality frames (11.7 and 4.4 ms, the
    // next frame's encoding included).
    //
    // Had the agent waited for the link to drain before each capture (a frame skipped
    // whenever anything was queued), every full-quality frame would skip the next tick and
    // leave the link idle until it: that model delivered 74% of the frames here, at 66%
    // quality and 550 kbit/s. Had it waited for an acknowledgement
    // too (half a round trip out, half back), the round trip would set the pace: the
    // 150 ms platform would deliver fewer frames than the 5 ms one. It delivers as many.
    let video =
        "\n[[instance]]\nname = \"video\"\ncount = 1\nmemory_gib = 2\nworkload = \"desktop-video\"\n";
    let r = run(&vdi_platforms(
        &[
            ("near", "rtt_ms = 5\nclient_bandwidth_mbit_s = 1"),
            ("far", "rtt_ms = 150\nclient_bandwidth_mbit_s = 1"),
        ],
        video,
        4,
        3000,
    ));
    for name in ["near", "far"] {
        let v = platform(&r, name).vdi.as_ref().unwrap();
        let g = &v.groups[0];
        let share = g.frames_delivered as f64 / g.frames_wanted as f64;
        assert!((0.86..0.92).contains(&share), "{name}: frames {share}");
        assert!(
            (88.0..94.0).contains(&g.quality_percent),
            "{name}: quality {}",
            g.quality_percent
        );
        // The run's first capture comes at the first tick and the last updates arrive
        // after the end: a little below the cycle's 950.
        assert!(
            (880.0..950.0).contains(&g.bandwidth_kbit_s),
            "{name}: {} kbit/s",
            g.bandwidth_kbit_s
        );
    }
}

#[test]
fn the_vdi_platforms_cpu_shares_add_up_in_one_view() {
    // The desktop table's CPU split is the machine's own busy time: the guest's user time
    // split by thread role, and the same kernel, hypervisor and idle shares as the
    // platform row. Everything adds up to 100%, with desktop VMs and on a session host.
    let r = run(&vdi_platforms(
        &[("vdi", ""), ("rds", "session_host = true")],
        "\n[[instance]]\nname = \"web\"\ncount = 12\nmemory_gib = 2\nworkload = \"desktop-web\"\n",
        4,
        1000,
    ));
    for name in ["vdi", "rds"] {
        let p = platform(&r, name);
        let c = &p.vdi.as_ref().unwrap().cpu;
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        let sum = c.applications
            + c.encode
            + c.guest_background
            + c.guest_user_other
            + c.guest_kernel
            + c.hypervisor
            + c.idle;
        assert!((sum - 100.0).abs() < 1e-6, "{name}: {sum}");
        assert!(close(c.idle, p.cpu.idle), "{} {}", c.idle, p.cpu.idle);
        assert!(close(c.guest_kernel, p.cpu.guest_kernel));
        assert!(close(
            c.hypervisor,
            p.cpu.hypervisor + p.cpu.device_emulation + p.cpu.host_os
        ));
        let user = c.applications + c.encode + c.guest_background + c.guest_user_other;
        assert!(
            (user - p.cpu.guest_user).abs() < 1e-6,
            "{user} {}",
            p.cpu.guest_user
        );
        // The applications dominate web browsing: 60 Mcycles per click against about 4.7
        // of encoding (249 kpixel of text and 269 of UI at 5 cycles per pixel, 103 of
        // photo at 20), and the encoder's share is not zero. What is left of the user time
        // (cache refills, work cut off at the end) is small.
        assert!(c.applications > 3.0 * c.encode && c.encode > 0.0, "{c:?}");
        assert!(c.guest_user_other < 0.1 * user, "{c:?}");
    }
}

#[test]
fn a_vdi_run_advances_in_slices_with_progress_and_gives_the_same_result() {
    // The desktops are simulated inside the machines' event slices: small slices report
    // progress that only grows, and the result is the one of a whole run.
    let text = vdi_platforms(&[("vdi", "")], OFFICE, 4, 500);
    let s = sim_core::Scenario::from_toml("t.toml", &text).unwrap();
    let whole = s.run().unwrap();
    let mut runner = s.runner(sim_core::RunOptions::default()).unwrap();
    let mut last = 0.0;
    let mut slices = 0;
    while !runner.is_finished() {
        let p = runner.advance(200).unwrap();
        assert!(p.fraction() >= last);
        last = p.fraction();
        slices += 1;
    }
    assert!(slices > 3, "{slices}");
    let sliced = runner.finish().unwrap();
    assert_eq!(
        serde_json::to_string(&sliced).unwrap(),
        serde_json::to_string(&whole).unwrap()
    );
}

#[test]
fn a_faster_frame_cap_lowers_latency_until_the_link_saturates() {
    // An input waits on average half a capture interval for the agent's next capture:
    // 50 ms at 10 frames per second, 17 at 30, 8 at 60. On a 20 Mbit/s link the office
    // median falls with it. Through a 0.5 Mbit/s link the two video sessions' 1150 kbit/s
    // at full quality do not fit: the link, not the capture clock, sets the pace, and
    // their inputs' latency stops improving from 30 to 60 captures a second.
    let fat = |rate: u32| format!("frame_rate = {rate}");
    let thin = |rate: u32| format!("frame_rate = {rate}\nclient_bandwidth_mbit_s = 0.5");
    let (f10, f30, f60, t30, t60) = (fat(10), fat(30), fat(60), thin(30), thin(60));
    let r = run(&vdi_platforms(
        &[
            ("f10", &f10),
            ("f30", &f30),
            ("f60", &f60),
            ("t30", &t30),
            ("t60", &t60),
        ],
        "\n[[instance]]\nname = \"office\"\ncount = 6\nmemory_gib = 2\nworkload = \"desktop-office\"\n\n[[instance]]\nname = \"video\"\ncount = 2\nmemory_gib = 2\nworkload = \"desktop-video\"\n",
        4,
        2000,
    ));
    let mean = |p: &str, g: &str| {
        platform(&r, p)
            .vdi
            .as_ref()
            .unwrap()
            .groups
            .iter()
            .find(|x| x.group == g)
            .unwrap()
            .latency_mean_ms
    };
    // Means (the median moves in steps of the display's 16.7 ms refresh): about 33 and
    // 8 ms apart on average, less the refresh's rounding.
    assert!(
        mean("f10", "office") > mean("f30", "office") + 10.0
            && mean("f30", "office") > mean("f60", "office") + 2.0,
        "{} {} {}",
        mean("f10", "office"),
        mean("f30", "office"),
        mean("f60", "office")
    );
    assert!(
        mean("t60", "video") >= mean("t30", "video"),
        "{} {}",
        mean("t30", "video"),
        mean("t60", "video")
    );
}

#[test]
fn session_hosts_reach_higher_density_and_a_wider_blast_radius_than_desktop_vms() {
    // 12 office users. A desktop VM needs a Windows guest (1500 MiB) and the hypervisor's
    // state per VM (about 128 MiB with a 2 GiB guest): 1628 MiB, so (128 - 1) GiB fits 79.
    // A session needs 300 MiB plus a twelfth of one such VM (136 MiB): 436 MiB, 298 fit.
    // A session starts with the logon alone (8 s of CPU and 200 MiB) instead of a VM boot
    // and the logon (about 19.6 s). The OS's services (1.5% of a core) run once on the
    // session host instead of 12 times. A kernel panic in one user's code at 600 ms stops
    // that user's VM on VDI, and the one server OS, every session, on the session host.
    let text = format!(
        "{}\n[[fault]]\nat_ms = 600\nkind = \"kernel_panic\"\ninstance = \"office\"\ncopy = 2\n",
        vdi_platforms(
            &[("vdi", ""), ("rds", "session_host = true")],
            "\n[[instance]]\nname = \"office\"\ncount = 12\nmemory_gib = 2\nguest_os = \"windows\"\nworkload = \"desktop-office\"\n",
            4,
            1000,
        )
    );
    let text = text.replace("memory_gib = 1024\n", "memory_gib = 128\n");
    let r = run(&text);
    let (vdi, rds) = (platform(&r, "vdi"), platform(&r, "rds"));
    assert!(
        rds.lifecycle.density > 3 * vdi.lifecycle.density,
        "{} vs {}",
        rds.lifecycle.density,
        vdi.lifecycle.density
    );
    assert!(
        rds.lifecycle.startup_ms < 0.6 * vdi.lifecycle.startup_ms,
        "{} vs {}",
        rds.lifecycle.startup_ms,
        vdi.lifecycle.startup_ms
    );
    let (v, s) = (vdi.vdi.as_ref().unwrap(), rds.vdi.as_ref().unwrap());
    assert_eq!((v.sessions, s.sessions), (12, 12));
    assert_eq!((v.sessions_dropped, s.sessions_dropped), (1, 12));
    assert!(s.session_host && !v.session_host);
    // Recovery: a desktop VM boots and its user logs on (about 19.6 s); the session host
    // boots its OS (about 11.5 s) and then all 12 users log on at once on 4 cores
    // (12 x 8 s of CPU over 4 cores: about 24 s more).
    let recovery = |p: &sim_core::PlatformResult| p.faults[0].recovery_ms;
    assert!(
        recovery(rds) > recovery(vdi) + 10_000.0,
        "{} vs {}",
        recovery(rds),
        recovery(vdi)
    );
    // Fewer copies of the OS's services: the session host's background share is smaller.
    assert!(
        s.cpu.guest_background < 0.5 * v.cpu.guest_background,
        "{} vs {}",
        s.cpu.guest_background,
        v.cpu.guest_background
    );
}

#[test]
fn under_loss_udp_drops_video_frames_that_tcp_delivers_late() {
    // A video frame is 4 packets; with 5% loss about 1 - 0.95^4 = 18.5% of frames lose
    // one. Blast's UDP transport does not resend a video-only frame (the next supersedes
    // it): about 81% of the frames are shown. RDP over TCP resends the packet, one round
    // trip later: nearly every frame is shown, late.
    let r = run(&vdi_platforms(
        &[
            ("blast", "protocol = \"blast\"\nloss_percent = 5\nrtt_ms = 50"),
            ("rdp", "protocol = \"rdp\"\nloss_percent = 5\nrtt_ms = 50"),
        ],
        "\n[[instance]]\nname = \"video\"\ncount = 2\nmemory_gib = 2\nworkload = \"desktop-video\"\n",
        4,
        2000,
    ));
    let share = |n: &str| {
        let v = platform(&r, n).vdi.as_ref().unwrap();
        v.frames_delivered as f64 / v.frames_wanted as f64
    };
    assert!(
        (0.7..0.92).contains(&share("blast")) && share("rdp") > 0.93,
        "{} {}",
        share("blast"),
        share("rdp")
    );
}

#[test]
fn frames_still_on_their_way_at_the_end_are_not_counted_as_missing() {
    // 10 office desktops on an idle 4-core server, 1 s: on a 5 ms LAN and over a 300 ms
    // satellite link the server does the same work and no link is full, so the share of
    // the inputs shown must be about the same. Before, every input made in the last
    // 300 ms counted as wanted although it could not reach the client in time, nearly a
    // third of this short run's inputs: the satellite read 64.5% against the LAN's
    // 93.5%. Now an input not shown by the end counts as lost only if it was made longer
    // before the end than the session's slowest update took (see `desktop/session.rs`).
    let text = vdi_platforms(
        &[("lan", "rtt_ms = 5"), ("satellite", "rtt_ms = 300")],
        OFFICE,
        4,
        1000,
    );
    let r = run(&text);
    let share = |n: &str| {
        let v = platform(&r, n).vdi.as_ref().unwrap();
        assert!(v.frames_wanted > 0, "{n}: no inputs");
        assert!(
            v.frames_delivered <= v.frames_wanted,
            "{n}: more shown than wanted"
        );
        v.frames_delivered as f64 / v.frames_wanted as f64
    };
    let (lan, satellite) = (share("lan"), share("satellite"));
    assert!(
        satellite > lan - 0.1,
        "satellite {satellite:.3} vs lan {lan:.3}"
    );
}

#[test]
fn a_short_run_does_not_charge_a_remote_display_for_the_updates_in_flight_at_its_end() {
    // 10 office desktops on an idle 4-core server, 20 ms round trip: the server keeps up
    // and no link is full, so the share of the wanted updates shown is the same in a
    // 200 ms and a 2 s run. Updates take about 45 ms to reach the screen (the RTT, the
    // capture interval, the refresh), against about 14 ms on a local PC: counted by how
    // many each display showed in the window, the short run read 73% of native (a fifth
    // of its window's updates still on their way at the end), the long one 97%.
    let rel = |ms: u64| {
        let r = run(&vdi_platforms(&[("vdi", "rtt_ms = 20")], OFFICE, 4, ms));
        let p = platform(&r, "vdi");
        let v = p.vdi.as_ref().unwrap();
        assert!(v.frames_delivered <= v.frames_wanted, "{ms} ms");
        p.relative_performance_percent
    };
    let (short, long) = (rel(200), rel(2000));
    assert!(
        short > 95.0 && long > 95.0,
        "200 ms {short:.1}, 2 s {long:.1}"
    );
    assert!(
        (short - long).abs() < 3.0,
        "200 ms {short:.1}, 2 s {long:.1}"
    );
}

#[test]
fn a_session_a_fault_ended_loses_the_updates_its_user_goes_on_wanting() {
    // A hypervisor failure at 500 ms of a 1 s run ends every desktop: the updates the
    // users want in the second half are lost, so about half of the wanted updates are
    // shown (a little less: those in flight at the failure are lost too).
    let text = vdi_platforms(&[("vdi", "rtt_ms = 20")], OFFICE, 4, 1000)
        + "\n[[fault]]\nat_ms = 500\nkind = \"hypervisor_failure\"\nplatforms = [\"vdi\"]\n";
    let r = run(&text);
    let p = platform(&r, "vdi");
    let v = p.vdi.as_ref().unwrap();
    assert_eq!(v.sessions_dropped, 10);
    let share = v.frames_delivered as f64 / v.frames_wanted as f64;
    assert!((0.35..0.55).contains(&share), "{share:.3}");
    assert!(
        (35.0..55.0).contains(&p.relative_performance_percent),
        "{}",
        p.relative_performance_percent
    );
}

#[test]
fn a_lost_last_packet_waits_for_tcps_tail_loss_probe_or_its_rto() {
    // Office inputs are one packet each, and so are most of their updates (a line of
    // text): a lost one has nothing behind it to report the gap. Over RDP's TCP it waits
    // for the tail-loss probe, 2 round trips (RFC 8985's PTO = 2 x SRTT) plus 200 ms for
    // the delayed ACK when it was alone in flight, but at most until the retransmission
    // timeout, which Linux sets to SRTT + 200 ms (PTO = min(PTO, RTO): RFC 8985 section
    // 7.2, Linux `tcp_schedule_loss_probe`): 300 ms at a 100 ms round trip. Blast's UDP
    // transport resends on its own timer, taken as 2 round trips: 200 ms. At 20% loss an
    // input or its update loses a packet 36% of the time and both 4%, so the p99 lies
    // between one loss and two: 300 to 600 ms over RDP's clean p99, 200 to 400 ms over
    // Blast's (measured: 578 and 200; 791 and 200 while a lone loss waited for the
    // uncapped probe, 2 round trips and 200 ms; with one round trip for every loss both
    // read 160). Both p99s are read from the latency histogram, whose buckets are up to
    // 1.6% wide: a difference may fall a bucket short of its bound (the 200 and 300 ms
    // bounds are taken as 190 and 290).
    let r = run(&vdi_platforms(
        &[
            ("rdp", "protocol = \"rdp\"\nrtt_ms = 100"),
            ("rdp-lossy", "protocol = \"rdp\"\nrtt_ms = 100\nloss_percent = 20"),
            ("blast", "protocol = \"blast\"\nrtt_ms = 100"),
            ("blast-lossy", "protocol = \"blast\"\nrtt_ms = 100\nloss_percent = 20"),
        ],
        "\n[[instance]]\nname = \"office\"\ncount = 20\nmemory_gib = 2\nworkload = \"desktop-office\"\n",
        8,
        3000,
    ));
    let p99 = |n: &str| platform(&r, n).vdi.as_ref().unwrap().latency_p99_ms;
    let (tcp, udp) = (
        p99("rdp-lossy") - p99("rdp"),
        p99("blast-lossy") - p99("blast"),
    );
    assert!((290.0..650.0).contains(&tcp), "tcp +{tcp} udp +{udp}");
    assert!((190.0..450.0).contains(&udp), "tcp +{tcp} udp +{udp}");
    assert!(tcp > udp, "tcp +{tcp} udp +{udp}");
}

#[test]
fn a_sessions_bandwidth_does_not_depend_on_the_round_trip() {
    // The users type at their own pace whatever the network (each keystroke one line
    // redrawn), and the run starts with the sessions under way: a 1 s round trip delays
    // every update by a second but sends the same bytes per second as a 5 ms one. Counted
    // on arrival with cold sessions, the 1 s link lost a third of a 3 s run's traffic
    // (6.8 against 4.5 kbit/s per user).
    let r = run(&vdi_platforms(
        &[("lan", "rtt_ms = 5"), ("far", "rtt_ms = 1000")],
        OFFICE,
        4,
        3000,
    ));
    let kbit = |n: &str| platform(&r, n).vdi.as_ref().unwrap().bandwidth_kbit_s;
    let (lan, far) = (kbit("lan"), kbit("far"));
    assert!(lan > 0.0);
    assert!(
        (far / lan - 1.0).abs() < 0.05,
        "lan {lan:.2} far {far:.2} kbit/s"
    );
}

#[test]
fn the_csv_export_carries_what_desktop_users_see_over_the_network() {
    // Two links that differ only in their round trip: the CSV's VDI cells must tell them
    // apart (a student's review: every row of a LAN and a satellite link read the same,
    // since an operation's latency there is the desktop VM's own), and a platform without
    // sessions leaves them empty.
    let text = vdi_platforms(
        &[("lan", "rtt_ms = 5"), ("far", "rtt_ms = 150")],
        OFFICE,
        4,
        1000,
    );
    let r = run(&text);
    let csv = sim_core::export_csv::to_csv(&r);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let cell = |platform: &str, name: &str| -> String {
        let row = rows.iter().find(|r| r[2] == platform).unwrap();
        row[col(name)].to_string()
    };
    for p in ["lan", "far"] {
        let v = platform(&r, p).vdi.as_ref().unwrap();
        assert_eq!(cell(p, "vdi_rtt_ms"), format!("{:.3}", v.rtt_ms));
        assert_eq!(
            cell(p, "vdi_input_to_display_p50_ms"),
            format!("{:.3}", v.latency_p50_ms)
        );
        assert_eq!(cell(p, "vdi_inputs"), v.inputs.to_string());
    }
    let p50 = |p: &str| {
        cell(p, "vdi_input_to_display_p50_ms")
            .parse::<f64>()
            .unwrap()
    };
    assert!(
        p50("far") > p50("lan") + 100.0,
        "{} {}",
        p50("lan"),
        p50("far")
    );
    for row in &rows {
        assert_eq!(row.len(), header.len(), "{row:?}");
        if row[3] == "native" {
            assert_eq!(row[col("vdi_rtt_ms")], "", "{row:?}");
        }
    }
}

#[test]
fn a_lossy_link_counts_its_lost_packets_and_the_updates_they_held_back() {
    // Each packet the server sends is lost with the link's probability (5 %): 40 typists
    // at 3 inputs a second for 10 s are about 1200 one-packet updates, between 2 and 8 % of them; a clean link loses none. Every lost
    // packet of an office user's update (text over TCP) is sent again, so some updates are
    // shown late for it, never more than were shown.
    let text = vdi_platforms(
        &[
            ("clean", "rtt_ms = 20"),
            ("lossy", "rtt_ms = 20\nloss_percent = 5"),
        ],
        "\n[[instance]]\nname = \"office\"\ncount = 40\nmemory_gib = 2\nworkload = \"desktop-office\"\n",
        8,
        10_000,
    );
    let r = run(&text);
    let clean = platform(&r, "clean").vdi.as_ref().unwrap();
    let lossy = platform(&r, "lossy").vdi.as_ref().unwrap();
    assert!(clean.packets_sent > 800, "{}", clean.packets_sent);
    assert_eq!(
        (clean.packets_lost, clean.updates_resent, clean.inputs_lost),
        (0, 0, 0)
    );
    let share = lossy.packets_lost as f64 / lossy.packets_sent as f64;
    assert!(
        (0.02..0.08).contains(&share),
        "{} of {}",
        lossy.packets_lost,
        lossy.packets_sent
    );
    assert!(lossy.updates_resent > 0 && lossy.updates_resent <= lossy.frames_delivered);
    assert!(lossy.inputs_lost > 0, "{}", lossy.inputs_lost);
}
