//! The lifecycle's own properties: storms share cores and disk, start-up steps by
//! platform and image cache, footprints as the memory plan sees them, density.

use super::startup::step;
use super::storm::{phases_of, Phase};
use super::*;
use crate::costs::CostTable;
use crate::hardware::Host;
use crate::instance::InstanceSpec;
use crate::memory::OvercommitPolicy;
use crate::platform::{
    GuestOs, IoModel, MemoryVirtualization, NetworkMode, PlatformKind, Stack, StorageMode,
    Technique,
};
use crate::rng::SimRng;

fn host() -> Host {
    Host {
        cores: 4,
        clock_mhz: 3000,
        memory_mib: 16 * 1024,
        cpu: Default::default(),
        features: crate::hardware::CpuFeatures {
            vtx: true,
            ept: true,
            ..Default::default()
        },
        large_pages: false,
        shared_cache_mib: 8,
        disk_latency_us: 80,
        disk_iops: 200_000,
        disk_bandwidth_mb_s: 1000,
        nic_latency_us: 20,
        nic_bandwidth_gbit_s: 10,
    }
}

fn stack(kind: PlatformKind) -> Stack {
    Stack {
        kind,
        technique: (kind != PlatformKind::Container).then_some(Technique::Hybrid),
        io: IoModel::Paravirtual,
        memory: MemoryVirtualization::Nested,
        driver_domain: false,
        network: NetworkMode::Bridge,
        storage: StorageMode::Overlay,
        microvm: false,
        ..Stack::native()
    }
}

#[test]
fn storm_shares_cores_and_disk() {
    // One step: 1 s of CPU, 100 MiB read at 1000 MB/s (0.104858 s).
    let s = vec![step("x", "x", 1_000_000, 100)];
    let alone = storm(std::slice::from_ref(&s), &host(), 0, 1)[0];
    assert!((alone - 1104.858).abs() < 0.01, "{alone}");
    // 8 at once on 4 cores. Had they all read and then all computed in step, the
    // reads would share the disk (8 × 0.104858 s) and the CPU work then run at half a
    // core each (2 s): 838.9 + 2000 ms. In 7 pieces of about 16 MiB of different sizes
    // they drift apart, and one's reading overlaps another's computing: the last is up
    // after more than the CPU work alone needs (2000 ms: no instance computes while it
    // reads) and well before the sum.
    let all = storm(&vec![s; 8], &host(), 0, 1);
    let last = all.iter().copied().fold(0.0, f64::max);
    assert!((2000.0..2600.0).contains(&last), "{all:?}");
    assert!(all.iter().all(|&t| t > alone), "{all:?}");
    // The pieces' sizes come from the seed: another seed, other times, still bounded.
    let other = storm(
        &vec![vec![step("x", "x", 1_000_000, 100)]; 8],
        &host(),
        0,
        2,
    );
    assert_ne!(all, other);
    assert!(other.iter().all(|&t| t < 2838.861), "{other:?}");
}

#[test]
fn a_disk_of_few_iops_serves_a_start_up_at_its_requests_rate() {
    // 100 MiB alone. At 200 000 IOPS of 64 KiB requests (13.1 GB/s) the 1000 MB/s
    // bandwidth binds: 0.104858 s. At 2000 IOPS, 2000 × 65 536 B = 131.1 MB/s binds:
    // 104 857 600 B / 131 072 000 B/s = 0.8 s, so 1 s of CPU + 0.8 s = 1800 ms.
    let s = vec![StartStep {
        read_request_kib: 64,
        ..step("x", "x", 1_000_000, 100)
    }];
    let fast = storm(std::slice::from_ref(&s), &host(), 0, 1)[0];
    assert!((fast - 1104.858).abs() < 0.01, "{fast}");
    let spinning = Host {
        disk_iops: 2000,
        ..host()
    };
    let slow = storm(std::slice::from_ref(&s), &spinning, 0, 1)[0];
    assert!((slow - 1800.0).abs() < 0.01, "{slow}");
    // Requests of 128 KiB (a Linux guest's readahead) carry twice as much per request:
    // 262.1 MB/s, 0.4 s of reading. A step whose request size is not known (0) is read
    // at the disk's bandwidth.
    let linux = vec![StartStep {
        read_request_kib: 128,
        ..s[0].clone()
    }];
    let slow = storm(std::slice::from_ref(&linux), &spinning, 0, 1)[0];
    assert!((slow - 1400.0).abs() < 0.01, "{slow}");
    let unknown = vec![step("x", "x", 1_000_000, 100)];
    let fast = storm(std::slice::from_ref(&unknown), &spinning, 0, 1)[0];
    assert!((fast - 1104.858).abs() < 0.01, "{fast}");
}

/// The storm's requests are the guest OS's: a Windows desktop's boot reads in 64 KiB
/// requests, a Linux guest's in its 128 KiB readahead window (`boot::read_request_kib`).
#[test]
fn start_steps_read_in_their_guest_oss_request_size() {
    let c = CostTable::default();
    let h = host();
    let stack = stack(PlatformKind::Type1);
    for (os, kib) in [(GuestOs::Windows, 64), (GuestOs::Linux, 128)] {
        let steps = start_steps(&stack, os, &h, &c);
        assert!(steps.iter().all(|s| s.read_request_kib == kib), "{os:?}");
    }
    assert!(host_boot_steps(PlatformKind::Type2, &c)
        .iter()
        .all(|s| s.read_request_kib == 128));
}

/// A type-1 host boots its hypervisor, not a host kernel (a VDI platform's server is a
/// type 1); a hosted platform's host boots its OS's kernel. Said in both languages, at the
/// same cost.
#[test]
fn a_type1_host_boots_its_hypervisor() {
    let c = CostTable::default();
    let kernel_step = |kind| host_boot_steps(kind, &c)[1].clone();
    for kind in [PlatformKind::Type1, PlatformKind::Vdi] {
        let s = kernel_step(kind);
        assert_eq!(
            (s.what.en.as_str(), s.what.ko.as_str()),
            ("hypervisor boots", "하이퍼바이저 부팅"),
            "{kind:?}"
        );
    }
    for kind in [
        PlatformKind::Native,
        PlatformKind::Type2,
        PlatformKind::Container,
    ] {
        let s = kernel_step(kind);
        assert_eq!(
            (s.what.en.as_str(), s.what.ko.as_str()),
            ("host kernel boots", "호스트 커널 부팅"),
            "{kind:?}"
        );
    }
    assert_eq!(
        kernel_step(PlatformKind::Type1).cpu_us,
        kernel_step(PlatformKind::Type2).cpu_us
    );
}

#[test]
fn a_huge_read_is_cut_into_a_bounded_number_of_pieces() {
    // A cost table may ask for any read: the pieces grow instead of their number.
    let s = vec![step("x", "x", 1_000_000, u64::MAX / 4)];
    let mut rng = SimRng::seed_from_u64(1);
    let phases = phases_of(&s, &host(), true, &mut rng);
    assert_eq!(phases.len() as u64, 2 * MAX_PIECES_PER_STEP);
    assert!(phases.iter().all(|(_, seconds)| seconds.is_finite()));
}

#[test]
fn a_step_without_a_bulk_read_is_not_cut_into_pieces() {
    // CPU only, or a read of one piece: the step stays one phase of each kind.
    let mut rng = SimRng::seed_from_u64(1);
    let cpu_only = phases_of(&[step("x", "x", 1_000_000, 0)], &host(), true, &mut rng);
    assert_eq!(cpu_only.len(), 1);
    let small = phases_of(&[step("x", "x", 1_000_000, 16)], &host(), true, &mut rng);
    assert_eq!(small.len(), 2);
    // 100 MiB: 7 pieces, each a read then its work, adding up to the step.
    let cut = phases_of(&[step("x", "x", 1_000_000, 100)], &host(), true, &mut rng);
    assert_eq!(cut.len(), 14);
    let cpu: f64 = cut.iter().filter(|p| p.0 == Phase::Cpu).map(|p| p.1).sum();
    assert!((cpu - 1.0).abs() < 1e-12, "{cpu}");
}

#[test]
fn a_warm_image_starts_faster_and_one_image_is_read_once() {
    let c = CostTable::default();
    let h = host();
    let ct = stack(PlatformKind::Container);
    let one = |image| {
        storm(
            &[start_steps_with(&ct, GuestOs::Linux, &h, &c, image)],
            &h,
            0,
            1,
        )[0]
    };
    let (cold, warm) = (one(ImageCache::Cold), one(ImageCache::Warm));
    // Cold reads 8 MiB of the entrypoint's pages at 1000 MB/s (8.388608 ms) and waits
    // 20 + 63 disk latencies of 80 µs (6.64 ms): 15.028608 ms more than warm.
    assert!(
        (cold - warm - 15.028608).abs() < 1e-6,
        "cold {cold} warm {warm}"
    );
    // Eight containers of one image at once: only the first reads it. Eight of eight
    // different images would each read their own, sharing the disk.
    let shared = start_steps_together(&ct, &[(0, GuestOs::Linux); 8], false, &h, &c);
    assert_eq!(
        shared
            .iter()
            .filter(|s| s.iter().any(|x| x.read_requests > 0))
            .count(),
        1
    );
    let distinct: Vec<(usize, GuestOs)> = (0..8).map(|g| (g, GuestOs::Linux)).collect();
    let apart = start_steps_together(&ct, &distinct, false, &h, &c);
    let last = |all: &[Vec<StartStep>]| storm(all, &h, 0, 1).into_iter().fold(0.0, f64::max);
    assert!(
        last(&shared) < last(&apart),
        "{} {}",
        last(&shared),
        last(&apart)
    );
    // After the host kept its page cache, none reads.
    let kept = start_steps_together(&ct, &[(0, GuestOs::Linux); 2], true, &h, &c);
    assert!(kept.iter().flatten().all(|x| x.read_requests == 0));
}

#[test]
fn a_busy_type2_host_slows_start_up_computing_not_reading() {
    // 1 s of CPU alone takes 1 / 0.7 s when the host's programs keep 30% of each
    // core; 100 MiB of reads take the same time with or without them.
    let h = host();
    let cpu = vec![step("cpu", "cpu", 1_000_000, 0)];
    let disk = vec![step("disk", "disk", 0, 100)];
    let took = |s: &Vec<StartStep>, bg| storm(std::slice::from_ref(s), &h, bg, 1)[0];
    assert!((took(&cpu, 0) - 1000.0).abs() < 1e-6, "{}", took(&cpu, 0));
    assert!(
        (took(&cpu, 30) - 1000.0 / 0.7).abs() < 1e-6,
        "{}",
        took(&cpu, 30)
    );
    assert!(took(&disk, 0) > 0.0);
    assert_eq!(took(&disk, 30), took(&disk, 0));
}

#[test]
fn a_container_starts_faster_and_is_smaller_than_a_vm() {
    let c = CostTable::default();
    let h = host();
    let vm = storm(
        &[start_steps(
            &stack(PlatformKind::Type1),
            GuestOs::Linux,
            &h,
            &c,
        )],
        &h,
        0,
        1,
    )[0];
    let ct = storm(
        &[start_steps(
            &stack(PlatformKind::Container),
            GuestOs::Linux,
            &h,
            &c,
        )],
        &h,
        0,
        1,
    )[0];
    // VM: 0.1 + 1 + 1.5 + 2.5 + 0.1 s of CPU and 230 MiB of reads: above 5 s.
    // Container: 0.05 + 0.005 + 0.005 + 0.01 + 0.1 s and 20 MiB: below 0.2 s.
    assert!(vm > 5000.0 && ct < 200.0, "vm {vm} container {ct}");
    let sum = |p: Vec<FootprintPart>| p.iter().map(|x| x.mib).sum::<f64>();
    // A 2 GiB VM and a container with a 2 GiB limit, both with a 128 MiB working set
    // and a CPU-bound workload (no page cache).
    let i = InstanceSpec {
        name: "i".into(),
        platforms: vec![0],
        count: 1,
        vcpus: 1,
        threads: 1,
        memory_mib: 2048,
        guest_os: GuestOs::Linux,
        workload: crate::workload::Workload::preset("cpu-bound").expect("preset"),
        pin: None,
        weight: 256,
        cap_percent: 0,
        working_set_mib: 128,
    };
    let vm = sum(footprint(&stack(PlatformKind::Type1), &i, &[], &c));
    let ct = sum(footprint(&stack(PlatformKind::Container), &i, &[], &c));
    // The VM holds its configured memory plus 20 KiB of hypervisor state and its 30 MiB
    // device model; the container 128 + 8 MiB.
    assert!((vm - (2048.0 + 20.0 / 1024.0 + 30.0)).abs() < 1e-9, "{vm}");
    assert_eq!(ct, 136.0);
    // With a balloon the VM gives back what its guest does not use: 128 + 200 MiB (and
    // keeps its device model).
    let ballooned = sum(footprint(
        &stack(PlatformKind::Type1),
        &i,
        &[OvercommitPolicy::Balloon],
        &c,
    ));
    assert!(
        (ballooned - (328.0 + 20.0 / 1024.0 + 30.0)).abs() < 1e-9,
        "{ballooned}"
    );
    assert!(vm > ct + 150.0, "vm {vm} container {ct}");
}

#[test]
fn a_footprint_is_what_the_memory_plan_puts_on_the_host_and_an_oom_killed_one_fits_nowhere() {
    // Linux guests (200 MiB base; a microVM's 32) with a 128 MiB working set, from a
    // memory that cannot even hold the base OS to one with room to spare. Whatever the
    // memory, the footprint is the plan's demand of one instance (a guest holds no more
    // than its configured memory), and density fits none exactly when the plan OOM-kills
    // the instance on its own, on a host with room for thousands.
    let c = CostTable::default();
    let h = Host {
        memory_mib: 1024 * 1024,
        ..host()
    };
    let microvm = Stack {
        microvm: true,
        ..stack(PlatformKind::Type1)
    };
    let stacks = [
        stack(PlatformKind::Type1),
        stack(PlatformKind::Type2),
        microvm,
        stack(PlatformKind::Container),
    ];
    let mut killed = 0;
    for st in &stacks {
        for memory_mib in [16, 64, 150, 200, 327, 328, 1024] {
            let i = InstanceSpec {
                name: "i".into(),
                platforms: vec![0],
                count: 1,
                vcpus: 1,
                threads: 1,
                memory_mib,
                guest_os: GuestOs::Linux,
                workload: crate::workload::Workload::preset("cpu-bound").expect("preset"),
                pin: None,
                weight: 256,
                cap_percent: 0,
                working_set_mib: 128,
            };
            let what = format!("{:?} microvm={} {memory_mib} MiB", st.kind, st.microvm);
            let parts = footprint(st, &i, &[], &c);
            let mib: f64 = parts.iter().map(|x| x.mib).sum();
            let plan = crate::memory::plan(st, &[], &h, &c, &[&i]);
            assert!(
                (mib - plan.result.instances[0].demand_mib).abs() < 1e-9,
                "{what}: footprint {mib}, plan {:?}",
                plan.result.instances[0]
            );
            let alone = crate::memory::oom_of_its_own(st, &[], &c, &i);
            assert_eq!(
                alone,
                plan.result.oom_kills.first().map(|k| k.reason),
                "{what}"
            );
            let (memory, _) = density(&h, &c, mib, alone, 10.0, 0);
            assert_eq!(memory == 0, alone.is_some(), "{what}: {memory}");
            killed += usize::from(alone.is_some());
        }
    }
    // A full or type-2 VM below 328 MiB (200 + 128): 5 memories each; a microVM below
    // 160: 3; a container below its 128 MiB working set: 2.
    assert_eq!(killed, 5 + 5 + 3 + 2);
}

#[test]
fn an_instance_that_uses_no_cpu_is_bounded_by_memory_alone_and_says_so_in_json() {
    // 4 cores at the default 80% ceiling hold 3.2 cores: 320% / 30% per instance = 10.67,
    // rounded down to 10. An instance that used no CPU sets no CPU bound (None, JSON null,
    // not the largest integer, which a JavaScript reader cannot even hold exactly).
    let c = CostTable::default();
    let h = host();
    assert_eq!(c.density_max_cpu_percent, 80);
    assert_eq!(density(&h, &c, 1024.0, None, 30.0, 0).1, Some(10));
    let (memory, cpu) = density(&h, &c, 1024.0, None, 0.0, 0);
    assert_eq!(cpu, None);
    assert!(memory > 0);
    let l = LifecycleResult {
        density_memory: memory,
        density_cpu: cpu,
        ..Default::default()
    };
    let json = serde_json::to_string(&l).unwrap();
    assert!(json.contains("\"density_cpu\":null"), "{json}");
    let back: LifecycleResult = serde_json::from_str(&json).unwrap();
    assert_eq!(back.density_cpu, None);
}
