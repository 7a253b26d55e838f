//! newslens annotates news articles: who and what is named, who is quoted
//! and on whose word, and where the text hedges.
//!
//! [`annotate`] takes the text and [`Options`] and returns a [`Document`]:
//! counts over the text ([`Stats`]) and one flat list of standoff [`Span`]s,
//! each a labelled byte range of the input, sorted by start with containing
//! spans first. A span belongs to one [`Layer`], has a [`Label`] of that
//! layer and may carry [`Attrs`]: normalized values, and links to other
//! spans by [`SpanId`] or to the document's entities by id.
//!
//! The wasm face (the npm package), the command line and the Python wheel
//! all write this same result out as JSON through one module, the one place
//! where offsets become UTF-16 and numbers are written as JS writes them, so
//! they agree byte for byte.
//!
//! ```
//! use newslens::{Label, Layer, Options, Value};
//!
//! let text = "\"We will not back down,\" Gen. Smith told reporters in Baghdad on Monday.";
//! let doc = newslens::annotate(text, &Options::with_layers(&[Layer::Entity, Layer::Quote, Layer::Source]))?;
//! for span in &doc.spans {
//!     println!("{:>8} {:>12} {:?}", span.layer.name(), span.label.name(), &text[span.start_byte..span.end_byte]);
//! }
//! let place = doc.spans.iter().find(|s| s.label == Label::Gpe).expect("a place");
//! assert_eq!(&text[place.start_byte..place.end_byte], "Baghdad");
//!
//! // A quote names its speaker, a source span, by id.
//! let quote = doc.spans.iter().find(|s| s.layer == Layer::Quote).expect("a quote");
//! let Some(&Value::Int(id)) = quote.attrs.get("speaker") else { panic!("no speaker") };
//! let speaker = doc.spans.iter().find(|s| i64::from(s.id) == id).expect("the source span");
//! assert_eq!(&text[speaker.start_byte..speaker.end_byte], "Gen. Smith");
//! # Ok::<(), newslens::Error>(())
//! ```
//!
//! # Layers
//!
//! [`Options::layers`] picks the layers returned (by default all of them);
//! the layers a requested one needs are computed either way.
//!
//! | layer | labels | attrs |
//! |---|---|---|
//! | `paragraph` | `paragraph` | |
//! | `sentence` | `sentence` | |
//! | `token` | `word`, `number`, `punct`, `symbol`, `emoji`, `url`, `email`, `hashtag`, `handle` | |
//! | `entity` | `PERSON`, `NORP`, `FAC`, `ORG`, `GPE`, `LOC`, `PRODUCT`, `EVENT`, `WORK_OF_ART`, `LAW`, `LANGUAGE`, `DATE`, `TIME`, `PERCENT`, `MONEY`, `QUANTITY`, `ORDINAL`, `CARDINAL` | normalized values (`value`, `amount`, `currency`, `year`, `month`, `day`, `iso`, `hour`, `minute`, `unit`, ...), `entity`, `country` |
//! | `quote` | `direct`, `indirect`, `mixed`, `scare` | `speaker`, `speaker_name`, `source_kind`, `cue`, `group` |
//! | `cue` | `speech_verb`, `attribution` | |
//! | `source` | `named_person`, `named_organization`, `anonymous`, `document` | `name`, `role`, `affiliation`, `entity`, `entity_span`, `pronoun` |
//! | `hedge` | `modal`, `epistemic`, `hedging_phrase`, `negated_finality`, `doubt` | `class` |
//! | `mention` | `pronoun`, or its entity's label | `entity`, `antecedent`, `confidence` |
//!
//! The names are the wire names ([`Layer::name`], [`Label::name`]) that the
//! JSON of the command line and of the wasm API use; there, offsets are
//! UTF-16 code units (what JS strings index) instead of bytes. The document's
//! [`Summaries`] hold the coreference chains ([`EntityCard`]) and the
//! `sourcing` summary of who is quoted.
//!
//! # Errors
//!
//! [`annotate`] fails only on a text over [`MAX_INPUT_BYTES`]; nothing in the
//! core panics on input, and its time is linear in the text's length.

#![deny(missing_docs)]

mod context;
mod coref;
mod doc;
mod entities;
mod error;
mod hash;
mod hedges;
mod options;
mod pipeline;
mod quotes;
mod sort;
mod text;
mod wire;

#[doc(hidden)]
pub mod internals;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use coref::{EntityCard, Gender, Government};
pub use doc::{Attrs, Document, Label, Layer, Span, SpanId, Stats, Summaries, Value};
pub use error::Error;
pub use options::Options;

/// The crate version, as reported by `version()` in JS.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The longest input accepted, in bytes of UTF-8 (32 MiB). Longer texts get
/// an [`Error`] that says so, rather than exhausting the wasm memory.
pub const MAX_INPUT_BYTES: usize = 32 << 20;
// A token holds offsets up to this limit (`doc::Token`).
const _: () = assert!(MAX_INPUT_BYTES <= doc::TOKEN_END_MAX);

/// Annotates `text` with the layers that `options` asks for.
///
/// # Errors
/// When `text` is longer than [`MAX_INPUT_BYTES`].
pub fn annotate(text: &str, options: &Options) -> Result<Document, Error> {
    annotate_parts(text, options).map(doc::Parts::into_document)
}

/// [`annotate`], stopping short of a `Span` per token: the one result that
/// every face takes from the pipeline. The wasm API, the command line (every
/// format, `--jsonl` too) and the Python wheel write it out through [`wire`]
/// (JSON, span rows, columns); the columnar output
/// ([`wire::parts_to_columns`]) reads the tokens directly.
///
/// # Errors
/// When `text` is longer than [`MAX_INPUT_BYTES`].
pub(crate) fn annotate_parts(text: &str, options: &Options) -> Result<doc::Parts, Error> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Error::input_too_long(text.len(), MAX_INPUT_BYTES));
    }
    Ok(pipeline::run_parts(text, options))
}
