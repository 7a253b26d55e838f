//! The document pass over named entities: a short name or acronym takes
//! the type of the organisation it belongs to, and context seen at one
//! mention of a name counts for all of them.
//!
//! News introduces a company or body once in full ("Norvale Mining Corp",
//! "the National Union of Mineworkers") and then calls it "Norvale" or
//! "the NUM". Alone, those words look like a surname or a place to the
//! tagger, which sees one sentence at a time; the document knows better:
//! * the first word of a multi-word ORG ("Norvale"), unless it is too
//!   general ("National") or a known place or given name, and the
//!   initials of its capitalised words ("NUM"), unless the gazetteer knows
//!   them as a country, are that organisation's short names: spans with
//!   those names become ORG, and capitalised mentions the tagger missed
//!   are added as ORG;
//! * a name that context marked as an organisation in one sentence
//!   ("Norvale shares rose", see [`super::repair`]) is an ORG in every
//!   sentence, unless it is a known place or starts with a given name.
//!
//! Cost: one pass over the entities, and one over the tokens only when
//! the document has a short name to look for: linear in the text.

use super::Entity;
use super::gazetteer::{self, Class, has};
use super::repair::{cues, holds};
use crate::doc::{Attrs, Label};
use crate::hash::FnvSet;
use crate::text::Segmentation;

/// Labels the pass may turn into ORG.
fn relabelable(label: Label) -> bool {
    matches!(label, Label::Person | Label::Gpe | Label::Loc | Label::Fac | Label::Norp)
}

/// Applies the pass to `ents` (sorted, flat) of `text`; `cued` holds the
/// names context marked as organisations.
pub fn apply(text: &str, seg: &Segmentation, ents: &mut Vec<Entity>, cued: &FnvSet<&str>) {
    let g = gazetteer::get();
    let c = cues();
    let name = |e: &Entity| text.get(e.start_byte..e.end_byte).unwrap_or("");
    let place = Class::Country.bit() | Class::City.bit() | Class::Region.bit() | Class::Loc.bit() | Class::Norp.bit();
    let mut buf = String::new();
    // Short names of the document's organisations.
    let mut short: FnvSet<&str> = FnvSet::default();
    let mut acronyms: FnvSet<String> = FnvSet::default();
    let mut initials = String::new();
    for e in ents.iter().filter(|e| e.label == Label::Org) {
        let n = name(e);
        let mut words = n.split([' ', '\n']).filter(|w| !w.is_empty());
        let Some(first) = words.next() else { continue };
        let Some(second) = words.next() else { continue };
        let fc = g.classes(first);
        let word_like = first.len() >= 3 && first.chars().all(char::is_alphabetic) && !first.chars().all(char::is_uppercase);
        let general = holds(&c.org_generic, first, &mut buf)
            || fc & (place | Class::Given.bit() | Class::Title.bit() | Class::OrgHead.bit() | Class::Temporal.bit()) != 0;
        let starts_cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        if word_like && starts_cap(first) && starts_cap(second) && !general {
            short.insert(first);
        }
        initials.clear();
        initials.extend(n.split([' ', '\n', '-']).filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()));
        if initials.len() >= 3 && !has(g.classes(&initials), Class::Country) && !acronyms.contains(initials.as_str()) {
            acronyms.insert(initials.clone());
        }
    }
    if short.is_empty() && acronyms.is_empty() && cued.is_empty() {
        return;
    }
    for e in ents.iter_mut() {
        if !relabelable(e.label) {
            continue;
        }
        let n = name(e);
        let first = n.split(' ').next().unwrap_or("");
        let fc = g.classes(first);
        let known = g.classes(n) & place != 0 || (has(fc, Class::Given) && n.len() > first.len());
        if (short.contains(n) || acronyms.contains(n) || cued.contains(n)) && !known {
            e.label = Label::Org;
        }
    }
    if short.is_empty() && acronyms.is_empty() {
        return;
    }
    // Mentions of a short name that no span covers, standing alone: next
    // to another capitalised word or a number it is part of some other
    // name or title ("Greatest Hockey Players", "Battlefield 1").
    let mut added = Vec::new();
    let mut j = 0;
    let word = |k: usize| seg.tokens.get(k).and_then(|t| text.get(t.start..t.end)).unwrap_or("");
    let joined = |k: usize| {
        let w = word(k);
        w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    for (k, t) in seg.tokens.iter().enumerate() {
        let w = word(k);
        if !w.chars().next().is_some_and(char::is_uppercase) || !(short.contains(w) || acronyms.contains(w)) {
            continue;
        }
        let before = k > 0 && joined(k - 1) && !starts_sentence(seg, k) && !holds(&c.function_word, word(k - 1), &mut buf);
        if joined(k + 1) || before {
            continue;
        }
        while ents.get(j).is_some_and(|e| e.end_byte <= t.start) {
            j += 1;
        }
        if ents.get(j).is_some_and(|e| e.start_byte < t.end) {
            continue;
        }
        added.push(Entity { start_byte: t.start, end_byte: t.end, label: Label::Org, attrs: Attrs::new() });
    }
    if !added.is_empty() {
        ents.extend(added);
        ents.sort_by_key(|e| (e.start_byte, e.end_byte));
    }
}

/// Whether token `k` is the first of its sentence.
fn starts_sentence(seg: &Segmentation, k: usize) -> bool {
    seg.sentence_tokens.binary_search_by(|r| r.start.cmp(&k)).is_ok()
}
