//! The working state of one analysis ([`super::analyse`]): the reader, the
//! cues and pieces, what has been used and attributed so far, and memoised
//! token scans, with the small token queries every step asks.

use std::collections::BTreeMap;

use super::cues::{Cue, CueKind};
use super::marks::Piece;
use super::scan;
use super::speakers::Reader;
use super::Mention;
use crate::doc::Label;
use crate::hash::FastMap;
use crate::text::words::lower_into;

/// Working state of one analysis.
pub(super) struct State<'r, 'a> {
    pub(super) r: &'r Reader<'a>,
    pub(super) cues: &'r [Cue],
    pub(super) pieces: &'r [Piece],
    pub(super) cue_used: Vec<bool>,
    pub(super) mentions: Vec<Mention>,
    mention_index: FastMap<(usize, usize), usize>,
    /// The speaker mention of each cue used so far, by cue index (ordered:
    /// [`super::reported::participle_speaker`] asks for the last one in a range).
    pub(super) cue_speaker: BTreeMap<usize, usize>,
    buf: String,
    /// Per cue, the next cue (itself included) of each kind that
    /// [`super::reported::reported`] looks for ahead of a cue: `cues.len()` when none.
    /// Without them every cue looked at every later cue of its sentence.
    pub(super) next_according: Vec<u32>,
    pub(super) next_coordinated: Vec<u32>,
    pub(super) next_not_according: Vec<u32>,
    /// Memoised token scans (see [`scan`]): commas, clause marks, words.
    commas: scan::Scan,
    clause_marks: scan::Scan,
    words: scan::Scan,
    /// The last sentence's trimmed end, asked for by every cue in it.
    sentence_end: Option<(usize, usize)>,
}

impl<'r, 'a> State<'r, 'a> {
    /// The state at the start of an analysis of `pieces` and `cues`.
    pub(super) fn new(r: &'r Reader<'a>, pieces: &'r [Piece], cues: &'r [Cue]) -> Self {
        State {
            r,
            cues,
            pieces,
            cue_used: vec![false; cues.len()],
            mentions: Vec::new(),
            mention_index: FastMap::default(),
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
        }
    }

    pub(super) fn toks(&self) -> &[crate::text::Token] {
        &self.r.seg.tokens
    }

    /// First token that starts at or after byte `b`.
    pub(super) fn tok_at(&self, b: usize) -> usize {
        self.toks().partition_point(|t| t.start() < b)
    }

    /// The sentence of token `t`. A binary search: it runs a few times per
    /// quoted piece, and a sentence index per token took 4 bytes a token,
    /// the layer's largest allocation.
    pub(super) fn sent_of(&self, t: usize) -> usize {
        let sentences = &self.r.seg.sentence_tokens;
        let s = sentences.partition_point(|r| r.end <= t);
        if s < sentences.len() && sentences[s].start <= t { s } else { 0 }
    }

    pub(super) fn low(&mut self, t: usize) -> &str {
        let s = self.toks().get(t).map_or("", |tk| tk.text(self.r.text));
        lower_into(s, &mut self.buf);
        self.buf.as_str()
    }

    pub(super) fn text_of(&self, t: usize) -> &str {
        self.toks().get(t).map_or("", |tk| tk.text(self.r.text))
    }

    pub(super) fn is_word(&self, t: usize) -> bool {
        self.toks().get(t).is_some_and(|tk| matches!(tk.kind(), Label::Word | Label::Number))
    }

    pub(super) fn cue_starting(&self, t: usize) -> Option<usize> {
        self.cues.binary_search_by_key(&t, |c| c.t0).ok()
    }

    pub(super) fn cue_ending(&self, t: usize) -> Option<usize> {
        self.cues.binary_search_by_key(&t, |c| c.t1).ok()
    }

    pub(super) fn mention(&mut self, m: Mention) -> usize {
        if let Some(&i) = self.mention_index.get(&(m.0, m.1)) {
            return i;
        }
        self.mentions.push(m);
        self.mention_index.insert((m.0, m.1), self.mentions.len() - 1);
        self.mentions.len() - 1
    }

    /// Sentence-final trim: the last content token (exclusive end) of
    /// `t0..t1`, dropping trailing punctuation.
    pub(super) fn trim_end(&self, t0: usize, mut t1: usize) -> usize {
        while t1 > t0 && self.toks().get(t1 - 1).is_some_and(|t| t.kind() == Label::Punct || t.kind() == Label::Symbol) {
            t1 -= 1;
        }
        t1
    }

    /// The first comma token in `from..end`.
    pub(super) fn comma_in(&mut self, from: usize, end: usize) -> Option<usize> {
        let r = self.r;
        let toks = &r.seg.tokens;
        let k = self.commas.first(from, toks.len(), |i| toks[i].text(r.text) == ",");
        (k < end).then_some(k)
    }

    /// The start of the clause that ends at token `end`: the sentence start
    /// `s0` or just after a colon, a semicolon or a quote's closing mark.
    pub(super) fn clause_start(&mut self, s0: usize, end: usize) -> usize {
        let r = self.r;
        let toks = &r.seg.tokens;
        // A closing mark ends a clause only after the quote's own
        // punctuation (`“…,” she said`), not mid-clause (`had “put the
        // biggest crack” yet in …`).
        let k = self.clause_marks.after_last(end, toks.len(), |i| match toks[i].text(r.text) {
            ";" | ":" => true,
            "”" | "''" => i > 0 && matches!(toks[i - 1].text(r.text), "," | "." | "?" | "!" | "…"),
            _ => false,
        });
        k.max(s0)
    }

    /// Whether `t0..t1` holds at least two words.
    pub(super) fn two_words(&mut self, t0: usize, t1: usize) -> bool {
        let r = self.r;
        let toks = &r.seg.tokens;
        let is_word = |i: usize| matches!(toks[i].kind(), Label::Word | Label::Number);
        let first = self.words.first(t0, toks.len(), is_word);
        first < t1 && self.words.first(first + 1, toks.len(), is_word) < t1
    }

    /// The trimmed end of sentence `sent` (its tokens `range`).
    pub(super) fn sentence_trim_end(&mut self, sent: usize, range: std::ops::Range<usize>) -> usize {
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
    pub(super) fn any_cue(next: &[u32], i: usize, j: usize) -> Option<usize> {
        next.get(i).map(|&k| k as usize).filter(|&k| k < j)
    }

    /// A speaker mention for the cue `c` when the speaker follows it.
    pub(super) fn speaker_after(&mut self, c: usize) -> Option<Mention> {
        let cue = self.cues[c];
        let (a, b, app) = self.r.np_after(cue.sent, cue.t1)?;
        if !self.r.speaker_like(a, b) {
            return None;
        }
        Some((a, b, app))
    }
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
