//! The crate's one hash function, FNV-1a, for its lookup tables and for
//! the hashes that are baked into data (the tagger's feature ids, the
//! numeric words' filter bits).
//!
//! The keys are short words, from our own compiled-in lists or the text
//! being annotated, and the lookups run once or more per token, so FNV-1a
//! beats the default DoS-resistant SipHash. No table here is exposed to keys
//! an attacker could choose in bulk beyond one article, whose size is capped.

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

/// FNV-1a, 64-bit, as a [`Hasher`] for the crate's hash maps.
#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { FNV64_OFFSET } else { self.0 };
        for &b in bytes {
            h = fnv64_byte(h, b);
        }
        self.0 = h;
    }
}

/// A hash map hashed with [`Fnv`].
pub type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// A hash set hashed with [`Fnv`].
pub type FnvSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;
