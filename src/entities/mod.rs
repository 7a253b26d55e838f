//! The `entity` layer: people, organisations, places, groups, dates, numbers.
//!
//! A hybrid, each part doing what it does best:
//! 1. [`tagger`]: an averaged-perceptron BIO tagger over the hashed
//!    features of [`features`] (word, affixes, shape, capitalisation in
//!    context, gazetteer membership, neighbours, previous tags), trained by
//!    `cargo xtask train` on the openly licensed corpora and compiled in.
//!    It finds PERSON, NORP, FAC, ORG, GPE, LOC and EVENT.
//! 2. [`gazetteer`]: countries, cities, groups, names, titles and
//!    organisation words, as tagger features and for `attrs.country`.
//! 3. [`rules`]: what a tagger learns poorly from little data: titles
//!    before names, hyphens and possessives at span edges, acronyms in
//!    parentheses, demonyms, datelines.
//! 4. [`numeric`]: dates, times, money, percentages, quantities, ordinals
//!    and cardinals by rule, with normalised values. Rule spans win over
//!    tagger spans where they overlap, since the tagger never predicts
//!    those labels; named spans win over rule spans of other kinds where a
//!    rule span would cut through a name.
//!
//! Spans are flat (no overlaps) and on token boundaries, but for a
//! handle's name, which starts after its '@'.

mod document;
pub mod features;
pub mod gazetteer;
pub mod numeric;
mod repair;
pub mod rules;
pub mod tagger;

use crate::doc::{Attrs, Label, Layer, Value};
use crate::context::Context;
use crate::hash::FastSet;
use crate::text::Segmentation;

/// An entity found in a text: a labelled byte range with attrs.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// First byte, inclusive.
    pub start_byte: usize,
    /// Last byte, exclusive.
    pub end_byte: usize,
    /// OntoNotes label.
    pub label: Label,
    /// Normalised values, country of a place.
    pub attrs: Attrs,
}

/// Named entities of one sentence as token runs (first, end, label).
pub type Run = (usize, usize, Label);

/// Finds the named (non-numeric) entities of `text` with `model`.
pub fn find_named(text: &str, seg: &Segmentation, model: &tagger::Model) -> Vec<Entity> {
    let mut out = Vec::new();
    let mut sf = features::SentenceFeatures::default();
    let mut decoder = tagger::Decoder::new(model, seg.tokens.len());
    let mut tags = Vec::new();
    // Names that context marked as organisations, and scratch for them.
    let mut cued: FastSet<&str> = FastSet::default();
    let mut cued_runs = Vec::new();
    for s in 0..seg.sentences.len() {
        let Some(range) = seg.sentence_tokens.get(s) else { continue };
        let Some(tokens) = seg.tokens.get(range.clone()) else { continue };
        if tokens.is_empty() {
            continue;
        }
        decoder.tag(text, tokens, &mut sf, &mut tags);
        let mut runs: Vec<Run> =
            tagger::runs(&tags).into_iter().map(|(a, b, k)| (a, b, features::LABELS[k])).collect();
        let first_of_paragraph = s == 0 || seg.sentence_paragraph.get(s) != seg.sentence_paragraph.get(s - 1);
        rules::apply(text, tokens, &sf, first_of_paragraph, &mut runs);
        cued_runs.clear();
        repair::apply(text, tokens, &sf, &mut runs, &mut cued_runs);
        for &(a, b) in &cued_runs {
            if let (Some(first), Some(last)) = (tokens.get(a), b.checked_sub(1).and_then(|k| tokens.get(k)))
                && let Some(name) = text.get(first.start()..last.end())
            {
                cued.insert(name);
            }
        }
        for (a, b, label) in split_handles(tokens, runs) {
            let (Some(first), Some(last)) = (tokens.get(a), b.checked_sub(1).and_then(|k| tokens.get(k))) else {
                continue;
            };
            // A handle ("@nytimes") names its holder: the entity is the
            // name, the '@' is markup (as the Broad Twitter Corpus marks it).
            let start = first.start() + usize::from(first.kind() == Label::Handle);
            if start < last.end() {
                out.push(Entity { start_byte: start, end_byte: last.end(), label, attrs: Attrs::new() });
            }
        }
    }
    consistent_labels(text, &mut out);
    document::apply(text, seg, &mut out, &cued);
    for e in &mut out {
        if matches!(e.label, Label::Gpe | Label::Loc | Label::Fac | Label::Norp)
            && let Some(iso2) = text.get(e.start_byte..e.end_byte).and_then(rules::country_of)
        {
            e.attrs.insert("country", Value::name(iso2));
        }
    }
    out
}

/// Cuts runs around handles: a handle ("@bbcnews") is a whole name on its
/// own, so a run of several ("@ana @ben") is one entity per handle, and a
/// handle never extends the name before or after it. Most runs hold no
/// handle and pass through unchanged.
fn split_handles(tokens: &[crate::text::Token], runs: Vec<Run>) -> Vec<Run> {
    let is_handle = |k: usize| tokens.get(k).is_some_and(|t| t.kind() == Label::Handle);
    if !runs.iter().any(|&(a, b, _)| b > a + 1 && (a..b).any(is_handle)) {
        return runs;
    }
    let mut out = Vec::with_capacity(runs.len() + 2);
    for (a, b, label) in runs {
        let mut start = a;
        for k in a..b {
            if is_handle(k) {
                if start < k {
                    out.push((start, k, label));
                }
                out.push((k, k + 1, label));
                start = k + 1;
            }
        }
        if start < b {
            out.push((start, b, label));
        }
    }
    out
}

/// One name, one label per document: a name tagged with several labels
/// takes its most frequent one, and a one-word span that repeats the last
/// word of a longer PERSON name ("Sudani" after "Mohammed Shia al-Sudani")
/// is a PERSON. News repeats names, and the first, fuller mention usually
/// has the clearest context.
fn consistent_labels(text: &str, ents: &mut [Entity]) {
    use crate::hash::FastMap;
    let name = |e: &Entity| text.get(e.start_byte..e.end_byte).unwrap_or("");
    // The table hash and sized up front: on a long text these maps hold thousands of
    // names, and SipHash plus regrowth was a tenth of the tagger's cost.
    let mut votes: FastMap<&str, [u16; features::LABELS.len()]> =
        FastMap::with_capacity_and_hasher(ents.len(), Default::default());
    // A set, not a list: every entity is checked against every surname.
    let mut surnames: FastMap<&str, ()> = FastMap::default();
    for e in ents.iter() {
        if let Some(k) = features::LABELS.iter().position(|&l| l == e.label) {
            votes.entry(name(e)).or_default()[k] += 1;
        }
        if e.label == Label::Person {
            let n = name(e);
            if let Some(last) = n.rsplit([' ', '-']).next().filter(|w| w.len() < n.len() && w.len() > 2) {
                surnames.insert(last, ());
            }
        }
    }
    for e in ents.iter_mut() {
        let n = name(e);
        if surnames.contains_key(n) || n.strip_prefix("al-").is_some_and(|rest| surnames.contains_key(rest)) {
            e.label = Label::Person;
            continue;
        }
        let Some(v) = votes.get(n) else { continue };
        let Some(cur) = features::LABELS.iter().position(|&l| l == e.label) else { continue };
        if let Some((best, _)) = v.iter().enumerate().filter(|&(_, &c)| c > v[cur]).max_by_key(|&(_, &c)| c) {
            e.label = features::LABELS[best];
        }
    }
}

/// Merges rule spans (numeric) into named spans: keeps the list flat and
/// sorted. A rule span is dropped when it overlaps a named span that it
/// does not contain; otherwise it replaces the named spans inside it.
pub fn merge(named: Vec<Entity>, rules: Vec<Entity>) -> Vec<Entity> {
    if is_flat(&named) && is_flat(&rules) {
        return merge_linear(named, rules);
    }
    if is_flat(&named) && rules.iter().all(|r| r.start_byte < r.end_byte) {
        return merge_flat(named, rules);
    }
    merge_scan(named, rules)
}

/// [`merge`] when both lists are flat (what [`numeric::find`] returns):
/// one pass over both, no map. Rule spans are pairwise disjoint, so the
/// spans a rule span overlaps are named ones only (a named span that an
/// earlier rule span removed lay inside that rule span, so it cannot reach
/// this one), and each rule span's fate depends on the named spans alone:
/// kept when it contains every named span it overlaps. The kept spans of
/// both lists are disjoint, so merging them by start keeps the output
/// sorted, as the map of [`merge_flat`] did.
fn merge_linear(named: Vec<Entity>, rules: Vec<Entity>) -> Vec<Entity> {
    let mut removed = vec![false; named.len()];
    let mut keep = vec![false; rules.len()];
    let mut j = 0;
    for (r, rule) in rules.iter().enumerate() {
        while named.get(j).is_some_and(|n| n.end_byte <= rule.start_byte) {
            j += 1;
        }
        // Named spans j..k overlap the rule span (flat: their ends grow).
        let mut k = j;
        while named.get(k).is_some_and(|n| n.start_byte < rule.end_byte) {
            k += 1;
        }
        let contains_all = named[j..k].iter().all(|n| rule.start_byte <= n.start_byte && n.end_byte <= rule.end_byte);
        if contains_all {
            keep[r] = true;
            removed[j..k].fill(true);
        }
    }
    let mut out = Vec::with_capacity(named.len() + rules.len());
    let mut named = named.into_iter().zip(removed).filter(|(_, gone)| !gone).map(|(n, _)| n).peekable();
    for rule in rules.into_iter().zip(keep).filter(|(_, k)| *k).map(|(r, _)| r) {
        while let Some(n) = named.next_if(|n| n.start_byte < rule.start_byte) {
            out.push(n);
        }
        out.push(rule);
    }
    out.extend(named);
    out
}

/// [`merge`] for any input: each rule span scans all kept spans.
fn merge_scan(named: Vec<Entity>, rules: Vec<Entity>) -> Vec<Entity> {
    let mut out = named;
    for r in rules {
        let overlapping: Vec<usize> = out
            .iter()
            .enumerate()
            .filter(|(_, e)| e.start_byte < r.end_byte && r.start_byte < e.end_byte)
            .map(|(i, _)| i)
            .collect();
        let contains_all = overlapping.iter().all(|&i| r.start_byte <= out[i].start_byte && out[i].end_byte <= r.end_byte);
        let named_overlap = overlapping.iter().any(|&i| !is_numeric(out[i].label));
        if !contains_all && named_overlap {
            continue;
        }
        if overlapping.iter().any(|&i| is_numeric(out[i].label)) && !contains_all {
            continue;
        }
        for &i in overlapping.iter().rev() {
            out.remove(i);
        }
        out.push(r);
    }
    crate::sort::sort_by_key(&mut out, |e| crate::sort::pair(e.start_byte, e.end_byte));
    out
}

/// Whether `ents` are non-empty, sorted and pairwise disjoint.
fn is_flat(ents: &[Entity]) -> bool {
    ents.iter().all(|e| e.start_byte < e.end_byte) && ents.windows(2).all(|w| w[0].end_byte <= w[1].start_byte)
}

/// [`merge`] when the named spans are flat and no rule span is empty: the
/// same decisions in O(log n) per rule span instead of a scan of all spans.
/// The kept spans stay pairwise disjoint (a rule span goes in only after
/// every span it overlaps is removed), so in a map keyed by (start, end) the
/// spans overlapping `r` are the last ones before `r.end_byte` whose end is
/// after `r.start_byte`.
fn merge_flat(named: Vec<Entity>, rules: Vec<Entity>) -> Vec<Entity> {
    use std::collections::BTreeMap;
    // Filled by insertion (a later entity with the same bounds replaces an
    // earlier one, as collecting would): collecting sorts the input stably
    // first, a stable sort of entities that the .wasm then carries.
    let mut out: BTreeMap<(usize, usize), Entity> = BTreeMap::new();
    for e in named {
        out.insert((e.start_byte, e.end_byte), e);
    }
    let mut overlapping: Vec<(usize, usize)> = Vec::new();
    for r in rules {
        overlapping.clear();
        overlapping.extend(
            out.range(..(r.end_byte, 0)).rev().take_while(|&(&(_, end), _)| end > r.start_byte).map(|(&k, _)| k),
        );
        let contains_all = overlapping.iter().all(|&(s, e)| r.start_byte <= s && e <= r.end_byte);
        if !contains_all {
            // Overlapping something it does not contain: named or numeric,
            // the rule span is dropped (as in `merge`).
            continue;
        }
        for k in &overlapping {
            out.remove(k);
        }
        out.insert((r.start_byte, r.end_byte), r);
    }
    out.into_values().collect()
}

/// Whether `label` is one of the closed classes the rules find.
pub fn is_numeric(label: Label) -> bool {
    matches!(
        label,
        Label::Date | Label::Time | Label::Money | Label::Percent | Label::Quantity | Label::Ordinal | Label::Cardinal
    )
}

/// Finds every entity of `text`: named ones from the compiled-in model and
/// rules, closed classes from [`numeric`].
pub fn find(text: &str, seg: &Segmentation) -> Vec<Entity> {
    find_with(text, seg, tagger::model())
}

/// [`find`] with a given model (used by `cargo xtask train` / `eval-ner`).
pub fn find_with(text: &str, seg: &Segmentation, model: &tagger::Model) -> Vec<Entity> {
    let named = find_named(text, seg, model);
    let closed = numeric_spans(text, seg);
    merge(named, closed)
}

/// The closed-class spans from [`numeric`].
fn numeric_spans(text: &str, seg: &Segmentation) -> Vec<Entity> {
    numeric::find(text, seg)
        .into_iter()
        .map(|f| Entity { start_byte: f.start_byte, end_byte: f.end_byte, label: f.label, attrs: f.attrs })
        .collect()
}

/// Adds entity spans to `cx.sink`.
///
/// Never inlined into `pipeline::run`: one function per layer lets the
/// wasm engine compile (and tier up) each layer on its own, when first
/// reached, instead of one very large function at the first call.
#[inline(never)]
pub fn annotate(cx: &mut Context) {
    for e in find(cx.text, &cx.seg) {
        cx.sink.push(Layer::Entity, e.label, e.start_byte, e.end_byte, e.attrs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small xorshift yielding numbers below `n`, so that the randomized
    /// tests are deterministic without a dependency.
    fn xorshift(mut x: u64) -> impl FnMut(usize) -> usize {
        move |n| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        }
    }

    fn e(a: usize, b: usize, label: Label) -> Entity {
        Entity { start_byte: a, end_byte: b, label, attrs: Attrs::new() }
    }

    #[test]
    fn fast_merge_decides_as_the_scan() {
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
        let labels = [Label::Person, Label::Org, Label::Gpe, Label::Date, Label::Cardinal, Label::Money];
        for _ in 0..2000 {
            let mut named = Vec::new();
            let mut at = next(3);
            for _ in 0..next(6) {
                let len = 1 + next(5);
                named.push(e(at, at + len, labels[next(labels.len())]));
                at += len + next(3);
            }
            let rules: Vec<Entity> = (0..next(6))
                .map(|_| {
                    let a = next(30);
                    e(a, a + 1 + next(8), labels[3 + next(3)])
                })
                .collect();
            assert!(is_flat(&named));
            assert_eq!(merge_flat(named.clone(), rules.clone()), merge_scan(named, rules));
        }
    }

    #[test]
    fn linear_merge_decides_as_the_scan() {
        let mut next = xorshift(0x2545_f491_4f6c_dd1d);
        let labels = [Label::Person, Label::Org, Label::Gpe, Label::Date, Label::Cardinal, Label::Money];
        let flat = |next: &mut dyn FnMut(usize) -> usize, first: usize| {
            let mut v = Vec::new();
            let mut at = next(3);
            for _ in 0..next(7) {
                let len = 1 + next(5);
                v.push(e(at, at + len, labels[first + next(3)]));
                at += len + next(3);
            }
            v
        };
        for _ in 0..4000 {
            let named = flat(&mut next, 0);
            let rules = flat(&mut next, 3);
            assert!(is_flat(&named) && is_flat(&rules));
            assert_eq!(merge_linear(named.clone(), rules.clone()), merge_scan(named, rules));
        }
    }

    #[test]
    fn merge_keeps_flat_and_prefers_rules_for_numbers() {
        let named = vec![e(0, 4, Label::Gpe), e(10, 14, Label::Org)];
        let rules = vec![e(10, 20, Label::Date), e(2, 6, Label::Cardinal), e(30, 33, Label::Cardinal)];
        let got = merge(named, rules);
        let labels: Vec<_> = got.iter().map(|x| (x.start_byte, x.end_byte, x.label)).collect();
        assert_eq!(labels, vec![(0, 4, Label::Gpe), (10, 20, Label::Date), (30, 33, Label::Cardinal)]);
    }
}
