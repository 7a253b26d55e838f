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

use std::sync::OnceLock;

use crate::doc::{Label, Layer, SpanId, SpanSink, Value};
use crate::hash::{FnvMap, FnvSet};
use crate::text::words::{WordSet, lower_into};
use crate::text::{Segmentation, Token};

const SOURCE_WORDS: &str = include_str!("../../data/lexicon/source_words.txt");

/// Word lists that describe sources.
pub struct Words {
    roles: FnvMap<String, String>,
    affiliations: FnvSet<String>,
    documents: FnvSet<String>,
    titles: WordSet,
    orgs: WordSet,
}

/// The parsed source word lists.
pub fn words() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(|| {
        let mut w = Words {
            roles: FnvMap::default(),
            affiliations: FnvSet::default(),
            documents: FnvSet::default(),
            titles: WordSet::new(),
            orgs: WordSet::new(),
        };
        let mut section = String::new();
        for line in SOURCE_WORDS.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(s) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = s.to_string();
                continue;
            }
            // Multi-word entries compare against their last word.
            let key = |s: &str| s.split_whitespace().last().unwrap_or_default().to_lowercase();
            match section.as_str() {
                "role" => {
                    let (k, v) = line.split_once('=').unwrap_or((line, line));
                    w.roles.insert(key(k), v.trim().to_string());
                }
                "affiliation" => {
                    w.affiliations.insert(key(line));
                }
                "document" => {
                    w.documents.insert(key(line));
                }
                "title" => {
                    w.titles.insert(&key(line));
                }
                "org" => {
                    w.orgs.insert(&key(line));
                }
                _ => {}
            }
        }
        w
    })
}

/// An entity span of the entity layer, as the quotes layer needs it.
#[derive(Clone, Debug)]
pub struct EntityRef<'s> {
    /// Span id.
    pub id: SpanId,
    /// First byte.
    pub start: usize,
    /// Byte after the last.
    pub end: usize,
    /// PERSON, ORG, GPE, NORP, ...
    pub label: Label,
    /// `attrs.entity` of the span, when coref gave one (borrowed: there is
    /// one per entity span, and only a few become speakers).
    pub entity: Option<&'s Value>,
}

/// A `mention` span of the coref layer.
#[derive(Clone, Debug)]
pub struct MentionRef<'s> {
    /// First byte.
    pub start: usize,
    /// `attrs.entity`.
    pub entity: Option<&'s Value>,
    /// `attrs.antecedent`: the span id of the antecedent mention.
    pub antecedent: Option<SpanId>,
}

/// Entities and mentions from earlier layers, sorted by start.
pub struct Earlier<'s> {
    /// Entity spans (names only: PERSON, ORG, GPE, NORP, FAC).
    pub entities: Vec<EntityRef<'s>>,
    /// Mention spans.
    pub mentions: Vec<MentionRef<'s>>,
    /// Canonical names of document entities by id, when coref lists them.
    pub names: FnvMap<String, String>,
    /// Index in `entities` by span id.
    pub by_id: FnvMap<SpanId, usize>,
}

impl<'s> Earlier<'s> {
    /// Reads what earlier layers left in `sink` and `summaries`.
    pub fn read(sink: &'s SpanSink, summaries: &crate::doc::Summaries) -> Earlier<'s> {
        let mut entities = Vec::new();
        let mut mentions = Vec::new();
        for s in sink.spans() {
            match s.layer {
                Layer::Entity
                    if matches!(s.label, Label::Person | Label::Org | Label::Gpe | Label::Norp | Label::Fac) =>
                {
                    entities.push(EntityRef {
                        id: s.id,
                        start: s.start_byte,
                        end: s.end_byte,
                        label: s.label,
                        entity: s.attrs.get("entity"),
                    });
                }
                Layer::Mention => mentions.push(MentionRef {
                    start: s.start_byte,
                    entity: s.attrs.get("entity"),
                    antecedent: match s.attrs.get("antecedent") {
                        Some(Value::Int(n)) => u32::try_from(*n).ok(),
                        Some(Value::Ids(ids)) => ids.first().copied(),
                        _ => None,
                    },
                }),
                _ => {}
            }
        }
        entities.sort_by_key(|e| (e.start, std::cmp::Reverse(e.end)));
        mentions.sort_by_key(|m| m.start);
        let mut names = FnvMap::default();
        // Coref's cards name the document entities.
        for e in summaries.entities().unwrap_or_default() {
            names.insert(e.id.clone(), e.name.clone());
        }
        let by_id = entities.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
        Earlier { entities, mentions, names, by_id }
    }

    /// Name-like entities that lie inside `start..end`.
    pub fn within(&self, start: usize, end: usize) -> impl Iterator<Item = &EntityRef<'s>> {
        let first = self.entities.partition_point(|e| e.start < start);
        self.entities[first..].iter().take_while(move |e| e.start < end).filter(move |e| e.end <= end)
    }

    /// The canonical name of a coref entity id.
    pub fn name_of(&self, entity: &Value) -> Option<&str> {
        let key = match entity {
            Value::Str(s) => s.clone(),
            Value::Int(n) => n.to_string(),
            _ => return None,
        };
        self.names.get(&key).map(String::as_str)
    }
}

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
    matches!(t.kind, Label::Word | Label::Number)
}

#[inline]
fn capitalised(text: &str, t: &Token) -> bool {
    // Reads the first byte when it is ASCII (most words), without slicing
    // the text: this runs for every token when the reader indexes names.
    t.kind == Label::Word
        && match text.as_bytes().get(t.start) {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => t.text(text).chars().next().is_some_and(char::is_uppercase),
        }
}

/// Lower-case particles inside names ("al-Sudani", "bin Salman", "de la").
const PARTICLES: &[&str] =
    &["al", "el", "bin", "ibn", "abu", "de", "da", "di", "du", "van", "von", "der", "la", "le", "del"];

/// Pronouns that can be speakers.
pub const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];

/// Words that start a modifier chunk, never a subject ("from groups ...").
const MODIFIER_STARTS: &[&str] = &[
    "who",
    "which",
    "whose",
    "whom",
    "from",
    "including",
    "in",
    "with",
    "of",
    "at",
    "based",
    "speaking",
    "for",
    "on",
    "citing",
    "according",
    "after",
    "before",
    "during",
    "as",
    "like",
    "such",
    "meanwhile",
    "however",
    "though",
    "too",
    "also",
    "instead",
    "separately",
    "nonetheless",
    "moreover",
    "likewise",
    "similarly",
    "still",
    "now",
    "then",
    "later",
    "earlier",
    "again",
    "asked",
];

/// Words that close a clause's left edge when scanning back for a subject.
const CLAUSE_STOPS: &[&str] = &[
    "while", "although", "though", "because", "if", "when", "whereas", "but", "that", "whether", "so", "yet", "until",
    "unless",
];

/// Subordinators that make the cue's clause end at the next comma.
pub const SUBORDINATORS: &[&str] = &["while", "although", "though", "because", "if", "when", "whereas"];

/// Auxiliaries and adverbs between a subject and its cue ("has also said").
const AUX: &[&str] =
    &["has", "have", "had", "also", "later", "then", "again", "earlier", "once", "since", "previously"];

/// Words that end a noun phrase after an inverted cue ("said Smith on ...").
const NP_STOPS: &[&str] = &[
    "who",
    "which",
    "that",
    "speaking",
    "talking",
    "on",
    "during",
    "last",
    "when",
    "while",
    "because",
    "after",
    "before",
    "in",
    "told",
    "adding",
    "saying",
    "as",
    "this",
    "yesterday",
    "today",
    "tonight",
    "earlier",
    "late",
];

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
    pub full_names: FnvMap<String, Vec<(usize, &'a str)>>,
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
        let mut full_names: FnvMap<String, Vec<(usize, &'a str)>> = FnvMap::default();
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
            let lower_ascii = text.as_bytes().get(t.start).is_some_and(|b| b.is_ascii() && !b.is_ascii_uppercase());
            if t.kind != Label::Word || lower_ascii || !capitalised(text, t) {
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
                let name = &text[toks[a].start..toks[end - 1].end];
                let last = low(text, &toks[end - 1], &mut buf).to_string();
                if sentence_starts[i] {
                    subjects.push((toks[a].start, name.to_string()));
                }
                // The office before the name ("Sen.", "former governor"),
                // for "the senator" later.
                for k in i.saturating_sub(2)..a {
                    if let Some(office) = office_of(low(text, &toks[k], &mut buf)) {
                        titled.push((toks[a].start, office, name));
                    }
                }
                full_names.entry(last).or_default().push((toks[a].start, name));
            }
            i = end.max(i + 1);
        }
        for e in &earlier.entities {
            let t = toks.partition_point(|t| t.start < e.start);
            let mut k = t;
            while k > 0 && !sentence_starts[k] && w.titles.contains_folded(toks[k - 1].text(text)) {
                k -= 1;
            }
            if e.label == Label::Person && sentence_starts[k] {
                subjects.push((e.start, strip_titles(text.get(e.start..e.end).unwrap_or_default())));
            }
        }
        subjects.sort();
        let mut all_names: Vec<(usize, &'a str)> = full_names.values().flatten().copied().collect();
        all_names.sort();
        titled.sort();
        titled.dedup();
        Reader { text, seg, earlier, full_names, subjects, all_names, titled }
    }

    fn tok(&self, i: usize) -> &Token {
        &self.seg.tokens[i]
    }

    /// Bytes of tokens `t0..t1`.
    pub fn bytes(&self, t0: usize, t1: usize) -> (usize, usize) {
        if t1 <= t0 || t1 > self.seg.tokens.len() {
            let at = self.seg.tokens.get(t0).map_or(0, |t| t.start);
            return (at, at);
        }
        (self.tok(t0).start, self.tok(t1 - 1).end)
    }

    /// Text of tokens `t0..t1`.
    pub fn slice(&self, t0: usize, t1: usize) -> &'a str {
        let (a, b) = self.bytes(t0, t1);
        self.text.get(a..b).unwrap_or_default()
    }

    /// Scans back from the cue at token `cue_t0` (in sentence `sent`) for
    /// its subject.
    pub fn subject_before(&self, sent: usize, cue_t0: usize) -> Option<Subject> {
        let s0 = self.seg.sentence_tokens.get(sent)?.start;
        let mut buf = String::new();
        // Skip auxiliaries and -ly adverbs right before the cue.
        let mut end = cue_t0;
        while end > s0 {
            let w = low(self.text, self.tok(end - 1), &mut buf);
            if AUX.contains(&w) || (w.len() > 4 && w.ends_with("ly") && is_word(self.tok(end - 1))) {
                end -= 1;
            } else {
                break;
            }
        }
        // Clause start.
        let mut start = end;
        let mut subordinate = false;
        while start > s0 && end - start < 40 {
            let t = self.tok(start - 1);
            let w = low(self.text, t, &mut buf);
            if matches!(w, ";" | ":" | "“" | "”" | "\"" | "(" | ")" | "—" | "–" | "'" | "`" | "." | "?" | "!") {
                break;
            }
            if CLAUSE_STOPS.contains(&w) {
                subordinate = SUBORDINATORS.contains(&w);
                break;
            }
            start -= 1;
        }
        if start >= end {
            return None;
        }
        // Comma chunks, last first.
        let mut chunks: Vec<(usize, usize)> = Vec::new();
        let mut b = end;
        let mut k = end;
        while k > start {
            if self.tok(k - 1).text(self.text) == "," {
                if k < b {
                    chunks.push((k, b));
                }
                b = k - 1;
            }
            k -= 1;
        }
        if start < b {
            chunks.push((start, b));
        }
        // chunks[0] is nearest the cue. A relative clause next to the cue
        // has its own subject ("which board members have called"): keep it.
        if let Some(first) = chunks.first_mut().filter(|c| c.1 == end) {
            let w = low(self.text, self.tok(first.0), &mut buf);
            if matches!(w, "which" | "whom" | "that") && first.1 > first.0 + 1 {
                first.0 += 1;
            }
        }
        let mut pick = 0;
        while pick < chunks.len() {
            let (c0, c1) = chunks[pick];
            let w = low(self.text, self.tok(c0), &mut buf);
            // An age ("Mr. Jones, 54, said") is an appositive too.
            let age = (c0..c1).all(|k| self.tok(k).kind == Label::Number);
            if MODIFIER_STARTS.contains(&w) || self.party_tag(c0, c1) || age { pick += 1 } else { break }
        }
        let &(mut m0, mut m1) = chunks.get(pick)?;
        // "… “reckless” and warned": a conjunction is no subject.
        while m0 < m1 && matches!(low(self.text, self.tok(m0), &mut buf), "and" | "or" | "but" | "nor") {
            m0 += 1;
        }
        if m0 >= m1 {
            return None;
        }
        if m1 - m0 > 12 {
            // Too long for a subject: keep its last noun-phrase-ish tail only
            // if it is a pronoun ("... and he said"); else no subject.
            let last = m1 - 1;
            let w = low(self.text, self.tok(last), &mut buf);
            if PRONOUNS.contains(&w) { m0 = last } else { return None }
        }
        // A pronoun subject is the pronoun alone.
        let first = low(self.text, self.tok(m0), &mut buf).to_string();
        if PRONOUNS.contains(&first.as_str()) {
            m1 = m0 + 1;
        }
        let mut group_start = m0;
        let mut appositive = None;
        // Appositive pair: a name next to a description. Prefer the name.
        if let Some(&(p0, p1)) = chunks.get(pick + 1) {
            let here_name = self.is_name(m0, m1);
            let prev_name = self.is_name(p0, p1);
            let enclosed = pick > 0 || m1 < end; // name chunk closed by a comma
            if here_name && !prev_name && p1 - p0 <= 12 && (pick > 0 || enclosed) && self.looks_descriptive(p0, p1) {
                appositive = Some((p0, p1));
                group_start = p0;
            } else if !here_name && prev_name && pick == 0 && self.looks_descriptive(m0, m1) {
                appositive = Some((m0, m1));
                group_start = p0;
                m0 = p0;
                m1 = p1;
            }
        }
        Some(Subject {
            t0: m0,
            t1: m1,
            region_start: start,
            group_start,
            subordinate,
            appositive,
            skipped_modifier: pick > 0,
        })
    }

    /// The name or pronoun that opens the clause ending at token `end`
    /// (`Asked about it, Cruz was blunt:`), when the rest of the clause is
    /// short.
    pub fn colon_subject(&self, sent: usize, end: usize) -> Option<(usize, usize, Option<(usize, usize)>)> {
        let s0 = self.seg.sentence_tokens.get(sent)?.start;
        let mut k0 = end;
        while k0 > s0 && self.tok(k0 - 1).text(self.text) != "," && end - k0 < 12 {
            k0 -= 1;
        }
        let (a, b) = self.name_or_pronoun_at(k0, end)?;
        (end - b <= 4).then_some((a, b, None))
    }

    /// The subject of a participle cue at token `t`: the document noun
    /// phrase right before it ("a statement saying"), or after a comma the
    /// name or pronoun that opens the sentence ("Trump …, saying").
    pub fn participle_subject(&self, sent: usize, t: usize) -> Option<(usize, usize, Option<(usize, usize)>)> {
        let s0 = self.seg.sentence_tokens.get(sent)?.start;
        if t <= s0 {
            return None;
        }
        let w = words();
        let mut buf = String::new();
        let prev = low(self.text, self.tok(t - 1), &mut buf).to_string();
        if w.documents.contains(&prev) {
            let mut k = t - 1;
            while k > s0 && t - k < 4 {
                let lw = low(self.text, self.tok(k - 1), &mut buf);
                if self.tok(k - 1).kind != Label::Word {
                    break;
                }
                let det = matches!(lw, "a" | "an" | "the" | "its" | "his" | "her" | "their");
                k -= 1;
                if det {
                    break;
                }
            }
            return Some((k, t, None));
        }
        if prev == "," {
            let (a, b) = self.name_or_pronoun_at(s0, t)?;
            return Some((a, b, None));
        }
        None
    }

    /// The name or pronoun that opens sentence `sent`, before token `end`
    /// ("Carl Dunn called it “reckless” and warned …").
    pub fn sentence_subject(&self, sent: usize, end: usize) -> Option<(usize, usize, Option<(usize, usize)>)> {
        let s0 = self.seg.sentence_tokens.get(sent)?.start;
        let (a, b) = self.name_or_pronoun_at(s0, end)?;
        Some((a, b, None))
    }

    /// A pronoun, or a name (titles allowed) that starts at token `k`,
    /// before `end`.
    fn name_or_pronoun_at(&self, k: usize, end: usize) -> Option<(usize, usize)> {
        if k >= end {
            return None;
        }
        let w = words();
        let mut buf = String::new();
        let first = low(self.text, self.tok(k), &mut buf);
        if PRONOUNS.contains(&first) {
            return Some((k, k + 1));
        }
        let mut a = k;
        while a < end && w.titles.contains(low(self.text, self.tok(a), &mut buf)) {
            a += 1;
        }
        if a >= end || !capitalised(self.text, self.tok(a)) {
            return None;
        }
        let b = name_run_end(self.text, &self.seg.tokens, a).min(end);
        let roles = (a..b).all(|x| w.roles.contains_key(low(self.text, self.tok(x), &mut buf)));
        (b > a && !roles).then_some((k, b))
    }

    /// Whether tokens `a..b` are a US party-and-state tag ("D-Mass.",
    /// "R-Texas"), an appositive of the name before it.
    pub fn party_tag(&self, a: usize, b: usize) -> bool {
        b >= a + 3
            && b <= a + 5
            && matches!(self.tok(a).text(self.text), "D" | "R" | "I")
            && self.tok(a + 1).text(self.text) == "-"
            && capitalised(self.text, self.tok(a + 2))
    }

    /// Whether tokens `a..b` look like a description (start with a
    /// determiner, number or lower-case word, or hold a role noun).
    fn looks_descriptive(&self, a: usize, b: usize) -> bool {
        let w = words();
        let mut buf = String::new();
        (a..b).any(|k| w.roles.contains_key(low(self.text, self.tok(k), &mut buf)))
            || matches!(low(self.text, self.tok(a), &mut buf), "a" | "an" | "the" | "one" | "two" | "three" | "several")
    }

    /// Whether tokens `a..b` are a name: capitalised words with name
    /// particles and hyphens, titles allowed, or a PERSON/ORG entity.
    pub fn is_name(&self, a: usize, b: usize) -> bool {
        if a >= b || b - a > 8 {
            return false;
        }
        let (sa, sb) = self.bytes(a, b);
        if self.earlier.within(sa, sb).any(|e| e.end == sb && matches!(e.label, Label::Person | Label::Org)) {
            return true;
        }
        name_run_end(self.text, &self.seg.tokens, a) >= b && capitalised(self.text, self.tok(a))
    }

    /// The noun phrase after an inverted cue or "according to", from token
    /// `t`, ending at a comma, stop word or the sentence end; with the
    /// appositive after a comma, if any.
    pub fn np_after(&self, sent: usize, t: usize) -> Option<(usize, usize, Option<(usize, usize)>)> {
        let s1 = self.seg.sentence_tokens.get(sent)?.end;
        let mut buf = String::new();
        let mut k = t;
        while k < s1 && k - t < 12 {
            let tk = self.tok(k);
            let w = low(self.text, tk, &mut buf);
            if k > t && NP_STOPS.contains(&w) {
                break;
            }
            if tk.kind == Label::Punct && !matches!(w, "-" | "’s" | "'s" | "’" | "&") {
                break;
            }
            k += 1;
        }
        if k == t {
            return None;
        }
        let mut app = None;
        if k < s1 && self.tok(k).text(self.text) == "," {
            let a0 = k + 1;
            let mut a1 = a0;
            while a1 < s1 && a1 - a0 < 12 {
                let tk = self.tok(a1);
                if tk.kind == Label::Punct && !matches!(tk.text(self.text), "-" | "’s" | "'s") {
                    break;
                }
                let w = low(self.text, tk, &mut buf);
                if a1 > a0 && matches!(w, "who" | "which" | "said" | "says" | "told") {
                    break;
                }
                a1 += 1;
            }
            if a1 > a0 && self.looks_descriptive(a0, a1) {
                app = Some((a0, a1));
            }
        }
        Some((t, k, app))
    }

    /// Classifies the mention `t0..t1` at byte `at`, with an optional
    /// appositive description; `prior` are speakers found before it, in
    /// text order, and `last_named` the last of them that is a named person.
    pub fn classify(
        &self,
        t0: usize,
        t1: usize,
        appositive: Option<(usize, usize)>,
        prior: &[Speaker],
        last_named: Option<&Speaker>,
    ) -> Speaker {
        let w = words();
        let mut buf = String::new();
        let (sa, sb) = self.bytes(t0, t1);
        let mut sp = Speaker {
            t0,
            t1,
            kind: Label::Anonymous,
            name: self.slice(t0, t1).to_string(),
            role: None,
            affiliation: None,
            entity_span: None,
            entity: None,
            pronoun: false,
        };
        let first = low(self.text, self.tok(t0), &mut buf).to_string();
        if t1 == t0 + 1 && PRONOUNS.contains(&first.as_str()) {
            sp.pronoun = true;
            self.resolve_pronoun(&mut sp, &first, sa, prior, last_named);
            return sp;
        }
        // Describing words from the mention (the part before a name) and
        // its appositive.
        let mut roles: Vec<String> = Vec::new();
        let mut affs: Vec<String> = Vec::new();
        let name_at = self
            .earlier
            .within(sa, sb)
            .filter(|e| {
                e.end == sb
                    && matches!(e.label, Label::Person | Label::Org | Label::Gpe | Label::Fac)
                    && !self.linked_before(t0, e.start)
            })
            .map(|e| self.seg.tokens.partition_point(|t| t.start < e.start))
            .min()
            .or_else(|| self.name_head(t0, t1).map(|(n0, _)| self.title_start(t0, n0)));
        let described = (t0, name_at.unwrap_or(t1));
        let ranges = [Some(described).filter(|d| d.1 > d.0), appositive];
        for &(a, b) in ranges.iter().flatten() {
            let (ba, bb) = self.bytes(a, b);
            let mut k = a;
            while k < b {
                let tk = self.tok(k);
                let lw = low(self.text, tk, &mut buf).to_string();
                if let Some(e) = self.earlier.within(ba, bb).find(|e| e.start == tk.start)
                    && matches!(e.label, Label::Norp | Label::Gpe | Label::Org)
                {
                    let s = self.text.get(e.start..e.end).unwrap_or_default().to_string();
                    if !affs.contains(&s) {
                        affs.push(s);
                    }
                    k = self.seg.tokens.partition_point(|t| t.start < e.end).max(k + 1);
                    continue;
                }
                let determiner =
                    matches!(lw.as_str(), "the" | "a" | "an" | "some" | "one" | "two" | "several" | "senior");
                if capitalised(self.text, tk) && !determiner {
                    // A capitalised run inside a description is an affiliation
                    // ("a US official", "Prime Minister Sudani’s advisor"),
                    // unless it is only describing words ("Security").
                    let mut e = k + 1;
                    while e < b && (capitalised(self.text, self.tok(e)) || self.tok(e).text(self.text) == "-") {
                        e += 1;
                    }
                    let plain = (k..e).all(|x| {
                        let l = low(self.text, self.tok(x), &mut buf);
                        l == "-" || w.roles.contains_key(l) || w.affiliations.contains(l)
                    });
                    if !plain {
                        let s = self.slice(k, e).to_string();
                        if !affs.contains(&s) {
                            affs.push(s);
                        }
                        k = e;
                        continue;
                    }
                }
                if w.affiliations.contains(&lw) && !affs.iter().any(|x| x.eq_ignore_ascii_case(&lw)) {
                    affs.push(lw.clone());
                }
                if let Some(r) = w.roles.get(&lw)
                    && !roles.contains(r)
                {
                    roles.push(r.clone());
                }
                k += 1;
            }
        }
        sp.role = (!roles.is_empty()).then(|| roles.join(", "));
        sp.affiliation = (!affs.is_empty()).then(|| affs.join(", "));

        // A named head: an entity that ends the mention, or a capitalised run.
        let head = self
            .earlier
            .within(sa, sb)
            .filter(|e| e.end == sb && !self.linked_before(t0, e.start))
            .max_by_key(|e| e.end - e.start);
        if let Some(e) = head {
            match e.label {
                Label::Person => sp.kind = Label::NamedPerson,
                Label::Org | Label::Gpe | Label::Fac => sp.kind = Label::NamedOrganization,
                _ => {}
            }
            if sp.kind != Label::Anonymous {
                sp.entity_span = Some(e.id);
                sp.entity = e.entity.cloned();
                let raw = self.text.get(e.start..e.end).unwrap_or_default();
                let name = e.entity.and_then(|x| self.earlier.name_of(x)).unwrap_or(raw);
                // Titles go from people's names, not from "Justice Department".
                sp.name = if sp.kind == Label::NamedPerson { strip_titles(name) } else { name.to_string() };
                if sp.kind == Label::NamedPerson {
                    sp.name = self.full_name(&sp.name, sa);
                }
                return sp;
            }
        }
        if let Some((n0, kind)) = self.name_head(t0, t1) {
            sp.kind = kind;
            let mut name = strip_titles(self.slice(n0, t1));
            if kind == Label::NamedPerson {
                name = self.full_name(&name, sa);
                // An earlier speaker by that name: same kind.
            } else if self.tok(n0).start > sa && low(self.text, self.tok(t0), &mut buf) == "the" {
                name = self.slice(n0, t1).to_string();
            }
            sp.name = name;
            // Drop an affiliation that is the name itself.
            if sp.affiliation.as_deref() == Some(sp.name.as_str()) {
                sp.affiliation = None;
            }
            return sp;
        }
        // "the senator": the person last named with that office.
        let n = t1 - t0;
        if (2..=3).contains(&n)
            && low(self.text, self.tok(t0), &mut buf) == "the"
            && let Some(office) = office_of(low(self.text, self.tok(t1 - 1), &mut buf))
        {
            let before = &self.titled[..self.titled.partition_point(|x| x.0 < sa)];
            if let Some((_, _, name)) = before.iter().rev().find(|x| x.1 == office) {
                sp.kind = Label::NamedPerson;
                sp.name = name.to_string();
                return sp;
            }
        }
        // A description: a document when it names one and no person
        // ("a Des Moines Register poll released Saturday").
        let mut document = false;
        let mut person = false;
        for k in t0..t1 {
            let lw = low(self.text, self.tok(k), &mut buf);
            if matches!(lw, "of" | "from" | "by" | "about" | "released" | "published" | "seen" | "obtained") {
                break;
            }
            document |= w.documents.contains(lw);
            person |= w.roles.contains_key(lw);
        }
        if document && !person {
            sp.kind = Label::Document;
        }
        sp
    }

    /// If the mention ends in a name (a capitalised run reaching its end,
    /// preceded only by titles, determiners or lower-case role words), the
    /// name's first token and whether it is a person or an organisation.
    fn name_head(&self, t0: usize, t1: usize) -> Option<(usize, Label)> {
        let w = words();
        let mut buf = String::new();
        // Find the start of the trailing capitalised run.
        let mut n0 = t1;
        while n0 > t0 {
            let tk = self.tok(n0 - 1);
            let lw = low(self.text, tk, &mut buf);
            let ok = capitalised(self.text, tk)
                || lw == "-"
                || (PARTICLES.contains(&lw) && n0 < t1)
                || (lw == "." && n0 < t1)
                || (tk.kind == Label::Number && n0 < t1 && n0 - 1 > t0);
            if ok { n0 -= 1 } else { break }
        }
        if n0 >= t1 {
            return None;
        }
        // Titles at the front of the run belong to the role, not the name.
        let mut a = n0;
        while a < t1 && w.titles.contains(low(self.text, self.tok(a), &mut buf)) {
            a += 1;
        }
        if a >= t1 || !capitalised(self.text, self.tok(a)) || is_date_word(low(self.text, self.tok(t1 - 1), &mut buf)) {
            return None;
        }
        if self.linked_before(t0, self.tok(n0).start) {
            return None;
        }
        let org = (a..t1).any(|k| w.orgs.contains(low(self.text, self.tok(k), &mut buf)))
            || (n0 > t0 && low(self.text, self.tok(n0 - 1), &mut buf) == "the");
        // A capitalised role word alone ("Officials", "Security officials")
        // is a description, not a name.
        let all_roles = (a..t1).all(|k| {
            let lw = low(self.text, self.tok(k), &mut buf);
            w.roles.contains_key(lw) || w.affiliations.contains(lw)
        });
        if all_roles {
            return None;
        }
        Some((a, if org { Label::NamedOrganization } else { Label::NamedPerson }))
    }

    /// Where the titles before the name at token `n0` begin ("Prime
    /// Minister" in "Prime Minister Sudani"), not before `t0`.
    fn title_start(&self, t0: usize, n0: usize) -> usize {
        let w = words();
        let mut buf = String::new();
        let mut k = n0;
        while k > t0
            && (w.titles.contains(low(self.text, self.tok(k - 1), &mut buf)) || self.tok(k - 1).text(self.text) == "-")
        {
            k -= 1;
        }
        k
    }

    /// Whether the words from token `t0` up to byte `at` link what follows
    /// to a description ("a commander of X", "officials from X"): then the
    /// name at `at` is an affiliation, not the head. A possessive does not
    /// link: the name that ends a mention after one is its head ("the
    /// campaign's press secretary Dana Wills", "MSNBC’s Ayman Mohyeldin"),
    /// and "Sudani’s advisor" ends in no name.
    fn linked_before(&self, t0: usize, at: usize) -> bool {
        let mut buf = String::new();
        let mut k = t0;
        while k < self.seg.tokens.len() && self.tok(k).start < at {
            let lw = low(self.text, self.tok(k), &mut buf);
            if matches!(lw, "of" | "for" | "from" | "at" | "with" | "including" | "and" | "close" | "to")
            {
                return true;
            }
            k += 1;
        }
        false
    }

    /// Whether the noun phrase `a..b` can be a speaker after an inverted cue:
    /// it starts with a capital, a determiner or number, or holds a role.
    pub fn speaker_like(&self, a: usize, b: usize) -> bool {
        let mut buf = String::new();
        // "insisted he had voted …": a pronoun after the cue starts the
        // reported clause.
        if PRONOUNS.contains(&low(self.text, self.tok(a), &mut buf)) {
            return false;
        }
        capitalised(self.text, self.tok(a))
            || matches!(
                low(self.text, self.tok(a), &mut buf),
                "a" | "an"
                    | "the"
                    | "one"
                    | "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "some"
                    | "several"
                    | "many"
                    | "senior"
                    | "local"
                    | "his"
                    | "her"
                    | "their"
            )
            || self.tok(a).kind == Label::Number
            || (a..b.min(a + 3)).any(|k| words().roles.contains_key(low(self.text, self.tok(k), &mut buf)))
    }

    /// The full form of a one-word person name ("Baker" -> "Tom Baker")
    /// from the last full name with that last word before byte `at`.
    fn full_name(&self, name: &str, at: usize) -> String {
        if name.split_whitespace().count() > 1 || name.contains('-') {
            return name.to_string();
        }
        let key = name.to_lowercase();
        self.full_names
            .get(&key)
            .and_then(|v| v[..v.partition_point(|(p, _)| *p < at)].last())
            .map_or_else(|| name.to_string(), |(_, n)| n.to_string())
    }

    /// Resolves a pronoun: "he said" in news refers to the person last
    /// quoted, so a named person who spoke in the last three sentences wins;
    /// else the coref mention at its position when there is one; else the
    /// most recent compatible speaker, PERSON entity or full name.
    fn resolve_pronoun(
        &self,
        sp: &mut Speaker,
        pronoun: &str,
        at: usize,
        prior: &[Speaker],
        last_named: Option<&Speaker>,
    ) {
        let person = matches!(pronoun, "he" | "she");
        let sent_of = |t: usize| self.seg.sentence_tokens.partition_point(|r| r.end <= t);
        let here = sent_of(sp.t0);
        // The last named person among the earlier speakers, if it is within
        // three sentences. The speakers come in text order, so every one
        // after it is within three sentences too: the same answer as
        // walking back through them, without the walk (quadratic on a text
        // of pronoun speakers with no name in sight).
        let recent = last_named.filter(|p| here.saturating_sub(sent_of(p.t0)) <= 3);
        // ... unless another person has since opened a sentence.
        let since = recent.map_or(0, |p| self.bytes(p.t0, p.t1).1);
        let newer_subject =
            self.subjects[..self.subjects.partition_point(|(b, _)| *b < at)].last().filter(|(b, _)| *b >= since);
        if let (true, Some(p), None) = (person, recent, newer_subject) {
            sp.kind = p.kind;
            sp.name = p.name.clone();
            sp.entity = p.entity.clone();
            sp.entity_span = p.entity_span;
            return;
        }
        let i = self.earlier.mentions.partition_point(|m| m.start < at);
        if let Some(m) = self.earlier.mentions.get(i).filter(|m| m.start == at) {
            sp.entity = m.entity.cloned();
            sp.entity_span = m.antecedent;
            let ante =
                m.antecedent.and_then(|id| self.earlier.by_id.get(&id)).and_then(|&i| self.earlier.entities.get(i));
            let name = m
                .entity
                .and_then(|x| self.earlier.name_of(x))
                .map(|n| if ante.is_none_or(|e| e.label == Label::Person) { strip_titles(n) } else { n.to_string() })
                .or_else(|| ante.map(|e| strip_titles(self.text.get(e.start..e.end).unwrap_or_default())));
            if let Some(name) = name {
                sp.kind = match ante.map(|e| e.label) {
                    Some(Label::Person) | None => Label::NamedPerson,
                    Some(_) => Label::NamedOrganization,
                };
                sp.name = self.full_name(&name, at);
                return;
            }
        }
        if let (true, Some((_, name))) = (person, newer_subject) {
            sp.kind = Label::NamedPerson;
            sp.name = name.clone();
            return;
        }
        let found = prior.iter().rev().take(50).find(|p| {
            !p.pronoun
                && if person {
                    p.kind == Label::NamedPerson
                } else {
                    pronoun == "they" && p.kind != Label::NamedPerson
                        || pronoun == "it" && p.kind != Label::NamedPerson && p.kind != Label::Anonymous
                }
        });
        if let Some(p) = found {
            sp.kind = p.kind;
            sp.name = p.name.clone();
            sp.role = p.role.clone();
            sp.affiliation = p.affiliation.clone();
            sp.entity = p.entity.clone();
            sp.entity_span = p.entity_span;
            return;
        }
        if person {
            let before = self.earlier.entities.partition_point(|e| e.start < at);
            let e = self.earlier.entities[..before]
                .iter()
                .rev()
                .take(200)
                .find(|e| e.label == Label::Person && e.end <= at);
            if let Some(e) = e {
                sp.kind = Label::NamedPerson;
                sp.name = self.full_name(&strip_titles(self.text.get(e.start..e.end).unwrap_or_default()), at);
                sp.entity = e.entity.cloned();
                sp.entity_span = Some(e.id);
                return;
            }
            let latest = self.all_names[..self.all_names.partition_point(|(p, _)| *p < at)].last();
            if let Some((_, n)) = latest {
                sp.kind = Label::NamedPerson;
                sp.name = n.to_string();
            }
        }
    }
}

/// Day and month names: capitalised, never a speaker's name.
fn is_date_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// The office a title word names, so "Sen." and "the senator" agree.
fn office_of(word: &str) -> Option<&'static str> {
    Some(match word {
        "sen." | "senator" => "senator",
        "rep." | "representative" | "congressman" | "congresswoman" | "lawmaker" => "representative",
        "gov." | "governor" => "governor",
        "president" => "president",
        "mayor" => "mayor",
        "judge" => "judge",
        "secretary" => "secretary",
        "minister" => "minister",
        "gen." | "general" => "general",
        "chairman" | "chairwoman" | "chair" => "chair",
        "ambassador" => "ambassador",
        "candidate" => "candidate",
        "nominee" => "nominee",
        "sheriff" => "sheriff",
        "spokesman" | "spokeswoman" | "spokesperson" => "spokesman",
        "speaker" => "speaker",
        "superintendent" => "superintendent",
        "commissioner" => "commissioner",
        "prosecutor" => "prosecutor",
        "coach" => "coach",
        _ => return None,
    })
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
            let prev_end = toks[k - 1].end;
            prev_end == t.start || (t.start == prev_end + 1 && text.as_bytes().get(prev_end) == Some(&b' '))
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
        let particle = raw.is_ascii() && PARTICLES.iter().any(|p| p.eq_ignore_ascii_case(raw));
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
        assert!(PARTICLES.iter().all(|p| p.is_ascii() && p.to_ascii_lowercase() == *p && !p.contains('k')));
    }

    #[test]
    fn name_runs_join_particles_in_any_case() {
        let text = "Then Mohammed Bin Salman and Vincent vAN Gogh met De la Cruz of Ukraine";
        let toks = crate::text::tokens::tokenize(text);
        let run = |word: &str| {
            let i = toks.iter().position(|t| t.text(text) == word).unwrap_or(usize::MAX);
            let end = name_run_end(text, &toks, i);
            text[toks[i].start..toks[end - 1].end].to_string()
        };
        assert_eq!(run("Mohammed"), "Mohammed Bin Salman");
        assert_eq!(run("Vincent"), "Vincent vAN Gogh");
        assert_eq!(run("De"), "De la Cruz");
        assert_eq!(run("Ukraine"), "Ukraine");
    }
}
