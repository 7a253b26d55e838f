//! Laws that hold for any input, checked with proptest: spans lie in bounds
//! on character boundaries and are sorted; tokens nest in sentences nest in
//! paragraphs; tokens plus blank gaps rebuild the text; byte and UTF-16
//! offsets round-trip. Inputs mix arbitrary Unicode with news fragments
//! (abbreviations, quotes, emoji sequences, Arabic, CJK, CRLF, controls) so
//! that the news-specific code paths are exercised, not just random noise.

use newslens::internals::text::{OffsetIndex, segment};
use newslens::internals::{annotate_parts, wire};
use newslens::{Layer, Options, annotate};
use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "U.S.", "Mr.", "Gen.", "Jan.", "p.m.", "No. 10", "J. R.", "3.5", "1,000", "$135 million", "“", "”", "‘", "’", "\"",
    "'", ",” he said.", "…", "...", "--", "—", "al-Sudani", "Iranian-backed", "Iraq’s", "Iraq's", "https://x.org/a?b",
    "news@example.com", "#Iraq", "@Reuters", "👨‍👩‍👧", "👍🏽", "🇮🇶", "e\u{301}", "العراق", "שלום", "北京是首都。",
    "\u{200b}", "\u{200d}", "\u{feff}", "\r\n", "\n", "\n\n", "\r", "\0", "\u{7}", "\t", " ", ". ", "? ", "! ",
    "The", "said", "according to", "could", "Baghdad", "(IRGC)", "\u{2028}", "\u{fffd}", "Prime Minister",
    "Kataib Hezbollah", "six", "January", "2003", "he said", "“We want peace,”", "no deal is finalized",
];

fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        1 => any::<String>(),
        1 => "[a-zA-Z]{1,8}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn is_gap_char(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{00ad}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn check_laws(text: &str) -> Result<(), TestCaseError> {
    let doc = annotate(text, &Options::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut ids = std::collections::HashSet::new();
    for (i, s) in doc.spans.iter().enumerate() {
        prop_assert!(s.start_byte < s.end_byte, "empty or reversed span {s:?}");
        prop_assert!(s.end_byte <= text.len());
        prop_assert!(text.is_char_boundary(s.start_byte) && text.is_char_boundary(s.end_byte));
        prop_assert!(ids.insert(s.id), "duplicate id {}", s.id);
        if i > 0 {
            let p = &doc.spans[i - 1];
            prop_assert!(
                (p.start_byte, std::cmp::Reverse(p.end_byte)) <= (s.start_byte, std::cmp::Reverse(s.end_byte)),
                "spans out of order"
            );
        }
    }
    let of = |layer: Layer| doc.spans.iter().filter(move |s| s.layer == layer);
    let inside = |inner: &newslens::Span, outer: Layer| {
        of(outer).any(|o| o.start_byte <= inner.start_byte && inner.end_byte <= o.end_byte)
    };
    for t in of(Layer::Token) {
        prop_assert!(inside(t, Layer::Sentence), "token {:?} outside sentences", &text[t.start_byte..t.end_byte]);
    }
    for s in of(Layer::Sentence) {
        prop_assert!(inside(s, Layer::Paragraph), "sentence outside paragraphs");
    }
    // Entities, cues, hedges and mentions lie inside one sentence's paragraph.
    for layer in [Layer::Entity, Layer::Hedge, Layer::Cue, Layer::Mention] {
        for s in of(layer) {
            prop_assert!(inside(s, Layer::Paragraph), "{layer:?} span outside paragraphs");
        }
    }
    // Tokens plus blank gaps rebuild the text: nothing visible is dropped.
    let mut covered = 0;
    for t in of(Layer::Token) {
        prop_assert!(t.start_byte >= covered, "overlapping tokens");
        prop_assert!(text[covered..t.start_byte].chars().all(is_gap_char), "dropped {:?}", &text[covered..t.start_byte]);
        covered = t.end_byte;
    }
    prop_assert!(text[covered..].chars().all(is_gap_char), "dropped tail {:?}", &text[covered..]);
    // The wire form converts every offset, and never splits a surrogate pair.
    let w = wire::to_wire(text, &doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let units: Vec<u16> = text.encode_utf16().collect();
    for s in &w.spans {
        prop_assert!(s.start < s.end && s.end <= units.len());
        prop_assert!(String::from_utf16(&units[s.start..s.end]).is_ok(), "span splits a surrogate pair");
    }
    Ok(())
}

/// Attrs whose whole number is a span id (README: "a quote's speaker span
/// id"); a list of ids (`Value::Ids`) is one under any key.
const ID_ATTRS: &[&str] = &["speaker", "cue", "entity_span", "antecedent"];

/// Every span id an attr names is the id of a span of the same document.
fn check_attr_ids(text: &str, options: &Options) -> Result<(), TestCaseError> {
    let doc = annotate(text, options).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let ids: std::collections::HashSet<u64> = doc.spans.iter().map(|s| u64::from(s.id)).collect();
    for s in &doc.spans {
        let attrs = serde_json::to_value(&s.attrs).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let Some(attrs) = attrs.as_object() else { continue };
        for (key, value) in attrs {
            let named: Vec<&serde_json::Value> = match value {
                serde_json::Value::Array(list) => list.iter().collect(),
                v if ID_ATTRS.contains(&key.as_str()) => vec![v],
                _ => continue,
            };
            for v in named {
                let id = v.as_u64();
                prop_assert!(id.is_some_and(|id| ids.contains(&id)), "{:?} span's {key} = {v} names no span", s.layer);
            }
        }
    }
    Ok(())
}

/// The CLI's JSON for `text`, as bytes.
fn json_of(text: &str, options: &Options) -> Result<Vec<u8>, TestCaseError> {
    let parts = annotate_parts(text, options).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut out = Vec::new();
    wire::write_parts_json(&mut out, text, &parts).map_err(|e| TestCaseError::fail(e.to_string()))?;
    Ok(out)
}

/// A subset of the layers, from a bit mask.
fn layers_of(mask: u16) -> Options {
    let layers: Vec<Layer> = Layer::ALL.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, &l)| l).collect();
    Options::with_layers(&layers)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    // With all layers, and with any of them left out: an attr that would
    // name a span of a layer not returned (a quote's cue with layers
    // [quote]) is left out with it.
    #[test]
    fn attrs_name_existing_spans(text in newsy(), mask in any::<u16>()) {
        check_attr_ids(&text, &Options::default())?;
        check_attr_ids(&text, &layers_of(mask))?;
    }

    #[test]
    fn the_same_input_gives_byte_identical_json(text in newsy(), mask in any::<u16>()) {
        let options = layers_of(mask);
        let first = json_of(&text, &Options::default())?;
        prop_assert_eq!(&first, &json_of(&text, &Options::default())?, "a second run differs");
        // On another thread too: no per-thread state (a hash seed, a cache)
        // may leak into the output.
        let again = std::thread::scope(|s| s.spawn(|| json_of(&text, &Options::default())).join());
        let again = again.map_err(|_| TestCaseError::fail("the annotating thread panicked"))??;
        prop_assert_eq!(&first, &again, "a run on another thread differs");
        prop_assert_eq!(json_of(&text, &options)?, json_of(&text, &options)?, "a second run with layers {:?} differs", options);
    }

    #[test]
    fn spans_obey_the_laws(text in newsy()) {
        check_laws(&text)?;
    }

    #[test]
    fn arbitrary_unicode_obeys_the_laws(text in any::<String>()) {
        check_laws(&text)?;
    }

    #[test]
    fn utf16_and_bytes_round_trip(text in newsy()) {
        let index = OffsetIndex::new(&text);
        let mut units = 0;
        for (byte, c) in text.char_indices() {
            prop_assert_eq!(index.to_utf16(byte), Some(units));
            prop_assert_eq!(index.to_utf8(units), Some(byte));
            units += c.len_utf16();
        }
        prop_assert_eq!(index.to_utf16(text.len()), Some(units));
        prop_assert_eq!(index.len_utf16(), text.encode_utf16().count());
    }

    #[test]
    fn sentences_do_not_depend_on_surrounding_blank_lines(text in newsy()) {
        let a = segment(&text).sentences.len();
        let padded = format!("\n\n{text}\n\n");
        prop_assert_eq!(a, segment(&padded).sentences.len());
    }
}
