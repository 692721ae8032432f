//! A guest's balloon driver inflating when the run starts (and, the same way, free page
//! reports: a guest reporting its free memory, `crate::memory::free_page_report_steps`): batch after batch on the vCPU
//! of the instance's first thread, sharing it with that thread's application work as a
//! fair guest scheduler shares a vCPU between two runnable tasks (a batch runs once the
//! application has had as many cycles since the last one), each batch the path of `crate::memory::balloon_batch_steps`: guest kernel work,
//! a notification exit or hypercall, and the host's work to free the pages.

use super::item::Item;
use super::{slot, Machine};
use crate::engine::Cycles;

impl Machine {
    /// The path thread `t` runs next: a balloon batch, else a free page report.
    fn memory_slot(&self, t: u32) -> usize {
        if self.threads[t as usize].balloon_batches > 0 {
            slot::BALLOON_BATCH
        } else {
            slot::FREE_PAGE_REPORT
        }
    }

    /// Whether thread `t` (of group `gi`) runs a balloon batch now: the first at once,
    /// the next once the application has run as long as a batch takes.
    pub(super) fn balloon_turn(&mut self, gi: u32, t: u32) -> bool {
        let batch = self.groups[gi as usize].costs[self.memory_slot(t)]
            .total
            .max(1);
        let th = &mut self.threads[t as usize];
        if th.balloon_credit >= batch {
            th.balloon_credit = if th.balloon_credit >= u64::MAX / 4 {
                0
            } else {
                th.balloon_credit - batch
            };
            true
        } else {
            false
        }
    }

    /// The next balloon batch of thread `t` of `instance` on `p`.
    pub(super) fn start_balloon_batch(&mut self, p: u32, instance: u32, t: u32, now: Cycles) {
        let gi = self.instances[instance as usize].group;
        self.plan(
            p,
            Item::BalloonBatch { thread: t },
            Some(instance),
            gi,
            "balloon inflating",
        );
        let which = self.memory_slot(t);
        self.plan_path(p, which);
        self.start(p, now);
    }

    /// A balloon batch of `thread` ended at `now`.
    pub(super) fn balloon_batch_done(&mut self, thread: u32, now: Cycles) {
        let th = &mut self.threads[thread as usize];
        if th.balloon_batches > 0 {
            th.balloon_batches -= 1;
        } else {
            th.free_page_reports = th.free_page_reports.saturating_sub(1);
        }
        if th.balloon_batches == 0 && th.free_page_reports == 0 {
            let instance = th.instance as usize;
            self.instances[instance].counters.balloon_done_at = Some(now);
        }
    }
}
