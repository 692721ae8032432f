//! The memory plan wired into a platform's machine (swap, KSM, balloon, migration) and read back from its snapshots into the results.

use super::*;
use crate::memory::{balloon_batches, free_page_reports};

/// The memory plan of platform `p_index`, with the swept group's count replaced when
/// given (a sweep point).
pub(super) fn memory_plan(
    s: &Scenario,
    p_index: usize,
    swept: Option<(usize, u32)>,
) -> MemoryResult {
    let p = &s.platforms[p_index];
    let owned = platform_instances(s, p_index, swept);
    let mine: Vec<&InstanceSpec> = owned.iter().collect();
    memory::plan(&p.stack, &p.overcommit, &s.host, &s.costs, &mine).result
}

/// Whether a platform's memory is followed over the run: it has an overcommit policy or
/// an OOM kill.
pub(super) fn memory_followed(memory: &MemoryResult) -> bool {
    !memory.policies.is_empty() || !memory.oom_kills.is_empty()
}

/// The memory plan of platform `p_index` at each of `times` (cycles into the run): KSM's
/// progress after the instances have run for `running_for_s` and then `t`, containers
/// that outgrow their limit filling it (empty when the memory is not followed).
pub(super) fn memory_moments(
    s: &Scenario,
    p_index: usize,
    swept: Option<(usize, u32)>,
    memory: &MemoryResult,
    times: &[u64],
) -> Vec<MemoryResult> {
    if !memory_followed(memory) {
        return Vec::new();
    }
    let p = &s.platforms[p_index];
    let owned = platform_instances(s, p_index, swept);
    let mine: Vec<&InstanceSpec> = owned.iter().collect();
    let per_us = s.host.cycles_per_us();
    // KSM scans all guest memory (the VMM marks it mergeable).
    let mergeable_pages: u64 = if p.overcommit.contains(&memory::OvercommitPolicy::Ksm) {
        mine.iter()
            .map(|i| u64::from(i.count) * i.memory_mib * 256)
            .sum()
    } else {
        0
    };
    times
        .iter()
        .map(|&at| {
            let seconds = p.running_for_s as f64 + at as f64 / (per_us as f64 * 1e6);
            let moment = memory::Moment {
                at_cycles: at,
                ksm_fraction: memory::ksm_merged_fraction(
                    &s.costs,
                    per_us,
                    mergeable_pages,
                    seconds,
                ),
            };
            memory::plan_at(
                &p.stack,
                &p.overcommit,
                &s.host,
                &s.costs,
                &mine,
                Some(moment),
            )
            .result
        })
        .collect()
}

/// The instance groups platform `p_index` runs, the swept group's count replaced when
/// given.
pub(super) fn platform_instances(
    s: &Scenario,
    p_index: usize,
    swept: Option<(usize, u32)>,
) -> Vec<InstanceSpec> {
    s.instances
        .iter()
        .enumerate()
        .filter(|(_, i)| i.platforms.contains(&p_index))
        .map(|(index, i)| match swept {
            Some((group, count)) if group == index => InstanceSpec { count, ..i.clone() },
            _ => i.clone(),
        })
        .collect()
}

/// The memory plan as the machine runs it: per machine instance, parts per million of its
/// working set on the host's swap and merged by KSM (at each snapshot `times`, the plan of
/// that moment), the balloon batches and free page reports left after the instances have
/// run for `running_for_s`, and whether ksmd runs.
pub(super) fn machine_memory(
    s: &Scenario,
    p_index: usize,
    swept: Option<(usize, u32)>,
    memory: &MemoryResult,
    times: &[u64],
    migration: Option<crate::machine::MachineMigration>,
) -> crate::machine::MachineMemory {
    let p = &s.platforms[p_index];
    let costs = &s.costs;
    let ppm = |percent: f64| libm::round(percent.clamp(0.0, 100.0) * 10_000.0) as u32;
    let moments = memory_moments(s, p_index, swept, memory, times);
    let shares = |m: &MemoryResult| -> Vec<(u32, u32)> {
        m.instances
            .iter()
            .map(|i| {
                (
                    ppm(i.working_set_swapped_percent),
                    ppm(i.working_set_merged_percent),
                )
            })
            .collect()
    };
    let shares_at_samples: Vec<Vec<(u32, u32)>> = moments.iter().map(shares).collect();
    let first = shares_at_samples
        .first()
        .cloned()
        .unwrap_or_else(|| shares(memory));
    // Before the window the drivers ran for `running_for_s`: balloon batches first, then
    // free page reports, each at half the vCPU (`memory::batches_in`).
    let per_us = s.host.cycles_per_us();
    let batch =
        crate::path::PathCost::of_steps(&memory::balloon_batch_steps(&p.stack, costs, s.host.cpu))
            .total
            .max(1);
    let report = crate::path::PathCost::of_steps(&memory::free_page_report_steps(
        &p.stack, costs, s.host.cpu,
    ))
    .total
    .max(1);
    let before = p.running_for_s as f64;
    let left: Vec<(u32, u32)> = memory
        .instances
        .iter()
        .map(|m| {
            let batches = u64::from(balloon_batches(m.balloon_mib, costs));
            let reports = u64::from(free_page_reports(m.reported_mib, costs));
            let b_done = batches.min(memory::batches_in(batch, per_us, before));
            let spent_s = (b_done * 2 * batch) as f64 / (per_us as f64 * 1e6);
            let r_done = reports.min(memory::batches_in(
                report,
                per_us,
                (before - spent_s).max(0.0),
            ));
            ((batches - b_done) as u32, (reports - r_done) as u32)
        })
        .collect();
    crate::machine::MachineMemory {
        swapped_ppm: first.iter().map(|x| x.0).collect(),
        merged_ppm: first.iter().map(|x| x.1).collect(),
        ksmd: memory.policies.contains(&memory::OvercommitPolicy::Ksm),
        balloon_batches: left.iter().map(|x| x.0).collect(),
        free_page_reports: left.iter().map(|x| x.1).collect(),
        sample: memory_followed(memory),
        shares_at_samples,
        ops_samples: migration.is_some(),
        migration,
    }
}

/// A platform's migration, which the machine runs from the start of the run: a VM's live
/// migration by pre-copy, or a container's checkpoint and restore (CRIU-like: frozen from
/// the start while its dump is sent, then while it is restored). CRIU dumps the container's
/// processes' memory, its working set; the page cache stays with the files and the runtime
/// shim is started anew on the destination, so neither is sent. The restore is the start-up
/// steps the destination takes up to the exec ([`crate::lifecycle::container_restore_steps`],
/// timed alone on a host like this one); CRIU's own work is not modelled.
pub(super) fn machine_migration(
    s: &Scenario,
    p: &crate::scenario::PlatformSpec,
    groups: &[GroupSpec],
) -> Option<crate::machine::MachineMigration> {
    let m = p.migration.as_ref()?;
    let i = s.instances.get(m.group)?;
    // The machine index of the group's first copy: the copies of the groups before it (a
    // sweep point changes the swept group's count).
    let instance = groups
        .iter()
        .take_while(|g| g.scenario_index != m.group)
        .map(|g| g.count)
        .sum();
    let working_set_pages = i.working_set_mib.min(i.memory_mib).saturating_mul(256);
    let checkpoint = !p.stack.is_vm();
    let restore_cycles = if checkpoint {
        let steps = crate::lifecycle::container_restore_steps(&p.stack, &s.host, &s.costs);
        let ms = crate::lifecycle::storm(&[steps], &s.host, p.host_background_percent, 0)[0];
        libm::round(ms * 1000.0 * s.host.cycles_per_us() as f64) as u64
    } else {
        0
    };
    Some(crate::machine::MachineMigration {
        instance,
        link_gbit_s: m.link_gbit_s,
        max_rounds: m.max_rounds,
        max_downtime_ms: m.max_downtime_ms,
        memory_pages: if checkpoint {
            working_set_pages
        } else {
            i.memory_mib.saturating_mul(256)
        },
        working_set_pages,
        pml: s.host.features().pml
            && p.stack.memory == crate::platform::MemoryVirtualization::Nested,
        checkpoint,
        restore_cycles,
    })
}

/// The swap path of platform `p_index` when its operations touched swapped-out pages in
/// the run, with the shares the run measured (a plan still under way, KSM merging or a
/// balloon inflating, swaps more than its complete state says).
pub(super) fn swap_path(
    s: &Scenario,
    p_index: usize,
    outcome: &MachineOutcome,
) -> Option<crate::SwapPath> {
    let ops: u64 = outcome.instances.iter().map(|i| i.ops).sum();
    let ins: u64 = outcome.instances.iter().map(|i| i.swap_ins).sum();
    // Operations that paged in at least once (with one page touch per operation, every
    // page-in's).
    let touching: u64 = outcome.instances.iter().map(|i| i.swap_ops).sum();
    let outs: u64 = outcome.instances.iter().map(|i| i.swap_outs).sum();
    if ins == 0 {
        return None;
    }
    let stack = &s.platforms[p_index].stack;
    Some(crate::SwapPath {
        touch_percent: 100.0 * touching as f64 / ops.max(touching) as f64,
        page_ins_per_paging_op: ins as f64 / touching.max(1) as f64,
        fault: crate::memory::swap_fault_steps(stack, &s.costs, s.host.cpu),
        writeback_percent: 100.0 * outs as f64 / ins as f64,
        writeback: crate::memory::swap_writeback_steps(stack, &s.costs),
        read_latency_us: s.host.disk_latency_us,
        resume: crate::memory::swap_resume_steps(stack, &s.costs),
    })
}

/// The memory plan with each instance's memory over the run, from the machine's snapshots.
pub(super) fn memory_over_time(
    s: &Scenario,
    p_index: usize,
    memory: &MemoryResult,
    outcome: &MachineOutcome,
    per_us: u64,
) -> MemoryResult {
    let (groups, costs) = (&s.instances, &s.costs);
    let per_ms = per_us as f64 * 1000.0;
    let snapshots: Vec<(f64, Vec<memory::InstanceProgress>)> = outcome
        .memory_samples
        .iter()
        .map(|s| (s.at as f64 / per_ms, s.instances.clone()))
        .collect();
    let mut out = memory.clone();
    // The plan's kill of an instance an earlier fault had stopped did not happen (nor is it
    // among the faults: `oom_results`); nor did a kill after the run's end.
    out.oom_kills.retain(|k| {
        k.at_cycles < s.duration_ms * s.host.clock_mhz * 1000
            && outcome
                .instances
                .get(k.instance as usize)
                .and_then(|c| c.stopped_at)
                .is_none_or(|t| t >= k.at_cycles)
    });
    if !snapshots.is_empty() {
        let times: Vec<u64> = outcome.memory_samples.iter().map(|s| s.at).collect();
        let moments = memory_moments(s, p_index, None, memory, &times);
        let (series, at_end) = memory::memory_series(
            memory,
            &snapshots,
            &moments,
            |mib| balloon_batches(mib, costs),
            |mib| free_page_reports(mib, costs),
        );
        out.over_time = series;
        out.at_end = at_end;
        for (series, counters) in out.over_time.iter_mut().zip(&outcome.instances) {
            series.group = groups[counters.group].name.clone();
        }
    }
    out
}
