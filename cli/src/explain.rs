//! `virtsim explain`: one operation on one platform, phase by phase (sim-core's
//! `explain`, built from the path model), with the same operation natively and under the
//! other techniques beside it, as a table in English or Korean, or as JSON.

use std::fmt::Write;

use clap::ValueEnum;
use serde::Serialize;
use sim_core::explain::{self, Explanation, Phase, Section};
use sim_core::{names, Layer, Op, PlatformKind, Scenario};

use crate::output::{clean, exit_word, lang_of, op_word, pad, rpad, snake, word, wrap};

/// Output format of `virtsim explain`.
#[derive(Clone, Copy, ValueEnum)]
pub enum ExplainFormat {
    Table,
    Json,
}

/// What `--format json` prints.
#[derive(Serialize)]
struct Report<'a> {
    scenario: &'a str,
    platform: &'a Explanation,
    side_by_side: &'a [Explanation],
}

/// The explanation of `op_name` on `platform_name`, rendered; `Err` is a message for an
/// unknown platform or operation that lists the valid ones (a wrong command line: exit 1).
pub fn render(
    scenario: &Scenario,
    platform_name: &str,
    op_name: &str,
    ko: bool,
    format: ExplainFormat,
) -> Result<String, String> {
    let names: Vec<String> = scenario.platforms.iter().map(|p| clean(&p.name)).collect();
    let Some(platform) = scenario
        .platforms
        .iter()
        .position(|p| p.name == platform_name)
    else {
        let listed: Vec<&str> = names.iter().map(String::as_str).collect();
        let meant = sim_core::scenario::guess_id(platform_name, &listed);
        let platform_name = clean(&crate::output::long_value(platform_name));
        let valid = names.join(", ");
        return Err(match (ko, meant) {
            (true, Some(m)) => sim_core::text::particles(&format!(
                "플랫폼 `{platform_name}`이(가) 시나리오에 없습니다. 혹시 `{m}`인가요? 쓸 수 있는 플랫폼: {valid}"
            )),
            (true, None) => sim_core::text::particles(&format!(
                "플랫폼 `{platform_name}`이(가) 시나리오에 없습니다. 쓸 수 있는 플랫폼: {valid}"
            )),
            (false, Some(m)) => format!(
                "no platform `{platform_name}` in the scenario; did you mean `{m}`? Valid platforms: {valid}"
            ),
            (false, None) => {
                format!("no platform `{platform_name}` in the scenario; valid platforms: {valid}")
            }
        });
    };
    let Some(op) = Op::from_name(op_name) else {
        let meant = sim_core::scenario::guess(op_name, &Op::ALL.map(Op::name));
        let op_name = clean(&crate::output::long_value(op_name));
        let valid = Op::ALL.map(Op::name).join(", ");
        // The alias stands for a mix of instruction classes, not one path.
        let alias = op_name == "privileged_instruction";
        return Err(match (ko, alias) {
            (true, true) => format!("`privileged_instruction`은 워크로드 mix에서 쓰는 별칭으로, 여러 명령 종류를 섞은 것이라 경로가 하나가 아닙니다. 하나를 고르세요: cpuid, cr_write, cr3_write, invlpg, cr8_write, rdtsc. 쓸 수 있는 연산: {valid}"),
            (false, true) => format!("`privileged_instruction` is a workload-mix alias for several instruction classes, not one path; pick one: cpuid, cr_write, cr3_write, invlpg, cr8_write, rdtsc. Valid operations: {valid}"),
            (true, false) => match meant {
                Some(m) => sim_core::text::particles(&format!("연산 `{op_name}`이(가) 없습니다. 혹시 `{m}`인가요? 쓸 수 있는 연산: {valid}")),
                None => sim_core::text::particles(&format!("연산 `{op_name}`이(가) 없습니다. 쓸 수 있는 연산: {valid}")),
            },
            (false, false) => match meant {
                Some(m) => format!("no operation `{op_name}`; did you mean `{m}`? Valid operations: {valid}"),
                None => format!("no operation `{op_name}`; valid operations: {valid}"),
            },
        });
    };
    let Some(own) = explain::explain(scenario, platform, op) else {
        let name = &names[platform];
        return Err(if ko {
            format!("플랫폼 `{name}`에서 실행되는 인스턴스가 없어 경로가 없습니다")
        } else {
            format!("platform `{name}` runs no instance, so it has no path")
        });
    };
    let others = explain::side_by_side(scenario, platform, op);
    Ok(match format {
        ExplainFormat::Json => {
            let report = Report {
                scenario: scenario.name(),
                platform: &own,
                side_by_side: &others,
            };
            serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
        }
        ExplainFormat::Table => table(scenario, &own, &others, ko),
    })
}

/// A layer's name in the output language on a platform of kind `kind`: the kernel layer is
/// a VM's own guest kernel, a native machine's only kernel, or the host kernel every
/// container shares.
fn layer(ko: bool, l: Layer, kind: PlatformKind) -> &'static str {
    let (en, ko_text) = match l {
        Layer::Application => ("application", "애플리케이션"),
        Layer::GuestKernel => match kind {
            PlatformKind::Native => ("kernel", "커널"),
            PlatformKind::Container => ("host kernel", "호스트 커널"),
            _ => ("guest kernel", "게스트 커널"),
        },
        Layer::Hypervisor => ("hypervisor", "하이퍼바이저"),
        Layer::DriverDomain => ("driver domain", "드라이버 도메인"),
        Layer::VmmProcess => ("VMM process", "VMM 프로세스"),
        Layer::HostOs => ("host OS", "호스트 OS"),
        // Host kernel work that isolates the container (cgroups, namespaces, bridge/NAT,
        // overlay): the engine's daemon is not on the data path.
        Layer::ContainerEngine => ("kernel isolation", "커널 격리 기능"),
        Layer::Hardware => ("hardware", "하드웨어"),
    };
    if ko {
        ko_text
    } else {
        en
    }
}

/// "type 1 hypervisor · full virtualization (hardware assist) · emulated I/O ·
/// memory=shadow" in the output language: the kind, technique and I/O model as the page
/// names them, the paging mode by its scenario word.
fn stack_label(e: &Explanation, ko: bool) -> String {
    let lang = lang_of(ko);
    let mut parts = vec![names::platform_kind(e.kind).get(lang).to_string()];
    if let Some(t) = e.technique {
        parts.push(names::technique(t).get(lang).to_string());
        parts.push(names::io_model(e.io).get(lang).to_string());
        if e.io != sim_core::IoModel::Passthrough {
            parts.push(names::backend(e.backend).get(lang).to_string());
        }
        // The classic design is every type 2's unless the scenario says otherwise.
        if e.hosted_design != sim_core::HostedDesign::WorldSwitch {
            parts.push(names::hosted_design(e.hosted_design).get(lang).to_string());
        }
        parts.push(if ko {
            format!("메모리={}", word(ko, &snake(&e.memory)))
        } else {
            format!("memory={}", snake(&e.memory))
        });
    }
    parts.join(" · ")
}

/// Column widths: #, phase, layer, cycles.
const W_NUM: usize = 3;
const W_KIND: usize = 18;
const W_LAYER: usize = 16;
const W_CYCLES: usize = 8;

fn phase_lines(
    out: &mut String,
    e: &Explanation,
    ko: bool,
    sources: bool,
    vendor: sim_core::CpuVendor,
) {
    let lang = if ko {
        sim_core::Lang::Ko
    } else {
        sim_core::Lang::En
    };
    let indent = " ".repeat(W_NUM + W_KIND + W_LAYER + W_CYCLES + 5);
    let mut section = Section::Submit;
    for (i, p) in e.phases.iter().enumerate() {
        if p.section != section {
            section = p.section;
            let heading = match (section, ko) {
                (Section::Submit, _) => String::new(),
                (Section::Batched, false) => {
                    format!(
                        "once every {} operations:",
                        crate::output::count(e.batch_every)
                    )
                }
                (Section::Batched, true) => {
                    format!("연산 {}회마다 한 번:", crate::output::count(e.batch_every))
                }
                (Section::Complete, false) => {
                    "completion (after the device or timer finishes):".to_string()
                }
                (Section::Complete, true) => "완료 (장치·타이머가 끝낸 뒤):".to_string(),
            };
            let _ = writeln!(out, "    {heading}");
        }
        let text = wrap(&phase_text(p, ko, vendor), 60, &indent);
        let text = text.trim_start();
        let _ = write!(
            out,
            "{} {} {} {}  {}",
            rpad(&(i + 1).to_string(), W_NUM),
            pad(p.kind.label(lang), W_KIND),
            pad(layer(ko, p.layer, e.kind), W_LAYER),
            rpad(&crate::output::count(p.cycles), W_CYCLES),
            text
        );
        if sources {
            if let Some(source) = &p.source {
                let label = if ko { "근거" } else { "source" };
                let source = if ko { &source.ko } else { &source.en };
                out.push_str(&wrap(&format!("({label}: {source})"), 60, &indent));
            }
        }
    }
}

/// The phase's sentence in the output language (with the exit it belongs to, named as the
/// host's CPU vendor names it).
fn phase_text(p: &Phase, ko: bool, vendor: sim_core::CpuVendor) -> String {
    let text = if ko { &p.ko } else { &p.en };
    match (p.exit, p.kind) {
        (Some(reason), explain::PhaseKind::Step) => {
            format!("{} [{}]", clean(text), exit_word(ko, reason, vendor))
        }
        _ => clean(text),
    }
}

fn table(scenario: &Scenario, own: &Explanation, others: &[Explanation], ko: bool) -> String {
    let mut out = String::new();
    let op = op_word(ko, own.op);
    let name = clean(scenario.name());
    let platform = clean(&own.name);
    let stack = stack_label(own, ko);
    let _ = if ko {
        writeln!(out, "{name}: {platform}({stack})에서 {op}")
    } else {
        writeln!(out, "{name}: {op} on {platform} ({stack})")
    };
    let _ = writeln!(
        out,
        "{} {} {} {}  {}",
        rpad("#", W_NUM),
        pad(if ko { "단계" } else { "phase" }, W_KIND),
        pad(if ko { "계층" } else { "layer" }, W_LAYER),
        rpad(if ko { "사이클" } else { "cycles" }, W_CYCLES),
        if ko { "설명" } else { "what happens" }
    );
    let vendor = scenario.host.cpu.vendor();
    phase_lines(&mut out, own, ko, true, vendor);
    let _ = writeln!(
        out,
        "{} {}",
        pad(
            match (ko, own.batch_every > 0) {
                (true, true) => "    합계 (묶음 단계는 한 번만 셈)",
                (false, true) => "    total (a batched step counted once)",
                (true, false) => "    합계",
                (false, false) => "    total",
            },
            W_NUM + W_KIND + W_LAYER + 2
        ),
        rpad(&crate::output::count(own.total), W_CYCLES)
    );
    if let Some(note) = &own.note {
        let _ = writeln!(
            out,
            "{}",
            crate::output::wrap(if ko { &note.ko } else { &note.en }, 96, "    ")
        );
    }
    if !others.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            if ko {
                "같은 연산, 다른 기법:"
            } else {
                "The same operation side by side:"
            }
        );
        for e in others {
            // A technique as words ("hardware assist"), as in Korean, not its file key.
            let name = if ko {
                word(ko, &e.name).to_string()
            } else {
                e.name.replace('_', " ")
            };
            let label = stack_label(e, ko);
            // Natively the label is the name again ("native (native)").
            let label = if label == name {
                String::new()
            } else {
                format!(" ({label})")
            };
            let _ = writeln!(
                out,
                "\n{name}{label}: {} {}",
                crate::output::count(e.total),
                match (ko, e.total) {
                    (true, _) => "사이클",
                    (false, 1) => "cycle",
                    _ => "cycles",
                }
            );
            if let Some(note) = &e.kind_note {
                let _ = write!(
                    out,
                    "{}",
                    crate::output::wrap(if ko { &note.ko } else { &note.en }, 96, "  ")
                );
            }
            phase_lines(&mut out, e, ko, false, vendor);
        }
    }
    out
}
