//! A live migration by pre-copy inside the run (see `crate::memory::migration`).
//!
//! - The migration thread is a host entity, scheduled like ksmd: it copies one segment of
//!   `migration_segment_bytes` at `migration_copy_cycles_per_page` a page on a pCPU (host
//!   CPU taken from the guests), puts it on the link (at the link's rate, at most the
//!   NIC's) and prepares the next while it is on the wire. A round ends when its last
//!   segment has left; the next sends what the guest dirtied meanwhile.
//! - Dirty logging: during the pre-copy each operation of the migrated VM touches
//!   `page_touches_per_op` pages of its working set (1 by default, each uniform: an
//!   estimate), `page_write_percent` of the touches write; the first
//!   write to a page in a round takes a write-protection fault (or, with PML, is logged
//!   and every `pml_log_entries`th fills the log: one exit). Pages are exchangeable under
//!   uniform access, so a write hits an already dirty page with the chance dirty / W.
//! - When what is left can be sent within `max_downtime_ms` at the bandwidth the last
//!   round got (or the round limit is hit), the VM's vCPUs are paused (kept off the pCPUs)
//!   while the rest is sent: the stop-and-copy's downtime is a gap in the guest's run.
//!   Then it runs again (on the destination: the same simulated host). The paused time is
//!   not steal (a stopped vCPU thread is not runnable on the host).
//! - A container's checkpoint (`checkpoint`) has no pre-copy: it is frozen from the start
//!   (the cgroup freezer, kept off the pCPUs like a paused VM) while the thread dumps its
//!   working set onto the link, then restored: it stays frozen for `restore_cycles` more
//!   (its runtime, namespaces, cgroup and mounts set up on the destination) after the
//!   dump's last segment has left.
//! - The guests' packets share the host's NIC with the migration stream: per-flow fair
//!   queuing makes a guest's packet wait behind one migration segment when the stream has
//!   one ready (`migration_shares_wire`, called from the NIC's transmit queue,
//!   `io.rs`'s `send_on_wire`).
//! - Each instance's completed operations are sampled over the run (`OpsSample`), natively
//!   too, so that the runner measures the guest's throughput during the pre-copy against
//!   the native baseline's in the same window.

use super::item::Item;
use super::{slot, EntityState, Event, Machine};
use crate::engine::Cycles;
use crate::memory::{MigrationRecord, RoundRecord};
use crate::path::Category;
use crate::rng::SimRng;

/// Random-stream id of the dirty-logging draws (apart from the operation stream).
pub(super) const STREAM: u64 = 0x4D49_4752; // "MIGR"
/// Snapshots of each instance's completed operations over the run, when asked for.
pub const OPS_SAMPLES: u64 = 100;
/// Bytes per page.
const PAGE_BYTES: u64 = 4096;

/// A migration as the machine runs it.
#[derive(Debug, Clone, PartialEq)]
pub struct MachineMigration {
    /// Machine instance index of the migrated VM.
    pub instance: u32,
    pub link_gbit_s: f64,
    pub max_rounds: u32,
    pub max_downtime_ms: f64,
    /// The VM's configured memory (round 0 sends it all) and working set, pages.
    pub memory_pages: u64,
    pub working_set_pages: u64,
    /// Dirty logging by page-modification logging (nested paging on a CPU with PML).
    pub pml: bool,
    /// A container's checkpoint and restore (CRIU-like): frozen from the start of the run,
    /// no pre-copy; `memory_pages` is what the dump sends.
    pub checkpoint: bool,
    /// A checkpoint's restore on the destination once the dump is in, cycles: the
    /// container stays frozen meanwhile (`lifecycle::container_restore_steps`).
    pub restore_cycles: u64,
}

/// Completed operations of every instance at a cycle of the run.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OpsSample {
    pub at: Cycles,
    pub ops: Vec<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phase {
    PreCopy,
    StopCopy,
    /// A checkpoint's dump is in; the container is being restored on the destination.
    Restore,
    Done,
}

/// The migration's state during the run.
pub(super) struct MigrationRt {
    pub(super) entity: u32,
    pub(super) instance: u32,
    pub(super) phase: Phase,
    /// Pages of this round still to copy.
    left: u64,
    round_start: Cycles,
    round_sent: u64,
    /// Distinct working-set pages written since the round began.
    dirty: u64,
    /// When the link has sent every segment put on it.
    link_free_at: Cycles,
    rng: SimRng,
    /// Entries in the page-modification log.
    pml_logged: u64,
    pub(super) record: MigrationRecord,
}

impl MigrationRt {
    pub(super) fn new(spec: &MachineMigration, entity: u32, seed: u64) -> MigrationRt {
        let mut record = MigrationRecord::default();
        if spec.checkpoint {
            // Frozen from the start: the whole dump is the stop-and-copy.
            record.paused_at = Some(0);
            record.converged = true;
        }
        MigrationRt {
            entity,
            instance: spec.instance,
            phase: if spec.checkpoint {
                Phase::StopCopy
            } else {
                Phase::PreCopy
            },
            left: spec.memory_pages.max(1),
            round_start: 0,
            round_sent: 0,
            dirty: 0,
            link_free_at: 0,
            rng: SimRng::derived(seed, &[STREAM]),
            pml_logged: 0,
            record,
        }
    }
}

impl Machine {
    fn migration_spec(&self) -> &MachineMigration {
        self.spec
            .memory
            .migration
            .as_ref()
            .expect("a machine with a migration runtime has its spec")
    }

    /// The migration thread copies its next segment on `p`.
    pub(super) fn start_migration_copy(&mut self, p: u32, e: u32, now: Cycles) {
        let segment_pages = (self.spec.costs.migration_segment_bytes / PAGE_BYTES).max(1);
        let pages = match &self.migration {
            Some(m) if m.phase != Phase::Done && m.left > 0 => m.left.min(segment_pages),
            _ => {
                self.migration_sleep(p, e, None, now);
                return;
            }
        };
        let cycles = pages
            .saturating_mul(self.spec.costs.migration_copy_cycles_per_page)
            .max(1);
        self.plan(p, Item::MigrationCopy { pages }, None, 0, "migration copy");
        let refill = self.cache_refill(super::cache::CacheOwner::Background, cycles);
        self.plan_cycles(p, Category::HostOs, cycles + refill);
        self.start(p, now);
    }

    /// The entity on `p` stops running; it wakes at `until` if given.
    fn migration_sleep(&mut self, p: u32, e: u32, until: Option<Cycles>, now: Cycles) {
        self.leave_pcpu(p, now);
        self.entities[e as usize].state = EntityState::Idle;
        if let Some(at) = until {
            self.queue
                .schedule(at.max(now + 1), Event::BackgroundWake { entity: e });
        }
        self.schedule_next(p, now);
    }

    /// A segment of `pages` is copied: it goes on the link behind the previous ones.
    pub(super) fn migration_copy_done(&mut self, p: u32, e: u32, pages: u64, now: Cycles) {
        let per_us = self.spec.host.cycles_per_us();
        let link = self
            .migration_spec()
            .link_gbit_s
            .min(self.spec.host.nic_bandwidth_gbit_s as f64)
            .max(0.001);
        let wire =
            libm::ceil((pages * PAGE_BYTES * 8) as f64 * per_us as f64 / (link * 1000.0)) as Cycles;
        let copy = pages.saturating_mul(self.spec.costs.migration_copy_cycles_per_page);
        let Some(m) = self.migration.as_mut() else {
            return;
        };
        m.record.copy_cycles += copy;
        let start = now.max(m.link_free_at);
        m.link_free_at = start + wire.max(1);
        m.left = m.left.saturating_sub(pages);
        m.round_sent += pages;
        if m.left == 0 {
            let end = m.link_free_at;
            self.queue.schedule(end, Event::MigrationRoundEnd);
            self.migration_sleep(p, e, None, now);
        } else if start > now {
            // The next segment is prepared while this one is on the wire.
            self.migration_sleep(p, e, Some(start), now);
        } else {
            self.schedule_next(p, now);
        }
    }

    /// The last segment of a round has left: stop and copy, or the next round.
    pub(super) fn migration_round_end(&mut self, now: Cycles) {
        let per_ms = self.spec.host.cycles_per_us() as f64 * 1000.0;
        let (max_rounds, max_downtime_ms) = {
            let s = self.migration_spec();
            (s.max_rounds.max(1), s.max_downtime_ms)
        };
        let Some(m) = self.migration.as_mut() else {
            return;
        };
        match m.phase {
            Phase::PreCopy => {
                m.record.rounds.push(RoundRecord {
                    start: m.round_start,
                    end: now,
                    sent_pages: m.round_sent,
                    dirtied_pages: m.dirty,
                });
                // The time the rest would take at the bandwidth this round got.
                let took = now.saturating_sub(m.round_start).max(1) as f64;
                let left_ms = m.dirty as f64 * took / m.round_sent.max(1) as f64 / per_ms;
                let converged = left_ms <= max_downtime_ms;
                m.left = m.dirty;
                m.dirty = 0;
                m.round_start = now;
                m.round_sent = 0;
                if converged || m.record.rounds.len() as u32 >= max_rounds {
                    m.record.converged = converged;
                    m.phase = Phase::StopCopy;
                    m.record.paused_at = Some(now);
                    let (instance, left) = (m.instance, m.left);
                    self.pause_instance(instance, now);
                    if left == 0 {
                        self.migration_round_end(now);
                        return;
                    }
                }
                let entity = self.migration.as_ref().map_or(0, |m| m.entity);
                self.make_runnable(entity, now);
                self.dispatch_idle(now);
            }
            Phase::StopCopy => {
                m.record.stop_copy_pages = m.round_sent;
                let restore = self
                    .spec
                    .memory
                    .migration
                    .as_ref()
                    .filter(|s| s.checkpoint)
                    .map_or(0, |s| s.restore_cycles);
                let Some(m) = self.migration.as_mut() else {
                    return;
                };
                if restore > 0 {
                    // Still frozen while the destination sets the container up.
                    m.record.restore_cycles = restore;
                    m.phase = Phase::Restore;
                    self.queue.schedule(now + restore, Event::MigrationRoundEnd);
                    return;
                }
                m.record.resumed_at = Some(now);
                m.phase = Phase::Done;
                let instance = m.instance;
                self.resume_instance(instance, now);
            }
            Phase::Restore => {
                m.record.resumed_at = Some(now);
                m.phase = Phase::Done;
                let instance = m.instance;
                self.resume_instance(instance, now);
            }
            Phase::Done => {}
        }
    }

    /// One page touch of the operation planned on `p` for thread `t` may be the migrated
    /// VM's first write to a page in this round: dirty logging's fault (or PML's log)
    /// joins the item.
    pub(super) fn dirty_touch(&mut self, p: u32, t: u32) {
        let instance = self.threads[t as usize].instance;
        let write_percent = self.spec.costs.page_write_percent.min(100);
        let pml_entries = self.spec.costs.pml_log_entries.max(1);
        let (working_set, pml) = {
            let s = self.migration_spec();
            (s.working_set_pages.max(1), s.pml)
        };
        let Some(m) = self.migration.as_mut() else {
            return;
        };
        if m.phase != Phase::PreCopy || m.instance != instance {
            return;
        }
        if m.rng.below(100) >= write_percent || m.rng.below(working_set) < m.dirty {
            return;
        }
        m.dirty += 1;
        m.record.dirty_writes += 1;
        if pml {
            m.pml_logged += 1;
            if m.pml_logged >= pml_entries {
                m.pml_logged = 0;
                m.record.pml_exits += 1;
                self.plan_path(p, slot::PML_FULL);
            }
        } else {
            self.plan_path(p, slot::DIRTY_FAULT);
        }
    }

    /// A container's checkpoint freezes it at the start of the run (cgroup freezer).
    pub(super) fn start_checkpoint(&mut self) {
        if let Some(instance) = self
            .migration
            .as_ref()
            .filter(|m| m.phase == Phase::StopCopy)
            .map(|m| m.instance)
        {
            self.pause_instance(instance, 0);
        }
    }

    /// The stop-and-copy begins: the instance's vCPUs (a container's threads: the cgroup
    /// freezer) are kept off the pCPUs. The time they are paused is not steal: a paused
    /// vCPU thread is not runnable on the host (QEMU stops it), so the wait for a pCPU
    /// counted so far ends here and begins again at the resume.
    fn pause_instance(&mut self, instance: u32, now: Cycles) {
        let Some(rt) = self.instances.get(instance as usize) else {
            return;
        };
        for e in rt.first_entity..rt.first_entity + rt.vcpus {
            let ent = &mut self.entities[e as usize];
            ent.paused = true;
            ent.throttled = true;
            match ent.state {
                EntityState::Runnable => {
                    ent.steal += now.saturating_sub(ent.runnable_since);
                    ent.runnable_since = now;
                    self.runqueue.remove(e);
                    self.insert_queued(e);
                }
                EntityState::Running => {
                    let p = ent.pcpu;
                    if self.cut(p, now) {
                        self.schedule_next(p, now);
                    }
                }
                EntityState::Idle => {}
            }
        }
    }

    /// The stop-and-copy is over: the instance runs again.
    fn resume_instance(&mut self, instance: u32, now: Cycles) {
        let Some(rt) = self.instances.get(instance as usize) else {
            return;
        };
        let entities = rt.first_entity..rt.first_entity + rt.vcpus;
        // A stopped vCPU thread (or frozen process) sleeps: it comes back as a waking
        // entity does under fair share, without banking the time it was stopped.
        let floor = if self.spec.scheduler == crate::platform::SchedulerKind::Fair {
            self.wake_floor()
        } else {
            0
        };
        for e in entities {
            let ent = &mut self.entities[e as usize];
            ent.vruntime = ent.vruntime.max(floor);
            ent.paused = false;
            ent.throttled = ent.cap_cycles > 0 && ent.used_in_period >= ent.cap_cycles;
            if ent.state == EntityState::Runnable {
                // Waiting for a pCPU (steal) starts again now, not when it was paused.
                ent.runnable_since = now;
                self.runqueue.remove(e);
                self.insert_queued(e);
            }
        }
        self.dispatch_idle(now);
    }

    /// Schedules the snapshots of the instances' completed operations.
    pub(super) fn schedule_ops_samples(&mut self) {
        if !self.spec.memory.ops_samples {
            return;
        }
        let end = self.spec.duration_cycles;
        for k in 1..OPS_SAMPLES {
            let at = end * k / OPS_SAMPLES;
            if at > 0 && at < end {
                self.queue.schedule(at, Event::OpsSample);
            }
        }
    }

    /// Snapshot of the instances' completed operations.
    pub(super) fn ops_sample(&mut self, now: Cycles) {
        let ops = self.instances.iter().map(|i| i.counters.ops).collect();
        self.ops_samples.push(OpsSample { at: now, ops });
    }

    /// While a migration shares the host's NIC, a guest's send of `bytes` that would start
    /// on the wire at `start`: it waits behind one migration segment if the stream has one
    /// ready (per-flow fair queuing), and takes its wire time from the backlogged stream
    /// when the NIC is the migration's bottleneck. Returns when the send starts on the wire.
    pub(super) fn migration_shares_wire(
        &mut self,
        start: Cycles,
        bytes: u64,
        now: Cycles,
    ) -> Cycles {
        let Some(link_gbit_s) = self
            .migration
            .as_ref()
            .filter(|m| m.phase != Phase::Done)
            .and(self.spec.memory.migration.as_ref())
            .map(|m| m.link_gbit_s)
        else {
            return start;
        };
        let segment_bytes = self.spec.costs.migration_segment_bytes.max(1);
        let host = &self.spec.host;
        let per_us = host.cycles_per_us();
        let wire = |bytes: u64| super::io::wire_cycles(host, bytes);
        let mut start = start;
        if self.migration_ready_at <= start {
            // The migration's segment goes first; its next is ready a segment's time at
            // the link's rate later (never faster than the NIC).
            let link_bits_per_us = (link_gbit_s * 1000.0).max(1.0);
            let pace =
                libm::ceil(segment_bytes as f64 * 8.0 * per_us as f64 / link_bits_per_us) as Cycles;
            let segment = wire(segment_bytes);
            self.migration_ready_at = start + pace.max(segment);
            start += segment;
        }
        let on_wire = wire(bytes);
        self.guest_tx_bytes = self.guest_tx_bytes.saturating_add(bytes);
        let nic_gbit_s = self.spec.host.nic_bandwidth_gbit_s as f64;
        if let Some(m) = self.migration.as_mut() {
            if link_gbit_s >= nic_gbit_s && m.link_free_at > now {
                m.link_free_at += on_wire;
            }
        }
        start
    }
}
