//! Host swapping in the machine: each of an operation's `page_touches_per_op` page touches
//! (1 by default, uniform over the working set: an estimate) finds its page on the host's
//! swap with the chance of the swapped-out part of an instance's working set. The first
//! such touch adds the fault path to the operation's item (an EPT violation or shadow
//! fault, the host's major fault and its read request); the thread then waits for a 4 KiB
//! read on the host's disk, queued behind the guests' own requests; when it completes the
//! host maps the page and the thread goes on: to its next swapped-out page (the fault
//! path again, in the item that resumes it, and another read), or to the operation, whose
//! latency counts the waits. Where the faulting thread alone waits (a process, or a guest
//! with asynchronous page faults: `Stack::async_page_faults`), its CPU runs another thread
//! meanwhile; otherwise the vCPU itself waits in the host, off its pCPU, and resumes the
//! same thread when the page is back. The host reclaims a frame for each page read in (so
//! as much stays swapped out); when the page it takes is dirty (drawn with
//! `memory::writeback_ppm`'s chance), its 4 KiB write is started too: the fault does not
//! wait for it, but it takes the disk's time after the read, and the requests behind wait
//! for both.

use super::{slot, Event, Machine, Pending};
use crate::engine::Cycles;
use crate::memory::SWAP_PAGE_BYTES;
use crate::workload::Op;

/// Random-stream id of the swap draws (apart from the operation stream).
pub(super) const STREAM: u64 = 0x5357_4150; // "SWAP"

impl Machine {
    /// The operation planned on `p` for thread `t` is about to draw its page touches:
    /// returns the chances (ppm) that a touch finds its page swapped out and that the frame
    /// reclaimed for it holds a dirty page, or `None` when the operation keeps the touches
    /// it drew before (an item cut before its end keeps them), whose first page-in's fault
    /// path joins the item.
    pub(super) fn swap_touches(&mut self, p: u32, t: u32) -> Option<(u64, u64)> {
        let th = &self.threads[t as usize];
        if th.swap_pending > 0 {
            self.plan_swap_fault(p, t);
            return None;
        }
        let ii = th.instance as usize;
        let ppm = u64::from(self.instances[ii].swapped_ppm);
        let dirty_ppm = u64::from(crate::memory::writeback_ppm(
            self.instances[ii].swapped_ppm,
            self.spec.costs.page_write_percent,
        ));
        Some((ppm, dirty_ppm))
    }

    /// One page touch of the operation planned on `p` for thread `t`, with the chances of
    /// [`Self::swap_touches`]: it may find its page swapped out (a page-in, after those
    /// the operation already has). The first page-in's fault path joins the item; the
    /// others' join the items that resume the thread after each read.
    pub(super) fn swap_touch(&mut self, p: u32, t: u32, (ppm, dirty_ppm): (u64, u64)) {
        let th = &mut self.threads[t as usize];
        let Some(rng) = th.swap_rng.as_mut() else {
            return;
        };
        if rng.below(1_000_000) >= ppm {
            return;
        }
        let k = th.swap_pending.min(63);
        th.swap_pending += 1;
        if rng.below(1_000_000) < dirty_ppm {
            th.swap_writeback |= 1 << k;
        }
        if k == 0 {
            self.plan_swap_fault(p, t);
        }
    }

    /// The fault path of thread `t`'s next page-in joins the item planned on `p`, with the
    /// reclaimed dirty page's write when it has one.
    fn plan_swap_fault(&mut self, p: u32, t: u32) {
        let writeback = self.threads[t as usize].swap_writeback & 1 == 1;
        self.plan_path(p, slot::SWAP_FAULT);
        if writeback {
            self.plan_path(p, slot::SWAP_WRITEBACK);
        }
    }

    /// Whether thread `t` has more swapped-out pages to page in before its operation.
    pub(super) fn swap_left(&self, t: u32) -> bool {
        self.threads[t as usize].swap_pending > 0
    }

    /// Thread `thread` on entity `e`, running on `p`, touched a swapped-out page during
    /// `op` (begun at `op_start`): it waits for the host's read. Returns true when the
    /// vCPU waits with it (no asynchronous page faults): it has left `p`, which has been
    /// given its next entity.
    pub(super) fn swap_in(
        &mut self,
        p: u32,
        e: u32,
        thread: u32,
        op: Op,
        op_start: Cycles,
        now: Cycles,
    ) -> bool {
        let ti = thread as usize;
        let th = &mut self.threads[ti];
        th.swap_pending = th.swap_pending.saturating_sub(1);
        let write_too = th.swap_writeback & 1 == 1;
        th.swap_writeback >>= 1;
        self.threads[ti].pending = Some(Pending {
            op,
            started: op_start,
            delivery: None,
            inline_backend: false,
            swap_in: true,
        });
        let instance = self.threads[ti].instance as usize;
        self.instances[instance].counters.swap_ins += 1;
        if write_too {
            self.instances[instance].counters.swap_outs += 1;
        }
        let done = self.swap_read_done(now, write_too);
        self.queue.schedule(done, Event::DeviceDone { thread });
        if self.spec.stack.async_page_faults() {
            self.entities[e as usize].thread = None;
            return false;
        }
        // The vCPU's thread sleeps in the host's fault handler, the guest thread still on
        // it: the pCPU goes to another entity.
        self.leave_pcpu(p, now);
        let ent = &mut self.entities[e as usize];
        ent.state = super::EntityState::Idle;
        ent.polling = false;
        self.schedule_next(p, now);
        true
    }

    /// The page-in of `thread` completed: when its vCPU waited in the host for it, the
    /// host wakes that vCPU, which resumes the thread (no interrupt for the guest).
    /// Returns false when the guest is to be told instead (asynchronous page faults).
    pub(super) fn swap_in_done(&mut self, thread: u32, now: Cycles) -> bool {
        let rt = &self.instances[self.threads[thread as usize].instance as usize];
        let waiting = (rt.first_entity..rt.first_entity + rt.vcpus)
            .find(|&e| self.entities[e as usize].thread == Some(thread));
        let Some(e) = waiting else {
            return false;
        };
        self.make_runnable(e, now);
        true
    }

    /// When a 4 KiB read issued at `now` on the host's disk completes: the same device,
    /// and the same queue, as the guests' disk requests. With `write_too`, the reclaimed
    /// page's 4 KiB write takes the disk's next service time after the read.
    fn swap_read_done(&mut self, now: Cycles, write_too: bool) -> Cycles {
        let host = &self.spec.host;
        let per_us = host.cycles_per_us();
        let per_op = per_us * 1_000_000 / host.disk_iops.max(1);
        let transfer = SWAP_PAGE_BYTES * per_us / host.disk_bandwidth_mb_s.max(1);
        let service = per_op.max(transfer);
        let start = now.max(self.disk_free_at);
        self.disk_free_at = start + if write_too { 2 * service } else { service };
        start + service.max(host.disk_latency_us * per_us)
    }

    /// The page-in completed and thread `t` runs again on `p`: the host's completion and
    /// mapping, the wake-up's delivery, then (when the item ends) the operation goes on;
    /// or, when it touches another swapped-out page first, that page's fault path joins
    /// the item and the thread waits again when it ends.
    pub(super) fn start_swap_resume(
        &mut self,
        p: u32,
        instance: u32,
        t: u32,
        pending: Pending,
        now: Cycles,
    ) {
        let gi = self.instances[instance as usize].group;
        self.plan(
            p,
            super::item::Item::Completion {
                thread: t,
                op: pending.op,
                started: pending.started,
            },
            Some(instance),
            gi,
            "swap-in",
        );
        self.plan_path(p, slot::SWAP_RESUME);
        if let Some(state) = pending.delivery {
            self.plan_path(
                p,
                super::slot::delivery(crate::path::IrqSource::Disk, state),
            );
        }
        if self.swap_left(t) {
            self.plan_swap_fault(p, t);
        }
        self.start(p, now);
    }
}
