//! The desktop sessions themselves: each desktop's threads (the application, a video
//! player, the display protocol's agent, the guest's services) take their bursts and
//! operations from here, and the machine schedules them with everything else.
//!
//! - The user acts at random times (an exponential process per session); the client
//!   samples the input at its polling interval and sends it; it reaches the server half a
//!   round trip later (later still if its packet is lost: `recovery`). The application thread
//!   waits for it in a network receive, computes, and presents its redraw (a system call),
//!   which marks the changed area as *damage* of a content type.
//! - A video player sleeps until each frame is due, decodes it and presents it.
//! - The protocol's agent sleeps until there is damage, then wakes at the next tick of its
//!   capture clock (the frame interval), no earlier than one interval after its last
//!   capture and not while more than one interval of the client link's time is still queued
//!   for it (flow control with a send buffer of one frame interval: the agent encodes the
//!   next update while the previous one is on the wire, so the link does not go idle
//!   between updates). It captures and encodes the damage (cycles and bytes by content,
//!   [`ProtocolParams`]) and sends the update through the guest's own `net_send` path: over
//!   TCP one send per large-send segment of up to [`LSO_PACKETS`](super::protocol::LSO_PACKETS) packets (the guest's
//!   stack hands the NIC the segment, the device, back end or physical NIC cuts it into
//!   packets: one system call, one kick or set of register writes, one descriptor chain for
//!   up to 64 KB), over UDP one send per datagram ([`Transport::packets_per_send`]). The
//!   per-byte work of the send is still charged for every packet's payload. Each packet of a
//!   send then queues at the host NIC and on the client's access link (serialised and
//!   counted per 1500-byte packet, lost or not on its own), and travels half a round trip.
//!   When the full buffer held the capture back (a
//!   frame interval skipped), the encoder halves the quality of lossy content (down to a
//!   quarter); otherwise it raises it by a quarter again.
//! - The thin client decodes the update and shows it at its display's next refresh.
//! - With a local display (no protocol) the application's present is shown at the local
//!   monitor's next refresh.
//! - On a session host many users' sessions are threads of one instance (one server OS):
//!   each session has its own application, player and agent, and its own background
//!   processes; the OS's services run once.
//!
//! Latency is measured from the user's action to the refresh that shows its effect.

use std::collections::VecDeque;

use super::activity::{Activity, PACKET_PAYLOAD};
use super::protocol::{Content, ProtocolParams, Transport};
use crate::costs::CostTable;
use crate::engine::Cycles;
use crate::metrics::Histogram;
use crate::platform::VdiNetwork;
use crate::rng::SimRng;
use crate::workload::Op;

/// Bytes of IPv4, TCP and timestamp headers per packet (1500-byte MTU minus the payload).
pub const PACKET_HEADERS: u64 = 1500 - PACKET_PAYLOAD;
// A large-send segment holds the most whole packets whose payloads and one packet's IP and
// TCP headers fit IPv4's 65 535-byte length (`LSO_PACKETS`, `protocol.rs`).
const _: () = assert!(
    super::protocol::LSO_PACKETS * PACKET_PAYLOAD + PACKET_HEADERS <= 65_535
        && (super::protocol::LSO_PACKETS + 1) * PACKET_PAYLOAD + PACKET_HEADERS > 65_535
);
/// Width of one bucket of the bandwidth series, milliseconds.
pub const SERIES_BUCKET_MS: u64 = 100;
/// Lowest quality (percent) the encoder drops lossy content to when the link is short.
pub const MIN_QUALITY_PERCENT: u64 = 25;

/// What a thread of a desktop does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The application: waits for an input, computes, presents its redraw.
    App,
    /// A video player: decodes and presents a frame when it is due.
    Player,
    /// The display protocol's agent: captures, encodes and sends updates.
    Agent,
    /// The guest OS's background services (once per guest OS).
    Services,
    /// A user session's own background processes on a shared server OS (shell, tray
    /// applications), when many sessions share one OS.
    SessionServices,
}

impl Role {
    pub const COUNT: usize = 5;

    pub fn index(self) -> usize {
        self as usize
    }
}

/// A remote display: the protocol and the network to the clients.
#[derive(Debug, Clone, PartialEq)]
pub struct Remote {
    pub protocol: ProtocolParams,
    pub network: VdiNetwork,
}

/// An instance group of desktops as the machine sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct DesktopSpec {
    pub activity: Activity,
    /// The remote display, or `None` for a local display (a PC's own monitor).
    pub remote: Option<Remote>,
    /// User sessions per instance: 1 for a desktop VM (or PC) per user; on a session host
    /// (RDS-like) every user of the group is a session of one shared server OS.
    pub sessions: u32,
}

impl DesktopSpec {
    /// Whether many users' sessions share one OS (a session host).
    pub fn shared_os(&self) -> bool {
        self.sessions > 1
    }

    /// The threads of one user's session, in order.
    pub fn roles(&self) -> Vec<Role> {
        let mut roles = vec![Role::App];
        if self.activity.video_fps > 0 {
            roles.push(Role::Player);
        }
        if self.remote.is_some() {
            roles.push(Role::Agent);
        }
        roles.push(if self.shared_os() {
            Role::SessionServices
        } else {
            Role::Services
        });
        roles
    }

    /// The threads of a shared server OS itself (once per instance, beside its sessions).
    pub fn os_roles(&self) -> Vec<Role> {
        if self.shared_os() {
            vec![Role::Services]
        } else {
            Vec::new()
        }
    }
}

/// Fixed timings of the run, in host cycles.
#[derive(Debug, Clone, Copy)]
struct Clocks {
    per_us: u64,
    end: Cycles,
    nic_bits_per_s: u64,
    refresh: Cycles,
    input_poll: Cycles,
    background_period: Cycles,
    background_cycles: u64,
    session_background_cycles: u64,
    client_decode_per_kpixel: u64,
    client_clock_mhz: u64,
    good: Cycles,
}

/// The delayed-acknowledgement allowance a TCP sender adds to its tail-loss probe timeout
/// when a single packet is in flight: RFC 8985 section 7.2 adds the receiver's worst-case
/// delayed ACK (`TLP.max_ack_delay`, 200 ms), Linux `tcp_schedule_loss_probe` adds
/// `tcp_rto_min` (200 ms) when one packet is out.
const ONE_PACKET_PROBE_ALLOWANCE_US: u64 = 200_000;

/// Linux's minimum retransmission timeout, `TCP_RTO_MIN` (200 ms, include/net/tcp.h): the
/// floor of the variance term of its RTO, RTO = SRTT + max(`tcp_rto_min`, 4 × RTTVAR)
/// (`tcp_set_rto`, `tcp_rtt_estimator`; RFC 6298 section 2 gives SRTT + 4 × RTTVAR with a
/// 1 s floor, which Linux lowers). The model's round trip does not vary, so its RTTVAR
/// is small and the RTO is one round trip and 200 ms.
const TCP_RTO_MIN_US: u64 = 200_000;

/// How much later than it would have arrived a lost packet arrives, `rtt` the round trip
/// (`per_us` cycles a microsecond):
/// - a lost packet that later packets of the same update follow is reported by them (TCP's
///   fast retransmit or RACK; a UDP transport's gap report): about one round trip;
/// - a lost *last* packet has nothing behind it to report it (each update is taken alone:
///   the next update, a frame interval later, could report it sooner). Over TCP it waits
///   for the tail-loss probe, sent after PTO = 2 × SRTT (RFC 8985, section 7.2), plus the
///   delayed-ACK allowance when it was the only packet in flight (an input, a one-packet
///   update): [`ONE_PACKET_PROBE_ALLOWANCE_US`]; but never later than the retransmission
///   timeout would fire: PTO = min(PTO, RTO) (RFC 8985 section 7.2; Linux
///   `tcp_schedule_loss_probe`: `timeout = min(timeout, rto_delta_us)`), the RTO being
///   one round trip and [`TCP_RTO_MIN_US`]. So a lone lost packet is sent again one round
///   trip and 200 ms after it was first sent (the probe's 2 round trips and 200 ms are
///   capped), a lost last packet of several after two round trips (less than the RTO
///   while the round trip is under 200 ms). A UDP transport's sender resends on its own
///   timer: taken as TCP's probe timeout without the allowance and without the cap
///   (estimate: the protocols do not publish theirs).
fn recovery(
    transport: Transport,
    tail: bool,
    one_packet: bool,
    rtt: Cycles,
    per_us: u64,
) -> Cycles {
    match (transport, tail, one_packet) {
        (_, false, _) => rtt,
        (Transport::Tcp, true, one_packet) => {
            let allowance = if one_packet {
                ONE_PACKET_PROBE_ALLOWANCE_US * per_us
            } else {
                0
            };
            let probe = 2 * rtt + allowance;
            let rto = rtt + TCP_RTO_MIN_US * per_us;
            probe.min(rto)
        }
        (Transport::Udp, true, _) => 2 * rtt,
    }
}

/// An update on its way to the client.
#[derive(Debug, Clone)]
struct Frame {
    bytes_left: u64,
    /// Packets of the update, and those still to send.
    packets: u64,
    packets_left: u64,
    kpixels: u64,
    inputs: Vec<Cycles>,
    /// The video frame it shows first (its number), if any.
    new_video: Option<u64>,
    video_only: bool,
    /// A packet of it was lost that later packets of the update followed (the receiver
    /// reports the gap: about one round trip to recover).
    lost: bool,
    /// Its last packet was lost: nothing follows to report the gap.
    lost_tail: bool,
}

struct Session {
    group: usize,
    /// The user's input process (the same with a local or a remote display).
    rng: SimRng,
    /// Packet losses on the network.
    net_rng: SimRng,
    /// A fault stops the session here (or the run ends).
    stop: Cycles,
    /// The user's next action, at the client, `lead` cycles late: the session is under
    /// way when the run starts (as the run's caches are warm), so the inputs the user made
    /// in the last one-way trip before it are on their way to the server at its first
    /// cycle. Every input time of the session (`handling`, `damage_inputs`, a frame's
    /// `inputs`) is on this clock; the run's time of an input is its time less `lead`.
    next_input: Cycles,
    /// The one-way network delay to the server (0 with a local display).
    lead: Cycles,
    inputs_made: u64,
    /// The input the application is working on (when the user acted).
    handling: Option<Cycles>,
    poll_phase: Cycles,
    vsync_phase: Cycles,
    /// Per role: the next draw is the wait (receive or sleep) rather than the work.
    wait_next: [bool; Role::COUNT],
    video_phase: Cycles,
    /// Cycles between two video frames (0: no video).
    video_period: Cycles,
    video_next: u64,
    rendering: u64,
    /// Next wake-up of the OS services and of the session's own background processes.
    services_next: [Cycles; 2],
    /// Changed area since the last capture, kilopixels by content (overlapping redraws of
    /// one content count once: the largest).
    damage: [u64; Content::COUNT],
    damage_inputs: Vec<Cycles>,
    damage_video: Option<u64>,
    last_video_captured: Option<u64>,
    agent_thread: Option<u32>,
    /// The agent sleeps with no wake-up planned: damage will wake it.
    agent_waiting: bool,
    agent_capture_next: bool,
    capture_phase: Cycles,
    last_capture: Option<Cycles>,
    /// The send buffer was full at the capture tick due: the next capture was held back
    /// (at least one tick skipped).
    link_delayed: bool,
    quality: u64,
    /// Packets of the update captured last that the agent has not handed to its guest's
    /// stack yet.
    to_send: u64,
    /// Packets of the agent's send drawn last (the machine charges its per-byte work by
    /// them and hands them to the wire together).
    send_packets: u64,
    in_flight: VecDeque<Frame>,
    link_free_at: Cycles,
    inputs_shown: u64,
    video_shown: u64,
    /// When each video frame shown was due (in order).
    video_shown_due: Vec<Cycles>,
    /// The longest an update shown took, from wanted to shown.
    slowest: Cycles,
}

/// Figures of one group of desktops, from one machine run.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct DesktopGroupOutcome {
    pub sessions: u32,
    pub sessions_dropped: u32,
    /// Input-to-display latency, cycles.
    pub latency: Histogram,
    pub within_good: u64,
    /// Bytes sent to the clients (with packet headers and retransmissions), counted as
    /// they leave the host for the client's link.
    pub bytes: u64,
    /// The same bytes per [`SERIES_BUCKET_MS`].
    pub series: Vec<u64>,
    pub frames_wanted: u64,
    pub frames_delivered: u64,
    pub captures: u64,
    /// Sum of the quality of every capture, percent (mean = this / captures).
    pub quality_sum: u64,
    /// Packets sent to the clients (each once, before any retransmission), and of them
    /// the ones the network lost, counted as they leave the host.
    #[serde(default)]
    pub packets: u64,
    #[serde(default)]
    pub packets_lost: u64,
    /// Inputs whose packet the network lost on its way to the server (each waits for its
    /// retransmission).
    #[serde(default)]
    pub inputs_lost: u64,
    /// Updates shown late because one of their packets was lost and sent again (video
    /// frames over UDP are not sent again: a lost one is never shown).
    #[serde(default)]
    pub updates_resent: u64,
}

/// What the desktops of one machine hand back.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct DesktopOutcome {
    /// By machine group; `None` for a group that is not a desktop.
    pub groups: Vec<Option<DesktopGroupOutcome>>,
    /// User cycles of the desktops' threads, by [`Role`].
    pub role_cycles: [u64; Role::COUNT],
}

/// The desktop sessions of one machine.
pub struct Sessions {
    specs: Vec<Option<DesktopSpec>>,
    /// By session number (the threads know theirs).
    sessions: Vec<Option<Session>>,
    groups: Vec<Option<DesktopGroupOutcome>>,
    tx_free_at: Cycles,
    role_cycles: [u64; Role::COUNT],
    c: Clocks,
}

impl Sessions {
    pub fn new(host: &crate::hardware::Host, costs: &CostTable, end: Cycles) -> Sessions {
        let per_us = host.cycles_per_us();
        let per_s = per_us * 1_000_000;
        Sessions {
            specs: Vec::new(),
            sessions: Vec::new(),
            groups: Vec::new(),
            tx_free_at: 0,
            role_cycles: [0; Role::COUNT],
            c: Clocks {
                per_us,
                end,
                nic_bits_per_s: host.nic_bandwidth_gbit_s.saturating_mul(1_000_000_000),
                refresh: per_s / costs.client_refresh_hz.max(1),
                input_poll: per_s / costs.input_poll_hz.max(1),
                // The services' work comes in pieces every 100 ms (estimate: no figure in
                // the reference; the work per second is the cost table's).
                background_period: 100_000 * per_us,
                background_cycles: costs.desktop_background_us_per_s * per_us / 10,
                session_background_cycles: costs.session_background_us_per_s * per_us / 10,
                client_decode_per_kpixel: costs.client_decode_cycles_per_kpixel,
                client_clock_mhz: costs.client_clock_mhz.max(1),
                good: 150_000 * per_us,
            },
        }
    }

    /// Adds the next machine group (`None`: not a desktop).
    pub fn add_group(&mut self, spec: Option<DesktopSpec>) {
        self.groups.push(spec.as_ref().map(|_| DesktopGroupOutcome {
            series: vec![0; (self.c.end / (SERIES_BUCKET_MS * 1000 * self.c.per_us)) as usize + 1],
            ..DesktopGroupOutcome::default()
        }));
        self.specs.push(spec);
    }

    /// Adds a user session of the last group added (with its random stream, the cycle a
    /// fault stops it at, and its agent thread); returns its number.
    pub fn add_session(&mut self, rng: SimRng, stop: Cycles, agent_thread: Option<u32>) -> u32 {
        let group = self.specs.len() - 1;
        let mut rng = rng;
        let session = {
            let spec = self.specs[group].as_ref().expect("a desktop group");
            let a = spec.activity;
            let per_s = self.c.per_us * 1_000_000;
            let input_mean = (1000 * per_s).checked_div(a.inputs_per_ks).unwrap_or(0);
            let video_period = per_s.checked_div(a.video_fps).unwrap_or(0);
            let capture = spec
                .remote
                .as_ref()
                .map_or(1, |r| per_s / r.protocol.fps_cap.max(1));
            let g = self.groups[group].as_mut().expect("desktop group");
            g.sessions += 1;
            let lead = spec
                .remote
                .as_ref()
                .map_or(0, |r| r.network.rtt_us * self.c.per_us / 2);
            Session {
                group,
                next_input: rng.exponential(input_mean).max(1),
                lead,
                inputs_made: 0,
                handling: None,
                poll_phase: rng.below(self.c.input_poll.max(1)),
                vsync_phase: rng.below(self.c.refresh.max(1)),
                wait_next: [true; Role::COUNT],
                video_phase: rng.below(video_period.max(1)),
                video_period,
                video_next: 0,
                rendering: 0,
                services_next: [
                    rng.below(self.c.background_period.max(1)),
                    rng.below(self.c.background_period.max(1)),
                ],
                damage: [0; Content::COUNT],
                damage_inputs: Vec::new(),
                damage_video: None,
                last_video_captured: None,
                agent_thread,
                agent_waiting: false,
                agent_capture_next: false,
                capture_phase: rng.below(capture.max(1)),
                last_capture: None,
                link_delayed: false,
                quality: 100,
                to_send: 0,
                send_packets: 1,
                in_flight: VecDeque::new(),
                link_free_at: 0,
                inputs_shown: 0,
                video_shown: 0,
                video_shown_due: Vec::new(),
                slowest: 0,
                stop: stop.min(self.c.end),
                net_rng: SimRng::seed_from_u64(rng.next_u64()),
                rng,
            }
        };
        self.sessions.push(Some(session));
        (self.sessions.len() - 1) as u32
    }

    /// The next burst and operation of the thread `role` of session `session`.
    pub fn draw(&mut self, session: u32, role: Role) -> (u64, Op) {
        let Some(s) = self.sessions[session as usize].as_mut() else {
            return (1, Op::Sleep);
        };
        let spec = self.specs[s.group].as_ref().expect("desktop group");
        let a = spec.activity;
        let r = role.index();
        match role {
            Role::App | Role::Player | Role::Services | Role::SessionServices => {
                s.wait_next[r] = !s.wait_next[r];
                if !s.wait_next[r] {
                    let wait = if role == Role::App {
                        Op::NetReceive
                    } else {
                        Op::Sleep
                    };
                    return (1, wait);
                }
                let work = match role {
                    Role::App => a.app_cycles_per_input,
                    Role::Player => a.app_cycles_per_video_frame,
                    Role::SessionServices => self.c.session_background_cycles,
                    _ => self.c.background_cycles,
                };
                // The work ends in a system call: the present of the redraw (or, for the
                // services, their own I/O).
                (work.max(1), Op::Syscall)
            }
            Role::Agent => {
                let per_send = spec
                    .remote
                    .as_ref()
                    .map_or(1, |r| r.protocol.transport.packets_per_send());
                if s.to_send > 0 {
                    s.send_packets = s.to_send.min(per_send);
                    s.to_send -= s.send_packets;
                    return (1, Op::NetSend);
                }
                if s.agent_capture_next && s.damage.iter().any(|&k| k > 0) {
                    s.agent_capture_next = false;
                    let remote = spec.remote.as_ref().expect("an agent has a remote display");
                    let cycles = capture(s, &remote.protocol);
                    s.send_packets = s.to_send.min(per_send);
                    s.to_send -= s.send_packets;
                    let g = self.groups[s.group].as_mut().expect("desktop group");
                    g.captures += 1;
                    g.quality_sum += s.quality;
                    return (cycles.max(1), Op::NetSend);
                }
                s.agent_capture_next = true;
                (1, Op::Sleep)
            }
        }
    }

    /// When the blocking operation of the thread `role` of session `session`, issued at
    /// `now`, completes; `None` when nothing is planned yet (the agent waits for damage).
    pub fn wake(&mut self, session: u32, role: Role, now: Cycles) -> Option<Cycles> {
        let c = self.c;
        let s = self.sessions[session as usize].as_mut()?;
        let spec = self.specs[s.group].as_ref().expect("desktop group");
        let a = spec.activity;
        let per_s = c.per_us * 1_000_000;
        match role {
            Role::App => {
                // The socket holds the user's next input (inputs queue while the
                // application works on an earlier one).
                let mean = (1000 * per_s).checked_div(a.inputs_per_ks)?;
                let at_client = s.next_input;
                s.next_input += s.rng.exponential(mean).max(1);
                s.inputs_made += 1;
                s.handling = Some(at_client);
                let sent = next_tick(at_client, s.poll_phase, c.input_poll);
                // The one-way trip to the server, on the run's clock: `sent` is `lead`
                // (that trip) late already.
                let mut arrive = sent;
                if let Some(remote) = &spec.remote {
                    let net = &remote.network;
                    arrive += net.rtt_us * c.per_us / 2 - s.lead;
                    if s.net_rng.below(1_000_000) < net.loss_ppm {
                        if at_client < s.stop {
                            let g = self.groups[s.group].as_mut().expect("desktop group");
                            g.inputs_lost += 1;
                        }
                        // An input is one packet: a lost one is a lost tail, alone in flight.
                        arrive += recovery(
                            remote.protocol.transport,
                            true,
                            true,
                            net.rtt_us * c.per_us,
                            c.per_us,
                        );
                    }
                }
                Some(arrive.max(now))
            }
            Role::Player => {
                let period = per_s.checked_div(a.video_fps)?;
                let mut due = s.video_phase + s.video_next * period;
                if due < now {
                    // Late: the frames due meanwhile are skipped.
                    let k = (now - s.video_phase).div_ceil(period);
                    due = s.video_phase + k * period;
                    s.video_next = k;
                }
                s.rendering = s.video_next;
                s.video_next += 1;
                Some(due)
            }
            Role::Services | Role::SessionServices => {
                let next = &mut s.services_next[usize::from(role == Role::SessionServices)];
                let at = (*next).max(now);
                *next = at + c.background_period;
                Some(at)
            }
            Role::Agent => {
                if s.damage.iter().all(|&k| k == 0) {
                    s.agent_waiting = true;
                    return None;
                }
                let remote = spec.remote.as_ref()?;
                Some(agent_capture_at(s, now, remote, per_s))
            }
        }
    }

    /// The thread `role` of session `session` issued `op` at `now`. Returns a wake-up to
    /// plan: the agent's thread and when it captures.
    pub fn issued(
        &mut self,
        session: u32,
        role: Role,
        op: Op,
        now: Cycles,
    ) -> Option<(u32, Cycles)> {
        if op != Op::Syscall || !matches!(role, Role::App | Role::Player) {
            return None;
        }
        let c = self.c;
        let s = self.sessions[session as usize].as_mut()?;
        let spec = self.specs[s.group].as_ref().expect("desktop group");
        let a = spec.activity;
        if role == Role::App {
            let redraw = a.redraw_kpixels();
            for (d, k) in s.damage.iter_mut().zip(redraw) {
                *d = (*d).max(k);
            }
            if let Some(at) = s.handling.take() {
                s.damage_inputs.push(at);
            }
        } else {
            let v = &mut s.damage[Content::Video.index()];
            *v = (*v).max(a.video_kpixels());
            s.damage_video = Some(s.rendering);
        }
        match &spec.remote {
            None => {
                // A local display: the compositor shows it at the monitor's next refresh.
                let shown = next_tick(now, s.vsync_phase, c.refresh);
                s.damage = [0; Content::COUNT];
                let inputs = std::mem::take(&mut s.damage_inputs);
                let new_video = s.damage_video.take();
                let g = self.groups[s.group].as_mut().expect("desktop group");
                show(s, g, &c, shown, &inputs, new_video);
                None
            }
            Some(remote) => {
                if !s.agent_waiting {
                    return None;
                }
                s.agent_waiting = false;
                let at = agent_capture_at(s, now, remote, c.per_us * 1_000_000);
                Some((s.agent_thread?, at))
            }
        }
    }

    /// Packets of the agent's send drawn last ([`Sessions::draw`]): what the machine charges
    /// its per-byte work for.
    pub fn send_packets(&self, session: u32) -> u64 {
        self.sessions[session as usize]
            .as_ref()
            .map_or(1, |s| s.send_packets)
    }

    /// A send of `packets` packets of session `session`'s agent (one large-send segment or
    /// one datagram) left the guest (and its back end) at `now`: the device or NIC cuts it
    /// into packets, each of which queues at the host NIC, then on the client's link, as
    /// they would one by one (a send never holds packets of two updates).
    pub fn on_wire(&mut self, session: u32, packets: u64, now: Cycles) {
        for _ in 0..packets.max(1) {
            if !self.packet_on_wire(session, now) {
                break;
            }
        }
    }

    /// One packet of a send of session `session`'s agent reaches the host NIC at `now`;
    /// returns whether its update has packets left to send.
    fn packet_on_wire(&mut self, session: u32, now: Cycles) -> bool {
        let c = self.c;
        let Some(s) = self.sessions[session as usize].as_mut() else {
            return false;
        };
        let spec = self.specs[s.group].as_ref().expect("desktop group");
        let Some(remote) = &spec.remote else {
            return false;
        };
        let net = &remote.network;
        let per_s = c.per_us * 1_000_000;
        let Some(frame) = s.in_flight.front_mut() else {
            return false;
        };
        let payload = frame.bytes_left.min(PACKET_PAYLOAD);
        // A lost packet of a video frame over UDP is not sent again: the next frame
        // supersedes it (below). Any other lost packet is.
        let resent_if_lost = !(remote.protocol.transport == Transport::Udp && frame.video_only);
        frame.bytes_left -= payload;
        frame.packets_left = frame.packets_left.saturating_sub(1);
        let wire = payload + PACKET_HEADERS;
        let bits = u128::from(wire * 8);
        let serialize = |bits_per_s: u64| -> Cycles {
            (bits * u128::from(per_s) / u128::from(bits_per_s.max(1))) as Cycles
        };
        let start = now.max(self.tx_free_at);
        self.tx_free_at = start + serialize(c.nic_bits_per_s);
        let start = self.tx_free_at.max(s.link_free_at);
        s.link_free_at = start + serialize(net.client_bandwidth_kbit_s.saturating_mul(1000));
        let rtt = net.rtt_us * c.per_us;
        let arrive = s.link_free_at + rtt / 2;
        let lost = s.net_rng.below(1_000_000) < net.loss_ppm;
        let g = self.groups[s.group].as_mut().expect("desktop group");
        let stop = s.stop;
        let mut count = |at: Cycles| {
            if at < stop {
                g.bytes += wire;
                let bucket = (at / (SERIES_BUCKET_MS * 1000 * c.per_us)) as usize;
                if let Some(b) = g.series.get_mut(bucket) {
                    *b += wire;
                }
            }
        };
        // Counted as the packet leaves for the client's link: at a steady pace from the
        // first cycle, as the inputs arrive (see `Session::next_input`; counted on arrival,
        // a run would miss the first one-way trip's worth of a session already under way).
        let sent = s.link_free_at;
        count(sent);
        if sent < stop {
            g.packets += 1;
            g.packets_lost += u64::from(lost);
        }
        if lost && resent_if_lost {
            // The retransmission crosses the link again, once the loss is known.
            count(sent + rtt);
        }
        let frame = s.in_flight.front_mut().expect("frame");
        if lost && frame.packets_left == 0 {
            frame.lost_tail = true;
        } else {
            frame.lost |= lost;
        }
        if frame.packets_left > 0 {
            return true;
        }
        let frame = s.in_flight.pop_front().expect("frame");
        let mut at = arrive;
        if frame.lost || frame.lost_tail {
            if remote.protocol.transport == Transport::Udp && frame.video_only {
                // Superseded by the next frame: never shown.
                return false;
            }
            if at < stop {
                g.updates_resent += 1;
            }
            // The update is shown when its slowest packet is in (the earlier ones'
            // retransmissions overlap the later ones').
            at += recovery(
                remote.protocol.transport,
                frame.lost_tail,
                frame.packets == 1,
                rtt,
                c.per_us,
            );
        }
        // The thin client decodes the update, then shows it at its next refresh.
        let decode = frame.kpixels * c.client_decode_per_kpixel * c.per_us / c.client_clock_mhz;
        let shown = next_tick(at + decode, s.vsync_phase, c.refresh);
        show(s, g, &c, shown, &frame.inputs, frame.new_video);
        false
    }

    /// A desktop thread ran `cycles` of its work.
    pub fn ran(&mut self, role: Role, cycles: u64) {
        self.role_cycles[role.index()] += cycles;
    }

    /// Closes the books at the end of the run.
    pub fn finish(mut self) -> DesktopOutcome {
        let c = self.c;
        let per_s = c.per_us * 1_000_000;
        for s in self.sessions.iter_mut().flatten() {
            let spec = self.specs[s.group].as_ref().expect("desktop group");
            let a = spec.activity;
            // Which updates count. One shown is delivered, whenever it was wanted. In a
            // session a fault ended, every other one wanted before the end of the run is
            // lost (the user goes on wanting what the session no longer shows). In a
            // session that ran to the end, one not shown is lost if it was wanted longer
            // before the end than any update of the session took to show, and than the
            // "good" latency (150 ms); one wanted later may still be on its way (the
            // server's work, the capture, the network): its fate is unknown and it counts
            // neither way. So a short run does not count the updates in flight at its end
            // as lost, which would charge a remote display (tens or hundreds of ms behind
            // a local one) for the window's end.
            let ended = s.stop < c.end;
            let cutoff = if ended {
                c.end
            } else {
                c.end.saturating_sub(c.good.max(s.slowest))
            };
            // Inputs not shown: the one the application works on, those waiting for a
            // capture or in an update on its way, and those it has not taken yet (or
            // never will: the session ended).
            let in_updates = s.in_flight.iter().flat_map(|f| f.inputs.iter());
            let mut lost = s
                .handling
                .iter()
                .chain(&s.damage_inputs)
                .chain(in_updates)
                .filter(|&&at| at < cutoff + s.lead)
                .count() as u64;
            if let Some(mean) = (1000 * per_s).checked_div(a.inputs_per_ks) {
                let mut next = s.next_input;
                while next < cutoff + s.lead {
                    lost += 1;
                    next += s.rng.exponential(mean).max(1);
                }
            }
            // Video frames due before the cutoff and not shown: skipped (rendered late,
            // or replaced by a newer frame before a capture), lost on the network, or
            // too late.
            let due = if s.video_period > 0 && s.video_phase < cutoff {
                (cutoff - 1 - s.video_phase) / s.video_period + 1
            } else {
                0
            };
            let shown_before = s.video_shown_due.partition_point(|&d| d < cutoff) as u64;
            lost += due.saturating_sub(shown_before);
            let g = self.groups[s.group].as_mut().expect("desktop group");
            g.frames_delivered += s.inputs_shown + s.video_shown;
            g.frames_wanted += s.inputs_shown + s.video_shown + lost;
            if s.stop < c.end {
                g.sessions_dropped += 1;
            }
        }
        DesktopOutcome {
            groups: self.groups,
            role_cycles: self.role_cycles,
        }
    }
}

/// The first tick of a clock (`phase + k * period`) at or after `t`.
fn next_tick(t: Cycles, phase: Cycles, period: Cycles) -> Cycles {
    if period == 0 || t <= phase {
        return t.max(phase);
    }
    phase + (t - phase).div_ceil(period) * period
}

/// When the client link will have sent everything the agent has queued for it, as seen at
/// `now` (`per_s` cycles a second): the packets already on the link's queue (until
/// `link_free_at`), and those the agent has sent that have not reached it yet (still in the
/// guest's back end), at the link's rate after them.
fn link_drained_at(s: &Session, now: Cycles, net: &VdiNetwork, per_s: u64) -> Cycles {
    let unsent_bytes: u64 = s
        .in_flight
        .iter()
        .map(|f| f.bytes_left + f.packets_left * PACKET_HEADERS)
        .sum();
    let bits_per_s = net.client_bandwidth_kbit_s.saturating_mul(1000).max(1);
    let unsent =
        (u128::from(unsent_bytes * 8) * u128::from(per_s) / u128::from(bits_per_s)) as Cycles;
    s.link_free_at.max(now) + unsent
}

/// When the agent of a session shown through `remote` captures next, waking at `now` with
/// damage (`per_s` cycles a second): [`capture_time`] at its protocol's frame interval, with
/// the client link as [`link_drained_at`] sees it.
fn agent_capture_at(s: &mut Session, now: Cycles, remote: &Remote, per_s: u64) -> Cycles {
    let interval = per_s / remote.protocol.fps_cap.max(1);
    let drained = link_drained_at(s, now, &remote.network, per_s);
    capture_time(s, now, interval, drained)
}

/// When the agent captures next, waking at `now` with damage, the link drained of what the
/// agent queued at `drained`: the next tick of its capture clock, one interval after the last
/// capture at the earliest, and not while more than one interval of the link's time is left
/// to send. That is the send buffer: one update on the wire and the next encoded behind it
/// (the socket's send buffer under TCP; a single-frame buffer as in x264's low-latency
/// "single-frame VBV" streaming, vbv-bufsize = vbv-maxrate / fps), so the link stays busy
/// while updates keep coming. A tick skipped because the buffer was full marks the capture
/// as held back ([`capture`] then lowers the quality).
fn capture_time(s: &mut Session, now: Cycles, interval: Cycles, drained: Cycles) -> Cycles {
    let paced = s.last_capture.map_or(now, |l| now.max(l + interval));
    let due = next_tick(paced, s.capture_phase, interval);
    let room = drained.saturating_sub(interval);
    s.link_delayed = room > due;
    let tick = next_tick(paced.max(room), s.capture_phase, interval);
    // The capture belongs to this tick even if the agent runs a little after it.
    s.last_capture = Some(tick);
    tick
}

/// The agent captures and encodes the damage; returns the encoder's cycles and
/// queues the update (its first packet is the operation after them).
fn capture(s: &mut Session, protocol: &ProtocolParams) -> u64 {
    // Adaptive quality: halve the lossy content's quality when the full send buffer held
    // this capture back, raise it by a quarter otherwise.
    s.quality = if s.link_delayed {
        (s.quality / 2).max(MIN_QUALITY_PERCENT)
    } else {
        (s.quality + 25).min(100)
    };
    let kpixels = std::mem::take(&mut s.damage);
    let video = s.damage_video.take();
    let new_video = video.filter(|_| video != s.last_video_captured);
    if new_video.is_some() {
        s.last_video_captured = video;
    }
    let bytes = protocol.update_bytes(&kpixels, s.quality);
    let packets = bytes.div_ceil(PACKET_PAYLOAD).max(1);
    s.in_flight.push_back(Frame {
        bytes_left: bytes,
        packets,
        packets_left: packets,
        kpixels: kpixels.iter().sum(),
        inputs: std::mem::take(&mut s.damage_inputs),
        new_video,
        video_only: kpixels[..Content::Video.index()].iter().all(|&k| k == 0),
        lost: false,
        lost_tail: false,
    });
    s.to_send = packets;
    protocol.encode_cycles(&kpixels)
}

/// An update reached the user's screen at `shown`: the inputs in it are measured, a new
/// video frame counts as delivered.
fn show(
    s: &mut Session,
    g: &mut DesktopGroupOutcome,
    c: &Clocks,
    shown: Cycles,
    inputs: &[Cycles],
    new_video: Option<u64>,
) {
    if shown >= s.stop {
        return;
    }
    for &at in inputs {
        // `at` is on the session's input clock, `lead` late (`Session::next_input`).
        let latency = (shown + s.lead).saturating_sub(at);
        s.slowest = s.slowest.max(latency);
        g.latency.record(latency);
        if latency <= c.good {
            g.within_good += 1;
        }
    }
    s.inputs_shown += inputs.len() as u64;
    if let Some(frame) = new_video {
        s.video_shown += 1;
        let due = s.video_phase + frame * s.video_period;
        s.video_shown_due.push(due);
        s.slowest = s.slowest.max(shown.saturating_sub(due));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::DisplayProtocol;

    /// A desktop whose every input redraws 395 ‰ of the screen with a photograph, shown
    /// through RDP's codecs over `transport`: one update of 2074 × 395 / 1000 = 819
    /// kilopixels at 0.5 bit a pixel, 409 500 bits, 51 188 bytes and 60 of header: 51 248
    /// bytes, 36 packets of 1448 bytes (35 × 1448 = 50 680, the last one 568 bytes).
    /// Returns the agent's sends (their packets, as the agent drew them) and the group's
    /// outcome once every send has been on the wire.
    fn one_large_update(transport: Transport) -> (Vec<u64>, DesktopGroupOutcome) {
        let host = crate::hardware::Host::sandy_bridge(16, 4);
        let costs = CostTable::default();
        let per_ms = host.cycles_per_us() * 1000;
        let mut sessions = Sessions::new(&host, &costs, 1000 * per_ms);
        let mut area = [0; Content::COUNT];
        area[Content::Photo.index()] = 395;
        let activity = Activity {
            inputs_per_ks: 1000,
            app_cycles_per_input: 1,
            redraw_per_mille: area,
            video_fps: 0,
            app_cycles_per_video_frame: 0,
            video_per_mille: 0,
        };
        let network = VdiNetwork {
            protocol: DisplayProtocol::Rdp,
            rtt_us: 20_000,
            client_bandwidth_kbit_s: 100_000,
            loss_ppm: 0,
            frame_rate: 30,
            session_host: false,
        };
        let protocol = ProtocolParams {
            transport,
            ..ProtocolParams::of_network(&network)
        };
        assert_eq!(
            protocol.update_bytes(&activity.redraw_kpixels(), 100),
            51_248
        );
        sessions.add_group(Some(DesktopSpec {
            activity,
            remote: Some(Remote { protocol, network }),
            sessions: 1,
        }));
        let session = sessions.add_session(SimRng::seed_from_u64(7), u64::MAX, Some(1));
        // The agent finds no damage and waits; the application's present wakes it.
        assert_eq!(sessions.draw(session, Role::Agent), (1, Op::Sleep));
        assert_eq!(sessions.wake(session, Role::Agent, 0), None);
        let (agent, at) = sessions
            .issued(session, Role::App, Op::Syscall, per_ms)
            .expect("the present wakes the agent");
        assert_eq!(agent, 1);
        let mut sends = Vec::new();
        loop {
            let (_, op) = sessions.draw(session, Role::Agent);
            if op != Op::NetSend {
                break;
            }
            let packets = sessions.send_packets(session);
            sends.push(packets);
            sessions.on_wire(session, packets, at);
        }
        let outcome = sessions.finish();
        let group = outcome.groups[0].clone().expect("a desktop group");
        (sends, group)
    }

    /// Over TCP the update goes to the guest's stack as one large-send segment (36 packets,
    /// under [`super::super::protocol::LSO_PACKETS`]): one `net_send`, hence one system
    /// call and one kick for the whole update. Over UDP each of its 36 datagrams is a send.
    /// Either way the wire carries the same 36 packets of at most 1500 bytes: 36 × 52 bytes
    /// of headers and the 51 248 of the update, 53 120 bytes.
    #[test]
    fn a_large_update_is_one_send_over_tcp_and_one_per_datagram_over_udp() {
        let (tcp, tcp_out) = one_large_update(Transport::Tcp);
        let (udp, udp_out) = one_large_update(Transport::Udp);
        assert_eq!(tcp, vec![36]);
        assert_eq!(udp, vec![1; 36]);
        for out in [&tcp_out, &udp_out] {
            assert_eq!(out.captures, 1);
            assert_eq!(out.packets, 36);
            assert_eq!(out.bytes, 36 * PACKET_HEADERS + 51_248);
        }
    }

    /// An update of more than [`super::super::protocol::LSO_PACKETS`] packets takes a
    /// send per 45 of them: 100 packets are sends of 45, 45 and 10.
    #[test]
    fn a_segment_holds_at_most_45_packets() {
        let host = crate::hardware::Host::sandy_bridge(16, 4);
        let costs = CostTable::default();
        let mut sessions = Sessions::new(&host, &costs, 1_000_000_000);
        let network = VdiNetwork {
            protocol: DisplayProtocol::Rdp,
            rtt_us: 20_000,
            client_bandwidth_kbit_s: 100_000,
            loss_ppm: 0,
            frame_rate: 30,
            session_host: false,
        };
        let protocol = ProtocolParams::of_network(&network);
        sessions.add_group(Some(DesktopSpec {
            activity: Activity::of("desktop-web").expect("a preset"),
            remote: Some(Remote { protocol, network }),
            sessions: 1,
        }));
        let session = sessions.add_session(SimRng::seed_from_u64(7), u64::MAX, Some(1));
        let s = sessions.sessions[0].as_mut().expect("a session");
        s.to_send = 100;
        let mut sends = Vec::new();
        for _ in 0..3 {
            assert_eq!(sessions.draw(session, Role::Agent), (1, Op::NetSend));
            sends.push(sessions.send_packets(session));
        }
        assert_eq!(sends, vec![45, 45, 10]);
        assert_eq!(sessions.draw(session, Role::Agent), (1, Op::Sleep));
    }

    /// A lone lost TCP packet is sent again when the RTO would fire (one round trip and
    /// 200 ms), not after the tail-loss probe's two round trips and 200 ms; a lost last
    /// packet of several after the probe's two round trips while they are under the RTO;
    /// a packet that later ones follow after one round trip; UDP's timer is not capped.
    #[test]
    fn a_lone_lost_tcp_packet_is_resent_when_the_rto_fires() {
        let per_us = 3000;
        let ms = |m: u64| m * 1000 * per_us;
        for rtt in [1, 20, 50, 150, 300] {
            let r = |transport, tail, one| recovery(transport, tail, one, ms(rtt), per_us);
            assert_eq!(r(Transport::Tcp, true, true), ms(rtt + 200), "{rtt} ms");
            assert_eq!(
                r(Transport::Tcp, true, false),
                ms((2 * rtt).min(rtt + 200)),
                "{rtt} ms"
            );
            assert_eq!(r(Transport::Tcp, false, true), ms(rtt), "{rtt} ms");
            assert_eq!(r(Transport::Udp, true, true), ms(2 * rtt), "{rtt} ms");
            assert_eq!(r(Transport::Udp, false, false), ms(rtt), "{rtt} ms");
        }
    }
}
