//! What must hold for any text: the checks that the fuzz targets and
//! `tests/fuzz_inputs.rs` (which includes this file by path) run on every
//! input. Each failed law panics with what it found, which is what libFuzzer
//! reports as a crash.
//!
//! - `annotate` accepts every text up to the size limit and does not panic;
//! - spans are non-empty, in bounds, on character boundaries, have unique
//!   ids and come in the documented order (start, longer first, layer rank,
//!   id);
//! - with every layer asked for, attrs that name a span id
//!   (`speaker`, `cue`, `entity_span`, `antecedent`) name one in the
//!   document, attrs that name an entity (`entity`, `speaker_entity`,
//!   `country_entity`) name a card of the `entities` summary, and each
//!   card's mentions are spans of the document;
//! - the stats count what the spans show (chars, sentences, paragraphs);
//! - two runs give byte-identical JSON, whichever way it is made: the
//!   hand-written writer the CLI uses ([`newslens::internals::wire::write_parts_json`])
//!   on [`newslens::internals::annotate_parts`], and serde_json on
//!   [`newslens::internals::wire::to_wire`] of [`newslens::annotate`] (its whole floats
//!   written as JS writes them, `0` for `0.0`, as the CLI and the wasm do);
//!   and it parses.
//!
//! Every check is linear in the output, so the fuzzer's time limit measures
//! the library, not the checks.

use std::collections::HashSet;

use newslens::internals::{annotate_parts, wire};
use newslens::{Layer, Options, Span, Value, annotate};

/// Attrs whose value is the id of another span.
const SPAN_ID_ATTRS: &[&str] = &["speaker", "cue", "entity_span", "antecedent"];
/// Attrs whose value is the id of an entity card ("e1", ...).
const ENTITY_ATTRS: &[&str] = &["entity", "speaker_entity", "country_entity"];

/// Checks every law on `text` annotated with `options`; panics on the first
/// that fails.
pub fn check(text: &str, options: &Options) {
    let doc = match annotate(text, options) {
        Ok(doc) => doc,
        Err(e) => {
            assert!(text.len() > newslens::MAX_INPUT_BYTES, "annotate refused {} bytes: {e}", text.len());
            return;
        }
    };
    check_spans(text, &doc.spans);
    let every_layer = Layer::ALL.iter().all(|l| options.wants(*l));
    // A span's attrs name spans of the result with any layers; the cards'
    // mentions are entity and mention spans, there only with every layer.
    check_references(&doc, every_layer);
    if every_layer {
        check_stats(text, &doc);
    }

    // The CLI's writer on the other entry point, and serde on this one.
    let parts = annotate_parts(text, options).expect("annotate_parts refused what annotate accepted");
    let mut by_hand = Vec::new();
    wire::write_parts_json(&mut by_hand, text, &parts).expect("write_parts_json failed");
    let wired = wire::to_wire(text, &doc).expect("to_wire failed");
    let by_serde = js_numbers(&serde_json::to_vec(&wired).expect("serde_json failed"));
    if by_hand != by_serde {
        let at = by_hand.iter().zip(&by_serde).position(|(a, b)| a != b).unwrap_or(by_hand.len().min(by_serde.len()));
        let around = |json: &[u8]| String::from_utf8_lossy(&json[at.saturating_sub(80)..(at + 80).min(json.len())]).into_owned();
        panic!("two runs give different JSON at byte {at}:\n  write_parts_json: {}\n  serde to_wire:    {}", around(&by_hand), around(&by_serde));
    }
    // Parsed, not built: a `serde_json::Value` per span was most of the
    // laws' time and memory on a 1 MiB input.
    serde_json::from_slice::<serde::de::IgnoredAny>(&by_hand).expect("the JSON does not parse");
}

/// serde_json's JSON with each float (a number written with `.` or an
/// exponent) rewritten as JS's `JSON.stringify` and the CLI write it
/// ([`wire::write_js_number`]: `0` for `0.0`, `99999999811688850` for
/// `9.999999981168885e16`); integers and strings are copied as they are.
/// Only the `.0` was dropped at first: the fuzzer's corpus then found the
/// CARDINAL `value` of "99999999999999999" written both ways.
fn js_numbers(json: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    let mut i = 0;
    while i < json.len() {
        let b = json[i];
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
        } else if b == b'-' || b.is_ascii_digit() {
            let len = json[i..].iter().take_while(|c| c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E')).count();
            let token = &json[i..i + len];
            let float = token.iter().any(|c| matches!(c, b'.' | b'e' | b'E'));
            match std::str::from_utf8(token).ok().and_then(|t| t.parse::<f64>().ok()).filter(|_| float) {
                Some(x) => wire::write_js_number(&mut out, x).expect("writing to a Vec"),
                None => out.extend_from_slice(token),
            }
            i += len;
            continue;
        }
        out.push(b);
        i += 1;
    }
    out
}

fn check_spans(text: &str, spans: &[Span]) {
    let mut ids = HashSet::with_capacity(spans.len());
    for (i, s) in spans.iter().enumerate() {
        assert!(s.start_byte < s.end_byte, "empty or reversed span {s:?}");
        assert!(s.end_byte <= text.len(), "span {s:?} past the end ({} bytes)", text.len());
        assert!(text.is_char_boundary(s.start_byte) && text.is_char_boundary(s.end_byte), "span {s:?} splits a character");
        assert!(ids.insert(s.id), "duplicate id {}", s.id);
        if let Some(p) = i.checked_sub(1).map(|j| &spans[j]) {
            let key = |s: &Span| (s.start_byte, std::cmp::Reverse(s.end_byte), s.layer.rank(), s.id);
            assert!(key(p) < key(s), "spans out of order: {p:?} before {s:?}");
        }
    }
}

fn check_references(doc: &newslens::Document, every_layer: bool) {
    let ids: HashSet<u32> = doc.spans.iter().map(|s| s.id).collect();
    let cards = doc.summaries.entities().unwrap_or_default();
    let card_ids: HashSet<&str> = cards.iter().map(|c| c.id.as_str()).collect();
    for s in &doc.spans {
        for (key, value) in s.attrs.iter() {
            match value {
                Value::Int(n) if SPAN_ID_ATTRS.contains(key) => {
                    assert!(u32::try_from(*n).is_ok_and(|id| ids.contains(&id)), "span {} has {key}={n}, no such span", s.id);
                }
                Value::Ids(list) => {
                    for id in list {
                        assert!(ids.contains(id), "span {} has {key} naming {id}, no such span", s.id);
                    }
                }
                Value::Str(e) if ENTITY_ATTRS.contains(key) => {
                    assert!(card_ids.contains(&**e), "span {} has {key}={e:?}, no such entity card", s.id);
                }
                _ => assert!(!SPAN_ID_ATTRS.contains(key), "span {} has {key}={value:?}, not a span id", s.id),
            }
        }
    }
    if !every_layer {
        return;
    }
    for card in cards {
        assert!(ids.contains(&card.first_mention), "card {} first_mention {} is no span", card.id, card.first_mention);
        assert_eq!(card.mentions.first(), Some(&card.first_mention), "card {}: first_mention is not its first mention", card.id);
        for m in &card.mentions {
            assert!(ids.contains(m), "card {} mention {m} is no span", card.id);
        }
        if let Some(c) = &card.country_entity {
            assert!(card_ids.contains(c.as_str()), "card {} country_entity {c} is no card", card.id);
        }
    }
}

fn check_stats(text: &str, doc: &newslens::Document) {
    let count = |layer: Layer| doc.spans.iter().filter(|s| s.layer == layer).count();
    assert_eq!(doc.stats.chars, text.chars().count(), "stats.chars");
    assert_eq!(doc.stats.sentences, count(Layer::Sentence), "stats.sentences");
    assert_eq!(doc.stats.paragraphs, count(Layer::Paragraph), "stats.paragraphs");
}
