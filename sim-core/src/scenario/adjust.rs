//! [`Adjustments`]: slider-style changes applied to a validated scenario.

use std::ops::Range;

use toml::Spanned;

use super::error::{msg, Key};
use super::{validate, Questions, Scenario, ScenarioError, Validator};

/// The memory setting's step, MiB: the page's memory control moves by it, and a memory
/// setting too large for the host is answered with the largest multiple of it that fits.
pub const MEMORY_STEP_MIB: u64 = 64;

/// Slider-style changes applied to a scenario; `None` leaves a value as it is.
///
/// ```
/// use sim_core::{Adjustments, Scenario};
///
/// let text = include_str!("../../../scenarios/type1-vs-type2.toml");
/// let scenario = Scenario::from_toml("type1-vs-type2.toml", text)?;
/// let twice_the_cores = Adjustments {
///     host_cores: Some(scenario.host.cores * 2),
///     vm_exit_cycles: Some(1_000), // a dearer VM exit round trip
///     ..Adjustments::default()
/// };
/// let adjusted = scenario.adjusted(&twice_the_cores)?;
/// assert_eq!(adjusted.host.cores, scenario.host.cores * 2);
/// assert_eq!(adjusted.run()?.cores, scenario.host.cores * 2);
///
/// // A value out of range is the file's error, at the line that sets it, naming the value.
/// let none = Adjustments { host_cores: Some(0), ..Adjustments::default() };
/// let error = scenario.adjusted(&none).unwrap_err().to_string();
/// assert!(error.starts_with("type1-vs-type2.toml:") && error.contains("cores"), "{error}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Adjustments {
    pub seed: Option<u64>,
    pub duration_ms: Option<u64>,
    pub host_cores: Option<u32>,
    /// Sets the host's clock, in MHz (`host.clock_ghz` × 1000).
    pub host_clock_mhz: Option<u32>,
    /// Sets `count` of every instance group.
    pub instance_count: Option<u32>,
    /// Sets `count` of one instance group each, by its place in the file (after
    /// `instance_count`): the page's slider per group. `None` or past the groups: as is.
    #[serde(default)]
    pub group_counts: Vec<Option<u32>>,
    /// Sets `vcpus` of every instance group.
    pub vcpus_per_instance: Option<u32>,
    /// Sets `threads` of every instance group.
    pub threads_per_instance: Option<u32>,
    /// Sets `memory_gib` of every instance group, in MiB (× 1024): a VM's memory, a
    /// container's limit.
    pub memory_per_instance_mib: Option<u32>,
    /// Replaces every instance's workload with this preset or custom workload.
    pub workload: Option<String>,
    /// Overrides the hardware VM exit round trip.
    pub vm_exit_cycles: Option<u64>,
    /// Sets every platform's time slice.
    pub time_slice_ms: Option<u64>,
}

impl Adjustments {
    /// The count these adjustments set for instance group `g` (by its place), if any: its
    /// own setting, else the one of every group.
    pub fn count_of(&self, g: usize) -> Option<u32> {
        self.group_counts
            .get(g)
            .copied()
            .flatten()
            .or(self.instance_count)
    }

    /// Each adjustment set, as `name = value`, with the names of the fields it sets as a
    /// [`ScenarioError`]'s `field` parameter quotes them; the seed left out (any seed is
    /// valid), and a group's count past the `groups` instance groups (it sets nothing).
    fn set(&self, groups: usize) -> Vec<(String, &'static [&'static str])> {
        let mut out: Vec<(String, &'static [&'static str])> = Vec::new();
        let mut one = |name: &str, value: Option<String>, fields: &'static [&'static str]| {
            if let Some(value) = value {
                out.push((format!("{name} = {value}"), fields));
            }
        };
        let text = |n: Option<u64>| n.map(|n| n.to_string());
        one("duration_ms", text(self.duration_ms), &["duration_ms"]);
        one(
            "host_cores",
            text(self.host_cores.map(u64::from)),
            &["host.cores"],
        );
        let clock = &["host.clock_ghz"];
        one(
            "host_clock_mhz",
            text(self.host_clock_mhz.map(u64::from)),
            clock,
        );
        let count = text(self.instance_count.map(u64::from));
        one("instance_count", count, &["count"]);
        for (g, n) in self.group_counts.iter().enumerate().take(groups) {
            one(
                &format!("group_counts[{g}]"),
                text(n.map(u64::from)),
                &["count"],
            );
        }
        let vcpus = text(self.vcpus_per_instance.map(u64::from));
        one("vcpus_per_instance", vcpus, &["vcpus"]);
        let threads = text(self.threads_per_instance.map(u64::from));
        one("threads_per_instance", threads, &["threads"]);
        let memory = text(self.memory_per_instance_mib.map(u64::from));
        one("memory_per_instance_mib", memory, &["memory_gib"]);
        let workload = self.workload.as_ref().map(|w| format!("{w:?}"));
        one("workload", workload, &["workload"]);
        let exit = &["costs.vm_exit_roundtrip", "vm_exit_roundtrip"];
        one("vm_exit_cycles", text(self.vm_exit_cycles), exit);
        one(
            "time_slice_ms",
            text(self.time_slice_ms),
            &["time_slice_ms"],
        );
        out
    }

    /// [`ScenarioError::adjustment_in`]'s note for `e`, an error of a scenario with
    /// `groups` instance groups adjusted by these: the adjustments that set the field `e`
    /// is about, else every one set (more instances can make memory or the event budget
    /// run out); None when none is set, or when the one that matters is named by the
    /// message already (a memory setting's own errors, `memory_setting_*`).
    fn note_for(&self, e: &ScenarioError, groups: usize) -> Option<crate::text::Text> {
        let mut set = self.set(groups);
        if e.code.starts_with("memory_setting_") {
            set.retain(|(name, _)| !name.starts_with("memory_per_instance_mib"));
        }
        let field = e.params.iter().find(|(k, _)| *k == "field").map(|(_, v)| v);
        let setting: Vec<&str> = set
            .iter()
            .filter(|(_, fields)| field.is_some_and(|f| fields.contains(&f.as_str())))
            .map(|(name, _)| name.as_str())
            .collect();
        let names: Vec<&str> = if setting.is_empty() {
            set.iter().map(|(name, _)| name.as_str()).collect()
        } else {
            setting
        };
        if names.is_empty() {
            return None;
        }
        let list = names.join(", ");
        Some(if names.len() == 1 {
            crate::text::Text::new(
                format!("with the adjustment {list}"),
                format!("조정값 {list} 적용 시"),
            )
        } else {
            crate::text::Text::new(
                format!("with the adjustments {list}"),
                format!("조정값 {list} 적용 시"),
            )
        })
    }
}

impl Scenario {
    /// A copy with slider-style changes, validated again. It starts from the file's own
    /// values, not from fields written by hand, except the seed (any seed is valid: a
    /// `scenario.seed` set by hand stays unless [`Adjustments::seed`] sets another). An
    /// error is the file's, placed where the file sets the value the adjustment replaced
    /// (`count`, `memory_gib`...; where it would be written when the file leaves it to
    /// its default), or where an adjusted value changes what is checked (more instances:
    /// the `memory_gib` that no longer fits the host); it names the adjustments it was
    /// found with ([`ScenarioError::adjustment_in`]: "with the adjustment instance_count
    /// = 4", in English and Korean, after the message in `Display` and
    /// [`ScenarioError::to_string_in`]). A question the changes leave without an answer (a
    /// latency of an operation no workload runs any more, after `workload`) is left out of
    /// the copy, not an error: compare `questions` before and after to see which.
    pub fn adjusted(&self, adj: &Adjustments) -> Result<Scenario, ScenarioError> {
        let groups = self.raw.instances.len();
        self.adjusted_in_file_terms(adj)
            .map_err(|e| match adj.note_for(&e, groups) {
                Some(note) => e.with_adjustment(note),
                None => e,
            })
    }

    /// A copy with one cost set as `[costs] name = value` in the file would set it (cycles,
    /// or the cost's own unit: docs/cost-model.md), validated again; the seed and the
    /// costs set before kept. Unlike a field of [`Scenario::costs`] written by hand, it
    /// survives [`Self::adjusted`] (which starts from the file and what was set here) and
    /// is checked at once: an unknown name is an error with a guess, a value outside the
    /// cost's range an error naming the range (placed at the file's `[costs]` table, or at
    /// its `[scenario]` name when it has none). Like [`Self::adjusted`], the copy starts
    /// from the file's own values: other fields written by hand (`duration_ms`, an
    /// instance's `count`...) are not kept; set them on the copy, or use
    /// [`Self::adjusted`]'s [`Adjustments`] first.
    ///
    /// ```
    /// let text = include_str!("../../../scenarios/full-para-hybrid.toml");
    /// let scenario = sim_core::Scenario::from_toml("full-para-hybrid.toml", text)?;
    /// let cheaper = scenario.with_cost("bt_syscall", 1000)?;
    /// assert_eq!(cheaper.costs.bt_syscall, 1000);
    /// // The cost stays through slider-style changes.
    /// let two = sim_core::Adjustments { host_cores: Some(2), ..Default::default() };
    /// assert_eq!(cheaper.adjusted(&two)?.costs.bt_syscall, 1000);
    /// let e = scenario.with_cost("bt_syscal", 1000).unwrap_err();
    /// assert!(e.to_string().contains("did you mean `bt_syscall`?"), "{e}");
    /// // The file has no [costs] table: the error is placed at its `[scenario]` name.
    /// assert_eq!((e.line, e.column), (5, 8), "{e}");
    /// let e = scenario.with_cost("bt_syscall", u64::MAX).unwrap_err();
    /// assert_eq!((e.code, e.line, e.column), ("out_of_range", 5, 8), "{e}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_cost(&self, name: &str, value: u64) -> Result<Scenario, ScenarioError> {
        let v = Validator::new(&self.file_name, &self.source);
        let costs_at = v.span_of(&[Key::Name("costs")]);
        let at = if costs_at.is_empty() {
            v.span_of(&[Key::Name("scenario"), Key::Name("name")])
        } else {
            costs_at
        };
        let mut raw = self.raw.clone();
        raw.scenario.seed = self.seed;
        if !raw.costs.set(name, value) {
            let names = crate::costs::CostTable::names();
            return Err(v.error(at, super::error::unknown_cost(name, names)));
        }
        let mut scenario = validate(&v, raw, Questions::DropInvalid)?;
        scenario.seed = self.seed;
        Ok(scenario)
    }

    /// [`Self::adjusted`], its error without the adjustments named.
    fn adjusted_in_file_terms(&self, adj: &Adjustments) -> Result<Scenario, ScenarioError> {
        let mut raw = self.raw.clone();
        let v = Validator::new(&self.file_name, &self.source);
        // A value the file does not write (a default) has no place of its own: an error
        // about it goes to what owns it, the instance's name, the [host] table or the
        // scenario's name, not to the file's first character.
        let or =
            |span: Range<usize>, owner: Range<usize>| if span.is_empty() { owner } else { span };
        let scenario_at = v.span_of(&[Key::Name("scenario"), Key::Name("name")]);
        let host_at = or(v.span_of(&[Key::Name("host")]), scenario_at.clone());
        // Any seed is valid, so one written by hand (`scenario.seed = 7`) is kept: only the
        // fields a validator checks start again from the file's.
        raw.scenario.seed = adj.seed.unwrap_or(self.seed);
        if let Some(ms) = adj.duration_ms {
            let at = or(raw.scenario.duration_ms.span(), scenario_at.clone());
            raw.scenario.duration_ms = Spanned::new(at, ms);
        }
        if let Some(cores) = adj.host_cores {
            let at = or(raw.host.cores.span(), host_at.clone());
            raw.host.cores = Spanned::new(at, cores);
        }
        if let Some(mhz) = adj.host_clock_mhz {
            let at = or(raw.host.clock_ghz.span(), host_at.clone());
            raw.host.clock_ghz = Spanned::new(at, f64::from(mhz) / 1000.0);
        }
        for (g, inst) in raw.instances.iter_mut().enumerate() {
            let name = inst.name.span();
            let keep =
                |s: &Spanned<u32>, value: u32| Spanned::new(or(s.span(), name.clone()), value);
            if let Some(count) = adj.count_of(g) {
                inst.count = keep(&inst.count, count);
            }
            if let Some(vcpus) = adj.vcpus_per_instance {
                inst.vcpus = keep(&inst.vcpus, vcpus);
                inst.pin = None;
            }
            if let Some(threads) = adj.threads_per_instance {
                let span = inst
                    .threads
                    .as_ref()
                    .map_or(inst.vcpus.span(), |t| t.span());
                inst.threads = Some(Spanned::new(or(span, name.clone()), threads));
            }
            if let Some(mib) = adj.memory_per_instance_mib {
                inst.memory_gib = Spanned::new(inst.memory_gib.span(), f64::from(mib) / 1024.0);
            }
            if let Some(workload) = &adj.workload {
                inst.workload = Spanned::new(inst.workload.span(), workload.clone());
            }
        }
        if let Some(exit) = adj.vm_exit_cycles {
            raw.costs.vm_exit_roundtrip = exit;
        }
        if let Some(slice) = adj.time_slice_ms {
            for p in &mut raw.platforms {
                let span = p.time_slice_ms.as_ref().map_or(p.name.span(), |s| s.span());
                p.time_slice_ms = Some(Spanned::new(span, slice));
            }
        }
        match (
            validate(&v, raw, Questions::DropInvalid),
            adj.memory_per_instance_mib,
        ) {
            // The scenario as written fits its host: the memory setting (with the count
            // setting, if any) is what no longer fits. Say so in the setting's own terms.
            (Err(e), Some(mib)) if e.code == "memory_over_host" => Err(self
                .memory_setting_error(&v, u64::from(mib), adj)
                .unwrap_or(e)),
            // A setting beyond the format's 64 TiB per instance is beyond every host too:
            // said in the setting's terms (MiB, the most that fits), not memory_gib's range.
            (Err(e), Some(mib))
                if e.code == "out_of_range"
                    && e.params
                        .iter()
                        .any(|(key, value)| *key == "field" && value == "memory_gib") =>
            {
                Err(self
                    .memory_setting_error(&v, u64::from(mib), adj)
                    .or_else(|| self.memory_setting_beyond_format(&v, u64::from(mib)))
                    .unwrap_or(e))
            }
            (result, _) => result,
        }
    }

    /// The error of a memory setting (`memory_per_instance_mib`) whose instances need more
    /// than the host's memory: the platform that limits it most (the one with room for the
    /// least memory per instance, among those without an overcommit policy) and the largest
    /// setting that fits there, a multiple of [`MEMORY_STEP_MIB`]. Located at that
    /// platform's first instance group's `memory_gib` (its name when it keeps the default).
    /// Its params also carry, for an assignment's message, every platform the setting does
    /// not fit (`over`, `over_ko`) and the overcommit policies all of them can use
    /// (`overcommit`, `overcommit_ko`): the message itself leaves them out, since the
    /// page's memory control, which shows it too, cannot add a policy.
    /// The error of a memory setting beyond the format's most per instance (64 TiB) when
    /// no platform limits it (every one may overcommit): in MiB, at the first instance
    /// group's `memory_gib` (its name when it keeps the default).
    fn memory_setting_beyond_format(&self, v: &Validator<'_>, mib: u64) -> Option<ScenarioError> {
        let raw = self.raw.instances.first()?;
        let at = if raw.memory_gib.span().is_empty() {
            raw.name.span()
        } else {
            raw.memory_gib.span()
        };
        Some(v.error(
            at,
            msg!(
                "memory_setting_out_of_range",
                "memory per instance of {mib} MiB is more than a scenario accepts: at most {max} MiB (64 TiB) per instance",
                "인스턴스당 메모리 {mib} MiB는 시나리오가 받는 것보다 큽니다: 인스턴스당 최대 {max} MiB(64 TiB)",
                mib = mib,
                max = 65536u64 * 1024,
                field = "memory_gib"
            ),
        ))
    }

    fn memory_setting_error(
        &self,
        v: &Validator<'_>,
        mib: u64,
        adj: &Adjustments,
    ) -> Option<ScenarioError> {
        let costs = &self.raw.costs;
        let available = self.host.memory_mib.saturating_sub(costs.host_reserved_mib);
        // Per platform: its instances, the overhead each adds, and the memory per
        // instance that fits: (available − count × overhead) / count.
        let fitting: Vec<(u64, usize, usize, u64, u64)> = (self.platforms.iter().enumerate())
            .filter(|(_, p)| p.overcommit.is_empty())
            // A native platform's processes commit their working set, whatever memory_gib.
            .filter(|(_, p)| p.stack.kind != crate::platform::PlatformKind::Native)
            .filter_map(|(k, p)| {
                let mine: Vec<usize> = (0..self.instances.len())
                    .filter(|&i| self.instances[i].platforms.contains(&k))
                    .collect();
                let first = *mine.first()?;
                let count: u64 = (mine.iter())
                    .map(|&i| u64::from(adj.count_of(i).unwrap_or(self.instances[i].count)))
                    .sum::<u64>()
                    .max(1);
                let one = &self.instances[first];
                let overhead = crate::memory::committed_mib(&p.stack, one, costs)
                    .saturating_sub(one.memory_mib);
                let fits = available.saturating_sub(count.saturating_mul(overhead)) / count;
                Some((fits, k, first, count, overhead))
            })
            .collect();
        let tightest = fitting.iter().min_by_key(|&&(fits, k, ..)| (fits, k))?;
        let (fits, k, first, count, overhead) = *tightest;
        if fits >= mib {
            return None;
        }
        let largest = fits / MEMORY_STEP_MIB * MEMORY_STEP_MIB;
        let raw = self.raw.instances.get(first)?;
        let at = if raw.memory_gib.span().is_empty() {
            raw.name.span()
        } else {
            raw.memory_gib.span()
        };
        let need = count.saturating_mul(mib.saturating_add(overhead));
        let name = &self.platforms[k].name;
        let gib = super::validate::gib;
        // Every platform the setting does not fit, and the overcommit policies all of them
        // can use (`swap` at least): not advice for the page's memory control (a student
        // cannot add a policy there), but the way an assignment's author starts such
        // instances on purpose (`variant_invalid` quotes them: `over`, `overcommit`).
        let over: Vec<usize> = fitting
            .iter()
            .filter(|&&(fits, ..)| fits < mib)
            .map(|&(_, k, ..)| k)
            .collect();
        let policies: Vec<String> = (crate::memory::OvercommitPolicy::ALL.into_iter())
            .filter(|x| over.iter().all(|&k| x.usable_on(&self.platforms[k].stack)))
            .map(|x| format!("overcommit = [\"{}\"]", x.name()))
            .collect();
        let names = (over.iter())
            .map(|&k| format!("`{}`", self.platforms[k].name))
            .collect::<Vec<_>>()
            .join(", ");
        let over_en = if over.len() == 1 {
            format!("platform {names}")
        } else {
            format!("platforms {names}")
        };
        let over_ko = format!("플랫폼 {names}");
        Some(v.error(
            at,
            if largest == 0 {
                msg!(
                    "memory_setting_over_host",
                    "memory per instance of {mib} MiB does not fit the host: platform `{name}` would commit {need} GiB to its {count} instances ({mib} MiB each plus {overhead} MiB of per-instance overhead), but the host has {have} GiB after the {reserved} GiB it keeps for itself; not even {step} MiB per instance fits {count} instances: use fewer instances",
                    "인스턴스당 메모리 {mib} MiB는 호스트에 들어가지 않습니다: 플랫폼 `{name}`은(는) 인스턴스 {count}개에 {need} GiB(인스턴스마다 {mib} MiB와 인스턴스당 오버헤드 {overhead} MiB)를 할당하게 되지만 호스트는 자신이 쓰는 {reserved} GiB를 빼면 {have} GiB입니다. 인스턴스 {count}개에는 인스턴스당 {step} MiB도 들어가지 않으니 인스턴스 수를 줄이세요",
                    mib = mib,
                    name = name,
                    need = gib(need),
                    count = count,
                    overhead = overhead,
                    have = gib(available),
                    reserved = gib(costs.host_reserved_mib),
                    step = MEMORY_STEP_MIB,
                    field = "memory_gib",
                    over = over_en,
                    over_ko = over_ko,
                    overcommit = policies.join(" or "),
                    overcommit_ko = policies.join(" 또는 "),
                )
            } else {
                msg!(
                    "memory_setting_over_host",
                    "memory per instance of {mib} MiB does not fit the host: platform `{name}`, the tightest, would commit {need} GiB to its {count} instances ({mib} MiB each plus {overhead} MiB of per-instance overhead), but the host has {have} GiB after the {reserved} GiB it keeps for itself; the most that fits is {largest} MiB per instance (in steps of {step} MiB)",
                    "인스턴스당 메모리 {mib} MiB는 호스트에 들어가지 않습니다: 가장 빠듯한 플랫폼 `{name}`은(는) 인스턴스 {count}개에 {need} GiB(인스턴스마다 {mib} MiB와 인스턴스당 오버헤드 {overhead} MiB)를 할당하게 되지만 호스트는 자신이 쓰는 {reserved} GiB를 빼면 {have} GiB입니다. 들어가는 최대값은 인스턴스당 {largest} MiB입니다({step} MiB 단위)",
                    mib = mib,
                    name = name,
                    need = gib(need),
                    count = count,
                    overhead = overhead,
                    have = gib(available),
                    reserved = gib(costs.host_reserved_mib),
                    largest = largest,
                    step = MEMORY_STEP_MIB,
                    field = "memory_gib",
                    over = over_en,
                    over_ko = over_ko,
                    overcommit = policies.join(" or "),
                    overcommit_ko = policies.join(" 또는 "),
                )
            },
        ))
    }
}

/// Instances that a memory setting (`memory_per_instance_mib`) leaves OOM-killed even
/// running alone ([`crate::memory::oom_of_its_own`]): one entry per platform and instance
/// group, from [`Scenario::oom_alone_with_memory`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OomAlone {
    /// The platform's index and name.
    pub platform: usize,
    pub platform_name: String,
    /// The instance group's index and name.
    pub group: usize,
    pub group_name: String,
    /// A guest's memory too small for its OS and working set, or a container's limit
    /// below its working set on a platform that may not swap.
    pub reason: crate::memory::OomReason,
    /// The guest's own OS memory, MiB (0 for a container).
    pub guest_os_mib: u64,
    /// The application's working set, MiB.
    pub working_set_mib: u64,
}

impl OomAlone {
    /// The least memory per instance at which this group is not OOM-killed alone, MiB:
    /// a guest's OS plus its working set, a container's working set.
    pub fn needs_mib(&self) -> u64 {
        self.guest_os_mib.saturating_add(self.working_set_mib)
    }
}

impl Scenario {
    /// The instance groups whose instances every group's memory set to `mib` (what
    /// [`Adjustments::memory_per_instance_mib`] does) would leave OOM-killed even running
    /// alone, on any host ([`crate::memory::oom_of_its_own`]), whatever their memory as
    /// written: at that setting, a group killed alone as written (a container over its
    /// limit in memory-limits.toml) is killed or not by the setting's figure, not the file's.
    /// In the order of the platforms, then of the groups.
    pub fn oom_alone_with_memory(&self, mib: u64) -> Vec<OomAlone> {
        self.oom_alone_where(|k, i| {
            let p = &self.platforms[k];
            let mut set = i.clone();
            set.memory_mib = mib;
            crate::memory::oom_of_its_own(&p.stack, &p.overcommit, &self.costs, &set)
        })
    }

    /// The instance groups OOM-killed even running alone as the file writes them
    /// ([`crate::memory::oom_of_its_own`]): a guest's memory_gib below its OS and working
    /// set, a container's limit below its working set without swap. Valid (a scenario may
    /// show the kill on purpose), but every figure of such a group is of instances that
    /// do no work: [`Scenario::warnings`] says so. In the order of the platforms, then of
    /// the groups.
    pub fn oom_alone_as_written(&self) -> Vec<OomAlone> {
        self.oom_alone_where(|k, i| {
            let p = &self.platforms[k];
            crate::memory::oom_of_its_own(&p.stack, &p.overcommit, &self.costs, i)
        })
    }

    /// Each (platform, group) pair for which `reason(platform index, group)` gives the
    /// reason of an OOM kill alone, as an [`OomAlone`].
    fn oom_alone_where(
        &self,
        reason: impl Fn(usize, &crate::instance::InstanceSpec) -> Option<crate::memory::OomReason>,
    ) -> Vec<OomAlone> {
        let mut found = Vec::new();
        for (k, p) in self.platforms.iter().enumerate() {
            for (g, i) in self.instances.iter().enumerate() {
                if !i.platforms.contains(&k) {
                    continue;
                }
                let Some(reason) = reason(k, i) else { continue };
                let guest_os_mib = match reason {
                    crate::memory::OomReason::GuestMemory => {
                        crate::memory::guest_base_mib(&p.stack, i.guest_os, &self.costs)
                    }
                    _ => 0,
                };
                found.push(OomAlone {
                    platform: k,
                    platform_name: p.name.clone(),
                    group: g,
                    group_name: i.name.clone(),
                    reason,
                    guest_os_mib,
                    working_set_mib: i.working_set_mib,
                });
            }
        }
        found
    }
}

/// What `found` needs, in English and in Korean: the platforms whose groups need the same
/// together, e.g. "group `web` on platforms `vm`, `type2-vm` (a guest needs 328 MiB: 200
/// MiB of guest OS and a 128 MiB working set)".
pub(crate) fn oom_alone_lists(found: &[OomAlone]) -> (String, String) {
    // (group, reason, guest OS, working set) → platforms, in the order first met.
    let mut same: Vec<(&OomAlone, Vec<&str>)> = Vec::new();
    for f in found {
        match same.iter_mut().find(|(first, _)| {
            (
                first.group,
                first.reason,
                first.guest_os_mib,
                first.working_set_mib,
            ) == (f.group, f.reason, f.guest_os_mib, f.working_set_mib)
        }) {
            Some((_, platforms)) => platforms.push(&f.platform_name),
            None => same.push((f, vec![&f.platform_name])),
        }
    }
    let (mut en, mut ko) = (Vec::new(), Vec::new());
    for (f, platforms) in same {
        let names = platforms
            .iter()
            .map(|p| format!("`{p}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let (group, needs, os, ws) = (
            &f.group_name,
            f.needs_mib(),
            f.guest_os_mib,
            f.working_set_mib,
        );
        let plural = if platforms.len() == 1 { "" } else { "s" };
        if f.reason == crate::memory::OomReason::CgroupLimit {
            en.push(format!(
                "group `{group}` on platform{plural} {names} (a container needs {needs} MiB, its working set, and may not go over its limit without overcommit = [\"swap\"])"
            ));
            ko.push(format!(
                "플랫폼 {names}의 그룹 `{group}`(컨테이너에 작업 집합 {needs} MiB가 필요하며 overcommit = [\"swap\"] 없이는 한도를 넘을 수 없음)"
            ));
        } else {
            en.push(format!(
                "group `{group}` on platform{plural} {names} (a guest needs {needs} MiB: {os} MiB of guest OS and a {ws} MiB working set)"
            ));
            ko.push(format!(
                "플랫폼 {names}의 그룹 `{group}`(게스트에 {needs} MiB 필요: 게스트 OS {os} MiB와 작업 집합 {ws} MiB)"
            ));
        }
    }
    (en.join("; "), ko.join("; "))
}

/// The smallest memory setting, a multiple of [`MEMORY_STEP_MIB`], at which none of
/// `found` is OOM-killed alone (0 when `found` is empty).
pub fn smallest_memory_setting(found: &[OomAlone]) -> u64 {
    let needs = found.iter().map(OomAlone::needs_mib).max().unwrap_or(0);
    needs
        .div_ceil(MEMORY_STEP_MIB)
        .saturating_mul(MEMORY_STEP_MIB)
}
