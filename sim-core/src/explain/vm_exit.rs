//! A hardware VM exit's phases: the guest's intercepted instruction, the exit and what the
//! CPU saves and records, the hypervisor's decode, emulation and injection, the entry; and
//! the entries of a nested path (L0's into L1 or L2).

use super::hardware_texts::{hardware_reason, injection, instruction, qualification, resumes};
use super::transitions::{roundtrip_origin, share, transition_part, transitions};
use super::{whole, Expander, Phase, PhaseKind, Section};
use crate::hardware::{CpuGeneration, CpuVendor};
use crate::path::{Category, ExitReason, Layer, Step};
use crate::text::Text;

impl Expander<'_> {
    /// A hardware VM exit: the round-trip step `i` and the host-side steps after it.
    pub(super) fn vm_exit(
        &self,
        out: &mut Vec<Phase>,
        section: Section,
        steps: &[Step],
        i: usize,
        end: usize,
        reason: ExitReason,
    ) {
        let s = &steps[i];
        let t = transitions(self.cpu);
        // A nested exit's transitions are charged their part of a round trip each, and its entry
        // is a step of its own (`path/nested.rs`): the exit carries all its cycles.
        let transition = crate::path::nested::is_transition(&s.en);
        let exit_cycles = if transition {
            s.cycles
        } else {
            share(s.cycles, t.exit, t.exit + t.entry)
        };
        // The round trip is this CPU's (or the scenario's `vm_exit_roundtrip`); only its
        // split between exit and entry comes from the older measurement.
        let split = if transition {
            transition_part(s.cycles, self.roundtrip(), self.cpu, false)
        } else {
            Text {
                en: format!(
                    "the round trip of {} cycles ({}, or the one the scenario sets: `vm_exit_roundtrip`, the page's \"VM exit round trip\") split {}",
                    s.cycles,
                    roundtrip_origin(self.cpu).0,
                    t.source.0
                ),
                ko: format!(
                    "왕복 {} 사이클({}, 또는 시나리오가 정한 값: `vm_exit_roundtrip`, 페이지의 \"VM exit 왕복 비용\")을 {}",
                    s.cycles,
                    roundtrip_origin(self.cpu).1,
                    t.source.1
                ),
            }
        };
        // A nested exit's event is not injected by L0: L0 reflects the exit to L1, which
        // injects it into L2 through the VMCS it keeps for L2 (one of its VMWRITEs).
        let inject = if transition { None } else { injection(reason) };
        let name = reason.name_on(self.cpu.vendor());
        // L1's VMRESUME (AMD: VMRUN) has its own texts; a nested_vmx exit's others are for
        // its VMREAD/VMWRITE (AMD: VMLOAD/VMSAVE).
        let vmresume =
            crate::path::nested::is_step(crate::path::nested::L1_VMRESUME_EXIT_EN, &s.en);
        let vendor = self.cpu.vendor();
        let (block, entry) = (vendor.control_block(), vendor.entry_instruction());
        // L1's own HLT, not the L2 guest's.
        let l1_hlt = s.en == crate::path::nested::L1_HLT_EXIT_EN;
        // A sleep's WRMSR arms its wake-up (`arm_wakeup_timer`), not the next tick.
        let wakeup = reason == ExitReason::MsrWrite
            && steps[i..end.min(steps.len())]
                .iter()
                .any(|step| step.en.contains(crate::path::WAKEUP_TIMER_EN));
        let instruction = |reason| {
            if wakeup {
                Some((
                    "WRMSR to the TSC-deadline timer, arming the wake-up",
                    "깨어날 시각을 설정하는 TSC-deadline 타이머로의 WRMSR",
                ))
            } else if vmresume {
                Some(vendor.pick(
                    (
                        "the L1 hypervisor's VMRESUME (to run L2 again)",
                        "L1 하이퍼바이저의 VMRESUME 명령(L2를 다시 실행하려고)",
                    ),
                    (
                        "the L1 hypervisor's VMRUN (to run L2 again)",
                        "L1 하이퍼바이저의 VMRUN 명령(L2를 다시 실행하려고)",
                    ),
                ))
            } else if l1_hlt {
                Some((
                    "the L1 hypervisor's HLT (it has blocked the halted L2 vCPU's thread and has nothing else to run)",
                    "L1 하이퍼바이저의 HLT 명령(정지한 L2 vCPU의 스레드를 블록했고 달리 실행할 것이 없음)",
                ))
            } else {
                instruction(reason, vendor)
            }
        };
        let extension = vendor.extension();
        let (instr_en, instr_ko) = match instruction(reason) {
            Some((en, ko)) => (
                format!("The guest executes {en}; under {extension} it is intercepted and does not run as written: the CPU leaves the guest instead (its cost is the exit)."),
                format!("게스트의 명령: {ko}. {extension}에서는 이 명령이 가로채여 그대로 실행되지 않고 CPU가 게스트를 떠납니다 (비용은 exit에 포함)."),
            ),
            None => (
                "No guest instruction: a physical interrupt arrives while the guest runs, and the CPU leaves the guest to let the hypervisor take it.".to_string(),
                "게스트 명령이 아닙니다: 게스트 실행 중 물리 인터럽트가 도착하여, CPU가 하이퍼바이저가 받도록 게스트를 떠납니다.".to_string(),
            ),
        };
        // A nested_vmx exit, or L1's HLT, leaves the L1 hypervisor (a guest of L0), not a guest kernel.
        let (instr_layer, instr_category) = if reason == ExitReason::NestedVmx || l1_hlt {
            (Layer::Hypervisor, Category::Hypervisor)
        } else {
            (Layer::GuestKernel, Category::GuestKernel)
        };
        out.push(Phase {
            kind: PhaseKind::GuestInstruction,
            layer: instr_layer,
            category: instr_category,
            cycles: 0,
            en: instr_en,
            ko: instr_ko,
            source: Some(Text::new(
                "0 cycles: nothing completes in the guest here; the cost is the exit that follows",
                "0 사이클: 여기서 게스트 안에서 끝나는 일은 없고, 비용은 뒤따르는 exit에 있음",
            )),
            ..whole(section, s, i)
        });
        let (q_en, q_ko) = if vmresume {
            vendor.pick(
                (
                    "none: VMRESUME has no operand",
                    "없음: VMRESUME에는 피연산자가 없음",
                ),
                (
                    "nothing more (the address of L1's VMCB for L2 is in RAX)",
                    "추가 정보 없음 (L2용 L1의 VMCB 주소는 RAX에 있음)",
                ),
            )
        } else {
            qualification(reason, self.nested_paging, self.apicv, vendor)
        };
        let hardware = if vmresume {
            Some(vendor.pick(
                (
                    "to the CPU a VMRESUME exit, basic reason 24",
                    "CPU에게는 VMRESUME exit(기본 이유 24)",
                ),
                (
                    "to the CPU a VMRUN intercept, exit code 0x80",
                    "CPU에게는 VMRUN 가로채기(exit 코드 0x80)",
                ),
            ))
        } else {
            hardware_reason(reason, self.nested_paging, self.apicv, vendor)
        };
        let (hw_en, hw_ko) = match hardware {
            Some((en, ko)) => (format!("; {en}"), format!("; {ko}")),
            None => (String::new(), String::new()),
        };
        out.push(Phase {
            kind: PhaseKind::VmExit,
            cycles: exit_cycles,
            en: match vendor {
                CpuVendor::Intel => format!("VM exit: the CPU saves the guest's RIP, RSP, RFLAGS, control and segment registers and some MSRs into the VMCS guest-state area, records the exit reason ({name}{hw_en}) and the exit qualification ({q_en}), and loads the hypervisor's state from the host-state area; the hypervisor's exit stub then saves the guest's general-purpose registers itself (the CPU does not)."),
                CpuVendor::Amd => format!("VM exit (#VMEXIT): the CPU saves the guest's RIP, RSP, RAX, RFLAGS, control and segment registers and some MSRs into the VMCB's state-save area, records the exit code ({name}{hw_en}) and the exit information ({q_en}) in the VMCB's control area, and reloads the hypervisor's state that VMRUN saved in the host save area; the hypervisor's exit stub then saves the guest's other general-purpose registers itself (the CPU saves only RAX and RSP)."),
            },
            ko: match vendor {
                CpuVendor::Intel => format!("VM exit: CPU가 게스트의 RIP, RSP, RFLAGS, 제어·세그먼트 레지스터와 일부 MSR을 VMCS 게스트 상태 영역에 저장하고, exit 원인({name}{hw_ko})과 exit qualification({q_ko})을 기록한 뒤 호스트 상태 영역에서 하이퍼바이저 상태를 적재합니다. 게스트의 범용 레지스터는 CPU가 아니라 하이퍼바이저의 exit 진입 코드가 직접 저장합니다."),
                CpuVendor::Amd => format!("VM exit(#VMEXIT): CPU가 게스트의 RIP, RSP, RAX, RFLAGS, 제어·세그먼트 레지스터와 일부 MSR을 VMCB의 상태 저장 영역에 저장하고, exit 코드({name}{hw_ko})와 exit 정보({q_ko})를 VMCB의 제어 영역에 기록한 뒤, VMRUN이 호스트 저장 영역에 저장해 둔 하이퍼바이저 상태를 다시 적재합니다. RAX와 RSP를 제외한 게스트의 범용 레지스터는 CPU가 아니라 하이퍼바이저의 exit 진입 코드가 직접 저장합니다."),
            },
            source: Some(if vendor == CpuVendor::Amd
                && reason == ExitReason::NestedVmx
                && !vmresume
                && !transition
            {
                // L1's VMLOAD or VMSAVE: how many of them the path charges.
                Text {
                    en: format!("{}; two such traps per exit of L2 (estimate: one VMLOAD and one VMSAVE around each VMRUN of L2, as KVM's nested SVM does; L1 reads and writes its VMCB for L2 with plain memory accesses, which do not trap)", split.en),
                    ko: format!("{}. L2의 exit 한 번에 이런 트랩이 두 번 (추정: KVM의 중첩 SVM처럼 L2를 VMRUN할 때마다 그 앞에 VMLOAD 한 번, 뒤에 VMSAVE 한 번. L2용 VMCB 자체는 L1이 일반 메모리 접근으로 읽고 쓰므로 트랩이 없음)", split.ko),
                }
            } else {
                split.clone()
            }),
            ..whole(section, s, i)
        });
        // The handler step right after the exit: decode, emulate, inject.
        let mut next = i + 1;
        if next < end
            && steps[next].layer == Layer::Hypervisor
            && steps[next].category == Category::Hypervisor
        {
            let h = &steps[next];
            let inject_cycles = if inject.is_some() {
                t.vmwrite.min(h.cycles)
            } else {
                0
            };
            let decode = self.costs.exit_handler.min(h.cycles - inject_cycles);
            let emulate = h.cycles - inject_cycles - decode;
            let decode_source = if reason == ExitReason::NestedVmx
                && h.cycles == self.costs.nested_vmcs_access_handler
            {
                // L0's short path for L1's VMCS accesses (AMD: VMLOAD and VMSAVE), not the
                // generic handler; an AMD host's text names the cost's key (a reader finds
                // what to override) but no VMCS.
                vendor.pick(
                    (
                        "nested_vmcs_access_handler: L0's whole handling of one VMCS access, a fast path without the generic handler's dispatch (estimate: no figure in the reference)",
                        "nested_vmcs_access_handler: L0가 VMCS 접근 하나를 처리하는 전체 비용, 일반 핸들러의 디스패치 없는 빠른 경로 (추정: 참고 자료에 수치 없음)",
                    ),
                    (
                        "nested_vmcs_access_handler: L0's whole handling of one VMLOAD or VMSAVE of L1, a fast path without the generic handler's dispatch (estimate: no figure in the reference)",
                        "nested_vmcs_access_handler: L0가 L1의 VMLOAD 또는 VMSAVE 하나를 처리하는 전체 비용, 일반 핸들러의 디스패치 없는 빠른 경로 (추정: 참고 자료에 수치 없음)",
                    ),
                )
            } else {
                (
                    "the generic exit handler, exit_handler (derived from an assumption: Agesen et al., USENIX ATC 2012, assume about 3000 cycles per exit with its handler, not a measurement; minus the round trip; the same on every CPU generation, an estimate)",
                    "일반 exit 핸들러 exit_handler (가정에서 나온 값: Agesen 외, USENIX ATC 2012는 핸들러를 포함해 exit당 약 3000 사이클로 가정함(측정값 아님); 여기서 왕복을 뺀 값이며 모든 CPU 세대에 같게 씀(추정))",
                )
            };
            // How the hypervisor reads the exit's information: VMREAD on Intel, ordinary
            // loads from the VMCB on AMD.
            let read_exit = vendor.pick(
                (
                    "The hypervisor reads the exit reason and qualification from the VMCS (VMREAD),",
                    "하이퍼바이저가 VMCS에서 exit 원인과 qualification을 읽고(VMREAD)",
                ),
                (
                    "The hypervisor reads the exit code and information from the VMCB (ordinary memory loads: the VMCB is in memory),",
                    "하이퍼바이저가 VMCB에서 exit 코드와 정보를 읽고(VMCB는 메모리에 있으므로 일반 메모리 읽기로)",
                ),
            );
            if emulate == 0 {
                out.push(Phase {
                    kind: PhaseKind::Decode,
                    cycles: decode,
                    en: format!(
                        "{} decodes why the guest left and handles it: {}.",
                        read_exit.0, h.en
                    ),
                    ko: format!(
                        "{} 게스트가 나온 이유를 해석해 처리합니다: {}.",
                        read_exit.1, h.ko
                    ),
                    source: Some(Text::new(decode_source.0, decode_source.1)),
                    ..whole(section, h, next)
                });
            } else {
                out.push(Phase {
                    kind: PhaseKind::Decode,
                    cycles: decode,
                    en: format!(
                        "{} decodes why the guest left and dispatches to the handler.",
                        read_exit.0
                    ),
                    ko: format!(
                        "{} 게스트가 나온 이유를 해석해 핸들러로 보냅니다.",
                        read_exit.1
                    ),
                    source: Some(Text::new(decode_source.0, decode_source.1)),
                    ..whole(section, h, next)
                });
                out.push(Phase {
                    kind: PhaseKind::Emulate,
                    cycles: emulate,
                    en: format!("The hypervisor's handler does the work: {}.", h.en),
                    ko: format!("하이퍼바이저의 핸들러가 일을 합니다: {}.", h.ko),
                    source: Some(Text::new(
                        "the rest of the handler step: its specific work in the cost table (see docs/cost-model.md)",
                        "핸들러 단계의 나머지: 비용 표에 있는 그 핸들러 고유의 작업 (docs/cost-model.md 참고)",
                    )),
                    ..whole(section, h, next)
                });
            }
            if let Some((what_en, what_ko)) = inject {
                out.push(Phase {
                    kind: PhaseKind::Inject,
                    cycles: inject_cycles,
                    en: match vendor {
                        CpuVendor::Intel => format!("Injection: the hypervisor writes {what_en} into the VMCS's VM-entry interruption-information field (VMWRITE); the CPU delivers it through the guest's IDT at entry."),
                        CpuVendor::Amd => format!("Injection: the hypervisor writes {what_en} into the VMCB's EVENTINJ field (an ordinary memory store); the CPU delivers it through the guest's IDT at VMRUN."),
                    },
                    ko: match vendor {
                        CpuVendor::Intel => format!("주입: 하이퍼바이저가 {what_ko}를 VMCS의 VM-entry 인터럽트 정보 필드에 씁니다(VMWRITE). CPU는 entry 때 게스트 IDT를 통해 이를 전달합니다."),
                        CpuVendor::Amd => format!("주입: 하이퍼바이저가 {what_ko}를 VMCB의 EVENTINJ 필드에 씁니다(일반 메모리 쓰기). CPU는 VMRUN 때 게스트 IDT를 통해 이를 전달합니다."),
                    },
                    source: Some(Text::new(t.vmwrite_source.0, t.vmwrite_source.1)),
                    ..whole(section, h, next)
                });
            }
            next += 1;
        }
        // Other work the exit needs before the guest can go on (device model, host side).
        for (k, step) in steps.iter().enumerate().take(end).skip(next) {
            out.push(whole(section, step, k));
        }
        if transition {
            // The entry is the path's own step, after L1's handling (`nested_entry`).
            return;
        }
        let (resume_en, resume_ko) = resumes(reason);
        out.push(Phase {
            kind: PhaseKind::VmEntry,
            cycles: s.cycles - exit_cycles,
            en: match vendor {
                CpuVendor::Intel => format!("VM entry ({entry}): the CPU checks and loads the guest state from the {block}, and the guest resumes {resume_en}."),
                CpuVendor::Amd => format!("VM entry ({entry}): the CPU saves the hypervisor's state in the host save area, checks and loads the guest state from the {block}, and the guest resumes {resume_en}."),
            },
            ko: match vendor {
                CpuVendor::Intel => format!("VM entry({entry}): CPU가 {block}의 게스트 상태를 검사해 적재하고, 게스트는 {resume_ko} 다시 실행됩니다."),
                CpuVendor::Amd => format!("VM entry({entry}): CPU가 하이퍼바이저 상태를 호스트 저장 영역에 저장하고 {block}의 게스트 상태를 검사해 적재하며, 게스트는 {resume_ko} 다시 실행됩니다."),
            },
            source: Some(split),
            ..whole(section, s, i)
        });
    }
}

/// L0's entry into L1 or (after `l2_exit` was handled) into L2; `roundtrip`: the exit
/// round trip whose halves the transitions are.
pub(super) fn nested_entry(
    section: Section,
    s: &Step,
    index: usize,
    l2_exit: Option<ExitReason>,
    roundtrip: u64,
    cpu: CpuGeneration,
) -> Phase {
    let vendor = cpu.vendor();
    let (block, entry) = (vendor.control_block(), vendor.entry_instruction());
    // On AMD the exit reason and qualification are the exit code and information.
    let (found_en, found_ko) = vendor.pick(
        (
            "exit reason and qualification",
            "exit 원인과 qualification을",
        ),
        ("exit code and information", "exit 코드와 정보를"),
    );
    let (en, ko) = if crate::path::nested::is_step(crate::path::nested::L1_IRQ_ENTRY_EN, &s.en) {
        (
            format!("VM entry into L1 (L0's {entry} with the {block} it keeps for L1): the CPU loads L1's state, and L1 takes the interrupt meant for L2. L0 cannot inject it into L2 itself: L2's interrupt controller is emulated by L1, which injects it through the {block} it keeps for L2."),
            format!("L1으로 VM entry(L0가 L1용 {block}로 {entry}): CPU가 L1의 상태를 적재하고, L1이 L2에게 갈 인터럽트를 받습니다. L0는 이를 L2에 직접 주입할 수 없습니다: L2의 인터럽트 컨트롤러는 L1이 에뮬레이션하며, L1이 L2용으로 두는 {block}를 통해 주입합니다."),
        )
    } else if crate::path::nested::is_step(crate::path::nested::L1_ENTRY_EN, &s.en) {
        (
            format!("VM entry into L1 (L0's {entry} with the {block} it keeps for L1): the CPU loads L1's state, and L1 resumes in its own exit handler, which finds the L2 guest's {found_en} in the {block} it keeps for L2, as if the exit had come to it directly."),
            format!("L1으로 VM entry(L0가 L1용 {block}로 {entry}): CPU가 L1의 상태를 적재하고, L1은 자신의 exit 핸들러에서 다시 실행되어 L2용으로 두는 {block}에서 L2 게스트의 {found_ko} 찾습니다. 마치 exit가 바로 자신에게 온 것처럼요."),
        )
    } else {
        let (resume_en, resume_ko) =
            l2_exit.map_or(("where L1 left it", "L1이 정한 곳에서"), resumes);
        (
            format!("VM entry into L2 (L0's {entry} with the {block} it merged): the CPU checks and loads L2's state, and the L2 guest resumes {resume_en}."),
            format!("L2로 VM entry(L0가 합친 {block}로 {entry}): CPU가 L2의 상태를 검사해 적재하고, L2 게스트는 {resume_ko} 다시 실행됩니다."),
        )
    };
    Phase {
        kind: PhaseKind::VmEntry,
        en,
        ko,
        source: Some(transition_part(s.cycles, roundtrip, cpu, true)),
        ..whole(section, s, index)
    }
}
