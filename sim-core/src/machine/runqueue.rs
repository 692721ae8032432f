//! The host scheduler's run queue: runnable entities kept in the policy's order and split
//! by where they may run, so that picking the next entity for a pCPU and asking whether
//! anyone waits for it cost O(log n), whatever the number of pCPUs and runnable entities.
//!
//! Entities that may run anywhere share one heap; entities pinned to a pCPU wait in that
//! pCPU's heap; entities throttled by a cap wait apart until the next accounting
//! period. A key never changes while its entity is queued: the scheduler computes it at
//! insertion and re-keys the whole queue when the accounting period changes credits.

/// The scheduling key: lower runs first. The second element is the entity's enqueue
/// sequence number, unique per insertion (even; a Xen yielder takes the odd number behind
/// the entity it yields to, and two yielding behind one entity are ordered by entity),
/// so entries never tie.
pub(super) type Key = (u64, u64);

/// Where a queued entity may run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lane {
    Anywhere,
    Pinned(u32),
    Throttled,
}

/// Marks an entity that is in no heap of a position table.
const ABSENT: u32 = u32::MAX;

/// A binary min-heap of `(key, entity)` that can remove any entity: each entity's index
/// in the heap is kept in a position table shared by heaps no entity is in twice (the
/// lanes share one, the all-pinned heap has its own). Keys are unique, so the minimum,
/// and so every pick, is the same whatever the heap's layout.
#[derive(Debug, Default, Clone)]
struct IndexedHeap {
    items: Vec<(Key, u32)>,
}

impl IndexedHeap {
    fn first(&self) -> Option<(Key, u32)> {
        self.items.first().copied()
    }

    fn len(&self) -> usize {
        self.items.len()
    }

    fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn push(&mut self, item: (Key, u32), pos: &mut [u32]) {
        self.items.push(item);
        self.sift_up(self.items.len() - 1, pos);
    }

    /// Takes `e` (which is in this heap) out.
    fn remove(&mut self, e: u32, pos: &mut [u32]) {
        let i = pos[e as usize] as usize;
        pos[e as usize] = ABSENT;
        let last = self.items.pop().expect("a heap holding e is not empty");
        if i < self.items.len() {
            // The last entry fills the hole, then moves whichever way its key asks.
            self.items[i] = last;
            pos[last.1 as usize] = i as u32;
            if i > 0 && last < self.items[(i - 1) / 2] {
                self.sift_up(i, pos);
            } else {
                self.sift_down(i, pos);
            }
        }
    }

    fn sift_up(&mut self, mut i: usize, pos: &mut [u32]) {
        let item = self.items[i];
        while i > 0 {
            let parent = (i - 1) / 2;
            if item >= self.items[parent] {
                break;
            }
            self.items[i] = self.items[parent];
            pos[self.items[i].1 as usize] = i as u32;
            i = parent;
        }
        self.items[i] = item;
        pos[item.1 as usize] = i as u32;
    }

    fn sift_down(&mut self, mut i: usize, pos: &mut [u32]) {
        let item = self.items[i];
        let n = self.items.len();
        loop {
            let left = 2 * i + 1;
            if left >= n {
                break;
            }
            let right = left + 1;
            let child = if right < n && self.items[right] < self.items[left] {
                right
            } else {
                left
            };
            if item <= self.items[child] {
                break;
            }
            self.items[i] = self.items[child];
            pos[self.items[i].1 as usize] = i as u32;
            i = child;
        }
        self.items[i] = item;
        pos[item.1 as usize] = i as u32;
    }

    /// Empties the heap, marking its entities absent, and appends them to `out`.
    fn drain_into(&mut self, out: &mut Vec<u32>, pos: &mut [u32]) {
        for &(_, e) in &self.items {
            pos[e as usize] = ABSENT;
            out.push(e);
        }
        self.items.clear();
    }
}

#[derive(Debug, Default)]
pub(super) struct RunQueue {
    anywhere: IndexedHeap,
    /// Per pCPU: the entities pinned to it.
    pinned: Vec<IndexedHeap>,
    /// Every pinned entity, for the queue-wide minimum.
    pinned_all: IndexedHeap,
    throttled: IndexedHeap,
    /// Per entity: its key and lane while it is queued.
    slots: Vec<Option<(Key, Lane)>>,
    /// Per entity: its index in its lane's heap (`anywhere`, `pinned[p]` or `throttled`).
    lane_pos: Vec<u32>,
    /// Per entity: its index in `pinned_all`.
    pinned_all_pos: Vec<u32>,
}

impl RunQueue {
    pub(super) fn new(pcpus: usize, entities: usize) -> RunQueue {
        RunQueue {
            pinned: vec![IndexedHeap::default(); pcpus],
            slots: vec![None; entities],
            lane_pos: vec![ABSENT; entities],
            pinned_all_pos: vec![ABSENT; entities],
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
            Lane::Anywhere => self.anywhere.push((key, e), &mut self.lane_pos),
            Lane::Pinned(p) => {
                self.pinned_all.push((key, e), &mut self.pinned_all_pos);
                self.pinned[p as usize].push((key, e), &mut self.lane_pos)
            }
            Lane::Throttled => self.throttled.push((key, e), &mut self.lane_pos),
        }
    }

    /// Takes `e` off the queue; false if it was not queued.
    pub(super) fn remove(&mut self, e: u32) -> bool {
        let Some((_, lane)) = self.slots[e as usize].take() else {
            return false;
        };
        match lane {
            Lane::Anywhere => self.anywhere.remove(e, &mut self.lane_pos),
            Lane::Pinned(p) => {
                self.pinned_all.remove(e, &mut self.pinned_all_pos);
                self.pinned[p as usize].remove(e, &mut self.lane_pos)
            }
            Lane::Throttled => self.throttled.remove(e, &mut self.lane_pos),
        }
        true
    }

    /// The entity that `pcpu` would run next: the lowest key among those allowed on it.
    fn first_for(&self, pcpu: u32) -> Option<(Key, u32)> {
        let anywhere = self.anywhere.first();
        let pinned = self.pinned[pcpu as usize].first();
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

    /// The lowest key among the entities that may run (throttled ones wait apart: their
    /// keys are as old as their throttling).
    ///
    /// A match, not an iterator over the two: the array's iterator is 72 bytes, which wasm
    /// copies with `memory.copy` (a call out of the wasm code in V8) at every wake-up.
    #[inline]
    pub(super) fn min_eligible_key(&self) -> Option<Key> {
        match (self.anywhere.first(), self.pinned_all.first()) {
            (Some((a, _)), Some((b, _))) => Some(a.min(b)),
            (Some((key, _)), None) | (None, Some((key, _))) => Some(key),
            (None, None) => None,
        }
    }

    /// The lowest key among the entities allowed on `pcpu` whose key's first element is
    /// above `first` (a scan of the two heaps: asked at a Xen PAUSE-loop yield).
    pub(super) fn first_above(&self, pcpu: u32, first: u64) -> Option<Key> {
        self.anywhere
            .items
            .iter()
            .chain(&self.pinned[pcpu as usize].items)
            .filter(|&&((f, _), _)| f > first)
            .map(|&(key, _)| key)
            .min()
    }

    /// Empties the queue and returns its entities, in no particular order (the caller
    /// re-inserts them with fresh keys; keys are unique, so the order changes nothing).
    pub(super) fn drain(&mut self) -> Vec<u32> {
        let mut all: Vec<u32> = Vec::with_capacity(self.len());
        self.anywhere.drain_into(&mut all, &mut self.lane_pos);
        self.throttled.drain_into(&mut all, &mut self.lane_pos);
        for heap in &mut self.pinned {
            heap.drain_into(&mut all, &mut self.lane_pos);
        }
        let mut pinned = Vec::new();
        self.pinned_all
            .drain_into(&mut pinned, &mut self.pinned_all_pos);
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
        // The throttled entity's lower key does not count.
        assert_eq!(q.min_eligible_key(), Some((3, 2)));
        let mut drained = q.drain();
        drained.sort_unstable();
        assert_eq!(drained, vec![1, 2]);
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
        assert_eq!(q.pick(0), Some(0));
        assert_eq!(q.pick(0), None);
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
                    let above = list
                        .iter()
                        .filter(allowed)
                        .filter(|x| x.1 .0 > 25)
                        .map(|x| x.1)
                        .min();
                    assert_eq!(q.first_above(p, 25), above);
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
            assert_eq!(
                q.min_eligible_key(),
                list.iter().filter(|x| !x.3).map(|x| x.1).min()
            );
        }
    }
}
