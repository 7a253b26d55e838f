//! newslens: annotate a news article — who and what is named, who is
//! quoted and on whose word, and where the text hedges.
//!
//! The core is plain Rust: [`annotate`] takes a `&str` and [`Options`] and
//! returns a [`Document`] of standoff spans with byte offsets. The wasm
//! boundary (`wasm.rs`) and the command line both go through [`wire`], the
//! one place where offsets become UTF-16, so they agree exactly.
//!
//! ```
//! let doc = newslens::annotate("Gen. Smith arrived. He spoke.", &newslens::Options::default()).unwrap();
//! assert_eq!(doc.stats.sentences, 2);
//! ```

#![deny(missing_docs)]

pub mod context;
pub mod coref;
pub mod doc;
pub mod entities;
pub mod error;
pub mod hash;
pub mod hedges;
pub mod options;
pub mod pipeline;
pub mod quotes;
pub mod text;
pub mod wire;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use doc::{Document, Label, Layer, Span, SpanId, Stats};
pub use error::Error;
pub use options::Options;

/// The crate version, as reported by `version()` in JS.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The longest input accepted, in bytes of UTF-8 (32 MiB). Longer texts get
/// an [`Error`] that says so, rather than exhausting the wasm memory.
pub const MAX_INPUT_BYTES: usize = 32 << 20;

/// Annotates `text` with the layers that `options` asks for.
///
/// # Errors
/// When `text` is longer than [`MAX_INPUT_BYTES`].
pub fn annotate(text: &str, options: &Options) -> Result<Document, Error> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Error::input_too_long(text.len(), MAX_INPUT_BYTES));
    }
    Ok(pipeline::run(text, options))
}

/// [`annotate`], stopping short of a `Span` per token: the columnar output
/// ([`wire::parts_to_columns`]) reads the tokens directly.
///
/// # Errors
/// When `text` is longer than [`MAX_INPUT_BYTES`].
pub fn annotate_parts(text: &str, options: &Options) -> Result<doc::Parts, Error> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Error::input_too_long(text.len(), MAX_INPUT_BYTES));
    }
    Ok(pipeline::run_parts(text, options))
}
