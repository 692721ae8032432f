//! Guesses at what a misspelled name meant (an edit distance over the names the file
//! format allows) and at a value written in another unit than its key's.

/// The one name in `expected` (serde's "`a`, `b`, `c`") that `given` most likely means
/// ([`guess`]).
pub(super) fn spelled_otherwise(given: &str, expected: &str) -> Option<String> {
    let names: Vec<&str> = listed(expected).collect();
    guess(given, &names).map(str::to_string)
}

/// The names in a list as messages write it (serde's "`a`, `b` or `c`").
pub(super) fn listed(expected: &str) -> impl Iterator<Item = &str> {
    expected.split('`').skip(1).step_by(2)
}

/// The one name in `names` that `given` most likely means, for a "did you mean" guess: the
/// guess every place that lists valid names or values makes (keys, values, table names,
/// platforms, instances, workloads, question ids, library scenarios).
///
/// Names are compared without case and separators (`type-2` is `type2`, `Memory-GiB` is
/// `memory_gib`); another word for a name counts as that name (`SYNONYMS`: `kr` is `ko`);
/// a name is also compared with its first or last `_`-separated parts alone (`cores` for
/// `host_cores`, `hypercal` for `pv_hypercall`, `mean_latency` for `mean_latency_us`),
/// for a `given` of at least `SHORTENED_MIN_CHARS` letters. The guess is the name at the
/// smallest edit distance (letters left out, added, changed, or two neighbours swapped:
/// `strsim::osa_distance`) if no other name is as close and the distance is at most
/// `allowed_edits` of `given`'s length (none under 4 letters: `ms` is too short to
/// guess from). A name under 4 letters gets one guess besides: the one name that is it
/// and a unit (`rtt` for `rtt_ms`, `cap` for `cap_percent`: its unit left off). A name in
/// another unit is never guessed: `duration_s` is not `duration_ms` (taking the guess
/// would make 2 s into 2 ms). Nor is `given` itself. Before all that, a name with a part
/// that is a common abbreviation (`ABBREVIATIONS`: `thruput`, `tput`, `lat`, `mem`, `avg`,
/// `pct`...) is guessed as the name written out (`p99_lat`: `p99_latency_us`), and as
/// written if that gives none.
pub fn guess<'n>(given: &str, names: &[&'n str]) -> Option<&'n str> {
    if names.contains(&given) || too_long_to_guess(given) {
        return None;
    }
    // Common abbreviations written out (`thruput`, `mem_gib`, `p99_lat`), then guessed
    // as such: the name itself, else the guess of the written-out name.
    if let Some(long) = expanded(given) {
        if names.contains(&long.as_str()) {
            return names.iter().copied().find(|name| *name == long);
        }
        if let Some(name) = guess_as_written(&long, names) {
            return Some(name);
        }
    }
    guess_as_written(given, names)
}

/// [`guess`], else, for ids that an author names freely and shortens as they like (a
/// scenario's question ids, which `scenario_questions` lists), the one name that `given`
/// extends or cuts short, without case and separators: `pv-hyper` for `pv-hyp`, `worst`
/// for `worst-disk`; the shorter of the two at least `SHORTENED_MIN_CHARS` letters.
pub fn guess_id<'n>(given: &str, names: &[&'n str]) -> Option<&'n str> {
    if let Some(name) = guess(given, names) {
        return Some(name);
    }
    if names.contains(&given) || too_long_to_guess(given) {
        return None;
    }
    let want = plain(given);
    let mut related = names.iter().copied().filter(|name| {
        let name = plain(name);
        let (short, long) = if name.len() < want.len() {
            (&name, &want)
        } else {
            (&want, &name)
        };
        short.chars().count() >= SHORTENED_MIN_CHARS && long.starts_with(short.as_str())
    });
    match (related.next(), related.next()) {
        (Some(name), None) => Some(name),
        _ => None,
    }
}

/// `given` with each of its `_`- or `-`-separated parts that is one of [`ABBREVIATIONS`]
/// written out (`mem_gib`: `memory_gib`; `tput`: `throughput`), or `None` without one.
fn expanded(given: &str) -> Option<String> {
    let mut out = String::with_capacity(given.len() + 8);
    let mut changed = false;
    for (i, part) in given.split(['_', '-']).enumerate() {
        if i > 0 {
            out.push('_');
        }
        let lower = part.to_ascii_lowercase();
        match ABBREVIATIONS.iter().find(|(short, _)| *short == lower) {
            Some((_, long)) => {
                out.push_str(long);
                changed = true;
            }
            None => out.push_str(part),
        }
    }
    changed.then_some(out)
}

/// Abbreviations of the words the format's names are made of, and the words
/// ([`guess`]): a part of a name written as one is read as the word (`mean_lat_us` is
/// `mean_latency_us`, `steal_pct` is `steal_percent`, `mem` is `memory`, so `memory_gib` as
/// a key), then guessed as usual: `lat` alone is as near `mean_latency_us` as
/// `p99_latency_us`, so no guess. Units are not here: a name in another unit is never guessed.
pub(super) const ABBREVIATIONS: &[(&str, &str)] = &[
    ("thruput", "throughput"),
    ("tput", "throughput"),
    ("lat", "latency"),
    ("mem", "memory"),
    ("avg", "mean"),
    ("perf", "performance"),
    ("rel", "relative"),
    ("pct", "percent"),
    ("cnt", "count"),
];

/// [`guess`] of `given` as written (no abbreviation written out).
fn guess_as_written<'n>(given: &str, names: &[&'n str]) -> Option<&'n str> {
    let want = plain(given);
    let letters = want.chars().count();
    if letters == 0 || names.contains(&given) {
        return None;
    }
    for (other, ours) in SYNONYMS {
        if want == *other {
            if let Some(name) = names.iter().find(|name| **name == *ours) {
                return Some(name);
            }
        }
    }
    if (2..SHORTENED_MIN_CHARS).contains(&letters) {
        // A short name whose plural is the one valid name (`vm`: `vms`, a platform): too
        // short for the edits a longer name allows, but no other name is as near. Only
        // the plural: `kin` is not guessed as `kind`, nor `pi` as `pin`.
        let mut longer = names
            .iter()
            .filter(|name| plain(name) == format!("{want}s"));
        if let (Some(name), None) = (longer.next(), longer.next()) {
            return Some(name);
        }
    }
    if letters < SHORTENED_MIN_CHARS && !names.iter().any(|name| plain(name) == want) {
        let mut with_unit = names.iter().filter(|name| {
            name.rsplit_once(['_', '-']).is_some_and(|(stem, unit)| {
                plain(stem) == want
                    && (unit_of(name).is_some() || unit.eq_ignore_ascii_case("percent"))
            })
        });
        if let (Some(name), None) = (with_unit.next(), with_unit.next()) {
            return Some(name);
        }
    }
    let unit = unit_of(given);
    let scored: Vec<(usize, &'n str)> = names
        .iter()
        .filter(|name| unit.is_none() || unit_of(name).is_none_or(|u| Some(u) == unit))
        .filter(|name| stems_alike(given, name))
        .map(|&name| (distance(&want, letters, name), name))
        .collect();
    let least = scored.iter().map(|&(d, _)| d).min()?;
    if least > allowed_edits(letters) {
        return None;
    }
    // As close, the one name that is that close as a whole, not by a part of it alone
    // (`emulatd`: `emulated`, not `emulated-dom0`, whose first part is as close).
    let mut whole = scored
        .iter()
        .filter(|&&(d, name)| d == least && strsim::osa_distance(&want, &plain(name)) == least);
    if let (Some(&(_, name)), None, true) = (
        whole.next(),
        whole.next(),
        scored.iter().filter(|&&(d, _)| d == least).count() > 1,
    ) {
        return Some(name);
    }
    // Else the one that shares a longer start by two letters or more (`hosts`: `host`,
    // not `costs`); else no guess (`type`: `type1` or `type2`). The two longest starts by
    // a look at each (a sort would compile one more sort into the page).
    let mut best: Option<(usize, &'n str)> = None;
    let mut runner_up: Option<usize> = None;
    for &(_, name) in scored.iter().filter(|&&(d, _)| d == least) {
        let start = common_start(&want, &plain(name));
        match best {
            Some((b, _)) if start <= b => runner_up = runner_up.max(Some(start)),
            _ => {
                runner_up = best.map(|(b, _)| b).max(runner_up);
                best = Some((start, name));
            }
        }
    }
    let (first, name) = best?;
    match runner_up {
        None => Some(name),
        Some(second) if first >= second + 2 => Some(name),
        _ => None,
    }
}

/// Whether `given` may be guessed as `name` when both end in the same `_`-separated last
/// part (a unit or `percent`): then what comes before it must be alike on its own, within
/// the edits a name of its length allows (at least one), as a whole or by its first or last
/// parts ([`distance`]). A shared ending alone is no likeness: `loss_percent` is not
/// `host_os_percent`, though 2 edits from its `os_percent`; `stel_percent` is
/// `steal_percent`, `host_percent` `host_os_percent`. True for names without a shared ending.
fn stems_alike(given: &str, name: &str) -> bool {
    let (Some((given_stem, given_end)), Some((name_stem, name_end))) =
        (given.rsplit_once(['_', '-']), name.rsplit_once(['_', '-']))
    else {
        return true;
    };
    if !given_end.eq_ignore_ascii_case(name_end) || plain(given_stem).is_empty() {
        return true;
    }
    let stem = plain(given_stem);
    let letters = stem.chars().count();
    distance(&stem, letters, name_stem) <= allowed_edits(letters).max(1)
}

/// How many letters `a` and `b` begin with alike.
pub(super) fn common_start(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// The names of `names` nearest to `given` (at most `count`, within one edit more than
/// [`guess`] allows), nearest first: for a list too long to print whole (`[costs]`).
pub(crate) fn nearest<'n>(given: &str, names: &[&'n str], count: usize) -> Vec<&'n str> {
    if too_long_to_guess(given) {
        return Vec::new();
    }
    let want = plain(given);
    let letters = want.chars().count();
    let mut near: Vec<(usize, &'n str)> = names
        .iter()
        .map(|&name| (distance(&want, letters, name), name))
        .filter(|&(d, _)| d <= allowed_edits(letters) + 1)
        .collect();
    // The `count` nearest, the list's order among equals, by repeated picks (`count` is a
    // few; a sort would compile one more sort into the page).
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let Some(i) = (0..near.len()).min_by_key(|&i| near[i].0) else {
            break;
        };
        out.push(near.remove(i).1);
    }
    out
}

/// How many edits a guess may be from a name of `letters` letters (separators aside):
/// none under 4, one up to 7, two up to 11, three beyond.
pub(super) fn allowed_edits(letters: usize) -> usize {
    match letters {
        0..=3 => 0,
        4..=7 => 1,
        8..=11 => 2,
        _ => 3,
    }
}

/// A name without case or separators.
pub(super) fn plain(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The edit distance of `want` (plain, `letters` long) to `name`, or to its first or last
/// `_`-separated parts (`cores` of host_cores, `hypercall` of pv_hypercall, `mean_latency`
/// of mean_latency_us, `boot_firmware` of boot_firmware_port_io), whichever is least
/// ([`guess`]).
pub(super) fn distance(want: &str, letters: usize, name: &str) -> usize {
    let mut least = strsim::osa_distance(want, &plain(name));
    if letters < SHORTENED_MIN_CHARS {
        return least;
    }
    let parts: Vec<&str> = name.split(['_', '-']).filter(|p| !p.is_empty()).collect();
    // The parts from its start or to its end: not a run from the middle, which would make
    // `hypercal` as near `pv_hypercall_handler` as `pv_hypercall`.
    for cut in 1..parts.len() {
        for run in [&parts[..cut], &parts[cut..]] {
            least = least.min(strsim::osa_distance(want, &run.concat().to_lowercase()));
        }
    }
    least
}

/// Names shorter than this get no guess of a longer name they are part of (`ms`, `id`:
/// too many).
pub(super) const SHORTENED_MIN_CHARS: usize = 4;

/// Another word for one of the format's names, and that name ([`guess`]), offered only
/// where that name is valid: `kr` is Korea's country code, `ko` the language's; `virtio`
/// (`virtio-net`, `virtio-blk`) is the paravirtual devices' family, `pv` short for
/// paravirtual (an I/O model) or para (a technique), as is `paravirt` (Linux's
/// `CONFIG_PARAVIRT`, `paravirt_ops`); `emulation` is the emulated I/O
/// model; `hosted` is a type-2 hypervisor; `cpus` is the host's `cores` (one letter from
/// `cpu`, the CPU generation). `baremetal` (`bare-metal`, `bare_metal`, separators aside)
/// and `physical` are what the format calls `native`: a platform without a hypervisor.
/// `vhost` is a back end in a host kernel thread per device; `exits_per_sec` (and
/// `vm_exits_per_sec`) the metric `exits_per_second`; `net_recv` (`recv`, the socket call)
/// the op `net_receive`; `message_size` (`msg_size`) the key `message_bytes`; SR-IOV and
/// VFIO (a VF, a device given to the guest) the `passthrough` I/O model. The products the course overview names are their kind (ESXi,
/// Hyper-V, Xen, and KVM: `type1`; VirtualBox, VMware Workstation, Parallels: `type2`;
/// Docker, LXC, Podman: `container`), as are the overview's Korean words for the kinds and
/// techniques (`반가상화` is `para`, `컨테이너` `container`...); VT-x, AMD-V and HVM are
/// hardware assist, BT binary translation. A question's `select` of `min` or `max` (and
/// `minimum`, `smallest`...) is `lowest` or `highest`, its `kind` `number` `numeric`.
pub(super) const SYNONYMS: &[(&str, &str)] = &[
    ("esxi", "type1"),
    ("hyperv", "type1"),
    ("xen", "type1"),
    ("kvm", "type1"),
    ("virtualbox", "type2"),
    ("vmwareworkstation", "type2"),
    ("workstation", "type2"),
    ("parallels", "type2"),
    ("parallelsdesktop", "type2"),
    ("docker", "container"),
    ("lxc", "container"),
    ("podman", "container"),
    ("oslevel", "container"),
    ("컨테이너", "container"),
    ("네이티브", "native"),
    ("데스크톱가상화", "vdi"),
    ("반가상화", "para"),
    ("하이브리드", "hybrid"),
    ("하드웨어지원", "hardware_assist"),
    ("바이너리변환", "binary_translation"),
    ("이진변환", "binary_translation"),
    ("vtx", "hardware_assist"),
    ("amdv", "hardware_assist"),
    ("hvm", "hardware_assist"),
    ("bt", "binary_translation"),
    ("kr", "ko"),
    ("virtio", "paravirtual"),
    ("virtionet", "paravirtual"),
    ("virtioblk", "paravirtual"),
    ("pv", "paravirtual"),
    ("pv", "para"),
    ("paravirt", "paravirtual"),
    ("paravirt", "para"),
    ("paravirtualized", "paravirtual"),
    ("paravirtualization", "para"),
    ("emulation", "emulated"),
    ("hosted", "type2"),
    ("cpus", "cores"),
    ("baremetal", "native"),
    ("physical", "native"),
    ("vhost", "device_thread"),
    ("exitspersec", "exits_per_second"),
    ("vmexitspersec", "exits_per_second"),
    ("vmexitspersecond", "exits_per_second"),
    ("netrecv", "net_receive"),
    ("recv", "net_receive"),
    ("messagesize", "message_bytes"),
    ("msgsize", "message_bytes"),
    ("sriov", "passthrough"),
    // A fault of the host's operating system, said otherwise (`server_failure` is the machine).
    ("hostosfailure", "host_os_crash"),
    ("hostospanic", "host_os_crash"),
    ("hostcrash", "host_os_crash"),
    ("oscrash", "host_os_crash"),
    ("osfailure", "host_os_crash"),
    ("호스트os장애", "host_os_crash"),
    ("vfio", "passthrough"),
    // A network throughput, said otherwise: the metric in Gbit/s.
    // A question's `select` and `kind` in other words.
    ("min", "lowest"),
    ("minimum", "lowest"),
    ("smallest", "lowest"),
    ("max", "highest"),
    ("maximum", "highest"),
    ("largest", "highest"),
    ("number", "numeric"),
    ("num", "numeric"),
    ("gbits", "network_gbit_s"),
    ("gbps", "network_gbit_s"),
    ("gbitps", "network_gbit_s"),
    ("bandwidth", "network_gbit_s"),
    ("netbandwidth", "network_gbit_s"),
    ("networkbandwidth", "network_gbit_s"),
    ("nicbandwidth", "network_gbit_s"),
    ("netthroughput", "network_gbit_s"),
    ("networkthroughput", "network_gbit_s"),
    ("nicthroughput", "network_gbit_s"),
    ("throughputgbits", "network_gbit_s"),
    ("bandwidthgbits", "network_gbit_s"),
    ("netgbits", "network_gbit_s"),
    ("networkgbps", "network_gbit_s"),
];

/// A key or value in another unit than the format's (`duration_s`, `memory_mib`,
/// `mean_latency_ms`): the name meant, which [`guess`] never offers (2 s is not 2 ms), with
/// its unit in words, in English and Korean. With the number the writer gave
/// (`duration_s = 5`), the example is that number in the unit meant ("5 s is duration_ms =
/// 5000"); otherwise the unit keys that writers get wrong most have their own example, and
/// any other name with the same stem and another unit gets its unit's name.
pub(super) fn other_unit(
    given: &str,
    expected: &str,
    written: Option<f64>,
) -> Option<(String, String, String)> {
    let unit = unit_of(given)?;
    let stem = |name: &str| {
        let cut = name.rfind(['_', '-']).unwrap_or(0);
        plain(&name[..cut])
    };
    let want = stem(given);
    let meant = listed(expected).find(|name| {
        unit_of(name).is_some_and(|u| u != unit) && !want.is_empty() && stem(name) == want
    })?;
    let meant_unit = unit_of(meant)?;
    let converted = written.and_then(|n| Some((n, n * unit_factor(unit, meant_unit)?)));
    if let Some((n, in_meant)) = converted {
        let (from, to) = (unit_symbol(unit), unit_symbol(meant_unit));
        let (n, in_meant) = (short_number(n), short_number(in_meant));
        return Some((
            meant.to_string(),
            format!("in {to}; {n} {from} is {meant} = {in_meant}"),
            format!("{to} 단위, {n} {from}는 {meant} = {in_meant}"),
        ));
    }
    let (en, ko) = match meant {
        "duration_ms" => (
            "milliseconds; 2 s is duration_ms = 2000".to_string(),
            "밀리초 단위, 2초는 duration_ms = 2000".to_string(),
        ),
        "memory_gib" => (
            "GiB; 0.5 for 512 MiB".to_string(),
            "GiB 단위, 512 MiB는 0.5".to_string(),
        ),
        "working_set_mib" => (
            "MiB; 1024 for 1 GiB".to_string(),
            "MiB 단위, 1 GiB는 1024".to_string(),
        ),
        "clock_ghz" => (
            "GHz; 2.4 for 2400 MHz".to_string(),
            "GHz 단위, 2400 MHz는 2.4".to_string(),
        ),
        _ => {
            let unit = unit_symbol(meant_unit);
            (format!("in {unit}"), format!("{unit} 단위"))
        }
    };
    Some((meant.to_string(), en, ko))
}

/// How many of unit `to` make one of unit `from` (both of [`unit_of`], of one quantity:
/// time, size or frequency: [`super::parser::unit_scale`]); `None` across quantities.
fn unit_factor(from: &str, to: &str) -> Option<f64> {
    let ((kind_from, from), (kind_to, to)) = (
        super::parser::unit_scale(from)?,
        super::parser::unit_scale(to)?,
    );
    (kind_from == kind_to).then_some(from / to)
}

/// A unit of [`unit_of`] as people write it ([`super::parser::unit_display`]).
fn unit_symbol(unit: &str) -> &str {
    super::parser::unit_display(unit).unwrap_or(unit)
}

/// A number as short as it can be written to six significant digits (5000, 0.75, 2.4).
fn short_number(n: f64) -> String {
    let digits = if n == 0.0 {
        0
    } else {
        (5 - n.abs().log10().floor() as i32).clamp(0, 12) as usize
    };
    let text = format!("{n:.digits$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// The unit a name ends in (`duration_ms`: ms; `memory_gb` and `memory_gib` alike: GiB),
/// if it is one of the format's.
pub(super) fn unit_of(name: &str) -> Option<&'static str> {
    let last = name.rsplit(['_', '-']).next()?.to_ascii_lowercase();
    Some(match last.as_str() {
        "ns" => "ns",
        "us" => "us",
        "ms" => "ms",
        "s" | "sec" | "secs" | "seconds" => "s",
        "kb" | "kib" => "kib",
        "mb" | "mib" => "mib",
        "gb" | "gib" => "gib",
        "tb" | "tib" => "tib",
        "khz" => "khz",
        "mhz" => "mhz",
        "ghz" => "ghz",
        _ => return None,
    })
}

/// serde's list of alternatives ("`en` or `ko`", "`a`, `b`, `c`") joined in Korean: "`en`
/// 또는 `ko`". An English "or" inside a Korean sentence reads as a slip.
pub(super) fn korean_alternatives(expected: &str) -> String {
    expected.replace("` or `", "` 또는 `")
}

/// Longest text compared with names for a guess. Names have at most 80 characters, so a
/// longer text is no misspelling of one, and comparing it costs its length times every
/// name's (a pasted 250 000-character key in `[costs]` took 6 s in the CLI and froze the
/// page's tab for 21 s, on every keystroke).
const MAX_GUESS_CHARS: usize = 120;

fn too_long_to_guess(given: &str) -> bool {
    given.len() > MAX_GUESS_CHARS && given.chars().count() > MAX_GUESS_CHARS
}
