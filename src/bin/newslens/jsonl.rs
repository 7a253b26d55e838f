//! One JSON Lines input line in, one answer out.
//!
//! The line's own fields go back under `"input"`, each value as the very
//! bytes it had (a `&RawValue`, never a parsed number: `1e5` stays `1e5`,
//! a 30-digit id keeps its digits) and in the line's order; the Document's
//! own keys follow, so no input field can shadow or overwrite one. A line
//! that cannot be annotated is answered with an `"error"` object in place of
//! the Document, so output line N always answers input line N.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use newslens::Options;
use newslens::internals::{annotate_parts, wire};

use crate::args::Format;
use crate::read::{Line, MAX_LINE_BYTES};

/// How lines are answered.
pub struct Settings {
    pub format: Format,
    pub options: Options,
    pub drop_text: bool,
}

/// The answer to one line: what to write, and the error, when there was one.
pub struct Answer {
    pub bytes: Vec<u8>,
    pub error: Option<String>,
}

/// A JSON object's members in order, values as written.
struct Fields<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> Visitor<'de> for Members {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields<'de>, A::Error> {
                let mut fields = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    fields.push(entry);
                }
                Ok(Fields(fields))
            }
        }
        deserializer.deserialize_map(Members)
    }
}

/// Answers `line`.
pub fn answer(line: &Line, settings: &Settings) -> Answer {
    let mut out = Vec::new();
    let failed = |out: &mut Vec<u8>, input: Option<&Fields>, message: String| {
        if settings.format == Format::Json {
            out.extend_from_slice(b"{\"input\":");
            match input {
                Some(fields) => write_fields(out, fields, settings.drop_text),
                None => out.extend_from_slice(b"null"),
            }
            out.extend_from_slice(b",\"error\":{\"line\":");
            out.extend_from_slice(line.number.to_string().as_bytes());
            out.extend_from_slice(b",\"message\":");
            wire::write_json_str(out, &message);
            out.extend_from_slice(b"}}\n");
        }
        Some(message)
    };
    let Some(bytes) = &line.bytes else {
        let error = failed(&mut out, None, format!("the line is longer than {MAX_LINE_BYTES} bytes"));
        return Answer { bytes: out, error };
    };
    let text = match std::str::from_utf8(bytes) {
        // A byte order mark may open the file.
        Ok(text) if line.number == 1 => text.strip_prefix('\u{feff}').unwrap_or(text),
        Ok(text) => text,
        Err(e) => {
            let error = failed(&mut out, None, format!("not UTF-8 (the byte at offset {} is not valid UTF-8)", e.valid_up_to()));
            return Answer { bytes: out, error };
        }
    };
    if text.trim_ascii().is_empty() {
        let error = failed(&mut out, None, "a blank line, not a JSON object".into());
        return Answer { bytes: out, error };
    }
    let fields: Fields = match serde_json::from_str(text) {
        Ok(fields) => fields,
        Err(e) => {
            let error = failed(&mut out, None, format!("not a JSON object: {e}"));
            return Answer { bytes: out, error };
        }
    };
    // As JSON.parse would: the last of repeated keys wins.
    let Some((_, raw)) = fields.0.iter().rev().find(|(k, _)| k == "text") else {
        let error = failed(&mut out, Some(&fields), "no \"text\" field".into());
        return Answer { bytes: out, error };
    };
    let Some(text) = decode_json_string(raw.get()) else {
        let error = failed(&mut out, Some(&fields), "\"text\" is not a string".into());
        return Answer { bytes: out, error };
    };
    let parts = match annotate_parts(&text, &settings.options) {
        Ok(parts) => parts,
        Err(e) => {
            let error = failed(&mut out, Some(&fields), e.to_string());
            return Answer { bytes: out, error };
        }
    };
    let written = match settings.format {
        Format::Json => {
            out.extend_from_slice(b"{\"input\":");
            write_fields(&mut out, &fields, settings.drop_text);
            out.push(b',');
            // The Document without its opening brace.
            let at = out.len();
            wire::write_parts_json(&mut out, &text, &parts).map(|()| {
                out.remove(at);
                out.push(b'\n');
            })
        }
        Format::Spans => {
            // The input's `id` as written, else the line number.
            let number = line.number.to_string();
            let id = fields.0.iter().rev().find(|(k, _)| k == "id").map_or(number.as_bytes(), |(_, v)| v.get().as_bytes());
            wire::write_span_rows(&mut out, id, &text, &parts)
        }
        // A usage error with --jsonl (see `args`): nothing to write.
        Format::Text => Ok(()),
    };
    match written {
        Ok(()) => Answer { bytes: out, error: None },
        Err(e) => {
            out.clear();
            let error = failed(&mut out, Some(&fields), e.to_string());
            Answer { bytes: out, error }
        }
    }
}

/// The fields as a JSON object: keys re-escaped (the same strings), values
/// as their raw bytes.
fn write_fields(out: &mut Vec<u8>, fields: &Fields, drop_text: bool) {
    out.push(b'{');
    let mut first = true;
    for (key, value) in &fields.0 {
        if drop_text && key == "text" {
            continue;
        }
        if !std::mem::take(&mut first) {
            out.push(b',');
        }
        wire::write_json_str(out, key);
        out.push(b':');
        out.extend_from_slice(value.get().as_bytes());
    }
    out.push(b'}');
}

/// The string a JSON string literal (quotes included, as serde_json
/// checked it) stands for, or `None` when `raw` is not a string. A lone
/// surrogate escape (`\ud800` without its pair) becomes U+FFFD, as the wasm
/// API makes of a JS string's lone surrogate, so both see the same text and
/// give the same offsets (one UTF-16 unit either way).
pub fn decode_json_string(raw: &str) -> Option<String> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    let bytes = inner.as_bytes();
    let mut out = String::with_capacity(inner.len());
    let (mut i, mut plain_from) = (0, 0);
    let hex4 = |at: usize| -> Option<u16> { u16::from_str_radix(inner.get(at..at + 4)?, 16).ok() };
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        out.push_str(&inner[plain_from..i]);
        let escape = *bytes.get(i + 1)?;
        i += 2;
        match escape {
            b'"' => out.push('"'),
            b'\\' => out.push('\\'),
            b'/' => out.push('/'),
            b'b' => out.push('\u{8}'),
            b'f' => out.push('\u{c}'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'u' => {
                let unit = hex4(i)?;
                i += 4;
                let c = match unit {
                    0xD800..=0xDBFF => {
                        // A high surrogate: a pair only with a low one next.
                        let low = (inner.get(i..i + 2) == Some("\\u")).then(|| hex4(i + 2)).flatten();
                        match low {
                            Some(low @ 0xDC00..=0xDFFF) => {
                                i += 6;
                                char::from_u32(0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00))
                            }
                            _ => None,
                        }
                    }
                    _ => char::from_u32(u32::from(unit)),
                };
                out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
            }
            _ => return None,
        }
        plain_from = i;
    }
    out.push_str(&inner[plain_from..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::decode_json_string as decode;

    #[test]
    fn strings_decode_as_json_parse_reads_them_with_lone_surrogates_replaced() {
        // Where serde_json can read the string, both agree.
        for raw in [r#""""#, r#""plain""#, r#""a\"b\\c\/d\b\f\n\r\t""#, r#""\u00e9\u4eac \ud83d\udc4d é""#, r#""\u0000""#] {
            assert_eq!(decode(raw), serde_json::from_str::<String>(raw).ok(), "{raw}");
        }
        let fffd = "\u{fffd}";
        assert_eq!(decode(r#""a\ud800b""#).as_deref(), Some(format!("a{fffd}b").as_str()));
        assert_eq!(decode(r#""\udc00""#).as_deref(), Some(fffd));
        // A high surrogate before another high one, then a real pair.
        assert_eq!(decode(r#""\ud800\ud83d\udc4d""#).as_deref(), Some(format!("{fffd}👍").as_str()));
        assert_eq!(decode(r#""\ud800\u0041""#).as_deref(), Some(format!("{fffd}A").as_str()));
        assert_eq!(decode(r#""end\ud800""#).as_deref(), Some(format!("end{fffd}").as_str()));
        assert_eq!(decode("12"), None);
        assert_eq!(decode("null"), None);
        assert_eq!(decode("[\"a\"]"), None);
    }
}
