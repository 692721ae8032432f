//! The step-through of one operation on one platform (Stack & paths view) and its moves.
//!
//! [`StepThrough`] holds sim-core's phases (`explain`) of the shown result's operation,
//! built in the reducer, and the same operation under the other techniques; any platform's,
//! a native one's too (whose phases trap nothing). [`StepThroughMove`] is what its
//! controls ask for; [`StepThrough::costliest`] opens it where a platform lost the most
//! against native (a comparison cell far below native, `Action::StepThroughCostliest`).

use std::rc::Rc;

use crate::sim::explain::{self, Explanation};
use crate::sim::{Op, Scenario, Technique};

/// The step-through of one operation on one platform (Stack & paths view): sim-core's
/// phases of the shown result's scenario, built here in the reducer, never in a component.
#[derive(Debug, Clone, PartialEq)]
pub struct StepThrough {
    /// Index of the platform in the result.
    pub platform: usize,
    pub op: Op,
    /// The phase shown (index into `own.phases`).
    pub phase: usize,
    pub own: Rc<Explanation>,
    /// The same operation natively and under the other techniques.
    pub others: Rc<Vec<Explanation>>,
    /// The user picked this platform and operation (`Action::StepThroughSelect`): a new result
    /// of the same scenario keeps them, and the path tables follow them.
    pub chosen: bool,
    /// The user picked this platform itself (its list, or a table cell's "Where the time
    /// went"), not only an operation: another operation picked then stays on it. Until then
    /// an operation picked opens on the platform where it costs the most
    /// ([`StepThrough::costliest_platform`]).
    pub platform_chosen: bool,
}

/// What the step-through's controls ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepThroughMove {
    Next,
    Previous,
    First,
    Last,
    To(usize),
}

impl StepThrough {
    /// The explanation of `op` on `platform` in `scenario`, at its first phase.
    pub fn build(scenario: &Scenario, platform: usize, op: Op) -> Option<StepThrough> {
        let own = explain::explain(scenario, platform, op)?;
        Some(StepThrough {
            platform,
            op,
            phase: 0,
            own: Rc::new(own),
            others: Rc::new(explain::side_by_side(scenario, platform, op)),
            chosen: false,
            platform_chosen: false,
        })
    }

    /// The platform where `op`'s path costs the most cycles (its explanation's total), of
    /// the platforms whose workload makes it if any does (else of all): where a step-through
    /// of it shows the most. full-para-hybrid's system call opened on "Hardware assist,
    /// disk", where it costs what it costs natively (a student's review). Ties go to the
    /// first platform.
    pub fn costliest_platform(scenario: &Scenario, op: Op) -> Option<usize> {
        let n = scenario.platforms.len();
        let totals: Vec<(usize, u64)> = (0..n)
            .filter_map(|i| explain::explain(scenario, i, op).map(|e| (i, e.total)))
            .collect();
        let costliest = |among: &mut dyn Iterator<Item = &(usize, u64)>| {
            among
                .fold(None::<(usize, u64)>, |best, &(i, total)| match best {
                    Some((_, b)) if b >= total => best,
                    _ => Some((i, total)),
                })
                .map(|(i, _)| i)
        };
        costliest(&mut totals.iter().filter(|(i, _)| makes(scenario, *i, op)))
            .or_else(|| costliest(&mut totals.iter()))
    }

    /// The step-through of `op` picked by the user, on `platform` if the user picked it too,
    /// else on the platform already shown if the user picked that one before, else where
    /// `op` costs the most ([`StepThrough::costliest_platform`]).
    pub fn select(
        scenario: &Scenario,
        previous: Option<&StepThrough>,
        platform: Option<usize>,
        op: Op,
    ) -> Option<StepThrough> {
        let kept = previous.filter(|p| p.platform_chosen).map(|p| p.platform);
        let (platform, platform_chosen) = match platform {
            Some(p) => (p, true),
            None => match kept {
                Some(p) => (p, true),
                None => (
                    StepThrough::costliest_platform(scenario, op)
                        .or(previous.map(|p| p.platform))
                        .unwrap_or(0),
                    false,
                ),
            },
        };
        StepThrough::build(scenario, platform, op).map(|t| StepThrough {
            chosen: true,
            platform_chosen,
            ..t
        })
    }

    /// The step-through a new result opens on: the same platform (by index and name)
    /// and operation as before if they still exist, else the first hardware-assisted platform (else the
    /// first platform) and on it `preferred` (the operation the Stack & paths tables open
    /// on, so that the two agree) if it takes a VM exit there, else the first operation
    /// that does.
    pub fn default_for(
        scenario: &Scenario,
        previous: Option<&StepThrough>,
        preferred: Option<Op>,
    ) -> Option<StepThrough> {
        if let Some(p) = previous.filter(|p| p.chosen) {
            let same_platform = scenario
                .platforms
                .get(p.platform)
                .is_some_and(|s| s.name == p.own.name);
            if let Some(t) = same_platform
                .then(|| StepThrough::build(scenario, p.platform, p.op))
                .flatten()
            {
                return Some(StepThrough {
                    chosen: true,
                    platform_chosen: p.platform_chosen,
                    ..t
                });
            }
        }
        // Hardware-assisted platforms first, then the other VMs, then the rest.
        let n = scenario.platforms.len();
        let order: Vec<usize> = (0..n)
            .filter(|&i| scenario.platforms[i].stack.technique == Some(Technique::HardwareAssist))
            .chain((0..n).filter(|&i| {
                let p = &scenario.platforms[i];
                p.stack.is_vm() && p.stack.technique != Some(Technique::HardwareAssist)
            }))
            .chain((0..n).filter(|&i| !scenario.platforms[i].stack.is_vm()))
            .collect();
        let platform = order.first().copied().unwrap_or(0);
        // The tables' operation: on the first platform where it exits, else where it runs
        // at all (the tables and the step-through then show the same operation); on a
        // platform whose workload makes it before one whose workload never does
        // (full-para-hybrid's disk read opened on "Hardware assist, system calls", whose
        // program does no disk I/O: a student's review).
        if let Some(op) = preferred {
            let by_op: Vec<usize> = order
                .iter()
                .copied()
                .filter(|&pl| makes(scenario, pl, op))
                .chain(order.iter().copied().filter(|&pl| !makes(scenario, pl, op)))
                .collect();
            let exiting = by_op
                .iter()
                .filter_map(|&pl| StepThrough::build(scenario, pl, op))
                .find(|t| t.own.has_vm_exit());
            let first = by_op.first().copied().unwrap_or(platform);
            if let Some(t) = exiting.or_else(|| StepThrough::build(scenario, first, op)) {
                return Some(t);
            }
        }
        Op::ALL
            .into_iter()
            .filter_map(|op| StepThrough::build(scenario, platform, op))
            .find(|t| t.own.has_vm_exit())
            .or_else(|| StepThrough::build(scenario, platform, Op::ALL[0]))
    }

    /// The step-through of the operation that cost `platform` the most against native in
    /// `result` (a run of `scenario`): of the operations it completed, the one whose path's
    /// extra cycles over the native path, times how many it completed, are the largest (a
    /// batched step shared by its batch). Where a comparison table's performance cell reads
    /// far below the overview's "high", this is where the time went (a review: the reason
    /// was only in the descriptions). `None` when no operation's extra cycles come to a
    /// tenth of the platform's busy CPU time: then the gap is not in one operation's path
    /// (lock-holder preemption's spinning, memory-overcommit's swap waits, a fault's lost
    /// instances, shadow faults hidden in thread switches, extra costs spread over many
    /// operations), and a step-through of one would mislead; the comparison cell then
    /// gives the platform's hypervisor, host OS and steal shares instead.
    pub fn costliest(
        scenario: &Scenario,
        result: &crate::sim::RunResult,
        platform: usize,
    ) -> Option<StepThrough> {
        let per_op = |e: &Explanation| {
            let batched: u64 = e
                .phases
                .iter()
                .filter(|p| p.section == explain::Section::Batched)
                .map(|p| p.cycles)
                .sum();
            let shared = if e.batch_every > 0 {
                batched as f64 / e.batch_every as f64
            } else {
                batched as f64
            };
            (e.total - batched) as f64 + shared
        };
        let p = result.platforms.get(platform)?;
        let busy = (100.0 - p.cpu.idle) / 100.0
            * f64::from(result.cores)
            * result.duration_ms as f64
            * result.clock_mhz as f64
            * 1000.0;
        p.latency
            .iter()
            .filter(|l| l.latency.count > 0)
            .filter_map(|l| {
                let own = explain::explain(scenario, platform, l.op)?;
                let native = explain::side_by_side(scenario, platform, l.op)
                    .into_iter()
                    .find(|e| {
                        e.technique.is_none() && e.kind == crate::sim::PlatformKind::Native
                    })?;
                let extra = (per_op(&own) - per_op(&native)) * l.latency.count as f64;
                (extra > 0.0).then_some((extra, l.op))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .filter(|(extra, _)| *extra >= busy / 10.0)
            .and_then(|(_, op)| StepThrough::build(scenario, platform, op))
            .map(|t| StepThrough {
                chosen: true,
                platform_chosen: true,
                ..t
            })
    }

    /// The same step-through at another phase (kept inside the phases).
    pub fn moved(&self, to: StepThroughMove) -> StepThrough {
        let last = self.own.phases.len().saturating_sub(1);
        let phase = match to {
            StepThroughMove::Next => (self.phase + 1).min(last),
            StepThroughMove::Previous => self.phase.saturating_sub(1),
            StepThroughMove::First => 0,
            StepThroughMove::Last => last,
            StepThroughMove::To(i) => i.min(last),
        };
        StepThrough {
            phase,
            ..self.clone()
        }
    }
}

/// Whether a group on `platform` has `op` in its workload's mix (the operations the platform
/// causes itself, timer ticks and guest thread switches, always).
fn makes(scenario: &Scenario, platform: usize, op: Op) -> bool {
    op.index() >= Op::MIX_COUNT
        || scenario
            .instances
            .iter()
            .any(|i| i.platforms.contains(&platform) && i.workload.mix.weights()[op.index()] > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;

    fn smoke() -> Scenario {
        let (file, text) = builtin::BUILTIN
            .iter()
            .find(|(f, _)| f.starts_with("smoke"))
            .expect("smoke.toml is built in");
        Scenario::from_toml(file, text).expect("valid")
    }

    /// full-para-hybrid: what cost binary translation most on the system-call guest is its
    /// system calls, and hardware assist on the emulated disk its disk I/O; a platform whose
    /// operations all cost what they cost natively has none.
    #[test]
    fn the_costliest_operation_is_where_the_time_went() {
        let text = builtin::text_by_name("full-para-hybrid.toml").expect("in the library");
        let s = Scenario::from_toml("full-para-hybrid.toml", &text).expect("valid");
        let result = s.run().expect("runs");
        let at = |name: &str| s.platforms.iter().position(|p| p.name == name).expect(name);
        let op = |name: &str| StepThrough::costliest(&s, &result, at(name)).map(|t| t.op);
        assert_eq!(op("bt-syscall"), Some(Op::Syscall));
        assert!(
            matches!(op("hw-disk"), Some(Op::DiskRead | Op::DiskWrite)),
            "{:?}",
            op("hw-disk")
        );
        let step_through =
            StepThrough::costliest(&s, &result, at("bt-syscall")).expect("a step-through");
        assert!(step_through.chosen && step_through.platform == at("bt-syscall"));
        // lock-holder-preemption's VM without pause-loop exiting loses its time spinning on
        // a preempted lock holder: no operation's path, so no step-through.
        let text = builtin::text_by_name("lock-holder-preemption.toml").expect("in the library");
        let s = Scenario::from_toml("lock-holder-preemption.toml", &text).expect("valid");
        let result = s.run().expect("runs");
        let vm = s
            .platforms
            .iter()
            .position(|p| p.name == "hw-no-ple")
            .expect("hw-no-ple");
        assert!(result.platforms[vm].relative_performance_percent < 90.0);
        assert!(StepThrough::costliest(&s, &result, vm).is_none());
    }

    #[test]
    fn a_new_result_opens_on_a_hardware_assisted_exit() {
        let s = smoke();
        let step_through = StepThrough::default_for(&s, None, None).expect("a step-through");
        // smoke.toml: native, container, t1-bt, t1-hw (index 3), ...
        assert_eq!(s.platforms[step_through.platform].name, "t1-hw");
        assert!(step_through.own.has_vm_exit());
        assert_eq!(step_through.phase, 0);
        assert!(step_through.others.iter().any(|e| e.name == "native"));
        // A kept choice survives a new result of the same scenario.
        let chosen = StepThrough {
            chosen: true,
            ..StepThrough::build(&s, 5, Op::ALL[0]).unwrap()
        }
        .moved(StepThroughMove::Last);
        let again = StepThrough::default_for(&s, Some(&chosen), None).unwrap();
        assert_eq!((again.platform, again.op, again.phase), (5, Op::ALL[0], 0));
        // Another scenario whose platform 5 has another name opens on its own default.
        let mut other = s.clone();
        other.platforms[5].name = "renamed".to_string();
        let fresh = StepThrough::default_for(&other, Some(&chosen), None).unwrap();
        assert_eq!(other.platforms[fresh.platform].name, "t1-hw");
    }

    #[test]
    fn a_new_result_opens_on_the_operation_the_tables_show_when_it_exits() {
        let s = smoke();
        let first = StepThrough::default_for(&s, None, None).unwrap();
        // Another operation that takes a VM exit on that platform: preferred, it is shown.
        let other = Op::ALL
            .iter()
            .copied()
            .filter(|&op| op != first.op)
            .find(|&op| {
                StepThrough::build(&s, first.platform, op).is_some_and(|t| t.own.has_vm_exit())
            })
            .expect("another exiting operation");
        let step_through = StepThrough::default_for(&s, None, Some(other)).unwrap();
        assert_eq!(
            (step_through.platform, step_through.op),
            (first.platform, other)
        );
        // One that does not exit there opens where it does, or where it runs: the tables
        // and the step-through show the same operation either way.
        for op in Op::ALL {
            if let Some(step_through) = StepThrough::default_for(&s, None, Some(op)) {
                if StepThrough::build(&s, first.platform, op).is_some() {
                    assert_eq!(step_through.op, op);
                }
            }
        }
        // A trap the user did not choose does not outlive its result; a chosen one does.
        let unchosen = StepThrough::build(&s, 5, Op::ALL[0]).unwrap();
        let next = StepThrough::default_for(&s, Some(&unchosen), Some(other)).unwrap();
        assert_eq!(next.op, other);
    }

    #[test]
    fn the_step_through_opens_on_a_platform_whose_workload_makes_the_operation() {
        let (file, text) = builtin::BUILTIN
            .iter()
            .find(|(f, _)| *f == "full-para-hybrid.toml")
            .expect("full-para-hybrid.toml is built in");
        let s = Scenario::from_toml(file, text).expect("valid");
        // Its hardware-assisted platforms: hw-syscall (a system-call program, no disk I/O)
        // before hw-disk. A disk read opens on hw-disk; a page fault, which only the
        // system-call program makes, on a -syscall platform.
        let disk = StepThrough::default_for(&s, None, Some(Op::DiskRead)).unwrap();
        assert_eq!(
            (s.platforms[disk.platform].name.as_str(), disk.op),
            ("hw-disk", Op::DiskRead)
        );
        let fault = StepThrough::default_for(&s, None, Some(Op::PageFault)).unwrap();
        assert_eq!(fault.op, Op::PageFault);
        assert!(s.platforms[fault.platform].name.ends_with("-syscall"));
    }

    /// An operation picked before any platform opens where it costs the most cycles:
    /// full-para-hybrid's system call opened on "Hardware assist, disk", where it costs
    /// what it costs natively (a student's review). A platform the user picked is kept.
    #[test]
    fn an_operation_picked_opens_where_it_costs_the_most_until_a_platform_is_picked() {
        let text = builtin::text_by_name("full-para-hybrid.toml").expect("in the library");
        let s = Scenario::from_toml("full-para-hybrid.toml", &text).expect("valid");
        let at = |name: &str| s.platforms.iter().position(|p| p.name == name).expect(name);
        let opened = StepThrough::default_for(&s, None, Some(Op::DiskRead)).unwrap();
        assert_eq!(opened.platform, at("hw-disk"));
        let syscall = StepThrough::select(&s, Some(&opened), None, Op::Syscall).unwrap();
        let total = |i: usize| explain::explain(&s, i, Op::Syscall).map_or(0, |e| e.total);
        assert!(
            (0..s.platforms.len()).all(|i| total(i) <= total(syscall.platform)),
            "{}",
            s.platforms[syscall.platform].name
        );
        assert!(total(syscall.platform) > total(at("hw-disk")));
        assert!(s.platforms[syscall.platform].name.ends_with("-syscall"));
        assert!(syscall.chosen && !syscall.platform_chosen && syscall.op == Op::Syscall);
        // Back to a disk read, still no platform picked: where a disk read costs the most.
        let disk = StepThrough::select(&s, Some(&syscall), None, Op::DiskRead).unwrap();
        assert!(s.platforms[disk.platform].name.ends_with("-disk"));
        // A platform picked stays when the operation changes, and over a new result.
        let picked =
            StepThrough::select(&s, Some(&disk), Some(at("hw-disk")), Op::DiskRead).unwrap();
        assert!(picked.platform_chosen);
        let kept = StepThrough::select(&s, Some(&picked), None, Op::Syscall).unwrap();
        assert_eq!((kept.platform, kept.op), (at("hw-disk"), Op::Syscall));
        let again = StepThrough::default_for(&s, Some(&kept), None).unwrap();
        assert!(again.platform_chosen && again.platform == at("hw-disk"));
    }

    #[test]
    fn moving_stays_inside_the_phases() {
        let step_through = StepThrough::default_for(&smoke(), None, None).unwrap();
        let n = step_through.own.phases.len();
        assert!(
            n >= 4,
            "an exit has at least instruction, exit, decode, entry"
        );
        assert_eq!(step_through.moved(StepThroughMove::Previous).phase, 0);
        assert_eq!(step_through.moved(StepThroughMove::Next).phase, 1);
        let last = step_through.moved(StepThroughMove::Last);
        assert_eq!(last.phase, n - 1);
        assert_eq!(last.moved(StepThroughMove::Next).phase, n - 1);
        assert_eq!(step_through.moved(StepThroughMove::To(999)).phase, n - 1);
        assert_eq!(last.moved(StepThroughMove::First).phase, 0);
    }
}
