//! The quotes layer's closed lists of function words (pronouns, name
//! particles, the words that stop a subject or a noun phrase, the words
//! around reported content), kept as plain text in
//! `data/lexicon/quote_words.txt` so they can be read and changed without
//! reading the code.
//!
//! The file is compiled in and parsed once, into one sorted slice per
//! section that borrows the file's text. The lists are short and asked
//! for lower-cased words on hot paths, so a lookup is a binary search over
//! a few dozen `&str`s: no hashing, no allocation, no more lower-casing than
//! the callers already do.

use std::sync::OnceLock;

const QUOTE_WORDS: &str = include_str!("../../data/lexicon/quote_words.txt");

/// A closed list of lower-case words.
#[derive(Debug, Default)]
pub struct WordList(Box<[&'static str]>);

impl WordList {
    /// Whether `lower`, already lower case, is in the list.
    #[inline]
    pub fn contains(&self, lower: &str) -> bool {
        self.0.binary_search(&lower).is_ok()
    }

    /// The words, sorted.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().copied()
    }
}

/// The sections of `quote_words.txt`, each one list (what each is for is
/// in the file).
#[derive(Debug, Default)]
pub struct QuoteWords {
    /// Pronouns that can be speakers.
    pub pronouns: WordList,
    /// Lower-case particles inside names ("al-Sudani", "de la").
    pub particles: WordList,
    /// Words that start a modifier chunk, never a subject.
    pub modifier_starts: WordList,
    /// Words that close a clause's left edge when scanning back for a subject.
    pub clause_stops: WordList,
    /// Subordinators that make the cue's clause end at the next comma.
    pub subordinators: WordList,
    /// Auxiliaries and adverbs between a subject and its cue.
    pub aux: WordList,
    /// Words that end a noun phrase after an inverted cue.
    pub np_stops: WordList,
    /// Words after "told" that are its object.
    pub told_objects: WordList,
    /// Words after a cue that make it the end of its sentence.
    pub adverbial_starts: WordList,
    /// Conjunctions that open the clause of a second cue.
    pub clause_ends: WordList,
    /// Adverbials of time or manner right after a cue, skipped.
    pub leading_adverbs: WordList,
    /// Words before a cue verb that belong to the cue ("has also said").
    pub cue_before: WordList,
    /// Time words after a cue verb that belong to the cue ("said Tuesday").
    pub cue_after: WordList,
    /// Media after "in a" or "on" that belong to the cue ("in a statement").
    pub cue_media: WordList,
    /// Words after which a verb is not a cue of speech ("was told", "to say").
    pub cue_blockers: WordList,
}

/// The parsed lists.
pub fn quote_words() -> &'static QuoteWords {
    static W: OnceLock<QuoteWords> = OnceLock::new();
    W.get_or_init(|| parse(QUOTE_WORDS).0)
}

/// Parses the file's text; also returns the section names it did not know
/// (for the test; at run time they are ignored, never a panic).
fn parse(text: &'static str) -> (QuoteWords, Vec<&'static str>) {
    let mut w = QuoteWords::default();
    let mut unknown = Vec::new();
    let mut section: Option<&mut WordList> = None;
    let mut words: Vec<&'static str> = Vec::new();
    let finish = |list: Option<&mut WordList>, words: &mut Vec<&'static str>| {
        if let Some(list) = list {
            words.sort_unstable();
            words.dedup();
            list.0 = std::mem::take(words).into_boxed_slice();
        }
        words.clear();
    };
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            finish(section.take(), &mut words);
            section = match name {
                "pronouns" => Some(&mut w.pronouns),
                "particles" => Some(&mut w.particles),
                "modifier_starts" => Some(&mut w.modifier_starts),
                "clause_stops" => Some(&mut w.clause_stops),
                "subordinators" => Some(&mut w.subordinators),
                "aux" => Some(&mut w.aux),
                "np_stops" => Some(&mut w.np_stops),
                "told_objects" => Some(&mut w.told_objects),
                "adverbial_starts" => Some(&mut w.adverbial_starts),
                "clause_ends" => Some(&mut w.clause_ends),
                "leading_adverbs" => Some(&mut w.leading_adverbs),
                "cue_before" => Some(&mut w.cue_before),
                "cue_after" => Some(&mut w.cue_after),
                "cue_media" => Some(&mut w.cue_media),
                "cue_blockers" => Some(&mut w.cue_blockers),
                _ => {
                    unknown.push(name);
                    None
                }
            };
            continue;
        }
        words.extend(line.split_whitespace());
    }
    finish(section, &mut words);
    (w, unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_is_known_non_empty_and_lower_case() {
        let (w, unknown) = parse(QUOTE_WORDS);
        assert!(unknown.is_empty(), "unknown sections in quote_words.txt: {unknown:?}");
        let lists = [
            &w.pronouns,
            &w.particles,
            &w.modifier_starts,
            &w.clause_stops,
            &w.subordinators,
            &w.aux,
            &w.np_stops,
            &w.told_objects,
            &w.adverbial_starts,
            &w.clause_ends,
            &w.leading_adverbs,
            &w.cue_before,
            &w.cue_after,
            &w.cue_media,
        ];
        for list in lists {
            assert!(list.iter().next().is_some(), "an empty section in quote_words.txt");
            assert!(list.iter().all(|x| x.to_lowercase() == x), "upper case in quote_words.txt");
        }
    }

    #[test]
    fn lookups_find_listed_words_only() {
        let w = quote_words();
        assert!(w.aux.contains("has") && w.aux.contains("previously"));
        assert!(!w.aux.contains("Has") && !w.aux.contains("said") && !w.aux.contains(""));
        assert!(w.pronouns.contains("i") && !w.pronouns.contains("you"));
        // A subordinator also closes a clause (subjects.rs asks in that order).
        assert!(w.subordinators.iter().all(|x| w.clause_stops.contains(x)));
    }

    #[test]
    fn sections_are_parsed_apart_and_sorted() {
        let (w, unknown) = parse("# c\n[aux]\nb a\nc\n[odd]\nx\n[pronouns]\nhe\n");
        assert_eq!(w.aux.iter().collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(w.pronouns.iter().collect::<Vec<_>>(), ["he"]);
        assert_eq!(unknown, ["odd"]);
        assert!(w.np_stops.iter().next().is_none());
    }
}
