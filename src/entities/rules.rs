//! Rules applied to the tagger's spans, for patterns a tagger learns poorly
//! from a few hundred thousand tokens of mixed-genre text.
//!
//! Each rule is small, local and runs over one sentence's tokens:
//! * edges: spans do not start or end on punctuation, hyphens or a
//!   possessive "’s"; a hyphen followed by a lower-case word ends a span
//!   ("Iranian-backed" -> NORP "Iranian"); a span with an inner possessive
//!   is split there ("Iran’s Revolutionary Guards" -> GPE + ORG);
//! * titles: a title before a capitalised name makes the name a PERSON,
//!   and titles are cut off PERSON spans ("Prime Minister Mohammed Shia
//!   al-Sudani" -> PERSON "Mohammed Shia al-Sudani", as OntoNotes does);
//! * acronyms in parentheses after a span take its label
//!   ("Revolutionary Guards (IRGC)" -> two ORG spans);
//! * demonyms and group words from the gazetteer are NORP;
//!   countries the tagger missed are GPE;
//! * wire datelines ("BAGHDAD (Reuters) -") give a GPE and an ORG.
//!
//! The rules never panic: every token index is checked.

use std::collections::BinaryHeap;

use super::Run;
use super::features::{self, SentenceFeatures};
use super::gazetteer::{self, Class, has};
use crate::doc::Label;
use crate::text::Token;

/// The ISO2 country of a place or group name, when the gazetteer knows it.
pub fn country_of(name: &str) -> Option<&'static str> {
    let g = gazetteer::get();
    let name = name.strip_prefix("the ").unwrap_or(name);
    g.get(name).and_then(|e| e.iso2)
}

/// One sentence's tokens with their gazetteer classes: what the rule
/// passes here and in `repair` read.
pub(super) struct Sent<'a> {
    pub(super) text: &'a str,
    pub(super) tokens: &'a [Token],
    pub(super) sf: &'a SentenceFeatures,
}

impl Sent<'_> {
    pub(super) fn word(&self, i: usize) -> &str {
        self.tokens.get(i).and_then(|t| self.text.get(t.start..t.end)).unwrap_or("")
    }
    fn is_cap_word(&self, i: usize) -> bool {
        let w = self.word(i);
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_alphabetic)
    }
    pub(super) fn is_lower_word(&self, i: usize) -> bool {
        self.word(i).chars().next().is_some_and(char::is_lowercase)
    }
    pub(super) fn gaz(&self, i: usize) -> u16 {
        self.sf.info.get(i).map_or(0, |x| x.gaz)
    }
    fn is_possessive(&self, i: usize) -> bool {
        matches!(self.word(i), "’s" | "'s" | "’" | "'" | "s’" | "s'")
    }
    fn is_edge_junk(&self, i: usize) -> bool {
        let w = self.word(i);
        self.is_possessive(i) || (!w.is_empty() && !w.chars().any(char::is_alphanumeric) && w != "&" && w != ".")
    }
    fn is_acronym(&self, i: usize) -> bool {
        let w = self.word(i);
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&' || c.is_ascii_digit())
    }
    fn is_dash(&self, i: usize) -> bool {
        matches!(self.word(i), "-" | "‑" | "–" | "—" | "--")
    }
    /// Whether token `i` touches a neighbour (no space before or after).
    fn touches(&self, i: usize) -> bool {
        let t = |k: usize| self.tokens.get(k);
        match (i.checked_sub(1).and_then(t), t(i), t(i + 1)) {
            (Some(p), Some(c), Some(n)) => p.end == c.start || c.end == n.start,
            _ => false,
        }
    }
    /// Classes of any token in `a..b`.
    fn gaz_any(&self, a: usize, b: usize) -> u16 {
        (a..b).fold(0, |acc, i| acc | self.gaz(i))
    }
    /// Whether a name may continue through token `i` (connector words and
    /// hyphens between name parts).
    fn is_name_connector(&self, i: usize) -> bool {
        matches!(self.word(i), "al" | "el" | "bin" | "ibn" | "bint" | "de" | "da" | "van" | "von" | "der" | "la" | "le" | "-" | "‑")
    }
}

/// Applies the rules to one sentence's runs, in place.
pub fn apply(text: &str, tokens: &[Token], sf: &SentenceFeatures, first_of_paragraph: bool, runs: &mut Vec<Run>) {
    let s = Sent { text, tokens, sf };
    let n = tokens.len();
    runs.retain(|&(a, b, _)| a < b && b <= n);
    trim_edges(&s, runs);
    merge_adjacent(&s, runs);
    split_possessives(&s, runs);
    org_words(&s, runs);
    titles(&s, runs);
    acronyms(&s, runs);
    norp_and_countries(&s, runs);
    of_and_in(&s, runs);
    coordination(&s, runs);
    people_split(&s, runs);
    appositive(&s, runs);
    results(&s, runs);
    if first_of_paragraph {
        dateline(&s, runs);
    }
    trim_edges(&s, runs);
    flatten(runs);
}

fn trim_edges(s: &Sent, runs: &mut Vec<Run>) {
    for run in runs.iter_mut() {
        let (mut a, mut b, label) = *run;
        // A hyphen followed by a lower-case word ends the span.
        if let Some(k) = (a + 1..b.saturating_sub(1)).find(|&k| matches!(s.word(k), "-" | "‑") && s.is_lower_word(k + 1)) {
            b = k;
        }
        // A dash with space around it separates ("Eduardo Tellechea - Associate").
        if let Some(k) = (a + 1..b).find(|&k| s.is_dash(k) && !s.touches(k)) {
            b = k;
        }
        while a < b && s.is_edge_junk(a) {
            a += 1;
        }
        while b > a && s.is_edge_junk(b - 1) {
            b -= 1;
        }
        // A score or count after a name is not part of it ("CHELSEA 2").
        if b > a + 1 && label != Label::Event && s.tokens[b - 1].kind == Label::Number {
            b -= 1;
        }
        *run = (a, b, label);
    }
    runs.retain(|&(a, b, _)| a < b);
}

fn place_label(s: &Sent, a: usize, b: usize) -> Option<Label> {
    let g = gazetteer::get();
    let start = s.tokens.get(a)?.start;
    let end = s.tokens.get(b.checked_sub(1)?)?.end;
    let c = g.classes(s.text.get(start..end)?);
    if has(c, Class::Country) || has(c, Class::City) || has(c, Class::Region) {
        Some(Label::Gpe)
    } else if has(c, Class::Loc) {
        Some(Label::Loc)
    } else {
        None
    }
}

fn split_possessives(s: &Sent, runs: &mut Vec<Run>) {
    let mut out = Vec::with_capacity(runs.len());
    for &(a, b, label) in runs.iter() {
        match (a + 1..b.saturating_sub(1)).find(|&k| s.is_possessive(k)) {
            Some(k) => {
                let left = place_label(s, a, k).unwrap_or(label);
                // "Madrid’s Kylian Mbappe": what follows a possessive and
                // starts with a given name is a person.
                let right = if has(s.gaz(k + 1), Class::Given) && s.is_cap_word(k + 2) && label != Label::Person {
                    Label::Person
                } else {
                    label
                };
                out.push((a, k, left));
                out.push((k + 1, b, right));
            }
            None => out.push((a, b, label)),
        }
    }
    *runs = out;
}

/// Joins runs that touch (no token between): the tagger often splits a
/// long name ("British Columbia" LOC + "Lottery Corporation" ORG). The
/// joined span is GPE if the gazetteer knows it as a place, ORG if it holds
/// an organisation word, else it takes the label of its last part (the head
/// of an English name comes last).
fn merge_adjacent(s: &Sent, runs: &mut Vec<Run>) {
    runs.sort_unstable();
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    // The gazetteer classes of the last run's tokens, grown with each merge
    // rather than folded over the whole merged span again (quadratic on a
    // sentence of a million touching runs, "U.S. U.S. …"). `place_label`
    // hashes the merged span, but the gazetteer turns away a string longer
    // than its longest key before hashing it.
    let mut last_gaz = 0;
    for &(a, b, label) in runs.iter() {
        if let Some(last) = out.last_mut() {
            if last.1 == a {
                last_gaz |= s.gaz_any(a, b);
                let g = last_gaz;
                let merged = if let Some(place) = place_label(s, last.0, b) {
                    place
                } else if g & (Class::OrgHead.bit() | Class::OrgSuffix.bit() | Class::OrgPrefix.bit()) != 0 {
                    Label::Org
                } else {
                    label
                };
                *last = (last.0, b, merged);
                continue;
            }
        }
        last_gaz = s.gaz_any(a, b);
        out.push((a, b, label));
    }
    *runs = out;
}

/// A PERSON or place span that starts with an organisation prefix
/// ("Kataib Hezbollah") or ends with an organisation head or company
/// suffix word ("... Brigades", "... Inc.") is an ORG.
fn org_words(s: &Sent, runs: &mut [Run]) {
    for run in runs.iter_mut() {
        let (a, b, label) = *run;
        if label == Label::Org || label == Label::Norp || b < a + 2 {
            continue;
        }
        let prefix = has(s.gaz(a), Class::OrgPrefix);
        let head = has(s.gaz(b - 1), Class::OrgHead) || has(s.gaz(b - 1), Class::OrgSuffix);
        if prefix || (head && label != Label::Fac && place_label(s, a, b).is_none()) {
            *run = (a, b, Label::Org);
        }
    }
}

/// "Axis of Resistance", "Bank of England": a capitalised word plus "of"
/// before an ORG joins it; "Islamic Resistance in Iraq": an ORG ending in an
/// organisation head word followed by "in" and a country joins it.
fn of_and_in(s: &Sent, runs: &mut Vec<Run>) {
    runs.sort_unstable();
    let mut buf = String::new();
    // Runs kept are moved down to `w` as they are done, and a joined run is
    // dropped by not moving it (a `remove` per join was quadratic on a
    // sentence of many joins). `runs[..w]` are the runs before the current
    // one, sorted by start; `max_end` (made on first need) holds their
    // running greatest end, so that whether a token is covered is a binary
    // search rather than a look at every run.
    let mut w = 0;
    let mut r = 0;
    let mut max_end: Vec<usize> = Vec::new();
    while r < runs.len() {
        let (a, b, label) = runs[r];
        // ORG + in + country.
        if label == Label::Org && s.word(b) == "in" && has(s.gaz(b - 1), Class::OrgHead) {
            if let Some(&(c, d, Label::Gpe)) = runs.get(r + 1) {
                if c == b + 1 && has(s.gaz_any(c, d), Class::Country) {
                    runs[r + 1] = (a, d, Label::Org);
                    r += 1;
                    continue;
                }
            }
        }
        // Cap + of + ORG.
        if label == Label::Org && a >= 2 && s.word(a - 1) == "of" && s.is_cap_word(a - 2) && !s.sf.headline {
            // Runs from `r` on start at or after `a`: only those before can
            // cover a token before `a`.
            if max_end.len() < w {
                let mut m = max_end.last().copied().unwrap_or(0);
                for &(_, y, _) in &runs[max_end.len()..w] {
                    m = m.max(y);
                    max_end.push(m);
                }
            }
            let covered_before = |t: usize| {
                let k = runs[..w].partition_point(|x| x.0 <= t);
                k > 0 && max_end[k - 1] > t
            };
            let mut start = a - 1;
            while start > 0 && s.is_cap_word(start - 1) && !covered_before(start - 1) {
                start -= 1;
            }
            let initial_only = start + 1 == a - 1 && s.sf.info.get(start).is_some_and(|x| x.initial);
            if start < a - 1 && !initial_only && title_at(s, start, &mut buf).is_none() {
                runs[r] = (start, b, Label::Org);
            }
        }
        runs[w] = runs[r];
        if !max_end.is_empty() {
            let m = max_end.last().copied().unwrap_or(0);
            max_end.push(m.max(runs[w].1));
        }
        w += 1;
        r += 1;
    }
    runs.truncate(w);
}

/// "Kataib Hezbollah and Nujabaa": a one-word PERSON span joined by "and"
/// or "or" to an ORG takes ORG, unless the gazetteer knows it as a name.
fn coordination(s: &Sent, runs: &mut [Run]) {
    for k in 0..runs.len() {
        let (a, b, label) = runs[k];
        if label != Label::Person || b != a + 1 {
            continue;
        }
        let g = s.gaz(a);
        if has(g, Class::Given) || has(g, Class::Surname) {
            continue;
        }
        let before = k > 0 && runs[k - 1].2 == Label::Org && runs[k - 1].1 + 1 == a && matches!(s.word(a - 1), "and" | "or");
        let after = runs.get(k + 1).is_some_and(|r| r.2 == Label::Org && r.0 == b + 1) && matches!(s.word(b), "and" | "or");
        if before || after {
            runs[k].2 = Label::Org;
        }
    }
}

/// One person's name holds no "and" or "or": greedy decoding sometimes
/// runs a PERSON span on through them ("Kiran Desai of India and Susan
/// Choi of Canada"). Such a span is cut there; each piece is a place if
/// the gazetteer knows it, else a person. (Cutting at every lower-case
/// word, "of" included, lost 0.8 F1 on GUM dev: names such as "Catherine
/// of Aragon" are people.)
fn people_split(s: &Sent, runs: &mut Vec<Run>) {
    let cut = |k: usize| matches!(s.word(k), "and" | "or");
    if !runs.iter().any(|&(a, b, l)| l == Label::Person && (a + 1..b).any(cut)) {
        return;
    }
    let mut out = Vec::with_capacity(runs.len() + 2);
    for &(a, b, label) in runs.iter() {
        if label != Label::Person || !(a + 1..b).any(cut) {
            out.push((a, b, label));
            continue;
        }
        let mut start = a;
        for k in a..=b {
            if k < b && !cut(k) {
                continue;
            }
            if start < k {
                out.push((start, k, place_label(s, start, k).unwrap_or(Label::Person)));
            }
            start = k + 1;
        }
    }
    *runs = out;
}

/// "X, the Y of Z": a name followed by an apposition whose head is a
/// person's role ("Ahmed Saleh, the militia's spokesman", "Lopez, a senior
/// adviser to ...") is a PERSON, whatever the tagger said. Places and
/// names holding organisation words are left alone.
fn appositive(s: &Sent, runs: &mut [Run]) {
    for run in runs.iter_mut() {
        let (a, b, label) = *run;
        if label == Label::Person || label == Label::Norp || s.word(b) != "," {
            continue;
        }
        if !matches!(s.word(b + 1), "the" | "a" | "an") {
            continue;
        }
        let g = s.gaz_any(a, b);
        let org = g & (Class::OrgHead.bit() | Class::OrgSuffix.bit() | Class::OrgPrefix.bit()) != 0;
        if org || place_label(s, a, b).is_some() {
            continue;
        }
        let role = (b + 2..(b + 7).min(s.tokens.len()))
            .take_while(|&k| s.word(k).chars().any(char::is_alphanumeric) || s.is_possessive(k))
            .any(|k| has(s.gaz(k), Class::Role) && s.is_lower_word(k));
        if role {
            *run = (a, b, Label::Person);
        }
    }
}

/// Sports results in wire copy ("Arsenal 2 Tottenham 1"): two names each
/// followed by a score are clubs, so ORG, whatever city they are named
/// after. Countries stay places (national teams are tagged as the country
/// in CoNLL and OntoNotes alike).
fn results(s: &Sent, runs: &mut [Run]) {
    let number = |i: usize| s.tokens.get(i).is_some_and(|t| t.kind == Label::Number);
    for k in 0..runs.len().saturating_sub(1) {
        let (a, b, first) = runs[k];
        let (c, d, second) = runs[k + 1];
        if first == Label::Person || second == Label::Person || !number(b) || c != b + 1 || !number(d) {
            continue;
        }
        for (k, x, y) in [(k, a, b), (k + 1, c, d)] {
            if !has(s.gaz_any(x, y), Class::Country) {
                runs[k].2 = Label::Org;
            }
        }
    }
}

/// Length of the title at `i`, if any (multi-word titles included).
fn title_at(s: &Sent, i: usize, buf: &mut String) -> Option<usize> {
    let want = Class::Title.bit() | Class::Role.bit();
    if !features::may_match(&s.sf.info, i, want) {
        return None;
    }
    gazetteer::get().longest_match(s.text, s.tokens, i, want, buf).map(|(len, _)| len)
}

/// The end of a capitalised name starting at `j`, if there is one.
fn name_end(s: &Sent, j: usize) -> Option<usize> {
    if !s.is_cap_word(j) || s.is_acronym(j) || title_at(s, j, &mut String::new()).is_some() {
        return None;
    }
    let g = s.gaz(j);
    if (has(g, Class::Norp) || has(g, Class::Country)) && !has(g, Class::Given) && !has(g, Class::Surname) {
        return None;
    }
    let mut k = j + 1;
    let mut end = k;
    while k < s.tokens.len() {
        let touching = s.tokens[k - 1].end == s.tokens[k].start;
        if s.is_cap_word(k) && !s.is_possessive(k) {
            k += 1;
            end = k;
        } else if s.is_name_connector(k) && (touching || s.word(k) != "-") {
            k += 1;
        } else {
            break;
        }
    }
    Some(end)
}

fn titles(s: &Sent, runs: &mut Vec<Run>) {
    if s.sf.headline {
        return;
    }
    let mut buf = String::new();
    // Cut titles off PERSON spans; what stood before the title keeps a
    // label of its own when it is a place or a group ("Ukrainian
    // President Volodymyr Zelenskiy" -> NORP + PERSON).
    let mut before = Vec::new();
    for run in runs.iter_mut() {
        let (a, b, label) = *run;
        if label != Label::Person {
            continue;
        }
        for k in a..b {
            let Some(len) = title_at(s, k, &mut buf) else { continue };
            if k + len < b && s.is_cap_word(k + len) {
                if k > a {
                    let g = s.gaz_any(a, k);
                    if let Some(l) = place_label(s, a, k).or(has(g, Class::Norp).then_some(Label::Norp)) {
                        before.push((a, k, l));
                    }
                }
                *run = (k + len, b, label);
                break;
            }
        }
    }
    runs.extend(before);
    // A PERSON span that is nothing but a title ("Mr. President", "Madam
    // Speaker") names no one.
    runs.retain(|&(a, b, label)| label != Label::Person || title_at(s, a, &mut buf) != Some(b - a));
    // Title + capitalised name -> PERSON. A name replaces the runs it
    // overlaps; they are dropped in one pass at the end (a pass per name was
    // quadratic on a long sentence of names). Until then, a non-PERSON run
    // covering token `i` was replaced if it starts before the last name's
    // end (names come left to right, so it overlapped that name), and the
    // runs that may cover `i` wait in a heap by end: a look at its top, not
    // at every run.
    let mut names: Vec<(usize, usize)> = Vec::new();
    let mut others: Option<Vec<(usize, usize)>> = None;
    let mut open: BinaryHeap<(usize, usize)> = BinaryHeap::new();
    let mut next = 0;
    let mut last_end = 0;
    let mut i = 0;
    while i < s.tokens.len() {
        let Some(len) = title_at(s, i, &mut buf) else {
            i += 1;
            continue;
        };
        let j = i + len;
        // A span that already starts at or covers the title (an ORG such as
        // "General Motors") is left alone.
        let others = others.get_or_insert_with(|| {
            let mut v: Vec<(usize, usize)> = runs.iter().filter(|r| r.2 != Label::Person).map(|r| (r.0, r.1)).collect();
            v.sort_unstable();
            v
        });
        while let Some(&(a, b)) = others.get(next).filter(|r| r.0 <= i) {
            open.push((b, a));
            next += 1;
        }
        while open.peek().is_some_and(|&(b, a)| b <= i || a < last_end) {
            open.pop();
        }
        let covered = !open.is_empty();
        if let (false, Some(end)) = (covered, name_end(s, j)) {
            names.push((j, end));
            last_end = end;
            i = end;
        } else {
            i = j;
        }
    }
    if !names.is_empty() {
        // A run goes when it overlaps a name: the first name ending after
        // its start is the only one that can.
        runs.retain(|&(a, b, _)| {
            let k = names.partition_point(|&(_, end)| end <= a);
            names.get(k).is_none_or(|&(j, _)| j >= b)
        });
        runs.extend(names.iter().map(|&(j, end)| (j, end, Label::Person)));
    }
    runs.sort_unstable();
}

fn acronyms(s: &Sent, runs: &mut Vec<Run>) {
    let mut add = Vec::new();
    for &(_, b, label) in runs.iter() {
        if s.word(b) == "(" && s.word(b + 2) == ")" && s.is_acronym(b + 1) {
            add.push((b + 1, b + 2, label));
        }
    }
    if add.is_empty() {
        runs.sort_unstable();
        return;
    }
    // Each acronym replaced what covered its token, an earlier acronym on
    // the same token included. Done as one pass (a pass per acronym was
    // quadratic on a sentence of many): the last acronym per token stays,
    // and a run goes when it covers any acronym's token.
    let mut order: Vec<usize> = (0..add.len()).collect();
    order.sort_unstable_by_key(|&k| (add[k].0, k));
    let last: Vec<Run> = order
        .iter()
        .enumerate()
        .filter(|&(n, &k)| order.get(n + 1).is_none_or(|&next| add[next].0 != add[k].0))
        .map(|(_, &k)| add[k])
        .collect();
    let tokens: Vec<usize> = last.iter().map(|r| r.0).collect();
    runs.retain(|&(a, b, _)| {
        let k = tokens.partition_point(|&t| t < a);
        tokens.get(k).is_none_or(|&t| t >= b)
    });
    runs.extend(last);
    runs.sort_unstable();
}

fn norp_and_countries(s: &Sent, runs: &mut Vec<Run>) {
    // One-word spans that are group words become NORP.
    for run in runs.iter_mut() {
        let (a, b, label) = *run;
        let g = s.gaz(a);
        if b == a + 1 && label != Label::Norp && has(g, Class::Norp) {
            let place = has(g, Class::Country) || has(g, Class::City) || has(g, Class::Region);
            // A group word that is also a given name ("German") is NORP
            // when a title or a common noun follows ("German Chancellor").
            let next = s.gaz(b);
            let name = (has(g, Class::Given) || has(g, Class::Surname))
                && !(s.is_lower_word(b) || has(next, Class::Title) || has(next, Class::Role));
            if !place && !name {
                *run = (a, b, Label::Norp);
            }
        }
    }
    // A one-word PERSON or ORG span that the gazetteer knows as a country or
    // city (and not as a given name) is the place: "Washington has told
    // Baghdad". A full name earlier in the document ("George Washington")
    // turns it back into a PERSON (see `consistent_labels`).
    for run in runs.iter_mut() {
        let (a, b, label) = *run;
        let g = s.gaz(a);
        let place = has(g, Class::Country) || has(g, Class::City) || has(g, Class::Region);
        let org_word = g & (Class::OrgHead.bit() | Class::OrgSuffix.bit() | Class::OrgPrefix.bit()) != 0;
        if b == a + 1 && matches!(label, Label::Person | Label::Org) && place && !has(g, Class::Given) && !org_word {
            *run = (a, b, Label::Gpe);
        }
    }
    // Places the gazetteer knows take its label: countries, cities and
    // states are GPE, continents and seas LOC (as the corpora were labelled).
    for run in runs.iter_mut() {
        let (a, b, label) = *run;
        if matches!(label, Label::Gpe | Label::Loc)
            && let Some(place) = place_label(s, a, b)
        {
            *run = (a, b, place);
        }
    }
    let mut buf = String::new();
    let gz = gazetteer::get();
    // Whether a token range overlaps a run: the runs found below start
    // after every later test, so only the first `n0` (sorted by start)
    // matter, and their running greatest end (made on first need) answers
    // with a binary search rather than a look at every run.
    let n0 = runs.len();
    let mut max_end: Vec<usize> = Vec::new();
    let mut covered = |runs: &[Run], a: usize, b: usize| {
        if max_end.is_empty() {
            max_end = runs[..n0].iter().scan(0, |m, r| {
                *m = r.1.max(*m);
                Some(*m)
            }).collect();
        }
        let k = runs[..n0].partition_point(|r| r.0 < b);
        k > 0 && max_end[k - 1] > a
    };
    let mut i = 0;
    let want = Class::Country.bit() | Class::Norp.bit();
    while i < s.tokens.len() {
        // The cheap tests first: most words are no key of these classes.
        if s.sf.headline || !features::may_match(&s.sf.info, i, want) || !s.is_cap_word(i) {
            i += 1;
            continue;
        }
        match gz.longest_match(s.text, s.tokens, i, want, &mut buf) {
            Some((len, e)) if !covered(runs, i, i + len) => {
                let label = if has(e.classes, Class::Country) { Label::Gpe } else { Label::Norp };
                let name = has(e.classes, Class::Given) || has(e.classes, Class::Surname);
                // A capitalised word right after is probably part of a
                // longer name the tagger left out ("Iraqi Kurdistan").
                let next_cap = s.is_cap_word(i + len)
                    && !covered(runs, i + len, i + len + 1)
                    && !has(s.gaz(i + len), Class::Title);
                if !name && !(label == Label::Norp && next_cap) {
                    runs.push((i, i + len, label));
                }
                i += len;
            }
            Some((len, _)) => i += len,
            None => i += 1,
        }
    }
    runs.sort_unstable();
}

fn dateline(s: &Sent, runs: &mut Vec<Run>) {
    // "BAGHDAD (Reuters) -", "WASHINGTON, May 2 (AP) —"
    let n = s.tokens.len();
    let mut k = 0;
    while k < n && s.is_acronym(k) || (k > 0 && k < n && s.is_name_connector(k) && s.is_acronym(k + 1)) {
        k += 1;
    }
    if k == 0 {
        return;
    }
    let Some(open) = (k..n.min(k + 8)).find(|&i| s.word(i) == "(") else { return };
    let Some(close) = (open + 1..n.min(open + 6)).find(|&i| s.word(i) == ")") else { return };
    if close == open + 1 || !matches!(s.word(close + 1), "-" | "–" | "—" | "--") || !s.is_cap_word(open + 1) {
        return;
    }
    for (a, b, label) in [(0, k, Label::Gpe), (open + 1, close, Label::Org)] {
        runs.retain(|&(x, y, _)| y <= a || x >= b);
        runs.push((a, b, label));
    }
    runs.sort_unstable();
}

/// Sorts runs and drops any that overlap an earlier one.
fn flatten(runs: &mut Vec<Run>) {
    runs.sort_unstable();
    let mut end = 0;
    runs.retain(|&(a, b, _)| {
        let keep = a >= end;
        if keep {
            end = b;
        }
        keep
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::features::extract;
    use crate::text::tokens::tokenize;

    fn run_rules(text: &str, runs: Vec<Run>) -> Vec<(String, Label)> {
        let toks = tokenize(text);
        let mut sf = SentenceFeatures::default();
        extract(text, &toks, &mut sf);
        let mut runs = runs;
        apply(text, &toks, &sf, true, &mut runs);
        runs.iter().map(|&(a, b, l)| (text[toks[a].start..toks[b - 1].end].to_string(), l)).collect()
    }

    fn has_span(got: &[(String, Label)], s: &str, l: Label) -> bool {
        got.iter().any(|(t, x)| t == s && *x == l)
    }

    #[test]
    fn title_then_name_is_person_without_title() {
        let got = run_rules("Prime Minister Mohammed Shia al-Sudani met them.", vec![]);
        assert!(has_span(&got, "Mohammed Shia al-Sudani", Label::Person), "{got:?}");
        let got = run_rules("Prime Minister Sudani’s advisor spoke.", vec![(0, 3, Label::Person)]);
        assert!(has_span(&got, "Sudani", Label::Person), "{got:?}");
    }

    #[test]
    fn hyphen_and_possessive_edges() {
        // "Iranian - backed militias" tagged as one NORP span: cut at the hyphen.
        let got = run_rules("Iranian-backed militias", vec![(0, 3, Label::Norp)]);
        assert_eq!(got, vec![("Iranian".to_string(), Label::Norp)]);
        let got = run_rules("Iran’s Revolutionary Guards said", vec![(0, 4, Label::Org)]);
        assert!(has_span(&got, "Iran", Label::Gpe), "{got:?}");
        assert!(has_span(&got, "Revolutionary Guards", Label::Org), "{got:?}");
    }

    #[test]
    fn acronym_in_parentheses_takes_label() {
        let got = run_rules("the Revolutionary Guards (IRGC) said", vec![(1, 3, Label::Org)]);
        assert!(has_span(&got, "IRGC", Label::Org), "{got:?}");
        assert!(has_span(&got, "Revolutionary Guards", Label::Org), "{got:?}");
    }

    #[test]
    fn demonyms_and_countries_backstop() {
        let got = run_rules("Iraqi officials met a Shi’ite cleric in Iraq.", vec![]);
        assert!(has_span(&got, "Iraqi", Label::Norp), "{got:?}");
        assert!(has_span(&got, "Shi’ite", Label::Norp), "{got:?}");
        assert!(has_span(&got, "Iraq", Label::Gpe), "{got:?}");
    }

    #[test]
    fn dateline_gives_place_and_agency() {
        let got = run_rules("BAGHDAD (Reuters) - Militias said", vec![]);
        assert!(has_span(&got, "BAGHDAD", Label::Gpe), "{got:?}");
        assert!(has_span(&got, "Reuters", Label::Org), "{got:?}");
    }

    #[test]
    fn org_structure_rules() {
        let got = run_rules("groups including Kataib Hezbollah and Nujabaa said", vec![(2, 4, Label::Person), (5, 6, Label::Person)]);
        assert!(has_span(&got, "Kataib Hezbollah", Label::Org), "{got:?}");
        assert!(has_span(&got, "Nujabaa", Label::Org), "{got:?}");
        let got = run_rules("part of the Islamic Resistance in Iraq, a group", vec![(3, 5, Label::Org), (6, 7, Label::Gpe)]);
        assert!(has_span(&got, "Islamic Resistance in Iraq", Label::Org), "{got:?}");
        let got = run_rules("a weakened Axis of Resistance for Iran", vec![(4, 5, Label::Org)]);
        assert!(has_span(&got, "Axis of Resistance", Label::Org), "{got:?}");
        let got = run_rules("For British Columbia Lottery Corporation today", vec![(1, 3, Label::Gpe), (3, 5, Label::Org)]);
        assert!(has_span(&got, "British Columbia Lottery Corporation", Label::Org), "{got:?}");
        let got = run_rules("Eduardo Tellechea - Associate", vec![(0, 4, Label::Person)]);
        assert_eq!(got, vec![("Eduardo Tellechea".to_string(), Label::Person)]);
    }

    #[test]
    fn people_are_cut_at_and() {
        let text = "Writers included Kiran Desai of India and Susan Choi, and Smith and Jones Ltd agreed.";
        let toks = tokenize(text);
        let i = |w: &str| toks.iter().position(|t| t.text(text) == w).expect(w);
        let runs = vec![(i("Kiran"), i("Choi") + 1, Label::Person), (i("Smith"), i("Ltd") + 1, Label::Org)];
        let got = run_rules(text, runs);
        assert_eq!(got, vec![
            ("Kiran Desai of India".to_string(), Label::Person),
            ("Susan Choi".to_string(), Label::Person),
            ("Smith and Jones Ltd".to_string(), Label::Org),
        ]);
        let text = "Both India and Pakistan Singh spoke.";
        let toks = tokenize(text);
        let i = |w: &str| toks.iter().position(|t| t.text(text) == w).expect(w);
        let got = run_rules(text, vec![(i("India"), i("Singh") + 1, Label::Person)]);
        assert_eq!(got, vec![("India".to_string(), Label::Gpe), ("Pakistan Singh".to_string(), Label::Person)]);
    }

    #[test]
    fn apposition_with_a_role_is_a_person() {
        let got = run_rules("Abu Fadak, the militia's spokesman, said", vec![(0, 2, Label::Org)]);
        assert!(has_span(&got, "Abu Fadak", Label::Person), "{got:?}");
        let got = run_rules("Kataib Hezbollah, the most powerful militia", vec![(0, 2, Label::Org)]);
        assert!(has_span(&got, "Kataib Hezbollah", Label::Org), "{got:?}");
    }

    #[test]
    fn titles_alone_are_not_people() {
        let got = run_rules("Thank you, Mr. President, and Madam Speaker.", vec![(3, 5, Label::Person), (8, 9, Label::Person)]);
        assert!(!got.iter().any(|(_, l)| *l == Label::Person), "{got:?}");
    }

    #[test]
    fn teams_in_results_are_organisations() {
        let got = run_rules("Arsenal 2 Tottenham 1", vec![(0, 1, Label::Org), (2, 3, Label::Gpe)]);
        assert!(has_span(&got, "Tottenham", Label::Org), "{got:?}");
        let got = run_rules("Iraq 2 Iran 1 , officials said", vec![(0, 1, Label::Gpe), (2, 3, Label::Gpe)]);
        assert!(has_span(&got, "Iran", Label::Gpe), "{got:?}");
    }

    #[test]
    fn out_of_range_runs_are_dropped() {
        let got = run_rules("Hello there", vec![(0, 9, Label::Org), (1, 1, Label::Gpe)]);
        assert!(got.is_empty());
    }

    #[test]
    fn country_attr() {
        assert_eq!(country_of("Baghdad"), Some("IQ"));
        assert_eq!(country_of("the Netherlands").or(country_of("Netherlands")), Some("NL"));
        assert_eq!(country_of("Nowhere-land"), None);
    }
}
