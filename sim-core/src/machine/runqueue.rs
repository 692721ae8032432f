//! The host scheduler's run queue: runnable entities kept in the policy's order and split
//! by where they may run, so that picking the next entity for a pCPU and asking whether
//! anyone waits for it cost O(log n), whatever the number of pCPUs and runnable entities.
//!
//! Entities that may run anywhere share one ordered set; entities pinned to a pCPU wait in
//! that pCPU's set; entities throttled by a cap wait apart until the next accounting
//! period. A key never changes while its entity is queued: the scheduler computes it at
//! insertion and re-keys the whole queue when the accounting period changes credits.

use std::collections::BTreeSet;

/// The scheduling key: lower runs first. The second element is the entity's enqueue
/// sequence number, unique per insertion, so keys never tie.
pub(super) type Key = (u64, u64);

/// Where a queued entity may run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lane {
    Anywhere,
    Pinned(u32),
    Throttled,
}

#[derive(Debug, Default)]
pub(super) struct RunQueue {
    anywhere: BTreeSet<(Key, u32)>,
    /// Per pCPU: the entities pinned to it.
    pinned: Vec<BTreeSet<(Key, u32)>>,
    /// Every pinned entity, for the queue-wide minimum.
    pinned_all: BTreeSet<(Key, u32)>,
    throttled: BTreeSet<(Key, u32)>,
    /// Per entity: its key and lane while it is queued.
    slots: Vec<Option<(Key, Lane)>>,
}

impl RunQueue {
    pub(super) fn new(pcpus: usize, entities: usize) -> RunQueue {
        RunQueue {
            pinned: vec![BTreeSet::new(); pcpus],
            slots: vec![None; entities],
            ..RunQueue::default()
        }
    }

    pub(super) fn len(&self) -> usize {
        self.anywhere.len() + self.pinned_all.len() + self.throttled.len()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Queues `e` (not queued yet) with `key`.
    pub(super) fn insert(&mut self, e: u32, key: Key, affinity: Option<u32>, throttled: bool) {
        let lane = match (throttled, affinity) {
            (true, _) => Lane::Throttled,
            (false, Some(p)) => Lane::Pinned(p),
            (false, None) => Lane::Anywhere,
        };
        debug_assert!(self.slots[e as usize].is_none(), "entity queued twice");
        self.slots[e as usize] = Some((key, lane));
        match lane {
            Lane::Anywhere => self.anywhere.insert((key, e)),
            Lane::Pinned(p) => {
                self.pinned_all.insert((key, e));
                self.pinned[p as usize].insert((key, e))
            }
            Lane::Throttled => self.throttled.insert((key, e)),
        };
    }

    /// Takes `e` off the queue; false if it was not queued.
    pub(super) fn remove(&mut self, e: u32) -> bool {
        let Some((key, lane)) = self.slots[e as usize].take() else {
            return false;
        };
        match lane {
            Lane::Anywhere => self.anywhere.remove(&(key, e)),
            Lane::Pinned(p) => {
                self.pinned_all.remove(&(key, e));
                self.pinned[p as usize].remove(&(key, e))
            }
            Lane::Throttled => self.throttled.remove(&(key, e)),
        };
        true
    }

    /// The entity that `pcpu` would run next: the lowest key among those allowed on it.
    fn first_for(&self, pcpu: u32) -> Option<(Key, u32)> {
        let anywhere = self.anywhere.first().copied();
        let pinned = self.pinned[pcpu as usize].first().copied();
        match (anywhere, pinned) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Takes the next entity for `pcpu` off the queue.
    pub(super) fn pick(&mut self, pcpu: u32) -> Option<u32> {
        let (_, e) = self.first_for(pcpu)?;
        self.remove(e);
        Some(e)
    }

    pub(super) fn has_waiting_for(&self, pcpu: u32) -> bool {
        !self.anywhere.is_empty() || !self.pinned[pcpu as usize].is_empty()
    }

    /// The lowest key in the whole queue, throttled entities included.
    pub(super) fn min_key(&self) -> Option<Key> {
        [
            self.anywhere.first(),
            self.pinned_all.first(),
            self.throttled.first(),
        ]
        .into_iter()
        .flatten()
        .map(|&(key, _)| key)
        .min()
    }

    /// The entities allowed on `pcpu` whose key's first element is at most `max_first`,
    /// in no particular order.
    pub(super) fn eligible_up_to(
        &self,
        pcpu: u32,
        max_first: u64,
    ) -> impl Iterator<Item = u32> + '_ {
        let bound = ((max_first, u64::MAX), u32::MAX);
        self.anywhere
            .range(..=bound)
            .chain(self.pinned[pcpu as usize].range(..=bound))
            .map(|&(_, e)| e)
    }

    /// Empties the queue and returns its entities in key order within each lane (the
    /// caller re-inserts them with fresh keys).
    pub(super) fn drain(&mut self) -> Vec<u32> {
        let mut all: Vec<u32> = Vec::with_capacity(self.len());
        all.extend(self.anywhere.iter().map(|&(_, e)| e));
        all.extend(self.pinned_all.iter().map(|&(_, e)| e));
        all.extend(self.throttled.iter().map(|&(_, e)| e));
        self.anywhere.clear();
        self.pinned_all.clear();
        self.throttled.clear();
        for set in &mut self.pinned {
            set.clear();
        }
        for &e in &all {
            self.slots[e as usize] = None;
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_lowest_key_allowed_on_the_pcpu() {
        let mut q = RunQueue::new(2, 4);
        q.insert(0, (5, 1), None, false);
        q.insert(1, (3, 2), Some(1), false);
        q.insert(2, (1, 3), None, true);
        q.insert(3, (4, 4), Some(0), false);
        assert_eq!(q.len(), 4);
        // Entity 2 is throttled, entity 1 is pinned to pCPU 1: pCPU 0 takes entity 3 (4)
        // before entity 0 (5).
        assert_eq!(q.pick(0), Some(3));
        assert_eq!(q.pick(0), Some(0));
        assert_eq!(q.pick(0), None);
        assert!(q.has_waiting_for(1));
        assert!(!q.has_waiting_for(0));
        assert_eq!(q.min_key(), Some((1, 3)));
        assert_eq!(q.drain(), vec![1, 2]);
        assert!(q.is_empty() && !q.remove(1));
    }

    #[test]
    fn removes_a_chosen_entity() {
        let mut q = RunQueue::new(1, 3);
        q.insert(0, (0, 1), None, false);
        q.insert(1, (0, 2), Some(0), false);
        assert!(q.remove(1));
        assert!(!q.remove(1));
        assert!(!q.remove(2));
        assert_eq!(q.eligible_up_to(0, 0).collect::<Vec<_>>(), vec![0]);
    }

    /// The ordered queue picks exactly what a scan of an unordered list would (the scan
    /// the scheduler did before), over a long random sequence of operations.
    #[test]
    fn picks_what_a_linear_scan_picks() {
        let (pcpus, entities) = (4u32, 40u32);
        let mut q = RunQueue::new(pcpus as usize, entities as usize);
        // Reference: (entity, key, affinity, throttled).
        let mut list: Vec<(u32, Key, Option<u32>, bool)> = Vec::new();
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 33) % n
        };
        for seq in 0..20_000u64 {
            let e = next(u64::from(entities)) as u32;
            match next(4) {
                0 | 1 if !list.iter().any(|x| x.0 == e) => {
                    let key = (next(50), seq);
                    let affinity = (next(4) == 0).then(|| next(u64::from(pcpus)) as u32);
                    let throttled = next(10) == 0;
                    q.insert(e, key, affinity, throttled);
                    list.push((e, key, affinity, throttled));
                }
                2 => {
                    let p = next(u64::from(pcpus)) as u32;
                    let allowed =
                        |x: &&(u32, Key, Option<u32>, bool)| !x.3 && x.2.is_none_or(|a| a == p);
                    let expected = list.iter().filter(allowed).min_by_key(|x| x.1).map(|x| x.0);
                    assert_eq!(q.has_waiting_for(p), expected.is_some());
                    assert_eq!(q.pick(p), expected);
                    list.retain(|x| Some(x.0) != expected);
                }
                _ => {
                    let was = list.iter().any(|x| x.0 == e);
                    assert_eq!(q.remove(e), was);
                    list.retain(|x| x.0 != e);
                }
            }
            assert_eq!(q.len(), list.len());
            assert_eq!(q.min_key(), list.iter().map(|x| x.1).min());
        }
    }
}
