//! Scheduling properties of the machine, checked through whole scenarios.

use crate::Scenario;

fn run(text: &str) -> crate::RunResult {
    Scenario::from_toml("test.toml", text)
        .expect("valid scenario")
        .run()
        .expect("run")
}

const TWO_VMS_ONE_CORE: &str = r#"
[scenario]
name = "weights"
duration_ms = 2000
[host]
cores = 1
[[platform]]
name = "p"
kind = "type1"
technique = "hardware_assist"
scheduler = "SCHED"
[[instance]]
name = "heavy"
weight = 512
memory_gib = 1
workload = "cpu-bound"
[[instance]]
name = "light"
weight = 256
memory_gib = 1
workload = "cpu-bound"
"#;

fn ratio(scheduler: &str) -> f64 {
    let r = run(&TWO_VMS_ONE_CORE.replace("SCHED", scheduler));
    let groups = &r.platforms[0].groups;
    groups[0].ops as f64 / groups[1].ops as f64
}

#[test]
fn weights_share_one_core_two_to_one() {
    // Weight 512 against 256 on one core: 2/3 and 1/3 of the CPU, so the heavy VM
    // completes about twice the operations of the light one. Slices of 24-30 ms over
    // 2 s leave a granularity error of a few percent.
    for scheduler in ["fair", "credit"] {
        let ratio = ratio(scheduler);
        assert!((1.7..=2.3).contains(&ratio), "{scheduler}: ratio {ratio}");
    }
    // Round robin ignores weights.
    let rr = ratio("round_robin");
    assert!((0.9..=1.1).contains(&rr), "round robin: ratio {rr}");
}

#[test]
fn a_cap_limits_cpu_time() {
    // One cpu-bound vCPU capped at 25% of a core on an otherwise empty 1-core host:
    // user time is about 25% of the capacity, the rest idle.
    let r = run(r#"
[scenario]
name = "cap"
duration_ms = 1000
[host]
cores = 1
[[platform]]
name = "p"
kind = "type1"
technique = "hardware_assist"
[[instance]]
name = "vm"
cap_percent = 25
memory_gib = 1
workload = "cpu-bound"
"#);
    let cpu = &r.platforms[0].cpu;
    assert!(
        (23.0..=27.0).contains(&cpu.guest_user),
        "user {}",
        cpu.guest_user
    );
    assert!(cpu.idle > 70.0, "idle {}", cpu.idle);
}

#[test]
fn pinning_keeps_vcpus_on_their_pcpu() {
    // Two cpu-bound vCPUs both pinned to pCPU 0 of a 2-core host: pCPU 1 stays idle
    // (50% of capacity) and each vCPU waits for the other half of the time (steal 50%).
    let r = run(r#"
[scenario]
name = "pin"
duration_ms = 500
[host]
cores = 2
[[platform]]
name = "p"
kind = "type1"
technique = "hardware_assist"
[[instance]]
name = "vm"
vcpus = 2
pin = [0, 0]
memory_gib = 1
workload = "cpu-bound"
"#);
    let p = &r.platforms[0];
    assert!((49.0..=51.0).contains(&p.cpu.idle), "idle {}", p.cpu.idle);
    assert!(
        (45.0..=55.0).contains(&p.steal_percent),
        "steal {}",
        p.steal_percent
    );
}
