//! The text foundation: paragraphs, sentences, tokens and offsets.
//!
//! Everything downstream (entities, quotes, hedges) reads a [`Segmentation`]
//! rather than the raw text, so that the news-specific decisions about
//! where words and sentences end are made once, here.

mod lexicon;
pub mod offsets;
pub mod phrases;
pub mod sentences;
pub mod tokens;
pub mod words;

use std::ops::Range;

pub use offsets::OffsetIndex;
pub use tokens::Token;

/// Paragraphs, sentences and tokens of a text, as byte ranges.
#[derive(Clone, Debug, Default)]
pub struct Segmentation {
    /// Paragraph byte ranges, in order.
    pub paragraphs: Vec<Range<usize>>,
    /// Sentence byte ranges, in order; each inside one paragraph.
    pub sentences: Vec<Range<usize>>,
    /// For each sentence, the range of its tokens in `tokens`.
    pub sentence_tokens: Vec<Range<usize>>,
    /// For each sentence, the index of its paragraph.
    pub sentence_paragraph: Vec<usize>,
    /// All tokens, in order; each inside one sentence.
    pub tokens: Vec<Token>,
    /// Whitespace-separated words that hold a letter or digit (as
    /// [`count_words`] has them), counted by the tokenizer as it reads.
    pub words: usize,
}

impl Segmentation {
    /// The tokens of sentence `s`.
    pub fn sentence_tokens(&self, s: usize) -> &[Token] {
        &self.tokens[self.sentence_tokens[s].clone()]
    }
}

/// Segments `text` into paragraphs, sentences and tokens.
pub fn segment(text: &str) -> Segmentation {
    let mut seg = Segmentation::default();
    // News runs ~5 bytes a token; a little over that saves the doubling
    // (and the copy that briefly holds both) on a long text.
    seg.tokens.reserve(text.len() / 4 + 16);
    // Only whitespace and blank lines lie between paragraphs, so each
    // paragraph ends a word and nothing outside one holds a letter or digit.
    let mut words = WordCount::default();
    for (p, para) in sentences::paragraphs(text).into_iter().enumerate() {
        let first = seg.tokens.len();
        tokens::tokenize_into(text, para.clone(), &mut seg.tokens, &mut words);
        words.space();
        let para_tokens = &seg.tokens[first..];
        let mut t = first;
        for sent in sentences::sentences(text, para.clone(), para_tokens) {
            let t0 = t;
            while t < seg.tokens.len() && seg.tokens[t].end <= sent.end {
                t += 1;
            }
            seg.sentences.push(sent);
            seg.sentence_tokens.push(t0..t);
            seg.sentence_paragraph.push(p);
        }
        seg.paragraphs.push(para);
    }
    // Give back the estimate's slack (an in-place shrink): the tokens live
    // through every later layer, and wasm memory never shrinks.
    seg.tokens.shrink_to_fit();
    seg.words = words.total();
    seg
}

/// Counts whitespace-separated words that hold a letter or digit.
pub fn count_words(text: &str) -> usize {
    count_chars_and_words(text).1
}

/// Code points, and whitespace-separated words that hold a letter or digit,
/// decoding only the non-ASCII characters.
pub fn count_chars_and_words(text: &str) -> (usize, usize) {
    let mut words = WordCount::default();
    words.feed(text);
    (text.chars().count(), words.total())
}

/// A count of whitespace-separated words that hold a letter or digit, fed
/// the text a piece at a time: the tokenizer already knows where ASCII
/// whitespace is and which chunks hold a letter or digit, so it reports
/// those ([`WordCount::space`], [`WordCount::alnum`]) and feeds only the
/// chunks with other characters through [`WordCount::feed`], sparing a
/// second pass over the text.
#[derive(Clone, Copy, Debug, Default)]
pub struct WordCount {
    /// Words ended so far.
    words: usize,
    /// Whether the word being read holds a letter or digit yet.
    in_word: bool,
}

impl WordCount {
    /// Whitespace: ends the word being read.
    #[inline]
    pub fn space(&mut self) {
        self.words += usize::from(self.in_word);
        self.in_word = false;
    }

    /// A letter or digit in the word being read.
    #[inline]
    pub fn alnum(&mut self) {
        self.in_word = true;
    }

    /// Reads `text`, char by char where it is not ASCII.
    pub fn feed(&mut self, text: &str) {
        // 0: other, 1: ASCII whitespace, 2: ASCII letter or digit, 3: non-ASCII.
        const CLASS: [u8; 256] = {
            let mut t = [0u8; 256];
            let mut b = 0;
            while b < 256 {
                t[b] = match b as u8 {
                    b' ' | b'\t'..=b'\r' => 1,
                    b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z' => 2,
                    0x80.. => 3,
                    _ => 0,
                };
                b += 1;
            }
            t
        };
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match CLASS[bytes[i] as usize] {
                1 => {
                    self.space();
                    i += 1;
                }
                3 => {
                    let Some(c) = text[i..].chars().next() else { break };
                    i += c.len_utf8();
                    if c.is_whitespace() {
                        self.space();
                    } else if c.is_alphanumeric() {
                        self.alnum();
                    }
                }
                _ => {
                    // A run of ASCII non-space bytes in a tight loop (classes 1
                    // and 3 are the odd ones), noting whether it held a letter
                    // or digit (class 2).
                    let mut seen = 0;
                    while i < bytes.len() {
                        let c = CLASS[bytes[i] as usize];
                        if c & 1 != 0 {
                            break;
                        }
                        seen |= c;
                        i += 1;
                    }
                    self.in_word |= seen != 0;
                }
            }
        }
    }

    /// The words counted, the one being read included.
    pub fn total(self) -> usize {
        self.words + usize::from(self.in_word)
    }
}

#[cfg(test)]
mod tests;
