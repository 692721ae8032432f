//! The time slices a run uses and where they come from ([`Slices`]), which platforms
//! write their own ([`time_slice_written`]), and a re-run whose time slice changed no
//! figure ([`slice_changed_nothing`]).

use super::{Baseline, Knobs};
use crate::i18n::Lang;
use crate::sim::{RunResult, Scenario};

/// The time slices a run uses, read from the validated scenario it is made of (with the
/// settings applied: a platform that writes no `time_slice_ms` takes its scheduler's
/// default, which for the fair scheduler depends on the host's cores), and where they come
/// from: what the time-slice slider shows while it is untouched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Slices {
    /// The first platform's slice, ms (where the slider stands).
    pub first: u64,
    /// The smallest and largest slice of the platforms, ms.
    pub lo: u64,
    pub hi: u64,
    /// Some platform's slice is the scenario's own (written in it, or set by its slider).
    pub written: bool,
    /// Some platform's slice is its scheduler's default.
    pub default: bool,
    /// The host's cores, when a platform's default is the fair scheduler's (scaled by them).
    pub default_cores: Option<u32>,
    /// Some platform's default is another scheduler's (the same on any host).
    pub default_fixed: bool,
}

impl Slices {
    /// The slices of `s`, a validated scenario; `written[i]` says whether platform `i`'s
    /// text writes `time_slice_ms` (`Baseline::time_slice_written`); `set` that the
    /// slider sets every platform's.
    pub fn of(s: &Scenario, written: &[bool], set: bool) -> Slices {
        let slices = s.platforms.iter().map(|p| p.time_slice_ms);
        let own = |i: usize| set || written.get(i).copied().unwrap_or(false);
        let defaults: Vec<&crate::sim::scenario::PlatformSpec> = s
            .platforms
            .iter()
            .enumerate()
            .filter(|&(i, _)| !own(i))
            .map(|(_, p)| p)
            .collect();
        Slices {
            first: s.platforms.first().map_or(30, |p| p.time_slice_ms),
            lo: slices.clone().min().unwrap_or(30),
            hi: slices.max().unwrap_or(30),
            written: (0..s.platforms.len()).any(own),
            default: !defaults.is_empty(),
            default_cores: defaults
                .iter()
                .any(|p| p.scheduler == crate::sim::SchedulerKind::Fair)
                .then_some(s.host.cores),
            default_fixed: defaults
                .iter()
                .any(|p| p.scheduler != crate::sim::SchedulerKind::Fair),
        }
    }

    /// What the slider shows untouched: "6 (default for 1 host core)", "24 (scenario
    /// value)", "6–30 (per platform: the schedulers' defaults on 1 host core)".
    pub fn text(&self, lang: Lang) -> String {
        let from = self.source(lang);
        let num = |v: u64| crate::num::int(v);
        if self.lo == self.hi {
            format!("{} ({from})", num(self.lo))
        } else {
            format!(
                "{}–{} ({}: {from})",
                num(self.lo),
                num(self.hi),
                crate::i18n::t(lang, "controls.slice_per_platform")
            )
        }
    }

    /// Where the slices come from: "scenario value", "default for 1 host core", or both.
    pub fn source(&self, lang: Lang) -> String {
        use crate::i18n::t;
        let mut from = Vec::new();
        if self.written {
            from.push(t(lang, "controls.default").to_string());
        }
        if self.default {
            // The fair scheduler's default follows the host's cores; the others' do not.
            let key = match (self.default_cores, self.default_fixed) {
                (Some(1), false) => "controls.slice_default_core",
                (Some(_), false) => "controls.slice_default_cores",
                (Some(1), true) => "controls.slice_defaults_core",
                (Some(_), true) => "controls.slice_defaults_cores",
                (None, _) => "controls.slice_default",
            };
            let cores = self.default_cores.unwrap_or(0).to_string();
            from.push(t(lang, key).replace("{}", &cores));
        }
        from.join(", ")
    }
}

/// Whether each platform of a scenario text writes `time_slice_ms`, in order (the
/// validated scenario keeps the value, not whether it was written). Read with toml's
/// parser, which sim-core reads the text with too.
pub(crate) fn time_slice_written(text: &str) -> Vec<bool> {
    use toml::de::{DeTable, DeValue};
    let (root, _) = DeTable::parse_recoverable(text);
    let Some(platforms) = root.get_ref().get("platform") else {
        return Vec::new();
    };
    match platforms.get_ref() {
        DeValue::Array(tables) => tables
            .iter()
            .map(|t| match t.get_ref() {
                DeValue::Table(t) => t.contains_key("time_slice_ms"),
                _ => false,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A re-run that moved the time slice alone and changed no figure
/// ([`slice_changed_nothing`]): the page says so, and why when the run shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SliceChangedNothing {
    /// No vCPU waited for a pCPU on any platform (steal 0%): a slice that ends hands its
    /// pCPU to no one, and the same vCPU runs on.
    pub nothing_waited: bool,
}

impl SliceChangedNothing {
    /// What the page says of it, in `lang`: that no figure changed, and why when no vCPU
    /// waited.
    pub fn text(self, lang: Lang) -> &'static str {
        crate::i18n::t(
            lang,
            if self.nothing_waited {
                "slice.nothing_waited"
            } else {
                "slice.changed_nothing"
            },
        )
    }
}

/// Whether the run `now` (its settings and result) after the run `before` of the same
/// scenario text changed the time slice alone, and no figure: every figure of the two
/// results the same (bit for bit, so that NaN is the same as NaN), but for the count of simulated events (a slice's end is an event)
/// and the timeline (where a slice ends). `base` is the scenario's own values (a slider
/// left untouched runs each platform's own slice). A slider that changes nothing seen
/// teaches nothing unless the page says why (containers-vs-vms: as many vCPUs as cores,
/// none ever waits, a student's review).
pub fn slice_changed_nothing(
    before: (&Knobs, &RunResult),
    now: (&Knobs, &RunResult),
    base: &Baseline,
) -> Option<SliceChangedNothing> {
    let slices = |k: &Knobs| k.time_slice_ms.map_or(base.time_slice_range, |ms| (ms, ms));
    let others = |k: &Knobs| Knobs {
        time_slice_ms: None,
        ..k.clone()
    };
    if slices(before.0) == slices(now.0) || others(before.0) != others(now.0) {
        return None;
    }
    let bare = |r: &RunResult| {
        let mut r = r.clone();
        r.events = 0;
        for p in &mut r.platforms {
            p.events = 0;
            p.trace = None;
        }
        r
    };
    // Compared in the binary form the workers send results in (floats bit for bit), not
    // with `==`: a figure that is not a number (a latency of no operation, a share of
    // nothing) is unequal to itself, and one NaN made every re-run "changed". The same
    // computation gives the same bits, NaN's too.
    let bytes = |r: &RunResult| crate::sim::binary_form::to_bytes(&bare(r)).ok();
    let (a, b) = (bytes(before.1)?, bytes(now.1)?);
    (a == b).then(|| SliceChangedNothing {
        nothing_waited: now.1.platforms.iter().all(|p| p.steal_percent == 0.0),
    })
}
