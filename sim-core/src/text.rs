//! Bilingual text: every user-facing string the core produces comes in Korean and English.

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
    /// `"ko"` is Korean; anything else English.
    pub fn from_code(code: &str) -> Lang {
        if code == "ko" {
            Lang::Ko
        } else {
            Lang::En
        }
    }
}

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

/// The digits of a whole number with its thousands separated by commas ("46,095,543,562"),
/// as the tables print counts and rates.
pub(crate) fn thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The Unicode format characters (general category Cf, Unicode 15.1): invisible, or
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

/// `c` as `U+202E`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
