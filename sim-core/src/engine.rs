//! The discrete-event core: a queue of plain events ordered by (time, sequence number).
//!
//! Architecture Invariant: simulated time is an integer count of host cycles; two events
//! at the same cycle fire in the order they were scheduled. Idle time is skipped: the
//! clock jumps to the next event.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Simulated time in host CPU cycles.
pub type Cycles = u64;

struct Entry<E> {
    time: Cycles,
    seq: u64,
    event: E,
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        self.time == other.time && self.seq == other.seq
    }
}
impl<E> Eq for Entry<E> {}
impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Entry<E> {
    // Reversed: BinaryHeap is a max-heap and we want the earliest event first.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.time, other.seq).cmp(&(self.time, self.seq))
    }
}

/// A future-event list with a clock.
pub struct EventQueue<E> {
    heap: BinaryHeap<Entry<E>>,
    now: Cycles,
    next_seq: u64,
    processed: u64,
}

impl<E> Default for EventQueue<E> {
    fn default() -> Self {
        EventQueue {
            heap: BinaryHeap::new(),
            now: 0,
            next_seq: 0,
            processed: 0,
        }
    }
}

impl<E> EventQueue<E> {
    pub fn now(&self) -> Cycles {
        self.now
    }

    /// Number of events popped so far.
    pub fn processed(&self) -> u64 {
        self.processed
    }

    /// Schedules `event` at absolute time `time` (never before now).
    pub fn schedule(&mut self, time: Cycles, event: E) {
        let time = time.max(self.now);
        self.heap.push(Entry {
            time,
            seq: self.next_seq,
            event,
        });
        self.next_seq += 1;
    }

    /// Time of the next event, if any.
    pub fn peek_time(&self) -> Option<Cycles> {
        self.heap.peek().map(|e| e.time)
    }

    /// Pops the next event if it happens no later than `limit`, advancing the clock.
    pub fn pop_until(&mut self, limit: Cycles) -> Option<(Cycles, E)> {
        if self.heap.peek()?.time > limit {
            return None;
        }
        let entry = self.heap.pop()?;
        self.now = entry.time;
        self.processed += 1;
        Some((entry.time, entry.event))
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
        // 5 000 events at pseudo-random times (many equal), scheduled in bursts between
        // pops: the pop order must be exactly (time, scheduling order).
        let mut q = EventQueue::default();
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
        // Every event pops once, times never go back, and equal times keep their order.
        assert_eq!(popped.len(), 5_000);
        for w in popped.windows(2) {
            assert!(
                w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 < w[1].1),
                "{w:?}"
            );
        }
    }
}
