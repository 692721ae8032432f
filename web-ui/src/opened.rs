//! A file the user opens (a scenario into the editor, an assignment): read as bytes and
//! taken only as UTF-8 text, as the CLI reads files (`sim_core::scenario::text_of`), so
//! that a file in another encoding is refused with the CLI's words instead of showing
//! replacement characters.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::i18n::Lang;

/// The text of an opened file's bytes, or why it is refused, in the CLI's words
/// ("x.toml:1:1: the file is not valid UTF-8 text (byte 0xff at byte offset 0); save it
/// as UTF-8"; a UTF-16 file by its byte-order mark, Latin-1 letters). A UTF-8 byte-order mark is left out of the
/// text: the CLI reads such a file as the same scenario and counts no column for it.
pub fn text_of(file: &str, bytes: Vec<u8>, lang: Lang) -> Result<String, String> {
    let text =
        crate::sim::scenario::text_of(file, bytes).map_err(|e| e.to_string_in(lang.core()))?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Why a file of `size` bytes, more than `limit`, is not opened: its size and the limit,
/// in the words of `key` (`editor.too_big` for a scenario, `course.too_big` for an
/// assignment): "the assignment file is too large: 1,500,000 bytes; at most 1 MiB
/// (1,048,576 bytes) is accepted" (it said only "too large", without the limit).
pub fn too_large(lang: Lang, key: &'static str, size: f64, limit: usize) -> String {
    const KIB: usize = 1024;
    let unit = if limit % (KIB * KIB) == 0 {
        format!("{} MiB", limit / (KIB * KIB))
    } else if limit % KIB == 0 {
        format!("{} KiB", limit / KIB)
    } else {
        format!("{} B", crate::num::int(limit as u64))
    };
    crate::i18n::t(lang, key)
        .replacen("{}", &crate::num::int(size.max(0.0) as u64), 1)
        .replacen("{}", &unit, 1)
        .replacen("{}", &crate::num::int(limit as u64), 1)
}

/// Reads `file` as bytes (never the browser's decoding, which would take any bytes) and
/// hands `done` its text or the message that refuses it ([`text_of`]).
pub fn read(file: &web_sys::File, lang: Lang, done: impl FnOnce(Result<String, String>) + 'static) {
    let Ok(reader) = web_sys::FileReader::new() else {
        return;
    };
    let name = file.name();
    let r2 = reader.clone();
    let onload = Closure::once(move || {
        if let Ok(buffer) = r2.result() {
            let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
            done(text_of(&name, bytes, lang));
        }
    });
    reader.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    let _ = reader.read_as_array_buffer(file);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file too large to open says its size and the limit, as the CLI's message does,
    /// in both languages (an assignment's said only "the assignment file is too large").
    #[test]
    fn a_file_too_large_says_its_size_and_the_limit() {
        let assignment = crate::sim::assignment::MAX_ASSIGNMENT_BYTES;
        assert_eq!(
            too_large(Lang::En, "course.too_big", 1_500_000.0, assignment),
            "the assignment file is too large: 1,500,000 bytes; at most 1 MiB (1,048,576 bytes) is accepted"
        );
        assert_eq!(
            too_large(Lang::Ko, "course.too_big", 1_500_000.0, assignment),
            "과제 파일이 너무 큽니다: 1,500,000바이트입니다. 최대 1 MiB(1,048,576바이트)까지 받습니다"
        );
        let scenario = crate::state::MAX_SCENARIO_BYTES;
        assert_eq!(
            too_large(Lang::En, "editor.too_big", 300_000.0, scenario),
            "the scenario file is too large: 300,000 bytes; at most 256 KiB (262,144 bytes) is accepted"
        );
        assert_eq!(
            too_large(Lang::Ko, "editor.too_big", 300_000.0, scenario),
            "시나리오 파일이 너무 큽니다: 300,000바이트입니다. 최대 256 KiB(262,144바이트)까지 받습니다"
        );
    }

    #[test]
    fn only_utf8_is_taken_with_the_clis_words() {
        // UTF-16 with its byte-order mark: named as such, in both languages.
        let utf16: Vec<u8> = [0xff, 0xfe, b'[', 0, b's', 0].to_vec();
        assert_eq!(
            text_of("x.toml", utf16.clone(), Lang::En).unwrap_err(),
            "x.toml:1:1: the file is UTF-16 text (it starts with the byte-order mark 0xff 0xfe); save it as UTF-8"
        );
        assert_eq!(
            text_of("x.toml", utf16, Lang::Ko).unwrap_err(),
            "x.toml:1:1: 파일이 UTF-16 텍스트입니다 (바이트 순서 표시 0xff 0xfe로 시작합니다). UTF-8로 저장하세요"
        );
        // A stray byte at the start: refused at it.
        assert_eq!(
            text_of("x.toml", [0xff, b'['].to_vec(), Lang::En).unwrap_err(),
            "x.toml:1:1: the file is not valid UTF-8 text (byte 0xff at byte offset 0); save it as UTF-8"
        );
        // A Latin-1 letter, located at its line and column.
        let latin1 = b"[scenario]\nname = \"caf\xe9\"\n".to_vec();
        let e = text_of("a.toml", latin1, Lang::En).unwrap_err();
        assert!(
            e.starts_with("a.toml:2:12: the file is not valid UTF-8 text (byte 0xe9"),
            "{e}"
        );
        // UTF-8, with or without a byte-order mark, is the same text (the CLI accepts both).
        let text = "[scenario]\nname = \"한국\"\n";
        assert_eq!(
            text_of("a.toml", text.as_bytes().to_vec(), Lang::En).unwrap(),
            text
        );
        let with_bom = [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat();
        assert_eq!(text_of("a.toml", with_bom, Lang::En).unwrap(), text);
        // An invalid byte after a byte-order mark is at the CLI's offset (the mark counted).
        let e = text_of("a.toml", b"\xef\xbb\xbfab\xff".to_vec(), Lang::En).unwrap_err();
        assert!(e.contains("byte 0xff at byte offset 5"), "{e}");
    }
}
