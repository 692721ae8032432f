//! Temporary stand-in for sim-core's API while the real one is written (deleted once it lands).
#![allow(dead_code)]
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}
impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct SimError(pub String);
impl std::fmt::Display for SimError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Adjustments {
    pub seed: Option<u64>,
    pub instance_count: Option<u32>,
    pub vcpus_per_instance: Option<u32>,
    pub threads_per_instance: Option<u32>,
    pub workload: Option<String>,
    pub duration_ms: Option<u64>,
    pub vm_exit_cycles: Option<u64>,
    pub time_slice_ms: Option<u64>,
    pub host_cores: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    name: String,
    seed: u64,
    instances: u32,
    exit: u64,
}

impl Scenario {
    pub fn from_toml(file: &str, text: &str) -> Result<Scenario, ScenarioError> {
        let mut name = String::from("unnamed");
        let mut seed = 1;
        for (i, line) in text.lines().enumerate() {
            let l = line.trim();
            if l.is_empty() || l.starts_with('#') || l.starts_with('[') {
                continue;
            }
            let Some((k, v)) = l.split_once('=') else {
                return Err(ScenarioError {
                    file: file.into(),
                    line: i + 1,
                    column: 1,
                    message: "expected `key = value`".into(),
                });
            };
            match k.trim() {
                "name" => name = v.trim().trim_matches('"').to_string(),
                "seed" => {
                    seed = v.trim().parse().map_err(|_| ScenarioError {
                        file: file.into(),
                        line: i + 1,
                        column: line.find('=').unwrap() + 3,
                        message: "seed must be an integer".into(),
                    })?
                }
                _ => {}
            }
        }
        Ok(Scenario {
            name,
            seed,
            instances: 2,
            exit: 1200,
        })
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn seed(&self) -> u64 {
        self.seed
    }
    pub fn adjusted(&self, a: &Adjustments) -> Result<Scenario, ScenarioError> {
        let mut s = self.clone();
        if let Some(x) = a.seed {
            s.seed = x;
        }
        if let Some(x) = a.instance_count {
            s.instances = x;
        }
        if let Some(x) = a.vm_exit_cycles {
            s.exit = x;
        }
        Ok(s)
    }
    pub fn run(&self) -> Result<RunResult, SimError> {
        let mut r = self.runner(RunOptions {
            trace: false,
            max_events: u64::MAX,
        })?;
        while !r.is_finished() {
            r.advance(1000)?;
        }
        r.finish()
    }
    pub fn runner(&self, opts: RunOptions) -> Result<Runner, SimError> {
        Ok(Runner {
            s: self.clone(),
            done: 0,
            total: 200_000,
            trace: opts.trace,
        })
    }
}
#[derive(Debug, Clone, Copy)]
pub struct RunOptions {
    pub trace: bool,
    pub max_events: u64,
}
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}
pub struct Runner {
    s: Scenario,
    done: u64,
    total: u64,
    trace: bool,
}
impl Runner {
    pub fn advance(&mut self, budget: u64) -> Result<Progress, SimError> {
        let mut x = 0u64;
        for i in 0..budget.min(self.total - self.done) * 20 {
            x = x.wrapping_mul(31).wrapping_add(i);
        }
        std::hint::black_box(x);
        self.done = (self.done + budget).min(self.total);
        Ok(Progress {
            done: self.done,
            total: self.total,
        })
    }
    pub fn is_finished(&self) -> bool {
        self.done >= self.total
    }
    pub fn finish(self) -> Result<RunResult, SimError> {
        let e = self.s.exit as f64;
        let plats = [
            ("native", 0.0),
            ("type1", 1.0),
            ("type2", 2.2),
            ("container", 0.1),
        ];
        let platforms = plats
            .iter()
            .map(|(p, k)| {
                let rel = 1.0 / (1.0 + k * e / 10000.0 * self.s.instances as f64 / 2.0);
                PlatformResult {
                    platform: p.to_string(),
                    throughput: 1.0e6 * rel,
                    relative_to_native: rel,
                    latency: vec![LatencyStats {
                        operation: "syscall".into(),
                        mean_ns: 100.0 / rel,
                        p50_ns: 90.0 / rel,
                        p99_ns: 300.0 / rel,
                    }],
                    cpu: CpuBreakdown {
                        guest_user: 0.5,
                        guest_kernel: 0.2,
                        hypervisor: 0.1 * k,
                        device_emulation: 0.05 * k,
                        host_os: 0.05,
                        idle: 0.1,
                        steal: 0.02 * k,
                    },
                    exits: vec![
                        ("io".into(), (1000.0 * k) as u64),
                        ("cpuid".into(), (300.0 * k) as u64),
                    ],
                    paths: vec![OpPath {
                        operation: "syscall".into(),
                        steps: vec![
                            Step {
                                layer: "guest OS".into(),
                                description: "trap to kernel".into(),
                                cycles: 100,
                            },
                            Step {
                                layer: "hypervisor".into(),
                                description: "VM exit".into(),
                                cycles: (e * k) as u64,
                            },
                        ],
                    }],
                    layers: vec![
                        "hardware".into(),
                        "hypervisor".into(),
                        "guest OS".into(),
                        "application".into(),
                    ],
                }
            })
            .collect();
        let trace = self.trace.then(|| {
            let mut segs = vec![];
            for cpu in 0..4u32 {
                let mut t = 0;
                for i in 0..200u64 {
                    let len = 1000 + (i * 7919 + cpu as u64 * 31) % 5000;
                    segs.push(TraceSegment {
                        pcpu: cpu,
                        start: t,
                        end: t + len,
                        kind: ["guest", "hypervisor", "emulation", "host", "idle"]
                            [(i % 5) as usize]
                            .into(),
                        what: format!("vCPU {} op {i}", cpu),
                        why: "time slice".into(),
                    });
                    t += len;
                }
            }
            segs
        });
        Ok(RunResult {
            scenario: self.s.name.clone(),
            seed: self.s.seed,
            platforms,
            comparison: vec![ComparisonRow {
                key: "performance".into(),
                ko: "성능".into(),
                en: "Performance".into(),
                cells: vec![(
                    "hardware".into(),
                    "높음".into(),
                    "High".into(),
                    Some("0.93×".into()),
                )],
            }],
            questions: vec![QuestionAnswer {
                id: "q1".into(),
                prompt_en: "Which platform has the lowest p99 syscall latency?".into(),
                prompt_ko: "p99 시스템 콜 지연이 가장 낮은 플랫폼은?".into(),
                choices: vec!["native".into(), "type1".into(), "type2".into()],
                answer: "native".into(),
                tolerance: None,
                justification: "native p99 = 300 ns".into(),
            }],
            trace,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunResult {
    pub scenario: String,
    pub seed: u64,
    pub platforms: Vec<PlatformResult>,
    pub comparison: Vec<ComparisonRow>,
    pub questions: Vec<QuestionAnswer>,
    pub trace: Option<Vec<TraceSegment>>,
}
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlatformResult {
    pub platform: String,
    pub throughput: f64,
    pub relative_to_native: f64,
    pub latency: Vec<LatencyStats>,
    pub cpu: CpuBreakdown,
    pub exits: Vec<(String, u64)>,
    pub paths: Vec<OpPath>,
    pub layers: Vec<String>,
}
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LatencyStats {
    pub operation: String,
    pub mean_ns: f64,
    pub p50_ns: f64,
    pub p99_ns: f64,
}
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CpuBreakdown {
    pub guest_user: f64,
    pub guest_kernel: f64,
    pub hypervisor: f64,
    pub device_emulation: f64,
    pub host_os: f64,
    pub idle: f64,
    pub steal: f64,
}
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpPath {
    pub operation: String,
    pub steps: Vec<Step>,
}
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub layer: String,
    pub description: String,
    pub cycles: u64,
}
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonRow {
    pub key: String,
    pub ko: String,
    pub en: String,
    pub cells: Vec<(String, String, String, Option<String>)>,
}
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionAnswer {
    pub id: String,
    pub prompt_en: String,
    pub prompt_ko: String,
    pub choices: Vec<String>,
    pub answer: String,
    pub tolerance: Option<f64>,
    pub justification: String,
}
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TraceSegment {
    pub pcpu: u32,
    pub start: u64,
    pub end: u64,
    pub kind: String,
    pub what: String,
    pub why: String,
}

pub const MOCK_SCENARIOS: &[(&str, &str)] = &[
    (
        "type1-vs-type2.toml",
        "name = \"Type 1 vs type 2\"\nseed = 42\n[host]\ncores = 4\n",
    ),
    (
        "containers-vs-vms.toml",
        "name = \"Containers vs VMs\"\nseed = 7\n",
    ),
];
