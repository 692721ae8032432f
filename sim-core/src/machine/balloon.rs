//! A guest's balloon driver inflating when the run starts: batch after batch on the vCPU
//! of the instance's first thread, sharing it with that thread's application work as a
//! fair guest scheduler shares a vCPU between two runnable tasks (a batch runs once the
//! application has had as many cycles since the last one), each batch the path of `crate::memory::balloon_batch_steps`: guest kernel work,
//! a notification exit or hypercall, and the host's work to free the pages.

use super::pcpu::Item;
use super::{slot, Machine};
use crate::engine::Cycles;

impl Machine {
    /// Whether thread `t` (of group `gi`) runs a balloon batch now: the first at once,
    /// the next once the application has run as long as a batch takes.
    pub(super) fn balloon_turn(&mut self, gi: u32, t: u32) -> bool {
        let batch = self.groups[gi as usize].costs[slot::BALLOON_BATCH]
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
        self.plan_path(p, slot::BALLOON_BATCH);
        self.start(p, now);
    }

    /// A balloon batch of `thread` ended at `now`.
    pub(super) fn balloon_batch_done(&mut self, thread: u32, now: Cycles) {
        let th = &mut self.threads[thread as usize];
        th.balloon_batches = th.balloon_batches.saturating_sub(1);
        if th.balloon_batches == 0 {
            let instance = th.instance as usize;
            self.instances[instance].counters.balloon_done_at = Some(now);
        }
    }
}
