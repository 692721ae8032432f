//! `virtsim-fuzz [--seconds N] [--seed N]`: mutates the seed scenarios for N seconds
//! (default 60), prints the executions, and saves every failing input in
//! `fuzz/regressions/` (which `cargo test -p virtsim-fuzz` replays). Exits 1 on a failure.

use std::path::Path;
use std::process::ExitCode;

use virtsim_fuzz::{check, seeds, Mutator, Rng};

fn main() -> ExitCode {
    let mut seconds = 60u64;
    let mut seed = 1u64;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).and_then(|v| v.parse().ok());
        match (args[i].as_str(), value) {
            ("--seconds", Some(v)) => seconds = v,
            ("--seed", Some(v)) => seed = v,
            _ => {
                eprintln!("usage: virtsim-fuzz [--seconds N] [--seed N]");
                return ExitCode::from(1);
            }
        }
        i += 2;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf();
    let seed_files = seeds(&root);
    let texts: Vec<String> = seed_files.iter().map(|(_, t)| t.clone()).collect();
    // Panics are caught and reported as failures; the default hook would print each one.
    if std::env::var_os("FUZZ_PANIC_HOOK").is_none() {
        std::panic::set_hook(Box::new(|_| {}));
    }
    let mut mutator = Mutator::new(Rng::new(seed), &texts);
    // The fuzzer measures wall-clock time on purpose: it runs for a bounded time.
    #[allow(clippy::disallowed_methods)]
    let start = std::time::Instant::now();
    let mut executions = 0u64;
    let mut failures = 0u64;
    let mut slowest = 0.0f64;
    let mut accepted = 0u64;
    let mut ran = 0u64;
    while start.elapsed().as_secs() < seconds {
        let input = mutator.input();
        #[allow(clippy::disallowed_methods)]
        let one = std::time::Instant::now();
        let mut result = check(&input);
        let took = one.elapsed().as_secs_f64();
        slowest = slowest.max(took);
        match result {
            Ok(_) if took > 10.0 => result = Err(format!("one input took {took:.1} s")),
            Ok(virtsim_fuzz::Stage::Accepted) => accepted += 1,
            Ok(virtsim_fuzz::Stage::Ran) => ran += 1,
            _ => {}
        }
        executions += 1;
        if let Err(what) = result {
            failures += 1;
            let name = format!("found-{seed}-{executions}.toml");
            let path = root.join("fuzz/regressions").join(&name);
            let _ = std::fs::write(&path, input.to_file());
            // The input in full too: CI keeps its log, not its files.
            eprintln!("FAILURE {name}: {what}\n{}", input.to_file());
        }
    }
    println!(
        "virtsim-fuzz: {executions} executions in {:.0} s from {} seeds (seed {seed}): {} rejected, {accepted} accepted, {ran} of them run to the end; slowest input {slowest:.2} s; {failures} failure(s)",
        start.elapsed().as_secs_f64(),
        seed_files.len(),
        executions - accepted - ran - failures,
    );
    if failures > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
