//! Boot and logon storms: a fluid model of instances starting together, sharing the
//! host's cores and disk, so that the storm's time emerges from contention.

use super::StartStep;
use crate::hardware::Host;
use crate::rng::SimRng;

/// What a phase of a start-up step waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phase {
    /// CPU time on one core, shared when more phases compute than there are cores.
    Cpu,
    /// Bytes at the disk's bandwidth, shared equally among the phases reading.
    Disk,
    /// Dependent small reads, one disk latency each: not shared (a few hundred lookups
    /// per instance are far from the disk's IOPS).
    Latency,
}

/// A start-up step's bulk read and its CPU work do not come one after the other: a boot
/// reads a file (a driver, a library, a profile), works on it, reads the next. The step is
/// taken as pieces of about this many MiB read, each followed by its share of the step's
/// CPU work (estimate: boot files run from a few KiB to tens of MiB).
pub const READ_PIECE_MIB: u64 = 16;

/// At most this many pieces per step (a huge read from a changed cost table must not
/// make a storm slow): larger reads get larger pieces.
pub const MAX_PIECES_PER_STEP: u64 = 64;

/// Random-stream id of the pieces' sizes (apart from the workloads' streams).
const PIECES_STREAM: u64 = 0x424f_4f54; // "BOOT"

/// The phases of one instance's start-up, in order, as (what it waits for, seconds alone).
/// A step's small reads come first, then its bulk read and CPU work as pieces
/// ([`READ_PIECE_MIB`]) whose shares of the step vary at random, drawn from `rng` when
/// `pieces`: exponential weights, an estimate standing in for the timing jitter of real
/// starts (the disk queue's order, the scheduler's slices, services started in parallel),
/// without which identical instances would stay in step.
pub(super) fn phases_of(
    steps: &[StartStep],
    host: &Host,
    pieces: bool,
    rng: &mut SimRng,
) -> Vec<(Phase, f64)> {
    let bandwidth = host.disk_bandwidth_mb_s as f64 * 1_000_000.0;
    let mut out = Vec::new();
    for s in steps {
        // The disk's bandwidth, or what its IOPS allow at the step's request size
        // (`StartStep::read_request_kib`: the OS's readahead) if that is less: on the
        // library's hosts (200 000 IOPS by default) the bandwidth binds; a disk of a few
        // thousand IOPS (spinning disks behind a VDI pool) makes a storm wait for requests.
        let by_requests = host.disk_iops as f64 * (s.read_request_kib * 1024) as f64;
        let disk_bytes_per_s = if s.read_request_kib > 0 && by_requests < bandwidth {
            by_requests
        } else {
            bandwidth
        };
        if s.read_requests > 0 {
            out.push((
                Phase::Latency,
                s.read_requests as f64 * host.disk_latency_us as f64 / 1_000_000.0,
            ));
        }
        let read = s.read_mib as f64 * 1_048_576.0 / disk_bytes_per_s;
        let cpu = s.cpu_us as f64 / 1_000_000.0;
        let k = s.read_mib.div_ceil(READ_PIECE_MIB).min(MAX_PIECES_PER_STEP) as usize;
        if pieces && k > 1 && s.cpu_us > 0 {
            let reads: Vec<f64> = (0..k).map(|_| rng.standard_exponential()).collect();
            let works: Vec<f64> = (0..k).map(|_| rng.standard_exponential()).collect();
            let (r_sum, w_sum) = (reads.iter().sum::<f64>(), works.iter().sum::<f64>());
            for (r, w) in reads.iter().zip(&works) {
                out.push((Phase::Disk, read * r / r_sum));
                out.push((Phase::Cpu, cpu * w / w_sum));
            }
            continue;
        }
        if s.read_mib > 0 {
            out.push((Phase::Disk, read));
        }
        if s.cpu_us > 0 {
            out.push((Phase::Cpu, cpu));
        }
    }
    out.retain(|&(_, seconds)| seconds > 0.0);
    out
}

/// An instance's place in a station's queue: the station's virtual time at which its phase
/// ends, then the instance (a fixed order for equal times).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Due(f64, usize);

impl Eq for Due {}

impl Ord for Due {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // The smallest first, from a max-heap.
        other.0.total_cmp(&self.0).then(other.1.cmp(&self.1))
    }
}

impl PartialOrd for Due {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// A processor-sharing station: every instance in it progresses at `rate` seconds of its
/// own work per second, so each one's phase ends when the station's virtual time (the
/// work one instance has received since the start) reaches its due value.
#[derive(Default)]
struct Station {
    virtual_time: f64,
    queue: std::collections::BinaryHeap<Due>,
}

impl Station {
    fn enter(&mut self, instance: usize, seconds: f64) {
        self.queue.push(Due(self.virtual_time + seconds, instance));
    }

    /// Real seconds until the next phase here ends, at `rate`.
    fn next_end(&self, rate: f64) -> f64 {
        self.queue.peek().map_or(f64::INFINITY, |d| {
            ((d.0 - self.virtual_time) / rate).max(0.0)
        })
    }
}

/// Start-up of a set of instances that all begin at time 0, sharing `host.cores` cores
/// (one core at most per instance) and the disk bandwidth. Fluid model: at every moment
/// each running CPU phase gets min(1, cores / CPU phases) of a core and each read an equal
/// share of the disk; small dependent reads wait one disk latency each, unshared. Each
/// step's reading and computing alternate in pieces (`phases_of`) whose sizes differ
/// from instance to instance (drawn from `seed`), so instances that start together drift
/// apart and one's reading overlaps another's computing, as in a real storm: the last is
/// up a little after the largest of one instance's time alone, the CPU work over the cores
/// and the reads over the disk. Alone, an instance takes the same time whatever the pieces.
/// A type-2 host's own programs take `background_percent` of each core, which the host's
/// fair scheduler leaves them (they want less than an even share), so a CPU phase gets at
/// most the rest of a core. Returns when each instance is up, in milliseconds.
pub fn storm(
    instances: &[Vec<StartStep>],
    host: &Host,
    background_percent: u32,
    seed: u64,
) -> Vec<f64> {
    let pieces = instances.len() > 1;
    // Each instance's phases, last first (popped from the end).
    let mut phases: Vec<Vec<(Phase, f64)>> = instances
        .iter()
        .enumerate()
        .map(|(i, steps)| {
            let mut rng = SimRng::derived(seed, &[PIECES_STREAM, i as u64]);
            let mut p = phases_of(steps, host, pieces, &mut rng);
            p.reverse();
            p
        })
        .collect();
    let mut done = vec![0.0f64; instances.len()];
    let (mut cpu, mut disk, mut latency) =
        (Station::default(), Station::default(), Station::default());
    let enter = |i: usize,
                 phases: &mut Vec<Vec<(Phase, f64)>>,
                 cpu: &mut Station,
                 disk: &mut Station,
                 latency: &mut Station| {
        if let Some(&(kind, seconds)) = phases[i].last() {
            match kind {
                Phase::Cpu => cpu.enter(i, seconds),
                Phase::Disk => disk.enter(i, seconds),
                Phase::Latency => latency.enter(i, seconds),
            }
        }
    };
    for i in 0..instances.len() {
        enter(i, &mut phases, &mut cpu, &mut disk, &mut latency);
    }
    let cores = f64::from(host.cores.max(1));
    let left_per_core = 1.0 - f64::from(background_percent.min(95)) / 100.0;
    let mut now = 0.0f64;
    loop {
        let cpu_rate = (cores / cpu.queue.len().max(1) as f64).min(1.0) * left_per_core;
        let disk_rate = 1.0 / disk.queue.len().max(1) as f64;
        let ends = [
            cpu.next_end(cpu_rate),
            disk.next_end(disk_rate),
            latency.next_end(1.0),
        ];
        // The first phase to end (CPU, then disk, then latency on equal times).
        let (which, dt) =
            ends.iter()
                .copied()
                .enumerate()
                .fold((usize::MAX, f64::INFINITY), |best, (k, t)| {
                    if t < best.1 {
                        (k, t)
                    } else {
                        best
                    }
                });
        if which == usize::MAX {
            break;
        }
        now += dt;
        cpu.virtual_time += dt * cpu_rate;
        disk.virtual_time += dt * disk_rate;
        latency.virtual_time += dt;
        let station = match which {
            0 => &mut cpu,
            1 => &mut disk,
            _ => &mut latency,
        };
        let Some(Due(due, i)) = station.queue.pop() else {
            break;
        };
        // Exactly at the phase's end (no drift from the sum of the steps).
        station.virtual_time = station.virtual_time.max(due);
        phases[i].pop();
        if phases[i].is_empty() {
            done[i] = now * 1000.0;
        } else {
            enter(i, &mut phases, &mut cpu, &mut disk, &mut latency);
        }
    }
    done
}

/// Fills the `alone_ms` of each step (on a host whose own programs take
/// `background_percent` of each core: [`storm`]).
pub fn time_steps_alone(steps: &mut [StartStep], host: &Host, background_percent: u32) {
    for s in steps.iter_mut() {
        let one = std::slice::from_ref(&*s).to_vec();
        s.alone_ms = storm(&[one], host, background_percent, 0)[0];
    }
}
