//! The order in which layers run, and what each one needs.
//!
//! Layers share one [`Context`] (defined below them, in [`crate::context`])
//! and one [`SpanSink`] in it, so a later layer (quotes) can point at the
//! spans of an earlier one (entities) by id. A layer that is not returned is
//! still computed when a returned layer depends on it.

use crate::context::Context;
use crate::doc::{Attrs, Document, Label, Layer, Parts, SpanSink, Stats, Summaries};
use crate::options::Options;
use crate::text;

/// Runs every layer that `options` needs over `text`.
pub fn run(text: &str, options: &Options) -> Document {
    run_parts(text, options).into_document()
}

/// [`run`], without making a `Span` per token: for the columnar output.
pub fn run_parts(text: &str, options: &Options) -> Parts {
    let seg = text::segment(text);
    let mut cx = Context { text, seg, sink: SpanSink::new(), summaries: Summaries::default() };

    if options.wants(Layer::Paragraph) {
        for p in &cx.seg.paragraphs {
            cx.sink.push(Layer::Paragraph, Label::Paragraph, p.start, p.end, Attrs::new());
        }
    }
    if options.wants(Layer::Sentence) {
        for s in &cx.seg.sentences {
            cx.sink.push(Layer::Sentence, Label::Sentence, s.start, s.end, Attrs::new());
        }
    }
    if options.wants(Layer::Token) {
        cx.sink.push_tokens(cx.seg.tokens.len());
    }

    let needs_entities = [Layer::Entity, Layer::Mention, Layer::Quote, Layer::Cue, Layer::Source].iter().any(|&l| options.wants(l));
    if needs_entities {
        crate::entities::annotate(&mut cx);
        crate::coref::annotate(&mut cx);
    }
    if [Layer::Quote, Layer::Cue, Layer::Source].iter().any(|&l| options.wants(l)) {
        crate::quotes::annotate(&mut cx);
    }
    if options.wants(Layer::Hedge) {
        crate::hedges::annotate(&mut cx);
    }

    // The words were counted by the tokenizer, in its one pass.
    let (chars, words) = (text.chars().count(), cx.seg.words);
    let stats = Stats {
        chars,
        words,
        sentences: cx.seg.sentences.len(),
        paragraphs: cx.seg.paragraphs.len(),
        reading_minutes: words.div_ceil(230),
    };
    let (spans, first_token_id) = cx.sink.finish_without_tokens(|l| options.wants(l));
    Parts { stats, spans, tokens: cx.seg.tokens, first_token_id, summaries: cx.summaries }
}
