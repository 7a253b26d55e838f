//! Tokens for news: UAX #29 word boundaries, adapted.
//!
//! `unicode-segmentation` gives the Unicode word boundaries (so emoji
//! sequences, flags, combining marks, Arabic and CJK are handled by the
//! standard, not by tables of ours). News needs a few changes on top:
//! web addresses, e-mail addresses, hashtags and handles are single tokens;
//! abbreviations and initials keep their period ("U.S.", "Gen.", "J.");
//! possessives and contractions split off ("Iraq" + "’s"); runs of periods
//! and dashes are one token ("...", "--"); hyphens stand alone, so that
//! "Iranian-backed" yields "Iranian".

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::doc::Label;

/// A token: a byte range of the text and what kind of thing it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// First byte, inclusive.
    pub start: usize,
    /// Last byte, exclusive.
    pub end: usize,
    /// word, number, punct, symbol, emoji, url, email, hashtag or handle.
    pub kind: Label,
}

impl Token {
    /// The token's byte range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The token's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Abbreviations that keep their period. Lower-cased, without the period.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "cmdr", "adm",
    "maj", "brig", "cpl", "pvt", "rev", "hon", "pres", "supt", "insp", "det", "st", "mt", "ft", "ave", "blvd",
    "rd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
    "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "inc", "corp", "ltd", "co", "bros", "jr", "sr", "vs",
    "etc", "no", "nos", "vol", "fig", "approx", "dept", "est", "govt", "univ", "assn", "ala", "ariz", "ark",
    "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la", "md", "mass", "mich",
    "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "va", "vt", "wash", "wis", "wyo",
];

/// Whether `word` (without its period) is an abbreviation that takes one.
pub fn is_abbreviation(word: &str) -> bool {
    word.len() <= 6 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Splits `text[range]` into tokens, appending to `out`.
pub fn tokenize_into(text: &str, range: Range<usize>, out: &mut Vec<Token>) {
    let mut pos = range.start;
    while pos < range.end {
        let rest = &text[pos..range.end];
        if let Some((len, kind)) = special_at(rest, pos == 0 || is_boundary_before(text, pos)) {
            out.push(Token { start: pos, end: pos + len, kind });
            pos += len;
            continue;
        }
        // Plain run up to the next possible special token start.
        let run_end = next_special_start(text, pos, range.end);
        split_plain(text, pos, run_end, out);
        pos = run_end;
    }
}

/// Splits a whole text into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, 0..text.len(), &mut out);
    out
}

fn is_boundary_before(text: &str, pos: usize) -> bool {
    text[..pos].chars().next_back().is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '{' | '<' | '"' | '\'' | '“' | '‘'))
}

/// Where, after `pos`, the next URL, e-mail, hashtag or handle begins (or
/// `end`). Only chunk starts are tried, so the scan stays linear.
fn next_special_start(text: &str, pos: usize, end: usize) -> usize {
    let mut iter = text[pos..end].char_indices();
    iter.next(); // the current position was tried already
    for (off, c) in iter {
        let i = pos + off;
        if (c.is_ascii_alphanumeric() || c == '#' || c == '@')
            && is_boundary_before(text, i)
            && special_at(&text[i..end], true).is_some()
        {
            return i;
        }
    }
    end
}

/// A URL, e-mail address, hashtag or handle at the start of `s`, with its length.
fn special_at(s: &str, at_boundary: bool) -> Option<(usize, Label)> {
    if !at_boundary {
        return None;
    }
    let chunk_len = s.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '“' | '”' | '‘' | '’' | '(' | ')' | '[' | ']' | '{' | '}')).unwrap_or(s.len());
    let chunk = &s[..chunk_len];
    let lower_starts = |p: &str| chunk.len() > p.len() && chunk.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    if lower_starts("https://") || lower_starts("http://") || lower_starts("www.") {
        let len = trim_trailing_punct(chunk);
        if len > 4 {
            return Some((len, Label::Url));
        }
    }
    if let Some(rest) = chunk.strip_prefix('#') {
        let n = word_chars_len(rest);
        if n > 0 && rest[..n].chars().any(|c| c.is_alphabetic()) {
            return Some((1 + n, Label::Hashtag));
        }
        return None;
    }
    if let Some(rest) = chunk.strip_prefix('@') {
        let n = word_chars_len(rest);
        if n > 0 {
            return Some((1 + n, Label::Handle));
        }
        return None;
    }
    let at = chunk.find('@')?;
    let local = &chunk[..at];
    let domain_len = trim_trailing_punct(&chunk[at + 1..]);
    let domain = &chunk[at + 1..at + 1 + domain_len];
    let local_ok = !local.is_empty() && local.chars().all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && domain.chars().all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
        && domain.rsplit('.').next().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    (local_ok && domain_ok).then_some((at + 1 + domain_len, Label::Email))
}

fn word_chars_len(s: &str) -> usize {
    s.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(s.len())
}

/// Length of `chunk` without trailing sentence punctuation.
fn trim_trailing_punct(chunk: &str) -> usize {
    chunk.trim_end_matches(|c: char| ".,;:!?'’".contains(c)).len()
}

/// Tokenizes a stretch with no special tokens, by UAX #29 word bounds.
fn split_plain(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let piece = &text[start..end];
    let first = out.len();
    for (off, seg) in piece.split_word_bound_indices() {
        let s = start + off;
        push_segment(text, s, s + seg.len(), out);
    }
    merge_runs(text, first, out);
}

fn classify(seg: &str) -> Option<Label> {
    let mut chars = seg.chars();
    let c = chars.next()?;
    if seg.chars().all(|c| c.is_whitespace() || c.is_control() || is_invisible(c)) {
        return None;
    }
    if seg.chars().any(|c| c.is_alphabetic()) {
        return Some(Label::Word);
    }
    if seg.chars().any(|c| c.is_numeric()) {
        return Some(Label::Number);
    }
    if is_emoji(c) || seg.chars().any(|c| c == '\u{200d}' || c == '\u{fe0f}') && seg.chars().any(is_emoji) {
        return Some(Label::Emoji);
    }
    if seg.chars().any(is_emoji) {
        return Some(Label::Emoji);
    }
    if seg.chars().all(|c| "$€£¥₹₽%+=<>^|~°©®™§¶&*/\\#@`".contains(c) || is_symbol(c)) {
        return Some(Label::Symbol);
    }
    Some(Label::Punct)
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{00ad}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x2300..=0x23FF)
}

fn is_symbol(c: char) -> bool {
    matches!(c as u32, 0x20A0..=0x20CF | 0x2100..=0x214F | 0x2190..=0x22FF | 0x25A0..=0x25FF)
}

/// Pushes one UAX #29 segment, splitting possessives and contractions off words.
fn push_segment(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    let seg = &text[s..e];
    let Some(kind) = classify(seg) else { return };
    if kind == Label::Word {
        if let Some(split) = clitic_split(seg) {
            out.push(Token { start: s, end: s + split, kind: Label::Word });
            out.push(Token { start: s + split, end: e, kind: Label::Word });
            return;
        }
    }
    out.push(Token { start: s, end: e, kind });
}

/// Byte index where a clitic ("’s", "n't", "'re") starts, if the word ends in
/// one. Called for every word, so it allocates nothing and returns at once
/// for words without an apostrophe.
fn clitic_split(word: &str) -> Option<usize> {
    const CLITICS: &[&str] = &["n't", "n’t", "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m"];
    let bytes = word.as_bytes();
    // Both apostrophes: ' is 0x27, ’ is E2 80 99.
    if !bytes.iter().any(|&b| b == b'\'' || b == 0x99) {
        return None;
    }
    for clitic in CLITICS {
        if word.len() <= clitic.len() {
            continue;
        }
        let at = word.len() - clitic.len();
        let tail = &bytes[at..];
        if word.is_char_boundary(at)
            && tail.eq_ignore_ascii_case(clitic.as_bytes())
            && word[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric())
        {
            // "can't" -> "ca" + "n't", like spaCy.
            return Some(at);
        }
    }
    None
}

/// Merges, among `out[first..]`: abbreviations with their period, runs of
/// periods or dashes, and initialisms ("U.S" + ".").
fn merge_runs(text: &str, first: usize, out: &mut Vec<Token>) {
    let mut merged: Vec<Token> = Vec::with_capacity(out.len() - first);
    for tok in out.drain(first..) {
        if let Some(prev) = merged.last_mut() {
            let adjacent = prev.end == tok.start;
            let t = &text[tok.start..tok.end];
            let p = &text[prev.start..prev.end];
            if adjacent && t == "." && prev.kind == Label::Word && takes_period(p) {
                prev.end = tok.end;
                continue;
            }
            if adjacent && prev.kind == Label::Punct && is_run_char(t) && p.chars().all(|c| c == t.chars().next().unwrap_or(' ')) {
                prev.end = tok.end;
                continue;
            }
        }
        merged.push(tok);
    }
    out.extend(merged);
}

fn is_run_char(t: &str) -> bool {
    t == "." || t == "-" || t == "—" || t == "–" || t == "!" || t == "?"
}

/// Whether a word token followed directly by "." keeps the period.
fn takes_period(word: &str) -> bool {
    // Initialisms with inner periods: "U.S", "p.m", "e.g".
    if word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2 && !p.is_empty()) {
        return true;
    }
    // A single capital letter: an initial ("J. Smith").
    let mut cs = word.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        return c.is_uppercase();
    }
    is_abbreviation(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn news_tokens() {
        assert_eq!(toks("Iraq’s U.S. allies"), ["Iraq", "’s", "U.S.", "allies"]);
        assert_eq!(toks("Iraq's"), ["Iraq", "'s"]);
        assert_eq!(toks("Iranian-backed al-Sudani"), ["Iranian", "-", "backed", "al", "-", "Sudani"]);
        assert_eq!(toks("$1,000.50 and 3.5%"), ["$", "1,000.50", "and", "3.5", "%"]);
        assert_eq!(toks("Gen. J. Smith at 5 p.m. on Jan. 3"), ["Gen.", "J.", "Smith", "at", "5", "p.m.", "on", "Jan.", "3"]);
        assert_eq!(toks("wait... no -- yes"), ["wait", "...", "no", "--", "yes"]);
        assert_eq!(toks("don't"), ["do", "n't"]);
    }

    #[test]
    fn web_tokens() {
        assert_eq!(
            toks("See https://example.com/a?b=1, mail news@example.org or #Iraq @Reuters."),
            ["See", "https://example.com/a?b=1", ",", "mail", "news@example.org", "or", "#Iraq", "@Reuters", "."]
        );
        let t = tokenize("x www.reuters.com.");
        assert_eq!(t[1].kind, Label::Url);
    }

    #[test]
    fn unicode_tokens() {
        assert_eq!(toks("👨‍👩‍👧 🇮🇶 ok"), ["👨‍👩‍👧", "🇮🇶", "ok"]);
        assert_eq!(tokenize("👨‍👩‍👧")[0].kind, Label::Emoji);
        assert_eq!(toks("a\u{200b}b"), ["a", "b"]);
        assert_eq!(toks("العراق بغداد"), ["العراق", "بغداد"]);
        assert!(toks("北京是中国的首都").len() >= 4);
        assert_eq!(toks("\0\r\n"), Vec::<&str>::new());
    }
}
