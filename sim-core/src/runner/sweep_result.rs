//! A sweep's curves (throughput and latency by instance count, the density at the target) from its points' outcomes.

use super::*;

/// The curves of a sweep, from its jobs' outcomes.
pub(super) fn sweep_result(
    s: &Scenario,
    sweep: &crate::sweep::Sweep,
    jobs: &[Job],
    outcomes: &[MachineOutcome],
    seconds: f64,
    per_us: u64,
) -> crate::sweep::SweepResult {
    use crate::sweep::{SweepCurve, SweepPoint, SweepResult};
    let mut curves: Vec<SweepCurve> = Vec::new();
    for (job, outcome) in jobs.iter().zip(outcomes) {
        let JobKind::Sweep(p_index, count) = job.kind else {
            continue;
        };
        let name = &s.platforms[p_index].name;
        if curves.last().is_none_or(|c| &c.platform != name) {
            curves.push(SweepCurve {
                platform: name.clone(),
                points: Vec::new(),
                density_at_target: None,
            });
        }
        let ops: u64 = outcome
            .instances
            .iter()
            .filter(|i| i.group == sweep.group)
            .map(|i| i.ops)
            .sum();
        let latency = outcome
            .group_latency
            .iter()
            .find(|(g, _)| *g == sweep.group)
            .map(|(_, h)| LatencySummary::from_histogram(&h[sweep.op.index()], per_us));
        let (mean_us, p50_us, p99_us) =
            latency.map_or((0.0, 0.0, 0.0), |l| (l.mean_us, l.p50_us, l.p99_us));
        let (steal, vcpu_time) = outcome
            .instances
            .iter()
            .fold((0, 0), |(a, b), i| (a + i.steal, b + i.vcpu_time));
        let busy: u64 = outcome.busy.iter().sum();
        let throughput = ops as f64 / seconds;
        let memory = memory_plan(s, p_index, Some((sweep.group, count)));
        let oom_kills = memory.oom_kills.len() as u32;
        let first_oom_at_ms = memory
            .oom_kills
            .iter()
            .map(|k| k.at_ms)
            .min_by(f64::total_cmp);
        let curve = curves.last_mut().expect("curve");
        curve.points.push(SweepPoint {
            count,
            throughput,
            throughput_per_instance: throughput / f64::from(count),
            mean_us,
            p50_us,
            p99_us,
            steal_percent: percent(steal, vcpu_time),
            idle_percent: percent(outcome.capacity.saturating_sub(busy), outcome.capacity),
            oom_kills,
            first_oom_at_ms,
            swapped_mib: memory.swapped_mib,
            meets_target: sweep.p99_target_us.is_none_or(|t| p99_us <= t) && oom_kills == 0,
        });
    }
    for curve in &mut curves {
        curve.density_at_target = SweepCurve::density(&curve.points);
    }
    SweepResult {
        instance: s.instances[sweep.group].name.clone(),
        op: sweep.op,
        p99_target_us: sweep.p99_target_us,
        curves,
    }
}
