//! Memory that runs out: each instance's demand on the host's memory, the overcommit
//! policies that may reclaim it, and what happens when it does not fit (memcg reclaim,
//! swapping, the OOM killer).
//!
//! - `policy.rs`: [`OvercommitPolicy`] (balloon, KSM, swap) and which stacks can use it;
//! - `plan.rs`: [`plan`]: demand per instance, reclaim in policy order, OOM kills with
//!   their time (the first touch of the memory, page by page, through the stack's page
//!   fault path), giving a [`MemoryResult`].

mod plan;
mod policy;

pub use plan::{
    committed_mib, first_touch_cycles_per_page, plan, vm_overhead_mib, InstanceMemory, MemoryPlan,
    MemoryResult, OomKill, OomReason,
};
pub use policy::OvercommitPolicy;
