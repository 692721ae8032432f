//! Validation of a `[[platform]]` table: technique, I/O, back end, scheduler, VDI network.

use toml::Spanned;

use super::memory::{validate_overcommit, validate_running_for};
use super::{range, PLATFORM_RANGE_EN, PLATFORM_RANGE_KO};
use crate::hardware::CpuGeneration;
use crate::platform::{
    BackendPlacement, DisplayProtocol, Enlightenments, HostedDesign, IoModel, MemoryVirtualization,
    NetworkMode, PlatformKind, SchedulerKind, Stack, StorageMode, Technique,
};
use crate::scenario::error::{msg, Msg};
use crate::scenario::format::PlatformSection;
use crate::scenario::{Host, PlatformSpec, ScenarioError, Validator, VdiNetwork};

pub(super) fn validate_platform(
    v: &Validator<'_>,
    p: &PlatformSection,
    host: &Host,
) -> Result<PlatformSpec, ScenarioError> {
    let kind = *p.kind.get_ref();
    let name = p.name.get_ref().clone();
    // The first problem in this order is the one reported: what the platform is, then the
    // keys that apply to some kinds only, its devices, interrupts, network and scheduling.
    let technique = platform_technique(v, p, &name, host)?;
    let io = platform_io(v, p, &name, technique, host)?;
    let memory = MemoryVirtualization::of(technique, host.features.ept);
    let (driver_domain, background) = kind_only_fields(v, p, &name, technique)?;
    let hosted_design = hosted_design(v, p, &name, technique)?;
    let nested = nested(v, p, &name, technique, host)?;
    let microvm = microvm(v, p, &name, technique, io)?;
    let backend = backend(v, p, &name, io, driver_domain, microvm)?;
    let (halt_poll_us, irq_coalesce_us, irq_coalesce_frames) = interrupt_settings(v, p, &name)?;
    let enlightenments = enlightenments(v, p, &name, technique)?;
    let ple = pause_loop_exiting(v, p, &name, technique, host)?;
    let vdi = vdi_network(v, p, &name)?;
    let (scheduler, time_slice_ms, credit_boost) = scheduling(v, p, &name, host, microvm)?;
    let dom0 = dom0_settings(v, p, &name, backend, host)?;
    let stack = Stack {
        kind,
        technique,
        io,
        memory,
        driver_domain,
        network: p
            .network
            .as_ref()
            .map_or(NetworkMode::Bridge, |n| *n.get_ref()),
        storage: p
            .storage
            .as_ref()
            .map_or(StorageMode::Overlay, |s| *s.get_ref()),
        microvm,
        backend,
        halt_poll_us,
        ple,
        irq_coalesce_us,
        irq_coalesce_frames,
        enlightenments,
        nested,
        hosted_design,
    };
    let overcommit = validate_overcommit(v, p, &name, &stack)?;
    let running_for_s = validate_running_for(v, p, &name, &stack, &overcommit)?;
    Ok(PlatformSpec {
        name,
        label: p.label.clone(),
        stack,
        scheduler,
        time_slice_ms,
        credit_boost,
        dom0,
        host_background_percent: background,
        vdi,
        overcommit,
        running_for_s,
        migration: None,
    })
}

/// The platform's technique (a `vdi` platform's default: hybrid), checked against its
/// kind and host.
fn platform_technique(
    v: &Validator<'_>,
    p: &PlatformSection,
    name: &str,
    host: &Host,
) -> Result<Option<Technique>, ScenarioError> {
    let kind = *p.kind.get_ref();
    let technique = match (kind, &p.technique) {
        // A VDI server is a type-1 hypervisor; desktops get PV drivers by default.
        (PlatformKind::Vdi, None) => Some((Technique::Hybrid, p.kind.span())),
        (_, t) => t.as_ref().map(|t| (*t.get_ref(), t.span())),
    };
    if let Some(problem) = technique_problem(name, kind, technique.as_ref().map(|t| t.0), host) {
        // At the technique, or at the kind that needs one.
        let span = technique.map_or(p.kind.span(), |(_, span)| span);
        return Err(v.error(span, problem));
    }
    let technique = technique.map(|(t, _)| t);
    Ok(technique)
}

/// The I/O model, or the kind's and technique's default.
fn platform_io(
    v: &Validator<'_>,
    p: &PlatformSection,
    name: &str,
    technique: Option<Technique>,
    host: &Host,
) -> Result<IoModel, ScenarioError> {
    let kind = *p.kind.get_ref();
    let io = match &p.io {
        None => default_io(kind, technique),
        Some(io) => {
            let value = *io.get_ref();
            if let Some(problem) = io_problem(name, kind, technique, value, host) {
                return Err(v.error(io.span(), problem));
            }
            value
        }
    };
    Ok(io)
}

/// The keys that apply to some kinds only: `driver_domain` (type 1 and vdi; unless written, true
/// for `para` when `backend` names no other place: `BackendPlacement::driver_domain_by_default`),
/// `host_background_percent` (type 2), `network` and `storage` (containers).
fn kind_only_fields(
    v: &Validator<'_>,
    p: &PlatformSection,
    name: &str,
    technique: Option<Technique>,
) -> Result<(bool, u32), ScenarioError> {
    let kind = *p.kind.get_ref();
    let driver_domain = match &p.driver_domain {
        Some(written) => *written.get_ref(),
        None => {
            BackendPlacement::driver_domain_by_default(kind, technique)
                && p.backend
                    .as_ref()
                    .is_none_or(|b| *b.get_ref() == BackendPlacement::DriverDomain)
        }
    };
    if let Some(written) = p.driver_domain.as_ref() {
        if *written.get_ref() && !matches!(kind, PlatformKind::Type1 | PlatformKind::Vdi) {
            return Err(v.error(
                written.span(),
                msg!(
                    "not_applicable",
                    "platform `{name}`: {field} applies to type1 and vdi hypervisors only (a driver domain is a domain of a type-1 hypervisor)",
                    "플랫폼 `{name}`: {field} 키는 type1과 vdi 하이퍼바이저에만 해당합니다 (드라이버 도메인은 type-1 하이퍼바이저의 도메인입니다)",
                    name = name,
                    field = "driver_domain"
                ),
            ));
        }
    }
    let background = *p.host_background_percent.get_ref();
    if background > 0 && kind != PlatformKind::Type2 {
        return Err(v.error(
            p.host_background_percent.span(),
            background_not_applicable(name),
        ));
    }
    if background > 95 {
        return Err(v.error(
            p.host_background_percent.span(),
            msg!(
                "out_of_range",
                PLATFORM_RANGE_EN,
                PLATFORM_RANGE_KO,
                name = name,
                field = "host_background_percent",
                min = 0,
                max = 95,
                got = background
            ),
        ));
    }
    for (field, span) in [
        ("network", p.network.as_ref().map(|n| n.span())),
        ("storage", p.storage.as_ref().map(|n| n.span())),
    ] {
        if let Some(span) = span {
            if kind != PlatformKind::Container {
                return Err(v.error(
                    span,
                    msg!(
                        "not_applicable",
                        "platform `{name}`: {field} applies to containers only",
                        "플랫폼 `{name}`: {field} 키는 컨테이너에만 해당합니다",
                        name = name,
                        field = field
                    ),
                ));
            }
        }
    }
    Ok((driver_domain, background))
}

/// `hosted_design`: type 2 only; a host kernel module runs the guest with VT-x/AMD-V.
fn hosted_design(
    v: &Validator<'_>,
    p: &PlatformSection,
    name: &str,
    technique: Option<Technique>,
) -> Result<HostedDesign, ScenarioError> {
    let Some(written) = &p.hosted_design else {
        return Ok(HostedDesign::WorldSwitch);
    };
    let design = *written.get_ref();
    match hosted_design_problem(name, *p.kind.get_ref(), technique, design) {
        Some(problem) => Err(v.error(written.span(), problem)),
        None => Ok(design),
    }
}

/// `nested`: an L1 hypervisor needs VT-x (AMD-V on an AMD host) under it.
fn nested(
    v: &Validator<'_>,
    p: &PlatformSection,
    name: &str,
    technique: Option<Technique>,
    host: &Host,
) -> Result<bool, ScenarioError> {
    let kind = *p.kind.get_ref();
    let nested = *p.nested.get_ref();
    if nested
        && (kind != PlatformKind::Type1
            || !matches!(
                technique,
                Some(Technique::HardwareAssist | Technique::Hybrid)
            ))
    {
        return Err(v.error(
            p.nested.span(),
            msg!(
                "nested_needs_vtx",
                "platform `{name}`: nested = true needs a type1 platform with technique = \"hardware_assist\" or \"hybrid\" (L0 and L1 both use {extension})",
                "플랫폼 `{name}`: nested = true에는 technique = \"hardware_assist\" 또는 \"hybrid\"인 type1 플랫폼이 필요합니다 (L0와 L1 모두 {extension}를 씁니다)",
                name = name,
                extension = host.cpu.vendor().extension()
            ),
        ));
    }
    Ok(nested)
}

/// `microvm`: a minimal VMM on a type-1 host, hardware-assisted, without emulated devices.
fn microvm(
    v: &Validator<'_>,
    p: &PlatformSection,
    name: &str,
    technique: Option<Technique>,
    io: IoModel,
) -> Result<bool, ScenarioError> {
    let kind = *p.kind.get_ref();
    let microvm = *p.microvm.get_ref();
    if microvm {
        if kind != PlatformKind::Type1 {
            return Err(v.error(
                p.microvm.span(),
                msg!(
                    "not_applicable",
                    "platform `{name}`: {field} applies to type1 platforms only (a minimal VMM on a type-1/KVM host)",
                    "플랫폼 `{name}`: {field} 키는 type1 플랫폼에만 해당합니다 (type-1/KVM 호스트의 최소 VMM)",
                    name = name,
                    field = "microvm"
                ),
            ));
        }
        if !matches!(
            technique,
            Some(Technique::HardwareAssist | Technique::Hybrid)
        ) || io == IoModel::Emulated
        {
            return Err(v.error(
                p.microvm.span(),
                msg!(
                    "microvm_needs_hybrid",
                    "platform `{name}`: a microVM runs on a hardware-assisted CPU and has no emulated devices: use technique = \"hybrid\" (virtio drivers on a hardware-assisted CPU), or technique = \"hardware_assist\" with io = \"paravirtual\" (io = \"passthrough\" also fits either)",
                    "플랫폼 `{name}`: microVM은 하드웨어 지원 CPU에서 실행되며 에뮬레이션 장치가 없습니다: technique = \"hybrid\"(하드웨어 지원 CPU 위의 virtio 드라이버)를 쓰거나, technique = \"hardware_assist\"에 io = \"paravirtual\"을 쓰세요(io = \"passthrough\"도 둘 다에 맞습니다)",
                    name = name
                ),
            ));
        }
    }
    Ok(microvm)
}

/// Where the I/O back end runs, or the kind's default.
fn backend(
    v: &Validator<'_>,
    p: &PlatformSection,
    name: &str,
    io: IoModel,
    driver_domain: bool,
    microvm: bool,
) -> Result<BackendPlacement, ScenarioError> {
    let kind = *p.kind.get_ref();
    let default_backend = BackendPlacement::default_for(kind, driver_domain, microvm);
    let backend = match &p.backend {
        None => default_backend,
        Some(b) => {
            use BackendPlacement as B;
            let chosen = *b.get_ref();
            let problem = if !kind.is_hypervisor() {
                Some((
                    "backend applies to type1, type2 and vdi platforms only",
                    "backend는 type1, type2, vdi 플랫폼에만 쓸 수 있습니다",
                ))
            } else if io == IoModel::Passthrough {
                Some((
                    "backend applies to emulated and paravirtual I/O (a passthrough device has no back end)",
                    "backend는 에뮬레이션과 반가상화 I/O에만 쓸 수 있습니다 (패스스루 장치에는 백엔드가 없습니다)",
                ))
            } else if (chosen == B::DriverDomain) != driver_domain {
                Some((
                    "backend = \"driver_domain\" goes with driver_domain = true (type1 or vdi; the default with technique = \"para\"), and driver_domain = true with that back end",
                    "backend = \"driver_domain\"은 driver_domain = true(type1 또는 vdi; technique = \"para\"이면 기본값)와 함께 써야 하고, driver_domain = true는 그 백엔드와 함께 써야 합니다",
                ))
            } else if kind == PlatformKind::Type2 && chosen == B::Hypervisor {
                Some((
                    "a type-2 VMM has no in-hypervisor back end: use \"vm_thread\" or \"device_thread\"",
                    "type-2 VMM에는 하이퍼바이저 안의 백엔드가 없습니다: \"vm_thread\"나 \"device_thread\"를 쓰세요",
                ))
            } else {
                None
            };
            if let Some((en, ko)) = problem {
                return Err(v.error(
                    b.span(),
                    msg!(
                        "backend_not_applicable",
                        "platform `{name}`: {problem}",
                        "플랫폼 `{name}`: {problem_ko}",
                        name = name,
                        problem = en,
                        problem_ko = ko
                    ),
                ));
            }
            chosen
        }
    };
    Ok(backend)
}

/// `dom0_vcpus` (1 to the host's cores), `dom0_weight` (1 to 65535) and `dom0_pin`, with
/// the back ends in a driver domain only.
fn dom0_settings(
    v: &Validator<'_>,
    p: &PlatformSection,
    name: &str,
    backend: BackendPlacement,
    host: &Host,
) -> Result<crate::platform::Dom0, ScenarioError> {
    let mut dom0 = crate::platform::Dom0::default();
    let fields = [
        ("dom0_vcpus", &p.dom0_vcpus, host.cores.max(1)),
        ("dom0_weight", &p.dom0_weight, 65_535),
    ];
    for (k, (field, value, max)) in fields.into_iter().enumerate() {
        let Some(value) = value else { continue };
        if backend != BackendPlacement::DriverDomain {
            return Err(v.error(
                value.span(),
                msg!(
                    "dom0_not_applicable",
                    "platform `{name}`: {field} applies only with the back ends in a driver domain (driver_domain = true, the default with technique = \"para\" on type1 and vdi)",
                    "플랫폼 `{name}`: {field}는 백엔드가 드라이버 도메인에 있을 때만 쓸 수 있습니다 (driver_domain = true, type1과 vdi에서 technique = \"para\"이면 기본값)",
                    name = name,
                    field = field
                ),
            ));
        }
        let got = *value.get_ref();
        if k == 0 && got > max {
            return Err(v.error(
                value.span(),
                msg!(
                    "out_of_range",
                    "platform `{name}`: dom0_vcpus must be between 1 and the host's cores ({max}); got {got}",
                    "플랫폼 `{name}`: dom0_vcpus 값은 1에서 호스트의 코어 수({max}) 사이여야 합니다. 입력값: {got}",
                    name = name,
                    max = max,
                    got = got
                ),
            ));
        }
        if got == 0 || got > max {
            return Err(v.error(
                value.span(),
                msg!(
                    "out_of_range",
                    PLATFORM_RANGE_EN,
                    PLATFORM_RANGE_KO,
                    name = name,
                    field = field,
                    min = 1,
                    max = max,
                    got = got
                ),
            ));
        }
        if k == 0 {
            dom0.vcpus = got;
        } else {
            dom0.weight = got;
        }
    }
    if let Some(pin) = &p.dom0_pin {
        if backend != BackendPlacement::DriverDomain {
            return Err(v.error(
                pin.span(),
                msg!(
                    "dom0_not_applicable",
                    "platform `{name}`: {field} applies only with the back ends in a driver domain (driver_domain = true, the default with technique = \"para\" on type1 and vdi)",
                    "플랫폼 `{name}`: {field}는 백엔드가 드라이버 도메인에 있을 때만 쓸 수 있습니다 (driver_domain = true, type1과 vdi에서 technique = \"para\"이면 기본값)",
                    name = name,
                    field = "dom0_pin"
                ),
            ));
        }
        dom0.pinned = *pin.get_ref();
    }
    Ok(dom0)
}

/// `halt_poll_us`, `irq_coalesce_us` and `irq_coalesce_frames`.
fn interrupt_settings(
    v: &Validator<'_>,
    p: &PlatformSection,
    name: &str,
) -> Result<(u64, u64, u32), ScenarioError> {
    let kind = *p.kind.get_ref();
    let halt_poll_us = match &p.halt_poll_us {
        None => 0,
        Some(x) => {
            if !kind.is_hypervisor() {
                return Err(v.error(
                    x.span(),
                    msg!(
                        "halt_poll_not_applicable",
                        "platform `{name}`: halt_poll_us applies to type1, type2 and vdi platforms only",
                        "플랫폼 `{name}`: halt_poll_us는 type1, type2, vdi 플랫폼에만 쓸 수 있습니다",
                        name = name
                    ),
                ));
            }
            range(v, x, &format!("platform `{name}`: halt_poll_us"), 0, 10_000)?
        }
    };
    let irq_coalesce_us = match &p.irq_coalesce_us {
        None => 0,
        Some(x) => range(
            v,
            x,
            &format!("platform `{name}`: irq_coalesce_us"),
            0,
            10_000,
        )?,
    };
    let irq_coalesce_frames = match &p.irq_coalesce_frames {
        None => 0,
        Some(x) => {
            if irq_coalesce_us == 0 {
                return Err(v.error(
                    x.span(),
                    msg!(
                        "coalesce_frames_without_delay",
                        "platform `{name}`: irq_coalesce_frames needs irq_coalesce_us (1 to 10,000): without a delay a completion could wait forever",
                        "플랫폼 `{name}`: irq_coalesce_frames에는 irq_coalesce_us(1~10,000)가 필요합니다: 지연 한도가 없으면 완료가 끝없이 기다릴 수 있습니다",
                        name = name
                    ),
                ));
            }
            range(
                v,
                x,
                &format!("platform `{name}`: irq_coalesce_frames"),
                0,
                256,
            )? as u32
        }
    };
    Ok((halt_poll_us, irq_coalesce_us, irq_coalesce_frames))
}

/// A hybrid platform's enlightenments (default: KVM's on Linux).
fn enlightenments(
    v: &Validator<'_>,
    p: &PlatformSection,
    name: &str,
    technique: Option<Technique>,
) -> Result<Enlightenments, ScenarioError> {
    let enlightenments = match &p.enlightenments {
        None if technique == Some(Technique::Hybrid) => Enlightenments::kvm_linux(),
        None => Enlightenments::default(),
        Some(x) => {
            if technique != Some(Technique::Hybrid) {
                return Err(v.error(
                    x.span(),
                    msg!(
                        "enlightenments_not_applicable",
                        "platform `{name}`: enlightenments apply to technique = \"hybrid\" only (para is paravirtual throughout, hardware_assist runs an unmodified guest)",
                        "플랫폼 `{name}`: enlightenments는 technique = \"hybrid\"에만 쓸 수 있습니다 (para는 전부 반가상화이고, hardware_assist는 수정하지 않은 게스트를 실행합니다)",
                        name = name
                    ),
                ));
            }
            let list = Enlightenments::of(x.get_ref());
            if list.pv_tlb_flush && !list.steal_time {
                return Err(v.error(
                    x.span(),
                    msg!(
                        "pv_tlb_flush_needs_steal_time",
                        "platform `{name}`: pv_tlb_flush needs steal_time in the same list (the guest reads each target vCPU's `preempted` flag in its steal-time area); write [\"steal_time\", \"pv_tlb_flush\", ...]",
                        "플랫폼 `{name}`: pv_tlb_flush에는 같은 목록에 steal_time이 있어야 합니다 (게스트가 대상 vCPU의 스틸 타임 영역에서 `preempted` 플래그를 읽습니다); [\"steal_time\", \"pv_tlb_flush\", ...]처럼 쓰세요",
                        name = name
                    ),
                ));
            }
            list
        }
    };
    Ok(enlightenments)
}

/// `ple`: pause-loop exiting, a VT-x/AMD-V feature the host's CPU may lack or turn off.
fn pause_loop_exiting(
    v: &Validator<'_>,
    p: &PlatformSection,
    name: &str,
    technique: Option<Technique>,
    host: &Host,
) -> Result<bool, ScenarioError> {
    let kind = *p.kind.get_ref();
    let uses_ple = kind.is_hypervisor()
        && matches!(
            technique,
            Some(Technique::HardwareAssist | Technique::Hybrid)
        );
    let ple = match &p.ple {
        None => uses_ple && host.features.ple,
        Some(x) => {
            if !uses_ple {
                return Err(v.error(
                    x.span(),
                    msg!(
                        "ple_not_applicable",
                        "platform `{name}`: ple applies to hardware_assist and hybrid hypervisors only (pause-loop exiting is a VT-x/AMD-V feature)",
                        "플랫폼 `{name}`: ple는 hardware_assist와 hybrid 하이퍼바이저에만 쓸 수 있습니다 (PAUSE 루프 exit는 VT-x/AMD-V 기능입니다)",
                        name = name
                    ),
                ));
            }
            if *x.get_ref() && !host.features.ple {
                return Err(v.error(
                    x.span(),
                    if host.cpu.features().ple {
                        msg!(
                            "ple_off_on_host",
                            "platform `{name}`: ple = true, but host.ple = false turns {what} off on this host; remove one of the two",
                            "플랫폼 `{name}`: ple = true이지만 host.ple = false가 이 호스트의 {what_ko}를 끕니다. 둘 중 하나를 지우세요",
                            name = name,
                            what = host.cpu.vendor().pick("pause-loop exiting", "the pause filter"),
                            what_ko = host.cpu.vendor().pick("PAUSE 루프 exit", "PAUSE 필터")
                        )
                    } else {
                        msg!(
                            "ple_missing_on_cpu",
                            "platform `{name}`: ple = true, but host.cpu = \"{cpu}\" has no pause-loop exiting; nehalem and later have it",
                            "플랫폼 `{name}`: ple = true이지만 host.cpu = \"{cpu}\"에는 PAUSE 루프 exit가 없습니다. nehalem 이후에는 있습니다",
                            name = name,
                            cpu = host.cpu.name()
                        )
                    },
                ));
            }
            *x.get_ref()
        }
    };
    Ok(ple)
}

/// A `vdi` platform's network to its clients (and no such key on another kind).
fn vdi_network(
    v: &Validator<'_>,
    p: &PlatformSection,
    name: &str,
) -> Result<Option<VdiNetwork>, ScenarioError> {
    let kind = *p.kind.get_ref();
    let vdi_fields = [
        ("protocol", p.protocol.as_ref().map(|x| x.span())),
        ("rtt_ms", p.rtt_ms.as_ref().map(|x| x.span())),
        (
            "client_bandwidth_mbit_s",
            p.client_bandwidth_mbit_s.as_ref().map(|x| x.span()),
        ),
        ("loss_percent", p.loss_percent.as_ref().map(|x| x.span())),
        ("frame_rate", p.frame_rate.as_ref().map(|x| x.span())),
        ("session_host", p.session_host.as_ref().map(|x| x.span())),
    ];
    if kind != PlatformKind::Vdi {
        if let Some((field, Some(span))) = vdi_fields.iter().find(|(_, s)| s.is_some()) {
            return Err(v.error(
                span.clone(),
                msg!(
                    "not_applicable",
                    "platform `{name}`: {field} applies to kind = \"vdi\" platforms only",
                    "플랫폼 `{name}`: {field} 키는 kind = \"vdi\" 플랫폼에만 해당합니다",
                    name = name,
                    field = field
                ),
            ));
        }
    }
    let vdi = if kind == PlatformKind::Vdi {
        let number = |field: &Option<Spanned<f64>>,
                      what: &str,
                      default: f64,
                      min: f64,
                      max: f64|
         -> Result<f64, ScenarioError> {
            match field {
                None => Ok(default),
                Some(x) => {
                    let value = *x.get_ref();
                    if value.is_finite() && value >= min && value <= max {
                        Ok(value)
                    } else {
                        Err(v.error(
                            x.span(),
                            msg!(
                                "out_of_range",
                                PLATFORM_RANGE_EN,
                                PLATFORM_RANGE_KO,
                                name = name,
                                field = what,
                                min = min,
                                max = max,
                                got = value
                            ),
                        ))
                    }
                }
            }
        };
        let (rtt_min, rtt_max) = crate::scenario::VDI_RTT_MS;
        let rtt_ms = number(&p.rtt_ms, "rtt_ms", 20.0, rtt_min, rtt_max)?;
        let (mbit_min, mbit_max) = crate::scenario::VDI_CLIENT_BANDWIDTH_MBIT_S;
        let mbit = number(
            &p.client_bandwidth_mbit_s,
            "client_bandwidth_mbit_s",
            20.0,
            mbit_min,
            mbit_max,
        )?;
        let (loss_min, loss_max) = crate::scenario::VDI_LOSS_PERCENT;
        let loss = number(&p.loss_percent, "loss_percent", 0.0, loss_min, loss_max)?;
        let protocol = p
            .protocol
            .as_ref()
            .map_or(DisplayProtocol::default(), |x| *x.get_ref());
        let default_rate = crate::desktop::ProtocolParams::of(protocol).fps_cap as f64;
        let frame_rate = number(&p.frame_rate, "frame_rate", default_rate, 1.0, 120.0)?;
        Some(VdiNetwork {
            protocol,
            frame_rate: libm::round(frame_rate) as u64,
            session_host: p.session_host.as_ref().is_some_and(|x| *x.get_ref()),
            rtt_us: libm::round(rtt_ms * 1000.0) as u64,
            client_bandwidth_kbit_s: (libm::round(mbit * 1000.0) as u64).max(1),
            loss_ppm: libm::round(loss * 10_000.0) as u64,
        })
    } else {
        None
    };
    Ok(vdi)
}

/// The scheduler, its time slice and the credit scheduler's BOOST.
fn scheduling(
    v: &Validator<'_>,
    p: &PlatformSection,
    name: &str,
    host: &Host,
    microvm: bool,
) -> Result<(SchedulerKind, u64, bool), ScenarioError> {
    let kind = *p.kind.get_ref();
    let scheduler = p.scheduler.unwrap_or(match kind {
        // A microVM's VMM (Firecracker) runs on KVM: its vCPUs are Linux threads under CFS.
        PlatformKind::Type1 if microvm => SchedulerKind::Fair,
        PlatformKind::Type1 | PlatformKind::Vdi => SchedulerKind::Credit,
        _ => SchedulerKind::Fair,
    });
    let time_slice_ms = match &p.time_slice_ms {
        Some(t) => {
            let value = *t.get_ref();
            if value == 0 || value > 1000 {
                return Err(v.error(
                    t.span(),
                    msg!(
                        "out_of_range",
                        PLATFORM_RANGE_EN,
                        PLATFORM_RANGE_KO,
                        name = name,
                        field = "time_slice_ms",
                        min = 1,
                        max = 1000,
                        got = value
                    ),
                ));
            }
            value
        }
        None => match scheduler {
            SchedulerKind::Credit => 30,
            // CFS's target latency: 6 ms scaled by the host's CPUs (24 ms at 8 or more).
            SchedulerKind::Fair => 6 * SchedulerKind::fair_scale(host.cores),
            // Estimate: one 10 ms tick of Xen's credit scheduler, which accounts every third
            // tick (the reference's "accounting every 10 ms", virtualization-costs.md section
            // 7, is the tick); no round-robin slice in the reference.
            SchedulerKind::RoundRobin => 10,
        },
    };
    let credit_boost = match &p.credit_boost {
        None => true,
        Some(b) if scheduler != SchedulerKind::Credit => {
            return Err(v.error(
                b.span(),
                msg!(
                    "credit_boost_not_applicable",
                    "platform `{name}`: credit_boost applies to scheduler = \"credit\" only",
                    "플랫폼 `{name}`: credit_boost는 scheduler = \"credit\"에만 쓸 수 있습니다",
                    name = name
                ),
            ))
        }
        Some(b) => *b.get_ref(),
    };
    Ok((scheduler, time_slice_ms, credit_boost))
}

// The checks below are shared with `check.rs`, which applies them to a platform's stack
// (set by hand) with the same messages.

/// What is wrong with technique `technique` on a platform of `kind` on `host`: a
/// hypervisor without one, one where there is no hypervisor, one that needs VT-x on a host
/// without it, paravirtualization on a type-2 host. A `vdi` platform's default (`hybrid`)
/// is the caller's to fill in.
pub(super) fn technique_problem(
    name: &str,
    kind: PlatformKind,
    technique: Option<Technique>,
    host: &Host,
) -> Option<Msg> {
    let t = match (kind, technique) {
        (PlatformKind::Type1 | PlatformKind::Type2 | PlatformKind::Vdi, None) => {
            return Some(msg!(
                "missing_technique",
                "platform `{name}`: a hypervisor needs a technique: one of `binary_translation`, `hardware_assist`, `para`, `hybrid`",
                "플랫폼 `{name}`: 하이퍼바이저에는 technique가 필요합니다: `binary_translation`, `hardware_assist`, `para`, `hybrid` 중 하나",
                name = name
            ))
        }
        (PlatformKind::Native | PlatformKind::Container, Some(_)) => {
            return Some(msg!(
                "not_applicable",
                "platform `{name}`: technique applies to type1, type2 and vdi platforms only; remove it for kind = \"{kind}\"",
                "플랫폼 `{name}`: technique는 type1, type2, vdi 플랫폼에만 해당합니다. kind = \"{kind}\"에서는 지우세요",
                name = name,
                field = "technique",
                kind = kind.name()
            ))
        }
        (_, t) => t?,
    };
    if matches!(t, Technique::HardwareAssist | Technique::Hybrid) && !host.features.vtx {
        return Some(msg!(
            "needs_vtx",
            "platform `{name}`: {technique} needs host.vtx = true (VT-x/AMD-V); use `binary_translation` or `para` on this host",
            "플랫폼 `{name}`: {technique}에는 host.vtx = true(VT-x/AMD-V)가 필요합니다. 이 호스트에서는 `binary_translation`이나 `para`를 쓰세요",
            name = name,
            technique = t.name()
        ));
    }
    if t == Technique::Para && kind == PlatformKind::Type2 {
        return Some(msg!(
            "para_on_type2",
            "platform `{name}`: paravirtualization needs a type-1 hypervisor that offers hypercalls; a type-2 host here runs `binary_translation`, `hardware_assist` or `hybrid`",
            "플랫폼 `{name}`: 반가상화에는 하이퍼콜을 제공하는 type-1 하이퍼바이저가 필요합니다. 여기서 type-2 호스트는 `binary_translation`, `hardware_assist`, `hybrid`를 씁니다",
            name = name
        ));
    }
    None
}

/// The I/O model a platform of `kind` with `technique` has when the file gives none (always
/// valid: [`io_problem`] finds nothing wrong with it).
pub(super) fn default_io(kind: PlatformKind, technique: Option<Technique>) -> IoModel {
    match (kind, technique) {
        (PlatformKind::Native | PlatformKind::Container, _) => IoModel::Passthrough,
        (_, Some(Technique::Para | Technique::Hybrid)) => IoModel::Paravirtual,
        _ => IoModel::Emulated,
    }
}

/// What is wrong with I/O model `io` chosen for a platform of `kind` with `technique` on
/// `host` (any choice on a platform without a hypervisor).
pub(super) fn io_problem(
    name: &str,
    kind: PlatformKind,
    technique: Option<Technique>,
    io: IoModel,
    host: &Host,
) -> Option<Msg> {
    match (kind, technique, io) {
        (PlatformKind::Native | PlatformKind::Container, _, _) => Some(msg!("io_not_applicable", "platform `{name}`: io applies to hypervisors only; remove it", "플랫폼 `{name}`: io는 하이퍼바이저에만 해당합니다. 지우세요", name = name)),
        (_, Some(Technique::Para), IoModel::Emulated) => Some(msg!("io_emulated_under_para", "platform `{name}`: a paravirtualized guest has no emulated devices; use io = \"paravirtual\" or \"passthrough\"", "플랫폼 `{name}`: 반가상화 게스트에는 에뮬레이션 장치가 없습니다. io = \"paravirtual\" 또는 \"passthrough\"를 쓰세요", name = name)),
        (_, Some(Technique::Hybrid), IoModel::Emulated) => Some(msg!("io_emulated_under_hybrid", "platform `{name}`: hybrid means paravirtual I/O drivers; use io = \"paravirtual\", or technique = \"hardware_assist\" for emulated I/O", "플랫폼 `{name}`: hybrid는 반가상화 I/O 드라이버를 뜻합니다. io = \"paravirtual\"을 쓰거나, 에뮬레이션 I/O에는 technique = \"hardware_assist\"를 쓰세요", name = name)),
        (PlatformKind::Type2, _, IoModel::Passthrough) => {
            // What type 2 accepts with this technique (hybrid means paravirtual drivers).
            let (valid, valid_ko) = if technique == Some(Technique::Hybrid) {
                ("io = \"paravirtual\"", "io = \"paravirtual\"")
            } else {
                ("io = \"emulated\" or \"paravirtual\"", "io = \"emulated\" 또는 \"paravirtual\"")
            };
            Some(msg!("passthrough_on_type2", "platform `{name}`: passthrough needs a type-1 hypervisor (kind = \"type1\" or \"vdi\") with an IOMMU; a type-2 platform takes {valid}", "플랫폼 `{name}`: passthrough에는 IOMMU가 있는 type-1 하이퍼바이저(kind = \"type1\" 또는 \"vdi\")가 필요합니다. type-2 플랫폼에는 {valid_ko}를 쓰세요", name = name, valid = valid, valid_ko = valid_ko))
        }
        // VT-d and AMD-Vi came with the chipsets of about 2008 (Intel's 4 Series,
        // Penryn's generation); a Pentium 4 or first Core 2 platform had no IOMMU.
        (_, _, IoModel::Passthrough) if matches!(host.cpu, CpuGeneration::Prescott | CpuGeneration::Merom) => Some(msg!("passthrough_before_iommu", "platform `{name}`: passthrough needs an IOMMU (Intel VT-d, AMD-Vi), which came with platforms of about 2008; host.cpu = \"{cpu}\" had none: use \"penryn\" or later", "플랫폼 `{name}`: passthrough에는 IOMMU(Intel VT-d, AMD-Vi)가 필요하며, 2008년 무렵의 플랫폼부터 있습니다. host.cpu = \"{cpu}\"에는 없었습니다: \"penryn\" 이후를 쓰세요", name = name, cpu = host.cpu.name())),
        (_, _, IoModel::Passthrough) if !host.features.vtx => Some(msg!("passthrough_without_iommu", "platform `{name}`: passthrough needs an IOMMU, which comes with host.vtx = true", "플랫폼 `{name}`: passthrough에는 IOMMU가 필요하며, 이는 host.vtx = true일 때 있습니다", name = name)),
        (_, Some(Technique::BinaryTranslation), IoModel::Passthrough) => Some(msg!("passthrough_under_bt", "platform `{name}`: passthrough is not modelled under binary translation (the simulator gives a device to hardware-assisted and paravirtualized guests only); use technique = \"hardware_assist\", \"hybrid\" or \"para\"", "플랫폼 `{name}`: 바이너리 변환에서는 passthrough를 모델링하지 않습니다(시뮬레이터는 하드웨어 지원 게스트와 반가상화 게스트에만 장치를 넘겨줍니다). technique = \"hardware_assist\", \"hybrid\" 또는 \"para\"를 쓰세요", name = name)),
        _ => None,
    }
}

/// What is wrong with `hosted_design = design` on a platform of `kind` with `technique`:
/// the key on anything but a type-2 hypervisor (the default, `world_switch`, written there
/// too: it says something about a VMM that is not there), or `host_module` without VT-x:
/// a kernel module runs the guest from the host kernel's own context only with
/// VT-x/AMD-V; a binary-translating VMM (VMware Workstation, VirtualBox's raw mode)
/// switches to a world of its own.
pub(super) fn hosted_design_problem(
    name: &str,
    kind: PlatformKind,
    technique: Option<Technique>,
    design: HostedDesign,
) -> Option<Msg> {
    if kind != PlatformKind::Type2 {
        return Some(msg!(
            "not_applicable",
            "platform `{name}`: {field} applies to type2 hypervisors only (how a VMM on a host OS reaches the host)",
            "플랫폼 `{name}`: {field} 키는 type2 하이퍼바이저에만 해당합니다 (호스트 OS 위의 VMM이 호스트에 닿는 방식)",
            name = name,
            field = "hosted_design"
        ));
    }
    if design == HostedDesign::HostModule
        && !matches!(
            technique,
            Some(Technique::HardwareAssist | Technique::Hybrid)
        )
    {
        return Some(msg!(
            "host_module_needs_vtx",
            "platform `{name}`: hosted_design = \"host_module\" runs the guest from the host kernel's context with VT-x/AMD-V: use technique = \"hardware_assist\" or \"hybrid\"; a binary-translating VMM switches to a world of its own (hosted_design = \"world_switch\")",
            "플랫폼 `{name}`: hosted_design = \"host_module\"은 VT-x/AMD-V로 호스트 커널의 문맥에서 게스트를 실행합니다: technique = \"hardware_assist\" 또는 \"hybrid\"를 쓰세요. 바이너리 변환을 하는 VMM은 자기 world로 전환합니다(hosted_design = \"world_switch\")",
            name = name
        ));
    }
    None
}

/// `host_background_percent` on platform `name`, which is not a type-2 hypervisor: only a
/// type-2 host runs other programs beside its VMs.
pub(super) fn background_not_applicable(name: &str) -> Msg {
    msg!(
        "not_applicable",
        "platform `{name}`: {field} applies to type2 hypervisors only (their host OS runs other programs)",
        "플랫폼 `{name}`: {field} 키는 type2 하이퍼바이저에만 해당합니다 (그 호스트 OS가 다른 프로그램을 실행합니다)",
        name = name,
        field = "host_background_percent"
    )
}

/// A VDI round trip below this many ms is warned about (`rtt_below_any_network`): a
/// thin client's network round trip is about 0.1 to 0.5 ms on a switched LAN, more
/// beyond it. `rtt_ms = 0` (no network delay at all) is an idealization, not warned about.
pub(super) const LEAST_REAL_RTT_MS: f64 = 0.1;

/// [`crate::Scenario::warnings`] of the platforms: a VDI platform's rtt_ms above 0 and
/// below [`LEAST_REAL_RTT_MS`] (valid, as 0 to 2000 are, but more often seconds written in
/// ms, `0.005` for 5 ms, than the point), at its value, with the range and the unit.
pub(crate) fn warnings(s: &crate::Scenario) -> Vec<ScenarioError> {
    unit_warnings(&s.file_name, &s.source, &s.raw.platforms)
}

/// [`warnings`] from the `[[platform]]` tables as read, valid or not
/// (`Scenario::unit_warnings`: beside a file's errors): a VDI platform's (`kind = "vdi"`,
/// the only kind with a network round trip) rtt_ms.
pub(crate) fn unit_warnings(
    file: &str,
    source: &str,
    platforms: &[PlatformSection],
) -> Vec<ScenarioError> {
    let v = Validator::unparsed(file, source);
    let mut out = Vec::new();
    for raw in platforms {
        let vdi = *raw.kind.get_ref() == PlatformKind::Vdi;
        let Some(rtt) = raw.rtt_ms.as_ref().filter(|_| vdi) else {
            continue;
        };
        let got = *rtt.get_ref();
        if !(got > 0.0 && got < LEAST_REAL_RTT_MS) || rtt.span().is_empty() {
            continue;
        }
        let as_ms = got * 1000.0;
        let (hint, hint_ko) = if as_ms >= LEAST_REAL_RTT_MS {
            (
                format!(". If you meant {got} s, write rtt_ms = {}", short(as_ms)),
                format!(
                    ". {got}초를 뜻했다면 rtt_ms = {}(으)로 쓰세요",
                    short(as_ms)
                ),
            )
        } else {
            (String::new(), String::new())
        };
        out.push(v.error(
            rtt.span(),
            msg!(
                "rtt_below_any_network",
                "platform `{name}`: rtt_ms = {got} is {us} µs, shorter than any network round trip between a thin client and its server (about 0.1 to 0.5 ms on a LAN); rtt_ms is in milliseconds, 0 to 2000 (0: no network delay at all){hint}",
                "플랫폼 `{name}`: rtt_ms = {got}은(는) {us} µs로, 씬 클라이언트와 서버 사이 어떤 네트워크의 왕복 시간보다 짧습니다(LAN에서 약 0.1에서 0.5 ms). rtt_ms는 밀리초 단위이며 0에서 2000입니다(0은 네트워크 지연 없음){hint_ko}",
                name = raw.name.get_ref(),
                got = got,
                us = short(as_ms),
                hint = hint,
                hint_ko = hint_ko
            ),
        ));
    }
    out
}

/// A number with at most three decimals, without trailing zeros (5, 0.5, 0.125).
fn short(x: f64) -> String {
    let text = format!("{x:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}
