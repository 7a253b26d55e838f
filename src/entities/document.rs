//! The document pass over named entities: a short name or acronym takes
//! the type of the organisation it belongs to, and context seen at one
//! mention of a name counts for all of them.
//!
//! News introduces a company or body once in full ("Norvale Mining Corp",
//! "the National Union of Mineworkers") and then calls it "Norvale" or
//! "the NUM". Alone, those words look like a surname or a place to the
//! tagger, which sees one sentence at a time; the document knows better:
//! * the first word of a multi-word ORG ("Norvale"), unless it is too
//!   general ("National") or a known place or personal name, and the
//!   initials of its capitalised words ("NUM"), unless the gazetteer knows
//!   them as a country, are that organisation's short names: PERSON spans
//!   with the first word and any span with the initials become ORG, and
//!   stand-alone capitalised mentions the tagger missed are added as ORG;
//! * a name that context marked as an organisation in one sentence
//!   ("Norvale shares rose", see [`super::repair`]) is an ORG in every
//!   sentence, unless it is a known place or starts with a given name.
//!
//! A short name that the document also writes in lower case is a common
//! word ("This" of "This Week"), not a name, and is dropped.
//!
//! Cost: one pass over the entities, and two over the tokens only when
//! the document has a short name to look for: linear in the text.

use super::Entity;
use super::gazetteer::{self, Class, has};
use super::repair::{cues, holds};
use crate::doc::{Attrs, Label};
use crate::hash::{FastMap, FastSet};
use crate::text::Segmentation;

/// Labels the pass may turn into ORG.
fn relabelable(label: Label) -> bool {
    matches!(label, Label::Person | Label::Gpe | Label::Loc | Label::Fac | Label::Norp)
}

/// Applies the pass to `ents` (sorted, flat) of `text`; `cued` holds the
/// names context marked as organisations.
pub fn apply(text: &str, seg: &Segmentation, ents: &mut Vec<Entity>, cued: &FastSet<&str>) {
    let g = gazetteer::get();
    let c = cues();
    let name = |e: &Entity| text.get(e.start_byte..e.end_byte).unwrap_or("");
    let place = Class::Country.bit() | Class::City.bit() | Class::Region.bit() | Class::Loc.bit() | Class::Norp.bit();
    let mut buf = String::new();
    // Short names of the document's organisations.
    let mut short: FastSet<&str> = FastSet::default();
    let mut acronyms: FastSet<String> = FastSet::default();
    let mut initials = String::new();
    for e in ents.iter().filter(|e| e.label == Label::Org) {
        let n = name(e);
        let mut words = n.split([' ', '\n']).filter(|w| !w.is_empty());
        let Some(first) = words.next() else { continue };
        let Some(second) = words.next() else { continue };
        let fc = g.classes(first);
        let word_like = first.len() >= 3 && first.chars().all(char::is_alphabetic) && !first.chars().all(char::is_uppercase);
        // Places, people's names, titles, head words and dates name other
        // things as often ("Fairmont State University", "Watson Inc").
        let other = place
            | Class::Given.bit()
            | Class::Surname.bit()
            | Class::Title.bit()
            | Class::OrgHead.bit()
            | Class::Temporal.bit();
        let general = holds(&c.org_generic, first, &mut buf) || fc & other != 0;
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
    drop_common_words(text, seg, &mut short);
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
        // A short name turns a "person" into the organisation; a span the
        // tagger took for a place stays one (towns share names with their
        // firms and colleges). Acronyms and context decide for any label.
        let by_short = short.contains(n) && e.label == Label::Person;
        if (by_short || acronyms.contains(n) || cued.contains(n)) && !known {
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
    let word = |k: usize| seg.tokens.get(k).and_then(|t| text.get(t.start()..t.end())).unwrap_or("");
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
        // "in Fairmont", "near Paxton": a place of the same name.
        let at_place = k > 0 && matches!(word(k - 1), "in" | "near" | "from");
        if joined(k + 1) || before || at_place {
            continue;
        }
        while ents.get(j).is_some_and(|e| e.end_byte <= t.start()) {
            j += 1;
        }
        if ents.get(j).is_some_and(|e| e.start_byte < t.end()) {
            continue;
        }
        added.push(Entity { start_byte: t.start(), end_byte: t.end(), label: Label::Org, attrs: Attrs::new() });
    }
    if !added.is_empty() {
        ents.extend(added);
        crate::sort::sort_by_key(ents, |e| crate::sort::pair(e.start_byte, e.end_byte));
    }
}

/// Whether token `k` is the first of its sentence.
fn starts_sentence(seg: &Segmentation, k: usize) -> bool {
    seg.sentence_tokens.binary_search_by(|r| r.start.cmp(&k)).is_ok()
}

/// Drops from `short` the words that the document also writes in lower
/// case ("This", "People", "Distance"): a company's name is not written
/// so, a common word at the start of a sentence or a title is.
///
/// One pass over the tokens; a length and first-letter mask turns away
/// almost every token before any hashing.
fn drop_common_words(text: &str, seg: &Segmentation, short: &mut FastSet<&str>) {
    if short.is_empty() {
        return;
    }
    let mut lower: FastMap<String, &str> = FastMap::default();
    let (mut lens, mut firsts) = (0u64, 0u32);
    for &w in short.iter() {
        let l = w.to_lowercase();
        lens |= 1 << l.len().min(63);
        firsts |= l.bytes().next().filter(u8::is_ascii_lowercase).map_or(0, |b| 1 << (b - b'a'));
        lower.insert(l, w);
    }
    for t in &seg.tokens {
        let b = text.as_bytes().get(t.start()).copied().unwrap_or(0);
        if !b.is_ascii_lowercase() || firsts & (1 << (b - b'a')) == 0 || lens & (1 << (t.end() - t.start()).min(63)) == 0 {
            continue;
        }
        if let Some(w) = text.get(t.start()..t.end()).and_then(|w| lower.remove(w)) {
            short.remove(w);
            if short.is_empty() {
                return;
            }
        }
    }
}
