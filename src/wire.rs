//! The Document as JS and the CLI see it: UTF-16 offsets, snake_case names.
//!
//! This is the only place where byte offsets become UTF-16 offsets, so the
//! wasm API and the command line agree exactly by construction.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::doc::{Attrs, Document, Label, Layer, SpanId, Stats};
use crate::error::Error;
use crate::text::OffsetIndex;

/// A span with UTF-16 offsets: `text.slice(start, end)` in JS is its text.
#[derive(Clone, Debug, Serialize)]
pub struct WireSpan<'a> {
    /// Unique in the document.
    pub id: SpanId,
    /// The span's layer.
    pub layer: Layer,
    /// The span's label.
    pub label: Label,
    /// First UTF-16 code unit, inclusive.
    pub start: usize,
    /// Last UTF-16 code unit, exclusive.
    pub end: usize,
    /// Layer-specific fields, omitted when empty.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub attrs: &'a Attrs,
}

/// The whole result as sent across the boundary.
#[derive(Clone, Debug, Serialize)]
pub struct WireDocument<'a> {
    /// The crate version that produced it.
    pub version: &'static str,
    /// Counts over the text.
    pub stats: &'a Stats,
    /// The spans, sorted by start, containers first.
    pub spans: Vec<WireSpan<'a>>,
    /// Layer summaries, e.g. `sourcing` and `entities`.
    #[serde(flatten)]
    pub summaries: &'a BTreeMap<&'static str, serde_json::Value>,
}

/// Converts `doc`, computed over `text`, to its wire form.
pub fn to_wire<'a>(text: &str, doc: &'a Document) -> Result<WireDocument<'a>, Error> {
    let index = OffsetIndex::new(text);
    let mut spans = Vec::with_capacity(doc.spans.len());
    for s in &doc.spans {
        let start = index.to_utf16(s.start_byte).ok_or_else(|| Error::bad_offset(s.start_byte))?;
        let end = index.to_utf16(s.end_byte).ok_or_else(|| Error::bad_offset(s.end_byte))?;
        spans.push(WireSpan { id: s.id, layer: s.layer, label: s.label, start, end, attrs: &s.attrs });
    }
    Ok(WireDocument { version: crate::VERSION, stats: &doc.stats, spans, summaries: &doc.summaries })
}
