//! Word lists that the text layer reads at compile time, so that they live
//! in `data/lexicon/` with the others and still cost nothing at run time
//! (the tokenizer builds a constant table from its list).
//!
//! A list file is whitespace-separated words in `[section]`s; a line that
//! starts with `#` is a comment.

/// `data/lexicon/periods.txt`: what a period after a word means.
pub const PERIODS: List = List(include_str!("../../data/lexicon/periods.txt"));

/// A word list file, read by `const fn`s.
pub struct List(&'static str);

impl List {
    /// The number of words in `section`.
    pub const fn count(&self, section: &str) -> usize {
        let (b, mut i, end) = self.section(section);
        let mut n = 0;
        loop {
            let (start, stop) = next_word(b, i, end);
            if start == stop {
                return n;
            }
            n += 1;
            i = stop;
        }
    }

    /// The words of `section`, in the file's order (`N` from [`Self::count`]).
    pub const fn words<const N: usize>(&self, section: &str) -> [&'static str; N] {
        let (b, mut i, end) = self.section(section);
        let mut out = [""; N];
        let mut n = 0;
        while n < N {
            let (start, stop) = next_word(b, i, end);
            let word = b.split_at(stop).0.split_at(start).1;
            out[n] = match std::str::from_utf8(word) {
                Ok(w) => w,
                Err(_) => panic!("a word list that is not UTF-8"),
            };
            n += 1;
            i = stop;
        }
        out
    }

    /// The file's bytes and the byte range of `section`'s words (after its
    /// `[name]` line, up to the next `[` line or the end).
    const fn section(&self, name: &str) -> (&'static [u8], usize, usize) {
        let b = self.0.as_bytes();
        let name = name.as_bytes();
        let mut i = 0;
        let mut start = None;
        while i < b.len() {
            // At a line start.
            if b[i] == b'[' {
                if let Some(s) = start {
                    return (b, s, i);
                }
                if is_header(b, i, name) {
                    start = Some(i + name.len() + 2);
                }
            }
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            i += 1;
        }
        match start {
            Some(s) => (b, s, b.len()),
            None => panic!("a word list section that the file does not have"),
        }
    }
}

/// Whether `b[i..]` starts with `[name]`.
const fn is_header(b: &[u8], i: usize, name: &[u8]) -> bool {
    if i + name.len() + 2 > b.len() || b[i + name.len() + 1] != b']' {
        return false;
    }
    let mut k = 0;
    while k < name.len() {
        if b[i + 1 + k] != name[k] {
            return false;
        }
        k += 1;
    }
    true
}

/// The bounds of the first word in `b[i..end]`, skipping whitespace and
/// `#` comment lines; (end, end) when there is none.
const fn next_word(b: &[u8], mut i: usize, end: usize) -> (usize, usize) {
    while i < end {
        if b[i] == b'#' {
            while i < end && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i].is_ascii_whitespace() {
            i += 1;
        } else {
            let start = i;
            while i < end && !b[i].is_ascii_whitespace() {
                i += 1;
            }
            return (start, i);
        }
    }
    (end, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: List = List("# a comment [x]\n[one]\na b\n# c d\n  e\n[two]\nf\n[three]\n");

    #[test]
    fn sections_hold_their_own_words_only() {
        assert_eq!(T.words::<3>("one"), ["a", "b", "e"]);
        assert_eq!(T.count("one"), 3);
        assert_eq!(T.words::<1>("two"), ["f"]);
        assert_eq!(T.count("three"), 0);
    }
}
