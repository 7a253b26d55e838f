//! Case-insensitive word sets: the lexicons (titles, organisation words,
//! roles) that a layer looks tokens up in as they are written.
//!
//! Most tokens of a text are in no such set, and a lookup that lower-cases
//! the token into a `String` and hashes it costs a hundred instructions or
//! more even when the answer is no. So a [`WordSet`] first asks a filter
//! built from its words: the token's first byte (lower-cased, when ASCII:
//! the first character of a lower-cased word is the lower-cased first
//! character) and, for an ASCII token, its length and second byte (ASCII
//! lower-casing keeps the length; a non-ASCII character may lower-case to
//! another length, as "İ" does, so those skip these tests; a token that
//! starts with one is rare and skips the filter). Only tokens that pass
//! are lower-cased (on the stack when short and ASCII) and hashed.

use crate::hash::FnvSet;

/// Longest ASCII word lower-cased on the stack; longer or non-ASCII ones
/// go through a `String`.
const STACK: usize = 32;

/// A set of lower-case words, asked with words in any case.
#[derive(Clone, Debug)]
pub struct WordSet {
    words: FnvSet<String>,
    /// Per lower-case ASCII first byte: bit `n` set when some word of that
    /// first byte is `n` bytes long (bit 63: 63 or more).
    lens: [u64; 128],
    /// Per lower-case ASCII first byte: bit `b` set when some word starts
    /// with that byte then the ASCII byte `b`. Capitalised names pass the
    /// first two tests often enough ("Mr", "Gen." and "Prime" let in
    /// every name of their first letter and length) to pay for a third.
    second: [AsciiSet; 128],
}

/// A set of ASCII bytes, as two words: a test is a load, a shift and a
/// mask (a `u128` shift by a variable amount is a dozen instructions on
/// wasm32 and x86-64 alike).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AsciiSet([u64; 2]);

impl AsciiSet {
    /// Adds `b`; bytes that are not ASCII are ignored.
    #[inline]
    pub fn insert(&mut self, b: u8) {
        if b < 0x80 {
            self.0[usize::from(b >> 6)] |= 1 << (b & 63);
        }
    }

    /// Whether `b` is in the set (never, when `b` is not ASCII).
    #[inline]
    pub fn contains(&self, b: u8) -> bool {
        b < 0x80 && self.0[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }
}

/// The bit of [`WordSet::lens`] for a word of `len` bytes.
fn len_bit(len: usize) -> u64 {
    1 << len.min(63)
}

impl WordSet {
    /// An empty set.
    pub fn new() -> WordSet {
        WordSet { words: FnvSet::default(), lens: [0; 128], second: [AsciiSet::default(); 128] }
    }

    /// Adds `word`, lower-cased.
    pub fn insert(&mut self, word: &str) {
        let lower = lower(word);
        if let Some(&b) = lower.as_bytes().first()
            && b < 0x80
        {
            self.lens[usize::from(b)] |= len_bit(lower.len());
            if let Some(&b1) = lower.as_bytes().get(1) {
                self.second[usize::from(b)].insert(b1);
            }
        }
        self.words.insert(lower);
    }

    /// Whether `lower`, already lower case, is in the set (no filter: for
    /// callers that hold the lower-cased word anyway).
    pub fn contains(&self, lower: &str) -> bool {
        self.words.contains(lower)
    }

    /// Whether `word`, lower-cased, is in the set.
    pub fn contains_folded(&self, word: &str) -> bool {
        let b = word.as_bytes();
        let Some(&b0) = b.first() else { return self.words.contains("") };
        if b0 >= 0x80 {
            // Rare, and a non-ASCII first character may lower-case to an
            // ASCII one (the Kelvin sign to "k", "İ" to "i" and a mark).
            return self.words.contains(lower(word).as_str());
        }
        let first = usize::from(b0.to_ascii_lowercase());
        let lens = self.lens[first];
        if lens == 0 {
            return false;
        }
        // With the first byte ASCII, an ASCII second byte is the second
        // byte of the lower-cased word too, whatever follows; the length
        // (and the stack copy) needs the whole word ASCII, a scan.
        if let Some(&b1) = b.get(1)
            && b1 < 0x80
            && !self.second[first].contains(b1.to_ascii_lowercase())
        {
            return false;
        }
        if b.len() <= STACK && word.is_ascii() {
            if lens & len_bit(b.len()) == 0 {
                return false;
            }
            if !b.iter().any(u8::is_ascii_uppercase) {
                return self.words.contains(word);
            }
            let mut buf = [0u8; STACK];
            let lower = &mut buf[..b.len()];
            lower.copy_from_slice(b);
            lower.make_ascii_lowercase();
            return std::str::from_utf8(lower).is_ok_and(|l| self.words.contains(l));
        }
        self.words.contains(lower(word).as_str())
    }
}

/// `word` lower-cased char by char, as the layers' `lower_into` does (no
/// final-sigma rule, unlike `str::to_lowercase`).
fn lower(word: &str) -> String {
    word.chars().flat_map(char::to_lowercase).collect()
}

impl Default for WordSet {
    fn default() -> WordSet {
        WordSet::new()
    }
}

impl<'a> FromIterator<&'a str> for WordSet {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> WordSet {
        let mut set = WordSet::new();
        for w in iter {
            set.insert(w);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const WORDS: &[&str] = &["minister", "sen.", "president", "al", "ministry", "i̇stanbul", "éire", "x", "kelvin", "σας"];

    fn set() -> WordSet {
        WORDS.iter().copied().collect()
    }

    #[test]
    fn ascii_sets_hold_what_was_inserted() {
        let mut set = AsciiSet::default();
        for b in [0u8, 63, 64, 127, 128, 255, b'a'] {
            set.insert(b);
        }
        for b in 0..=255u8 {
            assert_eq!(set.contains(b), matches!(b, 0 | 63 | 64 | 127 | b'a'), "{b}");
        }
    }

    #[test]
    fn any_case_finds_the_word() {
        let s = set();
        for w in ["Minister", "MINISTER", "minister", "Sen.", "SEN.", "Al", "X", "ÉIRE", "Éire", "İstanbul", "KELVIN"] {
            assert!(s.contains_folded(w), "{w}");
        }
        for w in ["Ministers", "Sen", "", "Alx", "Y", "Eire", "\u{212a}elvi", "mínister"] {
            assert!(!s.contains_folded(w), "{w}");
        }
        // The Kelvin sign lower-cases to an ASCII "k".
        assert!(s.contains_folded("\u{212a}ELVIN"));
        // Char by char: a final capital sigma is "σ", not "ς".
        assert!(!s.contains_folded("ΣΑΣ"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// The filters and the stack copy answer as lower-casing and
        /// hashing every word would.
        #[test]
        fn filtered_lookup_equals_lower_then_lookup(
            word in "([A-Za-z.]{0,10}|[mMsSaAxXkK\u{212a}İéÉ][a-zA-Z.\u{212a}]{0,9}|\\PC{0,6})",
            pick in 0..WORDS.len(),
            upper in proptest::collection::vec(any::<bool>(), 0..12),
        ) {
            let s = set();
            prop_assert_eq!(s.contains_folded(&word), s.contains(&lower(&word)));
            // A listed word in mixed case.
            let mixed: String = WORDS[pick]
                .chars()
                .zip(upper.iter().chain(std::iter::repeat(&false)))
                .map(|(c, &u)| if u { c.to_uppercase().collect::<String>() } else { c.to_string() })
                .collect();
            prop_assert_eq!(s.contains_folded(&mixed), s.contains(&lower(&mixed)));
        }
    }
}
