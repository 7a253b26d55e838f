//! Paragraphs and sentences for news copy.
//!
//! UAX #29 sentence boundaries break after every "Mr." and "U.S.", and know
//! nothing of the wire convention `“…,” he said.`; so sentences are found
//! over our own tokens instead. A sentence ends at a terminator (. ! ? … and
//! the CJK full stops), after any closing quotes and brackets, when what
//! follows could start a sentence. Paragraphs end at line breaks, except
//! where a line break looks like hard wrapping inside a sentence.

use std::ops::Range;

use super::lexicon::PERIODS;
use super::tokens::{Token, is_abbreviation};
use crate::doc::Label;

/// Paragraph byte ranges: non-blank stretches between line breaks, trimmed.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut blank_since_last = true;
    for line in lines(text) {
        let l = &text[line.clone()];
        let trimmed_start = line.start + (l.len() - l.trim_start().len());
        let trimmed_end = line.start + l.trim_end().len();
        if trimmed_start >= trimmed_end || text[trimmed_start..trimmed_end].chars().all(is_blank) {
            blank_since_last = true;
            continue;
        }
        let this = trimmed_start..trimmed_end;
        match out.last_mut() {
            Some(prev) if !blank_since_last && is_wrapped(&text[prev.clone()], &text[this.clone()]) => prev.end = this.end,
            _ => out.push(this),
        }
        blank_since_last = false;
    }
    out
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}')
}

/// A line that continues the previous one: the previous line stops mid
/// sentence and this one starts in lower case.
fn is_wrapped(prev: &str, next: &str) -> bool {
    let ends_open = prev.chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == ',' || c == '-');
    let starts_lower = next.chars().next().is_some_and(|c| c.is_lowercase());
    ends_open && starts_lower
}

/// Line ranges, split at \n, \r\n, \r, U+2028 and U+2029 (terminators excluded).
///
/// By bytes: every terminator is ASCII or starts with 0xC2 (U+0085) or 0xE2
/// (U+2028, U+2029), so nothing else needs decoding.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            // Eight bytes at a time while none is below 0x0E (the ASCII
            // terminators) or above 0x7F (the lead bytes of the others).
            if let Some(word) = bytes.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
                const LOW: u64 = 0x0101_0101_0101_0101;
                const HIGH: u64 = 0x8080_8080_8080_8080;
                let x = u64::from_ne_bytes(word);
                // A byte under 0x0E borrows into its high bit (exact when no
                // byte has its high bit set, which the `| x` rules out).
                if (x.wrapping_sub(LOW * 0x0E) | x) & HIGH == 0 {
                    i += 8;
                    continue;
                }
            }
            // One table load for the usual byte, which starts no terminator.
            if !LINE_START[bytes[i] as usize] {
                i += 1;
                continue;
            }
            let at = i;
            let len = match bytes[i] {
                b'\n' | b'\x0b' | b'\x0c' => 1,
                b'\r' => 1 + usize::from(bytes.get(i + 1) == Some(&b'\n')),
                0xC2 if bytes.get(i + 1) == Some(&0x85) => 2,
                0xE2 if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) => 3,
                _ => {
                    i += 1;
                    continue;
                }
            };
            i += len;
            let line = start..at;
            start = i;
            return Some(line);
        }
        if start <= text.len() {
            let line = start..text.len();
            start = text.len() + 1;
            return Some(line);
        }
        None
    })
}

/// The bytes a line terminator can start with (see [`lines`]).
const LINE_START: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\n' as usize] = true;
    t[0x0b] = true;
    t[0x0c] = true;
    t[b'\r' as usize] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    t
};

/// Words after which an initialism such as "U.S." or "p.m." ends the
/// sentence (`data/lexicon/periods.txt`).
const SENTENCE_STARTERS: [&str; PERIODS.count("starters")] = PERIODS.words("starters");

/// Sentence byte ranges within one paragraph, given its tokens.
pub fn sentences(text: &str, para: Range<usize>, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut sent_start: Option<usize> = None;
    let mut i = 0;
    while i < tokens.len() {
        let tok = tokens[i];
        let start = *sent_start.get_or_insert(tok.start);
        // Only punctuation and words that end in '.' can end a sentence:
        // most tokens are let go without slicing the text.
        let may_end = match tok.kind {
            Label::Punct => true,
            Label::Word => text.as_bytes().get(tok.end.wrapping_sub(1)) == Some(&b'.'),
            _ => false,
        };
        if !may_end {
            i += 1;
            continue;
        }
        let t = tok.text(text);
        if let Some(kind) = terminator(t, tok.kind) {
            // Absorb closing quotes and brackets.
            let mut j = i + 1;
            while j < tokens.len() && is_closer(tokens[j].text(text)) && closes(text, tokens, j) {
                j += 1;
            }
            let next = tokens.get(j);
            if ends_sentence(text, kind, t, next, i, tokens) {
                let end = tokens[j - 1].end;
                out.push(start..end);
                sent_start = None;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if let Some(start) = sent_start {
        let end = tokens.last().map_or(para.end, |t| t.end);
        out.push(start..end);
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Terminator {
    /// . ! ? … and their runs.
    Strong,
    /// CJK full stops: no space follows, and no case.
    Cjk,
    /// An abbreviation that took its period.
    Abbreviation,
}

fn terminator(t: &str, kind: Label) -> Option<Terminator> {
    if kind == Label::Punct {
        let c = t.chars().next()?;
        return match c {
            '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '؟' | '۔' => Some(Terminator::Strong),
            '。' | '！' | '？' | '｡' => Some(Terminator::Cjk),
            _ => None,
        };
    }
    (kind == Label::Word && t.len() > 1 && t.ends_with('.')).then_some(Terminator::Abbreviation)
}

/// A straight quote closes only when attached to what precedes it; one
/// after a space opens the next sentence (`asked. "Yes."`).
fn closes(text: &str, tokens: &[Token], j: usize) -> bool {
    let t = tokens[j].text(text);
    !(t == "\"" || t == "'") || tokens[j].start == tokens[j - 1].end
}

fn is_closer(t: &str) -> bool {
    matches!(t, "\"" | "”" | "’" | "'" | ")" | "]" | "}" | "»" | "›" | "」" | "』" | "）")
}

fn ends_sentence(text: &str, kind: Terminator, t: &str, next: Option<&Token>, i: usize, tokens: &[Token]) -> bool {
    let Some(next) = next else { return true };
    if kind == Terminator::Cjk {
        return true;
    }
    let n = next.text(text);
    let first = n.chars().next().unwrap_or(' ');
    let could_start = first.is_uppercase()
        || first.is_numeric()
        || "\"“‘'([«¿¡-—–•*".contains(first)
        || (first.is_alphabetic() && !first.is_lowercase()) // scripts without case
        || matches!(next.kind, Label::Emoji | Label::Hashtag | Label::Handle | Label::Url);
    if !could_start {
        return false;
    }
    match kind {
        Terminator::Strong => {
            // "No. 10": a bare "No" before "." and a number is an abbreviation.
            if t == "." && first.is_numeric() {
                let prev = i.checked_sub(1).map(|p| tokens[p].text(text));
                if prev.is_some_and(|p| is_abbreviation(p) && tokens[i - 1].end == tokens[i].start) {
                    return false;
                }
            }
            // "Roe v. Wade": a lower-case "v" before "." is "versus".
            if t == "." && i > 0 && tokens[i - 1].text(text) == "v" && tokens[i - 1].end == tokens[i].start {
                return false;
            }
            true
        }
        Terminator::Abbreviation => {
            let word = &t[..t.len() - 1];
            // Titles and months never end a sentence in practice ("Gen. Smith", "Jan. 3").
            if is_title_like(word) {
                return false;
            }
            // An initial ("J. Smith") does not either.
            if word.chars().count() == 1 {
                return false;
            }
            // "U.S.", "p.m.", "Inc.": only before a word that typically starts a sentence.
            SENTENCE_STARTERS.contains(&n) || "\"“‘".contains(first)
        }
        Terminator::Cjk => true,
    }
}

fn is_title_like(word: &str) -> bool {
    const TITLES: [&str; PERIODS.count("titles")] = PERIODS.words("titles");
    TITLES.iter().any(|t| t.eq_ignore_ascii_case(word))
}
