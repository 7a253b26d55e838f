//! The weight table: an open-addressing table of 16-byte slots behind a
//! 64 KB filter, and the lookups that sum a feature's weights into
//! lanes.

use crate::entities::features::{self, N_TAGS, O, SentenceFeatures};
use super::lanes::{LANES, Lane, Scores};

/// Quantised weights, looked up by feature id.
#[derive(Debug, Default)]
pub struct Model {
    /// Open-addressing table of [`Slot`]s, key 0 for an empty slot (the
    /// feature whose id is 0, the bias, is kept in `zero`). Most features
    /// the model does not know never get here (`Model::filter`).
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

/// Bits of a feature id that index `Model::filter`.
const FILTER_BITS: u32 = 19;

/// Where feature `f` sits in `Model::filter`: word, bit.
fn filter_bit(f: u32) -> (usize, u64) {
    let b = (f >> (32 - FILTER_BITS)) as usize;
    (b >> 6, 1 << (b & 63))
}

impl Model {
    /// The lookup table over decoded rows: feature `keys[i]` owns the next
    /// `counts[i]` entries of `pairs`.
    pub(super) fn from_parts(keys: &[u32], counts: &[u8], pairs: Vec<(u8, i8)>) -> Model {
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

    /// Whether `Model::filter` lets feature `f` through to the table (no
    /// false negatives: a feature it turns away has no weights).
    #[inline(always)]
    pub(super) fn may_know(&self, f: u32) -> bool {
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
    pub(super) fn add_to<L: Lane>(&self, feature: u32, scores: &mut [L]) {
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
    /// `Model::filter` and, for the features it lets through, their home
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
    pub(super) fn sum(&self, feats: &[u32]) -> Scores {
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
    pub(super) fn fits_i16(max_weight: i32) -> bool {
        max_weight.saturating_mul(features::MAX_FEATURES as i32) <= i16::MAX as i32
    }

    /// Tags one sentence greedily into `tags` (one per token).
    pub fn tag(&self, sf: &SentenceFeatures, tags: &mut Vec<u8>) {
        tags.clear();
        let (mut prev, mut prev2) = (O, O);
        for (i, info) in sf.infos().enumerate() {
            let mut scores = [0i32; N_TAGS];
            for &f in sf.token(i) {
                self.add(f, &mut scores);
            }
            for f in features::tag_features(&info, prev, prev2) {
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
