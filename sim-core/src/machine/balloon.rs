//! A guest's balloon driver inflating when the run starts: batch after batch on the vCPU
//! of the instance's first thread (its application work waits, the guest's other threads
//! go on), each batch the path of `crate::memory::balloon_batch_steps`: guest kernel work,
//! a notification exit or hypercall, and the host's work to free the pages.

use super::pcpu::Item;
use super::{slot, Machine};
use crate::engine::Cycles;

impl Machine {
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
