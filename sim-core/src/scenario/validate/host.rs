//! Validation of the `[host]` table: cores, clock, memory, disk, NIC and CPU features.

use toml::Spanned;

use super::{range, RANGE_EN, RANGE_KO};
use crate::hardware::CpuGeneration;
use crate::scenario::error::{msg, Msg};
use crate::scenario::format::HostSection;
use crate::scenario::limits::{
    MAX_CORES, MAX_DISK_BANDWIDTH_MB_S, MAX_DISK_IOPS, MAX_LATENCY_US, MAX_NIC_BANDWIDTH_GBIT_S,
};
use crate::scenario::{Host, ScenarioError, Validator};

/// The host: cores, clock, memory, disk and NIC in range, and CPU features that the
/// generation has (a feature can be turned off, never on where the generation lacks it).
pub(super) fn validate_host(v: &Validator<'_>, h: &HostSection) -> Result<Host, ScenarioError> {
    let cores = *h.cores.get_ref();
    if cores == 0 || cores > MAX_CORES {
        return Err(v.error(
            h.cores.span(),
            msg!(
                "out_of_range",
                RANGE_EN,
                RANGE_KO,
                field = "host.cores",
                min = 1,
                max = MAX_CORES,
                got = cores
            ),
        ));
    }
    let ghz = *h.clock_ghz.get_ref();
    // A figure in MHz (the page's slider and most spec sheets give the clock in MHz).
    if (0.1..=10.0).contains(&(ghz / 1000.0)) {
        return Err(v.error(
            h.clock_ghz.span(),
            msg!(
                "out_of_range",
                "host.clock_ghz is in GHz and must be between 0.1 and 10; got {got}: for {got} MHz write clock_ghz = {ghz}",
                "host.clock_ghz는 GHz 단위이며 0.1에서 10 사이여야 합니다. 입력값: {got}. {got} MHz라면 clock_ghz = {ghz}로 쓰세요",
                got = ghz,
                ghz = ghz / 1000.0
            ),
        ));
    }
    if !(0.1..=10.0).contains(&ghz) {
        return Err(v.error(
            h.clock_ghz.span(),
            msg!(
                "out_of_range",
                RANGE_EN,
                RANGE_KO,
                field = "host.clock_ghz",
                min = 0.1,
                max = 10,
                got = ghz
            ),
        ));
    }
    let memory_gib = *h.memory_gib.get_ref();
    // A figure in MiB beyond the range (131072 for 128 GiB): the unit first, as for the clock.
    if memory_gib > 65536.0 && (0.125..=65536.0).contains(&(memory_gib / 1024.0)) {
        return Err(v.error(
            h.memory_gib.span(),
            msg!(
                "out_of_range",
                "host.memory_gib is in GiB and must be between 0.125 and 65,536 (64 TiB); got {got}: for {got} MiB write memory_gib = {gib}",
                "host.memory_gib는 GiB 단위이며 0.125에서 65,536(64 TiB) 사이여야 합니다. 입력값: {got}. {got} MiB라면 memory_gib = {gib}(으)로 쓰세요",
                got = memory_gib,
                gib = short_number(memory_gib / 1024.0)
            ),
        ));
    }
    if !(0.125..=65536.0).contains(&memory_gib) {
        return Err(v.error(
            h.memory_gib.span(),
            msg!(
                "out_of_range",
                RANGE_EN,
                RANGE_KO,
                field = "host.memory_gib",
                min = 0.125,
                max = 65536,
                got = memory_gib
            ),
        ));
    }
    let disk_latency_us = range(
        v,
        &h.disk.latency_us,
        "host.disk.latency_us",
        0,
        MAX_LATENCY_US,
    )?;
    let disk_iops = range(v, &h.disk.iops, "host.disk.iops", 1, MAX_DISK_IOPS)?;
    let disk_bandwidth_mb_s = range(
        v,
        &h.disk.bandwidth_mb_s,
        "host.disk.bandwidth_mb_s",
        1,
        MAX_DISK_BANDWIDTH_MB_S,
    )?;
    let nic_latency_us = range(
        v,
        &h.nic.latency_us,
        "host.nic.latency_us",
        0,
        MAX_LATENCY_US,
    )?;
    let nic_bandwidth_gbit_s = range(
        v,
        &h.nic.bandwidth_gbit_s,
        "host.nic.bandwidth_gbit_s",
        1,
        MAX_NIC_BANDWIDTH_GBIT_S,
    )?;
    let has = h.cpu.features();
    let feature = |value: &Option<Spanned<bool>>,
                   has: bool,
                   field: &str,
                   what: (&str, &str),
                   pick: fn(crate::hardware::CpuFeatures) -> bool| {
        match value {
            Some(x) if *x.get_ref() && !has => {
                Err(v.error(x.span(), lacks_feature(h.cpu, field, what, pick)))
            }
            Some(x) => Ok(*x.get_ref()),
            None => Ok(has),
        }
    };
    let features = crate::hardware::CpuFeatures {
        vtx: feature(&h.vtx, has.vtx, "vtx", ("VT-x", "VT-x"), |f| f.vtx)?,
        ept: feature(&h.ept, has.ept, "ept", ("EPT", "EPT"), |f| f.ept)?,
        vpid: feature(&h.vpid, has.vpid, "vpid", ("VPID", "VPID"), |f| f.vpid)?,
        unrestricted_guest: feature(
            &h.unrestricted_guest,
            has.unrestricted_guest,
            "unrestricted_guest",
            ("unrestricted guest", "unrestricted guest"),
            |f| f.unrestricted_guest,
        )?,
        tpr_shadow: feature(
            &h.tpr_shadow,
            has.tpr_shadow,
            "tpr_shadow",
            ("TPR shadow", "TPR shadow"),
            |f| f.tpr_shadow,
        )?,
        tsc_offsetting: feature(
            &h.tsc_offsetting,
            has.tsc_offsetting,
            "tsc_offsetting",
            ("TSC offsetting", "TSC offsetting"),
            |f| f.tsc_offsetting,
        )?,
        apicv: feature(
            &h.apicv,
            has.apicv,
            "apicv",
            ("APIC virtualization", "APIC 가상화"),
            |f| f.apicv,
        )?,
        posted_interrupts: feature(
            &h.posted_interrupts,
            has.posted_interrupts,
            "posted_interrupts",
            ("VT-d posted interrupts", "VT-d 포스티드 인터럽트"),
            |f| f.posted_interrupts,
        )?,
        ple: feature(
            &h.ple,
            has.ple,
            "ple",
            ("pause-loop exiting", "PAUSE 루프 exit(PLE)"),
            |f| f.ple,
        )?,
        vmcs_shadowing: feature(
            &h.vmcs_shadowing,
            has.vmcs_shadowing,
            "vmcs_shadowing",
            ("VMCS shadowing", "VMCS 섀도잉"),
            |f| f.vmcs_shadowing,
        )?,
        pml: feature(
            &h.pml,
            has.pml,
            "pml",
            ("page-modification logging", "페이지 수정 로깅(PML)"),
            |f| f.pml,
        )?,
    };
    let shared_cache_mib = match &h.shared_cache_mib {
        Some(x) => range(v, x, "host.shared_cache_mib", 1, 1024)?,
        None => 8,
    };
    Ok(Host {
        cores,
        clock_mhz: libm::round(ghz * 1000.0) as u64,
        memory_mib: libm::round(memory_gib * 1024.0) as u64,
        cpu: h.cpu,
        features,
        large_pages: h.large_pages,
        shared_cache_mib,
        disk_latency_us,
        disk_iops,
        disk_bandwidth_mb_s,
        nic_latency_us,
        nic_bandwidth_gbit_s,
    })
}

/// Turning on CPU feature `field` (`what`: its name in English and Korean; `pick`: it in
/// [`crate::hardware::CpuFeatures`]) that `cpu` does not have.
pub(super) fn lacks_feature(
    cpu: CpuGeneration,
    field: &str,
    what: (&str, &str),
    pick: fn(crate::hardware::CpuFeatures) -> bool,
) -> Msg {
    let first = CpuGeneration::first_with(pick).map_or("-", CpuGeneration::name);
    msg!(
        "cpu_lacks_feature",
        "host.{field}: {cpu} has no {what}; it can only be turned off ({first} and later have it)",
        "host.{field}: {cpu}에는 {what_ko} 기능이 없습니다. 끌 수만 있습니다 ({first} 이후에는 있습니다)",
        field = field,
        cpu = cpu.name(),
        what = what.0,
        what_ko = what.1,
        first = first
    )
}

/// Host memory above this many GiB is warned about (`host_memory_unusual`): 4 TiB, twice the
/// top of what a typical server has (64 GiB to 2 TiB), and the least figure a host of more
/// than 4 GiB written in MiB by mistake (`memory_gib = 32768` for 32 GiB) reaches.
pub(super) const UNUSUAL_HOST_MEMORY_GIB: f64 = 4096.0;

/// [`crate::Scenario::warnings`] of the `[host]` table: a memory_gib above
/// [`UNUSUAL_HOST_MEMORY_GIB`] (valid up to 65536, but more often a figure in MiB than the
/// point), at its value, with the figure in TiB and the memory_gib it is in MiB.
pub(crate) fn warnings(s: &crate::Scenario) -> Vec<ScenarioError> {
    unit_warnings(&s.file_name, &s.source, &s.raw.host)
}

/// [`warnings`] from the `[host]` table as read, valid or not (`Scenario::unit_warnings`:
/// beside a file's errors); a memory_gib out of its range is an error, not warned about.
pub(crate) fn unit_warnings(file: &str, source: &str, host: &HostSection) -> Vec<ScenarioError> {
    let raw = &host.memory_gib;
    let got = *raw.get_ref();
    if got <= UNUSUAL_HOST_MEMORY_GIB || got > 65536.0 || raw.span().is_empty() {
        return Vec::new();
    }
    let v = Validator::unparsed(file, source);
    vec![v.error(
        raw.span(),
        msg!(
            "host_memory_unusual",
            "host.memory_gib = {got} is {tib} TiB (memory_gib is in GiB), unusually large for a server: a typical one has 64 GiB to 2 TiB (memory_gib = 64 to 2048). If you meant {got} MiB, write memory_gib = {gib}",
            "host.memory_gib = {got}은(는) {tib} TiB입니다(memory_gib는 GiB 단위). 서버로서는 드물게 큰 값입니다: 보통 서버의 메모리는 64 GiB에서 2 TiB(memory_gib = 64에서 2048)입니다. {got} MiB를 뜻했다면 memory_gib = {gib}(으)로 쓰세요",
            got = got,
            tib = short_number(got / 1024.0),
            gib = short_number(got / 1024.0)
        ),
    )]
}

/// A number with at most three decimals, without trailing zeros (32, 4.883, 0.125).
fn short_number(x: f64) -> String {
    let text = format!("{x:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}
