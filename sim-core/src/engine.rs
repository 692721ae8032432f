//! The discrete-event core: a queue of plain events ordered by (time, tie key).
//!
//! Architecture Invariant: simulated time is an integer count of host cycles. Two events
//! at the same cycle fire in an order fixed by what they are, never by the order in which
//! the simulation happened to schedule them: a pCPU's item end (by pCPU index, then
//! generation) before any other event, other events in the order they were scheduled.
//! An event always schedules later events (an item lasts at least one cycle; other events
//! at the same cycle sort after every item end), so events fire in key order, and a pCPU
//! may run its items ahead of other pCPUs' (see `machine/run_ahead.rs`) without changing
//! what fires when. Idle time is skipped: the clock jumps to the next event.

/// Simulated time in host CPU cycles.
pub type Cycles = u64;

/// An item end's key: the time in the high 40 bits, then the pCPU (10 bits: at most
/// 1 024, `scenario::limits::MAX_CORES`) and the low 14 bits of the item's generation, so
/// that one 64-bit comparison orders item ends by (time, pCPU, generation). Every time
/// the run reaches fits in 40 bits (60 s at 10 GHz is 6·10¹¹ < 2⁴⁰ cycles); a later end
/// is kept at `ITEM_TIME_CAP`, past every run's end, where it is never popped. Of the
/// item ends of one pCPU at one cycle at most one is current (the others were cut, and
/// are counted but ignored when popped), so the generation's low bits order them as
/// well as all its bits would.
const ITEM_PCPU_SHIFT: u32 = 14;
const ITEM_TIME_SHIFT: u32 = 24;
const ITEM_TIME_CAP: Cycles = (1 << (64 - ITEM_TIME_SHIFT)) - 1;

/// Other events' key: the time in the high 64 bits and the scheduling sequence number in
/// the low ones.
type OtherKey = u128;

/// A scheduled event. Keys are unique (item ends: but for cut items' ends, see above),
/// so any correct priority queue pops them in the same order.
#[derive(Clone, Copy)]
struct Entry<K, E> {
    key: K,
    event: E,
}

/// A heap key: its event's time.
trait Key: Copy + Ord {
    fn time(self) -> Cycles;
}

impl Key for u64 {
    #[inline(always)]
    fn time(self) -> Cycles {
        self >> ITEM_TIME_SHIFT
    }
}

impl Key for OtherKey {
    #[inline(always)]
    fn time(self) -> Cycles {
        (self >> 64) as Cycles
    }
}

impl<K: Key, E> Entry<K, E> {
    #[inline]
    fn time(&self) -> Cycles {
        self.key.time()
    }
}

/// A binary min-heap on `Entry::key` (events are small `Copy` values, so entries move by
/// plain assignment).
///
/// Removal is lazy: a pop hands out the top entry but leaves it in `heap[0]`
/// (`top_taken`). Most handlers schedule an event next (the pCPU's next item), which then
/// *replaces* the top in one pass down the heap instead of a removal and an insertion; a
/// pop that finds the top still taken removes it first. Either way the heap holds the same
/// set of unique keys, so events pop in the same order.
struct Heap<K, E> {
    heap: Vec<Entry<K, E>>,
    /// `heap[0]` was already popped and is to be replaced or removed.
    top_taken: bool,
}

impl<K: Key, E: Copy> Heap<K, E> {
    fn new() -> Self {
        Heap {
            heap: Vec::new(),
            top_taken: false,
        }
    }

    #[inline(always)]
    fn push(&mut self, entry: Entry<K, E>) {
        if self.top_taken {
            // Replace-top: the popped entry's slot takes the new one.
            self.top_taken = false;
            self.sift_from_root(entry);
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

    /// Removes the entry handed out by the last pop, if no push replaced it.
    #[inline(always)]
    fn settle_top(&mut self) {
        if self.top_taken {
            self.top_taken = false;
            if let Some(last) = self.heap.pop() {
                if !self.heap.is_empty() {
                    self.sift_from_root(last);
                }
            }
        }
    }

    /// The time of the first entry (`Cycles::MAX` when empty); the top must be settled.
    #[inline(always)]
    fn first_time(&self) -> Cycles {
        self.heap.first().map_or(Cycles::MAX, Entry::time)
    }

    /// Puts `entry` in place of `heap[0]` (Floyd's method: the hole goes down to a leaf
    /// along the smaller children, then the entry sifts up from there; a new entry
    /// usually belongs near the bottom). An entry that comes before both children of the
    /// root stays there at once (a pCPU whose next item is the next event of its heap).
    #[inline(always)]
    fn sift_from_root(&mut self, entry: Entry<K, E>) {
        let heap = &mut self.heap[..];
        let len = heap.len();
        let mut pos = 0;
        let mut child = 1;
        if child < len {
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

/// A future-event list with a clock: item ends in one heap, every other event in another
/// (so that the time of the next event that is not an item end is known at once: see
/// [`EventQueue::next_other_time`]).
pub struct EventQueue<E> {
    items: Heap<u64, E>,
    others: Heap<OtherKey, E>,
    now: Cycles,
    /// The latest time processed so far (`now` can move back after a pCPU ran ahead).
    reached: Cycles,
    next_seq: u64,
    processed: u64,
}

impl<E: Copy> Default for EventQueue<E> {
    fn default() -> Self {
        EventQueue {
            items: Heap::new(),
            others: Heap::new(),
            now: 0,
            reached: 0,
            next_seq: 0,
            processed: 0,
        }
    }
}

impl<E: Copy> EventQueue<E> {
    /// The time of the event processed last.
    pub fn now(&self) -> Cycles {
        self.now
    }

    /// The latest time of any event processed so far: never decreases, unlike [`Self::now`]
    /// after a pCPU ran ahead of others ([`Self::run_directly`]).
    pub fn reached(&self) -> Cycles {
        self.reached
    }

    /// Number of events processed so far (popped, or run directly: [`Self::run_directly`]).
    pub fn processed(&self) -> u64 {
        self.processed
    }

    /// Schedules `event`, which is not an item end, at absolute time `time` (never before
    /// now). Events of this kind at the same cycle fire in the order they were scheduled,
    /// after every item end at that cycle.
    #[inline(always)]
    pub fn schedule(&mut self, time: Cycles, event: E) {
        let time = time.max(self.now);
        let key = (OtherKey::from(time) << 64) | OtherKey::from(self.next_seq);
        self.next_seq += 1;
        self.others.push(Entry { key, event });
    }

    /// Schedules the end of the item of generation `generation` on pCPU `pcpu` at `time`
    /// (later than now). Item ends at the same cycle fire by pCPU, then generation.
    #[inline(always)]
    pub fn schedule_item(&mut self, time: Cycles, pcpu: u32, generation: u32, event: E) {
        debug_assert!(pcpu < 1 << (ITEM_TIME_SHIFT - ITEM_PCPU_SHIFT));
        let key = (time.min(ITEM_TIME_CAP) << ITEM_TIME_SHIFT)
            | (u64::from(pcpu) << ITEM_PCPU_SHIFT)
            | u64::from(generation & ((1 << ITEM_PCPU_SHIFT) - 1));
        self.items.push(Entry { key, event });
    }

    /// Time of the next event, if any.
    pub fn peek_time(&mut self) -> Option<Cycles> {
        self.items.settle_top();
        self.others.settle_top();
        let empty = self.items.heap.is_empty() && self.others.heap.is_empty();
        (!empty).then(|| self.items.first_time().min(self.others.first_time()))
    }

    /// Time of the next pending event that is not an item end (`Cycles::MAX` if none).
    #[inline]
    pub fn next_other_time(&mut self) -> Cycles {
        self.others.settle_top();
        self.others.first_time()
    }

    /// Pops the next event if it happens no later than `limit`, advancing the clock.
    #[inline]
    pub fn pop_until(&mut self, limit: Cycles) -> Option<(Cycles, E)> {
        self.items.settle_top();
        self.others.settle_top();
        // At one cycle, item ends come first.
        let item_time = self.items.first_time();
        let (time, event) = if !self.items.heap.is_empty() && item_time <= self.others.first_time()
        {
            self.items.top_taken = true;
            (item_time, self.items.heap[0].event)
        } else {
            let top = self.others.heap.first()?;
            self.others.top_taken = true;
            (top.time(), top.event)
        };
        if time > limit {
            // Not taken after all.
            self.items.top_taken = false;
            self.others.top_taken = false;
            return None;
        }
        self.now = time;
        self.reached = self.reached.max(time);
        self.processed += 1;
        Some((time, event))
    }

    /// Counts an item end at `time` that the caller processes without scheduling it (a
    /// pCPU running ahead), and moves the clock there. Events counted this way are
    /// events like any other: `processed` is the same whichever way an item ends.
    #[inline(always)]
    pub fn run_directly(&mut self, time: Cycles) {
        self.now = time;
        self.reached = self.reached.max(time);
        self.processed += 1;
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
    fn item_ends_fire_first_at_a_cycle_by_pcpu_whatever_the_scheduling_order() {
        let mut q = EventQueue::default();
        q.schedule(10, "other");
        q.schedule_item(10, 3, 0, "pcpu 3");
        q.schedule_item(10, 1, 7, "pcpu 1, generation 7");
        q.schedule_item(10, 1, 2, "pcpu 1, generation 2");
        q.schedule_item(9, 5, 0, "pcpu 5 earlier");
        assert_eq!(q.next_other_time(), 10);
        let order: Vec<_> = std::iter::from_fn(|| q.pop_until(u64::MAX))
            .map(|(_, e)| e)
            .collect();
        assert_eq!(
            order,
            vec![
                "pcpu 5 earlier",
                "pcpu 1, generation 2",
                "pcpu 1, generation 7",
                "pcpu 3",
                "other"
            ]
        );
        assert_eq!(q.next_other_time(), Cycles::MAX);
    }

    #[test]
    fn item_keys_keep_their_order_past_the_packed_bits() {
        // The key packs 40 bits of time, 10 of pCPU and 14 of generation. An end past
        // 2^40 cycles (beyond any run's end) is kept at the cap and never popped before
        // it; generations that differ only above their low 14 bits (a cut item's end
        // and its successor's) both pop, by pCPU first.
        let mut q = EventQueue::default();
        q.schedule_item(1 << 45, 0, 0, "far");
        q.schedule_item(7, 1, (1 << 14) + 3, "pcpu 1, generation 16387");
        q.schedule_item(7, 1, 2, "pcpu 1, generation 2");
        q.schedule_item(7, 0, u32::MAX, "pcpu 0");
        q.schedule(7, "other");
        let limit = 60_000 * 10_000 * 1_000; // 60 s at 10 GHz
        let order: Vec<_> = std::iter::from_fn(|| q.pop_until(limit))
            .map(|(_, e)| e)
            .collect();
        assert_eq!(
            order,
            vec![
                "pcpu 0",
                "pcpu 1, generation 2",
                "pcpu 1, generation 16387",
                "other"
            ]
        );
        assert_eq!(q.peek_time(), Some(ITEM_TIME_CAP));
    }

    #[test]
    fn pop_until_respects_limit_and_skips_idle_time() {
        let mut q = EventQueue::default();
        q.schedule(1_000_000, ());
        assert!(q.pop_until(999_999).is_none());
        assert_eq!(q.now(), 0);
        assert_eq!(q.pop_until(2_000_000), Some((1_000_000, ())));
        assert_eq!(q.now(), 1_000_000);
        // A pCPU runs ahead of an earlier pending item end: `now` goes back to that end
        // when it is popped, `reached` stays.
        q.schedule_item(1_200_000, 0, 0, ());
        q.run_directly(1_500_000);
        assert_eq!((q.now(), q.processed()), (1_500_000, 2));
        assert_eq!(q.pop_until(u64::MAX), Some((1_200_000, ())));
        assert_eq!((q.now(), q.reached()), (1_200_000, 1_500_000));
    }

    #[test]
    fn the_queue_pops_in_the_order_a_sort_gives() {
        // 5 000 events at pseudo-random times (many equal), half of them item ends of
        // 8 pCPUs, scheduled in bursts between pops (so that many replace a popped
        // top): the pop order must be exactly the key order.
        let mut q = EventQueue::default();
        let mut popped = Vec::new();
        let mut x: u64 = 12345;
        let mut id = 0u32;
        let mut generation = [0u32; 8];
        let mut push = |q: &mut EventQueue<(u32, u32, u32)>, x: u64, id: u32| {
            let time = q.now() + 1 + (x >> 33) % 50;
            if (x >> 40) % 2 == 0 {
                let p = ((x >> 45) % 8) as usize;
                generation[p] += 1;
                q.schedule_item(time, p as u32, generation[p], (0, p as u32, generation[p]));
            } else {
                q.schedule(time, (1, id, 0));
            }
        };
        for round in 0..500 {
            for _ in 0..10 {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                push(&mut q, x, id);
                id += 1;
                if (x >> 20) % 3 == 0 {
                    if let Some(p) = q.pop_until(u64::MAX) {
                        popped.push(p);
                    }
                }
            }
            for _ in 0..(round % 7) {
                if let Some(p) = q.pop_until(u64::MAX) {
                    popped.push(p);
                }
            }
        }
        while let Some(p) = q.pop_until(u64::MAX) {
            popped.push(p);
        }
        assert_eq!(popped.len(), 5_000);
        assert_eq!(q.processed(), 5_000);
        for w in popped.windows(2) {
            // (time, kind: items first, then pCPU and generation or scheduling order)
            assert!(w[0] < w[1], "{w:?}");
        }
    }
}
