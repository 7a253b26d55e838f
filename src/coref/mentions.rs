//! Mentions: the entity layer's named spans, names it missed, defined
//! acronyms and their uses, and each mention's role (speaker, subject).

use super::*;
use super::pronouns::is_speaker;


/// The named entity spans of the entity layer, as mentions.
pub(super) fn collect_mentions<'t>(text: &'t str, seg: &Segmentation, sink: &SpanSink) -> Vec<Mention<'t>> {
    let tokens = &seg.tokens;
    // The pipeline pushes paragraphs, sentences and tokens before any
    // other layer, so the entity spans are at the end: walking back from
    // there skips the token spans (most of the sink) without reading them.
    let spans = sink.spans();
    let first = spans
        .iter()
        .rposition(|s| matches!(s.layer, Layer::Paragraph | Layer::Sentence | Layer::Token))
        .map_or(0, |i| i + 1);
    let mut found: Vec<(usize, usize, SpanId, Label)> = spans[first..]
        .iter()
        .filter(|s| s.layer == Layer::Entity && is_named(s.label) && s.end_byte > s.start_byte)
        .filter(|s| text.get(s.start_byte..s.end_byte).is_some())
        .map(|s| (s.start_byte, s.end_byte, s.id, s.label))
        .collect();
    found.sort_unstable();
    // Sorted spans meet tokens and sentences with forward-moving cursors:
    // linear, and no cache-missing binary search per mention.
    let mut out: Vec<Mention<'t>> = Vec::with_capacity(found.len());
    let (mut t0, mut sent) = (0usize, 0usize);
    for (start, end, id, label) in found {
        while t0 < tokens.len() && tokens[t0].end() <= start {
            t0 += 1;
        }
        let mut t1 = t0;
        while t1 < tokens.len() && tokens[t1].start() < end {
            t1 += 1;
        }
        while sent < seg.sentence_tokens.len() && seg.sentence_tokens[sent].end <= t0 {
            sent += 1;
        }
        out.push(mention_in(seg, id, Origin::Entity, start, end, label, t0, t1, sent));
    }
    // Keep the layer flat even if the entity layer was not: drop a span
    // that starts inside the previous one.
    let mut last_end = 0;
    out.retain(|m| {
        let keep = m.start() >= last_end;
        if keep {
            last_end = m.end();
        }
        keep
    });
    out
}

#[allow(clippy::too_many_arguments)]
pub(super) fn mention<'t>(
    seg: &Segmentation,
    span: SpanId,
    origin: Origin,
    start: usize,
    end: usize,
    label: Label,
    t0: usize,
    t1: usize,
) -> Mention<'t> {
    let sent = seg.sentence_tokens.partition_point(|r| r.end <= t0);
    mention_in(seg, span, origin, start, end, label, t0, t1, sent)
}

/// [`mention`] with the sentence index already known.
#[allow(clippy::too_many_arguments)]
pub(super) fn mention_in<'t>(
    seg: &Segmentation,
    span: SpanId,
    origin: Origin,
    start: usize,
    end: usize,
    label: Label,
    t0: usize,
    t1: usize,
    sent: usize,
) -> Mention<'t> {
    let para = seg.sentence_paragraph.get(sent).copied().unwrap_or(0);
    // Offsets and indices of a text under the library's 32 MiB limit.
    let at = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    Mention {
        span,
        origin,
        start_at: at(start),
        end_at: at(end),
        label,
        t0_at: at(t0),
        t1_at: at(t1),
        sent_at: at(sent),
        para_at: at(para),
        in_quote: false,
        speaker: false,
        subject: false,
        possessor: false,
        adjective: false,
        entity: usize::MAX,
        refers_to: None,
        expansion: None,
        antecedent: None,
    }
}

/// Sets quote, speaker, subject, possessor and adjective flags.
pub(super) fn annotate_roles(text: &str, seg: &Segmentation, in_quote: &[bool], mentions: &mut [Mention<'_>]) {
    let tokens = &seg.tokens;
    let mut buf = [0u8; 24];
    let mut sentence_with_subject = usize::MAX;
    for m in mentions.iter_mut() {
        m.in_quote = in_quote.get(m.t0()).copied().unwrap_or(false);
        m.speaker = !m.in_quote && is_speaker(text, tokens, m.t0(), m.t1());
        let next = token_text(text, tokens, m.t1());
        m.possessor = matches!(next, "'s" | "\u{2019}s" | "'" | "\u{2019}");
        m.adjective = next == "-"
            || next.chars().next().is_some_and(char::is_lowercase)
                && tokens.get(m.t1()).is_some_and(|t| t.kind() == Label::Word);
        if !m.in_quote && sentence_with_subject != m.sent() {
            let prev_ok = match m.t0().checked_sub(1) {
                Some(p) if seg.sentence_tokens.get(m.sent()).is_some_and(|r| r.start <= p) => {
                    !lexicon::is_preposition(lower(text, tokens, p, &mut buf))
                }
                _ => true,
            };
            if prev_ok && !m.possessor {
                m.subject = true;
                sentence_with_subject = m.sent();
            }
        }
    }
}

/// Later uses of a known single-word name that the entity layer did not
/// tag ("Fairbanks told members" after "Shawn Fairbanks"; "Spotify" after
/// "Spotify") become mentions of that entity. Only surnames of people and
/// one-word organisation names count, only capitalised tokens that are not
/// glued to another capitalised word (so "Boeing Capital" is left alone),
/// and not at the start of a sentence unless a speech verb follows (where a
/// capitalised common word would look the same). One pass over the tokens
/// with a hash map: linear.
pub(super) fn recover_missed_names<'t>(text: &'t str, seg: &Segmentation, mentions: &mut Vec<Mention<'t>>, linker: &mut Linker<'t>) {
    let tokens = &seg.tokens;
    let mut known: crate::hash::FastMap<&str, Option<usize>> = crate::hash::FastMap::default();
    for m in mentions
        .iter()
        .filter(|m| m.origin == Origin::Entity && m.entity < linker.entities.len())
    {
        let word = match m.label {
            Label::Person => token_text(text, tokens, m.t1().saturating_sub(1)),
            // One word, or one word and a company suffix ("Boeing Co.").
            Label::Org if m.t1() == m.t0() + 1 => token_text(text, tokens, m.t0()),
            Label::Org if m.t1() == m.t0() + 2 && names::is_company_suffix_word(token_text(text, tokens, m.t0() + 1)) => {
                token_text(text, tokens, m.t0())
            }
            _ => continue,
        };
        if word.chars().count() < 3
            || !word.chars().next().is_some_and(char::is_uppercase)
            || lexicon::is_title(word)
            || lexicon::place(word).is_some()
            || names::is_acronym(word)
        {
            continue;
        }
        // A word two entities share is ambiguous: recover neither.
        known
            .entry(word)
            .and_modify(|e| {
                if *e != Some(m.entity) {
                    *e = None
                }
            })
            .or_insert(Some(m.entity));
    }
    if known.is_empty() {
        return;
    }
    let mut covered = vec![false; tokens.len()];
    for m in mentions.iter() {
        for slot in covered.iter_mut().take(m.t1()).skip(m.t0()) {
            *slot = true;
        }
    }
    let capitalised_word = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|t| t.kind() == Label::Word && t.text(text).chars().next().is_some_and(char::is_uppercase))
    };
    let mut buf = [0u8; 24];
    let mut found: Vec<Mention<'t>> = Vec::new();
    for s in 0..seg.sentence_tokens.len() {
        let range = seg.sentence_tokens[s].clone();
        for i in range.clone() {
            if covered.get(i).copied().unwrap_or(true) || !capitalised_word(i) {
                continue;
            }
            let Some(&Some(e)) = known.get(token_text(text, tokens, i)) else {
                continue;
            };
            // The first word of a sentence is capitalised anyway ("Later
            // Fairbanks told"), so it does not count as glued.
            let prev_glued =
                i > range.start + 1 && capitalised_word(i - 1) && !lexicon::is_title(token_text(text, tokens, i - 1));
            if prev_glued || capitalised_word(i + 1) {
                continue;
            }
            if i == range.start && !lexicon::is_speech_verb(lower(text, tokens, i + 1, &mut buf)) {
                continue;
            }
            let Some(label) = linker.entities.get(e).and_then(|x| x.label) else {
                continue;
            };
            let t = tokens[i];
            let mut m = mention(seg, SpanId::MAX, Origin::Recovered, t.start(), t.end(), label, i, i + 1);
            m.entity = e;
            found.push(m);
        }
    }
    if found.is_empty() {
        return;
    }
    // Merge the two sorted lists and re-point the entities' mention lists.
    drop((known, covered));
    let mut new_index: Vec<usize> = (0..mentions.len()).collect();
    let added = merge_in(mentions, &found, |old, new| new_index[old] = new);
    drop(found);
    for ent in linker.entities.iter_mut() {
        for m in ent.mentions.iter_mut() {
            *m = new_index.get(*m).copied().unwrap_or(*m);
        }
        ent.last = ent.mentions.iter().copied().max().unwrap_or(0);
    }
    for new in added {
        let e = mentions[new].entity;
        linker.add(e, new);
    }
}


/// Finds `Full Name (ACR)` and `ACR (Full Name)`.
pub(super) fn acronym_definitions<'t>(text: &'t str, seg: &Segmentation, mentions: &[Mention<'t>]) -> crate::hash::FastMap<&'t str, AcronymDef<'t>> {
    let tokens = &seg.tokens;
    let mut defs: crate::hash::FastMap<&'t str, AcronymDef<'t>> = crate::hash::FastMap::default();
    for (i, m) in mentions.iter().enumerate() {
        if token_text(text, tokens, m.t1()) != "(" || m.label == Label::Person {
            continue;
        }
        let surface = text.get(m.start()..m.end()).unwrap_or("");
        // Full Name (ACR)
        let inner = token_text(text, tokens, m.t1() + 1);
        if token_text(text, tokens, m.t1() + 2) == ")" && names::is_acronym(inner) && inner != surface {
            let possessor =
                m.t0().checked_sub(2)
                    .filter(|&p| matches!(token_text(text, tokens, p + 1), "'s" | "\u{2019}s"))
                    .map(|p| token_text(text, tokens, p))
                    .unwrap_or("");
            let long = format!("{possessor} {surface}");
            // After an organisation any acronym-shaped parenthesis is its
            // acronym, even in another language ("Workers' Party (PT)").
            if m.label == Label::Org || names::acronym_fits(inner, surface) || names::acronym_fits(inner, long.trim()) {
                defs.entry(inner).or_insert(AcronymDef {
                    long: Some(i),
                    long_span: Some((m.start(), m.end())),
                    expansion: surface,
                });
                continue;
            }
        }
        // ACR (Full Name)
        if names::is_acronym(surface) {
            let close = (m.t1() + 2..(m.t1() + 12).min(tokens.len())).find(|&j| token_text(text, tokens, j) == ")");
            let Some(close) = close else { continue };
            let (Some(a), Some(b)) = (tokens.get(m.t1() + 1), tokens.get(close - 1)) else {
                continue;
            };
            let Some(long_text) = text.get(a.start()..b.end()) else {
                continue;
            };
            // The long form needs two capitalised words: "BERLIN (Reuters)"
            // is a dateline, not a definition.
            if !long_text.chars().next().is_some_and(char::is_uppercase)
                || names::initials(long_text).is_none()
                || !names::acronym_fits(surface, long_text)
            {
                continue;
            }
            let at = mentions.partition_point(|x| (x.start(), x.end()) < (a.start(), b.end()));
            let long = mentions
                .get(at)
                .filter(|x| x.start() == a.start() && x.end() == b.end())
                .map(|_| at);
            let long_span = long.map(|_| (a.start(), b.end()));
            defs.entry(surface).or_insert(AcronymDef {
                long,
                long_span,
                expansion: long_text,
            });
        }
    }
    defs
}

/// Uses of a defined acronym that no entity span covers, as mentions in
/// text order.
pub(super) fn acronym_uses<'t>(
    text: &str,
    seg: &Segmentation,
    defs: &crate::hash::FastMap<&str, AcronymDef<'_>>,
    mentions: &[Mention<'t>],
) -> Vec<Mention<'t>> {
    let mut uses = Vec::new();
    if defs.is_empty() {
        return uses;
    }
    let tokens = &seg.tokens;
    let mut covered = vec![false; tokens.len()];
    for m in mentions.iter() {
        for slot in covered.iter_mut().take(m.t1()).skip(m.t0()) {
            *slot = true;
        }
    }
    for (i, t) in tokens.iter().enumerate() {
        if covered[i] || t.kind() != Label::Word {
            continue;
        }
        let w = t.text(text);
        if w.len() >= 2 && w.bytes().next().is_some_and(|b| b.is_ascii_uppercase()) && defs.contains_key(w) {
            uses.push(mention(
                seg,
                SpanId::MAX,
                Origin::Acronym,
                t.start(),
                t.end(),
                Label::Org,
                i,
                i + 1,
            ));
        }
    }
    uses
}

/// Merges `new` into `mentions`, both sorted by start and end, in place
/// (an old mention before a new one with the same range), and returns where
/// the new ones went, in order; `moved(old, new)` hears of each old mention
/// that moved. In place: a copy of the whole list, or a sort's scratch
/// buffer, was the layer's peak memory on long texts.
pub(super) fn merge_in<'t>(mentions: &mut Vec<Mention<'t>>, new: &[Mention<'t>], mut moved: impl FnMut(usize, usize)) -> Vec<usize> {
    let mut placed = vec![0; new.len()];
    let Some(&filler) = new.first() else {
        return placed;
    };
    let (mut i, mut j) = (mentions.len(), new.len());
    mentions.reserve_exact(new.len());
    mentions.resize(i + j, filler);
    // From the back, the larger of the two tails goes last; the slot
    // written is never an old mention not yet moved. Once the new ones are
    // placed, the old ones before them are where they were.
    for w in (0..mentions.len()).rev() {
        if j == 0 {
            break;
        }
        let old_first = i > 0 && (mentions[i - 1].start(), mentions[i - 1].end()) > (new[j - 1].start(), new[j - 1].end());
        if old_first {
            i -= 1;
            mentions[w] = mentions[i];
            moved(i, w);
        } else {
            j -= 1;
            mentions[w] = new[j];
            placed[j] = w;
        }
    }
    placed
}
