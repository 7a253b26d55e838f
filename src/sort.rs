//! Stable sorting by an integer key with one copy of the sort in the .wasm.
//!
//! Every `sort_by_key`/`sort_by` call site with its own element type and
//! closure is a copy of the standard library's stable sort (driftsort and its
//! quicksort, small-sort and merge: ~5 KB of wasm code each), and there were a
//! dozen. These sort `(key, index)` pairs instead, one type for every caller,
//! with the unstable sort: the index breaks ties, so the order is exactly the
//! stable sort's; then the elements are moved into place along the
//! permutation's cycles (swaps, no `Clone`).

/// Sorts `v` stably by `key`, ascending (as `v.sort_by_key(key)` does).
pub fn sort_by_key<T>(v: &mut [T], key: impl Fn(&T) -> u128) {
    sort_by_key_in(v, &mut Vec::new(), key);
}

/// [`sort_by_key`] with a caller's buffer for the keys, for calls in a loop.
pub fn sort_by_key_in<T>(v: &mut [T], keys: &mut Vec<(u128, usize)>, key: impl Fn(&T) -> u128) {
    if v.len() < 2 {
        return;
    }
    keys.clear();
    keys.extend(v.iter().enumerate().map(|(i, x)| (key(x), i)));
    sort_keys(keys);
    permute(v, keys);
}

/// The one sort: not generic, so not copied per caller.
#[inline(never)]
fn sort_keys(keys: &mut [(u128, usize)]) {
    keys.sort_unstable();
}

/// Puts `v[keys[j].1]` at `j` for every `j`, following each cycle of the
/// permutation once (a visited entry's index is set to `usize::MAX`).
fn permute<T>(v: &mut [T], keys: &mut [(u128, usize)]) {
    for i in 0..keys.len() {
        if keys[i].1 == usize::MAX {
            continue;
        }
        let mut j = i;
        loop {
            let k = std::mem::replace(&mut keys[j].1, usize::MAX);
            if k == i || k == usize::MAX {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

/// Two `usize`s as one key, ordered by `hi` then `lo`.
pub fn pair(hi: usize, lo: usize) -> u128 {
    ((hi as u128) << 64) | lo as u128
}

/// `x` as a key in the order of [`f64::total_cmp`].
pub fn f64_key(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 { !bits } else { bits | 1 << 63 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_order_as_the_standard_stable_sort() {
        // Many ties (keys mod 7) so that stability shows, and sizes on both
        // sides of the small-sort threshold.
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for n in [0, 1, 2, 3, 17, 40, 333, 2000] {
            let items: Vec<(u64, usize)> = (0..n)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    (seed % 7, i)
                })
                .collect();
            let mut want = items.clone();
            want.sort_by_key(|x| x.0);
            let mut got = items.clone();
            sort_by_key(&mut got, |x| u128::from(x.0));
            assert_eq!(got, want, "n = {n}");
            // Descending through the complement, as callers write it.
            let mut want = items.clone();
            want.sort_by(|a, b| b.0.cmp(&a.0));
            let mut got = items;
            sort_by_key(&mut got, |x| u128::from(!x.0));
            assert_eq!(got, want, "n = {n}");
        }
    }

    #[test]
    fn f64_keys_order_as_total_cmp() {
        let xs = [f64::NEG_INFINITY, -1e300, -2.5, -0.0, 0.0, 5e-324, 0.1, 1.0, 2.5, 1e300, f64::INFINITY, f64::NAN, -f64::NAN];
        for a in xs {
            for b in xs {
                assert_eq!(f64_key(a).cmp(&f64_key(b)), a.total_cmp(&b), "{a} {b}");
            }
        }
    }

    #[test]
    fn pairs_order_as_tuples() {
        let xs = [0, 1, 7, usize::MAX - 1, usize::MAX];
        for a in xs {
            for b in xs {
                for c in xs {
                    for d in xs {
                        assert_eq!(pair(a, b).cmp(&pair(c, d)), (a, b).cmp(&(c, d)));
                    }
                }
            }
        }
    }
}
