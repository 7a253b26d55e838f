//! Features for the entity tagger, shared by training and inference.
//!
//! `cargo xtask train` and [`super::tagger`] call the same functions here,
//! so the model sees at run time exactly what it saw in training. Every
//! feature is a 32-bit hash of (template, value): no strings are built
//! per token. Word-level values (lower-cased form, affixes, shape) are
//! hashed straight from the token's characters.
//!
//! Templates: the lower-cased word and its neighbours at -2..+2, word
//! bigrams, 2- to 4-character prefixes and suffixes, a compressed word
//! shape ("Xx", "X.X.", "dd") for the word and its neighbours,
//! sentence-initial and all-caps-headline flags (so that a capital letter
//! counts as evidence only where it means something), single-token
//! gazetteer classes for the word and its neighbours, and the class and
//! position of the longest multi-word gazetteer match covering the word.
//! Tag-history features (previous tag, previous two tags, previous tag with
//! the word and with its shape) are added during decoding by
//! [`tag_features`].

use super::gazetteer::{self, Class, Classes};
use crate::doc::Label;
use crate::text::Token;

/// Entity labels the tagger predicts. Closed classes (dates, numbers) come
/// from rules instead.
pub const LABELS: [Label; 7] = [Label::Person, Label::Norp, Label::Fac, Label::Org, Label::Gpe, Label::Loc, Label::Event];

/// Number of BIO tags: O plus B- and I- for each label.
pub const N_TAGS: usize = 1 + 2 * LABELS.len();

/// The O tag.
pub const O: u8 = 0;

/// The B- tag of label index `k`.
pub const fn begin(k: usize) -> u8 {
    (1 + 2 * k) as u8
}

/// The I- tag of label index `k`.
pub const fn inside(k: usize) -> u8 {
    (2 + 2 * k) as u8
}

/// The label index of a non-O tag.
pub fn label_index(tag: u8) -> Option<usize> {
    (tag != O && (tag as usize) < N_TAGS).then(|| (tag as usize - 1) / 2)
}

/// Whether `tag` is an I- tag.
pub fn is_inside(tag: u8) -> bool {
    tag != O && tag.is_multiple_of(2)
}

/// Whether `tag` may follow `prev` (I-X only after B-X or I-X).
pub fn allowed(prev: u8, tag: u8) -> bool {
    !is_inside(tag) || (prev != O && label_index(prev) == label_index(tag))
}

/// Template ids (part of every feature hash; never renumber without retraining).
mod t {
    pub const BIAS: u64 = 0;
    pub const LOWER: u64 = 1;
    pub const LOWER_M1: u64 = 2;
    pub const LOWER_P1: u64 = 3;
    pub const LOWER_M2: u64 = 4;
    pub const LOWER_P2: u64 = 5;
    pub const SUF2: u64 = 6;
    pub const SUF3: u64 = 7;
    pub const SUF4: u64 = 8;
    pub const PRE2: u64 = 9;
    pub const PRE3: u64 = 10;
    pub const SHAPE: u64 = 11;
    pub const SHAPE_M1: u64 = 12;
    pub const SHAPE_P1: u64 = 13;
    pub const SHAPE_M1_0: u64 = 14;
    pub const SHAPE_0_P1: u64 = 15;
    pub const INIT_SHAPE: u64 = 16;
    pub const HEADLINE_SHAPE: u64 = 17;
    pub const GAZ: u64 = 18;
    pub const GAZ_M1: u64 = 19;
    pub const GAZ_P1: u64 = 20;
    pub const GAZ_SPAN: u64 = 21;
    pub const BIGRAM_M1: u64 = 22;
    pub const BIGRAM_P1: u64 = 23;
    pub const KIND: u64 = 24;
    pub const GAZ_INIT: u64 = 25;
    pub const HEADLINE_LOWER: u64 = 26;
    pub const PREV_TAG: u64 = 40;
    pub const PREV2_TAG: u64 = 41;
    pub const PREV_TAG_LOWER: u64 = 42;
    pub const PREV_TAG_SHAPE: u64 = 43;
}

use crate::hash::{FNV64_OFFSET as FNV_OFFSET, FNV64_PRIME as FNV_PRIME};

fn fnv_char(h: u64, c: char) -> u64 {
    let mut h = h;
    let mut v = c as u32;
    loop {
        h ^= (v & 0xff) as u64;
        h = h.wrapping_mul(FNV_PRIME);
        v >>= 8;
        if v == 0 {
            return h;
        }
    }
}

/// The feature id for template `template` and value hash `value`.
pub fn feature(template: u64, value: u64) -> u32 {
    let mut x = value ^ template.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    (x >> 32) as u32
}

fn combine(a: u64, b: u64) -> u64 {
    (a ^ b.rotate_left(23)).wrapping_mul(FNV_PRIME).wrapping_add(b)
}

/// Lower-cased, digits folded to 0.
fn norm_char(c: char) -> char {
    if c.is_ascii_digit() {
        '0'
    } else if c.is_ascii() {
        c.to_ascii_lowercase()
    } else if c == '’' {
        '\''
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// Hash of the normalised word.
pub fn lower_hash(word: &str) -> u64 {
    if word.is_ascii() {
        return fnv_ascii(FNV_OFFSET, word.as_bytes());
    }
    word.chars().fold(FNV_OFFSET, |h, c| fnv_char(h, norm_char(c)))
}

fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() || c.is_alphabetic() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        c
    }
}

/// Hash of the word shape: character classes with runs cut to two
/// ("Iraq" -> "Xxx", "IRGC" -> "XX", "U.S." -> "X.X.", "2003" -> "dd").
pub fn shape_hash(word: &str) -> u64 {
    let mut h = FNV_OFFSET;
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let s = shape_class(c);
        if s == last {
            run += 1;
            if run >= 2 {
                continue;
            }
        } else {
            run = 0;
            last = s;
        }
        h = fnv_char(h, s);
    }
    h
}

/// [`norm_char`] of an ASCII byte.
fn norm_byte(c: u8) -> u8 {
    if c.is_ascii_digit() { b'0' } else { c.to_ascii_lowercase() }
}

/// FNV of normalised ASCII bytes: what folding [`fnv_char`] over their
/// [`norm_char`]s gives (one round per ASCII character), without decoding.
fn fnv_ascii(h: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(h, |h, &c| (h ^ u64::from(norm_byte(c))).wrapping_mul(FNV_PRIME))
}

fn prefix_hash(word: &str, n: usize) -> u64 {
    let seed = FNV_OFFSET ^ n as u64;
    if word.is_ascii() {
        return fnv_ascii(seed, word.as_bytes().get(..n).unwrap_or(word.as_bytes()));
    }
    word.chars().take(n).fold(seed, |h, c| fnv_char(h, norm_char(c)))
}

/// Hash of the last `n` characters (the whole word if shorter), found
/// from the end rather than by counting every character.
fn suffix_hash(word: &str, n: usize) -> u64 {
    if word.is_ascii() {
        let b = word.as_bytes();
        return fnv_ascii(FNV_OFFSET ^ (n as u64) << 8, b.get(b.len().saturating_sub(n)..).unwrap_or(b));
    }
    let start = match n {
        0 => word.len(),
        _ => word.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i),
    };
    word.get(start..).unwrap_or("").chars().fold(FNV_OFFSET ^ (n as u64) << 8, |h, c| fnv_char(h, norm_char(c)))
}

/// Per-token values the templates combine.
#[derive(Clone, Copy, Debug, Default)]
pub struct TokenInfo {
    /// Hash of the normalised word.
    pub lower: u64,
    /// Hash of the word shape.
    pub shape: u64,
    /// Single-token gazetteer classes (looked up title-cased in headlines).
    pub gaz: Classes,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// First word of the sentence (after opening punctuation).
    pub initial: bool,
    /// The word is a key of the gazetteer (an entry, or the first tokens
    /// of a multi-word one): only then can
    /// [`gazetteer::Gazetteer::longest_match`] find anything starting here,
    /// so callers skip the lookup elsewhere (most tokens).
    pub gaz_key: bool,
    /// The word's [`gazetteer::Gazetteer::key_classes`], as written: which
    /// matches may start here (see [`may_match`]).
    pub key: Classes,
}

/// Features of one sentence: static features per token, and token info
/// for the tag-history features.
///
/// The token infos are kept as a table of word values and a 4-byte index
/// per token ([`SentenceFeatures::info`] puts a token's together): a
/// [`TokenInfo`] per token took 24 bytes a token, which on a paste with
/// no full stop (a million commas, one sentence) was the largest buffer of
/// the whole run. The decoder lists each distinct word of a sentence once.
#[derive(Debug, Default)]
pub struct SentenceFeatures {
    /// Feature ids, token after token.
    pub feats: Vec<u32>,
    /// `feats[starts[i]..starts[i + 1]]` are token i's.
    pub starts: Vec<usize>,
    /// Word values (`initial` false), indexed by `ids`.
    words: Vec<TokenInfo>,
    /// Per token: its entry in `words`.
    ids: Vec<u32>,
    /// The sentence-initial token (the first with a letter or digit), if any.
    initial: Option<usize>,
    /// Whether the sentence is an all-caps headline.
    pub headline: bool,
    /// Scratch buffers for gazetteer lookups.
    buf: String,
    word: String,
    /// (classes-of-match, position code) of the multi-word match per token.
    spans: Vec<(u16, u8)>,
}

impl SentenceFeatures {
    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the sentence has no tokens.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Token `i`'s values, if it is a token of the sentence.
    #[inline]
    pub fn info(&self, i: usize) -> Option<TokenInfo> {
        let &k = self.ids.get(i)?;
        let mut x = *self.words.get(k as usize)?;
        x.initial = self.initial == Some(i);
        Some(x)
    }

    /// Every token's values, in order.
    pub fn infos(&self) -> impl Iterator<Item = TokenInfo> + '_ {
        (0..self.len()).filter_map(|i| self.info(i))
    }

    /// Empties the token values for a sentence of `n` tokens.
    pub fn begin(&mut self, headline: bool, n: usize) {
        self.feats.clear();
        self.starts.clear();
        self.words.clear();
        self.ids.clear();
        self.ids.reserve_exact(n);
        self.initial = None;
        self.headline = headline;
    }

    /// Adds a word's values (from [`word_info`]); returns its index for
    /// [`SentenceFeatures::push_token`].
    #[inline]
    pub fn push_word(&mut self, info: TokenInfo) -> u32 {
        self.words.push(TokenInfo { initial: false, ..info });
        self.words.len() as u32 - 1
    }

    /// Adds the next token, word `k` of [`SentenceFeatures::push_word`];
    /// `alnum`: whether it has a letter or digit.
    #[inline]
    pub fn push_token(&mut self, k: u32, alnum: bool) {
        if alnum && self.initial.is_none() {
            self.initial = Some(self.ids.len());
        }
        self.ids.push(k);
    }

    /// Fills the multi-word matches, once every token is pushed.
    pub fn finish(&mut self, text: &str, tokens: &[Token]) {
        find_spans(text, tokens, self);
    }

    /// The static features of token `i`.
    pub fn token(&self, i: usize) -> &[u32] {
        let (a, b) = (self.starts.get(i).copied().unwrap_or(0), self.starts.get(i + 1).copied().unwrap_or(0));
        self.feats.get(a..b).unwrap_or(&[])
    }
}

/// Classes worth a multi-word match feature.
const SPAN_CLASSES: [Class; 9] = [
    Class::Country,
    Class::City,
    Class::Region,
    Class::Loc,
    Class::Fac,
    Class::Norp,
    Class::Title,
    Class::OrgHead,
    Class::Given,
];

/// Whether the sentence is an all-caps headline: at least two words with
/// letters and no lower-case letter anywhere.
pub fn is_headline(text: &str, tokens: &[Token]) -> bool {
    let mut words = 0;
    for t in tokens {
        let w = t.text(text);
        if w.chars().any(char::is_lowercase) {
            return false;
        }
        if w.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
            words += 1;
        }
    }
    words >= 2
}

/// Whether the sentence is written in lower case: at least three words,
/// and none but the first (and the pronoun "I") starts with a capital,
/// handles, hashtags and web addresses aside. Chat and tweets write names
/// so ("saw conor and paul walker"); like an all-caps headline, such a
/// sentence says nothing by its capitals, so the tagger reads its words
/// as a headline's (gazetteer classes of the title-cased word, the
/// headline variants of word and shape). News sentences have a capital
/// within a few words, where the scan stops.
pub fn is_lower_case(text: &str, tokens: &[Token]) -> bool {
    let mut words = 0;
    for t in tokens {
        if matches!(t.kind(), Label::Handle | Label::Hashtag | Label::Url | Label::Email) {
            continue;
        }
        let w = t.text(text);
        let Some(first) = w.chars().find(|c| c.is_alphabetic()) else { continue };
        if words > 0 && first.is_uppercase() && !(w == "I" || w.starts_with("I'") || w.starts_with("I’")) {
            return false;
        }
        words += 1;
    }
    words >= 3
}

/// Whether capitals say nothing in the sentence: an all-caps headline
/// ([`is_headline`]) or a lower-case sentence ([`is_lower_case`]). The
/// features read such a sentence's words alike; `SentenceFeatures::headline`
/// (what the rules read) stays all-caps only.
pub fn is_caseless(text: &str, tokens: &[Token]) -> bool {
    is_headline(text, tokens) || is_lower_case(text, tokens)
}

/// The classes of `word`, whose [`gazetteer::Gazetteer::key_classes`] are
/// `key`; in headlines and lower-case sentences, if it has none, those of
/// its title-cased form ("BAGHDAD", "baghdad" -> "Baghdad").
fn gaz_classes(word: &str, key: Classes, headline: bool, scratch: &mut String) -> Classes {
    let g = gazetteer::get();
    let c = key & !gazetteer::PREFIX;
    if c != 0 || !headline {
        return c;
    }
    scratch.clear();
    for (k, ch) in word.chars().enumerate() {
        if k == 0 {
            scratch.extend(ch.to_uppercase());
        } else {
            scratch.extend(ch.to_lowercase());
        }
    }
    g.classes(scratch)
}

/// The affix features of word `w` (2- and 3-character prefixes and
/// suffixes, the 4-character suffix), for words long enough to have them.
fn push_affixes(w: &str, out: &mut Vec<u32>) {
    let chars = w.chars().count();
    if chars > 2 {
        out.push(feature(t::SUF2, suffix_hash(w, 2)));
        out.push(feature(t::PRE2, prefix_hash(w, 2)));
    }
    if chars > 3 {
        out.push(feature(t::SUF3, suffix_hash(w, 3)));
        out.push(feature(t::PRE3, prefix_hash(w, 3)));
    }
    if chars > 4 {
        out.push(feature(t::SUF4, suffix_hash(w, 4)));
    }
}

fn push_classes(out: &mut Vec<u32>, template: u64, classes: Classes, extra: u64) {
    if classes == 0 {
        return; // most words
    }
    for c in Class::ALL {
        if classes & c.bit() != 0 {
            out.push(feature(template, combine(c as u64, extra)));
        }
    }
}

/// Computes the static features of every token of one sentence into `sf`
/// (reusing its buffers).
pub fn extract(text: &str, tokens: &[Token], sf: &mut SentenceFeatures) {
    let n = tokens.len();
    sf.begin(is_headline(text, tokens), n);
    // Capitals carry no information here: all-caps or all lower case.
    let caseless = sf.headline || is_lower_case(text, tokens);
    let mut word = std::mem::take(&mut sf.word);
    for tok in tokens {
        let (info, alnum) = word_info(tok.text(text), caseless, &mut word);
        let k = sf.push_word(info);
        sf.push_token(k, alnum);
    }
    sf.word = word;
    find_spans(text, tokens, sf);

    const NONE: u64 = 0x5151;
    // Out of `sf` while the infos are read through it.
    let mut feats = std::mem::take(&mut sf.feats);
    for i in 0..n {
        sf.starts.push(feats.len());
        let Some(info) = sf.info(i) else { continue };
        let w = tokens[i].text(text);
        let get = |j: isize| -> Option<TokenInfo> {
            let k = i as isize + j;
            if k >= 0 { sf.info(k as usize) } else { None }
        };
        let lower_at = |j: isize| get(j).map_or(NONE, |x| x.lower);
        let shape_at = |j: isize| get(j).map_or(NONE, |x| x.shape);
        let out = &mut feats;
        out.push(feature(t::BIAS, 0));
        out.push(feature(t::LOWER, info.lower));
        out.push(feature(t::LOWER_M1, lower_at(-1)));
        out.push(feature(t::LOWER_P1, lower_at(1)));
        out.push(feature(t::LOWER_M2, lower_at(-2)));
        out.push(feature(t::LOWER_P2, lower_at(2)));
        out.push(feature(t::BIGRAM_M1, combine(lower_at(-1), info.lower)));
        out.push(feature(t::BIGRAM_P1, combine(info.lower, lower_at(1))));
        push_affixes(w, out);
        out.push(feature(t::SHAPE, info.shape));
        out.push(feature(t::SHAPE_M1, shape_at(-1)));
        out.push(feature(t::SHAPE_P1, shape_at(1)));
        out.push(feature(t::SHAPE_M1_0, combine(shape_at(-1), info.shape)));
        out.push(feature(t::SHAPE_0_P1, combine(info.shape, shape_at(1))));
        if info.initial {
            out.push(feature(t::INIT_SHAPE, info.shape));
        }
        if caseless {
            out.push(feature(t::HEADLINE_SHAPE, info.shape));
            out.push(feature(t::HEADLINE_LOWER, info.lower));
        }
        let kind = tokens[i].kind();
        if kind != Label::Word {
            out.push(feature(t::KIND, kind as u64));
        }
        let flags = (info.initial as u64) | (info.cap as u64) << 1 | (caseless as u64) << 2;
        push_classes(out, t::GAZ, info.gaz, 0);
        push_classes(out, t::GAZ_INIT, info.gaz, flags);
        push_classes(out, t::GAZ_M1, get(-1).map_or(0, |x| x.gaz), 0);
        push_classes(out, t::GAZ_P1, get(1).map_or(0, |x| x.gaz), 0);
        let (classes, pos) = sf.spans[i];
        if pos != 0 {
            push_classes(out, t::GAZ_SPAN, classes, pos as u64);
        }
    }
    sf.starts.push(feats.len());
    sf.feats = feats;
}

/// The word-level values of a token: all of [`TokenInfo`] but `initial`
/// (left false), and whether the word has a letter or digit (which decides
/// `initial`). They depend on the word and the sentence's headline flag
/// only, so a caller may compute them once per distinct word.
pub fn word_info(w: &str, headline: bool, scratch: &mut String) -> (TokenInfo, bool) {
    let first_alnum = w.chars().find(|c| c.is_alphanumeric());
    // One lookup of the word as written gives its classes, whether it is a
    // key, and whether longer entries start with it.
    let key = gazetteer::get().key_classes(w);
    let info = TokenInfo {
        lower: lower_hash(w),
        shape: shape_hash(w),
        gaz: gaz_classes(w, key, headline, scratch),
        cap: first_alnum.is_some_and(char::is_uppercase),
        initial: false,
        gaz_key: key != 0,
        key,
    };
    (info, first_alnum.is_some())
}

/// Whether a gazetteer match may start at token `i` (see
/// [`TokenInfo::gaz_key`]); true when `i` has no info, so that callers
/// then ask the gazetteer.
pub fn may_start_match(sf: &SentenceFeatures, i: usize) -> bool {
    sf.info(i).is_none_or(|x| x.gaz_key)
}

/// Whether [`gazetteer::Gazetteer::longest_match`] for `want` may find
/// anything at token `i`: only if the word alone has a class of `want` or
/// starts a longer entry. True when `i` has no info.
pub fn may_match(sf: &SentenceFeatures, i: usize, want: Classes) -> bool {
    sf.info(i).is_none_or(|x| x.key & (want | gazetteer::PREFIX) != 0)
}

/// Multi-word gazetteer matches (two tokens or more), longest first, into
/// `sf.spans`.
fn find_spans(text: &str, tokens: &[Token], sf: &mut SentenceFeatures) {
    let n = tokens.len();
    sf.spans.clear();
    sf.spans.reserve_exact(n);
    sf.spans.resize(n, (0, 0));
    let g = gazetteer::get();
    let want = SPAN_CLASSES.iter().fold(0, |a, c| a | c.bit());
    let mut i = 0;
    while i < n {
        // Only a word that starts a longer entry can start a match of two
        // tokens or more (most keys are one-word names).
        if sf.info(i).is_some_and(|x| x.key & gazetteer::PREFIX == 0) {
            i += 1;
            continue;
        }
        match g.longest_match(text, tokens, i, want, &mut sf.buf) {
            Some((len, e)) if len >= 2 => {
                for k in 0..len {
                    let pos = if k == 0 { 1 } else if k + 1 == len { 3 } else { 2 };
                    sf.spans[i + k] = (e.classes & want, pos);
                }
                i += len;
            }
            _ => i += 1,
        }
    }
}

/// Fills the token infos, `sf.headline` and the multi-word matches from token
/// infos the caller computed with [`word_info`] (`initial` is set here),
/// without computing any feature id: for a decoder that sums weights by
/// [`roles`] instead of from `sf.feats` (left empty).
pub fn extract_info(text: &str, tokens: &[Token], headline: bool, words: impl Iterator<Item = (TokenInfo, bool)>, sf: &mut SentenceFeatures) {
    sf.begin(headline, tokens.len());
    for (info, alnum) in words {
        let k = sf.push_word(info);
        sf.push_token(k, alnum);
    }
    sf.finish(text, tokens);
}

impl SentenceFeatures {
    /// The multi-word gazetteer match covering token `i`: its classes and
    /// position code (0 none, 1 first, 2 inner, 3 last). Filled by
    /// [`extract`] and [`extract_info`].
    pub fn span(&self, i: usize) -> (u16, u8) {
        self.spans.get(i).copied().unwrap_or((0, 0))
    }
}

/// The static features of [`extract`], grouped by what they depend on, so
/// that a decoder can sum the weights of a group once per distinct word
/// (or word shape) rather than once per token. Together, for token `i`,
/// they give exactly the features `extract` lists for it (the test
/// `roles_give_the_features_of_extract` checks that), so the model sees the
/// features it was trained on. `None` stands for a neighbour beyond the
/// sentence.
///
/// The functions that list several features put those that depend on the
/// word's shape alone (few distinct ids, so a decoder keeps their weights
/// at hand rather than probing the model per word) into `shapes`, the
/// others into `out`.
pub mod roles {
    use super::{Classes, Label, TokenInfo, combine, feature, push_affixes, push_classes, t};

    const NONE: u64 = 0x5151;

    fn lower(x: Option<&TokenInfo>) -> u64 {
        x.map_or(NONE, |x| x.lower)
    }

    fn shape(x: Option<&TokenInfo>) -> u64 {
        x.map_or(NONE, |x| x.shape)
    }

    /// The bias.
    pub fn bias() -> u32 {
        feature(t::BIAS, 0)
    }

    /// The token's own word: form, affixes, shape, gazetteer classes, and
    /// the sentence-initial and headline variants.
    pub fn own(w: &str, info: &TokenInfo, headline: bool, out: &mut Vec<u32>, shapes: &mut Vec<u32>) {
        out.push(feature(t::LOWER, info.lower));
        push_affixes(w, out);
        shapes.push(feature(t::SHAPE, info.shape));
        if info.initial {
            shapes.push(init_shape(info));
        }
        if headline {
            shapes.push(feature(t::HEADLINE_SHAPE, info.shape));
            out.push(feature(t::HEADLINE_LOWER, info.lower));
        }
        let flags = (info.initial as u64) | (info.cap as u64) << 1 | (headline as u64) << 2;
        push_classes(out, t::GAZ, info.gaz, 0);
        push_classes(out, t::GAZ_INIT, info.gaz, flags);
    }

    /// What [`own`] adds for a sentence-initial token (as well as other
    /// flags of its gazetteer classes, if it has any): the shape there.
    pub fn init_shape(info: &TokenInfo) -> u32 {
        feature(t::INIT_SHAPE, info.shape)
    }

    /// The token kind, for tokens that are not words.
    pub fn kind(kind: Label) -> Option<u32> {
        (kind != Label::Word).then(|| feature(t::KIND, kind as u64))
    }

    /// What the previous token (`prev`) says about token `i`.
    pub fn left1(prev: Option<&TokenInfo>, out: &mut Vec<u32>, shapes: &mut Vec<u32>) {
        out.push(feature(t::LOWER_M1, lower(prev)));
        shapes.push(feature(t::SHAPE_M1, shape(prev)));
        push_classes(out, t::GAZ_M1, prev.map_or(0, |x| x.gaz), 0);
    }

    /// What the token two before says about token `i`.
    pub fn left2(x: Option<&TokenInfo>) -> u32 {
        feature(t::LOWER_M2, lower(x))
    }

    /// What the next token says about token `i`.
    pub fn right1(next: Option<&TokenInfo>, out: &mut Vec<u32>, shapes: &mut Vec<u32>) {
        out.push(feature(t::LOWER_P1, lower(next)));
        shapes.push(feature(t::SHAPE_P1, shape(next)));
        push_classes(out, t::GAZ_P1, next.map_or(0, |x| x.gaz), 0);
    }

    /// What the token two after says about token `i`.
    pub fn right2(x: Option<&TokenInfo>) -> u32 {
        feature(t::LOWER_P2, lower(x))
    }

    /// The word bigrams of token `cur` with its neighbours: (with the
    /// previous, with the next).
    pub fn bigrams(prev: Option<&TokenInfo>, cur: &TokenInfo, next: Option<&TokenInfo>) -> [u32; 2] {
        [feature(t::BIGRAM_M1, combine(lower(prev), cur.lower)), feature(t::BIGRAM_P1, combine(cur.lower, lower(next)))]
    }

    /// The shape bigrams of token `cur` with its neighbours: (with the
    /// previous, with the next). Shapes are few, so these repeat.
    pub fn shape_pairs(prev: Option<&TokenInfo>, cur: &TokenInfo, next: Option<&TokenInfo>) -> [u32; 2] {
        [feature(t::SHAPE_M1_0, combine(shape(prev), cur.shape)), feature(t::SHAPE_0_P1, combine(cur.shape, shape(next)))]
    }

    /// The multi-word gazetteer match covering the token
    /// ([`super::SentenceFeatures::span`]).
    pub fn span(classes: Classes, pos: u8, out: &mut Vec<u32>) {
        if pos != 0 {
            push_classes(out, t::GAZ_SPAN, classes, pos as u64);
        }
    }
}

/// The most features one token can have: what [`extract`] lists for it
/// plus the four [`tag_features`]. Counted from the templates: 22 that
/// give at most one feature each (bias, five words, two word bigrams, five
/// affixes, three shapes, two shape bigrams, the initial and two headline
/// variants, the kind), and five that give one per gazetteer class (the
/// word's, with the flags, the neighbours', the span's). A decoder sums a
/// token's weights in `i16` lanes only when this many of the model's
/// largest weight cannot overflow them (see `tagger::Decoder`).
pub const MAX_FEATURES: usize = 22 + 5 * Class::ALL.len() + 4;

/// The tag-history features of token `i` given the two previous tags.
pub fn tag_features(info: &TokenInfo, prev: u8, prev2: u8) -> [u32; 4] {
    let p = prev as u64 + 1;
    let pp = (prev2 as u64 + 1) << 8 | p;
    [feature(t::PREV_TAG, p), feature(t::PREV2_TAG, pp), prev_tag_lower(info, prev), prev_tag_shape(info, prev)]
}

/// The third of [`tag_features`]: the previous tag with the word (apart,
/// so that a decoder hashes only what it needs).
pub fn prev_tag_lower(info: &TokenInfo, prev: u8) -> u32 {
    feature(t::PREV_TAG_LOWER, combine(prev as u64 + 1, info.lower))
}

/// The fourth of [`tag_features`]: the previous tag with the shape.
pub fn prev_tag_shape(info: &TokenInfo, prev: u8) -> u32 {
    feature(t::PREV_TAG_SHAPE, combine(prev as u64 + 1, info.shape))
}

#[cfg(test)]
mod tests;
