//! The one error type of the core.
//!
//! Shaped like aho-corasick's `BuildError`: a public struct over a private
//! kind, `pub(crate)` constructors, and lower-case messages that carry the
//! numbers, so a caller in JS sees "input is 52428800 bytes; the limit is
//! 33554432" rather than an opaque code.

use std::fmt;

/// Why a call into newslens failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum ErrorKind {
    InputTooLong { len: usize, max: usize },
    BadOptions { message: String },
    BadOffset { offset: usize },
}

impl Error {
    pub(crate) fn input_too_long(len: usize, max: usize) -> Error {
        Error { kind: ErrorKind::InputTooLong { len, max } }
    }

    /// Options that could not be read: an unknown field or layer, a wrong type.
    pub fn bad_options(message: impl Into<String>) -> Error {
        Error { kind: ErrorKind::BadOptions { message: message.into() } }
    }

    pub(crate) fn bad_offset(offset: usize) -> Error {
        Error { kind: ErrorKind::BadOffset { offset } }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::InputTooLong { len, max } => write!(
                f,
                "input is {len} bytes of UTF-8; the limit is {max} bytes (split the text and annotate it in parts)"
            ),
            ErrorKind::BadOptions { message } => write!(f, "bad options: {message}"),
            ErrorKind::BadOffset { offset } => {
                write!(f, "offset {offset} is not on a character boundary of the text")
            }
        }
    }
}

impl std::error::Error for Error {}

/// For writers that fail with [`std::io::Error`] and meet a core error on
/// the way (a span row with a bad offset, in `wire`).
impl From<Error> for std::io::Error {
    fn from(error: Error) -> std::io::Error {
        std::io::Error::other(error)
    }
}
