//! The memory plan of one platform: what each instance asks of the host's memory, what
//! the overcommit policies reclaim, what is swapped, and which instances the OOM killer
//! stops and when.
//!
//! Demand per instance:
//! - a VM occupies its configured memory (a guest fills its memory with page cache and
//!   freed pages over time) plus the per-VM overhead of the hypervisor or VMM process;
//! - a container occupies its working set plus page cache (when its workload reads or
//!   writes files) up to its memory limit, plus its runtime shim;
//! - a native process group occupies its working set.
//!
//! Inside an instance: a container whose working set is above its limit goes through
//! memcg reclaim (page cache first, then its excess to swap when the platform may swap);
//! without swap the OOM killer kills it when its charge reaches the limit. A guest whose
//! base OS and working set do not fit its configured memory has its application killed by
//! the guest kernel's OOM killer.
//!
//! On the host: when the demands do not fit the host's memory after the reserved part,
//! the host kernel first drops the containers' page cache (its own cache: no policy
//! needed), free page reporting hands over every guest's free memory on its own, then the
//! policies reclaim in order: the balloon takes the guests' free memory, KSM merges
//! identical pages, swap pages the coldest memory out (page cache and free guest pages
//! before any working set, as an LRU does). What still does not fit is resolved by the
//! host's OOM killer, which kills the instance with the largest demand first.
//!
//! *When* an OOM kill happens follows from the first touch of the memory: every 4 KiB
//! page costs the stack's page fault path (through [`PathBuilder`]), the zeroing of the
//! page and, in a VM, the host's allocation behind it (an EPT violation under nested
//! paging), spread over the instance's threads and the host's cores.

use serde::{Deserialize, Serialize};

use super::OvercommitPolicy;
use crate::costs::CostTable;
use crate::hardware::Host;
use crate::instance::InstanceSpec;
use crate::path::{PathBuilder, PathCost};
use crate::platform::{GuestOs, MemoryVirtualization, PlatformKind, Stack};
use crate::text::Text;
use crate::workload::Op;

const PAGES_PER_MIB: u64 = 256;

/// Why the OOM killer stopped an instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OomReason {
    /// A container's memory cgroup reached its limit with nothing left to reclaim.
    CgroupLimit,
    /// A guest's base OS and working set do not fit its configured memory.
    GuestMemory,
    /// The host ran out of memory and chose this instance.
    HostMemory,
}

impl OomReason {
    pub fn text(self) -> Text {
        match self {
            OomReason::CgroupLimit => Text::new(
                "its memory cgroup reached the limit and nothing was left to reclaim",
                "메모리 cgroup이 한도에 닿았고 더 회수할 것이 없음",
            ),
            OomReason::GuestMemory => Text::new(
                "the guest's OS and working set do not fit its configured memory",
                "게스트 OS와 작업 집합이 설정된 메모리에 들어가지 않음",
            ),
            OomReason::HostMemory => Text::new(
                "the host ran out of memory and this instance had the largest demand",
                "호스트 메모리가 바닥났고 이 인스턴스의 요구량이 가장 컸음",
            ),
        }
    }
}

/// One OOM kill of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OomKill {
    /// Machine index of the instance (group by group, copy by copy).
    pub instance: u32,
    pub name: String,
    pub reason: OomReason,
    /// When it happens, cycles from the start (may be past the end of the run).
    pub at_cycles: u64,
    pub at_ms: f64,
}

/// One instance's memory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InstanceMemory {
    pub name: String,
    /// What the instance would occupy on the host, MiB.
    pub demand_mib: f64,
    /// What it occupies after reclaim, MiB.
    pub resident_mib: f64,
    /// Container: the memory limit, MiB.
    pub limit_mib: Option<u64>,
    /// Container: its runtime shim (`container_runtime_mib`), part of `resident_mib` but
    /// outside its memory cgroup: `resident_mib - runtime_mib` is what is charged against
    /// `limit_mib` (at most the limit), MiB.
    #[serde(default)]
    pub runtime_mib: f64,
    /// Container: page cache dropped by the host kernel when the host ran short, MiB.
    pub page_cache_evicted_mib: f64,
    /// Container: its page cache still in memory (part of `resident_mib`), MiB.
    #[serde(default)]
    pub page_cache_mib: f64,
    /// Given back by the balloon driver, MiB.
    pub balloon_mib: f64,
    /// Reported free by the guest (free page reporting), MiB.
    #[serde(default)]
    pub reported_mib: f64,
    /// Merged into pages of other instances by KSM, MiB.
    pub shared_mib: f64,
    /// Paged out to the host's swap, MiB (cold memory first).
    pub swapped_mib: f64,
    /// Part of the swapped memory that belongs to the working set, percent of it: the
    /// chance that a touch of the working set finds its page on disk.
    pub working_set_swapped_percent: f64,
    /// Part of the merged memory that belongs to the working set, percent of it (a write
    /// there breaks the sharing: a copy-on-write fault).
    #[serde(default)]
    pub working_set_merged_percent: f64,
    /// When the OOM killer stops it, milliseconds (also if after the run).
    pub oom_at_ms: Option<f64>,
}

/// The memory of one platform, as reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MemoryResult {
    pub policies: Vec<OvercommitPolicy>,
    pub host_mib: u64,
    pub reserved_mib: u64,
    /// Configured (committed) memory over the memory left after the reserved part.
    pub overcommit_ratio: f64,
    pub demand_mib: f64,
    pub resident_mib: f64,
    pub balloon_mib: f64,
    #[serde(default)]
    pub reported_mib: f64,
    pub shared_mib: f64,
    pub swapped_mib: f64,
    pub instances: Vec<InstanceMemory>,
    pub oom_kills: Vec<OomKill>,
    /// Memory over the run of the first instances (empty when no policy reclaims memory
    /// and no OOM kill happens).
    #[serde(default)]
    pub over_time: Vec<super::MemorySeries>,
    /// What every instance together holds at the end of the run (the figures above are the
    /// plan's once reclaim is complete; a balloon still inflating or KSM still merging is
    /// not there yet). Absent when the memory was not followed over the run.
    #[serde(default)]
    pub at_end: Option<MemoryAtEnd>,
}

/// The host's memory at the end of a run, all instances together, MiB.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MemoryAtEnd {
    pub resident_mib: f64,
    pub balloon_mib: f64,
    pub reported_mib: f64,
    pub shared_mib: f64,
    pub swapped_mib: f64,
}

impl MemoryResult {
    /// Whether the run ended before reclaim was complete: what it reached differs from the
    /// plan's figures by a MiB or more.
    pub fn still_under_way(&self) -> Option<&MemoryAtEnd> {
        self.at_end.as_ref().filter(|e| {
            (e.balloon_mib - self.balloon_mib).abs() >= 1.0
                || (e.reported_mib - self.reported_mib).abs() >= 1.0
                || (e.shared_mib - self.shared_mib).abs() >= 1.0
                || (e.swapped_mib - self.swapped_mib).abs() >= 1.0
        })
    }
}

/// A moment of the run for [`plan_at`]: how far into the window, and how much of what
/// KSM will merge it has merged by then (see `progress.rs`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moment {
    pub at_cycles: u64,
    pub ksm_fraction: f64,
}

/// The plan: the result, and what the machine needs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MemoryPlan {
    pub result: MemoryResult,
}

/// The per-VM overhead on the host beyond the guest's configured memory, MiB.
pub fn vm_overhead_mib(stack: &Stack, c: &CostTable) -> f64 {
    match stack.kind {
        PlatformKind::Native | PlatformKind::Container => 0.0,
        PlatformKind::Type1 if stack.microvm => c.microvm_vmm_mib as f64,
        // A full VM's device model too; a paravirtualized guest's back ends are shared.
        PlatformKind::Type1 | PlatformKind::Vdi
            if stack.technique != Some(crate::platform::Technique::Para) =>
        {
            c.hypervisor_per_vm_kib as f64 / 1024.0 + c.vm_device_model_mib as f64
        }
        PlatformKind::Type1 | PlatformKind::Vdi => c.hypervisor_per_vm_kib as f64 / 1024.0,
        PlatformKind::Type2 => c.type2_vmm_process_mib as f64,
    }
}

/// Memory one instance commits on the host (what the validator sums against the host):
/// a VM's configured memory and overhead, a container's limit, and on a native platform
/// the processes' working set (no VM or cgroup sets them a size: `memory_gib` is not
/// theirs, as their footprint in `lifecycle/footprint.rs` is their working set).
pub fn committed_mib(stack: &Stack, instance: &InstanceSpec, c: &CostTable) -> u64 {
    if stack.kind == PlatformKind::Native {
        return instance.working_set_mib;
    }
    instance.memory_mib + libm::ceil(vm_overhead_mib(stack, c)) as u64
}

/// The OOM kill one instance meets on its own, whatever the host and the other instances:
/// a VM whose guest OS and working set do not fit its configured memory (its guest's OOM
/// killer), or a container whose working set outgrows its memory limit on a platform that
/// may not swap (its memory cgroup's). Such an instance cannot do its work on any host, so
/// none of it fits (`lifecycle::density`); the plan times the kill by its first touch.
pub fn oom_of_its_own(
    stack: &Stack,
    policies: &[OvercommitPolicy],
    c: &CostTable,
    instance: &InstanceSpec,
) -> Option<OomReason> {
    match stack.kind {
        PlatformKind::Native => None,
        PlatformKind::Container => (instance.working_set_mib > instance.memory_mib
            && !policies.contains(&OvercommitPolicy::Swap))
        .then_some(OomReason::CgroupLimit),
        _ => (guest_base_mib(stack, instance.guest_os, c).saturating_add(instance.working_set_mib)
            > instance.memory_mib)
            .then_some(OomReason::GuestMemory),
    }
}

/// The guest's own base OS memory.
pub(crate) fn guest_base_mib(stack: &Stack, os: GuestOs, c: &CostTable) -> u64 {
    if stack.microvm {
        return c.microvm_guest_base_mib;
    }
    match os {
        GuestOs::Windows => c.windows_guest_base_mib,
        GuestOs::Linux | GuestOs::Freebsd => c.linux_guest_base_mib,
    }
}

/// Cycles to touch one new 4 KiB page for the first time: the stack's page fault path on
/// this host (its CPU, the features `[host]` leaves on, its clock), zeroing the page and,
/// in a VM, the host's allocation of the page behind it (under nested paging an EPT
/// violation exit and its handler first; the host's fault handling without an exception's
/// delivery and IRET, `CostTable::host_fault_handler`).
pub fn first_touch_cycles_per_page(
    stack: &Stack,
    c: &CostTable,
    host: &Host,
    instance: &InstanceSpec,
) -> u64 {
    let cpu = host.cpu;
    let builder = PathBuilder::for_host(stack, c, host, &instance.workload);
    let fault = PathCost::of_steps(&builder.op_path(Op::PageFault).submit.steps).total;
    let host_backing = if stack.is_vm() {
        let exit = if stack.memory == MemoryVirtualization::Nested {
            c.exit_roundtrip(cpu) + c.exit_handler
        } else {
            0
        };
        // The host's fault handling runs from the exit (or, under shadow paging, from the
        // guest's own fault's exit), not from an exception of its own: no delivery, no IRET.
        exit + c.host_fault_handler() + c.page_zero_cycles
    } else {
        0
    };
    (fault + c.page_zero_cycles + host_backing).max(1)
}

struct Row {
    name: String,
    vm: bool,
    balloon_ok: bool,
    os: GuestOs,
    demand: f64,
    /// Part of the demand no one touches often (page cache, free guest memory).
    cold: f64,
    /// Guest free memory the balloon can take.
    free: f64,
    base: f64,
    working_set: f64,
    resident: f64,
    page_cache_evicted: f64,
    balloon: f64,
    reported: f64,
    shared: f64,
    /// The part of `shared` that is working set.
    shared_ws: f64,
    swapped: f64,
    limit: Option<u64>,
    /// Cycles per MiB of first touch, and pages touched at once.
    cycles_per_mib: u64,
    parallel: f64,
    oom: Option<(OomReason, u64)>,
}

/// The plan of a platform running `instances` (each with its count) on `host`, once
/// reclaim is complete.
pub fn plan(
    stack: &Stack,
    policies: &[OvercommitPolicy],
    host: &Host,
    c: &CostTable,
    instances: &[&InstanceSpec],
) -> MemoryPlan {
    plan_at(stack, policies, host, c, instances, None)
}

/// The plan at a moment of the run (`None`: once reclaim is complete): KSM has merged its
/// `ksm_fraction` of what it will merge, and a container whose working set outgrows its
/// limit has touched what its first touch reaches by then (memcg reclaim or its OOM kill
/// follow once the charge reaches the limit). The OOM kills are the complete plan's.
pub fn plan_at(
    stack: &Stack,
    policies: &[OvercommitPolicy],
    host: &Host,
    c: &CostTable,
    instances: &[&InstanceSpec],
    at: Option<Moment>,
) -> MemoryPlan {
    let groups: Vec<(&InstanceSpec, u32)> = instances.iter().map(|&i| (i, i.count)).collect();
    plan_groups(stack, policies, host, c, &groups, at, true)
}

/// The complete plan of a platform running each group of `groups` with the given number
/// of copies (its `count` ignored), with its instances unnamed: what the event estimate
/// needs of a sweep point's plan (its OOM kills and balloon batches), without copying
/// the groups or naming every copy ("web-7").
pub(crate) fn plan_of_counts(
    stack: &Stack,
    policies: &[OvercommitPolicy],
    host: &Host,
    c: &CostTable,
    groups: &[(&InstanceSpec, u32)],
) -> MemoryPlan {
    plan_groups(stack, policies, host, c, groups, None, false)
}

/// [`plan_at`] over (group, copies) pairs; `named`: each instance's name ("web-7"), else
/// empty names.
fn plan_groups(
    stack: &Stack,
    policies: &[OvercommitPolicy],
    host: &Host,
    c: &CostTable,
    instances: &[(&InstanceSpec, u32)],
    at: Option<Moment>,
    named: bool,
) -> MemoryPlan {
    let has = |p: OvercommitPolicy| policies.contains(&p);
    let overhead = vm_overhead_mib(stack, c);
    // Threads touching memory at once share the host's cores.
    let touching: u64 = instances
        .iter()
        .map(|&(i, count)| u64::from(count) * u64::from(i.threads.min(i.vcpus)))
        .sum();
    let core_share = (f64::from(host.cores) / touching.max(1) as f64).min(1.0);
    let mut rows: Vec<Row> = Vec::new();
    for &(i, count) in instances {
        let per_page = first_touch_cycles_per_page(stack, c, host, i);
        let parallel = f64::from(i.threads.min(i.vcpus)) * core_share;
        let ws = i.working_set_mib as f64;
        let mem = i.memory_mib as f64;
        let uses_files = i.workload.mix.disk_read > 0 || i.workload.mix.disk_write > 0;
        for copy in 0..count {
            let name = if !named {
                String::new()
            } else if count == 1 {
                i.name.clone()
            } else {
                format!("{}-{}", i.name, copy + 1)
            };
            let mut row = Row {
                name,
                vm: stack.is_vm(),
                balloon_ok: OvercommitPolicy::Balloon.usable_on(stack),
                os: i.guest_os,
                demand: 0.0,
                cold: 0.0,
                free: 0.0,
                base: 0.0,
                working_set: ws,
                resident: 0.0,
                page_cache_evicted: 0.0,
                balloon: 0.0,
                reported: 0.0,
                shared: 0.0,
                shared_ws: 0.0,
                swapped: 0.0,
                limit: None,
                cycles_per_mib: per_page * PAGES_PER_MIB,
                parallel,
                oom: None,
            };
            match stack.kind {
                PlatformKind::Native => {
                    row.demand = ws;
                }
                PlatformKind::Container => {
                    row.limit = Some(i.memory_mib);
                    let cache = if uses_files { (mem - ws).max(0.0) } else { 0.0 };
                    if ws > mem {
                        // It grows: page by page at its first-touch rate. Once its charge
                        // reaches the limit, memcg reclaim (no page cache left): the
                        // excess goes to swap when the platform may swap, else the OOM
                        // killer.
                        let touched = at.map_or(ws, |m| {
                            ws.min(m.at_cycles as f64 * parallel / row.cycles_per_mib as f64)
                        });
                        row.working_set = touched;
                        match oom_of_its_own(stack, policies, c, i) {
                            Some(reason) => row.oom = Some((reason, 0)),
                            None => row.swapped = (touched - mem).max(0.0),
                        }
                        // Until then its page cache (a workload that reads or writes
                        // files keeps the rest of its limit full of it) is what memcg
                        // reclaim evicts first, page for page as the working set grows.
                        let cache = if uses_files {
                            (mem - touched).max(0.0)
                        } else {
                            0.0
                        };
                        row.cold = cache;
                        // What it touched beyond the limit and memcg swapped out is still
                        // its demand (not resident): demand = resident + swapped.
                        row.demand = if row.swapped > 0.0 {
                            touched
                        } else {
                            touched.min(mem)
                        } + cache
                            + c.container_runtime_mib as f64;
                    } else {
                        row.demand = ws + cache + c.container_runtime_mib as f64;
                        row.cold = cache;
                    }
                }
                _ => {
                    let base = guest_base_mib(stack, i.guest_os, c) as f64;
                    row.base = base;
                    row.demand = mem + overhead;
                    if let Some(reason) = oom_of_its_own(stack, policies, c, i) {
                        row.oom = Some((reason, 0));
                        row.free = 0.0;
                        row.cold = 0.0;
                    } else {
                        row.free = mem - base - ws;
                        row.cold = row.free;
                    }
                }
            }
            row.resident = row.demand - row.swapped;
            rows.push(row);
        }
    }
    let available = host.memory_mib.saturating_sub(c.host_reserved_mib) as f64;
    // What memcg reclaim already swapped out of a container is not on the host's memory.
    let resident: f64 = rows.iter().map(|r| r.resident).sum();
    let mut deficit = resident - available;
    // 0. The host kernel drops the containers' clean page cache: it is its own cache, so
    // no policy is needed (a guest's page cache is out of its sight).
    if deficit > 0.0 {
        let cache: f64 = rows
            .iter()
            .filter(|r| r.limit.is_some())
            .map(|r| r.cold)
            .sum();
        let take = deficit.min(cache);
        if cache > 0.0 {
            for r in rows.iter_mut().filter(|r| r.limit.is_some()) {
                let dropped = r.cold * take / cache;
                r.page_cache_evicted += dropped;
                r.resident -= dropped;
                r.cold -= dropped;
            }
            deficit -= take;
        }
    }
    // 0b. Free page reporting: guests report all their free memory on their own, whether
    // or not the host is short of it.
    if has(OvercommitPolicy::FreePageReporting) {
        for r in rows.iter_mut().filter(|r| r.balloon_ok) {
            r.reported = r.free;
            r.resident -= r.free;
            r.cold -= r.free;
            deficit -= r.free;
            r.free = 0.0;
        }
    }
    // 1. The balloon: guests give back their free memory.
    if deficit > 0.0 && has(OvercommitPolicy::Balloon) {
        let free: f64 = rows.iter().filter(|r| r.balloon_ok).map(|r| r.free).sum();
        let take = deficit.min(free);
        if free > 0.0 {
            for r in rows.iter_mut().filter(|r| r.balloon_ok) {
                r.balloon = r.free * take / free;
                r.resident -= r.balloon;
                r.cold -= r.balloon;
            }
            deficit -= take;
        }
    }
    // 2. KSM: identical pages of guests with the same OS and of copies of one group.
    if deficit > 0.0 && has(OvercommitPolicy::Ksm) {
        let done = at.map_or(1.0, |m| m.ksm_fraction.clamp(0.0, 1.0));
        let mergeable: Vec<(f64, f64)> = ksm_mergeable(&rows, c)
            .into_iter()
            .map(|(base, ws)| (base * done, ws * done))
            .collect();
        let total: f64 = mergeable.iter().map(|(base, ws)| base + ws).sum();
        let take = deficit.min(total);
        if total > 0.0 {
            for (r, (base, ws)) in rows.iter_mut().zip(&mergeable) {
                r.shared = (base + ws) * take / total;
                r.shared_ws = ws * take / total;
                r.resident -= r.shared;
            }
            deficit -= take;
        }
    }
    // 3. Swap: the coldest memory first, then the working sets, in proportion to what
    // each instance holds.
    if deficit > 0.0 && has(OvercommitPolicy::Swap) {
        let cold: f64 = rows.iter().map(|r| r.cold.max(0.0)).sum();
        let from_cold = deficit.min(cold);
        for r in &mut rows {
            if cold > 0.0 {
                let s = r.cold.max(0.0) * from_cold / cold;
                r.swapped += s;
                r.resident -= s;
            }
        }
        deficit -= from_cold;
        if deficit > 0.0 {
            let hot: f64 = rows.iter().map(|r| r.working_set.min(r.resident)).sum();
            let take = deficit.min(hot);
            for r in &mut rows {
                if hot > 0.0 {
                    let s = r.working_set.min(r.resident) * take / hot;
                    r.swapped += s;
                    r.resident -= s;
                }
            }
            deficit -= take;
        }
    }
    // Instance-level OOM kills: at the first touch of the memory that was allowed.
    for r in &mut rows {
        if let Some((reason, _)) = r.oom {
            let allowed = match reason {
                OomReason::GuestMemory => r.resident - r.base - overhead,
                _ => r.limit.map_or(r.resident, |l| l as f64),
            }
            .max(0.0);
            r.oom = Some((reason, touch_time(allowed, r)));
        }
    }
    // 4. The host's OOM killer: the instance with the largest demand, until the rest fit,
    // when the memory touched so far first exceeds what the host has.
    if deficit > 0.0 {
        let at = host_exhausted_at(&rows, available);
        while deficit > 0.0 {
            let victim = rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.oom.is_none())
                .max_by(|a, b| a.1.resident.total_cmp(&b.1.resident).then(b.0.cmp(&a.0)))
                .map(|(k, _)| k);
            let Some(k) = victim else { break };
            rows[k].oom = Some((OomReason::HostMemory, at));
            deficit -= rows[k].resident;
        }
    }
    let per_ms = host.cycles_per_us() as f64 * 1000.0;
    let mut oom_kills = Vec::new();
    let mut out = Vec::new();
    for (k, r) in rows.iter().enumerate() {
        if let Some((reason, at)) = r.oom {
            oom_kills.push(OomKill {
                instance: k as u32,
                name: r.name.clone(),
                reason,
                at_cycles: at,
                at_ms: at as f64 / per_ms,
            });
        }
        let cold_swapped = r.cold.max(0.0).min(r.swapped);
        let hot_swapped = if r.limit.is_some() && r.cold <= 0.0 {
            r.swapped
        } else {
            (r.swapped - cold_swapped).max(0.0)
        };
        out.push(InstanceMemory {
            name: r.name.clone(),
            demand_mib: r.demand,
            resident_mib: r.resident,
            limit_mib: r.limit,
            runtime_mib: if r.limit.is_some() {
                c.container_runtime_mib as f64
            } else {
                0.0
            },
            page_cache_evicted_mib: r.page_cache_evicted,
            page_cache_mib: if r.limit.is_some() {
                (r.cold.max(0.0) - cold_swapped).max(0.0)
            } else {
                0.0
            },
            balloon_mib: r.balloon,
            reported_mib: r.reported,
            shared_mib: r.shared,
            swapped_mib: r.swapped,
            working_set_swapped_percent: if r.working_set > 0.0 {
                (hot_swapped * 100.0 / r.working_set).min(100.0)
            } else {
                0.0
            },
            working_set_merged_percent: if r.working_set > 0.0 {
                (r.shared_ws * 100.0 / r.working_set).min(100.0)
            } else {
                0.0
            },
            oom_at_ms: r.oom.map(|(_, at)| at as f64 / per_ms),
        });
    }
    let committed: f64 = instances
        .iter()
        .map(|&(i, count)| u64::from(count) as f64 * committed_mib(stack, i, c) as f64)
        .sum();
    let sum = |f: fn(&InstanceMemory) -> f64| out.iter().map(f).sum::<f64>();
    MemoryPlan {
        result: MemoryResult {
            policies: policies.to_vec(),
            host_mib: host.memory_mib,
            reserved_mib: c.host_reserved_mib,
            overcommit_ratio: if available > 0.0 {
                committed / available
            } else {
                0.0
            },
            demand_mib: sum(|m| m.demand_mib),
            resident_mib: sum(|m| m.resident_mib),
            balloon_mib: sum(|m| m.balloon_mib),
            reported_mib: sum(|m| m.reported_mib),
            shared_mib: sum(|m| m.shared_mib),
            swapped_mib: sum(|m| m.swapped_mib),
            instances: out,
            oom_kills,
            over_time: Vec::new(),
            at_end: None,
        },
    }
}

/// Cycles for instance `r` to touch `mib` of memory for the first time.
fn touch_time(mib: f64, r: &Row) -> u64 {
    let cycles = mib * r.cycles_per_mib as f64 / r.parallel.max(1e-9);
    libm::ceil(cycles.min(u64::MAX as f64 / 2.0)) as u64
}

/// When the memory the instances have touched (all starting together, each at its own
/// first-touch rate up to its resident memory) first exceeds `available`.
fn host_exhausted_at(rows: &[Row], available: f64) -> u64 {
    // Piecewise linear in time: walk the moments at which instances finish touching.
    let mut ends: Vec<u64> = rows.iter().map(|r| touch_time(r.resident, r)).collect();
    ends.sort_unstable();
    let touched = |t: u64| -> f64 {
        rows.iter()
            .map(|r| {
                let rate = r.parallel / r.cycles_per_mib as f64;
                (t as f64 * rate).min(r.resident)
            })
            .sum()
    };
    let mut low = 0u64;
    for &end in &ends {
        if touched(end) > available {
            // Inside (low, end]: bisect on integer cycles.
            let mut high = end;
            while high - low > 1 {
                let mid = low + (high - low) / 2;
                if touched(mid) > available {
                    high = mid;
                } else {
                    low = mid;
                }
            }
            return high;
        }
        low = end;
    }
    ends.last().copied().unwrap_or(0)
}

/// Memory KSM can merge per row (base OS part, working-set part): base OS pages alike
/// between guests with the same OS. The first guest of each OS keeps its pages; the
/// others map them.
///
/// Working sets do not merge: KSM merges a page only once two scans in a row found it
/// unchanged (Linux mm/ksm.c: its checksum must match the previous scan's), a scan passes
/// over the guests' memory in minutes, and every working-set page is written
/// (`page_write_percent` of the touches, uniform over the working set) within seconds.
/// The base OS (kernel text, libraries) is read, not written.
fn ksm_mergeable(rows: &[Row], c: &CostTable) -> Vec<(f64, f64)> {
    let os_share = c.ksm_same_os_percent.min(100) as f64 / 100.0;
    // The OSes of the guests seen so far (any guest, merged or not).
    let mut oses: Vec<GuestOs> = Vec::new();
    rows.iter()
        .map(|r| {
            if !r.vm {
                return (0.0, 0.0);
            }
            let same_os_before = oses.contains(&r.os);
            if !same_os_before {
                oses.push(r.os);
            }
            if r.oom.is_some() {
                return (0.0, 0.0);
            }
            let base = if same_os_before {
                r.base * os_share
            } else {
                0.0
            };
            (base, 0.0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::{IoModel, Technique};
    use crate::workload::Workload;

    fn host(memory_gib: u64, cores: u32) -> Host {
        Host::sandy_bridge(memory_gib, cores)
    }

    fn instance(count: u32, memory_mib: u64, working_set_mib: u64) -> InstanceSpec {
        InstanceSpec {
            name: "i".into(),
            platforms: vec![0],
            count,
            vcpus: 1,
            threads: 1,
            memory_mib,
            guest_os: GuestOs::Linux,
            workload: Workload::preset("cpu-bound").expect("preset"),
            pin: None,
            weight: 256,
            cap_percent: 0,
            working_set_mib,
        }
    }

    fn container() -> Stack {
        Stack {
            kind: PlatformKind::Container,
            ..Stack::native()
        }
    }

    fn vm() -> Stack {
        Stack {
            kind: PlatformKind::Type1,
            technique: Some(Technique::HardwareAssist),
            io: IoModel::Paravirtual,
            memory: MemoryVirtualization::Nested,
            ..Stack::native()
        }
    }

    #[test]
    fn containers_over_their_limit_are_oom_killed_when_they_reach_it() {
        // Three containers, 3000 MiB working sets, 1 GiB limits, 4 cores: each is
        // killed once it has touched 1024 MiB. A native page fault (1093 cycles) plus
        // zeroing (512) is 1605 cycles a page; 1024 MiB is 262 144 pages, one thread:
        // 420 741 120 cycles, 140.2 ms at 3 GHz.
        let i = instance(3, 1024, 3000);
        let c = CostTable::default();
        let plan = plan(&container(), &[], &host(4, 4), &c, &[&i]).result;
        assert_eq!(plan.oom_kills.len(), 3);
        let per_page = first_touch_cycles_per_page(&container(), &c, &host(4, 4), &i);
        assert_eq!(per_page, 1605);
        assert_eq!(plan.oom_kills[0].at_cycles, 420_741_120);
        assert!(plan
            .oom_kills
            .iter()
            .all(|k| k.reason == OomReason::CgroupLimit));
        // With swap the excess is paged out instead: 3000 - 1024 = 1976 MiB each, and the
        // host, 3072 MiB after its reserved 1024, holds 3 × (1024 + 8 runtime) = 3096:
        // 24 MiB more of working set go to swap, 8 each: 1984 of 3000 MiB (66.13%).
        let swap = super::plan(
            &container(),
            &[OvercommitPolicy::Swap],
            &host(4, 4),
            &c,
            &[&i],
        )
        .result;
        assert!(swap.oom_kills.is_empty());
        let m = &swap.instances[0];
        assert_eq!(m.swapped_mib, 1984.0);
        assert!(
            (m.working_set_swapped_percent - 66.133).abs() < 0.01,
            "{m:?}"
        );
    }

    #[test]
    fn vm_memory_counts_as_configured_and_overcommit_reclaims_in_order() {
        // 8 VMs of 2 GiB, 512 MiB working sets, on 8 GiB: 7 GiB after the reserved
        // 1 GiB, demand 8 × (2048 + 0.02 + a 30 MiB device model) = 16 624.2: deficit
        // 9456.2 MiB.
        let i = instance(8, 2048, 512);
        let c = CostTable::default();
        let h = host(8, 8);
        let none = plan(&vm(), &[], &h, &c, &[&i]).result;
        assert!(
            (none.demand_mib - 16_624.156).abs() < 0.01,
            "{}",
            none.demand_mib
        );
        // No policy: the host's OOM killer stops VMs until the rest fit (4 × 2078 ≤ 7168
        // fails, 3 × 2078 fits): 5 are killed.
        assert_eq!(none.oom_kills.len(), 5);
        assert!(none
            .oom_kills
            .iter()
            .all(|k| k.reason == OomReason::HostMemory));
        // Balloon: each guest has 2048 - 200 - 512 = 1336 MiB free, 10 688 in all, more
        // than the deficit: nothing killed, nothing swapped.
        let balloon = plan(&vm(), &[OvercommitPolicy::Balloon], &h, &c, &[&i]).result;
        assert!(balloon.oom_kills.is_empty());
        assert!((balloon.balloon_mib - 9456.156).abs() < 0.01);
        assert_eq!(balloon.swapped_mib, 0.0);
        // Swap alone: the cold memory (10 688 MiB) covers the deficit; no working set
        // page is on disk.
        let swap = plan(&vm(), &[OvercommitPolicy::Swap], &h, &c, &[&i]).result;
        assert!(swap.oom_kills.is_empty());
        assert!(swap
            .instances
            .iter()
            .all(|m| m.working_set_swapped_percent == 0.0));
        // 16 of them: deficit 26 080 MiB beyond 21 376 cold: 4704 MiB of working set on
        // disk, 4704 / (16 × 512) = 57.4% of each working set.
        let i16 = instance(16, 2048, 512);
        let swap = plan(&vm(), &[OvercommitPolicy::Swap], &h, &c, &[&i16]).result;
        let hot = swap.instances[0].working_set_swapped_percent;
        assert!((hot - 57.42).abs() < 0.05, "{hot}");
    }

    #[test]
    fn ksm_merges_the_base_os_not_the_written_working_sets() {
        // 4 copies of one group: 3 merge 40% of their 200 MiB base: 3 × 80 = 240 MiB; their
        // working sets are written, so none of them stays unchanged for two scans. Four
        // different groups with the same OS merge the same.
        let c = CostTable::default();
        let h = host(2, 4);
        let same = instance(4, 2048, 512);
        let one = instance(1, 2048, 512);
        for groups in [vec![&same], vec![&one, &one, &one, &one]] {
            let merged = plan(&vm(), &[OvercommitPolicy::Ksm], &h, &c, &groups).result;
            assert!(
                (merged.shared_mib - 240.0).abs() < 0.01,
                "{}",
                merged.shared_mib
            );
        }
    }

    #[test]
    fn ksm_part_way_merges_its_share_and_swap_takes_the_rest() {
        // 4 copies on a 2 GiB host (1 GiB after the reserved part), KSM then swap: the
        // complete plan merges 240 MiB of base OS (see above). Half way, 120 MiB; what KSM
        // has not merged yet (120 MiB more) is on swap instead.
        let c = CostTable::default();
        let h = host(2, 4);
        let i = instance(4, 2048, 512);
        let policies = [OvercommitPolicy::Ksm, OvercommitPolicy::Swap];
        let done = plan(&vm(), &policies, &h, &c, &[&i]).result;
        let half = plan_at(
            &vm(),
            &policies,
            &h,
            &c,
            &[&i],
            Some(Moment {
                at_cycles: 0,
                ksm_fraction: 0.5,
            }),
        )
        .result;
        assert!(
            (half.shared_mib - 120.0).abs() < 0.01,
            "{}",
            half.shared_mib
        );
        let more_swap = half.swapped_mib - done.swapped_mib;
        assert!((more_swap - 120.0).abs() < 0.01, "{more_swap}");
        assert!((half.resident_mib - done.resident_mib).abs() < 0.01);
    }

    #[test]
    fn a_leaking_container_fills_its_limit_at_its_first_touch_rate_then_swaps() {
        // 1 GiB limit, 3000 MiB working set, swap: 1605 cycles a page (see above), one
        // thread: 410 880 cycles a MiB. After 210 388 992 cycles it has touched 512.05 MiB
        // (half its limit, nothing swapped); after 841 482 240 cycles, 2048 MiB: 1024 MiB
        // over the limit on swap, half of what it touched.
        let c = CostTable::default();
        let i = instance(1, 1024, 3000);
        let at = |cycles: u64| {
            plan_at(
                &container(),
                &[OvercommitPolicy::Swap],
                &host(4, 4),
                &c,
                &[&i],
                Some(Moment {
                    at_cycles: cycles,
                    ksm_fraction: 1.0,
                }),
            )
            .result
        };
        let early = at(210_388_992);
        let m = &early.instances[0];
        assert!((m.resident_mib - (512.05 + 8.0)).abs() < 0.01, "{m:?}");
        assert_eq!(m.swapped_mib, 0.0);
        let late = at(841_482_240);
        let m = &late.instances[0];
        assert!((m.resident_mib - (1024.0 + 8.0)).abs() < 0.01, "{m:?}");
        assert!((m.swapped_mib - 1024.0).abs() < 0.01, "{m:?}");
        assert!((m.working_set_swapped_percent - 50.0).abs() < 0.01, "{m:?}");
    }

    /// A VM's first touch of a page: the guest's own fault and zeroing, then the host's
    /// allocation behind it: an EPT violation (Sandy Bridge's round trip 784, the handler
    /// 2216), the host's fault handling without an exception of its own (851: the native
    /// fault's 1093 less its delivery and IRET, which the exit and the entry replace) and
    /// the host's zeroing (512).
    #[test]
    fn a_vms_first_touch_backs_the_page_from_the_exit_handler() {
        let i = instance(1, 1024, 900);
        let c = CostTable::default();
        let h = host(8, 4);
        let stack = vm();
        let builder = PathBuilder::for_host(&stack, &c, &h, &i.workload);
        let guest = PathCost::of_steps(&builder.op_path(Op::PageFault).submit.steps).total;
        let per_page = first_touch_cycles_per_page(&stack, &c, &h, &i);
        assert_eq!(per_page - guest, 512 + 784 + 2216 + 851 + 512);
    }

    #[test]
    fn a_guest_too_small_for_its_working_set_loses_its_application() {
        // 1 GiB guest, 200 MiB base, 900 MiB working set: killed after 824 MiB.
        let i = instance(1, 1024, 900);
        let c = CostTable::default();
        let p = plan(&vm(), &[], &host(8, 4), &c, &[&i]).result;
        assert_eq!(p.oom_kills.len(), 1);
        assert_eq!(p.oom_kills[0].reason, OomReason::GuestMemory);
        let per_page = first_touch_cycles_per_page(&vm(), &c, &host(8, 4), &i);
        let expected = (824.0 * 256.0 * per_page as f64).ceil() as u64;
        let got = p.oom_kills[0].at_cycles;
        assert!(got.abs_diff(expected) <= 1, "{got} {expected}");
    }
}
