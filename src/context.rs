//! What the layers share while they run: the text, its segmentation, the
//! spans so far and the summaries so far.
//!
//! It lives below every layer (it names only `doc` and `text` types), not in
//! [`crate::pipeline`], which runs the layers: a layer that imported the
//! module that calls it would close an import circle through every layer.

use crate::doc::{SpanSink, Summaries};
use crate::text::Segmentation;

/// What a layer gets to read and write.
pub struct Context<'a> {
    /// The input.
    pub text: &'a str,
    /// Paragraphs, sentences and tokens.
    pub seg: Segmentation,
    /// Spans so far.
    pub sink: SpanSink,
    /// Summaries so far (e.g. `sourcing`).
    pub summaries: Summaries,
}
