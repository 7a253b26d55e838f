//! The `quote`, `cue` and `source` layers: who is quoted, on whose word,
//! and how; plus the `sourcing` summary.
//!
//! Rules, not a model: news attribution is formulaic ("…,” he said;
//! X said (that) …; …, according to X), and rules give exact spans from
//! mark to mark, explainable decisions, and linear time. The steps:
//!
//! 1. [`marks`] pairs quotation marks into pieces per paragraph.
//! 2. [`cues`] finds speech cues outside the pieces.
//! 3. Each piece looks for its attribution: a cue before it ending in `:`
//!    or `,` (`X said: “…”`), or right after it (`“…,” he said`,
//!    `“…,” said a commander of …`), or, after a colon with no cue, the
//!    clause's named subject (`Cruz was blunt: “…”`). A piece after
//!    paraphrase in its sentence (`X called it “a disaster,” she said`) is
//!    `mixed`.
//! 4. Pieces of one utterance share a group (`attrs.group`) and its speaker:
//!    a quote interrupted by its attribution (`“We want peace,” he said,
//!    “but not at any price.”` gives two pieces, one group), one running on
//!    over paragraphs, or one followed by more quoted sentences. A quote
//!    paragraph with no cue that follows a quote continues its speaker.
//!    Emitting one span per piece keeps every span from a mark to a mark.
//! 5. Unused cues give reported speech: `X said (that) CONTENT`,
//!    `CONTENT, X said`, `CONTENT, said X`, `According to X, CONTENT`,
//!    `CONTENT, according to X`, with CONTENT as the quote span; when
//!    CONTENT holds a quoted piece it is `mixed` and absorbs the piece.
//!    Cues that mean too much else on their own ("wrote", "asked",
//!    "saying") give only mixed quotes, whose quote marks confirm speech.
//! 6. A piece left without a cue is `direct` when it reads as a clause
//!    (continuing the speaker of the speech just before it, if its sentence
//!    follows one in the same or previous paragraph), else `scare` (a title
//!    or a distanced phrase).
//! 7. Speakers ([`speakers`]) become `source` spans, classified as named
//!    person or organisation, anonymous, or document, with role and
//!    affiliation. "He said" goes to the person quoted in the last three
//!    sentences unless another person has since opened a sentence (the news
//!    convention), else through the coref `mention` layer when present,
//!    else to the most recent compatible speaker or person; "the senator"
//!    goes to the person last named with that office.

pub mod cues;
pub mod marks;
mod scan;
pub mod speakers;
mod summary;


use std::collections::BTreeMap;

use crate::hash::FnvMap;
use crate::doc::{Attrs, Label, Layer, SpanId, Value};
use crate::text::words::lower_into;
use crate::context::Context;
use crate::text::Segmentation;
use cues::{Cue, CueKind};
use marks::Piece;
use speakers::{Earlier, Reader, Speaker};

/// A quote found, before it becomes a span.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub kind: Label,
    pub start: usize,
    pub end: usize,
    pub cue: Option<usize>,
    pub speaker: Option<usize>,
    pub group: Option<usize>,
}

/// A speaker mention request: token range and appositive.
type Mention = (usize, usize, Option<(usize, usize)>);

/// Reported speech: content tokens, a second part after an interrupting
/// cue clause, and the speaker.
type Reported = ((usize, usize), Option<(usize, usize)>, Mention);

/// Words after "told" that are its object, not the reported content.
const TOLD_OBJECTS: &[&str] = &[
    "reporters",
    "journalists",
    "him",
    "her",
    "them",
    "us",
    "me",
    "lawmakers",
    "analysts",
    "investors",
    "supporters",
    "parliament",
    "congress",
    "colleagues",
    "staff",
    "members",
];

/// Words after a cue that make it the end of its sentence ("…, X said on
/// Monday").
const ADVERBIAL_STARTS: &[&str] = &[
    "on",
    "in",
    "at",
    "last",
    "this",
    "late",
    "early",
    "earlier",
    "later",
    "yesterday",
    "today",
    "tonight",
    "recently",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "during",
    "after",
    "before",
    "when",
    "while",
    "as",
    "via",
    "to",
    "told",
];

/// Adds quote, cue and source spans and the `sourcing` summary.
///
/// Never inlined into `pipeline::run`: one function per layer lets the
/// wasm engine compile (and tier up) each layer on its own, when first
/// reached, instead of one very large function at the first call.
#[inline(never)]
pub fn annotate(cx: &mut Context) {
    let text = cx.text;
    let pieces = marks::find_pieces(text, &cx.seg);
    let cues = cues::find_cues(text, &cx.seg, &pieces);
    let earlier = Earlier::read(&cx.sink, &cx.summaries);
    let (found, speakers, cue_used) = {
        let reader = Reader::new(text, &cx.seg, &earlier);
        analyse(&reader, &pieces, &cues)
    };
    // Free what was read from the earlier layers, and the quotation-mark
    // pieces (one per mark on a text of marks), before adding spans.
    drop(earlier);
    drop(pieces);

    // Sources and cues first, so quotes can point at their ids.
    let mut source_ids: Vec<SpanId> = Vec::with_capacity(speakers.len());
    for sp in &speakers {
        let (a, b) = span_bytes(&cx.seg, sp.t0, sp.t1);
        let mut attrs = Attrs::new();
        attrs.insert("kind", Value::name(sp.kind.name()));
        attrs.insert("name", Value::from(sp.name.as_str()));
        if let Some(r) = &sp.role {
            attrs.insert("role", Value::from(r.as_str()));
        }
        if let Some(f) = &sp.affiliation {
            attrs.insert("affiliation", Value::from(f.as_str()));
        }
        if let Some(id) = sp.entity_span {
            attrs.insert("entity_span", Value::Int(i64::from(id)));
        }
        if let Some(e) = &sp.entity {
            attrs.insert("entity", e.clone());
        }
        if sp.pronoun {
            attrs.insert("pronoun", Value::Bool(true));
        }
        source_ids.push(cx.sink.push(Layer::Source, sp.kind, a, b, attrs));
    }
    // By cue index: the id of its span, if it has one (a Vec, not a map:
    // 8 bytes a cue, where the map took ~20 per used cue with its slack).
    let mut cue_ids: Vec<Option<SpanId>> = vec![None; cues.len()];
    for (i, c) in cues.iter().enumerate() {
        if !cue_used[i] {
            continue;
        }
        let (a, b) = span_bytes(&cx.seg, c.t0, c.t1);
        let label = if c.kind == CueKind::According { Label::Attribution } else { Label::SpeechVerb };
        cue_ids[i] = Some(cx.sink.push(Layer::Cue, label, a, b, Attrs::new()));
    }
    drop(cues);
    for f in &found {
        let mut attrs = Attrs::new();
        attrs.insert("kind", Value::name(f.kind.name()));
        if let Some(id) = f.cue.and_then(|c| cue_ids.get(c).copied().flatten()) {
            attrs.insert("cue", Value::Int(i64::from(id)));
        }
        if let Some(s) = f.speaker
            && let (Some(id), Some(sp)) = (source_ids.get(s), speakers.get(s))
        {
            attrs.insert("speaker", Value::Int(i64::from(*id)));
            attrs.insert("speaker_name", Value::from(sp.name.as_str()));
            attrs.insert("source_kind", Value::name(sp.kind.name()));
            if let Some(e) = &sp.entity {
                attrs.insert("speaker_entity", e.clone());
            }
        }
        if let Some(g) = f.group {
            attrs.insert("group", Value::Int(g as i64));
        }
        cx.sink.push(Layer::Quote, f.kind, f.start, f.end, attrs);
    }
    let summary = summary::sourcing(text, &cx.seg, &found, &speakers);
    cx.summaries.insert("sourcing", summary);
}

fn span_bytes(seg: &Segmentation, t0: usize, t1: usize) -> (usize, usize) {
    match (seg.tokens.get(t0), t1.checked_sub(1).and_then(|i| seg.tokens.get(i))) {
        (Some(a), Some(b)) if t1 > t0 => (a.start, b.end),
        (Some(a), _) => (a.start, a.start),
        _ => (0, 0),
    }
}

/// Working state of one analysis.
struct State<'r, 'a> {
    r: &'r Reader<'a>,
    cues: &'r [Cue],
    pieces: &'r [Piece],
    cue_used: Vec<bool>,
    mentions: Vec<Mention>,
    mention_index: FnvMap<(usize, usize), usize>,
    /// The speaker mention of each cue used so far, by cue index (ordered:
    /// [`participle_speaker`] asks for the last one in a range).
    cue_speaker: BTreeMap<usize, usize>,
    buf: String,
    /// Per cue, the next cue (itself included) of each kind that
    /// [`reported`] looks for ahead of a cue: `cues.len()` when none.
    /// Without them every cue looked at every later cue of its sentence.
    next_according: Vec<u32>,
    next_coordinated: Vec<u32>,
    next_not_according: Vec<u32>,
    /// Memoised token scans (see [`scan`]): commas, clause marks, words.
    commas: scan::Scan,
    clause_marks: scan::Scan,
    words: scan::Scan,
    /// The last sentence's trimmed end, asked for by every cue in it.
    sentence_end: Option<(usize, usize)>,
}

impl State<'_, '_> {
    fn toks(&self) -> &[crate::text::Token] {
        &self.r.seg.tokens
    }

    /// First token that starts at or after byte `b`.
    fn tok_at(&self, b: usize) -> usize {
        self.toks().partition_point(|t| t.start < b)
    }

    /// The sentence of token `t`. A binary search: it runs a few times per
    /// quoted piece, and a sentence index per token took 4 bytes a token,
    /// the layer's largest allocation.
    fn sent_of(&self, t: usize) -> usize {
        let sentences = &self.r.seg.sentence_tokens;
        let s = sentences.partition_point(|r| r.end <= t);
        if s < sentences.len() && sentences[s].start <= t { s } else { 0 }
    }

    fn low(&mut self, t: usize) -> &str {
        let s = self.toks().get(t).map_or("", |tk| tk.text(self.r.text));
        lower_into(s, &mut self.buf);
        self.buf.as_str()
    }

    fn text_of(&self, t: usize) -> &str {
        self.toks().get(t).map_or("", |tk| tk.text(self.r.text))
    }

    fn is_word(&self, t: usize) -> bool {
        self.toks().get(t).is_some_and(|tk| matches!(tk.kind, Label::Word | Label::Number))
    }

    fn cue_starting(&self, t: usize) -> Option<usize> {
        self.cues.binary_search_by_key(&t, |c| c.t0).ok()
    }

    fn cue_ending(&self, t: usize) -> Option<usize> {
        self.cues.binary_search_by_key(&t, |c| c.t1).ok()
    }

    fn mention(&mut self, m: Mention) -> usize {
        if let Some(&i) = self.mention_index.get(&(m.0, m.1)) {
            return i;
        }
        self.mentions.push(m);
        self.mention_index.insert((m.0, m.1), self.mentions.len() - 1);
        self.mentions.len() - 1
    }

    /// Sentence-final trim: the last content token (exclusive end) of
    /// `t0..t1`, dropping trailing punctuation.
    fn trim_end(&self, t0: usize, mut t1: usize) -> usize {
        while t1 > t0 && self.toks().get(t1 - 1).is_some_and(|t| t.kind == Label::Punct || t.kind == Label::Symbol) {
            t1 -= 1;
        }
        t1
    }

    /// The first comma token in `from..end`.
    fn comma_in(&mut self, from: usize, end: usize) -> Option<usize> {
        let r = self.r;
        let toks = &r.seg.tokens;
        let k = self.commas.first(from, toks.len(), |i| toks[i].text(r.text) == ",");
        (k < end).then_some(k)
    }

    /// The start of the clause that ends at token `end`: the sentence start
    /// `s0` or just after a closing quote mark, colon or semicolon.
    fn clause_start(&mut self, s0: usize, end: usize) -> usize {
        let r = self.r;
        let toks = &r.seg.tokens;
        let k = self.clause_marks.after_last(end, toks.len(), |i| matches!(toks[i].text(r.text), ";" | ":" | "”" | "''"));
        k.max(s0)
    }

    /// Whether `t0..t1` holds at least two words.
    fn two_words(&mut self, t0: usize, t1: usize) -> bool {
        let r = self.r;
        let toks = &r.seg.tokens;
        let is_word = |i: usize| matches!(toks[i].kind, Label::Word | Label::Number);
        let first = self.words.first(t0, toks.len(), is_word);
        first < t1 && self.words.first(first + 1, toks.len(), is_word) < t1
    }

    /// The trimmed end of sentence `sent` (its tokens `range`).
    fn sentence_trim_end(&mut self, sent: usize, range: std::ops::Range<usize>) -> usize {
        match self.sentence_end {
            Some((s, end)) if s == sent => end,
            _ => {
                let end = self.trim_end(range.start, range.end);
                self.sentence_end = Some((sent, end));
                end
            }
        }
    }

    /// Whether a cue in `cues[i..j]` is of the kind `next` was made for.
    fn any_cue(next: &[u32], i: usize, j: usize) -> Option<usize> {
        next.get(i).map(|&k| k as usize).filter(|&k| k < j)
    }

    /// A speaker mention for the cue `c` when the speaker follows it.
    fn speaker_after(&mut self, c: usize) -> Option<Mention> {
        let cue = self.cues[c];
        let (a, b, app) = self.r.np_after(cue.sent, cue.t1)?;
        if !self.r.speaker_like(a, b) {
            return None;
        }
        Some((a, b, app))
    }
}

/// The whole analysis: quotes found, speakers (classified in text order),
/// and which cues were used.
fn analyse(r: &Reader, pieces: &[Piece], cues: &[Cue]) -> (Vec<Found>, Vec<Speaker>, Vec<bool>) {
    let seg = r.seg;
    let mut st = State {
        r,
        cues,
        pieces,
        cue_used: vec![false; cues.len()],
        mentions: Vec::new(),
        mention_index: FnvMap::default(),
        cue_speaker: BTreeMap::new(),
        buf: String::new(),
        next_according: next_cue(cues, |c| c.kind == CueKind::According),
        next_coordinated: next_cue(cues, |c| {
            c.t0 > 0 && matches!(r.seg.tokens.get(c.t0 - 1).map(|t| t.text(r.text)), Some("and" | "but"))
        }),
        next_not_according: next_cue(cues, |c| c.kind != CueKind::According),
        commas: scan::Scan::default(),
        clause_marks: scan::Scan::default(),
        words: scan::Scan::default(),
        sentence_end: None,
    };
    let n = pieces.len();
    // Per piece: attribution (cue, mention index), mixed content start.
    let mut attr: Vec<Option<(Option<usize>, usize)>> = vec![None; n];
    let mut mixed_from: Vec<Option<usize>> = vec![None; n];
    let mut joins_prev = vec![false; n];

    for (k, q) in pieces.iter().enumerate() {
        let open = st.tok_at(q.start);
        let after = st.tok_at(q.end);
        let sent = st.sent_of(open);
        let s0 = seg.sentence_tokens.get(sent).map_or(0, |r| r.start);
        // (a) Leading: `X said: “…”`, `X said, “…”`, `X said “…”`.
        let mut j = open;
        let mut punct = "";
        while j > s0 && matches!(st.text_of(j - 1), ":" | ",") {
            punct = if st.text_of(j - 1) == ":" { ":" } else { "," };
            j -= 1;
        }
        let limit = match punct {
            ":" => 4,
            "," => 3,
            _ => 1,
        };
        let mut lead = None;
        for g in 0..=limit {
            let Some(end) = j.checked_sub(g) else { break };
            if end <= s0 {
                break;
            }
            if let Some(c) = st.cue_ending(end) {
                let gap_ok = g == 0 || !punct.is_empty() || (g == 1 && st.low(end) == "that");
                if gap_ok && st.cues[c].sent == sent {
                    lead = Some(c);
                }
                break;
            }
        }
        // `wrote “The Audacity of Hope”`: a title after a cue is not speech.
        if punct.is_empty() && title_like(&st, q) {
            lead = None;
        }
        if let Some(c) = lead {
            if st.cue_used[c] {
                // The cue of the previous piece: `“A,” he said, “B.”`
                joins_prev[k] = k > 0;
            } else {
                let cue = st.cues[c];
                let m = if cue.kind == CueKind::According {
                    st.speaker_after(c)
                } else if cue.kind == CueKind::QuotedOnly && st.low(cue.t0).ends_with("ing") {
                    // `…, adding, “…”`: the participle's subject.
                    participle_speaker(&st, cue).or_else(|| r.participle_subject(cue.sent, cue.t0))
                } else {
                    r.subject_before(cue.sent, cue.t0).map(|s| (s.t0, s.t1, s.appositive))
                };
                if let Some(m) = m {
                    st.cue_used[c] = true;
                    let mi = st.mention(m);
                    attr[k] = Some((Some(c), mi));
                    st.cue_speaker.insert(c, mi);
                    continue;
                }
            }
        }
        // `Cruz was blunt: “…”`: after a colon with no cue, the clause's
        // subject when it is a name or a pronoun.
        if lead.is_none()
            && punct == ":"
            && let Some(m) = r.colon_subject(sent, j)
        {
            let mi = st.mention(m);
            attr[k] = Some((None, mi));
            continue;
        }
        if joins_prev[k] || !q.closed {
            continue;
        }
        // (b) Trailing: `“…,” he said`, `“…,” said X`.
        let para_end = seg.paragraphs.get(q.para).map_or(0, |p| st.tok_at(p.end));
        let mut t = after;
        while t < para_end && matches!(st.text_of(t), "," | "—" | "–" | "-") {
            t += 1;
        }
        if t >= para_end {
            continue;
        }
        let mut trail: Option<(usize, Mention)> = None;
        if let Some(c) = st.cue_starting(t) {
            if !st.cue_used[c]
                && let Some(m) = st.speaker_after(c)
            {
                trail = Some((c, m));
            }
        } else {
            let first = st.low(t).to_string();
            let capital = |st: &State, i: usize| {
                st.toks().get(i).is_some_and(|tk| tk.text(r.text).chars().next().is_some_and(char::is_uppercase))
            };
            // "family therapist Ana Ruiz says": a lower-case role, then a
            // name, within a few words and no comma.
            let role_then_name = !capital(&st, t)
                && (t + 1..(t + 4).min(para_end))
                    .take_while(|&i| st.is_word(i) && st.text_of(i) != ",")
                    .any(|i| capital(&st, i));
            let starts_np = speakers::PRONOUNS.contains(&first.as_str())
                || matches!(
                    first.as_str(),
                    "the" | "a" | "an" | "one" | "two" | "three" | "some" | "his" | "her" | "their"
                )
                || capital(&st, t)
                || role_then_name;
            // "Dana Wills, the mayor's adviser on housing and transit,
            // said": a name and a long appositive between commas.
            let appositive = (t + 1..(t + 5).min(para_end)).find(|&i| st.text_of(i) == ",").is_some();
            let reach = if appositive { 20 } else { 8 };
            if starts_np {
                let mut u = t;
                while u < para_end && u - t <= reach {
                    let w = st.text_of(u);
                    if matches!(w, "." | "?" | "!" | "“" | "”" | "\"" | ";" | ":" | "``" | "''") {
                        break;
                    }
                    if let Some(c) = st.cue_starting(u) {
                        if !st.cue_used[c] {
                            // The subject between the mark and the cue.
                            let mut e = u;
                            while e > t
                                && matches!(st.low(e - 1), "has" | "had" | "have" | "also" | "later" | "then" | "again")
                            {
                                e -= 1;
                            }
                            if e > t {
                                let first_is_pronoun = speakers::PRONOUNS.contains(&first.as_str());
                                // "Sen. Elizabeth Warren, D-Mass., wrote": the
                                // name, then an appositive.
                                let comma = (t..e).find(|&i| st.text_of(i) == ",");
                                let m = match comma {
                                    _ if first_is_pronoun => (t, t + 1, None),
                                    Some(k) if k > t => {
                                        let app_end = st.trim_end(k + 1, e);
                                        (t, k, (app_end > k + 1).then_some((k + 1, app_end)))
                                    }
                                    _ => (t, e, None),
                                };
                                trail = Some((c, m));
                            }
                        }
                        break;
                    }
                    u += 1;
                }
            }
        }
        // A cue in the next sentence attributes the piece only when its
        // clause ends there (`“Yes.” Mr. Lee said on Monday.`): after
        // `… ''The Art of the Deal.'' Mr. Lee said a jet …` the cue reports
        // content of its own, and a title is no speech.
        let piece_sentence = st.sent_of(after.saturating_sub(1).max(open));
        let trail = trail.filter(|&(c, _)| {
            let cue = st.cues[c];
            if cue.sent == piece_sentence {
                return true;
            }
            let s1 = seg.sentence_tokens.get(cue.sent).map_or(cue.t1, |r| st.trim_end(r.start, r.end));
            let rest = st.low(cue.t1).to_string();
            let clause_follows = cue.t1 < s1 && !ADVERBIAL_STARTS.contains(&rest.as_str()) && st.is_word(cue.t1);
            !title_like(&st, q) && !clause_follows
        });
        if let Some((c, m)) = trail {
            st.cue_used[c] = true;
            let mi = st.mention(m);
            attr[k] = Some((Some(c), mi));
            st.cue_speaker.insert(c, mi);
            // Paraphrase before the piece in its sentence makes it mixed,
            // unless an earlier piece in the sentence is the quote's start.
            let prev_in_sentence = k > 0 && pieces[k - 1].end > seg.sentences.get(sent).map_or(0, |s| s.start);
            let words_before = (s0..open).rev().filter(|&i| st.is_word(i)).take(2).count();
            if words_before >= 2 && !prev_in_sentence {
                mixed_from[k] = Some(s0);
            }
        }
    }

    // Groups: interrupted, run-on and follow-on pieces.
    let mut group: Vec<usize> = (0..n).collect();
    for k in 1..n {
        let (p, q) = (&pieces[k - 1], &pieces[k]);
        let run_on = !p.closed && q.para == p.para + 1;
        let mut join = run_on || joins_prev[k];
        if !join && q.para == p.para && attr[k].is_none() && mixed_from[k - 1].is_none() {
            let a = st.tok_at(p.end);
            let b = st.tok_at(q.start);
            let words = (a..b).filter(|&i| st.is_word(i)).count();
            let has_prev_cue =
                attr[k - 1].and_then(|(c, _)| c).is_some_and(|c| st.cues[c].t0 >= a && st.cues[c].t1 <= b);
            // `“A.” “B.”`, or `“A,” she said. “B.”`: one utterance.
            join = (words == 0 && is_clause(&st, p) && is_clause(&st, q))
                || (has_prev_cue
                    && words <= 10
                    && b > a
                    && matches!(st.text_of(b - 1), "," | "." | ":" | ";" | "—")
                    && (is_clause(&st, q) || ends_sentence(&st, q)));
        }
        if join && attr[k].is_some() && attr[k - 1].is_some() {
            join = false;
        }
        if join {
            group[k] = group[k - 1];
        }
    }
    // A group's attribution, shared by its pieces.
    let mut group_attr: FnvMap<usize, (Option<usize>, usize)> = FnvMap::default();
    for k in 0..n {
        if let Some(a) = attr[k] {
            group_attr.entry(group[k]).or_insert(a);
        }
    }
    // A quote paragraph with no cue continues the previous quote's speaker.
    for k in 1..n {
        let g = group[k];
        if group_attr.contains_key(&g) || group[k - 1] == g {
            continue;
        }
        let q = &pieces[k];
        let para_start = seg.paragraphs.get(q.para).map_or(usize::MAX, |p| st.tok_at(p.start));
        let at_para_start = st.tok_at(q.start) == para_start;
        let prev = &pieces[k - 1];
        let near = prev.para + 1 == q.para || prev.para == q.para;
        if at_para_start
            && near
            && is_clause(&st, q)
            && mixed_from[k - 1].is_none()
            && let Some(&a) = group_attr.get(&group[k - 1])
        {
            // Group ids are the index of their first piece, and members
            // are contiguous, so this group is k.. while the id holds.
            let pg = group[k - 1];
            for x in group[k..].iter_mut().take_while(|x| **x == g) {
                *x = pg;
            }
            group_attr.insert(pg, a);
        }
    }

    let mut found: Vec<Found> = Vec::new();
    let mut absorbed = vec![false; n];
    let claimed = |k: usize| group_attr.contains_key(&group[k]);

    // Reported speech from the unused cues.
    let mut last: Option<(usize, Mention)> = None; // (sentence, speaker) of the last one
    for c in 0..cues.len() {
        if st.cue_used[c] {
            continue;
        }
        let coord = last.filter(|l| l.0 == cues[c].sent).map(|l| l.1);
        let Some((content, tail, m)) = reported(&mut st, c, coord) else { continue };
        let (mut c0, mut c1) = content;
        if c1 <= c0 {
            continue;
        }
        let (mut start, mut end) = span_bytes(seg, c0, c1);
        // The content's second part, after a cue clause inside it, when
        // no quoted piece lies in either part.
        let tail = tail.filter(|&(d0, d1)| {
            let (a, b) = span_bytes(seg, c0, d1);
            let first = pieces.partition_point(|q| q.end <= a);
            d1 > d0 && pieces.get(first).is_none_or(|q| q.start >= b)
        });
        // Pieces inside the content.
        let mut kind = Label::Indirect;
        let mut ok = true;
        let mut take: Vec<usize> = Vec::new();
        let first = pieces.partition_point(|q| q.end <= start);
        for (k, q) in pieces.iter().enumerate().skip(first) {
            if q.start >= end {
                break;
            }
            if title_like(&st, q) && !claimed(k) {
                continue; // a title inside reported speech stays a title
            }
            if claimed(k) || absorbed[k] {
                if q.start > start {
                    c1 = st.trim_end(c0, st.tok_at(q.start));
                    end = span_bytes(seg, c0, c1).1;
                } else {
                    ok = false;
                }
                break;
            }
            take.push(k);
            kind = Label::Mixed;
            if q.start < start {
                start = q.start;
                c0 = st.tok_at(q.start);
            }
            end = end.max(q.end);
        }
        // "tweeted that …", "responded that …": a verb that otherwise only
        // attributes a quote reports speech when "that" opens its content.
        let that_clause = cues[c].kind == CueKind::DirectOnly
            && c0 > cues[c].t1
            && c0 <= cues[c].t1 + 3
            && st.text_of(c0 - 1).eq_ignore_ascii_case("that");
        let needs_quote = matches!(cues[c].kind, CueKind::DirectOnly | CueKind::QuotedOnly) && !that_clause;
        // A second part has two words of its own (see `reported`).
        let words = tail.is_some() || st.two_words(c0, c1);
        if !ok || !words || end <= start || (needs_quote && kind != Label::Mixed) {
            continue;
        }
        for k in take {
            absorbed[k] = true;
        }
        last = Some((cues[c].sent, m));
        let mi = st.mention(m);
        st.cue_speaker.insert(c, mi);
        st.cue_used[c] = true;
        let mi = st.mention(m);
        // Both parts of content split by its cue clause are one utterance:
        // a group id past the pieces' ones (those are piece indices).
        let group = tail.map(|_| n + c);
        found.push(Found { kind, start, end, cue: Some(c), speaker: Some(mi), group });
        if let Some((d0, d1)) = tail {
            let (start, end) = span_bytes(seg, d0, d1);
            found.push(Found { kind, start, end, cue: Some(c), speaker: Some(mi), group });
        }
    }

    // The pieces. A quoted sentence with no cue of its own, after reported
    // or quoted speech in its paragraph or the one before, continues that
    // speaker.
    let reported_count = found.len();
    let para_of = |b: usize| seg.paragraphs.partition_point(|p| p.end <= b);
    let mut last_attributed: Option<(usize, usize)> = None; // (end byte, mention)
    for (k, q) in pieces.iter().enumerate() {
        if absorbed[k] {
            continue;
        }
        let g = group[k];
        match group_attr.get(&g) {
            Some(&(c, mi)) => {
                if let Some(s0) = mixed_from[k] {
                    let (start, _) = span_bytes(seg, s0, s0 + 1);
                    found.push(Found { kind: Label::Mixed, start, end: q.end, cue: c, speaker: Some(mi), group: None });
                } else {
                    found.push(Found {
                        kind: Label::Direct,
                        start: q.start,
                        end: q.end,
                        cue: c,
                        speaker: Some(mi),
                        group: Some(g),
                    });
                }
                last_attributed = Some((q.end, mi));
            }
            None => {
                let clause = is_clause(&st, q);
                let kind = if clause { Label::Direct } else { Label::Scare };
                let group = (kind == Label::Direct).then_some(g);
                let open = st.tok_at(q.start);
                let sentence_start = seg.sentence_tokens.get(st.sent_of(open)).is_some_and(|r| r.start == open);
                let mut speaker = None;
                if clause && sentence_start {
                    let r = found[..reported_count].partition_point(|f| f.end <= q.start);
                    let reported =
                        r.checked_sub(1).and_then(|i| found.get(i)).and_then(|f| f.speaker.map(|s| (f.end, s)));
                    let prev = match (reported, last_attributed) {
                        (Some(a), Some(b)) => Some(if a.0 >= b.0 { a } else { b }),
                        (a, b) => a.or(b),
                    };
                    speaker = prev
                        .filter(|&(end, _)| {
                            let p = para_of(end.saturating_sub(1));
                            p == q.para || p + 1 == q.para
                        })
                        .map(|(_, s)| s);
                }
                found.push(Found { kind, start: q.start, end: q.end, cue: None, speaker, group });
            }
        }
    }
    crate::sort::sort_by_key(&mut found, |f| crate::sort::pair(f.start, !f.end));

    // Classify the speakers in text order, so pronouns see earlier ones.
    let mut order: Vec<usize> = (0..st.mentions.len()).collect();
    crate::sort::sort_by_key(&mut order, |&i| st.mentions[i].0 as u128);
    let mut speakers: Vec<Speaker> = Vec::with_capacity(order.len());
    let mut remap = vec![0usize; order.len()];
    let mut last_named: Option<usize> = None;
    for (new, &old) in order.iter().enumerate() {
        let (t0, t1, app) = st.mentions[old];
        let sp = r.classify(t0, t1, app, &speakers, last_named.and_then(|i| speakers.get(i)));
        if sp.kind == Label::NamedPerson {
            last_named = Some(speakers.len());
        }
        speakers.push(sp);
        remap[old] = new;
    }
    for f in &mut found {
        f.speaker = f.speaker.and_then(|s| remap.get(s).copied());
    }
    (found, speakers, st.cue_used)
}

/// Whether a piece reads as quoted speech rather than a title or a
/// distanced phrase: five words or more ending in punctuation inside the
/// marks, or eight words or more, and not capitalised like a title.
fn is_clause(st: &State, q: &Piece) -> bool {
    let a = st.tok_at(q.inner_start);
    let b = st.tok_at(q.inner_end);
    let words = (a..b).filter(|&i| st.is_word(i)).count();
    let ends_punct = b > a && matches!(st.text_of(b - 1), "." | "?" | "!" | "," | "…");
    !title_like(st, q) && (words >= 8 || (words >= 5 && ends_punct) || (!q.closed && words >= 3))
}

/// Whether a piece is capitalised word by word, like a title ("The
/// Audacity of Hope: Thoughts on Reclaiming the American Dream"); speech
/// is not.
fn title_like(st: &State, q: &Piece) -> bool {
    let a = st.tok_at(q.inner_start);
    let b = st.tok_at(q.inner_end);
    let words = (a..b).filter(|&i| st.is_word(i)).count();
    let capitals =
        (a..b).filter(|&i| st.is_word(i) && st.text_of(i).chars().next().is_some_and(char::is_uppercase)).count();
    words >= 3 && capitals * 10 >= words * 7
}

/// Whether a piece ends with sentence punctuation inside its marks.
fn ends_sentence(st: &State, q: &Piece) -> bool {
    let a = st.tok_at(q.inner_start);
    let b = st.tok_at(q.inner_end);
    b > a && matches!(st.text_of(b - 1), "." | "?" | "!" | "…")
}

/// Conjunctions that open the clause of a second cue, dropped from the end
/// of the first cue's content.
const CLAUSE_ENDS: &[&str] = &["though", "although", "while", "but", "and", "as", "whereas"];

/// Words that open an adverbial of time or manner right after a cue
/// ("said Monday that", "said privately that"): skipped, not content.
const LEADING_ADVERBS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "earlier",
    "later",
    "privately",
    "publicly",
    "repeatedly",
    "again",
    "also",
    "then",
    "recently",
    "separately",
];

/// Reported speech of cue `c`: the content token range, a second range
/// when the cue clause interrupts the content ("Beyond that, she said, the
/// council may revisit the plan"), and the speaker. `coord` is the speaker
/// of an earlier cue in the sentence, for a coordinated cue ("acknowledged
/// … but said …").
fn reported(st: &mut State, c: usize, coord: Option<Mention>) -> Option<Reported> {
    let seg = st.r.seg;
    let cue = st.cues[c];
    let range = seg.sentence_tokens.get(cue.sent)?.clone();
    let (s0, s1) = (range.start, st.sentence_trim_end(cue.sent, range));
    let comma_before = cue.t0 > s0 && st.text_of(cue.t0 - 1) == ",";
    if cue.kind == CueKind::According {
        let (a, b, app) = st.speaker_after(c)?;
        if cue.t0 == s0 || !comma_before {
            // According to X, CONTENT.
            let comma = st.comma_in(b, s1)?;
            return Some(((comma + 1, s1), None, (a, b, app)));
        }
        // CONTENT, according to X. Not when CONTENT already has its source:
        // another kind of cue before this one (cues do not overlap, so each
        // ends by the time the next starts).
        let c0 = st.clause_start(s0, cue.t0 - 1);
        let (i, j) = cue_range(st.cues, c0, cue.t0);
        if State::any_cue(&st.next_not_according, i, j).is_some() {
            return None;
        }
        return Some(((c0, st.trim_end(c0, cue.t0 - 1)), None, (a, b, app)));
    }
    let rest_len = s1.saturating_sub(cue.t1);
    let adverbial_rest = |st: &mut State, from: usize, any_comma: bool| {
        from >= s1
            || (st.text_of(from) == ","
                && (any_comma || matches!(st.low(from + 1), "adding" | "saying" | "who" | "according" | "noting")))
            || (s1 - from <= 5 && ADVERBIAL_STARTS.contains(&st.low(from)))
    };
    // "…, saying …", "a statement saying …": the participle's subject.
    let participle = cue.kind == CueKind::QuotedOnly && st.low(cue.t0).ends_with("ing");
    let sub = if participle { None } else { st.r.subject_before(cue.sent, cue.t0) };
    // The comma before the cue closes the subject's appositive or modifier.
    let comma_in_subject = sub
        .as_ref()
        .is_some_and(|s| s.skipped_modifier || s.appositive.is_some_and(|a| a.1 <= s.t0 || s.t1 + 1 >= cue.t0));
    // CONTENT, said X. Not when a pronoun or a possessive follows the cue:
    // "Another pollster, Ana Ruiz, said her survey …" has its subject
    // before the cue and its content after.
    let clause_after = matches!(
        st.low(cue.t1),
        "he" | "she" | "they" | "it" | "we" | "i" | "his" | "her" | "their" | "its" | "our" | "my"
    );
    if comma_before
        && !comma_in_subject
        && !participle
        && !clause_after
        && let Some((a, b, app)) = st.speaker_after(c)
    {
        let end_np = app.map_or(b, |x| x.1);
        if adverbial_rest(st, end_np, false) && cue.t0 - 1 > s0 {
            let c0 = st.clause_start(s0, cue.t0 - 1);
            return Some(((c0, st.trim_end(c0, cue.t0 - 1)), None, (a, b, app)));
        }
    }
    let coordinated = cue.t0 > s0 && matches!(st.low(cue.t0 - 1), "and" | "but");
    let (m, subordinate) = match (sub, coord) {
        (Some(sub), _) => {
            let m = (sub.t0, sub.t1, sub.appositive);
            // CONTENT, X said (on Monday).
            if sub.group_start > sub.region_start
                && st.text_of(sub.group_start - 1) == ","
                && (rest_len == 0 || adverbial_rest(st, cue.t1, true))
            {
                let c0 = st.clause_start(s0, sub.group_start - 1);
                let first = (c0, st.trim_end(c0, sub.group_start - 1));
                // CONTENT, X said, CONTENT: the cue clause sits inside the
                // content when a clause, not an adverbial, follows it.
                let d0 = cue.t1 + 1;
                let tail = (rest_len > 0 && st.text_of(cue.t1) == "," && d0 < s1).then(|| {
                    let w = st.low(d0).to_string();
                    let adverbial = ADVERBIAL_STARTS.contains(&w.as_str())
                        || matches!(
                            w.as_str(),
                            "adding" | "saying" | "noting" | "citing" | "who" | "which" | "according" | "referring"
                        )
                        // "…, officials said, but no deal was reached": the
                        // writer's next clause.
                        || CLAUSE_ENDS.contains(&w.as_str())
                        || matches!(w.as_str(), "or" | "yet" | "so" | "because")
                        || w.ends_with("ing");
                    let other_cue = !cues_in(st.cues, d0, s1).is_empty();
                    (!adverbial && !other_cue && st.two_words(d0, s1)).then_some((d0, s1))
                });
                return Some((first, tail.flatten(), m));
            }
            (m, sub.subordinate)
        }
        (None, Some(m)) if coordinated => (m, false),
        (None, None) if coordinated => (st.r.sentence_subject(cue.sent, cue.t0)?, false),
        (None, _) if participle => {
            (participle_speaker(st, cue).or_else(|| st.r.participle_subject(cue.sent, cue.t0))?, false)
        }
        _ => return None,
    };
    // X said (that) CONTENT.
    let mut a = cue.t1;
    let verb = st.low(cue.t0).to_string();
    if matches!(verb.as_str(), "told" | "tells" | "tell" | "warned" | "warns" | "assured" | "informed") {
        if let Some(t) = (a..(a + 12).min(s1)).find(|&i| st.text_of(i) == "that") {
            a = t + 1;
        } else if verb.starts_with('t') {
            // The object: names, possessives, titles in quotes ("CNN’s
            // “State of the Union”"), "reporters".
            while a < s1 {
                let capital = st.text_of(a).chars().next().is_some_and(char::is_uppercase);
                let w = st.low(a).to_string();
                let at = st.toks().get(a).map_or(0, |t| t.start);
                let title = st.pieces.get(st.pieces.partition_point(|q| q.start < at));
                if let Some(q) = title.filter(|q| q.start == at && q.closed) {
                    a = st.tok_at(q.end).max(a + 1);
                } else if capital || TOLD_OBJECTS.contains(&w.as_str()) || matches!(w.as_str(), "’s" | "'s") {
                    a += 1;
                } else {
                    break;
                }
            }
        }
    }
    while a < s1 && LEADING_ADVERBS.contains(&st.low(a)) {
        a += 1;
    }
    let ends_in_prep = matches!(st.low(cue.t1 - 1), "about" | "over" | "that");
    if a < s1 && st.low(a) == "that" && !ends_in_prep {
        a += 1;
    }
    let mut b = s1;
    // Another cue's clause ends this content: "…, though analysts
    // cautioned …".
    if let Some(x) = cues_in(st.cues, a + 2, b).first().copied() {
        if let Some(sub) = st.r.subject_before(x.sent, x.t0).filter(|s| s.region_start > a + 1) {
            let mut e = sub.region_start;
            while e > a && (matches!(st.text_of(e - 1), "," | ";") || CLAUSE_ENDS.contains(&st.low(e - 1))) {
                e -= 1;
            }
            if e > a && e < sub.region_start {
                b = b.min(e);
            }
        }
    }
    // A coordinated cue ends this content: "acknowledged that … but said …".
    let (i, j) = cue_range(st.cues, a + 2, b);
    if let Some(x) = State::any_cue(&st.next_coordinated, i, j).map(|k| st.cues[k]) {
        b = x.t0 - 1;
    }
    if subordinate && let Some(comma) = st.comma_in(a, s1) {
        b = comma;
    }
    // Cut a second attribution off the end: ", according to X".
    let (i, j) = cue_range(st.cues, a + 1, b);
    if let Some(x) = State::any_cue(&st.next_according, i, j).map(|k| st.cues[k])
        && x.t0 > a
        && st.text_of(x.t0 - 1) == ","
    {
        b = x.t0 - 1;
    }
    let b = st.trim_end(a, b);
    // "conceded shortly after midnight": an adverbial, not reported content.
    let first = st.low(a).to_string();
    let punct_first = matches!(st.text_of(a), "," | ";" | ":" | ")" | "." | "—" | "–");
    if punct_first
        || ADVERBIAL_STARTS.contains(&first.as_str())
        || matches!(first.as_str(), "shortly" | "soon" | "immediately" | "quickly")
    {
        return None;
    }
    (b > a).then_some(((a, b), None, m))
}

/// The speaker of a participle cue after a comma ("…,” he wrote, adding
/// that …"): the speaker of the sentence's earlier cue, if any.
fn participle_speaker(st: &State, cue: Cue) -> Option<Mention> {
    let s0 = st.r.seg.sentence_tokens.get(cue.sent)?.start;
    if cue.t0 <= s0 || st.text_of(cue.t0 - 1) != "," {
        return None;
    }
    // Cues have distinct starts, so a cue's index is its place in `cues`:
    // the last cue of the range with a speaker, without walking the range.
    let (i, j) = cue_range(st.cues, s0, cue.t0);
    st.cue_speaker.range(i..j).next_back().and_then(|(_, &mi)| st.mentions.get(mi)).copied()
}

/// The cues that start in tokens `a..b` (cues are sorted and disjoint).
fn cues_in(cues: &[Cue], a: usize, b: usize) -> &[Cue] {
    let (i, j) = cue_range(cues, a, b);
    &cues[i..j]
}

/// The indices of the cues that start in tokens `a..b`.
fn cue_range(cues: &[Cue], a: usize, b: usize) -> (usize, usize) {
    let i = cues.partition_point(|c| c.t0 < a);
    let j = cues.partition_point(|c| c.t0 < b);
    (i, j.max(i))
}

/// Per cue, the index of the first cue at or after it that passes `test`,
/// `cues.len()` when none.
fn next_cue(cues: &[Cue], test: impl Fn(&Cue) -> bool) -> Vec<u32> {
    let mut next = vec![cues.len() as u32; cues.len()];
    let mut after = cues.len() as u32;
    for (i, c) in cues.iter().enumerate().rev() {
        if test(c) {
            after = i as u32;
        }
        next[i] = after;
    }
    next
}

#[cfg(test)]
mod tests;
