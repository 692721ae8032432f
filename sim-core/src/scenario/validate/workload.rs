//! Validation of the `[[workload]]` tables, and the named workload presets.

use toml::Spanned;

use super::{names, range, range_msg};
use crate::scenario::error::{msg, Msg};
use crate::scenario::format::WorkloadSection;
use crate::scenario::limits::{
    MAX_COMPUTE_CYCLES, MAX_KERNEL_CODE_KIB, MAX_KERNEL_CONTROL_FLOW_PER_KCYCLE,
    MAX_SYSCALL_WORK_CYCLES, MAX_THINK_TIME_US, MAX_TRANSFER_BYTES,
};
use crate::scenario::{ScenarioError, Validator};
use crate::workload::{OpMix, Workload, PRESET_NAMES};

/// The `[[workload]]` tables, in order: each a new name, from a preset, an earlier
/// workload or the defaults, with its fields in range and a non-empty mix.
pub(super) fn validate_workloads(
    v: &Validator<'_>,
    raw_workloads: &[WorkloadSection],
) -> Result<Vec<Workload>, ScenarioError> {
    let mut workloads: Vec<Workload> = Vec::new();
    for w in raw_workloads {
        let name = w.name.get_ref();
        if preset(name).is_some() || workloads.iter().any(|x| &x.name == name) {
            return Err(v.error(
                w.name.span(),
                msg!(
                    "duplicate",
                    "workload name `{name}` is already taken (by a preset or an earlier [[workload]])",
                    "워크로드 이름 `{name}`은(는) 이미 쓰이고 있습니다 (프리셋 또는 앞의 [[workload]])",
                    name = name
                ),
            ));
        }
        // A desktop activity as the base: its users' work is not an operation mix.
        if let Some(base) = w
            .base
            .as_ref()
            .filter(|b| crate::desktop::DESKTOP_PRESETS.contains(&b.get_ref().as_str()))
        {
            return Err(v.error(
                base.span(),
                msg!(
                    "desktop_base",
                    "workload `{name}`: `{base}` is a desktop activity (keystrokes, screen updates, a display protocol), not an operation mix, so it cannot be a base; give an instance of a `vdi` platform workload = \"{base}\" directly, or base this workload on one of {expected}",
                    "워크로드 `{name}`: `{base}`은(는) 연산 mix가 아니라 데스크톱 활동(키 입력, 화면 갱신, 디스플레이 프로토콜)이므로 기반이 될 수 없습니다. `vdi` 플랫폼의 인스턴스에 workload = \"{base}\"를 직접 주거나, 이 워크로드의 기반을 {expected} 중 하나로 하세요",
                    name = name,
                    base = base.get_ref(),
                    expected = names(
                        PRESET_NAMES
                            .iter()
                            .copied()
                            .chain(workloads.iter().map(|x| x.name.as_str()))
                    )
                ),
            ));
        }
        // A base defined by a later [[workload]]: workloads are read in order.
        let later = w.base.as_ref().and_then(|base| {
            let later = raw_workloads
                .iter()
                .find(|x| x.name.get_ref() == base.get_ref())?;
            (preset(base.get_ref()).is_none() && later.name.span().start > base.span().start)
                .then_some((base, later))
        });
        if let Some((base, later)) = later {
            // Whether the later one is built on this one (through bases): moving it up
            // would not help, the bases go round.
            let mut next = Some(later);
            let mut circle = false;
            for _ in 0..raw_workloads.len() {
                let Some(b) = next.and_then(|x| x.base.as_ref()) else {
                    break;
                };
                if b.get_ref() == name {
                    circle = true;
                    break;
                }
                next = raw_workloads
                    .iter()
                    .find(|x| x.name.get_ref() == b.get_ref());
            }
            if circle {
                return Err(v.error(
                    base.span(),
                    msg!(
                        "base_circle",
                        "workload `{name}`: its base `{base}` is built on `{name}` in turn (through base): the bases go round; base one of them on a preset or none",
                        "워크로드 `{name}`: 기반 `{base}`이(가) 다시 `{name}`을(를) 기반으로 합니다(base를 따라가면): 기반이 돌고 돕니다. 그중 하나의 기반을 프리셋으로 하거나 없애세요",
                        name = name,
                        base = base.get_ref()
                    ),
                ));
            }
            let (line, _) = crate::scenario::error::line_column(v.text, later.name.span().start);
            return Err(v.error(
                base.span(),
                msg!(
                    "base_defined_later",
                    "workload `{name}`: its base `{base}` is the [[workload]] defined later, at line {line}; a base must come before the workloads built on it: move that [[workload]] above this one",
                    "워크로드 `{name}`: 기반 `{base}`은(는) 뒤쪽 {line}번째 줄에 정의된 [[workload]]입니다. 기반은 그것을 쓰는 워크로드보다 앞에 있어야 합니다: 그 [[workload]]를 이 워크로드 위로 옮기세요",
                    name = name,
                    base = base.get_ref(),
                    line = line
                ),
            ));
        }
        let mut workload = match &w.base {
            Some(base) => preset(base.get_ref())
                .or_else(|| {
                    workloads
                        .iter()
                        .find(|x| &x.name == base.get_ref())
                        .cloned()
                })
                .ok_or_else(|| {
                    v.error(
                        base.span(),
                        msg!(
                            "unknown_name",
                            "unknown base workload `{name}`; expected one of {expected}",
                            "알 수 없는 기반 워크로드 `{name}`입니다. 가능한 값: {expected}",
                            name = base.get_ref(),
                            expected = names(
                                PRESET_NAMES
                                    .iter()
                                    .copied()
                                    .chain(workloads.iter().map(|x| x.name.as_str()))
                            )
                        ),
                    )
                })?,
            None => Workload {
                name: String::new(),
                compute_cycles: 10_000,
                syscall_work_cycles: 800,
                io_bytes: 4096,
                message_bytes: 1024,
                think_time_us: 1000,
                mix: OpMix::default(),
                lock_percent: 0,
                lock_hold_cycles: crate::workload::DEFAULT_LOCK_HOLD_CYCLES,
                kernel_control_flow_per_kcycle:
                    crate::workload::DEFAULT_KERNEL_CONTROL_FLOW_PER_KCYCLE,
                kernel_code_kib: crate::workload::DEFAULT_KERNEL_CODE_KIB,
                shared_address_space: false,
            },
        };
        workload.name = name.clone();
        let field = |what: &str| format!("workload `{name}`: {what}");
        // The key's value in its range (`WORKLOAD_RANGES`).
        let ranged = |value: &Spanned<u64>, key: &str| {
            let (min, max) = bounds(key);
            range(v, value, &field(key), min, max)
        };
        if let Some(c) = &w.compute_cycles {
            workload.compute_cycles = ranged(c, "compute_cycles")?;
        }
        if let Some(c) = &w.syscall_work_cycles {
            workload.syscall_work_cycles = ranged(c, "syscall_work_cycles")?;
        }
        if let Some(b) = &w.io_bytes {
            workload.io_bytes = ranged(b, "io_bytes")?;
        }
        if let Some(b) = &w.message_bytes {
            workload.message_bytes = ranged(b, "message_bytes")?;
        }
        if let Some(t) = &w.think_time_us {
            workload.think_time_us = ranged(t, "think_time_us")?;
        }
        if let Some(mix) = &w.mix {
            workload.mix = mix.get_ref().clone();
        }
        if let Some(l) = &w.lock_percent {
            let got = *l.get_ref();
            let (min, max) = bounds("lock_percent");
            if !(min..=max).contains(&u64::from(got)) {
                return Err(v.error(l.span(), range_msg(&field("lock_percent"), min, max, got)));
            }
            workload.lock_percent = got;
        }
        if let Some(c) = &w.lock_hold_cycles {
            workload.lock_hold_cycles = ranged(c, "lock_hold_cycles")?;
        }
        if let Some(c) = &w.kernel_control_flow_per_kcycle {
            workload.kernel_control_flow_per_kcycle = ranged(c, "kernel_control_flow_per_kcycle")?;
        }
        if let Some(c) = &w.kernel_code_kib {
            workload.kernel_code_kib = ranged(c, "kernel_code_kib")?;
        }
        match &w.shared_address_space {
            Some(s) => workload.shared_address_space = *s.get_ref(),
            // A shootdown asks the other CPUs of its address space: a mix that has them
            // runs threads of one process unless the file says otherwise.
            None if workload.mix.tlb_shootdown > 0 => workload.shared_address_space = true,
            None => {}
        }
        if workload.mix.total() == 0 {
            let span = w.mix.as_ref().map_or(w.name.span(), |m| m.span());
            return Err(v.error(span, empty_mix(name)));
        }
        workloads.push(workload);
    }
    Ok(workloads)
}

/// A named workload preset: the machine's presets, then the desktop activities (resolved
/// here so that the workload model need not know desktops).
pub(super) fn preset(name: &str) -> Option<Workload> {
    Workload::preset(name).or_else(|| crate::desktop::desktop_workload(name))
}

/// Workload `name` has no operation with a weight above 0.
pub(super) fn empty_mix(name: &str) -> Msg {
    msg!(
        "empty_mix",
        "workload `{name}` has an empty mix: give at least one operation a weight above 0 (e.g. syscall = 1)",
        "워크로드 `{name}`의 mix가 비어 있습니다: 연산 하나 이상에 0보다 큰 가중치를 주세요 (예: syscall = 1)",
        name = name
    )
}

/// The range of each integer field of a workload, by its key in a `[[workload]]` table, in
/// the order the table's validation checks them: (key, min, max). [`workload_out_of_range`]
/// applies them to a workload's fields set by hand (`check.rs`).
const WORKLOAD_RANGES: [(&str, u64, u64); 9] = [
    ("compute_cycles", 0, MAX_COMPUTE_CYCLES),
    ("syscall_work_cycles", 0, MAX_SYSCALL_WORK_CYCLES),
    ("io_bytes", 1, MAX_TRANSFER_BYTES),
    ("message_bytes", 1, MAX_TRANSFER_BYTES),
    ("think_time_us", 0, MAX_THINK_TIME_US),
    ("lock_percent", 0, 100),
    ("lock_hold_cycles", 1, MAX_SYSCALL_WORK_CYCLES),
    (
        "kernel_control_flow_per_kcycle",
        0,
        MAX_KERNEL_CONTROL_FLOW_PER_KCYCLE,
    ),
    ("kernel_code_kib", 1, MAX_KERNEL_CODE_KIB),
];

/// The range of `key` in [`WORKLOAD_RANGES`].
fn bounds(key: &str) -> (u64, u64) {
    WORKLOAD_RANGES
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or((0, u64::MAX), |&(_, min, max)| (min, max))
}

/// The first integer field of `w` outside its range, with the `[[workload]]` table's
/// message (for a workload set by hand; the table's own values are checked where written).
pub(super) fn workload_out_of_range(w: &Workload) -> Option<Msg> {
    let values = [
        w.compute_cycles,
        w.syscall_work_cycles,
        w.io_bytes,
        w.message_bytes,
        w.think_time_us,
        u64::from(w.lock_percent),
        w.lock_hold_cycles,
        w.kernel_control_flow_per_kcycle,
        w.kernel_code_kib,
    ];
    WORKLOAD_RANGES
        .iter()
        .zip(values)
        .find(|&(&(_, min, max), got)| got < min || got > max)
        .map(|(&(key, min, max), got)| {
            range_msg(&format!("workload `{}`: {key}", w.name), min, max, got)
        })
}
