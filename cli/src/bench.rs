//! The benchmark scenario of `virtsim bench`: 64 pCPUs, 512 vCPUs, syscall-heavy, on type 1.

/// The benchmark of the sim-core issue: 64 pCPUs, 512 vCPUs, syscall-heavy, on type 1.
pub fn scenario(seconds: u64) -> String {
    format!(
        r#"
[scenario]
name = "bench"
seed = 1
duration_ms = {}

[host]
cores = 64
memory_gib = 2048

[[platform]]
name = "type1-hw"
kind = "type1"
technique = "hardware_assist"

[[instance]]
name = "vm"
count = 128
vcpus = 4
memory_gib = 8
workload = "syscall-heavy"
"#,
        seconds * 1000
    )
}
