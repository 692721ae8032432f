//! Desktop virtualization: desktop VMs on a server, thin clients over a network, and a
//! remote display protocol between them, simulated update by update.
//!
//! A user's input travels half a round trip to the server; the desktop VM's application
//! works on it, the protocol agent encodes the redrawn area, the guest sends the update
//! through its network path (the same [`PathBuilder`] steps as any `net_send` on this
//! stack), the server NIC and the client's access link serialize it, lost packets cost a
//! retransmission round trip, and the thin client decodes it. All desktop VMs share the
//! server's cores (one job per vCPU at a time, first come first served, a VM switch
//! when a core changes VM). Latency, bandwidth and dropped video frames emerge from that.
//!
//! Protocol presets are in the spirit of Horizon Blast, Citrix HDX and RDP; their numbers
//! are estimates chosen so that the bandwidth per activity falls in the ranges of the
//! reference (section 5, Azure Virtual Desktop RDP figures); see [`ProtocolParams`].

use serde::{Deserialize, Serialize};

use crate::costs::CostTable;
use crate::engine::{Cycles, EventQueue};
use crate::metrics::{Histogram, LatencySummary};
use crate::path::{Category, PathBuilder, PathCost};
use crate::platform::{DisplayProtocol, Stack};
use crate::rng::SimRng;
use crate::scenario::{Host, VdiNetwork};
use crate::text::Text;
use crate::workload::{Op, Workload};

/// Screen of every desktop: 1920 × 1080 (the reference's figures are for 1080p).
pub const SCREEN_KPIXELS: u64 = 2_074;
/// Bytes per raw pixel (32-bit colour; 1080p at 30 Hz raw is about 237 MiB/s, reference sec. 5).
pub const BYTES_PER_PIXEL: u64 = 4;
/// Payload bytes per packet (Ethernet MTU minus IP and TCP headers).
pub const PACKET_PAYLOAD: u64 = 1448;

/// The names of the desktop workload presets.
pub const DESKTOP_PRESETS: [&str; 4] = [
    "desktop-idle",
    "desktop-office",
    "desktop-web",
    "desktop-video",
];

/// What a redrawn area contains: how well it compresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Content {
    Text,
    Mixed,
    Video,
}

/// Parameters of a remote display protocol.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProtocolParams {
    /// Server CPU cycles to encode one kilopixel of redrawn area.
    pub encode_cycles_per_kpixel: u64,
    /// Raw bytes over sent bytes, by content.
    pub compression_text: u64,
    pub compression_mixed: u64,
    pub compression_video: u64,
    /// Highest frame rate the protocol sends.
    pub fps_cap: u64,
    /// Protocol header bytes per update.
    pub header_bytes: u64,
}

impl ProtocolParams {
    /// Estimates, chosen so that an office session needs 15-20 kbit/s, web browsing
    /// 300-700 and video 600-1000 under RDP (reference sec. 5, Azure Virtual Desktop).
    pub fn of(protocol: DisplayProtocol) -> ProtocolParams {
        match protocol {
            DisplayProtocol::Blast => ProtocolParams {
                encode_cycles_per_kpixel: 20_000,
                compression_text: 150,
                compression_mixed: 60,
                compression_video: 700,
                fps_cap: 30,
                header_bytes: 60,
            },
            DisplayProtocol::Hdx => ProtocolParams {
                encode_cycles_per_kpixel: 25_000,
                compression_text: 200,
                compression_mixed: 60,
                compression_video: 650,
                fps_cap: 30,
                header_bytes: 60,
            },
            DisplayProtocol::Rdp => ProtocolParams {
                encode_cycles_per_kpixel: 30_000,
                compression_text: 120,
                compression_mixed: 50,
                compression_video: 600,
                fps_cap: 30,
                header_bytes: 60,
            },
        }
    }

    fn compression(&self, content: Content) -> u64 {
        match content {
            Content::Text => self.compression_text,
            Content::Mixed => self.compression_mixed,
            Content::Video => self.compression_video,
        }
        .max(1)
    }
}

/// What a desktop user does (estimates; no figures in the reference).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Activity {
    /// Input events per 1000 seconds (keystrokes, clicks, scrolls).
    pub inputs_per_ks: u64,
    /// Application cycles per input event.
    pub app_cycles_per_input: u64,
    /// Redrawn area per input, per mille of the screen.
    pub redraw_per_mille: u64,
    pub content: Content,
    /// Frames per second of a playing video (0: none).
    pub video_fps: u64,
    /// Application cycles per video frame (software decode in the guest).
    pub app_cycles_per_video_frame: u64,
    /// Video window, per mille of the screen.
    pub video_per_mille: u64,
}

impl Activity {
    pub fn of(workload: &str) -> Option<Activity> {
        let none = Activity {
            inputs_per_ks: 0,
            app_cycles_per_input: 0,
            redraw_per_mille: 0,
            content: Content::Text,
            video_fps: 0,
            app_cycles_per_video_frame: 0,
            video_per_mille: 0,
        };
        Some(match workload {
            // A clock or a notification now and then.
            "desktop-idle" => Activity {
                inputs_per_ks: 50,
                app_cycles_per_input: 1_000_000,
                redraw_per_mille: 1,
                ..none
            },
            // Typing: three keystrokes a second, each redraws a line of text.
            "desktop-office" => Activity {
                inputs_per_ks: 3_000,
                app_cycles_per_input: 5_000_000,
                redraw_per_mille: 8,
                ..none
            },
            // A click or scroll a second; the page is laid out and a third of the screen redrawn.
            "desktop-web" => Activity {
                inputs_per_ks: 1_000,
                app_cycles_per_input: 60_000_000,
                redraw_per_mille: 300,
                content: Content::Mixed,
                ..none
            },
            // A 30 fps video in a quarter of the screen, an input now and then.
            "desktop-video" => Activity {
                inputs_per_ks: 200,
                app_cycles_per_input: 3_000_000,
                redraw_per_mille: 10,
                video_fps: 30,
                app_cycles_per_video_frame: 8_000_000,
                video_per_mille: 250,
                ..none
            },
            _ => return None,
        })
    }
}

/// Workload presets of the desktop activities, for the platform simulation (the
/// interactive figures come from [`run`]).
pub fn desktop_workload(name: &str) -> Option<Workload> {
    let a = Activity::of(name)?;
    let mut w = Workload::preset("web-server").expect("preset");
    w.name = name.to_string();
    let events_per_ks = a.inputs_per_ks + a.video_fps * 1000;
    // Per event: the application's work and the encoding of its update (Blast figures);
    // the mix below has four operations per sleep, so each burst is a quarter of it.
    let encode = ProtocolParams::of(DisplayProtocol::Blast).encode_cycles_per_kpixel;
    let per_ks = a.inputs_per_ks
        * (a.app_cycles_per_input + SCREEN_KPIXELS * a.redraw_per_mille / 1000 * encode)
        + a.video_fps
            * 1000
            * (a.app_cycles_per_video_frame + SCREEN_KPIXELS * a.video_per_mille / 1000 * encode);
    w.compute_cycles = per_ks / events_per_ks.max(1) / 4;
    w.think_time_us = 1_000_000_000 / events_per_ks.max(1);
    w.message_bytes = PACKET_PAYLOAD;
    w.mix = crate::workload::OpMix {
        sleep: 1,
        net_send: 1,
        syscall: 2,
        ..Default::default()
    };
    Some(w)
}

/// One group of sessions (an `[[instance]]` entry on the VDI platform).
#[derive(Debug, Clone)]
pub struct SessionGroup {
    pub name: String,
    pub workload: String,
    pub count: u32,
    pub vcpus: u32,
    /// When a fault stopped each session (cycles), if it did.
    pub stopped_at: Vec<Option<Cycles>>,
}

/// Figures of one group of sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VdiGroupResult {
    pub group: String,
    pub workload: String,
    pub sessions: u32,
    /// Input-to-display latency, milliseconds.
    pub latency_mean_ms: f64,
    pub latency_p50_ms: f64,
    pub latency_p99_ms: f64,
    /// Mean bandwidth of one session towards its client, kbit/s.
    pub bandwidth_kbit_s: f64,
    pub frames_wanted: u64,
    pub frames_delivered: u64,
}

/// Server CPU, percent of all cores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VdiCpu {
    /// Applications in the desktops.
    pub applications: f64,
    /// The display protocol's encoder.
    pub encode: f64,
    /// Guest OS background work (services).
    pub guest_background: f64,
    /// Guest kernels sending updates.
    pub guest_kernel: f64,
    /// Hypervisor: exits, back ends, VM switches.
    pub hypervisor: f64,
    pub idle: f64,
}

/// Results of the desktop sessions of one VDI platform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VdiResult {
    pub protocol: DisplayProtocol,
    pub rtt_ms: f64,
    pub client_bandwidth_mbit_s: f64,
    pub loss_percent: f64,
    pub sessions: u64,
    /// Sessions a fault dropped.
    pub sessions_dropped: u64,
    pub latency_mean_ms: f64,
    pub latency_p50_ms: f64,
    pub latency_p99_ms: f64,
    /// Share of updates displayed within 150 ms ("feels good", reference sec. 5), percent.
    pub within_150ms_percent: f64,
    /// Mean bandwidth per session, kbit/s.
    pub bandwidth_kbit_s: f64,
    pub frames_wanted: u64,
    pub frames_delivered: u64,
    pub cpu: VdiCpu,
    pub groups: Vec<VdiGroupResult>,
    pub note: Text,
}

#[derive(Debug, Clone, Copy)]
enum Ev {
    Input {
        s: u32,
    },
    Video {
        s: u32,
    },
    Background {
        s: u32,
    },
    JobDone {
        core: u32,
    },
    /// An update reached the client's screen; its bytes count as delivered bandwidth.
    Shown {
        s: u32,
        since: Cycles,
        video: bool,
        bytes: u64,
    },
    Arrive {
        job: Job,
    },
}

#[derive(Debug, Clone, Copy)]
enum JobKind {
    Input { at_client: Cycles },
    Video,
    Background,
}

#[derive(Debug, Clone, Copy)]
struct Job {
    s: u32,
    kind: JobKind,
    ready_at: Cycles,
    app: u64,
    encode: u64,
    kernel: u64,
    hyp: u64,
    bytes: u64,
    kpixels: u64,
}

struct Session {
    group: usize,
    activity: Activity,
    vcpus: u32,
    running: u32,
    queue: std::collections::VecDeque<Job>,
    rng: SimRng,
    link_free_at: Cycles,
    video_busy: bool,
    video_busy_until: Cycles,
    stop: Cycles,
    bytes: u64,
    frames_wanted: u64,
    frames_delivered: u64,
}

/// Simulates the sessions of one VDI platform for `duration` cycles, within `budget`
/// work units (events weighted by [`crate::scenario::vdi_event_weight`]); a run that
/// needs more returns `Err(units used)` instead of running on; `Ok` gives the units used.
#[allow(clippy::too_many_arguments)]
pub fn run(
    stack: &Stack,
    net: &VdiNetwork,
    host: &Host,
    costs: &CostTable,
    groups: &[SessionGroup],
    duration: Cycles,
    seed: u64,
    budget: u64,
) -> Result<(VdiResult, u64), u64> {
    let per_us = host.cycles_per_us();
    let params = ProtocolParams::of(net.protocol);
    // The guest's network path for one packet of an update, from the stack's own steps.
    let packet_workload = Workload {
        message_bytes: PACKET_PAYLOAD,
        ..Workload::preset("network-rr").expect("preset")
    };
    let builder = PathBuilder::for_host(stack, costs, host, &packet_workload);
    let send = builder.op_path(Op::NetSend);
    let every = PathCost::of_steps(&send.submit.steps);
    let batched = PathCost::of_steps(&send.submit.batched);
    let batch_every = send.submit.batch_every.max(1);
    let packet_cost = |packets: u64| -> (u64, u64) {
        let notifies = packets.div_ceil(batch_every);
        let kernel = packets
            * (every.by_category[Category::GuestKernel as usize]
                + every.by_category[Category::GuestUser as usize])
            + notifies
                * (batched.by_category[Category::GuestKernel as usize]
                    + batched.by_category[Category::GuestUser as usize]);
        let hyp = packets
            * (every.by_category[Category::Hypervisor as usize]
                + every.by_category[Category::DeviceEmulation as usize]
                + every.by_category[Category::HostOs as usize])
            + notifies
                * (batched.by_category[Category::Hypervisor as usize]
                    + batched.by_category[Category::DeviceEmulation as usize]
                    + batched.by_category[Category::HostOs as usize]);
        (kernel, hyp)
    };
    let vm_switch = costs.vm_switch;
    let half_rtt = net.rtt_us * per_us / 2;
    let rtt = net.rtt_us * per_us;
    let client_bits_per_s = net.client_bandwidth_kbit_s * 1000;
    let nic_bits_per_s = host.nic_bandwidth_gbit_s * 1_000_000_000;
    let loss_scale = 1_000_000u64;
    let background_period = 100_000 * per_us; // every 100 ms
    let background_cycles = costs.desktop_background_us_per_s * per_us / 10;

    let mut sessions: Vec<Session> = Vec::new();
    for (g_index, g) in groups.iter().enumerate() {
        let activity =
            Activity::of(&g.workload).unwrap_or(Activity::of("desktop-idle").expect("idle"));
        for copy in 0..g.count {
            let index = sessions.len() as u64;
            sessions.push(Session {
                group: g_index,
                activity,
                vcpus: g.vcpus.max(1),
                running: 0,
                queue: Default::default(),
                rng: SimRng::derived(seed, &[0x7D1, index]),
                link_free_at: 0,
                video_busy: false,
                video_busy_until: 0,
                stop: g
                    .stopped_at
                    .get(copy as usize)
                    .copied()
                    .flatten()
                    .unwrap_or(Cycles::MAX),
                bytes: 0,
                frames_wanted: 0,
                frames_delivered: 0,
            });
        }
    }
    let mut q: EventQueue<Ev> = EventQueue::default();
    for (i, s) in sessions.iter_mut().enumerate() {
        let i = i as u32;
        if let Some(mean) = (1_000_000_000 * per_us).checked_div(s.activity.inputs_per_ks) {
            let t = s.rng.exponential(mean);
            q.schedule(t, Ev::Input { s: i });
        }
        if let Some(period) = (per_us * 1_000_000).checked_div(s.activity.video_fps) {
            let t = s.rng.below(period);
            q.schedule(t, Ev::Video { s: i });
        }
        if background_cycles > 0 {
            let t = s.rng.below(background_period);
            q.schedule(t, Ev::Background { s: i });
        }
    }
    let cores = host.cores as usize;
    let mut core_job: Vec<Option<Job>> = vec![None; cores];
    let mut core_last: Vec<Option<u32>> = vec![None; cores];
    let mut nic_free_at: Cycles = 0;
    let mut busy = [0u64; 6]; // app, encode, background, kernel, hyp
    let mut hist: Vec<Histogram> = vec![Histogram::default(); groups.len()];
    let mut all = Histogram::default();
    let mut within = 0u64;
    let good = 150_000 * per_us;
    let mut events = 0u64;

    // Starts queued jobs on idle cores, oldest job first.
    fn dispatch(
        now: Cycles,
        sessions: &mut [Session],
        core_job: &mut [Option<Job>],
        core_last: &mut [Option<u32>],
        q: &mut EventQueue<Ev>,
        busy: &mut [u64; 6],
        vm_switch: u64,
    ) {
        for core in 0..core_job.len() {
            if core_job[core].is_some() {
                continue;
            }
            let pick = sessions
                .iter()
                .enumerate()
                .filter(|(_, s)| s.running < s.vcpus && !s.queue.is_empty())
                .min_by_key(|(i, s)| (s.queue.front().map_or(Cycles::MAX, |j| j.ready_at), *i))
                .map(|(i, _)| i);
            let Some(i) = pick else { return };
            let job = sessions[i].queue.pop_front().expect("job");
            sessions[i].running += 1;
            let switch = if core_last[core] == Some(i as u32) {
                0
            } else {
                vm_switch
            };
            core_last[core] = Some(i as u32);
            let total = switch + job.app + job.encode + job.kernel + job.hyp;
            busy[4] += switch;
            core_job[core] = Some(job);
            q.schedule(now + total.max(1), Ev::JobDone { core: core as u32 });
        }
    }

    let weight = crate::scenario::vdi_event_weight(sessions.len() as u64, u64::from(host.cores));
    while let Some((now, ev)) = q.pop_until(duration) {
        events += weight;
        if events > budget {
            return Err(events);
        }
        match ev {
            Ev::Input { s } => {
                let si = s as usize;
                if now >= sessions[si].stop {
                    continue;
                }
                let a = sessions[si].activity;
                let mean = 1_000_000_000 * per_us / a.inputs_per_ks.max(1);
                let next = now + sessions[si].rng.exponential(mean).max(1);
                q.schedule(next, Ev::Input { s });
                // The input reaches the server half a round trip later (plus a
                // retransmission round trip if its packet is lost).
                let mut arrive = now + half_rtt;
                if sessions[si].rng.below(loss_scale) < net.loss_ppm {
                    arrive += rtt;
                }
                let kpixels = (SCREEN_KPIXELS * a.redraw_per_mille / 1000).max(1);
                let job = make_job(
                    s,
                    JobKind::Input { at_client: now },
                    arrive,
                    a.app_cycles_per_input,
                    kpixels,
                    a.content,
                    &params,
                    &packet_cost,
                );
                sessions[si].frames_wanted += 1;
                // The input packet is in flight: queue the work when it arrives.
                q.schedule(arrive, Ev::Arrive { job });
            }
            Ev::Video { s } => {
                let si = s as usize;
                if now >= sessions[si].stop {
                    continue;
                }
                let a = sessions[si].activity;
                let fps = a.video_fps.min(params.fps_cap).max(1);
                q.schedule(
                    now + per_us * 1_000_000 / a.video_fps.max(1),
                    Ev::Video { s },
                );
                sessions[si].frames_wanted += 1;
                // The protocol sends at most fps_cap frames a second: skip the others.
                let wanted_index = sessions[si].frames_wanted;
                if a.video_fps > fps && (wanted_index * fps) % a.video_fps >= fps {
                    continue;
                }
                // A frame still being encoded or sent: this one is dropped.
                if sessions[si].video_busy || now < sessions[si].video_busy_until {
                    continue;
                }
                sessions[si].video_busy = true;
                let kpixels = (SCREEN_KPIXELS * a.video_per_mille / 1000).max(1);
                let job = make_job(
                    s,
                    JobKind::Video,
                    now,
                    a.app_cycles_per_video_frame,
                    kpixels,
                    Content::Video,
                    &params,
                    &packet_cost,
                );
                sessions[si].queue.push_back(job);
            }
            Ev::Background { s } => {
                let si = s as usize;
                if now >= sessions[si].stop {
                    continue;
                }
                q.schedule(now + background_period, Ev::Background { s });
                sessions[si].queue.push_back(Job {
                    s,
                    kind: JobKind::Background,
                    ready_at: now,
                    app: background_cycles,
                    encode: 0,
                    kernel: 0,
                    hyp: 0,
                    bytes: 0,
                    kpixels: 0,
                });
            }
            Ev::JobDone { core } => {
                let job = core_job[core as usize].take().expect("job on core");
                let si = job.s as usize;
                sessions[si].running -= 1;
                if matches!(job.kind, JobKind::Background) {
                    busy[2] += job.app;
                } else {
                    busy[0] += job.app;
                }
                busy[1] += job.encode;
                busy[3] += job.kernel;
                busy[4] += job.hyp;
                if now < sessions[si].stop && !matches!(job.kind, JobKind::Background) {
                    // Server NIC, then the client's access link, then half a round trip.
                    let bits = job.bytes * 8;
                    let nic = bits * per_us * 1_000_000 / nic_bits_per_s.max(1);
                    let nic_start = now.max(nic_free_at);
                    nic_free_at = nic_start + nic;
                    let link = bits * per_us * 1_000_000 / client_bits_per_s.max(1);
                    let link_start = nic_free_at.max(sessions[si].link_free_at);
                    sessions[si].link_free_at = link_start + link;
                    let mut shown = sessions[si].link_free_at + half_rtt;
                    let packets = job.bytes.div_ceil(PACKET_PAYLOAD);
                    let mut lost = false;
                    for _ in 0..packets.min(64) {
                        if sessions[si].rng.below(loss_scale) < net.loss_ppm {
                            lost = true;
                        }
                    }
                    if lost {
                        shown += rtt;
                    }
                    shown += job.kpixels * costs.client_decode_cycles_per_kpixel * per_us
                        / costs.client_clock_mhz.max(1);
                    match job.kind {
                        JobKind::Input { at_client } => {
                            q.schedule(
                                shown,
                                Ev::Shown {
                                    s: job.s,
                                    since: at_client,
                                    video: false,
                                    bytes: job.bytes,
                                },
                            );
                        }
                        JobKind::Video => {
                            sessions[si].video_busy = false;
                            sessions[si].video_busy_until = sessions[si].link_free_at;
                            q.schedule(
                                shown,
                                Ev::Shown {
                                    s: job.s,
                                    since: now,
                                    video: true,
                                    bytes: job.bytes,
                                },
                            );
                        }
                        JobKind::Background => {}
                    }
                } else if matches!(job.kind, JobKind::Video) {
                    sessions[si].video_busy = false;
                }
            }
            Ev::Arrive { job } => {
                let si = job.s as usize;
                if now < sessions[si].stop {
                    sessions[si].queue.push_back(job);
                }
            }
            Ev::Shown {
                s,
                since,
                video,
                bytes,
            } => {
                let si = s as usize;
                if now >= sessions[si].stop {
                    continue;
                }
                sessions[si].frames_delivered += 1;
                sessions[si].bytes += bytes;
                if !video {
                    let latency = now - since;
                    hist[sessions[si].group].record(latency);
                    all.record(latency);
                    if latency <= good {
                        within += 1;
                    }
                }
            }
        }
        dispatch(
            now,
            &mut sessions,
            &mut core_job,
            &mut core_last,
            &mut q,
            &mut busy,
            vm_switch,
        );
    }

    let seconds = duration as f64 / (per_us as f64 * 1e6);
    let capacity = duration as f64 * host.cores as f64;
    let pct = |c: u64| c as f64 * 100.0 / capacity.max(1.0);
    let total_busy: u64 = busy.iter().sum();
    let ms = |h: &Histogram| LatencySummary::from_histogram(h, per_us);
    let group_results: Vec<VdiGroupResult> = groups
        .iter()
        .enumerate()
        .map(|(g, spec)| {
            let mine: Vec<&Session> = sessions.iter().filter(|s| s.group == g).collect();
            let l = ms(&hist[g]);
            let bytes: u64 = mine.iter().map(|s| s.bytes).sum();
            VdiGroupResult {
                group: spec.name.clone(),
                workload: spec.workload.clone(),
                sessions: spec.count,
                latency_mean_ms: l.mean_us / 1000.0,
                latency_p50_ms: l.p50_us / 1000.0,
                latency_p99_ms: l.p99_us / 1000.0,
                bandwidth_kbit_s: bytes as f64 * 8.0 / 1000.0 / seconds / mine.len().max(1) as f64,
                frames_wanted: mine.iter().map(|s| s.frames_wanted).sum(),
                frames_delivered: mine.iter().map(|s| s.frames_delivered).sum(),
            }
        })
        .collect();
    let l = ms(&all);
    let bytes: u64 = sessions.iter().map(|s| s.bytes).sum();
    let result = VdiResult {
        protocol: net.protocol,
        rtt_ms: net.rtt_us as f64 / 1000.0,
        client_bandwidth_mbit_s: net.client_bandwidth_kbit_s as f64 / 1000.0,
        loss_percent: net.loss_ppm as f64 / 10_000.0,
        sessions: sessions.len() as u64,
        sessions_dropped: sessions.iter().filter(|s| s.stop < duration).count() as u64,
        latency_mean_ms: l.mean_us / 1000.0,
        latency_p50_ms: l.p50_us / 1000.0,
        latency_p99_ms: l.p99_us / 1000.0,
        within_150ms_percent: if l.count == 0 {
            0.0
        } else {
            within as f64 * 100.0 / l.count as f64
        },
        bandwidth_kbit_s: bytes as f64 * 8.0 / 1000.0 / seconds / sessions.len().max(1) as f64,
        frames_wanted: sessions.iter().map(|s| s.frames_wanted).sum(),
        frames_delivered: sessions.iter().map(|s| s.frames_delivered).sum(),
        cpu: VdiCpu {
            applications: pct(busy[0]),
            encode: pct(busy[1]),
            guest_background: pct(busy[2]),
            guest_kernel: pct(busy[3]),
            hypervisor: pct(busy[4]),
            idle: (100.0 - pct(total_busy)).max(0.0),
        },
        groups: group_results,
        note: Text::new(
            "input-to-display latency: half RTT in, queue for a core, application, encode, guest network path, NIC and client link, half RTT out, client decode",
            "입력-화면 지연: RTT 절반(입력), 코어 대기, 애플리케이션, 인코딩, 게스트 네트워크 경로, NIC와 클라이언트 링크, RTT 절반(화면), 클라이언트 디코딩",
        ),
    };
    Ok((result, events))
}

#[allow(clippy::too_many_arguments)]
fn make_job(
    s: u32,
    kind: JobKind,
    ready_at: Cycles,
    app: u64,
    kpixels: u64,
    content: Content,
    params: &ProtocolParams,
    packet_cost: &dyn Fn(u64) -> (u64, u64),
) -> Job {
    let raw = kpixels * 1000 * BYTES_PER_PIXEL;
    let bytes = params.header_bytes + raw / params.compression(content);
    let (kernel, hyp) = packet_cost(bytes.div_ceil(PACKET_PAYLOAD));
    Job {
        s,
        kind,
        ready_at,
        app,
        encode: kpixels * params.encode_cycles_per_kpixel,
        kernel,
        hyp,
        bytes,
        kpixels,
    }
}
