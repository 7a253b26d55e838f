//! Byte offsets (Rust) to UTF-16 code units (JS), in one place.
//!
//! Modelled on rust-analyzer's `line-index`: one index built per document,
//! conversions that return `Option` instead of guessing. The index stores
//! only the non-ASCII characters, so an ASCII article costs nothing and a
//! converted offset is one binary search away.

/// Converts between byte offsets and UTF-16 code-unit offsets of one text.
#[derive(Clone, Debug)]
pub struct OffsetIndex {
    /// For each non-ASCII char: its byte start, and how many more bytes than
    /// UTF-16 units the text has *after* it ends (the running excess).
    wide: Vec<(u32, u32, u8)>,
    len_bytes: usize,
}

impl OffsetIndex {
    /// Builds the index for `text`.
    pub fn new(text: &str) -> OffsetIndex {
        let mut wide = Vec::new();
        let mut excess: u32 = 0;
        let bytes = text.as_bytes();
        let mut i = 0;
        // ASCII bytes are skipped without decoding; a lead byte gives the
        // char's UTF-8 length, and only 4-byte chars take two UTF-16 units.
        while i < bytes.len() {
            // Eight bytes at a time while they are all ASCII, as nearly all
            // of an English article is.
            if let Some(word) = bytes.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok())
                && u64::from_ne_bytes(word) & 0x8080_8080_8080_8080 == 0
            {
                i += 8;
                continue;
            }
            let b = bytes[i];
            if b < 0x80 {
                i += 1;
                continue;
            }
            let (n8, n16) = match b {
                0xF0.. => (4, 2),
                0xE0.. => (3, 1),
                _ => (2, 1),
            };
            excess += n8 - n16;
            wide.push((i as u32, excess, n8 as u8));
            i += n8 as usize;
        }
        OffsetIndex { wide, len_bytes: text.len() }
    }

    /// The UTF-16 offset of byte offset `byte`, or `None` when `byte` is past
    /// the end or inside a character.
    pub fn to_utf16(&self, byte: usize) -> Option<usize> {
        if byte > self.len_bytes {
            return None;
        }
        // Characters that start before `byte`.
        let k = self.wide.partition_point(|&(start, _, _)| (start as usize) < byte);
        self.utf16_with(byte, k)
    }

    /// [`OffsetIndex::to_utf16`] given `k`, the number of wide chars that
    /// start before `byte`.
    fn utf16_with(&self, byte: usize, k: usize) -> Option<usize> {
        if k == 0 {
            return Some(byte);
        }
        let (start, excess, n8) = self.wide[k - 1];
        if byte < start as usize + n8 as usize {
            return None; // inside a multi-byte char
        }
        Some(byte - excess as usize)
    }

    /// The byte offset of UTF-16 offset `unit`, or `None` when it is past the
    /// end or between the two halves of a surrogate pair.
    pub fn to_utf8(&self, unit: usize) -> Option<usize> {
        // Find the last wide char whose UTF-16 start is before `unit`.
        let k = self.wide.partition_point(|&(start, excess, n8)| {
            let n16 = if n8 == 4 { 2 } else { 1 };
            let end16 = start as usize + n8 as usize - excess as usize;
            end16 - n16 < unit
        });
        let byte = if k == 0 {
            unit
        } else {
            let (start, excess, n8) = self.wide[k - 1];
            let end16 = start as usize + n8 as usize - excess as usize;
            if unit < end16 {
                return None; // inside a surrogate pair
            }
            unit + excess as usize
        };
        (byte <= self.len_bytes).then_some(byte)
    }

    /// A converter for offsets that mostly move forward, as the starts (or
    /// the ends) of sorted spans do: each conversion walks on from where the
    /// last one stopped instead of searching the whole index.
    pub fn cursor(&self) -> Cursor<'_> {
        let mut cursor = Cursor { index: self, k: 0, lo: 0, hi: 0, excess: 0 };
        cursor.settle(0);
        cursor
    }

    /// Length of the text in UTF-16 code units.
    pub fn len_utf16(&self) -> usize {
        self.len_bytes - self.wide.last().map_or(0, |&(_, e, _)| e as usize)
    }
}

/// See [`OffsetIndex::cursor`].
#[derive(Clone, Debug)]
pub struct Cursor<'a> {
    index: &'a OffsetIndex,
    /// Wide chars that start before the last converted offset.
    k: usize,
    /// Every byte offset in `lo..=hi` has `k` wide chars before it and lies
    /// on no char's inside, so it converts to `byte - excess`: between two
    /// wide chars (most of an article) a conversion is two compares.
    lo: usize,
    hi: usize,
    excess: usize,
}

impl Cursor<'_> {
    /// The same as [`OffsetIndex::to_utf16`].
    #[inline]
    pub fn to_utf16(&mut self, byte: usize) -> Option<usize> {
        if self.lo <= byte && byte <= self.hi {
            return Some(byte - self.excess);
        }
        self.moved_to_utf16(byte)
    }

    /// [`Cursor::to_utf16`] for an offset outside the current window.
    #[inline(never)]
    fn moved_to_utf16(&mut self, byte: usize) -> Option<usize> {
        let wide = &self.index.wide;
        if byte > self.index.len_bytes {
            return None;
        }
        let before = |&(start, _, _): &(u32, u32, u8)| (start as usize) < byte;
        let mut k = self.k.min(wide.len());
        if k > 0 && !before(&wide[k - 1]) {
            // Moved back: search what lies behind.
            k = wide[..k].partition_point(before);
        } else {
            // Moved forward: a few steps, then a search of what lies ahead.
            let mut steps = 0;
            while k < wide.len() && before(&wide[k]) {
                k += 1;
                steps += 1;
                if steps == 8 {
                    k += wide[k..].partition_point(before);
                    break;
                }
            }
        }
        self.settle(k);
        self.index.utf16_with(byte, k)
    }

    /// Moves to `k` wide chars before, and sets the window that goes with it.
    fn settle(&mut self, k: usize) {
        let wide = &self.index.wide;
        self.k = k;
        (self.lo, self.excess) = match k.checked_sub(1).map(|p| wide[p]) {
            Some((start, excess, n8)) => (start as usize + n8 as usize, excess as usize),
            None => (0, 0),
        };
        self.hi = wide.get(k).map_or(self.index.len_bytes, |&(start, _, _)| start as usize);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) {
        let index = OffsetIndex::new(text);
        let mut units = 0;
        for (i, c) in text.char_indices() {
            assert_eq!(index.to_utf16(i), Some(units), "byte {i} of {text:?}");
            assert_eq!(index.to_utf8(units), Some(i));
            for inner in 1..c.len_utf8() {
                assert_eq!(index.to_utf16(i + inner), None);
            }
            if c.len_utf16() == 2 {
                assert_eq!(index.to_utf8(units + 1), None);
            }
            units += c.len_utf16();
        }
        assert_eq!(index.to_utf16(text.len()), Some(units));
        assert_eq!(index.to_utf8(units), Some(text.len()));
        assert_eq!(index.len_utf16(), units);
        assert_eq!(index.to_utf16(text.len() + 1), None);
        // A cursor agrees, whichever way the offsets move.
        let mut cursor = index.cursor();
        let n = text.len();
        for byte in (0..=n + 1).chain((0..=n).rev()).chain((0..=n).step_by(7)).chain((0..=n).map(|i| (i * 13) % (n + 1))) {
            assert_eq!(cursor.to_utf16(byte), index.to_utf16(byte), "byte {byte} of {text:?}");
        }
        assert_eq!(index.to_utf8(units + 1), None);
    }

    #[test]
    fn curly_quotes_emoji_arabic_cjk() {
        check("“Iraq’s” — 👍🏽 العراق 北京 👨‍👩‍👧 🇮🇶 x");
        check("");
        check("plain ascii");
        check("é");
        check(&"ab “c” é 👍🏽 d\n".repeat(20));
    }
}
