//! Quotation marks and the quoted pieces they delimit.
//!
//! Marks are read from the characters, not the tokens, because what a mark
//! means depends on its neighbours: a straight `"` opens after a space or at
//! the start of a paragraph and closes otherwise; ` `` ` opens and `''`
//! closes (the typewriter convention of some wires; a `''` after a space
//! and before a word, with no quote open, opens); single marks (`‘ ’ '`)
//! are never delimiters here, so curly apostrophes ("Iraq’s") and nested
//! quotes inside a quote cannot unbalance anything.
//!
//! Pairing is per paragraph. A piece left open at the end of a paragraph is
//! kept only when the next paragraph opens with a mark: the news convention
//! for a quote that runs on over paragraphs. Any other unclosed mark is
//! dropped rather than guessed at, so one stray mark costs one quote, never
//! the rest of the document.

use crate::text::Segmentation;

/// A quoted piece: from its opening mark to its closing mark (inclusive),
/// or to the end of its paragraph when it runs on into the next one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    /// First byte of the opening mark.
    pub start: usize,
    /// Byte after the closing mark (or after the paragraph's last
    /// non-space character when `closed` is false).
    pub end: usize,
    /// First byte inside the marks.
    pub inner_start: usize,
    /// Byte after the last character inside the marks.
    pub inner_end: usize,
    /// Whether a closing mark ends it.
    pub closed: bool,
    /// Index of its paragraph.
    pub para: usize,
}

/// The bytes a mark can start with: `"`, `` ` ``, `'`, and the lead bytes of
/// `« »` (0xC2) and `“ ” „` (0xE2).
const MARK_START: [bool; 256] = {
    let mut t = [false; 256];
    t[b'"' as usize] = true;
    t[b'`' as usize] = true;
    t[b'\'' as usize] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    t
};

/// The first position at or after `from` whose byte is in [`MARK_START`].
/// Eight bytes at a time while none is a straight mark or non-ASCII (the
/// curly marks' lead bytes are): the text between marks is most of a
/// paragraph, and one table load a byte was the layer's largest single
/// cost on a long text.
fn next_mark_start(bytes: &[u8], from: usize) -> Option<usize> {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Whether some byte of `x` (all ASCII) is `b`: the XOR makes it zero,
    // and a zero byte borrows into its high bit (exact, as no byte of an
    // ASCII `x ^ b` has its high bit set).
    let has = |x: u64, b: u8| (x ^ (LOW * u64::from(b))).wrapping_sub(LOW) & HIGH != 0;
    let mut i = from;
    while let Some(word) = bytes.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        let x = u64::from_ne_bytes(word);
        if x & HIGH != 0 || has(x, b'"') || has(x, b'\'') || has(x, b'`') {
            break;
        }
        i += 8;
    }
    bytes.get(i..)?.iter().position(|&b| MARK_START[usize::from(b)]).map(|p| i + p)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dir {
    Open,
    Close,
}

/// Finds the quoted pieces of `text`, in order.
pub fn find_pieces(text: &str, seg: &Segmentation) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    for (p, para) in seg.paragraphs.iter().enumerate() {
        let Some(body) = text.get(para.clone()) else { continue };
        let mut open: Option<(usize, usize)> = None; // (mark start, inner start)
        let bytes = body.as_bytes();
        // After a two-character mark (`` or ''), the previous character
        // counts as a single quote, whatever the first of the two was.
        let mut after_pair = usize::MAX;
        let mut i = 0;
        while i < bytes.len() {
            // Every mark starts with a byte of MARK_START, and none of them
            // occurs inside another character's UTF-8: the text between
            // marks is skipped by one table load a byte, nothing decoded.
            match next_mark_start(bytes, i) {
                Some(at) => i = at,
                None => break,
            }
            let Some(c) = body.get(i..).and_then(|r| r.chars().next()) else { break };
            let at = para.start + i;
            let next = body.get(i + c.len_utf8()..).and_then(|r| r.chars().next());
            let prev = match i {
                0 => None,
                _ if i == after_pair => Some('\''),
                _ => body.get(..i).and_then(|r| r.chars().next_back()),
            };
            let mark = match c {
                '“' | '„' | '«' => Some((Dir::Open, c.len_utf8(), false)),
                '”' | '»' => Some((Dir::Close, c.len_utf8(), false)),
                '"' => {
                    let opens = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/:".contains(p));
                    Some((if opens { Dir::Open } else { Dir::Close }, 1, true))
                }
                '`' if next == Some('`') => Some((Dir::Open, 2, false)),
                '\'' if next == Some('\'') => {
                    // `''` closes; it opens only where nothing is open, after
                    // a space or the paragraph start and before a word.
                    let after = body.get(i + 2..).and_then(|r| r.chars().next());
                    let opens = open.is_none()
                        && prev.is_none_or(|p| p.is_whitespace() || "([{".contains(p))
                        && after.is_some_and(char::is_alphanumeric);
                    Some((if opens { Dir::Open } else { Dir::Close }, 2, false))
                }
                _ => None,
            };
            let Some((mut dir, len, straight)) = mark else {
                i += c.len_utf8();
                continue;
            };
            // A straight mark while a quote is open can only close it.
            if straight && open.is_some() {
                dir = Dir::Close;
            }
            match (dir, open) {
                (Dir::Open, _) => open = Some((at, at + len)),
                (Dir::Close, Some((start, inner_start))) => {
                    pieces.push(Piece { start, end: at + len, inner_start, inner_end: at, closed: true, para: p });
                    open = None;
                }
                (Dir::Close, None) => {}
            }
            // A mark's length in bytes: one character, or two ASCII ones.
            i += len;
            if len == 2 {
                after_pair = i;
            }
        }
        if let Some((start, inner_start)) = open {
            let end = para.start + body.trim_end().len();
            if end > inner_start {
                pieces.push(Piece { start, end, inner_start, inner_end: end, closed: false, para: p });
            }
        }
    }
    // Keep a run-on piece only when the next paragraph opens with a mark.
    let starts: Vec<usize> = pieces.iter().map(|q| q.start).collect();
    pieces
        .into_iter()
        .filter(|q| {
            q.closed
                || seg.paragraphs.get(q.para + 1).is_some_and(|next| {
                    let lead = text.get(next.clone()).map_or(0, |b| b.len() - b.trim_start().len());
                    starts.binary_search(&(next.start + lead)).is_ok()
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment;

    fn quoted(text: &str) -> Vec<&str> {
        let seg = segment(text);
        find_pieces(text, &seg).iter().map(|p| &text[p.start..p.end]).collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// The eight-byte skip finds the mark starts a byte scan finds.
        #[test]
        fn word_scan_finds_what_a_byte_scan_finds(
            text in "([a-z .,!#&!()*+/-]{0,20}|[\"'`]|“|’|«|—|é|\\PC){0,30}",
        ) {
            let bytes = text.as_bytes();
            for from in 0..=bytes.len() {
                let scan = bytes[from..].iter().position(|&b| MARK_START[usize::from(b)]).map(|p| from + p);
                proptest::prop_assert_eq!(next_mark_start(bytes, from), scan);
            }
        }
    }

    #[test]
    fn curly_straight_and_typewriter_marks() {
        assert_eq!(
            quoted("“We want peace,” he said, “but not at any price.”"),
            vec!["“We want peace,”", "“but not at any price.”"]
        );
        assert_eq!(quoted("\"Yes,\" he said. \"No.\""), vec!["\"Yes,\"", "\"No.\""]);
        assert_eq!(quoted("``We will appeal,'' she said."), vec!["``We will appeal,''"]);
        assert_eq!(quoted("''We will appeal,'' she said."), vec!["''We will appeal,''"]);
        assert_eq!(quoted("\"We will appeal,'' she said."), vec!["\"We will appeal,''"]);
    }

    #[test]
    fn apostrophes_and_nested_single_quotes_do_not_unbalance() {
        assert_eq!(
            quoted("Iraq’s “He said, ‘never,’ and left,” Klein’s aide said."),
            vec!["“He said, ‘never,’ and left,”"]
        );
        assert_eq!(quoted("He is 6'2\" tall, it's “fine.”"), vec!["“fine.”"]);
    }

    #[test]
    fn marks_next_to_other_characters() {
        // The character before a straight mark decides: a dash opens.
        assert_eq!(quoted("Then—\"go\" he said."), vec!["\"go\""]);
        assert_eq!(quoted("Il a dit «oui», puis “non” — \"peut-être\"."), vec!["«oui»", "“non”", "\"peut-être\""]);
        // Dashes and other characters that share a mark's first byte are not marks.
        assert_eq!(quoted("A – B — C … “D” é"), vec!["“D”"]);
    }

    #[test]
    fn run_on_paragraphs_are_kept_and_stray_marks_dropped() {
        let text = "“First part.\n“Second part,” he said.\nA stray “mark here.\nNext line.";
        assert_eq!(quoted(text), vec!["“First part.", "“Second part,”"]);
    }
}
