//! Memory that runs out: each instance's demand on the host's memory, the overcommit
//! policies that may reclaim it, and what happens when it does not fit (memcg reclaim,
//! swapping, the OOM killer).
//!
//! - `policy.rs`: [`OvercommitPolicy`] (balloon, KSM, swap) and which stacks can use it;
//! - `plan.rs`: [`plan`]: demand per instance, reclaim in policy order, OOM kills with
//!   their time (the first touch of the memory, page by page, through the stack's page
//!   fault path), giving a [`MemoryResult`];
//! - `balloon.rs`: the steps of one batch of a balloon inflating (the machine runs
//!   them, `machine/balloon.rs`);
//! - `migration.rs`: live migration by pre-copy: the steps of dirty logging's faults, the
//!   record the machine keeps of its rounds and the result built from it;
//! - `over_time.rs`: each instance's memory over the run, from the machine's snapshots;
//! - `progress.rs`: how far KSM, a balloon and free page reporting have got after the
//!   instances have run for a while (`running_for_s`), and through the run;
//! - `swap.rs`: the steps of touching a swapped-out page and of its page-in (the machine
//!   runs them, `machine/swap.rs`).
//!
//! Same file names, two sides of one mechanism: `memory/swap.rs`, `balloon.rs` and
//! `migration.rs` plan and build the steps (`path::Step`, as `path/` does for operations);
//! `machine/swap.rs`, `balloon.rs` and `migration.rs` run them in time. Those steps take the
//! exit round trip and handler directly, without `PathBuilder::exit`'s reflection to an L1
//! hypervisor or its refill without VPID (a host's swap-in is handled by L0 itself; a nested
//! guest's balloon or migration is not modelled separately).

mod balloon;
mod migration;
mod over_time;
mod plan;
mod policy;
mod progress;
mod swap;

pub use balloon::{balloon_batch_pages, balloon_batch_steps, free_page_report_steps, report_pages};
pub(crate) use balloon::{balloon_batches, free_page_reports};
pub use migration::{
    dirty_fault_steps, from_record as migration_from_record, pml_full_steps, MigrationRecord,
    MigrationResult, MigrationRound, MigrationSpec, PrecopyOps, RoundRecord, ThroughputPoint,
};
pub use over_time::{
    sample_times, series as memory_series, InstanceProgress, MemoryPoint, MemorySeries,
    MAX_SERIES_INSTANCES, MEMORY_SAMPLES,
};
pub use plan::{
    committed_mib, first_touch_cycles_per_page, oom_of_its_own, plan, plan_at, vm_overhead_mib,
    InstanceMemory, MemoryAtEnd, MemoryPlan, MemoryResult, Moment, OomKill, OomReason,
};
pub(crate) use plan::{guest_base_mib, plan_of_counts};
pub use policy::OvercommitPolicy;
pub use progress::{
    batches_in, ksm_merged_fraction, ksm_pages_per_second, DEFAULT_RUNNING_FOR_S, MAX_RUNNING_FOR_S,
};
pub use swap::{
    cow_fault_steps, swap_fault_steps, swap_resume_steps, swap_writeback_steps, writeback_ppm,
    SWAP_PAGE_BYTES,
};
