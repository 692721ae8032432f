//! Bilingual text: every user-facing string the core produces comes in Korean and English.
//!
//! [`particles`] makes a Korean particle written in its paired form ("을(를)") the one the
//! word before it takes; every validator message goes through it.

use serde::{Deserialize, Serialize};

/// A product language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    /// `"ko"` is Korean; anything else English (a page's or a link's setting, which falls
    /// back). To refuse another code instead, parse it: `"fr".parse::<Lang>()` is an error.
    pub fn from_code(code: &str) -> Lang {
        if code == "ko" {
            Lang::Ko
        } else {
            Lang::En
        }
    }

    /// The language's code: `"en"` or `"ko"` (what `str::parse::<Lang>` reads).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = UnknownLang;

    /// `"en"` or `"ko"`; any other code is an [`UnknownLang`] (unlike [`Lang::from_code`],
    /// which reads it as English).
    fn from_str(code: &str) -> Result<Lang, UnknownLang> {
        match code {
            "en" => Ok(Lang::En),
            "ko" => Ok(Lang::Ko),
            other => Err(UnknownLang(other.to_string())),
        }
    }
}

/// A language code other than `"en"` and `"ko"` ([`Lang`]'s `FromStr`): the code given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLang(pub String);

impl UnknownLang {
    /// The message in `lang` (English is the `Display` text).
    pub fn message_in(&self, lang: Lang) -> String {
        let code: String = self.0.chars().flat_map(char::escape_debug).collect();
        match lang {
            Lang::En => format!("unknown language `{code}`: use `en` (English) or `ko` (Korean)"),
            Lang::Ko => {
                format!("알 수 없는 언어 `{code}`입니다: `en`(영어) 또는 `ko`(한국어)를 쓰세요")
            }
        }
    }
}

impl std::fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_in(Lang::En))
    }
}

impl std::error::Error for UnknownLang {}

/// A string in both product languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(
    deny_unknown_fields,
    expecting = "a text in both languages: { en = \"...\", ko = \"...\" }"
)]
pub struct Text {
    pub en: String,
    pub ko: String,
}

impl Text {
    pub fn new(en: impl Into<String>, ko: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            ko: ko.into(),
        }
    }

    /// The text in `lang`.
    pub fn in_lang(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ko => &self.ko,
            Lang::En => &self.en,
        }
    }

    /// The text in the language of a code (`"ko"` or anything else for English).
    pub fn get(&self, lang: &str) -> &str {
        if lang == "ko" {
            &self.ko
        } else {
            &self.en
        }
    }
}

/// The paragraphs of a text from a scenario file (a description, an explanation): its
/// parts between blank lines, each with its line breaks and runs of whitespace made single
/// spaces, empty ones left out. A paragraph break in a TOML multi-line string is a line
/// that does not end in `\`, then an empty line.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        for word in line.split_whitespace() {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The digits of a whole number with its thousands separated by commas ("46,095,543,562"),
/// as the tables print counts and rates.
pub fn thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number written elsewhere (`format!("{:.2}")`) with the digits of its whole part
/// grouped in thousands, as the page and the tables print figures: "518,000" for "518000",
/// "12,711.11" for "12711.11", "-1,234.5" for "-1234.5", "3,000" for "3000" (as the page's
/// `Intl.NumberFormat` writes it in both languages); "999.5" stays. Any text that is not such a number (a
/// dash, "NaN", "inf", a number already grouped) is returned as it is. Never for JSON, CSV or
/// any file a program reads: those keep plain numbers.
pub fn grouped(number: &str) -> String {
    let (sign, unsigned) = match number.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", number),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || fraction.is_some_and(|f| !digits(f)) {
        return number.to_string();
    }
    let mut out = format!("{sign}{}", thousands(whole));
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A list of figures, each a name and its number ("I/O 명령어 211,975"), joined as a
/// reader of `lang` tells them apart: ", " in English, " · " in Korean, whose lists of
/// figures read a comma inside a grouped number and a comma between items alike ("I/O
/// 명령어 211,975, HLT 35,530"); English keeps its comma, as its words put the items apart.
/// For what a person reads (the CLI's tables and notes); CSV and JSON keep their own.
///
/// ```
/// use sim_core::text::{figure_list, Lang};
///
/// let items = ["HLT 35,530", "MMIO 169,025"];
/// assert_eq!(figure_list(&items, Lang::En), "HLT 35,530, MMIO 169,025");
/// assert_eq!(figure_list(&items, Lang::Ko), "HLT 35,530 · MMIO 169,025");
/// ```
pub fn figure_list<S: AsRef<str>>(items: &[S], lang: Lang) -> String {
    let separator = match lang {
        Lang::En => ", ",
        Lang::Ko => " · ",
    };
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    items.join(separator)
}

/// `value` with `decimals` decimals, its whole part grouped in thousands ([`grouped`]):
/// `fixed(518000.0, 0)` is "518,000", `fixed(12711.111, 2)` "12,711.11". For what a person
/// reads; JSON, CSV and jsonl keep `format!`'s plain digits.
/// A negative value that rounds to zero prints without its sign ("0", not "-0").
pub fn fixed(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    match text.strip_prefix('-') {
        Some(unsigned) if unsigned.bytes().all(|b| b == b'0' || b == b'.') => unsigned.to_string(),
        _ => grouped(&text),
    }
}

/// A throughput in Gbit/s as the CLI's network section and the page's network cells print
/// it: two decimals from 1 Gbit/s ("9.56", and "10.00" for 9.996, which a figure of
/// fewer decimals would show as "10" beside the CLI's "10.00"), three significant digits
/// below (a request-response workload's 0.0123 Gbit/s does not read 0.01); 0 is "0".
///
/// ```
/// use sim_core::text::gbit_s;
///
/// assert_eq!(gbit_s(9.996), "10.00");
/// assert_eq!(gbit_s(9.4949), "9.49");
/// assert_eq!(gbit_s(0.012345), "0.0123");
/// assert_eq!(gbit_s(0.5), "0.500");
/// assert_eq!(gbit_s(0.0), "0");
/// ```
pub fn gbit_s(v: f64) -> String {
    if v == 0.0 {
        "0".to_string()
    } else if v.abs() < 1.0 {
        let decimals = (2 - v.abs().log10().floor() as i32).clamp(3, 7) as usize;
        fixed(v, decimals)
    } else {
        fixed(v, 2)
    }
}

/// Rewrites the long digit runs of a text written elsewhere (sim-core's measured
/// cells, "109243 exits/s"; a step's phases) in the page's and the tables' number format: thousands separators inserted
/// into the digits as written, never read through a float (a `u64` such as
/// 18446744073709551615 stays exact). Runs glued to letters ("p99", "1080p"), short
/// numbers, runs with a leading zero ("0007"), code points ("U+0000") and the decimals
/// after a point stay as they are.
pub fn regroup(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let glued =
            i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '.' || chars[i - 1] == ',');
        // "U+0000": a code point's hex digits, not a number.
        let code_point = i > 1 && chars[i - 1] == '+' && matches!(chars[i - 2], 'U' | 'u');
        if c.is_ascii_digit() && !glued && !code_point {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let int_end = i;
            if i + 1 < chars.len() && chars[i] == '.' && chars[i + 1].is_ascii_digit() {
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
            }
            // Glued to a Latin letter ("1080p", "x86", hex "1234abcd"), a name; a Korean
            // counter after it ("1534개", "3회") is the number's unit.
            let after_glued = i < chars.len() && chars[i].is_ascii_alphabetic();
            let int = &chars[start..int_end];
            let leading_zero = int.len() > 1 && int[0] == '0';
            if int.len() >= 4 && !after_glued && !leading_zero {
                out.push_str(&thousands(&int.iter().collect::<String>()));
                out.extend(&chars[int_end..i]);
            } else {
                out.extend(&chars[start..i]);
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// A large count as Korean reads it, rounded to three significant digits in units of 만
/// (10⁴), 억 (10⁸) and 조 (10¹²): "228만" for 2,277,293, "1,100만" for 11,000,000, "1.23만"
/// for 12,345, "20억" for 2,000,000,000; below 10,000 the whole number ("9,876"). For an
/// estimate, whose digits past the third say nothing: the page's and the CLI's event
/// estimates both print it.
pub fn korean_large_count(n: u64) -> String {
    if n < 10_000 {
        return thousands(&n.to_string());
    }
    // Three significant digits, rounded half up (in u128: no overflow near u64::MAX).
    let digits = n.ilog10() + 1;
    let step = 10u128.pow(digits - 3);
    let r = (u128::from(n) + step / 2) / step * step;
    let (unit, name) = if r < 100_000_000 {
        (10_000u128, "만")
    } else if r < 1_000_000_000_000 {
        (100_000_000, "억")
    } else {
        (1_000_000_000_000, "조")
    };
    let whole = r / unit;
    let decimals = 3u32.saturating_sub(whole.ilog10() + 1);
    let mut out = thousands(&whole.to_string());
    if decimals > 0 {
        let frac = (r % unit) / (unit / 10u128.pow(decimals));
        let frac = format!("{frac:0width$}", width = decimals as usize);
        let frac = frac.trim_end_matches('0');
        if !frac.is_empty() {
            out.push('.');
            out.push_str(frac);
        }
    }
    out.push_str(name);
    out
}

/// How the word before a Korean particle ends, which picks the particle's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// A vowel: 를, 는, 가, 와, 로.
    Vowel,
    /// A final consonant (batchim) other than ㄹ: 을, 은, 이, 과, 으로.
    Consonant,
    /// A final ㄹ: 을, 은, 이, 과, but 로.
    Rieul,
}

/// The paired particle forms a message writes when it cannot know the word before them
/// ("`{name}`을(를)"): the paired form, the form after a final consonant, after a vowel.
const PAIRED: [(&str, &str, &str); 8] = [
    ("을(를)", "을", "를"),
    ("를(을)", "을", "를"),
    ("은(는)", "은", "는"),
    ("는(은)", "은", "는"),
    ("이(가)", "이", "가"),
    ("가(이)", "이", "가"),
    ("과(와)", "과", "와"),
    ("와(과)", "과", "와"),
];

/// Korean particles written in their paired form ("을(를)", "은(는)", "이(가)", "과(와)",
/// "(으)로") with the one form the word before them takes, as it is read: a Hangul
/// syllable by its final consonant (batchim); a number by its Korean reading ("30" 삼십,
/// "1.5" 일 점 오, "1,000" 천); Latin letters in capitals or without a vowel by their names
/// ("VM" 브이엠, "4G" 사지, "ctr" 씨티알), a word in lower case by its usual Korean
/// spelling where that is sure ("label" 레이블, "server" 서버, "time" 타임, "native"
/// 네이티브). Quotes, closing brackets and a parenthetical between the word and the
/// particle are skipped ("`web-server`를", "`full`(kind = ...)은"). Where the
/// reading is not sure ("app" 앱 or 애프, "stack" 스택), the paired form stays.
pub fn particles(text: &str) -> String {
    if !text.contains('(') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'scan: while !rest.is_empty() {
        for (paired, consonant, vowel) in PAIRED {
            if let Some(after) = rest.strip_prefix(paired) {
                match ending(&out) {
                    Some(Ending::Vowel) => out.push_str(vowel),
                    Some(_) => out.push_str(consonant),
                    None => out.push_str(paired),
                }
                rest = after;
                continue 'scan;
            }
        }
        if let Some(after) = rest.strip_prefix("(으)로") {
            match ending(&out) {
                Some(Ending::Consonant) => out.push_str("으로"),
                Some(_) => out.push('로'),
                None => out.push_str("(으)로"),
            }
            rest = after;
            continue;
        }
        let c = rest.chars().next().unwrap_or_default();
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// How the text before a particle ends as it is read, or `None` when that is not sure.
fn ending(before: &str) -> Option<Ending> {
    let mut word = before.trim_end_matches(['`', '"', '\'', '”', '’', '」', '』', ']']);
    // A parenthetical between the word and its particle is read past: "`full`(kind = ...)은".
    if let Some(inside) = word.strip_suffix(')') {
        let mut depth = 1;
        let open = inside.char_indices().rev().find(|&(_, c)| {
            depth += match c {
                ')' => 1,
                '(' => -1,
                _ => 0,
            };
            depth == 0
        })?;
        word = inside[..open.0]
            .trim_end()
            .trim_end_matches(['`', '"', '\'', '”', '’', '」', '』', ']']);
    }
    let last = word.chars().last()?;
    if ('\u{AC00}'..='\u{D7A3}').contains(&last) {
        return Some(match (u32::from(last) - 0xAC00) % 28 {
            0 => Ending::Vowel,
            8 => Ending::Rieul,
            _ => Ending::Consonant,
        });
    }
    // Xen's dom0 is read "돔제로", in English: "dom0를", not "dom0을" (a review).
    if word.ends_with("dom0") {
        return Some(Ending::Vowel);
    }
    if last.is_ascii_digit() {
        return Some(number_ending(word));
    }
    if last.is_ascii_alphabetic() {
        let letters: String = word
            .chars()
            .rev()
            .take_while(char::is_ascii_alphabetic)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        // A unit symbol is read as the unit's name, which ends in a vowel: 기비바이트,
        // 메가바이트, 기가헤르츠 ("512 MiB는", "GHz로").
        if UNIT_SYMBOLS.contains(&letters.as_str()) {
            return Some(Ending::Vowel);
        }
        // Capitals, or letters without a vowel ("ctr", "kvm"), are read letter by letter.
        let vowel = letters.chars().any(|c| "aeiouyAEIOUY".contains(c));
        return if letters.chars().all(|c| c.is_ascii_uppercase()) || !vowel {
            Some(letter_name_ending(last))
        } else {
            word_ending(&letters.to_ascii_lowercase())
        };
    }
    if last == '%' {
        return Some(Ending::Vowel); // 퍼센트
    }
    None
}

/// Units written in mixed case, read as their names (all ending in a vowel: 키비바이트,
/// 메비바이트, 기비바이트, 테비바이트, 헤르츠), where the rule for words would not be sure
/// ("GiB" as the word "gib"). In capitals (GB, MB) or without a vowel (ms) their letters'
/// names end in a vowel too.
const UNIT_SYMBOLS: &[&str] = &["KiB", "MiB", "GiB", "TiB", "kB", "Hz", "kHz", "MHz", "GHz"];

/// A number's reading: its last digit ("12" 십이, "1.5" 일 점 오), or for a whole
/// number ending in zeros the power of ten it ends on ("30" 삼십, "1,000" 천, "20000" 이만).
fn number_ending(word: &str) -> Ending {
    let number: Vec<char> = word
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .filter(|c| *c != ',')
        .collect();
    let digit = |c: char| match c {
        '0' => Ending::Consonant,         // 영
        '1' | '7' | '8' => Ending::Rieul, // 일, 칠, 팔
        '3' | '6' => Ending::Consonant,   // 삼, 육
        _ => Ending::Vowel,               // 이, 사, 오, 구
    };
    let zeros = number.iter().take_while(|c| **c == '0').count();
    let whole = !number.contains(&'.');
    if zeros == 0 || !whole || zeros == number.len() {
        return digit(number[0]);
    }
    match zeros {
        1..=11 => Ending::Consonant, // 십, 백, 천, 만, 억
        12..=15 => Ending::Vowel,    // 조
        _ => Ending::Consonant,      // 경
    }
}

/// A capital letter's name: 엘, 알 end in ㄹ, 엠, 엔 in another consonant.
fn letter_name_ending(c: char) -> Ending {
    match c.to_ascii_uppercase() {
        'L' | 'R' => Ending::Rieul,
        'M' | 'N' => Ending::Consonant,
        _ => Ending::Vowel,
    }
}

/// How a word in lower case ends in its usual Korean spelling, where that is sure.
fn word_ending(word: &str) -> Option<Ending> {
    let mut rev = word.chars().rev();
    let last = rev.next()?;
    let before = rev.next();
    let consonant = |c: Option<char>| c.is_some_and(|c| !"aeiouy".contains(c));
    Some(match last {
        'l' => Ending::Rieul,                            // 커널, 레이블
        'g' if before == Some('n') => Ending::Consonant, // 핑
        'm' | 'n' => Ending::Consonant,                  // 시스템, 퓨전
        'a' | 'i' | 'o' | 'u' | 'y' | 'r' | 's' | 'x' | 'z' | 'f' | 'h' | 'w' | 'v' => {
            Ending::Vowel // 데이터, 서버, 옵스, 리눅스
        }
        'd' | 'g' => Ending::Vowel, // 리드, 로그
        // After a, e or o a final b is a batchim (웹, 랩, 잡); "hub" is 허브, "gib" a unit.
        'b' if matches!(before, Some('a' | 'e' | 'o')) => Ending::Consonant,
        'e' => match before {
            Some('m' | 'n') => Ending::Consonant, // 타임, 라인
            Some('l') => Ending::Rieul,           // 테이블, 파일
            Some('p') | None => return None,      // 타입 or 파이프
            // "-que" is a k sound, read 테크닉 (technique) or 유니크: not sure.
            Some('u') if word.ends_with("que") => return None,
            _ => Ending::Vowel, // 네이티브, 캐시, 코어, 모드
        },
        // After a consonant, a final k, t or p is its own syllable (디스크, 호스트, 점프);
        // after a vowel or doubled it may be a batchim (셋, 앱, 스택): not sure.
        'k' | 't' | 'p' if consonant(before) && before != Some(last) && before != Some('c') => {
            Ending::Vowel
        }
        _ => return None,
    })
}

/// The Unicode format characters (general category Cf, Unicode 15.1) and the Hangul fillers: invisible, or
/// reordering the text around them (U+202E shows what follows right to left).
const FORMAT_CHARACTERS: &[(u32, u32)] = &[
    (0x00ad, 0x00ad),
    (0x0600, 0x0605),
    (0x061c, 0x061c),
    (0x06dd, 0x06dd),
    (0x070f, 0x070f),
    (0x0890, 0x0891),
    (0x08e2, 0x08e2),
    (0x180e, 0x180e),
    (0x200b, 0x200f),
    (0x202a, 0x202e),
    (0x2060, 0x2064),
    (0x2066, 0x206f),
    (0xfeff, 0xfeff),
    (0xfff9, 0xfffb),
    // Not category Cf but shown as nothing all the same: the Hangul fillers (choseong
    // and jungseong fillers, the compatibility and half-width fillers).
    (0x115f, 0x1160),
    (0x3164, 0x3164),
    (0xffa0, 0xffa0),
    (0x110bd, 0x110bd),
    (0x110cd, 0x110cd),
    (0x13430, 0x1343f),
    (0x1bca0, 0x1bca3),
    (0x1d173, 0x1d17a),
    (0xe0001, 0xe0001),
    (0xe0020, 0xe007f),
];

/// Whether `c` is a Unicode format character (general category Cf: U+200B–U+200F,
/// U+202A–U+202E, U+2066–U+2069, U+FEFF, ...), which a name may not hold: it shows as
/// nothing, or turns the text around it, so two names that look alike would differ.
pub fn is_format_character(c: char) -> bool {
    let c = c as u32;
    FORMAT_CHARACTERS
        .iter()
        .any(|&(first, last)| (first..=last).contains(&c))
}

/// The first format character of `s` ([`is_format_character`]).
pub fn format_character(s: &str) -> Option<char> {
    s.chars().find(|&c| is_format_character(c))
}

/// Whether `s` shows nothing to a reader: it is empty, or holds only whitespace and format
/// characters ([`is_format_character`]: a zero-width space U+200B, a byte order mark...).
pub fn shows_nothing(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || is_format_character(c))
}

/// `c` as `U+202E`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// Whether a text (a description, an explanation) quotes a figure: a number standing as a
/// word, not one that is part of a name ("type 1", "Type 2", "p99", "L2", "x86", "dom0", "Windows 10" are names).
/// A placeholder (`{relative_performance_percent:vm-2}`) quotes none: it is filled with the
/// run's own figure.
pub fn quotes_a_figure(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '{' {
            // Up to its `}` (a `{{` escape skips nothing that matters: its `}}` ends it).
            while i < chars.len() && chars[i] != '}' {
                i += 1;
            }
            continue;
        }
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        // Glued to a letter before it: part of a name (p99, L2, dom0, x86).
        if start > 0 && chars[start - 1].is_alphabetic() {
            continue;
        }
        // A type of hypervisor or a Windows version, named by its number.
        let before: String = chars[..start].iter().collect();
        // "type 1", "type-1", "타입 1" (the Korean texts' word for a hypervisor's type).
        let word = before
            .trim_end_matches([' ', '-'])
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if ["type", "windows", "타입"].contains(&word.to_ascii_lowercase().as_str())
            && (before.ends_with(' ') || before.ends_with('-'))
        {
            continue;
        }
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    #[test]
    fn figures_are_grouped_in_thousands_and_other_text_is_left_alone() {
        use super::{fixed, grouped};
        assert_eq!(grouped("518000"), "518,000");
        assert_eq!(grouped("12711.11"), "12,711.11");
        assert_eq!(grouped("-1234.5"), "-1,234.5");
        assert_eq!(grouped("3000"), "3,000");
        assert_eq!(grouped("999.5"), "999.5");
        assert_eq!(grouped("0.000333"), "0.000333");
        for other in [
            "—", "NaN", "inf", "-inf", "1,234", "", "-", "1.", ".5", "1e9",
        ] {
            assert_eq!(grouped(other), other);
        }
        assert_eq!(fixed(518000.0, 0), "518,000");
        assert_eq!(fixed(12711.111, 2), "12,711.11");
        assert_eq!(fixed(-0.4, 0), "0");
        assert_eq!(fixed(-0.04, 1), "0.0");
    }

    /// Large counts in 만, 억 and 조 with three significant digits, as the estimates print them.
    #[test]
    fn a_large_count_reads_in_korean_units() {
        use super::korean_large_count as k;
        assert_eq!(k(0), "0");
        assert_eq!(k(9_876), "9,876");
        assert_eq!(k(10_000), "1만");
        assert_eq!(k(12_345), "1.23만");
        assert_eq!(k(123_456), "12.3만");
        assert_eq!(k(2_277_293), "228만");
        assert_eq!(k(11_000_000), "1,100만");
        assert_eq!(k(99_960_000), "1억");
        assert_eq!(k(123_456_789), "1.23억");
        assert_eq!(k(2_000_000_000), "20억");
        assert_eq!(k(1_234_567_890_123), "1.23조");
        assert_eq!(k(u64::MAX), "18,400,000조");
    }

    #[test]
    fn a_language_code_parses_as_en_or_ko_and_anything_else_is_an_error() {
        use super::{Lang, UnknownLang};
        assert_eq!("en".parse::<Lang>(), Ok(Lang::En));
        assert_eq!("ko".parse::<Lang>(), Ok(Lang::Ko));
        for code in ["fr", "", "KO", " en"] {
            let e = code.parse::<Lang>().unwrap_err();
            assert_eq!(e, UnknownLang(code.to_string()));
            assert!(
                e.to_string()
                    .contains("use `en` (English) or `ko` (Korean)"),
                "{e}"
            );
            assert!(e.message_in(Lang::Ko).contains("알 수 없는 언어"));
        }
        assert_eq!(
            "fr".parse::<Lang>().unwrap_err().message_in(Lang::Ko),
            "알 수 없는 언어 `fr`입니다: `en`(영어) 또는 `ko`(한국어)를 쓰세요"
        );
        // from_code still falls back to English; code() gives back what parses.
        assert_eq!(Lang::from_code("fr"), Lang::En);
        for lang in [Lang::En, Lang::Ko] {
            assert_eq!(lang.code().parse::<Lang>(), Ok(lang));
        }
    }

    use super::*;

    #[test]
    fn a_text_of_spaces_and_zero_width_characters_shows_nothing() {
        for blank in ["", " \t\n", "\u{200B}", " \u{FEFF}\u{200D} ", "\u{3000}"] {
            assert!(shows_nothing(blank), "{blank:?}");
        }
        for shown in ["a", "\u{200B}가", " . "] {
            assert!(!shows_nothing(shown), "{shown:?}");
        }
    }

    #[test]
    fn paragraphs_split_at_blank_lines_and_join_the_lines_within() {
        assert_eq!(
            paragraphs("One line\nand its rest.\n\n  \nSecond   one.\n"),
            ["One line and its rest.", "Second one."]
        );
        // Text without a blank line is one paragraph; blank text is none.
        assert_eq!(paragraphs("a b c"), ["a b c"]);
        assert!(paragraphs(" \n\n \t").is_empty());
        // Windows line ends split the same way.
        assert_eq!(paragraphs("x\r\n\r\ny"), ["x", "y"]);
    }

    #[test]
    fn hangul_picks_by_its_final_consonant() {
        assert_eq!(
            particles("‘디스크 읽기’을(를) 고르세요"),
            "‘디스크 읽기’를 고르세요"
        );
        assert_eq!(particles("‘네트워크 송신’은(는)"), "‘네트워크 송신’은");
        assert_eq!(particles("커널이(가) 멈춤"), "커널이 멈춤");
        assert_eq!(
            particles("하이퍼바이저과(와) 호스트"),
            "하이퍼바이저와 호스트"
        );
        // ㄹ takes 로, any other final consonant 으로, a vowel 로.
        assert_eq!(particles("커널(으)로"), "커널로");
        assert_eq!(particles("섀도 페이징(으)로"), "섀도 페이징으로");
        assert_eq!(particles("스왑(으)로"), "스왑으로");
        assert_eq!(particles("서버(으)로"), "서버로");
    }

    #[test]
    fn numbers_by_their_korean_reading() {
        assert_eq!(particles("pCPU 12을(를)"), "pCPU 12를"); // 십이
        assert_eq!(
            particles("pCPU -1을(를) 가리키지만"),
            "pCPU -1을 가리키지만"
        ); // 마이너스 일
        assert_eq!(
            particles(
                "인스턴스 `a`: pin이 pCPU -3을(를) 가리키지만 호스트의 pCPU는 0부터 3까지입니다"
            ),
            "인스턴스 `a`: pin이 pCPU -3을 가리키지만 호스트의 pCPU는 0부터 3까지입니다"
        );
        assert_eq!(particles("`1e308`을(를)"), "`1e308`을"); // 팔
        assert_eq!(particles("문자열 \"30\"을(를)"), "문자열 \"30\"을"); // 삼십
        assert_eq!(particles("`1.5`을(를)"), "`1.5`를"); // 오
        assert_eq!(particles("4,096은(는)"), "4,096은"); // 육
        assert_eq!(particles("1,000이(가)"), "1,000이"); // 천
        assert_eq!(particles("0은(는)"), "0은"); // 영
        assert_eq!(particles("`type2`을(를)"), "`type2`를"); // 이
        assert_eq!(particles("`type1`이(가)"), "`type1`이"); // 일
        assert_eq!(particles("dom0을(를)"), "dom0를"); // 돔제로
        assert_eq!(particles("dom0과(와)"), "dom0와");
        assert_eq!(particles("7(으)로"), "7로"); // 칠
        assert_eq!(particles("3(으)로"), "3으로"); // 삼
    }

    #[test]
    fn latin_words_where_the_reading_is_sure_else_the_pair() {
        assert_eq!(
            particles("`web-server`을(를) 뜻했나요?"),
            "`web-server`를 뜻했나요?"
        );
        assert_eq!(particles("`native`은(는)"), "`native`는");
        assert_eq!(particles("`label`이(가)"), "`label`이");
        assert_eq!(particles("`time`을(를)"), "`time`을");
        assert_eq!(particles("`table`(으)로"), "`table`로");
        assert_eq!(particles("`four`이(가)"), "`four`가");
        assert_eq!(particles("`host`은(는)"), "`host`는");
        assert_eq!(particles("`[[host]]`은(는)"), "`[[host]]`는");
        assert_eq!(particles("`ping`을(를)"), "`ping`을");
        assert_eq!(particles("플랫폼 `bt-web`은(는)"), "플랫폼 `bt-web`은"); // 웹
        assert_eq!(particles("`hub`은(는)"), "`hub`은(는)"); // 허브: not sure
                                                             // Capitals by their letters' names: 브이엠, 에스, 사지.
        assert_eq!(particles("VM은(는)"), "VM은");
        assert_eq!(particles("`ctr`은(는)"), "`ctr`은"); // 씨티알
        assert_eq!(particles("`tlb`을(를)"), "`tlb`를"); // 티엘비
                                                         // Past a parenthetical, to the word it follows.
        assert_eq!(
            particles("`full`(kind = \"type1\")은(는)"),
            "`full`(kind = \"type1\")은"
        );
        assert_eq!(particles("서버 (a (b) c)이(가)"), "서버 (a (b) c)가");
        assert_eq!(particles("OS을(를)"), "OS를");
        assert_eq!(particles("\"4G\"을(를)"), "\"4G\"를");
        // Units in mixed case by their names: 메비바이트, 기비바이트, 기가헤르츠.
        assert_eq!(particles("512 MiB은(는)"), "512 MiB는");
        assert_eq!(particles("GiB은(는) 크기의 단위"), "GiB는 크기의 단위");
        assert_eq!(particles("`2.4GHz`을(를)"), "`2.4GHz`를");
        // A code identifier is read as words, not spelt (`memory_gib`: 메모리 기브? 지아이비?):
        // not sure, so the pair stays, and messages put a noun after a key instead
        // ("`memory_gib` 키가", "혹시 `memory_gib`인가요?").
        assert_eq!(particles("`memory_gib`을(를)"), "`memory_gib`을(를)");
        // Not sure how these are read: 앱 or 애프, 스택, 타입 or 파이프, 에이비씨 or 매직.
        assert_eq!(particles("`app`이(가)"), "`app`이(가)");
        assert_eq!(particles("`stack`은(는)"), "`stack`은(는)");
        assert_eq!(particles("`type`을(를)"), "`type`을(를)");
        assert_eq!(particles("“abc”은(는)"), "“abc”은(는)");
        // Nothing before it, or a symbol: the pair stays.
        assert_eq!(particles("을(를)"), "을(를)");
        assert_eq!(particles("`]`을(를)"), "`]`을(를)");
    }

    #[test]
    fn other_parentheses_and_text_stay() {
        let text = "값(예: 4) 그리고 (으)로 시작, English (as is)";
        assert_eq!(particles(text), text);
        assert_eq!(
            particles("둘 다 `cpu`을(를) 쓰고 `memory`은(는) 뺍니다"),
            "둘 다 `cpu`를 쓰고 `memory`는 뺍니다"
        );
        // A code point read as its last digit or letter ("이천육십", "이").
        assert_eq!(particles("`technique`은(는)"), "`technique`은(는)");
        assert_eq!(
            particles("`U+2060`(서식 문자)이(가)"),
            "`U+2060`(서식 문자)이"
        );
        assert_eq!(
            particles("`U+202E`(서식 문자)이(가)"),
            "`U+202E`(서식 문자)가"
        );
    }

    #[test]
    fn format_characters_are_the_invisible_and_reordering_ones() {
        for c in [
            '\u{ad}',
            '\u{200b}',
            '\u{200d}',
            '\u{200e}',
            '\u{200f}',
            '\u{202a}',
            '\u{202e}',
            '\u{2066}',
            '\u{2069}',
            '\u{2060}',
            '\u{feff}',
            '\u{e0001}',
            '\u{e007f}',
            '\u{3164}',
            '\u{115f}',
            '\u{ffa0}',
        ] {
            assert!(is_format_character(c), "{}", code_point(c));
        }
        // Letters, Hangul, emoji, marks, spaces and controls are other categories.
        for c in [
            'a', '가', 'é', '\u{301}', '😀', ' ', '\u{a0}', '\u{1b}', '\u{2028}', '\u{2070}',
        ] {
            assert!(!is_format_character(c), "{}", code_point(c));
        }
        assert_eq!(format_character("ab\u{202e}c\u{200b}"), Some('\u{202e}'));
        assert_eq!(code_point('\u{202e}'), "U+202E");
        assert_eq!(code_point('\u{e0001}'), "U+E0001");
    }

    /// A figure is a number of its own: "type 1", "p99" or "dom0" are names, not figures
    /// (a student saw the page's note on a text's figures under texts without a number).
    #[test]
    fn a_text_quotes_a_figure_only_with_a_number_of_its_own() {
        assert!(!quotes_a_figure(
            "Type 1 runs the device model; on type 2 it is a process."
        ));
        assert!(!quotes_a_figure("the p99 of dom0 on L2 (x86)"));
        assert!(!quotes_a_figure("Type 2는 호스트 OS에 의존합니다."));
        assert!(quotes_a_figure("This type 1 has no host OS at all (0%)."));
        assert!(quotes_a_figure("about 3000 cycles"));
        assert!(quotes_a_figure("Type 1은 12.04%"));
        assert!(!quotes_a_figure(
            "{relative_performance_percent:vm-2}% of native"
        ));
        assert!(quotes_a_figure("{{literal}} 3%"));
        // Written with a hyphen, and in Korean's word (an instructor's type-1 host).
        assert!(!quotes_a_figure("VMs on one type-1 host"));
        assert!(!quotes_a_figure("하나의 타입 1 호스트에서"));
        assert!(quotes_a_figure("타입 1 호스트에서 12%"));
    }
}
