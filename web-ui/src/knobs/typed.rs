//! Values typed into the settings' fields: a memory size ([`parse_mib`], and
//! [`parse_memory_mib`] at least the memory slider's least) and a seed ([`parse_seed`]).

use crate::i18n::Msg;
use crate::sim::text::particles;

/// A memory size typed into the memory field, read by [`parse_mib`] and at least the
/// slider's least, `MEMORY_STEP_MIB` (64 MiB): "0" or "16" is refused here in MiB, the
/// slider's terms, not by the validator in the GiB of `memory_gib`. Sizes between the
/// slider's steps are taken (precision is what the field is for).
pub fn parse_memory_mib(text: &str) -> Result<u32, Msg> {
    let mib = parse_mib(text)?;
    let least = sim_core::scenario::MEMORY_STEP_MIB;
    if u64::from(mib) < least {
        let t = text.trim();
        return Err(Msg {
            en: format!("“{t}” is less than the memory slider's least, {least} MiB per instance"),
            ko: particles(&format!(
                "“{t}”: 메모리 슬라이더의 최솟값인 인스턴스당 {least} MiB보다 작습니다"
            )),
        });
    }
    Ok(mib)
}

/// A seed typed into the seed field: a whole number from 0 to `u64::MAX`, in digits;
/// `None` for an empty field (the scenario's own seed). Anything else ("-5", "1.5", "1e3")
/// is said to be no seed rather than read as another number.
pub fn parse_seed(text: &str) -> Result<Option<u64>, Msg> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u64>().map(Some).map_err(|_| Msg {
        en: format!(
            "“{t}” is not a seed: a seed is a whole number from 0 to {}, in digits",
            u64::MAX
        ),
        ko: particles(&format!(
            "“{t}”: 시드가 아닙니다. 시드는 0에서 {} 사이의 정수이며 숫자로 씁니다",
            u64::MAX
        )),
    })
}

/// A memory size typed into the memory field: whole MiB ("2048", "2,048", "2048 MiB"), or
/// GiB with its unit ("1.5 GiB" = 1536 MiB). Whether the scenario can run with it is the
/// validator's to say, as for the slider's values; this only reads the number, or says in
/// both languages why it cannot.
pub fn parse_mib(text: &str) -> Result<u32, Msg> {
    let t = text.trim();
    // Full-width digits and letters ("２０４８", "２ ＧｉＢ") as their ASCII forms.
    let lower = sim_core::question::half_width(t).trim().to_lowercase();
    let (number, per) = [
        ("gib", 1024.0),
        ("gb", 1024.0),
        ("g", 1024.0),
        ("mib", 1.0),
        ("mb", 1.0),
        ("m", 1.0),
    ]
    .iter()
    .find_map(|(unit, per)| lower.strip_suffix(unit).map(|n| (n.trim_end(), *per)))
    .unwrap_or((lower.as_str(), 1.0));
    // A comma only between groups of three digits ("2,048"): "1,5" is a decimal comma in
    // much of the world, not fifteen.
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let groups: Vec<&str> = whole.split(',').collect();
    let commas_group_thousands = groups.len() == 1
        || ((1..=3).contains(&groups[0].trim().len())
            && groups[1..].iter().all(|g| g.len() == 3)
            && !fraction.contains(','));
    let digits: String = number
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' '))
        .collect();
    let value = (commas_group_thousands
        && !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|&c| c == '.').count() <= 1)
        .then(|| digits.parse::<f64>().ok())
        .flatten()
        .map(|v| v * per);
    match value {
        _ if t.is_empty() => Err(Msg {
            en: "type a memory size in MiB (for example 2048)".into(),
            ko: "메모리 크기를 MiB 단위로 입력하세요 (예: 2048)".into(),
        }),
        // Before the fraction: a number too long for f64 is infinite, whose fraction is NaN.
        Some(v) if v > f64::from(u32::MAX) => Err(Msg {
            en: format!(
                "“{t}” is more than the page can set (at most {} MiB)",
                u32::MAX
            ),
            ko: particles(&format!(
                "“{t}”: 페이지가 설정할 수 있는 값보다 큽니다 (최대 {} MiB)",
                u32::MAX
            )),
        }),
        Some(v) if v.fract() != 0.0 => Err(Msg {
            en: format!("“{t}” is not a whole number of MiB"),
            ko: particles(&format!("“{t}”: MiB 단위의 정수가 아닙니다")),
        }),
        Some(v) => Ok(v as u32),
        None => Err(Msg {
            en: format!("“{t}” is not a memory size in MiB (for example 2048, or 2 GiB)"),
            ko: particles(&format!(
                "“{t}”: MiB 단위 메모리 크기가 아닙니다 (예: 2048 또는 2 GiB)"
            )),
        }),
    }
}
