//! The TLB refill after a VM exit without VPID, and the guest's mean run between exits
//! that sizes it.

use super::{Category, ExitReason, Layer, Part, PathBuilder, Step, Steps};
use crate::hardware::CpuVendor;
use crate::workload::Op;

impl PathBuilder<'_> {
    /// Without VPID (ASIDs) a VM exit and the entry after it flush the TLB
    /// (virtualization-costs.md section 7): back in the guest, the entries the TLB held are
    /// missed and walked again as the guest touches those pages again. The TLB held what
    /// the guest touched since the previous flush: its run before this exit (the guest
    /// work since the path's previous exit, or, for the path's first exit, the guest's mean
    /// run between exits on this stack, [`PathBuilder::mean_run_between_exits`], an
    /// estimate of the mean), at a new 4 KiB page every 4 × `cache_touch_cycles_per_kib`
    /// cycles (the touch rate of hidden page faults, an estimate), and at most the TLB's
    /// entries and the working set's pages.
    pub(super) fn tlb_refill_after_exit(&self, s: &mut Steps, exit_at: usize, reason: ExitReason) {
        if self.features.vpid || self.first_pass {
            return;
        }
        let pages = if self.large_pages {
            self.working_set_pages.div_ceil(512)
        } else {
            self.working_set_pages
        };
        // Guest work since the previous flush: back to the path's previous VM exit (or the
        // HLT exit a halted vCPU was woken from), else the guest's run before the path too.
        let in_path = s.0[..exit_at]
            .iter()
            .rposition(is_flushing_exit)
            .map(|i| i + 1);
        let since_flush = in_path.max(s.1.filter(|&at| at <= exit_at));
        let guest_steps: u64 = s.0[since_flush.unwrap_or(0)..exit_at]
            .iter()
            .map(guest_work)
            .sum();
        let per_page = self
            .costs
            .cache_touch_cycles_per_kib
            .max(1)
            .saturating_mul(4);
        // Before a path's first exit the guest ran since the previous exit elsewhere: its
        // mean run between exits, except for exits that come at their own pace within a
        // burst: a hidden fault at each new page touched (one page since the last), a
        // PAUSE-loop exit after the PLE window's spin.
        let (before, since) = match reason {
            ExitReason::HiddenPageFault => (per_page, None),
            ExitReason::PauseLoop => (self.costs.ple_window, None),
            _ => {
                let run = self.mean_run_between_exits();
                (run, Some(run))
            }
        };
        let first = since_flush.is_none();
        let ran = guest_steps.saturating_add(if first { before } else { 0 });
        let touched = ran.div_ceil(per_page).max(1);
        let refills = self.tlb_entries.min(pages).min(touched);
        let walks_en = if refills == 1 { " refills" } else { "s refill" };
        // The TLB tag the CPU lacks (or has turned off): VPID on Intel, ASID on AMD.
        let tag = self.vendor.tlb_tag();
        let (en, ko) = match since {
            Some(run) if first => (
                format!(
                    "no {tag}: the exit flushed the TLB; {refills} page walk{walks_en} the entries the guest used since the previous exit (its mean run between exits here, an estimate: {}{})",
                    run_text(run),
                    if guest_steps > 0 {
                        format!(", and {guest_steps} cycles of this path before the exit")
                    } else {
                        String::new()
                    }
                ),
                format!(
                    "{tag} 없음: exit가 TLB를 비움; 게스트가 직전 exit 이후 쓴 항목을 페이지 워크 {refills}번으로 다시 채움 (여기서 exit 사이 평균 실행, 추정: {}{})",
                    run_text_ko(run),
                    if guest_steps > 0 {
                        format!(", 그리고 exit 전 이 경로의 {guest_steps} 사이클")
                    } else {
                        String::new()
                    }
                ),
            ),
            _ => (
                format!(
                    "no {tag}: the exit flushed the TLB; {refills} page walk{walks_en} the entries the guest used since the previous exit"
                ),
                format!(
                    "{tag} 없음: exit가 TLB를 비움; 게스트가 직전 exit 이후 쓴 항목을 페이지 워크 {refills}번으로 다시 채움"
                ),
            ),
        };
        s.push(
            Layer::Hardware,
            Category::GuestUser,
            refills.saturating_mul(self.walk_cycles()),
            &en,
            &ko,
        );
    }

    /// The guest's mean run between two VM exits on this stack, in cycles of guest work:
    /// what a flushed TLB held before an operation's first exit without VPID. An estimate
    /// of the mean, by expectation over the workload's mix.
    ///
    /// A first pass builds every operation's path and reads, for each operation of the mix
    /// (with its probability, its weight over the mix's total), whether its steps on the
    /// guest's side exit (the submit path with its notification, the completion's
    /// delivery and guest work; the notification counted every time, as when the back end
    /// is idle), its guest work if they do not, and if they do the guest work after its
    /// last exit. The timer tick is one more such path, [`GUEST_TICK_HZ`](super::GUEST_TICK_HZ) times a second of
    /// the guest's compute (the machine charges ticks inside compute bursts and spinlock
    /// holds, `add_compute`); it exits under hardware assist (its re-arm at least, a
    /// TSC-deadline WRMSR or a PV timer's hypercall). Per operation drawn, the guest runs its compute
    /// (the mean burst, and the spinlock's hold for `lock_percent` of operations), the
    /// work of the operation when it does not exit or the tail after its last exit when it
    /// does, and the ticks' share; exits come with the exiting operations and the exiting
    /// ticks. The mean run between exits is the first over the second (infinite when
    /// nothing exits: the refill is then capped by the TLB). Simplified: the means are
    /// taken before the cap (a mean of capped refills would be lower), and exits that
    /// depend on the run (halting, hidden faults, lock spins, guest thread switches) are
    /// not counted.
    pub fn mean_run_between_exits(&self) -> u64 {
        *self
            .run_between_exits
            .get_or_init(|| self.compute_mean_run_between_exits())
    }

    pub(super) fn compute_mean_run_between_exits(&self) -> u64 {
        let probe = PathBuilder {
            first_pass: true,
            run_between_exits: std::cell::OnceCell::new(),
            ..self.clone()
        };
        // (exits, guest work when it does not exit, else after its last exit).
        let run_of = |steps: &[&Step]| -> (bool, u64) {
            match steps.iter().rposition(|s| is_flushing_exit(s)) {
                Some(last) => (true, steps[last + 1..].iter().map(|s| guest_work(s)).sum()),
                None => (false, steps.iter().map(|s| guest_work(s)).sum()),
            }
        };
        let w = self.workload;
        let weights = w.mix.weights();
        // Per `draws` operations drawn (a pure-compute mix draws none: one burst each).
        let draws = u128::from(weights.iter().sum::<u64>().max(1));
        let mut op_work: u128 = 0;
        let mut op_exits: u128 = 0;
        for (op, weight) in Op::ALL[..Op::MIX_COUNT].iter().zip(weights) {
            if weight == 0 {
                continue;
            }
            let path = probe.op_path(*op);
            let guest_side: Vec<&Step> = path
                .submit
                .steps
                .iter()
                .filter(|s| matches!(s.part, Part::Guest | Part::Kick))
                .chain(
                    path.complete
                        .steps
                        .iter()
                        .filter(|s| matches!(s.part, Part::Guest | Part::Interrupt)),
                )
                .collect();
            let (exits, work) = run_of(&guest_side);
            op_work += u128::from(weight) * u128::from(work);
            op_exits += u128::from(exits) * u128::from(weight);
        }
        let timer = probe.timer_steps();
        let (tick_exits, tick_work) = run_of(&timer.0.iter().collect::<Vec<_>>());
        // Compute per operation, in hundredths of a cycle: the burst, and the spinlock's
        // hold for lock_percent of operations.
        let compute_100 = 100 * u128::from(w.compute_cycles)
            + u128::from(w.lock_percent.min(100)) * u128::from(w.lock_hold_cycles);
        let tick = u128::from(self.tick_cycles.max(1));
        // Per 100 × draws operations, times the tick period: run (compute, the operations'
        // work, the ticks' work: compute / tick ticks of tick_work each) over exits.
        let run = tick * (draws * compute_100 + 100 * op_work)
            + draws * compute_100 * u128::from(tick_work);
        let exits = tick * 100 * op_exits + draws * compute_100 * u128::from(tick_exits);
        if exits == 0 {
            return u64::MAX;
        }
        u64::try_from(run / exits).unwrap_or(u64::MAX)
    }
}

/// A VM exit that flushes the TLB without VPID: a hardware exit (not a hypercall, which a
/// PV guest makes without leaving its address space).
/// How the step of a TLB refill after an exit without VPID (ASIDs on AMD) starts (its
/// English text, after "no VPID" or "no ASID").
const REFILL_EN: &str = ": the exit flushed the TLB";

/// Whether `step` is the TLB refill after an exit without VPID (or ASIDs): the guest's,
/// once the VM entry resumed it (the step-through shows the hypervisor's work before it).
pub(crate) fn is_refill_after_exit(step: &Step) -> bool {
    step.layer == Layer::Hardware
        && step.exit.is_none()
        && [CpuVendor::Intel, CpuVendor::Amd].iter().any(|v| {
            step.en
                .strip_prefix("no ")
                .and_then(|rest| rest.strip_prefix(v.tlb_tag()))
                .is_some_and(|rest| rest.starts_with(REFILL_EN))
        })
}

pub(super) fn is_flushing_exit(step: &Step) -> bool {
    step.layer == Layer::Hardware && step.exit.is_some()
}

/// The cycles of a step that the guest itself runs (user code or its kernel).
pub(super) fn guest_work(step: &Step) -> u64 {
    if matches!(step.layer, Layer::Application | Layer::GuestKernel) {
        step.cycles
    } else {
        0
    }
}

/// A run in cycles, for a step's text (unbounded when nothing of the mix exits).
pub(super) fn run_text(run: u64) -> String {
    if run == u64::MAX {
        "unbounded: neither an operation of its mix nor its timer tick exits".to_string()
    } else {
        format!("{run} cycles")
    }
}

pub(super) fn run_text_ko(run: u64) -> String {
    if run == u64::MAX {
        "무한: 작업 혼합의 어떤 연산도, 타이머 틱도 exit하지 않음".to_string()
    } else {
        format!("{run} 사이클")
    }
}
