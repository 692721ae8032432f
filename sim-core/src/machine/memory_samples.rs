//! Memory over time in the machine: at a fixed number of evenly spaced moments the machine
//! notes, per instance, how far its balloon and free page reports have got and whether it
//! still runs; the runner turns these snapshots into MiB with the memory plan
//! (`crate::memory::over_time`).

use super::{Event, Machine};
use crate::engine::Cycles;
use crate::memory::{InstanceProgress, MEMORY_SAMPLES};

/// The memory state of every instance (by machine index) at one moment.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MemorySnapshot {
    pub at: Cycles,
    pub instances: Vec<InstanceProgress>,
}

impl Machine {
    /// Schedules the snapshots at `k · duration / MEMORY_SAMPLES` for
    /// `k = 0 .. MEMORY_SAMPLES` (the last one is taken by `finish`).
    pub(super) fn schedule_memory_samples(&mut self) {
        if !self.spec.memory.sample {
            return;
        }
        let d = self.spec.duration_cycles;
        for k in 0..MEMORY_SAMPLES {
            let at = (u128::from(d) * u128::from(k) / u128::from(MEMORY_SAMPLES)) as Cycles;
            self.queue.schedule(at, Event::MemorySample);
        }
    }

    /// Notes every instance's memory state at `now`.
    pub(super) fn memory_sample(&mut self, now: Cycles) {
        let mut instances: Vec<InstanceProgress> = self
            .instances
            .iter()
            .map(|i| InstanceProgress {
                balloon_left: 0,
                reports_left: 0,
                stopped: i.dead,
            })
            .collect();
        for th in &self.threads {
            let i = &mut instances[th.instance as usize];
            i.balloon_left += th.balloon_batches;
            i.reports_left += th.free_page_reports;
        }
        let snap = MemorySnapshot { at: now, instances };
        self.memory_samples.push(snap);
    }
}
