//! Cache refills: what a switch really costs after the direct part. Each instance has a
//! cache-hot set (its working set, at most the shared cache). While other programs run,
//! what they bring into the shared cache displaces it in proportion; when its threads
//! compute again they refill the displaced part as they touch it, at
//! `cache_refill_per_kib` per KiB, touching `1 KiB per cache_touch_cycles_per_kib`
//! cycles of compute (Li, Ding, Shen, ExpCS 2007; virtualization-costs.md section 7).

use super::Machine;

/// The part of a working set of `ws` KiB that the shared cache of `cache` KiB keeps
/// between two touches, and that a displacement therefore costs. A working set that fits
/// is kept whole. A larger one, touched evenly, hits only in a share `cache / ws` of its
/// accesses anyway, so a displaced cache costs that share of the cache's lines: the
/// refill a switch costs peaks when the working set fills the cache and falls beyond it
/// (an estimate from the even-touch assumption; the reference's section 7 summary of Li,
/// Ding, Shen, ExpCS 2007 has the indirect cost growing to over a millisecond when the
/// working set does not fit, which this does not reproduce: the model's compute bursts
/// do not slow for a working set beyond the cache either).
pub(super) fn hot_set_kib(ws: u64, cache: u64) -> u64 {
    if ws <= cache {
        ws
    } else {
        (u128::from(cache) * u128::from(cache) / u128::from(ws.max(1))) as u64
    }
}

/// Cache state of one instance, in KiB.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct CacheState {
    /// Cache-hot set: the working set, at most the shared cache.
    pub hot: u64,
    /// The part of it not in the cache now.
    pub cold: u64,
    /// The machine's fill counter when the instance last started running.
    pub mark: u64,
    /// KiB this instance itself brought in, and that counter at `mark`.
    pub own: u64,
    pub own_mark: u64,
}

impl CacheState {
    /// At start nothing is cached.
    pub fn cold(hot: u64) -> CacheState {
        CacheState {
            hot,
            cold: hot,
            ..CacheState::default()
        }
    }

    /// The refill that `cycles` of work pays (see [`Machine::cache_refill`]); `fill` is
    /// the machine's fill counter.
    #[inline(always)]
    pub fn refill(&mut self, costs: &crate::costs::CostTable, fill: &mut u64, cycles: u64) -> u64 {
        if self.cold == 0 {
            return 0;
        }
        let touch = costs.cache_touch_cycles_per_kib.max(1);
        let kib = self.cold.min(cycles / touch);
        self.cold -= kib;
        self.own += kib;
        *fill += kib;
        kib * costs.cache_refill_per_kib
    }
}

/// Whose cache-hot set a refill belongs to.
#[derive(Debug, Clone, Copy)]
pub(super) enum CacheOwner {
    Instance(usize),
    Backend(usize),
    Background,
}

impl Machine {
    fn cache_state(&mut self, owner: CacheOwner) -> &mut CacheState {
        match owner {
            CacheOwner::Instance(i) => &mut self.instances[i].cache,
            CacheOwner::Backend(b) => &mut self.backends[b].cache,
            CacheOwner::Background => &mut self.background_cache,
        }
    }

    /// An entity of `owner` starts on a pCPU after something else ran there: what
    /// others brought into the shared cache since `owner` last started displaced that
    /// share of its hot set.
    pub(super) fn cache_switch_in(&mut self, owner: CacheOwner) {
        let size = self.shared_cache_kib.max(1);
        let fill = self.cache_fill;
        let c = self.cache_state(owner);
        // A cut item gives back the refill it did not run (`cache_fill` and `own` fall
        // again), so either may be below its mark: nothing was brought in net.
        let others = fill
            .saturating_sub(c.mark)
            .saturating_sub(c.own.saturating_sub(c.own_mark));
        // The same quotient, without a division when it is all or nothing.
        let displaced = match others.min(size) {
            0 => 0,
            m if m == size && c.hot.checked_mul(size).is_some() => c.hot,
            m => c.hot * m / size,
        };
        c.cold = (c.cold + displaced).min(c.hot);
        c.mark = fill;
        c.own_mark = c.own;
    }

    /// The refill that `cycles` of work of `owner` pays: the displaced part of its hot
    /// set that the work touches (1 KiB per `cache_touch_cycles_per_kib`).
    pub(super) fn cache_refill(&mut self, owner: CacheOwner, cycles: u64) -> u64 {
        let mut fill = self.cache_fill;
        let costs = &self.spec.costs;
        let c = match owner {
            CacheOwner::Instance(i) => &mut self.instances[i].cache,
            CacheOwner::Backend(b) => &mut self.backends[b].cache,
            CacheOwner::Background => &mut self.background_cache,
        };
        let refill = c.refill(costs, &mut fill, cycles);
        self.cache_fill = fill;
        refill
    }
}
