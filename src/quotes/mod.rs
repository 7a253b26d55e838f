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
//!    A piece that opens a cue's content clause with no colon or comma
//!    between (`X said that “…”`, `X said “zero” voters would …`) is left
//!    to step 5, which gives the whole clause, mixed.
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
//!
//! Spans follow PolNeAR's annotation of news: content keeps its opening
//! "that", a cue its auxiliaries, time and medium (`cue_extent`), a source
//! its appositive and, after its cue, the rest of the sentence the comma
//! adds (`widen_trailing_sources`).
//!
//! Files: [`marks`] and [`cues`] (steps 1 and 2), [`speakers`] (finding and
//! classifying speaker mentions), `reported.rs` (the content and speaker of
//! reported speech, step 5), `pieces.rs` (each piece's attribution and
//! the groups of pieces, steps 3 and 4), `state.rs` (the working state the steps share
//! and its token queries), `scan.rs` (memoised token scans), `summary.rs`
//! (the `sourcing` summary); here, [`annotate`] and `analyse`, one function
//! per step 3 to 7.

pub mod cues;
pub mod marks;
mod pieces;
mod reported;
mod scan;
pub mod speakers;
mod state;
mod summary;
pub mod words;

use crate::context::Context;
use crate::doc::{Attrs, Label, Layer, SpanId, Value};
use crate::hash::FastMap;
use crate::text::Segmentation;
use cues::{Cue, CueKind};
use marks::Piece;
use pieces::{Attribution, Groups, attribute_pieces, continue_paragraphs, group_pieces};
use reported::{participle_speaker, reported};
use speakers::{Earlier, Reader, Speaker};
use state::State;
use words::quote_words;

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
        let (t0, t1) = cue_extent(text, &cx.seg, c);
        let (a, b) = span_bytes(&cx.seg, t0, t1);
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

/// The tokens of a cue's span: the verb with the auxiliaries and adverbs
/// before it ("has also said") and the time or medium after it ("said
/// Tuesday", "said in a statement"), as PolNeAR marks a cue. Matching
/// found the verb alone; the extent is for output only.
#[inline(never)]
fn cue_extent(text: &str, seg: &Segmentation, c: &Cue) -> (usize, usize) {
    let Some(range) = seg.sentence_tokens.get(c.sent) else { return (c.t0, c.t1) };
    if c.kind == CueKind::According {
        return (c.t0, c.t1);
    }
    let qw = quote_words();
    let mut buf = String::new();
    macro_rules! low {
        ($i:expr) => {
            low_at(text, seg, $i, &mut buf)
        };
    }
    let mut t0 = c.t0;
    while t0 > range.start && qw.cue_before.contains(low!(t0 - 1)) {
        t0 -= 1;
    }
    // After the verb: a time word or a medium, when the clause or the
    // content's "that" follows it, not content ("said Monday's vote …").
    let mut e = c.t1;
    loop {
        let next = if qw.cue_after.contains(low!(e)) {
            e + 1
        } else if low!(e) == "in" && matches!(low!(e + 1), "a" | "an") && qw.cue_media.contains(low!(e + 2)) {
            e + 3
        } else if low!(e) == "on" && {
            let w = low!(e + 1);
            qw.cue_media.contains(w) || (qw.cue_after.contains(w) && w.ends_with("day"))
        } {
            e + 2
        } else {
            break;
        };
        if next > range.end {
            break;
        }
        e = next;
    }
    let follows_ok = e == range.end
        || seg.tokens.get(e).is_some_and(|t| t.kind() != Label::Word && t.kind() != Label::Number)
        || low!(e) == "that";
    (t0, if e > c.t1 && follows_ok { e } else { c.t1 })
}

/// The lower-case text of token `i` (empty past the end), through `buf`.
fn low_at<'b>(text: &str, seg: &Segmentation, i: usize, buf: &'b mut String) -> &'b str {
    buf.clear();
    if let Some(t) = seg.tokens.get(i) {
        crate::text::words::lower_into(t.text(text), buf);
    }
    buf.as_str()
}

fn span_bytes(seg: &Segmentation, t0: usize, t1: usize) -> (usize, usize) {
    match (seg.tokens.get(t0), t1.checked_sub(1).and_then(|i| seg.tokens.get(i))) {
        (Some(a), Some(b)) if t1 > t0 => (a.start(), b.end()),
        (Some(a), _) => (a.start(), a.start()),
        _ => (0, 0),
    }
}

/// The whole analysis: quotes found, speakers (classified in text order),
/// and which cues were used. One function per step of the module doc.
fn analyse(r: &Reader, pieces: &[Piece], cues: &[Cue]) -> (Vec<Found>, Vec<Speaker>, Vec<bool>) {
    let mut st = State::new(r, pieces, cues);
    // Step 3: each piece's own attribution.
    let at = attribute_pieces(&mut st);
    // Step 4: groups of pieces, and the attribution each shares.
    let mut groups = group_pieces(&st, &at);
    continue_paragraphs(&st, &at, &mut groups);
    // Step 5: reported speech from the unused cues.
    let (mut found, absorbed) = reported_speech(&mut st, &groups);
    // Step 6: the pieces themselves.
    piece_quotes(&st, &at, &groups, &absorbed, &mut found);
    crate::sort::sort_by_key(&mut found, |f| crate::sort::pair(f.start, !f.end));
    // Step 7: the speakers.
    let mut speakers = classify_speakers(&st, &mut found);
    widen_trailing_sources(&st, &found, &mut speakers);
    (found, speakers, st.cue_used)
}

/// A source after its cue that the sentence ends with takes what the
/// comma after it adds (`…,” said Ann Lee, a broker in Tampa, who sells
/// farms.`), as PolNeAR marks the whole source noun phrase; not a
/// participle or a clause of the writer's (`…, adding …`, `…, and …`).
#[inline(never)]
fn widen_trailing_sources(st: &State, found: &[Found], speakers: &mut [Speaker]) {
    let seg = st.r.seg;
    for f in found {
        let (Some(c), Some(s)) = (f.cue, f.speaker) else { continue };
        let (Some(cue), Some(sp)) = (st.cues.get(c), speakers.get_mut(s)) else { continue };
        let at = st.text_of(sp.t1);
        if sp.t0 < cue.t1 || sp.t0 > cue.t1 + 1 || !(at == "," || at == "who") {
            continue;
        }
        let Some(range) = seg.sentence_tokens.get(cue.sent) else { continue };
        let e = st.trim_end(sp.t1, range.end);
        if e <= sp.t1 + 1 || e - sp.t1 > 40 || (at == "who" && st.text_of(sp.t1.saturating_sub(1)) == ",") {
            continue;
        }
        let next = if at == "who" { "" } else { st.text_of(sp.t1 + 1) };
        let writer = next.ends_with("ing")
            || ["and", "but", "according", "as", "in", "on"].iter().any(|w| next.eq_ignore_ascii_case(w));
        let plain = (sp.t1..e).all(|i| {
            !matches!(st.text_of(i), "“" | "”" | "\"" | "''" | "``" | ";" | ":" | "(" | ")") && st.cue_starting(i).is_none()
        });
        if !writer && plain {
            sp.t1 = e;
        }
    }
}

/// Step 5: reported speech from the unused cues. Returns the quotes found
/// and, per piece, whether reported content absorbed it.
fn reported_speech(st: &mut State, groups: &Groups) -> (Vec<Found>, Vec<bool>) {
    let seg = st.r.seg;
    let (pieces, cues) = (st.pieces, st.cues);
    let n = pieces.len();
    let mut found: Vec<Found> = Vec::new();
    let mut absorbed = vec![false; n];
    let claimed = |k: usize| groups.attr.contains_key(&groups.group[k]);

    let mut last: Option<(usize, Mention)> = None; // (sentence, speaker) of the last one
    for c in 0..cues.len() {
        if st.cue_used[c] {
            continue;
        }
        let coord = last.filter(|l| l.0 == cues[c].sent).map(|l| l.1);
        let Some((content, tail, m)) = reported(st, c, coord) else { continue };
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
            if title_like(st, q) && !claimed(k) {
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
            && c0 >= cues[c].t1
            && c0 <= cues[c].t1 + 3
            && st.text_of(c0).eq_ignore_ascii_case("that");
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
    (found, absorbed)
}

/// Step 6: the pieces not absorbed by reported speech, after the reported
/// quotes in `found`. A quoted sentence with no cue of its own, after
/// reported or quoted speech in its paragraph or the one before, continues
/// that speaker.
fn piece_quotes(st: &State, at: &Attribution, groups: &Groups, absorbed: &[bool], found: &mut Vec<Found>) {
    let seg = st.r.seg;
    let reported_count = found.len();
    let para_of = |b: usize| seg.paragraphs.partition_point(|p| p.end <= b);
    let mut last_attributed: Option<(usize, usize)> = None; // (end byte, mention)
    for (k, q) in st.pieces.iter().enumerate() {
        if absorbed[k] {
            continue;
        }
        let g = groups.group[k];
        match groups.attr.get(&g) {
            Some(&(c, mi)) => {
                if let Some(s0) = at.mixed_from[k] {
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
                let clause = is_clause(st, q);
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
}

/// Step 7: classify the speaker mentions in text order, so pronouns see
/// earlier ones, and renumber the quotes' speakers to that order.
fn classify_speakers(st: &State, found: &mut [Found]) -> Vec<Speaker> {
    let mut order: Vec<usize> = (0..st.mentions.len()).collect();
    crate::sort::sort_by_key(&mut order, |&i| st.mentions[i].0 as u128);
    let mut speakers: Vec<Speaker> = Vec::with_capacity(order.len());
    let mut remap = vec![0usize; order.len()];
    let mut last_named: Option<usize> = None;
    for (new, &old) in order.iter().enumerate() {
        let (t0, t1, app) = st.mentions[old];
        let mut sp = st.r.classify(t0, t1, app, &speakers, last_named.and_then(|i| speakers.get(i)));
        // The source span holds the appositive that follows the name
        // ("Ann Lee, a spokeswoman for the mayor,"), as PolNeAR marks it.
        if let Some((a0, a1)) = app
            && a0 >= t1
            && a0 <= t1 + 1
        {
            sp.t1 = a1;
        }
        if sp.kind == Label::NamedPerson {
            last_named = Some(speakers.len());
        }
        speakers.push(sp);
        remap[old] = new;
    }
    for f in found.iter_mut() {
        f.speaker = f.speaker.and_then(|s| remap.get(s).copied());
    }
    speakers
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

#[cfg(test)]
mod tests;
