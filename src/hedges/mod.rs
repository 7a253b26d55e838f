//! The `hedge` layer: words and phrases that mark uncertainty or distance
//! from a claim — modal verbs (could, may, might), epistemic words
//! (potential, likely, reportedly), hedging phrases (appear to, is expected
//! to, inclined to), negated finality (no deal is finalized, has not been
//! confirmed) and doubt (expressed skepticism).
//!
//! A hedge is lexical: the list in `data/lexicon/hedges.txt` (plain text,
//! readable and extendable by an editor) is matched over the tokens, longest
//! phrase first, left to right, without overlaps. The few ambiguities that
//! a list cannot settle are handled here: "May" capitalised mid-sentence is
//! the month, and a negated modal of ability ("could not") states rather
//! than hedges.
//! Hedges inside quotes are kept: they are the speaker's hedges.


use std::sync::OnceLock;

use crate::doc::{Attrs, Label, Layer, Value};
use crate::context::Context;
use crate::text::phrases::PhraseSet;

/// The hedge word list, compiled in.
const HEDGES: &str = include_str!("../../data/lexicon/hedges.txt");

/// The parsed hedge list.
pub fn lexicon() -> &'static PhraseSet<Label> {
    static SET: OnceLock<PhraseSet<Label>> = OnceLock::new();
    SET.get_or_init(|| {
        PhraseSet::parse(HEDGES, |section| match section {
            "modal" => Some(Label::Modal),
            "epistemic" => Some(Label::Epistemic),
            "hedging_phrase" => Some(Label::HedgingPhrase),
            "negated_finality" => Some(Label::NegatedFinality),
            "doubt" => Some(Label::Doubt),
            _ => None,
        })
    })
}

/// Adds hedge spans to `cx.sink`.
///
/// Never inlined into `pipeline::run`: one function per layer lets the
/// wasm engine compile (and tier up) each layer on its own, when first
/// reached, instead of one very large function at the first call.
#[inline(never)]
pub fn annotate(cx: &mut Context) {
    let set = lexicon();
    let mut buf = String::new();
    for s in 0..cx.seg.sentences.len() {
        let range = cx.seg.sentence_tokens[s].clone();
        let toks = &cx.seg.tokens[range];
        let mut i = 0;
        while i < toks.len() {
            let Some(m) = set.longest_at(cx.text, toks, i, &mut buf) else {
                i += 1;
                continue;
            };
            let label = *m.value;
            let first = toks[i];
            let last = toks[i + m.len - 1];
            // "May" capitalised after the first word is the month.
            let month = m.len == 1 && i > 0 && first.text(cx.text) == "May";
            // "could not", "can’t": a negated modal of ability states, it
            // does not hedge ("may not", "might not" still do).
            let negated = label == Label::Modal
                && m.len == 1
                && ["could", "can"].iter().any(|w| first.text(cx.text).eq_ignore_ascii_case(w))
                && toks.get(i + 1).is_some_and(|t| matches!(t.text(cx.text), "not" | "n’t" | "n't"));
            if !month && !negated {
                let mut attrs = Attrs::new();
                attrs.insert("class", Value::name(label.name()));
                cx.sink.push(Layer::Hedge, label, first.start(), last.end(), attrs);
            }
            i += m.len;
        }
    }
}
