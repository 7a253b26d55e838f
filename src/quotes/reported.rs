//! Reported speech: the content and speaker of a cue that no quoted piece
//! used (`X said (that) CONTENT`, `CONTENT, X said`, `CONTENT, said X`,
//! `According to X, CONTENT`, `CONTENT, according to X`), and the queries
//! over the sorted cues that it asks.

use super::cues::{Cue, CueKind};
use super::state::State;
use super::words::quote_words;
use super::{Mention, Reported};




/// Reported speech of cue `c`: the content token range, a second range
/// when the cue clause interrupts the content ("Beyond that, she said, the
/// council may revisit the plan"), and the speaker. `coord` is the speaker
/// of an earlier cue in the sentence, for a coordinated cue ("acknowledged
/// … but said …").
pub(super) fn reported(st: &mut State, c: usize, coord: Option<Mention>) -> Option<Reported> {
    let seg = st.r.seg;
    let qw = quote_words();
    let cue = st.cues[c];
    let range = seg.sentence_tokens.get(cue.sent)?.clone();
    let (s0, s1) = (range.start, st.sentence_trim_end(cue.sent, range));
    let comma_before = cue.t0 > s0 && st.text_of(cue.t0 - 1) == ",";
    if cue.kind == CueKind::According {
        let (a, b, app) = st.speaker_after(c)?;
        if cue.t0 == s0 || !comma_before {
            // According to X, CONTENT.
            let comma = st.comma_in(b, s1)?;
            return Some(((comma + 1, s1), None, (a, b, app)));
        }
        // CONTENT, according to X. Not when CONTENT already has its source:
        // another kind of cue before this one (cues do not overlap, so each
        // ends by the time the next starts).
        let c0 = st.clause_start(s0, cue.t0 - 1);
        let (i, j) = cue_range(st.cues, c0, cue.t0);
        if State::any_cue(&st.next_not_according, i, j).is_some() {
            return None;
        }
        return Some(((c0, st.trim_end(c0, cue.t0 - 1)), None, (a, b, app)));
    }
    let rest_len = s1.saturating_sub(cue.t1);
    let adverbial_rest = |st: &mut State, from: usize, any_comma: bool| {
        from >= s1
            || (st.text_of(from) == ","
                && (any_comma || matches!(st.low(from + 1), "adding" | "saying" | "who" | "according" | "noting")))
            || (qw.adverbial_starts.contains(st.low(from))
                && (s1 - from <= 5
                    // "…, she said in a video message to the convention.":
                    // a longer adverbial, when no clause or quote follows.
                    || (s1 - from <= 10
                        && (from + 1..s1).all(|i| st.is_word(i) && !st.text_of(i).eq_ignore_ascii_case("that")))))
    };
    // "…, saying …", "a statement saying …": the participle's subject.
    let participle = cue.kind == CueKind::QuotedOnly && st.low(cue.t0).ends_with("ing");
    let sub = if participle { None } else { st.r.subject_before(cue.sent, cue.t0) };
    // The comma before the cue closes the subject's appositive or modifier.
    let comma_in_subject = sub
        .as_ref()
        .is_some_and(|s| {
            s.skipped_modifier
                || s.appositive.is_some_and(|a| a.1 <= s.t0 || s.t1 + 1 >= cue.t0 || (a.0 > s.t0 && a.1 + 1 >= cue.t0))
        });
    // CONTENT, said X. Not when a pronoun or a possessive follows the cue:
    // "Another pollster, Ana Ruiz, said her survey …" has its subject
    // before the cue and its content after.
    let clause_after = matches!(
        st.low(cue.t1),
        "he" | "she" | "they" | "it" | "we" | "i" | "his" | "her" | "their" | "its" | "our" | "my"
    );
    if comma_before
        && !comma_in_subject
        && !participle
        && !clause_after
        && let Some((a, b, app)) = st.speaker_after(c)
    {
        let end_np = app.map_or(b, |x| x.1);
        if adverbial_rest(st, end_np, false) && cue.t0 - 1 > s0 {
            let c0 = st.clause_start(s0, cue.t0 - 1);
            return Some(((c0, st.trim_end(c0, cue.t0 - 1)), None, (a, b, app)));
        }
    }
    let coordinated = cue.t0 > s0 && matches!(st.low(cue.t0 - 1), "and" | "but");
    let (m, subordinate) = match (sub, coord) {
        (Some(sub), _) => {
            let m = (sub.t0, sub.t1, sub.appositive);
            // CONTENT, X said (on Monday).
            if sub.group_start > sub.region_start
                && st.text_of(sub.group_start - 1) == ","
                && (rest_len == 0 || adverbial_rest(st, cue.t1, true))
            {
                let c0 = st.clause_start(s0, sub.group_start - 1);
                let first = (c0, st.trim_end(c0, sub.group_start - 1));
                // CONTENT, X said, CONTENT: the cue clause sits inside the
                // content when a clause, not an adverbial, follows it.
                let d0 = cue.t1 + 1;
                let tail = (rest_len > 0 && st.text_of(cue.t1) == "," && d0 < s1).then(|| {
                    let w = st.low(d0).to_string();
                    let adverbial = qw.adverbial_starts.contains(w.as_str())
                        || matches!(
                            w.as_str(),
                            "adding" | "saying" | "noting" | "citing" | "who" | "which" | "according" | "referring"
                        )
                        // "…, officials said, but no deal was reached": the
                        // writer's next clause.
                        || qw.clause_ends.contains(w.as_str())
                        || matches!(w.as_str(), "or" | "yet" | "so" | "because")
                        || w.ends_with("ing");
                    let other_cue = !cues_in(st.cues, d0, s1).is_empty();
                    (!adverbial && !other_cue && st.two_words(d0, s1)).then_some((d0, s1))
                });
                return Some((first, tail.flatten(), m));
            }
            (m, sub.subordinate)
        }
        (None, Some(m)) if coordinated => (m, false),
        (None, None) if coordinated => (st.r.sentence_subject(cue.sent, cue.t0)?, false),
        (None, _) if participle => {
            (participle_speaker(st, cue).or_else(|| st.r.participle_subject(cue.sent, cue.t0))?, false)
        }
        _ => return None,
    };
    // X said (that) CONTENT.
    let mut a = cue.t1;
    let verb = st.low(cue.t0).to_string();
    // "called for …", "called off …": another verb than naming.
    if verb.starts_with("call") && matches!(st.low(a), "for" | "off" | "on" | "up" | "out" | "back" | "in") {
        return None;
    }
    if matches!(verb.as_str(), "told" | "tells" | "tell" | "telling" | "warned" | "warns" | "assured" | "informed") {
        if let Some(t) = (a..(a + 12).min(s1)).find(|&i| st.text_of(i) == "that") {
            a = t + 1;
        } else if verb.starts_with('t') {
            // The object: names, possessives, titles in quotes ("CNN’s
            // “State of the Union”"), "reporters".
            while a < s1 {
                let capital = st.text_of(a).chars().next().is_some_and(char::is_uppercase);
                let w = st.low(a).to_string();
                let at = st.toks().get(a).map_or(0, |t| t.start());
                let title = st.pieces.get(st.pieces.partition_point(|q| q.start < at));
                if let Some(q) = title.filter(|q| q.start == at && q.closed) {
                    a = st.tok_at(q.end).max(a + 1);
                } else if capital || qw.told_objects.contains(&w) || matches!(w.as_str(), "’s" | "'s") {
                    a += 1;
                } else {
                    break;
                }
            }
        }
    }
    while a < s1 && qw.leading_adverbs.contains(st.low(a)) {
        a += 1;
    }
    // "said at the time that …", "said during this week’s debate that …":
    // an adverbial phrase, then the content after "that".
    if a < s1 && qw.adverbial_starts.contains(st.low(a)) {
        let that = (a + 1..(a + 10).min(s1))
            .take_while(|&i| st.is_word(i) || matches!(st.text_of(i), "’s" | "'s" | "-"))
            .find(|&i| st.text_of(i).eq_ignore_ascii_case("that"));
        if let Some(t) = that {
            a = t;
        }
    }
    let ends_in_prep = matches!(st.low(cue.t1 - 1), "about" | "over" | "that");
    let after_that = a < s1 && st.low(a) == "that" && !ends_in_prep;
    if after_that {
        a += 1;
    }
    let mut b = s1;
    // Another cue's clause ends this content: "…, though analysts
    // cautioned …".
    if let Some(x) = cues_in(st.cues, a + 2, b).first().copied() {
        if let Some(sub) = st.r.subject_before(x.sent, x.t0).filter(|s| s.region_start > a + 1) {
            let mut e = sub.region_start;
            while e > a && (matches!(st.text_of(e - 1), "," | ";") || qw.clause_ends.contains(st.low(e - 1))) {
                e -= 1;
            }
            if e > a && e < sub.region_start {
                b = b.min(e);
            }
        }
    }
    // A coordinated cue ends this content: "acknowledged that … but said …".
    let (i, j) = cue_range(st.cues, a + 2, b);
    if let Some(x) = State::any_cue(&st.next_coordinated, i, j).map(|k| st.cues[k]) {
        b = x.t0 - 1;
    }
    if subordinate && let Some(comma) = st.comma_in(a, s1) {
        b = comma;
    }
    // Cut a second attribution off the end: ", according to X".
    let (i, j) = cue_range(st.cues, a + 1, b);
    if let Some(x) = State::any_cue(&st.next_according, i, j).map(|k| st.cues[k])
        && x.t0 > a
        && st.text_of(x.t0 - 1) == ","
    {
        b = x.t0 - 1;
    }
    let b = st.trim_end(a, b);
    // "conceded shortly after midnight": an adverbial, not reported content.
    let first = st.low(a).to_string();
    let punct_first = matches!(st.text_of(a), "," | ";" | ":" | ")" | "." | "—" | "–");
    // After "that" the content has begun ("said that this was …"); "to"
    // after a verb of promise or appeal opens its content ("vowed to end
    // “…”", kept only with a quoted phrase, as such cues are).
    let infinitive = first == "to" && cue.kind == CueKind::DirectOnly;
    if punct_first
        || (!after_that && !infinitive && qw.adverbial_starts.contains(first.as_str()))
        || matches!(first.as_str(), "shortly" | "soon" | "immediately" | "quickly")
    {
        return None;
    }
    // The content keeps its "that", as PolNeAR marks it.
    let a0 = if after_that { a - 1 } else { a };
    (b > a).then_some(((a0, b), None, m))
}

/// The speaker of a participle cue after a comma ("…,” he wrote, adding
/// that …"): the speaker of the sentence's earlier cue, if any.
pub(super) fn participle_speaker(st: &State, cue: Cue) -> Option<Mention> {
    let s0 = st.r.seg.sentence_tokens.get(cue.sent)?.start;
    if cue.t0 <= s0 || st.text_of(cue.t0 - 1) != "," {
        return None;
    }
    // Cues have distinct starts, so a cue's index is its place in `cues`:
    // the last cue of the range with a speaker, without walking the range.
    let (i, j) = cue_range(st.cues, s0, cue.t0);
    st.cue_speaker.range(i..j).next_back().and_then(|(_, &mi)| st.mentions.get(mi)).copied()
}

/// The cues that start in tokens `a..b` (cues are sorted and disjoint).
pub(super) fn cues_in(cues: &[Cue], a: usize, b: usize) -> &[Cue] {
    let (i, j) = cue_range(cues, a, b);
    &cues[i..j]
}

/// The indices of the cues that start in tokens `a..b`.
pub(super) fn cue_range(cues: &[Cue], a: usize, b: usize) -> (usize, usize) {
    let i = cues.partition_point(|c| c.t0 < a);
    let j = cues.partition_point(|c| c.t0 < b);
    (i, j.max(i))
}
