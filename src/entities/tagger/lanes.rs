//! Lanes of summed weights: `i32` for [`super::Model::tag`], `i16` vectors
//! for [`super::Decoder`], and the vector adds and argmax over them.

use crate::entities::features::N_TAGS;

/// A lane of summed weights: `i32` for [`Model::tag`], `i16` for
/// [`Decoder`].
pub(super) trait Lane: Copy {
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
pub(super) const LANES: usize = N_TAGS.next_multiple_of(8);

/// Summed weights per tag, then padding, in `i16`: a token's sum is at
/// most [`features::MAX_FEATURES`] weights, so that its lanes stay within
/// ±32,767 for every [`Model`] ([`Model::fits_i16`]). Why not `i32`: half
/// the vector adds per token (a dozen adds of 16 lanes each) and half the
/// cache lines per cached sum.
pub(super) type Scores = [i16; LANES];

/// The vector adds and the argmax, a dozen adds and one argmax per token,
/// as plain loops: native release builds (`opt-level` 3) vectorise them.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod scalar {
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
mod simd {
    use super::{LANES, Scores};
    use core::arch::wasm32::{
        i16x8_add, i16x8_bitmask, i16x8_eq, i16x8_max, i16x8_shuffle, i16x8_splat, v128, v128_bitselect, v128_load,
        v128_store,
    };

    /// The 16 bytes at `p`.
    pub(super) fn load(p: &[i16; 8]) -> v128 {
        // SAFETY: `p` is 16 readable bytes; `v128.load` needs no alignment.
        unsafe { v128_load(p.as_ptr().cast()) }
    }

    pub(super) fn store(p: &mut [i16; 8], v: v128) {
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

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
pub(super) use scalar::{add, best};
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub(super) use simd::{add, best};
