//! The crate's hashing, for two jobs that must not be confused:
//!
//! - **Lookup tables** ([`FastMap`], [`FastSet`] and the tagger's word index)
//!   hash with [`word_hash`]: 8 bytes at a time, then one avalanche. The keys
//!   are short words, from our own compiled-in lists or the text being
//!   annotated, and the lookups run once or more per token, so this beats
//!   both the default DoS-resistant SipHash and a byte-at-a-time loop. No
//!   table here is exposed to keys an attacker could choose in bulk beyond
//!   one article, whose size is capped. Its values are never stored.
//! - **Ids baked into data** (the tagger's feature ids, the numeric words'
//!   filter bits, the golden outputs' checksums) are FNV-1a: a file format, fixed for as long as the data
//!   it was computed into ships, so it is never changed for speed.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a's 64-bit offset basis: the hash of no bytes.
pub const FNV64_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a's 64-bit prime.
pub const FNV64_PRIME: u64 = 0x0100_0000_01b3;
/// FNV-1a's 32-bit offset basis: the hash of no bytes.
pub const FNV32_OFFSET: u32 = 0x811c_9dc5;
/// FNV-1a's 32-bit prime.
pub const FNV32_PRIME: u32 = 0x0100_0193;

/// One byte more into a 64-bit FNV-1a hash.
#[inline]
pub const fn fnv64_byte(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(FNV64_PRIME)
}

/// One byte more into a 32-bit FNV-1a hash.
#[inline]
pub const fn fnv32_byte(h: u32, b: u8) -> u32 {
    (h ^ b as u32).wrapping_mul(FNV32_PRIME)
}

/// The 64-bit FNV-1a hash of `bytes`: for values that are stored (the
/// golden outputs' checksums), which must not change with the tables' hash.
pub const fn fnv64(bytes: &[u8]) -> u64 {
    let mut h = FNV64_OFFSET;
    let mut i = 0;
    while i < bytes.len() {
        h = fnv64_byte(h, bytes[i]);
        i += 1;
    }
    h
}

/// The 32-bit FNV-1a hash of `bytes`; usable in constants.
pub const fn fnv32(bytes: &[u8]) -> u32 {
    let mut h = FNV32_OFFSET;
    let mut i = 0;
    while i < bytes.len() {
        h = fnv32_byte(h, bytes[i]);
        i += 1;
    }
    h
}

/// The multiplier of [`word_hash`] (2^64 / the golden ratio, odd).
const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// One 8-byte word more into a [`word_hash`] state.
#[inline(always)]
const fn mix(h: u64, x: u64) -> u64 {
    (h ^ x).wrapping_mul(K).rotate_left(29)
}

/// Spreads a [`word_hash`] state so that every output bit depends on every
/// input bit (tables take their slot from the low bits).
#[inline(always)]
const fn avalanche(h: u64) -> u64 {
    let h = (h ^ (h >> 32)).wrapping_mul(K);
    h ^ (h >> 29)
}

/// Folds `bytes` into state `h`: 8 bytes at a time, then the last 0-7
/// bytes zero-padded as one word. Callers that need `"a"` and `"a\0"` to
/// differ put the length into the state first ([`word_hash`] does).
#[inline(always)]
fn fold(mut h: u64, bytes: &[u8]) -> u64 {
    let (chunks, rest) = bytes.as_chunks::<8>();
    for &c in chunks {
        h = mix(h, u64::from_le_bytes(c));
    }
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(last));
    }
    h
}

/// The lookup tables' hash of `bytes` with a small `tag` (a flag the key
/// carries beside its text, e.g. the tagger's headline bit).
#[inline]
pub fn word_hash(bytes: &[u8], tag: u64) -> u64 {
    avalanche(fold(mix(0, (bytes.len() as u64) << 8 | tag), bytes))
}

/// [`word_hash`] as a [`Hasher`] for the crate's hash maps. A key made of
/// several parts (a tuple, a `str` with its terminator) folds each in turn.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    #[inline]
    fn finish(&self) -> u64 {
        avalanche(self.0)
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fold(mix(self.0, bytes.len() as u64), bytes);
    }

    #[inline]
    fn write_u8(&mut self, x: u8) {
        self.0 = mix(self.0, x as u64);
    }

    #[inline]
    fn write_u16(&mut self, x: u16) {
        self.0 = mix(self.0, x as u64);
    }

    #[inline]
    fn write_u32(&mut self, x: u32) {
        self.0 = mix(self.0, x as u64);
    }

    #[inline]
    fn write_u64(&mut self, x: u64) {
        self.0 = mix(self.0, x);
    }

    #[inline]
    fn write_usize(&mut self, x: usize) {
        self.0 = mix(self.0, x as u64);
    }
}

/// A hash map hashed with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A hash set hashed with [`FastHasher`].
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    /// Words as the tables see them: short, similar, many sharing a prefix.
    fn words() -> Vec<String> {
        (0..20_000).map(|i| format!("w{i}")).chain((0..5_000).map(|i| format!("Washington{i:05}x"))).collect()
    }

    #[test]
    fn the_table_hash_spreads_similar_words_over_the_low_bits() {
        // A table takes its slot from the low bits: 25,000 words in 4,096
        // slots average 6.1 each; a weak mix piles them up.
        let mut slots = vec![0u32; 4096];
        for w in words() {
            slots[(word_hash(w.as_bytes(), 0) & 4095) as usize] += 1;
        }
        let most = *slots.iter().max().unwrap();
        assert!(most <= 20, "{most} words in one of 4,096 slots");
        assert!(slots.iter().filter(|&&n| n == 0).count() < 40, "empty slots");
    }

    #[test]
    fn the_table_hash_tells_apart_length_tag_and_padding() {
        let h = |w: &str, tag| word_hash(w.as_bytes(), tag);
        assert_ne!(h("a", 0), h("a\0", 0));
        assert_ne!(h("abcdefgh", 0), h("abcdefgh\0", 0));
        assert_ne!(h("Smith", 0), h("Smith", 1));
        assert_ne!(h("", 0), h("\0", 0));
        let mut all: Vec<u64> = words().iter().map(|w| word_hash(w.as_bytes(), 0)).collect();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), words().len(), "no collisions among 25,000 words in 64 bits");
    }

    #[test]
    fn the_maps_hash_keys_of_several_parts_apart() {
        let mut m: FastMap<(&str, &str), u32> = FastMap::default();
        m.insert(("ab", "c"), 1);
        m.insert(("a", "bc"), 2);
        assert_eq!((m[&("ab", "c")], m[&("a", "bc")]), (1, 2));
        let hash = |k: &(&str, &str)| std::hash::BuildHasher::hash_one(&BuildHasherDefault::<FastHasher>::default(), k);
        assert_ne!(hash(&("ab", "c")), hash(&("a", "bc")));
    }

    #[test]
    fn stored_hashes_are_fnv_1a() {
        // Published FNV-1a test vectors: data computed with them must not move.
        assert_eq!(fnv64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv32(b"a"), 0xe40c_292c);
    }
}
