//! The `sourcing` summary: who the story rests on.
//!
//! Sources are counted as distinct people, organisations, groups and
//! documents, not as mentions: a pronoun resolved to a person and a later
//! surname count once (by coref entity id when there is one, else by
//! resolved name). "Sentences resting on an anonymous source" are the
//! sentences that hold an anonymous source's quote or its attribution; the
//! share is over all sentences of the text.

use std::collections::BTreeMap;

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

/// Word counts of many overlapping ranges of one text.
///
/// Counting each quote's words walks its text; quotes that overlap (the
/// indirect quotes of one huge unpunctuated sentence each run to its end)
/// made that quadratic. When the quotes together are longer than a few
/// times the text, the text's words are indexed once instead and each
/// count costs two binary searches. Both ways count as
/// [`crate::text::count_words`] does.
struct WordIndex {
    /// Maximal runs of non-whitespace, as byte ranges.
    runs: Vec<(u32, u32)>,
    /// `with_alnum[k]`: runs before run `k` that hold a letter or digit.
    with_alnum: Vec<u32>,
    /// Start bytes of the letters and digits.
    alnum: Vec<u32>,
}

impl WordIndex {
    fn new(text: &str) -> WordIndex {
        let mut ix = WordIndex { runs: Vec::new(), with_alnum: vec![0], alnum: Vec::new() };
        let mut open: Option<(u32, bool)> = None;
        let close = |ix: &mut WordIndex, start: u32, end: u32, has: bool| {
            ix.runs.push((start, end));
            let before = ix.with_alnum.last().copied().unwrap_or(0);
            ix.with_alnum.push(before + u32::from(has));
        };
        for (i, c) in text.char_indices() {
            // As `WordCount::feed`: its own ASCII classes, Unicode's beyond.
            let (space, alnum) = if c.is_ascii() {
                (matches!(c, ' ' | '\t'..='\r'), c.is_ascii_alphanumeric())
            } else {
                (c.is_whitespace(), c.is_alphanumeric())
            };
            let i = i as u32;
            if space {
                if let Some((start, has)) = open.take() {
                    close(&mut ix, start, i, has);
                }
                continue;
            }
            if alnum {
                ix.alnum.push(i);
            }
            let run = open.get_or_insert((i, false));
            run.1 |= alnum;
        }
        if let Some((start, has)) = open {
            close(&mut ix, start, text.len() as u32, has);
        }
        ix
    }

    /// Whether a letter or digit starts in `a..b`.
    fn alnum_in(&self, a: u32, b: u32) -> bool {
        let k = self.alnum.partition_point(|&p| p < a);
        self.alnum.get(k).is_some_and(|&p| p < b)
    }

    /// The words of `text[a..b]`.
    fn count(&self, a: usize, b: usize) -> usize {
        let (a, b) = (a as u32, b as u32);
        let i = self.runs.partition_point(|r| r.1 <= a);
        let j = self.runs.partition_point(|r| r.0 < b);
        if i >= j {
            return 0;
        }
        // The first and last runs may be cut by the range; those between
        // are whole.
        let part = |k: usize| {
            let (s, e) = self.runs[k];
            usize::from(self.alnum_in(s.max(a), e.min(b)))
        };
        if j == i + 1 {
            return part(i);
        }
        let whole = (self.with_alnum[j - 1] - self.with_alnum[i + 1]) as usize;
        part(i) + whole + part(j - 1)
    }
}

/// The number of sentences in the union of `ranges`.
fn union_len(mut ranges: Vec<std::ops::Range<usize>>) -> usize {
    ranges.sort_unstable_by_key(|r| r.start);
    let mut total = 0;
    let mut covered = 0; // everything below is counted
    for r in ranges {
        let start = r.start.max(covered);
        if r.end > start {
            total += r.end - start;
            covered = r.end;
        }
    }
    total
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
    // Sentence ranges, counted as a union at the end: a set of every
    // sentence of every range was quadratic on overlapping long quotes.
    let mut anonymous_sentences: Vec<std::ops::Range<usize>> = Vec::new();
    let quoted_bytes: usize = found
        .iter()
        .filter(|f| f.kind != Label::Scare && f.speaker.is_some())
        .map(|f| f.end.saturating_sub(f.start))
        .sum();
    let index = (quoted_bytes > 4 * text.len()).then(|| WordIndex::new(text));
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
        let words = match (text.get(f.start..f.end), &index) {
            (Some(_), Some(ix)) => ix.count(f.start, f.end),
            (quote, _) => quote.map_or(0, crate::text::count_words),
        };
        if let Some(row) = rows.get_mut(&key(sp)) {
            row.quotes += 1;
            row.quoted_words += words;
        }
        if sp.kind == Label::Anonymous {
            let (a, b) = match (seg.tokens.get(sp.t0), sp.t1.checked_sub(1).and_then(|i| seg.tokens.get(i))) {
                (Some(a), Some(b)) => (a.start(), b.end()),
                _ => (f.start, f.end),
            };
            anonymous_sentences.push(sentences(seg, f.start, f.end));
            anonymous_sentences.push(sentences(seg, a, b));
        }
    }
    let count = |kind: Label| order.iter().filter(|k| rows.get(*k).is_some_and(|r| r.kind == kind)).count();
    let total = seg.sentences.len();
    let anonymous_sentences = union_len(anonymous_sentences);
    let share = if total == 0 { 0.0 } else { anonymous_sentences as f64 / total as f64 };
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
        "anonymous_sentences": anonymous_sentences,
        "anonymous_sentence_share": share,
        "sources": list,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index counts every range as `count_words` does, on text with
    /// ASCII and Unicode spaces, punctuation-only words and non-ASCII letters.
    #[test]
    fn word_index_counts_as_count_words() {
        let text = "  He said: \u{2014} \"we’ll see,\"\u{a0}añadió\tJosé\u{2003}... 42 ,, x\n\nÉté -- fin  ";
        let ix = WordIndex::new(text);
        let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        for &a in &bounds {
            for &b in bounds.iter().filter(|&&b| b >= a) {
                assert_eq!(ix.count(a, b), crate::text::count_words(&text[a..b]), "{a}..{b}: {:?}", &text[a..b]);
            }
        }
    }

    #[test]
    fn union_counts_each_sentence_once() {
        assert_eq!(union_len(vec![3..5, 0..2, 4..9, 9..10, 1..1]), 9);
        assert_eq!(union_len(vec![]), 0);
    }
}
