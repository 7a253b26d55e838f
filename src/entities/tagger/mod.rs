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
//!
//! Layout: `format` reads and writes the file; `table` holds the weights
//! behind a filter and sums them; `lanes` has the score vectors and their
//! SIMD adds; [`Decoder`] (in `decoder`) tags a document with per-word caches.

mod decoder;
mod format;
mod lanes;
mod table;

#[cfg(test)]
mod tests;

use std::sync::OnceLock;

use super::features;
pub use decoder::Decoder;
pub use format::{MAGIC, encode, write_leb};
pub use table::Model;

/// The committed model.
const MODEL: &[u8] = include_bytes!("../../../data/model/ner.bin");

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
