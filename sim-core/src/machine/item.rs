//! What a pCPU runs: the kinds of work item (`Item`) the pCPU loop starts, charges and
//! cuts (`pcpu.rs`), with the plain data two of them carry: a back end's request (`Job`,
//! queued in `io.rs`) and how a spin ends (`SpinEnd`, decided in `locks.rs`).

use crate::engine::Cycles;
use crate::path::Category;
use crate::workload::Op;

/// What a pCPU is running.
#[derive(Debug, Clone, Copy)]
pub(super) enum Item {
    /// Switching to another entity (scheduler, state save/restore).
    Switch,
    GuestSwitch,
    /// The HLT path; the vCPU then polls or blocks.
    Halt,
    /// Halt polling: the vCPU spins in the host for work (preemptible).
    Poll,
    /// A cache refill and a compute burst (or the part of it that fits before the
    /// scheduler looks again), then the operation that ends it, if it is in this item.
    Work {
        thread: u32,
        refill: u64,
        burst: u64,
        op: Option<Op>,
    },
    /// A blocking operation's completion on the thread's vCPU.
    Completion {
        thread: u32,
        op: Op,
        started: Cycles,
    },
    /// A host background process's busy burst.
    Background,
    /// One scan of the host's KSM daemon.
    KsmScan,
    /// A live migration's thread copies `pages` onto the link.
    MigrationCopy {
        pages: u64,
    },
    /// One batch of a guest's balloon inflating, on the vCPU of `thread`.
    BalloonBatch {
        thread: u32,
    },
    /// A back end's work for one request.
    BackendJob {
        job: Job,
    },
    /// Spinning for the guest kernel's spinlock (preemptible), then the exit or halt
    /// that ends the spin, if any (see [`super::locks`]).
    Spin {
        thread: u32,
        end: SpinEnd,
        len: u64,
    },
    /// `hold` cycles of the critical section with the spinlock held (preemptible).
    Critical {
        thread: u32,
        hold: u64,
    },
    /// The releaser of a PV spinlock kicks the halted vCPU `target`.
    Kick {
        target: u32,
    },
    /// The operation after a critical section; its latency counts from `started`, when
    /// the thread went for the lock.
    LockedOp {
        thread: u32,
        op: Op,
        started: Cycles,
    },
    /// A target vCPU handles shootdown IPIs (or flushes on entry).
    FlushHandler,
    /// A vCPU takes a transmit-completion event from the driver domain (see
    /// [`super::io`]'s `tx_completion_event`).
    TxEvent,
    /// Xen sends the event-check IPI of a vCPU's event-channel send to the pCPU where the
    /// driver domain's vCPU runs (see [`super::io`]'s `start_event_ipi`).
    EventIpi,
    /// A TLB shootdown's IPIs and the wait for the running targets (see
    /// [`super::shootdown`]).
    FlushSend {
        thread: u32,
    },
    /// Spinning for a preempted target's acknowledgement (preemptible), then the
    /// PAUSE-loop exit that ends the spin, if any.
    FlushSpin {
        thread: u32,
        end: SpinEnd,
        len: u64,
    },
}

impl Item {
    /// The category of the item's preemptible compute.
    pub(super) fn compute_category(self) -> Category {
        match self {
            Item::Poll => Category::Hypervisor,
            Item::Spin { .. } | Item::Critical { .. } | Item::FlushSpin { .. } => {
                Category::GuestKernel
            }
            _ => Category::GuestUser,
        }
    }

    /// Whether the item starts with preemptible compute.
    pub(super) fn is_compute(self) -> bool {
        matches!(
            self,
            Item::Work { .. }
                | Item::Poll
                | Item::Spin { .. }
                | Item::Critical { .. }
                | Item::FlushSpin { .. }
        )
    }
}

/// A request or completion waiting for a back end.
#[derive(Debug, Clone, Copy)]
pub(super) struct Job {
    pub thread: u32,
    pub op: Op,
    pub complete: bool,
    /// Packets of a send (a desktop agent's large-send segment; 1 otherwise).
    pub packets: u8,
}

/// How a spin item ends if the lock does not come first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SpinEnd {
    /// The scheduler looks again (slice end, credit tick, cap).
    Room,
    /// The PLE window is used up: a PAUSE-loop exit.
    PauseLoop,
    /// The PV spin threshold is reached: the waiter halts.
    PvWait,
}
