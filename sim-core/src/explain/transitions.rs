//! An exit round trip split into its exit and entry halves, per CPU generation: the split's
//! and the VMWRITE's figures (Adams & Agesen's Table 1, else estimates), the rounding of a
//! share, and the source texts that say where a round trip and its halves come from.

use crate::hardware::CpuGeneration;
use crate::text::Text;

/// The exit and entry halves of the hardware round trip, measured on the generation's
/// microarchitecture (Adams & Agesen, ASPLOS 2006, Table 1), and the VMWRITE cost.
pub(super) struct Transitions {
    pub(super) exit: u64,
    pub(super) entry: u64,
    pub(super) vmwrite: u64,
    pub(super) source: (&'static str, &'static str),
    pub(super) vmwrite_source: (&'static str, &'static str),
}

pub(super) fn transitions(cpu: CpuGeneration) -> Transitions {
    match cpu {
        CpuGeneration::Prescott => Transitions {
            exit: cpu.exit_entry_proportion().0,
            entry: cpu.exit_entry_proportion().1,
            vmwrite: 171,
            source: (
                "in the proportion measured on a Pentium 4: page-fault VM exit 1931 to VM entry 2409 (Adams & Agesen, ASPLOS 2006, Table 1)",
                "Pentium 4에서 측정한 비율로 나눔: 페이지 폴트 VM exit 1931 대 VM entry 2409 (Adams & Agesen, ASPLOS 2006, 표 1)",
            ),
            vmwrite_source: (
                "one VMWRITE on a Pentium 4: 171 cycles (Adams & Agesen, ASPLOS 2006, Table 1); the rest of the handler is the emulation",
                "Pentium 4에서 VMWRITE 한 번: 171 사이클 (Adams & Agesen, ASPLOS 2006, 표 1). 핸들러의 나머지는 에뮬레이션",
            ),
        },
        CpuGeneration::Merom => Transitions {
            exit: cpu.exit_entry_proportion().0,
            entry: cpu.exit_entry_proportion().1,
            vmwrite: 44,
            source: (
                "in the proportion measured on a Core 2 Duo E6400: page-fault VM exit 1186 to VM entry 937 (Adams & Agesen, ASPLOS 2006, Table 1)",
                "Core 2 Duo E6400에서 측정한 비율로 나눔: 페이지 폴트 VM exit 1186 대 VM entry 937 (Adams & Agesen, ASPLOS 2006, 표 1)",
            ),
            vmwrite_source: (
                "one VMWRITE on a Core 2 Duo: 44 cycles (Adams & Agesen, ASPLOS 2006, Table 1); the rest of the handler is the emulation",
                "Core 2 Duo에서 VMWRITE 한 번: 44 사이클 (Adams & Agesen, ASPLOS 2006, 표 1). 핸들러의 나머지는 에뮬레이션",
            ),
        },
        // No AMD-V split or VMCB store figure in the reference: Core 2 Duo's, said so.
        CpuGeneration::Zen => Transitions {
            exit: cpu.exit_entry_proportion().0,
            entry: cpu.exit_entry_proportion().1,
            vmwrite: 44,
            source: (
                "in the proportion measured on an Intel Core 2 Duo (an estimate: VM exit 1186 to VM entry 937; Adams & Agesen, ASPLOS 2006, Table 1); the reference has no split for AMD-V",
                "인텔 Core 2 Duo에서 측정한 비율로 나눔(추정) (VM exit 1186 대 VM entry 937; Adams & Agesen, ASPLOS 2006, 표 1). 참고 자료에는 AMD-V의 exit/entry 비율이 없음",
            ),
            vmwrite_source: (
                "estimate: the store into the VMCB taken as 44 cycles, what one VMWRITE cost on a Core 2 Duo (Adams & Agesen, ASPLOS 2006, Table 1; no AMD-V figure in the reference), an upper bound for a plain cached store since VMWRITE is microcoded; the rest of the handler is the emulation",
                "추정: VMCB에 쓰는 비용을 44 사이클로 봄(Core 2 Duo에서 VMWRITE 한 번의 비용; Adams & Agesen, ASPLOS 2006, 표 1; 참고 자료에 AMD-V 수치 없음). 마이크로코드로 실행되는 VMWRITE의 비용이므로 캐시에 있는 일반 메모리 쓰기에는 상한임. 핸들러의 나머지는 에뮬레이션",
            ),
        },
        _ => Transitions {
            exit: cpu.exit_entry_proportion().0,
            entry: cpu.exit_entry_proportion().1,
            vmwrite: 44,
            source: (
                "in the proportion measured on a Core 2 Duo (an estimate: VM exit 1186 to VM entry 937; Adams & Agesen, ASPLOS 2006, Table 1); the reference has no split for later CPUs",
                "Core 2 Duo에서 측정한 비율로 나눔(추정) (VM exit 1186 대 VM entry 937; Adams & Agesen, ASPLOS 2006, 표 1). 참고 자료에는 이후 CPU의 exit/entry 비율이 없음",
            ),
            vmwrite_source: (
                "estimate: one VMWRITE as on a Core 2 Duo, 44 cycles (Adams & Agesen, ASPLOS 2006, Table 1); the rest of the handler is the emulation",
                "추정: Core 2 Duo와 같이 VMWRITE 한 번에 44 사이클 (Adams & Agesen, ASPLOS 2006, 표 1). 핸들러의 나머지는 에뮬레이션",
            ),
        },
    }
}

/// `cycles × num / den`, rounded to the nearest cycle (halves up), without overflow: the
/// exit's share of a round trip (784 × 1186 / 2123 = 437.97 is 438; the entry is the rest,
/// 346, so the two add up to the round trip and each is its nearest whole figure).
pub(super) fn share(cycles: u64, num: u64, den: u64) -> u64 {
    if den == 0 {
        return 0;
    }
    let den = u128::from(den);
    ((u128::from(cycles) * u128::from(num) + den / 2) / den) as u64
}

/// Where a CPU generation's exit round trip (`CpuGeneration::exit_roundtrip`) comes from:
/// Agesen et al. 2012, Table 1, up to Sandy Bridge; Haswell and Skylake reuse Sandy
/// Bridge's figure; Zen's is the reference's other, less controlled AMD-V figure
/// (virtualization-costs.md section 2, docs/cost-model.md).
pub(super) fn roundtrip_origin(cpu: CpuGeneration) -> (&'static str, &'static str) {
    match cpu {
        CpuGeneration::Haswell | CpuGeneration::Skylake => (
            "an estimate for this CPU generation: Sandy Bridge's figure from Agesen et al. 2012, whose table stops there",
            "이 CPU 세대의 추정값: Agesen 외 2012의 표가 Sandy Bridge에서 끝나 그 값을 씀",
        ),
        CpuGeneration::Zen => (
            "an estimate for this CPU generation: the reference's other, less controlled figure for AMD-V on an unnamed CPU, about 1350 cycles of a 2500-cycle KVM_RUN round trip spent inside VMRUN/#VMEXIT",
            "이 CPU 세대의 추정값: 참고 자료의 다른, 덜 통제된 AMD-V 수치(CPU 이름 없음)로, 2500 사이클짜리 KVM_RUN 왕복 중 VMRUN/#VMEXIT 안에서 쓴 약 1350 사이클",
        ),
        CpuGeneration::Prescott
        | CpuGeneration::Merom
        | CpuGeneration::Penryn
        | CpuGeneration::Nehalem
        | CpuGeneration::Westmere
        | CpuGeneration::SandyBridge => (
            "this CPU generation's, from Agesen et al. 2012, Table 1",
            "이 CPU 세대의 값, Agesen 외 2012, 표 1",
        ),
    }
}

/// Where a nested path's transition (`path/nested.rs`) gets its `cycles`: the exit's
/// (`entry`: the entry's) part of the round trip, split as a single level's exit and entry.
pub(super) fn transition_part(
    cycles: u64,
    roundtrip: u64,
    cpu: CpuGeneration,
    entry: bool,
) -> Text {
    let (origin_en, origin_ko) = roundtrip_origin(cpu);
    let resume = cpu.vendor().entry_instruction();
    let split = transitions(cpu).source;
    // The split's source may end on "the reference has no split for ...": a colon after it
    // would read as its reason.
    let (part_en, part_ko) = if entry {
        ("the entry's", "entry의 몫")
    } else {
        ("the exit's", "exit의 몫")
    };
    Text {
        en: format!(
            "{cycles} cycles, {part_en} part of the round trip of {roundtrip} ({origin_en}, or the one the scenario sets: `vm_exit_roundtrip`), split {}; each exit of one level and the entry that answers it make a round trip (a nested exit's four transitions, L2's exit, L0's entry into L1, L1's {resume} exit and L0's entry into L2, make two)",
            split.0
        ),
        ko: format!(
            "{cycles} 사이클, 왕복 {roundtrip}({origin_ko}, 또는 시나리오가 정한 값: `vm_exit_roundtrip`) 중 {part_ko}, {}. 한 레벨의 exit와 그에 답하는 entry가 합쳐서 왕복 한 번임(중첩 exit의 네 전환, 즉 L2의 exit, L0의 L1 진입, L1의 {resume} exit, L0의 L2 진입은 왕복 두 번)",
            split.1
        ),
    }
}
