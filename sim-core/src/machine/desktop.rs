//! The machine's side of desktop sessions: the hooks through which a desktop's threads take their
//! next burst and operation from [`crate::desktop::session`], learn when their waits end,
//! plan the protocol agent's wake-up when the screen changes, and hand the agent's packets
//! to the host NIC once the guest's `net_send` path (and its back end) has run.

use super::{Event, Machine};
use crate::engine::Cycles;
use crate::workload::Op;

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
        let Some(d) = self.desktop.as_mut() else {
            return;
        };
        if op == Op::NetSend {
            if self.instances[instance as usize].backend[1].is_none() {
                d.on_wire(session, now);
            }
            return;
        }
        if let Some((agent, at)) = d.issued(session, role, op, now) {
            self.queue.schedule(at, Event::DeviceDone { thread: agent });
        }
    }

    /// The back end put a packet of desktop thread `thread` on the wire at `now`.
    pub(super) fn desktop_on_wire(&mut self, thread: u32, now: Cycles) {
        let th = &self.threads[thread as usize];
        if th.role.is_none() {
            return;
        }
        if let Some(d) = self.desktop.as_mut() {
            d.on_wire(th.session, now);
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
