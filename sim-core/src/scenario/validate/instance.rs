//! Validation of an `[[instance]]` table: platforms, count, vCPUs, memory, guest OS, workload.

use super::workload::preset;
use super::{names, INSTANCE_RANGE_EN, INSTANCE_RANGE_KO};
use crate::platform::{GuestOs, PlatformKind, Technique};
use crate::scenario::error::{msg, Msg};
use crate::scenario::format::{InstanceSection, PlatformSection};
use crate::scenario::limits::{MAX_INSTANCES, MAX_THREADS_PER_INSTANCE};
use crate::scenario::{Host, InstanceSpec, PlatformSpec, ScenarioError, Validator};
use crate::workload::{Workload, PRESET_NAMES};

/// An instance group, checked against `host` (its pins; None: the host has an error) and
/// the `platforms` of the sections `raw_platforms` (None: one with an error, whose name is
/// still valid but whose technique and kind are not checked against the instance).
pub(super) fn validate_instance(
    v: &Validator<'_>,
    i: &InstanceSection,
    host: Option<&Host>,
    platforms: &[Option<PlatformSpec>],
    raw_platforms: &[PlatformSection],
    workloads: &[Workload],
) -> Result<InstanceSpec, ScenarioError> {
    let name = i.name.get_ref().clone();
    let platform_names = || raw_platforms.iter().map(|p| p.name.get_ref().as_str());
    let platform_indices: Vec<usize> = match &i.platforms {
        None => (0..raw_platforms.len()).collect(),
        Some(list) => {
            if list.get_ref().is_empty() {
                return Err(v.error(
                    list.span(),
                    msg!(
                        "empty_list",
                        "instance `{name}`: platforms is empty; omit it to run on every platform",
                        "인스턴스 `{name}`: platforms가 비어 있습니다. 모든 플랫폼에서 실행하려면 지우세요",
                        name = name
                    ),
                ));
            }
            let mut out = Vec::new();
            for p in list.get_ref() {
                match platform_names().position(|x| x == p.get_ref()) {
                    Some(index) => out.push(index),
                    None => {
                        return Err(v.error(
                            p.span(),
                            msg!(
                                "unknown_name",
                                "instance `{name}`: unknown platform `{got}`; expected one of {expected}",
                                "인스턴스 `{name}`: 알 수 없는 플랫폼 `{got}`입니다. 가능한 값: {expected}",
                                name = name,
                                got = p.get_ref(),
                                expected = names(platform_names())
                            ),
                        ))
                    }
                }
            }
            out
        }
    };
    let count = *i.count.get_ref();
    if count == 0 || u64::from(count) > MAX_INSTANCES {
        return Err(v.error(
            i.count.span(),
            msg!(
                "out_of_range",
                INSTANCE_RANGE_EN,
                INSTANCE_RANGE_KO,
                name = name,
                field = "count",
                min = 1,
                max = MAX_INSTANCES,
                got = count
            ),
        ));
    }
    let vcpus = *i.vcpus.get_ref();
    if vcpus == 0 || vcpus > MAX_THREADS_PER_INSTANCE {
        return Err(v.error(
            i.vcpus.span(),
            msg!(
                "out_of_range",
                INSTANCE_RANGE_EN,
                INSTANCE_RANGE_KO,
                name = name,
                field = "vcpus",
                min = 1,
                max = MAX_THREADS_PER_INSTANCE,
                got = vcpus
            ),
        ));
    }
    let threads = match &i.threads {
        None => vcpus,
        Some(t) => {
            let value = *t.get_ref();
            if value == 0 || value > MAX_THREADS_PER_INSTANCE {
                return Err(v.error(
                    t.span(),
                    msg!(
                        "out_of_range",
                        INSTANCE_RANGE_EN,
                        INSTANCE_RANGE_KO,
                        name = name,
                        field = "threads",
                        min = 1,
                        max = MAX_THREADS_PER_INSTANCE,
                        got = value
                    ),
                ));
            }
            value
        }
    };
    let memory_gib = *i.memory_gib.get_ref();
    // At least 1 MiB: below, a footprint rounds to nothing (1e-320 GiB was accepted).
    if !((1.0 / 1024.0..=65536.0).contains(&memory_gib)) {
        return Err(v.error(i.memory_gib.span(), memory_gib_msg(&name, memory_gib)));
    }
    let guest_os = *i.guest_os.get_ref();
    let checked =
        || (platform_indices.iter()).filter_map(|&p| platforms.get(p).and_then(Option::as_ref));
    for p in checked() {
        if p.stack.technique == Some(Technique::Para) && !guest_os.can_be_paravirtualized() {
            return Err(v.error(
                i.guest_os.span(),
                guest_not_paravirtualizable(&name, guest_os, &p.name),
            ));
        }
        if let Some(m) = guest_os_unsupported(&name, guest_os, &p.name, &p.stack) {
            return Err(v.error(i.guest_os.span(), m));
        }
    }
    let workload_name = i.workload.get_ref();
    let workload = preset(workload_name)
        .or_else(|| workloads.iter().find(|w| &w.name == workload_name).cloned())
        .ok_or_else(|| {
            v.error(
                i.workload.span(),
                msg!(
                    "unknown_name",
                    "instance `{name}`: unknown workload `{got}`; expected a preset ({presets}) or a [[workload]] name{custom}",
                    "인스턴스 `{name}`: 알 수 없는 워크로드 `{got}`입니다. 프리셋({presets}) 또는 [[workload]] 이름{custom}을(를) 쓰세요",
                    name = name,
                    got = workload_name,
                    presets = names(PRESET_NAMES.iter().chain(crate::desktop::DESKTOP_PRESETS.iter())),
                    custom = if workloads.is_empty() { String::new() } else { format!(" ({})", names(workloads.iter().map(|w| w.name.as_str()))) }
                ),
            )
        })?;
    for p in checked() {
        if p.stack.kind == PlatformKind::Vdi
            && !crate::desktop::DESKTOP_PRESETS.contains(&workload.name.as_str())
        {
            return Err(v.error(
                i.workload.span(),
                vdi_needs_desktop_workload(&name, &p.name, &workload.name),
            ));
        }
    }
    let pin = match &i.pin {
        None => None,
        Some(pin) => {
            let list = pin.get_ref();
            if list.len() != vcpus as usize {
                return Err(v.error(pin.span(), pin_count(&name, list.len(), vcpus)));
            }
            if let Some(host) = host {
                // At the pCPU out of range, as the reader puts a negative one.
                if let Some(bad) = list.iter().find(|c| *c.get_ref() >= host.cores) {
                    return Err(v.error(
                        bad.span(),
                        pin_out_of_range(&name, *bad.get_ref(), host.cores),
                    ));
                }
            }
            Some(list.iter().map(|c| *c.get_ref()).collect())
        }
    };
    let weight = *i.weight.get_ref();
    if weight == 0 || weight > 65535 {
        return Err(v.error(
            i.weight.span(),
            msg!(
                "out_of_range",
                INSTANCE_RANGE_EN,
                INSTANCE_RANGE_KO,
                name = name,
                field = "weight",
                min = 1,
                max = 65535,
                got = weight
            ),
        ));
    }
    let cap_percent = *i.cap_percent.get_ref();
    if cap_percent > 100 {
        return Err(v.error(i.cap_percent.span(), cap_percent_msg(&name, cap_percent)));
    }
    Ok(InstanceSpec {
        name: name.clone(),
        platforms: platform_indices,
        count,
        vcpus,
        threads,
        memory_mib: libm::round(memory_gib * 1024.0).max(1.0) as u64,
        guest_os,
        workload,
        pin,
        weight,
        cap_percent,
        working_set_mib: match &i.working_set_mib {
            None => 128,
            Some(w) => {
                let value = *w.get_ref();
                if value == 0 || value > 16 << 20 {
                    return Err(v.error(
                        w.span(),
                        msg!(
                            "out_of_range",
                            INSTANCE_RANGE_EN,
                            INSTANCE_RANGE_KO,
                            name = name,
                            field = "working_set_mib",
                            min = 1,
                            max = 16u64 << 20,
                            got = value
                        ),
                    ));
                }
                value
            }
        },
    })
}

fn os_name(os: GuestOs) -> &'static str {
    match os {
        GuestOs::Linux => "Linux",
        GuestOs::Freebsd => "FreeBSD",
        GuestOs::Windows => "Windows",
    }
}

pub(super) fn guest_not_paravirtualizable(name: &str, os: GuestOs, platform: &str) -> Msg {
    msg!(
            "guest_not_paravirtualizable",
            "instance `{name}`: {os} cannot run on platform `{platform}` (technique = \"para\"): paravirtualization needs a guest kernel ported to the hypervisor's interface, and no such port of the {os} kernel is available: its source is closed, so only Microsoft could make one (Xen's authors ported Windows XP as a research project around 2003, never released; the course overview's \"modified OS needed → limited compatibility\"). Use technique = \"hybrid\" (PV drivers on a hardware-assisted CPU) or \"hardware_assist\"",
            "인스턴스 `{name}`: {os}는 플랫폼 `{platform}`(technique = \"para\")에서 실행할 수 없습니다: 반가상화에는 하이퍼바이저의 인터페이스에 맞게 포팅한 게스트 커널이 필요한데, {os} 커널은 그런 포팅판이 없습니다: 소스가 닫혀 있어 Microsoft만 만들 수 있습니다 (Xen 개발진이 2003년 무렵 연구용으로 Windows XP를 포팅했지만 공개되지 않았습니다. 개요 문서의 OS 수정 필요 → 호환성 제한). technique = \"hybrid\"(하드웨어 지원 CPU 위의 PV 드라이버)나 \"hardware_assist\"를 쓰세요",
            name = name,
            os = os_name(os),
            platform = platform
        )
}

/// A guest OS a platform of this kind cannot run: a Windows userland in a container (a
/// container shares the host's kernel, and this host's containers are Linux's: namespaces,
/// cgroups, seccomp) or a Windows guest in a microVM (Firecracker has no firmware and boots
/// a Linux kernel, or FreeBSD's since 14.0, directly; Windows needs UEFI or BIOS).
pub(super) fn guest_os_unsupported(
    name: &str,
    os: GuestOs,
    platform: &str,
    stack: &crate::platform::Stack,
) -> Option<Msg> {
    if os != GuestOs::Windows {
        return None;
    }
    if stack.kind == crate::platform::PlatformKind::Container {
        return Some(msg!(
            "guest_os_unsupported",
            "instance `{name}`: Windows cannot run in a container on platform `{platform}`: a container shares the host's kernel, and this host's containers are Linux's (namespaces, cgroups, seccomp); a Windows container needs a Windows host kernel (the course overview: containers share one host OS kernel). Run it in a VM (kind = \"type1\" or \"type2\"), or give the container guest_os = \"linux\"",
            "인스턴스 `{name}`: Windows는 플랫폼 `{platform}`의 컨테이너에서 실행할 수 없습니다: 컨테이너는 호스트의 커널을 함께 쓰는데, 이 호스트의 컨테이너는 리눅스의 것(네임스페이스, cgroup, seccomp)입니다. Windows 컨테이너에는 Windows 호스트 커널이 필요합니다(개요 문서: 컨테이너는 호스트 OS 커널 하나를 공유). VM(kind = \"type1\"이나 \"type2\")에서 실행하거나 컨테이너에 guest_os = \"linux\"를 쓰세요",
            name = name,
            platform = platform
        ));
    }
    if stack.microvm {
        return Some(msg!(
            "guest_os_unsupported",
            "instance `{name}`: Windows cannot boot on platform `{platform}` (microvm = true): a microVM monitor such as Firecracker has no firmware and loads a Linux kernel (or FreeBSD's, since 14.0) directly, where Windows needs UEFI or BIOS. Use a full VM (leave microvm out) or guest_os = \"linux\"",
            "인스턴스 `{name}`: Windows는 플랫폼 `{platform}`(microvm = true)에서 부팅할 수 없습니다: Firecracker 같은 microVM 모니터는 펌웨어 없이 리눅스 커널(FreeBSD 14.0부터는 FreeBSD 커널도)을 직접 올리는데, Windows에는 UEFI나 BIOS가 필요합니다. 일반 VM(microvm을 빼기)을 쓰거나 guest_os = \"linux\"를 쓰세요",
            name = name,
            platform = platform
        ));
    }
    None
}

pub(super) fn vdi_needs_desktop_workload(name: &str, platform: &str, got: &str) -> Msg {
    msg!(
            "vdi_needs_desktop_workload",
            "instance `{name}` runs on VDI platform `{platform}`: its workload must be a desktop activity, one of {expected}; got `{got}`",
            "인스턴스 `{name}`은(는) VDI 플랫폼 `{platform}`에서 실행됩니다: 워크로드는 데스크톱 활동({expected}) 중 하나여야 합니다. 입력: `{got}`",
            name = name,
            platform = platform,
            expected = names(crate::desktop::DESKTOP_PRESETS),
            got = got
        )
}

pub(super) fn pin_count(name: &str, got: usize, vcpus: u32) -> Msg {
    msg!(
            "pin_count",
            "instance `{name}`: pin lists {got} {pcpus} but the instance has {vcpus} {vcpus_word}; give one pCPU per vCPU",
            "인스턴스 `{name}`: pin에 pCPU가 {got}개이지만 vCPU는 {vcpus}개입니다. vCPU마다 pCPU 하나를 주세요",
            name = name,
            got = got,
            pcpus = if got == 1 { "pCPU" } else { "pCPUs" },
            vcpus = vcpus,
            vcpus_word = if vcpus == 1 { "vCPU" } else { "vCPUs" }
        )
}

pub(super) fn pin_out_of_range(name: &str, got: u32, cores: u32) -> Msg {
    msg!(
            "pin_out_of_range",
            "instance `{name}`: pin names pCPU {got} but the host has pCPUs 0 to {max}",
            "인스턴스 `{name}`: pin이 pCPU {got}을(를) 가리키지만 호스트의 pCPU는 0부터 {max}까지입니다",
            name = name,
            got = got,
            max = cores - 1
        )
}

pub(super) fn memory_gib_msg(name: &str, got: impl std::fmt::Display) -> Msg {
    msg!(
            "out_of_range",
            "instance `{name}`: memory_gib must be at least 0.0009765625 (1 MiB) and at most 65,536; got {got}",
            "인스턴스 `{name}`: memory_gib는 0.0009765625(1 MiB) 이상 65,536 이하여야 합니다. 입력값: {got}",
            name = name,
            field = "memory_gib",
            min = 1.0 / 1024.0,
            max = 65536,
            got = got
        )
}

pub(super) fn cap_percent_msg(name: &str, got: u32) -> Msg {
    msg!(
            "out_of_range",
            "instance `{name}`: cap_percent is per vCPU, between 0 (no cap) and 100; got {got}",
            "인스턴스 `{name}`: cap_percent는 vCPU당 값으로 0(제한 없음)에서 100 사이입니다. 입력값: {got}",
            name = name,
            field = "cap_percent",
            min = 0,
            max = 100,
            got = got
        )
}

/// Warnings about the instance groups ([`crate::Scenario::warnings`]): a VM with more
/// vCPUs than the host has cores (code `vcpus_over_cores`, at its vcpus). It runs (its
/// vCPUs take turns on the cores, as under KVM or Xen), but it is more often a slip than
/// the point: ESXi does not power on a VM with more vCPUs than the host's logical CPUs.
pub(crate) fn warnings(s: &crate::Scenario) -> Vec<ScenarioError> {
    let v = Validator::unparsed(&s.file_name, &s.source);
    let mut out = Vec::new();
    for (i, raw) in s.instances.iter().zip(&s.raw.instances) {
        let on_vms = i
            .platforms
            .iter()
            .filter_map(|&p| s.platforms.get(p))
            .any(|p| p.stack.kind.is_hypervisor());
        if !on_vms || i.vcpus <= s.host.cores {
            continue;
        }
        let at = if raw.vcpus.span().is_empty() {
            raw.name.span()
        } else {
            raw.vcpus.span()
        };
        out.push(v.error(
            at,
            msg!(
                "vcpus_over_cores",
                "instance `{name}`: {vcpus} vCPUs per VM on a host with {cores_en}: a VM's own vCPUs outnumber the cores, so they take turns on them (KVM and Xen run such a VM; ESXi does not power it on). Unless that is the point, give it vcpus = {cores} or fewer",
                "인스턴스 `{name}`: 코어가 {cores}개인 호스트에서 VM마다 vCPU가 {vcpus}개입니다: VM 자신의 vCPU가 코어보다 많아 코어를 번갈아 씁니다(KVM과 Xen은 이런 VM을 실행하고, ESXi는 켜지 않습니다). 의도한 것이 아니라면 vcpus = {cores} 이하로 하세요",
                name = i.name,
                vcpus = i.vcpus,
                cores = s.host.cores,
                cores_en = if s.host.cores == 1 {
                    "1 core".to_string()
                } else {
                    format!("{} cores", s.host.cores)
                },
            ),
        ));
    }
    out
}
