//! The order in which layers run, and what each one needs.
//!
//! Layers share one [`Context`] (defined below them, in [`crate::context`])
//! and one [`SpanSink`] in it, so a later layer (quotes) can point at the
//! spans of an earlier one (entities) by id. A layer that is not returned is
//! still computed when a returned layer depends on it.
//!
//! The order (see `docs/ARCHITECTURE.md`): [`start`] segments the text
//! ([`crate::text`]), then [`Step::Entities`], [`Step::Coref`],
//! [`Step::Quotes`], [`Step::Hedges`], then [`finish`]. The modules' import
//! order is checked by `tests/layers.rs`: hash, error, doc, options, text,
//! context, entities, quotes, coref, hedges, pipeline, the crate root, wire,
//! wasm; each names only modules before it.

// Reached from outside only through the hidden `internals` module: its
// docs are for maintainers and may link to the crate's private modules.
#![allow(rustdoc::private_intra_doc_links)]

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
    let mut cx = start(text, options);
    for &step in Step::ALL {
        if step.needed(options) {
            step.run(&mut cx);
        }
    }
    finish(cx, options)
}

/// The layers after segmentation, in the order they run. Each reads only
/// what the steps before it wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// `entity` spans ([`crate::entities`]).
    Entities,
    /// Document entities, acronyms, pronoun speakers ([`crate::coref`]).
    Coref,
    /// `quote`, `cue` and `source` spans, the `sourcing` summary ([`crate::quotes`]).
    Quotes,
    /// `hedge` spans ([`crate::hedges`]).
    Hedges,
}

impl Step {
    /// Every step, in order.
    pub const ALL: &'static [Step] = &[Step::Entities, Step::Coref, Step::Quotes, Step::Hedges];

    /// Whether `options` asks for a layer that this step writes or that a
    /// later step needs from it. A layer that is not returned is still
    /// computed when a returned layer depends on it.
    pub fn needed(self, options: &Options) -> bool {
        let any = |layers: &[Layer]| layers.iter().any(|&l| options.wants(l));
        match self {
            Step::Entities | Step::Coref => any(&[Layer::Entity, Layer::Mention, Layer::Quote, Layer::Cue, Layer::Source]),
            Step::Quotes => any(&[Layer::Quote, Layer::Cue, Layer::Source]),
            Step::Hedges => options.wants(Layer::Hedge),
        }
    }

    /// Runs this step's layer over `cx`.
    pub fn run(self, cx: &mut Context) {
        match self {
            Step::Entities => crate::entities::annotate(cx),
            Step::Coref => crate::coref::annotate(cx),
            Step::Quotes => crate::quotes::annotate(cx),
            Step::Hedges => crate::hedges::annotate(cx),
        }
    }
}

/// Segments `text` and lays out the context the steps run on: the
/// paragraph and sentence spans and the token ids that `options` asks for,
/// in this order, so that span ids are the same whoever runs the steps
/// (the library, or an evaluation that runs some of them).
pub fn start<'a>(text: &'a str, options: &Options) -> Context<'a> {
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
    cx
}

/// The statistics, and the spans of the layers `options` asks for, sorted.
pub fn finish(cx: Context, options: &Options) -> Parts {
    let text = cx.text;
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
