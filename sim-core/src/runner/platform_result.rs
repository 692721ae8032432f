//! One platform's results from its machine's outcome and its native baseline's: throughput, CPU shares, latencies, exits, layers, lifecycle and memory.

use super::*;

pub(super) fn latencies(histograms: &[Histogram], per_us: u64) -> Vec<OpLatency> {
    Op::ALL
        .iter()
        .filter(|op| histograms[op.index()].count() > 0)
        .map(|&op| OpLatency {
            op,
            latency: LatencySummary::from_histogram(&histograms[op.index()], per_us),
        })
        .collect()
}

pub(super) fn exit_counts(exits: &[u64; ExitReason::COUNT], seconds: f64) -> Vec<ExitCount> {
    ExitReason::ALL
        .iter()
        .filter(|r| exits[**r as usize] > 0)
        .map(|&reason| ExitCount {
            reason,
            count: exits[reason as usize],
            per_second: exits[reason as usize] as f64 / seconds,
        })
        .collect()
}

pub(super) fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

pub(super) fn layers(stack: &Stack) -> Vec<Layer> {
    match stack.kind {
        PlatformKind::Native => vec![Layer::Application, Layer::GuestKernel, Layer::Hardware],
        PlatformKind::Container => vec![
            Layer::Application,
            Layer::ContainerEngine,
            Layer::GuestKernel,
            Layer::Hardware,
        ],
        PlatformKind::Type1 | PlatformKind::Vdi if stack.driver_domain => vec![
            Layer::Application,
            Layer::GuestKernel,
            Layer::DriverDomain,
            Layer::Hypervisor,
            Layer::Hardware,
        ],
        PlatformKind::Type1 | PlatformKind::Vdi => vec![
            Layer::Application,
            Layer::GuestKernel,
            Layer::Hypervisor,
            Layer::Hardware,
        ],
        PlatformKind::Type2 => vec![
            Layer::Application,
            Layer::GuestKernel,
            Layer::VmmProcess,
            Layer::Hypervisor,
            Layer::HostOs,
            Layer::Hardware,
        ],
    }
}

/// Binary translation's translation-cache hit rate and translation time (percent of
/// pCPU capacity): each completed operation of each instance counted with the
/// translation-cache traffic its path carries (see `PathBuilder::translated_kernel`).
pub(super) fn translation_cache_figures(
    s: &Scenario,
    p_index: usize,
    spec: &MachineSpec,
    outcome: &MachineOutcome,
) -> (Option<f64>, Option<f64>) {
    let p = &s.platforms[p_index];
    if !p.stack.is_vm() || p.stack.technique != Some(Technique::BinaryTranslation) {
        return (None, None);
    }
    let mut sum = TranslationCount::default();
    for g in &spec.groups {
        let builder = PathBuilder::for_host(&p.stack, &s.costs, &s.host, &g.workload)
            .with_working_set_mib(g.working_set_mib);
        let per_op: Vec<TranslationCount> = Op::ALL
            .iter()
            .map(|&op| {
                let path = builder.op_path(op);
                let a = TranslationCount::of_steps(&path.submit.steps);
                let b = TranslationCount::of_steps(&path.complete.steps);
                TranslationCount {
                    lookups: a.lookups + b.lookups,
                    misses: a.misses + b.misses,
                    translate_cycles: a.translate_cycles + b.translate_cycles,
                }
            })
            .collect();
        for i in outcome
            .instances
            .iter()
            .filter(|i| i.group == g.scenario_index)
        {
            for (t, &n) in per_op.iter().zip(&i.ops_by_kind) {
                sum.lookups += t.lookups * n;
                sum.misses += t.misses * n;
                sum.translate_cycles += t.translate_cycles * n;
            }
        }
    }
    if sum.lookups == 0 {
        return (None, None);
    }
    (
        Some(percent(sum.lookups - sum.misses, sum.lookups)),
        Some(percent(sum.translate_cycles, outcome.capacity)),
    )
}

/// One platform's results: its machine's `outcome` against its native `baseline`'s, over
/// `seconds` of simulated time (`per_us` cycles per microsecond).
#[allow(clippy::too_many_arguments)]
pub(super) fn platform_result(
    s: &Scenario,
    p_index: usize,
    memory: &MemoryResult,
    spec: &MachineSpec,
    outcome: &MachineOutcome,
    baseline: &MachineOutcome,
    locals: &[(usize, &MachineOutcome)],
    seconds: f64,
    per_us: u64,
) -> PlatformResult {
    let p = &s.platforms[p_index];
    let ops: u64 = outcome.instances.iter().map(|i| i.ops).sum();
    let mut exits = [0u64; ExitReason::COUNT];
    let mut steal = 0;
    let mut vcpu_time = 0;
    for i in &outcome.instances {
        for (a, b) in exits.iter_mut().zip(i.exits) {
            *a += b;
        }
        steal += i.steal;
        vcpu_time += i.vcpu_time;
    }
    let total_exits: u64 = exits.iter().sum();
    let (mut groups, all) = group_results(spec, outcome, baseline, seconds, per_us);
    let baseline_ops: u64 = baseline
        .instances
        .iter()
        .filter(|i| spec.groups.iter().any(|g| g.scenario_index == i.group))
        .map(|i| i.ops)
        .sum();
    let mut relative_performance_percent =
        weighted_relative_performance(spec, outcome, baseline, ops, baseline_ops);
    let sees_steal = p.stack.guest_sees_steal();
    let instances = instance_results(s, spec, outcome, sees_steal, seconds, per_us);
    let mut lifecycle = lifecycle_result(s, p_index, spec, outcome, baseline);
    let instance_count: u64 = spec.groups.iter().map(|g| u64::from(g.count)).sum();
    let mut faults = fault_results(s, p_index, spec, outcome, &instances);
    faults.extend(oom_results(s, p_index, spec, memory, outcome, &instances));
    let vdi = p.vdi.as_ref().map(|net| {
        super::desktop_result::vdi_result(net, &spec.groups, outcome, locals, per_us, seconds)
    });
    if let Some(v) = &vdi {
        desktop_relative_performance(v, &mut relative_performance_percent, &mut groups);
    }
    let (bt_tc_hit_percent, bt_translate_percent) =
        translation_cache_figures(s, p_index, spec, outcome);
    if p.vdi.as_ref().is_some_and(|n| n.session_host) {
        super::desktop_result::session_host_lifecycle(&mut lifecycle, s, p_index);
    }
    if let Some(v) = &vdi {
        desktop_cpu_per_session(&mut lifecycle, s, p_index, v);
    }
    PlatformResult {
        name: p.name.clone(),
        label: p.label.clone(),
        kind: p.stack.kind,
        technique: p.stack.technique,
        io: p.stack.is_vm().then_some(p.stack.io),
        hosted_design: (p.stack.kind == crate::platform::PlatformKind::Type2)
            .then_some(p.stack.hosted_design),
        memory: p.stack.memory,
        scheduler: p.scheduler,
        host_background_percent: p.host_background_percent,
        vcpus: spec
            .groups
            .iter()
            .map(|g| u64::from(g.count) * u64::from(g.vcpus))
            .sum(),
        instance_count,
        memory_mib: s
            .instances
            .iter()
            .filter(|i| i.platforms.contains(&p_index))
            .map(|i| u64::from(i.count) * i.memory_mib)
            .sum(),
        ops,
        throughput: ops as f64 / seconds,
        baseline_throughput: baseline_ops as f64 / seconds,
        network: network_result(spec.groups.iter(), outcome, baseline, seconds),
        sweep_density: None,
        relative_performance_percent,
        cpu: cpu_shares(outcome),
        steal_percent: percent(steal, vcpu_time),
        guest_steal_percent: if sees_steal {
            percent(steal, vcpu_time)
        } else {
            0.0
        },
        exits: exit_counts(&exits, seconds),
        exits_per_second: total_exits as f64 / seconds,
        latency: latencies(&all, per_us),
        groups,
        instances,
        layers: layers(&p.stack),
        paths: shown_paths(s, p_index, spec),
        trace: outcome.trace.clone(),
        events: outcome.events,
        lifecycle,
        faults,
        // A session host's users all reach its one server OS: its system calls too.
        attack_surface: Some(match vdi.as_ref().filter(|v| v.session_host) {
            Some(v) => crate::isolation::session_host_attack_surface(
                &p.stack,
                // The server OS is the sessions' guest OS (Windows for a desktop).
                s.instances
                    .iter()
                    .find(|i| i.platforms.contains(&p_index))
                    .map_or(crate::platform::GuestOs::Linux, |i| i.guest_os),
                v.sessions,
            ),
            None => attack_surface(&p.stack, instance_count),
        }),
        vdi,
        bt_tc_hit_percent,
        bt_translate_percent,
        host_memory: Some(memory_over_time(s, p_index, memory, outcome, per_us)),
        swap_path: swap_path(s, p_index, outcome),
        migration: p
            .migration
            .as_ref()
            .map(|m| migration_result(s, p_index, m, spec, outcome, baseline, seconds, per_us)),
    }
}

/// The pCPUs' time by category, in percent of the machine's capacity.
fn cpu_shares(outcome: &MachineOutcome) -> CpuShares {
    let busy: u64 = outcome.busy.iter().sum();
    let cap = outcome.capacity;
    CpuShares {
        guest_user: percent(outcome.busy[Category::GuestUser as usize], cap),
        guest_kernel: percent(outcome.busy[Category::GuestKernel as usize], cap),
        hypervisor: percent(outcome.busy[Category::Hypervisor as usize], cap),
        device_emulation: percent(outcome.busy[Category::DeviceEmulation as usize], cap),
        host_os: percent(outcome.busy[Category::HostOs as usize], cap),
        idle: percent(cap.saturating_sub(busy), cap),
    }
}

/// Each group's figures against its own native baseline, and the latency histograms of
/// every group merged (the platform's).
fn group_results(
    spec: &MachineSpec,
    outcome: &MachineOutcome,
    baseline: &MachineOutcome,
    seconds: f64,
    per_us: u64,
) -> (Vec<GroupResult>, Vec<Histogram>) {
    let mut all = vec![Histogram::default(); Op::COUNT];
    let mut groups = Vec::new();
    for (g_index, (scenario_index, hist)) in outcome.group_latency.iter().enumerate() {
        for (a, b) in all.iter_mut().zip(hist) {
            a.merge(b);
        }
        let g = &spec.groups[g_index];
        let group_ops: u64 = outcome
            .instances
            .iter()
            .filter(|i| i.group == *scenario_index)
            .map(|i| i.ops)
            .sum();
        let base_ops: u64 = baseline
            .instances
            .iter()
            .filter(|i| i.group == *scenario_index)
            .map(|i| i.ops)
            .sum();
        let base_hist = baseline
            .group_latency
            .iter()
            .find(|(i, _)| i == scenario_index)
            .map(|(_, h)| latencies(h, per_us))
            .unwrap_or_default();
        groups.push(GroupResult {
            name: g.name.clone(),
            workload: g.workload.name.clone(),
            count: g.count,
            vcpus: g.vcpus,
            threads: g.threads,
            ops: group_ops,
            throughput: group_ops as f64 / seconds,
            baseline_throughput: base_ops as f64 / seconds,
            relative_performance_percent: percent(group_ops, base_ops),
            network: network_result(std::iter::once(g), outcome, baseline, seconds),
            latency: latencies(hist, per_us),
            baseline_latency: base_hist,
        });
    }
    (groups, all)
}

/// The network figures of the instances of `groups` (`None` when no workload of theirs
/// sends or receives): their bytes sent and received over `seconds`, here and natively.
fn network_result<'a>(
    groups: impl Iterator<Item = &'a GroupSpec> + Clone,
    outcome: &MachineOutcome,
    baseline: &MachineOutcome,
    seconds: f64,
) -> Option<NetworkResult> {
    if !groups
        .clone()
        .any(|g| crate::instance::uses_network(&g.workload))
    {
        return None;
    }
    let bytes = |o: &MachineOutcome| -> (u64, u64) {
        o.instances
            .iter()
            .filter(|i| groups.clone().any(|g| g.scenario_index == i.group))
            .fold((0u64, 0u64), |(sent, received), i| {
                (
                    sent.saturating_add(i.net_sent_bytes),
                    received.saturating_add(i.net_received_bytes),
                )
            })
    };
    let gbit_s = |b: u64| b as f64 * 8.0 / seconds / 1e9;
    let (sent, received) = bytes(outcome);
    let (base_sent, base_received) = bytes(baseline);
    Some(NetworkResult {
        send_gbit_s: gbit_s(sent),
        receive_gbit_s: gbit_s(received),
        baseline_send_gbit_s: gbit_s(base_sent),
        baseline_receive_gbit_s: gbit_s(base_received),
    })
}

/// Platform-level relative performance: each group's ops over its baseline ops, weighted
/// by the CPU time the group used natively. A plain sum of ops would reward a platform for
/// shifting CPU from a group with long operations to one with short ones.
fn weighted_relative_performance(
    spec: &MachineSpec,
    outcome: &MachineOutcome,
    baseline: &MachineOutcome,
    ops: u64,
    baseline_ops: u64,
) -> f64 {
    let (mut weighted, mut weight) = (0.0, 0u64);
    for g in &spec.groups {
        let of_group = |o: &MachineOutcome| -> (u64, u64) {
            o.instances
                .iter()
                .filter(|i| i.group == g.scenario_index)
                .fold((0, 0), |(ops, cpu), i| {
                    (ops + i.ops, cpu + i.cycles.iter().sum::<u64>())
                })
        };
        let (ops, _) = of_group(outcome);
        let (base_ops, base_cpu) = of_group(baseline);
        if base_ops > 0 {
            weighted += ops as f64 / base_ops as f64 * base_cpu as f64;
            weight += base_cpu;
        }
    }
    if weight == 0 {
        percent(ops, baseline_ops)
    } else {
        weighted * 100.0 / weight as f64
    }
}

/// Each instance's figures (`sees_steal`: its guest is told its steal time).
fn instance_results(
    s: &Scenario,
    spec: &MachineSpec,
    outcome: &MachineOutcome,
    sees_steal: bool,
    seconds: f64,
    per_us: u64,
) -> Vec<InstanceResult> {
    let duration_cycles = spec.duration_cycles;
    // The operations a stopped instance would have completed in the rest of the run, at
    // its pace before it stopped.
    let lost = |i: &crate::machine::InstanceCounters| -> u64 {
        match i.stopped_at {
            Some(at) if at > 0 => {
                (u128::from(i.ops) * u128::from(duration_cycles.saturating_sub(at))
                    / u128::from(at)) as u64
            }
            _ => 0,
        }
    };
    outcome
        .instances
        .iter()
        .map(|i| InstanceResult {
            name: i.name.clone(),
            group: s.instances[i.group].name.clone(),
            ops: i.ops,
            throughput: i.ops as f64 / seconds,
            steal_percent: percent(i.steal, i.vcpu_time),
            guest_steal_percent: if sees_steal {
                percent(i.steal, i.vcpu_time)
            } else {
                0.0
            },
            guest_cpu_percent: percent(
                i.cycles.iter().sum::<u64>() + if sees_steal { 0 } else { i.steal },
                i.vcpu_time,
            ),
            cycles_guest_user: i.cycles[Category::GuestUser as usize],
            cycles_guest_kernel: i.cycles[Category::GuestKernel as usize],
            cycles_hypervisor: i.cycles[Category::Hypervisor as usize],
            cycles_device_emulation: i.cycles[Category::DeviceEmulation as usize],
            cycles_host_os: i.cycles[Category::HostOs as usize],
            exits: exit_counts(&i.exits, seconds),
            stopped_at_ms: i.stopped_at.map(|c| c as f64 / (per_us as f64 * 1000.0)),
            ops_lost: lost(i),
            swap_ins: i.swap_ins,
            swap_outs: i.swap_outs,
            cow_breaks: i.cow_breaks,
            balloon_done_ms: i
                .balloon_done_at
                .map(|c| c as f64 / (per_us as f64 * 1000.0)),
        })
        .collect()
}

/// Desktops: what counts for the user is what reaches the screen. Relative performance
/// is the share of the wanted updates shown, over the share the same activities show on a
/// local PC (the native baseline), not operations (the agent's sends have no local
/// counterpart). Shares, not counts: updates still on their way at the end of the run
/// count neither way (see `desktop/session.rs`, `finish`).
fn desktop_relative_performance(
    v: &crate::desktop::VdiResult,
    platform: &mut f64,
    groups: &mut [GroupResult],
) {
    let relative = |delivered: u64, wanted: u64, local_delivered: u64, local_wanted: u64| {
        (wanted > 0 && local_delivered > 0 && local_wanted > 0).then(|| {
            delivered as f64 * local_wanted as f64 * 100.0
                / (wanted as f64 * local_delivered as f64)
        })
    };
    if let Some(local) = &v.local {
        if let Some(r) = relative(
            v.frames_delivered,
            v.frames_wanted,
            local.frames_delivered,
            local.frames_wanted,
        ) {
            *platform = r;
        }
    }
    for g in groups {
        if let Some(d) = v.groups.iter().find(|d| d.group == g.name) {
            if let Some(r) = relative(
                d.frames_delivered,
                d.frames_wanted,
                d.local_frames_delivered,
                d.local_frames_wanted,
            ) {
                g.relative_performance_percent = r;
            }
        }
    }
}

/// Each operation's path with the workload of the first group that makes it (its message
/// and I/O sizes set the copies), as `explain` and the machine build it, else the first
/// group's; then the halt's and the entity switch's.
fn shown_paths(s: &Scenario, p_index: usize, spec: &MachineSpec) -> Vec<crate::path::OpPath> {
    let p = &s.platforms[p_index];
    let path_of = |op: Op| {
        let g = spec
            .groups
            .iter()
            .find(|g| op.index() < Op::MIX_COUNT && g.workload.mix.weights()[op.index()] > 0)
            .unwrap_or(&spec.groups[0]);
        PathBuilder::for_host(&p.stack, &s.costs, &s.host, &g.workload)
            .with_working_set_mib(g.working_set_mib)
            .shown_path(op)
    };
    let mut paths: Vec<_> = Op::ALL.iter().map(|&op| path_of(op)).collect();
    let first = &spec.groups[0];
    let builder = PathBuilder::for_host(&p.stack, &s.costs, &s.host, &first.workload)
        .with_working_set_mib(first.working_set_mib);
    for extra in [builder.halt_path(), builder.entity_switch_path()] {
        paths.push(crate::path::OpPath {
            op: None,
            submit: extra,
            ..Default::default()
        });
    }
    paths
}

/// Desktops: the CPU per session is the machine's busy time over the sessions (every
/// desktop's work and everything it caused: encoder, kernels, hypervisor), and the
/// density follows from it.
fn desktop_cpu_per_session(
    lifecycle: &mut LifecycleResult,
    s: &Scenario,
    p_index: usize,
    v: &crate::desktop::VdiResult,
) {
    if v.sessions == 0 {
        return;
    }
    let p = &s.platforms[p_index];
    lifecycle.cpu_per_instance_percent =
        (100.0 - v.cpu.idle) * f64::from(s.host.cores) / v.sessions as f64;
    let (memory, cpu) = lifecycle::density(
        &s.host,
        &s.costs,
        lifecycle.footprint_mib,
        lifecycle.oom_alone,
        lifecycle.cpu_per_instance_percent,
        p.host_background_percent,
    );
    lifecycle.density_memory = memory;
    lifecycle.density_cpu = cpu;
    lifecycle.cpu_ceiling_cores =
        lifecycle::cpu_ceiling_cores(&s.host, &s.costs, p.host_background_percent);
    lifecycle.density = cpu.map_or(memory, |cpu| memory.min(cpu));
}

/// A live migration's (or a container checkpoint's) figures: the machine ran it; the
/// guest's operations during the pre-copy are compared with the native baseline's in the
/// same window.
#[allow(clippy::too_many_arguments)]
fn migration_result(
    s: &Scenario,
    p_index: usize,
    m: &memory::MigrationSpec,
    spec: &MachineSpec,
    outcome: &MachineOutcome,
    baseline: &MachineOutcome,
    seconds: f64,
    per_us: u64,
) -> memory::MigrationResult {
    let p = &s.platforms[p_index];
    let counters = &outcome.instances[m.instance as usize];
    let record = outcome.migration.clone().unwrap_or_default();
    let checkpoint = p.stack.kind == PlatformKind::Container;
    // A container has no pre-copy: its window is the freeze (its slowdown there is what
    // the checkpoint cost it).
    let (from, to) = if checkpoint {
        (
            record.paused_at.unwrap_or(0),
            record.resumed_at.unwrap_or(spec.duration_cycles),
        )
    } else {
        (
            record.rounds.first().map_or(0, |r| r.start),
            record.paused_at.unwrap_or(spec.duration_cycles),
        )
    };
    let window = |o: &MachineOutcome| {
        ops_at(&o.ops_samples, m.instance, to) - ops_at(&o.ops_samples, m.instance, from)
    };
    let precopy = memory::PrecopyOps {
        platform: window(outcome),
        native: window(baseline),
    };
    let per_ms = per_us as f64 * 1000.0;
    let mut result = memory::migration_from_record(&counters.name, m, &record, per_ms, precopy);
    let window_s = to.saturating_sub(from) as f64 / per_ms / 1000.0;
    // Each operation touches `page_touches_per_op` pages, `page_write_percent` of them to
    // write (the same estimates the machine's dirty logging draws from).
    let touches = s.costs.page_touches_per_op.clamp(1, 64) as f64;
    let write_percent = s.costs.page_write_percent.min(100) as f64;
    if window_s > 0.0 {
        result.writes_per_second = precopy.platform / window_s * touches * write_percent / 100.0;
    }
    result.guest_traffic_gbit_s = outcome.guest_tx_bytes as f64 * 8.0 / seconds / 1e9;
    result.throughput = throughput_series(outcome, baseline, m.instance, per_ms);
    if checkpoint {
        // The dump is its one transfer: a round from the freeze to the dump's last segment
        // (the restore follows it, still frozen).
        result.rounds = vec![memory::MigrationRound {
            sent_mib: result.sent_mib,
            duration_ms: result.total_ms - record.restore_cycles as f64 / per_ms,
            dirtied_mib: 0.0,
            start_ms: from as f64 / per_ms,
        }];
        // A frozen container writes nothing while it is dumped; its writes are those of
        // the run.
        result.writes_per_second = counters.ops as f64 / seconds * touches * write_percent / 100.0;
    }
    result
}

/// The operations per second of instance `instance` in each window between the machine's
/// samples, on its platform and natively (the two sample at the same cycles).
pub(super) fn throughput_series(
    outcome: &MachineOutcome,
    baseline: &MachineOutcome,
    instance: u32,
    per_ms: f64,
) -> Vec<memory::ThroughputPoint> {
    let mut previous = 0u64;
    outcome
        .ops_samples
        .iter()
        .map(|x| {
            let window_s = x.at.saturating_sub(previous).max(1) as f64 / per_ms / 1000.0;
            let ops = |o: &MachineOutcome| {
                ops_at(&o.ops_samples, instance, x.at) - ops_at(&o.ops_samples, instance, previous)
            };
            let point = memory::ThroughputPoint {
                at_ms: x.at as f64 / per_ms,
                ops_per_s: ops(outcome) / window_s,
                native_ops_per_s: ops(baseline) / window_s,
            };
            previous = x.at;
            point
        })
        .collect()
}

/// Operations instance `instance` had completed at cycle `at`, interpolated between the
/// machine's samples (none before the start of the run).
pub(super) fn ops_at(samples: &[crate::machine::OpsSample], instance: u32, at: u64) -> f64 {
    let value =
        |x: &crate::machine::OpsSample| x.ops.get(instance as usize).copied().unwrap_or(0) as f64;
    let mut before = (0u64, 0.0);
    for x in samples {
        if x.at >= at {
            let span = x.at.saturating_sub(before.0);
            if span == 0 {
                return value(x);
            }
            let share = at.saturating_sub(before.0) as f64 / span as f64;
            return before.1 + (value(x) - before.1) * share;
        }
        before = (x.at, value(x));
    }
    before.1
}

pub(super) fn lifecycle_result(
    s: &Scenario,
    p_index: usize,
    spec: &MachineSpec,
    outcome: &MachineOutcome,
    baseline: &MachineOutcome,
) -> LifecycleResult {
    let p = &s.platforms[p_index];
    let mine: Vec<&crate::scenario::InstanceSpec> = s
        .instances
        .iter()
        .filter(|i| i.platforms.contains(&p_index))
        .collect();
    let Some(first) = mine.first() else {
        return LifecycleResult::default();
    };
    let mut steps = lifecycle::start_steps(&p.stack, first.guest_os, &s.host, &s.costs);
    lifecycle::time_steps_alone(&mut steps, &s.host, p.host_background_percent);
    let startup_ms =
        lifecycle::storm(&[steps.clone()], &s.host, p.host_background_percent, s.seed)[0];
    // Every instance of the platform at once: a group's containers share its image in the
    // host's page cache, so only the first reads it.
    let together: Vec<(usize, crate::platform::GuestOs)> = mine
        .iter()
        .enumerate()
        .flat_map(|(g, i)| std::iter::repeat_n((g, i.guest_os), i.count as usize))
        .collect();
    let everyone = lifecycle::start_steps_together(&p.stack, &together, false, &s.host, &s.costs);
    let startup_all_ms = lifecycle::storm(&everyone, &s.host, p.host_background_percent, s.seed)
        .into_iter()
        .fold(0.0, f64::max);
    let footprint = lifecycle::footprint(&p.stack, first, &p.overcommit, &s.costs);
    let footprint_mib: f64 = footprint.iter().map(|f| f.mib).sum();
    // The same rule as the memory plan's OOM kills of the run.
    let oom_alone = crate::memory::oom_of_its_own(&p.stack, &p.overcommit, &s.costs, first);
    // CPU demand of one instance of the first group: the cycles this platform spends per
    // operation (everything the instance caused included) times the operations the same
    // instance completes natively, per unit of time alive. What an instance *got* under
    // contention (caps, overcommit, a busy host) would understate it.
    let first_index = spec.groups.first().map_or(0, |g| g.scenario_index);
    // Time alive: a fault may have stopped an instance early.
    // Halt polling is left out: it spins only while no other task waits for the pCPU
    // (Linux halt-polling.rst), so it takes idle time, not capacity another instance needs.
    let (cycles, ops, alive) = outcome
        .instances
        .iter()
        .filter(|i| i.group == first_index)
        .fold((0u64, 0u64, 0u64), |(c, o, a), i| {
            (
                c + i.cycles.iter().sum::<u64>() - i.polled_cycles,
                o + i.ops,
                a + i.stopped_at.unwrap_or(spec.duration_cycles),
            )
        });
    let native_ops: u64 = baseline
        .instances
        .iter()
        .filter(|i| i.group == first_index)
        .map(|i| i.ops)
        .sum();
    let native_alive = u64::from(first.count) * spec.duration_cycles;
    let mut cpu_beyond_vcpus = None;
    let cpu_per_instance_percent = if alive == 0 {
        0.0
    } else if ops == 0 || native_ops == 0 {
        cycles as f64 * 100.0 / alive as f64
    } else {
        let needed = cycles as f64 / ops as f64 * native_ops as f64 * 100.0 / native_alive as f64;
        // The part of that work its own vCPUs ran (measured where each item ran: not a
        // back end's thread, a driver domain or the host's threads). When keeping up would
        // take more of it than its vCPUs can run, it cannot keep up with native at this
        // run's cost per operation: it uses at most its vCPUs' worth, the rest in proportion.
        let on_vcpus: u64 = outcome
            .instances
            .iter()
            .filter(|i| i.group == first_index)
            .map(|i| i.vcpu_cycles - i.polled_cycles)
            .sum();
        let on_vcpus_needed = needed * on_vcpus as f64 / cycles.max(1) as f64;
        let vcpus_percent = 100.0 * f64::from(first.vcpus);
        if p.stack.is_vm() && on_vcpus_needed > vcpus_percent {
            cpu_beyond_vcpus = Some(lifecycle::CpuBeyondVcpus {
                needed_percent: needed,
                vcpus: first.vcpus,
                pace_percent: 100.0 * vcpus_percent / on_vcpus_needed,
            });
            needed * vcpus_percent / on_vcpus_needed
        } else {
            needed
        }
    };
    let (density_memory, density_cpu) = lifecycle::density(
        &s.host,
        &s.costs,
        footprint_mib,
        oom_alone,
        cpu_per_instance_percent,
        p.host_background_percent,
    );
    LifecycleResult {
        steps,
        startup_ms,
        startup_all_ms,
        footprint,
        footprint_mib,
        host_reserved_mib: s.costs.host_reserved_mib,
        cpu_per_instance_percent,
        oom_alone,
        density_memory,
        density_cpu,
        cpu_ceiling_cores: lifecycle::cpu_ceiling_cores(
            &s.host,
            &s.costs,
            p.host_background_percent,
        ),
        density: density_cpu.map_or(density_memory, |cpu| density_memory.min(cpu)),
        cpu_beyond_vcpus,
    }
}
