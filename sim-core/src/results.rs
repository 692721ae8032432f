//! What a run reports: per platform, per instance group and per instance, as plain data.
//!
//! Besides the CPU figures a platform carries its `lifecycle`, `faults`, `attack_surface`,
//! `vdi` and, under binary translation, the translation cache's hit rate and translation
//! time (counted in `runner/platform_result.rs` from each operation's path), latency
//! histograms and the seed document's comparison table (`table.rs`'s data, filled by the
//! runner). The value a question's metric reads is `PlatformResult::metric`.

use serde::{Deserialize, Serialize};

use crate::desktop::VdiResult;
use crate::isolation::{AttackSurface, FaultResult};
use crate::lifecycle::LifecycleResult;
use crate::machine::Trace;
use crate::metrics::LatencySummary;
use crate::path::{ExitReason, Layer, OpPath};
use crate::platform::{
    HostedDesign, IoModel, MemoryVirtualization, PlatformKind, SchedulerKind, Technique,
};
use crate::question::{Metric, QuestionAnswer};
use crate::table::ComparisonTable;
use crate::text::{Lang, Text};
use crate::workload::Op;

/// The result of running a whole scenario.
///
/// `virtsim run --format json` writes `serde_json::to_string_pretty` of it and a newline.
/// Read back (with serde_json's `float_roundtrip`, for the last digits), that JSON gives a
/// `RunResult` that writes the same text, but not an equal one: a numeric question's
/// `options` are left out of the JSON ([`QuestionAnswer`]) and read back empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RunResult {
    /// The scenario's name, its `[scenario]` table's `name` ([`crate::Scenario::name`]),
    /// not the file name given to `from_toml`, which only labels errors: the same file read
    /// under another name gives the very same result.
    pub scenario: String,
    /// The scenario's `title`, in both languages, if it has one.
    pub title: Option<Text>,
    /// The scenario's `description`, in both languages, if it has one.
    pub description: Option<Text>,
    /// The seed the run drew from ([`crate::Scenario::seed`]).
    pub seed: u64,
    /// Simulated time, ms (`duration_ms`).
    pub duration_ms: u64,
    /// The host's clock, MHz (`[host] clock_ghz` × 1000).
    pub clock_mhz: u64,
    /// The host's physical cores (`[host] cores`).
    pub cores: u32,
    /// The host's CPU generation (`[host] cpu`), whose vendor names the exits in a
    /// result's tables (an EPT violation is AMD-V's nested page fault). A result written
    /// before the field read back as the default generation, an Intel one.
    #[serde(default)]
    pub cpu: crate::hardware::CpuGeneration,
    /// One result per `[[platform]]`, in the file's order ([`Self::platform`] by name).
    pub platforms: Vec<PlatformResult>,
    /// The seed document's comparison table, filled with this run's figures.
    pub table: ComparisonTable,
    /// The scenario's `[[question]]`s answered by this run, in the file's order
    /// ([`Self::question`] by id).
    pub questions: Vec<QuestionAnswer>,
    /// Consolidation curves, when the scenario has a `[sweep]`.
    pub sweep: Option<crate::sweep::SweepResult>,
    /// Events processed, platforms and baselines together.
    pub events: u64,
}

/// `text` with its placeholders filled from `platforms`' figures ([`RunResult::fill`]).
pub fn filled(platforms: &[PlatformResult], text: &str) -> String {
    crate::question::placeholder::fill_with(text, |p| placeholder_figure(platforms, p))
}

/// How many placeholders of `text` have no figure in `platforms`' results and so show as
/// "…" in [`filled`] (a setting that takes away what they measure: another workload,
/// without the operation quoted). A reader is told why, as of a question the setting
/// leaves out.
///
/// ```
/// use sim_core::results::figures_missing;
/// let text = include_str!("../../scenarios/smoke.toml");
/// let scenario = sim_core::Scenario::from_toml("smoke.toml", text)?;
/// let description = scenario.description.clone().expect("described");
/// let r = scenario.run()?;
/// assert_eq!(figures_missing(&r.platforms, &description.en), 0);
/// // No platform `t3` in this run: its figure shows as "…".
/// let quoting = "{relative_performance_percent:t1-hw}% and {relative_performance_percent:t3}%";
/// assert_eq!(figures_missing(&r.platforms, quoting), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn figures_missing(platforms: &[PlatformResult], text: &str) -> usize {
    (crate::question::placeholder::pieces(text).iter())
        .filter(|piece| match piece {
            crate::question::placeholder::Piece::Placeholder(p) => {
                placeholder_figure(platforms, p).is_none()
            }
            _ => false,
        })
        .count()
}

/// A placeholder's figure as a text shows it, `None` where the run has none.
fn placeholder_figure(
    platforms: &[PlatformResult],
    p: &crate::question::placeholder::Placeholder<'_>,
) -> Option<String> {
    let metric = Metric::from_name(p.metric)?;
    let op = match p.op {
        Some(name) => Some(Op::from_name(name)?),
        None => None,
    };
    let platform = platforms.iter().find(|x| x.name == p.platform)?;
    let value = platform.metric(metric, op)?;
    Some(crate::question::placeholder::shown_value(metric, value))
}

impl RunResult {
    /// A text of the scenario (its description, a question's text or explanation) in
    /// `lang`, its placeholders (`{metric:platform}`, `{metric:platform:op}`:
    /// [`crate::question::placeholder`]) filled with this run's figures, each the value a
    /// numeric question of that metric on that platform computes
    /// ([`PlatformResult::metric`]), as the page shows figures (one decimal for a
    /// percentage below 100, grouped thousands: [`crate::question::placeholder::shown_value`]).
    /// A figure the run does not have shows as "…". A question's text and explanation come
    /// filled already ([`QuestionAnswer`]'s, in both languages); the description is kept as
    /// written, for this (the CLI's JSON fills it: [`Self::fill_description`]).
    ///
    /// ```
    /// use sim_core::{Lang, Scenario, Text};
    /// let toml = include_str!("../../scenarios/smoke.toml");
    /// let scenario = Scenario::from_toml("smoke.toml", toml)?;
    /// let result = scenario.run()?;
    /// let text = Text::new("{{native}} {relative_performance_percent:native}%", "네이티브의 {relative_performance_percent:native}%");
    /// let (en, ko) = (result.fill(&text, Lang::En), result.fill(&text, Lang::Ko));
    /// let figure = result.platforms[0].relative_performance_percent;
    /// let shown = sim_core::text::fixed(figure, if figure < 100.0 { 1 } else { 0 });
    /// assert_eq!(en, format!("{{native}} {shown}%"));
    /// assert_eq!(ko, format!("네이티브의 {shown}%"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fill(&self, text: &Text, lang: Lang) -> String {
        filled(&self.platforms, text.in_lang(lang))
    }

    /// The description's placeholders filled with this run's figures, in both languages
    /// ([`Self::fill`]), as the questions' texts and explanations come: what `virtsim run
    /// --format json` writes, so that a reader of the JSON never meets a raw
    /// `{metric:platform}`. Once filled, the description is not filled again (a `{{`
    /// written in it is a `{` now).
    pub fn fill_description(&mut self) {
        if let Some(d) = &self.description {
            let filled = Text::new(self.fill(d, Lang::En), self.fill(d, Lang::Ko));
            self.description = Some(filled);
        }
    }

    /// A run that sets binary translation beside hardware assist on a CPU after the
    /// Pentium 4 compares two CPU generations: BT's costs are Adams & Agesen's Pentium 4
    /// measurements (2006), taken in the same cycles on every `host.cpu`, while a VM exit's
    /// round trip is the host's generation's (Agesen et al. 2012). Said under the results
    /// (a lecturer's own lab on Sandy Bridge read BT's 62% against hardware assist's 90% as
    /// one machine's); `None` otherwise.
    /// Hardware assist with shadow page tables on such a CPU is said too: its shadow
    /// handlers are derived from the same paper's Pentium 4 totals (a reviewer).
    pub fn generations_note(&self) -> Option<Text> {
        if self.cpu == crate::hardware::CpuGeneration::Prescott {
            return None;
        }
        let (bt, shadow) = (self.bt_generations_note(), self.shadow_generations_note());
        match (bt, shadow) {
            (Some(a), Some(b)) => Some(Text::new(
                format!("{} {}", a.en, b.en),
                format!("{} {}", a.ko, b.ko),
            )),
            (a, b) => a.or(b),
        }
    }

    /// [`Self::generations_note`]'s part for hardware-assisted platforms on shadow page
    /// tables: their handlers' cycles are derived from Adams & Agesen's Pentium 4.
    fn shadow_generations_note(&self) -> Option<Text> {
        let shadowed = self.platforms.iter().any(|p| {
            matches!(
                p.technique,
                Some(Technique::HardwareAssist | Technique::Hybrid)
            ) && p.memory == MemoryVirtualization::Shadow
        });
        if !shadowed {
            return None;
        }
        let cpu = self.cpu.name();
        Some(Text::new(
            format!("The shadow page tables' handlers under hardware assist (`shadow_page_fault_handler`, `shadow_pte_write_handler`) are derived from Adams & Agesen's totals on the same Pentium 4 (2006) and taken in the same cycles on this host's CPU (host.cpu = \"{cpu}\"), beside its own exit round trip."),
            format!("하드웨어 지원에서 섀도 페이지 테이블의 핸들러(`shadow_page_fault_handler`, `shadow_pte_write_handler`)는 Adams & Agesen이 같은 Pentium 4(2006)에서 잰 합계에서 끌어낸 값이며, 이 호스트 CPU(host.cpu = \"{cpu}\")에서도 같은 사이클로 쓰고 그 옆에 이 CPU 자신의 exit 왕복을 둡니다."),
        ))
    }

    /// [`Self::generations_note`]'s part for binary translation beside hardware assist.
    fn bt_generations_note(&self) -> Option<Text> {
        let has = |t: Technique| self.platforms.iter().any(|p| p.technique == Some(t));
        let exits = has(Technique::HardwareAssist) || has(Technique::Hybrid);
        if !has(Technique::BinaryTranslation) || !exits {
            return None;
        }
        let cpu = self.cpu.name();
        Some(Text::new(
            format!("Binary translation's costs are Adams & Agesen's measurements on a Pentium 4 (2006), in the same cycles on every CPU, while hardware assist's VM exit round trip is this host's CPU's (host.cpu = \"{cpu}\") unless the exit-cost setting or [costs] sets another: between the two, this run sets a Pentium 4's figures beside another CPU's. exit-cost-by-cpu-generation puts both on the Pentium 4 (cpu = \"prescott\")."),
            format!("바이너리 변환의 비용은 Adams & Agesen이 Pentium 4에서 잰 값(2006)이며 어느 CPU에서나 같은 사이클을 씁니다. 하드웨어 지원의 VM exit 왕복은 exit 비용 설정이나 [costs]가 다른 값을 주지 않는 한 이 호스트 CPU의 값입니다(host.cpu = \"{cpu}\"). 그래서 이 실행은 둘 사이에서 Pentium 4의 값을 다른 CPU의 값 옆에 놓습니다. exit-cost-by-cpu-generation은 둘을 Pentium 4(cpu = \"prescott\")에 둡니다."),
        ))
    }

    /// The platform named `name` (as in the scenario's `[[platform]]`).
    pub fn platform(&self, name: &str) -> Option<&PlatformResult> {
        self.platforms.iter().find(|p| p.name == name)
    }

    /// Who made the host's CPU: which names (VT-x's or AMD-V's) label the run's exits.
    pub fn vendor(&self) -> crate::hardware::CpuVendor {
        self.cpu.vendor()
    }

    /// The answer to the scenario's question `id`.
    pub fn question(&self, id: &str) -> Option<&QuestionAnswer> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// [`Self::platform`], for tests: a name the run does not have is an error that lists
    /// the run's platforms and guesses the one meant, where `platform(name).unwrap()` only
    /// says "`None`" (and `platform(a) < platform(b)` compares `None` as the least).
    ///
    /// ```
    /// let text = include_str!("../../scenarios/type1-vs-type2.toml");
    /// let result = sim_core::Scenario::from_toml("type1-vs-type2.toml", text)?.run()?;
    /// assert_eq!(result.platform_named("type1")?.name, "type1");
    /// let e = result.platform_named("typ1").unwrap_err();
    /// assert!(e.to_string().starts_with("this run has no platform `typ1`; did you mean `type1`?"), "{e}");
    /// let e = result.question_named("fastest").unwrap_err();
    /// assert!(e.to_string().contains("no question `fastest`. Its questions: `"), "{e}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn platform_named(&self, name: &str) -> Result<&PlatformResult, UnknownName> {
        self.platform(name).ok_or_else(|| {
            UnknownName::new(
                "platform",
                name,
                self.platforms.iter().map(|p| p.name.as_str()),
            )
        })
    }

    /// [`Self::question`], for tests: a question id the run does not have is an error that
    /// lists the run's questions and guesses the one meant (as [`Self::platform_named`]).
    pub fn question_named(&self, id: &str) -> Result<&QuestionAnswer, UnknownName> {
        self.question(id).ok_or_else(|| {
            UnknownName::new("question", id, self.questions.iter().map(|q| q.id.as_str()))
        })
    }
}

/// A platform or question name that a [`RunResult`] does not have
/// ([`RunResult::platform_named`], [`RunResult::question_named`]), or a group name that a
/// platform does not run ([`PlatformResult::group_named`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct UnknownName {
    /// `"platform"`, `"question"` or `"group"`.
    pub kind: &'static str,
    /// The name asked for.
    pub given: String,
    /// The names the run (for a group, the platform) has, in its order.
    pub names: Vec<String>,
    /// For a group: the platform asked about.
    pub platform: Option<String>,
}

impl UnknownName {
    fn new<'a>(kind: &'static str, given: &str, names: impl Iterator<Item = &'a str>) -> Self {
        UnknownName {
            kind,
            given: given.to_string(),
            names: names.map(str::to_string).collect(),
            platform: None,
        }
    }

    fn message(&self) -> String {
        let names: Vec<&str> = self.names.iter().map(String::as_str).collect();
        // A group's name is an instance's, which authors shorten as they like (`disk` for
        // `disk-vm`), as a question's id.
        let guess = if self.platform.is_some() {
            crate::scenario::guess_id(&self.given, &names)
        } else {
            crate::scenario::guess(&self.given, &names)
        };
        let guess = guess.map_or_else(|| ".".to_string(), |g| format!("; did you mean `{g}`?"));
        let list = if names.is_empty() {
            "none".to_string()
        } else {
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let owner = match &self.platform {
            Some(p) => format!("platform `{p}`"),
            None => "this run".to_string(),
        };
        format!(
            "{owner} has no {} `{}`{guess} Its {}s: {list}",
            self.kind, self.given, self.kind
        )
    }
}

/// Shares of pCPU capacity, percent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CpuShares {
    pub guest_user: f64,
    pub guest_kernel: f64,
    pub hypervisor: f64,
    pub device_emulation: f64,
    pub host_os: f64,
    pub idle: f64,
}

/// Count of one exit reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExitCount {
    pub reason: ExitReason,
    pub count: u64,
    pub per_second: f64,
}

/// Latency of one operation type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OpLatency {
    pub op: Op,
    pub latency: LatencySummary,
}

/// One platform's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlatformResult {
    pub name: String,
    pub label: Option<Text>,
    pub kind: PlatformKind,
    pub technique: Option<Technique>,
    /// I/O path of a hypervisor platform.
    pub io: Option<IoModel>,
    /// A type 2 platform's hosted design (`hosted_design` in the scenario, its default
    /// `world_switch` too): how its VMM reaches the host OS. `None` (JSON `null`) for
    /// every other kind.
    #[serde(default)]
    pub hosted_design: Option<HostedDesign>,
    pub memory: MemoryVirtualization,
    pub scheduler: SchedulerKind,
    /// Type 2: the share of each core the host's own programs asked for
    /// (`host_background_percent`); their time is in `cpu.host_os`.
    #[serde(default)]
    pub host_background_percent: u32,
    pub vcpus: u64,
    pub instance_count: u64,
    pub memory_mib: u64,
    /// Operations completed, every instance group's together.
    pub ops: u64,
    /// Operations per simulated second, every instance group's together (a disk group's
    /// reads and a network group's requests added up): one workload's is its group's,
    /// [`Self::group_named`]`(name)?.throughput`.
    pub throughput: f64,
    /// The same instances run natively on the same host, operations per simulated second
    /// (every group's together, as `throughput`).
    pub baseline_throughput: f64,
    /// What its instances sent and received over the host's NIC, when a workload of theirs
    /// has `net_send` or `net_receive` (left out of the JSON otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<NetworkResult>,
    /// From the scenario's `[sweep]`: copies of the swept group that meet the p99 target.
    pub sweep_density: Option<u32>,
    /// Work done relative to the native baseline, percent: each group's operations over
    /// its baseline's, weighted by the CPU time the group used natively.
    pub relative_performance_percent: f64,
    pub cpu: CpuShares,
    /// Share of vCPU time spent runnable but waiting for a pCPU (or throttled by a cap),
    /// percent. A migration's pause (or a container's checkpoint freeze) is not in it: a
    /// paused vCPU is not runnable.
    pub steal_percent: f64,
    /// The steal the guests' own accounting sees, percent of vCPU time: all of it with
    /// steal-time reporting (para, hybrid with `steal_time`; natively and in containers
    /// the kernel that made them wait knows), none without (see
    /// [`InstanceResult::guest_steal_percent`]).
    #[serde(default)]
    pub guest_steal_percent: f64,
    /// Crossings into the hypervisor by reason ([`ExitReason`]):
    /// VM exits, hypercalls, and the traps of the techniques without VT-x (BT's system-call
    /// traps and hidden faults, PV's bounces, and the interrupts that enter the VMM or Xen
    /// while their guest runs, counted as `external_interrupt`).
    pub exits: Vec<ExitCount>,
    /// All of `exits` per simulated second.
    pub exits_per_second: f64,
    /// Latency by operation, every group's operations of that kind together
    /// ([`Self::latency_of`]); a group's own are in its [`GroupResult::latency`].
    pub latency: Vec<OpLatency>,
    /// One result per `[[instance]]` group that runs on this platform, in the file's order
    /// ([`Self::group_named`] by name): each workload's own operations, throughput and
    /// latency against its native baseline, where the platform's figures add the groups up.
    pub groups: Vec<GroupResult>,
    /// One result per instance (a group of `count = 3` has three), in the groups' order.
    pub instances: Vec<InstanceResult>,
    /// The layers of the stack, top (application) to bottom (hardware).
    pub layers: Vec<Layer>,
    /// The path every operation takes on this platform, step by step.
    pub paths: Vec<OpPath>,
    pub trace: Option<Trace>,
    pub events: u64,
    /// Start-up, memory footprint and density of the platform's instances.
    #[serde(default)]
    pub lifecycle: LifecycleResult,
    /// Injected faults and what they stopped.
    #[serde(default)]
    pub faults: Vec<FaultResult>,
    /// The interface an instance reaches beyond its own code.
    #[serde(default)]
    pub attack_surface: Option<AttackSurface>,
    /// Desktop sessions of a VDI platform.
    #[serde(default)]
    pub vdi: Option<VdiResult>,
    /// Binary translation: the share of translation-cache lookups (translated blocks
    /// entered by guest kernel work) that found their block translated, percent. `None`
    /// on other platforms or when no translated kernel work ran.
    #[serde(default)]
    pub bt_tc_hit_percent: Option<f64>,
    /// Binary translation: pCPU capacity spent translating guest kernel blocks that
    /// missed the translation cache, percent (a part of the hypervisor share).
    #[serde(default)]
    pub bt_translate_percent: Option<f64>,
    /// What the instances ask of the host's memory, what overcommit reclaimed, what was
    /// swapped and which instances the OOM killer stopped.
    #[serde(default)]
    pub host_memory: Option<crate::memory::MemoryResult>,
    /// The live migration of one of its VMs, if the platform has one.
    #[serde(default)]
    pub migration: Option<crate::memory::MigrationResult>,
    /// What an operation that touches a page on the host's swap adds, when part of a
    /// working set is swapped out.
    #[serde(default)]
    pub swap_path: Option<SwapPath>,
}

/// The steps a touch of a swapped-out page adds to an operation (`machine/swap.rs`): the
/// fault up to the host's read request, the write of a dirty page reclaimed for it (with
/// its chance), the wait for the read, and the resumption.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SwapPath {
    /// Percent of the run's operations that touched at least one swapped-out page (those
    /// operations over the operations completed: with `page_touches_per_op` = 1, its
    /// default, about the share of a working set on swap; with n touches about
    /// 1 - (1 - share)^n).
    pub touch_percent: f64,
    /// Page-ins of an operation that paged in, on average: 1 with one page touch per
    /// operation; with `page_touches_per_op` = n up to n, one after another, each paying
    /// the steps below again.
    #[serde(default = "one")]
    pub page_ins_per_paging_op: f64,
    /// The fault, the reclaim of a frame, the read request.
    pub fault: Vec<crate::path::Step>,
    /// Percent of the run's page-ins whose reclaimed page was dirty.
    pub writeback_percent: f64,
    /// The write of that page, started without waiting.
    pub writeback: Vec<crate::path::Step>,
    /// The disk's latency for the 4 KiB read, microseconds (queueing comes on top).
    pub read_latency_us: u64,
    /// When the read completes.
    pub resume: Vec<crate::path::Step>,
}

/// A swap path's page-ins per paging operation in results written before it was counted.
fn one() -> f64 {
    1.0
}

/// One instance group (`[[instance]]` entry) on one platform: its instances' figures
/// together ([`PlatformResult::group_named`]).
///
/// ```
/// let text = include_str!("../../scenarios/type1-vs-type2.toml");
/// let result = sim_core::Scenario::from_toml("type1-vs-type2.toml", text)?.run()?;
/// let disk = |p: &str| result.platform_named(p)?.group_named("disk-vm").map(|g| g.throughput);
/// assert!(disk("type1")? > disk("type2")?); // the disk VM's reads per second, not the net VM's too
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GroupResult {
    /// The group's `name` in the scenario (its instances are `name-0`, `name-1`...).
    pub name: String,
    /// The workload its instances run: a preset's name or a `[[workload]]`'s.
    pub workload: String,
    /// Its instances (`count`).
    pub count: u32,
    /// vCPUs of each instance (`vcpus`).
    pub vcpus: u32,
    /// Workload threads of each instance (`threads`, by default one per vCPU).
    pub threads: u32,
    /// Operations its instances completed, together.
    pub ops: u64,
    /// `ops` per simulated second: the group's throughput, operations per second.
    pub throughput: f64,
    /// The same group run natively on the same host (the platform's baseline),
    /// operations per simulated second.
    pub baseline_throughput: f64,
    /// `ops` over the baseline's operations, percent (100: as fast as native).
    pub relative_performance_percent: f64,
    /// What the group's instances sent and received over the host's NIC, when its
    /// workload has `net_send` or `net_receive` (left out of the JSON otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<NetworkResult>,
    /// Latency of each kind of operation the group completed, microseconds.
    pub latency: Vec<OpLatency>,
    /// The same on the native baseline, microseconds.
    pub baseline_latency: Vec<OpLatency>,
}

/// Network throughput: the payload bytes of the workloads' `net_send` and `net_receive`
/// operations (each `message_bytes`) per simulated second, as Gbit/s (10^9 bits). A send
/// counts once its last byte has left the host's NIC within the run, a receive once its
/// message has arrived; the model has no protocol headers, so these are the bytes on the
/// wire. Desktop sessions' display streams are not in it (`vdi`), nor a live migration's
/// stream. The NIC is full duplex: each direction carries at most
/// `host.nic.bandwidth_gbit_s`, shared by all of the platform's instances, so the two
/// together may reach twice that.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NetworkResult {
    /// Sent, Gbit/s.
    pub send_gbit_s: f64,
    /// Received, Gbit/s.
    pub receive_gbit_s: f64,
    /// Sent by the same instances run natively on the same host, Gbit/s.
    pub baseline_send_gbit_s: f64,
    /// Received by them natively, Gbit/s.
    pub baseline_receive_gbit_s: f64,
}

impl NetworkResult {
    /// Both directions together, Gbit/s (the metric `network_gbit_s`).
    pub fn total_gbit_s(&self) -> f64 {
        self.send_gbit_s + self.receive_gbit_s
    }

    /// Both directions together natively, Gbit/s.
    pub fn baseline_total_gbit_s(&self) -> f64 {
        self.baseline_send_gbit_s + self.baseline_receive_gbit_s
    }
}

/// One instance on one platform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InstanceResult {
    pub name: String,
    pub group: String,
    pub ops: u64,
    pub throughput: f64,
    pub steal_percent: f64,
    /// The steal this instance's guest sees, percent of its vCPU time: the measured steal
    /// when the hypervisor reports it (para's runstate area, a hybrid guest with
    /// `steal_time`; natively and in containers the kernel that made the threads wait
    /// knows), 0 otherwise.
    #[serde(default)]
    pub guest_steal_percent: f64,
    /// The CPU use the guest's own accounting reports, percent of its vCPU time: the
    /// time its vCPUs ran, plus the steal it cannot see (a guest without steal-time
    /// reporting counts a preempted vCPU's wait as its own run time).
    #[serde(default)]
    pub guest_cpu_percent: f64,
    /// CPU cycles this instance caused, by category.
    pub cycles_guest_user: u64,
    pub cycles_guest_kernel: u64,
    pub cycles_hypervisor: u64,
    pub cycles_device_emulation: u64,
    pub cycles_host_os: u64,
    pub exits: Vec<ExitCount>,
    /// When a fault stopped the instance, milliseconds.
    #[serde(default)]
    pub stopped_at_ms: Option<f64>,
    /// Operations lost to the fault: the rate before it over the time left.
    #[serde(default)]
    pub ops_lost: u64,
    /// Touches of pages the host had swapped out (each a 4 KiB read on the host's disk).
    #[serde(default)]
    pub swap_ins: u64,
    /// Of those, the page-ins whose reclaimed frame held a dirty page (each also a 4 KiB
    /// write on the host's disk, ahead of the read).
    #[serde(default)]
    pub swap_outs: u64,
    /// Writes to pages KSM had merged (each a copy-on-write fault).
    #[serde(default)]
    pub cow_breaks: u64,
    /// When its balloon finished inflating and its free page reports were sent,
    /// milliseconds (none: neither, or not done).
    #[serde(default)]
    pub balloon_done_ms: Option<f64>,
}

/// What a platform's faults stopped, together (see [`PlatformResult::faults_stopped`]).
#[derive(Debug, Clone, PartialEq)]
pub struct FaultsStopped {
    /// The faults that stopped something.
    pub faults: usize,
    /// Instances the faults stopped.
    pub stopped: usize,
    /// Instances running before the first of them.
    pub of: u64,
    /// The distinct times of the faults that stopped something, ms, earliest first.
    pub at_ms: Vec<u64>,
}

impl FaultsStopped {
    /// When, in words (see [`times_ms`]).
    pub fn when(&self, lang: crate::text::Lang) -> String {
        times_ms(&self.at_ms, lang)
    }
}

/// Times in ms, in words: "100 ms", "100 and 126 ms", "100, 110 and 126 ms", or "between 100
/// and 190 ms" for more than three (Korean alike, its three joined by " · " as
/// [`figure_list`](crate::text::figure_list) joins figures: a table groups "1,000").
pub fn times_ms(at_ms: &[u64], lang: crate::text::Lang) -> String {
    let ko = lang == crate::text::Lang::Ko;
    let times: Vec<String> = at_ms.iter().map(u64::to_string).collect();
    match times.as_slice() {
        [] => String::new(),
        [one] => format!("{one} ms"),
        [a, b] if ko => format!("{a} ms와 {b} ms"),
        [a, b] => format!("{a} and {b} ms"),
        [a, b, c] if ko => format!("{a} · {b} · {c} ms"),
        [a, b, c] => format!("{a}, {b} and {c} ms"),
        [first, .., last] if ko => format!("{first}~{last} ms 사이"),
        [first, .., last] => format!("between {first} and {last} ms"),
    }
}

impl PlatformResult {
    /// The platform's groups of which the OOM killer stopped more than half the
    /// instances: (group, instances it stopped, instances of the group, its first kill,
    /// ms). Their memory does not hold what the application touches, so their figures after
    /// the kills are of stopped instances (the CLI notes it: an author may not mean it).
    pub fn groups_oom_killed(&self) -> Vec<(&str, usize, usize, u64)> {
        let mut groups: Vec<(&str, usize, usize, u64)> = Vec::new();
        for i in &self.instances {
            match groups.iter_mut().find(|(g, ..)| *g == i.group) {
                Some((_, _, n, _)) => *n += 1,
                None => groups.push((&i.group, 0, 1, u64::MAX)),
            }
        }
        let kills = self
            .faults
            .iter()
            .filter(|f| f.kind == crate::isolation::FaultKind::OomKill);
        for f in kills {
            for name in &f.stopped {
                let Some(i) = self.instances.iter().find(|i| i.name == *name) else {
                    continue;
                };
                if let Some((_, killed, _, first)) = groups.iter_mut().find(|(g, ..)| *g == i.group)
                {
                    *killed += 1;
                    *first = (*first).min(f.at_ms);
                }
            }
        }
        groups.retain(|&(_, killed, n, _)| killed * 2 > n);
        groups
    }

    /// What the platform's faults (injected, and OOM kills) stopped, taken together: a
    /// platform whose every instance was OOM-killed one by one reads "64 of 64 stopped at
    /// 100 and 126 ms", not sixty-four notes. `None` when no fault stopped anything.
    pub fn faults_stopped(&self) -> Option<FaultsStopped> {
        let stopping: Vec<&FaultResult> = self
            .faults
            .iter()
            .filter(|f| !f.stopped.is_empty())
            .collect();
        if stopping.is_empty() {
            return None;
        }
        let mut at_ms: Vec<u64> = stopping.iter().map(|f| f.at_ms).collect();
        at_ms.sort_unstable();
        at_ms.dedup();
        // Each instance once, whichever faults named it.
        let mut stopped: Vec<&str> = stopping
            .iter()
            .flat_map(|f| f.stopped.iter().map(String::as_str))
            .collect();
        stopped.sort_unstable();
        stopped.dedup();
        // Nothing stops an instance but a fault, and these are all the faults that stopped
        // any: every instance of the platform ran before the first. (A fault's own
        // `stopped + survivors` is not it: OOM kills of every instance at one moment each
        // stop one and leave none running, which read "2 of 1".)
        let of = (self.instances.len() as u64).max(stopped.len() as u64);
        Some(FaultsStopped {
            faults: stopping.len(),
            stopped: stopped.len(),
            of,
            at_ms,
        })
    }

    /// Host paging in a run of `duration_ms`: page-ins per second (touches of swapped-out
    /// pages, each a 4 KiB read) and, of them, those that wrote the page they evicted
    /// (each also a 4 KiB write).
    pub fn paging_per_s(&self, duration_ms: u64) -> (f64, f64) {
        let seconds = duration_ms.max(1) as f64 / 1000.0;
        let ins: u64 = self.instances.iter().map(|i| i.swap_ins).sum();
        let outs: u64 = self.instances.iter().map(|i| i.swap_outs).sum();
        (ins as f64 / seconds, outs as f64 / seconds)
    }

    /// The group whose figure against native the platform's own hides: its lowest group,
    /// when it runs two or more and that group's `relative_performance_percent`, printed
    /// with one decimal as the CLI and the page print every "vs native", differs from the
    /// platform's printed so. The platform's figure is the groups' mean weighted by the CPU
    /// each uses natively (a desktop's, its sessions' screen updates together): a starved
    /// VM beside neighbours that take the CPU it leaves can read 0.1% under a platform's
    /// 93.6%. The rule is a fact of the two printed figures, not a threshold: wherever a
    /// reader would see another number, the lowest is shown beside the platform's. `None`
    /// for one group, and where every group prints as the platform does.
    pub fn lowest_group(&self) -> Option<&GroupResult> {
        if self.groups.len() < 2 {
            return None;
        }
        let lowest = self.groups.iter().min_by(|a, b| {
            a.relative_performance_percent
                .total_cmp(&b.relative_performance_percent)
        })?;
        let printed = |v: f64| crate::text::fixed(v, 1);
        (printed(lowest.relative_performance_percent) != printed(self.relative_performance_percent))
            .then_some(lowest)
    }

    /// The platform's value of `metric` (for a latency metric, of operation `op`), as a
    /// question on it reads it: `None` when the platform has no such figure (no operation
    /// of that kind completed, no desktops, no sweep, a migration not finished), and when
    /// `op` does not fit the metric, as a scenario's question may not have it either: a
    /// latency metric ([`Metric::needs_op`]) without an operation, any other with one
    /// (`metric(Metric::HypervisorPercent, Some(Op::DiskRead))` is `None`, not the
    /// platform's hypervisor share).
    ///
    /// [`Metric::Throughput`] is the platform's, every group's operations together, as a
    /// question's `metric = "throughput"` ranks platforms by it; with an operation it is
    /// `None` too, as a question may not write `op` beside it (a group's workload mixes
    /// operations, so "the throughput of disk reads" would be a figure no question reads).
    /// One workload's throughput is its group's: [`Self::group_named`]`(name)?.throughput`.
    pub fn metric(&self, metric: Metric, op: Option<Op>) -> Option<f64> {
        let p = self;
        if op.is_some() != metric.needs_op() {
            return None;
        }
        let latency = || op.and_then(|op| p.latency_of(op));
        Some(match metric {
            Metric::RelativePerformancePercent => p.relative_performance_percent,
            Metric::Throughput => p.throughput,
            Metric::MeanLatencyUs => latency()?.mean_us,
            Metric::P50LatencyUs => latency()?.p50_us,
            Metric::P99LatencyUs => latency()?.p99_us,
            Metric::StealPercent => p.steal_percent,
            Metric::GuestStealPercent => p.guest_steal_percent,
            Metric::ExitsPerSecond => p.exits_per_second,
            Metric::GuestUserPercent => p.cpu.guest_user,
            Metric::GuestKernelPercent => p.cpu.guest_kernel,
            Metric::HypervisorPercent => p.cpu.hypervisor,
            Metric::DeviceEmulationPercent => p.cpu.device_emulation,
            Metric::HostOsPercent => p.cpu.host_os,
            Metric::IdlePercent => p.cpu.idle,
            Metric::StartupMs => p.lifecycle.startup_ms,
            Metric::StartupAllMs => p.lifecycle.startup_all_ms,
            Metric::FootprintMib => p.lifecycle.footprint_mib,
            Metric::SweepDensity => f64::from(p.sweep_density?),
            Metric::Density => p.lifecycle.density as f64,
            Metric::InstancesStopped => {
                p.faults.iter().map(|f| f.stopped.len()).sum::<usize>() as f64
            }
            Metric::OpsLost => p.faults.iter().map(|f| f.ops_lost).sum::<u64>() as f64,
            // A migration still running at the end of the run has no downtime or total yet.
            Metric::MigrationDowntimeMs => p.migration.as_ref().filter(|m| m.finished)?.downtime_ms,
            Metric::MigrationTotalMs => p.migration.as_ref().filter(|m| m.finished)?.total_ms,
            Metric::DesktopP50LatencyMs => p.vdi.as_ref()?.latency_p50_ms,
            Metric::DesktopP99LatencyMs => p.vdi.as_ref()?.latency_p99_ms,
            Metric::DesktopBandwidthKbitS => p.vdi.as_ref()?.bandwidth_kbit_s,
            Metric::DesktopSessionsDropped => p.vdi.as_ref()?.sessions_dropped as f64,
            Metric::NetworkGbitS => p.network.as_ref()?.total_gbit_s(),
            Metric::DesktopFramesDeliveredPercent => {
                let v = p.vdi.as_ref()?;
                if v.frames_wanted == 0 {
                    return None;
                }
                v.frames_delivered as f64 * 100.0 / v.frames_wanted as f64
            }
        })
    }

    /// Latency of one operation across all groups, if any completed.
    pub fn latency_of(&self, op: Op) -> Option<&LatencySummary> {
        self.latency.iter().find(|l| l.op == op).map(|l| &l.latency)
    }

    /// The instance group named `name` (as in the scenario's `[[instance]]`).
    pub fn group(&self, name: &str) -> Option<&GroupResult> {
        self.groups.iter().find(|g| g.name == name)
    }

    /// [`Self::group`], for tests: a group the platform does not run is an error that
    /// lists its groups and guesses the one meant (as [`RunResult::platform_named`]).
    /// One workload's throughput is its group's; the platform's `throughput` adds every
    /// group's.
    ///
    /// ```
    /// let text = include_str!("../../scenarios/type1-vs-type2.toml");
    /// let result = sim_core::Scenario::from_toml("type1-vs-type2.toml", text)?.run()?;
    /// let type1 = result.platform_named("type1")?;
    /// let disk = type1.group_named("disk-vm")?;
    /// assert!(disk.throughput < type1.throughput); // the net VM's requests are not in it
    /// let e = type1.group_named("disk").unwrap_err();
    /// assert_eq!(
    ///     e.to_string(),
    ///     "platform `type1` has no group `disk`; did you mean `disk-vm`? Its groups: `disk-vm`, `net-vm`"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn group_named(&self, name: &str) -> Result<&GroupResult, UnknownName> {
        self.group(name).ok_or_else(|| {
            let mut e =
                UnknownName::new("group", name, self.groups.iter().map(|g| g.name.as_str()));
            e.platform = Some(self.name.clone());
            e
        })
    }

    /// How many a group stands for: its instances, or on a session host (RDS-like), its
    /// users' sessions (the group's instances there are the session host VMs it shares).
    pub fn group_members(&self, g: &GroupResult) -> u32 {
        match &self.vdi {
            Some(v) if v.session_host => v
                .groups
                .iter()
                .find(|s| s.group == g.name)
                .map_or(g.count, |s| s.sessions),
            _ => g.count,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Metric, Op, Scenario};

    /// `metric` reads what a question reads: an operation for a latency metric only.
    #[test]
    fn a_metric_takes_an_operation_only_where_a_question_may() {
        let text = "[scenario]\nname = \"m\"\nduration_ms = 5\n[[platform]]\nname = \"vm\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n[[instance]]\nname = \"a\"\nworkload = \"disk-random-4k\"\n";
        let result = Scenario::from_toml("m.toml", text).unwrap().run().unwrap();
        let vm = result.platform("vm").unwrap();
        assert_eq!(
            vm.metric(Metric::HypervisorPercent, None),
            Some(vm.cpu.hypervisor)
        );
        assert_eq!(
            vm.metric(Metric::HypervisorPercent, Some(Op::DiskRead)),
            None
        );
        let p99 = vm.latency_of(Op::DiskRead).map(|l| l.p99_us);
        assert!(p99.is_some());
        assert_eq!(vm.metric(Metric::P99LatencyUs, Some(Op::DiskRead)), p99);
        assert_eq!(vm.metric(Metric::P99LatencyUs, None), None);
    }

    /// One workload's throughput is its group's, by name (a reviewer's "type 1 beats type 2
    /// on disk" read the platform's, which adds the network group's requests): the
    /// platform's adds its groups' up, `metric(Throughput, Some(op))` is `None` as a
    /// question may not ask it, and a group the platform does not run is an error naming
    /// the platform and its groups.
    #[test]
    fn a_groups_throughput_is_its_own_and_the_platforms_adds_them_up() {
        let text = "[scenario]\nname = \"g\"\nduration_ms = 5\n\
                    [[platform]]\nname = \"vm\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n\
                    [[platform]]\nname = \"n\"\nkind = \"native\"\n\
                    [[instance]]\nname = \"disk-vm\"\nworkload = \"disk-random-4k\"\n\
                    [[instance]]\nname = \"net-vm\"\nworkload = \"network-rr\"\nplatforms = [\"vm\"]\n";
        let result = Scenario::from_toml("g.toml", text).unwrap().run().unwrap();
        let vm = result.platform_named("vm").unwrap();
        let (disk, net) = (
            vm.group_named("disk-vm").unwrap(),
            vm.group_named("net-vm").unwrap(),
        );
        assert_eq!(disk.ops + net.ops, vm.ops);
        assert!(disk.ops > 0 && net.ops > 0, "{} {}", disk.ops, net.ops);
        assert!(disk.throughput < vm.throughput && net.throughput < vm.throughput);
        assert_eq!(disk.throughput, disk.ops as f64 / 0.005);
        assert_eq!(vm.metric(Metric::Throughput, None), Some(vm.throughput));
        assert_eq!(vm.metric(Metric::Throughput, Some(Op::DiskRead)), None);
        let e = vm.group_named("disk").unwrap_err();
        assert_eq!(
            e.to_string(),
            "platform `vm` has no group `disk`; did you mean `disk-vm`? Its groups: `disk-vm`, `net-vm`"
        );
        let e = vm.group_named("dsk-vm").unwrap_err();
        assert!(e.to_string().contains("; did you mean `disk-vm`?"), "{e}");
        assert_eq!((e.kind, e.platform.as_deref()), ("group", Some("vm")));
        // `net-vm` runs on `vm` only.
        let e = result
            .platform_named("n")
            .unwrap()
            .group_named("net-vm")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "platform `n` has no group `net-vm`. Its groups: `disk-vm`"
        );
        assert!(result.platform("n").unwrap().group("disk-vm").is_some());
    }

    /// Binary translation beside hardware assist is noted as two CPU generations, except on
    /// the Pentium 4 whose figures BT's are; without both techniques there is no note.
    #[test]
    fn bt_beside_hardware_assist_after_the_pentium_4_is_noted() {
        let run = |cpu: &str, techniques: &[&str]| {
            let platforms: String = techniques
                .iter()
                .map(|t| {
                    format!("[[platform]]\nname = \"{t}\"\nkind = \"type1\"\ntechnique = \"{t}\"\n")
                })
                .collect();
            let text = format!("[scenario]\nname = \"g\"\nduration_ms = 2\n[host]\ncpu = \"{cpu}\"\n{platforms}[[instance]]\nname = \"a\"\nworkload = \"syscall-heavy\"\n");
            Scenario::from_toml("g.toml", &text)
                .unwrap()
                .run()
                .unwrap()
                .generations_note()
        };
        let note = run("sandy_bridge", &["binary_translation", "hardware_assist"]).expect("a note");
        assert!(note.en.contains("host.cpu = \"sandy_bridge\"") && note.ko.contains("Pentium 4"));
        assert!(run("skylake", &["binary_translation", "hybrid"]).is_some());
        assert!(run("prescott", &["binary_translation", "hardware_assist"]).is_none());
        assert!(run("sandy_bridge", &["binary_translation", "para"]).is_none());
        assert!(run("sandy_bridge", &["hardware_assist"]).is_none());
    }
}
