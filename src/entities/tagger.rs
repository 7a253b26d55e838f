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
//! magic `NLNER1`, `u8` tag count, `u32` feature count, the sorted
//! feature ids as LEB128 deltas, one `u8` pair count per feature, then all
//! tags (`u8`) and all weights (`i8`) of the pairs, feature after feature.
//! Tags and weights are stored apart because each stream compresses better
//! alone. A missing or malformed model gives an empty tagger (no
//! entities from it), never a panic.

use std::sync::OnceLock;

use super::features::{self, N_TAGS, O, SentenceFeatures};

/// The committed model.
const MODEL: &[u8] = include_bytes!("../../data/model/ner.bin");

/// The magic after the header line.
pub const MAGIC: &[u8] = b"NLNER1";

/// Quantised weights, looked up by feature id.
#[derive(Debug, Default)]
pub struct Model {
    /// Open-addressing table of feature ids; 0 marks an empty slot (the
    /// feature whose id is 0, the bias, is kept in `zero`). Kept apart from `vals` so that a
    /// feature the model does not know, the common case, touches one
    /// 4-byte slot only.
    keys: Vec<u32>,
    /// Per slot: first pair << 8 | pair count. A hit then reads its pairs,
    /// which sit together.
    vals: Vec<u32>,
    /// The slot value of feature id 0, or 0.
    zero: u32,
    mask: usize,
    /// (tag, weight) pairs, feature after feature.
    pairs: Vec<(u8, i8)>,
    /// Number of features.
    n: usize,
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
        pos += 4;
        let mut keys = Vec::with_capacity(n);
        let mut key: u32 = 0;
        for _ in 0..n {
            key = key.wrapping_add(read_leb(bytes, &mut pos)?);
            keys.push(key);
        }
        let counts = bytes.get(pos..pos + n)?;
        pos += n;
        let total: usize = counts.iter().map(|&c| c as usize).sum();
        let tags = bytes.get(pos..pos + total)?;
        let weights = bytes.get(pos + total..pos + 2 * total)?;
        if tags.iter().any(|&t| t as usize >= N_TAGS) || total >= 1 << 24 {
            return None;
        }
        let pairs: Vec<(u8, i8)> = tags.iter().zip(weights).map(|(&t, &w)| (t, w as i8)).collect();
        // Load factor at most 2/3: linear probing stays short.
        let cap = (n + n / 2 + 1).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut table = vec![0u32; cap];
        let mut vals = vec![0u32; cap];
        let mut start = 0usize;
        let mut zero = 0;
        for (&key, &count) in keys.iter().zip(counts) {
            if count > 0 && key == 0 {
                zero = (start as u32) << 8 | count as u32;
            } else if count > 0 {
                let mut s = key as usize & mask;
                while table[s] != 0 {
                    s = (s + 1) & mask;
                }
                table[s] = key;
                vals[s] = (start as u32) << 8 | count as u32;
            }
            start += count as usize;
        }
        let keys = table;
        Some(Model { keys, vals, zero, mask, pairs, n })
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether the model has no weights.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Adds the weights of `feature` to `scores`.
    #[inline]
    pub fn add(&self, feature: u32, scores: &mut [i32; N_TAGS]) {
        if self.keys.is_empty() {
            return;
        }
        let mut s = feature as usize & self.mask;
        loop {
            let k = self.keys[s];
            if k == feature || k == 0 {
                let v = if feature == 0 { self.zero } else if k == 0 { return } else { self.vals[s] };
                let (a, n) = ((v >> 8) as usize, (v & 0xff) as usize);
                for &(t, w) in self.pairs.get(a..a + n).unwrap_or(&[]) {
                    if let Some(x) = scores.get_mut(t as usize) {
                        *x += w as i32;
                    }
                }
                return;
            }
            s = (s + 1) & self.mask;
        }
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
        assert!(Model::parse(b"# x\nNLNER1").is_none());
        assert!(Model::parse(b"# x\nNOTIT!\x0f\0\0\0\0").is_none());
    }

    #[test]
    fn tiny_model_scores_features() {
        let mut bytes = b"# test\n".to_vec();
        bytes.extend_from_slice(MAGIC);
        bytes.push(N_TAGS as u8);
        bytes.extend_from_slice(&2u32.to_le_bytes());
        write_leb(&mut bytes, 5);
        write_leb(&mut bytes, 4); // key 9
        bytes.extend_from_slice(&[1, 2]);
        bytes.extend_from_slice(&[3, 0, 4]);
        bytes.extend_from_slice(&[10, (-3i8) as u8, 7]);
        let m = Model::parse(&bytes).expect("parses");
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
        let mut bytes = b"# test\n".to_vec();
        bytes.extend_from_slice(MAGIC);
        bytes.push(N_TAGS as u8);
        bytes.extend_from_slice(&2u32.to_le_bytes());
        write_leb(&mut bytes, 0);
        write_leb(&mut bytes, 7);
        bytes.extend_from_slice(&[1, 1]);
        bytes.extend_from_slice(&[2, 5]);
        bytes.extend_from_slice(&[9, 4]);
        let m = Model::parse(&bytes).expect("parses");
        let mut s = [0i32; N_TAGS];
        m.add(0, &mut s);
        m.add(7, &mut s);
        m.add(8, &mut s);
        assert_eq!((s[2], s[5]), (9, 4));
    }

    #[test]
    fn runs_follow_bio() {
        let tags = [O, begin(0), inside(0), O, begin(4), begin(4), inside(4)];
        assert_eq!(runs(&tags), vec![(1, 3, 0), (4, 5, 4), (5, 7, 4)]);
    }
}
