//! Cache refills: what a switch really costs after the direct part. Each instance has a
//! cache-hot set (its working set, at most the shared cache). While other programs run,
//! what they bring into the shared cache displaces it in proportion; when its threads
//! compute again they refill the displaced part as they touch it, at
//! `cache_refill_per_kib` per KiB, touching `1 KiB per cache_touch_cycles_per_kib`
//! cycles of compute (Li, Ding, Shen, ExpCS 2007; virtualization-costs.md section 7).

use super::Machine;

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
}

impl Machine {
    /// An entity of `instance` starts on a pCPU after something else ran there: what
    /// others brought into the shared cache since the instance last started displaced
    /// that share of its hot set.
    pub(super) fn cache_switch_in(&mut self, instance: usize) {
        let size = self.shared_cache_kib.max(1);
        let fill = self.cache_fill;
        let c = &mut self.instances[instance].cache;
        let others = (fill - c.mark).saturating_sub(c.own - c.own_mark);
        let displaced = c.hot * others.min(size) / size;
        c.cold = (c.cold + displaced).min(c.hot);
        c.mark = fill;
        c.own_mark = c.own;
    }

    /// A program other than an instance (a back end, a host process) brings its own hot
    /// set into the shared cache.
    pub(super) fn cache_fill_other(&mut self, kib: u64) {
        self.cache_fill += kib;
    }

    /// The refill a compute burst of `burst` cycles of `instance` pays: the displaced
    /// part of its hot set that the burst touches.
    pub(super) fn cache_refill(&mut self, instance: usize, burst: u64) -> u64 {
        let c = &mut self.instances[instance].cache;
        if c.cold == 0 {
            return 0;
        }
        let touched = burst / self.spec.costs.cache_touch_cycles_per_kib.max(1);
        let kib = c.cold.min(touched);
        c.cold -= kib;
        c.own += kib;
        self.cache_fill += kib;
        kib * self.spec.costs.cache_refill_per_kib
    }
}
