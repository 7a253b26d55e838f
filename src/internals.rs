//! What the crate's own faces use beyond the public API: the command line,
//! the wasm boundary, the Python wheel, xtask and the tests reach the layers
//! and the wire format through here, as `newslens::internals::...`.
//!
//! Hidden from the docs and not part of the API: anything here may change
//! in any release. The public API is the crate root's items (`annotate`,
//! `Options`, `Document`, `Span`, `Layer`, `Label`, `Error`, and the types
//! they expose). Each module below re-exports the crate's module of the same
//! name; the modules themselves are private.

use crate::{Error, Options};

pub mod context {
    //! `crate::context`, for the crate's own faces.
    pub use crate::context::*;
}
pub mod coref {
    //! `crate::coref`, for the crate's own faces.
    pub use crate::coref::*;
}
pub mod doc {
    //! `crate::doc`, for the crate's own faces.
    pub use crate::doc::*;
}
pub mod entities {
    //! `crate::entities`, for the crate's own faces.
    pub use crate::entities::*;
}
pub mod error {
    //! `crate::error`, for the crate's own faces.
    pub use crate::error::*;
}
pub mod hash {
    //! `crate::hash`, for the crate's own faces.
    pub use crate::hash::*;
}
pub mod hedges {
    //! `crate::hedges`, for the crate's own faces.
    pub use crate::hedges::*;
}
pub mod options {
    //! `crate::options`, for the crate's own faces.
    pub use crate::options::*;
}
pub mod pipeline {
    //! `crate::pipeline`, for the crate's own faces.
    pub use crate::pipeline::*;
}
pub mod quotes {
    //! `crate::quotes`, for the crate's own faces.
    pub use crate::quotes::*;
}
pub mod text {
    //! `crate::text`, for the crate's own faces.
    pub use crate::text::*;
}
pub mod wire {
    //! `crate::wire`, for the crate's own faces.
    pub use crate::wire::*;
}

/// [`crate::annotate`], stopping short of a `Span` per token: the one
/// result that every face takes from the pipeline and writes out through
/// [`wire`] (JSON, span rows, columns).
///
/// # Errors
/// When `text` is longer than [`crate::MAX_INPUT_BYTES`].
pub fn annotate_parts(text: &str, options: &Options) -> Result<crate::doc::Parts, Error> {
    crate::annotate_parts(text, options)
}
