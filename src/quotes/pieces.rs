//! Steps 3 and 4 of the quote layer (see the module docs of `quotes`):
//! each quoted piece's attribution (a cue before it, the subject of a
//! colon's clause, or a cue after it), and the groups of pieces that are one
//! utterance and share it.

use super::state::State;
use super::*;

/// A piece's attribution: its cue, if any, and its speaker mention.
pub(super) type Attr = (Option<usize>, usize);

/// Per piece, what step 3 found.
pub(super) struct Attribution {
    /// The piece's own attribution.
    pub(super) attr: Vec<Option<Attr>>,
    /// The first token of paraphrase before the piece that makes it mixed.
    pub(super) mixed_from: Vec<Option<usize>>,
    /// Whether the piece shares the previous piece's cue.
    pub(super) joins_prev: Vec<bool>,
}

/// Per piece its group (the index of the group's first piece), and per
/// group the attribution its pieces share.
pub(super) struct Groups {
    pub(super) group: Vec<usize>,
    pub(super) attr: FastMap<usize, Attr>,
}

/// Step 3: each piece's attribution, from a cue before it, the subject of a
/// colon's clause, or a cue after it.
pub(super) fn attribute_pieces(st: &mut State) -> Attribution {
    let n = st.pieces.len();
    let mut at = Attribution { attr: vec![None; n], mixed_from: vec![None; n], joins_prev: vec![false; n] };
    for k in 0..n {
        attribute_piece(st, k, &mut at);
    }
    at
}

/// Step 3 for piece `k`.
fn attribute_piece(st: &mut State, k: usize, at: &mut Attribution) {
    let r = st.r;
    let seg = r.seg;
    let pieces = st.pieces;
    let q = &pieces[k];
    let open = st.tok_at(q.start);
    let after = st.tok_at(q.end);
    let sent = st.sent_of(open);
    let s0 = seg.sentence_tokens.get(sent).map_or(0, |r| r.start);
    // (a) Leading: `X said: “…”`, `X said, “…”`, `X said “…”`.
    let mut j = open;
    let mut punct = "";
    while j > s0 && matches!(st.text_of(j - 1), ":" | ",") {
        punct = if st.text_of(j - 1) == ":" { ":" } else { "," };
        j -= 1;
    }
    let limit = match punct {
        ":" => 4,
        "," => 3,
        _ => 1,
    };
    let mut lead = None;
    let mut after_that = false;
    for g in 0..=limit {
        let Some(end) = j.checked_sub(g) else { break };
        if end <= s0 {
            break;
        }
        if let Some(c) = st.cue_ending(end) {
            let gap_ok = g == 0 || !punct.is_empty() || (g == 1 && st.low(end) == "that");
            if gap_ok && st.cues[c].sent == sent {
                lead = Some(c);
                after_that = g == 1 && punct.is_empty();
            }
            break;
        }
    }
    // `wrote “The Audacity of Hope”`: a title after a cue is not speech.
    if punct.is_empty() && title_like(st, q) {
        lead = None;
    }
    // `X said that “…”`, `X said “zero” voters would …`: a piece that
    // opens the cue's content clause, with no colon or comma between, is
    // part of reported speech; step 5 gives the whole clause, mixed.
    if let Some(c) = lead
        && punct.is_empty()
        && !st.cue_used[c]
        && (after_that || clause_goes_on(st, q, sent))
    {
        return;
    }
    if let Some(c) = lead {
        if st.cue_used[c] {
            // The cue of the previous piece: `“A,” he said, “B.”`
            at.joins_prev[k] = k > 0;
        } else {
            let cue = st.cues[c];
            let m = if cue.kind == CueKind::According {
                st.speaker_after(c)
            } else if cue.kind == CueKind::QuotedOnly && st.low(cue.t0).ends_with("ing") {
                // `…, adding, “…”`: the participle's subject.
                participle_speaker(st, cue).or_else(|| r.participle_subject(cue.sent, cue.t0))
            } else {
                r.subject_before(cue.sent, cue.t0).map(|s| (s.t0, s.t1, s.appositive))
            };
            if let Some(m) = m {
                st.cue_used[c] = true;
                let mi = st.mention(m);
                at.attr[k] = Some((Some(c), mi));
                st.cue_speaker.insert(c, mi);
                return;
            }
        }
    }
    // `Cruz was blunt: “…”`: after a colon with no cue, the clause's
    // subject when it is a name or a pronoun.
    if lead.is_none()
        && punct == ":"
        && let Some(m) = r.colon_subject(sent, j)
    {
        let mi = st.mention(m);
        at.attr[k] = Some((None, mi));
        return;
    }
    if at.joins_prev[k] || !q.closed {
        return;
    }
    // (b) Trailing: `“…,” he said`, `“…,” said X`.
    let para_end = seg.paragraphs.get(q.para).map_or(0, |p| st.tok_at(p.end));
    let mut t = after;
    while t < para_end && matches!(st.text_of(t), "," | "—" | "–" | "-") {
        t += 1;
    }
    if t >= para_end {
        return;
    }
    let trail = trailing_cue(st, t, para_end);
    // A cue in the next sentence attributes the piece only when its
    // clause ends there (`“Yes.” Mr. Lee said on Monday.`): after
    // `… ''The Art of the Deal.'' Mr. Lee said a jet …` the cue reports
    // content of its own, and a title is no speech.
    let piece_sentence = st.sent_of(after.saturating_sub(1).max(open));
    let trail = trail.filter(|&(c, _)| {
        let cue = st.cues[c];
        if cue.sent == piece_sentence {
            return true;
        }
        let s1 = seg.sentence_tokens.get(cue.sent).map_or(cue.t1, |r| st.trim_end(r.start, r.end));
        let rest = st.low(cue.t1).to_string();
        let clause_follows =
            cue.t1 < s1 && !quote_words().adverbial_starts.contains(rest.as_str()) && st.is_word(cue.t1);
        !clause_follows
    });
    // `on “Sunday Morning Futures,” Rep. Ann Lee said …`: a title before a
    // cue is no speech, in its sentence too.
    let trail = trail.filter(|_| !title_like(st, q));
    if let Some((c, m)) = trail {
        st.cue_used[c] = true;
        let mi = st.mention(m);
        at.attr[k] = Some((Some(c), mi));
        st.cue_speaker.insert(c, mi);
        // Paraphrase before the piece in its sentence makes it mixed,
        // unless an earlier piece in the sentence is the quote's start.
        let prev_in_sentence = k > 0 && pieces[k - 1].end > seg.sentences.get(sent).map_or(0, |s| s.start);
        let words_before = (s0..open).rev().filter(|&i| st.is_word(i)).take(2).count();
        if words_before >= 2 && !prev_in_sentence {
            at.mixed_from[k] = Some(s0);
        }
    }
}

/// Whether words of the piece's sentence follow its closing mark in the
/// same clause (`“zero” voters would …`, `“A” and “B”`), rather than its
/// end or a comma, dash or bracket.
fn clause_goes_on(st: &State, q: &Piece, sent: usize) -> bool {
    let t = st.tok_at(q.end);
    let s1 = st.r.seg.sentence_tokens.get(sent).map_or(0, |r| r.end);
    q.closed && t < s1 && st.is_word(t)
}

/// The unused cue after a closed piece and its speaker, the piece's
/// trailing attribution: a cue at token `t` (`“…,” said X`), or a noun
/// phrase at `t` and then a cue (`“…,” he said`), before `para_end`.
fn trailing_cue(st: &mut State, t: usize, para_end: usize) -> Option<(usize, Mention)> {
    let r = st.r;
    let mut trail: Option<(usize, Mention)> = None;
    if let Some(c) = st.cue_starting(t) {
        if !st.cue_used[c]
            && let Some(m) = st.speaker_after(c)
        {
            trail = Some((c, m));
        }
    } else {
        let first = st.low(t).to_string();
        let capital = |st: &State, i: usize| {
            st.toks().get(i).is_some_and(|tk| tk.text(r.text).chars().next().is_some_and(char::is_uppercase))
        };
        // "family therapist Ana Ruiz says": a lower-case role, then a
        // name, within a few words and no comma.
        let role_then_name = !capital(st, t)
            && (t + 1..(t + 4).min(para_end))
                .take_while(|&i| st.is_word(i) && st.text_of(i) != ",")
                .any(|i| capital(st, i));
        let starts_np = quote_words().pronouns.contains(first.as_str())
            || matches!(first.as_str(), "the" | "a" | "an" | "one" | "two" | "three" | "some" | "his" | "her" | "their")
            || capital(st, t)
            || role_then_name;
        // "Dana Wills, the mayor's adviser on housing and transit,
        // said": a name and a long appositive between commas.
        let appositive = (t + 1..(t + 5).min(para_end)).find(|&i| st.text_of(i) == ",").is_some();
        let reach = if appositive { 20 } else { 8 };
        if starts_np {
            let mut u = t;
            while u < para_end && u - t <= reach {
                let w = st.text_of(u);
                if matches!(w, "." | "?" | "!" | "“" | "”" | "\"" | ";" | ":" | "``" | "''") {
                    break;
                }
                if let Some(c) = st.cue_starting(u) {
                    if !st.cue_used[c] {
                        // The subject between the mark and the cue.
                        let mut e = u;
                        while e > t
                            && matches!(st.low(e - 1), "has" | "had" | "have" | "also" | "later" | "then" | "again")
                        {
                            e -= 1;
                        }
                        if e > t {
                            let first_is_pronoun = quote_words().pronouns.contains(first.as_str());
                            // "Sen. Elizabeth Warren, D-Mass., wrote": the
                            // name, then an appositive.
                            let comma = (t..e).find(|&i| st.text_of(i) == ",");
                            let m = match comma {
                                _ if first_is_pronoun => (t, t + 1, None),
                                Some(k) if k > t => {
                                    let app_end = st.trim_end(k + 1, e);
                                    (t, k, (app_end > k + 1).then_some((k + 1, app_end)))
                                }
                                _ => (t, e, None),
                            };
                            trail = Some((c, m));
                        }
                    }
                    break;
                }
                u += 1;
            }
        }
    }
    trail
}

/// Step 4: groups of interrupted, run-on and follow-on pieces, and the
/// attribution each group shares.
pub(super) fn group_pieces(st: &State, at: &Attribution) -> Groups {
    let pieces = st.pieces;
    let n = pieces.len();
    let (attr, mixed_from) = (&at.attr, &at.mixed_from);
    let mut group: Vec<usize> = (0..n).collect();
    for k in 1..n {
        let (p, q) = (&pieces[k - 1], &pieces[k]);
        let run_on = !p.closed && q.para == p.para + 1;
        let mut join = run_on || at.joins_prev[k];
        if !join && q.para == p.para && attr[k].is_none() && mixed_from[k - 1].is_none() {
            let a = st.tok_at(p.end);
            let b = st.tok_at(q.start);
            let words = (a..b).filter(|&i| st.is_word(i)).count();
            let has_prev_cue =
                attr[k - 1].and_then(|(c, _)| c).is_some_and(|c| st.cues[c].t0 >= a && st.cues[c].t1 <= b);
            // `“A.” “B.”`, or `“A,” she said. “B.”`: one utterance.
            join = (words == 0 && is_clause(st, p) && is_clause(st, q))
                || (has_prev_cue
                    && words <= 10
                    && b > a
                    && matches!(st.text_of(b - 1), "," | "." | ":" | ";" | "—")
                    && (is_clause(st, q) || ends_sentence(st, q)));
        }
        if join && attr[k].is_some() && attr[k - 1].is_some() {
            join = false;
        }
        if join {
            group[k] = group[k - 1];
        }
    }
    // A group's attribution, shared by its pieces.
    let mut group_attr: FastMap<usize, Attr> = FastMap::default();
    for k in 0..n {
        if let Some(a) = attr[k] {
            group_attr.entry(group[k]).or_insert(a);
        }
    }
    Groups { group, attr: group_attr }
}

/// Step 4, paragraphs: a quote paragraph with no cue continues the
/// previous quote's speaker.
pub(super) fn continue_paragraphs(st: &State, at: &Attribution, groups: &mut Groups) {
    let pieces = st.pieces;
    let seg = st.r.seg;
    let Groups { group, attr: group_attr } = groups;
    for k in 1..pieces.len() {
        let g = group[k];
        if group_attr.contains_key(&g) || group[k - 1] == g {
            continue;
        }
        let q = &pieces[k];
        let para_start = seg.paragraphs.get(q.para).map_or(usize::MAX, |p| st.tok_at(p.start));
        let at_para_start = st.tok_at(q.start) == para_start;
        let prev = &pieces[k - 1];
        let near = prev.para + 1 == q.para || prev.para == q.para;
        if at_para_start
            && near
            && is_clause(st, q)
            && at.mixed_from[k - 1].is_none()
            && let Some(&a) = group_attr.get(&group[k - 1])
        {
            // Group ids are the index of their first piece, and members
            // are contiguous, so this group is k.. while the id holds.
            let pg = group[k - 1];
            for x in group[k..].iter_mut().take_while(|x| **x == g) {
                *x = pg;
            }
            group_attr.insert(pg, a);
        }
    }
}
