//! Memoised scans over the token list, for searches that would otherwise
//! start afresh for every cue of a sentence.
//!
//! "The first comma after the cue", "the last clause mark before it", "the
//! next word": each is a short walk on an article, but on one huge sentence
//! (a transcript without full stops, a text whose punctuation was stripped)
//! every cue walks to the sentence's end or start, and the layer turned
//! quadratic. A [`Scan`] remembers, for every token it has walked over, the
//! answer found at the end of the walk, so that no token is walked over
//! twice: all queries of one document together cost time linear in its
//! tokens, whatever their order. The answer for a range is then the
//! unbounded answer checked against the range's bound, which gives exactly
//! what the bounded walk gave.

use std::cell::Cell;

/// Not yet known.
const UNKNOWN: u32 = u32::MAX;

/// One memoised search for tokens that pass one fixed test, in one direction.
#[derive(Default)]
pub(crate) struct Scan {
    /// Per token, once walked over: the answer from there. Empty until the
    /// first query (most documents ask none of some scans).
    to: Vec<Cell<u32>>,
}

impl Scan {
    fn table(&mut self, n: usize) -> &[Cell<u32>] {
        if self.to.len() != n {
            self.to = (0..n).map(|_| Cell::new(UNKNOWN)).collect();
        }
        &self.to
    }

    /// The first index in `from..n` where `hit` holds, or `n`. `hit` must
    /// be the same test on every call.
    pub fn first(&mut self, from: usize, n: usize, hit: impl Fn(usize) -> bool) -> usize {
        if from >= n {
            return n;
        }
        let to = self.table(n);
        let mut i = from;
        let found = loop {
            if i >= n {
                break n;
            }
            let known = to[i].get();
            if known != UNKNOWN {
                break known as usize;
            }
            if hit(i) {
                break i;
            }
            i += 1;
        };
        for c in &to[from..i.min(n)] {
            c.set(found as u32);
        }
        if found == i && i < n {
            to[i].set(found as u32);
        }
        found
    }

    /// One past the last index before `end` (of `0..n`) where `hit` holds,
    /// or 0. `hit` must be the same test on every call.
    pub fn after_last(&mut self, end: usize, n: usize, hit: impl Fn(usize) -> bool) -> usize {
        let end = end.min(n);
        if end == 0 {
            return 0;
        }
        let to = self.table(n);
        // Cell k holds the answer for `end == k + 1`.
        let mut k = end;
        let found = loop {
            if k == 0 {
                break 0;
            }
            let known = to[k - 1].get();
            if known != UNKNOWN {
                break known as usize;
            }
            if hit(k - 1) {
                break k;
            }
            k -= 1;
        };
        for c in &to[k.saturating_sub(1)..end] {
            c.set(found as u32);
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every query, in every order, gives what the plain walk gives.
    #[test]
    fn memoised_scans_agree_with_plain_walks() {
        let marks: Vec<bool> = (0..200u32).map(|i| (i * 7919) % 13 == 0 || (90..140).contains(&i) && i % 29 == 0).collect();
        let n = marks.len();
        let hit = |i: usize| marks[i];
        let orders: [Vec<usize>; 3] =
            [(0..=n + 2).collect(), (0..=n + 2).rev().collect(), (0..=n + 2).map(|i| (i * 37) % (n + 3)).collect()];
        for order in &orders {
            let (mut fwd, mut back) = (Scan::default(), Scan::default());
            for &q in order {
                let want_first = (q..n).find(|&i| marks[i]).unwrap_or(n).max(q.min(n));
                assert_eq!(fwd.first(q, n, hit), want_first, "first from {q}");
                let want_after = (0..q.min(n)).rev().find(|&i| marks[i]).map_or(0, |i| i + 1);
                assert_eq!(back.after_last(q, n, hit), want_after, "after_last before {q}");
            }
        }
    }
}
