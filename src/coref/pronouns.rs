//! Pronoun speakers: `he`/`she`/`they` as the subject of a speech verb,
//! resolved to a recent compatible entity, and what the quote layer reads
//! of the result ([`pronoun_at`]).

use super::*;
use super::mentions::mention;

/// What the quote layer needs to know about a resolved pronoun.
#[derive(Clone, Debug, PartialEq)]
pub struct PronounLink {
    /// The `mention` span of the pronoun.
    pub span: SpanId,
    /// The document entity id ("e3").
    pub entity: String,
    /// The span id of the named mention it continues.
    pub antecedent: SpanId,
    /// How sure, 0..1.
    pub confidence: f64,
}

/// The resolved pronoun that starts at `start_byte`, if coref resolved one.
/// A convenience over the `mention` spans, which are the contract.
pub fn pronoun_at(sink: &SpanSink, start_byte: usize) -> Option<PronounLink> {
    sink.spans()
        .iter()
        .rev()
        .find(|s| s.layer == Layer::Mention && s.label == Label::Pronoun && s.start_byte == start_byte)
        .and_then(|s| {
            let entity = match s.attrs.get("entity") {
                Some(Value::Str(e)) => e.to_string(),
                _ => return None,
            };
            let antecedent = match s.attrs.get("antecedent") {
                Some(Value::Int(a)) => u32::try_from(*a).ok()?,
                _ => return None,
            };
            let confidence = match s.attrs.get("confidence") {
                Some(Value::Num(c)) => *c,
                _ => 0.0,
            };
            Some(PronounLink {
                span: s.id,
                entity,
                antecedent,
                confidence,
            })
        })
}


/// For each token, whether it lies inside double quotation marks. Marks
/// reset at each paragraph, so one unbalanced mark cannot flip a whole text.
pub(super) fn quote_mask(text: &str, seg: &Segmentation) -> Vec<bool> {
    let mut mask = vec![false; seg.tokens.len()];
    let mut para = usize::MAX;
    let mut inside = false;
    for (s, range) in seg.sentence_tokens.iter().enumerate() {
        let p = seg.sentence_paragraph.get(s).copied().unwrap_or(0);
        if p != para {
            para = p;
            inside = false;
        }
        for i in range.clone() {
            let Some(tok) = seg.tokens.get(i) else { continue };
            if tok.kind() == Label::Word || tok.kind() == Label::Number {
                if let Some(slot) = mask.get_mut(i) {
                    *slot = inside;
                }
                continue;
            }
            match tok.text(text) {
                "\"" => inside = !inside,
                "\u{201c}" | "``" => inside = true,
                "\u{201d}" | "''" => inside = false,
                _ => {
                    if let Some(slot) = mask.get_mut(i) {
                        *slot = inside;
                    }
                }
            }
        }
    }
    mask
}

/// Whether a mention is the subject of a speech verb or the object of
/// `said`/`according to`: "X said", "X, the mayor of Y, said", "X also
/// told", "said X", "said UN envoy X", "according to X".
pub(super) fn is_speaker(text: &str, tokens: &[Token], t0: usize, t1: usize) -> bool {
    let mut buf = [0u8; 24];
    // Where a verb may start: right after, after a comma, after an appositive.
    let mut starts = [t1, usize::MAX, usize::MAX];
    if token_text(text, tokens, t1) == "," {
        starts[1] = t1 + 1;
        // An appositive: ", the mayor of Phoenix, said".
        for j in t1 + 1..(t1 + 14).min(tokens.len()) {
            let w = token_text(text, tokens, j);
            if w == "," {
                starts[2] = j + 1;
                break;
            }
            if matches!(w, "." | ";" | "\"" | "\u{201c}" | "\u{201d}") {
                break;
            }
        }
    }
    for start in starts.into_iter().filter(|&s| s != usize::MAX) {
        for t in start..start + 4 {
            let w = lower(text, tokens, t, &mut buf);
            if lexicon::is_speech_verb(w) {
                return true;
            }
            if !lexicon::is_aux_or_adverb(w) {
                break;
            }
        }
    }
    // Backwards over a title and its modifiers: "said UN envoy X".
    let mut t = t0;
    for _ in 0..5 {
        let Some(p) = t.checked_sub(1) else {
            return false;
        };
        let w = lower(text, tokens, p, &mut buf);
        if lexicon::is_speech_verb(w) {
            return true;
        }
        if w == "to" && p >= 1 && lower(text, tokens, p - 1, &mut buf) == "according" {
            return true;
        }
        let raw = token_text(text, tokens, p);
        let capital = raw.chars().next().is_some_and(char::is_uppercase);
        if !(capital || lexicon::is_title(raw)) {
            return false;
        }
        t = p;
    }
    false
}


pub(super) fn pronoun(lower: &str) -> Option<Pronoun> {
    match lower {
        "he" => Some(Pronoun::He),
        "she" => Some(Pronoun::She),
        "they" => Some(Pronoun::They),
        _ => None,
    }
}

/// Finds pronoun subjects of speech verbs ("he said", "she also told",
/// "said he.") and unnamed speakers ("officials said", "said a commander")
/// in one pass over the tokens.
pub(super) fn speech_subjects(text: &str, seg: &Segmentation, in_quote: &[bool]) -> Vec<SpeechSubject> {
    let tokens = &seg.tokens;
    let mut out: Vec<SpeechSubject> = Vec::new();
    let mut buf2 = [0u8; 24];
    for i in 0..tokens.len() {
        if tokens[i].kind() != Label::Word || in_quote.get(i).copied().unwrap_or(false) {
            continue;
        }
        // Verbs are lower-case words of 2 to 12 letters: most tokens
        // (names, numbers, long words) are skipped by this cheap test.
        let verb = tokens[i].text(text);
        if !(2..=12).contains(&verb.len()) || !verb.as_bytes()[0].is_ascii_lowercase() {
            continue;
        }
        if !lexicon::is_speech_verb(verb) {
            // "groups were cautious": an unnamed subject of any finite verb
            // still takes a later "they" away from the last name.
            if verb.len() <= 5
                && matches!(
                    verb,
                    "were" | "are" | "was" | "is" | "have" | "has" | "had" | "will" | "would"
                )
                && let Some(plural) = i
                    .checked_sub(1)
                    .and_then(|p| lexicon::speaker_description(lower(text, tokens, p, &mut buf2)))
            {
                out.push(SpeechSubject {
                    token: i - 1,
                    pronoun: None,
                    plural,
                });
            }
            continue;
        }
        // Backwards: subject before the verb, over up to two auxiliaries.
        let mut j = i;
        for _ in 0..3 {
            let Some(p) = j.checked_sub(1) else { break };
            let w = lower(text, tokens, p, &mut buf2);
            if let Some(pr) = pronoun(w) {
                if !in_quote.get(p).copied().unwrap_or(false) && out.last().is_none_or(|o| o.token != p) {
                    out.push(SpeechSubject {
                        token: p,
                        pronoun: Some(pr),
                        plural: pr == Pronoun::They,
                    });
                }
                break;
            }
            if let Some(plural) = lexicon::speaker_description(w) {
                out.push(SpeechSubject {
                    token: p,
                    pronoun: None,
                    plural,
                });
                break;
            }
            if !lexicon::is_aux_or_adverb(w) {
                break;
            }
            j = p;
        }
        // Forwards: "said he." / "said a commander of ...".
        let next = lower(text, tokens, i + 1, &mut buf2);
        if let Some(pr @ (Pronoun::He | Pronoun::She)) = pronoun(next) {
            let after = token_text(text, tokens, i + 2);
            if after.is_empty() || tokens.get(i + 2).is_some_and(|t| t.kind() == Label::Punct) {
                out.push(SpeechSubject {
                    token: i + 1,
                    pronoun: Some(pr),
                    plural: false,
                });
            }
        } else if matches!(
            next,
            "a" | "an" | "the" | "one" | "two" | "three" | "several" | "some" | "many"
        ) {
            for k in i + 2..(i + 6).min(tokens.len()) {
                let w = lower(text, tokens, k, &mut buf2);
                if let Some(plural) = lexicon::speaker_description(w) {
                    out.push(SpeechSubject {
                        token: k,
                        pronoun: None,
                        plural,
                    });
                    break;
                }
            }
        }
    }
    out
}


/// Resolves `he`/`she`/`they` subjects of speech verbs to the best recent
/// compatible entity: last named speaker, then subject, then any mention,
/// discounted by sentence distance; an unnamed speaker ("officials said",
/// "said a commander") more recent than the best name blocks the link.
pub(super) fn resolve_pronouns(
    text: &str,
    seg: &Segmentation,
    in_quote: &[bool],
    mentions: &mut Vec<Mention<'_>>,
    linker: &mut Linker,
) {
    let subjects = speech_subjects(text, seg, in_quote);
    let tokens = &seg.tokens;
    let mut last_description: [Option<usize>; 2] = [None, None];
    let mut new_mentions: Vec<Mention<'_>> = Vec::new();
    for subj in &subjects {
        let Some(pr) = subj.pronoun else {
            last_description[usize::from(subj.plural)] = Some(subj.token);
            continue;
        };
        let Some(tok) = tokens.get(subj.token) else {
            continue;
        };
        let sent = seg.sentence_tokens.partition_point(|r| r.end <= subj.token);
        let k = mentions.partition_point(|m| m.start() < tok.start());
        // Best score per entity, with the mention that gave it.
        let mut scores: Vec<(usize, f64, usize)> = Vec::new();
        for idx in (0..k).rev().take(LOOKBACK_MENTIONS) {
            let m = &mentions[idx];
            if sent.saturating_sub(m.sent()) > LOOKBACK_SENTENCES {
                break;
            }
            if m.in_quote || m.entity == usize::MAX || m.origin == Origin::Pronoun {
                continue;
            }
            let Some(ent) = linker.entities.get(m.entity) else {
                continue;
            };
            let label = ent.label.unwrap_or(m.label);
            let fits = match pr {
                Pronoun::He => label == Label::Person && ent.gender != Some(Gender::Female),
                Pronoun::She => label == Label::Person && ent.gender != Some(Gender::Male),
                Pronoun::They => label == Label::Org || (label == Label::Norp && !m.adjective),
            };
            if !fits {
                continue;
            }
            let role = if m.speaker {
                3.0
            } else if m.subject {
                2.0
            } else {
                1.0
            };
            let mut score = role / (1.0 + (sent - m.sent().min(sent)) as f64);
            if m.possessor {
                score *= 0.5;
            }
            if pr != Pronoun::They && ent.gender.is_none() {
                score *= 0.8;
            }
            match scores.iter_mut().find(|s| s.0 == m.entity) {
                Some(s) if s.1 < score => *s = (m.entity, score, idx),
                Some(_) => {}
                None => scores.push((m.entity, score, idx)),
            }
        }
        // Best first.
        crate::sort::sort_by_key(&mut scores, |s| u128::from(!crate::sort::f64_key(s.1)));
        let Some(&(e, best, idx)) = scores.first() else {
            continue;
        };
        let blocked =
            last_description[usize::from(pr == Pronoun::They)].is_some_and(|d| d >= mentions[idx].t1() && d < subj.token);
        if blocked {
            continue;
        }
        let second = scores.get(1).map_or(0.0, |s| s.1);
        let mut confidence = 0.5 + 0.45 * (best - second) / best;
        if pr == Pronoun::They {
            confidence *= 0.85;
        } else if linker.entities[e].gender.is_none() {
            confidence *= 0.9;
        }
        // In hundredths: 50 to 95.
        let confidence = (confidence * 100.0).round() as u8;
        let mut pm = mention(
            seg,
            SpanId::MAX,
            Origin::Pronoun,
            tok.start(),
            tok.end(),
            Label::Pronoun,
            subj.token,
            subj.token + 1,
        );
        pm.entity = e;
        pm.speaker = true;
        pm.antecedent = Some((idx as u32, confidence));
        // Usage tells the gender of a name the table did not know.
        let ent = &mut linker.entities[e];
        if ent.gender.is_none() {
            ent.gender = match pr {
                Pronoun::He => Some(Gender::Male),
                Pronoun::She => Some(Gender::Female),
                Pronoun::They => None,
            };
        }
        new_mentions.push(pm);
    }
    mentions.reserve_exact(new_mentions.len());
    for pm in new_mentions {
        let m = mentions.len();
        let e = pm.entity;
        mentions.push(pm);
        linker.add(e, m);
    }
}
