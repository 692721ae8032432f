//! A step's `[[step.vary]]`: each parameter, its choices and their ranges (the network's
//! in the file's own units), located at the choice.

use toml::Spanned;

use super::base::{Found, Placed};

use crate::assignment::format::{Choice, Parameter, VarySection};
use crate::assignment::{Vary, MAX_CHOICES, MAX_VARIANTS, MAX_VARY};
use crate::scenario::error::{msg, Validator};
use crate::scenario::{
    Scenario, ScenarioError, MAX_CORES, MAX_DURATION_MS, MAX_INSTANCES, MAX_THREADS_PER_INSTANCE,
    VDI_CLIENT_BANDWIDTH_MBIT_S, VDI_LOSS_PERCENT, VDI_RTT_MS,
};

/// The least and the most choice of `host_clock_mhz` (MHz), `memory_per_instance_mib`
/// (MiB) and `vm_exit_cycles` (cycles): the units other than the scenario's own keys'.
pub(super) const CLOCK_MHZ: (u64, u64) = (100, 10_000);
pub(super) const MEMORY_MIB: (u64, u64) = (1, 65_536 * 1024);
pub(super) const VM_EXIT_CYCLES: (u64, u64) = (100, 100_000);

/// The parameters the step varies between students, each with its choices; the first
/// error of each `[[step.vary]]` added to `found` (one with a mistake read past is not
/// checked), and the variation's without the parameter that has one.
#[cfg_attr(target_arch = "wasm32", inline)] // for size: a part of `validate_step` (see `Assignment::from_toml`)
pub(super) fn step_variation(
    v: &Validator<'_>,
    step: &Placed<'_>,
    step_id: &str,
    scenario: &Scenario,
    found: &mut Found,
) -> Vec<Vary> {
    let s = step.section;
    if s.vary.len() > MAX_VARY {
        found.push(v.error(
            s.vary[MAX_VARY].parameter.span(),
            msg!(
                "too_many",
                "step `{step}`: at most {limit} parameters can vary; got {got}",
                "단계 `{step}`: 최대 {limit}개의 매개변수만 바꿀 수 있습니다. {got}개가 있습니다",
                step = step_id,
                limit = MAX_VARY,
                got = s.vary.len()
            ),
        ));
        return Vec::new();
    }
    let mut vary: Vec<Vary> = Vec::new();
    let mut variants = 1usize;
    for (number, section) in s.vary.iter().enumerate() {
        if step.table_poisoned(v, "vary", number) {
            continue;
        }
        match vary_section(v, step_id, section, scenario, &vary) {
            Ok(values) => {
                variants = variants.saturating_mul(values.len());
                if variants > MAX_VARIANTS {
                    found.push(v.error(
                        section.choices.span(),
                        msg!(
                            "too_many",
                            "step `{step}`: the choices make more than {limit} variants (each is validated); list fewer",
                            "단계 `{step}`: 선택지 조합이 {limit}가지를 넘습니다(조합마다 검증합니다). 선택지를 줄이세요",
                            step = step_id,
                            limit = MAX_VARIANTS
                        ),
                    ));
                    break;
                }
                vary.push(Vary {
                    parameter: *section.parameter.get_ref(),
                    choices: values,
                });
            }
            Err(e) => found.push(e),
        }
    }
    vary
}

/// One `[[step.vary]]`'s choices, checked (`vary`: the step's parameters before it).
#[cfg_attr(target_arch = "wasm32", inline)] // for size: a part of `validate_step` (see `Assignment::from_toml`)
pub(super) fn vary_section(
    v: &Validator<'_>,
    step_id: &str,
    section: &VarySection,
    scenario: &Scenario,
    vary: &[Vary],
) -> Result<Vec<Choice>, ScenarioError> {
    let parameter = *section.parameter.get_ref();
    if vary.iter().any(|x| x.parameter == parameter) {
        return Err(v.error(
            section.parameter.span(),
            msg!(
                "duplicate",
                "step `{step}`: parameter `{name}` varies twice",
                "단계 `{step}`: 매개변수 `{name}`이(가) 두 번 나옵니다",
                step = step_id,
                name = parameter.name()
            ),
        ));
    }
    // A network setting of a scenario without VDI platforms would set nothing: every
    // student would get the same figures whatever they drew.
    if parameter.is_vdi_network() && scenario.platforms.iter().all(|p| p.vdi.is_none()) {
        return Err(v.error(
            section.parameter.span(),
            msg!(
                "not_applicable",
                "step `{step}`: `{name}` sets the network of the scenario's VDI platforms (`kind = \"vdi\"`), between a thin client and its server; scenario `{scenario}` has none (its platforms: {platforms}), so no choice would change anything. Vary it in a step whose scenario has desktops, such as `vdi-network.toml`",
                "단계 `{step}`: `{name}`은(는) 시나리오의 VDI 플랫폼(`kind = \"vdi\"`)에서 씬 클라이언트와 서버 사이의 네트워크를 정합니다. 시나리오 `{scenario}`에는 VDI 플랫폼이 없어(플랫폼: {platforms}) 어떤 선택지도 아무것도 바꾸지 않습니다. `vdi-network.toml`처럼 데스크톱이 있는 시나리오의 단계에서 바꾸세요",
                step = step_id,
                name = parameter.name(),
                scenario = scenario.name,
                platforms = scenario
                    .platforms
                    .iter()
                    .map(|p| format!("`{}`", p.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    let choices = section.choices.get_ref();
    if choices.is_empty() || choices.len() > MAX_CHOICES {
        return Err(v.error(
            section.choices.span(),
            msg!(
                "out_of_range",
                "step `{step}`: `{name}` needs 1 to {limit} choices; got {got}",
                "단계 `{step}`: `{name}`에는 선택지가 1~{limit}개 있어야 합니다. {got}개가 있습니다",
                step = step_id,
                name = parameter.name(),
                limit = MAX_CHOICES,
                got = choices.len()
            ),
        ));
    }
    let mut values: Vec<Choice> = Vec::new();
    for choice in choices {
        check_choice(v, step_id, parameter, choice, &values)?;
        values.push(choice.get_ref().clone());
    }
    Ok(values)
}

/// One choice of a varied `parameter`: of the parameter's kind (a workload's name or a
/// number), within its range, and not listed before (`values`).
#[cfg_attr(target_arch = "wasm32", inline)] // for size: a part of `validate_step` (see `Assignment::from_toml`)
pub(super) fn check_choice(
    v: &Validator<'_>,
    step_id: &str,
    parameter: Parameter,
    choice: &Spanned<Choice>,
    values: &[Choice],
) -> Result<(), ScenarioError> {
    let wants_name = parameter == Parameter::Workload;
    let is_name = matches!(choice.get_ref(), Choice::Name(_));
    if wants_name != is_name {
        return Err(v.error(
            choice.span(),
            msg!(
                "invalid_type",
                "step `{step}`: the choices of `{name}` are {what}",
                "단계 `{step}`: `{name}`의 선택지는 {what_ko}여야 합니다",
                step = step_id,
                name = parameter.name(),
                what = if wants_name {
                    "workload names (\"cpu-bound\")"
                } else if parameter.is_vdi_network() {
                    "numbers"
                } else {
                    "whole numbers"
                },
                what_ko = if wants_name {
                    "워크로드 이름(\"cpu-bound\")"
                } else if parameter.is_vdi_network() {
                    "숫자"
                } else {
                    "자연수"
                }
            ),
        ));
    }
    // A negative number (read as a decimal, whole or not) is out of every parameter's
    // range: said with that range, as a choice above it is.
    if let Some(x) = choice.get_ref().as_f64().filter(|x| *x < 0.0) {
        let (unit, unit_ko, min, max) = parameter_range(parameter);
        return Err(v.error(
            choice.span(),
            msg!(
                "out_of_range",
                "step `{step}`: choice `{value}` of `{name}` is negative: `{name}` is {unit}, from {min} to {max}",
                "단계 `{step}`: `{name}`의 선택지 `{value}`이(가) 음수입니다: `{name}`은(는) {unit_ko} {min}~{max}입니다",
                step = step_id,
                name = parameter.name(),
                value = x,
                unit = unit,
                unit_ko = unit_ko,
                min = min,
                max = max
            ),
        ));
    }
    // Every other numeric setting is a whole number in its own unit: a clock of 2.4 GHz
    // is `host_clock_mhz = 2400`, 1.5 GiB is `memory_per_instance_mib = 1536`.
    if let (false, Choice::Decimal(x)) = (parameter.is_vdi_network(), choice.get_ref()) {
        // A whole float (1e3, 1000.0) has no decimals to speak of: it was written as a
        // float ("`1000` has decimals" read false for 1e3).
        return Err(v.error(
            choice.span(),
            if x.fract() == 0.0 {
                msg!(
                    "invalid_type",
                    "step `{step}`: `{value}` is written as a float (with an exponent or a decimal point, such as 1e3 or 1000.0): the choices of `{name}` are whole numbers written as such, {value} in the parameter's unit",
                    "단계 `{step}`: `{value}`이(가) 실수로 쓰였습니다(1e3이나 1000.0처럼 지수나 소수점이 있음): `{name}`의 선택지는 매개변수의 단위로 그대로 쓴 정수입니다({value})",
                    step = step_id,
                    name = parameter.name(),
                    value = x
                )
            } else {
                msg!(
                    "invalid_type",
                    "step `{step}`: `{value}` has decimals: the choices of `{name}` are whole numbers in the parameter's unit (a clock in MHz: 2400 for 2.4 GHz; memory in MiB: 1536 for 1.5 GiB; a duration in ms); only the network's `vdi_*` parameters take decimals",
                    "단계 `{step}`: `{value}`에 소수가 있습니다: `{name}`의 선택지는 매개변수의 단위로 쓴 자연수입니다(클럭은 MHz: 2.4 GHz는 2400, 메모리는 MiB: 1.5 GiB는 1536, 시간은 ms). 소수는 네트워크의 `vdi_*` 매개변수만 받습니다",
                    step = step_id,
                    name = parameter.name(),
                    value = x
                )
            },
        ));
    }
    if let Some(error) = network_choice_error(v, step_id, parameter, choice) {
        return Err(error);
    }
    // Counts are 32-bit in a scenario: a larger choice would be clamped before the
    // scenario's own range check, which would then quote the clamped number. Above
    // the count's own limit it is refused at the choice, with that limit (0 is the
    // variant's: the scenario's own message, below).
    let count_max = match parameter {
        Parameter::HostCores => Some(u64::from(MAX_CORES)),
        Parameter::InstanceCount => Some(MAX_INSTANCES),
        Parameter::VcpusPerInstance | Parameter::ThreadsPerInstance => {
            Some(u64::from(MAX_THREADS_PER_INSTANCE))
        }
        _ => None,
    };
    if let (Some(max), Choice::Number(n)) = (count_max, choice.get_ref()) {
        if *n > max {
            return Err(v.error(
                choice.span(),
                msg!(
                    "out_of_range",
                    "step `{step}`: choice `{value}` of `{name}` is too large: it must be between 1 and {max}",
                    "단계 `{step}`: `{name}`의 선택지 `{value}`이(가) 너무 큽니다: 1에서 {max} 사이여야 합니다",
                    step = step_id,
                    name = parameter.name(),
                    value = n,
                    max = max
                ),
            ));
        }
    }
    // The settings in other units than the scenario's own keys: their range in the
    // parameter's unit, before the scenario's check would quote `host.clock_ghz`; and the
    // VM exit's, which `[costs]` allows wider than a lesson's.
    let unit_range = match parameter {
        Parameter::HostClockMhz => Some((
            CLOCK_MHZ.0,
            CLOCK_MHZ.1,
            "MHz",
            "MHz",
            " (2.4 GHz is 2400)",
            " (2.4 GHz는 2400)",
        )),
        Parameter::MemoryPerInstanceMib => Some((
            MEMORY_MIB.0,
            MEMORY_MIB.1,
            "MiB",
            "MiB",
            " (1.5 GiB is 1536)",
            " (1.5 GiB는 1536)",
        )),
        // The page's slider starts at 100. A choice of 0 would not be a free exit but the
        // CPU's own round trip (`[costs]`' 0), while the student's page said 0; past 100 000
        // cycles (33 µs at 3 GHz, some 40 times a real one) a VM's guest barely runs.
        Parameter::VmExitCycles => Some((
            VM_EXIT_CYCLES.0,
            VM_EXIT_CYCLES.1,
            "cycles",
            "사이클",
            " (a real round trip is 500 to 5,000: Sandy Bridge's 784; 0 would mean the CPU's own figure, not a free exit)",
            " (실제 왕복은 500~5,000: Sandy Bridge는 784; 0은 공짜 exit가 아니라 CPU 자체 값을 뜻함)",
        )),
        _ => None,
    };
    if let (Some((min, max, unit, unit_ko, example, example_ko)), Choice::Number(n)) =
        (unit_range, choice.get_ref())
    {
        if !(min..=max).contains(n) {
            return Err(v.error(
                choice.span(),
                msg!(
                    "out_of_range",
                    "step `{step}`: `{name}` is in {unit}, from {min} to {max}{example}; got {value}",
                    "단계 `{step}`: `{name}`의 단위는 {unit_ko}이며 {min}~{max}여야 합니다{example_ko}. 입력값: {value}",
                    step = step_id,
                    name = parameter.name(),
                    unit = unit,
                    unit_ko = unit_ko,
                    min = crate::text::grouped(&min.to_string()),
                    max = crate::text::grouped(&max.to_string()),
                    example = example,
                    example_ko = example_ko,
                    value = n
                ),
            ));
        }
    }
    if values.contains(choice.get_ref()) {
        return Err(v.error(
            choice.span(),
            msg!(
                "duplicate",
                "step `{step}`: choice `{value}` of `{name}` is listed twice",
                "단계 `{step}`: `{name}`의 선택지 `{value}`이(가) 두 번 나옵니다",
                step = step_id,
                name = parameter.name(),
                value = choice.get_ref()
            ),
        ));
    }
    Ok(())
}

/// A numeric parameter's range as a negative choice's error says it: what it is (its
/// unit, or a count) in English and Korean, its least and its most choice. The network's
/// are its file keys' ranges; a count's, a clock's, a memory's and a VM exit's those
/// [`check_choice`] holds a choice to; a duration's and a time slice's the scenario's own.
pub(super) fn parameter_range(
    parameter: Parameter,
) -> (&'static str, &'static str, String, String) {
    let whole = |unit: &'static str, unit_ko: &'static str, min: u64, max: u64| {
        (unit, unit_ko, min.to_string(), max.to_string())
    };
    let decimal = |unit: &'static str, unit_ko: &'static str, (min, max): (f64, f64)| {
        (unit, unit_ko, min.to_string(), max.to_string())
    };
    match parameter {
        Parameter::DurationMs => whole("in ms", "단위 ms,", 1, MAX_DURATION_MS),
        Parameter::TimeSliceMs => whole("in ms", "단위 ms,", 1, 1000),
        Parameter::HostCores => whole("a count of cores", "코어 수,", 1, u64::from(MAX_CORES)),
        Parameter::InstanceCount => whole("a count of instances", "인스턴스 수,", 1, MAX_INSTANCES),
        Parameter::VcpusPerInstance => whole(
            "a count of vCPUs",
            "vCPU 수,",
            1,
            u64::from(MAX_THREADS_PER_INSTANCE),
        ),
        Parameter::ThreadsPerInstance => whole(
            "a count of threads",
            "스레드 수,",
            1,
            u64::from(MAX_THREADS_PER_INSTANCE),
        ),
        Parameter::HostClockMhz => whole("in MHz", "단위 MHz,", CLOCK_MHZ.0, CLOCK_MHZ.1),
        Parameter::MemoryPerInstanceMib => whole("in MiB", "단위 MiB,", MEMORY_MIB.0, MEMORY_MIB.1),
        Parameter::VmExitCycles => whole(
            "in cycles",
            "단위 사이클,",
            VM_EXIT_CYCLES.0,
            VM_EXIT_CYCLES.1,
        ),
        Parameter::VdiRttMs => decimal("in ms", "단위 ms,", VDI_RTT_MS),
        Parameter::VdiLossPercent => decimal("in %", "단위 %,", VDI_LOSS_PERCENT),
        Parameter::VdiClientBandwidthMbitS => {
            decimal("in Mbit/s", "단위 Mbit/s,", VDI_CLIENT_BANDWIDTH_MBIT_S)
        }
        // Names: a number is refused before (`invalid_type`).
        Parameter::Workload => (
            "a workload name",
            "워크로드 이름,",
            String::new(),
            String::new(),
        ),
    }
}

/// A network choice ([`Parameter::is_vdi_network`]) out of its file key's range, or finer
/// than the page's network control moves (whole ms, 0.1 %, 0.001 Mbit/s = 1 kbit/s: the
/// page hands the student's choice to sim-core through that control, so a finer one would
/// run there as another value than in `virtsim answers`). `None` for other parameters.
pub(super) fn network_choice_error(
    v: &Validator<'_>,
    step_id: &str,
    parameter: Parameter,
    choice: &Spanned<Choice>,
) -> Option<ScenarioError> {
    // (file key, min, max, unit, the control's step in the unit, how many steps per unit)
    let (key, min, max, unit, step, per_unit): (&str, f64, f64, &str, &str, f64) = match parameter {
        Parameter::VdiRttMs => ("rtt_ms", VDI_RTT_MS.0, VDI_RTT_MS.1, "ms", "1", 1.0),
        Parameter::VdiLossPercent => (
            "loss_percent",
            VDI_LOSS_PERCENT.0,
            VDI_LOSS_PERCENT.1,
            "%",
            "0.1",
            10.0,
        ),
        Parameter::VdiClientBandwidthMbitS => (
            "client_bandwidth_mbit_s",
            VDI_CLIENT_BANDWIDTH_MBIT_S.0,
            VDI_CLIENT_BANDWIDTH_MBIT_S.1,
            "Mbit/s",
            "0.001",
            1000.0,
        ),
        _ => return None,
    };
    let value = choice.get_ref().as_f64()?;
    if !(min..=max).contains(&value) {
        return Some(v.error(
            choice.span(),
            msg!(
                "out_of_range",
                "step `{step}`: `{name}` sets `{key}` of every VDI platform, in {unit}, from {min} to {max} as in a scenario file; got {value}",
                "단계 `{step}`: `{name}`은(는) 모든 VDI 플랫폼의 `{key}`를 정하며, 시나리오 파일에서처럼 단위는 {unit}, 범위는 {min}~{max}입니다. 입력값: {value}",
                step = step_id,
                name = parameter.name(),
                key = key,
                unit = unit,
                min = min,
                max = max,
                value = choice.get_ref()
            ),
        ));
    }
    // Whole steps of the control: `n / per_unit` is then the nearest float to the decimal
    // written, the same value as `value` (both rounded once from the same decimal).
    let steps = (value * per_unit).round();
    if steps / per_unit != value {
        let below = (value * per_unit).floor() / per_unit;
        let above = (value * per_unit).ceil() / per_unit;
        return Some(v.error(
            choice.span(),
            msg!(
                "out_of_range",
                "step `{step}`: `{name}` moves in steps of {step_size} {unit}, as the page's network control does (the page runs a student's choice through it); got {value}: write {below} or {above}",
                "단계 `{step}`: `{name}`은(는) 페이지의 네트워크 조절기처럼 {step_size} {unit} 단위로 움직입니다(페이지는 학생의 선택지를 그 조절기로 실행합니다). 입력값: {value}. {below} 또는 {above} 중 하나로 쓰세요",
                step = step_id,
                name = parameter.name(),
                step_size = step,
                unit = unit,
                value = choice.get_ref(),
                below = below,
                above = above
            ),
        ));
    }
    None
}
