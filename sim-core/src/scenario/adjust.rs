//! [`Adjustments`]: slider-style changes applied to a validated scenario, validated again.
//!
//! `group_counts` (one instance group's count each, the page's slider per group) overrides
//! `instance_count` (every group's); `platform_networks` (one VDI platform's network each)
//! overrides `vdi_network` (every VDI platform's). A memory setting too large for the host
//! is answered in the setting's terms: the tightest platform, the most that fits in steps
//! of [`MEMORY_STEP_MIB`]. `oom_alone_with_memory` and `smallest_memory_setting` find what a
//! memory setting too small leaves OOM-killed even alone, and the least that avoids it
//! (an assignment's `memory_setting_too_small` warning).

use std::ops::Range;

use toml::Spanned;

use super::error::{msg, Key};
use super::{validate, Questions, Scenario, ScenarioError, Validator};

/// The memory setting's step, MiB: the page's memory control moves by it, and a memory
/// setting too large for the host is answered with the largest multiple of it that fits.
pub const MEMORY_STEP_MIB: u64 = 64;

/// The least [`Adjustments::host_memory_mib`], MiB: the file's `host.memory_gib = 0.125`.
pub const HOST_MEMORY_MIN_MIB: u64 = 128;

/// The most [`Adjustments::host_memory_mib`], MiB: the file's `host.memory_gib = 65536`
/// (64 TiB).
pub const HOST_MEMORY_MAX_MIB: u64 = 65536 * 1024;

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
    /// Sets the host's memory, in MiB (`host.memory_gib` × 1024; 128 to 67 108 864, the
    /// file's 0.125 to 65536 GiB): room for more instances, checked with the counts
    /// (`instance_count`, `group_counts`) set beside it. A Rust test's setting (the page
    /// has no control for it); `s.host.memory_mib` written by hand does not survive
    /// [`Scenario::adjusted`].
    #[serde(default)]
    pub host_memory_mib: Option<u64>,
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
    /// Sets the network of every VDI platform (other platforms have none), in the file's
    /// keys and units; under `platform_networks`.
    #[serde(default)]
    pub vdi_network: NetworkSetting,
    /// Sets the network of one platform each, by its place in the file (over
    /// `vdi_network`, value by value): the page's controls per VDI platform, so that one
    /// platform of several (a LAN beside a WAN) can change while the others stay as
    /// written. A setting for a platform that is not `kind = "vdi"` is the file's error
    /// (`not_applicable`, at the platform's name); past the platforms it sets nothing.
    #[serde(default)]
    pub platform_networks: Vec<NetworkSetting>,
}

/// A VDI platform's network to its thin clients as [`Adjustments`] set it, in the keys and
/// units of the file's `[[platform]]` (`rtt_ms`, `loss_percent`, `client_bandwidth_mbit_s`),
/// each checked against the same range as there; `None` leaves a value as it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct NetworkSetting {
    /// Round-trip time between a thin client and the server, ms (0 to 2000).
    pub rtt_ms: Option<f64>,
    /// Packet loss on the client path, % (0 to 50).
    pub loss_percent: Option<f64>,
    /// Bandwidth of each client's access link, Mbit/s (0.064 to 100000).
    pub client_bandwidth_mbit_s: Option<f64>,
}

impl NetworkSetting {
    /// Whether it sets nothing.
    pub fn is_empty(&self) -> bool {
        *self == NetworkSetting::default()
    }

    /// Each of its values, else `under`'s.
    pub fn over(&self, under: &NetworkSetting) -> NetworkSetting {
        NetworkSetting {
            rtt_ms: self.rtt_ms.or(under.rtt_ms),
            loss_percent: self.loss_percent.or(under.loss_percent),
            client_bandwidth_mbit_s: self
                .client_bandwidth_mbit_s
                .or(under.client_bandwidth_mbit_s),
        }
    }

    /// Its values set, as `(key, value)` in the file's keys.
    fn values(&self) -> [(&'static str, Option<f64>); 3] {
        [
            ("rtt_ms", self.rtt_ms),
            ("loss_percent", self.loss_percent),
            ("client_bandwidth_mbit_s", self.client_bandwidth_mbit_s),
        ]
    }
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

    /// The network these adjustments set for platform `p` (by its place), value by value:
    /// its own setting, else the one of every VDI platform. Whether `p` is a VDI platform
    /// is not asked: [`Scenario::adjusted`] applies `vdi_network` to VDI platforms only.
    pub fn network_of(&self, p: usize) -> NetworkSetting {
        self.platform_networks
            .get(p)
            .copied()
            .unwrap_or_default()
            .over(&self.vdi_network)
    }

    /// Each adjustment set, as `name = value`, with the names of the fields it sets as a
    /// [`ScenarioError`]'s `field` parameter quotes them; the seed left out (any seed is
    /// valid), and a group's count past the `groups` instance groups (it sets nothing).
    fn set(&self, groups: usize, platforms: usize) -> Vec<(String, &'static [&'static str])> {
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
        let memory = &["host.memory_gib"];
        one("host_memory_mib", text(self.host_memory_mib), memory);
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
        let fields = |key: &str| -> &'static [&'static str] {
            match key {
                "rtt_ms" => &["rtt_ms"],
                "loss_percent" => &["loss_percent"],
                _ => &["client_bandwidth_mbit_s"],
            }
        };
        let number = |v: Option<f64>| v.map(|v| v.to_string());
        for (key, value) in self.vdi_network.values() {
            one(&format!("vdi_network.{key}"), number(value), fields(key));
        }
        for (p, setting) in self.platform_networks.iter().enumerate().take(platforms) {
            for (key, value) in setting.values() {
                one(
                    &format!("platform_networks[{p}].{key}"),
                    number(value),
                    fields(key),
                );
            }
        }
        out
    }

    /// [`ScenarioError::adjustment_in`]'s note for `e`, an error of a scenario with
    /// `groups` instance groups adjusted by these: the adjustments that set the field `e`
    /// is about, else every one set (more instances can make memory or the event budget
    /// run out); None when none is set, or when the one that matters is named by the
    /// message already (a memory setting's own errors, `memory_setting_*`).
    fn note_for(
        &self,
        e: &ScenarioError,
        groups: usize,
        platforms: usize,
    ) -> Option<crate::text::Text> {
        let mut set = self.set(groups, platforms);
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
    /// values and the `[scenario]` fields as they are now: the seed, `duration_ms` and
    /// `trace` set by hand (or by [`Self::set_seed`]) stay unless [`Adjustments::seed`] or
    /// [`Adjustments::duration_ms`] sets another, and are checked again (a `duration_ms`
    /// out of range is an error at the file's `duration_ms`); the other fields written by
    /// hand (an instance's `count`, a field of [`Scenario::costs`]...) start again from the
    /// file's, and the costs set by [`Self::with_cost`] are kept. An
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
        let platforms = self.raw.platforms.len();
        self.adjusted_in_file_terms(adj)
            .map_err(|e| match adj.note_for(&e, groups, platforms) {
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
    /// its `[scenario]` name when it has none). Like [`Self::adjusted`], the copy keeps the
    /// `[scenario]` fields as they are now (the seed, `duration_ms` and `trace`, checked
    /// again) and starts the others from the file's own values: other fields written by
    /// hand (an instance's `count`, `host.cores`...) are not kept; set them on the copy, or
    /// use [`Self::adjusted`]'s [`Adjustments`] first.
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
        self.keep_scenario_fields(&v, &mut raw, None);
        if !raw.costs.set(name, value) {
            let names = crate::costs::CostTable::names();
            return Err(v.error(at, super::error::unknown_cost(name, names)));
        }
        let mut scenario = validate(&v, raw, Questions::DropInvalid)?;
        scenario.seed = self.seed;
        Ok(scenario)
    }

    /// `raw` with the `[scenario]` fields as they are now: the seed, `trace` and
    /// `duration_ms` (or `duration_ms`, when given), set by hand or not; a duration that
    /// is not the file's placed at the file's `duration_ms` (or its `[scenario]` name), where
    /// the validation then says what is wrong with it.
    fn keep_scenario_fields(
        &self,
        v: &Validator<'_>,
        raw: &mut super::format::ScenarioFile,
        duration_ms: Option<u64>,
    ) {
        raw.scenario.seed = self.seed;
        raw.scenario.trace = self.trace;
        let ms = duration_ms.unwrap_or(self.duration_ms);
        if ms != *raw.scenario.duration_ms.get_ref() || duration_ms.is_some() {
            let span = raw.scenario.duration_ms.span();
            let at = if span.is_empty() {
                v.span_of(&[Key::Name("scenario"), Key::Name("name")])
            } else {
                span
            };
            raw.scenario.duration_ms = Spanned::new(at, ms);
        }
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
        // The [scenario] fields as they are now (`scenario.seed = 7`, `duration_ms = 10`
        // written by hand), or the adjustments' own.
        self.keep_scenario_fields(&v, &mut raw, adj.duration_ms);
        raw.scenario.seed = adj.seed.unwrap_or(self.seed);
        if let Some(cores) = adj.host_cores {
            let at = or(raw.host.cores.span(), host_at.clone());
            raw.host.cores = Spanned::new(at, cores);
        }
        if let Some(mhz) = adj.host_clock_mhz {
            let at = or(raw.host.clock_ghz.span(), host_at.clone());
            raw.host.clock_ghz = Spanned::new(at, f64::from(mhz) / 1000.0);
        }
        if let Some(mib) = adj.host_memory_mib {
            let at = or(raw.host.memory_gib.span(), host_at.clone());
            // Said in MiB, the setting's unit: the file's range error would quote GiB (and
            // take 100 TiB for MiB written in GiB's place).
            if !(HOST_MEMORY_MIN_MIB..=HOST_MEMORY_MAX_MIB).contains(&mib) {
                return Err(v.error(
                    at,
                    msg!(
                        "out_of_range",
                        "host memory of {got} MiB is out of range: host.memory_gib takes 0.125 to 65,536 GiB, so host_memory_mib takes {min} to {max} MiB",
                        "호스트 메모리 {got} MiB는 범위를 벗어납니다: host.memory_gib는 0.125에서 65,536 GiB까지이므로 host_memory_mib는 {min}에서 {max} MiB까지입니다",
                        got = mib,
                        min = HOST_MEMORY_MIN_MIB,
                        max = HOST_MEMORY_MAX_MIB,
                        field = "host.memory_gib"
                    ),
                ));
            }
            // Exact: a whole number of MiB over 1024 is a binary fraction, which the
            // validation's `memory_gib × 1024` gives back.
            raw.host.memory_gib = Spanned::new(at, mib as f64 / 1024.0);
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
        for (k, p) in raw.platforms.iter_mut().enumerate() {
            // Every VDI platform's network, or one platform's own: placed where the file
            // writes the key, else at the platform's name (as a time slice the file leaves
            // to its default), where the validator's range error then points.
            let own = adj.platform_networks.get(k).copied().unwrap_or_default();
            let setting = if *p.kind.get_ref() == crate::platform::PlatformKind::Vdi {
                own.over(&adj.vdi_network)
            } else {
                own
            };
            let name = p.name.span();
            let put = |field: &mut Option<Spanned<f64>>, value: Option<f64>| {
                if let Some(value) = value {
                    let span = field.as_ref().map_or(name.clone(), |s| s.span());
                    *field = Some(Spanned::new(span, value));
                }
            };
            put(&mut p.rtt_ms, setting.rtt_ms);
            put(&mut p.loss_percent, setting.loss_percent);
            put(
                &mut p.client_bandwidth_mbit_s,
                setting.client_bandwidth_mbit_s,
            );
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
        let host_mib = adj.host_memory_mib.unwrap_or(self.host.memory_mib);
        let available = host_mib.saturating_sub(costs.host_reserved_mib);
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

#[cfg(test)]
mod network_tests {
    use super::{Adjustments, NetworkSetting};
    use crate::Scenario;

    const VDI_NETWORK: &str = include_str!("../../../scenarios/vdi-network.toml");
    const BLAST_RADIUS: &str = include_str!("../../../scenarios/fault-blast-radius.toml");

    fn vdi_network() -> Scenario {
        Scenario::from_toml("vdi-network.toml", VDI_NETWORK).unwrap()
    }

    fn rtt_of(p: usize, rtt_ms: f64) -> Adjustments {
        let mut platform_networks = vec![NetworkSetting::default(); p + 1];
        platform_networks[p].rtt_ms = Some(rtt_ms);
        Adjustments {
            platform_networks,
            ..Adjustments::default()
        }
    }

    /// vdi-network's LAN platform (5 ms) at 55 ms: every input crosses half the round trip
    /// to the server and its update the other half back, so the input-to-display latency
    /// grows by the added round trip, 50 ms (the waits for the next capture and the
    /// client's next refresh keep their spread: p50 36.5 → 85.6 ms in the run, +49.1; the
    /// 0.9 ms short of 50 are the histogram's bins and where inputs fall between
    /// captures). The other platforms, which the setting does not name, keep their
    /// figures exactly: the comparison with the city's 50 ms stays.
    #[test]
    fn more_rtt_on_one_platform_raises_its_latency_by_about_the_added_rtt() {
        let scenario = vdi_network();
        let before = scenario.run().unwrap();
        let adjusted = scenario.adjusted(&rtt_of(0, 55.0)).unwrap();
        let lan = |s: &Scenario| s.platforms[0].vdi.as_ref().unwrap().rtt_us;
        assert_eq!((lan(&scenario), lan(&adjusted)), (5_000, 55_000));
        let after = adjusted.run().unwrap();
        let p50 =
            |r: &crate::RunResult, p: usize| r.platforms[p].vdi.as_ref().unwrap().latency_p50_ms;
        let added = p50(&after, 0) - p50(&before, 0);
        assert!(
            (40.0..=55.0).contains(&added),
            "p50 +{added} ms for +50 ms of RTT"
        );
        for p in 1..before.platforms.len() {
            assert_eq!(
                before.platforms[p].vdi, after.platforms[p].vdi,
                "{}",
                before.platforms[p].name
            );
        }
    }

    /// The same value as the file's (the LAN's 5 ms) and an empty setting change nothing:
    /// the defaults keep every result.
    #[test]
    fn the_files_own_network_or_none_keeps_the_result() {
        let scenario = vdi_network();
        let as_written = scenario.run().unwrap();
        for adj in [
            rtt_of(0, 5.0),
            Adjustments {
                platform_networks: vec![NetworkSetting::default(); 9],
                ..Adjustments::default()
            },
        ] {
            let adjusted = scenario.adjusted(&adj).unwrap();
            crate::assert_same_results!(adjusted.run().unwrap(), as_written.clone());
        }
    }

    /// `vdi_network` sets every VDI platform and no other (fault-blast-radius has three
    /// server platforms beside its VDI one); a platform's own setting goes over it.
    #[test]
    fn the_setting_of_every_vdi_platform_leaves_other_platforms_alone() {
        let scenario = Scenario::from_toml("fault-blast-radius.toml", BLAST_RADIUS).unwrap();
        let every = NetworkSetting {
            rtt_ms: Some(80.0),
            loss_percent: Some(1.5),
            client_bandwidth_mbit_s: Some(2.5),
        };
        let adjusted = scenario
            .adjusted(&Adjustments {
                vdi_network: every,
                ..Adjustments::default()
            })
            .unwrap();
        for (p, q) in scenario.platforms.iter().zip(&adjusted.platforms) {
            match (&p.vdi, &q.vdi) {
                (None, None) => assert_eq!(p, q),
                (Some(_), Some(n)) => {
                    assert_eq!(
                        (n.rtt_us, n.loss_ppm, n.client_bandwidth_kbit_s),
                        (80_000, 15_000, 2_500)
                    );
                }
                other => panic!("{other:?}"),
            }
        }
        // vdi-network: every platform at 80 ms, but the LAN's own 10 ms over it; its loss
        // and bandwidth from the setting of every platform.
        let mut adj = rtt_of(0, 10.0);
        adj.vdi_network = every;
        let adjusted = vdi_network().adjusted(&adj).unwrap();
        let nets: Vec<(u64, u64, u64)> = (adjusted.platforms.iter())
            .map(|p| p.vdi.as_ref().unwrap())
            .map(|n| (n.rtt_us, n.loss_ppm, n.client_bandwidth_kbit_s))
            .collect();
        assert_eq!(nets[0], (10_000, 15_000, 2_500));
        assert!(
            nets[1..].iter().all(|&n| n == (80_000, 15_000, 2_500)),
            "{nets:?}"
        );
        assert_eq!(adj.network_of(0).rtt_ms, Some(10.0));
        assert_eq!(adj.network_of(3).rtt_ms, Some(80.0));
    }

    /// Out of the file's ranges (rtt_ms 0 to 2000, loss_percent 0 to 50,
    /// client_bandwidth_mbit_s 0.064 to 100000, a number): the file's own error, at the
    /// value the file writes (the LAN's `rtt_ms = 5`, line 59), else at the platform's
    /// name, naming the adjustment.
    #[test]
    fn a_network_out_of_range_is_the_files_error_at_the_field() {
        let scenario = vdi_network();
        let e = scenario.adjusted(&rtt_of(0, 3000.0)).unwrap_err();
        assert_eq!((e.code, e.line, e.column), ("out_of_range", 59, 10), "{e}");
        let text = e.to_string();
        assert!(
            text.contains("rtt_ms must be between 0 and 2,000")
                && text.contains("with the adjustment platform_networks[0].rtt_ms = 3000"),
            "{text}"
        );
        assert!(
            e.to_string_in(crate::Lang::Ko)
                .contains("조정값 platform_networks[0].rtt_ms = 3000 적용 시"),
            "{e}"
        );
        // The LAN writes no loss: at its name (line 55, `name = "lan-5ms"`).
        for (setting, field) in [
            (
                NetworkSetting {
                    loss_percent: Some(60.0),
                    ..NetworkSetting::default()
                },
                "loss_percent",
            ),
            (
                NetworkSetting {
                    client_bandwidth_mbit_s: Some(0.01),
                    ..NetworkSetting::default()
                },
                "client_bandwidth_mbit_s",
            ),
            (
                NetworkSetting {
                    rtt_ms: Some(f64::NAN),
                    ..NetworkSetting::default()
                },
                "rtt_ms",
            ),
            (
                NetworkSetting {
                    rtt_ms: Some(-1.0),
                    ..NetworkSetting::default()
                },
                "rtt_ms",
            ),
        ] {
            let adj = Adjustments {
                vdi_network: setting,
                ..Adjustments::default()
            };
            let e = scenario.adjusted(&adj).unwrap_err();
            let at = if field == "rtt_ms" { (59, 10) } else { (55, 8) };
            assert_eq!((e.code, (e.line, e.column)), ("out_of_range", at), "{e}");
            assert!(
                e.to_string().contains(&format!("{field} must be between"))
                    && e.to_string()
                        .contains(&format!("with the adjustment vdi_network.{field} = ")),
                "{e}"
            );
        }
        // A platform that is not VDI has no network to set: said at its name.
        let blast = Scenario::from_toml("fault-blast-radius.toml", BLAST_RADIUS).unwrap();
        let e = blast.adjusted(&rtt_of(0, 30.0)).unwrap_err();
        assert_eq!((e.code, e.line), ("not_applicable", 42), "{e}");
        assert!(
            e.to_string()
                .contains("rtt_ms applies to kind = \"vdi\" platforms only"),
            "{e}"
        );
        // Past the platforms: nothing set, nothing wrong.
        assert!(scenario.adjusted(&rtt_of(40, 3000.0)).is_ok());
    }
}

#[cfg(test)]
mod hand_set_tests {
    use super::Adjustments;
    use crate::Scenario;

    /// Scenarios compare with `==`: read twice from the same text, equal; a field set by
    /// hand or a cost set by `with_cost`, not.
    #[test]
    fn scenarios_compare_equal_when_read_from_the_same_text() {
        let a = Scenario::from_toml("t.toml", TEXT).unwrap();
        assert_eq!(a, Scenario::from_toml("t.toml", TEXT).unwrap());
        assert_eq!(a, a.clone());
        let mut seeded = a.clone();
        seeded.set_seed(2);
        assert_ne!(a, seeded);
        assert_ne!(a, a.with_cost("syscall_native", 300).unwrap());
        assert_ne!(a, Scenario::from_toml("u.toml", TEXT).unwrap());
    }

    const TEXT: &str = "[scenario]\nname = \"t\"\nduration_ms = 20\n[[platform]]\nname = \"n\"\nkind = \"native\"\n[[instance]]\nname = \"i\"\nworkload = \"cpu-bound\"\n";

    /// `duration_ms` and `trace` set by hand survive `with_cost` and `adjusted` as the
    /// seed does (they were dropped: a test author's review), an adjustment's duration
    /// replaces it, and one out of range is the file's error at its `duration_ms`.
    #[test]
    fn scenario_fields_set_by_hand_survive_with_cost_and_adjusted() {
        let mut s = Scenario::from_toml("t.toml", TEXT).unwrap();
        s.duration_ms = 7;
        s.trace = true;
        s.set_seed(5);
        let c = s.with_cost("syscall_native", 300).unwrap();
        assert_eq!((c.duration_ms, c.trace, c.seed), (7, true, 5));
        assert_eq!(c.costs.syscall_native, 300);
        let two = Adjustments {
            host_cores: Some(2),
            ..Default::default()
        };
        let a = c.adjusted(&two).unwrap();
        assert_eq!((a.duration_ms, a.trace, a.seed), (7, true, 5));
        assert_eq!((a.costs.syscall_native, a.host.cores), (300, 2));
        let nine = Adjustments {
            duration_ms: Some(9),
            ..Default::default()
        };
        assert_eq!(c.adjusted(&nine).unwrap().duration_ms, 9);
        // Read from the file: the same as before.
        let fresh = Scenario::from_toml("t.toml", TEXT).unwrap();
        let same = fresh.adjusted(&Adjustments::default()).unwrap();
        assert_eq!((same.duration_ms, same.trace, same.seed), (20, false, 1));
        // Out of range by hand: checked again, at the file's duration_ms (line 3).
        s.duration_ms = 0;
        for e in [
            s.with_cost("syscall_native", 300).unwrap_err(),
            s.adjusted(&two).unwrap_err(),
        ] {
            assert_eq!((e.code, e.line, e.column), ("out_of_range", 3, 15), "{e}");
        }
        // An adjustment's valid duration replaces it.
        assert_eq!(s.adjusted(&nine).unwrap().duration_ms, 9);
    }
}

#[cfg(test)]
mod host_memory_tests {
    use super::{Adjustments, HOST_MEMORY_MAX_MIB};
    use crate::Scenario;

    const TYPE1_VS_TYPE2: &str = include_str!("../../../scenarios/type1-vs-type2.toml");

    fn scenario() -> Scenario {
        Scenario::from_toml("type1-vs-type2.toml", TYPE1_VS_TYPE2).unwrap()
    }

    /// The line and column of `needle` in type1-vs-type2.toml, 1-based.
    fn place_of(needle: &str) -> (usize, usize) {
        let at = TYPE1_VS_TYPE2.find(needle).expect("in the file");
        let before = &TYPE1_VS_TYPE2[..at];
        let line = before.matches('\n').count() + 1;
        (line, at - before.rfind('\n').map_or(0, |n| n + 1) + 1)
    }

    /// A reviewer swept the instance count with `Adjustments`: 4 VMs of 4 GiB on each of
    /// type1-vs-type2's platforms need more than its 32 GiB host (a good error), and the
    /// host memory set by hand before `adjusted` was dropped. `host_memory_mib` makes room,
    /// exactly as the file's `memory_gib = 128` does (the same run, bit for bit).
    #[test]
    fn host_memory_makes_room_for_more_instances_as_the_file_would() {
        let base = scenario();
        let four = Adjustments {
            instance_count: Some(4),
            duration_ms: Some(10),
            ..Adjustments::default()
        };
        let e = base.adjusted(&four).unwrap_err();
        assert_eq!(e.code, "memory_over_host", "{e}");
        let roomy = Adjustments {
            host_memory_mib: Some(128 * 1024),
            ..four.clone()
        };
        let adjusted = base.adjusted(&roomy).unwrap();
        assert_eq!(adjusted.host.memory_mib, 128 * 1024);
        let edited = TYPE1_VS_TYPE2.replacen("memory_gib = 32", "memory_gib = 128", 1);
        let by_text = Scenario::from_toml("type1-vs-type2.toml", &edited)
            .unwrap()
            .adjusted(&four)
            .unwrap();
        assert_eq!(by_text.host, adjusted.host);
        crate::assert_same_results!(adjusted.run().unwrap(), by_text.run().unwrap());
    }

    /// Out of the file's range (0.125 to 65536 GiB): an error in the setting's unit, MiB,
    /// at the file's `memory_gib`, naming the adjustment (not the file's hint that a
    /// figure above 65536 is MiB written for GiB); too small for the instances: the file's
    /// own error, naming the adjustment.
    #[test]
    fn a_host_memory_out_of_range_or_too_small_is_said_in_the_settings_terms() {
        let base = scenario();
        let at = place_of("memory_gib = 32");
        let at = (at.0, at.1 + "memory_gib = ".len());
        for mib in [0, 127, HOST_MEMORY_MAX_MIB + 1, 100 * 1024 * 1024, u64::MAX] {
            let adj = Adjustments {
                host_memory_mib: Some(mib),
                ..Adjustments::default()
            };
            let e = base.adjusted(&adj).unwrap_err();
            assert_eq!((e.code, (e.line, e.column)), ("out_of_range", at), "{e}");
            let text = e.to_string();
            assert!(
                // The setting grouped as the range beside it is; the adjustment as set.
                text.contains(&format!(
                    "host memory of {} MiB is out of range",
                    crate::text::grouped(&mib.to_string())
                )) && text.contains("host_memory_mib takes 128 to 67,108,864 MiB")
                    && text.ends_with(&format!("(with the adjustment host_memory_mib = {mib})"))
                    && !text.contains("write memory_gib"),
                "{text}"
            );
            let ko = e.to_string_in(crate::Lang::Ko);
            assert!(
                ko.contains(&format!(
                    "호스트 메모리 {} MiB",
                    crate::text::grouped(&mib.to_string())
                )),
                "{ko}"
            );
        }
        for mib in [128, HOST_MEMORY_MAX_MIB] {
            let adj = Adjustments {
                host_memory_mib: Some(mib),
                ..Adjustments::default()
            };
            let result = base.adjusted(&adj);
            if mib == 128 {
                let e = result.unwrap_err();
                assert_eq!(e.code, "memory_over_host", "{e}");
                assert!(
                    e.to_string()
                        .ends_with("(with the adjustment host_memory_mib = 128)"),
                    "{e}"
                );
            } else {
                assert_eq!(result.unwrap().host.memory_mib, HOST_MEMORY_MAX_MIB);
            }
        }
    }

    /// A memory setting too large is answered against the adjusted host, not the file's:
    /// two 40000 MiB VMs fit 128 GiB, not 64 GiB (63 GiB after the 1 GiB the host keeps).
    #[test]
    fn a_memory_setting_is_checked_against_the_adjusted_host() {
        let base = scenario();
        let big = |host_mib: u64| Adjustments {
            memory_per_instance_mib: Some(40_000),
            host_memory_mib: Some(host_mib),
            ..Adjustments::default()
        };
        assert!(base.adjusted(&big(128 * 1024)).is_ok());
        let e = base.adjusted(&big(64 * 1024)).unwrap_err();
        assert_eq!(e.code, "memory_setting_over_host", "{e}");
        assert!(
            e.to_string()
                .contains("the host has 63.0 GiB after the 1.0 GiB"),
            "{e}"
        );
    }
}
