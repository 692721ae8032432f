//! Scenario files: the TOML format instructors write, its validation, and the validated form.
//!
//! Every error names the file, line and column and says what would be valid. Limits on
//! size, instances, duration and estimated events turn oversized scenarios into errors
//! instead of hangs.
//!
//! - `format.rs`: the file as written (the serde `*Section` structs and their defaults);
//! - `read.rs`: the bytes as text, and the reading past mistakes (every independent error
//!   at once) with the probe that finds a field's range;
//! - `validate/`: validation into the validated forms below, one file per part of the file;
//! - `limits.rs`: the `MAX_*` limits; `estimate.rs`: the event estimate;
//! - `adjust.rs`: [`Adjustments`] (slider changes);
//! - `error/`: [`ScenarioError`] and locations, the parser's messages reworded, name guesses.

mod adjust;
pub(crate) mod error;
mod estimate;
mod format;
mod limits;
mod read;
mod validate;

use crate::costs::CostTable;
use crate::isolation::FaultKind;
use crate::platform::{SchedulerKind, Stack};
use crate::question::{Metric, QuestionKind, Select};
use crate::sweep::Sweep;
use crate::text::Text;
use crate::workload::Op;

pub use crate::hardware::Host;
pub use crate::instance::InstanceSpec;
pub(crate) use adjust::oom_alone_lists;
pub use adjust::{
    smallest_memory_setting, Adjustments, NetworkSetting, OomAlone, HOST_MEMORY_MAX_MIB,
    HOST_MEMORY_MIN_MIB, MEMORY_STEP_MIB,
};
pub use error::{guess, guess_id, line_column, ScenarioError};
pub use estimate::{desktop_events, desktop_sends, fitting_duration_ms};
pub use format::{
    DiskSection, FaultSection, HostSection, InstanceSection, MigrationSection, NicSection,
    PlatformSection, QuestionSection, ScenarioFile, ScenarioSection, SweepSection, WorkloadSection,
};
pub use limits::{
    MAX_COMPUTE_CYCLES, MAX_CORES, MAX_DISK_BANDWIDTH_MB_S, MAX_DISK_IOPS, MAX_DURATION_MS,
    MAX_ERRORS_SHOWN, MAX_ESTIMATED_EVENTS, MAX_FAULTS, MAX_FILE_BYTES, MAX_GROUP_RUNS,
    MAX_INSTANCES, MAX_KEY_PARTS, MAX_LATENCY_US, MAX_NESTING, MAX_NIC_BANDWIDTH_GBIT_S,
    MAX_PLATFORMS, MAX_QUESTIONS, MAX_SYSCALL_WORK_CYCLES, MAX_THINK_TIME_US,
    MAX_THREADS_PER_INSTANCE, MAX_TRANSFER_BYTES, MAX_VCPUS, MAX_WARNINGS_SHOWN, PAGE_MAX_EVENTS,
    VDI_CLIENT_BANDWIDTH_MBIT_S, VDI_LOSS_PERCENT, VDI_RTT_MS,
};
pub use read::text_of;
use read::too_large;
pub(crate) use read::{bidi_control_error, ReadPast, PROBE_READS_PAST};

use error::{msg, Stop, Validator};
use validate::{validate, validate_all, Questions};

// For assignments (crate::assignment), which validate their own questions against a
// scenario and locate errors in their own file.
pub(crate) use validate::first as validate_first;
pub(crate) use validate::{
    empty_texts, text_placeholder_errors, validate_question, PlaceholderNames, WrittenText,
};

// ---------------------------------------------------------------------------------------
// The validated form.

/// A validated platform.
#[derive(Debug, Clone, PartialEq)]
pub struct PlatformSpec {
    pub name: String,
    pub label: Option<Text>,
    pub stack: Stack,
    pub scheduler: SchedulerKind,
    pub time_slice_ms: u64,
    /// Credit scheduler: BOOST for woken vCPUs.
    pub credit_boost: bool,
    /// The driver domain's vCPUs and the weight of each (1 and 256 without one).
    pub dom0: crate::platform::Dom0,
    pub host_background_percent: u32,
    /// VDI: the client network and display protocol.
    pub vdi: Option<VdiNetwork>,
    /// Overcommit policies in force (sorted, no repeats).
    pub overcommit: Vec<crate::memory::OvercommitPolicy>,
    /// How long the instances have run together before the measured window, seconds:
    /// how long KSM, balloons and free page reporting have been at work (see
    /// `crate::memory::progress`).
    pub running_for_s: u64,
    /// A live migration of one of its VMs.
    pub migration: Option<crate::memory::MigrationSpec>,
}

/// The network between a VDI server and its thin clients (it lives with the platforms).
pub use crate::platform::VdiNetwork;

/// A validated fault.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultSpec {
    pub at_ms: u64,
    pub kind: FaultKind,
    /// Instance group index and 0-based copy (kernel_panic).
    pub instance: Option<(usize, u32)>,
    pub platforms: Vec<usize>,
}

/// A validated question.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub text: Text,
    pub kind: QuestionKind,
    pub metric: Metric,
    pub op: Option<Op>,
    pub select: Select,
    /// Choice questions: indices of the platforms to choose from.
    pub candidates: Vec<usize>,
    pub platform: Option<usize>,
    pub tolerance_percent: f64,
    pub explanation: Option<Text>,
}

/// A validated scenario, ready to run.
///
/// Its fields are what the validator accepted. To run a changed scenario, change its text
/// and read it again, or use [`Scenario::adjusted`] (the page's sliders) or
/// [`Scenario::set_seed`]. A field written by hand is checked again when the scenario runs
/// ([`Scenario::check`]: its range, the indices that tie it to other fields and the event
/// budget, with the file's messages and no location): a run refuses what the file would
/// have, with [`crate::SimError::Invalid`]. `adjusted` and `with_cost` keep the
/// `[scenario]` fields as they are (the seed, `duration_ms`, `trace`) and start the others
/// again from the file's own values, not from fields written by hand.
///
/// Two scenarios are equal (`==`) when every field is, the text they were read from and
/// what [`Scenario::adjusted`] and [`Scenario::with_cost`] start from included: the same
/// text read twice under the same file name, or a scenario and its clone.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The file name given to [`Scenario::from_toml`]: it labels errors, and never changes
    /// a result.
    pub file_name: String,
    /// The `[scenario]` table's `name`.
    pub name: String,
    pub title: Option<Text>,
    pub description: Option<Text>,
    pub seed: u64,
    pub duration_ms: u64,
    pub trace: bool,
    pub host: Host,
    pub platforms: Vec<PlatformSpec>,
    pub instances: Vec<InstanceSpec>,
    pub costs: CostTable,
    pub questions: Vec<Question>,
    pub faults: Vec<FaultSpec>,
    pub sweep: Option<Sweep>,
    pub(crate) raw: ScenarioFile,
    pub(crate) source: String,
}

impl Scenario {
    /// Parses and validates a scenario. `file_name` only labels errors: each names the
    /// file, line and column and what would be valid ([`ScenarioError`], in English and
    /// Korean).
    ///
    /// ```
    /// let text = "[scenario]\nname = \"tiny\"\nduration_ms = 5\n\n[[platform]]\nname = \"n\"\nkind = \"native\"\n\n[[instance]]\nname = \"a\"\nworkload = \"web-server\"\n";
    /// let result = sim_core::Scenario::from_toml("tiny.toml", text)?.run()?;
    /// assert!(result.platform("n").is_some_and(|p| p.throughput > 0.0));
    /// let bad = sim_core::Scenario::from_toml("tiny.toml", &text.replace("web-server", "web-serve"));
    /// assert!(bad.unwrap_err().to_string().starts_with("tiny.toml:11:"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// In wasm builds this is `#[inline]`, for size, not speed: the generic TOML
    /// deserialization of the whole scenario format (most of the parsing code) is then
    /// compiled in the crate that calls this, at that crate's optimization level. The web
    /// page builds sim-core for speed (opt-level 3) and itself for size (opt-level z): that
    /// made its wasm 86 KB smaller gzipped (`docs/performance.md`), with the same re-run
    /// speed. Every caller inside sim-core that the page reaches must be inline in wasm
    /// too (`#[cfg_attr(target_arch = "wasm32", inline)]`, as the assignment reading is),
    /// or an opt-level-3 copy comes back beside the page's. Natively it is not inline: the
    /// parser is compiled once, in sim-core, not again in each test binary that calls this
    /// (which cost 30–60 s of compile time per test file).
    ///
    /// The error is the first in the file of those [`Self::from_toml_all`] reports. An
    /// assignment file is the error `wrong_kind` ("this is an assignment file, not a
    /// scenario"): read it with [`crate::Assignment::from_toml`].
    #[cfg_attr(target_arch = "wasm32", inline)]
    pub fn from_toml(file_name: &str, text: &str) -> Result<Scenario, ScenarioError> {
        Self::from_toml_all(file_name, text).map_err(validate::first)
    }

    /// [`Self::from_toml`], with every independent error the file has, in the file's order
    /// (by line and column; never an empty list), so that an author can fix them all at
    /// once. An unknown value (`kind = "natve"`), an unknown key or a value of the wrong
    /// type does not stop the reading: the part that holds it counts as a part with an
    /// error, and the rest is read (`read_past`). A TOML syntax error, a table without a
    /// key it needs or an unknown table stops it, and no check runs: that error, the last
    /// read, says so ([`ScenarioError::stop_note_in`]). After a reading the checks go part by part (`[host]`, each
    /// `[[platform]]`, each `[[instance]]`, each `[[question]]`...): each part's first
    /// error is reported, and a part that refers to one with an error is not checked
    /// (an instance on a platform with an error is checked without it, a question is
    /// checked only when every platform and instance is valid), so that no error follows
    /// from another. `virtsim validate` prints them all (the first [`MAX_ERRORS_SHOWN`]).
    /// Inline in wasm like `from_toml`, for the same reason.
    ///
    /// ```
    /// let text = "[scenario]\nname = \"tiny\"\nduration_ms = 0\n\n[[platform]]\nname = \"n\"\nkind = \"native\"\n\n[[instance]]\nname = \"a\"\nworkload = \"web-server\"\ncount = 0\n\n[[instance]]\nname = \"b\"\nworkload = \"web-serve\"\n";
    /// let errors = sim_core::Scenario::from_toml_all("tiny.toml", text).unwrap_err();
    /// let places: Vec<(usize, usize)> = errors.iter().map(|e| (e.line, e.column)).collect();
    /// assert_eq!(places, [(3, 15), (12, 9), (16, 12)]);
    /// // `from_toml` gives the first.
    /// let first = sim_core::Scenario::from_toml("tiny.toml", text).unwrap_err();
    /// assert_eq!(first, errors[0]);
    /// ```
    #[cfg_attr(target_arch = "wasm32", inline)]
    pub fn from_toml_all(file_name: &str, text: &str) -> Result<Scenario, Vec<ScenarioError>> {
        if text.len() > MAX_FILE_BYTES {
            return Err(vec![too_large(file_name, text, text.len())]);
        }
        if let Some(e) = bidi_control_error(file_name, text) {
            return Err(vec![e]);
        }
        Self::read(file_name, text, true)
    }

    /// [`Self::from_toml`] on a file's bytes, which must be UTF-8 text ([`text_of`]).
    pub fn from_bytes(file_name: &str, bytes: &[u8]) -> Result<Scenario, ScenarioError> {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(too_large(file_name, "", bytes.len()));
        }
        Self::from_toml(file_name, &text_of(file_name, bytes.to_vec())?)
    }

    /// Whether one of the scenario's texts as written (its description, a question's
    /// explanation) quotes a figure of its own ([`crate::text::quotes_a_figure`]): a figure
    /// the text was written for, which a run at another seed or with other costs may not
    /// match. A placeholder (`{metric:platform}`) quotes none: a run fills it with its own
    /// figure, so the texts as written are read, not the run's filled ones.
    pub fn texts_quote_a_figure(&self) -> bool {
        let quotes =
            |t: &Text| crate::text::quotes_a_figure(&t.en) || crate::text::quotes_a_figure(&t.ko);
        self.description.as_ref().is_some_and(quotes)
            || (self.questions.iter()).any(|q| q.explanation.as_ref().is_some_and(quotes))
    }

    /// The `[scenario]` table's `name` (what [`RunResult::scenario`](crate::RunResult)
    /// holds), not the file name, which only labels errors ([`Self::file_name`](Scenario)).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The seed the run draws from: the file's `seed` (default 1), or one set since by
    /// [`Self::set_seed`] or [`Adjustments::seed`].
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Where question `id` is written: `file:line:column` of its `id` value, for a
    /// message about the question (the CLI's near-tie and tolerance warnings).
    pub fn question_location(&self, id: &str) -> Option<String> {
        let (line, column) = self.question_line_column(id)?;
        Some(format!("{}:{line}:{column}", self.file_name))
    }

    /// Line and column (from 1) in the scenario's text of question `id`'s `id = "..."`
    /// value, if it has a question by that id.
    pub fn question_line_column(&self, id: &str) -> Option<(usize, usize)> {
        let q = self.raw.questions.iter().find(|q| q.id.get_ref() == id)?;
        Some(line_column(&self.source, q.id.span().start))
    }

    /// Checks the scenario's values again, as [`Scenario::run`] and every other entry that
    /// runs it does first: each field within the range the file's validation enforces (an
    /// instance's workload within its `[[workload]]` keys' ranges), a stack's technique and
    /// I/O as the file's are checked (no paravirtualized type-2 platform), a question's
    /// platforms (a numeric question names one, a choice compares at least two that have a
    /// value) and a fault's, the indices that tie instances, questions, faults and the
    /// sweep to platforms and groups, and the memory and event budgets, so that a field
    /// written by hand (`s.host.cores = 0`, `s.instances.clear()`, `s.duration_ms =
    /// 10_000_000`, `s.questions[0].platform = None`) is an error, never a panic, a
    /// meaningless result or minutes of running. The messages are the file's, without a
    /// location (`line` and `column` 0): the value is written nowhere; a field in another
    /// unit than its key (`clock_mhz` for `clock_ghz`) is quoted in the key's unit with its
    /// own value beside. A stack's other settings (driver domain, back end, microVM,
    /// nesting, enlightenments) are checked in the text only: change those in the text.
    ///
    /// ```
    /// let text = include_str!("../../../scenarios/smoke.toml");
    /// let mut scenario = sim_core::Scenario::from_toml("smoke.toml", text)?;
    /// scenario.host.cores = 0;
    /// let e = scenario.check().unwrap_err();
    /// assert_eq!(e.to_string(), "smoke.toml: host.cores must be between 1 and 1,024; got 0");
    /// assert!(matches!(scenario.run(), Err(sim_core::SimError::Invalid(_))));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check(&self) -> Result<(), ScenarioError> {
        validate::check(self)
    }

    /// What validation found that does not make the file invalid but that its author
    /// should read, each located in the file: a host memory_gib above 4096 (4 TiB, more than
    /// a typical server has, and what a host's memory written in MiB by mistake becomes: code
    /// `host_memory_unusual`, at its value), a VDI platform's rtt_ms above 0 and below 0.1
    /// (shorter than any network's round trip: code `rtt_below_any_network`, at its value),
    /// an instance group whose memory_gib is below
    /// what its guest (or, for a container, its working set) needs, so that the OOM killer
    /// stops every instance of it even running alone (code `memory_too_small_alone`, at
    /// its memory_gib, or at its name when it keeps the default), and a VM group with more
    /// vCPUs than the host has cores (code `vcpus_over_cores`, at its vcpus). `virtsim validate` prints
    /// them on stderr; the file stays valid (exit 0). Computed on each call, from the
    /// scenario's fields and the file's locations.
    pub fn warnings(&self) -> Vec<ScenarioError> {
        validate::warnings(self)
    }

    /// The warnings of [`Self::warnings`] about a value's unit alone (a host memory_gib
    /// that reads as MiB, `host_memory_unusual`; a VDI rtt_ms that reads as seconds,
    /// `rtt_below_any_network`), from the file's text whether or not it is valid: an author
    /// fixing a file's errors sees them beside the errors, not only once the file is
    /// valid. Empty when the text does not read as a scenario's tables (a TOML syntax
    /// error, a value of the wrong type). The other warnings need the checked groups and
    /// host (a group's memory against its guest's, its vCPUs against the cores): they come
    /// with the valid file only. In the file's order; for a valid file they are among
    /// [`Self::warnings`].
    ///
    /// ```
    /// let text = "[scenario]\nname = \"d\"\nduration_ms = 0\n[[platform]]\nname = \"vdi\"\nkind = \"vdi\"\nrtt_ms = 0.02\n[[instance]]\nname = \"a\"\nworkload = \"desktop-office\"\n";
    /// assert!(sim_core::Scenario::from_toml_all("d.toml", text).is_err()); // duration_ms = 0
    /// let w = sim_core::Scenario::unit_warnings("d.toml", text);
    /// assert_eq!((w.len(), w[0].code, w[0].line), (1, "rtt_below_any_network", 7));
    /// ```
    ///
    /// Inline in wasm like `from_toml`, for the same reason: it reads the file.
    #[cfg_attr(target_arch = "wasm32", inline)]
    pub fn unit_warnings(file_name: &str, text: &str) -> Vec<ScenarioError> {
        if text.len() > MAX_FILE_BYTES {
            return Vec::new();
        }
        let Ok(raw) = read::read_tables(text) else {
            return Vec::new();
        };
        validate::unit_warnings(file_name, text, &raw)
    }

    /// Sets the seed the scenario runs with (the same as writing `seed`, kept by
    /// [`Scenario::adjusted`] too).
    pub fn set_seed(&mut self, seed: u64) {
        self.seed = seed;
        self.raw.scenario.seed = seed;
    }

    /// The scenario text it was read from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The names of the file's own workloads (`[[workload]]`), in the file's order: with
    /// the presets, what [`Adjustments::workload`] may set, whether or not an instance
    /// runs them as written.
    pub fn custom_workload_names(&self) -> impl Iterator<Item = &str> {
        self.raw.workloads.iter().map(|w| w.name.get_ref().as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_that_are_not_utf8_are_an_error_at_their_line_and_column() {
        // "é" is two bytes: the column counts characters (1 + 8 + 1 = 10).
        let bytes = b"[scenario]\nname = \"\xc3\xa9\xff\"\n";
        let e = Scenario::from_bytes("f.toml", bytes).unwrap_err();
        assert_eq!((e.code, e.line, e.column), ("not_utf8", 2, 10));
        assert!(
            e.message.contains("0xff at byte offset 21"),
            "{}",
            e.message
        );
        assert!(e
            .message_in(crate::text::Lang::Ko)
            .contains("UTF-8로 저장하세요"));
        // A character cut off by the file's end: its first byte, the file's last.
        let e = Scenario::from_bytes("f.toml", b"a = \"\xc3").unwrap_err();
        assert_eq!((e.code, e.line, e.column), ("not_utf8", 1, 6));
        assert!(e.message.contains("0xc3 at byte offset 5"), "{}", e.message);
        // UTF-16 (as Windows editors save "Unicode"), either byte order: named.
        for bom in [[0xff, 0xfe], [0xfe, 0xff]] {
            let mut bytes = bom.to_vec();
            bytes.extend("[scenario]".encode_utf16().flat_map(u16::to_le_bytes));
            let e = Scenario::from_bytes("f.toml", &bytes).unwrap_err();
            assert_eq!((e.code, e.line, e.column), ("not_utf8", 1, 1));
            assert!(
                e.message.contains("the file is UTF-16 text"),
                "{}",
                e.message
            );
            assert!(e.message_in(crate::text::Lang::Ko).contains("UTF-16"));
        }
        // UTF-8 text reads as `from_toml` reads it.
        let ok = b"[scenario]\nname = \"a\"\n[[platform]]\nname = \"n\"\nkind = \"native\"\n[[instance]]\nname = \"w\"\nworkload = \"web-server\"\n";
        assert!(Scenario::from_bytes("f.toml", ok).is_ok());
        let big = vec![b' '; MAX_FILE_BYTES + 1];
        assert_eq!(
            Scenario::from_bytes("f.toml", &big).unwrap_err().code,
            "file_too_large"
        );
    }

    #[test]
    fn adjustments_drop_questions_they_make_unanswerable() {
        let text = r#"
[scenario]
name = "disk"
[[platform]]
name = "a"
kind = "type1"
technique = "hardware_assist"
[[platform]]
name = "b"
kind = "container"
[[instance]]
name = "vm"
workload = "disk-random-4k"
[[question]]
id = "p99"
text = { en = "Lowest p99 disk read?", ko = "p99?" }
kind = "choice"
metric = "p99_latency_us"
op = "disk_read"
select = "lowest"
[[question]]
id = "rel"
text = { en = "Relative?", ko = "?" }
kind = "numeric"
metric = "relative_performance_percent"
platform = "a"
"#;
        let scenario = Scenario::from_toml("disk.toml", text).expect("valid");
        assert_eq!(scenario.questions.len(), 2);
        // cpu-bound never reads the disk: the latency question cannot be answered any
        // more and is dropped; the other one stays.
        let adjusted = scenario
            .adjusted(&Adjustments {
                workload: Some("cpu-bound".into()),
                ..Adjustments::default()
            })
            .expect("still valid");
        let ids: Vec<&str> = adjusted.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["rel"]);
        // Reading the same change from a file is still an error.
        let edited = text.replace("disk-random-4k", "cpu-bound");
        assert!(Scenario::from_toml("disk.toml", &edited).is_err());
    }

    #[test]
    fn a_seed_set_by_hand_is_kept_by_adjusted_unless_the_adjustments_set_one() {
        let text = "[scenario]\nname = \"s\"\nseed = 3\nduration_ms = 5\n[[platform]]\nname = \"n\"\nkind = \"native\"\n[[instance]]\nname = \"a\"\nworkload = \"web-server\"\n";
        let mut by_field = Scenario::from_toml("s.toml", text).expect("valid");
        by_field.seed = 7;
        let mut by_setter = by_field.clone();
        by_setter.set_seed(7);
        let longer = Adjustments {
            duration_ms: Some(6),
            ..Adjustments::default()
        };
        for s in [&by_field, &by_setter] {
            assert_eq!(s.adjusted(&longer).expect("valid").seed, 7);
            let reseeded = Adjustments {
                seed: Some(9),
                ..longer.clone()
            };
            assert_eq!(s.adjusted(&reseeded).expect("valid").seed, 9);
        }
    }

    #[test]
    fn clock_and_memory_adjustments_set_the_host_and_every_group() {
        let text = r#"
[scenario]
name = "clock"
duration_ms = 20
[host]
clock_ghz = 3.0
[[platform]]
name = "vm"
kind = "type1"
technique = "hardware_assist"
[[instance]]
name = "small"
memory_gib = 0.5
workload = "syscall-heavy"
[[instance]]
name = "large"
memory_gib = 2
workload = "syscall-heavy"
"#;
        let scenario = Scenario::from_toml("clock.toml", text).expect("valid");
        let faster = scenario
            .adjusted(&Adjustments {
                host_clock_mhz: Some(3600),
                memory_per_instance_mib: Some(1536),
                ..Adjustments::default()
            })
            .expect("still valid");
        assert_eq!(faster.host.clock_mhz, 3600);
        let memory: Vec<u64> = faster.instances.iter().map(|i| i.memory_mib).collect();
        assert_eq!(memory, [1536, 1536]);
        // The costs are in cycles: a syscall takes as many cycles at either clock, so
        // fewer microseconds at 3.6 GHz than at 3.0 (not exactly 3.0/3.6 of them: the
        // draws of a run at another clock fall at other cycles).
        let mean = |s: &Scenario| {
            let result = s.run().expect("runs");
            let vm = &result.platforms[0];
            vm.latency
                .iter()
                .find(|l| l.op == crate::workload::Op::Syscall)
                .expect("syscalls measured")
                .latency
                .mean_us
        };
        let (at_3_0, at_3_6) = (mean(&scenario), mean(&faster));
        assert!(
            at_3_6 < at_3_0 * 0.9,
            "mean syscall {at_3_6} µs at 3.6 GHz against {at_3_0} at 3.0"
        );
    }

    #[test]
    fn a_memory_setting_too_large_names_the_tightest_platform_and_the_most_that_fits() {
        // 16 GiB host, 1 GiB kept: 15 360 MiB for the instances. The containers (no
        // overhead), the first platform the validator finds over, fit 3 × 5120 MiB; the
        // type-2 VMs (150 MiB of VMM process each) only 3 × 4970: the type-2 platform limits
        // the setting, at 4928 MiB (a multiple of 64). The first type-2 platform may swap,
        // so it limits nothing.
        let text = r#"
[scenario]
name = "mem"
duration_ms = 20
[host]
memory_gib = 16
[[platform]]
name = "swapping"
kind = "type2"
technique = "hardware_assist"
overcommit = ["swap"]
[[platform]]
name = "ct"
kind = "container"
[[platform]]
name = "t2"
kind = "type2"
technique = "hardware_assist"
[[instance]]
name = "web"
count = 3
memory_gib = 1
workload = "syscall-heavy"
"#;
        let scenario = Scenario::from_toml("mem.toml", text).expect("valid");
        let with = |mib: u32, count: Option<u32>| {
            scenario.adjusted(&Adjustments {
                memory_per_instance_mib: Some(mib),
                instance_count: count,
                ..Adjustments::default()
            })
        };
        let e = with(6144, None).expect_err("3 × 6 GiB do not fit 15 GiB");
        assert_eq!(e.code, "memory_setting_over_host");
        // At the group's memory_gib (line 22, column 14), as the scenario's own error.
        assert_eq!((e.file.as_str(), e.line, e.column), ("mem.toml", 22, 14));
        assert!(
            e.message.contains("platform `t2`, the tightest"),
            "{}",
            e.message
        );
        assert!(
            e.message
                .contains("the most that fits is 4928 MiB per instance (in steps of 64 MiB)"),
            "{}",
            e.message
        );
        assert!(!e.message.contains("overcommit"), "{}", e.message);
        let ko = e.message_in(crate::text::Lang::Ko);
        assert!(
            ko.contains("가장 빠듯한 플랫폼 `t2`") && ko.contains("인스턴스당 4928 MiB"),
            "{ko}"
        );
        // The page blames the memory control for it.
        assert!(e.params.contains(&("field", "memory_gib".to_string())));
        // For an assignment's message: every platform without a policy that the setting
        // does not fit (the containers too: 3 × 6144 MiB), and what all of them can use.
        assert!(e
            .params
            .contains(&("over", "platforms `ct`, `t2`".to_string())));
        assert!(e
            .params
            .contains(&("overcommit", "overcommit = [\"swap\"]".to_string())));
        // Beyond the format's 64 TiB per instance: the same message, in MiB.
        let e = with(99_999_999, None).expect_err("beyond every host");
        assert_eq!(e.code, "memory_setting_over_host");
        assert!(e.message.contains("4928 MiB"), "{}", e.message);
        // The same where every platform may overcommit (none limits it): still in MiB.
        let free = Scenario::from_toml(
            "mem.toml",
            &text
                .replace(
                    "kind = \"container\"",
                    "kind = \"container\"\novercommit = [\"swap\"]",
                )
                .replace(
                    "name = \"t2\"\nkind = \"type2\"\ntechnique = \"hardware_assist\"",
                    "name = \"t2\"\nkind = \"type2\"\ntechnique = \"hardware_assist\"\novercommit = [\"swap\"]",
                ),
        )
        .expect("valid");
        let e = free
            .adjusted(&Adjustments {
                memory_per_instance_mib: Some(99_999_999),
                ..Adjustments::default()
            })
            .expect_err("beyond the format");
        assert_eq!(e.code, "memory_setting_out_of_range");
        assert!(
            e.message.contains("99999999 MiB") && !e.message.contains("memory_gib"),
            "{}",
            e.message
        );
        assert!(e.params.contains(&("field", "memory_gib".to_string())));
        // The figure is the most: it fits, one step more does not.
        assert!(with(4928, None).is_ok());
        assert!(with(4928 + 64, None).is_err());
        // With the count setting too: 40 type-2 VMs leave 384 − 150 MiB each, 192 in steps.
        let e = with(1024, Some(40)).expect_err("40 × 1 GiB do not fit 15 GiB");
        assert!(
            e.message.contains("the most that fits is 192 MiB"),
            "{}",
            e.message
        );
        assert!(with(192, Some(40)).is_ok());
        // 100 type-2 VMs do not fit even at the smallest step: say so, not "0 MiB".
        let e = with(64, Some(100)).expect_err("100 × 214 MiB do not fit 15 GiB");
        assert_eq!(e.code, "memory_setting_over_host");
        assert!(
            e.message
                .contains("not even 64 MiB per instance fits 100 instances"),
            "{}",
            e.message
        );
        // Written in the file, the same total is the file's error, with its TOML advice.
        let e = Scenario::from_toml(
            "mem.toml",
            &text.replace("memory_gib = 1\n", "memory_gib = 6\n"),
        )
        .expect_err("3 × 6 GiB");
        assert_eq!(e.code, "memory_over_host");
    }

    #[test]
    fn a_memory_setting_too_small_names_the_groups_oom_killed_alone_and_the_smallest_that_fits() {
        // Linux guests need 200 MiB of OS, a microVM's 32, a Windows guest 1500 (the cost
        // table's estimates) plus the working set; a container its working set, unless its
        // platform may swap. `leaky` is over its limit as written, but a setting replaces
        // its memory too: judged by the setting, killed below its 512 MiB working set.
        let text = r#"
[scenario]
name = "small"
duration_ms = 100
[host]
memory_gib = 64
[[platform]]
name = "vm"
kind = "type1"
technique = "hardware_assist"
[[platform]]
name = "micro"
kind = "type1"
technique = "hybrid"
microvm = true
[[platform]]
name = "ct"
kind = "container"
[[platform]]
name = "ct-swap"
kind = "container"
overcommit = ["swap"]
[[instance]]
name = "web"
memory_gib = 1
working_set_mib = 128
workload = "syscall-heavy"
[[instance]]
name = "win"
platforms = ["vm"]
guest_os = "windows"
memory_gib = 2
working_set_mib = 128
workload = "syscall-heavy"
[[instance]]
name = "leaky"
platforms = ["ct"]
memory_gib = 0.25
working_set_mib = 512
workload = "syscall-heavy"
"#;
        let scenario = Scenario::from_toml("small.toml", text).expect("valid");
        let short = |found: &[OomAlone]| -> Vec<(String, String, u64)> {
            found
                .iter()
                .map(|f| (f.platform_name.clone(), f.group_name.clone(), f.needs_mib()))
                .collect()
        };
        let owned = |v: &[(&str, &str, u64)]| -> Vec<(String, String, u64)> {
            v.iter()
                .map(|&(p, g, n)| (p.to_string(), g.to_string(), n))
                .collect()
        };
        // At any setting that holds every group: nothing.
        assert!(scenario.oom_alone_with_memory(1024 * 2).is_empty());
        assert!(scenario.oom_alone_with_memory(1628).is_empty());
        let at_256 = scenario.oom_alone_with_memory(256);
        assert_eq!(
            short(&at_256),
            owned(&[
                ("vm", "web", 328),
                ("vm", "win", 1628),
                ("ct", "leaky", 512)
            ])
        );
        assert_eq!(at_256[1].guest_os_mib, 1500);
        assert_eq!(at_256[1].reason, crate::memory::OomReason::GuestMemory);
        // 1628 MiB rounded up to the memory control's 64 MiB steps.
        assert_eq!(smallest_memory_setting(&at_256), 1664);
        assert_eq!(smallest_memory_setting(&[]), 0);
        let at_100 = scenario.oom_alone_with_memory(100);
        assert_eq!(
            short(&at_100),
            owned(&[
                ("vm", "web", 328),
                ("vm", "win", 1628),
                ("micro", "web", 160),
                ("ct", "web", 128),
                ("ct", "leaky", 512),
            ])
        );
        assert_eq!(at_100[3].reason, crate::memory::OomReason::CgroupLimit);
        assert_eq!(at_100[3].guest_os_mib, 0);
        // The figures are the rule's own (memory::oom_of_its_own): at what a group needs
        // it is not killed alone, one MiB less it is.
        for f in &at_100 {
            let p = &scenario.platforms[f.platform];
            let mut i = scenario.instances[f.group].clone();
            let alone = |i: &InstanceSpec| {
                crate::memory::oom_of_its_own(&p.stack, &p.overcommit, &scenario.costs, i)
            };
            i.memory_mib = f.needs_mib();
            assert_eq!(alone(&i), None, "{f:?}");
            i.memory_mib -= 1;
            assert_eq!(alone(&i), Some(f.reason), "{f:?}");
        }
        // As written, `leaky` is: valid, with a warning at its memory_gib that names the
        // platform, what it needs (its working set, 512 MiB) and the least memory_gib that
        // holds it, in hundredths (0.50).
        let warnings = scenario.warnings();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let w = &warnings[0];
        let leaky_memory = text.find("memory_gib = 0.25").unwrap();
        let (line, column) = line_column(text, leaky_memory + "memory_gib = ".len());
        assert_eq!(
            (w.code, w.line, w.column),
            ("memory_too_small_alone", line, column)
        );
        assert!(
            w.message
                .contains("instance `leaky`: with memory_gib = 0.25 (256 MiB)")
                && w.message
                    .contains("on platform `ct` (a container needs 512 MiB")
                && w.message.contains("give it memory_gib = 0.50 or more"),
            "{}",
            w.message
        );
        assert!(w
            .message_in(crate::text::Lang::Ko)
            .contains("memory_gib = 0.50 이상으로 하세요"));
        // A group that keeps the default memory_gib (2 GiB) is warned at its name.
        let windows = text.replace(
            "guest_os = \"windows\"\nmemory_gib = 2\nworking_set_mib = 128",
            "guest_os = \"windows\"\nworking_set_mib = 1024",
        );
        let warnings = Scenario::from_toml("small.toml", &windows)
            .expect("valid")
            .warnings();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        let name_at = windows.find("name = \"win\"").unwrap() + "name = ".len();
        assert_eq!(
            (warnings[0].line, warnings[0].column),
            line_column(&windows, name_at)
        );
        assert!(
            warnings[0]
                .message
                .contains("a guest needs 2524 MiB: 1500 MiB of guest OS")
                && warnings[0].message.contains("memory_gib = 2.47 or more"),
            "{}",
            warnings[0].message
        );
        // Memory enough for every group: no warning.
        let roomy = text.replace("memory_gib = 0.25", "memory_gib = 0.5");
        assert!(Scenario::from_toml("small.toml", &roomy)
            .expect("valid")
            .warnings()
            .is_empty());
        // Still a valid setting: the page's memory control may show an OOM kill.
        let adjusted = scenario
            .adjusted(&Adjustments {
                memory_per_instance_mib: Some(100),
                ..Adjustments::default()
            })
            .expect("a small memory is valid");
        let result = adjusted.run().expect("runs");
        let killed: Vec<(&str, &str)> = (result.platforms.iter())
            .flat_map(|p| {
                (p.groups_oom_killed().into_iter()).map(move |(g, ..)| (p.name.as_str(), g))
            })
            .collect();
        // The groups found (a container when its working set reaches the limit, timed by
        // its first touch: within the 100 ms), and `leaky` as written; on `ct-swap` the
        // container swaps.
        assert_eq!(
            killed,
            [
                ("vm", "web"),
                ("vm", "win"),
                ("micro", "web"),
                ("ct", "web"),
                ("ct", "leaky")
            ]
        );
    }

    /// An adjusted value the file does not write (a default) is located at what owns it:
    /// the instance's name, the [host] table, the scenario's name; not at line 1, column 1
    /// (type1-vs-type2's first line is a comment).
    #[test]
    fn an_adjusted_default_is_located_at_its_owner_not_at_the_first_character() {
        let text = include_str!("../../../scenarios/type1-vs-type2.toml");
        let s = Scenario::from_toml("type1-vs-type2.toml", text).expect("valid");
        // The name's value, after `name = `.
        let at = |needle: &str| line_column(text, text.find(needle).expect("in the file") + 7);
        let e = s
            .adjusted(&Adjustments {
                instance_count: Some(5000),
                ..Adjustments::default()
            })
            .unwrap_err();
        // disk-vm writes no count: at its name.
        assert!(e.message.starts_with("instance `disk-vm`: count"), "{e}");
        assert_eq!((e.line, e.column), at("name = \"disk-vm"), "{e}");
        // A file without a [host] table or duration_ms: at the table, at the name.
        let bare = "[scenario]\nname = \"bare\"\n[[platform]]\nname = \"n\"\nkind = \"native\"\n[[instance]]\nname = \"a\"\nworkload = \"web-server\"\n";
        let s = Scenario::from_toml("bare.toml", bare).expect("valid");
        let e = s
            .adjusted(&Adjustments {
                host_cores: Some(5000),
                ..Adjustments::default()
            })
            .unwrap_err();
        assert_eq!(e.code, "out_of_range");
        assert_eq!((e.line, e.column), (2, 8), "{e}");
        let e = s
            .adjusted(&Adjustments {
                duration_ms: Some(70_000),
                ..Adjustments::default()
            })
            .unwrap_err();
        assert_eq!((e.line, e.column), (2, 8), "{e}");
        let with_host = bare.replace("[[platform]]", "[host]\ncpu = \"skylake\"\n[[platform]]");
        let s = Scenario::from_toml("host.toml", &with_host).expect("valid");
        let e = s
            .adjusted(&Adjustments {
                host_cores: Some(5000),
                ..Adjustments::default()
            })
            .unwrap_err();
        assert_ne!((e.line, e.column), (1, 1), "{e}");
        assert_eq!(e.line, 3, "{e}");
    }

    /// An error of `adjusted` names the adjustments it was found with, in both languages,
    /// after the message (Display, `to_string_in`), not in it (`message_in`, which the
    /// page shows beside the control and an assignment quotes beside the variant): those
    /// that set the value it is about, else every one set, the seed never.
    #[test]
    fn an_adjusted_error_names_the_adjustments_it_was_found_with() {
        use crate::Lang;
        let text = include_str!("../../../scenarios/type1-vs-type2.toml");
        let s = Scenario::from_toml("type1-vs-type2.toml", text).expect("valid");
        let error = |adj: Adjustments| s.adjusted(&adj).unwrap_err();
        // The reviewer's: more VMs than the host's memory holds, located at a memory_gib.
        let e = error(Adjustments {
            instance_count: Some(4),
            seed: Some(3),
            ..Adjustments::default()
        });
        assert_eq!(e.code, "memory_over_host");
        assert_eq!(
            e.adjustment_in(Lang::En),
            Some("with the adjustment instance_count = 4")
        );
        assert_eq!(
            e.adjustment_in(Lang::Ko),
            Some("조정값 instance_count = 4 적용 시")
        );
        assert_eq!(
            e.to_string(),
            format!(
                "{}:{}:{}: {} (with the adjustment instance_count = 4)",
                e.file, e.line, e.column, e.message
            )
        );
        let ko = e.to_string_in(Lang::Ko);
        assert!(
            ko.ends_with("허용하세요 (조정값 instance_count = 4 적용 시)"),
            "{ko}"
        );
        assert!(!e.message_in(Lang::En).contains("instance_count"));
        let e = error(Adjustments {
            group_counts: vec![None, Some(8)],
            ..Adjustments::default()
        });
        assert_eq!(
            e.adjustment_in(Lang::En),
            Some("with the adjustment group_counts[1] = 8")
        );
        // Of several, the one that sets the value the error is about...
        let e = error(Adjustments {
            host_cores: Some(0),
            duration_ms: Some(20),
            workload: Some("database".into()),
            ..Adjustments::default()
        });
        assert_eq!(
            e.adjustment_in(Lang::En),
            Some("with the adjustment host_cores = 0")
        );
        // ... else every one set.
        let e = error(Adjustments {
            instance_count: Some(40),
            host_cores: Some(2),
            ..Adjustments::default()
        });
        assert_eq!(e.code, "memory_over_host");
        assert_eq!(
            e.adjustment_in(Lang::En),
            Some("with the adjustments host_cores = 2, instance_count = 40")
        );
        // A memory setting's own errors name it already: only the others are added.
        let e = error(Adjustments {
            memory_per_instance_mib: Some(65536),
            ..Adjustments::default()
        });
        assert!(e.code.starts_with("memory_setting_"), "{e}");
        assert_eq!(e.adjustment_in(Lang::En), None);
        assert!(
            e.message.starts_with("memory per instance of 65536 MiB"),
            "{e}"
        );
        // An error of the file itself has none.
        let e = Scenario::from_toml("t.toml", &text.replace("cores = 4", "cores = 0"));
        if let Err(e) = e {
            assert_eq!(e.adjustment_in(Lang::En), None);
        }
    }

    /// `RunResult::scenario` is the `[scenario]` name; the file name only labels errors:
    /// the same text read under another file name gives the very same result.
    #[test]
    fn the_file_name_labels_errors_and_never_changes_a_result() {
        let text = include_str!("../../../scenarios/smoke.toml");
        let a = Scenario::from_toml("smoke.toml", text).expect("valid");
        let b = Scenario::from_toml("elsewhere/other.toml", text).expect("valid");
        assert_eq!((a.name(), a.seed()), (b.name(), b.seed()));
        let (ra, rb) = (a.run().expect("runs"), b.run().expect("runs"));
        assert_eq!(ra, rb);
        assert_eq!(ra.scenario, a.name());
        assert_ne!(ra.scenario, a.file_name);
    }

    /// The errors' places, in the order given.
    fn places(text: &str) -> Vec<(usize, usize, &'static str)> {
        let errors = Scenario::from_toml_all("t.toml", text).unwrap_err();
        assert_eq!(Scenario::from_toml("t.toml", text).unwrap_err(), errors[0]);
        errors.iter().map(|e| (e.line, e.column, e.code)).collect()
    }

    /// An unknown value (a serde error that stopped the reading) is one error among the
    /// others: the rest of the file is still checked, except the part that holds it.
    #[test]
    fn an_unknown_value_does_not_hide_the_files_other_errors() {
        let base = "[scenario]\nname = \"t\"\nduration_ms = 10\n[host]\ncores = 2\n[[platform]]\nname = \"a\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n[[platform]]\nname = \"b\"\nkind = \"native\"\n[[instance]]\nname = \"i\"\nworkload = \"web-server\"\n";
        assert!(Scenario::from_toml("t.toml", base).is_ok());
        // Two unknown values and two other errors, each reported, in the file's order.
        let text = base
            .replace("cores = 2", "cores = 0")
            .replace("\"hardware_assist\"", "\"hardware_asist\"")
            .replace("\"native\"", "\"natve\"")
            .replace("\"web-server\"", "\"web-sever\"");
        assert_eq!(
            places(&text),
            [
                (5, 9, "out_of_range"),
                (9, 13, "unknown_value"),
                (12, 8, "unknown_value"),
                (15, 12, "unknown_name"),
            ]
        );
        // The did-you-mean stays (the message is the same as when it stopped the reading).
        let errors = Scenario::from_toml_all("t.toml", &text).unwrap_err();
        assert!(
            errors[2].message.contains("did you mean `native`?"),
            "{}",
            errors[2]
        );

        // `typ1` is read as `vdi` (the one valid value no longer than it) to go on: the
        // platform is left out, so nothing that follows from `vdi` is reported (its
        // technique, its instances' workload), only the other platform's error.
        let text = base.replace("\"type1\"", "\"typ1\"").replace(
            "name = \"b\"\nkind = \"native\"",
            "name = \"b\"\nkind = \"native\"\ntechnique = \"para\"",
        );
        assert_eq!(
            places(&text),
            [(8, 8, "unknown_value"), (13, 13, "not_applicable")]
        );
        // One shorter than every valid value takes the room of the spaces around its `=`
        // (`kind="vdi"` read in place of `kind = "t1"`), so the reading goes on; written
        // without them, nothing fits, and the shortest valid value is read in its place,
        // longer than the one written: the reading goes on as well (it stopped there).
        let text = base
            .replace("\"type1\"", "\"t1\"")
            .replace("cores = 2", "cores = 0");
        assert_eq!(
            places(&text),
            [(5, 9, "out_of_range"), (8, 8, "unknown_value")]
        );
        let text = base
            .replace("kind = \"type1\"", "kind=\"t1\"")
            .replace("cores = 2", "cores = 0");
        assert_eq!(
            places(&text),
            [(5, 9, "out_of_range"), (8, 6, "unknown_value")]
        );

        // In [host] (the CPU generation): each platform is checked against every host it
        // could be (none of base's has an error on any); an instance's own error is still
        // reported.
        let text = base
            .replace("cores = 2", "cores = 2\ncpu = \"skylak\"")
            .replace("\"web-server\"", "\"web-sever\"");
        assert_eq!(
            places(&text),
            [(6, 7, "unknown_value"), (16, 12, "unknown_name")]
        );
    }

    #[test]
    fn line_column_counts_characters() {
        let text = "a = 1\n한글 = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        let offset = text.find('=').unwrap();
        assert_eq!(line_column(text, offset), (1, 3));
        let second = text.rfind('=').unwrap();
        assert_eq!(line_column(text, second), (2, 4));
    }

    /// A host memory_gib above 4 TiB (32768: 32 GiB written in MiB) is valid, with a warning
    /// at its value that says it is in GiB and what a typical server has; 4096 and less is
    /// not warned about. Above 65536 it is an error that says the unit first.
    #[test]
    fn a_host_memory_above_4_tib_is_warned_about_and_one_in_mib_named() {
        let text = "[scenario]\nname = \"big\"\n[host]\nmemory_gib = 32768\n\
                    [[platform]]\nname = \"kvm\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n\
                    [[instance]]\nname = \"vm\"\nworkload = \"cpu-bound\"\n";
        let scenario = Scenario::from_toml("big.toml", text).expect("valid");
        let warnings = scenario.warnings();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let w = &warnings[0];
        assert_eq!((w.code, w.line, w.column), ("host_memory_unusual", 4, 14));
        assert_eq!(
            w.message,
            "host.memory_gib = 32768 is 32 TiB (memory_gib is in GiB), unusually large for a server: a typical one has 64 GiB to 2 TiB (memory_gib = 64 to 2048). If you meant 32768 MiB, write memory_gib = 32"
        );
        let ko = w.message_in(crate::text::Lang::Ko);
        assert!(
            ko.contains("host.memory_gib = 32768은 32 TiB입니다")
                && ko.contains("memory_gib = 32로 쓰세요"),
            "{ko}"
        );
        for quiet in ["4096", "2048", "64"] {
            let other = text.replace("memory_gib = 32768", &format!("memory_gib = {quiet}"));
            let s = Scenario::from_toml("big.toml", &other).expect("valid");
            assert!(s.warnings().is_empty(), "{quiet}: {:?}", s.warnings());
        }
        // 131072 (128 GiB in MiB) is beyond the range: an error that says the unit.
        let e = Scenario::from_toml("big.toml", &text.replace("32768", "131072")).unwrap_err();
        assert_eq!((e.code, e.line, e.column), ("out_of_range", 4, 14));
        assert_eq!(
            e.message,
            "host.memory_gib is in GiB and must be between 0.125 and 65,536 (64 TiB); got 131,072: for 131,072 MiB write memory_gib = 128"
        );
        assert!(e
            .message_in(crate::text::Lang::Ko)
            .contains("131,072 MiB라면 memory_gib = 128로 쓰세요"));
    }

    /// A VDI round trip above 0 and below 0.1 ms is valid, with a warning at its value that
    /// gives the range and the unit (and 0.005 s as ms); 0 (no delay) and 0.1 are not.
    #[test]
    fn a_vdi_rtt_below_any_network_is_warned_about() {
        let text = "[scenario]\nname = \"desk\"\n[[platform]]\nname = \"vdi\"\nkind = \"vdi\"\n\
                    rtt_ms = 0.005\n[[instance]]\nname = \"d\"\nworkload = \"desktop-office\"\n";
        let scenario = Scenario::from_toml("desk.toml", text).expect("valid");
        let warnings = scenario.warnings();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let w = &warnings[0];
        assert_eq!((w.code, w.line, w.column), ("rtt_below_any_network", 6, 10));
        assert_eq!(
            w.message,
            "platform `vdi`: rtt_ms = 0.005 is 5 µs, shorter than any network round trip between a thin client and its server (about 0.1 to 0.5 ms on a LAN); rtt_ms is in milliseconds, 0 to 2000 (0: no network delay at all). If you meant 0.005 s, write rtt_ms = 5"
        );
        let ko = w.message_in(crate::text::Lang::Ko);
        assert!(
            ko.contains("rtt_ms = 0.005는 5 µs로") && ko.contains("rtt_ms = 5로 쓰세요"),
            "{ko}"
        );
        for quiet in ["0", "0.1", "20"] {
            let other = text.replace("rtt_ms = 0.005", &format!("rtt_ms = {quiet}"));
            let s = Scenario::from_toml("desk.toml", &other).expect("valid");
            assert!(s.warnings().is_empty(), "{quiet}: {:?}", s.warnings());
        }
        // Too short to be seconds in ms either: the range and unit alone.
        let tiny = text.replace("0.005", "0.00005");
        let w = &Scenario::from_toml("desk.toml", &tiny)
            .expect("valid")
            .warnings()[0];
        assert!(
            w.message.ends_with("(0: no network delay at all)"),
            "{}",
            w.message
        );
    }

    /// A VM with more vCPUs than the host's cores is valid, with a warning at its vcpus; a
    /// container group with as many is not warned about (its vcpus are CPUs it may use).
    #[test]
    fn a_vm_with_more_vcpus_than_cores_is_warned_about_at_its_vcpus() {
        let text = "[scenario]\nname = \"wide\"\n[host]\ncores = 4\n\
                    [[platform]]\nname = \"kvm\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n\
                    [[platform]]\nname = \"ct\"\nkind = \"container\"\n\
                    [[instance]]\nname = \"big\"\nvcpus = 8\nworkload = \"cpu-bound\"\nplatforms = [\"kvm\"]\n\
                    [[instance]]\nname = \"wide-ct\"\nvcpus = 8\nworkload = \"cpu-bound\"\nplatforms = [\"ct\"]\n";
        let scenario = Scenario::from_toml("wide.toml", text).expect("valid");
        let warnings = scenario.warnings();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let w = &warnings[0];
        let at = text.find("vcpus = 8").unwrap() + "vcpus = ".len();
        // Line 14, after the 8 in `vcpus = `.
        assert_eq!(line_column(text, at), (14, 9));
        assert_eq!((w.code, w.line, w.column), ("vcpus_over_cores", 14, 9));
        assert!(
            w.message
                .contains("instance `big`: 8 vCPUs per VM on a host with 4 cores")
                && w.message.contains("give it vcpus = 4 or fewer"),
            "{}",
            w.message
        );
        // Four vCPUs on four cores: nothing to say.
        let fits = Scenario::from_toml("fits.toml", &text.replacen("vcpus = 8", "vcpus = 4", 1))
            .expect("valid");
        assert!(fits.warnings().is_empty());
    }

    #[test]
    fn warnings_come_in_the_files_order() {
        // The vCPUs (line 12) are checked after the memory (line 13), yet said first: a
        // reviewer's `virtsim validate` listed 53:14 before 51:9.
        let text =
            "[scenario]\nname = \"w\"\nduration_ms = 1\n[host]\ncores = 4\nmemory_gib = 64\n\
            [[platform]]\nname = \"vm\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n\
            [[instance]]\nvcpus = 8\nmemory_gib = 0.25\nname = \"db\"\nworkload = \"database\"\n";
        let s = Scenario::from_toml("w.toml", text).expect("valid, with warnings");
        let found: Vec<(&str, usize)> = s.warnings().iter().map(|w| (w.code, w.line)).collect();
        assert_eq!(
            found,
            [("vcpus_over_cores", 12), ("memory_too_small_alone", 13)],
            "{text}"
        );
    }

    #[test]
    fn memory_over_the_host_is_said_once_and_names_every_platform_it_holds_for() {
        // Two VM platforms and containers run the same 100 instances of 4 GiB on a host
        // of 32: one error at memory_gib, for the first platform, naming the other two.
        let text =
            "[scenario]\nname = \"m\"\nduration_ms = 1\n[host]\ncores = 4\nmemory_gib = 32\n\
            [[platform]]\nname = \"a\"\nkind = \"type1\"\ntechnique = \"hardware_assist\"\n\
            [[platform]]\nname = \"b\"\nkind = \"type2\"\ntechnique = \"hybrid\"\n\
            [[platform]]\nname = \"c\"\nkind = \"container\"\n\
            [[instance]]\nname = \"db\"\ncount = 100\nmemory_gib = 4\nworkload = \"database\"\n";
        let errors = Scenario::from_toml_all("m.toml", text).expect_err("400 GiB on 32");
        let over: Vec<&ScenarioError> = errors
            .iter()
            .filter(|e| e.code == "memory_over_host")
            .collect();
        assert_eq!(over.len(), 1, "{errors:?}");
        assert!(
            over[0].message.starts_with("platform `a` commits")
                && over[0]
                    .message
                    .contains("(so do platforms `b`, `c`, which run the same instances)"),
            "{}",
            over[0].message
        );
        assert!(over[0]
            .message_in(crate::text::Lang::Ko)
            .contains("(같은 인스턴스를 실행하는 플랫폼 `b`, `c`도 마찬가지입니다)"));
    }
}
