//! Host swapping in the machine: an operation of an instance whose working set is partly
//! on the host's swap touches a swapped-out page with the chance of that part (one page
//! touch per operation, uniform over the working set: an estimate). The touch adds the
//! fault path to the item (an EPT violation or shadow fault, the host's major fault and
//! its read request); the thread then waits for a 4 KiB read on the host's disk, queued
//! behind the guests' own requests; when it completes the host maps the page and the
//! operation goes on, its latency counting the wait. Where the faulting thread alone waits
//! (a process, or a guest with asynchronous page faults: `Stack::async_page_faults`), its
//! CPU runs another thread meanwhile; otherwise the vCPU itself waits in the host, off its
//! pCPU, and resumes the same thread when the page is back. The host reclaims a frame for
//! each page read in (so as much stays swapped out); when the page it takes is dirty
//! (drawn with `memory::writeback_ppm`'s chance), its 4 KiB write is started too: the
//! fault does not wait for it, but it takes the disk's time after the read, and the
//! requests behind wait for both.

use super::{slot, Event, Machine, Pending};
use crate::engine::Cycles;
use crate::memory::SWAP_PAGE_BYTES;
use crate::workload::Op;

/// Random-stream id of the swap draws (apart from the operation stream).
pub(super) const STREAM: u64 = 0x5357_4150; // "SWAP"

impl Machine {
    /// The operation planned on `p` for thread `t` may touch a swapped-out page: draw it
    /// once per operation (an item cut before its end keeps the draw) and add the fault
    /// path to the item.
    pub(super) fn swap_touch(&mut self, p: u32, t: u32) {
        let ii = self.threads[t as usize].instance as usize;
        let ppm = u64::from(self.instances[ii].swapped_ppm);
        let dirty_ppm = u64::from(crate::memory::writeback_ppm(
            self.instances[ii].swapped_ppm,
            self.spec.costs.page_write_percent,
        ));
        let th = &mut self.threads[t as usize];
        if !th.swap_pending {
            if let Some(rng) = th.swap_rng.as_mut() {
                th.swap_pending = rng.below(1_000_000) < ppm;
                th.swap_writeback = th.swap_pending && rng.below(1_000_000) < dirty_ppm;
            }
        }
        let (pending, writeback) = (th.swap_pending, th.swap_writeback);
        if pending {
            self.plan_path(p, slot::SWAP_FAULT);
            if writeback {
                self.plan_path(p, slot::SWAP_WRITEBACK);
            }
        }
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
        self.threads[ti].swap_pending = false;
        let write_too = std::mem::take(&mut self.threads[ti].swap_writeback);
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
        self.pcpus[p as usize].current = None;
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
    /// mapping, the wake-up's delivery, then (when the item ends) the operation goes on.
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
            super::pcpu::Item::Completion {
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
                super::interrupts::delivery_slot(crate::path::IrqSource::Disk, state),
            );
        }
        self.start(p, now);
    }
}
