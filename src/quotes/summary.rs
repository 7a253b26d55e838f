//! The `sourcing` summary: who the story rests on.
//!
//! Sources are counted as distinct people, organisations, groups and
//! documents, not as mentions: a pronoun resolved to a person and a later
//! surname count once (by coref entity id when there is one, else by
//! resolved name). "Sentences resting on an anonymous source" are the
//! sentences that hold an anonymous source's quote or its attribution; the
//! share is over all sentences of the text.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value as Json, json};

use crate::doc::{Label, Value};
use crate::text::Segmentation;

use super::Found;
use super::speakers::Speaker;

fn key(sp: &Speaker) -> String {
    match &sp.entity {
        Some(Value::Str(s)) => format!("entity:{s}"),
        Some(Value::Int(n)) => format!("entity:{n}"),
        _ => format!("name:{}", sp.name.to_lowercase()),
    }
}

/// Sentences overlapping `start..end`.
fn sentences(seg: &Segmentation, start: usize, end: usize) -> std::ops::Range<usize> {
    let a = seg.sentences.partition_point(|s| s.end <= start);
    let b = seg.sentences.partition_point(|s| s.start < end.max(start + 1));
    a..b.max(a)
}

/// Builds the summary from the quotes found and their speakers.
pub fn sourcing(text: &str, seg: &Segmentation, found: &[Found], speakers: &[Speaker]) -> Json {
    struct Row {
        name: String,
        kind: Label,
        role: Option<String>,
        affiliation: Option<String>,
        mentions: usize,
        quotes: usize,
        quoted_words: usize,
    }
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for sp in speakers {
        let k = key(sp);
        let row = rows.entry(k.clone()).or_insert_with(|| {
            order.push(k.clone());
            Row {
                name: sp.name.clone(),
                kind: sp.kind,
                role: None,
                affiliation: None,
                mentions: 0,
                quotes: 0,
                quoted_words: 0,
            }
        });
        row.mentions += 1;
        if row.role.is_none() {
            row.role = sp.role.clone();
        }
        if row.affiliation.is_none() {
            row.affiliation = sp.affiliation.clone();
        }
    }
    let mut anonymous_sentences: BTreeSet<usize> = BTreeSet::new();
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unattributed = 0;
    for f in found {
        *by_kind.entry(f.kind.name()).or_default() += 1;
        if f.kind == Label::Scare {
            continue;
        }
        let Some(sp) = f.speaker.and_then(|s| speakers.get(s)) else {
            unattributed += 1;
            continue;
        };
        let words = text.get(f.start..f.end).map_or(0, crate::text::count_words);
        if let Some(row) = rows.get_mut(&key(sp)) {
            row.quotes += 1;
            row.quoted_words += words;
        }
        if sp.kind == Label::Anonymous {
            let (a, b) = match (seg.tokens.get(sp.t0), sp.t1.checked_sub(1).and_then(|i| seg.tokens.get(i))) {
                (Some(a), Some(b)) => (a.start, b.end),
                _ => (f.start, f.end),
            };
            anonymous_sentences.extend(sentences(seg, f.start, f.end));
            anonymous_sentences.extend(sentences(seg, a, b));
        }
    }
    let count = |kind: Label| order.iter().filter(|k| rows.get(*k).is_some_and(|r| r.kind == kind)).count();
    let total = seg.sentences.len();
    let share = if total == 0 { 0.0 } else { anonymous_sentences.len() as f64 / total as f64 };
    let list: Vec<Json> = order
        .iter()
        .filter_map(|k| rows.get(k))
        .map(|r| {
            json!({
                "name": r.name,
                "kind": r.kind.name(),
                "role": r.role,
                "affiliation": r.affiliation,
                "mentions": r.mentions,
                "quotes": r.quotes,
                "quoted_words": r.quoted_words,
            })
        })
        .collect();
    json!({
        "distinct_sources": order.len(),
        "named": count(Label::NamedPerson) + count(Label::NamedOrganization),
        "named_people": count(Label::NamedPerson),
        "named_organizations": count(Label::NamedOrganization),
        "anonymous": count(Label::Anonymous),
        "documents": count(Label::Document),
        "quotes": by_kind,
        "unattributed_quotes": unattributed,
        "sentences": total,
        "anonymous_sentences": anonymous_sentences.len(),
        "anonymous_sentence_share": share,
        "sources": list,
    })
}
