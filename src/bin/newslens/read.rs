//! Reading input without ever holding more than the limit: a file or
//! standard input is read up to [`newslens::MAX_INPUT_BYTES`] and one byte
//! more (so `newslens /dev/zero` stops after 32 MiB with a message instead of
//! filling memory), and a JSON line longer than [`MAX_LINE_BYTES`] is
//! skipped up to its newline without being kept.

use std::io::{self, BufRead, Read};

use newslens::MAX_INPUT_BYTES;

/// The longest JSON line kept: twice the text limit, room for a text at the
/// limit with its escapes (a `\n` is two bytes for one) and the other fields.
/// The text itself is held to [`MAX_INPUT_BYTES`] after decoding.
pub const MAX_LINE_BYTES: usize = 2 * MAX_INPUT_BYTES;

/// Why a text could not be read.
pub enum ReadError {
    Io(io::Error),
    TooLong,
    NotUtf8 { valid_up_to: usize },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::TooLong => write!(f, "longer than the limit of {MAX_INPUT_BYTES} bytes (32 MiB); split the text and annotate the parts"),
            ReadError::NotUtf8 { valid_up_to } => write!(f, "not UTF-8 text (the byte at offset {valid_up_to} is not valid UTF-8)"),
        }
    }
}

/// Reads all of `input` as UTF-8 text of at most [`MAX_INPUT_BYTES`];
/// `size_hint` (a regular file's length) lets a long file fail before any
/// read and a short one be read into a buffer of its size.
pub fn read_text(input: impl Read, size_hint: Option<u64>) -> Result<String, ReadError> {
    let limit = MAX_INPUT_BYTES as u64;
    if size_hint.is_some_and(|n| n > limit) {
        return Err(ReadError::TooLong);
    }
    let mut bytes = Vec::with_capacity(size_hint.map_or(64 * 1024, |n| n as usize + 1));
    input.take(limit + 1).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ReadError::TooLong);
    }
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 { valid_up_to: e.utf8_error().valid_up_to() })
}

/// One line of a JSON Lines input.
pub struct Line {
    /// 1-based.
    pub number: u64,
    /// The line without its `\n`, or `None` when it was longer than
    /// [`MAX_LINE_BYTES`] (and was skipped).
    pub bytes: Option<Vec<u8>>,
}

/// Splits `input` into [`Line`]s, each held to `max` bytes.
pub struct Lines<R> {
    input: R,
    max: usize,
    number: u64,
    done: bool,
}

impl<R: BufRead> Lines<R> {
    pub fn new(input: R, max: usize) -> Self {
        Lines { input, max, number: 0, done: false }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = io::Result<Line>;

    fn next(&mut self) -> Option<io::Result<Line>> {
        if self.done {
            return None;
        }
        let mut line = Some(Vec::new());
        let mut seen_any = false;
        loop {
            let buf = match self.input.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            };
            if buf.is_empty() {
                // End of input: a last line without its newline is still a
                // line; nothing after a final newline is not.
                self.done = true;
                if !seen_any {
                    return None;
                }
                break;
            }
            seen_any = true;
            let (chunk, newline) = match buf.iter().position(|&b| b == b'\n') {
                Some(at) => (&buf[..at], true),
                None => (buf, false),
            };
            if let Some(kept) = &mut line {
                if kept.len() + chunk.len() > self.max {
                    // Too long: forget what was kept, skip to the newline.
                    line = None;
                } else {
                    kept.extend_from_slice(chunk);
                }
            }
            let used = chunk.len() + usize::from(newline);
            self.input.consume(used);
            if newline {
                break;
            }
        }
        self.number += 1;
        Some(Ok(Line { number: self.number, bytes: line }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str, max: usize) -> Vec<Option<String>> {
        // A tiny buffer, so that lines cross reads.
        Lines::new(io::BufReader::with_capacity(3, input.as_bytes()), max)
            .map(|l| l.expect("read").bytes.map(|b| String::from_utf8(b).expect("utf-8")))
            .collect()
    }

    #[test]
    fn every_line_counts_and_long_lines_are_skipped_whole() {
        let some = |s: &str| Some(s.to_string());
        assert_eq!(lines("", 10), Vec::<Option<String>>::new());
        assert_eq!(lines("\n", 10), vec![some("")]);
        assert_eq!(lines("a\n\nb", 10), vec![some("a"), some(""), some("b")]);
        assert_eq!(lines("a\n\nb\n", 10), vec![some("a"), some(""), some("b")]);
        assert_eq!(lines("abc\nabcdefgh\nxy\n", 4), vec![some("abc"), None, some("xy")]);
        assert_eq!(lines("abcd\nabcde", 4), vec![some("abcd"), None]);
    }

    #[test]
    fn a_text_over_the_limit_is_refused_after_the_limit() {
        // An endless reader: reading must stop one byte past the limit.
        let endless = io::repeat(b'a');
        assert!(matches!(read_text(endless, None), Err(ReadError::TooLong)));
        assert!(matches!(read_text(io::empty(), Some(MAX_INPUT_BYTES as u64 + 1)), Err(ReadError::TooLong)));
        assert!(matches!(read_text(&b"ok \xff"[..], None), Err(ReadError::NotUtf8 { valid_up_to: 3 })));
        assert_eq!(read_text(&b"ok"[..], Some(2)).ok().as_deref(), Some("ok"));
    }
}
