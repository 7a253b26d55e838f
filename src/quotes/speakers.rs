//! Speakers: finding the mention a cue attaches to, and saying who it is.
//!
//! Without a parser, the subject of a cue is found from the shape of news
//! attribution: the words between the clause start and the cue ("Security
//! officials said"), split at commas so that an appositive picks the name
//! ("A senior politician ..., Izzat al-Shahbndar, said") and a modifier is
//! skipped ("The militia commanders, from groups including ..., said"); or
//! the noun phrase after an inverted cue ("said a commander of Kataib
//! Hezbollah"). The mention is then classified: a named person or
//! organisation (from the entity layer when it is there, else from
//! capitalisation), a pronoun (resolved through the coref layer's `mention`
//! spans when present, else to the most recent named person), or a
//! description — anonymous ("a US official", role official, affiliation
//! US) or a document ("a city budget report").
//!
//! Files: `earlier` (what is read of the entity and coref layers),
//! `subjects` (finding the mention), `classify` (saying who it is) and
//! `lexicon` (the word lists); the [`Reader`] they share is here.

// Reached from outside only through the hidden `internals` module: its
// docs are for maintainers and may link to the crate's private modules.
#![allow(rustdoc::private_intra_doc_links)]

mod classify;
mod earlier;
mod lexicon;
mod subjects;

pub use earlier::{Earlier, EntityRef, MentionRef};
pub use lexicon::{Words, words};
use lexicon::{is_date_word, office_of};

use std::sync::OnceLock;

use super::words::quote_words;
use crate::doc::{Label, Layer, SpanId, SpanSink, Value};
use crate::hash::{FastMap, FastSet};
use crate::text::words::{WordSet, lower_into};
use crate::text::{Segmentation, Token};


/// What a speaker mention is.
#[derive(Clone, Debug, PartialEq)]
pub struct Speaker {
    /// First token of the mention.
    pub t0: usize,
    /// Token after its last.
    pub t1: usize,
    /// named_person, named_organization, anonymous or document.
    pub kind: Label,
    /// Resolved display name.
    pub name: String,
    /// Describing role ("official"), if any.
    pub role: Option<String>,
    /// Describing affiliation ("US", "militia"), if any.
    pub affiliation: Option<String>,
    /// The entity span the mention names or resolves to.
    pub entity_span: Option<SpanId>,
    /// The coref document entity id.
    pub entity: Option<Value>,
    /// Whether the mention is a pronoun.
    pub pronoun: bool,
}

/// Lower-case text of a token, through a scratch buffer.
fn low<'b>(text: &str, t: &Token, buf: &'b mut String) -> &'b str {
    lower_into(t.text(text), buf);
    buf.as_str()
}

fn is_word(t: &Token) -> bool {
    matches!(t.kind(), Label::Word | Label::Number)
}

#[inline]
fn capitalised(text: &str, t: &Token) -> bool {
    // Reads the first byte when it is ASCII (most words), without slicing
    // the text: this runs for every token when the reader indexes names.
    t.kind() == Label::Word
        && match text.as_bytes().get(t.start()) {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => t.text(text).chars().next().is_some_and(char::is_uppercase),
        }
}

/// The analysis state the speaker functions read.
pub struct Reader<'a> {
    /// The input.
    pub text: &'a str,
    /// Its segmentation.
    pub seg: &'a Segmentation,
    /// Earlier layers.
    pub earlier: &'a Earlier<'a>,
    /// Full names (two or more capitalised words) by their last word,
    /// lower-cased, with the byte where each occurs; in text order.
    pub full_names: FastMap<String, Vec<(usize, &'a str)>>,
    /// Person names that open a sentence (its likely subject), with the
    /// byte where each occurs; in text order.
    pub subjects: Vec<(usize, String)>,
    /// Every full name with the byte where it occurs, in text order.
    pub all_names: Vec<(usize, &'a str)>,
    /// Full names with the office written before them ("senator" for
    /// "Sen. Elizabeth Warren"), in text order.
    pub titled: Vec<(usize, &'static str, &'a str)>,
}

/// Result of scanning back from a cue for its subject.
pub struct Subject {
    /// The chosen mention (trimmed).
    pub t0: usize,
    /// Token after it.
    pub t1: usize,
    /// First token of the whole subject region (clause start).
    pub region_start: usize,
    /// First token of the comma-chunk group the mention belongs to: what
    /// precedes it (minus the comma) is content in "CONTENT, X said".
    pub group_start: usize,
    /// The clause began with a subordinator ("While a US official ...").
    pub subordinate: bool,
    /// A neighbouring appositive chunk that describes the mention.
    pub appositive: Option<(usize, usize)>,
    /// A modifier chunk between the mention and the cue was skipped
    /// ("The commanders, from groups ..., said"): the comma before the cue
    /// is inside the subject.
    pub skipped_modifier: bool,
}

impl<'a> Reader<'a> {
    /// Builds the reader, indexing full names in one pass over the tokens.
    pub fn new(text: &'a str, seg: &'a Segmentation, earlier: &'a Earlier<'a>) -> Reader<'a> {
        let w = words();
        let mut full_names: FastMap<String, Vec<(usize, &'a str)>> = FastMap::default();
        let mut subjects: Vec<(usize, String)> = Vec::new();
        let mut titled: Vec<(usize, &'static str, &'a str)> = Vec::new();
        let mut sentence_starts = vec![false; seg.tokens.len() + 1];
        for r in &seg.sentence_tokens {
            if let Some(x) = sentence_starts.get_mut(r.start) {
                *x = true;
            }
        }
        let toks = &seg.tokens;
        let mut i = 0;
        let mut buf = String::new();
        while i < toks.len() {
            // Most tokens are settled by their kind and first byte, before
            // the call (what `capitalised` tests first).
            let t = &toks[i];
            let lower_ascii = text.as_bytes().get(t.start()).is_some_and(|b| b.is_ascii() && !b.is_ascii_uppercase());
            if t.kind() != Label::Word || lower_ascii || !capitalised(text, t) {
                i += 1;
                continue;
            }
            let end = name_run_end(text, toks, i);
            // Drop titles at the front ("Prime Minister", "Sen.").
            let mut a = i;
            while a < end && w.titles.contains_folded(toks[a].text(text)) {
                a += 1;
            }
            let caps = (a..end).filter(|&k| capitalised(text, &toks[k])).count();
            let org = (a..end).any(|k| w.orgs.contains_folded(toks[k].text(text)));
            if caps >= 2 && !org && end > a {
                let name = &text[toks[a].start()..toks[end - 1].end()];
                let last = low(text, &toks[end - 1], &mut buf).to_string();
                if sentence_starts[i] {
                    subjects.push((toks[a].start(), name.to_string()));
                }
                // The office before the name ("Sen.", "former governor"),
                // for "the senator" later.
                for k in i.saturating_sub(2)..a {
                    if let Some(office) = office_of(low(text, &toks[k], &mut buf)) {
                        titled.push((toks[a].start(), office, name));
                    }
                }
                full_names.entry(last).or_default().push((toks[a].start(), name));
            }
            i = end.max(i + 1);
        }
        for e in &earlier.entities {
            let t = toks.partition_point(|t| t.start() < e.start);
            let mut k = t;
            while k > 0 && !sentence_starts[k] && w.titles.contains_folded(toks[k - 1].text(text)) {
                k -= 1;
            }
            if e.label == Label::Person && sentence_starts[k] {
                subjects.push((e.start, strip_titles(text.get(e.start..e.end).unwrap_or_default())));
            }
        }
        // Unstable sorts: equal elements are equal values, so the order is the
        // stable sort's, and the .wasm holds no stable sort for these types.
        subjects.sort_unstable();
        let mut all_names: Vec<(usize, &'a str)> = full_names.values().flatten().copied().collect();
        all_names.sort_unstable();
        titled.sort_unstable();
        titled.dedup();
        Reader { text, seg, earlier, full_names, subjects, all_names, titled }
    }

    fn tok(&self, i: usize) -> &Token {
        &self.seg.tokens[i]
    }

    /// Bytes of tokens `t0..t1`.
    pub fn bytes(&self, t0: usize, t1: usize) -> (usize, usize) {
        if t1 <= t0 || t1 > self.seg.tokens.len() {
            let at = self.seg.tokens.get(t0).map_or(0, |t| t.start());
            return (at, at);
        }
        (self.tok(t0).start(), self.tok(t1 - 1).end())
    }

    /// Text of tokens `t0..t1`.
    pub fn slice(&self, t0: usize, t1: usize) -> &'a str {
        let (a, b) = self.bytes(t0, t1);
        self.text.get(a..b).unwrap_or_default()
    }

}


/// Where the run of name tokens starting at `i` ends: capitalised words,
/// hyphens and particles inside names, abbreviation words ("Gen.").
fn name_run_end(text: &str, toks: &[Token], i: usize) -> usize {
    let mut k = i;
    while k < toks.len() {
        let t = &toks[k];
        // Touching, or one space apart (a byte test: tokens start and end
        // on char boundaries).
        let gap_ok = k == i || {
            let prev_end = toks[k - 1].end();
            prev_end == t.start() || (t.start() == prev_end + 1 && text.as_bytes().get(prev_end) == Some(&b' '))
        };
        if !gap_ok {
            break;
        }
        if capitalised(text, t) {
            k += 1;
            continue;
        }
        // No particle (nor "-") is longer than three bytes, and an ASCII
        // word keeps its length in lower case: most words that end a run
        // are settled without lower-casing them.
        let raw = t.text(text);
        if raw.len() > 3 && raw.is_ascii() {
            break;
        }
        // The particles are ASCII without a "k" (the one letter that a
        // non-ASCII character, the Kelvin sign, lower-cases to): a word
        // that is not ASCII is none of them, and an ASCII one is compared
        // ignoring case, without a lower-cased copy.
        let particle = raw.is_ascii() && quote_words().particles.iter().any(|p| p.eq_ignore_ascii_case(raw));
        let joins = (raw == "-" || particle)
            && toks.get(k + 1).is_some_and(|n| capitalised(text, n) || n.text(text) == "-");
        if joins && k > i || (particle && k == i) {
            k += 1;
            continue;
        }
        break;
    }
    k
}

/// Drops leading title words ("Prime Minister", "Sen.") from a name.
pub fn strip_titles(name: &str) -> String {
    let w = words();
    let parts: Vec<&str> = name.split(' ').collect();
    // The first part kept; one index, not `remove(0)` per title, which was
    // quadratic on a name made of thousands of titles ("Mr. Mr. Mr. …").
    let mut first = 0;
    while parts.len() - first > 1 && w.titles.contains(&parts[first].to_lowercase()) {
        first += 1;
    }
    let s = parts[first..].join(" ");
    // "Governor-elect James Holt": a hyphenated title.
    match s.split_once(' ') {
        Some((head, rest)) if head.contains('-') && head.split('-').all(|p| w.titles.contains(&p.to_lowercase())) => {
            rest.to_string()
        }
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_are_ascii_lower_case_without_k() {
        // What name_run_end's comparison without lower-casing relies on.
        let particles = &quote_words().particles;
        assert!(particles.iter().all(|p| p.is_ascii() && p.to_ascii_lowercase() == *p && !p.contains('k')));
    }

    #[test]
    fn name_runs_join_particles_in_any_case() {
        let text = "Then Mohammed Bin Salman and Vincent vAN Gogh met De la Cruz of Ukraine";
        let toks = crate::text::tokens::tokenize(text);
        let run = |word: &str| {
            let i = toks.iter().position(|t| t.text(text) == word).unwrap_or(usize::MAX);
            let end = name_run_end(text, &toks, i);
            text[toks[i].start()..toks[end - 1].end()].to_string()
        };
        assert_eq!(run("Mohammed"), "Mohammed Bin Salman");
        assert_eq!(run("Vincent"), "Vincent vAN Gogh");
        assert_eq!(run("De"), "De la Cruz");
        assert_eq!(run("Ukraine"), "Ukraine");
    }
}
