//! Speech cues: the verbs and phrases that attribute words to a source.
//!
//! The list is `data/lexicon/speech_cues.txt`, matched over tokens outside
//! quoted pieces (a "said" inside a quote is the quoted person's story, not
//! an attribution). Three kinds: verbs that report speech directly or
//! indirectly ("said", "warned", "expressed skepticism about"), verbs that
//! only attribute an adjacent direct quote or a paraphrase holding a quoted
//! phrase ("asked", "wrote", "called": alone they mean too many other
//! things), and attribution phrases
//! ("according to"). A verb right after an auxiliary, "to" or a determiner
//! ("was told", "declined to say", "the claims") is not a cue.

use std::sync::OnceLock;

use crate::text::phrases::PhraseSet;
use crate::text::words::lower_into;
use crate::text::{Segmentation, Token};

use super::marks::Piece;
use super::words::quote_words;

const CUES: &str = include_str!("../../data/lexicon/speech_cues.txt");

/// What a cue can introduce.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueKind {
    /// A verb of saying: direct and reported speech.
    Verb,
    /// A verb that attributes only an adjacent direct quote, or a
    /// paraphrase that holds a quoted phrase.
    DirectOnly,
    /// A verb or participle that reports speech only around a quoted
    /// phrase ("called it “a disaster”").
    QuotedOnly,
    /// "according to": the source follows.
    According,
}

/// A cue found in the text: a token range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cue {
    /// First token.
    pub t0: usize,
    /// Token after the last.
    pub t1: usize,
    /// What it can introduce.
    pub kind: CueKind,
    /// Its sentence.
    pub sent: usize,
}

fn lexicon() -> &'static PhraseSet<CueKind> {
    static SET: OnceLock<PhraseSet<CueKind>> = OnceLock::new();
    SET.get_or_init(|| {
        PhraseSet::parse(CUES, |s| match s {
            "speech_verb" => Some(CueKind::Verb),
            "direct_only" => Some(CueKind::DirectOnly),
            "quoted_only" => Some(CueKind::QuotedOnly),
            "attribution" => Some(CueKind::According),
            _ => None,
        })
    })
}

/// The one-word entries of every section of the speech-cue lexicon,
/// `[speech_act]` included (verbs that name a speaker but are no cue):
/// what coreference takes as a verb of saying.
pub fn cue_words() -> impl Iterator<Item = &'static str> {
    CUES.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with('[') && !l.contains(' '))
}

/// Finds the cues of `text` outside the quoted `pieces`.
pub fn find_cues(text: &str, seg: &Segmentation, pieces: &[Piece]) -> Vec<Cue> {
    let set = lexicon();
    let mut buf = String::new();
    let mut out = Vec::new();
    let mut p = 0; // first piece that may contain the current token
    for s in 0..seg.sentences.len() {
        let range = seg.sentence_tokens[s].clone();
        let base = range.start;
        let toks: &[Token] = &seg.tokens[range];
        let mut i = 0;
        while i < toks.len() {
            let at = toks[i].start();
            while p < pieces.len() && pieces[p].end <= at {
                p += 1;
            }
            if pieces.get(p).is_some_and(|q| q.start <= at) {
                i += 1;
                continue;
            }
            let Some(m) = set.longest_at(text, toks, i, &mut buf) else {
                i += 1;
                continue;
            };
            let kind = *m.value;
            let blocked = kind != CueKind::According && i > 0 && {
                lower_into(toks[i - 1].text(text), &mut buf);
                quote_words().cue_blockers.contains(&buf)
            };
            // "According" capitalised is fine; a capitalised verb mid-sentence
            // is a name ("Says Law") or a headline, not a cue.
            let capital_mid = kind != CueKind::According
                && i > 0
                && toks[i].text(text).chars().next().is_some_and(char::is_uppercase);
            if !blocked && !capital_mid {
                out.push(Cue { t0: base + i, t1: base + i + m.len, kind, sent: s });
            }
            i += m.len;
        }
    }
    out
}
