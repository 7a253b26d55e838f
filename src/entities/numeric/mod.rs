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

mod words;

#[cfg(test)]
mod tests;

use crate::doc::{Attrs, Label, Value};
use crate::text::{Segmentation, Token};

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

/// Longest token key kept (bytes); longer tokens are never keywords or
/// numbers worth reading ("1,000,000,000,000" is 17).
const KEY_CAP: usize = 24;

/// A token, with its lower-cased text (its key): the token's own text when
/// that is already lower case (most tokens: nothing to copy), else a copy
/// in the sentence's key buffer.
#[derive(Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    kind: Label,
    /// The key is `text[ks..ks + kl]`; else it is in the key buffer.
    in_text: bool,
    /// Where the key starts, in the text or the key buffer.
    ks: usize,
    /// Key length; 0 for tokens too long to be keywords.
    kl: usize,
    /// The key starts with an ASCII digit.
    digit: bool,
    /// First character is upper-case.
    cap: bool,
    /// Has letters, all upper-case.
    upper: bool,
    /// A word (not starting with a digit) whose key some rule may start at
    /// ([`words::may_start`]); false for other tokens, which `Scan::at`
    /// sends elsewhere before it asks.
    starter: bool,
}

impl Tok {
    /// Reads token `t` of `text`, appending its key to `keys` unless the
    /// text is its key.
    fn new(text: &str, t: &Token, keys: &mut String) -> Tok {
        let s = text.get(t.start..t.end).unwrap_or("");
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
        let ks = if in_text { t.start } else { keys.len() };
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
        let starter = kl > 0 && !digit && t.kind == Label::Word && words::may_start_hashed(hash);
        let cap = b.first().is_some_and(u8::is_ascii_uppercase);
        let upper = has_upper && !has_lower;
        Tok { start: t.start, end: t.end, kind: t.kind, in_text, ks, kl, digit, cap, upper, starter }
    }

    /// [`Tok::new`] for a token with non-ASCII characters: its key maps
    /// curly quotes and dashes to ASCII, character by character.
    fn new_wide(s: &str, t: &Token, keys: &mut String) -> Tok {
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
        let starter = kl > 0 && !digit && t.kind == Label::Word && words::may_start(key);
        let cap = s.chars().next().is_some_and(char::is_uppercase);
        let upper = s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase);
        Tok { start: t.start, end: t.end, kind: t.kind, in_text: false, ks, kl, digit, cap, upper, starter }
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
fn is_caps(toks: &[Tok]) -> bool {
    let (mut words, mut upper) = (0, 0);
    for t in toks.iter().filter(|t| t.kind == Label::Word && t.end - t.start >= 2) {
        words += 1;
        upper += usize::from(t.upper);
    }
    words >= 3 && upper * 10 >= words * 7
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

/// Parses "1,000.50"-style digits: value, plain (no comma or point), and
/// the number of integer digits.
fn parse_digits(s: &str) -> Option<(f64, bool, usize)> {
    let b = s.as_bytes();
    if !b.first()?.is_ascii_digit() || !b.last()?.is_ascii_digit() {
        return None;
    }
    let (mut int, mut frac, mut scale) = (0f64, 0f64, 1f64);
    let (mut ndig, mut group, mut commas, mut point) = (0usize, 0usize, false, false);
    for &c in b {
        match c {
            b'0'..=b'9' if point => {
                scale /= 10.0;
                frac += f64::from(c - b'0') * scale;
            }
            b'0'..=b'9' => {
                int = int * 10.0 + f64::from(c - b'0');
                ndig += 1;
                group += 1;
            }
            b',' if !point => {
                if (commas && group != 3) || (!commas && group > 3) || group == 0 {
                    return None;
                }
                commas = true;
                group = 0;
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    if commas && group != 3 {
        return None;
    }
    // Exact decimal rounding via the standard parser ("0.75" stays 0.75),
    // on a stack copy without the commas.
    let mut buf = [0u8; 40];
    let mut n = 0;
    for &c in b.iter().filter(|&&c| c != b',') {
        if n == buf.len() {
            return Some((int + frac, !commas && !point, ndig));
        }
        buf[n] = c;
        n += 1;
    }
    let exact = std::str::from_utf8(&buf[..n]).ok().and_then(|t| t.parse::<f64>().ok()).unwrap_or(int + frac);
    Some((exact, !commas && !point, ndig))
}

/// Words before a date that place it in time ("since January").
fn temporal_prep(k: &str) -> bool {
    matches!(
        k,
        "in" | "on"
            | "since"
            | "until"
            | "till"
            | "by"
            | "from"
            | "through"
            | "during"
            | "before"
            | "after"
            | "of"
            | "early"
            | "late"
            | "mid"
            | "last"
            | "next"
            | "this"
            | "between"
            | "to"
            | "and"
            | "throughout"
            | "end"
            | "-"
    )
}

fn is_percent_word(k: &str) -> bool {
    matches!(k, "%" | "percent" | "pct" | "bps")
}

struct Scan<'a> {
    t: &'a [Tok],
    /// The text, which holds the keys of the tokens that are `in_text`.
    text: &'a str,
    /// The other keys of `t`, back to back.
    keys: &'a str,
    /// The sentence is an all-caps headline.
    caps: bool,
    /// Index of the first token that is not punctuation.
    first_word: usize,
}

impl Scan<'_> {
    fn run(&self, out: &mut Vec<Found>) {
        let (mut i, mut floor) = (0, 0);
        while i < self.t.len() {
            match self.at(i, floor) {
                Some(mut m) if m.e > i && m.s >= floor && m.s <= i && m.e <= self.t.len() => {
                    if m.s == i {
                        self.approximate(&mut m, floor);
                    }
                    if let Some(label) = m.label {
                        out.push(Found {
                            start_byte: self.t[m.s].start,
                            end_byte: self.t[m.e - 1].end,
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
    fn approximate(&self, m: &mut M, floor: usize) {
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

    fn k(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| self.key(t))
    }

    /// The lower-cased text of a token ("" when too long to matter).
    fn key(&self, t: &Tok) -> &str {
        let src = if t.in_text { self.text } else { self.keys };
        src.get(t.ks..t.ks + t.kl).unwrap_or("")
    }

    /// Key of the token before `i`, or "".
    fn kb(&self, i: usize) -> &str {
        if i == 0 { "" } else { self.k(i - 1) }
    }

    /// Tokens `i` and `i + 1` touch (no space between).
    fn touch(&self, i: usize) -> bool {
        match (self.t.get(i), self.t.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    fn cap(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.cap || (self.caps && t.upper))
    }

    fn is_kind(&self, i: usize, kind: Label) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == kind)
    }

    /// A plain integer token in `lo..=hi` with at most `maxdig` digits.
    fn int_at(&self, i: usize, lo: u32, hi: u32, maxdig: usize) -> Option<u32> {
        if !self.is_kind(i, Label::Number) {
            return None;
        }
        let (v, plain, nd) = parse_digits(self.k(i))?;
        (plain && nd <= maxdig && v >= f64::from(lo) && v <= f64::from(hi)).then_some(v as u32)
    }

    fn year_at(&self, i: usize) -> Option<u32> {
        self.int_at(i, 1000, 2100, 4).filter(|_| self.k(i).len() == 4)
    }

    /// A day of the month: "3" or "3rd".
    fn day_at(&self, i: usize) -> Option<u32> {
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
    fn back_modifiers(&self, mut s: usize, floor: usize, the: bool) -> usize {
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
    fn after_name(&self, i: usize) -> bool {
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
    fn identifier(&self, i: usize) -> Option<M> {
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

    fn at(&self, i: usize, floor: usize) -> Option<M> {
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
    fn shortcut(&self, i: usize, floor: usize) -> Option<Option<M>> {
        match self.k(i) {
            "the" | "that" => Some(self.relative(i, floor)),
            "a" | "an" => Some(self.relative(i, floor).or_else(|| self.number_led(i, floor))),
            _ => None,
        }
    }

    /// Every rule that can start at a word, in order; the first match wins.
    fn every_rule(&self, i: usize, floor: usize) -> Option<M> {
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

    // ---- numbers -------------------------------------------------------

    /// A number at `i`: digits ("1,000", "2.5 million", "$3bn" with
    /// `money`), words ("twenty-one", "a dozen", "two hundred") or a vague
    /// amount ("hundreds", "tens of thousands").
    fn num_at(&self, i: usize, money: bool) -> Option<Num> {
        let t = self.t.get(i)?;
        let k = self.key(t);
        if t.kind == Label::Number {
            let (v, plain, ndig) = parse_digits(k)?;
            let mut n = Num { e: i + 1, value: Some(v), digits: true, plain, ndig, scaled: false };
            let next = self.k(i + 1);
            if let Some(sc) = words::scale(next, money).filter(|_| next.len() > 1 || self.touch(i)) {
                n.value = Some(v * sc);
                n.e = i + 2;
                n.plain = false;
                n.scaled = true;
            }
            return Some(n);
        }
        if t.kind != Label::Word {
            return None;
        }
        if let Some((d, suf)) = split_digits(k) {
            let sc = words::scale(suf, money)?;
            let (v, _, ndig) = parse_digits(d)?;
            return Some(Num { e: i + 1, value: Some(v * sc), digits: true, plain: false, ndig, scaled: true });
        }
        if words::vague_scale(k) {
            // "tens of thousands", "hundreds of millions"
            let mut e = i + 1;
            if self.k(e) == "of" && words::vague_scale(self.k(e + 1)) && self.k(e + 1) != "tens" {
                e += 2;
            } else if k == "tens" {
                return None;
            }
            return Some(Num { e, value: None, digits: false, plain: false, ndig: 0, scaled: true });
        }
        self.word_number(i)
    }

    /// Number words: "six", "twenty-one", "a hundred", "two million".
    fn word_number(&self, i: usize) -> Option<Num> {
        #[derive(PartialEq, Clone, Copy)]
        enum P {
            Start,
            Unit,
            Tens,
            Hundred,
            Scale,
            And,
        }
        let (mut total, mut cur) = (0f64, 0f64);
        let mut prev = P::Start;
        let mut j = i;
        let mut best: Option<(usize, f64)> = None;
        let mut scaled = false;
        let half = self.k(i) == "half" && self.k(i + 1) == "a";
        if half {
            j += 1;
        }
        if matches!(self.k(j), "a" | "an") {
            let next = self.k(j + 1);
            if !matches!(next, "hundred" | "thousand" | "million" | "billion" | "trillion" | "dozen") {
                return None;
            }
            cur = if half { 0.5 } else { 1.0 };
            prev = P::Unit;
            j += 1;
        } else if half {
            return None;
        }
        while j < self.t.len() {
            let k = self.k(j);
            if let Some(n) = words::small_number(k) {
                let n = f64::from(n);
                let ok = match prev {
                    P::Start | P::Hundred | P::Scale | P::And => true,
                    P::Tens => n < 10.0 && j > 0 && self.k(j - 1) == "-",
                    P::Unit => false,
                };
                if !ok {
                    break;
                }
                cur += n;
                prev = if n >= 20.0 { P::Tens } else { P::Unit };
            } else if k == "-" && prev == P::Tens && self.touch(j) && j > 0 && self.touch(j - 1) {
                if !words::small_number(self.k(j + 1)).is_some_and(|n| (1..10).contains(&n)) {
                    break;
                }
                j += 1;
                continue;
            } else if k == "hundred" && matches!(prev, P::Unit | P::Tens) && cur < 100.0 {
                cur *= 100.0;
                prev = P::Hundred;
                scaled = true;
            } else if k == "dozen" && matches!(prev, P::Unit | P::Tens) {
                cur *= 12.0;
                prev = P::Scale;
            } else if let Some(sc) = words::scale(k, false).filter(|&s| s >= 1e3) {
                if !matches!(prev, P::Unit | P::Tens | P::Hundred) || cur == 0.0 {
                    break;
                }
                total += cur * sc;
                cur = 0.0;
                prev = P::Scale;
                scaled = true;
            } else if k == "and"
                && matches!(prev, P::Hundred | P::Scale)
                && words::small_number(self.k(j + 1)).is_some()
            {
                prev = P::And;
                j += 1;
                continue;
            } else {
                break;
            }
            j += 1;
            best = Some((j, total + cur));
        }
        let (e, v) = best?;
        Some(Num { e, value: Some(v), digits: false, plain: false, ndig: 0, scaled })
    }

    /// Patterns of digits and punctuation: ISO and slashed dates, clock
    /// times, year ranges, scores.
    fn structured(&self, i: usize) -> Option<M> {
        let k = self.k(i);
        let sep = self.k(i + 1);
        let joined = self.touch(i) && self.touch(i + 1);
        // 2024-03-05
        if joined && sep == "-" && k.len() == 4 && self.touch(i + 2) && self.k(i + 3) == "-" && self.touch(i + 3) {
            if let (Some(y), Some(m), Some(d)) =
                (self.year_at(i), self.int_at(i + 2, 1, 12, 2), self.int_at(i + 4, 1, 31, 2))
            {
                return Some(date(i, i + 5, Some(y), Some(m), Some(d)));
            }
            return Some(M::skip(i, i + 5));
        }
        // 3/5/2024 (month first unless the first part cannot be a month)
        if joined && sep == "/" && self.touch(i + 2) && self.k(i + 3) == "/" && self.touch(i + 3) {
            let (a, b) = (self.int_at(i, 1, 31, 2), self.int_at(i + 2, 1, 31, 2));
            let y = self.year_at(i + 4).or_else(|| self.int_at(i + 4, 0, 99, 2).map(|y| 2000 + y));
            if let (Some(a), Some(b), Some(y)) = (a, b, y) {
                let (m, d) = if a > 12 { (b, a) } else { (a, b) };
                if m <= 12 {
                    return Some(date(i, i + 5, Some(y), Some(m), Some(d)));
                }
            }
            return Some(M::skip(i, i + 5));
        }
        // 12:30, 9:05 p.m., 3:30pm
        if joined && sep == ":" {
            let h = self.int_at(i, 0, 24, 2)?;
            let (min, mer) = if let Some(m) = self.int_at(i + 2, 0, 59, 2).filter(|_| self.k(i + 2).len() == 2) {
                (m, None)
            } else {
                let (d, suf) = split_digits(self.k(i + 2))?;
                let m = parse_digits(d).filter(|p| p.1 && d.len() == 2 && p.0 < 60.0)?.0 as u32;
                (m, Some(words::meridiem(suf)?))
            };
            let m = self.clock_tail(i, i + 3, h, min, mer);
            if m.e == i + 3 && mer.is_none() && k.len() == 1 && self.after_name(i) {
                return Some(M::skip(i, i + 3)); // "Corinthians 9:25"
            }
            return Some(m);
        }
        // Ranges and scores: "2019-20", "2-1", but not "5-10%" (left to
        // the number rules) and not "123-4567".
        if joined && sep == "-" && self.is_kind(i + 2, Label::Number) {
            if let (Some(y), Some(y2)) = (self.year_at(i), self.int_at(i + 2, 0, 2100, 4)) {
                let k2 = self.k(i + 2);
                if k2.len() == 2 || (k2.len() == 4 && y2 > y) {
                    let end = if k2.len() == 2 { y / 100 * 100 + y2 } else { y2 };
                    return Some(
                        M::new(i, i + 3, Label::Date).with("year", i64::from(y)).with("iso", format!("{y}/{end}")),
                    );
                }
            }
            let after = self.k(i + 3);
            let ranged = is_percent_word(after)
                || after == "per"
                || words::unit(after).is_some()
                || words::date_unit(after).is_some()
                || words::time_unit(after).is_some()
                || words::currency_word(after).is_some()
                || words::scale(after, false).is_some()
                || words::month_full(after).is_some()
                || words::month_abbr(after).is_some();
            if ranged {
                return None;
            }
            if let (Some(a), Some(b)) = (self.int_at(i, 0, 99, 2), self.int_at(i + 2, 0, 99, 2)) {
                return Some(M::new(i, i + 3, Label::Cardinal).with("score", format!("{a}-{b}")));
            }
            if k.len() >= 3 || self.k(i + 2).len() >= 3 {
                let mut e = i + 3;
                while self.k(e) == "-" && self.touch(e - 1) && self.touch(e) && self.is_kind(e + 1, Label::Number) {
                    e += 2;
                }
                return Some(M::skip(i, e));
            }
        }
        None
    }

    /// The rest of a clock time: a.m./p.m., a time zone, "local time".
    fn clock_tail(&self, s: usize, mut e: usize, mut hour: u32, minute: u32, mut mer: Option<u32>) -> M {
        if mer.is_none()
            && let Some(m) = words::meridiem(self.k(e))
        {
            mer = Some(m);
            e += 1;
        }
        if let Some(off) = mer {
            if hour == 12 {
                hour = off;
            } else if hour < 12 {
                hour += off;
            }
        }
        let mut m = M::new(s, e, Label::Time);
        let zone = self.k(e);
        if words::zone(zone) && self.t.get(e).is_some_and(|t| t.upper || self.caps) {
            m.e = e + 1;
            m = m.with("zone", zone.to_ascii_uppercase());
        } else if zone == "local" && self.k(e + 1) == "time" {
            m.e = e + 2;
        }
        m.with("hour", i64::from(hour)).with("minute", i64::from(minute))
    }

    /// Word tokens that start with digits: "3pm", "10km", "21st", "1990s",
    /// "1.5bn".
    fn attached(&self, i: usize, floor: usize) -> Option<M> {
        let (d, suf) = split_digits(self.k(i))?;
        let (v, plain, ndig) = parse_digits(d)?;
        if matches!(suf, "st" | "nd" | "rd" | "th") && plain {
            let next = self.k(i + 1);
            let named = !self.caps
                && self.cap(i + 1)
                && self.is_kind(i + 1, Label::Word)
                && words::month_full(next).is_none()
                && words::month_abbr(next).is_none();
            if named {
                return None; // "the 101st Airborne Division", "5th Fleet"
            }
            return Some(self.ordinal_tail(i, i + 1, v as u32, floor));
        }
        if suf == "s" && plain && d.ends_with('0') && (ndig == 4 || ndig == 2) {
            let decade = if ndig == 2 { 1900 + v as i64 } else { v as i64 };
            let mut s = i;
            if ndig == 2 && s > floor && self.k(s - 1) == "'" && self.touch(s - 1) {
                s -= 1;
            }
            let mut s = self.back_modifiers(s, floor, true);
            if ndig == 2 && s > floor && matches!(self.kb(s), "his" | "her" | "their" | "my" | "your" | "our") {
                s -= 1; // an age: "in her 80s"
            }
            return Some(M::new(s, i + 1, Label::Date).with("decade", decade));
        }
        if let Some(off) = words::meridiem(suf) {
            // "3pm", "3.30pm"
            let h = v.trunc();
            let min = ((v - h) * 100.0).round();
            if h <= 12.0 && min < 60.0 {
                return Some(self.clock_tail(i, i + 1, h as u32, min as u32, Some(off)));
            }
            return None;
        }
        if words::scale(suf, false).is_some() {
            let n = self.num_at(i, false)?;
            return self.number_suffix(i, n, floor);
        }
        if let Some(u) = words::unit(suf).filter(|_| suf.len() > 1) {
            return Some(M::new(i, i + 1, Label::Quantity).with("value", num_value(v)).with("unit", u));
        }
        // temperatures in British style: "30C", "86F"
        let text_suffix_upper = self.t[i].upper || self.t[i].cap;
        if matches!(suf, "c" | "f") && text_suffix_upper && ndig <= 3 {
            let unit = if suf == "c" { "°C" } else { "°F" };
            return Some(M::new(i, i + 1, Label::Quantity).with("value", num_value(v)).with("unit", unit));
        }
        None
    }

    /// Money written with a symbol or code first: "$135 million", "£3bn",
    /// "US$5", "C$10".
    fn money_prefix(&self, i: usize) -> Option<M> {
        let (mut j, cur) = if let Some(c) = words::currency_symbol(self.k(i)) {
            (i + 1, c)
        } else {
            // "US$5", "NZ $ 26 million"
            let spaced_ok = self.t[i].upper && self.k(i).len() >= 2;
            let c = words::dollar_prefix(self.k(i)).filter(|_| self.k(i + 1) == "$" && (self.touch(i) || spaced_ok))?;
            (i + 2, c)
        };
        let symbol = self.k(j - 1);
        let n = self.num_at(j, true)?;
        n.value?;
        let mut amount = n.value;
        let mut to = None;
        j = n.e;
        // ranges: "€ 15 - 25", "$5-10 million", "$5 to $10"
        if matches!(self.k(j), "-" | "to") {
            let j2 = if self.k(j + 1) == symbol { j + 2 } else { j + 1 };
            if let Some(n2) = self.num_at(j2, true).filter(|n2| n2.value.is_some() && n2.digits) {
                if n2.scaled && !n.scaled {
                    amount = n.value.map(|a| a * scale_of(self, n2));
                }
                to = n2.value;
                j = n2.e;
            }
        }
        let mut m = M::new(i, j, Label::Money).num("amount", amount).with("currency", cur);
        if let Some(t) = to {
            m = m.with("to", num_value(t));
        }
        Some(m)
    }

    /// "USD 5 million", "EUR 100".
    fn currency_code_first(&self, i: usize) -> Option<M> {
        if !self.t[i].upper {
            return None;
        }
        let cur = words::currency_code(self.k(i))?;
        let n = self.num_at(i + 1, true)?;
        n.value?;
        Some(M::new(i, n.e, Label::Money).num("amount", n.value).with("currency", cur))
    }

    /// Everything that starts with a number.
    fn number_led(&self, i: usize, floor: usize) -> Option<M> {
        let n = self.num_at(i, false)?;
        // "two-thirds", "one-half": fractions
        if !n.digits && self.k(n.e) == "-" && self.touch(n.e) && self.touch(n.e - 1) {
            let den = match self.k(n.e + 1) {
                "half" | "halves" => 2.0,
                "third" | "thirds" => 3.0,
                "quarter" | "quarters" => 4.0,
                "fifth" | "fifths" => 5.0,
                "tenth" | "tenths" => 10.0,
                _ => 0.0,
            };
            if let Some(v) = n.value.filter(|v| den > 0.0 && *v < 10.0) {
                return Some(
                    M::new(i, n.e + 2, Label::Cardinal).with("value", num_value((v / den * 1e4).round() / 1e4)),
                );
            }
        }
        // "twenty-first" is an ordinal
        if !n.digits && self.k(n.e) == "-" && words::ordinal_word(self.k(n.e + 1)).is_some() {
            return None;
        }
        // Ranges: "5-10%", "10 to 15 percent", "two to three years".
        let sep = self.k(n.e);
        let between = sep == "and" && i > floor && self.kb(i) == "between";
        if (matches!(sep, "-" | "to") || between)
            && n.value.is_some()
            && let Some(n2) = self.num_at(n.e + 1, false).filter(|n2| n2.value.is_some())
        {
            {
                let mut n2r = n2;
                if let Some(mut m) = self
                    .number_suffix(n.e + 1, n2, floor)
                    .filter(|m| m.label != Some(Label::Cardinal) && m.label.is_some())
                {
                    if m.label == Some(Label::Date) && m.attrs.contains_key("year") && !m.attrs.contains_key("day") {
                        // "1 to 2003": not a range
                    } else {
                        m.s = m.s.min(if between { i - 1 } else { i });
                        if m.attrs.contains_key("day") {
                            if let (Some(a), Some(b)) = (n.value, m.attrs.remove("day")) {
                                m.attrs.insert("day", num_value(a));
                                m.attrs.insert("to_day", b);
                                m.attrs.remove("iso");
                            }
                            return Some(m);
                        }
                        let key = if m.label == Some(Label::Money) { "amount" } else { "value" };
                        let to = m.attrs.remove(key);
                        if !n.scaled && n2.scaled {
                            // "2 to 3 million": the scale is shared
                            n2r.value = n.value.zip(n2.value).map(|(a, _)| a * scale_of(self, n2));
                        } else {
                            n2r.value = n.value;
                        }
                        if let Some(v) = n2r.value {
                            m.attrs.insert(key, num_value(v));
                        }
                        if let Some(to) = to {
                            m.attrs.insert("to", to);
                        }
                        return Some(m);
                    }
                }
            }
        }
        self.number_suffix(i, n, floor)
    }

    /// What a number at `i` is, given the words after it.
    fn number_suffix(&self, i: usize, n: Num, floor: usize) -> Option<M> {
        let j = n.e;
        let k = self.k(j);
        let v = n.value;
        // percent
        let pct_end = if is_percent_word(k) {
            Some(j + 1)
        } else if k == "-"
            && matches!(self.k(j + 1), "basis" | "percentage")
            && self.k(j + 2) == "-"
            && matches!(self.k(j + 3), "point" | "points")
        {
            Some(j + 4) // "a 25-basis-point cut"
        } else if (k == "per" && self.k(j + 1) == "cent")
            || (matches!(k, "percentage" | "basis") && matches!(self.k(j + 1), "point" | "points"))
        {
            Some(j + 2)
        } else {
            None
        };
        if let Some(e) = pct_end {
            v?;
            let mut m = M::new(i, e, Label::Percent).num("value", v);
            let kind = if k == "-" { self.k(j + 1) } else { k };
            if matches!(kind, "percentage" | "basis" | "bps") {
                m = m.with("unit", if kind == "percentage" { "percentage_point" } else { "basis_point" });
            }
            return Some(m);
        }
        // money after the number: "500 euros", "1,000 Iraqi dinars",
        // "millions of dollars", "5 million USD"
        if let Some(m) = self.money_suffix(i, j, n) {
            return Some(m);
        }
        if v.is_none() {
            return Some(M::new(i, j, Label::Cardinal));
        }
        // clock
        if let Some(off) = words::meridiem(k).filter(|_| k.contains('.') || n.digits) {
            let x = v.unwrap_or(0.0);
            let (h, min) = (x.trunc(), ((x - x.trunc()) * 100.0).round());
            if h <= 12.0 && min < 60.0 {
                return Some(self.clock_tail(i, j + 1, h as u32, min as u32, Some(off)));
            }
        }
        if k == "o'clock" {
            return Some(M::new(i, j + 1, Label::Time).num("hour", v));
        }
        if matches!(k, "noon" | "midnight") && n.digits {
            return Some(
                M::new(i, j + 1, Label::Time).with("hour", if k == "noon" { 12i64 } else { 0 }).with("minute", 0i64),
            );
        }
        let zoned =
            (self.t.get(j).is_some_and(|t| t.upper) && words::zone(k)) || (k == "local" && self.k(j + 1) == "time");
        if n.plain && n.ndig == 4 && self.k(i).len() == 4 && zoned {
            let x = v.unwrap_or(0.0) as u32;
            if x / 100 < 24 && x % 100 < 60 {
                return Some(self.clock_tail(i, j, x / 100, x % 100, None));
            }
        }
        // durations and ages: "three years", "two-day", "10-year-old"
        let hyphen = k == "-" && self.touch(j) && j > 0 && self.touch(j - 1);
        let uk = if hyphen { self.k(j + 1) } else { k };
        let ue = if hyphen { j + 2 } else { j + 1 };
        // "four more days", "three straight years"
        let (uk, ue) = if !hyphen
            && matches!(k, "more" | "additional" | "straight" | "consecutive" | "further" | "full")
            && (words::date_unit(self.k(j + 1)).is_some() || words::time_unit(self.k(j + 1)).is_some())
        {
            (self.k(j + 1), j + 2)
        } else {
            (uk, ue)
        };
        let titled = !self.caps && self.t.get(ue - 1).is_some_and(|t| t.cap);
        let year_like = n.plain && n.ndig == 4 && !uk.ends_with('s');
        if let Some(u) = words::date_unit(uk)
            && !(u == "quarter" && (n.digits || !hyphen) && self.k(ue) == "of")
            && !titled
            && !year_like
        {
            return Some(self.duration(i, ue, v, u, hyphen, floor, Label::Date));
        }
        if let Some(u) = words::time_unit(uk) {
            return Some(self.duration(i, ue, v, u, hyphen, floor, Label::Time));
        }
        if let Some(m) = self.quantity(i, j, v) {
            return Some(m);
        }
        // "3 March 2024"
        if n.plain
            && n.ndig <= 2
            && (1.0..=31.0).contains(&v.unwrap_or(0.0))
            && self.cap(j)
            && let Some(mo) = words::month_full(k).or_else(|| words::month_abbr(k))
        {
            let mut e = j + 1;
            let y = self.year_at(e);
            if y.is_some() {
                e += 1;
            }
            return Some(date(i, e, y, Some(mo), v.map(|d| d as u32)));
        }
        // "3000 BC", "394 AD"
        let era = matches!(k, "bc" | "b.c." | "bce" | "b.c.e." | "ad" | "a.d." | "ce" | "c.e.")
            && self.t.get(j).is_some_and(|t| t.upper || self.key(t).contains('.'));
        if n.plain && n.ndig <= 4 && era {
            let y = v.unwrap_or(0.0) as i64;
            let bc = k.starts_with('b');
            return Some(M::new(i, j + 1, Label::Date).with("year", if bc { -y } else { y }));
        }
        // years
        if n.plain && n.ndig == 4 && self.k(i).len() == 4 {
            let y = v.unwrap_or(0.0) as u32;
            let in_context = (1800..=2100).contains(&y)
                || (1000..1800).contains(&y)
                    && (matches!(
                        self.kb(i),
                        "in" | "since" | "of" | "by" | "until" | "from" | "(" | "and" | "or" | "to"
                    ) || matches!(k, ")" | "-" | "–"));
            let next = self.t.get(j);
            let counted = next.is_some_and(|t| {
                t.kind == Label::Word
                    && !t.cap
                    && (self.key(t).ends_with('s') || matches!(self.key(t), "people" | "children" | "men" | "women"))
            }) && !temporal_prep(self.kb(i))
                && !matches!(self.kb(i), "the" | "'s" | "a" | "its" | "their" | "his" | "her");
            if in_context && !self.after_name(i) && !counted {
                let mut s = self.back_modifiers(i, floor, false);
                let mut e = j;
                if s > floor && matches!(self.kb(s), "fiscal" | "fy") {
                    s -= 1;
                }
                if matches!(k, "onwards" | "onward") {
                    e += 1;
                } else if k == "season" && !self.cap(j) {
                    // sports: "the 2024 season"
                    e += 1;
                    if s > floor
                        && matches!(self.kb(s), "the" | "his" | "her" | "their" | "its" | "this" | "last" | "next")
                    {
                        s -= 1;
                    }
                }
                let mut m = M::new(s, e, Label::Date).with("year", i64::from(y));
                if e == j {
                    m = m.with("iso", y.to_string());
                }
                return Some(m);
            }
        }
        // ages: "Smith, 45, said" and "aged 45"
        let age_ok = n.plain && n.ndig <= 3 && v.is_some_and(|x| (1.0..=120.0).contains(&x));
        if age_ok && matches!(self.kb(i), "aged" | "age") && i > floor {
            return Some(M::new(i - 1, j, Label::Date).num("age", v));
        }
        if age_ok && i >= 2 && self.kb(i) == "," && self.is_kind(i - 2, Label::Word) && k == "," && !self.caps {
            return Some(M::new(i, j, Label::Date).num("age", v));
        }
        // plain cardinals
        if n.digits {
            if self.after_name(i) && n.plain {
                return None;
            }
            if self.touch(j - 1) && matches!(k, "/") {
                if self.k(i) == "9" && self.k(j + 1) == "11" && self.touch(j) {
                    return Some(date(i, j + 2, None, Some(9), Some(11)).with("iso", "2001-09-11"));
                }
                // fractions and codes: "1/2", "24/7"
                return Some(M::skip(i, (j + 2).min(self.t.len())));
            }
        } else if self.after_name(i) && n.value.is_some_and(|x| x < 100.0) {
            return None; // "Chapter two", "Mobile Unit Two"
        } else if self.cap(i) && i > self.first_word && !self.caps && self.cap(j) && self.is_kind(j, Label::Word) {
            return None; // titles: "Seven Days", "Four Centuries"
        } else if self.k(i) == "one" && j == i + 1 {
            let prev = self.kb(i);
            if matches!(
                prev,
                "the"
                    | "no"
                    | "any"
                    | "every"
                    | "each"
                    | "this"
                    | "that"
                    | "which"
                    | "only"
                    | "another"
                    | "last"
                    | "little"
                    | "big"
                    | "-"
            ) || matches!(k, "another" | "'s" | "-" | "day")
                || (self.cap(i) && i > 0 && !self.caps)
            {
                return None;
            }
        }
        Some(M::new(i, j, Label::Cardinal).num("value", v))
    }

    /// "three years ago", "the past two weeks", "a 10-year-old", "two hours".
    #[allow(clippy::too_many_arguments)]
    fn duration(
        &self,
        i: usize,
        mut e: usize,
        v: Option<f64>,
        unit: &'static str,
        hyphen: bool,
        floor: usize,
        label: Label,
    ) -> M {
        let mut relative = false;
        let mut age = false;
        if hyphen && self.k(e) == "-" && self.k(e + 1) == "old" && self.touch(e) {
            e += 2;
            age = true;
        } else if !hyphen && self.k(e) == "old" {
            e += 1;
            age = true;
        } else if !hyphen && matches!(self.k(e), "ago" | "earlier" | "later" | "before" | "after" | "hence") {
            relative = matches!(self.k(e), "ago" | "earlier" | "later" | "hence");
            e += usize::from(relative);
        }
        let mut s = i;
        if !hyphen && s > floor {
            let m = self.k(s - 1);
            let the = s >= floor + 2 && self.k(s - 2) == "the";
            if matches!(m, "past" | "last" | "next" | "coming" | "previous" | "following" | "first") && the {
                s -= 2;
                relative = m != "first";
            } else if matches!(m, "past" | "next")
                || (m == "last"
                    && matches!(
                        if s >= floor + 2 { self.k(s - 2) } else { "" },
                        "in" | "over" | "for" | "during" | "within"
                    ))
            {
                // "in last 24 hours", but not "to last 45 minutes"
                s -= 1;
                relative = true;
            }
        }
        let mut m = M::new(s, e, label).num("value", v).with("unit", unit);
        if age {
            m = m.num("age", v);
        }
        if relative {
            m = m.with("relative", true);
        }
        m
    }

    fn money_suffix(&self, i: usize, j: usize, n: Num) -> Option<M> {
        let k = self.k(j);
        let mut e = j;
        let mut adj = "";
        if k == "of" && n.value.is_none() {
            e += 1; // "millions of dollars"
        } else if self.cap(j) && self.is_kind(j, Label::Word) && words::currency_word(self.k(j + 1)).is_some() {
            adj = k; // "Iraqi dinars"
            e += 1;
        } else if self.cap(j) && self.is_kind(j, Label::Word) && self.k(j + 1) == "kong" || k == "sri" || k == "south" {
            adj = k; // "Hong Kong dollars", "Sri Lankan rupees"
            e += 2;
        }
        let w = self.k(e);
        let code = if let Some(c) = words::currency_word(w) {
            let by_adj = if adj.is_empty() { None } else { words::currency_by_adjective(adj, w) };
            Some(by_adj.unwrap_or(c))
        } else if matches!(w, "pound" | "pounds") {
            // weight unless it is plainly money
            let by_adj = if adj.is_empty() { None } else { words::currency_by_adjective(adj, w) };
            if by_adj.is_some() {
                by_adj
            } else if n.scaled || self.k(e + 1) == "sterling" {
                Some("GBP")
            } else {
                None
            }
        } else if self.t.get(e).is_some_and(|t| t.upper) && adj.is_empty() && e == j {
            words::currency_code(w)
        } else {
            None
        };
        let code = code?;
        e += 1;
        if self.k(e) == "sterling" {
            e += 1;
        }
        let mut amount = n.value;
        if matches!(w, "cent" | "cents" | "pence" | "penny") {
            amount = amount.map(|a| a / 100.0);
        }
        let mut m = M::new(i, e, Label::Money).num("amount", amount);
        if !code.is_empty() {
            m = m.with("currency", code);
        }
        Some(m)
    }

    fn quantity(&self, i: usize, j: usize, v: Option<f64>) -> Option<M> {
        let mut e = j;
        let mut k = self.k(e);
        let mut prefix = "";
        if k == "-" && self.touch(j) && j > 0 && self.touch(j - 1) {
            e += 1;
            k = self.k(e);
        }
        if matches!(k, "square" | "sq" | "sq." | "cubic") {
            prefix = if k == "cubic" { "cu " } else { "sq " };
            e += 1;
            k = self.k(e);
        }
        let mut unit = if k == "°" { "deg" } else { words::unit(k)? };
        e += 1;
        if unit == "deg" {
            let next = self.k(e);
            if matches!(next, "celsius" | "c" | "centigrade") {
                unit = "°C";
                e += 1;
            } else if matches!(next, "fahrenheit" | "f") {
                unit = "°F";
                e += 1;
            }
        } else if unit == "km" && self.k(e) == "/" && self.k(e + 1) == "h" {
            unit = "km/h";
            e += 2;
        }
        if matches!(self.k(e), "per" | "a") && matches!(self.k(e + 1), "day" | "hour" | "year") {
            e += 2;
        }
        let u: Value = if prefix.is_empty() { unit.into() } else { format!("{prefix}{unit}").into() };
        let mut m = M::new(i, e, Label::Quantity).num("value", v);
        m.attrs.insert("unit", u);
        Some(m)
    }

    // ---- dates -----------------------------------------------------------

    /// "January", "March 3", "March 3, 2024", "Jan. 5", "May 2024",
    /// "mid-January".
    fn month(&self, i: usize, floor: usize) -> Option<M> {
        if !self.cap(i) {
            return None;
        }
        let k = self.k(i);
        let (mo, full) = match words::month_full(k) {
            Some(m) => (m, true),
            None => (words::month_abbr(k)?, false),
        };
        let mut e = i + 1;
        let (mut day, mut year) = (None, None);
        if let Some(d) = self.day_at(e).filter(|_| self.k(e + 1) != ":" && !is_percent_word(self.k(e + 1))) {
            day = Some(d);
            e += 1;
            let to_day = self.day_at(e + 1).filter(|t| self.k(e) == "-" && *t > d && !matches!(self.k(e + 2), ":"));
            if to_day.is_some() {
                e += 2;
            }
            if self.k(e) == "," && self.year_at(e + 1).is_some() {
                year = self.year_at(e + 1);
                e += 2;
            } else if let Some(y) = self.year_at(e) {
                year = Some(y);
                e += 1;
            }
        } else if let Some(y) = self.year_at(e) {
            year = Some(y);
            e += 1;
        } else if self.k(e) == "," && full && self.year_at(e + 1).is_some() {
            year = self.year_at(e + 1);
            e += 2;
        } else if matches!(self.k(e), "-" | "to" | "through")
            && let Some(m2) = words::month_full(self.k(e + 1)).filter(|_| full)
            && let Some(y) = self.year_at(e + 2)
        {
            let s = self.back_modifiers(i, floor, false);
            return Some(date(s, e + 3, Some(y), Some(mo), None).with("to_month", i64::from(m2)));
        }
        if day.is_none() && year.is_none() {
            if !full {
                return None;
            }
            let prev = self.kb(i);
            let supported = temporal_prep(prev);
            if matches!(k, "may" | "march") && (!supported || matches!(prev, "and" | "to" | "-")) {
                return None;
            }
            let name_next = !self.caps && self.t.get(e).is_some_and(|t| t.kind == Label::Word && t.cap);
            if name_next && !supported {
                return None;
            }
        }
        let s = self.back_modifiers(i, floor, false);
        let mut m = date(s, e, year, Some(mo), day);
        if e >= i + 3
            && self.k(i + 2) == "-"
            && let Some(t) = self.day_at(i + 3)
        {
            m = m.with("to_day", i64::from(t));
        }
        Some(m)
    }

    /// "Tuesday", "on Tuesdays", "Tuesday night" (TIME), "last Friday",
    /// "Tuesday, March 3".
    fn weekday(&self, i: usize, floor: usize) -> Option<M> {
        if !self.cap(i) {
            return None;
        }
        let k = self.k(i);
        let wd = match words::weekday(k) {
            Some(w) => w,
            None => {
                let w = words::weekday_abbr(k)?;
                let next = self.k(i + 1);
                if !(next == ","
                    || words::month_full(next).is_some()
                    || words::month_abbr(next).is_some()
                    || self.day_at(i + 1).is_some())
                {
                    return None;
                }
                w
            }
        };
        let mut s = i;
        let mut relative = true;
        if s > floor && matches!(self.kb(i), "last" | "next" | "this" | "early" | "late" | "every" | "each") {
            s -= 1;
        }
        if words::part_of_day(self.k(i + 1)) {
            return Some(M::new(s, i + 2, Label::Time).with("weekday", i64::from(wd)).with("relative", true));
        }
        let mut e = i + 1;
        let mut m = M::new(s, e, Label::Date);
        let comma = usize::from(self.k(e) == ",");
        let dated = self
            .month(e + comma, e + comma)
            .or_else(|| self.number_led(e + comma, e + comma).filter(|m| m.label == Some(Label::Date)));
        if let Some(dm) = dated.filter(|dm| dm.attrs.contains_key("day") && dm.attrs.contains_key("month")) {
            e = dm.e;
            m = dm;
            m.s = s;
            m.e = e;
            relative = false;
        }
        m = m.with("weekday", i64::from(wd));
        if relative {
            m = m.with("relative", true);
        }
        Some(m)
    }

    /// Relative dates and times: "yesterday", "tonight", "last week", "this
    /// morning", "the past year", "recent years", "a year ago", "earlier
    /// this month".
    fn relative(&self, i: usize, floor: usize) -> Option<M> {
        let k = self.k(i);
        let rel = |m: M| m.with("relative", true);
        if k == "the" && matches!(self.k(i + 1), "end" | "beginning" | "start" | "middle") && self.k(i + 2) == "of" {
            let j = i + 3;
            if self.k(j) == "the" && matches!(self.k(j + 1), "year" | "month" | "week" | "day" | "decade" | "century") {
                return Some(rel(
                    M::new(i, j + 2, Label::Date).with("unit", words::date_unit(self.k(j + 1)).unwrap_or("year"))
                ));
            }
            let inner = self.t.get(j).and_then(|t| if t.kl == 0 { None } else { self.at(j, j) });
            if let Some(m) = inner.filter(|m| m.label == Some(Label::Date) && m.s == j) {
                return Some(M { s: i, ..m });
            }
            return None;
        }
        match k {
            "today" | "yesterday" | "tomorrow" => {
                if self.cap(i) && i > 0 && !self.caps && self.cap(i - 1) {
                    return None; // "USA Today"
                }
                if words::part_of_day(self.k(i + 1)) {
                    return Some(rel(M::new(i, i + 2, Label::Time)));
                }
                return Some(rel(M::new(i, i + 1, Label::Date)));
            }
            "tonight" | "overnight" => return Some(rel(M::new(i, i + 1, Label::Time))),
            "the"
                if words::part_of_day(self.k(i + 1))
                    && self.k(i + 1) != "overnight"
                    && matches!(self.kb(i), "in" | "during" | "by" | "through" | "until" | "overnight") =>
            {
                return Some(M::new(i, i + 2, Label::Time)); // "in the morning"
            }
            "the" | "that" if self.k(i + 1) == "same" => {
                // "that same year", "the same day"
                let u = self.k(i + 2);
                let unit = words::date_unit(u).filter(|_| !u.ends_with('s'))?;
                return Some(rel(M::new(i, i + 3, Label::Date).with("unit", unit)));
            }
            "recent" => {
                let u = self.k(i + 1);
                if words::date_unit(u).is_some() && u.ends_with('s') {
                    return Some(rel(M::new(i, i + 2, Label::Date)));
                }
                return None;
            }
            "earlier" | "later" | "early" | "late" => {
                if words::relative_modifier(self.k(i + 1)) {
                    let m = self.relative(i + 1, i + 1)?;
                    return Some(M { s: i, ..m });
                }
                return None;
            }
            "a" | "several" | "many" if self.vague_duration(i).is_some() => return self.vague_duration(i),
            "a" | "an" => {
                let u = self.k(i + 1);
                if matches!(self.k(i + 2), "ago" | "earlier" | "later") {
                    if let Some(unit) = words::date_unit(u) {
                        return Some(rel(M::new(i, i + 3, Label::Date).with("value", 1i64).with("unit", unit)));
                    }
                    if let Some(unit) = words::time_unit(u) {
                        return Some(rel(M::new(i, i + 3, Label::Time).with("value", 1i64).with("unit", unit)));
                    }
                }
                return None;
            }
            _ => {}
        }
        // plural units + "ago": "years ago", "hours later"
        if let Some(unit) = words::date_unit(k).or_else(|| words::time_unit(k)) {
            if k.ends_with('s') && matches!(self.k(i + 1), "ago" | "earlier" | "later") {
                let label = if words::time_unit(k).is_some() { Label::Time } else { Label::Date };
                return Some(rel(M::new(i, i + 2, label).with("unit", unit)));
            }
            if k == "weekend" && self.kb(i) == "the" && i > floor {
                return Some(M::new(i - 1, i + 1, Label::Date));
            }
            return None;
        }
        if !words::relative_modifier(k) {
            return None;
        }
        let mut e = i + 1;
        if matches!(self.k(e), "few" | "several") {
            e += 1;
        } else if self.k(e) == "couple" && self.k(e + 1) == "of" {
            e += 2;
        }
        let x = self.k(e);
        let plural_only = e > i + 1;
        let (label, attrs_unit) = if let Some(u) = words::date_unit(x) {
            // "the past few days" needs a plural; "this weeks" is no date
            if (plural_only && !x.ends_with('s'))
                || (!plural_only
                    && x.ends_with('s')
                    && !matches!(k, "past" | "next" | "coming" | "last" | "previous" | "following"))
            {
                return None;
            }
            (Label::Date, Some(u))
        } else if words::part_of_day(x) && e == i + 1 && x != "overnight" {
            (Label::Time, None)
        } else if e == i + 1
            && ((words::weekday(x).is_some() || words::month_full(x).is_some()) && self.cap(e) || words::season(x))
        {
            (Label::Date, None)
        } else {
            return None;
        };
        if matches!(k, "past" | "previous" | "following" | "coming") && self.kb(i) != "the" && k != "past" {
            return None;
        }
        let mut s = i;
        if s > floor && self.kb(i) == "the" {
            s -= 1;
        }
        let mut m = rel(M::new(s, e + 1, label));
        if let Some(u) = attrs_unit {
            m = m.with("unit", u);
        }
        if let Some(mo) = words::month_full(x) {
            m = m.with("month", i64::from(mo));
        }
        if let Some(wd) = words::weekday(x) {
            m = m.with("weekday", i64::from(wd));
        }
        Some(m)
    }

    /// "a few years ago", "several days", "many years later".
    fn vague_duration(&self, i: usize) -> Option<M> {
        let mut j = i + 1;
        match (self.k(i), self.k(j)) {
            ("a", "few") => j += 1,
            ("a", "couple") if self.k(j + 1) == "of" => j += 2,
            ("several" | "many", _) => {}
            _ => return None,
        }
        let u = self.k(j);
        if !u.ends_with('s') {
            return None;
        }
        let label = if words::date_unit(u).is_some() {
            Label::Date
        } else if words::time_unit(u).is_some() {
            Label::Time
        } else {
            return None;
        };
        let unit = words::date_unit(u).or_else(|| words::time_unit(u))?;
        let after = matches!(self.k(j + 1), "ago" | "earlier" | "later");
        if self.k(i) == "many" && !after {
            return None;
        }
        let mut m = M::new(i, j + 1 + usize::from(after), label).with("unit", unit);
        if after {
            m = m.with("relative", true);
        }
        Some(m)
    }

    /// "first", "21st", "twenty-first"; "the 19th century" and "the first
    /// quarter" are DATEs.
    fn ordinal(&self, i: usize, floor: usize) -> Option<M> {
        let k = self.k(i);
        let (v, e) = if let Some(v) = words::ordinal_word(k) {
            (v, i + 1)
        } else {
            let tens = words::small_number(k).filter(|n| *n >= 20)?;
            if self.k(i + 1) != "-" || !self.touch(i) || !self.touch(i + 1) {
                return None;
            }
            let o = words::ordinal_word(self.k(i + 2)).filter(|o| *o < 10)?;
            (tens + o, i + 3)
        };
        if k == "second" {
            let prev = self.kb(i);
            let next = self.t.get(e);
            let unit_like =
                matches!(prev, "a" | "one" | "per" | "split" | "every") && next.is_none_or(|t| t.kind == Label::Punct);
            if unit_like {
                return None;
            }
        }
        if (k == "first" && self.k(e) == "and" && self.k(e + 1) == "foremost")
            || (k == "first" && self.kb(i) == "at" && self.is_kind(e, Label::Punct))
        {
            return None;
        }
        // "First Lady", "Second World War", "Fifth Fleet": part of a name
        if self.cap(i) && i > 0 && !self.caps && self.cap(e) && self.is_kind(e, Label::Word) {
            return None;
        }
        Some(self.ordinal_tail(i, e, v, floor))
    }

    fn ordinal_tail(&self, i: usize, e: usize, v: u32, floor: usize) -> M {
        let next = self.k(e);
        if next == "-" && self.touch(e) && self.k(e + 1) == "century" {
            return M::new(i, e + 2, Label::Date).with("century", i64::from(v)); // "a 17th-century writer"
        }
        if matches!(next, "century" | "centuries") {
            let s = self.back_modifiers(i, floor, true);
            let era = matches!(self.k(e + 1), "bc" | "b.c." | "bce" | "ad" | "a.d." | "ce")
                && self.t.get(e + 1).is_some_and(|t| t.upper);
            return M::new(s, e + 1 + usize::from(era), Label::Date).with("century", i64::from(v));
        }
        if next == "minute" {
            // match reports: "in the 62nd minute"
            let s = if i > floor && self.kb(i) == "the" { i - 1 } else { i };
            return M::new(s, e + 1, Label::Time).with("minute_of_play", i64::from(v));
        }
        let hy = next == "-" && self.touch(e);
        let unit = if hy { self.k(e + 1) } else { next };
        if !hy
            && matches!(next, "day" | "week" | "month" | "year" | "decade" | "weekend")
            && i > floor
            && self.kb(i) == "the"
        {
            // "the first week of the operation"
            return M::new(i - 1, e + 1, Label::Date).with("unit", next).with("ordinal", i64::from(v));
        }
        if matches!(unit, "quarter" | "half") && v <= 4 {
            let mut end = e + 1 + usize::from(hy);
            let mut year = None;
            if self.k(end) == "of" {
                if let Some(y) = self.year_at(end + 1) {
                    year = Some(y);
                    end += 2;
                }
            } else if let Some(y) = self.year_at(end) {
                year = Some(y);
                end += 1;
            }
            let s = if i > floor && self.kb(i) == "the" { i - 1 } else { i };
            let mut m =
                M::new(s, end, Label::Date).with(if unit == "quarter" { "quarter" } else { "half" }, i64::from(v));
            if let Some(y) = year {
                m = m.with("year", i64::from(y));
            }
            return m;
        }
        let of = usize::from(next == "of");
        let mk = self.k(e + of);
        if let Some(mo) =
            words::month_full(mk).or_else(|| words::month_abbr(mk)).filter(|_| v <= 31 && self.cap(e + of))
        {
            let mut end = e + of + 1;
            let y = self.year_at(end);
            if y.is_some() {
                end += 1;
            }
            let s = if of == 1 && i > floor && self.kb(i) == "the" { i - 1 } else { i };
            return date(s, end, y, Some(mo), Some(v));
        }
        M::new(i, e, Label::Ordinal).with("value", i64::from(v))
    }

    /// Named holidays: "Christmas", "Eid al-Fitr", "New Year's Eve".
    fn holiday(&self, i: usize, floor: usize) -> Option<M> {
        if !self.cap(i) {
            return None;
        }
        let k = self.k(i);
        if !words::holiday_start(k) {
            return None;
        }
        'outer: for h in words::HOLIDAYS {
            if h[0] != k {
                continue;
            }
            for (n, w) in h.iter().enumerate().skip(1) {
                if self.k(i + n) != *w {
                    continue 'outer;
                }
            }
            let mut e = i + h.len();
            let s = if i > floor && matches!(self.kb(i), "this" | "last" | "next") { i - 1 } else { i };
            let mut m = M::new(s, e, Label::Date).with("holiday", true);
            if let Some(y) = self.year_at(e) {
                e += 1;
                m.e = e;
                m = m.with("year", i64::from(y));
            }
            return Some(m);
        }
        None
    }

    /// Seasons with a modifier or year: "early summer", "summer 2024", "in
    /// the winter".
    fn season(&self, i: usize, floor: usize) -> Option<M> {
        let k = self.k(i);
        if !words::season(k) {
            return None;
        }
        let mut e = i + 1;
        let mut year = None;
        if let Some(y) = self.year_at(e) {
            year = Some(y);
            e += 1;
        } else if self.k(e) == "of" && self.year_at(e + 1).is_some() {
            year = self.year_at(e + 1);
            e += 2;
        }
        let prev = self.kb(i);
        let modified = matches!(prev, "early" | "late" | "mid")
            || (matches!(prev, "in" | "during" | "since" | "until" | "by") && k != "fall");
        let the_in = prev == "the"
            && i >= 2
            && matches!(self.k(i - 2), "in" | "during" | "over" | "through" | "since" | "until" | "by")
            && k != "fall";
        if year.is_none() && !modified && !the_in {
            return None;
        }
        let s = self.back_modifiers(i, floor, true);
        let mut m = M::new(s, e, Label::Date).with("season", k);
        if let Some(y) = year {
            m = m.with("year", i64::from(y));
        }
        Some(m)
    }

    /// "noon", "midnight", "at dawn".
    fn time_word(&self, i: usize) -> Option<M> {
        let k = self.k(i);
        match k {
            "noon" | "midday" => Some(M::new(i, i + 1, Label::Time).with("hour", 12i64).with("minute", 0i64)),
            "midnight" => Some(M::new(i, i + 1, Label::Time).with("hour", 0i64).with("minute", 0i64)),
            _ if words::day_point(k)
                && matches!(self.kb(i), "at" | "before" | "after" | "until" | "till" | "by" | "since" | "from") =>
            {
                Some(M::new(i, i + 1, Label::Time))
            }
            _ => None,
        }
    }

    /// "Q3", "Q3 2024", "fiscal 2024" (the year rule takes "fiscal").
    fn quarter(&self, i: usize) -> Option<M> {
        let k = self.k(i);
        let q = match k {
            "q1" => 1,
            "q2" => 2,
            "q3" => 3,
            "q4" => 4,
            _ => return None,
        };
        if !self.t[i].upper {
            return None;
        }
        let mut m = M::new(i, i + 1, Label::Date).with("quarter", i64::from(q));
        if let Some(y) = self.year_at(i + 1) {
            m.e = i + 2;
            m = m.with("year", i64::from(y));
        }
        Some(m)
    }
}

/// The scale factor a number carried ("3 million" -> 1e6).
fn scale_of(scan: &Scan, n: Num) -> f64 {
    let e = n.e;
    if e == 0 {
        return 1.0;
    }
    let k = scan.k(e - 1);
    words::scale(k, true).or_else(|| split_digits(k).and_then(|(_, s)| words::scale(s, true))).unwrap_or(1.0)
}

/// Splits "3pm" into ("3", "pm"); None unless it starts with a digit and
/// has a letter suffix.
fn split_digits(k: &str) -> Option<(&str, &str)> {
    if !k.as_bytes().first()?.is_ascii_digit() {
        return None;
    }
    let at = k.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))?;
    let (d, s) = k.split_at(at);
    (!s.is_empty() && s.chars().all(|c| c.is_ascii_alphabetic())).then_some((d, s))
}

/// A DATE span with calendar fields and an ISO 8601 form ("2024-03-03",
/// "2024-03", "--03-03", "--03", "2024").
fn date(s: usize, e: usize, year: Option<u32>, month: Option<u32>, day: Option<u32>) -> M {
    let mut m = M::new(s, e, Label::Date);
    let iso = match (year, month, day) {
        (Some(y), Some(mo), Some(d)) => format!("{y:04}-{mo:02}-{d:02}"),
        (Some(y), Some(mo), None) => format!("{y:04}-{mo:02}"),
        (None, Some(mo), Some(d)) => format!("--{mo:02}-{d:02}"),
        (None, Some(mo), None) => format!("--{mo:02}"),
        (Some(y), None, _) => format!("{y:04}"),
        (None, None, _) => String::new(),
    };
    if let Some(y) = year {
        m = m.with("year", i64::from(y));
    }
    if let Some(mo) = month {
        m = m.with("month", i64::from(mo));
    }
    if let Some(d) = day {
        m = m.with("day", i64::from(d));
    }
    if !iso.is_empty() {
        m = m.with("iso", iso);
    }
    m
}
