//! A path's steps walked in display order: each trap with the steps that belong to it goes
//! to its own expansion (a hardware exit, a hypercall, translated code), every other step
//! is one phase.

use super::binary_translation::translated_kernel_phase;
use super::order::display_order;
use super::vm_exit::nested_entry;
use super::{in_guest, whole, Expander, Phase, Section};
use crate::path::{ExitReason, Layer, OpPath, Part, Step};

impl Expander<'_> {
    /// The exit round trip of the paths (this CPU's, or the scenario's override).
    pub(super) fn roundtrip(&self) -> u64 {
        self.costs.exit_roundtrip(self.cpu)
    }

    /// All phases of a path, section by section.
    pub fn phases(&self, path: &OpPath) -> Vec<Phase> {
        let mut out = Vec::new();
        self.section(&mut out, Section::Submit, &path.submit.steps);
        self.section(&mut out, Section::Batched, &path.submit.batched);
        self.section(&mut out, Section::Complete, &path.complete.steps);
        self.section(&mut out, Section::Batched, &path.complete.batched);
        out
    }

    fn section(&self, out: &mut Vec<Phase>, section: Section, steps: &[Step]) {
        let order = display_order(steps, section, self.backend_scheduled);
        if order.iter().enumerate().all(|(k, &i)| k == i) {
            return self.section_in_order(out, section, steps);
        }
        let reordered: Vec<Step> = order.iter().map(|&i| steps[i].clone()).collect();
        let from = out.len();
        self.section_in_order(out, section, &reordered);
        // Each phase keeps the index of its step in the path.
        for phase in &mut out[from..] {
            phase.step = order[phase.step];
        }
    }

    fn section_in_order(&self, out: &mut Vec<Phase>, section: Section, steps: &[Step]) {
        // The reason of the L2 guest's exit a nested path is handling, for its entry.
        let mut l2_exit = None;
        let mut i = 0;
        while i < steps.len() {
            let s = &steps[i];
            // The steps that run outside the guest right after a trap, in the same part,
            // belong to it: the guest resumes only when they are done.
            // An inline back end's work runs inside the exit that reached it (the doorbell's),
            // before the guest resumes.
            let inline_backend = |part: Part| !self.backend_scheduled && part == Part::Backend;
            let group_end = |from: usize| {
                let mut j = from + 1;
                while j < steps.len()
                    && (steps[j].part == s.part || inline_backend(steps[j].part))
                    && steps[j].exit.is_none()
                    && !in_guest(steps[j].layer)
                    && steps[j].layer != Layer::Hardware
                {
                    j += 1;
                }
                j
            };
            match s.exit {
                Some(reason) if s.layer == Layer::Hardware => {
                    if reason != ExitReason::NestedVmx {
                        l2_exit = Some(reason);
                    }
                    let end = group_end(i);
                    self.vm_exit(out, section, steps, i, end, reason);
                    i = end;
                }
                Some(ExitReason::Hypercall) => {
                    let end = group_end(i);
                    self.hypercall(out, section, steps, i, end);
                    i = end;
                }
                None if s.layer == Layer::Hardware && crate::path::nested::is_entry(&s.en) => {
                    // L2 resumes in the handler of the interrupt L1 injects.
                    if crate::path::nested::is_step(crate::path::nested::L1_IRQ_ENTRY_EN, &s.en) {
                        l2_exit = Some(ExitReason::ExternalInterrupt);
                    }
                    out.push(nested_entry(
                        section,
                        s,
                        i,
                        l2_exit,
                        self.roundtrip(),
                        self.cpu,
                    ));
                    i += 1;
                }
                None if s.translation.is_some() => {
                    out.push(translated_kernel_phase(section, s, i));
                    i += 1;
                }
                None if self.translated(steps, i) => {
                    self.translated_code(out, section, s, i);
                    i += 1;
                }
                _ => {
                    out.push(whole(section, s, i));
                    i += 1;
                }
            }
        }
    }
}
