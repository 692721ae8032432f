//! The page's state, the actions that change it, and the reducer (one place
//! where state changes, as in Yew's function_todomvc example).

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::builtin;
use crate::core::explain::{self, Explanation};
use crate::core::{
    Adjustments, NetworkMode, Op, PlatformKind, RunResult, Scenario, StorageMode, Technique, Text,
};
use crate::i18n::Lang;
use crate::share::Shared;

/// Largest scenario text the page accepts (bigger ones get an error, not a hang).
pub const MAX_SCENARIO_BYTES: usize = 256 * 1024;

/// How long a run goes on before the page shows that it runs (progress bar, results
/// marked stale and dimmed). A re-run after a slider move usually takes well under this
/// and its results replace the old ones in place: a bar and a dimmed panel shown for a
/// few frames would only flicker, and painting them takes the CPU that the simulation
/// workers need on a small machine (on the 2-core development machine, showing them at
/// once made such re-runs about 1.5 times slower: README, "Performance").
pub const SHOW_RUNNING_AFTER_MS: u32 = 250;

/// Control settings layered over the scenario; `None` keeps the scenario's value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Knobs {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_count: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vcpus_per_instance: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threads_per_instance: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workload: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vm_exit_cycles: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_slice_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_cores: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_clock_mhz: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory_per_instance_mib: Option<u32>,
}

impl Knobs {
    /// sim-core's view of the same settings.
    pub fn to_adjustments(&self) -> Adjustments {
        Adjustments {
            seed: self.seed,
            duration_ms: self.duration_ms,
            host_cores: self.host_cores,
            host_clock_mhz: self.host_clock_mhz,
            memory_per_instance_mib: self.memory_per_instance_mib,
            instance_count: self.instance_count,
            vcpus_per_instance: self.vcpus_per_instance,
            threads_per_instance: self.threads_per_instance,
            workload: self.workload.clone(),
            vm_exit_cycles: self.vm_exit_cycles,
            time_slice_ms: self.time_slice_ms,
        }
    }

    /// The same settings with every slider that stands at the scenario's own value put
    /// back to "as written" (`None`). The slider's baseline is one number, but the
    /// scenario may differ by group or platform (memory-overcommit runs 4 VMs on one
    /// platform and 8 on the others; groups can have their own vCPUs, platforms their
    /// own slices), and a moved slider sets every group or platform to its value: moving
    /// it away and back must give the scenario back, not 4 VMs everywhere.
    pub fn at_baseline_as_written(mut self, base: &Baseline) -> Knobs {
        fn clear<T: PartialEq>(knob: &mut Option<T>, baseline: T) {
            if knob.as_ref() == Some(&baseline) {
                *knob = None;
            }
        }
        clear(&mut self.instance_count, base.instance_count);
        clear(&mut self.vcpus_per_instance, base.vcpus_per_instance);
        clear(&mut self.threads_per_instance, base.threads_per_instance);
        clear(&mut self.host_cores, base.host_cores);
        clear(&mut self.host_clock_mhz, base.host_clock_mhz);
        clear(
            &mut self.memory_per_instance_mib,
            base.memory_per_instance_mib,
        );
        clear(&mut self.vm_exit_cycles, base.vm_exit_cycles);
        clear(&mut self.time_slice_ms, base.time_slice_ms);
        clear(&mut self.duration_ms, base.duration_ms);
        self
    }
}

/// A message in both page languages (sim-core's validator renders both).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Msg {
    pub en: String,
    pub ko: String,
}

impl Msg {
    /// The message in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.ko, &self.en)
    }

    /// A validator error's message in both languages.
    pub fn of_error(e: &crate::core::ScenarioError) -> Msg {
        Msg {
            en: e.message_in(crate::core::text::Lang::En),
            ko: e.message_in(crate::core::text::Lang::Ko),
        }
    }
}

/// A validation error of the editor's text, pointing at line and column.
#[derive(Debug, Clone, PartialEq)]
pub struct EditorError {
    pub line: usize,
    pub column: usize,
    pub message: Msg,
    /// "file:line:column: message"
    pub display: Msg,
}

/// The scenario's own values of the controlled parameters (what a slider shows untouched).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Baseline {
    pub instance_count: u32,
    pub vcpus_per_instance: u32,
    pub threads_per_instance: u32,
    pub host_cores: u32,
    /// The host's clock, MHz.
    pub host_clock_mhz: u32,
    /// The first instance group's memory (a VM's memory, a container's limit), MiB.
    pub memory_per_instance_mib: u32,
    /// Each group's own memory, MiB, in order.
    pub group_memory_mib: Vec<u64>,
    pub vm_exit_cycles: u64,
    pub time_slice_ms: u64,
    /// The smallest and largest time slice of the platforms (they differ by scheduler).
    pub time_slice_range: (u64, u64),
    pub duration_ms: u64,
    pub title: Option<Text>,
    pub description: Option<Text>,
    /// The instances slider's range: the fewest and the most instances per group for
    /// which the scenario is valid (the scenario's own first count lies between).
    pub min_instances: u32,
    pub max_instances: u32,
    /// Instance groups in the scenario.
    pub groups: u32,
    /// Each group's own instance count, in order.
    pub group_counts: Vec<u32>,
    /// For each platform, which groups (indices) it runs: a group can be limited to some
    /// platforms, so the groups' sum is not always what one platform runs.
    pub platform_groups: Vec<Vec<usize>>,
    /// Each platform's name and label (answers and options show the label).
    pub platform_labels: Vec<(String, Option<crate::core::text::Text>)>,
    /// Container platforms' network and storage modes, by platform name.
    pub container_modes: Vec<(String, NetworkMode, StorageMode)>,
    /// The scenario's questions' operations, in order (for choosing default views).
    pub question_ops: Vec<Op>,
    /// Each instance group's workload, by name.
    pub group_workloads: Vec<String>,
    /// The scenario's questions as written (a control can leave some out: a question
    /// about an operation the chosen workload does not make).
    pub question_count: usize,
}

impl Baseline {
    /// The label of platform `name` in the page's language (the name when it has none).
    pub fn platform_label(&self, lang: Lang, name: &str) -> String {
        self.platform_labels
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, l)| l.as_ref())
            .map_or_else(|| name.to_string(), |l| lang.pick(&l.ko, &l.en).to_string())
    }

    fn of(s: &Scenario) -> Baseline {
        let first = s.instances.first();
        Baseline {
            instance_count: first.map_or(1, |i| i.count),
            vcpus_per_instance: first.map_or(1, |i| i.vcpus),
            threads_per_instance: first.map_or(1, |i| i.threads),
            host_cores: s.host.cores,
            host_clock_mhz: u32::try_from(s.host.clock_mhz).unwrap_or(u32::MAX),
            memory_per_instance_mib: first
                .map_or(1024, |i| u32::try_from(i.memory_mib).unwrap_or(u32::MAX)),
            group_memory_mib: s.instances.iter().map(|i| i.memory_mib).collect(),
            vm_exit_cycles: s.costs.exit_roundtrip(s.host.cpu),
            time_slice_ms: s.platforms.first().map_or(30, |p| p.time_slice_ms),
            time_slice_range: (
                s.platforms
                    .iter()
                    .map(|p| p.time_slice_ms)
                    .min()
                    .unwrap_or(30),
                s.platforms
                    .iter()
                    .map(|p| p.time_slice_ms)
                    .max()
                    .unwrap_or(30),
            ),
            duration_ms: s.duration_ms,
            title: s.title.clone(),
            description: s.description.clone(),
            min_instances: min_instances(s).min(first.map_or(1, |i| i.count)),
            max_instances: max_instances(s).max(first.map_or(1, |i| i.count)),
            groups: s.instances.len() as u32,
            group_counts: s.instances.iter().map(|i| i.count).collect(),
            group_workloads: s
                .instances
                .iter()
                .map(|i| i.workload.name.clone())
                .collect(),
            question_count: s.questions.len(),
            platform_labels: s
                .platforms
                .iter()
                .map(|p| (p.name.clone(), p.label.clone()))
                .collect(),
            platform_groups: (0..s.platforms.len())
                .map(|p| {
                    (0..s.instances.len())
                        .filter(|&g| s.instances[g].platforms.contains(&p))
                        .collect()
                })
                .collect(),
            container_modes: s
                .platforms
                .iter()
                .filter(|p| p.stack.kind == PlatformKind::Container)
                .map(|p| (p.name.clone(), p.stack.network, p.stack.storage))
                .collect(),
            question_ops: s.questions.iter().filter_map(|q| q.op).collect(),
        }
    }
}

/// The most instances per group (every group set to the same count, as the slider does,
/// at most [`MAX_INSTANCES_SLIDER`]) for which the scenario is still valid: from the count
/// whose memory fits every platform's host (an upper bound: the host keeps a reserve and a
/// VM more than its memory) down to the first the validator accepts, so that no position
/// of the slider is an error. A scenario invalid even at 1 keeps the bound.
fn max_instances(s: &Scenario) -> u32 {
    let bound = memory_bound(s).clamp(1, MAX_INSTANCES_SLIDER);
    (1..=bound)
        .rev()
        .find(|&n| valid_with(s, n))
        .unwrap_or(bound)
}

/// The fewest instances per group (every group set to the same count) for which the
/// scenario is valid: a fault on the third copy of a group needs three. Searched up to the
/// memory bound; 1 when none is valid there.
fn min_instances(s: &Scenario) -> u32 {
    let bound = memory_bound(s).clamp(1, MAX_INSTANCES_SLIDER);
    (1..=bound).find(|&n| valid_with(s, n)).unwrap_or(1)
}

/// Whether the scenario stays valid with every group set to `n` instances.
fn valid_with(s: &Scenario, n: u32) -> bool {
    s.adjusted(&Adjustments {
        instance_count: Some(n),
        ..Default::default()
    })
    .is_ok()
}

/// The instances slider's largest position, whatever the host's memory allows.
const MAX_INSTANCES_SLIDER: u32 = 32;

/// Instances per group (every group set to the same count) whose configured memory adds up
/// to at most the host's on every platform.
fn memory_bound(s: &Scenario) -> u32 {
    (0..s.platforms.len())
        .filter_map(|p| {
            let per_copy: u64 = s
                .instances
                .iter()
                .filter(|i| i.platforms.contains(&p))
                .map(|i| i.memory_mib)
                .sum();
            (per_copy > 0).then(|| s.host.memory_mib / per_copy)
        })
        .min()
        .unwrap_or(u64::from(u32::MAX))
        .min(u64::from(u32::MAX)) as u32
}

/// A control setting that makes the scenario invalid: which control, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct KnobError {
    /// The id of the control that was changed last (`k-instances`, …), if known.
    pub control: Option<&'static str>,
    pub message: Msg,
}

/// The control settings in `knobs` that differ from the scenario's own values (`base`),
/// each named with its value in `lang` ("VM exit round trip 3,000 cycles"), in the
/// controls' order: what a question's explanation, written for the scenario as written,
/// may not match. A slider that sets every group or platform differs when any of them had
/// another value. The seed is left out: another seed draws the same operations in another
/// order, which moves the figures within a run's noise, and every student of an
/// assignment step with `student_seed` has one of their own.
pub fn changed_settings(lang: Lang, knobs: &Knobs, base: &Baseline) -> Vec<String> {
    let t = |key| crate::i18n::t(lang, key);
    let count = |n: u64| crate::num::num(n as f64);
    let mut out = Vec::new();
    let mut note = |key, value: String| out.push(t(key).replace("{}", &value));
    if let Some(n) = knobs.instance_count {
        if base.group_counts.iter().any(|&c| c != n) {
            note("settings.instances", count(n.into()));
        }
    }
    if let Some(n) = knobs
        .vcpus_per_instance
        .filter(|&n| n != base.vcpus_per_instance)
    {
        note("settings.vcpus", count(n.into()));
    }
    if let Some(n) = knobs
        .threads_per_instance
        .filter(|&n| n != base.threads_per_instance)
    {
        note("settings.threads", count(n.into()));
    }
    if let Some(n) = knobs.host_cores.filter(|&n| n != base.host_cores) {
        note("settings.host_cores", count(n.into()));
    }
    if let Some(n) = knobs.host_clock_mhz.filter(|&n| n != base.host_clock_mhz) {
        note("settings.host_clock", count(n.into()));
    }
    if let Some(n) = knobs.memory_per_instance_mib {
        if base.group_memory_mib.iter().any(|&m| m != u64::from(n)) {
            note("settings.memory", count(n.into()));
        }
    }
    if let Some(n) = knobs.vm_exit_cycles.filter(|&n| n != base.vm_exit_cycles) {
        note("settings.exit_cycles", count(n));
    }
    if let Some(n) = knobs.time_slice_ms {
        if base.time_slice_range != (n, n) {
            note("settings.time_slice", count(n));
        }
    }
    if let Some(n) = knobs.duration_ms.filter(|&n| n != base.duration_ms) {
        note("settings.duration", count(n));
    }
    if let Some(w) = knobs
        .workload
        .as_ref()
        .filter(|w| base.group_workloads.iter().any(|g| g != *w))
    {
        note("settings.workload", w.clone());
    }
    out
}

/// The settings in `knobs` that differ from the scenario's own values (`base`) other than
/// those `handed` sets to the same value: `handed` is what an assignment step was handed
/// out with (the student's variant), which is the step as given, not a difference.
pub fn changed_settings_from(
    lang: Lang,
    knobs: &Knobs,
    handed: &Knobs,
    base: &Baseline,
) -> Vec<String> {
    fn unless<T: PartialEq + Clone>(value: &Option<T>, handed: &Option<T>) -> Option<T> {
        if value == handed {
            None
        } else {
            value.clone()
        }
    }
    let own = Knobs {
        seed: None,
        instance_count: unless(&knobs.instance_count, &handed.instance_count),
        vcpus_per_instance: unless(&knobs.vcpus_per_instance, &handed.vcpus_per_instance),
        threads_per_instance: unless(&knobs.threads_per_instance, &handed.threads_per_instance),
        workload: unless(&knobs.workload, &handed.workload),
        duration_ms: unless(&knobs.duration_ms, &handed.duration_ms),
        vm_exit_cycles: unless(&knobs.vm_exit_cycles, &handed.vm_exit_cycles),
        time_slice_ms: unless(&knobs.time_slice_ms, &handed.time_slice_ms),
        host_cores: unless(&knobs.host_cores, &handed.host_cores),
        host_clock_mhz: unless(&knobs.host_clock_mhz, &handed.host_clock_mhz),
        memory_per_instance_mib: unless(
            &knobs.memory_per_instance_mib,
            &handed.memory_per_instance_mib,
        ),
    };
    changed_settings(lang, &own, base)
}

/// The id of the first control whose setting differs between `a` and `b`.
pub fn changed_control(a: &Knobs, b: &Knobs) -> Option<&'static str> {
    if a.instance_count != b.instance_count {
        Some("k-instances")
    } else if a.vcpus_per_instance != b.vcpus_per_instance {
        Some("k-vcpus")
    } else if a.threads_per_instance != b.threads_per_instance {
        Some("k-threads")
    } else if a.host_cores != b.host_cores {
        Some("k-host-cores")
    } else if a.host_clock_mhz != b.host_clock_mhz {
        Some("k-clock")
    } else if a.memory_per_instance_mib != b.memory_per_instance_mib {
        Some("k-memory")
    } else if a.vm_exit_cycles != b.vm_exit_cycles {
        Some("k-exit")
    } else if a.time_slice_ms != b.time_slice_ms {
        Some("k-slice")
    } else if a.duration_ms != b.duration_ms {
        Some("k-duration")
    } else if a.workload != b.workload {
        Some("k-workload")
    } else if a.seed != b.seed {
        Some("k-seed")
    } else {
        None
    }
}

/// The control that sets the field a control error names (its `field` parameter),
/// for a share link, where no control was "changed last".
pub fn control_of(e: &crate::core::ScenarioError) -> Option<&'static str> {
    let field = e.params.iter().find(|(k, _)| *k == "field")?.1.as_str();
    let last = field.rsplit('.').next().unwrap_or(field);
    Some(match last {
        "count" => "k-instances",
        "vcpus" => "k-vcpus",
        "threads" => "k-threads",
        "cores" => "k-host-cores",
        "clock_ghz" => "k-clock",
        "memory_gib" if !field.starts_with("host.") => "k-memory",
        "vm_exit_roundtrip" => "k-exit",
        "time_slice_ms" => "k-slice",
        "duration_ms" => "k-duration",
        "workload" => "k-workload",
        "seed" => "k-seed",
        _ => return None,
    })
}

/// The outcome of validating the editor's text.
#[derive(Debug, Clone, PartialEq)]
pub enum Validation {
    Valid {
        name: String,
        seed: u64,
        baseline: Box<Baseline>,
        /// sim-core's estimate of the events a run needs (0 when the controls are invalid).
        events: u64,
        /// Duration of the run, ms (with the controls applied).
        duration_ms: u64,
    },
    Invalid(EditorError),
}

/// Validates scenario text the way a run would read it: the text itself (an editor
/// error), then the controls layered over it (a control error; the text stays valid).
pub fn validate(
    file: &str,
    text: &str,
    knobs: &Knobs,
) -> (Validation, Option<(Msg, Option<&'static str>)>) {
    if text.len() > MAX_SCENARIO_BYTES {
        let message = Msg {
            en: format!(
                "scenario is {} bytes; at most {} are accepted",
                text.len(),
                MAX_SCENARIO_BYTES
            ),
            ko: format!(
                "시나리오가 {}바이트입니다. 최대 {}바이트까지 받습니다",
                text.len(),
                MAX_SCENARIO_BYTES
            ),
        };
        return (
            Validation::Invalid(EditorError {
                line: 1,
                column: 1,
                display: Msg {
                    en: format!("{file}:1:1: {}", message.en),
                    ko: format!("{file}:1:1: {}", message.ko),
                },
                message,
            }),
            None,
        );
    }
    match Scenario::from_toml(file, text) {
        Err(e) => (
            Validation::Invalid(EditorError {
                line: e.line,
                column: e.column,
                message: Msg::of_error(&e),
                display: Msg {
                    en: e.to_string_in(crate::core::text::Lang::En),
                    ko: e.to_string_in(crate::core::text::Lang::Ko),
                },
            }),
            None,
        ),
        Ok(base) => {
            let baseline = Box::new(Baseline::of(&base));
            match base.adjusted(&knobs.to_adjustments()) {
                Ok(s) => (
                    Validation::Valid {
                        name: s.name().to_string(),
                        seed: s.seed(),
                        events: s.estimated_events(),
                        duration_ms: s.duration_ms,
                        baseline,
                    },
                    None,
                ),
                Err(e) => (
                    Validation::Valid {
                        name: base.name().to_string(),
                        seed: knobs.seed.unwrap_or(base.seed()),
                        events: 0,
                        duration_ms: base.duration_ms,
                        baseline,
                    },
                    Some((Msg::of_error(&e), control_of(&e))),
                ),
            }
        }
    }
}

/// What a share link that cannot be read says (not the decoder's technical error).
/// The `name` of the `[scenario]` table of a scenario text, read line by line (the text
/// may not be valid yet): the first `name = "..."` after the `[scenario]` header, before
/// the next header.
fn scenario_name_in(text: &str) -> Option<String> {
    let mut in_scenario = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_scenario = line.trim_end_matches(|c: char| c.is_whitespace()) == "[scenario]"
                || line.starts_with("[scenario]") && line[10..].trim_start().starts_with('#');
            continue;
        }
        if !in_scenario {
            continue;
        }
        let Some(rest) = line.strip_prefix("name") else {
            continue;
        };
        let rest = rest.trim_start().strip_prefix('=')?.trim_start();
        let name = rest.strip_prefix('"')?.split('"').next()?;
        return (!name.trim().is_empty()).then(|| name.to_string());
    }
    None
}

/// Whether a notice is a failed library fetch's (in either language).
fn is_fetch_notice(notice: &str) -> bool {
    [Lang::En, Lang::Ko].into_iter().any(|l| {
        ["library.fetch_failed", "library.fetch_failed_assignment"]
            .into_iter()
            .any(|key| notice.contains(crate::i18n::t(l, key)))
    })
}

/// What the page says when a library text could not be loaded: the file (after the
/// assignment whose step needs it, if any), what could not be loaded, and why.
pub fn fetch_notice(lang: Lang, failure: &builtin::FetchFailure, within: Option<&str>) -> String {
    use builtin::FetchProblem;
    let t = |key| crate::i18n::t(lang, key);
    let what = if failure.file.starts_with("assignments/") {
        t("library.fetch_failed_assignment")
    } else {
        t("library.fetch_failed")
    };
    let why = match failure.problem {
        FetchProblem::Connection => t("library.fetch_connection").to_string(),
        FetchProblem::Status(code) => {
            t("library.fetch_status").replacen("{}", &code.to_string(), 1)
        }
        FetchProblem::Changed => t("library.fetch_changed").to_string(),
    };
    let within = within.map(|a| format!("{a}: ")).unwrap_or_default();
    format!("{within}{}: {what}: {why}", failure.file)
}

pub fn bad_share_notice(lang: Lang) -> String {
    format!(
        "{}. {}",
        crate::i18n::t(lang, "share.bad"),
        crate::i18n::t(lang, "share.bad.hint")
    )
}

/// Where a run stands.
#[derive(Debug, Clone, PartialEq)]
pub enum RunStatus {
    Idle,
    Running { done: u64, total: u64 },
    Done { events: u64, millis: f64 },
    Cancelled,
    Failed(Msg),
}

/// A shared run result compared by identity (cheap), not by content.
#[derive(Debug, Clone)]
pub struct ResultRef(pub Rc<RunResult>);

impl PartialEq for ResultRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for ResultRef {
    type Target = RunResult;
    fn deref(&self) -> &RunResult {
        &self.0
    }
}

/// What a run was started from: the scenario text and the control settings.
#[derive(Debug, Clone, PartialEq)]
pub struct RunInput {
    pub file: String,
    pub text: Rc<str>,
    pub knobs: Knobs,
}

/// Estimated events per millisecond before any run has been measured on this device:
/// a page run does about 8 million events/s (README) and sim-core's estimate is an
/// upper bound, about twice the events a library scenario needs.
pub const DEFAULT_EVENTS_PER_MS: f64 = 16_000.0;

/// What a run of the current scenario will cost, before it starts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub events: u64,
    /// Expected wall-clock time on this device, ms.
    pub millis: f64,
    /// Whether the estimate exceeds the page's event budget (`run::MAX_EVENTS`).
    pub over_budget: bool,
    /// A duration (ms) that would bring the run under the budget.
    pub fitting_duration_ms: u64,
}

/// The result views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Table,
    Charts,
    Timeline,
    Paths,
    Questions,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Table,
        Tab::Charts,
        Tab::Timeline,
        Tab::Paths,
        Tab::Questions,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Tab::Table => "tab.table",
            Tab::Charts => "tab.charts",
            Tab::Timeline => "tab.timeline",
            Tab::Paths => "tab.paths",
            Tab::Questions => "tab.questions",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Tab::Table => "table",
            Tab::Charts => "charts",
            Tab::Timeline => "timeline",
            Tab::Paths => "paths",
            Tab::Questions => "questions",
        }
    }
}

/// The step-through of one operation on one platform (Stack & paths view): sim-core's
/// phases of the shown result's scenario, built here in the reducer, never in a component.
#[derive(Debug, Clone, PartialEq)]
pub struct Trap {
    /// Index of the platform in the result.
    pub platform: usize,
    pub op: Op,
    /// The phase shown (index into `own.phases`).
    pub phase: usize,
    pub own: Rc<Explanation>,
    /// The same operation natively and under the other techniques.
    pub others: Rc<Vec<Explanation>>,
    /// The user picked this platform and operation (`Action::TrapSelect`): a new result
    /// of the same scenario keeps them, and the path tables follow them.
    pub chosen: bool,
}

/// What the step-through's controls ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrapMove {
    Next,
    Previous,
    First,
    Last,
    To(usize),
}

impl Trap {
    /// The explanation of `op` on `platform` in `scenario`, at its first phase.
    pub fn build(scenario: &Scenario, platform: usize, op: Op) -> Option<Trap> {
        let own = explain::explain(scenario, platform, op)?;
        Some(Trap {
            platform,
            op,
            phase: 0,
            own: Rc::new(own),
            others: Rc::new(explain::side_by_side(scenario, platform, op)),
            chosen: false,
        })
    }

    /// The step-through a new result opens on: the same platform (by index and name)
    /// and operation as before if they still exist, else the first hardware-assisted platform (else the
    /// first platform) and on it `preferred` (the operation the Stack & paths tables open
    /// on, so that the two agree) if it takes a VM exit there, else the first operation
    /// that does.
    pub fn default_for(
        scenario: &Scenario,
        previous: Option<&Trap>,
        preferred: Option<Op>,
    ) -> Option<Trap> {
        if let Some(p) = previous.filter(|p| p.chosen) {
            let same_platform = scenario
                .platforms
                .get(p.platform)
                .is_some_and(|s| s.name == p.own.name);
            if let Some(t) = same_platform
                .then(|| Trap::build(scenario, p.platform, p.op))
                .flatten()
            {
                return Some(Trap { chosen: true, ..t });
            }
        }
        // Hardware-assisted platforms first, then the other VMs, then the rest.
        let n = scenario.platforms.len();
        let order: Vec<usize> = (0..n)
            .filter(|&i| scenario.platforms[i].stack.technique == Some(Technique::HardwareAssist))
            .chain((0..n).filter(|&i| {
                let p = &scenario.platforms[i];
                p.stack.is_vm() && p.stack.technique != Some(Technique::HardwareAssist)
            }))
            .chain((0..n).filter(|&i| !scenario.platforms[i].stack.is_vm()))
            .collect();
        let platform = order.first().copied().unwrap_or(0);
        // The tables' operation: on the first platform where it exits, else where it runs
        // at all (the tables and the step-through then show the same operation).
        if let Some(op) = preferred {
            let exiting = order
                .iter()
                .filter_map(|&pl| Trap::build(scenario, pl, op))
                .find(|t| t.own.has_vm_exit());
            if let Some(t) = exiting.or_else(|| Trap::build(scenario, platform, op)) {
                return Some(t);
            }
        }
        Op::ALL
            .into_iter()
            .filter_map(|op| Trap::build(scenario, platform, op))
            .find(|t| t.own.has_vm_exit())
            .or_else(|| Trap::build(scenario, platform, Op::ALL[0]))
    }

    /// The same step-through at another phase (kept inside the phases).
    pub fn moved(&self, to: TrapMove) -> Trap {
        let last = self.own.phases.len().saturating_sub(1);
        let phase = match to {
            TrapMove::Next => (self.phase + 1).min(last),
            TrapMove::Previous => self.phase.saturating_sub(1),
            TrapMove::First => 0,
            TrapMove::Last => last,
            TrapMove::To(i) => i.min(last),
        };
        Trap {
            phase,
            ..self.clone()
        }
    }
}

/// The scenario a run input stands for (the text with its control settings), if valid.
pub fn scenario_of(input: &RunInput) -> Option<Scenario> {
    Scenario::from_toml(&input.file, &input.text)
        .ok()?
        .adjusted(&input.knobs.to_adjustments())
        .ok()
}

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub lang: Lang,
    /// Index into the library (`builtin::INDEX`) of the scenario last picked, if the text came from there.
    pub builtin: Option<usize>,
    pub file: String,
    /// `file` follows the `[scenario]` name in the text: a library scenario's text was
    /// replaced (pasted over) or renamed. A file opened from disk keeps its own name.
    pub file_from_text: bool,
    pub text: Rc<str>,
    pub validation: Validation,
    pub knobs: Knobs,
    /// Bumped whenever a run starts or is cancelled; a run reports under its id.
    pub run_id: u64,
    pub status: RunStatus,
    pub result: Option<ResultRef>,
    pub tab: Tab,
    pub notice: Option<String>,
    /// The library file being fetched, if any (the page shows it and Run waits).
    pub loading: Option<String>,
    /// Set while the controls make the (valid) scenario invalid; nothing runs then.
    pub knob_error: Option<KnobError>,
    /// The scenario's own control values, kept from the last valid text so the
    /// controls do not jump while the editor's text is briefly invalid.
    pub baseline: Rc<Baseline>,
    /// The scenario and settings of the run in progress.
    pub running: Option<RunInput>,
    /// The scenario and settings the shown result came from.
    pub result_input: Option<RunInput>,
    /// The controls' baseline of the run in progress, and of the shown result (a stale
    /// result keeps its own scenario's container modes when another scenario is open).
    pub running_baseline: Option<Rc<Baseline>>,
    pub result_baseline: Option<Rc<Baseline>>,
    /// Estimated events (sim-core's upper bound) per wall-clock millisecond, measured
    /// by the last run on this device.
    pub events_per_ms: f64,
    /// When the run in progress started (`performance.now()`), for the time left.
    pub run_started_ms: Option<f64>,
    /// The run in progress has gone on for [`SHOW_RUNNING_AFTER_MS`]: the page shows that
    /// it runs (progress bar, results marked stale and dimmed). Before that, the shown
    /// results stay as they are and are replaced in place.
    pub running_shown: bool,
    /// The shown results were marked stale when the run in progress started (an edit not
    /// run yet): they stay marked through it, shown or not.
    pub stale_at_run_start: bool,
    /// The estimated events of the run in progress (to calibrate `events_per_ms`).
    pub running_estimate: Option<u64>,
    /// The user asked to run these settings although their estimate is over the page's
    /// budget (the estimate is an upper bound; the run still stops at `run::MAX_EVENTS`).
    /// Any change of the text or the controls clears it.
    pub run_anyway: bool,
    /// The step-through of the shown result (Stack & paths view).
    pub trap: Option<Trap>,
    /// The open assignment, if any (course.rs).
    pub course: Option<crate::course::Course>,
}

impl State {
    /// The initial state: a share link's scenario if there is one, else the first built-in scenario.
    pub fn new(lang: Lang, shared: Option<Result<Shared, String>>) -> State {
        let mut state = State {
            lang,
            builtin: None,
            file: String::new(),
            file_from_text: false,
            text: Rc::from(""),
            validation: validate("", "", &Knobs::default()).0,
            knobs: Knobs::default(),
            run_id: 0,
            status: RunStatus::Idle,
            result: None,
            tab: Tab::Table,
            notice: None,
            loading: None,
            knob_error: None,
            baseline: Rc::new(Baseline::default()),
            running: None,
            result_input: None,
            running_baseline: None,
            result_baseline: None,
            events_per_ms: DEFAULT_EVENTS_PER_MS,
            run_started_ms: None,
            running_shown: false,
            stale_at_run_start: false,
            running_estimate: None,
            run_anyway: false,
            trap: None,
            course: None,
        };
        match shared {
            Some(Ok(shared)) => state.apply_shared(shared),
            other => {
                if let Some(Err(_)) = other {
                    state.notice = Some(bad_share_notice(lang));
                }
                // Open on the seed document's comparison table: the product's starting point
                // (built into the wasm, so no fetch delays the first render).
                let first = builtin::first();
                if let (Some(file), Some(text)) =
                    (builtin::files().nth(first), builtin::text(first))
                {
                    state.load(Some(first), file.to_string(), text.to_string());
                }
            }
        }
        state.start_run_if_valid();
        state
    }

    pub(crate) fn load(&mut self, builtin: Option<usize>, file: String, text: String) {
        self.builtin = builtin;
        self.file = file;
        self.file_from_text = false;
        self.text = Rc::from(text);
        self.knobs = Knobs::default();
        self.revalidate();
    }

    fn apply_shared(&mut self, shared: Shared) {
        self.builtin = builtin::index_of(&shared.file, &shared.text);
        self.file = shared.file;
        self.text = Rc::from(shared.text);
        self.knobs = shared.knobs;
        self.revalidate_after(None);
    }

    pub(crate) fn revalidate(&mut self) {
        self.revalidate_after(None);
    }

    /// Revalidates; a control error is blamed on `control` (the one just changed).
    fn revalidate_after(&mut self, control: Option<&'static str>) {
        self.run_anyway = false;
        let (validation, knob_error) = validate(&self.file, &self.text, &self.knobs);
        if let Validation::Valid { baseline, .. } = &validation {
            self.baseline = Rc::new((**baseline).clone());
        }
        self.validation = validation;
        // Blamed on the control just changed, else on the one setting the field named.
        self.knob_error = knob_error.map(|(message, named)| KnobError {
            control: control.or(named),
            message,
        });
        if self.knob_error.is_some() && !self.is_running() {
            // The shown results no longer match the controls: drop the "done" line.
            self.status = RunStatus::Idle;
        }
    }

    /// Whether the scenario and the controls can run (valid, within the page's budget, and
    /// not an assignment step whose predictions are still to be committed: committing them
    /// runs it).
    pub fn can_run(&self) -> bool {
        !self.awaiting_predictions()
            && matches!(self.validation, Validation::Valid { .. })
            && self.knob_error.is_none()
            && (self.run_anyway || !self.estimate().is_some_and(|e| e.over_budget))
    }

    /// An assignment step waits for its predictions: its results (and exports) stay
    /// hidden and it does not run.
    pub fn awaiting_predictions(&self) -> bool {
        self.course
            .as_ref()
            .is_some_and(|c| c.awaiting_predictions())
    }

    /// The scenario and settings now on screen.
    pub fn input(&self) -> RunInput {
        RunInput {
            file: self.file.clone(),
            text: self.text.clone(),
            knobs: self.knobs.clone(),
        }
    }

    /// Whether the page marks the shown results stale: when they are, except while a run
    /// that has not been shown yet ([`SHOW_RUNNING_AFTER_MS`]) replaces them, unless they
    /// were marked already when it started.
    pub fn shows_results_stale(&self) -> bool {
        self.results_stale()
            && (!self.is_running() || self.running_shown || self.stale_at_run_start)
    }

    /// Whether the shown results came from another scenario text or other settings
    /// than those now on screen.
    pub fn results_stale(&self) -> bool {
        self.result.is_some()
            && self
                .result_input
                .as_ref()
                .is_none_or(|r| r.text != self.text || r.knobs != self.knobs)
    }

    /// The settings the shown result ran with that differ from its scenario's own values,
    /// named in the page's language (see [`changed_settings`]).
    pub fn result_settings_changed(&self) -> Vec<String> {
        match (&self.result_input, &self.result_baseline) {
            (Some(input), Some(base)) => changed_settings(self.lang, &input.knobs, base),
            _ => Vec::new(),
        }
    }

    /// The settings the shown result ran with that differ from those `handed` (an
    /// assignment step's scenario and the student's variant), named in the page's language
    /// (see [`changed_settings_from`]).
    pub fn result_settings_changed_from(&self, handed: &Knobs) -> Vec<String> {
        match (&self.result_input, &self.result_baseline) {
            (Some(input), Some(base)) => {
                changed_settings_from(self.lang, &input.knobs, handed, base)
            }
            _ => Vec::new(),
        }
    }

    /// The cost of running the current scenario, when it is valid.
    pub fn estimate(&self) -> Option<Estimate> {
        match &self.validation {
            Validation::Valid {
                events,
                duration_ms,
                ..
            } if *events > 0 => {
                let budget = crate::run::MAX_EVENTS;
                let fitting = (*duration_ms as f64 * budget as f64 / *events as f64 * 0.9) as u64;
                Some(Estimate {
                    events: *events,
                    millis: *events as f64 / self.events_per_ms.max(1.0),
                    over_budget: *events > budget,
                    fitting_duration_ms: (fitting / 10 * 10).max(1),
                })
            }
            _ => None,
        }
    }

    pub(crate) fn start_run_if_valid(&mut self) {
        if self.can_run() {
            self.run_id += 1;
            self.status = RunStatus::Running { done: 0, total: 0 };
            self.running = Some(self.input());
            self.running_baseline = Some(self.baseline.clone());
            self.running_estimate = self.estimate().map(|e| e.events);
            self.run_started_ms = Some(crate::clock::now_ms());
            self.running_shown = false;
        }
    }

    /// What a share link for the current state carries.
    pub fn shared(&self) -> Shared {
        Shared {
            file: self.file.clone(),
            text: self.text.to_string(),
            knobs: self.knobs.clone(),
        }
    }

    /// Runs record the pCPU timeline only while the timeline is shown (traces are big).
    pub fn wants_trace(&self) -> bool {
        self.tab == Tab::Timeline
    }

    pub fn is_running(&self) -> bool {
        matches!(self.status, RunStatus::Running { .. })
    }
}

/// Everything that can happen to the page.
#[derive(Debug, Clone)]
pub enum Action {
    SetLang(Lang),
    /// Load a built-in scenario (its text loaded already) and run it.
    SelectBuiltin(usize),
    /// A library text could not be loaded; `within`: the assignment whose step needs it.
    FetchFailed {
        failure: builtin::FetchFailure,
        within: Option<String>,
    },
    /// A library scenario's text is being fetched (the file named): Run waits for it.
    Loading(String),
    /// Load text from a file the user opened.
    LoadFile {
        file: String,
        text: String,
    },
    /// The editor's text changed (validated live; not run until asked).
    Edit(String),
    /// Controls changed: re-run with them.
    SetKnobs(Knobs),
    ApplyShared(Shared),
    Run,
    /// Run although the estimate is over the page's budget.
    RunAnyway,
    Cancel,
    Progress {
        id: u64,
        done: u64,
        total: u64,
    },
    /// Run `id` has gone on for [`SHOW_RUNNING_AFTER_MS`] (app.rs's timer).
    ShowRunning {
        id: u64,
    },
    Finished {
        id: u64,
        result: ResultRef,
        events: u64,
        millis: f64,
        /// Every job ran (none kept): the pace may be measured on it.
        whole: bool,
    },
    Failed {
        id: u64,
        message: Msg,
    },
    SetTab(Tab),
    Notice(Option<String>),
    /// Step through `op` on the result's platform `platform`.
    TrapSelect {
        platform: usize,
        op: Op,
    },
    /// Move in the step-through.
    TrapMove(TrapMove),
    /// Coursework: an assignment opened, a step, an answer (course.rs).
    Course(crate::course::CourseAction),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let marked_stale = self.shows_results_stale();
        match action {
            Action::SetLang(lang) => s.lang = lang,
            Action::SelectBuiltin(i) => {
                // Dispatched once the text is loaded (app.rs, `builtin::load`): an earlier
                // failure's notice is over.
                s.loading = None;
                if s.notice.as_deref().is_some_and(is_fetch_notice) {
                    s.notice = None;
                }
                if let (Some(file), Some(text)) = (builtin::files().nth(i), builtin::text(i)) {
                    s.load(Some(i), file.to_string(), text.to_string());
                    s.start_run_if_valid();
                }
            }
            Action::Loading(file) => s.loading = Some(file),
            Action::FetchFailed { failure, within } => {
                s.loading = None;
                s.notice = Some(fetch_notice(s.lang, &failure, within.as_deref()));
            }
            Action::LoadFile { file, text } => {
                s.load(None, file, text);
            }
            Action::Edit(text) => {
                s.text = Rc::from(text);
                if s.builtin.is_some_and(|i| !builtin::is_text(i, &s.text)) {
                    s.builtin = None;
                }
                // A library file's text replaced by another scenario (pasted) or renamed:
                // the file takes the scenario's name, so that errors and share links do not
                // name the library file. A file opened from disk keeps its own name.
                if s.builtin.is_none() && (s.file_from_text || builtin::position(&s.file).is_some())
                {
                    if let Some(name) = scenario_name_in(&s.text) {
                        s.file = format!("{}.toml", crate::export::file_stem(&name));
                        s.file_from_text = true;
                        // Pasting a library text as it is gives that library scenario.
                        s.builtin = builtin::index_of(&s.file, &s.text);
                    }
                }
                s.revalidate();
            }
            Action::SetKnobs(knobs) => {
                let knobs = knobs.at_baseline_as_written(&s.baseline);
                let control = changed_control(&s.knobs, &knobs);
                s.knobs = knobs;
                s.revalidate_after(control);
                s.start_run_if_valid();
            }
            Action::ApplyShared(shared) => {
                s.apply_shared(shared);
                s.start_run_if_valid();
            }
            Action::Run => s.start_run_if_valid(),
            Action::RunAnyway => {
                s.run_anyway = true;
                s.start_run_if_valid();
            }
            Action::Cancel => {
                if s.is_running() {
                    s.run_id += 1;
                    s.status = RunStatus::Cancelled;
                    s.running = None;
                }
            }
            Action::Progress { id, done, total } => {
                // Nothing shows the progress of a run that has not been shown yet: no
                // render (ShowRunning shows the bar; the next progress fills it).
                if id != s.run_id || !s.is_running() || !s.running_shown {
                    return self;
                }
                s.status = RunStatus::Running { done, total };
            }
            Action::ShowRunning { id } => {
                if id != s.run_id || !s.is_running() {
                    return self;
                }
                s.running_shown = true;
            }
            Action::Finished {
                id,
                result,
                events,
                millis,
                whole,
            } => {
                if id != s.run_id {
                    return self;
                }
                s.status = RunStatus::Done { events, millis };
                s.result = Some(result);
                s.result_input = s.running.take();
                s.result_baseline = s.running_baseline.take();
                // An assignment step's answers are checked against its run.
                crate::course::check_answers(&mut s);
                // On the operation the Stack & paths tables open on, when it can be.
                let opening = s.result.as_ref().and_then(|r| {
                    let questions = s.result_baseline.as_ref().map(|b| &b.question_ops[..]);
                    crate::components::paths::opening_op(r, questions.unwrap_or_default())
                });
                s.trap = s
                    .result_input
                    .as_ref()
                    .and_then(scenario_of)
                    .and_then(|scenario| Trap::default_for(&scenario, s.trap.as_ref(), opening));
                // The device's pace in *estimated* events per ms, so that the next
                // estimate (an upper bound on events) comes out in real time.
                // Only a run of every job: one that kept some outcomes took less time.
                if let (Some(estimated), true) =
                    (s.running_estimate, whole && millis >= 20.0 && events > 0)
                {
                    s.events_per_ms = estimated as f64 / millis;
                }
                s.running_estimate = None;
            }
            Action::Failed { id, message } => {
                if id != s.run_id {
                    return self;
                }
                s.status = RunStatus::Failed(message);
                s.running = None;
            }
            // Opening a tab never runs anything: the timeline asks before recording.
            Action::SetTab(tab) => s.tab = tab,
            Action::Notice(n) => s.notice = n,
            Action::TrapSelect { platform, op } => {
                if let Some(trap) = s
                    .result_input
                    .as_ref()
                    .and_then(scenario_of)
                    .and_then(|scenario| Trap::build(&scenario, platform, op))
                {
                    s.trap = Some(Trap {
                        chosen: true,
                        ..trap
                    });
                }
            }
            Action::TrapMove(to) => {
                let Some(trap) = &s.trap else {
                    return self;
                };
                s.trap = Some(trap.moved(to));
            }
            Action::Course(a) => crate::course::reduce(&mut s, a),
        }
        if s.run_id != self.run_id && s.is_running() {
            s.stale_at_run_start = marked_stale;
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod blame_tests {
    use super::*;

    #[test]
    fn a_share_links_bad_duration_is_blamed_on_the_duration() {
        let (file, text) = builtin::BUILTIN[0];
        let knobs = Knobs {
            instance_count: Some(2),
            duration_ms: Some(999_999_999),
            ..Knobs::default()
        };
        let mut s = State::new(Lang::En, None);
        s.apply_shared(Shared {
            file: file.to_string(),
            text: text.to_string(),
            knobs,
        });
        assert_eq!(s.knob_error.map(|e| e.control), Some(Some("k-duration")));
    }
}

#[cfg(test)]
mod trap_tests {
    use super::*;

    fn smoke() -> Scenario {
        let (file, text) = builtin::BUILTIN
            .iter()
            .find(|(f, _)| f.starts_with("smoke"))
            .expect("smoke.toml is built in");
        Scenario::from_toml(file, text).expect("valid")
    }

    #[test]
    fn a_new_result_opens_on_a_hardware_assisted_exit() {
        let s = smoke();
        let trap = Trap::default_for(&s, None, None).expect("a step-through");
        // smoke.toml: native, container, t1-bt, t1-hw (index 3), ...
        assert_eq!(s.platforms[trap.platform].name, "t1-hw");
        assert!(trap.own.has_vm_exit());
        assert_eq!(trap.phase, 0);
        assert!(trap.others.iter().any(|e| e.name == "native"));
        // A kept choice survives a new result of the same scenario.
        let chosen = Trap {
            chosen: true,
            ..Trap::build(&s, 5, Op::ALL[0]).unwrap()
        }
        .moved(TrapMove::Last);
        let again = Trap::default_for(&s, Some(&chosen), None).unwrap();
        assert_eq!((again.platform, again.op, again.phase), (5, Op::ALL[0], 0));
        // Another scenario whose platform 5 has another name opens on its own default.
        let mut other = s.clone();
        other.platforms[5].name = "renamed".to_string();
        let fresh = Trap::default_for(&other, Some(&chosen), None).unwrap();
        assert_eq!(other.platforms[fresh.platform].name, "t1-hw");
    }

    #[test]
    fn a_new_result_opens_on_the_operation_the_tables_show_when_it_exits() {
        let s = smoke();
        let first = Trap::default_for(&s, None, None).unwrap();
        // Another operation that takes a VM exit on that platform: preferred, it is shown.
        let other = Op::ALL
            .iter()
            .copied()
            .filter(|&op| op != first.op)
            .find(|&op| Trap::build(&s, first.platform, op).is_some_and(|t| t.own.has_vm_exit()))
            .expect("another exiting operation");
        let trap = Trap::default_for(&s, None, Some(other)).unwrap();
        assert_eq!((trap.platform, trap.op), (first.platform, other));
        // One that does not exit there opens where it does, or where it runs: the tables
        // and the step-through show the same operation either way.
        for op in Op::ALL {
            if let Some(trap) = Trap::default_for(&s, None, Some(op)) {
                if Trap::build(&s, first.platform, op).is_some() {
                    assert_eq!(trap.op, op);
                }
            }
        }
        // A trap the user did not choose does not outlive its result; a chosen one does.
        let unchosen = Trap::build(&s, 5, Op::ALL[0]).unwrap();
        let next = Trap::default_for(&s, Some(&unchosen), Some(other)).unwrap();
        assert_eq!(next.op, other);
    }

    #[test]
    fn moving_stays_inside_the_phases() {
        let trap = Trap::default_for(&smoke(), None, None).unwrap();
        let n = trap.own.phases.len();
        assert!(
            n >= 4,
            "an exit has at least instruction, exit, decode, entry"
        );
        assert_eq!(trap.moved(TrapMove::Previous).phase, 0);
        assert_eq!(trap.moved(TrapMove::Next).phase, 1);
        let last = trap.moved(TrapMove::Last);
        assert_eq!(last.phase, n - 1);
        assert_eq!(last.moved(TrapMove::Next).phase, n - 1);
        assert_eq!(trap.moved(TrapMove::To(999)).phase, n - 1);
        assert_eq!(last.moved(TrapMove::First).phase, 0);
    }
}

#[cfg(test)]
mod fetch_notice_tests {
    use super::*;
    use builtin::{FetchFailure, FetchProblem};

    fn failed(file: &str, problem: FetchProblem) -> FetchFailure {
        FetchFailure {
            file: file.to_string(),
            problem,
        }
    }

    #[test]
    fn a_failed_fetch_says_what_could_not_be_loaded_and_why() {
        let n = fetch_notice(
            Lang::En,
            &failed("smoke.toml", FetchProblem::Status(404)),
            None,
        );
        assert!(
            n.starts_with("smoke.toml: Could not load the scenario: the site answered HTTP 404"),
            "{n}"
        );
        let n = fetch_notice(
            Lang::En,
            &failed("smoke.toml", FetchProblem::Connection),
            None,
        );
        assert!(n.contains("the connection to this site failed"), "{n}");
        let n = fetch_notice(Lang::Ko, &failed("smoke.toml", FetchProblem::Changed), None);
        assert!(
            n.contains("시나리오를 불러오지 못했습니다") && n.contains("새로 고치세요"),
            "{n}"
        );
        // An assignment, and a scenario that an assignment's step needs.
        let n = fetch_notice(
            Lang::En,
            &failed("assignments/a.toml", FetchProblem::Status(500)),
            None,
        );
        assert!(
            n.contains("Could not load the assignment") && n.contains("HTTP 500"),
            "{n}"
        );
        let n = fetch_notice(
            Lang::En,
            &failed("io-paths.toml", FetchProblem::Connection),
            Some("a.toml"),
        );
        assert!(
            n.starts_with("a.toml: io-paths.toml: Could not load the scenario"),
            "{n}"
        );
        // Each one is recognized as a fetch's notice (a later good choice clears it).
        for lang in [Lang::En, Lang::Ko] {
            for f in [
                failed("smoke.toml", FetchProblem::Connection),
                failed("assignments/a.toml", FetchProblem::Changed),
            ] {
                assert!(is_fetch_notice(&fetch_notice(lang, &f, None)));
            }
        }
        assert!(!is_fetch_notice("smoke.toml: something else"));
    }
}

#[cfg(test)]
mod file_name_tests {
    use super::*;

    #[test]
    fn the_scenario_name_is_read_from_a_text_that_may_not_be_valid() {
        let text = "# lab\n[scenario]\nname = \"disk-lab\"  # mine\nduration_ms = x\n[host]\nname = \"no\"\n";
        assert_eq!(scenario_name_in(text).as_deref(), Some("disk-lab"));
        assert_eq!(scenario_name_in("[host]\nname = \"h\"\n"), None);
        assert_eq!(scenario_name_in("[scenario]\nname = \"\"\n"), None);
    }

    #[test]
    fn a_library_text_pasted_over_takes_the_new_scenarios_name() {
        let s = Rc::new(State::new(Lang::En, None));
        let library = s.file.clone();
        assert!(builtin::position(&library).is_some(), "{library}");
        let s = s.reduce(Action::Edit(
            "[scenario]\nname = \"disk-lab\"\nduration_ms = 10\n".to_string(),
        ));
        assert_eq!(s.file, "disk-lab.toml");
        // Renaming it again follows; the library text pasted back is the library's.
        let s = s.reduce(Action::Edit(
            "[scenario]\nname = \"disk-lab-2\"\n".to_string(),
        ));
        assert_eq!(s.file, "disk-lab-2.toml");
        let i = builtin::position(&library).unwrap();
        let s = s.reduce(Action::Edit(builtin::BUILTIN[i].1.to_string()));
        assert_eq!((s.file.as_str(), s.builtin), (library.as_str(), Some(i)));
        // A file opened from disk keeps its own name.
        let s = s.reduce(Action::LoadFile {
            file: "mine.toml".into(),
            text: "[scenario]\nname = \"a\"\n".into(),
        });
        let s = s.reduce(Action::Edit("[scenario]\nname = \"b\"\n".to_string()));
        assert_eq!(s.file, "mine.toml");
    }
}

#[cfg(test)]
mod budget_tests {
    use super::*;

    #[test]
    fn an_over_budget_scenario_runs_only_when_asked_and_a_change_asks_again() {
        let big = "[scenario]\nname = \"big\"\nduration_ms = 1000\n[host]\ncores = 64\nmemory_gib = 2048\n[[platform]]\nname = \"hv\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n[[instance]]\nname = \"vm\"\ncount = 256\nvcpus = 2\nmemory_gib = 2\nworkload = \"syscall-heavy\"\n";
        // (The page opens running its first scenario: cancelled here.)
        let s = Rc::new(State::new(Lang::En, None))
            .reduce(Action::Cancel)
            .reduce(Action::Edit(big.to_string()));
        assert!(
            s.estimate().is_some_and(|e| e.over_budget),
            "{:?}",
            s.estimate()
        );
        assert!(!s.can_run());
        let s = s.reduce(Action::Run);
        assert!(!s.is_running());
        let s = s.reduce(Action::RunAnyway);
        assert!(s.is_running());
        let s = s.reduce(Action::Cancel);
        let s = s.reduce(Action::Edit(big.replace("count = 256", "count = 255")));
        assert!(!s.run_anyway && !s.can_run());
    }
}

#[cfg(test)]
mod show_running_tests {
    use super::*;

    #[test]
    fn a_run_is_shown_only_after_its_timer_and_its_progress_only_then() {
        // The page opens running its first scenario.
        let s = Rc::new(State::new(Lang::En, None));
        assert!(s.is_running() && !s.running_shown);
        let id = s.run_id;
        // Progress before the run is shown changes nothing (no render).
        let before = s.clone();
        let s = s.reduce(Action::Progress {
            id,
            done: 5,
            total: 10,
        });
        assert!(
            Rc::ptr_eq(&before, &s),
            "progress of an unshown run re-rendered"
        );
        // Another run's timer is ignored; this run's shows it.
        let s = s.reduce(Action::ShowRunning { id: id + 1 });
        assert!(!s.running_shown);
        let s = s.reduce(Action::ShowRunning { id });
        assert!(s.running_shown);
        let s = s.reduce(Action::Progress {
            id,
            done: 5,
            total: 10,
        });
        assert!(matches!(
            s.status,
            RunStatus::Running { done: 5, total: 10 }
        ));
        // The next run starts unshown again; a late timer of the old one is ignored.
        let s = s.reduce(Action::Cancel).reduce(Action::Run);
        assert!(s.is_running() && !s.running_shown);
        let s = s.reduce(Action::ShowRunning { id });
        assert!(!s.running_shown);
    }

    #[test]
    fn results_marked_stale_before_a_run_stay_marked_through_it() {
        // A finished run, then an edit that is not run: the results are marked.
        let s = Rc::new(State::new(Lang::En, None)).reduce(Action::Cancel);
        let text = s.text.to_string();
        let s = s.reduce(Action::Run);
        let id = s.run_id;
        let result = crate::state::ResultRef(Rc::new(
            Scenario::from_toml(&s.file, &text).unwrap().run().unwrap(),
        ));
        let s = s.reduce(Action::Finished {
            id,
            result,
            events: 1,
            millis: 1.0,
            whole: true,
        });
        assert!(!s.shows_results_stale());
        let s = s.reduce(Action::Edit(
            text.replace("[scenario]", "[scenario]\n# edited"),
        ));
        assert!(s.shows_results_stale());
        // Running the edit keeps the mark from the start, before the run is shown.
        let s = s.reduce(Action::Run);
        assert!(s.is_running() && !s.running_shown && s.shows_results_stale());
    }
}

#[cfg(test)]
mod instances_slider_tests {
    use super::*;

    #[test]
    fn no_position_of_the_instances_slider_makes_a_library_scenario_invalid() {
        for (file, text) in builtin::BUILTIN.iter() {
            let s = Scenario::from_toml(file, text).unwrap();
            let base = Baseline::of(&s);
            assert!(base.min_instances <= base.instance_count, "{file}");
            assert!(base.instance_count <= base.max_instances, "{file}");
            for n in base.min_instances..=base.max_instances {
                let adjusted = s.adjusted(&Adjustments {
                    instance_count: Some(n),
                    ..Default::default()
                });
                assert!(adjusted.is_ok(), "{file}: {n} per group: {adjusted:?}");
            }
        }
        // memory-overcommit: the VMs that fit on its own (1.5 GiB and a 30 MiB device
        // model each, on 8 GiB less the host's 1 GiB) allow 4 per group, not the 5 that
        // the configured memory alone would (8 / 1.5).
        let i = builtin::position("memory-overcommit.toml").unwrap();
        let s = Scenario::from_toml("memory-overcommit.toml", builtin::BUILTIN[i].1).unwrap();
        assert_eq!(memory_bound(&s), 5);
        assert_eq!(Baseline::of(&s).max_instances, 4);
    }

    #[test]
    fn moving_a_slider_away_and_back_gives_the_scenario_back() {
        // memory-overcommit: 4 VMs on `fits`, 8 on the others. The slider's baseline is
        // the first group's 4; at 3 every group has 3; back at 4 the scenario is as
        // written again (4 + 8), not 4 everywhere.
        let i = builtin::position("memory-overcommit.toml").unwrap();
        let (file, text) = builtin::BUILTIN[i];
        let mut s = State::new(Lang::En, None);
        s.apply_shared(Shared {
            file: file.to_string(),
            text: text.to_string(),
            knobs: Knobs::default(),
        });
        let at = |n: u32| Knobs {
            instance_count: Some(n),
            ..Knobs::default()
        };
        let s = Rc::new(s).reduce(Action::SetKnobs(at(3)));
        assert_eq!(s.knobs.instance_count, Some(3));
        let s = s.reduce(Action::SetKnobs(at(4)));
        assert_eq!(s.knobs, Knobs::default());
        let scenario = Scenario::from_toml(file, text).unwrap();
        let counts = |sc: &Scenario| sc.instances.iter().map(|g| g.count).collect::<Vec<_>>();
        let adjusted = scenario.adjusted(&s.knobs.to_adjustments()).unwrap();
        assert_eq!(counts(&adjusted), vec![4, 8]);
        // Any other control at the scenario's own value is "as written" too.
        let base = Baseline::of(&scenario);
        let knobs = Knobs {
            vm_exit_cycles: Some(base.vm_exit_cycles),
            duration_ms: Some(base.duration_ms + 1),
            ..Knobs::default()
        }
        .at_baseline_as_written(&base);
        assert_eq!(knobs.vm_exit_cycles, None);
        assert_eq!(knobs.duration_ms, Some(base.duration_ms + 1));
    }
}

#[cfg(test)]
mod changed_settings_tests {
    use super::*;

    #[test]
    fn the_settings_away_from_the_scenarios_own_are_named() {
        let (file, text) = builtin::BUILTIN
            .iter()
            .find(|(f, _)| *f == "memory-shadow-vs-nested.toml")
            .copied()
            .expect("in the library");
        let base = Baseline::of(&Scenario::from_toml(file, text).unwrap());
        // As written, or set to the scenario's own values (an assignment's variant may
        // name them), or only another seed: nothing to say.
        assert!(changed_settings(Lang::En, &Knobs::default(), &base).is_empty());
        let own = Knobs {
            host_cores: Some(base.host_cores),
            host_clock_mhz: Some(base.host_clock_mhz),
            memory_per_instance_mib: Some(base.memory_per_instance_mib),
            vm_exit_cycles: Some(base.vm_exit_cycles),
            seed: Some(7),
            ..Knobs::default()
        };
        assert!(changed_settings(Lang::En, &own, &base).is_empty());
        // The workload every group already runs, picked in the list: nothing changed;
        // picked where one group runs another, it is.
        let one = Baseline {
            group_workloads: vec!["web-server".into(), "web-server".into()],
            ..base.clone()
        };
        let web = Knobs {
            workload: Some("web-server".into()),
            ..own.clone()
        };
        assert!(changed_settings(Lang::En, &web, &one).is_empty());
        let two = Baseline {
            group_workloads: vec!["web-server".into(), "database".into()],
            ..base.clone()
        };
        assert_eq!(
            changed_settings(Lang::En, &web, &two),
            ["workload web-server"]
        );
        let moved = Knobs {
            vm_exit_cycles: Some(3000),
            host_cores: Some(base.host_cores + 1),
            workload: Some("io-heavy".into()),
            ..own
        };
        assert_eq!(
            changed_settings(Lang::En, &moved, &base),
            [
                format!("host cores {}", base.host_cores + 1),
                "VM exit round trip 3,000 cycles".to_string(),
                "workload io-heavy".to_string(),
            ]
        );
        assert_eq!(
            changed_settings(Lang::Ko, &moved, &base)[1],
            "VM exit 왕복 3,000 사이클"
        );
        let faster = Knobs {
            host_clock_mhz: Some(3600),
            memory_per_instance_mib: Some(1536),
            ..Knobs::default()
        };
        assert_eq!(
            changed_settings(Lang::En, &faster, &base),
            ["host clock 3,600 MHz", "memory per instance 1,536 MiB"]
        );
        // A slider that sets every group differs when one group had another count.
        let mixed = Baseline {
            group_counts: vec![4, 8],
            instance_count: 4,
            ..base.clone()
        };
        let four = Knobs {
            instance_count: Some(4),
            ..Knobs::default()
        };
        assert_eq!(
            changed_settings(Lang::En, &four, &mixed),
            ["instances per group 4"]
        );
    }

    #[test]
    fn the_shown_results_settings_are_those_it_ran_with() {
        let mut s = State::new(Lang::En, None);
        assert!(s.result_settings_changed().is_empty(), "no result yet");
        let base = (*s.baseline).clone();
        s.result_baseline = Some(Rc::new(base.clone()));
        s.result_input = Some(RunInput {
            knobs: Knobs {
                duration_ms: Some(base.duration_ms * 2),
                ..Knobs::default()
            },
            ..s.input()
        });
        // The controls on screen are not what the shown result ran with.
        s.knobs = Knobs::default();
        assert_eq!(s.result_settings_changed().len(), 1);
    }
}
