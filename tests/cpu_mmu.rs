//! CPU and MMU virtualization as the hardware does it (issue 8): instruction classes by
//! CPU feature, the TLB flush without VPID, and the hidden page faults of shadow paging,
//! checked on small inline scenarios. Figures come from the default cost table
//! (`sim-core/src/costs.rs`) and the paths of `sim-core/src/path/`.

use sim_core::{ExitReason, Op};
use virtsim_tests::{exits, op_count, platform, run};

fn scenario(host: &str, platforms: &str, workload: &str, instance: &str) -> String {
    format!(
        "[scenario]\nname = \"cpu-mmu\"\nduration_ms = 10\nseed = 3\n\n[host]\ncores = 2\n{host}\n\
         {platforms}\n[[workload]]\nname = \"w\"\n{workload}\n\n[[instance]]\nname = \"vm\"\n\
         platforms = [\"a\", \"b\"]\nmemory_gib = 1\nworkload = \"w\"\n{instance}\n"
    )
}

fn two(a: &str, b: &str) -> String {
    format!("\n[[platform]]\nname = \"a\"\nkind = \"type1\"\n{a}\n\n[[platform]]\nname = \"b\"\nkind = \"type1\"\n{b}\n")
}

#[test]
fn cr8_writes_under_vt_exit_only_without_a_tpr_shadow() {
    // One file per host setting (the TPR shadow belongs to the host).
    let platforms = two(
        "technique = \"hardware_assist\"",
        "technique = \"binary_translation\"",
    );
    let workload = "compute_cycles = 2000\nmix = { cr8_write = 1 }";
    let with = run(&scenario("", &platforms, workload, "vcpus = 1"));
    let without = run(&scenario(
        "tpr_shadow = false",
        &platforms,
        workload,
        "vcpus = 1",
    ));
    let hw = platform(&with, "a");
    let writes = op_count(hw, Op::Cr8Write);
    // About 10 ms x 3e9 / (2000 + 177) = 13 800 writes; none exits.
    assert!(writes > 10_000, "{writes}");
    assert_eq!(exits(hw, ExitReason::CrAccess), 0);
    // Without the shadow, every write is a control-register exit (3000 cycles with its
    // handler on Sandy Bridge): far fewer writes, each with its exit.
    let hw_off = platform(&without, "a");
    let writes_off = op_count(hw_off, Op::Cr8Write);
    assert!(writes_off * 2 < writes, "{writes_off} vs {writes}");
    assert!(exits(hw_off, ExitReason::CrAccess) >= writes_off);
    // Binary translation never used the hardware's shadow: the same either way.
    assert_eq!(
        op_count(platform(&with, "b"), Op::Cr8Write),
        op_count(platform(&without, "b"), Op::Cr8Write)
    );
}

#[test]
fn an_exit_without_vpid_costs_the_refill_of_the_flushed_tlb() {
    // Nehalem with and without VPID, EPT off (shadow walks): a CPUID exit costs
    // 1009 + 2216 = 3225 cycles with VPID. Without, the flush costs walks of 75 cycles
    // (half of each walk in the page-walk cache) for the pages the guest touched since
    // the previous exit, a new page every 4 x 1000 cycles. Every operation exits, so the
    // guest's mean run between exits is its burst, shortened a little by the exits of its
    // timer ticks (one per 12 M cycles of compute at 3 GHz): 20 000-cycle bursts run
    // 20 000 x 12e6 / (12e6 + 20 000) = 19 966 cycles, 5 walks (375 cycles); 4 M-cycle
    // bursts 3 M cycles, 750 pages, more than the 512 TLB entries, so 512 walks (38 400
    // cycles): a full TLB, as the working set (128 MiB, 32 768 pages) is larger.
    let platforms = two(
        "technique = \"hardware_assist\"",
        "technique = \"hardware_assist\"\nio = \"paravirtual\"",
    );
    let mean = |host: &str, compute: u64| {
        let workload = format!("compute_cycles = {compute}\nmix = {{ cpuid = 1 }}");
        let r = run(&scenario(host, &platforms, &workload, "vcpus = 1"));
        platform(&r, "a")
            .latency_of(Op::Cpuid)
            .expect("cpuid")
            .mean_us
    };
    let with = mean("cpu = \"nehalem\"\nept = false", 20_000);
    let without = |compute| mean("cpu = \"nehalem\"\nept = false\nvpid = false", compute);
    assert!((with - 3225.0 / 3000.0).abs() < 1e-6, "{with}");
    let short = without(20_000);
    assert!((short - (3225.0 + 375.0) / 3000.0).abs() < 1e-6, "{short}");
    let long = without(4_000_000);
    assert!((long - (3225.0 + 38_400.0) / 3000.0).abs() < 1e-6, "{long}");
}

#[test]
fn without_vpid_exits_cost_less_generation_by_generation() {
    // A CPUID loop (1000-cycle bursts) on one vCPU, hardware assist: each exit's round
    // trip falls from Prescott to Nehalem, and the refill after it is the same page or
    // two whatever the TLB's size (Merom's 256 entries are not all refilled after a
    // 1000-cycle run), so the exit gets cheaper with each generation (the instructor's
    // case: Merom read twice Prescott's cost when the whole TLB was refilled).
    let platforms = two(
        "technique = \"hardware_assist\"",
        "technique = \"hardware_assist\"\nio = \"paravirtual\"",
    );
    let workload = "compute_cycles = 1000\nmix = { cpuid = 1 }";
    let mean = |cpu: &str| {
        let r = run(&scenario(
            &format!("cpu = \"{cpu}\""),
            &platforms,
            workload,
            "vcpus = 1",
        ));
        platform(&r, "a")
            .latency_of(Op::Cpuid)
            .expect("cpuid")
            .mean_us
    };
    let means: Vec<f64> = ["prescott", "merom", "penryn", "nehalem"]
        .into_iter()
        .map(mean)
        .collect();
    assert!(means.windows(2).all(|w| w[1] < w[0]), "{means:?}");
}

#[test]
fn hidden_shadow_faults_rise_with_address_space_switches() {
    // A VM of 1 vCPU whose threads block on short sleeps: the vCPU switches threads
    // (address spaces) after nearly every operation. With 2 threads both shadow roots
    // stay cached (4 roots): no hidden faults. With 8 threads most switches find the
    // root gone, and the next compute refills shadow entries through hidden faults.
    // Under EPT there are no shadow tables at all.
    let platforms = two(
        "technique = \"hardware_assist\"",
        "technique = \"binary_translation\"",
    );
    let workload = "compute_cycles = 40000\nthink_time_us = 20\nmix = { sleep = 1 }";
    let hidden = |threads: u32, host: &str| {
        let r = run(&scenario(
            host,
            &platforms,
            workload,
            &format!("vcpus = 1\nthreads = {threads}"),
        ));
        let a = platform(&r, "a");
        let b = platform(&r, "b");
        (
            exits(a, ExitReason::HiddenPageFault),
            exits(b, ExitReason::HiddenPageFault),
            op_count(a, Op::Sleep),
        )
    };
    // Each sleep blocks its thread, so the vCPU switches to another: about one switch
    // per sleep.
    let (hw2, bt2, sleeps2) = hidden(2, "ept = false");
    let (hw8, bt8, sleeps8) = hidden(8, "ept = false");
    let (ept8, _, _) = hidden(8, "");
    assert!(sleeps2 > 50 && sleeps8 > 50, "{sleeps2} {sleeps8}");
    assert_eq!((hw2, bt2), (0, 0));
    // 40 000 cycles of compute touch 10 pages: about 10 hidden faults per missed switch
    // (at least 2 per sleep, leaving room for the switches that hit the root cache).
    assert!(hw8 > 2 * sleeps8, "{hw8} faults, {sleeps8} sleeps");
    assert!(bt8 > 2 * sleeps8, "{bt8} faults, {sleeps8} sleeps");
    assert_eq!(ept8, 0);
}

#[test]
fn threads_of_one_process_switch_without_a_cr3_load_or_hidden_faults() {
    // The 8-thread sleeper above under shadow paging (hardware assist and binary
    // translation), once as 8 processes and once as 8 threads of one process. Between
    // processes each switch loads CR3 (a cr_access exit under VT) and most find their
    // shadow root evicted (hidden faults); between threads of one process Linux keeps
    // the page tables (`switch_mm_irqs_off` returns early for the same mm): no CR3 load,
    // no shadow switch, no hidden fault.
    let platforms = two(
        "technique = \"hardware_assist\"",
        "technique = \"binary_translation\"",
    );
    let run_with = |shared: bool| {
        let workload = format!(
            "compute_cycles = 40000\nthink_time_us = 20\nmix = {{ sleep = 1 }}\nshared_address_space = {shared}"
        );
        let r = run(&scenario(
            "ept = false",
            &platforms,
            &workload,
            "vcpus = 1\nthreads = 8",
        ));
        let (a, b) = (platform(&r, "a"), platform(&r, "b"));
        (
            exits(a, ExitReason::CrAccess),
            exits(a, ExitReason::HiddenPageFault),
            exits(b, ExitReason::HiddenPageFault),
            op_count(a, Op::Sleep),
        )
    };
    let (cr3, hw_hidden, bt_hidden, sleeps) = run_with(false);
    assert!(
        sleeps > 50 && cr3 > sleeps / 2,
        "{cr3} CR3 exits, {sleeps} sleeps"
    );
    assert!(hw_hidden > 0 && bt_hidden > 0, "{hw_hidden} {bt_hidden}");
    let (cr3, hw_hidden, bt_hidden, sleeps) = run_with(true);
    assert!(sleeps > 50, "{sleeps}");
    assert_eq!((cr3, hw_hidden, bt_hidden), (0, 0, 0));
}

#[test]
fn a_shootdown_asks_other_cpus_only_among_threads_of_one_process() {
    // 2 vCPUs on 2 pCPUs running 2 threads that unmap memory after every fourth system
    // call: as threads of one process (the default for a mix with tlb_shootdown) each
    // shootdown IPIs the other vCPU and waits for its acknowledgement; as
    // processes of their own no other CPU runs the address space: a local flush only.
    let platforms = two("technique = \"hardware_assist\"", "technique = \"hybrid\"");
    let mean = |shared: &str| {
        let workload =
            format!("compute_cycles = 20000\nmix = {{ syscall = 3, tlb_shootdown = 1 }}\n{shared}");
        let r = run(&scenario(
            "",
            &platforms,
            &workload,
            "vcpus = 2\nthreads = 2",
        ));
        let a = platform(&r, "a");
        (
            a.latency_of(Op::TlbShootdown).expect("shootdowns").mean_us,
            exits(a, ExitReason::ExternalInterrupt),
        )
    };
    let (shared, shared_irqs) = mean("");
    let (alone, alone_irqs) = mean("shared_address_space = false");
    assert!(
        shared > 2.0 * alone,
        "threads {shared} µs, processes {alone} µs"
    );
    assert!(shared_irqs > 2 * alone_irqs, "{shared_irqs} {alone_irqs}");
}

#[test]
fn hybrid_takes_fewer_exits_than_hardware_assist_with_pv_drivers_on_interrupt_work() {
    // The same request-response server (a network receive, then a send, per request) on
    // hardware assist with PV drivers and on hybrid (the same CPU path and drivers, plus
    // a KVM Linux guest's PV EOI). Sandy Bridge has no APICv: each device interrupt's EOI
    // is an APIC-access exit under hardware assist, a write to shared memory under hybrid.
    // Timer ticks still exit on both (the TSC-deadline write; KVM has no PV timer).
    let platforms = two(
        "technique = \"hardware_assist\"\nio = \"paravirtual\"",
        "technique = \"hybrid\"",
    );
    let r = run(&scenario(
        "",
        &platforms,
        "compute_cycles = 30000\nmessage_bytes = 512\nmix = { net_receive = 1, net_send = 1 }",
        "vcpus = 1",
    ));
    let (hw, hybrid) = (platform(&r, "a"), platform(&r, "b"));
    let per_op = |p: &sim_core::results::PlatformResult| {
        let total: u64 = p.exits.iter().map(|e| e.count).sum();
        total as f64 / p.ops as f64
    };
    assert!(exits(hw, ExitReason::ApicAccess) > exits(hybrid, ExitReason::ApicAccess));
    assert!(
        per_op(hybrid) < per_op(hw),
        "hybrid {} vs hw {} exits per op",
        per_op(hybrid),
        per_op(hw)
    );
    // Hybrid's remaining APIC-access exits are the timer ticks' deadline writes: a tick
    // on a running vCPU is also an external-interrupt exit, and at most 10 ms x 250 Hz
    // = 2.5 ticks can find the vCPU halted instead.
    let ticks_running = exits(hybrid, ExitReason::ExternalInterrupt);
    assert!(exits(hybrid, ExitReason::ApicAccess) <= ticks_running + 3);
}

#[test]
fn an_l2_guest_takes_more_exits_per_operation_than_an_l1_guest() {
    // The same guest as L1 (a VM of the type-1 hypervisor) and as L2 (inside an L1
    // hypervisor running in such a VM). Every exit of L2 is reflected through L1, whose
    // 10 VMCS accesses and VMRESUME trap to L0 (Sandy Bridge has no VMCS shadowing):
    // 12 exits for each one of L1, so at least 10 times the exits per operation.
    let platforms = two(
        "technique = \"hardware_assist\"",
        "technique = \"hardware_assist\"\nnested = true",
    );
    let r = run(&scenario(
        "",
        &platforms,
        "compute_cycles = 5000\nmix = { syscall = 8, cpuid = 1, cr_write = 1 }",
        "vcpus = 1",
    ));
    let per_op = |p: &sim_core::results::PlatformResult| {
        let total: u64 = p.exits.iter().map(|e| e.count).sum();
        total as f64 / p.ops as f64
    };
    let (l1, l2) = (platform(&r, "a"), platform(&r, "b"));
    assert!(
        per_op(l2) > 10.0 * per_op(l1),
        "L1 {} L2 {}",
        per_op(l1),
        per_op(l2)
    );
    assert_eq!(exits(l1, ExitReason::NestedVmx), 0);
    assert!(exits(l2, ExitReason::NestedVmx) >= 11 * exits(l2, ExitReason::Cpuid));
    assert!(l2.ops < l1.ops);
}

/// A native, a hardware-assisted and a binary-translation platform.
fn three() -> String {
    "\n[[platform]]\nname = \"a\"\nkind = \"type1\"\ntechnique = \"binary_translation\"\n\n\
     [[platform]]\nname = \"b\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n\n\
     [[platform]]\nname = \"n\"\nkind = \"native\"\n"
        .to_string()
}

fn on_three(workload: &str) -> sim_core::RunResult {
    run(&scenario("", &three(), workload, "vcpus = 1").replace(
        "platforms = [\"a\", \"b\"]",
        "platforms = [\"a\", \"b\", \"n\"]",
    ))
}

#[test]
fn bt_translation_cache_hits_more_and_costs_less_as_the_kernel_code_shrinks() {
    // System calls of 800 cycles of kernel work with 10 indirect control transfers per
    // 1000 cycles: 8 translated blocks entered per call. The translation cache holds
    // 8192 KiB of kernel code; a working set W larger than that misses 8 x (W - 8192) / W
    // lookups per call in the steady state: W = 32 768 KiB misses 6 (hit rate 2/8 = 25%),
    // W = 16 384 misses 4 (50%), W = 4096 fits and never misses (100%). Each miss
    // translates a block (3000 cycles), so throughput rises as W shrinks.
    let run_with = |kib: u64| {
        on_three(&format!(
            "compute_cycles = 2000\nsyscall_work_cycles = 800\nkernel_code_kib = {kib}\n\
             mix = {{ syscall = 1 }}"
        ))
    };
    let (big, mid, small) = (run_with(32_768), run_with(16_384), run_with(4096));
    let hit = |r: &sim_core::RunResult| platform(r, "a").bt_tc_hit_percent.expect("bt");
    let translate = |r: &sim_core::RunResult| platform(r, "a").bt_translate_percent.expect("bt");
    assert!((hit(&big) - 25.0).abs() < 1e-9, "{}", hit(&big));
    assert!((hit(&mid) - 50.0).abs() < 1e-9, "{}", hit(&mid));
    assert!((hit(&small) - 100.0).abs() < 1e-9, "{}", hit(&small));
    assert!(
        translate(&big) > translate(&mid),
        "{} {}",
        translate(&big),
        translate(&mid)
    );
    assert!(translate(&mid) > 0.0);
    assert_eq!(translate(&small), 0.0);
    let ops = |r: &sim_core::RunResult, p: &str| platform(r, p).ops;
    assert!(ops(&big, "a") < ops(&mid, "a") && ops(&mid, "a") < ops(&small, "a"));
    // The mean system call grows by the translation of the extra misses: 2 x 3000 cycles
    // = 2 µs at 3000 MHz from W = 16 384 to W = 32 768.
    let syscall = |r: &sim_core::RunResult| {
        platform(r, "a")
            .latency_of(Op::Syscall)
            .expect("syscall")
            .mean_us
    };
    assert!(
        (syscall(&big) - syscall(&mid) - 2.0).abs() < 1e-6,
        "{} {}",
        syscall(&big),
        syscall(&mid)
    );
    // Native and hardware assist run no translator: the same run whatever the size, and
    // no translation-cache figures.
    for p in ["b", "n"] {
        assert_eq!(ops(&big, p), ops(&small, p), "{p}");
        assert_eq!(platform(&big, p).bt_tc_hit_percent, None);
        assert_eq!(platform(&big, p).bt_translate_percent, None);
    }
}

#[test]
fn a_fork_exec_like_workload_pays_for_translated_kernel_control_flow_under_bt() {
    // The syscall-heavy preset (fork/exec-like: 80% system calls of 800 cycles of kernel
    // work), with and without indirect control transfers in its kernel code. Under BT
    // each of the 8 transfers of a call costs the translated call/ret pair (51 cycles)
    // instead of the native one (11): 8 x 40 = 320 cycles, 320 / 3000 µs more per call.
    // The kernel code (1024 KiB) fits the translation cache: nothing is translated again.
    let run_with = |per_kcycle: u64| {
        on_three(&format!(
            "base = \"syscall-heavy\"\nkernel_control_flow_per_kcycle = {per_kcycle}"
        ))
    };
    let (none, some) = (run_with(0), run_with(10));
    let syscall = |r: &sim_core::RunResult, p: &str| {
        platform(r, p)
            .latency_of(Op::Syscall)
            .expect("syscall")
            .mean_us
    };
    let extra = syscall(&some, "a") - syscall(&none, "a");
    assert!((extra - 320.0 / 3000.0).abs() < 1e-6, "{extra}");
    assert!(platform(&some, "a").ops < platform(&none, "a").ops);
    assert_eq!(platform(&some, "a").bt_tc_hit_percent, Some(100.0));
    // With no transfers there is no translated block to count.
    assert_eq!(platform(&none, "a").bt_tc_hit_percent, None);
    for p in ["b", "n"] {
        assert_eq!(platform(&some, p).ops, platform(&none, p).ops, "{p}");
        assert_eq!(syscall(&some, p), syscall(&none, p), "{p}");
    }
}

/// A 4-vCPU VM whose 4 threads unmap memory (a shootdown after every fourth system call,
/// 30 000-cycle bursts) on 4 pCPUs, alone (`hogs = 0`) or with five 1-vCPU CPU hogs
/// (9 vCPUs on 4 pCPUs, 10 ms slices); "a" is a hybrid guest without PV TLB flush, "b"
/// the default hybrid (with it, and with PV send-IPI as "a"), "c" the default without PV
/// send-IPI. PLE is off so that a wait ends only when the target runs.
fn shootdown_scenario(hogs: u32) -> String {
    let hog = if hogs > 0 {
        format!(
            "\n[[instance]]\nname = \"hog\"\ncount = {hogs}\nvcpus = 1\nmemory_gib = 1\nworkload = \"cpu-bound\"\n"
        )
    } else {
        String::new()
    };
    format!(
        "[scenario]\nname = \"shootdown\"\nduration_ms = 60\nseed = 5\n\n[host]\ncores = 4\n\n\
         [[workload]]\nname = \"w\"\nbase = \"syscall-heavy\"\ncompute_cycles = 30000\n\
         mix = {{ syscall = 80, tlb_shootdown = 20 }}\n\n\
         [[platform]]\nname = \"a\"\nkind = \"type1\"\ntechnique = \"hybrid\"\nple = false\ntime_slice_ms = 10\n\
         enlightenments = [\"pv_eoi\", \"pv_spinlocks\", \"steal_time\", \"pv_send_ipi\"]\n\n\
         [[platform]]\nname = \"b\"\nkind = \"type1\"\ntechnique = \"hybrid\"\nple = false\ntime_slice_ms = 10\n\n\
         [[platform]]\nname = \"c\"\nkind = \"type1\"\ntechnique = \"hybrid\"\nple = false\ntime_slice_ms = 10\n\
         enlightenments = [\"pv_eoi\", \"pv_spinlocks\", \"steal_time\", \"pv_tlb_flush\"]\n\n\
         [[instance]]\nname = \"app\"\nvcpus = 4\nthreads = 4\nmemory_gib = 1\nworkload = \"w\"\n{hog}"
    )
}

fn mean_us(p: &sim_core::PlatformResult, op: Op) -> f64 {
    p.latency_of(op).map_or(0.0, |l| l.mean_us)
}

#[test]
fn pv_tlb_flush_cuts_the_senders_wait_when_targets_are_preempted_and_changes_little_otherwise() {
    // Alone, every target runs: each shootdown is the system call (242 + 800 cycles), the
    // local INVLPG (150, no exit with EPT), one PV send-IPI hypercall exit (784 + 2216 +
    // 300 cycles on Sandy Bridge) and the hypervisor's delivery to 3 targets (200 each),
    // and the running targets' acknowledgement (an external-interrupt exit 784 + 2216, the
    // EOI first, which PV EOI makes a 1-cycle write instead of an exit, then the
    // 1500-cycle handler): 9 593 cycles, 3.2 µs, with or without PV TLB flush (which adds
    // a 1-cycle read of the preempted flags). Without PV send-IPI ("c") each of the 3 ICR
    // writes exits (784 + 2216 + 1000): 3 x 4 000 instead of 3 300 + 600, 17 694 cycles,
    // 5.9 µs.
    let alone = run(&shootdown_scenario(0));
    let (a, b, c) = (
        mean_us(platform(&alone, "a"), Op::TlbShootdown),
        mean_us(platform(&alone, "b"), Op::TlbShootdown),
        mean_us(platform(&alone, "c"), Op::TlbShootdown),
    );
    assert!((3.0..3.4).contains(&a), "{a}");
    assert!((a - b).abs() < 0.05 * a, "alone: {a} vs {b}");
    assert!((5.5..6.3).contains(&c), "{c}");
    // Overcommitted, a target is often preempted when the IPI goes out (5 of the 9 vCPUs
    // wait at any time): without PV TLB flush the sender spins until that vCPU runs
    // again, up to a 10 ms slice later; with it, it flags the target and goes on (fewer
    // IPIs: below the 3.2 µs of the idle host). Seed 5 gives 44.0 µs against 2.6 µs.
    let over = run(&shootdown_scenario(5));
    let (a, b) = (
        mean_us(platform(&over, "a"), Op::TlbShootdown),
        mean_us(platform(&over, "b"), Op::TlbShootdown),
    );
    assert!(a > 4.0 * b, "overcommitted: {a} vs {b}");
    assert!(b < 10.0, "{b}");
    // The spinning is guest kernel time that does no work: the app does fewer operations
    // (about a third of b's with seed 5: every running vCPU of the app soon issues a
    // shootdown and spins for the same preempted vCPU, a convoy like lock-holder
    // preemption's).
    let ops = |name| {
        platform(&over, name)
            .groups
            .iter()
            .find(|g| g.name == "app")
            .map_or(0, |g| g.ops)
    };
    assert!(ops("b") > ops("a"), "{} vs {}", ops("b"), ops("a"));
}

#[test]
fn the_guest_sees_its_steal_only_with_steal_time_reporting() {
    // 5 CPU hogs + the app's 4 vCPUs on 4 pCPUs: 9 runnable vCPUs, 5/9 = 56% steal.
    // Platform "a" has steal_time, "b" too; a hardware-assist guest has none.
    let text = shootdown_scenario(5).replace(
        "[[platform]]\nname = \"a\"\nkind = \"type1\"\ntechnique = \"hybrid\"",
        "[[platform]]\nname = \"hw\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\nple = false\ntime_slice_ms = 10\n\n[[platform]]\nname = \"a\"\nkind = \"type1\"\ntechnique = \"hybrid\"",
    );
    let r = run(&text);
    let hw = platform(&r, "hw");
    assert!(hw.steal_percent > 40.0, "{}", hw.steal_percent);
    assert_eq!(hw.guest_steal_percent, 0.0);
    let b = platform(&r, "b");
    assert_eq!(b.guest_steal_percent, b.steal_percent);
    for i in &hw.instances {
        // A hog never idles: without steal time its guest thinks it ran all the time,
        // though it ran about 44% of it.
        assert_eq!(i.guest_steal_percent, 0.0);
        if i.group == "hog" {
            assert!(i.guest_cpu_percent > 99.0, "{}", i.guest_cpu_percent);
        }
    }
    for i in &b.instances {
        assert_eq!(i.guest_steal_percent, i.steal_percent);
        if i.group == "hog" {
            assert!(
                (i.guest_cpu_percent + i.steal_percent - 100.0).abs() < 1.0,
                "{} + {}",
                i.guest_cpu_percent,
                i.steal_percent
            );
        }
    }
}

/// Hardware assist on shadow page tables uses handlers derived from Adams & Agesen's
/// Pentium 4 totals in the same cycles on every CPU: a run of one on a later CPU says so
/// under its results (the generations note), as a run of BT beside hardware assist does;
/// on the Pentium 4 itself (`prescott`), and with nested paging, it says nothing.
#[test]
fn shadow_handlers_from_a_pentium_4_are_said_on_a_later_cpu() {
    let note = |host: &str, a: &str| {
        let text = scenario(
            host,
            &two(a, "technique = \"para\""),
            "base = \"syscall-heavy\"",
            "",
        );
        run(&text).generations_note().map(|n| n.en)
    };
    let hw = "technique = \"hardware_assist\"";
    let said = note("cpu = \"sandy_bridge\"\nept = false", hw).unwrap_or_default();
    assert!(
        said.contains("shadow_pte_write_handler") && said.contains("sandy_bridge"),
        "{said}"
    );
    assert_eq!(note("cpu = \"prescott\"\nept = false", hw), None);
    assert_eq!(note("cpu = \"sandy_bridge\"\nept = true", hw), None);
}
