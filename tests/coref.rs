//! Coreference through the public API: the reference article with the
//! entity issue's list of entities, the gold texts in `tests/coref/` with
//! their gold mentions (chains must come out as in gold for the links the
//! layer claims), the full pipeline's wire form, and a property that the
//! layer never panics and stays consistent on arbitrary spans.

use std::collections::{BTreeMap, HashMap};

use newslens::internals::doc::{Attrs, Label, Layer, SpanSink, Value};
use newslens::internals::context::Context;
use proptest::prelude::*;

fn repo() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs coref alone over `text` with entity spans at `spans` (byte ranges).
fn coref<'a>(text: &'a str, spans: &[(usize, usize, Label)]) -> Context<'a> {
    let mut sink = SpanSink::new();
    for &(s, e, l) in spans {
        sink.push(Layer::Entity, l, s, e, Attrs::new());
    }
    let mut cx = Context {
        text,
        seg: newslens::internals::text::segment(text),
        sink,
        summaries: Default::default(),
    };
    newslens::internals::coref::annotate(&mut cx);
    cx
}

fn entity(attrs: &Attrs) -> Option<&str> {
    attrs.get("entity").and_then(Value::as_str)
}

/// Whole-word byte ranges of `names` in `text`, longest names first, no overlaps.
fn tag(text: &str, names: &[(&str, Label)]) -> Vec<(usize, usize, Label)> {
    let mut out: Vec<(usize, usize, Label)> = Vec::new();
    let mut names = names.to_vec();
    names.sort_by_key(|n| std::cmp::Reverse(n.0.len()));
    for (name, label) in names {
        for (b, _) in text.match_indices(name) {
            let e = b + name.len();
            let before = text[..b].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after = text[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if before && after && !out.iter().any(|&(s, t, _)| b < t && s < e) {
                out.push((b, e, label));
            }
        }
    }
    out.sort();
    out
}

/// The entity id of the span exactly at the `nth` occurrence of `needle`
/// inside the first occurrence of `context`.
fn ent_at(cx: &Context, needle: &str, context: &str) -> Option<String> {
    let base = cx.text.find(context)?;
    let off = base + cx.text[base..base + context.len()].find(needle)?;
    cx.sink
        .spans()
        .iter()
        .find(|s| {
            s.start_byte == off && s.end_byte == off + needle.len() && matches!(s.layer, Layer::Entity | Layer::Mention)
        })
        .and_then(|s| entity(&s.attrs).map(str::to_string))
}

#[test]
fn reference_article_chains() {
    let path = repo().join("..").join("shared").join("data").join("seed-article.txt");
    let text = std::fs::read_to_string(&path).expect("the reference article at ../shared/data/seed-article.txt");
    use Label::*;
    let spans = tag(
        &text,
        &[
            ("Islamic Resistance in Iraq", Org),
            ("Mohammed Shia al-Sudani", Person),
            ("Izzat al-Shahbndar", Person),
            ("Revolutionary Guards", Org),
            ("Kataib Hezbollah", Org),
            ("Washington", Gpe),
            ("Baghdad", Gpe),
            ("Iranian", Norp),
            ("Shi’ite", Norp),
            ("Houthis", Norp),
            ("Reuters", Org),
            ("Nujabaa", Org),
            ("Israel", Gpe),
            ("Sudani", Person),
            ("Iraqi", Norp),
            ("Trump", Person),
            ("Iraq", Gpe),
            ("Iran", Gpe),
            ("Gaza", Gpe),
            ("US", Gpe),
        ],
    );
    let cx = coref(&text, &spans);
    let sudani = ent_at(&cx, "Mohammed Shia al-Sudani", "Mohammed Shia al-Sudani").unwrap();
    assert_eq!(
        ent_at(&cx, "Sudani", "Prime Minister Sudani’s advisor"),
        Some(sudani.clone())
    );
    let irgc = ent_at(&cx, "IRGC", "(IRGC)").unwrap();
    assert_eq!(
        ent_at(&cx, "Revolutionary Guards", "Revolutionary Guards"),
        Some(irgc.clone())
    );
    let us = ent_at(&cx, "US", "with the US, according").unwrap();
    assert_eq!(ent_at(&cx, "Washington", "Washington has told"), Some(us.clone()));
    let iraq = ent_at(&cx, "Iraq", "militia groups in Iraq").unwrap();
    assert_eq!(ent_at(&cx, "Baghdad", "told Baghdad"), Some(iraq.clone()));
    let shahbndar = ent_at(&cx, "Izzat al-Shahbndar", "Izzat al-Shahbndar").unwrap();
    assert_eq!(ent_at(&cx, "he", "” he said"), Some(shahbndar.clone()));
    let iran = ent_at(&cx, "Iran", "Iran’s Revolutionary").unwrap();
    let iranian = ent_at(&cx, "Iranian", "Iranian-backed").unwrap();
    assert!(iran != iranian && iran != irgc && iranian != irgc);
    assert_ne!(
        ent_at(&cx, "Kataib Hezbollah", "Kataib Hezbollah and"),
        ent_at(&cx, "Nujabaa", "Nujabaa")
    );
    let iraqi = ent_at(&cx, "Iraqi", "Iraqi officials").unwrap();
    assert_ne!(iraqi, iraq);

    // Nothing else is merged: every chain is one surface form, except the
    // four multi-form chains above.
    let mut forms: HashMap<String, std::collections::BTreeSet<String>> = HashMap::new();
    for s in cx
        .sink
        .spans()
        .iter()
        .filter(|s| matches!(s.layer, Layer::Entity | Layer::Mention))
    {
        if let Some(e) = entity(&s.attrs) {
            forms
                .entry(e.to_string())
                .or_default()
                .insert(text[s.start_byte..s.end_byte].to_string());
        }
    }
    for (e, f) in &forms {
        if f.len() > 1 {
            assert!(
                [&sudani, &irgc, &us, &iraq, &shahbndar].contains(&e),
                "unexpected merge {f:?}"
            );
        }
    }
    // The summary: one card per entity, canonical names, sorted by salience.
    let cards = serde_json::to_value(cx.summaries.entities().unwrap()).unwrap();
    let cards = cards.as_array().unwrap();
    assert_eq!(cards.len(), forms.len());
    let card = |id: &str| cards.iter().find(|c| c["id"] == id).unwrap();
    assert_eq!(card(&sudani)["name"], "Mohammed Shia al-Sudani");
    assert_eq!(card(&irgc)["acronym"], "IRGC");
    assert_eq!(card(&us)["refers_to"], "United States government");
    assert_eq!(card(&iraqi)["country_entity"], iraq.as_str());
    let sal: Vec<f64> = cards.iter().map(|c| c["salience"].as_f64().unwrap()).collect();
    assert!(sal.windows(2).all(|w| w[0] >= w[1]));
    assert_eq!(cards[0]["id"], us.as_str(), "the US is the most mentioned actor");
}

/// Gold texts: with gold mentions given, every link the layer makes
/// between named mentions must be a gold link (precision), and at least
/// nine in ten gold links must be found.
#[test]
fn gold_texts_with_gold_mentions() {
    let raw = std::fs::read_to_string(repo().join("tests/coref/gold.jsonl")).unwrap();
    let (mut right, mut made, mut gold_links) = (0usize, 0usize, 0usize);
    for line in raw.lines().filter(|l| !l.is_empty()) {
        let doc: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = doc["text"].as_str().unwrap();
        let c2b: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        let mut gold: HashMap<(usize, usize), usize> = HashMap::new();
        let mut spans = Vec::new();
        for (ci, c) in doc["chains"].as_array().unwrap().iter().enumerate() {
            for m in c["mentions"].as_array().unwrap() {
                let s = c2b[m["start"].as_u64().unwrap() as usize];
                let e = c2b[m["end"].as_u64().unwrap() as usize];
                gold.insert((s, e), ci);
                let label = Label::from_name(m["label"].as_str().unwrap()).unwrap();
                if label != Label::Pronoun {
                    spans.push((s, e, label));
                }
            }
        }
        spans.sort();
        let cx = coref(text, &spans);
        let mut pred: Vec<((usize, usize), String)> = cx
            .sink
            .spans()
            .iter()
            .filter_map(|s| entity(&s.attrs).map(|e| ((s.start_byte, s.end_byte), e.to_string())))
            .collect();
        pred.sort();
        // Pairwise links between consecutive mentions of each predicted chain.
        let mut by: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
        for (m, e) in &pred {
            by.entry(e).or_default().push(*m);
        }
        for chain in by.values() {
            for w in chain.windows(2) {
                made += 1;
                if gold.contains_key(&w[0]) && gold.get(&w[0]) == gold.get(&w[1]) {
                    right += 1;
                }
            }
        }
        for c in doc["chains"].as_array().unwrap() {
            gold_links += c["mentions"].as_array().unwrap().len() - 1;
        }
    }
    assert!(made > 0);
    assert!(right as f64 / made as f64 >= 0.95, "link precision {right}/{made}");
    assert!(
        right as f64 / gold_links as f64 >= 0.9,
        "link recall {right}/{gold_links}"
    );
}

#[test]
fn pipeline_puts_entities_on_the_wire() {
    let text =
        "Maria Delgado, the mayor of Phoenix, said on Friday that the city would sue. \"We are ready,\" she said.";
    let doc = newslens::annotate(text, &newslens::Options::default()).unwrap();
    let wire = serde_json::to_value(newslens::internals::wire::to_wire(text, &doc).unwrap()).unwrap();
    let cards = wire["entities"].as_array().cloned().unwrap_or_default();
    // Whatever the entity layer finds, every named entity span gets an id
    // that a card lists, and every card's mentions carry its id.
    let ids: std::collections::HashSet<String> = cards.iter().map(|c| c["id"].as_str().unwrap().to_string()).collect();
    for s in doc
        .spans
        .iter()
        .filter(|s| s.layer == Layer::Entity && newslens::internals::coref::is_named(s.label))
    {
        assert!(entity(&s.attrs).is_some_and(|e| ids.contains(e)), "{s:?}");
    }
    for c in &cards {
        for m in c["mentions"].as_array().unwrap() {
            let span = doc
                .spans
                .iter()
                .find(|s| u64::from(s.id) == m.as_u64().unwrap())
                .unwrap();
            assert_eq!(entity(&span.attrs), c["id"].as_str());
        }
    }
    let json = newslens::internals::wire::to_wire(text, &doc).unwrap();
    let s = serde_json::to_string(&json).unwrap();
    assert!(s.contains("\"entities\""));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// Any text, any entity spans on char boundaries: no panic, every
    /// mention span in bounds, every pronoun's antecedent a real span of
    /// the same entity.
    #[test]
    fn never_panics_and_links_are_consistent(
        words in proptest::collection::vec(proptest::sample::select(vec![
            "He", "he", "said", "she", "they", "told", "Washington", "Baghdad", "US", "(", ")", "IRGC", "Iraq’s",
            "“", "”", "\"", ".", ",", "al-Sudani", "Sudani", "Mr.", "Smith", "Co.", "Boeing", "\n", "🙂", "é", "and", "has",
        ]), 0..60),
        picks in proptest::collection::vec((0usize..60, 1usize..4, 0usize..5), 0..20),
    ) {
        let text = words.join(" ");
        let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).filter(|&b| b == 0 || text.as_bytes()[b - 1] == b' ').collect();
        let labels = [Label::Person, Label::Gpe, Label::Org, Label::Norp, Label::Date];
        let mut spans = Vec::new();
        for (i, len, l) in picks {
            if starts.is_empty() { break; }
            let s = starts[i % starts.len()];
            let e = starts.get(i % starts.len() + len).map_or(text.len(), |&x| x.saturating_sub(1).max(s + 1));
            if text.is_char_boundary(e) && e > s && e <= text.len() {
                spans.push((s, e, labels[l]));
            }
        }
        spans.sort();
        let cx = coref(&text, &spans);
        for s in cx.sink.spans() {
            prop_assert!(s.start_byte <= s.end_byte && s.end_byte <= text.len());
            if s.layer == Layer::Mention && s.label == Label::Pronoun {
                let Some(Value::Int(a)) = s.attrs.get("antecedent") else { panic!("no antecedent") };
                let ante = cx.sink.get(u32::try_from(*a).unwrap()).unwrap();
                prop_assert_eq!(entity(&ante.attrs), entity(&s.attrs));
                let Some(Value::Num(c)) = s.attrs.get("confidence") else { panic!("no confidence") };
                prop_assert!((0.0..=1.0).contains(c), "confidence {}", c);
            }
        }
    }
}
