//! The statistical tagger: an averaged perceptron over BIO tags, decoded
//! greedily left to right.
//!
//! Why this model: it is the cheapest one that learns from the features in
//! [`super::features`] well. Greedy decoding costs one pass of about 30
//! hashed lookups per token, with no allocation per token, which keeps
//! full annotation fast. Viterbi decoding would cost about three times as
//! many lookups per token; it was not tried. Split or mislabelled pieces of
//! one name, the typical greedy error, are joined by [`super::rules`]. The weights are trained by
//! `cargo xtask train`, quantised to `i8` with one scale, pruned to
//! the (feature, tag) pairs that matter, and compiled into the binary from
//! `data/model/ner.bin` with `include_bytes!`.
//!
//! File format (little endian): an ASCII header line ending in `\n`, the
//! magic `NLNER2`, `u8` tag count, `u32` feature count, `u8` Rice
//! parameter `k`, `u16` mask count and the masks (`u16` each, most
//! frequent first); then per feature the LEB128 index of its tag mask (bit
//! t set: the feature has a weight for tag t); then all weights (`i8`),
//! feature after feature, tags ascending; then, to the end of the file,
//! the gaps between the sorted feature ids, Rice-coded (quotient in unary
//! as 1s ended by a 0, then `k` low bits; bits least significant first).
//!
//! Why this layout: the feature ids are 32-bit hashes, so the only thing
//! to save on them is the gap entropy (~18 bits, which Rice coding reaches;
//! LEB128 bytes took 24, and gzip cannot squeeze random bytes). A tag mask
//! is one of a few hundred common patterns, so an index into a table
//! ordered by frequency is mostly one byte of low entropy, where a pair
//! count plus one tag byte per pair cost a third more gzipped. Weights sit
//! in a stream of their own because it compresses better alone. A missing
//! or malformed model gives an empty tagger (no entities from it), never a
//! panic.

use std::sync::OnceLock;

use super::features::{self, N_TAGS, O, SentenceFeatures, TokenInfo, roles};
use crate::text::Token;

/// The committed model.
const MODEL: &[u8] = include_bytes!("../../data/model/ner.bin");

/// The magic after the header line.
pub const MAGIC: &[u8] = b"NLNER2";

/// Quantised weights, looked up by feature id.
#[derive(Debug, Default)]
pub struct Model {
    /// Open-addressing table of [`Slot`]s, key 0 for an empty slot (the
    /// feature whose id is 0, the bias, is kept in `zero`). Most features
    /// the model does not know never get here ([`Model::filter`]).
    slots: Vec<Slot>,
    /// The slot of feature id 0 (no weights if the model has none).
    zero: Slot,
    mask: usize,
    /// (tag, weight) pairs, feature after feature, of the features whose
    /// slot does not hold them ([`Slot::OUT`]).
    pairs: Vec<(u8, i8)>,
    /// Number of features.
    n: usize,
    /// One bit per value of a feature id's top [`FILTER_BITS`] bits, set
    /// when some feature of the model has it: 64 KB that stay in cache,
    /// where `slots` does not, so that most probes for features the model
    /// does not know (most word bigrams) end here without a cache miss.
    filter: Vec<u64>,
}

/// A feature and its weights, in 16 bytes: a slot never straddles a cache
/// line, so a hit reads one line of the table and nothing else.
///
/// Why the weights sit in the slot: a short text's probes are mostly
/// cache misses (other code ran between two texts), and the features it
/// probes most (common words, shapes, affixes) have weights for many tags.
/// With the slot pointing into a table of pairs, 63% of the hits on the
/// reference article read a second line there. All but 17 of the model's
/// 41,921 features have at most [`Slot::INLINE`] weights.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(16))]
struct Slot {
    /// The feature id.
    key: u32,
    /// Bit t set: the feature has a weight for tag t, in `weights`, tags
    /// ascending; or [`Slot::OUT`].
    tags: u16,
    /// The weights; for [`Slot::OUT`], the index of the first pair in
    /// [`Model::pairs`] (`u32`, little endian), then the pair count.
    weights: [i8; Slot::INLINE],
}

impl Slot {
    /// Most weights a slot holds.
    const INLINE: usize = 10;
    /// `tags` of a slot whose pairs are in [`Model::pairs`].
    const OUT: u16 = 1 << 15;

    /// The slot of feature `key` with `pairs`, which, if the slot cannot
    /// hold them, are appended to `out`.
    fn new(key: u32, pairs: &[(u8, i8)], out: &mut Vec<(u8, i8)>) -> Slot {
        let mut slot = Slot { key, tags: 0, weights: [0; Slot::INLINE] };
        // Tags ascending and distinct (a file model's are), each a bit below OUT.
        let mut fits = pairs.len() <= Slot::INLINE;
        for (&(t, w), to) in pairs.iter().zip(&mut slot.weights) {
            fits &= t < 15 && slot.tags >> t == 0;
            slot.tags |= 1 << (t & 15);
            *to = w;
        }
        if !fits {
            slot.weights = [0; Slot::INLINE];
            slot.tags = Slot::OUT;
            for (to, b) in slot.weights.iter_mut().zip((out.len() as u32).to_le_bytes().into_iter().chain([pairs.len() as u8])) {
                *to = b as i8;
            }
            out.extend_from_slice(pairs);
        }
        slot
    }
}

/// Bits of a feature id that index [`Model::filter`].
const FILTER_BITS: u32 = 19;

/// Where feature `f` sits in [`Model::filter`]: word, bit.
fn filter_bit(f: u32) -> (usize, u64) {
    let b = (f >> (32 - FILTER_BITS)) as usize;
    (b >> 6, 1 << (b & 63))
}

fn read_leb(bytes: &[u8], pos: &mut usize) -> Option<u32> {
    let mut v: u32 = 0;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        v |= ((b & 0x7f) as u32).checked_shl(shift)?;
        if b & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
        if shift > 28 {
            return None;
        }
    }
}

/// Appends `v` as LEB128.
pub fn write_leb(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Reads a Rice-coded bit stream, least significant bit first, 64 bits at
/// a time: the model's ~40k ids are decoded at first use, where a bit at a
/// time cost several milliseconds.
struct Bits<'a> {
    bytes: &'a [u8],
    /// Position in bits.
    pos: usize,
}

impl Bits<'_> {
    /// The next 57 or more bits (zeros past the end), and how many are real.
    fn window(&self) -> (u64, usize) {
        let (byte, shift) = (self.pos / 8, self.pos % 8);
        if let Some(Ok(b)) = self.bytes.get(byte..byte + 8).map(<[u8; 8]>::try_from) {
            return (u64::from_le_bytes(b) >> shift, 64 - shift);
        }
        let mut buf = [0u8; 8];
        let avail = self.bytes.len().saturating_sub(byte).min(8);
        if let Some(src) = self.bytes.get(byte..byte + avail) {
            buf[..avail].copy_from_slice(src);
        }
        (u64::from_le_bytes(buf) >> shift, (avail * 8).saturating_sub(shift))
    }

    /// One value: the quotient in unary (1s, then a 0), then `k` low bits.
    fn rice(&mut self, k: u32) -> Option<u32> {
        // Fast path, nearly every value: quotient and low bits in one window.
        let (w, real) = self.window();
        let ones = w.trailing_ones() as usize;
        if ones + 1 + (k as usize) <= real.min(57) {
            self.pos += ones + 1 + k as usize;
            let low = (w >> (ones + 1)) as u32 & ((1u64 << k) - 1) as u32;
            return (ones as u32).checked_mul(1 << k)?.checked_add(low);
        }
        let mut q: u32 = 0;
        loop {
            let (w, real) = self.window();
            let ones = (w.trailing_ones() as usize).min(real);
            q = q.checked_add(ones as u32)?;
            self.pos += ones;
            if ones < real.min(57) {
                self.pos += 1; // the 0 that ends the quotient
                break;
            }
            if real == 0 {
                return None;
            }
        }
        let (w, real) = self.window();
        if real < k as usize {
            return None;
        }
        self.pos += k as usize;
        let low = (w & ((1u64 << k) - 1)) as u32;
        q.checked_mul(1 << k)?.checked_add(low)
    }
}

/// Writes a model file (format in the module docs) for `rows`: feature ids,
/// sorted and distinct, each with its (tag, weight) pairs, tags ascending
/// and distinct.
pub fn encode(header: &str, rows: &[(u32, Vec<(u8, i8)>)]) -> Vec<u8> {
    let mask_of = |pairs: &[(u8, i8)]| pairs.iter().fold(0u16, |m, &(t, _)| m | 1 << t);
    // Masks by frequency, most frequent first (ties by value: deterministic).
    let mut freq: std::collections::BTreeMap<u16, usize> = std::collections::BTreeMap::new();
    for (_, pairs) in rows {
        *freq.entry(mask_of(pairs)).or_default() += 1;
    }
    let mut masks: Vec<(u16, usize)> = freq.into_iter().collect();
    masks.sort_by_key(|&(m, c)| (std::cmp::Reverse(c), m));
    let index: std::collections::BTreeMap<u16, u32> =
        masks.iter().enumerate().map(|(i, &(m, _))| (m, i as u32)).collect();
    // The Rice parameter that codes the gaps in the fewest bits.
    let gaps: Vec<u32> = rows.iter().scan(0u32, |last, &(f, _)| Some(f - std::mem::replace(last, f))).collect();
    let cost = |k: u32| gaps.iter().map(|&g| (g >> k) as u64 + 1 + k as u64).sum::<u64>();
    let k = (0..32).min_by_key(|&k| cost(k)).unwrap_or(0);

    let mut out = header.as_bytes().to_vec();
    out.extend_from_slice(MAGIC);
    out.push(N_TAGS as u8);
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    out.push(k as u8);
    out.extend_from_slice(&(masks.len() as u16).to_le_bytes());
    for &(m, _) in &masks {
        out.extend_from_slice(&m.to_le_bytes());
    }
    for (_, pairs) in rows {
        write_leb(&mut out, index[&mask_of(pairs)]);
    }
    out.extend(rows.iter().flat_map(|(_, p)| p.iter().map(|x| x.1 as u8)));
    let mut stream: Vec<u8> = Vec::new();
    let mut n_bits = 0usize;
    let mut put = |bit: u32| {
        if n_bits % 8 == 0 {
            stream.push(0);
        }
        if let Some(last) = stream.last_mut() {
            *last |= ((bit & 1) as u8) << (n_bits % 8);
        }
        n_bits += 1;
    };
    for &g in &gaps {
        for _ in 0..g >> k {
            put(1);
        }
        put(0);
        for i in 0..k {
            put(g >> i);
        }
    }
    out.extend_from_slice(&stream);
    out
}

impl Model {
    /// Parses a model file; `None` if it is not one.
    pub fn parse(bytes: &[u8]) -> Option<Model> {
        let nl = bytes.iter().position(|&b| b == b'\n')?;
        let mut pos = nl + 1;
        if bytes.get(pos..pos + MAGIC.len())? != MAGIC {
            return None;
        }
        pos += MAGIC.len();
        if *bytes.get(pos)? as usize != N_TAGS {
            return None;
        }
        pos += 1;
        let n = u32::from_le_bytes(bytes.get(pos..pos + 4)?.try_into().ok()?) as usize;
        let k = *bytes.get(pos + 4)? as u32;
        let n_masks = u16::from_le_bytes(bytes.get(pos + 5..pos + 7)?.try_into().ok()?) as usize;
        pos += 7;
        let masks: Vec<u16> =
            bytes.get(pos..pos + 2 * n_masks)?.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        pos += 2 * n_masks;
        if k > 31 || masks.iter().any(|&m| m >> N_TAGS != 0) {
            return None;
        }
        let mut counts = Vec::with_capacity(n.min(bytes.len()));
        let mut tags = Vec::new();
        for _ in 0..n {
            let mask = *masks.get(read_leb(bytes, &mut pos)? as usize)?;
            counts.push(mask.count_ones() as u8);
            let mut rest = mask;
            while rest != 0 {
                tags.push(rest.trailing_zeros() as u8);
                rest &= rest - 1;
            }
        }
        let total = tags.len();
        let weights = bytes.get(pos..pos + total)?;
        pos += total;
        if total >= 1 << 24 {
            return None;
        }
        let mut bits = Bits { bytes: bytes.get(pos..)?, pos: 0 };
        let mut keys = Vec::with_capacity(n);
        let mut key: u32 = 0;
        for _ in 0..n {
            let gap = bits.rice(k)?;
            key = key.checked_add(gap)?;
            keys.push(key);
        }
        let pairs: Vec<(u8, i8)> = tags.iter().zip(weights).map(|(&t, &w)| (t, w as i8)).collect();
        Some(Model::from_parts(&keys, &counts, pairs))
    }

    /// The lookup table over decoded rows: feature `keys[i]` owns the next
    /// `counts[i]` entries of `pairs`.
    fn from_parts(keys: &[u32], counts: &[u8], pairs: Vec<(u8, i8)>) -> Model {
        let n = keys.len();
        // Load factor at most 2/3: linear probing stays short.
        let cap = (n + n / 2 + 1).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![Slot::default(); cap];
        let mut start = 0usize;
        let mut zero = Slot::default();
        let mut filter = vec![0u64; 1 << (FILTER_BITS - 6)];
        // The pairs of the features whose slot cannot hold them.
        let mut rest = Vec::new();
        // The largest |sum| a feature's pairs reach on one tag, summed in
        // the order they are added: at most 128 in a model file (one `i8`
        // per feature and tag: each sum is one weight).
        let mut max_weight = 0;
        let mut by_tag = [0i32; 256];
        for (&key, &count) in keys.iter().zip(counts) {
            let own = pairs.get(start..start + count as usize).unwrap_or(&[]);
            start += count as usize;
            if count == 0 {
                continue;
            }
            for &(t, w) in own {
                let sum = &mut by_tag[usize::from(t)];
                *sum += i32::from(w);
                max_weight = max_weight.max(sum.abs());
            }
            for &(t, _) in own {
                by_tag[usize::from(t)] = 0;
            }
            let slot = Slot::new(key, own, &mut rest);
            if key == 0 {
                zero = slot;
            } else {
                let (w, bit) = filter_bit(key);
                filter[w] |= bit;
                let mut s = key as usize & mask;
                while slots[s].key != 0 {
                    s = (s + 1) & mask;
                }
                slots[s] = slot;
            }
        }
        // Not from a model file (one `i8` per feature and tag): malformed.
        if !Model::fits_i16(max_weight) {
            return Model::default();
        }
        Model { slots, zero, mask, pairs: rest, n, filter }
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether the model has no weights.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Whether [`Model::filter`] lets feature `f` through to the table (no
    /// false negatives: a feature it turns away has no weights).
    #[inline(always)]
    fn may_know(&self, f: u32) -> bool {
        let (w, bit) = filter_bit(f);
        self.filter.get(w).is_some_and(|&x| x & bit != 0)
    }

    /// Adds the weights of `feature` to `scores`, indexed by tag (lanes past
    /// the model's tags are left alone).
    #[inline]
    pub fn add(&self, feature: u32, scores: &mut [i32]) {
        self.add_to(feature, scores);
    }

    /// [`Model::add`] into lanes of either width.
    #[inline]
    fn add_to<L: Lane>(&self, feature: u32, scores: &mut [L]) {
        if self.slots.is_empty() {
            return;
        }
        if feature != 0 && !self.may_know(feature) {
            return;
        }
        let mut s = feature as usize & self.mask;
        loop {
            let slot = &self.slots[s];
            if slot.key == feature || slot.key == 0 {
                let slot = if feature == 0 { &self.zero } else if slot.key == 0 { return } else { slot };
                if slot.tags != Slot::OUT {
                    let mut tags = slot.tags;
                    for &w in &slot.weights {
                        if tags == 0 {
                            break;
                        }
                        if let Some(x) = scores.get_mut(tags.trailing_zeros() as usize) {
                            x.add_weight(w);
                        }
                        tags &= tags - 1;
                    }
                    return;
                }
                let [a0, a1, a2, a3, n, ..] = slot.weights.map(|b| b as u8);
                let a = u32::from_le_bytes([a0, a1, a2, a3]) as usize;
                for &(t, w) in self.pairs.get(a..a + n as usize).unwrap_or(&[]) {
                    if let Some(x) = scores.get_mut(t as usize) {
                        x.add_weight(w);
                    }
                }
                return;
            }
            s = (s + 1) & self.mask;
        }
    }

    /// Reads the cache lines that adding `feats` reads (their words of
    /// [`Model::filter`] and, for the features it lets through, their home
    /// slots), all at once.
    ///
    /// Why: a short text's lookups are mostly cache misses (other code ran
    /// between two texts), and one [`Model::add`] after another waits for
    /// one miss after another, each behind its chain of dependent loads and
    /// branches. These loads depend on nothing but the ids, so the
    /// processor overlaps their misses, and the adds that follow find the
    /// lines in cache.
    pub fn prefetch(&self, feats: &[u32]) {
        if self.slots.is_empty() {
            return;
        }
        let mut x = 0;
        for &f in feats {
            let known = self.may_know(f);
            // Slot 0 (in cache after the first) for a feature the filter turns away.
            let s = f as usize & self.mask & (known as usize).wrapping_neg();
            x ^= self.slots.get(s).map_or(0, |slot| slot.key);
        }
        std::hint::black_box(x);
    }

    /// The summed weights of `feats`.
    fn sum(&self, feats: &[u32]) -> Scores {
        let mut s = [0; LANES];
        for &f in feats {
            self.add_to(f, &mut s);
        }
        s
    }

    /// Whether a token's summed weights always fit in `i16` lanes: at most
    /// [`features::MAX_FEATURES`] features, each adding at most
    /// `max_weight` to a tag. True of every model file (96 x 128 <
    /// 32,768); [`Model::from_parts`] turns any other model into an empty
    /// one, so [`Decoder`] can count on it.
    fn fits_i16(max_weight: i32) -> bool {
        max_weight.saturating_mul(features::MAX_FEATURES as i32) <= i16::MAX as i32
    }

    /// Tags one sentence greedily into `tags` (one per token).
    pub fn tag(&self, sf: &SentenceFeatures, tags: &mut Vec<u8>) {
        tags.clear();
        let (mut prev, mut prev2) = (O, O);
        for i in 0..sf.info.len() {
            let mut scores = [0i32; N_TAGS];
            for &f in sf.token(i) {
                self.add(f, &mut scores);
            }
            for f in features::tag_features(&sf.info[i], prev, prev2) {
                self.add(f, &mut scores);
            }
            let mut best = O;
            for t in 1..N_TAGS as u8 {
                if features::allowed(prev, t) && scores[t as usize] > scores[best as usize] {
                    best = t;
                }
            }
            tags.push(best);
            prev2 = prev;
            prev = best;
        }
    }
}

/// A lane of summed weights: `i32` for [`Model::tag`], `i16` for
/// [`Decoder`].
trait Lane: Copy {
    fn add_weight(&mut self, w: i8);
}

impl Lane for i32 {
    #[inline(always)]
    fn add_weight(&mut self, w: i8) {
        *self += w as i32;
    }
}

impl Lane for i16 {
    /// Never overflows: every [`Model`] [`Model::fits_i16`] (checked in
    /// debug builds, as every add of the decoder's lanes is).
    #[inline(always)]
    fn add_weight(&mut self, w: i8) {
        *self += w as i16;
    }
}

/// [`N_TAGS`] rounded up to a multiple of 8, so that [`Scores`] are whole
/// 128-bit vectors (8 `i16` lanes) and the wasm SIMD loops have no tail.
/// The extra lanes stay 0 (no weight has such a tag) and are never
/// candidates of the argmax ([`Decoder::allowed`]).
const LANES: usize = N_TAGS.next_multiple_of(8);

/// Summed weights per tag, then padding, in `i16`: a token's sum is at
/// most [`features::MAX_FEATURES`] weights, so that its lanes stay within
/// ±32,767 for every [`Model`] ([`Model::fits_i16`]). Why not `i32`: half
/// the vector adds per token (a dozen adds of 16 lanes each) and half the
/// cache lines per cached sum.
type Scores = [i16; LANES];

/// The roles a word plays in its own and its neighbours' features, as
/// indices into [`Word::sums`].
const OWN: usize = 0;
const LEFT1: usize = 1;
const LEFT2: usize = 2;
const RIGHT1: usize = 3;
const RIGHT2: usize = 4;
/// The previous-tag-with-word feature when the previous tag is O (most
/// tokens), so that it is not probed per token.
const AFTER_O: usize = 5;
/// [`OWN`] plus [`AFTER_O`] plus the previous-tag-with-shape feature when
/// the previous tag is O: what a non-initial word after an O tag (most
/// tokens) gets from itself, in one add.
const OWN_AFTER_O: usize = 6;
const ROLES: usize = 7;

/// A distinct word of the document (in headline sentences or not).
struct Word<'t> {
    text: &'t str,
    headline: bool,
    info: TokenInfo,
    alnum: bool,
    /// The summed weights of the features the word gives itself (as a
    /// non-initial token) and its neighbours, by role.
    sums: [Scores; ROLES],
}

/// The decoder's words by (text, headline flag): open addressing over
/// (hash, word index + 1) pairs, 0 for an empty slot.
///
/// Why not a `FnvMap<(&str, bool), u32>`: it is asked once per token, and
/// there it hashed byte by byte and called `memcmp` (a byte loop in wasm)
/// on every hit. This hashes 8 bytes at a time, and compares the text only
/// when the 32-bit hashes agree (then the word is read anyway: its sums are
/// what the token needs next), 8 bytes at a time.
struct WordIndex {
    slots: Vec<(u32, u32)>,
}

impl WordIndex {
    /// Room for `n` words before the table grows.
    fn with_capacity(n: usize) -> Self {
        WordIndex { slots: vec![(0, 0); (2 * n).next_power_of_two().max(16)] }
    }

    fn hash(w: &str, headline: bool) -> u32 {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut h = (w.len() as u64) << 1 | headline as u64;
        let (chunks, rest) = w.as_bytes().as_chunks::<8>();
        for &c in chunks {
            h = (h ^ u64::from_le_bytes(c)).wrapping_mul(K).rotate_left(29);
        }
        let mut last = [0u8; 8];
        for (to, &b) in last.iter_mut().zip(rest) {
            *to = b;
        }
        h = (h ^ u64::from_le_bytes(last)).wrapping_mul(K);
        // Without this, the low bits the table uses would see only the
        // first bytes of the last chunk.
        h ^= h >> 32;
        h.wrapping_mul(K) as u32
    }

    /// Whether `a` and `b` are the same bytes, compared inline.
    fn same(a: &str, b: &str) -> bool {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        let ((ac, ar), (bc, br)) = (a.as_chunks::<8>(), b.as_chunks::<8>());
        ac.iter().zip(bc).all(|(x, y)| u64::from_le_bytes(*x) == u64::from_le_bytes(*y))
            && ar.iter().zip(br).all(|(x, y)| x == y)
    }

    /// The index in `words` of (`w`, `headline`), or the hash to
    /// [`Self::insert`] it with.
    #[inline]
    fn get(&self, words: &[Word], w: &str, headline: bool) -> Result<u32, u32> {
        let h = Self::hash(w, headline);
        let mask = self.slots.len() - 1;
        let mut s = h as usize & mask;
        loop {
            let (key, k) = self.slots[s];
            if k == 0 {
                return Err(h);
            }
            if key == h
                && let Some(word) = words.get(k as usize - 1)
                && word.headline == headline
                && Self::same(word.text, w)
            {
                return Ok(k - 1);
            }
            s = (s + 1) & mask;
        }
    }

    /// Adds word `k` with hash `h` (from [`Self::get`]), which is not in
    /// the table; `k + 1` words are then in it.
    fn insert(&mut self, h: u32, k: u32) {
        if 2 * (k as usize + 1) > self.slots.len() {
            let n = 2 * self.slots.len();
            let old = std::mem::replace(&mut self.slots, vec![(0, 0); n]);
            for (h, k) in old.into_iter().filter(|&(_, k)| k != 0) {
                self.put(h, k);
            }
        }
        self.put(h, k + 1);
    }

    fn put(&mut self, h: u32, k1: u32) {
        let mask = self.slots.len() - 1;
        let mut s = h as usize & mask;
        while self.slots[s].1 != 0 {
            s = (s + 1) & mask;
        }
        self.slots[s] = (h, k1);
    }
}

/// A slot of [`Decoder::memo`].
#[derive(Clone, Copy)]
struct Memo {
    id: u32,
    full: bool,
    scores: Scores,
}

/// Most slots of [`Decoder::memo`]: more than the distinct shape pairs,
/// kinds, spans and previous-tag-with-shape ids of a long article, in
/// about 64 KB. A short text gets fewer (they are all cleared per text).
const MEMO_SLOTS: usize = 1024;

/// The vector adds and the argmax, a dozen adds and one argmax per token,
/// as plain loops: native release builds (`opt-level` 3) vectorise them.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod lanes {
    use super::{LANES, Scores};

    /// `s += v`, lane by lane (never overflows: see [`Scores`]; debug
    /// builds check).
    pub fn add(s: &mut Scores, v: &Scores) {
        for (x, &y) in s.iter_mut().zip(v) {
            *x += y;
        }
    }

    /// The first tag with the highest score among tag 0 and the tags whose
    /// lane of `candidates` is set, as the greedy decoder picks it.
    pub fn best(s: &Scores, candidates: &Scores) -> u8 {
        let mut best = 0;
        for t in 1..LANES {
            if candidates[t] != 0 && s[t] > s[best] {
                best = t;
            }
        }
        best as u8
    }
}

/// The same with wasm SIMD instructions. Why by hand: the wasm profile is
/// built at `opt-level = "s"`, where rustc runs no loop vectoriser, so the
/// plain loops stay one lane at a time (about a fifth of the all-layers
/// time was the tagger).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod lanes {
    use super::{LANES, Scores};
    use core::arch::wasm32::{
        i16x8_add, i16x8_bitmask, i16x8_eq, i16x8_max, i16x8_shuffle, i16x8_splat, v128, v128_bitselect, v128_load,
        v128_store,
    };

    /// The 16 bytes at `p`.
    fn load(p: &[i16; 8]) -> v128 {
        // SAFETY: `p` is 16 readable bytes; `v128.load` needs no alignment.
        unsafe { v128_load(p.as_ptr().cast()) }
    }

    fn store(p: &mut [i16; 8], v: v128) {
        // SAFETY: `p` is 16 writable bytes; `v128.store` needs no alignment.
        unsafe { v128_store(p.as_mut_ptr().cast(), v) }
    }

    /// `s += v`, lane by lane (never overflows: see [`Scores`]).
    pub fn add(s: &mut Scores, v: &Scores) {
        for (x, y) in s.as_chunks_mut::<8>().0.iter_mut().zip(v.as_chunks::<8>().0) {
            store(x, i16x8_add(load(x), load(y)));
        }
    }

    /// The first tag with the highest score among tag 0 and the tags whose
    /// lane of `candidates` is set, as the greedy decoder picks it: the
    /// other lanes become `i16::MIN`, below every sum (see [`Scores`]).
    pub fn best(s: &Scores, candidates: &Scores) -> u8 {
        const N: usize = LANES / 8;
        let min = i16x8_splat(i16::MIN);
        let mut v = [min; N];
        let mut max = min;
        for ((v, x), c) in v.iter_mut().zip(s.as_chunks::<8>().0).zip(candidates.as_chunks::<8>().0) {
            *v = v128_bitselect(load(x), min, load(c));
            max = i16x8_max(max, *v);
        }
        max = i16x8_max(max, i16x8_shuffle::<4, 5, 6, 7, 0, 1, 2, 3>(max, max));
        max = i16x8_max(max, i16x8_shuffle::<2, 3, 0, 1, 6, 7, 4, 5>(max, max));
        max = i16x8_max(max, i16x8_shuffle::<1, 0, 3, 2, 5, 4, 7, 6>(max, max));
        let mut at = 0u32;
        for (k, v) in v.iter().enumerate() {
            at |= (i16x8_bitmask(i16x8_eq(*v, max)) as u32) << (8 * k);
        }
        at.trailing_zeros() as u8
    }
}

use lanes::add;

/// The greedy decoder of [`Model::tag`], fed by per-document caches
/// instead of per-token feature lists.
///
/// Why: [`Model::tag`] probes the large weight table ~30 times per token,
/// each probe a likely cache miss, and hashes the word several times.
/// Almost all of those features depend on one word alone (its form,
/// affixes, shape and gazetteer classes, as itself or as a neighbour at a
/// fixed distance; see [`roles`]), and news repeats its words, so the
/// weights of each role are summed once per distinct word and kept; a
/// repeated word then costs one map lookup. Features over few distinct
/// values (shape pairs, token kinds, gazetteer spans, previous tag with the
/// shape) are kept per feature id, and the bias and tag-history features
/// sit in dense tables. Only the word bigrams and the previous tag with the
/// word are probed per token. The sums are exact integers, so the tags
/// are exactly those of [`Model::tag`] (tested).
pub struct Decoder<'m, 't> {
    model: &'m Model,
    bias: Scores,
    /// The bias plus the PREV_TAG and PREV2_TAG weights, by
    /// `prev2 * N_TAGS + prev`, filled at first use (a short text meets few
    /// of the pairs): every token starts from one of these.
    history: Vec<Option<Scores>>,
    /// The role sums of a neighbour beyond the sentence.
    edges: [Scores; 5],
    words: Vec<Word<'t>>,
    index: WordIndex,
    /// Weights by feature id, for features with few distinct ids: a
    /// direct-mapped cache (ids are hashes already), cheaper than a map;
    /// a collision only costs a probe of the model.
    memo: Vec<Memo>,
    /// Per token of the sentence: its word.
    sent: Vec<u32>,
    /// Per token of the sentence: its two [`roles::bigrams`].
    bigrams: Vec<u32>,
    feats: Vec<u32>,
    /// Features of a word that depend on its shape alone (see [`roles`]).
    shapes: Vec<u32>,
    scratch: String,
    /// By previous tag: lane t is -1 when tag t may follow it
    /// ([`features::allowed`]) or is O, else 0: the candidates of
    /// [`lanes::best`].
    allowed: [Scores; N_TAGS],
}

impl<'m, 't> Decoder<'m, 't> {
    /// A decoder for one document of `tokens` tokens (a hint for sizing
    /// its tables).
    pub fn new(model: &'m Model, tokens: usize) -> Self {
        let sum = |feats: &[u32]| model.sum(feats);
        // Distinct words grow slower than tokens: room for all of a short
        // text's, and a start for a long one's. (A Word is ~200 bytes: at
        // tokens / 8, a 10 MB text reserved 55 MB for its ~21,000 words, and
        // the wasm memory's peak with it.)
        let words = tokens.min(4096 + tokens / 32);
        let slots = (tokens / 2).next_power_of_two().clamp(64, MEMO_SLOTS);
        let (mut feats, mut shapes) = (Vec::new(), Vec::new());
        let mut edges = [[0; LANES]; 5];
        roles::left1(None, &mut feats, &mut shapes);
        feats.append(&mut shapes);
        edges[LEFT1] = sum(&feats);
        feats.clear();
        roles::right1(None, &mut feats, &mut shapes);
        feats.append(&mut shapes);
        edges[RIGHT1] = sum(&feats);
        edges[LEFT2] = sum(&[roles::left2(None)]);
        edges[RIGHT2] = sum(&[roles::right2(None)]);
        Decoder {
            model,
            bias: sum(&[roles::bias()]),
            history: vec![None; N_TAGS * N_TAGS],
            edges,
            words: Vec::with_capacity(words),
            index: WordIndex::with_capacity(words),
            memo: vec![Memo { id: 0, full: false, scores: [0; LANES] }; slots],
            sent: Vec::new(),
            bigrams: Vec::new(),
            feats,
            shapes,
            scratch: String::new(),
            allowed: std::array::from_fn(|prev| {
                std::array::from_fn(|t| if t < N_TAGS && (t == O as usize || features::allowed(prev as u8, t as u8)) { -1 } else { 0 })
            }),
        }
    }

    /// The features of `word` in `role` (never [`OWN`]), into `out` and
    /// `shapes` (see [`roles`]).
    fn role_features(info: &TokenInfo, role: usize, out: &mut Vec<u32>, shapes: &mut Vec<u32>) {
        match role {
            AFTER_O => out.push(features::prev_tag_lower(info, O)),
            OWN_AFTER_O => shapes.push(features::prev_tag_shape(info, O)),
            LEFT1 => roles::left1(Some(info), out, shapes),
            LEFT2 => out.push(roles::left2(Some(info))),
            RIGHT1 => roles::right1(Some(info), out, shapes),
            _ => out.push(roles::right2(Some(info))),
        }
    }

    /// The index of word `w`, added with its role sums if new.
    fn word(&mut self, w: &'t str, headline: bool) -> u32 {
        let h = match self.index.get(&self.words, w, headline) {
            Ok(k) => return k,
            Err(h) => h,
        };
        let (info, alnum) = features::word_info(w, headline, &mut self.scratch);
        // The features of every role first, so that their cache lines are
        // fetched at once ([`Model::prefetch`]). Those of the shape alone
        // are few, and come from the memo.
        self.feats.clear();
        let mut shapes = std::mem::take(&mut self.shapes);
        shapes.clear();
        let mut ends = [(0, 0); ROLES];
        for (role, end) in ends.iter_mut().enumerate() {
            match role {
                OWN => roles::own(w, &info, headline, &mut self.feats, &mut shapes),
                _ => Self::role_features(&info, role, &mut self.feats, &mut shapes),
            }
            *end = (self.feats.len(), shapes.len());
        }
        self.model.prefetch(&self.feats);
        let mut sums = [[0; LANES]; ROLES];
        let mut own = [0; LANES];
        let mut start = (0, 0);
        for ((role, sum), &end) in sums.iter_mut().enumerate().zip(&ends) {
            *sum = self.model.sum(self.feats.get(start.0..end.0).unwrap_or(&[]));
            for &f in shapes.get(start.1..end.1).unwrap_or(&[]) {
                self.add_memo(sum, f);
            }
            start = end;
            if role == OWN_AFTER_O {
                add(sum, &own);
            }
            if role == OWN || role == AFTER_O {
                add(&mut own, sum);
            }
        }
        self.shapes = shapes;
        let k = self.words.len() as u32;
        self.words.push(Word { text: w, headline, info, alnum, sums });
        self.index.insert(h, k);
        k
    }

    /// Adds word `k`'s sum for `role` (not [`OWN`]) to `s`.
    #[inline]
    fn add_role(&self, s: &mut Scores, k: u32, role: usize) {
        add(s, &self.words[k as usize].sums[role]);
    }

    /// Adds the weights of `f`, a feature with few distinct ids, to `s`.
    fn add_memo(&mut self, s: &mut Scores, f: u32) {
        // The slot count is a power of two.
        let n = self.memo.len();
        let slot = &mut self.memo[f as usize & (n - 1)];
        if !slot.full || slot.id != f {
            *slot = Memo { id: f, full: true, scores: self.model.sum(&[f]) };
        }
        add(s, &slot.scores);
    }

    /// Tags one sentence greedily into `tags`, exactly as
    /// [`features::extract`] then [`Model::tag`] would, and fills `sf` as
    /// [`features::extract_info`] does (for the rules).
    pub fn tag(&mut self, text: &'t str, tokens: &[Token], sf: &mut SentenceFeatures, tags: &mut Vec<u8>) {
        let headline = features::is_headline(text, tokens);
        let mut sent = std::mem::take(&mut self.sent);
        sent.clear();
        for tok in tokens {
            sent.push(self.word(tok.text(text), headline));
        }
        let words = &self.words;
        features::extract_info(text, tokens, headline, sent.iter().map(|&k| (words[k as usize].info, words[k as usize].alnum)), sf);
        tags.clear();
        let n = tokens.len();
        // The word bigrams, probed per token, are fetched at once too.
        let mut bigrams = std::mem::take(&mut self.bigrams);
        bigrams.clear();
        for i in 0..n {
            let at = |j: usize| sf.info.get(j);
            bigrams.extend(roles::bigrams(i.checked_sub(1).and_then(at), &sf.info[i], at(i + 1)));
        }
        self.model.prefetch(&bigrams);
        let (mut prev, mut prev2) = (O, O);
        for i in 0..n {
            let info = sf.info[i];
            let at = |j: usize| sf.info.get(j);
            let before = i.checked_sub(1).and_then(at);
            let after = at(i + 1);
            // Bias and tag history.
            let model = self.model;
            let bias = &self.bias;
            let mut s = *self.history[prev2 as usize * N_TAGS + prev as usize].get_or_insert_with(|| {
                let [a, b, _, _] = features::tag_features(&info, prev, prev2);
                let mut h = *bias;
                add(&mut h, &model.sum(&[a, b]));
                h
            });
            let k = sent[i];
            let after_o = prev == O && !info.initial;
            if after_o {
                add(&mut s, &self.words[k as usize].sums[OWN_AFTER_O]);
            } else if info.initial && info.gaz == 0 {
                // What an initial token adds to its own features, when it
                // has no gazetteer classes (whose features have the flag).
                add(&mut s, &self.words[k as usize].sums[OWN]);
                self.add_memo(&mut s, roles::init_shape(&info));
            } else if info.initial {
                self.feats.clear();
                self.shapes.clear();
                roles::own(tokens[i].text(text), &info, headline, &mut self.feats, &mut self.shapes);
                add(&mut s, &self.model.sum(&self.feats));
                add(&mut s, &self.model.sum(&self.shapes));
            } else {
                add(&mut s, &self.words[k as usize].sums[OWN]);
            }
            for (role, j) in [(LEFT1, i.checked_sub(1)), (LEFT2, i.checked_sub(2)), (RIGHT1, Some(i + 1)), (RIGHT2, Some(i + 2))] {
                match j.filter(|&j| j < n) {
                    Some(j) => self.add_role(&mut s, sent[j], role),
                    None => add(&mut s, &self.edges[role]),
                }
            }
            for &f in bigrams.get(2 * i..2 * i + 2).unwrap_or(&[]) {
                self.model.add_to(f, &mut s);
            }
            for f in roles::shape_pairs(before, &info, after) {
                self.add_memo(&mut s, f);
            }
            if let Some(f) = roles::kind(tokens[i].kind) {
                self.add_memo(&mut s, f);
            }
            let (classes, pos) = sf.span(i);
            if pos != 0 {
                self.feats.clear();
                roles::span(classes, pos, &mut self.feats);
                let feats = std::mem::take(&mut self.feats);
                for &f in &feats {
                    self.add_memo(&mut s, f);
                }
                self.feats = feats;
            }
            if after_o {
                // Added with OWN above, and so was the previous tag with the shape.
            } else {
                if prev == O {
                    self.add_role(&mut s, k, AFTER_O);
                } else {
                    self.model.add_to(features::prev_tag_lower(&info, prev), &mut s);
                }
                self.add_memo(&mut s, features::prev_tag_shape(&info, prev));
            }
            let best = lanes::best(&s, &self.allowed[prev as usize]);
            tags.push(best);
            prev2 = prev;
            prev = best;
        }
        self.sent = sent;
        self.bigrams = bigrams;
    }
}

/// The compiled-in model, parsed at first use.
pub fn model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| Model::parse(MODEL).unwrap_or_default())
}

/// Turns BIO tags into (first token, end token, label index) runs.
pub fn runs(tags: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        match features::label_index(tags[i]) {
            Some(k) => {
                let mut j = i + 1;
                while j < tags.len() && features::is_inside(tags[j]) && features::label_index(tags[j]) == Some(k) {
                    j += 1;
                }
                out.push((i, j, k));
                i = j;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::features::{begin, inside};

    #[test]
    fn leb_round_trip_and_bad_models() {
        let mut v = Vec::new();
        for x in [0u32, 1, 127, 128, 300, u32::MAX] {
            write_leb(&mut v, x);
        }
        let mut pos = 0;
        for x in [0u32, 1, 127, 128, 300, u32::MAX] {
            assert_eq!(read_leb(&v, &mut pos), Some(x));
        }
        assert!(Model::parse(b"").is_none());
        assert!(Model::parse(b"# x\nNLNER2").is_none());
        assert!(Model::parse(b"# x\nNOTIT!\x0f\0\0\0\0\0\0\0").is_none());
        // The old format is not misread as the new one.
        assert!(Model::parse(b"# x\nNLNER1\x0f\x01\0\0\0\x05\x01\x03\x0a").is_none());
        // Every truncation of a good file is rejected, never a panic.
        let good = encode("# t\n", &[(3, vec![(1, 5)]), (70_000, vec![(0, -2), (4, 9)])]);
        assert!(Model::parse(&good).is_some());
        for cut in 0..good.len() {
            assert!(Model::parse(&good[..cut]).is_none(), "cut at {cut}");
        }
    }

    #[test]
    fn encode_parse_round_trip() {
        // Gaps from 0 to near 2^32 and repeated masks: ids, tags and weights all survive.
        let mut rows: Vec<(u32, Vec<(u8, i8)>)> = vec![
            (0, vec![(0, 3)]),
            (1, vec![(1, -7), (2, 7)]),
            (2, vec![(1, 127), (2, -127)]),
            (1 << 20, vec![(14, 1)]),
            // What a slot holds itself: 10 pairs, tags up to 14.
            (1 << 21, (0..10).map(|t| (t + 5, (127 - 25 * t as i16) as i8)).collect()),
            (1 << 21 | 1, vec![(0, -128), (14, 127)]),
        ];
        // Past it, 11 pairs: these are kept apart, the last ones from pair 300 on.
        rows.extend((0..40).map(|i| ((1 << 22) + i, (0..11).map(|t| (t, (i as i16 + t as i16 - 100) as i8)).collect())));
        rows.extend([(u32::MAX - 1, vec![(0, -1), (3, 2), (14, 9)]), (u32::MAX, vec![(1, 4), (2, 5)])]);
        let m = Model::parse(&encode("# t\n", &rows)).expect("parses");
        assert_eq!(m.len(), rows.len());
        for (f, pairs) in &rows {
            let mut want = [0i32; N_TAGS];
            for &(t, w) in pairs {
                want[t as usize] = w as i32;
            }
            let mut got = [0i32; N_TAGS];
            m.add(*f, &mut got);
            assert_eq!(got, want, "feature {f}");
        }
        let mut none = [0i32; N_TAGS];
        m.add(3, &mut none);
        m.add(u32::MAX - 2, &mut none);
        assert_eq!(none, [0; N_TAGS]);
    }

    #[test]
    fn tiny_model_scores_features() {
        let m = Model::parse(&encode("# test\n", &[(5, vec![(3, 10)]), (9, vec![(0, -3), (4, 7)])])).expect("parses");
        assert_eq!(m.len(), 2);
        let mut s = [0i32; N_TAGS];
        m.add(5, &mut s);
        m.add(9, &mut s);
        m.add(6, &mut s);
        m.add(0, &mut s);
        assert_eq!((s[3], s[0], s[4]), (10, -3, 7));
    }

    #[test]
    fn feature_zero_is_a_real_feature() {
        // The bias feature hashes to id 0; it must not read as an empty slot.
        assert_eq!(crate::entities::features::feature(0, 0), 0);
        let m = Model::parse(&encode("# test\n", &[(0, vec![(2, 9)]), (7, vec![(5, 4)])])).expect("parses");
        let mut s = [0i32; N_TAGS];
        m.add(0, &mut s);
        m.add(7, &mut s);
        m.add(8, &mut s);
        assert_eq!((s[2], s[5]), (9, 4));
    }

    /// Tags every sentence of `text` with [`Model::tag`] and with one
    /// [`Decoder`] for the whole text, and checks they agree. Returns the
    /// number of tokens not tagged O.
    fn decoder_agrees(model: &Model, text: &str) -> usize {
        let seg = crate::text::segment(text);
        let mut decoder = Decoder::new(model, seg.tokens.len());
        let (mut sf, mut sf2) = (SentenceFeatures::default(), SentenceFeatures::default());
        let (mut want, mut got) = (Vec::new(), Vec::new());
        let mut tagged = 0;
        for range in &seg.sentence_tokens {
            let tokens = &seg.tokens[range.clone()];
            features::extract(text, tokens, &mut sf);
            model.tag(&sf, &mut want);
            decoder.tag(text, tokens, &mut sf2, &mut got);
            assert_eq!(got, want, "{:?}", &text[tokens.first().map_or(0, |t| t.start)..tokens.last().map_or(0, |t| t.end)]);
            assert_eq!(sf2.headline, sf.headline);
            assert!(sf.info.iter().zip(&sf2.info).all(|(a, b)| (a.gaz, a.initial, a.gaz_key) == (b.gaz, b.initial, b.gaz_key)));
            tagged += want.iter().filter(|&&t| t != O).count();
        }
        tagged
    }

    #[test]
    fn decoder_tags_as_model_tag() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/seed-article.txt");
        let seed = std::fs::read_to_string(path).expect("seed article in ../shared/data");
        let gold = include_str!("../../tests/coref/gold.txt");
        let headlines = "BAGHDAD SAYS IRAN-BACKED MILITIAS READY\n\nIRAQ AND IRAN TALK IN NEW YORK\n\nIraq and Iran talk.";
        for text in [seed.as_str(), gold, headlines] {
            // Not a vacuous agreement: the model does tag names here.
            assert!(decoder_agrees(model(), text) > 0);
        }
    }

    #[test]
    fn decoder_agrees_at_the_largest_weights() {
        // Every feature the text's tokens can have, with the largest
        // weights a model file holds (+127 and -128, by bits of the id) on
        // most tags: the decoder's i16 lanes hold the sums exactly (debug
        // builds would panic on an overflow).
        let text = "BAGHDAD SAYS IRAN-BACKED MILITIAS READY\n\nPrime Minister Mohammed Shia al-Sudani of Iraq met \
                    the New York Times in Saudi Arabia, Reuters said on 3 May 2023 (#tag @user).";
        let seg = crate::text::segment(text);
        let mut sf = SentenceFeatures::default();
        let mut ids = vec![roles::bias()];
        for range in &seg.sentence_tokens {
            features::extract(text, &seg.tokens[range.clone()], &mut sf);
            ids.extend(&sf.feats);
            for info in &sf.info {
                for (prev, prev2) in (0..N_TAGS as u8).flat_map(|a| (0..N_TAGS as u8).map(move |b| (a, b))) {
                    ids.extend(features::tag_features(info, prev, prev2));
                }
            }
        }
        ids.sort_unstable();
        ids.dedup();
        let rows: Vec<(u32, Vec<(u8, i8)>)> = ids
            .iter()
            .map(|&f| {
                let pairs = (0..N_TAGS as u8).filter_map(|t| match (f >> t) & 3 {
                    0 | 2 => Some((t, 127)),
                    1 => Some((t, -128)),
                    _ => None,
                });
                (f, pairs.collect())
            })
            .collect();
        let m = Model::parse(&encode("# t\n", &rows)).expect("parses");
        // Not refused: every feature kept, at the largest |weight| there is.
        assert_eq!(m.len(), rows.len());
        assert!(Model::fits_i16(128));
        assert!(decoder_agrees(&m, text) > 0);
    }

    #[test]
    fn models_whose_sums_could_overflow_i16_are_refused() {
        // Two features of one role ("Baghdad" as the previous word) with
        // 255 pairs of +127 on one tag: their sum does not fit in i16.
        let text = "Baghdad Iraq . Baghdad Iraq , Baghdad";
        let toks = crate::text::tokens::tokenize(text);
        let mut sf = SentenceFeatures::default();
        features::extract(text, &toks, &mut sf);
        let mut ids = Vec::new();
        roles::left1(Some(&sf.info[0]), &mut ids, &mut Vec::new());
        ids.truncate(2);
        ids.sort_unstable();
        // The file format holds at most one weight per (feature, tag), so
        // such a model can only be built in memory.
        // It is malformed, so it is empty, as a bad file's model is.
        let m = Model::from_parts(&ids, &[255, 255], vec![(features::begin(4), 127); 510]);
        assert!(m.is_empty());
        assert_eq!(decoder_agrees(&m, text), 0);
        // Two such pairs (254 per feature, 96 features: 24,384) still fit.
        let m = Model::from_parts(&ids, &[2, 2], vec![(features::begin(4), 127); 4]);
        assert_eq!(m.len(), 2);
        // The check's edge: the largest weight whose 96-fold sum fits i16;
        // the refused model's 255 x 127 is far past it.
        let edge = i16::MAX as i32 / features::MAX_FEATURES as i32;
        assert!(Model::fits_i16(254) && Model::fits_i16(edge) && !Model::fits_i16(edge + 1));
        assert!(!Model::fits_i16(255 * 127));
        assert!(decoder_agrees(&m, text) > 0);
    }

    #[test]
    fn decoder_words_are_keyed_by_text_and_headline() {
        // Past the index's first size; words that share their first 8
        // bytes, with equal and unequal lengths; case; the empty word.
        let mut words: Vec<String> = (0..300).map(|i| format!("w{i}")).collect();
        words.extend(
            ["internationally", "internationalxy", "internationalist", "Iraq", "IRAQ", "", "日本語", "a", "ab", "w1 "]
                .map(String::from),
        );
        let mut d = Decoder::new(model(), 1);
        let mut seen = std::collections::HashMap::new();
        for _ in 0..2 {
            for w in &words {
                for headline in [false, true] {
                    let k = d.word(w, headline);
                    assert_eq!(k, *seen.entry((w.as_str(), headline)).or_insert(k), "{w:?} {headline}");
                    assert_eq!((d.words[k as usize].text, d.words[k as usize].headline), (w.as_str(), headline));
                }
            }
        }
        assert_eq!(d.words.len(), 2 * words.len());
    }

    #[test]
    fn runs_follow_bio() {
        let tags = [O, begin(0), inside(0), O, begin(4), begin(4), inside(4)];
        assert_eq!(runs(&tags), vec![(1, 3, 0), (4, 5, 4), (5, 7, 4)]);
    }
}
