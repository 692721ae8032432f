//! The scenario's questions answered from the platforms' results.

use super::*;

/// The value of a metric on a platform, if it has one.
pub(crate) fn metric_value(p: &PlatformResult, metric: Metric, op: Option<Op>) -> Option<f64> {
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
        Metric::InstancesStopped => p.faults.iter().map(|f| f.stopped.len()).sum::<usize>() as f64,
        Metric::OpsLost => p.faults.iter().map(|f| f.ops_lost).sum::<u64>() as f64,
        // A migration still running at the end of the run has no downtime or total yet.
        Metric::MigrationDowntimeMs => p.migration.as_ref().filter(|m| m.finished)?.downtime_ms,
        Metric::MigrationTotalMs => p.migration.as_ref().filter(|m| m.finished)?.total_ms,
        Metric::DesktopP50LatencyMs => p.vdi.as_ref()?.latency_p50_ms,
        Metric::DesktopP99LatencyMs => p.vdi.as_ref()?.latency_p99_ms,
        Metric::DesktopBandwidthKbitS => p.vdi.as_ref()?.bandwidth_kbit_s,
        Metric::DesktopSessionsDropped => p.vdi.as_ref()?.sessions_dropped as f64,
        Metric::DesktopFramesDeliveredPercent => {
            let v = p.vdi.as_ref()?;
            if v.frames_wanted == 0 {
                return None;
            }
            v.frames_delivered as f64 * 100.0 / v.frames_wanted as f64
        }
    })
}

pub(crate) fn answer(
    q: &crate::scenario::Question,
    s: &Scenario,
    platforms: &[PlatformResult],
) -> QuestionAnswer {
    let asked: Vec<&PlatformResult> = match q.kind {
        QuestionKind::Choice => q.candidates.iter().map(|&i| &platforms[i]).collect(),
        QuestionKind::Numeric => platforms.iter().collect(),
    };
    let evidence: Vec<(String, f64)> = asked
        .iter()
        .filter_map(|p| metric_value(p, q.metric, q.op).map(|v| (p.name.clone(), v)))
        .collect();
    let (answer, value) = match q.kind {
        QuestionKind::Choice => {
            let best = evidence
                .iter()
                .fold(None::<&(String, f64)>, |best, item| match best {
                    None => Some(item),
                    Some(b) => {
                        let better = match q.select {
                            Select::Lowest => item.1 < b.1,
                            Select::Highest => item.1 > b.1,
                        };
                        Some(if better { item } else { b })
                    }
                });
            (best.map_or_else(|| "-".to_string(), |b| b.0.clone()), None)
        }
        QuestionKind::Numeric => {
            let name = &s.platforms[q.platform.expect("validated numeric question")].name;
            let value = evidence.iter().find(|(n, _)| n == name).map(|(_, v)| *v);
            (
                value.map_or_else(|| "-".to_string(), crate::question::numeric_text),
                value,
            )
        }
    };
    QuestionAnswer {
        id: q.id.clone(),
        text: q.text.clone(),
        kind: q.kind,
        metric: q.metric,
        options: asked.iter().map(|p| p.name.clone()).collect(),
        answer,
        value,
        tolerance_percent: q.tolerance_percent,
        evidence,
        explanation: q.explanation.clone(),
        op: q.op,
    }
}
