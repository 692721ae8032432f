//! Model properties: orderings that must emerge from the per-operation costs, checked on
//! small inline scenarios. Expected figures are worked out in the comments from the
//! default cost table (`sim-core/src/costs.rs`) and the paths of `sim-core/src/path/`.

use sim_core::results::{PlatformResult, RunResult};
use sim_core::workload::PRESET_NAMES;
use sim_core::{ExitReason, Op};
use virtsim_tests::{exits, op_count, platform, run, total_exits};

/// Host of 4 pCPUs at 3 GHz; `extra` goes into `[host]`.
fn header(name: &str, duration_ms: u64, extra: &str) -> String {
    format!("[scenario]\nname = \"{name}\"\nduration_ms = {duration_ms}\nseed = 17\n\n[host]\ncores = 4\n{extra}\n")
}

fn platform_toml(name: &str, kind: &str, rest: &str) -> String {
    format!("\n[[platform]]\nname = \"{name}\"\nkind = \"{kind}\"\n{rest}\n")
}

fn instance_toml(name: &str, count: u32, vcpus: u32, workload: &str, rest: &str) -> String {
    format!("\n[[instance]]\nname = \"{name}\"\ncount = {count}\nvcpus = {vcpus}\nmemory_gib = 1\nworkload = \"{workload}\"\n{rest}\n")
}

/// Every kind of virtualized platform the model has.
fn every_virtualized_platform() -> String {
    [
        ("container", "container", ""),
        (
            "container-host-volume",
            "container",
            "network = \"host\"\nstorage = \"volume\"",
        ),
        ("t1-bt", "type1", "technique = \"binary_translation\""),
        ("t1-hw", "type1", "technique = \"hardware_assist\""),
        ("t1-para", "type1", "technique = \"para\""),
        ("t1-hybrid", "type1", "technique = \"hybrid\""),
        (
            "t1-passthrough",
            "type1",
            "technique = \"hardware_assist\"\nio = \"passthrough\"",
        ),
        (
            "t1-dom0",
            "type1",
            "technique = \"para\"\ndriver_domain = true",
        ),
        (
            "t1-rr",
            "type1",
            "technique = \"hybrid\"\nscheduler = \"round_robin\"",
        ),
        ("t2-bt", "type2", "technique = \"binary_translation\""),
        ("t2-hw", "type2", "technique = \"hardware_assist\""),
        ("t2-hybrid", "type2", "technique = \"hybrid\""),
        (
            "t2-busy",
            "type2",
            "technique = \"hardware_assist\"\nhost_background_percent = 30",
        ),
    ]
    .iter()
    .map(|(name, kind, rest)| platform_toml(name, kind, rest))
    .collect()
}

fn rel(p: &PlatformResult) -> f64 {
    p.relative_performance_percent
}

fn figures(r: &RunResult) -> String {
    r.platforms
        .iter()
        .map(|p| format!("{}={:.2}%", p.name, rel(p)))
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------------------------------
// A hand-computed run.

/// One thread that does nothing but 4 KiB disk reads, on one pCPU, for 100 ms.
///
/// Native, per read (cycles at 3 GHz):
///   submit   = SYSCALL 121 + block layer 6000 + doorbell MMIO 400          =   6 521
///   device   = max(80 µs latency, 1/200 000 IOPS = 5 µs, 4096 B at 2 GB/s) = 240 000
///   complete = interrupt handler 1500 + block completion 3000 + SYSRET 121 =   4 621
///   (the system call's 242-cycle round trip, half on each side of the wait)
///   latency  = 251 142 cycles; one op per 251 142 + ~1 (compute burst of mean 1)
///   3e8 / 251 143 = 1194.5 and the 25 timer ticks (4 ms apart, 1500 each) take 37 500
///   cycles, far less than the 0.5 op left: 1194 reads complete.
///   A tick runs inside the thread's compute, before the read starts, so no read's
///   latency includes it: every read takes 251 142 cycles = 83.714 µs. Its histogram
///   bucket is [249 856, 251 904) (64 buckets per power of two, 2048 wide here), whose
///   midpoint, 250 880, lies below the smallest sample: p50 and p99 are kept between the
///   smallest and largest samples, so both report 251 142 cycles = 83.714 µs, the mean.
///
/// Type 1, hardware assist, emulated disk (exit round trip 784 + handler 2216 = 3000):
///   submit   = 121 + 6000 + 5 register traps x (3000 + device model 1500) + driver 6000
///            = 34 621, with 5 io_instruction exits
///   complete = host interrupt 1500 + the real driver's and block layer's completion
///              3000 + device model 1500 (it raises the guest's interrupt), then the
///              delivery to a halted vCPU (the thread blocked, so the vCPU halted): host
///              scheduler wake-up 6000 + guest handler 1500 + its status read (exit
///              3000 + model 1500) + EOI exit 3000; then block completion 3000 + SYSRET 121
///            = 24 121, with 1 apic_access and 1 io_instruction exit, and no
///              external-interrupt exit (a halted vCPU gets the interrupt at entry)
///   latency  = 298 742 cycles = 99.581 µs for every read (ticks run in the compute).
///   Each tick (exit 3000 + 1500 + EOI exit 3000 + handler 1500 + the re-arm's WRMSR exit
///   3000 = 12 000) runs in the thread's compute: (3e8 - 25 x 12 000) / 298 743 = 1003.2:
///   1003 reads complete,
///   84.00% of native. The 1004th read is submitted (5 more io_instruction exits) and
///   waits at the end; every read also halts the vCPU once (hlt exit).
#[test]
fn a_single_disk_reader_matches_the_hand_computation() {
    let text = header("disk-reader", 100, "").replace("cores = 4", "cores = 1")
        + &platform_toml("native", "native", "")
        + &platform_toml("hw", "type1", "technique = \"hardware_assist\"")
        + "\n[[workload]]\nname = \"reader\"\ncompute_cycles = 1\nmix = { disk_read = 1 }\n"
        + &instance_toml("app", 1, 1, "reader", "");
    let r = run(&text);

    let native = platform(&r, "native");
    let read = native.latency_of(Op::DiskRead).expect("reads");
    assert_eq!(native.ops, 1194, "{}", figures(&r));
    assert_eq!(read.count, 1194);
    assert!((read.p50_us - 251_142.0 / 3000.0).abs() < 1e-9, "{read:?}");
    assert!((read.p99_us - 251_142.0 / 3000.0).abs() < 1e-9, "{read:?}");
    assert!((read.mean_us - 251_142.0 / 3000.0).abs() < 1e-9, "{read:?}");
    let path = |p: &PlatformResult| {
        let op = p
            .paths
            .iter()
            .find(|x| x.op == Some(Op::DiskRead))
            .expect("disk path");
        let sum = |steps: &[sim_core::Step]| steps.iter().map(|s| s.cycles).sum::<u64>();
        (sum(&op.submit.steps), sum(&op.complete.steps))
    };
    assert_eq!(path(native), (6_521, 4_621));

    let hw = platform(&r, "hw");
    assert_eq!(path(hw), (34_621, 24_121));
    let read = hw.latency_of(Op::DiskRead).expect("reads");
    assert_eq!(hw.ops, 1003, "{}", figures(&r));
    assert!((read.p50_us - 298_742.0 / 3000.0).abs() < 1e-9, "{read:?}");
    assert!((read.max_us - 298_742.0 / 3000.0).abs() < 1e-9, "{read:?}");
    assert!((rel(hw) - 1003.0 * 100.0 / 1194.0).abs() < 1e-9);
    assert_eq!(exits(hw, ExitReason::IoInstruction), 6 * 1003 + 5);
    assert_eq!(exits(hw, ExitReason::Hlt), 1004);
    let ticks = exits(hw, ExitReason::ExternalInterrupt);
    assert!(
        (24..=26).contains(&ticks),
        "{ticks} timer ticks in 100 ms at 250 Hz, and no exit for the completions"
    );
    assert_eq!(exits(hw, ExitReason::ApicAccess), 1003 + ticks);
    assert_eq!(exits(hw, ExitReason::MsrWrite), ticks);
}

// ---------------------------------------------------------------------------------------
// No virtualized platform beats native.

/// Relative performance may exceed 100% only by this much (percentage points): the
/// platforms draw the same random streams as their baseline, and only add cycles. But
/// preemption at any cycle and cache refills make an overcommitted run's interleaving
/// chaotic: a few cycles more per operation reorder wake-ups, cuts and refills. Native's
/// own throughput in these runs moves by about ±1% from one seed to another (4 database
/// VMs x 2 vCPUs on 4 pCPUs, 40 ms: 13 114 to 13 356 operations over seeds 1-8), and a
/// platform that costs almost nothing over native moves as much around it: the container
/// with host network and a volume in the overcommitted mixed run below (CPU hogs beside a
/// web server, 200 ms) reads 98.0% to 101.1% of native over seeds 1-6 and 17 (mean 100.0%;
/// measured 2026-12-02 when the tie order of events at one cycle changed, and 98.0% to
/// 100.6% with the order before). So a platform within 1.5 points of native is within
/// that noise.
const TOLERANCE: f64 = 1.5;

/// Whether `ops` beats `baseline` by more than noise: the tolerance, plus one operation
/// per thread (an operation that completes just before the end on one platform and just
/// after it on the other).
fn beats(ops: u64, baseline_ops: u64, threads: u64) -> bool {
    ops as f64 > baseline_ops as f64 * (1.0 + TOLERANCE / 100.0) + threads as f64
}

/// Whether groups are compared one by one, or only the platform as a whole.
#[derive(Clone, Copy, PartialEq)]
enum Compare {
    PlatformAndGroups,
    /// Under overcommit with groups of different workloads, a scheduler may legitimately
    /// give one group more CPU than the native baseline did, at another group's expense;
    /// only the platform's work-weighted figure must stay at or below native.
    PlatformOnly,
}

fn assert_none_beats_native(instances: &str, label: &str, compare: Compare, duration_ms: u64) {
    let mut failures = Vec::new();
    for preset in PRESET_NAMES {
        let text = header(&format!("{label}-{preset}"), duration_ms, "memory_gib = 64")
            + &platform_toml("native", "native", "")
            + &every_virtualized_platform()
            + &instances.replace("WORKLOAD", preset);
        let r = run(&text);
        assert_eq!(rel(platform(&r, "native")), 100.0);
        let seconds = r.duration_ms as f64 / 1000.0;
        for p in &r.platforms {
            let threads: u64 = p
                .groups
                .iter()
                .map(|g| u64::from(g.count * g.threads))
                .sum();
            let baseline_ops = (p.baseline_throughput * seconds).round() as u64;
            // One operation per thread of slack, as a share of the baseline's operations.
            let slack = 100.0 * threads as f64 / baseline_ops.max(1) as f64;
            if rel(p) > 100.0 + TOLERANCE + slack {
                failures.push(format!(
                    "{label}, {preset}: {} at {:.3}% of native",
                    p.name,
                    rel(p)
                ));
            }
            if compare == Compare::PlatformOnly {
                continue;
            }
            for g in &p.groups {
                let baseline_ops = (g.baseline_throughput * seconds).round() as u64;
                if beats(g.ops, baseline_ops, u64::from(g.count * g.threads)) {
                    failures.push(format!(
                        "{label}, {preset}: {} group {} at {:.3}% of native",
                        p.name, g.name, g.relative_performance_percent
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_virtualized_platform_beats_native_without_overcommit() {
    // 2 VMs x 2 vCPUs on 4 pCPUs.
    assert_none_beats_native(
        &instance_toml("vm", 2, 2, "WORKLOAD", ""),
        "fit",
        Compare::PlatformAndGroups,
        40,
    );
}

#[test]
fn no_virtualized_platform_beats_native_with_overcommit() {
    // 4 VMs x 2 vCPUs (3 threads each) on 4 pCPUs: 2x overcommit, one workload.
    let instances = instance_toml("vm", 4, 2, "WORKLOAD", "threads = 3");
    assert_none_beats_native(&instances, "overcommit", Compare::PlatformAndGroups, 40);
}

/// With 2x overcommit and a second, I/O-bound group beside CPU hogs. Wake-up preemption
/// (CFS) and BOOST (credit) keep the I/O group's wake-up latency close to native, and
/// the baseline uses the platform's own scheduling policy, so the work-weighted figure
/// stays at or below native.
#[test]
fn no_virtualized_platform_beats_native_with_overcommit_and_mixed_groups() {
    // The same, plus a second group of a different (I/O and sleep) workload that has to
    // wait for a pCPU whenever it wakes up.
    let instances = instance_toml("vm", 4, 2, "WORKLOAD", "threads = 3")
        + &instance_toml("side", 1, 2, "web-server", "");
    // 200 ms rather than 40: with CPU hogs beside a group that wakes often, which hog a
    // wake-up preempts depends on cycle-exact timing, and over 40 ms (fewer than two 24 ms
    // slices per vCPU) one slice more or less for a group moves its share by about 10%
    // from one seed to another, natively as much as virtualized.
    assert_none_beats_native(&instances, "overcommit+mixed", Compare::PlatformOnly, 200);
}

/// The CPU-time breakdown is a partition of pCPU capacity: its shares add up to 100%
/// (idle is what the others leave), so no share, and no sum, may exceed it.
#[test]
fn cpu_shares_add_up_to_100_percent() {
    let mut failures = Vec::new();
    for preset in PRESET_NAMES {
        for (count, vcpus) in [(2, 2), (6, 2)] {
            let text = header(&format!("shares-{preset}"), 20, "memory_gib = 64")
                + &platform_toml("native", "native", "")
                + &every_virtualized_platform()
                + &instance_toml("vm", count, vcpus, preset, "");
            let r = run(&text);
            for p in &r.platforms {
                let c = &p.cpu;
                let busy =
                    c.guest_user + c.guest_kernel + c.hypervisor + c.device_emulation + c.host_os;
                if (busy + c.idle - 100.0).abs() > 1e-6 || busy > 100.0 + 1e-6 {
                    failures.push(format!(
                        "{preset}, {count}x{vcpus} vCPUs on 4 pCPUs, {}: busy {busy:.3}% + idle {:.3}%",
                        p.name, c.idle
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} platform runs:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn container_is_close_to_native_on_cpu_bound_work() {
    // cpu-bound: 2 000 000-cycle bursts between rare system calls; the container adds
    // 20 cycles of cgroup accounting per call and nothing else: well above 97%.
    let text = header("cpu", 200, "")
        + &platform_toml("native", "native", "")
        + &platform_toml("container", "container", "")
        + &platform_toml(
            "container-host",
            "container",
            "network = \"host\"\nstorage = \"volume\"",
        )
        + &instance_toml("app", 4, 1, "cpu-bound", "");
    let r = run(&text);
    for name in ["container", "container-host"] {
        let p = platform(&r, name);
        assert!(
            rel(p) >= 97.0 && rel(p) <= 100.0 + TOLERANCE,
            "{}",
            figures(&r)
        );
        assert_eq!(
            total_exits(p),
            0,
            "containers have no hypervisor to exit to"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Overcommit and steal.

/// N single-vCPU VMs of cpu-bound work on 4 pCPUs: always runnable, so with a fair share
/// each vCPU runs 4/N of the time and waits (steal) 1 - 4/N: 0% for N <= 4, 50% for 8,
/// 75% for 16. Slices and switch costs move this by well under 2 points.
#[test]
fn more_overcommit_gives_more_steal() {
    for (kind, technique, scheduler) in [
        ("type1", "hardware_assist", "credit"),
        ("type1", "para", "round_robin"),
        ("type2", "hardware_assist", "fair"),
        ("container", "", "fair"),
    ] {
        let mut text = header("overcommit", 300, "memory_gib = 64");
        let counts = [2u32, 4, 6, 8, 16];
        for n in counts {
            let rest = if technique.is_empty() {
                format!("scheduler = \"{scheduler}\"")
            } else {
                format!("technique = \"{technique}\"\nscheduler = \"{scheduler}\"")
            };
            text += &platform_toml(&format!("x{n}"), kind, &rest);
            text += &instance_toml(
                &format!("g{n}"),
                n,
                1,
                "cpu-bound",
                &format!("platforms = [\"x{n}\"]"),
            );
        }
        let r = run(&text);
        let mut last = -1.0;
        for n in counts {
            let p = platform(&r, &format!("x{n}"));
            let expected = if n <= 4 {
                0.0
            } else {
                100.0 * (1.0 - 4.0 / f64::from(n))
            };
            assert!(
                (p.steal_percent - expected).abs() <= 2.0,
                "{kind}/{scheduler}: {n} vCPUs on 4 pCPUs: steal {:.2}%, expected {expected:.1}%",
                p.steal_percent
            );
            assert!(
                p.steal_percent >= last,
                "{kind}/{scheduler}: steal fell at {n} vCPUs"
            );
            last = p.steal_percent;
        }
    }
}

// ---------------------------------------------------------------------------------------
// Paravirtual notifications.

/// One instance with one vCPU whose `threads` threads do random disk I/O (each thread
/// keeps one request in flight, so `threads` is the queue depth), on two pCPUs.
/// Hybrid without enlightenments: the test below counts completion interrupts by their
/// EOI exits, which a guest with PV EOI does not take.
const HYBRID_WITHOUT_PV_EOI: &str = "technique = \"hybrid\"\nenlightenments = []";

fn depth_run(threads: u32) -> RunResult {
    let text = header(&format!("depth-{threads}"), 100, "").replace("cores = 4", "cores = 2")
        + &platform_toml("t2-hybrid", "type2", HYBRID_WITHOUT_PV_EOI)
        + &platform_toml(
            "dd-hybrid",
            "type1",
            &format!("{HYBRID_WITHOUT_PV_EOI}\ndriver_domain = true"),
        )
        + &platform_toml("t1-hybrid", "type1", HYBRID_WITHOUT_PV_EOI)
        + &instance_toml(
            "db",
            1,
            1,
            "disk-random-4k",
            &format!("threads = {threads}"),
        );
    run(&text)
}

/// virtio notification suppression (OASIS VIRTIO 1.1): a guest kicks only when the back
/// end asked for it, and the back end interrupts only when the guest is not already going
/// to read the ring. The only io_instruction exits of a hybrid guest are kicks (with a
/// driver domain its only hypercall exits: Xen's event-channel notify), and
/// without APICv every interrupt ends in one apic_access (EOI) exit; the only other
/// apic_access exits are timer ticks (also counted as external_interrupt exits).
///
/// At depth 1 nothing can be batched: one kick per request and one interrupt per
/// completion, whatever runs the back end (at most the one request in flight at the end
/// is submitted but not completed). At depth 16 the requests queue up: a back end that is
/// a scheduled thread (type 2's VMM I/O thread, Xen's driver domain) is still busy with
/// earlier requests when new ones arrive, so most requests need no kick, and the guest is
/// nearly always processing completions, so most need no interrupt. An inline back end
/// in the hypervisor drains the ring at once and is kicked for every request.
#[test]
fn pv_rings_batch_only_when_requests_queue() {
    let shallow = depth_run(1);
    let deep = depth_run(16);
    let requests = |p: &PlatformResult| op_count(p, Op::DiskRead) + op_count(p, Op::DiskWrite);
    let kicks_of = |p: &PlatformResult, name: &str| {
        exits(
            p,
            if name == "dd-hybrid" {
                ExitReason::Hypercall
            } else {
                ExitReason::IoInstruction
            },
        )
    };
    for name in ["t2-hybrid", "dd-hybrid", "t1-hybrid"] {
        let p = platform(&shallow, name);
        let (disk, kicks) = (requests(p), kicks_of(p, name));
        assert!(
            (disk..=disk + 1).contains(&kicks),
            "{name}, depth 1: {kicks} kicks for {disk} requests"
        );
        let eoi = exits(p, ExitReason::ApicAccess) - exits(p, ExitReason::ExternalInterrupt);
        assert!(
            (disk..=disk + 1).contains(&eoi),
            "{name}, depth 1: {eoi} completion interrupts for {disk} requests"
        );
    }
    let per_request = |p: &PlatformResult| total_exits(p) as f64 / requests(p) as f64;
    for name in ["t2-hybrid", "dd-hybrid"] {
        let (a, b) = (platform(&shallow, name), platform(&deep, name));
        let kicks = kicks_of(b, name) as f64 / requests(b) as f64;
        assert!(
            kicks < 0.5,
            "{name}, depth 16: {kicks:.2} kicks per request"
        );
        assert!(
            per_request(b) < 0.5 * per_request(a),
            "{name}: {:.2} exits per request at depth 16 vs {:.2} at depth 1",
            per_request(b),
            per_request(a)
        );
    }
    let inline = platform(&deep, "t1-hybrid");
    assert!(exits(inline, ExitReason::IoInstruction) >= requests(inline));
}

// ---------------------------------------------------------------------------------------
// Techniques.

/// syscall-heavy (80% system calls, 12% page-table updates, 6% page faults, 1% INVLPG,
/// 1% RDTSC, 2000-cycle bursts). Per operation beyond native:
///   BT:          syscall +2066 (2308 translated vs 242), pte +390, fault +2834,
///                invlpg -115 (35 translated vs 150), rdtsc 0
///   HW with EPT: syscall +0, pte +0, fault +215 (the 2-D walk's extra: 290 vs 75 with
///                the page-walk cache), invlpg and rdtsc +0 (no exit with EPT and TSC
///                offsetting)
/// Weighted: BT about +1870 cycles per op, HW about +13, so BT is clearly slower.
#[test]
fn binary_translation_slows_syscall_heavy_work_more_than_hardware_assist() {
    let text = header("syscalls", 100, "ept = true")
        + &platform_toml("bt", "type1", "technique = \"binary_translation\"")
        + &platform_toml("hw", "type1", "technique = \"hardware_assist\"")
        + &platform_toml("t2-bt", "type2", "technique = \"binary_translation\"")
        + &platform_toml("t2-hw", "type2", "technique = \"hardware_assist\"")
        + &instance_toml("app", 2, 2, "syscall-heavy", "");
    let r = run(&text);
    let (bt, hw) = (platform(&r, "bt"), platform(&r, "hw"));
    assert!(rel(bt) + 5.0 < rel(hw), "{}", figures(&r));
    assert!(
        rel(platform(&r, "t2-bt")) < rel(platform(&r, "t2-hw")),
        "{}",
        figures(&r)
    );
    let syscall = |p: &PlatformResult| p.latency_of(Op::Syscall).expect("syscalls").mean_us;
    assert!(
        syscall(bt) > 2.0 * syscall(hw),
        "{} vs {}",
        syscall(bt),
        syscall(hw)
    );
}

/// A page-table-heavy mix on a host without EPT. Per operation:
///   HW (shadow):  pte write exit 784 + 2216 + 8770 = 11 770; fault exit + 7279 + 1093
///   BT (shadow):  pte 391, fault 3927 (no exits: the translator handles them)
///   para:         pte 1 + 150 validation + a hypercall per 32; fault: bounce 500 +
///                 handler without its IRET 972 + iret hypercall 542
///   HW with EPT:  pte 1, fault 396 + 1093, TLB miss 516 instead of 120
/// so hardware assist without nested paging is by far the slowest.
#[test]
fn hardware_assist_without_ept_is_slowest_on_page_table_heavy_work() {
    let workloads = "\n[[workload]]\nname = \"pt-heavy\"\ncompute_cycles = 3000\nmix = { page_table_update = 50, page_fault = 20, tlb_miss = 30 }\n";
    // Only page-table-heavy mixes: on syscall-heavy (80% system calls) binary translation's
    // 2066 extra cycles per call dominate, and BT and shadow-paging hardware assist come
    // out close (about 61% vs 63%), which is not the claim tested here.
    for workload in ["pt-heavy", "memory-tlb"] {
        let platforms = |ept: bool| {
            header("paging", 60, &format!("ept = {ept}"))
                + &platform_toml("native", "native", "")
                + &platform_toml("bt", "type1", "technique = \"binary_translation\"")
                + &platform_toml("hw", "type1", "technique = \"hardware_assist\"")
                + &platform_toml("para", "type1", "technique = \"para\"")
                + &platform_toml("hybrid", "type1", "technique = \"hybrid\"")
                + &platform_toml("container", "container", "")
                + workloads
                + &instance_toml("app", 2, 2, workload, "")
        };
        let without = run(&platforms(false));
        let with = run(&platforms(true));
        let hw_shadow = rel(platform(&without, "hw"));
        for (r, name) in [
            (&without, "bt"),
            (&without, "para"),
            (&without, "container"),
            (&with, "hw"),
            (&with, "bt"),
            (&with, "para"),
        ] {
            assert!(
                hw_shadow < rel(platform(r, name)),
                "{workload}: hw without EPT {hw_shadow:.2}% vs {name} {:.2}%\nwithout EPT: {}\nwith EPT: {}",
                rel(platform(r, name)),
                figures(&without),
                figures(&with)
            );
        }
        // Hybrid differs from hardware assist in its I/O drivers and its enlightenments, and
        // these mixes do no I/O: both use shadow paging here and do the same work, but for
        // the timer tick's EOI, a PV EOI under hybrid and an apic_access exit under hardware
        // assist (this host has no APICv): hybrid takes none, and completes at least as
        // many operations.
        let (hybrid, hw) = (platform(&without, "hybrid"), platform(&without, "hw"));
        assert_eq!(exits(hybrid, ExitReason::ApicAccess), 0);
        assert_eq!(
            exits(hw, ExitReason::ApicAccess),
            exits(hw, ExitReason::ExternalInterrupt)
        );
        assert!(hybrid.ops >= hw.ops, "{}", figures(&without));
        assert_eq!(
            platform(&without, "hw").memory,
            sim_core::platform::MemoryVirtualization::Shadow
        );
    }
}

// ---------------------------------------------------------------------------------------
// I/O paths.

fn io_run(workload: &str) -> RunResult {
    let text = header(&format!("io-{workload}"), 100, "")
        + &platform_toml("native", "native", "")
        + &platform_toml("t1-emulated", "type1", "technique = \"hardware_assist\"")
        + &platform_toml("t1-pv", "type1", "technique = \"hybrid\"")
        + &platform_toml("t1-para", "type1", "technique = \"para\"")
        + &platform_toml(
            "t1-para-inline",
            "type1",
            "technique = \"para\"\nbackend = \"hypervisor\"",
        )
        + &platform_toml(
            "t1-bt-emulated",
            "type1",
            "technique = \"binary_translation\"",
        )
        + &platform_toml("t2-emulated", "type2", "technique = \"hardware_assist\"")
        + &platform_toml("t2-pv", "type2", "technique = \"hybrid\"")
        + &instance_toml("app", 2, 2, workload, "");
    run(&text)
}

fn io_op(workload: &str) -> Op {
    match workload {
        "disk-random-4k" | "database" => Op::DiskRead,
        _ => Op::NetReceive,
    }
}

fn mean_latency(p: &PlatformResult, op: Op) -> f64 {
    p.latency_of(op)
        .unwrap_or_else(|| panic!("{}: no {}", p.name, op.name()))
        .mean_us
}

/// An emulated disk request costs 5 register traps (each an exit plus the device model)
/// and an interrupt with a status read; a PV request costs a ring entry, a back end and a
/// notification when the back end is idle. With the back end in the same place (inline in
/// the hypervisor on type 1, the VMM's thread on type 2), PV wins on every I/O mix.
#[test]
fn paravirtual_io_beats_emulated_io() {
    for workload in ["disk-random-4k", "network-rr", "database"] {
        let r = io_run(workload);
        let op = io_op(workload);
        for (emulated, pv) in [
            ("t1-emulated", "t1-pv"),
            ("t1-bt-emulated", "t1-para-inline"),
            ("t2-emulated", "t2-pv"),
        ] {
            let (e, p) = (platform(&r, emulated), platform(&r, pv));
            assert!(
                rel(p) > rel(e),
                "{workload}: {pv} vs {emulated}: {}",
                figures(&r)
            );
            assert!(
                mean_latency(p, op) < mean_latency(e, op),
                "{workload}: {} mean latency {pv} {:.2} µs vs {emulated} {:.2} µs",
                op.name(),
                mean_latency(p, op),
                mean_latency(e, op)
            );
            // Binary translation handles device registers in translated code without
            // hardware exits, so exits only compare between hardware-assisted pairs.
            if emulated != "t1-bt-emulated" {
                assert!(
                    total_exits(p) < total_exits(e),
                    "{workload}: {pv} exits more than {emulated}"
                );
            }
        }
        // The default para platform is Xen's: its back ends run on dom0's vCPU, which the
        // guest's event-channel kick wakes (6000) and Xen enters with an upcall (300 for
        // a kicked request), and which takes each completion as a forwarded event (an
        // upcall and its own handler) before it notifies the guest by a hypercall; its
        // vCPU is switched to (4000) when the pCPU last ran another. On this quiet host
        // every blocking request pays that twice: the same guest and back-end work as
        // inline, and more latency.
        let (dom0, inline) = (platform(&r, "t1-para"), platform(&r, "t1-para-inline"));
        assert!(
            mean_latency(dom0, op) > mean_latency(inline, op),
            "{workload}: {} mean latency dom0 {:.2} µs vs inline {:.2} µs",
            op.name(),
            mean_latency(dom0, op),
            mean_latency(inline, op)
        );
    }
}

/// Type 2 puts the host OS in the I/O path: every emulated register access is a world
/// switch to the host and back (2 x 5000) plus a host context switch (2000), and the back
/// end makes a host system call. Disk latency and throughput must both be worse.
#[test]
fn type2_pays_more_than_type1_for_disk_io() {
    for workload in ["disk-random-4k", "database"] {
        let r = io_run(workload);
        for (t1, t2) in [("t1-emulated", "t2-emulated"), ("t1-pv", "t2-pv")] {
            let (a, b) = (platform(&r, t1), platform(&r, t2));
            assert!(rel(b) < rel(a), "{workload}: {}", figures(&r));
            assert!(
                mean_latency(b, Op::DiskRead) > mean_latency(a, Op::DiskRead),
                "{workload}: disk_read {t2} {:.2} µs vs {t1} {:.2} µs",
                mean_latency(b, Op::DiskRead),
                mean_latency(a, Op::DiskRead)
            );
            assert!(b.cpu.host_os > 0.0 && a.cpu.host_os == 0.0);
        }
    }
}

/// A consolidation sweep: as copies of a busy web server are added to a 4-core host, p99
/// latency cannot fall (more instances queue for the same cores), and containers, whose
/// operations take no exits or device emulation, meet a latency target with at least as
/// many copies as VMs with emulated I/O under the same (fair-share) scheduler. (Under credit,
/// BOOST lets a woken vCPU preempt at once, and the schedulers, not virtualization, decide.)
#[test]
fn consolidation_sweep_latency_grows_and_containers_pack_denser() {
    let text = header("sweep", 60, "memory_gib = 64")
        + &platform_toml(
            "vm",
            "type1",
            "technique = \"hardware_assist\"\nscheduler = \"fair\"",
        )
        + &platform_toml("ctr", "container", "network = \"host\"")
        + r#"
[[workload]]
name = "busy-web"
base = "network-rr"
compute_cycles = 60000

[[instance]]
name = "web"
memory_gib = 1
workload = "busy-web"

[sweep]
instance = "web"
counts = [1, 2, 4, 6, 8, 12, 16]
op = "net_receive"
p99_target_us = 150
"#;
    let r = run(&text);
    let sweep = r.sweep.as_ref().expect("sweep result");
    assert_eq!(sweep.curves.len(), 2);
    for curve in &sweep.curves {
        assert_eq!(curve.points.len(), 7);
        let first = &curve.points[0];
        let last = curve.points.last().expect("points");
        // One copy on four cores never waits for a core; sixteen copies must.
        assert!(
            last.p99_us > 2.0 * first.p99_us,
            "{}: {} -> {}",
            curve.platform,
            first.p99_us,
            last.p99_us
        );
        assert!(last.steal_percent > first.steal_percent);
        // Throughput of the group grows until the cores saturate, never shrinks by much.
        assert!(last.throughput > first.throughput);
    }
    let density = |name: &str| {
        let curve = sweep
            .curves
            .iter()
            .find(|c| c.platform == name)
            .expect("curve");
        curve.density_at_target.unwrap_or(0)
    };
    assert!(
        density("ctr") >= density("vm"),
        "ctr {} vm {}",
        density("ctr"),
        density("vm")
    );
    assert!(density("ctr") >= 1);
    assert_eq!(platform(&r, "ctr").sweep_density, Some(density("ctr")));
}

#[test]
fn lock_holder_preemption_collapses_throughput_and_ple_and_pv_spinlocks_recover_it() {
    // A 4-vCPU guest beside 5 single-vCPU CPU hogs on 4 pCPUs (9 vCPUs: 2.25x
    // overcommit, credit scheduler with 10 ms slices, 0.5 s). Its workload takes the guest kernel's
    // spinlock before 60% of its operations and holds it 6000 cycles; bursts average
    // 20 000 cycles, so each vCPU spends about 15% of its time holding the lock and the
    // lock is busy about 60% of the time.
    //
    // Natively (the baseline) the kernel never preempts a lock holder (it defers the
    // preemption to the unlock), so waits stay a few thousand cycles. In a VM the
    // hypervisor does not know: about one slice end in seven falls inside a critical
    // section, and then the holder's vCPU waits for a pCPU for a slice or two while
    // the other vCPUs of its VM, which run, reach the lock within a few operations and
    // spin for the rest of their slices (and may be preempted in the queue themselves,
    // so that the lock is handed to a vCPU that does not run). Without locks the same
    // guest stays near native (only the trap costs of its syscalls differ: within 5%);
    // with them it must fall to 70% of native or below (about 60% at this seed, 40-65%
    // at others).
    //
    // Pause-loop exiting turns each spin of more than 4096 cycles into an exit and, under
    // credit (Xen), an undirected yield: the spinner goes behind the vCPUs of its
    // priority and one below, so the next in line runs (the holder, or a hog). PV
    // spinlocks halt a waiter after about 110 µs of spinning and let the releaser kick
    // it. Both stop burning whole slices, so each must win back at least 10 points of
    // the loss (here PLE about 69%, PV about 71% of native). Neither wins all of it: PLE
    // gives slices to the hogs, and the kicked PV waiter is BOOSTed onto the pCPU it
    // halted on, where the vCPU running is often the releaser itself (it took that pCPU
    // when the waiter halted), which the wake-up preempts; credit's wake-up preemption
    // looks only at the woken vCPU's own pCPU.
    let locky = "\n[[workload]]\nname = \"locky\"\nbase = \"syscall-heavy\"\ncompute_cycles = 20000\nlock_percent = 60\nlock_hold_cycles = 6000\n[[workload]]\nname = \"nolock\"\nbase = \"syscall-heavy\"\ncompute_cycles = 20000\n";
    let mut text = header("locks", 500, "") + locky;
    for (name, rest) in [
        ("hw", "technique = \"hardware_assist\"\nple = false"),
        ("hw-ple", "technique = \"hardware_assist\""),
        ("hybrid-pv", "technique = \"hybrid\"\nple = false"),
        ("hw-nolock", "technique = \"hardware_assist\"\nple = false"),
    ] {
        text += &platform_toml(name, "type1", &format!("{rest}\ntime_slice_ms = 10"));
    }
    text += &instance_toml(
        "db",
        1,
        4,
        "locky",
        "platforms = [\"hw\", \"hw-ple\", \"hybrid-pv\"]",
    );
    text += &instance_toml("db-nolock", 1, 4, "nolock", "platforms = [\"hw-nolock\"]");
    text += &instance_toml("hog", 5, 1, "cpu-bound", "");
    let r = run(&text);
    let db = |name: &str| {
        platform(&r, name)
            .groups
            .iter()
            .find(|g| g.name.starts_with("db"))
            .expect("db group")
            .relative_performance_percent
    };
    let (hw, ple, pv, nolock) = (db("hw"), db("hw-ple"), db("hybrid-pv"), db("hw-nolock"));
    eprintln!("vs native: no locks {nolock:.1}%, locks {hw:.1}%, PLE {ple:.1}%, PV {pv:.1}%");
    assert!(nolock >= 95.0, "without locks: {nolock}");
    assert!(hw <= 70.0, "lock-holder preemption: {hw}");
    assert!(ple >= hw + 10.0, "PLE: {ple} vs {hw}");
    assert!(pv >= hw + 10.0, "PV spinlocks: {pv} vs {hw}");
    // The mechanisms show in the exits: PAUSE-loop exits only with PLE; PV halts
    // (HLT exits of waiters) and kicks (hypercalls) only with PV spinlocks.
    assert_eq!(exits(platform(&r, "hw"), ExitReason::PauseLoop), 0);
    assert!(exits(platform(&r, "hw-ple"), ExitReason::PauseLoop) > 0);
    assert_eq!(exits(platform(&r, "hybrid-pv"), ExitReason::PauseLoop), 0);
    // The workload does no I/O, so hybrid's only hypercalls are kicks.
    assert!(exits(platform(&r, "hybrid-pv"), ExitReason::Hypercall) > 0);
    assert_eq!(exits(platform(&r, "hw"), ExitReason::Hypercall), 0);
}

#[test]
fn a_pause_loop_exit_yields_to_anyone_under_xen_and_to_the_same_vm_under_kvm() {
    // lock-holder-preemption's overcommitted hw-ple platform: a 4-vCPU VM whose waiters
    // take PAUSE-loop exits beside five 1-vCPU CPU hogs. Xen (credit) answers an exit
    // with an undirected yield that puts the spinner behind a lower-priority vCPU too, so
    // the hogs run more than beside the native VM (about 124%: the spinners hand them
    // slices). KVM (fair) yields to a preempted vCPU of the spinner's own VM, which gets
    // a slice of its own: the hogs run as they would natively (about 101%).
    let text = std::fs::read_to_string(
        virtsim_tests::workspace_root().join("scenarios/lock-holder-preemption.toml"),
    )
    .expect("library scenario");
    let hogs = |text: &str| {
        let r = run(text);
        platform(&r, "hw-ple")
            .groups
            .iter()
            .find(|g| g.name == "hog")
            .expect("hog group")
            .relative_performance_percent
    };
    let xen = hogs(&text);
    let kvm = hogs(&text.replace(
        "technique = \"hardware_assist\"\n",
        "technique = \"hardware_assist\"\nscheduler = \"fair\"\n",
    ));
    assert!(xen > 115.0, "credit: hogs at {xen}% of native");
    assert!(kvm < 105.0, "fair: hogs at {kvm}% of native");
}
