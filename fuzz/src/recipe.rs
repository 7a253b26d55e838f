//! Structure-aware fuzz inputs: a [`Recipe`] that `arbitrary` builds from
//! the fuzzer's bytes and that renders to news-like text.
//!
//! Random bytes rarely spell `Mr.`, a curly quote or "he said", and never
//! repeat one 50,000 times, so they miss both the news-specific code paths
//! and the scale at which a step that compares every item with every other
//! shows. A recipe is a list of pieces drawn from small lexicons (quotes
//! straight, curly, guillemets and unbalanced; abbreviations, titles,
//! pronouns, speech cues; CJK, Arabic, combining marks, emoji), plain text,
//! and two shapes that reach size from a few bytes: a repeated run (long
//! tokens, long lines, many sentences or paragraphs) and deep nesting of
//! brackets and quotes. Rendering stops at a byte budget, so one input costs
//! at most `budget` bytes of annotation.
//!
//! The pieces hold no recursion (a run repeats atoms, not pieces): nesting
//! depth in the *text* comes from a count, never from the depth of the
//! `arbitrary` value, so decoding cannot overflow the stack.
//!
//! Shared by the `structured` fuzz target and `tests/fuzz_inputs.rs` (which
//! includes this file by path), so `cargo test` renders the same recipes.

use arbitrary::Arbitrary;

/// Spaces and breaks: between words, lines and paragraphs.
const SPACES: &[&str] = &[" ", " ", " ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\t", "\u{a0}", "\u{2028}", "\u{2029}", "  ", "\u{3000}"];
/// Quote marks, opening and closing, of several traditions.
const QUOTES: &[&str] = &["\"", "'", "“", "”", "‘", "’", "«", "»", "‹", "›", "„", "‚", "「", "」", "『", "』", "``", "''", "« ", " »"];
/// Opening brackets and quotes, each with its closing mark in [`CLOSES`].
const OPENS: &[&str] = &["(", "[", "{", "“", "‘", "«", "\"", "'", "„", "「", "（", "⟨"];
const CLOSES: &[&str] = &[")", "]", "}", "”", "’", "»", "\"", "'", "“", "」", "）", "⟩"];
/// Punctuation, including sentence ends.
const PUNCT: &[&str] = &[".", ",", ";", ":", "?", "!", "…", "...", "—", "–", "-", "--", "/", "&", "%", "$", "€", "#", "@", "*", "。", "、", "؟", "،", ".\u{201d}", ",\u{201d}", "?!", "!!!"];
/// Abbreviations with inner or final full stops.
const ABBREVS: &[&str] = &["Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Sen.", "Rep.", "Gov.", "Lt.", "Col.", "St.", "Jr.", "U.S.", "U.K.", "U.N.", "E.U.", "D.C.", "a.m.", "p.m.", "e.g.", "i.e.", "etc.", "Inc.", "Co.", "Corp.", "No.", "Jan.", "Feb.", "Sept.", "vs.", "J.", "R.", "A.B.C.D.", "Ph.D."];
/// Titles and roles that precede names.
const TITLES: &[&str] = &["President", "Prime Minister", "Minister", "Secretary", "General", "Senator", "Chancellor", "King", "Queen", "Sheikh", "Ayatollah", "spokesman", "spokeswoman", "chief executive", "Foreign Minister", "Pope", "Judge", "Governor", "Mayor", "Sir", "Lord", "Dame"];
/// Pronouns, subject and object, and possessives.
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "He", "She", "They", "It", "him", "her", "them", "his", "their", "its", "we", "We", "I", "you", "who", "which"];
/// Speech cues: verbs of saying and attribution phrases.
const CUES: &[&str] = &["said", "says", "told", "added", "warned", "claimed", "denied", "according to", "According to", "said on Tuesday", "told reporters", "in a statement", "said that", "asked", "insisted", "wrote", "tweeted", "explained", "noted", "argued", "it is said", "sources said", "officials said"];
/// Names and named things: people, places, organisations.
const NAMES: &[&str] = &["Smith", "John Smith", "Maria", "Jones", "Mohammed al-Sudani", "Biden", "Trump", "Xi Jinping", "Iraq", "Baghdad", "Washington", "the United States", "Reuters", "the Pentagon", "Apple", "Kataib Hezbollah", "the European Union", "IRGC", "NATO", "Tehran", "Kyiv", "Paris", "New York", "Google Inc", "Ford", "Jordan", "China", "O'Brien", "McDonald", "de la Cruz", "van der Berg"];
/// Ordinary words, including hedges and a few capitalised ones.
const WORDS: &[&str] = &["the", "The", "a", "A", "of", "and", "to", "in", "on", "that", "is", "was", "not", "could", "may", "might", "possibly", "reportedly", "appears to", "is expected to", "no deal is finalized", "has not been confirmed", "doubted", "expressed skepticism", "likely", "officials", "police", "people", "Tuesday", "January", "2024", "three", "first", "million", "percent", "government", "report", "study", "statement", "sources", "spokesman", "however", "But", "And", "In", "It", "This", "there", "were", "government's", "country’s", "well-known", "so-called"];
/// Other scripts and the hard corners of Unicode.
const SCRIPTS: &[&str] = &[
    "北京是首都。", "伊拉克总理周二表示", "日本の首相は声明を発表した。", "한국 정부는 밝혔다.", "𠀀𪛖", "قال رئيس الوزراء", "العراق", "שלום", "नमस्ते",
    "ภาษาไทย", "e\u{301}", "\u{301}", "\u{301}\u{302}\u{303}\u{304}", "Z̴̡̛a̷l̸g̵o̶", "👨\u{200d}👩\u{200d}👧", "👍🏽", "🇮🇶", "🇺🇸🇺🇸", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "1️⃣", "😀",
    "\u{200b}", "\u{200c}", "\u{200d}", "\u{2060}", "\u{feff}", "\u{ad}", "\u{200e}", "\u{202e}", "\u{fffd}", "\u{0}", "\u{7}", "\u{1b}[31m", "\u{85}",
    "\u{d7ff}", "\u{e000}", "\u{10ffff}", "𝐁𝐨𝐥𝐝", "ﬁ", "Ⅻ", "½", "²", "٣", "İ", "ß", "ǅ", "https://example.org/a?b=c#d", "news@example.com", "#Iraq", "@Reuters",
];

/// Picks `list[i % len]`.
fn pick(list: &'static [&'static str], i: u8) -> &'static str {
    list[usize::from(i) % list.len()]
}

/// One small piece of text.
#[derive(Arbitrary, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Atom {
    /// A space or line or paragraph break. First: what an exhausted input
    /// decodes to, so decoding always ends.
    Space(u8),
    /// An ordinary word or phrase.
    Word(u8),
    /// A name of a person, place or organisation.
    Name(u8),
    /// A capitalised word made from a number: distinct names at scale.
    Distinct(u16),
    /// A title or role.
    Title(u8),
    /// An abbreviation.
    Abbrev(u8),
    /// A pronoun.
    Pronoun(u8),
    /// A speech cue.
    Cue(u8),
    /// A quote mark, balanced or not.
    Quote(u8),
    /// An opening bracket or quote.
    Open(u8),
    /// A closing bracket or quote.
    Close(u8),
    /// Punctuation.
    Punct(u8),
    /// Another script or a Unicode corner case.
    Script(u8),
    /// A number.
    Number(u32),
    /// Any one character.
    Char(char),
}

impl Atom {
    fn render(self, out: &mut String) {
        match self {
            Atom::Space(i) => out.push_str(pick(SPACES, i)),
            Atom::Word(i) => out.push_str(pick(WORDS, i)),
            Atom::Name(i) => out.push_str(pick(NAMES, i)),
            Atom::Distinct(n) => distinct_name(out, n),
            Atom::Title(i) => out.push_str(pick(TITLES, i)),
            Atom::Abbrev(i) => out.push_str(pick(ABBREVS, i)),
            Atom::Pronoun(i) => out.push_str(pick(PRONOUNS, i)),
            Atom::Cue(i) => out.push_str(pick(CUES, i)),
            Atom::Quote(i) => out.push_str(pick(QUOTES, i)),
            Atom::Open(i) => out.push_str(pick(OPENS, i)),
            Atom::Close(i) => out.push_str(pick(CLOSES, i)),
            Atom::Punct(i) => out.push_str(pick(PUNCT, i)),
            Atom::Script(i) => out.push_str(pick(SCRIPTS, i)),
            Atom::Number(n) => {
                use std::fmt::Write as _;
                let _ = write!(out, "{n}");
            }
            Atom::Char(c) => out.push(c),
        }
    }
}

/// A capitalised pseudo-word spelling `n` with consonant-vowel syllables:
/// 65,536 distinct names from a `u16` ("Bab", "Cab", ...).
fn distinct_name(out: &mut String, n: u16) {
    const C: &[u8] = b"bcdfghklmnprstvz";
    const V: &[u8] = b"aeiou";
    let mut n = usize::from(n);
    let mut first = true;
    loop {
        let c = C[n % C.len()] as char;
        out.push(if first { c.to_ascii_uppercase() } else { c });
        n /= C.len();
        out.push(V[n % V.len()] as char);
        n /= V.len();
        first = false;
        if n == 0 {
            break;
        }
    }
    out.push('k');
}

/// A part of the text.
#[derive(Arbitrary, Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// One atom.
    Atom(Atom),
    /// Text as the fuzzer spells it.
    Text(String),
    /// `body` again and again: a long token (one atom, no space), a long
    /// line, thousands of sentences or paragraphs.
    Repeat {
        /// How many times, times [`scale`]`(scale)`.
        count: u8,
        /// Mostly 1; sometimes 256 or 4,096, to reach a million repetitions.
        scale: u8,
        /// What is repeated.
        body: Vec<Atom>,
    },
    /// `depth` opening marks (cycling through `opens`, each one of
    /// [`OPENS`]), then `inner`, then the closing marks in reverse order:
    /// deep nesting of brackets and quotes. When `unbalanced`, the closing
    /// marks are left out, or every other one is.
    Nest {
        /// How deep, times [`scale`]`(scale)`.
        depth: u8,
        /// Mostly 1; sometimes 256 or 4,096, to reach 100,000 levels.
        scale: u8,
        /// Indices into [`OPENS`].
        opens: Vec<u8>,
        /// Between the opening and closing marks.
        inner: Vec<Atom>,
        /// 0: balanced; 1: no closing marks; 2: every other one closed.
        unbalanced: u8,
        /// Text between the marks (e.g. a word), or none.
        filler: Option<Atom>,
    },
}

/// A repeat count's multiplier: 1 for three inputs in four, else 256 or
/// 4,096. Most inputs stay small and fast (many executions), some reach the
/// budget (where a quadratic step shows).
pub fn scale(s: u8) -> usize {
    match s % 8 {
        0..=5 => 1,
        6 => 256,
        _ => 4096,
    }
}

/// A structured fuzz input: the pieces of a text, and which layers to ask for.
#[derive(Arbitrary, Clone, Debug, PartialEq, Eq)]
pub struct Recipe {
    /// At most `budget >> (shrink % 8)` bytes of text: an eighth of the
    /// inputs may reach the whole budget, the rest are cheaper.
    pub shrink: u8,
    /// The text, piece by piece.
    pub pieces: Vec<Piece>,
    /// `None`: every layer (the default); else a bit mask over
    /// `newslens::Layer::ALL`.
    pub layers: Option<u16>,
}

impl Recipe {
    /// The text, cut short once it reaches `budget` bytes (a repeated body or
    /// a nest stops at the budget, not halfway through a character).
    pub fn render(&self, budget: usize) -> String {
        let budget = budget >> (self.shrink % 8);
        let mut out = String::new();
        for piece in &self.pieces {
            if out.len() >= budget {
                break;
            }
            match piece {
                Piece::Atom(a) => a.render(&mut out),
                Piece::Text(t) => out.push_str(t),
                Piece::Repeat { count, scale: sc, body } => {
                    if body.is_empty() {
                        continue;
                    }
                    let times = usize::from(*count) * scale(*sc);
                    for _ in 0..times {
                        if out.len() >= budget {
                            break;
                        }
                        for a in body {
                            a.render(&mut out);
                        }
                    }
                }
                Piece::Nest { depth, scale: sc, opens, inner, unbalanced, filler } => {
                    let depth = usize::from(*depth) * scale(*sc);
                    let opens: Vec<usize> = if opens.is_empty() { vec![0] } else { opens.iter().map(|&o| usize::from(o) % OPENS.len()).collect() };
                    // Closing marks need room too: the opening ones take at
                    // most half of what is left.
                    let stop = out.len() + budget.saturating_sub(out.len()) / 2;
                    let mut opened = Vec::new();
                    for i in 0..depth {
                        if out.len() >= stop {
                            break;
                        }
                        let o = opens[i % opens.len()];
                        out.push_str(OPENS[o]);
                        if let Some(f) = filler {
                            f.render(&mut out);
                        }
                        opened.push(o);
                    }
                    for a in inner {
                        a.render(&mut out);
                    }
                    for (i, o) in opened.iter().rev().enumerate() {
                        let close = match unbalanced % 3 {
                            0 => true,
                            1 => false,
                            _ => i % 2 == 0,
                        };
                        if close {
                            out.push_str(CLOSES[*o]);
                        }
                        if let Some(f) = filler {
                            f.render(&mut out);
                        }
                    }
                }
            }
        }
        if out.len() > budget {
            let mut cut = budget;
            while !out.is_char_boundary(cut) {
                cut -= 1;
            }
            out.truncate(cut);
        }
        out
    }

    /// The layers to ask for.
    pub fn options(&self) -> newslens::Options {
        match self.layers {
            None => newslens::Options::default(),
            Some(mask) => {
                let layers: Vec<newslens::Layer> =
                    newslens::Layer::ALL.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, l)| *l).collect();
                newslens::Options::with_layers(&layers)
            }
        }
    }
}
