//! The model file: LEB128 and Rice coding, [`encode`] for `cargo xtask
//! train` and [`Model::parse`] for the compiled-in model (the layout is
//! described in [`super`]).

use crate::entities::features::N_TAGS;
use super::table::Model;

/// The magic after the header line.
pub const MAGIC: &[u8] = b"NLNER2";

pub(super) fn read_leb(bytes: &[u8], pos: &mut usize) -> Option<u32> {
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
    // The masks are distinct, so the unstable sort gives the one order (and
    // the .wasm no stable sort for it); the map is filled by insertion, as
    // collecting into a BTreeMap sorts its input stably first.
    masks.sort_unstable_by_key(|&(m, c)| (std::cmp::Reverse(c), m));
    let mut index: std::collections::BTreeMap<u16, u32> = std::collections::BTreeMap::new();
    for (i, &(m, _)) in masks.iter().enumerate() {
        index.insert(m, i as u32);
    }
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

}
