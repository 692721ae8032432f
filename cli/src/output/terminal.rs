//! Text for the terminal: control characters made visible ([`clean`]), padding by display
//! width (Hangul takes two columns), wrapping, and the Korean words of the model's names.

use super::*;

/// Width the description and explanations are wrapped to.
pub(super) const WRAP: usize = 92;

/// The English or the Korean text.
pub(super) fn tr<'a>(ko: bool, en: &'a str, ko_text: &'a str) -> &'a str {
    if ko {
        ko_text
    } else {
        en
    }
}

/// A share of CPU time with one decimal, and "<0.1" for one above zero that would read
/// "0.0": a student who sees 1806 exits/s beside "hyp% 0.0" reads it as no time at all.
pub(super) fn share(v: f64) -> String {
    if v > 0.0 && v < 0.05 {
        "<0.1".to_string()
    } else {
        format!("{v:.1}")
    }
}

/// Characters that must not reach a terminal as they are: control characters (C0, DEL, C1,
/// which start escape sequences) and the bidirectional overrides that reorder a line.
pub(super) fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text from the scenario file, safe for a terminal: every control character (including
/// the ESC of ANSI sequences and line breaks) is shown escaped, e.g. `\u{1b}`.
pub fn clean(s: &str) -> String {
    if !s.chars().any(unsafe_char) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if unsafe_char(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Multi-line text (error messages, the whole table): line breaks kept, every other
/// control character escaped.
pub fn clean_lines(s: &str) -> String {
    s.split('\n').map(clean).collect::<Vec<_>>().join("\n")
}

/// Longest value a message quotes whole: longer than any name or id can be (sim-core's
/// messages quote a longer value as written by its start, the same way).
pub(crate) const MAX_QUOTED_CHARS: usize = 120;

/// A value from the command line or a file as a message quotes it: whole when it is at
/// most [`MAX_QUOTED_CHARS`] characters, else by its start and its length, `xxxx… (100000
/// characters)` (a 100 000-character `--student` was printed back whole).
pub(crate) fn long_value(s: &str) -> std::borrow::Cow<'_, str> {
    let count = s.chars().count();
    if count <= MAX_QUOTED_CHARS {
        return std::borrow::Cow::Borrowed(s);
    }
    let start: String = s.chars().take(MAX_QUOTED_CHARS / 2).collect();
    std::borrow::Cow::Owned(format!("{start}… ({count} characters)"))
}

/// Left-aligned in `width` display columns (Hangul counts two).
pub(crate) fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// Right-aligned in `width` display columns.
pub(crate) fn rpad(s: &str, width: usize) -> String {
    let w = s.width();
    format!("{}{s}", " ".repeat(width.saturating_sub(w)))
}

/// The widths of right-aligned columns: each at least as given and one column wider than
/// its header, so that with the one space before each column two headers are at least two
/// spaces apart. A header of two words ("초당 연산", "all-at-once ms") does not then run
/// into the next one ("초당 연산 네이티브 대비" read as one heading).
pub(crate) fn header_widths<const N: usize>(headers: &[&str; N], widths: [usize; N]) -> [usize; N] {
    let mut fitted = widths;
    for (w, h) in fitted.iter_mut().zip(headers) {
        *w = (*w).max(h.width() + 1);
    }
    fitted
}

/// Whether a word begins with a mark that closes what comes before it: a percent sign or
/// closing punctuation. Korean writes a column's name with a space before its "%"
/// ("하이퍼바이저 %는"), so such a "word" must not begin a line.
fn begins_with_closing_mark(word: &str) -> bool {
    word.chars().next().is_some_and(|c| {
        matches!(
            c,
            '%' | ')'
                | ']'
                | '}'
                | ','
                | '.'
                | ':'
                | ';'
                | '!'
                | '?'
                | '’'
                | '”'
                | '」'
                | '』'
                | '》'
                | '〉'
                | '、'
                | '。'
        )
    })
}

/// Words of `text` (whitespace collapsed) in lines of at most `width` display columns
/// (a longer word gets a line of its own), each line starting with `indent`. A word that
/// begins with a closing mark ("%", ")", ",", "."...) stays on the line of the word before
/// it: a line never begins with one.
pub(crate) fn wrap(text: &str, width: usize, indent: &str) -> String {
    // The units a line may break between: a word with the closing marks that follow it.
    let mut units: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match units.last_mut() {
            Some(unit) if begins_with_closing_mark(word) => {
                unit.push(' ');
                unit.push_str(word);
            }
            _ => units.push(word.to_string()),
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in &units {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.iter().map(|l| format!("{indent}{l}\n")).collect()
}

/// The snake_case name an enum has in scenario files and JSON.
pub(crate) fn snake<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Korean names of the scenario-file words the table shows by their key (fault kinds, paging
/// modes, and `explain`'s variants: native and the techniques); a word without one is shown
/// as is. Operations and exit reasons are named by sim-core's table ([`op_word`],
/// [`exit_word`]); platform kinds, techniques and I/O models in a stack as on the page
/// ([`stack`]).
pub(super) fn ko_word(word: &str) -> &str {
    match word {
        "native" => "네이티브",
        "binary_translation" => "바이너리 변환",
        "hardware_assist" => "하드웨어 지원",
        "para" => "반가상화",
        "hybrid" => "하이브리드",
        "shadow" => "섀도 페이지 테이블",
        "nested" => "중첩 페이징",
        "direct_pv" => "PV 직접 페이징",
        "kernel_panic" => "커널 패닉",
        "hypervisor_failure" => "하이퍼바이저 장애",
        "host_os_crash" => "호스트 OS 장애",
        "server_failure" => "서버 장애",
        "oom_kill" => "OOM kill",
        other => other,
    }
}

/// The output language as sim-core names it.
pub(crate) fn lang_of(ko: bool) -> sim_core::Lang {
    if ko {
        sim_core::Lang::Ko
    } else {
        sim_core::Lang::En
    }
}

/// A platform's kind, technique and I/O model, named as the page names them
/// ("Type 1 하이퍼바이저 · 전가상화 (하드웨어 지원) · 에뮬레이션 I/O").
pub(crate) fn stack(p: &sim_core::PlatformResult, ko: bool) -> String {
    sim_core::names::stack(p, lang_of(ko))
}

/// A scenario-file word in the output language.
pub(crate) fn word(ko: bool, word: &str) -> &str {
    if ko {
        ko_word(word)
    } else {
        word
    }
}

/// An operation in the output language: its key in English (`cr3_write`, what a scenario
/// writes), in Korean the page's name without its explanation ("CR3 쓰기":
/// [`sim_core::names::op`]).
pub(crate) fn op_word(ko: bool, op: sim_core::Op) -> &'static str {
    if ko {
        sim_core::names::op(op).short(sim_core::Lang::Ko)
    } else {
        op.name()
    }
}

/// An exit reason in the output language on a host whose CPU is `vendor`'s: its key in
/// English, except where AMD-V names the exit otherwise (`npf` for an EPT violation,
/// `nested_svm` for nested VMX, as the step texts say: [`sim_core::ExitReason::name_on`]);
/// in Korean the page's name without its explanation ([`sim_core::names::exit_reason`]).
/// Result keys (JSON, CSV) stay [`sim_core::ExitReason::name`].
pub(crate) fn exit_word(
    ko: bool,
    reason: sim_core::ExitReason,
    vendor: sim_core::CpuVendor,
) -> &'static str {
    if ko {
        sim_core::names::exit_reason(reason, vendor).short(sim_core::Lang::Ko)
    } else {
        reason.name_on(vendor)
    }
}

/// A figure with two decimals, without trailing zeros, its thousands grouped ("12,711.5").
pub(crate) fn figure(value: f64) -> String {
    let s = format!("{value:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        sim_core::text::grouped(s)
    }
}

/// `value` with `decimals` decimals, its thousands grouped as the page groups them
/// ("285,120", "5,386.4": [`sim_core::text::fixed`]). Only for what a person reads: JSON
/// and CSV keep plain numbers.
pub(crate) fn fixed(value: f64, decimals: usize) -> String {
    sim_core::text::fixed(value, decimals)
}

/// A list of figures ("vm 12,345") as [`sim_core::text::figure_list`] joins one: ", " in
/// English, " · " in Korean, where a comma between items reads as one inside a number.
pub(crate) fn figure_list(items: &[String], ko: bool) -> String {
    let lang = if ko {
        sim_core::text::Lang::Ko
    } else {
        sim_core::text::Lang::En
    };
    sim_core::text::figure_list(items, lang)
}

/// A whole number with its thousands grouped ("281,955").
pub(crate) fn count(n: impl std::fmt::Display) -> String {
    sim_core::text::grouped(&n.to_string())
}

/// A blank line and a section heading in the output language.
pub(super) fn section(out: &mut String, ko: bool, en: &str, ko_text: &str) {
    let _ = writeln!(out, "\n{}", tr(ko, en, ko_text));
}

/// Prints `warnings` of `file` on stderr, each as `warning: FILE:LINE:COLUMN: message`
/// (`경고:` in Korean): the first [`sim_core::scenario::MAX_WARNINGS_SHOWN`], then `warning:
/// FILE: and N more warnings`.
pub fn print_warnings(file: &str, warnings: &[sim_core::ScenarioError], lang: crate::Lang) {
    let shown = sim_core::scenario::MAX_WARNINGS_SHOWN;
    for w in warnings.iter().take(shown) {
        let text = clean_lines(&w.to_string_in(lang.core()));
        match lang {
            crate::Lang::En => crate::errln!("warning: {text}"),
            crate::Lang::Ko => crate::errln!("경고: {text}"),
        }
    }
    if let Some(more) = warnings.len().checked_sub(shown).filter(|&m| m > 0) {
        let file = clean(file);
        match lang {
            crate::Lang::En => crate::errln!("warning: {file}: and {more} more warnings"),
            crate::Lang::Ko => crate::errln!("경고: {file}: 경고가 {more}개 더 있습니다"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim_core::{CpuVendor, ExitReason};

    /// On an AMD host no exit's name, in either language, is one of VT-x's words; on an
    /// Intel host the names are the keys (English) and the page's names (Korean).
    /// A Korean column name written with a space before its "%" ("하이퍼바이저 %는") or a
    /// closing mark after a space never begins a line: it stays with the word before it.
    #[test]
    fn no_line_begins_with_a_percent_sign_or_a_closing_mark() {
        // 20 columns: "하이퍼바이저" takes 12, so "%는" (3) would fit only on the next line.
        let text = "가나다 하이퍼바이저 %는 약 6 ) 오릅니다 , 그리고 끝 .";
        for width in 1..=40 {
            let wrapped = wrap(text, width, "  ");
            for line in wrapped.lines() {
                let first = line.trim_start().chars().next();
                assert!(
                    !first.is_some_and(|c| "%),.".contains(c)),
                    "width {width}: {line:?} in\n{wrapped}"
                );
            }
            // Nothing lost or reordered.
            let words: Vec<&str> = wrapped.split_whitespace().collect();
            assert_eq!(words, text.split_whitespace().collect::<Vec<_>>());
        }
        assert_eq!(
            wrap("가나다 하이퍼바이저 %는 약", 20, ""),
            "가나다\n하이퍼바이저 %는 약\n"
        );
        // Plain words wrap as before.
        assert_eq!(wrap("one two three", 8, "> "), "> one two\n> three\n");
    }

    #[test]
    fn exit_words_on_amd_name_no_vt_x_mechanism() {
        const INTEL: [&str; 9] = [
            "EPT", "VMX", "VMCS", "VMREAD", "VMWRITE", "VMRESUME", "VT-x", "VPID", "APICv",
        ];
        for reason in ExitReason::ALL {
            for ko in [false, true] {
                let amd = exit_word(ko, reason, CpuVendor::Amd).to_lowercase();
                for word in INTEL {
                    assert!(!amd.contains(&word.to_lowercase()), "{reason:?}: {amd}");
                }
            }
            assert_eq!(exit_word(false, reason, CpuVendor::Intel), reason.name());
            // Every exit has a Korean word, the page's name begins with it.
            let ko = exit_word(true, reason, CpuVendor::Intel);
            assert_ne!(ko, reason.name());
            assert!(sim_core::names::exit_reason(reason, CpuVendor::Intel)
                .ko
                .starts_with(ko));
        }
        assert_eq!(
            exit_word(true, ExitReason::PmlFull, CpuVendor::Intel),
            "PML 로그 가득 참"
        );
        assert_eq!(op_word(true, sim_core::Op::Cr3Write), "CR3 쓰기");
        assert_eq!(op_word(false, sim_core::Op::Cr3Write), "cr3_write");
        assert_eq!(
            exit_word(false, ExitReason::EptViolation, CpuVendor::Amd),
            "npf"
        );
        assert_eq!(
            exit_word(true, ExitReason::EptViolation, CpuVendor::Amd),
            "중첩 페이지 폴트(#NPF)"
        );
        assert_eq!(
            exit_word(false, ExitReason::NestedVmx, CpuVendor::Amd),
            "nested_svm"
        );
        assert_eq!(
            exit_word(true, ExitReason::NestedVmx, CpuVendor::Amd),
            "중첩 SVM"
        );
    }
}
