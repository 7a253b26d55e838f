//! Closed-class entities found by rules: dates, times, money, percentages,
//! quantities, ordinals and cardinals, with normalized values.
//!
//! These classes are closed and regular ("$135 million", "March 3, 2024",
//! "45 percent"), so hand-written rules over tokens beat a statistical
//! tagger trained on little data, and they can say what the words mean:
//! `attrs` carry the number, the amount and ISO currency, the year, month
//! and day, the hour and minute, the unit. Spans follow the OntoNotes
//! conventions that spaCy's English models learned ("the first time" ->
//! ORDINAL "first"; "since January" -> DATE "January"; "the 1990s" and
//! "the past two years" -> DATE with "the"; "hundreds" -> CARDINAL;
//! ", 45," after a name and "aged 45" -> DATE, an age).
//!
//! How it works: each sentence's tokens get a lower-case key (`’` as `'`,
//! en dash as `-`): the token's own text when it is already lower-case
//! ASCII, else a copy in one string buffer reused for every sentence, so
//! there is no allocation per token. One left-to-right pass then tries, at
//! each token, the patterns that can start there and takes the first that
//! matches. Most words, capitalised or not, start none: a compile-time
//! Bloom filter over the words that can (`words::may_start`, checked by
//! the key's hash from the same pass that reads the case flags) skips them
//! without asking the word lists. A pattern may reach back over modifiers
//! ("the", "early", "mid-", "about", "more than") that no earlier match
//! used. Every pattern looks a bounded number of tokens ahead or back, so
//! the pass is linear in the text. Spans are sorted, never overlap, stay
//! inside a sentence and start and end on token boundaries.
//!
//! Numbers that are parts of names and identifiers are left alone, for the
//! name recognizer: phone numbers, "No. 10", "F-16", "COVID-19",
//! "\[3\]" references, coordinates, "Resolution 2334", "Boeing 737", "World
//! War Two", "the 101st Airborne Division" (a number right after, or an
//! ordinal right before, a capitalised word inside a sentence). In all-caps
//! headlines capitals say nothing, so those tests are off there.


mod dates;
mod money;
mod numbers;
mod scan;
mod words;

#[cfg(test)]
mod tests;

use crate::doc::{Attrs, Label, Value};
use crate::text::Segmentation;
use scan::{Scan, Tok, is_caps};

/// A closed-class entity: its byte range, label and normalized value.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// First byte, inclusive (a token start).
    pub start_byte: usize,
    /// Last byte, exclusive (a token end).
    pub end_byte: usize,
    /// DATE, TIME, MONEY, PERCENT, QUANTITY, ORDINAL or CARDINAL.
    pub label: Label,
    /// Normalized values: `value`, `amount`, `currency`, `year`, `month`,
    /// `day`, `iso`, `relative`, `hour`, `minute`, `unit`, ....
    pub attrs: Attrs,
}

/// Finds dates, times, money, percentages, quantities, ordinals and
/// cardinals in `text`, whose segmentation is `seg`. The result is sorted
/// by position; spans never overlap and lie on token boundaries.
pub fn find(text: &str, seg: &Segmentation) -> Vec<Found> {
    let mut out = Vec::new();
    // Buffers reused for every sentence: no allocation per token.
    let mut toks: Vec<Tok> = Vec::new();
    let mut keys = String::new();
    for range in &seg.sentence_tokens {
        let Some(sentence) = seg.tokens.get(range.clone()) else { continue };
        toks.clear();
        toks.reserve_exact(sentence.len());
        keys.clear();
        for t in sentence {
            let tok = Tok::new(text, t, &mut keys);
            toks.push(tok);
        }
        let first_word = toks.iter().position(|t| t.kind != Label::Punct).unwrap_or(0);
        let scan = Scan { t: &toks, text, keys: &keys, caps: is_caps(&toks), first_word };
        scan.run(&mut out);
    }
    out
}

/// A match: tokens `s..e` of the sentence; `label: None` consumes tokens
/// without making an entity (identifiers, phone numbers).
struct M {
    s: usize,
    e: usize,
    label: Option<Label>,
    attrs: Attrs,
}

impl M {
    fn new(s: usize, e: usize, label: Label) -> M {
        M { s, e, label: Some(label), attrs: Attrs::new() }
    }

    fn skip(s: usize, e: usize) -> M {
        M { s, e, label: None, attrs: Attrs::new() }
    }

    fn with(mut self, key: &'static str, v: impl Into<Value>) -> M {
        self.attrs.insert(key, v.into());
        self
    }

    fn num(self, key: &'static str, v: Option<f64>) -> M {
        match v {
            Some(v) => self.with(key, num_value(v)),
            None => self,
        }
    }
}

/// An integral value as `Int`, others as `Num`.
fn num_value(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 { Value::Int(v as i64) } else { Value::Num(v) }
}

/// A number read at some token.
#[derive(Clone, Copy, Debug)]
struct Num {
    /// Token after the number.
    e: usize,
    /// None for vague amounts ("hundreds").
    value: Option<f64>,
    /// Written with digits.
    digits: bool,
    /// One digit token with no comma, decimal point or scale.
    plain: bool,
    /// Digits before any decimal point.
    ndig: usize,
    /// Had a scale word ("million").
    scaled: bool,
}
