//! The machine's side of desktop sessions: the hooks through which a desktop's threads take their
//! next burst and operation from [`crate::desktop::session`], learn when their waits end,
//! plan the protocol agent's wake-up when the screen changes, charge an agent's send of many
//! packets (a large-send segment) its per-byte work, and hand the agent's packets to the host
//! NIC once the guest's `net_send` path (and its back end) has run.

use super::{slot, Event, Machine};
use crate::desktop::Role;
use crate::engine::Cycles;
use crate::path::{Category, Part, PathBuilder, PathCost};
use crate::workload::{Op, Workload};

/// The parts of a `net_send` whose per-byte work grows with the bytes of one send: the
/// guest's submit, the kick, the back end's work ([`Machine::send_extra`]).
const SEND_PARTS: [(Part, usize); 3] = [
    (Part::Guest, slot::SUBMIT),
    (Part::Kick, slot::KICK),
    (Part::Backend, slot::BACKEND_SUBMIT),
];

impl Machine {
    /// The next burst and operation of desktop thread `thread` (which has a role).
    pub(super) fn desktop_draw(&mut self, thread: u32) -> (u64, Option<Op>) {
        let th = &self.threads[thread as usize];
        let (Some(role), Some(d)) = (th.role, self.desktop.as_mut()) else {
            return (1, None);
        };
        let (burst, op) = d.draw(th.session, role);
        (burst, Some(op))
    }

    /// When the blocking operation of desktop thread `thread`, issued at `now`, completes
    /// (`None`: the session wakes it later).
    pub(super) fn desktop_wake(&mut self, thread: u32, now: Cycles) -> Option<Cycles> {
        let th = &self.threads[thread as usize];
        let role = th.role?;
        self.desktop.as_mut()?.wake(th.session, role, now)
    }

    /// Desktop thread `thread` issued `op` at `now`: a present marks damage (and may wake
    /// the agent); an agent's packet sent with no scheduled back end is on the wire now.
    pub(super) fn desktop_issued(&mut self, thread: u32, op: Op, now: Cycles) {
        let th = &self.threads[thread as usize];
        let (Some(role), instance, session) = (th.role, th.instance, th.session) else {
            return;
        };
        let inline_send = op == Op::NetSend && self.backend_inline(instance as usize, op);
        let Some(d) = self.desktop.as_mut() else {
            return;
        };
        if op == Op::NetSend {
            if inline_send {
                let packets = d.send_packets(session);
                d.on_wire(session, packets, now);
            }
            return;
        }
        if let Some((agent, at)) = d.issued(session, role, op, now) {
            self.queue.schedule(at, Event::DeviceDone { thread: agent });
        }
    }

    /// The back end put a send of `packets` packets of desktop thread `thread` on the wire
    /// at `now`.
    pub(super) fn desktop_on_wire(&mut self, thread: u32, packets: u64, now: Cycles) {
        let th = &self.threads[thread as usize];
        if th.role.is_none() {
            return;
        }
        if let Some(d) = self.desktop.as_mut() {
            d.on_wire(th.session, packets, now);
        }
    }

    /// Packets of the send thread `thread` is about to issue (or issued last): a desktop
    /// agent's segment or datagram; 1 for any other thread (its workload's message).
    pub(super) fn send_packets(&self, thread: u32) -> u64 {
        let th = &self.threads[thread as usize];
        match (th.role, self.desktop.as_ref()) {
            (Some(Role::Agent), Some(d)) => d.send_packets(th.session),
            _ => 1,
        }
    }

    /// The per-byte work of a `net_send` of `packets` packets of group `gi`'s message (a
    /// desktop agent's large-send segment) beyond the one packet's that the group's path
    /// holds, by part ([`SEND_PARTS`]): the same path built for the segment's bytes, less
    /// the group's. The per-send work (the system call, the stack's per-packet work, the
    /// kick's exit or the emulated NIC's transmit tail write, the back end's request and the
    /// software switch) is the same for one packet and for 64 KB, so only the per-byte
    /// steps differ (the guest's `net_tx_per_kib`, the back end's copy, Xen's grant maps by
    /// page); the exits do not. Built the first time a group sends that many packets.
    pub(super) fn send_extra(&mut self, gi: usize, packets: u64) -> [PathCost; 3] {
        let n = packets as usize;
        if n <= 1 {
            return [PathCost::default(); 3];
        }
        if let Some(Some(extra)) = self.groups[gi].send_extra.get(n) {
            return *extra;
        }
        let g = &self.spec.groups[gi];
        let workload = Workload {
            message_bytes: g.workload.message_bytes.saturating_mul(packets),
            ..g.workload.clone()
        };
        let builder = PathBuilder::for_host(
            &self.spec.stack,
            &self.spec.costs,
            &self.spec.host,
            &workload,
        )
        .with_working_set_mib(g.working_set_mib);
        let steps = builder.op_path(Op::NetSend).submit.steps;
        let one = &self.groups[gi].costs;
        let extra = SEND_PARTS.map(|(part, index)| {
            let whole = PathCost::of_part(&steps, part);
            let one = &one[slot::op(Op::NetSend, index)];
            debug_assert_eq!(whole.exits, one.exits, "a larger send takes the same exits");
            let mut more = PathCost::default();
            for (m, (w, o)) in more
                .by_category
                .iter_mut()
                .zip(whole.by_category.iter().zip(&one.by_category))
            {
                *m = w.saturating_sub(*o);
                more.total += *m;
            }
            more
        });
        let cache = &mut self.groups[gi].send_extra;
        if cache.len() <= n {
            cache.resize(n + 1, None);
        }
        cache[n] = Some(extra);
        extra
    }

    /// Adds to the item planned on `p` the per-byte work of desktop thread `thread`'s send
    /// beyond one packet's: the guest's part, and the back end's when it runs inline.
    pub(super) fn desktop_send_work(&mut self, p: u32, ii: usize, thread: u32) {
        let packets = self.send_packets(thread);
        if packets <= 1 {
            return;
        }
        let gi = self.instances[ii].group as usize;
        let extra = self.send_extra(gi, packets);
        let inline =
            self.instances[ii].backend == [None, None] || self.backend_inline(ii, Op::NetSend);
        self.plan_extra(p, &extra[0]);
        self.plan_extra(p, &extra[1]);
        if inline {
            self.plan_extra(p, &extra[2]);
        }
    }

    /// Adds `extra`'s cycles, category by category, to the item planned on `p`.
    pub(super) fn plan_extra(&mut self, p: u32, extra: &PathCost) {
        for category in Category::ALL {
            let cycles = extra.by_category[category as usize];
            if cycles > 0 {
                self.plan_cycles(p, category, cycles);
            }
        }
    }

    /// Desktop thread `thread` ran `cycles` of its burst.
    #[inline]
    pub(super) fn desktop_ran(&mut self, thread: u32, cycles: u64) {
        if let (Some(role), Some(d)) = (self.threads[thread as usize].role, self.desktop.as_mut()) {
            d.ran(role, cycles);
        }
    }
}
