//! A live migration's traffic on the host's NIC while the run goes on (the run is a
//! window of the pre-copy): the migration stream is always backlogged, and the NIC's
//! transmit queue serves flows in turn (per-flow fair queuing, as Linux's default
//! `fq_codel` does), so a guest's packet waits behind one migration segment of
//! `migration_segment_bytes` whenever the stream has one ready (it makes them at the
//! migration link's rate). A guest that answers a request and then waits for the next
//! one waits that much longer: its client sees the answer later. The bytes the guests
//! put on the NIC are counted so that the migration, in turn, gets only what they leave
//! of the NIC (`crate::memory::precopy`).

use super::Machine;
use crate::engine::Cycles;

impl Machine {
    /// A guest's packet of thread `thread` reaches the host's NIC at `now` while a
    /// migration runs: it waits for the transmit queue (and one migration segment if one
    /// is ready), then goes on the wire; the thread's next request cannot arrive before.
    pub(super) fn guest_send_on_nic(&mut self, thread: u32, now: Cycles) {
        let Some(link_gbit_s) = self.spec.memory.migration_gbit_s else {
            return;
        };
        let segment_bytes = self.spec.costs.migration_segment_bytes.max(1);
        let host = &self.spec.host;
        let per_us = host.cycles_per_us();
        let nic_bits_per_us = host.nic_bandwidth_gbit_s.saturating_mul(1000).max(1);
        let wire = |bytes: u64| bytes * 8 * per_us / nic_bits_per_us;
        let mut start = now.max(self.tx_free_at);
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
        let instance = self.threads[thread as usize].instance as usize;
        let bytes = self.groups[self.instances[instance].group as usize]
            .workload
            .message_bytes;
        self.tx_free_at = start + wire(bytes);
        self.guest_tx_bytes = self.guest_tx_bytes.saturating_add(bytes);
        self.threads[thread as usize].reply_on_wire_at = self.tx_free_at;
    }
}
