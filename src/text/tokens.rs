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

use super::WordCount;
use super::lexicon::PERIODS;
pub use crate::doc::Token;
use crate::doc::Label;

/// Abbreviations that keep their period (`data/lexicon/periods.txt`, read
/// at compile time). Lower-cased, without the period.
const ABBREVIATIONS: [&str; PERIODS.count("abbreviations")] = PERIODS.words("abbreviations");

/// Whether `word` (without its period) is an abbreviation that takes one.
/// (Asked only of a word before a period: kept out of the loops that
/// inline their callees.)
#[inline(never)]
pub fn is_abbreviation(word: &str) -> bool {
    if word.len() > 6 {
        return false;
    }
    // Lower-cased once, then compared as bytes (a length test rejects most).
    let mut buf = [0u8; 6];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    // Only the entries with the word's first byte are compared (a scan of
    // the whole list cost 500 instructions a call).
    let Some(letter) = lower.first().and_then(|b| b.checked_sub(b'a')) else { return false };
    let Some(words) = ABBREVIATIONS_BY_FIRST.get(usize::from(letter)) else { return false };
    for (w, &word) in words.iter().enumerate() {
        let mut m = word;
        while m != 0 {
            let k = 64 * w + m.trailing_zeros() as usize;
            if ABBREVIATIONS.get(k).is_some_and(|a| a.as_bytes() == &*lower) {
                return true;
            }
            m &= m - 1;
        }
    }
    false
}

/// Per first letter a-z, bit `k` (of 128, in two words) set when
/// `ABBREVIATIONS[k]` starts with it.
const ABBREVIATIONS_BY_FIRST: [[u64; 2]; 26] = {
    assert!(ABBREVIATIONS.len() <= 128);
    let mut t = [[0u64; 2]; 26];
    let mut k = 0;
    while k < ABBREVIATIONS.len() {
        let w = ABBREVIATIONS[k].as_bytes();
        assert!(w.len() <= 6, "an abbreviation over 6 letters (is_abbreviation's buffer)");
        let mut i = 0;
        while i < w.len() {
            assert!(w[i].is_ascii_lowercase(), "an abbreviation that is not lower-case ASCII letters");
            i += 1;
        }
        let b0 = w[0];
        t[(b0 - b'a') as usize][k / 64] |= 1 << (k % 64);
        k += 1;
    }
    t
};

/// Splits `text[range]` into tokens, appending to `out`, and counts its
/// words into `words` (the range does not end a word: the caller says where
/// whitespace lies outside it).
pub fn tokenize_into(text: &str, range: Range<usize>, out: &mut Vec<Token>, words: &mut WordCount) {
    let mut pos = range.start;
    while pos < range.end {
        let rest = &text[pos..range.end];
        if let Some((len, kind)) = special_at(rest, boundary_before_at(text, pos)) {
            // No whitespace inside; a letter or digit in all but a handle
            // of underscores ("@_").
            if kind != Label::Handle || rest.as_bytes()[1..len].iter().any(|&b| b != b'_') {
                words.alnum();
            }
            out.push(Token::new(pos, pos + len, kind));
            pos += len;
            continue;
        }
        // Plain run up to the next possible special token start.
        let run_end = next_special_start(text, pos, range.end);
        split_plain(text, pos, run_end, out, words);
        pos = run_end;
    }
}

/// Splits a whole text into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, 0..text.len(), &mut out, &mut WordCount::default());
    out
}

fn is_boundary_before(text: &str, pos: usize) -> bool {
    text[..pos].chars().next_back().is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '{' | '<' | '"' | '\'' | '“' | '‘'))
}

/// Whether the char before `pos` lets a URL, e-mail, hashtag or handle start
/// at `pos`: a byte test for the ASCII case, a decode otherwise.
fn boundary_before_at(text: &str, pos: usize) -> bool {
    match text.as_bytes().get(pos.wrapping_sub(1)) {
        Some(&b) if b < 0x80 => matches!(b, b' ' | b'\t'..=b'\r' | b'(' | b'[' | b'{' | b'<' | b'"' | b'\''),
        _ => pos == 0 || is_boundary_before(text, pos),
    }
}

/// Where, after `pos`, the next URL, e-mail, hashtag or handle begins (or
/// `end`). Only chunk starts are tried, so the scan stays linear: the scan
/// looks for the characters a special token may follow (whitespace and
/// openers, a table lookup for ASCII bytes) and tries the position after.
fn next_special_start(text: &str, pos: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    // Where the next '@' at or after the position tried is (or `end`): a
    // chunk that starts with a letter or digit is special only if it starts
    // a URL or holds an '@', and most paragraphs have no '@' at all.
    let mut next_at = pos;
    let mut i = pos;
    while i < end {
        // Most bytes are neither an opener nor non-ASCII: one table load each.
        if SCAN[bytes[i] as usize] == 0 {
            i += 1;
            continue;
        }
        let b = bytes[i];
        let len = if b < 0x80 {
            1
        } else {
            let Some(c) = text[i..end].chars().next() else { break };
            if !(c.is_whitespace() || matches!(c, '“' | '‘')) {
                i += c.len_utf8();
                continue;
            }
            c.len_utf8()
        };
        // The char at i opens a chunk; try the position after it.
        i += len;
        if let Some(&n) = bytes[..end].get(i) {
            let may_start = match n {
                b'#' | b'@' => true,
                // "the", "was", "which": a chunk that starts with h or w is
                // a URL only if it starts like one.
                b'h' | b'H' | b'w' | b'W' if url_prefix(&bytes[i..end]) => true,
                _ if n.is_ascii_alphanumeric() => {
                    if next_at < i {
                        next_at = text[i..end].find('@').map_or(end, |o| i + o);
                    }
                    next_at < end
                }
                _ => false,
            };
            if may_start && special_at(&text[i..end], true).is_some() {
                return i;
            }
        }
    }
    end
}

/// Whether `b` starts with "http" or "www." (any case), as every chunk that
/// [`special_at`] takes for a URL does.
fn url_prefix(b: &[u8]) -> bool {
    let starts = |p: &[u8]| b.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    starts(b"http") || starts(b"www.")
}

/// For [`next_special_start`]'s scan: 1 for the ASCII bytes a special token
/// may follow (whitespace and openers), 2 for the non-ASCII bytes (decoded
/// there), 0 for the rest.
const SCAN: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b' ' | b'\t'..=b'\r' | b'(' | b'[' | b'{' | b'<' | b'"' | b'\'' => 1,
            0x80.. => 2,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// ASCII bytes that end a URL or e-mail chunk (besides whitespace).
const fn chunk_end_table() -> [bool; 128] {
    let mut t = [false; 128];
    let ends = b" \t\n\x0b\x0c\r<>\"()[]{}";
    let mut i = 0;
    while i < ends.len() {
        t[ends[i] as usize] = true;
        i += 1;
    }
    t
}
const CHUNK_END: [bool; 128] = chunk_end_table();

/// Length of the leading chunk of `s`: up to whitespace, a bracket or a quote.
fn chunk_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            if CHUNK_END[c as usize] {
                return i;
            }
            i += 1;
        } else {
            let Some(ch) = s[i..].chars().next() else { break };
            if ends_chunk(ch) {
                return i;
            }
            i += ch.len_utf8();
        }
    }
    b.len()
}

/// Whether a non-ASCII `ch` ends a chunk.
fn ends_chunk(ch: char) -> bool {
    ch.is_whitespace() || matches!(ch, '“' | '”' | '‘' | '’')
}

/// A URL, e-mail address, hashtag or handle at the start of `s`, with its length.
///
/// Each kind reads only as far as it needs: a hashtag or handle its word
/// characters, an e-mail address its local part and then, after the `@`,
/// only while the chunk can still be a domain. (Measuring the whole
/// whitespace-free chunk first made a long chunk with many hashtags
/// quadratic: "（#Iraq'#Iraq（#Iraq…", found by the fuzzer.) A URL takes the
/// whole chunk, so measuring it costs no more than the token.
fn special_at(s: &str, at_boundary: bool) -> Option<(usize, Label)> {
    if !at_boundary {
        return None;
    }
    let b = s.as_bytes();
    match *b.first()? {
        b'#' => {
            let rest = &s[1..];
            let n = word_chars_len(rest);
            return (n > 0 && rest[..n].chars().any(|c| c.is_alphabetic())).then_some((1 + n, Label::Hashtag));
        }
        b'@' => {
            let n = word_chars_len(&s[1..]);
            return (n > 0).then_some((1 + n, Label::Handle));
        }
        _ if url_prefix(b) => {
            let chunk = &s[..chunk_len(s)];
            let lower_starts = |p: &str| chunk.len() > p.len() && chunk.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
            if lower_starts("https://") || lower_starts("http://") || lower_starts("www.") {
                let len = trim_trailing_punct(chunk);
                if len > 4 {
                    return Some((len, Label::Url));
                }
            }
        }
        _ => {}
    }
    email_at(s)
}

/// An e-mail address that is the whole leading chunk of `s` (trailing
/// sentence punctuation aside): a local part of `[A-Za-z0-9._%+-]`, `@`, and
/// a domain with a dot and an alphabetic top level of two or more letters.
fn email_at(s: &str) -> Option<(usize, Label)> {
    let b = s.as_bytes();
    let local = b.iter().position(|&c| !(c.is_ascii_alphanumeric() || b"._%+-".contains(&c))).unwrap_or(b.len());
    if local == 0 || b.get(local) != Some(&b'@') {
        return None;
    }
    // The rest of the chunk is the domain and trailing punctuation; any other
    // character would fall inside the domain, so the scan stops there.
    let rest = &s[local + 1..];
    let mut end = 0;
    for (i, c) in rest.char_indices() {
        if if c.is_ascii() { CHUNK_END[c as usize] } else { ends_chunk(c) } {
            break;
        }
        if !(c.is_ascii_alphanumeric() || ".-,;:!?'’".contains(c)) {
            return None;
        }
        end = i + c.len_utf8();
    }
    let domain = &rest[..trim_trailing_punct(&rest[..end])];
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && domain.chars().all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
        && domain.rsplit('.').next().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    domain_ok.then_some((local + 1 + domain.len(), Label::Email))
}

fn word_chars_len(s: &str) -> usize {
    s.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(s.len())
}

/// Length of `chunk` without trailing sentence punctuation.
fn trim_trailing_punct(chunk: &str) -> usize {
    chunk.trim_end_matches(|c: char| ".,;:!?'’".contains(c)).len()
}

/// Tokenizes a stretch with no special tokens, by UAX #29 word bounds.
///
/// Most news is ASCII, and for ASCII the word-boundary rules are a handful
/// of byte tests, so the stretch is cut into chunks at ASCII whitespace and
/// each all-ASCII chunk is split by [`split_ascii`]; a run of chunks that
/// hold any other byte goes to `unicode-segmentation` whole, together with
/// the whitespace before it (a combining mark attaches to a preceding space).
/// UAX #29 always breaks between ASCII whitespace and an ASCII non-space on
/// either side, so the cuts change no boundary that yields a token (the
/// differential tests in `text/tests.rs` check this against the plain
/// UAX #29 split).
///
/// The words are counted on the way: ASCII whitespace ends one, an ASCII
/// chunk holds a letter or digit when [`split_ascii`] says so, and the
/// chunks with other bytes are read by [`WordCount::feed`].
fn split_plain(text: &str, start: usize, end: usize, out: &mut Vec<Token>, words: &mut WordCount) {
    let bytes = text.as_bytes();
    let first = out.len();
    let mut i = start;
    // Start of the pending run of non-ASCII chunks (with its leading whitespace).
    let mut wide_from: Option<usize> = None;
    while i < end {
        let ws_start = i;
        while i < end && is_ascii_space(bytes[i]) {
            i += 1;
        }
        if i > ws_start {
            words.space();
        }
        if i == end {
            break;
        }
        // The chunk is split as it is read; a non-ASCII byte takes back
        // what it pushed and sends the chunk to the UAX #29 run instead.
        let mark = out.len();
        match split_ascii(text, i, end, out) {
            Ok((chunk_end, alnum)) => {
                if alnum {
                    words.alnum();
                }
                if let Some(from) = wide_from.take() {
                    // The run goes before this chunk's (few) tokens.
                    let chunk_tokens = out.len() - mark;
                    split_uax29(text, from, ws_start, out);
                    out[mark..].rotate_left(chunk_tokens);
                }
                i = chunk_end;
            }
            Err(wide_at) => {
                out.truncate(mark);
                let chunk_start = i;
                i = wide_at;
                while i < end && !is_ascii_space(bytes[i]) {
                    i += 1;
                }
                words.feed(&text[chunk_start..i]);
                if wide_from.is_none() {
                    wide_from = Some(ws_start);
                }
            }
        }
    }
    if let Some(from) = wide_from {
        split_uax29(text, from, i.min(end), out);
    }
    merge_runs(text, first, out);
}

/// The plain UAX #29 split of `text[start..end]`, before merging.
fn split_uax29(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    for (off, seg) in text[start..end].split_word_bound_indices() {
        let s = start + off;
        push_segment(text, s, s + seg.len(), out);
    }
}

/// The ASCII whitespace bytes (as `char::is_whitespace` has them).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// UAX #29 word-break classes of the ASCII bytes that are not whitespace.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wb {
    /// ALetter: A-Z, a-z.
    Letter,
    /// Numeric: 0-9.
    Numeric,
    /// ExtendNumLet: `_`.
    ExtendNumLet,
    /// MidLetter: `:`.
    MidLetter,
    /// MidNum: `,` `;`.
    MidNum,
    /// MidNumLet: `.`.
    MidNumLet,
    /// Single_Quote: `'`.
    SingleQuote,
    /// Anything else: a segment of its own.
    Other,
    /// ASCII whitespace: ends the chunk.
    Space,
    /// A byte of a non-ASCII char: the chunk is not ASCII.
    Wide,
}

const fn wb_table() -> [Wb; 256] {
    let mut t = [Wb::Other; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'A'..=b'Z' | b'a'..=b'z' => Wb::Letter,
            b'0'..=b'9' => Wb::Numeric,
            b'_' => Wb::ExtendNumLet,
            b':' => Wb::MidLetter,
            b',' | b';' => Wb::MidNum,
            b'.' => Wb::MidNumLet,
            b'\'' => Wb::SingleQuote,
            b' ' | b'\t'..=b'\r' => Wb::Space,
            0x80.. => Wb::Wide,
            _ => Wb::Other,
        };
        b += 1;
    }
    t
}
const WB: [Wb; 256] = wb_table();

/// [`JOIN`] bits: a letter, a digit.
const JOIN_LETTER: u8 = 1;
const JOIN_DIGIT: u8 = 2;

/// For the bytes that join a word segment in [`split_ascii`] (the `WB`
/// classes Letter, Numeric and ExtendNumLet): a letter, a digit, or 4 for
/// `_`; 0 for every other byte.
const JOIN: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match WB[b] {
            Wb::Letter => JOIN_LETTER,
            Wb::Numeric => JOIN_DIGIT,
            Wb::ExtendNumLet => 4,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// UAX #29 word bounds of the chunk at `start` (rules WB5-WB13b; the
/// others concern characters that ASCII lacks), pushed as tokens. The chunk
/// ends at ASCII whitespace or `end`; its end is returned, with whether it
/// holds a letter or digit, or, at the first byte that is not ASCII, `Err`
/// with that byte's position (the caller takes back the tokens pushed).
fn split_ascii(text: &str, start: usize, end: usize, out: &mut Vec<Token>) -> Result<(usize, bool), usize> {
    let b = text.as_bytes();
    let wb = |i: usize| WB[b[i] as usize];
    let mut alnum = false;
    let mut i = start;
    while i < end {
        let mut j = i + 1;
        let f0 = JOIN[usize::from(b[i])];
        if f0 != 0 {
            // What the segment holds (JOIN bits), for its label and clitic
            // split: one OR a byte in the loop that reads every word.
            let (mut seen, mut quote) = (f0, false);
            while j < end {
                let f = JOIN[usize::from(b[j])];
                if f != 0 {
                    seen |= f;
                    j += 1;
                    continue;
                }
                let n = wb(j);
                if j + 1 < end {
                    let (prev, next) = (wb(j - 1), wb(j + 1));
                    let letters = prev == Wb::Letter && next == Wb::Letter && matches!(n, Wb::MidLetter | Wb::MidNumLet | Wb::SingleQuote);
                    let numbers = prev == Wb::Numeric && next == Wb::Numeric && matches!(n, Wb::MidNum | Wb::MidNumLet | Wb::SingleQuote);
                    if letters || numbers {
                        // `next` is a letter or a digit, as `prev` is.
                        quote |= n == Wb::SingleQuote;
                        j += 2;
                        continue;
                    }
                }
                break;
            }
            let (letter, digit) = (seen & JOIN_LETTER != 0, seen & JOIN_DIGIT != 0);
            alnum |= letter | digit;
            let kind = if letter {
                Label::Word
            } else if digit {
                Label::Number
            } else {
                Label::Punct // underscores only
            };
            if quote {
                push_classified(text, i, j, kind, out);
            } else {
                // No apostrophe, so no clitic to split off.
                out.push(Token::new(i, j, kind));
            }
            i = j;
            continue;
        }
        match wb(i) {
            Wb::Space => return Ok((i, alnum)),
            Wb::Wide => return Err(i),
            _ => {}
        }
        if let Some(kind) = classify_ascii_byte(b[i]) {
            push_classified(text, i, j, kind, out);
        }
        i = j;
    }
    Ok((end, alnum))
}

/// [`classify`] for a one-byte ASCII segment (what [`split_ascii`] makes
/// of every byte that does not join a word).
fn classify_ascii_byte(c: u8) -> Option<Label> {
    match c {
        b'A'..=b'Z' | b'a'..=b'z' => Some(Label::Word),
        b'0'..=b'9' => Some(Label::Number),
        0..=0x20 | 0x7f => None,
        b'$' | b'%' | b'+' | b'=' | b'<' | b'>' | b'^' | b'|' | b'~' | b'&' | b'*' | b'/' | b'\\' | b'#' | b'@' | b'`' => Some(Label::Symbol),
        _ => Some(Label::Punct),
    }
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
    if let Some(kind) = classify(&text[s..e]) {
        push_classified(text, s, e, kind, out);
    }
}

fn push_classified(text: &str, s: usize, e: usize, kind: Label, out: &mut Vec<Token>) {
    if kind == Label::Word {
        if let Some(split) = clitic_split(&text[s..e]) {
            out.push(Token::new(s, s + split, Label::Word));
            out.push(Token::new(s + split, e, Label::Word));
            return;
        }
    }
    out.push(Token::new(s, e, kind));
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
/// periods or dashes, and initialisms ("U.S" + "."). In place: no buffer.
fn merge_runs(text: &str, first: usize, out: &mut Vec<Token>) {
    if out.len() <= first {
        return;
    }
    // out[first..=w] are the merged tokens so far.
    let mut w = first;
    for r in first + 1..out.len() {
        let tok = out[r];
        let prev = &mut out[w];
        // Tokens that touch are common ("said" + ","); the text is sliced
        // only for a period after a word or a token after punctuation.
        if prev.end() == tok.start() {
            if prev.kind() == Label::Word && &text.as_bytes()[tok.start()..tok.end()] == b"." && takes_period(&text[prev.start()..prev.end()]) {
                prev.extend_to(tok);
                continue;
            }
            if prev.kind() == Label::Punct {
                let (t, p) = (&text[tok.start()..tok.end()], &text[prev.start()..prev.end()]);
                if is_run_char(t) && p.chars().all(|c| c == t.chars().next().unwrap_or(' ')) {
                    prev.extend_to(tok);
                    continue;
                }
            }
        }
        w += 1;
        out[w] = tok;
    }
    out.truncate(w + 1);
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
mod tests;
