//! One platform on one host, simulated cycle by cycle: pCPUs, the host-level scheduler,
//! vCPUs (or container/native process slots), guest threads, devices and their back ends.
//!
//! Two scheduling levels: the hypervisor or host OS runs *entities* (vCPUs, container
//! slots, host background processes, I/O back ends) on pCPUs in time slices; inside an
//! instance the guest kernel runs its *threads* on its vCPUs. Work is executed in
//! *items* (a compute burst and the operation that ends it, a completion, a switch, a
//! back-end job), each one event; a compute burst can be cut at any cycle (slice end,
//! wake-up preemption, a lock released).
//!
//! Where each mechanism lives:
//! - `pcpu.rs`: items, how they are charged, and preemption;
//! - `run_ahead.rs`: a pCPU running its next items at once while no other event comes
//!   before them (the same results as one event each, fewer queue operations);
//! - `sched.rs`: the host-level schedulers (credit, fair share, round robin);
//! - `runqueue.rs`: their run queue, heaps per scheduling key and pCPU;
//! - `guest.rs`: threads on vCPUs, halting and halt polling;
//! - `io.rs`: devices, PV rings with notification suppression, back-end entities;
//! - `interrupts.rs`: delivery of a completion by the target vCPU's state;
//! - `cache.rs`: cache refills after another instance displaced a working set;
//! - `locks.rs`: the guest kernel's spinlock, lock-holder preemption, pause-loop exiting
//!   and PV spinlocks;
//! - `shootdown.rs`: remote TLB shootdowns, their IPIs and the wait for preempted
//!   targets, and PV TLB flush;
//! - `swap.rs`: touches of pages the host swapped out (a fault, a read on the host's disk);
//! - `balloon.rs`: a guest's balloon driver inflating, batch by batch, at the start;
//! - `ksm.rs`: ksmd scanning on the host, and copy-on-write breaks of merged pages;
//! - `memory_samples.rs`: snapshots of the instances' memory state over the run;
//! - `migration.rs`: a live migration by pre-copy in the run: the migration thread, dirty
//!   logging's faults, the stop-and-copy's pause, its traffic on the host's NIC;
//! - `trace.rs`: the bounded per-pCPU timeline;
//! - `desktop.rs`: the hooks through which desktop sessions' threads
//!   ([`crate::desktop::session`]) draw their work, wait, and send their updates.

mod balloon;
mod cache;
mod desktop;
mod guest;
mod interrupts;
mod io;
mod item;
mod ksm;
mod locks;
mod memory_samples;
mod migration;
mod pcpu;
mod run_ahead;
mod runqueue;
mod sched;
mod shootdown;
mod swap;
mod trace;

#[cfg(test)]
mod tests;

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use crate::costs::CostTable;
use crate::engine::{Cycles, EventQueue};
use crate::hardware::Host;
use crate::metrics::Histogram;
use crate::path::{Category, ExitReason, PathBuilder, PathCost};
use crate::platform::{PlatformKind, SchedulerKind, Stack};
use crate::rng::SimRng;
use crate::workload::{Op, OpSampler, Workload};

pub use memory_samples::MemorySnapshot;
pub use migration::{MachineMigration, OpsSample, OPS_SAMPLES};
pub use trace::{Trace, TraceMark, TraceSegment, MAX_TRACE_SEGMENTS};

use cache::CacheState;
use io::{BackendRt, Ring};
use pcpu::Pcpu;
use runqueue::RunQueue;
use trace::Piece;

/// Guest timer frequency (CONFIG_HZ=250, a common Linux default).
const TICK_HZ: u64 = crate::path::GUEST_TICK_HZ;
/// Length of one busy burst of a host background process, microseconds (estimate: a short
/// burst of a desktop program or service; no figure in the reference).
const BACKGROUND_BURST_US: u64 = 2_000;

/// One instance group as the machine sees it.
#[derive(Debug, Clone)]
#[doc(hidden)]
pub struct GroupSpec {
    /// Index of the group in the scenario (keeps random streams equal across platforms).
    pub scenario_index: usize,
    pub name: String,
    pub count: u32,
    pub vcpus: u32,
    pub threads: u32,
    pub workload: Workload,
    /// The pCPU of each vCPU: one entry per vCPU (every copy alike, a scenario's `pin`),
    /// or one per vCPU of every copy in turn (each copy on cores of its own: local PCs).
    pub pin: Option<Vec<u32>>,
    pub weight: u32,
    pub cap_percent: u32,
    /// Memory the instance's threads touch (its cache-hot set is at most the shared cache).
    pub working_set_mib: u64,
    /// Desktops: the instance's threads are a desktop session's (its `threads` is ignored).
    pub desktop: Option<crate::desktop::DesktopSpec>,
}

impl GroupSpec {
    /// The machine's view of the scenario's instance group number `index`.
    pub fn of_instance(index: usize, i: &crate::instance::InstanceSpec) -> GroupSpec {
        GroupSpec {
            scenario_index: index,
            name: i.name.clone(),
            count: i.count,
            vcpus: i.vcpus,
            threads: i.threads,
            workload: i.workload.clone(),
            pin: i.pin.clone(),
            weight: i.weight,
            cap_percent: i.cap_percent,
            working_set_mib: i.working_set_mib,
            // A desktop activity shown on a local display; the runner adds the remote
            // display of a VDI platform.
            desktop: crate::desktop::Activity::of(&i.workload.name).map(|activity| {
                crate::desktop::DesktopSpec {
                    activity,
                    remote: None,
                    sessions: 1,
                }
            }),
        }
    }
}

/// Everything needed to simulate one platform.
#[derive(Debug, Clone)]
#[doc(hidden)]
pub struct MachineSpec {
    pub host: Host,
    pub stack: Stack,
    pub scheduler: SchedulerKind,
    pub time_slice_ms: u64,
    /// Credit scheduler: BOOST for woken vCPUs.
    pub credit_boost: bool,
    /// The driver domain's vCPUs and their weight (read with the back ends in one).
    pub dom0: crate::platform::Dom0,
    pub background_percent: u32,
    pub groups: Vec<GroupSpec>,
    pub costs: CostTable,
    pub duration_cycles: Cycles,
    pub seed: u64,
    pub trace: bool,
    /// Instances stopped at a given time (injected faults).
    pub faults: Vec<MachineFault>,
    /// What the host does with memory: swapped and merged shares, ksmd.
    pub memory: MachineMemory,
}

/// The memory plan as the machine sees it (see `crate::memory::plan`).
#[derive(Debug, Clone, Default, PartialEq)]
#[doc(hidden)]
pub struct MachineMemory {
    /// Per machine instance: parts per million of its working set that the host has
    /// swapped out (empty: nothing swapped). See `swap.rs`.
    pub swapped_ppm: Vec<u32>,
    /// Per machine instance: parts per million of its working set merged by KSM with
    /// another instance's pages (a write to one breaks it). See `ksm.rs`.
    pub merged_ppm: Vec<u32>,
    /// ksmd runs on the host (the platform may merge pages).
    pub ksmd: bool,
    /// Per machine instance: balloon batches its guest driver runs when the run starts.
    pub balloon_batches: Vec<u32>,
    /// Per machine instance: free page reports its guest sends when the run starts.
    pub free_page_reports: Vec<u32>,
    /// Whether to take memory snapshots over the run (see `memory_samples.rs`).
    pub sample: bool,
    /// A live migration by pre-copy runs from the start of the run (see `migration.rs`).
    pub migration: Option<MachineMigration>,
    /// Whether to sample each instance's completed operations over the run (a platform's
    /// migration is measured against its native baseline in the same window).
    pub ops_samples: bool,
    /// Per snapshot, per machine instance: the (swapped, merged) parts per million it runs
    /// with from that snapshot on (empty: `swapped_ppm` and `merged_ppm` throughout).
    pub shares_at_samples: Vec<Vec<(u32, u32)>>,
}

/// A set of instances (machine indices, group by group, copy by copy) that stop at `at`.
#[derive(Debug, Clone, PartialEq)]
#[doc(hidden)]
pub struct MachineFault {
    pub at: Cycles,
    pub instances: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
enum Event {
    /// The item on `pcpu` ends (ignored if the item was cut: `generation` differs).
    ItemDone {
        pcpu: u32,
        generation: u32,
    },
    /// A device or timer finished the blocking operation of `thread`.
    DeviceDone {
        thread: u32,
    },
    BackgroundWake {
        entity: u32,
    },
    Accounting,
    /// A snapshot of the instances' memory (see `memory_samples.rs`).
    MemorySample,
    Fault {
        index: u32,
    },
    /// The coalescing delay of an instance's device (0 disk, 1 NIC) ran out (ignored if
    /// the held completions went out meanwhile: `generation` differs).
    CoalesceFlush {
        instance: u32,
        ring: u8,
        generation: u32,
    },
    /// vCPU `entity`, scheduled in, has taken the shootdown IPIs pending for it.
    FlushAck {
        entity: u32,
    },
    /// The last segment of a migration round left the host (see `migration.rs`).
    MigrationRoundEnd,
    /// A snapshot of the instances' completed operations.
    OpsSample,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntityState {
    Running,
    Runnable,
    Idle,
}

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    /// A vCPU (or process slot) of an instance.
    Vcpu(u32),
    /// A host background process (type 2).
    Background,
    /// An I/O back end (driver domain vCPU, VMM or vhost thread).
    Backend(u32),
    /// The host's KSM daemon (ksmd).
    Ksmd,
    /// A live migration's thread (copies pages onto the link).
    Migration,
}

#[derive(Debug, Clone)]
struct Entity {
    owner: Owner,
    state: EntityState,
    thread: Option<u32>,
    last_thread: Option<u32>,
    affinity: Option<u32>,
    weight: u64,
    cap_cycles: u64,
    credit: i64,
    vruntime: u64,
    used_in_period: u64,
    throttled: bool,
    /// Fair share's cgroup: the entities `cgroup_first .. cgroup_first + cgroup_len` (an
    /// instance's vCPUs or process slots; a back end or host thread is a group of one).
    cgroup_first: u32,
    cgroup_len: u32,
    /// Credit scheduler: woke up with credit left and may preempt (Xen's BOOST).
    boosted: bool,
    /// Credit scheduler: priority OVER, set at each accounting from the credit then (Xen
    /// changes UNDER and OVER only there, for the vCPUs on the active list), kept until
    /// the next one.
    over: bool,
    /// Credit scheduler: on credit1's active list (a tick found it running since an
    /// accounting took it off), so it earns credit at each accounting.
    active: bool,
    runnable_since: Cycles,
    enqueue_seq: u64,
    next_tick: Cycles,
    steal: Cycles,
    /// Halt polling: the vCPU spins in the host waiting for work.
    polling: bool,
    /// Paused for a live migration's stop-and-copy (kept throttled until resumed).
    paused: bool,
    /// The pCPU it runs on (meaningful while `Running`).
    pcpu: u32,
}

impl Entity {
    /// A runnable entity that has not run yet.
    fn new(owner: Owner, affinity: Option<u32>, weight: u64, cap_cycles: u64) -> Entity {
        Entity {
            owner,
            state: EntityState::Runnable,
            thread: None,
            last_thread: None,
            affinity,
            weight,
            cap_cycles,
            credit: 0,
            vruntime: 0,
            used_in_period: 0,
            throttled: false,
            cgroup_first: 0,
            cgroup_len: 1,
            boosted: false,
            over: false,
            // credit1 starts a vCPU off the active list, with no credit, UNDER.
            active: false,
            runnable_since: 0,
            enqueue_seq: 0,
            next_tick: 0,
            steal: 0,
            polling: false,
            paused: false,
            pcpu: 0,
        }
    }

    fn instance(&self) -> Option<u32> {
        match self.owner {
            Owner::Vcpu(i) => Some(i),
            _ => None,
        }
    }
}

/// A blocking operation whose completion is still to run.
#[derive(Debug, Clone, Copy)]
struct Pending {
    op: Op,
    started: Cycles,
    /// The state of the vCPU the interrupt went to, or `None` when no interrupt was
    /// raised (the guest was already going to process the ring).
    delivery: Option<crate::path::VcpuState>,
    /// Whether the back end's completion work runs inline in this completion.
    inline_backend: bool,
    /// The operation touched a swapped-out page: this is the page-in, and the operation
    /// goes on when it completes.
    swap_in: bool,
}

#[derive(Debug, Clone)]
struct Thread {
    instance: u32,
    rng: SimRng,
    burst_left: u64,
    next_op: Option<Op>,
    pending: Option<Pending>,
    /// Shadow paging: pages of this thread's address space without a shadow entry yet
    /// (after a switch whose root was not cached), the compute cycles towards the next
    /// page touched, and whether the current burst's faults are paid.
    shadow_cold: u64,
    shadow_carry: u64,
    shadow_paid: bool,
    /// Whether the thread's shadow root has been cached once (see `shadow_switch`).
    shadow_evictable: bool,
    /// What the thread does in a desktop session (`None`: it draws from its workload).
    role: Option<crate::desktop::Role>,
    /// The desktop session it belongs to (meaningful with a role).
    session: u32,
    /// Swapped-out pages the planned operation touches and has not yet paged in (each
    /// of its `page_touches_per_op` touches drawn), and the stream that decides them (only
    /// for instances with swapped or merged memory).
    swap_pending: u32,
    /// Which of those page-ins reclaim a frame that held a dirty page (its write to swap
    /// is started too): bit 0 the next page-in's, bit 1 the one after.
    swap_writeback: u64,
    swap_rng: Option<SimRng>,
    /// Balloon batches still to run on this thread's vCPU (its instance's first thread).
    balloon_batches: u32,
    /// Free page reports still to send from this thread's vCPU.
    free_page_reports: u32,
    /// Cycles of application work run since the last balloon batch (the guest scheduler
    /// shares the vCPU between the balloon driver and the application, CFS-like).
    balloon_credit: u64,
    /// When its last send's last byte left the host's NIC (`io.rs`, `send_on_wire`).
    reply_on_wire_at: Cycles,
}

/// Counters of one instance.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[doc(hidden)]
pub struct InstanceCounters {
    pub group: usize,
    pub name: String,
    pub ops: u64,
    pub ops_by_kind: [u64; Op::COUNT],
    pub cycles: [u64; Category::COUNT],
    /// Of `cycles`, those that ran on the instance's own vCPUs (or process slots), not on
    /// a back end, the host's threads or a driver domain.
    #[serde(default)]
    pub vcpu_cycles: u64,
    /// Of `cycles`, those its vCPUs spent halt polling (idle time the host would give
    /// any other runnable task: polling stops when one is waiting).
    #[serde(default)]
    pub polled_cycles: u64,
    pub exits: [u64; ExitReason::COUNT],
    pub steal: Cycles,
    pub vcpu_time: Cycles,
    /// When a fault stopped the instance.
    pub stopped_at: Option<Cycles>,
    /// Guest kernel spinlock: acquisitions, those that had to wait, and cycles spun.
    pub lock_acquired: u64,
    pub lock_contended: u64,
    pub lock_spin_cycles: u64,
    /// Cycles spun waiting for preempted targets of TLB shootdowns to acknowledge.
    pub shootdown_wait_cycles: u64,
    /// Touches of swapped-out pages (each a read on the host's disk).
    pub swap_ins: u64,
    /// Operations that touched at least one swapped-out page (`swap_ins` with one page
    /// touch per operation).
    #[serde(default)]
    pub swap_ops: u64,
    /// Of those, the ones whose reclaimed frame held a dirty page (each also a write).
    pub swap_outs: u64,
    /// Writes to pages merged by KSM (each a copy-on-write fault).
    pub cow_breaks: u64,
    /// When its balloon finished inflating.
    pub balloon_done_at: Option<Cycles>,
    /// Payload bytes of its workload's `net_send`s whose last byte left the host's NIC by
    /// the end of the run (a desktop session's display stream is not counted here).
    #[serde(default)]
    pub net_sent_bytes: u64,
    /// Payload bytes of its workload's `net_receive`s whose message had arrived by the end
    /// of the run (a desktop's input events are not counted here).
    #[serde(default)]
    pub net_received_bytes: u64,
}

struct InstanceRt {
    group: u32,
    /// This instance's entities are `first_entity .. first_entity + vcpus`.
    first_entity: u32,
    vcpus: u32,
    ready: VecDeque<u32>,
    halted: Vec<u32>,
    batch: [u64; Op::COUNT],
    /// PV rings: disk, NIC.
    rings: [Ring; 2],
    /// Interrupt coalescing: completions held per device (disk, NIC).
    coalesced: [interrupts::Coalesced; 2],
    /// Back end serving each ring, when back ends are scheduled entities.
    backend: [Option<u32>; 2],
    cache: CacheState,
    counters: InstanceCounters,
    dead: bool,
    /// Shadow paging: the threads (address spaces) whose shadow roots are cached, most
    /// recent first (at most `shadow_root_cache`).
    shadow_roots: Vec<u32>,
    /// Parts per million of the working set on the host's swap.
    swapped_ppm: u32,
    /// Parts per million of the working set merged by KSM.
    merged_ppm: u32,
    /// An emulated (IDE-like) disk takes one command at a time: whether one is in flight,
    /// and the requests (thread, operation) waiting for it in the guest's queue (see
    /// `io.rs`, `issue_blocking`).
    disk_busy: bool,
    disk_waiting: VecDeque<(u32, Op)>,
}

/// Slots of a group's cost table (see [`GroupRt::costs`]).
mod slot {
    use crate::path::{IrqSource, VcpuState};
    use crate::workload::Op;
    /// Parts of one operation.
    pub const SUBMIT: usize = 0;
    pub const SUBMIT_BATCHED: usize = 1;
    pub const KICK: usize = 2;
    pub const BACKEND_SUBMIT: usize = 3;
    pub const BACKEND_COMPLETE: usize = 4;
    pub const COMPLETE: usize = 5;
    pub const PER_OP: usize = 6;
    pub fn op(op: Op, part: usize) -> usize {
        op.index() * PER_OP + part
    }
    /// Interrupt delivery: 4 sources × 3 vCPU states.
    pub const DELIVERY: usize = Op::COUNT * PER_OP;
    /// The interrupt sources in their slots' order.
    pub const SOURCES: [IrqSource; 4] = [
        IrqSource::Disk,
        IrqSource::Nic,
        IrqSource::NicTx,
        IrqSource::Timer,
    ];
    /// The slot of one delivery: `source`'s interrupt to a vCPU in `state`.
    pub fn delivery(source: IrqSource, state: VcpuState) -> usize {
        let s = match source {
            IrqSource::Disk => 0,
            IrqSource::Nic => 1,
            IrqSource::NicTx => 2,
            IrqSource::Timer => 3,
        };
        let v = match state {
            VcpuState::Running => 0,
            VcpuState::Halted => 1,
            VcpuState::Waiting => 2,
        };
        DELIVERY + s * 3 + v
    }
    pub const TIMER: usize = DELIVERY + SOURCES.len() * 3;
    pub const GUEST_SWITCH: usize = TIMER + 1;
    pub const HALT: usize = GUEST_SWITCH + 1;
    pub const VCPU_SWITCH: usize = HALT + 1;
    pub const BACKEND_SWITCH: usize = VCPU_SWITCH + 1;
    /// Spinlocks: a PAUSE-loop exit, a PV waiter halting, a PV kick.
    pub const LOCK_PLE: usize = BACKEND_SWITCH + 1;
    pub const LOCK_WAIT: usize = LOCK_PLE + 1;
    pub const LOCK_KICK: usize = LOCK_WAIT + 1;
    /// One hidden page fault of shadow paging.
    pub const HIDDEN_FAULT: usize = LOCK_KICK + 1;
    /// Host swapping: touching a swapped-out page, and its page-in completing.
    pub const SWAP_FAULT: usize = HIDDEN_FAULT + 1;
    pub const SWAP_RESUME: usize = SWAP_FAULT + 1;
    /// KSM: a write to a merged page.
    pub const COW_FAULT: usize = SWAP_RESUME + 1;
    /// One batch of a balloon inflating.
    pub const BALLOON_BATCH: usize = COW_FAULT + 1;
    /// Live migration: a write-protection fault of dirty logging; a full PML log.
    pub const DIRTY_FAULT: usize = FLUSH_ON_ENTRY + 1;
    pub const PML_FULL: usize = DIRTY_FAULT + 1;
    /// One free page report.
    pub const FREE_PAGE_REPORT: usize = BALLOON_BATCH + 1;
    /// A TLB shootdown: one IPI, and the wait for the running targets' acknowledgements.
    pub const SHOOTDOWN_IPI: usize = FREE_PAGE_REPORT + 1;
    /// PV send-IPI's one hypercall for all of a shootdown's IPIs (empty without it).
    pub const SHOOTDOWN_PV_SEND_IPI: usize = PML_FULL + 1;
    pub const SHOOTDOWN_ACK: usize = SHOOTDOWN_IPI + 1;
    /// A target's handling of a shootdown IPI, and PV TLB flush's flush on entry.
    pub const SHOOTDOWN_HANDLER: usize = SHOOTDOWN_ACK + 1;
    pub const FLUSH_ON_ENTRY: usize = SHOOTDOWN_HANDLER + 1;
    /// Host swapping: the reclaimed page's write to swap, when it is dirty.
    pub const SWAP_WRITEBACK: usize = SHOOTDOWN_PV_SEND_IPI + 1;
    pub const COUNT: usize = SWAP_WRITEBACK + 1;
}

struct GroupRt {
    /// Every path cost the group's items are made of, indexed by [`slot`].
    costs: Box<[PathCost; slot::COUNT]>,
    /// A desktop agent's `net_send` of n packets: its per-byte work beyond one packet's, by
    /// part, indexed by n (built when first needed: `desktop.rs`, `send_extra`).
    send_extra: Vec<Option<[PathCost; 3]>>,
    /// The same paths as ordered pieces, for the trace.
    pieces: Vec<Vec<Piece>>,
    /// Per operation: its guest submit steps, kick and inline back-end work summed
    /// (what most operations add to their item; see `push_op`).
    submit_kick_inline: [PathCost; Op::COUNT],
    /// Per operation, whether the back end's completion work runs inline (0, 1) and the
    /// interrupt's delivery (0: none, 1 + the vCPU state's index): the completion item's
    /// paths summed (what `start_completion` adds when untraced).
    completion: Box<[[[PathCost; 4]; 2]; Op::COUNT]>,
    batch_every: [u64; Op::COUNT],
    irq: [Option<crate::path::IrqSource>; Op::COUNT],
    sampler: OpSampler,
    workload: Workload,
    latency: Vec<Histogram>,
    hot_kib: u64,
    /// Cycles the host's disk is busy with one request of the workload, and its
    /// message's serialization on the NIC (`io::service_times`).
    disk_service: u64,
    net_wire: u64,
    /// Cycles a send of one message takes on the wire (`io::wire_cycles`).
    send_wire: Cycles,
    /// An inline emulated NIC's send: the cycles of its path after the device model sent
    /// the frame (the transmit-done interrupt taken inside the send, `tx_done_in_send`),
    /// by which the frame reached the NIC before the send's end (0 otherwise).
    send_after_frame: Cycles,
    /// Shadow paging: 4 KiB pages of an address space's working set (0 without shadow
    /// paging), each a hidden page fault after a switch whose root was not cached.
    shadow_pages: u64,
    /// Percent of operations that take the guest kernel's spinlock, and its hold time.
    lock_percent: u32,
    lock_hold: u64,
    /// Whether every operation the workload draws completes where it was issued and
    /// touches nothing its instance's other vCPUs share (no device, ring, spinlock,
    /// shootdown, batched part or desktop role): its vCPUs may run ahead (`run_ahead.rs`).
    ops_complete_in_place: bool,
}

/// What a finished machine hands back (serializable, so that a job run in another
/// web worker can hand it back: `runner::JobOutcome`).
#[derive(Clone, serde::Serialize, serde::Deserialize)]
#[doc(hidden)]
pub struct MachineOutcome {
    pub instances: Vec<InstanceCounters>,
    /// Per scenario group: latency histograms per operation.
    pub group_latency: Vec<(usize, Vec<Histogram>)>,
    pub busy: [u64; Category::COUNT],
    pub capacity: Cycles,
    pub events: u64,
    pub trace: Option<Trace>,
    /// The desktop sessions' figures, when the machine ran desktops.
    pub desktop: Option<crate::desktop::DesktopOutcome>,
    /// Memory snapshots over the run, the last at its end (empty unless asked for).
    pub memory_samples: Vec<MemorySnapshot>,
    /// Bytes the guests put on the host's NIC while a migration shared it.
    pub guest_tx_bytes: u64,
    /// What the machine did of a live migration.
    #[serde(default)]
    pub migration: Option<crate::memory::MigrationRecord>,
    /// Each instance's completed operations over the run (empty unless asked for).
    #[serde(default)]
    pub ops_samples: Vec<OpsSample>,
}

impl MachineOutcome {
    /// Whether this outcome has the shape a machine of `spec` gives: its instances in
    /// their groups' order, a latency histogram per operation for each group, desktop
    /// figures for each group exactly when a group is of desktops, and histograms whose
    /// parts agree. An outcome read back from elsewhere (a worker's bytes, a file) that
    /// does not fit would make the figures read past its vectors.
    pub fn fits(&self, spec: &MachineSpec) -> bool {
        let groups_of_instances = spec
            .groups
            .iter()
            .flat_map(|g| std::iter::repeat_n(g.scenario_index, g.count as usize));
        let latency_fits = self.group_latency.len() == spec.groups.len()
            && self
                .group_latency
                .iter()
                .zip(&spec.groups)
                .all(|((index, histograms), g)| {
                    *index == g.scenario_index
                        && histograms.len() == Op::COUNT
                        && histograms.iter().all(Histogram::is_consistent)
                });
        let desktops = spec.groups.iter().any(|g| g.desktop.is_some());
        let desktop_fits = match &self.desktop {
            None => !desktops,
            Some(d) => {
                desktops
                    && d.groups.len() == spec.groups.len()
                    && d.groups.iter().zip(&spec.groups).all(|(o, g)| {
                        o.as_ref().is_some_and(|o| o.latency.is_consistent()) == g.desktop.is_some()
                    })
            }
        };
        self.instances
            .iter()
            .map(|i| i.group)
            .eq(groups_of_instances)
            && latency_fits
            && desktop_fits
    }
}

/// The simulation of one platform.
#[doc(hidden)]
pub struct Machine {
    spec: MachineSpec,
    queue: EventQueue<Event>,
    pcpus: Vec<Pcpu>,
    idle_pcpus: Vec<u32>,
    entities: Vec<Entity>,
    threads: Vec<Thread>,
    instances: Vec<InstanceRt>,
    groups: Vec<GroupRt>,
    backends: Vec<BackendRt>,
    /// Per thread: where it is with its instance's guest kernel spinlock.
    lock_phase: Vec<locks::LockPhase>,
    /// Per instance: the guest kernel's spinlock, shared by its vCPUs.
    guest_locks: Vec<locks::GuestLock>,
    /// Per entity: its current PLE window (0: the base window; it grows at each
    /// PAUSE-loop exit and is reset when the vCPU is scheduled in).
    ple_windows: Vec<u64>,
    /// Per thread: where it is with a TLB shootdown.
    flush_phase: Vec<shootdown::FlushPhase>,
    /// Per thread: its socket's send buffer, the stretches of the wire its sends still to
    /// leave the host's NIC take (`io.rs`, `send_issued`; empty for a thread that never
    /// outran the wire).
    send_buffers: Vec<io::SendBuffer>,
    /// Per entity: the threads whose shootdown waits for this (preempted) vCPU to run.
    flush_waiters: Vec<Vec<u32>>,
    /// Per entity: shootdown IPIs it has still to handle, and whether PV TLB flush asked
    /// for a flush on its next entry.
    flush_pending: Vec<(u32, bool)>,
    /// Per entity: a transmit-completion event from the driver domain (netback's TX
    /// response) waiting for this vCPU to take it, and the vCPU's state when it came.
    tx_event: Vec<Option<crate::path::VcpuState>>,
    /// Per entity: this vCPU's event-channel send found the driver domain's vCPU running
    /// on another pCPU, or woke it onto another pCPU, and Xen's IPI to that pCPU is still
    /// to be sent from this one.
    event_ipi: Vec<Option<io::Dom0Ipi>>,
    runqueue: RunQueue,
    /// Fair share: (virtual runtime, pCPU, entity) of running entities, lower bounds
    /// refreshed lazily (see `min_running_vruntime`).
    running_vruntimes: BinaryHeap<Reverse<(u64, u32, u32)>>,
    enqueue_counter: u64,
    slice_cycles: Cycles,
    /// Fair share's slice by the number of entities running or queued (`sched::fair_slice`,
    /// worked out once for every count up to the entities'; empty under other schedulers).
    fair_slices: Vec<Cycles>,
    /// The wire's time of a socket's whole send buffer and of half of it (`io.rs`,
    /// `send_issued`).
    send_buffer_wire: (Cycles, Cycles),
    tick_cycles: Cycles,
    period_cycles: Cycles,
    disk_free_at: Cycles,
    nic_free_at: Cycles,
    /// When the NIC's transmit queue has sent everything queued (`io.rs`, `send_on_wire`);
    /// the migration stream's next segment, and the bytes the guests sent, while a
    /// migration shares the NIC (see `migration.rs`).
    tx_free_at: Cycles,
    migration_ready_at: Cycles,
    guest_tx_bytes: u64,
    migration: Option<migration::MigrationRt>,
    ops_samples: Vec<OpsSample>,
    background_rng: SimRng,
    busy: [u64; Category::COUNT],
    /// KiB brought into the shared cache so far (for displacement).
    cache_fill: u64,
    shared_cache_kib: u64,
    /// Cache state of the host's background processes (together).
    background_cache: CacheState,
    trace: Option<Trace>,
    /// The desktop sessions, when any group is a desktop.
    desktop: Option<Box<crate::desktop::session::Sessions>>,
    /// Memory snapshots taken so far.
    memory_samples: Vec<MemorySnapshot>,
    /// pCPUs running their items ahead of others' (see `run_ahead.rs`).
    run_ahead: run_ahead::RunAhead,
    /// Whether run-ahead can apply to this machine at all.
    run_ahead_possible: bool,
    /// Whether a vCPU's items may need any of the guest's rarer mechanisms: TLB
    /// shootdowns, netback's transmit events, the guest kernel's spinlock, balloon
    /// batches and free page reports, shadow paging's hidden faults, swapped or merged
    /// pages, a migration's dirty logging, desktop sessions. Without them (`false`) the
    /// state those mechanisms keep never leaves its idle value, so their checks are
    /// skipped.
    rare_guest: bool,
    /// Whether a fault has stopped any instance (`fault`): until then no entity is dead,
    /// and [`Machine::is_dead`] needs no look at its instance.
    any_dead: bool,
    finished: bool,
}

impl Machine {
    pub fn new(spec: MachineSpec) -> Machine {
        let per_us = spec.host.cycles_per_us();
        let per_ms = per_us * 1000;
        let mut groups = Vec::new();
        let mut entities = Vec::new();
        let mut threads = Vec::new();
        let mut instances = Vec::new();
        let slice_cycles = spec.time_slice_ms * per_ms;
        let period_cycles = match spec.scheduler {
            SchedulerKind::Credit => 30 * per_ms,
            _ => 100 * per_ms,
        };
        let shared_cache_kib = spec.host.shared_cache_kib();
        let mut desktop = spec.groups.iter().any(|g| g.desktop.is_some()).then(|| {
            Box::new(crate::desktop::session::Sessions::new(
                &spec.host,
                &spec.costs,
                spec.duration_cycles,
            ))
        });
        for (g_index, g) in spec.groups.iter().enumerate() {
            let builder = PathBuilder::for_host(&spec.stack, &spec.costs, &spec.host, &g.workload)
                .with_working_set_mib(g.working_set_mib);
            groups.push(GroupRt::build(&builder, &spec, g, shared_cache_kib));
            if let Some(d) = &mut desktop {
                d.add_group(g.desktop.clone());
            }
            for copy in 0..g.count {
                let instance = instances.len() as u32;
                let name = if g.count == 1 {
                    g.name.clone()
                } else {
                    format!("{}-{}", g.name, copy + 1)
                };
                let mut ready = VecDeque::new();
                let swapped_ppm = spec
                    .memory
                    .swapped_ppm
                    .get(instance as usize)
                    .copied()
                    .unwrap_or(0);
                let merged_ppm = spec
                    .memory
                    .merged_ppm
                    .get(instance as usize)
                    .copied()
                    .unwrap_or(0);
                // Threads: the workload's, or each user session's and its shared OS's.
                let mut plan: Vec<(Option<crate::desktop::Role>, u32)> = Vec::new();
                match (&g.desktop, &mut desktop) {
                    (Some(d), Some(sessions)) => {
                        // A fault that stops this instance stops its sessions.
                        let stop = spec
                            .faults
                            .iter()
                            .filter(|f| f.instances.contains(&instance))
                            .map(|f| f.at)
                            .min()
                            .unwrap_or(Cycles::MAX);
                        let per_session = d.roles();
                        let users = d.sessions.max(1);
                        for k in 0..users {
                            let user = u64::from(copy) * u64::from(users) + u64::from(k);
                            let agent = per_session
                                .iter()
                                .position(|&r| r == crate::desktop::Role::Agent)
                                .map(|i| (threads.len() + plan.len() + i) as u32);
                            let rng = SimRng::derived(
                                spec.seed,
                                &[0xDE5C, g.scenario_index as u64, user],
                            );
                            let session = sessions.add_session(rng, stop, agent);
                            plan.extend(per_session.iter().map(|&r| (Some(r), session)));
                            if k == 0 {
                                plan.extend(d.os_roles().into_iter().map(|r| (Some(r), session)));
                            }
                        }
                    }
                    _ => plan.extend((0..g.threads).map(|_| (None, 0))),
                }
                for (t, &(role, session)) in plan.iter().enumerate() {
                    let ids = [g.scenario_index as u64, u64::from(copy), t as u64];
                    let rng = SimRng::derived(spec.seed, &ids);
                    // A separate stream, so that the operations drawn stay the same on
                    // every platform whether or not memory is swapped.
                    let swap_rng = spec.memory.touches_pages(instance as usize).then(|| {
                        SimRng::derived(spec.seed, &[ids[0], ids[1], ids[2], swap::STREAM])
                    });
                    ready.push_back(threads.len() as u32);
                    threads.push(Thread {
                        instance,
                        rng,
                        burst_left: 0,
                        next_op: None,
                        pending: None,
                        shadow_cold: 0,
                        shadow_carry: 0,
                        shadow_paid: false,
                        shadow_evictable: false,
                        role,
                        session,
                        swap_pending: 0,
                        swap_writeback: 0,
                        swap_rng,
                        balloon_credit: u64::MAX / 2,
                        reply_on_wire_at: 0,
                        free_page_reports: if t == 0 {
                            spec.memory
                                .free_page_reports
                                .get(instance as usize)
                                .copied()
                                .unwrap_or(0)
                        } else {
                            0
                        },
                        balloon_batches: if t == 0 {
                            spec.memory
                                .balloon_batches
                                .get(instance as usize)
                                .copied()
                                .unwrap_or(0)
                        } else {
                            0
                        },
                    });
                }
                let first_entity = entities.len() as u32;
                for v in 0..g.vcpus {
                    let mut vcpu = Entity::new(
                        Owner::Vcpu(instance),
                        // A pin list of one entry per vCPU of every copy pins each copy to
                        // cores of its own (a group's local PCs); else every copy alike.
                        g.pin.as_ref().map(|p| {
                            let per_copy = copy * g.vcpus + v;
                            p[if (per_copy as usize) < p.len() && p.len() > g.vcpus as usize {
                                per_copy as usize
                            } else {
                                v as usize
                            }]
                        }),
                        u64::from(g.weight),
                        u64::from(g.cap_percent) * period_cycles / 100,
                    );
                    vcpu.cgroup_first = first_entity;
                    vcpu.cgroup_len = g.vcpus;
                    entities.push(vcpu);
                }
                instances.push(InstanceRt {
                    group: g_index as u32,
                    first_entity,
                    vcpus: g.vcpus,
                    ready,
                    halted: Vec::new(),
                    batch: [0; Op::COUNT],
                    rings: [Ring::default(); 2],
                    coalesced: Default::default(),
                    backend: [None; 2],
                    cache: CacheState::cold(groups[g_index].hot_kib),
                    dead: false,
                    shadow_roots: Vec::new(),
                    swapped_ppm,
                    merged_ppm,
                    disk_busy: false,
                    disk_waiting: VecDeque::new(),
                    counters: InstanceCounters {
                        group: g.scenario_index,
                        name,
                        ..InstanceCounters::default()
                    },
                });
            }
        }
        let backends = io::create_backends(
            spec.costs.backend_hot_kib.min(shared_cache_kib),
            &spec.stack,
            spec.dom0,
            &mut instances,
            &mut entities,
        );
        if spec.stack.kind == PlatformKind::Type2 && spec.background_percent > 0 {
            for _ in 0..spec.host.cores {
                entities.push(Entity::new(Owner::Background, None, 256, 0));
            }
        }
        if spec.memory.ksmd {
            entities.push(Entity::new(Owner::Ksmd, None, 256, 0));
        }
        let migration_rt = spec
            .memory
            .migration
            .as_ref()
            .filter(|m| (m.instance as usize) < instances.len())
            .map(|m| {
                entities.push(Entity::new(Owner::Migration, None, 256, 0));
                migration::MigrationRt::new(m, entities.len() as u32 - 1, spec.seed)
            });
        let cores = spec.host.cores;
        // Run-ahead needs steps that touch only their own pCPU (see `run_ahead.rs`).
        let run_ahead_possible = !spec.trace
            && desktop.is_none()
            && migration_rt.is_none()
            && groups.iter().any(|g| g.ops_complete_in_place);
        let rare_guest = desktop.is_some()
            || migration_rt.is_some()
            || (spec.stack.is_vm()
                && spec.stack.io == crate::platform::IoModel::Paravirtual
                && spec.stack.backend == crate::platform::BackendPlacement::DriverDomain)
            // An emulated NIC's transmit-done interrupts, when the machine delivers them
            // (`io.rs`, `tx_done`: the send's path does not take them, `tx_done_in_send`).
            || (spec.stack.is_vm()
                && spec.stack.io == crate::platform::IoModel::Emulated
                && (spec.stack.op_backend_is_scheduled(Op::NetSend)
                    || spec.stack.irq_coalesce_us > 0))
            || spec.stack.memory == crate::platform::MemoryVirtualization::Shadow
            || spec
                .groups
                .iter()
                .any(|g| g.workload.mix.tlb_shootdown > 0 || g.workload.lock_percent > 0)
            || (0..instances.len()).any(|i| spec.memory.touches_pages(i))
            || threads
                .iter()
                .any(|t| t.balloon_batches > 0 || t.free_page_reports > 0);
        let mut machine = Machine {
            run_ahead: run_ahead::RunAhead::new(run_ahead_possible, cores as usize),
            run_ahead_possible,
            rare_guest,
            any_dead: false,
            queue: EventQueue::default(),
            pcpus: vec![Pcpu::default(); cores as usize],
            idle_pcpus: (0..cores).rev().collect(),
            runqueue: RunQueue::new(cores as usize, entities.len()),
            running_vruntimes: BinaryHeap::new(),
            enqueue_counter: 0,
            slice_cycles,
            fair_slices: if spec.scheduler == crate::platform::SchedulerKind::Fair {
                (0..=entities.len() as u64)
                    .map(|waiting| sched::fair_slice(slice_cycles, &spec.host, waiting))
                    .collect()
            } else {
                Vec::new()
            },
            send_buffer_wire: {
                let buffer = spec.costs.socket_send_buffer_bytes;
                (
                    io::wire_cycles(&spec.host, buffer),
                    io::wire_cycles(&spec.host, buffer / 2),
                )
            },
            tick_cycles: per_us * 1_000_000 / TICK_HZ,
            period_cycles,
            disk_free_at: 0,
            nic_free_at: 0,
            tx_free_at: 0,
            migration_ready_at: 0,
            guest_tx_bytes: 0,
            migration: migration_rt,
            ops_samples: Vec::new(),
            background_rng: SimRng::derived(spec.seed, &[u64::MAX]),
            busy: [0; Category::COUNT],
            cache_fill: 0,
            shared_cache_kib,
            background_cache: CacheState::cold(spec.costs.backend_hot_kib.min(shared_cache_kib)),
            trace: spec
                .trace
                .then(|| Trace::new(spec.duration_cycles, spec.host.cores)),
            finished: false,
            memory_samples: Vec::new(),
            desktop,
            lock_phase: vec![locks::LockPhase::None; threads.len()],
            guest_locks: vec![locks::GuestLock::default(); instances.len()],
            ple_windows: vec![0; entities.len()],
            flush_phase: vec![shootdown::FlushPhase::None; threads.len()],
            send_buffers: vec![io::SendBuffer::default(); threads.len()],
            flush_waiters: vec![Vec::new(); entities.len()],
            flush_pending: vec![(0, false); entities.len()],
            tx_event: vec![None; entities.len()],
            event_ipi: vec![None; entities.len()],
            entities,
            threads,
            instances,
            groups,
            backends,
            spec,
        };
        // Back ends start idle: they run when there is work.
        for e in 0..machine.entities.len() as u32 {
            if matches!(machine.entities[e as usize].owner, Owner::Backend(_)) {
                machine.entities[e as usize].state = EntityState::Idle;
            } else {
                machine.enqueue(e, 0);
            }
        }
        // The first accounting at once (the periods start with the run). Under credit it
        // finds no active entity: each starts with no credit, UNDER, off the active list, as
        // Xen's credit1 starts a new vCPU (it earns once a tick finds it running, and turns
        // OVER only at an accounting that finds its credit spent).
        machine.queue.schedule(0, Event::Accounting);
        for (index, fault) in machine.spec.faults.iter().enumerate() {
            // A fault that reaches no instance (a host OS crash where there is no host OS)
            // changes nothing: no event, so the run is the same as without it.
            if fault.instances.is_empty() {
                continue;
            }
            machine.queue.schedule(
                fault.at,
                Event::Fault {
                    index: index as u32,
                },
            );
        }
        machine.schedule_memory_samples();
        machine.schedule_ops_samples();
        machine.start_checkpoint();
        machine.dispatch_idle(0);
        machine
    }

    /// Runs at most `budget` events. Returns true once the simulated duration is over.
    pub fn advance(&mut self, budget: u64) -> bool {
        if self.finished {
            return true;
        }
        let end = self.spec.duration_cycles;
        let start = self.queue.processed();
        while self.queue.processed() - start < budget {
            let Some((now, event)) = self.queue.pop_until(end) else {
                self.finished = true;
                return true;
            };
            match event {
                Event::ItemDone { pcpu, generation } => {
                    if self.pcpus[pcpu as usize].generation == generation {
                        if self.run_ahead.enabled {
                            // Steps ahead count against the budget too.
                            let left = budget - (self.queue.processed() - start);
                            self.item_done_running_ahead(pcpu, now, end, left);
                        } else {
                            self.item_done(pcpu, now);
                        }
                    }
                    continue;
                }
                Event::DeviceDone { thread } => self.device_done(thread, now),
                Event::BackgroundWake { entity } => self.make_runnable(entity, now),
                Event::Accounting => self.accounting(now),
                Event::MemorySample => self.memory_sample(now),
                Event::MigrationRoundEnd => self.migration_round_end(now),
                Event::OpsSample => self.ops_sample(now),
                Event::Fault { index } => self.fault(index as usize, now),
                Event::CoalesceFlush {
                    instance,
                    ring,
                    generation,
                } => self.coalesce_flush(instance as usize, ring as usize, generation, now),
                Event::FlushAck { entity } => self.flush_ack(entity, now),
            }
            self.run_ahead.touched();
        }
        false
    }

    /// The reference mode (`true`): every item's end passes through the event queue.
    /// By default a pCPU may run its next items at once, ahead of other pCPUs' pending
    /// item ends, where that cannot change anything (see `run_ahead.rs`); the events and
    /// their order are the same, so results are bit-identical either way.
    pub fn set_event_per_item(&mut self, on: bool) {
        self.run_ahead.enabled = !on && self.run_ahead_possible;
        // The reference mode does not keep the bounds up to date.
        self.run_ahead.touched();
    }

    /// Whether the machine has run to the end of its duration ([`Machine::advance`]
    /// returned true).
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// Simulated time reached so far (never decreases).
    pub fn now(&self) -> Cycles {
        self.queue.reached()
    }

    /// The simulated cycles the machine runs for.
    pub fn duration(&self) -> Cycles {
        self.spec.duration_cycles
    }

    pub fn events(&self) -> u64 {
        self.queue.processed()
    }

    /// Closes the books at the end of the duration: items still running are charged for
    /// the part inside the run.
    pub fn finish(mut self) -> MachineOutcome {
        let end = self.spec.duration_cycles;
        for p in 0..self.pcpus.len() as u32 {
            if self.pcpus[p as usize].item.is_some() {
                self.settle(p, end);
            }
        }
        for e in &mut self.entities {
            // A paused (or frozen) vCPU is not runnable on the host: no steal.
            if e.state == EntityState::Runnable && !e.paused {
                e.steal += end.saturating_sub(e.runnable_since);
            }
        }
        for e in &self.entities {
            if let Owner::Vcpu(i) = e.owner {
                let c = &mut self.instances[i as usize].counters;
                c.steal += e.steal;
                c.vcpu_time += end;
            }
        }
        if self.spec.memory.sample {
            self.memory_sample(end);
        }
        if self.spec.memory.ops_samples {
            self.ops_sample(end);
        }
        let group_latency = self
            .groups
            .iter()
            .zip(&self.spec.groups)
            .map(|(g, s)| (s.scenario_index, g.latency.clone()))
            .collect();
        MachineOutcome {
            instances: self.instances.into_iter().map(|i| i.counters).collect(),
            group_latency,
            busy: self.busy,
            capacity: end * u64::from(self.spec.host.cores),
            events: self.queue.processed(),
            trace: self.trace.map(Trace::finish),
            desktop: self.desktop.map(|d| d.finish()),
            memory_samples: self.memory_samples,
            guest_tx_bytes: self.guest_tx_bytes,
            migration: self.migration.map(|m| m.record),
            ops_samples: self.ops_samples,
        }
    }

    fn is_dead(&self, e: u32) -> bool {
        self.any_dead
            && match self.entities[e as usize].owner {
                Owner::Vcpu(i) => self.instances[i as usize].dead,
                _ => false,
            }
    }

    #[inline(always)]
    fn record(&mut self, instance: usize, op: Op, latency: Cycles) {
        let rt = &mut self.instances[instance];
        rt.counters.ops += 1;
        rt.counters.ops_by_kind[op.index()] += 1;
        let group = rt.group as usize;
        self.groups[group].latency[op.index()].record(latency);
    }

    /// A fault stops instances: their queued vCPUs leave the run queue, their threads are
    /// dropped, and an item already on a pCPU is discarded when it ends.
    fn fault(&mut self, index: usize, now: Cycles) {
        let victims = self.spec.faults[index].instances.clone();
        for i in victims {
            let Some(rt) = self.instances.get_mut(i as usize) else {
                continue;
            };
            if rt.dead {
                continue;
            }
            rt.dead = true;
            self.any_dead = true;
            rt.counters.stopped_at = Some(now);
            rt.ready.clear();
            rt.halted.clear();
            let entities = rt.first_entity..rt.first_entity + rt.vcpus;
            for e in entities {
                self.runqueue.remove(e);
                let ent = &mut self.entities[e as usize];
                if ent.state == EntityState::Runnable {
                    ent.state = EntityState::Idle;
                }
            }
        }
        self.dispatch_idle(now);
    }
}

impl GroupRt {
    /// The cost of path `index`.
    #[inline(always)]
    fn cost(&self, index: usize) -> &PathCost {
        &self.costs[index]
    }

    fn build(
        builder: &PathBuilder<'_>,
        spec: &MachineSpec,
        g: &GroupSpec,
        shared_cache_kib: u64,
    ) -> GroupRt {
        use crate::path::{Path, VcpuState};
        let mut costs = Box::new([PathCost::default(); slot::COUNT]);
        let mut pieces = vec![Vec::new(); slot::COUNT];
        let mut batch_every = [1; Op::COUNT];
        let mut irq = [None; Op::COUNT];
        let mut put = |index: usize, steps: &[crate::path::Step]| {
            costs[index] = PathCost::of_steps(steps);
            pieces[index] = trace::pieces_of(steps);
        };
        for op in Op::ALL {
            let path = builder.op_path(op);
            let parts = builder.op_costs(op);
            irq[op.index()] = parts.irq;
            batch_every[op.index()] = parts.submit.batch_every.max(1);
            use crate::path::Part;
            let pick = |steps: &[crate::path::Step], part: Part| -> Vec<crate::path::Step> {
                steps.iter().filter(|s| s.part == part).cloned().collect()
            };
            put(
                slot::op(op, slot::SUBMIT),
                &pick(&path.submit.steps, Part::Guest),
            );
            put(slot::op(op, slot::SUBMIT_BATCHED), &path.submit.batched);
            put(
                slot::op(op, slot::KICK),
                &pick(&path.submit.steps, Part::Kick),
            );
            put(
                slot::op(op, slot::BACKEND_SUBMIT),
                &pick(&path.submit.steps, Part::Backend),
            );
            put(
                slot::op(op, slot::BACKEND_COMPLETE),
                &pick(&path.complete.steps, Part::Backend),
            );
            put(
                slot::op(op, slot::COMPLETE),
                &pick(&path.complete.steps, Part::Guest),
            );
        }
        for (si, source) in slot::SOURCES.into_iter().enumerate() {
            for (vi, state) in [VcpuState::Running, VcpuState::Halted, VcpuState::Waiting]
                .into_iter()
                .enumerate()
            {
                put(
                    slot::DELIVERY + si * 3 + vi,
                    &builder.delivery_path(source, state).steps,
                );
            }
        }
        let timer = builder.op_path(Op::TimerInterrupt).submit.steps;
        put(slot::TIMER, &timer);
        let switch = builder.op_path(Op::GuestContextSwitch).submit.steps;
        put(slot::GUEST_SWITCH, &switch);
        put(slot::HALT, &builder.halt_path().steps);
        put(slot::VCPU_SWITCH, &builder.entity_switch_path().steps);
        let backend_switch: Path = builder.backend_switch_path();
        put(slot::BACKEND_SWITCH, &backend_switch.steps);
        // KVM (fair share) scans the VM for a directed yield; Xen (credit, round robin)
        // yields to whoever is next.
        let directed_yield = spec.scheduler == SchedulerKind::Fair;
        put(
            slot::LOCK_PLE,
            &builder.pause_loop_exit_path(directed_yield).steps,
        );
        put(slot::LOCK_WAIT, &builder.pv_wait_path().steps);
        put(slot::LOCK_KICK, &builder.pv_kick_path().steps);
        put(slot::HIDDEN_FAULT, &builder.hidden_fault_path().steps);
        put(
            slot::SWAP_FAULT,
            &crate::memory::swap_fault_steps(&spec.stack, &spec.costs, spec.host.cpu),
        );
        put(
            slot::SWAP_RESUME,
            &crate::memory::swap_resume_steps(&spec.stack, &spec.costs),
        );
        put(
            slot::SWAP_WRITEBACK,
            &crate::memory::swap_writeback_steps(&spec.stack, &spec.costs),
        );
        put(
            slot::BALLOON_BATCH,
            &crate::memory::balloon_batch_steps(&spec.stack, &spec.costs, spec.host.cpu),
        );
        put(
            slot::FREE_PAGE_REPORT,
            &crate::memory::free_page_report_steps(&spec.stack, &spec.costs, spec.host.cpu),
        );
        put(slot::SHOOTDOWN_IPI, &builder.shootdown_ipi_path().steps);
        put(
            slot::SHOOTDOWN_PV_SEND_IPI,
            &builder.shootdown_pv_send_ipi_path().steps,
        );
        put(slot::SHOOTDOWN_ACK, &builder.shootdown_ack_path().steps);
        put(
            slot::SHOOTDOWN_HANDLER,
            &builder.shootdown_handler_path().steps,
        );
        put(slot::FLUSH_ON_ENTRY, &builder.flush_on_entry_path().steps);
        put(
            slot::DIRTY_FAULT,
            &crate::memory::dirty_fault_steps(&spec.stack, &spec.costs, spec.host.cpu),
        );
        put(
            slot::PML_FULL,
            &crate::memory::pml_full_steps(&spec.costs, spec.host.cpu),
        );
        put(
            slot::COW_FAULT,
            &crate::memory::cow_fault_steps(&spec.stack, &spec.costs, spec.host.cpu),
        );
        let submit_kick_inline = Op::ALL.map(|op| {
            let mut sum = PathCost::default();
            for part in [slot::SUBMIT, slot::KICK, slot::BACKEND_SUBMIT] {
                sum.add(&costs[slot::op(op, part)]);
            }
            sum
        });
        let mut completion = Box::new([[[PathCost::default(); 4]; 2]; Op::COUNT]);
        for op in Op::ALL {
            for (inline, by_delivery) in completion[op.index()].iter_mut().enumerate() {
                for (d, sum) in by_delivery.iter_mut().enumerate() {
                    if inline == 1 {
                        sum.add(&costs[slot::op(op, slot::BACKEND_COMPLETE)]);
                    }
                    if let (Some(source), true) = (irq[op.index()], d > 0) {
                        let state =
                            [VcpuState::Running, VcpuState::Halted, VcpuState::Waiting][d - 1];
                        sum.add(&costs[slot::delivery(source, state)]);
                    }
                    sum.add(&costs[slot::op(op, slot::COMPLETE)]);
                }
            }
        }
        let (disk_service, net_wire) =
            io::service_times(&spec.host, g.workload.io_bytes, g.workload.message_bytes);
        let weights = g.workload.mix.weights();
        let ops_complete_in_place = g.workload.lock_percent == 0
            && g.desktop.is_none()
            && Op::ALL[..Op::MIX_COUNT]
                .iter()
                .zip(weights)
                .filter(|&(_, w)| w > 0)
                .all(|(&op, _)| {
                    let batched = &costs[slot::op(op, slot::SUBMIT_BATCHED)];
                    !op.blocks()
                        && io::ring_of(op).is_none()
                        && op != Op::TlbShootdown
                        && batched.total == 0
                        && !batched.has_exits
                });
        let send_after_frame = if builder.tx_done_in_send() {
            costs[slot::delivery(crate::path::IrqSource::NicTx, VcpuState::Waiting)].total
        } else {
            0
        };
        GroupRt {
            ops_complete_in_place,
            costs,
            send_extra: Vec::new(),
            pieces,
            batch_every,
            irq,
            sampler: OpSampler::new(&g.workload),
            workload: g.workload.clone(),
            latency: vec![Histogram::default(); Op::COUNT],
            hot_kib: cache::hot_set_kib(g.working_set_mib.saturating_mul(1024), shared_cache_kib),
            disk_service,
            net_wire,
            send_wire: io::wire_cycles(&spec.host, g.workload.message_bytes),
            send_after_frame,
            submit_kick_inline,
            completion,
            shadow_pages: if spec.stack.memory == crate::platform::MemoryVirtualization::Shadow {
                g.working_set_mib.saturating_mul(256)
            } else {
                0
            },
            lock_percent: g.workload.lock_percent.min(100),
            lock_hold: g.workload.lock_hold_cycles.max(1),
        }
    }
}
