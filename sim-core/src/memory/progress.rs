//! Reclaim that takes time: how far KSM, a balloon and free page reporting have got after
//! the instances have run together for a while (`running_for_s`) and then through the
//! measured window, and how a container that outgrows its limit fills its memory.
//!
//! - KSM scans the guests' mergeable memory `ksm_pages_to_scan` pages per wake-up, a
//!   wake-up every `ksm_sleep_us` plus the scan itself. A page is merged only when KSM
//!   sees it unchanged on two scans in a row: the first pass over the memory records
//!   checksums and merges nothing (Linux mm/ksm.c, `cmp_and_merge_page`: "If the hash value
//!   of the page has changed from the last time we calculated it, this page is changing
//!   frequently: therefore we don't want to insert it in the unstable tree"); the second
//!   pass merges the pages alike as it reaches them (linear over the pass: an estimate).
//! - The balloon and free page reporting run their batches on the guest's vCPU as the
//!   machine runs them (`machine/balloon.rs`): a batch runs once the application has had as
//!   many cycles since the last one, so with a busy application the driver has half the
//!   vCPU. Before the window they are taken to have run at that rate (an estimate: the
//!   same rule as the machine's with an always busy application and no steal).

use crate::costs::CostTable;

/// Default `running_for_s`: an hour. Measurements of a consolidated host are taken in its
/// steady state, after the instances have run for a while (estimate: an hour is enough for
/// KSM at its Linux defaults to converge on up to about 34 GiB of guest memory, see
/// [`ksm_merged_fraction`]).
pub const DEFAULT_RUNNING_FOR_S: u64 = 3600;

/// Largest `running_for_s`: 30 days.
pub const MAX_RUNNING_FOR_S: u64 = 30 * 24 * 3600;

/// Pages KSM scans per second at `cycles_per_us`: `ksm_pages_to_scan` per wake-up, one
/// wake-up per `ksm_sleep_us` plus the scan's own time on a core.
pub fn ksm_pages_per_second(c: &CostTable, cycles_per_us: u64) -> f64 {
    let pages = c.ksm_pages_to_scan.max(1) as f64;
    let scan_us = pages * c.ksm_scan_cycles_per_page as f64 / cycles_per_us.max(1) as f64;
    let period_us = c.ksm_sleep_us as f64 + scan_us;
    pages * 1e6 / period_us.max(1e-9)
}

/// The share (0 to 1) of what KSM will merge that it has merged after scanning for
/// `seconds` over `mergeable_pages` pages: nothing during the first pass, then linearly
/// over the second. Example, Linux defaults on a 3 GHz host: 100 pages every 20 ms plus
/// 100 × 2000 cycles (66.7 µs) of scanning is 4983 pages/s (19.5 MiB/s); 12 GiB of guest
/// memory (3 145 728 pages) takes 631 s a pass: nothing merged before 631 s, all by 1263 s.
pub fn ksm_merged_fraction(
    c: &CostTable,
    cycles_per_us: u64,
    mergeable_pages: u64,
    seconds: f64,
) -> f64 {
    if mergeable_pages == 0 {
        return 1.0;
    }
    let passes = ksm_pages_per_second(c, cycles_per_us) * seconds / mergeable_pages as f64;
    (passes - 1.0).clamp(0.0, 1.0)
}

/// Batches (or reports) of `batch_cycles` each a guest's driver has run after `seconds`:
/// one per two batches' worth of vCPU time (the driver shares the vCPU with the
/// application, batch for batch).
pub fn batches_in(batch_cycles: u64, cycles_per_us: u64, seconds: f64) -> u64 {
    let cycles = seconds * 1e6 * cycles_per_us as f64;
    let per_batch = 2.0 * batch_cycles.max(1) as f64;
    libm::floor((cycles / per_batch).min(u64::MAX as f64 / 2.0)) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ksm_merges_nothing_in_its_first_pass_and_everything_after_its_second() {
        // Defaults at 3000 cycles/µs: 100 pages per (20 000 + 66.67) µs = 4983.4 pages/s.
        let c = CostTable::default();
        let rate = ksm_pages_per_second(&c, 3000);
        assert!((rate - 4983.39).abs() < 0.01, "{rate}");
        // 12 GiB = 3 145 728 pages: a pass is 631.2 s.
        let pages = 12 * 1024 * 256;
        let pass = pages as f64 / rate;
        assert_eq!(ksm_merged_fraction(&c, 3000, pages, 0.0), 0.0);
        assert_eq!(ksm_merged_fraction(&c, 3000, pages, pass * 0.99), 0.0);
        let half = ksm_merged_fraction(&c, 3000, pages, pass * 1.5);
        assert!((half - 0.5).abs() < 1e-9, "{half}");
        assert_eq!(ksm_merged_fraction(&c, 3000, pages, 3600.0), 1.0);
        // Faster scanning converges sooner: 1000 pages per wake-up, 10 times the rate.
        let fast = CostTable {
            ksm_pages_to_scan: 1000,
            ..CostTable::default()
        };
        assert!(ksm_merged_fraction(&fast, 3000, pages, pass * 0.2) > 0.9);
    }

    #[test]
    fn a_balloon_driver_runs_a_batch_per_two_batches_of_vcpu_time() {
        // 361 400-cycle batches at 3000 cycles/µs: 1 s is 3e9 cycles, / 722 800 = 4150.
        assert_eq!(batches_in(361_400, 3000, 1.0), 4150);
        assert_eq!(batches_in(361_400, 3000, 0.0), 0);
    }
}
