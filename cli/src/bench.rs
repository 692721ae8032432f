//! `virtsim bench`: its benchmark scenario (64 pCPUs, 512 vCPUs, syscall-heavy, on type 1),
//! run and timed by the wall clock.

use std::path::PathBuf;

use sim_core::{RunOptions, Scenario};

use crate::files::load;
use crate::{run_with_progress, Failure, Lang};

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

/// `bench`: the built-in benchmark (or `file`) run once, timed by the wall clock, and its
/// simulated events and operations per second printed.
pub(crate) fn run(seconds: u64, file: Option<PathBuf>) -> Result<(), Failure> {
    let scenario = match file {
        Some(file) => load(&file, Lang::En)?,
        None => Scenario::from_toml("bench", &scenario(seconds))
            .map_err(|e| Failure::Invalid(e.to_string()))?,
    };
    // The benchmark measures wall-clock speed on purpose; nothing else may read the clock.
    #[allow(clippy::disallowed_methods)]
    let start = std::time::Instant::now();
    let result = run_with_progress(&scenario, RunOptions::default(), Lang::En)?;
    let elapsed = start.elapsed().as_secs_f64();
    // Operations simulated: each platform's, and each distinct native baseline's
    // once (platforms that share a baseline share its run).
    let seconds = result.duration_ms as f64 / 1000.0;
    let mut baselines: Vec<u64> = Vec::new();
    for p in &result.platforms {
        let ops = (p.baseline_throughput * seconds).round() as u64;
        if !baselines.contains(&ops) {
            baselines.push(ops);
        }
    }
    let ops: u64 =
        result.platforms.iter().map(|p| p.ops).sum::<u64>() + baselines.iter().sum::<u64>();
    crate::outln!(
        "{} events in {:.2} s of wall-clock time: {:.2} million events/s ({} simulated ms per platform, {} platform run(s) + baselines)",
        result.events,
        elapsed,
        result.events as f64 / elapsed / 1e6,
        result.duration_ms,
        result.platforms.len()
    )?;
    crate::outln!(
        "{} simulated operations: {:.2} million operations/s",
        ops,
        ops as f64 / elapsed / 1e6
    )?;
    Ok(())
}
