//! Page sharing in the machine: the host's KSM daemon wakes every `ksm_sleep_us`, scans
//! `ksm_pages_to_scan` pages at `ksm_scan_cycles_per_page` each on a pCPU (host CPU taken
//! from the instances), and sleeps again; an operation of an instance whose working set
//! is partly merged writes to a merged page, at each of its `page_touches_per_op` page
//! touches (1 by default: an estimate, as for swapping), with the chance of that share
//! times `page_write_percent`, and takes a copy-on-write fault for each such write.

use super::item::Item;
use super::{slot, EntityState, Event, Machine};
use crate::engine::Cycles;
use crate::path::Category;

impl Machine {
    /// ksmd's scan on `p`.
    pub(super) fn start_ksm_scan(&mut self, p: u32, now: Cycles) {
        let c = &self.spec.costs;
        let cycles = c
            .ksm_pages_to_scan
            .saturating_mul(c.ksm_scan_cycles_per_page)
            .max(1);
        self.plan(p, Item::KsmScan, None, 0, "ksmd scan");
        let refill = self.cache_refill(super::cache::CacheOwner::Background, cycles);
        self.plan_cycles(p, Category::HostOs, cycles + refill);
        self.start(p, now);
    }

    /// The scan ended: ksmd sleeps until its next one.
    pub(super) fn ksm_scan_done(&mut self, p: u32, e: u32, now: Cycles) {
        let sleep = self.spec.costs.ksm_sleep_us * self.spec.host.cycles_per_us();
        self.leave_pcpu(p, now);
        self.entities[e as usize].state = EntityState::Idle;
        self.queue
            .schedule(now + sleep.max(1), Event::BackgroundWake { entity: e });
        self.schedule_next(p, now);
    }

    /// One page touch of the operation planned on `p` for thread `t` may write to a merged
    /// page: the copy-on-write fault joins the item.
    pub(super) fn cow_touch(&mut self, p: u32, t: u32) {
        let ii = self.threads[t as usize].instance as usize;
        let chance = u64::from(self.instances[ii].merged_ppm)
            * self.spec.costs.page_write_percent.min(100)
            / 100;
        let Some(rng) = self.threads[t as usize].swap_rng.as_mut() else {
            return;
        };
        if rng.below(1_000_000) < chance {
            self.instances[ii].counters.cow_breaks += 1;
            self.plan_path(p, slot::COW_FAULT);
        }
    }
}
