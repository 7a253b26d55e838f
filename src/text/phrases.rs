//! Multi-word phrase matching over tokens, for word lists such as the hedge
//! cues and the speech cues.
//!
//! Phrases are short (one to six words) and are matched against tokens, not
//! characters, so that "may" never matches inside "mayor" and the tokenizer's
//! decisions (possessives, hyphens) apply to lists and text alike. A hash map
//! from a phrase's first word to its phrases (longest first) makes the scan
//! one lookup per token; an automaton such as `aho-corasick` would not pay
//! for lists of a few hundred phrases. The lookup lower-cases into a reused
//! buffer, so there is no allocation per token.

use crate::doc::Label;
use crate::hash::FastMap;
use crate::text::Token;
use crate::text::words::{AsciiSet, WordFilter, lower_into};

/// One word of a phrase: a literal (lower case) or `*`, any one word.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Word {
    Lit(String),
    Any,
}


/// A set of phrases, each with a payload `T` (its class).
#[derive(Clone, Debug)]
pub struct PhraseSet<T> {
    by_first: FastMap<String, Phrases<T>>,
    /// The phrases' first words: almost every word of a text fails this,
    /// from its first two bytes and its length, before it is lower-cased
    /// and hashed.
    first: WordFilter,
}

/// The phrases that share a first word, longest first, and what their
/// second words can start with.
#[derive(Clone, Debug)]
struct Phrases<T> {
    list: Vec<(Vec<Word>, T)>,
    /// The first bytes of the phrases' second words ("is" starts nine
    /// hedges, and "is" is common: most of its uses fail on the next
    /// token's first byte, without comparing it with each phrase).
    second: AsciiSet,
    /// Some phrase is one word long, or its second word is `*` or starts
    /// with a non-ASCII byte: [`Phrases::second`] decides nothing.
    open: bool,
}

/// A match: how many tokens it covers and the phrase's payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'a, T> {
    /// Number of tokens matched, at least 1.
    pub len: usize,
    /// The payload of the phrase that matched.
    pub value: &'a T,
}

impl<T: Clone> PhraseSet<T> {
    /// Parses a word list: `#` comments, blank lines, `[section]` lines that
    /// `section` maps to the payload of the phrases below (sections it maps
    /// to `None` are skipped), and one phrase per line. A phrase whose first
    /// word is `*` is ignored: it could match anywhere.
    pub fn parse(src: &str, section: impl Fn(&str) -> Option<T>) -> PhraseSet<T> {
        let mut by_first: FastMap<String, Phrases<T>> = FastMap::default();
        let mut current: Option<T> = None;
        for line in src.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                current = section(name.trim());
                continue;
            }
            let Some(value) = current.clone() else { continue };
            let words: Vec<Word> = line
                .split_whitespace()
                .map(|w| if w == "*" { Word::Any } else { Word::Lit(w.to_lowercase()) })
                .collect();
            let Some(Word::Lit(first)) = words.first() else { continue };
            by_first
                .entry(first.clone())
                .or_insert_with(|| Phrases { list: Vec::new(), second: AsciiSet::default(), open: false })
                .list
                .push((words, value));
        }
        for phrases in by_first.values_mut() {
            // Longest first.
            crate::sort::sort_by_key(&mut phrases.list, |p| !p.0.len() as u128);
            for (words, _) in &phrases.list {
                match words.get(1) {
                    Some(Word::Lit(l)) if l.as_bytes()[0] < 0x80 => phrases.second.insert(l.as_bytes()[0]),
                    _ => phrases.open = true,
                }
            }
        }
        let mut first = WordFilter::new();
        for k in by_first.keys() {
            first.insert(k);
        }
        PhraseSet { by_first, first }
    }

    /// The longest phrase that starts at token `i`, if any. `buf` is scratch
    /// space reused across calls.
    pub fn longest_at<'s>(&'s self, text: &str, tokens: &[Token], i: usize, buf: &mut String) -> Option<Match<'s, T>> {
        let first = tokens.get(i)?;
        if !is_wordish(first) {
            return None;
        }
        if !self.first.may_contain(text.as_bytes().get(first.start()..first.end())?) {
            return None;
        }
        let word = first.text(text);
        lower_into(word, buf);
        let phrases = self.by_first.get(buf.as_str())?;
        // A second word is compared ignoring ASCII case: its first byte,
        // lower-cased, must be one that a second word starts with.
        if !phrases.open
            && !tokens
                .get(i + 1)
                .and_then(|t| text.as_bytes().get(t.start()))
                .is_some_and(|&b| phrases.second.contains(b.to_ascii_lowercase()))
        {
            return None;
        }
        'phrases: for (words, value) in &phrases.list {
            if i + words.len() > tokens.len() {
                continue;
            }
            for (k, w) in words.iter().enumerate().skip(1) {
                let t = &tokens[i + k];
                match w {
                    Word::Any => {
                        if !is_wordish(t) {
                            continue 'phrases;
                        }
                    }
                    Word::Lit(lit) => {
                        if !t.text(text).eq_ignore_ascii_case(lit) {
                            continue 'phrases;
                        }
                    }
                }
            }
            return Some(Match { len: words.len(), value });
        }
        None
    }
}

/// Whether a token can be a word of a phrase (words, numbers, and the
/// abbreviations the tokenizer keeps with their period).
fn is_wordish(t: &Token) -> bool {
    matches!(t.kind(), Label::Word | Label::Number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    fn set() -> PhraseSet<u8> {
        PhraseSet::parse(
            "# c\n[a]\ncould\ncould not be verified\nno * is finalized\n[skip]\nignored\n[b]\ninclined to\n* bad\n",
            |s| match s {
                "a" => Some(1),
                "b" => Some(2),
                _ => None,
            },
        )
    }

    fn all(text: &str) -> Vec<(String, u8)> {
        let toks = tokenize(text);
        let s = set();
        let mut buf = String::new();
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if let Some(m) = s.longest_at(text, &toks, i, &mut buf) {
                out.push((text[toks[i].start()..toks[i + m.len - 1].end()].to_string(), *m.value));
                i += m.len;
            } else {
                i += 1;
            }
        }
        out
    }

    #[test]
    fn longest_match_wins_and_case_is_ignored() {
        assert_eq!(
            all("It Could not be verified, but it could."),
            vec![("Could not be verified".to_string(), 1), ("could".to_string(), 1)]
        );
    }

    #[test]
    fn upper_case_words_pass_the_byte_filters() {
        assert_eq!(all("IT COULD."), vec![("COULD".to_string(), 1)]);
        assert_eq!(all("cOuld INCLINED TO"), vec![("cOuld".to_string(), 1), ("INCLINED TO".to_string(), 2)]);
        // Same first byte and length as "could", another second byte.
        assert!(all("crowd clown").is_empty());
    }

    #[test]
    fn wildcard_matches_one_word_only() {
        assert_eq!(all("no deal is finalized"), vec![("no deal is finalized".to_string(), 1)]);
        assert!(all("no big deal is finalized").is_empty());
    }

    #[test]
    fn skipped_sections_and_leading_wildcards_are_ignored() {
        assert!(all("ignored bad").is_empty());
        assert_eq!(all("groups inclined to comply"), vec![("inclined to".to_string(), 2)]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// The byte filters never turn away a word whose lower-cased form
        /// starts a phrase: every case mix of the listed first words, and
        /// random ASCII and Unicode words, some of which lower-case to
        /// other lengths or to ASCII ("İ", the Kelvin sign).
        #[test]
        fn filters_pass_every_word_that_starts_a_phrase(
            word in "([a-zA-Z]{1,12}|[cCiInN\u{212a}İ][a-zA-Z\u{130}\u{212a}é]{0,8}|\\PC{1,6})",
            flips in proptest::collection::vec(proptest::prelude::any::<bool>(), 0..24),
        ) {
            let s = PhraseSet::parse(
                "[a]\ncould\ninclined to\nno * is finalized\nkelvin\ni\u{307}stanbul\n\u{e9}tat\nir\n",
                |_| Some(1u8),
            );
            let mut buf = String::new();
            lower_into(&word, &mut buf);
            if s.by_first.contains_key(buf.as_str()) {
                proptest::prop_assert!(s.first.may_contain(word.as_bytes()));
            }
            for key in s.by_first.keys() {
                let mixed: String = key
                    .chars()
                    .zip(flips.iter().chain(std::iter::repeat(&false)))
                    .map(|(c, &up)| if up { c.to_uppercase().collect::<String>() } else { c.to_string() })
                    .collect();
                proptest::prop_assert!(s.first.may_contain(mixed.as_bytes()), "{:?}", mixed);
            }
        }
    }

    /// [`PhraseSet::longest_at`] without the byte filters: lower-case the
    /// word, look it up, try each phrase.
    fn longest_unfiltered(s: &PhraseSet<u8>, text: &str, tokens: &[Token], i: usize) -> Option<(usize, u8)> {
        let first = tokens.get(i).filter(|t| is_wordish(t))?;
        let mut buf = String::new();
        lower_into(first.text(text), &mut buf);
        s.by_first.get(buf.as_str())?.list.iter().find_map(|(words, value)| {
            let fits = i + words.len() <= tokens.len()
                && words.iter().enumerate().skip(1).all(|(k, w)| match w {
                    Word::Any => is_wordish(&tokens[i + k]),
                    Word::Lit(lit) => tokens[i + k].text(text).eq_ignore_ascii_case(lit),
                });
            fits.then_some((words.len(), *value))
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Matches over texts made of the listed words (in any case) and
        /// others are those of the unfiltered lookup.
        #[test]
        fn filtered_matches_equal_unfiltered(
            words in proptest::collection::vec(
                "(is|IS|Is|no|NO|not|Not|yet|SURE|Sure|could|be|BE|verified|Verified|inclined|to|TO|tO|deal|finalized|é|\\PC{1,4}|[a-zA-Z]{1,4}|[ ,.’'-])",
                0..14,
            ),
            spaces in proptest::collection::vec(proptest::prelude::any::<bool>(), 0..14),
        ) {
            let s = PhraseSet::parse(
                "[a]\ncould\ncould not be verified\nno * is finalized\nis expected to\nis not\nis é\nnot yet\nnot sure\n[b]\ninclined to\nno deal\n",
                |sec| match sec { "a" => Some(1u8), "b" => Some(2), _ => None },
            );
            let mut text = String::new();
            for (k, w) in words.iter().enumerate() {
                text.push_str(w);
                if spaces.get(k).copied().unwrap_or(true) {
                    text.push(' ');
                }
            }
            let toks = tokenize(&text);
            let mut buf = String::new();
            for i in 0..toks.len() {
                let got = s.longest_at(&text, &toks, i, &mut buf).map(|m| (m.len, *m.value));
                proptest::prop_assert_eq!(got, longest_unfiltered(&s, &text, &toks, i), "{:?} at {}", text, i);
            }
        }
    }

    #[test]
    fn words_do_not_match_inside_longer_words() {
        assert!(all("the mayor maybe").is_empty());
        assert!(all("the couldron").is_empty());
    }
}
