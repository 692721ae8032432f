//! A structure-aware mutational fuzzer of scenario files on stable Rust.
//!
//! Seeds are the scenario library (`scenarios/*.toml`), the invalid corpus
//! (`tests/invalid/*.toml`) and every input that ever failed (`fuzz/regressions/`). A
//! [`Mutator`] edits them the way a careless or hostile author would: numbers replaced by
//! boundary values, names and keywords swapped, lines deleted, duplicated or moved,
//! sections spliced from other files, keys written dotted, quoted or in inline tables.
//! Each input goes through [`check`]: `Scenario::from_toml`, slider [`Adjustments`] and a
//! short bounded run, none of which may panic, take too long, or break the resource
//! model (an accepted scenario's estimate stays below the limit, and a finished run's
//! events stay below its estimate).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use sim_core::scenario::MAX_ESTIMATED_EVENTS;
use sim_core::{Adjustments, RunOptions, Scenario, ScenarioError, SimError};

/// Events a fuzzed run may use: enough to finish the short runs the fuzzer asks for.
pub const RUN_EVENTS: u64 = 300_000;

/// One fuzz input: a scenario text and the slider changes applied to it.
#[derive(Debug, Clone, Default)]
pub struct Input {
    pub text: String,
    pub adjustments: Adjustments,
}

impl Input {
    /// The input as a regression file: the adjustments as a JSON comment on line 1.
    pub fn to_file(&self) -> String {
        format!(
            "# adjust: {}\n{}",
            serde_json::to_string(&self.adjustments).unwrap_or_else(|_| "{}".into()),
            self.text
        )
    }

    /// Reads a regression file written by [`Input::to_file`] (or any scenario file).
    pub fn from_file(content: &str) -> Input {
        let (first, rest) = content.split_once('\n').unwrap_or((content, ""));
        match first.strip_prefix("# adjust: ") {
            Some(json) => Input {
                text: rest.to_string(),
                adjustments: serde_json::from_str(json).unwrap_or_default(),
            },
            None => Input {
                text: content.to_string(),
                adjustments: Adjustments::default(),
            },
        }
    }
}

/// SplitMix64: small, seeded, and the same on every machine.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// Integers at the edges of the format's ranges and of the integer types.
const INTEGERS: &[&str] = &[
    "0",
    "1",
    "2",
    "-1",
    "3",
    "7",
    "16",
    "64",
    "100",
    "255",
    "256",
    "1000",
    "1023",
    "1024",
    "1025",
    "4096",
    "4097",
    "65535",
    "65536",
    "60000",
    "60001",
    "1000000",
    "10000000",
    "1000000000",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "18446744073709551615",
    "18446744073709552",
    "-9223372036854775808",
    "0x7fffffff",
    "1_000",
];

/// Floats at the edges.
const FLOATS: &[&str] = &[
    "0.0", "-0.0", "0.001", "0.064", "0.1", "0.125", "0.5", "1.5", "10.0", "50.0", "100.0", "1e9",
    "1e308", "-1e308", "nan", "inf", "-inf", "65536.0", "65536.5", "2000.0", "4.9e-324",
];

/// Names and keywords of the format, so that mutations often stay meaningful.
const WORDS: &[&str] = &[
    "native",
    "type1",
    "type2",
    "container",
    "vdi",
    "binary_translation",
    "hardware_assist",
    "para",
    "hybrid",
    "emulated",
    "paravirtual",
    "passthrough",
    "credit",
    "fair",
    "round_robin",
    "linux",
    "windows",
    "freebsd",
    "bridge",
    "host",
    "overlay",
    "volume",
    "blast",
    "hdx",
    "rdp",
    "kernel_panic",
    "hypervisor_failure",
    "host_os_crash",
    "server_failure",
    "choice",
    "numeric",
    "lowest",
    "highest",
    "syscall",
    "disk_read",
    "disk_write",
    "net_send",
    "net_receive",
    "page_fault",
    "page_table_update",
    "tlb_miss",
    "sleep",
    "tlb_shootdown",
    "steal_time",
    "pv_tlb_flush",
    "guest_steal_percent",
    "io_port",
    "mmio",
    "privileged_instruction",
    "throughput",
    "relative_performance_percent",
    "p99_latency_us",
    "mean_latency_us",
    "sweep_density",
    "density",
    "startup_ms",
    "desktop_p99_latency_ms",
    "ops_lost",
    "instances_stopped",
    "cpu-bound",
    "syscall-heavy",
    "database",
    "web-server",
    "network-rr",
    "memory-tlb",
    "disk-random-4k",
    "desktop-idle",
    "office",
    "video",
    "web",
    "",
    " ",
    "\\u0000",
    "한글",
    "vm",
    "web",
    "db",
    "a",
    "b",
    // Placeholders of the texts (`{metric:platform}`, `{metric:platform:op}`): where a
    // description or a question's text was, a figure of a platform the seeds have or not,
    // an operation where one applies or not, escapes and braces that open none.
    "{relative_performance_percent:vm}",
    "{relative_performance_percent:native}",
    "{throughput:t1-hw} ops/s",
    "{mean_latency_us:vm:net_receive} µs",
    "{p99_latency_us:vm:disk_read}",
    "{p99_latency_us:vm}",
    "{throughput:vm:syscall}",
    "{desktop_p99_latency_ms:vm}",
    "{density:nosuch}",
    "{{relative_performance_percent:vm}}",
    "{vm}",
    "{a:b:c:d}",
    "{throughput:vm",
    "}{",
    "{{",
];

/// Lines an author might add anywhere.
const LINES: &[&str] = &[
    "[host]",
    "[host.nic]",
    "[host.disk]",
    "[costs]",
    "[sweep]",
    "[[platform]]",
    "[[instance]]",
    "[[workload]]",
    "[[question]]",
    "[[fault]]",
    "cores = 1024",
    "count = 1024",
    "vcpus = 256",
    "threads = 256",
    "duration_ms = 60000",
    "compute_cycles = 0",
    "syscall_work_cycles = 0",
    "mix = { page_table_update = 1 }",
    "mix = { sleep = 1 }",
    "think_time_us = 0",
    "costs.syscall_native = 0",
    "costs = { vm_exit_roundtrip = 0 }",
    "\"syscall_native\" = 0",
    "host.nic.bandwidth_gbit_s = 10000",
    "bandwidth_gbit_s = 18446744073709551615",
    "latency_us = 10000000",
    "iops = 1",
    "clock_ghz = 10.0",
    "clock_ghz = 0.1",
    "memory_gib = 65536",
    "trace = true",
    "time_slice_ms = 1",
    "cap_percent = 1",
    "weight = 65535",
    "pin = [0]",
    "platforms = []",
    "counts = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]",
    "p99_target_us = 0.0",
    "at_ms = 1",
    "kind = \"kernel_panic\"",
    "instance = \"vm\"",
    "copy = 4294967295",
    "protocol = \"rdp\"",
    "loss_percent = 50",
    "frame_rate = 120",
    "rtt_ms = 2000",
    "client_bandwidth_mbit_s = 0.064",
    "workload = \"video\"",
    "workload = \"office\"",
    "metric = \"sweep_density\"",
    "tolerance_percent = nan",
    "scenario = { name = \"x\" }",
    "name = \"\"",
    "a.b.c = 1",
    "lock_percent = 100",
    "lock_hold_cycles = 100000000",
    "lock_hold_cycles = 1",
    "ple = true",
    "ple = false",
    "apicv = true",
    "posted_interrupts = true",
    "shared_cache_mib = 1024",
    "credit_boost = true",
    "dom0_vcpus = 2",
    "dom0_weight = 512",
    "halt_poll_us = 1000000",
    "irq_coalesce_us = 10000",
    "irq_coalesce_frames = 1",
    "backend = \"driver_domain\"",
    "backend = \"vhost\"",
    "hosted_design = \"host_module\"",
    "hosted_design = \"world_switch\"",
    "= 1",
    "[",
    "\"",
    "'''",
];

/// The seed files: the library, the invalid corpus and the regressions, sorted.
pub fn seeds(root: &Path) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    for dir in ["scenarios", "tests/invalid", "fuzz/regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "toml") {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    files.push((path, text));
                }
            }
        }
    }
    files.sort();
    files
}

/// Edits scenario texts.
pub struct Mutator<'a> {
    rng: Rng,
    seeds: &'a [String],
    /// The seeds the validator accepts.
    valid: Vec<&'a String>,
}

impl<'a> Mutator<'a> {
    pub fn new(rng: Rng, seeds: &'a [String]) -> Mutator<'a> {
        let valid = seeds
            .iter()
            .filter(|t| Scenario::from_toml("seed.toml", t).is_ok())
            .collect();
        Mutator { rng, seeds, valid }
    }

    /// A new input: a seed with 1 to 8 mutations and random slider changes.
    pub fn input(&mut self) -> Input {
        // Valid seeds (the library) most of the time, so that mutations reach the model.
        let mut text = if self.rng.chance(3) || self.valid.is_empty() {
            self.rng.pick(self.seeds).clone()
        } else {
            (*self.rng.pick(&self.valid)).clone()
        };
        // Mostly one or two edits: each one makes a valid file likelier to be rejected.
        let edits = *self.rng.pick(&[1, 1, 1, 2, 2, 3, 5, 8]);
        for _ in 0..edits {
            text = self.mutate(&text);
        }
        if text.len() > 300_000 {
            let cut = (0..=300_000)
                .rev()
                .find(|&c| text.is_char_boundary(c))
                .unwrap_or(0);
            text.truncate(cut);
        }
        let adjustments = if self.rng.chance(2) {
            self.adjustments()
        } else {
            Adjustments::default()
        };
        Input { text, adjustments }
    }

    fn adjustments(&mut self) -> Adjustments {
        let mut a = Adjustments::default();
        let r = &mut self.rng;
        let number = |r: &mut Rng| -> u64 {
            match r.below(4) {
                0 => r.next_u64(),
                1 => r.below(3) as u64,
                2 => r.below(5000) as u64,
                _ => *r.pick(&[
                    0,
                    1,
                    255,
                    256,
                    1024,
                    4096,
                    60_000,
                    u64::from(u32::MAX),
                    u64::MAX,
                ]),
            }
        };
        if r.chance(4) {
            a.seed = Some(r.next_u64());
        }
        if r.chance(4) {
            a.duration_ms = Some(number(r));
        }
        if r.chance(6) {
            a.host_cores = Some(number(r) as u32);
        }
        if r.chance(6) {
            a.instance_count = Some(number(r) as u32);
        }
        if r.chance(6) {
            a.vcpus_per_instance = Some(number(r) as u32);
        }
        if r.chance(6) {
            a.threads_per_instance = Some(number(r) as u32);
        }
        if r.chance(8) {
            a.workload = Some(r.pick(WORDS).to_string());
        }
        if r.chance(6) {
            a.vm_exit_cycles = Some(number(r));
        }
        if r.chance(6) {
            a.time_slice_ms = Some(number(r));
        }
        // The page's network controls: every VDI platform's, and some platforms' own (a
        // server platform's among them, past the last one too), in and out of range.
        let float = |r: &mut Rng| -> f64 {
            *r.pick(&[
                0.0,
                0.001,
                0.064,
                1.0,
                5.0,
                49.9,
                50.0,
                2000.0,
                2000.1,
                -1.0,
                1e300,
                f64::NAN,
            ])
        };
        let network = |r: &mut Rng| sim_core::scenario::NetworkSetting {
            rtt_ms: r.chance(2).then(|| float(r)),
            loss_percent: r.chance(2).then(|| float(r)),
            client_bandwidth_mbit_s: r.chance(2).then(|| float(r)),
        };
        if r.chance(8) {
            a.vdi_network = network(r);
        }
        if r.chance(8) {
            let platforms = r.below(5);
            a.platform_networks = (0..platforms).map(|_| network(r)).collect();
        }
        // The page's slider per group: some groups' counts, some past the last group.
        if r.chance(6) {
            let groups = r.below(5);
            a.group_counts = (0..groups)
                .map(|_| (!r.chance(3)).then(|| number(r) as u32))
                .collect();
        }
        // A Rust test's host memory setting, in and out of range.
        if r.chance(8) {
            a.host_memory_mib = Some(number(r));
        }
        a
    }

    fn mutate(&mut self, text: &str) -> String {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        if lines.is_empty() {
            lines.push(String::new());
        }
        let at = self.rng.below(lines.len());
        match self.rng.below(14) {
            // A number replaced by a boundary value (or a float by a float).
            0..=3 => {
                if let Some(line) = self.replace_value(&lines[at]) {
                    lines[at] = line;
                } else {
                    for _ in 0..8 {
                        let i = self.rng.below(lines.len());
                        if let Some(line) = self.replace_value(&lines[i]) {
                            lines[i] = line;
                            break;
                        }
                    }
                }
            }
            // A quoted word replaced by a keyword or name of the format.
            4 | 5 => {
                if let Some(start) = lines[at].find('"') {
                    if let Some(len) = lines[at][start + 1..].find('"') {
                        let word = self.rng.pick(WORDS);
                        let line = &lines[at];
                        lines[at] =
                            format!("{}\"{word}\"{}", &line[..start], &line[start + len + 2..]);
                    }
                }
            }
            6 => {
                lines.remove(at);
            }
            7 => {
                let line = lines[at].clone();
                lines.insert(at, line);
            }
            8 => {
                let line = self.rng.pick(LINES).to_string();
                lines.insert(at, line);
            }
            // A block of lines from another seed spliced in.
            9 => {
                let other: Vec<&str> = self.rng.pick(self.seeds).lines().collect();
                if !other.is_empty() {
                    let from = self.rng.below(other.len());
                    let n = 1 + self.rng.below(12);
                    for (k, line) in other.iter().skip(from).take(n).enumerate() {
                        lines.insert((at + k).min(lines.len()), line.to_string());
                    }
                }
            }
            // A section repeated many times (limits on counts of tables).
            10 => {
                if let Some(start) = (0..=at).rev().find(|&i| lines[i].starts_with("[[")) {
                    let end = (start + 1..lines.len())
                        .find(|&i| lines[i].starts_with('['))
                        .unwrap_or(lines.len());
                    let block: Vec<String> = lines[start..end].to_vec();
                    let copies = *self.rng.pick(&[2usize, 16, 65, 200]);
                    for _ in 0..copies {
                        lines.extend(block.iter().cloned());
                    }
                }
            }
            // A key written quoted or dotted into its table.
            11 => {
                let line = lines[at].clone();
                if let Some((key, value)) = line.split_once(" = ") {
                    if !key.starts_with('[') && !key.contains('"') {
                        let header = (0..at)
                            .rev()
                            .find(|&i| lines[i].starts_with('[') && !lines[i].starts_with("[["))
                            .map(|i| lines[i].trim_matches(['[', ']']).to_string());
                        lines[at] = match (self.rng.chance(2), header) {
                            (true, Some(table)) => {
                                lines.remove(at);
                                lines.insert(0, format!("{table}.{key} = {value}"));
                                return lines.join("\n");
                            }
                            _ => format!("\"{key}\" = {value}"),
                        };
                    }
                }
            }
            // Truncation or a character flip.
            12 => {
                let line = &lines[at];
                if !line.is_empty() {
                    let cut = self.rng.below(line.len());
                    let cut = (0..=cut)
                        .rev()
                        .find(|&c| line.is_char_boundary(c))
                        .unwrap_or(0);
                    lines[at] = line[..cut].to_string();
                    if self.rng.chance(2) {
                        lines.truncate(at + 1);
                    }
                }
            }
            _ => {
                let b = self.rng.below(lines.len());
                lines.swap(at, b);
            }
        }
        let mut out = lines.join("\n");
        out.push('\n');
        out
    }

    /// The line with its value replaced, if it has one.
    fn replace_value(&mut self, line: &str) -> Option<String> {
        let (key, value) = line.split_once(" = ")?;
        let value = value.trim();
        let is_float = value.contains('.') && value.parse::<f64>().is_ok();
        let is_int = value.parse::<i128>().is_ok();
        let new = if value.starts_with('[') {
            let n = self.rng.below(20);
            let items: Vec<&str> = (0..n).map(|_| *self.rng.pick(INTEGERS)).collect();
            format!("[{}]", items.join(", "))
        } else if is_int && self.rng.chance(2) {
            // A nearby value: likelier to stay in range and reach the model.
            let n: i128 = value.parse().unwrap_or(0);
            let near = match self.rng.below(4) {
                0 => n * 2,
                1 => n / 2,
                2 => n + 1,
                _ => n * 10,
            };
            near.to_string()
        } else if is_float && self.rng.chance(2) {
            let x: f64 = value.parse().unwrap_or(0.0);
            format!("{:?}", x * 2.0)
        } else if is_float {
            self.rng.pick(FLOATS).to_string()
        } else if is_int || self.rng.chance(3) {
            if self.rng.chance(4) {
                self.rng.pick(FLOATS).to_string()
            } else {
                self.rng.pick(INTEGERS).to_string()
            }
        } else {
            return None;
        };
        Some(format!("{key} = {new}"))
    }
}

/// How far a passing input went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Rejected by the validator (with a well-formed error).
    Rejected,
    /// Accepted, but the adjustments or the run's limit stopped it.
    Accepted,
    /// Accepted and run to the end.
    Ran,
}

/// Checks one input. `Err` describes what went wrong.
pub fn check(input: &Input) -> Result<Stage, String> {
    let outcome = catch_unwind(AssertUnwindSafe(|| check_unwinding(input)));
    match outcome {
        Ok(result) => result,
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(format!("panic: {what}"))
        }
    }
}

/// The location of an error lies inside the text and the message is one line.
fn well_formed(e: &ScenarioError, text: &str) -> Result<(), String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let inside = e.line >= 1
        && e.line <= lines.len()
        && e.column >= 1
        && e.column <= lines[e.line - 1].chars().count() + 1;
    if !inside {
        return Err(format!(
            "location {}:{} outside the text: {e}",
            e.line, e.column
        ));
    }
    if e.message.trim().is_empty() || e.message.contains('\n') {
        return Err(format!("message is not one line: {:?}", e.message));
    }
    Ok(())
}

fn check_unwinding(input: &Input) -> Result<Stage, String> {
    let scenario = match Scenario::from_toml("fuzz.toml", &input.text) {
        Ok(s) => s,
        Err(e) => return well_formed(&e, &input.text).map(|()| Stage::Rejected),
    };
    accepted(&scenario)?;
    let scenario = match scenario.adjusted(&input.adjustments) {
        Ok(s) => s,
        Err(e) => return well_formed(&e, &input.text).map(|()| Stage::Accepted),
    };
    accepted(&scenario)?;
    // A short run: at most 5 simulated ms, within RUN_EVENTS events.
    let short = match scenario.adjusted(&Adjustments {
        duration_ms: Some(scenario.duration_ms.min(5)),
        ..Adjustments::default()
    }) {
        Ok(s) => s,
        Err(e) => return well_formed(&e, &input.text).map(|()| Stage::Accepted),
    };
    let estimate = short.estimated_events();
    let options = RunOptions {
        trace: short.trace,
        max_events: RUN_EVENTS,
    };
    match short.run_with(options) {
        Ok(result) => {
            // The description's placeholders filled with the run's figures.
            if let Some(description) = &result.description {
                for lang in [sim_core::Lang::En, sim_core::Lang::Ko] {
                    result.fill(description, lang);
                }
            }
            if result.events > estimate {
                return Err(format!(
                    "ran {} events, more than the estimate {estimate}",
                    result.events
                ));
            }
            // pCPUs running ahead (the default) must give the reference mode's result.
            same_in_reference_mode(&short, &result, options)?;
            // Over 5 ms no slice ends (24-30 ms), credit tick (10 ms) or accounting period
            // comes; a longer run of a small machine meets them.
            if let Ok(longer) = scenario.adjusted(&Adjustments {
                duration_ms: Some(scenario.duration_ms.min(35)),
                ..Adjustments::default()
            }) {
                let options = RunOptions {
                    max_events: 4 * RUN_EVENTS,
                    ..options
                };
                if longer.duration_ms > short.duration_ms
                    && longer.estimated_events() <= options.max_events
                {
                    if let Ok(result) = longer.run_with(options) {
                        same_in_reference_mode(&longer, &result, options)?;
                    }
                }
            }
            Ok(Stage::Ran)
        }
        Err(SimError::EventLimit { .. }) => Ok(Stage::Accepted),
        Err(e) => Err(format!("run failed: {e}")),
    }
}

/// `result` (a run of `scenario` with run-ahead, the default) is the reference mode's.
fn same_in_reference_mode(
    scenario: &Scenario,
    result: &sim_core::RunResult,
    options: RunOptions,
) -> Result<(), String> {
    let reference = run_event_per_item(scenario, options)?;
    if json(result)? != json(&reference)? {
        return Err(format!(
            "running ahead changes the result over {} ms (against the reference mode, \
             Runner::set_event_per_item)",
            scenario.duration_ms
        ));
    }
    Ok(())
}

/// Runs `scenario` with every item end through the event queue (the reference mode).
fn run_event_per_item(
    scenario: &Scenario,
    options: RunOptions,
) -> Result<sim_core::RunResult, String> {
    let mut runner = scenario
        .runner(options)
        .map_err(|e| format!("reference run: {e}"))?;
    runner.set_event_per_item(true);
    while !runner.is_finished() {
        runner
            .advance(1 << 20)
            .map_err(|e| format!("reference run: {e}"))?;
    }
    runner.finish().map_err(|e| format!("reference run: {e}"))
}

fn json(result: &sim_core::RunResult) -> Result<String, String> {
    serde_json::to_string(result).map_err(|e| format!("result not serializable: {e}"))
}

fn accepted(s: &Scenario) -> Result<(), String> {
    let estimate = s.estimated_events();
    if estimate > MAX_ESTIMATED_EVENTS {
        return Err(format!(
            "accepted with an estimate of {estimate} events, above the limit"
        ));
    }
    Ok(())
}
