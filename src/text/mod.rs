//! The text foundation: paragraphs, sentences, tokens and offsets.
//!
//! Everything downstream (entities, quotes, hedges) reads a [`Segmentation`]
//! rather than the raw text, so that the news-specific decisions about
//! where words and sentences end are made once, here.

pub mod offsets;
pub mod sentences;
pub mod tokens;

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
    for (p, para) in sentences::paragraphs(text).into_iter().enumerate() {
        let first = seg.tokens.len();
        tokens::tokenize_into(text, para.clone(), &mut seg.tokens);
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
    seg
}

/// Counts whitespace-separated words that hold a letter or digit.
pub fn count_words(text: &str) -> usize {
    text.split(|c: char| c.is_whitespace()).filter(|w| w.chars().any(|c| c.is_alphanumeric())).count()
}

#[cfg(test)]
mod tests;
