//! The order in which a section's steps are shown: the path's, except for steps the path
//! keeps together that run elsewhere or later (a scheduled back end's, a nested exit's
//! device work, the hypervisor's work before a refill without VPID).

use super::{in_guest, Section};
use crate::path::{Layer, Part, Step};

/// How many of the steps `order` starts with run outside the guest in `part` (or are an
/// inline back end's, `inline_backend`): the hypervisor's work that follows a trap or an
/// entry there, before the guest runs again.
fn host_side_run(steps: &[Step], order: &[usize], part: Part, inline_backend: bool) -> usize {
    order
        .iter()
        .take_while(|&&i| {
            let s = &steps[i];
            (s.part == part || (inline_backend && s.part == Part::Backend))
                && s.exit.is_none()
                && !in_guest(s.layer)
                && s.layer != Layer::Hardware
        })
        .count()
}

/// The order in which a section's steps are shown: the path's, except where the path
/// keeps steps together that run elsewhere or later (the machine charges a part's steps
/// together, so their order in the path is only the step-through's):
/// - a scheduled back end's part of a submit runs on its own entity after the guest's
///   kick, while the guest goes on (a send returns once its request is on the ring): shown
///   after the guest's steps;
/// - the work an exit's handler does after a nested exit (a device model's emulation of
///   the access) runs in L1's handling of the reflected exit (after L1's handler step,
///   before its VMCS accesses and VMRESUME), not after L0's entry into L2;
/// - without VPID, the TLB refill after an exit is the guest's, after the VM entry: the
///   hypervisor's work the path adds after the exit's handler is shown before it.
pub(super) fn display_order(
    steps: &[Step],
    section: Section,
    backend_scheduled: bool,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..steps.len()).collect();
    if backend_scheduled && section == Section::Submit {
        let (backend, guest): (Vec<usize>, Vec<usize>) =
            order.iter().partition(|&&i| steps[i].part == Part::Backend);
        order = guest.into_iter().chain(backend).collect();
    }
    // Without VPID the TLB refill is the guest's, after the VM entry: the hypervisor's
    // work that the path adds after the exit's handler (a device model, an inline back
    // end) runs before it, inside the exit.
    let mut k = 0;
    while k < order.len() {
        let refill = &steps[order[k]];
        if !crate::path::refill::is_refill_after_exit(refill) {
            k += 1;
            continue;
        }
        let run = host_side_run(steps, &order[k + 1..], refill.part, !backend_scheduled);
        order[k..=k + run].rotate_left(1);
        k += run + 1;
    }
    let mut k = 0;
    while k < order.len() {
        let entry = &steps[order[k]];
        if !crate::path::nested::is_step(crate::path::nested::L2_ENTRY_EN, &entry.en) {
            k += 1;
            continue;
        }
        let run = host_side_run(steps, &order[k + 1..], entry.part, false);
        let handler = order[..k]
            .iter()
            .rposition(|&i| steps[i].en.starts_with(crate::path::nested::L1_HANDLER_EN));
        match handler {
            Some(h) if run > 0 => {
                let moved: Vec<usize> = order.drain(k + 1..k + 1 + run).collect();
                for (n, i) in moved.into_iter().enumerate() {
                    order.insert(h + 1 + n, i);
                }
                k += run + 1;
            }
            _ => k += 1,
        }
    }
    order
}
