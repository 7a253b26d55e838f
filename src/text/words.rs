//! Case-insensitive word sets: the lexicons (titles, organisation words,
//! roles) that a layer looks tokens up in as they are written.
//!
//! Most tokens of a text are in no such set, and a lookup that lower-cases
//! the token into a `String` and hashes it costs a hundred instructions or
//! more even when the answer is no. So a [`WordSet`] first asks a
//! [`WordFilter`] built from its words: the token's first byte (lower-cased,
//! when ASCII: the first character of a lower-cased word is the lower-cased
//! first character), second byte and, for an ASCII token, length (ASCII
//! lower-casing keeps the length; a non-ASCII character may lower-case to
//! another length, as "İ" does, so those skip that test; a token that
//! starts with one is rare and skips the filter). Only tokens that pass
//! are lower-cased (on the stack when short and ASCII) and hashed. The
//! hedge and speech-cue phrase lists (`text::phrases`) filter their
//! first words with the same [`WordFilter`].
//!
//! The lower-casing the layers share lives here too: [`lower_into`] (char
//! by char into a reused `String`) and [`lower_ascii_into`] (an ASCII word
//! into a buffer on the stack).

use crate::hash::FastSet;

/// Longest ASCII word lower-cased on the stack; longer or non-ASCII ones
/// go through a `String`.
const STACK: usize = 32;

/// A set of lower-case words, asked with words in any case.
#[derive(Clone, Debug)]
pub struct WordSet {
    words: FastSet<String>,
    filter: WordFilter,
}

/// A filter over lower-case words: whether a word in any case may be one
/// of them, from its first two bytes and its length, without lower-casing
/// or hashing it. It never turns away a listed word; it lets through
/// others that share a listed word's first byte, second byte and length.
/// The tests go from the cheapest to the one that needs a scan of the word
/// (the length, which lower-casing keeps only in ASCII): the first byte,
/// lower-cased when ASCII (a non-ASCII first byte always passes: "İ" and
/// the Kelvin sign lower-case to ASCII letters); then the second byte
/// when it and the first are ASCII (the lower-cased word's second byte is
/// then the lower-cased second byte, whatever follows); then the length,
/// for an ASCII word.
#[derive(Clone, Debug)]
pub struct WordFilter {
    /// Per lower-case ASCII first byte: bit `n` set when some word of that
    /// first byte is `n` bytes long (bit 63: 63 or more); 0 when no word
    /// starts with that byte.
    lens: [u64; 128],
    /// Per lower-case ASCII first byte: bit `b` set when some word starts
    /// with that byte then the ASCII byte `b`. Capitalised names pass the
    /// first and length tests often enough ("Mr", "Gen." and "Prime" let in
    /// every name of their first letter and length), and the length test
    /// lets through a tenth of a text's words (every 3-letter word starting
    /// with "s" when "say" is listed), to pay for this one.
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

/// The bit of [`WordFilter::lens`] for a word of `len` bytes.
fn len_bit(len: usize) -> u64 {
    1 << len.min(63)
}

impl WordFilter {
    /// A filter that lets no word through but the empty one and those
    /// that start with a non-ASCII byte.
    pub fn new() -> WordFilter {
        WordFilter { lens: [0; 128], second: [AsciiSet::default(); 128] }
    }

    /// Lets `lower`, a lower-case word, through.
    pub fn insert(&mut self, lower: &str) {
        let b = lower.as_bytes();
        if let Some(&b0) = b.first()
            && b0 < 0x80
        {
            self.lens[usize::from(b0)] |= len_bit(b.len());
            if let Some(&b1) = b.get(1) {
                self.second[usize::from(b0)].insert(b1);
            }
        }
    }

    /// Whether the word whose bytes are `w`, lower-cased, may be one that
    /// was inserted (true for the empty word). Runs for most words of a
    /// text.
    #[inline]
    pub fn may_contain(&self, w: &[u8]) -> bool {
        let Some(&b0) = w.first() else { return true };
        if b0 >= 0x80 {
            return true;
        }
        let b0 = usize::from(b0.to_ascii_lowercase());
        let lens = self.lens[b0];
        if lens == 0 {
            return false;
        }
        if let Some(&b1) = w.get(1)
            && b1 < 0x80
            && !self.second[b0].contains(b1.to_ascii_lowercase())
        {
            return false;
        }
        lens & len_bit(w.len()) != 0 || !w.is_ascii()
    }
}

impl Default for WordFilter {
    fn default() -> WordFilter {
        WordFilter::new()
    }
}

impl WordSet {
    /// An empty set.
    pub fn new() -> WordSet {
        WordSet { words: FastSet::default(), filter: WordFilter::new() }
    }

    /// Adds `word`, lower-cased.
    pub fn insert(&mut self, word: &str) {
        let mut lower = String::new();
        lower_into(word, &mut lower);
        self.filter.insert(&lower);
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
        if !self.filter.may_contain(b) {
            return false;
        }
        if b.len() <= STACK && word.is_ascii() {
            if !b.iter().any(u8::is_ascii_uppercase) {
                return self.words.contains(word);
            }
            let mut buf = [0u8; STACK];
            return lower_ascii_into(word, &mut buf).is_some_and(|l| self.words.contains(l));
        }
        // Rare: long, or not ASCII (a non-ASCII character may lower-case
        // to an ASCII one, as the Kelvin sign does to "k").
        let mut lower = String::new();
        lower_into(word, &mut lower);
        self.words.contains(lower.as_str())
    }
}

/// Lower-cases `s` into `buf` (cleared first), char by char: no
/// final-sigma rule, unlike `str::to_lowercase`, so a word lower-cases the
/// same wherever it stands. The layers call this for many tokens, with one
/// `buf` each, so there is no allocation per token.
pub fn lower_into(s: &str, buf: &mut String) {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        buf.extend(s.chars().flat_map(char::to_lowercase));
    }
}

/// Lower-cases an ASCII word into `buf` without allocating; `None` when it
/// is not ASCII or does not fit (callers size `buf` to the longest word
/// they look up, and lower-case the rest with [`lower_into`] or not at all).
pub fn lower_ascii_into<'b, const N: usize>(word: &str, buf: &'b mut [u8; N]) -> Option<&'b str> {
    if word.len() > N || !word.is_ascii() {
        return None;
    }
    let out = &mut buf[..word.len()];
    out.copy_from_slice(word.as_bytes());
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
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

    fn lower(word: &str) -> String {
        let mut buf = String::from("left over");
        lower_into(word, &mut buf);
        buf
    }

    #[test]
    fn lower_into_goes_char_by_char() {
        for w in ["", "abc", "MiXeD.", "ÉIRE", "İstanbul", "\u{212a}elvin", "ΣΑΣ", "Straße"] {
            let want: String = w.chars().flat_map(char::to_lowercase).collect();
            assert_eq!(lower(w), want, "{w}");
        }
    }

    #[test]
    fn lower_ascii_into_takes_short_ascii_words_only() {
        let mut buf = [0u8; 4];
        assert_eq!(lower_ascii_into("", &mut buf), Some(""));
        assert_eq!(lower_ascii_into("Mr.", &mut buf), Some("mr."));
        assert_eq!(lower_ascii_into("SEN.", &mut buf), Some("sen."));
        assert_eq!(lower_ascii_into("Gov.s", &mut buf), None);
        assert_eq!(lower_ascii_into("Éi", &mut buf), None);
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
