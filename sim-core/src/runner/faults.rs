//! Faults on a platform: the scenario's failures and the memory plan's OOM kills as machine faults, and what each stopped as fault results.

use super::*;

/// The OOM kills of a memory plan that happen inside the run, as machine faults.
pub(super) fn oom_faults(memory: &MemoryResult, duration_cycles: u64) -> Vec<MachineFault> {
    memory
        .oom_kills
        .iter()
        .filter(|k| k.at_cycles < duration_cycles)
        .map(|k| MachineFault {
            at: k.at_cycles,
            instances: vec![k.instance],
        })
        .collect()
}

/// The instances each fault of the scenario stops on platform `p_index`: the component
/// that fails follows from the stack, and every instance that depends on it stops.
pub(super) fn machine_faults(
    s: &Scenario,
    p_index: usize,
    groups: &[GroupSpec],
) -> Vec<MachineFault> {
    let stack = &s.platforms[p_index].stack;
    let total: u32 = groups.iter().map(|g| g.count).sum();
    s.faults
        .iter()
        .filter(|f| f.platforms.contains(&p_index))
        .map(|f| {
            let origin = f.instance.and_then(|(group, copy)| {
                let mut offset = 0;
                for g in groups {
                    if g.scenario_index == group {
                        // On a session host a user's copy is a session of the one instance.
                        let per_instance = g.desktop.as_ref().map_or(1, |d| d.sessions.max(1));
                        return Some(offset + copy / per_instance);
                    }
                    offset += g.count;
                }
                None
            });
            let component = failed_component(stack, f.kind);
            MachineFault {
                at: f.at_ms * s.host.clock_mhz * 1000,
                instances: blast_radius(component, origin, total),
            }
        })
        .collect()
}

pub(super) fn fault_results(
    s: &Scenario,
    p_index: usize,
    spec: &MachineSpec,
    outcome: &MachineOutcome,
    instances: &[InstanceResult],
) -> Vec<FaultResult> {
    let p = &s.platforms[p_index];
    let mut out = Vec::new();
    for (f, mf) in s
        .faults
        .iter()
        .filter(|f| f.platforms.contains(&p_index))
        .zip(&spec.faults)
    {
        let component = failed_component(&p.stack, f.kind);
        let origin = f.instance.map(|(g, copy)| {
            let inst = &s.instances[g];
            if inst.count == 1 {
                inst.name.clone()
            } else {
                format!("{}-{}", inst.name, copy + 1)
            }
        });
        let stopped: Vec<usize> = mf
            .instances
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| outcome.instances.get(i).and_then(|c| c.stopped_at) == Some(mf.at))
            .collect();
        // The host's page cache (a container's image) survives unless the host's kernel,
        // the hypervisor or the server failed.
        let cache_kept = matches!(
            component,
            crate::isolation::Component::GuestKernel
                | crate::isolation::Component::InstanceProcesses
        );
        let stopped_groups: Vec<(usize, crate::platform::GuestOs)> = stopped
            .iter()
            .map(|&i| {
                let group = outcome.instances[i].group;
                (group, s.instances[group].guest_os)
            })
            .collect();
        let restart = lifecycle::start_steps_together(
            &p.stack,
            &stopped_groups,
            cache_kept,
            &s.host,
            &s.costs,
        );
        // A failed shared component (host kernel, host OS, hypervisor, server) boots first;
        // after a crash of its driver domain the hypervisor waits before it restarts the
        // host. Nothing boots where nothing failed (no host OS under a type-1 hypervisor).
        let host_boot = match component {
            crate::isolation::Component::GuestKernel | crate::isolation::Component::NoHostOs => 0.0,
            _ => {
                let mut boot = lifecycle::host_boot_steps(p.stack.kind, &s.costs);
                if component == crate::isolation::Component::DriverDomain {
                    boot.insert(0, lifecycle::hardware_domain_crash_wait(&s.costs));
                }
                lifecycle::storm(&[boot], &s.host, p.host_background_percent, s.seed)[0]
            }
        };
        let mut recovery_ms = host_boot
            + lifecycle::storm(&restart, &s.host, p.host_background_percent, s.seed)
                .into_iter()
                .fold(0.0, f64::max);
        // A session host boots its server OS once, then every user of it logs on again.
        let sessions_of = |i: usize| {
            spec.groups
                .iter()
                .find(|g| g.scenario_index == outcome.instances[i].group)
                .and_then(|g| g.desktop.as_ref())
                .map_or(1, |d| d.sessions)
        };
        if stopped.iter().any(|&i| sessions_of(i) > 1) {
            let mut boots = Vec::new();
            let mut logons = Vec::new();
            for (&i, steps) in stopped.iter().zip(&restart) {
                let mut boot = steps.clone();
                let logon = boot.pop();
                boots.push(boot);
                let users = if sessions_of(i) > 1 {
                    sessions_of(i)
                } else {
                    1
                };
                logons.extend(std::iter::repeat_n(
                    logon.into_iter().collect(),
                    users as usize,
                ));
            }
            let slowest = |all: &[Vec<lifecycle::StartStep>]| {
                lifecycle::storm(all, &s.host, p.host_background_percent, s.seed)
                    .into_iter()
                    .fold(0.0, f64::max)
            };
            recovery_ms = host_boot + slowest(&boots) + slowest(&logons);
        }
        // On a session host the panicking kernel is the server OS that the user's session
        // shares with the other users of that host. The kind ("kernel panic") is said
        // beside this text in every table: "panic" is not said in it again (a Korean
        // student read "…(office-3 세션에서 발생한 패닉)에서 커널 패닉" twice over).
        let failed = match (stopped.first(), origin.as_deref()) {
            (Some(&i), Some(user))
                if component == crate::isolation::Component::GuestKernel && sessions_of(i) > 1 =>
            {
                let host = &instances[i].name;
                crate::text::Text::new(
                    format!("the server OS kernel of session host `{host}` (caused by `{user}`'s session)"),
                    format!("세션 호스트 `{host}`의 서버 OS 커널 (`{user}` 세션이 일으킴)"),
                )
            }
            _ => component.text(origin.as_deref().unwrap_or("-")),
        };
        out.push(FaultResult {
            kind: f.kind,
            at_ms: f.at_ms,
            failed,
            origin,
            component,
            stopped: stopped.iter().map(|&i| instances[i].name.clone()).collect(),
            survivors: survivors(outcome, mf.at),
            sessions: fault_sessions(spec, outcome, &stopped, mf.at),
            ops_lost: stopped.iter().map(|&i| instances[i].ops_lost).sum(),
            recovery_ms,
            host_boot_ms: host_boot,
        });
    }
    out
}

/// The instances still running after cycle `at`, when a fault stopped some: those an
/// earlier fault stopped are not counted, nor those that other faults at the same cycle
/// stopped (OOM kills of every instance at one moment leave none running, not "7 of 8"
/// each).
pub(super) fn survivors(outcome: &MachineOutcome, at: crate::engine::Cycles) -> u64 {
    outcome
        .instances
        .iter()
        .filter(|c| c.stopped_at.is_none_or(|t| t > at))
        .count() as u64
}

/// On a platform of desktops, the sessions the `stopped` instances carried and those still
/// running after cycle `at` (counted as [`survivors`] counts instances); `None` on a
/// platform without desktop sessions.
fn fault_sessions(
    spec: &MachineSpec,
    outcome: &MachineOutcome,
    stopped: &[usize],
    at: crate::engine::Cycles,
) -> Option<crate::isolation::FaultSessions> {
    let sessions_of = |i: usize| {
        spec.groups
            .iter()
            .find(|g| g.scenario_index == outcome.instances[i].group)
            .and_then(|g| g.desktop.as_ref())
            .map(|d| u64::from(d.sessions))
    };
    if !(0..outcome.instances.len()).any(|i| sessions_of(i).is_some()) {
        return None;
    }
    let surviving = (0..outcome.instances.len())
        .filter(|&i| outcome.instances[i].stopped_at.is_none_or(|t| t > at))
        .map(|i| sessions_of(i).unwrap_or(0))
        .sum();
    Some(crate::isolation::FaultSessions {
        stopped: stopped.iter().map(|&i| sessions_of(i).unwrap_or(0)).sum(),
        surviving,
    })
}

/// The OOM kills of the memory plan that happened inside the run, as fault results: each
/// stops the processes of one instance and nothing else.
pub(super) fn oom_results(
    s: &Scenario,
    p_index: usize,
    spec: &MachineSpec,
    memory: &MemoryResult,
    outcome: &MachineOutcome,
    instances: &[InstanceResult],
) -> Vec<FaultResult> {
    let p = &s.platforms[p_index];
    let faults = oom_faults(memory, spec.duration_cycles);
    let kills = memory
        .oom_kills
        .iter()
        .filter(|k| k.at_cycles < spec.duration_cycles);
    kills
        .zip(&faults)
        // An instance an earlier fault stopped has nothing left for the OOM killer.
        .filter(|(kill, mf)| {
            outcome
                .instances
                .get(kill.instance as usize)
                .and_then(|c| c.stopped_at)
                .is_none_or(|t| t >= mf.at)
        })
        .map(|(kill, mf)| {
            let component = failed_component(&p.stack, FaultKind::OomKill);
            let i = kill.instance as usize;
            let stopped: Vec<usize> = blast_radius(component, Some(kill.instance), 0)
                .into_iter()
                .map(|k| k as usize)
                .filter(|&k| outcome.instances.get(k).and_then(|c| c.stopped_at) == Some(mf.at))
                .collect();
            let group = outcome.instances.get(i).map_or(0, |c| c.group);
            // The host kernel killed the processes and kept its page cache: the image is warm.
            let mut restart = lifecycle::start_steps_with(
                &p.stack,
                s.instances[group].guest_os,
                &s.host,
                &s.costs,
                lifecycle::ImageCache::Warm,
            );
            // In a VM the guest's own OOM killer stopped the application and the guest
            // kernel lives on: what restarts is its last step (the application, or a
            // desktop's logon), not the VM's boot. A container restarts whole (runtime and
            // application), a native process group as its application.
            if p.stack.is_vm() {
                restart = restart.split_off(restart.len().saturating_sub(1));
            }
            FaultResult {
                kind: FaultKind::OomKill,
                // A guest whose memory cannot hold its OS stops at once (0 ms); a kill inside
                // the first millisecond reads "at 1 ms".
                at_ms: if kill.at_cycles == 0 {
                    0
                } else {
                    (kill.at_ms as u64).max(1)
                },
                origin: Some(kill.name.clone()),
                component,
                failed: component.text(&kill.name),
                stopped: stopped.iter().map(|&k| instances[k].name.clone()).collect(),
                survivors: survivors(outcome, mf.at),
                sessions: fault_sessions(spec, outcome, &stopped, mf.at),
                ops_lost: stopped.iter().map(|&k| instances[k].ops_lost).sum(),
                recovery_ms: lifecycle::storm(
                    &[restart],
                    &s.host,
                    p.host_background_percent,
                    s.seed,
                )[0],
                // An OOM kill restarts the instance alone: the host keeps running.
                host_boot_ms: 0.0,
            }
        })
        .collect()
}
