//! An assignment's warnings: a step whose variants change no answer or vary a network its
//! scenario compares, vCPU and memory choices that cannot show their point, scenario
//! questions left out.

use crate::assignment::format::{Choice, Parameter, StepSection};
use crate::assignment::relocation::Relocation;
use crate::assignment::{Assignment, Step};
use crate::scenario::error::{msg, Validator};
use crate::scenario::{oom_alone_lists, smallest_memory_setting, ScenarioError, MEMORY_STEP_MIB};

/// Each step's warnings, step by step: its scenario's own ([`Scenario::warnings`]: a group
/// OOM-killed even running alone, a VM with more vCPUs than cores), each once, said of the
/// step (an embedded scenario's at its line in the assignment, a scenario file's in that
/// file), then its choices' ([`memory_warnings`], [`vcpu_warnings`]). A scenario warning
/// about a setting the step varies is left out: no student gets the setting as written, and
/// its advice (`memory_gib = ...`, `vcpus = ...`, `rtt_ms = ...`) would change nothing they
/// run; the choices' warnings judge each variant by its own values instead.
pub(super) fn step_warnings(v: &Validator<'_>, a: &Assignment) -> Vec<ScenarioError> {
    let mut warnings = Vec::new();
    for (step, raw) in a.steps.iter().zip(&a.raw.steps) {
        let varies = |p: Parameter| step.vary.iter().any(|x| x.parameter == p);
        // Worked out once for the step's warnings, however many.
        let place = (raw.scenario_toml.as_ref()).map(|embedded| Relocation::of(v.text, embedded));
        for w in step.scenario.warnings() {
            let judged_by_choices = match w.code {
                "memory_too_small_alone" => varies(Parameter::MemoryPerInstanceMib),
                "vcpus_over_cores" => {
                    varies(Parameter::HostCores) || varies(Parameter::VcpusPerInstance)
                }
                // Every VDI platform's round trip is the choice's, a whole number of ms:
                // none is below a network's.
                "rtt_below_any_network" => varies(Parameter::VdiRttMs),
                _ => false,
            };
            if judged_by_choices {
                continue;
            }
            let w = match &place {
                Some(place) => place.apply(w),
                None => w,
            };
            warnings.push(w.of_step(&step.id));
        }
        warnings.extend(network_warnings(v, step, raw));
        warnings.extend(memory_warnings(v, step, raw));
        warnings.extend(vcpu_warnings(v, step, raw));
    }
    warnings
}

/// The warnings of a step that varies the network (`vdi_rtt_ms`, `vdi_loss_percent`,
/// `vdi_client_bandwidth_mbit_s`) of a scenario whose VDI platforms differ in that key as
/// written (`vdi-network.toml`: 5, 50, 150 and 600 ms): the choice replaces every VDI
/// platform's value, so every student's platforms share it and the scenario's comparison
/// of it is gone. One warning per such parameter, at its `parameter` (code
/// `vary_erases_comparison`); none when the platforms already share the value (a session
/// host and desktop VMs on one network, compared under each choice).
pub(super) fn network_warnings(
    v: &Validator<'_>,
    step: &Step,
    raw: &StepSection,
) -> Vec<ScenarioError> {
    let mut warnings = Vec::new();
    for vary in &raw.vary {
        let parameter = *vary.parameter.get_ref();
        // (file key, unit, the platform's value in that unit)
        let (key, unit, value): (&str, &str, fn(&crate::platform::VdiNetwork) -> f64) =
            match parameter {
                Parameter::VdiRttMs => ("rtt_ms", "ms", |n| n.rtt_us as f64 / 1000.0),
                Parameter::VdiLossPercent => {
                    ("loss_percent", "%", |n| n.loss_ppm as f64 / 10_000.0)
                }
                Parameter::VdiClientBandwidthMbitS => ("client_bandwidth_mbit_s", "Mbit/s", |n| {
                    n.client_bandwidth_kbit_s as f64 / 1000.0
                }),
                _ => continue,
            };
        let platforms: Vec<(&str, f64)> = (step.scenario.platforms.iter())
            .filter_map(|p| Some((p.name.as_str(), value(p.vdi.as_ref()?))))
            .collect();
        if platforms.len() < 2 || platforms.iter().all(|(_, x)| *x == platforms[0].1) {
            continue;
        }
        let list = platforms
            .iter()
            .map(|(name, x)| format!("`{name}` {x} {unit}"))
            .collect::<Vec<_>>()
            .join(", ");
        warnings.push(v.error(
            vary.parameter.span(),
            msg!(
                "vary_erases_comparison",
                "step `{step}`: `{name}` sets `{key}` of every VDI platform to the student's choice, and scenario `{scenario}` compares {count} VDI platforms that differ in it ({list}): under every choice they all have the same {key}, so that comparison is gone. Unless they are meant to share one network, vary it in a step whose scenario has one VDI platform (a copy of this one in scenario_toml that keeps one of them, or the example in docs/assignment-format.md, \"The network of the desktops\")",
                "단계 `{step}`: `{name}`은(는) 모든 VDI 플랫폼의 `{key}`를 학생의 선택지로 정하는데, 시나리오 `{scenario}`은(는) 이 값이 서로 다른 VDI 플랫폼 {count}개를 비교합니다({list}): 어느 선택지에서든 모두 같은 {key}를 가지므로 그 비교가 사라집니다. 플랫폼들이 한 네트워크를 함께 쓰는 것이 의도가 아니라면, VDI 플랫폼이 하나인 시나리오의 단계에서 바꾸세요(이 시나리오를 scenario_toml에 복사해 그중 하나만 남기거나, docs/assignment-format.md의 \"The network of the desktops\" 예)",
                step = step.id,
                name = parameter.name(),
                key = key,
                scenario = step.scenario.name,
                count = platforms.len(),
                list = list
            ),
        ));
    }
    warnings
}

/// The warnings of a step that varies `host_cores` or `vcpus_per_instance`: the scenario's
/// `vcpus_over_cores` ([`Scenario::warnings`]) judged under each variant, by the cores and
/// vCPUs it gives (the other parameters change neither). One warning per choice that gives
/// a VM more vCPUs than the host has cores, at that choice: the `vcpus_per_instance` choice
/// when it varies (with the `host_cores` choices it outnumbers, when they vary too), else
/// the `host_cores` choice; it names the instance groups on VMs, their vCPUs and the cores,
/// and what choice would avoid it.
pub(super) fn vcpu_warnings(
    v: &Validator<'_>,
    step: &Step,
    raw: &StepSection,
) -> Vec<ScenarioError> {
    let choices_of = |p: Parameter| {
        raw.vary
            .iter()
            .find(|x| *x.parameter.get_ref() == p)
            .map(|x| {
                (x.choices.get_ref().iter())
                    .filter_map(|c| match c.get_ref() {
                        Choice::Number(n) => Some((*n, c.span())),
                        Choice::Decimal(_) | Choice::Name(_) => None,
                    })
                    .collect::<Vec<_>>()
            })
    };
    let cores_choices = choices_of(Parameter::HostCores);
    let vcpus_choices = choices_of(Parameter::VcpusPerInstance);
    if cores_choices.is_none() && vcpus_choices.is_none() {
        return Vec::new();
    }
    let s = &step.scenario;
    // The groups that run on a hypervisor (the warning is of VMs only), with their vCPUs.
    let on_vms: Vec<(&str, u64)> = (s.instances.iter())
        .filter(|i| {
            (i.platforms.iter())
                .filter_map(|&p| s.platforms.get(p))
                .any(|p| p.stack.kind.is_hypervisor())
        })
        .map(|i| (i.name.as_str(), u64::from(i.vcpus)))
        .collect();
    if on_vms.is_empty() {
        return Vec::new();
    }
    let all_cores: Vec<u64> = match &cores_choices {
        Some(c) => c.iter().map(|(n, _)| *n).collect(),
        None => vec![u64::from(s.host.cores)],
    };
    let cores_list = |cores: &[u64], or: &str| {
        cores
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(or)
    };
    // "1 core", "2 or 4 cores".
    let cores_en = |cores: &[u64]| match cores {
        [1] => "1 core".to_string(),
        _ => format!("{} cores", cores_list(cores, " or ")),
    };
    let groups_list = |names: &[&str]| {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut warnings = Vec::new();
    let consequence = "a VM's own vCPUs outnumber the cores, so they take turns on them (KVM and Xen run such a VM; ESXi does not power it on)";
    let consequence_ko = "VM 자신의 vCPU가 코어보다 많아 코어를 번갈아 씁니다(KVM과 Xen은 이런 VM을 실행하고, ESXi는 켜지 않습니다)";
    match &vcpus_choices {
        Some(vcpus_choices) => {
            // Every group on VMs gets the choice's vCPUs.
            let names: Vec<&str> = on_vms.iter().map(|(n, _)| *n).collect();
            for (vcpus, span) in vcpus_choices {
                let over: Vec<u64> = all_cores.iter().copied().filter(|c| c < vcpus).collect();
                let Some(&fewest) = all_cores.iter().min() else {
                    continue;
                };
                if over.is_empty() {
                    continue;
                }
                let (setting, setting_ko, advice, advice_ko) = if cores_choices.is_some() {
                    (
                        format!(
                            "vcpus_per_instance = {vcpus} and host_cores = {}",
                            cores_list(&over, " or ")
                        ),
                        format!(
                            "vcpus_per_instance = {vcpus}, host_cores = {}",
                            cores_list(&over, " 또는 ")
                        ),
                        format!("make this choice {fewest} or fewer (the fewest host_cores choice), or every host_cores choice {vcpus} or more"),
                        format!("이 선택지를 {fewest} 이하(host_cores의 가장 작은 선택지)로 하거나 host_cores의 모든 선택지를 {vcpus} 이상으로 하세요"),
                    )
                } else {
                    (
                        format!("vcpus_per_instance = {vcpus}"),
                        format!("vcpus_per_instance = {vcpus}"),
                        format!("make this choice {fewest} or fewer (the host's cores)"),
                        format!("이 선택지를 {fewest} 이하(호스트의 코어 수)로 하세요"),
                    )
                };
                warnings.push(v.error(
                    span.clone(),
                    msg!(
                        "vcpus_over_cores",
                        "step `{step}`: with {setting}, each VM of {groups} has {vcpus} vCPUs on a host with {cores_en}: {consequence}. Unless that is the point, {advice}",
                        "단계 `{step}`: {setting_ko}이면 {groups}의 VM마다 vCPU가 {vcpus}개인데 호스트의 코어는 {cores_ko}개입니다: {consequence_ko}. 의도한 것이 아니라면 {advice_ko}",
                        step = step.id,
                        setting = setting,
                        setting_ko = setting_ko,
                        groups = groups_list(&names),
                        vcpus = vcpus,
                        cores_en = cores_en(&over),
                        cores_ko = cores_list(&over, " 또는 "),
                        consequence = consequence,
                        consequence_ko = consequence_ko,
                        advice = advice,
                        advice_ko = advice_ko,
                    ),
                ));
            }
        }
        None => {
            // Only the cores vary: each choice against the groups' own vCPUs.
            for (cores, span) in cores_choices.iter().flatten() {
                let over: Vec<(&str, u64)> =
                    on_vms.iter().copied().filter(|(_, n)| n > cores).collect();
                let Some(most) = over.iter().map(|(_, n)| *n).max() else {
                    continue;
                };
                let groups = over
                    .iter()
                    .map(|(name, n)| format!("`{name}` ({n} vCPUs)"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let groups_ko = over
                    .iter()
                    .map(|(name, n)| format!("`{name}`(vCPU {n}개)"))
                    .collect::<Vec<_>>()
                    .join(", ");
                warnings.push(v.error(
                    span.clone(),
                    msg!(
                        "vcpus_over_cores",
                        "step `{step}`: with host_cores = {cores}, the VMs of {groups} have more vCPUs than the host's {cores_en}: {consequence}. Unless that is the point, make this choice {most} or more",
                        "단계 `{step}`: host_cores = {cores}이면 {groups_ko}의 VM은 vCPU가 호스트의 코어 {cores}개보다 많습니다: {consequence_ko}. 의도한 것이 아니라면 이 선택지를 {most} 이상으로 하세요",
                        step = step.id,
                        cores = cores,
                        cores_en = cores_en(&[*cores]),
                        groups = groups,
                        groups_ko = groups_ko,
                        consequence = consequence,
                        consequence_ko = consequence_ko,
                        most = most,
                    ),
                ));
            }
        }
    }
    warnings
}

/// A note for each step whose scenario has `[[question]]`s the step does not ask (only
/// those `scenario_questions` lists are asked): named, with the list that would ask them
/// all. At the step's first `scenario_questions` entry, else at its `scenario` (or
/// `scenario_toml`). A note, not a warning: a step may leave questions out on purpose (the
/// library's assignments do).
pub(super) fn left_out_questions(v: &Validator<'_>, a: &Assignment) -> Vec<ScenarioError> {
    let mut notes = Vec::new();
    for (step, raw) in a.steps.iter().zip(&a.raw.steps) {
        let asked = |id: &str| raw.scenario_questions.iter().any(|q| q.get_ref() == id);
        let left: Vec<&str> = step
            .scenario
            .questions
            .iter()
            .map(|q| q.id.as_str())
            .filter(|id| !asked(id))
            .collect();
        if left.is_empty() {
            continue;
        }
        let Some(at) = raw
            .scenario_questions
            .first()
            .map(|q| q.span())
            .or_else(|| raw.scenario.as_ref().map(|s| s.span()))
            .or_else(|| raw.scenario_toml.as_ref().map(|s| s.span()))
        else {
            continue;
        };
        let quoted = |ids: &[&str]| {
            ids.iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let all: Vec<String> = raw
            .scenario_questions
            .iter()
            .map(|q| q.get_ref().as_str())
            .chain(left.iter().copied())
            .map(|id| format!("{id:?}"))
            .collect();
        let message = if left.len() == 1 {
            msg!(
                "scenario_questions_left_out",
                "step `{step}`: the scenario's question {left} is not asked (a step asks only the scenario questions its scenario_questions lists); to ask it, write scenario_questions = [{all}]",
                "단계 `{step}`: 시나리오의 질문 {left}은(는) 묻지 않습니다(단계는 scenario_questions에 적은 시나리오 질문만 묻습니다). 이 질문도 물으려면 scenario_questions = [{all}]로 쓰세요",
                step = step.id,
                left = quoted(&left),
                all = all.join(", "),
            )
        } else {
            msg!(
                "scenario_questions_left_out",
                "step `{step}`: the scenario's questions {left} are not asked (a step asks only the scenario questions its scenario_questions lists); to ask them, write scenario_questions = [{all}]",
                "단계 `{step}`: 시나리오의 질문 {left}은(는) 묻지 않습니다(단계는 scenario_questions에 적은 시나리오 질문만 묻습니다). 이 질문들도 물으려면 scenario_questions = [{all}]로 쓰세요",
                step = step.id,
                left = quoted(&left),
                all = all.join(", "),
            )
        };
        notes.push(v.error(at, message));
    }
    notes
}

/// A warning for each `memory_per_instance_mib` choice that leaves some platform's
/// instances OOM-killed even running alone ([`Scenario::oom_alone_with_memory`]), at the
/// choice: valid (a scenario may show an OOM kill on purpose), but a student given that
/// choice would answer about instances that never do their work. Names the platforms, what
/// their instances need, and the smallest setting that avoids it, a multiple of
/// [`MEMORY_STEP_MIB`] (the page's memory control's step). Arithmetic only (the seed and
/// the other parameters do not change it), so each choice is checked once. A group the
/// scenario as written OOM-kills alone is judged by the choice too: the step sets every
/// group's memory, and the scenario's own warning about it is left out ([`step_warnings`]).
pub(super) fn memory_warnings(
    v: &Validator<'_>,
    step: &Step,
    raw: &StepSection,
) -> Vec<ScenarioError> {
    let mut warnings = Vec::new();
    for vary in &raw.vary {
        if *vary.parameter.get_ref() != Parameter::MemoryPerInstanceMib {
            continue;
        }
        for choice in vary.choices.get_ref() {
            let Choice::Number(mib) = choice.get_ref() else {
                continue;
            };
            let found = step.scenario.oom_alone_with_memory(*mib);
            if found.is_empty() {
                continue;
            }
            let (list, list_ko) = oom_alone_lists(&found);
            warnings.push(v.error(
                choice.span(),
                msg!(
                    "memory_setting_too_small",
                    "step `{step}`: with memory_per_instance_mib = {mib} the OOM killer stops instances even running alone: {list}. A student given this choice answers about instances that do no work; the smallest setting that avoids it is {smallest} MiB (in steps of {unit} MiB)",
                    "단계 `{step}`: memory_per_instance_mib = {mib}이면 인스턴스가 혼자 실행되어도 OOM killer에 의해 종료됩니다: {list_ko}. 이 선택지를 받은 학생은 일을 하지 않는 인스턴스에 대해 답하게 됩니다. 이를 피하는 가장 작은 값은 {smallest} MiB입니다({unit} MiB 단위)",
                    step = step.id,
                    mib = mib,
                    list = list,
                    list_ko = list_ko,
                    smallest = smallest_memory_setting(&found),
                    unit = MEMORY_STEP_MIB,
                ),
            ));
        }
    }
    warnings
}
