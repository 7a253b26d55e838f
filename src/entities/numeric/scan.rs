//! Scanning: each token keyed once, then one pass over a sentence that
//! tries at each token the rules that can start there.

use super::dates::temporal_prep;
use super::numbers::{parse_digits, split_digits};
use super::{Found, M, words};
use crate::doc::Label;
use crate::text::Token;

/// Longest token key kept (bytes); longer tokens are never keywords or
/// numbers worth reading ("1,000,000,000,000" is 17).
pub(super) const KEY_CAP: usize = 24;

/// A token, with its lower-cased text (its key): the token's own text when
/// that is already lower case (most tokens: nothing to copy), else a copy
/// in the sentence's key buffer.
///
/// Offsets in `u32` and the key length in a byte (20 bytes, not 40): the
/// scanner holds one per token of a sentence, and a paste with no full stop
/// is one sentence of millions of tokens. Read through the methods of the
/// same names.
#[derive(Clone, Copy)]
pub(super) struct Tok {
    start: u32,
    end: u32,
    pub(super) kind: Label,
    /// The key is `text[ks..ks + kl]`; else it is in the key buffer.
    pub(super) in_text: bool,
    /// Where the key starts, in the text or the key buffer.
    ks: u32,
    /// Key length; 0 for tokens too long to be keywords.
    kl: u8,
    /// The key starts with an ASCII digit.
    pub(super) digit: bool,
    /// First character is upper-case.
    pub(super) cap: bool,
    /// Has letters, all upper-case.
    pub(super) upper: bool,
    /// A word (not starting with a digit) whose key some rule may start at
    /// ([`words::may_start`]); false for other tokens, which `Scan::at`
    /// sends elsewhere before it asks.
    pub(super) starter: bool,
}

impl Tok {
    /// First byte of the token, inclusive.
    #[inline]
    pub(super) fn start(&self) -> usize {
        self.start as usize
    }

    /// Last byte of the token, exclusive.
    #[inline]
    pub(super) fn end(&self) -> usize {
        self.end as usize
    }

    /// Where the key starts, in the text or the key buffer.
    #[inline]
    pub(super) fn ks(&self) -> usize {
        self.ks as usize
    }

    /// Key length; 0 for tokens too long to be keywords.
    #[inline]
    pub(super) fn kl(&self) -> usize {
        usize::from(self.kl)
    }

    /// A token of `start..end` whose key is at `ks` and `kl` bytes long
    /// (at most [`KEY_CAP`]); offsets below the library's input limit.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn make(start: usize, end: usize, kind: Label, in_text: bool, ks: usize, kl: usize, flags: [bool; 4]) -> Tok {
        let [digit, cap, upper, starter] = flags;
        let at = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        Tok { start: at(start), end: at(end), kind, in_text, ks: at(ks), kl: kl.min(KEY_CAP) as u8, digit, cap, upper, starter }
    }

    /// Reads token `t` of `text`, appending its key to `keys` unless the
    /// text is its key.
    pub(super) fn new(text: &str, t: &Token, keys: &mut String) -> Tok {
        let s = text.get(t.start()..t.end()).unwrap_or("");
        let b = s.as_bytes();
        // One pass over the bytes: case flags, and the hash of the key the
        // token has if it is ASCII, two table loads a byte (the flags'
        // compares and the lower-casing cost four times that per byte, and
        // this loop reads every token of the text).
        let mut flags = 0u8;
        let mut hash = words::FNV_START;
        for &c in b {
            flags |= BYTE_FLAGS[usize::from(c)];
            hash = words::fnv_byte(hash, KEY_BYTE[usize::from(c)]);
        }
        if flags & WIDE != 0 {
            return Tok::new_wide(s, t, keys);
        }
        let (has_upper, has_lower, tick) = (flags & UPPER != 0, flags & LOWER != 0, flags & TICK != 0);
        let fits = b.len() <= KEY_CAP;
        let in_text = !has_upper && !tick;
        let ks = if in_text { t.start() } else { keys.len() };
        if fits && !in_text {
            if tick {
                keys.extend(b.iter().map(|&c| char::from(KEY_BYTE[usize::from(c)])));
            } else {
                keys.push_str(s);
                if let Some(k) = keys.get_mut(ks..) {
                    k.make_ascii_lowercase();
                }
            }
        }
        let kl = if fits { b.len() } else { 0 };
        let digit = kl > 0 && b[0].is_ascii_digit();
        let starter = kl > 0 && !digit && t.kind() == Label::Word && words::may_start_hashed(hash);
        let cap = b.first().is_some_and(u8::is_ascii_uppercase);
        let upper = has_upper && !has_lower;
        Tok::make(t.start(), t.end(), t.kind(), in_text, ks, kl, [digit, cap, upper, starter])
    }

    /// [`Tok::new`] for a token with non-ASCII characters: its key maps
    /// curly quotes and dashes to ASCII, character by character.
    pub(super) fn new_wide(s: &str, t: &Token, keys: &mut String) -> Tok {
        let ks = keys.len();
        for c in s.chars() {
            let c = match c {
                '’' | '‘' | '`' => '\'',
                '–' | '—' => '-',
                c => c.to_ascii_lowercase(),
            };
            if keys.len() - ks + c.len_utf8() > KEY_CAP {
                keys.truncate(ks);
                break;
            }
            keys.push(c);
        }
        let key = keys.as_bytes().get(ks..).unwrap_or(&[]);
        let kl = key.len();
        let digit = key.first().is_some_and(u8::is_ascii_digit);
        let starter = kl > 0 && !digit && t.kind() == Label::Word && words::may_start(key);
        let cap = s.chars().next().is_some_and(char::is_uppercase);
        let upper = s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase);
        Tok::make(t.start(), t.end(), t.kind(), false, ks, kl, [digit, cap, upper, starter])
    }
}

/// [`BYTE_FLAGS`] bits: an ASCII upper-case letter, a lower-case one, a
/// backtick (keyed as `'`), a byte of a non-ASCII character.
const UPPER: u8 = 1;
const LOWER: u8 = 2;
const TICK: u8 = 4;
const WIDE: u8 = 8;

/// What [`Tok::new`] notes of each byte.
const BYTE_FLAGS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'A'..=b'Z' => UPPER,
            b'a'..=b'z' => LOWER,
            b'`' => TICK,
            0x80.. => WIDE,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// The byte an ASCII byte has in a key: lower case, `` ` `` as `'`.
/// (Non-ASCII bytes map to themselves; such tokens are keyed by
/// [`Tok::new_wide`].)
const KEY_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = if b == b'`' as usize { b'\'' } else { (b as u8).to_ascii_lowercase() };
        b += 1;
    }
    t
};

/// Whether a sentence is an all-caps headline, where capitals say nothing.
pub(super) fn is_caps(toks: &[Tok]) -> bool {
    let (mut words, mut upper) = (0, 0);
    for t in toks.iter().filter(|t| t.kind == Label::Word && t.end - t.start >= 2) {
        words += 1;
        upper += usize::from(t.upper);
    }
    words >= 3 && upper * 10 >= words * 7
}

pub(super) struct Scan<'a> {
    pub(super) t: &'a [Tok],
    /// The text, which holds the keys of the tokens that are `in_text`.
    pub(super) text: &'a str,
    /// The other keys of `t`, back to back.
    pub(super) keys: &'a str,
    /// The sentence is an all-caps headline.
    pub(super) caps: bool,
    /// Index of the first token that is not punctuation.
    pub(super) first_word: usize,
}

impl Scan<'_> {
    pub(super) fn run(&self, out: &mut Vec<Found>) {
        let (mut i, mut floor) = (0, 0);
        while i < self.t.len() {
            match self.at(i, floor) {
                Some(mut m) if m.e > i && m.s >= floor && m.s <= i && m.e <= self.t.len() => {
                    if m.s == i {
                        self.approximate(&mut m, floor);
                    }
                    if let Some(label) = m.label {
                        out.push(Found {
                            start_byte: self.t[m.s].start(),
                            end_byte: self.t[m.e - 1].end(),
                            label,
                            attrs: m.attrs,
                        });
                    }
                    i = m.e;
                    floor = m.e;
                }
                _ => i += 1,
            }
        }
    }

    /// Takes in the words that make an amount approximate or a bound, as
    /// OntoNotes does ("about 4:00 p.m.", "more than 1,000", "nearly $2
    /// billion"), and records them as `approx`.
    pub(super) fn approximate(&self, m: &mut M, floor: usize) {
        let s = m.s;
        let first = &self.t[s];
        let numeric_start = first.kind == Label::Number
            || first.kind == Label::Symbol
            || first.digit
            || words::small_number(self.key(first)).is_some()
            || words::vague_scale(self.key(first))
            || words::dollar_prefix(self.key(first)).is_some();
        let kind_ok = match m.label {
            Some(Label::Cardinal | Label::Money | Label::Percent | Label::Quantity) => true,
            Some(Label::Date | Label::Time) => m.attrs.contains_key("unit") || m.attrs.contains_key("hour"),
            _ => false,
        };
        if !numeric_start || !kind_ok || s == floor {
            return;
        }
        let k = |n: usize| if s >= floor + n { self.k(s - n) } else { "" };
        let amount = !matches!(m.label, Some(Label::Date | Label::Time));
        let n = if (k(3) == "as"
            && matches!(k(2), "many" | "much" | "few" | "high" | "little" | "low" | "long")
            && k(1) == "as")
            || (k(3) == "in" && k(2) == "excess" && k(1) == "of")
        {
            3
        } else if (matches!(k(2), "more" | "less" | "fewer") && k(1) == "than")
            || (k(2) == "at" && matches!(k(1), "least" | "most"))
            || (matches!(k(2), "up" | "close") && k(1) == "to")
            || (k(2) == "upwards" && k(1) == "of")
            || (matches!(k(2), "an" | "some") && k(1) == "estimated")
        {
            2
        } else if matches!(
            k(1),
            "about"
                | "around"
                | "approximately"
                | "roughly"
                | "nearly"
                | "almost"
                | "some"
                | "circa"
                | "approx."
                | "estimated"
        ) || (amount && matches!(k(1), "over" | "under"))
        {
            1
        } else {
            0
        };
        if n == 0 {
            return;
        }
        let mut start = s - n;
        if start > floor
            && matches!(self.k(start - 1), "just" | "well")
            && matches!(self.k(start), "over" | "under" | "more" | "less")
        {
            start -= 1;
        }
        let phrase: Vec<&str> = (start..s).map(|j| self.k(j)).collect();
        m.s = start;
        m.attrs.insert("approx", phrase.join(" ").into());
    }

    // ---- token helpers -------------------------------------------------

    pub(super) fn k(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| self.key(t))
    }

    /// The lower-cased text of a token ("" when too long to matter).
    pub(super) fn key(&self, t: &Tok) -> &str {
        let src = if t.in_text { self.text } else { self.keys };
        src.get(t.ks()..t.ks() + t.kl()).unwrap_or("")
    }

    /// Key of the token before `i`, or "".
    pub(super) fn kb(&self, i: usize) -> &str {
        if i == 0 { "" } else { self.k(i - 1) }
    }

    /// Tokens `i` and `i + 1` touch (no space between).
    pub(super) fn touch(&self, i: usize) -> bool {
        match (self.t.get(i), self.t.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    pub(super) fn cap(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.cap || (self.caps && t.upper))
    }

    pub(super) fn is_kind(&self, i: usize, kind: Label) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == kind)
    }

    /// A plain integer token in `lo..=hi` with at most `maxdig` digits.
    pub(super) fn int_at(&self, i: usize, lo: u32, hi: u32, maxdig: usize) -> Option<u32> {
        if !self.is_kind(i, Label::Number) {
            return None;
        }
        let (v, plain, nd) = parse_digits(self.k(i))?;
        (plain && nd <= maxdig && v >= f64::from(lo) && v <= f64::from(hi)).then_some(v as u32)
    }

    pub(super) fn year_at(&self, i: usize) -> Option<u32> {
        self.int_at(i, 1000, 2100, 4).filter(|_| self.k(i).len() == 4)
    }

    /// A day of the month: "3" or "3rd".
    pub(super) fn day_at(&self, i: usize) -> Option<u32> {
        if let Some(d) = self.int_at(i, 1, 31, 2) {
            return Some(d);
        }
        let (d, suf) = split_digits(self.k(i))?;
        if !matches!(suf, "st" | "nd" | "rd" | "th") {
            return None;
        }
        let (v, plain, _) = parse_digits(d)?;
        (plain && (1.0..=31.0).contains(&v)).then_some(v as u32)
    }

    /// Extends a date start back over "early"/"late"/"mid"/"mid-" and,
    /// when `the`, over "the", never before `floor`.
    pub(super) fn back_modifiers(&self, mut s: usize, floor: usize, the: bool) -> usize {
        if s >= floor + 2 && self.k(s - 1) == "-" && self.k(s - 2) == "mid" && self.touch(s - 2) {
            s -= 2;
        } else if s > floor && matches!(self.k(s - 1), "early" | "late" | "mid" | "mid-") {
            s -= 1;
        }
        if the && s > floor && self.k(s - 1) == "the" {
            s -= 1;
        }
        s
    }

    /// A digit token right after a capitalised word inside the sentence:
    /// part of a name ("Resolution 2334", "Boeing 737").
    pub(super) fn after_name(&self, i: usize) -> bool {
        if self.caps || i < 2 {
            return false;
        }
        let p = &self.t[i - 1];
        let k = self.key(p);
        let first_word = i - 1 <= self.first_word;
        !first_word
            && !temporal_prep(k)
            && !matches!(
                k,
                "the"
                    | "at"
                    | "for"
                    | "with"
                    | "about"
                    | "around"
                    | "over"
                    | "under"
                    | "than"
                    | "some"
                    | "nearly"
                    | "almost"
            )
            && p.kind == Label::Word
            && p.cap
            && (!p.upper || (!k.contains('.') && !matches!(k, "us" | "uk" | "eu" | "un" | "a" | "i")))
            && words::month_full(k).is_none()
            && words::month_abbr(k).is_none()
            && words::weekday(k).is_none()
            && !matches!(k, "i" | "a")
    }

    /// Numbers that are identifiers: phone numbers, "No. 10", "F-16".
    /// Returns the tokens to skip.
    pub(super) fn identifier(&self, i: usize) -> Option<M> {
        let prev = self.kb(i);
        if matches!(prev, "no." | "nos." | "#" | "number") {
            return Some(M::skip(i, i + 1));
        }
        // "[1]" references
        if prev == "[" && self.k(i + 1) == "]" && self.touch(i) && self.touch(i - 1) {
            return Some(M::skip(i, i + 2));
        }
        // coordinates and angles: 59°10′25″N
        let next = self.k(i + 1);
        if self.touch(i)
            && (matches!(next, "′" | "″")
                || (next == "°" && !matches!(self.k(i + 2), "c" | "f" | "celsius" | "fahrenheit")))
        {
            let mut e = i + 1;
            while e < self.t.len()
                && self.touch(e - 1)
                && (self.is_kind(e, Label::Number)
                    || matches!(self.k(e), "°" | "′" | "″" | "'" | "\"" | "n" | "s" | "e" | "w"))
            {
                e += 1;
            }
            return Some(M::skip(i, e));
        }
        if i >= 2 && prev == "-" && self.touch(i - 1) && self.touch(i - 2) && self.t[i - 2].kind == Label::Word {
            let w = self.k(i - 2);
            let name_like = self.t[i - 2].cap || w.len() <= 2;
            if name_like && !matches!(w, "mid" | "pre" | "post") {
                return Some(M::skip(i, i + 1));
            }
        }
        // A run of numbers separated by spaces (or a leading "+"):
        // phone numbers, codes. Tables of small numbers stay numbers.
        // (bounded, so that a long table stays linear)
        let mut e = i;
        let mut long = false;
        while e < i + 8 && self.is_kind(e, Label::Number) {
            let k = self.k(e);
            long |= k.len() >= 3 && (k.starts_with('0') || k.len() >= 3 && e > i);
            e += 1;
        }
        let run = e - i;
        if (prev == "+" && i > 0 && self.touch(i - 1)) || (run >= 3 && long) {
            return Some(M::skip(i, e));
        }
        None
    }

    // ---- dispatch ------------------------------------------------------

    pub(super) fn at(&self, i: usize, floor: usize) -> Option<M> {
        let t = &self.t[i];
        if t.kl == 0 {
            return None;
        }
        if t.kind == Label::Symbol {
            return self.money_prefix(i);
        }
        // A one-byte key first: most words are followed by a longer one,
        // and that test needs no slicing.
        if t.kind == Label::Word
            && self.t.get(i + 1).is_some_and(|n| n.kl == 1)
            && self.k(i + 1) == "$"
            && let Some(m) = self.money_prefix(i)
        {
            return Some(m);
        }
        if t.kind == Label::Number {
            return self.identifier(i).or_else(|| self.structured(i)).or_else(|| self.number_led(i, floor));
        }
        if t.kind != Label::Word {
            return None;
        }
        if t.digit {
            return self.attached(i, floor);
        }
        if !t.starter {
            return None; // most words, capitalised or not: no rule starts here
        }
        if !t.cap && !words::lower_trigger(self.key(t)) {
            return None; // most words: nothing can start here
        }
        if let Some(m) = self.shortcut(i, floor) {
            return m;
        }
        self.every_rule(i, floor)
    }

    /// The commonest starters, about one word in twelve: of the rules in
    /// [`Scan::every_rule`], only `relative` can start at "the" and "that",
    /// and only `relative` and `number_led` at "a" and "an" (their keys are
    /// in no other rule's word list), so only those are tried, in the same
    /// order. `None` for other words. A test checks the answers against
    /// every rule.
    pub(super) fn shortcut(&self, i: usize, floor: usize) -> Option<Option<M>> {
        match self.k(i) {
            "the" | "that" => Some(self.relative(i, floor)),
            "a" | "an" => Some(self.relative(i, floor).or_else(|| self.number_led(i, floor))),
            _ => None,
        }
    }

    /// Every rule that can start at a word, in order; the first match wins.
    pub(super) fn every_rule(&self, i: usize, floor: usize) -> Option<M> {
        self.currency_code_first(i)
            .or_else(|| self.holiday(i, floor))
            .or_else(|| self.month(i, floor))
            .or_else(|| self.weekday(i, floor))
            .or_else(|| self.relative(i, floor))
            .or_else(|| self.ordinal(i, floor))
            .or_else(|| self.number_led(i, floor))
            .or_else(|| self.season(i, floor))
            .or_else(|| self.time_word(i))
            .or_else(|| self.quarter(i))
    }

}
