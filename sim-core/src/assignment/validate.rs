//! Validation of an assignment file into [`Assignment`], with located errors.
//!
//! Errors in the assignment are located in it; errors of a library scenario in that
//! scenario's file; errors of an embedded scenario at their line inside the assignment.
//! Every variant a student can get (each combination of choices) is validated, so that
//! no student id can produce a scenario that does not run or a question without answer.

use std::ops::Range;

use toml::Spanned;

use super::format::{Choice, Parameter, StepQuestionSection, StepSection, VarySection};
use super::read::{read_past, Part, Poisoned};
use super::{
    Assignment, Library, Step, StepQuestion, StepSource, Variant, Vary, MAX_ASSIGNMENT_BYTES,
    MAX_ASSIGNMENT_ESTIMATED_EVENTS, MAX_CHOICES, MAX_QUESTIONS_PER_STEP, MAX_STEPS,
    MAX_TOTAL_VARIANTS, MAX_VARIANTS, MAX_VARY,
};
use crate::scenario::error::{msg, Key, Validator};
use crate::scenario::{
    empty_texts, line_column, oom_alone_lists, smallest_memory_setting, validate_question,
    Scenario, ScenarioError, MAX_CORES, MAX_DURATION_MS, MAX_ERRORS_SHOWN, MAX_INSTANCES,
    MAX_THREADS_PER_INSTANCE, MEMORY_STEP_MIB, VDI_CLIENT_BANDWIDTH_MBIT_S, VDI_LOSS_PERCENT,
    VDI_RTT_MS,
};
use crate::text::{Lang, Text};

/// The least and the most choice of `host_clock_mhz` (MHz), `memory_per_instance_mib`
/// (MiB) and `vm_exit_cycles` (cycles): the units other than the scenario's own keys'.
const CLOCK_MHZ: (u64, u64) = (100, 10_000);
const MEMORY_MIB: (u64, u64) = (1, 65_536 * 1024);
const VM_EXIT_CYCLES: (u64, u64) = (100, 100_000);

/// Assignment and step ids: 1 to 64 letters, digits, `-`, `_` or `.`.
fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Why an assignment is invalid: every independent error of the file (`read`), in its
/// order; a step's scenario's as `Scenario::from_toml_all` gives them (an embedded one's
/// located in the assignment, a library one's in its file).
pub(super) struct Errors(pub(super) Vec<ScenarioError>);

impl From<ScenarioError> for Errors {
    fn from(e: ScenarioError) -> Errors {
        Errors(vec![e])
    }
}

/// `Err` with the one error `e`.
fn fail<T>(e: ScenarioError) -> Result<T, Errors> {
    Err(e.into())
}

/// The first error of the texts `texts` (each with its key path in the file) that are
/// empty or only whitespace in a language ([`empty_texts`]), said of `owner` (in English
/// and Korean, e.g. "step `s1`: ").
#[cfg_attr(target_arch = "wasm32", inline)] // for size: on the page's validation path (see `Assignment::from_toml`)
fn first_empty_text(
    v: &Validator<'_>,
    texts: &[(Option<&Text>, &[Key<'_>])],
    owner: (&str, &str),
) -> Result<(), ScenarioError> {
    for (text, path) in texts {
        if let Some(e) = text.and_then(|t| empty_texts(v, t, path, owner).into_iter().next()) {
            return Err(e);
        }
    }
    Ok(())
}

#[cfg_attr(target_arch = "wasm32", inline)] // for size: see `Assignment::from_toml`
pub(super) fn from_toml(
    file_name: &str,
    text: &str,
    library: &dyn Library,
    variants_checked: Variants,
) -> Result<Assignment, Errors> {
    read(file_name, text, library, variants_checked, true)
}

/// Mistakes read past, at most, by the reading that finds the range of a field with a
/// number of the wrong type (as a scenario's probe reads past a few).
const PROBE_READS_PAST: usize = 3;

/// The errors found, each with its place in the file's order: its own line and column, or,
/// for an error of a library scenario's own file, those of the step's `scenario = "..."`.
#[derive(Default)]
struct Found {
    errors: Vec<((usize, usize), ScenarioError)>,
}

impl Found {
    fn push(&mut self, e: ScenarioError) {
        self.errors.push(((e.line, e.column), e));
    }

    /// An error of the step's scenario (`scenario`: where the step names it): a library
    /// scenario's, in its own file, goes where the step names it.
    fn push_of_scenario(&mut self, file: &str, scenario: (usize, usize), e: ScenarioError) {
        let at = if e.file == file {
            (e.line, e.column)
        } else {
            scenario
        };
        self.errors.push((at, e));
    }

    fn len(&self) -> usize {
        self.errors.len()
    }

    /// The errors in the file's order (errors at one place in the order found). By
    /// insertion, as a scenario's (`validate::sorted`): few, and mostly in order already.
    fn in_file_order(mut self) -> Vec<ScenarioError> {
        let errors = &mut self.errors;
        for i in 1..errors.len() {
            let mut j = i;
            while j > 0 && errors[j - 1].0 > errors[j].0 {
                errors.swap(j - 1, j);
                j -= 1;
            }
        }
        self.errors.into_iter().map(|(_, e)| e).collect()
    }
}

/// A reading error of `text` (the file's, mistakes read past taken out) as the file's
/// error; `probe`: a whole number too large for its field's type is reported with the
/// field's range, found by validating the text with a number above every range in its
/// place (as a scenario's, `Scenario::read`); not when reading such a probe.
#[cfg_attr(target_arch = "wasm32", inline)] // for size: see `Assignment::from_toml`
fn reading_error(
    file_name: &str,
    text: &str,
    e: crate::toml_reader::ReadError,
    library: &dyn Library,
    probe: bool,
) -> ScenarioError {
    // A scenario given where an assignment belongs: say so, not "unknown field `host`".
    use crate::scenario::error::table_header;
    if let (Some(at), None) = (
        table_header(text, "[scenario]"),
        table_header(text, "[assignment]"),
    ) {
        return Validator::unparsed(file_name, text).error(
            at..at + "[scenario]".len(),
            msg!(
                "wrong_kind",
                "this is a scenario file, not an assignment (an assignment has an [assignment] table and [[step]] tables naming scenarios; `virtsim new assignment NAME` writes one)",
                "과제 파일이 아니라 시나리오 파일입니다 (과제에는 [assignment] 표와 시나리오를 가리키는 [[step]] 표가 있습니다; `virtsim new assignment NAME`이 과제를 만듭니다)"
            ),
        );
    }
    let span = e.span().unwrap_or(0..0);
    let message = e.message().trim().replace('\n', " ");
    crate::scenario::error::parser_error(file_name, text, span, message, |at, number| {
        use crate::scenario::error::FieldRange;
        if !probe || at.is_empty() || at.end > text.len() {
            return FieldRange::Unknown;
        }
        let number = number.to_string();
        let probed = format!("{}{number}{}", &text[..at.start], &text[at.end..]);
        match read(file_name, &probed, library, Variants::First, false) {
            Ok(_) => FieldRange::NoneWritten,
            Err(errors) => FieldRange::said(text, &at, &errors.0, &number),
        }
    })
}

/// The error of a required text `field` (`title`, `intro`) missing from the table at
/// `table`, in the reader's words for a missing key (with the form to write): such a
/// text is read as `None` so that the file's other errors are found too.
fn missing_text(v: &Validator<'_>, table: &[Key<'_>], field: &str) -> ScenarioError {
    crate::scenario::error::parser_error(
        v.file,
        v.text,
        v.span_of(table),
        format!("missing field `{field}`"),
        |_, _| crate::scenario::error::FieldRange::Unknown,
    )
}

/// [`from_toml`]; `probe`: see [`reading_error`]. Every independent error of the file, in
/// its order: the reading goes past an unknown value, an unknown key or a value of the
/// wrong type ([`super::read`]); then the `[assignment]` table and each step are checked
/// on their own (a step's scenario, its variation and each of its questions), each
/// reporting its first error, a part with a mistake read past without what may follow
/// from it; the steps' variants and the assignment's totals only once everything else is
/// valid.
#[cfg_attr(target_arch = "wasm32", inline)] // for size: see `Assignment::from_toml`
fn read(
    file_name: &str,
    text: &str,
    library: &dyn Library,
    variants_checked: Variants,
    probe: bool,
) -> Result<Assignment, Errors> {
    if text.len() > MAX_ASSIGNMENT_BYTES {
        return fail(Validator::unparsed(file_name, text).error(
            0..0,
            msg!(
                "file_too_large",
                "assignment file is {size} bytes; at most {limit} bytes are accepted",
                "과제 파일이 {size}바이트입니다. 최대 {limit}바이트까지 받습니다",
                size = text.len(),
                limit = MAX_ASSIGNMENT_BYTES
            ),
        ));
    }
    if let Some(e) = crate::scenario::bidi_control_error(file_name, text) {
        return fail(e);
    }
    let limit = if probe {
        MAX_ERRORS_SHOWN
    } else {
        PROBE_READS_PAST
    };
    let reading = read_past(file_name, text, limit, |text, e| {
        reading_error(file_name, text, e, library, probe)
    });
    let mut found = Found::default();
    for e in reading.errors {
        found.push(e);
    }
    let Some(raw) = reading.raw else {
        return Err(Errors(found.in_file_order()));
    };
    let poisoned = reading.poisoned;
    let v = Validator::new(file_name, &reading.text);
    let id = raw.assignment.id.get_ref().clone();
    let in_assignment = |key: &str| taken_out(&poisoned, Part::Assignment, key);
    // A value read in another's place: nothing of the table is checked.
    if !(poisoned.iter()).any(|p| p.part == Part::Assignment && !p.loose) {
        if !valid_id(&id) {
            found.push(bad_id(&v, raw.assignment.id.span(), &id));
        }
        if raw.assignment.title.is_none() && !in_assignment("title") {
            found.push(missing_text(&v, &[Key::Name("assignment")], "title"));
        }
        if let Err(e) = first_empty_text(
            &v,
            &[
                (
                    raw.assignment.title.as_ref(),
                    &[Key::Name("assignment"), Key::Name("title")],
                ),
                (
                    raw.assignment.intro.as_ref(),
                    &[Key::Name("assignment"), Key::Name("intro")],
                ),
            ],
            ("", ""),
        ) {
            found.push(e);
        }
    }
    if raw.steps.is_empty() {
        found.push(v.error(
            raw.assignment.id.span(),
            msg!(
                "no_steps",
                "an assignment needs at least one [[step]]",
                "과제에는 [[step]]이 하나 이상 있어야 합니다"
            ),
        ));
    }
    if raw.steps.len() > MAX_STEPS {
        found.push(v.error(
            raw.steps[MAX_STEPS].id.span(),
            msg!(
                "too_many",
                "at most {limit} steps are accepted; got {got}",
                "단계(step)는 최대 {limit}개까지 받습니다. {got}개가 있습니다",
                limit = MAX_STEPS,
                got = raw.steps.len()
            ),
        ));
    }
    // Each step on its own (the first MAX_STEPS): its id, then `validate_step`.
    let mut steps: Vec<Step> = Vec::new();
    let mut ids: Vec<&str> = Vec::new();
    for (index, s) in raw.steps.iter().enumerate().take(MAX_STEPS) {
        let step_id = s.id.get_ref();
        if !valid_id(step_id) {
            found.push(bad_id(&v, s.id.span(), step_id));
        }
        if ids.contains(&step_id.as_str()) {
            found.push(v.error(
                s.id.span(),
                msg!(
                    "duplicate",
                    "step id `{name}` is used twice",
                    "단계 id `{name}`이(가) 두 번 쓰였습니다",
                    name = step_id
                ),
            ));
        }
        ids.push(step_id);
        let at = v.span_of(&[Key::Name("step"), Key::Index(index)]).start;
        let step_poisoned: Vec<&Poisoned> =
            poisoned.iter().filter(|p| p.part.of_step(at)).collect();
        let step = Placed {
            section: s,
            index,
            at,
            poisoned: &step_poisoned,
        };
        if let Some(step) = validate_step(&v, &step, raw.assignment.reveal, library, &mut found) {
            steps.push(step);
        }
    }
    if found.len() > 0 {
        return Err(Errors(found.in_file_order()));
    }
    let mut assignment = Assignment {
        file_name: file_name.to_string(),
        id,
        title: raw.assignment.title.clone().unwrap_or_default(),
        intro: raw.assignment.intro.clone(),
        steps,
        raw,
        source: text.to_string(),
        warnings: Vec::new(),
        notes: Vec::new(),
        step_events: Vec::new(),
    };
    // Every variant of every step must give a scenario that runs and answers; each is a
    // validation of the scenario, so their number is bounded for the whole file.
    let total: usize = assignment.steps.iter().map(|s| all_variants(s).len()).sum();
    if total > MAX_TOTAL_VARIANTS {
        return fail(v.error(
            assignment.raw.assignment.id.span(),
            msg!(
                "too_many",
                "the steps have {got} variants in all (each is validated); at most {limit} are accepted: list fewer choices",
                "모든 단계의 변형이 합쳐서 {got}가지입니다(변형마다 검증합니다). 최대 {limit}가지까지 받습니다. 선택지를 줄이세요",
                got = total,
                limit = MAX_TOTAL_VARIANTS
            ),
        ));
    }
    // Each step's variants: the first error of each step's.
    for (index, s) in assignment.steps.iter().enumerate() {
        let variants = all_variants(s);
        let checked = if variants_checked == Variants::All {
            &variants[..]
        } else {
            &variants[..variants.len().min(1)]
        };
        let mut most = 0u64;
        for variant in checked {
            match prepared_with(&v, &assignment, index, variant) {
                Ok(scenario) => most = most.max(scenario.estimated_events()),
                Err(e) => {
                    found.push(e);
                    break;
                }
            }
        }
        assignment.step_events.push(most);
    }
    if found.len() > 0 {
        return Err(Errors(found.in_file_order()));
    }
    // `virtsim answers --student` and `grade` run every step for each student: the steps
    // together get one scenario's budget. Located at the step that takes the sum over it.
    let events = assignment.estimated_events();
    if events > MAX_ASSIGNMENT_ESTIMATED_EVENTS {
        let mut sum = 0u64;
        let over = assignment
            .step_events
            .iter()
            .position(|&e| {
                sum = sum.saturating_add(e);
                sum > MAX_ASSIGNMENT_ESTIMATED_EVENTS
            })
            .unwrap_or(0);
        return fail(v.error(
            assignment.raw.steps[over].id.span(),
            msg!(
                "assignment_too_many_events",
                "one student's run of every step would need about {events} events (limit {max}, as for one scenario: `virtsim answers --student` and `grade` run every step for each student); step `{step}` takes the sum over the limit: use fewer steps, or shorten their scenarios' duration_ms (or use fewer instances)",
                "학생 한 명이 모든 단계를 실행하면 이벤트가 약 {events}개 필요합니다 (한도 {max}, 시나리오 하나와 같음: `virtsim answers --student`와 `grade`는 학생마다 모든 단계를 실행합니다). 단계 `{step}`에서 합이 한도를 넘습니다: 단계를 줄이거나 시나리오의 duration_ms를 줄이세요(또는 인스턴스를 줄이세요)",
                events = crate::text::thousands(&events.to_string()),
                max = crate::text::thousands(&MAX_ASSIGNMENT_ESTIMATED_EVENTS.to_string()),
                step = assignment.steps[over].id
            ),
        ));
    }
    assignment.warnings = step_warnings(&v, &assignment);
    assignment.notes = left_out_questions(&v, &assignment);
    Ok(assignment)
}

/// Each step's warnings, step by step: its scenario's own ([`Scenario::warnings`]: a group
/// OOM-killed even running alone, a VM with more vCPUs than cores), each once, said of the
/// step (an embedded scenario's at its line in the assignment, a scenario file's in that
/// file), then its choices' ([`memory_warnings`], [`vcpu_warnings`]). A scenario warning
/// about a setting the step varies is left out: no student gets the setting as written, and
/// its advice (`memory_gib = ...`, `vcpus = ...`, `rtt_ms = ...`) would change nothing they
/// run; the choices' warnings judge each variant by its own values instead.
fn step_warnings(v: &Validator<'_>, a: &Assignment) -> Vec<ScenarioError> {
    let mut warnings = Vec::new();
    for (step, raw) in a.steps.iter().zip(&a.raw.steps) {
        let varies = |p: Parameter| step.vary.iter().any(|x| x.parameter == p);
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
            let w = match &raw.scenario_toml {
                Some(embedded) => relocate(v.text, embedded, w),
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
fn network_warnings(v: &Validator<'_>, step: &Step, raw: &StepSection) -> Vec<ScenarioError> {
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
fn vcpu_warnings(v: &Validator<'_>, step: &Step, raw: &StepSection) -> Vec<ScenarioError> {
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
fn left_out_questions(v: &Validator<'_>, a: &Assignment) -> Vec<ScenarioError> {
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
fn memory_warnings(v: &Validator<'_>, step: &Step, raw: &StepSection) -> Vec<ScenarioError> {
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

/// The library scenario a step's `scenario = "..."` that the library does not have most
/// likely means: its file name with `.toml` (`smoke` for `smoke.toml`), in lower case,
/// `-` for `_` and spaces (`Type1_vs_Type2`), or with its separators ignored, as the
/// scenario reader's guess ignores them: `iopaths` and `io_paths.toml` are `io-paths.toml`
/// (one or two `-` put back between its letters, wherever the library has such a name). The
/// library answers by name only (the page's and the CLI's resolvers take a name and give
/// its text; neither lists the names), so only these spellings are asked for, a few
/// hundred lookups at most; a slip of a letter inside the name gets the message's example
/// instead.
fn library_guess(name: &str, library: &dyn Library) -> Option<String> {
    let trimmed = name.trim();
    let stem = match trimmed.len().checked_sub(".toml".len()) {
        Some(at) if trimmed.is_char_boundary(at) && trimmed[at..].eq_ignore_ascii_case(".toml") => {
            &trimmed[..at]
        }
        _ => trimmed,
    };
    let normal = stem.to_lowercase().replace(['_', ' '], "-");
    let found = |candidate: &String| candidate != name && library.scenario(candidate).is_some();
    if let Some(hit) = [format!("{stem}.toml"), format!("{normal}.toml")]
        .into_iter()
        .find(|c| found(c))
    {
        return Some(hit);
    }
    // Separators ignored: the letters alone, then with one or two `-` between them.
    let letters: Vec<char> = normal.chars().filter(|&c| c != '-').collect();
    if letters.is_empty() || letters.len() > MAX_GUESSED_NAME_CHARS {
        return None;
    }
    let with_hyphens = |at: &[usize]| -> String {
        let mut s = String::with_capacity(letters.len() + at.len() + 5);
        for (k, c) in letters.iter().enumerate() {
            if at.contains(&k) {
                s.push('-');
            }
            s.push(*c);
        }
        s + ".toml"
    };
    let n = letters.len();
    std::iter::once(with_hyphens(&[]))
        .chain((1..n).map(|i| with_hyphens(&[i])))
        .chain(
            (1..n)
                .flat_map(|i| (i + 1..n).map(move |j| [i, j]))
                .map(|at| with_hyphens(&at)),
        )
        .find(|c| found(c))
}

/// Names in backticks, comma-separated (`a.toml`, `b.toml`).
fn names_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether `name` is written as the library's scenario files are named: lower-case letters,
/// digits and `-`, then `.toml` (`type1-vs-type2.toml`).
fn library_style(name: &str) -> bool {
    name.strip_suffix(".toml").is_some_and(|stem| {
        !stem.is_empty()
            && stem
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    })
}

/// Longer names get no separator guess (the lookups grow with the square of the length).
const MAX_GUESSED_NAME_CHARS: usize = 64;

fn bad_id(v: &Validator<'_>, span: Range<usize>, id: &str) -> ScenarioError {
    v.error(
        span,
        msg!(
            "bad_name",
            "id `{id}` must be 1 to 64 letters, digits, `-`, `_` or `.`",
            "id `{id}`은(는) 영문자, 숫자, `-`, `_`, `.`로 된 1~64자여야 합니다",
            id = id
        ),
    )
}

/// Whether the entry of `key` was taken out of `part` when the reading went past it, as
/// written or misspelt (`titel` for `title`: the table then lacks the key only because its
/// misspelling was taken out, as a scenario's reading says of a misspelt `name`).
fn taken_out<'p>(poisoned: impl IntoIterator<Item = &'p Poisoned>, part: Part, key: &str) -> bool {
    poisoned.into_iter().any(|p| {
        p.part == part
            && p.key
                .as_deref()
                .is_some_and(|k| k == key || crate::scenario::guess(k, &[key]).is_some())
    })
}

/// A step as written, with its place in the file and the mistakes read past in it.
struct Placed<'s> {
    section: &'s StepSection,
    index: usize,
    /// The offset of its `[[step]]` header.
    at: usize,
    poisoned: &'s [&'s Poisoned],
}

impl Placed<'_> {
    /// Whether the entry of `key` was taken out of the step (or of one of its inline
    /// tables) when the reading went past it, or, for `vary` and `question`, one of its
    /// tables of that name.
    fn taken_out(&self, key: &str) -> bool {
        taken_out(self.poisoned.iter().copied(), Part::Step(self.at), key)
    }

    /// Whether the step's table `name` (`vary`, `question`) number `index` had a mistake
    /// read past: it is not checked (its error is reported; what follows from it is not).
    fn table_poisoned(&self, v: &Validator<'_>, name: &'static str, index: usize) -> bool {
        let at = (v.span_of(&[
            Key::Name("step"),
            Key::Index(self.index),
            Key::Name(name),
            Key::Index(index),
        ]))
        .start;
        let table = Part::Table {
            step: self.at,
            name,
            at,
        };
        self.poisoned.iter().any(|p| p.part == table)
    }
}

/// The step, validated; or None with its errors added to `found`, every independent one:
/// its texts, its scenario's (every one of them), its variation's first, each question's
/// first (a question's metric and platforms checked against the scenario as written).
/// What depends on a part with an error, or on an entry taken out by the reading
/// (`step.poisoned`), is not checked: the variation and the questions need the scenario;
/// the variants, a step without any error.
#[cfg_attr(target_arch = "wasm32", inline)] // for size: it reads scenarios (see `Assignment::from_toml`)
fn validate_step(
    v: &Validator<'_>,
    step: &Placed<'_>,
    reveal: bool,
    library: &dyn Library,
    found: &mut Found,
) -> Option<Step> {
    let (s, index) = (step.section, step.index);
    if (step.poisoned.iter()).any(|p| p.part == Part::Step(step.at) && !p.loose) {
        // A value read in another's place: nothing of the step is checked.
        return None;
    }
    let before = found.len();
    let step_id = s.id.get_ref().clone();
    let at = |key| [Key::Name("step"), Key::Index(index), Key::Name(key)];
    for (text, key) in [(&s.title, "title"), (&s.intro, "intro")] {
        if text.is_none() && !step.taken_out(key) {
            found.push(missing_text(
                v,
                &[Key::Name("step"), Key::Index(index)],
                key,
            ));
        }
    }
    if let Err(e) = first_empty_text(
        v,
        &[
            (s.title.as_ref(), &at("title")),
            (s.intro.as_ref(), &at("intro")),
        ],
        (
            &format!("step `{step_id}`: "),
            &format!("단계 `{step_id}`: "),
        ),
    ) {
        found.push(e);
    }
    if step.taken_out("scenario") || step.taken_out("scenario_toml") {
        return None;
    }
    let (source, scenario) = match step_scenario(v, s, &step_id, library) {
        Ok(read) => read,
        Err(Errors(errors)) => {
            let named =
                (s.scenario.as_ref()).map_or((0, 0), |n| line_column(v.text, n.span().start));
            for e in errors {
                found.push_of_scenario(v.file, named, e);
            }
            return None;
        }
    };
    let vary = if step.taken_out("vary") {
        Vec::new()
    } else {
        step_variation(v, step, &step_id, &scenario, found)
    };
    let questions = step_questions(v, step, &step_id, &scenario, found);
    if found.len() > before || !step.poisoned.is_empty() {
        // Not valid: each question of the step's own checked against the scenario as
        // written (its variants are checked once the step is valid).
        for (number, q) in s.questions.iter().enumerate() {
            if step.table_poisoned(v, "question", number) {
                continue;
            }
            let platforms = (&scenario.platforms, &scenario.instances);
            if let Err(e) = validate_question(
                v,
                &q.as_question(),
                platforms.0,
                platforms.1,
                scenario.sweep.as_ref(),
            ) {
                found.push(e);
            }
        }
        return None;
    }
    Some(Step {
        id: step_id,
        title: s.title.clone().unwrap_or_default(),
        intro: s.intro.clone().unwrap_or_default(),
        source,
        scenario,
        reveal: s.reveal.unwrap_or(reveal),
        student_seed: s.student_seed,
        vary,
        questions,
    })
}

/// The step's scenario: a library file (`scenario`, resolved by `library`) or one embedded
/// in the assignment (`scenario_toml`), read and validated.
#[cfg_attr(target_arch = "wasm32", inline)] // for size: a part of `validate_step` (see `Assignment::from_toml`)
fn step_scenario(
    v: &Validator<'_>,
    s: &StepSection,
    step_id: &str,
    library: &dyn Library,
) -> Result<(StepSource, Scenario), Errors> {
    Ok(match (&s.scenario, &s.scenario_toml) {
        (Some(name), None) => {
            let Some(text) = library.scenario(name.get_ref()) else {
                let known = library.names();
                // A slip of a letter: the name the listed library has nearest to it.
                let listed_guess = || {
                    let names: Vec<&str> = known.iter().map(String::as_str).collect();
                    crate::scenario::guess(name.get_ref(), &names).map(str::to_string)
                };
                if let Some(meant) = library_guess(name.get_ref(), library).or_else(listed_guess)
                {
                    if library.reads_paths() && !known.contains(&meant) {
                        // A file of the author's own beside the assignment, not the library's.
                        return fail(v.error(
                            name.span(),
                            msg!(
                                "unknown_scenario",
                                "step `{step}`: no scenario `{name}`; did you mean the file `{meant}` beside the assignment? (a scenario file is named with its .toml)",
                                "단계 `{step}`: 시나리오 `{name}`이(가) 없습니다. 혹시 과제 파일 옆의 파일 `{meant}`인가요? (시나리오 파일은 .toml까지 씁니다)",
                                step = step_id,
                                name = name.get_ref(),
                                meant = meant
                            ),
                        ));
                    }
                    return fail(v.error(
                        name.span(),
                        msg!(
                            "unknown_scenario",
                            "step `{step}`: no library scenario `{name}`; did you mean `{meant}`? (a library scenario is named by its file name)",
                            "단계 `{step}`: 라이브러리에 시나리오 `{name}`이(가) 없습니다. 혹시 `{meant}`인가요? (라이브러리 시나리오는 파일 이름으로 씁니다)",
                            step = step_id,
                            name = name.get_ref(),
                            meant = meant
                        ),
                    ));
                }
                if !known.is_empty() && library.reads_paths() {
                    // The CLI: neither a library name nor a file beside the assignment.
                    return fail(v.error(
                        name.span(),
                        msg!(
                            "unknown_scenario",
                            "step `{step}`: `{name}` is neither a library scenario nor a file (looked for at {path}, relative to the assignment file); the library has {expected}. A scenario file of your own is read at its path relative to the assignment file, by `virtsim` only: the page reads no files, so embed it with scenario_toml = '''...''' before handing the assignment out",
                            "단계 `{step}`: `{name}`은(는) 라이브러리 시나리오도 아니고 파일도 아닙니다(과제 파일 기준 상대 경로 {path}에서 찾음). 라이브러리에 있는 시나리오: {expected}. 직접 만든 시나리오 파일은 과제 파일 기준 상대 경로로 `virtsim`만 읽습니다: 페이지는 파일을 읽지 않으므로, 과제를 나눠 주기 전에 scenario_toml = '''...'''로 넣으세요",
                            step = step_id,
                            name = name.get_ref(),
                            path = library.file_label(name.get_ref()),
                            expected = names_list(&known)
                        ),
                    ));
                }
                if !known.is_empty() {
                    // The library lists its names: the ones there are.
                    return fail(v.error(
                        name.span(),
                        msg!(
                            "unknown_scenario",
                            "step `{step}`: the library has no scenario `{name}`; it has {expected}. The page reads library scenarios only, no files: embed a scenario of your own with scenario_toml = '''...''' (`virtsim` also reads a path relative to the assignment file)",
                            "단계 `{step}`: 라이브러리에 시나리오 `{name}`이(가) 없습니다. 있는 시나리오: {expected}. 페이지는 라이브러리 시나리오만 읽고 파일은 읽지 않습니다: 직접 만든 시나리오는 scenario_toml = '''...'''로 넣으세요(`virtsim`은 과제 파일 기준 상대 경로의 파일도 읽습니다)",
                            step = step_id,
                            name = name.get_ref(),
                            expected = names_list(&known)
                        ),
                    ));
                }
                if library_style(name.get_ref()) {
                    // Written as a library file name is: suggesting one would suggest it
                    // again. The resolver (a caller's closure, which cannot list its
                    // names) has no such file.
                    return fail(v.error(
                        name.span(),
                        msg!(
                            "unknown_scenario",
                            "step `{step}`: the library has no scenario `{name}`: check the name against the files of scenarios/, or embed the scenario with scenario_toml = '''...'''",
                            "단계 `{step}`: 라이브러리에 시나리오 `{name}`이(가) 없습니다: scenarios/의 파일 이름과 맞는지 확인하거나 scenario_toml = '''...'''로 시나리오를 직접 넣으세요",
                            step = step_id,
                            name = name.get_ref()
                        ),
                    ));
                }
                return fail(v.error(
                    name.span(),
                    msg!(
                        "unknown_scenario",
                        "step `{step}`: no library scenario `{name}`; give the file name of a scenario in scenarios/ (e.g. \"type1-vs-type2.toml\") or embed one with scenario_toml = '''...'''",
                        "단계 `{step}`: 라이브러리에 시나리오 `{name}`이(가) 없습니다. scenarios/에 있는 시나리오의 파일 이름(예: \"type1-vs-type2.toml\")을 쓰거나 scenario_toml = '''...'''로 직접 넣으세요",
                        step = step_id,
                        name = name.get_ref()
                    ),
                ));
            };
            let scenario = Scenario::from_toml_all(&library.file_label(name.get_ref()), &text)
                .map_err(Errors)?;
            (StepSource::Library(name.get_ref().clone()), scenario)
        }
        (None, Some(embedded)) => {
            // Every independent error of the embedded scenario, each at its place in the
            // assignment.
            let scenario = Scenario::from_toml_all(v.file, embedded.get_ref()).map_err(|all| {
                Errors(all.into_iter().map(|e| relocate(v.text, embedded, e)).collect())
            })?;
            (StepSource::Embedded, scenario)
        }
        (Some(_), Some(embedded)) => {
            return fail(v.error(
                embedded.span(),
                msg!(
                    "conflict",
                    "step `{step}`: give either scenario (a library file name) or scenario_toml (an embedded scenario), not both",
                    "단계 `{step}`: scenario(라이브러리 파일 이름)와 scenario_toml(직접 넣은 시나리오) 중 하나만 쓰세요",
                    step = step_id
                ),
            ))
        }
        (None, None) => {
            return fail(v.error(
                s.id.span(),
                msg!(
                    "missing_field",
                    "step `{step}` needs scenario = \"<library file name>\" or scenario_toml = '''<scenario>'''",
                    "단계 `{step}`에는 scenario = \"<라이브러리 파일 이름>\" 또는 scenario_toml = '''<시나리오>'''가 필요합니다",
                    step = step_id
                ),
            ))
        }
    })
}

/// The parameters the step varies between students, each with its choices; the first
/// error of each `[[step.vary]]` added to `found` (one with a mistake read past is not
/// checked), and the variation's without the parameter that has one.
#[cfg_attr(target_arch = "wasm32", inline)] // for size: a part of `validate_step` (see `Assignment::from_toml`)
fn step_variation(
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
fn vary_section(
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
fn check_choice(
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
            " (a real round trip is 500 to 5000: Sandy Bridge's 784; 0 would mean the CPU's own figure, not a free exit)",
            " (실제 왕복은 500~5000: Sandy Bridge는 784; 0은 공짜 exit이 아니라 CPU 자체 값을 뜻함)",
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
                    min = min,
                    max = max,
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
fn parameter_range(parameter: Parameter) -> (&'static str, &'static str, String, String) {
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
fn network_choice_error(
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

/// The step's questions: the scenario's, then the step's own, the predictions first; the
/// errors added to `found`: their number's, each `scenario_questions` entry's, and each
/// question's first (one with a mistake read past is not checked).
#[cfg_attr(target_arch = "wasm32", inline)] // for size: a part of `validate_step` (see `Assignment::from_toml`)
fn step_questions(
    v: &Validator<'_>,
    step: &Placed<'_>,
    step_id: &str,
    scenario: &Scenario,
    found: &mut Found,
) -> Vec<StepQuestion> {
    let (s, step_index) = (step.section, step.index);
    let count = s.scenario_questions.len() + s.questions.len();
    // Unless a question or the list was taken out by the reading (then the number is not
    // the file's).
    let counted = !step.taken_out("question") && !step.taken_out("scenario_questions");
    if counted && (count == 0 || count > MAX_QUESTIONS_PER_STEP) {
        found.push(v.error(
            s.id.span(),
            msg!(
                "out_of_range",
                "step `{step}` needs 1 to {limit} questions ([[step.question]] or scenario_questions); got {got}",
                "단계 `{step}`에는 질문이 1~{limit}개 있어야 합니다([[step.question]] 또는 scenario_questions). {got}개가 있습니다",
                step = step_id,
                limit = MAX_QUESTIONS_PER_STEP,
                got = count
            ),
        ));
    }
    let mut questions: Vec<StepQuestion> = Vec::new();
    let duplicate = |span: Range<usize>, id: &str| duplicate_question(v, step_id, span, id);
    for id in &s.scenario_questions {
        let Some(q) = scenario.questions.iter().find(|q| q.id == *id.get_ref()) else {
            let known: Vec<&str> = scenario.questions.iter().map(|q| q.id.as_str()).collect();
            let error = v.error(
                id.span(),
                msg!(
                    "unknown_name",
                    "step `{step}`: the scenario has no question `{name}`; expected one of {expected}",
                    "단계 `{step}`: 시나리오에 질문 `{name}`이(가) 없습니다. 가능한 값: {expected}",
                    step = step_id,
                    name = id.get_ref(),
                    expected = if known.is_empty() {
                        "(none)".to_string()
                    } else {
                        known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                    }
                ),
            );
            // An id written longer or cut short (`pv-hyper` for `pv-hyp`) too.
            found.push(
                match crate::scenario::error::guess_id(id.get_ref(), &known) {
                    Some(meant) => error.with_guess(meant),
                    None => error,
                },
            );
            continue;
        };
        if questions.iter().any(|x| x.id == q.id) {
            found.push(duplicate(id.span(), &q.id));
            continue;
        }
        questions.push(StepQuestion {
            id: q.id.clone(),
            text: q.text.clone(),
            points: 1,
            predict: false,
            from_scenario: true,
        });
    }
    for (index, q) in s.questions.iter().enumerate() {
        if step.table_poisoned(v, "question", index) {
            continue;
        }
        if let Err(e) = step_question(v, q, step_index, index, step_id, &questions) {
            found.push(e);
            continue;
        }
        questions.push(StepQuestion {
            id: q.id.get_ref().clone(),
            text: q.text.clone(),
            points: q.points.as_ref().map_or(1, |p| *p.get_ref()),
            predict: q.predict,
            from_scenario: false,
        });
    }
    // In the order the page asks them: the predictions before the run, then the rest (each
    // part in the file's order), so that `virtsim answers` in every format, an answers
    // file and `virtsim grade` list them alike.
    let (mut questions, rest): (Vec<_>, Vec<_>) = questions.into_iter().partition(|q| q.predict);
    questions.extend(rest);
    questions
}

/// Question id `id` of step `step_id`, at `span`, used twice.
fn duplicate_question(
    v: &Validator<'_>,
    step_id: &str,
    span: Range<usize>,
    id: &str,
) -> ScenarioError {
    v.error(
        span,
        msg!(
            "duplicate",
            "step `{step}`: question id `{name}` is used twice",
            "단계 `{step}`: 질문 id `{name}`이(가) 두 번 쓰였습니다",
            step = step_id,
            name = id
        ),
    )
}

/// The first error of the step's own question `q` (number `index` of step `step_index`),
/// given the questions before it (`questions`): its id, its texts, its points.
#[cfg_attr(target_arch = "wasm32", inline)] // for size: a part of `validate_step` (see `Assignment::from_toml`)
fn step_question(
    v: &Validator<'_>,
    q: &StepQuestionSection,
    step_index: usize,
    index: usize,
    step_id: &str,
    questions: &[StepQuestion],
) -> Result<(), ScenarioError> {
    let duplicate = |span: Range<usize>, id: &str| duplicate_question(v, step_id, span, id);
    let id = q.id.get_ref();
    if !valid_id(id) {
        return Err(bad_id(v, q.id.span(), id));
    }
    let at = |key| {
        [
            Key::Name("step"),
            Key::Index(step_index),
            Key::Name("question"),
            Key::Index(index),
            Key::Name(key),
        ]
    };
    first_empty_text(
        v,
        &[
            (Some(&q.text), &at("text")),
            (q.explanation.as_ref(), &at("explanation")),
        ],
        (
            &format!("step `{step_id}`, question `{id}`: "),
            &format!("단계 `{step_id}`, 질문 `{id}`: "),
        ),
    )?;
    if questions.iter().any(|x| x.id == *id) {
        return Err(duplicate(q.id.span(), id));
    }
    if let Some(p) = q
        .points
        .as_ref()
        .filter(|p| !(1..=100).contains(p.get_ref()))
    {
        return Err(v.error(
            p.span(),
            msg!(
                "out_of_range",
                "question `{id}`: points must be between 1 and 100; got {got}",
                "질문 `{id}`: points 값은 1에서 100 사이여야 합니다. 입력값: {got}",
                id = id,
                got = p.get_ref()
            ),
        ));
    }
    Ok(())
}

/// Which variants of each step reading an assignment validates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variants {
    /// Every combination of choices (up to [`MAX_TOTAL_VARIANTS`] validations of the
    /// step's scenario): what `virtsim validate` and every reader that must know the whole
    /// file is good do.
    All,
    /// Each step's first combination only (its choices' first values): the page, which
    /// must not hold its tab for the seconds that hundreds of validations of a large
    /// scenario take, validates a student's own variant when it shows the step
    /// ([`Assignment::step_scenario`]).
    First,
}

/// Every combination of a step's choices (the seed is left out: it changes no validity),
/// the first choices first.
fn all_variants(s: &Step) -> Vec<Variant> {
    let mut out = vec![Variant {
        seed: None,
        picks: Vec::new(),
    }];
    for v in &s.vary {
        out = out
            .into_iter()
            .flat_map(|base| {
                v.choices.iter().map(move |c| {
                    let mut next = base.clone();
                    next.picks.push((v.parameter, c.clone()));
                    next
                })
            })
            .collect();
    }
    out
}

/// The scenario of step `index` under `variant`, holding exactly the step's questions.
pub(super) fn prepared(
    a: &Assignment,
    index: usize,
    variant: &Variant,
) -> Result<Scenario, ScenarioError> {
    prepared_with(&Validator::new(&a.file_name, &a.source), a, index, variant)
}

/// [`prepared`] with the assignment's validator (parsed once for all variants).
fn prepared_with(
    v: &Validator<'_>,
    a: &Assignment,
    index: usize,
    variant: &Variant,
) -> Result<Scenario, ScenarioError> {
    let s = &a.steps[index];
    let raw = &a.raw.steps[index];
    let step_id = &s.id;
    // Where a variant's error is reported: the first parameter not at its first choice,
    // at that choice.
    let variant_at = || {
        raw.vary
            .iter()
            .zip(&variant.picks)
            .find(|(section, (_, c))| {
                section
                    .choices
                    .get_ref()
                    .first()
                    .is_some_and(|f| f.get_ref() != c)
            })
            .or_else(|| raw.vary.first().zip(variant.picks.first()))
            .map_or(raw.id.span(), |(section, (_, picked))| {
                let choices = section.choices.get_ref();
                choices
                    .iter()
                    .find(|c| c.get_ref() == picked)
                    .map_or(section.choices.span(), |c| c.span())
            })
    };
    let mut scenario = s.scenario.adjusted(&variant.adjustments()).map_err(|e| {
        // `instance_count` sets every group's count: with several groups the total is
        // what the error's figures are of.
        let groups = s.scenario.instances.len();
        let (every, every_ko) = match variant
            .picks
            .iter()
            .find(|(p, _)| *p == Parameter::InstanceCount)
        {
            Some((_, Choice::Number(n))) if groups > 1 => {
                let total = n.saturating_mul(groups as u64);
                (
                    format!(" (instance_count sets every group's count: {n} × {groups} groups = {total} instances)"),
                    format!("(instance_count는 모든 그룹의 개수를 정합니다: {n} × 그룹 {groups}개 = 인스턴스 {total}개)"),
                )
            }
            _ => (String::new(), String::new()),
        };
        let param = |name: &str| {
            e.params
                .iter()
                .find(|(k, _)| *k == name)
                .map_or("", |(_, value)| value.as_str())
        };
        if e.code == "memory_setting_over_host" {
            // Valid in the scenario only with an overcommit policy, as a hypervisor starts
            // overcommitted VMs: the author may want that on purpose, and it is written in
            // the scenario (a library one copied into scenario_toml), not in the step.
            let (copy, copy_ko) = match s.source {
                StepSource::Library(_) => (
                    " (in the scenario's own file if it is yours; a library scenario is changed in a copy of it in scenario_toml)",
                    "(직접 만든 시나리오 파일이면 그 파일에서, 라이브러리 시나리오라면 scenario_toml에 복사해서 고치세요)",
                ),
                StepSource::Embedded => ("", ""),
            };
            return v.error(
                variant_at(),
                msg!(
                    "variant_invalid",
                    "step `{step}`: with {variant} the scenario is not valid{every}: {reason}. To start them anyway, overcommitting the host's memory on purpose as real hypervisors allow, give {over} {overcommit} in the scenario{copy}",
                    "단계 `{step}`: {variant}일 때 시나리오가 올바르지 않습니다{every_ko}: {reason_ko}. 실제 하이퍼바이저처럼 호스트 메모리를 일부러 오버커밋해 그대로 시작하려면 시나리오에서 {over_ko}에 {overcommit_ko}를 설정하세요{copy_ko}",
                    step = step_id,
                    variant = variant.describe(),
                    reason = e.message_in(Lang::En),
                    reason_ko = e.message_in(Lang::Ko),
                    over = param("over"),
                    over_ko = param("over_ko"),
                    overcommit = param("overcommit"),
                    overcommit_ko = param("overcommit_ko"),
                    copy = copy,
                    copy_ko = copy_ko,
                    every = every,
                    every_ko = every_ko,
                ),
            );
        }
        v.error(
            variant_at(),
            msg!(
                "variant_invalid",
                "step `{step}`: with {variant} the scenario is not valid{every}: {reason}",
                "단계 `{step}`: {variant}일 때 시나리오가 올바르지 않습니다{every_ko}: {reason_ko}",
                step = step_id,
                variant = variant.describe(),
                reason = e.message_in(Lang::En),
                reason_ko = e.message_in(Lang::Ko),
                every = every,
                every_ko = every_ko
            ),
        )
    })?;
    let mut questions = Vec::new();
    for id in &raw.scenario_questions {
        match scenario.questions.iter().find(|q| q.id == *id.get_ref()) {
            Some(q) => questions.push(q.clone()),
            None => {
                return Err(v.error(
                    id.span(),
                    msg!(
                        "variant_invalid",
                        "step `{step}`: with {variant} the scenario's question `{name}` has no answer any more (its metric has no value)",
                        "단계 `{step}`: {variant}일 때 시나리오의 질문 `{name}`에 답이 없습니다(지표 값이 없음)",
                        step = step_id,
                        variant = variant.describe(),
                        name = id.get_ref()
                    ),
                ))
            }
        }
    }
    for q in &raw.questions {
        questions.push(validate_question(
            v,
            &q.as_question(),
            &scenario.platforms,
            &scenario.instances,
            scenario.sweep.as_ref(),
        )?);
    }
    // In the step's order: the predictions first (`validate_step`).
    let predicted = |id: &str| {
        raw.questions
            .iter()
            .any(|q| q.predict && q.id.get_ref() == id)
    };
    let (mut questions, rest): (Vec<_>, Vec<_>) =
        questions.into_iter().partition(|q| predicted(&q.id));
    questions.extend(rest);
    scenario.questions = questions;
    Ok(scenario)
}

/// An error of an embedded scenario, moved to its place in the assignment: the string's
/// content starts after its opening quotes (and after the newline TOML trims there).
fn relocate(text: &str, embedded: &Spanned<String>, e: ScenarioError) -> ScenarioError {
    let start = embedded.span().start;
    let rest = text.get(start..).unwrap_or("");
    let triple = rest.starts_with("'''") || rest.starts_with("\"\"\"");
    if !triple && e.line > 1 {
        // A one-line "..." string whose escapes (`\n`) make lines of the scenario: those
        // lines are not the file's, so the error points at the string.
        let (line, column) = line_column(text, start);
        let mut e = e;
        e.line = line;
        e.column = column;
        return e;
    }
    let mut content = start + if triple { 3 } else { 1 };
    let after = text.get(content..).unwrap_or("");
    if after.starts_with("\r\n") {
        content += 2;
    } else if after.starts_with('\n') {
        content += 1;
    }
    let (line, column) = line_column(text, content);
    let mut e = e;
    if e.line == 1 {
        e.column += column - 1;
    }
    e.line += line - 1;
    e
}
