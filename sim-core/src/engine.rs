//! The discrete-event core: a queue of plain events ordered by (time, sequence number).
//!
//! Architecture Invariant: simulated time is an integer count of host cycles; two events
//! at the same cycle fire in the order they were scheduled. Idle time is skipped: the
//! clock jumps to the next event.

/// Simulated time in host CPU cycles.
pub type Cycles = u64;

/// A scheduled event. `key` is the time in the high 64 bits and the sequence number in
/// the low ones, so that one integer comparison orders by (time, sequence); keys are
/// unique, so any correct priority queue pops them in the same order.
#[derive(Clone, Copy)]
struct Entry<E> {
    key: u128,
    event: E,
}

impl<E> Entry<E> {
    #[inline]
    fn time(&self) -> Cycles {
        (self.key >> 64) as Cycles
    }
}

/// A future-event list with a clock: a binary min-heap on `Entry::key` (events are
/// small `Copy` values, so entries move by plain assignment).
///
/// Removal is lazy: [`EventQueue::pop_until`] hands out the top entry but leaves it in
/// `heap[0]` (`top_taken`). Most handlers schedule an event next (the pCPU's next item),
/// which then *replaces* the top in one pass down the heap instead of a removal and an
/// insertion; a pop that finds the top still taken removes it first. Either way the heap
/// holds the same set of unique keys, so events pop in the same order.
///
/// Local loops: when the entry that replaces the top comes before both children of the
/// root, it *is* the next event (a pCPU whose next item ends before anything else
/// pending), and it takes the root slot at once instead of a pass down the heap and back
/// up. The heap stays a valid heap of the same keys, so the pop order is unchanged; the
/// reference mode ([`EventQueue::set_local_loops`] off) always takes the full pass.
pub struct EventQueue<E> {
    heap: Vec<Entry<E>>,
    /// `heap[0]` was already popped and is to be replaced or removed.
    top_taken: bool,
    /// Whether an entry that comes next takes the root at once (see above).
    local_loops: bool,
    now: Cycles,
    next_seq: u64,
    processed: u64,
}

impl<E> Default for EventQueue<E> {
    fn default() -> Self {
        EventQueue {
            heap: Vec::new(),
            top_taken: false,
            local_loops: true,
            now: 0,
            next_seq: 0,
            processed: 0,
        }
    }
}

impl<E: Copy> EventQueue<E> {
    pub fn now(&self) -> Cycles {
        self.now
    }

    /// Turns local loops on (the default) or off (the reference mode: every entry that
    /// replaces the top passes down the heap). The pop order is the same either way.
    pub fn set_local_loops(&mut self, on: bool) {
        self.local_loops = on;
    }

    /// Number of events popped so far.
    pub fn processed(&self) -> u64 {
        self.processed
    }

    /// Schedules `event` at absolute time `time` (never before now).
    #[inline(always)]
    pub fn schedule(&mut self, time: Cycles, event: E) {
        let time = time.max(self.now);
        let entry = Entry {
            key: (u128::from(time) << 64) | u128::from(self.next_seq),
            event,
        };
        self.next_seq += 1;
        if self.top_taken {
            // Replace-top: the popped entry's slot takes the new one.
            self.top_taken = false;
            self.sift_from_root(entry, self.local_loops);
            return;
        }
        // Sift up: move parents down into the hole until the entry's place is found.
        let mut pos = self.heap.len();
        self.heap.push(entry);
        let heap = &mut self.heap[..];
        while pos > 0 {
            let parent = (pos - 1) / 2;
            if entry.key >= heap[parent].key {
                break;
            }
            heap[pos] = heap[parent];
            pos = parent;
        }
        heap[pos] = entry;
    }

    /// Time of the next event, if any.
    pub fn peek_time(&mut self) -> Option<Cycles> {
        self.settle_top();
        self.heap.first().map(Entry::time)
    }

    /// Removes the entry handed out by the last pop, if no schedule replaced it.
    #[inline(always)]
    fn settle_top(&mut self) {
        if self.top_taken {
            self.top_taken = false;
            if let Some(last) = self.heap.pop() {
                if !self.heap.is_empty() {
                    self.sift_from_root(last, false);
                }
            }
        }
    }

    /// Pops the next event if it happens no later than `limit`, advancing the clock.
    #[inline]
    pub fn pop_until(&mut self, limit: Cycles) -> Option<(Cycles, E)> {
        self.settle_top();
        let top = *self.heap.first()?;
        if top.time() > limit {
            return None;
        }
        self.top_taken = true;
        self.now = top.time();
        self.processed += 1;
        Some((top.time(), top.event))
    }

    /// Puts `entry` in place of `heap[0]` (Floyd's method: the hole goes down to a leaf
    /// along the smaller children, then the entry sifts up from there; a new entry
    /// usually belongs near the bottom). With `next_first`, an entry that comes before the
    /// root's smaller child stays at the root (a local loop: it is the next event).
    #[inline(always)]
    fn sift_from_root(&mut self, entry: Entry<E>, next_first: bool) {
        let heap = &mut self.heap[..];
        let len = heap.len();
        let mut pos = 0;
        let mut child = 1;
        if next_first && child < len {
            // The first level of the loop below, with the comparison that stops it.
            if child + 1 < len {
                child += usize::from(heap[2].key < heap[1].key);
            }
            if entry.key < heap[child].key {
                heap[0] = entry;
                return;
            }
            heap[0] = heap[child];
            pos = child;
            child = 2 * pos + 1;
        }
        while child + 1 < len {
            // Branch-free: which child is smaller is unpredictable.
            child += usize::from(heap[child + 1].key < heap[child].key);
            heap[pos] = heap[child];
            pos = child;
            child = 2 * pos + 1;
        }
        if child < len {
            heap[pos] = heap[child];
            pos = child;
        }
        while pos > 0 {
            let parent = (pos - 1) / 2;
            if entry.key >= heap[parent].key {
                break;
            }
            heap[pos] = heap[parent];
            pos = parent;
        }
        heap[pos] = entry;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_fire_in_time_then_sequence_order() {
        let mut q = EventQueue::default();
        q.schedule(10, "b");
        q.schedule(5, "a");
        q.schedule(10, "c");
        let order: Vec<_> = std::iter::from_fn(|| q.pop_until(u64::MAX)).collect();
        assert_eq!(order, vec![(5, "a"), (10, "b"), (10, "c")]);
        assert_eq!(q.processed(), 3);
    }

    #[test]
    fn pop_until_respects_limit_and_skips_idle_time() {
        let mut q = EventQueue::default();
        q.schedule(1_000_000, ());
        assert!(q.pop_until(999_999).is_none());
        assert_eq!(q.now(), 0);
        assert_eq!(q.pop_until(2_000_000), Some((1_000_000, ())));
        assert_eq!(q.now(), 1_000_000);
    }

    #[test]
    fn the_queue_pops_in_the_order_a_sort_gives() {
        // 5 000 events at pseudo-random times (many equal, many before everything
        // pending, so that local loops place them at the root), scheduled in bursts
        // between pops: the pop order must be exactly (time, scheduling order), and the
        // same with and without local loops.
        let with_loops = pop_order(true);
        assert_eq!(with_loops.len(), 5_000);
        check_order(&with_loops);
        assert_eq!(with_loops, pop_order(false));
    }

    fn pop_order(local_loops: bool) -> Vec<(u64, u32)> {
        let mut q = EventQueue::default();
        q.set_local_loops(local_loops);
        let mut popped = Vec::new();
        let mut x: u64 = 12345;
        let mut id = 0u32;
        for round in 0..500 {
            for _ in 0..10 {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let time = q.now() + (x >> 33) % 50;
                q.schedule(time, id);
                id += 1;
                // A pop then a schedule: the schedule replaces the taken top.
                if (x >> 20) % 3 == 0 {
                    if let Some((t, e)) = q.pop_until(u64::MAX) {
                        popped.push((t, e));
                    }
                }
            }
            for _ in 0..(round % 7) {
                if let Some((t, e)) = q.pop_until(u64::MAX) {
                    popped.push((t, e));
                }
            }
        }
        while let Some((t, e)) = q.pop_until(u64::MAX) {
            popped.push((t, e));
        }
        popped
    }

    fn check_order(popped: &[(u64, u32)]) {
        for w in popped.windows(2) {
            assert!(
                w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 < w[1].1),
                "{w:?}"
            );
        }
    }
}
