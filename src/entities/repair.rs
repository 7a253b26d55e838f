//! Repairs of one sentence's named spans after [`super::rules`], for the
//! error classes a reader of news notices first (issue 16):
//! * boundaries: no name ends on a lower-case function word ("of", "v"),
//!   and a span of punctuation alone names nothing; "Roe v. Wade", two
//!   names joined by "v." or "vs", is one LAW;
//! * title-case and all-caps headlines: a verb or auxiliary after a name
//!   ends it ("Smith Can", "Jones Tells Texas");
//! * acronyms tagged as people are organisations ("NUM", "FEMA");
//! * diseases are not places ("Ebola", "West Nile virus"), and a scandal
//!   named "-gate" is an EVENT;
//! * sports reports: places that play ("Leeds beat Hull 2-1") are teams,
//!   ORG (countries stay GPE, as the training corpora label national
//!   teams; see [`super::rules`]'s `results`);
//! * context: words around a span that only an organisation has ("shares",
//!   "a spokesman for", "chief executive of") make it an ORG here, and are
//!   counted per name for the document pass ([`super::document`]).
//!
//! The word lists are `data/lexicon/entity_cues.txt`. Every rule looks a
//! bounded number of tokens around each span, so a sentence costs time
//! linear in its length; no token index is trusted unchecked.

use std::sync::OnceLock;

use super::Run;
use super::rules::Sent;
use super::features::SentenceFeatures;
use super::gazetteer::{self, Class, has};
use crate::doc::Label;
use crate::hash::FastSet;
use crate::text::Token;

const CUES: &str = include_str!("../../data/lexicon/entity_cues.txt");

/// The lists of `entity_cues.txt`, by section.
pub(super) struct Cues {
    headline_verb: FastSet<&'static str>,
    pub(super) function_word: FastSet<&'static str>,
    disease: FastSet<&'static str>,
    disease_head: FastSet<&'static str>,
    pub(super) org_after: FastSet<&'static str>,
    org_role: FastSet<&'static str>,
    result_verb: FastSet<&'static str>,
    pub(super) org_generic: FastSet<&'static str>,
    share_move: FastSet<&'static str>,
    team_after: FastSet<&'static str>,
}

pub(super) fn cues() -> &'static Cues {
    static C: OnceLock<Cues> = OnceLock::new();
    C.get_or_init(|| {
        let mut c = Cues {
            headline_verb: FastSet::default(),
            function_word: FastSet::default(),
            disease: FastSet::default(),
            disease_head: FastSet::default(),
            org_after: FastSet::default(),
            org_role: FastSet::default(),
            result_verb: FastSet::default(),
            org_generic: FastSet::default(),
            share_move: FastSet::default(),
            team_after: FastSet::default(),
        };
        let mut section = "";
        for line in CUES.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name;
                continue;
            }
            let set = match section {
                "headline_verb" => &mut c.headline_verb,
                "function_word" => &mut c.function_word,
                "disease" => &mut c.disease,
                "disease_head" => &mut c.disease_head,
                "org_after" => &mut c.org_after,
                "org_role" => &mut c.org_role,
                "result_verb" => &mut c.result_verb,
                "org_generic" => &mut c.org_generic,
                "share_move" => &mut c.share_move,
                "team_after" => &mut c.team_after,
                _ => continue,
            };
            set.insert(line);
        }
        c
    })
}

/// Whether `set` holds `w` lower-cased (ASCII; the lists are ASCII but for
/// a few curly apostrophes, which have no case).
pub(super) fn holds(set: &FastSet<&'static str>, w: &str, buf: &mut String) -> bool {
    if w.len() > 24 {
        return false;
    }
    if !w.bytes().any(|b| b.is_ascii_uppercase()) {
        return set.contains(w);
    }
    buf.clear();
    buf.extend(w.chars().map(|c| c.to_ascii_lowercase()));
    set.contains(buf.as_str())
}

/// What the repairs ask of a sentence beyond the rules' own queries.
impl Sent<'_> {
    fn cap(&self, i: usize) -> bool {
        self.word(i).chars().next().is_some_and(char::is_uppercase)
    }
    fn is_number(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind() == Label::Number)
    }
    fn touching(&self, i: usize) -> bool {
        match (i.checked_sub(1).and_then(|k| self.tokens.get(k)), self.tokens.get(i)) {
            (Some(p), Some(c)) => p.end() == c.start(),
            _ => false,
        }
    }
    /// All letters upper-case, 2 to 6 of them (digits, "&" and "." allowed).
    fn is_short_acronym(&self, i: usize) -> bool {
        let w = self.word(i);
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        (2..=6).contains(&letters) && w.chars().all(|c| c.is_uppercase() || matches!(c, '.' | '&') || c.is_ascii_digit())
    }
    fn place(&self, a: usize, b: usize) -> bool {
        let place = Class::Country.bit() | Class::City.bit() | Class::Region.bit() | Class::Loc.bit();
        (a..b).any(|k| self.gaz(k) & place != 0)
    }
    fn country(&self, a: usize, b: usize) -> bool {
        (a..b).any(|k| has(self.gaz(k), Class::Country))
    }
}

/// Whether a sentence is a headline in title case: at least three words
/// of letters, every one capitalised but for short function words.
/// (All-caps headlines are [`SentenceFeatures::headline`].)
fn title_case(s: &Sent, c: &Cues, buf: &mut String) -> bool {
    let (mut words, mut caps) = (0, 0);
    for i in 0..s.tokens.len() {
        let w = s.word(i);
        if !w.chars().next().is_some_and(char::is_alphabetic) {
            continue;
        }
        words += 1;
        if s.cap(i) {
            caps += 1;
        } else if !holds(&c.function_word, w, buf) {
            return false;
        }
    }
    words >= 3 && caps * 4 >= words * 3 && !s.word(s.tokens.len().saturating_sub(1)).ends_with('.')
}

/// Applies the repairs to one sentence's runs, in place, and appends to
/// `org_cued` the runs that context marks as organisations (token ranges).
pub fn apply(text: &str, tokens: &[Token], sf: &SentenceFeatures, runs: &mut Vec<Run>, org_cued: &mut Vec<(usize, usize)>) {
    let s = Sent { text, tokens, sf };
    // Court cases are found whether the tagger saw them or not.
    cases(&s, runs);
    if runs.is_empty() {
        return;
    }
    let c = cues();
    let mut buf = String::new();
    if sf.headline || title_case(&s, c, &mut buf) {
        headline_verbs(&s, c, runs, &mut buf);
    }
    boundaries(&s, c, runs, &mut buf);
    company_heads(&s, c, runs, &mut buf);
    acronyms(&s, runs);
    diseases(&s, c, runs, &mut buf);
    teams(&s, c, runs, &mut buf);
    org_context(&s, c, runs, org_cued, &mut buf);
}

/// A headline verb after the first token of a span ends it there; the
/// words after the verb, if capitalised, are a name of their own.
fn headline_verbs(s: &Sent, c: &Cues, runs: &mut Vec<Run>, buf: &mut String) {
    let mut out = Vec::with_capacity(runs.len());
    for &(a, b, label) in runs.iter() {
        let Some(k) = (a + 1..b).find(|&k| holds(&c.headline_verb, s.word(k), buf)) else {
            out.push((a, b, label));
            continue;
        };
        out.push((a, k, piece_label(s, a, k, label)));
        // What follows the verb is kept only when the gazetteer names it
        // ("Tells Texas"), not on the tagger's word ("Can Still").
        let rest = k + 1;
        if rest < b && s.cap(rest) {
            let l = piece_label(s, rest, b, label);
            if l != label || has(s.gaz(rest), Class::Country) {
                out.push((rest, b, l));
            }
        }
    }
    *runs = out;
}

/// The label of a piece cut from a span: a place the gazetteer knows, a
/// person if it starts with a given name or is a lone surname, else the
/// span's label.
fn piece_label(s: &Sent, a: usize, b: usize, label: Label) -> Label {
    let g = s.gaz(a);
    if b == a + 1 && s.place(a, b) && !has(g, Class::Given) {
        Label::Gpe
    } else if has(g, Class::Given) || (b == a + 1 && has(g, Class::Surname)) {
        Label::Person
    } else {
        label
    }
}

/// Trims lower-case function words and punctuation off the end of every
/// span, punctuation off its start, and drops spans left with no letter or
/// digit.
fn boundaries(s: &Sent, c: &Cues, runs: &mut Vec<Run>, buf: &mut String) {
    let junk = |k: usize, buf: &mut String| {
        let w = s.word(k);
        (s.is_lower_word(k) && holds(&c.function_word, w, buf)) || !w.chars().any(char::is_alphanumeric)
    };
    for run in runs.iter_mut() {
        let (mut a, mut b, label) = *run;
        // A period after a short capitalised word is an abbreviation's ("Co .").
        while b > a && junk(b - 1, buf) && !(s.word(b - 1) == "." && b >= a + 2 && s.cap(b - 2) && s.word(b - 2).len() <= 3) {
            b -= 1;
        }
        // Leading words are left to the tagger: the corpora keep "of the
        // United States" inside "President of the United States".
        while a < b && !s.word(a).chars().any(char::is_alphanumeric) {
            a += 1;
        }
        *run = (a, b, label);
    }
    runs.retain(|&(a, b, _)| a < b && (a..b).any(|k| s.word(k).chars().any(char::is_alphanumeric)));
}

/// "Norvale Mining Corp": an ORG span ending in a company suffix ("Corp",
/// "Ltd") takes in up to two capitalised words right before it that no
/// span holds and that are not places, groups, titles, dates or function
/// words (the tagger often leaves a rare first word out). A span ending
/// in an organisation head ("Guards", "Party") does so only over words
/// that do not start the sentence: there a capitalised word is as often
/// the sentence's first verb ("Allow Parliament"), elsewhere it is the
/// name's ("Iran's Revolutionary Guards").
fn company_heads(s: &Sent, c: &Cues, runs: &mut [Run], buf: &mut String) {
    let org_end = Class::OrgSuffix.bit() | Class::OrgHead.bit();
    let stop = Class::Country.bit()
        | Class::City.bit()
        | Class::Region.bit()
        | Class::Loc.bit()
        | Class::Norp.bit()
        | Class::Title.bit()
        | Class::Role.bit()
        | Class::Temporal.bit();
    for k in 0..runs.len() {
        let (a, b, label) = runs[k];
        if label != Label::Org || s.gaz(b - 1) & org_end == 0 {
            continue;
        }
        let floor = if k > 0 { runs[k - 1].1 } else { 0 };
        let suffix = has(s.gaz(b - 1), Class::OrgSuffix);
        let mut start = a;
        while start > floor
            && (suffix || !s.sf.info(start - 1).is_some_and(|x| x.initial))
            && a - start < 2
            && s.cap(start - 1)
            && s.word(start - 1).chars().all(char::is_alphabetic)
            && s.gaz(start - 1) & stop == 0
            && !holds(&c.function_word, s.word(start - 1), buf)
            && !holds(&c.headline_verb, s.word(start - 1), buf)
        {
            start -= 1;
        }
        runs[k].0 = start;
    }
}

/// "Roe v. Wade", "Brown vs Board of Education": a capitalised name, "v."
/// or "vs", a capitalised name: one LAW (a court case), in or out of the
/// tagger's spans.
fn cases(s: &Sent, runs: &mut Vec<Run>) {
    let n = s.tokens.len();
    let mut laws: Vec<(usize, usize)> = Vec::new();
    let mut i = 1;
    while i + 1 < n {
        let v = s.word(i);
        let is_v = matches!(v, "v" | "vs" | "v." | "vs.");
        // "v." may be one token or "v" + "."
        let after = if matches!(v, "v" | "vs") && s.word(i + 1) == "." && s.touching(i + 1) { i + 2 } else { i + 1 };
        if !is_v || !s.cap(i - 1) || !s.cap(after) || s.sf.headline {
            i += 1;
            continue;
        }
        // Back to the previous case's end at most: linear in the sentence.
        let floor = laws.last().map_or(0, |l| l.1);
        let mut a = i - 1;
        while a > floor && s.cap(a - 1) && !s.is_number(a - 1) {
            a -= 1;
        }
        let mut b = after + 1;
        while b < n && (s.cap(b) || (s.word(b) == "of" && s.cap(b + 1))) {
            b += 1;
        }
        // Sports fixtures ("Leeds v Hull") are no cases: a score or a
        // place on either side says so.
        let fixture = s.is_number(b) || s.is_number(a.wrapping_sub(1)) || (s.place(a, i) && s.place(after, b));
        if !fixture {
            laws.push((a, b));
        }
        i = b;
    }
    if laws.is_empty() {
        return;
    }
    // Runs overlapping a case go (the cases are sorted and disjoint).
    runs.retain(|&(x, y, _)| {
        let k = laws.partition_point(|l| l.1 <= x);
        laws.get(k).is_none_or(|l| l.0 >= y)
    });
    runs.extend(laws.into_iter().map(|(a, b)| (a, b, Label::Law)));
    runs.sort_unstable();
}

/// A one-token PERSON span that is an acronym of three or four letters is
/// an organisation (unions, agencies, companies); two letters are as often
/// a person's initials, and longer words in capitals are as often a name
/// written in capitals ("OBAMA").
/// In all-caps headlines every word looks like an acronym, so they are
/// left alone there.
fn acronyms(s: &Sent, runs: &mut [Run]) {
    if s.sf.headline {
        return;
    }
    let g = gazetteer::get();
    let mut title = String::new();
    for run in runs.iter_mut() {
        let (a, b, label) = *run;
        let w = s.word(a);
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if b != a + 1 || label != Label::Person || !s.is_short_acronym(a) || !(3..=4).contains(&letters) {
            continue;
        }
        title.clear();
        for (k, c) in w.chars().enumerate() {
            title.extend(if k == 0 { c.to_uppercase().collect::<Vec<_>>() } else { c.to_lowercase().collect() });
        }
        let c = g.classes(&title);
        if !has(c, Class::Given) && !has(c, Class::Surname) {
            run.2 = Label::Org;
        }
    }
}

/// Diseases are no places, people or organisations: a span whose words
/// are a disease, or that a disease head follows ("West Nile virus"), is
/// dropped; a one-word span ending in "gate" ("Partygate") is an EVENT.
fn diseases(s: &Sent, c: &Cues, runs: &mut Vec<Run>, buf: &mut String) {
    runs.retain(|&(a, b, label)| {
        if !matches!(label, Label::Gpe | Label::Loc | Label::Fac | Label::Person | Label::Org | Label::Norp) {
            return true;
        }
        let named = (a..b).any(|k| holds(&c.disease, s.word(k), buf));
        let headed = s.is_lower_word(b) && holds(&c.disease_head, s.word(b), buf) && !s.country(a, b);
        !(named || headed)
    });
    for run in runs.iter_mut() {
        let (a, b, label) = *run;
        let w = s.word(a);
        if b == a + 1 && label != Label::Event && w.len() >= 7 && w.ends_with("gate") && s.cap(a) && !s.place(a, b) {
            run.2 = Label::Event;
        }
    }
}

/// "Leeds beat Hull 2-1", "Leeds drew with Hull": in a sentence with a
/// score, spans on either side of a result verb are teams (ORG), unless
/// they are countries or people.
fn teams(s: &Sent, c: &Cues, runs: &mut [Run], buf: &mut String) {
    let n = s.tokens.len();
    let joined = |w: &str| {
        let mut parts = w.split(['-', '–']);
        let digits = |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        digits(parts.next()) && digits(parts.next()) && parts.next().is_none()
    };
    let score = (0..n).any(|k| {
        (s.is_number(k) && joined(s.word(k)))
            || (k > 0
                && matches!(s.word(k), "-" | "–")
                && s.is_number(k - 1)
                && s.is_number(k + 1)
                && s.touching(k)
                && s.touching(k + 1))
    });
    if !score {
        return;
    }
    for k in 0..runs.len().saturating_sub(1) {
        let (a, b, first) = runs[k];
        let (c0, d, second) = runs[k + 1];
        // Up to two words between them, the first a result verb ("beat",
        // "drew with", "lost to").
        if c0 <= b || c0 > b + 2 || !holds(&c.result_verb, s.word(b), buf) {
            continue;
        }
        if c0 == b + 2 && !s.is_lower_word(b + 1) {
            continue;
        }
        for (k, x, y, label) in [(k, a, b, first), (k + 1, c0, d, second)] {
            if matches!(label, Label::Gpe | Label::Loc | Label::Org) && !s.country(x, y) {
                runs[k].2 = Label::Org;
            }
        }
    }
}

/// Words around a span that only an organisation has: after it ("shares",
/// "spokesman", "Inc") or before it after a role ("chief executive of",
/// "a spokesman for", "an analyst at"). Such a span becomes an ORG unless
/// it is a known place or starts with a given name, and is noted for the
/// document pass.
fn org_context(s: &Sent, c: &Cues, runs: &mut [Run], org_cued: &mut Vec<(usize, usize)>, buf: &mut String) {
    for run in runs.iter_mut() {
        let (a, b, label) = *run;
        if !matches!(label, Label::Person | Label::Org | Label::Gpe | Label::Loc | Label::Fac | Label::Norp) {
            continue;
        }
        let after = {
            let possessive = matches!(s.word(b), "’s" | "'s");
            let k = b + usize::from(possessive);
            // "Smith shares his view": a verb after a person, unless "’s"
            // or a market verb follows ("Corvanta shares rose").
            let verb = label == Label::Person
                && !possessive
                && s.word(k) == "shares"
                && !holds(&c.share_move, s.word(k + 1), buf);
            s.is_lower_word(k) && holds(&c.org_after, s.word(k), buf) && !verb
        };
        let before = {
            let k = if a > 0 && s.word(a - 1) == "the" { a - 1 } else { a };
            k >= 2 && matches!(s.word(k - 1), "of" | "for" | "at") && holds(&c.org_role, s.word(k - 2), buf)
        };
        // "Doncaster striker", "Leeds fans": a club, even when named after
        // a place (countries stay places: national teams are GPE).
        let team = s.is_lower_word(b) && holds(&c.team_after, s.word(b), buf) && s.place(a, b) && !s.country(a, b);
        if !(after || before || team) {
            continue;
        }
        let g = s.gaz(a);
        if has(g, Class::Given) || (s.place(a, b) && !team) {
            continue;
        }
        run.2 = Label::Org;
        org_cued.push((a, b));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::features::extract;
    use crate::text::tokens::tokenize;

    fn repaired(text: &str, runs: &[(&str, Label)]) -> Vec<(String, Label)> {
        let toks = tokenize(text);
        let mut sf = SentenceFeatures::default();
        extract(text, &toks, &mut sf);
        let find = |w: &str| {
            let first = w.split(' ').next().unwrap_or("");
            let a = toks.iter().position(|t| t.text(text) == first).unwrap_or_else(|| panic!("{w}"));
            let n = tokenize(w).len();
            (a, a + n)
        };
        let mut runs: Vec<Run> = runs.iter().map(|&(w, l)| (find(w).0, find(w).1, l)).collect();
        let mut cued = Vec::new();
        apply(text, &toks, &sf, &mut runs, &mut cued);
        runs.iter().map(|&(a, b, l)| (text[toks[a].start()..toks[b - 1].end()].to_string(), l)).collect()
    }

    fn s(w: &str, l: Label) -> (String, Label) {
        (w.to_string(), l)
    }

    #[test]
    fn function_words_and_punctuation_end_no_name() {
        let got = repaired("He joined the Bank of in May.", &[("Bank of", Label::Org)]);
        assert_eq!(got, vec![s("Bank", Label::Org)]);
        let got = repaired("They met . Then left.", &[(".", Label::Person)]);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_court_case_is_one_law() {
        let got = repaired("The court overturned Roe v. Wade in 2022.", &[("Roe v", Label::Person)]);
        assert_eq!(got, vec![s("Roe v. Wade", Label::Law)]);
        let got = repaired("Lawyers cited Brown v Board of Education often.", &[]);
        assert_eq!(got, vec![s("Brown v Board of Education", Label::Law)]);
        // Several in a row, each with its own span; fixtures are no cases.
        let got = repaired("Cited: Roe v. Wade, Miranda v Arizona and Leeds v Hull 2 1.", &[("Roe", Label::Person)]);
        assert_eq!(got, vec![s("Roe v. Wade", Label::Law), s("Miranda v Arizona", Label::Law)]);
    }

    #[test]
    fn a_verb_in_a_title_case_headline_ends_the_name() {
        let got = repaired("Senator Marla Quist Can Still Win Ohio", &[("Marla Quist Can Still", Label::Person)]);
        assert_eq!(got[0], s("Marla Quist", Label::Person));
        let got = repaired("Governor Dale Penrow Tells Texas to Wait", &[("Dale Penrow Tells Texas", Label::Org)]);
        assert!(got.contains(&s("Dale Penrow", Label::Person)), "{got:?}");
        assert!(got.contains(&s("Texas", Label::Gpe)), "{got:?}");
        // In running text, the same words are left alone.
        let got = repaired("the band Smith Can played on", &[("Smith Can", Label::Org)]);
        assert_eq!(got, vec![s("Smith Can", Label::Org)]);
    }

    #[test]
    fn acronyms_tagged_as_people_are_organisations() {
        let got = repaired("Members of the NUM voted to strike.", &[("NUM", Label::Person)]);
        assert_eq!(got, vec![s("NUM", Label::Org)]);
    }

    #[test]
    fn diseases_and_scandals_are_not_places() {
        let got = repaired("Cases of Ebola rose in Guinea.", &[("Ebola", Label::Gpe), ("Guinea", Label::Gpe)]);
        assert_eq!(got, vec![s("Guinea", Label::Gpe)]);
        let got = repaired("Cases of West Nile virus rose.", &[("West Nile", Label::Loc)]);
        assert!(got.is_empty(), "{got:?}");
        let got = repaired("The Partygate affair hurt him.", &[("Partygate", Label::Loc)]);
        assert_eq!(got, vec![s("Partygate", Label::Event)]);
    }

    #[test]
    fn places_that_play_are_teams() {
        let got = repaired("Leeds beat Hull 2-1 on Saturday.", &[("Leeds", Label::Gpe), ("Hull", Label::Gpe)]);
        assert_eq!(got, vec![s("Leeds", Label::Org), s("Hull", Label::Org)]);
        let got = repaired("Leeds beat Hull in the vote.", &[("Leeds", Label::Gpe), ("Hull", Label::Gpe)]);
        assert_eq!(got, vec![s("Leeds", Label::Gpe), s("Hull", Label::Gpe)]);
    }

    #[test]
    fn players_and_fans_make_a_place_a_club() {
        let got = repaired("sources say Doncaster striker Billy Sharp is having a medical", &[("Doncaster", Label::Gpe)]);
        assert_eq!(got[0], s("Doncaster", Label::Org));
        let got = repaired("the England striker scored", &[("England", Label::Gpe)]);
        assert_eq!(got, vec![s("England", Label::Gpe)]);
    }

    #[test]
    fn context_makes_organisations() {
        let got = repaired("Corvanta shares rose 5 percent.", &[("Corvanta", Label::Person)]);
        assert_eq!(got, vec![s("Corvanta", Label::Org)]);
        let got = repaired("said the chief executive of Brellix on Monday", &[("Brellix", Label::Gpe)]);
        assert_eq!(got, vec![s("Brellix", Label::Org)]);
        let got = repaired("a spokesman for Halvorsen declined", &[("Halvorsen", Label::Person)]);
        assert_eq!(got, vec![s("Halvorsen", Label::Org)]);
        // A known place or a person's full name stays.
        let got = repaired("a spokesman for John Smith declined", &[("John Smith", Label::Person)]);
        assert_eq!(got, vec![s("John Smith", Label::Person)]);
    }
}
