//! Integration tests for the quote, cue and source layers through the
//! public API: the reference article's targets (issue 5), the gold texts in
//! tests/quotes/ (every gold direct quote found with its exact span), and
//! laws that hold for any input (quote spans lie in the text, point at
//! existing cue and source spans, direct quotes run mark to mark).

use std::collections::HashMap;

use newslens::internals::doc::Value;
use newslens::{Document, Label, Layer, Options, Span, annotate};
use proptest::prelude::*;

fn doc(text: &str) -> Document {
    annotate(text, &Options::default()).expect("annotates")
}

fn attr<'a>(s: &'a Span, k: &str) -> Option<&'a str> {
    s.attrs.get(k).and_then(Value::as_str)
}

fn id_attr(s: &Span, k: &str) -> Option<u32> {
    match s.attrs.get(k) {
        Some(Value::Int(n)) => u32::try_from(*n).ok(),
        _ => None,
    }
}

fn seed() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/seed-article.txt");
    std::fs::read_to_string(path).expect("seed article in ../shared/data")
}

#[test]
fn reference_article_direct_quotes_and_speakers() {
    let text = seed();
    let d = doc(&text);
    let by_id: HashMap<u32, &Span> = d.spans.iter().map(|s| (s.id, s)).collect();
    let direct: Vec<&Span> = d.spans.iter().filter(|s| s.layer == Layer::Quote && s.label == Label::Direct).collect();
    assert_eq!(direct.len(), 2, "two direct quotes");
    assert!(text[direct[0].start_byte..].starts_with("“The factions"));
    assert!(text[..direct[0].end_byte].ends_with("form,”"));
    assert_eq!(attr(direct[0], "speaker_name"), Some("Izzat al-Shahbndar"));
    let he = id_attr(direct[0], "speaker").and_then(|id| by_id.get(&id)).expect("speaker span");
    assert_eq!(&text[he.start_byte..he.end_byte], "he");
    assert_eq!(attr(direct[1], "speaker_name"), Some("a commander of Kataib Hezbollah"));
    let src = id_attr(direct[1], "speaker").and_then(|id| by_id.get(&id)).expect("speaker span");
    assert_eq!(src.label, Label::Anonymous);
    let cue = id_attr(direct[1], "cue").and_then(|id| by_id.get(&id)).expect("cue span");
    assert_eq!(&text[cue.start_byte..cue.end_byte], "said");
}

#[test]
fn reference_article_reported_speech_sources_and_scare_quote() {
    let text = seed();
    let d = doc(&text);
    let by_id: HashMap<u32, &Span> = d.spans.iter().map(|s| (s.id, s)).collect();
    let reported: Vec<(String, String)> = d
        .spans
        .iter()
        .filter(|s| s.layer == Layer::Quote && s.label == Label::Indirect)
        .map(|s| {
            let cue =
                id_attr(s, "cue").and_then(|id| by_id.get(&id)).map(|c| text[c.start_byte..c.end_byte].to_string());
            (attr(s, "speaker_name").unwrap_or("").to_string(), cue.unwrap_or_default())
        })
        .collect();
    for (speaker, cue) in [
        ("Izzat al-Shahbndar", "said"),
        ("The militia commanders", "said"),
        ("Prime Minister Sudani’s advisor", "said"),
        ("Security officials", "said"),
        ("a US official", "expressed skepticism about"),
    ] {
        assert!(reported.iter().any(|(s, c)| s == speaker && c == cue), "{speaker} / {cue} in {reported:?}");
    }
    let scare: Vec<&str> = d
        .spans
        .iter()
        .filter(|s| s.layer == Layer::Quote && s.label == Label::Scare)
        .map(|s| &text[s.start_byte..s.end_byte])
        .collect();
    assert_eq!(scare, vec!["“Axis of Resistance”"]);
    let anonymous: Vec<&str> = d
        .spans
        .iter()
        .filter(|s| s.layer == Layer::Source && s.label == Label::Anonymous)
        .map(|s| &text[s.start_byte..s.end_byte])
        .collect();
    for a in [
        "senior commanders and Iraqi officials",
        "sources including six militia commanders",
        "Security officials",
        "a US official",
    ] {
        assert!(anonymous.contains(&a), "{a} anonymous in {anonymous:?}");
    }
    let us = d
        .spans
        .iter()
        .find(|s| s.layer == Layer::Source && &text[s.start_byte..s.end_byte] == "a US official")
        .expect("source");
    assert_eq!(attr(us, "role"), Some("official"));
    assert_eq!(attr(us, "affiliation"), Some("US"));
    let s = d.summaries.get("sourcing").expect("sourcing summary");
    assert!(s["anonymous"].as_u64().unwrap_or(0) >= 5, "{s}");
    assert!(s["anonymous_sentence_share"].as_f64().unwrap_or(0.0) > 0.3, "{s}");
}

/// Every direct quote of the gold texts is found with its exact span.
#[test]
fn gold_direct_quotes_are_found_exactly() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/quotes/gold.jsonl");
    let src = std::fs::read_to_string(path).expect("gold");
    let mut total = 0;
    for line in src.lines().filter(|l| !l.is_empty()) {
        let g: serde_json::Value = serde_json::from_str(line).expect("json");
        let text = g["text"].as_str().expect("text");
        let d = doc(text);
        // code point offsets of the predicted direct quotes
        let cp = |b: usize| text[..b].chars().count() as u64;
        let found: Vec<(u64, u64)> = d
            .spans
            .iter()
            .filter(|s| s.layer == Layer::Quote && s.label == Label::Direct)
            .map(|s| (cp(s.start_byte), cp(s.end_byte)))
            .collect();
        for q in g["quotes"].as_array().expect("quotes").iter().filter(|q| q["kind"] == "direct") {
            total += 1;
            let want = (q["start"].as_u64().unwrap_or(0), q["end"].as_u64().unwrap_or(0));
            assert!(found.contains(&want), "{}: {want:?} not in {found:?}", g["id"]);
        }
    }
    assert!(total >= 15);
}

#[test]
fn typewriter_marks_and_run_on_paragraphs() {
    let text = "``We will appeal,'' she said.\n\"First part.\n\"Second part,\" Tom Baker said.";
    let d = doc(text);
    let quotes: Vec<&str> =
        d.spans.iter().filter(|s| s.layer == Layer::Quote).map(|s| &text[s.start_byte..s.end_byte]).collect();
    assert_eq!(quotes, vec!["``We will appeal,''", "\"First part.", "\"Second part,\""]);
}

#[test]
fn only_requested_layers_are_returned() {
    let d = annotate("“Yes,” he said.", &Options::with_layers(&[Layer::Quote])).expect("annotates");
    assert!(d.spans.iter().all(|s| s.layer == Layer::Quote));
    assert_eq!(d.spans.len(), 1);
}

const FRAGMENTS: &[&str] = &[
    "“",
    "”",
    "\"",
    "''",
    "``",
    "‘",
    "’",
    "'",
    " said ",
    " he said",
    ", according to ",
    "told Reuters ",
    "Gen. Smith",
    "a US official",
    "Security officials",
    ": ",
    ", ",
    ". ",
    "\n",
    "\n\n",
    "expressed skepticism about ",
    "the plan",
    "We want peace",
    "al-Sudani",
    "👍🏽",
    "العراق",
    "could",
    "no deal is finalized",
    " and ",
    " but said ",
];

proptest! {
    #[test]
    fn quote_spans_are_sound(parts in proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..40)) {
        let text: String = parts.concat();
        let d = doc(&text);
        let by_id: HashMap<u32, &Span> = d.spans.iter().map(|s| (s.id, s)).collect();
        for s in d.spans.iter().filter(|s| matches!(s.layer, Layer::Quote | Layer::Cue | Layer::Source | Layer::Hedge)) {
            prop_assert!(s.start_byte <= s.end_byte && s.end_byte <= text.len());
            prop_assert!(text.is_char_boundary(s.start_byte) && text.is_char_boundary(s.end_byte));
            if s.layer == Layer::Quote {
                if let Some(c) = id_attr(s, "cue") {
                    prop_assert_eq!(by_id.get(&c).map(|x| x.layer), Some(Layer::Cue));
                }
                if let Some(c) = id_attr(s, "speaker") {
                    prop_assert_eq!(by_id.get(&c).map(|x| x.layer), Some(Layer::Source));
                }
                if s.label == Label::Direct || s.label == Label::Scare {
                    let q = &text[s.start_byte..s.end_byte];
                    prop_assert!(q.starts_with(['“', '"', '`', '„', '«']) || q.starts_with("''"), "{:?}", q);
                }
            }
        }
    }
}
