//! Memory over time in the machine: at a fixed number of evenly spaced moments the machine
//! notes, per instance, how far its balloon and free page reports have got and whether it
//! still runs; the runner turns these snapshots into MiB with the memory plan
//! (`crate::memory::over_time`). At each snapshot the instances take the swapped and
//! merged shares of the plan at that moment (KSM merging, a container filling its limit).

use super::{Event, Machine};
use crate::engine::Cycles;
use crate::memory::{sample_times, InstanceProgress, MEMORY_SAMPLES};

impl super::MachineMemory {
    /// Whether the operations of machine instance `i` ever touch swapped or merged pages
    /// (at the start or from a later snapshot on): its threads then draw those touches.
    pub(super) fn touches_pages(&self, i: usize) -> bool {
        let at = |v: &Vec<u32>| v.get(i).is_some_and(|&x| x > 0);
        at(&self.swapped_ppm)
            || at(&self.merged_ppm)
            || self
                .shares_at_samples
                .iter()
                .any(|s| s.get(i).is_some_and(|&(a, b)| a > 0 || b > 0))
    }
}

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
        let times = sample_times(self.spec.duration_cycles);
        for &at in times.iter().take(MEMORY_SAMPLES as usize) {
            self.queue.schedule(at, Event::MemorySample);
        }
    }

    /// Notes every instance's memory state at `now`, and from then on runs with the
    /// swapped and merged shares of the plan at that moment.
    pub(super) fn memory_sample(&mut self, now: Cycles) {
        let k = self.memory_samples.len();
        if let Some(shares) = self.spec.memory.shares_at_samples.get(k) {
            for (i, &(swapped, merged)) in self.instances.iter_mut().zip(shares) {
                i.swapped_ppm = swapped;
                i.merged_ppm = merged;
            }
        }
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
