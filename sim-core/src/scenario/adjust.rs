//! [`Adjustments`]: slider-style changes applied to a validated scenario.

use toml::Spanned;

use super::{validate, Questions, Scenario, ScenarioError, Validator};

/// Slider-style changes applied to a scenario; `None` leaves a value as it is.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Adjustments {
    pub seed: Option<u64>,
    pub duration_ms: Option<u64>,
    pub host_cores: Option<u32>,
    /// Sets the host's clock, in MHz (`host.clock_ghz` × 1000).
    pub host_clock_mhz: Option<u32>,
    /// Sets `count` of every instance group.
    pub instance_count: Option<u32>,
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

impl Scenario {
    /// A copy with slider-style changes, validated again.
    pub fn adjusted(&self, adj: &Adjustments) -> Result<Scenario, ScenarioError> {
        let mut raw = self.raw.clone();
        let keep = |s: &Spanned<u32>, value: u32| Spanned::new(s.span(), value);
        if let Some(seed) = adj.seed {
            raw.scenario.seed = seed;
        }
        if let Some(ms) = adj.duration_ms {
            raw.scenario.duration_ms = Spanned::new(raw.scenario.duration_ms.span(), ms);
        }
        if let Some(cores) = adj.host_cores {
            raw.host.cores = keep(&raw.host.cores, cores);
        }
        if let Some(mhz) = adj.host_clock_mhz {
            raw.host.clock_ghz = Spanned::new(raw.host.clock_ghz.span(), f64::from(mhz) / 1000.0);
        }
        for inst in &mut raw.instances {
            if let Some(count) = adj.instance_count {
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
                inst.threads = Some(Spanned::new(span, threads));
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
        let v = Validator::new(&self.file_name, &self.source);
        validate(&v, raw, Questions::DropInvalid)
    }
}
