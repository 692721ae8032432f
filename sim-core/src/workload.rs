//! Workloads: seeded streams of operations separated by compute bursts, and the named presets.
//!
//! An operation ([`Op`]) is a system call, a privileged instruction, port I/O, MMIO, a page
//! fault, a page-table update, a TLB miss, a disk read or write, a network send or receive,
//! a sleep, a remote TLB shootdown, a timer interrupt or a guest context switch; an
//! [`OpMix`] weighs them, and [`OpSampler`] (an alias table) picks one in constant time per
//! draw. This module knows nothing of desktops: `scenario/validate/workload.rs` resolves
//! the desktop presets' names.

use serde::{Deserialize, Serialize};

use crate::rng::SimRng;

/// Every operation the model knows. The first [`Op::MIX_COUNT`] can appear in a workload
/// mix; the rest are caused by the platform itself (timer ticks, guest thread switches).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Syscall,
    /// CPUID: always exits under hardware assist.
    Cpuid,
    /// MOV to CR0 or CR4: always exits under hardware assist.
    CrWrite,
    /// MOV to CR3 (a new address space): exits only under shadow paging.
    Cr3Write,
    /// INVLPG: exits only under shadow paging.
    Invlpg,
    /// MOV to CR8 (the task-priority register): no exit with a TPR shadow.
    Cr8Write,
    /// RDTSC: no exit with TSC offsetting.
    Rdtsc,
    IoPort,
    Mmio,
    PageFault,
    PageTableUpdate,
    TlbMiss,
    DiskRead,
    DiskWrite,
    NetSend,
    NetReceive,
    Sleep,
    /// A remote TLB shootdown (munmap/mprotect of a shared address space): flush the local
    /// TLB, send an IPI to every other CPU that may cache the mapping, wait for their acks.
    TlbShootdown,
    TimerInterrupt,
    GuestContextSwitch,
}

impl Op {
    pub const ALL: [Op; 20] = [
        Op::Syscall,
        Op::Cpuid,
        Op::CrWrite,
        Op::Cr3Write,
        Op::Invlpg,
        Op::Cr8Write,
        Op::Rdtsc,
        Op::IoPort,
        Op::Mmio,
        Op::PageFault,
        Op::PageTableUpdate,
        Op::TlbMiss,
        Op::DiskRead,
        Op::DiskWrite,
        Op::NetSend,
        Op::NetReceive,
        Op::Sleep,
        Op::TlbShootdown,
        Op::TimerInterrupt,
        Op::GuestContextSwitch,
    ];
    pub const COUNT: usize = 20;
    /// Operations that a workload mix may contain.
    pub const MIX_COUNT: usize = 18;

    /// The sensitive-instruction classes (the old `privileged_instruction` is a mix of them).
    pub const INSTRUCTION_CLASSES: [Op; 6] = [
        Op::Cpuid,
        Op::CrWrite,
        Op::Cr3Write,
        Op::Invlpg,
        Op::Cr8Write,
        Op::Rdtsc,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The operation named `name` in scenario files and results ([`Op::name`]).
    pub fn from_name(name: &str) -> Option<Op> {
        Op::ALL.into_iter().find(|o| o.name() == name)
    }

    /// The snake_case name used in scenario files and results.
    pub fn name(self) -> &'static str {
        match self {
            Op::Syscall => "syscall",
            Op::Cpuid => "cpuid",
            Op::CrWrite => "cr_write",
            Op::Cr3Write => "cr3_write",
            Op::Invlpg => "invlpg",
            Op::Cr8Write => "cr8_write",
            Op::Rdtsc => "rdtsc",
            Op::IoPort => "io_port",
            Op::Mmio => "mmio",
            Op::PageFault => "page_fault",
            Op::PageTableUpdate => "page_table_update",
            Op::TlbMiss => "tlb_miss",
            Op::DiskRead => "disk_read",
            Op::DiskWrite => "disk_write",
            Op::NetSend => "net_send",
            Op::NetReceive => "net_receive",
            Op::Sleep => "sleep",
            Op::TlbShootdown => "tlb_shootdown",
            Op::TimerInterrupt => "timer_interrupt",
            Op::GuestContextSwitch => "guest_context_switch",
        }
    }

    /// Whether the issuing thread blocks until a device or timer completes the operation.
    pub fn blocks(self) -> bool {
        matches!(
            self,
            Op::DiskRead | Op::DiskWrite | Op::NetReceive | Op::Sleep
        )
    }
}

/// How the alias `privileged_instruction` splits into instruction classes, in tenths:
/// (class, tenths). An estimate (no published census of a guest kernel's sensitive
/// instructions): the instructions that a current CPU runs without an exit (TPR writes,
/// RDTSC) are the most frequent, control-register writes, CR3 loads, INVLPG and CPUID
/// share the rest.
pub const PRIVILEGED_ALIAS_TENTHS: [(Op, u64); 6] = [
    (Op::Cr8Write, 3),
    (Op::Rdtsc, 3),
    (Op::CrWrite, 1),
    (Op::Cr3Write, 1),
    (Op::Invlpg, 1),
    (Op::Cpuid, 1),
];

/// Relative weights of the operations in a mix (0 = never).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct OpMix {
    pub syscall: u32,
    /// Alias: a mix of the instruction classes ([`PRIVILEGED_ALIAS_TENTHS`]).
    pub privileged_instruction: u32,
    pub cpuid: u32,
    pub cr_write: u32,
    pub cr3_write: u32,
    pub invlpg: u32,
    pub cr8_write: u32,
    pub rdtsc: u32,
    pub io_port: u32,
    pub mmio: u32,
    pub page_fault: u32,
    pub page_table_update: u32,
    pub tlb_miss: u32,
    pub disk_read: u32,
    pub disk_write: u32,
    pub net_send: u32,
    pub net_receive: u32,
    pub sleep: u32,
    /// Remote TLB shootdowns (munmap/mprotect that other CPUs of the address space must
    /// see). No preset has them: no published census gives their share.
    pub tlb_shootdown: u32,
}

impl OpMix {
    /// Weights indexed by [`Op::index`] for the mix operations. A mix that uses the alias
    /// `privileged_instruction` has every weight multiplied by ten and the alias's weight
    /// spread over the classes by [`PRIVILEGED_ALIAS_TENTHS`].
    pub fn weights(&self) -> [u64; Op::MIX_COUNT] {
        let mut w = self.own_weights();
        if self.privileged_instruction > 0 {
            for x in w.iter_mut() {
                *x *= 10;
            }
            for (op, tenths) in PRIVILEGED_ALIAS_TENTHS {
                w[op.index()] += u64::from(self.privileged_instruction) * tenths;
            }
        }
        w
    }

    fn own_weights(&self) -> [u64; Op::MIX_COUNT] {
        [
            self.syscall,
            self.cpuid,
            self.cr_write,
            self.cr3_write,
            self.invlpg,
            self.cr8_write,
            self.rdtsc,
            self.io_port,
            self.mmio,
            self.page_fault,
            self.page_table_update,
            self.tlb_miss,
            self.disk_read,
            self.disk_write,
            self.net_send,
            self.net_receive,
            self.sleep,
            self.tlb_shootdown,
        ]
        .map(u64::from)
    }

    pub fn total(&self) -> u64 {
        self.weights().iter().sum()
    }
}

/// A workload: what one thread does, over and over.
///
/// Every integer field has a key of a `[[workload]]` table, and [`crate::Scenario::check`]
/// (which every run does first) holds a workload set by hand to that key's range
/// ([`crate::scenario::MAX_COMPUTE_CYCLES`], [`crate::scenario::MAX_TRANSFER_BYTES`], ...),
/// with the file's message: beyond them the model's arithmetic could overflow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Workload {
    pub name: String,
    /// Mean user-mode compute burst between two operations (exponentially distributed), cycles.
    pub compute_cycles: u64,
    /// Kernel work done inside one system call beyond entry and exit, cycles.
    pub syscall_work_cycles: u64,
    /// Bytes per disk request.
    pub io_bytes: u64,
    /// Bytes per network message.
    pub message_bytes: u64,
    /// Mean time a `sleep` operation waits (think time), microseconds.
    pub think_time_us: u64,
    /// Relative weights of the operations.
    pub mix: OpMix,
    /// Percent of operations that take the instance's guest kernel spinlock first.
    #[serde(default)]
    pub lock_percent: u32,
    /// Cycles the spinlock is held (a preemptible critical section in guest kernel mode).
    #[serde(default = "default_lock_hold")]
    pub lock_hold_cycles: u64,
    /// Indirect control transfers (call/ret pairs, indirect jumps) per 1000 cycles of
    /// guest kernel work: what binary translation rewrites into translation-cache lookups.
    #[serde(default = "default_kernel_control_flow")]
    pub kernel_control_flow_per_kcycle: u64,
    /// Guest kernel code (KiB) that the workload's kernel entries run: the working set
    /// of code blocks that binary translation keeps in its translation cache.
    #[serde(default = "default_kernel_code_kib")]
    pub kernel_code_kib: u64,
    /// Whether the instance's threads are threads of one process, sharing its address
    /// space (a guest switch between them loads no new page-table base, and a TLB
    /// shootdown asks the other CPUs that run it), or processes of their own (a switch
    /// loads CR3; a shootdown has no other CPU to ask).
    #[serde(default)]
    pub shared_address_space: bool,
}

/// Default indirect control transfers per 1000 kernel cycles (estimate: kernel code calls
/// a function or returns about every 100 cycles, some 30 to 100 instructions).
pub const DEFAULT_KERNEL_CONTROL_FLOW_PER_KCYCLE: u64 = 10;

/// Default guest kernel code working set, KiB (estimate: the hot part of a Linux kernel's
/// text for one workload, a tenth of its roughly 10 MiB of text).
pub const DEFAULT_KERNEL_CODE_KIB: u64 = 1024;

fn default_kernel_control_flow() -> u64 {
    DEFAULT_KERNEL_CONTROL_FLOW_PER_KCYCLE
}

fn default_kernel_code_kib() -> u64 {
    DEFAULT_KERNEL_CODE_KIB
}

/// Default hold time of the guest kernel spinlock (estimate: a short kernel critical
/// section, under a microsecond at 3 GHz).
pub const DEFAULT_LOCK_HOLD_CYCLES: u64 = 2_000;

fn default_lock_hold() -> u64 {
    DEFAULT_LOCK_HOLD_CYCLES
}

/// The names of the built-in workload presets.
pub const PRESET_NAMES: [&str; 7] = [
    "cpu-bound",
    "syscall-heavy",
    "disk-random-4k",
    "network-rr",
    "memory-tlb",
    "web-server",
    "database",
];

impl Workload {
    /// A named preset, or `None` for an unknown name.
    pub fn preset(name: &str) -> Option<Workload> {
        let base = |compute_cycles, mix| Workload {
            name: name.to_string(),
            compute_cycles,
            syscall_work_cycles: 800,
            io_bytes: 4096,
            message_bytes: 1024,
            think_time_us: 0,
            mix,
            lock_percent: 0,
            lock_hold_cycles: DEFAULT_LOCK_HOLD_CYCLES,
            kernel_control_flow_per_kcycle: DEFAULT_KERNEL_CONTROL_FLOW_PER_KCYCLE,
            kernel_code_kib: DEFAULT_KERNEL_CODE_KIB,
            shared_address_space: false,
        };
        let w = match name {
            // Long compute bursts, almost never enters the kernel: only timer ticks remain.
            "cpu-bound" => base(
                2_000_000,
                OpMix {
                    syscall: 1,
                    ..OpMix::default()
                },
            ),
            // System calls with some page faults and page-table updates (not a fork/exec:
            // no address-space switches or copies).
            "syscall-heavy" => base(
                2_000,
                OpMix {
                    syscall: 80,
                    page_fault: 6,
                    page_table_update: 12,
                    invlpg: 1,
                    rdtsc: 1,
                    ..OpMix::default()
                },
            ),
            // Random 4 KiB reads and writes.
            "disk-random-4k" => base(
                20_000,
                OpMix {
                    disk_read: 70,
                    disk_write: 30,
                    syscall: 10,
                    ..OpMix::default()
                },
            ),
            // A server answering small requests: receive, compute, send.
            "network-rr" => Workload {
                message_bytes: 512,
                ..base(
                    30_000,
                    OpMix {
                        net_receive: 50,
                        net_send: 50,
                        syscall: 10,
                        ..OpMix::default()
                    },
                )
            },
            // Large, sparse working set: TLB misses, page faults, page-table updates.
            "memory-tlb" => base(
                3_000,
                OpMix {
                    tlb_miss: 70,
                    page_fault: 10,
                    page_table_update: 20,
                    ..OpMix::default()
                },
            ),
            "web-server" => Workload {
                think_time_us: 200,
                ..base(
                    20_000,
                    OpMix {
                        syscall: 40,
                        net_receive: 15,
                        net_send: 15,
                        disk_read: 5,
                        page_fault: 8,
                        page_table_update: 5,
                        tlb_miss: 15,
                        sleep: 2,
                        ..OpMix::default()
                    },
                )
            },
            // The connection threads of one server process (a MySQL-like server).
            "database" => Workload {
                io_bytes: 8192,
                shared_address_space: true,
                ..base(
                    15_000,
                    OpMix {
                        syscall: 30,
                        disk_read: 20,
                        disk_write: 12,
                        tlb_miss: 25,
                        page_fault: 4,
                        page_table_update: 4,
                        net_receive: 5,
                        net_send: 5,
                        ..OpMix::default()
                    },
                )
            },
            _ => return None,
        };
        Some(w)
    }
}

/// Draws operations of a workload in constant time: Walker's alias table of its mix
/// (Vose's construction, "A linear algorithm for generating random numbers with a given
/// distribution", IEEE TSE 17(9), 1991), built once per workload.
///
/// The operations with a weight are the table's columns. One 64-bit draw `u` picks a
/// column, `u * columns / 2^64`, and the low 64 bits of that product, a uniform fraction
/// of the column, choose between the column's own operation (below `threshold`) and its
/// alias. Column `c` holds its operation's share `threshold[c] / 2^64` of a column, and
/// the shares and aliases add up to each operation's weight over the total.
#[derive(Debug, Clone)]
pub struct OpSampler {
    /// Per column: the fraction (of 2^64) that draws its own operation.
    threshold: [u64; Op::MIX_COUNT],
    own: [Op; Op::MIX_COUNT],
    alias: [Op; Op::MIX_COUNT],
    columns: u64,
    compute_cycles: u64,
}

impl OpSampler {
    pub fn new(workload: &Workload) -> OpSampler {
        let weights = workload.mix.weights();
        let present: Vec<(Op, u64)> = Op::ALL[..Op::MIX_COUNT]
            .iter()
            .zip(weights)
            .filter(|&(_, w)| w > 0)
            .map(|(&op, w)| (op, w))
            .collect();
        let columns = present.len();
        let total: u64 = present.iter().map(|&(_, w)| w).sum();
        let mut threshold = [u64::MAX; Op::MIX_COUNT];
        let mut own = [Op::Syscall; Op::MIX_COUNT];
        let mut alias = [Op::Syscall; Op::MIX_COUNT];
        // Vose in exact integers: column capacity `total`, operation i brings
        // `weight_i * columns`; a column short of capacity is topped up by a large one.
        let mut left: Vec<u128> = present
            .iter()
            .map(|&(_, w)| u128::from(w) * columns as u128)
            .collect();
        let capacity = u128::from(total);
        let (mut small, mut large): (Vec<usize>, Vec<usize>) =
            (0..columns).partition(|&c| left[c] < capacity);
        for (c, &(op, _)) in present.iter().enumerate() {
            own[c] = op;
            alias[c] = op;
        }
        while let (Some(&s), Some(&l)) = (small.last(), large.last()) {
            small.pop();
            // Column s keeps left[s] of its capacity for its own operation.
            threshold[s] = ((left[s] << 64) / capacity) as u64;
            alias[s] = present[l].0;
            left[l] -= capacity - left[s];
            if left[l] < capacity {
                large.pop();
                small.push(l);
            }
        }
        // Whatever remains is full (exactly, in integers): always its own operation.
        OpSampler {
            threshold,
            own,
            alias,
            columns: columns as u64,
            compute_cycles: workload.compute_cycles,
        }
    }

    /// The next compute burst and the operation that ends it. A mix with no weight
    /// at all is pure compute: it yields `None` as operation.
    #[inline(always)]
    pub fn draw(&self, rng: &mut SimRng) -> (u64, Option<Op>) {
        let burst = rng.exponential(self.compute_cycles).max(1);
        if self.columns == 0 {
            return (burst, None);
        }
        let (high, fraction) = crate::rng::widening_mul_small(rng.next_u64(), self.columns);
        let column = high as usize;
        let op = if fraction < self.threshold[column] {
            self.own[column]
        } else {
            self.alias[column]
        };
        (burst, Some(op))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_name_resolves_and_unknown_does_not() {
        for name in PRESET_NAMES {
            let w = Workload::preset(name).expect(name);
            assert!(w.mix.total() > 0, "{name} has an empty mix");
        }
        assert!(Workload::preset("paravirt").is_none());
    }

    #[test]
    fn sampler_follows_the_weights() {
        // syscall 3 : disk_read 1 → about 75% system calls in 40 000 draws
        // (standard deviation of the count about 87, so 30 000 ± 600 is safe).
        let w = Workload {
            mix: OpMix {
                syscall: 3,
                disk_read: 1,
                ..OpMix::default()
            },
            ..Workload::preset("cpu-bound").unwrap()
        };
        let sampler = OpSampler::new(&w);
        let mut rng = SimRng::seed_from_u64(11);
        let syscalls = (0..40_000)
            .filter(|_| sampler.draw(&mut rng).1 == Some(Op::Syscall))
            .count();
        assert!((29_400..=30_600).contains(&syscalls), "{syscalls}");
    }

    #[test]
    fn alias_table_gives_each_operation_exactly_its_share() {
        // Integrating over the draw: column c is picked with probability 1/columns and
        // gives its own operation with probability threshold/2^64, else its alias. For the
        // database preset (weights 30, 20, 12, 25, 4, 4, 5, 5 of 105) every operation's
        // share must equal weight/105 to within 2^-60 (rounding of the thresholds).
        for name in PRESET_NAMES {
            let w = Workload::preset(name).unwrap();
            let s = OpSampler::new(&w);
            let weights = w.mix.weights();
            let total: u64 = weights.iter().sum();
            let mut share = [0f64; Op::MIX_COUNT];
            for c in 0..s.columns as usize {
                let own = s.threshold[c] as f64 / 2f64.powi(64);
                share[s.own[c].index()] += own / s.columns as f64;
                share[s.alias[c].index()] += (1.0 - own) / s.columns as f64;
            }
            for (i, &weight) in weights.iter().enumerate() {
                let want = weight as f64 / total as f64;
                assert!(
                    (share[i] - want).abs() < 1e-12,
                    "{name} {i}: {} vs {want}",
                    share[i]
                );
            }
        }
    }
}
