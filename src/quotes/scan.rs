//! Memoised scans over the token list, for searches that would otherwise
//! start afresh for every cue of a sentence.
//!
//! "The first comma after the cue", "the last clause mark before it", "the
//! next word": each is a short walk on an article, but on one huge sentence
//! (a transcript without full stops, a text whose punctuation was stripped)
//! every cue walked to the sentence's end or start, and the layer turned
//! quadratic. A [`Scan`] remembers its last answer and the stretch of
//! tokens that answer covers (no hit in between), so a query inside that
//! stretch is answered at once and a walk stops where the stretch begins.
//! The cues ask in text order, so each token is walked over about once:
//! linear time, in constant memory (a table of answers per token cost 12
//! bytes a token on prose). The answer for a bounded range is the
//! unbounded answer checked against the bound, which gives exactly what
//! the bounded walk gave.

/// One memoised search for tokens that pass one fixed test, in one
/// direction: the last query's answer and the stretch it holds for.
#[derive(Default)]
pub(crate) struct Scan {
    /// Forward: no hit in `from..found` (`found` a hit, or the end).
    /// Backward: no hit in `found..end` (`found` 0 or one past a hit).
    last: Option<(usize, usize)>,
}

impl Scan {
    /// The first index in `from..n` where `hit` holds, or `n`. `hit` and
    /// `n` must be the same on every call.
    pub fn first(&mut self, from: usize, n: usize, hit: impl Fn(usize) -> bool) -> usize {
        if from >= n {
            return n;
        }
        let known = self.last;
        if let Some((f, found)) = known
            && f <= from
            && from <= found
        {
            return found;
        }
        let mut i = from;
        let found = loop {
            if i >= n {
                break n;
            }
            if let Some((f, found)) = known
                && i == f
            {
                break found;
            }
            if hit(i) {
                break i;
            }
            i += 1;
        };
        self.last = Some((from, found));
        found
    }

    /// One past the last index before `end` (of `0..n`) where `hit` holds,
    /// or 0. `hit` and `n` must be the same on every call.
    pub fn after_last(&mut self, end: usize, n: usize, hit: impl Fn(usize) -> bool) -> usize {
        let end = end.min(n);
        let known = self.last;
        if let Some((e, found)) = known
            && found <= end
            && end <= e
        {
            return found;
        }
        let mut k = end;
        let found = loop {
            if k == 0 {
                break 0;
            }
            if let Some((e, found)) = known
                && k == e
            {
                break found;
            }
            if hit(k - 1) {
                break k;
            }
            k -= 1;
        };
        self.last = Some((end, found));
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
