//! The document decoder: per-word cached role sums, a memo for features
//! with few distinct ids, and the greedy pass over a sentence.

use crate::entities::features::{self, N_TAGS, O, SentenceFeatures, TokenInfo, roles};
use super::lanes::{self, LANES, Scores, add};
use super::table::Model;
use crate::text::Token;

/// The roles a word plays in its own and its neighbours' features, as
/// indices into [`Word::sums`].
const OWN: usize = 0;
const LEFT1: usize = 1;
const LEFT2: usize = 2;
const RIGHT1: usize = 3;
const RIGHT2: usize = 4;
/// The previous-tag-with-word feature when the previous tag is O (most
/// tokens), so that it is not probed per token.
const AFTER_O: usize = 5;
/// [`OWN`] plus [`AFTER_O`] plus the previous-tag-with-shape feature when
/// the previous tag is O: what a non-initial word after an O tag (most
/// tokens) gets from itself, in one add.
const OWN_AFTER_O: usize = 6;
const ROLES: usize = 7;

/// A distinct word of the document (in headline sentences or not).
pub(super) struct Word<'t> {
    pub(super) text: &'t str,
    pub(super) headline: bool,
    info: TokenInfo,
    alnum: bool,
    /// The summed weights of the features the word gives itself (as a
    /// non-initial token) and its neighbours, by role.
    sums: [Scores; ROLES],
}

/// The decoder's words by (text, headline flag): open addressing over
/// (hash, word index + 1) pairs, 0 for an empty slot.
///
/// Why not a `FastMap<(&str, bool), u32>`: it is asked once per token, and
/// there it hashed byte by byte and called `memcmp` (a byte loop in wasm)
/// on every hit. This uses the maps' hash ([`crate::hash::word_hash`], 8
/// bytes at a time) with the headline flag as its tag, and compares the text
/// only when the 32-bit hashes agree (then the word is read anyway: its sums
/// are what the token needs next), 8 bytes at a time.
struct WordIndex {
    slots: Vec<(u32, u32)>,
}

impl WordIndex {
    /// Room for `n` words before the table grows.
    fn with_capacity(n: usize) -> Self {
        WordIndex { slots: vec![(0, 0); (2 * n).next_power_of_two().max(16)] }
    }

    fn hash(w: &str, headline: bool) -> u32 {
        crate::hash::word_hash(w.as_bytes(), headline as u64) as u32
    }

    /// Whether `a` and `b` are the same bytes, compared inline.
    fn same(a: &str, b: &str) -> bool {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        let ((ac, ar), (bc, br)) = (a.as_chunks::<8>(), b.as_chunks::<8>());
        ac.iter().zip(bc).all(|(x, y)| u64::from_le_bytes(*x) == u64::from_le_bytes(*y))
            && ar.iter().zip(br).all(|(x, y)| x == y)
    }

    /// The index in `words` of (`w`, `headline`), or the hash to
    /// [`Self::insert`] it with.
    #[inline]
    fn get(&self, words: &[Word], w: &str, headline: bool) -> Result<u32, u32> {
        let h = Self::hash(w, headline);
        let mask = self.slots.len() - 1;
        let mut s = h as usize & mask;
        loop {
            let (key, k) = self.slots[s];
            if k == 0 {
                return Err(h);
            }
            if key == h
                && let Some(word) = words.get(k as usize - 1)
                && word.headline == headline
                && Self::same(word.text, w)
            {
                return Ok(k - 1);
            }
            s = (s + 1) & mask;
        }
    }

    /// Adds word `k` with hash `h` (from [`Self::get`]), which is not in
    /// the table; `k + 1` words are then in it.
    fn insert(&mut self, h: u32, k: u32) {
        if 2 * (k as usize + 1) > self.slots.len() {
            let n = 2 * self.slots.len();
            let old = std::mem::replace(&mut self.slots, vec![(0, 0); n]);
            for (h, k) in old.into_iter().filter(|&(_, k)| k != 0) {
                self.put(h, k);
            }
        }
        self.put(h, k + 1);
    }

    /// Empties the table, keeping its size.
    fn clear(&mut self) {
        self.slots.fill((0, 0));
    }

    fn put(&mut self, h: u32, k1: u32) {
        let mask = self.slots.len() - 1;
        let mut s = h as usize & mask;
        while self.slots[s].1 != 0 {
            s = (s + 1) & mask;
        }
        self.slots[s] = (h, k1);
    }
}

/// How many distinct words [`Decoder::words`] keeps before it starts
/// over (at the next sentence): ~9 MB of role sums. A long article has a
/// few tens of thousands of distinct words, so it keeps them all; a text
/// of names that never repeat (a list, a log) grew the cache by ~280 bytes
/// per name, 5x its own size, for words that were never looked up again.
/// The sums are the same whether cached or recomputed, so the tags are too.
const MAX_WORDS: usize = 1 << 15;

/// How many tokens' word bigrams [`Decoder::tag`] lists and prefetches at
/// once: a sentence's worth of most sentences, and a bound on the list on a
/// sentence of millions of tokens (a paste without full stops), where a
/// list for the whole sentence took 8 bytes per token.
const BIGRAM_BLOCK: usize = 256;

/// A slot of [`Decoder::memo`].
#[derive(Clone, Copy)]
struct Memo {
    id: u32,
    full: bool,
    scores: Scores,
}

/// Most slots of [`Decoder::memo`]: more than the distinct shape pairs,
/// kinds, spans and previous-tag-with-shape ids of a long article, in
/// about 64 KB. A short text gets fewer (they are all cleared per text).
const MEMO_SLOTS: usize = 1024;

/// The greedy decoder of [`Model::tag`], fed by per-document caches
/// instead of per-token feature lists.
///
/// Why: [`Model::tag`] probes the large weight table ~30 times per token,
/// each probe a likely cache miss, and hashes the word several times.
/// Almost all of those features depend on one word alone (its form,
/// affixes, shape and gazetteer classes, as itself or as a neighbour at a
/// fixed distance; see [`roles`]), and news repeats its words, so the
/// weights of each role are summed once per distinct word and kept; a
/// repeated word then costs one map lookup. Features over few distinct
/// values (shape pairs, token kinds, gazetteer spans, previous tag with the
/// shape) are kept per feature id, and the bias and tag-history features
/// sit in dense tables. Only the word bigrams and the previous tag with the
/// word are probed per token. The sums are exact integers, so the tags
/// are exactly those of [`Model::tag`] (tested).
pub struct Decoder<'m, 't> {
    model: &'m Model,
    bias: Scores,
    /// The bias plus the PREV_TAG and PREV2_TAG weights, by
    /// `prev2 * N_TAGS + prev`, filled at first use (a short text meets few
    /// of the pairs): every token starts from one of these.
    history: Vec<Option<Scores>>,
    /// The role sums of a neighbour beyond the sentence.
    edges: [Scores; 5],
    pub(super) words: Vec<Word<'t>>,
    index: WordIndex,
    /// Weights by feature id, for features with few distinct ids: a
    /// direct-mapped cache (ids are hashes already), cheaper than a map;
    /// a collision only costs a probe of the model.
    memo: Vec<Memo>,
    /// Per token of the sentence: its word.
    sent: Vec<u32>,
    /// By word: the stamp of the last sentence that listed it in its
    /// [`SentenceFeatures`], and its entry there.
    local: Vec<(u32, u32)>,
    /// This sentence's stamp.
    stamp: u32,
    /// Per token of a block of [`BIGRAM_BLOCK`] tokens: its two [`roles::bigrams`].
    bigrams: Vec<u32>,
    feats: Vec<u32>,
    /// Features of a word that depend on its shape alone (see [`roles`]).
    shapes: Vec<u32>,
    scratch: String,
    /// By previous tag: lane t is -1 when tag t may follow it
    /// ([`features::allowed`]) or is O, else 0: the candidates of
    /// [`lanes::best`].
    allowed: [Scores; N_TAGS],
}

impl<'m, 't> Decoder<'m, 't> {
    /// A decoder for one document of `tokens` tokens (a hint for sizing
    /// its tables).
    pub fn new(model: &'m Model, tokens: usize) -> Self {
        let sum = |feats: &[u32]| model.sum(feats);
        // Distinct words grow slower than tokens: room for all of a short
        // text's, and a start for a long one's. (A Word is ~200 bytes: at
        // tokens / 8, a 10 MB text reserved 55 MB for its ~21,000 words, and
        // the wasm memory's peak with it.)
        let words = tokens.min(4096 + tokens / 32).min(MAX_WORDS);
        let slots = (tokens / 2).next_power_of_two().clamp(64, MEMO_SLOTS);
        let (mut feats, mut shapes) = (Vec::new(), Vec::new());
        let mut edges = [[0; LANES]; 5];
        roles::left1(None, &mut feats, &mut shapes);
        feats.append(&mut shapes);
        edges[LEFT1] = sum(&feats);
        feats.clear();
        roles::right1(None, &mut feats, &mut shapes);
        feats.append(&mut shapes);
        edges[RIGHT1] = sum(&feats);
        edges[LEFT2] = sum(&[roles::left2(None)]);
        edges[RIGHT2] = sum(&[roles::right2(None)]);
        Decoder {
            model,
            bias: sum(&[roles::bias()]),
            history: vec![None; N_TAGS * N_TAGS],
            edges,
            words: Vec::with_capacity(words),
            index: WordIndex::with_capacity(words),
            memo: vec![Memo { id: 0, full: false, scores: [0; LANES] }; slots],
            sent: Vec::new(),
            local: Vec::new(),
            stamp: 0,
            bigrams: Vec::new(),
            feats,
            shapes,
            scratch: String::new(),
            allowed: std::array::from_fn(|prev| {
                std::array::from_fn(|t| if t < N_TAGS && (t == O as usize || features::allowed(prev as u8, t as u8)) { -1 } else { 0 })
            }),
        }
    }

    /// The features of `word` in `role` (never [`OWN`]), into `out` and
    /// `shapes` (see [`roles`]).
    fn role_features(info: &TokenInfo, role: usize, out: &mut Vec<u32>, shapes: &mut Vec<u32>) {
        match role {
            AFTER_O => out.push(features::prev_tag_lower(info, O)),
            OWN_AFTER_O => shapes.push(features::prev_tag_shape(info, O)),
            LEFT1 => roles::left1(Some(info), out, shapes),
            LEFT2 => out.push(roles::left2(Some(info))),
            RIGHT1 => roles::right1(Some(info), out, shapes),
            _ => out.push(roles::right2(Some(info))),
        }
    }

    /// The index of word `w`, added with its role sums if new.
    pub(super) fn word(&mut self, w: &'t str, headline: bool) -> u32 {
        let h = match self.index.get(&self.words, w, headline) {
            Ok(k) => return k,
            Err(h) => h,
        };
        let (info, alnum) = features::word_info(w, headline, &mut self.scratch);
        // The features of every role first, so that their cache lines are
        // fetched at once ([`Model::prefetch`]). Those of the shape alone
        // are few, and come from the memo.
        self.feats.clear();
        let mut shapes = std::mem::take(&mut self.shapes);
        shapes.clear();
        let mut ends = [(0, 0); ROLES];
        for (role, end) in ends.iter_mut().enumerate() {
            match role {
                OWN => roles::own(w, &info, headline, &mut self.feats, &mut shapes),
                _ => Self::role_features(&info, role, &mut self.feats, &mut shapes),
            }
            *end = (self.feats.len(), shapes.len());
        }
        self.model.prefetch(&self.feats);
        let mut sums = [[0; LANES]; ROLES];
        let mut own = [0; LANES];
        let mut start = (0, 0);
        for ((role, sum), &end) in sums.iter_mut().enumerate().zip(&ends) {
            *sum = self.model.sum(self.feats.get(start.0..end.0).unwrap_or(&[]));
            for &f in shapes.get(start.1..end.1).unwrap_or(&[]) {
                self.add_memo(sum, f);
            }
            start = end;
            if role == OWN_AFTER_O {
                add(sum, &own);
            }
            if role == OWN || role == AFTER_O {
                add(&mut own, sum);
            }
        }
        self.shapes = shapes;
        let k = self.words.len() as u32;
        self.words.push(Word { text: w, headline, info, alnum, sums });
        self.index.insert(h, k);
        k
    }

    /// Adds word `k`'s sum for `role` (not [`OWN`]) to `s`.
    #[inline]
    fn add_role(&self, s: &mut Scores, k: u32, role: usize) {
        add(s, &self.words[k as usize].sums[role]);
    }

    /// Adds the weights of `f`, a feature with few distinct ids, to `s`.
    fn add_memo(&mut self, s: &mut Scores, f: u32) {
        // The slot count is a power of two.
        let n = self.memo.len();
        let slot = &mut self.memo[f as usize & (n - 1)];
        if !slot.full || slot.id != f {
            *slot = Memo { id: f, full: true, scores: self.model.sum(&[f]) };
        }
        add(s, &slot.scores);
    }

    /// Tags one sentence greedily into `tags`, exactly as
    /// [`features::extract`] then [`Model::tag`] would, and fills `sf` as
    /// [`features::extract_info`] does (for the rules).
    pub fn tag(&mut self, text: &'t str, tokens: &[Token], sf: &mut SentenceFeatures, tags: &mut Vec<u8>) {
        // `sf.headline` (for the rules) is all-caps only; the features
        // read a lower-case sentence as a headline too (as `extract` does).
        let caps = features::is_headline(text, tokens);
        let headline = caps || features::is_lower_case(text, tokens);
        if self.words.len() >= MAX_WORDS {
            // Between sentences no token refers to a word by index.
            self.words.clear();
            self.index.clear();
            self.local.clear();
        }
        let mut sent = std::mem::take(&mut self.sent);
        sent.clear();
        sent.reserve_exact(tokens.len());
        for tok in tokens {
            sent.push(self.word(tok.text(text), headline));
        }
        // The sentence's token infos, each distinct word's once (see
        // [`SentenceFeatures`]): `local` maps a word to its entry in this
        // sentence's table when its stamp is this sentence's.
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.local.fill((0, 0));
            self.stamp = 1;
        }
        self.local.resize(self.words.len(), (0, 0));
        sf.begin(caps, tokens.len());
        for &k in &sent {
            let word = &self.words[k as usize];
            let slot = &mut self.local[k as usize];
            let id = if slot.0 == self.stamp {
                slot.1
            } else {
                let id = sf.push_word(word.info);
                *slot = (self.stamp, id);
                id
            };
            sf.push_token(id, word.alnum);
        }
        sf.finish(text, tokens);
        tags.clear();
        let n = tokens.len();
        tags.reserve_exact(n);
        let mut bigrams = std::mem::take(&mut self.bigrams);
        let (mut prev, mut prev2) = (O, O);
        for i in 0..n {
            let at = |j: usize| sf.info(j);
            if i % BIGRAM_BLOCK == 0 {
                // The word bigrams, probed per token, are fetched a block
                // at a time.
                bigrams.clear();
                let mut before = i.checked_sub(1).and_then(at);
                let mut this = at(i);
                for j in i..n.min(i + BIGRAM_BLOCK) {
                    let after = at(j + 1);
                    if let Some(x) = &this {
                        bigrams.extend(roles::bigrams(before.as_ref(), x, after.as_ref()));
                    }
                    (before, this) = (this, after);
                }
                self.model.prefetch(&bigrams);
            }
            let Some(info) = at(i) else { break };
            let before = i.checked_sub(1).and_then(at);
            let after = at(i + 1);
            // Bias and tag history.
            let model = self.model;
            let bias = &self.bias;
            let mut s = *self.history[prev2 as usize * N_TAGS + prev as usize].get_or_insert_with(|| {
                let [a, b, _, _] = features::tag_features(&info, prev, prev2);
                let mut h = *bias;
                add(&mut h, &model.sum(&[a, b]));
                h
            });
            let k = sent[i];
            let after_o = prev == O && !info.initial;
            if after_o {
                add(&mut s, &self.words[k as usize].sums[OWN_AFTER_O]);
            } else if info.initial && info.gaz == 0 {
                // What an initial token adds to its own features, when it
                // has no gazetteer classes (whose features have the flag).
                add(&mut s, &self.words[k as usize].sums[OWN]);
                self.add_memo(&mut s, roles::init_shape(&info));
            } else if info.initial {
                self.feats.clear();
                self.shapes.clear();
                roles::own(tokens[i].text(text), &info, headline, &mut self.feats, &mut self.shapes);
                add(&mut s, &self.model.sum(&self.feats));
                add(&mut s, &self.model.sum(&self.shapes));
            } else {
                add(&mut s, &self.words[k as usize].sums[OWN]);
            }
            for (role, j) in [(LEFT1, i.checked_sub(1)), (LEFT2, i.checked_sub(2)), (RIGHT1, Some(i + 1)), (RIGHT2, Some(i + 2))] {
                match j.filter(|&j| j < n) {
                    Some(j) => self.add_role(&mut s, sent[j], role),
                    None => add(&mut s, &self.edges[role]),
                }
            }
            let b = 2 * (i % BIGRAM_BLOCK);
            for &f in bigrams.get(b..b + 2).unwrap_or(&[]) {
                self.model.add_to(f, &mut s);
            }
            for f in roles::shape_pairs(before.as_ref(), &info, after.as_ref()) {
                self.add_memo(&mut s, f);
            }
            if let Some(f) = roles::kind(tokens[i].kind()) {
                self.add_memo(&mut s, f);
            }
            let (classes, pos) = sf.span(i);
            if pos != 0 {
                self.feats.clear();
                roles::span(classes, pos, &mut self.feats);
                let feats = std::mem::take(&mut self.feats);
                for &f in &feats {
                    self.add_memo(&mut s, f);
                }
                self.feats = feats;
            }
            if after_o {
                // Added with OWN above, and so was the previous tag with the shape.
            } else {
                if prev == O {
                    self.add_role(&mut s, k, AFTER_O);
                } else {
                    self.model.add_to(features::prev_tag_lower(&info, prev), &mut s);
                }
                self.add_memo(&mut s, features::prev_tag_shape(&info, prev));
            }
            let best = lanes::best(&s, &self.allowed[prev as usize]);
            tags.push(best);
            prev2 = prev;
            prev = best;
        }
        self.sent = sent;
        self.bigrams = bigrams;
    }
}
