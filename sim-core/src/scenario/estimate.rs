//! The event estimate: an upper bound of the events a run needs, which the validator
//! holds under `MAX_ESTIMATED_EVENTS` and the page uses to plan its workers.

use super::Scenario;
use crate::desktop::Activity;
use crate::path::{FoldedPath, PathBuilder};
use crate::platform::{PlatformKind, SchedulerKind, Stack};
use crate::workload::Op;

/// An upper bound of the events one machine runs: the platform's `stack` with the given
/// instance groups (group, copies) for `duration` cycles.
///
/// A pCPU is busy with one item at a time. A thread's item is a compute burst and an
/// operation; the operation costs at least its path's every-time steps (after cost
/// overrides, at least 1 cycle), and the bursts, drawn from an exponential distribution
/// with mean `compute_cycles`, add up to at least half their mean over any 1000 or more
/// items except with a probability below e^-190 (Chernoff), so an item takes at least
/// `compute_cycles / 2 + submit` cycles on average. A blocking operation adds its
/// completion item, the thread's wake-up event, a halt and a switch (5 events); any
/// other operation at most a switch (2 events). Slice ends, caps and credit ticks cut
/// at most 4 items per pCPU and millisecond short; a type-2 host's background processes
/// run bursts of 2 ms (2 events each, at most one per pCPU and millisecond); the
/// scheduler's accounting runs at most once per millisecond. A workload that takes the
/// guest kernel's spinlock adds to each operation at most a critical section, the
/// operation's own item after it and a kick (3 events); a spin ends at a cut (counted
/// above), when the lock comes (the critical section's event), or after at least the PLE
/// window or the PV threshold of spinning, with at most an exit, a switch and a kick
/// after it (3 events); a host kernel's spin goes on in tick-long stretches. On a
/// platform that may swap, each of an operation's `page_touches_per_op` touches may find a
/// swapped-out page and wait for the host's disk first: 5 more events each (a
/// non-blocking operation with one touch counts as a blocking one, a blocking one twice). A TLB shootdown adds its IPIs' item, the acknowledgement event,
/// the spin that it cuts, a directed yield (4 events) and a handler item on each other
/// vCPU of the instance; its spins end at a cut, at the
/// acknowledgement or after at least the PLE window (3 events, as for the spinlock). Each
/// OOM kill of the memory plan is one fault event.
///
/// Each thread, besides, starts with an item of its own before any pCPU bound holds
/// (the threads beyond a group's vCPUs wait in the guest's run queue with their first
/// operation under way: a receive waiting for its message, a sleep for its timer): one
/// item's events and its start (2) per thread (a robustness review found 8 VMs of 256
/// threads each, 1 ms long, at 8432 events against an estimate of 1804).
///
/// `per_pcpu_of(group)` is [`group_events_per_pcpu`] of the group on this `stack` (with
/// its swap flag), with the most events one of its items brings: it depends on neither
/// the copies nor the other groups, so that [`Scenario::estimated_events`] computes it
/// once per stack and group for the platform, its baseline and every sweep point.
fn machine_events(
    s: &Scenario,
    groups: &[(usize, u32)],
    background: bool,
    faults: u64,
    network: Option<&super::VdiNetwork>,
    mut per_pcpu_of: impl FnMut(usize) -> (u64, u64),
) -> u64 {
    let duration_ms = s.duration_ms;
    let cores = u64::from(s.host.cores);
    let mut by_groups = 0u64;
    let mut fastest = 0u64;
    let mut entities = 0u64;
    let mut desktops = 0u64;
    let mut starts = 0u64;
    for &(index, count) in groups {
        let inst = &s.instances[index];
        if let Some(activity) = Activity::of(&inst.workload.name) {
            // A desktop's threads run its session, not an operation mix.
            desktops = desktops.saturating_add(
                desktop_events(&activity, network, duration_ms).saturating_mul(u64::from(count)),
            );
            entities += u64::from(count) * u64::from(inst.vcpus);
            continue;
        }
        let (per_pcpu, per_item) = per_pcpu_of(index);
        let threads = u64::from(count) * u64::from(inst.threads.max(inst.vcpus));
        starts = starts.saturating_add(threads.saturating_mul(per_item + 2));
        let running = u64::from(count) * u64::from(inst.vcpus.min(inst.threads));
        by_groups = by_groups.saturating_add(running.min(cores).saturating_mul(per_pcpu));
        fastest = fastest.max(per_pcpu);
        entities += u64::from(count) * u64::from(inst.vcpus);
    }
    let busy = by_groups.min(cores.saturating_mul(fastest));
    let active = cores.min(entities + if background { cores } else { 0 });
    let cuts = active * 4 * 2 * (duration_ms + 1);
    let background = if background {
        cores * 2 * (duration_ms + 1)
    } else {
        0
    };
    busy.saturating_add(desktops)
        .saturating_add(starts)
        .saturating_add(cuts)
        .saturating_add(background)
        .saturating_add(duration_ms + 1)
        .saturating_add(2 * entities + faults + 16)
}

/// The most events one pCPU can run for a thread of instance group `index` on `stack`
/// over the run (see [`machine_events`]): its operations' items, each at least half a
/// mean burst plus the operation's every-time steps, times the events each brings; and
/// the most events one item brings.
fn group_events_per_pcpu(s: &Scenario, stack: &Stack, index: usize, swap: bool) -> (u64, u64) {
    let duration = s.duration_ms * s.host.clock_mhz * 1000;
    let inst = &s.instances[index];
    let builder = PathBuilder::for_host(stack, &s.costs, &s.host, &inst.workload)
        .with_working_set_mib(inst.working_set_mib);
    let burst = inst.workload.compute_cycles / 2;
    let weights = inst.workload.mix.weights();
    let mut per_pcpu = 0u64;
    let mut per_item = 0u64;
    for op in Op::ALL.iter().take(Op::MIX_COUNT) {
        if weights[op.index()] == 0 {
            continue;
        }
        let path = builder.op_path(*op);
        // Each page-in: the fault's item end, the read's completion, a wake-up, the
        // resumption's item (as a blocking operation's 5).
        let page_ins = 5 * s.costs.page_touches_per_op.clamp(1, 64);
        let submit = FoldedPath::from(&path.submit).every_time.total;
        let (mut events, cycles) = if op.blocks() {
            let complete = FoldedPath::from(&path.complete).every_time.total;
            // Issue, device, back end, delivery, completion; a coalescing timer; and
            // on a platform that swaps, a swap-in before it.
            (
                5 + u64::from(stack.irq_coalesce_us > 0) + if swap { page_ins } else { 0 },
                burst + submit + complete,
            )
        } else if swap {
            (page_ins, burst + submit)
        } else {
            (2, burst + submit)
        };
        if inst.workload.lock_percent > 0 {
            events += 3;
        }
        if *op == Op::TlbShootdown {
            // The IPIs' item, the acknowledgement event, the spin it cuts, a directed
            // yield's switch, and a handler item on each other vCPU.
            events += 4 + u64::from(inst.vcpus.saturating_sub(1));
        }
        // Shadow paging: a burst after an address-space switch may first take an
        // item of hidden page faults (its start and end).
        if stack.memory == crate::platform::MemoryVirtualization::Shadow {
            events += 2;
        }
        let items = duration / cycles.max(1) + 1;
        per_pcpu = per_pcpu.max(items.saturating_mul(events));
        per_item = per_item.max(events);
    }
    if weights[Op::TlbShootdown.index()] > 0 && stack.ple {
        // A shootdown's wait ends at the PLE window at the earliest, with an exit, a
        // switch and the acknowledgement after it.
        let spin = s.costs.ple_window.max(1);
        per_pcpu = per_pcpu.max((duration / spin + 1).saturating_mul(3));
    }
    if inst.workload.lock_percent > 0 {
        let pv = stack.is_vm()
            && matches!(
                stack.technique,
                Some(crate::platform::Technique::Para | crate::platform::Technique::Hybrid)
            );
        let mut spin = s.host.clock_mhz * 4_000;
        if stack.ple {
            spin = spin.min(s.costs.ple_window.max(1));
        }
        if pv {
            spin = spin.min(s.costs.pv_spin_threshold(s.host.cpu).max(1));
        }
        per_pcpu = per_pcpu.max((duration / spin + 1).saturating_mul(3));
    }
    (per_pcpu, per_item)
}

/// An upper bound of the events of one desktop session over `duration_ms` (see
/// `crate::desktop::session`). Its threads alternate a wait (a receive or a sleep) and
/// a piece of work ending in a system call; such a pair costs at most 12 events (the work
/// item, the wake-up, the completion, a halt, halt polling, a host switch, two guest
/// switches, a back end's completion job and its switch, the system call's item and a
/// guest switch). Inputs arrive at random (at most 4 times their mean count, as for bursts
/// above, plus 2), video frames and the services' wake-ups at fixed rates, captures at most
/// once per capture interval and once per change. Each capture sends the largest update
/// the activity can make at most (its largest redraw and video window at full quality) in
/// the agent's sends: over TCP one per large-send segment of up to
/// [`LSO_PACKETS`](crate::desktop::protocol::LSO_PACKETS) packets, over UDP one per datagram
/// ([`Transport::packets_per_send`](crate::desktop::Transport::packets_per_send)), each at
/// most 4 events (its item, a guest switch, a back-end job and its switch). The packets a
/// send puts on the wire schedule nothing of their own: the session queues them at the
/// host NIC and on the client's link, with their loss draws, at the send's end
/// (`Sessions::on_wire`).
pub fn desktop_events(
    activity: &Activity,
    network: Option<&super::VdiNetwork>,
    duration_ms: u64,
) -> u64 {
    let (inputs, frames) = inputs_and_frames(activity, duration_ms);
    let services = duration_ms / 100 + 2;
    let captures = network.map_or(0, |net| agent_captures(activity, net, duration_ms));
    let sends = network.map_or(0, |net| desktop_sends(activity, net, duration_ms));
    // A session host's OS services run beside its sessions' own: count two streams.
    (inputs + frames + 2 * services + captures)
        .saturating_mul(12)
        .saturating_add(sends.saturating_mul(4))
        .saturating_add(4)
}

/// At most the `net_send`s of one desktop session's display agent over `duration_ms` (see
/// [`desktop_events`]): at most `agent_captures` captures, each sending at most the
/// largest update the activity can make (its largest redraw and video window, each
/// content's largest, at full quality: `capture` in `desktop/session.rs` counts its
/// packets so, and `Sessions::draw` hands them to the agent's sends), in sends of up to
/// [`Transport::packets_per_send`](crate::desktop::Transport::packets_per_send) packets.
pub fn desktop_sends(activity: &Activity, network: &super::VdiNetwork, duration_ms: u64) -> u64 {
    use crate::desktop::{Content, ProtocolParams, PACKET_PAYLOAD};
    let protocol = ProtocolParams::of_network(network);
    let mut largest = activity.redraw_kpixels();
    largest[Content::Video.index()] = largest[Content::Video.index()].max(activity.video_kpixels());
    let packets = protocol
        .update_bytes(&largest, 100)
        .div_ceil(PACKET_PAYLOAD)
        .max(1);
    let per_capture = packets.div_ceil(protocol.transport.packets_per_send().max(1));
    agent_captures(activity, network, duration_ms).saturating_mul(per_capture)
}

/// At most the inputs a session takes (4 times their mean count, plus 2) and the video
/// frames it renders over `duration_ms` (see [`desktop_events`]).
fn inputs_and_frames(activity: &Activity, duration_ms: u64) -> (u64, u64) {
    let inputs = 4 * activity.inputs_per_ks * duration_ms / 1_000_000 + 2;
    let frames = if activity.video_fps > 0 {
        activity.video_fps * duration_ms / 1000 + 2
    } else {
        0
    };
    (inputs, frames)
}

/// At most the captures of a session's agent over `duration_ms`: one per capture interval
/// (plus 2), and no more than one per change (an input or a video frame, plus 2).
fn agent_captures(activity: &Activity, network: &super::VdiNetwork, duration_ms: u64) -> u64 {
    let protocol = crate::desktop::ProtocolParams::of_network(network);
    let (inputs, frames) = inputs_and_frames(activity, duration_ms);
    (protocol.fps_cap * duration_ms / 1000 + 2).min(inputs + frames + 2)
}

/// Events the memory plan of platform `p` running `groups` adds: one fault event per OOM
/// kill, and per balloon batch an item and a switch.
fn oom_kills(s: &Scenario, p: &super::PlatformSpec, groups: &[(usize, u32)]) -> u64 {
    let groups: Vec<(&super::InstanceSpec, u32)> = groups
        .iter()
        .map(|&(i, count)| (&s.instances[i], count))
        .collect();
    let plan =
        crate::memory::plan_of_counts(&p.stack, &p.overcommit, &s.host, &s.costs, &groups).result;
    let batches: u64 = plan
        .instances
        .iter()
        .map(|m| {
            u64::from(crate::memory::balloon_batches(m.balloon_mib, &s.costs))
                + u64::from(crate::memory::free_page_reports(m.reported_mib, &s.costs))
        })
        .sum();
    plan.oom_kills.len() as u64 + 2 * batches
}

/// A duration (ms) whose run the estimate puts under `budget` events, for a run of
/// `duration_ms` estimated at `events` (the estimate grows with the simulated time): 90% of
/// the proportional share, in two significant digits rounded down (7, 66, 740, 7 400 ms),
/// so that the suggestion fits; 0 when not even 1 ms would. The page's offer to shorten a
/// run over [`PAGE_MAX_EVENTS`](super::PAGE_MAX_EVENTS) and `validate`'s note say it.
pub fn fitting_duration_ms(duration_ms: u64, events: u64, budget: u64) -> u64 {
    let share = duration_ms as f64 * budget as f64 / events.max(1) as f64 * 0.9;
    if share < 1.0 {
        return 0;
    }
    let fit = share as u64;
    let step = 10u64.pow(fit.ilog10().saturating_sub(1));
    fit / step * step
}

impl Scenario {
    /// An upper bound of the events a full run needs: every platform, each distinct
    /// native baseline, each VDI platform's local PCs and each sweep point, desktop
    /// sessions included (see
    /// `machine_events` and [`desktop_events`]). The run itself stops with an error
    /// past [`MAX_ESTIMATED_EVENTS`](super::MAX_ESTIMATED_EVENTS).
    pub fn estimated_events(&self) -> u64 {
        let groups_of = |p: usize| -> Vec<(usize, u32)> {
            (0..self.instances.len())
                .filter(|&i| self.instances[i].platforms.contains(&p))
                .map(|i| (i, self.instances[i].count))
                .collect()
        };
        let native = Stack::native();
        // group_events_per_pcpu (events per pCPU, per item) by (platform, or None for the
        // native baseline; group; swap), computed once: the sweep's points and the
        // baselines repeat them.
        type Computed = ((Option<usize>, usize, bool), (u64, u64));
        let mut per_pcpu: Vec<Computed> = Vec::new();
        let mut per_pcpu_of = |platform: Option<usize>, group: usize, swap: bool| -> (u64, u64) {
            let key = (platform, group, swap);
            if let Some(&(_, events)) = per_pcpu.iter().find(|(k, _)| *k == key) {
                return events;
            }
            let stack = platform.map_or(&native, |p| &self.platforms[p].stack);
            let events = group_events_per_pcpu(self, stack, group, swap);
            per_pcpu.push((key, events));
            events
        };
        let mut total = 0u64;
        type BaselineKey = (Vec<(usize, u32)>, SchedulerKind, u64);
        let mut baselines: Vec<BaselineKey> = Vec::new();
        for (p_index, p) in self.platforms.iter().enumerate() {
            let groups = groups_of(p_index);
            let background = p.stack.kind == PlatformKind::Type2 && p.host_background_percent > 0;
            let faults = self
                .faults
                .iter()
                .filter(|f| f.platforms.contains(&p_index))
                .count() as u64
                + oom_kills(self, p, &groups);
            let net = p.vdi.as_ref();
            let swap = p
                .overcommit
                .contains(&crate::memory::OvercommitPolicy::Swap);
            total = total.saturating_add(machine_events(
                self,
                &groups,
                background,
                faults,
                net,
                |g| per_pcpu_of(Some(p_index), g, swap),
            ));
            // ksmd: a wake-up, a switch and a scan per sleep and scan.
            let ksmd = if p.overcommit.contains(&crate::memory::OvercommitPolicy::Ksm) {
                let per_ms = self.host.clock_mhz * 1000;
                let period = (self.costs.ksm_sleep_us * self.host.clock_mhz).saturating_add(
                    self.costs
                        .ksm_pages_to_scan
                        .saturating_mul(self.costs.ksm_scan_cycles_per_page),
                );
                3 * (self.duration_ms * per_ms / period.max(1) + 1)
            } else {
                0
            };
            // A live migration's (or a container's checkpoint's) thread: a copy, a wake-up
            // and a switch per segment, at most as many segments as the link sends in the
            // run plus one per round; and the operation samples of the platform and its
            // baseline.
            let migration = match &p.migration {
                Some(m) => {
                    let gbit_s = m.link_gbit_s.min(self.host.nic_bandwidth_gbit_s as f64);
                    let segment = self.costs.migration_segment_bytes.max(4096) as f64;
                    let segments =
                        libm::ceil(gbit_s * 1e9 / 8.0 * self.duration_ms as f64 / 1000.0 / segment)
                            as u64;
                    3 * (segments + u64::from(m.max_rounds) + 2) + 2 * crate::machine::OPS_SAMPLES
                }
                None => 0,
            };
            // Memory snapshots over the run (taken on every machine that might want them).
            let samples = crate::memory::MEMORY_SAMPLES.saturating_add(migration);
            total = total.saturating_add(ksmd).saturating_add(samples);
            // A VDI platform's local PCs: each desktop alone on a machine of its own (as
            // many cores as its vCPUs: `machine_events` counts at most that many busy).
            if net.is_some() {
                for &(index, count) in &groups {
                    if Activity::of(&self.instances[index].workload.name).is_some() {
                        let one = machine_events(self, &[(index, 1)], false, 0, None, |g| {
                            per_pcpu_of(None, g, false)
                        });
                        total = total.saturating_add(one.saturating_mul(u64::from(count)));
                    }
                }
            }
            let key = (groups.clone(), p.scheduler, p.time_slice_ms);
            if !baselines.contains(&key) {
                total = total.saturating_add(machine_events(self, &groups, false, 0, None, |g| {
                    per_pcpu_of(None, g, false)
                }));
                baselines.push(key);
            }
            if let Some(sweep) = &self.sweep {
                if self.instances[sweep.group].platforms.contains(&p_index) {
                    for &count in &sweep.counts {
                        let groups: Vec<(usize, u32)> = groups
                            .iter()
                            .map(|&(i, c)| (i, if i == sweep.group { count } else { c }))
                            .collect();
                        let kills = oom_kills(self, p, &groups);
                        total = total.saturating_add(machine_events(
                            self,
                            &groups,
                            background,
                            kills,
                            net,
                            |g| per_pcpu_of(Some(p_index), g, swap),
                        ));
                        total = total.saturating_add(ksmd).saturating_add(samples);
                    }
                }
            }
        }
        total
    }
}
